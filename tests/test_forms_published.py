"""The forms against their published layout: each row list adds up as the form says,
the rows and columns are printed as the reproductions print them."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import attrs
import pytest

from coso_dang import Gender, Member, Organization, OrgKind, OrgTree
from coso_dang.attributes import Ethnicity, GeneralEducation, Occupation, Religion
from coso_dang.forms import (
    Form,
    FormError,
    Period,
    fill,
    fill_forms,
    forms,
    get_form,
    known_codes,
    render_html,
    write_xlsx,
)
from coso_dang.history import MemberEvent, MemberEventKind
from coso_dang.orgs import GrassrootsType

YEAR_2025 = Period(date(2025, 1, 1), date(2025, 12, 31))

_AGE_ROWS = " + ".join(f"II.2.{band}" for band in range(1, 9))


def _member(id: str, born: date, admitted: date, **fields: Any) -> Member:
    known: dict[str, Any] = {
        "gender": Gender.NAM, "ethnicity": Ethnicity.KINH, "religion": Religion.KHONG,
        "occupation": Occupation.KHAC, "general_education": GeneralEducation.THPT,
        "is_youth_union_member": False, "owns_private_enterprise": False,
    }  # fmt: skip
    known.update(fields)
    return Member(id, f"Đảng viên {id}", "cb", admitted_on=admitted, birth_date=born, **known)


def _tree(*members: Member) -> OrgTree:
    return OrgTree.build(
        [
            Organization("t", "Đảng bộ tỉnh", OrgKind.DANG_BO_TINH),
            Organization("cb", "Chi bộ xã An Phú", OrgKind.CHI_BO_CO_SO, "t"),
        ],
        members,
    )


def test_the_age_bands_add_up_to_the_members() -> None:
    """Biểu 2 and 3 (2021): "II.2 bands A1–A8 sum to I". A member 17 years old on the
    period's last day (a record to correct) is in no band: the bands then hold 1 of the 2
    members, and the form says so instead of passing."""
    tree = _tree(
        # 31 on the period's last day: in "Từ 31 - 35 tuổi", admitted in 2025.
        _member("a", date(1994, 12, 31), date(2025, 3, 1)),
        # 17 on the last day, admitted in 2025: in no band.
        _member("b", date(2008, 6, 1), date(2025, 6, 2)),
        # 60 on the last day: "Từ 56 - 60 tuổi"; 61 on it: "Trên 60 tuổi".
        _member("c", date(1965, 12, 31), date(1990, 1, 1)),
        _member("d", date(1964, 12, 31), date(1990, 1, 1)),
    )
    filled = {f.form.number: f for f in fill_forms(tree, YEAR_2025, ["2", "3"])}
    assert filled["2"].value("I") == 2
    assert filled["3"].value("I") == 4
    bands = [filled["3"].value(f"II.2.{band}") for band in range(1, 9)]
    assert bands == [0, 1, 0, 0, 0, 0, 1, 1]  # 31, 60 and 61 on 31/12/2025
    assert f"{_AGE_ROWS} = I: 1 và 2" in filled["2"].failures
    assert f"{_AGE_ROWS} = I: 3 và 4" in filled["3"].failures


def test_the_bands_may_hold_every_member_and_no_more() -> None:
    """Counts typed in by hand: 2 members in the bands of 3 fail; 3 of 3 pass."""
    for number, population in (("2", "ket_nap"), ("3", "dang_vien")):
        zero = dict.fromkeys(known_codes(), 0)
        short = dict(zero, **{population: 3, f"{population}_tuoi_18_30": 2})
        short[f"{population}_nghe_nghiep_khac"] = 3
        short[f"{population}_thoi_ky_tu_1975"] = 3
        failures = fill(get_form(number), short, zero, org_name="", period=YEAR_2025).failures
        assert f"{_AGE_ROWS} = I: 2 và 3" in failures, number
        whole = dict(short, **{f"{population}_tuoi_tren_60": 1})
        assert fill(get_form(number), whole, zero, org_name="", period=YEAR_2025).ok, number


def test_biểu_3_working_and_retired_add_up_to_the_members() -> None:
    """Biểu 3: II.1a (at work) + II.1b (retired or left work) = I. Counts typed in by
    hand with 2 of 3 members placed fail."""
    zero = dict.fromkeys(known_codes(), 0)
    typed = dict(zero, dang_vien=3, dang_vien_nghe_nghiep_vien_chuc=1,
                 dang_vien_nghe_nghiep_nghi_huu=1, dang_vien_tuoi_18_30=3,
                 dang_vien_thoi_ky_tu_1975=3)  # fmt: skip
    filled = fill(get_form("3"), typed, zero, org_name="", period=YEAR_2025)
    assert filled.failures == ("II.1a + II.1b = I: 2 và 3",)


# Biểu 6F as the reproduction prints it: TT | Nội dung | Tập thể | Đảng viên | Ghi chú, no
# row of column numbers, and no number on the rows "Đảng viên được miễn công tác và sinh
# hoạt đảng" and "Đảng viên bị đình chỉ sinh hoạt đảng".
_6F_NUMBERS = [
    "1", "2", "3", None, "3.1", "3.2", None, None, "4", None, "4.1", "4.2", "4.3",
]  # fmt: skip
_6F_LABELS = [
    "Số lượng thuộc đối tượng phải kiểm điểm tự phê bình và phê bình",
    "Số lượng đã kiểm điểm tự phê bình và phê bình",
    "Số lượng chưa kiểm điểm tự phê bình và phê bình",
    "Trong đó:",
    "Số tập thể thành lập mới",
    "Đảng viên mới kết nạp dưới 6 tháng",
    "Đảng viên được miễn công tác và sinh hoạt đảng",
    "Đảng viên bị đình chỉ sinh hoạt đảng",
    "Số được gợi ý kiểm điểm",
    "Trong đó:",
    "Thuộc diện ban thường vụ cấp ủy cấp tỉnh quản lý",
    "Thuộc diện ban thường vụ cấp ủy cấp huyện quản lý",
    "Thuộc diện đảng ủy cơ sở quản lý",
]


def _6f() -> Any:
    zero = dict.fromkeys(known_codes(), 0)
    return fill(get_form("6F"), zero, zero, org_name="Đảng bộ xã An Phú", period=YEAR_2025)


def test_biểu_6f_workbook_prints_no_column_numbers_and_two_rows_unnumbered(
    tmp_path: Path,
) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    path = write_xlsx([_6f()], tmp_path / "6f.xlsx", reporter="Đảng ủy xã An Phú")
    sheet = openpyxl.load_workbook(path)["Biểu 6F"]
    assert [sheet.cell(7, c).value for c in range(1, 6)] == [
        "TT", "Nội dung", "Tập thể", "Đảng viên", "Ghi chú",
    ]  # fmt: skip
    # The rows follow the header at once: no "1 | 2 | 3 | 4 | 5" between.
    body = [[sheet.cell(9 + i, c).value for c in (1, 2)] for i in range(len(_6F_LABELS))]
    assert body == [list(pair) for pair in zip(_6F_NUMBERS, _6F_LABELS, strict=True)]


def test_biểu_6f_page_prints_no_column_numbers_and_two_rows_unnumbered() -> None:
    page = render_html(_6f())
    assert 'class="so-cot"' not in page
    numbers = re.findall(r"<tr[^>]*><td>([^<]*)</td><td[^>]*>([^<]*)</td>", page)
    assert numbers == [(n or "", label) for n, label in zip(_6F_NUMBERS, _6F_LABELS, strict=True)]
    # The other forms keep theirs.
    zero = dict.fromkeys(known_codes(), 0)
    three = fill(get_form("3"), zero, zero, org_name="", period=YEAR_2025)
    assert '<tr class="so-cot"><th>1</th><th>2</th><th>3</th><th>4(=2*100/3)</th></tr>' in (
        render_html(three)
    )


# Biểu 2 (2021), every row as the reproduction prints it, in order, with its level.
_BIEU_2_HEAD = [
    ("I", "I. Tổng số đảng viên mới kết nạp", 0),
    ("I.a", "- Dân tộc thiểu số", 1),
    ("I.b", "- Đoàn viên Đoàn TNCS Hồ Chí Minh", 1),
    ("I.c", "- Chủ doanh nghiệp tư nhân", 1),
    ("I.d", "- Quần chúng vi phạm chính sách KHHGĐ", 1),
    ("I.e", "- Có quan hệ hôn nhân với người nước ngoài", 1),
    ("I.f", "- Kết nạp lại", 1),
    ("II", "II. Phân tích đảng viên mới kết nạp", 0),
    ("II.1", "1. Nghề nghiệp", 1),
]
_BIEU_2_TAIL = [
    ("II.5", "5. Chức danh khoa học", 1),
    ("II.5.1", "- Phó Giáo sư", 2),
    ("II.5.2", "- Giáo sư", 2),
    ("III", "III. Số tổ chức cơ sở đảng có đến cuối kỳ báo cáo", 0),
    ("III.1", "1. Đảng bộ cơ sở", 1),
    ("III.1a", "Trong đó: + Có kết nạp đảng viên", 2),
    ("III.1b", "+ Không còn quần chúng", 2),
    ("III.2", "2. Chi bộ cơ sở", 1),
    ("III.2a", "Trong đó: + Có kết nạp đảng viên", 2),
    ("III.2b", "+ Không còn quần chúng", 2),
]


def test_biểu_2_rows_as_published() -> None:
    rows = [(r.key, r.label, r.level) for r in get_form("2").rows]
    assert rows[: len(_BIEU_2_HEAD)] == _BIEU_2_HEAD
    assert rows[-len(_BIEU_2_TAIL) :] == _BIEU_2_TAIL
    form = get_form("2")
    # The "trong đó" rows of section I and III are parts of their row.
    assert {r.key: r.of for r in form.rows if r.key.startswith(("I.", "III."))} == {
        "I.a": "I", "I.b": "I", "I.c": "I", "I.d": "I", "I.e": "I", "I.f": "I",
        "III.1": None, "III.1a": "III.1", "III.1b": "III.1",
        "III.2": None, "III.2a": "III.2", "III.2b": "III.2",
    }  # fmt: skip


def test_biểu_2_occupations_add_up_to_the_new_members_with_a_retiree_among_them() -> None:
    """Biểu 2 has no row for the retired (Biểu 3 has): a retiree admitted in the year is
    in "Khác", so that the occupations add up to I as the form says (II.1 = I). He was
    in no row, and the form of three new members failed its own identity: "II.1 = I: 2
    và 3"."""
    born = date(1960, 1, 1)
    tree = _tree(
        _member("huu", born, date(2025, 3, 1), occupation=Occupation.NGHI_HUU),
        _member("nong", born, date(2025, 4, 1), occupation=Occupation.NONG_LAM_NGU),
        _member("tu_do", born, date(2025, 5, 1), occupation=Occupation.KHAC),
        # Admitted long ago and retired: Biểu 3's, not Biểu 2's.
        _member("cu", born, date(1990, 5, 1), occupation=Occupation.NGHI_HUU),
    )
    filled = fill_forms(tree, YEAR_2025, ["2"])[0]
    cells = {r.row.key: r.this.value for r in filled.rows if r.row.key.startswith("II.1")}
    assert cells == {
        "II.1": 3,
        "II.1.1": 0, "II.1.2": 0, "II.1.3": 0, "II.1.4": 0, "II.1.5": 0, "II.1.6": 0,
        "II.1.7": 0, "II.1.7a": 0, "II.1.7b": 0, "II.1.7c": 0,
        "II.1.8": 1,  # nong
        "II.1.9": 0, "II.1.10": 0, "II.1.11": 0,
        "II.1.12": 2,  # tu_do, huu
    }  # fmt: skip
    assert filled.value("I") == 3
    assert filled.ok, filled.failures


def _organizations() -> list[Organization]:
    t = "t"
    return [
        Organization(t, "Đảng bộ tỉnh", OrgKind.DANG_BO_TINH),
        Organization("db1", "Đảng bộ xã An Phú", OrgKind.DANG_BO_CO_SO, t),
        Organization("cb11", "Chi bộ thôn 1", OrgKind.CHI_BO_TRUC_THUOC, "db1"),
        Organization("cb12", "Chi bộ thôn 2", OrgKind.CHI_BO_TRUC_THUOC, "db1"),
        Organization("db2", "Đảng bộ xã An Lạc", OrgKind.DANG_BO_CO_SO, t),
        Organization("cb21", "Chi bộ thôn 3", OrgKind.CHI_BO_TRUC_THUOC, "db2"),
        Organization("cs1", "Chi bộ Sở Tư pháp", OrgKind.CHI_BO_CO_SO, t),
        # Dissolved on the period's last day: not there at its end.
        Organization("cs2", "Chi bộ Hợp tác xã", OrgKind.CHI_BO_CO_SO, t,
                     dissolved_on=date(2025, 12, 31)),
        # Founded in 2025: not there at the end of 2024.
        Organization("cs3", "Chi bộ Trường THPT", OrgKind.CHI_BO_CO_SO, t,
                     founded_on=date(2025, 3, 1)),
    ]  # fmt: skip


def _admitted(id: str, org: str, on: date) -> Member:
    return attrs.evolve(_member(id, date(1995, 1, 1), on), org_id=org)


def _section_iii(filled: Any) -> dict[str, tuple[Any, Any]]:
    return {
        r.row.key: (r.this.value, r.previous.value)
        for r in filled.rows
        if r.row.key.startswith("III")
    }


def test_biểu_2_counts_the_grassroots_organizations_and_those_that_admitted() -> None:
    """Section III by hand. On 31/12/2025: đảng bộ cơ sở db1, db2; chi bộ cơ sở cs1, cs3
    (cs2 dissolved that day). db1 admitted one (in its chi bộ cb12), cs3 one on the last
    day. On 31/12/2024: db1, db2; cs1, cs2 (cs3 not founded); cs1 admitted one on the
    last day of 2024. An admission of 1/1/2026 is in neither."""
    tree = OrgTree.build(
        _organizations(),
        [
            _admitted("a", "cb12", date(2025, 5, 1)),
            _admitted("b", "cs3", date(2025, 12, 31)),
            _admitted("c", "cs1", date(2024, 12, 31)),
            _admitted("d", "cb21", date(2026, 1, 1)),
            _admitted("e", "cb21", date(2000, 1, 1)),
        ],
    )
    filled = fill_forms(tree, YEAR_2025, ["2"])[0]
    assert _section_iii(filled) == {
        "III": (4, 4),
        "III.1": (2, 2),
        "III.1a": (1, 0),
        "III.1b": (None, None),
        "III.2": (2, 2),
        "III.2a": (1, 1),
        "III.2b": (None, None),
    }
    assert (filled.value("I"), filled.rows[0].previous.value) == (2, 1)
    assert ("III.1b", "III.2b") == filled.missing[-2:]
    # One đảng bộ cơ sở: its own figures.
    alone = fill_forms(tree, YEAR_2025, ["2"], org="db1")[0]
    assert _section_iii(alone)["III.1"] == (1, 1)
    assert _section_iii(alone)["III.1a"] == (1, 0)
    assert _section_iii(alone)["III.2"] == (0, 0)


def test_biểu_2_section_iii_follows_the_admission_events() -> None:
    """Admitted into cb11 (đảng bộ db1) on 1/2/2025, moved to cs1 on 1/6/2025: the record
    names cs1, the events say db1 admitted. Without a tree, no organization is counted:
    blank, not 0."""
    tree = OrgTree.build(_organizations(), [_admitted("a", "cs1", date(2025, 2, 1))])
    events = [
        MemberEvent("a", MemberEventKind.KET_NAP, date(2025, 2, 1), org_id="cb11"),
        MemberEvent("a", MemberEventKind.CHUYEN_DI, date(2025, 6, 1), org_id="cb11",
                    other_org_id="cs1"),
        MemberEvent("a", MemberEventKind.CHUYEN_DEN, date(2025, 6, 1), org_id="cs1",
                    other_org_id="cb11"),
    ]  # fmt: skip
    by_events = _section_iii(fill_forms(tree, YEAR_2025, ["2"], events=events)[0])
    assert (by_events["III.1a"], by_events["III.2a"]) == ((1, 0), (0, 0))
    by_record = _section_iii(fill_forms(tree, YEAR_2025, ["2"])[0])
    assert (by_record["III.1a"], by_record["III.2a"]) == ((0, 0), (1, 0))
    listed = fill_forms([_admitted("a", "cs1", date(2025, 2, 1))], YEAR_2025, ["2"])[0]
    assert set(_section_iii(listed).values()) == {(None, None)}
    assert listed.value("I") == 1


def test_the_titles_as_published() -> None:
    """The titles "as best established" by the reproductions: Biểu 4's opens with
    "THỐNG KÊ", as the other numbered forms' do."""
    titles = {n: get_form(n).title for n in ("1", "2", "3", "4", "5", "6F", "7")}
    assert titles == {
        "1": "THỐNG KÊ TĂNG, GIẢM ĐẢNG VIÊN",
        "2": "THỐNG KÊ ĐẢNG VIÊN MỚI KẾT NẠP",
        "3": "THỐNG KÊ ĐỘI NGŨ ĐẢNG VIÊN",
        "4": "THỐNG KÊ ĐẢNG VIÊN CHIA THEO DÂN TỘC VÀ TRONG CÁC TÔN GIÁO",
        "5": "THỐNG KÊ TỔ CHỨC ĐẢNG VÀ ĐẢNG VIÊN TRONG CÁC LOẠI HÌNH CƠ SỞ",
        "6F": "THỐNG KÊ KẾT QUẢ KIỂM ĐIỂM TỰ PHÊ BÌNH VÀ PHÊ BÌNH",
        "7": "THỐNG KÊ VỀ NGHIỆP VỤ CÔNG TÁC ĐẢNG VIÊN",
    }


def test_biểu_5_rows_as_published() -> None:
    """Every row of Biểu 5 in order, spelled as printed: "NN" in the foreign-owned row
    is nước ngoài, and row 11 carries the asterisk of its footnote."""
    assert [r.label for r in get_form("5").rows] == [
        "1. Xã", "2. Phường", "3. Thị trấn", "4. Cơ quan Đảng, MTTQ, đoàn thể CT-XH",
        "5. Cơ quan Nhà nước", "6. Đơn vị sự nghiệp, gồm:", "a) Công lập",
        "b) Ngoài công lập", "7. Quân đội", "8. Công an", "9. Doanh nghiệp và hợp tác xã",
        "a) Doanh nghiệp có vốn Nhà nước", "- Nhà nước nắm giữ 100% vốn điều lệ",
        "- Nhà nước nắm giữ từ 50% vốn điều lệ trở lên",
        "- Nhà nước nắm giữ dưới 50% vốn điều lệ", "b) Doanh nghiệp ngoài khu vực Nhà nước",
        "- Công ty Cổ phần", "- Doanh nghiệp tư nhân", "- Công ty trách nhiệm hữu hạn",
        "- Công ty hợp danh", "- Doanh nghiệp có vốn nước ngoài",
        "Trong đó: Doanh nghiệp 100% vốn NN", "c) Hợp tác xã",
        "10. Tổ chức cơ sở đảng ở ngoài nước", "11. Loại hình cơ sở khác*",
        "Cộng (1+….+11)",
    ]  # fmt: skip


def test_the_forms_of_a_set_are_checked_against_each_other() -> None:
    """Biểu 3's I (and Biểu 4's) is Biểu 1's D; Biểu 5's Cộng column 7 is Biểu 1's D;
    Biểu 2B's I is Biểu 2's I. A member whose chi bộ was dissolved on 1/6/2025 but whose
    record was never moved is on Biểu 1's list at the end (D = 2) and Biểu 3's, but in
    no grassroots organization of Biểu 5 (1): Biểu 5 says so instead of passing."""
    xa = GrassrootsType.XA
    tree = OrgTree.build(
        [
            Organization("t", "Đảng bộ tỉnh", OrgKind.DANG_BO_TINH),
            Organization("cb", "Chi bộ xã An Phú", OrgKind.CHI_BO_CO_SO, "t",
                         grassroots_type=xa),
            Organization("cu", "Chi bộ xã An Lạc", OrgKind.CHI_BO_CO_SO, "t",
                         grassroots_type=xa, dissolved_on=date(2025, 6, 1)),
        ],
        [
            _member("a", date(1980, 1, 1), date(2000, 1, 1)),
            attrs.evolve(_member("b", date(1980, 1, 1), date(2000, 1, 1)), org_id="cu"),
        ],
    )  # fmt: skip
    filled = {f.form.number: f for f in fill_forms(tree, YEAR_2025)}
    assert filled["1"].value("D") == 2
    assert filled["3"].value("I") == 2
    assert [c.value for c in filled["5"].rows[-1].cells] == [1, 0, 1, 0, 0, 1]
    assert filled["5"].failures == ("T (cột 7) = Biểu 1 dòng D: 1 và 2",)
    assert filled["3"].ok
    assert filled["4"].ok
    # Alone, Biểu 5 has nothing to be checked against.
    assert fill_forms(tree, YEAR_2025, ["5"])[0].ok


def test_a_form_that_disagrees_with_biểu_1_fails_on_both_columns() -> None:
    """Counts typed in by hand: Biểu 3 with 3 members where Biểu 1 ends with 2 (and 1
    where it ended last year with 2); Biểu 2B listing 1 new member of Biểu 2's 2."""
    from coso_dang.forms._fill import checked_together

    zero = dict.fromkeys(known_codes(), 0)
    this = dict(zero, dang_vien_cuoi_ky=2, dang_vien_dau_ky=2, dang_vien=3,
                dang_vien_nghe_nghiep_khac=3, dang_vien_tuoi_18_30=3,
                dang_vien_thoi_ky_tu_1975=3, ket_nap=2, ket_nap_dan_toc_kinh=1,
                ket_nap_nghe_nghiep_khac=2, ket_nap_tuoi_18_30=2)  # fmt: skip
    before = dict(zero, dang_vien_cuoi_ky=2, dang_vien_dau_ky=2, dang_vien=1,
                  dang_vien_nghe_nghiep_khac=1, dang_vien_tuoi_18_30=1,
                  dang_vien_thoi_ky_tu_1975=1)  # fmt: skip
    forms = [
        fill(get_form(n), this, before, org_name="", period=YEAR_2025)
        for n in ("1", "2", "2B", "3")
    ]
    assert all(f.ok for f in forms)
    together = {f.form.number: f for f in checked_together(forms)}
    assert together["3"].failures == (
        "I = Biểu 1 dòng D: 3 và 2",
        "cùng kỳ năm trước: I = Biểu 1 dòng D: 1 và 2",
    )
    assert together["2B"].failures == ("I = Biểu 2 dòng I: 1 và 2",)
    assert together["1"].ok
    assert together["2"].ok


def _5() -> Any:
    zero = dict.fromkeys(known_codes(), 0)
    return fill(get_form("5"), zero, zero, org_name="Đảng bộ tỉnh", period=YEAR_2025)


def test_biểu_5_workbook_headers_as_published(tmp_path: Path) -> None:
    """Số tổ chức cơ sở đảng → Tổng số, and → Chia ra → Đảng bộ cơ sở, Chi bộ cơ sở; Tổ
    chức đảng trực thuộc Đảng bộ cơ sở → Chia ra → Đảng bộ bộ phận, Chi bộ trực thuộc:
    three header lines, then the column numbers, then the rows."""
    openpyxl = pytest.importorskip("openpyxl")
    sheet = openpyxl.load_workbook(write_xlsx([_5()], tmp_path / "5.xlsx", reporter="X"))["Biểu 5"]
    lines = [[sheet.cell(r, c).value for c in range(1, 8)] for r in range(7, 12)]
    assert lines == [
        ["Loại hình tổ chức cơ sở đảng", "Số tổ chức cơ sở đảng", None, None,
         "Tổ chức đảng trực thuộc Đảng bộ cơ sở", None, "Tổng số đảng viên"],
        [None, "Tổng số", "Chia ra", None, "Chia ra", None, None],
        [None, None, "Đảng bộ cơ sở", "Chi bộ cơ sở", "Đảng bộ bộ phận", "Chi bộ trực thuộc",
         None],
        ["1", "2(=3+4)", "3", "4", "5", "6", "7"],
        ["1. Xã", 0, 0, 0, 0, 0, 0],
    ]  # fmt: skip
    assert {str(r) for r in sheet.merged_cells.ranges} >= {
        "A7:A9", "B7:D7", "E7:F7", "G7:G9", "B8:B9", "C8:D8", "E8:F8",
    }  # fmt: skip


def test_biểu_5_page_headers_as_published() -> None:
    page = render_html(_5())
    assert (
        '<tr><th rowspan="3">Loại hình tổ chức cơ sở đảng</th>'
        '<th colspan="3">Số tổ chức cơ sở đảng</th>'
        '<th colspan="2">Tổ chức đảng trực thuộc Đảng bộ cơ sở</th>'
        '<th rowspan="3">Tổng số đảng viên</th></tr>'
        '<tr><th rowspan="2">Tổng số</th><th colspan="2">Chia ra</th>'
        '<th colspan="2">Chia ra</th></tr>'
        "<tr><th>Đảng bộ cơ sở</th><th>Chi bộ cơ sở</th><th>Đảng bộ bộ phận</th>"
        "<th>Chi bộ trực thuộc</th></tr>"
    ) in page


_PERCENT = "(%) kỳ này so với cùng kỳ năm trước"


def test_the_comparison_forms_head_their_percentage_as_published(tmp_path: Path) -> None:
    """Layout K (Biểu 1, 2, 3, 7): "Tiêu chí"; "Thực hiện" over "Kỳ này" and "Cùng kỳ năm
    trước"; "(%) kỳ này so với cùng kỳ năm trước", numbered "4(=2*100/3)"."""
    openpyxl = pytest.importorskip("openpyxl")
    zero = dict.fromkeys(known_codes(), 0)
    filled = [
        fill(get_form(n), zero, zero, org_name="", period=YEAR_2025) for n in ("1", "2", "3", "7")
    ]
    book = openpyxl.load_workbook(write_xlsx(filled, tmp_path / "k.xlsx", reporter="X"))
    for sheet in book.worksheets:
        header = [[sheet.cell(r, c).value for c in range(1, 5)] for r in (7, 8, 9)]
        assert header == [
            ["Tiêu chí", "Thực hiện", None, _PERCENT],
            [None, "Kỳ này", "Cùng kỳ năm trước", None],
            ["1", "2", "3", "4(=2*100/3)"],
        ], sheet.title
    assert render_html(filled).count(f'<th rowspan="2">{_PERCENT}</th>') == 4


def test_biểu_7_chia_ra_rows_add_up_to_their_row() -> None:
    """Biểu 7: "The 'chia ra' sub-rows sum to their parent", the awards' too (blank while
    the library has no award records, checked once a description fills them)."""
    declared = {str(identity) for identity in get_form("7").identities}
    assert {
        "I.1a = I.1a.1 + I.1a.2",
        "I.1b = I.1b.1 + I.1b.2 + I.1b.3",
        "I.1c = I.1c.1 + I.1c.2",
        "I.1d = I.1d.1 + I.1d.2",
        "I.2 = I.2.1 + I.2.2",
        "IV.1 = IV.1a + IV.1b",
        "IV.2 = IV.2a + IV.2b",
    } <= declared


def test_the_title_line_names_the_year_as_published(tmp_path: Path) -> None:
    """ "THỐNG KÊ TĂNG, GIẢM ĐẢNG VIÊN .....NĂM 20…": an annual return's title line ends
    with its year, in the form's own case ("Năm 20…" on Biểu 5, 6F and 7); a window that
    is not a calendar year leaves the title alone (the line below gives the window)."""
    openpyxl = pytest.importorskip("openpyxl")
    zero = dict.fromkeys(known_codes(), 0)
    wanted = {
        "1": "THỐNG KÊ TĂNG, GIẢM ĐẢNG VIÊN NĂM 2025",
        "2": "THỐNG KÊ ĐẢNG VIÊN MỚI KẾT NẠP NĂM 2025",
        "3": "THỐNG KÊ ĐỘI NGŨ ĐẢNG VIÊN NĂM 2025",
        "5": "THỐNG KÊ TỔ CHỨC ĐẢNG VÀ ĐẢNG VIÊN TRONG CÁC LOẠI HÌNH CƠ SỞ Năm 2025",
        "6F": "THỐNG KÊ KẾT QUẢ KIỂM ĐIỂM TỰ PHÊ BÌNH VÀ PHÊ BÌNH Năm 2025",
        "7": "THỐNG KÊ VỀ NGHIỆP VỤ CÔNG TÁC ĐẢNG VIÊN Năm 2025",
    }
    filled = [fill(get_form(n), zero, zero, org_name="", period=YEAR_2025) for n in wanted]
    book = openpyxl.load_workbook(write_xlsx(filled, tmp_path / "t.xlsx", reporter="X"))
    assert {n: book[f"Biểu {n}"]["A4"].value for n in wanted} == wanted
    assert book["Biểu 1"]["A5"].value == "Từ 01/01/2025 đến 31/12/2025"
    page = render_html(filled)
    assert all(f"<h2>{title}</h2>" in page for title in wanted.values())
    half = fill(get_form("1"), zero, zero, org_name="", period=Period.half(2025, 1))
    assert "<h2>THỐNG KÊ TĂNG, GIẢM ĐẢNG VIÊN</h2>" in render_html(half)


def test_the_2012_comparison_forms_head_their_percentage_as_published() -> None:
    """Biểu 1–3-TCTW (2012): "CHỈ TIÊU"; "THỰC HIỆN" over "Kỳ này" and "Cùng kỳ năm trước";
    "(%) kỳ này so với cùng kỳ năm trước", numbered "4 = 2:3"."""
    for number in ("1", "2", "3"):
        columns = [(c.label, c.group, c.number) for c in get_form(number, "2012").columns]
        assert columns == [
            ("CHỈ TIÊU", None, None),
            ("Kỳ này", "THỰC HIỆN", None),
            ("Cùng kỳ năm trước", "THỰC HIỆN", None),
            (_PERCENT, None, "4 = 2:3"),
        ], number


def test_the_2012_biểu_3_sections_in_the_printed_order() -> None:
    """Biểu 3-TCTW (2012) as reproduced: age, era of admission, then "Đảng viên có đủ"
    30…90 years in the Party, then schooling, qualification, title, political theory."""
    form = get_form("3", "2012")
    sections = [r.label for r in form.rows if r.level == 1 and r.heading]
    assert sections == [
        "1. Tuổi đời",
        "2. Thời gian kết nạp vào Đảng",
        "3. Đảng viên có đủ số năm tuổi Đảng",
        "4. Trình độ học vấn phổ thông",
        "5. Trình độ chuyên môn nghiệp vụ",
        "6. Chức danh khoa học",
        "7. Trình độ lý luận chính trị",
    ]
    keys = [r.key for r in form.rows]
    assert keys.index("II.7.90") + 1 == keys.index("II.3")


def test_the_2012_forms_print_their_number_as_reproduced() -> None:
    """The 2012 set prints "Biểu số N - TCTW" (spaced), the 2021 set "Biểu số N-BTCTW"."""
    assert [f.name for f in forms("2012")] == [
        "Biểu số 1 - TCTW", "Biểu số 2 - TCTW", "Biểu số 3 - TCTW", "Biểu số 4 - TCTW",
    ]  # fmt: skip
    assert get_form("2B").name == "Biểu số 2B-BTCTW"


def test_the_2012_title_lines_and_groups_as_reproduced(tmp_path: Path) -> None:
    """The 2012 forms head their title "BÁO CÁO" (Biểu 2, 3 and 4 printed the subject
    alone), Biểu 4 ends it "Có đến 31/12/20…", not "Năm", and its groups are numbered in
    the TT column only: "I | Đảng viên chia theo dân tộc", not "I | I. Đảng viên…"."""
    openpyxl = pytest.importorskip("openpyxl")
    zero = dict.fromkeys(known_codes(), 0)
    year = Period(date(2020, 1, 1), date(2020, 12, 31))
    filled = [fill(form, zero, zero, org_name="", period=year) for form in forms("2012")]
    assert [f.heading for f in filled] == [
        "BÁO CÁO TĂNG GIẢM ĐẢNG VIÊN Năm 2020",
        "BÁO CÁO ĐẢNG VIÊN MỚI KẾT NẠP Năm 2020",
        "BÁO CÁO ĐỘI NGŨ ĐẢNG VIÊN Năm 2020",
        "BÁO CÁO ĐẢNG VIÊN CHIA THEO DÂN TỘC VÀ TRONG CÁC TÔN GIÁO Có đến 31/12/2020",
    ]
    sheet = openpyxl.load_workbook(write_xlsx(filled[3:], tmp_path / "b.xlsx", reporter="X"))[
        "Biểu 4"
    ]
    names = {sheet.cell(r, 1).value: sheet.cell(r, 2).value for r in range(10, 75)}
    assert (names["I"], names["II"]) == (
        "Đảng viên chia theo dân tộc",
        "Đảng viên trong các tôn giáo",
    )
    assert "<td>I</td><td" in render_html(filled[3])
    assert "I. Đảng viên" not in render_html(filled[3])


def test_each_set_signs_as_its_forms_are_printed(tmp_path: Path) -> None:
    """The 2021 forms end with "NGƯỜI LẬP BIỂU" (with the note asking for phone numbers)
    and "TRƯỞNG BAN"; the 2012 forms with "Người lập biểu" and, under the date line,
    "BAN TỔ CHỨC……" — they were signed with the 2021 blocks."""
    openpyxl = pytest.importorskip("openpyxl")
    zero = dict.fromkeys(known_codes(), 0)
    old = fill(get_form("3", "2012"), zero, zero, org_name="", period=YEAR_2025)
    new = fill(get_form("3"), zero, zero, org_name="", period=YEAR_2025)
    book = openpyxl.load_workbook(write_xlsx([old, new], tmp_path / "k.xlsx", reporter="X"))

    def texts(sheet: Any) -> list[str]:
        return [c.value for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]

    old_texts, new_texts = texts(book["Biểu 3"]), texts(book["Biểu 3 (2)"])
    assert ["Người lập biểu", "BAN TỔ CHỨC……"] == [
        t for t in old_texts if t in ("Người lập biểu", "BAN TỔ CHỨC……")
    ]
    assert not {"NGƯỜI LẬP BIỂU", "TRƯỞNG BAN"} & set(old_texts)
    assert {"NGƯỜI LẬP BIỂU", "TRƯỞNG BAN", "(Ký, đóng dấu, ghi rõ họ và tên)"} <= set(new_texts)
    old_page, new_page = render_html(old), render_html(new)
    assert (
        '<div class="ky-ten"><div><b>Người lập biểu</b></div><div><b>BAN TỔ CHỨC……</b></div>'
        in old_page
    )
    assert "TRƯỞNG BAN" not in old_page
    assert "<div><b>TRƯỞNG BAN</b><br><i>(Ký, đóng dấu, ghi rõ họ và tên)</i></div>" in new_page


def test_the_2012_header_says_who_reports_when_and_the_unit(tmp_path: Path) -> None:
    """Under "Biểu số N - TCTW" the 2012 forms print who reports ("- Đơn vị báo cáo: BTC
    Huyện uỷ …") and when ("- Thời gian báo cáo: … sau 20 ngày; … sau 30 ngày"), and
    "Đvt: Người" above the table; the 2021 forms print neither. They were left out."""
    openpyxl = pytest.importorskip("openpyxl")
    zero = dict.fromkeys(known_codes(), 0)
    filled = [
        fill(get_form(number, version), zero, zero, org_name="", period=YEAR_2025)
        for number, version in (("1", "2012"), ("4", "2012"), ("1", "2021"))
    ]
    book = openpyxl.load_workbook(write_xlsx(filled, tmp_path / "h.xlsx", reporter="X"))
    reports = "- Đơn vị báo cáo: BTC Huyện uỷ (và tương đương); BTC Tỉnh uỷ (và tương đương)."
    when = (
        "- Thời gian báo cáo: Sau khi kết thúc kỳ báo cáo: Huyện báo cáo tỉnh: sau 20 ngày;"
        " Tỉnh báo cáo Trung ương: sau 30 ngày."
    )
    for name, last in (("Biểu 1", "D"), ("Biểu 4", "D")):
        sheet = book[name]
        assert [sheet[f"{last}{line}"].value for line in (1, 2, 3, 6)] == [
            f"Biểu số {name[-1]} - TCTW",
            reports,
            when,
            "Đvt: Người",
        ]
        assert sheet["A2"].value == "BAN TỔ CHỨC"
    newer = book["Biểu 1 (2)"]
    assert [newer[f"D{line}"].value for line in (1, 2, 3, 6)] == [
        "Biểu số 1-BTCTW",
        None,
        None,
        None,
    ]
    old_page, new_page = render_html(filled[0]), render_html(filled[2])
    assert reports in old_page
    assert '<p class="dvt">Đvt: Người</p>' in old_page
    assert "Đvt" not in new_page
    assert "Đơn vị báo cáo" not in new_page
    # Two lines fit under the number, above the title: a third is refused.
    described = {
        "number": "9", "title": "T", "version": "2025", "document": "01-HD/TU", "layout": "K",
        "columns": [], "rows": [], "header_notes": ["a", "b", "c"],
    }  # fmt: skip
    with pytest.raises(FormError, match="header_notes: nhiều nhất hai dòng"):
        Form.from_mapping(described)
    # A block given as one text, not its lines, is refused, not read letter by letter.
    with pytest.raises(FormError, match="footer_left: cần một danh sách các dòng chữ"):
        Form.from_mapping({**described, "header_notes": [], "footer_left": "Người lập biểu"})
    with pytest.raises(FormError, match="notes: cần một danh sách các dòng chữ"):
        Form.from_mapping({**described, "header_notes": [], "notes": "Một ghi chú"})


def test_a_chi_bộ_inside_a_grassroots_organization_is_not_checked_against_biểu_5() -> None:
    """A chi bộ trực thuộc holds no grassroots organization: its Biểu 5 is empty while its
    Biểu 1 ends with its members. Biểu 5's check against Biểu 1 applies to an
    organization at or above the grassroots, not inside one; the other checks still do."""
    typed = OrgTree.build(
        [
            Organization("t", "Đảng bộ tỉnh", OrgKind.DANG_BO_TINH),
            Organization("db", "Đảng bộ xã An Phú", OrgKind.DANG_BO_CO_SO, "t",
                         grassroots_type=GrassrootsType.XA),
            Organization("ct", "Chi bộ thôn 1", OrgKind.CHI_BO_TRUC_THUOC, "db"),
        ],
        [attrs.evolve(_member("a", date(1980, 1, 1), date(2000, 1, 1)), org_id="ct")],
    )  # fmt: skip
    inside = {f.form.number: f for f in fill_forms(typed, YEAR_2025, ["1", "3", "5"], org="ct")}
    assert inside["1"].value("D") == 1
    assert inside["5"].rows[-1].cells[-1].value == 0
    assert all(f.ok for f in inside.values())
    above = {f.form.number: f for f in fill_forms(typed, YEAR_2025, ["1", "5"], org="db")}
    assert above["5"].rows[-1].cells[-1].value == 1
    assert above["5"].ok


def test_the_list_forms_number_their_groups_in_the_tt_column(tmp_path: Path) -> None:
    """Biểu 2B and 4 print TT | Tên dân tộc, tôn giáo: "I | Đảng viên chia theo dân tộc",
    "1 | Kinh", …, "II | Đảng viên chia theo tôn giáo", "1 | Phật giáo" — the group's
    number in its TT cell, not again in its name."""
    openpyxl = pytest.importorskip("openpyxl")
    zero = dict.fromkeys(known_codes(), 0)
    filled = [fill(get_form(n), zero, zero, org_name="", period=YEAR_2025) for n in ("2B", "4")]
    book = openpyxl.load_workbook(write_xlsx(filled, tmp_path / "l.xlsx", reporter="X"))
    for sheet in book.worksheets:
        names = {sheet.cell(r, 1).value: sheet.cell(r, 2).value for r in range(10, 75)}
        assert names["I"] == "Đảng viên chia theo dân tộc", sheet.title
        assert names["II"] == "Đảng viên chia theo tôn giáo", sheet.title
        assert (sheet.cell(11, 1).value, sheet.cell(11, 2).value) == ("1", "Kinh")
        assert (sheet.cell(66, 1).value, sheet.cell(66, 2).value) == (
            "56",
            "Quốc tịch gốc nước ngoài",
        )
    page = render_html(filled)
    assert (
        page.count('<td>I</td><td style="padding-left:0.3em">Đảng viên chia theo dân tộc</td>') == 2
    )
