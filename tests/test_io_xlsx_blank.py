"""Runs of blank cells in a sheet are read at the cost of a pattern match, with the same result.

The reader replaces each run of blank, formatted cells by one element before parsing. The
same sheet read without the replacement must give the same records and problems, down to
the line and column of broken XML; a sheet that itself names the element is read as it
stands.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date
from unittest.mock import patch

from hypothesis import example, given, settings
from hypothesis import strategies as st

from coso_dang.dataset import Dataset
from coso_dang.io import _xlsxparts, dump_xlsx, load_xlsx
from coso_dang.members import Member
from coso_dang.orgs import Organization, OrgKind

_SHEET = "xl/worksheets/sheet3.xml"  # Đảng viên, after Tổ chức and Đơn vị dân cư


def _workbook() -> bytes:
    xa = Organization("xa", "Đảng bộ xã Tân Lập", OrgKind.DANG_BO_CO_SO)
    cb = Organization("cb1", "Chi bộ thôn Đông", OrgKind.CHI_BO_TRUC_THUOC, parent_id="xa")
    people = [
        Member(f"dv{n}", f"Nguyễn Văn {n}", "cb1", admitted_on=date(2010, 3, n))
        for n in range(1, 6)
    ]
    buffer = io.BytesIO()
    dump_xlsx(Dataset([xa, cb], people), buffer)
    return buffer.getvalue()


_BASE = _workbook()


def _with_sheet(body: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(_BASE))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            target.writestr(info.filename, body if info.filename == _SHEET else data)
    return out.getvalue()


def _sheet() -> bytes:
    return zipfile.ZipFile(io.BytesIO(_BASE)).read(_SHEET)


def _read(body: bytes) -> tuple[object, list[str]]:
    result = load_xlsx(io.BytesIO(_with_sheet(body)), progress=False)
    return result.dataset, [repr(problem) for problem in result.problems]


def _cell_by_cell(body: bytes) -> tuple[object, list[str]]:
    """What reading *body* gives with no run replaced."""
    with patch.object(_xlsxparts._Cells, "filtered", lambda self, chunk: chunk):
        return _read(body)


_blank = st.builds(
    lambda ref, style, kind, space: (
        b"<c"
        + (b' r="' + ref.encode() + b'"' if ref else b"")
        + (b' s="%d"' % style if style is not None else b"")
        + (b' t="' + kind.encode() + b'"' if kind else b"")
        + b"/>"
        + space
    ),
    st.one_of(st.none(), st.sampled_from(["A2", "B3", "Z9", "AB12", "XFD1048576", "C4"])),
    st.one_of(st.none(), st.integers(0, 3)),
    st.one_of(st.none(), st.sampled_from(["n", "s", "inlineStr", "zz"])),
    st.sampled_from([b"", b"", b" ", b"\n", b"\r\n  "]),
)
_runs = st.lists(_blank, min_size=2, max_size=40).map(b"".join)
_tails = st.sampled_from(
    [
        b"",
        b'<c t="inlineStr"><is><t>dv9</t></is></c>',
        b"<c><v>7</v></c>",
        b'<c r="A9"><v>1</v>',
        b"&bogus;",
        b"<c s='1'/>",
        b'<c s="1" s="2"/>',
        b"\x01",
    ]
)


@settings(max_examples=60, deadline=None)
@given(inserts=st.lists(st.tuples(st.integers(0, 10_000), _runs, _tails), min_size=1, max_size=4))
# A lone carriage return inside a run (two runs joined around a "\r\n") ends a line: a
# broken tag after it is named on the line the part has it.
@example(
    inserts=[
        (1638, b"<c/><c/>", b""),
        (6821, b'<c/><c r="A2" s="0" t="zz"/><c r="A2"/>\r\n  ', b'<c r="A9"><v>1</v>'),
        (
            3367,
            b'<c/> <c t="n"/><c t="n"/><c s="0" t="n"/><c r="A2" t="n"/><c r="A2" t="n"/>'
            b'<c r="A2" t="n"/> <c r="AB12" t="n"/> <c r="A2" s="0" t="inlineStr"/>'
            b'<c r="XFD1048576" s="0" t="inlineStr"/> ',
            b"<c s='1'/>",
        ),
    ]
)
def test_runs_of_blank_cells_read_as_cell_by_cell(inserts: list[tuple[int, bytes, bytes]]) -> None:
    body = _sheet()
    # Places between two tags of the sheet data (cells, rows, or outside the rows).
    start = body.index(b"<sheetData>") + len(b"<sheetData>")
    places = [m.end() for m in re.finditer(rb">", body) if m.end() >= start]
    for position, run, tail in sorted(inserts, reverse=True):
        at = places[position % len(places)]
        body = body[:at] + run + tail + body[at:]
    assert _read(body) == _cell_by_cell(body)


def test_a_sheet_of_blank_cells_reads_its_data() -> None:
    body = _sheet()
    blank_rows = b"".join(
        b'<row r="%d">' % n + b'<c r="A%d" s="1"/>' % n + b'<c s="1"/>' * 300 + b"</row>"
        for n in range(100, 400)
    )
    body = body.replace(b"</sheetData>", blank_rows + b"</sheetData>")
    data, problems = _read(body)
    assert isinstance(data, Dataset)
    assert [m.id for m in data.members] == [f"dv{n}" for n in range(1, 6)]
    assert problems == []
    assert (data, problems) == _cell_by_cell(body)


def test_too_many_blank_cells_in_a_row_is_named() -> None:
    body = _sheet()
    row = b'<row r="50">' + b'<c s="1"/>' * 16_385 + b"</row>"
    body = body.replace(b"</sheetData>", row + b"</sheetData>")
    _, problems = _read(body)
    assert any("16.384" in problem and "50" in problem for problem in problems)
    assert _read(body) == _cell_by_cell(body)


def test_blank_cells_outside_a_row_are_named() -> None:
    body = _sheet().replace(b"</sheetData>", b'<c r="A1" s="1"/><c s="1"/></sheetData>')
    _, problems = _read(body)
    assert any("ngoài mọi dòng" in problem for problem in problems)
    assert _read(body) == _cell_by_cell(body)


def test_a_sheet_naming_the_replacement_is_read_as_it_stands() -> None:
    element = b'<coso-blank n="99999" k="5"/>'
    row = b'<row r="60">' + element + b'<c s="1"/>' * 5 + b'<c r="B60"><v>1</v></c></row>'
    body = _sheet().replace(b"</sheetData>", row + b"</sheetData>")
    # The element means nothing there: as if it were not in the sheet at all.
    assert _read(body) == _read(body.replace(element, b""))
    assert any("dòng 60" in problem or "row=60" in problem for problem in _read(body)[1])
