"""Empty templates for clerks: one CSV file per table and one workbook, Vietnamese headers."""

from __future__ import annotations

import csv
import errno
import io
import os
from pathlib import Path

from coso_dang._atomic import atomic_file
from coso_dang.dataset import Dataset
from coso_dang.errors import UsageError, WriteError
from coso_dang.io._reasons import N_
from coso_dang.io._schema import SCHEMAS, RecordSchema, schema_for

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
        raise UsageError("write_templates", "folder", N_("một đường dẫn"), folder)
    target = Path(folder)
    texts = {target / template_name(schema): _template_text(schema) for schema in SCHEMAS}
    book = target / WORKBOOK_TEMPLATE
    # Nothing is written over a file that holds more than a template: a clerk's filled-in
    # dang_vien.csv was emptied by running the command again in its folder.
    for path, text in texts.items():
        if path.exists() and (not path.is_file() or path.read_bytes() != text.encode("utf-8-sig")):
            raise WriteError(path, errno.EEXIST, _NOT_A_TEMPLATE)
    if workbook and book.exists() and not _empty_workbook(book):
        raise WriteError(book, errno.EEXIST, _NOT_A_TEMPLATE)
    _refuse_other_namings(target)
    written: list[Path] = []
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as error:  # a file where the folder should be, no permission, …
        raise WriteError(target, error.errno or errno.EIO, error.strerror or str(error)) from None
    for path, text in texts.items():
        with atomic_file(path) as temporary:
            temporary.write_bytes(text.encode("utf-8-sig"))
        written.append(path)
    if workbook:
        from coso_dang.io.xlsx import dump_xlsx

        dump_xlsx(Dataset(), book)
        written.append(book)
    return tuple(written)


def _refuse_other_namings(folder: Path) -> None:
    """Refuse a *folder* holding a table's CSV file under another of its names, or its
    Parquet file.

    A folder of data (``members.csv``, as ``convert`` writes it) given templates beside
    it held one table in two files, and no longer loaded ("thư mục có 2 tệp cho cùng
    một bảng"); a folder of Parquet tables held CSV files beside them, refused alike.

    Raises:
        WriteError: naming the template not written and the file already there.
    """
    try:
        entries = sorted(folder.iterdir()) if folder.is_dir() else []
    except OSError:  # a folder that cannot be listed: writing into it says why
        return
    for entry in entries:
        suffix = entry.suffix.lower()
        schema = schema_for(entry.stem) if suffix in (".csv", ".parquet") else None
        if schema is None:
            continue
        template = template_name(schema)
        other = entry.name != template and not _same_file(entry, folder / template)
        if suffix == ".parquet" or other:
            reason = N_(
                "thư mục đã có {name} cho cùng bảng này; thêm mẫu trống bên cạnh sẽ thành hai "
                "tệp cho một bảng: hãy chọn thư mục mới hoặc trống",
                name=entry.name,
            )
            raise WriteError(folder / template, errno.EEXIST, reason)


def _same_file(one: Path, other: Path) -> bool:
    """Two names of one file: ``Dang_vien.csv`` is ``dang_vien.csv`` on a case-blind disk."""
    try:
        return os.path.samefile(one, other)
    except OSError:  # the template is not there (yet)
        return False


#: Why an existing file is not replaced by a template.
_NOT_A_TEMPLATE = N_("đã có và chứa nhiều hơn một mẫu trống")


def _template_text(schema: RecordSchema) -> str:
    """The CSV template of *schema*: its header row, as Excel saves "CSV UTF-8"."""
    stream = io.StringIO(newline="")
    csv.writer(stream, lineterminator="\r\n").writerow(c.header for c in schema.columns)
    return stream.getvalue()


def _empty_workbook(path: Path) -> bool:
    """Whether *path* is a workbook without a record (a template, filled in or not)."""
    from coso_dang.errors import CosoDangError
    from coso_dang.io.xlsx import load_xlsx

    try:
        result = load_xlsx(path, progress=False)
    except (CosoDangError, OSError):
        return False
    return result.ok and not any(getattr(result.dataset, s.key) for s in SCHEMAS)
