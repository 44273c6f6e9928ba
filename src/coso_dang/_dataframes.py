"""DataFrame export: which backends there are, and columns of values into a table.

One place for the backend check, the import of the optional libraries, and the dtypes
of the tables the library hands out (:meth:`Rollup.to_frame
<coso_dang.rollup.Rollup.to_frame>`, :func:`~coso_dang.frame.members_frame`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, Literal

from coso_dang._extras import require as require_extra

__all__ = [
    "BACKENDS",
    "Backend",
    "check_backend",
    "records_frame",
    "require",
    "table",
    "whole_days",
]

Backend = Literal["pandas", "polars"]
#: The DataFrame libraries a table can be made with.
BACKENDS: tuple[str, ...] = ("pandas", "polars")


def check_backend(backend: object) -> None:
    """Raise :class:`ValueError` unless *backend* names a DataFrame library we support.

    >>> check_backend("polars")
    >>> check_backend("spark")
    Traceback (most recent call last):
    ValueError: backend must be 'pandas' or 'polars', not 'spark'
    """
    if backend not in BACKENDS:
        raise ValueError(f"backend must be 'pandas' or 'polars', not {backend!r}")


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


def whole_days(nw: Any, names: Iterable[str], schema: Any) -> list[Any]:
    """Expressions (narwhals) cutting those of the columns *names* that hold datetimes to
    their day, a time zone's to its day in that zone; *schema*: the frame's.

    A record's dates are days: compared with a reporting day at midnight, an admission at
    10:00 on that day would otherwise fall after it.
    """
    days = []
    for name in names:
        dtype = schema[name]
        if dtype == nw.Datetime:
            column = nw.col(name)
            if getattr(dtype, "time_zone", None) is not None:
                column = column.dt.replace_time_zone(None)
            days.append(column.dt.truncate("1d").alias(name))
    return days
