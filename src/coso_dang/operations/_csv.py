"""Reading the office's small CSV registers: one record or one named problem per row.

Headers are matched without case or diacritics. A problem names the file, the row and
the column, never the value (the registers hold income and discipline).
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from datetime import date
from fractions import Fraction
from pathlib import Path
from typing import Any

from coso_dang.errors import CosoDangError, ParseError, RecordError
from coso_dang.vi.dates import parse_date
from coso_dang.vi.text import fold

Cell = Callable[[str, Callable[[str], Any]], Any]


def month(text: str) -> date:
    parts = text.replace("-", "/").replace(".", "/").split("/")
    if len(parts) == 3:
        parts = parts[1:]
    if len(parts) != 2 or not all(p.strip().isdigit() for p in parts):
        raise ValueError("cần tháng/năm, ví dụ 3/2026")
    month, year = int(parts[0]), int(parts[1])
    if not 1 <= month <= 12 or not 1930 <= year <= 9999:
        raise ValueError("tháng hoặc năm không có thật")
    return date(year, month, 1)


def money(text: str) -> int:
    digits = text.replace(".", "").replace(" ", "").replace("đ", "").replace(",", "")
    if not digits.isdigit():
        raise ValueError("cần số tiền nguyên (đồng)")
    return int(digits)


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as stream:
        reader = csv.DictReader(stream)
        return [{fold(k or ""): (v or "").strip() for k, v in row.items()} for row in reader]


def read_rows(
    path: Path, build: Callable[[dict[str, str], Cell], Any]
) -> tuple[list[Any], list[str]]:
    """Each row of *path* built into a record by *build*, or its problems."""
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
            except ParseError:
                bad.append(f"{path.name}, dòng {number}, cột {header}: không đọc được giá trị")
                return None
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


def day(text: str) -> date:
    """A day as the office writes it (16/6/2026)."""
    return parse_date(text)


def percent(text: str) -> Fraction:
    """A whole percentage: "50" or "50%"."""
    digits = text.rstrip("%").strip()
    if not digits.isdigit():
        raise ValueError("cần phần trăm nguyên, ví dụ 50%")
    return Fraction(int(digits), 100)


def flag(text: str) -> bool:
    """A tick: "x", "có", "1" are yes; "không", "0" are no."""
    key = fold(text)
    if key in ("x", "co", "1", "true"):
        return True
    if key in ("khong", "0", "false"):
        return False
    raise ValueError("cần x (có) hoặc để trống")


def ident(row: dict[str, str]) -> str:
    """The row's member id (column "Mã")."""
    return row.get(fold("Mã"), "")
