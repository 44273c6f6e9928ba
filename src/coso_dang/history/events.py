"""Dated events of a member's membership and of an organization's lineage.

A member's history is a list of :class:`MemberEvent` (kết nạp, chuyển sinh hoạt, từ trần,
xóa tên...); an organization's a list of :class:`OrgEvent` (thành lập, sáp nhập, chia
tách, giải thể...). Both are plain records: what they mean together is worked out by
:mod:`coso_dang.history.membership` and :mod:`coso_dang.history.lineage`.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from typing import Any

from attrs import Attribute, field, frozen

from coso_dang._checks import composed, items_of, non_empty, normalized, of_type, tuple_of
from coso_dang._enums import LabelledEnum, text_to_parse
from coso_dang.errors import ParseError, RecordError, RecordTypeError, record_where
from coso_dang.i18n import N_
from coso_dang.orgs import OrgKind
from coso_dang.vi.text import fold

__all__ = [
    "MemberEvent",
    "MemberEventKind",
    "OrgEvent",
    "OrgEventKind",
    "TransferScope",
]


def _alias(text: str, aliases: dict[str, str], error: ParseError) -> str:
    """The code a known spelling stands for; else *error* (the labels accepted)."""
    code = aliases.get(fold(text).replace("-", " ").replace("_", " "))
    if code is None:
        raise error
    return code


class MemberEventKind(LabelledEnum):
    """What happened to a member's membership.

    >>> MemberEventKind.parse("qua doi") is MemberEventKind.TU_TRAN
    True
    >>> MemberEventKind.parse("Chuyển sinh hoạt chính thức đến").value
    'chuyen_den'
    """

    # Members are singletons: identity hashing is exact, and C-fast in the hot loops
    # (Enum's own hashes the name in Python).
    __hash__ = object.__hash__

    #: Kết nạp vào Đảng.
    KET_NAP = ("ket_nap", "Kết nạp")
    #: Kết nạp lại (at most once, for one who left the party).
    KET_NAP_LAI = ("ket_nap_lai", "Kết nạp lại")
    #: Chuyển sinh hoạt đảng chính thức đi.
    CHUYEN_DI = ("chuyen_di", "Chuyển sinh hoạt chính thức đi")
    #: Chuyển sinh hoạt đảng chính thức đến.
    CHUYEN_DEN = ("chuyen_den", "Chuyển sinh hoạt chính thức đến")
    #: Chuyển sinh hoạt đảng tạm thời đi.
    TAM_THOI_DI = ("tam_thoi_di", "Chuyển sinh hoạt tạm thời đi")
    #: Chuyển sinh hoạt đảng tạm thời đến.
    TAM_THOI_DEN = ("tam_thoi_den", "Chuyển sinh hoạt tạm thời đến")
    #: Phục hồi đảng tịch.
    PHUC_HOI = ("phuc_hoi", "Phục hồi đảng tịch")
    #: Từ trần.
    TU_TRAN = ("tu_tran", "Từ trần")
    #: Khai trừ ra khỏi Đảng.
    KHAI_TRU = ("khai_tru", "Khai trừ")
    #: Xóa tên trong danh sách đảng viên.
    XOA_TEN = ("xoa_ten", "Xóa tên")
    #: Xin ra khỏi Đảng.
    XIN_RA = ("xin_ra", "Xin ra khỏi Đảng")
    #: Miễn công tác và sinh hoạt đảng: from this day.
    MIEN = ("mien", "Miễn công tác và sinh hoạt đảng")
    #: The end of an exemption: back to work and activities.
    HET_MIEN = ("het_mien", "Thôi miễn công tác và sinh hoạt đảng")
    #: Đình chỉ sinh hoạt đảng: from this day.
    DINH_CHI = ("dinh_chi", "Đình chỉ sinh hoạt đảng")
    #: The end of a suspension.
    HET_DINH_CHI = ("het_dinh_chi", "Hết đình chỉ sinh hoạt đảng")

    @classmethod
    def _what(cls) -> str:
        # Named in Vietnamese, as the loaders name it: a parse refused named the class.
        return N_("loại biến động")

    @classmethod
    def parse(cls, text: str) -> MemberEventKind:
        """Read a kind from its code, label or a spelling clerks write.

        Raises:
            ParseError: no kind matches.
        """
        text = text_to_parse(cls._what(), text, personal=cls._personal())  # not its aliases'
        try:
            return super().parse(text)
        except ParseError as error:
            return cls[_alias(text, _MEMBER_ALIASES, error).upper()]

    @classmethod
    def _personal(cls) -> bool:
        return True  # "khai trừ", "đình chỉ", "miễn" (an illness): disciplines, health

    @property
    def is_transfer(self) -> bool:
        """True for the four kinds of chuyển sinh hoạt."""
        return self in _TRANSFERS


_MEMBER_ALIASES: dict[str, str] = {
    "kn": "ket_nap",
    "ket nap moi": "ket_nap",
    "ket nap dang": "ket_nap",
    "ket nap vao dang": "ket_nap",
    "ket nap lan 2": "ket_nap_lai",
    "ket nap lan hai": "ket_nap_lai",
    "ket nap lai vao dang": "ket_nap_lai",
    "ket nap lai dang": "ket_nap_lai",
    "chuyen di": "chuyen_di",
    "chuyen sinh hoat di": "chuyen_di",
    "chuyen sinh hoat dang di": "chuyen_di",
    "chuyen sinh hoat dang chinh thuc di": "chuyen_di",
    "chuyen den": "chuyen_den",
    "tiep nhan": "chuyen_den",
    "chuyen sinh hoat den": "chuyen_den",
    "chuyen sinh hoat dang den": "chuyen_den",
    "chuyen sinh hoat dang chinh thuc den": "chuyen_den",
    # Biểu 7-BTCTW's own words for the two sides (IV, "giới thiệu sinh hoạt đảng"):
    # with no "tạm thời", the official transfer, as "tiếp nhận" alone.
    "gioi thieu chuyen di": "chuyen_di",
    "gioi thieu sinh hoat dang": "chuyen_di",
    "gioi thieu sinh hoat dang di": "chuyen_di",
    "gioi thieu chuyen di chinh thuc": "chuyen_di",
    "gioi thieu chuyen di tam thoi": "tam_thoi_di",
    "gioi thieu sinh hoat dang tam thoi": "tam_thoi_di",
    "tiep nhan chuyen den": "chuyen_den",
    "tiep nhan sinh hoat dang": "chuyen_den",
    "tiep nhan chuyen den chinh thuc": "chuyen_den",
    "tiep nhan chuyen den tam thoi": "tam_thoi_den",
    "tiep nhan sinh hoat dang tam thoi": "tam_thoi_den",
    "tam thoi di": "tam_thoi_di",
    "chuyen sinh hoat dang tam thoi di": "tam_thoi_di",
    "sinh hoat tam thoi di": "tam_thoi_di",
    "tam thoi den": "tam_thoi_den",
    "chuyen sinh hoat dang tam thoi den": "tam_thoi_den",
    "sinh hoat tam thoi den": "tam_thoi_den",
    "phuc hoi": "phuc_hoi",
    "khoi phuc dang tich": "phuc_hoi",
    "chet": "tu_tran",
    "mat": "tu_tran",
    "qua doi": "tu_tran",
    "hy sinh": "tu_tran",
    "tu tran": "tu_tran",
    "xoa ten trong danh sach dang vien": "xoa_ten",
    "xoa ten dang vien": "xoa_ten",
    "xoa ten khoi danh sach dang vien": "xoa_ten",
    "khai tru ra khoi dang": "khai_tru",
    "khai tru khoi dang": "khai_tru",
    "ra khoi dang": "xin_ra",
    "xin ra": "xin_ra",
    "mien cong tac sinh hoat": "mien",
    "mien sinh hoat": "mien",
    "mien sinh hoat dang": "mien",
    "mien cong tac va sinh hoat": "mien",
    "thoi mien": "het_mien",
    "thoi mien sinh hoat": "het_mien",
    "thoi mien sinh hoat dang": "het_mien",
    "het mien": "het_mien",
    "het mien sinh hoat": "het_mien",
    "dinh chi": "dinh_chi",
    "dinh chi sinh hoat": "dinh_chi",
    "het dinh chi": "het_dinh_chi",
    "het dinh chi sinh hoat": "het_dinh_chi",
}

_K = MemberEventKind
_TRANSFERS = frozenset({_K.CHUYEN_DI, _K.CHUYEN_DEN, _K.TAM_THOI_DI, _K.TAM_THOI_DEN})


class TransferScope(LabelledEnum):
    """Where the other side of a transfer is, seen from this side.

    ``CUNG_HUYEN`` only exists before 1/7/2025, when districts had party committees; it
    is counted as within the province in Biểu 1.

    >>> TransferScope.parse("tinh khac") is TransferScope.TINH_KHAC
    True
    """

    # Members are singletons: identity hashing is exact, and C-fast in the hot loops
    # (Enum's own hashes the name in Python).
    __hash__ = object.__hash__

    #: Trong huyện (before 2025): another organization of the same district.
    CUNG_HUYEN = ("cung_huyen", "Trong huyện")
    #: Trong tỉnh: another organization of the same province (another district before 2025).
    CUNG_TINH = ("cung_tinh", "Trong tỉnh")
    #: Tỉnh khác: another province-level đảng bộ.
    TINH_KHAC = ("tinh_khac", "Tỉnh khác")

    @classmethod
    def _what(cls) -> str:
        # Named in Vietnamese, as the loaders name it: a parse refused named the class.
        return N_("phạm vi")

    @classmethod
    def parse(cls, text: str) -> TransferScope:
        """Read a scope from its code, label or a spelling clerks write.

        Raises:
            ParseError: no scope matches.
        """
        text = text_to_parse(cls._what(), text, personal=cls._personal())  # not its aliases'
        try:
            return super().parse(text)
        except ParseError as error:
            # Biểu 1's own rows name the scope with the direction ("Tỉnh khác chuyển
            # đến", "Chuyển đi huyện khác trong tỉnh", 2012's "Tỉnh uỷ (và tương đương)
            # khác"): the place is what is left without it.
            return cls[_alias(_place_words(text), _SCOPE_ALIASES, error).upper()]


#: The words of a Biểu 1 row that are not the place: its letter, the direction, and the
#: committee ("tỉnh uỷ (và tương đương) khác" is another province).
_NOT_PLACE = re.compile(r"^[a-z]\)|\(va tuong duong\)|\b(?:chuyen|den|di|uy)\b")


def _place_words(text: str) -> str:
    """*text* folded, without the words of a Biểu 1 row that are not the place."""
    folded = fold(text).replace("-", " ").replace("_", " ")
    return " ".join(_NOT_PLACE.sub(" ", folded).split())


_SCOPE_ALIASES: dict[str, str] = {
    "cung huyen": "cung_huyen",
    "trong huyen": "cung_huyen",
    "cung tinh": "cung_tinh",
    "trong tinh": "cung_tinh",
    "huyen khac": "cung_tinh",
    "khac huyen": "cung_tinh",
    "huyen khac trong tinh": "cung_tinh",
    # Since 1/7/2025 the communes sit right under the province.
    "xa khac trong tinh": "cung_tinh",
    "phuong khac trong tinh": "cung_tinh",
    "noi tinh": "cung_tinh",
    "ngoai tinh": "tinh_khac",
    "tinh khac": "tinh_khac",
    "khac tinh": "tinh_khac",
}


def _a_day(instance: Any, attribute: Attribute[Any], value: object) -> None:
    """A day (``date``), not a ``datetime`` (a pandas ``Timestamp`` is one): a time of
    day makes the value compare with no day, and a history would fail on it far away."""
    if not isinstance(value, date) or isinstance(value, datetime):
        place = _where(instance) if isinstance(instance, MemberEvent) else _org_where(instance)
        reason = N_(
            "phải là {expected}, không phải {got}",
            expected=N_("ngày (date)"),
            got=type(value).__name__,
        )
        raise RecordTypeError(place, attribute.name, None, reason)


def _date_or_none(value: object) -> bool:
    return value is None or isinstance(value, date)


def _transfer_only(instance: MemberEvent, attribute: Attribute[Any], value: object) -> None:
    kind = instance.kind
    if value is not None and isinstance(kind, MemberEventKind) and not kind.is_transfer:
        raise RecordError(
            _where(instance), attribute.name, value, N_("chỉ ghi cho việc chuyển sinh hoạt")
        )


def _not_this_side(instance: MemberEvent, attribute: Attribute[Any], value: object) -> None:
    if value is not None and value == instance.org_id:
        raise RecordError(_where(instance), attribute.name, value, N_("trùng với org_id"))


def _optional_text(instance: Any, attribute: Attribute[Any], value: object) -> None:
    if value is not None:
        non_empty(instance, attribute, value)


def _where(event: MemberEvent) -> str:
    ident = event.member_id if isinstance(event.member_id, str) else None
    return record_where("MemberEvent", ident or None)


@frozen
class MemberEvent:
    """One dated change of a member's membership.

    Only ``member_id`` and the date show in ``repr``: the kind may be a discipline.

    Args:
        member_id: the member.
        kind: what happened (:class:`MemberEventKind`).
        on: the day it took effect (for a transfer, the day of this side's decision).
        org_id: the chi bộ on this side (where the member was admitted, left from,
            arrived at...); ``None``: the member's chi bộ at the time.
        other_org_id: for a transfer, the organization on the other side, when known.
        scope: for a transfer, where the other side is (:class:`TransferScope`).
        decision: the number of the decision (số quyết định), if any.

    >>> MemberEvent("dv1", MemberEventKind.CHUYEN_DI, date(2024, 3, 1), org_id="cb1",
    ...             other_org_id="cb7", scope=TransferScope.CUNG_TINH)
    MemberEvent(member_id='dv1', on=datetime.date(2024, 3, 1))
    """

    member_id: str = field(converter=composed, validator=non_empty)
    kind: MemberEventKind = field(repr=False, validator=of_type(MemberEventKind))
    on: date = field(validator=_a_day)
    org_id: str | None = field(
        default=None, repr=False, converter=composed, validator=_optional_text
    )
    other_org_id: str | None = field(
        default=None,
        repr=False,
        converter=composed,
        validator=[_optional_text, _transfer_only, _not_this_side],
    )
    scope: TransferScope | None = field(
        default=None,
        repr=False,
        validator=[of_type(TransferScope, optional=True), _transfer_only],
    )
    decision: str | None = field(default=None, repr=False, validator=_optional_text)


class OrgEventKind(LabelledEnum):
    """What happened to an organization.

    >>> OrgEventKind.parse("sap nhap") is OrgEventKind.SAP_NHAP
    True
    """

    # Members are singletons: identity hashing is exact, and C-fast in the hot loops
    # (Enum's own hashes the name in Python).
    __hash__ = object.__hash__

    #: Thành lập: the organization exists from this day.
    THANH_LAP = ("thanh_lap", "Thành lập")
    #: Sáp nhập: merged into an existing organization (many into one).
    SAP_NHAP = ("sap_nhap", "Sáp nhập")
    #: Hợp nhất: merged with others into a new organization (many into one).
    HOP_NHAT = ("hop_nhat", "Hợp nhất")
    #: Chia tách: split into several organizations (one into many).
    CHIA_TACH = ("chia_tach", "Chia tách")
    #: Giải thể: dissolved.
    GIAI_THE = ("giai_the", "Giải thể")
    #: Giải tán: disbanded (a disciplinary measure).
    GIAI_TAN = ("giai_tan", "Giải tán")
    #: Đổi tên: renamed.
    DOI_TEN = ("doi_ten", "Đổi tên")
    #: Chuyển giao: placed under another superior.
    CHUYEN_GIAO = ("chuyen_giao", "Chuyển giao")
    #: Nâng cấp: chi bộ cơ sở becomes đảng bộ cơ sở (a chi bộ trực thuộc, đảng bộ bộ phận).
    NANG_CAP = ("nang_cap", "Nâng cấp")
    #: Hạ cấp: đảng bộ cơ sở becomes chi bộ cơ sở (a đảng bộ bộ phận, chi bộ trực thuộc).
    HA_CAP = ("ha_cap", "Hạ cấp")

    @classmethod
    def _what(cls) -> str:
        # Named in Vietnamese, as the loaders name it: a parse refused named the class.
        return N_("loại biến động tổ chức")

    @classmethod
    def parse(cls, text: str) -> OrgEventKind:
        """Read a kind from its code, label or a spelling clerks write.

        Raises:
            ParseError: no kind matches.
        """
        text = text_to_parse(cls._what(), text, personal=cls._personal())  # not its aliases'
        try:
            return super().parse(text)
        except ParseError as error:
            return cls[_alias(text, _ORG_ALIASES, error).upper()]

    @property
    def ends(self) -> bool:
        """True when the organization no longer exists after the event."""
        return self in _ENDING


_ORG_ALIASES: dict[str, str] = {
    "lap moi": "thanh_lap",
    "thanh lap moi": "thanh_lap",
    "sap nhap vao": "sap_nhap",
    "nhap": "sap_nhap",
    "hop nhat voi": "hop_nhat",
    "chia": "chia_tach",
    "tach": "chia_tach",
    "giai the to chuc": "giai_the",
    "ket thuc hoat dong": "giai_the",
    "doi ten goi": "doi_ten",
    "chuyen truc thuoc": "chuyen_giao",
    "chuyen giao truc thuoc": "chuyen_giao",
    "nang cap len dang bo co so": "nang_cap",
    "ha cap xuong chi bo co so": "ha_cap",
    # With the word a decision uses for what the organization becomes ("thành").
    "nang cap thanh dang bo co so": "nang_cap",
    "nang cap thanh dang bo bo phan": "nang_cap",
    "ha cap thanh chi bo co so": "ha_cap",
    "ha cap thanh chi bo truc thuoc": "ha_cap",
    "chia tach thanh": "chia_tach",
    "tach thanh": "chia_tach",
    "hop nhat thanh": "hop_nhat",
    "nhap vao": "sap_nhap",
    "doi ten thanh": "doi_ten",
    "thay doi ten": "doi_ten",
    "chuyen ve truc thuoc": "chuyen_giao",
}

_O = OrgEventKind
_ENDING = frozenset({_O.SAP_NHAP, _O.HOP_NHAT, _O.CHIA_TACH, _O.GIAI_THE, _O.GIAI_TAN})
#: The kinds that need successors (``into``), and those that cannot have any.
_NEEDS_INTO = frozenset({_O.SAP_NHAP, _O.HOP_NHAT, _O.CHIA_TACH})
_NO_INTO = frozenset({_O.THANH_LAP, _O.GIAI_THE, _O.GIAI_TAN, _O.DOI_TEN, _O.CHUYEN_GIAO})


def _org_where(event: OrgEvent) -> str:
    ident = event.org_id if isinstance(event.org_id, str) else None
    return record_where("OrgEvent", ident or None)


def _ids(value: object) -> tuple[str, ...]:
    result: tuple[str, ...] = items_of(value)  # type: ignore[arg-type]
    if isinstance(result, tuple):  # ids composed to NFC, as every record's
        result = tuple(
            unicodedata.normalize("NFC", item) if isinstance(item, str) else item for item in result
        )
    return result


@frozen
class OrgEvent:
    """One dated change of an organization's existence, place or name.

    Args:
        org_id: the organization the event is about (for a merger, one of those merged:
            give one event per organization merged).
        kind: what happened (:class:`OrgEventKind`).
        on: the day it took effect.
        into: the organizations it became (sáp nhập, hợp nhất: one; chia tách: several,
            the first one continuing its members; nâng cấp: optionally the chi bộ trực
            thuộc its members move to).
        parent_id: the new superior (chuyển giao; optional for thành lập).
        name: the new name (đổi tên).
        new_kind: the new level (nâng cấp, hạ cấp; when not given, the next level from
            the one before: chi bộ cơ sở and đảng bộ cơ sở, chi bộ trực thuộc and đảng bộ
            bộ phận).
        decision: the number of the decision (số quyết định), if any.

    >>> OrgEvent("X1", OrgEventKind.HOP_NHAT, date(2025, 7, 1), into=("X9",)).into
    ('X9',)
    """

    org_id: str = field(converter=composed, validator=non_empty)
    kind: OrgEventKind = field(validator=of_type(OrgEventKind))
    on: date = field(validator=_a_day)
    into: tuple[str, ...] = field(
        default=(), converter=_ids, validator=tuple_of(str, "an organization id")
    )
    parent_id: str | None = field(default=None, converter=composed, validator=_optional_text)
    name: str | None = field(
        default=None, converter=normalized, validator=of_type(str, optional=True)
    )
    new_kind: OrgKind | None = field(default=None, validator=of_type(OrgKind, optional=True))
    decision: str | None = field(default=None, validator=_optional_text)

    def __attrs_post_init__(self) -> None:
        kind = self.kind
        if kind in _NEEDS_INTO and not self.into:
            reason = N_("«{kind}» phải có tổ chức nhận (into)", kind=kind.label)
            raise RecordError(_org_where(self), "into", None, reason)
        if (kind is _O.SAP_NHAP or kind is _O.HOP_NHAT) and len(self.into) > 1:
            # Many into one: a second successor would get nothing of it (that is a
            # chia tách).
            reason = N_("«{kind}» chỉ có một tổ chức nhận (into)", kind=kind.label)
            raise RecordError(_org_where(self), "into", None, reason)
        if kind in _NO_INTO and self.into:
            reason = N_("«{kind}» không có tổ chức nhận (into)", kind=kind.label)
            raise RecordError(_org_where(self), "into", None, reason)
        if self.org_id in self.into:
            raise RecordError(
                _org_where(self), "into", self.org_id, N_("là mã của chính tổ chức này")
            )
        if kind is _O.CHUYEN_GIAO and self.parent_id is None:
            reason = N_("«Chuyển giao» phải có tổ chức cấp trên mới (parent_id)")
            raise RecordError(_org_where(self), "parent_id", None, reason)
        if kind is _O.DOI_TEN and not (self.name and self.name.strip()):
            raise RecordError(
                _org_where(self), "name", None, N_("«Đổi tên» phải có tên mới (name)")
            )
        if self.parent_id == self.org_id:
            raise RecordError(
                _org_where(self), "parent_id", self.parent_id, N_("là mã của chính tổ chức này")
            )
