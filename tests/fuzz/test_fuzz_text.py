"""Fuzz the characters of texts, the names of a workbook's parts and its merged cells.

Texts get the code points files cannot all hold: halves of UTF-16 pairs (which JSON's
``\\ud800`` escape makes), U+FFFE and U+FFFF (no XML has them), control characters,
invisible spaces. Loading a JSON file holding them must account for every record, and
every writer must either write a file that loads back equal or refuse with the
library's error, leaving the target as it was. Workbook zips get the names other
tools write: another case, a second entry of one name. Sheets get merged ranges, which
Excel shows across their cells but stores in the first only.
"""

from __future__ import annotations

import io
import json
import re
import warnings
import zipfile
from collections.abc import Callable
from pathlib import Path

import attrs
import pytest
from _fuzzing import FuzzLog, accounted_rows, fuzz_test, heavy_fuzz_test, sample_dataset
from hypothesis import given
from hypothesis import strategies as st
from test_fuzz_structure import _shared_workbook

from coso_dang.dataset import Dataset
from coso_dang.errors import CosoDangError
from coso_dang.io import LoadResult, dump_csv, dump_json, dump_xlsx, load, load_json, load_xlsx
from coso_dang.io._xlsxparts import MAX_CELL_CHARS

#: Code points that break some format, and ordinary Vietnamese letters around them.
_ODD = "\ud800\udbff\udc00\udfff\ufffe\uffff\x00\x07\x0b\x1b\u200b\u00a0\u2028\ufeff"
_ODD_TEXT = st.text(st.sampled_from(_ODD + "aăâđêôơưÁỹ -"), min_size=1, max_size=12)
_DATA = sample_dataset()
_HALVES = re.compile("[\ud800-\udfff]")


def _json_text(records: list[dict[str, object]]) -> str:
    document = json.loads(_json_of(_DATA))
    document["members"] = records
    # ensure_ascii keeps the halves as \\udXXX escapes, as a file from elsewhere may.
    return json.dumps(document, ensure_ascii=True)


def _json_of(data: Dataset) -> str:
    stream = io.StringIO()
    dump_json(data, stream)
    return stream.getvalue()


_MEMBERS: list[dict[str, object]] = json.loads(_json_of(_DATA))["members"]


@st.composite
def _odd_members(draw: st.DrawFn) -> list[dict[str, object]]:
    records = [dict(m) for m in _MEMBERS]
    for record in records:
        if draw(st.booleans()):
            field = draw(st.sampled_from(("full_name", "address", "phone")))
            record[field] = str(record.get(field) or "") + draw(_ODD_TEXT)
    return records


class TestJsonText:
    @fuzz_test
    @given(records=_odd_members())
    def test_records_accounted(self, fuzz: FuzzLog, records: list[dict[str, object]]) -> None:
        """Odd characters in any text: every record loads or its row is named."""
        text = _json_text(records)
        result = fuzz.call(
            "io.load_json[odd text]", len(text), lambda: load_json(io.StringIO(text))
        )
        members = Dataset(members=result.dataset.members)
        errors = tuple(p for p in result.errors if p.column.startswith("members."))
        accounted_rows(
            attrs.evolve(result, dataset=members, problems=errors),
            "<stream>",
            list(range(1, len(records) + 1)),
        )
        # No half of a pair got through: each text loaded can be written to a file.
        for member in result.dataset.members:
            for value in attrs.astuple(member, recurse=False):
                assert not (isinstance(value, str) and _HALVES.search(value))


def _with_text(text: str) -> Dataset:
    first = attrs.evolve(_DATA.members[0], full_name="Trần Văn " + text)
    return attrs.evolve(_DATA, members=(first, *_DATA.members[1:]))


class TestWriters:
    @heavy_fuzz_test
    @given(text=_ODD_TEXT, kind=st.sampled_from(["json", "csv", "xlsx"]))
    def test_written_or_refused(self, fuzz: FuzzLog, text: str, kind: str) -> None:
        """A text no file of the format can hold is refused; the old target stays."""
        pytest.importorskip("openpyxl")
        import tempfile

        data = _with_text(text)
        with tempfile.TemporaryDirectory() as folder:
            target = Path(folder) / {"json": "d.json", "csv": "d", "xlsx": "d.xlsx"}[kind]
            writers: dict[str, Callable[[Dataset, Path], object]] = {
                "json": dump_json,
                "csv": dump_csv,
                "xlsx": dump_xlsx,
            }
            writer = writers[kind]
            writer(_DATA, target)
            before = _snapshot(target)
            try:
                fuzz.call(f"io.dump_{kind}[odd text]", len(text), lambda: writer(data, target))
            except CosoDangError:
                assert _snapshot(target) == before
                return
            # Written: it reads back, every record (a file no reader takes is the defect).
            back = load(target)
            assert not back.errors, back.errors[:1]
            assert [m.id for m in back.dataset.members] == [m.id for m in data.members]


def _snapshot(target: Path) -> dict[str, bytes]:
    if target.is_dir():
        return {p.name: p.read_bytes() for p in sorted(target.iterdir())}
    return {target.name: target.read_bytes()}


# -- workbook part names ------------------------------------------------------------------------


def _workbook() -> bytes:
    pytest.importorskip("openpyxl")
    buffer = io.BytesIO()
    dump_xlsx(_DATA, buffer)
    return buffer.getvalue()


def _renamed(data: bytes, rename: dict[str, str], twice: str | None) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            body = source.read(info.filename)
            target.writestr(rename.get(info.filename, info.filename), body)
            if info.filename == twice:
                # A second entry of one name (or one differing in case only), empty.
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore", UserWarning)  # zipfile: "Duplicate name"
                    target.writestr(info.filename, b"<worksheet/>")
    return out.getvalue()


class TestPartNames:
    @heavy_fuzz_test
    @given(data=st.data())
    def test_case_or_duplicate(self, fuzz: FuzzLog, data: st.DataObject) -> None:
        """Parts named in another case load whole; a name given twice is refused."""
        book = _workbook()
        names = [n for n in zipfile.ZipFile(io.BytesIO(book)).namelist() if n.startswith("xl/")]
        rename = {
            name: "".join(
                c.upper() if data.draw(st.booleans(), label=f"{name}:{i}") else c
                for i, c in enumerate(name)
            )
            for name in data.draw(st.lists(st.sampled_from(names), unique=True, max_size=4))
        }
        twice = data.draw(st.none() | st.sampled_from(names))
        mutated = _renamed(book, rename, twice)
        if twice is not None:
            with pytest.raises(CosoDangError, match="hai phần cùng tên"):
                fuzz.call("io.load_xlsx[part names]", len(mutated), lambda: _load(mutated))
            return
        result = fuzz.call("io.load_xlsx[part names]", len(mutated), lambda: _load(mutated))
        assert not result.errors, result.errors[:1]
        assert result.dataset == load_xlsx(io.BytesIO(book), progress=False).dataset


def _load(data: bytes) -> LoadResult:
    return load_xlsx(io.BytesIO(data), progress=False)


# -- merged cells -----------------------------------------------------------------------------

_MEMBERS_PART = "xl/worksheets/sheet3.xml"


def _with_merges(book: bytes, refs: list[str]) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(book))
    out = io.BytesIO()
    cells = "".join(f'<mergeCell ref="{ref}"/>' for ref in refs)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            body = source.read(info.filename)
            if info.filename == _MEMBERS_PART and refs:
                merges = f'<mergeCells count="{len(refs)}">{cells}</mergeCells>'
                body = body.replace(b"</sheetData>", b"</sheetData>" + merges.encode())
            target.writestr(info.filename, body)
    return out.getvalue()


_COLUMN = st.sampled_from(["A", "B", "C", "Q", "Z", "AA"])


@st.composite
def _merge(draw: st.DrawFn) -> tuple[str, int]:
    rows = sorted(draw(st.lists(st.integers(1, 12), min_size=2, max_size=2)))
    columns = sorted(draw(st.lists(_COLUMN, min_size=2, max_size=2)), key=lambda c: (len(c), c))
    return f"{columns[0]}{rows[0]}:{columns[1]}{rows[1]}", rows[1]


class TestMergedCells:
    @heavy_fuzz_test
    @given(merges=st.lists(_merge(), max_size=4))
    def test_merged_ranges_warned(self, fuzz: FuzzLog, merges: list[tuple[str, int]]) -> None:
        """Every merged range reaching a data row is a warning; no row is lost."""
        book = _with_merges(_workbook(), [ref for ref, _ in merges])
        result = fuzz.call("io.load_xlsx[merged cells]", len(book), lambda: _load(book))
        assert len(result.dataset.members) == len(_DATA.members)
        warned = [p for p in result.warnings if "ô gộp" in p.reason]
        expected = [
            ref for ref, last in merges if last > 1 and ref.split(":")[0] != ref.split(":")[1]
        ]
        assert sorted(p.reason.split()[2].rstrip(":") for p in warned) == sorted(expected)


# -- strings at Excel's limit -----------------------------------------------------------------


def _long_name(book: bytes, extra: int) -> bytes:
    """The first member's name made *extra* characters longer, wherever it is stored."""
    name = _DATA.members[0].full_name.encode()
    source = zipfile.ZipFile(io.BytesIO(book))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            body = source.read(info.filename)
            if info.filename in (_MEMBERS_PART, "xl/sharedStrings.xml"):
                body = body.replace(b">" + name + b"<", b">" + name + b"y" * extra + b"<", 1)
            target.writestr(info.filename, body)
    return out.getvalue()


class TestLongStrings:
    @heavy_fuzz_test
    @given(over=st.integers(-3, 3), shared=st.booleans())
    def test_over_the_limit_is_named(self, fuzz: FuzzLog, over: int, shared: bool) -> None:
        """A text past 32.767 characters is an error on its row, inline or shared (a
        shared one was cut to the limit and loaded without a word)."""
        book = _workbook()
        if shared:
            book = _shared_workbook(book)
        length = len(_DATA.members[0].full_name)
        data = _long_name(book, MAX_CELL_CHARS - length + over)
        result = fuzz.call("io.load_xlsx[long string]", len(data), lambda: _load(data))
        too_long = [p for p in result.errors if "32.767" in p.reason]
        assert len(too_long) == (1 if over > 0 else 0)
        assert len(result.dataset.members) + len(too_long) == len(_DATA.members)
