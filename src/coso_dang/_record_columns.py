"""Records built from whole columns, each field's checks run once over its column.

A database gives a table's values already typed: a column of ids is a column of texts,
one of dates a column of dates. Checking each value through the record's ``__init__``
(or even :func:`~coso_dang._record_builder.builder`'s inline checks) costs a call per field
and row, most of a tree read from a database. :func:`column_records` runs each field's
converter and type checks over its whole column by loops of the interpreter's own
(``map``, ``set``, ``in``), builds the records without checks, then calls the checks it
cannot run over a column (a field compared with another, ``__attrs_post_init__``) once
per record. When any row might be refused it gives ``None``: the caller then builds the
rows one by one, through the class, for the class's own errors.
"""

from __future__ import annotations

import datetime
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from functools import partial
from typing import Any

import attrs

from coso_dang._checks import (
    ACCEPTS_ON_SIGHT,
    TYPE_CHECKS,
    WHOLE_RANGES,
    composed,
    items_of,
    non_empty,
    normalized,
)
from coso_dang._record_builder import single_validators

__all__ = ["column_records", "named_column_records"]

_NONE = type(None)
#: Composing a text to NFC, as :func:`~coso_dang._checks.composed` does a text.
_NFC = partial(unicodedata.normalize, "NFC")


def column_records(cls: type[Any], columns: Sequence[Sequence[Any]]) -> list[Any] | None:
    """The records of the attrs class *cls* whose fields' values are *columns* (one per
    field, in the fields' order, every row given), equal to ``cls(*row)`` for each row;
    ``None`` when a row might be refused, or *cls* is one this cannot build."""
    fields = attrs.fields(cls)
    if len(columns) != len(fields) or hasattr(cls, "__attrs_pre_init__"):
        return None
    if not all(hasattr(cls.__dict__.get(f.name), "__set__") for f in fields):
        return None
    ready: list[Sequence[Any]] = []
    later: list[tuple[int, Callable[..., Any], Any]] = []
    for at, (field, given) in enumerate(zip(fields, columns, strict=True)):
        column = _converted(field.converter, given)
        if column is None:
            return None
        types = set(map(type, column))
        for validator in single_validators(field.validator):
            passed = _passes(validator, column, types)
            if passed is None:
                later.append((at, validator, field))
            elif not passed:
                return None
        ready.append(column)
    make = _unchecked(cls, [f.name for f in fields])
    records = list(map(make, *ready))
    try:
        # The checks between fields, in the order the record runs them: validators in
        # field order, then __attrs_post_init__.
        for at, validator, field in later:
            skip = _ON_SIGHT.get(ACCEPTS_ON_SIGHT.get(validator, ""))
            for record, value in zip(records, ready[at], strict=True):
                if skip is None or not skip(value):
                    validator(record, field, value)
        post = getattr(cls, "__attrs_post_init__", None)
        if post is not None:
            for record in records:
                post(record)
    except Exception:
        return None  # the class names the row
    return records


def named_column_records(
    cls: type[Any], columns: Mapping[str, Sequence[Any]], size: int
) -> list[Any] | None:
    """:func:`column_records` of *size* records whose fields are given by name, a field
    not given taking its default; ``None`` when a field without a plain default is not
    given (a factory's value is the record's own), or as :func:`column_records`.

    Read tables give some of a record's fields: the loaders' rows and a round's columns
    are built alike.
    """
    whole: list[Sequence[Any]] = []
    for field in attrs.fields(cls):
        column = columns.get(field.name)
        if column is None:
            default = field.default
            if default is attrs.NOTHING or isinstance(default, attrs.Factory):  # type: ignore[arg-type]
                return None
            column = [default] * size
        whole.append(column)
    return column_records(cls, whole)


#: The values each kind of :data:`~coso_dang._checks.ACCEPTS_ON_SIGHT` names, as a test.
_ON_SIGHT: dict[str, Callable[[Any], bool]] = {
    "none": lambda value: value is None,
    "empty": lambda value: type(value) is tuple and not value,
    "text": lambda value: type(value) is str and bool(value.strip()),
}


def _converted(converter: Any, column: Sequence[Any]) -> Sequence[Any] | None:
    """*column* through the field's *converter*; ``None``: one this cannot run whole."""
    if converter is None:
        return column
    if converter is composed:
        types = set(map(type, column))
        if types <= {str}:
            return list(map(_NFC, column))
        return list(map(composed, column))
    if converter is normalized:
        # Names repeat: each distinct text is normalized once (texts only: a dict takes
        # 1 and True for one key).
        if not set(map(type, column)) <= {str, _NONE}:
            return list(map(normalized, column))
        try:
            distinct = dict.fromkeys(column)
        except TypeError:
            return None
        for value in distinct:
            distinct[value] = normalized(value)
        return [distinct[v] for v in column]
    if converter is items_of:
        # A tuple is its own tuple (tuple() gives it back): a column of them is as given.
        if set(map(type, column)) <= {tuple}:
            return column
        return list(map(items_of, column))
    return None


def _passes(validator: Any, column: Sequence[Any], types: set[type]) -> bool | None:
    """Whether every value of *column* (of *types*) passes *validator*; ``None``: a
    validator not run over a column (it is called for each record)."""
    typed = TYPE_CHECKS.get(validator)
    if typed is not None:
        kinds, optional, refuse_bool, items, refuse_datetime = typed
        if items:
            # Each value a tuple of the kinds (a member's gaps in activity: most none).
            return types <= {tuple} and all(
                isinstance(item, kinds) for value in column for item in value
            )
        for kind in types:
            if kind is _NONE and optional:
                continue
            if (
                not issubclass(kind, kinds)
                or (refuse_bool and issubclass(kind, bool))
                or (refuse_datetime and issubclass(kind, datetime.datetime))
            ):
                return False
        return True
    inner = getattr(validator, "validator", None)
    optional_inner = type(validator).__name__ == "_OptionalValidator"
    bounds = WHOLE_RANGES.get(inner if optional_inner else validator)  # type: ignore[arg-type]
    if bounds is not None:
        # A whole number in range, or (optional) None: ``int`` itself; any other type
        # (a bool, which the record refuses, a subclass of int) is left to the validator.
        if not types <= ({int, _NONE} if optional_inner else {int}):
            return None
        numbers = [v for v in column if v is not None] if optional_inner else column
        return not numbers or (bounds[0] <= min(numbers) and max(numbers) <= bounds[1])
    if validator is non_empty or (
        inner is non_empty and type(validator).__name__ == "_OptionalValidator"
    ):
        allowed = {str} if validator is non_empty else {str, _NONE}
        if not types <= allowed or "" in column:
            return False
        return all(map(str.strip, filter(None, column)))
    return None


def _unchecked(cls: type[Any], names: list[str]) -> Callable[..., Any]:
    """A constructor of *cls* setting its fields from its arguments, in order, unchecked."""
    namespace: dict[str, Any] = {"_new": object.__new__, "_cls": cls}
    params = [f"v{at}" for at in range(len(names))]
    lines = [f"def make({', '.join(params)}):", "    self = _new(_cls)"]
    for at, name in enumerate(names):
        namespace[f"_set{at}"] = cls.__dict__[name].__set__
        lines.append(f"    _set{at}(self, v{at})")
    lines.append("    return self")
    exec(compile("\n".join(lines), f"<unchecked {cls.__name__}>", "exec"), namespace)
    make: Callable[..., Any] = namespace["make"]
    return make
