"""DataFrame export: which backends there are, and columns of values into a table.

One place for the backend check, the import of the optional libraries, and the dtypes
of the tables the library hands out (:meth:`Rollup.to_frame
<coso_dang.rollup.Rollup.to_frame>`, :func:`~coso_dang.frame.members_frame`); and
the readings of a given table shared by :mod:`coso_dang.frame` and the rule packs'
tables (dates as days, ids in NFC, yes/no flags written out, with the texts the SQL
path reads flags by), so that every path reads a value alike.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Iterable, Mapping, Sequence
from datetime import date, datetime
from typing import Any, Literal

from coso_dang._extras import require as require_extra
from coso_dang._yes_no import NO_TEXTS, YES_TEXTS, read_yes_no
from coso_dang.errors import ArgumentError, Problem, TreeError, record_where, table_where
from coso_dang.i18n import N_
from coso_dang.vi.dates import VIETNAM_IANA_ZONE, is_vietnam_zone, vietnam_day

__all__ = [
    "BACKENDS",
    "FLAG_SPACES",
    "OBJECT_NUMBERS",
    "VIETNAM_ZONE",
    "Backend",
    "blank_missing",
    "blanks_missing",
    "check_backend",
    "day_of",
    "flag_spellings",
    "in_vietnam",
    "moments_in_vietnam",
    "nfc_ids",
    "no_value",
    "of_year",
    "records_frame",
    "refuse_odd_years",
    "require",
    "table",
    "text_days",
    "whole_days",
    "yes_no",
]

Backend = Literal["pandas", "polars"]
#: The DataFrame libraries a table can be made with.
BACKENDS: tuple[str, ...] = ("pandas", "polars")


def check_backend(backend: object) -> None:
    """Raise :class:`~coso_dang.errors.ArgumentError` (a ``ValueError``) unless *backend*
    names a DataFrame library we support.

    >>> check_backend("polars")
    >>> check_backend("spark")
    Traceback (most recent call last):
    coso_dang.errors.ArgumentError: backend phải là 'pandas' hoặc 'polars', không phải 'spark'
    """
    if backend not in BACKENDS:
        raise ArgumentError(
            N_(
                "backend phải là 'pandas' hoặc 'polars', không phải {backend}",
                backend=repr(backend),
            )
        )


def require(name: str) -> Any:
    """Import a DataFrame library, or raise :class:`~coso_dang.MissingExtraError`.

    The error (also an :class:`ImportError`) names the extra that brings it.
    """
    return require_extra(name, needed_for="DataFrames")


def records_frame(
    records: list[dict[str, Any]],
    count_codes: Sequence[str],
    share_codes: Sequence[str],
    backend: Backend,
) -> Any:
    """Rollup records as a table: ``id``, ``name``, ``kind``, ``parent``, counts, shares.

    Counts are nullable 64-bit integers (null when unknown); shares are floats.
    """
    check_backend(backend)
    module = require(backend)
    columns: dict[str, list[Any]] = {
        key: [r[key] for r in records] for key in ("id", "name", "kind", "parent")
    }
    for code in count_codes:
        columns[code] = [r[code] for r in records]
    for code in share_codes:
        columns[code] = [None if r[code] is None else float(r[code]) for r in records]
    if backend == "polars":
        schema: dict[str, Any] = dict.fromkeys(("id", "name", "kind", "parent"), module.String)
        schema.update(dict.fromkeys(count_codes, module.Int64))
        schema.update(dict.fromkeys(share_codes, module.Float64))
        return module.DataFrame(columns, schema=schema)
    frame = module.DataFrame(columns)
    for code in count_codes:
        frame[code] = frame[code].astype("Int64")
    for code in share_codes:
        frame[code] = frame[code].astype("float64")
    return frame


def table(
    columns: dict[str, list[Any]],
    backend: Backend,
    *,
    dates: Sequence[str] = (),
    flags: Sequence[str] = (),
    ints: Sequence[str] = (),
) -> Any:
    """*columns* as a table: *dates* as dates, *flags* as nullable booleans, *ints* as
    64-bit integers, everything else as text."""
    check_backend(backend)
    if backend == "polars":
        pl = require("polars")
        schema = {
            name: pl.Date
            if name in dates
            else pl.Boolean
            if name in flags
            else pl.Int64
            if name in ints
            else pl.String
            for name in columns
        }
        return pl.DataFrame(columns, schema=schema)
    pd = require("pandas")
    np = require("numpy")
    data: dict[str, Any] = {}
    for name, values in columns.items():
        if name in dates:
            # Day numbers through numpy: far faster than parsing date objects.
            days = np.array(
                [-(2**62) if d is None else d.toordinal() - 719163 for d in values],
                dtype="int64",
            )
            series = pd.Series(days.astype("datetime64[D]").astype("datetime64[s]"))
            series[days == -(2**62)] = pd.NaT
            data[name] = series
        elif name in flags:
            data[name] = pd.array(values, dtype="boolean")
        elif name in ints:
            data[name] = pd.array(values, dtype="int64")
        else:
            data[name] = pd.array(values, dtype=object)
    return pd.DataFrame(data)


def whole_days(nw: Any, frame: Any, names: Iterable[str], schema: Any) -> list[Any]:
    """Expressions (narwhals) making the columns *names* of *frame* (eager or lazy; its
    *schema*) days comparable with the reporting day: datetimes cut to their day, a
    moment with a time zone to its day in Vietnam (:func:`in_vietnam`); a column of
    Python dates (pandas' ``object``) as datetimes; and a column holding no date at all,
    whatever its type, as missing dates.

    A record's dates are days: compared with a reporting day at midnight, an admission at
    10:00 on that day would otherwise fall after it. A column no member has a value in
    is what CSV readers make of an empty one (text in polars and DuckDB, Arrow's null
    type, NaN in pandas): compared as it came, it was refused with the engine's error,
    where the records of the same members roll up.
    """
    names = list(names)
    days = []
    odd = []
    for name in names:
        dtype = schema[name]
        if dtype == nw.Datetime:
            column = nw.col(name)
            zone = getattr(dtype, "time_zone", None)
            if is_vietnam_zone(zone):  # its wall clock is Vietnam's (see vietnam_day)
                column = column.dt.replace_time_zone(None)
            elif zone is not None:
                column = in_vietnam(nw, frame, column)
            days.append(column.dt.truncate("1d").alias(name))
        elif dtype != nw.Date:
            odd.append(name)
    if not odd:
        return days
    zoned = [name for name in odd if _zoned(nw, frame, name, schema[name])]
    # A zone narwhals does not read: to UTC first (pandas moves the instants), then on.
    # Dask's cast drops the zone: its columns are moved by moments_in_vietnam before.
    days += [
        (
            nw.col(name).dt.replace_time_zone(None)
            if frame.implementation.is_dask()
            else _wall_clock(nw, frame, name)
        )
        .dt.truncate("1d")
        .alias(name)
        for name in zoned
    ]
    objects = [name for name in odd if _python_dates(nw, frame, name, schema[name])]
    days += [nw.col(name).cast(nw.Datetime("us")).alias(name) for name in objects]
    objects += zoned
    rest = [name for name in odd if name not in objects]
    if rest:
        # One look at the data, only for such columns: is any of them empty throughout?
        empty = frame.select(*(no_value(nw, name, schema[name]).alias(name) for name in rest))
        if isinstance(empty, nw.LazyFrame):
            empty = empty.collect()
        # Missing days of the type the table's dates are compared as: the admission's,
        # else the other dates' (pandas compares no datetime column with a date).
        first = "admitted_on"
        dated = first in objects or (
            schema.get(first) == nw.Datetime
            if schema.get(first) in (nw.Date, nw.Datetime)
            else bool(objects) or any(schema[name] == nw.Datetime for name in names)
        )
        missing = nw.Datetime("us") if dated else nw.Date()
        days += [
            nw.lit(None, dtype=missing).alias(name)
            for name, none in zip(rest, empty.row(0), strict=True)
            if none
        ]
    return days


#: Vietnam's time, UTC+7 all year, as the loaders read a moment with its zone (the
#: IANA name of the fixed offset: its sign is the other way round).
VIETNAM_ZONE = "Etc/GMT-7"


def in_vietnam(nw: Any, frame: Any, column: Any) -> Any:
    """A column (narwhals) of moments in a time zone as Vietnam's wall-clock time, without
    a zone: its day is the day in Vietnam. Cut in the column's own zone, Hà Nội's
    midnight written in UTC (17:00 the day before, as Spark writes it) was the day
    before. DuckDB moves no zone but its session's: a relation's moments are moved by
    :func:`moments_in_vietnam` before, and here taken in the session's zone. Spark's
    timestamps are all in its session's zone (a column of days becomes one), so they
    are taken there, as before."""
    if frame.implementation is nw.Implementation.DUCKDB or frame.implementation.is_spark_like():
        return column.dt.replace_time_zone(None)
    return column.dt.convert_time_zone(VIETNAM_ZONE).dt.replace_time_zone(None)


def moments_in_vietnam(nw: Any, frame: Any, names: Iterable[str], schema: Any) -> Any:
    """*frame* with those of its columns *names* that hold moments in a time zone as
    Vietnam's wall-clock time, where narwhals cannot move them: in a DuckDB relation
    (narwhals moves no zone there; DuckDB took the day in its session's zone), in a
    Dask table whose zone narwhals does not read, and in a pandas column of Python
    datetimes in several zones (pandas keeps them as objects). *frame* as it is
    otherwise."""
    names = list(names)
    if frame.implementation is nw.Implementation.DUCKDB:
        zoned = {
            name
            for name in names
            if schema[name] == nw.Datetime and getattr(schema[name], "time_zone", None) is not None
        }
        if not zoned:
            return frame

        def quoted(name: str) -> str:
            return '"' + name.replace('"', '""') + '"'

        columns = [
            f"timezone('{VIETNAM_ZONE}', {quoted(name)}) AS {quoted(name)}"
            if name in zoned
            else quoted(name)
            for name in schema.names()
        ]
        return nw.from_native(nw.to_native(frame).project(", ".join(columns)))
    if frame.implementation.is_dask():
        found = [name for name in names if _zoned(nw, frame, name, schema[name])]
        if not found:
            return frame
        native = nw.to_native(frame)
        # The zone from the column's type: a Dask column's .dt.tz is a lazy scalar, no
        # zone, and midnights in Vietnam's own zone were moved to UTC+7.
        moved = {
            name: (
                native[name]
                if is_vietnam_zone(native[name].dtype.tz)
                else native[name].dt.tz_convert(VIETNAM_ZONE)
            ).dt.tz_localize(None)
            for name in found
        }
        return nw.from_native(native.assign(**moved))
    if frame.implementation.is_pandas():
        native = nw.to_native(frame)
        aware = [
            name
            for name in names
            if _python_dates(nw, frame, name, schema[name]) and _holds_zones(native[name])
        ]
        if not aware:
            return frame
        moved = nw.from_native(native.assign(**{name: _days_of(native[name]) for name in aware}))
        return moved.lazy() if isinstance(frame, nw.LazyFrame) else moved
    return frame


def _holds_zones(column: Any) -> bool:
    """Whether a pandas column of Python objects holds a datetime with a time zone: a
    column of moments in several zones (or some in none) that pandas keeps as objects."""
    return any(isinstance(v, datetime) and v.tzinfo is not None for v in column)


def _days_of(column: Any) -> Any:
    """A pandas column of Python dates and datetimes as datetimes of their days, a
    moment with a time zone its day in Vietnam (:func:`~coso_dang.vi.dates.vietnam_day`).
    Cast as they came, pandas refused the zones with its own English error. Python work
    per value, as the column already holds Python objects."""
    pd = require("pandas")
    days = [
        None if pd.isna(value) else datetime.combine(day_of(value), datetime.min.time())  # type: ignore[arg-type]
        for value in column
    ]
    return pd.Series(days, index=column.index, dtype="datetime64[us]")


def no_value(nw: Any, name: str, dtype: Any) -> Any:
    """True when the column *name* holds no value (a float column's NaN is none)."""
    column = nw.col(name)
    gap = column.is_null()
    if dtype.is_float():
        gap = gap | column.is_nan()
    return gap.all()


def _zoned(nw: Any, frame: Any, name: str, dtype: Any) -> bool:
    """Whether the column *name* of a pandas or Dask table holds datetimes in a time zone
    that narwhals does not read (its type then unknown): one whose name has an
    underscore, as Vietnam's own ``Asia/Ho_Chi_Minh``."""
    implementation = frame.implementation
    if dtype != nw.Unknown or not (implementation.is_pandas() or implementation.is_dask()):
        return False
    pd = require("pandas")
    return isinstance(nw.to_native(frame)[name].dtype, pd.DatetimeTZDtype)


def _wall_clock(nw: Any, frame: Any, name: str) -> Any:
    """The column *name* of a pandas table, in a zone narwhals does not read, as Vietnam's
    wall-clock time: moved to UTC first (pandas moves the instants), then to Vietnam,
    its own zone's clock when it was in it (see :func:`~coso_dang.vi.dates.vietnam_day`)."""
    moment = nw.col(name).cast(nw.Datetime("us", "UTC"))
    if is_vietnam_zone(nw.to_native(frame)[name].dtype.tz):
        return moment.dt.convert_time_zone(VIETNAM_IANA_ZONE).dt.replace_time_zone(None)
    return in_vietnam(nw, frame, moment)


def _python_dates(nw: Any, frame: Any, name: str, dtype: Any) -> bool:
    """Whether the column *name* of a pandas table holds Python dates or datetimes (an
    ``object`` column, as pandas makes of records holding dates), and some."""
    if dtype != nw.Object or not frame.implementation.is_pandas():
        return False
    pd = require("pandas")
    kind = pd.api.types.infer_dtype(nw.to_native(frame)[name], skipna=True)
    return kind in ("date", "datetime", "datetime64")


#: Text with a character beyond ASCII: only such an id can be written other than in NFC.
_NOT_ASCII = "[^\\x00-\\x7f]"


def _any_beyond_ascii(nw: Any, lazy: Any, column: str, beyond: Any) -> bool:
    """Whether some text of *column* has a character beyond ASCII (*beyond* tells it
    of one text). polars is asked whether a text has more bytes than characters, which
    it knows without a regular expression: eight times faster over a nation's ids."""
    if lazy.implementation is nw.Implementation.POLARS:
        pl = require("polars")
        text = pl.col(column)
        longer = (text.str.len_bytes() != text.str.len_chars()).fill_null(False).any()
        return bool(nw.to_native(lazy).select(longer).collect().item())
    return bool(lazy.select(beyond.fill_null(False).any()).collect().item())


def nfc_ids(nw: Any, lazy: Any, schema: Any, column: str) -> tuple[Any, bool]:
    """*lazy* with its text *column* of ids composed to NFC, as a record's ids are, and
    whether any id changed. One id typed in NFD and in NFC elsewhere was two ids: a
    member twice on the list not seen as a duplicate, an evaluation not finding its
    member. A table of plain ASCII ids (the usual codes) costs one look in the engine;
    only its ids beyond ASCII come into Python, to be composed."""
    if schema[column] in (nw.Object, nw.Unknown):
        return lazy, False  # Python objects (pandas), left as they are
    beyond = nw.col(column).str.contains(_NOT_ASCII)
    if not _any_beyond_ascii(nw, lazy, column, beyond):
        return lazy, False
    found = lazy.filter(beyond).select(column).unique().collect().get_column(column).to_list()
    old = [i for i in found if unicodedata.normalize("NFC", i) != i]
    if not old:
        return lazy, False
    new = [unicodedata.normalize("NFC", i) for i in old]
    composed = nw.col(column).replace_strict(old, new, default=nw.col(column))
    return lazy.with_columns(composed.alias(column)), True


#: The characters stripped around such a text: Unicode's white space (a tab, a line
#: break, a no-break space pasted from a spreadsheet). Named, so that every engine
#: strips the same ones: polars, pandas and pyarrow each strip their own set by default,
#: SQL's ``trim`` only spaces.
FLAG_SPACES = (
    "\t\n\x0b\x0c\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
    "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)


def yes_no(nw: Any, name: str, dtype: Any, spelled: Mapping[str, bool] | None = None) -> Any:
    """A flag column held as text or numbers, as booleans: a text the loaders read as a
    yes or a no (:func:`~coso_dang._yes_no.read_yes_no`: "có", "x", "true", "0"...) or
    a number (0 is no, any other yes, as SQL reads one); anything else, like a missing
    value or NaN, is unknown (null), never false or true.

    The engine reads a text that is one of the words with white space around and in any
    case of its letters (``" TRUE"``, ``"Co"``); one written otherwise (with its
    diacritics, "Có", "KHÔNG", or a tick drawn as an emoji) only as *spelled* gives it,
    a text's reading (see :func:`flag_spellings`).

    A column of Python objects (pandas: booleans beside texts, as a spreadsheet's column
    holding both is read) is read by each value's text: ``True``, ``1`` and ``1.0`` are
    yes, ``"không"`` no; taken as they were, every text was a yes, "false" and "không"
    too."""
    column = nw.col(name)
    if dtype.is_numeric():
        known = ~column.is_null()
        if dtype.is_float():  # NaN: a float column's gap in polars and Arrow
            known = known & ~column.is_nan()
        return nw.when(known.fill_null(False)).then(column != 0).alias(name)
    if _read_as_text(nw, dtype):
        text = _flag_text(nw, name)
        yes_texts, no_texts = _words(nw, dtype)
        known = text.is_in([*yes_texts, *no_texts])
        yes = text.is_in(yes_texts)
        if spelled:
            raw = column.cast(nw.String())
            known = known | raw.is_in(list(spelled))
            yes = yes | raw.is_in([given for given, read in spelled.items() if read])
        return nw.when(known).then(yes).alias(name)
    if dtype == nw.Unknown:  # the null type (Arrow's): no answer given
        return column.cast(nw.Boolean()).alias(name)
    return column  # booleans, or a type no flag is written in: left as it is


def _read_as_text(nw: Any, dtype: Any) -> bool:
    """Whether a flag column of *dtype* is read by its values' texts (see :func:`yes_no`)."""
    return dtype in (nw.String, nw.Categorical, nw.Enum, nw.Object)


#: A yes and a no among Python objects as a number (see :func:`yes_no`), in its text.
OBJECT_NUMBERS: dict[str, bool] = {"1.0": True, "0.0": False}


def _words(nw: Any, dtype: Any) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The texts of a yes and of a no in a flag column of *dtype* read as text: in one
    of Python objects, a number too as Python writes it (1.0, 0.0)."""
    if dtype == nw.Object:
        numbers = OBJECT_NUMBERS.items()
        yes = tuple(text for text, read in numbers if read)
        return (*YES_TEXTS, *yes), (*NO_TEXTS, *(text for text, read in numbers if not read))
    return YES_TEXTS, NO_TEXTS


def _flag_text(nw: Any, name: str) -> Any:
    """The flag column *name* as the text the engine matches with the words: stripped of
    :data:`FLAG_SPACES`, in lower case."""
    return nw.col(name).cast(nw.String()).str.strip_chars(FLAG_SPACES).str.to_lowercase()


def flag_spellings(
    nw: Any, frame: Any, schema: Any, names: Iterable[str]
) -> dict[str, dict[str, bool]]:
    """The texts of those of the flag columns *names* of *frame* held as text that the
    engine does not match with the words of a yes or a no (see :func:`yes_no`) but the
    loaders read as one ("Có", "KHÔNG", "đúng", a text in NFD), each with its reading,
    by column: given to :func:`yes_no`. The distinct such texts are few: one look at
    each column held as text, none at a column of booleans or numbers. Read as the
    engine saw them, "có" written by a clerk was unknown and the counts reading the
    column unknown with it, where the records count it."""
    found: dict[str, dict[str, bool]] = {}
    for name in names:
        if not _read_as_text(nw, schema[name]):
            continue
        text = _flag_text(nw, name)
        yes_texts, no_texts = _words(nw, schema[name])
        other = (~text.is_in([*yes_texts, *no_texts]) & (text != "")).fill_null(False)
        distinct = frame.filter(other).select(nw.col(name).cast(nw.String())).unique()
        if isinstance(distinct, nw.LazyFrame):
            distinct = distinct.collect()
        read = {
            given: answer
            for given in distinct.get_column(name).to_list()
            if isinstance(given, str) and (answer := read_yes_no(given)) is not None
        }
        if read:
            found[name] = read
    return found


def blanks_missing(
    nw: Any,
    frame: Any,
    schema: Any,
    names: Iterable[str],
    seen: dict[str, list[Any]] | None = None,
    read: Collection[str] | None = None,
) -> list[Any]:
    """Expressions (narwhals) reading a blank text ("" or white space, the characters of
    :data:`FLAG_SPACES`) in those of the columns *names* of *frame* held as text as no
    value, as the loaders read an empty cell (a CSV imported as it is keeps them); other
    texts are kept as written. Columns of other types are left out, and so are those
    *frame* is seen to hold no blank text in: trimming every cell of a national table
    (and casting a categorical column to text to do it) took more time than the count it
    feeds, while the codes a column holds are few and looked at once. The distinct
    values looked at (as text, blanks included) are put in *seen*, if given, by column:
    the caller reads them instead of looking again. Given *read*, the columns the caller
    reads, a polars table's others are neither looked at nor changed: polars joins a
    column of any type, and leaves out of a query one that nothing reads."""
    written = (nw.String, nw.Categorical, nw.Enum)
    texts = [name for name in names if schema[name] in written]
    if read is not None and frame.implementation is nw.Implementation.POLARS:
        texts = [name for name in texts if name in read]
    if seen is None:
        # An enum column holds only its categories: without a blank one, no cell is
        # blank, and the column's millions of cells need not be looked at.
        texts = [name for name in texts if not _blank_free_enum(nw, schema[name])]
    blank = _blank_columns(nw, frame, texts, seen)
    return [blank_missing(nw, name) for name in texts if name in blank]


def _blank_free_enum(nw: Any, dtype: Any) -> bool:
    """Whether *dtype* is an enum none of whose categories is a blank text."""
    return bool(dtype == nw.Enum) and all(
        str(category).strip(FLAG_SPACES) for category in dtype.categories
    )


def _blank_columns(
    nw: Any, frame: Any, names: list[str], seen: dict[str, list[Any]] | None
) -> set[str]:
    """Those of the text columns *names* of *frame* that may hold a blank text: the
    distinct texts of an eager table or a polars query are looked at (one query for
    all); another engine's query is taken to hold some (the expression then decides)."""
    if not names:
        return set()
    if isinstance(frame, nw.LazyFrame):
        if frame.implementation is not nw.Implementation.POLARS:
            return set(names)
        pl = require("polars")
        native = nw.to_native(frame)
        found = native.select(pl.col(n).unique().cast(pl.String).implode() for n in names)
        distinct = dict(zip(names, found.collect().row(0), strict=True))
    else:
        distinct = {n: frame.get_column(n).unique().to_list() for n in names}
    if seen is not None:
        seen.update(distinct)
    return {
        name
        for name, values in distinct.items()
        if any(isinstance(v, str) and not v.strip(FLAG_SPACES) for v in values)
    }


def blank_missing(nw: Any, name: str) -> Any:
    """The column *name* as text, a blank text (see :func:`blanks_missing`) missing."""
    text = nw.col(name).cast(nw.String())
    return nw.when(text.str.strip_chars(FLAG_SPACES) != "").then(text).alias(name)


def of_year(nw: Any, dtype: Any, year: int) -> Any:
    """True where an evaluation's ``year`` (of type *dtype*) is *year*: a number equal
    to it, or a text reading it with white space around (``"2024 "``), as SQL's cast
    reads one. A year held as text matched no year in pandas; cast to a whole number,
    text with spaces was refused by polars, and a gap (NaN in a pandas column of floats,
    None among texts) by pandas; a missing year is no year, as in the SQL path."""
    column = nw.col("year")
    if dtype.is_numeric():
        return column == year
    return column.cast(nw.String()).str.strip_chars() == str(year)


def refuse_odd_years(nw: Any, evaluations: Any, dtype: Any, *, named: int) -> None:
    """Raise :class:`TreeError` naming the evaluations (the first *named*)
    whose year is no whole number: a text other than digits (``"2024.0"``, as a CSV
    written from a column of floats has it; ``"năm 2024"``) or a number with a fraction.
    Compared as they were, they matched no year and the evaluations were left out
    without a word, the members counted unrated. A missing year is no year, as before.
    One look at the table, only for a year held as text or as floats."""
    column = nw.col("year")
    if dtype.is_float():
        odd = ~column.is_null() & ~column.is_nan() & (column != column.round(0))
    elif dtype in (nw.String, nw.Categorical, nw.Enum):
        text = column.cast(nw.String()).str.strip_chars()
        odd = ~column.is_null() & (text != "") & ~text.str.contains("^[0-9]+$")
    else:
        return
    found = (
        evaluations.filter(odd.fill_null(False))
        .select(nw.col("subject_id").cast(nw.String()))
        .head(named)
        .collect()
    )
    if len(found):
        # The value is not quoted: a column taken for the year may hold names.
        reason = N_("phải là số nguyên từ {low} đến {high}", low=1930, high=9999)
        raise TreeError(
            Problem(record_where("Evaluation", subject), "year", "", reason)
            for subject in found.get_column("subject_id").to_list()
        )


#: A date held as text, white space stripped: a day written YYYY-MM-DD, maybe a time of
#: day after it, but no time zone (``+00:00``, ``Z``): the day of a moment written in
#: another zone is not its first ten characters, and the loaders refuse such a text.
_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}([ T][0-9:. ]*)?")


def _iso_day(text: str) -> bool:
    """Whether *text* (white space stripped) is a day as :data:`_ISO_DAY` says, as the
    SQL path reads a date held as text."""
    if _ISO_DAY.fullmatch(text) is None:
        return False
    try:
        date.fromisoformat(text[:10])
    except ValueError:
        return False
    return True


def day_of(value: object) -> object:
    """The day of one value of a table's date column, read as the table paths read a
    member's date: a datetime its day, one with a time zone its day in Vietnam; text
    written as :func:`text_days` reads it (white space around, a time of day after the
    day, no zone) its day, a blank text none. Other values are returned as they are (the
    record's own check names a wrong type).

    Raises:
        ValueError: a text that is no such day.

    >>> from datetime import datetime, timezone
    >>> day_of(datetime(2024, 5, 31, 17, tzinfo=timezone.utc)), day_of(" 2024-06-01 "), day_of("")
    (datetime.date(2024, 6, 1), datetime.date(2024, 6, 1), None)
    """
    if isinstance(value, datetime):
        return vietnam_day(value)
    if isinstance(value, str):
        text = value.strip(FLAG_SPACES)
        if not text:
            return None
        if not _iso_day(text):
            raise ValueError(text)
        return date.fromisoformat(text[:10])
    return value


def text_days(nw: Any, lazy: Any, schema: Any, dates: list[str], *, named: int) -> list[Any]:
    """Expressions reading the member date columns held as text (a CSV read without
    parsing its dates) as days: ISO text, white space around, a time of day after the
    day; a blank text is no date. Compared as text with the reporting day, each engine
    refused the column with its own error, in English (DuckDB read it as a date).

    Raises:
        TreeError: a text that is no such day, naming its members (the first *named*;
            the column alone in a table without ids), as the SQL path refuses one.
    """
    written = (nw.String, nw.Categorical, nw.Enum)
    texts = [name for name in dates if schema[name] in written]
    if not texts:
        return []
    # Datetimes where the engine has no column of days (pandas, Dask) or where the
    # other dates are datetimes: every date column is compared with the same scalars.
    pandas_like = lazy.implementation.is_pandas_like() or lazy.implementation.is_dask()
    as_datetimes = pandas_like or schema["admitted_on"] == nw.Datetime
    read, problems = [], []
    for name in texts:
        text = nw.col(name).cast(nw.String()).str.strip_chars(FLAG_SPACES)
        found = lazy.select(text.alias(name)).unique().collect().get_column(name).to_list()
        wrong = [t for t in found if isinstance(t, str) and t and not _iso_day(t)]
        if wrong:
            reason = N_("phải là một ngày dạng YYYY-MM-DD")
            if "id" not in schema.names():  # a breakdown's table may hold no ids
                problems.append(Problem(table_where("members"), name, "", reason))
                continue
            rows = lazy.filter(text.is_in(wrong)).select("id").sort("id").head(named).collect()
            problems += [
                Problem(record_where("Member", i), name, "", reason)
                for i in rows.get_column("id").to_list()
            ]
            continue
        if not any(isinstance(t, str) and t for t in found):  # blank throughout: no date
            missing = nw.Datetime("us") if as_datetimes else nw.Date()
            read.append(nw.lit(None, dtype=missing).alias(name))
            continue
        day = nw.when(text != "").then(text.str.slice(0, 10))
        parsed = day.str.to_datetime("%Y-%m-%d") if as_datetimes else day.str.to_date("%Y-%m-%d")
        read.append(parsed.alias(name))
    if problems:
        raise TreeError(problems)
    return read
