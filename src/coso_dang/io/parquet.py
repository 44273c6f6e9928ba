"""Parquet: a folder of ``.parquet`` tables, one per record type, for national data.

The tables have the names of the CSV folder's files (``organizations.parquet``,
``members.parquet``, …; the Vietnamese names ``dang_vien.parquet``, … are read too) and
typed columns named by field: dates as dates, yes/no as booleans, whole numbers as
integers, coded values as their codes. A column may also be named by any header the CSV
files accept, and a text column is read like a CSV cell, so a table made by another tool
loads with the same problems a CSV file would give. A cell of bytes, a list or a
structure, and a number that is none (NaN, infinity), is a problem of its row, never
read as its Python form (``b'dv1'``). The dataset's name and year are kept in every
table's file metadata (keys ``coso_dang.name`` and ``coso_dang.year``).

Reading and writing go through polars (the extra ``parquet``). A row number in a problem
counts as in a spreadsheet: the first data row is row 2.
"""

from __future__ import annotations

import datetime as _dt
import os
import re
from collections.abc import Collection, Iterator
from pathlib import Path
from typing import Any

from coso_dang._atomic import atomic_folder, real_path
from coso_dang._dataframes import VIETNAM_ZONE
from coso_dang.dataset import Dataset
from coso_dang.errors import CosoDangError
from coso_dang.io._collect import (
    NOT_AS_GIVEN,
    Collector,
    TableReader,
    about_year,
    is_about,
    load_error,
)
from coso_dang.io._footer import uncompressed_size
from coso_dang.io._frames import polars, records_frame
from coso_dang.io._paths import (
    LEFT_BESIDE,
    data_folder_guard,
    existing_path,
    left_beside,
    one_file_per_table,
    refuse_irregular_tables,
)
from coso_dang.io._problems import LoadResult, Severity
from coso_dang.io._reasons import N_, Reason, thousands
from coso_dang.io._schema import SCHEMAS, RecordSchema, file_names, held_tables, schema_for
from coso_dang.io._verify import (
    CELL_ERROR_WRITTEN,
    NOT_UNICODE,
    NOT_UNICODE_WRITTEN,
    refuse_field,
    refuse_split_ids,
    refuse_unread_ids,
    refuse_unstorable,
    verify_read_back,
)
from coso_dang.io._xlsxparts import CELL_ERRORS
from coso_dang.io.csvio import MAX_CSV_FIELD
from coso_dang.progress import Progress
from coso_dang.vi.dates import is_vietnam_zone

__all__ = [
    "MAX_PARQUET_ROWS",
    "MAX_PARQUET_ROWS_PER_BYTE",
    "METADATA_NAME",
    "METADATA_YEAR",
    "dump_parquet",
    "is_parquet_folder",
    "load_parquet",
    "parquet_row_limit",
    "parquet_tables",
    "tables_not_parquet",
]

#: The file-metadata key holding the dataset's name.
METADATA_NAME = "coso_dang.name"
#: The file-metadata key holding the dataset's year.
METADATA_YEAR = "coso_dang.year"

#: The most rows a Parquet table of unknown origin may hold: 500.000. Parquet stores a
#: million distinct rows in under a megabyte (dictionaries, repeated dates), and each row
#: read costs about a kilobyte and ten microseconds (a million: 11 s and 1,1 GB); a
#: national table, read on purpose, is loaded with ``max_rows=None``.
MAX_PARQUET_ROWS = 500_000
#: Whatever *max_rows* says, a table may not hold more than this many rows per byte of
#: its file beyond :data:`MAX_PARQUET_ROWS`. A table of one repeated value compresses to
#: almost nothing (five million rows in 36 KB, 139 rows a byte); real tables take more
#: room: the densest measured, evaluations with sequential ids and no ratings yet written
#: with pyarrow's delta encoding, about 10 rows a byte (polars' writer 1,5, the
#: library's 0,9).
MAX_PARQUET_ROWS_PER_BYTE = 32


#: The most bytes a Parquet table's data may take uncompressed (by its footer), unless
#: its file is more than a hundredth of that: :data:`MAX_PARQUET_RATIO` times the file.
#: Sixty names of 20 MB each compress to 39 KB, 1,2 GB decoded; a real table's columns
#: take a few times their file (dictionaries and runs are counted as stored).
MAX_PARQUET_UNCOMPRESSED = 64 * 1024 * 1024
#: How many times its file a table's uncompressed data may take, past
#: :data:`MAX_PARQUET_UNCOMPRESSED`.
MAX_PARQUET_RATIO = 100


def parquet_row_limit(size: int, max_rows: int | None = MAX_PARQUET_ROWS) -> int:
    """The most rows a Parquet file of *size* bytes may hold: *max_rows* (``None``: no
    such bound), and at most :data:`MAX_PARQUET_ROWS_PER_BYTE` rows a byte."""
    dense = max(MAX_PARQUET_ROWS, MAX_PARQUET_ROWS_PER_BYTE * size)
    return dense if max_rows is None else min(max_rows, dense)


_NEEDED_FOR = "Parquet"
# A reason of its own: its "hoặc" stayed Vietnamese in the English line.
_KNOWN_NAMES = file_names(".parquet")


def is_parquet_folder(path: Path) -> bool:
    """Whether *path* is a folder holding ``.parquet`` files (and so read as Parquet)."""
    # A table's file that is no regular file (a pipe, a folder) makes it Parquet too:
    # reading it as CSV said "no CSV file", never which file could not be read.
    return path.is_dir() and any(
        p.suffix.lower() == ".parquet"
        and not left_beside(p.name)
        and (p.is_file() or _table_name(p.stem))
        for p in path.iterdir()
    )


def _table_name(stem: str) -> bool:
    return schema_for(stem) is not None


def parquet_tables(folder: str | os.PathLike[str]) -> list[tuple[Path, RecordSchema | None]]:
    """The ``.parquet`` files of *folder* in the order they are read, with their table.

    A file whose name is no table comes with ``None``.

    Raises:
        PathError: *folder* does not exist.
        LoadError: it holds no ``.parquet`` file, or two files for one table.
    """
    path = existing_path(folder, "source", "load_parquet")
    refuse_irregular_tables(path, ".parquet", _table_name)
    files = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() == ".parquet")
    if all(left_beside(file.name) for file in files):
        reason = N_("thư mục không có tệp Parquet nào; cần {names}", names=_KNOWN_NAMES)
        raise load_error(path.name, None, reason)
    # A CSV table beside them is not read (the folder is read as Parquet): its rows were
    # lost without a word, and `validate` said "no errors".
    tables = sorted(
        p.name
        for p in path.iterdir()
        if p.is_file()
        and p.suffix.lower() == ".csv"
        and (schema_for(p.stem) is not None or is_about(p.stem))
    )
    if tables:
        reason = N_(
            "thư mục có cả tệp Parquet và tệp CSV của bảng ({files}); thư mục được đọc là "
            "Parquet nên tệp CSV không được đọc: hãy để mỗi loại một thư mục",
            files=", ".join(tables),
        )
        raise load_error(path.name, None, reason)
    by_table: dict[str, list[str]] = {}
    for file in files:
        schema = schema_for(file.stem)
        if schema is not None:
            by_table.setdefault(schema.key, []).append(file.name)
    one_file_per_table(path, by_table)

    def rank(file: Path) -> int:
        schema = schema_for(file.stem)
        return len(SCHEMAS) if schema is None else SCHEMAS.index(schema)

    return [
        (file, None if left_beside(file.name) else schema_for(file.stem))
        for file in sorted(files, key=rank)
    ]


#: Days from 1970-01-01 to the first and the last date Python holds (years 1 to 9999): a
#: Parquet date beyond them has no ``date`` (polars raises, or panics farther out).
_FIRST_DAY = (_dt.date(1, 1, 1) - _dt.date(1970, 1, 1)).days
_LAST_DAY = (_dt.date(9999, 12, 31) - _dt.date(1970, 1, 1)).days
#: Units of a Parquet timestamp in a day.
_PER_DAY = {"ms": 86_400 * 10**3, "us": 86_400 * 10**6, "ns": 86_400 * 10**9}
#: The range of a timestamp's integer (nanoseconds cover the years 1677 to 2262 only).
_INT64 = (-(2**63), 2**63 - 1)
#: The text read in place of a date beyond them: it is no date, so its row is a problem
#: naming the column (the value itself, often millions of days, says nothing).
OUT_OF_CALENDAR = "ngoài lịch (năm 1–9999)"


def _in_calendar(pl: Any, frame: Any) -> Any:
    """*frame* with every date or timestamp column holding a value beyond the years 1 to
    9999 turned to text: such a value as :data:`OUT_OF_CALENDAR`, the others as ISO dates."""
    for name, dtype in frame.schema.items():
        if dtype == pl.Date:
            low, high = _FIRST_DAY, _LAST_DAY
        elif isinstance(dtype, pl.Datetime):
            # A day of margin: a time zone may move the date across the edge.
            per_day = _PER_DAY.get(dtype.time_unit or "us", _PER_DAY["us"])
            low = max((_FIRST_DAY + 1) * per_day, _INT64[0])
            high = min((_LAST_DAY - 1) * per_day, _INT64[1])
        else:
            continue
        physical = frame.get_column(name).to_physical()
        outside = (physical < low) | (physical > high)
        if not outside.any():
            continue
        kept = frame.get_column(name).set(outside, None)
        if dtype != pl.Date:
            if is_vietnam_zone(dtype.time_zone):  # Vietnam's wall clock (see vietnam_day)
                kept = kept.dt.replace_time_zone(None)
            elif dtype.time_zone is not None:  # a moment's day is its day in Vietnam (UTC+7)
                kept = kept.dt.convert_time_zone(VIETNAM_ZONE)
            kept = kept.dt.date()
        text = kept.cast(pl.String).set(outside, OUT_OF_CALENDAR)
        frame = frame.with_columns(text.alias(name))
    return frame


def read_table(
    collector: Collector, file: Path, max_rows: int | None = MAX_PARQUET_ROWS
) -> tuple[list[str], Any] | None:
    """The header of one table and its polars frame, whose columns are named by their
    place (``c0``, ``c1``…); the table's name and year go to *collector*.

    A header is the file's text: polars reads a column name such as ``^.*$`` as a
    pattern and ``*`` as every column, and a lookup by such a name crashed the load. The
    frame's own names are never a header (a rename, which copies nothing).

    A table of more rows than :func:`parquet_row_limit` allows for its file (with
    *max_rows*) is not read: a problem names it, and ``None`` is returned.

    Raises:
        LoadError: the file is not a readable Parquet file.
    """
    pl = polars(_NEEDED_FOR)
    try:
        # The count is in the file's footer: nothing is decoded to know it.
        rows = pl.scan_parquet(file).select(pl.len()).collect().item()
        size = file.stat().st_size
        limit = parquet_row_limit(size, max_rows)
        if rows > limit:
            if limit == max_rows:
                reason = N_(
                    "bảng có {rows} dòng, quá giới hạn {limit} dòng của một tệp không rõ "
                    "nguồn; không đọc dòng nào (dữ liệu lớn tin cậy: max_rows=None, hoặc "
                    "--khong-gioi-han trên dòng lệnh)",
                    rows=thousands(rows),
                    limit=thousands(limit),
                )
            else:
                reason = N_(
                    "bảng có {rows} dòng trong tệp {size} byte, quá giới hạn {limit} dòng "
                    "của một tệp cỡ này (dày đặc hơn mọi bảng thật đã đo); không đọc dòng "
                    "nào",
                    rows=thousands(rows),
                    size=thousands(size),
                    limit=thousands(limit),
                )
            collector.problem(file.name, None, "", "", reason)
            return None
        unpacked = uncompressed_size(file)
        allowed = max(MAX_PARQUET_UNCOMPRESSED, MAX_PARQUET_RATIO * size)
        if unpacked is not None and unpacked > allowed:
            reason = N_(
                "dữ liệu của bảng giải nén ra {unpacked} MiB từ tệp {size} byte, quá giới hạn "
                "{limit} MiB (tệp bom nén?); không đọc dòng nào",
                unpacked=thousands(unpacked // (1024 * 1024)),
                size=thousands(size),
                limit=thousands(allowed // (1024 * 1024)),
            )
            collector.problem(file.name, None, "", "", reason)
            return None
        frame = pl.read_parquet(file)
        header = list(frame.columns)
        frame.columns = [f"c{index}" for index in range(frame.width)]
        frame = _in_calendar(pl, frame)
        metadata = pl.read_parquet_metadata(file)
    except (OSError, pl.exceptions.PolarsError) as error:
        raise load_error(file.name, None, _unread_reason(error)) from None
    except pl.exceptions.PanicException as error:
        # polars panics, past any `except Exception`, on a timestamp whose time zone it
        # does not know ("Z", "+07", "ICT"): the command line printed a Rust traceback.
        raise load_error(file.name, None, _panic_reason(str(error))) from None
    name = metadata.get(METADATA_NAME)
    if name:
        collector.about.setdefault("name", name)
    year = metadata.get(METADATA_YEAR, "").strip()
    if year and "year" not in collector.about:
        if year.isascii() and year.isdigit() and len(year) < 10:
            about_year(collector, file.name, None, METADATA_YEAR, int(year))
        else:  # "2024.0", "năm 2024": named, as in a CSV or workbook, not dropped unsaid
            reason = N_("năm phải là số nguyên")
            collector.problem(file.name, None, METADATA_YEAR, year[:40], reason)
    return header, frame


_UNKNOWN_ZONE = re.compile(r"unable to parse time zone: '([^']{0,40})'")
_TWICE_NAMED = re.compile(r"column with name '([^']{0,40})' has more than one occurrence")


def _unread_reason(error: BaseException) -> Reason:
    """Why polars could not read a file, from the error it raised."""
    twice = _TWICE_NAMED.search(str(error))
    if twice is None:
        return N_("không đọc được tệp Parquet ({error})", error=type(error).__name__)
    # Columns of one name (pyarrow and Spark write them): polars reads no such file, and
    # its "DuplicateError" told a clerk nothing.
    return N_(
        "không đọc được tệp Parquet: có nhiều cột cùng tên «{name}»; hãy đổi tên hoặc bỏ "
        "bớt các cột đó rồi ghi lại tệp",
        name=twice.group(1),
    )


def _panic_reason(message: str) -> Reason:
    """Why polars could not read a file, from the message of its panic."""
    zone = _UNKNOWN_ZONE.search(message)
    if zone is None:
        return N_("không đọc được tệp Parquet (trình đọc polars bị lỗi khi đọc tệp)")
    return N_(
        "không đọc được tệp Parquet: một cột ngày giờ ghi múi giờ «{zone}» mà trình đọc "
        "không biết; hãy ghi lại cột đó không kèm múi giờ, hoặc với múi giờ như UTC, "
        "+07:00 hay Asia/Ho_Chi_Minh",
        zone=zone.group(1),
    )


def tables_not_parquet(collector: Collector, folder: Path) -> None:
    """Name each file of *folder* named for a table but neither ``.parquet`` nor ``.csv``
    (``danh_gia.xlsx``, ``dang_vien.json`` beside the Parquet tables): it is not read,
    and its table was missing without a word, where a CSV folder names such a file."""
    for path in sorted(folder.iterdir()):
        suffix = path.suffix.lower()
        if suffix in ("", ".parquet", ".csv") or not path.is_file():
            continue  # a table's CSV file is refused whole by parquet_tables
        if schema_for(path.stem) is not None:
            reason = N_(
                "tệp mang tên một bảng nhưng không phải tệp .parquet; không được đọc (hãy "
                "chuyển sang Parquet với tên {name}.parquet)",
                name=path.stem,
            )
            collector.problem(path.name, None, "", "", reason)


def unknown_table(collector: Collector, file: Path) -> None:
    """Name a file whose name is no table (it is not read): an error, or a warning for a
    file a program leaves beside a table (see :func:`~coso_dang.io._paths.left_beside`)."""
    if left_beside(file.name):
        collector.problem(file.name, None, "", "", LEFT_BESIDE, Severity.WARNING)
        return
    reason = N_("không biết tệp này chứa gì; tên tệp cần là {names}", names=_KNOWN_NAMES)
    collector.problem(file.name, None, "", "", reason)


def read_rows(
    collector: Collector, schema: RecordSchema, name: str, header: list[str], frame: Any
) -> None:
    """Read every row of *frame* (columns under *header*, see :func:`read_table`) as a
    workbook row (typed cells) into *collector*."""
    table = TableReader(collector, schema, name, header, typed=True)
    frame, too_long = _long_cells(frame, header)
    plain = _plain_texts(frame, table)
    # A slice of rows at a time, column by column: most rows read as their cells say,
    # without a word, and are built at once (TableReader.plain_rows); the others are
    # read cell by cell. A slice bounds the Python values held at once.
    for start in range(0, frame.height, _SLICE_ROWS):
        part = frame.slice(start, _SLICE_ROWS)
        columns = [part.to_series(i).to_list() for i in range(part.width)]
        given = _given(plain.slice(start, _SLICE_ROWS)) if plain is not None else None
        read_plain = table.plain_rows(start + 2, columns, given)
        built = table.quiet_records(start + 2, read_plain) if read_plain is not None else None
        for at in range(part.height):
            number = start + at + 2
            if collector.full(name):
                collector.stop(name, number)
                table.finish()
                return
            over = too_long.get(number - 2)
            if over is not None:
                column, length = over
                reason = N_(
                    "ô dài {length} ký tự, quá giới hạn {limit} ký tự; dòng không được đọc",
                    length=thousands(length),
                    limit=thousands(MAX_CSV_FIELD),
                )
                collector.problem(name, number, column, "", reason)
                continue
            record = built[at] if built is not None else None
            if record is not None:
                table.add(number, record)
                continue
            read = read_plain[at] if read_plain is not None else None
            if read is not None:
                table.plain(number, read)
                continue
            cells = {i: cells[at] for i, cells in enumerate(columns) if cells[at] is not None}
            table.cells(number, cells)
    table.finish()


#: The rows :func:`read_rows` turns into Python values at once.
_SLICE_ROWS = 1 << 13


def _plain_texts(frame: Any, table: TableReader) -> Any:
    """For the text columns of *frame* whose plain cells *table* reads as they are (see
    :meth:`TableReader.as_given`): whether each cell is one, a column of booleans named
    by the column's index; ``None`` when there is no such column.

    Ids and names are mostly each unique, so remembering what a value reads as spares
    nothing for them: told plain here, column by column, they are not looked at one by
    one.
    """
    pl = polars(_NEEDED_FOR)
    patterns = table.as_given()
    asked = [
        (pl.col(name).str.contains(patterns[index]) & ~pl.col(name).str.contains(NOT_AS_GIVEN))
        .fill_null(False)
        .alias(str(index))
        for index, (name, kind) in enumerate(frame.schema.items())
        if index in patterns and kind == pl.String
    ]
    return frame.select(asked) if asked else None


def _given(plain: Any) -> dict[int, list[bool] | None]:
    """What :meth:`TableReader.plain_rows` is given of a slice of :func:`_plain_texts`:
    by column index, each cell's flag, ``None`` for a column of plain cells alone."""
    return {
        int(flags.name): None if flags.all() else flags.to_list() for flags in plain.iter_columns()
    }


def _long_cells(frame: Any, header: list[str]) -> tuple[Any, dict[int, tuple[str, int]]]:
    """*frame* with its text cells past :data:`MAX_CSV_FIELD` characters emptied, and
    for each row holding one, the first such column (its text in *header*) and its
    length.

    A dictionary stores a long text once for every row repeating it: 300 names of 5 MB
    took 2 KB, and reading the rows as Python text took 1,5 GB (polars panicked when
    memory ran out). The lengths are measured in polars, before any row is read.
    """
    pl = polars(_NEEDED_FOR)
    # Text kept as categories (Categorical, Enum) too: a dictionary of such columns
    # stores a long name once as well, and it was read whole, past the limit, unsaid.
    # Measured on the categories, never spelt out for every row.
    length = {
        column: pl.col(column).str.len_chars()
        if kind == pl.String
        else pl.col(column).cat.len_chars()
        for column, kind in frame.schema.items()
        if kind == pl.String or isinstance(kind, (pl.Categorical, pl.Enum))
    }
    texts = list(length)
    if not texts:
        return frame, {}
    lengths = frame.select(length.values())
    long_rows = lengths.with_row_index("_row").filter(
        pl.any_horizontal(pl.col(texts) > MAX_CSV_FIELD)
    )
    if long_rows.is_empty():
        return frame, {}
    found: dict[int, tuple[str, int]] = {}
    place = {column: index for index, column in enumerate(frame.columns)}
    for row in long_rows.iter_rows(named=True):
        column = next(c for c in texts if (row[c] or 0) > MAX_CSV_FIELD)
        found[row["_row"]] = (header[place[column]], row[column])
    emptied = frame.with_columns(
        pl.when(measure > MAX_CSV_FIELD).then(None).otherwise(pl.col(column)).alias(column)
        for column, measure in length.items()
    )
    return emptied, found


def load_parquet(
    source: str | os.PathLike[str],
    *,
    strict: bool = False,
    validate: bool = False,
    progress: bool | Progress = True,
    max_rows: int | None = MAX_PARQUET_ROWS,
) -> LoadResult:
    """Load records from a folder of ``.parquet`` tables (see :func:`dump_parquet`).

    Every row is read as :func:`~coso_dang.io.load_xlsx` reads a typed workbook row: the
    same headers, codes, spellings and problems. The keywords are those of every loader;
    *max_rows* bounds each table (:data:`MAX_PARQUET_ROWS`; ``None`` for a national
    table read on purpose).

    Raises:
        MissingExtraError: polars is not installed (the extra ``parquet``).
        PathError: *source* does not exist.
        UsageError: *source* is not a path.
        LoadError: the folder holds no Parquet file, a file is not Parquet, or with
            *strict*, any error.

    >>> import tempfile
    >>> from coso_dang import Evaluation, Rating
    >>> data = Dataset(evaluations=[Evaluation("dv1", 2024, Rating.HTTNV)], year=2024)
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     _ = dump_parquet(data, folder)
    ...     load_parquet(folder).dataset == data
    True
    """
    collector = Collector(progress=progress, validate=validate)
    tables = parquet_tables(source)
    tables_not_parquet(collector, Path(source))
    for file, schema in tables:
        if schema is None:
            unknown_table(collector, file)
            continue
        table = read_table(collector, file, max_rows)
        if table is not None:
            read_rows(collector, schema, file.name, *table)
    return collector.result(strict=strict)


def _is_data_file(path: Path) -> bool:
    return (
        path.is_file() and path.suffix.lower() == ".parquet" and schema_for(path.stem) is not None
    )


def dump_parquet(
    dataset: Dataset,
    folder: str | os.PathLike[str],
    *,
    overwrite: bool = True,
    verify: bool = False,
    tables: Collection[str] | None = None,
) -> tuple[Path, ...]:
    """Write *dataset* as ``.parquet`` tables in a new *folder*, replacing it whole.

    One table per record type (the event tables only when they have records), columns
    named by field and typed; the dataset's name and year in each file's metadata. The
    folder is written whole or not at all, as :func:`~coso_dang.io.dump_csv` writes:
    an existing folder is replaced only when it holds nothing but data tables.

    Args:
        dataset: the records to write.
        folder: the folder to write, replaced whole.
        overwrite: replace a folder that holds data tables (else refuse it).
        verify: read the tables back before they take the folder's place, and refuse
            them unless they give the same records.
        tables: the tables the source held (:attr:`LoadResult.tables`): an empty
            table not among them is not written, since a table of no row says it was
            there with none. ``None`` (default): every table.

    Returns:
        The paths written.

    Raises:
        MissingExtraError: polars is not installed (the extra ``parquet``).
        CosoDangError: a text the tables would not give back (over 131.072 characters,
            a spreadsheet's error value such as ``#N/A``, an id holding ``;`` in
            ``into``) or cannot hold (half of a UTF-16 pair),
            named with its record and field.
        WriteError: *folder* is a file, holds other files, holds data with *overwrite*
            false, cannot be written, or (with *verify*) reads back different records.
    """
    held = held_tables("dump_parquet", tables)
    refuse_split_ids(dataset)
    refuse_unread_ids(dataset)
    pl = polars(_NEEDED_FOR)
    target = real_path(folder)
    metadata = {}
    if dataset.name is not None:
        metadata[METADATA_NAME] = dataset.name
    if dataset.year is not None:
        metadata[METADATA_YEAR] = str(dataset.year)

    replaceable = data_folder_guard(_is_data_file, overwrite)

    def check(written: Path) -> None:
        if verify:
            verify_read_back(dataset, load_parquet(written, progress=False, max_rows=None), target)

    names: list[str] = []
    if any(NOT_UNICODE.search(text) for text in metadata.values()):
        # polars failed on it with "TypeError: 'list' object is not callable".
        raise CosoDangError(N_("tên của bộ dữ liệu: {what}", what=NOT_UNICODE_WRITTEN))
    try:
        with atomic_folder(target, replace=replaceable, check=check) as temporary:
            for schema in _written(dataset, held):
                name = f"{schema.key}.parquet"
                records = getattr(dataset, schema.key)
                frame = records_frame(pl, schema, records)
                _refuse_unread_cells(pl, frame, records)
                frame.write_parquet(temporary / name, metadata=metadata or None)
                names.append(name)
    except UnicodeEncodeError:
        # A half of a UTF-16 pair in a text: Python's own error, naming no record.
        refuse_unstorable(dataset, NOT_UNICODE, NOT_UNICODE_WRITTEN)
    return tuple(target / name for name in names)


def _refuse_unread_cells(pl: Any, frame: Any, records: tuple[Any, ...]) -> None:
    """Refuse the first record with a text :func:`load_parquet` would not read back.

    Raises:
        CosoDangError: a text is over :data:`MAX_CSV_FIELD` characters, the most a
            loader reads in a cell, or is a spreadsheet's error value ("#N/A"), which
            the loaders read as that error, refusing its row; the record and the field
            are named, not the value.
    """
    texts = [column for column, kind in frame.schema.items() if kind == pl.String]
    if not texts:
        return
    errors = sorted(CELL_ERRORS)
    unread = (
        frame.select(
            *(pl.col(c).str.len_chars().gt(MAX_CSV_FIELD).alias(f"long:{c}") for c in texts),
            *(pl.col(c).is_in(errors).alias(f"error:{c}") for c in texts),
        )
        .with_row_index("_row")
        .filter(pl.any_horizontal(pl.exclude("_row").fill_null(False)))
    )
    if unread.is_empty():
        return
    row = unread.row(0, named=True)
    for column in texts:
        if row[f"long:{column}"]:
            what = N_(
                "một văn bản dài hơn {n} ký tự, mức load_parquet đọc tối đa trong một ô (hãy "
                "ghi dữ liệu này dưới dạng JSON)",
                n=thousands(MAX_CSV_FIELD),
            )
            raise refuse_field(records[row["_row"]], column, what)
        if row[f"error:{column}"]:
            raise refuse_field(records[row["_row"]], column, CELL_ERROR_WRITTEN)


def _written(dataset: Dataset, held: frozenset[str] | None) -> Iterator[RecordSchema]:
    for schema in SCHEMAS:
        if not schema.written(getattr(dataset, schema.key), held):
            continue  # an optional table, or one the source did not hold, empty
        yield schema
