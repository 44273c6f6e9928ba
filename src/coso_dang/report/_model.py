"""The report as data: sentences, tables and a chart, before any rendering."""

from __future__ import annotations

import json
from collections.abc import Callable
from fractions import Fraction
from typing import Any

from attrs import field, frozen

__all__ = ["Bar", "Cell", "Chart", "Column", "Narrative", "Sentence", "Table"]


def _tuple(value: Any) -> tuple[Any, ...]:
    return tuple(value)


def _exact(value: int | Fraction | str | None) -> int | str | None:
    # JSON has no exact fractions: a share travels as "num/den".
    if isinstance(value, Fraction):
        return f"{value.numerator}/{value.denominator}"
    return value


@frozen
class Sentence:
    """One sentence of the narrative and what it is about.

    ``topic`` is one of ``"structure"``, ``"own_rating"``, ``"ratings"``, ``"unsatisfactory"``,
    ``"admissions"``, ``"committee"``, ``"residential"``, ``"communes"``, ``"contact"``
    and ``"verdict"``.
    """

    topic: str
    text: str

    def __str__(self) -> str:
        return self.text


@frozen
class Column:
    """A table column: a stable key, a translated heading, and whether it holds numbers."""

    key: str
    label: str
    numeric: bool = True


@frozen
class Cell:
    """A table cell: the exact value (a count, a share, a name or ``None``) and its text."""

    value: int | Fraction | str | None
    text: str

    def to_json(self) -> dict[str, Any]:
        """``{"value": ..., "text": ...}`` with a share as ``"num/den"``."""
        return {"value": _exact(self.value), "text": self.text}


@frozen
class Table:
    """A titled table of cells; the last row may be a total (``total_row``).

    ``notes`` are printed under the table, each once: what a short reference in a
    cell ("[1]") stands for.
    """

    title: str
    columns: tuple[Column, ...] = field(converter=_tuple)
    rows: tuple[tuple[Cell, ...], ...] = field(converter=_tuple)
    total_row: bool = False
    notes: tuple[str, ...] = field(converter=_tuple, default=())

    def to_json(self) -> dict[str, Any]:
        """The table as plain JSON-ready data."""
        return {
            "title": self.title,
            "columns": [{"key": c.key, "label": c.label} for c in self.columns],
            "rows": [
                {c.key: cell.to_json() for c, cell in zip(self.columns, row, strict=True)}
                for row in self.rows
            ],
            "total_row": self.total_row,
            "notes": list(self.notes),
        }


@frozen
class Bar:
    """One bar of the chart: a unit's name and its exact share (``None``: unknown)."""

    label: str
    share: Fraction | None
    text: str


@frozen
class Chart:
    """A bar chart of one share per unit with a target line."""

    title: str
    target: Fraction
    target_text: str
    bars: tuple[Bar, ...] = field(converter=_tuple)

    def to_json(self) -> dict[str, Any]:
        """The chart's data as plain JSON-ready data."""
        return {
            "title": self.title,
            "target": _exact(self.target),
            "target_text": self.target_text,
            "bars": [
                {"label": b.label, "share": _exact(b.share), "text": b.text} for b in self.bars
            ],
        }


@frozen
class Narrative:
    """A written report on one organization (or typed-in figures), ready to render.

    Build it with :func:`~coso_dang.report.narrate`; render it with :meth:`render` or
    ``str()`` (plain text).
    """

    title: str
    subject: str
    locale: str
    year: int | None
    org_id: str | None
    sentences: tuple[Sentence, ...] = field(converter=_tuple)
    tables: tuple[Table, ...] = field(converter=_tuple, default=())
    chart: Chart | None = None

    @property
    def text(self) -> str:
        """The sentences as one paragraph each."""
        return "\n".join(s.text for s in self.sentences)

    def to_json(self) -> dict[str, Any]:
        """The whole report as plain JSON-ready data (exact shares as ``"num/den"``)."""
        return {
            "title": self.title,
            "subject": self.subject,
            "org_id": self.org_id,
            "year": self.year,
            "locale": self.locale,
            "sentences": [{"topic": s.topic, "text": s.text} for s in self.sentences],
            "tables": [t.to_json() for t in self.tables],
            "chart": None if self.chart is None else self.chart.to_json(),
        }

    def render(self, format: str | Callable[[Narrative], str] = "text") -> str:
        """Render with a renderer of :data:`~coso_dang.report.RENDERERS` or a callable.

        The built-in formats are ``"text"``, ``"md"`` (Markdown), ``"html"`` (one page)
        and ``"json"``.

        Raises:
            ValueError: an unknown *format*.
        """
        from coso_dang.report._render import render

        return render(self, format)

    def __str__(self) -> str:
        return self.render("text")

    def _repr_html_(self) -> str:
        from coso_dang._html import narrative_html

        return narrative_html(self)

    def dumps(self) -> str:
        """:meth:`to_json` as a JSON text (UTF-8, Vietnamese letters kept as they are)."""
        return json.dumps(self.to_json(), ensure_ascii=False, indent=2)
