"""Local plans implementing Nghị quyết 21-NQ/TW, each with its own wording.

The same target is written several ways — "trên 90%" (strict), "có 90%" (read as at
least), "từ 3 - 4%" (a band) or "từ 3% trở lên" (a floor) — and each rule here encodes
the wording of its own document.
"""

from __future__ import annotations

from fractions import Fraction
from typing import ClassVar

from attrs import field, frozen

from coso_dang._deprecation import aliases
from coso_dang.documents import CTR10_TU, KH26_BCSD, KH72_DUK
from coso_dang.orgs import OrgKind
from coso_dang.rules.base import Basis
from coso_dang.rules.generic import (
    BandRule,
    CountAtLeastRule,
    FullCoverageRule,
    ShareAboveRule,
    ShareAtLeastRule,
    to_fraction,
)
from coso_dang.rules.ruleset import RuleSet, register_pack

__all__ = [
    "BINH_PHUOC",
    "BINH_PHUOC_26_KH",
    "BINH_THUAN",
    "DONG_NAI",
    "BinhPhuocAdmissionBandRule",
    "BinhPhuocDangVienHttnvRule",
    "BinhPhuocGiuLienHeRule",
    "BinhPhuocTccsdHttnvRule",
    "BinhPhuocThonCoChiBoRule",
    "BinhPhuocXaCoChiBoCongAnRule",
    "BinhPhuocXaCoChiBoQuanSuRule",
    "BinhThuanKetNapRule",
    "DongNaiAdmissionRule",
    "DongNaiDangVienHttnvRule",
    "DongNaiTccsdHttnvRule",
    "UbndBinhPhuocAdmissionRule",
    "UbndBinhPhuocChiBoHttnvRule",
    "UbndBinhPhuocDangVienHttnvRule",
    "UbndBinhPhuocTccsdHttnvRule",
    "UbndBinhPhuocTruongThonRule",
]

_GOOD = "xếp loại từ hoàn thành tốt nhiệm vụ trở lên"
_NINETY = Fraction(9, 10)
_THREE = Fraction(3, 100)
_FOUR = Fraction(4, 100)

# -- Tỉnh ủy Bình Phước: Chương trình hành động 10-CTr/TU (18/10/2022) ----------------------

_BP = "mục tiêu hằng năm"


@frozen
class BinhPhuocTccsdHttnvRule(ShareAboveRule):
    """Hằng năm có trên 90% TCCSĐ xếp loại từ hoàn thành tốt nhiệm vụ trở lên.

    References:
        Chương trình hành động 10-CTr/TU (18/10/2022) của Tỉnh ủy Bình Phước thực hiện
        Nghị quyết 21-NQ/TW (reported by the party's news site on 29/9/2022, and cited
        by Kế hoạch 26-KH/BCSĐ).

    >>> BinhPhuocTccsdHttnvRule().target().wording
    'trên 90%'
    """

    code: ClassVar[str] = "binh_phuoc.10_ctr_tu.tccsd_httnv_tro_len"
    title: ClassVar[str] = "Trên 90% tổ chức cơ sở đảng xếp loại từ hoàn thành tốt nhiệm vụ trở lên"
    basis: ClassVar[Basis] = Basis(CTR10_TU, _BP, 2022, 2025)
    wording: ClassVar[str] = "trên 90%"
    qualifier: ClassVar[str] = _GOOD

    ratio: str = field(default="tccsd_httnv_tro_len")
    # Why 9/10: "trên 90%", as in the resolution it implements; strict.
    threshold: Fraction = field(default=_NINETY, converter=to_fraction)


@frozen
class BinhPhuocDangVienHttnvRule(ShareAboveRule):
    """Hằng năm có trên 90% đảng viên xếp loại từ hoàn thành tốt nhiệm vụ trở lên.

    References:
        Chương trình hành động 10-CTr/TU (18/10/2022) của Tỉnh ủy Bình Phước.

    >>> BinhPhuocDangVienHttnvRule().ratio
    'dang_vien_httnv_tro_len'
    """

    code: ClassVar[str] = "binh_phuoc.10_ctr_tu.dang_vien_httnv_tro_len"
    title: ClassVar[str] = "Trên 90% đảng viên xếp loại từ hoàn thành tốt nhiệm vụ trở lên"
    basis: ClassVar[Basis] = Basis(CTR10_TU, _BP, 2022, 2025)
    wording: ClassVar[str] = "trên 90%"
    qualifier: ClassVar[str] = _GOOD

    ratio: str = field(default="dang_vien_httnv_tro_len")
    # Why 9/10: "trên 90%", strict.
    threshold: Fraction = field(default=_NINETY, converter=to_fraction)


@frozen
class BinhPhuocAdmissionBandRule(BandRule):
    """Phấn đấu tỷ lệ kết nạp đảng viên mới hằng năm đạt từ 3-4% so với tổng số đảng viên.

    The programme does not name the date of the total; the resolution's convention
    (31/12 of the previous year, the ``ty_le_ket_nap`` ratio) is used.

    References:
        Chương trình hành động 10-CTr/TU (18/10/2022) của Tỉnh ủy Bình Phước.

    >>> BinhPhuocAdmissionBandRule().target().upper
    Fraction(1, 25)
    """

    code: ClassVar[str] = "binh_phuoc.10_ctr_tu.ty_le_ket_nap"
    title: ClassVar[str] = "Tỷ lệ kết nạp đảng viên mới hằng năm từ 3-4%"
    basis: ClassVar[Basis] = Basis(CTR10_TU, _BP, 2022, 2025)
    wording: ClassVar[str] = "từ 3-4%"
    qualifier: ClassVar[str] = "kết nạp mới"

    ratio: str = field(default="ty_le_ket_nap")
    # Why 3% and 4%: the band "từ 3-4%", floor included; above it is reported.
    threshold: Fraction = field(default=_THREE, converter=to_fraction)
    upper: Fraction = field(default=_FOUR, kw_only=True, converter=to_fraction)


@frozen
class BinhPhuocThonCoChiBoRule(FullCoverageRule):
    """Duy trì 100% thôn, ấp, khu phố có chi bộ.

    References:
        Chương trình hành động 10-CTr/TU (18/10/2022) của Tỉnh ủy Bình Phước.

    >>> BinhPhuocThonCoChiBoRule().ratio
    'thon_co_chi_bo'
    """

    code: ClassVar[str] = "binh_phuoc.10_ctr_tu.thon_co_chi_bo"
    title: ClassVar[str] = "Duy trì 100% thôn, ấp, khu phố có chi bộ"
    basis: ClassVar[Basis] = Basis(CTR10_TU, _BP, 2022, 2025)
    wording: ClassVar[str] = "100%"
    qualifier: ClassVar[str] = "có chi bộ"

    # Why 100%: "duy trì" — the province already had a chi bộ in every village.
    ratio: str = field(default="thon_co_chi_bo")


@frozen
class BinhPhuocGiuLienHeRule(FullCoverageRule):
    """100% đảng viên đang công tác giữ mối liên hệ với tổ chức đảng và nhân dân nơi cư trú.

    References:
        Chương trình hành động 10-CTr/TU (18/10/2022) của Tỉnh ủy Bình Phước; the duty
        itself is Quy định 213-QĐ/TW (02/01/2020).

    >>> BinhPhuocGiuLienHeRule().ratio
    'giu_lien_he_noi_cu_tru'
    """

    code: ClassVar[str] = "binh_phuoc.10_ctr_tu.giu_lien_he_noi_cu_tru"
    title: ClassVar[str] = (
        "100% đảng viên đang công tác giữ mối liên hệ với tổ chức đảng và nhân dân nơi cư trú"
    )
    basis: ClassVar[Basis] = Basis(CTR10_TU, _BP, 2022, 2025)
    wording: ClassVar[str] = "100%"
    qualifier: ClassVar[str] = "giữ mối liên hệ với nơi cư trú"

    # Why 100%: every working member, as Quy định 213-QĐ/TW requires of each.
    ratio: str = field(default="giu_lien_he_noi_cu_tru")


@frozen
class BinhPhuocXaCoChiBoQuanSuRule(FullCoverageRule):
    """100% xã, phường, thị trấn có chi bộ quân sự.

    References:
        Tỉnh ủy Bình Phước, figures reported with 10-CTr/TU (29/9/2022): "100% xã,
        phường, thị trấn có chi bộ quân sự và chi bộ công an".

    >>> BinhPhuocXaCoChiBoQuanSuRule().ratio
    'xa_co_chi_bo_quan_su'
    """

    code: ClassVar[str] = "binh_phuoc.10_ctr_tu.xa_co_chi_bo_quan_su"
    title: ClassVar[str] = "100% xã, phường, thị trấn có chi bộ quân sự"
    basis: ClassVar[Basis] = Basis(CTR10_TU, "kết quả cần duy trì", 2022, 2025)
    wording: ClassVar[str] = "100%"
    qualifier: ClassVar[str] = "có chi bộ quân sự"

    # Why 100%: every commune keeps its chi bộ quân sự.
    ratio: str = field(default="xa_co_chi_bo_quan_su")


@frozen
class BinhPhuocXaCoChiBoCongAnRule(FullCoverageRule):
    """100% xã, phường, thị trấn có chi bộ công an.

    References:
        Tỉnh ủy Bình Phước, figures reported with 10-CTr/TU (29/9/2022).

    >>> BinhPhuocXaCoChiBoCongAnRule().ratio
    'xa_co_chi_bo_cong_an'
    """

    code: ClassVar[str] = "binh_phuoc.10_ctr_tu.xa_co_chi_bo_cong_an"
    title: ClassVar[str] = "100% xã, phường, thị trấn có chi bộ công an"
    basis: ClassVar[Basis] = Basis(CTR10_TU, "kết quả cần duy trì", 2022, 2025)
    wording: ClassVar[str] = "100%"
    qualifier: ClassVar[str] = "có chi bộ công an"

    # Why 100%: every commune keeps its chi bộ công an.
    ratio: str = field(default="xa_co_chi_bo_cong_an")


#: Tỉnh ủy Bình Phước, Chương trình hành động 10-CTr/TU thực hiện Nghị quyết 21-NQ/TW.
BINH_PHUOC = register_pack(
    RuleSet(
        "Tỉnh ủy Bình Phước — Chương trình hành động 10-CTr/TU",
        (
            BinhPhuocTccsdHttnvRule(),
            BinhPhuocDangVienHttnvRule(),
            BinhPhuocAdmissionBandRule(),
            BinhPhuocThonCoChiBoRule(),
            BinhPhuocGiuLienHeRule(),
            BinhPhuocXaCoChiBoQuanSuRule(),
            BinhPhuocXaCoChiBoCongAnRule(),
        ),
        code="binh-phuoc",
        basis=Basis(CTR10_TU, _BP, 2022, 2025),
    )
)

# -- Ban cán sự Đảng UBND tỉnh Bình Phước: Kế hoạch 26-KH/BCSĐ (12/01/2023) -----------------

_KH26 = "mục tiêu cụ thể đến năm 2025 và đến năm 2030"


@frozen
class UbndBinhPhuocTccsdHttnvRule(ShareAboveRule):
    """Hằng năm có trên 90% TCCSĐ xếp loại từ hoàn thành tốt nhiệm vụ trở lên.

    References:
        Kế hoạch 26-KH/BCSĐ (12/01/2023) của Ban cán sự Đảng UBND tỉnh Bình Phước,
        implementing 10-CTr/TU and Nghị quyết 21-NQ/TW; the same wording to 2025 and to 2030.

    >>> UbndBinhPhuocTccsdHttnvRule().basis.period
    '2023–2030'
    """

    code: ClassVar[str] = "bcsd_ubnd_binh_phuoc.26_kh.tccsd_httnv_tro_len"
    title: ClassVar[str] = "Trên 90% tổ chức cơ sở đảng xếp loại từ hoàn thành tốt nhiệm vụ trở lên"
    basis: ClassVar[Basis] = Basis(KH26_BCSD, _KH26, 2023, 2030)
    wording: ClassVar[str] = "trên 90%"
    qualifier: ClassVar[str] = _GOOD

    ratio: str = field(default="tccsd_httnv_tro_len")
    # Why 9/10: "trên 90%", strict.
    threshold: Fraction = field(default=_NINETY, converter=to_fraction)


@frozen
class UbndBinhPhuocChiBoHttnvRule(ShareAboveRule):
    """Hằng năm có trên 90% chi bộ xếp loại từ hoàn thành tốt nhiệm vụ trở lên.

    The plan adds chi bộ to the resolution's list; read as the chi bộ trực thuộc.

    References:
        Kế hoạch 26-KH/BCSĐ (12/01/2023) của Ban cán sự Đảng UBND tỉnh Bình Phước.

    >>> UbndBinhPhuocChiBoHttnvRule().ratio
    'chi_bo_truc_thuoc_httnv_tro_len'
    """

    code: ClassVar[str] = "bcsd_ubnd_binh_phuoc.26_kh.chi_bo_httnv_tro_len"
    title: ClassVar[str] = "Trên 90% chi bộ xếp loại từ hoàn thành tốt nhiệm vụ trở lên"
    basis: ClassVar[Basis] = Basis(KH26_BCSD, _KH26, 2023, 2030)
    wording: ClassVar[str] = "trên 90%"
    qualifier: ClassVar[str] = _GOOD

    ratio: str = field(default="chi_bo_truc_thuoc_httnv_tro_len")
    # Why 9/10: "trên 90%", strict.
    threshold: Fraction = field(default=_NINETY, converter=to_fraction)


@frozen
class UbndBinhPhuocDangVienHttnvRule(ShareAboveRule):
    """Hằng năm có trên 90% đảng viên xếp loại từ hoàn thành tốt nhiệm vụ trở lên.

    References:
        Kế hoạch 26-KH/BCSĐ (12/01/2023) của Ban cán sự Đảng UBND tỉnh Bình Phước.

    >>> UbndBinhPhuocDangVienHttnvRule().ratio
    'dang_vien_httnv_tro_len'
    """

    code: ClassVar[str] = "bcsd_ubnd_binh_phuoc.26_kh.dang_vien_httnv_tro_len"
    title: ClassVar[str] = "Trên 90% đảng viên xếp loại từ hoàn thành tốt nhiệm vụ trở lên"
    basis: ClassVar[Basis] = Basis(KH26_BCSD, _KH26, 2023, 2030)
    wording: ClassVar[str] = "trên 90%"
    qualifier: ClassVar[str] = _GOOD

    ratio: str = field(default="dang_vien_httnv_tro_len")
    # Why 9/10: "trên 90%", strict.
    threshold: Fraction = field(default=_NINETY, converter=to_fraction)


@frozen
class UbndBinhPhuocAdmissionRule(ShareAtLeastRule):
    """Tỷ lệ kết nạp đảng viên mới hằng năm đạt từ 3% trở lên.

    Over the members at 31/12 of the previous year, as the plan says. A floor with no
    upper end: unlike the resolution's band, nothing is "exceeded".

    References:
        Kế hoạch 26-KH/BCSĐ (12/01/2023) của Ban cán sự Đảng UBND tỉnh Bình Phước.

    >>> UbndBinhPhuocAdmissionRule().target().wording
    'từ 3% trở lên'
    """

    code: ClassVar[str] = "bcsd_ubnd_binh_phuoc.26_kh.ty_le_ket_nap"
    title: ClassVar[str] = "Tỷ lệ kết nạp đảng viên mới hằng năm từ 3% trở lên"
    basis: ClassVar[Basis] = Basis(KH26_BCSD, _KH26, 2023, 2030)
    wording: ClassVar[str] = "từ 3% trở lên"
    qualifier: ClassVar[str] = "kết nạp mới"

    ratio: str = field(default="ty_le_ket_nap")
    # Why 3/100: "từ 3% trở lên", inclusive.
    threshold: Fraction = field(default=_THREE, converter=to_fraction)


@frozen
class UbndBinhPhuocTruongThonRule(FullCoverageRule):
    """Phấn đấu 100% trưởng thôn, xóm, bản, tổ dân phố là đảng viên (đến 2025).

    References:
        Kế hoạch 26-KH/BCSĐ (12/01/2023) của Ban cán sự Đảng UBND tỉnh Bình Phước,
        mục tiêu đến năm 2025.

    >>> UbndBinhPhuocTruongThonRule().basis.period
    '2023–2025'
    """

    code: ClassVar[str] = "bcsd_ubnd_binh_phuoc.26_kh.truong_thon_la_dang_vien"
    title: ClassVar[str] = "100% trưởng thôn, xóm, bản, tổ dân phố là đảng viên"
    basis: ClassVar[Basis] = Basis(KH26_BCSD, "mục tiêu cụ thể đến năm 2025", 2023, 2025)
    wording: ClassVar[str] = "100%"
    qualifier: ClassVar[str] = "có trưởng thôn, tổ trưởng là đảng viên"

    # Why 100%: every village head a member, "phấn đấu" by 2025.
    ratio: str = field(default="truong_thon_la_dang_vien")


#: Ban cán sự Đảng UBND tỉnh Bình Phước, Kế hoạch 26-KH/BCSĐ (12/01/2023).
BINH_PHUOC_26_KH = register_pack(
    RuleSet(
        "Ban cán sự Đảng UBND tỉnh Bình Phước — Kế hoạch 26-KH/BCSĐ",
        (
            UbndBinhPhuocTccsdHttnvRule(),
            UbndBinhPhuocChiBoHttnvRule(),
            UbndBinhPhuocDangVienHttnvRule(),
            UbndBinhPhuocAdmissionRule(),
            UbndBinhPhuocTruongThonRule(),
        ),
        code="binh-phuoc-26-kh",
        basis=Basis(KH26_BCSD, _KH26, 2023, 2030),
    )
)

# -- Tỉnh ủy Bình Thuận: hội nghị tổng kết 10 năm (15/11/2021) ------------------------------

# The review's conclusions carry no document number in the report: cite the body and date.
_BINH_THUAN = "Tỉnh ủy Bình Thuận, kết luận hội nghị tổng kết 10 năm (15/11/2021)"


@frozen
class BinhThuanKetNapRule(CountAtLeastRule):
    """Hằng năm kết nạp 2.000 đảng viên mới.

    References:
        Tỉnh ủy Bình Thuận, kết luận hội nghị tổng kết 10 năm công tác xây dựng tổ chức
        cơ sở đảng và đảng viên (15/11/2021).

    >>> from coso_dang import Tally
    >>> BinhThuanKetNapRule().check(Tally(ket_nap=2104)).status.label
    'đạt'
    """

    code: ClassVar[str] = "binh_thuan.2021.ket_nap"
    title: ClassVar[str] = "Hằng năm kết nạp 2.000 đảng viên mới"
    basis: ClassVar[Basis] = Basis(
        None, "chỉ tiêu kết nạp hằng năm", 2022, None, source=_BINH_THUAN
    )
    wording: ClassVar[str] = "2.000 đảng viên mới mỗi năm"
    # The province's own count: a district's admissions are a part of it, not judged
    # against the whole province's 2.000.
    applies_to: ClassVar[frozenset[OrgKind]] = frozenset({OrgKind.DANG_BO_TINH})

    indicator: str = field(default="ket_nap")
    # Why 2000: the yearly admissions the province set itself ("chỉ tiêu hàng năm").
    minimum: int = field(default=2000)


#: Tỉnh ủy Bình Thuận, the yearly admission target set at the 10-year review (2021).
BINH_THUAN = register_pack(
    RuleSet(
        "Tỉnh ủy Bình Thuận — tổng kết 10 năm xây dựng tổ chức cơ sở đảng (2021)",
        (BinhThuanKetNapRule(),),
        code="binh-thuan",
        basis=BinhThuanKetNapRule.basis,
    )
)

# -- Đảng ủy Khối các cơ quan tỉnh Đồng Nai: Kế hoạch 72-KH/ĐUK (22/3/2023) -----------------

_KH72 = "mục tiêu hằng năm giai đoạn 2023-2025 và 2025-2030"


@frozen
class DongNaiTccsdHttnvRule(ShareAtLeastRule):
    """Hằng năm có 90% TCCSĐ xếp loại từ hoàn thành tốt nhiệm vụ trở lên.

    "có 90%" is read inclusively: exactly 90% passes.

    References:
        Kế hoạch 72-KH/ĐUK (22/3/2023) của Đảng ủy Khối các cơ quan tỉnh Đồng Nai.

    >>> DongNaiTccsdHttnvRule().target().wording
    'có 90%'
    """

    code: ClassVar[str] = "dong_nai.72_kh_duk.tccsd_httnv_tro_len"
    title: ClassVar[str] = "Có 90% tổ chức cơ sở đảng xếp loại từ hoàn thành tốt nhiệm vụ trở lên"
    basis: ClassVar[Basis] = Basis(KH72_DUK, _KH72, 2023, 2030)
    wording: ClassVar[str] = "có 90%"
    qualifier: ClassVar[str] = _GOOD

    ratio: str = field(default="tccsd_httnv_tro_len")
    # Why ≥ 9/10: "có 90%" names a level to reach, not one to pass strictly.
    threshold: Fraction = field(default=_NINETY, converter=to_fraction)


@frozen
class DongNaiDangVienHttnvRule(ShareAtLeastRule):
    """Hằng năm có 90% đảng viên xếp loại từ hoàn thành tốt nhiệm vụ trở lên.

    References:
        Kế hoạch 72-KH/ĐUK (22/3/2023) của Đảng ủy Khối các cơ quan tỉnh Đồng Nai.

    >>> DongNaiDangVienHttnvRule().ratio
    'dang_vien_httnv_tro_len'
    """

    code: ClassVar[str] = "dong_nai.72_kh_duk.dang_vien_httnv_tro_len"
    title: ClassVar[str] = "Có 90% đảng viên xếp loại từ hoàn thành tốt nhiệm vụ trở lên"
    basis: ClassVar[Basis] = Basis(KH72_DUK, _KH72, 2023, 2030)
    wording: ClassVar[str] = "có 90%"
    qualifier: ClassVar[str] = _GOOD

    ratio: str = field(default="dang_vien_httnv_tro_len")
    # Why ≥ 9/10: "có 90%", inclusive.
    threshold: Fraction = field(default=_NINETY, converter=to_fraction)


@frozen
class DongNaiAdmissionRule(ShareAtLeastRule):
    """Tỷ lệ kết nạp đảng viên mới từ 3% trở lên so với tổng số đảng viên cuối năm.

    The plan says "cuối năm" without the year; read, as the resolution it implements,
    as 31/12 of the previous year (the ``ty_le_ket_nap`` ratio). Point ``ratio`` at
    another registered ratio for another reading.

    References:
        Kế hoạch 72-KH/ĐUK (22/3/2023) của Đảng ủy Khối các cơ quan tỉnh Đồng Nai.

    >>> DongNaiAdmissionRule().target().wording
    'từ 3% trở lên'
    """

    code: ClassVar[str] = "dong_nai.72_kh_duk.ty_le_ket_nap"
    title: ClassVar[str] = "Tỷ lệ kết nạp đảng viên mới từ 3% trở lên"
    basis: ClassVar[Basis] = Basis(KH72_DUK, _KH72, 2023, 2030)
    wording: ClassVar[str] = "từ 3% trở lên"
    qualifier: ClassVar[str] = "kết nạp mới"

    ratio: str = field(default="ty_le_ket_nap")
    # Why 3/100: "từ 3% trở lên", inclusive.
    threshold: Fraction = field(default=_THREE, converter=to_fraction)


#: Đảng ủy Khối các cơ quan tỉnh Đồng Nai, Kế hoạch 72-KH/ĐUK (22/3/2023).
DONG_NAI = register_pack(
    RuleSet(
        "Đảng ủy Khối các cơ quan tỉnh Đồng Nai — Kế hoạch 72-KH/ĐUK",
        (DongNaiTccsdHttnvRule(), DongNaiDangVienHttnvRule(), DongNaiAdmissionRule()),
        code="dong-nai",
        basis=Basis(KH72_DUK, _KH72, 2023, 2030),
    )
)

__getattr__ = aliases(
    __name__,
    {
        "TINH_UY_BINH_PHUOC_10_CTR": "coso_dang.rules.plans:BINH_PHUOC",
        "BCSD_UBND_BINH_PHUOC_26_KH": "coso_dang.rules.plans:BINH_PHUOC_26_KH",
        "TINH_UY_BINH_THUAN_2021": "coso_dang.rules.plans:BINH_THUAN",
        "DANG_UY_KHOI_DONG_NAI_72_KH": "coso_dang.rules.plans:DONG_NAI",
    },
)
