"""Columnar loading: the same problems, values and rollups as the record loaders.

Every test runs :func:`coso_dang.io.load` and :func:`coso_dang.io.load_frames` on the same
files and compares their problem lists (file, row, column, value, reason, severity),
the records they share, the member tables (the frames against the records' own values)
and the rollups.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path
from typing import Any

import attrs
import polars as pl
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from tests._io_samples import sample

from coso_dang.errors import CosoDangError, TreeError
from coso_dang.io import (
    FrameLoad,
    LoadError,
    LoadResult,
    dump,
    dump_csv,
    dump_parquet,
    dump_xlsx,
    load,
    load_frames,
)
from coso_dang.io._frames import records_frame
from coso_dang.io._schema import EVALUATIONS, MEMBER_EVENTS, MEMBERS
from coso_dang.members import Education, PoliticalTheory
from coso_dang.rollup import rollup
from coso_dang.testing import generate_province

_FRAMED = (("members", MEMBERS), ("evaluations", EVALUATIONS), ("member_events", MEMBER_EVENTS))


def _both(path: Path, **options: Any) -> tuple[LoadResult, FrameLoad]:
    """Both loads of *path*, checked to agree; they are returned for more checks."""
    records = load(path, progress=False, **options)
    frames = load_frames(path, progress=False, **options)
    assert frames.problems == records.problems
    data = records.dataset
    assert (frames.organizations, frames.units) == (data.organizations, data.units)
    assert frames.org_events == data.org_events
    assert (frames.name, frames.year) == (data.name, data.year)
    for key, schema in _FRAMED:
        expected = records_frame(pl, schema, getattr(data, key))
        got = getattr(frames, key)
        assert got.schema == expected.schema, key
        assert got.equals(expected), key
    return records, frames


def _same_rollup(records: LoadResult, frames: FrameLoad, year: int = 2024) -> None:
    """The same rollup, or the same refusal (members of unknown organizations, …)."""
    data = records.dataset
    try:
        expected = rollup(data.tree(), year=year, evaluations=data.evaluations)
    except TreeError:
        with pytest.raises(TreeError):
            frames.rollup(year=year)
    else:
        assert frames.rollup(year=year) == expected


@pytest.fixture(scope="module")
def province() -> Any:
    return generate_province(scale=0.02)


class TestGoodFiles:
    @pytest.mark.parametrize("layout", ["vi", "fields", "parquet", "xlsx"])
    def test_generated_province(self, tmp_path: Path, province: Any, layout: str) -> None:
        if layout == "parquet":
            target = tmp_path / "data.parquet"
            dump_parquet(province, target)
        elif layout == "xlsx":
            target = tmp_path / "data.xlsx"
            dump_xlsx(province, target)
        else:
            target = tmp_path / "csv"
            dump_csv(province, target, headers=layout)  # type: ignore[arg-type]
        records, frames = _both(target)
        assert frames.ok
        assert frames.members.height == len(province.members)
        _same_rollup(records, frames)

    def test_every_field(self, tmp_path: Path) -> None:
        """The sample uses every field, events included."""
        for headers in ("vi", "fields"):
            dump_csv(sample(), tmp_path / headers, headers=headers)  # type: ignore[arg-type]
            _both(tmp_path / headers)
        dump_parquet(sample(), tmp_path / "p")
        _records, frames = _both(tmp_path / "p")
        assert frames.members.height == len(sample().members)

    def test_repr_and_year(self, tmp_path: Path, province: Any) -> None:
        dump_parquet(province, tmp_path / "p")
        frames = load_frames(tmp_path / "p", progress=False)
        assert repr(frames).startswith("FrameLoad(organizations=")
        assert frames.report_year() == 2024
        assert frames.raise_for_problems() is frames
        assert frames.warnings == ()


# -- bad input --------------------------------------------------------------------------------

_ORGS = (
    "Mã,Tên,Loại tổ chức,Mã cấp trên\r\n"
    "xa,Đảng bộ xã Tân Lập,Đảng bộ cơ sở,\r\n"
    "cb1,Chi bộ thôn 1,Chi bộ trực thuộc,xa\r\n"
    "cb2,Chi bộ thôn 2,Chi bộ trực thuộc,xa\r\n"
)
_MEMBER_HEADER = (
    "Mã,Họ và tên,Chi bộ,Ngày vào Đảng,Ngày lễ kết nạp,Ngày chính thức,Ngày sinh,Giới tính,"
    "Chức vụ cấp ủy,Đang công tác,Thời gian gián đoạn,Ngày ra khỏi danh sách"
)
_GOOD_MEMBER = [
    "dv{n}", "Nguyễn Văn An", "cb1", "02/03/2010", "20/03/2010", "", "01/05/1980", "Nam",
    "", "có", "", "",
]  # fmt: skip
_EVAL_HEADER = "Mã,Năm,Xếp loại,Điểm,Lý do không xếp loại"
_GOOD_EVAL = ["dv{n}", "2024", "HTTNV", "80", ""]
_EVENT_HEADER = 'Mã đảng viên,Loại biến động,Ngày,Chi bộ,"Nơi đi, nơi đến",Phạm vi'
_GOOD_EVENT = ["dv{n}", "ket_nap", "02/03/2010", "cb1", "", ""]

#: Cells that each make a row a problem or a warning for the record loader.
_BAD_MEMBER_CELLS = [
    (0, ""),  # required id blank
    (0, "dve\u0301"),  # decomposed: composed to NFC
    (0, "\u200bdv"),  # an invisible character: refused
    (2, "cb1\ufeff"),
    (0, "dv\U000113c2\U000113b8"),  # a pair only a later Unicode composes: as Python does
    (1, "   "),
    # VNI typing read as Unicode, whose tone mark normalizing moves: warned of as typed.
    (1, "Leâ Thò Hoè"),
    (2, "Chi bộ thôn 2"),  # a chi bộ by its name: a warning, the id taken
    (2, "Chi bộ"),  # unknown organization (found by validation only)
    (3, "30/02/2024"),  # a day not in the calendar
    (3, "2/13/2010"),  # a day only month first
    (3, "hôm qua"),
    (3, "2030-01-01"),  # after today
    (4, "01/01/2009"),  # ceremony before admission
    (5, "01/01/2010"),  # official before the ceremony
    (6, "01/05/2000"),  # admitted at nine
    (6, "03/03/2010"),  # born after admission
    (7, "Nam giới"),  # a variant, read
    (7, "đực"),
    (8, "Bí thư chi bộ"),  # a variant, read
    (8, "trưởng thôn"),
    (9, "X"),
    (9, "maybe"),
    (10, "01/02/2011 – 04/05/2012"),
    (10, "01/02/2001 – 04/05/2002"),  # a gap before admission
    (10, "một năm"),
    (11, "01/01/2009"),  # left before admission
    (1, "NguyÔn V¨n An"),  # TCVN3 typing: a warning
    # TCVN3's "ư" read as a soft hyphen, which normalizing drops: converted as typed.
    (1, "L\xadu V¨n H\xadng"),
    (1, "Nguyeãn Vaên An"),  # VNI typing
    (1, "Hoà  Bình"),  # normalized
    (0, "'=1+1"),  # guarded against formulas
    (1, "\x1fAn"),  # a separator Python trims
    (9, "\u3000có"),
    (1, " \x1fAn \x1e"),
    (1, "=HYPERLINK(1)"),
]
#: The columns of numbers kept as text, after the member's other columns.
_NUMBER_HEADER = "Số CCCD,Số điện thoại,Số thẻ đảng viên"
_GOOD_NUMBERS = ["00108900{n}123", "0912 345 67{n}", "27.00{n}123"]
#: Cells of those columns that make a row a problem or a warning for the record loader.
_BAD_NUMBER_CELLS = [
    (0, "0010\u200b89001123"),  # an invisible character: refused
    (0, "\ufeff001089001123"),
    (1, "0912\x00345678"),  # a control character: refused
    (1, "0912\u2060345678"),
    (2, "12\u200e345678"),
    (2, "12\x1b345678"),
    (0, "1.23457E+11"),  # a number a spreadsheet rounded: a warning
    (0, "001\u00a0089 001 123"),  # a non-breaking space: kept as typed
]
_BAD_EVAL_CELLS = [
    (0, ""),
    (0, "dv1\u200e"),  # a direction mark
    (1, "2024.5"),
    (1, "1800"),
    (2, "tốt"),
    (2, "HT tốt NV"),
    (2, ""),
    (3, "101"),
    (4, "ốm"),  # a reason given for a rated member
    (0, "xa"),  # an organization's id, no «Đối tượng» column
]
_BAD_EVENT_CELLS = [
    (1, "đi chơi"),
    (1, "chuyen_di_chinh_thuc"),
    (2, ""),
    (2, "2031-02-02"),
    (4, "cb1"),  # the other side is this side
    (4, "tinh-khac"),  # only for a transfer
    (5, "khac_tinh"),
]


def _write(path: Path, header: str, rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as stream:
        stream.write(header + "\r\n")
        csv.writer(stream, lineterminator="\r\n").writerows(rows)


def _rows(template: list[str], count: int) -> list[list[str]]:
    return [[cell.format(n=n) for cell in template] for n in range(1, count + 1)]


def _folder(tmp_path: Path, members: list[list[str]], evaluations: list[list[str]]) -> Path:
    folder = tmp_path / "data"
    folder.mkdir(exist_ok=True)
    (folder / "to_chuc.csv").write_text(_ORGS, encoding="utf-8-sig")
    _write(folder / "dang_vien.csv", _MEMBER_HEADER, members)
    _write(folder / "danh_gia.csv", _EVAL_HEADER, evaluations)
    return folder


class TestBadInput:
    @pytest.mark.parametrize(("at", "cell"), _BAD_MEMBER_CELLS)
    def test_member_cell(self, tmp_path: Path, at: int, cell: str) -> None:
        members = _rows(_GOOD_MEMBER, 5)
        members[2][at] = cell
        folder = _folder(tmp_path, members, _rows(_GOOD_EVAL, 5))
        records, frames = _both(folder)
        # With validate, the frames leave the members' references to the rollup: the
        # problems they list are the record loader's, less those.
        checked = load_frames(folder, validate=True, progress=False).problems
        full = load(folder, validate=True, progress=False).problems
        assert set(checked) <= set(full)
        assert {p.file for p in set(full) - set(checked)} <= {"dang_vien.csv", "danh_gia.csv"}
        if records.ok:
            _same_rollup(records, frames)

    def test_every_refused_field_of_a_row(self, tmp_path: Path) -> None:
        """A record stops at its first refused field: a row born after its admission,
        its ceremony and its leaving before it, was named for the first only, and once
        corrected refused again. Every one is named, on both paths, in column order."""
        members = _rows(_GOOD_MEMBER, 4)
        members[1][4] = "01/01/2009"  # ceremony before admission
        members[1][6] = "01/01/2011"  # born after admission
        members[1][11] = "01/01/2008"  # left before admission
        members[2][5] = "01/01/2009"  # official before admission, alone
        folder = _folder(tmp_path, members, _rows(_GOOD_EVAL, 4))
        records, _frames = _both(folder)
        assert [m.id for m in records.dataset.members] == ["dv1", "dv4"]
        assert [(p.row, p.column) for p in records.problems] == [
            (3, "Ngày vào Đảng"),
            (3, "Ngày lễ kết nạp"),
            (3, "Ngày ra khỏi danh sách"),
            (4, "Ngày chính thức"),
        ]
        assert "1/2011" not in str(records.problems[0])  # a birth date is never shown

    @pytest.mark.parametrize(("at", "cell"), _BAD_NUMBER_CELLS)
    def test_number_cell(self, tmp_path: Path, at: int, cell: str) -> None:
        numbers = _rows(_GOOD_NUMBERS, 5)
        numbers[2][at] = cell
        members = [m + n for m, n in zip(_rows(_GOOD_MEMBER, 5), numbers, strict=True)]
        folder = _folder(tmp_path, [], _rows(_GOOD_EVAL, 5))
        _write(folder / "dang_vien.csv", _MEMBER_HEADER + "," + _NUMBER_HEADER, members)
        records, _frames = _both(folder)
        said = [(p.row, p.value, p.is_error) for p in records.problems]
        if records.ok:
            assert said in ([], [(4, "…", False)])
        else:
            assert said == [(4, "…", True)]
            assert "ký tự vô hình" in records.problems[0].reason

    @pytest.mark.parametrize(("at", "cell"), _BAD_EVAL_CELLS)
    def test_evaluation_cell(self, tmp_path: Path, at: int, cell: str) -> None:
        evaluations = _rows(_GOOD_EVAL, 5)
        evaluations[1][at] = cell
        if at == 3:
            evaluations[1][4] = ""
        folder = _folder(tmp_path, _rows(_GOOD_MEMBER, 5), evaluations)
        records, frames = _both(folder)
        if cell == "xa":  # an organization's evaluation, told by its id
            assert frames.evaluations.get_column("subject").to_list()[1] == "organization"
        elif cell not in ("HT tốt NV", ""):  # a variant; not rated
            assert not records.ok

    @pytest.mark.parametrize(("at", "cell"), _BAD_EVENT_CELLS)
    def test_event_cell(self, tmp_path: Path, at: int, cell: str) -> None:
        events = _rows(_GOOD_EVENT, 4)
        events[3][at] = cell
        folder = _folder(tmp_path, _rows(_GOOD_MEMBER, 4), _rows(_GOOD_EVAL, 4))
        _write(folder / "bien_dong_dang_vien.csv", _EVENT_HEADER, events)
        _both(folder)
        _both(folder, validate=True)

    @pytest.mark.parametrize(
        ("cell", "refused"),
        [
            ("0000-01-01", True),
            ("-0001-01-01", True),
            ("+12345-06-07", True),
            ("1980-1-5", True),
            (" 1980-01-05", False),  # trimmed, as every cell
        ],
    )
    def test_event_date_among_iso_dates(self, tmp_path: Path, cell: str, refused: bool) -> None:
        """A date column written all in ISO is read by polars at once; a cell the date
        codec refuses there (some polars reads as a day, year 0 among them, which no
        Python date holds) is a problem on both paths, never a crash of the columnar."""
        events = _rows(["dv{n}", "ket_nap", "2010-03-0{n}", "cb1", "", ""], 4)
        events[2][2] = cell
        folder = _folder(tmp_path, _rows(_GOOD_MEMBER, 4), _rows(_GOOD_EVAL, 4))
        _write(folder / "bien_dong_dang_vien.csv", _EVENT_HEADER, events)
        records, frames = _both(folder)
        errors = [(p.file, p.row) for p in records.problems if p.is_error]
        assert errors == ([("bien_dong_dang_vien.csv", 4)] if refused else [])
        assert frames.member_events.height == (3 if refused else 4)

    @pytest.mark.parametrize("kind", ["csv", "parquet"])
    def test_events_checked_with_validate(self, tmp_path: Path, kind: str) -> None:
        """With validate, an event of no member is an error and one in a chi bộ no
        organization names a warning, as the record loader says them: same file, row,
        column, value, reason and order (the frames were not checked at all)."""
        members = _rows(_GOOD_MEMBER, 8)
        members[3][3] = "không rõ"  # dv4's row does not load: its event points at it
        events = _rows(_GOOD_EVENT, 8)
        events[1][0] = "dv9"  # no such member: the nearest id is suggested
        events[2][1] = "đi chơi"  # a row that does not load: the rows after it move up
        events[4][3] = "cb9"  # no such chi bộ: a warning
        events[5][0], events[5][3] = "xyz", "cb8"  # both
        events[6][1] = "Kết nạp"  # a label: the row is read by the record loader
        folder = _folder(tmp_path, members, _rows(_GOOD_EVAL, 3))
        _write(folder / "bien_dong_dang_vien.csv", _EVENT_HEADER, events)
        if kind == "parquet":
            csvs = sorted(folder.glob("*.csv"))
            for file in csvs:
                table = pl.read_csv(file, infer_schema=False, encoding="utf8-lossy")
                table.write_parquet(file.with_suffix(".parquet"))
                file.unlink()
        records, _ = _both(folder, validate=True)
        events_file = f"bien_dong_dang_vien.{kind}"
        said = [
            (p.row, p.column, p.severity.value) for p in records.problems if p.file == events_file
        ]
        assert said == [
            (4, "Loại biến động", "error"),  # loading's problems, then validation's
            (3, "Mã đảng viên", "error"),  # dv9, with the nearest id
            (5, "Mã đảng viên", "error"),  # dv4, pointing at its row
            (6, "Chi bộ", "warning"),
            (7, "Mã đảng viên", "error"),
            (7, "Chi bộ", "warning"),
        ]

    @pytest.mark.parametrize(
        "text",
        [
            "DANH SÁCH ĐẢNG VIÊN\r\n" + _MEMBER_HEADER + "\r\n",  # a title above the header
            _MEMBER_HEADER + ",\r\n",  # a column without a header
            _MEMBER_HEADER + ",Cột lạ\r\n",  # an unknown column
            "Mã,Họ và tên,Ngày vào Đảng\r\n",  # a required column missing
            _MEMBER_HEADER.replace(",", ";") + "\r\n",  # semicolons
        ],
    )
    def test_layout(self, tmp_path: Path, text: str) -> None:
        folder = _folder(tmp_path, [], _rows(_GOOD_EVAL, 2))
        delimiter = ";" if ";" in text else ","
        width = text.splitlines()[-1].count(delimiter) + 1
        rows = [(_GOOD_MEMBER + [""] * width)[:width] for _ in range(3)]
        body = "".join(
            delimiter.join(c.format(n=i) for c in row) + "\r\n" for i, row in enumerate(rows)
        )
        (folder / "dang_vien.csv").write_text(text + body, encoding="utf-8")
        _both(folder)

    @pytest.mark.parametrize(
        "line",
        [
            "dv9,Nguyễn Văn An,cb1",  # a short row
            "dv9,Nguyễn Văn An,cb1,02/03/2010,,,,,,,,,extra",  # a long row
            'dv9,"Nguyễn\r\nVăn An",cb1,02/03/2010,,,,,,,,',  # a name over two lines
            'dv9,Nguyễn "Văn" An,cb1,02/03/2010,,,,,,,,',  # a stray quote
            "dv9,Nguyễn\rVăn An,cb1,02/03/2010,,,,,,,,",  # a lone carriage return ends a line
            'dv9,"Nguyễn\rVăn An",cb1,02/03/2010,,,,,,,,',  # and a quoted cell spans it
            ",,,,,,,,,,,",  # a blank row
            "",  # an empty line
        ],
    )
    def test_structure(self, tmp_path: Path, line: str) -> None:
        folder = _folder(tmp_path, _rows(_GOOD_MEMBER, 3), _rows(_GOOD_EVAL, 3))
        with (folder / "dang_vien.csv").open("a", encoding="utf-8", newline="") as stream:
            stream.write(line + "\r\n")
            stream.write("dv10,Lê Thị Bình,cb2,02/03/2012,,,,Nữ,,,,\r\n")
        _both(folder)

    @pytest.mark.parametrize(
        "title",
        [
            "",
            "DANH SÁCH ĐẢNG VIÊN\r\n",
            '"DANH SÁCH\nĐẢNG VIÊN"\r\n',  # a title over two lines: one row
            'DANH SÁCH "ĐẢNG VIÊN\r\n',  # a quote inside a cell is a character
        ],
    )
    def test_header_cell_over_two_lines(self, tmp_path: Path, title: str) -> None:
        """A header cell typed with a line break (Alt+Enter in Excel, saved as a quoted
        cell over two lines): the header is read whole, its rows load, numbered as the
        spreadsheet shows them (the header was cut at the break, its columns missing)."""
        header = _MEMBER_HEADER.replace("Ngày vào Đảng", '"Ngày vào\nĐảng"')
        members = _rows(_GOOD_MEMBER, 3)
        members[1][3] = "sai"
        folder = _folder(tmp_path, [], [])
        _write(folder / "dang_vien.csv", title + header, members)
        records, _ = _both(folder)
        assert [m.id for m in records.dataset.members] == ["dv1", "dv3"]
        said = [(p.row, p.column, p.severity.value) for p in records.problems]
        row = 4 if title else 3
        expected = [(row, "Ngày vào\nĐảng", "error")]
        if title:
            expected.insert(0, (1, "", "warning"))
        assert said == expected

    @pytest.mark.parametrize("extra", [",", ",,", ", "])
    def test_header_ending_in_blank_cells(self, tmp_path: Path, extra: str) -> None:
        """A header line ending in a separator (or a few, a space cell): blank header
        cells name no column, yet each row without them was refused as cut short ("dòng
        có 12 ô nhưng tiêu đề có 13 cột"): no member loaded. A row still cut short of a
        named column is refused as before."""
        members = _rows(_GOOD_MEMBER, 4)
        members[2] = members[2][:-1]  # no cell for «Ngày ra khỏi danh sách»
        folder = _folder(tmp_path, [], [])
        _write(folder / "dang_vien.csv", _MEMBER_HEADER + extra, members)
        records, _ = _both(folder)
        assert [m.id for m in records.dataset.members] == ["dv1", "dv2", "dv4"]
        assert [(p.row, p.column) for p in records.problems] == [(4, "")]
        assert "dòng có 11 ô nhưng tiêu đề có 12 cột" in records.problems[0].reason

    @pytest.mark.parametrize(
        "line",
        [
            'dv4,Lê 5"A,cb1,02/03/2010,"Thôn 1"',  # a quote inside a cell, a quoted cell after
            'dv4,"Lê A"x,cb1,02/03/2010,"Thôn 1, xã 2"',  # text after a cell's closing quote
            'dv4, "Lê, A",cb1,02/03/2010,x',  # a space before the quote: no quoting
        ],
    )
    @pytest.mark.parametrize("end", ["", "\r\n"])
    def test_quotes_inside_cells(self, tmp_path: Path, line: str, end: str) -> None:
        """A quote that does not open a cell is a character, as the csv module reads it.
        The columnar loader counted the cells of such a line by pairing its quotes (5"A
        with the quote of the cell after it): a row of 5 cells read as 2, refused as cut
        short ("dòng có 2 ô"), where the record loader loaded it."""
        folder = _folder(tmp_path, [], [])
        header = "Mã,Họ và tên,Chi bộ,Ngày vào Đảng,Địa chỉ"
        text = f"{header}\r\ndv3,Lê Hoa,cb1,02/03/2010,a\r\n{line}{end}"
        (folder / "dang_vien.csv").write_text(text, encoding="utf-8")
        records, _ = _both(folder)
        assert [m.id for m in records.dataset.members][:1] == ["dv3"]

    @pytest.mark.parametrize("lead", ["\r\n", "\r\n\r\n", "  \n", "\ufeff\r\n"])
    def test_blank_lines_above_the_header(self, tmp_path: Path, lead: str) -> None:
        """A blank line (or a few) above the header, as a hand-edited file or one joined
        from others may have: the file was refused whole as empty ("tệp trống: không có
        dòng tiêu đề"). The header is found below them, as below a title, and the rows
        keep the numbers a spreadsheet shows."""
        members = _rows(_GOOD_MEMBER, 3)
        members[1][3] = "sai"
        folder = _folder(tmp_path, [], [])
        _write(folder / "dang_vien.csv", lead + _MEMBER_HEADER, members)
        records, _ = _both(folder)
        assert [m.id for m in records.dataset.members] == ["dv1", "dv3"]
        header_row = lead.count("\n") + 1
        assert [(p.row, p.column) for p in records.problems] == [(header_row + 2, "Ngày vào Đảng")]

    def test_a_file_of_blank_lines_is_empty(self, tmp_path: Path) -> None:
        folder = _folder(tmp_path, [], [])
        (folder / "dang_vien.csv").write_text("\r\n \r\n\r\n", encoding="utf-8")
        for loader in (load, load_frames):
            with pytest.raises(LoadError, match="tệp trống"):
                loader(folder, progress=False)

    def test_admission_before_the_party_was_founded(self, tmp_path: Path) -> None:
        """An admission before 3/2/1930, when the Party was founded (a year typed 0210 or
        1910 for 2010), loads with a warning on its row both ways; it loaded unsaid, a
        member of 1.800 years' standing for the badge lists."""
        members = _rows(_GOOD_MEMBER, 5)
        for row, day in ((1, "02/03/0210"), (2, "02/02/1930"), (3, "03/02/1930")):
            members[row][3], members[row][4], members[row][6] = day, "", ""
        folder = _folder(tmp_path, members, [])
        records, _ = _both(folder)
        assert len(records.dataset.members) == 5
        assert [(p.row, p.column, p.severity.value) for p in records.problems] == [
            (3, "Ngày vào Đảng", "warning"),
            (4, "Ngày vào Đảng", "warning"),
        ]
        assert "03/02/1930" in records.problems[0].reason

    @pytest.mark.parametrize("name", ["dang_vien.txt", "DANG_VIEN.XLSX", "units.tsv"])
    def test_table_saved_in_another_format(self, tmp_path: Path, name: str) -> None:
        """A table saved beside the CSV files in another format (Excel's "Text (Tab
        delimited)" is dang_vien.txt) is named, not read: the table was missing unsaid
        and the folder loaded without a problem."""
        folder = _folder(tmp_path, [], _rows(_GOOD_EVAL, 2))
        (folder / "dang_vien.csv").unlink()
        (folder / name).write_text(_MEMBER_HEADER.replace(",", "\t") + "\r\n", encoding="utf-8")
        (folder / "dang_vien.csv.bak").write_text("x", encoding="utf-8")  # a copy: not a table
        (folder / "ghi_chu.txt").write_text("x", encoding="utf-8")
        (folder / "about.txt").write_text("x", encoding="utf-8")  # a note on the data
        records, _ = _both(folder)
        assert [(p.file, p.row, p.severity.value) for p in records.problems] == [
            (name, None, "error")
        ]
        assert f"{name.rpartition('.')[0]}.csv" in records.problems[0].reason

    def test_header_broken_by_a_carriage_return(self, tmp_path: Path) -> None:
        """A lone carriage return in the header ends its line for Python, not for polars:
        the rest of the header is a short row, named both ways (the frames skipped it
        with the header)."""
        header = _MEMBER_HEADER.replace("danh sách", "danh\rsách")
        folder = _folder(tmp_path, [], [])
        _write(folder / "dang_vien.csv", header, _rows(_GOOD_MEMBER, 3))
        records, _ = _both(folder)
        assert [(p.row, p.severity.value) for p in records.problems] == [
            (1, "warning"),  # «Ngày ra khỏi danh»: no such column
            (2, "error"),  # «sách»: a row of one cell
        ]
        assert len(records.dataset.members) == 3

    @pytest.mark.parametrize(
        ("numbers", "passed_over"),
        [
            ([f"({n})" for n in range(1, 13)], True),
            (["A", "B", *map(str, range(1, 11))], True),
            (["1", "2", "3"] + [""] * 9, True),
            (["1", "2", "4"] + [""] * 9, False),  # not in order: a row of data
            (["(1)", "(2)"] + [""] * 10, False),  # two: too few to tell
        ],
    )
    def test_row_numbering_the_columns(
        self, tmp_path: Path, numbers: list[str], passed_over: bool
    ) -> None:
        """The row under the header that numbers the columns, as official forms do, is
        passed over with a warning, both ways (it was a row of errors: an id "(1)",
        a date "(4)")."""
        folder = _folder(tmp_path, [numbers, *_rows(_GOOD_MEMBER, 2)], [])
        records, _ = _both(folder)
        assert len(records.dataset.members) == 2
        said = {(p.row, p.severity.value) for p in records.problems}
        assert (said == {(2, "warning")}) is passed_over
        assert all(p.row == 2 for p in records.problems)

    def test_not_utf8(self, tmp_path: Path) -> None:
        folder = _folder(tmp_path, _rows(_GOOD_MEMBER, 3), _rows(_GOOD_EVAL, 3))
        with (folder / "dang_vien.csv").open("ab") as stream:
            stream.write(b"dv7,Nguy" + b"\xe9n,cb1,02/03/2010,,,,,,,,\r\n")
        _both(folder)

    def test_too_many_problems(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """Past the table's problem limit, neither loader reads on."""
        monkeypatch.setattr("coso_dang.io._collect.MAX_TABLE_PROBLEMS", 3)
        members = _rows(_GOOD_MEMBER, 12)
        for row in (1, 4, 5, 8):
            members[row][3] = "sai"
        folder = _folder(tmp_path, members, _rows(_GOOD_EVAL, 12))
        _records, frames = _both(folder)
        assert frames.members.height == 3  # rows 2, 4 and 5 of the file; row 7 stops it

    @pytest.mark.parametrize("kind", ["csv", "parquet"])
    @pytest.mark.parametrize("after", [0, 1, 2])
    def test_problems_filled_on_the_last_row(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str, after: int
    ) -> None:
        """A table whose last row brings its errors to the limit stops there, unsaid: no
        row is left unread. The CSV loader (and the frames, both formats) said "from row
        N the rest of the table is not read" of a row past the end of the table; the
        Parquet loader did not, so its two loaders disagreed."""
        monkeypatch.setattr("coso_dang.io._collect.MAX_TABLE_PROBLEMS", 3)
        members = _rows(_GOOD_MEMBER, 5 + after)
        for row in (1, 3, 4):
            members[row][3] = "sai"
        folder = _folder(tmp_path, members, [])
        (folder / "danh_gia.csv").unlink()
        if kind == "parquet":
            for file in sorted(folder.glob("*.csv")):
                table = pl.read_csv(file, infer_schema=False)
                table.write_parquet(file.with_suffix(".parquet"))
                file.unlink()
        records, _ = _both(folder)
        stops = [p.row for p in records.problems if "phần còn lại của bảng" in p.reason]
        assert stops == ([7] if after else [])
        assert len(records.problems) == 3 + bool(after)

    def test_strict(self, tmp_path: Path) -> None:
        members = _rows(_GOOD_MEMBER, 3)
        members[1][3] = "sai"
        folder = _folder(tmp_path, members, [])
        with pytest.raises(LoadError) as by_records:
            load(folder, strict=True, progress=False)
        with pytest.raises(LoadError) as by_frames:
            load_frames(folder, strict=True, progress=False)
        assert by_frames.value.problems == by_records.value.problems
        frames = load_frames(folder, progress=False)
        assert not frames.ok
        assert len(frames.errors) == 1
        with pytest.raises(LoadError):
            frames.raise_for_problems()

    def test_single_file(self, tmp_path: Path) -> None:
        folder = _folder(tmp_path, _rows(_GOOD_MEMBER, 3), [])
        _both(folder / "dang_vien.csv")
        _both(folder / "to_chuc.csv")

    def test_unknown_file_and_parquet_columns(self, tmp_path: Path) -> None:
        folder = _folder(tmp_path, _rows(_GOOD_MEMBER, 3), _rows(_GOOD_EVAL, 3))
        (folder / "ghi_chu.csv").write_text("a,b\r\n1,2\r\n", encoding="utf-8")
        _both(folder)
        parquet = tmp_path / "p"
        parquet.mkdir()
        pl.DataFrame(
            {
                "Mã": ["dv1", "dv2", " ", "dv4"],
                "Họ tên": ["An", "Bình", "Chi", "NguyÔn"],
                "Mã chi bộ": ["cb1", "cb1", "cb1", "cb1"],
                "Ngày kết nạp": ["2/3/2010", "2010-03-02", "x", "2/3/2010"],
                "CCCD": [1, 2, 3, 4],
            }
        ).write_parquet(parquet / "dang_vien.parquet")
        pl.DataFrame(
            {"Mã": ["dv1", "dv2"], "Năm": [2024, 1700], "Xếp loại": ["HT tốt NV", "tốt"]}
        ).write_parquet(parquet / "danh_gia.parquet")
        pl.DataFrame({"x": [1]}).write_parquet(parquet / "khac.parquet")
        records, _ = _both(parquet)
        assert len(records.errors) >= 3


def test_parquet_cells_that_are_no_text_number_or_date(tmp_path: Path) -> None:
    """Bytes, lists and structures (a column another tool wrote so) and a number that is
    none (NaN, ∞) are refused, not read as their Python form (``b'dv1'``, ``nan``); a
    decimal in a column of numbers with leading zeros is warned of as an integer is."""
    import decimal

    folder = tmp_path / "p"
    folder.mkdir()
    pl.read_csv(_ORGS.encode(), infer_schema=False).write_parquet(folder / "to_chuc.parquet")
    pl.DataFrame(
        {
            "Mã": [b"dv1", b"dv2", None],
            "Họ tên": [["An"], ["Bình"], ["Chi"]],
            "Mã chi bộ": ["cb1"] * 3,
            "Ngày kết nạp": ["2/3/2010"] * 3,
        }
    ).write_parquet(folder / "dang_vien.parquet")
    pl.DataFrame(
        {
            "Mã": [1.0, float("nan"), float("inf")],
            "Năm": [2024] * 3,
            "Xếp loại": [{"a": "HTTNV"}, {"a": "HTNV"}, {"a": None}],
            "Điểm": [80.0, float("nan"), 70.0],
        }
    ).write_parquet(folder / "danh_gia.parquet")
    records, _frames = _both(folder)
    assert (records.dataset.members, records.dataset.evaluations) == ((), ())
    said = {(p.file, p.row, p.column): (p.value, p.reason) for p in records.problems}
    assert said[("dang_vien.parquet", 2, "Mã")][1].startswith("ô chứa dữ liệu kiểu bytes")
    assert said[("dang_vien.parquet", 3, "Họ tên")][1].startswith("ô chứa dữ liệu kiểu list")
    assert said[("danh_gia.parquet", 2, "Xếp loại")][1].startswith("ô chứa dữ liệu kiểu dict")
    assert said[("danh_gia.parquet", 3, "Mã")] == ("nan", "ô số không đọc được")
    assert said[("danh_gia.parquet", 4, "Mã")] == ("inf", "ô số không đọc được")
    assert said[("danh_gia.parquet", 3, "Điểm")] == ("…", "ô số không đọc được")

    pl.DataFrame(
        {
            "Mã": ["dv1"],
            "Họ tên": ["An"],
            "Mã chi bộ": ["cb1"],
            "Ngày kết nạp": ["2/3/2010"],
            "Số điện thoại": [decimal.Decimal("912345678")],
        }
    ).write_parquet(folder / "dang_vien.parquet")
    (folder / "danh_gia.parquet").unlink()
    records, _frames = _both(folder)
    (warning,) = records.problems
    assert (warning.column, warning.value, warning.is_error) == ("Số điện thoại", "…", False)
    assert records.dataset.members[0].phone is None


def test_coded_columns_of_many_rows_with_odd_cells(tmp_path: Path) -> None:
    """A Parquet table of hundreds of rows whose coded columns repeat a few values, odd
    ones among them (padded, unknown, blank, a separator at an end)."""
    n = 400
    genders = ["Nam", "Nữ", " nữ ", "nam\x1f", "", "khác lạ", "NU"]
    ratings = ["HTTNV", "HT tốt NV", "HTXSNV", " htnv", "tốt", ""]
    pl.DataFrame(
        {
            "Mã": [f"dv{i}" for i in range(n)],
            "Họ tên": ["Lê Văn An"] * n,
            "Mã chi bộ": ["cb1"] * n,
            "Ngày kết nạp": ["2/3/2010"] * n,
            "Giới tính": [genders[i % 97 % len(genders)] for i in range(n)],
        }
    ).write_parquet(tmp_path / "dang_vien.parquet")
    pl.DataFrame(
        {
            "Mã": [f"dv{i}" for i in range(n)],
            "Năm": [2024] * n,
            "Xếp loại": [ratings[i % 89 % len(ratings)] for i in range(n)],
        }
    ).write_parquet(tmp_path / "danh_gia.parquet")
    (tmp_path / "to_chuc.csv").write_text(_ORGS, encoding="utf-8-sig")
    parquet = tmp_path / "p"
    parquet.mkdir()
    for name in ("dang_vien.parquet", "danh_gia.parquet"):
        (tmp_path / name).rename(parquet / name)
    pl.read_csv(tmp_path / "to_chuc.csv", infer_schema=False).write_parquet(
        parquet / "to_chuc.parquet"
    )
    records, frames = _both(parquet)
    assert not records.ok  # the unknown gender and rating are refused, row by row
    assert frames.members.height + frames.evaluations.height > n


# -- mutations -----------------------------------------------------------------------------

_BAD_CELLS = {cell for _, cell in (*_BAD_MEMBER_CELLS, *_BAD_EVAL_CELLS, *_BAD_EVENT_CELLS)}
_PLAIN_CELLS = [
    *sorted(_BAD_CELLS),
    "",
    " ",
    "dv1",
    "cb1",
    "có",
    "0",
    "2024",
    "HTXSNV",
    "16/6/2022",
    "\xa0",
    '"',
]
# Space at a cell's ends as clerks' files have it: Python trims every one of these, polars
# some of them; the two loaders must still agree.
_SPACE = st.sampled_from(["", " ", "\t", "\xa0", "\u2003", "\x1c", "\x1f", "\u3000", "\x85"])
_CELLS = st.one_of(
    st.sampled_from(_PLAIN_CELLS),
    st.builds(
        lambda left, cell, right: left + cell + right, _SPACE, st.sampled_from(_PLAIN_CELLS), _SPACE
    ),
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    changes=st.lists(
        st.tuples(st.integers(0, 5), st.integers(0, 11), _CELLS), min_size=1, max_size=6
    ),
    evaluation_changes=st.lists(
        st.tuples(st.integers(0, 5), st.integers(0, 4), _CELLS), max_size=4
    ),
)
# An evaluation whose id is a member's and an organization's, read by the record loader
# (its id untrimmed by polars; or its whole table, for a separator inside a cell): the
# loader must know the members, which are a frame here.
@example(changes=[(0, 0, "cb1")], evaluation_changes=[(0, 0, "cb1\x1c")])
@example(changes=[(0, 0, "cb1")], evaluation_changes=[(0, 0, "\x1fAn"), (1, 0, "cb1")])
def test_mutated_files(
    tmp_path_factory: pytest.TempPathFactory,
    changes: list[tuple[int, int, str]],
    evaluation_changes: list[tuple[int, int, str]],
) -> None:
    """Any mix of bad cells: the same problems, values and (when loadable) rollup."""
    members = _rows(_GOOD_MEMBER, 6)
    evaluations = _rows(_GOOD_EVAL, 6)
    for row, at, cell in changes:
        members[row][at] = cell
    for row, at, cell in evaluation_changes:
        evaluations[row][at] = cell
    folder = _folder(tmp_path_factory.mktemp("m"), members, evaluations)
    records, frames = _both(folder)
    if records.ok:
        _same_rollup(records, frames)


# -- Parquet ---------------------------------------------------------------------------------


class TestParquet:
    @pytest.mark.parametrize(
        "name", ["danh_gia.xlsx", "evaluations.json", "dang_vien.pq", "members.txt"]
    )
    def test_a_table_in_another_format_beside_the_tables_is_named(
        self, tmp_path: Path, name: str
    ) -> None:
        """A file named for a table but not ``.parquet`` in a Parquet folder (a workbook
        of the ratings left beside the tables) is not read: named, by both loaders, as a
        CSV folder names it; its rows were missing without a word."""
        folder = tmp_path / "p"
        dump_parquet(generate_province(scale=0.002), folder)
        (folder / "notes.txt").write_text("ghi chú", encoding="utf-8")  # no table's name
        (folder / name).write_bytes(b"Ma,Nam\r\ndv1,2024\r\n")
        records, _frames = _both(folder)
        (problem,) = records.problems
        assert (problem.file, problem.row, problem.severity.value) == (name, None, "error")
        assert "không phải tệp .parquet" in problem.reason
        assert not records.ok

    @pytest.mark.parametrize(
        ("column", "values"),
        [
            ("Số nhiệm vụ", pl.Series([5, 7], dtype=pl.Int16)),
            ("Năm", pl.Series([24, 2024], dtype=pl.UInt16)),
            ("Năm", pl.Series([24, 100], dtype=pl.UInt8)),
            ("Năm", pl.Series([-5, 2024], dtype=pl.Int16)),
            ("Năm", pl.Series([2024, 2**63 + 5], dtype=pl.UInt64)),
        ],
    )
    def test_integers_of_any_width(self, tmp_path: Path, column: str, values: Any) -> None:
        """A writer's choice of integer type: read as the record loader reads it."""
        folder = tmp_path / "p"
        folder.mkdir()
        orgs = pl.read_csv(io.StringIO(_ORGS), infer_schema=False)
        orgs.write_parquet(folder / "to_chuc.parquet")
        table = {"Mã": ["xa", "cb1"], "Năm": [2024, 2024], "Xếp loại": ["HTTNV", "HTTNV"]}
        pl.DataFrame({**table, column: values}).write_parquet(folder / "danh_gia.parquet")
        _both(folder)

    @pytest.mark.parametrize("beyond", [False, True])
    def test_timestamps_with_a_zone_are_days_in_vietnam(self, tmp_path: Path, beyond: bool) -> None:
        """A date saved as a moment with its zone (Spark, or an app, writes Hà Nội's
        midnight as 17:00 UTC the day before) is the day in Vietnam: 02/03/2010, not
        01/03/2010 — also beside a moment past the year 9999 in the same column."""
        folder = tmp_path / "p"
        folder.mkdir()
        moments = [
            dt.datetime(2010, 3, 1, 17, tzinfo=dt.timezone.utc),  # 00:00 on 02/03 in Hà Nội
            dt.datetime(2012, 5, 6, 23, 30, tzinfo=dt.timezone.utc),  # 06:30 on 07/05
            dt.datetime(2015, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=7))),
        ]
        values = pl.Series(moments, dtype=pl.Datetime("us", "UTC"))
        if beyond:
            values = values.append(pl.Series([253402300800 * 10**6]).cast(pl.Datetime("us", "UTC")))
        count = values.len()
        pl.DataFrame(
            {
                "Mã": [f"dv{n}" for n in range(count)],
                "Họ và tên": ["Nguyễn Văn An"] * count,
                "Chi bộ": ["cb1"] * count,
                "Ngày vào Đảng": values,
            }
        ).write_parquet(folder / "dang_vien.parquet")
        records, frames = _both(folder)
        expected = [dt.date(2010, 3, 2), dt.date(2012, 5, 7), dt.date(2015, 1, 1)]
        assert [m.admitted_on for m in records.dataset.members] == expected
        assert frames.members.get_column("admitted_on").to_list() == expected
        assert [(p.row, p.column) for p in records.problems] == (
            [(5, "Ngày vào Đảng")] if beyond else []
        )

    @pytest.mark.parametrize("zone", ["Asia/Ho_Chi_Minh", "Asia/Saigon"])
    def test_midnights_in_vietnams_own_zone_are_their_days(self, tmp_path: Path, zone: str) -> None:
        """Dates saved as midnights in Vietnam's own zone (a pandas or polars column
        localized to it): its history puts 1942-1945, 1947-1955 and 1959-1975 at UTC+8,
        and read at UTC+7 those midnights were the day before (a birth on 01/5/1965 read
        as 30/4/1965). The wall clock's day is read, on both paths."""
        folder = tmp_path / "p"
        folder.mkdir()
        days = [dt.date(1965, 5, 1), dt.date(1950, 1, 1), dt.date(1944, 8, 19), dt.date(2010, 3, 2)]
        values = pl.Series(days).cast(pl.Datetime("us")).dt.replace_time_zone(zone)
        pl.DataFrame(
            {
                "Mã": [f"dv{n}" for n in range(len(days))],
                "Họ và tên": ["Nguyễn Văn An"] * len(days),
                "Chi bộ": ["cb1"] * len(days),
                "Ngày vào Đảng": values,
            }
        ).write_parquet(folder / "dang_vien.parquet")
        records, frames = _both(folder)
        assert [m.admitted_on for m in records.dataset.members] == days
        assert frames.members.get_column("admitted_on").to_list() == days
        assert records.problems == ()

    @pytest.mark.parametrize("zone", ["Z", "+07", "ICT"])
    def test_a_time_zone_polars_does_not_know(
        self, tmp_path: Path, zone: str, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A timestamp column whose zone polars cannot parse ("Z", as some writers put
        it): polars panicked, a BaseException past every handler, and the command line
        printed a Python traceback. The file is refused, the zone named, exit 2."""
        pa = pytest.importorskip("pyarrow")
        pq = pytest.importorskip("pyarrow.parquet")
        from coso_dang.cli import main

        folder = tmp_path / "p"
        folder.mkdir()
        table = {
            "id": ["dv1"],
            "full_name": ["Nguyễn Văn An"],
            "org_id": ["cb1"],
            "admitted_on": pa.array([1267488000], pa.timestamp("s", zone)),
        }
        pq.write_table(pa.table(table), folder / "members.parquet")
        for loader in (load, load_frames):
            with pytest.raises(LoadError) as raised:
                loader(folder, progress=False)
            (problem,) = raised.value.problems
            assert problem.file == "members.parquet"
            assert f"múi giờ «{zone}»" in problem.reason
        assert main(["validate", str(folder)]) == 2
        said = capsys.readouterr().err
        assert f"múi giờ «{zone}»" in said
        assert "Traceback" not in said

    def test_a_column_polars_panics_on(self, tmp_path: Path) -> None:
        """A column of lists of length 0 (pyarrow writes it): polars panicked reading it."""
        pa = pytest.importorskip("pyarrow")
        pq = pytest.importorskip("pyarrow.parquet")
        folder = tmp_path / "p"
        folder.mkdir()
        table = {
            "id": ["dv1"],
            "full_name": ["Nguyễn Văn An"],
            "org_id": ["cb1"],
            "admitted_on": [dt.date(2010, 3, 2)],
            "phone": pa.array([[]], pa.list_(pa.int8(), 0)),
        }
        pq.write_table(pa.table(table), folder / "members.parquet")
        for loader in (load, load_frames):
            with pytest.raises(LoadError, match="không đọc được tệp Parquet"):
                loader(folder, progress=False)

    def test_days_in_an_id_column(self, tmp_path: Path) -> None:
        """A column of ids a writer typed as dates is refused row by row, alike both ways."""
        folder = tmp_path / "p"
        folder.mkdir()
        pl.DataFrame(
            {
                "Mã": ["dv1", "dv2"],
                "Họ và tên": ["An", "Bình"],
                "Chi bộ": [dt.date(2024, 1, 2), None],
                "Ngày vào Đảng": ["02/03/2010"] * 2,
            }
        ).write_parquet(folder / "dang_vien.parquet")
        records, _ = _both(folder)
        assert [(p.row, p.column) for p in records.problems] == [(2, "Chi bộ"), (3, "Chi bộ")]

    def test_whole_decimals_are_whole_numbers(self, tmp_path: Path) -> None:
        """A number column a database wrote as decimals (NUMERIC(5,1): 2024.0, 3.0) was
        refused as no whole number, where the same values as floats load; a decimal with
        a fraction is still refused, alike both ways."""
        from decimal import Decimal

        folder = tmp_path / "p"
        folder.mkdir()
        pl.DataFrame(
            {
                "subject_id": ["dv1", "dv2", "dv3"],
                "year": [Decimal("2024.0"), Decimal("2024.0"), Decimal("2024.5")],
                "rating": ["HTTNV"] * 3,
                "sick_leave_months": [Decimal("3.0"), Decimal("0.5"), None],
            },
            schema_overrides={"year": pl.Decimal(5, 1), "sick_leave_months": pl.Decimal(4, 1)},
        ).write_parquet(folder / "danh_gia.parquet")
        records, _ = _both(folder)
        assert [
            (e.subject_id, e.year, e.sick_leave_months) for e in records.dataset.evaluations
        ] == [("dv1", 2024, 3)]
        assert [(p.row, p.column) for p in records.problems] == [
            (3, "sick_leave_months"),
            (4, "year"),
        ]

    def test_round_trip_keeps_name_and_year(self, tmp_path: Path) -> None:
        data = attrs.evolve(sample(), name="Đảng bộ xã Tân Lập", year=2024)
        paths = dump_parquet(data, tmp_path / "p", verify=True)
        assert all(p.suffix == ".parquet" for p in paths)
        assert load(tmp_path / "p", progress=False).dataset == data
        assert pl.read_parquet_metadata(paths[0])["coso_dang.year"] == "2024"
        assert load_frames(tmp_path / "p", progress=False).name == "Đảng bộ xã Tân Lập"

    def test_dump_picks_parquet(self, tmp_path: Path, province: Any) -> None:
        dump(province, tmp_path / "tinh.parquet", verify=True)
        assert (tmp_path / "tinh.parquet" / "members.parquet").exists()
        dump(province, tmp_path / "tinh.parquet")  # a Parquet folder is replaced whole
        assert load(tmp_path / "tinh.parquet", progress=False).dataset == province

    def test_refuses_a_folder_of_other_files(self, tmp_path: Path) -> None:
        from coso_dang.errors import WriteError

        (tmp_path / "p").mkdir()
        (tmp_path / "p" / "notes.txt").write_text("keep me", encoding="utf-8")
        with pytest.raises(WriteError):
            dump_parquet(sample(), tmp_path / "p")
        assert (tmp_path / "p" / "notes.txt").read_text(encoding="utf-8") == "keep me"
        dump_parquet(sample(), tmp_path / "q")
        with pytest.raises(WriteError):
            dump_parquet(sample(), tmp_path / "q", overwrite=False)

    def test_unreadable_and_empty(self, tmp_path: Path) -> None:
        from coso_dang.io import load_parquet

        (tmp_path / "p").mkdir()
        (tmp_path / "p" / "members.parquet").write_bytes(b"not parquet")
        with pytest.raises(LoadError):
            load_parquet(tmp_path / "p")
        (tmp_path / "e").mkdir()
        with pytest.raises(LoadError):
            load_parquet(tmp_path / "e")

    def test_one_table_twice(self, tmp_path: Path) -> None:
        from coso_dang.io import load_parquet

        dump_parquet(sample(), tmp_path / "p")
        (tmp_path / "p" / "members.parquet").rename(tmp_path / "p" / "dang_vien.parquet")
        dump_parquet(sample(), tmp_path / "q")
        (tmp_path / "q" / "members.parquet").rename(tmp_path / "p" / "members.parquet")
        with pytest.raises(LoadError, match="cùng một bảng"):
            load_parquet(tmp_path / "p")

    def test_json_and_macro_workbooks_read_as_load_reads_them(
        self, tmp_path: Path, province: Any
    ) -> None:
        """load_frames reads what load reads: a JSON file (it was read as a CSV file, to be
        "named members.csv") and a macro workbook (.xlsm, the parts of an .xlsx)."""
        dump(province, tmp_path / "tinh.json")
        records, frames = _both(tmp_path / "tinh.json")
        assert frames.members.height == len(province.members)
        _same_rollup(records, frames)
        dump_xlsx(province, tmp_path / "tinh.xlsx")
        (tmp_path / "tinh.xlsx").rename(tmp_path / "tinh.xlsm")
        records, frames = _both(tmp_path / "tinh.xlsm")
        assert records.dataset == province

    @pytest.mark.parametrize("name", ["ds.xls", "ds.ods", "ghi_chu.txt"])
    def test_files_load_refuses_are_refused_alike(self, tmp_path: Path, name: str) -> None:
        """A file load cannot tell the format of is refused by load_frames with the same
        error (an old .xls was read as CSV: "not UTF-8, save it as CSV")."""
        (tmp_path / name).write_bytes(b"\xd0\xcf\x11\xe0 Ma,Ten")
        with pytest.raises(CosoDangError) as by_records:
            load(tmp_path / name)
        with pytest.raises(CosoDangError) as by_frames:
            load_frames(tmp_path / name)
        assert str(by_frames.value) == str(by_records.value)
        assert not isinstance(by_frames.value, LoadError)

    def test_national_json_is_refused_with_the_way_out(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr("coso_dang.io.jsonio.MAX_JSON_BYTES", 100)
        dump(sample(), tmp_path / "nuoc.json")
        with pytest.raises(LoadError, match="Parquet") as caught:
            load(tmp_path / "nuoc.json")
        assert "CSV" in str(caught.value)


# -- the command line ---------------------------------------------------------------------------


def _cli(argv: list[str], columnar: bool, monkeypatch: pytest.MonkeyPatch, capsys: Any) -> Any:
    import coso_dang.cli as cli

    if not columnar:
        monkeypatch.setattr(cli, "_columnar", lambda *args, **kwargs: False)
    code = cli.main(argv)
    out = capsys.readouterr()
    monkeypatch.undo()
    return code, out.out, out.err


class TestCli:
    @pytest.mark.parametrize(
        "command",
        [
            ["report"],
            ["report", "--rules", "nq21-2025", "--format", "json"],
            ["check", "--rules", "nq21-2025"],
            ["report", "--org", "nothing-like-this"],
        ],
    )
    @pytest.mark.parametrize("layout", ["csv", "parquet"])
    def test_same_output_both_ways(
        self,
        tmp_path: Path,
        province: Any,
        monkeypatch: pytest.MonkeyPatch,
        capsys: Any,
        command: list[str],
        layout: str,
    ) -> None:
        target = tmp_path / ("data.parquet" if layout == "parquet" else "data")
        dump(province, target)
        argv = [command[0], str(target), *command[1:]]
        by_frames = _cli(argv, True, monkeypatch, capsys)
        by_records = _cli(argv, False, monkeypatch, capsys)
        assert by_frames == by_records
        assert by_frames[1] or by_frames[2]

    def test_bad_rows_both_ways(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Any
    ) -> None:
        members = _rows(_GOOD_MEMBER, 4)
        members[1][3] = "sai"
        members[2][2] = "Chi bộ thôn 2"
        folder = _folder(tmp_path, members, _rows(_GOOD_EVAL, 4))
        for argv in (["report", str(folder)], ["report", str(folder), "--strict"]):
            assert _cli(argv, True, monkeypatch, capsys) == _cli(argv, False, monkeypatch, capsys)
        members[1][3] = "02/03/2010"
        folder = _folder(tmp_path, members, _rows(_GOOD_EVAL, 4))
        argv = ["report", str(folder), "--year", "2024"]
        assert _cli(argv, True, monkeypatch, capsys) == _cli(argv, False, monkeypatch, capsys)

    def test_convert_to_parquet(self, tmp_path: Path, capsys: Any) -> None:
        from coso_dang.cli import main

        dump(sample(), tmp_path / "in.json")
        assert main(["convert", str(tmp_path / "in.json"), str(tmp_path / "out.parquet")]) == 0
        assert load(tmp_path / "out.parquet", progress=False).dataset == sample()
        assert main(["convert", str(tmp_path / "in.json"), str(tmp_path / "out.txt")]) == 2
        assert "Parquet" in capsys.readouterr().err


def test_members_without_organizations(tmp_path: Path) -> None:
    """No organization table: members' chi bộ are not looked up by name."""
    folder = tmp_path / "d"
    folder.mkdir()
    _write(folder / "dang_vien.csv", _MEMBER_HEADER, _rows(_GOOD_MEMBER, 3))
    _records, frames = _both(folder)
    assert frames.members.get_column("admitted_on").to_list()[0] == dt.date(2010, 3, 2)


class TestEvents:
    """Member events on the columnar path and in Parquet; organization events as records."""

    def test_generated_history(self, tmp_path: Path, province: Any) -> None:
        from coso_dang.testing import generate_history

        history = generate_history(province, seed=3)
        data = attrs.evolve(province, members=history.members, member_events=history.events)
        assert data.member_events
        for layout in ("csv", "p.parquet"):
            dump(data, tmp_path / layout)
            _records, frames = _both(tmp_path / layout)
            assert frames.member_events.height == len(data.member_events)
            assert load(tmp_path / layout, progress=False).dataset == data

    def test_organization_events(self, tmp_path: Path) -> None:
        from tests.test_history_io import _data

        data = _data()
        assert data.org_events
        dump_parquet(data, tmp_path / "p", verify=True)
        _both(tmp_path / "p")
        dump_csv(data, tmp_path / "c")
        _, frames = _both(tmp_path / "c")
        assert frames.org_events == data.org_events


# -- coded member attributes as clerks write them ------------------------------------------

_CODED_HEADER = (
    "Mã,Họ và tên,Chi bộ,Ngày vào Đảng,Dân tộc,Tôn giáo,Nghề nghiệp,Học vấn phổ thông,"
    "Trình độ chuyên môn,Học hàm,Trình độ lý luận chính trị"
)
# (cells, the codes read: ethnicity, religion, occupation, general education, education,
# academic title, political theory); None where the cell is blank.
_CODED_ROWS = [
    (
        ["Kinh (Việt)", "Lương", "Hưu", "12/12 BT", "Thạc sỹ", "PGS.TS", "Cao cấp LLCT"],
        ["kinh", "khong", "nghi_huu", "thpt", "thac_si", "pho_giao_su", "cao_cap"],
    ),
    (
        ["HMông (Mèo)", "Bà La Môn", "Sĩ quan, chiến sĩ quân đội và công an", "lớp 12",
         "Tiến sỹ", "GS.TSKH", "Trung cấp lý luận chính trị"],
        ["mong", "khac", "luc_luong_vu_trang", "thpt", "tien_si", "giao_su", "trung_cap"],
    ),
    (
        ["Khmer", "Phật", "Làm nông", "9", "Cử nhân Luật", "", "Sơ cấp chính trị"],
        ["kho_me", "phat_giao", "nong_lam_ngu", "thcs", "dai_hoc", None, "so_cap"],
    ),
    (
        ["Ê đê", "Không theo tôn giáo", "Công nhân", "Tốt nghiệp THPT",
         "Công nhân kỹ thuật, nhân viên nghiệp vụ, sơ cấp", "", "Cử nhân chính trị"],
        ["e_de", "khong", "cong_nhan", "thpt", "so_cap", None, "cu_nhan"],
    ),
    (
        ["Ba-na", "Thiên Chúa giáo", "Nông dân", "10/10", "Th.S", "", "TC LLCT"],
        ["ba_na", "cong_giao", "nong_lam_ngu", "thpt", "thac_si", None, "trung_cap"],
    ),
    (
        ["Cao Lan", "Hòa Hảo", "Sinh viên", "Hết cấp 3", "Trung học chuyên nghiệp", "", ""],
        ["san_chay", "hoa_hao", "sinh_vien", "thpt", "trung_cap", None, None],
    ),
]  # fmt: skip
_FIELDS = (
    "ethnicity",
    "religion",
    "occupation",
    "general_education",
    "education",
    "academic_title",
    "political_theory",
)


def test_coded_attributes_as_clerks_write_them_read_alike_both_ways(tmp_path: Path) -> None:
    rows = [
        [f"dv{n}", "Lê Văn An", "cb1", "02/03/2010", *cells]
        for n, (cells, _) in enumerate(_CODED_ROWS, 1)
    ]
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "to_chuc.csv").write_text(_ORGS, encoding="utf-8-sig")
    _write(folder / "dang_vien.csv", _CODED_HEADER, rows)
    records, frames = _both(folder)
    assert not records.problems
    for member, (_, codes) in zip(records.dataset.members, _CODED_ROWS, strict=True):
        read = [getattr(member, name) for name in _FIELDS]
        assert [None if value is None else value.value for value in read] == codes
    columns = zip(*(codes for _, codes in _CODED_ROWS), strict=True)
    for name, column in zip(_FIELDS, columns, strict=True):
        assert frames.members[name].to_list() == list(column)


@pytest.mark.parametrize(
    ("education", "theory"),
    [
        ("Chưa qua đào tạo", "Chưa qua đào tạo"),
        ("Không có", "Chưa học"),
        ("chưa đào tạo", "Chưa qua đào tạo lý luận chính trị"),
        ("KHÔNG", "không có"),
    ],
)
def test_no_training_is_read_as_known_and_a_blank_as_unknown_both_ways(
    tmp_path: Path, education: str, theory: str
) -> None:
    """A roster writes a member without professional or political theory training
    ("Chưa học", "Không có"): the theory column refused every such cell, and a member
    left blank made Biểu 3's rows of levels unknown. Untrained is a value; a blank cell
    stays unknown."""
    rows = [
        ["dv1", "Lê Văn An", "cb1", "02/03/2010", "Kinh", "", "", "", education, "", theory],
        ["dv2", "Lê Văn Bình", "cb1", "02/03/2010", "Kinh", "", "", "", "", "", ""],
    ]
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "to_chuc.csv").write_text(_ORGS, encoding="utf-8-sig")
    _write(folder / "dang_vien.csv", _CODED_HEADER, rows)
    records, frames = _both(folder)
    assert not records.problems
    untrained, blank = records.dataset.members
    assert untrained.education is Education.CHUA_DAO_TAO
    assert untrained.political_theory is PoliticalTheory.CHUA_DAO_TAO
    assert blank.education is None
    assert blank.political_theory is None
    assert frames.members["education"].to_list() == ["chua_dao_tao", None]
    assert frames.members["political_theory"].to_list() == ["chua_dao_tao", None]


# (column, cell, what the problem says); personal columns say it without the value.
_AMBIGUOUS_CELLS = [
    (4, "Kinh (Hoa)", "hai dân tộc khác nhau"),
    (5, "Cơ Đốc giáo", "tên chung của nhiều mục"),
    (6, "Công chức", "có ở nhiều dòng"),
    (7, "lớp 10", "hệ 10 năm hay 12 năm"),
    (8, "Trên đại học", "Thạc sĩ hoặc Tiến sĩ"),
    (10, "Cao cấp, cử nhân", "hãy ghi Cao cấp hoặc Cử nhân"),
]


@pytest.mark.parametrize(("at", "cell", "why"), _AMBIGUOUS_CELLS)
def test_an_ambiguous_coded_cell_is_refused_with_why_both_ways(
    tmp_path: Path, at: int, cell: str, why: str
) -> None:
    rows = [[f"dv{n}", "Lê Văn An", "cb1", "02/03/2010", *cells] for n, (cells, _) in
            enumerate(_CODED_ROWS, 1)]  # fmt: skip
    rows[1][at] = cell
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "to_chuc.csv").write_text(_ORGS, encoding="utf-8-sig")
    _write(folder / "dang_vien.csv", _CODED_HEADER, rows)
    records, _ = _both(folder)
    (problem,) = records.problems
    assert why in problem.reason
    if at in (4, 5):  # ethnicity, religion: personal
        assert cell not in problem.value
        for name in ("Kinh", "Hoa", "Cơ Đốc", "Công giáo", "Tin Lành"):
            assert name not in problem.reason


def test_a_member_of_a_to_dang_that_did_not_load_is_refused_by_both_rollups(
    tmp_path: Path,
) -> None:
    """The sample's member dv1 is in tổ đảng td1; the workbook's td1 row lost its id,
    so td1 is not loaded: the records' tree refuses dv1, and so must the frames' rollup."""
    import openpyxl

    target = tmp_path / "data.xlsx"
    dump_xlsx(sample(), target)
    workbook = openpyxl.load_workbook(target)
    sheet = workbook["Tổ chức"]
    (row,) = [r for r in range(2, sheet.max_row + 1) if sheet.cell(r, 1).value == "td1"]
    sheet.cell(row, 1).value = None
    workbook.save(target)
    records, frames = _both(target)
    assert not records.ok
    assert "td1" in frames.members.get_column("to_dang_id").to_list()
    with pytest.raises(TreeError, match="to_dang_id"):
        records.dataset.tree()
    with pytest.raises(TreeError, match="to_dang_id"):
        frames.rollup(year=2024)
    # A to_dang_id naming a tổ đảng of another chi bộ is refused alike.
    data = sample()
    moved = [attrs.evolve(m, to_dang_id="td1") if m.id == "dv2" else m for m in data.members]
    dump_xlsx(attrs.evolve(data, members=tuple(moved)), tmp_path / "moved.xlsx")
    records, frames = _both(tmp_path / "moved.xlsx")
    _same_rollup(records, frames)


@pytest.mark.parametrize("layout", ["csv", "parquet"])
def test_a_name_of_utf8_misread_is_warned_of_both_ways(tmp_path: Path, layout: str) -> None:
    """A name whose UTF-8 bytes Excel read as Windows-1252 or -1258 (a CSV without a BOM,
    opened and saved again): the same warning, on the same rows, from both loaders."""
    members = _rows(_GOOD_MEMBER, 4)
    members[1][1] = "Nguyá»…n VÄƒn An"  # Nguyễn Văn An, read as Windows-1252
    members[2][1] = "LĂª Thá»‹ BĂ¬nh"  # Lê Thị Bình, read as Windows-1258
    folder = _folder(tmp_path, members, _rows(_GOOD_EVAL, 2))
    if layout == "parquet":
        dump_parquet(load(folder, progress=False).dataset, tmp_path / "pq")
        folder = tmp_path / "pq"
    records, _ = _both(folder)
    column = "Họ và tên" if layout == "csv" else "full_name"  # as dump_parquet names it
    said = [(p.row, p.column, p.severity.value) for p in records.problems]
    assert said == [(3, column, "warning"), (4, column, "warning")]
    assert "«Lê Thị Bình»" in records.problems[1].reason


@pytest.mark.parametrize("quoted", [False, True])
def test_text_formulas_read_as_the_text_they_show_both_ways(tmp_path: Path, quoted: bool) -> None:
    """A CSV export writing digits as ="00123" (a formula giving the text, so that Excel
    keeps the leading zeros) is read as the text: an id 00123, not ="00123" that no
    evaluation names. As the file has it, or quoted whole, its quotes doubled."""
    members = _rows(_GOOD_MEMBER, 3)
    members[1][0] = '="00123"'
    members[2][0] = '="dv""3"'  # a quote inside, doubled
    evaluations = _rows(_GOOD_EVAL, 2)
    evaluations[0][0] = '="00123"'
    evaluations[1][0] = "00123"
    evaluations[1][1] = "2023"
    folder = _folder(tmp_path, members, evaluations)
    if not quoted:  # csv.writer quotes a cell holding a quote: written as typed
        for name in ("dang_vien.csv", "danh_gia.csv"):
            path = folder / name
            text = path.read_text(encoding="utf-8-sig")
            path.write_text(text.replace('"=""', '="').replace('"""', '"'), encoding="utf-8")
    records, frames = _both(folder)
    assert records.problems == ()
    assert frames.members.get_column("id").to_list() == ["dv1", "00123", 'dv"3']
    assert frames.evaluations.get_column("subject_id").to_list() == ["00123", "00123"]


@pytest.mark.parametrize(
    ("encoding", "said"),
    [
        ("tcvn3", "TCVN3 (ABC)"),
        ("vni", "VNI"),
        ("cp1252", "UTF-8 bị đọc nhầm"),
        ("cp1258", "UTF-8 bị đọc nhầm"),
    ],
)
def test_a_file_typed_in_a_legacy_encoding_is_named_both_ways(
    tmp_path: Path, encoding: str, said: str
) -> None:
    """A whole file typed in TCVN3 or VNI, or UTF-8 misread as Windows-1252/1258 and
    saved again: its header names no column as it stands, and says why (it only said
    the header named no column, as a row of data would), by both loaders alike."""
    from coso_dang.vi.legacy import encode_legacy

    folder = _folder(tmp_path, _rows(_GOOD_MEMBER, 3), _rows(_GOOD_EVAL, 2))
    path = folder / "dang_vien.csv"
    text = path.read_text(encoding="utf-8-sig")
    if encoding in ("tcvn3", "vni"):
        typed = encode_legacy(text, encoding)  # type: ignore[arg-type]
    else:  # each byte as Windows shows it (an undefined one as the C1 control)
        typed = "".join(bytes([b]).decode(encoding, "ignore") or chr(b) for b in text.encode())
    path.write_text(typed, encoding="utf-8")
    records, _ = _both(folder)
    members = [p for p in records.errors if p.file == "dang_vien.csv"]
    assert (members[0].row, members[0].column) == (1, "")
    assert said in members[0].reason
    assert "«Mã», «Họ và tên», «Chi bộ», «Ngày vào Đảng»" in members[0].reason
    assert records.dataset.members == ()


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("headers", ["vi", "fields"])
@pytest.mark.parametrize("table", ["members", "about"])
def test_a_file_in_utf16_without_its_mark_is_refused_both_ways(
    tmp_path: Path, encoding: str, headers: str, table: str
) -> None:
    """A table saved as UTF-16 without a byte order mark: with field-name headers, ids
    and ISO dates (all ASCII) it is valid UTF-8 with a NUL beside each character, and
    was read as a header naming no column over twice as many rows as it has (the
    dataset's description as unknown columns, warned of). It is the file that is not
    UTF-8, named once so by both loaders alike, as with the mark."""
    data = attrs.evolve(sample(), name="Tỉnh mẫu", year=2024)
    folder = tmp_path / "data"
    dump_csv(data, folder, headers=headers, bom=False)  # type: ignore[arg-type]
    path = folder / f"{table}.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode(encoding))
    if table == "members":
        with pytest.raises(LoadError) as records:
            load(folder, progress=False)
        with pytest.raises(LoadError) as frames:
            load_frames(folder, progress=False)
        assert frames.value.problems == records.value.problems
        problems = records.value.problems
    else:
        result, _frames = _both(folder)
        assert (result.dataset.name, result.dataset.year) == (None, None)
        problems = result.problems
    (problem,) = problems
    assert (problem.file, problem.row, problem.severity.value) == (f"{table}.csv", 1, "error")
    assert "không phải UTF-8" in problem.reason


@pytest.mark.parametrize("layout", ["csv", "parquet"])
def test_a_name_holding_an_unseen_control_is_warned_of_both_ways(
    tmp_path: Path, layout: str
) -> None:
    """A name holding a NUL, an escape or a direction override (U+202E shows what follows
    backwards): the record keeps it, and it loaded without a word; a warning now, on its
    row, from both loaders. A zero width space (read as a space) says nothing."""
    members = _rows(_GOOD_MEMBER, 5)
    members[0][1] = "Nguyễn\x00Văn An"
    members[1][1] = "Lê \x1b[31mBình"
    members[2][1] = "Trần \u202enA"
    members[3][1] = "Phạm\u200bVăn Cường"
    folder = _folder(tmp_path, members, _rows(_GOOD_EVAL, 2))
    if layout == "parquet":
        dump_parquet(load(folder, progress=False).dataset, tmp_path / "pq")
        folder = tmp_path / "pq"
    records, _ = _both(folder)
    said = [(p.row, p.severity.value) for p in records.problems]
    assert said == [(2, "warning"), (3, "warning"), (4, "warning")]
    assert all("ký tự điều khiển" in p.reason for p in records.problems)
    assert [m.full_name for m in records.dataset.members][3] == "Phạm Văn Cường"


@pytest.mark.parametrize("layout", ["csv", "parquet"])
def test_free_text_holding_an_unseen_control_is_warned_of_both_ways(
    tmp_path: Path, layout: str
) -> None:
    """An address or a reason not rated holding a NUL, an escape or a direction override
    was kept without a word, where an id or a number kept as text is refused for one: a
    warning now on its row, from both loaders, naming the column and never the value (it
    is personal). A line break in the free text is no such character."""
    members = [[*row, ""] for row in _rows(_GOOD_MEMBER, 5)]
    members[0][-1] = "Số 1\x00 ngõ 2, Hà Nội"
    members[1][-1] = "Thôn \x1b[31mĐông"
    members[2][-1] = "Xóm \u202eCầu"
    members[3][-1] = "Tổ 3,\nphường Láng"
    evaluations = [[*row[:2], "", "", "ốm dài ngày"] for row in _rows(_GOOD_EVAL, 3)]
    evaluations[1][-1] = "ốm\x07 dài ngày"
    folder = _folder(tmp_path, [], evaluations)
    _write(folder / "dang_vien.csv", _MEMBER_HEADER + ",Địa chỉ", members)
    if layout == "parquet":
        dump_parquet(load(folder, progress=False).dataset, tmp_path / "pq")
        folder = tmp_path / "pq"
    records, _ = _both(folder)
    said = [(p.row, p.column, p.severity.value, p.value) for p in records.problems]
    address = "Địa chỉ" if layout == "csv" else "address"
    reason = "Lý do không xếp loại" if layout == "csv" else "not_rated_reason"
    assert [(row, column, severity) for row, column, severity, _ in said] == [
        (2, address, "warning"),
        (3, address, "warning"),
        (4, address, "warning"),
        (3, reason, "warning"),
    ]
    assert all("ký tự điều khiển" in p.reason for p in records.problems)
    assert all("Hà Nội" not in str(p) and "Đông" not in str(p) for p in records.problems)
    kept = [m.address for m in records.dataset.members]
    assert kept[:2] == ["Số 1\x00 ngõ 2, Hà Nội", "Thôn \x1b[31mĐông"]


# Pieces a file may gain anywhere, as hand edits, joined files and other tools leave them:
# quotes, line ends (a lone CR among them), separators, a NUL, a BOM, a direction mark,
# bytes that are no UTF-8, a text formula, a misread letter.
_PIECES = [
    b'"', b"\r", b"\n", b"\r\n", b",", b";", b"\t", b"\x00", "\ufeff".encode(), b"\xc2\xa0",
    b" ", b'""', b"'", b"=", b'="0', "\u202e".encode(), b"\xff", b"\xc3", b"\xe1\xbb",
    "á»…".encode(), "e\u0301".encode(), b"dv1", b"\x1c",
]  # fmt: skip


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    edits=st.lists(
        st.tuples(st.integers(0, 10**6), st.sampled_from(_PIECES), st.booleans()),
        min_size=1,
        max_size=4,
    )
)
def test_structurally_mutated_files(
    tmp_path_factory: pytest.TempPathFactory, edits: list[tuple[int, bytes, bool]]
) -> None:
    """Any few pieces put into a member file, or put in place of one of its bytes: the
    same problems (or the same refusal), values and, when loadable, rollup."""
    folder = _folder(tmp_path_factory.mktemp("s"), _rows(_GOOD_MEMBER, 6), _rows(_GOOD_EVAL, 6))
    path = folder / "dang_vien.csv"
    data = path.read_bytes()
    for at, piece, replace in edits:
        at %= len(data) + 1
        data = data[:at] + piece + data[at + (1 if replace else 0) :]
    path.write_bytes(data)
    refusal: tuple[Any, ...] | None = None
    try:
        load(folder, progress=False)
    except LoadError as refused:
        refusal = refused.problems
    if refusal is not None:
        with pytest.raises(LoadError) as again:
            load_frames(folder, progress=False)
        assert again.value.problems == refusal
        return
    records, frames = _both(folder)
    if records.ok:
        _same_rollup(records, frames)


@pytest.mark.parametrize("layout", ["csv", "xlsx"])
def test_headers_with_a_required_mark_or_a_date_layout(tmp_path: Path, layout: str) -> None:
    """A form's header marks its required columns ("Mã (*)", "Chi bộ *") and says how to
    type a date ("Ngày sinh (dd/mm/yyyy)"): the columns are known by their names, by
    both loaders. Such a header named no column, and no row loaded."""
    header = (
        "STT,Mã (*),Họ và tên (*),Chi bộ *,Ngày vào Đảng (dd/mm/yyyy),"
        "Ngày sinh (ngày/tháng/năm) (*)"
    )
    rows = [["1", "dv1", "Nguyễn Văn An", "cb1", "02/03/2010", "01/05/1980"]]
    rows.append(["2", "dv2", "Lê Thị Bình", "cb2", "02/03/2012", ""])
    folder = _folder(tmp_path, [], _rows(_GOOD_EVAL, 2))
    _write(folder / "dang_vien.csv", header, rows)
    if layout == "xlsx":
        openpyxl = pytest.importorskip("openpyxl")
        records = load(folder, progress=False).dataset
        folder = tmp_path / "so.xlsx"
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.title = "Đảng viên"
        sheet.append(header.split(","))
        for row in rows:
            sheet.append(row)
        orgs = book.create_sheet("Tổ chức")
        orgs.append(["Mã", "Tên", "Loại tổ chức"])
        for org in records.organizations:
            orgs.append([org.id, org.name, "Chi bộ cơ sở"])
        book.save(folder)
    records, frames = _both(folder)
    assert records.problems == ()
    assert frames.members.select("id", "birth_date").rows() == [
        ("dv1", dt.date(1980, 5, 1)),
        ("dv2", None),
    ]


@pytest.mark.parametrize("layout", ["csv", "xlsx"])
def test_rows_numbered_ahead_of_the_data(tmp_path: Path, layout: str) -> None:
    """A form numbered ahead (STT 1 to 9, three rows filled): the rows holding nothing
    but their number are no members, said once; each was four errors of blank required
    cells, and the load was not ok."""
    header = "STT," + _MEMBER_HEADER
    rows = [[str(n), *row] for n, row in enumerate(_rows(_GOOD_MEMBER, 3), start=1)]
    rows += [[str(n)] + [""] * 12 for n in range(4, 10)]
    rows.insert(3, ["", *_GOOD_MEMBER[:1], ""] + [""] * 10)  # a member without a name
    rows[3][1] = "dv9"
    folder = _folder(tmp_path, [], _rows(_GOOD_EVAL, 2))
    _write(folder / "dang_vien.csv", header, rows)
    if layout == "xlsx":
        openpyxl = pytest.importorskip("openpyxl")
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.title = "Đảng viên"
        sheet.append(header.split(","))
        for row in rows:
            sheet.append([int(cell) if cell.isdigit() else cell or None for cell in row])
        folder = tmp_path / "so.xlsx"
        book.save(folder)
    records, _ = _both(folder)
    said = [(p.row, p.severity.value) for p in records.problems]
    assert said[-1] == (6, "warning")
    assert "6 dòng như vậy, từ dòng 6 đến dòng 11" in records.problems[-1].reason
    assert {row for row, severity in said if severity == "error"} == {5}  # dv9, unnamed
    assert [m.id for m in records.dataset.members] == ["dv1", "dv2", "dv3"]


def test_a_title_in_the_row_number_column_is_quoted(tmp_path: Path) -> None:
    """A form's titles stand in column A, over its STT column: the warning quotes them
    (it quoted "…", as for a column of personal data). A personal column's cell is still
    never quoted."""
    header = "STT,Mã,Họ và tên,Chi bộ,Ngày vào Đảng,Ngày sinh"
    lines = [
        "CHI BỘ THÔN 1,,,,,01/05/1980",
        "DANH SÁCH ĐẢNG VIÊN,,,,,",
        header,
        "1,dv1,Nguyễn Văn An,cb1,02/03/2010,01/05/1980",
    ]
    folder = _folder(tmp_path, [], _rows(_GOOD_EVAL, 1))
    (folder / "dang_vien.csv").write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    records, _ = _both(folder)
    titles = [p.reason for p in records.problems if p.row in (1, 2)]
    assert "«CHI BỘ THÔN 1 …»" in titles[0]
    assert "«DANH SÁCH ĐẢNG VIÊN»" in titles[1]
    assert "1980" not in " ".join(titles)


@pytest.mark.parametrize("layout", ["fields", "parquet"])
@pytest.mark.parametrize("table", ["absent", "empty"])
def test_a_folder_without_evaluations_leaves_the_ratings_unknown(
    tmp_path: Path, province: Any, layout: str, table: str
) -> None:
    """No evaluation at all (no table, or a table of none, as a dataset without
    evaluations is written): the frames' rollup counted every rating level as 0 where
    the SQL path leaves them unknown for a database without the table; no member was
    seen rated, which is not every member unrated. Now unknown; evaluations of another
    year still count 0 for this one."""
    from coso_dang.sql import rollup_sql

    folder = tmp_path / "d"
    data = province if table == "absent" else attrs.evolve(province, evaluations=())
    if layout == "parquet":
        dump_parquet(data, folder)
    else:
        dump_csv(data, folder, headers="fields")
    written = folder / ("evaluations.parquet" if layout == "parquet" else "evaluations.csv")
    tree = province.tree()
    if table == "absent":
        for year in (2024, 1999):  # the generated year's ratings, and a year of none
            counted = rollup(tree, year=year, evaluations=province.evaluations)
            assert load_frames(folder, progress=False).rollup(year=year) == counted
            assert counted.root["dang_vien_htxsnv"] is not None
        written.unlink()
    else:
        assert written.exists()
    unknown = rollup(tree, year=2024)
    assert "dang_vien_htxsnv" not in unknown.root  # the records' unknown, not 0
    assert load_frames(folder, progress=False).rollup(year=2024) == unknown
    if layout == "parquet" and table == "absent":
        pytest.importorskip("duckdb")
        assert rollup_sql(folder, year=2024) == unknown


@pytest.mark.parametrize("layout", ["csv", "parquet"])
def test_an_admission_about_the_sixteenth_birthday_is_judged_alike_both_ways(
    tmp_path: Path, layout: str
) -> None:
    """Ages at admission about the youngest one not warned of, a birth on 29/2 among them:
    the same warnings, on the same rows, from both loaders."""
    pairs = [
        ("29/02/2008", "28/02/2024"),  # the day before the birthday (1/3): under age
        ("29/02/2008", "01/03/2024"),
        ("29/02/2008", "29/02/2024"),
        ("01/03/2008", "28/02/2024"),
        ("01/03/2008", "01/03/2024"),
        ("15/06/1990", "14/06/2006"),
        ("15/06/1990", "15/06/2006"),
        ("15/06/1990", "01/01/2010"),
    ]
    members = _rows(_GOOD_MEMBER, len(pairs))
    for row, (born, admitted) in zip(members, pairs, strict=True):
        row[3], row[4], row[6] = admitted, admitted, born
    folder = _folder(tmp_path, members, _rows(_GOOD_EVAL, 2))
    if layout == "parquet":
        dump_parquet(load(folder, progress=False).dataset, tmp_path / "pq")
        folder = tmp_path / "pq"
    records, _ = _both(folder)
    assert [p.row for p in records.problems] == [2, 5, 7]
