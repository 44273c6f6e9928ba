"""Excel workbooks (``.xlsx``): one sheet per record type, the same columns as CSV.

Writing needs the optional extra: ``pip install "coso-dang[excel]"`` (openpyxl), imported
only when a workbook is written; reading needs nothing beyond the standard library.
Formulas are never evaluated: a cell holding one is read as the value Excel last saved
for it, and one saved without a value is a problem.
"""

from __future__ import annotations

import contextlib
import errno
import io
import itertools
import os
import re
import zipfile
from collections.abc import Collection, Iterator
from datetime import date
from pathlib import Path
from typing import IO, Any

from coso_dang._atomic import atomic_file, real_path
from coso_dang._extras import require
from coso_dang.dataset import Dataset
from coso_dang.errors import ArgumentError, CosoDangError, UsageError, WriteError, record_where
from coso_dang.io._collect import (
    ABOUT_TITLES,
    HEADER_SEARCH_ROWS,
    Collector,
    TableReader,
    about_rows,
    continued_header,
    find_header,
    is_about,
    load_error,
    read_about,
    report_title,
    tables_named,
)
from coso_dang.io._paths import PathError, existing_file, wrong_kind
from coso_dang.io._problems import LoadError, LoadProblem, LoadResult, Severity
from coso_dang.io._reasons import N_, thousands
from coso_dang.io._schema import (
    SCHEMAS,
    Headers,
    RecordSchema,
    held_tables,
    schema_for,
    sheet_names,
)
from coso_dang.io._verify import (
    CELL_ERROR_WRITTEN,
    record_ident,
    refuse_field,
    refuse_split_ids,
    refuse_unread_ids,
    verify_read_back,
)
from coso_dang.io._xlsxparts import (
    CELL_ERRORS,
    EXCEL_ROWS,
    MAX_CELL_CHARS,
    MAX_XLSX_ELEMENTS,
    MAX_XLSX_PART_BYTES,
    MAX_XLSX_SHEETS,
    MAX_XLSX_STRINGS_BYTES,
    MAX_XLSX_TOTAL_BYTES,
    PartError,
    SheetInfo,
    Unreadable,
    Workbook,
)
from coso_dang.progress import Progress

__all__ = [
    "MAX_XLSX_ELEMENTS",
    "MAX_XLSX_PART_BYTES",
    "MAX_XLSX_SHEETS",
    "MAX_XLSX_STRINGS_BYTES",
    "MAX_XLSX_TOTAL_BYTES",
    "PathError",
    "dump_xlsx",
    "load_xlsx",
]

# Characters XML 1.0 has not and openpyxl lets through: halves of UTF-16 pairs, U+FFFE,
# U+FFFF (the control characters it refuses itself).
_NOT_XML = re.compile("[\ud800-\udfff\ufffe\uffff]")
_DATE_FORMATS = {"vi": "DD/MM/YYYY", "fields": "YYYY-MM-DD"}
# A text that reads as Excel's escape of a character (_x0041_ for "A"): its underscore is
# written escaped itself (_x005F_), as Excel writes it, or it loads back as "A". The
# underscore closing one such run may open the next ("_x005F_x0041_"): each is escaped.
_LOOKS_ESCAPED = re.compile("_(?=x[0-9A-Fa-f]{4}_)")
# The first day Excel's serial numbers count as the calendar does: before it, Excel
# counts a 29/02/1900 that never was, writes 30 and 31/12/1899 both as day 0, and shows
# earlier days (negative numbers) as "#####".
_FIRST_SERIAL_DAY = date(1900, 3, 1)
_TOO_LONG = N_(
    "một văn bản dài hơn {n} ký tự, mức một ô Excel chứa tối đa (hãy ghi dữ liệu này dưới "
    "dạng CSV, JSON hoặc Parquet)",
    n=thousands(MAX_CELL_CHARS),
)


class _TooLongError(Exception):
    """A text longer than a cell holds: openpyxl would cut it short without a word."""

    def __init__(self, field: str) -> None:
        super().__init__(field)
        self.field = field


_SHEET_NAMES = sheet_names()


def _openpyxl() -> Any:
    """The openpyxl module, or a clear error telling how to install it."""
    return require("openpyxl", needed_for=N_("đọc và ghi tệp .xlsx"))


def load_xlsx(
    source: str | os.PathLike[str] | IO[bytes],
    *,
    strict: bool = False,
    validate: bool = False,
    progress: bool | Progress = True,
    max_elements: int | None = MAX_XLSX_ELEMENTS,
) -> LoadResult:
    """Load records from an Excel workbook, one sheet per record type.

    Sheets are known by their titles: ``Tổ chức``, ``Đơn vị dân cư``, ``Đảng viên``,
    ``Đánh giá``, or ``organizations``, ``units``, ``members``, ``evaluations`` (any
    case, with or without diacritics); a ``Thông tin`` (``about``) sheet gives the
    dataset's name and year (see :func:`dump_xlsx`). Headers, values and problems are as for
    :func:`load_csv`; cells Excel stores as dates, numbers or booleans are read as such.
    A problem's ``file`` names the sheet: ``"data.xlsx [Đảng viên]"``.

    The sheet's XML is read as it stands (openpyxl is not needed to load): every cell
    present is read, whatever the sheet's declared size, and a cell far from the data
    costs no more than one beside it. What a workbook may hide is said, not passed over:

    - a formula saved without its computed value is an error on its row (formulas are
      never evaluated; one with a saved value is read as that value);
    - a hidden sheet is read, with a warning;
    - an identity or phone number typed as a number (its leading zeros lost) is not
      read, with a warning; a number whose format shows its leading zeros
      (``000000000000``) is read as the sheet shows it, in every column; one whose
      format writes text around it (``"DV"000`` shows 12 as ``DV012``) is read as
      shown in an id or text column, as its number in a number column;
    - a hidden row of data is read, with a warning;
    - a hidden column the table reads is read, with a warning when it holds data;
    - a title row above the header is skipped, with a warning;
    - a sheet whose XML breaks off or is malformed keeps the rows read before the break
      and names the row where reading stopped.

    No part may unzip to more than :data:`MAX_XLSX_PART_BYTES` (shared strings: more
    than :data:`MAX_XLSX_STRINGS_BYTES`), nor all the parts read together to more than
    :data:`MAX_XLSX_TOTAL_BYTES`, nor its sheets hold more than :data:`MAX_XLSX_ELEMENTS`
    XML elements together (the sheet where a limit is passed names the row where reading
    stopped), nor its shared strings number more than a sixth of that; a workbook may
    list at most :data:`MAX_XLSX_SHEETS` sheets, no two of them the same part.

    Args:
        source: a path, or an open binary stream.
        strict: raise if there is any error (warnings alone do not raise).
        validate: also check the tree and the evaluations' subjects.
        progress: show a progress line on stderr when it is a terminal (or give a
            :class:`~coso_dang.progress.Progress`: where, and whether).
        max_elements: the cap on the sheets' XML elements (:data:`MAX_XLSX_ELEMENTS`),
            and over six on the shared strings; ``None`` reads a large workbook from a
            trusted source whole, whatever it costs (one :func:`dump_xlsx` wrote from tens
            of thousands of members, say).

    Raises:
        MissingExtraError: openpyxl is not installed (writing only).
        LoadError: not a readable workbook (not a zip, a Word or PowerPoint file renamed,
            a part over its limit), or with *strict*, any error.
        PathError: *source* is a folder or does not exist.
        UsageError: *source* is neither a path nor a binary stream.

    >>> import io
    >>> from coso_dang import Organization, OrgKind
    >>> data = Dataset([Organization("xa", "Đảng bộ xã Tân Lập", OrgKind.DANG_BO_CO_SO)])
    >>> buffer = io.BytesIO()
    >>> dump_xlsx(data, buffer)
    >>> load_xlsx(io.BytesIO(buffer.getvalue())).dataset == data
    True
    """
    opened: str | IO[bytes]
    if isinstance(source, (str, os.PathLike)):
        path = existing_file(source, "source", "load_xlsx")
        name, opened = path.name, str(path)
    elif (
        hasattr(source, "read")
        and hasattr(source, "seek")
        and not isinstance(source, io.TextIOBase)
    ):
        name = os.path.basename(str(getattr(source, "name", "<stream>")))
        opened = source
    else:
        wanted = N_("một đường dẫn hoặc một luồng nhị phân")
        raise wrong_kind("load_xlsx", "source", wanted, source)
    try:
        workbook = Workbook(opened, max_elements=max_elements)
    except PartError as error:
        reason = N_("không đọc được tệp .xlsx: {reason}", reason=error.reason)
        raise load_error(name, None, reason) from None
    collector = Collector(progress=progress, validate=validate)
    try:
        _one_sheet_per_table(name, workbook.sheets)
        sheets = sorted(
            ((schema_for(sheet.title), sheet) for sheet in workbook.sheets),
            key=lambda pair: _rank(pair[0], pair[1].title),
        )
        for schema, sheet in sheets:
            _read_sheet(collector, workbook, schema, sheet, name)
    finally:
        workbook.close()
    return collector.result(strict=strict)


def _one_sheet_per_table(name: str, sheets: list[SheetInfo]) -> None:
    """Refuse a workbook holding one table in two sheets (``Đảng viên`` and ``members``),
    as a folder holding it in two files is refused: reading both would double its
    records.

    Raises:
        LoadError: naming every table held twice, with its sheets.
    """
    by_table = tables_named((sheet.title, sheet.title) for sheet in sheets)
    problems = [
        LoadProblem(
            name,
            None,
            "",
            "",
            N_(
                "sổ tính có {count} trang cho cùng một bảng ({sheets}); đọc tất cả sẽ làm "
                "trùng các bản ghi: hãy giữ một trang",
                count=len(titles),
                sheets=", ".join(f"«{title[:80]}»" for title in titles),
            ),
        )
        for titles in by_table.values()
        if len(titles) > 1
    ]
    if problems:
        raise LoadError(problems)


def _rank(schema: RecordSchema | None, title: str) -> int:
    """The order sheets are read in: the description first, then the schemas' order."""
    if schema is None:
        return -1 if is_about(title) else len(SCHEMAS)
    return SCHEMAS.index(schema)


def _read_sheet(
    collector: Collector,
    workbook: Workbook,
    schema: RecordSchema | None,
    sheet: SheetInfo,
    name: str,
) -> None:
    label = f"{name} [{sheet.title}]"
    if not workbook.present(sheet):
        reason = N_(
            "sổ tính có trang này nhưng tệp .xlsx thiếu phần dữ liệu của nó ({part}): "
            "tệp bị sửa hoặc bị hỏng; trang này không được đọc",
            part=sheet.part or "?",
        )
        collector.problem(label, None, "", "", reason)
        return
    rows = workbook.rows(sheet)
    try:
        if schema is None:
            _read_other(collector, rows, label, sheet.title)
            return
        header = _read_table(
            collector,
            rows,
            label,
            schema,
            sheet,
            workbook.hidden_rows(sheet),
            workbook.hidden_columns(sheet),
        )
        if header is not None:
            _merged_in_data(collector, workbook.merged(sheet), label, *header)
    except PartError as error:
        # The break may stand inside the row just read: that row is not all there.
        collector.retract(label, error.row or 1)
        reason = N_(
            "{reason}; trang tính không được đọc tiếp từ dòng {row}",
            reason=error.reason,
            row=error.row or 1,
        )
        collector.problem(label, error.row or 1, error.header, "", reason)


def _read_other(
    collector: Collector, rows: Iterator[tuple[int, dict[int, object]]], label: str, title: str
) -> None:
    """A sheet named for no record type: the description, or a problem if it holds data."""
    if is_about(title):
        read_about(collector, label, (_listed(cells) for _, cells in rows))
        return
    for _, cells in rows:
        # The first row holding something says the sheet holds data (rows of blank
        # cells, a space typed in A1, come before it).
        if any(not _blank(cell) for cell in cells.values()):
            reason = N_(
                "không biết trang tính này chứa gì; tên trang cần là {names}", names=_SHEET_NAMES
            )
            collector.problem(label, None, "", "", reason)
            return


def _read_table(
    collector: Collector,
    rows: Iterator[tuple[int, dict[int, object]]],
    label: str,
    schema: RecordSchema,
    sheet: SheetInfo,
    hidden: set[int],
    hidden_columns: list[range],
) -> tuple[int, dict[int, object]] | None:
    """Read the table; the number of the header's last row and the header's cells
    (``None``: an empty sheet).
    *hidden*: the numbers of the sheet's hidden rows, filled as they are read;
    *hidden_columns*: the ranges of its hidden columns, known once its first row is read."""
    if sheet.hidden:
        reason = N_("trang tính bị ẩn; dữ liệu của nó vẫn được đọc, hãy kiểm tra")
        collector.problem(label, None, "", "", reason, Severity.WARNING)
    top: list[tuple[int, dict[int, object]]] = []
    broken: PartError | None = None
    try:
        for number, cells in rows:
            if not all(_blank(cell) for cell in cells.values()):
                top.append((number, cells))
            # One row more than are searched: the header's second row, if it has one.
            if len(top) > HEADER_SEARCH_ROWS:
                break
    except PartError as error:  # the rows before the break are still read
        broken = error
    header = None
    if top:
        header = _read_rows(
            collector,
            rows if broken is None else iter(()),
            label,
            schema,
            top,
            hidden,
            hidden_columns,
        )
    if broken is not None:
        # A break inside a cell is named by the cell's column too (never its value).
        if header is not None and broken.column is not None:
            broken.header = str(header[1].get(broken.column) or "")
        raise broken
    return header


def _read_rows(
    collector: Collector,
    rows: Iterator[tuple[int, dict[int, object]]],
    label: str,
    schema: RecordSchema,
    top: list[tuple[int, dict[int, object]]],
    hidden: set[int],
    hidden_columns: list[range],
) -> tuple[int, dict[int, object]]:
    """Find the header among the *top* rows, then read them and the *rows* after; the
    number of the header's last row and its cells (a header may take two rows, see
    :func:`~coso_dang.io._collect.continued_header`).

    A hidden row of data is read, with a warning: a clerk hides (or filters out) the
    members who left, and they would count as members without a word. So is a hidden
    column the table reads, when it holds data: an old «Chi bộ» or «Ngày ra khỏi danh
    sách» hidden from view would decide the records unseen.
    """
    at = find_header(schema, [_listed(cells) for _, cells in top[:HEADER_SEARCH_ROWS]])
    header_row, header = top[at]
    for number, cells in top[:at]:
        report_title(collector, schema, label, number, _listed(header), _listed(cells))
    names: list[object] = _listed(header)
    header_end = header_row
    below = top[at + 1] if at + 1 < len(top) else None
    if below is not None and below[0] == header_row + 1:
        # A header over two rows: the columns grouped under a merged cell are named in
        # the second (read as data, its names were errors and its columns unread).
        continued = continued_header(schema, names, _listed(below[1]))
        if continued is not None:
            names, header_end, at = list(continued), below[0], at + 1
    table = TableReader(
        collector,
        schema,
        label,
        names,
        typed=True,
        header_row=header_row,
        header_end=header_end,
    )
    # The numbers of the rows read (a bit each): Excel writes a row once, and a second
    # row of one number (only an edited file has it) was read as another record at a
    # row a spreadsheet shows once.
    seen = bytearray(EXCEL_ROWS // 8 + 1)
    for number, _ in top[: at + 1]:
        _first_time(seen, number)
    # The hidden columns read, by position: their header, and the first row of data
    # each holds (looked for only until found, and only in a sheet that hides any).
    watched = {
        index: text
        for index, _column, text, _blank in sorted(table.slots, key=lambda slot: slot[0])
        if any(index in columns for columns in hidden_columns)
    }
    shown: dict[int, int] = {}
    try:
        for number, cells in itertools.chain(top[at + 1 :], rows):
            if collector.full(label):
                collector.stop(label, number)
                break
            if not all(_blank(cell) for cell in cells.values()) and not _first_time(seen, number):
                reason = N_(
                    "hai dòng cùng số {row} trong tệp (tệp bị sửa hoặc bị hỏng): bảng tính "
                    "chỉ hiện một; dòng sau không được đọc",
                    row=number,
                )
                collector.problem(label, number, "", "", reason)
                continue
            if number in hidden and not all(_blank(cell) for cell in cells.values()):
                collector.problem(label, number, "", "", _HIDDEN_ROW, Severity.WARNING)
            if len(shown) < len(watched):
                for index in watched:
                    if index not in shown and not _blank(cells.get(index)):
                        shown[index] = number
            table.cells(number, cells)
    except PartError as error:
        if error.column is not None and error.column < len(names):
            error.header = str(names[error.column] or "")
        raise
    finally:  # a sheet that breaks off still has its columns checked
        table.finish()
        for index, first in sorted(shown.items()):
            reason = N_(
                "cột bị ẩn nhưng có dữ liệu (từ dòng {row}); dữ liệu của nó vẫn được đọc, "
                "hãy kiểm tra",
                row=first,
            )
            collector.problem(label, header_row, watched[index], "", reason, Severity.WARNING)
    return header_end, dict(enumerate(names))


def _first_time(seen: bytearray, number: int) -> bool:
    """Whether row *number* is read for the first time (marked in *seen* if so)."""
    if not 0 < number <= EXCEL_ROWS:
        return True
    byte, bit = divmod(number, 8)
    if seen[byte] >> bit & 1:
        return False
    seen[byte] |= 1 << bit
    return True


_HIDDEN_ROW = N_("dòng bị ẩn (bằng tay hoặc bởi bộ lọc); dữ liệu của nó vẫn được đọc, hãy kiểm tra")


def _merged_in_data(
    collector: Collector,
    merged: list[tuple[int, int, int, int]],
    label: str,
    header_row: int,
    header: dict[int, object],
) -> None:
    """Warn of merged cells among the data rows: only the first cell holds the value.

    Excel shows the value across the merged cells, but stores it in the first one; the
    others are read as empty (a title merged above the header is not data).
    """
    for first_column, first_row, last_column, last_row in merged:
        if last_row <= header_row:
            continue
        start = max(first_row, header_row + 1)
        title = header.get(first_column)
        reason = N_(
            "ô gộp {ref}: Excel hiện giá trị trên cả vùng nhưng chỉ ô đầu giữ nó, các ô "
            "khác được đọc là trống; hãy bỏ gộp và điền từng dòng",
            ref=f"{_letters(first_column)}{first_row}:{_letters(last_column)}{last_row}",
        )
        column = "" if _blank(title) else str(title).strip()
        collector.problem(label, start, column, "", reason, Severity.WARNING)


def _letters(column: int) -> str:
    """Column 0 as ``A``, 26 as ``AA``."""
    from string import ascii_uppercase

    letters = ""
    column += 1
    while column:
        column, rest = divmod(column - 1, 26)
        letters = ascii_uppercase[rest] + letters
    return letters


def _listed(cells: dict[int, object]) -> list[object]:
    """A row's cells as a list up to its last cell (for the header and the description)."""
    if not cells:
        return []
    row: list[object] = [None] * (max(cells) + 1)
    for index, value in cells.items():
        row[index] = None if isinstance(value, Unreadable) else value
    return row


def _blank(cell: object) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def dump_xlsx(
    dataset: Dataset,
    target: str | os.PathLike[str] | IO[bytes],
    *,
    headers: Headers = "vi",
    overwrite: bool = True,
    verify: bool = False,
    tables: Collection[str] | None = None,
) -> None:
    """Write *dataset* as a workbook with one sheet per record type.

    With ``headers="vi"`` the sheets are ``Tổ chức``, ``Đơn vị dân cư``, ``Đảng viên``,
    ``Đánh giá`` with Vietnamese headers and labels; with ``"fields"`` they are named
    and headed by field names, with codes. The dataset's ``name`` and ``year``, when
    set, go in one more sheet, ``Thông tin`` (``about``): a header row
    (``Tên bộ dữ liệu``, ``Năm``) and one row of values. Dates are real dates, numbers real numbers,
    everything else text: a text starting with ``=``, ``+``, ``-`` or ``@`` (a dataset
    or organization name, any text cell) is stored as a text cell, never a formula, and
    reads back unchanged. :func:`load_xlsx` reads it back to the same records, under
    the same conditions on text as :func:`dump_csv`.

    A path is written whole or not at all: to a temporary file beside it, whose zip
    structure is checked (every part's checksum) before it replaces the target.

    Args:
        dataset: the records to write.
        target: a path, or a binary stream the workbook is written to.
        headers: ``"vi"`` (Vietnamese sheet names, headers and labels) or ``"fields"``.
        overwrite: replace an existing file (else refuse it).
        verify: also load the workbook back before it replaces *target*, and refuse
            it unless it gives the same records.
        tables: the tables the source held (:attr:`LoadResult.tables`): an empty
            table not among them gets no sheet, since a sheet of a header alone says
            the table was there with no row. ``None`` (default): every table.

    Raises:
        MissingExtraError: openpyxl is not installed.
        CosoDangError: a text holds a control character a workbook cannot store, is
            longer than a cell holds (32.767 characters), is a spreadsheet's error
            value such as ``#N/A`` (read back as that error), or is an id holding ``;``
            in ``into``.
        WriteError: the path is a folder, exists with *overwrite* false, or the
            workbook written does not read back.
    """
    if not isinstance(dataset, Dataset):
        raise UsageError("dump_xlsx", "dataset", N_("một Dataset"), dataset)
    if not isinstance(target, (str, os.PathLike)) and (
        not hasattr(target, "write") or isinstance(target, io.TextIOBase)
    ):
        raise UsageError("dump_xlsx", "target", N_("một đường dẫn hoặc một luồng nhị phân"), target)
    if headers not in ("vi", "fields"):
        raise ArgumentError(
            N_("headers phải là 'vi' hoặc 'fields', không phải {headers}", headers=repr(headers))
        )
    held = held_tables("dump_xlsx", tables)
    refuse_split_ids(dataset)
    refuse_unread_ids(dataset)
    openpyxl = _openpyxl()
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    from openpyxl.utils.exceptions import IllegalCharacterError

    workbook = openpyxl.Workbook(write_only=True)
    try:
        bold = Font(bold=True)
        date_format = _DATE_FORMATS[headers]
        for schema in SCHEMAS:
            if not schema.written(getattr(dataset, schema.key), held):
                continue
            sheet = workbook.create_sheet(schema.title if headers == "vi" else schema.key)
            names = [c.header if headers == "vi" else c.field for c in schema.columns]
            for position, text in enumerate(names, start=1):
                sheet.column_dimensions[get_column_letter(position)].width = max(12, len(text) + 2)
            sheet.freeze_panes = "A2"
            heading = []
            for text in names:
                cell = WriteOnlyCell(sheet, value=text)
                cell.font = bold
                heading.append(cell)
            sheet.append(heading)
            records: tuple[Any, ...] = getattr(dataset, schema.key)
            for record in records:
                try:
                    sheet.append(_row(WriteOnlyCell, sheet, schema, record, headers, date_format))
                except IllegalCharacterError:
                    _close_sheets(workbook)
                    raise CosoDangError(
                        N_(
                            "{where}: một văn bản chứa ký tự điều khiển (hoặc ký tự "
                            "khác XML không có) mà bảng tính không lưu được",
                            where=record_where(type(record).__name__, record_ident(record)),
                        )
                    ) from None
                except _TooLongError as error:
                    _close_sheets(workbook)
                    raise refuse_field(record, error.field, _TOO_LONG) from None
        if dataset.name is not None or dataset.year is not None:
            about = workbook.create_sheet(ABOUT_TITLES[headers])
            about.column_dimensions["A"].width = max(20, len(dataset.name or "") + 2)
            first, second = about_rows(dataset.name, dataset.year, headers)
            about.append([_bold_cell(WriteOnlyCell, about, text, bold) for text in first])
            try:
                about.append([_text_cell(WriteOnlyCell, about, value) for value in second])
            except IllegalCharacterError:
                _close_sheets(workbook)
                raise CosoDangError(
                    N_(
                        "tên của bộ dữ liệu chứa ký tự điều khiển (hoặc ký tự khác XML không "
                        "có) mà bảng tính không lưu được"
                    )
                ) from None
            except _TooLongError:
                _close_sheets(workbook)
                raise CosoDangError(N_("tên của bộ dữ liệu: {what}", what=_TOO_LONG)) from None
        if not isinstance(target, (str, os.PathLike)):
            workbook.save(target)
            return
        final = real_path(target)

        def check(written: Path) -> None:
            _check_zip(written, final)
            if verify:
                verify_read_back(dataset, load_xlsx(written, progress=False), final)

        with atomic_file(final, overwrite=overwrite, check=check) as temporary:
            workbook.save(temporary)

    except BaseException:
        # An error or Ctrl-C midway: end the sheets' writers now, or each one left
        # suspended prints a traceback on stderr when it is collected.
        _close_sheets(workbook)
        raise


def _close_sheets(workbook: Any) -> None:
    """End every write-only sheet's writer, so none is left to fail when collected.

    Each sheet streams its rows through a generator into a temporary file; one left
    suspended is closed by the garbage collector after the file, and says so on stderr.
    """
    for sheet in workbook.worksheets:
        rows = getattr(sheet, "_rows", None)
        if rows is not None:
            with contextlib.suppress(Exception):  # cleaning up after the error raised
                rows.close()
        writer = getattr(sheet, "_writer", None)
        if writer is not None:
            with contextlib.suppress(Exception):
                writer.close()


def _check_zip(written: Path, final: Path) -> None:
    """Refuse a workbook whose zip is damaged (a part whose checksum is wrong)."""
    try:
        with zipfile.ZipFile(written) as archive:
            bad = archive.testzip()
    except (zipfile.BadZipFile, OSError) as error:
        raise WriteError(
            final, errno.EIO, N_("sổ tính đã ghi không phải tệp zip ({error})", error=str(error))
        ) from None
    if bad is not None:
        raise WriteError(
            final, errno.EIO, N_("sổ tính đã ghi có phần {part} bị hỏng", part=repr(bad))
        )


def _text_cell(cell_type: Any, sheet: Any, value: object, field: str = "name") -> Any:
    """*value* as a cell; a text is a text cell even when it starts like a formula.

    Raises:
        _TooLongError: the text, as stored, is longer than a cell holds.
    """
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.utils.exceptions import IllegalCharacterError

    if isinstance(value, str) and _NOT_XML.search(value):
        # XML 1.0 has no such character: openpyxl would write a part no reader takes.
        raise IllegalCharacterError(value)
    if not isinstance(value, str) or ILLEGAL_CHARACTERS_RE.search(value):
        # A control character is refused inside ``append``, which closes the sheet's
        # writer cleanly; refused here, it would leave the writer open.
        return value
    # A carriage return is written as Excel writes it, _x000D_: XML reads a bare one as
    # a line feed ("a\r\nb" came back "a\nb").
    stored = _LOOKS_ESCAPED.sub("_x005F_", value).replace("\r", "_x000D_")
    if len(stored) > MAX_CELL_CHARS:
        raise _TooLongError(field)
    cell = cell_type(sheet, value=stored)
    cell.data_type = "s"  # text, never a formula
    return cell


def _bold_cell(cell_type: Any, sheet: Any, text: object, font: Any) -> Any:
    cell = cell_type(sheet, value=text)
    cell.font = font
    return cell


def _row(
    cell_type: Any,
    sheet: Any,
    schema: RecordSchema,
    record: Any,
    headers: Headers,
    date_format: str,
) -> list[object]:
    """One record as workbook cells."""
    row: list[object] = []
    for column in schema.columns:
        value = getattr(record, column.field)
        if value is None or value == ():
            row.append(None)
            continue
        cell_value = column.codec.to_cell(value, headers)
        if type(cell_value) is date and cell_value < _FIRST_SERIAL_DAY:
            cell_value = column.codec.to_text(value, headers)  # written as the day's text
        if isinstance(cell_value, str):
            if cell_value in CELL_ERRORS:
                # A text cell "#N/A" is read as the error it stands for, its row refused.
                raise refuse_field(record, column.field, CELL_ERROR_WRITTEN)
            row.append(_text_cell(cell_type, sheet, cell_value, column.field))
        elif isinstance(cell_value, date):
            cell = cell_type(sheet, value=cell_value)
            cell.number_format = date_format
            row.append(cell)
        else:
            row.append(cell_value)
    return row
