"""Columnar loading: the member tables of a folder straight into polars frames.

:func:`load_frames` reads a CSV folder, a Parquet folder or a workbook as the record
loaders do — the same headers, spellings, codes and problems, row for row — but keeps
the members, evaluations and member events as polars DataFrames, one column per field,
so a national roll of members is read and checked in seconds and rolled up by
:func:`~coso_dang.frame.rollup_frame` without a ``Member`` object. Organizations,
residential units and organization events stay records.

How the problems stay the record loaders' own: each column is parsed for the whole
table at once — an id composed to NFC, every distinct value of a coded, date, yes/no
or number column read once by the record loader's own codec — and each rule a record
checks when it is built (dates in order, an admission age, a name typed in a legacy
encoding, a chi bộ given by its name, the combinations an evaluation or an event
refuses) is tested on the columns. A row that any of them rejects or questions is then
read by the record loader itself, which gives its problems (file, row, column, reason)
and, if the row loads, its values. A file whose layout the fast path does not take as
it is (a title above the header, a ragged or multi-line row, a lone carriage return,
a stray quote, bytes that are not UTF-8, an unusual column type) is read whole by the
record loader. A workbook is read by :func:`~coso_dang.io.load_xlsx`, a JSON file by
:func:`~coso_dang.io.load_json`, and their member tables turned into frames.

Needs polars (the extra ``dataframe`` or ``parquet``).
"""

from __future__ import annotations

import csv
import datetime as _dt
import os
import re
from pathlib import Path
from typing import Any

import attrs
from attrs import frozen

from coso_dang._checks import has_invisible, normalized
from coso_dang.errors import ArgumentError, Problem, TreeError, record_where
from coso_dang.evaluation import Evaluation
from coso_dang.history.events import MemberEvent, OrgEvent
from coso_dang.i18n import N_
from coso_dang.io._collect import (
    ADMISSION_MIN_AGE,
    FREE_TEXT_FIELDS,
    IDENTITY_NUMBER,
    IDENTITY_SEPARATORS,
    MAX_AGE_ON_ROLLS,
    PARTY_FOUNDED,
    Collector,
    TableReader,
    continued_header,
    is_about,
)
from coso_dang.io._dispatch import WORKBOOK_SUFFIXES, unknown_format
from coso_dang.io._frames import frame_schema, polars, record_value, records_frame
from coso_dang.io._paths import existing_path
from coso_dang.io._problems import Loaded, LoadError, LoadProblem, LoadResult
from coso_dang.io._schema import (
    EVALUATIONS,
    ISO_DATE,
    MEMBER_EVENTS,
    MEMBERS,
    SCIENTIFIC,
    BadValueError,
    BoolCodec,
    CodeCodec,
    Column,
    DateCodec,
    IdCodec,
    IntCodec,
    RecordSchema,
    TextCodec,
    schema_for,
)
from coso_dang.io._xlsxparts import CELL_ERRORS
from coso_dang.io.csvio import (
    MAX_CSV_FIELD,
    csv_files,
    read_csv_about,
    read_csv_table,
    restore_cell,
    split_line,
    tables_not_csv,
    unknown_csv,
)
from coso_dang.io.jsonio import load_json
from coso_dang.io.parquet import (
    MAX_PARQUET_ROWS,
    is_parquet_folder,
    parquet_tables,
    read_rows,
    read_table,
    tables_not_parquet,
    unknown_table,
)
from coso_dang.io.xlsx import MAX_XLSX_ELEMENTS, load_xlsx
from coso_dang.orgs import Organization, OrgKind, ResidentialUnit
from coso_dang.progress import Progress
from coso_dang.vi.legacy import (
    MISREAD_UTF8_CHARACTERS,
    detect_legacy_encoding,
    repair_misread_utf8,
)
from coso_dang.vi.text import normalize

__all__ = ["FRAME_TABLES", "FrameLoad", "load_frames"]

#: The tables :func:`load_frames` keeps as frames; the others stay records.
FRAME_TABLES = ("members", "evaluations", "member_events")
_FRAMED = {schema.key: schema for schema in (MEMBERS, EVALUATIONS, MEMBER_EVENTS)}
_NEEDED_FOR = N_("đọc theo cột")
# Vietnamese letters above U+00FF that no legacy (TCVN3, VNI) text read as Unicode holds:
# a name with one of them is genuine Unicode (see coso_dang.vi.legacy).
_GENUINE = "[ăĂđĐĩĨũŨơƠưƯ\u1ea0-\u1ef9]"
_LATIN1_HIGH = "[\x80-\xff]"
# A character no byte of Windows-1252 or Windows-1258 shows as: no misread UTF-8 holds it.
_NOT_MISREAD = "[^\x00-\x7f" + MISREAD_UTF8_CHARACTERS + "]"
# What Python's str.strip trims, and the pattern [\s\x1c-\x1f] finds: Unicode's
# White_Space and the separators U+001C to U+001F (polars' own trimming leaves those).
_ENDS = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
    "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
# What one of _Table._free_flags' searches may find: a character past printable ASCII
# (every character of _ENDS but the tab, line breaks and space is), "#", "E+", or one of
# those at an end.
_UNUSUAL = r"[^\t\n\r\x20-\x7e]|#|E\+|^[\t\n\r ]|[\t\n\r ]$"
#: The most distinct values of a column read by comparing with each (see _parse_coded).
_FEW_KEYS = 4
# What coso_dang._checks.has_invisible finds: a control character or a format one (Cf).
_HIDDEN = r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\p{Cf}]"


@frozen(repr=False)
class FrameLoad(Loaded):
    """What :func:`load_frames` read: records for the tree, frames for the members.

    ``members``, ``evaluations`` and ``member_events`` are polars DataFrames with one
    column per field (dates as dates, coded values as their codes, a rating as its
    abbreviation), in the order of the file's rows; each is there, maybe empty, even when
    its table is not. ``problems`` are those the record loaders give for the same input.
    """

    organizations: tuple[Organization, ...]
    units: tuple[ResidentialUnit, ...]
    org_events: tuple[OrgEvent, ...]
    members: Any
    evaluations: Any
    member_events: Any
    problems: tuple[LoadProblem, ...] = ()
    name: str | None = None
    year: int | None = None
    #: The tables the source held, as :attr:`LoadResult.tables <coso_dang.io.LoadResult>`:
    #: a members frame is empty both when the table held no row and when it was not there.
    tables: frozenset[str] | None = attrs.field(default=None, kw_only=True, eq=False)

    def __repr__(self) -> str:
        return (
            f"FrameLoad(organizations={len(self.organizations)}, members={self.members.height}, "
            f"units={len(self.units)}, evaluations={self.evaluations.height}, "
            f"problems={len(self.problems)})"
        )

    def raise_for_problems(self) -> FrameLoad:
        """Return self, or raise if any error was found (warnings do not raise).

        Raises:
            LoadError: holding every problem, warnings included.
        """
        if not self.ok:
            raise LoadError(self.problems)
        return self

    def tree(self) -> Any:
        """The :class:`~coso_dang.OrgTree` of the organizations and units (no members).

        Raises:
            TreeError: as :meth:`~coso_dang.OrgTree.build` raises.
        """
        from coso_dang.tree import OrgTree

        return OrgTree.build(self.organizations, (), self.units)

    def report_year(self) -> int | None:
        """The dataset's year, else the latest year evaluated, else ``None``."""
        if self.year is not None:
            return self.year
        if self.evaluations.height:
            return int(self.evaluations.get_column("year").max())
        return None

    def rollup(self, *, year: int | None = None, as_of: _dt.date | None = None) -> Any:
        """The :class:`~coso_dang.rollup.Rollup` of the frames (:func:`~coso_dang.rollup_frame`).

        Args:
            year: the reporting year; the dataset's year, else the latest evaluated.
            as_of: the reporting date (31/12 of *year* by default).

        Without any evaluation (no evaluations table, or one without rows) the rating
        counts are unknown, not zero, as :func:`~coso_dang.sql.rollup_sql` leaves them for
        a database without the table and the command line for any source: no member was
        seen rated, which is not every member unrated. (A written dataset of no evaluation
        has an empty table, so that both are read alike.)

        Raises:
            ValueError: no year is given and none can be told.
            TreeError: as :func:`~coso_dang.rollup_frame` raises, or a member's
                ``to_dang_id`` is no tổ đảng of its chi bộ (as the records' tree refuses it).
        """
        from coso_dang.frame import EVALUATION_COLUMNS, rollup_frame

        pl = polars(_NEEDED_FOR)
        chosen = self.report_year() if year is None else year
        if chosen is None:
            raise ArgumentError(N_("không có năm để báo cáo: hãy cho year="))
        tree = self.tree()
        # The frame rollup reads no tổ đảng, but the records' tree refuses a member whose
        # tổ đảng is not one of its chi bộ: refused here alike, the same data both ways.
        _check_to_dang(pl, tree, self.members)
        # The rollup counts the yearly review; quarterly ones stay out, as in the records.
        yearly = (
            # Left lazy, only the columns read: the rollup's queries filter the frame as
            # they read it. Collected, a copy of four columns of every yearly review was
            # held through the rollup, at its peak (some 100 MB at scale 0,3).
            self.evaluations.lazy().filter(pl.col("period") == "nam").select(EVALUATION_COLUMNS)
            if self.evaluations.height
            else None  # no evaluation at all: ratings unknown, as the SQL path counts them
        )
        return rollup_frame(tree, self.members, year=chosen, evaluations=yearly, as_of=as_of)


def _check_to_dang(pl: Any, tree: Any, members: Any) -> None:
    """Raise :class:`~coso_dang.errors.TreeError` for the members whose ``to_dang_id`` is
    no tổ đảng of their chi bộ, as :meth:`~coso_dang.OrgTree.build` does for records."""
    groups = [o for o in tree.pre_order().order if o.kind is OrgKind.TO_DANG]
    known = pl.DataFrame(
        {"to_dang_id": [o.id for o in groups], "_parent": [o.parent_id for o in groups]},
        schema={"to_dang_id": pl.String, "_parent": pl.String},
    )
    wrong = (
        members.select("id", "org_id", "to_dang_id")
        .filter(pl.col("to_dang_id").is_not_null())
        .join(known, on="to_dang_id", how="left")
        .filter(pl.col("_parent").is_null() | (pl.col("_parent") != pl.col("org_id")))
    )
    if wrong.height:
        reason = N_("không phải tổ đảng của chi bộ của đảng viên")
        raise TreeError(
            Problem(record_where("Member", member_id), "to_dang_id", group, reason)
            for member_id, group in wrong.select("id", "to_dang_id").iter_rows()
        )


def _from_result(pl: Any, result: LoadResult) -> FrameLoad:
    data = result.dataset
    return FrameLoad(
        data.organizations,
        data.units,
        data.org_events,
        records_frame(pl, MEMBERS, data.members),
        records_frame(pl, EVALUATIONS, data.evaluations),
        records_frame(pl, MEMBER_EVENTS, data.member_events),
        result.problems,
        data.name,
        data.year,
        tables=result.tables,
    )


def load_frames(
    source: str | os.PathLike[str],
    *,
    strict: bool = False,
    validate: bool = False,
    progress: bool | Progress = True,
    max_field: int = MAX_CSV_FIELD,
    max_rows: int | None = MAX_PARQUET_ROWS,
    max_elements: int | None = MAX_XLSX_ELEMENTS,
) -> FrameLoad:
    """Load a CSV folder (or file), a Parquet folder, an ``.xlsx`` workbook (or ``.xlsm``)
    or a JSON file as frames (a workbook or a JSON file is read by its record loader).

    The problems are those :func:`~coso_dang.io.load` gives for *source*, in the same
    order, and the frames hold the values of the records it builds. With *validate*,
    the organizations and units are checked as the record loaders check them, and so
    are the member events (of no member: an error; in a chi bộ no organization names: a
    warning); the members' organizations and ids, and the evaluations' subjects and
    repeats (one subject rated twice a year), are not listed among the problems but
    refused by :meth:`FrameLoad.rollup` (a ``TreeError``). *max_rows*
    and *max_elements* bound a Parquet table and a workbook as for
    :func:`~coso_dang.io.load_parquet` and :func:`~coso_dang.io.load_xlsx`: national
    data read on purpose passes ``max_rows=None``.

    Raises:
        MissingExtraError: polars is not installed.
        PathError: *source* does not exist.
        UsageError: *source* is not a path.
        CosoDangError: *source* is a file of none of those kinds, as for
            :func:`~coso_dang.io.load`.
        LoadError: as the record loader for *source* raises (with *strict*, any error).

    >>> import tempfile
    >>> from coso_dang.testing import generate_province
    >>> from coso_dang.io import dump
    >>> data = generate_province(scale=0.01)
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     dump(data, folder)
    ...     frames = load_frames(folder)
    >>> frames.ok, frames.members.height == len(data.members)
    (True, True)
    >>> from coso_dang import rollup
    >>> by_records = rollup(data.tree(), year=2024, evaluations=data.evaluations)
    >>> frames.rollup(year=2024) == by_records
    True
    """
    pl = polars(_NEEDED_FOR)
    path = existing_path(source, "source", "load_frames")
    suffix = path.suffix.lower()
    if suffix in WORKBOOK_SUFFIXES:
        result = load_xlsx(
            path, strict=strict, validate=validate, progress=progress, max_elements=max_elements
        )
        return _from_result(pl, result)
    if suffix == ".json":
        return _from_result(
            pl, load_json(path, strict=strict, validate=validate, progress=progress)
        )
    if not path.is_dir() and suffix != ".csv":
        # As load refuses it: read as CSV, it was a file "to be named members.csv".
        raise unknown_format(path)
    collector = Collector(progress=progress, validate=validate)
    frames: dict[str, Any] = {}
    if is_parquet_folder(path):
        tables = parquet_tables(path)
        tables_not_parquet(collector, path)
        for file, schema in tables:
            if schema is None:
                unknown_table(collector, file)
                continue
            got = read_table(collector, file, max_rows)
            if got is None:
                continue
            header, frame = got
            del got
            if schema.key in _FRAMED:
                table = _ParquetTable(pl, collector, schema, file.name, header, frame)
                table.members = frames.get("members")
                # The table holds the raw frame alone from here: it lets it go once its
                # doubtful rows are gathered, before the next table is read.
                del frame
                frames[schema.key] = table.read()
                del table
            else:
                read_rows(collector, schema, file.name, header, frame)
    else:
        files = csv_files(path) if path.is_dir() else [path]
        if path.is_dir():
            tables_not_csv(collector, path)
        for file in files:
            schema = schema_for(file.stem)
            if path.is_dir() and schema is None:
                if is_about(file.stem):
                    read_csv_about(collector, file)
                else:
                    unknown_csv(collector, file)
            elif schema is not None and schema.key in _FRAMED:
                reader = _CsvTable(pl, collector, schema, file, max_field)
                reader.members = frames.get("members")
                frames[schema.key] = reader.read()
            else:
                read_csv_table(collector, file, schema, max_field)
                for key, framed in _FRAMED.items():
                    if collector.records[key]:
                        frames[key] = records_frame(pl, framed, collector.records[key])
                        collector.records[key] = []
    for key, schema in _FRAMED.items():
        if key not in frames:
            frames[key] = pl.DataFrame(schema=frame_schema(pl, schema))
    collector.frames = frames  # validation reads the members' and events' ids there
    result = collector.result(strict=strict)
    data = result.dataset
    return FrameLoad(
        data.organizations,
        data.units,
        data.org_events,
        frames["members"],
        frames["evaluations"],
        frames["member_events"],
        result.problems,
        data.name,
        data.year,
        tables=result.tables,
    )


# -- one table --------------------------------------------------------------------------------


class _Table:
    """One member table read column by column; its doubtful rows go to the record loader.

    Subclasses give the raw frame (one column per header cell, in order), whether its
    cells are typed, and a row's cells as the record loader reads them.
    """

    typed = False
    #: The members frame, read before the evaluations (an evaluation's subject may be
    #: told from it).
    members: Any = None

    def __init__(self, pl: Any, collector: Collector, schema: RecordSchema, name: str) -> None:
        self.pl = pl
        self.out = collector
        self.schema = schema
        self.name = name
        #: Text columns as typed (trimmed), where the record normalizes them.
        self.as_typed: dict[str, Any] = {}
        #: The distinct cells present of each of those columns, asked once.
        self.distinct: dict[str, Any] = {}

    # What a subclass gives.
    def raw(self) -> tuple[list[str], Any] | None:
        """The header and the raw frame, or ``None`` to read the table by the record loader."""
        raise NotImplementedError

    def rows(self, indices: Any) -> list[tuple[Any, ...]]:
        """The raw rows at *indices*."""
        rows: list[tuple[Any, ...]] = self.frame[indices].rows()
        return rows

    def row(self, table: TableReader, number: int, cells: tuple[Any, ...]) -> None:
        """Read one raw row (numbered *number*) through the record loader."""
        raise NotImplementedError

    def by_records(self) -> None:
        """Read the whole table through the record loader."""
        raise NotImplementedError

    def lend_member_ids(self) -> None:
        """Give the record loader the member ids, which it asks for when an evaluation's
        id is also an organization's: here the members are a frame, not records."""
        if self.schema.key == "evaluations" and self.out.records["organizations"]:
            members = self.members.get_column("id") if self.members is not None else ()
            self.out.member_ids = frozenset(members)

    def release(self) -> None:
        """Let go of what the raw frame was made from (the raw rows are gathered)."""

    def doubtful(self) -> Any:
        """Which raw rows the record loader must read for the layout's sake (a Series)."""
        return self.pl.repeat(False, self.frame.height, eager=True)

    # The reading.
    def read(self) -> Any:
        pl = self.pl
        key = self.schema.key
        got = self.raw()
        if got is None:
            return self._taken()
        header, self.frame = got
        del got  # self.frame alone holds the raw cells, let go of below
        scratch = TableReader(Collector(progress=False), self.schema, self.name, header)
        if not scratch.readable:
            self.by_records()
            return self._taken()
        table = TableReader(self.out, self.schema, self.name, header, typed=self.typed)
        height = self.frame.height
        parsed: dict[str, Any] = {}
        bad = self.doubtful()
        present = set()
        coded: list[tuple[int, Column]] = []
        free: list[tuple[int, Column]] = []
        for index, column, _label, _blank in table.slots:
            present.add(column.field)
            if self.frame.dtypes[index] != pl.String:
                values, rejected = self._parse_typed(column, self.frame.to_series(index))
                parsed[column.field] = values
                bad = bad | rejected
            elif isinstance(column.codec, (IdCodec, TextCodec)):
                free.append((index, column))
            else:
                coded.append((index, column))
        for field, (values, rejected) in self._parse_free(free).items():
            parsed[field] = values
            bad = bad | rejected
        for field, (values, rejected) in self._parse_coded(coded).items():
            parsed[field] = values
            bad = bad | rejected
        types = frame_schema(pl, self.schema)
        columns = {}
        for column in self.schema.columns:
            series = parsed.get(column.field)
            if series is None or series.null_count() == height:
                # Held as missing values only: a column of text read from a file, or
                # made from a list of Nones, holds 16 bytes a row even when empty.
                series = pl.repeat(None, height, dtype=types[column.field], eager=True)
            default = _frame_cell(column, self.schema.defaults.get(column.field))
            if default is not None:
                series = series.fill_null(default)
            columns[column.field] = series.alias(column.field)
        values = pl.DataFrame(columns)
        del parsed, columns, series  # the frame holds the columns alone (see _each_column)
        bad = bad | self._questioned(values, present, bad)
        self.as_typed.clear()
        self.distinct.clear()
        self.out.progress.update(self.name, height)
        # The doubtful rows, in order, through the record loader: gathered once. A blank
        # row is among them (its required cells are blank): the loader skips it unsaid.
        slow = bad.arg_true()
        rows = self.rows(slow)
        # The pieces the raw columns come in (see below), before the raw cells go.
        pieces = [len(piece) for piece in self.frame.to_series(0).get_chunks()]
        self.frame = None  # the raw cells are not needed any more
        self.release()
        before = len(self.out.records[key])
        placed = self.out.placed(key)
        loaded: list[int] = []
        stop = height
        for index, cells in zip(slow.to_list(), rows, strict=True):
            count = len(self.out.records[key])
            self.row(table, index + 2, cells)
            if len(self.out.records[key]) > count:
                loaded.append(index)
            if self.out.full(self.name):
                # As the record loader does: no row after this one is read, and it says
                # so only when there is such a row.
                if index + 1 < height:
                    self.out.stop(self.name, index + 3)
                stop = index + 1
                break
        table.finish()
        records = self.out.records[key][before:]
        del self.out.records[key][before:]
        if records:  # the rows the record loader built, in their places
            built = records_frame(pl, self.schema, records)
            at = pl.Series(loaded, dtype=pl.Int64)
            columns = values.get_columns()
            del values
            for at_column, series in enumerate(columns):
                given = built.get_column(series.name)
                # A column the loader read alike at those rows is kept as it is (shared
                # with the raw cells, or empty at no cost): written anew, it is copied.
                if not series.gather(at).equals(given, check_dtypes=True, null_equal=True):
                    columns[at_column] = series.scatter(at, given)
                del series, given
            values = pl.DataFrame(columns)
            del columns
            bad = bad.scatter(at, False)
        drop = bad
        if stop < height:
            drop = drop | (pl.int_range(0, height, eager=True) >= stop)
        keep = ~drop if drop.any() else None
        # Every column in the same pieces: an eager select or filter of a frame whose
        # columns are cut at different rows copies the whole of it first. Those of the
        # raw columns (a Parquet file's row groups), which most columns share, unless
        # rows are dropped. Column by column, each old one let go of before the next
        # is made: the table is not held twice.
        columns = values.get_columns()
        del values
        for at_column, series in enumerate(columns):
            columns[at_column] = (
                _in_pieces(pl, series, pieces) if keep is None else series.filter(keep)
            )
            del series
        values = pl.DataFrame(columns)
        del columns
        if key == "member_events":
            # Validation points an event's problem at its row: row 1 is the header.
            kept = ((~drop).arg_true() + 2).to_list()
            self.out.place(key, placed, self.name, kept, table.labels)
        return values

    def _taken(self) -> Any:
        """The frame of the records the record loader built for the whole table."""
        key = self.schema.key
        records = self.out.records[key]
        self.out.records[key] = []
        return records_frame(self.pl, self.schema, records)

    # Columns.
    def _parse_coded(self, coded: list[tuple[int, Column]]) -> dict[str, tuple[Any, Any]]:
        """The text columns whose values repeat (codes, dates, yes/no, numbers), together.

        Each column's distinct cells are read once, as the record loader reads a cell
        (trimmed as Python trims, then the codec), and the whole column is then mapped
        through them: one query for the distinct cells of every column, then one query a
        column for its values, run together (polars spreads them over the cores); no
        column is copied to be trimmed.
        """
        if not coded:
            return {}
        pl = self.pl
        names = [self.frame.columns[index] for index, _ in coded]
        distinct = self.frame.select(pl.col(name).unique().implode() for name in names).row(0)
        types = frame_schema(pl, self.schema)
        queries: list[tuple[Any, Any]] = []
        asked: list[Column] = []
        parsed = {}
        for (index, column), name, cells in zip(coded, names, distinct, strict=True):
            keys: list[str] = []
            read: list[Any] = []
            blank: list[str] = []
            refused: list[str] = []
            for cell in cells:
                if cell is None:
                    continue
                text = cell.strip()
                if not text:
                    blank.append(cell)
                    continue
                try:
                    value = column.codec.from_text(text)
                except BadValueError:
                    refused.append(cell)
                    continue
                keys.append(cell)
                read.append(_frame_cell(column, value))
            if not blank and not refused and read == keys:
                # Every cell is its own value (codes as written): the column as read,
                # shared, not a copy of it.
                same = self.frame.to_series(index)
                parsed[column.field] = (same, (same.is_null() & column.required))
                continue
            raw = pl.col(name)
            if isinstance(column.codec, DateCodec) and all(map(ISO_DATE.fullmatch, keys)):
                # Every date read is written as ISO writes it: polars reads the column
                # itself, seven times faster than looking up each cell. Blank and
                # refused cells are emptied first: polars reads some the codec refuses
                # ("0000-01-01", " 1980-01-05", "1980-1-5") as days, and a year 0 is no
                # Python date when a refused row's values are read back.
                given = (
                    pl.when(raw.is_in(blank + refused))
                    .then(None)
                    .otherwise(raw.str.to_date("%Y-%m-%d", strict=False))
                )
            elif read == keys and types[column.field] == pl.String:
                # Each cell read is its own value (codes as written), the others blank
                # or refused: those alone are emptied, five times faster than looking
                # up each cell.
                given = pl.when(raw.is_in(blank + refused)).then(None).otherwise(raw)
            elif len(keys) <= _FEW_KEYS:
                # A few values (yes and no, one year): compared with, not looked up.
                dtype = types[column.field]
                given = pl.lit(None, dtype=dtype)
                for key, value in zip(reversed(keys), reversed(read), strict=True):
                    given = pl.when(raw == key).then(pl.lit(value, dtype=dtype)).otherwise(given)
            else:
                dtype = types[column.field]
                given = raw.replace_strict(keys, read, default=None, return_dtype=dtype)
            given = given.alias(f"v{len(queries)}")
            blanks = raw.is_null() | raw.is_in(blank) if blank else raw.is_null()
            rejected = blanks & column.required
            if refused:
                rejected = rejected | raw.is_in(refused)
            queries.append((given, rejected.fill_null(False).alias(f"r{len(queries)}")))
            asked.append(column)
        # One query a column, run together: polars spreads them over the cores (one
        # query of all the columns let polars 2.1 merge alike parts across columns,
        # wrongly).
        frame = self.frame.lazy()
        results = pl.collect_all([frame.select(pair) for pair in queries]) if queries else []
        for column, result in zip(asked, results, strict=True):
            parsed[column.field] = (result.to_series(0), result.to_series(1))
        return parsed

    def _parse_typed(self, column: Column, raw: Any) -> tuple[Any, Any]:
        """A column typed by a Parquet writer (checked in _ParquetTable.raw): its values,
        and the rows whose cell is refused."""
        pl = self.pl
        dtype = frame_schema(pl, self.schema)[column.field]
        blank = raw.is_null()
        rejected = blank & column.required
        codec = column.codec
        if isinstance(codec, IntCodec):
            # Any integer type a writer chose, as 64-bit: a number past them is the
            # record loader's to name.
            wide = raw.cast(pl.Int64, strict=False)
            outside = wide.is_null() | ~wide.is_between(codec.low, codec.high)
            rejected = rejected | ~blank & outside
            return wide, rejected.fill_null(False)
        return raw.cast(dtype), rejected.fill_null(False)

    def _parse_free(self, free: list[tuple[int, Column]]) -> dict[str, tuple[Any, Any]]:
        """The columns of ids and free text: their values, and the rows refused.

        What each column needs is asked of all of them together (polars answers a
        column per core, see _free_flags): whether a cell has space at an end, whether
        one is blank, whether one is not ASCII. Most columns of ids need nothing more.
        """
        if not free:
            return {}
        pl = self.pl
        normalized = _normalized_fields(self.schema.record)
        flags, distinct = self._free_flags(free, normalized)
        free_text = FREE_TEXT_FIELDS[self.schema.key]
        parsed = {}
        for at, (index, column) in enumerate(free):
            has_space, has_blank, past_ascii, shown_number, hashed = flags[at]
            text = read = self.frame.to_series(index)
            odd = None
            if has_space:
                text = text.str.strip_chars()
                # Python trims the separators U+001C to U+001F too, polars does not: a
                # cell left with one at an end is the record loader's.
                odd = text.str.contains("^[\x1c-\x1f]|[\x1c-\x1f]$").fill_null(False)
            if has_space or has_blank:
                empty = (text == "").fill_null(False)
                # Only a column holding an empty cell is written anew: one holding no
                # more than missing values (most optional columns) stays the one read.
                text = text.set(empty, None) if empty.any() else text
                rejected = (text.is_null() & column.required).fill_null(False)
            else:
                rejected = pl.repeat(False, text.len(), eager=True)
            if odd is not None and odd.any():
                rejected = rejected | odd
            # A large number as a spreadsheet shows it: refused by an id's codec, warned
            # of in a column of digits (an identity or phone number). The pattern only
            # where "E+" is: a plain search first, ids are many.
            if (isinstance(column.codec, IdCodec) or column.leading_zeros) and shown_number:
                cut = text.str.contains(f"^(?:{SCIENTIFIC})$").fill_null(False)
                rejected = rejected | cut
            # A spreadsheet's error value saved as text (#N/A): the record loader's. A
            # plain search first, as for "E+".
            if hashed:
                errors = text.is_in(sorted(CELL_ERRORS)).fill_null(False)
                rejected = rejected | errors
            if isinstance(column.codec, IdCodec):
                if past_ascii:  # printable ASCII is composed, and shows all it holds
                    hidden = _invisible(text)
                    if hidden is not None:
                        rejected = rejected | hidden
                    text = _composed(text)
            elif isinstance(column.codec, CodeCodec):
                # A number kept as text is refused as an id is when it hides a character.
                hidden = _invisible(text) if past_ascii else None
                if hidden is not None:
                    rejected = rejected | hidden
            elif column.field in normalized:
                self.as_typed[column.field] = text  # what the loader's checks read
                # The distinct cells _free_flags searched, when they are those of text.
                names = distinct.get(at) if text is read else None
                if names is None:
                    names = text.drop_nulls().unique()
                self.distinct[column.field] = names
                normal = _normalized(text, names)
                if normal is not text:
                    # A name of zero-width characters alone normalizes to nothing, which
                    # the record refuses as blank: its row is the record loader's to name.
                    emptied = (normal == "").fill_null(False)
                    if emptied.any():
                        rejected = rejected | emptied
                text = normal
            elif column.field in free_text and past_ascii:
                # An address holding a control or format character is kept, with a
                # warning the record loader gives: its row is the record loader's.
                hidden = _hidden_text(text)
                if hidden is not None:
                    rejected = rejected | hidden
            parsed[column.field] = (text, rejected)
        return parsed

    def _free_flags(
        self, free: list[tuple[int, Column]], normalized: frozenset[str]
    ) -> tuple[list[tuple[bool, bool, bool, bool, bool]], dict[int, Any]]:
        """For each column of *free*: whether a cell has space at an end, whether one is
        blank, whether one is past printable ASCII, holds "E+", holds "#"; and the
        distinct cells present of the columns searched through them (by their place in
        *free*).

        The cells present only are searched: polars runs a search over every row, a
        missing one too, and optional columns are mostly empty (the search of a column
        of tổ đảng ids cost ten times the cells it holds). One pattern first asks
        whether a column needs any of the four searches (a cell past printable ASCII,
        with "#" or "E+", or with a space, tab or line break at an end: every character
        Python trims outside those is past printable ASCII): a column of plain ids, the
        most of them, is searched once, not four times. A column the record normalizes
        (names) is searched through its distinct cells, which _normalized reads anyway:
        names repeat, a tenth as many as the rows or fewer.
        """
        pl = self.pl
        columns = [pl.col(self.frame.columns[index]) for index, _ in free]
        # A column of names goes to the four searches through its distinct cells without
        # the first pattern over its every row, which Vietnamese names always match:
        # the distinct cells are read anyway, and in a column the pattern finds nothing
        # in, the four searches find nothing either (each of their finds is one of its).
        names = {at for at, (_index, column) in enumerate(free) if column.field in normalized}
        first = self.frame.select(
            expr
            for at, raw in enumerate(columns)
            for expr in (
                (raw.is_null() | (raw == "")).any().alias(f"b{at}"),
                *(
                    ()
                    if at in names
                    else (raw.drop_nulls().str.contains(_UNUSUAL).any().alias(f"s{at}"),)
                ),
            )
        ).row(0, named=True)
        flags = [(False, bool(first[f"b{at}"]), False, False, False) for at in range(len(free))]
        unusual = [at for at in range(len(free)) if at in names or first[f"s{at}"]]
        if not unusual:
            return flags, {}
        distinct = {
            at: self.frame.to_series(free[at][0]).drop_nulls().unique()
            for at in unusual
            if free[at][1].field in normalized
        }
        asked = []
        for at in unusual:
            given = pl.lit(distinct[at]) if at in distinct else columns[at].drop_nulls()
            # Only a cell's ends are looked at: a cell that trimming changes. Trimmed
            # of the characters themselves: twice as fast as a pattern on a cell's
            # first and last characters.
            ends = given.str.strip_chars(_ENDS) != given
            asked += [
                ends.any().alias(f"e{at}"),
                # Past printable ASCII: to compose, or maybe an invisible character.
                given.str.contains(r"[^\t\n\r\x20-\x7e]").any().alias(f"u{at}"),
                # What may be a number as a spreadsheet shows it, or an error value
                # (see _parse_free); trimming moves neither.
                given.str.contains("E+", literal=True).any().alias(f"n{at}"),
                given.str.contains("#", literal=True).any().alias(f"h{at}"),
            ]
        found = self.frame.select(asked).row(0)
        for i, at in enumerate(unusual):
            space, past_ascii, number, hashed = (bool(f) for f in found[4 * i : 4 * i + 4])
            flags[at] = (space, flags[at][1], past_ascii, number, hashed)
        return flags, distinct

    def _questioned(self, values: Any, present: set[str], bad: Any) -> Any:
        """The rows whose record would be refused or warned of when built (*bad*: those
        the record loader reads already)."""
        pl = self.pl
        today = _dt.date.today()
        dates = [c.field for c in self.schema.columns if isinstance(c.codec, DateCodec)]
        doubt = pl.lit(False)
        for field in dates:
            doubt = doubt | (pl.col(field) > today).fill_null(False)
        key = self.schema.key
        if key == "members":
            names = self.as_typed.get("full_name", values.get_column("full_name"))
            distinct = self.distinct.get("full_name")
            if distinct is None:
                distinct = names.drop_nulls().unique()
            doubt = doubt | _member_doubts(pl, names, distinct, self.out)
        elif key == "evaluations":
            doubt = doubt | self._refused_combinations(values, Evaluation, ("subject_id",))
            orgs = self.out.records["organizations"]
            if orgs and "subject" not in present:
                hit = values.get_column("subject_id").is_in([o.id for o in orgs])
                if hit.any() or bad.any():
                    # The loader asks whether a member has the id too (of a row it reads
                    # for another reason as well: its id, as read here, may be untrimmed).
                    self.lend_member_ids()
                    doubt = doubt | pl.lit(hit)
        else:
            doubt = doubt | self._refused_combinations(values, MemberEvent, ("member_id",))
        # Lazily: an eager select of a frame whose columns are cut in chunks at different
        # rows copies every column of it first, to align them (the whole table again).
        return values.lazy().select(doubt.fill_null(False).alias("d")).collect().to_series()

    def _refused_combinations(self, values: Any, record: type, ids: tuple[str, ...]) -> Any:
        """Rows whose combination of values the record type refuses.

        Ids and free text are only checked to be there (non-blank, as read), so each
        combination of the other values is built once, with stand-ins for them.
        """
        pl = self.pl
        text = [
            c.field
            for c in self.schema.columns
            if isinstance(c.codec, (TextCodec, IdCodec)) and c.field not in ids
        ]
        others = [
            c.field for c in self.schema.columns if c.field not in ids and c.field not in text
        ]
        keyed = [pl.col(f) for f in others] + [pl.col(f).is_not_null().alias(f) for f in text]
        # A column missing throughout is one value in every combination (None, or False
        # for its presence): the distinct combinations are those of the other columns,
        # it added. A unique costs by its columns, and most of an evaluation's are empty
        # throughout (a quarterly review's tasks, a score).
        empty = [f for f in [*others, *text] if values.get_column(f).null_count() == values.height]
        if len(empty) == len(others) + len(text):
            empty.pop()  # one column kept: a unique of no column has no row
        alike = {f: None if f in others else False for f in empty}
        varying = [k for f, k in zip([*others, *text], keyed, strict=True) if f not in alike]
        if "org_id" in text and "other_org_id" in text:
            same = (pl.col("org_id") == pl.col("other_org_id")).fill_null(False).alias("_same")
            keyed.append(same)
            varying.append(same)
        combos = (
            values.lazy()  # lazily: see _questioned
            .select(varying)
            .unique()
            .with_columns(
                pl.lit(value, dtype=pl.Boolean if value is False else values.schema[f]).alias(f)
                for f, value in alike.items()
            )
            .collect()
        )
        defaults = {a.name for a in attrs.fields(record) if a.default is not attrs.NOTHING}
        refused = []
        for combo in combos.iter_rows(named=True):
            fields: dict[str, Any] = dict.fromkeys(ids, "x")
            for field in others:
                if combo[field] is not None or field not in defaults:
                    fields[field] = record_value(self.schema.by_field[field], combo[field])
            for field in text:
                if combo[field]:
                    fields[field] = "a"
                elif field not in defaults:
                    fields[field] = None
            if combo.get("_same") is False and fields.get("other_org_id") == "a":
                fields["other_org_id"] = "b"
            try:
                record(**fields)
            except (ValueError, TypeError):
                refused.append(combo)
        if not refused:
            return pl.lit(False)
        bad = pl.DataFrame(refused, schema=combos.schema, orient="row").with_columns(
            pl.lit(True).alias("_refused")
        )
        flags = (
            values.lazy()
            .select(keyed)
            .join(
                bad.lazy(), on=combos.columns, how="left", nulls_equal=True, maintain_order="left"
            )
            .select(pl.col("_refused").fill_null(False))
            .collect()
        )
        return pl.lit(flags.to_series())


def _in_pieces(pl: Any, series: Any, pieces: list[int]) -> Any:
    """*series* in chunks of *pieces* rows: itself when it is, else cut from it in one
    piece (slices share its memory, and are appended without a copy)."""
    if [len(piece) for piece in series.get_chunks()] == pieces:
        return series
    whole = series.rechunk()
    if len(pieces) == 1:
        return whole
    cut = []
    start = 0
    for length in pieces:
        cut.append(whole.slice(start, length))
        start += length
    return pl.concat(cut, rechunk=False)


def _normalized_fields(record: Any) -> frozenset[str]:
    """The text fields *record* normalizes (:func:`~coso_dang.vi.text.normalize`)."""
    return frozenset(a.name for a in attrs.fields(record) if a.converter is normalized)


def _composed(text: Any) -> Any:
    """*text* with each cell past ASCII read as the id's codec reads it: composed to NFC
    as Python composes it, a space other than the space bar's as that space.

    Not by polars: it may know a later Unicode than the interpreter, and compose pairs
    the record loader leaves apart.
    """
    given = text.drop_nulls()  # a search runs over missing cells too (see _free_flags)
    unusual = given.filter(given.str.contains(r"[^\x00-\x7f]")).unique().to_list()
    return text.replace(unusual, [IdCodec.composed(cell) for cell in unusual])


def _invisible(text: Any) -> Any:
    """The cells of *text* holding an invisible character, as the id's codec tells them
    (each distinct cell past ASCII asked once); ``None`` when there is none."""
    given = text.drop_nulls()  # a search runs over missing cells too (see _free_flags)
    unusual = given.filter(given.str.contains(r"[^\t\n\r\x20-\x7e]")).unique().to_list()
    hidden = [cell for cell in unusual if IdCodec.looks_like_another(cell)]
    return text.is_in(hidden).fill_null(False) if hidden else None


def _hidden_text(text: Any) -> Any:
    """The cells of free *text* holding a control or format character, as
    :func:`~coso_dang._checks.has_invisible` tells them; ``None`` when there is none.

    One pattern over the column (addresses are many and nearly all distinct), each cell
    it finds asked again of Python, whose Unicode may differ from polars'.
    """
    given = text.drop_nulls()  # a search runs over missing cells too (see _free_flags)
    found = given.filter(given.str.contains(_HIDDEN)).unique().to_list()
    hidden = [cell for cell in found if has_invisible(cell)]
    return text.is_in(hidden).fill_null(False) if hidden else None


def _normalized(text: Any, names: Any) -> Any:
    """*text* as :func:`~coso_dang.vi.text.normalize` leaves it (*names*: its distinct
    cells present).

    Names repeat, and repeat their words: each distinct name is looked at once, and each
    distinct word normalized once; a name whose words all stay as they are,
    single-spaced, is left, the others are normalized whole.
    """
    words = names.str.split(" ").explode().unique().to_list()
    moved = [w for w in words if normalize(w) != w]
    changed = names.str.contains(r"\s\s|[^\S ]|^\s|\s$")
    if moved:
        changed = changed | names.str.contains("|".join(re.escape(w) for w in moved if w))
    fixed = names.filter(changed).to_list()
    if not fixed:
        return text
    return text.replace(fixed, [normalize(n) for n in fixed])


def _frame_cell(column: Column, value: Any) -> Any:
    from coso_dang.io._frames import cell_value

    return cell_value(column, value)


def _member_doubts(pl: Any, names: Any, distinct: Any, collector: Collector) -> Any:
    """Members whose record the loader would refuse or warn of (see the module's note).

    *names*: the full names as typed (the loader checks them before the record
    normalizes them); *distinct*: those present, each once.
    """
    admitted = pl.col("admitted_on")
    born = pl.col("birth_date")
    doubt = admitted <= born
    for later in ("ceremony_on", "official_on", "left_on", "exempted_on"):
        doubt = doubt | (pl.col(later) < admitted)
    doubt = doubt | (pl.col("official_on") < pl.col("ceremony_on"))
    # Under age at admission, told by the days between the two dates alone: the
    # birthday of that age comes at least 365 days a year after birth, and at most 366
    # (one born on 29/2 has it on 1/3, still within that). A row between the two
    # bounds, rare, is the record loader's to judge; the year, month and day of every
    # date, taken apart, cost more than the rest of the checks together.
    days = admitted.cast(pl.Int32) - born.cast(pl.Int32)
    doubt = doubt | (days < ADMISSION_MIN_AGE * 366) | (admitted < PARTY_FOUNDED)
    # Over MAX_AGE_ON_ROLLS on the last day on the rolls: at least 365 days a year, so
    # every such row is among those past that many days; the loader judges them.
    last = pl.min_horizontal(pl.col("left_on"), pl.lit(_dt.date.today())).cast(pl.Int32)
    doubt = doubt | (last - born.cast(pl.Int32) > MAX_AGE_ON_ROLLS * 365)
    # A phone number holding a letter: the loader tells a note beside the digits from
    # a letter in their place, and warns of the latter.
    doubt = doubt | pl.col("phone").str.contains(r"\p{L}")
    # A reason for leaving without its day: warned of there.
    doubt = doubt | (pl.col("leave_reason").is_not_null() & pl.col("left_on").is_null())
    # Gaps in activity are few: their rows are read by the record loader.
    doubt = doubt | pl.col("inactive_periods").is_not_null()
    # An identity number that is none (a leading zero lost, a letter): warned of there.
    identity = pl.col("identity_number")
    doubt = doubt | (
        identity.is_not_null()
        & ~identity.str.replace_all(IDENTITY_SEPARATORS.pattern, "").str.contains(
            f"^(?:{IDENTITY_NUMBER.pattern})$"
        )
    )
    # A name that may be TCVN3 or VNI typing, or UTF-8 misread as Windows-1252 or -1258,
    # or hold a control or format character: decided by the loader's own tests.
    maybe = (
        distinct.str.contains(_LATIN1_HIGH)
        & (~distinct.str.contains(_GENUINE) | ~distinct.str.contains(_NOT_MISREAD))
    ) | distinct.str.contains(_HIDDEN)
    legacy = [
        n
        for n in distinct.filter(maybe).to_list()
        if has_invisible(normalize(n)) or detect_legacy_encoding(n) or repair_misread_utf8(n)
    ]
    if legacy:
        doubt = doubt | pl.lit(names.is_in(legacy))
    orgs = collector.records["organizations"]
    if orgs:  # a chi bộ given by its name is looked up by the loader
        doubt = doubt | ~pl.col("org_id").is_in([o.id for o in orgs])
    return doubt.fill_null(False)


class _CsvTable(_Table):
    def __init__(
        self, pl: Any, collector: Collector, schema: RecordSchema, path: Path, max_field: int
    ) -> None:
        super().__init__(pl, collector, schema, path.name)
        self.path = path
        self.max_field = max_field

    def by_records(self) -> None:
        self.lend_member_ids()
        read_csv_table(self.out, self.path, self.schema, self.max_field)

    def raw(self) -> tuple[list[str], Any] | None:
        pl = self.pl
        with self.path.open(encoding="utf-8-sig", errors="surrogateescape", newline="") as f:
            first = f.readline()
            second = f.readline()
        # A line that ends in a lone carriage return ends there for Python, not for
        # polars, which would skip the rest of it with the header: the record loader's.
        lone_return = first.endswith("\r")
        if not first.strip() or "\udc80" <= max(first) or first.count('"') % 2 or lone_return:
            self.by_records()
            return None
        header, delimiter = split_line(first)
        below = next(csv.reader([second], delimiter=delimiter), [])
        if second.count('"') % 2 or continued_header(self.schema, header, below) is not None:
            # The header's second row (see continued_header), or maybe one over several
            # lines: the record loader's.
            self.by_records()
            return None
        self.width = len(header)
        self.delimiter = delimiter
        names = {f"c{i}": pl.String for i in range(self.width)}
        try:
            frame = pl.read_csv(
                self.path,
                has_header=False,
                skip_rows=1,
                separator=delimiter,
                schema=names,
                empty_string_is_null=False,
                encoding="utf8",
                raise_if_empty=False,
            )
            # The lines of the file, each whole (no separator, no quote), to count the
            # cells of each row: read lazily, only the counts are kept, never the lines.
            scan = pl.scan_csv(
                self.path,
                has_header=False,
                skip_rows=1,
                separator="\x1f",
                quote_char=None,
                schema={"line": pl.String},
                empty_string_is_null=False,
                encoding="utf8",
                raise_if_empty=False,
            ).with_row_index("at")
            # Separators counted outside quotes; the lines with a quote (a cell holding
            # the separator) are few and counted apart. Such a line is read here only
            # if quoted as the csv module reads it alike: each cell either holds no
            # quote or is quoted whole (a quote inside doubled). A quote elsewhere (5"A,
            # "a"b, a space before the quote) polars reads otherwise, or not at all: the
            # record loader's. (The separators, "," ";" and a tab, mean nothing in a
            # pattern.)
            line = pl.col("line")
            cells = (line.str.count_matches(delimiter, literal=True) + 1).alias("n")
            quoted = line.str.contains('"', literal=True)
            cell = f'(?:[^"{delimiter}]*|"(?:[^"]|"")*")'
            plain = line.str.contains(f"^{cell}(?:{delimiter}{cell})*$")
            bare = line.str.replace_all('"(?:[^"]|"")*"', "").str.count_matches(
                delimiter, literal=True
            )
            # A carriage return left inside a line ends a line for Python (an old Mac
            # line end, or one typed in a cell), not for polars: the rows differ.
            returns = line.str.contains("\r", literal=True).alias("r")
            # A line that may hold a cell guarded against formulas or a text formula
            # (see doubtful): such a cell starts with "'" or '="', which its line holds
            # as it is, or quoted ('"=""'). A file with no such line (the most of them)
            # is not searched cell by cell for one, a search over every cell of every
            # column (0,7 s of a national members file read at scale 0,3).
            guard = (
                line.str.contains("'", literal=True) | line.str.contains('="', literal=True)
            ).alias("g")
            # Two scans of the lines, one after the other: run side by side
            # (collect_all), each held its share of the file's lines at once, twice the
            # memory of the largest alone (the members file at scale 0,1: 412 MB for
            # four, 196 MB in turn) and no less time. Each asks all it needs of the
            # lines it reads: the count of every line's cells and its carriage returns,
            # then the quoted lines' count and whether the csv module reads them alike.
            # A file without a quote (the most of them) is not read a second time for
            # its quoted lines: whether a line holds one is asked in the first scan.
            counted = scan.select(cells, returns, quoted.alias("q"), guard).collect()
            requoted = (
                scan.filter(quoted).select("at", (bare + 1).alias("n"), plain.alias("p")).collect()
                if counted.get_column("q").any()
                else None
            )
            carriage = counted.get_column("r").any()
            stray = requoted is not None and not requoted.get_column("p").all()
        except (OSError, pl.exceptions.PolarsError):
            self.by_records()
            return None
        if counted.height != frame.height or frame.height == 0 or carriage or stray:
            # A cell over several lines, a line broken by a lone carriage return (or an
            # empty table): the record loader's work.
            self.by_records()
            return None
        # Bytes first: a cell is never longer in characters than in bytes.
        longest = frame.select(pl.max_horizontal(pl.all().str.len_bytes().max())).item()
        if longest is not None and longest > self.max_field:
            longest = frame.select(pl.max_horizontal(pl.all().str.len_chars().max())).item()
        if longest is not None and longest > self.max_field:
            self.by_records()
            return None
        self.guarded = bool(counted.get_column("g").any())
        # The cells of each line, to tell a short row (which polars pads) from blank cells.
        self.fields = counted.get_column("n")
        del counted  # its carriage returns told
        if requoted is not None and requoted.height:
            self.fields = self.fields.scatter(
                requoted.get_column("at"), requoted.get_column("n").cast(self.fields.dtype)
            )
        return header, frame

    def doubtful(self) -> Any:
        pl = self.pl
        # A short row, a cell a writer guarded against formulas and a text formula
        # (="0123"), which restore_cell reads: the loader's.
        short = self.fields < self.width
        if not self.guarded:  # no line holds one (see raw)
            return short
        formula = pl.all().str.starts_with("'") | pl.all().str.starts_with('="')
        guarded = self.frame.select(pl.any_horizontal(formula).alias("g"))
        return short | guarded.to_series()

    def rows(self, indices: Any) -> list[tuple[Any, ...]]:
        widths = self.fields.gather(indices).to_list()
        return [row[:width] for row, width in zip(super().rows(indices), widths, strict=True)]

    def row(self, table: TableReader, number: int, cells: tuple[Any, ...]) -> None:
        table.row(number, [restore_cell(cell) for cell in cells])


class _ParquetTable(_Table):
    typed = True

    def __init__(
        self,
        pl: Any,
        collector: Collector,
        schema: RecordSchema,
        name: str,
        header: list[str],
        frame: Any,
    ) -> None:
        super().__init__(pl, collector, schema, name)
        #: The file's header; the frame's columns are named by place (see read_table).
        self.header = header
        self.given = frame

    def by_records(self) -> None:
        self.lend_member_ids()
        read_rows(self.out, self.schema, self.name, self.header, self.given)

    def release(self) -> None:
        self.given = None

    def raw(self) -> tuple[list[str], Any] | None:
        pl = self.pl
        header = self.header
        probe = TableReader(Collector(progress=False), self.schema, self.name, header)
        for index, column, _label, _blank in probe.slots:
            dtype = self.given.dtypes[index]
            codec = column.codec
            fits = (
                dtype == pl.String
                or (dtype == pl.Date and isinstance(codec, DateCodec))
                or (dtype == pl.Boolean and isinstance(codec, BoolCodec))
                or (dtype.is_integer() and isinstance(codec, IntCodec))
                or dtype == pl.Null
            )
            if not fits:
                self.by_records()
                return None
        if self.given.height == 0 or self._long_text():
            self.by_records()
            return None
        frame = self.given.with_columns(pl.col(pl.Null).cast(pl.String))
        return header, frame

    def _long_text(self) -> bool:
        """Whether a text cell passes MAX_CSV_FIELD characters: the record loader names
        its row (see parquet.read_rows), so the table is read as it reads it."""
        pl = self.pl
        texts = [name for name, kind in self.given.schema.items() if kind == pl.String]
        if not texts:
            return False
        # Bytes first, as for a CSV file: a cell is never longer in characters than in
        # bytes, and its bytes are counted without reading them (three times faster).
        for length in ("len_bytes", "len_chars"):
            measure = getattr(pl.col(texts).str, length)()
            longest = self.given.select(pl.max_horizontal(measure.max())).item()
            if (longest or 0) <= MAX_CSV_FIELD:
                return False
        return True

    def row(self, table: TableReader, number: int, cells: tuple[Any, ...]) -> None:
        table.cells(number, {i: cell for i, cell in enumerate(cells) if cell is not None})
