"""Records built from read values, checking only what can still be wrong.

A loader's values come from codecs, so nearly every one already has the type its field
asks for; what can still be wrong is the value itself (a blank name, an admission after
the ceremony). Running every field's validators through the record's own ``__init__``
costs several times the building of the record, which at national scale (millions of
rows) is most of a load. :func:`builder` makes, for one record class, a constructor that
checks the types inline, applies the converters, calls every other validator in the
order the record would, and runs the record's ``__attrs_post_init__``. When anything
fails it calls the class itself, which raises the record's own error: what is accepted
and every refusal are exactly the class's.
"""

from __future__ import annotations

import datetime
import unicodedata
from collections.abc import Callable
from typing import Any

import attrs

from coso_dang._checks import ACCEPTS_ON_SIGHT, TYPE_CHECKS, composed, items_of, normalized

__all__ = ["builder", "single_validators"]


class _RefusedError(Exception):
    """A value the inline type checks do not accept (the class then says why)."""


#: The default of a required keyword in a built constructor: not given.
_REQUIRED: Any = object()


def builder(cls: type[Any]) -> Callable[..., Any]:
    """A constructor of the attrs record *cls* taking the same keywords, equal in effect.

    Records with a factory default, an ``__attrs_pre_init__`` or a validator this
    module cannot take apart are built by *cls* itself.
    """
    fields = attrs.fields(cls)
    if (
        hasattr(cls, "__attrs_pre_init__")
        or any(isinstance(f.default, attrs.Factory) for f in fields)  # type: ignore[arg-type]
        or not all(hasattr(cls.__dict__.get(f.name), "__set__") for f in fields)
    ):
        return cls
    namespace: dict[str, Any] = {
        "_new": object.__new__,
        "_cls": cls,
        "_Refused": _RefusedError,
        "_isinstance": isinstance,
        "_tuple": tuple,
        "_str": str,
        "_bool": bool,
        "_datetime": datetime.datetime,
        "_REQUIRED": _REQUIRED,
    }
    params: list[str] = []
    required: list[str] = []
    setting: list[str] = []
    checks: list[str] = []
    validating: list[str] = []
    for number, field in enumerate(fields):
        name = field.name
        local = f"v{number}"
        if field.default is attrs.NOTHING:
            params.append(f"{name}=_REQUIRED")
            required.append(name)
        else:
            namespace[f"_default{number}"] = field.default
            params.append(f"{name}=_default{number}")
        value = name
        if field.converter is normalized:
            # Names repeat (a nation has a few tens of thousands of distinct full names):
            # each distinct text is normalized once.
            namespace[f"_convert{number}"] = _remembered(normalized)
            value = f"_convert{number}({name})"
        elif field.converter is composed:
            # composed's own body, inline: ids are converted on every row, and the call
            # of a Python function costs more than the composing.
            namespace["_normalize"] = unicodedata.normalize
            value = f"_normalize('NFC', {name}) if _isinstance({name}, _str) else {name}"
        elif field.converter is items_of:
            # A tuple is its own tuple (tuple() gives it back): only anything else is
            # converted.
            namespace[f"_convert{number}"] = items_of
            value = f"{name} if type({name}) is _tuple else _convert{number}({name})"
        elif field.converter is not None:
            namespace[f"_convert{number}"] = field.converter
            value = f"_convert{number}({name})"
        setting.append(f"    {local} = {value}")
        namespace[f"_set{number}"] = cls.__dict__[name].__set__
        setting.append(f"    _set{number}(self, {local})")
        namespace[f"_field{number}"] = field
        for index, validator in enumerate(single_validators(field.validator)):
            typed = TYPE_CHECKS.get(validator)
            if typed is None:
                namespace[f"_check{number}_{index}"] = validator
                call = f"_check{number}_{index}(self, _field{number}, {local})"
                # A value the validator accepts on sight (most rows leave most dates
                # blank) is not given to it: the call costs more than the look.
                accepted = _ON_SIGHT.get(ACCEPTS_ON_SIGHT.get(validator, ""))
                if accepted is None:
                    validating.append(f"    {call}")
                else:
                    test = accepted.format(v=local)
                    validating.append(f"    if not ({test}):\n        {call}")
                continue
            kinds, optional, refuse_bool, items, refuse_datetime = typed
            namespace[f"_kinds{number}"] = kinds
            if items:
                test = (
                    f"_isinstance({local}, _tuple) and "
                    f"all(_isinstance(i, _kinds{number}) for i in {local})"
                )
            else:
                test = f"_isinstance({local}, _kinds{number})"
                if refuse_bool:
                    test += f" and not _isinstance({local}, _bool)"
                if refuse_datetime:
                    # A datetime is a date to isinstance, and the record refuses it.
                    test += f" and not _isinstance({local}, _datetime)"
                if optional:
                    test = f"{local} is None or ({test})"
            checks.append(f"    if not ({test}):\n        raise _Refused")
    post = ["    self.__attrs_post_init__()"] if hasattr(cls, "__attrs_post_init__") else []
    # A keyword the record does not have, or a required one not given: the class says so.
    missing = " or ".join([*(f"{name} is _REQUIRED" for name in required), "_extra"])
    given = ", ".join(f"({name!r}, {name})" for name in (f.name for f in fields))
    body = "\n".join([*setting, *checks, *validating, *post]).splitlines()
    source = "\n".join(
        [
            f"def make({', '.join([*params, '**_extra'])}):",
            "    try:",
            f"        if {missing}:",
            "            raise _Refused",
            "        self = _new(_cls)",
            *("    " + line for line in body),
            "        return self",
            "    except Exception:",
            # Built again by the class itself, with the keywords given, for its own error
            # (or, should it accept what was refused here, its record).
            f"        given = {{k: v for k, v in ({given},) if v is not _REQUIRED}}",
            "        return _cls(**given, **_extra)",
        ]
    )
    exec(compile(source, f"<builder of {cls.__name__}>", "exec"), namespace)
    make: Callable[..., Any] = namespace["make"]
    return make


#: The values each kind of :data:`~coso_dang._checks.ACCEPTS_ON_SIGHT` names, as a test.
_ON_SIGHT = {
    "none": "{v} is None",
    "empty": "type({v}) is _tuple and not {v}",
    "text": "type({v}) is _str and {v}.strip()",
}


#: The most distinct texts a remembered converter keeps; past it, it starts afresh.
_REMEMBERED = 1 << 16


def _remembered(convert: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """*convert*, remembering what it gave for each text (it must be a pure function)."""
    known: dict[str, Any] = {}

    def converted(value: Any) -> Any:
        if type(value) is not str:
            return convert(value)
        result = known.get(value)
        if result is None:
            if len(known) >= _REMEMBERED:
                known.clear()
            result = known[value] = convert(value)
        return result

    return converted


def single_validators(validator: Any) -> tuple[Any, ...]:
    """The single validators of a field, in the order attrs calls them."""
    if validator is None:
        return ()
    # attrs keeps a list of validators as one ``and_`` validator holding them in order.
    inner = getattr(validator, "_validators", None)
    if isinstance(inner, tuple) and type(validator).__name__ == "_AndValidator":
        return tuple(v for part in inner for v in single_validators(part))
    return (validator,)
