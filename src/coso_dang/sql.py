"""The SQL path: a rollup from tables in a database, the members never leaving it.

Where the data lives in a database — PostgreSQL in production, SQLite or DuckDB embedded,
or Parquet files that DuckDB reads — :func:`rollup_sql` writes the per-chi-bộ count of
members and their ratings as one SQL query, lets the database run it, fetches the small
result (one row per chi bộ) and merges it up the tree exactly as
:func:`~coso_dang.frame.rollup_frame` does. Organizations and residential units are read
as records (a country's 300.000 are quick). On the same data the result equals
:func:`~coso_dang.rollup.rollup`'s, unknown counts included.

Tables and columns
------------------
The tables are those of a CSV folder written with field names (``headers="fields"``):

- ``organizations``: ``id``, ``name``, ``kind`` (required), ``parent_id``, ``sector``,
  ``grassroots_type``, ``founded_on``, ``dissolved_on``, ``has_chi_bo_quan_su``,
  ``has_chi_bo_cong_an``;
- ``units`` (optional): ``id``, ``name``, ``commune_id`` (required), ``kind``,
  ``chi_bo_id``, ``has_member``, ``head_is_member``;
- ``members``: ``id``, ``org_id``, ``admitted_on`` (required) and every column a member
  count reads (:data:`~coso_dang.frame.MEMBER_COLUMNS`; ``residence_unit_id`` may be
  absent);
- ``evaluations`` (optional; without it rating counts are unknown): ``subject_id``,
  ``year``, ``rating`` (required; the abbreviation, ``'HTTNV'``, or another spelling
  :meth:`Rating.parse <coso_dang.Rating.parse>` reads), ``subject``
  (``'member'`` or ``'organization'``, null: member) and ``period`` (``'nam'`` for the
  yearly review, the one counted; null: yearly).

Dates are SQL dates (in SQLite ISO text, ``'2024-12-31'``; a members' date held as
text elsewhere must be written year first too, or it is refused), flags booleans (in
SQLite 0 or 1; a members' flag held as text or a number is read as
:func:`~coso_dang.frame.rollup_frame` and the loaders read it: ``'true'``/``'false'``,
``'1'``/``'0'``, ``'có'``/``'không'`` in any case, with or without diacritics, ``'x'`` or
a tick, 0 or another number), coded values their codes (``'dai_hoc'``, ``'chi_bo_co_so'``).
Optional columns a table lacks are read as null. Member ids and the evaluations'
``subject_id`` beyond ASCII must be in NFC (composed Unicode, as a record's): written
otherwise they are refused by name, since not every engine can compose them (chi bộ and
unit ids are composed). Name your own tables and columns with
``tables=`` and ``columns=`` (``None`` for a column your table does not have).

Engines: DuckDB (extra ``duckdb``; a ``.duckdb`` file, or a folder of ``.parquet`` /
``.csv`` tables), SQLite (the standard library's :mod:`sqlite3`) and PostgreSQL (extra
``postgres``, psycopg). Give a DB-API connection, a file or folder, or a URL. The merge
needs the extra ``dataframe``.

>>> import sqlite3
>>> db = sqlite3.connect(":memory:")
>>> _ = db.executescript('''
...     CREATE TABLE organizations (id TEXT, name TEXT, kind TEXT, parent_id TEXT);
...     INSERT INTO organizations VALUES ('cb', 'Chi bộ cơ sở A', 'chi_bo_co_so', NULL);
...     CREATE TABLE members (id TEXT, org_id TEXT, admitted_on TEXT, ceremony_on TEXT,
...         official_on TEXT, left_on TEXT, is_working INTEGER,
...         keeps_residence_contact INTEGER, committee_role TEXT, education TEXT,
...         political_theory TEXT);
...     INSERT INTO members VALUES
...         ('dv1', 'cb', '2024-05-19', NULL, NULL, NULL, 1, 0, NULL, NULL, NULL),
...         ('dv2', 'cb', '2010-03-02', NULL, NULL, NULL, 0, NULL, NULL, NULL, NULL);
... ''')
>>> result = rollup_sql(db, year=2024)
>>> result.root["dang_vien"], result.root["ket_nap"], result.root["dang_vien_dang_cong_tac"]
(2, 1, 1)
"""

from __future__ import annotations

import errno
import re
import sqlite3
import sys
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from contextlib import suppress
from datetime import date
from decimal import Decimal
from enum import Enum
from itertools import repeat
from pathlib import Path
from types import TracebackType
from typing import Any, Literal
from urllib.parse import urlsplit

import attrs

from coso_dang._atomic import real_path
from coso_dang._counting import (
    CODED_COLUMNS,
    MAX_NAMED,
    RollupDates,
    member_counts,
    period_problems,
    rating_spellings,
    subject_problems,
    unread_ratings,
)
from coso_dang._dataframes import FLAG_SPACES, VIETNAM_ZONE, day_of
from coso_dang._extras import require
from coso_dang._gc import paused
from coso_dang._record_builder import builder
from coso_dang._record_columns import column_records
from coso_dang._yes_no import NO_TEXTS, YES_TEXTS, read_yes_no
from coso_dang.breakdowns import stray_codes_error
from coso_dang.dataset import Dataset
from coso_dang.errors import (
    CosoDangError,
    Problem,
    RecordError,
    TreeError,
    UsageError,
    record_where,
    table_where,
)
from coso_dang.evaluation import ReviewPeriod, SubjectKind
from coso_dang.frame import (
    MEMBER_COLUMNS,
    RATED_COLUMNS,
    rollup_counted,
    unknown_column,
)
from coso_dang.i18n import N_
from coso_dang.indicators import RATING_SUFFIXES
from coso_dang.io import PathError
from coso_dang.members import Member, coded_values
from coso_dang.orgs import GrassrootsType, Organization, OrgKind, ResidentialUnit, Sector, UnitKind
from coso_dang.ratings import Rating
from coso_dang.rollup import Rollup
from coso_dang.tree import OrgTree

__all__ = [
    "TABLES",
    "Database",
    "Dialect",
    "MissingSqlError",
    "connect",
    "counting_query",
    "read_tree",
    "rollup_sql",
    "write_tables",
]

#: The SQL engines the path speaks to.
Dialect = Literal["duckdb", "sqlite", "postgres"]

#: The tables the SQL path reads, by the library's names.
TABLES: tuple[str, ...] = ("organizations", "units", "members", "evaluations")

#: The organizations and units tables' columns: the records' fields, in their order.
_ORGANIZATION_COLUMNS = (
    "id",
    "name",
    "kind",
    "parent_id",
    "sector",
    "founded_on",
    "dissolved_on",
    "has_chi_bo_quan_su",
    "has_chi_bo_cong_an",
    "grassroots_type",
)
_UNIT_COLUMNS = ("id", "name", "commune_id", "kind", "chi_bo_id", "has_member", "head_is_member")
_EVALUATION_COLUMNS = ("subject_id", "year", "rating", "subject", "period")
#: Columns each table must have (others may be absent: read as null).
_REQUIRED = {
    "organizations": ("id", "name", "kind"),
    "units": ("id", "name", "commune_id"),
    "members": ("id", "org_id", "admitted_on"),
    "evaluations": ("subject_id", "year", "rating"),
}
_TYPES = {
    "founded_on": "DATE",
    "dissolved_on": "DATE",
    "year": "INTEGER",
    "has_chi_bo_quan_su": "BOOLEAN",
    "has_chi_bo_cong_an": "BOOLEAN",
    "has_member": "BOOLEAN",
    "head_is_member": "BOOLEAN",
}
_SUFFIXES = (".duckdb", ".sqlite", ".sqlite3", ".db")


class MissingSqlError(CosoDangError, ValueError):
    """A member count without an SQL form: the SQL path cannot count it.

    Give the count its SQL condition (``register_member_count(..., sql=...)``) or roll
    up through :func:`~coso_dang.frame.rollup_frame` or :func:`~coso_dang.rollup.rollup`.
    """

    def __init__(self, code: str) -> None:
        self.code = code
        super().__init__(
            N_(
                "số đếm «{code}» không có dạng SQL: đăng ký nó với "
                "register_member_count(..., sql=...) để đếm trong cơ sở dữ liệu",
                code=code,
            )
        )


class Database:
    """A database connection and where each of the library's tables is in it.

    Made by :func:`connect`; a context manager that closes the connection it opened
    (never one it was given).
    """

    __slots__ = ("_found", "_owned", "_types", "columns", "connection", "dialect", "sources")

    def __init__(
        self,
        connection: Any,
        dialect: Dialect,
        sources: Mapping[str, str | None],
        columns: Mapping[str, Mapping[str, str | None]],
        *,
        owned: bool = False,
    ) -> None:
        #: The DB-API connection.
        self.connection = connection
        #: Which engine it is.
        self.dialect: Dialect = dialect
        #: Each table's SQL source (a quoted name, or a DuckDB file reader); ``None``:
        #: the database has no such table.
        self.sources: dict[str, str | None] = dict(sources)
        #: For each table, the user's column of each of the library's columns.
        self.columns = {table: dict(names) for table, names in columns.items()}
        self._owned = owned
        self._found: dict[str, list[str] | None] = {}
        self._types: dict[str, dict[str, Any]] = {}

    def close(self) -> None:
        """Close the connection if :func:`connect` opened it."""
        if self._owned:
            self.connection.close()

    def __enter__(self) -> Database:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Database({self.dialect!r})"

    # -- queries ---------------------------------------------------------------------------

    def query(self, sql: str) -> tuple[list[str], list[tuple[Any, ...]]]:
        """Run *sql*; its column names and rows.

        Raises:
            RecordError: the database refused the query (see :meth:`refused`).
        """
        cursor = self.connection.cursor()
        try:
            cursor.execute(sql)
            names = [d[0] for d in cursor.description]
            return names, cursor.fetchall()
        except _driver_errors(self.connection) as error:
            raise self.refused(error) from None
        finally:
            cursor.close()

    def refused(self, error: Exception) -> RecordError:
        """The error to raise for the driver's *error*: a query the database refused,
        most often a column of another type than the counts read (a date column
        holding names). Only the error's kind is said: the driver's message may quote
        the value it could not read, a member's personal data. A PostgreSQL
        transaction the error broke is rolled back, so that the connection is usable."""
        if self.dialect == "postgres":
            self.connection.rollback()
        reason = N_(
            "cơ sở dữ liệu không chạy được truy vấn ({error}); xem lại kiểu của các cột "
            "(ngày, năm, cờ có/không, mã)",
            error=type(error).__name__,
        )
        engine = {"sqlite": "SQLite", "duckdb": "DuckDB", "postgres": "PostgreSQL"}
        return RecordError(engine[self.dialect], "query", None, reason)

    def _describe(self, sql: str) -> dict[str, Any]:
        """Run *sql*; its columns' type codes by name (the driver's: DuckDB's type,
        psycopg's type OID, ``None`` in SQLite)."""
        cursor = self.connection.cursor()
        try:
            cursor.execute(sql)
            return {d[0]: d[1] for d in cursor.description}
        finally:
            cursor.close()

    def frame(self, sql: str) -> Any:
        """Run *sql*; its result as an eager table (ids and codes as text, sums as integers)."""
        if self.dialect == "duckdb":
            cursor = self.connection.cursor()
            try:
                cursor.execute(sql)
                # Column by column, as arrays: no Python tuple per row.
                columns = cursor.fetchnumpy()
            except _driver_errors(self.connection) as error:
                raise self.refused(error) from None
            finally:
                cursor.close()
            return _frame(columns)
        names, rows = self.query(sql)
        return _frame(_table(names, rows))

    def column_names(self, source: str) -> list[str] | None:
        """The columns of the table *source*, or ``None`` when there is no such table."""
        if source not in self._found:
            types = self._look(source)
            self._found[source] = None if types is None else list(types)
            self._types[source] = types or {}
        return self._found[source]

    def column_type(self, source: str, column: str) -> Any:
        """The driver's type code of *column* of the table *source* (``None`` when the
        driver gives none, as SQLite's, whose columns hold any type)."""
        self.column_names(source)
        return self._types.get(source, {}).get(column)

    def _look(self, source: str) -> dict[str, Any] | None:
        sql = f"SELECT * FROM {source} LIMIT 0"
        if self.dialect == "postgres":
            transaction = getattr(self.connection, "transaction", None)
            if transaction is not None:  # psycopg 3: a failed look leaves no broken transaction
                try:
                    with transaction():
                        return self._describe(sql)
                except Exception:
                    return None
        try:
            return self._describe(sql)
        except Exception:
            if self.dialect == "postgres":
                self.connection.rollback()
            return None


def _driver_errors(connection: Any) -> type[Exception]:
    """The base class of the errors a connection's driver raises for a query (DB-API's
    ``Error`` of its module: ``sqlite3.Error``, ``duckdb.Error``, ``psycopg.Error``)."""
    package = type(connection).__module__.split(".")[0]
    errors: type[Exception] = getattr(sys.modules.get(package), "Error", sqlite3.Error)
    return errors


def _quote(name: str) -> str:
    """An identifier, quoted for any of the three engines (``schema.table`` allowed)."""
    return ".".join(_quote_one(part) for part in name.split("."))


def _quote_one(name: str) -> str:
    """One identifier, quoted whole: a column's name may hold a ``.`` (``Ngày v.Đảng``)."""
    return '"' + name.replace('"', '""') + '"'


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _dialect_of(connection: Any) -> Dialect:
    if isinstance(connection, sqlite3.Connection):
        return "sqlite"
    module = type(connection).__module__
    if module.startswith("duckdb") or module.startswith("_duckdb"):
        return "duckdb"
    if module.startswith("psycopg"):
        return "postgres"
    raise UsageError(
        "connect",
        "target",
        N_(
            "một kết nối DB-API của sqlite3, DuckDB hoặc psycopg, một tệp cơ sở dữ liệu, "
            "một thư mục hoặc một URL"
        ),
        connection,
    )


def connect(
    target: Any,
    *,
    tables: Mapping[str, str | None] | None = None,
    columns: Mapping[str, Mapping[str, str | None]] | None = None,
) -> Database:
    """The database *target* names, with the library's tables found in it.

    Args:
        target: a DB-API connection (:mod:`sqlite3`, DuckDB, psycopg); a
            ``postgresql://`` URL; ``sqlite:///file`` or ``duckdb:///file``; a
            ``.duckdb`` or ``.sqlite``/``.sqlite3``/``.db`` file, any case (opened
            read-only, by the engine its first bytes name); or a folder of
            ``organizations.parquet``, ``members.parquet``, … (or ``.csv``, every cell
            read as text, or ``.parquet`` folders; names in any case), which DuckDB
            reads; or a :class:`Database`.
        tables: your name of each table that differs from the library's (:data:`TABLES`);
            ``None`` for a table you do not have.
        columns: for each table, your name of each column that differs from the
            library's, e.g. ``{"members": {"org_id": "ma_chi_bo"}}``; ``None`` for a
            column your table does not have.

    Raises:
        MissingExtraError: the engine's driver is not installed.
        UsageError: *target* is none of the above.
    """
    if isinstance(target, Database):
        if tables is not None or columns is not None:
            raise UsageError("connect", "tables and columns", N_("được đưa cho connect()"), target)
        return target
    names = {table: table for table in TABLES}
    if tables is not None:
        if not isinstance(tables, Mapping):
            raise UsageError("connect", "tables", N_("một ánh xạ tới tên bảng"), tables)
        for table, name in tables.items():
            if table not in names:
                raise UsageError("connect", "tables", _keyed_by(TABLES), table)
            if name is not None and not isinstance(name, str):
                raise UsageError(
                    "connect", f"tables[{table!r}]", N_("một tên bảng hoặc None"), name
                )
            names[table] = name  # type: ignore[assignment]
    mapped = _mapped_columns(columns or {})
    owned = not hasattr(target, "cursor")
    folder: Path | None = None
    if owned:
        connection, dialect, folder = _open(target)
    else:
        connection, dialect = target, _dialect_of(target)
    sources: dict[str, str | None] = {}
    for table, name in names.items():
        if name is None:
            sources[table] = None
        elif folder is not None:
            sources[table] = _file_source(folder, name)
        else:
            sources[table] = _quote(name)
    db = Database(connection, dialect, sources, mapped, owned=owned)
    for table, source in sources.items():
        if (
            source is not None
            and table in ("units", "evaluations")
            and db.column_names(source) is None
        ):
            db.sources[table] = None  # an optional table the database does not have
    return db


def _mapped_columns(
    columns: Mapping[str, Mapping[str, str | None]],
) -> dict[str, dict[str, str | None]]:
    """The user's column names by table, checked: a key no table or column has (a typo)
    was ignored, and the column it meant read as absent, its counts unknown, without a
    word.

    Raises:
        UsageError: a table or column the SQL path does not read, or a name not text.
    """
    known = {
        "organizations": _ORGANIZATION_COLUMNS,
        "units": _UNIT_COLUMNS,
        "members": _member_columns()[0],
        "evaluations": _EVALUATION_COLUMNS,
    }
    if not isinstance(columns, Mapping):
        raise UsageError("connect", "columns", N_("một ánh xạ từ bảng tới ánh xạ"), columns)
    mapped: dict[str, dict[str, str | None]] = {table: {} for table in TABLES}
    for table, names in columns.items():
        if table not in known:
            raise UsageError("connect", "columns", _keyed_by(TABLES), table)
        if not isinstance(names, Mapping):
            where = f"columns[{table!r}]"
            raise UsageError("connect", where, N_("một ánh xạ tới tên cột"), names)
        for column, theirs in names.items():
            if column not in known[table]:
                expected = _keyed_by(known[table])
                raise UsageError("connect", f"columns[{table!r}]", expected, column)
            if theirs is not None and not isinstance(theirs, str):
                where = f"columns[{table!r}][{column!r}]"
                raise UsageError("connect", where, N_("một tên cột hoặc None"), theirs)
            mapped[table][column] = theirs
    return mapped


def _open(target: Any) -> tuple[Any, Dialect, Path | None]:
    if not isinstance(target, str | Path):
        raise UsageError("connect", "target", N_("một kết nối, một đường dẫn hoặc một URL"), target)
    text = str(target)
    if re.match(r"postgres(ql)?://", text):
        psycopg = require("psycopg", needed_for="PostgreSQL")
        try:
            return psycopg.connect(text), "postgres", None
        except psycopg.Error as error:  # no server there, a wrong name or password
            # The driver's own text is English and may quote the password: named by
            # the address alone (its detail stays on the error's cause).
            reason = N_("không kết nối được cơ sở dữ liệu ({error})", error=type(error).__name__)
            raise RecordError(_address(text), "db", None, reason) from error
    for scheme, dialect in (("sqlite:///", "sqlite"), ("duckdb:///", "duckdb")):
        if text.startswith(scheme):
            return _open_file(Path(text[len(scheme) :]), dialect)  # type: ignore[arg-type]
    path = Path(text)
    if path.is_dir():
        duckdb = require("duckdb", needed_for=N_("các bảng Parquet và CSV"))
        return duckdb.connect(), "duckdb", path
    # Any case, as the command line takes it: "DU_LIEU.DB" (a name written on Windows)
    # was refused as no database.
    if path.suffix.lower() == ".duckdb":
        return _open_file(path, "duckdb")
    if path.suffix.lower() in _SUFFIXES:
        return _open_file(path, "sqlite")
    raise UsageError(
        "connect",
        "target",
        N_("một URL cơ sở dữ liệu, một tệp .duckdb/.sqlite hoặc một thư mục"),
        target,
    )


def _keyed_by(names: Sequence[str]) -> str:
    """What a mapping given to connect() must be keyed by: one of *names*."""
    return N_("một ánh xạ có khóa là một trong: {names}", names=", ".join(names))


def _address(url: str) -> str:
    """A database URL without its user, password and options: where, not who."""
    try:
        parts = urlsplit(url)
    except ValueError:  # a host that does not split ("[::1" unclosed): the scheme alone
        # Raised as it was, the English "Invalid IPv6 URL" stood for the whole error.
        return url.partition("://")[0] + "://…"
    try:
        port = f":{parts.port}" if parts.port is not None else ""
    except ValueError:  # a port that is no number
        port = ""
    return f"{parts.scheme}://{parts.hostname or ''}{port}{parts.path}"


def _open_file(path: Path, dialect: Dialect) -> tuple[Any, Dialect, None]:
    if not path.is_file():
        raise RecordError(str(path), "db", None, N_("không có tệp cơ sở dữ liệu này"))
    dialect = _written_by(path, dialect)
    if dialect == "duckdb":
        duckdb = require("duckdb", needed_for=N_("cơ sở dữ liệu DuckDB"))
        try:
            return duckdb.connect(str(path), read_only=True), dialect, None
        except duckdb.Error as error:  # not a DuckDB file, or one of another version
            reason = N_(
                "không mở được tệp cơ sở dữ liệu DuckDB ({error})", error=type(error).__name__
            )
            raise RecordError(str(path), "db", None, reason) from None
    connection = sqlite3.connect(f"{real_path(path).as_uri()}?mode=ro", uri=True)
    try:
        # SQLite opens any file and fails at the first read: a file that is no database
        # was said to have "no such table", as an empty database has none.
        connection.execute("PRAGMA schema_version").fetchall()
    except sqlite3.Error as error:
        connection.close()
        reason = N_("không mở được tệp cơ sở dữ liệu SQLite ({error})", error=type(error).__name__)
        raise RecordError(str(path), "db", None, reason) from None
    return connection, dialect, None


def _written_by(path: Path, named: Dialect) -> Dialect:
    """The engine that wrote the database file *path*, by its first bytes; *named* (the
    one its name or URL says) when they tell neither. A DuckDB database named
    ``du_lieu.db``, as DuckDB's own guide names one, was opened as SQLite and refused as
    no database."""
    try:
        with path.open("rb") as stream:
            head = stream.read(16)
    except OSError:
        return named  # the driver names what is wrong
    if head.startswith(b"SQLite format 3\x00"):
        return "sqlite"
    if head[8:12] == b"DUCK":
        return "duckdb"
    return named


def _file_source(folder: Path, name: str) -> str | None:
    """DuckDB's reader of table *name* in *folder*: a Parquet file or folder, or a CSV.

    Raises:
        PathError: the table's file is there but is no file (a pipe, a device).
    """
    parquet = _entry(folder, f"{name}.parquet")
    for entry in (parquet, _entry(folder, f"{name}.csv")):
        # A pipe named units.parquet read as no table: the units' counts went unknown
        # without a word, where the loaders refuse such a folder.
        if entry.exists() and not entry.is_file() and not entry.is_dir():
            reason = N_("{path}: không phải tệp thường (thiết bị hay ống dẫn)", path=str(entry))
            raise PathError(reason, str(entry), errno.EINVAL)
    if parquet.is_file():
        return f"read_parquet({_literal(str(parquet))})"
    parts = _entry(folder, name)
    if parts.is_dir() and any(parts.glob("*.parquet")):
        return f"read_parquet({_literal(str(parts / '*.parquet'))})"
    csv = _entry(folder, f"{name}.csv")
    if csv.is_file():
        # Every cell as text, as the loaders read a CSV: guessed, a column of ids such as
        # "1.1", "1.10" was of numbers, 1.1 twice, and "1" of a parent 1.0, not "1".
        return f"read_csv({_literal(str(csv))}, header = true, all_varchar = true)"
    return None


def _entry(folder: Path, name: str) -> Path:
    """The entry of *folder* named *name* in any case, as the loaders find a table's file
    (``Members.csv``, as saved on Windows, was no table on a disk that tells case); the
    name as given when there is none, or more than one."""
    given = folder / name
    if given.exists():
        return given
    key = name.casefold()
    found = [entry for entry in folder.iterdir() if entry.name.casefold() == key]
    return found[0] if len(found) == 1 else given


# -- the tables, as the library names their columns --------------------------------------------


def _column_key(name: str) -> str:
    """A column's name as it is matched: any case, and composed (NFC), so that a name
    written in NFD (a CSV header saved on macOS) is the one named in NFC, as the
    loaders match headers. Matched as written, «Mã chi bộ» was said to be missing
    from a table showing it."""
    return unicodedata.normalize("NFC", name).lower()


def _select(
    db: Database,
    table: str,
    wanted: Iterable[str],
    required: Iterable[str],
    *,
    spelled: Mapping[str, Mapping[str, bool]] | None = None,
) -> str:
    """A subquery of *table* with the library's column names (absent ones null).

    A members' yes/no column is read as :func:`_yes_no` reads it, the texts of *spelled*
    (by column) too.

    Raises:
        RecordError: the table is not there, or lacks a required column.
    """
    source = db.sources.get(table)
    present = None if source is None else db.column_names(source)
    if source is None or present is None:
        raise RecordError(table, "", None, N_("không có bảng này trong cơ sở dữ liệu"))
    have = {_column_key(name): name for name in present}
    mapping = db.columns.get(table, {})
    must = set(required)
    parts = []
    for column in wanted:
        theirs = mapping.get(column, column)
        found = None if theirs is None else have.get(_column_key(theirs))
        if found is None:
            # A column the user says the table lacks is null, unless nothing works without it.
            if column in must and (theirs is not None or column in _REQUIRED[table]):
                reason = N_("thiếu cột {column}", column=theirs or column)
                raise RecordError(table_where(table), column, None, reason)
            if theirs is not None and column in mapping:
                # A column the user named but the table lacks (a typo): read as absent,
                # a commune's counts changed or an organization's review became a member's.
                reason = N_("thiếu cột {column}", column=theirs)
                raise RecordError(table_where(table), column, None, reason)
            parts.append(f"CAST(NULL AS {_sql_type(column)}) AS {_quote(column)}")
        elif table == "members" and _sql_type(column) == "DATE":
            held = _held_as(db, source, found)
            parts.append(f"{_day_of(db, _quote_one(found), held)} AS {_quote(column)}")
        elif table == "evaluations" and column == "year":
            # As a whole number: SQLite compares a year held as text ('2024', as a CSV
            # import stores it) with the number 2024 as unequal, PostgreSQL refuses to.
            # A blank text is no year, as the DataFrame path reads it (DuckDB and
            # PostgreSQL refused it, SQLite read 0); one that is no whole number is
            # refused before (see _check_years).
            year = _year_of(db, source, found)
            parts.append(f"{year} AS {_quote(column)}")
        elif column in _BLANK_MISSING.get(table, ()):
            # A blank text is no value, as the loaders read an empty cell: a CSV imported
            # into SQLite keeps "" (counted as given, a committee seat; among the seats a
            # known education below college where the record's is unknown).
            text = f"CAST({_quote_one(found)} AS VARCHAR)"
            blank = _blank(db, text)
            parts.append(f"(CASE WHEN {blank} THEN NULL ELSE {text} END) AS {_quote(column)}")
        elif column in _IDS and not _held_as_text(db, source, found, column):
            # As text, as a record's: a character(n) id comes padded with spaces (no
            # organization has that id), and an integer id does not compare with text
            # in PostgreSQL; SQLite and DuckDB compared it as a number, so that the
            # evaluation of "007" counted as member 7's.
            parts.append(f"CAST({_quote_one(found)} AS VARCHAR) AS {_quote(column)}")
        elif table == "members" and _sql_type(column) == "BOOLEAN":
            kind = _kind_of(db.dialect, db.column_type(source, found))
            flag = _yes_no(_quote_one(found), kind, db.dialect, (spelled or {}).get(column))
            parts.append(f"{flag} AS {_quote(column)}")
        elif found == column:
            parts.append(_quote(column))
        else:
            parts.append(f"{_quote_one(found)} AS {_quote(column)}")
    return f"(SELECT {', '.join(parts)} FROM {source})"


def _trimmed(dialect: Dialect, text: str) -> str:
    """The text *text* without the white space of
    :data:`~coso_dang._dataframes.FLAG_SPACES` around it (SQL's ``trim`` alone strips
    only spaces). DuckDB trims a text of a list of characters slowly (the dates of a
    CSV folder, read as text, took it more time than the counts): there only a text that
    begins or ends with one of them (each below "!" or from U+0085 on, told by one
    comparison of bytes) is trimmed."""
    strip = "btrim" if dialect == "postgres" else "trim"
    trimmed = f"{strip}({text}, {_literal(FLAG_SPACES)})"
    if dialect != "duckdb":
        return trimmed
    last = f"right({text}, 1)"
    spaced = " OR ".join(
        f"{end} {test}"
        for end in (text, last)
        for test in ("< '!'", f">= {_literal(_FIRST_WIDE_SPACE)}")
    )
    return f"(CASE WHEN {spaced} THEN {trimmed} ELSE {text} END)"


def _blank(db: Database, text: str) -> str:
    """The SQL condition of the text *text* being blank: empty, or only the white space of
    :data:`~coso_dang._dataframes.FLAG_SPACES` (SQL's ``trim`` alone strips only spaces)."""
    strip = "btrim" if db.dialect == "postgres" else "trim"
    trimmed = f"{strip}({text}, {_literal(FLAG_SPACES)}) = ''"
    if db.dialect == "postgres":  # compared by the collation, not by code point
        return trimmed
    # Only a text that is empty or begins with one of those characters (each below "!"
    # or from U+0085 on) can be blank: the others, every id and code, are told by one
    # comparison of their bytes. Trimmed, each member's id took DuckDB more time than
    # the counts.
    first = f"({text} < '!' OR {text} >= {_literal(_FIRST_WIDE_SPACE)})"
    return f"({first} AND {trimmed})"


#: The first of the characters of :data:`~coso_dang._dataframes.FLAG_SPACES` beyond ASCII.
_FIRST_WIDE_SPACE = min(c for c in FLAG_SPACES if c > "~")


def _no_value(db: Database, column: str) -> str:
    """The SQL condition of an id *column* without a value: null, or a blank text, as the
    loaders read an empty cell (a CSV imported into SQLite keeps "")."""
    return f"({column} IS NULL OR {_blank(db, f'CAST({column} AS VARCHAR)')})"


def _year_of(db: Database, source: str, column: str) -> str:
    """The evaluations' *column* of years as whole numbers, a blank text none. In DuckDB
    a number no whole number holds (NaN, infinity, 1e20 or twenty digits, which
    :func:`_check_years` lets through) is no year, as the DataFrame path reads it: cast,
    it failed the whole query, naming no evaluation."""
    quoted = _quote_one(column)
    cast = "TRY_CAST" if db.dialect == "duckdb" else "CAST"
    if _kind_of(db.dialect, db.column_type(source, column)) == "number":
        return f"{cast}({quoted} AS INTEGER)"
    strip = "btrim" if db.dialect == "postgres" else "trim"
    text = f"{strip}(CAST({quoted} AS VARCHAR))"
    if db.dialect == "sqlite":  # a number stays a number (2024.0 is 2024)
        given = f"CASE WHEN typeof({quoted}) = 'text' THEN NULLIF({text}, '') ELSE {quoted} END"
        return f"CAST({given} AS INTEGER)"
    return f"{cast}(NULLIF({text}, '') AS INTEGER)"


def _check_years(db: Database) -> None:
    """Raise :class:`TreeError` naming the evaluations (the first :data:`MAX_NAMED`)
    whose year is no whole number, as the DataFrame path and the loaders refuse one: a
    text other than digits (``'2024.0'``, ``'năm 2024'``) or a number with a fraction.
    The value is not quoted (a column mapped wrongly may hold names).
    Cast as it was, SQLite read ``'2024.5'`` and ``'năm 2024'`` as 2024 and 0, DuckDB
    2024.5 as 2025, and PostgreSQL refused the text without saying which row."""
    source = db.sources.get("evaluations")
    present = None if source is None else db.column_names(source)
    if source is None or present is None:
        return
    have = {_column_key(name): name for name in present}
    mapping = db.columns.get("evaluations", {})
    names = [mapping.get(c, c) for c in ("year", "subject_id")]
    years, subjects = (None if name is None else have.get(_column_key(name)) for name in names)
    if years is None or subjects is None:
        return  # _select names what is missing
    year, subject = _quote_one(years), _quote_one(subjects)
    kind = _kind_of(db.dialect, db.column_type(source, years))
    strip = "btrim" if db.dialect == "postgres" else "trim"
    text = f"{strip}(CAST({year} AS VARCHAR))"
    fraction = f"{year} <> floor({year})"
    if db.dialect == "sqlite":
        digits = f"{text} NOT GLOB '*[^0-9]*'"
        odd = (
            f"(typeof({year}) = 'text' AND {text} <> '' AND NOT ({digits})) "
            f"OR (typeof({year}) = 'real' AND {fraction})"
        )
    elif kind == "number":
        odd = fraction
    elif db.dialect == "postgres":
        odd = f"{text} <> '' AND {text} !~ '^[0-9]+$'"
    else:
        odd = f"{text} <> '' AND NOT regexp_full_match({text}, '[0-9]+')"
    _, rows = db.query(
        f"SELECT CAST({subject} AS VARCHAR) FROM {source} WHERE {odd} ORDER BY 1 LIMIT {MAX_NAMED}"
    )
    if rows:
        # The value is not quoted: a column mapped wrongly may hold names.
        reason = N_("phải là số nguyên từ {low} đến {high}", low=1930, high=9999)
        raise TreeError(Problem(record_where("Evaluation", i), "year", "", reason) for (i,) in rows)


def _held_as_text(db: Database, source: str, column: str, name: str) -> bool:
    """Whether the id column *column* (the library's *name*) of *source* holds text
    only, so that it compares with other ids as text without a cast. SQLite's columns
    hold any type: its member ids and subjects, which the counting query joins, are
    cast (others come to Python, where they are read as text)."""
    if db.dialect == "sqlite":
        return name not in ("id", "subject_id")
    found = db.column_type(source, column)
    if db.dialect == "postgres":
        return found in _POSTGRES_TEXTS
    return str(found).upper() == "VARCHAR"


def _day_of(db: Database, column: str, held: _DateKind) -> str:
    """A member's date column as its day, as the organizations' dates are read: a
    timestamp (``2024-12-31 10:00``) compared with the reporting day at midnight fell
    after it. A date held as text (*text*; any value in SQLite) is read as the DataFrame
    path reads one: white space around stripped (the characters of
    :data:`~coso_dang._dataframes.FLAG_SPACES`), its first ten characters, a blank text
    no date, as the loaders read an empty cell (a CSV imported as it is keeps "");
    blank or padded, it was refused (SQLite, PostgreSQL) or failed the query (DuckDB).
    SQLite keeps the text: the check of the member dates reads it. A moment with a time
    zone is its day in Vietnam, as the loaders and the DataFrame path read one: cast
    to a date, it was the day in the session's zone, a server's setting."""
    day = f"NULLIF(substr({_trimmed(db.dialect, column)}, 1, 10), '')"
    if db.dialect == "sqlite":
        return day
    if held == "text":
        return f"CAST({day} AS DATE)"
    if held == "zoned":
        return f"CAST(timezone({_literal(VIETNAM_ZONE)}, {column}) AS DATE)"
    return f"CAST({column} AS DATE)"


#: How a member's date column is held (see :func:`_held_as`).
_DateKind = Literal["text", "zoned", "other"]
#: PostgreSQL's type code of ``timestamptz``.
_POSTGRES_ZONED = 1184


def _held_as(db: Database, source: str, column: str) -> _DateKind:
    """Whether *column* of *source* is of a text type, a moment with a time zone, or
    another (DuckDB, PostgreSQL)."""
    found = db.column_type(source, column)
    if db.dialect == "postgres":
        if found in _POSTGRES_TEXTS:
            return "text"
        return "zoned" if found == _POSTGRES_ZONED else "other"
    name = str(found).upper()
    if name == "VARCHAR":
        return "text"
    return "zoned" if name == "TIMESTAMP WITH TIME ZONE" else "other"


def _text_column(db: Database, source: str, column: str) -> bool:
    """Whether *column* of *source* is of a text type (DuckDB, PostgreSQL)."""
    return _held_as(db, source, column) == "text"


#: The text columns of codes and units, where a blank text is no value: a CSV imported
#: into SQLite keeps "", which was a rating that is none (the table refused) and a
#: review of a subject and a period that are none (left out of the counts).
_BLANK_MISSING = {
    "members": frozenset({"residence_unit_id", "committee_role", "education", "political_theory"}),
    "evaluations": frozenset({"rating", "subject", "period"}),
}
#: The columns holding ids (of members, organizations, units).
_IDS = frozenset(
    {"id", "org_id", "parent_id", "residence_unit_id", "subject_id", "commune_id", "chi_bo_id"}
)
#: The type codes of PostgreSQL's text types: text, varchar.
_POSTGRES_TEXTS = frozenset({25, 1043})
#: The type codes of PostgreSQL (psycopg gives a column's type OID) read as numbers:
#: int2, int4, int8, oid, float4, float8, numeric.
_POSTGRES_NUMBERS = frozenset({20, 21, 23, 26, 700, 701, 1700})
#: DuckDB's names of the number types.
_DUCKDB_NUMBERS = re.compile(r"(U?(TINY|SMALL|BIG|HUGE)?INT(EGER)?|FLOAT|DOUBLE|REAL|DECIMAL)\b")


#: How a yes/no column is read: see :func:`_kind_of`.
_FlagKind = Literal["boolean", "number", "text", "any"]


def _kind_of(dialect: Dialect, type_code: Any) -> _FlagKind:
    """How a members' yes/no column of this type is read: as it is (a boolean), as a
    number, as text, or, in SQLite, whose columns hold any type, value by value."""
    if dialect == "sqlite":
        return "any"
    if dialect == "postgres":
        if type_code == 16:  # bool
            return "boolean"
        return "number" if type_code in _POSTGRES_NUMBERS else "text"
    name = str(type_code).upper()
    if name == "BOOLEAN":
        return "boolean"
    return "number" if _DUCKDB_NUMBERS.match(name) else "text"


def _yes_no(
    column: str, kind: _FlagKind, dialect: Dialect, spelled: Mapping[str, bool] | None = None
) -> str:
    """A members' yes/no *column* as a boolean, read as the DataFrame path reads one: a
    number is yes unless 0; the words of :data:`~coso_dang._yes_no.YES_TEXTS` and
    :data:`~coso_dang._yes_no.NO_TEXTS` (any case, with white space around: the characters
    of :data:`~coso_dang._dataframes.FLAG_SPACES`, of which ``trim`` alone strips only spaces)
    are yes and no, and so are the texts of *spelled*, as it reads them (the words written
    otherwise, "Có", "KHÔNG": see :func:`_flag_spellings`); anything else, as a missing
    value or NaN, is unknown (null). Used as it was, a text ``'True'`` (as a CSV import
    stores it) was no in SQLite, without a word."""
    if kind == "boolean":
        return column
    text = f"lower({_trimmed(dialect, f'CAST({column} AS VARCHAR)')})"
    yes = ", ".join(_literal(word) for word in YES_TEXTS)
    no = ", ".join(_literal(word) for word in NO_TEXTS)
    read = f"WHEN {text} IN ({yes}) THEN TRUE WHEN {text} IN ({no}) THEN FALSE"
    for answer, value in ((True, "TRUE"), (False, "FALSE")):
        texts = [given for given, read_as in (spelled or {}).items() if read_as is answer]
        if texts:
            listed = ", ".join(_literal(given) for given in texts)
            read += f" WHEN CAST({column} AS VARCHAR) IN ({listed}) THEN {value}"
    # NaN (unequal to 0; written 'nan' by DuckDB, 'NaN' by PostgreSQL) is unknown.
    number = f"WHEN {column} = 0 THEN FALSE WHEN {text} <> 'nan' THEN {column} <> 0"
    if kind == "number":
        return f"(CASE {number} END)"
    if kind == "text":
        return f"(CASE {read} END)"
    # SQLite: each value has its own type.
    numeric = f"typeof({column}) IN ('integer', 'real')"
    return f"(CASE WHEN {numeric} THEN (CASE {number} END) {read} END)"


def _unread_flag(db: Database, column: str, kind: _FlagKind) -> str:
    """The SQL condition of a members' yes/no *column* (of *kind*) holding a text that is
    not blank and not one of the words :func:`_yes_no` reads by itself: a word written
    with its diacritics ("Có"), in another case than SQL lowers ("KHÔNG": SQLite lowers
    ASCII only), or none at all."""
    if kind in ("boolean", "number"):
        return "FALSE"
    text = f"CAST({column} AS VARCHAR)"
    words = ", ".join(_literal(word) for word in (*YES_TEXTS, *NO_TEXTS))
    lowered = f"lower({_trimmed(db.dialect, text)})"
    odd = f"({column} IS NOT NULL AND NOT {_blank(db, text)} AND {lowered} NOT IN ({words}))"
    if kind == "any":  # SQLite: a number is read as a number
        return f"(typeof({column}) = 'text' AND {odd})"
    return odd


def _flag_spellings(db: Database, names: Iterable[str]) -> dict[str, dict[str, bool]]:
    """The texts of the members' yes/no columns *names* that the database does not read
    as one of the words (see :func:`_unread_flag`) but the loaders read as a yes or a
    no, each with its reading, by column: given to :func:`_yes_no`. One query a column
    held as text, of its distinct such texts."""
    source = db.sources["members"]
    found: dict[str, dict[str, bool]] = {}
    for name in names:
        column = _column_of(db, "members", name)
        if source is None or column is None:
            continue
        given = _quote_one(column)
        kind = _kind_of(db.dialect, db.column_type(source, column))
        if kind in ("boolean", "number"):
            continue
        _, rows = db.query(
            f"SELECT DISTINCT CAST({given} AS VARCHAR) FROM {source} "
            f"WHERE {_unread_flag(db, given, kind)}"
        )
        read = {
            text: answer
            for (text,) in rows
            if isinstance(text, str) and (answer := read_yes_no(text)) is not None
        }
        if read:
            found[name] = read
    return found


def _sql_type(column: str) -> str:
    if column in _TYPES:
        return _TYPES[column]
    kinds = _member_types().get(column, (str,))
    if date in kinds:
        return "DATE"
    if bool in kinds:
        return "BOOLEAN"
    if int in kinds:
        return "INTEGER"
    return "VARCHAR"


def _flags_of(columns: Iterable[str]) -> list[str]:
    """Those of the members' *columns* that are yes/no."""
    return [name for name in columns if _sql_type(name) == "BOOLEAN"]


def _member_types() -> dict[str, tuple[Any, ...]]:
    attrs.resolve_types(Member)
    return {a.name: getattr(a.type, "__args__", (a.type,)) for a in attrs.fields(Member)}


def _member_columns() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The members-table columns the counts read, and those that must be there."""
    wanted: dict[str, None] = dict.fromkeys(MEMBER_COLUMNS)
    required: dict[str, None] = dict.fromkeys(_REQUIRED["members"])
    for count in member_counts():
        for column in count.columns:
            wanted[column] = None
            required[column] = None
    return tuple(wanted), tuple(required)


# -- the one counting query --------------------------------------------------------------------


def _date_literals(cal: RollupDates) -> dict[str, str]:
    return {
        name: _literal(getattr(cal, name).isoformat())
        for name in ("on", "previous", "year_start", "official_by")
    }


def _flagged(members: str, cal: RollupDates) -> tuple[str, dict[str, str], dict[str, str]]:
    """*members* with one boolean column per count, each test written once.

    A count taken among another reads that one's column, so the columns are added in
    layers, one subquery per step down the populations (three for the built-in counts).
    Returns the query, and the column of each count's flag and of each unknown one.

    Raises:
        MissingSqlError: a count has a test but no SQL form.
    """
    dates = _date_literals(cal)
    depth: dict[str, int] = {}
    layers: list[list[str]] = []
    flags: dict[str, str] = {}
    unknown: dict[str, str] = {}
    for count in member_counts():
        if count.difference is not None:
            continue
        if count.sql is None:
            raise MissingSqlError(count.code)
        level = depth[count.code] = 0 if count.among is None else depth[count.among] + 1
        if len(layers) == level:
            layers.append([])
        among = "" if count.among is None else f"{_quote(flags[count.among])} AND "
        for kind, test, found in (("f", count.sql, flags), ("u", count.sql_unknown, unknown)):
            if test is None:
                continue
            name = found[count.code] = f"_{kind}_{count.code}"
            column = f"COALESCE({among}({test.format_map(dates)}), FALSE) AS {_quote(name)}"
            layers[level].append(column)
    query = members
    for level, columns in enumerate(layers):
        query = f"(SELECT f{level}.*, {', '.join(columns)} FROM {query} AS f{level})"
    return query, flags, unknown


def _active(cal: RollupDates) -> str:
    """The SQL condition of an active member on the rollup's date."""
    test = member_counts()[0].sql
    assert test is not None  # the first count, the active members, is built in
    return f"({test.format_map(_date_literals(cal))})"


def _sum(condition: str, name: str) -> str:
    return f"CAST(SUM(CASE WHEN {condition} THEN 1 ELSE 0 END) AS BIGINT) AS {_quote(name)}"


def _count(dialect: Dialect, condition: str, name: str) -> str:
    """The rows where *condition* holds, as :func:`_sum` counts them (a null condition
    is no row). DuckDB counts them with ``count_if``, which its counting query runs
    faster than a sum of cases: 0,28 s → 0,24 s of CPU for 560.000 members. Where the
    condition is null on every row (no member rated) ``count_if`` gives null, not 0."""
    if dialect == "duckdb":
        return f"CAST(COALESCE(count_if({condition}), 0) AS BIGINT) AS {_quote(name)}"
    return _sum(condition, name)


#: A rating given that is none of the four abbreviations.
_UNREAD_RATING = (
    "_e_rating IS NOT NULL AND _e_rating NOT IN ("
    + ", ".join(_literal(suffix.upper()) for suffix in RATING_SUFFIXES)
    + ")"
)


def _evaluations_of(
    db: Database, year: int, subject: SubjectKind, spellings: Mapping[str, str] | None = None
) -> str:
    """The year's yearly reviews of one kind of subject: ``_e_id``, ``_e_rating``; the
    ratings of *spellings* (see :func:`~coso_dang._counting.rating_spellings`) as their
    abbreviations."""
    table = _select(db, "evaluations", _EVALUATION_COLUMNS, _REQUIRED["evaluations"])
    # SQLite: made once (LIMIT -1), so that it indexes the ids it joins on; merged into
    # the query, its ids, cast to text, were searched row by row (quadratic).
    once = " LIMIT -1" if db.dialect == "sqlite" else ""
    rating = "rating"
    if spellings:
        cases = " ".join(
            f"WHEN {_literal(text)} THEN {_literal(code)}" for text, code in spellings.items()
        )
        rating = f"CASE rating {cases} ELSE rating END"
    return (
        f"(SELECT subject_id AS _e_id, {rating} AS _e_rating FROM {table} AS ev "
        f"WHERE year = {year} AND {_yearly(subject)}{once})"
    )


def _yearly(subject: SubjectKind) -> str:
    """The condition of an evaluation that is a yearly review of this kind of subject."""
    return (
        f"COALESCE(subject, {_literal(SubjectKind.MEMBER.value)}) = {_literal(subject.value)} "
        f"AND COALESCE(period, {_literal(ReviewPeriod.NAM.value)}) = "
        f"{_literal(ReviewPeriod.NAM.value)}"
    )


def counting_query(target: Any, *, year: int, as_of: date | None = None) -> str:
    """The one SQL query :func:`rollup_sql` runs to count members per chi bộ.

    One row per chi bộ that has member rows: ``org_id``, ``_rows`` and the sums
    :func:`~coso_dang.frame.rollup_counted` reads. With an evaluations table it joins
    the year's member ratings too.

    Raises:
        MissingSqlError: a registered count has no SQL form.
        RecordError: a table or a required column is missing.

    >>> import sqlite3
    >>> db = sqlite3.connect(":memory:")
    >>> _ = db.execute("CREATE TABLE members (id, org_id, admitted_on, ceremony_on, "
    ...     "official_on, left_on, is_working, keeps_residence_contact, committee_role, "
    ...     "education, political_theory)")
    >>> print(counting_query(db, year=2024).splitlines()[3])
      CAST(SUM(CASE WHEN "_f_dang_vien" THEN 1 ELSE 0 END) AS BIGINT) AS "dang_vien",
    """
    db = connect(target)
    return _counting_query(db, RollupDates(year, as_of))


def _counting_query(
    db: Database,
    cal: RollupDates,
    spellings: Mapping[str, str] | None = None,
    spelled: Mapping[str, Mapping[str, bool]] | None = None,
) -> str:
    """The counting query, the members' yes/no texts of *spelled* read (see
    :func:`_flag_spellings`)."""
    wanted, required = _member_columns()
    chosen = _select(db, "members", wanted, required, spelled=spelled)
    members, flags, unknown = _flagged(chosen, cal)
    dialect = db.dialect
    sums = ["COUNT(*) AS _rows"]
    sums += [_count(dialect, _quote(flag), code) for code, flag in flags.items()]
    counts = {c.code: c for c in member_counts()}
    sums += [
        _count(dialect, _quote(flag), unknown_column(counts[code]))
        for code, flag in unknown.items()
    ]
    joined = ""
    if db.sources.get("evaluations") is not None:
        sums.append(_count(dialect, "_e_id IS NOT NULL", "_matched"))
        for suffix, name in zip(RATING_SUFFIXES, RATED_COLUMNS, strict=True):
            sums.append(_count(dialect, f"_e_rating = {_literal(suffix.upper())}", name))
        sums.append(_count(dialect, _UNREAD_RATING, "_unread_rating"))  # counted at no level
        rated = _evaluations_of(db, cal.year, SubjectKind.MEMBER, spellings)
        joined = f"\n  LEFT JOIN {rated} AS e ON e._e_id = m.id"
    return (
        "SELECT\n  m.org_id AS org_id,\n  "
        + ",\n  ".join(sums)
        + f"\nFROM {members} AS m{joined}\nGROUP BY m.org_id"
    )


# -- the rollup ----------------------------------------------------------------------------------


def rollup_sql(
    target: Any,
    *,
    year: int,
    as_of: date | None = None,
    tree: OrgTree | None = None,
    tables: Mapping[str, str | None] | None = None,
    columns: Mapping[str, Mapping[str, str | None]] | None = None,
) -> Rollup:
    """:func:`~coso_dang.rollup.rollup` of the tables in a database.

    Members are counted per chi bộ by one SQL query the database runs; only its result,
    one row per chi bộ, is fetched. With an evaluations table the ratings are counted
    too (without one, rating counts are unknown, as with ``evaluations=None``).

    Args:
        target: the database: a DB-API connection, a file, a folder or a URL (see
            :func:`connect`), or a :class:`Database`.
        year: the reporting year.
        as_of: the reporting date, a day of *year*; 31/12 by default.
        tree: the organizations and units, when you have them already; by default they
            are read from the ``organizations`` and ``units`` tables.
        tables, columns: your table and column names (see :func:`connect`).

    Raises:
        MissingExtraError: a driver or the extra ``dataframe`` is not installed.
        MissingSqlError: a registered member count has no SQL form.
        RecordError: *year* or *as_of* is not a valid reporting date, or a table or a
            required column is missing.
        TreeError: organizations that do not make a tree, members of unknown
            organizations or of something not a chi bộ, duplicate member ids,
            evaluations of subjects not in the tables, or given twice.
    """
    cal = RollupDates(year, as_of)
    for count in member_counts():  # refused before anything is read
        if count.sql is None and count.difference is None:
            raise MissingSqlError(count.code)
    # The database counts; the sums come back as a table that narwhals reads, even from
    # SQLite's standard-library driver: without the extra, said before connecting.
    _frame_stack()
    if tree is not None and not isinstance(tree, OrgTree):
        # Failed after the whole count with "'int' object has no attribute 'units'".
        raise UsageError("rollup_sql", "tree", N_("một OrgTree hoặc None"), tree)
    db = connect(target, tables=tables, columns=columns)
    try:
        if tree is None:
            tree = read_tree(db)
        return _rollup(db, tree, cal)
    finally:
        if db is not target:
            db.close()


def _frame_stack() -> None:
    """Raise :class:`MissingExtraError` naming the extra ``dataframe`` when the modules
    that hold the database's sums (narwhals, numpy, polars or pandas) are not installed."""
    needed_for = N_("tổng hợp số liệu từ cơ sở dữ liệu")
    require("narwhals", needed_for=needed_for)
    require("numpy", needed_for=needed_for)
    try:
        require("polars", needed_for=needed_for)
    except ImportError:
        require("pandas", needed_for=needed_for)


def _rollup(db: Database, tree: OrgTree, cal: RollupDates) -> Rollup:
    nw = require("narwhals", needed_for="DataFrames")
    _check_text_dates(db)
    _check_years(db)
    counted = db.frame(_counting_query(db, cal))
    sums = nw.from_native(counted, eager_only=True)
    rated = db.sources.get("evaluations") is not None
    wanted, required = _member_columns()
    # Yes/no texts the query does not read ("Có", "KHÔNG": the words with their
    # diacritics) are read as the loaders read them, and counted once more. Only a
    # count found unknown somewhere is looked into: a table of booleans, numbers or
    # the plain words without gaps, the usual one, costs nothing more.
    gaps = [unknown_column(c) for c in member_counts() if unknown_column(c) in sums.columns]
    unknown = any(int(sums.get_column(name).sum()) for name in gaps)
    spelled = _flag_spellings(db, _flags_of(wanted)) if unknown else {}
    if spelled:
        counted = db.frame(_counting_query(db, cal, spelled=spelled))
        sums = nw.from_native(counted, eager_only=True)
    members = _select(db, "members", wanted, required)
    total = int(sums.get_column("_rows").sum())
    not_nfc, exact = _not_nfc(db, "id")
    checks = (
        f"SELECT COUNT(*), COUNT(DISTINCT id), {_sum(not_nfc, '_nfd')}, "
        f"{_sum(_no_value(db, 'id'), '_no_id')} FROM {members} AS m"
    )
    _, found = db.query(checks)
    given, distinct, nfd, no_id = found[0]
    if no_id:  # a record cannot have none; COUNT(DISTINCT) leaves them out, unnamed
        raise TreeError(
            [Problem(table_where("members"), "id", "", N_("bắt buộc, không được để trống"))]
        )
    if nfd:
        _refuse_nfd(db, f"SELECT id FROM {members} AS m WHERE {not_nfc}", exact, "Member")
    if distinct != given:
        _, twice = db.query(
            f"SELECT id FROM {members} AS m GROUP BY id HAVING COUNT(*) > 1 ORDER BY id"
        )
        problems = [
            Problem(record_where("Member", i), "id", str(i), N_("mã bị trùng")) for (i,) in twice
        ]
        # Listed with the rows of organizations not in the tree (or not chi bộ), as the
        # object and DataFrame paths list them: said alone, those came one run later.
        try:
            rollup_counted(tree, counted, year=cal.year, as_of=cal.on)
        except TreeError as error:
            problems += error.problems
        raise TreeError(problems)
    _check_member_dates(db, members, wanted)
    _check_codes(db, members, wanted)
    org_ratings = None
    if rated:
        ratings = _evaluations_of(db, cal.year, SubjectKind.MEMBER)
        if int(sums.get_column("_unread_rating").sum()):
            # Ratings spelled otherwise than as abbreviations ("httnv", a label) are read
            # as a record reads them, and counted once more; those naming no level are
            # refused. Tables of abbreviations, the usual ones, are counted once.
            _, found = db.query(
                f"SELECT DISTINCT _e_rating FROM {ratings} AS e WHERE {_UNREAD_RATING}"
            )
            spellings, not_levels = rating_spellings(r for (r,) in found)
            if not_levels:
                not_read = _UNREAD_RATING
                if spellings:
                    read = ", ".join(_literal(text) for text in spellings)
                    not_read += f" AND _e_rating NOT IN ({read})"
                _, rows = db.query(
                    f"SELECT _e_id, _e_rating FROM {ratings} AS e WHERE {not_read} "
                    f"ORDER BY _e_id LIMIT {MAX_NAMED}"
                )
                raise unread_ratings(rows)
            counted = db.frame(_counting_query(db, cal, spellings, spelled))
            sums = nw.from_native(counted, eager_only=True)
        # The year's member reviews, and its reviews of no period (one scan): a review
        # whose period is none of the codes ('Nam') would be left out, unseen.
        table = _select(db, "evaluations", _EVALUATION_COLUMNS, _REQUIRED["evaluations"])
        codes = [period.value for period in ReviewPeriod]
        periods = ", ".join(_literal(code) for code in codes)
        unread_period = f"period IS NOT NULL AND period NOT IN ({periods})"
        yearly = _yearly(SubjectKind.MEMBER)
        not_nfc, exact = _not_nfc(db, "subject_id")
        nfd_reviews = f"{yearly} AND {not_nfc}"
        _, found = db.query(
            f"SELECT {_sum(yearly, '_yearly')}, {_sum(unread_period, '_unread_period')}, "
            f"{_sum(nfd_reviews, '_nfd')}, {_sum(_no_value(db, 'subject_id'), '_no_subject')} "
            f"FROM {table} AS ev WHERE year = {cal.year}"
        )
        member_reviews, unread_periods, nfd, no_subject = (int(n or 0) for n in found[0])
        if no_subject:  # a record cannot have none; it was a subject named «None»
            blank = N_("bắt buộc, không được để trống")
            raise TreeError([Problem(table_where("evaluations"), "subject_id", "", blank)])
        if nfd:
            reviews = f"SELECT subject_id FROM {table} AS ev WHERE year = {cal.year}"
            _refuse_nfd(db, f"{reviews} AND {nfd_reviews}", exact, "Evaluation")
        if unread_periods:
            _, unread = db.query(
                f"SELECT subject_id, period FROM {table} AS ev WHERE year = {cal.year} AND "
                f"{unread_period} ORDER BY subject_id LIMIT {MAX_NAMED}"
            )
            raise period_problems(unread)
        if total != given or int(sums.get_column("_matched").sum()) != member_reviews:
            _check_ratings(db, ratings, members, cal.year)
        # Every subject but a member's, so that one neither kind (a typo) is refused.
        member = _literal(SubjectKind.MEMBER.value)
        others = (
            f"SELECT subject_id, rating, subject FROM {table} AS ev WHERE year = {cal.year} "
            f"AND COALESCE(subject, {member}) <> {member} AND "
            f"COALESCE(period, {_literal(ReviewPeriod.NAM.value)}) = "
            f"{_literal(ReviewPeriod.NAM.value)}"
        )
        org_ratings = db.frame(f"SELECT subject_id, rating, subject FROM ({others}) AS o")
        rated_orgs = nw.from_native(org_ratings, eager_only=True)
        # Only the rows not of an organization, rarely any, come to Python to be named.
        subject = nw.col("subject")
        strays = rated_orgs.filter(subject.is_null() | (subject != SubjectKind.ORGANIZATION.value))
        wrong = subject_problems(
            zip(
                strays.get_column("subject_id").to_list(),
                strays.get_column("subject").to_list(),
                strict=True,
            )
        )
        if wrong:
            raise TreeError(wrong)
    residences = None
    if any(unit.has_member is None for unit in tree.units):
        _, rows = db.query(
            f"SELECT DISTINCT residence_unit_id FROM {members} AS m "
            f"WHERE {_active(cal)} AND residence_unit_id IS NOT NULL"
        )
        residences = [str(unit) for (unit,) in rows]
    return rollup_counted(
        tree,
        counted,
        year=cal.year,
        as_of=cal.on,
        organization_ratings=org_ratings,
        residences=residences,
    )


def _column_of(db: Database, table: str, column: str) -> str | None:
    """The name of the table's column holding the library's *column* (``None``: none)."""
    source = db.sources.get(table)
    present = None if source is None else db.column_names(source)
    theirs = db.columns.get(table, {}).get(column, column)
    if present is None or theirs is None:
        return None
    found = {_column_key(name): name for name in present}.get(_column_key(theirs))
    return found


#: A date held as text, its white space stripped: a day written YYYY-MM-DD, maybe with
#: a time after it, as the DataFrame path reads one (and PostgreSQL reads the same
#: day whatever its DateStyle).
_YEAR_FIRST = "'^[0-9]{4}-[0-9]{2}-[0-9]{2}($|[ T][0-9:. ]*$)'"
#: The same in SQLite, which has no regular expressions: a text that is not one.
_NOT_YEAR_FIRST = (
    "({v} NOT GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*' OR (length({v}) > 10 AND "
    "(substr({v}, 11, 1) NOT IN (' ', 'T') OR substr({v}, 12) GLOB '*[^0-9:. ]*')))"
)


def _check_text_dates(db: Database) -> None:
    """Raise :class:`TreeError` for members whose date, held as text, is not blank nor
    written YYYY-MM-DD (maybe with a time of day, but no time zone, after it), as the
    DataFrame path reads one: PostgreSQL reads ``05/01/2024`` by the session's
    DateStyle, by default month first (1 May, not 5 January), without a word; DuckDB
    failed the whole query, naming no member; and a moment written with its zone
    (``2024-12-30 17:00:00+00:00``, Hà Nội's midnight) was read as its first ten
    characters, the day before, where the loaders refuse it. A date column of numbers
    (DuckDB, PostgreSQL) is refused by the members it gives a value, as SQLite's: cast,
    it failed the whole query, naming neither column nor member. One scan of the table
    for each date column held as text (any, in SQLite) or as numbers, none otherwise."""
    source = db.sources.get("members")
    ids = _column_of(db, "members", "id")
    if source is None or ids is None:
        return  # the counting query says what is missing
    problems: list[Problem] = []
    for column in _member_columns()[0]:
        found = _column_of(db, "members", column) if _sql_type(column) == "DATE" else None
        if found is None:
            continue
        quoted = _quote_one(found)
        if db.dialect == "sqlite" or _text_column(db, source, found):
            value = _trimmed(db.dialect, quoted)
            if db.dialect == "postgres":
                wrong = f"{value} !~ {_YEAR_FIRST}"
            elif db.dialect == "sqlite":  # a day that is none: _check_member_dates
                text = f"typeof({quoted}) = 'text'"
                wrong = f"({text} AND {_NOT_YEAR_FIRST.format(v=value)})"
            else:  # a day that is none (2024-02-30) too: DuckDB can try the cast
                day = f"TRY_CAST(substr({value}, 1, 10) AS DATE)"
                wrong = f"(NOT regexp_matches({value}, {_YEAR_FIRST}) OR {day} IS NULL)"
            wrong = f"{value} <> '' AND {wrong}"
        elif _kind_of(db.dialect, db.column_type(source, found)) == "number":
            # Only its values are refused: a column of numbers that holds none (a date
            # never recorded, its column typed as another's) is read as before, no dates.
            wrong = f"{quoted} IS NOT NULL"
        else:
            continue
        _, rows = db.query(
            f"SELECT {_quote_one(ids)} FROM {source} AS m WHERE {wrong} "
            f"ORDER BY 1 LIMIT {MAX_NAMED}"
        )
        reason = N_("phải là một ngày dạng YYYY-MM-DD")
        problems += [Problem(record_where("Member", i), column, "", reason) for (i,) in rows]
    if problems:
        raise TreeError(problems)


def _not_nfc(db: Database, column: str) -> tuple[str, bool]:
    """The SQL condition of a text *column* whose value may not be in NFC, and whether
    it is exact. Only text beyond ASCII can be: a test of its length in bytes against
    characters, cheap on every row; DuckDB and PostgreSQL (in UTF-8) then test the form
    itself, SQLite (and PostgreSQL before 13, or not in UTF-8) cannot: its candidates are
    tested here, in Python."""
    text = f"CAST({column} AS VARCHAR)"
    if db.dialect == "sqlite":
        return f"length(CAST({column} AS BLOB)) <> length({column})", False
    if db.dialect == "duckdb":
        return f"(strlen({text}) <> length({text}) AND nfc_normalize({text}) <> {text})", True
    beyond = f"octet_length({text}) <> char_length({text})"
    _, found = db.query(
        "SELECT current_setting('server_encoding'), current_setting('server_version_num')"
    )
    encoding, version = found[0]
    if str(encoding).upper() == "UTF8" and int(version) >= 130000:  # IS NORMALIZED: 13
        return f"({beyond} AND {text} IS NOT NFC NORMALIZED)", True
    return beyond, False


def _refuse_nfd(db: Database, rows: str, exact: bool, kind: str) -> None:
    """Raise :class:`TreeError` naming the ids of the query *rows* (one column) that are
    not in NFC, the first :data:`MAX_NAMED`; *exact*: every id it gives is such.

    A record's ids are NFC, as :func:`~coso_dang.frame.rollup_frame` composes a table's:
    compared as written, one member typed in NFD and in NFC was counted twice, and an
    evaluation typed otherwise than its member's row named no member. The database
    cannot compose them everywhere (SQLite has no normalization), so they are refused.
    """
    limit = f" LIMIT {MAX_NAMED}" if exact else ""
    _, found = db.query(f"SELECT DISTINCT * FROM ({rows}) AS n ORDER BY 1{limit}")
    ids = [str(i) for (i,) in found]
    ids = [i for i in ids if unicodedata.normalize("NFC", i) != i][:MAX_NAMED]
    if ids:
        field = "id" if kind == "Member" else "subject_id"
        reason = N_("mã phải viết ở dạng Unicode dựng sẵn (NFC), như mã của bản ghi")
        raise TreeError(Problem(record_where(kind, i), field, i, reason) for i in ids)


def _check_codes(db: Database, members: str, wanted: Iterable[str]) -> None:
    """Raise :class:`~coso_dang.breakdowns.BreakdownError` when a coded column the counts
    read holds a value that is no code of its list: a label ("Bí thư", "Đại học") was
    a committee seat of no role and an education below college, the committee's counts
    short without a word, where a record reads the label as its code."""
    columns = [column for column in CODED_COLUMNS if column in wanted]
    if not columns:
        return
    sums = []
    for column in columns:
        known = coded_values(column) or ()
        codes = ", ".join(_literal(str(code.value)) for code in known if isinstance(code, Enum))
        value = f"m.{_quote(column)}"
        sums.append(_sum(f"{value} IS NOT NULL AND {value} NOT IN ({codes})", f"_{column}"))
    # One pass over the members for every column.
    _, found = db.query(f"SELECT {', '.join(sums)} FROM {members} AS m")
    for column, count in zip(columns, found[0], strict=True):
        if count:
            raise stray_codes_error(column, int(count))


def _check_member_dates(db: Database, members: str, wanted: Iterable[str]) -> None:
    """Raise :class:`TreeError` for members without an admission date, or (in SQLite,
    whose columns hold any type) with a date column that is no ISO date.

    The counts compare dates as the database does: in SQLite a text such as
    ``02/03/2010`` compares as text, so its member was counted in no population, and an
    integer as less than every date, without a word.
    """
    tests = [("admitted_on", "m.admitted_on IS NULL", N_("bắt buộc, không được để trống"))]
    if db.dialect == "sqlite":
        for column in wanted:
            if _sql_type(column) == "DATE":
                value = f"m.{_quote(column)}"
                test = f"{value} IS NOT NULL AND date({value}) IS NOT substr({value}, 1, 10)"
                tests.append((column, test, N_("phải là một ngày dạng YYYY-MM-DD")))
    problems: list[Problem] = []
    for column, test, reason in tests:
        _, rows = db.query(
            f"SELECT id FROM {members} AS m WHERE {test} ORDER BY id LIMIT {MAX_NAMED}"
        )
        problems += [Problem(record_where("Member", i), column, "", reason) for (i,) in rows]
    if problems:
        raise TreeError(problems)


def _check_ratings(db: Database, ratings: str, members: str, year: int) -> None:
    """Raise :class:`TreeError` for members evaluated twice in *year*, or of no member
    here."""
    _, twice = db.query(
        f"SELECT _e_id FROM {ratings} AS e GROUP BY _e_id HAVING COUNT(*) > 1 ORDER BY _e_id"
    )
    if twice:
        raise TreeError(
            Problem(record_where("Evaluation", i), "year", str(year), N_("được đánh giá hai lần"))
            for (i,) in twice
        )
    # SQLite: the members' ids made once (LIMIT -1) and indexed, as for the join.
    once = " LIMIT -1" if db.dialect == "sqlite" else ""
    _, strays = db.query(
        f"SELECT _e_id FROM {ratings} AS e WHERE NOT EXISTS "
        f"(SELECT 1 FROM (SELECT id FROM {members} AS i{once}) AS m WHERE m.id = e._e_id) "
        "ORDER BY _e_id"
    )
    raise TreeError(
        Problem(
            record_where("Evaluation", i),
            "subject_id",
            str(i),
            N_("không có đảng viên này trong cây"),
        )
        for (i,) in strays
    )


def _table(names: list[str], rows: list[tuple[Any, ...]]) -> dict[str, list[Any]]:
    columns: dict[str, list[Any]] = {name: [] for name in names}
    if rows:
        for name, values in zip(names, zip(*rows, strict=True), strict=True):
            columns[name] = list(values)
    return columns


_TEXTS = ("org_id", "subject_id", "rating", "subject")


def _blank_text(value: Any) -> bool:
    return isinstance(value, str) and not value.strip(FLAG_SPACES)


def _frame(columns: Mapping[str, Any]) -> Any:
    """Columns (lists, or DuckDB's arrays) as a polars table, pandas without polars: ids
    and codes as text, sums as integers."""
    np = require("numpy", needed_for="DataFrames")
    values: dict[str, Any] = {}
    for name, column in columns.items():
        if name in _TEXTS:
            listed = column.tolist() if isinstance(column, np.ndarray) else column
            # A blank text is none, as the loaders read an empty cell: a chi bộ id ""
            # (a CSV imported into SQLite keeps it) was an organization of no such id.
            # A text that is not blank, nearly every value, is told inline and kept as
            # it is: a call for each of a nation's ids and reviews cost more.
            spaces = FLAG_SPACES
            values[name] = [
                v
                if type(v) is str and v.strip(spaces)
                else None
                if v is None or _blank_text(v)
                else str(v)
                for v in listed
            ]
        elif isinstance(column, np.ndarray) and column.dtype.kind == "i":
            values[name] = column.astype(np.int64)
        else:
            values[name] = np.array([int(v or 0) for v in column], dtype=np.int64)
    try:
        polars = require("polars", needed_for="DataFrames")
    except ImportError:
        pandas = require("pandas", needed_for="DataFrames")
        return pandas.DataFrame(values)
    schema = {name: polars.String if name in _TEXTS else polars.Int64 for name in values}
    return polars.DataFrame(values, schema=schema)


# -- organizations and units as records --------------------------------------------------------


def read_tree(target: Any) -> OrgTree:
    """The :class:`~coso_dang.tree.OrgTree` of the ``organizations`` and ``units`` tables.

    Raises:
        RecordError: a table or a required column is missing.
        TreeError: rows that make no record (each named by its id), or records that do
            not make a tree; every one is listed.
    """
    db = connect(target)
    problems: list[Problem] = []
    units: list[Any] = []
    # A nation's rows and records hold no cycles: collected as they are made, they were
    # walked again and again, a third of the reading.
    with paused():
        organizations = _records(
            db, "organizations", _ORGANIZATION_COLUMNS, Organization, _org_values, problems
        )
        if db.sources.get("units") is not None:
            units = _records(db, "units", _UNIT_COLUMNS, ResidentialUnit, _unit_values, problems)
    if problems:
        raise TreeError(problems)
    return OrgTree.build(organizations, units=units)


Convert = Callable[[Any], Any]


def _text(value: Any) -> Any:
    return value if value is None or isinstance(value, str) else str(value)


def _day(field: str) -> Convert:
    """A reader of the organizations' dates *field*, as a member's dates are read (see
    :func:`~coso_dang._dataframes.day_of`): a moment with a time zone was read as its
    day in the session's zone (Hà Nội's midnight, in UTC, the day before: an
    organization dissolved a day early), white space around a day or a blank text
    refused the row without saying which field. A value neither a day nor a text (a
    number, 20240101 or a count of days) is refused as a member's is in SQLite: it was
    said to be "a date (date) or None, not int", in the names of Python's types."""

    def read(value: Any) -> Any:
        try:
            day = day_of(value)
        except ValueError:
            day = value
        if day is not None and not isinstance(day, date):
            raise RecordError("", field, None, N_("phải là một ngày dạng YYYY-MM-DD"))
        return day

    return read


def _flag(value: Any) -> Any:
    """An organization's or a unit's yes/no, a number read as a member's is: yes unless 0,
    NaN none. A flag column with gaps, as pandas writes one, holds 1.0, 0.0 and NaN:
    every row of it was refused ("not float"). A text is read as the loaders read it;
    another is refused as they refuse it (it was "must be bool or None, not str", and
    "x" or "đúng", which the loaders read, were refused so)."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, int | float | Decimal):
        return None if value != value else value != 0  # NaN is unequal to itself
    if isinstance(value, str):
        read = read_yes_no(value)  # the loaders' words
        if read is not None:
            return read
        reason = N_("không phải có/không (có, không, x, 1, 0, true, false)")
        raise RecordError("", "", None, reason)
    return value


def _coded(kind: Any) -> Convert:
    """A parser of *kind*'s codes and labels, remembering what it has read."""
    seen: dict[str, Any] = {}

    def convert(value: Any) -> Any:
        if value is None:
            return None
        found = seen.get(value)
        if found is None:
            found = seen[value] = kind.parse(str(value))
        return found

    return convert


#: How each column's values become a record's: the type a value already right has
#: (``None``: always convert), and the converter.
_Read = tuple[type | None, Convert]


def _org_values() -> dict[str, _Read]:
    return {
        "id": (str, _text),
        "name": (str, _text),
        "kind": (None, _coded(OrgKind)),
        "parent_id": (str, _text),
        "sector": (None, _coded(Sector)),
        "grassroots_type": (None, _coded(GrassrootsType)),
        "founded_on": (date, _day("founded_on")),
        "dissolved_on": (date, _day("dissolved_on")),
        "has_chi_bo_quan_su": (bool, _flag),
        "has_chi_bo_cong_an": (bool, _flag),
    }


def _unit_values() -> dict[str, _Read]:
    return {
        "id": (str, _text),
        "name": (str, _text),
        "commune_id": (str, _text),
        "kind": (None, _coded(UnitKind)),
        "chi_bo_id": (str, _text),
        "has_member": (bool, _flag),
        "head_is_member": (bool, _flag),
    }


def _records(
    db: Database,
    table: str,
    wanted: tuple[str, ...],
    kind: type[Any],
    values: Callable[[], dict[str, _Read]],
    problems: list[Problem],
) -> list[Any]:
    """The table's rows as records; each row that makes none becomes a problem, named
    by the record's kind and id and the field that made it none."""
    source = _select(db, table, wanted, _REQUIRED[table])
    names, rows = db.query(f"SELECT * FROM {source} AS t")
    reads = values()
    # Column by column: a column the database already gives in the record's types (text,
    # dates, booleans) is passed on as it is. The usual table, of no blank text nor a
    # value to convert, is told so by loops of the interpreter's own (map, in, set):
    # a test written in Python for each of a nation's values cost more than the records.
    columns: list[Any] = list(zip(*rows, strict=True)) if rows else [()] * len(names)
    unread: dict[int, tuple[str, str]] = {}
    for at, name in enumerate(names):
        ready, read = reads[name]
        column = columns[at]
        types = set(map(type, column))
        if str in types and _any_blank(column, types):
            # A blank text is no value, as the loaders read an empty cell: a CSV imported
            # into SQLite keeps "", which was a parent named "" (refused as blank), a
            # sector or a yes/no that is none, every row of such a table refused.
            column = [None if type(v) is str and not v.strip(FLAG_SPACES) else v for v in column]
            types = set(map(type, column))
        if ready is None or not types <= {ready, type(None)}:
            given = column
            column = _converted(read, given, name) if ready is None else None
            if column is None:
                column = [
                    None if v is None else _read(read, v, i, name, unread)
                    for i, v in enumerate(given)
                ]
        columns[at] = column
    if kind is ResidentialUnit:  # a unit's kind defaults to thôn
        at = names.index("kind")
        columns[at] = [UnitKind.THON if v is None else v for v in columns[at]]
    record = "Organization" if kind is Organization else "ResidentialUnit"
    required = [(at, name) for at, name in enumerate(names) if name in _REQUIRED[table]]
    # The record's checks inline, the class itself called only for a row it refuses (for
    # its own error): the same records and refusals, at a fraction of the cost.
    make = builder(kind)
    if not unread and not any(None in columns[at] for at, _ in required):
        whole = column_records(kind, columns)
        if whole is not None:
            return whole
        try:
            return list(map(make, *columns))
        except (CosoDangError, TypeError, ValueError):
            pass  # a row the record refuses: each row is made again below, to be named
    records: list[Any] = []
    for i, row in enumerate(zip(*columns, strict=True)):
        blank = next((name for at, name in required if row[at] is None), None)
        if i in unread:
            field, text = unread[i]
        elif blank is not None:
            # Said as the loaders say it: the record's own check named a type ("must be
            # OrgKind, not None").
            field, text = blank, N_("bắt buộc, không được để trống")
        else:
            try:
                records.append(make(*row))
                continue
            except (CosoDangError, TypeError, ValueError) as error:
                reason = getattr(error, "problem", None)
                text = reason.reason if reason is not None else N_("không đọc được dòng này")
                field = getattr(reason, "field", "")
        # A row without an id is named by its table: by the record's class name, it was
        # the only problem not in Vietnamese.
        where = table_where(table) if row[0] is None else record_where(record, row[0])
        problems.append(Problem(where, field, "", text))
    return records


def _any_blank(column: Sequence[Any], types: set[type]) -> bool:
    """Whether *column* (its values of *types*) holds a blank text: empty, or only the
    white space of :data:`~coso_dang._dataframes.FLAG_SPACES`."""
    if not types <= {str, type(None)}:
        return any(type(v) is str and not v.strip(FLAG_SPACES) for v in column)
    if "" in column:
        return True
    texts = filter(None, column)  # neither None nor ""
    return not all(map(str.strip, texts, repeat(FLAG_SPACES)))


def _converted(read: Convert, column: Sequence[Any], field: str) -> list[Any] | None:
    """*column* converted by *read* one distinct value at a time, in the order first
    seen (a code repeats on every row; *read* remembers what it has read, so the same
    values come out); ``None`` when a value cannot be, or is none a dict can hold: the
    column is then read row by row, each row that fails named."""
    try:
        distinct = dict.fromkeys(column)
    except TypeError:  # a value no dict holds (a list)
        return None
    distinct.pop(None, None)
    failed: dict[int, tuple[str, str]] = {}
    for value in distinct:
        distinct[value] = _read(read, value, 0, field, failed)
        if failed:
            return None
    return [None if v is None else distinct[v] for v in column]


def _read(
    read: Convert, value: Any, row: int, field: str, unread: dict[int, tuple[str, str]]
) -> Any:
    """*value* of *field* converted; a value that cannot be is noted against its *row*
    (its field and why: said "cannot read this row", the reason was lost) and is None."""
    try:
        return read(value)
    except RecordError as error:
        unread.setdefault(row, (error.problem.field or field, error.problem.reason))
    except CosoDangError as error:  # a code that is none: the parser's message says which
        unread.setdefault(row, (field, error.args[0]))
    except ValueError:
        unread.setdefault(row, (field, N_("không đọc được dòng này")))
    return None


# -- writing records into tables ---------------------------------------------------------------


def write_tables(target: Any, dataset: Any) -> None:
    """Create the four tables in a database and fill them from *dataset*'s records.

    For trying the SQL path, tests and benchmarks: the tables and columns are those
    :func:`rollup_sql` reads, members with the columns the counts read (no names or
    other personal data unless a registered count reads it). The tables must not exist.
    They are written in one transaction: a failure midway leaves none of them.

    Args:
        target: the database (see :func:`connect`; a folder is not written to).
        dataset: a :class:`~coso_dang.dataset.Dataset` (organizations, units, members,
            evaluations).

    >>> import sqlite3
    >>> from coso_dang.testing import generate_province
    >>> db = sqlite3.connect(":memory:")
    >>> data = generate_province(seed=1, scale=0.001, year=2024)
    >>> write_tables(db, data)
    >>> from coso_dang.rollup import rollup
    >>> rollup_sql(db, year=2024) == rollup(data.tree(), year=2024,
    ...                                     evaluations=data.evaluations)
    True
    """
    if not isinstance(dataset, Dataset):
        # None failed with "'NoneType' object has no attribute 'organizations'".
        raise UsageError("write_tables", "dataset", N_("một Dataset"), dataset)
    db = connect(target)
    wanted, _ = _member_columns()
    tables = {
        "organizations": (_ORGANIZATION_COLUMNS, dataset.organizations),
        "units": (_UNIT_COLUMNS, dataset.units),
        "members": (wanted, dataset.members),
        "evaluations": (_EVALUATION_COLUMNS, dataset.evaluations),
    }
    sqlite = db.dialect == "sqlite"
    mark = "%s" if db.dialect == "postgres" else "?"
    cursor = db.connection.cursor()
    # The four tables are made in one transaction: a failure midway (a text no driver
    # encodes, Ctrl-C) left the first ones behind, and writing again was refused with
    # "table organizations already exists". SQLite and PostgreSQL roll back a table's
    # creation too; a savepoint keeps the caller's own pending work, where a transaction
    # is open. DuckDB runs a cursor's statements apart from its connection's.
    begin, commit, undo = _transaction(db)
    try:
        for statement in begin:
            cursor.execute(statement)
        for table, (names, records) in tables.items():
            types = ", ".join(f"{_quote(n)} {_sql_type(n)}" for n in names)
            cursor.execute(f"CREATE TABLE {_quote(table)} ({types})")
            rows = [
                tuple(_stored(getattr(record, name), sqlite) for name in names)
                for record in records
            ]
            if rows and hasattr(cursor, "copy"):  # psycopg 3: COPY, many times faster
                with cursor.copy(f"COPY {_quote(table)} FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
            elif rows:
                marks = ", ".join([mark] * len(names))
                cursor.executemany(f"INSERT INTO {_quote(table)} VALUES ({marks})", rows)
        for statement in commit:
            cursor.execute(statement)
    except BaseException:
        # The error raised is the one that stopped the writing, not one of the undoing
        # (a connection lost midway cannot roll back either).
        with suppress(_driver_errors(db.connection)):
            for statement in undo:
                cursor.execute(statement)
        raise
    finally:
        cursor.close()
    db.connection.commit()


_SAVEPOINT = "coso_dang_write_tables"


def _transaction(db: Database) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """The statements that begin, end and undo :func:`write_tables`' one transaction."""
    if db.dialect == "duckdb":
        return ("BEGIN TRANSACTION",), ("COMMIT",), ("ROLLBACK",)
    if db.dialect == "postgres" and getattr(db.connection, "autocommit", False):
        return ("BEGIN",), ("COMMIT",), ("ROLLBACK",)
    # SQLite opens a transaction with its first savepoint; psycopg has opened one
    # already (a connection not in autocommit).
    return (
        (f"SAVEPOINT {_SAVEPOINT}",),
        (f"RELEASE SAVEPOINT {_SAVEPOINT}",),
        (f"ROLLBACK TO SAVEPOINT {_SAVEPOINT}", f"RELEASE SAVEPOINT {_SAVEPOINT}"),
    )


def _stored(value: Any, sqlite: bool) -> Any:
    """A record's value as a database stores it: codes, and in SQLite ISO text and 0/1."""
    if isinstance(value, Enum):
        return value.value if not isinstance(value, Rating) else value.abbreviation
    if sqlite and isinstance(value, date):
        return value.isoformat()
    if sqlite and isinstance(value, bool):
        return int(value)
    return value
