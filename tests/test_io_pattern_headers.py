"""A header polars would read as a pattern (``^.*$``, ``^id$``) or as every column
(``*``) is a header like any other.

The loaders reached a table's columns by their header text, which polars takes as a
regular expression when it starts with ``^`` and ends with ``$``: a Parquet table with
such a column crashed :func:`~coso_dang.io.load` and :func:`~coso_dang.io.load_frames`
(a ``DuplicateError``). Each such column is now an unknown column, named as one named
``ghi`` is, in every layout and by both loaders.
"""

from __future__ import annotations

import csv
from pathlib import Path

import polars as pl
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from coso_dang.io import LoadResult, load, load_frames

_TABLES = {
    # file stem: (sheet title, header, rows)
    "to_chuc": (
        "Tổ chức",
        ["Mã", "Tên", "Loại tổ chức", "Mã cấp trên"],
        [
            ["xa", "Đảng bộ xã Tân Lập", "Đảng bộ cơ sở", ""],
            ["cb1", "Chi bộ thôn 1", "Chi bộ trực thuộc", "xa"],
        ],
    ),
    "dang_vien": (
        "Đảng viên",
        ["Mã", "Họ và tên", "Chi bộ", "Ngày vào Đảng"],
        [
            ["dv1", "Nguyễn Văn An", "cb1", "02/03/2010"],
            ["dv2", "Lê Thị Bình", "cb1", "sai"],
        ],
    ),
    "danh_gia": (
        "Đánh giá",
        ["Mã", "Năm", "Xếp loại"],
        [["dv1", "2024", "HTTNV"], ["dv2", "2024", "HTNV"]],
    ),
}

#: The harmless name every other extra column is compared with.
_PLAIN = "ghi"

_PATTERNS = [
    "^.*$",
    "^id$",
    "^x.*$",
    "*",
    "^Mã$",  # a pattern matching a known header
    ".*",
    "(",
    "a|b",
    "_row",  # a name the Parquet reader once gave a column of its own
    "c1",  # the name the readers give the second column
]


def _write(folder: Path, layout: str, extra: str) -> Path:
    """The three tables, each with a column *extra* (holding "x") at its second place."""
    tables = {
        stem: (title, [header[0], extra, *header[1:]], [[row[0], "x", *row[1:]] for row in rows])
        for stem, (title, header, rows) in _TABLES.items()
    }
    if layout == "xlsx":
        openpyxl = pytest.importorskip("openpyxl")
        book = openpyxl.Workbook()
        book.remove(book.active)
        for title, header, rows in tables.values():
            sheet = book.create_sheet(title)
            sheet.append(header)
            for row in rows:
                sheet.append(row)
        path = folder.with_suffix(".xlsx")
        book.save(path)
        return path
    folder.mkdir()
    for stem, (_, header, rows) in tables.items():
        if layout == "parquet":
            columns = {name: [row[at] for row in rows] for at, name in enumerate(header)}
            pl.DataFrame(columns).write_parquet(folder / f"{stem}.parquet")
        else:
            with (folder / f"{stem}.csv").open("w", encoding="utf-8", newline="") as file:
                csv.writer(file).writerows([header, *rows])
    return folder


def _said(result: LoadResult, extra: str) -> list[tuple[object, ...]]:
    """The problems of *result*, the column *extra* named as the harmless one."""
    return [
        (p.file, p.row, _PLAIN if p.column == extra else p.column, p.value, p.reason, p.severity)
        for p in result.problems
    ]


def _check(tmp_path: Path, layout: str, extra: str) -> None:
    # Alike names: a problem names its file.
    (tmp_path / "plain").mkdir()
    (tmp_path / "odd").mkdir()
    plain = _write(tmp_path / "plain" / "data", layout, _PLAIN)
    odd = _write(tmp_path / "odd" / "data", layout, extra)
    expected = load(plain, progress=False)
    assert any(p.column == _PLAIN for p in expected.problems)  # an unknown column
    records = load(odd, progress=False)
    frames = load_frames(odd, progress=False)
    assert frames.problems == records.problems
    assert _said(records, extra) == _said(expected, _PLAIN)
    assert records.dataset == expected.dataset
    plain_frames = load_frames(plain, progress=False)
    assert frames.members.equals(plain_frames.members)
    assert frames.evaluations.equals(plain_frames.evaluations)


@pytest.mark.parametrize("layout", ["parquet", "csv", "xlsx"])
@pytest.mark.parametrize("extra", _PATTERNS)
def test_a_header_polars_reads_as_a_pattern_is_an_unknown_column(
    tmp_path: Path, layout: str, extra: str
) -> None:
    _check(tmp_path, layout, extra)


_SPECIAL = "^$*.()|[]{}+?\\"


@pytest.mark.parametrize("layout", ["parquet", "csv"])
@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    before=st.text(alphabet=_SPECIAL, max_size=4),
    after=st.text(alphabet=_SPECIAL, max_size=4),
)
@example(before="^", after="$")
@example(before="^.*|", after="$")  # every column
def test_any_header_around_special_characters(
    tmp_path_factory: pytest.TempPathFactory, layout: str, before: str, after: str
) -> None:
    _check(tmp_path_factory.mktemp("t"), layout, f"{before}{_PLAIN}{after}")
