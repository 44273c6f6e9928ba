"""Nghị quyết 21-NQ/TW (16/6/2022): the specific targets to 2025 and to 2030.

The resolution's "mục tiêu cụ thể" set, for each horizon: yearly *trên 90%* of TCCSĐ
and of members rated HTTNV or better; admissions *từ 3 - 4%* of the members at 31/12
of the previous year; and for villages and urban residential groups, a member in each
(to 2025) then a chi bộ in each (to 2030). Targets are checked at the levels that set
and report them: the Central Committee, the provinces and the levels directly above
the grassroots.
"""

from __future__ import annotations

from fractions import Fraction
from typing import ClassVar

from attrs import field, frozen

from coso_dang.documents import NQ21
from coso_dang.rules.base import Basis
from coso_dang.rules.generic import (
    BandRule,
    FullCoverageRule,
    ShareAboveRule,
    to_fraction,
)
from coso_dang.rules.ruleset import RuleSet, register_pack

__all__ = [
    "NQ21_2025",
    "NQ21_2030",
    "NQ21AdmissionBand2025Rule",
    "NQ21AdmissionBand2030Rule",
    "NQ21DangVienHttnv2025Rule",
    "NQ21DangVienHttnv2030Rule",
    "NQ21TccsdHttnv2025Rule",
    "NQ21TccsdHttnv2030Rule",
    "NQ21ThonCoChiBo2030Rule",
    "NQ21ThonCoDangVien2025Rule",
]

_TO_2025 = "mục tiêu cụ thể đến năm 2025"
_TO_2030 = "mục tiêu cụ thể đến năm 2030"
_GOOD = "xếp loại từ hoàn thành tốt nhiệm vụ trở lên"

# "trên 90%": strictly above nine in ten, so exactly 90% falls short.
_NINETY = Fraction(9, 10)
# "từ 3 - 4%": the band of yearly admissions over the members at 31/12 of the
# previous year ("so với tổng số đảng viên có đến thời điểm 31/12 của năm trước").
_BAND_LOW = Fraction(3, 100)
_BAND_HIGH = Fraction(4, 100)


@frozen
class NQ21TccsdHttnv2025Rule(ShareAboveRule):
    """Hằng năm trên 90% TCCSĐ xếp loại từ hoàn thành tốt nhiệm vụ trở lên (đến 2025).

    References:
        Nghị quyết 21-NQ/TW (16/6/2022), mục tiêu cụ thể đến năm 2025.

    >>> from coso_dang import Tally
    >>> rule = NQ21TccsdHttnv2025Rule()
    >>> print(rule.check(Tally(tccsd_htxsnv=0, tccsd_httnv=9, tccsd_htnv=1,
    ...                        tccsd_khtnv=0)).message)
    Tỷ lệ TCCSĐ hoàn thành tốt nhiệm vụ trở lên: 9/10 TCCSĐ (90%), không đạt chỉ tiêu
    trên 90%; cần thêm 1 TCCSĐ xếp loại từ hoàn thành tốt nhiệm vụ trở lên.
    """

    code: ClassVar[str] = "nq21.2025.tccsd_httnv_tro_len"
    title: ClassVar[str] = "Trên 90% tổ chức cơ sở đảng xếp loại từ hoàn thành tốt nhiệm vụ trở lên"
    basis: ClassVar[Basis] = Basis(NQ21, _TO_2025, 2022, 2025)
    wording: ClassVar[str] = "trên 90%"
    qualifier: ClassVar[str] = _GOOD

    ratio: str = field(default="tccsd_httnv_tro_len")
    # Why 9/10: the resolution writes "trên 90%", read strictly.
    threshold: Fraction = field(default=_NINETY, converter=to_fraction)


@frozen
class NQ21TccsdHttnv2030Rule(NQ21TccsdHttnv2025Rule):
    """Hằng năm trên 90% TCCSĐ xếp loại từ hoàn thành tốt nhiệm vụ trở lên (đến 2030).

    References:
        Nghị quyết 21-NQ/TW (16/6/2022), mục tiêu cụ thể đến năm 2030.

    >>> NQ21TccsdHttnv2030Rule().basis.period
    '2026–2030'
    """

    code: ClassVar[str] = "nq21.2030.tccsd_httnv_tro_len"
    basis: ClassVar[Basis] = Basis(NQ21, _TO_2030, 2026, 2030)


@frozen
class NQ21DangVienHttnv2025Rule(ShareAboveRule):
    """Hằng năm trên 90% đảng viên xếp loại từ hoàn thành tốt nhiệm vụ trở lên (đến 2025).

    The share is over the members rated (the unrated are reported apart).

    References:
        Nghị quyết 21-NQ/TW (16/6/2022), mục tiêu cụ thể đến năm 2025.

    >>> NQ21DangVienHttnv2025Rule().target().wording
    'trên 90%'
    """

    code: ClassVar[str] = "nq21.2025.dang_vien_httnv_tro_len"
    title: ClassVar[str] = "Trên 90% đảng viên xếp loại từ hoàn thành tốt nhiệm vụ trở lên"
    basis: ClassVar[Basis] = Basis(NQ21, _TO_2025, 2022, 2025)
    wording: ClassVar[str] = "trên 90%"
    qualifier: ClassVar[str] = _GOOD

    ratio: str = field(default="dang_vien_httnv_tro_len")
    # Why 9/10: "trên 90%", strict, as for organizations.
    threshold: Fraction = field(default=_NINETY, converter=to_fraction)


@frozen
class NQ21DangVienHttnv2030Rule(NQ21DangVienHttnv2025Rule):
    """Hằng năm trên 90% đảng viên xếp loại từ hoàn thành tốt nhiệm vụ trở lên (đến 2030).

    References:
        Nghị quyết 21-NQ/TW (16/6/2022), mục tiêu cụ thể đến năm 2030.

    >>> NQ21DangVienHttnv2030Rule.code
    'nq21.2030.dang_vien_httnv_tro_len'
    """

    code: ClassVar[str] = "nq21.2030.dang_vien_httnv_tro_len"
    basis: ClassVar[Basis] = Basis(NQ21, _TO_2030, 2026, 2030)


@frozen
class NQ21AdmissionBand2025Rule(BandRule):
    """Tỷ lệ kết nạp đảng viên mới hằng năm từ 3 - 4% (giai đoạn 2020 - 2025).

    Over the members at 31/12 of the previous year (the ``ty_le_ket_nap`` ratio).
    Below 3% fails; above 4% passes and is marked as exceeding the band.

    References:
        Nghị quyết 21-NQ/TW (16/6/2022), mục tiêu cụ thể đến năm 2025.

    >>> from coso_dang import Tally
    >>> tally = Tally(ket_nap=299, dang_vien_cuoi_nam_truoc=10000)
    >>> NQ21AdmissionBand2025Rule().check(tally).gap.text
    'cần thêm 1 đảng viên kết nạp mới'
    """

    code: ClassVar[str] = "nq21.2025.ty_le_ket_nap"
    title: ClassVar[str] = "Tỷ lệ kết nạp đảng viên mới hằng năm từ 3 - 4%"
    basis: ClassVar[Basis] = Basis(NQ21, _TO_2025, 2020, 2025)
    wording: ClassVar[str] = "từ 3 - 4%"
    qualifier: ClassVar[str] = "kết nạp mới"

    ratio: str = field(default="ty_le_ket_nap")
    # Why 3%: the floor of "từ 3 - 4%", inclusive ("từ").
    threshold: Fraction = field(default=_BAND_LOW, converter=to_fraction)
    # Why 4%: the band's top; more is "vượt", reported and not failed.
    upper: Fraction = field(default=_BAND_HIGH, kw_only=True, converter=to_fraction)


@frozen
class NQ21AdmissionBand2030Rule(NQ21AdmissionBand2025Rule):
    """Tỷ lệ kết nạp đảng viên mới hằng năm từ 3 - 4% (giai đoạn 2025 - 2030).

    References:
        Nghị quyết 21-NQ/TW (16/6/2022), mục tiêu cụ thể đến năm 2030.

    >>> NQ21AdmissionBand2030Rule().basis.period
    '2025–2030'
    """

    code: ClassVar[str] = "nq21.2030.ty_le_ket_nap"
    basis: ClassVar[Basis] = Basis(NQ21, _TO_2030, 2025, 2030)


@frozen
class NQ21ThonCoDangVien2025Rule(FullCoverageRule):
    """Phấn đấu 100% thôn, tổ dân phố có đảng viên (đến 2025).

    References:
        Nghị quyết 21-NQ/TW (16/6/2022), mục tiêu cụ thể đến năm 2025.

    >>> from coso_dang import Tally
    >>> NQ21ThonCoDangVien2025Rule().check(Tally(thon=120, thon_co_dang_vien=117)).gap.text
    'cần thêm 3 thôn, tổ dân phố có đảng viên'
    """

    code: ClassVar[str] = "nq21.2025.thon_co_dang_vien"
    title: ClassVar[str] = "100% thôn, tổ dân phố có đảng viên"
    basis: ClassVar[Basis] = Basis(NQ21, _TO_2025, 2022, 2025)
    wording: ClassVar[str] = "100%"
    qualifier: ClassVar[str] = "có đảng viên"

    # Why 1: every village and urban group ("100%").
    ratio: str = field(default="thon_co_dang_vien")


@frozen
class NQ21ThonCoChiBo2030Rule(FullCoverageRule):
    """Phấn đấu 100% thôn, tổ dân phố có chi bộ (đến 2030).

    References:
        Nghị quyết 21-NQ/TW (16/6/2022), mục tiêu cụ thể đến năm 2030.

    >>> NQ21ThonCoChiBo2030Rule().target().wording
    '100%'
    """

    code: ClassVar[str] = "nq21.2030.thon_co_chi_bo"
    title: ClassVar[str] = "100% thôn, tổ dân phố có chi bộ"
    basis: ClassVar[Basis] = Basis(NQ21, _TO_2030, 2026, 2030)
    wording: ClassVar[str] = "100%"
    qualifier: ClassVar[str] = "có chi bộ"

    # Why 1: a chi bộ in every village and urban group ("100%").
    ratio: str = field(default="thon_co_chi_bo")


#: Nghị quyết 21-NQ/TW, the targets to 2025.
NQ21_2025 = register_pack(
    RuleSet(
        "Nghị quyết 21-NQ/TW — mục tiêu đến năm 2025",
        (
            NQ21TccsdHttnv2025Rule(),
            NQ21DangVienHttnv2025Rule(),
            NQ21AdmissionBand2025Rule(),
            NQ21ThonCoDangVien2025Rule(),
        ),
        code="nq21-2025",
        basis=Basis(NQ21, _TO_2025, 2020, 2025),
    )
)

#: Nghị quyết 21-NQ/TW, the targets to 2030.
NQ21_2030 = register_pack(
    RuleSet(
        "Nghị quyết 21-NQ/TW — mục tiêu đến năm 2030",
        (
            NQ21TccsdHttnv2030Rule(),
            NQ21DangVienHttnv2030Rule(),
            NQ21AdmissionBand2030Rule(),
            NQ21ThonCoChiBo2030Rule(),
        ),
        code="nq21-2030",
        basis=Basis(NQ21, _TO_2030, 2025, 2030),
    )
)
