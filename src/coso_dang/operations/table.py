"""A list an office prepares, as rows under Vietnamese headers: records, DataFrame, files.

Every list of :mod:`coso_dang.operations` gives a :class:`OfficeTable`; this module
writes it out. Files are written atomically: to a temporary file in the target's folder,
then moved over the target, so a failure never leaves half a file.
"""

from __future__ import annotations

import csv
from abc import ABC, abstractmethod
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from attrs import field, frozen

from coso_dang._atomic import atomic_file
from coso_dang.errors import CosoDangError, MissingExtraError
from coso_dang.i18n import N_
from coso_dang.io.csvio import neutralize_cell
from coso_dang.vi.dates import format_date
from coso_dang.vi.text import printable

__all__ = ["OfficeTable", "TableFormatError", "Tabled"]


class TableFormatError(CosoDangError, ValueError):
    """The output path is neither ``.csv`` nor ``.xlsx``."""


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "x" if value else ""
    if isinstance(value, date):
        return format_date(value, "numeric")
    return str(value)


def _csv_cell(value: object) -> str:
    """*value* as a CSV cell: a text (a name, a chi bộ) that a spreadsheet would run as a
    formula goes behind a ``'``, as :func:`~coso_dang.io.dump_csv` writes it.

    A control character or half of a UTF-16 pair is shown as "\ufffd", as the workbook
    shows it: the half stopped the file with Python's ``UnicodeEncodeError``.
    """
    text = _cell_text(value)
    return neutralize_cell(printable(text)) if isinstance(value, str) else text


def _rows(value: Sequence[Sequence[object]]) -> tuple[tuple[object, ...], ...]:
    return tuple(tuple(row) for row in value)


def _headers(value: Sequence[str]) -> tuple[str, ...]:
    return tuple(value)


@frozen(repr=False)
class OfficeTable:
    """A titled table: one row per entry, cells as values (dates stay dates).

    Its ``repr`` shows the title, the headers and how many rows, never a cell: the
    rows are members' personal data (a dues amount gives the income away, a reason
    for removal tells an absence).

    >>> t = OfficeTable("Danh sách", ("Mã", "Ngày"), [("dv1", date(2026, 9, 2))])
    >>> t
    OfficeTable(title='Danh sách', headers=('Mã', 'Ngày'), rows=<1 row(s)>)
    >>> t.records()
    [{'Mã': 'dv1', 'Ngày': datetime.date(2026, 9, 2)}]
    """

    title: str
    headers: tuple[str, ...] = field(converter=_headers)
    rows: tuple[tuple[object, ...], ...] = field(converter=_rows)

    def __repr__(self) -> str:
        return (
            f"OfficeTable(title={self.title!r}, headers={self.headers!r}, "
            f"rows=<{len(self.rows)} row(s)>)"
        )

    def records(self) -> list[dict[str, object]]:
        """One dict per row, keyed by the headers."""
        return [dict(zip(self.headers, row, strict=True)) for row in self.rows]

    def to_frame(self) -> Any:
        """A pandas DataFrame of the rows (needs the ``dataframe`` extra)."""
        try:
            import pandas as pd
        except ImportError as error:
            raise MissingExtraError("pandas", "dataframe", N_("một DataFrame")) from error
        return pd.DataFrame(list(self.rows), columns=list(self.headers))

    def write(self, path: Path | str) -> Path:
        """Write the table to *path*: ``.csv`` (UTF-8 with BOM, for Excel) or ``.xlsx``.

        A text that a spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@``) is
        written behind a ``'`` in CSV (see :func:`~coso_dang.io.csvio.neutralize_cell`)
        and as a text cell in a workbook.

        Raises:
            TableFormatError: another suffix.
            CosoDangError: ``.xlsx`` without the ``excel`` extra.
        """
        target = Path(path)
        suffix = target.suffix.lower()
        if suffix not in (".csv", ".xlsx"):
            raise TableFormatError(
                N_(
                    "không ghi được {name}: danh sách ghi ra tệp .csv hoặc .xlsx",
                    name=target.name,
                )
            )
        with atomic_file(target) as temporary:
            if suffix == ".csv":
                self._write_csv(temporary)
            else:
                self._write_xlsx(temporary)
        return target

    def _write_csv(self, path: Path) -> None:
        with path.open("w", encoding="utf-8-sig", newline="") as stream:
            writer = csv.writer(stream)
            writer.writerow(self.headers)
            for row in self.rows:
                writer.writerow([_csv_cell(cell) for cell in row])

    def _write_xlsx(self, path: Path) -> None:
        try:
            from openpyxl import Workbook
        except ImportError as error:
            raise MissingExtraError("openpyxl", "excel", N_("ghi tệp .xlsx")) from error
        book = Workbook()
        sheet = book.active
        sheet.title = "Danh sách"
        sheet.append([printable(self.title)])
        sheet.append(list(self.headers))
        for row in self.rows:
            sheet.append([_xlsx_cell(cell) for cell in row])
        for row_cells in sheet.iter_rows():
            for item in row_cells:
                if isinstance(item.value, str):
                    # openpyxl takes a text starting with "=" for a formula: a name typed
                    # "=HYPERLINK(…)" would run when the list is opened.
                    item.data_type = "s"
                elif isinstance(item.value, date):
                    item.number_format = "DD/MM/YYYY"
        book.save(path)


def _xlsx_cell(value: object) -> object:
    if isinstance(value, bool):
        return "x" if value else None
    if isinstance(value, str):
        # A control character in a name (ESC, BEL) is shown as "\ufffd": a workbook
        # cannot hold it, and openpyxl stopped the whole list on it.
        return printable(value)
    return value


class Tabled(ABC):
    """A list an office prepares, shown as one :class:`OfficeTable`: the table gives its
    records and its DataFrame."""

    __slots__ = ()

    @abstractmethod
    def table(self) -> OfficeTable:
        """The list as a table, with its Vietnamese title and headers."""

    def records(self) -> list[dict[str, object]]:
        """One dict per row, under the table's headers."""
        return self.table().records()

    def to_frame(self) -> Any:
        """The table as a pandas DataFrame (``dataframe`` extra)."""
        return self.table().to_frame()
