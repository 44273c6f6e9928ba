"""A bundled synthetic province for the demo and the docs, and its small JSON format.

``demo_province.json`` is made by ``scripts/make_demo_data.py`` with
:func:`coso_dang.testing.generate_province`. Each kind of record is a table: the names of
the fields in use, then one row of values per record (dates in ISO form, enums by their
value, inactive periods as ``[start, end]`` pairs).

>>> data = load_demo()
>>> data.tree().roots[0].kind.label
'Đảng bộ trực thuộc Trung ương'
"""

from __future__ import annotations

import enum
import json
import types
import typing
from collections.abc import Callable, Sequence
from datetime import date
from importlib import resources
from typing import Any, TypeVar

import attrs

from coso_dang.errors import ParseError
from coso_dang.evaluation import Evaluation
from coso_dang.members import InactivePeriod, Member
from coso_dang.orgs import Organization, ResidentialUnit
from coso_dang.testing import Dataset

__all__ = ["DEMO_FILE", "dump_dataset", "load_dataset", "load_demo"]

#: The bundled province's file name inside this package.
DEMO_FILE = "demo_province.json"
_FORMAT = "coso-dang-dataset/1"
_TABLES: tuple[tuple[str, type[Any]], ...] = (
    ("organizations", Organization),
    ("members", Member),
    ("units", ResidentialUnit),
    ("evaluations", Evaluation),
)
R = TypeVar("R")


def _encode(value: object) -> object:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, tuple):
        return [[gap.start.isoformat(), gap.end.isoformat()] for gap in value]
    return value


def _table(records: Sequence[Any], cls: type[Any]) -> dict[str, Any]:
    """The fields that hold a non-default value somewhere, and one row per record."""
    fields = attrs.fields(cls)
    used = [
        f
        for f in fields
        if f.default is attrs.NOTHING or any(getattr(r, f.name) != f.default for r in records)
    ]
    rows = [[_encode(getattr(record, f.name)) for f in used] for record in records]
    return {"columns": [f.name for f in used], "rows": rows}


def dump_dataset(data: Dataset, *, generator: dict[str, object] | None = None) -> str:
    """Write *data* as compact JSON text; *generator* records how it was made.

    >>> text = dump_dataset(load_demo())
    >>> load_dataset(text) == load_demo()
    True
    """
    document: dict[str, Any] = {"format": _FORMAT, "name": data.name, "year": data.year}
    if generator is not None:
        document["generator"] = generator
    for key, cls in _TABLES:
        document[key] = _table(getattr(data, key), cls)
    return json.dumps(document, ensure_ascii=False, separators=(",", ":"))


def _decoder(hint: Any) -> Callable[[Any], Any]:
    """How to turn a JSON value into a field of type *hint*."""
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        (inner,) = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        decode = _decoder(inner)
        return lambda value: None if value is None else decode(value)
    if hint is date:
        return date.fromisoformat
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return hint
    if typing.get_origin(hint) is tuple:
        return lambda pairs: tuple(
            InactivePeriod(date.fromisoformat(start), date.fromisoformat(end))
            for start, end in pairs
        )
    return lambda value: value


def _records(table: dict[str, Any], cls: type[R]) -> list[R]:
    hints = typing.get_type_hints(cls)
    columns: list[str] = table["columns"]
    decoders = [_decoder(hints[name]) for name in columns]
    return [
        cls(
            **{
                name: decode(value)
                for name, decode, value in zip(columns, decoders, row, strict=True)
            }
        )
        for row in table["rows"]
    ]


def load_dataset(text: str) -> Dataset:
    """Read a :class:`~coso_dang.testing.Dataset` written by :func:`dump_dataset`.

    Every record is built with its validators.

    Raises:
        ParseError: *text* is not such a document.
        RecordError: a record cannot exist as given.

    >>> load_dataset(dump_dataset(load_demo())).year
    2024
    """
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise ParseError("a coso-dang dataset", text[:40], str(error)) from None
    if not isinstance(document, dict) or document.get("format") != _FORMAT:
        raise ParseError("a coso-dang dataset", text[:40], f"no {_FORMAT!r} format marker")
    tables = {key: tuple(_records(document[key], cls)) for key, cls in _TABLES}
    return Dataset(document["name"], document["year"], **tables)


def load_demo() -> Dataset:
    """The bundled synthetic province (about 4.000 members, rated for 2024).

    >>> len(load_demo().members) > 3000
    True
    """
    text = resources.files(__name__).joinpath(DEMO_FILE).read_text(encoding="utf-8")
    return load_dataset(text)
