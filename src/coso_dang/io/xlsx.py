"""Excel workbooks (``.xlsx``): one sheet per record type, the same columns as CSV.

Needs the optional extra: ``pip install "coso-dang[excel]"`` (openpyxl). It is imported
only when a workbook is read or written. Formulas are never evaluated: a cell holding
one is read as the value Excel last saved for it.
"""

from __future__ import annotations

import errno
import os
import posixpath
import zipfile
from datetime import date
from pathlib import Path
from typing import IO, Any
from xml.etree import ElementTree

from coso_dang._atomic import atomic_file
from coso_dang._extras import require
from coso_dang.dataset import Dataset
from coso_dang.errors import CosoDangError, WriteError
from coso_dang.io._collect import (
    ABOUT_TITLES,
    Collector,
    TableReader,
    about_rows,
    is_about,
    load_error,
    read_about,
)
from coso_dang.io._problems import LoadResult
from coso_dang.io._reasons import N_
from coso_dang.io._schema import SCHEMAS, Headers, RecordSchema, schema_for
from coso_dang.io._verify import verify_read_back

__all__ = ["dump_xlsx", "load_xlsx"]

_DATE_FORMATS = {"vi": "DD/MM/YYYY", "fields": "YYYY-MM-DD"}
_SHEET_NAMES = (
    "Tổ chức, Đơn vị dân cư, Đảng viên, Đánh giá (hoặc organizations, units, members, evaluations)"
)


def _openpyxl() -> Any:
    """The openpyxl module, or a clear error telling how to install it."""
    return require("openpyxl", needed_for="reading and writing .xlsx files")


def load_xlsx(
    source: str | os.PathLike[str] | IO[bytes],
    *,
    strict: bool = False,
    validate: bool = False,
    progress: bool = True,
) -> LoadResult:
    """Load records from an Excel workbook, one sheet per record type.

    Sheets are known by their titles: ``Tổ chức``, ``Đơn vị dân cư``, ``Đảng viên``,
    ``Đánh giá``, or ``organizations``, ``units``, ``members``, ``evaluations`` (any
    case, with or without diacritics); a ``Thông tin`` (``about``) sheet gives the
    dataset's name and year (see :func:`dump_xlsx`). Headers, values and problems are as for
    :func:`load_csv`; cells Excel stores as dates, numbers or booleans are read as such.
    A problem's ``file`` names the sheet: ``"data.xlsx [Đảng viên]"``.

    Args:
        source: a path, or an open binary stream.
        strict: raise if there is any error (warnings alone do not raise).
        validate: also check the tree and the evaluations' subjects.
        progress: show a progress line on stderr when it is a terminal.

    Raises:
        MissingExtraError: openpyxl is not installed.
        LoadError: not a readable workbook, or with *strict*, any error.

    >>> import io
    >>> from coso_dang import Organization, OrgKind
    >>> data = Dataset([Organization("xa", "Đảng bộ xã Tân Lập", OrgKind.DANG_BO_CO_SO)])
    >>> buffer = io.BytesIO()
    >>> dump_xlsx(data, buffer)
    >>> load_xlsx(io.BytesIO(buffer.getvalue())).dataset == data
    True
    """
    openpyxl = _openpyxl()
    if isinstance(source, (str, os.PathLike)):
        name = Path(source).name
        start = 0
    else:
        name = os.path.basename(str(getattr(source, "name", "<stream>")))
        start = source.tell() if source.seekable() else 0
    try:
        workbook = openpyxl.load_workbook(source, read_only=True, data_only=True)
    except OSError:
        raise
    except Exception as error:
        reason = N_(
            "không phải tệp Excel .xlsx đọc được ({error})",
            error=f"{type(error).__name__}: {error}",
        )
        raise load_error(name, None, reason) from None
    collector = Collector(progress=progress, validate=validate)
    # openpyxl leaves out, without a word, a sheet whose part is missing from the zip.
    if not isinstance(source, (str, os.PathLike)):
        source.seek(start)
    for title, part in _missing_sheets(source, name):
        reason = N_(
            "sổ tính có trang này nhưng tệp .xlsx thiếu phần dữ liệu của nó ({part}): "
            "tệp bị sửa hoặc bị hỏng; trang này không được đọc",
            part=part,
        )
        collector.problem(f"{name} [{title}]", None, "", "", reason)
    try:
        sheets = [(schema_for(sheet.title), sheet) for sheet in workbook.worksheets]
        ranked = sorted(sheets, key=lambda pair: _rank(pair[0]))
        for schema, sheet in ranked:
            _read_sheet(collector, schema, sheet, name)
    finally:
        workbook.close()
    return collector.result(strict=strict)


_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def _missing_sheets(source: str | os.PathLike[str] | IO[bytes], name: str) -> list[tuple[str, str]]:
    """The sheets the workbook lists whose part is not in the zip: (title, part).

    openpyxl has already read these parts, so they parse; anything unexpected in them
    means the workbook cannot be trusted, and says so.
    """
    try:
        with zipfile.ZipFile(source) as archive:
            names = set(archive.namelist())
            workbook_part = "xl/workbook.xml"
            for rel in ElementTree.fromstring(archive.read("_rels/.rels")).iter(_RELS):
                if rel.get("Type", "").endswith("/officeDocument"):
                    workbook_part = rel.get("Target", workbook_part).lstrip("/")
            folder, base = posixpath.split(workbook_part)
            rels = archive.read(posixpath.join(folder, "_rels", base + ".rels"))
            targets = {
                rel.get("Id"): rel.get("Target", "")
                for rel in ElementTree.fromstring(rels).iter(_RELS)
            }
            missing = []
            for sheet in ElementTree.fromstring(archive.read(workbook_part)).iter(f"{_MAIN}sheet"):
                target = targets.get(sheet.get(_REL_ID), "")
                part = (
                    target.lstrip("/")
                    if target.startswith("/")
                    else posixpath.normpath(posixpath.join(folder, target))
                )
                if part not in names:
                    missing.append((sheet.get("name", ""), part))
            return missing
    except (KeyError, zipfile.BadZipFile, ElementTree.ParseError) as error:
        reason = N_(
            "không phải tệp Excel .xlsx đọc được ({error})",
            error=f"{type(error).__name__}: {error}",
        )
        raise load_error(name, None, reason) from None


def _rank(schema: RecordSchema | None) -> int:
    return len(SCHEMAS) if schema is None else SCHEMAS.index(schema)


def _read_sheet(collector: Collector, schema: RecordSchema | None, sheet: Any, name: str) -> None:
    label = f"{name} [{sheet.title}]"
    rows = sheet.iter_rows(values_only=True)
    if schema is None and is_about(sheet.title):
        read_about(collector, label, rows)
        return
    header = next(rows, None)
    if header is None:
        return
    if schema is None:
        if any(cell is not None for cell in header):
            reason = N_(
                "không biết trang tính này chứa gì; tên trang cần là {names}", names=_SHEET_NAMES
            )
            collector.problem(label, None, "", "", reason)
        return
    table = TableReader(collector, schema, label, header, typed=True)
    for number, cells in enumerate(rows, start=2):
        table.row(number, cells)
    table.finish()


def dump_xlsx(
    dataset: Dataset,
    target: str | os.PathLike[str] | IO[bytes],
    *,
    headers: Headers = "vi",
    overwrite: bool = True,
    verify: bool = False,
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
        overwrite: replace an existing file (else refuse it).
        verify: also load the workbook back before it replaces *target*, and refuse
            it unless it gives the same records.

    Raises:
        MissingExtraError: openpyxl is not installed.
        CosoDangError: a text holds a control character a workbook cannot store.
        WriteError: the path is a folder, exists with *overwrite* false, or the
            workbook written does not read back.
    """
    if headers not in ("vi", "fields"):
        raise ValueError(f"headers must be 'vi' or 'fields', not {headers!r}")
    openpyxl = _openpyxl()
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    from openpyxl.utils.exceptions import IllegalCharacterError

    workbook = openpyxl.Workbook(write_only=True)
    bold = Font(bold=True)
    date_format = _DATE_FORMATS[headers]
    for schema in SCHEMAS:
        if schema.optional and not getattr(dataset, schema.key):
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
                ident = getattr(record, "id", None) or getattr(record, "subject_id", "")
                raise CosoDangError(
                    f"{type(record).__name__} {ident!r}: a text holds a control character "
                    "a workbook cannot store"
                ) from None
    if dataset.name is not None or dataset.year is not None:
        about = workbook.create_sheet(ABOUT_TITLES[headers])
        about.column_dimensions["A"].width = max(20, len(dataset.name or "") + 2)
        first, second = about_rows(dataset.name, dataset.year, headers)
        about.append([_bold_cell(WriteOnlyCell, about, text, bold) for text in first])
        about.append([_text_cell(WriteOnlyCell, about, value) for value in second])
    if not isinstance(target, (str, os.PathLike)):
        workbook.save(target)
        return
    final = Path(target).resolve()

    def check(written: Path) -> None:
        _check_zip(written, final)
        if verify:
            verify_read_back(dataset, load_xlsx(written, progress=False), final)

    with atomic_file(final, overwrite=overwrite, check=check) as temporary:
        workbook.save(temporary)


def _check_zip(written: Path, final: Path) -> None:
    """Refuse a workbook whose zip is damaged (a part whose checksum is wrong)."""
    try:
        with zipfile.ZipFile(written) as archive:
            bad = archive.testzip()
    except (zipfile.BadZipFile, OSError) as error:
        raise WriteError(final, errno.EIO, f"the workbook written is not a zip ({error})") from None
    if bad is not None:
        raise WriteError(final, errno.EIO, f"the workbook written has a damaged part {bad!r}")


def _text_cell(cell_type: Any, sheet: Any, value: object) -> Any:
    """*value* as a cell; a text is a text cell even when it starts like a formula."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if not isinstance(value, str) or ILLEGAL_CHARACTERS_RE.search(value):
        # A control character is refused inside ``append``, which closes the sheet's
        # writer cleanly; refused here, it would leave the writer open.
        return value
    cell = cell_type(sheet, value=value)
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
        if isinstance(cell_value, str):
            row.append(_text_cell(cell_type, sheet, cell_value))
        elif isinstance(cell_value, date):
            cell = cell_type(sheet, value=cell_value)
            cell.number_format = date_format
            row.append(cell)
        else:
            row.append(cell_value)
    return row
