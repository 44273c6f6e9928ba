"""Fuzz the structure of files, not only their cells: workbook parts and CSV quoting.

Workbooks are mutated part by part the way broken and hostile files differ from good
ones: a false ``<dimension>``, cells far from the data, formulas saved without a value,
shared strings that point nowhere, malformed or cut XML. CSV files get stray quotes.
Each case checks the promise of every loader: rows in = records + rows named in error
problems, where the rows in are counted independently of the loader (from the rows that
were written, and, for XML that breaks off, those before the row the loader names as
the place it stopped).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from datetime import datetime

import pytest
from _fuzzing import FuzzLog, accounted_rows, fuzz_test, heavy_fuzz_test, sample_dataset
from hypothesis import example, given
from hypothesis import strategies as st

from coso_dang.dataset import Dataset
from coso_dang.io import LoadResult, dump_xlsx, load_csv, load_xlsx

openpyxl = pytest.importorskip("openpyxl")

#: The members' sheet of a workbook written by dump_xlsx (inline strings).
_PART = "xl/worksheets/sheet3.xml"
_FILE = "<stream> [Đảng viên]"


def _inline_workbook() -> bytes:
    buffer = io.BytesIO()
    dump_xlsx(sample_dataset(), buffer)
    return buffer.getvalue()


def _shared_workbook(inline: bytes) -> bytes:
    """The same workbook with its strings moved to a shared strings part, as Excel does."""
    source = zipfile.ZipFile(io.BytesIO(inline))
    strings: list[bytes] = []

    def shared(match: re.Match[bytes]) -> bytes:
        strings.append(match.group(2))
        return match.group(1) + b' t="s"><v>%d</v></c>' % (len(strings) - 1)

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            body = source.read(info.filename)
            if info.filename.startswith("xl/worksheets/"):
                body = re.sub(
                    rb'(<c r="[A-Z]+\d+"(?: s="\d+")?) t="inlineStr"><is><t>(.*?)</t></is></c>',
                    shared,
                    body,
                )
            elif info.filename == "xl/_rels/workbook.xml.rels":
                body = body.replace(
                    b"</Relationships>",
                    b'<Relationship Id="rIdSST" Type="http://schemas.openxmlformats.org/'
                    b'officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
                    b"</Relationships>",
                )
            target.writestr(info.filename, body)
        items = b"".join(b"<si><t>%s</t></si>" % text for text in strings)
        target.writestr(
            "xl/sharedStrings.xml",
            b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            + items
            + b"</sst>",
        )
    return out.getvalue()


_INLINE = _inline_workbook()
_SHARED = _shared_workbook(_INLINE)
_SHEET = zipfile.ZipFile(io.BytesIO(_INLINE)).read(_PART)
_ROWS = [int(r) for r in re.findall(rb'<row r="(\d+)"', _SHEET)]
_DATA_ROWS = [r for r in _ROWS if r > 1]
_CELLS = [m.span() for m in re.finditer(rb'<c r="[A-Z]+(?:[2-9]|\d\d+)"[^>]*>.*?</c>', _SHEET)]


def _replaced(data: bytes, part: str, body: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = body if info.filename == part else source.read(info.filename)
            target.writestr(info.filename, content)
    return out.getvalue()


def _load(data: bytes) -> LoadResult:
    return load_xlsx(io.BytesIO(data), progress=False)


def _members_only(result: LoadResult) -> LoadResult:
    """The result restricted to the members' sheet (other sheets are whole)."""
    problems = tuple(p for p in result.problems if p.file == _FILE)
    return LoadResult(Dataset(members=result.dataset.members), problems)


def _accounted(result: LoadResult, rows: list[int]) -> None:
    """Every row a record or named; or, with the header's required columns unreadable,
    one problem counting every row as not read."""
    refused = [p for p in result.errors if "thiếu cột bắt buộc" in p.reason]
    if refused:
        assert len(result.dataset) == 0
        assert all(f"; {len(rows)} dòng của tệp" in p.reason for p in refused)
        return
    accounted_rows(result, _FILE, rows)


# -- well-formed mutations: the rows in are the rows written ---------------------------------


def _dimension(draw: st.DrawFn) -> tuple[bytes, list[int]]:
    ref = draw(st.sampled_from([b"A1", b"A1:B2", b"A1:XFD1048576", b"", b"Z9:A1", b"?"]))
    body = re.sub(rb"<dimension[^>]*>", b"", _SHEET).replace(
        b"<sheetData>", b'<dimension ref="' + ref + b'"/><sheetData>'
    )
    return body, _DATA_ROWS


def _far_cell(draw: st.DrawFn) -> tuple[bytes, list[int]]:
    row = draw(st.integers(max(_ROWS) + 1, 1_048_576))
    column = draw(st.sampled_from([b"A", b"Z", b"AA", b"XFD"]))
    value = draw(st.sampled_from([b"<v>1</v>", b"", b"<is><t>x</t></is>"]))
    kind = b' t="inlineStr"' if b"<is>" in value else b""
    cell = b'<row r="%d"><c r="%s%d"%s>%s</c></row>' % (row, column, row, kind, value)
    body = _SHEET.replace(b"</sheetData>", cell + b"</sheetData>")
    return body, _DATA_ROWS + ([row] if value else [])


def _formula(draw: st.DrawFn) -> tuple[bytes, list[int]]:
    start, end = draw(st.sampled_from(_CELLS))
    cell = _SHEET[start:end]
    ref = re.match(rb'<c r="([A-Z]+\d+)"', cell)
    assert ref is not None
    cached = draw(st.sampled_from([b"", b"<v>7</v>", b"<v>x</v>"]))
    kind = b' t="str"' if cached == b"<v>x</v>" else b""
    new = b'<c r="%s"%s><f>SUM(A1)</f>%s</c>' % (ref.group(1), kind, cached)
    return _SHEET[:start] + new + _SHEET[end:], _DATA_ROWS


mutations: dict[str, Callable[[st.DrawFn], tuple[bytes, list[int]]]] = {
    "dimension": _dimension,
    "far cell": _far_cell,
    "formula": _formula,
}


@st.composite
def well_formed(draw: st.DrawFn) -> tuple[str, bytes, list[int]]:
    name = draw(st.sampled_from(sorted(mutations)))
    body, rows = mutations[name](draw)
    return name, _replaced(_INLINE, _PART, body), rows


# -- shared strings that point nowhere -------------------------------------------------------

_STRINGS = zipfile.ZipFile(io.BytesIO(_SHARED)).read("xl/sharedStrings.xml")
_SHARED_SHEET_PART = _PART
_SHARED_SHEET = zipfile.ZipFile(io.BytesIO(_SHARED)).read(_SHARED_SHEET_PART)
_SHARED_ROWS = [int(r) for r in re.findall(rb'<row r="(\d+)"', _SHARED_SHEET) if int(r) > 1]
_SHARED_FILE = "<stream> [Đảng viên]"


def _shared_strings(keep: int) -> bytes:
    """The shared strings workbook with only the first *keep* strings left."""
    items = re.findall(rb"<si>.*?</si>", _STRINGS)
    head = _STRINGS[: _STRINGS.index(b"<si>")]
    return _replaced(_SHARED, "xl/sharedStrings.xml", head + b"".join(items[:keep]) + b"</sst>")


_STRING_COUNT = len(re.findall(rb"<si>", _STRINGS))


# -- malformed XML: the rows before the place named are accounted for ------------------------

_BREAKS = [b"\x01", b"&nope;", b"<", b"</row>", b"<c r=", b"\xff\xfe", b"]]>", b"<!DOCTYPE x>"]


def _malformed(at: int, insert: int) -> bytes:
    """The sheet cut at byte *at* (insert -1), or with ``_BREAKS[insert]`` put there."""
    broken = _SHEET[:at] if insert < 0 else _SHEET[:at] + _BREAKS[insert] + _SHEET[at:]
    return _replaced(_INLINE, _PART, broken)


class TestWorkbookStructure:
    @heavy_fuzz_test
    @given(case=well_formed())
    def test_well_formed(self, fuzz: FuzzLog, case: tuple[str, bytes, list[int]]) -> None:
        """A false dimension, a far cell or a formula loses no row."""
        name, data, rows = case
        result = fuzz.call(f"io.load_xlsx[{name}]", len(data), lambda: _load(data))
        _accounted(_members_only(result), rows)

    @heavy_fuzz_test
    @given(keep=st.integers(0, _STRING_COUNT))
    def test_shared_strings(self, fuzz: FuzzLog, keep: int) -> None:
        """Cells pointing past the shared strings are named, never read as empty."""
        data = _shared_strings(keep)
        result = fuzz.call("io.load_xlsx[shared strings]", len(data), lambda: _load(data))
        _accounted(_members_only(result), _SHARED_ROWS)

    @heavy_fuzz_test
    @given(at=st.integers(0, len(_SHEET)), insert=st.integers(-1, len(_BREAKS) - 1))
    # A "</row>" inside row 2: the row was read, then found cut short; it is taken back.
    @example(at=4385, insert=3)
    def test_malformed(self, fuzz: FuzzLog, at: int, insert: int) -> None:
        """Malformed or cut sheet XML: the rows before the named stop are accounted for."""
        data = _malformed(at, insert)
        result = fuzz.call("io.load_xlsx[malformed xml]", len(data), lambda: _load(data))
        members = _members_only(result)
        stops = [p.row for p in members.errors if "không được đọc tiếp" in p.reason]
        if not stops:  # the break happened to leave well-formed XML
            _accounted(members, _DATA_ROWS)
            return
        if any("thiếu cột bắt buộc" in p.reason for p in members.errors):
            # The break cut the header short: every row is counted as not read.
            assert len(members.dataset) == 0
            return
        stop = min(row or 1 for row in stops)
        before = [row for row in _DATA_ROWS if row < stop]
        named = {p.row for p in members.errors if p.row is not None and p.row < stop}
        assert len(members.dataset) + len(named & set(before)) == len(before)


# -- CSV quoting ------------------------------------------------------------------------------


def _csv_lines() -> list[str]:
    """The members of the sample as tab-separated lines: no cell needs quotes."""
    buffer = io.BytesIO()
    dump_xlsx(sample_dataset(), buffer)
    book = openpyxl.load_workbook(io.BytesIO(buffer.getvalue()), read_only=True)
    lines = []
    width = len(next(book["Đảng viên"].iter_rows(values_only=True)))
    for row in book["Đảng viên"].iter_rows(values_only=True):
        cells = [_text(c) for c in row]
        lines.append("\t".join(cells + [""] * (width - len(cells))))
    book.close()
    assert all('"' not in line for line in lines)
    return lines


def _text(cell: object) -> str:
    if cell is None:
        return ""
    if isinstance(cell, datetime):
        return cell.strftime("%d/%m/%Y")
    return str(cell)


_LINES = _csv_lines()


@st.composite
def stray_quotes(draw: st.DrawFn) -> tuple[str, list[int]]:
    lines = list(_LINES)
    extra = draw(st.lists(st.sampled_from(_LINES[1:]), max_size=12))
    lines += extra
    line = draw(st.integers(1, len(lines) - 1))
    at = draw(st.integers(0, len(lines[line])))
    lines[line] = lines[line][:at] + '"' + lines[line][at:]
    text = "\r\n".join(lines) + "\r\n"
    return text, list(range(2, len(lines) + 1))


class TestCsvQuoting:
    @fuzz_test
    @given(case=stray_quotes())
    def test_stray_quote(self, fuzz: FuzzLog, case: tuple[str, list[int]]) -> None:
        """One stray quote anywhere: every line after the header is a record or named."""
        text, rows = case
        result = fuzz.call(
            "io.load_csv[stray quote]",
            len(text),
            lambda: load_csv(io.StringIO(text, newline=""), kind="members", progress=False),
        )
        accounted_rows(result, "<stream>", rows)
