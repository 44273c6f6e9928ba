"""The library's errors: one family, each naming the field, the value and the reason."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import final

from attrs import frozen

__all__ = [
    "CosoDangError",
    "MissingExtraError",
    "ParseError",
    "Problem",
    "RecordError",
    "RecordTypeError",
    "TreeError",
]


class CosoDangError(Exception):
    """Base of every error the library raises on purpose."""


class MissingExtraError(CosoDangError, ImportError):
    """An optional dependency that is not installed, naming the extra that brings it.

    Also an :class:`ImportError`, so code that guards an import the usual way keeps
    working. ``module`` is the module that failed to import, ``extra`` the extra of
    ``coso-dang`` to install.

    >>> error = MissingExtraError("openpyxl", "excel", "reading .xlsx files")
    >>> str(error)
    'reading .xlsx files needs openpyxl: pip install "coso-dang[excel]"'
    >>> isinstance(error, ImportError), error.extra
    (True, 'excel')
    """

    def __init__(self, module: str, extra: str, needed_for: str) -> None:
        self.module = module
        self.extra = extra
        super().__init__(f'{needed_for} needs {module}: pip install "coso-dang[{extra}]"')
        # ImportError's own field, for tools that read it.
        self.name = module


class ParseError(CosoDangError, ValueError):
    """Text that cannot be read as the thing asked for.

    The message quotes the text (never personal data: parsers read numbers, dates,
    ratings and document numbers) and says why.
    """

    def __init__(self, what: str, text: object, reason: str) -> None:
        self.what = what
        self.text = text
        self.reason = reason
        super().__init__(f"cannot read {text!r} as {what}: {reason}")


@final
@frozen
class Problem:
    """One problem found in input data, with where it is and why it is one.

    ``where`` is a record id, a file and row, or similar; ``field`` the field or
    column; ``value`` the offending value as text (never a personal field's value).
    """

    where: str
    field: str
    value: str
    reason: str

    def __str__(self) -> str:
        value = f" = {self.value!r}" if self.value else ""
        return f"{self.where}: {self.field}{value}: {self.reason}"


class RecordError(CosoDangError, ValueError):
    """A record that cannot exist as given (an impossible date, a bad count...)."""

    def __init__(self, where: str, field: str, value: object, reason: str) -> None:
        self.problem = Problem(where, field, "" if value is None else str(value), reason)
        super().__init__(str(self.problem))


class RecordTypeError(RecordError, TypeError):
    """A record field given a value of the wrong type (text for a date, a str for a Rating).

    A :class:`RecordError` like any other, and also a ``TypeError``. The reason names the
    type expected and the type received, never the value (it may be personal).
    """


class TreeError(CosoDangError, ValueError):
    """Organizations, members or units that do not make a valid tree.

    ``problems`` lists every problem found, not just the first.
    """

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: Sequence[Problem] = tuple(problems)
        head = "; ".join(str(p) for p in self.problems[:5])
        more = len(self.problems) - 5
        tail = f" (and {more} more)" if more > 0 else ""
        super().__init__(f"{len(self.problems)} problem(s) in the tree: {head}{tail}")
