"""The library's errors: one family, each naming the field, the value and the reason."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from attrs import frozen

__all__ = [
    "CosoDangError",
    "ParseError",
    "Problem",
    "RecordError",
    "RecordTypeError",
    "TreeError",
    "UsageError",
    "WriteError",
]


class CosoDangError(Exception):
    """Base of every error the library raises on purpose."""


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


class UsageError(CosoDangError, TypeError):
    """A public function given an argument of the wrong kind; the message names it."""

    def __init__(self, function: str, argument: str, expected: str, given: object) -> None:
        self.argument = argument
        super().__init__(f"{function}: {argument} must be {expected}, not {type(given).__name__}")


class WriteError(CosoDangError, OSError):
    """A file or folder that is not written: it exists, is of the wrong kind, or failed.

    An ``OSError`` too, with ``errno`` and ``filename`` set; the target is left as it was.
    """

    def __init__(self, path: object, code: int, reason: str) -> None:
        super().__init__(code, reason, str(path))
        self.reason = reason

    def __str__(self) -> str:
        return f"cannot write {self.filename}: {self.reason}"
