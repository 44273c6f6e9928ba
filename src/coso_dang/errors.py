"""The library's errors: one family, each naming the field, the value and the reason.

Messages are Vietnamese. Each error keeps its message's template and values (see
:class:`~coso_dang.i18n.Reason`), so :meth:`CosoDangError.text` gives it in English
through the same catalogue as everything else, and ``str(error)`` follows the
process-wide language (:func:`~coso_dang.i18n.set_locale`).

>>> error = RecordError("Tally", "dang_vien", -1, N_("số đếm không được âm"))
>>> str(error)
"Tally: dang_vien = '-1': số đếm không được âm"
>>> error.message("en")
"Tally: dang_vien = '-1': a count cannot be negative"
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from typing import final

from attrs import frozen

from coso_dang._error_base import CosoDangError
from coso_dang.i18n import N_, Reason, translated

__all__ = [
    "ArgumentError",
    "ArgumentTypeError",
    "CosoDangError",
    "MissingExtraError",
    "ParseError",
    "Problem",
    "RecordError",
    "RecordTypeError",
    "TreeError",
    "UnknownIdError",
    "UsageError",
    "WriteError",
    "record_kind",
    "record_where",
    "table_where",
]


class MissingExtraError(CosoDangError, ImportError):
    """An optional dependency that is not installed, naming the extra that brings it.

    Also an :class:`ImportError`, so code that guards an import the usual way keeps
    working. ``module`` is the module that failed to import, ``extra`` the extra of
    ``coso-dang`` to install.

    *needed_for* names the feature, in Vietnamese (best with :func:`~coso_dang.i18n.N_`)
    or as the code names it (``"DataFrames"``, ``"RatingRound.from_frames"``).

    >>> error = MissingExtraError("openpyxl", "excel", N_("đọc và ghi tệp .xlsx"))
    >>> str(error)
    'đọc và ghi tệp .xlsx cần openpyxl: pip install "coso-dang[excel]"'
    >>> error.message("en")
    'reading and writing .xlsx files needs openpyxl: pip install "coso-dang[excel]"'
    >>> isinstance(error, ImportError), error.extra
    (True, 'excel')
    """

    def __init__(self, module: str, extra: str, needed_for: str) -> None:
        self.module = module
        self.extra = extra
        super().__init__(
            N_(
                '{needed_for} cần {module}: pip install "coso-dang[{extra}]"',
                needed_for=needed_for,
                module=module,
                extra=extra,
            )
        )
        # ImportError's own field, for tools that read it.
        self.name = module


class ParseError(CosoDangError, ValueError):
    """Text that cannot be read as the thing asked for.

    The message quotes the text (never personal data: parsers read numbers, dates,
    ratings and document numbers) and says why. *what* and *reason* are Vietnamese,
    best written with :func:`~coso_dang.i18n.N_` so that they translate too.

    >>> from coso_dang.i18n import N_
    >>> error = ParseError(N_("mức xếp loại"), "giỏi", N_("không phải một trong: {choices}",
    ...                    choices="HTXSNV, HTTNV, HTNV, KHTNV"))
    >>> print(error)
    không đọc được 'giỏi' thành mức xếp loại: không phải một trong: HTXSNV, HTTNV, HTNV, KHTNV
    >>> print(error.message("en"))
    cannot read 'giỏi' as a rating: not one of HTXSNV, HTTNV, HTNV, KHTNV
    """

    def __init__(self, what: str, text: object, reason: str, *, not_listed: bool = False) -> None:
        self.what = what
        self.text = text
        self.reason = reason
        #: Whether the text names no member of a list, and *reason* says only that (a
        #: loader then gives its own "not one of" with the nearest choice).
        self.not_listed = not_listed
        super().__init__(
            N_(
                "không đọc được {text} thành {what}: {reason}",
                text=repr(text),
                what=what,
                reason=reason,
            )
        )


@final
@frozen
class Problem:
    """One problem found in input data, with where it is and why it is one.

    ``where`` is a record id, a file and row, or similar; ``field`` the field or
    column; ``value`` the offending value as text (never a personal field's value);
    ``reason`` why, in Vietnamese (:meth:`text` shows it in another language).
    """

    where: str
    field: str
    value: str
    reason: str

    def text(self, locale: str | None = None) -> str:
        """The problem as one line in *locale* (the process-wide one by default)."""
        value = f" = {self.value!r}" if self.value else ""
        # A problem of a whole record or table has no field: "organizations: : không có
        # bảng này" printed an empty one between two colons.
        place = f"{self.field}{value}".strip()
        where = translated(self.where, locale)
        head = f"{where}: {place}" if place else where
        return f"{head}: {translated(self.reason, locale)}"

    def __str__(self) -> str:
        return self.text()

    def as_reason(self) -> Reason:
        """The problem as one line, in Vietnamese, that remembers its parts: an error
        listing it among its reasons (a :class:`~coso_dang.forms.FormError`) shows it in
        another language as :meth:`text` does."""
        value = f" = {self.value!r}" if self.value else ""
        place = f"{self.field}{value}".strip()
        if place:
            return N_(
                "{where}: {place}: {reason}", where=self.where, place=place, reason=self.reason
            )
        return N_("{where}: {reason}", where=self.where, reason=self.reason)


def table_where(table: str) -> str:
    """Where a problem of a whole table of a frame or a database is: ``bảng members``
    (``members table`` in English), the table named as the code names it.

    >>> print(Problem(table_where("members"), "org_id", "", N_("mã bị trùng")))
    bảng members: org_id: mã bị trùng
    >>> Problem(table_where("members"), "org_id", "", N_("mã bị trùng")).text("en")
    'members table: org_id: duplicate id'
    """
    return N_("bảng {table}", table=table)


def record_where(kind: str, ident: object = None) -> str:
    """Where a problem of one record is: ``Tổ chức 'cb1'`` (``Organization 'cb1'`` in
    English), the record named by its kind and its id, quoted as Python quotes it.

    *kind* is the record's class name (``"Organization"``, ``"Member"``,
    ``"Evaluation"``, ``"ResidentialUnit"``; ``"MemberEvent"`` and ``"OrgEvent"``, named by
    the member's or the organization's id); a record of another kind is named by its
    class name, as the code names it; so is a record without an id (one checked
    before its id is).

    >>> print(Problem(record_where("Organization", "cb1"), "id", "cb1", N_("mã bị trùng")))
    Tổ chức 'cb1': id = 'cb1': mã bị trùng
    >>> Problem(record_where("Member", "dv1"), "id", "dv1", N_("mã bị trùng")).text("en")
    "Member 'dv1': id = 'dv1': duplicate id"
    """
    if ident is None:
        return kind
    quoted = repr(ident)
    if kind == "Organization":
        return N_("Tổ chức {id}", id=quoted)
    if kind == "Member":
        return N_("Đảng viên {id}", id=quoted)
    if kind == "Evaluation":
        return N_("Đánh giá {id}", id=quoted)
    if kind == "ResidentialUnit":
        return N_("Đơn vị dân cư {id}", id=quoted)
    if kind == "MemberEvent":
        return N_("Sự kiện của đảng viên {id}", id=quoted)
    if kind == "OrgEvent":
        return N_("Sự kiện của tổ chức {id}", id=quoted)
    return f"{kind} {quoted}"


#: The record kinds :func:`record_where` names in words, by the template it names them with.
_KINDS = {
    template: kind
    for kind in (
        "Organization",
        "Member",
        "Evaluation",
        "ResidentialUnit",
        "MemberEvent",
        "OrgEvent",
    )
    if (template := getattr(record_where(kind, ""), "template", None)) is not None
}


def record_kind(where: str) -> str:
    """The class name of the record a :func:`record_where` names (``"Organization"``
    for ``Tổ chức 'cb1'``), in either language; for any other *where*, its first word.

    >>> record_kind(record_where("Member", "dv1")), record_kind("Tally 'x'")
    ('Member', 'Tally')
    """
    template = getattr(where, "template", None)
    if isinstance(template, str):
        kind = _KINDS.get(template)
        if kind is not None:
            return kind
    return where.split(" ", 1)[0]


def _value_text(value: object) -> str:
    """A refused value as a message quotes it: a coded value by its Vietnamese label
    ("Tỉnh khác", as a file has it), not as Python writes it (``TransferScope.TINH_KHAC``)."""
    if value is None:
        return ""
    if isinstance(value, enum.Enum):
        label = getattr(value, "label", None)  # a LabelledEnum (whose module imports this)
        return label if isinstance(label, str) else str(value.value)
    return str(value)


class RecordError(CosoDangError, ValueError):
    """A record that cannot exist as given (an impossible date, a bad count...)."""

    def __init__(self, where: str, field: str, value: object, reason: str) -> None:
        self.problem = Problem(where, field, _value_text(value), reason)
        super().__init__(self.problem.text("vi"))

    def message(self, locale: str | None = None) -> str:
        """The message in *locale* (see :meth:`CosoDangError.message`)."""
        return self.problem.text(locale)


class RecordTypeError(RecordError, TypeError):
    """A record field given a value of the wrong type (text for a date, a str for a Rating).

    A :class:`RecordError` like any other, and also a ``TypeError``. The reason names the
    type expected and the type received, never the value (it may be personal).
    """


class TreeError(CosoDangError, ValueError):
    """Organizations, members or units that do not make a valid tree.

    ``problems`` lists every problem found, not just the first.

    >>> where = record_where("Organization", "x")
    >>> error = TreeError([Problem(where, "id", "x", N_("mã bị trùng"))])
    >>> str(error)
    "1 lỗi trong cây tổ chức: Tổ chức 'x': id = 'x': mã bị trùng"
    >>> error.message("en")
    "1 problem(s) in the tree: Organization 'x': id = 'x': duplicate id"
    """

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: Sequence[Problem] = tuple(problems)
        super().__init__(self.message("vi"))

    def message(self, locale: str | None = None) -> str:
        """The message in *locale*: how many problems, and the first five."""
        head = "; ".join(p.text(locale) for p in self.problems[:5])
        more = len(self.problems) - 5
        tail = translated(N_(" (và {more} lỗi khác)", more=more), locale) if more > 0 else ""
        return translated(
            N_(
                "{n} lỗi trong cây tổ chức: {head}{tail}",
                n=len(self.problems),
                head=head,
                tail=tail,
            ),
            locale,
        )


class UsageError(CosoDangError, TypeError):
    """A public function given an argument of the wrong kind; the message names it.

    *expected* says what the argument must be, in Vietnamese, best written with
    :func:`~coso_dang.i18n.N_` so that it translates too. The message names the type
    given, never the value (it may be personal).

    >>> error = UsageError("rollup", "tree", N_("một OrgTree"), [])
    >>> str(error)
    'rollup: tree phải là một OrgTree, không phải list'
    >>> error.message("en")
    'rollup: tree must be an OrgTree, not list'
    """

    def __init__(self, function: str, argument: str, expected: str, given: object) -> None:
        self.argument = argument
        super().__init__(
            N_(
                "{function}: {argument} phải là {expected}, không phải {given}",
                function=function,
                argument=argument,
                expected=expected,
                given=type(given).__name__,
            )
        )


class ArgumentError(CosoDangError, ValueError):
    """A public function given an argument of the right kind but a value it cannot take.

    Also a ``ValueError``. The message, written with :func:`~coso_dang.i18n.N_`, names
    the argument and what it may be, and quotes the value only when it is not personal
    (a keyword, a number of the call's own).

    >>> error = ArgumentError(N_("order phải là 'pre' hoặc 'post', không phải {order}",
    ...                          order=repr("up")))
    >>> str(error)
    "order phải là 'pre' hoặc 'post', không phải 'up'"
    >>> isinstance(error, ValueError)
    True
    """


class UnknownIdError(CosoDangError, KeyError):
    """An id that names no organization (or member) of a tree, a rollup or a history.

    Also a ``KeyError``, as a mapping's lookup raises, so ``tree.get``-style code and
    ``except KeyError`` keep working; ``key`` is the id asked for. The message, written
    with :func:`~coso_dang.i18n.N_`, quotes the id and says where it was looked for (a
    bare ``KeyError: 'x'`` said neither what was missing nor from what).

    >>> error = UnknownIdError("x", N_("không có tổ chức mang mã {id} trong cây", id="'x'"))
    >>> str(error), error.message("en")
    ("không có tổ chức mang mã 'x' trong cây", "no organization with id 'x' in the tree")
    >>> isinstance(error, KeyError), error.key
    (True, 'x')
    """

    def __init__(self, key: object, message: str) -> None:
        self.key = key
        super().__init__(message)


class ArgumentTypeError(CosoDangError, TypeError):
    """A public function given an argument of a type it cannot take, said in a sentence
    of its own (:class:`UsageError` is the usual "*argument* must be *expected*").

    Also a ``TypeError``. The message, written with :func:`~coso_dang.i18n.N_`, names the
    type given, never the value.
    """


class WriteError(CosoDangError, OSError):
    """A file or folder that is not written: it exists, is of the wrong kind, or failed.

    An ``OSError`` too, with ``errno`` and ``filename`` set; the target is left as it was.
    *reason* is Vietnamese, written with :func:`~coso_dang.i18n.N_` (or the system's own
    text, for a write the system refused).

    >>> import errno
    >>> error = WriteError("bao_cao.csv", errno.EEXIST, N_("đã có (overwrite=False)"))
    >>> str(error)
    'không ghi được bao_cao.csv: đã có (overwrite=False)'
    >>> error.message("en")
    'cannot write bao_cao.csv: already exists (overwrite=False)'
    """

    def __init__(self, path: object, code: int, reason: str) -> None:
        super().__init__(code, reason, str(path))
        self.reason = reason

    def message(self, locale: str | None = None) -> str:
        """The message in *locale* (see :meth:`CosoDangError.message`)."""
        text = N_("không ghi được {path}: {reason}", path=self.filename, reason=self.reason)
        return translated(text, locale)
