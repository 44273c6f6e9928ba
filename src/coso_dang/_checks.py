"""Field validators shared by the records.

Every record field is guarded by a validator from here, so that a bad value, whatever
the record, raises :class:`~coso_dang.errors.RecordError` naming the record (by id), the
field and the reason. A wrong type raises its subclass
:class:`~coso_dang.errors.RecordTypeError` (also a ``TypeError``) and is reported by the
type's name, never by the value: the value may be personal (a birth date, a phone
number) and is not quoted.
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from collections.abc import Callable, Collection, Iterable, Mapping
from typing import Any, TypeVar

import attrs
from attrs import Attribute

from coso_dang.errors import RecordError, RecordTypeError, record_where
from coso_dang.i18n import N_, Figure, Reason
from coso_dang.vi.text import normalize

__all__ = [
    "ACCEPTS_ON_SIGHT",
    "OTHER_SPACES",
    "WHOLE_RANGES",
    "Validator",
    "accepts_on_sight",
    "as_day",
    "composed",
    "has_invisible",
    "items_of",
    "non_empty",
    "normalized",
    "of_type",
    "refused_fields",
    "tuple_of",
    "where",
    "whole_in_range",
]

#: The shape of an attrs field validator.
Validator = Callable[[Any, "Attribute[Any]", Any], None]

#: The validators that only check a value's type, with what they accept: the types, and
#: whether ``None`` is accepted, ``bool`` refused, the value is a tuple of the types, and
#: a ``datetime`` refused.
#: A loader whose values are read by codecs checks these inline instead of calling them
#: (see ``coso_dang.io``); every other validator it calls as the record would.
TYPE_CHECKS: dict[Validator, tuple[tuple[type, ...], bool, bool, bool, bool]] = {}

#: Validators that accept some values on sight, with which: ``"none"`` (``None``),
#: ``"empty"`` (an empty tuple) or ``"text"`` (a ``str`` holding a character other than a
#: space). A loader's constructor calls them only for other values (see ``coso_dang.io``);
#: each must accept every such value, whatever the record's other fields.
ACCEPTS_ON_SIGHT: dict[Validator, str] = {}

#: The validators of :func:`whole_in_range`, with their bounds: a value whose type is
#: ``int`` itself and within them is accepted, so records built a column at a time (see
#: ``coso_dang._record_columns``) check a column of such values by its least and its
#: greatest, and call the validator only for values of any other type.
WHOLE_RANGES: dict[Validator, tuple[int, int]] = {}


def accepts_on_sight(values: str) -> Callable[[Validator], Validator]:
    """Note that the validator decorated accepts *values* (see :data:`ACCEPTS_ON_SIGHT`)."""

    def note(validator: Validator) -> Validator:
        ACCEPTS_ON_SIGHT[validator] = values
        return validator

    return note


_T = TypeVar("_T")


def where(instance: Any) -> str:
    """How an error names a record: its class and id (never a personal field)."""
    ident = getattr(instance, "id", None) or getattr(instance, "subject_id", None)
    if not isinstance(ident, str):
        # A validator can run before the id is checked (or after it was refused).
        ident = None
    return record_where(type(instance).__name__, ident or None)


def _type_name(value: object) -> str:
    return "None" if value is None else type(value).__name__


def _named(kinds: tuple[type, ...]) -> str:
    """How a message names the types expected: "ngày (date)", "Rating" (in Vietnamese)."""
    names: list[str] = []
    for kind in kinds:
        if kind is _dt.date:
            names.append(N_("ngày (date)"))
        elif kind is bool:
            names.append(N_("đúng/sai (bool)"))
        elif kind is str:
            names.append(N_("văn bản (str)"))
        elif kind is int:
            names.append(N_("số nguyên (int)"))
        else:
            names.append(kind.__name__)
    if len(names) == 1:
        return names[0]
    return N_("{items} hoặc {last}", items=", ".join(names[:-1]), last=names[-1])


def of_type(
    kind: type | tuple[type, ...], what: str | None = None, *, optional: bool = False
) -> Validator:
    """A validator refusing a value that is not an instance of *kind*.

    *what* names the expected type in the reason, in Vietnamese (by default from
    *kind*: "ngày (date)", "Rating"); with ``optional=True`` ``None`` is accepted too.
    ``bool`` is never taken for ``int``. The error names the record, the field and the
    type received, never the value.

    >>> from coso_dang import Evaluation
    >>> Evaluation("dv1", 2024, "HTTNV")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    coso_dang.errors.RecordTypeError: Đánh giá 'dv1': rating: phải là Rating hoặc None, không phải str
    """  # noqa: E501
    kinds = kind if isinstance(kind, tuple) else (kind,)
    refuse_bool = bool not in kinds and any(issubclass(bool, k) for k in kinds)
    # A datetime (a pandas Timestamp) is a date to isinstance, but no date compares with
    # it: a record holding one failed at its first comparison with a bare TypeError.
    refuse_datetime = _dt.date in kinds and _dt.datetime not in kinds
    named = _named(kinds) if what is None else what
    expected: Reason | str = N_("{what} hoặc None", what=named) if optional else named

    def check(instance: Any, attribute: Attribute[Any], value: object) -> None:
        if value is None and optional:
            return
        if (
            not isinstance(value, kinds)
            or (refuse_bool and isinstance(value, bool))
            or (refuse_datetime and isinstance(value, _dt.datetime))
        ):
            reason = N_(
                "phải là {expected}, không phải {got}", expected=expected, got=_type_name(value)
            )
            raise RecordTypeError(where(instance), attribute.name, None, reason)

    TYPE_CHECKS[check] = (kinds, optional, refuse_bool, False, refuse_datetime)
    return check


def tuple_of(kind: type, what: str | None = None) -> Validator:
    """A validator for a tuple whose every item is a *kind* (see :func:`items_of`).

    The error names the field and the position of the first bad item, never its value.
    """
    named = _named((kind,)) if what is None else what

    def check(instance: Any, attribute: Attribute[Any], value: object) -> None:
        if not isinstance(value, tuple):
            reason = N_(
                "phải là một dãy {what}, không phải {got}", what=named, got=_type_name(value)
            )
            raise RecordTypeError(where(instance), attribute.name, None, reason)
        for position, item in enumerate(value):
            if not isinstance(item, kind):
                reason = N_(
                    "phần tử {position} phải là {what}, không phải {got}",
                    position=position,
                    what=named,
                    got=_type_name(item),
                )
                raise RecordTypeError(where(instance), attribute.name, None, reason)

    TYPE_CHECKS[check] = ((kind,), False, False, True, False)
    return check


def items_of(value: Iterable[_T]) -> tuple[_T, ...]:
    """A converter making a tuple of any iterable but text; anything else is left for
    the validator (:func:`tuple_of`) to refuse with a RecordError."""
    if isinstance(value, Iterable) and not isinstance(value, (str, bytes)):
        return tuple(value)
    return value  # type: ignore[return-value]


#: Spaces other than the space bar's (Unicode's Zs): a non-breaking space pasted from a
#: web page or Word shows as a space, and "CB\u00a001" is the id "CB 01" it shows as.
OTHER_SPACES = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")

#: Control characters but the tab and the line ends, which no spreadsheet shows: a NUL,
#: a bell, an escape, DEL, the C1 controls.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def has_invisible(text: str) -> bool:
    """Whether *text* holds an invisible formatting character (Unicode's Cf: U+200B, a
    BOM in mid-file, a direction mark), which a paste from a web page or Word brings, or
    a control character (a NUL: "dv\\x001" showed as "dv1")."""
    if text.isprintable():
        # Neither a control nor a format character is printable: most text says so at
        # once, without a look at each of its letters past ASCII.
        return False
    if _CONTROL.search(text):
        return True
    return any(unicodedata.category(char) == "Cf" for char in text if not char.isascii())


def composed(value: str | None) -> str | None:
    """A converter composing an id to NFC, so ids typed in NFC and NFD are one id;
    anything else (``None``, a wrong type) is left for the validator."""
    return unicodedata.normalize("NFC", value) if isinstance(value, str) else value


def normalized(value: str) -> str:
    """A converter normalizing text (:func:`~coso_dang.vi.text.normalize`); anything
    else is left for the validator to refuse with a RecordError."""
    return normalize(value) if isinstance(value, str) else value


@accepts_on_sight("text")
def non_empty(instance: Any, attribute: Attribute[Any], value: object) -> None:
    """Refuse anything but a non-empty, non-blank string."""
    if value is None or (isinstance(value, str) and not value.strip()):
        reason = N_("không được để trống")
        raise RecordError(where(instance), attribute.name, value, reason)
    if not isinstance(value, str):
        wrong = N_("phải là văn bản, không phải {got}", got=_type_name(value))
        raise RecordTypeError(where(instance), attribute.name, None, wrong)


def whole_in_range(low: int, high: int, *, personal: bool = False) -> Validator:
    """A validator for a whole number (not a bool) from *low* to *high* inclusive.

    A value of another type is not quoted; with ``personal=True`` (a member's months of
    sick leave) an out-of-range number is not quoted either.
    """
    reason = N_(
        "phải là số nguyên từ {low} đến {high}", low=Figure.bound(low), high=Figure.bound(high)
    )

    def check(instance: Any, attribute: Attribute[Any], value: object) -> None:
        if not isinstance(value, int) or isinstance(value, bool):
            raise RecordTypeError(where(instance), attribute.name, None, reason)
        if not low <= value <= high:
            raise RecordError(where(instance), attribute.name, None if personal else value, reason)

    WHOLE_RANGES[check] = (low, high)
    return check


def as_day(value: Any) -> Any:
    """*value* as a day: a datetime (as pandas or a spreadsheet gives a date) becomes its
    date, which it is never equal to and cannot be compared with; anything else is left
    for the validators."""
    return value.date() if isinstance(value, _dt.datetime) else value


#: What a stand-in record holds for a value that could not be read: a validator reading
#: it fails with no RecordError, and is not heard.
_UNREAD = object()


def refused_fields(
    record: type, values: Mapping[str, Any], unread: Collection[str] = ()
) -> list[RecordError]:
    """Every field of *record* that *values* would have refused, each checked alone.

    A record stops at its first refused field: a row with two was named for one, and
    once corrected refused again for the other. Here each field's converter and
    validators run as the record runs them, on a stand-in holding *values* (a field not
    given takes its default), so that every refusal is found at once; in field order.
    Fields in *unread* (a value that could not be read, told already) are not checked,
    nor is a validator that reads one of them. A rule between fields run after them
    (``__attrs_post_init__``) is not run: an empty list means none but such a rule.
    """
    fields = [a for a in attrs.fields(record) if a.init]
    given: dict[str, Any] = {}
    found: dict[str, RecordError] = {}
    for attribute in fields:
        name = attribute.name
        if name in unread:
            given[name] = _UNREAD
            continue
        if name in values:
            value = values[name]
        elif isinstance(attribute.default, attrs.Factory):  # type: ignore[arg-type]
            value = attribute.default.factory()
        else:
            value = attribute.default
        if attribute.converter is not None:
            try:
                value = attribute.converter(value)
            except RecordError as error:
                found[name] = error
                value = _UNREAD
        given[name] = value
    stand_in: Any = object.__new__(record)
    for name, value in given.items():
        object.__setattr__(stand_in, name, value)
    for attribute in fields:
        value = given[attribute.name]
        if attribute.validator is None or value is _UNREAD:
            continue
        try:
            attribute.validator(stand_in, attribute, value)
        except RecordError as error:
            found.setdefault(attribute.name, error)
        except (TypeError, AttributeError):
            # It compared or used a value that could not be read (the stand-in's
            # _UNREAD): said once that value is corrected.
            continue
    return [found[a.name] for a in fields if a.name in found]
