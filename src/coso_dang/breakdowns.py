"""Members by characteristic: the breakdowns the statistics forms ask for.

Biểu 2, 2B, 3 and 4 (Hướng dẫn 11-HD/BTCTW) count members by sex, ethnicity, religion,
age band, admission era, general and professional education, academic title, political
theory and occupation, for two populations: the members on the period's last day
(``"dang_vien"``) and the members admitted in the period (``"ket_nap"``). Each breakdown
here is declared once (:class:`Attribute`: its categories, taken from the coded lists of
:mod:`coso_dang.attributes`, and how one member is placed) and computed by
:func:`breakdown` from member records or by :func:`breakdown_frame` from a members table
(polars or pandas, through narwhals); both give the same :class:`Breakdown`.

A member whose value was not recorded is counted apart (``unknown``), never in a row,
and makes the rows' counts lower bounds: :meth:`Breakdown.to_counts` then leaves them
unknown (``None``). Ethnicity and religion are personal data: in their breakdowns a cell
below :data:`MIN_CELL` members is suppressed unless the caller asks for exact cells, with
more cells where the published sums would tell one, and a row that adds up another
breakdown's rows (:data:`SUMMED`) is hidden when that breakdown hides the category it
leaves out: no hidden cell is the difference of shown ones in a table or its summed row.

>>> from datetime import date
>>> from coso_dang import Gender, Member
>>> from coso_dang.attributes import Ethnicity
>>> members = [
...     Member("dv1", "Lò Thị Hoa", "cb", admitted_on=date(2010, 3, 2),
...            birth_date=date(1985, 1, 9), gender=Gender.NU, ethnicity=Ethnicity.THAI),
...     Member("dv2", "Nguyễn Văn An", "cb", admitted_on=date(2024, 5, 19),
...            birth_date=date(1994, 12, 31), gender=Gender.NAM, ethnicity=Ethnicity.KINH),
... ]
>>> table = breakdown(members, "tuoi", on=date(2024, 12, 31))
>>> [(row.label, row.count, row.female) for row in table.rows if row.count]
[('Từ 18 - 30 tuổi', 1, 0), ('Từ 36 - 40 tuổi', 1, 1)]
>>> table.average_age
Fraction(69, 2)
"""

from __future__ import annotations

import enum
import functools
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import date, datetime, timedelta
from fractions import Fraction
from operator import attrgetter
from typing import Any, Literal, cast, final

from attrs import field, frozen

from coso_dang._dataframes import (
    blanks_missing,
    check_backend,
    flag_spellings,
    moments_in_vietnam,
    nfc_ids,
    require,
    text_days,
    whole_days,
    yes_no,
)
from coso_dang._yes_no import NO_TEXTS, YES_TEXTS, read_yes_no
from coso_dang.attributes import (
    AcademicTitle,
    AdmissionEra,
    AgeBand,
    Ethnicity,
    GeneralEducation,
    Occupation,
    Religion,
)
from coso_dang.errors import CosoDangError, UsageError
from coso_dang.i18n import N_, Figure
from coso_dang.members import (
    Education,
    Gender,
    Member,
    PoliticalTheory,
    anniversary_key,
    born_by,
    coded_values,
    completed_years,
)
from coso_dang.tree import OrgTree
from coso_dang.vi.dates import format_date

__all__ = [
    "ATTRIBUTES",
    "COUNTED_COLUMNS",
    "HIDDEN",
    "MIN_CELL",
    "POPULATIONS",
    "SUMMED",
    "Attribute",
    "Breakdown",
    "BreakdownError",
    "BreakdownRow",
    "Population",
    "age_expression",
    "breakdown",
    "breakdown_all",
    "breakdown_frame",
    "breakdown_frame_all",
    "breakdown_of",
    "breakdown_table",
    "completed_years",
    "hidden_counts",
    "key_expression",
    "profile",
    "refuse_stray_codes",
    "sql_case",
    "stray_codes_error",
    "stray_values",
]

#: The smallest cell a breakdown by a personal attribute (ethnicity, religion) shows by
#: default: a count from 1 to ``MIN_CELL - 1`` would single out the members in it. Pass
#: ``min_cell=1`` where exact cells are needed and allowed (the official forms).
MIN_CELL = 5

#: What a table prints for a hidden cell: the same for a small cell and for one hidden
#: with it (a row of 192 hidden so that two of 4 are not told), so that neither is told
#: from the other, and none reads as "under 5" when it is not.
HIDDEN = "ẩn"

Population = Literal["dang_vien", "ket_nap"]
#: The populations counted, with their Vietnamese names.
POPULATIONS: Mapping[str, str] = {
    "dang_vien": "Đảng viên",
    "ket_nap": "Đảng viên mới kết nạp",
}

#: What placing a member answers when the value was not recorded.
UNKNOWN = "?"
#: The category code of the members with no value recorded, in indicator codes.
UNKNOWN_CODE = "chua_ro"

#: Places one member on the period's last day: a category code, ``None`` for a member in
#: no row (a member with no religion, say), or :data:`UNKNOWN`.
Place = Callable[[Member, date], "str | None"]


class BreakdownError(CosoDangError, ValueError):
    """An unknown attribute or population, a period that is not one, or counts without
    those of the breakdown that decides which of their cells to hide (:data:`SUMMED`)."""


def _categories(kind: type[enum.Enum]) -> tuple[tuple[str, str], ...]:
    return tuple((str(m.value), str(m.label)) for m in kind)  # type: ignore[attr-defined]


@final
@frozen
class Attribute:
    """One characteristic members are counted by: its categories and how to place one.

    ``code`` names it in indicator codes (``dang_vien_<code>_<category>``), ``label`` in
    Vietnamese (``gloss`` in English); ``personal`` attributes suppress small cells;
    ``column`` is the members table column :func:`breakdown_frame` reads (codes of the
    coded list), or ``None`` where the category is computed from dates.
    """

    code: str
    label: str
    categories: tuple[tuple[str, str], ...]
    place: Place = field(repr=False)
    personal: bool = False
    column: str | None = None
    #: The English gloss of :attr:`label`.
    gloss: str = ""
    #: The member fields :attr:`place` reads besides the period's end (the members-table
    #: columns its expressions read): a rollup places a member once per distinct value
    #: of a single field instead of once per member.
    reads: tuple[str, ...] = ()
    #: Whether every member with a known value falls in a row, so that the rows and the
    #: unknown add up to the population (:meth:`Tally.problems` checks it); otherwise
    #: the rows only stay within it.
    exhaustive: bool = False
    #: For an attribute that :attr:`reads` several fields, the one value of a member
    #: that :attr:`place` depends on (the day probation began, of the ceremony's day and
    #: the admission's): a rollup then places a member once per distinct value of it,
    #: where distinct pairs of days are nearly as many as the members.
    value_of: Callable[[Member], object] | None = field(default=None, repr=False)

    def __reduce_ex__(self, protocol: Any) -> Any:
        # A built-in breakdown places members with functions made inside this module,
        # which pickle cannot name: it is pickled as its code, and comes back as the
        # same declaration (a Breakdown returned by a worker process, or cached).
        if ATTRIBUTES.get(self.code) is self:
            return (_built_in, (self.code,))
        return super().__reduce_ex__(protocol)

    def codes(self, population: str) -> tuple[str, ...]:
        """The indicator codes of this breakdown for *population*, in a rollup's order.

        ``<population>_<code>_<category>`` and ``..._nu`` (the women in it) for each
        category, ``<population>_<code>_chua_ro`` (members with no value recorded), and
        for ages ``<population>_tuoi_tong`` / ``..._so_nguoi`` (the sum of ages and how
        many it is over: the average age as exact parts that add up).

        >>> ATTRIBUTES["tuoi"].codes("ket_nap")[:3]
        ('ket_nap_tuoi_18_30', 'ket_nap_tuoi_18_30_nu', 'ket_nap_tuoi_31_35')
        """
        prefix = f"{population}_{self.code}"
        codes: list[str] = []
        for category, _ in self.categories:
            codes += (f"{prefix}_{category}", f"{prefix}_{category}_nu")
        codes.append(f"{prefix}_{UNKNOWN_CODE}")
        if self.code == "tuoi":
            codes += (f"{prefix}_tong", f"{prefix}_so_nguoi")
        return tuple(codes)


def _built_in(code: str) -> Attribute:
    """The built-in breakdown *code*: a pickled :class:`Attribute` made again."""
    return ATTRIBUTES[code]


def _coded(name: str) -> Place:
    def place(member: Member, on: date) -> str | None:
        value = getattr(member, name)
        return UNKNOWN if value is None else str(value.value)

    return place


def _religion(member: Member, on: date) -> str | None:
    religion = member.religion
    if religion is None:
        return UNKNOWN
    return None if religion is Religion.KHONG else str(religion.value)


def _age_band(member: Member, on: date) -> str | None:
    if member.birth_date is None:
        return UNKNOWN
    band = AgeBand.of(completed_years(member.birth_date, on))
    return None if band is None else band.code


def _title(member: Member, on: date) -> str | None:
    # Few members hold a học hàm: no value recorded means none held.
    title = member.academic_title
    return None if title is None else title.code


def _era(member: Member, on: date) -> str | None:
    return AdmissionEra.of(member.admitted_on).code


def _flag(name: str) -> Place:
    def place(member: Member, on: date) -> str | None:
        value = getattr(member, name)
        return UNKNOWN if value is None else ("co" if value else None)

    return place


def _minority(member: Member, on: date) -> str | None:
    ethnicity = member.ethnicity
    return UNKNOWN if ethnicity is None else ("co" if ethnicity.is_minority else None)


def _religious(member: Member, on: date) -> str | None:
    religion = member.religion
    return UNKNOWN if religion is None else ("co" if religion.is_religious else None)


def _probation_start(member: Member) -> date:
    """The day a member's probation began: the ceremony's, or the admission's."""
    return member.ceremony_on or member.admitted_on


def _probation(member: Member, on: date) -> str | None:
    # Member.official_date > on, with the 12 months counted once per period, not per member.
    return "co" if _probation_start(member) > _official_by(on) else None


@functools.lru_cache(maxsize=64)
def _official_by(on: date) -> date:
    """The latest probation start whose 12 months are over on *on* (the 12-month mark
    is not a fixed number of days: 29/2 and month ends)."""
    from coso_dang.members import PROBATION

    def over_after(start: date) -> bool:
        """Whether 12 months from *start* end after *on* (past 31/12/9999 they do)."""
        try:
            return start + PROBATION > on
        except (OverflowError, ValueError):  # a year past 9999: --year 9999
            return True

    latest = on - PROBATION
    while not over_after(latest + _DAY):
        latest += _DAY
    while over_after(latest):
        latest -= _DAY
    return latest


_YES = (("co", "Có"),)

#: The built-in breakdowns, in the order the forms print them.
ATTRIBUTES: Mapping[str, Attribute] = {
    a.code: a
    for a in (
        Attribute(
            "gioi_tinh",
            "Giới tính",
            _categories(Gender),
            _coded("gender"),
            column="gender",
            gloss="Sex",
            reads=("gender",),
            exhaustive=True,
        ),
        Attribute(
            "du_bi",
            "Đảng viên dự bị",
            _YES,
            _probation,
            gloss="Probationary members",
            reads=("ceremony_on", "admitted_on"),
            value_of=_probation_start,
        ),
        Attribute(
            "dan_toc_thieu_so",
            "Dân tộc thiểu số",
            _YES,
            _minority,
            personal=True,
            gloss="Ethnic minorities",
            reads=("ethnicity",),
        ),
        Attribute(
            "dan_toc",
            "Dân tộc",
            _categories(Ethnicity),
            _coded("ethnicity"),
            personal=True,
            column="ethnicity",
            gloss="Ethnicity",
            reads=("ethnicity",),
            exhaustive=True,
        ),
        Attribute(
            "theo_ton_giao",
            "Người theo tôn giáo",
            _YES,
            _religious,
            personal=True,
            gloss="Religious believers",
            reads=("religion",),
        ),
        Attribute(
            "ton_giao",
            "Tôn giáo",
            tuple(c for c in _categories(Religion) if c[0] != Religion.KHONG.value),
            _religion,
            personal=True,
            column="religion",
            gloss="Religion",
            reads=("religion",),
        ),
        Attribute(
            "doan_vien",
            "Đoàn viên",
            _YES,
            _flag("is_youth_union_member"),
            gloss="Youth Union members",
            reads=("is_youth_union_member",),
        ),
        Attribute(
            "chu_dntn",
            "Chủ doanh nghiệp tư nhân",
            _YES,
            _flag("owns_private_enterprise"),
            gloss="Owners of private enterprises",
            reads=("owns_private_enterprise",),
        ),
        Attribute(
            "tuoi",
            "Tuổi đời",
            tuple((b.code, b.label) for b in AgeBand),
            _age_band,
            gloss="Age",
            reads=("birth_date",),
            # A member under 18 is in no band: a record to correct, which the check names.
            exhaustive=True,
        ),
        Attribute(
            "thoi_ky",
            "Thời kỳ vào Đảng",
            tuple((e.code, e.label) for e in AdmissionEra),
            _era,
            gloss="Era of admission",
            reads=("admitted_on",),
            exhaustive=True,
        ),
        Attribute(
            "hoc_van",
            "Giáo dục phổ thông",
            _categories(GeneralEducation),
            _coded("general_education"),
            column="general_education",
            gloss="General education",
            reads=("general_education",),
            exhaustive=True,
        ),
        Attribute(
            "chuyen_mon",
            "Chuyên môn nghiệp vụ",
            _categories(Education),
            _coded("education"),
            column="education",
            gloss="Professional education",
            reads=("education",),
            exhaustive=True,
        ),
        Attribute(
            "hoc_ham",
            "Học hàm",
            _categories(AcademicTitle),
            _title,
            column="academic_title",
            gloss="Academic title",
            reads=("academic_title",),
        ),
        Attribute(
            "ly_luan_chinh_tri",
            "Lý luận chính trị",
            _categories(PoliticalTheory),
            _coded("political_theory"),
            column="political_theory",
            gloss="Political theory",
            reads=("political_theory",),
            exhaustive=True,
        ),
        Attribute(
            "nghe_nghiep",
            "Nghề nghiệp",
            _categories(Occupation),
            _coded("occupation"),
            column="occupation",
            gloss="Occupation",
            reads=("occupation",),
            exhaustive=True,
        ),
    )
}


@final
@frozen
class BreakdownRow:
    """One category: its members, and of them women (``None``: suppressed)."""

    code: str
    label: str
    count: int | None
    female: int | None

    def share(self, total: int) -> Fraction | None:
        """The row's exact share of *total* (``None`` when suppressed or *total* is 0)."""
        if self.count is None or total == 0:
            return None
        return Fraction(self.count, total)


@final
@frozen
class Breakdown:
    """Members of one population counted by one attribute, for one period.

    ``total`` members are in the population (``female`` of them women, ``gender_unknown``
    with no sex recorded); ``unknown`` of them have no value recorded for the attribute
    and are in no row; the others are in one row or, for a member the form has no row
    for (no religion, under 18), in none. ``suppressed`` says whether small cells of a
    personal attribute were hidden: a row's members, or only its women.
    """

    attribute: Attribute
    population: str
    start: date
    on: date
    rows: tuple[BreakdownRow, ...]
    total: int
    female: int
    gender_unknown: int
    unknown: int
    suppressed: bool = False
    #: For ``tuoi``: the sum of known ages and how many are known (average = sum / count).
    #: The sum is not in ``repr``: over one member it is that member's age (from the
    #: birth date), which :func:`profile` withholds under :data:`MIN_CELL` members.
    age_sum: int = field(default=0, repr=False)
    age_known: int = 0

    @property
    def average_age(self) -> Fraction | None:
        """Tuổi bình quân, exactly, over members whose birth date is known."""
        return Fraction(self.age_sum, self.age_known) if self.age_known else None

    def to_counts(self) -> dict[str, int | None]:
        """The counts as indicator codes (:meth:`Attribute.codes`, as a rollup has them):
        ``<population>_<attribute>_<category>`` and ``..._nu`` for the women in it,
        ``None`` where not every member's value (or sex) is known, or the cell is
        suppressed; ``..._chua_ro``, the members with no value recorded. The age
        breakdown adds ``..._tuoi_tong`` and ``..._tuoi_so_nguoi``, the sum of ages and
        the members it is over."""
        prefix = f"{self.population}_{self.attribute.code}"
        counts: dict[str, int | None] = {}
        for row in self.rows:
            known = self.unknown == 0
            counts[f"{prefix}_{row.code}"] = row.count if known else None
            female_known = known and self.gender_unknown == 0
            counts[f"{prefix}_{row.code}_nu"] = row.female if female_known else None
        counts[f"{prefix}_{UNKNOWN_CODE}"] = self.unknown
        if self.attribute.code == "tuoi":
            # Tuổi bình quân as its exact parts, so that it adds up over organizations.
            known_ages = self.age_known == self.total
            counts[f"{prefix}_tong"] = self.age_sum if known_ages else None
            counts[f"{prefix}_so_nguoi"] = self.age_known if known_ages else None
        return counts

    def __str__(self) -> str:
        from coso_dang.vi.numbers import format_number

        width = max(len(r.label) for r in self.rows) if self.rows else 10
        lines = [self._heading()]
        lines.append(f"{'':<{width}}  {'Tổng số':>8}  {'Nữ':>8}  {'Tỷ lệ':>8}")
        for row in self.rows:
            count = HIDDEN if row.count is None else format_number(row.count)
            female = HIDDEN if row.female is None else format_number(row.female)
            share = row.share(self.total)
            pct = "" if share is None else _percent(share)
            lines.append(f"{row.label:<{width}}  {count:>8}  {female:>8}  {pct:>8}".rstrip())
        lines.append(f"{'Cộng':<{width}}  {format_number(self.total):>8}")
        lines.extend(self._notes())
        return "\n".join(lines)

    def _notes(self) -> list[str]:
        """What the table's cells leave unsaid: the members of no value recorded, those
        of no sex recorded (the women's cells count the women known, not all of them),
        and what a hidden cell is."""
        from coso_dang.vi.numbers import format_number

        notes = []
        if self.unknown:
            notes.append(f"Chưa có thông tin: {format_number(self.unknown)} đảng viên")
        # By sex itself the members of no sex recorded are those of no value above.
        if self.gender_unknown and self.attribute.code != "gioi_tinh":
            notes.append(
                f"Chưa có thông tin giới tính: {format_number(self.gender_unknown)} đảng viên"
                " (cột Nữ chỉ đếm người đã biết)"
            )
        if self.suppressed:
            notes.append(_hidden_note())
        return notes

    def _heading(self) -> str:
        """Who, by what, for which period: "Đảng viên theo tuổi đời (đến 31/12/2024)"."""
        head = f"{POPULATIONS[self.population]} theo {self.attribute.label.lower()}"
        period = f"đến {_day(self.on)}"
        if self.population == "ket_nap" and self.start != date(self.on.year, 1, 1):
            # A quarter's admissions are not the year's: the first day is said.
            period = f"từ {_day(self.start)} {period}"
        return f"{head} ({period})"

    def _repr_html_(self) -> str:
        from html import escape

        from coso_dang.vi.numbers import format_number

        cells = []
        for row in self.rows:
            share = row.share(self.total)
            cells.append(
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>".format(
                    escape(row.label),
                    escape(HIDDEN) if row.count is None else format_number(row.count),
                    escape(HIDDEN) if row.female is None else format_number(row.female),
                    "" if share is None else _percent(share),
                )
            )
        caption = escape(self._heading())
        # The population and its members of no value recorded, as the printed table
        # says them: without them the rows read as whole counts when they are lower
        # bounds, and the shares as over the rows.
        foot = f"<tfoot><tr><th>Cộng</th><td>{format_number(self.total)}</td></tr></tfoot>"
        note = "".join(f"<p><small>{escape(text)}</small></p>" for text in self._notes())
        return (
            f"<table><caption>{caption}</caption>"
            "<thead><tr><th></th><th>Tổng số</th><th>Nữ</th><th>Tỷ lệ</th></tr></thead>"
            f"<tbody>{''.join(cells)}</tbody>{foot}</table>{note}"
        )

    def to_records(self) -> list[dict[str, object]]:
        """One dict a row: code, label, count, female, share (exact)."""
        return [
            {
                "code": row.code,
                "label": row.label,
                "count": row.count,
                "female": row.female,
                "share": row.share(self.total),
            }
            for row in self.rows
        ]

    def to_frame(self, *, backend: Literal["polars", "pandas"] = "polars") -> Any:
        """The rows as a DataFrame (``share`` as a float for display; exact in records).

        ``count`` and ``female`` are nullable 64-bit integer columns (null where hidden),
        as :meth:`Rollup.to_frame <coso_dang.rollup.Rollup.to_frame>` writes counts.

        Raises:
            ArgumentError: *backend* is neither ``"polars"`` nor ``"pandas"``.
            MissingExtraError: the backend is not installed; also an ``ImportError``.
        """
        check_backend(backend)
        module = require(backend)
        records = self.to_records()
        data: dict[str, list[Any]] = {
            "code": [r["code"] for r in records],
            "label": [r["label"] for r in records],
            "count": [r["count"] for r in records],
            "female": [r["female"] for r in records],
            "share": [None if r["share"] is None else float(r["share"]) for r in records],  # type: ignore[arg-type]
        }
        # Typed here: a hidden cell made a count column of floats (3.0 beside NaN) in
        # pandas, and a table of hidden cells only had columns of no type.
        if backend == "polars":
            whole, text, real = module.Int64, module.String, module.Float64
            schema = {"code": text, "label": text, "count": whole, "female": whole}
            return module.DataFrame(data, schema=schema | {"share": real})
        frame = module.DataFrame(data)
        for name in ("count", "female"):
            frame[name] = frame[name].astype("Int64")
        frame["share"] = frame["share"].astype("float64")
        return frame


def _day(day: date) -> str:
    # As running text writes a day: "30/6/2024", "01/7/2025" (a month from March on has
    # no leading zero), as the report's sentences do.
    return format_date(day, "numeric")


def _hidden_note() -> str:
    return f"{HIDDEN}: ô ít người (chỉ ra được từng người), hoặc ô ẩn kèm để không suy ra được ô đó"


def _percent(share: Fraction) -> str:
    """Two decimals, trailing zeros kept, so a column of shares lines up; "100,00%" and
    "0,00%" only for all and none (99.999 of 100.000 is "99,99%"), as the report prints."""
    from coso_dang.vi.thresholds import format_percent_against

    return format_percent_against(share, 0, 1, fixed=True)


def _optional(name: str) -> Any:
    import importlib

    return importlib.import_module(name)


def profile(
    source: OrgTree | Iterable[Member],
    *,
    on: date,
    org: str | None = None,
    locale: str = "vi",
) -> str:
    """One sentence on who the members are: average age, women, ethnic minorities.

    Each share is over the members whose value is recorded, and says so when some are
    not; a figure with nothing recorded is left out. The average age is withheld when
    fewer than :data:`MIN_CELL` members' birth dates are known (it would tell their
    ages). Ethnicity is personal: the share is
    withheld when the "dân tộc thiểu số" row of :func:`breakdown` is hidden (the
    minorities, or the others, fewer than :data:`MIN_CELL`, or the Kinh cell hidden in
    the ethnicity table), as the table withholds it.

    >>> from coso_dang.data import load_demo
    >>> print(profile(load_demo().tree(), on=date(2024, 12, 31)))
    Đảng viên có tuổi bình quân 41,8; nữ chiếm 33,62%; người dân tộc thiểu số chiếm 8,1%.
    """
    from coso_dang.i18n import translations
    from coso_dang.vi.numbers import format_number
    from coso_dang.vi.thresholds import format_percent_against

    gettext = translations(locale).gettext

    def digits(text: str) -> str:
        # Vietnamese writes 41,8 and 33,62%; English 41.8 and 33.62%.
        return text if locale == "vi" else text.translate(_SWAP_MARKS)

    def percent(share: Fraction) -> str:
        # "100%" says all and "0%" none: 99.999 women of 100.000 members are "99,99%".
        return digits(format_percent_against(share, 0, 1))

    members = list(_members(source, org, "profile"))
    ages = breakdown(members, "tuoi", on=on)
    sexes = breakdown(members, "gioi_tinh", on=on)
    # Hidden as the table hides it: the share with the population gives the count, which
    # with the ethnicity table would tell its hidden cells (a small Kinh cell, or the
    # minorities' when each of them is hidden).
    minority = breakdown(members, "dan_toc_thieu_so", on=on)
    parts: list[str] = []
    average = ages.average_age
    if average is not None and ages.age_known < MIN_CELL:
        # The mean age of a few members tells their ages from their birth dates (of one
        # member, theirs to the month): withheld, as a small cell is.
        withheld = gettext("tuổi bình quân được ẩn (dưới {n} người có ngày sinh)")
        parts.append(withheld.format(n=MIN_CELL))
        average = None
    elif average is not None:
        age = digits(format_number(average, 1))
        parts.append(gettext("có tuổi bình quân {age}").format(age=age))
    women = sexes.total - sexes.gender_unknown
    if women:
        share = percent(Fraction(sexes.female, women))
        parts.append(gettext("nữ chiếm {share}").format(share=share))
    known = minority.total - minority.unknown
    if known:
        count = minority.rows[0].count
        if count is None:
            parts.append(
                gettext("tỷ lệ người dân tộc thiểu số được ẩn (có nhóm dưới {n} người)").format(
                    n=MIN_CELL
                )
            )
        else:
            share = percent(Fraction(count, known))
            parts.append(gettext("người dân tộc thiểu số chiếm {share}").format(share=share))
    if not parts:
        return gettext("Chưa có thông tin về đặc điểm của đảng viên.")
    # "Đảng viên" is the subject of the first part only when that part is the age's
    # "có tuổi bình quân"; the others are clauses of their own.
    opening = gettext("Đảng viên") if average is not None else gettext("Trong số đảng viên,")
    sentence = opening + " " + "; ".join(parts) + "."
    missing = max(ages.total - ages.age_known, sexes.gender_unknown, minority.unknown)
    if missing:
        sentence += " " + gettext("(Thiếu thông tin của {count} đảng viên.)").format(
            count=digits(format_number(missing))
        )
    return sentence


#: Vietnamese decimal and thousands marks swapped, for English.
_SWAP_MARKS = str.maketrans(".,", ",.")


def _attribute(code: str) -> Attribute:
    found = ATTRIBUTES.get(code)
    if found is None:
        choices = ", ".join(ATTRIBUTES)
        raise BreakdownError(
            N_("không có phân tổ {code}; các phân tổ: {choices}", code=repr(code), choices=choices)
        )
    return found


def _period(on: date, start: date | None, population: str) -> tuple[date, date]:
    """The period's last and first days, as days."""
    if population not in POPULATIONS:
        raise BreakdownError(
            N_(
                "không có nhóm {population}; các nhóm: {choices}",
                population=repr(population),
                choices=", ".join(POPULATIONS),
            )
        )
    last = _as_day(on)
    if last is None:
        raise BreakdownError(N_("on: cần một ngày"))
    first = date(last.year, 1, 1) if start is None else _as_day(start)
    if first is None or first > last:
        raise BreakdownError(N_("start: cần một ngày không sau on"))
    return last, first


def _as_day(value: object) -> date | None:
    """*value* as a day: a date, or a datetime at midnight (a pandas Timestamp, as
    :func:`~coso_dang.rollup.rollup` reads one); ``None`` for anything else. A datetime
    compared with the members' dates was Python's English ``TypeError``."""
    if isinstance(value, datetime):
        midnight = value == datetime(value.year, value.month, value.day, tzinfo=value.tzinfo)
        return value.date() if midnight else None
    return value if isinstance(value, date) else None


def _in_population(member: Member, population: str, start: date, on: date) -> bool:
    if population == "ket_nap":
        return start <= member.admitted_on <= on
    return member.is_active(on)


def _members(
    source: OrgTree | Iterable[Member], org: str | None, function: str
) -> Iterable[Member]:
    # *function* is the public one called, which the refusal names.
    if isinstance(source, OrgTree):
        if org is None:
            return source.members()
        return source.members_of(org, recursive=True)
    if org is not None:
        raise BreakdownError(N_("org: chỉ dùng khi đưa vào một cây tổ chức (OrgTree)"))
    if not isinstance(source, Iterable) or isinstance(source, str | bytes | Member):
        # None or one member alone failed in the count with "object is not iterable".
        expected = N_("một OrgTree hoặc các bản ghi Member")
        raise UsageError(function, "source", expected, source)
    return source


def breakdown(
    source: OrgTree | Iterable[Member],
    attribute: str,
    *,
    on: date,
    start: date | None = None,
    population: str = "dang_vien",
    org: str | None = None,
    min_cell: int | None = None,
) -> Breakdown:
    """Count one population of members by one attribute, from member records.

    Args:
        source: an :class:`~coso_dang.OrgTree` (its members, or those below *org*) or
            member records.
        attribute: a code of :data:`ATTRIBUTES` (``"tuoi"``, ``"dan_toc"``, ...).
        on: the period's last day: membership, age and probation are taken on it.
        start: the period's first day (1 January of *on*'s year by default): the
            ``"ket_nap"`` population is the members admitted from *start* to *on*.
        population: ``"dang_vien"`` (members on *on*) or ``"ket_nap"``.
        org: with a tree, count the members of the chi bộ below this organization.
        min_cell: hide cells of fewer members than this (default :data:`MIN_CELL` for
            personal attributes, 1 otherwise).

    Raises:
        BreakdownError: an unknown attribute or population, or a period that is none.
    """
    declared = _attribute(attribute)
    found = _count(source, (declared,), on, start, population, org, min_cell, "breakdown")
    return found[declared.code]


def breakdown_all(
    source: OrgTree | Iterable[Member],
    *,
    on: date,
    start: date | None = None,
    population: str = "dang_vien",
    org: str | None = None,
    min_cell: int | None = None,
) -> dict[str, Breakdown]:
    """Every breakdown of :data:`ATTRIBUTES` at once, in one pass over the members.

    The same as calling :func:`breakdown` for each attribute (arguments alike).
    """
    every = tuple(ATTRIBUTES.values())
    return _count(source, every, on, start, population, org, min_cell, "breakdown_all")


def _count(
    source: OrgTree | Iterable[Member],
    declared: Sequence[Attribute],
    on: date,
    start: date | None,
    population: str,
    org: str | None,
    min_cell: int | None,
    function: str,
) -> dict[str, Breakdown]:
    """One pass over the members, placing each in every attribute of *declared* (and in
    the finer breakdowns that decide their hidden cells)."""
    on, first = _period(on, start, population)
    wanted = len(declared)
    declared = _with_finer(declared, min_cell)
    counts: list[dict[str | None, int]] = [{} for _ in declared]
    female: list[dict[str | None, int]] = [{} for _ in declared]
    total = women = no_gender = age_sum = age_known = 0
    for member in _members(source, org, function):
        if not _in_population(member, population, first, on):
            continue
        total += 1
        is_woman = member.gender is Gender.NU
        women += is_woman
        no_gender += member.gender is None
        for attribute, seen, seen_female in zip(declared, counts, female, strict=True):
            key = attribute.place(member, on)
            seen[key] = seen.get(key, 0) + 1
            if is_woman:
                seen_female[key] = seen_female.get(key, 0) + 1
        if member.birth_date is not None:
            age_sum += completed_years(member.birth_date, on)
            age_known += 1
    placed = {
        attribute.code: (seen, seen_female)
        for attribute, seen, seen_female in zip(declared, counts, female, strict=True)
    }
    return {
        attribute.code: _result(
            attribute,
            population,
            first,
            on,
            seen,
            seen_female,
            (total, women, no_gender),
            (age_sum, age_known),
            min_cell,
            _finer_counts(attribute, min_cell, placed),
        )
        for attribute, seen, seen_female in zip(
            declared[:wanted], counts[:wanted], female[:wanted], strict=True
        )
    }


def _with_finer(declared: Sequence[Attribute], min_cell: int | None) -> list[Attribute]:
    """*declared*, then the finer breakdowns (:data:`SUMMED`) they need and lack."""
    listed = list(declared)
    for attribute in declared:
        fine = _finer(attribute, _floor(attribute, min_cell))
        if fine is not None and fine not in listed:
            listed.append(fine)
    return listed


def _finer_counts(
    attribute: Attribute,
    min_cell: int | None,
    placed: Mapping[str, tuple[Mapping[str | None, int], Mapping[str | None, int]]],
) -> tuple[Mapping[str | None, int], Mapping[str | None, int]] | None:
    fine = _finer(attribute, _floor(attribute, min_cell))
    return None if fine is None else placed[fine.code]


def _hidden(
    values: Sequence[int],
    floor: int,
    forced: Iterable[int] = (),
    room: Sequence[int] | None = None,
) -> set[int]:
    """The cells to hide: each of 1 to *floor* - 1 members, and more while the hidden cells
    could be told from the rest.

    For the women of the rows: *forced*, the cells hidden already whatever their value
    (the women of a hidden row); *room*, the rows' counts, so that a cell of 0 women in a
    row of members may be hidden too (a cell is otherwise hidden only when not 0).

    The cells' sum is known elsewhere (the population less the unknown, the women in
    all), so the hidden cells' sum is too: one hidden cell would be that sum, a sum below
    *floor* is itself a small cell (0 included: it would tell each hidden cell is 0), and
    a sum every hidden cell reaches only at its least or most (two cells of 1, of
    ``floor - 1``) tells each. The smallest shown cell is hidden with them until none of
    these holds; when no cell is left to add, every cell is hidden, 0 too, so that the
    hidden cells are not even known to hold anyone.

    >>> sorted(_hidden([214, 1, 0, 9], 5)), sorted(_hidden([214, 3, 4, 9], 5))
    ([1, 3], [1, 2])
    >>> sorted(_hidden([3, 0, 0], 5))
    [0, 1, 2]
    """
    hidden = {at for at, value in enumerate(values) if 0 < value < floor}
    hidden.update(forced)
    bounds = values if room is None else room
    # All of them 0: the published sum of 0 tells every cell, whatever is hidden.
    while hidden and any(values):
        if not _told(values, hidden, floor):
            break
        shown = [(value, at) for at, value in enumerate(values) if bounds[at] and at not in hidden]
        if not shown:
            # Nothing left to hide them among: hide the lot. A women's cell of a row
            # shown as 0 stays, being 0 whatever is hidden.
            hidden.update(at for at in range(len(values)) if room is None or room[at])
            break
        hidden.add(min(shown)[1])
    return hidden


def _told(values: Sequence[int], hidden: Iterable[int], floor: int) -> bool:
    """Whether the sum of the *hidden* cells, if published, would tell them: one cell, a
    sum below *floor*, or one they reach only all at 1 or all at ``floor - 1``."""
    cells = list(hidden)
    total = sum(values[at] for at in cells)
    return len(cells) == 1 or total < floor or total in (len(cells), len(cells) * (floor - 1))


def _floor(declared: Attribute, min_cell: int | None) -> int:
    if min_cell is None:
        return MIN_CELL if declared.personal else 1
    # Every breakdown path reads *min_cell* here: a text ("5", from a form field) failed
    # far inside with Python's "'<' not supported", and a float or a bool hid by a
    # comparison nobody asked for.
    if not isinstance(min_cell, int) or isinstance(min_cell, bool):
        raise UsageError("breakdown", "min_cell", N_("một số nguyên hoặc None"), min_cell)
    if min_cell < 0:
        raise BreakdownError(
            N_("min_cell phải là số nguyên từ 0 trở lên, không phải {value}", value=min_cell)
        )
    return min_cell


def _cells_hidden(
    declared: Attribute,
    counts: Mapping[str | None, int],
    female: Mapping[str | None, int],
    totals: tuple[int, int, int],
    floor: int,
) -> tuple[set[int], set[int]]:
    """The rows of *declared* to hide (by position), and the rows whose women to hide.

    Position ``len(declared.categories)`` is the members in no row (no religion, under
    18), known less the rows: a cell of the table too, a small one told by subtraction.
    """
    values = [counts.get(code, 0) for code, _ in declared.categories]
    women_values = [female.get(code, 0) for code, _ in declared.categories]
    total, women_total, _ = totals
    known = total - counts.get(UNKNOWN, 0)
    values.append(known - sum(values))
    if known == total:
        # Every member's value known: the women in no row are the women less the rows'.
        women_values.append(women_total - sum(women_values))
    hidden = _hidden(values, floor)
    # The women too: their sum is published (the population's women, or the believers'
    # in "người theo tôn giáo"), so one hidden women's cell would be told from the rest.
    hidden_women = _hidden(women_values, floor, hidden & set(range(len(women_values))), values)
    return hidden, hidden_women


#: The personal breakdowns of one row that adds up rows of another: that breakdown, and
#: the category of it the row leaves out (``None``: its members in no row). The row is
#: the finer breakdown's members less that category, so it is hidden exactly when that
#: category is hidden there: else "dân tộc thiểu số" less the minorities shown would
#: tell the hidden ones' sum, and the population less it a hidden Kinh cell.
SUMMED: Mapping[str, tuple[str, str | None]] = {
    "dan_toc_thieu_so": ("dan_toc", Ethnicity.KINH.value),
    "theo_ton_giao": ("ton_giao", None),
}


def _finer(declared: Attribute, floor: int) -> Attribute | None:
    """The breakdown whose cells decide which of *declared*'s are hidden, if another."""
    summed = SUMMED.get(declared.code)
    return ATTRIBUTES[summed[0]] if summed is not None and floor > 1 else None


def _result(
    declared: Attribute,
    population: str,
    start: date,
    on: date,
    counts: Mapping[str | None, int],
    female: Mapping[str | None, int],
    totals: tuple[int, int, int],
    ages: tuple[int, int],
    min_cell: int | None,
    finer: tuple[Mapping[str | None, int], Mapping[str | None, int]] | None = None,
) -> Breakdown:
    """The table; *finer*: the counts and women of :func:`_finer`'s breakdown, if any."""
    floor = _floor(declared, min_cell)
    rows: list[BreakdownRow] = []
    values = [counts.get(code, 0) for code, _ in declared.categories]
    women_values = [female.get(code, 0) for code, _ in declared.categories]
    total, women_total, no_gender = totals
    fine = _finer(declared, floor)
    if fine is None:
        hidden, hidden_women = _cells_hidden(declared, counts, female, totals, floor)
    else:
        assert finer is not None, declared.code  # the callers count it along
        fine_hidden, fine_hidden_women = _cells_hidden(fine, *finer, totals, floor)
        left_out = SUMMED[declared.code][1]
        codes = [code for code, _ in fine.categories]
        at = len(codes) if left_out is None else codes.index(left_out)
        hidden = {0} if at in fine_hidden else set()
        # The women's sum over the rows it adds up: when not every value is known, the
        # sex table does not give it, and the finer table's hidden women's cells may
        # be told by it alone (4 women in three hidden cells, nothing left to add).
        summed = (fine_hidden_women - {at}) & set(range(len(codes)))
        fine_women = [finer[1].get(code, 0) for code in codes]
        women_told = bool(summed) and _told(fine_women, summed, floor)
        hidden_women = {0} if hidden or at in fine_hidden_women or women_told else set()
    rows_known = len(values)
    for at, (code, label) in enumerate(declared.categories):
        if at in hidden:
            rows.append(BreakdownRow(code, label, None, None))
        else:
            women = None if at in hidden_women else women_values[at]
            rows.append(BreakdownRow(code, label, values[at], women))
    suppressed = any(at < rows_known for at in hidden | hidden_women)
    return Breakdown(
        declared,
        population,
        start,
        on,
        tuple(rows),
        total,
        women_total,
        no_gender,
        counts.get(UNKNOWN, 0),
        suppressed,
        *(ages if declared.code == "tuoi" else (0, 0)),
    )


def breakdown_frame(
    members: Any,
    attribute: str,
    *,
    on: date,
    start: date | None = None,
    population: str = "dang_vien",
    org_ids: Sequence[str] | None = None,
    min_cell: int | None = None,
) -> Breakdown:
    """:func:`breakdown` over a members table (polars, pandas, anything narwhals reads).

    The table has the columns of :class:`~coso_dang.Member` fields the attribute reads:
    ``admitted_on``, ``left_on``, ``gender``, ``birth_date`` (for ages), and the coded
    column (codes, as :func:`~coso_dang.frame.members_frame` and the CSV files with
    ``headers="fields"`` write them); a flag (``is_youth_union_member``) is read as
    :func:`~coso_dang.frame.rollup_frame` reads one, booleans or ``"true"``/``"false"``,
    1/0. *org_ids* keeps only members of those chi bộ.
    The counting runs inside the engine; only one small group-by comes back.

    Raises:
        BreakdownError: as :func:`breakdown`, a coded column holds a value that is
            no code of its list (:func:`refuse_stray_codes`), or the table lacks a
            column the count reads.
        TreeError: a date held as text is no day ``YYYY-MM-DD``, as
            :func:`~coso_dang.frame.rollup_frame` refuses it.
        UsageError: *org_ids* is one text, not a list of ids.
    """
    found = breakdown_frame_all(
        members, on=on, start=start, population=population, org_ids=org_ids,
        min_cell=min_cell, attributes=(attribute,),
    )  # fmt: skip
    return found[attribute]


def breakdown_frame_all(
    members: Any,
    *,
    on: date,
    start: date | None = None,
    population: str = "dang_vien",
    org_ids: Sequence[str] | None = None,
    min_cell: int | None = None,
    attributes: Sequence[str] | None = None,
) -> dict[str, Breakdown]:
    """:func:`breakdown_all` over a members table: every breakdown of :data:`ATTRIBUTES`
    (or those of *attributes*), the population picked once for all of them.

    The same as calling :func:`breakdown_frame` for each attribute (arguments alike).
    """
    nw = _optional("narwhals")
    asked = [_attribute(code) for code in (ATTRIBUTES if attributes is None else attributes)]
    declared = _with_finer(asked, min_cell)
    on, first = _period(on, start, population)
    try:
        frame = nw.from_native(members)
    except TypeError:
        # narwhals' English "Unsupported dataframe type" (None, a list of records).
        expected = N_("một bảng dữ liệu (DataFrame); các bản ghi thì qua members_frame()")
        raise UsageError("breakdown_frame", "members", expected, members) from None
    # Moments moved to Vietnam's time first, as rollup_frame moves them: a DuckDB
    # relation's come out in its session's zone (collected as they were, the day
    # depended on the session: in Vietnam's own zone its wall clock, UTC+8 in
    # 1959-1975, in another UTC+7), and pandas refused Python datetimes in several zones.
    given = frame.collect_schema()
    frame = moments_in_vietnam(nw, frame, [n for n in given.names() if n in _DATE_COLUMNS], given)
    if isinstance(frame, nw.LazyFrame):
        frame = frame.collect()
    _check_columns(frame.columns, declared, population, org_ids is not None)
    if org_ids is not None:
        frame = _of_chi_bo(nw, frame, org_ids)
    schema = frame.schema
    dates = [n for n in schema.names() if n in _DATE_COLUMNS]
    # Dates held as text (a CSV read as it is), read as rollup_frame reads them: compared
    # as text with the period's days, each engine refused them with its own error.
    read = text_days(nw, frame.lazy(), schema, dates, named=_NAMED)
    if read:
        frame = frame.with_columns(*read)
        schema = frame.schema
    days = whole_days(nw, frame, dates, schema)
    # A blank code is no value, as the loaders and rollup_frame read one: the member
    # of blank ethnicity or sex was in no row while every value was said to be known.
    coded = {"gender", *(c for a in declared for c in a.reads)} - _DATE_COLUMNS
    days += blanks_missing(nw, frame, schema, [n for n in schema.names() if n in coded])
    if days:
        frame = frame.with_columns(*days)
    # Tables whose dates are datetimes (pandas) compare with datetimes.
    day = _days(frame.schema["admitted_on"] == nw.Datetime)
    admitted = nw.col("admitted_on")
    if population == "ket_nap":
        keep = (admitted >= day(first)) & (admitted <= day(on))
    else:
        left = nw.col("left_on")
        keep = (admitted <= day(on)) & (left.is_null() | (left > day(on)))
    woman = (nw.col("gender") == Gender.NU.value).fill_null(False)
    frame = frame.filter(keep).with_columns(woman.cast(nw.Int64).alias("_nu"))
    refuse_stray_codes(frame, sorted(coded & set(schema.names())))
    # Flags held as text or numbers ("true", 1), read as rollup_frame reads them: tested
    # as they came, the engines refused them with errors of their own, in English.
    flags = [
        name
        for name in sorted(coded & set(schema.names()))
        if _is_flag(name) and frame.schema[name] != nw.Boolean
    ]
    if flags:
        spelled = flag_spellings(nw, frame, frame.schema, flags)
        frame = frame.with_columns(
            *(yes_no(nw, name, frame.schema[name], spelled.get(name)) for name in flags)
        )
    total = int(frame.shape[0])
    women = no_gender = 0
    if total:
        sums = frame.select(
            nw.col("_nu").sum().alias("women"), nw.col("gender").is_null().sum().alias("none")
        )
        women, no_gender = (int(sums.item(0, name)) for name in ("women", "none"))
    placed: dict[str, tuple[dict[str | None, int], dict[str | None, int]]] = {}
    age_sum = age_known = 0
    for attribute in declared:
        counts: dict[str | None, int] = {}
        female: dict[str | None, int] = {}
        if attribute.column is not None:
            # A coded column is grouped as it is and its few values placed here: no new
            # column of millions of category codes is built to group by.
            grouped = frame.group_by(attribute.column).agg(
                nw.len().alias("_n"), nw.col("_nu").sum().alias("_f")
            )
            for value, n, f in grouped.iter_rows(named=False):
                key = _coded_key(attribute, value)
                counts[key] = counts.get(key, 0) + int(n)
                female[key] = female.get(key, 0) + int(f)
        else:
            grouped = (
                frame.with_columns(_key_expression(nw, attribute, on, day).alias("_key"))
                .group_by("_key")
                .agg(nw.len().alias("_n"), nw.col("_nu").sum().alias("_f"))
            )
            for row in grouped.iter_rows(named=True):
                counts[row["_key"]] = int(row["_n"])
                female[row["_key"]] = int(row["_f"])
        placed[attribute.code] = (counts, female)
        if attribute.code == "tuoi" and total:
            ages = frame.filter(~nw.col("birth_date").is_null()).select(
                _age_expression(nw, on, day).alias("_age")
            )
            age_known = int(ages.shape[0])
            age_sum = int(ages.select(nw.col("_age").sum()).item()) if age_known else 0
    found: dict[str, Breakdown] = {}
    for attribute in asked:
        found[attribute.code] = _result(
            attribute, population, first, on, *placed[attribute.code],
            (total, women, no_gender), (age_sum, age_known), min_cell,
            _finer_counts(attribute, min_cell, placed),
        )  # fmt: skip
    return found


def _check_columns(
    names: Iterable[str], declared: Sequence[Attribute], population: str, by_org: bool
) -> None:
    """Raise :class:`BreakdownError` naming a column the count reads that the members
    table lacks, as :func:`~coso_dang.frame.rollup_frame` names it: the engine said it
    in English, and polars, narwhals and pandas each in their own words."""
    present = set(names)
    chosen = ["admitted_on", "gender"]
    if population == "dang_vien":
        chosen.append("left_on")
    if by_org:
        chosen.append("org_id")
    for column in chosen:
        if column not in present:
            raise BreakdownError(N_("bảng đảng viên thiếu cột {column}", column=column))
    for attribute in declared:
        for column in attribute.reads:
            if column not in present:
                reason = N_(
                    "bảng đảng viên thiếu cột {column}: phân tổ {code} cần đến",
                    column=column,
                    code=attribute.code,
                )
                raise BreakdownError(reason)


def _of_chi_bo(nw: Any, frame: Any, org_ids: Sequence[str]) -> Any:
    """The rows of the eager *frame* whose ``org_id`` is one of *org_ids*, ids matched as
    rollup_frame matches them: as text (a number is its text), composed to NFC. An id
    written in NFD (on either side) matched nothing, and the breakdown was of no
    member; an id column of numbers was refused with the engine's error; a single id
    given as a text was read as its letters."""
    if isinstance(org_ids, str) or not isinstance(org_ids, Iterable):
        raise UsageError("breakdown_frame", "org_ids", N_("một danh sách mã chi bộ"), org_ids)
    wanted = [unicodedata.normalize("NFC", str(org)) for org in org_ids]
    if frame.schema["org_id"] != nw.Object:  # Python objects (pandas): left as they are
        frame = frame.with_columns(nw.col("org_id").cast(nw.String()))
        composed, changed = nfc_ids(nw, frame.lazy(), frame.schema, "org_id")
        if changed:
            frame = composed.collect()
    return frame.filter(nw.col("org_id").is_in(wanted))


def refuse_stray_codes(frame: Any, names: Iterable[str]) -> None:
    """Raise :class:`BreakdownError` when a coded column of *frame* (a narwhals
    ``DataFrame`` or ``LazyFrame``) among *names* holds a value that is no code of its
    list. "Kinh" (the label) is not "kinh": counted as it was, every such member was an
    ethnic minority and in no row of "dân tộc". The value is not quoted: ethnicity and
    religion are personal. Missing values are the unknown, counted apart. A flag is
    true or false (or 1 and 0, or their texts as :func:`~coso_dang.frame.rollup_frame`
    reads them: ``"true"``, ``"0"``): 2 was counted true. Columns of open values are not
    read.
    """
    nw = _optional("narwhals")
    names = list(names)
    schema = frame.collect_schema() if names else {}
    for name in names:
        if coded_values(name) is None:
            continue
        dtype = schema.get(name)
        if dtype is not None and dtype == nw.Enum and not stray_values(name, dtype.categories):
            # An enum column holds only its categories, all of them codes: the
            # national table's millions of cells need not be looked at.
            continue
        found = frame.select(name).unique()
        if isinstance(found, nw.LazyFrame):
            found = found.collect()
        stray = stray_values(name, found.get_column(name).to_list())
        if stray:
            rows = frame.filter(nw.col(name).is_in(stray)).select(nw.len())
            if isinstance(rows, nw.LazyFrame):
                rows = rows.collect()
            raise stray_codes_error(name, int(rows.item()))


def stray_values(name: str, values: Iterable[object]) -> list[object]:
    """Those of the distinct *values* of the coded column *name* that are no code of its
    list (see :func:`refuse_stray_codes`); none for a column of open values."""
    known = coded_values(name)
    if known is None:
        return []
    flag = _is_flag(name)
    listed = {str(value.value) for value in known if isinstance(value, enum.Enum)}
    # A number is no code either (1 for Kinh): read as unknown, or as a minority.
    return [
        value
        for value in values
        if not _missing(value)
        and (
            not _flag_value(value) if flag else (not isinstance(value, str) or value not in listed)
        )
    ]


def stray_codes_error(name: str, count: int) -> BreakdownError:
    """The error of *count* members whose coded column *name* holds no code of its
    list, as every table path words it (the values not quoted: some are personal)."""
    return BreakdownError(
        N_(
            "cột {name}: {count} đảng viên có giá trị không phải mã của danh mục (cần "
            "mã, như các bảng của breakdown_table, không phải tên)",
            name=repr(name),
            count=Figure.whole(count),
        )
    )


def _is_flag(name: str) -> bool:
    """Whether the member field *name* is a yes/no flag."""
    return any(value is True for value in coded_values(name) or ())


def _flag_value(value: object) -> bool:
    """Whether *value* of a flag column is a yes or a no: a boolean, 1 or 0, or a text
    the loaders and rollup_frame read as one (``"true"``, ``"có"``, ``"0"``; any case,
    white space around)."""
    if isinstance(value, str):
        return read_yes_no(value) is not None
    return isinstance(value, (bool, int, float)) and value in (0, 1)


def _missing(value: object) -> bool:
    """Whether a table's *value* is a missing one: None, NaN, NaT or pandas' NA."""
    try:
        return value is None or bool(value != value)
    except TypeError:  # pandas' NA is neither equal nor unequal to itself
        return True


#: The members named at most for dates :func:`breakdown_frame` cannot read (as
#: :data:`coso_dang._counting.MAX_NAMED`, which imports this module).
_NAMED = 1000

#: The members-table columns :func:`breakdown_frame` may read.
TABLE_COLUMNS = (
    "id", "org_id", "admitted_on", "ceremony_on", "official_on", "left_on", "birth_date",
    "gender", "ethnicity", "religion", "education", "political_theory", "occupation",
    "general_education", "academic_title", "is_youth_union_member", "owns_private_enterprise",
)  # fmt: skip
_DATE_COLUMNS = frozenset({"admitted_on", "ceremony_on", "official_on", "left_on", "birth_date"})
#: The columns the breakdowns themselves read (who is counted, and every attribute's
#: fields): :func:`breakdown_table` with ``columns=COUNTED_COLUMNS`` leaves out the rest.
COUNTED_COLUMNS = tuple(
    name
    for name in TABLE_COLUMNS
    if name in {"admitted_on", "left_on", "gender"}
    or any(name in attribute.reads for attribute in ATTRIBUTES.values())
)


def breakdown_table(
    members: Iterable[Member],
    *,
    backend: Literal["polars", "pandas"] = "polars",
    columns: Sequence[str] = TABLE_COLUMNS,
) -> Any:
    """A members table with the columns :func:`breakdown_frame` reads (codes for coded
    values), or those of *columns* (:data:`COUNTED_COLUMNS`: only what the counts read).
    It holds personal data (birth dates, ethnicity, religion): keep it so.

    >>> from datetime import date
    >>> from coso_dang import Member
    >>> breakdown_table([Member("dv1", "Lê Văn Ba", "cb", admitted_on=date(2001, 2, 3))]).shape
    (1, 17)
    """
    records = list(members)
    if backend == "polars":
        polars = _optional("polars")
        return polars.DataFrame(
            [_polars_column(polars, name, records) for name in columns]
        )  # fmt: skip
    pandas = _optional("pandas")
    table: dict[str, list[Any]] = {}
    for name in columns:
        values = list(map(attrgetter(name), records))
        if coded_values(name) is not None:
            values = [v.value if isinstance(v, enum.Enum) else v for v in values]
        table[name] = values
    frame = pandas.DataFrame(table)
    for name in _DATE_COLUMNS.intersection(columns):
        frame[name] = pandas.to_datetime(frame[name])
    for name in {"is_youth_union_member", "owns_private_enterprise"}.intersection(columns):
        frame[name] = frame[name].astype("boolean")
    return frame


#: 1/1/1970, day 0 of a polars date, as an ordinal.
_EPOCH = date(1970, 1, 1).toordinal()


def _polars_column(polars: Any, name: str, records: list[Member]) -> Any:
    """The column *name* of *records* for :func:`breakdown_table`, without polars
    reading millions of Python objects one by one: dates go in as day numbers, coded
    values as their positions in the coded list (keyed by identity, see
    :func:`~coso_dang.members.coded_values`)."""
    known = coded_values(name)
    if known is not None and not any(value is True for value in known):
        position = {id(value): at for at, value in enumerate(known)}
        try:
            # Read straight from the records: no list of the values in between.
            places = list(map(position.__getitem__, map(id, map(attrgetter(name), records))))
        except KeyError:  # a value outside its list: a record built without its validators
            codes = [
                v.value if isinstance(v, enum.Enum) else v for v in map(attrgetter(name), records)
            ]
            return polars.Series(name, codes, dtype=polars.String)
        listed = [None if value is None else str(value.value) for value in known]  # type: ignore[attr-defined]
        # An enum column: each value is its position in the coded list, so grouping by
        # it (breakdown_frame_all) hashes small integers, not millions of strings.
        kind = polars.Enum([code for code in listed if code is not None])
        return polars.Series(name, listed, dtype=kind).gather(places)
    values = list(map(attrgetter(name), records))
    if name in _DATE_COLUMNS:
        days: dict[date | None, int | None] = {
            day: day.toordinal() - _EPOCH for day in set(values) if day is not None
        }
        days[None] = None
        numbers = list(map(days.__getitem__, values))
        return polars.Series(name, numbers, dtype=polars.Int32).cast(polars.Date)
    if known is None:
        return polars.Series(name, values, dtype=polars.String)
    return polars.Series(name, values, dtype=polars.Boolean)


def _age_expression(nw: Any, on: date, day: Callable[[date], Any]) -> Any:
    # A missing birth date is placed apart by the caller; filling it keeps every engine's
    # integer arithmetic defined (pandas cannot cast a missing value to an integer).
    born = nw.col("birth_date").fill_null(day(on))
    # Month and day come back as 8-bit integers in polars: widen before arithmetic.
    month, day = born.dt.month().cast(nw.Int32), born.dt.day().cast(nw.Int32)
    # completed_years's rule: on 28/2 of a year without 29/2 the key is 229.
    before_birthday = (month * 100 + day) > anniversary_key(on)
    return on.year - born.dt.year().cast(nw.Int32) - before_birthday.cast(nw.Int32)


def _chain(nw: Any, cases: Iterator[tuple[Any, str]], default: Any) -> Any:
    expression = default
    for condition, code in reversed(list(cases)):
        expression = nw.when(condition).then(nw.lit(code)).otherwise(expression)
    return expression


def _days(as_datetimes: bool) -> Callable[[date], Any]:
    if not as_datetimes:
        return lambda day: day
    return lambda day: datetime(day.year, day.month, day.day)


def _coded_key(declared: Attribute, value: object) -> str | None:
    """The category of a coded column's *value*, as :func:`_key_expression` places it."""
    if not isinstance(value, str):  # missing: None, or NaN and NA from pandas
        return None if declared.code == "hoc_ham" else UNKNOWN
    code = value
    if declared.code == "ton_giao" and code == Religion.KHONG.value:
        return None
    return code


def _key_expression(nw: Any, declared: Attribute, on: date, day: Callable[[date], Any]) -> Any:
    """The category code of each row as a narwhals expression (see the Place functions)."""
    unknown = nw.lit(UNKNOWN)
    none = nw.lit(None, dtype=nw.String)
    code = declared.code
    if declared.column is not None:
        column = nw.col(declared.column)
        if code == "ton_giao":
            return (
                nw.when(column.is_null())
                .then(unknown)
                .otherwise(nw.when(column == Religion.KHONG.value).then(none).otherwise(column))
            )
        if code == "hoc_ham":
            return column.cast(nw.String)
        return nw.when(column.is_null()).then(unknown).otherwise(column.cast(nw.String))
    if code == "tuoi":
        # Bands as ranges of birth dates (see sql_case): no date arithmetic per row.
        born = nw.col("birth_date")
        youngest = day(born_by(on, AgeBand.TU_18_DEN_30.low))
        bands: list[tuple[Any, str | None]] = [(born > youngest, None)]
        bands += [(born > day(born_by(on, b.high + 1)), b.code) for b in AgeBand if b.high]
        expression = nw.lit(AgeBand.TREN_60.code)
        for condition, band in reversed(bands):
            value = none if band is None else nw.lit(band)
            expression = nw.when(condition).then(value).otherwise(expression)
        return nw.when(born.is_null()).then(unknown).otherwise(expression)
    if code == "thoi_ky":
        admitted = nw.col("admitted_on")
        eras = []
        for era in AdmissionEra:
            within = nw.lit(True)
            if era.first is not None:
                within = within & (admitted >= day(era.first))
            if era.last is not None:
                within = within & (admitted <= day(era.last))
            eras.append((within, era.code))
        return _chain(nw, iter(eras), none)
    if code == "du_bi":
        return _probation_expression(nw, on, day)
    yes = nw.lit("co")
    if code == "dan_toc_thieu_so":
        column = nw.col("ethnicity")
        return (
            nw.when(column.is_null())
            .then(unknown)
            .otherwise(nw.when(column == Ethnicity.KINH.value).then(none).otherwise(yes))
        )
    if code == "theo_ton_giao":
        column = nw.col("religion")
        return (
            nw.when(column.is_null())
            .then(unknown)
            .otherwise(nw.when(column == Religion.KHONG.value).then(none).otherwise(yes))
        )
    flags = {"doan_vien": "is_youth_union_member", "chu_dntn": "owns_private_enterprise"}
    column = nw.col(flags[code])
    # Filled: a pandas column of Python booleans and None is no condition for pandas.
    found = nw.when(column.fill_null(False)).then(yes).otherwise(none)
    return nw.when(column.is_null()).then(unknown).otherwise(found)


def _probation_expression(nw: Any, on: date, day: Callable[[date], Any]) -> Any:
    # official_date = (ceremony or admission) + 12 months; probation while after *on*.
    start = nw.col("ceremony_on").fill_null(nw.col("admitted_on"))
    probation = start > day(_official_by(on))
    return nw.when(probation).then(nw.lit("co")).otherwise(nw.lit(None, dtype=nw.String))


# -- the same breakdowns from counts, in other engines --------------------------------------------


def key_expression(attribute: str | Attribute, on: date, *, datetimes: bool = False) -> Any:
    """The category code of each members-table row, as a narwhals expression.

    The rows' codes are those :attr:`Attribute.place` gives a member on *on*:
    a category code, :data:`UNKNOWN` where the value was not recorded, or null for a
    member in no row. *datetimes* says whether the table's date columns hold datetimes
    (pandas) rather than dates. Rollups on tables group by it.
    """
    nw = _optional("narwhals")
    declared = attribute if isinstance(attribute, Attribute) else _attribute(attribute)
    return _key_expression(nw, declared, on, _days(datetimes))


def age_expression(on: date, *, datetimes: bool = False) -> Any:
    """Each row's age in completed years on *on*, as a narwhals expression (a missing
    birth date gives 0: filter on ``birth_date`` first)."""
    nw = _optional("narwhals")
    return _age_expression(nw, on, _days(datetimes))


def breakdown_of(
    attribute: str | Attribute,
    counts: Mapping[str, int],
    *,
    population: str,
    start: date,
    on: date,
    total: int,
    female: int,
    gender_unknown: int,
    min_cell: int | None = None,
) -> Breakdown:
    """A :class:`Breakdown` from counts already made, keyed by :meth:`Attribute.codes`.

    For counting engines that count elsewhere (a rollup, a database): *counts* holds the
    raw counts of every code of the attribute for *population* (lower bounds where some
    value is unknown, as :func:`breakdown` counts them); *total*, *female* and
    *gender_unknown* describe the population.

    >>> ages = breakdown_of("tuoi", dict.fromkeys(ATTRIBUTES["tuoi"].codes("dang_vien"), 0)
    ...     | {"dang_vien_tuoi_18_30": 2, "dang_vien_tuoi_18_30_nu": 1,
    ...        "dang_vien_tuoi_tong": 49, "dang_vien_tuoi_so_nguoi": 2},
    ...     population="dang_vien", start=date(2024, 1, 1), on=date(2024, 12, 31),
    ...     total=2, female=1, gender_unknown=0)
    >>> ages.rows[0].count, ages.average_age
    (2, Fraction(49, 2))

    Raises:
        BreakdownError: a row that adds up another breakdown's rows (:data:`SUMMED`:
            "dân tộc thiểu số", "người theo tôn giáo") with small cells hidden, and
            *counts* without that breakdown's codes, which decide what to hide.
    """
    declared = attribute if isinstance(attribute, Attribute) else _attribute(attribute)
    prefix = f"{population}_{declared.code}"
    seen: dict[str | None, int] = {UNKNOWN: counts[f"{prefix}_{UNKNOWN_CODE}"]}
    seen_female: dict[str | None, int] = {}
    for category, _ in declared.categories:
        seen[category] = counts[f"{prefix}_{category}"]
        seen_female[category] = counts[f"{prefix}_{category}_nu"]
    ages = (0, 0)
    if declared.code == "tuoi":
        ages = (counts[f"{prefix}_tong"], counts[f"{prefix}_so_nguoi"])
    finer: tuple[Mapping[str | None, int], Mapping[str | None, int]] | None = None
    fine = _finer(declared, _floor(declared, min_cell))
    if fine is not None:
        fine_prefix = f"{population}_{fine.code}"
        if any(code not in counts for code in fine.codes(population)):
            raise BreakdownError(
                N_(
                    "phân tổ {code} cần cả số đếm của phân tổ {finer} để biết ô nào phải ẩn "
                    "(hoặc min_cell=1)",
                    code=repr(declared.code),
                    finer=repr(fine.code),
                )
            )
        fine_counts: dict[str | None, int] = {UNKNOWN: counts[f"{fine_prefix}_{UNKNOWN_CODE}"]}
        fine_female: dict[str | None, int] = {}
        for code, _ in fine.categories:
            fine_counts[code] = counts[f"{fine_prefix}_{code}"]
            fine_female[code] = counts[f"{fine_prefix}_{code}_nu"]
        finer = (fine_counts, fine_female)
    return _result(
        declared, population, start, on, seen, seen_female, (total, female, gender_unknown),
        ages, min_cell, finer,
    )  # fmt: skip


def hidden_counts(counts: Mapping[str, int | None]) -> frozenset[str]:
    """The codes of *counts* (indicator codes, as a rollup has them) that a view of them
    must not show: the cells of a breakdown by a personal attribute (ethnicity,
    religion) that its table hides by default (:data:`MIN_CELL`: the small cells and
    those hidden with them, the women's as well), or each cell of it when *counts* lack
    what decides which (a count unknown, the totals or the finer breakdown missing).
    The members with no value recorded (``..._chua_ro``) are kept: they tell no value.
    The sum of ages (``..._tuoi_tong``) over fewer than :data:`MIN_CELL` members (or over
    members not counted) is hidden too: it tells their ages, as :func:`profile` withholds
    the average.

    For the notebook's and the console's views of a chi bộ's counts (:class:`~coso_dang.
    Tally`), which showed "dang_vien_ton_giao_cao_dai=1" where the table says "ẩn".

    >>> counts = {code: 0 for code in ATTRIBUTES["ton_giao"].codes("dang_vien")}
    >>> counts |= {"dang_vien": 9, "dang_vien_gioi_tinh_nu": 0,
    ...            "dang_vien_gioi_tinh_chua_ro": 0, "dang_vien_ton_giao_cao_dai": 1}
    >>> sorted(hidden_counts(counts))[:2]
    ['dang_vien_ton_giao_cao_dai', 'dang_vien_ton_giao_cao_dai_nu']
    """
    hidden: set[str] = set()
    for population in POPULATIONS:
        ages, over = f"{population}_tuoi_tong", counts.get(f"{population}_tuoi_so_nguoi")
        if ages in counts and (over is None or 0 < over < MIN_CELL):
            hidden.add(ages)
        for declared in ATTRIBUTES.values():
            if not declared.personal:
                continue
            codes = declared.codes(population)
            cells = [code for code in codes if not code.endswith(f"_{UNKNOWN_CODE}")]
            if not any(code in counts for code in cells):
                continue
            fine = _finer(declared, MIN_CELL)
            needed = [
                *codes,
                population,
                f"{population}_gioi_tinh_nu",
                f"{population}_gioi_tinh_chua_ro",
                *(() if fine is None else fine.codes(population)),
            ]
            known = {code: counts.get(code) for code in needed}
            if any(value is None for value in known.values()):
                hidden.update(code for code in cells if code in counts)
                continue
            table = breakdown_of(
                declared,
                cast("dict[str, int]", known),
                population=population,
                start=date(2000, 1, 1),
                on=date(2000, 12, 31),
                total=cast("int", known[population]),
                female=cast("int", known[f"{population}_gioi_tinh_nu"]),
                gender_unknown=cast("int", known[f"{population}_gioi_tinh_chua_ro"]),
            )
            prefix = f"{population}_{declared.code}"
            for row in table.rows:
                if row.count is None:
                    hidden.add(f"{prefix}_{row.code}")
                if row.female is None:
                    hidden.add(f"{prefix}_{row.code}_nu")
    return frozenset(hidden)


def sql_case(
    attribute: str | Attribute, on: date, *, columns: Mapping[str, str] | None = None
) -> str:
    """The category code of each member row as a SQL ``CASE`` expression.

    The same codes as :func:`key_expression`: a category code, ``'?'`` where the value
    was not recorded, ``NULL`` for a member in no row. A text is only an expression and
    cannot refuse a table as :func:`breakdown_frame` does (:func:`refuse_stray_codes`):
    a value that is no code of its list ("Kinh", the label, for ``kinh``; another case;
    ``''``; a number) is read as ``'?'``, the unknown, never as a category (an ethnic
    minority); but a blank academic title, like a missing one, is none held. Dates are
    compared with ISO literals (``'1995-01-01'``) computed here
    from *on* (an age band is a range of birth dates), as "on or after" or "before" a
    day, so that a day written with a time of day (``'1994-12-31 00:00:00'``, as pandas
    writes dates to SQLite) or held as a timestamp is read as its day, as
    :func:`~coso_dang.sql.rollup_sql` reads it. Codes are string literals and flags are
    read as text (``true``/``1``, ``false``/``0`` in any case, spaces around; a boolean
    column reads so too; another value, ``''`` among them, is ``'?'``), so the same text
    runs on SQLite (dates stored as ISO text), DuckDB and PostgreSQL (``DATE`` columns).

    Args:
        attribute: a code of :data:`ATTRIBUTES` or an :class:`Attribute`.
        on: the period's last day.
        columns: the SQL expression of each member field read (by field name:
            ``{"birth_date": "m.ngay_sinh"}``); a field not given is its own name.

    >>> print(sql_case("gioi_tinh", date(2024, 12, 31)))
    CASE WHEN gender IN ('nam', 'nu') THEN gender ELSE '?' END
    >>> print(sql_case("tuoi", date(2024, 12, 31)))  # doctest: +ELLIPSIS
    CASE WHEN birth_date IS NULL THEN '?' WHEN birth_date >= '2007-01-01' THEN NULL WHEN ...
    """
    declared = attribute if isinstance(attribute, Attribute) else _attribute(attribute)
    given = columns or {}

    def col(name: str) -> str:
        return given.get(name, name)

    def text(value: str) -> str:
        return "'" + value.replace("'", "''") + "'"

    def after(value: date) -> str:
        # The day after *value*: "on or after it" and "before it" read a day written
        # with a time of day ('1994-12-31 00:00:00', as pandas writes dates to SQLite)
        # or held as a timestamp as that day, where "> '1994-12-31'" put it after.
        return text((value + _DAY).isoformat())

    unknown, code = text(UNKNOWN), declared.code
    if code == "tuoi":
        born = col("birth_date")
        cases = [f"WHEN {born} IS NULL THEN {unknown}"]
        # Age on *on* is at least n exactly when the birth date is on or before born_by
        # (on 28/2 of a year without 29/2, a birth on 29/2 n years before counts).
        cases.append(f"WHEN {born} >= {after(born_by(on, AgeBand.TU_18_DEN_30.low))} THEN NULL")
        for band in AgeBand:
            if band.high is None:
                cases.append(f"ELSE {text(band.code)}")
            else:
                oldest = born_by(on, band.high + 1)
                cases.append(f"WHEN {born} >= {after(oldest)} THEN {text(band.code)}")
        return "CASE " + " ".join(cases) + " END"
    if code == "thoi_ky":
        admitted = col("admitted_on")
        # Without the day the era is unknown, not the last one (the ELSE).
        cases = [f"WHEN {admitted} IS NULL THEN {unknown}"]
        for era in AdmissionEra:
            if era.last is None:
                cases.append(f"ELSE {text(era.code)}")
            else:
                cases.append(f"WHEN {admitted} < {after(era.last)} THEN {text(era.code)}")
        return "CASE " + " ".join(cases) + " END"
    if code == "du_bi":
        started = f"COALESCE({col('ceremony_on')}, {col('admitted_on')})"
        return (
            f"CASE WHEN {started} IS NULL THEN {unknown} "
            f"WHEN {started} >= {after(_official_by(on))} THEN 'co' END"
        )
    yes = "'co'"

    def listed(name: str, *, but: str | None = None) -> str:
        # The codes of the field's list as a SQL list: a value among none of them ("Kinh",
        # the label, "KINH", '', 1) falls to the ELSE branch, the unknown, and is counted
        # in no category (an ethnic minority, a row of its own that no code reads).
        known = coded_values(name) or ()
        codes = (str(v.value) for v in known if isinstance(v, enum.Enum) and v.value != but)
        return "(" + ", ".join(text(value) for value in codes) + ")"

    if code in ("dan_toc_thieu_so", "theo_ton_giao"):
        name, no = ("ethnicity", Ethnicity.KINH) if code == "dan_toc_thieu_so" else (
            "religion", Religion.KHONG)  # fmt: skip
        column = col(name)
        return (
            f"CASE WHEN {column} = {text(str(no.value))} THEN NULL "
            f"WHEN {column} IN {listed(name, but=no.value)} THEN {yes} ELSE {unknown} END"
        )
    if code in ("doan_vien", "chu_dntn"):
        # Read as its text, by the words the loaders and the DataFrame path read a flag
        # by ("true", "1", "co", "x", "false", "0", "khong", any case, spaces around; a
        # word written with its diacritics, "có", is the unknown: an expression cannot
        # fold it as rollup_sql does): tested as a boolean, SQLite took the text
        # 'true' a CSV import stores for no, without a word, and '' too. CAST to text is
        # the one reading SQLite, DuckDB and PostgreSQL share for booleans, numbers and
        # texts alike; anything else is the unknown, never no.
        column = col(declared.reads[0])
        written = f"LOWER(TRIM(CAST({column} AS VARCHAR)))"
        yes_texts = ", ".join(map(text, _SQL_YES))
        no_texts = ", ".join(map(text, _SQL_NO))
        return (
            f"CASE WHEN {written} IN ({yes_texts}) THEN {yes} "
            f"WHEN {written} IN ({no_texts}) THEN NULL ELSE {unknown} END"
        )
    assert declared.column is not None, code  # every other built-in reads one coded column
    column = col(declared.column)
    codes = listed(declared.column)
    if code == "hoc_ham":
        # No title recorded is none held: a blank text too (a CSV imported into SQLite
        # keeps its empty cells as ''), as the loaders and the DataFrame path read it;
        # read as '?', it made every count of the breakdown unknown.
        return (
            f"CASE WHEN {column} IS NULL OR TRIM(CAST({column} AS VARCHAR)) = '' THEN NULL "
            f"WHEN {column} IN {codes} THEN {column} ELSE {unknown} END"
        )
    if code == "ton_giao":
        return (
            f"CASE WHEN {column} = {text(str(Religion.KHONG.value))} THEN NULL "
            f"WHEN {column} IN {listed(declared.column, but=Religion.KHONG.value)} "
            f"THEN {column} ELSE {unknown} END"
        )
    return f"CASE WHEN {column} IN {codes} THEN {column} ELSE {unknown} END"


_DAY = timedelta(days=1)
#: A flag's yes and no as SQL writes them as text: the words every path reads a flag
#: by (:mod:`coso_dang._yes_no`), and the numbers 1 and 0 of a real column ("1.0").
_SQL_YES = (*YES_TEXTS, "1.0")
_SQL_NO = (*NO_TEXTS, "0.0")
