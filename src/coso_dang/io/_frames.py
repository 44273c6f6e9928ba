"""How a record field is held in a table column (Parquet files, polars frames).

One rule for both: ids and text as strings, dates as dates, yes/no as booleans, whole
numbers as 64-bit integers, coded values as their codes (a rating as its abbreviation),
and the few composite fields (gaps in activity, lists of ids) as the text a CSV cell
holds with field-name headers.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from typing import Any

from coso_dang.errors import MissingExtraError
from coso_dang.io._schema import (
    BoolCodec,
    Codec,
    Column,
    DateCodec,
    EnumCodec,
    IdCodec,
    IntCodec,
    RatingCodec,
    RecordSchema,
    TextCodec,
)

__all__ = ["cell_value", "column_dtype", "frame_schema", "polars", "record_value", "records_frame"]


def polars(needed_for: str) -> Any:
    """The polars module, or the error naming the extras that bring it."""
    try:
        return importlib.import_module("polars")
    except ImportError as error:
        raise MissingExtraError("polars", "parquet", needed_for) from error


def column_dtype(pl: Any, codec: Codec) -> Any:
    """The polars dtype that holds values of *codec*."""
    if isinstance(codec, DateCodec):
        return pl.Date
    if isinstance(codec, BoolCodec):
        return pl.Boolean
    if isinstance(codec, IntCodec):
        return pl.Int64
    return pl.String


def cell_value(column: Column, value: Any) -> Any:
    """A record's field value as its table column holds it (``None`` stays ``None``)."""
    if value is None:
        return None
    codec = column.codec
    if isinstance(codec, EnumCodec):
        return str(value.value)
    if isinstance(codec, RatingCodec):
        return value.abbreviation
    if isinstance(codec, (DateCodec, BoolCodec, IntCodec)):
        return value
    if value == ():
        return None
    return codec.to_text(value, "fields")


def record_value(column: Column, value: Any) -> Any:
    """The record's field value for a table cell (the inverse of :func:`cell_value`)."""
    if value is None:
        return None
    codec = column.codec
    if isinstance(codec, EnumCodec):
        enum: Any = codec.enum  # a member by its code
        return enum(value)
    if isinstance(codec, (DateCodec, BoolCodec, IntCodec)):
        return value
    if isinstance(codec, RatingCodec):
        return codec.from_text(value)
    if isinstance(codec, (TextCodec, IdCodec)):
        return value
    return codec.from_text(value)


def records_frame(pl: Any, schema: RecordSchema, records: Sequence[Any]) -> Any:
    """A polars frame of *records*, one column per field of *schema*."""
    data = {
        column.field: [cell_value(column, getattr(record, column.field)) for record in records]
        for column in schema.columns
    }
    return pl.DataFrame(data, schema=frame_schema(pl, schema))


def frame_schema(pl: Any, schema: RecordSchema) -> dict[str, Any]:
    """The column types of a frame of *schema*'s records."""
    return {column.field: column_dtype(pl, column.codec) for column in schema.columns}
