"""The forms against their published layout: each row list adds up as the form says,
the rows and columns are printed as the reproductions print them."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from coso_dang import Gender, Member, Organization, OrgKind, OrgTree
from coso_dang.attributes import Ethnicity, GeneralEducation, Occupation, Religion
from coso_dang.forms import (
    Period,
    fill,
    fill_forms,
    get_form,
    known_codes,
    render_html,
    write_xlsx,
)

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
    )
    filled = {f.form.number: f for f in fill_forms(tree, YEAR_2025, ["2", "3"])}
    assert filled["2"].value("I") == 2
    assert filled["3"].value("I") == 2
    assert filled["3"].value("II.2.2") == 1  # 31 on 31/12/2025
    for number in ("2", "3"):
        assert f"{_AGE_ROWS} = I: 1 và 2" in filled[number].failures, number


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
