"""The DataFrame path: the same :class:`~coso_dang.rollup.Rollup` from member tables.

An analyst often holds members and evaluations as DataFrames rather than records.
:func:`rollup_frame` counts them with one vectorized group-by per chi bộ (through
narwhals, so pandas and polars tables both work) and then merges up the
:class:`~coso_dang.tree.OrgTree` exactly as :func:`~coso_dang.rollup.rollup` does. The
counting conventions are those of :mod:`coso_dang.rollup`; on the same data both paths
give equal rollups.

This module needs the optional extra: ``pip install "coso-dang[dataframe]"``. Without
it the rest of the library imports and works, and these functions raise an
:class:`ImportError` saying what to install.

Tables
------
Members (:data:`MEMBER_COLUMNS`, as made by :func:`members_frame`): ``id``, ``org_id``;
dates ``admitted_on``, ``ceremony_on``, ``official_on``, ``left_on`` (a date or datetime
dtype, null when not recorded); booleans ``is_working``, ``keeps_residence_contact``
(nullable); text ``residence_unit_id`` and the codes of ``committee_role``,
``education`` and ``political_theory`` (e.g. ``"bi_thu"``, ``"dai_hoc"``, ``"trung_cap"``).

Evaluations (:data:`EVALUATION_COLUMNS`, as made by :func:`evaluations_frame`):
``subject_id``, ``year``, ``rating`` (the abbreviation, ``"HTTNV"``; null when not
rated) and ``subject`` (``"member"`` or ``"organization"``).
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from datetime import date, datetime
from operator import attrgetter
from typing import Any, Literal

from coso_dang._gc import paused
from coso_dang.errors import Problem, TreeError
from coso_dang.evaluation import Evaluation
from coso_dang.indicators import RATING_SUFFIXES
from coso_dang.members import Member
from coso_dang.ratings import Rating
from coso_dang.rollup import (
    _HIGH_EDUCATION,
    _HIGH_THEORY,
    _M_CONTACT,
    _M_EDU,
    _M_LLCT,
    _M_WORKING,
    Rollup,
    _assemble,
    _Calendar,
)
from coso_dang.tree import OrgTree

__all__ = [
    "EVALUATION_COLUMNS",
    "MEMBER_COLUMNS",
    "evaluations_frame",
    "members_frame",
    "rollup_frame",
]

Backend = Literal["pandas", "polars"]

_DATES = ("admitted_on", "ceremony_on", "official_on", "left_on")
_FLAGS = ("is_working", "keeps_residence_contact")
_TEXTS = ("residence_unit_id", "committee_role", "education", "political_theory")
#: The columns :func:`rollup_frame` reads from a members table.
MEMBER_COLUMNS: tuple[str, ...] = ("id", "org_id", *_DATES, *_FLAGS, *_TEXTS)
#: The columns :func:`rollup_frame` reads from an evaluations table.
EVALUATION_COLUMNS: tuple[str, ...] = ("subject_id", "year", "rating", "subject")

_EXTRA = 'pip install "coso-dang[dataframe]"'
# Counts the group-by makes per chi bộ, in the order of the rollup's member block.
_BLOCK = (
    "dang_vien",
    "dang_vien_chinh_thuc",
    "dang_vien_du_bi",
    "dang_vien_cuoi_nam_truoc",
    "ket_nap",
    "dang_vien_dang_cong_tac",
    "dang_vien_giu_lien_he_noi_cu_tru",
    "cap_uy_vien",
    "cap_uy_vien_cao_dang_tro_len",
    "cap_uy_vien_trung_cap_llct_tro_len",
)
_UNKNOWN = (
    ("_unknown_working", (_M_WORKING, _M_CONTACT)),
    ("_unknown_contact", (_M_CONTACT,)),
    ("_unknown_edu", (_M_EDU,)),
    ("_unknown_llct", (_M_LLCT,)),
)
_RATED = tuple(f"_rated_{s}" for s in RATING_SUFFIXES)


def _require(name: str) -> Any:
    """Import an optional dependency, or say which extra brings it."""
    try:
        return importlib.import_module(name)
    except ImportError as error:
        raise ImportError(f"{name} is needed for DataFrames: {_EXTRA}") from error


def _code(value: Any) -> str | None:
    return None if value is None else str(value.value)


# -- records to tables -------------------------------------------------------------------------


def members_frame(members: Iterable[Member], *, backend: Backend = "polars") -> Any:
    """A members table (:data:`MEMBER_COLUMNS`) for :func:`rollup_frame`.

    Only the fields a rollup reads are copied: no names or other personal data.

    Args:
        members: the member records.
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
    columns: dict[str, list[Any]] = {name: [] for name in MEMBER_COLUMNS}
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
    return _table(columns, backend, dates=_DATES, flags=_FLAGS)


def evaluations_frame(evaluations: Iterable[Evaluation], *, backend: Backend = "polars") -> Any:
    """An evaluations table (:data:`EVALUATION_COLUMNS`) for :func:`rollup_frame`.

    Raises:
        ImportError: the backend is not installed.

    >>> frame = evaluations_frame([Evaluation("dv1", 2024, Rating.HTTNV)])
    >>> frame.row(0)
    ('dv1', 2024, 'HTTNV', 'member')
    """
    columns: dict[str, list[Any]] = {name: [] for name in EVALUATION_COLUMNS}
    for ev in evaluations:
        columns["subject_id"].append(ev.subject_id)
        columns["year"].append(ev.year)
        columns["rating"].append(None if ev.rating is None else ev.rating.abbreviation)
        columns["subject"].append(ev.subject.value)
    return _table(columns, backend, ints=("year",))


def _table(
    columns: dict[str, list[Any]],
    backend: Backend,
    *,
    dates: tuple[str, ...] = (),
    flags: tuple[str, ...] = (),
    ints: tuple[str, ...] = (),
) -> Any:
    if backend == "polars":
        pl = _require("polars")
        schema = {
            name: pl.Date
            if name in dates
            else pl.Boolean
            if name in flags
            else pl.Int64
            if name in ints
            else pl.String
            for name in columns
        }
        return pl.DataFrame(columns, schema=schema)
    if backend == "pandas":
        pd = _require("pandas")
        np = _require("numpy")
        data: dict[str, Any] = {}
        for name, values in columns.items():
            if name in dates:
                # Day numbers through numpy: far faster than parsing date objects.
                days = np.array(
                    [-(2**62) if d is None else d.toordinal() - 719163 for d in values],
                    dtype="int64",
                )
                series = pd.Series(days.astype("datetime64[D]").astype("datetime64[s]"))
                series[days == -(2**62)] = pd.NaT
                data[name] = series
            elif name in flags:
                data[name] = pd.array(values, dtype="boolean")
            elif name in ints:
                data[name] = pd.array(values, dtype="int64")
            else:
                data[name] = pd.array(values, dtype=object)
        return pd.DataFrame(data)
    raise ValueError(f"backend must be 'pandas' or 'polars', not {backend!r}")


# -- the vectorized member step ----------------------------------------------------------------


def rollup_frame(
    tree: OrgTree,
    members: Any,
    *,
    year: int,
    evaluations: Any = None,
    as_of: date | None = None,
) -> Rollup:
    """:func:`~coso_dang.rollup.rollup` with members and evaluations as DataFrames.

    The tree supplies the organizations and residential units; member records inside
    it are not read (build it from organizations and units alone: it is faster).

    Args:
        tree: organizations and residential units.
        members: a pandas or polars members table (:data:`MEMBER_COLUMNS`).
        year: the reporting year.
        evaluations: an evaluations table (:data:`EVALUATION_COLUMNS`) of the same
            library, or ``None`` (rating counts unknown).
        as_of: the reporting date, a day of *year*; 31/12 by default.

    Raises:
        ImportError: narwhals (the extra) is not installed.
        RecordError: *year* or *as_of* is not a valid reporting date.
        TreeError: members of unknown organizations or of something not a chi bộ,
            duplicate member ids, evaluations of subjects not in the tables, or given
            twice; every one is listed.

    >>> from coso_dang import Organization, OrgKind
    >>> tree = OrgTree.build([Organization("cb", "Chi bộ cơ sở A", OrgKind.CHI_BO_CO_SO)])
    >>> table = members_frame([Member("dv1", "Phạm Văn Tâm", "cb", admitted_on=date(2024, 5, 19))])
    >>> rollup_frame(tree, table, year=2024).root["ket_nap"]
    1
    """
    nw = _require("narwhals")
    cal = _Calendar(year, as_of)
    with paused():
        return _rollup_frame(nw, tree, members, cal, evaluations)


def _rollup_frame(nw: Any, tree: OrgTree, members: Any, cal: _Calendar, evaluations: Any) -> Rollup:
    year = cal.year
    frame = nw.from_native(members, eager_only=True)
    _check_members(nw, frame, tree)
    rated = evaluations is not None
    member_ratings = org_ratings = None
    # One lazy query from the join to the group-by: the backend reads only the columns
    # the counts need and can fuse the steps.
    joined = frame.lazy()
    if rated:
        evals = nw.from_native(evaluations, eager_only=True).filter(nw.col("year") == year)
        member_ratings = evals.filter(nw.col("subject") == "member").select(
            nw.col("subject_id").alias("id"), "rating", nw.lit(True).alias("_evaluated")
        )
        _check_twice(nw, member_ratings)
        joined = joined.join(member_ratings.lazy(), on="id", how="left")
        orgs = evals.filter(nw.col("subject") == "organization")
        org_ratings = _org_ratings(orgs, tree)
    # Flags first, then a plain sum per chi bộ: the simple group-by every backend runs fast.
    flags = _flags(nw, frame, cal, rated)
    if rated:
        # Member ids and evaluated ids are unique, so the matched rows count the
        # evaluations of members in the table: fewer than given means strays.
        matched = nw.col("_evaluated").fill_null(False).cast(nw.Int64).alias("_matched")
        flags.append(_Flag("_matched", matched))
    counted = joined.select("org_id", *(f.expr for f in flags))
    grouped = counted.group_by("org_id").agg(nw.col(*(f.name for f in flags)).sum()).collect()
    if member_ratings is not None and sum(grouped.get_column("_matched").to_list()) != len(
        member_ratings
    ):
        _check_strays(member_ratings, frame)
    member_blocks = _blocks(grouped, rated)
    residences: set[str] | None = None
    # Only units with has_member=None read the residences: collect them only then.
    if any(unit.has_member is None for unit in tree.units):
        scalar = _scalars(nw, frame, cal)
        active = _active(nw, scalar["on"])
        units = frame.filter(active & ~nw.col("residence_unit_id").is_null())
        residences = set(units.get_column("residence_unit_id").unique().to_list())
    return _assemble(tree, cal, member_blocks, org_ratings, residences)


def _check_members(nw: Any, frame: Any, tree: OrgTree) -> None:
    problems: list[Problem] = []
    org_ids = frame.get_column("org_id").unique().to_list()
    by_id = tree._by_id
    # In bulk first (one kind per distinct kind); one by one only to say what is wrong.
    if by_id.keys() >= set(org_ids) and all(
        kind.is_chi_bo for kind in set(map(attrgetter("kind"), map(by_id.__getitem__, org_ids)))
    ):
        org_ids = []
    for org_id in org_ids:
        if org_id not in tree:
            problems.append(Problem("members table", "org_id", str(org_id), "unknown organization"))
            continue
        org = tree[org_id]
        if not org.kind.is_chi_bo:
            reason = f"members belong to a chi bộ, not a {org.kind.label}"
            problems.append(Problem("members table", "org_id", str(org_id), reason))
    ids = frame.get_column("id")
    if ids.n_unique() != len(ids):
        duplicated = frame.filter(nw.col("id").is_duplicated()).get_column("id").unique()
        problems.extend(
            Problem(f"Member {i!r}", "id", str(i), "duplicate id") for i in duplicated.to_list()
        )
    if problems:
        raise TreeError(problems)


def _check_twice(nw: Any, ratings: Any) -> None:
    ids = ratings.get_column("id")
    if ids.n_unique() != len(ids):
        twice = ratings.filter(nw.col("id").is_duplicated()).get_column("id").unique()
        raise TreeError(
            Problem(f"Evaluation {i!r}", "year", "", "evaluated twice") for i in twice.to_list()
        )


def _check_strays(ratings: Any, members: Any) -> None:
    strays = ratings.join(members.select("id"), on="id", how="anti")
    if len(strays):
        raise TreeError(
            Problem(f"Evaluation {i!r}", "subject_id", str(i), "no such member in the tree")
            for i in strays.get_column("id").to_list()
        )


def _org_ratings(orgs: Any, tree: OrgTree) -> dict[str, Rating | None]:
    ids = orgs.get_column("subject_id").to_list()
    ratings = orgs.get_column("rating").to_list()
    found: dict[str, Rating | None] = {}
    problems: list[Problem] = []
    by_code = {r.abbreviation: r for r in Rating}
    by_id = tree._by_id
    for subject, code in zip(ids, ratings, strict=True):
        if subject in found:
            problems.append(Problem(f"Evaluation {subject!r}", "year", "", "evaluated twice"))
        elif subject not in by_id:
            reason = "no such organization in the tree"
            problems.append(Problem(f"Evaluation {subject!r}", "subject_id", subject, reason))
        # pandas may give NaN for a missing rating: anything but text is "not rated".
        found[subject] = by_code[code] if isinstance(code, str) else None
    if problems:
        raise TreeError(problems)
    return found


def _scalars(nw: Any, frame: Any, cal: _Calendar) -> dict[str, Any]:
    """The calendar's dates as scalars comparable with the table's date columns."""
    dtype = frame.schema["admitted_on"]
    as_datetime = dtype != nw.Date

    def scalar(day: date) -> Any:
        return datetime(day.year, day.month, day.day) if as_datetime else day

    return {
        "on": scalar(cal.on),
        "previous": scalar(cal.previous),
        "start": scalar(cal.year_start),
        "official_by": scalar(cal.official_by),
    }


def _active(nw: Any, on: Any) -> Any:
    left = nw.col("left_on")
    return (nw.col("admitted_on") <= on) & (left.is_null() | (left > on))


class _Flag:
    """A named 0/1 column expression."""

    __slots__ = ("expr", "name")

    def __init__(self, name: str, expr: Any) -> None:
        self.name = name
        self.expr = expr


def _flags(nw: Any, frame: Any, cal: _Calendar, rated: bool) -> list[_Flag]:
    s = _scalars(nw, frame, cal)
    on = s["on"]
    admitted_on = nw.col("admitted_on")
    active = _active(nw, on)
    left = nw.col("left_on")
    before = (admitted_on <= s["previous"]) & (left.is_null() | (left > s["previous"]))
    start = nw.col("ceremony_on").fill_null(admitted_on)
    official = active & (
        nw.when(nw.col("official_on").is_null())
        .then(start <= s["official_by"])
        .otherwise(nw.col("official_on") <= on)
    )
    working = active & nw.col("is_working").fill_null(False)
    keeps = nw.col("keeps_residence_contact")
    seat = active & ~nw.col("committee_role").is_null()
    high_edu = [e.value for e in _HIGH_EDUCATION]
    high_theory = [p.value for p in _HIGH_THEORY]
    counts = {
        "dang_vien": active,
        "dang_vien_chinh_thuc": official,
        "dang_vien_cuoi_nam_truoc": before,
        "ket_nap": (admitted_on >= s["start"]) & (admitted_on <= on),
        "dang_vien_dang_cong_tac": working,
        "dang_vien_giu_lien_he_noi_cu_tru": working & keeps.fill_null(False),
        "cap_uy_vien": seat,
        "cap_uy_vien_cao_dang_tro_len": seat & nw.col("education").is_in(high_edu),
        "cap_uy_vien_trung_cap_llct_tro_len": seat & nw.col("political_theory").is_in(high_theory),
        "_unknown_working": active & nw.col("is_working").is_null(),
        "_unknown_contact": working & keeps.is_null(),
        "_unknown_edu": seat & nw.col("education").is_null(),
        "_unknown_llct": seat & nw.col("political_theory").is_null(),
    }
    if rated:
        rating = nw.col("rating")
        for suffix, column in zip(RATING_SUFFIXES, _RATED, strict=True):
            counts[column] = rating == suffix.upper()
    return [
        _Flag(name, expr.fill_null(False).cast(nw.Int64).alias(name))
        for name, expr in counts.items()
    ]


def _blocks(grouped: Any, rated: bool) -> dict[str, tuple[list[int], set[int], list[int]]]:
    """The per-chi bộ results as the rollup's member blocks."""
    keys = grouped.get_column("org_id").to_list()
    column = {name: grouped.get_column(name).to_list() for name in grouped.columns}
    n, official = column["dang_vien"], column["dang_vien_chinh_thuc"]
    column["dang_vien_du_bi"] = [a - b for a, b in zip(n, official, strict=True)]
    block_rows = zip(*(column[name] for name in _BLOCK), strict=True)
    unknown_rows = zip(*(column[name] for name, _ in _UNKNOWN), strict=True)
    zero = [0, 0, 0, 0]
    rating_rows: Iterable[tuple[int, ...]] = (
        zip(*(column[name] for name in _RATED), strict=True)
        if rated
        else (tuple(zero) for _ in keys)
    )
    blocks: dict[str, tuple[list[int], set[int], list[int]]] = {}
    for key, block, flags, ratings in zip(keys, block_rows, unknown_rows, rating_rows, strict=True):
        unknown: set[int] = set()
        if any(flags):
            for flag, (_, slots) in zip(flags, _UNKNOWN, strict=True):
                if flag:
                    unknown.update(slots)
        blocks[key] = (list(block), unknown, list(ratings))
    return blocks
