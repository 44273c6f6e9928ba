"""Field validators shared by the records.

Every record field is guarded by a validator from here, so that a bad value, whatever
the record, raises :class:`~coso_dang.errors.RecordError` naming the record (by id), the
field and the reason. A wrong type raises its subclass
:class:`~coso_dang.errors.RecordTypeError` (also a ``TypeError``) and is reported by the
type's name, never by the value: the value may be personal (a birth date, a phone
number) and is not quoted.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from attrs import Attribute

from coso_dang.errors import RecordError, RecordTypeError
from coso_dang.vi.text import normalize

__all__ = [
    "Validator",
    "composed",
    "items_of",
    "non_empty",
    "normalized",
    "of_type",
    "tuple_of",
    "where",
    "whole_in_range",
]

#: The shape of an attrs field validator.
Validator = Callable[[Any, "Attribute[Any]", Any], None]

_T = TypeVar("_T")


def where(instance: Any) -> str:
    """How an error names a record: its class and id (never a personal field)."""
    ident = getattr(instance, "id", None) or getattr(instance, "subject_id", None)
    if not isinstance(ident, str):
        # A validator can run before the id is checked (or after it was refused).
        ident = None
    return f"{type(instance).__name__} {ident!r}" if ident else type(instance).__name__


def _type_name(value: object) -> str:
    return "None" if value is None else type(value).__name__


def of_type(kind: type | tuple[type, ...], what: str, *, optional: bool = False) -> Validator:
    """A validator refusing a value that is not an instance of *kind*.

    *what* names the expected type for the reason ("a date", "a Rating"); with
    ``optional=True`` ``None`` is accepted too. ``bool`` is never taken for ``int``.
    The error names the record, the field and the type received, never the value.

    >>> from coso_dang import Evaluation
    >>> Evaluation("dv1", 2024, "HTTNV")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    coso_dang.errors.RecordTypeError: Evaluation 'dv1': rating: must be a Rating or None, not str
    """
    kinds = kind if isinstance(kind, tuple) else (kind,)
    refuse_bool = bool not in kinds and any(issubclass(bool, k) for k in kinds)
    expected = f"{what} or None" if optional else what

    def check(instance: Any, attribute: Attribute[Any], value: object) -> None:
        if value is None and optional:
            return
        if not isinstance(value, kinds) or (refuse_bool and isinstance(value, bool)):
            reason = f"must be {expected}, not {_type_name(value)}"
            raise RecordTypeError(where(instance), attribute.name, None, reason)

    return check


def tuple_of(kind: type, what: str) -> Validator:
    """A validator for a tuple whose every item is a *kind* (see :func:`items_of`).

    The error names the field and the position of the first bad item, never its value.
    """

    def check(instance: Any, attribute: Attribute[Any], value: object) -> None:
        if not isinstance(value, tuple):
            reason = f"must be a sequence of {what}, not {_type_name(value)}"
            raise RecordTypeError(where(instance), attribute.name, None, reason)
        for position, item in enumerate(value):
            if not isinstance(item, kind):
                reason = f"item {position} must be {what}, not {_type_name(item)}"
                raise RecordTypeError(where(instance), attribute.name, None, reason)

    return check


def items_of(value: Iterable[_T]) -> tuple[_T, ...]:
    """A converter making a tuple of any iterable but text; anything else is left for
    the validator (:func:`tuple_of`) to refuse with a RecordError."""
    if isinstance(value, Iterable) and not isinstance(value, (str, bytes)):
        return tuple(value)
    return value  # type: ignore[return-value]


def composed(value: str) -> str:
    """A converter composing an id to NFC, so ids typed in NFC and NFD are one id;
    anything else (``None``, a wrong type) is left for the validator."""
    return unicodedata.normalize("NFC", value) if isinstance(value, str) else value


def normalized(value: str) -> str:
    """A converter normalizing text (:func:`~coso_dang.vi.text.normalize`); anything
    else is left for the validator to refuse with a RecordError."""
    return normalize(value) if isinstance(value, str) else value


def non_empty(instance: Any, attribute: Attribute[Any], value: object) -> None:
    """Refuse anything but a non-empty, non-blank string."""
    reason = "must be a non-empty text"
    if value is None or (isinstance(value, str) and not value.strip()):
        raise RecordError(where(instance), attribute.name, value, reason)
    if not isinstance(value, str):
        wrong = f"{reason}, not {_type_name(value)}"
        raise RecordTypeError(where(instance), attribute.name, None, wrong)


def whole_in_range(low: int, high: int, *, personal: bool = False) -> Validator:
    """A validator for a whole number (not a bool) from *low* to *high* inclusive.

    A value of another type is not quoted; with ``personal=True`` (a member's months of
    sick leave) an out-of-range number is not quoted either.
    """
    reason = f"must be a whole number from {low} to {high}"

    def check(instance: Any, attribute: Attribute[Any], value: object) -> None:
        if not isinstance(value, int) or isinstance(value, bool):
            raise RecordTypeError(where(instance), attribute.name, None, reason)
        if not low <= value <= high:
            raise RecordError(where(instance), attribute.name, None if personal else value, reason)

    return check
