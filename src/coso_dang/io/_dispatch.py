"""``load`` and ``dump``: pick the format from the path."""

from __future__ import annotations

import os
from collections.abc import Collection
from pathlib import Path

from coso_dang.dataset import Dataset
from coso_dang.errors import CosoDangError, UsageError
from coso_dang.io._paths import existing_path, wrong_kind
from coso_dang.io._problems import LoadResult
from coso_dang.io._reasons import N_
from coso_dang.io._schema import Headers
from coso_dang.io.csvio import dump_csv, load_csv
from coso_dang.io.jsonio import dump_json, load_json
from coso_dang.io.parquet import MAX_PARQUET_ROWS, dump_parquet, is_parquet_folder, load_parquet
from coso_dang.io.xlsx import MAX_XLSX_ELEMENTS, dump_xlsx, load_xlsx
from coso_dang.progress import Progress

__all__ = ["WORKBOOK_SUFFIXES", "dump", "load", "unknown_format"]

#: The suffixes of the workbooks :func:`load` reads: ``.xlsx``, and ``.xlsm`` (the same
#: parts, with macros that are never run).
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")

# Spreadsheets the loaders cannot read, which a clerk may well give: named, with the way out.
_OTHER_SPREADSHEETS = {
    ".xls": N_("Excel cũ (.xls)"),
    ".xlsb": N_("Excel nhị phân (.xlsb)"),
    ".ods": N_("LibreOffice (.ods)"),
}


def load(
    path: str | os.PathLike[str],
    *,
    strict: bool = False,
    validate: bool = False,
    progress: bool | Progress = True,
    max_rows: int | None = MAX_PARQUET_ROWS,
    max_elements: int | None = MAX_XLSX_ELEMENTS,
) -> LoadResult:
    """Load records from *path*, by its kind: ``.json``, ``.xlsx`` (or ``.xlsm``), ``.csv``
    or a folder.

    A folder holding ``.parquet`` files is read as Parquet (see
    :func:`~coso_dang.io.load_parquet`), any other folder as CSV files (see
    :func:`load_csv`). The keywords are those of every loader; *max_rows* goes to the
    Parquet loader and *max_elements* to the workbook's.

    Raises:
        CosoDangError: *path* is none of those kinds (an old ``.xls`` or an ``.ods``
            workbook is named as such, with the way out).
        PathError: *path* does not exist, or is a folder where a file is needed.
        UsageError: *path* is not a path.
        LoadError: as the loader for the kind raises.

    >>> import tempfile, pathlib
    >>> from coso_dang import Evaluation, Rating
    >>> data = Dataset(evaluations=[Evaluation("dv1", 2024, Rating.HTTNV)])
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = pathlib.Path(folder, "tinh.json")
    ...     dump(data, path)
    ...     load(path).dataset == data
    True
    """
    if not isinstance(path, (str, os.PathLike)):
        raise wrong_kind("load", "path", N_("một đường dẫn"), path)
    target = Path(path)
    suffix = target.suffix.lower()
    # A name without a suffix, or ending in .parquet, is a folder's (convert writes a
    # Parquet folder so named): missing, it is not found, not of an unknown format, as
    # load_frames says of it.
    if suffix in (".json", *WORKBOOK_SUFFIXES, ".csv", ".parquet", "") or target.exists():
        existing_path(path, "path", "load")
    if suffix == ".json":
        return load_json(target, strict=strict, validate=validate, progress=progress)
    if suffix in WORKBOOK_SUFFIXES:
        return load_xlsx(
            target, strict=strict, validate=validate, progress=progress, max_elements=max_elements
        )
    if target.is_dir() and is_parquet_folder(target):
        return load_parquet(
            target, strict=strict, validate=validate, progress=progress, max_rows=max_rows
        )
    if suffix == ".csv" or target.is_dir():
        return load_csv(target, strict=strict, validate=validate, progress=progress)
    raise unknown_format(target)


def unknown_format(target: Path) -> CosoDangError:
    """The error for a path :func:`load` cannot tell the format of (a spreadsheet it
    cannot read named as such, with the way out)."""
    suffix = target.suffix.lower()
    if suffix in _OTHER_SPREADSHEETS:
        reason = N_(
            "«{name}» là sổ tính {kind}, thư viện không đọc được; hãy mở bằng Excel hoặc "
            "LibreOffice và lưu lại dạng .xlsx (hoặc CSV UTF-8)",
            name=target.name,
            kind=_OTHER_SPREADSHEETS[suffix],
        )
    else:
        reason = N_(
            "không biết định dạng của «{name}»: cần tệp .json, tệp .xlsx, tệp .csv, thư mục "
            "tệp .csv hoặc thư mục tệp .parquet",
            name=target.name,
        )
    return CosoDangError(reason)


def dump(
    dataset: Dataset,
    path: str | os.PathLike[str],
    *,
    headers: Headers = "vi",
    overwrite: bool = True,
    verify: bool = False,
    tables: Collection[str] | None = None,
) -> None:
    """Write *dataset* to *path*: ``.json``, ``.xlsx``, a folder of ``.parquet`` tables
    (a folder named ``….parquet``, or one that holds Parquet tables already), or else a
    folder of CSV files.

    *headers* applies to CSV and workbooks (JSON always uses field names). Every write
    is atomic: *path* is replaced whole once the new file or folder is complete, or
    left as it was. With *overwrite* false an existing target is refused; with
    *verify* what was written is read back and must give the same records before it
    replaces *path*. *tables*: the tables the source held (:attr:`LoadResult.tables`),
    so that a table it did not hold is not written as one of no record (``None``: every
    table, each with its header even when empty).

    Raises:
        CosoDangError: *path* ends in ``.csv`` (a dataset needs four CSV files: give a
            folder) or another file suffix.
        WriteError: the target exists and may not be replaced (see the dumpers), or
            cannot be written.
    """
    if not isinstance(dataset, Dataset):
        raise UsageError("dump", "dataset", N_("một Dataset"), dataset)
    if not isinstance(path, (str, os.PathLike)):
        raise UsageError("dump", "path", N_("một đường dẫn"), path)
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix == ".json":
        dump_json(dataset, target, overwrite=overwrite, verify=verify, tables=tables)
    elif suffix == ".xlsx":
        dump_xlsx(
            dataset, target, headers=headers, overwrite=overwrite, verify=verify, tables=tables
        )
    elif suffix == ".parquet" or (target.is_dir() and is_parquet_folder(target)):
        dump_parquet(dataset, target, overwrite=overwrite, verify=verify, tables=tables)
    elif suffix == "" or target.is_dir():
        dump_csv(
            dataset, target, headers=headers, overwrite=overwrite, verify=verify, tables=tables
        )
    else:
        # Vietnamese first, as every message of the library: the clerk's own words.
        reason = (
            N_("một bộ dữ liệu được ghi thành nhiều tệp CSV: hãy cho một thư mục")
            if suffix == ".csv"
            else N_("cần tệp .json, tệp .xlsx, thư mục .parquet hoặc một thư mục (cho các tệp CSV)")
        )
        raise CosoDangError(
            N_("không ghi được «{name}»: {reason}", name=target.name, reason=reason)
        )
