"""Every built-in rule at its boundaries, with missing data and its gap: golden tables.

Each measured rule (share, band, count, coverage, quota) is checked at the exact
threshold its wording sets ("trên 90%" strict, "có 90%" and "từ 3% trở lên" inclusive,
"từ 3 - 4%" a band with an inclusive floor), on missing counts, and for the gap it
reports. Each rating-round rule of each regime gets a passing and a failing record.
Expected values are written out, not computed by the code under test.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from fractions import Fraction
from typing import Any

import pytest

from coso_dang import Evaluation, Member, Organization, OrgKind, OrgTree, Rating, SubjectKind, Tally
from coso_dang.rules import (
    MeasureRule,
    RatingRound,
    Rule,
    RuleResult,
    Status,
    get_rule,
    rules,
)

PASS, FAIL = Status.PASS, Status.FAIL


def rated(prefix: str) -> Callable[[int, int], Tally]:
    """*k* of *n* rated units at HTTNV, the rest at HTNV."""

    def build(k: int, n: int) -> Tally:
        return Tally(
            **{
                f"{prefix}_htxsnv": 0,
                f"{prefix}_httnv": k,
                f"{prefix}_htnv": n - k,
                f"{prefix}_khtnv": 0,
            }
        )

    return build


def pair(numerator: str, denominator: str) -> Callable[[int, int], Tally]:
    """*k* counted in *numerator* over *n* in *denominator*."""

    def build(k: int, n: int) -> Tally:
        return Tally(**{numerator: k, denominator: n})

    return build


#: How to type in k of n for each ratio a built-in rule reads.
BUILD: dict[str, Callable[[int, int], Tally]] = {
    "tccsd_httnv_tro_len": rated("tccsd"),
    "dang_vien_httnv_tro_len": rated("dang_vien"),
    "chi_bo_truc_thuoc_httnv_tro_len": rated("chi_bo_truc_thuoc"),
    "ty_le_ket_nap": pair("ket_nap", "dang_vien_cuoi_nam_truoc"),
    "thon_co_dang_vien": pair("thon_co_dang_vien", "thon"),
    "thon_co_chi_bo": pair("thon_co_chi_bo", "thon"),
    "truong_thon_la_dang_vien": pair("truong_thon_la_dang_vien", "thon"),
    "giu_lien_he_noi_cu_tru": pair("dang_vien_giu_lien_he_noi_cu_tru", "dang_vien_dang_cong_tac"),
    "xa_co_chi_bo_quan_su": pair("xa_co_chi_bo_quan_su", "xa"),
    "xa_co_chi_bo_cong_an": pair("xa_co_chi_bo_cong_an", "xa"),
    "dang_vien_htxsnv_tren_httnv": pair("dang_vien_htxsnv", "dang_vien_httnv"),
}

#: Every built-in measured rule: what it reads, its wording and its years in force.
RULES: dict[str, tuple[str, str, int, int | None]] = {
    # Nghị quyết 21-NQ/TW
    "nq21.2025.tccsd_httnv_tro_len": ("tccsd_httnv_tro_len", "trên 90%", 2022, 2025),
    "nq21.2025.dang_vien_httnv_tro_len": ("dang_vien_httnv_tro_len", "trên 90%", 2022, 2025),
    "nq21.2025.ty_le_ket_nap": ("ty_le_ket_nap", "từ 3 - 4%", 2020, 2025),
    "nq21.2025.thon_co_dang_vien": ("thon_co_dang_vien", "100%", 2022, 2025),
    "nq21.2030.tccsd_httnv_tro_len": ("tccsd_httnv_tro_len", "trên 90%", 2026, 2030),
    "nq21.2030.dang_vien_httnv_tro_len": ("dang_vien_httnv_tro_len", "trên 90%", 2026, 2030),
    "nq21.2030.ty_le_ket_nap": ("ty_le_ket_nap", "từ 3 - 4%", 2025, 2030),
    "nq21.2030.thon_co_chi_bo": ("thon_co_chi_bo", "100%", 2026, 2030),
    # Tỉnh ủy Bình Phước, 10-CTr/TU
    "binh_phuoc.10_ctr_tu.tccsd_httnv_tro_len": ("tccsd_httnv_tro_len", "trên 90%", 2022, 2025),
    "binh_phuoc.10_ctr_tu.dang_vien_httnv_tro_len": (
        "dang_vien_httnv_tro_len",
        "trên 90%",
        2022,
        2025,
    ),
    "binh_phuoc.10_ctr_tu.ty_le_ket_nap": ("ty_le_ket_nap", "từ 3-4%", 2022, 2025),
    "binh_phuoc.10_ctr_tu.thon_co_chi_bo": ("thon_co_chi_bo", "100%", 2022, 2025),
    "binh_phuoc.10_ctr_tu.giu_lien_he_noi_cu_tru": ("giu_lien_he_noi_cu_tru", "100%", 2022, 2025),
    "binh_phuoc.10_ctr_tu.xa_co_chi_bo_quan_su": ("xa_co_chi_bo_quan_su", "100%", 2022, 2025),
    "binh_phuoc.10_ctr_tu.xa_co_chi_bo_cong_an": ("xa_co_chi_bo_cong_an", "100%", 2022, 2025),
    # Ban cán sự Đảng UBND tỉnh Bình Phước, 26-KH/BCSĐ
    "bcsd_ubnd_binh_phuoc.26_kh.tccsd_httnv_tro_len": (
        "tccsd_httnv_tro_len",
        "trên 90%",
        2023,
        2030,
    ),
    "bcsd_ubnd_binh_phuoc.26_kh.chi_bo_httnv_tro_len": (
        "chi_bo_truc_thuoc_httnv_tro_len",
        "trên 90%",
        2023,
        2030,
    ),
    "bcsd_ubnd_binh_phuoc.26_kh.dang_vien_httnv_tro_len": (
        "dang_vien_httnv_tro_len",
        "trên 90%",
        2023,
        2030,
    ),
    "bcsd_ubnd_binh_phuoc.26_kh.ty_le_ket_nap": ("ty_le_ket_nap", "từ 3% trở lên", 2023, 2030),
    "bcsd_ubnd_binh_phuoc.26_kh.truong_thon_la_dang_vien": (
        "truong_thon_la_dang_vien",
        "100%",
        2023,
        2025,
    ),
    # Tỉnh ủy Bình Thuận
    "binh_thuan.2021.ket_nap": ("ket_nap", "2.000 đảng viên mới mỗi năm", 2022, None),
    # Đảng ủy Khối các cơ quan tỉnh Đồng Nai, 72-KH/ĐUK
    "dong_nai.72_kh_duk.tccsd_httnv_tro_len": ("tccsd_httnv_tro_len", "có 90%", 2023, 2030),
    "dong_nai.72_kh_duk.dang_vien_httnv_tro_len": ("dang_vien_httnv_tro_len", "có 90%", 2023, 2030),
    "dong_nai.72_kh_duk.ty_le_ket_nap": ("ty_le_ket_nap", "từ 3% trở lên", 2023, 2030),
    # The HTXSNV quota of each rating regime
    "qd132.htxsnv_quota": (
        "dang_vien_htxsnv_tren_httnv",
        "không vượt quá 20% số đảng viên hoàn thành tốt nhiệm vụ",
        2018,
        2022,
    ),
    "qd124.htxsnv_quota": (
        "dang_vien_htxsnv_tren_httnv",
        "không vượt quá 20% số đảng viên hoàn thành tốt nhiệm vụ",
        2023,
        2024,
    ),
    "qd366.htxsnv_quota": (
        "dang_vien_htxsnv_tren_httnv",
        "không vượt quá 20% số đảng viên hoàn thành tốt nhiệm vụ",
        2025,
        None,
    ),
}

STRICT_90 = [code for code, (_, wording, *_) in RULES.items() if wording == "trên 90%"]
INCLUSIVE_90 = [code for code, (_, wording, *_) in RULES.items() if wording == "có 90%"]
FLOOR_3 = [code for code, (_, wording, *_) in RULES.items() if wording == "từ 3% trở lên"]
BAND_3_4 = [code for code, (_, wording, *_) in RULES.items() if wording in ("từ 3 - 4%", "từ 3-4%")]
FULL = [code for code, (_, wording, *_) in RULES.items() if wording == "100%"]
QUOTA = ["qd132.htxsnv_quota", "qd124.htxsnv_quota", "qd366.htxsnv_quota"]

# (k, n, status, gap units, printed figure, exceeds) for each wording.
STRICT_90_ROWS = [
    (901, 1000, PASS, 1, "90,1%", False),  # just above: one fewer would fail
    (900, 1000, FAIL, 1, "90%", False),  # exactly 90% is not "trên 90%"
    (899, 1000, FAIL, 2, "89,9%", False),
    (8999, 10000, FAIL, 2, "89,99%", False),  # 89,99%, never printed "90%"
    (10, 10, PASS, 1, "100%", False),
]
INCLUSIVE_90_ROWS = [
    (900, 1000, PASS, 1, "90%", False),  # "có 90%": exactly 90% reaches it
    (899, 1000, FAIL, 1, "89,9%", False),
    (8999, 10000, FAIL, 1, "89,99%", False),
    (950, 1000, PASS, 51, "95%", False),
]
FLOOR_3_ROWS = [
    (300, 10000, PASS, 1, "3%", False),
    (299, 10000, FAIL, 1, "2,99%", False),
    (401, 10000, PASS, 102, "4,01%", False),  # a floor only: nothing is exceeded
    (250, 10000, FAIL, 50, "2,5%", False),
]
BAND_3_4_ROWS = [
    (300, 10000, PASS, 1, "3%", False),  # the floor is inside ("từ")
    (299, 10000, FAIL, 1, "2,99%", False),
    (400, 10000, PASS, 101, "4%", False),  # the upper end is inside
    (401, 10000, PASS, 102, "4,01%", True),  # above: passes, marked as exceeding
    (400_001, 10_000_000, PASS, 100_002, "4,01%", True),
]
FULL_ROWS = [
    (40, 40, PASS, 1, "100%", False),
    (39, 40, FAIL, 1, "97,5%", False),
    (37, 40, FAIL, 3, "92,5%", False),
    (1999, 2000, FAIL, 1, "99,95%", False),
]
QUOTA_ROWS = [
    (20, 100, PASS, 1, "20%", False),  # "không vượt quá": the limit itself is allowed
    (21, 100, FAIL, 1, "21%", False),
    (4, 24, PASS, 1, "16,67%", False),  # 20% of 24 is 4,8: the limit is 4
    (5, 24, FAIL, 1, "20,83%", False),
    # No one rated HTTNV: any HTXSNV is over, and no share is printed over no one.
    (1, 0, FAIL, 1, "không có đảng viên nào làm căn cứ tính hạn mức", False),
    (0, 0, PASS, 1, "không có đảng viên nào làm căn cứ tính hạn mức", False),
]


def _rows() -> list[Any]:
    groups = [
        (STRICT_90, STRICT_90_ROWS),
        (INCLUSIVE_90, INCLUSIVE_90_ROWS),
        (FLOOR_3, FLOOR_3_ROWS),
        (BAND_3_4, BAND_3_4_ROWS),
        (FULL, FULL_ROWS),
        (QUOTA, QUOTA_ROWS),
    ]
    return [
        pytest.param(code, *row, id=f"{code}-{row[0]}/{row[1]}")
        for codes, rows in groups
        for code in codes
        for row in rows
    ]


#: The gap sentence of each rule's first failing row above.
FAILING_GAP_TEXT = {
    "tccsd_httnv_tro_len": "cần thêm 1 TCCSĐ xếp loại từ hoàn thành tốt nhiệm vụ trở lên",
    "dang_vien_httnv_tro_len": "cần thêm 1 đảng viên xếp loại từ hoàn thành tốt nhiệm vụ trở lên",
    "chi_bo_truc_thuoc_httnv_tro_len": (
        "cần thêm 1 chi bộ trực thuộc xếp loại từ hoàn thành tốt nhiệm vụ trở lên"
    ),
    "ty_le_ket_nap": "cần thêm 1 đảng viên kết nạp mới",
    "thon_co_dang_vien": "cần thêm 1 thôn, tổ dân phố có đảng viên",
    "thon_co_chi_bo": "cần thêm 1 thôn, tổ dân phố có chi bộ",
    "truong_thon_la_dang_vien": (
        "cần thêm 1 thôn, tổ dân phố có trưởng thôn, tổ trưởng là đảng viên"
    ),
    "giu_lien_he_noi_cu_tru": "cần thêm 1 đảng viên giữ mối liên hệ với nơi cư trú",
    "xa_co_chi_bo_quan_su": "cần thêm 1 xã, phường, thị trấn có chi bộ quân sự",
    "xa_co_chi_bo_cong_an": "cần thêm 1 xã, phường, thị trấn có chi bộ công an",
    "dang_vien_htxsnv_tren_httnv": (
        "vượt 1 đảng viên xếp loại hoàn thành xuất sắc nhiệm vụ so với hạn mức 20 đảng viên"
    ),
}
FIRST_FAILING = {
    "trên 90%": (900, 1000),
    "có 90%": (899, 1000),
    "từ 3% trở lên": (299, 10000),
    "từ 3 - 4%": (299, 10000),
    "từ 3-4%": (299, 10000),
    "100%": (39, 40),
    "không vượt quá 20% số đảng viên hoàn thành tốt nhiệm vụ": (21, 100),
}

#: A tally with the numerator unknown (or part of the denominator), and the sentence.
MISSING: dict[str, tuple[Tally, str]] = {
    "tccsd_httnv_tro_len": (
        Tally(tccsd_htxsnv=1, tccsd_httnv=9),
        "Tỷ lệ TCCSĐ hoàn thành tốt nhiệm vụ trở lên: thiếu số liệu (tccsd_htnv, tccsd_khtnv).",
    ),
    "dang_vien_httnv_tro_len": (
        Tally(dang_vien_htxsnv=1, dang_vien_httnv=9, dang_vien_htnv=0),
        "Tỷ lệ đảng viên hoàn thành tốt nhiệm vụ trở lên: thiếu số liệu (dang_vien_khtnv).",
    ),
    "chi_bo_truc_thuoc_httnv_tro_len": (
        Tally(chi_bo_truc_thuoc=12),
        "Tỷ lệ chi bộ trực thuộc hoàn thành tốt nhiệm vụ trở lên: thiếu số liệu "
        "(chi_bo_truc_thuoc_htxsnv, chi_bo_truc_thuoc_httnv, chi_bo_truc_thuoc_htnv, "
        "chi_bo_truc_thuoc_khtnv).",
    ),
    "ty_le_ket_nap": (
        Tally(dang_vien_cuoi_nam_truoc=10000, dang_vien=10150),
        "Tỷ lệ kết nạp đảng viên mới so với tổng số đảng viên cuối năm trước: "
        "thiếu số liệu (ket_nap).",
    ),
    "thon_co_dang_vien": (
        Tally(thon=40),
        "Tỷ lệ thôn, tổ dân phố có đảng viên: thiếu số liệu (thon_co_dang_vien).",
    ),
    "thon_co_chi_bo": (
        Tally(thon_co_chi_bo=40),
        "Tỷ lệ thôn, tổ dân phố có chi bộ: thiếu số liệu (thon).",
    ),
    "truong_thon_la_dang_vien": (
        Tally(thon=40, thon_co_chi_bo=40),
        "Tỷ lệ trưởng thôn, tổ trưởng tổ dân phố là đảng viên: thiếu số liệu "
        "(truong_thon_la_dang_vien).",
    ),
    "giu_lien_he_noi_cu_tru": (
        Tally(dang_vien_dang_cong_tac=10),
        "Tỷ lệ đảng viên đang công tác giữ mối liên hệ với nơi cư trú: thiếu số liệu "
        "(dang_vien_giu_lien_he_noi_cu_tru).",
    ),
    "xa_co_chi_bo_quan_su": (
        Tally(xa=111, xa_co_chi_bo_cong_an=111),
        "Tỷ lệ xã, phường, thị trấn có chi bộ quân sự: thiếu số liệu (xa_co_chi_bo_quan_su).",
    ),
    "xa_co_chi_bo_cong_an": (
        Tally(xa=111, xa_co_chi_bo_quan_su=111),
        "Tỷ lệ xã, phường, thị trấn có chi bộ công an: thiếu số liệu (xa_co_chi_bo_cong_an).",
    ),
    "dang_vien_htxsnv_tren_httnv": (
        Tally(dang_vien_httnv=10),
        "Số đảng viên hoàn thành xuất sắc nhiệm vụ so với số hoàn thành tốt nhiệm vụ: "
        "thiếu số liệu (dang_vien_htxsnv).",
    ),
    "ket_nap": (
        Tally(dang_vien=39520),
        "Đảng viên mới kết nạp trong năm: thiếu số liệu (ket_nap).",
    ),
}


def build(code: str) -> Callable[[int, int], Tally]:
    return BUILD[RULES[code][0]]


def rule_of(code: str) -> Rule[Any]:
    return get_rule(code)()


class TestTables:
    def test_every_measured_rule_listed(self) -> None:
        """The tables hold every built-in measured rule: none is left untested."""
        built_in = {
            cls.code
            for cls in rules()
            if cls.__module__.startswith("coso_dang.rules.") and issubclass(cls, MeasureRule)
        }
        assert built_in == set(RULES)
        assert set(RULES) == {*STRICT_90, *INCLUSIVE_90, *FLOOR_3, *BAND_3_4, *FULL, *QUOTA} | {
            "binh_thuan.2021.ket_nap"
        }

    @pytest.mark.parametrize("code", list(RULES))
    def test_reads_wording_and_years(self, code: str) -> None:
        """Each rule reads the ratio it says, in its document's wording, in its years."""
        reads, wording, first, last = RULES[code]
        rule = rule_of(code)
        assert reads == getattr(rule, "ratio", getattr(rule, "indicator", None))
        assert wording == rule.target().wording  # type: ignore[attr-defined]
        assert rule.basis is not None
        assert (first, last) == (rule.basis.first_year, rule.basis.last_year)


class TestBoundaries:
    @pytest.mark.parametrize(("code", "k", "n", "status", "gap", "figure", "exceeds"), _rows())
    def test_boundary(
        self, code: str, k: int, n: int, status: Status, gap: int, figure: str, exceeds: bool
    ) -> None:
        """Verdict, gap, printed figure and the band's "vượt" at the wording's edge."""
        result = rule_of(code).check(build(code)(k, n))
        assert status == result.status
        assert result.gap is not None
        assert gap == result.gap.units
        observed = Fraction(k, n) if n else Fraction(k)  # the quota's k of nothing
        assert observed == result.observed
        assert f"({figure})" in result.message
        assert exceeds == result.exceeds
        assert exceeds == ("vượt mức trên 4%" in result.message)

    @pytest.mark.parametrize("code", [c for c in RULES if c != "binh_thuan.2021.ket_nap"])
    def test_failing_gap_sentence(self, code: str) -> None:
        """The gap of the first failing row, as a sentence, ends the message."""
        reads, wording, *_ = RULES[code]
        result = rule_of(code).check(build(code)(*FIRST_FAILING[wording]))
        assert FAIL == result.status
        assert result.gap is not None
        assert FAILING_GAP_TEXT[reads] == result.gap.text
        assert result.message.endswith(f"; {FAILING_GAP_TEXT[reads]}.")

    @pytest.mark.parametrize(
        ("count", "status", "gap", "text"),
        [
            (2000, PASS, 1, "nếu ít hơn 1 đảng viên thì không đạt"),
            (1999, FAIL, 1, "cần thêm 1 đảng viên"),
            (1950, FAIL, 50, "cần thêm 50 đảng viên"),
            (2104, PASS, 105, "nếu ít hơn 105 đảng viên thì không đạt"),
        ],
    )
    def test_yearly_admissions_count(self, count: int, status: Status, gap: int, text: str) -> None:
        """Bình Thuận's 2.000 a year: 2.000 passes, 1.999 is one short."""
        result = rule_of("binh_thuan.2021.ket_nap").check(Tally(ket_nap=count))
        assert (status, count) == (result.status, result.observed)
        assert result.gap is not None
        assert (gap, text) == (result.gap.units, result.gap.text)

    def test_yearly_admissions_message(self) -> None:
        """The count rule's sentence, in full."""
        result = rule_of("binh_thuan.2021.ket_nap").check(Tally(ket_nap=1999))
        assert (
            "Đảng viên mới kết nạp trong năm: 1.999 đảng viên, không đạt chỉ tiêu "
            "2.000 đảng viên mới mỗi năm; cần thêm 1 đảng viên." == result.message
        )

    def test_yearly_admissions_judged_at_the_province_only(self) -> None:
        """The province's 2.000 is its own count: its districts are not held to it.

        Two districts admitting 1.100 and 1.000 make the province's 2.100: one verdict,
        đạt, and no district failing a target set for the whole province.
        """
        from coso_dang.rollup import Rollup
        from coso_dang.rules import BINH_THUAN

        tree = OrgTree.build(
            [
                Organization("t", "Đảng bộ tỉnh Bình Thuận", OrgKind.DANG_BO_TINH),
                Organization("h1", "Huyện A", OrgKind.DANG_BO_CAP_TREN_CO_SO, parent_id="t"),
                Organization("h2", "Huyện B", OrgKind.DANG_BO_CAP_TREN_CO_SO, parent_id="t"),
            ]
        )
        totals = Rollup.from_tallies(
            tree, {"h1": Tally(ket_nap=1100), "h2": Tally(ket_nap=1000)}, year=2024
        )
        results = BINH_THUAN.check(totals)["binh_thuan.2021.ket_nap"]
        assert [(r.subject.id, r.status, r.observed) for r in results] == [("t", PASS, 2100)]

    @pytest.mark.parametrize(
        ("kind", "status"),
        [
            (OrgKind.DANG_BO_CAP_TREN_CO_SO, Status.NOT_APPLICABLE),
            (OrgKind.DANG_BO_CO_SO, Status.NOT_APPLICABLE),
            (OrgKind.TRUNG_UONG, Status.NOT_APPLICABLE),  # the nation's, not the province's
            (OrgKind.DANG_BO_TINH, FAIL),
            (None, FAIL),  # whose figures is not said: judged as given
        ],
    )
    def test_yearly_admissions_on_a_districts_figures(
        self, kind: OrgKind | None, status: Status
    ) -> None:
        """A district's published 1.100 admissions were judged against the province's
        2.000 and failed ("cần thêm 900"), where the rollup of the same district is not
        judged; typed-in figures of a level the count is not set for are not judged
        either."""
        from coso_dang.rules import BINH_THUAN, Figures

        figures = Figures(Tally(ket_nap=1100), name="Huyện A", kind=kind)
        (result,) = BINH_THUAN.check(figures)["binh_thuan.2021.ket_nap"]
        assert status == result.status
        if status is Status.NOT_APPLICABLE:
            assert result.gap is None
            assert "cần thêm" not in result.message
            assert "đặt cho đảng bộ trực thuộc Trung ương, không áp dụng" in result.message
            label = kind.label if kind is OrgKind.TRUNG_UONG else kind.label.lower()
            assert result.message.endswith(f"không áp dụng cho số liệu của {label}.")


class TestMissingData:
    @pytest.mark.parametrize("code", list(RULES))
    def test_unknown_count(self, code: str) -> None:
        """A count the rule reads is unknown: MISSING_DATA naming it, no verdict, no gap."""
        tally, message = MISSING[RULES[code][0]]
        result = rule_of(code).check(tally)
        assert Status.MISSING_DATA == result.status
        assert message == result.message
        assert (None, None) == (result.observed, result.gap)

    @pytest.mark.parametrize(
        "code", [c for c in RULES if c not in QUOTA and c != "binh_thuan.2021.ket_nap"]
    )
    def test_nothing_to_count(self, code: str) -> None:
        """No unit to count (a zero denominator): the share rule does not apply."""
        result = rule_of(code).check(build(code)(0, 0))
        assert Status.NOT_APPLICABLE == result.status
        assert "nào để tính tỷ lệ." in result.message

    @pytest.mark.parametrize(
        ("code", "tally", "message"),
        [
            (
                "nq21.2025.tccsd_httnv_tro_len",
                Tally(tccsd=2, tccsd_htxsnv=0, tccsd_httnv=0, tccsd_htnv=0, tccsd_khtnv=0),
                "Tỷ lệ TCCSĐ hoàn thành tốt nhiệm vụ trở lên: có 2 TCCSĐ nhưng chưa có "
                "TCCSĐ nào được xếp loại; thiếu số liệu xếp loại.",
            ),
            (
                "dong_nai.72_kh_duk.dang_vien_httnv_tro_len",
                Tally(
                    dang_vien=1702,
                    dang_vien_htxsnv=0,
                    dang_vien_httnv=0,
                    dang_vien_htnv=0,
                    dang_vien_khtnv=0,
                ),
                "Tỷ lệ đảng viên hoàn thành tốt nhiệm vụ trở lên: có 1.702 đảng viên nhưng "
                "chưa có đảng viên nào được xếp loại; thiếu số liệu xếp loại.",
            ),
            (
                "bcsd_ubnd_binh_phuoc.26_kh.chi_bo_httnv_tro_len",
                Tally(
                    chi_bo_truc_thuoc=12,
                    chi_bo_truc_thuoc_htxsnv=0,
                    chi_bo_truc_thuoc_httnv=0,
                    chi_bo_truc_thuoc_htnv=0,
                    chi_bo_truc_thuoc_khtnv=0,
                ),
                "Tỷ lệ chi bộ trực thuộc hoàn thành tốt nhiệm vụ trở lên: có 12 chi bộ trực "
                "thuộc nhưng chưa có chi bộ trực thuộc nào được xếp loại; thiếu số liệu xếp loại.",
            ),
        ],
    )
    def test_units_counted_none_rated(self, code: str, tally: Tally, message: str) -> None:
        """Units there, none rated: the ratings are missing, not the units. "không có
        TCCSĐ nào để tính tỷ lệ" (does not apply, and the report passed) was said of a
        district with two TCCSĐ whose ratings were not recorded."""
        result = rule_of(code).check(tally)
        assert (Status.MISSING_DATA, message) == (result.status, result.message)
        assert (None, None) == (result.observed, result.gap)

    def test_units_counted_none_rated_on_a_rollup(self) -> None:
        """The same on a rollup: a district of two chi bộ cơ sở and ten members, the
        year's evaluations given but none of them rated."""
        from coso_dang.rollup import rollup
        from coso_dang.rules import NQ21_2025

        orgs = [
            Organization("h", "Huyện A", OrgKind.DANG_BO_CAP_TREN_CO_SO),
            Organization("c1", "Chi bộ 1", OrgKind.CHI_BO_CO_SO, parent_id="h"),
            Organization("c2", "Chi bộ 2", OrgKind.CHI_BO_CO_SO, parent_id="h"),
        ]
        members = [
            Member(f"m{i}", f"Lê Văn {i}", "c1" if i < 5 else "c2", date(2010, 1, 1))
            for i in range(10)
        ]
        report = NQ21_2025.check(rollup(OrgTree.build(orgs, members), year=2024, evaluations=[]))
        for code in ("nq21.2025.tccsd_httnv_tro_len", "nq21.2025.dang_vien_httnv_tro_len"):
            (result,) = report[code]
            assert Status.MISSING_DATA == result.status
            assert "chưa có" in result.message
        assert not report.passed

    def test_nothing_rated_nor_counted(self) -> None:
        """No unit counted at all, or the count unknown: nothing to measure, as before."""
        rule = rule_of("nq21.2025.tccsd_httnv_tro_len")
        for whole in ({"tccsd": 0}, {}):
            result = rule.check(rated("tccsd")(0, 0).replace(**whole))
            assert Status.NOT_APPLICABLE == result.status


# -- the rating rounds -----------------------------------------------------------------------

ORG = SubjectKind.ORGANIZATION
#: The year each regime rates in these tests.
YEAR = {"qd132": 2020, "qd124": 2024, "qd366": 2025}


def _tree(members: list[Member], units: int = 3) -> OrgTree:
    return OrgTree.build(
        [
            Organization("xa", "Đảng bộ xã Tân Lập", OrgKind.DANG_BO_CO_SO),
            *(
                Organization(
                    f"cb{i}", f"Chi bộ thôn {i}", OrgKind.CHI_BO_TRUC_THUOC, parent_id="xa"
                )
                for i in range(1, units + 1)
            ),
            Organization("cbcs", "Chi bộ Trường Tiểu học", OrgKind.CHI_BO_CO_SO),
        ],
        members,
    )


def _member(i: int, org: str = "cb1", admitted: date = date(2010, 1, 1)) -> Member:
    return Member(f"dv{i}", f"Lê Văn {i}", org, admitted_on=admitted)


def disciplined(year: int, rating: Rating) -> RatingRound:
    ev = Evaluation("dv1", year, rating, disciplined=True)
    return RatingRound(_tree([_member(1)]), [ev], year)


def recently_admitted(year: int, rating: Rating | None) -> RatingRound:
    # Admitted 1/8 of the year: under six months before the rating on 31/12.
    m = _member(1, admitted=date(year, 8, 1))
    reason = None if rating else "kết nạp chưa đủ 6 tháng"
    return RatingRound(_tree([m]), [Evaluation("dv1", year, rating, not_rated_reason=reason)], year)


def sick(year: int, rating: Rating) -> RatingRound:
    ev = Evaluation("dv1", year, rating, sick_leave_months=3)
    return RatingRound(_tree([_member(1)]), [ev], year)


def excellent_chi_bo(year: int, good: int) -> RatingRound:
    # A chi bộ cơ sở rated HTXSNV, *good* of its 10 members HTTNV, the rest HTNV.
    members = [_member(i, org="cbcs") for i in range(10)]
    evs = [
        Evaluation(m.id, year, Rating.HTTNV if i < good else Rating.HTNV)
        for i, m in enumerate(members)
    ]
    evs.append(Evaluation("cbcs", year, Rating.HTXSNV, subject=ORG))
    return RatingRound(_tree(members), evs, year)


def disciplined_units(year: int, units: int) -> RatingRound:
    # One of *units* chi bộ disciplined; the đảng bộ rated HTTNV.
    evs = [
        Evaluation(f"cb{i}", year, Rating.HTTNV, subject=ORG, disciplined=i == 1)
        for i in range(1, units + 1)
    ]
    evs.append(Evaluation("xa", year, Rating.HTTNV, subject=ORG))
    return RatingRound(_tree([], units), evs, year)


def disciplined_org(year: int, rating: Rating) -> RatingRound:
    # Chi bộ thôn 1 disciplined in the year and rated *rating*.
    ev = Evaluation("cb1", year, rating, subject=ORG, disciplined=True)
    return RatingRound(_tree([]), [ev], year)


def quota(year: int, excellent: int) -> RatingRound:
    # *excellent* members HTXSNV and 10 HTTNV in the chi bộ cơ sở: the limit is 2.
    members = [_member(i, org="cbcs") for i in range(excellent + 10)]
    evs = [
        Evaluation(m.id, year, Rating.HTXSNV if i < excellent else Rating.HTTNV)
        for i, m in enumerate(members)
    ]
    return RatingRound(_tree(members), evs, year)


def tasks_done(year: int, done: int) -> RatingRound:
    # *done* of 10 tasks done on time, none late, rated HTNV.
    ev = Evaluation("dv1", year, Rating.HTNV, tasks=10, tasks_on_time=done, tasks_late=0)
    return RatingRound(_tree([_member(1)]), [ev], year)


def org_tasks_done(year: int, done: int) -> RatingRound:
    # Chi bộ thôn 1 did *done* of its 10 tasks, none late, and was rated HTNV.
    ev = Evaluation(
        "cb1", year, Rating.HTNV, subject=ORG, tasks=10, tasks_on_time=done, tasks_late=0
    )
    return RatingRound(_tree([]), [ev], year)


# (rule, round builder and argument, subject, status, gap units or None, message)
AUDIT_CASES: list[
    tuple[str, Callable[[int, Any], RatingRound], Any, str, Status, int | None, str]
] = [
    (
        "disciplined_member",
        disciplined,
        Rating.HTNV,
        "dv1",
        FAIL,
        1,
        "Bị kỷ luật trong năm nhưng xếp loại HTNV; phải xếp loại không hoàn thành nhiệm vụ.",
    ),
    (
        "disciplined_member",
        disciplined,
        Rating.KHTNV,
        "dv1",
        PASS,
        None,
        "Bị kỷ luật trong năm, xếp loại KHTNV.",
    ),
    (
        "not_to_be_rated",
        recently_admitted,
        Rating.HTTNV,
        "dv1",
        FAIL,
        1,
        "Đảng viên kết nạp chưa đủ 6 tháng nhưng được xếp loại HTTNV; không xếp loại.",
    ),
    (
        "not_to_be_rated",
        recently_admitted,
        None,
        "dv1",
        PASS,
        None,
        "Đảng viên kết nạp chưa đủ 6 tháng, không xếp loại.",
    ),
    (
        "sick_leave",
        sick,
        Rating.HTTNV,
        "dv1",
        FAIL,
        1,
        "Nghỉ ốm từ 3 tháng trở lên trong năm nhưng xếp loại HTTNV; "
        "cao nhất là hoàn thành nhiệm vụ.",
    ),
    (
        "sick_leave",
        sick,
        Rating.HTNV,
        "dv1",
        PASS,
        None,
        "Nghỉ ốm từ 3 tháng trở lên, xếp loại HTNV.",
    ),
    (
        "excellent_tccsd",
        excellent_chi_bo,
        7,
        "cbcs",
        FAIL,
        1,
        "Xếp loại HTXSNV nhưng chỉ 7/10 đảng viên (70%) từ hoàn thành tốt nhiệm vụ trở lên: "
        "không đủ điều kiện 100% từ HTNV và từ 80% HTTNV trở lên.",
    ),
    (
        "excellent_tccsd",
        excellent_chi_bo,
        8,
        "cbcs",
        PASS,
        None,
        "Xếp loại HTXSNV; 8/10 đảng viên (80%) từ HTTNV trở lên, đạt điều kiện 100% từ HTNV "
        "và từ 80% HTTNV trở lên.",
    ),
    (
        "disciplined_units",
        disciplined_units,
        3,
        "xa",
        FAIL,
        1,
        "1/3 tổ chức trực thuộc bị kỷ luật (33,33%), trên 20%, nhưng xếp loại HTTNV; "
        "phải xếp loại không hoàn thành nhiệm vụ.",
    ),
    (
        "disciplined_units",
        disciplined_units,
        5,
        "xa",
        PASS,
        None,
        "1/5 tổ chức trực thuộc bị kỷ luật (20%); xếp loại HTTNV.",
    ),
    (
        "disciplined_org",
        disciplined_org,
        Rating.HTNV,
        "cb1",
        FAIL,
        1,
        "Tổ chức bị kỷ luật trong năm nhưng xếp loại HTNV; phải xếp loại không hoàn thành "
        "nhiệm vụ.",
    ),
    (
        "disciplined_org",
        disciplined_org,
        Rating.KHTNV,
        "cb1",
        PASS,
        None,
        "Tổ chức bị kỷ luật trong năm, xếp loại KHTNV.",
    ),
    (
        "htxsnv_quota",
        quota,
        3,
        "cbcs",
        FAIL,
        1,
        "Số đảng viên hoàn thành xuất sắc nhiệm vụ so với số hoàn thành tốt nhiệm vụ: "
        "3/10 đảng viên (30%), không đạt hạn mức không vượt quá 20% số đảng viên hoàn thành "
        "tốt nhiệm vụ; vượt 1 đảng viên xếp loại hoàn thành xuất sắc nhiệm vụ so với hạn mức "
        "2 đảng viên.",
    ),
    (
        "tasks_under_half",
        tasks_done,
        4,
        "dv1",
        FAIL,
        1,
        "Chỉ hoàn thành 4/10 nhiệm vụ (40%), dưới 50%, nhưng xếp loại HTNV; phải xếp loại "
        "không hoàn thành nhiệm vụ.",
    ),
    (
        "tasks_under_half",
        tasks_done,
        5,
        "dv1",
        PASS,
        None,
        "Hoàn thành 5/10 nhiệm vụ (50%), không dưới 50%; xếp loại HTNV.",
    ),
    (
        "org_tasks_under_half",
        org_tasks_done,
        4,
        "cb1",
        FAIL,
        1,
        "Chỉ hoàn thành 4/10 nhiệm vụ (40%), dưới 50%, nhưng xếp loại HTNV; phải xếp loại "
        "không hoàn thành nhiệm vụ.",
    ),
    (
        "org_tasks_under_half",
        org_tasks_done,
        5,
        "cb1",
        PASS,
        None,
        "Hoàn thành 5/10 nhiệm vụ (50%), không dưới 50%; xếp loại HTNV.",
    ),
    (
        "htxsnv_quota",
        quota,
        2,
        "cbcs",
        PASS,
        1,
        "Số đảng viên hoàn thành xuất sắc nhiệm vụ so với số hoàn thành tốt nhiệm vụ: "
        "2/10 đảng viên (20%), đạt hạn mức không vượt quá 20% số đảng viên hoàn thành tốt "
        "nhiệm vụ.",
    ),
]


def _audit_cases() -> list[Any]:
    cases = []
    for regime in ("qd132", "qd124", "qd366"):
        for name, make, arg, subject, status, gap, message in AUDIT_CASES:
            code = f"{regime}.{name}"
            case_id = f"{code}-{status.value}"
            cases.append(pytest.param(code, make, arg, subject, status, gap, message, id=case_id))
    return cases


def _only(results: tuple[RuleResult, ...], subject: str) -> RuleResult:
    found = [r for r in results if r.subject.id == subject]
    assert 1 == len(found), [str(r) for r in results]
    return found[0]


class TestRatingAudits:
    def test_every_audit_rule_listed(self) -> None:
        """The cases cover every built-in rating rule of every regime.

        The families of :data:`FAMILIES`; the 366 score families have their own tests.
        """
        from coso_dang.rules import FAMILIES

        built_in = {
            cls.code
            for cls in rules()
            if cls.__module__.startswith("coso_dang.rules.")
            and getattr(cls, "family", None) in FAMILIES
        }
        covered = {param.values[0] for param in _audit_cases()}
        assert built_in == covered

    @pytest.mark.parametrize(
        ("code", "make", "arg", "subject", "status", "gap", "message"), _audit_cases()
    )
    def test_audit(
        self,
        code: str,
        make: Callable[[int, Any], RatingRound],
        arg: Any,
        subject: str,
        status: Status,
        gap: int | None,
        message: str,
    ) -> None:
        """A record the rule passes, and one it fails, in the regime's own year."""
        year = YEAR[code.partition(".")[0]]
        rule = rule_of(code)
        results = rule.check_each(make(year, arg), year=year)
        result = _only(results, subject)
        assert (status, message) == (result.status, result.message)
        assert gap == (None if result.gap is None else result.gap.units)

    @pytest.mark.parametrize(
        ("code", "year"),
        [("qd132.sick_leave", 2023), ("qd124.sick_leave", 2025), ("qd366.sick_leave", 2024)],
    )
    def test_outside_the_regime_years(self, code: str, year: int) -> None:
        """A regime's rule checked on a year another regime rates does not apply."""
        result = _only(rule_of(code).check_each(sick(year, Rating.HTTNV), year=year), "dv1")
        assert Status.NOT_APPLICABLE == result.status
        assert result.message.startswith(f"Năm {year} ngoài thời gian áp dụng")
