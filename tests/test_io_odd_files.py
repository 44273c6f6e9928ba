"""The loaders, writers and command line on files a clerk or a hostile sender makes.

Other encodings, separators, title rows, Excel serials, numbers in ID columns, hidden and
extra sheets, huge cells, hostile zips and XML, odd JSON, and misuses of the public
functions: one test for each class of such input. docs/bad-input.md lists every class
with its test.
"""

from __future__ import annotations

import csv
import io
import json
import os
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import attrs
import pytest

from coso_dang.cli import main
from coso_dang.dataset import Dataset
from coso_dang.errors import CosoDangError, UsageError, WriteError
from coso_dang.evaluation import Evaluation
from coso_dang.io import (
    LoadError,
    PathError,
    dump,
    dump_csv,
    dump_json,
    dump_parquet,
    dump_xlsx,
    load,
    load_csv,
    load_frames,
    load_json,
    load_parquet,
    load_xlsx,
    write_templates,
)
from coso_dang.members import LeaveReason, Member
from coso_dang.orgs import Organization, OrgKind
from coso_dang.privacy import anonymize
from coso_dang.ratings import Rating
from coso_dang.rollup import rollup

pytest.importorskip("openpyxl")

KEY = "5f0c3a9e81d24b7c6a1e09f3d2b84c71a6e5f9d0c3b2a1908f7e6d5c4b3a2910"


def _data(name: str = "Nguyễn Văn An") -> Dataset:
    xa = Organization("xa", "Đảng bộ xã Tân Lập", OrgKind.DANG_BO_CO_SO)
    cb = Organization("cb1", "Chi bộ thôn Đông", OrgKind.CHI_BO_TRUC_THUOC, parent_id="xa")
    people = [
        Member("dv1", name, "cb1", admitted_on=date(2010, 3, 1)),
        Member("dv2", "Lê Thị Hoa", "cb1", admitted_on=date(2011, 4, 2)),
    ]
    return Dataset([xa, cb], people, (), [Evaluation("dv2", 2024, Rating.HTTNV)], year=2024)


def _json_document() -> dict[str, object]:
    stream = io.StringIO()
    dump_json(_data(), stream)
    document: dict[str, object] = json.loads(stream.getvalue())
    return document


class TestHalvesOfPairs:
    """JSON's "\\ud800" escape is valid JSON but no character: no file can store it."""

    def test_json_record_refused_and_named(self) -> None:
        document = _json_document()
        members = document["members"]
        assert isinstance(members, list)
        members[0]["full_name"] = "Nguyễn Văn An\ud800"
        result = load_json(io.StringIO(json.dumps(document)))
        assert [m.id for m in result.dataset.members] == ["dv2"]
        (error,) = result.errors
        assert (error.row, error.column) == (1, "members.full_name")
        assert "\\ud800" in error.value  # shown escaped, so it can be printed

    def test_json_name_and_boolean_year(self) -> None:
        document = _json_document()
        document["name"] = "Tỉnh\udfff"
        document["year"] = True
        result = load_json(io.StringIO(json.dumps(document)))
        assert result.dataset.name is None
        assert result.dataset.year is None
        assert sorted(p.column for p in result.errors) == ["name", "year"]

    @pytest.mark.parametrize("suffix", [".json", "", ".xlsx", ".parquet"])
    def test_writers_refuse_and_keep_the_target(self, tmp_path: Path, suffix: str) -> None:
        """Before: dump_json/dump_csv raised UnicodeEncodeError, dump_xlsx wrote a workbook
        no reader takes. Now each refuses, names record and field, keeps the old file.
        dump_parquet still raised Python's UnicodeEncodeError, naming no record."""
        if suffix == ".parquet":
            pytest.importorskip("polars")
        target = tmp_path / f"data{suffix}"
        dump(_data(), target)
        before = _snapshot(target)
        with pytest.raises(CosoDangError, match="'dv1'") as raised:
            dump(_data("Nguyễn Văn An\ud800"), target)
        assert "Nguyễn" not in str(raised.value)
        assert _snapshot(target) == before

    @pytest.mark.parametrize("suffix", [".json", "", ".parquet"])
    def test_the_refusal_is_in_vietnamese(self, tmp_path: Path, suffix: str) -> None:
        """The reason was English inside a Vietnamese message ("Member 'dv1', trường
        'full_name': a text holds half of a UTF-16 pair …"), the catalogue without it."""
        if suffix == ".parquet":
            pytest.importorskip("polars")
        with pytest.raises(CosoDangError) as raised:
            dump(_data("An\udfff"), tmp_path / f"data{suffix}")
        assert "nửa cặp UTF-16 đứng lẻ" in str(raised.value)
        assert "half of a UTF-16 pair" in raised.value.message("en")

    @pytest.mark.parametrize("character", ["\ufffe", "\uffff", "\x07"])
    def test_workbook_refuses_what_xml_has_not(self, tmp_path: Path, character: str) -> None:
        """U+FFFE and U+FFFF were written as they are: the workbook did not load back."""
        with pytest.raises(CosoDangError, match="'dv1'"):
            dump_xlsx(_data("An" + character), tmp_path / "d.xlsx")
        assert not (tmp_path / "d.xlsx").exists()
        # The same text is fine where the format can hold it.
        dump_json(_data("An" + character), tmp_path / "d.json")
        assert load(tmp_path / "d.json").dataset.members[0].full_name == "An" + character

    def test_dataset_name_in_a_workbook(self, tmp_path: Path) -> None:
        data = attrs.evolve(_data(), name="Tỉnh\ufffe")
        with pytest.raises(CosoDangError, match="tên của bộ dữ liệu"):
            dump_xlsx(data, tmp_path / "d.xlsx")
        with pytest.raises(CosoDangError, match="tên của bộ dữ liệu"):
            dump_json(attrs.evolve(data, name="Tỉnh\ud800"), tmp_path / "d.json")

    def test_dataset_name_in_parquet(self, tmp_path: Path) -> None:
        """polars failed on the name's metadata: "ComputeError: TypeError: 'list' object
        is not callable", naming nothing. Refused now, nothing written."""
        pytest.importorskip("polars")
        data = attrs.evolve(_data(), name="Tỉnh\ud800")
        with pytest.raises(CosoDangError, match="tên của bộ dữ liệu"):
            dump_parquet(data, tmp_path / "d.parquet")
        assert not (tmp_path / "d.parquet").exists()


def _snapshot(target: Path) -> dict[str, bytes]:
    if target.is_dir():
        return {p.name: p.read_bytes() for p in sorted(target.iterdir())}
    return {target.name: target.read_bytes()}


def _workbook_entries(rename: dict[str, str], extra: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    dump_xlsx(_data(), buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            target.writestr(rename.get(info.filename, info.filename), source.read(info.filename))
        for name, body in extra.items():
            with pytest.warns(UserWarning, match="Duplicate name"):
                target.writestr(name, body)
    return out.getvalue()


class TestWorkbookParts:
    def test_two_entries_of_one_name_refused(self) -> None:
        """Before: the second (empty) members' sheet was read, the first never: ok=True,
        no member. Now the workbook is refused."""
        data = _workbook_entries({}, {"xl/worksheets/sheet3.xml": b"<worksheet/>"})
        with pytest.raises(LoadError, match=r"hai phần cùng tên xl/worksheets/sheet3\.xml"):
            load_xlsx(io.BytesIO(data))

    def test_part_names_compared_without_case(self) -> None:
        """The package format compares part names without case; the sheet was 'missing'."""
        data = _workbook_entries({"xl/worksheets/sheet3.xml": "xl/worksheets/Sheet3.XML"}, {})
        result = load_xlsx(io.BytesIO(data))
        assert result.ok
        assert [m.id for m in result.dataset.members] == ["dv1", "dv2"]


class TestMergedCells:
    def test_merged_data_cells_warned(self) -> None:
        """Before: a «Đang công tác» merged over five rows read as unknown in four, with
        no word. Now a warning names the range; a merged title stays a title."""
        workbook = pytest.importorskip("openpyxl").Workbook()
        sheet = workbook.active
        sheet.title = "Đảng viên"
        sheet.append(["DANH SÁCH ĐẢNG VIÊN"])
        sheet.merge_cells("A1:E1")
        sheet.append(["Mã", "Họ và tên", "Chi bộ", "Ngày vào Đảng", "Đang công tác"])
        for n in range(1, 6):
            sheet.append(
                [f"dv{n}", f"Nguyễn Văn {n}", "cb1", "02/03/2010", "có" if n == 1 else None]
            )
        sheet.merge_cells("E3:E7")
        buffer = io.BytesIO()
        workbook.save(buffer)
        result = load_xlsx(io.BytesIO(buffer.getvalue()))
        assert [m.is_working for m in result.dataset.members] == [True, None, None, None, None]
        title, merged = result.warnings
        assert title.row == 1
        assert "tiêu đề" in title.reason
        assert (merged.row, merged.column) == (3, "Đang công tác")
        assert "ô gộp E3:E7" in merged.reason


class TestPersonalColumns:
    def test_leave_reason_suspension_and_score_not_quoted(self, tmp_path: Path) -> None:
        """A reason for leaving ("khai trừ"), a suspension and a score are personal."""
        folder = tmp_path / "d"
        data = _data()
        left = attrs.evolve(
            data.members[0], left_on=date(2023, 5, 1), leave_reason=LeaveReason.KHAI_TRU
        )
        dump_csv(attrs.evolve(data, members=(left, data.members[1])), folder)
        members = folder / "members.csv"
        text = members.read_text(encoding="utf-8-sig").replace("Khai trừ", "Khai trừ XQ1")
        members.write_text(text, encoding="utf-8-sig")
        ratings = folder / "evaluations.csv"
        with ratings.open(encoding="utf-8-sig", newline="") as stream:
            header, row = list(csv.reader(stream))
        for column, value in (("Điểm", "XQ2"), ("Đình chỉ sinh hoạt đảng", "XQ3")):
            row[header.index(column)] = value
        with ratings.open("w", encoding="utf-8-sig", newline="") as stream:
            csv.writer(stream).writerows([header, row])
        result = load_csv(folder)
        shown = "\n".join(str(p) + p.text("en") for p in result.problems)
        assert len(result.errors) == 3
        for secret in ("XQ1", "XQ2", "XQ3"):
            assert secret not in shown


class TestCommandLine:
    def test_output_that_is_a_hard_link_of_the_input(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Before: a report written over a hard link of the input, exit 0."""
        source = tmp_path / "d.json"
        dump_json(_data(), source)
        link = tmp_path / "same.json"
        os.link(source, link)
        before = source.read_bytes()
        assert main(["report", str(source), "--format", "md", "--output", str(link)]) == 2
        assert "đó là dữ liệu vào" in capsys.readouterr().err
        assert source.read_bytes() == before


class TestMisuse:
    """Bad paths and arguments raise the library's errors, naming the argument."""

    def test_paths(self, tmp_path: Path) -> None:
        with pytest.raises(PathError, match="không mở được"):
            load(tmp_path / ("a" * 300 + ".json"))
        with pytest.raises(WriteError, match="No such file"):
            dump(_data(), tmp_path / "no" / "such" / "d.json")
        (tmp_path / "f.json").write_text("{}", encoding="utf-8")
        with pytest.raises(WriteError):
            dump(_data(), tmp_path / "f.json" / "d.json")
        with pytest.raises(WriteError):
            write_templates(tmp_path / "f.json")
        assert (tmp_path / "f.json").read_text(encoding="utf-8") == "{}"

    @pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
    def test_a_device_or_a_pipe(self, tmp_path: Path) -> None:
        """Before: a link to /dev/zero named x.json read until memory ran out, a pipe
        waited for ever. Now neither is opened."""
        pipe = tmp_path / "pipe.json"
        os.mkfifo(pipe)
        zero = tmp_path / "zero.csv"
        zero.symlink_to(os.devnull)
        with pytest.raises(PathError, match="không phải tệp thường"):
            load(pipe)
        with pytest.raises(PathError, match="không phải tệp thường"):
            load_csv(zero)
        with pytest.raises(PathError, match="không phải tệp thường"):
            load_json(pipe)

    @pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
    @pytest.mark.parametrize("loader", [load, load_csv, load_frames])
    @pytest.mark.parametrize("kind", ["pipe", "device", "folder", "broken link"])
    def test_a_table_in_a_folder_that_is_no_file(
        self, tmp_path: Path, loader: Any, kind: str
    ) -> None:
        """A members.csv that is a pipe, a link to a device or to a folder, beside
        organizations.csv, was passed over: the folder loaded without its members and
        without a word (alone in the folder: "thư mục không có tệp CSV nào")."""
        (tmp_path / "organizations.csv").write_text(
            "Mã,Tên,Loại tổ chức\nxa,Đảng bộ xã Tân Lập,Đảng bộ cơ sở\n", encoding="utf-8"
        )
        members = tmp_path / "members.csv"
        if kind == "pipe":
            os.mkfifo(members)
        else:
            target = {"device": os.devnull, "folder": str(tmp_path), "broken link": "gone.csv"}
            members.symlink_to(target[kind])
        with pytest.raises(LoadError, match=r"^1 lỗi .*: members\.csv: không phải một tệp thường"):
            loader(tmp_path, progress=False)

    @pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
    @pytest.mark.parametrize("loader", [load, load_parquet, load_frames])
    def test_a_parquet_table_that_is_no_file(self, tmp_path: Path, loader: Any) -> None:
        """Alone in its folder, a members.parquet pipe made the folder read as CSV: "no
        CSV file", never which file could not be read."""
        os.mkfifo(tmp_path / "members.parquet")
        with pytest.raises(LoadError, match=r"members\.parquet: không phải một tệp thường"):
            loader(tmp_path, progress=False)

    @pytest.mark.parametrize(
        ("call", "argument"),
        [
            (lambda: load_xlsx(io.StringIO("x")), "source"),  # type: ignore[arg-type]
            (lambda: dump_json(_data(), io.BytesIO()), "target"),  # type: ignore[arg-type]
            (lambda: dump_xlsx(_data(), io.StringIO()), "target"),  # type: ignore[arg-type]
            (lambda: dump_json([1], "x.json"), "dataset"),  # type: ignore[arg-type]
            (lambda: dump_csv([1], "x"), "dataset"),  # type: ignore[arg-type]
            (lambda: dump_xlsx([1], "x.xlsx"), "dataset"),  # type: ignore[arg-type]
            (lambda: write_templates(None), "folder"),  # type: ignore[arg-type]
            (lambda: rollup({}, year=2024), "tree"),  # type: ignore[arg-type]
            (lambda: rollup(_data().tree(), year=2024, evaluations=5), "evaluations"),  # type: ignore[arg-type]
            (lambda: rollup(_data().tree(), year=2024, evaluations=[1]), "evaluations"),  # type: ignore[list-item]
            (lambda: anonymize(_data(), key=None), "key"),  # type: ignore[arg-type]
            (lambda: anonymize(None, key=KEY), "data"),
        ],
    )
    def test_arguments(self, call: object, argument: str) -> None:
        assert callable(call)
        with pytest.raises(UsageError) as raised:
            call()
        assert raised.value.argument == argument
        assert isinstance(raised.value, TypeError)


class TestFilesThatCannotBeOpened:
    """A file listed (or checked) a moment before that cannot be opened (deleted or
    renamed while the folder is read, or not readable by the user running the library)
    raised the system's OSError, in English, with a traceback."""

    @staticmethod
    def _refuse(monkeypatch: pytest.MonkeyPatch, target: Any, attribute: str, name: str) -> None:
        original = getattr(target, attribute)

        def refused(self_or_path: Any, *args: Any, **kwargs: Any) -> Any:
            if str(self_or_path).endswith(name):
                raise PermissionError(13, "Permission denied", str(self_or_path))
            return original(self_or_path, *args, **kwargs)

        monkeypatch.setattr(target, attribute, refused)

    def test_a_csv_table(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        (tmp_path / "organizations.csv").write_text(
            "Mã,Tên,Loại tổ chức\nxa,Đảng bộ xã Tân Lập,Đảng bộ cơ sở\n", encoding="utf-8"
        )
        (tmp_path / "members.csv").write_text("Mã,Họ và tên\n", encoding="utf-8")
        self._refuse(monkeypatch, Path, "open", "members.csv")
        with pytest.raises(LoadError, match=r"members\.csv: không có quyền đọc tệp$"):
            load(tmp_path, progress=False)

    def test_a_json_file(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        (tmp_path / "d.json").write_text('{"schema_version": 1}', encoding="utf-8")
        self._refuse(monkeypatch, Path, "open", "d.json")
        with pytest.raises(LoadError, match=r"d\.json: không có quyền đọc tệp$"):
            load(tmp_path / "d.json", progress=False)

    def test_a_workbook(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        book = tmp_path / "d.xlsx"
        with zipfile.ZipFile(book, "w") as archive:
            archive.writestr("xl/workbook.xml", "<workbook/>")
        original = io.open

        def refused(file: Any, *args: Any, **kwargs: Any) -> Any:
            if str(file).endswith("d.xlsx"):
                raise FileNotFoundError(2, "No such file or directory", str(file))
            return original(file, *args, **kwargs)

        monkeypatch.setattr(zipfile.io, "open", refused)
        with pytest.raises(LoadError, match=r"d\.xlsx: .*tệp không còn ở đó"):
            load(book, progress=False)

    @pytest.mark.parametrize(
        ("make", "said"),
        [
            ("loop", "các liên kết trỏ vòng vào nhau"),
            ("long", "tên quá dài"),
            ("under a file", "một phần của đường dẫn không phải thư mục"),
        ],
    )
    def test_a_path_the_system_refuses(self, tmp_path: Path, make: str, said: str) -> None:
        """The system's reason was os.strerror's English ("Too many levels of symbolic
        links", "File name too long", "Not a directory")."""
        if make == "loop":
            path = tmp_path / "a.json"
            path.symlink_to(tmp_path / "b.json")
            (tmp_path / "b.json").symlink_to(path)
        elif make == "long":
            path = tmp_path / ("a" * 300 + ".json")
        else:
            (tmp_path / "f.json").write_text("{}", encoding="utf-8")
            path = tmp_path / "f.json" / "x.json"
        with pytest.raises(PathError, match=f"\\({said}\\)$"):
            load(path, progress=False)


class TestJsonInUtf16:
    @pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32-le"])
    def test_named_as_not_utf8(self, tmp_path: Path, encoding: str) -> None:
        """A document saved as UTF-16 or UTF-32 (as Windows PowerShell writes one) is said
        not to be UTF-8. Without its byte order mark, all ASCII, it is valid UTF-8 with a
        NUL beside each character: it was "JSON missing a key name in double quotes at
        line 1, column 2"."""
        document = '{"format": "coso-dang", "schema_version": 1, "organizations": [\n'
        document += '{"id": "xa", "name": "Dang bo xa Tan Lap", "kind": "dang_bo_co_so"}]}\n'
        path = tmp_path / "d.json"
        path.write_bytes(document.encode(encoding))
        with pytest.raises(LoadError) as raised:
            load_json(path, progress=False)
        assert [(p.row, p.reason) for p in raised.value.problems] == [(1, "tệp không phải UTF-8")]
