"""A Parquet table's rows read at once (cells told plain by polars, the checks after
building asked column by column) give what the rows read one by one give."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

import pytest

from coso_dang.io import load_frames, load_parquet
from coso_dang.io import parquet as parquet_module
from coso_dang.io._collect import Collector, TableReader
from coso_dang.io._schema import ORGANIZATIONS
from coso_dang.vi.legacy import encode_legacy

pl = pytest.importorskip("polars")

_LATER = _dt.date.today() + _dt.timedelta(days=40)
_NAMES = [
    "Đảng bộ xã Tân Lập",
    "Chi bộ thôn 1 ",  # a space at an end: trimmed
    "#N/A",  # a spreadsheet's error value
    "1E+15",
    encode_legacy("Chi bộ thôn Hưng", "tcvn3"),  # TCVN3 read as Unicode: warned of
    "Chi bộ\x00 thôn 3",  # a NUL: warned of
    "Chi bo\u0302\u0323 tho\u0302n 4",  # decomposed: normalized by the record
    "\u3000Chi bộ thôn 5",  # an ideographic space at the start
    "Chi bộ thôn 6\x1f",  # a separator Python trims and polars does not
    None,  # a required name missing
    "Chi bộ thôn 7",
    "  ",
]
_IDS = [
    "xa",
    "cb1",
    "cb2",
    "cb3",
    "cb4",
    "cb5",
    "cb\u200b6",  # an invisible character: refused
    "cb7 ",
    "1,23457E+11",
    "cb9",
    "Chi bộ 10",  # not ASCII, composed
    "cb11",
]


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "p"
    folder.mkdir()
    n = len(_IDS)
    pl.DataFrame(
        {
            "Mã": _IDS,
            "Tên": _NAMES,
            "Loại tổ chức": ["Đảng bộ cơ sở"] + ["Chi bộ trực thuộc"] * (n - 1),
            "Mã cấp trên": [None] + ["xa"] * (n - 1),
            "Ngày thành lập": [_dt.date(1990, 1, 1)] * (n - 2) + [_LATER, None],
        }
    ).write_parquet(folder / "to_chuc.parquet")
    pl.DataFrame(
        {
            "Mã": ["dv1", "dv2", "dv3", "dv4", "dv5", "dv6"],
            "Họ và tên": [
                "Nguyễn Văn An",
                encode_legacy("Lưu Văn Hưng", "tcvn3"),
                "Trần\u202e Bình",
                "Lê Chi ",
                "Phạm Dũng",
                "Hồ Em",
            ],
            "Chi bộ": ["cb1"] * 6,
            "Ngày vào Đảng": [
                _dt.date(2010, 3, 2),
                _dt.date(1929, 1, 1),  # before the Party was founded
                _dt.date(2010, 3, 2),
                _dt.date(1995, 3, 2),  # at 15
                _LATER,
                _dt.date(2012, 1, 1),
            ],
            "Ngày sinh": [_dt.date(1980, 5, 1), None, *[_dt.date(1980, 5, 1)] * 2, None, None],
            "Số định danh cá nhân": ["001089001123", "1089001123", None, "O01089001123", None, "1"],
            "Địa chỉ": ["Thôn 1", "Thôn\x1b 2", None, "Thôn 3", "Thôn 4", "Thôn 5"],
        }
    ).write_parquet(folder / "dang_vien.parquet")
    return folder


def _one_by_one(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every cell looked at by the record loader, every record checked after building."""
    monkeypatch.setattr(parquet_module, "_plain_texts", lambda frame, table: None)

    def every_row(self: Collector, schema: object, columns: dict[str, list[object]]) -> set[int]:
        return set(range(max(map(len, columns.values()), default=0)))

    monkeypatch.setattr(Collector, "may_warn", every_row)


def _said(result: object) -> list[tuple[object, ...]]:
    return [
        (p.file, p.row, p.column, p.value, p.reason, p.severity)
        for p in result.problems  # type: ignore[attr-defined]
    ]


def test_plain_rows_read_as_one_by_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _folder(tmp_path)
    at_once = load_parquet(folder, progress=False)
    frames = load_frames(folder, progress=False)
    with monkeypatch.context() as patched:
        _one_by_one(patched)
        one_by_one = load_parquet(folder, progress=False)
        frames_one_by_one = load_frames(folder, progress=False)
    assert _said(at_once) == _said(one_by_one)
    assert at_once.dataset == one_by_one.dataset
    assert _said(frames) == _said(frames_one_by_one)
    assert frames.organizations == frames_one_by_one.organizations
    said = _said(at_once)
    # The cases are there: refusals and warnings of both tables.
    assert len(at_once.dataset.organizations) < len(_IDS)
    assert any(p[0] == "to_chuc.parquet" and p[5].value == "warning" for p in said)
    assert sum(p[0] == "dang_vien.parquet" and p[5].value == "warning" for p in said) >= 8


def test_plain_texts_flag_only_cells_read_as_they_are() -> None:
    """The cells told plain are those the codecs give back unchanged."""
    frame = pl.DataFrame({"Mã": _IDS, "Tên": _NAMES})
    table = TableReader(Collector(progress=False), ORGANIZATIONS, "t", frame.columns, typed=True)
    flags = parquet_module._plain_texts(frame, table)
    assert flags is not None
    by_column = {int(s.name): s.to_list() for s in flags.iter_columns()}
    for index, column, *_ in table.slots:
        codec = column.codec
        for cell, plain in zip(frame.to_series(index).to_list(), by_column[index], strict=True):
            if plain:
                assert codec.from_text(cell) == cell, cell
    shown = {i: "".join("1" if flag else "." for flag in flags) for i, flags in by_column.items()}
    assert shown == {0: "111111...1.1", 1: "1...111...1."}


@pytest.mark.parametrize("refused", [False, True])
def test_quiet_rows_built_by_column_as_one_by_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, refused: bool
) -> None:
    """Organizations built column by column (TableReader.quiet_records) are those built
    row by row; a row the record refuses is named as it is row by row."""
    folder = tmp_path / "q"
    folder.mkdir()
    ids = ["xa", "cb1", "cb2", "cb3"]
    pl.DataFrame(
        {
            "Mã": ids,
            "Tên": ["Đảng bộ xã Tân Lập", "Chi bộ thôn 1", "Chi bộ thôn 2", "Chi bộ thôn 3"],
            "Loại tổ chức": ["Đảng bộ cơ sở"] + ["Chi bộ trực thuộc"] * 3,
            # A chi bộ under itself, which the record refuses.
            "Mã cấp trên": [None, "xa", "cb2" if refused else "xa", "xa"],
            "Ngày thành lập": [_dt.date(1990, 1, 1)] * 4,
        }
    ).write_parquet(folder / "to_chuc.parquet")
    built: list[object] = []
    quiet_records = TableReader.quiet_records

    def spied(self: TableReader, first: int, rows: list[object]) -> object:
        got = quiet_records(self, first, rows)  # type: ignore[arg-type]
        built.append(got)
        return got

    with monkeypatch.context() as patched:
        patched.setattr(TableReader, "quiet_records", spied)
        at_once = load_parquet(folder, progress=False)
        frames = load_frames(folder, progress=False)
    with monkeypatch.context() as patched:
        patched.setattr(TableReader, "quiet_records", lambda self, first, rows: None)
        one_by_one = load_parquet(folder, progress=False)
    assert len(built) == 2  # the organizations, once by each loader
    assert built == [None, None] if refused else all(got is not None for got in built)
    assert _said(at_once) == _said(one_by_one) == _said(frames)
    assert at_once.dataset == one_by_one.dataset
    assert frames.organizations == one_by_one.dataset.organizations
    assert len(at_once.dataset.organizations) == (3 if refused else 4)
