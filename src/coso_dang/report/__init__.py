"""Vietnamese narrative and tables from a rollup (and a rules report), in four formats.

:func:`narrate` writes the sentences a party report would print about one
organization — the structure, rating results, admissions against the target,
committee members' qualifications, and each rule's verdict — from a
:class:`~coso_dang.rollup.Rollup` or from figures typed into a bare
:class:`~coso_dang.Tally`, leaving out any sentence whose counts are unknown. The
resulting :class:`Narrative` renders as plain text (no line wider than :data:`WIDTH`),
Markdown, a standalone HTML page (inline CSS and an SVG chart, no scripts, no network)
or JSON (exact shares as ``"num/den"``) — the renderers of :data:`RENDERERS`, to which
a user can add a format of their own — or with any callable given to :func:`render`.
``locale="en"`` writes it in English.

>>> from coso_dang import Tally
>>> t = Tally(cap_uy_vien=1899, cap_uy_vien_cao_dang_tro_len=1837)
>>> print(narrate(t).text)
Đội ngũ cấp ủy viên cơ sở có 1.899 đồng chí, trong đó trình độ cao đẳng, đại học trở lên có 1.837 đồng chí (96,74%).
>>> print(narrate(t, locale="en").text)
Grassroots committees have 1,899 members, of whom 1,837 have a college or university degree or higher (96.74%).
"""  # noqa: E501

from __future__ import annotations

from coso_dang.report._build import DEFAULT_TARGET, narrate, unit_table
from coso_dang.report._model import Bar, Cell, Chart, Column, Narrative, Sentence, Table
from coso_dang.report._plot import plot_admissions, plot_shares
from coso_dang.report._render import FORMATS, RENDERERS, WIDTH, Renderer, render

__all__ = [
    "DEFAULT_TARGET",
    "FORMATS",
    "RENDERERS",
    "WIDTH",
    "Bar",
    "Cell",
    "Chart",
    "Column",
    "Narrative",
    "Renderer",
    "Sentence",
    "Table",
    "narrate",
    "plot_admissions",
    "plot_shares",
    "render",
    "unit_table",
]
