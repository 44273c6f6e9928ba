"""Reading the dues book from CSV: members' dues profiles and the payments made.

Two small files an office keeps beside its member data:

* profiles: ``Mã``, ``Đối tượng`` (a :class:`DuesCategory` label or code),
  ``Thu nhập`` (the income a rate applies to), ``Mức đóng`` (an amount the office
  sets), ``Miễn`` (a :class:`DuesExemption`), ``Giảm`` (30, 50 or 70),
  ``Giảm từ`` and ``Giảm đến`` (months, ``3/2026``);
* payments: ``Mã``, ``Tháng`` (``3/2026``), ``Số tiền``.

Every row becomes a record or a problem naming the file, the row, the column and the
reason; income and amounts are never quoted (they are personal).
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from datetime import date
from fractions import Fraction
from pathlib import Path
from typing import Any

from coso_dang.errors import CosoDangError, RecordError
from coso_dang.operations.dues import DuesCategory, DuesExemption, DuesProfile, Payment
from coso_dang.vi.text import fold

__all__ = ["read_payments", "read_profiles"]


def _month(text: str) -> date:
    parts = text.replace("-", "/").replace(".", "/").split("/")
    if len(parts) == 3:
        parts = parts[1:]
    if len(parts) != 2 or not all(p.strip().isdigit() for p in parts):
        raise ValueError("cần tháng/năm, ví dụ 3/2026")
    month, year = int(parts[0]), int(parts[1])
    if not 1 <= month <= 12 or not 1930 <= year <= 9999:
        raise ValueError("tháng hoặc năm không có thật")
    return date(year, month, 1)


def _money(text: str) -> int:
    digits = text.replace(".", "").replace(" ", "").replace("đ", "").replace(",", "")
    if not digits.isdigit():
        raise ValueError("cần số tiền nguyên (đồng)")
    return int(digits)


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as stream:
        reader = csv.DictReader(stream)
        return [{fold(k or ""): (v or "").strip() for k, v in row.items()} for row in reader]


def _read(
    path: Path, build: Callable[[dict[str, str], Callable[[str, Callable[[str], Any]], Any]], Any]
) -> tuple[list[Any], list[str]]:
    records: list[Any] = []
    problems: list[str] = []
    for number, row in enumerate(_rows(path), 2):
        bad: list[str] = []

        def cell(
            header: str,
            read: Callable[[str], Any],
            row: dict[str, str] = row,
            bad: list[str] = bad,
            number: int = number,
        ) -> Any:
            text = row.get(fold(header), "")
            if not text:
                return None
            try:
                return read(text)
            except (ValueError, CosoDangError) as error:
                bad.append(f"{path.name}, dòng {number}, cột {header}: {error}")
                return None

        try:
            record = build(row, cell)
        except RecordError as error:
            # The record's own reason and field; its value is left out (income is personal).
            if not bad:
                found = error.problem
                problems.append(f"{path.name}, dòng {number}, {found.field}: {found.reason}")
            problems.extend(bad)
            continue
        problems.extend(bad)
        if not bad:
            records.append(record)
    return records, problems


def read_profiles(path: Path) -> tuple[list[DuesProfile], list[str]]:
    """The dues profiles in *path*, and a problem per row that could not be read."""

    def build(row: dict[str, str], cell: Callable[[str, Callable[[str], Any]], Any]) -> Any:
        reduction = cell("Giảm", lambda t: Fraction(int(t.rstrip("%").strip()), 100))
        return DuesProfile(
            row.get(fold("Mã"), ""),
            cell("Đối tượng", DuesCategory.parse),
            income=cell("Thu nhập", _money),
            amount=cell("Mức đóng", _money),
            exemption=cell("Miễn", DuesExemption.parse),
            reduction_from=cell("Giảm từ", _month),
            reduction_until=cell("Giảm đến", _month),
            reduction=reduction,
        )

    return _read(path, build)


def read_payments(path: Path) -> tuple[list[Payment], list[str]]:
    """The payments in *path*, and a problem per row that could not be read."""

    def build(row: dict[str, str], cell: Callable[[str, Callable[[str], Any]], Any]) -> Any:
        return Payment(row.get(fold("Mã"), ""), cell("Tháng", _month), cell("Số tiền", _money))

    return _read(path, build)
