"""Rollups: the counts of every organization's whole subtree, as :class:`Tally` objects.

:func:`rollup` counts an :class:`OrgTree` (organizations, members, residential units) and
a year's :class:`Evaluation` records; :meth:`Rollup.from_tallies` rolls up counts made
elsewhere (a database, a DataFrame, a published report). Both give a :class:`Rollup`:
a read-only mapping from organization id to the tally of that organization and
everything below it.

How it runs (design principle 8): members are counted into their chi bộ in one pass,
then the per-organization counts merge bottom-up once, children before parents. Nothing
re-scans members per node, so the cost is linear in members plus organizations.

Counting conventions
--------------------
The reporting date *on* is 31/12 of ``year`` unless ``as_of`` (a day of that year) is
given. "Active" means :meth:`Organization.active_on` / :meth:`Member.is_active` on it.

Organizations (always known, zero when there are none):

- ``tccsd``, ``dang_bo_co_so``, ``chi_bo_co_so``, ``dang_bo_bo_phan``,
  ``chi_bo_truc_thuoc``, ``to_dang``: organizations of that kind active on *on*; ``tccsd``
  is the two grassroots kinds together. Each organization is judged by its own dates
  (a dissolved parent does not hide active children).
- ``xa``: active organizations with :attr:`Organization.is_commune`.
  ``xa_co_chi_bo_quan_su`` / ``xa_co_chi_bo_cong_an``: those whose
  ``has_chi_bo_quan_su`` / ``has_chi_bo_cong_an`` is true; where the flag is ``None``, a
  commune with an active direct child of sector quân đội / công an counts as having one,
  and otherwise the count is *unknown* for that commune and everything above it.

Members (counted in their chi bộ):

- ``dang_vien``: active on *on*; split into ``dang_vien_chinh_thuc`` and
  ``dang_vien_du_bi`` by :meth:`Member.status` on *on* (so they always add up).
- ``dang_vien_cuoi_nam_truoc``: active on 31/12 of the previous year.
- ``ket_nap``: admission decision (``admitted_on``) from 1/1 of ``year`` to *on*, whether
  or not the member is still on the rolls.
- ``dang_vien_dang_cong_tac``: active members with ``is_working`` true;
  ``dang_vien_giu_lien_he_noi_cu_tru``: those of them with ``keeps_residence_contact``
  true. An active member with ``is_working=None`` makes both counts unknown for the chi
  bộ (and above); a working member with ``keeps_residence_contact=None`` makes the second
  one unknown.
- ``cap_uy_vien``: active members with a ``committee_role`` (always known: ``None`` means
  no seat). ``cap_uy_vien_cao_dang_tro_len``: those whose education is at least
  :attr:`Education.CAO_DANG`; ``cap_uy_vien_trung_cap_llct_tro_len``: political theory
  at least :attr:`PoliticalTheory.TRUNG_CAP`. A committee member whose level is ``None``
  makes that count unknown.

Ratings (only when ``evaluations`` are given — even an empty list; without them these
counts are unknown, not zero). Only evaluations of ``year`` are read, unrated ones
(``rating=None``) count nowhere, and every evaluation given for the year is counted,
including those of members who left before *on*:

- ``dang_vien_<level>``: member evaluations, in the member's chi bộ;
- ``tccsd_<level>``: evaluations of TCCSĐ (đảng bộ cơ sở, chi bộ cơ sở);
- ``chi_bo_truc_thuoc_<level>``: evaluations of chi bộ trực thuộc.

Evaluations of other kinds of organization have no count and are not read. An
evaluation whose subject is not in the tree, or a second one for the same subject and
year, is an error (:class:`TreeError` listing all of them): nothing is dropped silently.

Residential units (only when the tree has units; otherwise unknown), counted in the
organization named by ``commune_id``:

- ``thon``: every unit (units have no dates).
- ``thon_co_dang_vien``: ``has_member`` if given; else whether an active member has the
  unit as ``residence_unit_id``. When no active member in the tree records a residence,
  that cannot be told and the count is unknown for the commune.
- ``thon_co_chi_bo``: units whose ``chi_bo_id`` names a chi bộ active on *on*.
- ``truong_thon_la_dang_vien``: ``head_is_member`` true; unknown where it is ``None``.

>>> from datetime import date
>>> from coso_dang import Member, Organization, OrgKind, OrgTree
>>> tree = OrgTree.build(
...     [Organization("xa", "Đảng bộ xã An Bình", OrgKind.DANG_BO_CO_SO),
...      Organization("cb1", "Chi bộ thôn 1", OrgKind.CHI_BO_TRUC_THUOC, parent_id="xa")],
...     [Member("dv1", "Trần Văn Minh", "cb1", admitted_on=date(2010, 3, 2)),
...      Member("dv2", "Lê Thị Hoa", "cb1", admitted_on=date(2024, 5, 19))],
... )
>>> result = rollup(tree, year=2024)
>>> result["xa"]["dang_vien"], result["xa"]["ket_nap"], result["xa"]["tccsd"]
(2, 1, 1)
>>> result["xa"].get("dang_vien_httnv") is None  # no evaluations given: unknown
True
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from datetime import date, timedelta
from fractions import Fraction
from operator import add
from typing import TYPE_CHECKING, Any, Literal, Protocol, cast

from coso_dang._extras import require
from coso_dang._gc import paused
from coso_dang.errors import Problem, RecordError, TreeError
from coso_dang.evaluation import Evaluation, SubjectKind
from coso_dang.indicators import RATING_SUFFIXES, indicators, ratios
from coso_dang.members import PROBATION, Education, PoliticalTheory
from coso_dang.orgs import COMMUNE_KINDS, Organization, OrgKind, Sector
from coso_dang.ratings import Rating
from coso_dang.tally import Tally
from coso_dang.tree import OrgTree, _Layout

if TYPE_CHECKING:
    from coso_dang.members import Member

__all__ = ["SHARE_PREFIX", "Rollup", "rollup"]

Backend = Literal["pandas", "polars"]

_KIND_CODES: tuple[tuple[OrgKind, str], ...] = (
    (OrgKind.DANG_BO_CO_SO, "dang_bo_co_so"),
    (OrgKind.CHI_BO_CO_SO, "chi_bo_co_so"),
    (OrgKind.DANG_BO_BO_PHAN, "dang_bo_bo_phan"),
    (OrgKind.CHI_BO_TRUC_THUOC, "chi_bo_truc_thuoc"),
    (OrgKind.TO_DANG, "to_dang"),
)
#: Counts every rollup knows, in the order of a rollup's vectors.
_BASE_CODES: tuple[str, ...] = (
    "tccsd",
    *(code for _, code in _KIND_CODES),
    "xa",
    "xa_co_chi_bo_quan_su",
    "xa_co_chi_bo_cong_an",
    # The member block: _count_members returns these, in this order.
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
_MEMBER_CODES = _BASE_CODES[9:]
_RATING_PREFIXES = ("dang_vien", "tccsd", "chi_bo_truc_thuoc")
_RATING_CODES: tuple[str, ...] = tuple(
    f"{prefix}_{suffix}" for prefix in _RATING_PREFIXES for suffix in RATING_SUFFIXES
)
_UNIT_CODES = ("thon", "thon_co_dang_vien", "thon_co_chi_bo", "truong_thon_la_dang_vien")
#: Rating -> its position among the four levels (highest first).
_RATING_INDEX: dict[Rating, int] = {Rating.parse(s): i for i, s in enumerate(RATING_SUFFIXES)}

_HIGH_EDUCATION = frozenset(e for e in Education if e.at_least(Education.CAO_DANG))
_HIGH_THEORY = frozenset(p for p in PoliticalTheory if p.at_least(PoliticalTheory.TRUNG_CAP))

# Positions inside the member block (see _BASE_CODES).
_M_WORKING, _M_CONTACT, _M_EDU, _M_LLCT = 5, 6, 8, 9

#: Share columns in :meth:`Rollup.to_records` are named ``share_<ratio code>``.
SHARE_PREFIX = "share_"


# -- the reporting calendar --------------------------------------------------------------------


class _Calendar:
    """The dates a rollup of *year* counts on."""

    __slots__ = ("official_by", "on", "previous", "year", "year_start")

    def __init__(self, year: int, as_of: date | None) -> None:
        if not isinstance(year, int) or isinstance(year, bool) or not 1930 <= year <= 9999:
            raise RecordError("rollup", "year", year, "must be a whole number from 1930 to 9999")
        on = date(year, 12, 31) if as_of is None else as_of
        if not isinstance(on, date) or on.year != year:
            raise RecordError("rollup", "as_of", as_of, f"must be a date in {year}")
        self.year = year
        self.on = on
        self.year_start = date(year, 1, 1)
        self.previous = date(year - 1, 12, 31)
        self.official_by = _official_by(on)


def _official_by(on: date) -> date:
    """The latest probation start whose 12 months are over on *on*.

    ``start + PROBATION <= on`` is monotone in *start*, so one comparison with this day
    replaces the date arithmetic per member.
    """
    day = on - PROBATION
    one = timedelta(days=1)
    while day + one + PROBATION <= on:
        day += one
    while day + PROBATION > on:
        day -= one
    return day


# -- counting members --------------------------------------------------------------------------


def _count_members(
    members: list[Member],
    cal: _Calendar,
    rated_ids: list[str],
    rated_levels: list[int],
    k: int,
    rating_counts: list[int],
    residences: set[str] | None,
) -> tuple[list[int], set[int], int]:
    """Count one chi bộ's members: the member block of the vector, its unknown slots.

    Member ratings are matched in lockstep: *rated_ids* / *rated_levels* are the year's
    member evaluations in input order (ending with a ``""`` sentinel), and *k* is the
    first not yet matched. A member whose id is the one at *k* adds its level to
    *rating_counts* (four levels) and moves *k* on; any other member is left for
    :func:`_match_leftovers`. Evaluations listed in member order (the usual export)
    thus cost one string comparison each, not a dictionary. Returns the block, the
    unknown slots and the new *k*. The units active members live in go to
    *residences*.
    """
    on, previous, year_start, official_by = cal.on, cal.previous, cal.year_start, cal.official_by
    n = official = before = admitted = working = contact = seats = edu = llct = 0
    unknown_working = unknown_contact = unknown_edu = unknown_llct = False
    high_edu, high_llct = _HIGH_EDUCATION, _HIGH_THEORY
    want = rated_ids[k]
    for m in members:
        if m.id == want:
            level = rated_levels[k]
            if level >= 0:
                rating_counts[level] += 1
            k += 1
            want = rated_ids[k]
        start = m.admitted_on
        left = m.left_on
        if year_start <= start <= on:
            admitted += 1
        if left is None:
            if start > on:
                continue
            if start <= previous:
                before += 1
        else:
            if start <= previous < left:
                before += 1
            if start > on or left <= on:
                continue
        n += 1
        recorded = m.official_on
        if recorded is None:
            if (m.ceremony_on or start) <= official_by:
                official += 1
        elif recorded <= on:
            official += 1
        is_working = m.is_working
        if is_working:
            working += 1
            keeps = m.keeps_residence_contact
            if keeps:
                contact += 1
            elif keeps is None:
                unknown_contact = True
        elif is_working is None:
            unknown_working = True
        if m.committee_role is not None:
            seats += 1
            education = m.education
            if education is None:
                unknown_edu = True
            elif education in high_edu:
                edu += 1
            theory = m.political_theory
            if theory is None:
                unknown_llct = True
            elif theory in high_llct:
                llct += 1
        if residences is not None:
            unit = m.residence_unit_id
            if unit is not None:
                residences.add(unit)
    unknown: set[int] = set()
    if unknown_working:
        unknown.update((_M_WORKING, _M_CONTACT))
    if unknown_contact:
        unknown.add(_M_CONTACT)
    if unknown_edu:
        unknown.add(_M_EDU)
    if unknown_llct:
        unknown.add(_M_LLCT)
    block = [n, official, n - official, before, admitted, working, contact, seats, edu, llct]
    return block, unknown, k


# -- the rollup --------------------------------------------------------------------------------


def rollup(
    tree: OrgTree,
    *,
    year: int,
    evaluations: Iterable[Evaluation] | None = None,
    as_of: date | None = None,
) -> Rollup:
    """Count every organization's subtree as at 31/12 of *year* (or *as_of*).

    The counting conventions are in this module's docstring.

    Args:
        tree: organizations, members and residential units.
        year: the reporting year (admissions and evaluations are those of this year).
        evaluations: the year's evaluations of members and organizations; without them
            the rating counts are unknown.
        as_of: the reporting date, a day of *year*; 31/12 by default.

    Raises:
        RecordError: *year* or *as_of* is not a valid reporting date.
        TreeError: evaluations of subjects not in the tree, or given twice.

    >>> from coso_dang import Organization, OrgKind, OrgTree
    >>> tree = OrgTree.build([Organization("cb", "Chi bộ cơ sở Trường A", OrgKind.CHI_BO_CO_SO)])
    >>> rollup(tree, year=2024).root["tccsd"]
    1
    """
    cal = _Calendar(year, as_of)
    # Millions of records are alive: a cyclic collection walks them all (see _gc).
    with paused():
        return _rollup(tree, cal, evaluations)


def _rollup(tree: OrgTree, cal: _Calendar, evaluations: Iterable[Evaluation] | None) -> Rollup:
    year = cal.year
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
    # Only units with has_member=None read the residences: collect them only then.
    units = tree.units
    residences: set[str] | None = set() if any(unit.has_member is None for unit in units) else None
    member_blocks: dict[str, tuple[list[int], set[int], list[int]]] = {}
    k = 0
    for org_id, group in tree._member_groups():
        counts = [0, 0, 0, 0]
        block, unknown, k = _count_members(
            group, cal, rated_ids, rated_levels, k, counts, residences
        )
        member_blocks[org_id] = (block, unknown, counts)
    problems: list[Problem] = []
    if listed is not None:
        strays = _match_leftovers(tree, member_blocks, rated_ids, rated_levels, k, rated)
        if strays is None or org_twice:
            _index_evaluations(listed, year)  # raises, listing every duplicate in input order
            raise AssertionError("duplicate evaluations went unreported")  # pragma: no cover
        problems.extend(_stray(strays, "no such member in the tree"))
    if org_ratings is not None:
        org_strays = {k: v for k, v in org_ratings.items() if k not in tree}
        problems.extend(_stray(org_strays, "no such organization in the tree"))
    if problems:
        raise TreeError(problems)
    return _assemble(tree, cal, member_blocks, org_ratings, residences)


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
        if ev.year != year:
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
    matched = set(rated_ids[:k])
    rest: dict[str, int] = {}
    for subject, level in zip(rated_ids[k:rated], rated_levels[k:rated], strict=True):
        if subject in matched or subject in rest:
            return None
        rest[subject] = level
    pop = rest.pop
    for org_id, group in tree._member_groups():
        counts = member_blocks[org_id][2]
        for m in group:
            level = pop(m.id, -2)
            if level >= 0:
                counts[level] += 1
        if not rest:
            break
    return rest


def _index_evaluations(
    evaluations: Iterable[Evaluation], year: int
) -> tuple[dict[str, int], dict[str, Rating | None]]:
    """The year's ratings by subject id, for members and for organizations.

    A member's rating is kept as its level's position (0 for HTXSNV ... 3 for KHTNV, -1
    when not rated), found by identity: no enum hashing per member on the hot path.
    """
    members: dict[str, int] = {}
    orgs: dict[str, Rating | None] = {}
    duplicates: list[Problem] = []
    member_kind = SubjectKind.MEMBER
    first, second, third, fourth = Rating.HTXSNV, Rating.HTTNV, Rating.HTNV, Rating.KHTNV
    for ev in evaluations:
        if ev.year != year:
            continue
        subject = ev.subject_id
        if ev.subject is member_kind:
            if subject in members:
                duplicates.append(
                    Problem(f"Evaluation {subject!r}", "year", str(year), "evaluated twice")
                )
            r = ev.rating
            members[subject] = (
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
        if subject in orgs:
            duplicates.append(
                Problem(f"Evaluation {subject!r}", "year", str(year), "evaluated twice")
            )
        orgs[subject] = ev.rating
    if duplicates:
        raise TreeError(duplicates)
    return members, orgs


def _stray(ratings: Mapping[str, object], reason: str) -> list[Problem]:
    return [Problem(f"Evaluation {key!r}", "subject_id", key, reason) for key in ratings]


class _Plan:
    """Which counts a rollup holds and where each sits in an organization's vector.

    Shared by both paths: :func:`_assemble` fills lists, :mod:`coso_dang.frame` arrays.
    """

    __slots__ = ("block_end", "codes", "index", "kind_at", "members_at", "rated", "rated_at")

    def __init__(self, rated: bool, units: bool) -> None:
        self.rated = rated
        self.codes = _BASE_CODES + (_RATING_CODES if rated else ()) + (_UNIT_CODES if units else ())
        index = self.index = {code: i for i, code in enumerate(self.codes)}
        self.members_at = index["dang_vien"]
        self.block_end = self.members_at + len(_MEMBER_CODES)
        #: Where an active organization of each kind adds 1 (besides ``tccsd``).
        self.kind_at = {kind: index[code] for kind, code in _KIND_CODES}
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
        # At most 35 counts: the DataFrame path keeps each one's unknown slots in 64 bits.
        return len(self.codes)

    @property
    def member_ratings_at(self) -> int:
        return self.index["dang_vien_htxsnv"]


def _assemble(
    tree: OrgTree,
    cal: _Calendar,
    member_blocks: Mapping[str, tuple[list[int], set[int], list[int]]],
    org_ratings: Mapping[str, Rating | None] | None,
    residences: set[str] | None,
) -> Rollup:
    """Own vectors for every organization from the counted members, then the rollup."""
    plan = _Plan(org_ratings is not None, bool(tree.units))
    zeros = [0] * plan.width
    members_at, block_end = plan.members_at, plan.block_end
    ratings_at = plan.member_ratings_at if plan.rated else 0
    grassroots = frozenset(k for k in OrgKind if k.is_grassroots)
    on = cal.on
    layout = tree._layout()
    own: list[list[int]] = []
    keep = own.append
    own_unknown: dict[int, frozenset[int]] = {}
    # One enum hash per organization: what its kind counts as, where it is rated, and
    # whether it can be a commune.
    by_kind = {
        kind: (
            plan.kind_at.get(kind),
            kind in grassroots,
            plan.rated_at.get(kind),
            kind in COMMUNE_KINDS,
        )
        for kind in OrgKind
    }
    commune_sector = Sector.XA_PHUONG
    get_block = member_blocks.get
    get_rating = org_ratings.get if org_ratings else None
    for at, org in enumerate(layout.order):
        oid = org.id
        vec = zeros.copy()
        unknown: set[int] | None = None
        kind_at, grassroot, rated_at, communal_kind = by_kind[org.kind]
        # Organization.active_on, inlined: this loop runs once per organization.
        founded, dissolved = org.founded_on, org.dissolved_on
        if (founded is None or founded <= on) and (dissolved is None or on < dissolved):
            if kind_at is not None:
                vec[kind_at] = 1
            if grassroot:
                vec[0] = 1
            if communal_kind and org.sector is commune_sector:
                unknown = set()
                _count_commune(tree, org, vec, unknown, on)
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
        if get_rating is not None and rated_at is not None:
            rating = get_rating(oid)
            if rating is not None:
                vec[rated_at + _RATING_INDEX[rating]] += 1
        keep(vec)
        if unknown:
            own_unknown[at] = frozenset(unknown)
    if tree.units:
        thon = plan.index["thon"]
        for at, (counts, unknown_units) in _count_units(tree, residences, on).items():
            vec = own[at]
            vec[thon : thon + 4] = map(add, vec[thon : thon + 4], counts)
            if unknown_units:
                slots = frozenset(thon + slot for slot in unknown_units)
                own_unknown[at] = own_unknown.get(at, frozenset()) | slots
    return Rollup._build(tree, cal.year, cal.on, plan.codes, own, own_unknown, frozenset())


def _count_commune(
    tree: OrgTree, org: Organization, vec: list[int], unknown: set[int], on: date
) -> None:
    vec[6] = 1  # xa
    for at, flag, sector in (
        (7, org.has_chi_bo_quan_su, Sector.QUAN_DOI),
        (8, org.has_chi_bo_cong_an, Sector.CONG_AN),
    ):
        if flag is None:
            flag = any(c.sector is sector and c.is_active(on) for c in tree.children(org.id))
            if not flag:
                unknown.add(at)
        vec[at] = int(flag)


def _count_units(
    tree: OrgTree, residences: set[str] | None, on: date
) -> dict[int, tuple[list[int], set[int]]]:
    """The four unit counts of each commune (by position), and which of them are unknown.

    Counts and unknown slots are in the order of ``_UNIT_CODES``.
    """
    derivable = bool(residences)
    position = tree._layout().position
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


# -- the result --------------------------------------------------------------------------------


class _Rows(Protocol):
    """Counts by position: a list of lists here, an array in :mod:`coso_dang.frame`."""

    def __getitem__(self, at: int, /) -> list[int]: ...

    def __len__(self) -> int: ...


class Rollup(Mapping[str, Tally]):
    """Organization id -> the :class:`Tally` of that organization and everything below it.

    Read-only. Iterates in tree pre-order. Build it with :func:`rollup` or
    :meth:`from_tallies`.

    >>> from coso_dang import Organization, OrgKind, OrgTree, Tally
    >>> tree = OrgTree.build([
    ...     Organization("t", "Đảng bộ tỉnh", OrgKind.DANG_BO_TINH),
    ...     Organization("a", "Đảng bộ xã A", OrgKind.DANG_BO_CO_SO, parent_id="t"),
    ...     Organization("b", "Đảng bộ xã B", OrgKind.DANG_BO_CO_SO, parent_id="t"),
    ... ])
    >>> r = Rollup.from_tallies(tree, {"a": Tally(dang_vien=120), "b": Tally(dang_vien=95)})
    >>> r.root
    Tally(dang_vien=215)
    >>> list(r)
    ['t', 'a', 'b']
    """

    __slots__ = (
        "_codes",
        "_empty",
        "_layout",
        "_own",
        "_own_empty",
        "_own_unknown",
        "_total",
        "_total_unknown",
        "_tree",
        "as_of",
        "year",
    )

    # Counts are kept by position in the tree's pre-order (see OrgTree._layout): one
    # list of ints per organization, and the unknown slots only where there are some.
    _tree: OrgTree
    _layout: _Layout
    _codes: tuple[str, ...]
    _own: _Rows
    _own_unknown: dict[int, frozenset[int]]
    _own_empty: frozenset[int]
    _total: _Rows
    _total_unknown: dict[int, frozenset[int]]
    _empty: frozenset[int]
    #: The reporting year, or ``None`` for a rollup of counts made elsewhere.
    year: int | None
    #: The reporting date, or ``None`` for a rollup of counts made elsewhere.
    as_of: date | None

    def __init__(self) -> None:
        raise TypeError("use rollup(tree, year=...) or Rollup.from_tallies(tree, tallies)")

    @classmethod
    def _build(
        cls,
        tree: OrgTree,
        year: int | None,
        as_of: date | None,
        codes: tuple[str, ...],
        own: list[list[int]],
        own_unknown: dict[int, frozenset[int]],
        own_empty: frozenset[int],
    ) -> Rollup:
        """Merge *own* (by pre-order position) bottom-up: backwards, children come first."""
        parent_of = tree._layout().parent
        n = len(own)
        # total[i] first gathers the sum of i's children, then becomes i's own total.
        total: list[list[int] | None] = [None] * n
        total_unknown: dict[int, frozenset[int]] = {}
        nonempty: set[int] = set()
        track_empty = bool(own_empty)  # counted rollups fill every organization
        get_unknown, get_own_unknown = total_unknown.get, own_unknown.get
        for i in range(n - 1, -1, -1):
            below = total[i]
            mine = own[i]
            vec = mine if below is None else list(map(add, below, mine))
            total[i] = vec
            unknown = get_unknown(i)
            mine_unknown = get_own_unknown(i)
            if mine_unknown:
                unknown = mine_unknown if unknown is None else unknown | mine_unknown
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
                total_unknown[parent] = unknown if above is None else above | unknown
            if track_empty and filled:
                nonempty.add(parent)
        empty = frozenset(range(n)) - nonempty if track_empty else frozenset()
        done = cast("list[list[int]]", total)  # every position is filled now
        return cls._make(
            tree, year, as_of, codes, (own, own_unknown, own_empty), (done, total_unknown, empty)
        )

    @classmethod
    def _make(
        cls,
        tree: OrgTree,
        year: int | None,
        as_of: date | None,
        codes: tuple[str, ...],
        own: tuple[_Rows, dict[int, frozenset[int]], frozenset[int]],
        total: tuple[_Rows, dict[int, frozenset[int]], frozenset[int]],
    ) -> Rollup:
        """A rollup from computed counts: (rows, unknown slots, empty positions) twice."""
        result = object.__new__(cls)
        result._tree = tree
        result._layout = tree._layout()
        result.year = year
        result.as_of = as_of
        result._codes = codes
        result._own, result._own_unknown, result._own_empty = own
        result._total, result._total_unknown, result._empty = total
        return result

    @classmethod
    def from_tallies(
        cls,
        tree: OrgTree,
        tallies: Mapping[str, Tally],
        *,
        year: int | None = None,
        as_of: date | None = None,
    ) -> Rollup:
        """Roll up tallies counted elsewhere, attached to organizations at any level.

        A node's total is its own given tally (``Tally()`` when none) merged with its
        children's totals; a count unknown anywhere in a subtree is unknown in its total.

        Args:
            tree: the organizations (members and units in it are not read).
            tallies: the given counts by organization id.
            year, as_of: what the counts describe, for the record.

        Raises:
            TreeError: a tally is attached to an id that is not in the tree.

        >>> from coso_dang import Organization, OrgKind, OrgTree, Tally
        >>> tree = OrgTree.build([
        ...     Organization("x", "Đảng bộ xã X", OrgKind.DANG_BO_CO_SO),
        ...     Organization("c1", "Chi bộ 1", OrgKind.CHI_BO_TRUC_THUOC, parent_id="x"),
        ...     Organization("c2", "Chi bộ 2", OrgKind.CHI_BO_TRUC_THUOC, parent_id="x"),
        ... ])
        >>> r = Rollup.from_tallies(tree, {"c1": Tally(dang_vien=12, thon=1),
        ...                                "c2": Tally(dang_vien=9)})
        >>> r["x"]
        Tally(dang_vien=21)
        """
        strays = [oid for oid in tallies if oid not in tree]
        if strays:
            raise TreeError(
                Problem(f"Tally for {oid!r}", "org_id", oid, "no such organization in the tree")
                for oid in strays
            )
        given = {oid: t for oid, t in tallies.items() if not t.is_identity}
        seen = {code for t in given.values() for code in t}
        codes = tuple(i.code for i in indicators() if i.code in seen)
        width = len(codes)
        all_slots = frozenset(range(width))
        order = tree._layout().order
        own: list[list[int]] = []
        own_unknown: dict[int, frozenset[int]] = {}
        empty: set[int] = set()
        zeros = [0] * width
        for at, org in enumerate(order):
            tally = given.get(org.id)
            if tally is None:
                own.append(zeros)
                empty.add(at)
                continue
            own.append([tally.get(code, 0) for code in codes])
            if len(tally) != width:
                own_unknown[at] = all_slots - {i for i, c in enumerate(codes) if c in tally}
        return cls._build(tree, year, as_of, codes, own, own_unknown, frozenset(empty))

    # -- mapping -----------------------------------------------------------------------------

    def _tally(self, vec: list[int], unknown: frozenset[int] | None, empty: bool = False) -> Tally:
        if empty:
            return Tally()
        if unknown:
            pairs = enumerate(zip(self._codes, vec, strict=True))
            return Tally._trusted({code: v for i, (code, v) in pairs if i not in unknown})
        return Tally._trusted(dict(zip(self._codes, vec, strict=True)))

    def __getitem__(self, org_id: str) -> Tally:
        at = self._layout.position[org_id]
        return self._tally(self._total[at], self._total_unknown.get(at), at in self._empty)

    def __iter__(self) -> Iterator[str]:
        return (org.id for org in self._layout.order)

    def __len__(self) -> int:
        return len(self._layout.order)

    def __contains__(self, org_id: object) -> bool:
        return org_id in self._layout.position

    def own(self, org_id: str) -> Tally:
        """The counts of *org_id* itself, without its subtree (its members, its rating...).

        >>> from coso_dang import Organization, OrgKind, OrgTree
        >>> tree = OrgTree.build([
        ...     Organization("x", "Đảng bộ xã X", OrgKind.DANG_BO_CO_SO),
        ...     Organization("c", "Chi bộ 1", OrgKind.CHI_BO_TRUC_THUOC, parent_id="x"),
        ... ])
        >>> r = rollup(tree, year=2024)
        >>> r.own("x")["chi_bo_truc_thuoc"], r["x"]["chi_bo_truc_thuoc"]
        (0, 1)
        """
        at = self._layout.position[org_id]
        return self._tally(self._own[at], self._own_unknown.get(at), at in self._own_empty)

    @property
    def tree(self) -> OrgTree:
        """The tree that was rolled up."""
        return self._tree

    @property
    def roots(self) -> dict[str, Tally]:
        """The totals of the tree's roots, by id, in input order."""
        return {org.id: self[org.id] for org in self._tree.roots}

    @property
    def root(self) -> Tally:
        """The total of the whole tree: the single root's, or the merge of all roots."""
        return Tally.sum(self.roots.values())

    def level(self, kind: OrgKind) -> dict[str, Tally]:
        """The totals of every organization of *kind* (e.g. every province), in tree order.

        >>> from coso_dang import Organization, OrgKind, OrgTree
        >>> tree = OrgTree.build([Organization("cb", "Chi bộ cơ sở A", OrgKind.CHI_BO_CO_SO)])
        >>> list(rollup(tree, year=2024).level(OrgKind.CHI_BO_CO_SO))
        ['cb']
        """
        return {org.id: self[org.id] for org in self._layout.order if org.kind is kind}

    # -- flat output -------------------------------------------------------------------------

    def to_records(self) -> list[dict[str, Any]]:
        """One flat dict per organization, in tree order, ready for a DataFrame.

        Keys: ``id``, ``name``, ``kind`` (the :class:`OrgKind` code), ``parent`` (id or
        ``None``); then every registered indicator code (``None`` when unknown), then
        every registered ratio as ``share_<code>``: an exact :class:`~fractions.Fraction`,
        or ``None`` when unknown or over zero.

        >>> from coso_dang import Organization, OrgKind, OrgTree, Tally
        >>> tree = OrgTree.build([Organization("cb", "Chi bộ cơ sở A", OrgKind.CHI_BO_CO_SO)])
        >>> row = Rollup.from_tallies(tree, {"cb": Tally(ket_nap=3,
        ...                                  dang_vien_cuoi_nam_truoc=80)}).to_records()[0]
        >>> row["id"], row["kind"], row["ket_nap"], row["thon"], row["share_ty_le_ket_nap"]
        ('cb', 'chi_bo_co_so', 3, None, Fraction(3, 80))
        """
        all_codes = [i.code for i in indicators()]
        specs = [(SHARE_PREFIX + r.code, r.numerator, r.denominator) for r in ratios()]
        records: list[dict[str, Any]] = []
        for org in self._layout.order:
            oid = org.id
            counts = self[oid]
            record: dict[str, Any] = {
                "id": oid,
                "name": org.name,
                "kind": org.kind.value,
                "parent": org.parent_id,
            }
            for code in all_codes:
                record[code] = counts.get(code)
            for column, numerator, denominator in specs:
                record[column] = _quotient(record, numerator, denominator)
            records.append(record)
        return records

    def to_frame(self, backend: Backend = "pandas") -> Any:
        """:meth:`to_records` as a pandas or polars DataFrame.

        Counts are nullable 64-bit integer columns (null when unknown). Shares become
        float columns for display and plotting: the exact values stay in
        :meth:`to_records` and in the tallies.

        Raises:
            MissingExtraError: the backend is not installed (``pip install
                "coso-dang[dataframe]"``); also an ``ImportError``.
            ValueError: *backend* is neither ``"pandas"`` nor ``"polars"``.

        >>> from coso_dang import Organization, OrgKind, OrgTree
        >>> tree = OrgTree.build([Organization("cb", "Chi bộ cơ sở A", OrgKind.CHI_BO_CO_SO)])
        >>> frame = rollup(tree, year=2024).to_frame("polars")  # doctest: +SKIP
        >>> frame["tccsd"].to_list()  # doctest: +SKIP
        [1]
        """
        if backend not in ("pandas", "polars"):
            raise ValueError(f"backend must be 'pandas' or 'polars', not {backend!r}")
        module = _import_backend(backend)
        records = self.to_records()
        count_codes = [i.code for i in indicators()]
        share_codes = [SHARE_PREFIX + r.code for r in ratios()]
        columns: dict[str, list[Any]] = {
            key: [r[key] for r in records] for key in ("id", "name", "kind", "parent")
        }
        for code in count_codes:
            columns[code] = [r[code] for r in records]
        for code in share_codes:
            columns[code] = [None if r[code] is None else float(r[code]) for r in records]
        if backend == "polars":
            schema: dict[str, Any] = dict.fromkeys(("id", "name", "kind", "parent"), module.String)
            schema.update(dict.fromkeys(count_codes, module.Int64))
            schema.update(dict.fromkeys(share_codes, module.Float64))
            return module.DataFrame(columns, schema=schema)
        frame = module.DataFrame(columns)
        for code in count_codes:
            frame[code] = frame[code].astype("Int64")
        for code in share_codes:
            frame[code] = frame[code].astype("float64")
        return frame

    # -- display -----------------------------------------------------------------------------

    def __repr__(self) -> str:
        when = "" if self.as_of is None else f" as of {self.as_of.isoformat()}"
        root = self.root
        shown = ", ".join(f"{code}={root[code]}" for code in ("dang_vien", "tccsd") if code in root)
        return f"<Rollup{when}: {len(self)} organizations; total {shown or 'no counts'}>"

    def _repr_html_(self) -> str:
        """The top levels as a table, each level below a root folded under its row."""
        from coso_dang._html import rollup_html

        return rollup_html(self)


def _quotient(
    record: Mapping[str, Any], numerator: tuple[str, ...], denominator: tuple[str, ...]
) -> Fraction | None:
    top = bottom = 0
    for code in numerator:
        value = record.get(code)
        if value is None:
            return None
        top += value
    for code in denominator:
        value = record.get(code)
        if value is None:
            return None
        bottom += value
    return Fraction(top, bottom) if bottom else None


def _import_backend(name: str) -> Any:
    return require(name, needed_for="Rollup.to_frame")
