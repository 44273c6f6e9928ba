"""The statistics forms: descriptions checked, golden cells counted by hand, outputs."""

from __future__ import annotations

import json
import unicodedata
from collections import Counter
from datetime import date, timedelta
from fractions import Fraction
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from tests.strategies import trees

from coso_dang import (
    Education,
    Gender,
    LeaveReason,
    Member,
    Organization,
    OrgKind,
    OrgTree,
    PoliticalTheory,
)
from coso_dang.attributes import AcademicTitle, Ethnicity, GeneralEducation, Occupation, Religion
from coso_dang.errors import TreeError
from coso_dang.evaluation import Evaluation, SubjectKind
from coso_dang.forms import (
    Cell,
    Form,
    FormError,
    Period,
    fill,
    fill_form,
    fill_forms,
    forms,
    get_form,
    known_codes,
    render_html,
    render_json,
    render_text,
    write_xlsx,
)
from coso_dang.forms._counts import award_rounds, rating_counts, subtree, work_counts, year_round
from coso_dang.forms._fill import checked_together
from coso_dang.members import BADGE_OCCASIONS, BADGE_YEARS
from coso_dang.operations.badges import badge_round, previous_occasion
from coso_dang.operations.facts import Discipline, DisciplineForm, MemberFacts
from coso_dang.ratings import Rating
from coso_dang.rollup import rollup
from coso_dang.testing import generate_nation

YEAR_2025 = Period(date(2025, 1, 1), date(2025, 12, 31))


def _m(id: str, gender: Gender, born: date, admitted: date, **fields: Any) -> Member:
    return Member(
        id, f"Đảng viên {id}", "cb", admitted_on=admitted, birth_date=born, gender=gender, **fields
    )


# Four members written out so that every cell of Biểu 3 below is counted by hand. dv4
# left on 1/6/2025: in last year's stock, not this year's; dv2 was admitted in 2025.
MEMBERS = [
    _m("dv1", Gender.NU, date(1990, 5, 1), date(2015, 3, 2), ethnicity=Ethnicity.KINH,
       religion=Religion.KHONG, occupation=Occupation.VIEN_CHUC,
       general_education=GeneralEducation.THPT, education=Education.DAI_HOC,
       political_theory=PoliticalTheory.TRUNG_CAP, is_youth_union_member=False,
       owns_private_enterprise=False),
    _m("dv2", Gender.NAM, date(2000, 1, 10), date(2025, 2, 3), ethnicity=Ethnicity.TAY,
       religion=Religion.PHAT_GIAO, occupation=Occupation.NONG_LAM_NGU,
       general_education=GeneralEducation.THCS, education=Education.TRUNG_CAP,
       political_theory=PoliticalTheory.SO_CAP, is_youth_union_member=True,
       owns_private_enterprise=False),
    _m("dv3", Gender.NAM, date(1950, 7, 1), date(1972, 9, 2), ethnicity=Ethnicity.KINH,
       religion=Religion.CONG_GIAO, occupation=Occupation.NGHI_HUU,
       general_education=GeneralEducation.THPT, education=Education.DAI_HOC,
       political_theory=PoliticalTheory.CAO_CAP, is_youth_union_member=False,
       owns_private_enterprise=False, academic_title=AcademicTitle.GIAO_SU),
    _m("dv4", Gender.NU, date(1985, 3, 3), date(2010, 6, 1), ethnicity=Ethnicity.KINH,
       religion=Religion.KHONG, occupation=Occupation.CONG_NHAN,
       general_education=GeneralEducation.THPT, education=Education.CAO_DANG,
       political_theory=PoliticalTheory.SO_CAP, is_youth_union_member=False,
       owns_private_enterprise=True, left_on=date(2025, 6, 1),
       leave_reason=LeaveReason.CHUYEN_DI),
]  # fmt: skip

# Biểu 3, every non-empty cell: (kỳ này on 31/12/2025, cùng kỳ on 31/12/2024).
GOLDEN_3 = {
    "I": (3, 3),
    "I.a": (1, 2),  # dv1 | dv1, dv4
    "I.b": (1, 0),  # dv2 is probationary until 3/2/2026
    "I.c": (1, 0),  # dv2 is Tày
    "I.d": (2, 1),  # dv2, dv3 | dv3
    "I.e": (1, 0),
    "I.f": (0, 1),  # dv4 owned a private enterprise
    "II.1a": (2, 2),
    "II.1a.1": (0, 0), "II.1a.2": (0, 0), "II.1a.3": (0, 0), "II.1a.4": (0, 0),
    "II.1a.5": (1, 1),  # dv1, viên chức
    "II.1a.6": (0, 0),
    "II.1a.7": (0, 1), "II.1a.7a": (0, 0), "II.1a.7b": (0, 0), "II.1a.7c": (0, 1),
    "II.1a.8": (1, 0),  # dv2, nông nghiệp
    "II.1a.9": (0, 0), "II.1a.10": (0, 0), "II.1a.11": (0, 0), "II.1a.12": (0, 0),
    "II.1b": (1, 1),  # dv3
    "II.1b.x": (0, 0),  # dv3 is not exempt
    "II.2.1": (1, 0),  # dv2 is 25
    "II.2.2": (1, 1),  # dv1 is 35, and was 34
    "II.2.3": (0, 1),  # dv4 was 39
    "II.2.4": (0, 0), "II.2.5": (0, 0), "II.2.6": (0, 0), "II.2.7": (0, 0),
    "II.2.8": (1, 1),  # dv3 is 75, and was 74
    "II.2.tb": (Fraction(135, 3), Fraction(147, 3)),
    "II.3.1": (0, 0), "II.3.2": (0, 0),
    "II.3.3": (1, 1),  # dv3, admitted 2/9/1972
    "II.3.4": (2, 2),
    "II.4.1": (0, 0), "II.4.2": (0, 0),
    "II.4.3": (1, 0), "II.4.4": (2, 3),
    "II.5.1": (0, 0), "II.5.2": (1, 0), "II.5.3": (0, 1), "II.5.4": (2, 2),
    "II.5.5": (0, 0), "II.5.6": (0, 0),
    "II.6.1": (0, 0), "II.6.2": (1, 1),
    "II.7.1": (1, 1), "II.7.2": (1, 1), "II.7.3": (1, 1),
}  # fmt: skip


def test_the_bundled_2021_forms() -> None:
    assert [f.number for f in forms()] == ["1", "2", "2B", "3", "4", "5", "6", "6F", "7"]
    assert all(f.document == "11-HD/BTCTW" and f.version == "2021" for f in forms())
    assert [f.number for f in forms("2012")] == ["1", "2", "3", "4"]
    assert all(f.document == "12-HD/BTCTW" and f.agency == "TCTW" for f in forms("2012"))
    # Biểu 6 was not found in any source: its layout says so.
    assert get_form("6").unconfirmed
    assert "chưa được xác nhận" in get_form("6").notes[0]
    assert get_form("2b") is get_form("2B")
    with pytest.raises(FormError, match="không có biểu"):
        get_form("99")


def test_biểu_3_golden_cells() -> None:
    filled = fill_form(MEMBERS, "3", YEAR_2025, org_name="Chi bộ Thôn Đông")
    found = {
        item.row.key: (item.this.value, item.previous.value)
        for item in filled.rows
        if item.this.value is not None or item.previous.value is not None
    }
    assert found == GOLDEN_3
    assert filled.ok
    assert filled.missing == ("I.g",)


def test_the_percentage_column_is_exact_and_blank_without_a_base() -> None:
    filled = fill_form(MEMBERS, "3", YEAR_2025)
    percent = {item.row.key: item.percent for item in filled.rows}
    assert percent["I"] == 100
    assert percent["I.a"] == 50
    assert percent["I.b"] is None  # nobody was probationary a year earlier
    assert percent["I.f"] == 0
    assert percent["II.2.tb"] == Fraction(4500, 49)
    assert percent["I.g"] is None  # not provided


def test_biểu_2_counts_the_members_admitted_in_the_period() -> None:
    filled = fill_form(MEMBERS, "2", YEAR_2025)
    assert (filled.value("I"), filled.value("I.a"), filled.value("I.b")) == (1, 1, 1)
    assert filled.value("II.1.8") == 1
    assert filled.value("II.2.1") == 1
    assert filled.ok


def test_biểu_4_lists_ethnic_groups_and_religions() -> None:
    filled = fill_form(MEMBERS, "4", YEAR_2025)
    assert (filled.value("I"), filled.value("I.1"), filled.value("I.2")) == (3, 2, 1)
    assert (filled.value("II"), filled.value("II.1"), filled.value("II.2")) == (2, 1, 1)


def test_identities_that_fail_are_listed_with_their_figures() -> None:
    counts = dict.fromkeys(known_codes(), 0)
    counts.update({"dang_vien": 2, "dang_vien_nghe_nghiep_vien_chuc": 3})
    filled = fill(get_form("3"), counts, counts, org_name="", period=YEAR_2025)
    assert not filled.ok
    assert filled.failures[0] == "II.1a + II.1b = I: 3 và 2"


def test_the_figures_of_a_failed_check_are_printed_as_the_forms_print_them() -> None:
    """The line under the form read "II.1a + II.1b = I: 3825 và 3824", the figures
    of a Vietnamese return without their thousands grouped as every cell has them."""
    counts = dict.fromkeys(known_codes(), 0)
    counts.update(
        {
            "dang_vien": 3824,
            "dang_vien_nghe_nghiep_vien_chuc": 3825,
            "dang_vien_gioi_tinh_nu": 12345,
        }
    )
    filled = fill(get_form("3"), counts, counts, org_name="", period=YEAR_2025)
    assert "II.1a + II.1b = I: 3.825 và 3.824" in filled.failures
    assert "dòng I.a (12.345) lớn hơn dòng I (3.824) mà nó thuộc về" in filled.failures
    # Biểu 2B's "Trong đó: nữ" beside its Tổng số.
    counts.update({"ket_nap_dan_toc_kinh": 1000, "ket_nap_dan_toc_kinh_nu": 1001})
    listed = fill(get_form("2B"), counts, counts, org_name="", period=YEAR_2025)
    assert "cột Trong đó: nữ: dòng I.1 (1.001) lớn hơn Tổng số (1.000)" in listed.failures


def test_the_failed_checks_under_the_form_name_the_rows_as_printed() -> None:
    """The lines under the form said "Không khớp: II.1a + II.1b = I: …" and "dòng I.a
    (…) lớn hơn dòng I", by keys printed nowhere; they name the rows as the form prints
    them, in every output, while ``failures`` keeps the keys for programs."""
    counts = dict.fromkeys(known_codes(), 0)
    counts.update(
        {"dang_vien": 2, "dang_vien_nghe_nghiep_vien_chuc": 3, "dang_vien_gioi_tinh_nu": 3}
    )
    filled = fill(get_form("3"), counts, counts, org_name="", period=YEAR_2025)
    assert "II.1a + II.1b = I: 3 và 2" in filled.failures
    whole = "“I. Đảng viên trong danh sách có đến cuối kỳ báo cáo”"
    lines = [
        "Không khớp: “a. Đảng viên đang làm việc và công tác” + “b. Đảng viên đã nghỉ hưu và"
        f" nghỉ công tác” = {whole}: 3 và 2",
        f"Không khớp: dòng “Trong đó: - Nữ” (3) lớn hơn dòng {whole} (2) mà nó thuộc về",
    ]
    assert set(lines) <= set(filled.notes)
    assert set(lines) <= set(render_text(filled).splitlines())
    page = render_html(filled)
    assert all(f'<p class="ghi-chu">{line}</p>' in page for line in lines)
    assert not any("II.1a" in line or "dòng I.a" in line for line in filled.notes)
    # A check against another form names the rows of each as that form prints them.
    counts.update({"ket_nap_dan_toc_kinh": 2, "ket_nap": 1})
    _, listed = checked_together(
        [
            fill(get_form(number), counts, counts, org_name="", period=YEAR_2025)
            for number in ("2", "2B")
        ]
    )
    assert "I = Biểu 2 dòng I: 2 và 1" in listed.failures
    assert (
        "Không khớp: “I Đảng viên chia theo dân tộc” = Biểu 2 dòng "
        "“I. Tổng số đảng viên mới kết nạp”: 2 và 1"
    ) in listed.notes


def test_a_trong_do_row_larger_than_its_whole_fails() -> None:
    counts = dict.fromkeys(known_codes(), 0)
    counts.update(
        {
            "dang_vien": 2,
            "dang_vien_gioi_tinh_nu": 3,
            "dang_vien_thoi_ky_tu_1975": 2,
            "dang_vien_nghe_nghiep_khac": 2,
            "dang_vien_tuoi_18_30": 2,
        }
    )
    last_year = dict.fromkeys(known_codes(), 0)
    filled = fill(get_form("3"), counts, last_year, org_name="", period=YEAR_2025)
    assert filled.failures == ("dòng I.a (3) lớn hơn dòng I (2) mà nó thuộc về",)


def test_last_years_column_is_checked_too() -> None:
    """A "cùng kỳ năm trước" column that breaks an identity fails the form."""
    this = dict.fromkeys(known_codes(), 0)
    last_year = dict(
        this,
        dang_vien=2,
        dang_vien_gioi_tinh_nu=3,
        dang_vien_thoi_ky_tu_1975=2,
        dang_vien_nghe_nghiep_khac=2,
        dang_vien_tuoi_18_30=2,
    )
    filled = fill(get_form("3"), this, last_year, org_name="", period=YEAR_2025)
    assert filled.failures == ("cùng kỳ năm trước: dòng I.a (3) lớn hơn dòng I (2) mà nó thuộc về",)


def _own_form(number: str) -> Form:
    """A form of one's own, as the docs show it: "columns" names only its Tiêu chí."""
    return Form.from_mapping(
        {
            "number": number, "title": "ĐẢNG VIÊN", "version": "2025", "document": "01-HD/TU",
            "layout": "K", "columns": [{"key": "1", "label": "Tiêu chí"}],
            "rows": [{"key": "I", "label": "I. Đảng viên", "source": "dang_vien"}],
        },
        known_codes(),
    )  # fmt: skip


def test_a_list_form_is_checked_on_the_column_it_prints() -> None:
    """Biểu 4 prints this period's figures only: last year's, never printed, cannot fail
    it; this period's still can (counts typed in by hand: a Kinh row above its whole)."""
    this = dict.fromkeys(known_codes(), 0)
    typed = dict(this, dang_vien_dan_toc_kinh=3, dang_vien_dan_toc_tay=-3)
    assert fill(get_form("4"), this, typed, org_name="", period=YEAR_2025).ok
    broken = fill(get_form("4"), typed, this, org_name="", period=YEAR_2025)
    assert "dòng I.1 (3) lớn hơn dòng I (0) mà nó thuộc về" in broken.failures


def test_a_list_forms_women_are_part_of_the_total() -> None:
    """Biểu 2B and 4 print "Trong đó: nữ" beside "Tổng số": a part of it. Counts typed in
    by hand with 3 Kinh women among 2 Kinh members passed unchecked; they fail, on the
    row and on its group."""
    counts = dict.fromkeys(known_codes(), 0)
    for number, population in (("4", "dang_vien"), ("2B", "ket_nap")):
        typed = dict(counts)
        typed[f"{population}_dan_toc_kinh"] = 2
        typed[f"{population}_dan_toc_kinh_nu"] = 3
        filled = fill(get_form(number), typed, counts, org_name="", period=YEAR_2025)
        assert filled.failures == (
            "cột Trong đó: nữ: dòng I (3) lớn hơn Tổng số (2)",
            "cột Trong đó: nữ: dòng I.1 (3) lớn hơn Tổng số (2)",
        ), number
    fine = dict(counts, dang_vien_dan_toc_kinh=2, dang_vien_dan_toc_kinh_nu=2)
    assert fill(get_form("4"), fine, counts, org_name="", period=YEAR_2025).ok


@pytest.mark.parametrize(
    ("number", "version", "row", "count"),
    [
        ("2", "2021", "II.3.1 + II.3.2 + II.3.3 + II.3.4", "ket_nap_hoc_van_thpt"),
        ("2", "2021", "II.4.1 + II.4.2 + II.4.3 + II.4.4 + II.4.5 + II.4.6",
         "ket_nap_chuyen_mon_dai_hoc"),
        ("2", "2021", "II.5.1 + II.5.2", "ket_nap_hoc_ham_giao_su"),
        ("3", "2021", "II.4.1 + II.4.2 + II.4.3 + II.4.4", "dang_vien_hoc_van_thcs"),
        ("3", "2021", "II.5.1 + II.5.2 + II.5.3 + II.5.4 + II.5.5 + II.5.6",
         "dang_vien_chuyen_mon_thac_si"),
        ("3", "2021", "II.6.1 + II.6.2", "dang_vien_hoc_ham_pho_giao_su"),
        ("3", "2021", "II.7.1 + II.7.2 + II.7.3", "dang_vien_ly_luan_chinh_tri_cu_nhan"),
        ("2", "2012", "II.2.1 + II.2.2 + II.2.3 + II.2.4", "ket_nap_hoc_van_tieu_hoc"),
        ("2", "2012", "II.3.1 + II.3.2 + II.3.3 + II.3.4 + II.3.5 + II.3.6",
         "ket_nap_chuyen_mon_cao_dang"),
        ("3", "2012", "II.3.0 + II.3.1 + II.3.2 + II.3.3 + II.3.4", "dang_vien_hoc_van_thpt"),
        ("3", "2012", "II.4.1 + II.4.2 + II.4.3 + II.4.4 + II.4.5 + II.4.6",
         "dang_vien_chuyen_mon_so_cap"),
        ("3", "2012", "II.5.1 + II.5.2", "dang_vien_hoc_ham_giao_su"),
        ("3", "2012", "II.6.1 + II.6.2 + II.6.3", "dang_vien_ly_luan_chinh_tri_trung_cap"),
    ],
)  # fmt: skip
def test_each_list_of_levels_holds_at_most_the_members(
    number: str, version: str, row: str, count: str
) -> None:
    """Schooling, qualification, title and political theory each count a member once, at
    the highest level (none for one without), so each list adds up to at most the
    members ("I"). Counts typed in by hand with 3 at one level among 2 members passed;
    they fail by the list's sum (a level row of the 2012 forms, a part of I, fails too)."""
    counts = dict.fromkeys(known_codes(), 0)
    total = "ket_nap" if number == "2" else "dang_vien"
    typed = dict(counts, **{total: 2, count: 3})
    typed.update(dict.fromkeys((f"{total}_tuoi_18_30", f"{total}_thoi_ky_tu_1975"), 2))
    filled = fill(get_form(number, version), typed, counts, org_name="", period=YEAR_2025)
    assert f"{row} ≤ I: 3 và 2" in filled.failures


@pytest.mark.parametrize(
    ("number", "version", "population"),
    [("4", "2021", "dang_vien"), ("2B", "2021", "ket_nap"), ("4", "2012", "dang_vien")],
)
def test_the_religious_are_at_most_the_members(number: str, version: str, population: str) -> None:
    """Biểu 2B and 4 list the members by ethnic group (I, everyone) and the religious by
    religion (II, some): 3 Buddhists among 2 members typed in by hand fail II ≤ I."""
    counts = dict.fromkeys(known_codes(), 0)
    typed = dict(counts, **{f"{population}_dan_toc_kinh": 2, f"{population}_ton_giao_phat_giao": 3})
    filled = fill(get_form(number, version), typed, counts, org_name="", period=YEAR_2025)
    assert "II ≤ I: 3 và 2" in filled.failures


def test_biểu_1_of_last_year_must_balance() -> None:
    """A member gone last year with no reason breaks last year's D = A + B − C."""
    tree = OrgTree.build(
        [Organization("c1", "Chi bộ 1", OrgKind.CHI_BO_CO_SO)],
        [
            Member("an", "Trần Văn An", "c1", admitted_on=date(2000, 1, 1),
                   left_on=date(2024, 6, 1)),
            Member("binh", "Lê Thị Bình", "c1", admitted_on=date(2001, 1, 1)),
        ],
    )  # fmt: skip
    filled = fill_form(tree, "1", YEAR_2025)
    assert [(r.row.key, r.this.value, r.previous.value) for r in filled.rows[::16]] == [
        ("A", 1, 2),
        ("D", 1, 1),
    ]
    assert filled.failures == ("cùng kỳ năm trước: D = A + B - C: 1 và 2",)


def test_a_description_naming_unknown_counts_is_refused_with_every_problem() -> None:
    description = {
        "number": "9X",
        "title": "THỬ",
        "version": "2027",
        "document": "99-HD/BTCTW",
        "layout": "K",
        "columns": [],
        "rows": [
            {"key": "I", "label": "I", "source": "dang_vien + khong_co_ma"},
            {"key": "I", "label": "Lặp", "source": "ket_nap"},
            {"key": "I.a", "label": "Trong đó", "of": "Z", "source": "ma_la"},
        ],
        "identities": [["I", "=", "II"]],
    }
    with pytest.raises(FormError) as caught:
        Form.from_mapping(description, known_codes())
    assert caught.value.problems == (
        "dòng 'I': khóa bị trùng",
        "dòng 'I.a': 'of' chỉ tới dòng không có 'Z'",
        "dòng 'I': không có số liệu 'khong_co_ma'",
        "dòng 'I.a': không có số liệu 'ma_la'",
        "đẳng thức I = II: không có dòng 'II'",
    )


def test_a_users_own_form_is_the_same_kind_of_description() -> None:
    description = {
        "number": "3T",
        "title": "ĐẢNG VIÊN NỮ VÀ DỰ BỊ",
        "version": "2025",
        "document": "01-HD/TU",
        "layout": "K",
        "columns": [{"key": "1", "label": "Tiêu chí"}],
        "rows": [
            {"key": "I", "label": "I. Đảng viên", "source": "dang_vien"},
            {
                "key": "I.a",
                "label": "- Nữ",
                "level": 1,
                "of": "I",
                "source": "dang_vien_gioi_tinh_nu",
            },
            {
                "key": "I.b",
                "label": "- Nam",
                "level": 1,
                "of": "I",
                "source": "dang_vien - dang_vien_gioi_tinh_nu",
            },
        ],
        "identities": [["I.a + I.b", "=", "I"]],
    }
    form = Form.from_mapping(description, known_codes())
    filled = fill_form(MEMBERS, form, YEAR_2025)
    assert [filled.value(k) for k in ("I", "I.a", "I.b")] == [3, 1, 2]
    assert filled.ok
    # A description needs no bundled set in use: 2011 (before 12-HD/BTCTW of 17/5/2012)
    # is filled as well: dv3 and dv4 (admitted 1972 and 2010) at the end of 2011.
    old = fill_form(MEMBERS, form, Period.year(2011))
    assert [old.value(k) for k in ("I", "I.a", "I.b")] == [2, 1, 1]
    with pytest.raises(FormError, match="không có bộ biểu nào dùng cho ngày 31/12/2011"):
        fill_form(MEMBERS, "3", Period.year(2011))


@pytest.mark.parametrize("number", ["2", "3", "5", "6F", "7"])
def test_the_text_prints_every_label_whole(number: str) -> None:
    """A label longer than the text's label column is wrapped onto the lines below it,
    between words, not cut: "- Nhà nước nắm giữ từ 50% vốn điều lệ trở lên" (Biểu 5)
    was printed "… vốn điều lệ tr", "- Cán bộ, công chức cơ quan Nhà nước tính từ cấp
    huyện trở lên" (Biểu 2, 3) lost its last words. The row's figures stay on its first
    line, the words after it go below."""
    from coso_dang.orgs import GrassrootsType

    tree = OrgTree.build(
        [Organization("cb", "Chi bộ Thôn Đông", OrgKind.CHI_BO_CO_SO,
                      grassroots_type=GrassrootsType.XA)],
        MEMBERS,
    )  # fmt: skip
    filled = fill_form(tree, number, YEAR_2025)
    lines = render_text(filled).splitlines()
    # The label column: 60 characters, 44 beside Biểu 5's six columns of figures.
    width = {"5": 44, "6F": 78}.get(number, 60)
    labels = " ".join(" ".join(line[:width] for line in lines[4:]).split())
    for row in filled.form.rows:
        assert row.label in labels, row.label
    if number in ("2", "3"):
        key = "II.1a.1" if number == "3" else "II.1.1"
        item = next(r for r in filled.rows if r.row.key == key)
        first = next(n for n, line in enumerate(lines) if "công chức cơ quan Nhà nước" in line)
        figures = lines[first][width:].split()
        assert figures[:2] == [str(item.this.value), str(item.previous.value)]
        assert lines[first + 1].split()[-2:] == ["trở", "lên"]


def test_the_text_heads_its_columns_as_the_form_does() -> None:
    """The 2012 forms head their label column "CHỈ TIÊU" and Biểu 4's share "Tỷ lệ %":
    the text printed the 2021 words ("Tiêu chí", "Tỷ lệ (%)") over every form."""
    old = Period.year(2020)
    heads = {}
    for number, version in (("3", "2012"), ("4", "2012"), ("3", "2021"), ("4", "2021")):
        form = get_form(number, version)
        # The column heads follow the header: the notes under the 2012 forms' number and
        # their unit line.
        at = 3 + len(form.header_notes) + (form.unit is not None)
        heads[number, version] = render_text(fill_form(MEMBERS, form, old)).splitlines()[at].split()
    assert heads["3", "2012"][:2] == ["CHỈ", "TIÊU"]
    assert heads["3", "2021"][:2] == ["Tiêu", "chí"]
    assert heads["4", "2012"][-2:] == ["Tỷ", "lệ", "%"][-2:]
    assert "(%)" not in heads["4", "2012"]
    assert heads["4", "2021"][-3:] == ["Tỷ", "lệ", "(%)"]
    assert " ".join(heads["4", "2021"]).startswith("TT Tên dân tộc, tôn giáo")


def test_text_and_json_outputs() -> None:
    filled = fill_form(MEMBERS, "3", YEAR_2025, org_name="Chi bộ Thôn Đông")
    text = render_text(filled)
    assert text.splitlines()[:3] == [
        "Biểu số 3-BTCTW",
        "THỐNG KÊ ĐỘI NGŨ ĐẢNG VIÊN NĂM 2025",
        "Chi bộ Thôn Đông — Từ 01/01/2025 đến 31/12/2025",
    ]
    assert "Không có số liệu: “- Có quan hệ hôn nhân với người nước ngoài”" in text
    data = json.loads(render_json(filled))
    assert data["rows"][0] == {
        "key": "I",
        "label": "I. Đảng viên trong danh sách có đến cuối kỳ báo cáo",
        "this": 3,
        "previous": 3,
        "percent": "100,00",
    }
    records = filled.to_records()
    assert {"form": "3", "row": "I.a", "label": "Trong đó: - Nữ", "column": "ty_le",
            "value": Fraction(50)} in records  # fmt: skip


def test_biểu_1_balances_from_the_members_history() -> None:
    tree = OrgTree.build([Organization("cb", "Chi bộ Thôn Đông", OrgKind.CHI_BO_CO_SO)], MEMBERS)
    filled = fill_form(tree, "1", YEAR_2025)
    values = {item.row.key: (item.this.value, item.previous.value) for item in filled.rows}
    # 2025: dv1, dv3, dv4 at the start; dv2 admitted; dv4 transferred out (side unknown).
    assert values["A"] == (3, 3)
    assert values["B"] == (1, 0)
    assert values["B1"] == (1, 0)
    assert values["C"] == (1, 0)
    assert values["C5"] == (1, 0)
    assert values["C5a"] == (None, 0)
    assert values["D"] == (3, 3)
    assert filled.ok
    assert filled.missing == ("C5a", "C5b")
    # The same members on the list at the end as Biểu 3 counts.
    assert filled.value("D") == fill_form(tree, "3", YEAR_2025).value("I")


def test_the_workbook_reads_back_as_the_form_is_printed(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    tree = OrgTree.build([Organization("cb", "Chi bộ Thôn Đông", OrgKind.CHI_BO_CO_SO)], MEMBERS)
    filled = [fill_form(tree, number, YEAR_2025) for number in ("1", "3", "4")]
    path = tmp_path / "bieu_mau.xlsx"
    path.write_bytes(b"not a workbook yet")  # replaced whole
    write_xlsx(filled, path, reporter="Đảng ủy xã Tân Lập")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Biểu 1", "Biểu 3", "Biểu 4"]
    sheet = book["Biểu 3"]
    assert (sheet["A1"].value, sheet["A2"].value, sheet["D1"].value) == (
        "ĐẢNG ỦY XÃ TÂN LẬP",
        "BAN TỔ CHỨC",
        "Biểu số 3-BTCTW",
    )
    assert sheet["A4"].value == "THỐNG KÊ ĐỘI NGŨ ĐẢNG VIÊN NĂM 2025"
    merged = {str(r) for r in sheet.merged_cells.ranges}
    assert {"A7:A8", "B7:C7", "D7:D8", "A4:D4", "A5:D5"} <= merged
    assert [sheet.cell(7, c).value for c in (1, 2, 4)] == [
        "Tiêu chí",
        "Thực hiện",
        "(%) kỳ này so với cùng kỳ năm trước",
    ]
    assert [sheet.cell(8, c).value for c in (2, 3)] == ["Kỳ này", "Cùng kỳ năm trước"]
    assert [sheet.cell(9, c).value for c in range(1, 5)] == ["1", "2", "3", "4(=2*100/3)"]
    # Every row in order, each value as filled (blank stays blank, never 0).
    for offset, item in enumerate(filled[1].rows):
        line = 10 + offset
        assert sheet.cell(line, 1).value == item.row.label
        assert sheet.cell(line, 1).alignment.indent == item.row.level
        if item.row.heading:
            continue
        expected = item.this.value
        found = sheet.cell(line, 2).value
        if isinstance(expected, Fraction):
            assert found == round(float(expected), item.row.decimals or 2)
        else:
            assert found == expected
    texts = [c.value for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    assert "NGƯỜI LẬP BIỂU" in texts
    assert "TRƯỞNG BAN" in texts
    assert "………, ngày…tháng…năm 20…" in texts
    assert "Không có số liệu: “- Có quan hệ hôn nhân với người nước ngoài”" in texts
    ethnic = book["Biểu 4"]
    assert [ethnic.cell(10, c).value for c in (1, 2, 3, 5)] == [
        "I",
        "Đảng viên chia theo dân tộc",
        3,
        100,
    ]
    assert [ethnic.cell(11, c).value for c in (1, 2, 3, 4, 5)] == ["1", "Kinh", 2, 1, 66.67]


def test_the_command_fills_the_forms(tmp_path: Path) -> None:
    from coso_dang.cli import main
    from coso_dang.dataset import Dataset
    from coso_dang.io import dump_json

    tree_orgs = [Organization("cb", "Chi bộ Thôn Đông", OrgKind.CHI_BO_CO_SO)]
    data = tmp_path / "data.json"
    dump_json(Dataset(tree_orgs, MEMBERS), data)
    args = [str(data), "--year", "2025"]
    output = tmp_path / "bieu.json"
    assert main(["thong-ke", *args, "--forms", "1,3", "--output", str(output)]) == 0
    filled = json.loads(output.read_text(encoding="utf-8"))
    assert [f["form"] for f in filled] == ["1", "3"]
    assert filled[1]["rows"][0]["this"] == 3
    assert main(["thong-ke", *args, "--period", "1/1/2025:30/6/2025", "--output",
                 str(tmp_path / "bieu.xlsx")]) == 0  # fmt: skip
    assert (tmp_path / "bieu.xlsx").stat().st_size > 0
    assert main(["thong-ke", *args, "--period", "q5"]) == 2
    assert main(["thong-ke", *args, "--forms", "99"]) == 2


def test_the_command_reads_the_member_facts_for_the_badges(tmp_path: Path) -> None:
    """Biểu 7 from the command heeds the register of member facts (--ho-so), as the badge
    list does: dv1 reaches 40 years of party age on 1/6/2025, so the 2/9/2025 round
    proposes his badge; a cảnh cáo of 1/8/2025 defers it six months, to 1/2/2026, out
    of 2025. The command had no way to be told, and counted the badge."""
    from coso_dang.cli import main
    from coso_dang.dataset import Dataset
    from coso_dang.io import dump_json

    one = Member("dv1", "Đảng viên dv1", "cb", admitted_on=date(1985, 6, 1), gender=Gender.NAM)
    data = tmp_path / "data.json"
    dump_json(Dataset([Organization("cb", "Chi bộ Thôn Đông", OrgKind.CHI_BO_CO_SO)], [one]), data)
    register = tmp_path / "ho_so.csv"
    register.write_text("Mã,Kỷ luật\ndv1,cảnh cáo 1/8/2025\n", encoding="utf-8")
    args = ["thong-ke", str(data), "--year", "2025", "--forms", "7"]

    def badges(*extra: str) -> dict[str, Any]:
        output = tmp_path / "bieu.json"
        assert main([*args, *extra, "--output", str(output), "--force"]) == 0
        rows = json.loads(output.read_text(encoding="utf-8"))[0]["rows"]
        return {row["key"]: row["this"] for row in rows if row["key"] in ("II", "II.40")}

    assert badges() == {"II": 1, "II.40": 1}
    assert badges("--ho-so", str(register)) == {"II": 0, "II.40": 0}
    # A register row that cannot be read stops the command before the data is read.
    register.write_text("Mã,Kỷ luật\ndv1,cảnh cáo\n", encoding="utf-8")
    assert main([*args, "--ho-so", str(register)]) == 2


def test_the_command_warns_of_facts_of_members_not_in_the_data(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The discipline of dv1 typed under "dv01" was left out of Biểu 7 without a word (the
    badge counted as due); danh-sach warned of the same register. The forms are still
    filled; with --strict the command stops."""
    from coso_dang.cli import main
    from coso_dang.dataset import Dataset
    from coso_dang.io import dump_json

    one = Member("dv1", "Đảng viên dv1", "cb", admitted_on=date(1985, 6, 1), gender=Gender.NAM)
    data = tmp_path / "data.json"
    dump_json(Dataset([Organization("cb", "Chi bộ Thôn Đông", OrgKind.CHI_BO_CO_SO)], [one]), data)
    register = tmp_path / "ho_so.csv"
    register.write_text("Mã,Kỷ luật\ndv01,cảnh cáo 1/8/2025\n", encoding="utf-8")
    args = ["thong-ke", str(data), "--year", "2025", "--forms", "7", "--ho-so", str(register)]
    output = ["--output", str(tmp_path / "bieu.json")]
    assert main([*args, *output]) == 0
    assert capsys.readouterr().err == (
        "coso-dang: cảnh báo: ho_so.csv: 1 mã không có trong dữ liệu, các dòng của mã đó "
        "không được dùng: dv01\n"
    )
    assert main([*args, *output, "--strict", "--locale", "en"]) == 2
    assert "ho_so.csv: ids of members not in the data (1), their rows are not used: dv01" in (
        capsys.readouterr().err
    )
    register.write_text("Mã,Kỷ luật\ndv1,cảnh cáo 1/8/2025\n", encoding="utf-8")
    assert main([*args, *output, "--force"]) == 0
    assert capsys.readouterr().err == ""


def test_biểu_5_counts_grassroots_organizations_by_type() -> None:
    from coso_dang.orgs import GrassrootsType

    on = date(2025, 12, 31)
    organizations = [
        Organization("h", "Đảng bộ huyện", OrgKind.DANG_BO_CAP_TREN_CO_SO),
        Organization("x", "Đảng bộ xã Tân Lập", OrgKind.DANG_BO_CO_SO, "h",
                     grassroots_type=GrassrootsType.XA),
        Organization("x1", "Chi bộ Thôn 1", OrgKind.CHI_BO_TRUC_THUOC, "x"),
        Organization("x2", "Chi bộ Thôn 2", OrgKind.CHI_BO_TRUC_THUOC, "x"),
        Organization("xb", "Đảng bộ bộ phận Khu A", OrgKind.DANG_BO_BO_PHAN, "x"),
        Organization("xb1", "Chi bộ Khu A1", OrgKind.CHI_BO_TRUC_THUOC, "xb"),
        Organization("c", "Chi bộ Công ty TNHH Minh An", OrgKind.CHI_BO_CO_SO, "h",
                     grassroots_type=GrassrootsType.CONG_TY_TNHH),
        Organization("d", "Chi bộ Công ty Vạn Xuân", OrgKind.CHI_BO_CO_SO, "h",
                     grassroots_type=GrassrootsType.DN_100_VON_NUOC_NGOAI),
    ]  # fmt: skip
    people = [
        Member(f"m{i}", f"Đảng viên {i}", org, admitted_on=date(2000, 1, 1))
        for i, org in enumerate(["x1", "x1", "x2", "xb1", "c", "c", "d"])
    ]
    tree = OrgTree.build(organizations, people)
    filled = fill_form(tree, "5", Period(date(2025, 1, 1), on))
    cells = {item.row.key: tuple(c.value for c in item.cells) for item in filled.rows}
    # (2) TCCSĐ, (3) đảng bộ cơ sở, (4) chi bộ cơ sở, (5) đảng bộ bộ phận,
    # (6) chi bộ trực thuộc, (7) đảng viên: counted by hand.
    assert cells["1"] == (1, 1, 0, 1, 3, 4)
    assert cells["9b3"] == (1, 0, 1, 0, 0, 2)
    assert cells["9b5"] == (1, 0, 1, 0, 0, 1)
    assert cells["9b5x"] == (1, 0, 1, 0, 0, 1)
    assert cells["9b"] == (2, 0, 2, 0, 0, 3)
    assert cells["9"] == (2, 0, 2, 0, 0, 3)
    assert cells["T"] == (3, 1, 2, 1, 3, 7)
    assert cells["2"] == (0, 0, 0, 0, 0, 0)
    assert filled.ok
    # One grassroots organization without a type: every cell is unknown, not short.
    untyped = OrgTree.build(
        [*organizations, Organization("e", "Chi bộ Trường", OrgKind.CHI_BO_CO_SO, "h")], people
    )
    blank = fill_form(untyped, "5", Period(date(2025, 1, 1), on))
    assert all(c.value is None for item in blank.rows for c in item.cells)
    assert "T" in blank.missing


@pytest.mark.parametrize(
    ("start", "end"),
    [(date(2024, 1, 1), date(2024, 12, 31)), (date(2023, 7, 1), date(2024, 6, 30))],
)
def test_badge_counts_equal_the_badge_list_asking_every_member(start: date, end: date) -> None:
    """Biểu 7 asks only the members a badge can fall due for; it must count what the
    badge list asking every member about every badge proposes (gaps, illness, posthumous
    requests and discipline included)."""
    data = generate_nation(seed=2, scale=0.01)
    tree = data.tree()
    members = list(tree.members())
    reprimand = Discipline(DisciplineForm.KHIEN_TRACH, date(2023, 11, 2))
    facts = (
        [MemberFacts(m.id, seriously_ill=True) for m in members[::97]]
        + [MemberFacts(m.id, posthumous=True) for m in members[5::89]]
        + [MemberFacts(m.id, disciplines=[reprimand]) for m in members[7::53]]
        + [MemberFacts(m.id, badges_awarded=[30, 40]) for m in members[11::61]]
    )
    counts = work_counts(tree, start, end, facts=facts)
    # The form counts the badges of the period's rounds whether or not since recorded as
    # awarded, each once: not those the round before the period already proposed.
    asked = [attrs.evolve(f, badges_awarded=()) for f in facts]
    eve, last = award_rounds(start, end) or (start, start)
    before = {
        (e.member.id, e.years)
        for e in badge_round(members, eve, facts=asked, since=date.min).proposed
    }
    # Each round of the period, asked of every member on its own day: a member who
    # left the rolls later in the period had the badge of the round held before.
    days = [day for day in (date(y, m, d) for y in range(start.year, end.year + 1)
                            for m, d in BADGE_OCCASIONS) if eve < day <= last]  # fmt: skip
    proposed = {
        (entry.member.id, entry.years)
        for day in days
        for entry in badge_round(members, day, facts=asked, since=previous_occasion(day)).proposed
    }
    expected = Counter(f"huy_hieu_{years}" for _, years in proposed - before)
    assert sum(1 for m in members if m.inactive_periods) > 10  # gaps are exercised
    # Members left the rolls during the period: those are exercised.
    assert sum(1 for m in members if m.left_on is not None and eve < m.left_on <= last) > 10
    assert {k: v for k, v in counts.items() if k.startswith("huy_hieu") and v} == expected


def test_a_badge_of_a_member_who_left_later_in_the_year_counts() -> None:
    """Three members admitted 10/1/1985 reach 40 years on 10/1/2025: the 3/2/2025
    round proposes all three. One dies on 1/10/2025, one is transferred away that day:
    Biểu 7 of 2025 still counts 3 badges of 40 years (it counted 1, asking on 7/11/2025,
    when the two were no longer on the rolls). The first quarter alone: 3 as well."""
    admitted = date(1985, 1, 10)
    gone = date(2025, 10, 1)
    members = [
        Member("a", "Trần Văn An", "cb", admitted_on=admitted),
        Member("b", "Lê Văn Bình", "cb", admitted_on=admitted, left_on=gone,
               leave_reason=LeaveReason.TU_TRAN),
        Member("c", "Phạm Văn Cường", "cb", admitted_on=admitted, left_on=gone,
               leave_reason=LeaveReason.CHUYEN_DI),
    ]  # fmt: skip
    tree = OrgTree.build([Organization("cb", "Chi bộ Thôn Tây", OrgKind.CHI_BO_CO_SO)], members)
    year = work_counts(tree, date(2025, 1, 1), date(2025, 12, 31))
    quarter = work_counts(tree, date(2025, 1, 1), date(2025, 3, 31))
    assert (year["huy_hieu_40"], quarter["huy_hieu_40"]) == (3, 3)
    assert work_counts(tree, date(2026, 1, 1), date(2026, 12, 31))["huy_hieu_40"] == 0


def test_an_early_or_posthumous_badge_counts_in_one_year_only() -> None:
    """Biểu 7 counts a badge in the year it is first proposed. A member admitted
    1/3/1980 reaches 40 years on 1/3/2020 and dies on 1/6/2020: the posthumous 40-year
    badge is 2020's, not every later year's. A seriously ill member admitted 1/6/1987
    reaches 40 years on 1/6/2027 and may have it up to 12 months early, from 1/6/2026:
    it is 2026's, not 2026's and again 2027's."""
    dead = Member(
        "d", "Trần Văn Mất", "cb", admitted_on=date(1980, 3, 1),
        left_on=date(2020, 6, 1), leave_reason=LeaveReason.TU_TRAN,
    )  # fmt: skip
    ill = Member("i", "Lê Thị Ốm", "cb", admitted_on=date(1987, 6, 1))
    chi_bo = Organization("cb", "Chi bộ Thôn Đông", OrgKind.CHI_BO_CO_SO)
    tree = OrgTree.build([chi_bo], [dead, ill])
    facts = [MemberFacts("d", posthumous=True), MemberFacts("i", seriously_ill=True)]
    by_year = {
        year: work_counts(tree, date(year, 1, 1), date(year, 12, 31), facts=facts)["huy_hieu_40"]
        for year in range(2019, 2029)
    }
    assert by_year == {
        2019: 0, 2020: 1, 2021: 0, 2022: 0, 2023: 0, 2024: 0, 2025: 0, 2026: 1, 2027: 0, 2028: 0
    }  # fmt: skip


def test_a_form_filled_twice_gets_its_own_sheet_name(tmp_path: Path) -> None:
    """A second Biểu 1 (another chi bộ) is "Biểu 1 (2)", not "Biểu 11" (another form)."""
    openpyxl = pytest.importorskip("openpyxl")
    tree = OrgTree.build(
        [
            Organization("x", "Đảng bộ xã Tân Lập", OrgKind.DANG_BO_CO_SO),
            Organization("c1", "Chi bộ Thôn Đông", OrgKind.CHI_BO_TRUC_THUOC, "x"),
            Organization("c2", "Chi bộ Thôn Tây", OrgKind.CHI_BO_TRUC_THUOC, "x"),
        ],
        [attrs.evolve(m, org_id="c1") for m in MEMBERS],
    )
    own = _own_form("1/TU")
    filled = [fill_form(tree, "1", YEAR_2025, org=org) for org in ("c1", "c2", "x")]
    filled.append(fill_form(tree, own, YEAR_2025))
    path = write_xlsx(filled, tmp_path / "b.xlsx", reporter="Đảng ủy xã Tân Lập")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Biểu 1", "Biểu 1 (2)", "Biểu 1 (3)", "Biểu 1-TU"]
    # A number ending with an apostrophe, a name Excel refuses ("Biểu 3'"), and one whose
    # 31st character is one.
    quoted = [
        fill_form(tree, _own_form(number), YEAR_2025) for number in ("3'", "3''", "X" * 25 + "'")
    ]
    names = openpyxl.load_workbook(write_xlsx(quoted, tmp_path / "q.xlsx", reporter="X")).sheetnames
    assert names == ["Biểu 3", "Biểu 3 (2)", "Biểu " + "X" * 25]


def test_decomposed_text_is_written_composed(tmp_path: Path) -> None:
    """A committee, an organization or a description typed decomposed prints in NFC."""
    openpyxl = pytest.importorskip("openpyxl")
    nfd = unicodedata.normalize
    tree = OrgTree.build([Organization("cb", "Chi bộ Thôn Đông", OrgKind.CHI_BO_CO_SO)], MEMBERS)
    own = Form.from_mapping(
        {
            "number": "3T", "title": nfd("NFD", "ĐẢNG VIÊN NỮ"), "version": "2025",
            "document": "01-HD/TU", "layout": "K",
            "columns": [{"key": "1", "label": nfd("NFD", "Tiêu chí")}],
            "rows": [{"key": "I", "label": nfd("NFD", "I. Đảng viên nữ"),
                      "source": "dang_vien_gioi_tinh_nu"}],
            "notes": [nfd("NFD", "Đếm từ hồ sơ.")],
        },
        known_codes(),
    )  # fmt: skip
    assert (own.title, own.columns[0].label, own.rows[0].label, own.notes) == (
        "ĐẢNG VIÊN NỮ",
        "Tiêu chí",
        "I. Đảng viên nữ",
        ("Đếm từ hồ sơ.",),
    )
    filled = fill_form(tree, own, YEAR_2025, org_name=nfd("NFD", "Chi bộ Thôn Đông"))
    assert filled.org_name == "Chi bộ Thôn Đông"
    reporter = nfd("NFD", "Đảng ủy xã Tân Lập")
    bieu_1 = fill_form(tree, "1", YEAR_2025)
    path = write_xlsx([bieu_1, filled], tmp_path / "b.xlsx", reporter=reporter)
    assert openpyxl.load_workbook(path)["Biểu 1"]["A1"].value == "ĐẢNG ỦY XÃ TÂN LẬP"
    page = render_html([bieu_1, filled], reporter=reporter)
    assert unicodedata.is_normalized("NFC", page)
    assert "ĐẢNG ỦY XÃ TÂN LẬP" in page


def test_a_k_form_naming_only_its_label_column_prints_all_four(tmp_path: Path) -> None:
    """The documented form of one's own ("columns": Tiêu chí only) keeps its header."""
    openpyxl = pytest.importorskip("openpyxl")
    tree = OrgTree.build([Organization("cb", "Chi bộ Thôn Đông", OrgKind.CHI_BO_CO_SO)], MEMBERS)
    own = _own_form("3T")
    filled = fill_form(tree, own, YEAR_2025)
    path = write_xlsx([filled], tmp_path / "b.xlsx", reporter="Đảng ủy xã Tân Lập")
    sheet = openpyxl.load_workbook(path)["Biểu 3T"]
    assert (sheet["A1"].value, sheet["D1"].value) == ("ĐẢNG ỦY XÃ TÂN LẬP", "Biểu số 3T-BTCTW")
    assert [[sheet.cell(line, c).value for c in range(1, 5)] for line in (7, 8, 9, 10)] == [
        ["Tiêu chí", "Thực hiện", None, "(%) kỳ này so với cùng kỳ năm trước"],
        [None, "Kỳ này", "Cùng kỳ năm trước", None],
        ["1", "2", "3", "4(=2*100/3)"],
        ["I. Đảng viên", 3, 3, 100],
    ]
    page = render_html(filled)
    assert "<th>Kỳ này</th><th>Cùng kỳ năm trước</th>" in page


def test_a_reporter_that_looks_like_a_formula_is_text(tmp_path: Path) -> None:
    """The committee's name is the caller's text: never a formula in the workbook."""
    openpyxl = pytest.importorskip("openpyxl")
    tree = OrgTree.build([Organization("cb", "Chi bộ Thôn Đông", OrgKind.CHI_BO_CO_SO)], MEMBERS)
    path = write_xlsx([fill_form(tree, "1", YEAR_2025)], tmp_path / "b.xlsx", reporter="=1+1")
    cell = openpyxl.load_workbook(path)["Biểu 1"]["A1"]
    assert (cell.value, cell.data_type) == ("=1+1", "s")


def test_a_description_whose_words_look_like_formulas_is_text(tmp_path: Path) -> None:
    """A committee's own form may hold any words: a title, a label or a column header
    starting with "=" is written as text, not as a formula Excel would run."""
    openpyxl = pytest.importorskip("openpyxl")
    mine = Form.from_mapping(
        {
            "number": "3T", "title": "=HYPERLINK(\"http://x\")", "version": "2025",
            "document": "01-HD/TU", "layout": "K",
            "columns": [{"key": "1", "label": "=1+1"}],
            "rows": [{"key": "I", "label": "=SUM(B1:B9)", "source": "dang_vien"}],
        },
        known_codes(),
    )  # fmt: skip
    tree = OrgTree.build([Organization("cb", "Chi bộ Thôn Đông", OrgKind.CHI_BO_CO_SO)], MEMBERS)
    path = write_xlsx([fill_form(tree, mine, YEAR_2025)], tmp_path / "b.xlsx", reporter="X")
    sheet = openpyxl.load_workbook(path)["Biểu 3T"]
    cells = {c.value: c.data_type for row in sheet.iter_rows() for c in row if c.value}
    assert cells['=HYPERLINK("http://x")'] == "s"
    assert cells["=1+1"] == "s"
    assert cells["=SUM(B1:B9)"] == "s"
    assert "f" not in cells.values()


def test_the_workbook_rounds_as_the_printed_form(tmp_path: Path) -> None:
    """A figure on a half (an average age of 40,25 over four members, a percentage of
    3,125) is 40,3 and 3,13 in the workbook as on the printed form, not what round()
    makes of the float (half to even: 40,2 and 3,12)."""
    openpyxl = pytest.importorskip("openpyxl")
    born = (date(1985, 1, 1), date(1985, 1, 1), date(1985, 1, 1), date(1984, 1, 1))
    four = [
        _m(f"dv{n}", Gender.NAM, day, date(2010, 1, 4), ethnicity=Ethnicity.KINH)
        for n, day in enumerate(born, 1)
    ]
    tree = OrgTree.build([Organization("cb", "Chi bộ Thôn Đông", OrgKind.CHI_BO_CO_SO)], four)
    filled = fill_form(tree, "3", YEAR_2025)
    average = next(item for item in filled.rows if item.row.key == "II.2.tb")
    assert average.this.value == Fraction(161, 4)
    assert [
        line.split()[-3] for line in render_text(filled).splitlines() if "bình quân" in line
    ] == ["40,3"]
    # One member against 32 a year before: 100 / 32 = 3,125 %.
    one = fill(
        get_form("1"), {"dang_vien_dau_ky": 1}, {"dang_vien_dau_ky": 32},
        org_name="Chi bộ Thôn Đông", period=YEAR_2025,
    )  # fmt: skip
    assert one.rows[0].percent == Fraction(25, 8)
    path = write_xlsx([filled, one], tmp_path / "b.xlsx", reporter="Đảng ủy xã Tân Lập")
    book = openpyxl.load_workbook(path)
    sheet = book["Biểu 3"]
    line = 10 + filled.rows.index(average)
    assert sheet.cell(line, 1).value == "- Tuổi bình quân"
    assert sheet.cell(line, 2).value == 40.3
    assert book["Biểu 1"].cell(10, 4).value == 3.13


def test_the_workbook_shows_the_places_the_form_prints(tmp_path: Path) -> None:
    """A percentage of 54,5 shows as 54,50 in the workbook as on the printed form (and in
    the text and the page), an average age of 40 as 40,0 on its one-decimal row, a share
    of the group with two places, and counts whole: the cells were left "General", which
    shows 54,5, 40 and 100."""
    openpyxl = pytest.importorskip("openpyxl")
    # 109 admitted against 200 a year before: 109 × 100 / 200 = 54,5 %.
    one = fill(
        get_form("1"), {"dang_vien_dau_ky": 109}, {"dang_vien_dau_ky": 200},
        org_name="Chi bộ Thôn Đông", period=YEAR_2025,
    )  # fmt: skip
    born = (date(1985, 1, 1), date(1985, 1, 1))  # both 40 on 31/12/2025
    two = [
        _m(f"dv{n}", Gender.NAM, day, date(2010, 1, 4), ethnicity=Ethnicity.KINH,
           religion=Religion.KHONG)
        for n, day in enumerate(born, 1)
    ]  # fmt: skip
    tree = OrgTree.build([Organization("cb", "Chi bộ Thôn Đông", OrgKind.CHI_BO_CO_SO)], two)
    three = fill_form(tree, "3", YEAR_2025)
    four = fill_form(tree, "4", YEAR_2025)
    path = write_xlsx([one, three, four], tmp_path / "b.xlsx", reporter="Đảng ủy xã Tân Lập")
    book = openpyxl.load_workbook(path)
    percent = book["Biểu 1"].cell(10, 4)
    assert (percent.value, percent.number_format) == (54.5, "#,##0.00")
    assert [book["Biểu 1"].cell(10, c).number_format for c in (2, 3)] == ["#,##0", "#,##0"]
    sheet = book["Biểu 3"]
    line = 10 + [item.row.key for item in three.rows].index("II.2.tb")
    assert sheet.cell(line, 1).value == "- Tuổi bình quân"
    assert (sheet.cell(line, 2).value, sheet.cell(line, 2).number_format) == (40, "#,##0.0")
    # Biểu 4: "I" on line 10, Kinh on 11, each 100 % of the group.
    ethnic = book["Biểu 4"]
    assert [ethnic.cell(11, c).value for c in (2, 3, 5)] == ["Kinh", 2, 100]
    assert [ethnic.cell(11, c).number_format for c in (3, 4, 5)] == ["#,##0", "#,##0", "#,##0.00"]


def test_the_json_rounds_as_the_printed_form() -> None:
    """An average age of 40,25 on a one-decimal row is 40,3 in the JSON as in the text
    and the workbook (it was 40.25: two places, whatever the row's); a figure of 3,125
    on a two-place row is 3.13 (round() on the Fraction made it 3.12, half to even)."""
    born = (date(1985, 1, 1), date(1985, 1, 1), date(1985, 1, 1), date(1984, 1, 1))
    four = [
        _m(f"dv{n}", Gender.NAM, day, date(2010, 1, 4), ethnicity=Ethnicity.KINH)
        for n, day in enumerate(born, 1)
    ]
    tree = OrgTree.build([Organization("cb", "Chi bộ Thôn Đông", OrgKind.CHI_BO_CO_SO)], four)
    filled = fill_form(tree, "3", YEAR_2025)
    rows = {row["key"]: row for row in json.loads(render_json(filled))["rows"]}
    assert rows["II.2.tb"]["this"] == 40.3
    own = attrs.evolve(filled.rows[0], this=Cell(Fraction(25, 8)))
    data = json.loads(render_json(attrs.evolve(filled, rows=(own,))))
    assert data["rows"][0]["this"] == 3.13


@pytest.mark.parametrize("seed", [1, 2])
def test_the_badges_of_a_year_are_those_of_its_quarters(seed: int) -> None:
    """Each badge is counted in the period of the round that first proposes it: the four
    quarters of a year, one award day each, add up to the year, class by class, with
    illness, posthumous requests and discipline; a month without an award day has none."""
    from coso_dang.history import Period as Window
    from coso_dang.testing import generate_province

    tree = generate_province(seed=seed, scale=0.05).tree()
    members = list(tree.members())
    facts = (
        [MemberFacts(m.id, seriously_ill=True) for m in members[::23]]
        + [MemberFacts(m.id, posthumous=True) for m in members[3::29]]
        + [
            MemberFacts(m.id, disciplines=[Discipline(form, day)])
            for m, form, day in zip(
                members[5::17],
                [DisciplineForm.CANH_CAO, DisciplineForm.CACH_CHUC, DisciplineForm.KHIEN_TRACH]
                * 99,
                [date(2023, 4, 1) + timedelta(days=37 * n) for n in range(300)],
                strict=False,
            )
        ]
    )
    badges = [f"huy_hieu_{years}" for years in BADGE_YEARS]
    for year in (2023, 2024):
        whole = work_counts(tree, date(year, 1, 1), date(year, 12, 31), facts=facts)
        parts = [
            work_counts(tree, quarter.start, quarter.end, facts=facts)
            for quarter in (Window.quarter(year, q) for q in (1, 2, 3, 4))
        ]
        assert [whole[code] for code in badges] == [
            sum(part[code] or 0 for part in parts) for code in badges
        ]
        assert sum(whole[code] or 0 for code in badges) > 0
        december = work_counts(tree, date(year, 12, 1), date(year, 12, 31), facts=facts)
        assert all(december[code] == 0 for code in badges)


@pytest.mark.parametrize(
    ("start", "end", "rounds"),
    [
        (date(2025, 1, 1), date(2025, 12, 31), (date(2024, 11, 7), date(2025, 11, 7))),
        (date(2025, 2, 3), date(2025, 2, 3), (date(2024, 11, 7), date(2025, 2, 3))),
        (date(2025, 2, 4), date(2025, 5, 18), None),
        (date(2025, 11, 7), date(2026, 2, 3), (date(2025, 9, 2), date(2026, 2, 3))),
        (date(9999, 1, 1), date(9999, 12, 31), (date(9998, 11, 7), date(9999, 11, 7))),
        (date(9999, 11, 8), date(9999, 12, 31), None),
    ],
)
def test_the_award_rounds_of_a_period(
    start: date, end: date, rounds: tuple[date, date] | None
) -> None:
    """The rounds held in a period, the award day itself included; the last days of the
    calendar (31/12/9999 has no day after it) included."""
    assert award_rounds(start, end) == rounds


@pytest.mark.parametrize("period", ["q4", "h2", "Q4", "year"])
def test_the_command_takes_the_year_end_periods_from_the_data(tmp_path: Path, period: str) -> None:
    """Without --year the period was first tried in 9999, and its fourth quarter or
    second half ended past Python's dates: every such command stopped with the English
    "year 10000 is out of range" and exit code 2."""
    from coso_dang.cli import main
    from coso_dang.dataset import Dataset
    from coso_dang.io import dump_json

    data = tmp_path / "data.json"
    orgs = [Organization("cb", "Chi bộ Thôn Đông", OrgKind.CHI_BO_CO_SO)]
    dump_json(Dataset(orgs, MEMBERS, year=2025), data)
    output = tmp_path / "bieu.json"
    assert main(["thong-ke", str(data), "--period", period, "--output", str(output)]) == 0
    filled = json.loads(output.read_text(encoding="utf-8"))
    assert filled[0]["period"][1] == "2025-12-31"


def test_the_command_needs_no_year_for_a_period_given_by_its_days(tmp_path: Path) -> None:
    """Data with no year and no ratings, the period typed as TỪ:ĐẾN: the command asked
    for --year ("không có kết quả đánh giá để biết năm báo cáo"), which it never reads."""
    from coso_dang.cli import main
    from coso_dang.dataset import Dataset
    from coso_dang.io import dump_json

    data = tmp_path / "data.json"
    orgs = [Organization("cb", "Chi bộ Thôn Đông", OrgKind.CHI_BO_CO_SO)]
    dump_json(Dataset(orgs, MEMBERS), data)
    output = tmp_path / "bieu.json"
    period = ["--period", "1/7/2024:30/6/2025", "--forms", "1"]
    assert main(["thong-ke", str(data), *period, "--output", str(output)]) == 0
    filled = json.loads(output.read_text(encoding="utf-8"))
    assert filled[0]["period"] == ["2024-07-01", "2025-06-30"]
    assert main(["thong-ke", str(data), "--period", "h1", "--output", str(output)]) == 2


def test_a_period_before_every_set_of_forms_is_said_in_english(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``--locale en``: the line said "the forms cannot be filled", and the reason under
    it stayed Vietnamese ("không có bộ biểu nào dùng cho ngày 31/12/1930")."""
    from coso_dang.cli import main
    from coso_dang.dataset import Dataset
    from coso_dang.io import dump_json

    data = tmp_path / "data.json"
    dump_json(Dataset([Organization("cb", "Chi bộ Thôn Đông", OrgKind.CHI_BO_CO_SO)]), data)
    assert main(["thong-ke", str(data), "--year", "1930", "--locale", "en"]) == 2
    assert capsys.readouterr().err == (
        "coso-dang: error: the forms cannot be filled\n"
        "  - no set of forms is in use on 31/12/1930\n"
        "  (1 error)\n"
    )
    assert main(["thong-ke", str(data), "--year", "1930"]) == 2
    assert "  - không có bộ biểu nào dùng cho ngày 31/12/1930\n" in capsys.readouterr().err


# -- Biểu 6 from the review round, as the rollup counts it -------------------------------------


@st.composite
def _rated_trees(draw: st.DrawFn) -> tuple[OrgTree, list[Evaluation]]:
    """One organization's subtree with members on the rolls or not, organizations existing
    or not on 31/12/2024, and 2024 evaluations (rated or not) of some of each."""
    orgs, members = draw(trees(max_size=15))
    day = st.dates(date(2023, 6, 1), date(2025, 6, 1))
    orgs = [
        attrs.evolve(o, founded_on=draw(st.none() | day), dissolved_on=None)
        if draw(st.booleans())
        else attrs.evolve(o, dissolved_on=draw(st.none() | day))
        for o in orgs
    ]
    members = [
        attrs.evolve(m, admitted_on=draw(day), left_on=None)
        if draw(st.booleans())
        else attrs.evolve(
            m, left_on=draw(day), leave_reason=LeaveReason.CHUYEN_DI, admitted_on=date(2000, 1, 1)
        )
        for m in members
    ]
    whole = OrgTree.build(orgs, members)
    tree = subtree(whole, whole.roots[0].id)
    rating = st.none() | st.sampled_from(list(Rating))
    evaluations = [
        Evaluation(o.id, 2024, draw(rating), subject=SubjectKind.ORGANIZATION)
        for o in tree.walk()
        if draw(st.booleans())
    ] + [Evaluation(m.id, draw(st.sampled_from([2023, 2024])), draw(rating))
         for m in tree.members() if draw(st.booleans())]  # fmt: skip
    return tree, draw(st.permutations(evaluations))


@given(_rated_trees())
def test_rating_counts_from_the_round_are_the_rollups_of_those_on_the_rolls(
    case: tuple[OrgTree, list[Evaluation]],
) -> None:
    """The round counts as a rollup of the ratings of the members on the rolls on
    31/12 and the organizations existing then: those of the others are not the form's."""
    tree, evaluations = case
    counts = rating_counts(year_round(tree, evaluations, 2024, whole=True))
    chosen = [e for e in evaluations if e.year == 2024]
    if not chosen:
        assert set(counts.values()) == {None}
        return
    day = date(2024, 12, 31)
    there = {m.id for m in tree.members() if m.is_active(day)}
    there |= {o.id for o in tree.walk() if o.is_active(day)}
    tally = rollup(tree, year=2024, evaluations=[e for e in chosen if e.subject_id in there]).root
    given = {e.subject for e in chosen}
    for code, value in counts.items():
        subject = code.removeprefix("xep_loai_")
        rated_kind = (
            SubjectKind.MEMBER if subject.startswith("dang_vien") else SubjectKind.ORGANIZATION
        )
        level = subject.rsplit("_", 1)[-1] in {r.suffix for r in Rating}
        expected = tally[subject] if not level or rated_kind in given else None
        assert value == expected, code


def test_rating_counts_refuse_what_the_rollup_refuses() -> None:
    orgs = [Organization("cb", "Chi bộ A", OrgKind.CHI_BO_CO_SO)]
    tree = OrgTree.build(orgs, [Member("dv1", "Nguyễn Văn An", "cb", admitted_on=date(2000, 1, 1))])
    twice = [Evaluation("dv1", 2024, Rating.HTTNV), Evaluation("dv1", 2024, Rating.HTNV)]
    stray = [Evaluation("dv9", 2024, Rating.HTTNV)]
    stray_org = [Evaluation("cb9", 2024, Rating.HTTNV, subject=SubjectKind.ORGANIZATION)]
    for evaluations, reason in ((twice, "hai lần"), (stray, "không có đảng viên"),
                                (stray_org, "không có tổ chức")):  # fmt: skip
        with pytest.raises(TreeError, match=reason):
            rating_counts(year_round(tree, evaluations, 2024, whole=True))


@given(_rated_trees())
def test_biểu_6_rates_only_those_it_counts(case: tuple[OrgTree, list[Evaluation]]) -> None:
    """Biểu 6's "Đã đánh giá, xếp loại" of each kind is part of its row, which counts the
    members on the lists at the year's end (Biểu 1's D) and the organizations existing
    then: a rating given to a member who left or an organization gone before the year's
    end is not counted, and "Chưa đánh giá, xếp loại" is never negative."""
    tree, evaluations = case
    movement, ratings = fill_forms(tree, Period.year(2024), ["1", "6"], evaluations=evaluations)
    cells = {row.row.key: row.this.value for row in ratings.rows}
    assert ratings.ok, ratings.failures
    if not any(e.year == 2024 for e in evaluations):
        assert set(cells.values()) == {None}  # no review of the year: blank
        return
    assert cells["III"] == next(r.this.value for r in movement.rows if r.row.key == "D")
    for whole in ("I", "II", "III"):
        rated, unrated = cells[f"{whole}.1"], cells[f"{whole}.2"]
        if rated is not None:
            assert unrated is not None
            assert unrated >= 0
            assert rated + unrated == cells[whole]


def test_biểu_5_of_a_generated_reorganization_types_every_new_commune() -> None:
    """The 2025 reorganization's new communes carry the type their merged communes had:
    wards make a phường, communes and thị trấn a xã, so Biểu 5 is filled, not unknown."""
    from coso_dang.history import Lineage
    from coso_dang.orgs import GrassrootsType
    from coso_dang.testing import generate_province, reorganize_2025

    data = generate_province(seed=3, scale=0.02)
    organizations, events = reorganize_2025(data, seed=3)
    by_id = {o.id: o for o in data.organizations}
    merged: dict[str, set[GrassrootsType | None]] = {}
    for event in events:
        for target in event.into or ():
            merged.setdefault(target, set()).add(by_id[event.org_id].grassroots_type)
    new = [o for o in organizations if o.id in merged]
    assert new
    for org in new:
        wards = merged[org.id] == {GrassrootsType.PHUONG}
        assert org.grassroots_type is (GrassrootsType.PHUONG if wards else GrassrootsType.XA)
        assert org.name.startswith("Đảng bộ phường" if wards else "Đảng bộ xã")
    on = date(2025, 12, 31)
    tree = Lineage(organizations, events).tree_on(on, data.members)
    filled = fill_form(tree, "5", Period(date(2025, 1, 1), on))
    cells = {item.row.key: item.cells[0].value for item in filled.rows}
    assert filled.ok, filled.missing
    assert cells["T"] == sum(1 for o in tree.walk() if o.kind.is_grassroots)
    for key, kind in (("1", GrassrootsType.XA), ("2", GrassrootsType.PHUONG)):
        assert cells[key] == sum(1 for o in tree.walk() if o.grassroots_type is kind)


@given(st.lists(st.sampled_from([*PoliticalTheory, None]), min_size=1, max_size=8))
@example([PoliticalTheory.SO_CAP, PoliticalTheory.CHUA_DAO_TAO, PoliticalTheory.CAO_CAP])
def test_biểu_3_counts_political_theory_with_untrained_members_known(
    levels: list[PoliticalTheory | None],
) -> None:
    """A member with no political theory training is in no row of II.7 ("Sơ cấp",
    "Trung cấp", "Cao cấp, cử nhân" need not sum to the whole) and leaves the rows
    known; only a level not recorded (``None``) leaves them unknown, never 0. No level
    meant both, and a roster with one untrained member printed II.7 blank."""
    members = [
        _m(f"dv{n}", Gender.NAM, date(1990, 1, 1), date(2015, 1, 1), political_theory=level)
        for n, level in enumerate(levels)
    ]
    filled = fill_form(members, "3", YEAR_2025)
    found = {item.row.key: item.this.value for item in filled.rows}
    theory = PoliticalTheory
    expected = {
        "II.7.1": levels.count(theory.SO_CAP),
        "II.7.2": levels.count(theory.TRUNG_CAP),
        "II.7.3": levels.count(theory.CAO_CAP) + levels.count(theory.CU_NHAN),
    }
    if None in levels:
        expected = dict.fromkeys(expected)
    assert {key: found[key] for key in expected} == expected
    assert filled.ok
