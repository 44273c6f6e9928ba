"""The counting engine behind every rollup: dates, the plan of counts, the counters.

Each member-derived count is declared once here, as a :class:`MemberCount`: its
indicator, the population it counts among, how one :class:`Member` is decided on the
rollup's dates (and when that is unknown), and the same test as a narwhals expression
over a members table. The object path (:func:`coso_dang.rollup.rollup`) generates its
per-chi-bộ loop from the declarations, the DataFrame path
(:func:`coso_dang.frame.rollup_frame`) builds its flags from them, and both place the
counts where :class:`Plan` says. Users add counts with :func:`register_member_count`.

The breakdowns (members by sex, age band, ethnicity, ...) are the second kind of
declaration: a :class:`CategoryCount` places each member of a population in one
category of a :class:`~coso_dang.breakdowns.Attribute` (which stays the one declaration
of how a member is placed) and counts one slot per category, its women and its unknown.

Everything else a rollup counts (organizations, ratings, residential units) is counted
here too, into per-organization vectors (:class:`CountTable`) that :func:`merge_up`
sums bottom-up.
"""

from __future__ import annotations

from collections import Counter as Bag  # Counter names the member loop's type below
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
from datetime import date, datetime
from itertools import accumulate, chain, compress, repeat
from operator import add, attrgetter
from string import Formatter
from types import SimpleNamespace
from typing import Any, NamedTuple, Protocol

from attrs import field, frozen

from coso_dang._member_arrays import MemberArrays
from coso_dang.breakdowns import (
    ATTRIBUTES,
    POPULATIONS,
    SUMMED,
    UNKNOWN,
    UNKNOWN_CODE,
    Attribute,
    BreakdownError,
)
from coso_dang.errors import Problem, RecordError, TreeError, UsageError, record_where
from coso_dang.evaluation import Evaluation, ReviewPeriod, SubjectKind
from coso_dang.i18n import N_
from coso_dang.indicators import (
    RATING_SUFFIXES,
    Indicator,
    IndicatorError,
    get_indicator,
    register_indicator,
    unregister_indicator,
)
from coso_dang.members import (
    Education,
    Gender,
    Member,
    PoliticalTheory,
    coded_values,
    completed_years,
    official_by,
)
from coso_dang.orgs import COMMUNE_KINDS, Organization, OrgKind, Sector
from coso_dang.ratings import Rating
from coso_dang.tally import register_relation
from coso_dang.tree import OrgTree

__all__ = [
    "ACTIVE",
    "BREAKDOWN_CODES",
    "CATEGORY_COUNTS",
    "INT32_BELOW",
    "KIND_CODES",
    "MAX_NAMED",
    "ORG_CODES",
    "RATING_CHOICES",
    "RATING_CODES",
    "RATING_INDEX",
    "UNIT_CODES",
    "CategoryCount",
    "ChiBoColumns",
    "CountTable",
    "MemberCount",
    "Plan",
    "RollupDates",
    "Rows",
    "SplicedRows",
    "SubtreeSums",
    "category_counts",
    "count_categories",
    "count_commune",
    "count_tree",
    "member_counts",
    "merge_up",
    "period_problems",
    "rating_spellings",
    "register_member_count",
    "subject_problems",
    "unread_ratings",
    "unregister_member_count",
]

# -- the reporting dates -----------------------------------------------------------------------


class RollupDates:
    """The dates a rollup of *year* counts on.

    ``on`` is the reporting date (31/12 of *year* unless ``as_of`` is given),
    ``year_start`` 1/1 of *year*, ``previous`` 31/12 of the year before, and
    ``official_by`` the latest probation start whose 12 months are over on ``on``.

    Raises:
        RecordError: *year* is not from 1930 to 9999, or *as_of* is not a day of it.

    >>> dates = RollupDates(2024, date(2024, 6, 30))
    >>> dates.on, dates.previous, dates.official_by
    (datetime.date(2024, 6, 30), datetime.date(2023, 12, 31), datetime.date(2023, 6, 30))
    """

    __slots__ = ("official_by", "on", "previous", "year", "year_start")

    year: int
    on: date
    year_start: date
    previous: date
    official_by: date

    def __init__(self, year: int, as_of: date | None = None) -> None:
        if not isinstance(year, int) or isinstance(year, bool) or not 1930 <= year <= 9999:
            raise RecordError(
                "rollup",
                "year",
                year,
                N_("phải là số nguyên từ {low} đến {high}", low=1930, high=9999),
            )
        on = date(year, 12, 31) if as_of is None else as_of
        if isinstance(on, datetime) and on == datetime(on.year, on.month, on.day):
            # A day read from a table (a pandas Timestamp at midnight): that day. One with
            # a time of day is refused below: it compares with no member's date.
            on = on.date()
        if not isinstance(on, date) or isinstance(on, datetime) or on.year != year:
            raise RecordError(
                "rollup", "as_of", as_of, N_("phải là một ngày trong năm {year}", year=year)
            )
        self.year = year
        self.on = on
        self.year_start = date(year, 1, 1)
        self.previous = date(year - 1, 12, 31)
        self.official_by = _official_by(on)

    def as_datetimes(self) -> RollupDates:
        """The same dates as midnight datetimes, to compare with datetime columns."""
        copy = object.__new__(RollupDates)
        copy.year = self.year
        for name in ("on", "year_start", "previous", "official_by"):
            day: date = getattr(self, name)
            setattr(copy, name, datetime(day.year, day.month, day.day))
        return copy

    def __repr__(self) -> str:
        return f"RollupDates({self.year}, {self.on!r})"


# One definition of the 12-month mark, beside the member record.
_official_by = official_by


# -- member-derived counts ---------------------------------------------------------------------

#: Decides one member on the rollup's dates: true counts, false does not, ``None`` unknown.
Decide = Callable[[Member, RollupDates], "bool | None"]
#: Builds a narwhals expression over a members table from the rollup's dates.
Expression = Callable[[RollupDates], Any]

#: The count of active members: the population most member counts are taken among.
ACTIVE = "dang_vien"
#: The coded member columns the built-in counts read (the committee's seats, education
#: and political theory): a table path refuses a value that is no code of its list.
CODED_COLUMNS = ("committee_role", "education", "political_theory")


def _columns(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


@frozen
class MemberCount:
    """One member-derived count, declared once for every path that counts members.

    A member is decided only when it counts in :attr:`among` (``None``: every member
    record of the chi bộ, active or not). Where :attr:`decide` answers ``None`` for a
    member, the count is unknown for its chi bộ and everything above; where the
    population it is taken among is unknown, it is unknown too. A count with
    :attr:`difference` ``(whole, part)`` is ``whole - part`` and tests no member.
    Make one with :func:`register_member_count`.
    """

    #: The indicator counted (its code names the count everywhere).
    indicator: Indicator
    #: The test for one member (the object path).
    decide: Decide | None
    #: The same test as a narwhals expression, true where a row counts (the DataFrame path).
    expression: Expression | None
    #: A narwhals expression true where a row's answer is unknown; ``None``: always known.
    unknown: Expression | None = None
    #: The code of the count whose members this one is taken among, or ``None``.
    among: str | None = ACTIVE
    #: The members-table columns :attr:`expression` and :attr:`unknown` read.
    columns: tuple[str, ...] = field(default=(), converter=_columns)
    #: ``(whole, part)`` when the count is one count less another.
    difference: tuple[str, str] | None = None
    #: For built-in counts: :attr:`decide` as one Python expression the object path's
    #: generated loop inlines (see :func:`_generate_counter`).
    source: str | None = field(default=None, repr=False)
    #: The same test as an SQL condition over the members table's columns (the SQL path,
    #: :mod:`coso_dang.sql`); ``{on}``, ``{previous}``, ``{year_start}`` and
    #: ``{official_by}`` stand for the rollup's dates. ``None``: no SQL form.
    sql: str | None = None
    #: An SQL condition true where a row's answer is unknown; ``None``: always known.
    sql_unknown: str | None = None

    @property
    def code(self) -> str:
        """The indicator code."""
        return self.indicator.code


_HIGH_EDUCATION = frozenset(e for e in Education if e.at_least(Education.CAO_DANG))
_HIGH_THEORY = frozenset(p for p in PoliticalTheory if p.at_least(PoliticalTheory.TRUNG_CAP))
#: Names the inlined tests may use besides the loop's locals (see _generate_counter).
_INLINE_NAMES: dict[str, object] = {
    "HIGH_EDUCATION": _HIGH_EDUCATION,
    "HIGH_THEORY": _HIGH_THEORY,
}
#: The locals every inlined test may read: the member ``m`` and these.
_PRELUDE = (
    "on = dates.on\n"
    "previous = dates.previous\n"
    "year_start = dates.year_start\n"
    "official_by = dates.official_by\n"
)
_MEMBER_PRELUDE = "start = m.admitted_on\nleft = m.left_on\n"


def _inline(source: str) -> Decide:
    """*source* (an inlined test) as a function of one member and the dates."""
    text = f"def decide(m, dates):\n{_indent(_PRELUDE + _MEMBER_PRELUDE, 1)}    return {source}\n"
    namespace = dict(_INLINE_NAMES)
    exec(compile(text, f"<member count {source!r}>", "exec"), namespace)
    decide: Decide = namespace["decide"]  # type: ignore[assignment]
    return decide


def _indent(text: str, depth: int) -> str:
    pad = "    " * depth
    return "".join(pad + line + "\n" for line in text.splitlines())


def _nw() -> Any:
    import narwhals

    return narwhals


def _active_expr(on: date) -> Any:
    nw = _nw()
    left = nw.col("left_on")
    return (nw.col("admitted_on") <= on) & (left.is_null() | (left > on))


def _official_expr(d: RollupDates) -> Any:
    # Official from the 12-month mark, however late the decision (official_on).
    nw = _nw()
    return nw.col("ceremony_on").fill_null(nw.col("admitted_on")) <= d.official_by


def _ket_nap_expr(d: RollupDates) -> Any:
    admitted = _nw().col("admitted_on")
    return (admitted >= d.year_start) & (admitted <= d.on)


def _column(name: str) -> Expression:
    return lambda d: _nw().col(name)


def _missing(name: str) -> Expression:
    return lambda d: _nw().col(name).is_null()


def _seat_expr(d: RollupDates) -> Any:
    return ~_nw().col("committee_role").is_null()


def _level_expr(name: str, levels: Iterable[Any]) -> Expression:
    codes = sorted(level.value for level in levels)
    return lambda d: _nw().col(name).is_in(codes)


def _builtin(
    code: str,
    source: str | None,
    expression: Expression | None,
    *,
    among: str | None = ACTIVE,
    unknown: Expression | None = None,
    columns: Sequence[str] = (),
    difference: tuple[str, str] | None = None,
    sql: str | None = None,
    sql_unknown: str | None = None,
) -> MemberCount:
    return MemberCount(
        get_indicator(code),
        None if source is None else _inline(source),
        expression,
        unknown,
        among,
        columns,
        difference,
        source,
        sql,
        sql_unknown,
    )


def _sql_active(day: str) -> str:
    return f"admitted_on <= {day} AND (left_on IS NULL OR left_on > {day})"


def _sql_level(name: str, levels: Iterable[Any]) -> str:
    codes = ", ".join(f"'{code}'" for code in sorted(level.value for level in levels))
    return f"{name} IN ({codes})"


_DATE_COLUMNS = ("admitted_on", "left_on")

#: The built-in member counts, in the order of a rollup's member block.
_BUILTIN: tuple[MemberCount, ...] = (
    _builtin(
        ACTIVE,
        "start <= on and (left is None or on < left)",
        lambda d: _active_expr(d.on),
        among=None,
        columns=_DATE_COLUMNS,
        sql=_sql_active("{on}"),
    ),
    _builtin(
        "dang_vien_chinh_thuc",
        # The 12-month mark, inlined: official_by replaces the date arithmetic. A late
        # decision (official_on) does not move it.
        "(m.ceremony_on or start) <= official_by",
        _official_expr,
        columns=("admitted_on", "ceremony_on"),
        sql="COALESCE(ceremony_on, admitted_on) <= {official_by}",
    ),
    _builtin("dang_vien_du_bi", None, None, difference=(ACTIVE, "dang_vien_chinh_thuc")),
    _builtin(
        "dang_vien_cuoi_nam_truoc",
        "start <= previous and (left is None or previous < left)",
        lambda d: _active_expr(d.previous),
        among=None,
        columns=_DATE_COLUMNS,
        sql=_sql_active("{previous}"),
    ),
    _builtin(
        "ket_nap",
        "year_start <= start <= on",
        _ket_nap_expr,
        among=None,
        columns=("admitted_on",),
        sql="admitted_on >= {year_start} AND admitted_on <= {on}",
    ),
    _builtin(
        "dang_vien_dang_cong_tac",
        "m.is_working",
        _column("is_working"),
        unknown=_missing("is_working"),
        columns=("is_working",),
        sql="is_working",
        sql_unknown="is_working IS NULL",
    ),
    _builtin(
        "dang_vien_giu_lien_he_noi_cu_tru",
        "m.keeps_residence_contact",
        _column("keeps_residence_contact"),
        among="dang_vien_dang_cong_tac",
        unknown=_missing("keeps_residence_contact"),
        columns=("keeps_residence_contact",),
        sql="keeps_residence_contact",
        sql_unknown="keeps_residence_contact IS NULL",
    ),
    _builtin(
        "cap_uy_vien",
        "m.committee_role is not None",
        _seat_expr,
        columns=("committee_role",),
        sql="committee_role IS NOT NULL",
    ),
    _builtin(
        "cap_uy_vien_cao_dang_tro_len",
        "None if (education := m.education) is None else education in HIGH_EDUCATION",
        _level_expr("education", _HIGH_EDUCATION),
        among="cap_uy_vien",
        unknown=_missing("education"),
        columns=("education",),
        sql=_sql_level("education", _HIGH_EDUCATION),
        sql_unknown="education IS NULL",
    ),
    _builtin(
        "cap_uy_vien_trung_cap_llct_tro_len",
        "None if (theory := m.political_theory) is None else theory in HIGH_THEORY",
        _level_expr("political_theory", _HIGH_THEORY),
        among="cap_uy_vien",
        unknown=_missing("political_theory"),
        columns=("political_theory",),
        sql=_sql_level("political_theory", _HIGH_THEORY),
        sql_unknown="political_theory IS NULL",
    ),
)

_MEMBER_COUNTS: dict[str, MemberCount] = {count.code: count for count in _BUILTIN}


def member_counts() -> tuple[MemberCount, ...]:
    """Every member-derived count, built-in ones first, in registration order."""
    return tuple(_MEMBER_COUNTS.values())


#: The rollup's dates an SQL test may name, as ``{on}``: written in as date literals.
SQL_DATES = ("on", "previous", "year_start", "official_by")


def _check_sql_dates(code: str, name: str, text: str) -> None:
    """Refuse an SQL test whose ``{…}`` names no date of the rollup, or whose own brace
    is single: it failed only when a database was rolled up (``KeyError('today')``)."""
    try:
        # Each "{…}" as written: a conversion ("{on!r}") or a format ("{on:%Y}") would
        # be applied to the date's SQL literal, not to a date.
        fields = [
            field + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "")
            for _, field, spec, conversion in Formatter().parse(text)
            if field is not None
        ]
    except ValueError:
        raise IndicatorError(
            N_(
                "số đếm {code}: {name} có dấu ngoặc nhọn lẻ; dấu ngoặc nhọn của chính câu SQL "
                "viết đôi: {{{{ và }}}}",
                code=repr(code),
                name=name,
            )
        ) from None
    for found in fields:
        if found not in SQL_DATES:
            raise IndicatorError(
                N_(
                    "số đếm {code}: {name} có {found}, không phải một ngày của kỳ tổng hợp; "
                    "các chỗ thay được: {known}",
                    code=repr(code),
                    name=name,
                    found="{" + found + "}",
                    known=", ".join("{" + date_name + "}" for date_name in SQL_DATES),
                )
            )


def register_member_count(
    indicator: Indicator,
    decide: Decide,
    expression: Expression,
    *,
    unknown: Expression | None = None,
    among: str | None = ACTIVE,
    columns: Sequence[str] = (),
    sql: str | None = None,
    sql_unknown: str | None = None,
) -> MemberCount:
    """Count members by a test of your own, in every rollup from now on.

    The count then works like a built-in one: :func:`~coso_dang.rollup.rollup` and
    :func:`~coso_dang.frame.rollup_frame` count it into each chi bộ and merge it up the
    tree, :meth:`Rollup.to_records <coso_dang.rollup.Rollup.to_records>` has its
    column, and rules and reports read it by its code. Registering the same count again
    is harmless.

    Args:
        indicator: the count's code, Vietnamese label and unit (registered too).
        decide: ``decide(member, dates)`` for one member on the rollup's
            :class:`RollupDates`: ``True`` counts, ``False`` does not, ``None`` means
            unknown (the count is then unknown for the chi bộ and above).
        expression: ``expression(dates)``: the same test as a narwhals expression over
            a members table, true where a row counts (null counts as false). Date
            columns may be datetimes: the dates given match the table's. It runs in
            lazy engines too (a polars ``LazyFrame``, DuckDB, Dask), so it uses only
            row-wise expressions, no aggregation or window over the table.
        unknown: ``unknown(dates)``: a narwhals expression true where a row's answer is
            unknown; ``None`` when it is always known.
        among: the code of the member count this one is taken among: ``"dang_vien"``
            (active members, the default), another registered member count, or ``None``
            for every member record of the chi bộ, active or not.
        columns: the members-table columns the expressions read: member fields, which
            :func:`~coso_dang.frame.members_frame` then copies too.
        sql: the same test as an SQL condition over the members table's columns, for
            :func:`~coso_dang.sql.rollup_sql` (e.g. ``"ethnicity <> 'kinh'"``);
            ``{on}``, ``{previous}``, ``{year_start}`` and ``{official_by}`` stand for
            the rollup's dates, written as ISO date literals (``'2024-12-31'``), which
            SQLite, DuckDB and PostgreSQL all compare with their date columns. Without
            it the SQL path refuses to roll up, naming this count.
        sql_unknown: an SQL condition true where a row's answer is unknown; given with
            *sql* exactly when *unknown* is given.

    Raises:
        IndicatorError: the code is taken by another indicator or member count, *among*
            is no member count, or a column is no :class:`Member` field.

    Đảng viên là người dân tộc thiểu số, from the coded ethnicity (unknown where it was
    not recorded):

    >>> from coso_dang import Indicator, Member, Organization, OrgKind, OrgTree, rollup
    >>> from coso_dang import register_member_count, unregister_member_count
    >>> from coso_dang.attributes import Ethnicity
    >>> MINORITIES = [e.value for e in Ethnicity if e.is_minority]
    >>> def minority(member, dates):
    ...     return None if member.ethnicity is None else member.ethnicity.is_minority
    >>> def minority_expression(dates):
    ...     import narwhals as nw
    ...     return nw.col("ethnicity").is_in(MINORITIES)
    >>> def ethnicity_missing(dates):
    ...     import narwhals as nw
    ...     return nw.col("ethnicity").is_null()
    >>> count = register_member_count(
    ...     Indicator("dang_vien_dan_toc_thieu_so",
    ...               "Đảng viên là người dân tộc thiểu số", "đảng viên"),
    ...     minority, minority_expression, unknown=ethnicity_missing, columns=["ethnicity"])
    >>> tree = OrgTree.build(
    ...     [Organization("cb", "Chi bộ cơ sở bản Nà Hẩu", OrgKind.CHI_BO_CO_SO)],
    ...     [Member("dv1", "Lò Văn Páo", "cb", admitted_on=date(2015, 3, 2),
    ...             ethnicity=Ethnicity.THAI),
    ...      Member("dv2", "Nguyễn Văn An", "cb", admitted_on=date(2018, 5, 19),
    ...             ethnicity=Ethnicity.KINH),
    ...      Member("dv3", "Vàng A Sử", "cb", admitted_on=date(2020, 9, 2),
    ...             ethnicity=Ethnicity.MONG)],
    ... )
    >>> rollup(tree, year=2024).root["dang_vien_dan_toc_thieu_so"]
    2
    >>> unregister_member_count("dang_vien_dan_toc_thieu_so")  # the example ends here
    """
    if not isinstance(indicator, Indicator):
        raise IndicatorError(
            N_("số đếm đảng viên cần một Indicator, không phải {given}", given=repr(indicator))
        )
    if not callable(decide) or not callable(expression):
        raise IndicatorError(
            N_(
                "số đếm {code}: decide và expression phải là hàm (callable)",
                code=repr(indicator.code),
            )
        )
    if unknown is not None and not callable(unknown):
        raise IndicatorError(
            N_("số đếm {code}: unknown phải là hàm hoặc None", code=repr(indicator.code))
        )
    if among is not None:
        parent = _MEMBER_COUNTS.get(among)
        if parent is None or parent.difference is not None:
            raise IndicatorError(
                N_(
                    "số đếm {code}: among={among} không phải số đếm đảng viên có phép thử "
                    "riêng (như dang_vien, hoặc None cho mọi hồ sơ)",
                    code=repr(indicator.code),
                    among=repr(among),
                )
            )
    if isinstance(columns, str):
        # list("ethnicity") would be its letters, each read as a column.
        raise IndicatorError(
            N_(
                "số đếm {code}: columns là một dãy tên cột, không phải một chuỗi: viết [{column}]",
                code=repr(indicator.code),
                column=repr(columns),
            )
        )
    fields = {a.name for a in _member_fields()}
    for column in columns:
        if column not in fields:
            raise IndicatorError(
                N_(
                    "số đếm {code}: cột {column} không phải một trường của Member",
                    code=repr(indicator.code),
                    column=repr(column),
                )
            )
    for name, text in (("sql", sql), ("sql_unknown", sql_unknown)):
        if text is not None and not isinstance(text, str):
            raise IndicatorError(
                N_(
                    "số đếm {code}: {name} phải là một chuỗi SQL hoặc None",
                    code=repr(indicator.code),
                    name=name,
                )
            )
    for name, text in (("sql", sql), ("sql_unknown", sql_unknown)):
        if text is not None:
            _check_sql_dates(indicator.code, name, text)
    if sql is not None and (unknown is None) != (sql_unknown is None):
        # Both paths must agree on when the answer is unknown.
        raise IndicatorError(
            N_(
                "số đếm {code}: có unknown thì phải có sql_unknown, và ngược lại",
                code=repr(indicator.code),
            )
        )
    count = MemberCount(
        indicator, decide, expression, unknown, among, columns, sql=sql, sql_unknown=sql_unknown
    )
    known = _MEMBER_COUNTS.get(indicator.code)
    if known is not None:
        if known != count:
            raise IndicatorError(N_("số đếm {code} đã được đăng ký", code=repr(indicator.code)))
        return known
    if (
        indicator.code in ORG_CODES
        or indicator.code in RATING_CODES
        or indicator.code in UNIT_CODES
    ):
        raise IndicatorError(N_("chỉ tiêu {code} đã được thư viện đếm", code=repr(indicator.code)))
    register_indicator(indicator)
    _MEMBER_COUNTS[indicator.code] = count
    return count


def unregister_member_count(code: str) -> None:
    """Forget a count added with :func:`register_member_count`, and its indicator.

    For tests that register a count for a while. Built-in counts stay.

    Raises:
        IndicatorError: *code* is no registered member count, a built-in one, or another
            count is taken among it.
    """
    count = _MEMBER_COUNTS.get(code)
    if count is None or count in _BUILTIN:
        raise IndicatorError(
            N_("{code} không phải số đếm đảng viên do người dùng đăng ký", code=repr(code))
        )
    below = [c.code for c in _MEMBER_COUNTS.values() if c.among == code]
    if below:
        raise IndicatorError(
            N_(
                "số đếm {code}: các số đếm {below} được đếm trong nó; hãy bỏ chúng trước",
                code=repr(code),
                below=", ".join(below),
            )
        )
    unregister_indicator(code)
    del _MEMBER_COUNTS[code]


def _member_fields() -> tuple[Any, ...]:
    import attrs

    return tuple(attrs.fields(Member))


# -- breakdowns: categorical member counts ----------------------------------------------------


@frozen
class CategoryCount:
    """One breakdown of one population, counted per chi bộ like every member count.

    Each member of :attr:`population` (``"dang_vien"``: active on the reporting date;
    ``"ket_nap"``: admitted in the year up to it) gets one key from
    :attr:`Attribute.place <coso_dang.breakdowns.Attribute.place>` and adds one to its
    category's slot, and to the category's women's slot when she is a woman. A member
    whose value is unknown adds to ``..._chua_ro`` (always known) and makes the
    category counts unknown for the chi bộ and above; a member whose sex is unknown
    makes the women's counts unknown. The codes are :meth:`Attribute.codes
    <coso_dang.breakdowns.Attribute.codes>`.
    """

    attribute: Attribute
    population: str

    @property
    def code(self) -> str:
        """``<population>_<attribute code>``: the prefix of its indicator codes."""
        return f"{self.population}_{self.attribute.code}"

    @property
    def codes(self) -> tuple[str, ...]:
        """Its indicator codes, in a rollup's order (see :meth:`Attribute.codes`)."""
        return self.attribute.codes(self.population)

    @property
    def whole(self) -> str:
        """The member count of the population it breaks down."""
        return ACTIVE if self.population == "dang_vien" else "ket_nap"


def _indicators(count: CategoryCount) -> tuple[Indicator, ...]:
    population = POPULATIONS[count.population]
    head = f"{population} - {count.attribute.label}"
    flow = count.population == "ket_nap"
    made: list[Indicator] = []
    for category, label in count.attribute.categories:
        made.append(
            Indicator(f"{count.code}_{category}", f"{head}: {label}", "đảng viên", flow=flow)
        )
        made.append(
            Indicator(f"{count.code}_{category}_nu", f"{head}: {label}, nữ", "đảng viên", flow=flow)
        )
    made.append(
        Indicator(
            f"{count.code}_{UNKNOWN_CODE}", f"{head}: chưa có thông tin", "đảng viên", flow=flow
        )
    )
    if count.attribute.code == "tuoi":
        made.append(
            Indicator(f"{count.code}_tong", f"{population}: tổng số tuổi", "tuổi", flow=flow)
        )
        made.append(
            Indicator(
                f"{count.code}_so_nguoi", f"{population}: số người có tuổi", "đảng viên", flow=flow
            )
        )
    assert tuple(i.code for i in made) == count.codes  # one order, declared by the Attribute
    return tuple(made)


def _relations(count: CategoryCount) -> None:
    """What :meth:`Tally.problems` checks of one breakdown: its rows and unknown add up to
    the population (or stay within it), each row's women stay within the row, all its
    women within the population's women, and the ages are over the members whose age is
    known."""
    codes = count.codes
    rows = codes[0 : 2 * len(count.attribute.categories) : 2]
    women = codes[1 : 2 * len(count.attribute.categories) : 2]
    unknown = f"{count.code}_{UNKNOWN_CODE}"
    register_relation(count.whole, (*rows, unknown), count.attribute.exhaustive, name=count.code)
    register_relation(f"{count.population}_gioi_tinh_nu", women, False, name=f"{count.code} (nữ)")
    for row, woman in zip(rows, women, strict=True):
        register_relation(row, (woman,), False)
    if count.attribute.code == "tuoi":
        register_relation(count.whole, (f"{count.code}_so_nguoi", unknown), True)


#: Every breakdown of every population, by code (``dang_vien_tuoi``...), in the order
#: of a rollup's breakdown block.
CATEGORY_COUNTS: dict[str, CategoryCount] = {}
for _population in POPULATIONS:
    for _attribute in ATTRIBUTES.values():
        _count = CategoryCount(_attribute, _population)
        CATEGORY_COUNTS[_count.code] = _count
        for _indicator in _indicators(_count):
            register_indicator(_indicator)
        _relations(_count)
#: The indicator codes of every breakdown: a rollup has them only when it counted them.
BREAKDOWN_CODES: frozenset[str] = frozenset(
    code for count in CATEGORY_COUNTS.values() for code in count.codes
)


def category_counts(
    breakdowns: bool | Collection[str], function: str = "rollup"
) -> tuple[CategoryCount, ...]:
    """The breakdowns a rollup counts: ``True`` for all, ``False`` for none, or the codes
    of :data:`~coso_dang.breakdowns.ATTRIBUTES` wanted (``["tuoi", "dan_toc"]``); the
    sexes are always counted with any, since every breakdown's women are read against
    them, and so is the breakdown whose rows one of them adds up
    (:data:`~coso_dang.breakdowns.SUMMED`). Both populations are counted.

    Raises:
        BreakdownError: a code that is no breakdown.
        UsageError: *breakdowns* is neither a bool nor a collection of codes (the
            error names *function*).
    """
    if breakdowns is True:
        wanted = set(ATTRIBUTES)
    elif breakdowns is False:
        return ()
    else:
        if isinstance(breakdowns, str):
            breakdowns = (breakdowns,)
        # A number or None (``breakdowns=1``) failed with Python's "object is not
        # iterable"; a code of another type matched no breakdown by its repr.
        codes = tuple(breakdowns) if isinstance(breakdowns, Iterable) else None
        if codes is None or not all(isinstance(code, str) for code in codes):
            expected = N_("True, False hoặc các mã phân tổ")
            odd = breakdowns if codes is None else next(c for c in codes if not isinstance(c, str))
            raise UsageError(function, "breakdowns", expected, odd)
        wanted = set(codes)
        strays = sorted(code for code in wanted if code not in ATTRIBUTES)
        if strays:
            raise BreakdownError(
                N_(
                    "không có phân tổ {code}; các phân tổ: {choices}",
                    code=", ".join(map(repr, strays)),
                    choices=", ".join(ATTRIBUTES),
                )
            )
        if not wanted:
            return ()
        wanted.add("gioi_tinh")
        # A row that adds up another breakdown's rows ("dân tộc thiểu số") is hidden by
        # that breakdown's small cells: count it along.
        wanted.update(SUMMED[code][0] for code in list(wanted) if code in SUMMED)
    return tuple(c for c in CATEGORY_COUNTS.values() if c.attribute.code in wanted)


def count_categories(
    tree: OrgTree, dates: RollupDates, plan: Plan
) -> tuple[list[int], Any, Mapping[int, AbstractSet[int]]]:
    """Every chi bộ's breakdown block: the chi bộ's positions in the tree, their counts
    (a list per chi bộ, or with numpy their :class:`ChiBoColumns`, a row per chi bộ in
    the tree's order) and the unknown slots of each row.

    The counts are in the plan's order from its first breakdown slot; unknown slots are
    positions in the plan's vectors. The counting runs over the whole tree at once, a
    breakdown at a time, so that the loops over members are the interpreter's own
    (``map``, ``Counter``, ``accumulate``) over small integer keys (chi bộ, category,
    woman or not): a member is placed once per distinct value of the field its attribute
    reads, not once per member. With numpy installed, the fields are read once per tree
    (:class:`~coso_dang._member_arrays.MemberArrays`) and numpy counts the keys (a
    ``bincount`` per breakdown and run of chi bộ, no Python work per member, chi bộ or
    category) instead of a ``Counter``: the same counts.
    """
    width = sum(len(count.codes) for count in plan.breakdowns)
    np = _numpy()
    if np is not None:
        return _count_categories_arrays(np, tree, dates, plan, width)
    position = tree.pre_order().position
    chi_bo = [position[org_id] for org_id, _ in tree.member_groups()]
    on, first = dates.on, dates.year_start
    blocks = [[0] * width for _ in chi_bo]
    unknown: dict[int, set[int]] = {}
    for population in POPULATIONS:
        counts = [c for c in plan.breakdowns if c.population == population]
        if not counts:
            continue
        members: list[Member] = []
        orgs: list[int] = []
        ends: list[int] = []  # where each chi bộ's members end in *members*
        for at, (_, group) in enumerate(tree.member_groups()):
            if population == "dang_vien":
                chosen = [
                    m
                    for m in group
                    if m.admitted_on <= on and (m.left_on is None or on < m.left_on)
                ]
            else:
                chosen = [m for m in group if first <= m.admitted_on <= on]
            members += chosen
            orgs += repeat(at, len(chosen))
            ends.append(len(members))
        if members:
            _count_population(members, orgs, ends, on, counts, plan, blocks, unknown)
    return chi_bo, blocks, unknown


def _numpy() -> Any:
    """numpy when it is installed (the ``dataframe`` extra), else ``None``: the object
    path needs only the core dependencies, and counts without it."""
    try:
        import numpy
    except ImportError:  # pragma: no cover - the test environment has the extra
        return None
    return numpy


def _count_population(
    members: list[Member],
    orgs: list[int],
    ends: list[int],
    on: date,
    counts: list[CategoryCount],
    plan: Plan,
    blocks: list[list[int]],
    unknown: dict[int, set[int]],
) -> None:
    """Count one population's breakdowns. A member's key is ``chi bộ * stride + 2 *
    category + woman``: one integer, so one ``Counter`` pass counts a breakdown."""
    stride = 2 * (max(len(c.attribute.categories) for c in counts) + 2)
    genders = list(map(id, map(attrgetter("gender"), members)))
    woman_of = {id(g): int(g is Gender.NU) for g in (*Gender, None)}
    # Each member's chi bộ and sex, as the part of the key every breakdown shares.
    shared = list(map(add, map(stride.__mul__, orgs), map(woman_of.__getitem__, genders)))
    no_sex = set(compress(orgs, map(id(None).__eq__, genders)))
    start = plan.block_end  # the first breakdown slot
    fields = _Fields(members)

    for count in counts:
        attribute = count.attribute
        categories = len(attribute.categories)
        base = plan.index[count.codes[0]]
        lost = 2 * categories  # ..._chua_ro, after the categories and their women
        # 2 * category -> its slot; the unknown at 2 * categories; no row at 2 * categories + 2.
        nowhere = lost + 2
        doubled = {category: 2 * i for i, (category, _) in enumerate(attribute.categories)}
        doubled[UNKNOWN] = lost
        keys = _category_keys(attribute, fields, on, doubled, nowhere)
        offset = base - start
        unknown_orgs: set[int] = set()
        for key, n in Bag(map(add, shared, keys)).items():
            at, rest = divmod(key, stride)
            if rest >= nowhere:
                continue
            block = blocks[at]
            if rest >= lost:  # the unknown, women or not
                unknown_orgs.add(at)
                block[offset + lost] += n
                continue
            block[offset + rest - (rest & 1)] += n
            if rest & 1:  # women: in the row and in its women's slot after it
                block[offset + rest] = n
        if attribute.code == "tuoi":
            # The sum of known ages and how many are known, per chi bộ: running sums over
            # the members, who come chi bộ by chi bộ.
            running = [0, *accumulate(_ages(fields, on))]
            begin = 0
            for block, end in zip(blocks, ends, strict=True):
                if end > begin:
                    block[offset + lost + 1] = running[end] - running[begin]
                    block[offset + lost + 2] = end - begin - block[offset + lost]
                begin = end
        _hide(count, base, unknown_orgs, no_sex, unknown)


#: A population of less than this share of the tree's members (the year's admissions)
#: is picked out of them; a larger one is counted in place (see _count_categories_arrays).
_PICKED_BELOW = 0.25


class _Job(NamedTuple):
    """A breakdown of a population, ready to be counted run by run of chi bộ."""

    breakdown: CategoryCount
    #: The column of its first slot among the plan's counts.
    base: int
    #: As :func:`_rows_of` gives them: each distinct value's row, each member's value
    #: (only those picked out, for a small population), the categories some member is
    #: placed in, and which values some member holds.
    row_of: Any
    values: Any
    present: list[int]
    seen: Any
    #: Its rows in a run's counts, and each member's row with its sex.
    stride: int
    row_by: Any
    #: The field and how it is read: a breakdown of the same one sums its rows.
    field_key: tuple[tuple[str, ...], Callable[[Member], object] | None]
    #: Whether each held category has its columns written.
    counting: list[bool]


#: How many counts (chi bộ × rows) a run of chi bộ is counted into at once: a few
#: megabytes, which the cache holds.
_CELLS_PER_RUN = 2**19
#: Counts whose running sums stay below this are held as 32-bit integers (both rollup
#: paths): half the memory of 64-bit ones to fill, write and sum up the tree.
INT32_BELOW = 2**31


def _count_categories_arrays(
    np: Any, tree: OrgTree, dates: RollupDates, plan: Plan, width: int
) -> tuple[list[int], Any, dict[int, frozenset[int]]]:
    """:func:`count_categories` with numpy: the same keys, counted by ``bincount`` into
    a key × chi bộ table whose rows are the breakdown's slots, a run of chi bộ at a
    time, and the age sums by a weighted ``bincount``. Each distinct value of a field
    is placed by its attribute once per day (:meth:`MemberArrays.placed`), not once
    per member."""
    arrays = MemberArrays.of(np, tree)
    n = len(arrays.places)
    on = dates.on
    # The counts as 32-bit integers where their running sums (ChiBoColumns) cannot pass
    # 2 ** 31 - 1: every member in one column, or the sum of their ages. Half the memory
    # of 64-bit ones to fill, write and sum up the tree.
    largest = 1
    if any(count.attribute.code == "tuoi" for count in plan.breakdowns):
        ages = arrays.ages(np, on)
        largest = max(1, int(np.abs(ages).max())) if len(ages) else 1
    small = len(arrays.members) * largest < INT32_BELOW
    # Column-major: each breakdown writes whole columns, and the sums up the tree read
    # them. A first row of zeros, for the running sums they become (ChiBoColumns).
    blocks = np.zeros((n + 1, width), np.int32 if small else np.int64, order="F")
    counted = blocks[1:]
    # Which chi bộ hide each breakdown's slots (for an unknown value), and its women's
    # (for an unknown sex): two flags per breakdown, whose few patterns become the sets.
    hiding = np.zeros((n, 2 * len(plan.breakdowns)), bool)
    hidden_by: list[list[int]] = []
    written: set[int] = set()  # the columns holding some count
    day, first = on.toordinal(), dates.year_start.toordinal()
    admitted = arrays.admitted
    chosen = {
        "dang_vien": (admitted <= day) & (day < arrays.left),
        "ket_nap": (first <= admitted) & (admitted <= day),
    }
    sexes, sex_at = arrays.distinct(np, ("gender",))
    woman_of = np.array([m.gender is Gender.NU for m in sexes], np.uint8)
    no_sex_of = np.array([m.gender is None for m in sexes], bool)
    start = plan.block_end
    # The chi bộ are counted a run of them at a time, their members being a run too
    # (MemberArrays keeps them in the tree's order): each run's keys and counts stay in
    # the cache, where whole arrays of every member and of every chi bộ × category
    # (tens of megabytes) were made anew, and written, for each breakdown.
    widest = max(2 * len(c.attribute.categories) + 6 for c in plan.breakdowns)
    per_run = max(1, _CELLS_PER_RUN // widest)
    edges = [*range(0, n, per_run), n]
    for population in POPULATIONS:
        counts = [c for c in plan.breakdowns if c.population == population]
        picked = chosen[population]
        size = int(np.count_nonzero(picked))
        if not counts or not size:
            continue
        # A population of most members (those on the rolls) is counted in place, a
        # member outside it in a row of its own (counted and dropped): picking the
        # others out copied each breakdown's column of every member. A small one (the
        # year's admissions) is picked out.
        rows: Any = None
        outside: Any = None
        if size < _PICKED_BELOW * len(picked):
            rows = np.flatnonzero(picked)
            chi_bo, woman = arrays.chi_bo[rows], woman_of[sex_at[rows]]
            no_sex = chi_bo[no_sex_of[sex_at[rows]]]
        else:
            chi_bo, woman = arrays.chi_bo, woman_of[sex_at]
            no_sex = chi_bo[no_sex_of[sex_at] & picked]
            if size < len(picked):
                outside = ~picked
        # Where each run of chi bộ begins among the members, and each member's chi bộ
        # within its run.
        bounds = np.searchsorted(chi_bo, edges).tolist()
        within = chi_bo % per_run
        # Each breakdown's member values, and how they are counted: the finer breakdown
        # of a field first, the one whose categories join its rows (the minorities of
        # the ethnicities, the believers of the religions) summing them after it.
        jobs: list[_Job] = []
        for count in sorted(counts, key=lambda c: -len(c.attribute.categories)):
            attribute = count.attribute
            row_of, index, present, seen = _rows_of(np, arrays, attribute, on)
            some = len(present)
            # The rows of a category: all, women; then the unknown's, the no row's, and
            # (counted in place) the members outside the population.
            stride = 2 * some + 6
            if rows is not None:
                index = index[rows]
                # A category's two columns are written (and summed up the tree) only
                # where some chi bộ counts in it: the others stay the zeros they were made.
                held = np.bincount(row_of[index], minlength=some + 2)[:some] > 0
                counting = held.tolist()
            else:
                counting = [True] * some
            base = plan.index[count.codes[0]]
            for first_at, last_at in _runs(present, counting):
                written.update(
                    range(
                        base - start + 2 * present[first_at],
                        base - start + 2 * present[last_at] + 2,
                    )
                )
            field_key = (attribute.reads, attribute.value_of)
            jobs.append(
                _Job(
                    breakdown=count,
                    base=base,
                    row_of=row_of,
                    values=index,
                    present=present,
                    seen=seen,
                    stride=stride,
                    row_by=_rows_by(np, row_of, index, stride),
                    field_key=field_key,
                    counting=counting,
                )
            )
        # Each breakdown's two columns of the hiding flags (see below).
        first_job = len(hidden_by) // 2
        for count, base, *_ in jobs:
            hidden_by += _hidden(count, base)
        if any(count.attribute.code == "tuoi" for count in counts):
            _, born_at = arrays.distinct(np, ("birth_date",))
            if rows is not None:
                born_at = born_at[rows]
            aged_of = arrays.ages(np, on).astype(np.float64)
        keys = np.empty(max(1, int(np.diff(bounds).max(initial=0))), np.int64)
        for c0, c1, m0, m1 in zip(edges, edges[1:], bounds, bounds[1:], strict=False):
            size_run = m1 - m0
            if not size_run:
                continue
            bins = c1 - c0
            here = within[m0:m1]
            key = keys[:size_run]
            counted_here = counted[c0:c1]
            by_field: dict[object, tuple[Any, Any]] = {}
            for job, each in enumerate(jobs):
                count, base, row_of, index, present, seen = each[:6]
                stride, row_by, field_key, counting = each[6:]
                attribute = count.attribute
                lost = 2 * len(attribute.categories)
                some = len(present)
                # Summing rows over every chi bộ pays against a pass over most members,
                # not against the few picked out (the year's admissions).
                counted_field = by_field.get(field_key) if rows is None else None
                cells = _joined(np, counted_field, row_of, seen, stride, bins)
                if cells is None:
                    # A member's key is (2 * row + woman) * bins + its chi bộ in the
                    # run: each row's counts come out of the bincount as a run over
                    # the chi bộ, the column of the counts it is copied to.
                    doubled = row_by(index[m0:m1])
                    doubled += woman[m0:m1]
                    if outside is not None:
                        np.copyto(doubled, stride - 2, where=outside[m0:m1])
                    np.multiply(doubled, bins, out=key, dtype=np.int64)
                    key += here
                    cells = np.bincount(key, minlength=bins * stride).reshape(stride, bins)
                    by_field.setdefault(field_key, (row_of, cells))
                offset = base - start
                for first_at, last_at in _runs(present, counting):
                    at, end = offset + 2 * present[first_at], offset + 2 * present[last_at] + 2
                    women = cells[2 * first_at + 1 : 2 * last_at + 2 : 2].T
                    both = cells[2 * first_at : 2 * last_at + 2 : 2].T
                    np.add(both, women, out=counted_here[:, at:end:2])
                    counted_here[:, at + 1 : end : 2] = women
                missing = cells[2 * some] + cells[2 * some + 1]
                if missing.any():
                    counted_here[:, offset + lost] = missing
                    written.add(offset + lost)
                if attribute.code == "tuoi":
                    # Sums of whole numbers as floats: exact, far below 2 ** 53.
                    aged = aged_of[born_at[m0:m1]]
                    if outside is not None:
                        aged[outside[m0:m1]] = 0
                    total = np.bincount(here, weights=aged, minlength=bins)
                    counted_here[:, offset + lost + 1] = total.astype(np.int64)
                    # Whose age is known: every member of the chi bộ in the population,
                    # in some row of the cells (the no row's too), less the unknown. No
                    # second pass over the members.
                    counted_here[:, offset + lost + 2] = cells[: stride - 2].sum(axis=0) - missing
                    written.update((offset + lost + 1, offset + lost + 2))
                hiding[c0:c1, 2 * (first_job + job)] = missing > 0
        for job in range(len(jobs)):
            hiding[no_sex, 2 * (first_job + job) + 1] = True
    rows = np.flatnonzero(hiding.any(axis=1))
    # Each row's flags as whole words: sorting rows of bools to find the patterns took
    # longer than the counting.
    words = np.packbits(hiding[rows], axis=1, bitorder="little")
    words = np.pad(words, ((0, 0), (0, -words.shape[1] % 8))).view("<u8")
    if words.shape[1] == 1:
        _, first, pattern_of = np.unique(words[:, 0], return_index=True, return_inverse=True)
    else:
        _, first, pattern_of = np.unique(words, axis=0, return_index=True, return_inverse=True)
    sets = [
        frozenset(chain.from_iterable(compress(hidden_by, hiding[row].tolist())))
        for row in rows[first].tolist()
    ]
    shared = map(sets.__getitem__, pattern_of.ravel().tolist())
    columns = ChiBoColumns(blocks, arrays.places.tolist(), sorted(written))
    return columns.places, columns, dict(zip(rows.tolist(), shared, strict=True))


def _rows_of(
    np: Any, arrays: MemberArrays, attribute: Attribute, on: date
) -> tuple[Any, Any, list[int], Any]:
    """How a breakdown's members are counted: the pair of rows (all, women) of each
    distinct value of its field, each member's value (:meth:`MemberArrays.distinct`),
    the categories some member is placed in, and which values some member holds.

    Only the categories some member's value is placed in are counted (an ethnicity or a
    religion no member holds counts nothing): the rows are theirs, then the unknown's
    and the no row's."""
    lost = 2 * len(attribute.categories)
    nowhere = lost + 2
    _, index = arrays.distinct(np, attribute.reads, attribute.value_of)
    slots: dict[str | None, int] = {None: nowhere, UNKNOWN: lost}
    slots.update((c, 2 * i) for i, (c, _) in enumerate(attribute.categories))
    placed = arrays.placed(np, attribute, on, slots)
    seen = arrays.seen(np, attribute.reads, attribute.value_of)
    held_slots = np.unique(placed if seen is None else placed[seen])
    present: list[int] = (held_slots[held_slots < lost] // 2).tolist()
    some = len(present)
    pair = np.full(nowhere + 1, some + 1, np.int64)
    pair[lost] = some
    pair[np.array(present, np.int64) * 2] = np.arange(some)
    return pair[placed], index, present, seen


def _rows_by(np: Any, row_of: Any, index: Any, stride: int) -> Callable[[Any], Any]:
    """How a run of members' rows are found: from their values (a run of *index*), each
    one's first row (twice its pair of rows, *row_of* its value), a fresh array of small
    integers. A value held in one byte (a coded field's) finds its row by
    ``bytes.translate``, a lookup at memory speed, where numpy's indexing first widens
    every byte to a 64-bit index."""
    small = stride <= 256
    twice = np.asarray(2 * row_of, np.uint8 if small else np.uint16)
    if small and index.dtype == np.uint8 and len(twice) <= 256:
        lookup = twice.tobytes().ljust(256, b"\0")

        def translated(values: Any) -> Any:
            return np.frombuffer(bytearray(values.tobytes().translate(lookup)), np.uint8)

        return translated
    found: Callable[[Any], Any] = twice.__getitem__
    return found


def _joined(
    np: Any, counted: tuple[Any, Any] | None, row_of: Any, seen: Any, stride: int, n: int
) -> Any:
    """A breakdown's cells (its rows over the chi bộ, two per category: all, women) as
    sums of the rows of another breakdown of the same field already *counted* (its row
    of each distinct value, and its cells), or ``None`` when some of those rows hold
    values of two of this one's rows (*row_of*, for each value)."""
    if counted is None:
        return None
    their_row_of, their_cells = counted
    held = slice(None) if seen is None else seen
    theirs, mine = their_row_of[held], row_of[held]
    into = np.full(len(their_cells) // 2, -1, np.int64)
    into[theirs] = mine
    if not (into[theirs] == mine).all():
        return None
    cells = np.zeros((stride, n), their_cells.dtype)
    for their, row in enumerate(into.tolist()):
        # The last two pairs are the no row's and the members' outside the population:
        # they count nowhere.
        if 0 <= row < stride // 2 - 2:
            cells[2 * row : 2 * row + 2] += their_cells[2 * their : 2 * their + 2]
    return cells


def _runs(present: list[int], counting: list[bool]) -> Iterator[tuple[int, int]]:
    """The runs of *present* (category numbers, ascending) that are counting and follow
    each other: the first and last index of each, in *present*."""
    begin: int | None = None
    for at, (category, yes) in enumerate(zip(present, counting, strict=True)):
        if begin is not None and (not yes or category != present[at - 1] + 1):
            yield begin, at - 1
            begin = None
        if yes and begin is None:
            begin = at
    if begin is not None:
        yield begin, len(present) - 1


def _hidden(count: CategoryCount, base: int) -> tuple[list[int], list[int]]:
    """The slots a breakdown hides where some member's value is unknown (its rows, their
    women, the age sums), and where some member's sex is (its women)."""
    lost = 2 * len(count.attribute.categories)
    hidden = [*range(base, base + lost)]
    if count.attribute.code == "tuoi":
        hidden += (base + lost + 1, base + lost + 2)  # the age sum and its count
    return hidden, [*range(base + 1, base + lost, 2)]


def _hide(
    count: CategoryCount,
    base: int,
    unknown_orgs: set[int],
    no_sex: set[int],
    unknown: dict[int, set[int]],
) -> None:
    """Mark a breakdown's slots unknown where some member's value is (its rows, their
    women, the age sums), and its women's slots where some member's sex is."""
    hidden, women_slots = _hidden(count, base)
    for at in unknown_orgs:
        unknown.setdefault(at, set()).update(hidden)
    for at in no_sex:
        unknown.setdefault(at, set()).update(women_slots)


class _Fields:
    """One population's members and each field's values, read once however many
    breakdowns read the field (the ethnicity, the religion, the admission day)."""

    __slots__ = ("members", "values")

    def __init__(self, members: list[Member]) -> None:
        self.members = members
        self.values: dict[str, list[Any]] = {}

    def __getitem__(self, name: str) -> list[Any]:
        found = self.values.get(name)
        if found is None:
            found = self.values[name] = list(map(attrgetter(name), self.members))
        return found


def _category_keys(
    attribute: Attribute, fields: _Fields, on: date, doubled: dict[str, int], nowhere: int
) -> Sequence[int]:
    """Each member's ``2 * category`` (*doubled*; *nowhere* for no row).

    A breakdown has few categories, so the keys are held a byte each when they fit:
    a ``bytearray`` is filled from the lookups at C speed and numpy reads it as it is,
    where a list of ints costs a conversion per member.
    """
    held: Callable[[Iterable[int]], Sequence[int]] = bytearray if nowhere < 256 else list
    members = fields.members
    place = attribute.place
    if len(attribute.reads) != 1:
        slot_of: dict[str | None, int] = {None: nowhere}
        slot_of.update(doubled)
        return held(map(slot_of.__getitem__, map(place, members, repeat(on))))
    name = attribute.reads[0]
    values = fields[name]
    known = coded_values(name)
    if known is not None:
        # A coded value or a flag is one object per value: keyed by identity, no hashing
        # of enum members (a Python call each).
        table = {}
        for value in known:
            category = place(SimpleNamespace(**{name: value}), on)  # type: ignore[arg-type]
            table[id(value)] = nowhere if category is None else doubled[category]
        try:
            return held(map(table.__getitem__, map(id, values)))
        except KeyError:
            pass
        # A value that is not one of those objects (its class imported a second time,
        # as doctest runners may do): placed by the attribute itself.
        keys: list[int | None] = list(map(table.get, map(id, values)))
        for at in [at for at, key in enumerate(keys) if key is None]:
            category = place(members[at], on)
            keys[at] = nowhere if category is None else doubled[category]
        return held(keys)  # type: ignore[arg-type]
    dated = {}
    for value in set(values):
        category = place(SimpleNamespace(**{name: value}), on)  # type: ignore[arg-type]
        dated[value] = nowhere if category is None else doubled[category]
    return held(map(dated.__getitem__, values))


def _ages(fields: _Fields, on: date) -> Iterator[int]:
    """Each member's age on *on*, 0 when unknown (for the sum of known ages): computed
    once per distinct birth date."""
    births = fields["birth_date"]
    age_of: dict[date | None, int] = {None: 0}
    for born in set(births):
        if born is not None:
            age_of[born] = completed_years(born, on)
    return map(age_of.__getitem__, births)


# -- the generated member loop -----------------------------------------------------------------

#: Counts one chi bộ's members (see :func:`_generate_counter` for the arguments).
Counter = Callable[
    [list[Member], RollupDates, list[str], list[int], int, list[int], "set[str] | None"],
    tuple[list[int], set[int], int],
]
_generated: dict[tuple[MemberCount, ...], Counter] = {}


def member_counter(counts: tuple[MemberCount, ...]) -> Counter:
    """The object path's loop over one chi bộ's members, for *counts* (made once)."""
    found = _generated.get(counts)
    if found is None:
        found = _generated[counts] = _generate_counter(counts)
    return found


def _unknowable(counts: Sequence[MemberCount]) -> list[bool]:
    """Whether each count can be unknown: by its own test or through its population."""
    slot = {c.code: i for i, c in enumerate(counts)}
    result: list[bool] = []
    for count in counts:
        if count.difference is not None:
            whole, part = count.difference
            result.append(result[slot[whole]] or result[slot[part]])
        elif count.source is None:
            result.append(True)  # a user's decide may answer None
        else:
            own = count.unknown is not None
            result.append(own or (count.among is not None and result[slot[count.among]]))
    return result


def _not_an_answer(code: str, answer: object) -> None:
    # The answer's type only: the value may be a member's personal data.
    raise IndicatorError(
        N_(
            "số đếm {code}: decide trả về một {got}; phải trả về True, False hoặc None",
            code=repr(code),
            got=type(answer).__name__,
        )
    )


def _generate_counter(counts: tuple[MemberCount, ...]) -> Counter:
    """Write the loop over one chi bộ's members from the declarations, and compile it.

    As attrs writes ``__init__``: the built-in tests are inlined, so one member costs a
    few attribute loads and comparisons, not a call per count. A user's test is one
    call. Member ratings are matched in lockstep: *rated_ids* / *rated_levels* are the
    year's member evaluations in input order (ending with a ``""`` sentinel), and *k*
    is the first not yet matched. A member whose id is the one at *k* adds its level to
    *rating_counts* (four levels) and moves *k* on; any other member is left for
    :func:`_match_leftovers`. Evaluations listed in member order (the usual export)
    thus cost one string comparison each, not a dictionary. The generated function
    returns the member block (in the order of *counts*), its unknown slots and the new
    *k*; the units active members live in go to *residences*.
    """
    slot = {c.code: i for i, c in enumerate(counts)}
    unknowable = _unknowable(counts)
    children: dict[str | None, list[int]] = {}
    for i, count in enumerate(counts):
        if count.difference is None:
            children.setdefault(count.among, []).append(i)
    namespace: dict[str, Any] = dict(_INLINE_NAMES)

    def emit(i: int) -> str:
        count = counts[i]
        if count.source is not None:
            test = f"({count.source})"
        else:
            namespace[f"decide_{i}"] = count.decide
            test = f"decide_{i}(m, dates)"
        body = f"c{i} += 1\n"
        for child in children.get(count.code, ()):
            body += emit(child)
        if count.source is None:
            # A user's test answers True, False or None; anything else (an enum, a
            # date, 1) would count by its truth without a word.
            namespace["not_an_answer"] = _not_an_answer
            return (
                f"v = {test}\nif v is True:\n{_indent(body, 1)}elif v is None:\n"
                f"    u{i} = True\nelif v is not False:\n"
                f"    not_an_answer({count.code!r}, v)\n"
            )
        if count.code == ACTIVE:
            body += (
                "if residences is not None:\n"
                "    unit = m.residence_unit_id\n"
                "    if unit is not None:\n"
                "        residences.add(unit)\n"
            )
        own_unknown = count.source is None or count.unknown is not None
        if not own_unknown:
            return f"if {test}:\n{_indent(body, 1)}"
        return f"v = {test}\nif v:\n{_indent(body, 1)}elif v is None:\n    u{i} = True\n"

    loop = (
        "want = rated_ids[k]\n"
        "for m in members:\n"
        "    if m.id == want:\n"
        "        level = rated_levels[k]\n"
        "        if level >= 0:\n"
        "            rating_counts[level] += 1\n"
        "        k += 1\n"
        "        want = rated_ids[k]\n"
        + _indent(_MEMBER_PRELUDE + "".join(emit(i) for i in children.get(None, ())), 1)
    )
    after = ""
    for i, count in enumerate(counts):
        if count.difference is not None:
            whole, part = (slot[code] for code in count.difference)
            after += f"c{i} = c{whole} - c{part}\n"
            if unknowable[i]:
                after += f"u{i} = u{whole} or u{part}\n"
        elif count.among is not None and unknowable[slot[count.among]]:
            after += f"u{i} = u{i} or u{slot[count.among]}\n"  # the population is unknown
    after += "unknown = set()\n"
    after += "".join(
        f"if u{i}:\n    unknown.add({i})\n" for i in range(len(counts)) if unknowable[i]
    )
    after += "return [" + ", ".join(f"c{i}" for i in range(len(counts))) + "], unknown, k\n"
    start = "".join(f"c{i} = 0\n" for i in range(len(counts)))
    start += "".join(f"u{i} = False\n" for i in range(len(counts)) if unknowable[i])
    text = (
        "def count_members(\n"
        "    members, dates, rated_ids, rated_levels, k, rating_counts, residences\n"
        "):\n" + _indent(_PRELUDE + start + loop + after, 1)
    )
    exec(compile(text, "<coso_dang member counter>", "exec"), namespace)
    counter: Counter = namespace["count_members"]
    return counter


# -- the plan: which counts a rollup holds, and where ------------------------------------------

KIND_CODES: tuple[tuple[OrgKind, str], ...] = (
    (OrgKind.DANG_BO_CO_SO, "dang_bo_co_so"),
    (OrgKind.CHI_BO_CO_SO, "chi_bo_co_so"),
    (OrgKind.DANG_BO_BO_PHAN, "dang_bo_bo_phan"),
    (OrgKind.CHI_BO_TRUC_THUOC, "chi_bo_truc_thuoc"),
    (OrgKind.TO_DANG, "to_dang"),
)
#: The organization counts, first in every rollup's vectors.
ORG_CODES: tuple[str, ...] = (
    "tccsd",
    *(code for _, code in KIND_CODES),
    "xa",
    "xa_co_chi_bo_quan_su",
    "xa_co_chi_bo_cong_an",
)
_RATING_PREFIXES = ("dang_vien", "tccsd", "chi_bo_truc_thuoc")
RATING_CODES: tuple[str, ...] = tuple(
    f"{prefix}_{suffix}" for prefix in _RATING_PREFIXES for suffix in RATING_SUFFIXES
)
UNIT_CODES = ("thon", "thon_co_dang_vien", "thon_co_chi_bo", "truong_thon_la_dang_vien")
#: Rating -> its position among the four levels (highest first).
RATING_INDEX: dict[Rating, int] = {Rating.parse(s): i for i, s in enumerate(RATING_SUFFIXES)}
#: The four abbreviations (``HTXSNV, …``): how the table paths count a rating, and what
#: they name when a rating is none (see :func:`rating_spellings` for the others read).
RATING_CHOICES = ", ".join(r.abbreviation for r in RATING_INDEX)
#: The most rows the table paths (DataFrame, SQL) name in one error about a column: a
#: table may hold millions.
MAX_NAMED = 1000


def rating_spellings(texts: Iterable[object]) -> tuple[dict[str, str], list[object]]:
    """The ratings of a table written otherwise than as an abbreviation: of *texts* (the
    distinct values of a rating column that are none of the four abbreviations), those
    naming a level, each with its abbreviation, and those naming none.

    The one reading every table path shares (:func:`~coso_dang.frame.rollup_frame`,
    :func:`~coso_dang.sql.rollup_sql`, :meth:`RatingRound.from_frames
    <coso_dang.rules.RatingRound.from_frames>`): a rating as a record reads one, by
    :meth:`Rating.parse <coso_dang.Rating.parse>` (label or abbreviation, any case, NFC
    or NFD, with or without diacritics). ``"httnv"`` was counted by one path and
    refused by the others. The distinct values are few: each is read once.

    >>> rating_spellings(["httnv", "Hoàn thành nhiệm vụ", "Tốt"])
    ({'httnv': 'HTTNV', 'Hoàn thành nhiệm vụ': 'HTNV'}, ['Tốt'])
    """
    read: dict[str, str] = {}
    unread: list[object] = []
    for text in texts:
        try:
            if not isinstance(text, str):
                raise TypeError(text)
            read[text] = Rating.parse(text).abbreviation
        except (TypeError, ValueError):
            unread.append(text)
    return read, unread


def unread_ratings(rows: Iterable[tuple[Any, Any]]) -> TreeError:
    """The error naming the evaluations (subject id, rating) of *rows* whose rating names
    no level (see :func:`rating_spellings`), as every table path says it."""
    reason = N_("phải là một trong: {choices}", choices=RATING_CHOICES)
    return TreeError(
        Problem(record_where("Evaluation", i), "rating", str(r), reason) for i, r in rows
    )


def subject_problems(rated: Iterable[tuple[Any, Any]]) -> list[Problem]:
    """The problems of the evaluations (subject id, subject) of *rated* that are not of
    an organization, the first :data:`MAX_NAMED`: among the evaluations of no member,
    one neither a member's nor an organization's would be counted as neither and vanish
    silently (the table paths' check)."""
    choices = ", ".join(kind.value for kind in SubjectKind)
    reason = N_("phải là một trong: {choices}", choices=choices)
    problems: list[Problem] = []
    for subject_id, subject in rated:
        if subject != SubjectKind.ORGANIZATION.value:
            problems.append(
                Problem(record_where("Evaluation", subject_id), "subject", str(subject), reason)
            )
            if len(problems) == MAX_NAMED:
                break
    return problems


def period_problems(unread: Iterable[tuple[Any, Any]]) -> TreeError:
    """The error naming the evaluations (subject id, period) of *unread*, whose period
    is none of the codes (``"Nam"``, a label): taken for no review, they would be left
    out of the year's, unseen (the table paths' check)."""
    choices = ", ".join(period.value for period in ReviewPeriod)
    reason = N_("phải là một trong: {choices}", choices=choices)
    return TreeError(
        Problem(record_where("Evaluation", subject_id), "period", str(period), reason)
        for subject_id, period in unread
    )


class Plan:
    """Which counts a rollup holds and where each sits in an organization's vector.

    Shared by both paths: the organization counts, then the member block (one slot per
    :class:`MemberCount`, in registration order), then the ratings and the unit counts
    when there are any.
    """

    __slots__ = (
        "block_end",
        "breakdowns",
        "codes",
        "commune_at",
        "index",
        "kind_at",
        "member_counts",
        "members_at",
        "rated",
        "rated_at",
    )

    def __init__(
        self, rated: bool, units: bool, breakdowns: tuple[CategoryCount, ...] = ()
    ) -> None:
        self.rated = rated
        self.member_counts = member_counts()
        #: The breakdowns counted, their slots right after the member block.
        self.breakdowns = breakdowns
        block = tuple(count.code for count in self.member_counts)
        block += tuple(code for count in breakdowns for code in count.codes)
        self.codes: tuple[str, ...] = (
            ORG_CODES + block + (RATING_CODES if rated else ()) + (UNIT_CODES if units else ())
        )
        index = self.index = {code: i for i, code in enumerate(self.codes)}
        self.members_at = len(ORG_CODES)
        #: The end of the member counts proper (the breakdowns follow them).
        self.block_end = self.members_at + len(self.member_counts)
        #: Where ``xa`` sits; its two flags follow it.
        self.commune_at = index["xa"]
        #: Where an active organization of each kind adds 1 (besides ``tccsd``).
        self.kind_at = {kind: index[code] for kind, code in KIND_CODES}
        #: Where an organization's own rating of each kind is counted (HTXSNV's slot).
        self.rated_at: dict[OrgKind, int] = (
            {
                OrgKind.DANG_BO_CO_SO: index["tccsd_htxsnv"],
                OrgKind.CHI_BO_CO_SO: index["tccsd_htxsnv"],
                OrgKind.CHI_BO_TRUC_THUOC: index["chi_bo_truc_thuoc_htxsnv"],
            }
            if rated
            else {}
        )

    @property
    def width(self) -> int:
        return len(self.codes)

    @property
    def member_ratings_at(self) -> int:
        return self.index["dang_vien_htxsnv"]

    @property
    def units_at(self) -> int:
        return self.index["thon"]


# -- counted vectors and the bottom-up merge ---------------------------------------------------


class Rows(Protocol):
    """Counts by position: a list of lists, or an array read one row at a time."""

    def __getitem__(self, at: int, /) -> list[int]: ...

    def __len__(self) -> int: ...


class CountTable:
    """One vector of counts per organization (by pre-order position), in *codes* order.

    ``unknown`` holds the unknown slots of the positions that have some; ``empty`` the
    positions that hold no counts at all (a rollup of given tallies where nothing was
    given there or below).
    """

    __slots__ = ("codes", "empty", "rows", "unknown")

    def __init__(
        self,
        codes: tuple[str, ...],
        rows: Rows,
        unknown: dict[int, frozenset[int]],
        empty: frozenset[int] = frozenset(),
    ) -> None:
        self.codes = codes
        self.rows = rows
        self.unknown = unknown
        self.empty = empty


class SplicedRows:
    """Counts by position held in two parts: a list per position, and a run of columns
    (the breakdowns, hundreds of counts) held by numpy (:class:`ChiBoColumns`, or
    their sums up the tree) and spliced in at position *at* of each list when a row is
    read.

    The lists are summed up the tree in Python as usual; the columns by numpy, where
    adding hundreds of Python integers per organization took longer than counting the
    members.
    """

    __slots__ = ("at", "columns", "lists")

    def __init__(self, lists: list[list[int]], columns: Any, at: int) -> None:
        self.lists = lists
        self.columns = columns
        self.at = at

    def __getitem__(self, at: int, /) -> list[int]:
        row = self.lists[at]
        cut = self.at
        spliced: list[int] = self.columns[at]
        return row[:cut] + spliced + row[cut:]

    def __len__(self) -> int:
        return len(self.lists)


class ChiBoColumns:
    """Counts only chi bộ hold (the breakdowns), by position: a row for each of *places*
    (their positions, in the tree's order), zeros elsewhere.

    *blocks* holds a first row of zeros, then the chi bộ's rows; they are turned into
    their running sums in place (a chi bộ's row is the difference of two), which the
    sums up the tree read too (:class:`SubtreeSums`): one array of the chi bộ × the
    counts, not three.
    """

    __slots__ = ("_rows", "_zeros", "places", "running")

    def __init__(self, blocks: Any, places: list[int], held: Iterable[int] | None = None) -> None:
        """*held*, when given, names the only columns that may hold a count: the others
        are zeros throughout, and so are their running sums, which are not run (a fresh
        array's untouched columns then cost no memory)."""
        np = _numpy()
        if held is None:
            self.running = np.cumsum(blocks, axis=0, out=blocks, dtype=blocks.dtype)
        else:
            for at in held:
                np.cumsum(blocks[:, at], out=blocks[:, at], dtype=blocks.dtype)
            self.running = blocks
        self.places = places
        self._rows = dict(zip(places, range(len(places)), strict=True))
        self._zeros = [0] * blocks.shape[1]

    def __getitem__(self, at: int, /) -> list[int]:
        row = self._rows.get(at)
        if row is None:
            return self._zeros.copy()
        running = self.running
        found: list[int] = (running[row + 1] - running[row]).tolist()
        return found

    def subtree_sums(self, parent_of: Sequence[int], ends: Any = None) -> SubtreeSums:
        """Each position's counts summed over its subtree (*ends*, when known: where each
        position's subtree ends in pre-order, an array)."""
        return SubtreeSums(_numpy(), self, parent_of, ends)


class SubtreeSums:
    """The counts of :class:`ChiBoColumns` summed up the tree, read a row at a time.

    In pre-order a subtree is a run of positions, so the chi bộ in it are a run of the
    rows: its total is the difference of two of their running sums, taken when a row is
    read, where summing every organization's row took whole arrays of the organizations
    × hundreds of counts.
    """

    __slots__ = ("_first", "_last", "_running")

    def __init__(
        self, np: Any, columns: ChiBoColumns, parent_of: Sequence[int], ends: Any = None
    ) -> None:
        n = len(parent_of)
        starts = np.arange(n, dtype=np.int64)
        if ends is None:
            size = [1] * n
            for at in range(n - 1, 0, -1):  # children come after their parent
                parent = parent_of[at]
                if parent >= 0:
                    size[parent] += size[at]
            ends = starts + np.array(size, dtype=np.int64)
        places = np.array(columns.places, dtype=np.int64)
        #: The rows of the chi bộ in each position's subtree: from first to last.
        self._first = np.searchsorted(places, starts).tolist()
        self._last = np.searchsorted(places, ends).tolist()
        self._running = columns.running

    def __getitem__(self, at: int, /) -> list[int]:
        running = self._running
        found: list[int] = (running[self._last[at]] - running[self._first[at]]).tolist()
        return found


def merge_up(parent_of: Sequence[int], own: CountTable) -> CountTable:
    """The totals: *own* summed bottom-up (backwards in pre-order: children first)."""
    rows = own.rows
    if isinstance(rows, SplicedRows):
        lists = merge_up(parent_of, CountTable(own.codes, rows.lists, own.unknown, own.empty))
        summed = rows.columns.subtree_sums(parent_of)
        spliced = SplicedRows(lists.rows, summed, rows.at)  # type: ignore[arg-type]
        return CountTable(own.codes, spliced, lists.unknown, lists.empty)
    own_unknown = own.unknown
    own_empty = own.empty
    n = len(rows)
    # total[i] first gathers the sum of i's children, then becomes i's own total.
    total: list[list[int] | None] = [None] * n
    total_unknown: dict[int, frozenset[int]] = {}
    nonempty: set[int] = set()
    track_empty = bool(own_empty)  # counted rollups fill every organization
    get_unknown, get_own_unknown = total_unknown.get, own_unknown.get
    # The unknown slots come in few patterns (a breakdown's are shared by every chi bộ
    # with the same unknowns): each union of two sets is made once and shared.
    joined: dict[tuple[int, int], tuple[frozenset[int], frozenset[int], frozenset[int]]] = {}
    same: dict[frozenset[int], frozenset[int]] = {}

    def union(a: frozenset[int], b: frozenset[int]) -> frozenset[int]:
        if a is b:
            return a
        found = joined.get((id(a), id(b)))
        if found is None:  # the pair is kept with its union: their ids stay theirs
            both = a | b
            found = joined[id(a), id(b)] = (a, b, same.setdefault(both, both))
        return found[2]

    for i in range(n - 1, -1, -1):
        below = total[i]
        mine = rows[i]
        vec = mine if below is None else list(map(add, below, mine))
        total[i] = vec
        unknown = get_unknown(i)
        mine_unknown = get_own_unknown(i)
        if mine_unknown:
            unknown = mine_unknown if unknown is None else union(unknown, mine_unknown)
            total_unknown[i] = unknown
        filled = True
        if track_empty:
            filled = i in nonempty or i not in own_empty
            if filled:
                nonempty.add(i)
        parent = parent_of[i]
        if parent < 0:
            continue
        sibling_sum = total[parent]
        total[parent] = vec if sibling_sum is None else list(map(add, sibling_sum, vec))
        if unknown:
            above = get_unknown(parent)
            total_unknown[parent] = unknown if above is None else union(above, unknown)
        if track_empty and filled:
            nonempty.add(parent)
    empty = frozenset(range(n)) - nonempty if track_empty else frozenset()
    done: list[list[int]] = total  # type: ignore[assignment]  # every position is filled
    return CountTable(own.codes, done, total_unknown, empty)


# -- the object path ---------------------------------------------------------------------------


def count_tree(
    tree: OrgTree,
    dates: RollupDates,
    evaluations: Iterable[Evaluation] | None,
    breakdowns: tuple[CategoryCount, ...] = (),
) -> CountTable:
    """Every organization's own counts, from the tree's records and the evaluations, and
    the *breakdowns* asked for.

    Raises:
        TreeError: evaluations of subjects not in the tree, or given twice.
    """
    year = dates.year
    listed: list[Evaluation] | tuple[Evaluation, ...] | None = None
    rated_ids: list[str] = []
    rated_levels: list[int] = []
    org_ratings: dict[str, Rating | None] | None = None
    org_twice = False
    if evaluations is not None:
        listed = evaluations if isinstance(evaluations, list | tuple) else list(evaluations)
        rated_ids, rated_levels, org_ratings, org_twice = _split_evaluations(listed, year)
    rated = len(rated_ids)
    rated_ids.append("")  # the sentinel: no member id is empty
    plan = Plan(org_ratings is not None, bool(tree.units), breakdowns)
    count_members = member_counter(plan.member_counts)
    # Only units with has_member=None read the residences: collect them only then.
    units = tree.units
    residences: set[str] | None = set() if any(unit.has_member is None for unit in units) else None
    member_blocks: dict[str, tuple[list[int], set[int], list[int]]] = {}
    k = 0
    for org_id, group in tree.member_groups():
        counts = [0, 0, 0, 0]
        block, unknown, k = count_members(
            group, dates, rated_ids, rated_levels, k, counts, residences
        )
        member_blocks[org_id] = (block, unknown, counts)
    problems: list[Problem] = []
    if listed is not None:
        strays = _match_leftovers(tree, member_blocks, rated_ids, rated_levels, k, rated)
        if strays is None or org_twice:
            _index_evaluations(listed, year)  # raises, listing every duplicate in input order
            raise AssertionError("duplicate evaluations went unreported")  # pragma: no cover
        problems.extend(_stray(strays, N_("không có đảng viên này trong cây")))
    if org_ratings is not None:
        org_strays = {k: v for k, v in org_ratings.items() if k not in tree}
        problems.extend(_stray(org_strays, N_("không có tổ chức này trong cây")))
    if problems:
        raise TreeError(problems)
    categories = count_categories(tree, dates, plan) if breakdowns else None
    return _assemble(tree, dates, plan, member_blocks, org_ratings, residences, categories)


def _split_evaluations(
    evaluations: Iterable[Evaluation], year: int
) -> tuple[list[str], list[int], dict[str, Rating | None], bool]:
    """The year's member evaluations as ids and levels in input order; the org ratings.

    A member's rating is kept as its level's position (0 for HTXSNV ... 3 for KHTNV, -1
    when not rated), found by identity: no enum hashing per member on the hot path.
    The last value says whether an organization is evaluated twice (member duplicates
    are found while matching, see :func:`_match_leftovers`).
    """
    ids: list[str] = []
    levels: list[int] = []
    add_id, add_level = ids.append, levels.append
    orgs: dict[str, Rating | None] = {}
    twice = False
    member_kind = SubjectKind.MEMBER
    first, second, third, fourth = Rating.HTXSNV, Rating.HTTNV, Rating.HTNV, Rating.KHTNV
    for ev in evaluations:
        if ev.year != year or ev.period is not ReviewPeriod.NAM:
            continue
        if ev.subject is member_kind:
            add_id(ev.subject_id)
            r = ev.rating
            add_level(
                0
                if r is first
                else 1
                if r is second
                else 2
                if r is third
                else 3
                if r is fourth
                else -1
            )
            continue
        subject = ev.subject_id
        if subject in orgs:
            twice = True
        orgs[subject] = ev.rating
    return ids, levels, orgs, twice


def _match_leftovers(
    tree: OrgTree,
    member_blocks: Mapping[str, tuple[list[int], set[int], list[int]]],
    rated_ids: list[str],
    rated_levels: list[int],
    k: int,
    rated: int,
) -> dict[str, int] | None:
    """Count the member evaluations the lockstep left (from *k* on) by dictionary.

    Returns those of no member in the tree (the strays), or ``None`` when a member is
    evaluated twice. The lockstep matched each of the first *k* to a different member,
    so a duplicate always has its later copy among the leftovers.
    """
    if k == rated:
        return {}
    # Evaluations in another order than the tree's members (sorted by name, say) leave
    # millions here: the loops are the interpreter's own, a chi bộ at a time.
    rest = dict(zip(rated_ids[k:rated], rated_levels[k:rated], strict=True))
    if len(rest) < rated - k or not rest.keys().isdisjoint(rated_ids[:k]):
        return None
    pop, member_id = rest.pop, attrgetter("id")
    for org_id, group in tree.member_groups():
        levels = list(map(pop, map(member_id, group), repeat(-2)))
        counts = member_blocks[org_id][2]
        for level in range(4):
            counts[level] += levels.count(level)
        if not rest:
            break
    return rest


def _index_evaluations(evaluations: Iterable[Evaluation], year: int) -> None:
    """Raise :class:`TreeError` listing every subject evaluated twice in *year*."""
    members: set[str] = set()
    orgs: set[str] = set()
    duplicates: list[Problem] = []
    member_kind = SubjectKind.MEMBER
    for ev in evaluations:
        if ev.year != year or ev.period is not ReviewPeriod.NAM:
            continue
        subject = ev.subject_id
        seen = members if ev.subject is member_kind else orgs
        if subject in seen:
            duplicates.append(
                Problem(
                    record_where("Evaluation", subject),
                    "year",
                    str(year),
                    N_("được đánh giá hai lần"),
                )
            )
        seen.add(subject)
    if duplicates:
        raise TreeError(duplicates)


def _stray(ratings: Mapping[str, object], reason: str) -> list[Problem]:
    return [Problem(record_where("Evaluation", key), "subject_id", key, reason) for key in ratings]


def _assemble(
    tree: OrgTree,
    dates: RollupDates,
    plan: Plan,
    member_blocks: Mapping[str, tuple[list[int], set[int], list[int]]],
    org_ratings: Mapping[str, Rating | None] | None,
    residences: set[str] | None,
    categories: tuple[list[int], Any, Mapping[int, AbstractSet[int]]] | None,
) -> CountTable:
    """Own vectors for every organization from the counted members.

    Breakdowns counted as a numpy array stay one (:class:`SplicedRows`): the vectors
    are made without their slots, the slots after them moved down.
    """
    members_at, block_end = plan.members_at, plan.block_end
    # The breakdown slots an organization's list leaves out (held in an array instead).
    cut = 0
    if categories is not None and isinstance(categories[1], ChiBoColumns):
        cut = categories[1].running.shape[1]
    zeros = [0] * (plan.width - cut)
    commune_at = plan.commune_at
    ratings_at = plan.member_ratings_at - cut if plan.rated else 0
    grassroots = frozenset(k for k in OrgKind if k.is_grassroots)
    on = dates.on
    walk = tree.pre_order()
    own: list[list[int]] = []
    keep = own.append
    own_unknown: dict[int, frozenset[int]] = {}
    # One enum hash per organization: what its kind counts as, where it is rated, and
    # whether it can be a commune.
    by_kind = {
        kind: (
            plan.kind_at.get(kind),
            kind in grassroots,
            None if plan.rated_at.get(kind) is None else plan.rated_at[kind] - cut,
            kind in COMMUNE_KINDS,
        )
        for kind in OrgKind
    }
    commune_sector = Sector.XA_PHUONG
    get_block = member_blocks.get
    listed: dict[int, tuple[list[int], AbstractSet[int]]] = {}
    if categories is not None and not cut:
        places, blocks, hidden_at = categories
        listed = {
            place: (block, hidden_at.get(row, frozenset()))
            for row, (place, block) in enumerate(zip(places, blocks, strict=True))
        }
    get_categories = listed.get
    get_rating = org_ratings.get if org_ratings else None
    for at, org in enumerate(walk.order):
        oid = org.id
        vec = zeros.copy()
        unknown: set[int] | None = None
        kind_at, grassroot, rated_at, communal_kind = by_kind[org.kind]
        # Organization.is_active, inlined: this loop runs once per organization.
        founded, dissolved = org.founded_on, org.dissolved_on
        if (founded is None or founded <= on) and (dissolved is None or on < dissolved):
            if kind_at is not None:
                vec[kind_at] = 1
            if grassroot:
                vec[0] = 1
            if communal_kind and org.sector is commune_sector:
                flags, missing = count_commune(tree, org, on)
                vec[commune_at : commune_at + 3] = flags
                if missing:
                    unknown = {commune_at + slot for slot in missing}
        found = get_block(oid)
        if found is not None:
            block, block_unknown, counts = found
            vec[members_at:block_end] = block
            if block_unknown:
                if unknown is None:
                    unknown = set()
                unknown.update(members_at + slot for slot in block_unknown)
            if ratings_at:
                vec[ratings_at : ratings_at + 4] = counts
        counted_here = get_categories(at)
        if counted_here is not None:
            counted, hidden = counted_here
            vec[block_end : block_end + len(counted)] = counted
            if hidden:
                if unknown is None:
                    unknown = set()
                unknown.update(hidden)
        if get_rating is not None and rated_at is not None:
            rating = get_rating(oid)
            if rating is not None:
                vec[rated_at + RATING_INDEX[rating]] += 1
        keep(vec)
        if unknown:
            own_unknown[at] = frozenset(unknown)
    if tree.units:
        thon = plan.units_at
        for at, (counts, unknown_units) in _count_units(tree, residences, on).items():
            vec = own[at]
            vec[thon - cut : thon - cut + 4] = map(add, vec[thon - cut : thon - cut + 4], counts)
            if unknown_units:
                slots = frozenset(thon + slot for slot in unknown_units)
                own_unknown[at] = own_unknown.get(at, frozenset()) | slots
    if not cut:
        return CountTable(plan.codes, own, own_unknown)
    assert categories is not None
    places, columns, hidden_at = categories
    for row, hidden in hidden_at.items():
        at = places[row]
        mine = own_unknown.get(at)
        # A breakdown's sets are shared by the chi bộ of one pattern: kept shared, a
        # union of two of them up the tree is made once (see merge_up).
        own_unknown[at] = frozenset(hidden) if mine is None else mine | hidden
    return CountTable(plan.codes, SplicedRows(own, columns, block_end), own_unknown)


def count_commune(tree: OrgTree, org: Organization, on: date) -> tuple[list[int], list[int]]:
    """An active commune's ``xa`` and its two flags, and which flags are unknown (0-2).

    A flag that is ``None`` is derived from an active direct child of that sector;
    without one, it is unknown.
    """
    flags = [1, 0, 0]
    unknown: list[int] = []
    for slot, flag, sector in (
        (1, org.has_chi_bo_quan_su, Sector.QUAN_DOI),
        (2, org.has_chi_bo_cong_an, Sector.CONG_AN),
    ):
        if flag is None:
            flag = any(c.sector is sector and c.is_active(on) for c in tree.children(org.id))
            if not flag:
                unknown.append(slot)
        flags[slot] = int(flag)
    return flags, unknown


def _count_units(
    tree: OrgTree, residences: set[str] | None, on: date
) -> dict[int, tuple[list[int], set[int]]]:
    """The four unit counts of each commune (by position), and which of them are unknown.

    Counts and unknown slots are in the order of :data:`UNIT_CODES`.
    """
    derivable = bool(residences)
    position = tree.pre_order().position
    found: dict[int, tuple[list[int], set[int]]] = {}
    for unit in tree.units:
        at = position[unit.commune_id]
        entry = found.get(at)
        if entry is None:
            entry = found[at] = ([0, 0, 0, 0], set())
        vec, unknown = entry
        vec[0] += 1
        has_member = unit.has_member
        if has_member is None and derivable and residences is not None:
            has_member = unit.id in residences
        if has_member is None:
            unknown.add(1)
        elif has_member:
            vec[1] += 1
        if unit.chi_bo_id is not None and tree[unit.chi_bo_id].is_active(on):
            vec[2] += 1
        if unit.head_is_member is None:
            unknown.add(3)
        elif unit.head_is_member:
            vec[3] += 1
    return found
