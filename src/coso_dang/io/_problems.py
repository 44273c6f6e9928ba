"""What loading returns: the records it could build and every problem it met."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from attrs import field, frozen

from coso_dang._enums import LabelledEnum
from coso_dang.dataset import Dataset
from coso_dang.errors import CosoDangError
from coso_dang.i18n import Figure, get_locale, translations
from coso_dang.io._reasons import translated

__all__ = ["REDACTED", "LoadError", "LoadProblem", "LoadResult", "Loaded", "Severity"]

#: What a problem shows instead of the value of a personal column.
REDACTED = "…"


class Severity(LabelledEnum):
    """How bad a problem is: whether its row still loaded.

    An ``ERROR`` row did not become a record (or, from ``validate=True``, a record that
    loaded does not fit the others); a ``WARNING`` row *did* load, and the problem only
    asks for a look — text typed in a legacy encoding, for one. ``strict=True`` raises
    on errors only.
    """

    ERROR = ("error", "lỗi")
    WARNING = ("warning", "cảnh báo")


@frozen
class LoadProblem:
    """One problem met while loading: where it is, what was there and why it is one.

    Args:
        file: the file name (with the sheet for a workbook, e.g. ``"data.xlsx [Đảng viên]"``).
        row: the row as a spreadsheet shows it (the header is row 1; in JSON, the
            record's position in its list, from 1), or ``None`` for the whole file.
        column: the column header as written in the file (in JSON, ``section.field``).
        value: the offending value as text; :data:`REDACTED` for personal columns.
        reason: why, in Vietnamese (:meth:`text` shows it in another language).
        severity: :attr:`Severity.ERROR` (the row did not load) or
            :attr:`Severity.WARNING` (the row loaded; have a look).

    >>> print(LoadProblem("members.csv", 5, "Xếp loại", "tốt", "không phải mức xếp loại"))
    members.csv, dòng 5, cột «Xếp loại» = 'tốt': không phải mức xếp loại
    >>> print(LoadProblem("a.csv", 2, "Tên", "Chi bé 1", "chữ lạ", Severity.WARNING))
    a.csv, dòng 2, cột «Tên» = 'Chi bé 1': cảnh báo: chữ lạ
    """

    file: str
    row: int | None
    column: str
    value: str
    reason: str
    severity: Severity = Severity.ERROR

    @property
    def is_error(self) -> bool:
        """True for an error (the row did not load), False for a warning."""
        return self.severity is Severity.ERROR

    def __str__(self) -> str:
        return self.text()

    def text(self, locale: str = "vi") -> str:
        """The problem as one line in *locale* (``"vi"`` or ``"en"``).

        >>> from coso_dang.io._reasons import N_
        >>> reason = N_("phải là số nguyên từ {low} đến {high}", low=1930, high=9999)
        >>> LoadProblem("a.csv", 3, "Năm", "x", reason).text("en")
        "a.csv, row 3, column «Năm» = 'x': must be a whole number from 1930 to 9999"
        """
        t = translations(locale)
        parts = [self.file]
        if self.row is not None:
            parts.append(t.gettext("dòng {row}").format(row=self.row))
        if self.column:
            value = f" = {self.value!r}" if self.value else ""
            parts.append(t.gettext("cột «{column}»").format(column=self.column) + value)
        reason = translated(self.reason, locale)
        if not self.is_error:
            reason = t.gettext("cảnh báo: {reason}").format(reason=reason)
        return ", ".join(parts) + f": {reason}"


class LoadError(CosoDangError, ValueError):
    """Data that could not be loaded cleanly; ``problems`` lists every problem found.

    The message names the first errors; ``problems`` holds them all, warnings included.

    >>> print(LoadError([LoadProblem("a.csv", 2, "Mã", "", "bắt buộc")]))
    1 lỗi khi đọc dữ liệu: a.csv, dòng 2, cột «Mã»: bắt buộc
    """

    def __init__(self, problems: Iterable[LoadProblem]) -> None:
        self.problems: Sequence[LoadProblem] = tuple(problems)
        super().__init__(self.message("vi"))

    def message(self, locale: str | None = None) -> str:
        """The message in *locale*: how many errors (and warnings), and the first five
        errors, each in *locale* (written in Vietnamese alone, it stayed Vietnamese in
        English).

        >>> from coso_dang.io._reasons import N_
        >>> reason = N_("phải là số nguyên từ {low} đến {high}", low=1930, high=9999)
        >>> print(LoadError([LoadProblem("a.csv", 3, "Năm", "x", reason)]).message("en"))
        1 error while reading the data: a.csv, row 3, column «Năm» = 'x': must be a whole
        number from 1930 to 9999
        """
        locale = get_locale() if locale is None else locale
        t = translations(locale)
        errors = [p for p in self.problems if p.is_error]
        warnings = len(self.problems) - len(errors)

        def n(count: int) -> str:
            return Figure.whole(count).written(locale)

        counted = t.ngettext("{n} lỗi", "{n} lỗi", len(errors)).format(n=n(len(errors)))
        if warnings:
            counted += ", " + t.ngettext("{n} cảnh báo", "{n} cảnh báo", warnings).format(
                n=n(warnings)
            )
        more = len(errors) - 5
        tail = t.gettext(" (và {more} lỗi khác)").format(more=more) if more > 0 else ""
        return t.gettext("{counted} khi đọc dữ liệu: {problems}{tail}").format(
            counted=counted, problems="; ".join(p.text(locale) for p in errors[:5]), tail=tail
        )


def _problem_tuple(problems: Iterable[LoadProblem]) -> tuple[LoadProblem, ...]:
    return tuple(problems)


class Loaded:
    """What a load's *problems* say, for :class:`LoadResult` and the columnar loader's
    result alike: the errors, the warnings, and whether all went well."""

    __slots__ = ()
    problems: tuple[LoadProblem, ...]

    @property
    def errors(self) -> tuple[LoadProblem, ...]:
        """The problems that are errors."""
        return tuple(p for p in self.problems if p.is_error)

    @property
    def warnings(self) -> tuple[LoadProblem, ...]:
        """The problems that are warnings: their rows loaded."""
        return tuple(p for p in self.problems if not p.is_error)

    @property
    def ok(self) -> bool:
        """True when there was no error (there may be warnings)."""
        return not any(p.is_error for p in self.problems)


@frozen(repr=False)
class LoadResult(Loaded):
    """The records a load could build, and a problem for every row it could not.

    Every data row either became a record or is named by at least one *error*;
    warnings (and problems from ``validate=True``) name rows that did load. So the
    rows read are ``len(dataset)`` plus the rows named by :attr:`errors` — less those
    of ``validate=True``, which point at loaded records.

    >>> result = LoadResult(Dataset(), [LoadProblem("a.csv", 2, "Mã", "", "bỏ trống")])
    >>> result
    LoadResult(Dataset(organizations=0, members=0, units=0, evaluations=0), problems=1)
    >>> result.ok
    False
    """

    dataset: Dataset
    problems: tuple[LoadProblem, ...] = field(default=(), converter=_problem_tuple)
    #: The tables (``"members"``, ``"evaluations"``…) the source held, with rows or
    #: only a header: a table not among them was not there, its records unknown rather
    #: than none. ``None`` when not told (a result made by hand).
    tables: frozenset[str] | None = field(default=None, kw_only=True, eq=False)

    def __repr__(self) -> str:
        return f"LoadResult({self.dataset!r}, problems={len(self.problems)})"

    def raise_for_problems(self) -> Dataset:
        """Return the dataset, or raise if any error was found (warnings do not raise).

        Raises:
            LoadError: holding every problem, warnings included.
        """
        if not self.ok:
            raise LoadError(self.problems)
        return self.dataset
