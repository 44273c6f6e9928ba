"""Files that once made the record loaders and the columnar loader part ways.

Each test loads one small file with :func:`coso_dang.io.load` and
:func:`coso_dang.io.load_frames` and asks for the same problems and the same members.
"""

from __future__ import annotations

import unicodedata
import zipfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from coso_dang import Dataset, Member, Organization, OrgKind
from coso_dang.errors import RecordError
from coso_dang.io import (
    REDACTED,
    LoadError,
    dump_csv,
    dump_parquet,
    dump_xlsx,
    load,
    load_frames,
)
from coso_dang.io._schema import MEMBERS
from coso_dang.members import LeaveReason

pytest.importorskip("polars")

_ORGS = (
    "Mã,Tên,Loại tổ chức,Mã cấp trên\r\n"
    "xa,Đảng bộ xã Tân Lập,Đảng bộ cơ sở,\r\n"
    "cb1,Chi bộ thôn 1,Chi bộ trực thuộc,xa\r\n"
)


def _members_folder(tmp_path: Path, name: str, layout: str) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    members = (
        "Mã,Họ và tên,Chi bộ,Ngày vào Đảng\r\n"
        "dv1,Nguyễn Văn An,cb1,02/03/2010\r\n"
        f"dv2,{name},cb1,02/03/2010\r\n"
        "dv3,Lê Thị Bình,cb1,02/03/2012\r\n"
    )
    (folder / "to_chuc.csv").write_text(_ORGS, encoding="utf-8")
    (folder / "dang_vien.csv").write_text(members, encoding="utf-8")
    if layout == "parquet":
        import polars as pl

        for file in sorted(folder.glob("*.csv")):
            table = pl.read_csv(file, infer_schema=False)
            table.write_parquet(file.with_suffix(".parquet"))
            file.unlink()
    return folder


@pytest.mark.parametrize("layout", ["csv", "parquet"])
@pytest.mark.parametrize("name", ["\u200b", "\u2060 ", "\ufeff", "\u200b\u200b"])
def test_a_name_of_invisible_characters_alone_is_blank_both_ways(
    tmp_path: Path, name: str, layout: str
) -> None:
    """A full name holding nothing but zero-width characters is blank once normalized:
    the record loader refused its row as a blank name, the columnar loader kept a member
    named "" and said nothing."""
    folder = _members_folder(tmp_path, name, layout)
    records = load(folder, progress=False)
    frames = load_frames(folder, progress=False)
    said = [(p.row, p.column, p.is_error) for p in records.problems]
    assert said == [(3, "Họ và tên", True)]
    assert frames.problems == records.problems
    assert frames.members.get_column("id").to_list() == ["dv1", "dv3"]
    assert "" not in frames.members.get_column("full_name").to_list()


@pytest.mark.parametrize("loader", [load, load_frames])
def test_a_parquet_table_with_two_columns_of_one_name_says_which(
    tmp_path: Path, loader: Callable[..., object]
) -> None:
    """A Parquet file with two columns of one name (pyarrow and Spark write one) cannot
    be read by polars: the file was refused as "(DuplicateError)", the name of a Python
    exception, which told a clerk neither what was wrong nor in English what to do."""
    pa = pytest.importorskip("pyarrow")
    parquet = pytest.importorskip("pyarrow.parquet")
    folder = _members_folder(tmp_path, "Trần Văn Cường", "parquet")
    columns = [pa.array(["dv1"]), pa.array(["An"]), pa.array(["cb1"])]
    columns += [pa.array(["02/03/2010"]), pa.array(["dv9"])]
    header = ["Mã", "Họ và tên", "Chi bộ", "Ngày vào Đảng", "Mã"]
    parquet.write_table(pa.Table.from_arrays(columns, names=header), folder / "dang_vien.parquet")
    with pytest.raises(LoadError) as refused:
        loader(folder, progress=False)
    (problem,) = refused.value.problems
    assert problem.file == "dang_vien.parquet"
    assert "Error" not in problem.reason
    assert "nhiều cột cùng tên «Mã»" in problem.reason
    assert "several columns are named «Mã»" in problem.text("en")


def _member_rows(tmp_path: Path, header: str, *rows: str) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "to_chuc.csv").write_text(_ORGS, encoding="utf-8")
    text = "Mã,Họ và tên,Chi bộ,Ngày vào Đảng," + header + "\r\n"
    text += "".join(f"{row}\r\n" for row in rows)
    (folder / "dang_vien.csv").write_text(text, encoding="utf-8")
    return folder


@pytest.mark.parametrize("loader", [load, load_frames])
def test_an_exemption_day_is_personal(tmp_path: Path, loader: Callable[..., Any]) -> None:
    """Miễn công tác, sinh hoạt is granted for age or illness, as personal as the
    evaluations' exemption flag and sick leave: its day was quoted in a problem."""
    folder = _member_rows(
        tmp_path, '"Ngày miễn công tác, sinh hoạt"', "dv1,Nguyễn Văn An,cb1,02/03/2010,17/04/2003"
    )
    (problem,) = loader(folder, progress=False).problems
    assert (problem.row, problem.column) == (2, "Ngày miễn công tác, sinh hoạt")
    assert "2003" not in problem.text("vi") + problem.text("en")
    assert MEMBERS.by_field["exempted_on"].personal


def test_a_member_record_does_not_quote_its_exemption_day() -> None:
    with pytest.raises(RecordError) as refused:
        Member(
            "dv1", "Nguyễn Văn An", "cb1", admitted_on=date(2010, 3, 2),
            exempted_on=date(2003, 4, 17),
        )  # fmt: skip
    assert "2003" not in str(refused.value)
    assert refused.value.problem.field == "exempted_on"


def _written(tmp_path: Path, layout: str, *members: Member) -> Path:
    """A dataset of one chi bộ and *members*, written as *layout* (csv, parquet, xlsx)."""
    orgs = (
        Organization("xa", "Đảng bộ xã Tân Lập", OrgKind.DANG_BO_CO_SO),
        Organization("cb1", "Chi bộ thôn 1", OrgKind.CHI_BO_TRUC_THUOC, parent_id="xa"),
    )
    dataset = Dataset(organizations=orgs, members=members)
    if layout == "xlsx":
        pytest.importorskip("openpyxl")
        target = tmp_path / "data.xlsx"
        dump_xlsx(dataset, target)
        return target
    target = tmp_path / "data"
    if layout == "parquet":
        dump_parquet(dataset, target)
    else:
        dump_csv(dataset, target)
    return target


_LAYOUTS = ["csv", "parquet", "xlsx"]


@pytest.mark.parametrize("loader", [load, load_frames])
@pytest.mark.parametrize("layout", _LAYOUTS)
def test_a_reason_for_leaving_without_its_day_is_warned_of(
    tmp_path: Path, layout: str, loader: Callable[..., Any]
) -> None:
    """«Từ trần» with no «Ngày ra khỏi danh sách» loaded without a word, the member
    counted on the rolls; a day without a reason (a reason not recorded) says nothing."""
    admitted = date(2010, 3, 2)
    target = _written(
        tmp_path,
        layout,
        Member("dv1", "Nguyễn Văn An", "cb1", admitted, leave_reason=LeaveReason.TU_TRAN),
        Member("dv2", "Trần Văn Bình", "cb1", admitted, left_on=date(2020, 1, 5)),
        Member("dv3", "Lê Văn Cường", "cb1", admitted),
    )
    result = loader(target, progress=False)
    (problem,) = result.problems
    # A Parquet table is written with the fields' names as its columns.
    column = "leave_reason" if layout == "parquet" else "Lý do ra khỏi danh sách"
    assert (problem.row, problem.column, problem.is_error) == (2, column, False)
    assert "Từ trần" not in problem.text("vi")
    assert "died" not in problem.text("en").lower()
    assert "without the day" in problem.text("en")
    ids = (
        result.members.get_column("id").to_list()
        if loader is load_frames
        else [m.id for m in result.dataset.members]
    )
    assert ids == ["dv1", "dv2", "dv3"]


@pytest.mark.parametrize("loader", [load, load_frames])
@pytest.mark.parametrize("layout", _LAYOUTS)
def test_a_member_over_120_on_the_rolls_is_warned_of(
    tmp_path: Path, layout: str, loader: Callable[..., Any]
) -> None:
    """A birth year of 1880 (1980 mistyped) loaded without a word, as an admission at 12
    does not; the warning quotes neither the birth date nor the age. One born in 1880 who
    left the rolls in 1960, at 80, is said nothing of."""
    born = date(1880, 5, 17)
    target = _written(
        tmp_path,
        layout,
        Member("dv1", "Nguyễn Văn An", "cb1", date(1950, 3, 2), birth_date=born),
        Member(
            "dv2",
            "Trần Văn Bình",
            "cb1",
            date(1935, 3, 2),
            birth_date=born,
            left_on=date(1960, 1, 5),
        ),
        Member("dv3", "Lê Văn Cường", "cb1", date(1975, 3, 2), birth_date=date(1950, 1, 1)),
    )
    result = loader(target, progress=False)
    (problem,) = result.problems
    column = "birth_date" if layout == "parquet" else "Ngày sinh"
    assert (problem.row, problem.column, problem.is_error) == (2, column, False)
    assert "over 120 years old" in problem.text("en")
    for text in (problem.text("vi"), problem.text("en")):
        assert "1880" not in text
        assert "146" not in text  # the age, which would give the year away


_HEADER = "Mã,Họ và tên,Chi bộ,Ngày vào Đảng"


@pytest.mark.parametrize("loader", [load, load_frames])
@pytest.mark.parametrize(
    "members",
    [
        "\x00" * 512,  # a file of zeros, as a crash leaves one
        "\x00\x00\x00\r\n" + _HEADER + "\r\ndv1,Nguyễn Văn An,cb1,02/03/2010\r\n",
        _HEADER + "\x00" * 40 + "\r\ndv1,Nguyễn Văn An,cb1,02/03/2010\r\n",
    ],
)
def test_nul_characters_are_named_not_taken_for_another_encoding(
    tmp_path: Path, members: str, loader: Callable[..., Any]
) -> None:
    """NUL characters filling the first line are valid UTF-8: the file was refused as
    "tệp không phải UTF-8 (hãy lưu lại dưới dạng CSV UTF-8)", which sent the clerk to
    re-save a file whose fault is elsewhere. UTF-16 (a NUL beside each character) is
    still said not to be UTF-8."""
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "to_chuc.csv").write_text(_ORGS, encoding="utf-8")
    (folder / "dang_vien.csv").write_bytes(members.encode("utf-8"))
    with pytest.raises(LoadError) as refused:
        loader(folder, progress=False)
    (problem,) = refused.value.problems
    assert (problem.file, problem.row) == ("dang_vien.csv", 1)
    assert "UTF-8" not in problem.reason.split(";")[0]
    assert "ký tự NUL" in problem.reason
    assert "NUL characters (byte 0)" in problem.text("en")


@pytest.mark.parametrize("loader", [load, load_frames])
@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        # "à" written apart (a, then U+0300): the grave accent's low byte is 0, and two
        # NULs stand side by side after the "a" in UTF-16, the rest valid UTF-8 too.
        (unicodedata.normalize("NFD", _HEADER), "utf-16-le"),
        (unicodedata.normalize("NFD", _HEADER), "utf-16-be"),
        ("id,name,org_id,admitted_on", "utf-32-le"),
        ("id,name,org_id,admitted_on", "utf-32-be"),
    ],
)
def test_wide_text_with_nuls_side_by_side_is_still_not_utf8(
    tmp_path: Path, text: str, encoding: str, loader: Callable[..., Any]
) -> None:
    """UTF-16 (and UTF-32) without its byte order mark reads as UTF-8 with NULs beside
    its characters, sometimes two or three together: it is the file that is not UTF-8,
    not NULs left in a damaged file."""
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "to_chuc.csv").write_text(_ORGS, encoding="utf-8")
    body = text + "\r\ndv1,Nguyen Van An,cb1,2010-03-02\r\n"
    (folder / "dang_vien.csv").write_bytes(body.encode(encoding))
    with pytest.raises(LoadError) as refused:
        loader(folder, progress=False)
    (problem,) = refused.value.problems
    assert (problem.file, problem.row) == ("dang_vien.csv", 1)
    assert problem.reason == "tệp không phải UTF-8 (hãy lưu lại dưới dạng CSV UTF-8)"


def test_an_about_file_of_nul_characters_is_named_so(tmp_path: Path) -> None:
    folder = _members_folder(tmp_path, "Trần Văn Cường", "csv")
    (folder / "about.csv").write_bytes(b"\x00" * 64)
    (problem,) = load(folder, progress=False).problems
    assert (problem.file, problem.row) == ("about.csv", 1)
    assert "ký tự NUL" in problem.reason


def _book_with(tmp_path: Path, row: int, column: int, xml: bytes) -> Path:
    """A workbook of members whose cell at *row* (a spreadsheet's) and *column* (from 0)
    holds *xml* as written in the sheet's XML, which no spreadsheet program writes."""
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    members = book.active
    members.title = "Đảng viên"
    members.append(["Mã", "Họ và tên", "Chi bộ", "Ngày vào Đảng", "Địa chỉ"])
    for number in range(2, 31):
        cells = [f"dv{number}", "Nguyễn Văn An", "cb1", "02/03/2010", "Thôn 1"]
        if number == row:
            cells[column] = "MARK"
        members.append(cells)
    orgs = book.create_sheet("Tổ chức")
    orgs.append(["Mã", "Tên", "Loại tổ chức", "Mã cấp trên"])
    orgs.append(["cb1", "Chi bộ 1", "Chi bộ cơ sở", None])
    path = tmp_path / "dv.xlsx"
    book.save(path)
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    with zipfile.ZipFile(path, "w") as target:
        for name, data in parts.items():
            target.writestr(name, data.replace(b"MARK", xml))
    return path


@pytest.mark.parametrize("loader", [load, load_frames])
@pytest.mark.parametrize(("row", "column", "header"), [(3, 1, "Họ và tên"), (20, 4, "Địa chỉ")])
@pytest.mark.parametrize("xml", [b"B\x07nh", b"B&#x1;nh"])
def test_a_control_character_in_a_sheet_names_its_cell(
    tmp_path: Path, row: int, column: int, header: str, xml: bytes, loader: Callable[..., Any]
) -> None:
    """A control character written raw in a sheet's XML (or as "&#1;") breaks the XML:
    the sheet and the row were named, not the column, and "&#1;" was "lỗi số 14". The
    column is named by its header, the value never quoted (an address is personal)."""
    path = _book_with(tmp_path, row, column, xml)
    problems = loader(path, progress=False).problems
    (problem,) = (p for p in problems if p.is_error)
    assert (problem.file, problem.row, problem.column) == ("dv.xlsx [Đảng viên]", row, header)
    assert problem.value == ""
    assert "lỗi số" not in problem.reason


@pytest.mark.parametrize("loader", [load, load_frames])
@pytest.mark.parametrize("layout", _LAYOUTS)
def test_a_phone_number_with_letters_is_warned_of(
    tmp_path: Path, layout: str, loader: Callable[..., Any]
) -> None:
    """A phone number took any text without a word ("không có", a name, an "O" for a 0),
    where an identity number that is none is warned of; numbers written every way a
    clerk writes them, with a note beside them or not, still say nothing, and the value
    is never shown."""
    phones = [
        "+84 912 345 678",
        "0912.345.678",
        "(028) 3829 1234",
        "0912-345-678 / 0987 654 321",
        "+84-912-345-678",
        "0912345678 - 0987654321",
        "0912 345 678 (cơ quan)",
        "CQ: 028 3829 1234, ext. 12",
        "0912345678 (nhà riêng); 028.3829.1234 (máy lẻ 12)",
        "không có",
        "O912345678",
        "09l2 345 678",
    ]
    admitted = date(2010, 3, 2)
    target = _written(
        tmp_path,
        layout,
        *(
            Member(f"dv{at}", "Nguyễn Văn An", "cb1", admitted, phone=phone)
            for at, phone in enumerate(phones, start=1)
        ),
    )
    problems = loader(target, progress=False).problems
    column = "phone" if layout == "parquet" else "Số điện thoại"
    assert [(p.row, p.column, p.is_error) for p in problems] == [
        (11, column, False),
        (12, column, False),
        (13, column, False),
    ]
    for problem in problems:
        assert problem.value == REDACTED
        assert "phone number holds no digit, or letters among" in problem.text("en")
        assert "O912" not in problem.text("vi")
        assert "09l2" not in problem.text("vi")
