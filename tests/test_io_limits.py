"""Files small on disk that would cost much to read: each class is bounded, and says so.

A compressed format (a workbook, a Parquet table) or a format whose every line becomes a
problem (a description table, a JSON document of unknown keys) can turn a file of a few
kilobytes into minutes of reading or gigabytes of problems. Each test builds the file in
small, and checks the bound by its outcome: what loads, what is named, and where reading
stopped. The limits are lowered where the real ones would need a large file.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest

import coso_dang.io
from coso_dang.io import (
    MAX_XLSX_SHEETS,
    LoadError,
    _xlsxparts,
    load_csv,
    load_frames,
    load_json,
    load_parquet,
    load_xlsx,
    parquet,
)
from coso_dang.io._collect import MAX_TABLE_PROBLEMS

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _inline(text: str) -> str:
    return f'<c t="inlineStr"><is><t>{text}</t></is></c>'


def _sheet(rows: Iterable[Iterable[str]]) -> bytes:
    body = "".join("<row>" + "".join(map(_inline, row)) + "</row>" for row in rows)
    return f'<worksheet xmlns="{_MAIN}"><sheetData>{body}</sheetData></worksheet>'.encode()


def _workbook(sheets: list[tuple[str, str]], parts: dict[str, bytes]) -> bytes:
    """A workbook listing *sheets* (title, part) and holding *parts*, zipped."""
    listed = "".join(
        f'<sheet name="{title}" sheetId="{n}" r:id="rId{n}"/>'
        for n, (title, _) in enumerate(sheets, start=1)
    )
    targets = "".join(
        f'<Relationship Id="rId{n}" Type="{_DOC}/worksheet" Target="{part}"/>'
        for n, (_, part) in enumerate(sheets, start=1)
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "_rels/.rels",
            f'<Relationships xmlns="{_RELS}"><Relationship Id="rId1" '
            f'Type="{_DOC}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        archive.writestr(
            "xl/workbook.xml",
            f'<workbook xmlns="{_MAIN}" xmlns:r="{_DOC}"><sheets>{listed}</sheets></workbook>',
        )
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            f'<Relationships xmlns="{_RELS}">{targets}</Relationships>',
        )
        for name, data in parts.items():
            archive.writestr(f"xl/{name}", data)
    return buffer.getvalue()


_HEADER = ("Mã", "Năm", "Xếp loại")
_UNIT_HEADER = ("Mã", "Tên", "Mã xã")


def _ratings(first: int, count: int) -> list[tuple[str, str, str]]:
    return [(f"dv{n}", "2024", "HTTNV") for n in range(first, first + count)]


class TestDescriptionTable:
    def test_extra_rows_stop_after_the_error_limit(self, tmp_path: Path) -> None:
        """Before: each row past the one description row was a problem, with no limit (5
        million lines of "x": 26 s and 4 GB). Now the table stops, naming the row."""
        folder = tmp_path / "d"
        folder.mkdir()
        extra = MAX_TABLE_PROBLEMS + 50
        (folder / "thong_tin.csv").write_text(
            "Tên bộ dữ liệu,Năm\nĐảng bộ xã Tân Lập,2024\n" + "x\n" * extra, encoding="utf-8"
        )
        (folder / "to_chuc.csv").write_text(
            "Mã,Tên,Loại tổ chức\nxa,Đảng bộ xã Tân Lập,Đảng bộ cơ sở\n", encoding="utf-8"
        )
        result = load_csv(folder, progress=False)
        assert [o.id for o in result.dataset.organizations] == ["xa"]
        assert result.dataset.year == 2024
        about = [p for p in result.problems if p.file == "thong_tin.csv"]
        assert len(about) == MAX_TABLE_PROBLEMS + 1
        stop = about[-1]
        # Rows 3 … 10.002 are named one by one; the stop names the next row.
        assert stop.row == MAX_TABLE_PROBLEMS + 3
        assert "hơn 10.000 lỗi" in stop.reason

    def test_extra_rows_in_a_workbook(self) -> None:
        rows = [("Tên bộ dữ liệu", "Năm"), ("Xã Tân Lập", "2024")]
        rows += [("x",)] * (MAX_TABLE_PROBLEMS + 5)
        data = _workbook([("Thông tin", "worksheets/s1.xml")], {"worksheets/s1.xml": _sheet(rows)})
        result = load_xlsx(io.BytesIO(data), progress=False)
        assert result.dataset.name == "Xã Tân Lập"
        assert len(result.problems) == MAX_TABLE_PROBLEMS + 1
        assert "hơn 10.000 lỗi" in result.problems[-1].reason

    def test_a_header_of_many_unknown_columns_is_bounded(self, tmp_path: Path) -> None:
        """Unknown columns of the description table are warnings, as in any table, and
        capped like them: the description row is still read (before: each was an error,
        300.000 of them in 2 MB, and the row itself was lost behind the error limit)."""
        folder = tmp_path / "d"
        folder.mkdir()
        extra = ",".join(f"x{n}" for n in range(MAX_TABLE_PROBLEMS + 30))
        (folder / "thong_tin.csv").write_text(
            f"Tên bộ dữ liệu,Năm,{extra}\nĐảng bộ xã Tân Lập,2024\n", encoding="utf-8"
        )
        (folder / "to_chuc.csv").write_text(
            "Mã,Tên,Loại tổ chức\nxa,Đảng bộ xã Tân Lập,Đảng bộ cơ sở\n", encoding="utf-8"
        )
        result = load_csv(folder, progress=False)
        assert result.ok
        assert (result.dataset.name, result.dataset.year) == ("Đảng bộ xã Tân Lập", 2024)
        about = [p for p in result.problems if p.file == "thong_tin.csv"]
        assert len(about) == MAX_TABLE_PROBLEMS + 1
        assert sum("và 30 cảnh báo khác" in p.reason for p in about) == 1


class TestJsonKeys:
    def test_unknown_keys_past_the_limit_are_counted(self) -> None:
        """Before: a problem for each of 1,15 million unknown keys (10 MB: 1 GB). Now the
        keys past the error limit are counted in one problem; records before them load."""
        document: dict[str, object] = {"schema_version": 1}
        document["evaluations"] = [{"subject_id": "dv1", "year": 2024, "rating": "HTTNV"}]
        document.update((f"k{n}", 0) for n in range(MAX_TABLE_PROBLEMS + 25))
        result = load_json(io.StringIO(json.dumps(document)), progress=False)
        assert [e.subject_id for e in result.dataset.evaluations] == ["dv1"]
        assert len(result.problems) == MAX_TABLE_PROBLEMS + 1
        assert result.problems[-1].reason.startswith("và 25 khóa khác không được nhận ra")

    def test_a_number_of_too_many_digits_is_named_in_vietnamese(self) -> None:
        """Python refuses to convert a number of more than 4.300 digits, in English with
        advice for programmers; the loader names the line, not the number."""
        score = "7" * 5000
        text = '{"schema_version": 1,\n"evaluations": [{"subject_id": "dv1", "year": 2024, '
        text += f'"rating": "HTTNV", "score": {score}}}]}}'
        with pytest.raises(LoadError) as caught:
            load_json(io.StringIO(text), progress=False)
        (problem,) = caught.value.problems
        assert problem.row == 2
        assert problem.reason == "JSON có một số dài 5.000 chữ số, quá giới hạn 4.300 chữ số"
        assert "7777" not in str(caught.value)

    def test_records_after_the_limit_are_named(self) -> None:
        """Records after 10.000 errors are not read, as in any table: a problem says so."""
        document: dict[str, object] = {"schema_version": 1}
        document.update((f"k{n}", 0) for n in range(MAX_TABLE_PROBLEMS + 25))
        document["evaluations"] = [{"subject_id": "dv1", "year": 2024, "rating": "HTTNV"}]
        result = load_json(io.StringIO(json.dumps(document)), progress=False)
        assert not result.dataset.evaluations
        assert len(result.problems) == MAX_TABLE_PROBLEMS + 2
        stop = [p for p in result.problems if "hơn 10.000 lỗi" in p.reason]
        assert [p.row for p in stop] == [1]

    def test_unknown_fields_of_one_record_past_the_limit_are_counted(self) -> None:
        """A record of a million unknown fields took a problem each (1 GB); past the
        error limit they are counted in one problem."""
        record: dict[str, object] = {f"k{n}": 0 for n in range(MAX_TABLE_PROBLEMS + 40)}
        record.update(subject_id="dv1", year=2024, rating="HTTNV")
        document = {"schema_version": 1, "evaluations": [record]}
        result = load_json(io.StringIO(json.dumps(document)), progress=False)
        assert not result.dataset.evaluations
        assert len(result.problems) == MAX_TABLE_PROBLEMS + 1
        assert "và 40 trường khác không được nhận ra" in result.problems[-1].reason


class TestWorkbookBounds:
    def test_too_many_sheets_refused(self) -> None:
        """Before: 300.000 sheets listed without their parts (2 MB) were 300.000 problems:
        25 s and 500 MB. Now the workbook is refused before any sheet is read."""
        sheets = [(f"Trang {n}", f"worksheets/missing{n}.xml") for n in range(MAX_XLSX_SHEETS + 1)]
        with pytest.raises(LoadError, match=r"liệt kê hơn 1\.024 trang, quá giới hạn") as caught:
            load_xlsx(io.BytesIO(_workbook(sheets, {})), progress=False)
        # A count of 1.024 is written as Vietnamese writes it, and as English does.
        assert "1,024" in caught.value.message("en")

    def test_two_sheets_of_one_part_refused(self) -> None:
        """Before: a part listed by 20.000 sheets was read 20.000 times, each of its rows
        a record each time (a 50 KB file: 20.000 copies of one rating)."""
        part = _sheet([_HEADER, *_ratings(1, 1)])
        sheets = [("Đánh giá", "worksheets/s1.xml"), ("Đánh giá 2", "worksheets/s1.xml")]
        data = _workbook(sheets, {"worksheets/s1.xml": part})
        with pytest.raises(LoadError, match=r"cùng trỏ tới phần xl/worksheets/s1\.xml"):
            load_xlsx(io.BytesIO(data), progress=False)

    def test_all_parts_together_bounded(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Before: sheets under 16 MiB each (never checked for their ratio) added up
        without bound: 5 sheets in 170 KB took 12 s, 300 would take 12 minutes. Now all
        the parts read together are capped; the sheet that passes it is named."""
        # Two tables of the same shape (one table in two sheets is refused).
        first = _sheet([_UNIT_HEADER, *_ratings(1, 300)])
        second = _sheet([_HEADER, *_ratings(301, 300)])
        parts = {"worksheets/s1.xml": first, "worksheets/s2.xml": second}
        sheets = [("Đơn vị dân cư", "worksheets/s1.xml"), ("Đánh giá", "worksheets/s2.xml")]
        data = _workbook(sheets, parts)
        assert load_xlsx(io.BytesIO(data), progress=False).ok
        limit = len(first) + len(second) // 2
        monkeypatch.setattr(_xlsxparts, "MAX_XLSX_TOTAL_BYTES", limit)
        result = load_xlsx(io.BytesIO(data), progress=False)
        (problem,) = result.problems
        assert problem.file == "<stream> [Đánh giá]"
        assert "giải nén ra tổng cộng hơn" in problem.reason
        assert "không được đọc tiếp từ dòng" in problem.reason
        # The first sheet whole; the second, whose size passes what is left, not at all:
        # the problem names it from its first row.
        assert problem.row == 1
        assert [u.id for u in result.dataset.units] == [f"dv{n}" for n in range(1, 301)]
        assert result.dataset.evaluations == ()

    def test_elements_of_all_sheets_bounded(self) -> None:
        """Before: 16 million one-digit cells in 4,3 MB took 36 s, two sheets of a million
        ratings in 5,5 MB 31 s (bytes and ratio within their limits). Now the sheets'
        elements (a row weighing as much as eight) are capped: reading stops in the sheet
        that passes the cap, after the rows read, and the problem names the first row
        not read."""
        # Two tables of the same shape (one table in two sheets is refused).
        first = _sheet([_UNIT_HEADER, *_ratings(1, 300)])
        second = _sheet([_HEADER, *_ratings(301, 3000)])  # several chunks of the parser
        parts = {"worksheets/s1.xml": first, "worksheets/s2.xml": second}
        sheets = [("Đơn vị dân cư", "worksheets/s1.xml"), ("Đánh giá", "worksheets/s2.xml")]
        data = _workbook(sheets, parts)
        assert load_xlsx(io.BytesIO(data), progress=False).ok
        per_row = 1 + 3 * 3 + _xlsxparts.ROW_ELEMENTS  # row, 3 x (c, is, t), the weight
        limit = 301 * per_row + 1000 * per_row
        result = load_xlsx(io.BytesIO(data), progress=False, max_elements=limit)
        (problem,) = result.problems
        assert problem.file == "<stream> [Đánh giá]"
        assert "phần tử XML" in problem.reason
        assert "không được đọc hết" in problem.reason
        # How to lift it, for a program and on the command line, as for Parquet.
        assert "max_elements=None, hoặc --khong-gioi-han trên dòng lệnh)" in problem.reason
        assert "or --khong-gioi-han on the command line)" in problem.text("en")
        assert [u.id for u in result.dataset.units] == [f"dv{n}" for n in range(1, 301)]
        loaded = [e.subject_id for e in result.dataset.evaluations]
        read_from_second = len(loaded)
        assert 1000 <= read_from_second < 3000
        assert loaded == [f"dv{n}" for n in range(301, 301 + read_from_second)]
        # Row 1 is the header: the rows from the one named on are the ones not read.
        assert problem.row == read_from_second + 2
        # A workbook from a trusted source is read whole without the cap.
        whole = load_xlsx(io.BytesIO(data), progress=False, max_elements=None)
        assert whole.ok
        assert (len(whole.dataset.units), len(whole.dataset.evaluations)) == (300, 3000)


class TestParquetRows:
    @pytest.fixture
    def folder(self, tmp_path: Path) -> Path:
        pl = pytest.importorskip("polars")
        folder = tmp_path / "d.parquet"
        folder.mkdir()
        rows = 12
        pl.DataFrame(
            {"subject_id": ["dv1"] * rows, "year": [2024] * rows, "rating": ["HTTNV"] * rows}
        ).write_parquet(folder / "evaluations.parquet")
        pl.DataFrame(
            {"id": ["xa"], "name": ["Đảng bộ xã"], "kind": ["dang_bo_co_so"]}
        ).write_parquet(folder / "organizations.parquet")
        return folder

    def test_a_table_past_the_row_limit_is_named(self, folder: Path) -> None:
        """Before: five million rows of one value (36 KB) were read row by row into
        records: 31 s and 1,4 GB, and `coso-dang validate` ran out of time. Now a table
        over *max_rows* is named, with its rows, and not read; the other tables load."""
        result = load_parquet(folder, progress=False, max_rows=11)
        assert [o.id for o in result.dataset.organizations] == ["xa"]
        assert not result.dataset.evaluations
        (problem,) = result.problems
        assert problem.file == "evaluations.parquet"
        assert problem.is_error
        assert "bảng có 12 dòng, quá giới hạn 11 dòng" in problem.reason
        assert "max_rows=None" in problem.reason

    def test_at_the_limit_read(self, folder: Path) -> None:
        result = load_parquet(folder, progress=False, max_rows=12)
        assert result.ok
        assert len(result.dataset.evaluations) == 12

    def test_frames_limited_alike(self, folder: Path) -> None:
        """The columnar loader refuses the same tables: five million rows of one value
        took it 1,7 GB (and `coso-dang report`, which reads through it), a million
        distinct members in 0,93 MB 11 s and 1,1 GB."""
        frames = load_frames(folder, progress=False, max_rows=11)
        assert not frames.ok
        (problem,) = frames.problems
        assert problem.file == "evaluations.parquet"
        assert "quá giới hạn 11 dòng" in problem.reason
        assert load_frames(folder, progress=False, max_rows=None).ok

    def test_the_default_bounds_a_file_of_unknown_origin(self) -> None:
        assert parquet.parquet_row_limit(1_000_000) == parquet.MAX_PARQUET_ROWS == 500_000
        assert parquet.parquet_row_limit(1_000_000, None) == 32_000_000
        assert parquet.parquet_row_limit(1_000, None) == parquet.MAX_PARQUET_ROWS

    def test_the_command_line_lifts_the_limits_when_asked(self, tmp_path: Path) -> None:
        from coso_dang.cli import main
        from coso_dang.io import dump_parquet
        from coso_dang.testing import generate_province

        pytest.importorskip("polars")
        folder = tmp_path / "tinh"
        dump_parquet(generate_province(seed=1, scale=0.01), folder)
        assert main(["validate", str(folder), "--quiet"]) == 0
        asked: list[dict[str, object]] = []
        real = coso_dang.io.load

        def load(path: Path, **options: object) -> object:
            asked.append(options)
            return real(path, **options)  # type: ignore[arg-type]

        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(coso_dang.io, "load", load)
            assert main(["validate", str(folder), "--khong-gioi-han", "--quiet"]) == 0
        assert [(o["max_rows"], o["max_elements"]) for o in asked] == [(None, None)]

    def test_convert_lifts_the_limits_when_asked(self, tmp_path: Path) -> None:
        """A table over the limits is refused with "--khong-gioi-han trên dòng lệnh", but
        convert, the way from a national workbook to Parquet, did not take the option:
        "không hiểu đối số: --khong-gioi-han"."""
        from coso_dang.cli import main
        from coso_dang.io import dump_parquet
        from coso_dang.testing import generate_province

        pytest.importorskip("polars")
        folder = tmp_path / "tinh"
        dump_parquet(generate_province(seed=1, scale=0.01), folder)
        asked: list[dict[str, object]] = []
        real = coso_dang.io.load

        def load(path: Path, **options: object) -> object:
            asked.append(options)
            return real(path, **options)  # type: ignore[arg-type]

        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(coso_dang.io, "load", load)
            assert main(["convert", str(folder), str(tmp_path / "a.json"), "--quiet"]) == 0
            target = str(tmp_path / "b.json")
            assert main(["convert", str(folder), target, "--khong-gioi-han", "--quiet"]) == 0
        assert "max_rows" not in asked[0]
        assert [(o["max_rows"], o["max_elements"]) for o in asked[1:]] == [(None, None)]
        assert (tmp_path / "a.json").read_bytes() == (tmp_path / "b.json").read_bytes()

    def test_a_compressed_bomb_is_refused_and_dense_real_tables_read(self, tmp_path: Path) -> None:
        """With the shipped limits: two million rows of one value (a few KB) are over
        them; two million real-looking evaluations are not, however they were written:
        sequential ids, no ratings yet, by polars and by pyarrow with delta encoding (the
        densest writer measured, about 10 rows a byte)."""
        pl = pytest.importorskip("polars")
        pa = pytest.importorskip("pyarrow")
        pq = pytest.importorskip("pyarrow.parquet")
        rows = 2_000_000
        bomb = tmp_path / "bomb.parquet"
        pl.DataFrame(
            {"subject_id": ["dv1"] * rows, "year": [2024] * rows, "rating": ["HTTNV"] * rows}
        ).write_parquet(bomb)
        # Refused even from a trusted source: no real table is that dense.
        assert rows > parquet.parquet_row_limit(bomb.stat().st_size, None)
        ids = "DV" + pl.int_range(rows, eager=True).cast(pl.String).str.zfill(8)
        table = pl.DataFrame(
            {"subject_id": ids, "year": [2024] * rows, "subject": ["member"] * rows,
             "rating": pl.Series([None] * rows, dtype=pl.String)}
        )  # fmt: skip
        written = tmp_path / "polars.parquet"
        table.write_parquet(written)
        assert rows <= parquet.parquet_row_limit(written.stat().st_size, None)
        delta = tmp_path / "pyarrow.parquet"
        pq.write_table(
            pa.table(table.to_dict(as_series=False)), delta, compression="zstd",
            use_dictionary=False, column_encoding={"subject_id": "DELTA_BYTE_ARRAY"},
        )  # fmt: skip
        assert rows <= parquet.parquet_row_limit(delta.stat().st_size, None)


class _Measured(io.StringIO):
    """A text stream that remembers the longest piece one ``readline`` gave."""

    longest = 0

    def readline(self, size: int | None = -1, /) -> str:
        line = super().readline(-1 if size is None else size)
        self.longest = max(self.longest, len(line))
        return line


class TestCsvLines:
    HEADER = "Mã,Họ và tên,Chi bộ,Ngày vào Đảng\r\n"
    ROW = "dv{n},Nguyễn Văn An,cb1,02/03/2010\r\n"

    def load(self, text: str, max_field: int = 20) -> tuple[list[str], list[str], int]:
        stream = _Measured(text, newline="")
        result = load_csv(stream, kind="members", max_field=max_field, progress=False)
        members = [m.id for m in result.dataset.members]
        return members, [str(p) for p in result.problems], stream.longest

    def test_a_line_without_end_is_never_held_whole(self) -> None:
        # A file of one endless line (gigabytes with no line break) was read into memory
        # whole before its cells were measured: a MemoryError. Now a line past the bound
        # is read in pieces and named; the rows before it load.
        limit = 64 * 20 + 4096
        text = self.HEADER + self.ROW.format(n=1) + "x" * (3 * limit)
        members, problems, longest = self.load(text)
        assert members == ["dv1"]
        assert longest <= limit + 1
        assert problems == [
            "<stream>, dòng 3: dòng dài 16.128 ký tự, quá giới hạn 5.376 ký tự của một dòng; "
            "dòng không được đọc"
        ]

    def test_the_rows_after_a_long_line_load(self) -> None:
        limit = 64 * 20 + 4096
        text = self.HEADER + '"' + "x" * (2 * limit) + "\r\n" + self.ROW.format(n=2)
        members, problems, longest = self.load(text)
        assert members == ["dv2"]
        assert longest <= limit + 1
        (problem,) = problems
        assert problem.startswith("<stream>, dòng 2: dòng dài")

    def test_a_header_past_the_bound_is_refused(self) -> None:
        limit = 64 * 20 + 4096
        with pytest.raises(LoadError, match="dòng 1: dòng dài"):
            self.load("Mã," + "y" * (2 * limit))

    def test_a_long_line_in_a_title_is_refused(self) -> None:
        limit = 64 * 20 + 4096
        text = "DANH SÁCH " + "z" * (2 * limit) + "\r\n" + self.HEADER + self.ROW.format(n=1)
        with pytest.raises(LoadError, match="dòng 1: dòng dài"):
            self.load(text)


class TestJsonValuesPerByte:
    """A JSON document of empty objects (``{},`` three bytes each) parsed to 30 times its
    size: 10 MB took 300 MB, and a document within MAX_JSON_BYTES would take gigabytes
    more than any real one (a record takes 40 bytes at the least, a value 8). Such a
    document is now refused before it is parsed."""

    @pytest.mark.parametrize("item", ["{}", "[]", '"a"', "0", '{"a":{}}'])
    def test_tiny_values_are_refused(self, item: str) -> None:
        text = '{"schema_version": 1, "members": [' + ",".join([item] * 200_000) + "]}"
        with pytest.raises(LoadError, match="quá nhiều giá trị"):
            load_json(io.StringIO(text))

    def test_small_records_load(self) -> None:
        evaluations = [{"subject_id": "a", "year": 2024, "rating": "HTNV"}] * 50_000
        members = [
            {"id": "1", "full_name": "A", "org_id": "c", "admitted_on": "2010-01-01",
             "inactive_periods": [{"start": "2011-01-01", "end": "2012-01-01"}]}
        ] * 1000  # fmt: skip
        document = {"schema_version": 1, "members": members, "evaluations": evaluations}
        text = json.dumps(document, separators=(",", ":"))
        result = load_json(io.StringIO(text))
        assert len(result.dataset.evaluations) == 50_000


class TestJsonKeysShown:
    def test_half_a_pair_in_a_key_is_printable(self) -> None:
        # "\ud800" is valid JSON; as an unknown key (of the document or of a record) it
        # was put in the problem as it is, and printing the problem raised
        # UnicodeEncodeError.
        text = (
            '{"schema_version": 1, "\\ud800x": 1, "members": [{"\\udfff": 1, "id": "dv1",'
            ' "full_name": "Nguyễn Văn An", "org_id": "cb1", "admitted_on": "2010-03-02"}]}'
        )
        result = load_json(io.StringIO(text))
        shown = [str(problem).encode("utf-8").decode() for problem in result.problems]
        assert shown == [
            "<stream>, cột «\\ud800x»: khóa không được nhận ra; không được đọc",
            "<stream>, dòng 1, cột «members.\\udfff»: trường không được nhận ra",
        ]

    def test_a_long_key_is_cut(self) -> None:
        text = '{"schema_version": 1, "' + "k" * 100_000 + '": 1}'
        (problem,) = load_json(io.StringIO(text)).problems
        assert problem.column == "k" * 200 + "…"

    def test_a_key_given_twice_is_printable_and_cut(self) -> None:
        # A key written twice refuses the document, the key quoted in the reason: half
        # of a pair made the error unprintable, and a key of megabytes was quoted whole.
        for key, shown in (("\\ud800", "\\ud800"), ("k" * 100_000, "k" * 200 + "…")):
            pair = f'"{key}": 1, "{key}": 2'
            text = '{"schema_version": 1, "members": [{' + pair + "}]}"
            with pytest.raises(LoadError) as caught:
                load_json(io.StringIO(text))
            message = str(caught.value)
            message.encode("utf-8")  # printable
            assert f"khóa «{shown}» xuất hiện hai lần" in message
            assert len(message) < 400

    def test_a_key_given_twice_is_refused_at_its_line(self) -> None:
        """The refusal names the line of the key's second writing (it named no line: a
        national file left the clerk to search millions of them). The same key in other
        objects, in a string, or escaped, is no duplicate; "\\u0069d" is "id"."""
        lines = [
            '{"format": "coso-dang", "schema_version": 1,',
            '"organizations": [{"id": "xa", "name": "{\\"id\\": 1, \\"id\\": 2}",',
            '  "kind": "dang_bo_co_so"}],',
            '"members": [',
            '{"id": "dv1", "full_name": "A", "org_id": "xa", "admitted_on": "2010-03-02"},',
            '{"id": "dv2", "full_name": "B", "org_id": "xa",',
            '  "admitted_on": "2010-03-02", "\\u0069d": "dv3"}',
            "]}",
        ]
        with pytest.raises(LoadError) as caught:
            load_json(io.StringIO("\n".join(lines)))
        (problem,) = caught.value.problems
        assert problem.row == 7
        assert problem.reason == "khóa «id» xuất hiện hai lần trong một đối tượng"

    @pytest.mark.parametrize("key", ["format", "schema_version"])
    def test_a_wrong_format_or_version_is_cut(self, key: str) -> None:
        # The value of "format" or "schema_version" was quoted whole (its repr): a
        # crafted document's megabytes in one message.
        document = {"schema_version": 1, key: "v" * 100_000}
        text = json.dumps(document)
        with pytest.raises(LoadError) as caught:
            load_json(io.StringIO(text))
        message = str(caught.value)
        assert "'" + "v" * 100 in message
        assert len(message) < 400


class TestParquetUncompressed:
    """A column of long repeated text compresses to almost nothing: sixty names of
    20 MB each in 39 KB decoded to 1,2 GB, and polars aborted the process (a Rust panic,
    no Python error) when memory ran out. The footer's sizes now refuse such a table
    before anything is decoded; the limit is lowered here to keep the file small."""

    @pytest.fixture
    def folder(self, tmp_path: Path) -> Path:
        pl = pytest.importorskip("polars")
        rows = 20  # names under MAX_CSV_FIELD, 2,4 MB together
        pl.DataFrame(
            {
                "id": [f"dv{n}" for n in range(rows)],
                "full_name": ["x" * 120_000 + str(n) for n in range(rows)],
                "org_id": ["cb1"] * rows,
                "admitted_on": ["2010-03-02"] * rows,
            }
        ).write_parquet(tmp_path / "members.parquet", compression="zstd")
        pl.DataFrame(
            {"id": ["cb1"], "name": ["Chi bộ thôn 1"], "kind": ["chi_bo_co_so"]}
        ).write_parquet(tmp_path / "organizations.parquet")
        return tmp_path

    @pytest.mark.parametrize("loader", [load_parquet, load_frames])
    def test_a_table_past_the_bound_is_named(
        self, folder: Path, loader: Any, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        assert (folder / "members.parquet").stat().st_size < 10_000
        monkeypatch.setattr(parquet, "MAX_PARQUET_UNCOMPRESSED", 1024 * 1024, raising=False)
        result = loader(folder, progress=False)
        (problem,) = result.problems
        assert problem.file == "members.parquet"
        assert problem.is_error
        assert "dữ liệu của bảng giải nén ra 2 MiB" in problem.reason
        assert "quá giới hạn 1 MiB" in problem.reason

    def test_under_the_bound_read(self, folder: Path) -> None:
        result = load_parquet(folder, progress=False)
        assert result.ok
        assert len(result.dataset.members) == 20

    def test_the_footer_sizes_are_those_pyarrow_reads(self, tmp_path: Path) -> None:
        pl = pytest.importorskip("polars")
        pq = pytest.importorskip("pyarrow.parquet")
        from coso_dang.io._footer import uncompressed_size

        file = tmp_path / "t.parquet"
        frame = pl.DataFrame({"a": [str(n) * 50 for n in range(5000)], "b": range(5000)})
        frame.write_parquet(file, row_group_size=700)
        meta = pq.ParquetFile(file).metadata
        assert meta.num_row_groups > 1
        expected = sum(meta.row_group(i).total_byte_size for i in range(meta.num_row_groups))
        assert uncompressed_size(file) == expected
        (tmp_path / "not.parquet").write_bytes(b"id,name\n")
        assert uncompressed_size(tmp_path / "not.parquet") is None


class TestWorkbookEntries:
    """The zip module reads a zip's whole directory before a part can be asked for: a
    workbook of a million empty entries (92 MB) took 5 s and 640 MB before the first
    check. The end record's count and directory size are now read first; the limits are
    lowered here to keep the file small."""

    @staticmethod
    def _book(tmp_path: Path, extra: int) -> Path:
        from openpyxl import Workbook

        book = Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.title = "Đảng viên"
        sheet.append(["Mã", "Họ và tên", "Chi bộ", "Ngày vào Đảng"])
        sheet.append(["dv1", "Nguyễn Văn An", "cb1", "02/03/2010"])
        path = tmp_path / "dv.xlsx"
        book.save(path)
        with zipfile.ZipFile(path, "a") as archive:
            for n in range(extra):
                archive.writestr(f"x/{n}", b"")
        return path

    def test_too_many_entries(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setattr(_xlsxparts, "MAX_XLSX_ENTRIES", 40, raising=False)
        with pytest.raises(LoadError, match=r"tệp zip có \d+ phần, quá giới hạn 40 phần"):
            load_xlsx(self._book(tmp_path, 40), progress=False)

    def test_a_count_that_lies(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        # The zip module reads the directory by its size: a count of 1 hides nothing.
        path = self._book(tmp_path, 3000)
        raw = bytearray(path.read_bytes())
        end = raw.rindex(b"PK\x05\x06")
        raw[end + 8 : end + 12] = (1).to_bytes(2, "little") * 2
        path.write_bytes(bytes(raw))
        monkeypatch.setattr(_xlsxparts, "_MAX_DIRECTORY", 64 * 1024, raising=False)
        with pytest.raises(
            LoadError, match=r"mục lục của tệp zip lớn [\d.]+ byte, quá giới hạn 65\.536 byte"
        ):
            load_xlsx(path, progress=False)

    def test_a_real_workbook_reads(self, tmp_path: Path) -> None:
        result = load_xlsx(self._book(tmp_path, 0), progress=False)
        assert [m.id for m in result.dataset.members] == ["dv1"]


class TestParquetLongText:
    """A dictionary stores a long text once for all the rows repeating it: 300 names of
    5 MB in 2 KB, 1,5 GB once the rows were read as Python text (polars panicked when
    memory ran out). A text cell past MAX_CSV_FIELD characters is now an error on its
    row, as in a CSV file, measured before any row is read."""

    @pytest.mark.parametrize("kind", ["text", "categorical", "enum"])
    def test_rows_of_long_text_are_named(self, tmp_path: Path, kind: str) -> None:
        """Text kept as categories (Categorical, Enum) was read whole, a name past the
        limit loaded, where the same column as plain text named the rows."""
        pl = pytest.importorskip("polars")
        long = "x" * (coso_dang.io.MAX_CSV_FIELD + 1)
        dtype = {
            "text": pl.String,
            "categorical": pl.Categorical,
            "enum": pl.Enum(["Nguyễn Văn An", long]),
        }[kind]
        pl.DataFrame(
            {
                "id": ["dv1", "dv2", "dv3"],
                "full_name": pl.Series([long, "Nguyễn Văn An", long], dtype=dtype),
                "org_id": ["cb1"] * 3,
                "admitted_on": ["2010-03-02"] * 3,
            }
        ).write_parquet(tmp_path / "members.parquet")
        result = load_parquet(tmp_path, progress=False)
        assert [m.id for m in result.dataset.members] == ["dv2"]
        assert [(p.row, p.column, p.value) for p in result.problems] == [
            (2, "full_name", ""),
            (4, "full_name", ""),
        ]
        assert result.problems[0].reason == (
            "ô dài 131.073 ký tự, quá giới hạn 131.072 ký tự; dòng không được đọc"
        )
        # The columnar loader names the same rows (it read the long names whole).
        frames = load_frames(tmp_path, progress=False)
        assert frames.problems == result.problems
        assert frames.members["id"].to_list() == ["dv2"]


class TestJsonSizeRead:
    @pytest.mark.skipif(not Path("/proc/self/status").is_file(), reason="no /proc here")
    def test_a_file_whose_size_says_nothing(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A file of /proc says it holds 0 bytes (a file still being written grows after
        it was measured): it was read whole, whatever the limit. Now the limit bounds
        the reading itself."""
        monkeypatch.setattr(coso_dang.io.jsonio, "MAX_JSON_BYTES", 16)
        link = tmp_path / "x.json"
        link.symlink_to("/proc/self/status")
        assert link.stat().st_size == 0
        with pytest.raises(LoadError, match="tệp lớn hơn giới hạn 0 MiB của JSON"):
            load_json(link)


class TestCsvStreams:
    def test_a_lone_carriage_return_in_a_stream_is_named_in_words(self) -> None:
        """A stream opened without newline="" hands csv a lone CR inside a cell: the
        reason quoted the csv module's English ("new-line character seen in unquoted
        field - do you need to open the file in universal-newline mode?")."""
        text = "Mã,Năm,Xếp loại\ndv1,20\r24,HTTNV\ndv2,2024,HTTNV\n"
        result = load_csv(io.StringIO(text), kind="evaluations", progress=False)
        assert [e.subject_id for e in result.dataset.evaluations] == ["dv2"]
        assert [str(p) for p in result.problems] == [
            "<stream>, dòng 2: không đọc được dòng CSV (dấu xuống dòng CR giữa một ô không "
            "trong ngoặc kép; luồng cần mở với newline=''); dòng không được đọc"
        ]
        assert "row 2: the CSV row cannot be read (a carriage return" in (
            result.problems[0].text("en")
        )
