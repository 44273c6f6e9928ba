"""Files as offices and attackers make them: one regression test per class of bad input.

Workbooks are built with openpyxl and then edited part by part, the way a broken or
hostile file differs from a good one; CSV files are written by hand.
"""

from __future__ import annotations

import io
import re
import time
import unicodedata
import zipfile
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from coso_dang.cli import main
from coso_dang.dataset import Dataset
from coso_dang.errors import CosoDangError, RecordError
from coso_dang.evaluation import Evaluation, SubjectKind
from coso_dang.io import (
    MAX_XLSX_STRINGS_BYTES,
    LoadError,
    LoadResult,
    PathError,
    Severity,
    UsageError,
    dump_csv,
    dump_json,
    dump_parquet,
    dump_xlsx,
    load,
    load_csv,
    load_frames,
    load_json,
    load_xlsx,
)
from coso_dang.io._schema import SCHEMAS, BadValueError, EnumCodec, IntCodec
from coso_dang.io._variants import VARIANTS, ambiguous, nearest, variant
from coso_dang.members import CommitteeRole, Education, Member, PoliticalTheory
from coso_dang.orgs import GrassrootsType, Organization, OrgKind, Sector
from coso_dang.ratings import Rating

pytest.importorskip("openpyxl")

MEMBERS_PART = "xl/worksheets/sheet3.xml"


def _members() -> Dataset:
    xa = Organization("xa", "Đảng bộ xã Tân Lập", OrgKind.DANG_BO_CO_SO)
    cb = Organization("cb1", "Chi bộ thôn Đông", OrgKind.CHI_BO_TRUC_THUOC, parent_id="xa")
    people = [
        Member(f"dv{n}", f"Nguyễn Văn {n}", "cb1", admitted_on=date(2010, 3, n)) for n in (1, 2, 3)
    ]
    return Dataset([xa, cb], people)


def _workbook(data: Dataset | None = None) -> bytes:
    buffer = io.BytesIO()
    dump_xlsx(_members() if data is None else data, buffer)
    return buffer.getvalue()


def _edited(data: bytes, part: str, edit: Callable[[bytes], bytes]) -> bytes:
    """The workbook *data* with *part* replaced by ``edit(part)``."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            body = source.read(info.filename)
            target.writestr(info.filename, edit(body) if info.filename == part else body)
    return out.getvalue()


def _load(data: bytes) -> LoadResult:
    return load_xlsx(io.BytesIO(data), progress=False)


def _csv(text: str, kind: str = "members", **options: bool) -> LoadResult:
    return load_csv(io.StringIO(text, newline=""), kind=kind, progress=False, **options)


def _ids(result: LoadResult) -> list[str]:
    return [m.id for m in result.dataset.members]


# -- workbooks ----------------------------------------------------------------------------


class TestWorkbookXml:
    def test_dimension_understated(self) -> None:
        """A <dimension> naming one cell does not hide the rows and columns beyond it."""
        data = _edited(
            _workbook(),
            MEMBERS_PART,
            lambda xml: re.sub(rb"<dimension[^>]*>", b"", xml).replace(
                b"<sheetData>", b'<dimension ref="A1"/><sheetData>'
            ),
        )
        assert b'<dimension ref="A1"/>' in zipfile.ZipFile(io.BytesIO(data)).read(MEMBERS_PART)
        result = _load(data)
        assert result.ok, result.problems
        assert result.dataset == _members()

    def test_far_stray_cell_costs_one_cell(self) -> None:
        """A cell at XFD1048576 is named, not walked to: the load stays fast."""
        far = b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
        data = _edited(
            _workbook(),
            MEMBERS_PART,
            lambda xml: xml.replace(b"</sheetData>", far + b"</sheetData>"),
        )
        start = time.perf_counter()
        result = _load(data)
        assert time.perf_counter() - start < 2
        assert _ids(result) == ["dv1", "dv2", "dv3"]
        unnamed, *far_row = result.errors
        assert unnamed.column == "cột 16384"
        assert "từ dòng 1048576" in unnamed.reason
        # The far row holds no required cell: it is named, not lost.
        assert {p.row for p in far_row} == {1048576}

    @pytest.mark.parametrize(
        ("edit", "said"),
        [
            (lambda xml: xml.replace(b"Nguy\xe1\xbb\x85n V\xc4\x83n 2", b"Nguy\x01n"), "XML hỏng"),
            (lambda xml: xml[: xml.index(b'<row r="3"') + 20], "XML hỏng"),
            (lambda xml: xml.replace(b"Nguy\xe1\xbb\x85n V\xc4\x83n 2", b"&bogus;"), "XML hỏng"),
            (
                lambda xml: b'<!DOCTYPE x [<!ENTITY a "aaaa">]>' + xml[xml.index(b"<worksheet") :],
                "DOCTYPE",
            ),
        ],
        ids=["control character", "truncated", "undefined entity", "entity declaration"],
    )
    def test_malformed_sheet(self, edit: Callable[[bytes], bytes], said: str) -> None:
        """Malformed sheet XML is a problem naming the file and sheet, never a traceback."""
        data = _edited(_workbook(), MEMBERS_PART, edit)
        result = _load(data)
        problem = next(p for p in result.errors if p.file == "<stream> [Đảng viên]")
        assert said in problem.reason
        assert "không được đọc tiếp" in problem.reason
        # The organizations' sheet is whole.
        assert len(result.dataset.organizations) == 2

    def test_malformed_sheet_cli(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """The CLI says so and exits 2 (1 means a rule failed)."""
        path = tmp_path / "hong.xlsx"
        path.write_bytes(
            _edited(_workbook(), MEMBERS_PART, lambda xml: xml.replace(b"</sheetData>", b"\x01"))
        )
        assert main(["validate", str(path)]) == 2
        err = capsys.readouterr().err
        assert "hong.xlsx [Đảng viên]" in err
        assert "Traceback" not in err

    def test_shared_strings_bomb(self) -> None:
        """A shared strings part over its cap is refused before it is inflated."""
        data = _edited(
            _workbook(),
            "[Content_Types].xml",
            lambda xml: xml,
        )
        out = io.BytesIO()
        source = zipfile.ZipFile(io.BytesIO(data))
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for info in source.infolist():
                body = source.read(info.filename)
                if info.filename == "xl/_rels/workbook.xml.rels":
                    body = body.replace(
                        b"</Relationships>",
                        b'<Relationship Id="rIdS" Target="sharedStrings.xml" Type="http://schemas.'
                        b'openxmlformats.org/officeDocument/2006/relationships/sharedStrings"/>'
                        b"</Relationships>",
                    )
                target.writestr(info.filename, body)
            filler = b"<sst><si><t>" + b"a" * (MAX_XLSX_STRINGS_BYTES + 1) + b"</t></si></sst>"
            target.writestr("xl/sharedStrings.xml", filler)
        assert len(out.getvalue()) < 1_000_000
        start = time.perf_counter()
        with pytest.raises(LoadError, match="MiB, quá giới hạn"):
            _load(out.getvalue())
        assert time.perf_counter() - start < 2

    @pytest.mark.parametrize("count", [999, 1000, 1001])
    def test_shared_strings_of_many_strings(self, count: int) -> None:
        """A shared strings part of more strings than the cap on the elements allows
        (a sixth of it) is refused before it is read whole: 64 MiB of one-letter strings,
        a 0,9 MB file of no cell, took 24 s, outside any cap. Up to the cap, and with
        max_elements=None, it is read."""
        strings = b"".join(b"<si><t>%d</t></si>" % n for n in range(count))
        with zipfile.ZipFile(io.BytesIO(_workbook())) as source:
            out = io.BytesIO()
            with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
                for info in source.infolist():
                    body = source.read(info.filename)
                    if info.filename == "xl/_rels/workbook.xml.rels":
                        body = body.replace(
                            b"</Relationships>",
                            b'<Relationship Id="rIdS" Target="sharedStrings.xml" Type="http://'
                            b"schemas.openxmlformats.org/officeDocument/2006/relationships/"
                            b'sharedStrings"/></Relationships>',
                        )
                    target.writestr(info.filename, body)
                target.writestr("xl/sharedStrings.xml", b"<sst>" + strings + b"</sst>")
        data = out.getvalue()
        whole = load_xlsx(io.BytesIO(data), progress=False, max_elements=None)
        assert whole.ok
        if count > 1000:
            with pytest.raises(LoadError, match=r"hơn 1\.000 chuỗi dùng chung"):
                load_xlsx(io.BytesIO(data), progress=False, max_elements=6000)
        else:
            capped = load_xlsx(io.BytesIO(data), progress=False, max_elements=6000)
            assert capped.dataset == whole.dataset

    def test_sheet_over_the_cap(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """A sheet over the part cap is refused by name; the other sheets load."""
        import coso_dang.io._xlsxparts as parts

        # Without the (large, unread) theme, the members' sheet is the largest part.
        data = _edited(_workbook(), "xl/theme/theme1.xml", lambda xml: b"<a/>")
        sizes = {i.filename: i.file_size for i in zipfile.ZipFile(io.BytesIO(data)).infolist()}
        assert max(sizes, key=sizes.__getitem__) == MEMBERS_PART
        monkeypatch.setattr(parts, "MAX_XLSX_PART_BYTES", sizes[MEMBERS_PART] - 1)
        result = _load(data)
        (problem,) = result.errors
        assert problem.file == "<stream> [Đảng viên]"
        assert "quá giới hạn" in problem.reason
        assert len(result.dataset.organizations) == 2

    def test_docx_renamed(self, tmp_path: Path) -> None:
        """A Word file renamed .xlsx is a LoadError that says what it is."""
        path = tmp_path / "danh_sach.xlsx"
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr(
                "_rels/.rels",
                '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                'relationships"><Relationship Id="r1" Type="http://schemas.openxmlformats.org/'
                'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
                "</Relationships>",
            )
            archive.writestr("word/document.xml", "<document/>")
        with pytest.raises(LoadError, match=r"Word \(\.docx\)") as caught:
            load(path)
        assert isinstance(caught.value, CosoDangError)

    def test_xls_renamed(self) -> None:
        with pytest.raises(LoadError, match=r"\.xls"):
            _load(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)

    def test_other_zip(self) -> None:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("a.txt", "x")
        with pytest.raises(LoadError, match="không phải sổ tính"):
            _load(buffer.getvalue())


class TestWorkbookValues:
    def test_formula_without_value(self) -> None:
        """A formula saved without its value is an error on its row, never an empty cell."""
        data = _edited(
            _workbook(),
            MEMBERS_PART,
            lambda xml: re.sub(
                rb'<c r="B3" t="inlineStr"><is><t>[^<]*</t></is></c>',
                b'<c r="B3"><f>CONCAT("a","b")</f></c>',
                xml,
            ),
        )
        result = _load(data)
        assert _ids(result) == ["dv1", "dv3"]
        (problem,) = result.errors
        assert (problem.row, problem.column) == (3, "Họ và tên")
        assert "công thức" in problem.reason

    def test_formula_with_value(self) -> None:
        """A formula with a saved value is read as that value."""
        data = _edited(
            _workbook(),
            MEMBERS_PART,
            lambda xml: re.sub(
                rb'<c r="B3" t="inlineStr"><is><t>[^<]*</t></is></c>',
                b'<c r="B3" t="str"><f>CONCAT("a","b")</f><v>Tr\xe1\xba\xa7n Minh</v></c>',
                xml,
            ),
        )
        result = _load(data)
        assert result.ok
        assert result.dataset.members[1].full_name == "Trần Minh"

    def test_hidden_sheet(self) -> None:
        """A hidden sheet is read, with a warning."""
        data = _edited(
            _workbook(),
            "xl/workbook.xml",
            lambda xml: xml.replace(
                b'name="\xc4\x90\xe1\xba\xa3ng vi\xc3\xaan" sheetId="3" state="visible"',
                b'name="\xc4\x90\xe1\xba\xa3ng vi\xc3\xaan" sheetId="3" state="hidden"',
            ),
        )
        result = _load(data)
        assert _ids(result) == ["dv1", "dv2", "dv3"]
        (warning,) = result.warnings
        assert warning.file == "<stream> [Đảng viên]"
        assert "bị ẩn" in warning.reason

    def test_numbers_in_identity_and_phone_columns(self) -> None:
        """An identity or phone number typed as a number lost its zeros: not read, said."""
        book = __import__("openpyxl").Workbook()
        sheet = book.active
        sheet.title = "Đảng viên"
        sheet.append(["Mã", "Họ và tên", "Chi bộ", "Ngày vào Đảng", "Số CCCD", "Số điện thoại"])
        sheet.append(["dv1", "An", "cb1", "02/03/2010", 1089012345, 912345678])
        sheet.append(["dv2", "Hoa", "cb1", "02/03/2010", "001089012345", "0912345678"])
        buffer = io.BytesIO()
        book.save(buffer)
        result = _load(buffer.getvalue())
        first, second = result.dataset.members
        assert first.identity_number is None
        assert first.phone is None
        assert second.identity_number == "001089012345"
        assert [(p.row, p.column, p.value) for p in result.warnings] == [
            (2, "Số CCCD", "…"),
            (2, "Số điện thoại", "…"),
        ]
        assert result.ok

    def test_title_row_above_header(self) -> None:
        """A (merged) title above the header is skipped with a warning naming it."""
        book = __import__("openpyxl").Workbook()
        sheet = book.active
        sheet.title = "Đảng viên"
        sheet.append(["DANH SÁCH ĐẢNG VIÊN CHI BỘ THÔN ĐÔNG"])
        sheet.merge_cells("A1:D1")
        sheet.append([])
        sheet.append(["Mã", "Họ và tên", "Chi bộ", "Ngày vào Đảng"])
        sheet.append(["dv1", "An", "cb1", "02/03/2010"])
        buffer = io.BytesIO()
        book.save(buffer)
        result = _load(buffer.getvalue())
        assert _ids(result) == ["dv1"]
        (warning,) = result.problems
        assert warning.row == 1
        assert not warning.is_error
        assert "DANH SÁCH ĐẢNG VIÊN CHI BỘ THÔN ĐÔNG" in warning.reason


# -- CSV --------------------------------------------------------------------------------------

HEADER = "Mã,Họ và tên,Chi bộ,Ngày vào Đảng\r\n"


class TestCsvQuotes:
    def test_unclosed_quote(self) -> None:
        """A stray quote names its row; the rows it would have swallowed still load."""
        text = (
            HEADER
            + 'dv1,"Nguyễn Văn An,cb1,02/03/2010\r\n'
            + "".join(f"dv{n},Lê Thị {n},cb1,02/03/2010\r\n" for n in range(2, 9))
        )
        result = _csv(text)
        assert _ids(result) == [f"dv{n}" for n in range(2, 9)]
        (problem,) = result.problems
        assert problem.row == 2
        assert "dấu ngoặc kép" in problem.reason

    def test_quote_closed_a_line_later(self) -> None:
        """A quote closed a line later, inside a name: the row is named with its span."""
        text = HEADER + 'dv1,"An,cb1,02/03/2010\r\ndv2,Lê "Hoa,cb1,02/03/2010\r\n'
        text += "dv3,Minh,cb1,02/03/2010\r\n"
        result = _csv(text)
        assert _ids(result) == ["dv3"]
        (problem,) = result.problems
        assert problem.row == 2
        assert "kéo dài qua 2 dòng" in problem.reason

    def test_name_over_lines(self) -> None:
        """A closed quote spanning lines in a column that allows none: the row is refused."""
        text = HEADER + 'dv1,"Nguyễn\r\nVăn An",cb1,02/03/2010\r\ndv2,Hoa,cb1,02/03/2010\r\n'
        result = _csv(text)
        assert _ids(result) == ["dv2"]
        assert [p.row for p in result.problems] == [2]

    def test_address_may_span_a_few_lines(self) -> None:
        """Free text (an address) may span a few lines; a name may not."""
        text = (
            "Mã,Họ và tên,Chi bộ,Ngày vào Đảng,Địa chỉ\r\n"
            + 'dv1,An,cb1,02/03/2010,"Số 1\r\nThôn Đông"\r\n'
        )
        result = _csv(text)
        assert result.ok
        assert result.dataset.members[0].address == "Số 1\r\nThôn Đông"

    def test_formula_prefix_undone(self) -> None:
        """A text written as ' and a formula character is read back without the '."""
        text = (
            "Mã,Tên,Loại tổ chức\r\nxa,'=Đảng bộ xã,Đảng bộ cơ sở\r\nxb,'Tân Lập,Đảng bộ cơ sở\r\n"
        )
        names = [o.name for o in _csv(text, "organizations").dataset.organizations]
        assert names == ["=Đảng bộ xã", "'Tân Lập"]

    @pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t"])
    def test_formula_prefix_each_start(self, start: str) -> None:
        text = f'Mã,Tên,Loại tổ chức\r\nxa,"\'{start}1 Tân Lập",Đảng bộ cơ sở\r\n'
        (org,) = _csv(text, "organizations").dataset.organizations
        assert org.name.startswith(start.strip() or "1")

    def test_title_row(self) -> None:
        """A title line above the CSV header is skipped with a warning."""
        text = "DANH SÁCH ĐẢNG VIÊN,,,\r\n,,,\r\n" + HEADER + "dv1,An,cb1,02/03/2010\r\n"
        result = load_csv(io.StringIO(text, newline=""), progress=False)
        assert _ids(result) == ["dv1"]
        (warning,) = result.problems
        assert warning.row == 1
        assert "DANH SÁCH ĐẢNG VIÊN" in warning.reason


class TestProblemCap:
    def test_a_million_bad_rows(self) -> None:
        """Past MAX_TABLE_PROBLEMS errors a table stops, naming the row: memory stays small."""
        from coso_dang.io._collect import MAX_TABLE_PROBLEMS

        text = HEADER + "x\r\n" * 1_000_000 + "dv1,An,cb1,02/03/2010\r\n"
        start = time.perf_counter()
        result = _csv(text)
        assert time.perf_counter() - start < 5
        assert len(result.problems) == MAX_TABLE_PROBLEMS + 1
        last = result.problems[-1]
        assert last.row == MAX_TABLE_PROBLEMS + 2
        assert "phần còn lại của bảng không được đọc" in last.reason

    def test_warnings_past_the_cap_are_counted(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Warnings past the cap are counted in one more warning; every row still loads."""
        import coso_dang.io._collect as collect

        monkeypatch.setattr(collect, "MAX_TABLE_PROBLEMS", 3)
        text = "Mã,Họ và tên,Chi bộ,Ngày vào Đảng,Ngày sinh\r\n" + "".join(
            f"dv{n},An,cb1,02/03/2010,01/01/2000\r\n" for n in range(10)
        )
        result = _csv(text)
        assert len(result.dataset.members) == 10
        assert len(result.warnings) == 4
        assert "và 7 cảnh báo khác" in result.warnings[0].reason


# Excel's owner file of members.csv open in it (a user's name, then padding), and the
# AppleDouble file macOS copies beside it onto a USB stick.
_LEFT = {"~$members.csv": b"\x05An   " + b"\x00" * 40, "._members.csv": b"\x00\x05\x16\x07"}


class TestFolders:
    def test_both_namings_refused(self, tmp_path: Path) -> None:
        """members.csv beside dang_vien.csv is an error, not a doubled roster."""
        dump_csv(_members(), tmp_path)
        (tmp_path / "dang_vien.csv").write_bytes((tmp_path / "members.csv").read_bytes())
        with pytest.raises(LoadError, match=r"dang_vien\.csv, members\.csv"):
            load_csv(tmp_path)

    @pytest.mark.parametrize("name", list(_LEFT))
    @pytest.mark.parametrize("layout", ["csv", "parquet"])
    def test_files_left_beside_a_table(self, tmp_path: Path, name: str, layout: str) -> None:
        """A folder read while Excel has a table open holds Excel's owner file of it
        (hidden on Windows); one copied from a Mac, macOS's metadata of each file. Named
        for no table, each was an error: the folder did not load, for a file the clerk
        never saw. It is passed over with a warning, in every loader; a folder holding
        nothing else holds no table."""
        folder = tmp_path / "d"
        data = _members()
        if layout == "parquet":
            pytest.importorskip("polars")
            dump_parquet(data, folder)
            name = name.replace(".csv", ".parquet")
        else:
            dump_csv(data, folder)
        (folder / name).write_bytes(_LEFT[name.replace(".parquet", ".csv")])
        result = load(folder, progress=False)
        assert result.ok
        assert result.dataset == data
        (warning,) = result.warnings
        assert (warning.file, warning.row) == (name, None)
        assert "bỏ qua" in warning.reason
        assert load_frames(folder, progress=False).problems == result.problems
        alone = tmp_path / "alone"
        alone.mkdir()
        (alone / name).write_bytes(_LEFT[name.replace(".parquet", ".csv")])
        with pytest.raises(LoadError, match="không có tệp"):
            load(alone, progress=False)


class TestMisuse:
    def test_missing_path(self, tmp_path: Path) -> None:
        for function in (load, load_json, load_csv, load_xlsx):
            suffix = ".xlsx" if function is load_xlsx else ".json"
            with pytest.raises(PathError) as caught:
                function(tmp_path / f"khong_co{suffix}")
            assert isinstance(caught.value, OSError)
            assert isinstance(caught.value, CosoDangError)
            assert "khong_co" in str(caught.value)

    def test_folder_for_a_file(self, tmp_path: Path) -> None:
        folder = tmp_path / "du_lieu.json"
        folder.mkdir()
        with pytest.raises(PathError, match="là một thư mục"):
            load(folder)
        with pytest.raises(PathError, match="source"):
            load_json(folder)

    def test_bytes_stream_to_load_csv(self) -> None:
        with pytest.raises(UsageError, match="luồng văn bản") as caught:
            load_csv(io.BytesIO(b"Ma,Ten\r\n"), kind="organizations")  # type: ignore[arg-type]
        assert isinstance(caught.value, TypeError)

    def test_not_a_path(self) -> None:
        with pytest.raises(UsageError, match="đường dẫn"):
            load(42)  # type: ignore[arg-type]
        with pytest.raises(UsageError):
            load_json(42)  # type: ignore[arg-type]
        with pytest.raises(UsageError):
            load_xlsx(42)  # type: ignore[arg-type]


class TestIds:
    def test_nfc_and_nfd_are_one_id(self) -> None:
        """Ids typed in NFC in one file and NFD in another are the same id."""
        nfd = unicodedata.normalize("NFD", "Đông")
        text = f"Mã,Họ và tên,Chi bộ,Ngày vào Đảng\r\n{nfd}1,An,cb{nfd},02/03/2010\r\n"
        (member,) = _csv(text).dataset.members
        assert member.id == "Đông1"
        assert member.org_id == "cbĐông"


# -- personal data ----------------------------------------------------------------------------

# Bad values in every personal column: each distinctive, so any leak is found.
_SECRETS = {
    "Ngày sinh": "31/02/1977",
    "Số tháng nghỉ ốm": "7 tháng",
    "Bị kỷ luật": "Khiển trách",
    "Tự phát hiện, khắc phục": "Có lẽ",
    "Miễn công tác, sinh hoạt": "Nửa năm",
    "Thời gian gián đoạn": "mùa hè 1999",
}


class TestPersonalData:
    def _problems(self, fmt: str, tmp_path: Path) -> list[str]:
        members = "Mã,Họ và tên,Chi bộ,Ngày vào Đảng,Ngày sinh,Thời gian gián đoạn\r\n"
        members += "dv1,An,cb1,02/03/2010,31/02/1977,mùa hè 1999\r\n"
        evals = (
            'Mã,Năm,Xếp loại,Bị kỷ luật,Số tháng nghỉ ốm,"Tự phát hiện, khắc phục",'
            '"Miễn công tác, sinh hoạt"\r\n'
            "dv1,2024,HTTNV,Khiển trách,7 tháng,Có lẽ,Nửa năm\r\n"
        )
        folder = tmp_path / "csv"
        folder.mkdir()
        (folder / "members.csv").write_text(members, encoding="utf-8")
        (folder / "evaluations.csv").write_text(evals, encoding="utf-8")
        if fmt == "csv":
            result = load_csv(folder, progress=False)
        elif fmt == "xlsx":
            book = __import__("openpyxl").Workbook()
            book.remove(book.active)
            for title, text in (("Đảng viên", members), ("Đánh giá", evals)):
                sheet = book.create_sheet(title)
                import csv

                for row in csv.reader(io.StringIO(text)):
                    sheet.append(row)
            book.save(tmp_path / "data.xlsx")
            result = load_xlsx(tmp_path / "data.xlsx", progress=False)
        else:
            path = tmp_path / "data.json"
            path.write_text(
                '{"format": "coso-dang", "schema_version": 1, "members": [{"id": "dv1", '
                '"full_name": "An", "org_id": "cb1", "admitted_on": "2010-03-02", '
                '"birth_date": "31/02/1977", "inactive_periods": "mùa hè 1999"}], '
                '"evaluations": [{"subject_id": "dv1", "year": 2024, "rating": "HTTNV", '
                '"disciplined": "Khiển trách", "sick_leave_months": "7 tháng", '
                '"self_remedied": "Có lẽ", "exempted": "Nửa năm"}]}',
                encoding="utf-8",
            )
            result = load_json(path, progress=False)
        assert len(result.errors) >= 2
        texts = [p.text(locale) for p in result.problems for locale in ("vi", "en")]
        texts += [repr(p) for p in result.problems]
        texts.append(str(LoadError(result.problems)))
        return texts

    @pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
    def test_no_personal_value_in_problems(self, fmt: str, tmp_path: Path) -> None:
        for text in self._problems(fmt, tmp_path):
            for secret in _SECRETS.values():
                assert secret not in text, (secret, text)

    def test_no_personal_value_in_cli_output(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        self._problems("csv", tmp_path)
        assert main(["validate", str(tmp_path / "csv")]) == 2
        captured = capsys.readouterr()
        for secret in _SECRETS.values():
            assert secret not in captured.out + captured.err


# -- a clerk's ordinary files -----------------------------------------------------------------

ORGS = "Mã,Tên,Loại tổ chức,Mã cấp trên\r\nxa,Đảng bộ xã Tân Lập,Đảng bộ cơ sở,\r\n"
ORGS += "cb1,Chi bộ thôn Đông,Chi bộ trực thuộc,xa\r\ncb2,Chi bộ thôn Tây,Chi bộ trực thuộc,xa\r\n"


def _folder(tmp_path: Path, **files: str) -> Path:
    for stem, text in files.items():
        (tmp_path / f"{stem}.csv").write_text(text, encoding="utf-8")
    return tmp_path


# Every coded column of every table, once per list.
_CODED_COLUMNS = list(
    {
        column.codec.enum: column.codec
        for schema in SCHEMAS
        for column in schema.columns
        if isinstance(column.codec, EnumCodec)
    }.values()
)
_PUNCTUATED: list[Callable[[str], str]] = [
    lambda label: label.replace(" ", "-"),
    lambda label: label.replace(", ", " - "),
    lambda label: label.upper() + ".",
    lambda label: label.replace(" ", "  ").replace(",", ";"),
]


@pytest.mark.parametrize("codec", _CODED_COLUMNS, ids=lambda codec: codec.enum.__name__)
def test_every_coded_column_reads_a_label_however_punctuated(codec: EnumCodec) -> None:
    # "Từ-trần", "THÔN.": a list's labels are read by key in every column, as an
    # organization's level ("Chi-bộ cơ sở") and a member's lists always were.
    for member in codec.enum:
        for written in _PUNCTUATED:
            assert codec.from_text(written(member.label)) is member, written(member.label)


# Biểu 5's rows of each sector that has several (not "Khác", the name of one of them).
_SHARED_ROWS = [
    rows
    for rows in ([t for t in GrassrootsType if t.sector is sector] for sector in Sector)
    if len(rows) > 1 and rows[0].sector is not Sector.KHAC
]


class TestClerkFiles:
    def test_unknown_column_is_a_warning(self, tmp_path: Path) -> None:
        text = "Mã,Họ và tên,Chi bộ,Ngày vào Đảng,Ghi chú\r\ndv1,An,cb1,02/03/2010,x\r\n"
        result = _csv(text)
        assert result.ok
        assert _ids(result) == ["dv1"]
        (warning,) = result.warnings
        assert warning.column == "Ghi chú"
        assert "không được đọc" in warning.reason
        path = _folder(tmp_path, organizations=ORGS, members=text)
        assert main(["validate", str(path)]) == 0
        assert main(["validate", "--strict", str(path)]) == 2

    def test_rating_of_an_organization(self, tmp_path: Path) -> None:
        """An id naming one organization and no member is that organization's rating."""
        members = HEADER + "dv1,An,cb1,02/03/2010\r\ncb2,Lạ,cb1,02/03/2010\r\n"
        evals = "Mã,Năm,Xếp loại\r\ncb1,2024,HTTNV\r\ndv1,2024,HTNV\r\ncb2,2024,HTNV\r\n"
        path = _folder(tmp_path, organizations=ORGS, members=members, evaluations=evals)
        result = load_csv(path, progress=False)
        kinds = {(e.subject_id, e.subject) for e in result.dataset.evaluations}
        assert kinds == {
            ("cb1", SubjectKind.ORGANIZATION),
            ("dv1", SubjectKind.MEMBER),
            ("cb2", SubjectKind.MEMBER),
        }
        (warning,) = result.warnings
        assert warning.row == 4
        assert "cũng của một tổ chức" in warning.reason

    def test_variants(self) -> None:
        """Clerks' spellings are read; an unknown value lists the accepted ones and the nearest."""
        assert variant(CommitteeRole, "Bí thư chi bộ") is CommitteeRole.BI_THU
        assert variant(CommitteeRole, "Chi ủy viên") is CommitteeRole.UY_VIEN
        assert variant(Rating, "Hoàn thành tốt NV") is Rating.HTTNV
        assert variant(Rating, "HT tốt nhiệm vụ") is Rating.HTTNV
        for enum, table in VARIANTS.items():
            for member in table.values():
                assert isinstance(member, enum)
        evals = (
            "Mã,Năm,Xếp loại\r\ndv1,2024,HT tốt nhiệm vụ\r\ndv2,2024,Hoàn thành tôt nhiem vu\r\n"
        )
        result = _csv(evals, "evaluations")
        assert [e.rating for e in result.dataset.evaluations] == [Rating.HTTNV, Rating.HTTNV]
        roles = HEADER.replace("\r\n", ",Chức vụ cấp ủy\r\n")
        roles += "dv1,An,cb1,02/03/2010,Bí thư chi bộ\r\ndv2,Hoa,cb1,02/03/2010,Phó bí thu\r\n"
        roles += "dv3,Minh,cb1,02/03/2010,Thư ký\r\n"
        result = _csv(roles)
        assert result.dataset.members[0].committee_role is CommitteeRole.BI_THU
        assert result.dataset.members[1].committee_role is CommitteeRole.PHO_BI_THU
        (problem,) = result.errors
        assert "Bí thư, Phó bí thư, Ủy viên" in problem.reason
        assert nearest("Hoan thanh tot", [r.label for r in Rating]) == "Hoàn thành tốt nhiệm vụ"

    @pytest.mark.parametrize(
        ("text", "level"),
        [
            ("Thạc sỹ", Education.THAC_SI),  # the forms' own spelling of the row
            ("Tiến sỹ", Education.TIEN_SI),
            ("Th.S", Education.THAC_SI),
            ("TS.", Education.TIEN_SI),
            ("Kĩ sư", Education.DAI_HOC),
            ("KS", Education.DAI_HOC),
            ("CN", Education.DAI_HOC),
            ("Công nhân kỹ thuật, nhân viên nghiệp vụ, sơ cấp", Education.SO_CAP),
            ("Trung học chuyên nghiệp", Education.TRUNG_CAP),
            ("Tiến sĩ khoa học", Education.TIEN_SI),
            ("Cử nhân Luật", Education.DAI_HOC),
            ("Kỹ sư xây dựng", Education.DAI_HOC),
            ("ThS. Quản lý kinh tế", Education.THAC_SI),
            ("Đại học Sư phạm", Education.DAI_HOC),
            ("Trung cấp nghề", Education.TRUNG_CAP),
            ("Cao cấp lý luận chính trị", PoliticalTheory.CAO_CAP),
            ("Trung cấp lý luận chính trị", PoliticalTheory.TRUNG_CAP),
            ("Sơ cấp chính trị", PoliticalTheory.SO_CAP),
            ("TC LLCT", PoliticalTheory.TRUNG_CAP),
            ("Cử nhân chính trị", PoliticalTheory.CU_NHAN),
            # The courses' name since 2000, and the doctorate under an academic title.
            ("Cao cấp lý luận chính trị - hành chính", PoliticalTheory.CAO_CAP),
            ("Trung cấp chính trị - hành chính", PoliticalTheory.TRUNG_CAP),
            ("Cao cấp LLCT-HC", PoliticalTheory.CAO_CAP),
            ("Trung cấp LLCT - HC", PoliticalTheory.TRUNG_CAP),
            ("Cao cấp CT-HC", PoliticalTheory.CAO_CAP),
            ("PGS.TS", Education.TIEN_SI),
            ("GS. TSKH", Education.TIEN_SI),
        ],
    )
    def test_education_and_theory_as_written(self, text: str, level: object) -> None:
        assert variant(type(level), text) is level

    @pytest.mark.parametrize(
        "subject",
        ["lý luận chính trị", "LLCT", "chính trị", "CT", "CT-HC", "LLCT-HC", "lý luận"],
    )
    @pytest.mark.parametrize("degree", ["Sơ cấp", "Trung cấp", "TC", "Cao đẳng", "Cử nhân"])
    def test_a_theory_level_is_no_professional_degree(self, degree: str, subject: str) -> None:
        # "Trung cấp CT-HC" is trung cấp lý luận chính trị - hành chính: the theory
        # column's level, not a professional trung cấp in the field "CT-HC".
        assert variant(Education, f"{degree} {subject}") is None

    @pytest.mark.parametrize(
        ("short", "level"),
        [
            ("SC", PoliticalTheory.SO_CAP),
            ("TC", PoliticalTheory.TRUNG_CAP),
            ("CC", PoliticalTheory.CAO_CAP),
            ("CN", PoliticalTheory.CU_NHAN),
        ],
    )
    @pytest.mark.parametrize("subject", ["CT", " CT", ".CT", " LLCT", "LLCT", " chính trị"])
    def test_a_theory_level_shortened_with_its_subject(
        self, short: str, subject: str, level: PoliticalTheory
    ) -> None:
        # "TCCT" (trung cấp chính trị) as "TCLLCT" (trung cấp lý luận chính trị).
        assert variant(PoliticalTheory, short + subject) is level
        assert variant(PoliticalTheory, (short + subject).lower()) is level
        assert variant(Education, short + subject) is None

    @pytest.mark.parametrize(
        ("enum", "text"),
        [
            # A degree being studied for, a clinical specialisation, two degrees, the
            # political theory level in the professional column: not a degree held.
            (Education, "Thạc sĩ (đang học)"),
            (Education, "Đại học, đang học cao học"),
            (Education, "Bác sĩ chuyên khoa II"),
            (Education, "Đại học + Thạc sĩ"),
            (Education, "Trung cấp lý luận chính trị"),
            (Education, "Cao cấp lý luận chính trị - hành chính"),
            (PoliticalTheory, "Cử nhân hành chính"),
            (PoliticalTheory, "PGS.TS"),
            (Education, "CN kỹ thuật điện"),
            (PoliticalTheory, "Thạc sĩ"),
        ],
    )
    def test_what_is_not_a_level_held_is_not_read(self, enum: type, text: str) -> None:
        assert variant(enum, text) is None

    @staticmethod
    def _organization(sector: str, kind: str) -> LoadResult:
        header = "Mã,Tên,Loại tổ chức,Loại hình,Loại hình cơ sở\r\n"
        row = f'cs1,Chi bộ A,Chi bộ cơ sở,"{sector}","{kind}"\r\n'
        return _csv(header + row, "organizations")

    @pytest.mark.parametrize("member", [*GrassrootsType], ids=lambda m: str(m.value))
    @pytest.mark.parametrize(
        "written",
        [
            lambda label: label.replace(" - ", "-"),
            lambda label: label.replace(", ", " - "),
            lambda label: label.upper() + ".",
            lambda label: label.replace(" ", "  ").replace(",", ";"),
        ],
    )
    def test_a_type_and_its_sector_are_read_however_punctuated(
        self, member: GrassrootsType, written: Callable[[str], str]
    ) -> None:
        # As the organization's level and every member's list are: case, spaces,
        # hyphens, commas and dots aside ("chính trị-xã hội", "Xã - phường - thị trấn").
        result = self._organization(written(member.sector.label), written(member.label))
        assert not result.errors
        (organization,) = result.dataset.organizations
        assert organization.grassroots_type is member
        assert organization.sector is member.sector

    @pytest.mark.parametrize(
        ("sector", "kind", "member"),
        [
            ("Phường", "Phường", GrassrootsType.PHUONG),
            ("Xã", "Xã", GrassrootsType.XA),
            (
                "DNNN",
                "Doanh nghiệp Nhà nước nắm giữ 100% vốn điều lệ",
                GrassrootsType.DN_NHA_NUOC_100,
            ),
            ("Doanh nghiệp ngoài nhà nước", "Công ty TNHH", GrassrootsType.CONG_TY_TNHH),
            ("", "CTCP", GrassrootsType.CONG_TY_CO_PHAN),
            ("", "DNTN", GrassrootsType.DN_TU_NHAN),
            ("Khác", "HTX", GrassrootsType.HOP_TAC_XA),
        ],
    )
    def test_a_type_and_its_sector_by_their_short_names(
        self, sector: str, kind: str, member: GrassrootsType
    ) -> None:
        result = self._organization(sector, kind)
        assert not result.errors
        (organization,) = result.dataset.organizations
        assert organization.grassroots_type is member
        assert organization.sector is member.sector

    @pytest.mark.parametrize("rows", _SHARED_ROWS, ids=lambda rows: str(rows[0].sector.value))
    def test_a_sector_of_several_rows_is_no_type(self, rows: list[GrassrootsType]) -> None:
        # "Doanh nghiệp nhà nước" in the column of Biểu 5's rows: one of three rows.
        (problem,) = self._organization("", rows[0].sector.label).errors
        for row in rows:
            assert row.label in problem.reason
        assert "found on several lines" in problem.text("en")

    def test_a_business_of_either_sector_is_refused(self) -> None:
        (problem,) = self._organization("Doanh nghiệp", "").errors
        assert Sector.DOANH_NGHIEP_NHA_NUOC.label in problem.reason
        assert Sector.DOANH_NGHIEP_NGOAI_NHA_NUOC.label in problem.reason

    def test_a_count_grouped_in_thousands_is_read(self) -> None:
        # "1.234" is how Vietnamese writes 1234, and how the refusal writes its bounds.
        evaluations = "Mã,Năm,Xếp loại,Số nhiệm vụ,Hoàn thành đúng hạn\r\n"
        evaluations += "dv1,2024,HTTNV,1.234,1.200\r\n"
        (evaluation,) = _csv(evaluations, "evaluations").dataset.evaluations
        assert (evaluation.tasks, evaluation.tasks_on_time) == (1234, 1200)

    @pytest.mark.parametrize("cell", [1.234, Decimal("1.234"), "1.23", "0.125", "1,234"])
    def test_a_number_with_a_fraction_is_no_count(self, cell: object) -> None:
        # A workbook's 1.234 is one and a bit: its text is no count grouped in thousands.
        with pytest.raises(BadValueError):
            IntCodec(0, 1_000_000).from_cell(cell)

    def test_the_bounds_of_a_count_are_grouped_and_of_a_year_not(self) -> None:
        evaluations = "Mã,Năm,Xếp loại,Số nhiệm vụ\r\ndv1,20x4,HTTNV,2000000\r\n"
        year, tasks = _csv(evaluations, "evaluations").errors
        assert year.reason.endswith("từ 1930 đến 9999")
        assert year.text("en").endswith("from 1930 to 9999")
        assert tasks.reason.endswith("từ 0 đến 1.000.000")
        assert tasks.text("en").endswith("from 0 to 1,000,000")
        with pytest.raises(RecordError) as caught:
            Evaluation("dv1", 2024, Rating.HTTNV, tasks=2_000_000)
        assert str(caught.value).endswith("từ 0 đến 1.000.000")
        assert caught.value.message("en").endswith("from 0 to 1,000,000")

    def test_names_of_two_levels_say_so(self) -> None:
        assert "Thạc sĩ hoặc Tiến sĩ" in str(ambiguous(Education, "Sau đại học"))
        assert "Cao cấp hoặc Cử nhân" in str(ambiguous(PoliticalTheory, "Cao cấp, cử nhân"))
        assert ambiguous(Education, "Đại học") is None

    def test_suggestion(self) -> None:
        result = _csv("Mã,Năm,Xếp loại\r\ndv1,2024,Hoàn thành xuất sác\r\n", "evaluations")
        (problem,) = result.errors
        assert "có phải «Hoàn thành xuất sắc nhiệm vụ»?" in problem.reason

    def test_chi_bo_by_name(self, tmp_path: Path) -> None:
        members = (
            HEADER + "dv1,An,Chi bộ thôn Đông,02/03/2010\r\ndv2,Hoa,chi bo thon tay,02/03/2010\r\n"
        )
        result = load_csv(_folder(tmp_path, organizations=ORGS, members=members), progress=False)
        assert [m.org_id for m in result.dataset.members] == ["cb1", "cb2"]
        assert len(result.warnings) == 2
        assert result.ok

    def test_an_id_is_not_read_as_a_name(self, tmp_path: Path) -> None:
        """A chi bộ written as an id is (no capital, mark or space) is an unknown id, not
        the chi bộ of that name: "hoa" is no "Hòa" (a file the library wrote loads back
        as it was)."""
        orgs = ORGS + "0,Hòa,Chi bộ trực thuộc,xa\r\n"
        members = HEADER + "dv1,An,hoa,02/03/2010\r\ndv2,Ba,Hòa,02/03/2010\r\n"
        result = load_csv(_folder(tmp_path, organizations=orgs, members=members), progress=False)
        assert [m.org_id for m in result.dataset.members] == ["hoa", "0"]
        (warning,) = result.warnings
        assert warning.row == 3

    def test_chi_bo_name_ambiguous_or_unknown(self, tmp_path: Path) -> None:
        orgs = ORGS + "cb3,Chi bộ thôn Đông,Chi bộ trực thuộc,xa\r\n"
        members = HEADER + "dv1,An,Chi bộ thôn Đông,02/03/2010\r\ndv2,Hoa,cb11,02/03/2010\r\n"
        path = _folder(tmp_path, organizations=orgs, members=members)
        result = load_csv(path, progress=False, validate=True)
        first, second = result.errors
        assert first.row == 2
        assert "cb1, cb3" in first.reason
        assert second.row == 3
        assert "có phải «cb1»?" in second.reason

    @pytest.mark.parametrize(
        ("written", "org_id"),
        [
            ("Chi bộ thôn Hòa", "cbh"),
            ("Chi bộ thôn Hoà", "cbh"),  # the tone where the school spelling puts it
            ("CHI BỘ THÔN HOA", "cbo"),
            ("Chi  bộ thôn\u00a0Hoa", "cbo"),
        ],
    )
    def test_chi_bo_told_apart_by_its_marks(
        self, tmp_path: Path, written: str, org_id: str
    ) -> None:
        """Two chi bộ whose names differ only by a mark ("Hòa", "Hoa"): a member's cell
        spelling one of them with its marks was refused as naming both, though the
        command line's --org tells them apart."""
        orgs = ORGS + "cbh,Chi bộ thôn Hòa,Chi bộ trực thuộc,xa\r\n"
        orgs += "cbo,Chi bộ thôn Hoa,Chi bộ trực thuộc,xa\r\n"
        members = HEADER + f"dv1,An,{written},02/03/2010\r\n"
        path = _folder(tmp_path, organizations=orgs, members=members)
        result = load_csv(path, progress=False, validate=True)
        assert result.ok
        assert [m.org_id for m in result.dataset.members] == [org_id]

    def test_chi_bo_without_its_marks_is_still_ambiguous(self, tmp_path: Path) -> None:
        orgs = ORGS + "cbh,Chi bộ thôn Hòa,Chi bộ trực thuộc,xa\r\n"
        orgs += "cbo,Chi bộ thôn Hoa,Chi bộ trực thuộc,xa\r\n"
        members = HEADER + "dv1,An,chi bo thon hoa,02/03/2010\r\n"
        path = _folder(tmp_path, organizations=orgs, members=members)
        (error,) = load_csv(path, progress=False, validate=True).errors
        assert "cbh, cbo" in error.reason

    def test_follow_on_points_at_the_failed_row(self, tmp_path: Path) -> None:
        members = HEADER + "dv1,An,cb1,31/02/2010\r\n"
        evals = "Mã,Năm,Xếp loại\r\ndv1,2024,HTTNV\r\n"
        path = _folder(tmp_path, organizations=ORGS, members=members, evaluations=evals)
        result = load_csv(path, progress=False, validate=True)
        follow = next(p for p in result.errors if p.file == "evaluations.csv")
        assert "members.csv, dòng 2" in follow.reason
        assert "không nạp được" in follow.reason

    def test_suggested_id_the_same_each_run(self, tmp_path: Path) -> None:
        """Of ids alike once folded, the one suggested does not hang on the order of a
        set, which changes from run to run with the seed of text hashes."""
        import os
        import subprocess
        import sys

        orgs = ORGS + "".join(
            f"{ident},Chi bộ {n},Chi bộ trực thuộc,xa\r\n" for n, ident in enumerate("AÃÀÁ")
        )
        path = _folder(tmp_path, organizations=orgs, members=HEADER + "dv1,An,@a,02/03/2010\r\n")
        script = (
            "import sys; from coso_dang.io import load_csv; "
            "print([p.reason for p in load_csv(sys.argv[1], progress=False, validate=True).errors])"
        )
        said = {
            subprocess.run(
                [sys.executable, "-c", script, str(path)],
                env={**os.environ, "PYTHONHASHSEED": str(seed)},
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            for seed in range(6)
        }
        assert len(said) == 1
        assert "có phải «A»?" in said.pop()

    def test_dates_in_the_future_and_young_admission(self) -> None:
        text = "Mã,Họ và tên,Chi bộ,Ngày vào Đảng,Ngày sinh\r\n"
        text += "dv1,An,cb1,02/03/2099,01/01/1980\r\ndv2,Hoa,cb1,02/03/2010,01/01/2000\r\n"
        result = _csv(text)
        assert result.ok
        assert _ids(result) == ["dv1", "dv2"]
        future, young = result.warnings
        assert future.row == 2
        assert "sau" in future.reason
        assert young.row == 3
        assert "16 tuổi" in young.reason
        assert young.value == ""

    def test_problems_sorted_by_file_and_row(self) -> None:
        """The unnamed column (found at the end of the table) is listed at its row, 1."""
        text = "Mã,Họ và tên,Chi bộ,Ngày vào Đảng,Ngày sinh,\r\n"
        text += "dv1,An,cb1,31/02/2010,,x\r\ndv2,,cb1,02/03/2010,,\r\n"
        text += "dv3,Lê,cb1,02/03/2010,31/02/1990,\r\n"
        rows = [p.row for p in _csv(text).problems]
        assert rows == [1, 2, 3, 4]


def test_severity_of_warnings_in_json_round_trip(tmp_path: Path) -> None:
    """What dump_json writes reads back without a problem (no inference on JSON)."""
    data = Dataset(
        [Organization("cb", "Chi bộ", OrgKind.CHI_BO_CO_SO)],
        evaluations=[Evaluation("cb", 2024, Rating.HTTNV, subject=SubjectKind.ORGANIZATION)],
    )
    path = tmp_path / "a.json"
    dump_json(data, path)
    result = load_json(path)
    assert result.problems == ()
    assert result.dataset == data
    assert Severity.WARNING.label == "cảnh báo"


def test_records_compose_ids() -> None:
    """Records built in Python compose their ids too: NFC and NFD are one id."""
    nfd = unicodedata.normalize("NFD", "Đông")
    member = Member(f"dv{nfd}", "An", f"cb{nfd}", admitted_on=date(2010, 3, 2))
    assert member.id == "dvĐông"
    assert member.org_id == "cbĐông"
    org = Organization(f"cb{nfd}", "Chi bộ", OrgKind.CHI_BO_TRUC_THUOC, parent_id=f"xa{nfd}")
    assert (org.id, org.parent_id) == ("cbĐông", "xaĐông")
    assert Evaluation(f"dv{nfd}", 2024, Rating.HTTNV).subject_id == "dvĐông"
