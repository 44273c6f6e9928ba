"""The DataFrame path: the same :class:`~coso_dang.rollup.Rollup` from member tables.

An analyst often holds members and evaluations as DataFrames rather than records.
:func:`rollup_frame` counts them with one vectorized group-by per chi bộ and then merges
up the :class:`~coso_dang.tree.OrgTree` exactly as :func:`~coso_dang.rollup.rollup`
does. It goes through narwhals, so any table narwhals reads works: pandas and polars
DataFrames, pyarrow tables, and lazy ones (a polars ``LazyFrame``, a DuckDB relation),
whose join, flags and group-by run inside their engine; only the small result, about one
row per chi bộ, comes into Python. The counting conventions are those of
:mod:`coso_dang.rollup`; on the same data both paths give equal rollups.

This module needs the optional extra: ``pip install "coso-dang[dataframe]"``. Without
it the rest of the library imports and works, and these functions raise an
:class:`ImportError` saying what to install.

Tables
------
Members (:data:`MEMBER_COLUMNS`, as made by :func:`members_frame`): ``id``, ``org_id``;
dates ``admitted_on``, ``ceremony_on``, ``official_on``, ``left_on`` (a date or datetime
dtype, or ISO text ``"2024-12-31"``; null or blank when not recorded; a datetime
counts by its day, one with a time zone by its day in Vietnam); booleans ``is_working``,
``keeps_residence_contact`` (nullable; text ``"true"``/``"false"`` or numbers 1/0 are
read as such, other text and NaN as unknown); text ``residence_unit_id`` and the codes of
``committee_role``, ``education`` and ``political_theory`` (e.g. ``"bi_thu"``,
``"dai_hoc"``, ``"trung_cap"``).

A count registered with :func:`~coso_dang.rollup.register_member_count` reads the
columns it names too, and :func:`members_frame` copies them.

Evaluations (:data:`EVALUATION_COLUMNS`, as made by :func:`evaluations_frame`):
``subject_id``, ``year``, ``rating`` (the abbreviation, ``"HTTNV"``, or another spelling
:meth:`Rating.parse <coso_dang.Rating.parse>` reads, as every table path reads it; null
when not rated) and ``subject`` (``"member"`` or ``"organization"``; none, as a table without the
column: a member's, as :func:`~coso_dang.sql.rollup_sql` reads it); a ``period`` column, if the
table has one (as :func:`~coso_dang.io.load_frames` gives it), keeps the yearly reviews
(``"nam"``, or none), as the records and :func:`~coso_dang.sql.rollup_sql` count them.
"""

from __future__ import annotations

import unicodedata
import warnings
from collections.abc import Callable, Collection, Iterable
from datetime import date
from enum import Enum
from typing import Any

import attrs

from coso_dang._breakdown_arrays import UNREAD_TEXTS, count_breakdowns
from coso_dang._counting import (
    CODED_COLUMNS,
    MAX_NAMED,
    RATING_INDEX,
    CategoryCount,
    ChiBoColumns,
    CountTable,
    MemberCount,
    Plan,
    RollupDates,
    Rows,
    SubtreeSums,
    category_counts,
    count_commune,
    member_counts,
    period_problems,
    rating_spellings,
    subject_problems,
    unread_ratings,
)
from coso_dang._dataframes import (
    FLAG_SPACES,
    Backend,
    blanks_missing,
    flag_spellings,
    moments_in_vietnam,
    nfc_ids,
    no_value,
    of_year,
    refuse_odd_years,
    require,
    table,
    text_days,
    whole_days,
    yes_no,
)
from coso_dang._gc import paused
from coso_dang.breakdowns import (
    ATTRIBUTES,
    POPULATIONS,
    UNKNOWN,
    age_expression,
    key_expression,
    refuse_stray_codes,
    stray_values,
)
from coso_dang.errors import Problem, RecordError, TreeError, UsageError, record_where, table_where
from coso_dang.evaluation import Evaluation, ReviewPeriod, SubjectKind
from coso_dang.i18n import N_
from coso_dang.indicators import RATING_SUFFIXES
from coso_dang.members import Member
from coso_dang.orgs import OrgKind, Sector
from coso_dang.rollup import Rollup
from coso_dang.tree import OrgTree, PreOrder

__all__ = [
    "BREAKDOWN_COLUMNS",
    "EVALUATION_COLUMNS",
    "MEMBER_COLUMNS",
    "RATED_COLUMNS",
    "evaluations_frame",
    "members_frame",
    "rollup_counted",
    "rollup_frame",
    "unknown_column",
]

_DATES = ("admitted_on", "ceremony_on", "official_on", "left_on")
_FLAGS = ("is_working", "keeps_residence_contact")
_TEXTS = ("residence_unit_id", "committee_role", "education", "political_theory")
#: The columns :func:`rollup_frame` reads from a members table.
MEMBER_COLUMNS: tuple[str, ...] = ("id", "org_id", *_DATES, *_FLAGS, *_TEXTS)
#: The columns :func:`rollup_frame` reads from an evaluations table.
EVALUATION_COLUMNS: tuple[str, ...] = ("subject_id", "year", "rating", "subject")

#: The per-chi-bộ sums of the members rated at each level, highest first (see
#: :func:`rollup_counted`).
RATED_COLUMNS: tuple[str, ...] = tuple(f"_rated_{s}" for s in RATING_SUFFIXES)
#: The columns the breakdowns read (with ``breakdowns=`` in :func:`rollup_frame`).
BREAKDOWN_COLUMNS: tuple[str, ...] = tuple(
    dict.fromkeys(("gender", *(c for a in ATTRIBUTES.values() for c in a.reads)))
)


def _code(value: Any) -> str | None:
    return None if value is None else str(value.value)


def _extra_columns(breakdowns: bool = False) -> tuple[str, ...]:
    """The member fields registered counts (and, if asked, the breakdowns) read beyond
    :data:`MEMBER_COLUMNS`."""
    extra: dict[str, None] = {}
    for count in member_counts():
        for column in count.columns:
            if column not in MEMBER_COLUMNS:
                extra[column] = None
    if breakdowns:
        extra.update(dict.fromkeys(c for c in BREAKDOWN_COLUMNS if c not in MEMBER_COLUMNS))
    return tuple(extra)


def _field_kinds(names: Iterable[str]) -> tuple[list[str], list[str], list[str]]:
    """Which of the member fields *names* are dates, flags and whole numbers."""
    attrs.resolve_types(Member)
    types = {a.name: a.type for a in attrs.fields(Member)}
    dates, flags, ints = [], [], []
    for name in names:
        kinds = getattr(types[name], "__args__", (types[name],))
        if date in kinds:
            dates.append(name)
        elif bool in kinds:
            flags.append(name)
        elif int in kinds:
            ints.append(name)
    return dates, flags, ints


# -- records to tables -------------------------------------------------------------------------


def members_frame(
    members: Iterable[Member], *, backend: Backend = "polars", breakdowns: bool = False
) -> Any:
    """A members table (:data:`MEMBER_COLUMNS`) for :func:`rollup_frame`.

    Only the fields a rollup reads are copied: no names, and no other personal data
    unless a registered count (:func:`~coso_dang.rollup.register_member_count`) reads it
    or *breakdowns* asks for the columns of the breakdowns (:data:`BREAKDOWN_COLUMNS`:
    birth date, sex, ethnicity, religion, ...: personal data, keep the table so).
    Enum fields are copied as their codes.

    Args:
        members: the member records.
        breakdowns: also copy the columns :func:`rollup_frame` reads for breakdowns.
        backend: ``"polars"`` (dates as ``Date``) or ``"pandas"`` (dates as
            ``datetime64``, flags as nullable ``boolean``).

    Raises:
        ImportError: the backend is not installed.

    >>> from datetime import date
    >>> frame = members_frame(
    ...     [Member("dv1", "Phạm Văn Tâm", "cb1", admitted_on=date(2024, 5, 19))])
    >>> frame.columns[:3], frame["admitted_on"].to_list()
    (['id', 'org_id', 'admitted_on'], [datetime.date(2024, 5, 19)])
    """
    if not isinstance(members, Iterable) or isinstance(members, str | bytes | Member):
        # None failed with Python's "object is not iterable".
        raise UsageError("members_frame", "members", N_("các bản ghi Member"), members)
    extra = _extra_columns(breakdowns)
    if extra:  # read twice: once for the usual columns, once for the counts' own
        members = list(members)
    columns: dict[str, list[Any]] = {name: [] for name in MEMBER_COLUMNS}
    m: Any = None
    try:
        for m in members:
            columns["id"].append(m.id)
            columns["org_id"].append(m.org_id)
            columns["admitted_on"].append(m.admitted_on)
            columns["ceremony_on"].append(m.ceremony_on)
            columns["official_on"].append(m.official_on)
            columns["left_on"].append(m.left_on)
            columns["is_working"].append(m.is_working)
            columns["keeps_residence_contact"].append(m.keeps_residence_contact)
            columns["residence_unit_id"].append(m.residence_unit_id)
            columns["committee_role"].append(_code(m.committee_role))
            columns["education"].append(_code(m.education))
            columns["political_theory"].append(_code(m.political_theory))
    except AttributeError:
        # No test per member for its kind (millions of them): the record without the
        # fields is named, as the tree's build names it (a None failed in English).
        raise UsageError("members_frame", "members", N_("các bản ghi Member"), m) from None
    if extra:
        values = [[getattr(m, name) for m in members] for name in extra]
        for name, column in zip(extra, values, strict=True):
            columns[name] = [_code(v) if isinstance(v, Enum) else v for v in column]
    dates, flags, ints = _field_kinds(extra)
    return table(columns, backend, dates=(*_DATES, *dates), flags=(*_FLAGS, *flags), ints=ints)


def evaluations_frame(evaluations: Iterable[Evaluation], *, backend: Backend = "polars") -> Any:
    """An evaluations table (:data:`EVALUATION_COLUMNS`) for :func:`rollup_frame`.

    Raises:
        ImportError: the backend is not installed.

    >>> from coso_dang import Rating
    >>> frame = evaluations_frame([Evaluation("dv1", 2024, Rating.HTTNV)])
    >>> frame.row(0)
    ('dv1', 2024, 'HTTNV', 'member')
    """
    columns: dict[str, list[Any]] = {name: [] for name in EVALUATION_COLUMNS}
    for ev in evaluations:
        if ev.period is not ReviewPeriod.NAM:
            continue  # the rollup counts the yearly review; quarterly ones stay out
        columns["subject_id"].append(ev.subject_id)
        columns["year"].append(ev.year)
        columns["rating"].append(None if ev.rating is None else ev.rating.abbreviation)
        columns["subject"].append(ev.subject.value)
    return table(columns, backend, ints=("year",))


# -- the vectorized member step ----------------------------------------------------------------


def rollup_frame(
    tree: OrgTree,
    members: Any,
    *,
    year: int,
    evaluations: Any = None,
    as_of: date | None = None,
    breakdowns: bool | Collection[str] = False,
) -> Rollup:
    """:func:`~coso_dang.rollup.rollup` with members and evaluations as DataFrames.

    The tree supplies the organizations and residential units; member records inside
    it are not read (build it from organizations and units alone: it is faster).

    Args:
        tree: organizations and residential units.
        members: a members table (:data:`MEMBER_COLUMNS`), eager or lazy: pandas,
            polars (``DataFrame`` or ``LazyFrame``), pyarrow, a DuckDB relation, a
            PySpark DataFrame, or any other table narwhals reads.
        year: the reporting year.
        evaluations: an evaluations table (:data:`EVALUATION_COLUMNS`) of the same
            library or engine, or ``None`` (rating counts unknown).
        as_of: the reporting date, a day of *year*; 31/12 by default.
        breakdowns: also count the members by characteristic, as
            :func:`~coso_dang.rollup.rollup` does (the table then needs
            :data:`BREAKDOWN_COLUMNS`: ``members_frame(..., breakdowns=True)``).

    Raises:
        ImportError: narwhals (the extra) is not installed.
        RecordError: *year* or *as_of* is not a valid reporting date, or the members
            table lacks a column a count reads.
        TreeError: members of unknown organizations or of something not a chi bộ,
            duplicate member ids, evaluations of subjects not in the tables, or given
            twice; every one is listed.
        BreakdownError: a coded column read (``committee_role``, ``education``,
            ``political_theory``, and with *breakdowns* theirs) holds a value that is
            no code of its list ("Đại học" for "dai_hoc", "Kinh" for "kinh").

    >>> from coso_dang import Organization, OrgKind
    >>> tree = OrgTree.build([Organization("cb", "Chi bộ cơ sở A", OrgKind.CHI_BO_CO_SO)])
    >>> table = members_frame([Member("dv1", "Phạm Văn Tâm", "cb", admitted_on=date(2024, 5, 19))])
    >>> rollup_frame(tree, table, year=2024).root["ket_nap"]
    1
    >>> rollup_frame(tree, table.lazy(), year=2024).root["ket_nap"]  # a polars LazyFrame
    1
    """
    nw = require("narwhals")
    if not isinstance(tree, OrgTree):
        raise UsageError("rollup_frame", "tree", N_("một OrgTree"), tree)
    cal = RollupDates(year, as_of)
    counted = category_counts(breakdowns, "rollup_frame")
    with paused():
        return _rollup_frame(nw, tree, members, cal, evaluations, counted)


def _rollup_frame(
    nw: Any,
    tree: OrgTree,
    members: Any,
    cal: RollupDates,
    evaluations: Any,
    breakdowns: tuple[CategoryCount, ...] = (),
    spellings: dict[str, str] | None = None,
) -> Rollup:
    """The rollup; *spellings* (see :func:`~coso_dang._counting.rating_spellings`), the
    abbreviations of the ratings the evaluations spell otherwise, once they are known."""
    np = require("numpy")
    year = cal.year
    frame = _native(nw, members, "members")
    eager = isinstance(frame, nw.DataFrame)
    # One lazy query from the join to the group-by: the engine reads only the columns
    # the counts need and can fuse the steps. An eager table becomes its own library's
    # lazy frame; a lazy one (polars LazyFrame, DuckDB, Dask, ...) stays in its engine.
    lazy = frame.lazy() if eager else frame
    plan = Plan(evaluations is not None, bool(tree.units), breakdowns)
    # Resolved once: for a lazy engine, each look at the schema may plan a query.
    schema = lazy.collect_schema()
    _check_columns(schema.names(), plan)
    # Residences are read only when a unit does not say whether members live in it.
    residences_read = any(unit.has_member is None for unit in tree.units)
    texts = {
        *CODED_COLUMNS,
        *(name for count in plan.member_counts for name in count.columns),
        *(["residence_unit_id"] if residences_read else []),
    }
    polars = frame.implementation.is_polars()
    for name in (name for count in breakdowns for name in ("gender", *count.attribute.reads)):
        # A polars table's text columns only the breakdowns read are not looked at: the
        # pass placing each member finds a text none of the codes (see UNREAD_TEXTS),
        # where their distinct values cost a pass over every member each.
        if not (polars and name in UNREAD_TEXTS and schema[name] == nw.String):
            texts.add(name)
    seen: dict[str, list[Any]] = {}  # the distinct values of text columns looked at
    lazy, schema = _whole_days(nw, lazy, schema, texts, seen)
    # A label where a code belongs ("Bí thư", "Đại học") was a committee seat of no role
    # and an education below college: the counts of the committee came out short
    # without a word, where a record reads the label as its code.
    _refuse_strays(lazy, [name for name in CODED_COLUMNS if name in schema.names()], seen)
    lazy, composed = nfc_ids(nw, lazy, schema, "id")
    dates = _scalars(nw, schema, cal)
    if eager and not composed:
        problems = _duplicate_members(nw, frame)
        rows_given = len(frame)
    else:
        problems, rows_given = _duplicate_members_lazy(nw, lazy)
    rated = evaluations is not None
    member_ratings = org_table = None
    if rated:
        evals = _lazy(nw, _native(nw, evaluations, "evaluations"))
        library = evals.implementation
        if library is not frame.implementation and not (
            frame.implementation.is_dask() and library.is_pandas()
        ):
            # Joined across libraries, the query failed inside narwhals (Dask joins pandas).
            expected = N_(
                "một bảng cùng thư viện với bảng đảng viên ({library})",
                library=str(frame.implementation),
            )
            raise UsageError("rollup_frame", "evaluations", expected, evaluations)
        given_schema = evals.collect_schema()
        present = given_schema.names()
        for column in ("subject_id", "year", "rating"):  # as the SQL path requires them
            if column not in present:
                reason = N_("thiếu cột {column}", column=column)
                raise RecordError(table_where("evaluations"), column, None, reason)
        refuse_odd_years(nw, evals, given_schema["year"], named=MAX_NAMED)
        if "subject" not in present:  # no subject: a member's, as in the SQL path
            evals = evals.with_columns(nw.lit(None, dtype=nw.String()).alias("subject"))
        # Ratings as text too: a round of no rating yet is a column of no type in polars.
        # So are subjects and periods: a column left empty throughout (all members'
        # yearly reviews) is of Arrow's null type as a CSV reader makes it, which Arrow
        # and DuckDB refused to join; and years, of no year then.
        ids = _texts(nw, given_schema, ("subject_id", "rating", "subject", "period"))
        years = given_schema["year"]
        if years == nw.Unknown:
            ids.append(nw.col("year").cast(nw.Int64()))
            years = nw.Int64()
        evals = (evals.with_columns(*ids) if ids else evals).filter(of_year(nw, years, year))
        if spellings:
            evals = evals.with_columns(_spelled(nw, spellings))
        evals, _ = nfc_ids(nw, evals, given_schema, "subject_id")
        if "period" in given_schema.names():
            evals = _yearly_reviews(nw, evals)
        # No subject: a member's, as an Evaluation's default (and the SQL path's).
        subject = nw.col("subject").fill_null(SubjectKind.MEMBER.value)
        member_ratings = evals.filter(subject == SubjectKind.MEMBER.value).select(
            nw.col("subject_id").alias("id"), "rating", nw.lit(True).alias("_evaluated")
        )
        # Every other subject, so that one neither kind (a typo) is refused, not lost.
        others = evals.filter(subject != SubjectKind.MEMBER.value).collect()
        _check_subjects(nw, others)
        org_table = others
    # Flags first, then a plain sum per chi bộ: the simple group-by every engine runs fast.
    # polars sums yes/no columns as they are: made 64-bit integers, the flags took 8 bytes
    # a member each where a bit does (the rollup's peak memory at scale 0,3: 40 MB more).
    # Other engines are given numbers (DuckDB sums no yes/no column).
    bits = frame.implementation.is_polars()
    flags = _flags(nw, dates, plan, bits=bits)
    # A member without an admission date would count in no population, unseen.
    undated = _counted(nw, nw.col("admitted_on").is_null(), _UNDATED, bits=bits)
    flags.append(_Flag(_UNDATED, undated))
    if member_ratings is None:
        grouped = _sums(nw, lazy.select("org_id", *(f.expr for f in flags)), flags)
    else:
        # polars joins 64-bit hashes of the ids faster than their texts, even with the
        # texts compared after (see _by_hashes); a pair of unequal ids that hash alike
        # is told by the sums, and only then are the texts joined.
        hashed = bits and _texts_both(nw, lazy, member_ratings)
        counted, ratings = _with_ratings(nw, lazy, member_ratings, flags, bits=bits, hashed=hashed)
        flags += ratings
        grouped = _sums(nw, counted, [*flags, _Flag(_COLLIDED, None)] if hashed else flags)
        if hashed and grouped.get_column(_COLLIDED).sum():
            counted, _ = _with_ratings(nw, lazy, member_ratings, flags[: -len(ratings)], bits=bits)
            grouped = _sums(nw, counted, flags)
        elif hashed:
            grouped = grouped.drop(_COLLIDED)
    grouped, positions = _place(nw, np, tree, grouped, problems)
    if grouped.get_column(_UNDATED).sum():
        _undated_members(nw, lazy)
    if rated and grouped.get_column(_UNREAD).sum():
        # Ratings spelled otherwise than as abbreviations ("httnv", a label): read as a
        # record reads them, and counted once more. Tables of abbreviations, the usual
        # ones, are counted once: the spellings are looked for only when some are found.
        # Once they are read, any left (an engine not replacing them) are refused.
        spelled = _spellings(nw, member_ratings, read=spellings is None)
        return _rollup_frame(nw, tree, members, cal, evaluations, breakdowns, spelled)
    if member_ratings is not None:
        # Member ids are unique, so the join adds a row only for an id evaluated twice,
        # and matches fewer than given only when some evaluate no member here.
        rows = grouped.get_column("_rows").sum()
        found = grouped.get_column("_matched").sum()
        given = member_ratings.select(nw.len()).collect().item()
        if rows != rows_given or found != given:
            _check_twice(nw, member_ratings, year)
            _check_strays(member_ratings, lazy)
    residences: set[str] | None = None
    # Only units with has_member=None read the residences: collect them only then.
    if residences_read:
        active = plan.member_counts[0].expression
        assert active is not None  # the first count is the active members
        units = (
            lazy.filter(active(dates) & ~nw.col("residence_unit_id").is_null())
            .select("residence_unit_id")
            .unique()
            .collect()
        )
        residences = set(units.get_column("residence_unit_id").to_list())
    add_breakdowns = None
    if breakdowns:

        def add_breakdowns(own: tuple[Any, Any]) -> tuple[tuple[Any, Any], ChiBoColumns | None]:
            chi_bo = (grouped.get_column("org_id"), positions)
            return _breakdown_counts(nw, np, tree, lazy, dates, cal, plan, own, chi_bo, seen)

    return _finish(
        nw, np, tree, cal, plan, grouped, positions, org_table, residences, add_breakdowns
    )


def rollup_counted(
    tree: OrgTree,
    counted: Any,
    *,
    year: int,
    as_of: date | None = None,
    organization_ratings: Any = None,
    residences: Iterable[str] | None = None,
) -> Rollup:
    """The rollup from per-chi-bộ sums an engine computed, merged up the tree.

    :func:`rollup_frame` and :func:`~coso_dang.sql.rollup_sql` both end here: an engine
    sums the members' 0/1 flags per chi bộ, and this places the sums, counts the
    organizations and units from the tree, and merges everything up as
    :func:`~coso_dang.rollup.rollup` does.

    Args:
        tree: organizations and residential units.
        counted: an eager table (pandas, polars, pyarrow) with one row per chi bộ that
            has members: ``org_id``; one column per member count that has a test of its
            own (named by its code, see :func:`~coso_dang.rollup.member_counts`), the
            members that count; :func:`unknown_column` of each count that can be
            unknown, the members whose answer is unknown; with ratings, the members
            rated at each level (:data:`RATED_COLUMNS`).
        year: the reporting year.
        as_of: the reporting date, a day of *year*; 31/12 by default.
        organization_ratings: with ratings, an eager table ``subject_id``, ``rating``
            (the abbreviation) of the organizations' yearly reviews of *year*; ``None``
            without (rating counts unknown).
        residences: the residential units active members live in; needed only when a
            unit does not say whether it has members.

    Raises:
        RecordError: *year* or *as_of* is not a valid reporting date.
        TreeError: rows of unknown organizations or of something not a chi bộ, or
            organization ratings of organizations not in the tree, or given twice.
    """
    nw = require("narwhals")
    np = require("numpy")
    cal = RollupDates(year, as_of)
    plan = Plan(organization_ratings is not None, bool(tree.units))
    grouped = nw.from_native(counted, eager_only=True)
    org_table = (
        None
        if organization_ratings is None
        else nw.from_native(organization_ratings, eager_only=True)
    )
    with paused():
        grouped, positions = _place(nw, np, tree, grouped, [])
        found = None if residences is None else set(residences)
        return _finish(nw, np, tree, cal, plan, grouped, positions, org_table, found)


def _place(
    nw: Any, np: Any, tree: OrgTree, grouped: Any, problems: list[Problem]
) -> tuple[Any, Any]:
    """The group-by's rows with their organizations' positions; *problems* and those of
    rows not of a chi bộ in the tree are raised."""
    places = _positions_table(nw, tree, grouped)
    # One string type on both sides (pyarrow will not join large_string to string).
    texts = grouped.with_columns(nw.col("org_id").cast(nw.String()))
    grouped = texts.join(places, left_on="org_id", right_on="_key", how="left")
    if grouped.get_column("_at").null_count():
        composed = _composed(nw, texts)
        if composed is not None:  # ids typed in NFD: the tree's are NFC, as a record's
            grouped = composed.join(places, left_on="org_id", right_on="_key", how="left")
    positions = _chi_bo_positions(np, grouped, tree, problems)
    if problems:
        raise TreeError(problems)
    return grouped, positions


def _composed(nw: Any, grouped: Any) -> Any:
    """*grouped* by its ``org_id`` composed to NFC, the sums of one id in NFC and NFD
    added up; ``None`` when every id is NFC already."""
    ids = grouped.get_column("org_id").to_list()
    # A missing id (None, or pandas' NaN and NA) is left as it is, for _chi_bo_positions.
    nfc = [unicodedata.normalize("NFC", i) if isinstance(i, str) else i for i in ids]
    if nfc == ids:
        return None
    sums = [name for name in grouped.columns if name != "org_id"]
    column = nw.new_series("org_id", nfc, nw.String(), backend=nw.get_native_namespace(grouped))
    return grouped.with_columns(column).group_by("org_id").agg(nw.col(*sums).sum())


def _finish(
    nw: Any,
    np: Any,
    tree: OrgTree,
    cal: RollupDates,
    plan: Plan,
    grouped: Any,
    positions: Any,
    org_table: Any,
    residences: set[str] | None,
    add_breakdowns: Callable[[Any], tuple[tuple[Any, Any], ChiBoColumns | None]] | None = None,
) -> Rollup:
    """Own counts from the placed sums, the tree and the ratings (and the breakdowns,
    which *add_breakdowns* counts into them, giving them back, or gives as rows of the
    chi bộ), merged up the tree."""
    org_ratings = (
        None if org_table is None else _org_ratings(nw, np, org_table, tree, plan, cal.year)
    )
    if residences is not None:  # the units' ids are NFC, as a record's
        residences = {unicodedata.normalize("NFC", str(unit)) for unit in residences}
    own = _own_counts(np, tree, cal, plan, grouped, positions, org_ratings, residences)
    block = None
    if add_breakdowns is not None:
        own, block = add_breakdowns(own)
    return _merge(np, tree, cal, plan, own, block)


def _native(nw: Any, native: Any, argument: str) -> Any:
    """*native* as a narwhals frame; anything narwhals reads not (``None``, a list of
    records, a dict) refused naming *argument*: narwhals said "Unsupported dataframe
    type", in English, from inside."""
    try:
        return nw.from_native(native)
    except TypeError:
        expected = N_("một bảng dữ liệu (DataFrame); các bản ghi thì qua members_frame()")
        raise UsageError("rollup_frame", argument, expected, native) from None


def _lazy(nw: Any, native: Any) -> Any:
    """Any table narwhals reads, as a narwhals lazy frame."""
    frame = nw.from_native(native)
    return frame.lazy() if isinstance(frame, nw.DataFrame) else frame


def _check_columns(columns: Iterable[str], plan: Plan) -> None:
    """Every column the counts read is in the members table, or a clear error says which."""
    present = set(columns)
    for column in ("id", "org_id"):  # as the SQL path requires them
        if column not in present:
            raise RecordError(
                table_where("members"), column, None, N_("thiếu cột {column}", column=column)
            )
    for breakdown in plan.breakdowns:
        for column in ("gender", *breakdown.attribute.reads):
            if column not in present:
                reason = N_("thiếu cột: phân tổ {code} cần đến", code=breakdown.attribute.code)
                raise RecordError(table_where("members"), column, None, reason)
    for count in plan.member_counts:
        for column in count.columns:
            if column not in present:
                reason = N_("thiếu cột: số đếm {code} cần đến", code=count.code)
                raise RecordError(table_where("members"), column, None, reason)


#: Member rows without an id: a record cannot have none, and one such row counted
#: unseen (two were "mã bị trùng" of ``None``).
_BLANK = N_("bắt buộc, không được để trống")
_NO_ID = Problem(table_where("members"), "id", "", _BLANK)


def _duplicate_members(nw: Any, frame: Any) -> list[Problem]:
    ids = frame.get_column("id")
    if ids.null_count():
        return [_NO_ID]
    # Distinct 64-bit hashes are four times cheaper for polars to count than distinct
    # strings. Equal ids hash equal, so as many hashes as rows proves there is no
    # duplicate; a collision only sends us on to the exact count below.
    if ids.implementation is nw.Implementation.POLARS and nw.to_native(
        ids
    ).hash().n_unique() == len(ids):
        return []
    if ids.n_unique() == len(ids):
        return []
    duplicated = frame.filter(nw.col("id").is_duplicated()).get_column("id").unique()
    return [
        Problem(record_where("Member", i), "id", str(i), N_("mã bị trùng"))
        for i in duplicated.to_list()
    ]


def _duplicate_members_lazy(nw: Any, frame: Any) -> tuple[list[Problem], int]:
    """The duplicate ids of a lazy members table, and its number of rows: one small
    query, and a group-by only when some id is there twice."""
    rows, ids, missing = (
        frame.select(
            nw.len().alias("_rows"),
            nw.col("id").n_unique().alias("_ids"),
            nw.col("id").null_count().alias("_missing"),
        )
        .collect()
        .row(0)
    )
    if missing:
        return [_NO_ID], rows
    if rows == ids:
        return [], rows
    return [
        Problem(record_where("Member", i), "id", str(i), N_("mã bị trùng"))
        for i in _repeated(nw, frame, "id")
    ], rows


def _repeated(nw: Any, frame: Any, column: str) -> list[Any]:
    """The values of *column* found in more than one row of the lazy *frame*."""
    twice = (
        frame.group_by(column)
        .agg(nw.len().alias("_times"))
        .filter(nw.col("_times") > 1)
        .select(column)
        .sort(column)
        .collect()
    )
    found: list[Any] = twice.get_column(column).to_list()
    return found


def _positions_table(nw: Any, tree: OrgTree, like: Any) -> Any:
    """Organization id (``_key``) -> pre-order position (``_at``), as a table of *like*'s
    library: ids are matched by the backend's join, not one by one in Python."""
    namespace = nw.get_native_namespace(like)
    tables = tree.pre_order().index(_PositionTables, _PositionTables)
    found = tables.get(namespace.__name__)
    if found is None:
        ids = [org.id for org in tree.pre_order().order]
        found = tables[namespace.__name__] = nw.from_dict(
            {"_key": ids, "_at": list(range(len(ids)))},
            schema={"_key": nw.String(), "_at": nw.Int64()},
            backend=namespace,
        )
    return found


class _PositionTables(dict[str, Any]):
    """A tree's id -> position tables, one per DataFrame library (see _positions_table)."""


def _chi_bo_positions(np: Any, grouped: Any, tree: OrgTree, problems: list[Problem]) -> Any:
    """The pre-order positions of the members' organizations, which must be chi bộ."""
    at = grouped.get_column("_at")
    if not at.null_count():
        rows = at.to_numpy().astype(np.int64)
        if _TreeArrays.of(np, tree).chi_bo[rows].all():
            return rows
    # Something is wrong: find out what, one id at a time.
    layout = tree.pre_order()
    for org_id in grouped.get_column("org_id").to_list():
        if not isinstance(org_id, str):  # None, or pandas' NaN and NA: no id given
            problems.append(Problem(table_where("members"), "org_id", "", _BLANK))
            continue
        place = layout.position.get(org_id)
        if place is None:
            problems.append(
                Problem(
                    table_where("members"),
                    "org_id",
                    str(org_id),
                    N_("không có tổ chức mang mã này"),
                )
            )
            continue
        kind = layout.order[place].kind
        if not kind.is_chi_bo:
            reason = N_("đảng viên phải thuộc một chi bộ, không phải «{kind}»", kind=kind.label)
            problems.append(Problem(table_where("members"), "org_id", str(org_id), reason))
    return np.zeros(0, dtype=np.int64)


def _check_twice(nw: Any, ratings: Any, year: int) -> None:
    twice = _repeated(nw, ratings, "id")
    if twice:
        reason = N_("được đánh giá hai lần")
        raise TreeError(
            Problem(record_where("Evaluation", i), "year", str(year), reason) for i in twice
        )


#: An evaluation row without a subject id: a record cannot have none; it was a subject
#: named «None», «nan» or «<NA>» by engine.
_NO_SUBJECT = Problem(table_where("evaluations"), "subject_id", "", _BLANK)


def _check_strays(ratings: Any, members: Any) -> None:
    strays = ratings.join(members.select("id"), on="id", how="anti").select("id").collect()
    if strays.get_column("id").null_count():
        raise TreeError([_NO_SUBJECT])
    if len(strays):
        raise TreeError(
            Problem(
                record_where("Evaluation", i),
                "subject_id",
                str(i),
                N_("không có đảng viên này trong cây"),
            )
            for i in strays.get_column("id").to_list()
        )


def _yearly_reviews(nw: Any, evaluations: Any) -> Any:
    """The yearly reviews of an evaluations table with a ``period`` column (no period:
    yearly), as the records and the SQL path count them: a quarterly rating was counted
    as the year's. A period that is none of the codes (``"Nam"``, a label) is listed,
    the first :data:`MAX_NAMED`, as the SQL path lists it; one look at the year's
    evaluations."""
    codes = [period.value for period in ReviewPeriod]
    period = nw.col("period").cast(nw.String())
    unread = evaluations.filter(~period.is_null() & ~period.is_in(codes))
    found = unread.select("subject_id", "period").sort("subject_id").head(MAX_NAMED).collect()
    if len(found):
        raise period_problems(found.iter_rows())
    return evaluations.filter(period.is_null() | (period == ReviewPeriod.NAM.value))


def _check_subjects(nw: Any, evaluations: Any) -> None:
    """Raise :class:`TreeError` for the evaluations whose subject is neither a member
    nor an organization: counted as neither, they would vanish silently."""
    wrong = evaluations.filter(nw.col("subject") != SubjectKind.ORGANIZATION.value)
    if len(wrong):
        raise TreeError(subject_problems(wrong.select("subject_id", "subject").iter_rows()))


#: The per-chi-bộ sum of the members without an admission date.
_UNDATED = "_no_admission"


def _undated_members(nw: Any, members: Any) -> None:
    """Raise :class:`TreeError` naming the members without an admission date (as the
    SQL path does): every count of members starts from it."""
    found = (
        members.filter(nw.col("admitted_on").is_null())
        .select("id")
        .sort("id")
        .head(MAX_NAMED)
        .collect()
    )
    reason = N_("bắt buộc, không được để trống")
    raise TreeError(
        Problem(record_where("Member", i), "admitted_on", "", reason)
        for i in found.get_column("id").to_list()
    )


#: The per-chi-bộ sum of the members rated with a text that is no rating.
_UNREAD = "_unread_rating"


def _unreadable(nw: Any) -> Any:
    """True where a rating is given but is none of the four abbreviations."""
    rating = nw.col("rating")
    return ~rating.is_null() & ~rating.is_in([r.abbreviation for r in RATING_INDEX])


def _spellings(nw: Any, ratings: Any, *, read: bool = True) -> dict[str, str]:
    """The abbreviations of the ratings of *ratings* (lazy: ``id``, ``rating``) spelled
    otherwise (see :func:`~coso_dang._counting.rating_spellings`); none read unless
    *read*.

    Raises:
        TreeError: the evaluations (the first :data:`MAX_NAMED`) whose rating names no
            level: counted at no level, they would vanish silently.
    """
    unreadable = ratings.filter(_unreadable(nw))
    found = unreadable.select("rating").unique().collect().get_column("rating").to_list()
    spelled, unread = rating_spellings(found) if read else ({}, found)
    if unread:
        rows = (
            unreadable.filter(nw.col("rating").is_in(unread))
            .select("id", "rating")
            .sort("id")
            .head(MAX_NAMED)  # a table rated throughout in another spelling has millions
            .collect()
        )
        raise unread_ratings(rows.iter_rows())
    return spelled


def _spelled(nw: Any, spellings: dict[str, str]) -> Any:
    """The ``rating`` column with the ratings of *spellings* as their abbreviations."""
    old, new = list(spellings), list(spellings.values())
    return nw.col("rating").replace_strict(old, new, default=nw.col("rating")).alias("rating")


def _org_ratings(
    nw: Any, np: Any, orgs: Any, tree: OrgTree, plan: Plan, year: int
) -> tuple[Any, Any]:
    """Where each rated organization's rating is counted: (positions, columns).

    Only the kinds that have rating counts (TCCSĐ, chi bộ trực thuộc) are placed.
    """
    # The two columns read, alone: an evaluations table's own ``id`` (its rows' numbers)
    # clashed with the subjects' ids renamed so, and its own ``_at`` was read as the
    # organizations' positions.
    orgs = orgs.select("subject_id", "rating")
    if orgs.select(_unreadable(nw).fill_null(False).any()).item():
        orgs = orgs.with_columns(
            _spelled(nw, _spellings(nw, orgs.rename({"subject_id": "id"}).lazy()))
        )
    orgs = orgs.with_columns(nw.col("subject_id").cast(nw.String()))
    places = orgs.join(_positions_table(nw, tree, orgs), left_on="subject_id", right_on="_key")
    if len(places) != len(orgs):  # ids typed in NFD? The tree's are NFC, as a record's
        if orgs.get_column("subject_id").null_count():
            raise TreeError([_NO_SUBJECT])
        ids = orgs.get_column("subject_id").to_list()
        nfc = [i if i is None else unicodedata.normalize("NFC", i) for i in ids]
        if nfc != ids:
            namespace = nw.get_native_namespace(orgs)
            orgs = orgs.with_columns(
                nw.new_series("subject_id", nfc, nw.String(), backend=namespace)
            )
            places = orgs.join(
                _positions_table(nw, tree, orgs), left_on="subject_id", right_on="_key"
            )
    subjects = orgs.get_column("subject_id")
    if subjects.n_unique() != len(orgs) or len(places) != len(orgs):
        _org_rating_problems(subjects.to_list(), tree.pre_order().position, year)
    # Level 0 (HTXSNV) to 3 (KHTNV); anything else, e.g. a missing rating, is not rated.
    codes = [r.abbreviation for r in RATING_INDEX]
    levels = (
        places.get_column("rating")
        .replace_strict(codes, list(RATING_INDEX.values()), default=-1, return_dtype=nw.Int64())
        .fill_null(-1)
        .to_numpy()
    )
    rows = places.get_column("_at").to_numpy().astype(np.int64)
    number = {kind: i for i, kind in enumerate(OrgKind)}
    first_slot = np.full(len(number), -1, dtype=np.int64)
    for kind, slot in plan.rated_at.items():
        first_slot[number[kind]] = slot
    first = first_slot[_TreeArrays.of(np, tree).kind[rows]]
    placed = (first >= 0) & (levels >= 0)
    return rows[placed], first[placed] + levels[placed]


def _org_rating_problems(ids: list[Any], position: dict[str, int], year: int) -> None:
    seen: set[str] = set()
    problems: list[Problem] = []
    for subject in ids:
        if subject in seen:
            reason = N_("được đánh giá hai lần")
            problems.append(Problem(record_where("Evaluation", subject), "year", str(year), reason))
        elif subject not in position:
            reason = N_("không có tổ chức này trong cây")
            problems.append(
                Problem(record_where("Evaluation", subject), "subject_id", subject, reason)
            )
        seen.add(subject)
    raise TreeError(problems)


def _whole_days(
    nw: Any, lazy: Any, schema: Any, texts: Collection[str], seen: dict[str, list[Any]]
) -> tuple[Any, Any]:
    """*lazy* with its columns of member dates as days (see
    :func:`~coso_dang._dataframes.whole_days`: datetimes cut to their day, a time zone's
    in Vietnam; a column holding no date as missing dates; ISO text read as days), and
    its schema then. Yes/no columns held as text or numbers become booleans (see
    :func:`~coso_dang._dataframes.yes_no`), and a column of the null type (Arrow's, for
    a column a CSV reader found empty) one of its field's type: compared or joined as
    null, Arrow refused it. Of the other columns (codes and units), those among *texts*
    (the ones the rollup reads) are read as :func:`_coded_texts` reads them, and the
    distinct values looked at for it are kept in *seen*."""
    fields = {a.name for a in attrs.fields(Member)}
    present = [name for name in schema.names() if name in fields]
    dates, flags, ints = _field_kinds(present)
    read = text_days(nw, lazy, schema, dates, named=MAX_NAMED)
    if read:
        lazy = lazy.with_columns(*read)
        schema = lazy.collect_schema()
    moved = moments_in_vietnam(nw, lazy, dates, schema)
    if moved is not lazy:
        lazy, schema = moved, moved.collect_schema()
    days = whole_days(nw, lazy, dates, schema)
    changed = any(schema[name] not in (nw.Date, nw.Datetime) for name in dates)
    spelled = flag_spellings(nw, lazy, schema, flags)
    days += [
        yes_no(nw, name, schema[name], spelled.get(name))
        for name in flags
        if schema[name] != nw.Boolean
    ]
    days += _texts(nw, schema, ("id", "org_id"))
    # Codes and units: those the counts read, and those of the breakdowns.
    other = {"id", "org_id", *dates, *flags, *ints}
    coded = [name for name in present if name not in other]
    days += _coded_texts(nw, lazy, schema, coded, texts, seen)
    if not days:
        return lazy, schema
    lazy = lazy.with_columns(*days)
    # The dates' type decides the reporting days' (see _scalars): read again if changed.
    if not changed and all(schema[name] == nw.Date for name in dates):
        return lazy, schema
    return _one_date_type(nw, lazy, dates)


def _one_date_type(nw: Any, lazy: Any, dates: list[str]) -> tuple[Any, Any]:
    """*lazy* with its date columns all of the admission's type, and its schema then.

    A table may hold days in one column and datetimes in another (a Parquet file joined
    from two sources): a count setting one beside the other (the 12-month mark is the
    ceremony's, else the admission's) was refused by Arrow with an error of its own,
    where the other engines and the records count it.
    """
    schema = lazy.collect_schema()
    kind = schema["admitted_on"] if "admitted_on" in dates else None
    if kind not in (nw.Date, nw.Datetime):
        return lazy, schema
    target = nw.Date() if kind == nw.Date else nw.Datetime("us")
    other = [name for name in dates if schema[name] in (nw.Date, nw.Datetime)]
    moved = [nw.col(name).cast(target) for name in other if schema[name] != kind]
    if not moved:
        return lazy, schema
    lazy = lazy.with_columns(*moved)
    return lazy, lazy.collect_schema()


def _coded_texts(
    nw: Any,
    lazy: Any,
    schema: Any,
    names: list[str],
    read: Collection[str],
    seen: dict[str, list[Any]],
) -> list[Any]:
    """The text columns *names* (codes and units) as text, blanks missing (in those the
    rollup reads, *read*; the distinct values looked at for it are kept in *seen*).
    One of another type than text is cast to text. An
    empty one (Arrow's null type; numbers, NaN throughout, as pandas reads an empty
    column of a CSV file) has no value: read as it came, a NaN was a committee seat in
    polars and Arrow (NaN is no null there), and Arrow refused the null type."""
    texts = (nw.String, nw.Categorical, nw.Enum, nw.Object)
    odd = [name for name in names if schema[name] not in texts]
    numbers = [name for name in odd if schema[name].is_numeric()]
    empty: set[str] = set()
    if numbers:  # one look at the data, for such columns only
        found = lazy.select(*(no_value(nw, n, schema[n]).alias(n) for n in numbers)).collect()
        empty = {name for name, none in zip(numbers, found.row(0), strict=True) if none}
    found = [
        (
            nw.lit(None, dtype=nw.String()) if name in empty else nw.col(name).cast(nw.String())
        ).alias(name)
        for name in odd
    ]
    # A blank text is no value, as the loaders read an empty cell (a CSV imported as it
    # is keeps them): counted as given, "" was a committee seat, among the seats a known
    # education below college where the record's is unknown, and a member of no row of
    # a breakdown where the record's category is unknown.
    # The columns no count reads are not looked at (see blanks_missing): on a polars
    # table made for the breakdowns, the distinct values of their columns and of the
    # units cost the rollup without them 7%.
    return found + blanks_missing(nw, lazy, schema, names, seen, read)


def _refuse_strays(lazy: Any, names: list[str], seen: dict[str, list[Any]]) -> None:
    """:func:`~coso_dang.breakdowns.refuse_stray_codes` of the columns *names*, those
    whose distinct values *seen* already shows to hold no stray code left out (a blank
    text among them is no value once read: see :func:`_coded_texts`)."""
    looked = [
        name
        for name in names
        if name not in seen
        or stray_values(
            name, [v for v in seen[name] if not isinstance(v, str) or v.strip(FLAG_SPACES)]
        )
    ]
    if looked:
        refuse_stray_codes(lazy, looked)


def _texts(nw: Any, schema: Any, names: Iterable[str]) -> list[Any]:
    """Id columns as one text type, to join with the other table's ids: polars joins no
    category column to text, pyarrow no ``large_string`` to ``string``, an id held as a
    number is its text, and a column of nulls only (no type: polars' ``Null``, an empty
    table's) joins none. Python objects (pandas) are left as they are."""
    return [
        nw.col(name).cast(nw.String()).alias(name)
        for name in names
        if name in schema.names() and schema[name] != nw.Object
    ]


def _scalars(nw: Any, schema: Any, cal: RollupDates) -> RollupDates:
    """The calendar's dates as scalars comparable with the table's date columns."""
    return cal if schema["admitted_on"] == nw.Date else cal.as_datetimes()


class _Flag:
    """A named 0/1 column expression."""

    __slots__ = ("expr", "name")

    def __init__(self, name: str, expr: Any) -> None:
        self.name = name
        self.expr = expr


def unknown_column(count: MemberCount) -> str:
    """The name of the per-chi-bộ sum of the members whose answer to *count* is unknown
    (see :func:`rollup_counted`)."""
    return f"_unknown_{count.code}"


def _sums(nw: Any, counted: Any, flags: list[_Flag]) -> Any:
    """The per-chi-bộ sums of the *flags* columns of *counted*, and its rows (``_rows``)."""
    names = [f.name for f in flags]
    return (
        counted.group_by("org_id")
        .agg(nw.col(*names).sum(), nw.len().alias("_rows"))
        # Back to 64-bit integers: SQL engines widen sums (DuckDB to a 128-bit decimal).
        .with_columns(nw.col(*names, "_rows").cast(nw.Int64))
        .collect()
    )


#: The rows of a join by hashes whose two ids differ (see _by_hashes).
_COLLIDED = "_collided"


def _texts_both(nw: Any, members: Any, ratings: Any) -> bool:
    """Whether the ``id`` columns of the lazy *members* and *ratings* are both text."""
    return bool(
        members.collect_schema()["id"] == nw.String and ratings.collect_schema()["id"] == nw.String
    )


def _id_hash(pl: Any, column: str) -> Any:
    """The polars expression hashing the ids of *column* for :func:`_by_hashes`."""
    return pl.col(column).hash()


def _by_hashes(nw: Any, own: Any, rated: Any) -> Any:
    """*own* left-joined to *rated* on ``id`` (text, polars), by the ids' 64-bit hashes.

    Equal ids hash alike, so every pair the join by texts makes is made; a pair of
    unequal ids that hash alike is marked in :data:`_COLLIDED` (the join by texts is
    then made instead). A missing id hashes to nothing and matches none, as in a join
    by texts.
    """
    pl = nw.get_native_namespace(own)

    def hashed(column: str) -> Any:
        return pl.when(pl.col(column).is_not_null()).then(_id_hash(pl, column)).alias("_hash")

    left = nw.to_native(own).with_columns(hashed("id"))
    right = nw.to_native(rated).rename({"id": "_rated_id"}).with_columns(hashed("_rated_id"))
    joined = left.join(right, on="_hash", how="left").with_columns(
        (pl.col("_rated_id").is_not_null() & (pl.col("_rated_id") != pl.col("id")))
        .fill_null(False)
        .alias(_COLLIDED)
    )
    return nw.from_native(joined)


def _with_ratings(
    nw: Any,
    members: Any,
    ratings: Any,
    flags: list[_Flag],
    *,
    bits: bool,
    hashed: bool = False,
) -> tuple[Any, list[_Flag]]:
    """The members' chi bộ and *flags* beside their yearly ratings' flags (*ratings*:
    ``id``, ``rating``, ``_evaluated``), and those flags, for the group-by.

    Each side's flags are made before the join, from its own columns: the join then
    gathers a chi bộ id and bits for each member, not the dates, codes and ratings they
    are read from (the rollup's peak memory at scale 0,3: 60 MB more).
    """
    rating = nw.col("rating")
    theirs = [
        _Flag(name, _counted(nw, (rating == suffix.upper()).fill_null(False), name, bits=bits))
        for suffix, name in zip(RATING_SUFFIXES, RATED_COLUMNS, strict=True)
    ]
    matched = _counted(nw, nw.col("_evaluated").fill_null(False), "_matched", bits=bits)
    theirs.append(_Flag("_matched", matched))
    # A rating that is none of the four abbreviations would count at no level.
    unread = _counted(nw, _unreadable(nw).fill_null(False), _UNREAD, bits=bits)
    theirs.append(_Flag(_UNREAD, unread))
    # The members' flags read member fields alone (a count of one's own reads no other
    # column: see register_member_count), so a members table's own ``rating`` (a
    # member's rating of another year, kept beside) is never read for the evaluations'.
    own = members.select("id", "org_id", *(f.expr for f in flags))
    rated = ratings.select("id", *(f.expr for f in theirs))
    # A member of no rating this year is in none of the ratings' rows: no flag of theirs.
    none = False if bits else 0
    filled = [_counted(nw, nw.col(f.name).fill_null(none), f.name, bits=bits) for f in theirs]
    if hashed:  # see _by_hashes
        joined = _by_hashes(nw, own, rated)
        filled.append(nw.col(_COLLIDED))
    else:
        joined = own.join(rated, on="id", how="left")
    return joined.select("org_id", *(f.name for f in flags), *filled), theirs


def _counted(nw: Any, test: Any, name: str, *, bits: bool) -> Any:
    """The flag *test* named *name*, as a yes/no column (*bits*) or a 0/1 number one."""
    return (test if bits else test.cast(nw.Int64)).alias(name)


def _flags(nw: Any, dates: RollupDates, plan: Plan, *, bits: bool = False) -> list[_Flag]:
    """One 0/1 column per member count with a test of its own and one per count that
    can be unknown (the ratings' are :func:`_with_ratings`'): the group-by sums them per
    chi bộ (yes/no columns with *bits*, for an engine that sums them)."""
    counts: dict[str, Any] = {}
    for count in plan.member_counts:
        if count.expression is None:  # a difference: made from two sums after the group-by
            continue
        test = count.expression(dates).fill_null(False)
        among = None if count.among is None else counts[count.among]
        counts[count.code] = test if among is None else among & test
        if count.unknown is not None:
            unknown = count.unknown(dates).fill_null(False)
            counts[unknown_column(count)] = unknown if among is None else among & unknown
    return [
        _Flag(name, _counted(nw, expr.fill_null(False), name, bits=bits))
        for name, expr in counts.items()
    ]


# -- breakdowns ---------------------------------------------------------------------------------


def _breakdown_counts(
    nw: Any,
    np: Any,
    tree: OrgTree,
    members: Any,
    dates: RollupDates,
    cal: RollupDates,
    plan: Plan,
    own: tuple[Any, Any],
    chi_bo: tuple[Any, Any],
    seen: dict[str, list[Any]],
) -> tuple[tuple[Any, Any], ChiBoColumns | None]:
    """Count the plan's breakdowns into *own*, as
    :func:`coso_dang._counting.count_categories` does, with one group-by per population
    inside the engine: each member's category of every breakdown, then one 0/1 column
    per slot (category, its women, the unknown) summed per chi bộ, the plain group-by
    every engine runs fast. Only about one row per chi bộ comes back. A polars table,
    in this process, is counted with arrays instead (see
    :mod:`coso_dang._breakdown_arrays`); *chi_bo* holds the distinct chi bộ ids of the
    members table and their positions, *seen* the distinct values of its text columns
    where they were looked at. The arrays' counts come back as rows of the chi bộ
    (their unknown slots flagged in *own*), or ``None`` when counted into *own*; with
    *own* as it is then (its counts made 64-bit for a sum of ages)."""
    counts, unknown = own
    datetimes = dates is not cal
    first = plan.member_counts[0].expression
    assert first is not None  # the first count is the active members
    population_of = {"dang_vien": first(dates), "ket_nap": _admitted(nw, dates)}
    if members.implementation.is_polars():
        ids = (nw.to_native(chi_bo[0]), chi_bo[1])
        block = count_breakdowns(
            nw, np, members, dates, datetimes, plan, population_of, ids, seen, unknown
        )
        if block is not None:
            return own, block
        # The text columns left unread (see UNREAD_TEXTS) are read now: a blank is no
        # value, as in the columns looked at.
        schema = members.collect_schema()
        unread = [
            name
            for name in UNREAD_TEXTS
            if name in schema.names() and schema[name] == nw.String and name not in seen
        ]
        blanks = blanks_missing(nw, members, schema, unread, seen)
        if blanks:
            members = members.with_columns(*blanks)
    # A value that is no code of its list would be a category of its own ("Kinh" for
    # "kinh": an ethnic minority): refused, as breakdown_frame refuses it.
    counted = members.filter(
        (population_of["dang_vien"] | population_of["ket_nap"]).fill_null(False)
    )
    read = {"gender", *(name for c in plan.breakdowns for name in c.attribute.reads)}
    refuse_stray_codes(counted, sorted(read & set(members.collect_schema().names())))
    if any(count.attribute.code == "tuoi" for count in plan.breakdowns):
        # A sum of ages is placed here, which 32 bits do not hold (270.000 members on
        # the rolls of 31/12/9999 pass 2 ** 31 - 1).
        counts = counts.astype(np.int64, order="F")
        own = (counts, unknown)
    woman = (nw.col("gender") == "nu").fill_null(False)
    bits = members.implementation.is_polars()
    for population in POPULATIONS:
        wanted = [c for c in plan.breakdowns if c.population == population]
        if not wanted:
            continue
        keys = [
            key_expression(c.attribute, cal.on, datetimes=datetimes).alias(f"_k{i}")
            for i, c in enumerate(wanted)
        ]
        flags: dict[str, Any] = {"_no_sex": nw.col("gender").is_null()}
        for i, count in enumerate(wanted):
            key = nw.col(f"_k{i}")
            codes = count.codes
            for j, (category, _) in enumerate(count.attribute.categories):
                hit = (key == category).fill_null(False)
                flags[codes[2 * j]] = hit
                flags[codes[2 * j + 1]] = hit & nw.col("_w")
            flags[codes[2 * len(count.attribute.categories)]] = (key == UNKNOWN).fill_null(False)
            if count.attribute.code == "tuoi":
                born = ~nw.col("birth_date").is_null()
                age = age_expression(cal.on, datetimes=datetimes)
                flags[f"{count.code}_tong"] = nw.when(born).then(age).otherwise(0)
                flags[f"{count.code}_so_nguoi"] = born
        # polars sums yes/no columns as they are (bits): cast first, hundreds of columns
        # of 64-bit integers would be made for nothing. Other engines are given numbers.
        summed = {n: e if bits else e.cast(nw.Int64) for n, e in flags.items()}
        with warnings.catch_warnings():
            # pandas warns that a table of hundreds of new columns is "fragmented" and
            # slow to insert into: the group-by reads it once, so the warning is moot.
            warnings.filterwarnings("ignore", "DataFrame is highly fragmented")
            grouped = (
                members.filter(population_of[population].fill_null(False))
                .with_columns(*keys, woman.alias("_w"))
                .select("org_id", *(e.alias(n) for n, e in summed.items()))
                .group_by("org_id")
                .agg(nw.col(*flags).sum())
                .with_columns(nw.col(*flags).cast(nw.Int64))
                .collect()
            )
        if len(grouped):
            _place_breakdowns(nw, np, tree, wanted, plan, grouped, counts, unknown)
    return own, None


def _admitted(nw: Any, dates: RollupDates) -> Any:
    admitted = nw.col("admitted_on")
    return (admitted >= dates.year_start) & (admitted <= dates.on)


def _place_breakdowns(
    nw: Any,
    np: Any,
    tree: OrgTree,
    wanted: list[CategoryCount],
    plan: Plan,
    grouped: Any,
    counts: Any,
    unknown: Any,
) -> None:
    # Placed as the member counts are: a chi bộ id typed in NFD (the tree's are NFC)
    # found no position here, and its members' rows were written at a missing one.
    with warnings.catch_warnings():
        # Its sums of one id in NFC and NFD added up: pandas' "fragmented" notice, moot.
        warnings.filterwarnings("ignore", "DataFrame is highly fragmented")
        places, rows = _place(nw, np, tree, grouped, [])
    no_sex = rows[places.get_column("_no_sex").to_numpy() > 0]
    for count in wanted:
        codes = count.codes
        base = plan.index[codes[0]]
        for offset, code in enumerate(codes):
            counts[rows, base + offset] = places.get_column(code).to_numpy()
        doubled = 2 * len(count.attribute.categories)
        lost = rows[places.get_column(codes[doubled]).to_numpy() > 0]
        hidden = list(range(base, base + doubled))
        if count.attribute.code == "tuoi":
            hidden += [base + doubled + 1, base + doubled + 2]
        unknown[np.ix_(lost, hidden)] = True
        unknown[np.ix_(no_sex, list(range(base + 1, base + doubled, 2)))] = True


# -- own counts and the bottom-up merge, as arrays ---------------------------------------------
# Both give exactly what the object path gives with lists; the tests compare the two
# paths on generated trees.


class _TreeArrays:
    """The tree's organizations as arrays by pre-order position (made once per tree)."""

    __slots__ = (
        "chi_bo",
        "commune",
        "dissolved",
        "end",
        "founded",
        "grassroots",
        "kind",
        "levels",
        "parent",
    )

    def __init__(self, np: Any, layout: PreOrder) -> None:
        order = layout.order
        n = len(order)
        self.parent = parent = np.array(layout.parent, dtype=np.int64)
        depth = np.zeros(n, dtype=np.int64)
        up = parent.copy()
        while True:
            below_root = up >= 0
            if not below_root.any():
                break
            depth[below_root] += 1
            up[below_root] = parent[up[below_root]]
        #: Positions at each depth, deepest first, roots left out. In pre-order the
        #: parents of one depth's positions never decrease, which _merge relies on.
        self.levels = [np.flatnonzero(depth == d) for d in range(int(depth.max(initial=0)), 0, -1)]
        # A subtree is a run of positions in pre-order: where each one's run ends.
        size = np.ones(n, dtype=np.int64)
        for level in self.levels:  # deepest first: a size is whole before it is added
            np.add.at(size, parent[level], size[level])
        self.end = np.arange(n, dtype=np.int64) + size
        # Kinds by their code strings: an enum member's own hash is a Python call.
        number = {kind.value: i for i, kind in enumerate(OrgKind)}
        self.kind = np.array([number[o.kind._value_] for o in order], dtype=np.int64)
        self.grassroots = np.isin(self.kind, [number[k.value] for k in OrgKind if k.is_grassroots])
        self.chi_bo = np.isin(self.kind, [number[k.value] for k in OrgKind if k.is_chi_bo])
        # Dates as day numbers; most organizations record none.
        never = date.max.toordinal() + 1
        self.founded = np.zeros(n, dtype=np.int64)
        self.dissolved = np.full(n, never, dtype=np.int64)
        self.commune = np.zeros(n, dtype=bool)
        for at, org in enumerate(order):
            if org.founded_on is not None:
                self.founded[at] = org.founded_on.toordinal()
            if org.dissolved_on is not None:
                self.dissolved[at] = org.dissolved_on.toordinal()
            if org.sector is Sector.XA_PHUONG:
                self.commune[at] = org.is_commune

    @staticmethod
    def of(np: Any, tree: OrgTree) -> _TreeArrays:
        walk = tree.pre_order()
        return walk.index(_TreeArrays, lambda: _TreeArrays(np, walk))


def _own_counts(
    np: Any,
    tree: OrgTree,
    cal: RollupDates,
    plan: Plan,
    grouped: Any,
    positions: Any,
    org_ratings: tuple[Any, Any] | None,
    residences: set[str] | None,
) -> Any:
    """Each organization's own counts, and which of them are unknown, as two arrays."""
    arrays = _TreeArrays.of(np, tree)
    shape = (len(arrays.parent), plan.width)
    # 32 bits hold any count of a country's members and halve the memory traffic (a sum
    # of ages, which an engine's breakdowns place here, is given 64 bits then: see
    # _breakdown_counts). Column-major: the counts are placed a column at a time and
    # summed up the tree so.
    counts = np.zeros(shape, dtype=np.int32, order="F")
    unknown = np.zeros(shape, dtype=bool, order="F")
    on = cal.on.toordinal()
    active = (arrays.founded <= on) & (on < arrays.dissolved)
    number = {kind: i for i, kind in enumerate(OrgKind)}
    for kind, at in plan.kind_at.items():
        counts[:, at] = active & (arrays.kind == number[kind])
    counts[:, 0] = active & arrays.grassroots
    order = tree.pre_order().order
    xa = plan.commune_at
    for at in np.flatnonzero(active & arrays.commune).tolist():
        flags, missing = count_commune(tree, order[at], cal.on)
        counts[at, xa : xa + 3] = flags
        unknown[at, [xa + slot for slot in missing]] = True
    rows = positions
    column = {name: grouped.get_column(name).to_numpy() for name in grouped.columns[1:]}
    _member_block(plan, rows, column, counts, unknown)
    if plan.rated:
        first = plan.member_ratings_at
        for level, name in enumerate(RATED_COLUMNS):
            counts[rows, first + level] = column[name]
    if org_ratings is not None:
        rated_rows, rated_columns = org_ratings
        counts[rated_rows, rated_columns] += 1  # one rating per organization: no repeats
    if tree.units:
        _count_units_arrays(np, tree, arrays, active, plan, residences, counts, unknown)
    return counts, unknown


def _member_block(plan: Plan, rows: Any, column: dict[str, Any], counts: Any, unknown: Any) -> None:
    """Place the group-by's sums and unknown flags in the member block, as the plan says.

    A difference count is its two sums' difference; a count taken among members whose
    own answer is unknown is unknown where that population is.
    """
    at = {count.code: plan.members_at + i for i, count in enumerate(plan.member_counts)}
    for count in plan.member_counts:
        slot = at[count.code]
        if count.difference is not None:
            whole, part = count.difference
            counts[rows, slot] = column[whole] - column[part]
            unknown[:, slot] = unknown[:, at[whole]] | unknown[:, at[part]]
            continue
        counts[rows, slot] = column[count.code]
        unknowns = column.get(unknown_column(count))  # there when the engine can tell
        if unknowns is not None:
            unknown[rows[unknowns > 0], slot] = True
        if count.among is not None:
            unknown[:, slot] |= unknown[:, at[count.among]]


class _UnitArrays:
    """The tree's residential units as arrays (made once per tree): the commune's and the
    covering chi bộ's positions (-1: none), and the two flags as 1, 0 or -1 (unknown)."""

    __slots__ = ("chi_bo", "commune", "has_member", "head_is_member")

    def __init__(self, np: Any, tree: OrgTree) -> None:
        position = tree.pre_order().position
        units = tree.units
        code = {True: 1, False: 0, None: -1}
        self.commune = np.array([position[u.commune_id] for u in units], dtype=np.int64)
        self.chi_bo = np.array(
            [-1 if u.chi_bo_id is None else position[u.chi_bo_id] for u in units], dtype=np.int64
        )
        self.has_member = np.array([code[u.has_member] for u in units], dtype=np.int64)
        self.head_is_member = np.array([code[u.head_is_member] for u in units], dtype=np.int64)

    @staticmethod
    def of(np: Any, tree: OrgTree) -> _UnitArrays:
        return tree.pre_order().index(_UnitArrays, lambda: _UnitArrays(np, tree))


def _count_units_arrays(
    np: Any,
    tree: OrgTree,
    orgs: _TreeArrays,
    active: Any,
    plan: Plan,
    residences: set[str] | None,
    counts: Any,
    unknown: Any,
) -> None:
    """rollup._count_units as array operations: the same four counts per commune."""
    units = _UnitArrays.of(np, tree)
    has_member = units.has_member
    if residences:  # derive the flags not given from where active members live
        has_member = has_member.copy()
        for i in np.flatnonzero(has_member < 0).tolist():
            has_member[i] = tree.units[i].id in residences
    covered = units.chi_bo >= 0
    covered[covered] = active[units.chi_bo[covered]]
    thon = plan.units_at
    where = units.commune
    for slot, values in enumerate(
        (np.ones(len(where), dtype=bool), has_member == 1, covered, units.head_is_member == 1)
    ):
        np.add.at(counts[:, thon + slot], where, values.astype(counts.dtype))
    unknown[where[has_member < 0], thon + 1] = True
    unknown[where[units.head_is_member < 0], thon + 3] = True


def _merge(
    np: Any,
    tree: OrgTree,
    cal: RollupDates,
    plan: Plan,
    own: tuple[Any, Any],
    block: ChiBoColumns | None = None,
) -> Rollup:
    """Sum *own* up the tree and make the rollup: the counts as running sums over the
    pre-order, the unknown slots' bit masks one depth at a time, deepest first. The
    breakdowns' counts, given as rows of the chi bộ (*block*), are summed when a row is
    read, in place of *own*'s columns of them (zeros)."""
    arrays = _TreeArrays.of(np, tree)
    counts, unknown = own
    unknown_bits = _bit_masks(np, unknown)
    total_bits = unknown_bits.copy()
    for level in arrays.levels:
        parents = arrays.parent[level]
        # Sorted parents: each run of one parent's children is or-ed in one reduceat.
        starts = np.flatnonzero(np.concatenate(([True], parents[1:] != parents[:-1])))
        total_bits[parents[starts]] |= np.bitwise_or.reduceat(total_bits[level], starts)
    own_rows: Rows = _ArrayRows(counts)
    skip = range(0)
    if block is not None:
        skip = range(plan.block_end, plan.block_end + block.running.shape[1])
    total_rows: Rows = _ArrayRows(_subtree_sums(np, arrays, counts, skip))
    if block is not None:
        own_rows = _BlockRows(own_rows, block, skip)
        total_rows = _BlockRows(total_rows, block.subtree_sums(arrays.parent, arrays.end), skip)
    return Rollup.from_counts(
        tree,
        CountTable(plan.codes, own_rows, _unknown_slots(np, unknown_bits)),
        CountTable(plan.codes, total_rows, _unknown_slots(np, total_bits)),
        year=cal.year,
        as_of=cal.on,
    )


def _subtree_sums(np: Any, arrays: _TreeArrays, counts: Any, skip: range = range(0)) -> Any:
    """Each position's counts summed over its subtree: in pre-order a subtree is a run of
    positions, so its sum is the difference of two running sums of the column.

    Column by column (the counts are column-major): the running sum and the look-ups
    read one column's memory in a row, where summing level by level gathered whole rows
    of hundreds of counts (with the breakdowns) for every parent. The columns *skip*
    (held elsewhere) are left zeros.
    """
    columns = np.asfortranarray(counts)
    # Zeros as the system gives fresh memory: a column never written is never touched,
    # where zeros_like wrote every one.
    total = np.zeros(columns.shape, dtype=columns.dtype, order="F")
    running = np.zeros(len(columns) + 1, dtype=counts.dtype)
    before, end = running[:-1], arrays.end  # the sum up to each position, and past it
    # A running sum past the integers' range wraps around, and the difference of two
    # wrapped sums is still exact whenever the subtree's own sum fits.
    # A column of zeros (a category no member is in) sums to zeros: its sums are not run.
    for at in range(columns.shape[1]):
        if at in skip or not columns[:, at].any():
            continue
        np.cumsum(columns[:, at], out=running[1:])
        np.subtract(running[end], before, out=total[:, at])
    return total


#: Unknown slots travel as bit masks, this many slots to an unsigned 64-bit word.
_WORD = 64


def _bit_masks(np: Any, unknown: Any) -> Any:
    """Each organization's unknown slots as bit masks: one 64-bit word per 64 counts
    (the usual rollup has fewer), so merging them is one bitwise or per organization.
    One word gives a vector; more give one row of words per organization.

    Packed eight slots to a byte, first slot lowest, and the bytes read as little-endian
    words: slot ``64w + i`` is bit ``i`` of word ``w``.
    """
    rows, width = unknown.shape
    words = max(1, -(-width // _WORD))
    packed = np.zeros((rows, 8 * words), dtype=np.uint8)
    # Only the slots unknown somewhere are packed, a column at a time: with the
    # breakdowns they are a tenth of some 500, and packing every row across the
    # column-major flags read them strided.
    for at in np.flatnonzero(unknown.any(axis=0)).tolist():
        packed[:, at >> 3] |= unknown[:, at].view(np.uint8) << (at & 7)
    masks = packed.view("<u8")
    return masks[:, 0].copy() if words == 1 else masks


def _unknown_slots(np: Any, bits: Any) -> dict[int, frozenset[int]]:
    """The unknown slots of each position that has some; one frozenset per bit pattern.

    The patterns are few (a breakdown's unknown category recurs across the tree): each
    distinct one is turned into slots once, and the positions take theirs by look-up.
    """
    if bits.ndim == 1:
        rows = np.flatnonzero(bits)
        patterns: list[Any] = bits[rows].tolist()
    else:
        rows = np.flatnonzero(bits.any(axis=1))
        # A row of words as one bytes object: made and hashed in C, where a tuple of
        # Python integers per row took most of the time.
        row = np.dtype((np.void, bits.itemsize * bits.shape[1]))
        patterns = np.ascontiguousarray(bits[rows]).view(row).ravel().tolist()
    slots: dict[Any, frozenset[int]] = {}
    for pattern in set(patterns):
        # Word w of a pattern holds slots 64w to 64w + 63.
        words = (pattern,) if bits.ndim == 1 else np.frombuffer(pattern, dtype="<u8").tolist()
        slots[pattern] = frozenset(
            _WORD * w + i
            for w, word in enumerate(words)
            for i in range(word.bit_length())
            if word >> i & 1
        )
    return dict(zip(rows.tolist(), map(slots.__getitem__, patterns), strict=True))


class _BlockRows:
    """Rows of *rows* with the columns *at* read from *block* (the breakdowns, held as
    rows of the chi bộ or their sums up the tree)."""

    __slots__ = ("_at", "_block", "_rows")

    def __init__(self, rows: Rows, block: ChiBoColumns | SubtreeSums, at: range) -> None:
        self._rows = rows
        self._block = block
        self._at = slice(at.start, at.stop)

    def __getitem__(self, at: int, /) -> list[int]:
        row = self._rows[at]
        row[self._at] = self._block[at]
        return row

    def __len__(self) -> int:
        return len(self._rows)


class _ArrayRows:
    """A rollup's counts by position, read from an integer array one row at a time."""

    __slots__ = ("_array",)

    def __init__(self, array: Any) -> None:
        self._array = array

    def __getitem__(self, at: int, /) -> list[int]:
        row: list[int] = self._array[at].tolist()
        return row

    def __len__(self) -> int:
        return len(self._array)
