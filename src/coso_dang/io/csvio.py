"""CSV: one file per record type, with Vietnamese or field-name headers.

Files are read as spreadsheets save them: UTF-8 with or without a BOM, CRLF or LF, comma,
semicolon or tab between cells (guessed from the header line). Cells are trimmed; a
blank cell is an absent value; a cell ``="0123"`` (how systems export digits so that
Excel keeps their leading zeros) is the text ``0123``. Written files are UTF-8 with a
BOM and CRLF line ends, which Excel opens with the Vietnamese intact.
"""

from __future__ import annotations

import csv
import io
import os
import re
import sys
from collections.abc import Collection, Iterator
from pathlib import Path
from typing import IO, Any

from coso_dang._atomic import atomic_folder, real_path
from coso_dang._gc import paused
from coso_dang.dataset import Dataset
from coso_dang.errors import ArgumentError, UsageError
from coso_dang.io._collect import (
    ABOUT_TITLES,
    HEADER_SEARCH_ROWS,
    Collector,
    TableReader,
    about_rows,
    continued_header,
    is_about,
    load_error,
    read_about,
    report_title,
    tables_named,
)
from coso_dang.io._paths import (
    LEFT_BESIDE,
    data_folder_guard,
    existing_path,
    left_beside,
    one_file_per_table,
    refuse_irregular_tables,
    unopened_error,
    wrong_kind,
)
from coso_dang.io._problems import LoadResult, Severity
from coso_dang.io._reasons import N_, Reason, thousands
from coso_dang.io._schema import (
    SCHEMAS,
    Headers,
    RecordSchema,
    file_names,
    header_key,
    held_tables,
    schema_for,
)
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
from coso_dang.progress import Progress

__all__ = [
    "MAX_CSV_CELL_LINES",
    "MAX_CSV_FIELD",
    "MAX_CSV_QUOTE_LINES",
    "dump_csv",
    "load_csv",
    "neutralize_cell",
    "restore_cell",
]


#: The longest cell :func:`load_csv` reads by default, in characters (the limit the
#: :mod:`csv` module itself has by default): a longer one makes its row a problem.
MAX_CSV_FIELD = 131_072
# The largest limit the csv module takes (a C long; 32 bits on Windows).
_CSV_LIMIT_MAX = min(sys.maxsize, 2**31 - 1)

_DELIMITERS = (",", ";", "\t")
# The file holding the dataset's name and year.
_ABOUT_STEM = ABOUT_TITLES["fields"]
_QUOTED = re.compile(r'"[^"]*"')
_UNDECODED = re.compile("[\udc80-\udcff]")
# A reason of its own: its "hoặc" stayed Vietnamese in the English line.
_KNOWN_NAMES = file_names(".csv")


def load_csv(
    source: str | os.PathLike[str] | IO[str],
    *,
    kind: str | None = None,
    strict: bool = False,
    validate: bool = False,
    progress: bool | Progress = True,
    max_field: int = MAX_CSV_FIELD,
) -> LoadResult:
    """Load records from a CSV file, a folder of CSV files, or an open text stream.

    In a folder, each ``*.csv`` file's name says what it holds: ``organizations``,
    ``units``, ``members``, ``evaluations`` or the Vietnamese ``to_chuc``,
    ``don_vi_dan_cu``, ``dang_vien``, ``danh_gia``; ``about`` (or ``thong_tin``) gives
    the dataset's name and year (see :func:`dump_csv`). A single file is known by *kind*
    (one of those names), else by its name, else by its headers.

    Every bad row becomes a :class:`LoadProblem` (the header is row 1) and the rest
    still load; nothing is dropped silently. A cell longer than *max_field* characters
    is such a problem too: its row is named (with the column) and not read, and reading
    goes on with the next row. To do that, the process-wide limit of the :mod:`csv`
    module (:func:`csv.field_size_limit`, 131.072 characters unless changed) is raised
    to its maximum the first time a file is read, and never lowered.

    Args:
        source: a ``.csv`` file, a folder, or a text stream (opened with ``newline=""``).
        kind: the record type of a single file or stream.
        strict: raise if there is any error (warnings alone do not raise).
        validate: also check that the records make a valid tree
            (:meth:`~coso_dang.OrgTree.build`), that evaluations name known subjects
            and that member events name known members (an error) and chi bộ the
            organizations or their events name (a warning); those problems point at
            the rows of the records concerned.
        progress: show a progress line on stderr when it is a terminal (or give a
            :class:`~coso_dang.progress.Progress`: where, and whether).
        max_field: the longest cell, in characters, that is read
            (:data:`MAX_CSV_FIELD` unless given).

    Returns:
        The records loaded and the problems found.

    Raises:
        LoadError: the source cannot be read at all (an unknown record type, no CSV
            file in a folder), or with *strict*, any error.
        PathError: *source* does not exist.
        UsageError: *source* is neither a path nor a text stream.

    >>> import io
    >>> text = "Mã,Năm,Xếp loại\\r\\ndv1,2024,HTTNV\\r\\ndv2,2024,tốt lắm\\r\\n"
    >>> result = load_csv(io.StringIO(text), kind="evaluations")
    >>> [e.rating.abbreviation for e in result.dataset.evaluations]
    ['HTTNV']
    >>> print(result.problems[0])
    <stream>, dòng 3, cột «Xếp loại» = 'tốt lắm': không phải mức xếp loại; ...
    """
    if isinstance(max_field, bool) or not isinstance(max_field, int) or max_field < 1:
        raise ArgumentError(
            N_(
                "max_field phải là số nguyên dương, không phải {max_field}",
                max_field=repr(max_field),
            )
        )
    lift_csv_limit()
    # Millions of records and no reference cycles: the cyclic collector would walk them
    # all again and again as they are made (see coso_dang._gc).
    with paused():
        return _load(source, kind, strict, validate, progress, max_field)


def _load(
    source: str | os.PathLike[str] | IO[str],
    kind: str | None,
    strict: bool,
    validate: bool,
    progress: bool | Progress,
    max_field: int,
) -> LoadResult:
    collector = Collector(progress=progress, validate=validate)
    forced = _kind(kind)
    if not isinstance(source, (str, os.PathLike)):
        if not hasattr(source, "readline") or isinstance(source.read(0), bytes):
            wanted = N_("một đường dẫn hoặc một luồng văn bản (mở với newline='')")
            raise wrong_kind("load_csv", "source", wanted, source)
        name = str(getattr(source, "name", "<stream>"))
        _read_stream(collector, source, os.path.basename(name), forced, max_field)
        return collector.result(strict=strict)
    path = existing_path(source, "source", "load_csv")
    if path.is_dir():
        refuse_irregular_tables(path, ".csv", _table_name if forced is None else _any_name)
        files = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() == ".csv")
        if all(left_beside(file.name) for file in files):
            reason = N_("thư mục không có tệp CSV nào; cần {names}", names=_KNOWN_NAMES)
            raise load_error(path.name, None, reason)
        if forced is None:
            _one_naming(path, files)
            tables_not_csv(collector, path)
        for file in _in_schema_order(files):
            if forced is None and is_about(file.stem):
                _read_about(collector, file)
                continue
            schema = forced or schema_for(file.stem)
            if schema is None or left_beside(file.name):
                unknown_csv(collector, file)
                continue
            _read_path(collector, file, schema, max_field)
    else:
        _read_path(collector, path, forced or schema_for(path.stem), max_field)
    return collector.result(strict=strict)


def _table_name(stem: str) -> bool:
    return schema_for(stem) is not None or is_about(stem)


def _any_name(stem: str) -> bool:
    return True


def _one_naming(folder: Path, files: list[Path]) -> None:
    """Refuse a folder holding one table twice (``members.csv`` and ``dang_vien.csv``).

    Raises:
        LoadError: naming every such pair; merging them would double the records.
    """
    one_file_per_table(folder, tables_named((file.stem, file.name) for file in files))


def _read_about(collector: Collector, path: Path) -> None:
    """The dataset's name and year from ``about.csv`` (or ``thong_tin.csv``)."""
    # Bytes that are not UTF-8 name their row, as in a table: replaced, they made a name
    # of question marks without a word.
    with path.open(encoding="utf-8-sig", errors="surrogateescape", newline="") as stream:
        first = stream.readline()
        nuls = _nul_fault(first.removeprefix("\ufeff"))
        if nuls is not None:
            # Not a line of it is text as read: the file is named once, as a table is.
            collector.problem(path.name, 1, "", "", nuls)
            return
        delimiter = max(_DELIMITERS, key=_QUOTED.sub("", first).count)
        stream.seek(0)
        rows = csv.reader(stream, delimiter=delimiter)

        def decoded() -> Iterator[list[str]]:
            for number, row in enumerate(rows, start=1):
                if _UNDECODED.search("".join(row)):
                    reason = N_("{reason}; dòng không được đọc", reason=_NOT_UTF8)
                    collector.problem(path.name, number, "", "", reason)
                    yield []  # a blank row, passed over: the rows keep their numbers
                else:
                    yield [restore_cell(c) for c in row]

        read_about(collector, path.name, decoded())


def _nul_fault(line: str) -> Reason | None:
    """Why *line*, a third or more of it NUL characters, is no header: UTF-16 text read
    as UTF-8, or NULs where text should be; ``None`` for a line with fewer.

    A file saved as UTF-16 without its byte order mark, all ASCII (field-name headers,
    ids, ISO dates), is valid UTF-8: its header was taken for a row of data, and every
    line for two rows (the NUL after each line end opening one). NULs in the file
    (zeros a crash or a cut copy leaves), valid UTF-8 too, were named "not UTF-8" as
    well: they are told apart by reading the line as UTF-16 and UTF-32 (:func:`_wide`).
    Two NULs side by side do not tell: UTF-16 has them wherever a character whose other
    byte is 0 follows an ASCII letter (the grave accent of "à" written apart, U+0300).
    """
    nuls = line.count("\x00")
    if nuls < 2 or 3 * nuls < len(line):
        return None
    return _NOT_UTF8 if _wide(line) else _NUL_LINE


_WIDE_ENCODINGS = (("utf-16-le", 2), ("utf-16-be", 2), ("utf-32-le", 4), ("utf-32-be", 4))


def _wide(line: str) -> bool:
    """Whether *line*, read as UTF-8, is text in UTF-16 or UTF-32: its bytes read in one
    of them hold no NUL character, where zeros in the file read as NULs in each.

    The bytes that end a line in a little-endian encoding ("\\n", 0) are cut after the
    "\\n" by the UTF-8 reading: they are put back before the line is read.
    """
    data = line.encode("utf-8", "surrogateescape")
    for encoding, unit in _WIDE_ENCODINGS:
        try:
            text = (data + bytes(-len(data) % unit)).decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" not in text:
            return True
    return False


def _kind(kind: str | None) -> RecordSchema | None:
    if kind is None:
        return None
    schema = schema_for(kind)
    if schema is None:
        names = ", ".join(s.key for s in SCHEMAS)
        raise ArgumentError(
            N_("kind phải là một trong: {names}, không phải {kind}", names=names, kind=repr(kind))
        )
    return schema


def _in_schema_order(files: list[Path]) -> list[Path]:
    def rank(file: Path) -> int:
        schema = schema_for(file.stem)
        return len(SCHEMAS) if schema is None else SCHEMAS.index(schema)

    return sorted(files, key=rank)


def lift_csv_limit() -> None:
    """Raise the csv module's cell limit to its maximum (it is process-wide).

    Cells are then measured row by row against ``max_field``: the module's own limit
    raises mid-row and leaves no way to tell where the next row starts.
    """
    if csv.field_size_limit() < _CSV_LIMIT_MAX:
        csv.field_size_limit(_CSV_LIMIT_MAX)


def csv_files(folder: Path) -> list[Path]:
    """The CSV files of *folder*, in the order :func:`load_csv` reads them.

    Raises:
        LoadError: the folder holds no CSV file, or two files for one table.
    """
    refuse_irregular_tables(folder, ".csv", _table_name)
    files = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() == ".csv")
    if all(left_beside(file.name) for file in files):
        reason = N_("thư mục không có tệp CSV nào; cần {names}", names=_KNOWN_NAMES)
        raise load_error(folder.name, None, reason)
    _one_naming(folder, files)
    return _in_schema_order(files)


def tables_not_csv(collector: Collector, folder: Path) -> None:
    """Name each file of *folder* named for a table but not ``.csv`` (``members.txt``, as
    Excel saves "Text (Tab delimited)", or ``dang_vien.xlsx``): it is not read, and its
    table was missing without a word."""
    for path in sorted(folder.iterdir()):
        suffix = path.suffix.lower()
        if suffix in ("", ".csv") or not path.is_file():
            continue
        # Not the description (about.txt may well be a note on the data): only its name
        # and year would be missed.
        if schema_for(path.stem) is not None:
            reason = N_(
                "tệp mang tên một bảng nhưng không phải tệp .csv; không được đọc (hãy lưu "
                "dạng CSV UTF-8 với tên {name}.csv)",
                name=path.stem,
            )
            collector.problem(path.name, None, "", "", reason)


def unknown_csv(collector: Collector, path: Path) -> None:
    """Name a file of a folder whose name is no table (it is not read): an error, or a
    warning for a file a program leaves beside a table (see :func:`left_beside`)."""
    if left_beside(path.name):
        collector.problem(path.name, None, "", "", LEFT_BESIDE, Severity.WARNING)
        return
    reason = N_("không biết tệp này chứa gì; tên tệp cần là {names}", names=_KNOWN_NAMES)
    collector.problem(path.name, None, "", "", reason)


def read_csv_about(collector: Collector, path: Path) -> None:
    """Read the dataset's name and year from ``about.csv`` into *collector*."""
    _read_about(collector, path)


def read_csv_table(
    collector: Collector, path: Path, schema: RecordSchema | None, max_field: int = MAX_CSV_FIELD
) -> None:
    """Read one CSV file of *schema* (guessed from its header if ``None``) into *collector*."""
    _read_path(collector, path, schema, max_field)


def split_line(line: str) -> tuple[list[str], str]:
    """A header line's cells and its separator (the one most used outside quotes)."""
    return _split(line)


def _read_path(
    collector: Collector, path: Path, schema: RecordSchema | None, max_field: int
) -> None:
    # Bytes that are not UTF-8 become lone surrogates, so the rows around them still load
    # and each row holding them is named.
    try:
        stream = path.open(encoding="utf-8-sig", errors="surrogateescape", newline="")
    except OSError as error:  # gone since the folder was listed, or not readable
        raise unopened_error(path.name, error) from None
    with stream:
        _read_stream(collector, stream, path.name, schema, max_field)


def _read_stream(
    collector: Collector,
    stream: IO[str],
    name: str,
    schema: RecordSchema | None,
    max_field: int = MAX_CSV_FIELD,
) -> None:
    lift_csv_limit()  # else a cell past 131.072 characters is a csv.Error, in English
    lined = _Bounded(stream, line_limit(max_field))
    try:
        first = lined.readline()
    except UnicodeDecodeError:
        raise load_error(name, 1, _NOT_UTF8) from None
    if isinstance(first, _TooLong):
        raise load_error(name, 1, _too_long_line(first))
    first = first.removeprefix("\ufeff")
    if _UNDECODED.search(first):
        raise load_error(name, 1, _NOT_UTF8)
    nuls = _nul_fault(first)
    if nuls is not None:
        raise load_error(name, 1, nuls)
    source: _Bounded | _Prepended = lined
    # A cell may hold a line break (typed with Alt+Enter: "Ngày vào\nĐảng"), so the
    # header, or a title above it, may take several lines of the file: each is read as
    # the rows are, the lines it takes counted.
    ahead = [first, *_peek(lined, MAX_CSV_CELL_LINES - 1)] if _open_quote(first) else [first]
    if not first.strip():
        # Blank lines above the header (a hand-edited file, or files joined) are passed
        # over as a title is: the file was refused whole as empty.
        ahead += _peek(lined, HEADER_SEARCH_ROWS + MAX_CSV_CELL_LINES - 2)
        if not any(isinstance(line, _TooLong) or line.strip() for line in ahead):
            raise load_error(name, 1, N_("tệp trống: không có dòng tiêu đề"))
    header, delimiter, taken = _record(ahead, 0)
    at = 0
    if not _is_header(schema, header):
        # A title ("DANH SÁCH ĐẢNG VIÊN") may stand above the header: look a few lines on.
        ahead += _peek(lined, HEADER_SEARCH_ROWS + MAX_CSV_CELL_LINES - 1 - len(ahead))
        for start in range(1, min(len(ahead), HEADER_SEARCH_ROWS)):
            cells, separator, spans = _record(ahead, start)
            if _is_header(schema, cells):
                at, header, delimiter, taken = start, cells, separator, spans
                break
    over = next((line for line in ahead[: at + taken] if isinstance(line, _TooLong)), None)
    if over is not None:
        raise load_error(name, ahead.index(over) + 1, _too_long_line(over))
    # The titles' rows, as the rows are read (a title over two lines is one row).
    skipped = list(csv.reader(ahead[:at], delimiter=delimiter))
    if schema is None:
        schema = _guess(header, name)
    for number, cells in enumerate(skipped, start=1):
        if any(cell.strip() for cell in cells):
            report_title(collector, schema, name, number, header, cells)
    header_row = header_end = len(skipped) + 1
    # A header over two rows (columns grouped under a merged cell, named in the row
    # below, see continued_header): the second row is the header's, not a row of data.
    ahead += _peek(lined, at + taken + MAX_CSV_CELL_LINES - len(ahead))
    if at + taken < len(ahead):
        below, _, spans = _record(ahead, at + taken, delimiter)
        lines_below = ahead[at + taken : at + taken + spans]
        continued = None
        if not any(isinstance(line, _TooLong) for line in lines_below) and not any(
            _UNDECODED.search(cell) for cell in below
        ):
            continued = continued_header(schema, header, below)
        if continued is not None:
            header, taken, header_end = continued, taken + spans, header_row + 1
    rest = ahead[at + taken :]
    if rest:
        source = _Prepended(rest, lined)
    table = TableReader(
        collector, schema, name, header, header_row=header_row, header_end=header_end, batch=True
    )
    lines = _Lines(source)
    rows = csv.reader(lines, delimiter=delimiter)
    spanning = _multiline_columns(schema, header)
    number = header_end
    while True:
        number += 1
        try:
            cells = next(rows)
        except StopIteration:
            break  # a table that filled its problems on its last row stops unsaid
        except UnicodeDecodeError:
            if collector.full(name):
                collector.stop(name, number)
                break
            collector.problem(
                name,
                number,
                "",
                "",
                N_("{reason}; phần còn lại của tệp không được đọc", reason=_NOT_UTF8),
            )
            break
        except csv.Error as error:
            if collector.full(name):
                collector.stop(name, number)
                break
            # The reader starts afresh on the next line: name this row, read on.
            lines.take()
            reason = N_(
                "không đọc được dòng CSV ({error}); dòng không được đọc", error=_csv_fault(error)
            )
            collector.problem(name, number, "", "", reason)
            rows = csv.reader(lines, delimiter=delimiter)
            continue
        # Past the most problems a table may have, a row is left unread: said only when
        # there is one (a table whose last row filled them was said to stop after it).
        if collector.full(name):
            collector.stop(name, number)
            break
        used = lines.take()
        over = next((line for line in used if isinstance(line, _TooLong)), None)
        if over is not None:
            # A line past the bound was passed over unread: its row cannot be read, the
            # next rows can.
            collector.problem(name, number, "", "", _too_long_line(over))
            continue
        # The row's text, joined once: the checks below each read it whole.
        joined = "".join(cells)
        if len(used) == 1:
            lines.open_at_end = False  # a last line cut short: its width says so
            if len(joined) <= max_field and not _UNDECODED.search(joined):
                # The common row, one line of decoded text with no cell over the limit.
                table.row(number, _restored(cells, joined))
                continue
        elif not joined.strip():
            lines.cut = lines.open_at_end = False
            continue  # a blank row, however many lines its empty quotes take
        if len(used) > 1 and (lines.cut or lines.open_at_end):
            # A quote opened on this row and not closed within MAX_CSV_QUOTE_LINES lines,
            # or never: a stray quote. The lines it swallowed are read again as rows.
            lines.push_back(used[1:])
            _unclosed(collector, name, number, len(used), lines.cut)
            lines.cut = lines.open_at_end = False
            rows = csv.reader(lines, delimiter=delimiter)
            continue
        if len(used) > 1 and not _may_span(cells, spanning, len(used)):
            reason = N_(
                "một ô kéo dài qua {lines} dòng của tệp, ở cột không được xuống dòng hoặc quá "
                "{limit} dòng (dấu ngoặc kép đặt nhầm?); dòng không được đọc",
                lines=thousands(len(used)),
                limit=MAX_CSV_CELL_LINES,
            )
            collector.problem(name, number, "", "", reason)
            continue
        if _UNDECODED.search(joined):
            collector.problem(
                name, number, "", "", N_("{reason}; dòng không được đọc", reason=_NOT_UTF8)
            )
            continue
        if len(joined) > max_field and any(len(cell) > max_field for cell in cells):
            _too_long(collector, name, number, header, cells, max_field, len(used))
            continue
        table.row(number, _restored(cells, joined))
    table.finish()


def _restored(cells: list[str], joined: str) -> list[str]:
    """Undo the writer's guard against formulas (see :func:`neutralize_cell`).

    *joined* is the row's cells joined: without a ``'`` in it no cell was guarded, and
    without a ``="`` none is a text formula (see :func:`restore_cell`): the row is passed
    on as read.
    """
    if "'" not in joined and '="' not in joined:
        return cells
    return [restore_cell(cell) for cell in cells]


def _split(line: str) -> tuple[list[str], str]:
    """A line's cells and its separator (the one most used outside quotes)."""
    # Count separators outside quotes: Vietnamese headers may hold commas themselves.
    bare = _QUOTED.sub("", line)
    delimiter = max(_DELIMITERS, key=bare.count)
    # Read as a file is (a quoted cell may hold a line break).
    return next(csv.reader(io.StringIO(line, newline=""), delimiter=delimiter), []), delimiter


def _is_header(schema: RecordSchema | None, cells: list[str]) -> bool:
    """Whether *cells* name every required column of *schema* (of some schema if None)."""
    keys = {header_key(cell) for cell in cells if cell.strip()}
    candidates = SCHEMAS if schema is None else (schema,)
    return any(
        all(any(k in keys for k in c.names()) for c in s.columns if c.column_required)
        for s in candidates
    )


def _open_quote(text: str) -> bool:
    """Whether a quote opened in *text* is still open at its end."""
    return text.count('"') % 2 == 1


def _record(lines: list[str], at: int, delimiter: str | None = None) -> tuple[list[str], str, int]:
    """The cells of the row starting at line *at* of *lines*, its separator (*delimiter*
    when given, else the one its line uses most), and how many lines it takes.

    A quoted cell may hold line breaks, over up to :data:`MAX_CSV_CELL_LINES` lines: the
    row is read as the csv module reads one (a quote inside a cell is a character).
    A row it finds malformed, or still open after them, is its line alone, read as
    before.
    """
    if delimiter is None:
        cells, delimiter = _split(lines[at])
    else:
        cells = next(csv.reader(io.StringIO(lines[at], newline=""), delimiter=delimiter), [])
    taken = 0

    def counted() -> Iterator[str]:
        nonlocal taken
        for line in lines[at : at + MAX_CSV_CELL_LINES]:
            taken += 1
            yield line

    try:
        whole = next(csv.reader(counted(), delimiter=delimiter, strict=True), None)
    except csv.Error:
        whole = None
    if whole is None or taken == 1:
        return cells, delimiter, 1
    return whole, delimiter, taken


def _csv_fault(error: csv.Error) -> str:
    """The csv module's fault, in words (its own message is in English)."""
    if "new-line character" in str(error):
        # Only a stream the caller opened without newline="" gives a lone CR to csv.
        return N_("dấu xuống dòng CR giữa một ô không trong ngoặc kép; luồng cần mở với newline=''")
    return N_("dòng hỏng")


def _peek(stream: _Bounded, count: int) -> list[str]:
    """Up to *count* more lines of *stream*."""
    lines: list[str] = []
    for _ in range(count):
        try:
            line = stream.readline()
        except UnicodeDecodeError:  # said when the rows are read
            break
        if not line:
            break
        lines.append(line)
    return lines


def line_limit(max_field: int) -> int:
    """The most characters one line of a CSV file may hold, cells of *max_field* at most.

    A line is read whole before it is split into cells, so a file of one line with no
    line break (gigabytes of it) would be held in memory whole: past this bound the line
    is passed over, read in pieces, never held. The bound leaves room for many cells at
    *max_field* each, their quotes doubled.
    """
    return 64 * max(max_field, 0) + 4096


class LineTooLongError(Exception):
    """A line of a CSV file past :func:`line_limit` (see :func:`bounded_lines`)."""

    def __init__(self, length: int, limit: int) -> None:
        super().__init__(length, limit)
        #: The line's characters (read in pieces, never held), and the bound.
        self.length = length
        self.limit = limit


def bounded_lines(stream: IO[str], limit: int) -> Iterator[str]:
    """The lines of *stream*, as :class:`csv.reader` takes them, each at most *limit*
    characters.

    Raises:
        LineTooLongError: at the first longer line, passed over without being held.
    """
    lined = _Bounded(stream, limit)
    while line := lined.readline():
        if isinstance(line, _TooLong):
            raise LineTooLongError(line.length, line.limit)
        yield line


class _TooLong(str):
    """What stands for a line past :func:`line_limit`: an empty line, and its length."""

    length: int
    limit: int


def _too_long_line(line: _TooLong) -> str:
    return N_(
        "dòng dài {length} ký tự, quá giới hạn {limit} ký tự của một dòng; dòng không được đọc",
        length=thousands(line.length),
        limit=thousands(line.limit),
    )


class _Bounded:
    """A text stream's lines, each at most *limit* characters: a longer line is read in
    pieces of *limit*, passed over, and given as a :class:`_TooLong` line."""

    def __init__(self, stream: IO[str], limit: int) -> None:
        self._stream = stream
        self._limit = limit

    def readline(self) -> str:
        line = self._stream.readline(self._limit + 1)
        if len(line) <= self._limit:
            return line
        length = len(line)
        while line and not line.endswith(("\n", "\r")):
            line = self._stream.readline(self._limit + 1)
            length += len(line)
        over = _TooLong("\n")
        over.length = length
        over.limit = self._limit
        return over


class _Prepended:
    """A stream's lines with some lines, already read, put back before them."""

    def __init__(self, first: list[str], stream: _Bounded) -> None:
        self._first = list(reversed(first))
        self._stream = stream

    def readline(self) -> str:
        return self._first.pop() if self._first else self._stream.readline()


#: The most lines of the file one cell may span (inside quotes), in the columns that may
#: hold several lines (address, reasons); in the others a cell spans one line.
MAX_CSV_CELL_LINES = 5


#: How far a quote is followed to find where it closes, in lines of the file: past this
#: it is taken as a stray quote, and the lines after its row are read again as rows.
MAX_CSV_QUOTE_LINES = 100


class _Lines:
    """The lines of a stream, remembering those each row used, so they can be re-read.

    A row may use at most :data:`MAX_CSV_QUOTE_LINES` lines: past that the iterator stops
    (``cut``), so a stray quote costs a few lines of reading, never the whole file.
    ``open_at_end``: the file ended inside a row (a quote never closed).
    """

    def __init__(self, stream: _Bounded | _Prepended) -> None:
        self._stream = stream
        self._again: list[str] = []
        self._used: list[str] = []
        self.cut = False
        self.open_at_end = False

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        if len(self._used) > MAX_CSV_QUOTE_LINES:
            self.cut = True
            raise StopIteration
        line = self._again.pop() if self._again else self._stream.readline()
        if not line:
            self.open_at_end = bool(self._used)
            raise StopIteration
        self._used.append(line)
        return line

    def take(self) -> list[str]:
        """The lines the last row used (and forget them)."""
        used, self._used = self._used, []
        return used

    def push_back(self, lines: list[str]) -> None:
        """Read *lines* again, first to last."""
        self._again.extend(reversed(lines))


def _multiline_columns(schema: RecordSchema, header: list[str]) -> frozenset[int]:
    """The positions of the columns whose cells may span lines."""
    return frozenset(
        index
        for index, cell in enumerate(header)
        if (column := schema.by_header.get(header_key(cell))) is not None and column.multiline
    )


def _may_span(cells: list[str], spanning: frozenset[int], lines: int) -> bool:
    """Whether a row that spans *lines* lines does so only in columns that allow it."""
    if lines > MAX_CSV_CELL_LINES:
        return False
    broken = (index for index, cell in enumerate(cells) if "\n" in cell or "\r" in cell)
    return all(index in spanning for index in broken)


def _unclosed(collector: Collector, name: str, number: int, lines: int, cut: bool) -> None:
    reason = N_(
        "dấu ngoặc kép mở ở dòng này không được đóng đúng chỗ (ô kéo dài qua {lines} dòng "
        "của tệp); dòng không được đọc, các dòng sau được đọc lại",
        lines=N_("hơn {n}", n=thousands(MAX_CSV_QUOTE_LINES)) if cut else thousands(lines),
    )
    collector.problem(name, number, "", "", reason)


def _too_long(
    collector: Collector,
    name: str,
    number: int,
    header: list[str],
    cells: list[str],
    max_field: int,
    lines: int,
) -> None:
    """Name the row whose cell is over *max_field* characters (its value is not shown)."""
    index, cell = next((i, c) for i, c in enumerate(cells) if len(c) > max_field)
    column = header[index].strip() if index < len(header) else ""
    reason = N_(
        "ô dài {length} ký tự, quá giới hạn {limit} ký tự; dòng không được đọc",
        length=thousands(len(cell)),
        limit=thousands(max_field),
    )
    if lines > 1 and "\n" in cell:
        reason = N_(
            "{reason} (ô kéo dài qua {lines} dòng của tệp: thiếu dấu ngoặc kép đóng?)",
            reason=reason,
            lines=thousands(lines),
        )
    collector.problem(name, number, column or f"cột {index + 1}", "", reason)


_NOT_UTF8 = N_("tệp không phải UTF-8 (hãy lưu lại dưới dạng CSV UTF-8)")
_NUL_LINE = N_(
    "dòng có ký tự NUL (byte 0) thay cho chữ: tệp bị hỏng hoặc bị cắt; hãy mở tệp kiểm "
    "tra rồi lưu lại dưới dạng CSV UTF-8"
)


def _guess(header: list[str], name: str) -> RecordSchema:
    """The record type whose required columns a header holds (the best match)."""
    keys = {header_key(cell) for cell in header if cell.strip()}
    fits = [
        (sum(key in schema.by_header for key in keys), schema)
        for schema in SCHEMAS
        if all(any(k in keys for k in c.names()) for c in schema.columns if c.column_required)
    ]
    fits.sort(key=lambda fit: -fit[0])
    if not fits or (len(fits) > 1 and fits[0][0] == fits[1][0]):
        reason = N_("không biết tệp này chứa gì; hãy đặt tên tệp là {names}", names=_KNOWN_NAMES)
        raise load_error(name, 1, reason)
    return fits[0][1]


def rows_of(
    schema: RecordSchema, records: tuple[Any, ...], headers: Headers
) -> Iterator[list[str]]:
    """The header row, then one row of text cells per record."""
    columns = schema.columns
    yield [column.header if headers == "vi" else column.field for column in columns]
    for record in records:
        row: list[str] = []
        for column in columns:
            value = getattr(record, column.field)
            empty = value is None or value == ()
            row.append("" if empty else column.codec.to_text(value, headers))
        yield row


def neutralize_cell(text: str) -> str:
    """*text* as written to CSV: a leading ``'`` when a spreadsheet could run it.

    A cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is a
    formula to Excel and LibreOffice (CSV injection). Such a cell is written with one
    ``'`` in front, as the OWASP guidance on CSV injection recommends, so it shows as
    text. A cell that already starts with ``'`` followed by such a cell gets one more
    ``'``, which makes the rule reversible: :func:`restore_cell` removes exactly one.

    >>> neutralize_cell("=1+1"), neutralize_cell("'=1+1"), neutralize_cell("An")
    ("'=1+1", "''=1+1", 'An')
    """
    return "'" + text if _FORMULA_START.match(text) else text


def restore_cell(text: str) -> str:
    """The cell :func:`neutralize_cell` wrote *text* for (one leading ``'`` removed), or
    the text a cell ``="…"`` shows.

    Systems exporting to CSV write a text of digits as ``="0912345678"``, a formula
    giving that text, so that Excel keeps its leading 0: the cell is that text (its
    doubled quotes single). No cell :func:`dump_csv` writes starts with ``=``.

    >>> restore_cell("'=1+1"), restore_cell("''=1+1"), restore_cell("'An")
    ('=1+1', "'=1+1", "'An")
    >>> restore_cell('="0912345678"'), restore_cell("'=" + '"0912345678"')
    ('0912345678', '="0912345678"')
    """
    if _NEUTRALIZED.match(text):
        return text[1:]
    quoted = _TEXT_FORMULA.fullmatch(text)
    return text if quoted is None else quoted.group(1).replace('""', '"')


_FORMULA_START = re.compile("'*[=+\\-@\t\r]")
_NEUTRALIZED = re.compile("'+[=+\\-@\t\r]")
# A formula that is one text and nothing else: ="0912345678".
_TEXT_FORMULA = re.compile('="((?:[^"]|"")*)"')


def _written_rows(rows: Iterator[list[str]]) -> Iterator[list[str]]:
    """The header, then the rows with every cell neutralized (see :func:`neutralize_cell`)."""
    yield next(rows)
    for row in rows:
        yield [neutralize_cell(cell) for cell in row]


# A line break as a file read with universal newlines ends a line on it.
_LINE_BREAK = re.compile("\r\n|\r|\n")


def _readable_rows(
    schema: RecordSchema, records: tuple[Any, ...], rows: Iterator[list[str]]
) -> Iterator[list[str]]:
    """*rows* (the header, then one row per record, neutralized), refusing the first
    record whose row :func:`load_csv` would not read back.

    load_csv takes a cell over :data:`MAX_CSV_FIELD` characters, a line break outside
    the columns that may hold several lines, or a row over :data:`MAX_CSV_CELL_LINES`
    lines for a damaged row, and does not read it; it reads a cell holding a spreadsheet's
    error value ("#N/A") as that error, and refuses its row. Such a record is refused
    here, before a folder that would lose it takes the target's place.

    Raises:
        CosoDangError: naming the record and the field (not the value).
    """
    yield next(rows)
    for record, row in zip(records, rows, strict=True):
        lines = 1
        broken: str | None = None
        for column, cell in zip(schema.columns, row, strict=True):
            if len(cell) > MAX_CSV_FIELD:
                raise refuse_field(record, column.field, _CELL_TOO_LONG)
            if cell in CELL_ERRORS:
                raise refuse_field(record, column.field, CELL_ERROR_WRITTEN)
            breaks = len(_LINE_BREAK.findall(cell))
            if breaks and not column.multiline:
                raise refuse_field(record, column.field, _BREAK_IN_LINE)
            if breaks and broken is None:
                broken = column.field
            lines += breaks
        if broken is not None and lines > MAX_CSV_CELL_LINES:
            raise refuse_field(record, broken, _TOO_MANY_LINES)
        yield row


_CELL_TOO_LONG = N_(
    "một văn bản dài hơn {n} ký tự, mức load_csv đọc tối đa trong một ô (hãy ghi dữ liệu "
    "này dưới dạng JSON)",
    n=thousands(MAX_CSV_FIELD),
)
_BREAK_IN_LINE = N_(
    "một dấu xuống dòng trong văn bản mà load_csv đọc trên một dòng (hãy ghi dữ liệu này "
    "dưới dạng JSON)"
)
_TOO_MANY_LINES = N_(
    "một hàng trải trên hơn {n} dòng, mức load_csv đọc tối đa trong một hàng (hãy ghi dữ "
    "liệu này dưới dạng JSON)",
    n=MAX_CSV_CELL_LINES,
)


def dump_csv(
    dataset: Dataset,
    folder: str | os.PathLike[str],
    *,
    headers: Headers = "vi",
    bom: bool = True,
    overwrite: bool = True,
    verify: bool = False,
    tables: Collection[str] | None = None,
) -> tuple[Path, ...]:
    """Write *dataset* as CSV files, one per record type, in a new *folder*, replacing it whole.

    The files are ``organizations.csv``, ``units.csv``, ``members.csv`` and
    ``evaluations.csv``, each with its header row even when empty. The dataset's
    ``name`` and ``year``, when set, go in a fifth file, ``about.csv``: a header row
    (``Tên bộ dữ liệu,Năm``, or ``name,year``) and one row of values. With
    ``headers="vi"``: Vietnamese headers and labels, dates as dd/mm/yyyy, yes/no as
    có/không. With ``headers="fields"``: field names, codes, ISO dates, true/false.
    Either way :func:`load_csv` reads them back to the same records, as long as text
    values have no spaces at either end (cells are trimmed) and no empty text
    (a blank cell is an absent value). A cell a spreadsheet would run as a formula
    (starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return) is written
    with a ``'`` in front (see :func:`neutralize_cell`).

    The folder is written whole or not at all: the files go to a new hidden folder
    beside *folder*, which takes its place once every file is complete. An existing
    *folder* is replaced whole — never mixed with files of an earlier dump in either
    naming — when it holds nothing but data files (``to_chuc.csv``, ``members.csv``,
    ``about.csv``, …); one that holds any other file is refused.

    Args:
        dataset: the records to write.
        folder: the folder to write, replaced whole.
        headers: ``"vi"`` (Vietnamese headers and labels) or ``"fields"``.
        bom: begin each file with a byte order mark, so that Excel opens it as UTF-8
            (its letters with diacritics intact); without it, plain UTF-8.
        overwrite: replace a folder that holds data files (else refuse it).
        verify: read the files back before they take the folder's place, and refuse
            them unless they give the same records.
        tables: the tables the source held (:attr:`LoadResult.tables`): an empty
            table not among them is not written, since a file of a header alone says
            the table was there with no row. ``None`` (default): every table.

    Returns:
        The paths written (``about.csv`` first, when written).

    Raises:
        CosoDangError: a text the files would not give back (a line break in a one-line
            column, a cell over :data:`MAX_CSV_FIELD` characters, a spreadsheet's
            error value such as ``#N/A``, an id holding ``;`` in ``into``, half of a
            UTF-16 pair), named with its record and field.
        WriteError: *folder* is a file, holds other files, holds data with
            *overwrite* false, cannot be written, or (with *verify*) reads back
            different records.

    >>> import tempfile
    >>> from coso_dang import Organization, OrgKind
    >>> data = Dataset([Organization("xa", "Đảng bộ xã Tân Lập", OrgKind.DANG_BO_CO_SO)])
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     paths = dump_csv(data, folder)
    ...     print(paths[0].read_text(encoding="utf-8-sig").splitlines()[1])
    ...     load_csv(folder).dataset == data
    xa,Đảng bộ xã Tân Lập,Đảng bộ cơ sở,,,,,,,
    True
    """
    if not isinstance(dataset, Dataset):
        raise UsageError("dump_csv", "dataset", N_("một Dataset"), dataset)
    if headers not in ("vi", "fields"):
        raise ArgumentError(
            N_("headers phải là 'vi' hoặc 'fields', không phải {headers}", headers=repr(headers))
        )
    held = held_tables("dump_csv", tables)
    refuse_split_ids(dataset)
    refuse_unread_ids(dataset)
    target = real_path(folder)
    encoding = "utf-8-sig" if bom else "utf-8"

    replaceable = data_folder_guard(_is_data_file, overwrite)

    def check(written: Path) -> None:
        if verify:
            verify_read_back(dataset, load_csv(written, progress=False), target)

    names: list[str] = []
    try:
        with atomic_folder(target, replace=replaceable, check=check) as temporary:
            if dataset.name is not None or dataset.year is not None:
                rows = about_rows(dataset.name, dataset.year, headers)
                cells = [["" if cell is None else str(cell) for cell in row] for row in rows]
                name = f"{_ABOUT_STEM}.csv"
                with (temporary / name).open("w", encoding=encoding, newline="") as stream:
                    csv.writer(stream, lineterminator="\r\n").writerows(_written_rows(iter(cells)))
                names.append(name)
            for schema in SCHEMAS:
                name = f"{schema.key}.csv"
                records: tuple[Any, ...] = getattr(dataset, schema.key)
                if not schema.written(records, held):
                    continue  # an optional table, or one the source did not hold, empty
                with (temporary / name).open("w", encoding=encoding, newline="") as stream:
                    written = _written_rows(rows_of(schema, records, headers))
                    csv.writer(stream, lineterminator="\r\n").writerows(
                        _readable_rows(schema, records, written)
                    )
                names.append(name)
    except UnicodeEncodeError:
        refuse_unstorable(dataset, NOT_UNICODE, NOT_UNICODE_WRITTEN)
    return tuple(target / name for name in names)


def _is_data_file(path: Path) -> bool:
    """A file an earlier dump could have written, in either naming."""
    if not path.is_file() or path.suffix.lower() != ".csv":
        return False
    return is_about(path.stem) or schema_for(path.stem) is not None
