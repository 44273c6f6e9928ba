"""Excel workbooks: round trips, typed and bad cells, sheets, text that is never a formula."""

from __future__ import annotations

import io
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from tests._io_samples import datasets, sample

from coso_dang.dataset import Dataset
from coso_dang.errors import CosoDangError
from coso_dang.evaluation import Evaluation
from coso_dang.io import REDACTED, LoadError, dump, dump_xlsx, load, load_xlsx
from coso_dang.members import Member
from coso_dang.orgs import Organization, OrgKind
from coso_dang.ratings import Rating

openpyxl = pytest.importorskip("openpyxl")


def workbook(sheets: dict[str, list[list[Any]]]) -> io.BytesIO:
    """A workbook with *sheets* of rows, as a stream."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    return buffer


def _saved(buffer: io.BytesIO) -> Path:
    """*buffer* as the workbook ``tinh.xlsx`` in a new folder (load_frames takes paths)."""
    import tempfile

    path = Path(tempfile.mkdtemp()) / "tinh.xlsx"
    path.write_bytes(buffer.getvalue())
    return path


class TestRoundTrip:
    @pytest.mark.parametrize("headers", ["vi", "fields"])
    def test_sample(self, tmp_path: Path, headers: Any) -> None:
        """Every field survives a workbook, with either kind of headers."""
        path = tmp_path / "tinh.xlsx"
        dump_xlsx(sample(), path, headers=headers)
        result = load_xlsx(path)
        assert result.ok, result.problems
        assert result.dataset == sample()

    def test_dispatch(self, tmp_path: Path) -> None:
        """load and dump pick the workbook format by suffix."""
        dump(sample(), tmp_path / "TINH.XLSX")
        assert load(tmp_path / "TINH.XLSX").dataset == sample()

    @settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(data=datasets)
    def test_property(self, data: Dataset) -> None:
        """load_xlsx(dump_xlsx(x)) == x."""
        buffer = io.BytesIO()
        dump_xlsx(data, buffer)
        result = load_xlsx(io.BytesIO(buffer.getvalue()), progress=False)
        assert result.ok, result.problems
        assert result.dataset == data


class TestWrittenAsRead:
    """What a workbook's text and dates hold comes back as written."""

    def test_text_looking_like_an_escape(self, tmp_path: Path) -> None:
        """A text holding "_x0041_" is how Excel writes the character it escapes ("A"):
        written as it stood, an id "dv_x0041_" loaded back as "dvA", and "_xD800_" as half
        a pair. Excel writes the underscore of such a text as "_x005F_"; so does
        dump_xlsx now."""
        data = Dataset(
            [Organization("cb_x0041_", "Chi bộ _xD800_ _x005F_ _x00e0_", OrgKind.CHI_BO_CO_SO)]
        )
        path = tmp_path / "tinh.xlsx"
        dump_xlsx(data, path, verify=True)
        assert load_xlsx(path, progress=False).dataset == data

    @pytest.mark.parametrize(
        "born", [date(1899, 12, 30), date(1899, 12, 31), date(1900, 2, 28), date(1850, 7, 4)]
    )
    def test_days_before_excel_counts_them(self, tmp_path: Path, born: date) -> None:
        """A day before 1/3/1900 was written as Excel's serial number: 30 and 31/12/1899
        both as day 0 (Excel's "00/01/1900", no day), days before 1900 as negative
        numbers, which Excel shows as "#####". Such a day is written as text now, which
        Excel shows and the loaders read back."""
        member = Member("dv1", "Nguyễn Văn An", "cb1", date(2010, 3, 2), birth_date=born)
        data = Dataset([Organization("cb1", "Chi bộ 1", OrgKind.CHI_BO_CO_SO)], [member])
        path = tmp_path / "tinh.xlsx"
        dump_xlsx(data, path, verify=True)
        result = load_xlsx(path, progress=False)
        assert (result.errors, result.dataset) == ((), data)
        # A member born so long ago and still on the rolls is over 120: warned of alone.
        assert [(p.row, p.column) for p in result.warnings] == [(2, "Ngày sinh")]
        assert all("quá 120 tuổi" in p.reason for p in result.warnings)


class TestWritten:
    def test_sheets_and_cells(self) -> None:
        """Sheets are titled in Vietnamese; dates are dates; headers are bold."""
        buffer = io.BytesIO()
        dump_xlsx(sample(), buffer)
        book = openpyxl.load_workbook(buffer)
        assert book.sheetnames == ["Tổ chức", "Đơn vị dân cư", "Đảng viên", "Đánh giá"]
        members = book["Đảng viên"]
        assert members["A1"].value == "Mã"
        assert members["A1"].font.bold
        assert members["D2"].value == datetime(1990, 5, 19)
        assert members["D2"].number_format == "DD/MM/YYYY"
        assert members.freeze_panes == "A2"

    def test_fields_sheets(self) -> None:
        """headers="fields" names the sheets and columns by field."""
        buffer = io.BytesIO()
        dump_xlsx(sample(), buffer, headers="fields")
        book = openpyxl.load_workbook(buffer)
        assert book.sheetnames == ["organizations", "units", "members", "evaluations"]
        assert book["members"]["B1"].value == "full_name"

    def test_formula_text_stays_text(self) -> None:
        """A name starting with "=" is written as text, never as a formula."""
        data = Dataset([Organization("x", "=HYPERLINK(1)", OrgKind.CHI_BO_CO_SO)])
        buffer = io.BytesIO()
        dump_xlsx(data, buffer)
        cell = openpyxl.load_workbook(buffer)["Tổ chức"]["B2"]
        assert cell.data_type == "s"
        assert load_xlsx(io.BytesIO(buffer.getvalue())).dataset == data

    def test_control_character_refused(self) -> None:
        """A text a workbook cannot hold raises CosoDangError naming the record."""
        data = Dataset([Organization("x1", "Chi bộ\x01", OrgKind.CHI_BO_CO_SO)])
        with pytest.raises(CosoDangError, match="Tổ chức 'x1'"):
            dump_xlsx(data, io.BytesIO())

    def test_headers_checked(self) -> None:
        """An unknown headers mode is a ValueError."""
        with pytest.raises(ValueError, match="headers phải là"):
            dump_xlsx(sample(), io.BytesIO(), headers="en")  # type: ignore[arg-type]


class TestTypedCells:
    def test_cells_as_excel_types_them(self) -> None:
        """Numbers for ids and years, datetimes and text dates, booleans all read."""
        buffer = workbook(
            {
                "Đảng viên": [
                    ["Mã", "Họ và tên", "Chi bộ", "Ngày vào Đảng", "Ngày sinh", "Đang công tác"],
                    [123, "Nguyễn Văn An", 7.0, datetime(2020, 3, 2), "16/6/1990", True],
                    ["dv2", "Lê Thị Bình", "cb1", "ngày 3 tháng 2 năm 2021", None, "có"],
                ],
                "danh gia": [
                    ["Mã", "Năm", "Xếp loại", "Điểm"],
                    [123, 2024.0, "HTTNV", 90],
                ],
            }
        )
        result = load_xlsx(buffer)
        assert result.ok, result.problems
        first, second = result.dataset.members
        assert (first.id, first.org_id, first.admitted_on) == ("123", "7", date(2020, 3, 2))
        assert (first.birth_date, first.is_working) == (date(1990, 6, 16), True)
        assert (second.admitted_on, second.is_working) == (date(2021, 2, 3), True)
        assert result.dataset.evaluations == (Evaluation("123", 2024, Rating.HTTNV, score=90),)

    def test_bad_cells_named_with_sheet(self) -> None:
        """Bad cells are problems naming the file, the sheet, the row and the column."""
        buffer = workbook(
            {
                "Đánh giá": [
                    ["Mã", "Năm", "Xếp loại"],
                    ["dv1", 2024, "HTTNV"],
                    ["dv2", 2024.5, "Tốt"],
                    [None, 2024, "HTNV"],
                ],
                "Đảng viên": [
                    ["Mã", "Họ và tên", "Chi bộ", "Ngày vào Đảng", "Ngày sinh"],
                    ["dv1", "An", "cb1", 44000, "31/02/1975"],
                ],
            }
        )
        buffer.name = "tinh.xlsx"
        result = load_xlsx(buffer)
        found = {(p.file, p.row, p.column, p.value) for p in result.problems}
        assert found == {
            ("tinh.xlsx [Đánh giá]", 3, "Năm", "2024.5"),
            ("tinh.xlsx [Đánh giá]", 3, "Xếp loại", "Tốt"),
            ("tinh.xlsx [Đánh giá]", 4, "Mã", ""),
            ("tinh.xlsx [Đảng viên]", 2, "Ngày vào Đảng", "44000"),
            ("tinh.xlsx [Đảng viên]", 2, "Ngày sinh", REDACTED),
        }
        assert len(result.dataset.evaluations) == 1

    def test_unknown_sheets(self) -> None:
        """A sheet with data and an unknown title is a problem; an empty one is ignored."""
        buffer = workbook({"Ghi chú": [["xin chào"]], "Trống": [], "units": [["Mã", "Tên"]]})
        result = load_xlsx(buffer)
        assert [p.file for p in result.problems] == ["<stream> [units]", "<stream> [Ghi chú]"]
        assert "thiếu cột bắt buộc" in result.problems[0].reason

    def test_hidden_rows_are_read_with_a_warning(self) -> None:
        """A row of data the sheet hides (a member who left, hidden or filtered out by the
        clerk) is read, with a warning on its row; it counted without a word."""
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.title = "Đảng viên"
        sheet.append(["Mã", "Họ và tên", "Chi bộ", "Ngày vào Đảng"])
        for n in range(1, 5):
            sheet.append([f"dv{n}", "Nguyễn Văn An", "cb1", "02/03/2010"])
        sheet.append([])
        sheet.row_dimensions[3].hidden = True
        sheet.row_dimensions[5].hidden = True
        sheet.row_dimensions[6].hidden = True  # hidden, but empty: nothing to say
        buffer = io.BytesIO()
        book.save(buffer)
        result = load(_saved(buffer), progress=False)
        assert len(result.dataset.members) == 4
        assert [(p.row, p.severity.value) for p in result.problems] == [
            (3, "warning"),
            (5, "warning"),
        ]
        assert "dòng bị ẩn" in result.problems[0].reason
        pytest.importorskip("polars")
        from coso_dang.io import load_frames

        assert load_frames(_saved(buffer), progress=False).problems == result.problems

    def test_hidden_columns_read_are_warned_of(self) -> None:
        """A column the sheet hides whose data is read (an old «Ngày ra khỏi danh sách»
        the clerk hid) is read, with a warning naming it and its first row of data; a
        hidden column that is empty, or is not read, is passed over."""
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.title = "Đảng viên"
        header = ["Mã", "Họ và tên", "Chi bộ", "Ngày vào Đảng", "Ngày ra khỏi danh sách"]
        sheet.append([*header, "Số điện thoại", "Ghi chú"])
        sheet.append(["dv1", "Nguyễn Văn An", "cb1", "02/03/2010", None, None, "x"])
        sheet.append(["dv2", "Lê Thị Hoa", "cb1", "02/03/2010", "05/06/2020", None, "y"])
        for letter in "BEFG":  # the name and a date read; an empty phone; a note not read
            sheet.column_dimensions[letter].hidden = True
        buffer = io.BytesIO()
        book.save(buffer)
        result = load(_saved(buffer), progress=False)
        assert [m.left_on for m in result.dataset.members] == [None, date(2020, 6, 5)]
        hidden = [p for p in result.problems if "cột bị ẩn" in p.reason]
        assert [(p.row, p.column, p.severity.value) for p in hidden] == [
            (1, "Họ và tên", "warning"),
            (1, "Ngày ra khỏi danh sách", "warning"),
        ]
        assert "từ dòng 3" in hidden[1].reason
        assert result.ok
        pytest.importorskip("polars")
        from coso_dang.io import load_frames

        assert load_frames(_saved(buffer), progress=False).problems == result.problems

    def test_hidden_columns_past_the_table_say_nothing(self) -> None:
        """The unused columns hidden to the right of a table (a range up to the sheet's
        last column) hold nothing read: no warning."""
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.title = "Đảng viên"
        sheet.append(["Mã", "Họ và tên", "Chi bộ", "Ngày vào Đảng"])
        sheet.append(["dv1", "Nguyễn Văn An", "cb1", "02/03/2010"])
        sheet.column_dimensions.group("E", "XFD", hidden=True)
        buffer = io.BytesIO()
        book.save(buffer)
        buffer.seek(0)
        result = load_xlsx(buffer, progress=False)
        assert (len(result.dataset.members), result.problems) == (1, ())

    def test_numbers_shown_with_leading_zeros_read_as_shown(self) -> None:
        """A number whose format pads it with zeros ("000000000000", how a clerk keeps an
        identity number's leading 0) reads as the sheet shows it: an id "00123", not
        "123"; an identity number and a phone whole, not passed over with a warning."""
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.title = "Đảng viên"
        sheet.append(["Mã", "Họ và tên", "Chi bộ", "Ngày vào Đảng", "Số CCCD", "Số điện thoại"])
        sheet.append([123, "An", "cb1", date(2010, 3, 2), 1080012345, 912345678])
        sheet.append([124, "Bình", "cb1", date(2010, 3, 2), 1080012346, 912345679])
        for column, code in ((1, "00000"), (5, "000000000000"), (6, "0000000000;@")):
            sheet.cell(2, column).number_format = code
        buffer = io.BytesIO()
        book.save(buffer)
        buffer.seek(0)
        result = load_xlsx(buffer, progress=False)
        first, second = result.dataset.members
        assert (first.id, first.identity_number, first.phone) == (
            "00123",
            "001080012345",
            "0912345678",
        )
        # Without the format, a number as before: its digits, and the warnings.
        assert (second.id, second.identity_number, second.phone) == ("124", None, None)
        assert [(p.row, p.column, p.severity.value) for p in result.problems] == [
            (3, "Số CCCD", "warning"),
            (3, "Số điện thoại", "warning"),
        ]

    def test_numbers_shown_with_text_around_them_read_as_shown(self) -> None:
        """A number whose format writes text around it ("DV"000 shows 12 as DV012, how a
        clerk types only the digits of an id) is read in an id or text column as the
        sheet shows it, and in a number column as its number: the id loaded as "12"
        before, and the evaluation typed DV012 on another sheet named no member."""
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.title = "Đảng viên"
        sheet.append(["Mã", "Họ và tên", "Chi bộ", "Ngày vào Đảng", "Số điện thoại"])
        sheet.append([12, "An", "cb1", date(2010, 3, 2), 912345678])
        sheet.append([7, "Bình", "cb1", date(2010, 3, 2), None])
        sheet.append([8, "Chi", "cb1", date(2010, 3, 2), None])
        orgs = book.create_sheet("Tổ chức")
        orgs.append(["Mã", "Tên", "Loại tổ chức"])
        orgs.append(["cb1", "Chi bộ thôn 1", "Chi bộ cơ sở"])
        sheet["A2"].number_format = '"DV"000'
        sheet["A3"].number_format = "\\d\\v0"  # each letter escaped, as Excel writes one
        sheet["A4"].number_format = '000"-B"'
        sheet["E2"].number_format = '"0"#########'  # a phone's leading 0 as text
        ratings = book.create_sheet("Đánh giá")
        ratings.append(["Mã", "Năm", "Xếp loại", "Điểm"])
        ratings.append([12, 2024, "HTTNV", 80])
        ratings.append(["DV012", 2023, "HTTNV", 81])
        ratings["A2"].number_format = '"DV"000'
        ratings["B2"].number_format = '"Năm "0'
        ratings["D2"].number_format = '0" điểm"'
        about = book.create_sheet("Thông tin")
        about.append(["Tên bộ dữ liệu", "Năm"])
        about.append(["Xã Tân Lập", 2024])
        about["B2"].number_format = '"Năm "0'
        buffer = io.BytesIO()
        book.save(buffer)
        buffer.seek(0)
        result = load_xlsx(buffer, progress=False, validate=True)
        assert result.problems == ()
        members = result.dataset.members
        assert [(m.id, m.phone) for m in members] == [
            ("DV012", "0912345678"),
            ("dv7", None),
            ("008-B", None),
        ]
        evaluations = result.dataset.evaluations
        assert [(e.subject_id, e.year, e.score) for e in evaluations] == [
            ("DV012", 2024, 80),
            ("DV012", 2023, 81),
        ]
        assert [type(e.year) for e in evaluations] == [int, int]
        assert (result.dataset.name, result.dataset.year) == ("Xã Tân Lập", 2024)

    def test_row_numbering_the_columns(self) -> None:
        """A form's row of column numbers under the header (typed as numbers) is passed
        over with a warning; the same row further down is data, named as such."""
        header = ["STT", "Mã", "Họ và tên", "Chi bộ", "Ngày vào Đảng"]
        member = [1, "dv1", "Nguyễn Văn An", "cb1", date(2010, 3, 2)]
        buffer = workbook({"Đảng viên": [header, ["A", "B", 1, 2, 3], member, [1, 2, 3, 4, 5]]})
        result = load_xlsx(buffer, progress=False)
        assert [m.id for m in result.dataset.members] == ["dv1"]
        assert (result.problems[0].row, result.problems[0].severity.value) == (2, "warning")
        assert {(p.row, p.severity.value) for p in result.problems[1:]} == {(4, "error")}

    def test_an_id_excel_turned_into_a_day_is_refused(self) -> None:
        """An id typed "1-2" that Excel stored as a day (a date cell in an id column) is
        an error on its row; it loaded as the id "2024-01-02", never the one typed."""
        header = ["Mã", "Họ và tên", "Chi bộ", "Ngày vào Đảng"]
        buffer = workbook(
            {
                "Đảng viên": [
                    header,
                    [datetime(2024, 1, 2), "Nguyễn Văn An", "cb1", date(2010, 3, 2)],
                    ["dv2", "Lê Thị Bình", date(2024, 3, 4), date(2010, 3, 2)],
                    ["dv3", "Trần Văn Chi", "cb1", date(2010, 3, 2)],
                ]
            }
        )
        result = load_xlsx(buffer)
        assert [m.id for m in result.dataset.members] == ["dv3"]
        assert [(p.row, p.column, p.severity.value) for p in result.problems] == [
            (2, "Mã", "error"),
            (3, "Chi bộ", "error"),
        ]
        assert "không phải một mã" in result.problems[0].reason

    def test_unknown_sheet_after_a_blank_row(self) -> None:
        """An unknown sheet whose first row holds only blank cells (a space in A1) and data
        below is a problem (its first row was looked at, the data passed over unsaid)."""
        buffer = workbook({"Sheet1": [[" "], ["Mã", "Tên"], ["dv1", "Nguyễn Văn An"]]})
        result = load_xlsx(buffer)
        assert [(p.file, p.row) for p in result.errors] == [("<stream> [Sheet1]", None)]
        assert "không biết trang tính này chứa gì" in result.problems[0].reason

    @pytest.mark.parametrize(
        ("first", "second"),
        [("Đảng viên", "members"), ("Đánh giá", "DANH GIA"), ("about", "Thông tin")],
    )
    def test_one_table_in_two_sheets_is_refused(
        self, tmp_path: Path, first: str, second: str
    ) -> None:
        """Two sheets of one table are refused, as two files of one table in a folder
        are: both were read, and every record they share counted twice."""
        rows = {
            "Đảng viên": [
                ["Mã", "Họ và tên", "Chi bộ", "Ngày vào Đảng"],
                ["dv1", "An", "cb1", "02/03/2010"],
            ],
            "Đánh giá": [["Mã", "Năm", "Xếp loại"], ["dv1", 2024, "HTTNV"]],
            "about": [["name", "year"], ["Tỉnh", 2024]],
        }
        table = next(key for key in rows if key in (first, second))
        path = tmp_path / "tinh.xlsx"
        path.write_bytes(workbook({first: rows[table], second: rows[table]}).getvalue())
        with pytest.raises(LoadError) as caught:
            load(path, progress=False)
        [problem] = caught.value.problems
        assert (problem.file, problem.row) == ("tinh.xlsx", None)
        assert f"2 trang cho cùng một bảng («{first}», «{second}»)" in problem.reason
        pytest.importorskip("polars")
        from coso_dang.io import load_frames

        with pytest.raises(LoadError) as framed:
            load_frames(path, progress=False)
        assert framed.value.problems == caught.value.problems

    def test_one_table_in_three_sheets_says_all_of_them(self) -> None:
        """Three sheets of one table: the reason speaks of all of them, never of "both"."""
        rows = [["Mã", "Năm", "Xếp loại"], ["dv1", 2024, "HTTNV"]]
        buffer = workbook({"Đánh giá": rows, "DANH GIA": rows, "evaluations": rows})
        with pytest.raises(LoadError) as caught:
            load_xlsx(buffer)
        [problem] = caught.value.problems
        assert "3 trang cho cùng một bảng" in problem.reason
        assert "đọc tất cả sẽ làm trùng các bản ghi" in problem.reason
        assert "cả hai" not in problem.reason
        assert "reading them all would duplicate the records" in problem.text("en")
        assert "both" not in problem.text("en")

    def test_strict(self) -> None:
        """strict=True raises one LoadError holding every problem."""
        buffer = workbook({"Đánh giá": [["Mã", "Năm", "Xếp loại"], ["a", "x", "y"]]})
        with pytest.raises(LoadError) as caught:
            load_xlsx(buffer, strict=True)
        assert len(caught.value.problems) == 2

    def test_not_a_workbook(self, tmp_path: Path) -> None:
        """A file that is no workbook raises LoadError naming it."""
        path = tmp_path / "hong.xlsx"
        path.write_bytes(b"PK\x03\x04 not really a zip")
        with pytest.raises(LoadError, match=r"hong\.xlsx") as caught:
            load_xlsx(path)
        assert "không phải tệp Excel" in caught.value.problems[0].reason


class TestEditedZip:
    """A workbook whose zip lost a sheet's part: openpyxl skips it, the loader names it."""

    @staticmethod
    def _without(data: bytes, part: str) -> bytes:
        import zipfile

        out = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
            for info in source.infolist():
                if info.filename != part:
                    target.writestr(info, source.read(info))
        return out.getvalue()

    def test_missing_sheet_part_is_a_problem(self, tmp_path: Path) -> None:
        """No xl/worksheets/sheet1.xml: a problem names the file and the sheet."""
        buffer = io.BytesIO()
        dump_xlsx(sample(), buffer)
        path = tmp_path / "z.xlsx"
        path.write_bytes(self._without(buffer.getvalue(), "xl/worksheets/sheet1.xml"))
        result = load_xlsx(path, progress=False)
        assert result.dataset.organizations == ()
        assert result.dataset.members == sample().members
        assert [(p.file, p.row, p.is_error) for p in result.problems] == [
            ("z.xlsx [Tổ chức]", None, True)
        ]
        assert "xl/worksheets/sheet1.xml" in result.problems[0].reason
        with pytest.raises(LoadError, match=r"z\.xlsx \[Tổ chức\]"):
            load_xlsx(path, strict=True, progress=False)

    def test_every_sheet_part_missing(self) -> None:
        """With every sheet gone, each is named: never an empty load without a word."""
        buffer = io.BytesIO()
        dump_xlsx(Dataset(), buffer)
        data = buffer.getvalue()
        for number in range(1, 5):
            data = self._without(data, f"xl/worksheets/sheet{number}.xml")
        result = load_xlsx(io.BytesIO(data), progress=False)
        assert len(result.dataset) == 0
        assert len(result.errors) == 4

    def test_missing_workbook_rels_is_unreadable(self) -> None:
        """A zip without the workbook's relationships is not a readable workbook."""
        buffer = io.BytesIO()
        dump_xlsx(Dataset(), buffer)
        data = self._without(buffer.getvalue(), "xl/_rels/workbook.xml.rels")
        with pytest.raises(LoadError, match=r"tệp \.xlsx"):
            load_xlsx(io.BytesIO(data), progress=False)
