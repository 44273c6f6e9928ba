"""Filling a form from counts: this period, the same period a year earlier, the checks."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence, Set
from datetime import date
from fractions import Fraction
from itertools import compress
from operator import attrgetter, not_
from typing import Any, final

import attrs
from attrs import frozen

from coso_dang.breakdowns import (
    ATTRIBUTES,
    COUNTED_COLUMNS,
    POPULATIONS,
    breakdown_all,
    breakdown_frame_all,
    breakdown_table,
)
from coso_dang.forms._counts import RATING_CODES, REVIEW_CODES, WORK_CODES
from coso_dang.forms._eras import ERA_CODES, early_august_1945, early_august_records
from coso_dang.forms._exemptions import EXEMPTION_CODES, exemption_counts, exemption_records
from coso_dang.forms._grassroots import GRASSROOTS_CODES
from coso_dang.forms._model import (
    Column,
    Form,
    FormError,
    FormIdentity,
    Identity,
    Row,
    Term,
    nfc,
)
from coso_dang.history.membership import History
from coso_dang.history.movements import MOVEMENT_CODES, Period, movements
from coso_dang.i18n import N_
from coso_dang.members import Member
from coso_dang.orgs import GrassrootsType, OrgKind
from coso_dang.tree import OrgTree

__all__ = [
    "Cell",
    "FilledForm",
    "FilledRow",
    "OnLists",
    "checked_together",
    "known_codes",
    "member_counts",
    "movement_counts",
    "organization_counts",
]

Counts = Mapping[str, "int | None"]


def known_codes() -> frozenset[str]:
    """Every count :func:`member_counts` and :func:`movement_counts` fill, for checking
    form descriptions."""
    codes: set[str] = set(POPULATIONS) | set(MOVEMENT_CODES) | {"ket_nap_lai"}
    codes.update((*EXEMPTION_CODES, *ERA_CODES))
    codes.update((*RATING_CODES, *REVIEW_CODES, *WORK_CODES, *GRASSROOTS_CODES))
    for prefix in ORGANIZATION_PREFIXES:
        codes.update(f"{prefix}_{kind.value}" for kind in GrassrootsType)
    for population in POPULATIONS:
        for attribute in ATTRIBUTES.values():
            prefix = f"{population}_{attribute.code}"
            for category, _ in attribute.categories:
                codes.update({f"{prefix}_{category}", f"{prefix}_{category}_nu"})
        codes.update({f"{population}_tuoi_tong", f"{population}_tuoi_so_nguoi"})
    return frozenset(codes)


def member_counts(
    source: OrgTree | Iterable[Member], period: Period, *, org: str | None = None
) -> dict[str, int | None]:
    """The counts the member forms read, for one organization and one period.

    Cells are exact (no small-cell suppression): the forms are official returns.

    Raises:
        FormError: *org* with bare members (no tree), which say nothing of which are
            below it (every member given was counted).
    """
    if org is not None and not isinstance(source, OrgTree):
        raise FormError(
            "*", [N_("cần cây tổ chức (OrgTree) để lập biểu cho tổ chức {org}", org=repr(org))]
        )
    members = list(source.members_of(org, recursive=True) if isinstance(source, OrgTree) and org
                   else source.members() if isinstance(source, OrgTree) else source)  # fmt: skip
    return member_counts_for(members, [period])[0]


#: From this many members on, :func:`member_counts_for` counts on one members table with
#: polars (the breakdowns' DataFrame path, which gives the same figures) when polars and
#: narwhals are installed: for a nation, building the table once for both periods costs
#: a third of two passes over the records; for a province, more (see docs/benchmarks.md).
TABLE_FROM = 200_000


@frozen
class OnLists:
    """The members on the lists at each period's end as a history has them.

    *evented*: the ids of the members with events, who are on a list at a period's end
    only as its list of *listed* says (for each period, the records of those the events
    put on a list then; a record that says they had left by then is read without its
    leaving); the other members are taken as their records have them.
    """

    evented: Set[str]
    listed: Sequence[list[Member]]
    #: For each period, the members of *evented* admitted into the organization in it,
    #: as the events have them (a re-admission too, the record read as admitted that
    #: day; not one admitted elsewhere who moved in since); empty: their records say.
    admitted: Sequence[list[Member]] = ()
    #: For each period, how many of *admitted* were re-admissions (kết nạp lại).
    readmitted: Sequence[int] = ()
    #: For each period, the chi bộ each of *admitted* was admitted into, as the events
    #: have it (Biểu 2 section III: the grassroots organizations with an admission).
    admitted_into: Sequence[list[str]] = ()
    #: For each period, the ids of the members on the lists exempt from work and
    #: activities at its end as the events have it: of *listed*, and of *exempt_by_events*;
    #: empty: as their records say.
    exempt: Sequence[Set[str]] = ()
    #: The members not of *evented* whose exemption the events start or end: their
    #: records' exemption day is not read.
    exempt_by_events: Set[str] = frozenset()
    #: For each period, the chi bộ each of *listed* is on at its end as the events put
    #: them (in the order of *listed*): their records may name another.
    placed: Sequence[list[str]] = ()


def member_counts_for(
    members: list[Member],
    periods: Sequence[Period],
    *,
    on_lists: OnLists | None = None,
    table_from: int | None = TABLE_FROM,
) -> list[dict[str, int | None]]:
    """:func:`member_counts` of *members* for each of *periods*.

    With *on_lists*, the members on the lists at a period's end are those it says, not
    those *members*' records put there (whose records still give the admissions).

    With at least *table_from* members (``None``: never) and polars installed, the
    breakdowns run on one members table (:func:`~coso_dang.breakdowns.breakdown_table`)
    shared by the periods; otherwise over the records.
    """
    table = None
    if table_from is not None and len(members) >= table_from and _has_polars():
        table = breakdown_table(members, columns=COUNTED_COLUMNS)
    plain: list[Member] = members
    plain_rows: Any = None  # the table's rows of the members counted from their records
    if on_lists is not None:
        evented = list(map(on_lists.evented.__contains__, map(attrgetter("id"), members)))
        if table is None:
            plain = list(compress(members, map(not_, evented)))
        else:
            plain_rows = _rows_but(table, evented)
    # The few records the exempt and the August 1945 admissions read, sifted once for
    # every period (a pass over millions each).
    exempt_records = exemption_records(
        members, on_lists.exempt_by_events if on_lists is not None else frozenset()
    )
    early_records = early_august_records(members)
    found = []
    for at, period in enumerate(periods):
        counts: dict[str, int | None] = {}
        start, end = period.start, period.end
        listed, listed_table = members, table
        if on_lists is not None:
            listed = plain + on_lists.listed[at]
            if table is not None:
                # Only the few listed from their events are made into rows again.
                moved = breakdown_table(on_lists.listed[at], columns=COUNTED_COLUMNS)
                listed_table = _stacked(plain_rows, moved)
        # The breakdowns check each member's population again; handing them only those
        # admitted in the period saves the admissions' pass over everyone.
        admitted: list[Member] = []
        admitted_table = table
        if on_lists is not None and on_lists.admitted:
            # The admissions of the members with events are theirs; the others', the
            # records'. Kết nạp lại is known from the events only: without, it is blank.
            counts["ket_nap_lai"] = on_lists.readmitted[at]
            evented_in = on_lists.admitted[at]
            if table is None:
                admitted = [m for m in plain if start <= m.admitted_on <= end] + evented_in
            else:
                admitted_table = _stacked(
                    plain_rows, breakdown_table(evented_in, columns=COUNTED_COLUMNS)
                )
        elif table is None:
            admitted = [m for m in members if start <= m.admitted_on <= end]
        for population in POPULATIONS:
            if table is not None:
                tables = breakdown_frame_all(
                    admitted_table if population == "ket_nap" else listed_table,
                    on=end,
                    start=start,
                    population=population,
                    min_cell=1,
                )
            else:
                chosen = admitted if population == "ket_nap" else listed
                tables = breakdown_all(
                    chosen, on=end, start=start, population=population, min_cell=1
                )
            counts[population] = tables["gioi_tinh"].total
            for table_of in tables.values():
                counts.update(table_of.to_counts())
        # Read from the records of the members on the lists: the exempt (Biểu 3) and the
        # admissions that the 2012 eras place apart from the 2021 ones.
        if on_lists is None:
            counts.update(exemption_counts(exempt_records, end))
            counts.update(early_august_1945(early_records, end))
        else:
            evented_now, listed_now = on_lists.evented, on_lists.listed[at]
            exempt_now = on_lists.exempt[at] if on_lists.exempt else None
            counts.update(
                exemption_counts(
                    exempt_records,
                    end,
                    evented=evented_now,
                    listed=listed_now,
                    exempt=exempt_now,
                    by_events=on_lists.exempt_by_events,
                )
            )
            counts.update(
                early_august_1945(early_records, end, evented=evented_now, listed=listed_now)
            )
        found.append(counts)
    return found


def _rows_but(table: Any, dropped: list[bool]) -> Any:
    """The rows of a polars *table* not marked in *dropped*."""
    import polars

    return table.filter(~polars.Series(dropped, dtype=polars.Boolean))


def _stacked(top: Any, bottom: Any) -> Any:
    """Two polars tables of the same columns, one above the other."""
    import polars

    return polars.concat([top, bottom])


def _has_polars() -> bool:
    try:
        import narwhals  # noqa: F401
        import polars  # noqa: F401
    except ImportError:  # pragma: no cover - the dev extra installs them
        return False
    return True


#: The prefixes of the organization counts by grassroots type (Biểu 5):
#: ``<prefix>_<GrassrootsType code>``.
ORGANIZATION_PREFIXES = (
    "tccsd_loai_hinh",
    "dang_bo_co_so_loai_hinh",
    "chi_bo_co_so_loai_hinh",
    "dang_bo_bo_phan_loai_hinh",
    "chi_bo_truc_thuoc_loai_hinh",
    "dang_vien_loai_hinh",
)


def organization_counts(
    tree: OrgTree,
    on: date,
    org: str | None = None,
    *,
    listed: Mapping[str, int] | None = None,
) -> Counts:
    """Grassroots organizations by type on *on*, with their đảng bộ bộ phận, chi bộ trực
    thuộc and members (Biểu 5), below *org* (or the whole tree).

    *listed*: each chi bộ's members on its list on *on* as a history has them
    (:meth:`~coso_dang.history.Roster.counts`), counted in place of the records, so that
    the members of Biểu 5 are those Biểu 1 ends with.

    Every count is ``None`` while a grassroots organization has no type recorded: a row
    of the form would otherwise be short by it without saying so.
    """
    counts: dict[str, int] = {
        f"{prefix}_{kind.value}": 0 for prefix in ORGANIZATION_PREFIXES for kind in GrassrootsType
    }
    untyped = 0
    top = [org] if org is not None else [root.id for root in tree.roots]
    for start in top:
        for grassroots in tree.walk(start):
            if not grassroots.kind.is_grassroots or not grassroots.is_active(on):
                continue
            kind = grassroots.grassroots_type
            if kind is None:
                untyped += 1
                continue
            code = str(kind.value)
            level = "dang_bo_co_so" if grassroots.kind is OrgKind.DANG_BO_CO_SO else "chi_bo_co_so"
            counts[f"tccsd_loai_hinh_{code}"] += 1
            counts[f"{level}_loai_hinh_{code}"] += 1
            for below in tree.walk(grassroots.id):
                if below.id == grassroots.id or not below.is_active(on):
                    continue
                if below.kind is OrgKind.DANG_BO_BO_PHAN:
                    counts[f"dang_bo_bo_phan_loai_hinh_{code}"] += 1
                elif below.kind is OrgKind.CHI_BO_TRUC_THUOC:
                    counts[f"chi_bo_truc_thuoc_loai_hinh_{code}"] += 1
            if listed is not None:
                members = sum(listed.get(o.id, 0) for o in tree.walk(grassroots.id))
            else:
                members = sum(
                    1 for m in tree.members_of(grassroots.id, recursive=True) if m.is_active(on)
                )
            counts[f"dang_vien_loai_hinh_{code}"] += members
    if untyped:
        return dict.fromkeys(counts)
    return dict(counts)


def movement_counts(
    history: History,
    tree: OrgTree,
    period: Period,
    org: str,
    *,
    mapping: Mapping[str, str] | None = None,
) -> Counts:
    """The Biểu 1 counts of *org* (its subtree) over *period*, from the members' history.

    A count the history cannot give (the side of a transfer not recorded) is ``None``.
    *mapping* places organizations that no longer exist (see
    :func:`~coso_dang.history.movements.movements`).
    """
    counted = movements(history, tree, period, mapping=mapping)[org].counts
    return {code: counted.get(code) for code in MOVEMENT_CODES}


@final
@frozen
class Cell:
    """A filled value: ``None`` is blank (not provided), never zero."""

    value: int | Fraction | None
    decimals: int | None = None


@final
@frozen
class FilledRow:
    """A row with this period's value, last year's, and the exact ratio of the two."""

    row: Row
    this: Cell
    previous: Cell
    #: In a ``"matrix"`` form, one cell per value column (``this`` is the first); in a
    #: ``"list"`` form, one per coded column beside the total (the women).
    cells: tuple[Cell, ...] = ()

    @property
    def percent(self) -> Fraction | None:
        """Kỳ này × 100 / cùng kỳ; ``None`` where last year's figure is 0 or unknown."""
        now, then = self.this.value, self.previous.value
        if now is None or then is None or then == 0:
            return None
        return Fraction(now) * 100 / Fraction(then)


@final
@frozen
class FilledForm:
    """A form filled for one organization and one period, with what its checks found."""

    form: Form
    org_name: str
    period: Period
    rows: tuple[FilledRow, ...]
    #: The rows whose data was not provided (blank cells), by key.
    missing: tuple[str, ...]
    #: Every identity that fails, with the figures.
    failures: tuple[str, ...]
    #: The rows of a ``"K"`` form whose "cùng kỳ năm trước" is blank, its data not
    #: provided (a member's unknown ethnicity a year ago; a merged unit's past
    #: organizations), by key: those not already in ``missing``.
    missing_previous: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        """True when every identity of the form holds."""
        return not self.failures

    @property
    def heading(self) -> str:
        """The title line as printed: the form's title, and for a calendar year the
        year after the form's :attr:`~Form.year_word` ("THỐNG KÊ TĂNG, GIẢM ĐẢNG VIÊN
        NĂM 2025"); another window leaves the title alone (its dates are printed
        below it)."""
        start, end = self.period.start, self.period.end
        word = self.form.year_word
        annual = (start.month, start.day, end.month, end.day) == (1, 1, 12, 31)
        if word is None or not annual or start.year != end.year:
            return self.form.title
        if "{year}" in word:  # the year inside the words: "Có đến 31/12/{year}"
            return f"{self.form.title} {word.replace('{year}', str(end.year))}"
        return f"{self.form.title} {word} {end.year}"

    @property
    def notes(self) -> tuple[str, ...]:
        """The lines printed under the form, in Vietnamese: the rows left blank for want
        of data (this period's, then only last year's), then each failed identity."""
        lines = []
        if self.missing:
            lines.append("Không có số liệu: " + ", ".join(self.missing))
        if self.missing_previous:
            # A blank "cùng kỳ" was said nowhere: it read as if nothing was to compare.
            lines.append("Không có số liệu cùng kỳ năm trước: " + ", ".join(self.missing_previous))
        lines.extend("Không khớp: " + failure for failure in self.failures)
        return tuple(lines)

    def window(self, reporter: str | None = None) -> str:
        """The line under the title: the period ("Từ 01/01/2025 đến 31/12/2025"), after
        the organization the form is filled for when the header names another one, the
        *reporter* ("Chi bộ Thôn Đông — Từ …"): the forms of several chi bộ written by
        their đảng ủy said nowhere whose figures each was."""
        start, end = self.period.start, self.period.end
        dates = f"Từ {start:%d/%m/%Y} đến {end:%d/%m/%Y}"
        if not self.org_name or nfc(reporter or "").casefold() == self.org_name.casefold():
            return dates
        return f"{self.org_name} — {dates}"

    def value(self, key: str) -> int | Fraction | None:
        """This period's value of row *key*."""
        for filled in self.rows:
            if filled.row.key == key:
                return filled.this.value
        raise KeyError(key)

    def share(self, key: str) -> Fraction | None:
        """Row *key*'s share of the row it is part of (its own group row: 100), × 100,
        as the "Tỷ lệ (%)" column of Biểu 2B and 4 prints it; ``None`` when unknown or
        the whole is 0."""
        for filled in self.rows:
            if filled.row.key == key:
                part = filled.this.value
                whole = self.value(filled.row.of) if filled.row.of else part
                if part is None or not whole:
                    return None
                return Fraction(part) * 100 / Fraction(whole)
        raise KeyError(key)

    def _repr_html_(self) -> str:
        from coso_dang.forms._html import notebook_html

        return notebook_html(self)

    def to_records(self) -> list[dict[str, Any]]:
        """One dict a cell: form, row key, label, column, value (tidy, for analysts).

        Columns are ``ky_nay``, ``cung_ky`` and ``ty_le`` (kỳ này, cùng kỳ, %); a list
        form adds its coded columns (``nu``) and ``ty_le`` is the share of the group; a
        matrix form has one column a value column, by its code.
        """
        records = []
        coded = self.form.value_columns
        for filled in self.rows:
            if filled.row.heading:
                continue
            cells: list[tuple[str, int | Fraction | None]]
            if self.form.layout == "matrix":
                cells = [
                    (str(c.code), cell.value)
                    for c, cell in zip(coded, filled.cells, strict=True)
                    if filled.row.fills(c)
                ]
            elif self.form.layout == "list":
                cells = [("ky_nay", filled.this.value), ("cung_ky", filled.previous.value)]
                cells += [
                    (str(c.code), cell.value) for c, cell in zip(coded, filled.cells, strict=True)
                ]
                cells.append(("ty_le", self.share(filled.row.key)))
            else:
                cells = [
                    ("ky_nay", filled.this.value),
                    ("cung_ky", filled.previous.value),
                    ("ty_le", filled.percent),
                ]
            for column, cell_value in cells:
                records.append(
                    {
                        "form": self.form.number,
                        "row": filled.row.key,
                        "label": filled.row.label,
                        "column": column,
                        "value": cell_value,
                    }
                )
        return records


def _sum(terms: tuple[Term, ...], counts: Counts) -> int | None:
    total = 0
    for term in terms:
        value = counts.get(term.name)
        if value is None:
            return None
        total += term.sign * value
    return total


def _cell(row: Row, counts: Counts) -> Cell:
    if row.source is None:
        return Cell(None)
    value = _sum(row.terms, counts)
    divisor = row.divisor
    if divisor is None:
        return Cell(value)
    below = _sum(divisor, counts)
    if value is None or not below:
        return Cell(None, row.decimals)
    return Cell(Fraction(value, below), row.decimals)


def fill(
    form: Form,
    this: Counts,
    previous: Counts,
    *,
    org_name: str,
    period: Period,
) -> FilledForm:
    """Fill *form* from two sets of counts and check its identities.

    A cell whose counts were not provided stays blank and its row is listed in
    ``missing``; an identity with a blank side is not checked (it cannot fail on data
    that is not there). A "trong đó" row larger than its whole fails too, and so does a
    list form's "Trong đó: nữ" larger than the row's "Tổng số". Each column of
    figures is checked, "cùng kỳ năm trước" as well as "kỳ này".
    """
    if form.layout == "matrix":
        rows = tuple(_matrix_row(form, r, this) for r in form.rows)
    else:
        rows = tuple(
            FilledRow(r, _cell(r, this), _cell(r, previous), _suffixed(form, r, this))
            for r in form.rows
        )
    columns = form.value_columns if form.layout == "matrix" else ()
    missing = tuple(f.row.key for f in rows if not f.row.heading and _blank(f, columns))
    # A K form prints last year's figures beside this year's: a blank one is listed too.
    missing_previous = tuple(
        f.row.key
        for f in rows
        if form.layout == "K"
        and not f.row.heading
        and f.previous.value is None
        and f.this.value is not None
    )
    # Every printed column of figures answers to the form's identities: a matrix form's
    # value columns one by one; a K form's "kỳ này" and its "cùng kỳ năm trước", which
    # is on the return as well (last year's Biểu 1 must balance too); a list form prints
    # this period's only.
    checked: list[tuple[str, dict[str, int | Fraction | None]]]
    if columns:
        checked = [
            (f"cột {column.key}: ", {f.row.key: f.cells[at].value for f in rows})
            for at, column in enumerate(columns)
        ]
    else:
        checked = [("", {f.row.key: f.this.value for f in rows})]
        if form.layout == "K":
            checked.append(("cùng kỳ năm trước: ", {f.row.key: f.previous.value for f in rows}))
    failures: list[str] = []
    for identity in form.identities:
        for where, values in checked:
            failure = _check(identity, values)
            if failure:
                failures.append(f"{where}{failure}")
    keys = [c.key for c in columns]
    for identity in form.column_identities:
        for filled_row in rows:
            values = dict(zip(keys, (c.value for c in filled_row.cells), strict=True))
            failure = _check(identity, values)
            if failure:
                failures.append(f"dòng {filled_row.row.key}: {failure}")
    if form.layout == "list":
        # The coded columns beside "Tổng số" ("Trong đó: nữ") are parts of it, row by row.
        for at, column in enumerate(form.value_columns):
            for filled in rows:
                part, total = filled.cells[at].value, filled.this.value
                if part is not None and total is not None and part > total:
                    failures.append(
                        f"cột {column.label}: dòng {filled.row.key} ({part}) lớn hơn "
                        f"Tổng số ({total})"
                    )
    for where, values in checked:
        for filled in rows:
            whole = filled.row.of
            part, total = values[filled.row.key], values.get(whole) if whole else None
            if whole and part is not None and total is not None and part > total:
                failures.append(
                    f"{where}dòng {filled.row.key} ({part}) lớn hơn dòng {whole} ({total})"
                    " mà nó thuộc về"
                )
    return FilledForm(form, nfc(org_name), period, rows, missing, tuple(failures), missing_previous)


def _blank(filled: FilledRow, columns: tuple[Column, ...]) -> bool:
    """True when a cell the row should fill has no value (a matrix row: any of its own
    columns)."""
    if not columns:  # K and list forms: this period's value and the cells beside it
        return filled.this.value is None or any(c.value is None for c in filled.cells)
    return any(
        cell.value is None
        for column, cell in zip(columns, filled.cells, strict=True)
        if filled.row.fills(column)
    )


def _suffixed(form: Form, row: Row, counts: Counts) -> tuple[Cell, ...]:
    """A list form's cells beside the total: the counts ``<term>_<suffix>`` of each of
    its coded columns (the women of each group)."""
    if form.layout != "list":
        return ()
    cells = []
    for column in form.value_columns:
        suffixed = {t.name: counts.get(f"{t.name}_{column.code}") for t in row.terms}
        cells.append(_cell(row, suffixed))
    return tuple(cells)


def _matrix_row(form: Form, row: Row, counts: Counts) -> FilledRow:
    cells = []
    for column in form.value_columns:
        if not row.fills(column):
            cells.append(Cell(None))
            continue
        prefixed = {t.name: counts.get(f"{column.code}_{t.name}") for t in row.terms}
        cells.append(_cell(row, prefixed))
    first = cells[0] if cells else Cell(None)
    return FilledRow(row, first, Cell(None), tuple(cells))


def checked_together(
    filled: Sequence[FilledForm], *, organizations: bool = True
) -> tuple[FilledForm, ...]:
    """*filled* (forms of one organization and period), each with the failures of its
    checks against the others (:attr:`Form.form_identities`): Biểu 3 and 4 describe the
    members Biểu 1 ends with, Biểu 5 counts them by type, Biểu 2B lists Biểu 2's new
    members. A check whose other form is not among them, or with a blank side, is not
    made; nor, without *organizations*, one of a form counting grassroots organizations
    by type (Biểu 5): for an organization inside a grassroots one, whose members'
    grassroots organization is above it."""
    by_number = {f.form.number.casefold(): f for f in filled}
    checked = []
    for form in filled:
        failures: list[str] = []
        by_type = any(code.startswith(ORGANIZATION_PREFIXES) for code in form.form.codes())
        for identity in () if by_type and not organizations else form.form.form_identities:
            other = by_number.get(identity.other.casefold())
            if other is None:
                continue
            for where, mine, theirs in _beside(form, other, identity):
                if mine is not None and theirs is not None and mine != theirs:
                    failures.append(f"{where}{identity}: {mine} và {theirs}")
        if failures:
            form = attrs.evolve(form, failures=(*form.failures, *failures))
        checked.append(form)
    return tuple(checked)


def _beside(
    form: FilledForm, other: FilledForm, identity: FormIdentity
) -> list[tuple[str, int | Fraction | None, int | Fraction | None]]:
    """The pairs of figures *identity* compares: kỳ này, and cùng kỳ năm trước when both
    forms print it (layout "K")."""
    mine = _row(form, identity.row)
    theirs = _row(other, identity.other_row)
    if mine is None or theirs is None:
        return []
    if identity.column is not None:
        keys = [c.key for c in form.form.value_columns]
        value = mine.cells[keys.index(identity.column)].value
        return [("", value, theirs.this.value)]
    pairs = [("", mine.this.value, theirs.this.value)]
    if form.form.layout == "K" and other.form.layout == "K":
        pairs.append(("cùng kỳ năm trước: ", mine.previous.value, theirs.previous.value))
    return pairs


def _row(filled: FilledForm, key: str) -> FilledRow | None:
    return next((f for f in filled.rows if f.row.key == key), None)


def _check(identity: Identity, values: Mapping[str, int | Fraction | None]) -> str | None:
    def side(terms: tuple[Term, ...]) -> int | Fraction | None:
        total: int | Fraction = 0
        for term in terms:
            value = values.get(term.name)
            if value is None:
                return None
            total += term.sign * value
        return total

    left, right = side(identity.left), side(identity.right)
    if left is None or right is None:
        return None
    holds: Callable[[Any, Any], bool] = (
        (lambda a, b: a == b) if identity.relation == "=" else (lambda a, b: a <= b)
    )
    if holds(left, right):
        return None
    return f"{identity}: {left} và {right}"
