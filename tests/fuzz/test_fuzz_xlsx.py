"""Fuzz the workbook loader: any bytes, cut workbooks, and sheets of odd cells."""

from __future__ import annotations

import io
from datetime import date, datetime, time
from typing import Any

import pytest
from _fuzzing import (
    HUGE,
    FuzzLog,
    accounted_rows,
    fuzz_test,
    heavy_fuzz_test,
    sample_dataset,
    texts,
)
from hypothesis import given
from hypothesis import strategies as st

from coso_dang.io import LoadError, LoadResult, dump_xlsx, load_xlsx

openpyxl = pytest.importorskip("openpyxl")


def _sample() -> tuple[bytes, dict[str, list[list[Any]]]]:
    buffer = io.BytesIO()
    dump_xlsx(sample_dataset(), buffer)
    workbook = openpyxl.load_workbook(io.BytesIO(buffer.getvalue()), read_only=True)
    sheets = {ws.title: [list(row) for row in ws.iter_rows(values_only=True)] for ws in workbook}
    workbook.close()
    return buffer.getvalue(), sheets


_WORKBOOK, _SHEETS = _sample()
_VALID_CELLS = sorted(
    {
        repr(c): c for rows in _SHEETS.values() for row in rows[1:] for c in row if c is not None
    }.values(),
    key=repr,
)

cells = st.one_of(
    st.none(),
    st.sampled_from(_VALID_CELLS),
    st.booleans(),
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.dates(min_value=date(1900, 3, 1), max_value=date(9999, 12, 31)),
    st.datetimes(min_value=datetime(1900, 3, 1), max_value=datetime(9999, 12, 31)),
    st.times().map(lambda t: t.replace(microsecond=0)),
    texts(max_size=20).map(lambda t: "".join(c for c in t if c.isprintable())),
)


@st.composite
def workbooks(draw: st.DrawFn) -> tuple[bytes, str, list[int]]:
    """A workbook with one real sheet of odd rows: its bytes, the sheet, the rows sent."""
    title = draw(st.sampled_from(sorted(_SHEETS)))
    header = _SHEETS[title][0]
    rows = draw(st.lists(st.lists(cells, max_size=len(header) + 1), max_size=6))
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet(title)
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    sent = [n for n, row in enumerate(rows, start=2) if any(_blank(c) is False for c in row)]
    return buffer.getvalue(), title, sent


def _blank(cell: Any) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def _load(data: bytes) -> LoadResult:
    return load_xlsx(io.BytesIO(data), progress=False)


class TestXlsx:
    @fuzz_test
    @given(data=st.binary(max_size=2000))
    def test_any_bytes(self, fuzz: FuzzLog, data: bytes) -> None:
        """Bytes that are not a workbook raise LoadError naming the stream."""
        with pytest.raises(LoadError) as caught:
            fuzz.call("io.load_xlsx[any bytes]", len(data), lambda: _load(data))
        assert caught.value.problems[0].file == "<stream>"

    @fuzz_test
    @given(cut=st.integers(0, len(_WORKBOOK) - 1))
    def test_truncated(self, fuzz: FuzzLog, cut: int) -> None:
        """A workbook cut short raises LoadError, never another exception."""
        data = _WORKBOOK[:cut]
        with pytest.raises(LoadError):
            fuzz.call("io.load_xlsx[truncated]", len(data), lambda: _load(data))

    @heavy_fuzz_test
    @given(case=workbooks())
    def test_rows_accounted(self, fuzz: FuzzLog, case: tuple[bytes, str, list[int]]) -> None:
        """Every non-blank row of a sheet becomes a record or a problem naming it."""
        data, title, sent = case
        result = fuzz.call("io.load_xlsx[rows]", len(data), lambda: _load(data))
        accounted_rows(result, f"<stream> [{title}]", sent)


def test_huge(fuzz: FuzzLog) -> None:
    """A large sheet of valid and invalid rows loads in bounded time, nothing lost."""
    title = sorted(_SHEETS)[0]
    header, good = _SHEETS[title][0], _SHEETS[title][1]
    count = HUGE // 200
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet(title)
    sheet.append(header)
    for i in range(count):
        sheet.append(good if i % 2 else [f"x{i}", time(1, 2), -5])
    buffer = io.BytesIO()
    workbook.save(buffer)
    data = buffer.getvalue()
    result = fuzz.call("io.load_xlsx[rows]", len(data), lambda: _load(data))
    accounted_rows(result, f"<stream> [{title}]", list(range(2, count + 2)))
