"""The vocabulary of counts (chỉ tiêu): registered indicators and the ratios between them.

Indicator codes are the official Vietnamese terms in ASCII snake case (``dang_vien``,
``tccsd_httnv``). Users register their own with :func:`register_indicator`; they then
merge, roll up and print exactly like the built-in ones.
"""

from __future__ import annotations

import difflib
import re
import threading
from collections.abc import Iterable, Iterator
from typing import Any, final

from attrs import Attribute, field, frozen

from coso_dang._checks import non_empty, of_type
from coso_dang.errors import CosoDangError
from coso_dang.i18n import N_
from coso_dang.ratings import Rating

__all__ = [
    "RATING_SUFFIXES",
    "RECORD_COLUMNS",
    "SHARE_PREFIX",
    "Indicator",
    "IndicatorError",
    "Ratio",
    "get_indicator",
    "get_ratio",
    "indicators",
    "ratios",
    "register_indicator",
    "register_ratio",
    "register_target",
    "unregister_indicator",
    "unregister_ratio",
]

_CODE = re.compile(r"[a-z][a-z0-9_]*")


def _code(instance: Any, attribute: Attribute[Any], value: object) -> None:
    if not isinstance(value, str) or not _CODE.fullmatch(value):
        raise IndicatorError(
            N_(
                "mã chỉ tiêu {code}: hãy dùng chữ thường ASCII nối bằng dấu gạch dưới",
                code=repr(value),
            )
        )


#: Share columns in :meth:`Rollup.to_records <coso_dang.rollup.Rollup.to_records>` are
#: named ``share_<ratio code>``; an indicator's own column may not be one of them.
SHARE_PREFIX = "share_"
#: The columns of an organization in those records, before its counts.
RECORD_COLUMNS = ("id", "name", "kind", "parent")


def _count_code(instance: Any, attribute: Attribute[Any], value: str) -> None:
    # A count's column beside the organization's own and the shares': the one written
    # last would silently replace the other.
    if value.startswith(SHARE_PREFIX):
        raise IndicatorError(
            N_(
                "mã chỉ tiêu {code} bắt đầu bằng share_, tiền tố của các cột tỷ lệ trong bảng "
                "tổng hợp: hãy đặt mã khác",
                code=repr(value),
            )
        )
    if value in RECORD_COLUMNS:
        raise IndicatorError(
            N_(
                "mã chỉ tiêu {code} là tên một cột của tổ chức trong bảng tổng hợp ({columns}): "
                "hãy đặt mã khác",
                code=repr(value),
                columns=", ".join(RECORD_COLUMNS),
            )
        )


def _codes(codes: Iterable[str]) -> tuple[str, ...]:
    if isinstance(codes, str):
        # tuple("ket_nap") would be its letters, each read as a code.
        raise IndicatorError(
            N_(
                "tử số và mẫu số là một dãy mã chỉ tiêu, không phải một chuỗi: viết ({code},)",
                code=repr(codes),
            )
        )
    found = tuple(codes)
    if not found:
        raise IndicatorError(N_("tử số và mẫu số cần ít nhất một mã chỉ tiêu"))
    for index, code in enumerate(found):
        # A count listed twice on one side is summed twice: a share of 2·k/n.
        if code in found[:index]:
            raise IndicatorError(
                N_(
                    "mã chỉ tiêu {code} có hai lần trong tử số hoặc mẫu số: mỗi mã chỉ tính "
                    "một lần",
                    code=repr(code),
                )
            )
    return found


class IndicatorError(CosoDangError, ValueError):
    """An unknown or conflicting indicator or ratio code."""


@final
@frozen
class Indicator:
    """A named count: its code, Vietnamese label and unit, and what it counts.

    >>> get_indicator("tccsd").label
    'Tổ chức cơ sở đảng'
    """

    code: str = field(validator=[_code, _count_code])
    label: str = field(validator=non_empty)
    unit: str = field(validator=non_empty)
    description: str = field(default="", validator=of_type(str))
    #: Counted over a period and only growing within it (admissions), unlike a count
    #: at a date (members): figures of part of a year are not judged against a yearly
    #: target for it as if the year were over.
    flow: bool = field(default=False, kw_only=True, validator=of_type(bool))


@final
@frozen
class Ratio:
    """A share derived from counts: the sum of *numerator* over the sum of *denominator*.

    >>> get_ratio("dang_vien_httnv_tro_len").denominator
    ('dang_vien_htxsnv', 'dang_vien_httnv', 'dang_vien_htnv', 'dang_vien_khtnv')
    """

    code: str = field(validator=_code)
    label: str = field(validator=non_empty)
    numerator: tuple[str, ...] = field(converter=_codes)
    denominator: tuple[str, ...] = field(converter=_codes)
    #: The unit the numerator counts, for sentences ("cần thêm 2 TCCSĐ ...").
    unit: str = field(default="", validator=of_type(str))


_INDICATORS: dict[str, Indicator] = {}
_RATIOS: dict[str, Ratio] = {}
# Registration checks, then sets: two threads registering one code must not both pass.
_REGISTERING = threading.Lock()


def register_indicator(indicator: Indicator) -> Indicator:
    """Add *indicator* to the vocabulary (registering the same one again is harmless).

    Raises:
        IndicatorError: another indicator already has that code.
    """
    if not isinstance(indicator, Indicator):
        raise IndicatorError(
            N_(
                "register_indicator nhận một Indicator, không phải {got}: viết "
                'register_indicator(Indicator(mã, "tên", "đơn vị"))',
                got=type(indicator).__name__,
            )
        )
    with _REGISTERING:
        known = _INDICATORS.get(indicator.code)
        if known is not None and known != indicator:
            raise IndicatorError(
                N_("mã chỉ tiêu {code} đã được đăng ký", code=repr(indicator.code))
            )
        _INDICATORS[indicator.code] = indicator
    return indicator


def unregister_indicator(code: str) -> None:
    """Remove indicator *code* from the vocabulary (for tests that add one for a while).

    Raises:
        IndicatorError: no such indicator, or a registered ratio uses it.
    """
    get_indicator(code)
    users = [r.code for r in _RATIOS.values() if code in (*r.numerator, *r.denominator)]
    if users:
        raise IndicatorError(
            N_(
                "chỉ tiêu {code} đang được dùng trong các tỷ lệ: {users}",
                code=repr(code),
                users=", ".join(users),
            )
        )
    del _INDICATORS[code]


def register_ratio(ratio: Ratio) -> Ratio:
    """Add *ratio*; every code it uses must already be a registered indicator.

    Raises:
        IndicatorError: the code is taken by another ratio, or a part is unknown.
    """
    if not isinstance(ratio, Ratio):
        raise IndicatorError(
            N_(
                "register_ratio nhận một Ratio, không phải {got}: viết "
                'register_ratio(Ratio(mã, "tên", (tử số,), (mẫu số,)))',
                got=type(ratio).__name__,
            )
        )
    for code in (*ratio.numerator, *ratio.denominator):
        get_indicator(code)
    with _REGISTERING:
        known = _RATIOS.get(ratio.code)
        if known is not None and known != ratio:
            raise IndicatorError(N_("mã tỷ lệ {code} đã được đăng ký", code=repr(ratio.code)))
        _RATIOS[ratio.code] = ratio
    return ratio


def unregister_ratio(code: str) -> Ratio:
    """Take ratio *code* out of the registry and return it (for tests that add one for a
    while: its indicators can then be unregistered too).

    Raises:
        IndicatorError: no such ratio.

    >>> made = register_ratio(Ratio("ty_le_tam", "Tỷ lệ tạm", ("ket_nap",), ("dang_vien",)))
    >>> unregister_ratio("ty_le_tam") is made
    True
    >>> "ty_le_tam" in {ratio.code for ratio in ratios()}
    False
    """
    ratio = get_ratio(code)
    with _REGISTERING:
        del _RATIOS[code]
    return ratio


def get_indicator(code: str) -> Indicator:
    """The registered indicator *code*.

    Raises:
        IndicatorError: no such indicator.
    """
    try:
        return _INDICATORS[code]
    except KeyError:
        near = _nearest(code, _INDICATORS)
        if near is None:
            raise IndicatorError(N_("không có chỉ tiêu mã {code}", code=repr(code))) from None
        raise IndicatorError(
            N_("không có chỉ tiêu mã {code}; có phải {near}?", code=repr(code), near=repr(near))
        ) from None


def get_ratio(code: str) -> Ratio:
    """The registered ratio *code*.

    Raises:
        IndicatorError: no such ratio.
    """
    try:
        return _RATIOS[code]
    except KeyError:
        near = _nearest(code, _RATIOS)
        if near is None:
            raise IndicatorError(N_("không có tỷ lệ mã {code}", code=repr(code))) from None
        raise IndicatorError(
            N_("không có tỷ lệ mã {code}; có phải {near}?", code=repr(code), near=repr(near))
        ) from None


def _nearest(code: object, known: Iterable[str]) -> str | None:
    """The registered code closest to a misspelled *code*, if one is close."""
    if not isinstance(code, str):
        return None
    found = difflib.get_close_matches(code, list(known), n=1, cutoff=0.7)
    return found[0] if found else None


def indicators() -> Iterator[Indicator]:
    """Every registered indicator, built-in ones first, in registration order."""
    return iter(tuple(_INDICATORS.values()))


def ratios() -> Iterator[Ratio]:
    """Every registered ratio, in registration order."""
    return iter(tuple(_RATIOS.values()))


#: The four rating levels as code suffixes, highest first (:attr:`Rating.suffix`).
RATING_SUFFIXES: tuple[str, ...] = tuple(rating.suffix for rating in Rating)

_ORG = "tổ chức"
_MEMBER = "đảng viên"
_UNIT = "thôn, tổ dân phố"
_COMMUNE = "xã, phường, thị trấn"

for _code_, _label, _unit in (
    ("tccsd", "Tổ chức cơ sở đảng", _ORG),
    ("dang_bo_co_so", "Đảng bộ cơ sở", _ORG),
    ("chi_bo_co_so", "Chi bộ cơ sở", _ORG),
    ("dang_bo_bo_phan", "Đảng bộ bộ phận", _ORG),
    ("chi_bo_truc_thuoc", "Chi bộ trực thuộc", _ORG),
    ("to_dang", "Tổ đảng", _ORG),
    ("dang_vien", "Đảng viên", _MEMBER),
    ("dang_vien_chinh_thuc", "Đảng viên chính thức", _MEMBER),
    ("dang_vien_du_bi", "Đảng viên dự bị", _MEMBER),
    ("dang_vien_cuoi_nam_truoc", "Đảng viên có đến 31/12 năm trước", _MEMBER),
    ("ket_nap", "Đảng viên mới kết nạp trong năm", _MEMBER),
    ("thon", "Thôn, tổ dân phố", _UNIT),
    ("thon_co_dang_vien", "Thôn, tổ dân phố có đảng viên", _UNIT),
    ("thon_co_chi_bo", "Thôn, tổ dân phố có chi bộ", _UNIT),
    ("truong_thon_la_dang_vien", "Trưởng thôn, tổ trưởng tổ dân phố là đảng viên", _UNIT),
    ("dang_vien_dang_cong_tac", "Đảng viên đang công tác", _MEMBER),
    (
        "dang_vien_giu_lien_he_noi_cu_tru",
        "Đảng viên đang công tác giữ mối liên hệ với nơi cư trú",
        _MEMBER,
    ),
    ("cap_uy_vien", "Cấp ủy viên cơ sở", "đồng chí"),
    (
        "cap_uy_vien_cao_dang_tro_len",
        "Cấp ủy viên cơ sở có trình độ cao đẳng, đại học trở lên",
        "đồng chí",
    ),
    (
        "cap_uy_vien_trung_cap_llct_tro_len",
        "Cấp ủy viên cơ sở có trình độ trung cấp lý luận chính trị trở lên",
        "đồng chí",
    ),
    ("xa", "Xã, phường, thị trấn", _COMMUNE),
    ("xa_co_chi_bo_quan_su", "Xã, phường, thị trấn có chi bộ quân sự", _COMMUNE),
    ("xa_co_chi_bo_cong_an", "Xã, phường, thị trấn có chi bộ công an", _COMMUNE),
):
    # Admissions are counted over the year; every other count here is at a date.
    register_indicator(Indicator(_code_, _label, _unit, flow=_code_ == "ket_nap"))

#: Not a count of one kind of organization but of one organization's direct subordinates,
#: so it is known only where it is typed in: a rollup does not count it (a sum of the
#: provinces' figures is no count of the bodies directly under the Central Committee),
#: and :func:`coso_dang.report.narrate` reads it from the tree when it has one.
register_indicator(
    Indicator(
        "dang_bo_truc_thuoc",
        "Đảng bộ trực thuộc",
        _ORG,
        "Đảng bộ cấp trên trực tiếp cơ sở (đảng bộ huyện, đảng ủy khối, đảng bộ quân sự, "
        "công an...) trực thuộc trực tiếp một đảng bộ tỉnh; đảng bộ tỉnh trực thuộc Trung "
        "ương. Không gồm đảng đoàn, ban cán sự đảng và tổ chức cơ sở đảng trực thuộc.",
    )
)

_RATING_LABELS = {
    "htxsnv": "hoàn thành xuất sắc nhiệm vụ",
    "httnv": "hoàn thành tốt nhiệm vụ",
    "htnv": "hoàn thành nhiệm vụ",
    "khtnv": "không hoàn thành nhiệm vụ",
}
_RATED = {
    "tccsd": ("Tổ chức cơ sở đảng", _ORG, "TCCSĐ"),
    "chi_bo_truc_thuoc": ("Chi bộ trực thuộc", _ORG, "chi bộ trực thuộc"),
    "dang_vien": ("Đảng viên", _MEMBER, "đảng viên"),
}
for _prefix, (_label, _unit, _short) in _RATED.items():
    for _suffix in RATING_SUFFIXES:
        register_indicator(
            Indicator(f"{_prefix}_{_suffix}", f"{_label} {_RATING_LABELS[_suffix]}", _unit)
        )
    _levels = tuple(f"{_prefix}_{s}" for s in RATING_SUFFIXES)
    register_ratio(
        Ratio(
            f"{_prefix}_httnv_tro_len",
            f"Tỷ lệ {_short} hoàn thành tốt nhiệm vụ trở lên",
            _levels[:2],
            _levels,
            _short,
        )
    )

for _ratio in (
    Ratio(
        "ty_le_ket_nap",
        "Tỷ lệ kết nạp đảng viên mới so với tổng số đảng viên cuối năm trước",
        ("ket_nap",),
        ("dang_vien_cuoi_nam_truoc",),
        "đảng viên",
    ),
    Ratio(
        "thon_co_dang_vien",
        "Tỷ lệ thôn, tổ dân phố có đảng viên",
        ("thon_co_dang_vien",),
        ("thon",),
        "thôn, tổ dân phố",
    ),
    Ratio(
        "thon_co_chi_bo",
        "Tỷ lệ thôn, tổ dân phố có chi bộ",
        ("thon_co_chi_bo",),
        ("thon",),
        "thôn, tổ dân phố",
    ),
    Ratio(
        "truong_thon_la_dang_vien",
        "Tỷ lệ trưởng thôn, tổ trưởng tổ dân phố là đảng viên",
        ("truong_thon_la_dang_vien",),
        ("thon",),
        "thôn, tổ dân phố",
    ),
    Ratio(
        "giu_lien_he_noi_cu_tru",
        "Tỷ lệ đảng viên đang công tác giữ mối liên hệ với nơi cư trú",
        ("dang_vien_giu_lien_he_noi_cu_tru",),
        ("dang_vien_dang_cong_tac",),
        "đảng viên",
    ),
    Ratio(
        "cap_uy_vien_cao_dang_tro_len",
        "Tỷ lệ cấp ủy viên cơ sở có trình độ cao đẳng, đại học trở lên",
        ("cap_uy_vien_cao_dang_tro_len",),
        ("cap_uy_vien",),
        "đồng chí",
    ),
    Ratio(
        "cap_uy_vien_trung_cap_llct_tro_len",
        "Tỷ lệ cấp ủy viên cơ sở có trình độ trung cấp lý luận chính trị trở lên",
        ("cap_uy_vien_trung_cap_llct_tro_len",),
        ("cap_uy_vien",),
        "đồng chí",
    ),
    # Reports give each level's share of the members rated; the quota's ratio is the
    # quotient of the first two (see the rating rules' HTXSNV quota).
    Ratio(
        "dang_vien_htxsnv_tren_danh_gia",
        "Tỷ lệ đảng viên hoàn thành xuất sắc nhiệm vụ trong số được đánh giá",
        ("dang_vien_htxsnv",),
        tuple(f"dang_vien_{s}" for s in RATING_SUFFIXES),
        "đảng viên",
    ),
    Ratio(
        "dang_vien_httnv_tren_danh_gia",
        "Tỷ lệ đảng viên hoàn thành tốt nhiệm vụ trong số được đánh giá",
        ("dang_vien_httnv",),
        tuple(f"dang_vien_{s}" for s in RATING_SUFFIXES),
        "đảng viên",
    ),
    Ratio(
        "dang_vien_htxsnv_tren_httnv",
        "Số đảng viên hoàn thành xuất sắc nhiệm vụ so với số hoàn thành tốt nhiệm vụ",
        ("dang_vien_htxsnv",),
        ("dang_vien_httnv",),
        "đảng viên",
    ),
    Ratio(
        "xa_co_chi_bo_quan_su",
        "Tỷ lệ xã, phường, thị trấn có chi bộ quân sự",
        ("xa_co_chi_bo_quan_su",),
        ("xa",),
        "xã, phường, thị trấn",
    ),
    Ratio(
        "xa_co_chi_bo_cong_an",
        "Tỷ lệ xã, phường, thị trấn có chi bộ công an",
        ("xa_co_chi_bo_cong_an",),
        ("xa",),
        "xã, phường, thị trấn",
    ),
):
    register_ratio(_ratio)


def register_target(code: str, *, label: str = "", ratio_label: str = "") -> Ratio:
    """Register the assigned target of count *code* and the ratio of the count to it.

    Adds the indicator ``chi_tieu_<code>`` (the target assigned, "chỉ tiêu được giao")
    and the ratio ``<code>_so_chi_tieu`` (the count over its target: "đạt 102% chỉ
    tiêu"), so any count can be measured against the target assigned for it. The
    built-in pair is the admissions' (``chi_tieu_ket_nap``, ``ket_nap_so_chi_tieu``).

    Args:
        code: the counted indicator.
        label: the target's label ("Chỉ tiêu được giao: <the count's label>" by default).
        ratio_label: the ratio's label.

    Raises:
        IndicatorError: *code* is not a registered indicator.

    >>> get_ratio("ket_nap_so_chi_tieu").denominator
    ('chi_tieu_ket_nap',)
    """
    counted = get_indicator(code)
    lower = counted.label[:1].lower() + counted.label[1:]
    target = register_indicator(
        Indicator(
            f"chi_tieu_{code}",
            label or f"Chỉ tiêu được giao: {lower}",
            counted.unit,
            "Chỉ tiêu cấp trên giao cho cả năm (hoặc cả kỳ).",
        )
    )
    return register_ratio(
        Ratio(
            f"{code}_so_chi_tieu",
            ratio_label or f"Tỷ lệ {lower} so với chỉ tiêu được giao",
            (code,),
            (target.code,),
            counted.unit,
        )
    )


register_target(
    "ket_nap",
    label="Chỉ tiêu kết nạp đảng viên được giao",
    ratio_label="Tỷ lệ kết nạp đảng viên so với chỉ tiêu được giao",
)
