"""The official statistics forms (biểu mẫu thống kê) as versioned data, filled from members.

Each form of Hướng dẫn 11-HD/BTCTW (2021) is a JSON description in the package — number,
title, version, document, period of use, columns, rows with their numbering, indentation,
"trong đó" rows and the counts (or sums of counts) that fill them, and the identities the
filled form must satisfy. :func:`get_form` returns one; :func:`Form.from_mapping
<coso_dang.forms.Form.from_mapping>` reads one of your own and refuses it, listing every
problem, when its rows name counts nothing fills. :func:`fill_form` fills a form for one
organization and one period from member records, with the same period one year earlier
beside it and the exact percentage between them.

>>> from datetime import date
>>> from coso_dang.data import load_demo
>>> tree = load_demo().tree()
>>> filled = fill_form(tree, "3", Period(date(2024, 1, 1), date(2024, 12, 31)))
>>> filled.value("I"), filled.ok
(3825, True)
>>> print(render_text(filled).splitlines()[1])
THỐNG KÊ ĐỘI NGŨ ĐẢNG VIÊN
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cache
from typing import Any

from coso_dang.forms._fill import (
    Cell,
    FilledForm,
    FilledRow,
    fill,
    known_codes,
    member_counts,
    movement_counts,
    organization_counts,
)
from coso_dang.forms._model import Column, Form, FormError, Identity, Row, bundled
from coso_dang.forms._xlsx import write_xlsx
from coso_dang.history.events import MemberEvent
from coso_dang.history.membership import History
from coso_dang.history.movements import MOVEMENT_CODES, Period
from coso_dang.members import Member
from coso_dang.tree import OrgTree

__all__ = [
    "Cell",
    "Column",
    "FilledForm",
    "FilledRow",
    "Form",
    "FormError",
    "Identity",
    "Period",
    "Row",
    "fill",
    "fill_form",
    "forms",
    "get_form",
    "known_codes",
    "member_counts",
    "movement_counts",
    "organization_counts",
    "render_json",
    "render_text",
    "write_xlsx",
]


@cache
def _bundled(version: str) -> tuple[Form, ...]:
    codes = known_codes()
    return tuple(Form.from_mapping(data, codes) for data in bundled(version))


def forms(version: str = "2021") -> tuple[Form, ...]:
    """The bundled forms of *version*, in number order.

    >>> [form.number for form in forms()]
    ['1', '2', '2B', '3', '4', '5']
    """
    return _bundled(version)


def get_form(number: str, version: str = "2021") -> Form:
    """The bundled form *number* ("3", "2B") of *version*.

    Raises:
        FormError: no such form.
    """
    for form in forms(version):
        if form.number.casefold() == number.casefold():
            return form
    numbers = ", ".join(f.number for f in forms(version))
    raise FormError(number, [f"không có biểu {number!r} bản {version}; có: {numbers}"])


def fill_form(
    source: OrgTree | Iterable[Member],
    form: Form | str,
    period: Period,
    *,
    org: str | None = None,
    org_name: str | None = None,
    events: Iterable[MemberEvent] = (),
) -> FilledForm:
    """Fill *form* for the members of *source* (below *org* in a tree) over *period*.

    The "cùng kỳ năm trước" column counts the same members over the same window one
    year earlier: a member who left since is counted where the records still hold them.
    Biểu 1 needs a tree: its movements come from the members' *events* (and, for a
    member without events, from their admission and leaving dates).
    """
    chosen = get_form(form) if isinstance(form, str) else form
    members = _members(source, org)
    name = org_name or _name(source, org)
    this: dict[str, int | None] = dict(member_counts(members, period))
    previous: dict[str, int | None] = dict(member_counts(members, period.a_year_before()))
    if isinstance(source, OrgTree) and chosen.layout == "matrix":
        this.update(organization_counts(source, period.end, org))
    if isinstance(source, OrgTree) and chosen.codes() & set(MOVEMENT_CODES):
        history = History(list(source.members()), list(events))
        root = org if org is not None else _root(source)
        this.update(movement_counts(history, source, period, root))
        previous.update(movement_counts(history, source, period.a_year_before(), root))
    return fill(chosen, this, previous, org_name=name, period=period)


def _root(tree: OrgTree) -> str:
    roots = tree.roots
    if len(roots) != 1:
        raise FormError("1", ["cây có nhiều gốc: hãy chỉ rõ tổ chức (org)"])
    return roots[0].id


def _members(source: OrgTree | Iterable[Member], org: str | None) -> list[Member]:
    if isinstance(source, OrgTree):
        if org is None:
            return list(source.members())
        return list(source.members_of(org, recursive=True))
    return list(source)


def _name(source: OrgTree | Iterable[Member], org: str | None) -> str:
    if isinstance(source, OrgTree):
        if org is not None:
            return source[org].name
        roots = source.roots
        if len(roots) == 1:
            return roots[0].name
    return ""


def _number(value: Any) -> str:
    from fractions import Fraction

    from coso_dang.vi.numbers import format_number

    if value is None:
        return ""
    if isinstance(value, Fraction):
        return format_number(value, 2)
    return format_number(value)


def render_text(filled: FilledForm) -> str:
    """The filled form as plain text: header, numbered rows, the three value columns,
    then the blank rows and any failed identity, in Vietnamese."""
    form = filled.form
    period = filled.period
    window = f"{period.start:%d/%m/%Y} - {period.end:%d/%m/%Y}"
    lines = [form.name, form.title, f"{filled.org_name} — {window}".strip(" —")]
    width = 60
    if form.layout == "matrix":
        width = 44
        heads = " ".join(f"{'(' + c.key + ')':>8}" for c in form.value_columns)
        lines.append(f"{'(1)':<{width}} {heads}")
        for item in filled.rows:
            label = ("  " * item.row.level + item.row.label)[:width]
            values = " ".join(f"{_number(c.value):>8}" for c in item.cells)
            lines.append(f"{label:<{width}} {values}".rstrip())
        lines.append("; ".join(f"({c.key}) {c.label}" for c in form.value_columns))
        _tail(lines, filled)
        return "\n".join(lines)
    lines.append(f"{'Tiêu chí':<{width}} {'Kỳ này':>10} {'Cùng kỳ':>10} {'(%)':>8}")
    for item in filled.rows:
        label = ("  " * item.row.level + item.row.label)[:width]
        if item.row.heading:
            lines.append(label)
            continue
        decimals = item.row.decimals
        this = _decimal(item.this.value, decimals)
        previous = _decimal(item.previous.value, decimals)
        percent = "" if item.percent is None else _number(item.percent)
        lines.append(f"{label:<{width}} {this:>10} {previous:>10} {percent:>8}".rstrip())
    _tail(lines, filled)
    return "\n".join(lines)


def _tail(lines: list[str], filled: FilledForm) -> None:
    if filled.missing:
        lines.append("Không có số liệu: " + ", ".join(filled.missing))
    for failure in filled.failures:
        lines.append("Không khớp: " + failure)


def _decimal(value: Any, decimals: int | None) -> str:
    from coso_dang.vi.numbers import format_number

    if value is None:
        return ""
    if decimals is not None:
        return format_number(value, decimals)
    return _number(value)


def render_json(filled: FilledForm) -> str:
    """The filled form as JSON: cells as numbers (a percentage as a string of its exact
    decimal to two places), blanks as null."""
    data = {
        "form": filled.form.number,
        "version": filled.form.version,
        "title": filled.form.title,
        "organization": filled.org_name,
        "period": [filled.period.start.isoformat(), filled.period.end.isoformat()],
        "rows": [
            {
                "key": item.row.key,
                "label": item.row.label,
                "this": _json(item.this.value),
                "previous": _json(item.previous.value),
                "percent": None if item.percent is None else _number(item.percent),
                **({"cells": [_json(c.value) for c in item.cells]} if item.cells else {}),
            }
            for item in filled.rows
            if not item.row.heading
        ],
        "missing": list(filled.missing),
        "failures": list(filled.failures),
    }
    return json.dumps(data, ensure_ascii=False, indent=1)


def _json(value: Any) -> Any:
    from fractions import Fraction

    if isinstance(value, Fraction):
        return float(round(value, 2))
    return value
