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
given. "Active" means :meth:`Organization.is_active` / :meth:`Member.is_active` on it.

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
- Counts added with :func:`register_member_count`: members of the chi bộ (active ones
  by default) that its test counts; unknown where the test answers ``None``.

Ratings (only when ``evaluations`` are given — even an empty list; without them these
counts are unknown, not zero). Only the yearly evaluations of ``year`` are read (a
quarterly or per-term review is not the year's rating), unrated ones
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

from collections.abc import Collection, Iterable, Iterator, Mapping
from datetime import date, datetime
from fractions import Fraction
from typing import Any

from coso_dang._counting import (
    BREAKDOWN_CODES,
    CATEGORY_COUNTS,
    CountTable,
    MemberCount,
    RollupDates,
    category_counts,
    count_tree,
    member_counts,
    merge_up,
    register_member_count,
    unregister_member_count,
)
from coso_dang._dataframes import Backend, records_frame
from coso_dang._gc import paused
from coso_dang.breakdowns import SUMMED, Breakdown, BreakdownError, breakdown_of
from coso_dang.errors import ArgumentTypeError, Problem, TreeError, UnknownIdError, UsageError
from coso_dang.evaluation import Evaluation
from coso_dang.i18n import N_
from coso_dang.indicators import SHARE_PREFIX, indicators, ratios
from coso_dang.orgs import OrgKind
from coso_dang.tally import Tally
from coso_dang.tree import OrgTree, PreOrder

__all__ = [
    "SHARE_PREFIX",
    "MemberCount",
    "Rollup",
    "RollupDates",
    "member_counts",
    "register_member_count",
    "rollup",
    "unregister_member_count",
]


# -- the rollup --------------------------------------------------------------------------------


def rollup(
    tree: OrgTree,
    *,
    year: int,
    evaluations: Iterable[Evaluation] | None = None,
    as_of: date | None = None,
    breakdowns: bool | Collection[str] = False,
) -> Rollup:
    """Count every organization's subtree as at 31/12 of *year* (or *as_of*).

    The counting conventions are in this module's docstring.

    Args:
        tree: organizations, members and residential units.
        year: the reporting year (admissions and evaluations are those of this year).
        evaluations: the year's evaluations of members and organizations; without them
            the rating counts are unknown.
        as_of: the reporting date, a day of *year*; 31/12 by default.
        breakdowns: also count the members by characteristic
            (:mod:`coso_dang.breakdowns`): ``True`` for every breakdown, or the codes
            wanted (``["tuoi", "dan_toc"]``), for the members on *as_of* and those
            admitted in the year. Their counts are ``<population>_<breakdown>_<category>``
            (see :meth:`Attribute.codes <coso_dang.breakdowns.Attribute.codes>`);
            :meth:`Rollup.breakdown` reads one as a table.

    Raises:
        RecordError: *year* or *as_of* is not a valid reporting date.
        TreeError: evaluations of subjects not in the tree, or given twice.
        UsageError: *tree* is not an :class:`OrgTree`, or *evaluations* not a collection
            of :class:`Evaluation`.
        BreakdownError: a breakdown code that is none.

    >>> from coso_dang import Organization, OrgKind, OrgTree
    >>> tree = OrgTree.build([Organization("cb", "Chi bộ cơ sở Trường A", OrgKind.CHI_BO_CO_SO)])
    >>> rollup(tree, year=2024).root["tccsd"]
    1
    """
    if not isinstance(tree, OrgTree):
        raise UsageError("rollup", "tree", N_("một OrgTree"), tree)
    if evaluations is not None:
        if isinstance(evaluations, (str, bytes)) or not isinstance(evaluations, Iterable):
            raise UsageError("rollup", "evaluations", N_("các bản ghi Evaluation"), evaluations)
        if not isinstance(evaluations, list | tuple):
            evaluations = tuple(evaluations)
        # One look per kind of object, not per record: millions of them pass here.
        odd = next((t for t in set(map(type, evaluations)) if not issubclass(t, Evaluation)), None)
        if odd is not None:
            given = next(e for e in evaluations if type(e) is odd)
            raise UsageError("rollup", "evaluations", N_("các bản ghi Evaluation"), given)
    dates = RollupDates(year, as_of)
    counted = category_counts(breakdowns)
    # Millions of records are alive: a cyclic collection walks them all (see _gc).
    with paused():
        own = count_tree(tree, dates, evaluations, counted)
        return Rollup.from_counts(tree, own, year=dates.year, as_of=dates.on)


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

    __slots__ = ("_given", "_own", "_total", "_tree", "_walk", "as_of", "year")

    _tree: OrgTree
    #: Whether the counts were given (:meth:`from_tallies`): an unknown count then
    #: holds no count at all, where a counted one holds those counted (a lower bound).
    _given: bool
    _walk: PreOrder
    _own: CountTable
    _total: CountTable
    #: The reporting year, or ``None`` for a rollup of counts made elsewhere.
    year: int | None
    #: The reporting date, or ``None`` for a rollup of counts made elsewhere.
    as_of: date | None

    def __init__(self) -> None:
        raise ArgumentTypeError(
            N_("hãy dùng rollup(tree, year=...) hoặc Rollup.from_tallies(tree, tallies)")
        )

    @classmethod
    def from_counts(
        cls,
        tree: OrgTree,
        own: CountTable,
        total: CountTable | None = None,
        *,
        year: int | None = None,
        as_of: date | None = None,
    ) -> Rollup:
        """A rollup from counted vectors: the door for counting engines, not for users.

        *own* holds each organization's own counts by pre-order position
        (:meth:`OrgTree.pre_order`); *total* their sums up the tree, merged here when
        not given. Users call :func:`rollup`, :func:`~coso_dang.frame.rollup_frame` or
        :meth:`from_tallies`.
        """
        result = object.__new__(cls)
        result._tree = tree
        result._walk = tree.pre_order()
        result.year = year
        result.as_of = as_of
        result._given = False
        result._own = own
        result._total = merge_up(result._walk.parent, own) if total is None else total
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
            TreeError: a tally is attached to an id that is not in the tree, or two
                to one organization (its id written in NFC and in NFD).
            RecordError: *year* is not from 1930 to 9999, or *as_of* not a day of it.
            UsageError: *tree* is not an :class:`OrgTree`, or *tallies* not a mapping of
                :class:`Tally` (a plain dict of counts: make it ``Tally(**counts)``).

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
        if not isinstance(tree, OrgTree):
            raise UsageError("Rollup.from_tallies", "tree", N_("một OrgTree"), tree)
        if not isinstance(tallies, Mapping):
            raise UsageError("Rollup.from_tallies", "tallies", N_("một ánh xạ tới Tally"), tallies)
        for value in tallies.values():
            if not isinstance(value, Tally):
                raise UsageError(
                    "Rollup.from_tallies",
                    "tallies",
                    N_("một ánh xạ từ mã tới Tally (hãy làm mỗi giá trị bằng Tally(**counts))"),
                    value,
                )
        if year is not None:
            # Kept as given, a text year ("2024") failed later in the report with Python's
            # "'str' object cannot be interpreted as an integer".
            dates = RollupDates(year, as_of)
            as_of = None if as_of is None else dates.on
        elif as_of is not None:
            if isinstance(as_of, datetime) and as_of == datetime(*as_of.timetuple()[:3]):
                as_of = as_of.date()  # a day as pandas gives one
            if not isinstance(as_of, date) or isinstance(as_of, datetime):
                expected = N_("một ngày (date) hoặc None")
                raise UsageError("Rollup.from_tallies", "as_of", expected, as_of)
        strays = [oid for oid in tallies if oid not in tree]
        if strays:
            raise TreeError(
                # Named in Vietnamese like every other record: "Tally for 'x'" was English.
                Problem(
                    N_("Số liệu của {id}", id=repr(oid)),
                    "org_id",
                    oid,
                    N_("không có tổ chức này trong cây"),
                )
                for oid in strays
            )
        # Keyed by the tree's own id: one typed in NFD is found in the tree (not a stray)
        # but, kept as typed, was no organization of the walk, its counts dropped.
        given: dict[str, Tally] = {}
        twice: list[str] = []
        for oid, t in tallies.items():
            if not t.is_identity:
                key = tree[oid].id
                if key in given:
                    twice.append(oid)
                given[key] = t
        if twice:
            raise TreeError(
                Problem(N_("Số liệu của {id}", id=repr(oid)), "org_id", oid, N_("mã bị trùng"))
                for oid in twice
            )
        seen = {code for t in given.values() for code in t}
        codes = tuple(i.code for i in indicators() if i.code in seen)
        width = len(codes)
        all_slots = frozenset(range(width))
        order = tree.pre_order().order
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
        table = CountTable(codes, own, own_unknown, frozenset(empty))
        result = cls.from_counts(tree, table, year=year, as_of=as_of)
        result._given = True
        return result

    # -- mapping -----------------------------------------------------------------------------

    @staticmethod
    def _tally(table: CountTable, at: int) -> Tally:
        if at in table.empty:
            return Tally()
        codes, vec, unknown = table.codes, table.rows[at], table.unknown.get(at)
        if unknown:
            pairs = enumerate(zip(codes, vec, strict=True))
            return Tally.from_counted({code: v for i, (code, v) in pairs if i not in unknown})
        return Tally.from_counted(dict(zip(codes, vec, strict=True)))

    def __getitem__(self, org_id: str) -> Tally:
        return self._tally(self._total, self._position(org_id))

    def _position(self, org_id: str) -> int:
        """The pre-order position of *org_id*, as the tree finds it (an id typed in NFD
        too); an unknown id is a KeyError that names it and says it is not here."""
        try:
            return self._walk.position[org_id]
        except (KeyError, TypeError):
            if isinstance(org_id, str) and org_id in self._tree:
                return self._walk.position[self._tree[org_id].id]
            reason = N_("không có tổ chức mang mã {id} trong bảng tổng hợp", id=repr(org_id))
            raise UnknownIdError(org_id, reason) from None

    def __iter__(self) -> Iterator[str]:
        return (org.id for org in self._walk.order)

    def __len__(self) -> int:
        return len(self._walk.order)

    def __contains__(self, org_id: object) -> bool:
        return org_id in self._walk.position

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
        return self._tally(self._own, self._position(org_id))

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

    def level(self, kind: OrgKind | str) -> dict[str, Tally]:
        """The totals of every organization of *kind* (e.g. every province), in tree order.

        >>> from coso_dang import Organization, OrgKind, OrgTree
        >>> tree = OrgTree.build([Organization("cb", "Chi bộ cơ sở A", OrgKind.CHI_BO_CO_SO)])
        >>> list(rollup(tree, year=2024).level(OrgKind.CHI_BO_CO_SO))
        ['cb']

        Raises:
            ParseError: *kind* is a text that names no kind (a code or a label is read,
                as :meth:`OrgKind.parse` reads it).
            UsageError: *kind* is neither an :class:`OrgKind` nor a text.
        """
        if not isinstance(kind, OrgKind):
            # A kind's code ("chi_bo_co_so") is no OrgKind: compared by identity, it
            # matched no organization and gave an empty level without a word.
            if not isinstance(kind, str):
                raise UsageError("Rollup.level", "kind", N_("một OrgKind"), kind)
            kind = OrgKind.parse(kind)
        return {org.id: self[org.id] for org in self._walk.order if org.kind is kind}

    # -- flat output -------------------------------------------------------------------------

    def to_records(self) -> list[dict[str, Any]]:
        """One flat dict per organization, in tree order, ready for a DataFrame.

        Keys: ``id``, ``name``, ``kind`` (the :class:`OrgKind` code), ``parent`` (id or
        ``None``); then every registered indicator code (``None`` when unknown), then
        every registered ratio as ``share_<code>``: an exact :class:`~fractions.Fraction`,
        or ``None`` when unknown or over zero. The breakdowns' counts, when counted, are
        exact: by ethnicity and religion, cells of one or two people that
        :meth:`breakdown` hides (personal data: keep such records in the office).

        >>> from coso_dang import Organization, OrgKind, OrgTree, Tally
        >>> tree = OrgTree.build([Organization("cb", "Chi bộ cơ sở A", OrgKind.CHI_BO_CO_SO)])
        >>> row = Rollup.from_tallies(tree, {"cb": Tally(ket_nap=3,
        ...                                  dang_vien_cuoi_nam_truoc=80)}).to_records()[0]
        >>> row["id"], row["kind"], row["ket_nap"], row["thon"], row["share_ty_le_ket_nap"]
        ('cb', 'chi_bo_co_so', 3, None, Fraction(3, 80))
        """
        all_codes = self._columns()
        specs = [(SHARE_PREFIX + r.code, r.numerator, r.denominator) for r in ratios()]
        records: list[dict[str, Any]] = []
        for org in self._walk.order:
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
        count_codes = self._columns()
        share_codes = [SHARE_PREFIX + r.code for r in ratios()]
        return records_frame(self.to_records(), count_codes, share_codes, backend)

    def _columns(self) -> list[str]:
        """Every registered indicator code, the breakdowns' only where they were counted."""
        counted = set(self._total.codes)
        return [i.code for i in indicators() if i.code not in BREAKDOWN_CODES or i.code in counted]

    # -- breakdowns --------------------------------------------------------------------------

    @property
    def breakdowns(self) -> tuple[str, ...]:
        """The codes of the breakdowns counted (:data:`~coso_dang.breakdowns.ATTRIBUTES`)."""
        counted = set(self._total.codes)
        return tuple(
            dict.fromkeys(
                c.attribute.code for c in CATEGORY_COUNTS.values() if c.codes[0] in counted
            )
        )

    def breakdown(
        self,
        attribute: str,
        *,
        org: str | None = None,
        population: str = "dang_vien",
        min_cell: int | None = None,
    ) -> Breakdown:
        """One breakdown of *org*'s subtree (the whole tree by default) as a table.

        The same :class:`~coso_dang.breakdowns.Breakdown` as
        :func:`~coso_dang.breakdowns.breakdown` gives from the records: rows with their
        women and exact shares, the members whose value is unknown, the average age,
        small cells of personal attributes suppressed unless *min_cell* says otherwise;
        ``.to_frame()`` makes it a DataFrame.

        Raises:
            BreakdownError: the rollup did not count that breakdown (``rollup(...,
                breakdowns=True)``), *population* is none, or in a rollup of given
                tallies (:meth:`from_tallies`) an organization below *org* lacks one
                of the counts the table reads.
            UnknownIdError: *org* is not in the rollup (also a ``KeyError``).

        >>> from coso_dang import Gender, Member, Organization, OrgKind, OrgTree
        >>> tree = OrgTree.build(
        ...     [Organization("cb", "Chi bộ cơ sở A", OrgKind.CHI_BO_CO_SO)],
        ...     [Member("dv1", "Lê Thị Hoa", "cb", admitted_on=date(2010, 3, 2),
        ...             gender=Gender.NU, birth_date=date(1990, 6, 1))])
        >>> ages = rollup(tree, year=2024, breakdowns=["tuoi"]).breakdown("tuoi")
        >>> [(row.label, row.count, row.female) for row in ages.rows if row.count]
        [('Từ 31 - 35 tuổi', 1, 1)]
        """
        count = CATEGORY_COUNTS.get(f"{population}_{attribute}")
        sexes = CATEGORY_COUNTS.get(f"{population}_gioi_tinh")
        index = {code: i for i, code in enumerate(self._total.codes)}
        if (
            count is None
            or sexes is None
            or self.as_of is None
            or any(code not in index for code in (*count.codes, *sexes.codes, count.whole))
        ):
            raise BreakdownError(
                N_(
                    "phân tổ {code} của nhóm {population} chưa được đếm: "
                    "rollup(..., breakdowns=True)",
                    code=repr(attribute),
                    population=repr(population),
                )
            )
        # The whole forest (no *org*): the roots' sums.
        roots = [self._walk.position[r.id] for r in self._tree.roots]
        places = roots if org is None else [self._position(org)]
        vectors = [self._total.rows[place] for place in places]
        codes = (*count.codes, *sexes.codes, count.whole)
        # A count not given below holds 0 here, not the members it missed: the rows
        # would add up to less than the whole with no member said unknown.
        unknown: set[int] = set()
        if self._given:
            unknown = unknown.union(*(self._total.unknown.get(place, ()) for place in places))
        summed = SUMMED.get(attribute)
        finer = CATEGORY_COUNTS.get(f"{population}_{summed[0]}") if summed else None
        if finer is not None and all(
            code in index and index[code] not in unknown for code in finer.codes
        ):
            # Without them, breakdown_of says they are needed, when they are.
            codes += finer.codes
        if unknown:
            lacking = [code for code in codes if index[code] in unknown]
            if lacking:
                raise BreakdownError(
                    N_(
                        "phân tổ {code} của nhóm {population}: số liệu đã cho thiếu {missing} "
                        "ở một tổ chức được tổng hợp, nên không lập được bảng",
                        code=repr(attribute),
                        population=repr(population),
                        missing=lacking[0],
                    )
                )
        raw = {code: sum(v[index[code]] for v in vectors) for code in codes}
        return breakdown_of(
            count.attribute,
            raw,
            population=population,
            start=date(self.as_of.year, 1, 1),
            on=self.as_of,
            total=raw[count.whole],
            female=raw[f"{population}_gioi_tinh_nu"],
            gender_unknown=raw[f"{population}_gioi_tinh_chua_ro"],
            min_cell=min_cell,
        )

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
