"""Empty templates for clerks: one CSV file per table and one workbook, Vietnamese headers."""

from __future__ import annotations

import csv
import errno
import os
from pathlib import Path

from coso_dang.dataset import Dataset
from coso_dang.errors import UsageError, WriteError
from coso_dang.io._schema import SCHEMAS, RecordSchema

__all__ = ["template_name", "write_templates"]

#: The workbook template's file name.
WORKBOOK_TEMPLATE = "mau.xlsx"


def template_name(schema: RecordSchema) -> str:
    """The Vietnamese file name of a table's CSV template (``dang_vien.csv``)."""
    return f"{schema.aliases[0]}.csv"


def write_templates(folder: str | os.PathLike[str], *, workbook: bool = True) -> tuple[Path, ...]:
    """Write empty templates in *folder*: a CSV file per table, and ``mau.xlsx``.

    Each has the Vietnamese header row the loaders read, and nothing else: fill in the
    rows and load the folder (or the workbook). CSV files are UTF-8 with a BOM and CRLF
    line ends, as Excel saves "CSV UTF-8". The workbook needs the ``excel`` extra; with
    ``workbook=False`` it is not written.

    Returns:
        The paths written.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     [p.name for p in write_templates(folder, workbook=False)][:4]
    ['to_chuc.csv', 'don_vi_dan_cu.csv', 'dang_vien.csv', 'danh_gia.csv']
    """
    if not isinstance(folder, (str, os.PathLike)):
        raise UsageError("write_templates", "folder", "a path", folder)
    target = Path(folder)
    written: list[Path] = []
    try:
        target.mkdir(parents=True, exist_ok=True)
        for schema in SCHEMAS:
            path = target / template_name(schema)
            with path.open("w", encoding="utf-8-sig", newline="") as stream:
                header = (c.header for c in schema.columns)
                csv.writer(stream, lineterminator="\r\n").writerow(header)
            written.append(path)
    except OSError as error:  # a file where the folder should be, no permission, …
        raise WriteError(target, error.errno or errno.EIO, error.strerror or str(error)) from None
    if workbook:
        from coso_dang.io.xlsx import dump_xlsx

        path = target / WORKBOOK_TEMPLATE
        dump_xlsx(Dataset(), path)
        written.append(path)
    return tuple(written)
