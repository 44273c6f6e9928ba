"""A header over two rows, as forms lay out a list of members.

Columns grouped under one cell merged across them («Ngày vào Đảng» over «Dự bị» and
«Chính thức») are named in the row below; the other header cells are merged down over
both rows. The second row was read as a row of data (four errors on a row that is no
member) and the grouped columns but the first as unnamed (their data not read).
"""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coso_dang.io import LoadResult, load, load_frames
from coso_dang.members import Education, PoliticalTheory

openpyxl = pytest.importorskip("openpyxl")

_LAYOUTS = ["xlsx", "csv", "csv;"]


def _write(folder: Path, layout: str, rows: list[list[Any]], merges: tuple[str, ...] = ()) -> Path:
    """The *rows* as a workbook (with the *merges*) or a CSV file, as Excel saves them."""
    if layout == "xlsx":
        workbook = openpyxl.Workbook()
        sheet = workbook.active
        sheet.title = "Đảng viên"
        for row in rows:
            sheet.append(row)
        for cells in merges:
            sheet.merge_cells(cells)
        path = folder / "ds.xlsx"
        workbook.save(path)
        return path
    width = max(len(row) for row in rows)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";" if layout == "csv;" else ",", lineterminator="\r\n")
    for row in rows:
        texts = [
            "" if c is None else c.strftime("%d/%m/%Y") if isinstance(c, date) else str(c)
            for c in row
        ]
        writer.writerow(texts + [""] * (width - len(row)))
    (folder / "d").mkdir()
    path = folder / "d" / "members.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8-sig", newline="")
    return path.parent


def _load(path: Path) -> LoadResult:
    """Load *path*; a CSV folder is read alike by the columnar loader."""
    result = load(path, progress=False)
    if path.is_dir():
        assert load_frames(path, progress=False).problems == result.problems
    return result


_FORM: list[list[Any]] = [
    ["DANH SÁCH ĐẢNG VIÊN"],
    ["STT", "Mã", "Họ và tên", "Chi bộ", "Ngày vào Đảng", None],
    [None, None, None, None, "Dự bị", "Chính thức"],
    [1, "dv1", "Nguyễn Văn An", "cb1", date(1990, 3, 5), date(1991, 3, 5)],
    [2, "dv2", "Lê Thị Hoa", "cb1", date(2023, 6, 1), None],
]
_FORM_MERGES = ("A1:F1", "A2:A3", "B2:B3", "C2:C3", "D2:D3", "E2:F2")


@pytest.mark.parametrize("layout", _LAYOUTS)
def test_a_group_of_columns_named_in_the_second_row(tmp_path: Path, layout: str) -> None:
    result = _load(_write(tmp_path, layout, _FORM, _FORM_MERGES))
    members = result.dataset.members
    assert [(m.id, m.admitted_on, m.official_on) for m in members] == [
        ("dv1", date(1990, 3, 5), date(1991, 3, 5)),
        ("dv2", date(2023, 6, 1), None),
    ]
    assert result.errors == ()
    (title,) = result.warnings  # the title above, nothing of the header
    assert title.row == 1


@pytest.mark.parametrize("layout", _LAYOUTS)
def test_a_name_in_the_second_row_known_with_its_group_or_alone(
    tmp_path: Path, layout: str
) -> None:
    rows: list[list[Any]] = [
        ["Mã", "Họ và tên", "Chi bộ", "Ngày vào Đảng", "Trình độ", None, "Lý lịch", None],
        [None, None, None, None, "Chuyên môn", "Lý luận chính trị", "Ngày sinh", "Quê quán"],
        ["dv1", "Nguyễn Văn An", "cb1", date(2010, 3, 5), "Đại học", "Cao cấp"],
    ]
    rows[2] += [date(1980, 1, 2), "Hà Nam"]
    result = _load(_write(tmp_path, layout, rows, ("A1:A2", "E1:F1", "G1:H1")))
    (member,) = result.dataset.members
    assert (member.education, member.political_theory) == (
        Education.DAI_HOC,
        PoliticalTheory.CAO_CAP,
    )
    assert member.birth_date == date(1980, 1, 2)
    # A column neither way known is named by both rows, and not read.
    (unknown,) = result.warnings
    assert (unknown.row, unknown.column) == (1, "Lý lịch Quê quán")
    assert result.errors == ()


@pytest.mark.parametrize("layout", _LAYOUTS)
def test_a_split_column_is_never_read_as_its_group(tmp_path: Path, layout: str) -> None:
    """«Họ và tên» over «Họ» and «Tên»: the first column holds no full name."""
    rows: list[list[Any]] = [
        ["Mã", "Họ và tên", None, "Chi bộ", "Ngày vào Đảng"],
        [None, "Họ", "Tên", None, None],
        ["dv1", "Nguyễn Văn", "An", "cb1", date(2010, 3, 5)],
    ]
    result = _load(_write(tmp_path, layout, rows, ("B1:C1",)))
    assert result.dataset.members == ()
    assert "Họ và tên" in {p.column for p in result.errors}
    assert {p.column for p in result.warnings} == {"Họ và tên Họ", "Họ và tên Tên"}


@pytest.mark.parametrize("layout", _LAYOUTS)
def test_a_first_row_of_data_stays_data(tmp_path: Path, layout: str) -> None:
    """A row under a header ending in an unnamed column: it fills columns of their own."""
    rows: list[list[Any]] = [
        ["Mã", "Họ và tên", "Chi bộ", "Ngày vào Đảng", None],
        ["dv1", "Nguyễn Văn An", "cb1", date(2010, 3, 5), "ghi chú"],
        ["dv2", "Lê Thị Hoa", "cb1", date(2011, 3, 5), None],
    ]
    result = _load(_write(tmp_path, layout, rows))
    assert [m.id for m in result.dataset.members] == ["dv1", "dv2"]
    (unnamed,) = result.errors
    assert (unnamed.row, unnamed.column) == (1, "cột 5")


@pytest.mark.parametrize("layout", _LAYOUTS)
def test_the_row_numbering_the_columns_under_two_rows(tmp_path: Path, layout: str) -> None:
    rows: list[list[Any]] = [
        ["Mã", "Họ và tên", "Chi bộ", "Ngày vào Đảng", None],
        [None, None, None, "Dự bị", "Chính thức"],
        ["(1)", "(2)", "(3)", "(4)", "(5)"],
        ["dv1", "Nguyễn Văn An", "cb1", date(2010, 3, 5), date(2011, 3, 5)],
    ]
    result = _load(_write(tmp_path, layout, rows, ("D1:E1",)))
    assert [m.official_on for m in result.dataset.members] == [date(2011, 3, 5)]
    (numbering,) = result.warnings
    assert numbering.row == 3
    assert result.errors == ()


_COLUMNS: list[tuple[str, Any]] = [
    ("Mã", "dv1"),
    ("Họ và tên", "Nguyễn Văn An"),
    ("Chi bộ", "cb1"),
    ("Giới tính", "Nam"),
    ("Ngày sinh", date(1980, 1, 2)),
    ("Đang công tác", "x"),
]


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    order=st.permutations(range(len(_COLUMNS) + 1)),
    layout=st.sampled_from(_LAYOUTS),
    title=st.booleans(),
)
def test_two_rows_read_as_one(
    tmp_path_factory: pytest.TempPathFactory, order: list[int], layout: str, title: bool
) -> None:
    """Columns in any order, the group anywhere among them, a title or none: the same
    records and problems as the header in one row."""
    one: list[list[Any]] = [[], []]
    two: list[list[Any]] = [[], [], []]
    merges = []
    for at in order:
        if at == len(_COLUMNS):  # the group
            one[0] += ["Ngày vào Đảng", "Ngày chính thức"]
            two[0] += ["Ngày vào Đảng", None]
            two[1] += ["Dự bị", "Chính thức"]
            cells: list[Any] = [date(2010, 3, 5), date(2011, 3, 5)]
        else:
            header, value = _COLUMNS[at]
            one[0].append(header)
            two[0].append(header)
            two[1].append(None)
            cells = [value]
        one[1] += cells
        two[2] += cells
    if title:
        one.insert(0, ["DANH SÁCH"])
        two.insert(0, ["DANH SÁCH"])
    top = 2 if title else 1
    column = chr(ord("A") + two[top - 1].index("Ngày vào Đảng"))
    merges.append(f"{column}{top}:{chr(ord(column) + 1)}{top}")
    expected = _load(_write(tmp_path_factory.mktemp("one"), layout, one))
    got = _load(_write(tmp_path_factory.mktemp("two"), layout, two, tuple(merges)))
    assert got.dataset == expected.dataset
    assert got.errors == expected.errors == ()
    assert [p.row for p in got.warnings] == [p.row for p in expected.warnings]
