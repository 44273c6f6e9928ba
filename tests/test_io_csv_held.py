"""Rows of a CSV table held back and built together give what each row built at once
gives: the same records, the same problems in the same order."""

from __future__ import annotations

from pathlib import Path

import pytest

from coso_dang.io import _collect, load_csv, load_frames
from coso_dang.io._collect import TableReader
from coso_dang.vi.legacy import encode_legacy


def _write(folder: Path, rows: list[str]) -> Path:
    folder.mkdir()
    header = "Mã,Tên,Loại tổ chức,Mã cấp trên,Ngày thành lập,Ngày giải thể"
    (folder / "to_chuc.csv").write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    units = ["Mã,Tên,Mã xã,Mã chi bộ", "t1,Thôn 1,xa,cb1", "t2,,xa,cb1", "t3,Thôn 3,xa,"]
    (folder / "don_vi_dan_cu.csv").write_text("\n".join(units) + "\n", encoding="utf-8")
    return folder


def _rows() -> list[str]:
    rows = ["xa,Đảng bộ xã Tân Lập,Đảng bộ cơ sở,,01/01/1990,"]
    for n in range(1, 40):
        rows.append(f"cb{n},Chi bộ thôn {n},Chi bộ trực thuộc,xa,01/01/1995,")
    rows[5] = "cb5,Chi bộ thôn 5,Không có loại này,xa,,"  # a cell not read
    rows[9] = "cb9,Chi bộ thôn 9,Chi bộ trực thuộc,cb9,,"  # under itself: refused
    rows[12] = f"cb12,{encode_legacy('Chi bộ thôn Hưng', 'tcvn3')},Chi bộ trực thuộc,xa,,"
    rows[20] = "cb20,Chi bộ thôn 20,Chi bộ trực thuộc,xa,01/01/2000,01/01/1999"  # refused
    rows[25] = "cb25,Chi bộ thôn 25,Chi bộ trực thuộc,xa,01/01/2999,"  # after today
    rows[30] = ",Chi bộ không mã,Chi bộ trực thuộc,xa,,"  # a required cell blank
    return rows


def _one_by_one(monkeypatch: pytest.MonkeyPatch) -> None:
    def at_once(self: TableReader, number: int, values: dict[str, object]) -> None:
        self._done(number, values, False)

    monkeypatch.setattr(TableReader, "_hold", at_once)


def _said(result: object) -> list[tuple[object, ...]]:
    return [
        (p.file, p.row, p.column, p.value, p.reason, p.severity)
        for p in result.problems  # type: ignore[attr-defined]
    ]


@pytest.mark.parametrize("limit", [None, 3, 5])
@pytest.mark.parametrize("held", [1024, 4])
def test_held_rows_built_as_one_by_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, limit: int | None, held: int
) -> None:
    if limit is not None:  # the table stops at its errors' limit
        monkeypatch.setattr(_collect, "MAX_TABLE_PROBLEMS", limit)
    monkeypatch.setattr(_collect, "_HELD_ROWS", held)
    folder = _write(tmp_path / "f", _rows())
    together = load_csv(folder, progress=False, validate=True)
    frames = load_frames(folder, progress=False, validate=True)
    with monkeypatch.context() as patched:
        _one_by_one(patched)
        one_by_one = load_csv(folder, progress=False, validate=True)
    assert _said(together) == _said(one_by_one) == _said(frames)
    assert together.dataset == one_by_one.dataset
    assert frames.organizations == one_by_one.dataset.organizations
    assert frames.units == one_by_one.dataset.units
    said = _said(together)
    assert any(p[5].value == "warning" for p in said)
    assert sum(p[5].value == "error" for p in said) >= (limit or 4)


def test_quiet_table_built_together(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A table of which nothing is said is built column by column, whole."""
    rows = [f"cb{n},Chi bộ thôn {n},Chi bộ trực thuộc,xa,01/01/1995," for n in range(1, 9)]
    folder = _write(tmp_path / "q", ["xa,Đảng bộ xã Tân Lập,Đảng bộ cơ sở,,,", *rows])
    built: list[int] = []
    named_column_records = _collect.named_column_records

    def spied(cls: type, columns: dict[str, list[object]], size: int) -> list[object] | None:
        got = named_column_records(cls, columns, size)
        built.append(-1 if got is None else len(got))
        return got

    monkeypatch.setattr(_collect, "named_column_records", spied)
    loaded = load_csv(folder, progress=False)
    # The organizations whole; the units before the second one's problem, then the third.
    assert built == [9, 1, 1]
    assert [o.id for o in loaded.dataset.organizations] == ["xa"] + [f"cb{n}" for n in range(1, 9)]
    assert [p.row for p in loaded.problems] == [3]  # the unit without a name
