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
THỐNG KÊ ĐỘI NGŨ ĐẢNG VIÊN NĂM 2024
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Iterable, Mapping
from datetime import date
from functools import cache
from typing import Any

from coso_dang.errors import UsageError
from coso_dang.evaluation import Evaluation
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
from coso_dang.forms._gather import fill_forms as _fill_forms
from coso_dang.forms._html import page_html
from coso_dang.forms._model import (
    Column,
    Form,
    FormError,
    FormIdentity,
    Identity,
    Row,
    bundled,
)
from coso_dang.forms._xlsx import PLACE_AND_DATE, write_xlsx
from coso_dang.history.events import MemberEvent, OrgEvent
from coso_dang.history.movements import Period
from coso_dang.i18n import N_
from coso_dang.members import Member
from coso_dang.operations.facts import MemberFacts
from coso_dang.tree import OrgTree

__all__ = [
    "VERSIONS",
    "Cell",
    "Column",
    "FilledForm",
    "FilledRow",
    "Form",
    "FormError",
    "FormIdentity",
    "Identity",
    "Period",
    "Row",
    "fill",
    "fill_form",
    "fill_forms",
    "forms",
    "get_form",
    "known_codes",
    "member_counts",
    "movement_counts",
    "organization_counts",
    "render_html",
    "render_json",
    "render_text",
    "version_for",
    "write_xlsx",
]


@cache
def _bundled(version: str) -> tuple[Form, ...]:
    codes = known_codes()
    return tuple(Form.from_mapping(data, codes) for data in bundled(version))


#: The bundled sets, oldest first: 12-HD/BTCTW (2012) and 11-HD/BTCTW (2021).
VERSIONS = ("2012", "2021")


def forms(version: str = "2021") -> tuple[Form, ...]:
    """The bundled forms of *version*, in number order.

    >>> [form.number for form in forms()]
    ['1', '2', '2B', '3', '4', '5', '6', '6F', '7']
    >>> [form.name for form in forms("2012")]
    ['Biểu số 1 - TCTW', 'Biểu số 2 - TCTW', 'Biểu số 3 - TCTW', 'Biểu số 4 - TCTW']
    """
    if version not in VERSIONS:
        raise FormError(
            "*",
            [
                N_(
                    "không có bộ biểu {version}; có: {versions}",
                    version=repr(version),
                    versions=", ".join(VERSIONS),
                )
            ],
        )
    return _bundled(version)


def version_for(on: date) -> str:
    """The set of forms in use on *on* (a period's last day): the 2021 set from
    13/12/2021, the 2012 set from 17/5/2012 until then.

    The 2017 guidance (09-HD/BTCTW) replaced the 2012 forms' instructions, but its
    layouts were not published apart: periods before 13/12/2021 use the 2012 layouts.

    >>> version_for(date(2021, 12, 31)), version_for(date(2020, 12, 31))
    ('2021', '2012')

    Raises:
        FormError: *on* is before the oldest set.
    """
    for version in reversed(VERSIONS):
        first = _bundled(version)[0]
        if first.in_force_from <= on and (
            first.in_force_until is None or on < first.in_force_until
        ):
            return version
    raise FormError("*", [N_("không có bộ biểu nào dùng cho ngày {day}", day=f"{on:%d/%m/%Y}")])


def get_form(number: str, version: str = "2021") -> Form:
    """The bundled form *number* ("3", "2B") of *version*.

    Raises:
        FormError: no such form.
        UsageError: *number* is not a text (``3`` for ``"3"``).
    """
    if not isinstance(number, str):
        # A number typed as one (3) failed with "'int' object has no attribute 'casefold'".
        raise UsageError(
            "get_form", "number", N_("số biểu dạng văn bản, như '3' hoặc '2B'"), number
        )
    for form in forms(version):
        if form.number.casefold() == number.casefold():
            return form
    numbers = ", ".join(f.number for f in forms(version))
    # Through N_, as the other reasons a form is refused: ``thong-ke --forms 99 --locale
    # en`` printed this one line of its English error in Vietnamese.
    raise FormError(
        number,
        [
            N_(
                "không có biểu {number} bản {version}; có: {numbers}",
                number=repr(number),
                version=version,
                numbers=numbers,
            )
        ],
    )


def fill_forms(
    source: OrgTree | Iterable[Member],
    period: Period,
    chosen: Iterable[Form | str] | None = None,
    *,
    org: str | None = None,
    org_name: str | None = None,
    events: Iterable[MemberEvent] = (),
    org_events: Iterable[OrgEvent] = (),
    evaluations: Iterable[Evaluation] | None = None,
    facts: Iterable[MemberFacts] | Mapping[str, MemberFacts] = (),
) -> tuple[FilledForm, ...]:
    """Fill several forms (by default the whole set in use at the period's end) at once.

    Each kind of count the forms need is computed once for this period and once for
    the same period a year earlier, and shared by every form. A form given by number
    is taken from the set in use on the period's last day (:func:`version_for`).

    Args:
        source: a tree (with *org* the organization reported on) or members.
        period: the reporting period.
        org: the id of the organization reported on, in the tree; by default its
            single root (a tree of several roots is refused with a ``FormError``, and
            so are bare members with an *org*, a tổ đảng, a đảng đoàn or ban cán sự
            đảng, and an organization founded after the period or dissolved before it).
        org_name: the reporting organization's name the forms print; by default the
            name of *org*, or of the tree's single root (none for bare members).
        chosen: forms or their numbers; every form of the set by default.
        events: the members' events (Biểu 1, 7).
        org_events: the organizations' events: with them both periods are counted on
            this period's organizations (merged units' past figures on their successor).
        evaluations: the review's evaluations (Biểu 6, 6F); only the yearly review
            is read, for a period ending on 31/12. Without them those forms' cells are
            blank; without those of members, or of organizations, or of the
            organization reported on (the year's review held elsewhere), only the
            ratings and reviews are: the organizations and members are counted.
        facts: the badges already awarded, disciplines and illness flags (Biểu 7).

    Raises:
        FormError: a form number that is none, an *org* the forms cannot be filled for
            (see *org*), or not in the tree.
        UsageError: *source*, *period*, *chosen* or the records of the wrong kind.
    """
    _check_arguments(source, period, chosen, org)
    _check_records(events, org_events, evaluations, facts)
    items = forms(version_for(period.end)) if chosen is None else chosen
    # The set in use is needed only to pick a form by number: a form given as its
    # description (a committee's own, an older set's) fills any period.
    picked = [
        item if isinstance(item, Form) else get_form(item, version_for(period.end))
        for item in items
    ]
    return _fill_forms(
        source,
        picked,
        period,
        org=org,
        org_name=org_name,
        events=events,
        org_events=org_events,
        evaluations=evaluations,
        facts=facts,
    )


def _check_arguments(source: object, period: object, chosen: object, org: object) -> None:
    """Refuse what :func:`fill_forms` cannot fill from, before any count: each failed
    deep inside with Python's English ("'tuple' object has no attribute 'end'", "object
    is not iterable"), and a form number as a text was read character by character ("2B"
    as forms "2" and "B")."""
    if not isinstance(source, OrgTree) and (
        not isinstance(source, Iterable) or isinstance(source, str | bytes | Member)
    ):
        raise UsageError("fill_forms", "source", N_("một OrgTree hoặc các bản ghi Member"), source)
    if not isinstance(period, Period):
        raise UsageError("fill_forms", "period", N_("một Period"), period)
    if chosen is not None and (not isinstance(chosen, Iterable) or isinstance(chosen, str | Form)):
        expected = N_("một dãy biểu hoặc số biểu, như ['2', '3']")
        raise UsageError("fill_forms", "chosen", expected, chosen)


def _check_records(events: object, org_events: object, evaluations: object, facts: object) -> None:
    """Refuse records given as ``None`` or a number, which failed deep inside with
    "object is not iterable" (*evaluations* alone may be ``None``: none given)."""
    for argument, records, expected in (
        ("events", events, N_("các bản ghi MemberEvent")),
        ("org_events", org_events, N_("các bản ghi OrgEvent")),
        ("evaluations", evaluations, N_("các bản ghi Evaluation")),
        ("facts", facts, N_("các bản ghi MemberFacts")),
    ):
        if argument == "evaluations" and records is None:
            continue
        if not isinstance(records, Iterable) or isinstance(records, str | bytes):
            raise UsageError("fill_forms", argument, expected, records)


def fill_form(
    source: OrgTree | Iterable[Member],
    form: Form | str,
    period: Period,
    *,
    org: str | None = None,
    org_name: str | None = None,
    events: Iterable[MemberEvent] = (),
    org_events: Iterable[OrgEvent] = (),
    evaluations: Iterable[Evaluation] | None = None,
    facts: Iterable[MemberFacts] | Mapping[str, MemberFacts] = (),
) -> FilledForm:
    """Fill *form* for the members of *source* (below *org* in a tree) over *period*.

    The "cùng kỳ năm trước" column counts the same members over the same window one
    year earlier: a member who left since is counted where the records still hold them;
    with *org_events*, on this period's organizations. Biểu 1 needs a tree: its
    movements come from the members' *events* (and, for a member without events, from
    their admission and leaving dates). With a tree and *events*, the member forms
    (Biểu 2–4) describe the members on the lists at each column's end as the events put
    them, the members Biểu 1 ends with: one between two chi bộ then, or moved away, is
    on none; one who moved in is counted where they arrived. See :func:`fill_forms` for
    the arguments.
    """
    return fill_forms(
        source,
        period,
        [form],
        org=org,
        org_name=org_name,
        events=events,
        org_events=org_events,
        evaluations=evaluations,
        facts=facts,
    )[0]


def _number(value: Any) -> str:
    from fractions import Fraction

    from coso_dang.vi.numbers import format_number

    if value is None:
        return ""
    if isinstance(value, Fraction):
        return format_number(value, 2)
    return format_number(value)


def render_text(filled: FilledForm) -> str:
    """The filled form as plain text: header (the form's number and the lines under it,
    the title, the organization and the period, the unit), numbered rows, the value
    columns the form prints (a list form's total, its coded columns and the share of
    the group; a K form's kỳ này, cùng kỳ and %), then the blank rows and any failed
    identity, the place-and-date line and the signature blocks, in Vietnamese."""
    form = filled.form
    # The period as the page and the workbook print it ("Từ 01/01/2025 đến 31/12/2025",
    # after the organization's name: the text has no committee line of its own).
    lines = [form.name, *form.header_notes, filled.heading, filled.window()]
    if form.unit is not None:  # "Đvt: Người" above the table, as the page and workbook
        lines.append(form.unit)
    width = 60
    if form.layout == "matrix":
        width = max(44, 96 - 9 * len(form.value_columns))  # long labels when few columns
        heads = " ".join(f"{'(' + c.key + ')':>8}" for c in form.value_columns)
        # A form with a TT column before its labels (Biểu 6F) numbers its rows there, as
        # the page and the workbook print them: the text left them out, and the blank
        # rows listed under it ("4.1") named rows it did not number.
        coded = [at for at, c in enumerate(form.columns) if c.code is not None]
        labelled = coded[0] - 1 if coded else 0
        numbered = labelled > 0
        first = f"({form.columns[labelled].key})" if numbered else "(1)"
        if numbered:
            first = f"{'(' + form.columns[labelled - 1].key + ')':>5} {first}"
        lines.append(f"{first:<{width}} {heads}")
        for item in filled.rows:
            indent = "  " * item.row.level
            if numbered:
                number = "" if item.row.heading else item.row.printed_number(form.layout)
                indent = f"{number:>5} {indent}"
            label, *rest = _label_lines(indent, item.row.label, width)
            values = " ".join(f"{_number(c.value):>8}" for c in item.cells)
            lines.append(f"{label:<{width}} {values}".rstrip())
            lines.extend(rest)
        # Each column by its headers from the top, as the page and the workbook head it:
        # Biểu 5's "(2) Tổng số" alone was not said to be of the organizations.
        lines.append("; ".join(f"({c.key}) {' › '.join(c.headers)}" for c in form.value_columns))
        _tail(lines, filled)
        return "\n".join(lines)
    if form.layout == "list":
        # As the form prints it: Tổng số, the coded columns (nữ), Tỷ lệ (%) of the group.
        # The form's own column heads (TT, name, Tổng số, ..., the share): "Tỷ lệ (%)"
        # in 2021, "Tỷ lệ %" in 2012.
        # A description of its own naming fewer: those it leaves out in the 2021 words.
        labels = [c.label for c in form.printed_columns]
        titles = [labels[2], *(c.label for c in form.value_columns), labels[-1]]
        head = f"{labels[0]}  {labels[1]}"
        lines.append(f"{head:<{width}} " + " ".join(f"{h:>12}" for h in titles))
        for item in filled.rows:
            # The TT column as printed: the group's number (I, II) before its name.
            number = item.row.printed_number(form.layout)
            indent = f"{number:>3} " + "  " * item.row.level
            label, *rest = _label_lines(indent, item.row.label, width)
            if item.row.heading:
                lines += [label, *rest]
                continue
            share = filled.share(item.row.key)
            figures = [
                _number(item.this.value),
                *(_number(c.value) for c in item.cells),
                "" if share is None else _number(share),
            ]
            lines.append(f"{label:<{width}} " + " ".join(f"{v:>12}" for v in figures).rstrip())
            lines.extend(rest)
        _tail(lines, filled)
        return "\n".join(lines)
    # The label column as the form heads it ("CHỈ TIÊU" in 2012), the figures in short.
    head = form.printed_columns[0].label
    lines.append(f"{head:<{width}} {'Kỳ này':>10} {'Cùng kỳ':>10} {'(%)':>8}")
    for item in filled.rows:
        label, *rest = _label_lines("  " * item.row.level, item.row.label, width)
        if item.row.heading:
            lines += [label, *rest]
            continue
        decimals = item.row.decimals
        this = _decimal(item.this.value, decimals)
        previous = _decimal(item.previous.value, decimals)
        percent = "" if item.percent is None else _number(item.percent)
        lines.append(f"{label:<{width}} {this:>10} {previous:>10} {percent:>8}".rstrip())
        lines.extend(rest)
    _tail(lines, filled)
    return "\n".join(lines)


def _label_lines(indent: str, label: str, width: int) -> list[str]:
    """A row's label after its *indent*, in lines of at most *width* characters broken
    between words (the form's words, whole: a label cut at the column's edge read
    "… từ 50% vốn điều lệ tr"); the lines after the first indented two spaces more, so
    that the row's figures, on its first line, stand beside its start."""
    return textwrap.wrap(
        label,
        width,
        initial_indent=indent,
        subsequent_indent=" " * len(indent) + "  ",
        break_on_hyphens=False,
    ) or [indent]


def _tail(lines: list[str], filled: FilledForm) -> None:
    """The lines under the table: the blank rows and failed checks, then the footer the
    page and the workbook print, the place-and-date line and the form's two signature
    blocks (one under the other: a line of text has no room for both side by side)."""
    lines.extend(filled.notes)
    lines += ["", PLACE_AND_DATE]
    for block in (filled.form.footer_left, filled.form.footer_right):
        lines += ["", *block]


def _decimal(value: Any, decimals: int | None) -> str:
    from coso_dang.vi.numbers import format_number

    if value is None:
        return ""
    if decimals is not None:
        return format_number(value, decimals)
    return _number(value)


def render_html(filled: FilledForm | Iterable[FilledForm], *, reporter: str | None = None) -> str:
    """Filled forms as one standalone HTML page, one form a printed A4 page.

    *reporter* names the reporting committee in the header (by default the
    organization the form was filled for). In a notebook a filled form shows itself
    as its table (``_repr_html_``).
    """
    chosen = [filled] if isinstance(filled, FilledForm) else list(filled)
    return page_html(chosen, reporter=reporter)


def render_json(filled: FilledForm) -> str:
    """The filled form as JSON: cells as numbers, a fraction rounded as the printed form
    rounds it (exactly, half up, to the row's decimals or two), the form's percentage
    (kỳ này × 100 / cùng kỳ; in a list form the share of the group, its "Tỷ lệ (%)") as a
    string of its exact decimal to two places; blanks as null."""
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
                "this": _json(item.this.value, item.row.decimals),
                "previous": _json(item.previous.value, item.row.decimals),
                "percent": _percent(filled, item),
                **({"cells": [_json(c.value) for c in item.cells]} if item.cells else {}),
            }
            for item in filled.rows
            if not item.row.heading
        ],
        "missing": list(filled.missing),
        "missing_previous": list(filled.missing_previous),
        "failures": list(filled.failures),
    }
    return json.dumps(data, ensure_ascii=False, indent=1)


def _percent(filled: FilledForm, item: Any) -> str | None:
    """The row's percentage as the form prints it: a list form's is the share of the
    group (as in the page and the workbook), not the change from last year."""
    value = filled.share(item.row.key) if filled.form.layout == "list" else item.percent
    return None if value is None else _number(value)


def _json(value: Any, decimals: int | None = None) -> Any:
    from fractions import Fraction

    from coso_dang.forms._model import half_up

    if isinstance(value, Fraction):
        # As the text and the workbook print it: 40,25 years on a one-decimal row is
        # 40,3, not round()'s 40,25 or, to one place, its half to even (40,2).
        return float(half_up(value, 2 if decimals is None else decimals))
    return value
