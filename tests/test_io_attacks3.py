"""Defects a third outside attack on the loaders and the command line found: one test each.

docs/bad-input.md lists every class with its test.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from coso_dang.cli import main
from coso_dang.io import Severity, load

ORGS = (
    "Mã,Tên,Loại tổ chức,Mã cấp trên\n"
    "xa,Đảng bộ xã Tân Lập,Đảng bộ cơ sở,\n"
    "cb1,Chi bộ thôn 1,Chi bộ trực thuộc,xa\n"
)
HEADER = [
    "Mã",
    "Họ và tên",
    "Chi bộ",
    "Ngày vào Đảng",
    "Ngày sinh",
    "Dân tộc",
    "Số định danh cá nhân",
    "Số điện thoại",
    "Địa chỉ",
]
PERSONAL = ["14/07/1985", "Kinhhh", "0123456789012", "0912345678", "Ngõ Bí Mật"]
DATA = ["dv0", "Nguyễn Văn Bé", "cb1", "02/03/2010", *PERSONAL]
ROW = "dv1,Nguyễn Văn An,cb1,02/03/2010" + "," * (len(HEADER) - 4) + "\n"


def _folder(tmp_path: Path, members: str) -> Path:
    (tmp_path / "to_chuc.csv").write_text(ORGS, encoding="utf-8")
    (tmp_path / "dang_vien.csv").write_text(members, encoding="utf-8")
    return tmp_path


def _shown(result_problems: object) -> str:
    problems = list(result_problems)  # type: ignore[call-overload]
    return "\n".join(f"{p}\n{p.text('en')}\n{p!r}" for p in problems)


class TestRowsAboveTheHeader:
    """A row of data above the header was quoted whole as a title (birth date, identity
    number, phone, address) and skipped with a warning only."""

    def test_csv(self, tmp_path: Path) -> None:
        text = ",".join(DATA) + "\n" + ",".join(HEADER) + "\n" + ROW
        result = load(_folder(tmp_path, text), progress=False)
        shown = _shown(result.problems)
        assert not [value for value in PERSONAL if value in shown]
        assert [m.id for m in result.dataset.members] == ["dv1"]
        (error,) = result.errors
        assert error.row == 1
        assert "dv0" in str(error)

    def test_xlsx(self, tmp_path: Path) -> None:
        book = Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.title = "Đảng viên"
        for row in (DATA, HEADER, ["dv1", "Nguyễn Văn An", "cb1", "02/03/2010"]):
            sheet.append(row)
        book.save(tmp_path / "dv.xlsx")
        result = load(tmp_path / "dv.xlsx", progress=False)
        assert not [value for value in PERSONAL if value in _shown(result.problems)]
        assert [m.id for m in result.dataset.members] == ["dv1"]
        assert [p.row for p in result.errors] == [1]

    def test_a_title_stays_a_warning(self, tmp_path: Path) -> None:
        text = "DANH SÁCH ĐẢNG VIÊN,,,,\n" + ",".join(HEADER) + "\n" + ROW
        result = load(_folder(tmp_path, text), progress=False)
        (problem,) = result.problems
        assert problem.severity is Severity.WARNING
        assert "DANH SÁCH ĐẢNG VIÊN" in str(problem)


class TestTableWithoutHeader:
    """A table without its header row took its first row of data as column names, each
    quoted in a warning: "cột «0123456789012»: cột không được nhận ra"."""

    def test_first_row_not_quoted(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        folder = _folder(tmp_path, ",".join(DATA) + "\n")
        result = load(folder, progress=False)
        assert not [value for value in PERSONAL if value in _shown(result.problems)]
        assert not result.ok
        assert main(["validate", str(folder), "--locale", "en"]) == 2
        out = capsys.readouterr()
        assert not [value for value in PERSONAL if value in out.out + out.err]

    def test_a_misspelt_column_is_still_named(self, tmp_path: Path) -> None:
        text = "Mã,Họ và tên,Chi bộ,Ngày vào Đảng,Ghi chú\ndv1,Nguyễn Văn An,cb1,02/03/2010,x\n"
        result = load(_folder(tmp_path, text), progress=False)
        assert [p.column for p in result.problems] == ["Ghi chú"]


class TestParquetDatesBeyondTheCalendar:
    """A Parquet date or timestamp beyond the years 1 to 9999 has no Python date: polars
    raised ValueError ("year 10000 is out of range"), or panicked far out."""

    @pytest.mark.parametrize("loader", ["load", "load_frames"])
    def test_row_is_a_problem(self, tmp_path: Path, loader: str) -> None:
        pa = pytest.importorskip("pyarrow")
        pq = pytest.importorskip("pyarrow.parquet")
        import coso_dang.io

        days = [-800_000_000, -719_163, 2_932_897, 14_670]  # the last one is 2010-03-02
        members = pa.table(
            {
                "id": ["dv1", "dv2", "dv3", "dv4"],
                "full_name": ["A", "B", "C", "D"],
                "org_id": ["cb1"] * 4,
                "admitted_on": pa.array(days, pa.date32()),
                "birth_date": pa.array([None, None, None, 2**62], pa.timestamp("ms", "UTC")),
            }
        )
        pq.write_table(members, tmp_path / "members.parquet")
        result = getattr(coso_dang.io, loader)(tmp_path, progress=False)
        assert sorted((p.row, p.column) for p in result.problems) == [
            (2, "admitted_on"),
            (3, "admitted_on"),
            (4, "admitted_on"),
            (5, "birth_date"),
        ]
        assert "…" in str(result.problems[-1])  # a birth date stays personal
