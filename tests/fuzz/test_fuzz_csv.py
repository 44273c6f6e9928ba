"""Fuzz the CSV loader: any text, and rows of near-valid cells under real headers."""

from __future__ import annotations

import csv
import io
import tempfile
from pathlib import Path

from _fuzzing import HUGE, FuzzLog, accounted_rows, fuzz_test, sample_dataset, texts
from hypothesis import given
from hypothesis import strategies as st

from coso_dang.errors import CosoDangError
from coso_dang.io import LoadResult, dump_csv, load_csv


def _sample_tables() -> dict[tuple[str, str], list[list[str]]]:
    """The header and rows of each kind, with Vietnamese and with field-name headers."""
    tables: dict[tuple[str, str], list[list[str]]] = {}
    with tempfile.TemporaryDirectory() as folder:
        for headers in ("vi", "fields"):
            for path in dump_csv(sample_dataset(), Path(folder, headers), headers=headers):
                with path.open(encoding="utf-8-sig", newline="") as stream:
                    tables[path.stem, headers] = list(csv.reader(stream))
    return tables


_TABLES = _sample_tables()
_VALID_CELLS = sorted({cell for rows in _TABLES.values() for row in rows[1:] for cell in row})
_ODD_CELLS = [
    "", " ", "30/2/2024", "31/12/1899", "00/00/0000", "2024-13-01", "1.234,5", "1,234.5",
    "-1", "9" * 40, "có", "không", "x", "HTTNV", "tốt", "Xuất sắc", "cb-không-có", "NguyÔn",
    "Nguyeãn", "=1+1", "\x00", "\ufeff", "\u00a0", '"', "\r\n", "dv1",
]  # fmt: skip

cells = st.one_of(st.sampled_from(_VALID_CELLS), st.sampled_from(_ODD_CELLS), texts(max_size=30))


@st.composite
def tables(draw: st.DrawFn) -> tuple[str, str, list[list[str]]]:
    """A kind, its CSV text, and the rows sent (header first)."""
    kind, headers = draw(st.sampled_from(sorted(_TABLES)))
    header = _TABLES[kind, headers][0]
    width = len(header)
    rows = draw(
        st.lists(
            st.lists(cells, min_size=max(0, width - 2), max_size=width + 2),
            max_size=8,
        )
    )
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows([header, *rows])
    return kind, buffer.getvalue(), [header, *rows]


class TestCsv:
    @fuzz_test
    @given(text=st.one_of(texts(max_size=2000), texts(',;\t"\r\nabcMã,Tên\x00', 300)))
    def test_any_text(self, fuzz: FuzzLog, text: str) -> None:
        """Any text loads with problems, or raises the library's error."""
        try:
            result = fuzz.call("io.load_csv[any text]", len(text), lambda: _load(text, None))
        except CosoDangError:
            return
        assert isinstance(result, LoadResult)

    @fuzz_test
    @given(table=tables())
    def test_rows_accounted(self, fuzz: FuzzLog, table: tuple[str, str, list[list[str]]]) -> None:
        """Every data row under a real header becomes a record or a named problem."""
        kind, text, _ = table
        result = fuzz.call("io.load_csv[rows]", len(text), lambda: _load(text, kind))
        sent = _rows_as_read(text)
        accounted_rows(result, "<stream>", sent)


def _load(text: str, kind: str | None) -> LoadResult:
    return load_csv(io.StringIO(text, newline=""), kind=kind, progress=False)


def _rows_as_read(text: str) -> list[int]:
    """The spreadsheet row numbers of the non-blank data rows, as csv reads them back."""
    reader = csv.reader(io.StringIO(text, newline=""))
    rows = list(reader)
    return [n for n, row in enumerate(rows[1:], start=2) if any(c.strip() for c in row)]


def test_truncated_file(fuzz: FuzzLog) -> None:
    """A file cut in the middle of a quoted cell names the cut row; nothing else is lost."""
    header, row = _TABLES["members", "vi"][0], _TABLES["members", "vi"][1]
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows([header, row])
    text = buffer.getvalue() + 'dv-cut,"Nguyễn Văn An, cắt giữa chừng'
    result = fuzz.call("io.load_csv[rows]", len(text), lambda: _load(text, "members"))
    assert len(result.dataset.members) == 1
    assert [p.row for p in result.problems] == [3]
    assert "bị cắt" in result.problems[0].reason


def test_huge(fuzz: FuzzLog) -> None:
    """A large CSV file of valid and invalid rows is read in bounded time."""
    header = _TABLES["evaluations", "vi"][0]
    good = _TABLES["evaluations", "vi"][1]
    bad = ["dv-x", "năm ngoái", "tốt lắm"] + [""] * (len(header) - 3)
    line_length = len(",".join(good)) + 2
    count = HUGE // line_length
    rows = [good if i % 2 else bad for i in range(count)]
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows([header, *rows])
    text = buffer.getvalue()
    result = fuzz.call("io.load_csv[rows]", len(text), lambda: _load(text, "evaluations"))
    accounted_rows(result, "<stream>", list(range(2, count + 2)))
