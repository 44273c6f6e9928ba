"""The statistics forms beyond the member counts: Biểu 6, 6F, 7, the 2012 set, the
whole set at once, cùng kỳ restated through a merger, HTML and the workbook.

Every expected cell below was counted by hand from the records written out here.
"""

from __future__ import annotations

import shutil
import subprocess
import zlib
from datetime import date
from fractions import Fraction
from pathlib import Path
from typing import Any

import attrs
import pytest
from tests.test_forms import MEMBERS

from coso_dang import (
    Evaluation,
    Gender,
    LeaveReason,
    Member,
    Organization,
    OrgKind,
    OrgTree,
    Rating,
)
from coso_dang.attributes import Occupation
from coso_dang.evaluation import ReviewPeriod, SubjectKind
from coso_dang.forms import (
    FilledForm,
    FormError,
    Period,
    fill_form,
    fill_forms,
    forms,
    get_form,
    member_counts,
    render_html,
    version_for,
    write_xlsx,
)
from coso_dang.history.events import MemberEvent, MemberEventKind, OrgEvent, OrgEventKind
from coso_dang.operations.facts import Discipline, DisciplineForm, MemberFacts
from coso_dang.orgs import GrassrootsType

YEAR_2025 = Period.year(2025)
ORG = SubjectKind.ORGANIZATION

# A commune's đảng bộ with two village chi bộ, the second founded on 1/9/2025.
ORGS = [
    Organization("x", "Đảng bộ xã Tân Lập", OrgKind.DANG_BO_CO_SO,
                 grassroots_type=GrassrootsType.XA),
    Organization("c1", "Chi bộ Thôn 1", OrgKind.CHI_BO_TRUC_THUOC, "x"),
    Organization("c2", "Chi bộ Thôn 2", OrgKind.CHI_BO_TRUC_THUOC, "x",
                 founded_on=date(2025, 9, 1)),
]  # fmt: skip


def _p(id: str, org: str, admitted: date, **fields: Any) -> Member:
    return Member(id, f"Đảng viên {id}", org, admitted_on=admitted, gender=Gender.NAM, **fields)


# a reaches 30 years of party age on 10/3/2025, b 40 years on 1/6/2025 (but a
# cảnh cáo on 1/8/2025, before the 2/9 round, defers his badge to 1/2/2026), f reached
# 40 years on 20/11/2024 (awarded on 3/2/2025); c was admitted on 1/8/2025 (less than 6
# months before the review); d is exempted; e is not reviewed, for no reason the form names.
PEOPLE = [
    _p("a", "c1", date(1995, 3, 10)),
    _p("b", "c1", date(1985, 6, 1)),
    _p("c", "c2", date(2025, 8, 1)),
    _p("d", "c2", date(2010, 1, 5), exempted_on=date(2023, 5, 1)),
    _p("e", "c1", date(2000, 2, 2)),
    _p("f", "c1", date(1984, 11, 20)),
]
EVALUATIONS = [
    Evaluation("x", 2025, Rating.HTTNV, subject=ORG),
    Evaluation("c1", 2025, Rating.HTXSNV, subject=ORG),
    Evaluation("a", 2025, Rating.HTXSNV),
    Evaluation("b", 2025, Rating.HTTNV),
    Evaluation("d", 2025, None, exempted=True),
    Evaluation("f", 2025, Rating.HTNV),
    Evaluation("x", 2024, Rating.HTNV, subject=ORG),
    Evaluation("c1", 2024, Rating.HTTNV, subject=ORG),
    Evaluation("a", 2024, Rating.HTTNV),
    Evaluation("b", 2024, Rating.HTTNV),
    Evaluation("d", 2024, None, exempted=True),
    Evaluation("e", 2024, Rating.KHTNV),
    Evaluation("f", 2024, Rating.HTTNV),
]
EVENTS = [MemberEvent("e", MemberEventKind.TAM_THOI_DI, date(2025, 4, 1), org_id="c1")]
FACTS = [
    MemberFacts("b", disciplines=[Discipline(DisciplineForm.CANH_CAO, date(2025, 8, 1))]),
    MemberFacts("f", badges_awarded=[40]),  # awarded on 3/2/2025: still the 2025 figure
]


def _tree() -> OrgTree:
    return OrgTree.build(ORGS, PEOPLE)


def _cells(filled: FilledForm) -> dict[str, tuple[Any, Any]]:
    return {
        item.row.key: (item.this.value, item.previous.value)
        for item in filled.rows
        if item.this.value is not None or item.previous.value is not None
    }


def test_biểu_6_golden_cells() -> None:
    filled = fill_form(_tree(), "6", YEAR_2025, evaluations=EVALUATIONS)
    # (31/12/2025, 31/12/2024). 2025: x HTTNV; c1 HTXSNV, c2 new and unrated; a HTXSNV,
    # b HTTNV, f HTNV, c d e unrated. 2024: x HTNV; c1 HTTNV (c2 not yet founded);
    # a b f HTTNV, e KHTNV, d exempted; c not yet admitted.
    assert _cells(filled) == {
        "I": (1, 1), "I.1": (1, 1),
        "I.1.1": (0, 0), "I.1.2": (1, 0), "I.1.3": (0, 1), "I.1.4": (0, 0),
        "I.2": (0, 0),
        "II": (2, 1), "II.1": (1, 1),
        "II.1.1": (1, 0), "II.1.2": (0, 1), "II.1.3": (0, 0), "II.1.4": (0, 0),
        "II.2": (1, 0),
        "III": (6, 5), "III.1": (3, 4),
        "III.1.1": (1, 0), "III.1.2": (1, 3), "III.1.3": (1, 0), "III.1.4": (0, 1),
        "III.2": (3, 1),
    }  # fmt: skip
    assert filled.ok
    assert filled.missing == ()
    percent = {item.row.key: item.percent for item in filled.rows}
    assert (percent["II"], percent["III.1"], percent["I.2"]) == (200, 75, None)
    form = filled.form
    assert form.unconfirmed
    assert form.number == "6"
    assert form.document == "11-HD/BTCTW"


def test_biểu_6_without_evaluations_is_blank_not_zero() -> None:
    filled = fill_form(_tree(), "6", YEAR_2025)
    assert _cells(filled) == {}
    assert len(filled.missing) == len(filled.rows)


def test_biểu_6_and_6f_with_only_quarterly_reviews_of_the_year_are_blank_not_zero() -> None:
    # 2025's reviews were quarterly only (the yearly one not yet held or not given):
    # nobody's yearly rating is known, so 2025 is blank, not "0 rated, 6 chưa đánh
    # giá" and "0 reviewed" while a, b, f were reviewed in the first quarter.
    quarterly = [
        attrs.evolve(e, period=ReviewPeriod.QUY, quarter=1) if e.year == 2025 else e
        for e in EVALUATIONS
    ]
    ratings = fill_form(_tree(), "6", YEAR_2025, evaluations=quarterly)
    # 2024's yearly review is still last year's column (as in the golden cells above).
    assert {key: now for key, (now, _) in _cells(ratings).items() if now is not None} == {}
    assert _cells(ratings)["III"] == (None, 5)
    assert _cells(ratings)["III.2"] == (None, 1)
    review = fill_form(_tree(), "6F", YEAR_2025, evaluations=quarterly)
    assert all(c.value is None for item in review.rows for c in item.cells)


def test_biểu_6_and_6f_with_one_kind_of_evaluation_leave_the_other_blank() -> None:
    # Only the members' evaluations were recorded: the organizations' ratings and
    # reviews are unknown, not "0 rated, every TCCSĐ chưa đánh giá" (and the other way).
    members_only = [e for e in EVALUATIONS if e.subject is not ORG]
    ratings = _cells(fill_form(_tree(), "6", YEAR_2025, evaluations=members_only))
    # How many there are is known; how they were rated is not.
    assert (ratings["I"], ratings["II"]) == ((1, 1), (2, 1))
    assert all(key not in ratings for key in ("I.1", "I.1.2", "I.2", "II.1", "II.1.1", "II.2"))
    assert ratings["III.1"] == (3, 4)
    review = fill_form(_tree(), "6F", YEAR_2025, evaluations=members_only)
    cells = {item.row.key: tuple(c.value for c in item.cells) for item in review.rows}
    assert (cells["1"], cells["2"], cells["3"], cells["3.1"]) == (
        (3, 6),
        (None, 3),
        (None, 3),
        (None, None),
    )
    orgs_only = [e for e in EVALUATIONS if e.subject is ORG]
    ratings = _cells(fill_form(_tree(), "6", YEAR_2025, evaluations=orgs_only))
    assert (ratings["I.1.2"], ratings["III"]) == ((1, 0), (6, 5))
    assert "III.1" not in ratings
    assert "III.2" not in ratings
    review = fill_form(_tree(), "6F", YEAR_2025, evaluations=orgs_only)
    cells = {item.row.key: tuple(c.value for c in item.cells) for item in review.rows}
    assert (cells["1"], cells["2"], cells["3.2"], cells["3.3"]) == (
        (3, 6),
        (2, None),
        (None, None),
        (None, None),
    )


def test_biểu_6_and_6f_of_a_window_before_the_years_end_are_blank() -> None:
    # The 2025 review rates the year in December: the first half of 2025 has not
    # reached it (nor the third quarter); the second half and the last quarter have.
    for window in (Period.half(2025, 1), Period.quarter(2025, 3)):
        filled = fill_forms(_tree(), window, ["6", "6F"], evaluations=EVALUATIONS)
        assert [len(f.missing) for f in filled] == [21, 11], window
    for window in (Period.half(2025, 2), Period.quarter(2025, 4)):
        ratings, review = fill_forms(_tree(), window, ["6", "6F"], evaluations=EVALUATIONS)
        assert _cells(ratings)["III.1"] == (3, 4)
        assert review.rows[0].cells[1].value == 6


def test_biểu_6f_golden_cells() -> None:
    filled = fill_form(_tree(), "6F", YEAR_2025, evaluations=EVALUATIONS)
    cells = {item.row.key: tuple(c.value for c in item.cells) for item in filled.rows}
    # Collectives: x, c1, c2 must; x, c1 done; c2 founded 1/9/2025. Members: 6 must;
    # a, b, f done; c admitted 1/8/2025, d exempted, e other.
    assert cells == {
        "1": (3, 6),
        "2": (2, 3),
        "3": (1, 3),
        "3.0": (None, None),
        "3.1": (1, None),
        "3.2": (None, 1),
        "3.3": (None, 1),
        "3.4": (None, 0),
        "4": (None, None),
        "4.0": (None, None),
        "4.1": (None, None),
        "4.2": (None, None),
        "4.3": (None, None),
    }
    # Cells a row does not fill are not applicable, not missing.
    assert filled.missing == ("4", "4.1", "4.2", "4.3")
    assert filled.ok


def test_biểu_6f_checks_each_column() -> None:
    from coso_dang.forms import fill, known_codes

    counts: dict[str, int | None] = dict.fromkeys(known_codes(), 0)
    counts.update({"kiem_diem_dang_vien_phai": 4, "kiem_diem_dang_vien_da": 2,
                   "kiem_diem_dang_vien_chua": 1, "kiem_diem_dang_vien_mien": 3})  # fmt: skip
    filled = fill(get_form("6F"), counts, counts, org_name="", period=YEAR_2025)
    assert filled.failures == (
        "cột 4: 1 = 2 + 3: 4 và 3",
        "cột 4: 3.2 + 3.3 + 3.4 ≤ 3: 3 và 1",
        "cột 4: dòng 3.3 (3) lớn hơn dòng 3 (1) mà nó thuộc về",
    )


def test_biểu_7_golden_cells() -> None:
    filled = fill_form(_tree(), "7", YEAR_2025, events=EVENTS, evaluations=EVALUATIONS, facts=FACTS)
    # Badges are awarded on 3/2, 19/5, 2/9 and 7/11: 2025's rounds award a's 30-year badge
    # (reached 10/3/2025, round 19/5/2025) and f's 40-year badge (reached 20/11/2024,
    # after the 7/11/2024 round: round 3/2/2025); b's is deferred to 1/2/2026, round
    # 3/2/2026. 2024's rounds award none of them. e's temporary transfer out in 2025.
    expected: dict[str, tuple[Any, Any]] = {f"II.{y}": (0, 0) for y in
                                           (45, 50, 55, 60, 65, 70, 75, 80, 85, 90)}  # fmt: skip
    expected.update({
        "II": (2, 0), "II.30": (1, 0), "II.40": (1, 0),
        "IV.1": (1, 0), "IV.1a": (1, 0), "IV.1b": (0, 0),
        "IV.2": (0, 0), "IV.2a": (0, 0), "IV.2b": (0, 0),
    })  # fmt: skip
    assert _cells(filled) == expected
    assert filled.ok
    # A cảnh cáo on 1/10/2025 comes after the 2/9 round that proposed b: 2025's badge.
    late = [MemberFacts("b", disciplines=[Discipline(DisciplineForm.CANH_CAO, date(2025, 10, 1))])]
    after = fill_form(_tree(), "7", YEAR_2025, events=EVENTS, evaluations=EVALUATIONS, facts=late)
    assert (_cells(after)["II"], _cells(after)["II.40"]) == ((3, 0), (2, 0))
    # A quarter holds one round: the first quarter of 2025 awards f's badge (3/2).
    # December holds none: no badge is awarded in it.
    q1 = fill_form(_tree(), "7", Period.quarter(2025, 1), facts=FACTS)
    assert (q1.value("II"), q1.value("II.40")) == (1, 1)
    december = fill_form(_tree(), "7", Period(date(2025, 12, 1), date(2025, 12, 31)), facts=FACTS)
    assert december.value("II") == 0
    # Awards, cards and the IV.3 figures are not in the data: blank and listed.
    assert filled.missing == (
        "I.1a", "I.1a.1", "I.1a.2", "I.1b", "I.1b.1", "I.1b.2", "I.1b.3", "I.1c",
        "I.1c.1", "I.1c.2", "I.1d", "I.1d.1", "I.1d.2", "I.2", "I.2.1", "I.2.2",
        "III.1", "III.2", "III.3", "IV.3a", "IV.3b", "IV.3c",
    )  # fmt: skip
    percent = {item.row.key: item.percent for item in filled.rows}
    # 2024's rounds awarded none: no base for a percentage.
    assert (percent["II"], percent["II.30"], percent["II.40"]) == (None, None, None)


def test_the_whole_set_at_once_matches_form_by_form() -> None:
    tree = _tree()
    arguments: dict[str, Any] = {"events": EVENTS, "evaluations": EVALUATIONS, "facts": FACTS}
    together = fill_forms(tree, YEAR_2025, **arguments)
    assert [f.form.number for f in together] == [f.number for f in forms()]
    for filled in together:
        alone = fill_form(tree, filled.form.number, YEAR_2025, **arguments)
        assert filled == alone
    # The same total wherever it is printed: Biểu 1 D, Biểu 3 I, Biểu 5 col 7, Biểu 6 III.
    by_number = {f.form.number: f for f in together}
    assert by_number["1"].value("D") == by_number["3"].value("I") == 6
    assert by_number["5"].rows[-1].cells[-1].value == 6
    assert by_number["6"].value("III") == 6
    with pytest.raises(FormError, match="cần cây tổ chức"):
        fill_forms(PEOPLE, YEAR_2025, ["6"])


def test_the_set_in_use_follows_the_periods_date() -> None:
    assert version_for(date(2021, 12, 13)) == "2021"
    assert version_for(date(2021, 12, 12)) == "2012"
    assert version_for(date(2012, 5, 17)) == "2012"
    with pytest.raises(FormError, match="không có bộ biểu nào"):
        version_for(date(2012, 5, 16))
    with pytest.raises(FormError, match="không có bộ biểu"):
        forms("2017")
    older = fill_forms(MEMBERS, Period.year(2020), ["3", "4"])
    assert [f.form.name for f in older] == ["Biểu số 3 - TCTW", "Biểu số 4 - TCTW"]


def test_biểu_3_tctw_golden_cells() -> None:
    filled = fill_form(MEMBERS, "3", Period.year(2020))
    assert filled.form.version == "2012"
    # dv1 (30 on 31/12/2020), dv3 (70), dv4 (35); a year earlier 29, 69, 34. dv2 was
    # admitted in 2025.
    assert _cells(filled) == {
        "I": (3, 3), "I.a": (0, 0), "I.b": (2, 2), "I.c": (0, 0), "I.d": (1, 1),
        "I.e": (0, 0), "I.g": (0, 0),
        "II.1.1": (1, 1), "II.1.2": (1, 1), "II.1.3": (0, 0), "II.1.4": (0, 0),
        "II.1.5": (1, 1), "II.1.tb": (Fraction(45), Fraction(44)),
        "II.2.1": (0, 0), "II.2.2": (0, 0), "II.2.3": (1, 1), "II.2.4": (2, 2),
        "II.3.0": (0, 0), "II.3.1": (0, 0), "II.3.2": (0, 0), "II.3.3": (0, 0),
        "II.3.4": (3, 3),
        "II.4.1": (0, 0), "II.4.2": (0, 0), "II.4.3": (1, 1), "II.4.4": (2, 2),
        "II.4.5": (0, 0), "II.4.6": (0, 0),
        "II.5.1": (0, 0), "II.5.2": (1, 1),
        "II.6.1": (1, 1), "II.6.2": (1, 1), "II.6.3": (1, 1),
    }  # fmt: skip
    assert filled.ok
    assert filled.missing == (
        "I.f", "II.7.30", "II.7.40", "II.7.50", "II.7.55", "II.7.60",
        "II.7.65", "II.7.70", "II.7.75", "II.7.80", "II.7.85", "II.7.90", "II.4.7",
    )  # fmt: skip


def test_the_2012_eras_part_at_the_start_of_august_1945() -> None:
    """Biểu 3 of 2012 parts its first two eras at the month: "Trước tháng 8/1945", "Từ
    8/1945 đến 20/7/1954"; the 2021 form at 19/8/1945. Members admitted from 1/8 to
    18/8/1945 were in the 2012 form's first era, as in the 2021 form's."""
    admitted = [
        date(1945, 7, 31), date(1945, 8, 1), date(1945, 8, 18), date(1945, 8, 19),
        date(1954, 7, 20), date(1954, 7, 21),
    ]  # fmt: skip
    tree = OrgTree.build(ORGS, [_p(f"m{n}", "c1", day) for n, day in enumerate(admitted, 1)])
    old = fill_form(tree, "3", Period.year(2020))
    assert old.form.version == "2012"
    eras = {
        r.row.key: (r.this.value, r.previous.value)
        for r in old.rows
        if r.row.key.startswith("II.2.")
    }
    # 31/7/1945 | 1/8, 18/8, 19/8/1945 and 20/7/1954 | 21/7/1954 | none.
    assert eras == {"II.2.1": (1, 1), "II.2.2": (4, 4), "II.2.3": (1, 1), "II.2.4": (0, 0)}
    assert old.ok, old.failures
    new = fill_form(tree, "3", YEAR_2025)
    # 31/7, 1/8, 18/8/1945 | 19/8/1945, 20/7/1954 | 21/7/1954 | none.
    assert [new.value(f"II.3.{n}") for n in range(1, 5)] == [3, 2, 1, 0]


def test_biểu_2_tctw_golden_cells() -> None:
    filled = fill_form(MEMBERS, "2", Period.year(2015))
    # dv1, admitted 2/3/2015: a woman of 25, Kinh, no religion, viên chức, THPT, ĐH.
    assert _cells(filled) == {
        "I": (1, 0), "I.b": (1, 0), "I.c": (0, 0), "I.d": (0, 0), "I.e": (0, 0),
        "I.g": (1, 0), "I.k": (0, 0), "I.l": (0, 0), "I.m": (0, 0),
        "II.1.1": (1, 0), "II.1.2": (0, 0), "II.1.3": (0, 0), "II.1.4": (0, 0),
        "II.1.tb": (Fraction(25), None),
        "II.2.1": (0, 0), "II.2.2": (0, 0), "II.2.3": (0, 0), "II.2.4": (1, 0),
        "II.3.1": (0, 0), "II.3.2": (0, 0), "II.3.3": (0, 0), "II.3.4": (1, 0),
        "II.3.5": (0, 0), "II.3.6": (0, 0),
    }  # fmt: skip
    assert filled.missing == ("I.a", "I.f", "I.h", "I.i", "II.3.7")


def test_biểu_4_tctw_golden_cells() -> None:
    filled = fill_form(MEMBERS, "4", Period.year(2020))
    expected = {item.row.key: 0 for item in filled.rows}
    # All three are Kinh (row 1); dv3 is Catholic, "Đạo Thiên Chúa" (row 1 of II).
    expected.update({"I": 3, "I.1": 3, "II": 1, "II.1": 1})
    assert {item.row.key: item.this.value for item in filled.rows} == expected
    assert [filled.share(k) for k in ("I", "I.1", "I.2", "II.1")] == [100, 100, 0, 100]
    labels = [item.row.label for item in filled.rows]
    assert labels[55:57] == ["Quốc tịch gốc nước ngoài", "Dân tộc khác"]
    assert labels[58:61] == ["Đạo Thiên Chúa", "Đạo Tin Lành", "Đạo Phật"]


def test_biểu_1_tctw_golden_cells() -> None:
    tree = OrgTree.build([Organization("cb", "Chi bộ Thôn Đông", OrgKind.CHI_BO_CO_SO)], MEMBERS)
    filled = fill_form(tree, "1", Period.year(2020))
    zero = (0, 0)
    assert _cells(filled) == {
        "A": (3, 3), "B": zero, "B1": zero, "B2": zero, "B2a": zero, "B2b": zero,
        "B3": zero, "C": zero, "C1": zero, "C2": zero, "C3": zero, "C4": zero,
        "C5": zero, "C5a": zero, "C5b": zero, "D": (3, 3), "E": zero,
    }  # fmt: skip
    assert filled.missing == ("G",)


# Two communes merged into a new one on 1/7/2025 (the 2025 reorganization).
MERGER_ORGS = [
    Organization("T", "Đảng bộ tỉnh", OrgKind.DANG_BO_TINH),
    Organization("X1", "Chi bộ xã An Phú", OrgKind.CHI_BO_CO_SO, "T"),
    Organization("X2", "Chi bộ xã An Lạc", OrgKind.CHI_BO_CO_SO, "T"),
    Organization("X", "Chi bộ xã An Phú Lạc", OrgKind.CHI_BO_CO_SO, "T",
                 founded_on=date(2025, 7, 1)),
    Organization("Y", "Chi bộ xã Bình Minh", OrgKind.CHI_BO_CO_SO, "T"),
]  # fmt: skip
MERGER = [
    OrgEvent("X1", OrgEventKind.HOP_NHAT, date(2025, 7, 1), into=["X"]),
    OrgEvent("X2", OrgEventKind.HOP_NHAT, date(2025, 7, 1), into=["X"]),
]
MERGED_MEMBERS = [
    Member("m1", "Trần Văn Một", "X1", admitted_on=date(2001, 3, 1), gender=Gender.NAM),
    Member("m2", "Lê Thị Hai", "X1", admitted_on=date(2024, 4, 2), gender=Gender.NU),
    Member("m3", "Phạm Văn Ba", "X2", admitted_on=date(1999, 9, 9), gender=Gender.NAM,
           left_on=date(2025, 3, 1), leave_reason=LeaveReason.TU_TRAN),
    Member("m4", "Đỗ Thị Bốn", "X2", admitted_on=date(2025, 9, 1), gender=Gender.NU),
    Member("m5", "Vũ Văn Năm", "Y", admitted_on=date(2010, 1, 1), gender=Gender.NAM),
]  # fmt: skip


def test_cùng_kỳ_năm_trước_is_restated_on_the_merged_commune() -> None:
    tree = OrgTree.build(MERGER_ORGS, MERGED_MEMBERS)
    filled = fill_forms(tree, YEAR_2025, ["1", "3"], org="X", org_events=MERGER)
    movement, roll = filled
    assert movement.org_name == "Chi bộ xã An Phú Lạc"
    # 2024, the two old communes: m1 and m3 at the start, m2 admitted on 2/4/2024;
    # 2025: m3 died on 1/3, m4 admitted on 1/9. X's past figures are X1's and X2's.
    assert _cells(roll)["I"] == (3, 3)
    assert _cells(roll)["I.a"] == (2, 1)
    zero = (0, 0)
    assert _cells(movement) == {
        "A": (3, 2), "B": (1, 1), "B1": (1, 1), "B2": zero, "B2a": zero, "B2b": zero,
        "B3": zero, "C": (1, 0), "C1": (1, 0), "C2": zero, "C3": zero, "C3x": zero,
        "C4": zero, "C5": zero, "C5a": zero, "C5b": zero, "D": (3, 3),
    }  # fmt: skip
    assert movement.ok
    # Without the organizations' events X has no past: last year is empty.
    alone = fill_form(tree, "3", YEAR_2025, org="X")
    assert _cells(alone)["I"] == (0, 0)
    # Y is untouched by the merger.
    other = fill_form(tree, "3", YEAR_2025, org="Y", org_events=MERGER)
    assert _cells(other)["I"] == (1, 1)
    with pytest.raises(FormError, match="không còn"):
        fill_form(tree, "3", YEAR_2025, org="X1", org_events=MERGER)
    # Events naming organizations that are not there are refused, each listed.
    wrong = [OrgEvent("X9", OrgEventKind.HOP_NHAT, date(2025, 7, 1), into=["X"])]
    with pytest.raises(FormError) as caught:
        fill_form(tree, "3", YEAR_2025, org="X", org_events=wrong)
    assert caught.value.problems == (
        "Sự kiện của tổ chức 'X9': org_id = 'X9': không có tổ chức mang mã này",
    )


def test_biểu_6_cùng_kỳ_through_a_merger_is_blank_not_the_successors_zero() -> None:
    # 2024 rated X1 (HTTNV), X2 (HTNV) and Y; X, their successor since 1/7/2025, was
    # rated in 2025; m1 (of X1, now of X) both years. Last year's ratings are of X1 and
    # X2, not of X: X's 2024 column is unknown, not "0 TCCSĐ", and the province's no
    # longer stops at evaluations of organizations the restated tree does not have.
    ratings = [
        Evaluation("X1", 2024, Rating.HTTNV, subject=ORG),
        Evaluation("X2", 2024, Rating.HTNV, subject=ORG),
        Evaluation("Y", 2024, Rating.HTNV, subject=ORG),
        Evaluation("X", 2025, Rating.HTTNV, subject=ORG),
        Evaluation("Y", 2025, Rating.HTNV, subject=ORG),
        Evaluation("m1", 2024, Rating.HTTNV),
        Evaluation("m1", 2025, Rating.HTTNV),
    ]
    tree = OrgTree.build(MERGER_ORGS, MERGED_MEMBERS)
    commune = fill_form(tree, "6", YEAR_2025, org="X", org_events=MERGER, evaluations=ratings)
    assert _cells(commune)["I"] == (1, None)
    assert _cells(commune)["I.1.2"] == (1, None)
    assert all(item.previous.value is None for item in commune.rows)
    province = fill_form(tree, "6", YEAR_2025, org_events=MERGER, evaluations=ratings)
    # 31/12/2025: X (HTTNV) and Y (HTNV).
    assert _cells(province)["I"] == (2, None)
    assert (_cells(province)["I.1.2"], _cells(province)["I.1.3"]) == ((1, None), (1, None))
    # A commune the merger did not touch keeps its comparison: Y, HTNV both years.
    untouched = fill_form(tree, "6", YEAR_2025, org="Y", org_events=MERGER, evaluations=ratings)
    assert _cells(untouched)["I.1.3"] == (1, 1)


def test_biểu_6_of_an_organization_reviewed_then_merged_before_the_year_end() -> None:
    # X1 was rated in December 2025, then merged into X on 20/12/2025: the form counts
    # the organizations of 31/12/2025 (X unrated, Y HTNV), as 6F does; the province's
    # Biểu 6 was refused ("không có tổ chức này trong cây").
    orgs = [attrs.evolve(o, founded_on=date(2025, 12, 20)) if o.id == "X" else o
            for o in MERGER_ORGS]  # fmt: skip
    merger = [attrs.evolve(e, on=date(2025, 12, 20)) for e in MERGER]
    ratings = [
        Evaluation("X1", 2025, Rating.HTTNV, subject=ORG),
        Evaluation("Y", 2025, Rating.HTNV, subject=ORG),
    ]
    tree = OrgTree.build(orgs, MERGED_MEMBERS)
    filled = fill_form(tree, "6", YEAR_2025, org_events=merger, evaluations=ratings)
    cells = _cells(filled)
    assert (cells["I"], cells["I.1"], cells["I.1.2"], cells["I.1.3"], cells["I.2"]) == (
        (2, None),
        (1, None),
        (0, None),
        (1, None),
        (1, None),
    )
    assert filled.ok


def test_the_workbook_of_the_new_forms_reads_back(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    filled = fill_forms(
        _tree(), YEAR_2025, ["6", "6F", "7"], events=EVENTS, evaluations=EVALUATIONS, facts=FACTS
    )
    path = tmp_path / "bieu.xlsx"
    write_xlsx(filled, path, reporter="Đảng ủy xã Tân Lập")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Biểu 6", "Biểu 6F", "Biểu 7"]
    for form in (filled[0], filled[2]):
        sheet = book[f"Biểu {form.form.number}"]
        assert sheet["D1"].value == form.form.name
        assert {"A7:A8", "B7:C7", "D7:D8", "A4:D4", "A5:D5"} <= {
            str(r) for r in sheet.merged_cells.ranges
        }
        assert [sheet.cell(9, c).value for c in range(1, 5)] == ["1", "2", "3", "4(=2*100/3)"]
        for offset, item in enumerate(form.rows):
            line = 10 + offset
            assert sheet.cell(line, 1).value == item.row.label
            assert sheet.cell(line, 1).alignment.indent == item.row.level
            found = [sheet.cell(line, c).value for c in (2, 3, 4)]
            percent = None if item.percent is None else round(float(item.percent), 2)
            wanted = [item.this.value, item.previous.value, percent]
            assert found == ([None] * 3 if item.row.heading else wanted)
    review = book["Biểu 6F"]
    assert [review.cell(7, c).value for c in range(1, 6)] == [
        "TT", "Nội dung", "Tập thể", "Đảng viên", "Ghi chú"
    ]  # fmt: skip
    assert {"A7:A8", "B7:B8", "C7:C8", "D7:D8", "E7:E8"} <= {
        str(r) for r in review.merged_cells.ranges
    }
    # 6F prints no row of column numbers: its rows follow the header.
    rows = [[review.cell(9 + i, c).value for c in range(1, 6)] for i in range(5)]
    assert rows == [
        ["1", "Số lượng thuộc đối tượng phải kiểm điểm tự phê bình và phê bình", 3, 6, None],
        ["2", "Số lượng đã kiểm điểm tự phê bình và phê bình", 2, 3, None],
        ["3", "Số lượng chưa kiểm điểm tự phê bình và phê bình", 1, 3, None],
        [None, "Trong đó:", None, None, None],
        ["3.1", "Số tập thể thành lập mới", 1, None, None],
    ]
    texts = [c.value for row in review.iter_rows() for c in row if isinstance(c.value, str)]
    assert {"NGƯỜI LẬP BIỂU", "TRƯỞNG BAN", "………, ngày…tháng…năm 20…"} <= set(texts)
    assert "Không có số liệu: 4, 4.1, 4.2, 4.3" in texts


def test_the_html_shows_every_cell_as_filled() -> None:
    filled = fill_forms(_tree(), YEAR_2025, ["6F", "7"], events=EVENTS,
                        evaluations=EVALUATIONS, facts=FACTS)  # fmt: skip
    page = render_html(filled, reporter="Đảng ủy xã Tân Lập")
    assert page.startswith("<!DOCTYPE html>")
    assert "@page { size: A4 portrait" in page
    assert "@media print" in page
    assert page.count('<section class="bieu"') == 2
    assert "ĐẢNG ỦY XÃ TÂN LẬP" in page
    assert '<th colspan="2">Thực hiện</th>' in page
    assert "<th>4(=2*100/3)</th>" in page
    assert "Không có số liệu: 4, 4.1, 4.2, 4.3" in page
    fragment = filled[0]._repr_html_()
    assert "<table" in fragment
    assert "Biểu số 6F-BTCTW" in fragment
    assert '<td class="so">3</td><td class="so">6</td>' in fragment
    # Names are escaped.
    odd = fill_form(PEOPLE, "3", YEAR_2025, org_name="<b>Chi bộ</b>")
    assert "&lt;B&gt;CHI BỘ&lt;/B&gt;" in render_html(odd)


def _chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    pytest.skip("headless Chromium is not installed (apt-get install -y chromium)")


def _browser(*arguments: str, profile: Path) -> str:
    command = [
        _chromium(),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-javascript",
        f"--user-data-dir={profile}",
        *arguments,
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def _png_rows(path: Path) -> tuple[int, int, list[bytes]]:
    """Width, height and the filtered scanlines of an 8-bit RGB(A) PNG."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width = int.from_bytes(data[16:20], "big")
    height = int.from_bytes(data[20:24], "big")
    at, idat = 8, b""
    while at < len(data):
        size = int.from_bytes(data[at : at + 4], "big")
        kind = data[at + 4 : at + 8]
        if kind == b"IDAT":
            idat += data[at + 8 : at + 8 + size]
        at += 12 + size
    raw = zlib.decompress(idat)
    stride = len(raw) // height
    return width, height, [raw[i * stride : (i + 1) * stride] for i in range(height)]


def test_the_page_in_chromium_has_the_forms_and_prints_on_a4(tmp_path: Path) -> None:
    """Chromium parses the page into one table a form, and its screenshot at the width
    of an A4 page shows the printed form (ink on white, the header at the top)."""
    filled = fill_forms(_tree(), YEAR_2025, events=EVENTS, evaluations=EVALUATIONS, facts=FACTS)
    page = tmp_path / "bieu_mau.html"
    page.write_text(render_html(filled), encoding="utf-8")
    dom = _browser("--dump-dom", page.as_uri(), profile=tmp_path / "profile")
    assert dom.count('<table class="so-lieu">') == len(filled) == 9
    for form in filled:
        assert form.form.title in dom
    shot = tmp_path / "bieu.png"
    _browser(
        f"--screenshot={shot}", "--window-size=794,1123", "--hide-scrollbars", page.as_uri(),
        profile=tmp_path / "profile",
    )  # fmt: skip
    width, height, rows = _png_rows(shot)
    assert (width, height) == (794, 1123)
    # Ink rows (text, borders) and blank rows, with the header near the top: a page,
    # not an empty or error screen.
    inked = [i for i, line in enumerate(rows) if min(line[1:]) < 100]
    assert len(inked) > 200
    assert inked[0] < 60
    pdf = tmp_path / "bieu.pdf"
    _browser(f"--print-to-pdf={pdf}", "--no-pdf-header-footer", page.as_uri(),
             profile=tmp_path / "profile")  # fmt: skip
    text = pdf.read_bytes()
    assert text.startswith(b"%PDF")
    # One form a page at least (Biểu 2, 2B, 3, 4 and 7 run over two).
    assert text.count(b"/Type /Page\n") + text.count(b"/Type /Page ") >= 9 or (
        text.count(b"/Type/Page") - text.count(b"/Type/Pages") >= 9
    )


def test_the_command_fills_the_set_of_the_periods_date(tmp_path: Path) -> None:
    import json

    from coso_dang.cli import main
    from coso_dang.dataset import Dataset
    from coso_dang.io import dump_json

    data = tmp_path / "data.json"
    dump_json(Dataset(ORGS, PEOPLE, evaluations=EVALUATIONS), data)
    output = tmp_path / "bieu.json"
    assert main(["thong-ke", str(data), "--year", "2025", "--forms", "6,6F", "--output",
                 str(output)]) == 0  # fmt: skip
    filled = json.loads(output.read_text(encoding="utf-8"))
    assert [f["form"] for f in filled] == ["6", "6F"]
    assert filled[1]["rows"][0]["cells"] == [3, 6]
    page = tmp_path / "bieu.html"
    assert main(["thong-ke", str(data), "--year", "2020", "--output", str(page)]) == 0
    text = page.read_text(encoding="utf-8")
    assert "Biểu số 1 - TCTW" in text
    assert "Biểu số 4 - TCTW" in text
    assert main(["thong-ke", str(data), "--year", "2020", "--forms", "6F"]) == 2


def test_an_organizations_movements_need_only_its_subtree() -> None:
    """Biểu 1 of a district counted on its own subtree (its members, and those whose
    events name it) equals its movements counted on the whole province."""
    import attrs

    from coso_dang.forms import movement_counts
    from coso_dang.history.membership import History
    from coso_dang.testing import generate_history, generate_province

    data = generate_province(seed=3, scale=0.05)
    made = generate_history(data, seed=3)
    tree = attrs.evolve(data, members=made.members, member_events=made.events).tree()
    period = Period.year(data.year or 2024)
    history = History(list(tree.members()), list(made.events))
    # The committees above the grassroots: a đảng đoàn or ban cán sự đảng beside them
    # holds no counts, and its forms are refused.
    districts = [o for o in tree.children(tree.roots[0].id) if o.kind.is_superior][:4]
    moved = 0
    for district in districts:
        whole = movement_counts(history, tree, period, district.id)
        filled = fill_form(tree, "1", period, org=district.id, events=made.events)
        found = {item.row.source: item.this.value for item in filled.rows}
        assert {code: found[code] for code in whole if code in found} == {
            code: value for code, value in whole.items() if code in found
        }
        moved += whole["giam_chuyen_di"] or 0
    assert moved > 0  # the districts did lose members to transfers


# The 2021 member forms over the four members of tests/test_forms.py, every cell:
# dv2 (Tày, Phật giáo, đoàn viên, nông nghiệp, born 10/1/2000, THCS, trung cấp) was
# admitted on 3/2/2025; dv4 (Kinh) left on 1/6/2025; dv1 and dv3 are Kinh, dv3 Công giáo.
def test_biểu_2_every_cell() -> None:
    filled = fill_form(MEMBERS, "2", YEAR_2025)
    zero = (0, 0)
    expected: dict[str, tuple[Any, Any]] = {
        "I": (1, 0), "I.a": (1, 0), "I.b": (1, 0), "I.c": zero,
        "II.1": (1, 0), "II.1.8": (1, 0),
        "II.2.1": (1, 0),  # 25 years old on 31/12/2025
        "II.2.tb": (Fraction(25), None),  # nobody admitted in 2024: no average
        "II.3.3": (1, 0), "II.4.2": (1, 0),
    }  # fmt: skip
    for key in ("1", "2", "3", "4", "5", "6", "7", "7a", "7b", "7c", "9", "10", "11", "12"):
        expected.setdefault(f"II.1.{key}", zero)
    for band in range(2, 9):
        expected[f"II.2.{band}"] = zero
    expected.update({f"II.3.{n}": zero for n in (1, 2, 4)})
    expected.update({f"II.4.{n}": zero for n in (1, 3, 4, 5, 6)})
    expected.update({"II.5.1": zero, "II.5.2": zero})
    assert _cells(filled) == expected
    # Members without a tree: no organizations to count in section III.
    section_iii = ("III", "III.1", "III.1a", "III.1b", "III.2", "III.2a", "III.2b")
    assert filled.missing == ("I.d", "I.e", "I.f", *section_iii)
    assert filled.ok


def _listed(number: str) -> dict[str, tuple[Any, Any]]:
    filled = fill_form(MEMBERS, number, YEAR_2025)
    assert filled.ok
    assert filled.missing == ()
    return {item.row.key: (item.this.value, item.previous.value) for item in filled.rows}


def test_biểu_2b_every_cell() -> None:
    expected = dict.fromkeys(_listed("2B"), (0, 0))
    expected.update({"I": (1, 0), "I.2": (1, 0), "II": (1, 0), "II.1": (1, 0)})
    assert _listed("2B") == expected
    filled = fill_form(MEMBERS, "2B", YEAR_2025)
    assert [filled.share(k) for k in ("I", "I.1", "I.2", "II.1", "II.2")] == [100, 0, 100, 100, 0]
    # "Trong đó: nữ": dv2 is a man.
    assert {item.row.key: item.cells[0].value for item in filled.rows} == dict.fromkeys(expected, 0)


def test_biểu_4_every_cell() -> None:
    expected = dict.fromkeys(_listed("4"), (0, 0))
    expected.update({
        "I": (3, 3), "I.1": (2, 3), "I.2": (1, 0),  # Kinh: dv1, dv3 (and dv4 in 2024)
        "II": (2, 1), "II.1": (1, 0), "II.2": (1, 1),  # Phật giáo dv2; Công giáo dv3
    })  # fmt: skip
    assert _listed("4") == expected
    # "Trong đó: nữ": dv1 (Kinh, no religion) is the only woman on the list.
    women = dict.fromkeys(expected, 0) | {"I": 1, "I.1": 1}
    filled = fill_form(MEMBERS, "4", YEAR_2025)
    assert {item.row.key: item.cells[0].value for item in filled.rows} == women


def test_biểu_1_every_cell() -> None:
    tree = OrgTree.build([Organization("cb", "Chi bộ Thôn Đông", OrgKind.CHI_BO_CO_SO)], MEMBERS)
    filled = fill_form(tree, "1", YEAR_2025)
    zero = (0, 0)
    # 2025: dv1, dv3, dv4 at the start; dv2 admitted; dv4 transferred out, the side of
    # the transfer not recorded. 2024: dv1, dv3, dv4 all year.
    assert _cells(filled) == {
        "A": (3, 3), "B": (1, 0), "B1": (1, 0), "B2": zero, "B2a": zero, "B2b": zero,
        "B3": zero, "C": (1, 0), "C1": zero, "C2": zero, "C3": zero, "C3x": zero,
        "C4": zero, "C5": (1, 0), "C5a": (None, 0), "C5b": (None, 0), "D": (3, 3),
    }  # fmt: skip


def test_biểu_5_every_cell() -> None:
    organizations = [
        Organization("h", "Đảng bộ huyện", OrgKind.DANG_BO_CAP_TREN_CO_SO),
        Organization("x", "Đảng bộ xã Tân Lập", OrgKind.DANG_BO_CO_SO, "h",
                     grassroots_type=GrassrootsType.XA),
        Organization("x1", "Chi bộ Thôn 1", OrgKind.CHI_BO_TRUC_THUOC, "x"),
        Organization("xb", "Đảng bộ bộ phận Khu A", OrgKind.DANG_BO_BO_PHAN, "x"),
        Organization("xb1", "Chi bộ Khu A1", OrgKind.CHI_BO_TRUC_THUOC, "xb"),
        Organization("s", "Chi bộ Trường THPT", OrgKind.CHI_BO_CO_SO, "h",
                     grassroots_type=GrassrootsType.SU_NGHIEP_CONG_LAP),
    ]  # fmt: skip
    people = [
        Member(f"m{i}", f"Đảng viên {i}", org, admitted_on=date(2000, 1, 1))
        for i, org in enumerate(["x1", "xb1", "xb1", "s"])
    ]
    filled = fill_form(OrgTree.build(organizations, people), "5", YEAR_2025)
    cells = {item.row.key: tuple(c.value for c in item.cells) for item in filled.rows}
    expected = dict.fromkeys(cells, (0, 0, 0, 0, 0, 0))
    # (2) TCCSĐ, (3) đảng bộ cơ sở, (4) chi bộ cơ sở, (5) đảng bộ bộ phận, (6) chi bộ
    # trực thuộc, (7) đảng viên.
    expected.update({
        "1": (1, 1, 0, 1, 2, 3),
        "6": (1, 0, 1, 0, 0, 1), "6a": (1, 0, 1, 0, 0, 1),
        "T": (2, 1, 1, 1, 2, 4),
    })  # fmt: skip
    assert cells == expected
    assert filled.ok


def test_biểu_3_counts_the_exempt_members_on_the_lists() -> None:
    """Biểu 3's "Được miễn công tác và sinh hoạt đảng" (2021: of the retired; 2012: of
    every member) from the exemption day on the record, as Biểu 6F reads it; it was
    blank, "no data". By hand, at the end of 2025 | of 2024:

    h1 retired, exempt since 2020: both. h2 retired, exempt from 1/3/2025: 2025 only.
    w1 a farmer, exempt since 2023: both, not retired. r1 retired, not exempt. d1
    retired, exempt, died 1/5/2025: 2024 only. mv retired, exempt, moved away 1/4/2025:
    2024 only. vao retired, exempt since 2010, moved in on 1/2/2025 (by the events;
    his record says nothing of it): 2025 only with the events, both without.
    """
    orgs = [
        Organization("x", "Đảng bộ xã Tân Lập", OrgKind.DANG_BO_CO_SO,
                     grassroots_type=GrassrootsType.XA),
        Organization("c1", "Chi bộ Thôn 1", OrgKind.CHI_BO_TRUC_THUOC, "x"),
        Organization("c2", "Chi bộ Thôn 2", OrgKind.CHI_BO_TRUC_THUOC, "x"),
    ]  # fmt: skip
    retired, farmer = Occupation.NGHI_HUU, Occupation.NONG_LAM_NGU
    people = [
        _p("h1", "c1", date(1970, 1, 1), occupation=retired, exempted_on=date(2020, 1, 1)),
        _p("h2", "c1", date(1980, 1, 1), occupation=retired, exempted_on=date(2025, 3, 1)),
        _p("w1", "c1", date(2000, 1, 1), occupation=farmer, exempted_on=date(2023, 1, 1)),
        _p("r1", "c1", date(1990, 1, 1), occupation=retired),
        _p("d1", "c2", date(1975, 1, 1), occupation=retired, exempted_on=date(2019, 1, 1),
           left_on=date(2025, 5, 1), leave_reason=LeaveReason.TU_TRAN),
        _p("mv", "c2", date(1972, 1, 1), occupation=retired, exempted_on=date(2021, 1, 1),
           left_on=date(2025, 4, 1), leave_reason=LeaveReason.CHUYEN_DI),
        _p("vao", "c1", date(1968, 1, 1), occupation=retired, exempted_on=date(2010, 1, 1)),
        _p("het", "c1", date(1966, 1, 1), occupation=retired, exempted_on=date(2020, 1, 1)),
        _p("ev", "c1", date(1967, 1, 1), occupation=retired),
    ]  # fmt: skip
    events = [
        MemberEvent("mv", MemberEventKind.CHUYEN_DI, date(2025, 4, 1), org_id="c2"),
        MemberEvent("vao", MemberEventKind.CHUYEN_DEN, date(2025, 2, 1), org_id="c1"),
        MemberEvent("het", MemberEventKind.HET_MIEN, date(2025, 6, 1), org_id="c1"),
        MemberEvent("ev", MemberEventKind.MIEN, date(2025, 2, 1), org_id="c1"),
    ]
    tree = OrgTree.build(orgs, people)

    def exempt(given: list[MemberEvent], org: str | None = None) -> dict[str, tuple[Any, Any]]:
        new = fill_form(tree, "3", YEAR_2025, events=given, org=org)
        old = fill_form(tree, get_form("3", "2012"), YEAR_2025, events=given, org=org)
        assert new.ok, new.failures
        assert old.ok, old.failures
        cells = {r.row.key: (r.this.value, r.previous.value) for r in new.rows}
        return {
            "II.1b": cells["II.1b"],
            "II.1b.x": cells["II.1b.x"],
            "I.g (2012)": next(
                (r.this.value, r.previous.value) for r in old.rows if r.row.key == "I.g"
            ),
        }

    # Retired: h1 h2 r1 vao het ev | h1 h2 r1 d1 mv vao het ev; of them exempt: h1 h2 vao
    # het | h1 d1 mv vao het; exempt: h1 h2 w1 vao het | h1 w1 d1 mv vao het.
    assert exempt([]) == {"II.1b": (6, 8), "II.1b.x": (4, 5), "I.g (2012)": (5, 6)}
    # With the events vao is on no list of the tree at the end of 2024, het's exemption
    # ends on 1/6/2025 and ev's starts on 1/2/2025 (his record says none): retired h1 h2
    # r1 vao het ev | h1 h2 r1 d1 mv het ev; of them exempt h1 h2 vao ev | h1 d1 mv het;
    # exempt h1 h2 w1 vao ev | h1 w1 d1 mv het.
    assert exempt(events) == {"II.1b": (6, 7), "II.1b.x": (4, 4), "I.g (2012)": (5, 5)}
    # An exempt member with no occupation recorded may be retired or not: of the retired,
    # the exempt are unknown; the exempt of 2012 are still counted.
    unknown = _p("u1", "c2", date(1985, 1, 1), exempted_on=date(2022, 1, 1))
    tree = OrgTree.build(orgs, [*people, unknown])
    assert exempt([]) == {"II.1b": (None, None), "II.1b.x": (None, None), "I.g (2012)": (6, 7)}
    # Chi bộ c1 alone, with an exemption ending in c2 (u1's): retired h1 h2 r1 vao het ev |
    # h1 h2 r1 het ev; of them exempt h1 h2 vao ev | h1 het; exempt h1 h2 w1 vao ev | h1
    # w1 het.
    ended = MemberEvent("u1", MemberEventKind.HET_MIEN, date(2025, 6, 1), org_id="c2")
    assert exempt([*events, ended], org="c1") == {
        "II.1b": (6, 5), "II.1b.x": (4, 2), "I.g (2012)": (5, 3),
    }  # fmt: skip


def test_a_members_table_gives_the_same_counts_as_the_records() -> None:
    """From ``TABLE_FROM`` members the counts run on a polars table: the figures are
    those of the records, for both periods, on generated data and on the members of
    tests/test_forms.py."""
    pytest.importorskip("polars")
    from coso_dang.forms._fill import member_counts_for
    from coso_dang.testing import generate_province

    generated = list(generate_province(seed=5, scale=0.02).members)
    periods = [Period.year(2024), Period(date(2023, 4, 1), date(2023, 9, 30))]
    for members in (generated, MEMBERS):
        records = member_counts_for(members, periods, table_from=None)
        assert member_counts_for(members, periods, table_from=0) == records
        assert records[0]["dang_vien"] > 0


def test_the_members_on_the_lists_count_alike_on_a_table() -> None:
    """With a history, the members on the lists at each period's end (those of Biểu 1's
    D) are counted alike from the records and from a polars table."""
    pytest.importorskip("polars")
    import attrs

    from coso_dang.forms._fill import OnLists, member_counts_for
    from coso_dang.history.membership import History
    from coso_dang.testing import generate_history, generate_province

    data = generate_province(seed=5, scale=0.02)
    made = generate_history(data, seed=5)
    history = History(list(made.members), list(made.events))
    evented = {e.member_id for e in made.events}
    recorded = [m for m in made.members if m.id in evented]
    periods = [Period.year(2024), Period(date(2023, 4, 1), date(2023, 9, 30))]
    listed = []
    for period in periods:
        roster = history.roster(period.end)
        listed.append(
            [
                attrs.evolve(m, left_on=None, leave_reason=None)
                if m.left_on is not None and m.left_on <= period.end
                else m
                for m in recorded
                if m.id in roster
            ]
        )
    on_lists = OnLists(evented, listed)
    members = list(made.members)
    records = member_counts_for(members, periods, on_lists=on_lists, table_from=None)
    assert member_counts_for(members, periods, on_lists=on_lists, table_from=0) == records
    plain = member_counts_for(members, periods, table_from=None)
    for counts, by_record, period, chosen in zip(records, plain, periods, listed, strict=True):
        assert counts["dang_vien"] == len(history.roster(period.end))
        assert counts["ket_nap"] == by_record["ket_nap"]  # admissions: the records'
        assert len(chosen) < len(recorded)  # some were on no list that day


def test_the_tidy_records_of_each_layout() -> None:
    review = fill_form(_tree(), "6F", YEAR_2025, evaluations=EVALUATIONS)
    records = [(r["row"], r["column"], r["value"]) for r in review.to_records()][:6]
    assert records == [
        ("1", "kiem_diem_tap_the", 3), ("1", "kiem_diem_dang_vien", 6),
        ("2", "kiem_diem_tap_the", 2), ("2", "kiem_diem_dang_vien", 3),
        ("3", "kiem_diem_tap_the", 1), ("3", "kiem_diem_dang_vien", 3),
    ]  # fmt: skip
    assert [(r["row"], r["column"]) for r in review.to_records() if r["row"] == "3.1"] == [
        ("3.1", "kiem_diem_tap_the")
    ]
    ethnic = fill_form(MEMBERS, "4", YEAR_2025)
    kinh = [(r["column"], r["value"]) for r in ethnic.to_records() if r["row"] == "I.1"]
    assert kinh == [("ky_nay", 2), ("cung_ky", 3), ("nu", 1), ("ty_le", Fraction(200, 3))]


def _two_districts(*members: Member) -> OrgTree:
    return OrgTree.build(
        [
            Organization("T", "Đảng bộ tỉnh T", OrgKind.DANG_BO_TINH),
            Organization("H1", "Huyện 1", OrgKind.DANG_BO_CAP_TREN_CO_SO, parent_id="T"),
            Organization("H2", "Huyện 2", OrgKind.DANG_BO_CAP_TREN_CO_SO, parent_id="T"),
            Organization("c1", "Chi bộ 1", OrgKind.CHI_BO_CO_SO, parent_id="H1"),
            Organization("c2", "Chi bộ 2", OrgKind.CHI_BO_CO_SO, parent_id="H2"),
            Organization("c3", "Chi bộ 3", OrgKind.CHI_BO_CO_SO, parent_id="H1"),
        ],
        members,
    )


def _ends(filled: tuple[FilledForm, ...]) -> list[tuple[int | Fraction | None, ...]]:
    """Biểu 1 D, then Biểu 3 I, in both columns."""
    cells = [{row.row.key: (row.this.value, row.previous.value) for row in f.rows} for f in filled]
    return [cells[0]["D"], cells[1]["I"]]


@pytest.mark.parametrize(
    "event",
    [
        # Arrived from another province before the day the record gives as admission.
        MemberEvent("b", MemberEventKind.CHUYEN_DEN, date(2024, 3, 1), org_id="c1"),
        # Admitted, by the events, before the record's day (the history names it).
        MemberEvent("b", MemberEventKind.KET_NAP, date(2024, 6, 20), org_id="c1"),
    ],
)
def test_biểu_3_ends_as_biểu_1_when_the_events_list_a_member_before_the_record(
    event: MemberEvent,
) -> None:
    tree = _two_districts(
        Member("a", "Lê Văn A", "c1", admitted_on=date(2010, 1, 1)),
        Member("b", "Lê Văn B", "c1", admitted_on=date(2024, 9, 1)),
    )
    period = Period(date(2024, 1, 1), date(2024, 6, 30))
    filled = fill_forms(tree, period, ["1", "3"], events=[event])
    assert _ends(filled) == [(2, 1), (2, 1)]


@pytest.mark.parametrize(
    ("recorded", "admitted"),
    [
        # The record gives the admission in 2025, the event a few days before, in 2024.
        (date(2025, 1, 5), date(2024, 12, 28)),
        # The record gives 2024, the event (an admission, not a re-admission) 2025.
        (date(2024, 12, 20), date(2025, 1, 3)),
    ],
)
def test_biểu_2_admits_a_member_when_the_events_do_as_biểu_1(
    recorded: date, admitted: date
) -> None:
    """A kết nạp event on another day than the record's admission (the history names
    it): Biểu 2 counts the new member in the year the event gives, as Biểu 1 counts B1
    there, and not as a re-admission ("Kết nạp lại"): there is no KET_NAP_LAI event."""
    tree = _two_districts(
        Member("a", "Lê Văn A", "c1", admitted_on=date(2010, 1, 1)),
        Member("b", "Lê Văn B", "c1", admitted_on=recorded, birth_date=date(2000, 1, 2)),
    )
    events = [MemberEvent("b", MemberEventKind.KET_NAP, admitted, org_id="c1")]
    for year in (2024, 2025):
        bieu_1, bieu_2, bieu_3 = fill_forms(tree, Period.year(year), ["1", "2", "3"], events=events)
        new = 1 if admitted.year == year else 0
        assert (bieu_1.value("B1"), bieu_2.value("I"), bieu_2.value("I.f")) == (new, new, 0)
        assert bieu_2.value("II.2.1") == new  # 24 or 25 years old
        assert bieu_2.ok, bieu_2.failures
        assert bieu_3.ok, bieu_3.failures
        assert bieu_3.value("I") == bieu_1.value("D") == 1 + (admitted.year <= year)


@pytest.mark.parametrize(
    ("org", "listed", "rated", "exempt"),
    [("T", 3, 2, 1), ("H1", 2, 1, 1), ("H2", 1, 1, 0)],
)
def test_biểu_6_and_6f_count_the_members_biểu_1_ends_with(
    org: str, listed: int, rated: int, exempt: int
) -> None:
    """With events, the members Biểu 6 rates and Biểu 6F must review are those on the
    lists at the year's end as the history has them, as Biểu 1 D and Biểu 3 I: not m1,
    gone to another province in May though the record still names c1; m4 in c1 (H1),
    where it moved in July, not in c2 where the record leaves it; m3 exempt from May by
    an event (Biểu 6F "miễn"), though the record gives no exemption."""
    tree = _two_districts(
        Member("m1", "Lê Văn Một", "c1", admitted_on=date(2010, 1, 4)),
        Member("m2", "Lê Văn Hai", "c2", admitted_on=date(2010, 1, 4)),
        Member("m3", "Lê Văn Ba", "c1", admitted_on=date(2015, 1, 5)),
        Member("m4", "Lê Văn Bốn", "c2", admitted_on=date(2012, 1, 5)),
    )
    events = [
        MemberEvent("m1", MemberEventKind.CHUYEN_DI, date(2025, 5, 1), org_id="c1"),
        MemberEvent("m3", MemberEventKind.MIEN, date(2025, 5, 1), org_id="c1"),
        MemberEvent("m4", MemberEventKind.CHUYEN_DI, date(2025, 7, 1), org_id="c2",
                    other_org_id="c1"),
        MemberEvent("m4", MemberEventKind.CHUYEN_DEN, date(2025, 7, 1), org_id="c1",
                    other_org_id="c2"),
    ]  # fmt: skip
    evaluations = [
        Evaluation("m2", 2025, Rating.HTTNV),
        Evaluation("m4", 2025, Rating.HTXSNV),
        # Last year m4 was rated in c2 (H2), and m1 in c1 (H1).
        Evaluation("m4", 2024, Rating.HTTNV),
        Evaluation("m1", 2024, Rating.HTTNV),
        *(Evaluation(o, 2025, Rating.HTTNV, subject=ORG) for o in ("c1", "c2", "c3")),
    ]
    bieu_1, bieu_6, bieu_6f = fill_forms(
        tree, YEAR_2025, ["1", "6", "6F"], org=org, events=events, evaluations=evaluations
    )
    assert bieu_1.value("D") == listed
    assert (bieu_6.value("III"), bieu_6.value("III.1"), bieu_6.value("III.2")) == (
        listed,
        rated,
        listed - rated,
    )
    # At the end of 2024 (the records' places): m1 and m3 in H1, m2 and m4 in H2.
    last_year = {row.row.key: row.previous.value for row in bieu_6.rows}
    assert (last_year["III"], last_year["III.1"]) == {"T": (4, 2), "H1": (2, 1), "H2": (2, 1)}[org]
    members = {row.row.key: row.cells[1].value for row in bieu_6f.rows}
    assert (members["1"], members["2"], members["3"], members["3.3"]) == (
        listed,
        rated,
        listed - rated,
        exempt,
    )
    assert bieu_6.ok, bieu_6.failures
    assert bieu_6f.ok, bieu_6f.failures


def test_biểu_7_counts_a_badge_where_the_member_was_on_the_round_day() -> None:
    """m reached 30 years of party age on 1/3/2025 while in c1 (H1): the round of 19/5
    proposes the badge there. m moved to c2 (H2) on 1/6, where the record now places
    it: H1's Biểu 7 counts the badge, not H2's; the province counts it once."""
    tree = _two_districts(
        Member("m", "Lê Văn Mười", "c2", admitted_on=date(1995, 3, 1)),
        Member("a", "Lê Văn An", "c1", admitted_on=date(2010, 1, 4)),
    )
    events = [
        MemberEvent("m", MemberEventKind.CHUYEN_DI, date(2025, 6, 1), org_id="c1",
                    other_org_id="c2"),
        MemberEvent("m", MemberEventKind.CHUYEN_DEN, date(2025, 6, 1), org_id="c2",
                    other_org_id="c1"),
    ]  # fmt: skip
    found = {
        org: fill_form(tree, "7", YEAR_2025, org=org, events=events).value("II.30")
        for org in ("T", "H1", "H2")
    }
    assert found == {"T": 1, "H1": 1, "H2": 0}
    # Without events the record is all there is: the badge is c2's.
    assert fill_form(tree, "7", YEAR_2025, org="H2").value("II.30") == 1


def test_biểu_6f_counts_a_member_re_admitted_under_6_months_ago_as_new() -> None:
    """a was re-admitted (kết nạp lại) on 1/9/2025: at the review on 31/12 a member
    admitted under 6 months ago, not reviewed for that reason (Biểu 6F 3.2), as Biểu 2
    counts a among the year's new members; b, admitted in 2001 and not rated, is "chưa"
    for no reason the form names."""
    from coso_dang.members import InactivePeriod

    back = date(2025, 9, 1)
    tree = _two_districts(
        Member("a", "Lê Văn A", "c1", admitted_on=date(2000, 1, 5),
               inactive_periods=(InactivePeriod(date(2010, 1, 1), back),)),
        Member("b", "Lê Văn B", "c1", admitted_on=date(2001, 1, 5)),
        Member("c", "Lê Văn C", "c1", admitted_on=date(2001, 1, 5)),
    )  # fmt: skip
    events = [
        MemberEvent("a", MemberEventKind.XOA_TEN, date(2010, 1, 1)),
        MemberEvent("a", MemberEventKind.KET_NAP_LAI, back, org_id="c1"),
    ]
    evaluations = [Evaluation("c", 2025, Rating.HTTNV), Evaluation("c1", 2025, Rating.HTTNV,
                                                                   subject=ORG)]  # fmt: skip
    bieu_2, bieu_6f = fill_forms(
        tree, YEAR_2025, ["2", "6F"], events=events, evaluations=evaluations
    )
    assert (bieu_2.value("I"), bieu_2.value("I.f")) == (1, 1)
    members = {row.row.key: row.cells[1].value for row in bieu_6f.rows}
    assert (members["1"], members["2"], members["3"], members["3.2"]) == (3, 1, 2, 1)
    assert bieu_6f.ok, bieu_6f.failures


def test_a_districts_forms_follow_a_member_out_of_a_chi_bo_merged_into_it() -> None:
    """c3 (in H1) is merged into c1 on 1/7; x left c3 for c2 (in H2) on 1/3. At the end
    of 2023 x was on a list of H1: its "cùng kỳ năm trước" holds x, with or without the
    organization events."""
    tree = _two_districts(
        Member("a", "Lê Văn A", "c1", admitted_on=date(2010, 1, 1)),
        Member("b", "Lê Văn B", "c3", admitted_on=date(2010, 1, 1)),
        Member("x", "Lê Văn X", "c2", admitted_on=date(2010, 1, 1)),
    )
    events = [
        MemberEvent("x", MemberEventKind.CHUYEN_DI, date(2024, 3, 1), org_id="c3",
                    other_org_id="c2"),
        MemberEvent("x", MemberEventKind.CHUYEN_DEN, date(2024, 3, 5), org_id="c2",
                    other_org_id="c3"),
    ]  # fmt: skip
    merged = [OrgEvent("c3", OrgEventKind.SAP_NHAP, date(2024, 7, 1), into=("c1",))]
    for org_events in ([], merged):
        filled = fill_forms(
            tree, Period.year(2024), ["1", "3"], org="H1", events=events, org_events=org_events
        )
        assert _ends(filled) == [(2, 3), (2, 3)], org_events


def test_a_re_admitted_member_is_dự_bị_on_biểu_3_as_in_the_history() -> None:
    """Kết nạp lại on 1/6/2024: dự bị again for 12 months, as the history has it, though
    the record keeps the first admission (2000) and its probation. Biểu 3 "Dự bị" counts
    the member at the end of 2024, and not at the end of 2025."""
    from coso_dang.history import History
    from coso_dang.members import InactivePeriod

    back = date(2024, 6, 1)
    tree = _two_districts(
        Member("a", "Lê Văn A", "c1", admitted_on=date(2000, 1, 5),
               ceremony_on=date(2000, 2, 1), official_on=date(2001, 2, 10),
               inactive_periods=(InactivePeriod(date(2010, 1, 1), back),)),
        Member("b", "Lê Văn B", "c1", admitted_on=date(2001, 1, 5)),
    )  # fmt: skip
    events = [
        MemberEvent("a", MemberEventKind.XOA_TEN, date(2010, 1, 1)),
        MemberEvent("a", MemberEventKind.KET_NAP_LAI, back, org_id="c1"),
    ]
    history = History(tree.members(), events)
    assert history.problems() == ()
    assert history.membership("a", date(2024, 12, 31)).status.value == "du_bi"
    assert history.membership("a", date(2025, 6, 1)).status.value == "chinh_thuc"
    for year, du_bi in ((2024, (1, 0)), (2025, (0, 1))):
        bieu_1, bieu_3 = fill_forms(tree, Period.year(year), ["1", "3"], events=events)
        cells = {row.row.key: (row.this.value, row.previous.value) for row in bieu_3.rows}
        assert cells["I.b"] == du_bi, year
        assert bieu_3.ok
        assert bieu_1.value("D") == bieu_3.value("I") == 2


def test_cùng_kỳ_năm_trước_of_february_is_the_whole_of_february() -> None:
    """A member admitted on 29/2/2024 is in February 2025's "cùng kỳ năm trước" (Biểu 1
    B1 and D, Biểu 2, Biểu 3), and a year's window ending 28/2/2025 compares with one
    whose end is the day before it starts."""
    tree = _two_districts(
        Member("a", "Lê Văn A", "c1", admitted_on=date(2010, 1, 4)),
        Member("b", "Lê Văn B", "c1", admitted_on=date(2024, 2, 29)),
    )
    bieu_1, bieu_2, bieu_3 = fill_forms(tree, Period.months(2025, 2, 1), ["1", "2", "3"])
    before = {
        f.form.number: {r.row.key: r.previous.value for r in f.rows}
        for f in (bieu_1, bieu_2, bieu_3)
    }
    assert (before["1"]["B1"], before["1"]["D"]) == (1, 2)
    assert (before["2"]["I"], before["3"]["I"]) == (1, 2)
    (twelve,) = fill_forms(tree, Period(date(2024, 3, 1), date(2025, 2, 28)), ["1"])
    cells = {r.row.key: (r.this.value, r.previous.value) for r in twelve.rows}
    assert cells["A"] == (2, 1)
    assert cells["D"] == (2, 2)
    assert cells["B1"] == (0, 1)


def test_a_transfer_netted_inside_leaves_the_sub_rows_known() -> None:
    """x moves from c3 (H1) to c2 (H2) without saying the side; y moves to another
    province, which the event says. The province nets x's move out of its Biểu 1: its
    C5a and C5b are known (1 and 0; they were blank, as if x's side counted there).
    H1, which x left, still cannot split its C5."""
    from coso_dang.history.events import TransferScope

    tree = _two_districts(
        Member("a", "Lê Văn A", "c1", admitted_on=date(2010, 1, 1)),
        Member("x", "Lê Văn X", "c2", admitted_on=date(2010, 1, 1)),
        Member("y", "Lê Văn Y", "c1", admitted_on=date(2010, 1, 1),
               left_on=date(2024, 12, 20), leave_reason=LeaveReason.CHUYEN_DI),
    )  # fmt: skip
    events = [
        MemberEvent("x", MemberEventKind.CHUYEN_DI, date(2024, 3, 1), org_id="c3",
                    other_org_id="c2"),
        MemberEvent("x", MemberEventKind.CHUYEN_DEN, date(2024, 3, 5), org_id="c2",
                    other_org_id="c3"),
        MemberEvent("y", MemberEventKind.CHUYEN_DI, date(2024, 12, 20), org_id="c1",
                    scope=TransferScope.TINH_KHAC),
    ]  # fmt: skip
    (province,) = fill_forms(tree, Period.year(2024), ["1"], events=events)
    assert [province.value(key) for key in ("C5", "C5a", "C5b", "B2")] == [1, 1, 0, 0]
    assert province.missing == ()
    (district,) = fill_forms(tree, Period.year(2024), ["1"], org="H1", events=events)
    assert [district.value(key) for key in ("C5", "C5a", "C5b")] == [2, None, None]
    (other,) = fill_forms(tree, Period.year(2024), ["1"], org="H2", events=events)
    assert [other.value(key) for key in ("B2", "B2a", "B2b")] == [1, None, None]


def test_a_list_form_prints_the_same_columns_in_text_and_json() -> None:
    """Biểu 4 prints Tổng số, Trong đó: nữ and Tỷ lệ (%) of the group: the text and the
    JSON have the figures of the page and the workbook. They printed kỳ này, cùng kỳ
    and the change from last year: Phật giáo "1 0" and no percentage (nobody a year
    before), where the form has 1, no woman, 50,00% of the members of a religion."""
    import json

    from coso_dang.forms import render_json, render_text

    filled = fill_form(MEMBERS, "4", YEAR_2025)
    text = render_text(filled).splitlines()
    assert ("Tỷ lệ (%)" in text[3], "Trong đó: nữ" in text[3], "Cùng kỳ" in text[3]) == (
        True,
        True,
        False,
    )
    religion = next(line for line in text if line.strip().startswith("1   Phật giáo"))
    assert religion.split()[-3:] == ["1", "0", "50,00"]
    data = {row["key"]: row for row in json.loads(render_json(filled))["rows"]}
    assert (data["II.1"]["percent"], data["I.1"]["percent"]) == ("50,00", "66,67")
    assert '<td class="so">50,00</td>' in render_html(filled)


def test_a_re_admission_is_a_new_member_on_biểu_2_as_on_biểu_1() -> None:
    """Biểu 2 counts "Kết nạp lại" as part of I, the members admitted in the period, and
    Biểu 1 counts a re-admission in B1 (kết nạp). A woman admitted on 10/7/1996, removed
    on 4/8/2004 and re-admitted on 5/9/2025 (born 1/3/1975: 50 at the end of 2025), and
    a man admitted on 1/3/2025 (born 2/1/2000: 25): 2025's I is 2, "Kết nạp lại" 1, the
    re-admitted member in the "46 - 50" band and the man in "18 - 30"; 2024's column has
    none. Without the events the library cannot tell a
    re-admission: "Kết nạp lại" is blank (unknown), not 0."""
    from coso_dang.members import InactivePeriod

    back = date(2025, 9, 5)
    tree = _two_districts(
        Member("a", "Lê Thị A", "c1", admitted_on=date(1996, 7, 10), birth_date=date(1975, 3, 1),
               gender=Gender.NU, inactive_periods=(InactivePeriod(date(2004, 8, 4), back),)),
        Member("b", "Lê Văn B", "c1", admitted_on=date(2025, 3, 1), birth_date=date(2000, 1, 2),
               gender=Gender.NAM),
    )  # fmt: skip
    events = [
        MemberEvent("a", MemberEventKind.XOA_TEN, date(2004, 8, 4)),
        MemberEvent("a", MemberEventKind.KET_NAP_LAI, back, org_id="c1"),
    ]
    bieu_1, bieu_2 = fill_forms(tree, Period.year(2025), ["1", "2"], events=events)
    cells = {row.row.key: (row.this.value, row.previous.value) for row in bieu_2.rows}
    assert bieu_1.value("B1") == 2
    assert cells["I"] == (2, 0)
    assert cells["I.f"] == (1, 0)
    assert cells["II.2.1"] == (1, 0)  # b, 25
    assert cells["II.2.5"] == (1, 0)  # a, 50
    assert bieu_2.ok
    # Biểu 3 keeps describing both members at the end of the year.
    [bieu_3] = fill_forms(tree, Period.year(2025), ["3"], events=events)
    assert bieu_3.value("I") == 2
    [alone] = fill_forms(tree, Period.year(2025), ["2"])
    assert alone.value("I") == 1
    assert alone.value("I.f") is None
    assert "I.f" in alone.missing


def test_re_admitted_members_count_alike_on_a_table() -> None:
    """The members re-admitted in a period are new members on a polars table as on the
    records (the path of a nation's counts)."""
    pytest.importorskip("polars")
    import attrs

    from coso_dang.forms._fill import OnLists, member_counts_for
    from coso_dang.testing import generate_province

    members = list(generate_province(seed=5, scale=0.02).members)
    again = [
        attrs.evolve(m, admitted_on=date(2024, 5, 2), left_on=None, leave_reason=None,
                     ceremony_on=None, official_on=None, exempted_on=None, inactive_periods=())
        for m in members[:7]
        if m.admitted_on < date(2020, 1, 1)
    ]  # fmt: skip
    periods = [Period.year(2024), Period.year(2023)]
    on_lists = OnLists(set(), [[], []], [again, []], [len(again), 0])
    records = member_counts_for(members, periods, on_lists=on_lists, table_from=None)
    assert member_counts_for(members, periods, on_lists=on_lists, table_from=0) == records
    plain = member_counts_for(members, periods, table_from=None)
    assert records[0]["ket_nap"] == plain[0]["ket_nap"] + len(again) > len(again) > 0
    assert (records[0]["ket_nap_lai"], records[1]["ket_nap_lai"]) == (len(again), 0)
    # The members with events are admitted as their events say, not as their records.
    evented = {m.id for m in members[:40]}
    moved = [m for m in members[:40] if m.admitted_on.year == 2023][:2]
    on_lists = OnLists(evented, [[], []], [[], moved], [0, 0])
    records = member_counts_for(members, periods, on_lists=on_lists, table_from=None)
    assert member_counts_for(members, periods, on_lists=on_lists, table_from=0) == records
    assert "ket_nap_lai" not in plain[0]


def test_the_forms_of_a_body_holding_no_counts_are_refused() -> None:
    """A tổ đảng's members are on its chi bộ's list: its forms were filled with zeros ("A
    - Tổng số đảng viên … 0" for a tổ of members), and every identity held. A đảng đoàn
    holds no members; a chi bộ founded after the period (or dissolved before it) had
    none then, but was given the members its records hold today. Refused, as the
    command refuses them; the chi bộ itself is filled."""
    orgs = [
        Organization("h", "Đảng bộ huyện Đức Long", OrgKind.DANG_BO_CAP_TREN_CO_SO),
        Organization("x", "Đảng bộ xã Tân Lập", OrgKind.DANG_BO_CO_SO, "h",
                     grassroots_type=GrassrootsType.XA),
        Organization("c1", "Chi bộ Thôn 1", OrgKind.CHI_BO_TRUC_THUOC, "x"),
        Organization("t1", "Tổ đảng số 1", OrgKind.TO_DANG, "c1"),
        Organization("dd", "Đảng đoàn Hội Nông dân", OrgKind.DANG_DOAN, "h"),
        Organization("c2", "Chi bộ Thôn 2", OrgKind.CHI_BO_TRUC_THUOC, "x",
                     founded_on=date(2025, 7, 1)),
        Organization("c3", "Chi bộ Thôn 3", OrgKind.CHI_BO_TRUC_THUOC, "x",
                     dissolved_on=date(2024, 1, 1)),
    ]  # fmt: skip
    people = [
        *(_p(f"t{n}", "c1", date(2010, 1, 1), to_dang_id="t1") for n in range(3)),
        _p("n1", "c2", date(2012, 1, 1)),
    ]
    tree = OrgTree.build(orgs, people)
    said = {
        "t1": "Tổ đảng số 1 là tổ đảng: đảng viên của tổ được thống kê trong Chi bộ Thôn 1 (c1)",
        "dd": "Đảng đoàn Hội Nông dân không có đảng viên, tổ chức đảng trực thuộc để lập biểu"
        " thống kê: đảng đoàn, ban cán sự đảng được tính bên cạnh hệ thống tổ chức đảng",
        "c2": "Chi bộ Thôn 2 thành lập ngày 01/7/2025, sau kỳ báo cáo (01/01/2024 -"
        " 31/12/2024): chưa có tổ chức này để lập biểu",
        "c3": "Chi bộ Thôn 3 đã giải thể ngày 01/01/2024, trước kỳ báo cáo (01/01/2024 -"
        " 31/12/2024): không còn tổ chức này để lập biểu",
    }
    for org, reason in said.items():
        with pytest.raises(FormError) as caught:
            fill_forms(tree, Period.year(2024), ["1", "3"], org=org)
        assert caught.value.problems == (reason,)
    with pytest.raises(FormError) as caught:
        fill_form(tree, "3", Period.year(2024), org="t1")
    assert caught.value.message("en").endswith(
        "- Tổ đảng số 1 is a party group: its members are counted in Chi bộ Thôn 1 (c1)"
    )
    # An organization the tree does not have: said, not Python's bare KeyError.
    with pytest.raises(FormError) as caught:
        fill_forms(tree, Period.year(2024), ["1"], org="c9")
    assert caught.value.problems == ("cây tổ chức không có tổ chức 'c9'",)
    assert caught.value.message("en").endswith("- the organization tree has no organization 'c9'")
    # Bare members say nothing of which are below an organization: the forms were filled
    # for every member given, as if for it.
    with pytest.raises(FormError) as caught:
        fill_forms(people, Period.year(2025), ["3"], org="c1")
    assert caught.value.message("en").endswith(
        "- needs an organization tree (OrgTree) to fill the forms of the organization 'c1'"
    )
    with pytest.raises(FormError):
        member_counts(people, Period.year(2025), org="c1")
    # Its chi bộ counts them; the chi bộ founded in July has its year 2025.
    assert fill_form(tree, "1", Period.year(2024), org="c1").value("D") == 3
    assert fill_form(tree, "1", Period.year(2025), org="c2").value("D") == 1


def test_a_chi_bo_dissolved_after_its_members_left_keeps_their_past() -> None:
    """A chi bộ dissolved (giải thể) in the year, its members gone before, is counted in
    its superior: restated on the year's organizations, its members were put in that
    superior, and the tree refused the whole set ("đảng viên phải thuộc một chi bộ").
    Their figures stay where they were. By hand, 2025 | 2024:

    The commune X and its chi bộ Xa and Xb are dissolved on 1/4/2025. a1 (admitted into
    Xa on 1/3/2024) died on 1/2/2025; a2 moved from Xa to Y on 1/3/2025, a4 from Xb (which
    only the events name) on 5/3/2025; y1 is Y's all along. A: a1 a2 a4 y1 | a2 a4 y1; B1:
    - | a1; C1: a1 | -; the transfers are inside the district and the province. D: a2 a4
    y1 | a1 a2 a4 y1."""
    orgs = [
        Organization("T", "Đảng bộ tỉnh", OrgKind.DANG_BO_TINH),
        Organization("H", "Đảng bộ huyện Đức Long", OrgKind.DANG_BO_CAP_TREN_CO_SO, "T"),
        Organization("X", "Đảng bộ xã Tân Lập", OrgKind.DANG_BO_CO_SO, "H",
                     grassroots_type=GrassrootsType.XA),
        Organization("Xa", "Chi bộ Thôn 1", OrgKind.CHI_BO_TRUC_THUOC, "X"),
        Organization("Xb", "Chi bộ Thôn 2", OrgKind.CHI_BO_TRUC_THUOC, "X"),
        Organization("Y", "Chi bộ Cơ quan Y", OrgKind.CHI_BO_CO_SO, "H",
                     grassroots_type=GrassrootsType.CO_QUAN_NHA_NUOC),
    ]  # fmt: skip
    people = [
        _p("a1", "Xa", date(2024, 3, 1), left_on=date(2025, 2, 1),
           leave_reason=LeaveReason.TU_TRAN),
        _p("a2", "Y", date(2001, 3, 1)),
        _p("y1", "Y", date(2001, 3, 1)),
        _p("a4", "Y", date(2003, 3, 1)),
    ]  # fmt: skip
    dissolved = [
        OrgEvent("X", OrgEventKind.GIAI_THE, date(2025, 4, 1)),
        OrgEvent("Xa", OrgEventKind.GIAI_THE, date(2025, 4, 1)),
        OrgEvent("Xb", OrgEventKind.GIAI_THE, date(2025, 4, 1)),
    ]
    moved = [
        MemberEvent("a2", MemberEventKind.CHUYEN_DI, date(2025, 3, 1), org_id="Xa"),
        MemberEvent("a2", MemberEventKind.CHUYEN_DEN, date(2025, 3, 1), org_id="Y"),
        MemberEvent("a4", MemberEventKind.CHUYEN_DI, date(2025, 3, 5), org_id="Xb"),
        MemberEvent("a4", MemberEventKind.CHUYEN_DEN, date(2025, 3, 5), org_id="Y"),
    ]
    tree = OrgTree.build(orgs, people)
    zero = (0, 0)
    for org in ("T", "H"):
        one, two, three, six = fill_forms(
            tree, YEAR_2025, ["1", "2", "3", "6"], org=org, events=moved,
            org_events=dissolved, evaluations=[Evaluation("y1", 2025, Rating.HTTNV)],
        )  # fmt: skip
        assert _cells(one) == {
            "A": (4, 3), "B": (0, 1), "B1": (0, 1), "B2": zero, "B2a": zero, "B2b": zero,
            "B3": zero, "C": (1, 0), "C1": (1, 0), "C2": zero, "C3": zero, "C3x": zero,
            "C4": zero, "C5": zero, "C5a": zero, "C5b": zero, "D": (3, 4),
        }  # fmt: skip
        assert (two.value("I"), two.rows[0].previous.value) == (0, 1)
        assert (three.value("I"), three.rows[0].previous.value) == (3, 4)
        # Biểu 6 rates the members on the lists at the year's end: a2 a4 y1, y1 rated.
        assert (six.value("III"), six.value("III.1"), six.value("III.2")) == (3, 1, 2)
        assert [f.failures for f in (one, two, three, six)] == [(), (), (), ()]


def test_biểu_7_counts_a_temporary_transfer_naming_no_chi_bo_where_the_member_was() -> None:
    """A temporary transfer that names no chi bộ is of the member's chi bộ at the time
    (MemberEvent.org_id): it was counted where the record puts the member now. m was
    introduced elsewhere on 1/2/2025 while in A, then moved to B on 1/3/2025: A's
    "Giới thiệu chuyển đi" of 2025 holds it, B's does not; n, without other events, is
    counted where the record puts him."""
    orgs = [
        Organization("T", "Đảng bộ huyện Đức Long", OrgKind.DANG_BO_CAP_TREN_CO_SO),
        Organization("A", "Chi bộ Cơ quan A", OrgKind.CHI_BO_CO_SO, "T"),
        Organization("B", "Chi bộ Cơ quan B", OrgKind.CHI_BO_CO_SO, "T"),
    ]
    people = [_p("m", "B", date(2001, 3, 1)), _p("n", "B", date(2002, 3, 1))]
    kind = MemberEventKind
    events = [
        MemberEvent("m", kind.TAM_THOI_DI, date(2025, 2, 1)),
        MemberEvent("m", kind.CHUYEN_DI, date(2025, 3, 1), org_id="A"),
        MemberEvent("m", kind.CHUYEN_DEN, date(2025, 3, 1), org_id="B"),
        MemberEvent("n", kind.TAM_THOI_DI, date(2025, 4, 1)),
    ]
    tree = OrgTree.build(orgs, people)

    def temporary(org: str) -> tuple[Any, ...]:
        [filled] = fill_forms(tree, YEAR_2025, ["7"], org=org, events=events)
        return tuple(filled.value(key) for key in ("IV.1", "IV.1a", "IV.1b", "IV.2a", "IV.2b"))

    assert temporary("A") == (1, 1, 0, 1, 0)
    assert temporary("B") == (1, 1, 0, 0, 1)
    assert temporary("T") == (2, 2, 0, 0, 0)


def test_biểu_1_every_cell_of_a_year_of_awkward_movements() -> None:
    """Biểu 1 of 2025 (and 2024) for a province, its commune, two of the commune's chi bộ
    and a school's chi bộ cơ sở, every cell counted by hand from the rows' wording, with
    Biểu 2, 3 and 7 where they count the same members.

    a (c1) all along. mv moves c1 → c2 on 1/4/2025, inside the commune. re left (xin ra)
    in 2019 and is re-admitted into c1 on 1/6/2025. xt is admitted into c2 on 1/2/2025 and
    removed (xóa tên) on probation on 1/10/2025. dd, admitted into e on 1/10/2024, dies on
    probation on 1/3/2025. ec moves e → c1 (out 1/7, in 3/7/2025), inside the province.
    out leaves c2 for another province on 1/5/2025. ph, expelled from e in 2020, is
    reinstated (phục hồi) on 1/8/2025."""
    from coso_dang.history.events import TransferScope

    orgs = [
        Organization("t", "Đảng bộ tỉnh Lợi Lâm", OrgKind.DANG_BO_TINH),
        Organization("x", "Đảng bộ xã Tân Lập", OrgKind.DANG_BO_CO_SO, "t",
                     grassroots_type=GrassrootsType.XA),
        Organization("c1", "Chi bộ Thôn 1", OrgKind.CHI_BO_TRUC_THUOC, "x"),
        Organization("c2", "Chi bộ Thôn 2", OrgKind.CHI_BO_TRUC_THUOC, "x"),
        Organization("e", "Chi bộ Trường THPT", OrgKind.CHI_BO_CO_SO, "t",
                     grassroots_type=GrassrootsType.SU_NGHIEP_CONG_LAP),
    ]  # fmt: skip
    people = [
        _p("a", "c1", date(2000, 1, 1)),
        _p("mv", "c2", date(2001, 1, 1)),
        _p("re", "c1", date(1990, 1, 1)),
        _p("xt", "c2", date(2025, 2, 1), left_on=date(2025, 10, 1),
           leave_reason=LeaveReason.XOA_TEN),
        _p("dd", "e", date(2024, 10, 1), left_on=date(2025, 3, 1),
           leave_reason=LeaveReason.TU_TRAN),
        _p("ec", "c1", date(2010, 1, 1)),
        _p("out", "c2", date(2010, 1, 1), left_on=date(2025, 5, 1),
           leave_reason=LeaveReason.CHUYEN_DI),
        _p("ph", "e", date(2005, 1, 1)),
    ]  # fmt: skip
    k, inside, away = MemberEventKind, TransferScope.CUNG_TINH, TransferScope.TINH_KHAC
    events = [
        MemberEvent("mv", k.CHUYEN_DI, date(2025, 4, 1), org_id="c1", scope=inside),
        MemberEvent("mv", k.CHUYEN_DEN, date(2025, 4, 1), org_id="c2", scope=inside),
        MemberEvent("re", k.XIN_RA, date(2019, 5, 1), org_id="c1"),
        MemberEvent("re", k.KET_NAP_LAI, date(2025, 6, 1), org_id="c1"),
        MemberEvent("xt", k.XOA_TEN, date(2025, 10, 1), org_id="c2"),
        MemberEvent("dd", k.TU_TRAN, date(2025, 3, 1), org_id="e"),
        MemberEvent("ec", k.CHUYEN_DI, date(2025, 7, 1), org_id="e", scope=inside),
        MemberEvent("ec", k.CHUYEN_DEN, date(2025, 7, 3), org_id="c1", scope=inside),
        MemberEvent("out", k.CHUYEN_DI, date(2025, 5, 1), org_id="c2", scope=away),
        MemberEvent("ph", k.KHAI_TRU, date(2020, 5, 1), org_id="e"),
        MemberEvent("ph", k.PHUC_HOI, date(2025, 8, 1), org_id="e"),
    ]
    tree = OrgTree.build(orgs, people)
    z = (0, 0)
    # (kỳ này, cùng kỳ) of each row; a transfer with both sides below the organization is
    # no movement of it.
    expected = {
        # A: a mv ec out dd | a mv ec out. B1: re xt | dd. B3: ph. C1: dd. C3: xt (dự bị).
        # C5a: out. D: a mv re ec ph | a mv ec out dd.
        "t": {"A": (5, 4), "B": (3, 1), "B1": (2, 1), "B2": z, "B2a": z, "B2b": z,
              "B3": (1, 0), "C": (3, 0), "C1": (1, 0), "C2": z, "C3": (1, 0), "C3x": (1, 0),
              "C4": z, "C5": (1, 0), "C5a": (1, 0), "C5b": z, "D": (5, 5)},
        # A: a mv out. B1: re xt. B2b: ec. C3: xt. C5a: out. D: a mv re ec.
        "x": {"A": (3, 3), "B": (3, 0), "B1": (2, 0), "B2": (1, 0), "B2a": z, "B2b": (1, 0),
              "B3": z, "C": (2, 0), "C1": z, "C2": z, "C3": (1, 0), "C3x": (1, 0), "C4": z,
              "C5": (1, 0), "C5a": (1, 0), "C5b": z, "D": (4, 3)},
        # A: a mv. B1: re. B2b: ec. C5b: mv (to c2). D: a re ec.
        "c1": {"A": (2, 2), "B": (2, 0), "B1": (1, 0), "B2": (1, 0), "B2a": z, "B2b": (1, 0),
               "B3": z, "C": (1, 0), "C1": z, "C2": z, "C3": z, "C3x": z, "C4": z,
               "C5": (1, 0), "C5a": z, "C5b": (1, 0), "D": (3, 2)},
        # A: out. B1: xt. B2b: mv. C3: xt. C5a: out. D: mv | out.
        "c2": {"A": (1, 1), "B": (2, 0), "B1": (1, 0), "B2": (1, 0), "B2a": z, "B2b": (1, 0),
               "B3": z, "C": (2, 0), "C1": z, "C2": z, "C3": (1, 0), "C3x": (1, 0), "C4": z,
               "C5": (1, 0), "C5a": (1, 0), "C5b": z, "D": (1, 1)},
        # A: ec dd | ec. B1: - | dd. B3: ph. C1: dd. C5b: ec. D: ph | ec dd.
        "e": {"A": (2, 1), "B": (1, 1), "B1": (0, 1), "B2": z, "B2a": z, "B2b": z,
              "B3": (1, 0), "C": (2, 0), "C1": (1, 0), "C2": z, "C3": z, "C3x": z, "C4": z,
              "C5": (1, 0), "C5a": z, "C5b": (1, 0), "D": (1, 2)},
    }  # fmt: skip
    for org, cells in expected.items():
        one, two, three, seven = fill_forms(
            tree, YEAR_2025, ["1", "2", "3", "7"], org=org, events=events
        )
        got = {r.row.key: (r.this.value, r.previous.value) for r in one.rows}
        assert got == cells, org
        # Biểu 2 admits B1's new members, re-admissions among them; Biểu 3 describes D;
        # Biểu 7 IV.2 counts C5 and B2's official transfers.
        assert (two.value("I"), two.rows[0].previous.value) == cells["B1"], org
        readmitted = 1 if org in ("t", "x", "c1") else 0
        assert two.value("I.f") == readmitted, org
        assert (three.value("I"), three.rows[0].previous.value) == cells["D"], org
        assert (seven.value("IV.2a"), seven.value("IV.2b")) == (cells["C5"][0], cells["B2"][0])
        assert [f.failures for f in (one, two, three, seven)] == [(), (), (), ()], org
    # On probation at the end of 2025: re, re-admitted on 1/6/2025; of 2024: dd.
    [three] = fill_forms(tree, YEAR_2025, ["3"], events=events)
    assert (three.value("I.b"), three.rows[2].previous.value) == (1, 1)
