"""The loaders and the command line on unusual or hostile input: one test for each class.

docs/bad-input.md lists every class with its test.
"""

from __future__ import annotations

import os
import stat
import unicodedata
import zipfile
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook
from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900

from coso_dang.cli import main
from coso_dang.io import REDACTED, LoadError, Severity, load

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

    def test_a_title_not_in_utf8_is_printable(self, tmp_path: Path) -> None:
        """A title line under the first holding bytes that are not UTF-8 (the first line
        is checked alone): the title was quoted with lone surrogates ("\\udcff"), and
        the problem could not be printed (UnicodeEncodeError), in both loaders."""
        pytest.importorskip("polars")
        from coso_dang.io import load_frames

        folder = tmp_path / "data"
        folder.mkdir()
        (folder / "dang_vien.csv").write_bytes(
            b"DANH SACH\r\nChi bo \xff\xfe thon\r\n"
            + (",".join(HEADER) + "\r\n" + ROW).encode("utf-8")
        )
        for loaded in (load(folder, progress=False), load_frames(folder, progress=False)):
            assert [p.row for p in loaded.problems] == [1, 2]
            shown = str(loaded.problems[1]).encode("utf-8").decode()
            assert "«Chi bo \\udcff\\udcfe thon»" in shown


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


_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _workbook(
    path: Path,
    cells: str,
    *,
    target: str = "worksheets/sheet1.xml",
    columns: tuple[str, ...] = (),
) -> Path:
    """A workbook of one «Đảng viên» sheet: the header, then row 2 of *cells* (XML)."""
    header = "".join(
        f'<c r="{chr(65 + i)}1" t="inlineStr"><is><t>{name}</t></is></c>'
        for i, name in enumerate([*HEADER, *columns])
    )
    rows = f'<row r="1">{header}</row><row r="2">{cells}</row>'
    sheet = f"<worksheet {_NS}><sheetData>{rows}</sheetData></worksheet>"
    with zipfile.ZipFile(path, "w") as book:
        book.writestr(
            "_rels/.rels",
            f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>",
        )
        book.writestr(
            "xl/workbook.xml",
            f'<workbook {_NS} xmlns:r="{_REL}"><sheets>'
            '<sheet name="Đảng viên" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        book.writestr(
            "xl/_rels/workbook.xml.rels",
            f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{_REL}/worksheet" Target="{target}"/>'
            "</Relationships>",
        )
        book.writestr("xl/worksheets/sheet1.xml", sheet)
    return path


_ROW2 = "".join(
    f'<c r="{ref}2" t="inlineStr"><is><t>{text}</t></is></c>'
    for ref, text in zip("ABCD", ["dv1", "Nguyễn Văn An", "cb1", "02/03/2010"], strict=True)
)


class TestWorkbookCells:
    def test_error_cell_in_a_personal_column(self, tmp_path: Path) -> None:
        """The text of an error cell (type e) was quoted in the reason, so a crafted
        file's identity number or birth date was shown whatever the column."""
        cells = (
            _ROW2 + '<c r="E2" t="e"><v>14/07/1985</v></c><c r="G2" t="e"><v>0123456789012</v></c>'
            '<c r="H2" t="0912345678"><v>1</v></c><c r="F2" t="e"><v>#N/A</v></c>'
        )
        result = load(_workbook(tmp_path / "dv.xlsx", cells), progress=False)
        assert not [value for value in PERSONAL if value in _shown(result.problems)]
        assert [p.row for p in result.errors] == [2] * 4
        assert "#N/A" in _shown(result.problems)  # Excel's own error values are named

    def test_boolean_cell_neither_true_nor_false(self, tmp_path: Path) -> None:
        """A boolean cell (type b) holding anything but 1, 0, true or false read as false."""
        cells = _ROW2 + '<c r="J2" t="b"><v>yes</v></c>'  # J: the column after HEADER
        book = _workbook(tmp_path / "dv.xlsx", cells, columns=("Đang công tác",))
        result = load(book, progress=False)
        assert not result.dataset.members
        assert [p.row for p in result.errors] == [2]

    def test_two_cells_at_one_address(self, tmp_path: Path) -> None:
        """Two cells of one address in a row (only an edited file has them): the second
        replaced the first without a word, so the id read was the one written last."""
        cells = '<c r="A2" t="inlineStr"><is><t>dv9</t></is></c>' + _ROW2
        result = load(_workbook(tmp_path / "dv.xlsx", cells), progress=False)
        assert not result.dataset.members
        ((row, column, reason),) = [(p.row, p.column, str(p.reason)) for p in result.errors]
        assert (row, column) == (2, "Mã")
        assert "hai ô cùng một địa chỉ" in reason

    def test_a_row_given_twice(self, tmp_path: Path) -> None:
        """Two rows of one number (only an edited file has them): both were read, two
        members at row 2 where a spreadsheet shows one row 2."""
        other = _ROW2.replace("dv1", "dv2").replace("Nguyễn Văn An", "Lê Thị Hoa")
        book = _workbook(tmp_path / "dv.xlsx", _ROW2 + '</row><row r="2">' + other)
        result = load(book, progress=False)
        assert [m.id for m in result.dataset.members] == ["dv1"]
        ((row, column, reason),) = [(p.row, p.column, str(p.reason)) for p in result.errors]
        assert (row, column) == (2, "")
        assert "hai dòng cùng số 2" in reason
        assert "Lê Thị Hoa" not in str(result.errors[0])

    def test_the_header_row_given_twice(self, tmp_path: Path) -> None:
        again = _ROW2.replace('2"', '1"').replace("dv1", "dv2")
        book = _workbook(tmp_path / "dv.xlsx", _ROW2 + '</row><row r="1">' + again)
        result = load(book, progress=False)
        assert [m.id for m in result.dataset.members] == ["dv1"]
        assert [(p.row, p.column) for p in result.errors] == [(1, "")]

    def test_rows_without_a_number_are_where_their_cells_say(self, tmp_path: Path) -> None:
        """A row written without its number (``<row>``), its cells with theirs (``A7``):
        it was numbered by counting the rows written, so a problem named row 3 where
        a spreadsheet shows the member at row 7."""
        late = _ROW2.replace('2"', '7"').replace("02/03/2010", "ngày nào")
        book = _workbook(tmp_path / "dv.xlsx", _ROW2 + "</row><row>" + late)
        result = load(book, progress=False)
        assert [m.id for m in result.dataset.members] == ["dv1"]
        assert [(p.row, p.column) for p in result.errors] == [(7, "Ngày vào Đảng")]

    def test_a_cell_of_another_row(self, tmp_path: Path) -> None:
        """A cell whose address names another row than the one holding it (``A7`` in
        row 2): read as row 2's, where a spreadsheet shows it in row 7."""
        late = _ROW2.replace('"A2"', '"A7"')
        result = load(_workbook(tmp_path / "dv.xlsx", late), progress=False)
        assert not result.dataset.members
        ((row, column, reason),) = [(p.row, p.column, str(p.reason)) for p in result.errors]
        assert (row, column) == (2, "Mã")
        assert "A7" in reason

    def test_escaped_halves_of_a_pair(self, tmp_path: Path) -> None:
        """A character past U+FFFF escaped as two halves (``_xD83D__xDE00_``, as some
        writers escape it) read as two lone halves, and a lone escaped half (``_xD800_``)
        as one: a name and an identity number no file can store loaded without a word.
        A pair is now its character; a lone half is an error on its row, not shown."""
        name = _ROW2.replace("Nguyễn Văn An", "Nguyễn _xD83D__xDE00_ An")
        lone = (
            _ROW2.replace('2"', '3"').replace("dv1", "dv2")
            + '<c r="G3" t="inlineStr"><is><t>0123_xD800_4</t></is></c>'
        )
        shared = _ROW2.replace('2"', '4"').replace("dv1", "dv3")
        shared = shared.replace(
            '<c r="B4" t="inlineStr"><is><t>Nguyễn Văn An</t></is></c>',
            '<c r="B4" t="str"><v>Lê _xDE00_ Hoa</v></c>',
        )
        book = _workbook(
            tmp_path / "dv.xlsx", name + '</row><row r="3">' + lone + '</row><row r="4">' + shared
        )
        result = load(book, progress=False)
        assert [(m.id, m.full_name) for m in result.dataset.members] == [
            ("dv1", "Nguyễn \U0001f600 An")
        ]
        assert [(p.row, p.column, p.value) for p in result.errors] == [
            (3, "Số định danh cá nhân", ""),
            (4, "Họ và tên", ""),
        ]
        assert "0123" not in _shown(result.problems)
        _shown(result.problems).encode("utf-8")  # printable

    def test_cells_out_of_order_read_at_their_address(self, tmp_path: Path) -> None:
        cells = "".join(reversed(_ROW2.split("</c>")[:-1])).replace("<c ", "</c><c ")[4:]
        result = load(_workbook(tmp_path / "dv.xlsx", cells + "</c>"), progress=False)
        assert result.problems == ()
        assert [(m.id, m.full_name) for m in result.dataset.members] == [("dv1", "Nguyễn Văn An")]

    @pytest.mark.parametrize("target", ["workbook.xml", "../_rels/.rels"])
    def test_sheet_pointing_at_another_part(self, tmp_path: Path, target: str) -> None:
        """A sheet whose part is the workbook (or any part not a sheet) read as an empty
        sheet, without a word."""
        book = _workbook(tmp_path / "dv.xlsx", _ROW2, target=target)
        result = load(book, progress=False)
        assert not result.ok
        assert "[Đảng viên]" in str(result.errors[0])

    @pytest.mark.parametrize(
        ("stored", "born"),
        [
            ("1985-07-13T17:00:00Z", date(1985, 7, 14)),  # midnight in Hà Nội
            ("1985-07-14T00:00:00+07:00", date(1985, 7, 14)),
            ("0001-01-01T00:00:00+08:00", None),  # the day before the year 1 here
            ("9999-12-31T23:00:00Z", None),  # the year 10000 here
        ],
    )
    def test_date_cells_with_a_zone(self, tmp_path: Path, stored: str, born: date | None) -> None:
        """A date cell (type d) holding a moment with its zone is its day in Vietnam; one
        whose day there is past the years 1 to 9999 is an error on its row, never shown
        (it raised OverflowError)."""
        cells = _ROW2 + f'<c r="E2" t="d"><v>{stored}</v></c>'
        result = load(_workbook(tmp_path / "dv.xlsx", cells), progress=False)
        if born is not None:
            assert result.problems == ()
            assert result.dataset.members[0].birth_date == born
        else:
            (problem,) = result.problems
            assert (problem.row, problem.column, problem.value) == (2, "Ngày sinh", REDACTED)
            assert "ngoài khoảng năm 1 đến 9999" in problem.reason

    def test_the_1900_leap_day_is_no_day(self, tmp_path: Path) -> None:
        """Excel counts a 29/02/1900 (serial 60) that never was: it read as 28/02/1900,
        the day of serial 59, where the text 29/02/1900 is refused."""
        book = Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.title = "Đảng viên"
        sheet.append(["Mã", "Họ và tên", "Chi bộ", "Ngày vào Đảng", "Ngày sinh"])
        sheet.append(["dv1", "Nguyễn Văn An", "cb1", "02/03/2010", 59])
        sheet.append(["dv2", "Lê Thị Hoa", "cb1", "02/03/2010", 60])
        sheet.append(["dv3", "Trần Văn Minh", "cb1", "02/03/2010", 61])
        for (cell,) in sheet.iter_rows(min_row=2, min_col=5, max_col=5):
            cell.number_format = "dd/mm/yyyy"
        book.save(tmp_path / "dv.xlsx")
        result = load(tmp_path / "dv.xlsx", progress=False)
        births = {m.id: m.birth_date for m in result.dataset.members}
        assert births == {"dv1": date(1900, 2, 28), "dv3": date(1900, 3, 1)}
        assert [(p.row, p.column) for p in result.errors] == [(3, "Ngày sinh")]
        assert "1900" not in str(result.errors[0])  # a birth date is not shown

    def test_a_negative_number_in_a_date_cell_is_no_day(self, tmp_path: Path) -> None:
        """Excel shows a date cell holding a negative number as "#####", in either date
        system: it read as a day counted back from the epoch (-73519 a birth in 1698),
        without a word. It is an error on its row, the value not shown."""
        for system, born in (
            (CALENDAR_WINDOWS_1900, date(1968, 6, 11)),
            (CALENDAR_MAC_1904, date(1972, 6, 12)),
        ):
            book = Workbook()
            book.epoch = system
            sheet = book.active
            assert sheet is not None
            sheet.title = "Đảng viên"
            sheet.append(["Mã", "Họ và tên", "Chi bộ", "Ngày vào Đảng", "Ngày sinh"])
            sheet.append(["dv1", "Nguyễn Văn An", "cb1", "02/03/2010", -73519])
            sheet.append(["dv2", "Lê Thị Hoa", "cb1", "02/03/2010", -0.5])
            sheet.append(["dv3", "Trần Văn Minh", "cb1", "02/03/2010", 25000])
            for (cell,) in sheet.iter_rows(min_row=2, min_col=5, max_col=5):
                cell.number_format = "dd/mm/yyyy"
            book.save(tmp_path / "dv.xlsx")
            result = load(tmp_path / "dv.xlsx", progress=False)
            births = {m.id: m.birth_date for m in result.dataset.members}
            assert births["dv3"] == born
            assert [(p.row, p.column) for p in result.errors] == [
                (2, "Ngày sinh"),
                (3, "Ngày sinh"),
            ]
            assert all("số âm" in p.reason for p in result.errors)
            assert "73519" not in str(result.errors[0])  # a birth date is not shown

    def test_the_day_zero_is_no_day(self, tmp_path: Path) -> None:
        """A date cell holding 0 (a formula giving 0 for a blank, in a date column) is
        Excel's "00/01/1900", shown so: it read as 31/12/1899, a birth date 125 years
        back, without a word. In the 1904 date system 0 is 01/01/1904, a real day."""
        for system, born in ((False, None), (True, date(1904, 1, 1))):
            book = Workbook()
            book.epoch = CALENDAR_MAC_1904 if system else CALENDAR_WINDOWS_1900
            sheet = book.active
            assert sheet is not None
            sheet.title = "Đảng viên"
            sheet.append(["Mã", "Họ và tên", "Chi bộ", "Ngày vào Đảng", "Ngày sinh"])
            sheet.append(["dv1", "Nguyễn Văn An", "cb1", "02/03/2010", 0])
            sheet.append(["dv2", "Lê Thị Hoa", "cb1", "02/03/2010", 0.25])
            for (cell,) in sheet.iter_rows(min_row=2, min_col=5, max_col=5):
                cell.number_format = "dd/mm/yyyy"
            book.save(tmp_path / "dv.xlsx")
            result = load(tmp_path / "dv.xlsx", progress=False)
            births = {m.id: m.birth_date for m in result.dataset.members}
            if born is None:
                assert births == {}
                assert [(p.row, p.column) for p in result.errors] == [
                    (2, "Ngày sinh"),
                    (3, "Ngày sinh"),
                ]
                assert "không có thật" in str(result.errors[0])
            else:
                assert births == {"dv1": born, "dv2": born}
                assert result.errors == ()
                # Born in 1904 and on the rolls: over 120, warned of alone.
                assert all("quá 120 tuổi" in p.reason for p in result.warnings)

    def test_formula_saved_with_an_empty_value(self, tmp_path: Path) -> None:
        """openpyxl saves a formula with an empty value (``<v/>``): the cell was named
        "ô số không đọc được", not a formula whose value the file does not hold."""
        book = Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.title = "Đảng viên"
        sheet.append(["Mã", "Họ và tên", "Chi bộ", "Ngày vào Đảng"])
        sheet.append(["dv1", '=VLOOKUP(A2,"x",2,0)', "cb1", "02/03/2010"])
        book.save(tmp_path / "dv.xlsx")
        result = load(tmp_path / "dv.xlsx", progress=False)
        assert not result.dataset.members
        ((row, column, reason),) = [(p.row, p.column, str(p.reason)) for p in result.errors]
        assert (row, column) == (2, "Họ và tên")
        assert "công thức" in reason


def _patched(book: Path, part: str, change: str) -> Path:
    """*book* with the zip entry of *part* damaged: its data (``data``), its method of
    compression (``method``) or its password flag (``password``)."""
    with zipfile.ZipFile(book) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    with zipfile.ZipFile(book, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    with zipfile.ZipFile(book) as archive:
        info = archive.getinfo(part)
    raw = bytearray(book.read_bytes())
    at = info.header_offset
    central = raw.rindex(part.encode()) - 46  # the directory comes after the parts
    if change == "data":
        start = at + 30 + len(info.filename) + len(info.extra)
        raw[start + 2 : start + 40] = b"\xff" * 38
    elif change == "method":
        for header in (at + 8, central + 10):
            raw[header : header + 2] = (9).to_bytes(2, "little")  # Deflate64
    else:
        for flags in (at + 6, central + 8):
            raw[flags] |= 1
    book.write_bytes(bytes(raw))
    return book


class TestDamagedParts:
    """The zip module's errors were shown in English, quoting the zip entry ("File
    <ZipInfo …> is encrypted, password required for extraction"), or not caught at all:
    a sheet whose deflated data is damaged raised zlib.error, with a traceback."""

    @pytest.mark.parametrize(
        ("change", "said"),
        [
            ("data", "dữ liệu nén bị hỏng"),
            ("method", "nén theo cách thư viện không đọc được"),
            ("password", "phần này có mật khẩu"),
        ],
    )
    def test_a_damaged_sheet_is_named_in_words(
        self, tmp_path: Path, change: str, said: str
    ) -> None:
        book = _workbook(tmp_path / "dv.xlsx", _ROW2 * 40)
        result = load(_patched(book, "xl/worksheets/sheet1.xml", change), progress=False)
        ((file, row, reason),) = [(p.file, p.row, str(p.reason)) for p in result.errors]
        assert (file, row) == ("dv.xlsx [Đảng viên]", 1)
        assert reason.startswith(f"không giải nén được phần xl/worksheets/sheet1.xml: {said}")
        assert "ZipInfo" not in reason
        assert "Error" not in reason

    @pytest.mark.parametrize(
        ("cells", "said"),
        [
            (_ROW2.replace("dv1", "dv\x01"), "ký tự hoặc thẻ không hợp lệ"),
            (_ROW2.replace("</c>", "</x>", 1), "thẻ đóng không khớp thẻ mở"),
        ],
    )
    def test_broken_xml_is_named_in_words(self, tmp_path: Path, cells: str, said: str) -> None:
        """The XML parser's own English ("not well-formed (invalid token)") was the
        reason."""
        result = load(_workbook(tmp_path / "dv.xlsx", cells), progress=False)
        ((row, reason),) = [(p.row, str(p.reason)) for p in result.errors]
        assert row == 2
        assert f"của phần xl/worksheets/sheet1.xml: {said};" in reason

    def test_a_damaged_workbook_part_is_a_load_error(self, tmp_path: Path) -> None:
        book = _workbook(tmp_path / "dv.xlsx", _ROW2 * 40)
        with pytest.raises(LoadError, match=r"xl/workbook\.xml: dữ liệu nén bị hỏng"):
            load(_patched(book, "xl/workbook.xml", "data"), progress=False)


class TestCommandLine:
    def test_forms_for_year_9999(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """``thong-ke --year 9999`` counted probation 12 months past 31/12/9999: Python's
        "year 10000 is out of range" came out as the error."""
        from coso_dang.io import dump
        from coso_dang.testing import generate_province

        data = tmp_path / "data.json"
        dump(generate_province(seed=2, scale=0.005), data)
        assert main(["thong-ke", str(data), "--year", "9999"]) == 0
        assert "10000" not in capsys.readouterr().err

    def test_a_file_named_duckdb_that_is_not_one(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A damaged ``.duckdb`` file given to ``report`` printed DuckDB's traceback."""
        pytest.importorskip("duckdb")
        database = tmp_path / "data.duckdb"
        database.write_bytes(b"\0" * 4096 + b"DUCK" + b"\xff" * 5000)
        assert main(["report", str(database), "--year", "2024"]) == 2
        err = capsys.readouterr().err
        assert "Traceback" not in err
        assert "DuckDB" in err


class TestDatabaseFile:
    """``report`` on a SQLite file counts members in the database: a member whose
    admission date was ``02/03/2010`` (text, compared as text) was in no count, and one
    whose date was a number was on the rolls, without a word."""

    @pytest.mark.parametrize("admitted", ["02/03/2010", 40000, None])
    def test_member_without_a_readable_date(
        self, tmp_path: Path, admitted: object, capsys: pytest.CaptureFixture[str]
    ) -> None:
        import sqlite3

        database = tmp_path / "data.sqlite"
        with sqlite3.connect(database) as db:
            db.execute("CREATE TABLE organizations (id, name, kind, parent_id)")
            db.execute("INSERT INTO organizations VALUES ('xa', 'Xã', 'dang_bo_co_so', NULL)")
            db.execute(
                "INSERT INTO organizations VALUES ('cb1', 'Chi bộ', 'chi_bo_truc_thuoc', 'xa')"
            )
            # The columns the counts read must be there, even empty.
            others = "left_on, ceremony_on, is_working, keeps_residence_contact, "
            others += "committee_role, education, political_theory"
            db.execute(f"CREATE TABLE members (id, org_id, admitted_on, {others})")
            db.execute(
                "INSERT INTO members (id, org_id, admitted_on) VALUES (?, ?, ?)",
                ("dv1", "cb1", "2010-03-02 00:00:00"),
            )
            db.execute(
                "INSERT INTO members (id, org_id, admitted_on) VALUES (?, ?, ?)",
                ("dv2", "cb1", admitted),
            )
        db.close()
        assert main(["report", str(database), "--year", "2024"]) == 2
        err = capsys.readouterr().err
        assert "'dv2': admitted_on" in err
        assert "'dv1'" not in err


class TestParentOfAParentMissing:
    """An organization under one whose own parent is not in the data: the walk looking for
    parent cycles went on to the missing id, and OrgTree.build raised KeyError (so did
    ``validate``, ``report``, ``check`` on such a file)."""

    def test_cli(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        (tmp_path / "to_chuc.csv").write_text(
            "Mã,Tên,Loại tổ chức,Mã cấp trên\n"
            "cb1,Chi bộ thôn 1,Chi bộ trực thuộc,xa\n"
            "xa,Đảng bộ xã Tân Lập,Đảng bộ cơ sở,huyen-cu\n",
            encoding="utf-8",
        )
        assert main(["validate", str(tmp_path)]) == 2
        err = capsys.readouterr().err
        assert "Traceback" not in err
        assert "'huyen-cu'" in err


class TestValidationProblemsBounded:
    """The problems validation finds (ratings of unknown ids, members of an unknown chi
    bộ) were listed without bound: 600.000 ratings of unknown ids, 10 MB of CSV, took
    11 s and 900 MB in ``validate``. They are listed up to the table's limit like the
    problems of loading, the rest counted."""

    def test_unknown_subjects(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        import coso_dang.io._collect as collect

        monkeypatch.setattr(collect, "MAX_TABLE_PROBLEMS", 5)
        rows = "".join(f"dv{n},2024,HTTNV\n" for n in range(12))
        (tmp_path / "danh_gia.csv").write_text("Mã,Năm,Xếp loại\n" + rows, encoding="utf-8")
        result = load(tmp_path, validate=True, progress=False)
        assert len(result.dataset.evaluations) == 12
        assert len(result.errors) == 6
        assert "và 7 lỗi khác" in str(result.errors[0])


class TestRegisterFiles:
    """The office's registers given to ``danh-sach`` (``--dang-phi``, ``--da-nop``, …)."""

    @staticmethod
    def _run(tmp_path: Path, register: bytes) -> None:
        from coso_dang.io import dump
        from coso_dang.testing import generate_province

        data = tmp_path / "data.json"
        dump(generate_province(seed=2, scale=0.005), data)
        (tmp_path / "nop.csv").write_bytes(register)
        args = ["danh-sach", str(data), "--loai", "dang-phi", "--dot", "2/9/2026"]
        assert main([*args, "--da-nop", str(tmp_path / "nop.csv")]) == 2

    def test_a_cell_past_the_csv_limit(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A cell of more than 131.072 characters raised csv.Error with a traceback."""
        register = "Mã,Tháng,Số tiền\r\ndv1,3/2026," + "9" * 200_000 + "\r\n"
        self._run(tmp_path, register.encode())
        err = capsys.readouterr().err
        assert "Traceback" not in err
        assert "Exceeds" not in err
        assert "nop.csv, dòng 2, cột Số tiền" in err

    def test_not_utf8(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """Python's "'utf-8' codec can't decode byte" was the message."""
        self._run(tmp_path, "Mã,Tháng,Số tiền\r\ndv1,3/2026,5.000\r\n".encode("utf-16"))
        assert "nop.csv: tệp không phải UTF-8" in capsys.readouterr().err

    def test_a_quote_left_open(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A quote left open in a column not read ("Ghi chú") took every row after it into
        one cell: those rows were lost without a word."""
        rows = "".join(f"dv{n},3/2026,5.000,\r\n" for n in range(50))
        register = 'Mã,Tháng,Số tiền,Ghi chú\r\ndv0,3/2026,5.000,"nộp hộ\r\n' + rows
        self._run(tmp_path, register.encode())
        assert "nop.csv, dòng 2: một ô kéo dài qua 51 dòng" in capsys.readouterr().err

    @pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
    def test_a_pipe_is_not_said_missing(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A register that is a named pipe was said "không tìm thấy tệp" (not found)."""
        from coso_dang.io import dump
        from coso_dang.testing import generate_province

        data = tmp_path / "data.json"
        dump(generate_province(seed=2, scale=0.005), data)
        os.mkfifo(tmp_path / "nop.csv")
        args = ["danh-sach", str(data), "--loai", "dang-phi", "--dot", "2/9/2026"]
        assert main([*args, "--da-nop", str(tmp_path / "nop.csv")]) == 2
        err = capsys.readouterr().err
        assert "nop.csv: không phải tệp thường (thiết bị hay ống dẫn)" in err
        assert "không tìm thấy" not in err

    def test_a_line_without_end(self, tmp_path: Path) -> None:
        """A register of one endless line was read into memory whole (the csv module's
        own limit is lifted): its length is now bounded, the rows before it read."""
        from coso_dang.io.csvio import MAX_CSV_FIELD, line_limit
        from coso_dang.operations import read_payments

        register = tmp_path / "nop.csv"
        over = line_limit(MAX_CSV_FIELD) + 10
        register.write_text(
            "Mã,Tháng,Số tiền,Ghi chú\r\ndv1,3/2026,5.000,\r\ndv2,3/2026,5.000," + "x" * over,
            encoding="utf-8",
        )
        payments, problems = read_payments(register)
        assert [payment.member_id for payment in payments] == ["dv1"]
        assert problems == [
            "nop.csv, dòng 3: dòng dài hơn 8.392.704 ký tự, quá giới hạn; phần còn lại của "
            "tệp không được đọc"
        ]

    def test_an_empty_required_cell(self, tmp_path: Path) -> None:
        """A row without its month said "month: phải là a date, không phải None"."""
        from coso_dang.operations import read_payments

        register = tmp_path / "nop.csv"
        register.write_text("Mã,Tháng,Số tiền\r\ndv1,3/2026,5.000\r\ndv2,,5.000\r\n", "utf-8")
        payments, problems = read_payments(register)
        assert [payment.member_id for payment in payments] == ["dv1"]
        assert problems == ["nop.csv, dòng 3, cột Tháng: bắt buộc, không được để trống"]

    def test_cells_past_the_header(self, tmp_path: Path) -> None:
        """A cell past the header's columns was dropped without a word: a comma typed
        in an amount ("5,000") made "000" a cell of no column, and 5 đồng was read."""
        from coso_dang.operations import read_payments

        register = tmp_path / "nop.csv"
        text = "Mã,Tháng,Số tiền\r\ndv1,3/2026,5,000\r\ndv2,3/2026,5.000,\r\n"
        register.write_text(text, "utf-8")
        payments, problems = read_payments(register)
        assert [payment.member_id for payment in payments] == ["dv2"]
        assert problems == [
            "nop.csv, dòng 2: dòng có 1 ô có chữ ngoài các cột của tiêu đề (thừa dấu phân "
            "cách?); dòng không được đọc"
        ]

    def test_a_column_twice_in_the_header(self, tmp_path: Path) -> None:
        """The cells go by header name: a second «Tháng» replaced the first without a
        word (the month paid read from the wrong column)."""
        from coso_dang.operations import read_payments

        register = tmp_path / "nop.csv"
        register.write_text("Mã,Tháng,Số tiền,tháng\r\ndv1,3/2026,5.000,4/2026\r\n", "utf-8")
        assert read_payments(register) == (
            [],
            ["nop.csv, dòng 1: dòng tiêu đề có hai cột «tháng»; hãy giữ một cột"],
        )

    @pytest.mark.parametrize("kind", ["folder", "missing", "pipe"])
    def test_a_path_that_is_no_file(self, tmp_path: Path, kind: str) -> None:
        """Read with the library's functions (the command line checks first), a folder
        or a missing file raised OSError with a traceback, and a pipe waited for ever."""
        from coso_dang.operations import read_member_facts

        path = tmp_path / "ho_so.csv"
        if kind == "folder":
            path.mkdir()
        elif kind == "pipe":
            if not hasattr(os, "mkfifo"):
                pytest.skip("no named pipes here")
            os.mkfifo(path)
        facts, problems = read_member_facts(path)
        said = {
            "folder": "không phải tệp thường (thư mục, thiết bị hay ống dẫn)",
            "missing": "không tìm thấy tệp",
            "pipe": "không phải tệp thường (thư mục, thiết bị hay ống dẫn)",
        }
        assert (facts, problems) == ([], [f"ho_so.csv: {said[kind]}"])


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
class TestWriteOntoADevice:
    """An output that is a device or a pipe was replaced by the renamed temporary file:
    as root, ``report --output /dev/full`` left a regular file where the device was."""

    def test_dump(self, tmp_path: Path) -> None:
        from coso_dang.dataset import Dataset
        from coso_dang.errors import WriteError
        from coso_dang.io import dump

        pipe = tmp_path / "out.json"
        os.mkfifo(pipe)
        with pytest.raises(WriteError):
            dump(Dataset(), pipe)
        assert stat.S_ISFIFO(pipe.stat().st_mode)

    def test_report_output(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        from coso_dang.io import dump
        from coso_dang.testing import generate_province

        data = tmp_path / "data.json"
        dump(generate_province(seed=2, scale=0.005), data)
        pipe = tmp_path / "report.txt"
        os.mkfifo(pipe)
        assert main(["report", str(data), "--output", str(pipe)]) == 2
        assert stat.S_ISFIFO(pipe.stat().st_mode)
        assert "không phải tệp" in capsys.readouterr().err


class TestTemplatesOverData:
    """``coso-dang mau FOLDER`` run again in a folder whose templates had been filled in
    wrote the empty templates over them: the clerk's rows were gone."""

    def test_filled_in_csv_is_kept(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        assert main(["mau", str(tmp_path)]) == 0
        assert main(["mau", str(tmp_path)]) == 0  # the same templates: written again
        members = tmp_path / "dang_vien.csv"
        filled = members.read_bytes() + "dv1,Nguyễn Văn An,cb1,02/03/2010\r\n".encode()
        members.write_bytes(filled)
        assert main(["mau", str(tmp_path)]) == 2
        assert members.read_bytes() == filled
        err = capsys.readouterr().err
        assert "dang_vien.csv" in err
        # Why, not "đã có tệp hoặc thư mục này" of a file the same command had just
        # written over: it holds more than a template.
        assert err.endswith("dang_vien.csv: đã có và chứa nhiều hơn một mẫu trống\n")
        assert main(["mau", str(tmp_path), "--locale", "en"]) == 2
        err = capsys.readouterr().err
        assert err.startswith("coso-dang: error: cannot write ")
        assert err.endswith("dang_vien.csv: already exists and holds more than an empty template\n")

    def test_filled_in_workbook_is_kept(self, tmp_path: Path) -> None:
        from coso_dang.dataset import Dataset
        from coso_dang.errors import WriteError
        from coso_dang.io import dump_xlsx, write_templates
        from coso_dang.orgs import Organization, OrgKind

        book = tmp_path / "mau.xlsx"
        dump_xlsx(Dataset([Organization("cb", "Chi bộ", OrgKind.CHI_BO_CO_SO)]), book)
        before = book.read_bytes()
        with pytest.raises(WriteError):
            write_templates(tmp_path)
        assert book.read_bytes() == before
        assert not (tmp_path / "dang_vien.csv").exists()  # nothing written at all

    @pytest.mark.parametrize("table", ["members.csv", "Organizations.CSV", "units.parquet"])
    def test_folder_of_data_tables_is_refused(self, tmp_path: Path, table: str) -> None:
        """``mau`` in a folder of data (as ``convert`` or ``dump_csv`` writes it) put
        ``dang_vien.csv`` beside ``members.csv``: the folder then held each table twice
        and no longer loaded. It is refused, naming the table, and nothing is written."""
        from coso_dang.errors import WriteError
        from coso_dang.io import write_templates

        (tmp_path / table).write_text("Mã\r\n", encoding="utf-8")
        with pytest.raises(WriteError, match=table.replace(".", r"\.")) as caught:
            write_templates(tmp_path)
        assert "mẫu" in str(caught.value)
        assert [p.name for p in tmp_path.iterdir()] == [table]
        assert main(["mau", str(tmp_path), "--locale", "en"]) == 2

    def test_templates_beside_their_own_and_other_files(self, tmp_path: Path) -> None:
        """The templates' own files, and files of no table, do not stop them."""
        from coso_dang.io import write_templates

        (tmp_path / "ghi_chu.txt").write_text("x", encoding="utf-8")
        (tmp_path / "danh_sach.csv").write_text("x", encoding="utf-8")
        write_templates(tmp_path)
        write_templates(tmp_path)

    @pytest.mark.parametrize("stem", ["members", "Dang_Vien", "dang-vien"])
    def test_a_table_under_another_name_is_kept_loadable(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str], stem: str
    ) -> None:
        """``mau`` in a folder of data (``members.csv``, as ``convert`` names the tables)
        wrote ``dang_vien.csv`` beside it: one table in two files, and the folder no
        longer loaded. It is refused, naming the file there, and nothing is written."""
        from coso_dang.errors import WriteError
        from coso_dang.io import write_templates

        assert main(["mau", str(tmp_path), "--locale", "en"]) == 0
        (tmp_path / "dang_vien.csv").rename(tmp_path / f"{stem}.csv")
        (tmp_path / "mau.xlsx").unlink()
        before = sorted(p.name for p in tmp_path.iterdir())
        assert load(tmp_path).ok
        capsys.readouterr()
        assert main(["mau", str(tmp_path)]) == 2
        assert capsys.readouterr().err == (
            f"coso-dang: lỗi: không ghi được {tmp_path / 'dang_vien.csv'}: thư mục đã có "
            f"{stem}.csv cho cùng bảng này; thêm mẫu trống bên cạnh sẽ thành hai tệp cho một "
            "bảng: hãy chọn thư mục mới hoặc trống\n"
        )
        assert main(["mau", str(tmp_path), "--locale", "en"]) == 2
        assert capsys.readouterr().err.endswith(
            f"the folder already holds {stem}.csv for this table; an empty template beside it "
            "would make two files of one table: choose a new or empty folder\n"
        )
        with pytest.raises(WriteError):
            write_templates(tmp_path, workbook=False)
        assert sorted(p.name for p in tmp_path.iterdir()) == before
        assert load(tmp_path).ok

    def test_a_folder_of_parquet_tables_is_kept_loadable(self, tmp_path: Path) -> None:
        """``mau`` in a folder of Parquet tables (as ``convert … du_lieu.parquet`` writes
        it) wrote CSV templates beside them: "thư mục có cả tệp Parquet và tệp CSV"."""
        pytest.importorskip("pyarrow")
        from coso_dang.data import load_demo
        from coso_dang.io import dump

        folder = tmp_path / "du_lieu.parquet"
        dump(load_demo(), folder)
        before = sorted(p.name for p in folder.iterdir())
        assert main(["mau", str(folder), "-q"]) == 2
        assert sorted(p.name for p in folder.iterdir()) == before
        assert load(folder).ok


class TestNoNearestPersonalValue:
    """A misspelt ethnicity or religion was shown as '…', but the reason went on "có phải
    «Phật giáo»?": the accepted value nearest to it, that is the member's religion."""

    def test_csv_and_json(self, tmp_path: Path) -> None:
        import json

        from coso_dang.io import load_json

        text = "Mã,Họ và tên,Chi bộ,Ngày vào Đảng,Dân tộc,Tôn giáo\n"
        text += "dv1,Nguyễn Văn An,cb1,02/03/2010,Kinhh,Phat giao sai\n"
        shown = _shown(load(_folder(tmp_path, text), progress=False).problems)
        record = {"id": "dv1", "full_name": "A", "org_id": "cb1", "admitted_on": "2010-03-02"}
        record |= {"ethnicity": "Kinhh", "religion": "Phat giao sai"}
        (tmp_path / "x.json").write_text(json.dumps({"schema_version": 1, "members": [record]}))
        shown += _shown(load_json(tmp_path / "x.json").problems)
        assert shown.count("không phải dân tộc") == 4  # str and repr, CSV and JSON
        assert "có phải" not in shown
        assert "did you mean" not in shown

    def test_not_personal_still_suggested(self, tmp_path: Path) -> None:
        text = "Mã,Họ và tên,Chi bộ,Ngày vào Đảng,Trình độ chuyên môn\n"
        text += "dv1,Nguyễn Văn An,cb1,02/03/2010,Dai hocc\n"
        assert "có phải «Đại học»?" in _shown(load(_folder(tmp_path, text)).problems)


class TestCsvBesideParquet:
    """A folder of Parquet tables holding a CSV table too was read as Parquet alone: the
    CSV rows were lost without a word, and ``validate`` said there was no error."""

    def test_refused(self, tmp_path: Path) -> None:
        pytest.importorskip("polars")
        from coso_dang.dataset import Dataset
        from coso_dang.io import LoadError, dump_parquet, load_frames
        from coso_dang.orgs import Organization, OrgKind

        folder = tmp_path / "data"
        dump_parquet(Dataset([Organization("cb1", "Chi bộ", OrgKind.CHI_BO_CO_SO)]), folder)
        (folder / "dang_vien.csv").write_text(
            "Mã,Họ và tên,Chi bộ,Ngày vào Đảng\ndv1,A,cb1,02/03/2010\n", encoding="utf-8"
        )
        for loader in (load, load_frames):
            with pytest.raises(LoadError, match=r"dang_vien\.csv"):
                loader(folder)


class TestErrorValuesAsText:
    """A CSV file Excel saves keeps a formula's error as its text (``#N/A``, ``#REF!``):
    the row loaded with a member named ``#N/A``, an id ``#REF!`` or a chi bộ ``#N/A``,
    where the workbook's error cell is an error on its row."""

    ROWS = (
        "Mã,Họ và tên,Chi bộ,Ngày vào Đảng,Số CCCD\n"
        "dv1,#N/A,cb1,02/03/2010,\n"
        "#REF!,Lê Thị Hoa,cb1,02/03/2010,\n"
        "dv3,Trần Văn Minh,#N/A,02/03/2010,\n"
        "dv4,Phạm Văn Bình,cb1,02/03/2010,#N/A\n"
        "dv5,Đỗ Thị Lan,cb1,02/03/2010,\n"
    )

    def test_csv(self, tmp_path: Path) -> None:
        (tmp_path / "to_chuc.csv").write_text(ORGS, encoding="utf-8")
        (tmp_path / "dang_vien.csv").write_text(self.ROWS, encoding="utf-8")
        result = load(tmp_path, progress=False)
        assert [m.id for m in result.dataset.members] == ["dv5"]
        assert [(p.row, p.column, p.value) for p in result.problems] == [
            (2, "Họ và tên", "#N/A"),
            (3, "Mã", "#REF!"),
            (4, "Chi bộ", "#N/A"),
            (5, "Số CCCD", "…"),
        ]
        assert all("#" in str(p.reason) for p in result.problems)

    def test_frames_agree(self, tmp_path: Path) -> None:
        pytest.importorskip("polars")
        from coso_dang.io import load_frames

        (tmp_path / "to_chuc.csv").write_text(ORGS, encoding="utf-8")
        (tmp_path / "dang_vien.csv").write_text(self.ROWS, encoding="utf-8")
        frames = load_frames(tmp_path, progress=False)
        assert frames.problems == load(tmp_path, progress=False).problems
        assert frames.members.get_column("id").to_list() == ["dv5"]


class TestDatasetYearOutsideReports:
    """A dataset's year (thông tin: «Năm»; JSON "year"; a Parquet table's metadata) of 0
    or 99999 was kept without a word; a report then stopped with "rollup: year = '0'",
    naming no file. It is now a problem of the place that gives it, in every loader."""

    @pytest.mark.parametrize("year", ["0", "1929", "10000", "99999"])
    def test_csv_folder(self, tmp_path: Path, year: str) -> None:
        pytest.importorskip("polars")
        from coso_dang.io import load_frames

        (tmp_path / "dang_vien.csv").write_text(
            "Mã,Họ và tên,Chi bộ,Ngày vào Đảng\ndv1,Nguyễn Văn An,cb1,02/03/2010\n",
            encoding="utf-8",
        )
        (tmp_path / "thong_tin.csv").write_text(f"Tên bộ dữ liệu,Năm\nTỉnh X,{year}\n")
        for loaded in (load(tmp_path, progress=False), load_frames(tmp_path, progress=False)):
            assert [(p.file, p.row, p.column, p.value) for p in loaded.errors] == [
                ("thong_tin.csv", 2, "Năm", year)
            ]
            assert "từ 1930 đến 9999" in loaded.errors[0].reason

    def test_a_year_within_is_kept(self, tmp_path: Path) -> None:
        (tmp_path / "thong_tin.csv").write_text("Tên bộ dữ liệu,Năm\nTỉnh X,1930\n")
        (tmp_path / "to_chuc.csv").write_text("Mã,Tên,Loại tổ chức\ncb1,Chi bộ 1,Chi bộ cơ sở\n")
        result = load(tmp_path, progress=False)
        assert (result.problems, result.dataset.year) == ((), 1930)

    def test_json(self, tmp_path: Path) -> None:
        path = tmp_path / "data.json"
        path.write_text('{"schema_version": 1, "name": "Tỉnh X", "year": 0}')
        result = load(path, progress=False)
        assert result.dataset.year is None
        assert [(p.row, p.column, p.value) for p in result.errors] == [(None, "year", "0")]

    def test_parquet_metadata(self, tmp_path: Path) -> None:
        pa = pytest.importorskip("pyarrow")
        pq = pytest.importorskip("pyarrow.parquet")
        table = pa.table({"id": ["cb1"], "name": ["Chi bộ 1"], "kind": ["chi_bo_co_so"]})
        table = table.replace_schema_metadata({b"coso_dang.year": b"0"})
        pq.write_table(table, tmp_path / "organizations.parquet")
        result = load(tmp_path, progress=False)
        assert result.dataset.year is None
        assert [(p.file, p.column, p.value) for p in result.errors] == [
            ("organizations.parquet", "coso_dang.year", "0")
        ]


class TestDatesTypedShort:
    """A date typed with a year of two digits ("5-3-90"), or a month and a year, or a
    year alone ("3/1990", "1990", as a form may ask for no more): each was told "không
    đọc được ngày; hãy viết dạng 16/6/2022", as if the cell held anything at all. They
    are told what is missing, never the value (a birth date is personal), in CSV, in a
    workbook (a year typed as a number too) and by the columnar loader alike."""

    _CASES = (
        ("5-3-90", "bốn chữ số"),
        ("05/03/90", "bốn chữ số"),
        ("3/1990", "chỉ có tháng và năm"),
        ("tháng 3 năm 1990", "chỉ có tháng và năm"),
        ("1990", "chỉ có năm"),
        ("Năm 1990", "chỉ có năm"),
    )

    @pytest.mark.parametrize(("typed", "said"), _CASES)
    def test_csv(self, tmp_path: Path, typed: str, said: str) -> None:
        (tmp_path / "dang_vien.csv").write_text(
            "Mã,Họ và tên,Chi bộ,Ngày vào Đảng,Ngày sinh\n"
            f"dv1,Nguyễn Văn An,cb1,02/03/2010,{typed}\n"
            f"dv2,Lê Thị Bình,cb1,{typed},02/03/1980\n",
            encoding="utf-8",
        )
        result = load(tmp_path, progress=False)
        assert [(p.row, p.column, p.value) for p in result.problems] == [
            (2, "Ngày sinh", REDACTED),
            (3, "Ngày vào Đảng", typed),
        ]
        assert all(said in p.reason for p in result.problems)
        assert "1990" not in result.problems[0].reason
        pytest.importorskip("polars")
        from coso_dang.io import load_frames

        assert load_frames(tmp_path, progress=False).problems == result.problems

    @pytest.mark.parametrize(("typed", "said"), [*_CASES, (1990, "chỉ có năm")])
    def test_workbook(self, tmp_path: Path, typed: str | int, said: str) -> None:
        book = Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.title = "Đảng viên"
        sheet.append(["Mã", "Họ và tên", "Chi bộ", "Ngày vào Đảng", "Ngày sinh"])
        sheet.append(["dv1", "Nguyễn Văn An", "cb1", date(2010, 3, 2), typed])
        book.save(tmp_path / "ds.xlsx")
        (problem,) = load(tmp_path / "ds.xlsx", progress=False).problems
        assert (problem.row, problem.column, problem.value) == (2, "Ngày sinh", REDACTED)
        assert said in problem.reason
        assert "1990" not in problem.reason

    def test_other_numbers_in_a_date_cell(self, tmp_path: Path) -> None:
        """A day's serial number left in the General format is no year."""
        book = Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.title = "Đảng viên"
        sheet.append(["Mã", "Họ và tên", "Chi bộ", "Ngày vào Đảng"])
        sheet.append(["dv1", "Nguyễn Văn An", "cb1", 40179])
        book.save(tmp_path / "ds.xlsx")
        (problem,) = load(tmp_path / "ds.xlsx", progress=False).problems
        assert "ô chứa một số" in problem.reason


class TestDatesWithTheirTime:
    """A date column exported from a database or a program keeps the time: SQL Server
    and pandas write "1990-03-05 00:00:00.000", Windows in Vietnamese "05/03/1990
    12:00:00 SA" (sáng, chiều). Each was refused as no date at all, every row of the
    table an error; the day is read. English AM and PM say the file is most likely month
    first: refused, saying so."""

    @pytest.mark.parametrize(
        "typed",
        [
            "1990-03-05 00:00:00.000",
            "1990-03-05T00:00:00.000000",
            "1990-03-05T07:30:00.123+07:00",
            "1990-03-05 00:00:00+07",
            "1990-03-04 17:00:00-00",
            "05/03/1990 12:00:00 SA",
            "05/03/1990 1:30:00 CH",
            "5/3/1990 12:00 ch",
        ],
    )
    def test_the_day_is_read(self, tmp_path: Path, typed: str) -> None:
        (tmp_path / "dang_vien.csv").write_text(
            "Mã,Họ và tên,Chi bộ,Ngày vào Đảng,Ngày sinh\n"
            f"dv1,Nguyễn Văn An,cb1,{typed},{typed.replace('1990', '1960')}\n",
            encoding="utf-8",
        )
        result = load(tmp_path, progress=False)
        assert result.problems == ()
        (member,) = result.dataset.members
        assert (member.admitted_on, member.birth_date) == (date(1990, 3, 5), date(1960, 3, 5))
        pytest.importorskip("polars")
        from coso_dang.io import load_frames

        frames = load_frames(tmp_path, progress=False)
        assert frames.problems == ()
        assert frames.members.get_column("admitted_on").to_list() == [date(1990, 3, 5)]

    @pytest.mark.parametrize("typed", ["3/5/1990 12:00:00 AM", "15/3/1990 1:00 pm"])
    def test_an_english_clock_is_refused(self, tmp_path: Path, typed: str) -> None:
        (tmp_path / "dang_vien.csv").write_text(
            f"Mã,Họ và tên,Chi bộ,Ngày vào Đảng\ndv1,Nguyễn Văn An,cb1,{typed}\n",
            encoding="utf-8",
        )
        (problem,) = load(tmp_path, progress=False).problems
        assert (problem.row, problem.column) == (2, "Ngày vào Đảng")
        assert "AM/PM" in problem.reason


class TestRegistersNameEveryProblemOfARow:
    """The office's registers named only the first field a record refused: a row blank
    in «Mã» with months out of range was said blank only, and a row with a cell that
    could not be read had none of the record's refusals said. Every problem of a row is
    named (file, row, column, reason), in column order, as the loaders name them; the
    values never."""

    def test_status_records(self, tmp_path: Path) -> None:
        from coso_dang.operations import read_status_records

        path = tmp_path / "theo_doi.csv"
        path.write_text(
            "Mã,Năm,Số tháng bỏ sinh hoạt,Số tháng không đóng đảng phí,Lý do chính đáng\r\n"
            ",1800,97,41,x\r\n"
            "dv2,2025,abc,13,y\r\n"
            "dv3,2025,2,0,\r\n",
            encoding="utf-8",
        )
        records, problems = read_status_records(path)
        assert [r.member_id for r in records] == ["dv3"]
        months = "phải là số nguyên từ 0 đến 12"
        assert problems == [
            "theo_doi.csv, dòng 2, cột Mã: bắt buộc, không được để trống",
            "theo_doi.csv, dòng 2, cột Năm: phải là số nguyên từ 1930 đến 9999",
            f"theo_doi.csv, dòng 2, cột Số tháng bỏ sinh hoạt: {months}",
            f"theo_doi.csv, dòng 2, cột Số tháng không đóng đảng phí: {months}",
            "theo_doi.csv, dòng 3, cột Số tháng bỏ sinh hoạt: cần số nguyên",
            f"theo_doi.csv, dòng 3, cột Số tháng không đóng đảng phí: {months}",
            "theo_doi.csv, dòng 3, cột Lý do chính đáng: cần x (có) hoặc để trống",
        ]
        assert not any("97" in p or "41" in p for p in problems)

    def test_payments_and_member_facts(self, tmp_path: Path) -> None:
        from coso_dang.operations import read_member_facts, read_payments

        path = tmp_path / "nop.csv"
        path.write_text("Mã,Tháng,Số tiền\r\n,13/2026,-5\r\ndv2,3/2026,5.000\r\n", "utf-8")
        payments, problems = read_payments(path)
        assert [p.member_id for p in payments] == ["dv2"]
        assert problems == [
            "nop.csv, dòng 2, cột Mã: bắt buộc, không được để trống",
            "nop.csv, dòng 2, cột Tháng: tháng hoặc năm không có thật",
            "nop.csv, dòng 2, cột Số tiền: cần số tiền nguyên (đồng)",
        ]
        path = tmp_path / "ho_so.csv"
        path.write_text("Mã,Huy hiệu đã tặng,Ốm đau hiểm nghèo\r\n,25,x\r\n", "utf-8")
        assert read_member_facts(path)[1] == [
            "ho_so.csv, dòng 2, cột Mã: bắt buộc, không được để trống",
            "ho_so.csv, dòng 2, cột Huy hiệu đã tặng: không phải số năm của một Huy hiệu Đảng",
        ]

    def test_dues_profiles(self, tmp_path: Path) -> None:
        """A rule that reads another field is said once that field is read: a reduction
        whose first month cannot be read is not also said to lack its months."""
        from coso_dang.operations import read_profiles

        path = tmp_path / "dang_phi.csv"
        path.write_text(
            "Mã,Đối tượng,Thu nhập,Giảm,Giảm từ,Giảm đến\r\n"
            ",,5.000.000,50,x/2026,6/2026\r\n"
            "dv2,,5.000.000,50,,\r\n",
            encoding="utf-8",
        )
        profiles, problems = read_profiles(path)
        assert profiles == []
        blank = "bắt buộc, không được để trống"
        assert problems == [
            f"dang_phi.csv, dòng 2, cột Mã: {blank}",
            f"dang_phi.csv, dòng 2, cột Đối tượng: {blank}",
            "dang_phi.csv, dòng 2, cột Giảm từ: cần tháng/năm, ví dụ 3/2026",
            f"dang_phi.csv, dòng 3, cột Đối tượng: {blank}",
            "dang_phi.csv, dòng 3, cột Giảm: cần ghi tháng bắt đầu và tháng kết thúc được giảm",
        ]
        assert not any("5.000.000" in p for p in problems)


class TestRegisterIdsReadAsTheLoadersRead:
    """A register's «Mã» was kept as typed: an id holding a zero-width space or a NUL
    keyed a payment (or a follow-up record) of no member, without a word, and one with
    a non-breaking space or in NFD was not the member's id the loaders read. It is read
    as the loaders read an id: refused on its row, or read as it shows."""

    @pytest.mark.parametrize("mark", ["\u200b", "\ufeff", "\u200e", "\x00", "\x1b"])
    def test_invisible_character_refused(self, tmp_path: Path, mark: str) -> None:
        from coso_dang.operations import read_member_facts, read_payments, read_status_records

        path = tmp_path / "nop.csv"
        path.write_text(
            f"Mã,Tháng,Số tiền\r\ndv{mark}1,3/2026,5.000\r\ndv2,3/2026,5.000\r\n", "utf-8"
        )
        payments, problems = read_payments(path)
        assert [p.member_id for p in payments] == ["dv2"]
        assert len(problems) == 1
        assert problems[0].startswith("nop.csv, dòng 2, cột Mã: mã có ký tự vô hình")
        path = tmp_path / "theo_doi.csv"
        path.write_text(f"Mã,Năm\r\ndv{mark}1,2025\r\n", "utf-8")
        assert read_status_records(path)[0] == []
        path = tmp_path / "ho_so.csv"
        path.write_text(f"Mã,Truy tặng\r\ndv{mark}1,x\r\n", "utf-8")
        assert read_member_facts(path)[0] == []

    def test_odd_spaces_and_nfd_read_as_shown(self, tmp_path: Path) -> None:
        from coso_dang.operations import read_payments

        nfd = unicodedata.normalize("NFD", "đvĐông")
        path = tmp_path / "nop.csv"
        path.write_text(
            f"Mã,Tháng,Số tiền\r\nCB\u00a001,3/2026,5.000\r\n{nfd},3/2026,5.000\r\n", "utf-8"
        )
        payments, problems = read_payments(path)
        assert [p.member_id for p in payments] == ["CB 01", "đvĐông"]
        assert problems == []

    @pytest.mark.parametrize("cut", ["1,23457E+18", "1.23457E+18", "1E+15"])
    def test_number_a_spreadsheet_rounded_refused(self, tmp_path: Path, cut: str) -> None:
        """An id a spreadsheet stored as a number and rounded ("1,23457E+18") has lost
        its last digits: the loaders refuse it, and a register keyed a payment or a
        follow-up record of no member with it, without a word."""
        from coso_dang.operations import read_payments, read_status_records

        path = tmp_path / "nop.csv"
        path.write_text(
            f'Mã,Tháng,Số tiền\r\n"{cut}",3/2026,5.000\r\ndv2,3/2026,5.000\r\n', "utf-8"
        )
        payments, problems = read_payments(path)
        assert [p.member_id for p in payments] == ["dv2"]
        assert len(problems) == 1
        assert problems[0].startswith("nop.csv, dòng 2, cột Mã: mã là một số lớn")
        path = tmp_path / "theo_doi.csv"
        path.write_text(f'Mã,Năm\r\n"{cut}",2025\r\n', "utf-8")
        records, problems = read_status_records(path)
        assert records == []
        assert len(problems) == 1
