"""What loading returns: the records it could build and every problem it met."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from attrs import field, frozen

from coso_dang.dataset import Dataset
from coso_dang.errors import CosoDangError

__all__ = ["REDACTED", "LoadError", "LoadProblem", "LoadResult"]

#: What a problem shows instead of the value of a personal column.
REDACTED = "…"


@frozen
class LoadProblem:
    """One problem met while loading: where it is, what was there and why it is one.

    Args:
        file: the file name (with the sheet for a workbook, e.g. ``"data.xlsx [Đảng viên]"``).
        row: the row as a spreadsheet shows it (the header is row 1; in JSON, the
            record's position in its list, from 1), or ``None`` for the whole file.
        column: the column header as written in the file (in JSON, ``section.field``).
        value: the offending value as text; :data:`REDACTED` for personal columns.
        reason: why, in Vietnamese.

    >>> print(LoadProblem("members.csv", 5, "Xếp loại", "tốt", "không phải mức xếp loại"))
    members.csv, dòng 5, cột «Xếp loại» = 'tốt': không phải mức xếp loại
    """

    file: str
    row: int | None
    column: str
    value: str
    reason: str

    def __str__(self) -> str:
        parts = [self.file]
        if self.row is not None:
            parts.append(f"dòng {self.row}")
        if self.column:
            value = f" = {self.value!r}" if self.value else ""
            parts.append(f"cột «{self.column}»{value}")
        return ", ".join(parts) + f": {self.reason}"


class LoadError(CosoDangError, ValueError):
    """Data that could not be loaded cleanly; ``problems`` lists every problem found."""

    def __init__(self, problems: Iterable[LoadProblem]) -> None:
        self.problems: Sequence[LoadProblem] = tuple(problems)
        head = "; ".join(str(p) for p in self.problems[:5])
        more = len(self.problems) - 5
        tail = f" (and {more} more)" if more > 0 else ""
        super().__init__(f"{len(self.problems)} problem(s) loading data: {head}{tail}")


def _problem_tuple(problems: Iterable[LoadProblem]) -> tuple[LoadProblem, ...]:
    return tuple(problems)


@frozen(repr=False)
class LoadResult:
    """The records a load could build, and a problem for every row it could not.

    Every data row either became a record or is named by at least one problem; problems
    from ``validate=True`` name rows that did load.

    >>> result = LoadResult(Dataset(), [LoadProblem("a.csv", 2, "Mã", "", "bỏ trống")])
    >>> result
    LoadResult(Dataset(organizations=0, members=0, units=0, evaluations=0), problems=1)
    >>> result.ok
    False
    """

    dataset: Dataset
    problems: tuple[LoadProblem, ...] = field(default=(), converter=_problem_tuple)

    def __repr__(self) -> str:
        return f"LoadResult({self.dataset!r}, problems={len(self.problems)})"

    @property
    def ok(self) -> bool:
        """True when there was no problem at all."""
        return not self.problems

    def raise_for_problems(self) -> Dataset:
        """Return the dataset, or raise if any problem was found.

        Raises:
            LoadError: holding every problem.
        """
        if self.problems:
            raise LoadError(self.problems)
        return self.dataset
