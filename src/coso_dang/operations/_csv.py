"""Reading the office's small CSV registers: one record or one named problem per row.

Headers are matched without case or diacritics. A problem names the file, the row and
the column, never the value (the registers hold income and discipline).
"""

from __future__ import annotations

import csv
import os
import re
import stat
from collections.abc import Callable, Collection, Iterator, Mapping
from datetime import date
from fractions import Fraction
from pathlib import Path
from typing import Any, TypeVar

import attrs

from coso_dang._checks import refused_fields
from coso_dang.errors import (
    ArgumentTypeError,
    CosoDangError,
    ParseError,
    RecordError,
    RecordTypeError,
)
from coso_dang.i18n import N_, Figure, Reason
from coso_dang.io._schema import BadValueError, IdCodec
from coso_dang.io.csvio import (
    MAX_CSV_FIELD,
    LineTooLongError,
    bounded_lines,
    lift_csv_limit,
    line_limit,
)
from coso_dang.vi.dates import parse_date
from coso_dang.vi.numbers import parse_number
from coso_dang.vi.text import fold

Cell = Callable[[str, Callable[[str], Any]], Any]
# The loaders' reader of an id: a register's «Mã» is read as a table's id is.
_ID = IdCodec()
_R = TypeVar("_R")

#: A month or a day written year first (ISO 8601), as a spreadsheet exports a date cell.
_ISO_MONTH = re.compile(r"[0-9]{4}-[0-9]{1,2}(?:-[0-9]{1,2})?")


def digits(text: str) -> bool:
    """True when *text* is made of the digits 0–9 only.

    ``str.isdigit`` also takes superscripts ("²") and other scripts' digits, which
    ``int`` then refuses with Python's own message quoting the cell's value.
    """
    return text.isascii() and text.isdigit()


def month(text: str) -> date:
    """A month as the office writes it (3/2026, or a day of it: 1/3/2026), or as a
    spreadsheet exports a month or a date cell (2026-03, 2026-03-01)."""
    if _ISO_MONTH.fullmatch(text.strip()):
        # Year first: read in the office's order, "2026-03-01" became month 3 of year 1
        # and every row of such a file was refused as "không có thật".
        year, month, *day = (int(p) for p in text.strip().split("-"))
        if day:
            _real_day(year, month, day[0])
    else:
        parts = text.replace("-", "/").replace(".", "/").split("/")
        if len(parts) not in (2, 3) or not all(digits(p.strip()) for p in parts):
            raise ValueError(N_("cần tháng/năm, ví dụ 3/2026"))
        *day, month, year = (int(p) for p in parts)
        if day and 1 <= month <= 12 and 1930 <= year <= 9999:
            # A day of the month names it, but only a day it has: "x/3/2026" and
            # "31/2/2026" were read as March and February without a word, where the
            # same day written year first is refused.
            _real_day(year, month, day[0])
    if not 1 <= month <= 12 or not 1930 <= year <= 9999:
        raise ValueError(N_("tháng hoặc năm không có thật"))
    return date(year, month, 1)


def _real_day(year: int, month: int, day: int) -> None:
    try:
        date(year, month, day)
    except ValueError:
        raise ValueError(N_("tháng hoặc năm không có thật")) from None


#: The most digits of an amount: a thousand billion đồng has 16 (past 4.300, Python's own
#: "Exceeds the limit" came out as the reason).
_MONEY_DIGITS = 16


#: Thousands grouped by commas, as a spreadsheet in English writes them (6,235,001).
_COMMA_GROUPED = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+")


def money(text: str) -> int:
    """A whole amount in đồng, written the Vietnamese way (6.235.001, 6.235.001,00) or
    with commas between thousands (6,235,001).

    A decimal part is read as one and refused unless it is zero ("6.235.001,50"); a
    point before decimals ("6235001.00", as a spreadsheet in English writes them) is
    refused as unreadable, never read as thousands (623.500.100 đ).
    """
    cleaned = text.replace(" ", "").replace("\xa0", "").replace("đ", "")
    if sum(ch.isdigit() for ch in cleaned) > _MONEY_DIGITS:
        raise ValueError(N_("cần số tiền nguyên (đồng)"))
    if _COMMA_GROUPED.fullmatch(cleaned):
        return int(cleaned.replace(",", ""))
    value = parse_number(cleaned)  # a ParseError names the cell, not the value
    if value < 0 or value != int(value):
        raise ValueError(N_("cần số tiền nguyên (đồng)"))
    return int(value)


class FieldsRefusedError(RecordError):
    """A record refused as built from a row: the record's error, with what it was built
    from, so that every field it refuses can be named (see :func:`built`)."""

    def __init__(
        self, error: RecordError, record: type, args: tuple[Any, ...], fields: dict[str, Any]
    ) -> None:
        found = error.problem
        super().__init__(found.where, found.field, None, found.reason)
        self.problem = found
        self.error = error
        self.record = record
        self.args_given = args
        self.fields = fields


def built(record: type[_R], *args: Any, **fields: Any) -> _R:
    """``record(*args, **fields)``, built from a row's cells.

    A record stops at its first refused field: a row blank in «Mã» with a month out of
    range was said to be blank only, and once corrected refused again for the month.
    The error raised keeps what the record was built from, for :func:`read_rows` to
    name every field refused.

    Raises:
        FieldsRefusedError: the record refused the row.
    """
    try:
        return record(*args, **fields)
    except FieldsRefusedError:
        raise
    except RecordError as error:
        raise FieldsRefusedError(error, record, args, fields) from None


def _refused_fields(refused: FieldsRefusedError, unread: set[str]) -> list[RecordError]:
    """Every field of the record *refused* refuses (see :func:`refused_fields`)."""
    names = [a.name for a in attrs.fields(refused.record) if a.init]
    given = dict(zip(names, refused.args_given, strict=False)) | refused.fields
    return refused_fields(refused.record, given, unread)


class _UnreadableError(Exception):
    """The file cannot be read on: the problem says where and why."""


def _openable(path: Path) -> None:
    """Refuse *path* unless it is a regular file that can be read.

    Raises:
        _UnreadableError: it is missing, not readable, or a pipe or a device (opening a
            pipe waited for ever; a link to /dev/zero read until memory ran out).
    """
    try:
        mode = path.stat().st_mode
        if stat.S_ISREG(mode):
            with path.open("rb"):
                return
    except FileNotFoundError:
        raise _UnreadableError(N_("{name}: không tìm thấy tệp", name=path.name)) from None
    except PermissionError:
        raise _UnreadableError(N_("{name}: không có quyền đọc tệp", name=path.name)) from None
    except OSError:
        raise _UnreadableError(N_("{name}: không mở được tệp", name=path.name)) from None
    raise _UnreadableError(
        N_("{name}: không phải tệp thường (thư mục, thiết bị hay ống dẫn)", name=path.name)
    )


def _rows(
    path: Path, columns: Collection[str] = ()
) -> Iterator[tuple[int, int, dict[str, str], int]]:
    """Each row of *path*: the line of the file it starts on, the lines it spans, its
    cells by folded header, and how many cells it has past the header's holding text.

    A header holding none of the register's *columns* but «Mã» is refused: every row
    read as a member with nothing recorded.

    Raises:
        _UnreadableError: the file is not UTF-8, or the csv module refuses a row.
    """
    lift_csv_limit()  # else a cell past 131.072 characters raised csv.Error
    _openable(path)
    with path.open(encoding="utf-8-sig", newline="") as stream:
        # A line is read whole before csv splits it: without a bound, a file of one
        # line of gigabytes (no line break) was held in memory whole.
        reader = csv.reader(bounded_lines(stream, line_limit(MAX_CSV_FIELD)))
        try:
            given = next(reader, None)
            if not given or not any(name.strip() for name in given):
                raise _UnreadableError(
                    N_("{name}: tệp trống: không có dòng tiêu đề", name=path.name)
                )
            header = [fold(name) for name in given]
            if fold("Mã") not in header:
                # Every register is keyed by the member's id: without the column each row
                # was "member_id: không được để trống", the file's real fault unsaid. The
                # line is not quoted: a file without its header row has a member's row
                # (an income) there.
                raise _UnreadableError(
                    N_(
                        "{name}, dòng 1: dòng tiêu đề không có cột «Mã» (mã đảng viên)",
                        name=path.name,
                    )
                )
            facts = [column for column in columns if fold(column) != fold("Mã")]
            if facts and not any(fold(column) in header for column in facts):
                # Another file given for this register (the members table as --ho-so),
                # or its headers all misspelt: every member read as one with no badge
                # awarded, no discipline, and the list was made without a word.
                raise _UnreadableError(
                    N_(
                        "{name}, dòng 1: dòng tiêu đề không có cột nào của sổ này; cần "
                        "«Mã» và các cột {columns}",
                        name=path.name,
                        columns=", ".join(f"«{column}»" for column in facts),
                    )
                )
            twice = next(
                (
                    name
                    for index, name in enumerate(given)
                    if header[index] and header.index(header[index]) < index
                ),
                None,
            )
            if twice is not None:
                # The row's cells go by header name: the second column's replaced the
                # first's without a word.
                raise _UnreadableError(
                    N_(
                        "{name}, dòng 1: dòng tiêu đề có hai cột «{column}»; hãy giữ một cột",
                        name=path.name,
                        column=twice.strip(),
                    )
                )
            after = reader.line_num
            for cells in reader:
                if cells:  # a blank line is no row
                    row = dict(zip(header, (cell.strip() for cell in cells), strict=False))
                    beyond = sum(1 for cell in cells[len(header) :] if cell.strip())
                    yield after + 1, reader.line_num - after, row, beyond
                after = reader.line_num
        except UnicodeDecodeError:
            raise _UnreadableError(
                N_(
                    "{name}: tệp không phải UTF-8 (hãy lưu lại dưới dạng CSV UTF-8)",
                    name=path.name,
                )
            ) from None
        except LineTooLongError as error:
            limit = Figure.whole(error.limit)
            raise _UnreadableError(
                N_(
                    "{name}, dòng {row}: dòng dài hơn {limit} ký tự, quá giới hạn; phần còn "
                    "lại của tệp không được đọc",
                    name=path.name,
                    row=reader.line_num + 1,
                    limit=limit,
                )
            ) from None
        except csv.Error:
            raise _UnreadableError(
                N_(
                    "{name}, dòng {row}: dòng CSV hỏng; phần còn lại của tệp không được đọc",
                    name=path.name,
                    row=reader.line_num,
                )
            ) from None


def read_rows(
    path: str | os.PathLike[str],
    build: Callable[[dict[str, str], Cell], Any],
    columns: Mapping[str, str] | None = None,
) -> tuple[list[Any], list[str]]:
    """Each row of *path* built into a record by *build*, or its problems.

    *columns* gives the column each field of the record is read from: a record
    refused names it, as a cell that cannot be read does ("cột Tháng"), not the
    field ("month").
    """
    if not isinstance(path, str | os.PathLike):
        raise ArgumentTypeError(
            N_(
                "đường dẫn tệp phải là một str hoặc Path, không phải {kind}",
                kind=type(path).__name__,
            )
        )
    # A path given as text, the usual way, failed with "'str' object has no attribute
    # 'stat'".
    path = Path(path)
    records: list[Any] = []
    problems: list[str] = []
    try:
        for number, lines, row, beyond in _rows(path, tuple((columns or {}).values())):
            if lines > 1:
                # No column of a register holds several lines: a quote left open has
                # taken the rows after it into one cell (read on, they were lost).
                problems.append(
                    N_(
                        "{name}, dòng {row}: một ô kéo dài qua {lines} dòng của tệp (dấu ngoặc "
                        "kép đặt nhầm?); các dòng đó không được đọc",
                        name=path.name,
                        row=number,
                        lines=Figure.whole(lines),
                    )
                )
                continue
            if beyond:
                # Their cells have no column: dropped, they were lost without a word
                # (a comma typed in an amount, "5,000", shifts every cell after it).
                problems.append(
                    N_(
                        "{name}, dòng {row}: dòng có {cells} ô có chữ ngoài các cột của tiêu đề "
                        "(thừa dấu phân cách?); dòng không được đọc",
                        name=path.name,
                        row=number,
                        cells=beyond,
                    )
                )
                continue
            _read_row(path, number, row, build, records, problems, columns or {})
    except _UnreadableError as error:
        problems.append(_reason(error))
    return records, problems


def _reason(error: Exception) -> str:
    """*error*'s message, kept a :class:`~coso_dang.i18n.Reason` when written with
    ``N_`` (``--locale en`` shows it in English), else its text."""
    message = error.args[0] if len(error.args) == 1 else None
    return message if isinstance(message, Reason) else str(error)


def _at(path: Path, number: int, place: str, reason: str) -> str:
    """A problem of one row: the file, the row, the column (or field) and why."""
    return N_(
        "{name}, dòng {row}, {place}: {reason}",
        name=path.name,
        row=number,
        place=place,
        reason=reason,
    )


def _read_row(
    path: Path,
    number: int,
    row: dict[str, str],
    build: Callable[[dict[str, str], Cell], Any],
    records: list[Any],
    problems: list[str],
    columns: Mapping[str, str],
) -> None:
    """Row *number* of *path* built into one of *records*, or its *problems*: every
    cell that cannot be read and every field the record refuses, in column order."""
    bad: list[tuple[str, str]] = []

    def cell(
        header: str,
        read: Callable[[str], Any],
        row: dict[str, str] = row,
        bad: list[tuple[str, str]] = bad,
        number: int = number,
    ) -> Any:
        text = row.get(fold(header), "")
        if not text:
            return None
        try:
            return read(text)
        except ParseError:
            bad.append((header, _at(path, number, _column(header), N_("không đọc được giá trị"))))
            return None
        except (ValueError, CosoDangError) as error:
            bad.append((header, _at(path, number, _column(header), _reason(error))))
            return None

    try:
        record = build(row, cell)
    except RecordError as error:
        said = list(bad)
        unread = {fold(header) for header, _ in bad}
        refused: list[RecordError] = []
        if isinstance(error, FieldsRefusedError):
            skipped = {field for field, header in columns.items() if fold(header) in unread}
            refused = _refused_fields(error, skipped) or ([] if bad else [error.error])
        elif not bad:
            # A rule between fields, or a row given twice: said when nothing else is
            # (a cell that could not be read may be its cause).
            refused = [error]
        for one in refused:
            said.append(_refusal(path, number, row, columns, one))
        order = [fold(header) for header in columns.values()]
        problems.extend(
            told
            for _, told in sorted(
                said,
                key=lambda item: (
                    order.index(fold(item[0])) if fold(item[0]) in order else len(order)
                ),
            )
        )
        return
    problems.extend(told for _, told in bad)
    if not bad:
        records.append(record)


def _refusal(
    path: Path, number: int, row: dict[str, str], columns: Mapping[str, str], error: RecordError
) -> tuple[str, str]:
    """The column of a field the record refused, and the problem naming it (the
    record's own reason and field; its value is left out: income is personal)."""
    found = error.problem
    reason = found.reason
    header = columns.get(found.field)
    # An empty cell (or no such column) where a value is needed: the type check said
    # "phải là a date, không phải None", an amount's "phải là số tiền nguyên" as if
    # one had been written.
    empty = not row.get(fold(header), "") if header is not None else not found.value
    if empty and (header is not None or isinstance(error, RecordTypeError)):
        reason = N_("bắt buộc, không được để trống")
    # The column as the file names it: the record's field ("month", "member_id") is
    # English and no header of the file.
    place = found.field if header is None else _column(header)
    return (header or found.field, _at(path, number, place, reason))


def _column(header: str) -> str:
    return N_("cột {column}", column=header)


def day(text: str) -> date:
    """A day as the office writes it (16/6/2026)."""
    return parse_date(text)


def percent(text: str) -> Fraction:
    """A whole percentage: "50" or "50%"."""
    number = text.rstrip("%").strip()
    if not digits(number):
        raise ValueError(N_("cần phần trăm nguyên, ví dụ 50%"))
    return Fraction(int(number), 100)


def flag(text: str) -> bool:
    """A tick: "x", "có", "1" are yes; "không", "0" are no."""
    key = fold(text)
    if key in ("x", "co", "1", "true"):
        return True
    if key in ("khong", "0", "false"):
        return False
    raise ValueError(N_("cần x (có) hoặc để trống"))


def ident(cell: Cell) -> str:
    """The row's member id (column «Mã»), read as the loaders read an id (blank: "")."""
    found = cell("Mã", member_id)
    return "" if found is None else str(found)


def member_id(text: str) -> str:
    """A member id as the loaders read one (their :class:`~coso_dang.io._schema.IdCodec`):
    composed to NFC, a space other than the space bar's (a non-breaking one) as the
    space it shows.

    Raises:
        ValueError: it holds an invisible or control character (a zero-width space, a
            BOM, a NUL): it shows as an id it is not, and a payment or a record so
            keyed was of no member; or it is a number a spreadsheet rounded
            ("1,23457E+18"), its last digits lost, which the loaders refuse too.
    """
    try:
        return str(_ID.from_text(text))
    except BadValueError as error:
        raise ValueError(error.reason) from None
