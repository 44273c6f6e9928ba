"""The rating round's rules, per regime: 132-QĐ/TW, 124-QĐ/TW and 366-QĐ/TW.

Before a year's ratings are submitted, these rules audit the :class:`~coso_dang.Evaluation`
records of a :class:`RatingRound` (the tree, the evaluations and the year):

* the HTXSNV quota in each TCCSĐ;
* a member disciplined in the year rated above KHTNV (since 124-QĐ/TW: unless the
  violation was self-detected and remedied);
* a member admitted less than 6 months before the rating, or exempted, rated at all;
* a member on sick leave for 3 months or more rated above HTNV;
* a TCCSĐ rated HTXSNV without 100% of its members (or subordinate organizations) at
  HTNV or better and at least 80% at HTTNV or better;
* an organization with more than 20% of its subordinate units disciplined, or itself
  disciplined in the year, or that reached under 50% of its targets, rated above KHTNV
  (132-QĐ/TW Art. 12.4 already, kept by 124-QĐ/TW).

Each rule reports only on the records it concerns (the disciplined members, the
TCCSĐ rated HTXSNV...), so a province's report stays short. Numbers the sources leave
unconfirmed are parameters, their defaults documented where they are declared.
:func:`rating_rules_for` picks the regime by the year rated.

A regime is data: its document and period (a :class:`~coso_dang.rules.Basis`), its code
and name, and how it differs from the families' defaults. :func:`rating_regime` makes
its rule classes and registers its pack; the regimes at the end of this module are
written that way, and a new one is one more call (and its document in
:mod:`coso_dang.documents`).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date, timedelta
from fractions import Fraction
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar, final

import attrs
from attrs import evolve, field, frozen
from dateutil.relativedelta import relativedelta

from coso_dang import documents
from coso_dang._checks import as_day
from coso_dang._deprecation import aliases
from coso_dang._extras import require
from coso_dang.errors import CosoDangError, UnknownIdError, UsageError
from coso_dang.evaluation import Evaluation, ReviewPeriod, SubjectKind
from coso_dang.i18n import N_, TypeName
from coso_dang.members import Member
from coso_dang.orgs import GRASSROOTS_KINDS, Organization, OrgKind
from coso_dang.ratings import Rating
from coso_dang.rules.base import (
    Basis,
    Gap,
    ParameterCheck,
    RecordRule,
    Rule,
    RuleDefinitionError,
    RuleParameterError,
    RuleResult,
    Status,
    SubjectRef,
    check_share,
    check_whole,
)
from coso_dang.rules.figures import Figures
from coso_dang.rules.generic import Measured, QuotaRule, Rounding, to_fraction
from coso_dang.rules.ruleset import RuleSet, packs, register_pack
from coso_dang.tally import Tally
from coso_dang.tree import OrgTree
from coso_dang.vi.numbers import format_number
from coso_dang.vi.thresholds import format_percent_against

if TYPE_CHECKING:
    from coso_dang.history import History

__all__ = [
    "FAMILIES",
    "QD124",
    "QD132",
    "UNRATED_MONTHS",
    "DisciplinedMemberRule",
    "DisciplinedOrgRule",
    "DisciplinedUnitsRule",
    "ExcellentTccsdRule",
    "HtxsnvQuotaRule",
    "MemberRatingRule",
    "NewOrgRule",
    "NotToBeRatedRule",
    "OrgRatingRule",
    "OrgTasksUnderHalfRule",
    "QD124DisciplinedMemberRule",
    "QD124DisciplinedOrgRule",
    "QD124DisciplinedUnitsRule",
    "QD124ExcellentTccsdRule",
    "QD124HtxsnvQuotaRule",
    "QD124NewOrgRule",
    "QD124NotToBeRatedRule",
    "QD124OrgTasksUnderHalfRule",
    "QD124SickLeaveRule",
    "QD124SuspendedRule",
    "QD124TasksUnderHalfRule",
    "QD132DisciplinedMemberRule",
    "QD132DisciplinedOrgRule",
    "QD132DisciplinedUnitsRule",
    "QD132ExcellentTccsdRule",
    "QD132HtxsnvQuotaRule",
    "QD132NewOrgRule",
    "QD132NotToBeRatedRule",
    "QD132OrgTasksUnderHalfRule",
    "QD132SickLeaveRule",
    "QD132TasksUnderHalfRule",
    "RatedMember",
    "RatedOrg",
    "RatingRound",
    "RegimeError",
    "SickLeaveRule",
    "SuspendedRule",
    "TasksUnderHalfRule",
    "rating_regime",
    "rating_regimes",
    "rating_rules_for",
    "regime_rule",
]


class RegimeError(CosoDangError, ValueError):
    """No rating regime covers the year asked for."""


def _evaluations(value: Iterable[Evaluation]) -> tuple[Evaluation, ...]:
    # Refused here, in words: a string or a list of rows went in as a round whose
    # records the rules then failed to read, with Python's AttributeError.
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise UsageError("RatingRound", "evaluations", _EVALUATIONS, value)
    # Each record's kind is looked at only when one cannot be read (see _in_round): a
    # nation's round passes here.
    return tuple(value)


_EVALUATIONS = N_("các bản ghi Evaluation")


def _rated_on(instance: RatingRound, attribute: Any, value: date | None) -> None:
    if value is not None and not isinstance(value, date):
        got = type(value).__name__
        reason = N_("phải là một ngày (date) hoặc None, không phải {got}", got=got)
        raise RuleParameterError("RatingRound", "rated_on", value, reason)


def _round_tree(instance: RatingRound, attribute: Any, value: Any) -> None:
    if not isinstance(value, OrgTree):
        raise UsageError("RatingRound", "tree", N_("một OrgTree"), value)


def _round_year(instance: RatingRound, attribute: Any, value: Any) -> None:
    # A year the records cannot hold made a round whose day Python refused in English
    # ("year 10000 is out of range"), or one that read no evaluation ("2025").
    if not isinstance(value, int) or isinstance(value, bool):
        raise UsageError("RatingRound", "year", N_("một {kind}", kind=TypeName("int")), value)
    if not 1930 <= value <= 9999:
        reason = N_("phải là số nguyên từ {low} đến {high}", low=1930, high=9999)
        raise RuleParameterError("RatingRound", "year", value, reason)


def _since_day(method: str, value: object) -> date:
    """*value* as a day for a rule author's method: a datetime as its date (never equal
    to one, nor comparable), anything else that is no date refused in words."""
    day = as_day(value)
    if not isinstance(day, date):
        raise UsageError(method, "since", N_("một {kind}", kind=TypeName("date")), value)
    return day


def _round_period(instance: RatingRound, attribute: Any, value: Any) -> None:
    if not isinstance(value, ReviewPeriod):
        raise UsageError(
            "RatingRound", "period", N_("một {kind}", kind=TypeName("ReviewPeriod")), value
        )


def _round_quarter(instance: RatingRound, attribute: Any, value: Any) -> None:
    """A quarter from 1 to 4, given for a quarterly round and for no other, as an
    evaluation's: a quarterly round without one, or a yearly round with one, read no
    evaluation at all and every rule passed on an empty round."""
    if value is not None and (not isinstance(value, int) or isinstance(value, bool)):
        raise UsageError("RatingRound", "quarter", N_("một {kind}", kind=TypeName("int")), value)
    if value is not None and not 1 <= value <= 4:
        reason = N_("phải là số nguyên từ {low} đến {high}", low=1, high=4)
        raise RuleParameterError("RatingRound", "quarter", value, reason)
    quarterly = instance.period is ReviewPeriod.QUY
    if quarterly and value is None:
        reason = N_("cần ghi khi đánh giá hằng quý")
        raise RuleParameterError("RatingRound", "quarter", value, reason)
    if not quarterly and value is not None:
        reason = N_("chỉ ghi khi đánh giá hằng quý")
        raise RuleParameterError("RatingRound", "quarter", value, reason)


@final
@frozen(eq=False)
class RatingRound:
    """One year's ratings, with the tree they rate: the subject of the rating rules.

    Args:
        tree: the organizations and members.
        evaluations: the evaluation records (other years' records are ignored).
        year: the year rated.
        rated_on: the day of the rating, from which "admitted less than 6 months
            before" is counted; by default 31/12 of *year* (ratings happen in December),
            or the quarter's last day for a quarterly review.
        period, quarter: the review the round holds (yearly by default); evaluations
            of other reviews are ignored. ``quarter`` (1–4) is given for a quarterly
            review and for no other, as on an :class:`~coso_dang.Evaluation`.
        history: the members' events (:class:`~coso_dang.history.History`), if any: a
            member re-admitted (kết nạp lại) by the round's day counts as admitted that
            day (:meth:`admitted_on`); without them the record's first admission is read.

    Raises:
        UsageError: an argument of the wrong kind (a tree that is no
            :class:`~coso_dang.OrgTree`, a year or quarter that is no ``int``, a period
            that is no :class:`~coso_dang.evaluation.ReviewPeriod`, evaluations that
            are no collection; one that is no :class:`~coso_dang.Evaluation` record
            when the round first reads them).
        RuleParameterError: a year outside 1930–9999, a quarter outside 1–4, a quarterly
            round without its quarter or another with one, a ``rated_on`` that is no day.

    >>> from coso_dang import Organization, OrgKind, OrgTree, Evaluation, Rating
    >>> tree = OrgTree.build([Organization("cb", "Chi bộ A", OrgKind.CHI_BO_CO_SO)])
    >>> rr = RatingRound(tree, [Evaluation("cb", 2024, Rating.HTTNV,
    ...                                    subject=SubjectKind.ORGANIZATION)], 2024)
    >>> rr.org_rating("cb")
    <Rating.HTTNV: 'HTTNV'>
    """

    tree: OrgTree = field(validator=_round_tree)
    evaluations: tuple[Evaluation, ...] = field(converter=_evaluations)
    year: int = field(validator=_round_year)
    # A day read by pandas or from a spreadsheet comes as a datetime, never compared
    # with a member's dates: the rules raised Python's TypeError.
    rated_on: date | None = field(default=None, converter=as_day, validator=_rated_on)
    period: ReviewPeriod = field(default=ReviewPeriod.NAM, validator=_round_period)
    quarter: int | None = field(default=None, validator=_round_quarter)
    #: The members and their evaluations read from tables (:meth:`from_frames`), or None.
    table: Any = field(default=None, kw_only=True, repr=False)
    #: The members' events, or None: a member re-admitted (kết nạp lại) by the round's
    #: day is admitted again that day (:meth:`admitted_on`), which the record, keeping
    #: the first admission, does not say.
    history: History | None = field(default=None, kw_only=True, repr=False)

    def __repr__(self) -> str:
        # The evaluations counted, not listed: a province's round printed every record
        # (megabytes, in a notebook or a traceback), and so did each verdict's subject.
        about = "".join(
            f", {key}={value!r}"
            for key, value in (("rated_on", self.rated_on), ("quarter", self.quarter))
            if value is not None
        )
        return (
            f"RatingRound({self.tree!r}, evaluations={len(self.evaluations)}, "
            f"year={self.year}, period={self.period!r}{about})"
        )

    @classmethod
    def from_frames(
        cls,
        tree: OrgTree,
        members: Any,
        evaluations: Any,
        year: int,
        *,
        rated_on: date | None = None,
        period: ReviewPeriod = ReviewPeriod.NAM,
        quarter: int | None = None,
        history: History | None = None,
    ) -> RatingRound:
        """The round of *year* with its members and evaluations in tables.

        *members* is a members table with the columns of
        :meth:`Structure.from_frames <coso_dang.rules.Structure.from_frames>`;
        *evaluations* an evaluations table whose columns are the fields of
        :class:`~coso_dang.Evaluation` (enum fields as their codes: ``"HTTNV"``,
        ``"member"``, ``"nam"``), of which ``subject_id``, ``year`` and ``rating`` are
        needed and the others take the record's default when left out (a gap in
        one too, as the loaders read an empty cell). Any engine
        narwhals reads will do. The counts (the members' ratings per chi bộ) are taken
        inside the engine; the organizations' evaluations (one per organization) become
        records, and a member's evaluation becomes one only when a check reports on it.
        The checks give the same results as on the records, in the records' order (a
        member evaluated twice in the round is read by the later row, as a round of
        records keeps the later record); the rows of a lazy engine have no order, so
        there the same results may come in another order, and of a member's two
        evaluations either may be read. Ids are read in NFC, zoned moments as their
        day in Vietnam, ratings in any spelling :meth:`Rating.parse
        <coso_dang.Rating.parse>` reads (as :func:`~coso_dang.frame.rollup_frame`
        and :func:`~coso_dang.sql.rollup_sql` read them).

        Raises:
            MissingExtraError: narwhals is not installed.
            ValueError: a needed column is missing.
            TreeError: evaluations of *year* no record holds (a subject or a period
                that is none of the codes, a quarter that does not fit the review, a
                rating that names no level), as :func:`~coso_dang.frame.rollup_frame`
                refuses them; when the checks first read the members, rows that make no
                tree (an id twice, a member of an organization not in *tree* or not a
                chi bộ, a ``committee_role`` that is no code), as :meth:`OrgTree.build
                <coso_dang.OrgTree.build>` and a record refuse them.
        """
        from coso_dang.rules._tables import MemberTable

        table, org_evaluations = MemberTable.of(members, tree).with_evaluations(
            evaluations, year, period, quarter
        )
        return cls(
            tree, org_evaluations, year, rated_on, period, quarter, table=table, history=history
        )

    @cached_property
    def on(self) -> date:
        """The day of the rating (worked out once: the member rules read it for each
        member they judge)."""
        if self.rated_on is not None:
            return self.rated_on
        if self.quarter is not None:
            return date(self.year, 3 * self.quarter, 1) + relativedelta(months=1, days=-1)
        return date(self.year, 12, 31)

    @cached_property
    def _readmissions(self) -> dict[str, date]:
        """The last re-admission (kết nạp lại) by the round's day of each member
        re-admitted in :attr:`history`: read from the few members with events."""
        history = self.history
        if history is None:
            return {}
        from coso_dang.history import MemberEventKind

        again, on = MemberEventKind.KET_NAP_LAI, self.on
        found: dict[str, date] = {}
        for m in history.members_with_changes():
            days = [e.on for e in history.events(m.id) if e.kind is again and e.on <= on]
            if days and max(days) > m.admitted_on:
                found[m.id] = max(days)
        return found

    def _place(self, position: Mapping[str, int], org_id: str) -> int:
        """*org_id*'s place in *position* (an index of the tree's organizations), found
        as the tree finds it (an id typed in NFD too); an unknown id is the tree's
        :class:`~coso_dang.errors.UnknownIdError` (a bare ``KeyError: 'x'`` before)."""
        try:
            return position[org_id]
        except KeyError:
            return position[self.tree[org_id].id]

    def admitted_on(self, member: Member) -> date:
        """The member's last admission by the round's day: a re-admission (kết nạp lại)
        the round's :attr:`history` holds, else the record's ``admitted_on``. "Admitted
        less than 6 months before" is counted from it: one re-admitted lately is newly
        admitted, as the forms count them.

        Raises:
            UsageError: *member* is no :class:`~coso_dang.Member` (a member's id failed
                with Python's "'str' object has no attribute 'id'").
        """
        if not isinstance(member, Member):
            expected = N_("một {kind}", kind=TypeName("Member"))
            raise UsageError("RatingRound.admitted_on", "member", expected, member)
        return self._readmissions.get(member.id, member.admitted_on)

    def readmitted_after(self, since: date) -> frozenset[str]:
        """The ids of the members whose last re-admission by the round's day is after
        *since* (none without a :attr:`history`).

        Raises:
            UsageError: *since* is no date.
        """
        since = _since_day("RatingRound.readmitted_after", since)
        return frozenset(i for i, day in self._readmissions.items() if day > since)

    @cached_property
    def _members(self) -> dict[str, Member]:
        members = [m for group in self.tree.member_groups() for m in group[1]]
        return dict(zip([m.id for m in members], members, strict=True))

    @cached_property
    def _member_pass(self) -> _MemberPass:
        """Every per-member count of the round, in one pass over the tree's members.

        At a nation's size each pass over the members misses the processor's caches
        once per member and once per look-up of its evaluation: the counts the rules
        read (ratings, the unrated, committee members disciplined or without a record)
        and the few members the member rules look up are taken together, each member
        and its evaluation read once.
        """
        # Read alongside the rolls first, without the index of the round's member
        # evaluations (building it costs as much as the pass): valid when every record
        # is met at its member's place, so that a member met elsewhere has none. Else
        # the index is built and every member not met in its place looked up in it.
        found = self._walk_members(None)
        if found is None:
            found = self._walk_members(self._by_subject[0])
            assert found is not None  # with the index, every member is read
        return found

    def _walk_members(self, index: dict[str, Evaluation] | None) -> _MemberPass | None:
        """The member pass, each member's evaluation read at the next place of the
        round's records when it is there, else looked up in *index*; without an index,
        ``None`` when some record is not met at its member's place."""
        walked = self.tree.pre_order()
        size = len(walked.order)
        found = _MemberPass(walked.position, size, self.on - _RECENT)
        notable, ratings = found.notable, found.ratings
        unrated, disciplined, without = found.unrated, found.disciplined, found.without_record
        position = walked.position.get
        on = self.on
        latest = _latest_not_recent(on, UNRATED_MONTHS)
        recent, since = found.recent, found.since
        off_rolls = found.rated_off_rolls
        # A level's place by the identity of its enum member: no hashing of the enum (a
        # Python-level __hash__) for each of millions of members.
        place = {id(level): i for i, level in enumerate(Rating)}
        # The evaluations in their input order, read alongside the members: records
        # listed as the rolls are (member by member, chi bộ by chi bộ) are each found
        # at the next place, without a look-up that misses the processor's caches in an
        # index of millions; any other is looked up.
        listed: list[Evaluation | None] = list(
            self._in_round[0] if index is None else index.values()
        )
        listed.append(None)  # the end: no member is at it
        ahead = listed[0]
        at_next = 0
        ev: Evaluation | None
        get = (index or {}).get
        missed = 0  # without an index: members whose record is not in place
        for org_id, group in self.tree.member_groups():
            at = position(org_id)
            if at is None:
                for m in group:
                    if ahead is not None and ahead.subject_id == m.id:
                        at_next += 1
                        ahead = listed[at_next]
                    notable[m.id] = m
                    if m.exempted_on is not None or m.admitted_on > since:
                        recent.append(m)
                continue
            row = ratings[at]
            # Counted in locals, stored once per chi bộ.
            rolled = recorded = 0
            for m in group:
                member_id = m.id
                if m.exempted_on is not None or m.admitted_on > since:
                    recent.append(m)
                    notable[member_id] = m
                # On the rolls on the day: Member.is_active, inlined.
                rolls = m.admitted_on <= on and (m.left_on is None or on < m.left_on)
                if rolls:
                    rolled += 1
                if ahead is not None and ahead.subject_id == member_id:
                    ev = ahead
                    at_next += 1
                    ahead = listed[at_next]
                elif index is None:
                    # Not in place: without a record, or out of order. Records in
                    # another order are given up on early, not after a whole pass.
                    ev = None
                    missed += 1
                    if missed > 1024 and missed > at_next:
                        return None
                else:
                    ev = get(member_id)
                    if ev is not None and ahead is not None and listed[at_next + 1] is ev:
                        # A record of no member of the tree skipped: read on after it.
                        at_next += 2
                        ahead = listed[at_next]
                if ev is None:
                    # Rated but without a record: on the rolls on the day (and, for
                    # the unrated, admitted long enough before and not exempted).
                    if rolls:
                        if m.committee_role:
                            without[at] += 1
                        if m.admitted_on <= latest and not m.is_exempt(on):
                            unrated[at] += 1
                    continue
                recorded += 1
                if ev.rating is not None:
                    row[place[id(ev.rating)]] += 1
                    if not rolls:  # a few: kept apart by chi bộ
                        off = off_rolls.get(at)
                        if off is None:
                            off = off_rolls[at] = [0] * len(Rating)
                        off[place[id(ev.rating)]] += 1
                if ev.disciplined:
                    notable[member_id] = m
                    if m.committee_role:
                        disciplined[at] += 1
                elif ev.exempted or ev.suspended or ev.sick_leave_months or ev.tasks:
                    notable[member_id] = m
            found.on_rolls[at] += rolled
            found.evaluated[at] += recorded
        if index is None and ahead is not None:
            return None  # a record not met at its member's place
        found.in_place = index is None
        _add_up(walked.parent, ratings)
        for counts in (unrated, disciplined, without, found.on_rolls, found.evaluated):
            _sum_up(walked.parent, counts)
        return found

    @cached_property
    def _in_round(self) -> tuple[list[Evaluation], dict[str, Evaluation]]:
        """The round's member evaluations in input order (a member's twice, if so
        given), and its organizations' by id."""
        members: list[Evaluation] = []
        orgs: dict[str, Evaluation] = {}
        year, period, quarter, member = self.year, self.period, self.quarter, SubjectKind.MEMBER
        add = members.append
        try:
            for ev in self.evaluations:
                if ev.year != year or ev.period is not period or ev.quarter != quarter:
                    continue
                if ev.subject is member:
                    add(ev)
                else:
                    orgs[ev.subject_id] = ev
        except AttributeError:
            # Something that is no evaluation (a row as a dict) stopped every rule with
            # Python's AttributeError; named here, only when it happens.
            odd = next((e for e in self.evaluations if not isinstance(e, Evaluation)), None)
            if odd is None:
                raise
            raise UsageError("RatingRound", "evaluations", _EVALUATIONS, odd) from None
        return members, orgs

    @cached_property
    def _by_subject(self) -> tuple[dict[str, Evaluation], dict[str, Evaluation]]:
        """The round's member evaluations by id (a member's later record read), and its
        organizations': built only when a member is looked up."""
        members: dict[str, Evaluation] = _hash_keeping_dict()
        for ev in self._in_round[0]:
            members[ev.subject_id] = ev
        return members, self._in_round[1]

    @cached_property
    def _member_values(self) -> Sequence[Evaluation]:
        """The values of the index of the round's member evaluations, in its order:
        the records themselves when the member pass met each in its member's place (no
        member twice), without building the index."""
        if self._member_pass.in_place:
            return self._in_round[0]
        return tuple(self._by_subject[0].values())

    @cached_property
    def _marked(self) -> tuple[Evaluation, ...]:
        return tuple(
            ev
            for ev in self._member_values
            if ev.disciplined or ev.exempted or ev.suspended or ev.sick_leave_months or ev.tasks
        )

    def marked_member_evaluations(self) -> Iterable[Evaluation]:
        """The year's member evaluations that say more than a rating, in input order:
        disciplined, exempted, suspended, with sick leave or with tasks counted.

        The member rules that read those marks select from these, so that a nation's
        round is walked once for all of them, not once per rule.
        """
        if self.table is not None:
            return self.member_evaluations()
        return self._marked

    @cached_property
    def _rated_orgs(self) -> tuple[RatedOrg, ...]:
        evaluation = self._in_round[1].get
        return tuple(RatedOrg(self, org, evaluation(org.id)) for org in self.tree.walk())

    def rated_orgs(self) -> Iterable[RatedOrg]:
        """Every organization of the tree with its evaluation in the round, if any, in
        pre-order: made once for every organization rule of a pack."""
        return self._rated_orgs

    @cached_property
    def records_members(self) -> bool:
        """True when the tree (or the members table) holds any member record.

        A tree of organizations alone says nothing of their members: a TCCSĐ's count of
        0 members rated is then unknown, not zero, whatever evaluations were given.
        """
        if self.table is not None:
            return bool(self.table.any_given("id"))
        return next(iter(self.tree.members()), None) is not None

    def member(self, member_id: str) -> Member | None:
        """The member record, if the tree (or the members table) holds it."""
        if self.table is not None:
            return self.table.member(member_id)  # type: ignore[no-any-return]
        # The members the built-in rules concern are kept by the round's one pass; the
        # index of every member is built for the first look-up of another.
        found = self._member_pass.notable.get(member_id)
        if found is None:
            found = self._readmitted_records.get(member_id)
        return found if found is not None else self._members.get(member_id)

    @cached_property
    def _readmitted_records(self) -> dict[str, Member]:
        """The tree's records of the members re-admitted in :attr:`history`, read from
        their chi bộ alone: looking one up built the index of a nation's members."""
        history, position = self.history, self.tree.pre_order().position
        if history is None or not self._readmissions:
            return {}
        wanted = self._readmissions
        chi_bo = {m.org_id for m in history.members_with_changes() if m.id in wanted}
        return {
            m.id: m
            for org_id in chi_bo
            if org_id in position
            for m in self.tree.members_of(org_id)
            if m.id in wanted
        }

    def recent_members(self, since: date) -> Iterable[Member]:
        """Every member admitted after *since* or exempted, and perhaps others: a few
        to narrow down, for a rule on recent admissions.

        Within a year of the round's day they come from the round's one pass over the
        members; for an earlier *since*, every member of the tree.

        Raises:
            UsageError: *since* is no date (a text was compared with the round's day in
                Python's English ``TypeError``).
        """
        since = _since_day("RatingRound.recent_members", since)
        if self.table is None:
            found = self._member_pass
            if since >= found.since:
                return found.recent
        return self.tree.members()

    def member_evaluations(self) -> Iterator[Evaluation]:
        """The year's member evaluations, in input order."""
        if self.table is not None:
            return iter([ev for ev, _ in self.table.member_evaluations()])
        return iter(tuple(self._member_values))

    def member_evaluations_by_id(self) -> Mapping[str, Evaluation]:
        """The year's member evaluations by member id (the round's own: read only)."""
        if self.table is not None:
            return {ev.subject_id: ev for ev, _ in self.table.member_evaluations()}
        return self._by_subject[0]

    def org_evaluation(self, org_id: str) -> Evaluation | None:
        """The year's evaluation of organization *org_id*, if any."""
        return self._in_round[1].get(org_id)

    def org_rating(self, org_id: str) -> Rating | None:
        """The year's rating of organization *org_id*, if rated."""
        ev = self.org_evaluation(org_id)
        return None if ev is None else ev.rating

    @cached_property
    def _tallies(self) -> tuple[dict[str, int], list[list[int]]]:
        """Each organization's members' rating counts over its subtree, by position."""
        if self.table is not None:
            return self._table_tallies(self._table_counts[0])
        found = self._member_pass
        return found.position, found.ratings

    @cached_property
    def _table_counts(self) -> tuple[dict[str, list[int]], dict[str, int]]:
        """Each chi bộ's members' rating counts and its unrated members, read from
        tables in one query (the two are read together, for each TCCSĐ)."""
        on = self.on
        latest = _latest_not_recent(on, UNRATED_MONTHS)
        again = self.readmitted_after(latest)
        found: tuple[dict[str, list[int]], dict[str, int]]
        found = self.table.ratings_and_unrated(tuple(Rating), on, latest, again)
        return found

    @cached_property
    def _tallies_on_rolls(self) -> tuple[dict[str, int], list[list[int]]]:
        """:attr:`_tallies` of the members on the rolls on the round's day."""
        if self.table is not None:
            return self._table_tallies(self.table.rating_counts(tuple(Rating), on=self.on))
        found = self._member_pass
        if not found.rated_off_rolls:
            return found.position, found.ratings
        off = [[0] * len(Rating) for _ in found.ratings]
        for at, row in found.rated_off_rolls.items():
            off[at] = row.copy()
        _add_up(self.tree.pre_order().parent, off)
        counts = [
            [n - k for n, k in zip(row, gone, strict=True)]
            for row, gone in zip(found.ratings, off, strict=True)
        ]
        return found.position, counts

    def _table_tallies(
        self, of_chi_bo: Mapping[str, list[int]]
    ) -> tuple[dict[str, int], list[list[int]]]:
        """Each subtree's rating counts, by position, from each chi bộ's read from
        tables (*of_chi_bo*)."""
        walked = self.tree.pre_order()
        counts = [[0] * len(Rating) for _ in walked.order]
        for org_id, row in of_chi_bo.items():
            at = walked.position.get(org_id)
            if at is not None:
                counts[at] = _whole_counts(row)
        _add_up(walked.parent, counts)
        return walked.position, counts

    @cached_property
    def _leaders_disciplined(self) -> tuple[dict[str, int], list[int]]:
        """Each subtree's members holding a committee seat disciplined in the round."""
        if self.table is not None:
            return self._per_subtree(self.table.disciplined_leaders())
        found = self._member_pass
        return found.position, found.disciplined

    def disciplined_leaders(self, org_id: str) -> int:
        """How many members of *org_id*'s subtree with a committee seat were disciplined
        in the round (by their evaluation)."""
        position, found = self._leaders_disciplined
        return found[self._place(position, org_id)]

    def member_ratings(self, org_id: str) -> list[Rating]:
        """The ratings given to the members of every chi bộ in *org_id*'s subtree.

        From tables (:meth:`from_frames`), grouped by level, highest first.
        """
        if self.table is not None:
            position, counts = self._tallies
            row = counts[self._place(position, org_id)]
            return [level for level, n in zip(Rating, row, strict=True) for _ in range(n)]
        evaluations = self._by_subject[0]
        ratings: list[Rating] = []
        for member in self.tree.members_of(org_id, recursive=True):
            ev = evaluations.get(member.id)
            if ev is not None and ev.rating is not None:
                ratings.append(ev.rating)
        return ratings

    @cached_property
    def _unrated(self) -> tuple[dict[str, int], list[int]]:
        """Each subtree's members rated in the round whose evaluation is not in it."""
        on = self.on
        latest = _latest_not_recent(on, UNRATED_MONTHS)
        # Those re-admitted lately are not rated, whenever first admitted.
        again = self.readmitted_after(latest)
        if self.table is not None:
            return self._per_subtree(self._table_counts[1])
        found = self._member_pass
        if not again:
            return found.position, found.unrated
        counts, parent = list(found.unrated), self.tree.pre_order().parent
        evaluated = self._by_subject[0]
        for member_id in again:
            m = self.member(member_id)
            if m is None or member_id in evaluated or m.is_exempt(on) or m.admitted_on > latest:
                continue
            at = found.position.get(m.org_id)
            if at is None or (m.left_on is not None and m.left_on <= on):
                continue  # not counted by the round's pass
            while at >= 0:
                counts[at] -= 1
                at = parent[at]
        return found.position, counts

    def _per_subtree(self, of_chi_bo: Mapping[str, int]) -> tuple[dict[str, int], list[int]]:
        """Each subtree's count, by pre-order position, from each chi bộ's count read
        from tables (*of_chi_bo*)."""
        walked = self.tree.pre_order()
        found = [0] * len(walked.order)
        for org_id, n in of_chi_bo.items():
            at = walked.position.get(org_id)
            if at is not None:
                found[at] = n
        _sum_up(walked.parent, found)
        return walked.position, found

    @cached_property
    def _leaders_without_record(self) -> tuple[dict[str, int], list[int]]:
        """Each subtree's members holding a committee seat on the rolls on the round's day
        with no evaluation record in the round."""
        if self.table is not None:
            return self._per_subtree(self.table.leaders_without_record(self.on))
        found = self._member_pass
        return found.position, found.without_record

    def leaders_without_record(self, org_id: str) -> int:
        """How many members of *org_id*'s subtree holding a committee seat, on the rolls
        on the round's day, have no evaluation record in the round: whether they were
        disciplined is unknown."""
        position, found = self._leaders_without_record
        return found[self._place(position, org_id)]

    def unrated_members(self, org_id: str) -> int:
        """How many members of *org_id*'s subtree have no evaluation record in the round
        though they are rated: on the rolls on the round's day, not exempted, admitted
        (and re-admitted, :meth:`admitted_on`) :data:`UNRATED_MONTHS` months or more
        before it. Their ratings are unknown, not
        absent."""
        position, found = self._unrated
        return found[self._place(position, org_id)]

    @cached_property
    def _on_rolls(self) -> tuple[dict[str, int], list[int]]:
        if self.table is not None:
            return self._per_subtree(self.table.active_counts(self.on))
        found = self._member_pass
        return found.position, found.on_rolls

    def members_on_rolls(self, org_id: str) -> int:
        """How many members of *org_id*'s subtree are on the rolls on the round's day
        (admitted by then, not yet left): those the round rates."""
        position, found = self._on_rolls
        return found[self._place(position, org_id)]

    @cached_property
    def _evaluated(self) -> tuple[dict[str, int], list[int]]:
        if self.table is not None:
            return self._per_subtree(self.table.evaluated_counts())
        found = self._member_pass
        return found.position, found.evaluated

    def evaluated_members(self, org_id: str) -> int:
        """How many members of *org_id*'s subtree have an evaluation in the round, with
        a rating or not, on the rolls or not.

        Over the whole tree, fewer than the round's member evaluations means some are of
        no member of the tree, or of a member twice (the later one is read)."""
        position, found = self._evaluated
        return found[self._place(position, org_id)]

    def member_tally(self, org_id: str, *, on_rolls: bool = False) -> Tally:
        """The members' rating counts in *org_id*'s subtree (``dang_vien_<level>``).

        With *on_rolls*, only of the members on the rolls on the round's day: a member
        who left during the year (or is admitted after the day) may have been rated,
        but is not one of the members a report of that day counts.
        """
        position, counts = self._tallies_on_rolls if on_rolls else self._tallies
        found = dict(zip(_TALLY_KEYS, counts[self._place(position, org_id)], strict=True))
        # Counted here (whole numbers from 0, of registered codes), or read from tables
        # and checked once per chi bộ (_whole_counts): checking them again for each of a
        # nation's TCCSĐ cost a tenth of the HTXSNV quota rule.
        return Tally.from_counted(found)


def _nw() -> Any:
    return require("narwhals", needed_for="RatingRound.from_frames")


def _hash_keeping_dict() -> dict[Any, Any]:
    """An empty dict that keeps each key's hash beside it, for a nation's ids.

    CPython keeps a dict whose keys are all text without their hashes, reading each
    key's hash from the text itself whenever the table grows or a look-up meets
    another key: at a nation's millions of ids each such read misses the processor's
    caches, and a third of the time of building the index of the round's member
    evaluations went to it. A dict once given a key of another kind keeps the hashes
    for good; the key is taken out at once, so the dict holds the same items.
    """
    found: dict[Any, Any] = {0: None}
    del found[0]
    return found


@lru_cache(maxsize=64)
def _latest_not_recent(on: date, months: int) -> date:
    """The last admission day *months* months or more before *on*.

    ``admitted + relativedelta(months=months) > on`` is monotone in the admission day,
    so one comparison with this day replaces the date arithmetic per member.
    """
    day = on - relativedelta(months=months)
    one = timedelta(days=1)
    while _months_on(day + one, months, on):
        day += one
    while not _months_on(day, months, on):
        day -= one
    return day


def _months_on(day: date, months: int, on: date) -> bool:
    """Whether *months* months after *day* is *on* or before it.

    A day that many months on past 31/12/9999 is after any *on*: a round on the last
    days of 9999 (``check --year 9999``) stopped with Python's "year 10000 is out of range".
    """
    try:
        return day + relativedelta(months=months) <= on
    except (ValueError, OverflowError):
        return False


#: Members admitted less than this many months before a rating are not rated (in each
#: regime): a member without an evaluation record admitted earlier is one whose rating
#: is unknown (:meth:`RatingRound.unrated_members`).
UNRATED_MONTHS = 6

#: The tally's count of each level, in the order of :class:`Rating`.
_TALLY_KEYS = tuple(f"dang_vien_{r.suffix}" for r in Rating)


@final
class _MemberPass:
    """The per-member counts of a round, each a list by pre-order position (own counts
    until summed up the tree), and the members the member rules look up."""

    __slots__ = (
        "disciplined",
        "evaluated",
        "in_place",
        "notable",
        "on_rolls",
        "position",
        "rated_off_rolls",
        "ratings",
        "recent",
        "since",
        "unrated",
        "without_record",
    )

    def __init__(self, position: dict[str, int], size: int, since: date) -> None:
        self.position = position
        #: By id, the members of the marked evaluations
        #: (:meth:`RatingRound.marked_member_evaluations`), the recent and exempted, and
        #: any outside the walk: those the built-in member rules look up
        #: (:meth:`RatingRound.member`).
        self.notable: dict[str, Member] = {}
        #: The members exempted, or admitted after *since*: those a rule on recent
        #: admissions may concern, so that it does not walk the nation's members again.
        self.since = since
        self.recent: list[Member] = []
        self.ratings = [[0] * len(Rating) for _ in range(size)]
        #: Of *ratings*, those given to members not on the rolls on the day (left, or
        #: admitted after it): by position of their own chi bộ, only where there are any.
        self.rated_off_rolls: dict[int, list[int]] = {}
        self.unrated = [0] * size
        self.disciplined = [0] * size
        self.without_record = [0] * size
        self.on_rolls = [0] * size
        self.evaluated = [0] * size
        #: Whether each of the round's member evaluations was met at its member's place
        #: in the rolls: they are then the values of the index by id, in its order.
        self.in_place = False


#: How far back the round's pass keeps the members admitted: twelve months of at most
#: 31 days, and a day (see :meth:`NotToBeRatedRule.select`).
_RECENT = timedelta(days=31 * 12 + 1)


def _sum_up(parent: list[int], counts: list[int]) -> None:
    """Add each count into its parent's, children first (pre-order, walked backwards)."""
    for i in range(len(counts) - 1, -1, -1):
        up = parent[i]
        if up >= 0:
            counts[up] += counts[i]


def _whole_counts(row: list[int]) -> list[int]:
    """A chi bộ's rating counts read from a table, as ints: a value of a table's own type
    (numpy.int64) made an int, one that is no count refused as a tally refuses it."""
    if all(type(n) is int and n >= 0 for n in row):
        return row
    checked = Tally(dict(zip(_TALLY_KEYS, row, strict=True)))
    return [checked[key] for key in _TALLY_KEYS]


def _add_up(parent: list[int], rows: list[list[int]]) -> None:
    """Add each row into its parent's, children first (pre-order, walked backwards)."""
    for i in range(len(rows) - 1, -1, -1):
        up = parent[i]
        if up >= 0:
            target = rows[up]
            for j, n in enumerate(rows[i]):
                target[j] += n


@final
@frozen
class RatedMember:
    """A member's evaluation in its round: the subject of member rating rules."""

    round: RatingRound
    evaluation: Evaluation
    member: Member | None


@final
@frozen
class RatedOrg:
    """An organization in its round: the subject of organization rating rules."""

    round: RatingRound
    org: Organization
    evaluation: Evaluation | None


def _member_ref(subject: RatedMember) -> SubjectRef:
    name = subject.member.full_name if subject.member else subject.evaluation.subject_id
    return SubjectRef(subject.evaluation.subject_id, name, "member")


_READS = "hồ sơ đánh giá, xếp loại của năm (RatingRound)"


def _label(rating: Rating | None) -> str:
    return "chưa xếp loại" if rating is None else rating.abbreviation


@frozen
class MemberRatingRule(RecordRule[RatedMember]):
    """A rule on member evaluations: reads a :class:`RatingRound`, one result per record.

    Subclasses choose the records they concern with :meth:`concerns`.
    """

    reads: ClassVar[str] = _READS
    source_type: ClassVar[type] = RatingRound

    def candidates(self, source: RatingRound) -> Iterator[tuple[RatedMember, SubjectRef]]:
        """Each member evaluation of the round's year."""
        for ev in source.member_evaluations():
            subject = RatedMember(source, ev, source.member(ev.subject_id))
            yield subject, _member_ref(subject)

    def select(self, source: RatingRound) -> Iterable[Evaluation]:
        """The member evaluations the rule may concern: all of them by default.

        A rule narrows them with cheap tests on the evaluation, so that a nation's round
        does not build a subject per member; it may keep too many (:meth:`concerns`
        decides), never too few.
        """
        return source.member_evaluations()

    def subjects(self, source: object) -> Iterator[tuple[RatedMember, SubjectRef]] | None:
        """The member evaluations the rule concerns, or ``None`` for another source."""
        if not isinstance(source, RatingRound):
            return None
        return self._concerned(source)

    def where(self, source: RatingRound) -> Any:
        """:meth:`select` as a narwhals expression, for a round read from tables.

        It reads the evaluation's columns and the member's, prefixed ``m_``
        (``m_admitted_on``); ``None`` (the default) reads every evaluation.
        """
        return None

    def where_parts(self, source: RatingRound) -> tuple[Any, Any] | None:
        """:meth:`where` as two expressions, or ``None`` (the default) to read it whole:
        one over the evaluation's columns and one over the member's own, not prefixed
        (``admitted_on``); an evaluation is kept when either holds.

        Its member's part is read over the members alone: read whole, :meth:`where`
        joined each of a nation's evaluations with its member to keep a few tens of
        thousands. So an evaluation of no member is kept by its own part only: the
        parts say what :meth:`where` says when its member's columns, missing for such an
        evaluation, keep nothing there (a test such as ``m_exempted_on.is_null()``
        would). Like :meth:`select`, they may keep too many (:meth:`concerns` decides),
        never too few.

        Read where the class giving it is the one giving :meth:`where` or a subclass
        of it: a subclass giving only its own :meth:`where` is read by that.
        """
        return None

    def _where_parts(self, source: RatingRound) -> tuple[Any, Any] | None:
        """:meth:`where_parts`, unless a subclass gave its own :meth:`where` after it."""
        mro = type(self).__mro__
        parts_owner = next(k for k in mro if "where_parts" in k.__dict__)
        where_owner = next(k for k in mro if "where" in k.__dict__)
        if not issubclass(parts_owner, where_owner):
            return None
        return self.where_parts(source)

    def _concerned(self, source: RatingRound) -> Iterator[tuple[RatedMember, SubjectRef]]:
        pairs: Iterable[tuple[Evaluation, Member | None]]
        if source.table is not None:
            parts = self._where_parts(source)
            if parts is not None:
                pairs = source.table.member_evaluations(parts=parts)
            else:
                pairs = source.table.member_evaluations(self.where(source))
        else:
            pairs = ((ev, source.member(ev.subject_id)) for ev in self.select(source))
        for ev, member in pairs:
            subject = RatedMember(source, ev, member)
            if self.concerns(subject):
                yield subject, _member_ref(subject)


@frozen
class OrgRatingRule(RecordRule[RatedOrg]):
    """A rule on organizations in a rating round, at the kinds in ``applies_to``."""

    reads: ClassVar[str] = _READS
    source_type: ClassVar[type] = RatingRound

    def candidates(self, source: RatingRound) -> Iterator[tuple[RatedOrg, SubjectRef]]:
        """Each organization of the kinds in ``applies_to``, with its evaluation if any."""
        for org in source.tree.walk():
            if org.kind in self.applies_to:
                subject = RatedOrg(source, org, source.org_evaluation(org.id))
                yield subject, SubjectRef(org.id, org.name, org.kind.value)

    def subjects(self, source: object) -> Iterator[tuple[RatedOrg, SubjectRef]] | None:
        """The candidates the rule concerns, or ``None`` for another source."""
        if type(self).candidates is not OrgRatingRule.candidates:
            return super().subjects(source)  # the rule lists its own candidates
        if not isinstance(source, RatingRound):
            return None
        return self._concerned(source)

    def _concerned(self, source: RatingRound) -> Iterator[tuple[RatedOrg, SubjectRef]]:
        # The candidates, each named only once the rule concerns it: a rule on the
        # few disciplined organizations does not name the nation's 280.000.
        # The kinds found by identity, not hashed: an enum hashes in Python, once per
        # organization of the nation for each rule.
        kinds, concerns = tuple(self.applies_to), self.concerns
        for subject in source.rated_orgs():
            org = subject.org
            if org.kind in kinds and concerns(subject):
                yield subject, SubjectRef(org.id, org.name, org.kind.value)


_ORGS_WITH_UNITS = frozenset(
    {
        OrgKind.DANG_BO_TINH,
        OrgKind.DANG_BO_CAP_TREN_CO_SO,
        OrgKind.DANG_BO_CO_SO,
        OrgKind.DANG_BO_BO_PHAN,
    }
)
_QUOTA = Fraction(1, 5)


def _gr() -> frozenset[OrgKind]:
    return GRASSROOTS_KINDS


@final
@frozen
class _UnitRatings:
    """A TCCSĐ's members' rating counts in a round, and its members rated without an
    evaluation record (their ratings unknown)."""

    counts: Tally
    name: str
    kind: OrgKind
    unrated: int
    #: Whether the round records any member: without one, the counts are unknown.
    members_recorded: bool = True
    #: The verdicts on plain counts already given in this check, by (HTXSNV, HTTNV),
    #: shared by every TCCSĐ of the round: a nation's TCCSĐ repeat a few thousand pairs
    #: of small counts, each verdict worded anew in tens of microseconds.
    verdicts: dict[tuple[int, int], RuleResult] | None = field(default=None, eq=False, repr=False)

    @property
    def figures(self) -> Figures:
        """The counts as figures of the TCCSĐ, made only when read: the quota is judged
        on the counts themselves (:meth:`QuotaRule.check_counts`)."""
        return Figures(counts=self.counts, name=self.name, kind=self.kind)


#: Said of a round whose tree records no member (its counts are unknown, not zero).
_NO_MEMBERS = "dữ liệu không có danh sách đảng viên"


@frozen
class HtxsnvQuotaRule(QuotaRule):
    """Members rated HTXSNV must not exceed 20% of those rated HTTNV, in each TCCSĐ.

    On a :class:`RatingRound` it counts each TCCSĐ's members' ratings; on a tally,
    figures or rollup it reads ``dang_vien_htxsnv`` and ``dang_vien_httnv``. The limit
    is ``floor(20% · HTTNV)`` by default: the sources do not say how the limit rounds
    ([U]); ``rounding="half_up"`` or ``"ceil"`` gives the other readings. The exception
    a competent level may grant outstanding units is not modelled: the result fails
    and the message names the excess for that decision.

    On a round, a TCCSĐ's members on the rolls who are rated (not exempted, admitted
    :data:`UNRATED_MONTHS` months or more before) but have no evaluation record of the
    round are unknown, not absent (:meth:`RatingRound.unrated_members`): the verdict
    stands when it holds were they all HTXSNV or all HTTNV, and is ``MISSING_DATA``
    otherwise. A round whose tree records no member at all (organizations alone) gives
    ``MISSING_DATA`` for each TCCSĐ: its members' counts are unknown, not 0.

    A family: each regime's subclass carries the code (see :func:`rating_regime`).
    """

    family_code: ClassVar[str] = "htxsnv_quota"
    #: The parameters a regime carries over without having read them in its own text [U].
    unconfirmed: ClassVar[tuple[str, ...]] = ()
    title: ClassVar[str] = "Đảng viên HTXSNV không vượt quá 20% số HTTNV trong mỗi TCCSĐ"
    applies_to: ClassVar[frozenset[OrgKind]] = GRASSROOTS_KINDS
    qualifier: ClassVar[str] = "xếp loại hoàn thành xuất sắc nhiệm vụ"

    ratio: str = field(default="dang_vien_htxsnv_tren_httnv")
    # Why 1/5: HTXSNV may not exceed (inclusive) a fifth of the members rated HTTNV.
    limit: Fraction = field(default=_QUOTA, converter=to_fraction)
    rounding: Rounding = field(default="floor")
    via: tuple[str, str] | None = field(
        default=("dang_vien_htxsnv_tren_danh_gia", "dang_vien_httnv_tren_danh_gia")
    )
    binds: frozenset[OrgKind] = field(factory=_gr, converter=frozenset)

    def _default_wording(self) -> str:
        # "không vượt quá 20% số đảng viên hoàn thành tốt nhiệm vụ", from the limit.
        return f"{super()._default_wording()} số đảng viên hoàn thành tốt nhiệm vụ"

    def subjects(self, source: object) -> Iterator[tuple[Measured, SubjectRef]] | None:
        """Each TCCSĐ of a rating round, or what a measured rule reads."""
        if isinstance(source, RatingRound):
            return self._round_subjects(source)
        return super().subjects(source)

    def _round_subjects(self, source: RatingRound) -> Iterator[tuple[Any, SubjectRef]]:
        recorded = source.records_members
        kinds = tuple(self.applies_to)  # found by identity, not hashed
        verdicts: dict[tuple[int, int], RuleResult] = {}
        for org in source.tree.walk():
            if org.kind in kinds:
                counts = source.member_tally(org.id)
                unrated = source.unrated_members(org.id)
                unit = _UnitRatings(counts, org.name, org.kind, unrated, recorded, verdicts)
                yield unit, SubjectRef(org.id, org.name, org.kind.value)

    def _on_counts(self, subject: _UnitRatings) -> RuleResult:
        """The quota on a TCCSĐ's counts, as :meth:`QuotaRule.check` judges its figures.

        Read from the counts alone where the ratio is counted in them and the quota
        binds at the TCCSĐ's level (every TCCSĐ of a nation, under the built-in rules):
        making figures and a reading for each cost more than the verdict.
        """
        spec = self.spec
        if self.reads_plain_counts and subject.kind in tuple(self.binds):
            h = subject.counts.total(spec.numerator)
            g = subject.counts.total(spec.denominator)
            if h is not None and g is not None:
                verdicts = subject.verdicts
                if verdicts is None:
                    return self.check_counts(h, g)
                # The verdict on counts depends on the counts and the rule alone: the
                # one given to another TCCSĐ is given again, to this one. Only this
                # rule's own: the subjects are public, and another quota rule (another
                # limit or rounding) may be handed one this rule listed.
                found = verdicts.get((h, g))
                if found is None or found.rule is not self:
                    found = verdicts[h, g] = self.check_counts(h, g)
                    return found
                return self.result(
                    found.status,
                    found.message,
                    observed=found.observed,
                    observed_range=found.observed_range,
                    counts=found.counts,
                    target=found.target,
                    gap=found.gap,
                    exceeds=found.exceeds,
                    reading=found.reading,
                )
        return super().check(subject.figures)

    def check(self, subject: Measured) -> RuleResult:
        """The quota on the counts; on a round's TCCSĐ, members rated but without an
        evaluation record may be HTXSNV or HTTNV: the verdict stands only when it holds
        whatever they are (``MISSING_DATA`` otherwise)."""
        if not isinstance(subject, _UnitRatings):
            return super().check(subject)
        if not subject.members_recorded:
            # The evaluations of members the tree does not hold cannot be placed in any
            # TCCSĐ: "0/0, đạt" would be a count of no one.
            message = (
                f"{self.spec.label}: {_NO_MEMBERS}, nên không đếm được đảng viên của tổ "
                f"chức được xếp loại từng mức: chưa xác định hạn mức {self.target()}."
            )
            return self.result(Status.MISSING_DATA, message)
        found = self._on_counts(subject)
        unknown = subject.unrated
        if not unknown or found.status not in (Status.PASS, Status.FAIL):
            return found
        counts = subject.counts
        h, g = counts.get("dang_vien_htxsnv") or 0, counts.get("dang_vien_httnv") or 0
        members = f"{format_number(unknown)} đảng viên chưa có hồ sơ đánh giá của năm"
        if found.status is Status.FAIL and h > self.allowed(g + unknown):
            # Even were every one of them HTTNV, the HTXSNV already known exceed it.
            note = f" ({members}: dù đều hoàn thành tốt nhiệm vụ vẫn vượt hạn mức)."
            return evolve(found, message=found.message.removesuffix(".") + note)
        if found.status is Status.PASS and h + unknown <= self.allowed(g):
            note = f" ({members}: dù đều hoàn thành xuất sắc nhiệm vụ vẫn trong hạn mức)."
            return evolve(found, message=found.message.removesuffix(".") + note)
        message = (
            f"{self.spec.label}: đã xếp loại {format_number(h)} đảng viên hoàn thành xuất "
            f"sắc nhiệm vụ và {format_number(g)} hoàn thành tốt nhiệm vụ; {members}, nên có "
            f"thể đạt hoặc không đạt hạn mức {self.target()}: chưa xác định."
        )
        return self.result(Status.MISSING_DATA, message, counts=(h, g))


@frozen
class DisciplinedMemberRule(MemberRatingRule):
    """A member disciplined in the year is rated KHTNV.

    One violation counts once. Since 124-QĐ/TW a violation the member detected and
    remedied themselves is excepted (``self_remedied_excepted``). Reports on the
    members disciplined in the year only. A family: the regimes carry the codes.
    """

    family_code: ClassVar[str] = "disciplined_member"
    title: ClassVar[str] = "Đảng viên bị kỷ luật trong năm xếp loại không hoàn thành nhiệm vụ"
    self_remedied_excepted: ClassVar[bool] = False

    def select(self, source: RatingRound) -> Iterable[Evaluation]:
        """The evaluations marked disciplined."""
        return [ev for ev in source.marked_member_evaluations() if ev.disciplined]

    def where(self, source: RatingRound) -> Any:
        """:meth:`select` as an expression."""
        return _nw().col("disciplined")

    def concerns(self, subject: RatedMember) -> bool:
        """The members disciplined in the year."""
        return subject.evaluation.disciplined

    def check(self, subject: RatedMember) -> RuleResult:
        """FAIL when a disciplined member is rated above KHTNV."""
        ev = subject.evaluation
        if ev.rating is None:
            return self.result(Status.NOT_APPLICABLE, "Bị kỷ luật trong năm, chưa xếp loại.")
        if ev.self_remedied and self.self_remedied_excepted:
            message = (
                f"Bị kỷ luật trong năm nhưng tự phát hiện, khắc phục: xếp loại "
                f"{_label(ev.rating)} không bị giới hạn."
            )
            return self.result(Status.PASS, message, observed=None)
        if ev.rating > Rating.KHTNV:
            message = (
                f"Bị kỷ luật trong năm nhưng xếp loại {_label(ev.rating)}; "
                "phải xếp loại không hoàn thành nhiệm vụ."
            )
            return self.result(Status.FAIL, message, gap=Gap(1, "cần xếp loại lại 1 đảng viên"))
        return self.result(Status.PASS, "Bị kỷ luật trong năm, xếp loại KHTNV.")


@frozen
class NotToBeRatedRule(MemberRatingRule):
    """A member admitted less than *months* before the rating, or exempted, is not rated.

    "Admitted" is the admission decision (``admitted_on``), or a later re-admission
    (kết nạp lại) the round's history holds (:meth:`RatingRound.admitted_on`), counted
    to the round's ``rated_on``. Exemption is the evaluation's ``exempted`` flag or the member's
    ``exempted_on`` on or before the rating. A family: the regimes carry the codes.
    """

    family_code: ClassVar[str] = "not_to_be_rated"
    title: ClassVar[str] = (
        "Đảng viên kết nạp chưa đủ 6 tháng hoặc được miễn sinh hoạt không xếp loại"
    )
    parameter_checks: ClassVar[dict[str, ParameterCheck]] = {"months": check_whole(0)}

    # Why 6: members admitted less than six months before are not rated, in each regime.
    months: int = field(default=6)

    def _recent(self, subject: RatedMember) -> bool:
        m, rr = subject.member, subject.round
        return m is not None and rr.admitted_on(m) > _latest_not_recent(rr.on, self.months)

    def _exempt(self, subject: RatedMember) -> bool:
        m = subject.member
        return subject.evaluation.exempted or (m is not None and m.is_exempt(subject.round.on))

    def select(self, source: RatingRound) -> Iterable[Evaluation]:
        """The evaluations marked exempted, and of members exempted or admitted lately.

        *months* months are at most 31 days each: admitted within that many days.
        """
        cutoff = source.on - timedelta(days=31 * self.months + 1)
        members = source.recent_members(cutoff)
        notable = {m.id for m in members if m.exempted_on or m.admitted_on > cutoff}
        notable |= source.readmitted_after(cutoff)
        if source.table is not None:
            return [
                ev for ev in source.member_evaluations() if ev.exempted or ev.subject_id in notable
            ]
        # The evaluations marked exempted are among the few marked ones: each of a
        # nation's evaluations is then kept by its id alone, in input order, without
        # reading the record itself from memory.
        marked = source.marked_member_evaluations()
        notable.update(ev.subject_id for ev in marked if ev.exempted)
        return [ev for ev in source.member_evaluations() if ev.subject_id in notable]

    def where(self, source: RatingRound) -> Any:
        """:meth:`select` as an expression."""
        of_evaluation, of_member = self._parts(source, "m_")
        return of_evaluation | of_member

    def where_parts(self, source: RatingRound) -> tuple[Any, Any]:
        """:meth:`where` in two: the evaluation's mark and the re-admitted ids, and the
        member's exemption and admission."""
        return self._parts(source, "")

    def _parts(self, source: RatingRound, prefix: str) -> tuple[Any, Any]:
        """The evaluation's part and the member's, its columns named with *prefix*."""
        nw = _nw()
        cutoff = source.on - timedelta(days=31 * self.months + 1)
        of_evaluation = nw.col("exempted")
        again = source.readmitted_after(cutoff)
        if again:
            of_evaluation = of_evaluation | nw.col("subject_id").is_in(sorted(again))
        # An evaluation of no member has no admission day: not admitted lately (a
        # missing truth value failed pandas' nullable booleans in the "or").
        admitted_lately = (nw.col(f"{prefix}admitted_on") > cutoff).fill_null(False)
        of_member = ~nw.col(f"{prefix}exempted_on").is_null() | admitted_lately
        return of_evaluation, of_member

    def concerns(self, subject: RatedMember) -> bool:
        """The recently admitted and the exempted."""
        return self._recent(subject) or self._exempt(subject)

    def check(self, subject: RatedMember) -> RuleResult:
        """FAIL when such a member was rated."""
        why = (
            "được miễn công tác và sinh hoạt đảng"
            if self._exempt(subject)
            else f"kết nạp chưa đủ {self.months} tháng"
        )
        rating = subject.evaluation.rating
        if rating is None:
            return self.result(Status.PASS, f"Đảng viên {why}, không xếp loại.")
        message = f"Đảng viên {why} nhưng được xếp loại {_label(rating)}; không xếp loại."
        return self.result(Status.FAIL, message, gap=Gap(1, "cần bỏ 1 xếp loại"))


@frozen
class SickLeaveRule(MemberRatingRule):
    """A member on sick leave for *months* or more in the year is rated at most HTNV.

    A family: the regimes carry the codes.
    """

    family_code: ClassVar[str] = "sick_leave"
    title: ClassVar[str] = (
        "Đảng viên nghỉ ốm từ 3 tháng trở lên xếp loại cao nhất là hoàn thành nhiệm vụ"
    )
    parameter_checks: ClassVar[dict[str, ParameterCheck]] = {"months": check_whole(1)}

    # Why 3: three months or more of sick leave in the year caps the rating at HTNV.
    months: int = field(default=3)

    def select(self, source: RatingRound) -> Iterable[Evaluation]:
        """The evaluations with *months* or more of sick leave."""
        marked = source.marked_member_evaluations()
        return [ev for ev in marked if ev.sick_leave_months >= self.months]

    def where(self, source: RatingRound) -> Any:
        """:meth:`select` as an expression."""
        return _nw().col("sick_leave_months") >= self.months

    def concerns(self, subject: RatedMember) -> bool:
        """Members on long sick leave who were rated."""
        return subject.evaluation.sick_leave_months >= self.months

    def check(self, subject: RatedMember) -> RuleResult:
        """FAIL when rated above HTNV."""
        ev = subject.evaluation
        # The rule's threshold is said, never the member's months (personal data).
        months = f"từ {format_number(self.months)} tháng trở lên"
        if ev.rating is None:
            return self.result(Status.NOT_APPLICABLE, f"Nghỉ ốm {months}, chưa xếp loại.")
        if ev.rating > Rating.HTNV:
            message = (
                f"Nghỉ ốm {months} trong năm nhưng xếp loại {_label(ev.rating)}; "
                "cao nhất là hoàn thành nhiệm vụ."
            )
            return self.result(Status.FAIL, message, gap=Gap(1, "cần xếp loại lại 1 đảng viên"))
        return self.result(Status.PASS, f"Nghỉ ốm {months}, xếp loại {_label(ev.rating)}.")


@frozen
class TasksUnderHalfRule(MemberRatingRule):
    """A member who did under *share* of the tasks assigned is rated KHTNV.

    "Chức trách, nhiệm vụ được giao hoàn thành dưới 50%": the tasks done are those
    done on time and those done late (``Evaluation.tasks_on_time`` and
    ``tasks_late``), over ``tasks``; "dưới" is strict, so half of them is not under.
    Reports on the members rated above KHTNV whose tasks are known with at least one
    of those counts: when only one is known the tasks done are at least it, and a
    result that the other count could still change is ``MISSING_DATA``. A family:
    the regimes carry the codes.
    """

    family_code: ClassVar[str] = "tasks_under_half"
    title: ClassVar[str] = (
        "Đảng viên hoàn thành dưới 50% nhiệm vụ xếp loại không hoàn thành nhiệm vụ"
    )
    parameter_checks: ClassVar[dict[str, ParameterCheck]] = {"share": check_share}

    # Why 1/2: under half of the tasks assigned done caps the rating at KHTNV.
    share: Fraction = field(default=Fraction(1, 2), converter=to_fraction)

    def select(self, source: RatingRound) -> Iterable[Evaluation]:
        """The evaluations with tasks (:meth:`concerns` reads the rest)."""
        # From the marked evaluations, as the sick-leave rule reads: a nation's round
        # of records without task counts keeps none.
        return [ev for ev in source.marked_member_evaluations() if ev.tasks]

    def where(self, source: RatingRound) -> Any:
        """:meth:`select` as an expression (the rating is checked on each record)."""
        col = _nw().col
        done = ~col("tasks_on_time").is_null() | ~col("tasks_late").is_null()
        return ~col("tasks").is_null() & (col("tasks") > 0) & done

    def concerns(self, subject: RatedMember) -> bool:
        """Members rated above KHTNV with tasks and some of them counted done."""
        return _tasks_counted(subject.evaluation)

    def check(self, subject: RatedMember) -> RuleResult:
        """FAIL when fewer than *share* of the tasks were done and the rating is above
        KHTNV; MISSING_DATA when the count left blank decides."""
        return _judge_tasks(self, subject.evaluation, self.share, "đảng viên")


@frozen
class OrgTasksUnderHalfRule(OrgRatingRule):
    """An organization that did under *share* of its targets and tasks is rated KHTNV.

    132-QĐ/TW (Art. 12.4) and 124-QĐ/TW count among the collectives not completing
    their tasks one that reached under 50% of its targets ("chỉ hoàn thành dưới 50% số
    chỉ tiêu, nhiệm vụ"): read, as for a member, from the evaluation's ``tasks``,
    ``tasks_on_time`` and ``tasks_late``, "dưới" strict. Reports on the organizations
    rated above KHTNV whose tasks are known with at least one of those counts. A family:
    the regimes carry the codes.
    """

    family_code: ClassVar[str] = "org_tasks_under_half"
    title: ClassVar[str] = (
        "Tổ chức đảng hoàn thành dưới 50% chỉ tiêu, nhiệm vụ xếp loại không hoàn thành nhiệm vụ"
    )
    applies_to: ClassVar[frozenset[OrgKind]] = frozenset(OrgKind) - {OrgKind.TRUNG_UONG}
    parameter_checks: ClassVar[dict[str, ParameterCheck]] = {"share": check_share}

    # Why 1/2: under half of the targets reached makes the collective KHTNV.
    share: Fraction = field(default=Fraction(1, 2), converter=to_fraction)

    def concerns(self, subject: RatedOrg) -> bool:
        """Organizations rated above KHTNV with tasks and some of them counted done."""
        return subject.evaluation is not None and _tasks_counted(subject.evaluation)

    def check(self, subject: RatedOrg) -> RuleResult:
        """FAIL when fewer than *share* of the tasks were done and the rating is above
        KHTNV; MISSING_DATA when the count left blank decides."""
        assert subject.evaluation is not None
        return _judge_tasks(self, subject.evaluation, self.share, "tổ chức")


def _judge_tasks(rule: Rule[Any], ev: Evaluation, t: Fraction, whom: str) -> RuleResult:
    """The verdict on *ev*, rated above KHTNV: done under *t* of the tasks caps it at
    KHTNV; with one of the done counts blank, the tasks done are at least the other."""
    assert ev.tasks is not None
    assert ev.rating is not None
    total, on_time, late = ev.tasks, ev.tasks_on_time, ev.tasks_late
    known = (on_time or 0) + (late or 0)
    # Done on time and done late are parts of the tasks: one of them that is all the
    # tasks leaves the other none, so the tasks done are known ("ít nhất 10/10" was said
    # of every task done on time, the late ones left blank).
    exact = (on_time is not None and late is not None) or known == total
    bar = format_percent_against(t, t)
    done = Fraction(known, total)
    if done >= t:
        message = (
            f"Hoàn thành {'' if exact else 'ít nhất '}{format_number(known)}/"
            f"{format_number(total)} nhiệm vụ ({format_percent_against(done, t)}), "
            f"không dưới {bar}; xếp loại {_label(ev.rating)}."
        )
        return rule.result(Status.PASS, message, observed=done if exact else None)
    if not exact:
        message = (
            f"Mới biết {format_number(known)}/{format_number(total)} nhiệm vụ đã hoàn "
            f"thành ({format_percent_against(done, t)}); chưa biết có dưới {bar} hay "
            f"không; xếp loại {_label(ev.rating)}."
        )
        return rule.result(Status.MISSING_DATA, message)
    message = (
        f"Chỉ hoàn thành {format_number(known)}/{format_number(total)} nhiệm vụ "
        f"({format_percent_against(done, t)}), dưới {bar}, nhưng xếp loại "
        f"{_label(ev.rating)}; phải xếp loại không hoàn thành nhiệm vụ."
    )
    gap = Gap(1, f"cần xếp loại lại 1 {whom}")
    return rule.result(Status.FAIL, message, gap=gap, observed=done)


def _tasks_counted(ev: Evaluation) -> bool:
    """Whether *ev* is rated above KHTNV, with tasks and some of them counted done."""
    return (
        ev.rating is not None
        and ev.rating > Rating.KHTNV
        and bool(ev.tasks)
        and (ev.tasks_on_time is not None or ev.tasks_late is not None)
    )


@frozen
class ExcellentTccsdRule(OrgRatingRule):
    """A TCCSĐ rated HTXSNV has all its members (or units) at HTNV+ and *share* at HTTNV+.

    For a chi bộ cơ sở the members are counted; for a đảng bộ cơ sở, the ratings of
    the organizations directly under it. Shares are over those rated. The gap counts
    the units that would need a better rating. The condition on the same-level
    government and mass organizations is not in the records and is not checked.
    A family: the regimes carry the codes.
    """

    family_code: ClassVar[str] = "excellent_tccsd"
    title: ClassVar[str] = "TCCSĐ xếp loại HTXSNV phải có 100% từ HTNV và từ 80% HTTNV trở lên"
    applies_to: ClassVar[frozenset[OrgKind]] = GRASSROOTS_KINDS
    parameter_checks: ClassVar[dict[str, ParameterCheck]] = {
        "share": check_share,
        "new_months": check_whole(0),
    }

    # Why 4/5: at least 80% at HTTNV or better (confirmed for the 2019 guidance; kept
    # as the default for later regimes, where it is unconfirmed [U]).
    share: Fraction = field(default=Fraction(4, 5), converter=to_fraction)
    # Why 6: a unit founded less than six months before the rating is not rated, so a
    # missing record of it is no unknown rating.
    new_months: int = field(default=6)

    def concerns(self, subject: RatedOrg) -> bool:
        """The TCCSĐ rated HTXSNV."""
        return subject.evaluation is not None and subject.evaluation.rating is Rating.HTXSNV

    def _ratings(self, subject: RatedOrg) -> tuple[list[Rating], int, str]:
        """The ratings compared, the units whose rating is unknown, and their name.

        A unit directly under a đảng bộ cơ sở, existing on the rating day and founded
        *new_months* or more before it, with no evaluation record, is unknown: it may be
        rated anything; so is a member of a chi bộ cơ sở rated in the round without a
        record (:meth:`RatingRound.unrated_members`). A record without a rating is a
        unit not rated.
        """
        rr, org = subject.round, subject.org
        if org.kind is OrgKind.CHI_BO_CO_SO:
            # Members rated in the round but without a record may be rated anything.
            # The ratings read from the round's counts, grouped by level (only how
            # many of each are compared): looked up member by member, they needed the
            # index of a nation's evaluations by id.
            counts = rr.member_tally(org.id)
            levels = [
                level
                for level, key in zip(Rating, _TALLY_KEYS, strict=True)
                for _ in range(counts[key])
            ]
            return levels, rr.unrated_members(org.id), "đảng viên"
        on = rr.on
        ratings: list[Rating] = []
        unknown = 0
        for unit in rr.tree.children(org.id):
            ev = rr.org_evaluation(unit.id)
            if ev is not None:
                if ev.rating is not None:
                    ratings.append(ev.rating)
            elif unit.is_active(on) and (
                unit.founded_on is None
                or unit.founded_on + relativedelta(months=self.new_months) <= on
            ):
                unknown += 1
        return ratings, unknown, "tổ chức trực thuộc"

    def check(self, subject: RatedOrg) -> RuleResult:
        """FAIL when a unit is below HTNV or fewer than *share* are HTTNV or better;
        MISSING_DATA when units without a record leave it undecided."""
        ratings, unknown, unit = self._ratings(subject)
        if not ratings:
            message = f"Xếp loại HTXSNV nhưng chưa có xếp loại của {unit} để đối chiếu."
            return self.result(Status.MISSING_DATA, message)
        n = len(ratings) + unknown
        below = sum(1 for r in ratings if r < Rating.HTNV)
        good = sum(1 for r in ratings if r.is_good_or_better)
        t = self.share
        bar = -((-t.numerator * n) // t.denominator)  # least count with good/n ≥ share
        observed = Fraction(good, n)
        figure = f"{format_number(good)}/{format_number(n)} {unit}"
        figure += f" ({format_percent_against(observed, t)})"
        wording = f"100% từ HTNV và từ {format_percent_against(t, t)} HTTNV trở lên"
        problems: list[str] = []
        if below:
            problems.append(f"{format_number(below)} {unit} không hoàn thành nhiệm vụ")
        if good + unknown < bar:
            # Even were every unknown unit HTTNV or better, the share stays short.
            short = f"chỉ {figure} từ hoàn thành tốt nhiệm vụ trở lên"
            if unknown:
                short += (
                    f", ngay cả khi {format_number(unknown)} {unit} chưa có hồ sơ đánh giá đều đạt"
                )
            problems.append(short)
        values: dict[str, Any] = {"observed": observed, "counts": (good, n)}
        if not problems and unknown:
            message = (
                f"Xếp loại HTXSNV; {format_number(good)}/{format_number(len(ratings))} {unit} "
                f"đã xếp loại từ HTTNV trở lên, {format_number(unknown)} {unit} chưa có hồ sơ "
                f"đánh giá của năm: chưa đối chiếu đủ điều kiện {wording}."
            )
            return self.result(Status.MISSING_DATA, message, counts=(good, n))
        if not problems:
            message = f"Xếp loại HTXSNV; {figure} từ HTTNV trở lên, đạt điều kiện {wording}."
            return self.result(Status.PASS, message, **values)
        units = max(below, bar - good)
        gap = Gap(units, f"cần {format_number(units)} {unit} xếp loại cao hơn")
        message = f"Xếp loại HTXSNV nhưng {'; '.join(problems)}: không đủ điều kiện {wording}."
        return self.result(Status.FAIL, message, gap=gap, **values)


@frozen
class DisciplinedUnitsRule(OrgRatingRule):
    """An organization with more than *share* of its units disciplined is rated KHTNV.

    Counts the organizations directly under it: those with an evaluation record for the
    year, and those existing on the rating day without one, whose discipline is
    unknown ("trên 20% tổ chức đảng trực thuộc" is over all of them, not over those
    with a record). "More than 20%" is strict. When the units without a record could
    tip the share over, the result is ``MISSING_DATA``; when the known ones already
    do, it fails. A family: the regimes carry the codes.
    """

    family_code: ClassVar[str] = "disciplined_units"
    title: ClassVar[str] = (
        "Tổ chức có trên 20% tổ chức trực thuộc bị kỷ luật xếp loại không hoàn thành nhiệm vụ"
    )
    applies_to: ClassVar[frozenset[OrgKind]] = _ORGS_WITH_UNITS
    parameter_checks: ClassVar[dict[str, ParameterCheck]] = {"share": check_share}

    # Why 1/5: more than 20% of the units directly under it disciplined (strict).
    share: Fraction = field(default=Fraction(1, 5), converter=to_fraction)

    def _units(self, subject: RatedOrg) -> tuple[list[Evaluation], int]:
        """The units' evaluation records, and how many units on the rolls have none."""
        rr = subject.round
        on = rr.on
        found: list[Evaluation] = []
        unknown = 0
        for unit in rr.tree.children(subject.org.id):
            ev = rr.org_evaluation(unit.id)
            if ev is not None:
                found.append(ev)
            elif unit.is_active(on):
                unknown += 1
        return found, unknown

    def concerns(self, subject: RatedOrg) -> bool:
        """Rated organizations whose units have evaluation records."""
        rated = subject.evaluation is not None and subject.evaluation.rating is not None
        return rated and bool(self._units(subject)[0])

    def check(self, subject: RatedOrg) -> RuleResult:
        """FAIL when over *share* of the units were disciplined and the rating is above KHTNV."""
        units, unknown = self._units(subject)
        n = len(units) + unknown
        d = sum(1 for ev in units if ev.disciplined)
        observed = Fraction(d, n)
        t = self.share
        over = d * t.denominator > t.numerator * n
        may_be_over = (d + unknown) * t.denominator > t.numerator * n
        assert subject.evaluation is not None
        assert subject.evaluation.rating is not None
        rating = subject.evaluation.rating
        figure = f"{format_number(d)}/{format_number(n)} tổ chức trực thuộc bị kỷ luật"
        figure += f" ({format_percent_against(observed, t)})"
        if unknown:
            figure += (
                f", {format_number(unknown)} tổ chức trực thuộc chưa có hồ sơ đánh giá của năm"
            )
        values: dict[str, Any] = {"observed": observed if not unknown else None, "counts": (d, n)}
        if rating > Rating.KHTNV:
            if over:
                message = (
                    f"{figure}, trên {format_percent_against(t, t)}, nhưng xếp loại "
                    f"{_label(rating)}; phải xếp loại không hoàn thành nhiệm vụ."
                )
                gap = Gap(1, "cần xếp loại lại 1 tổ chức")
                return self.result(Status.FAIL, message, gap=gap, **values)
            if may_be_over:
                message = (
                    f"{figure}: chưa biết có trên {format_percent_against(t, t)} tổ chức "
                    f"trực thuộc bị kỷ luật hay không; xếp loại {_label(rating)}."
                )
                return self.result(Status.MISSING_DATA, message, **values)
        return self.result(Status.PASS, f"{figure}; xếp loại {_label(rating)}.", **values)


@frozen
class DisciplinedOrgRule(OrgRatingRule):
    """An organization disciplined in the year is rated KHTNV.

    132-QĐ/TW (Art. 12.4: "tập thể lãnh đạo, quản lý bị xử lý kỷ luật") and 124-QĐ/TW
    count among the collectives not completing their tasks the one disciplined in the
    year rated; the evaluation's ``disciplined`` flag of the organization says so.
    Reports on the disciplined organizations only. A family: the regimes carry the codes.
    """

    family_code: ClassVar[str] = "disciplined_org"
    title: ClassVar[str] = "Tổ chức đảng bị kỷ luật trong năm xếp loại không hoàn thành nhiệm vụ"
    applies_to: ClassVar[frozenset[OrgKind]] = frozenset(OrgKind) - {OrgKind.TRUNG_UONG}

    def concerns(self, subject: RatedOrg) -> bool:
        """The organizations whose evaluation of the year says disciplined."""
        return subject.evaluation is not None and subject.evaluation.disciplined

    def check(self, subject: RatedOrg) -> RuleResult:
        """FAIL when a disciplined organization is rated above KHTNV."""
        assert subject.evaluation is not None
        rating = subject.evaluation.rating
        if rating is None:
            return self.result(Status.NOT_APPLICABLE, "Bị kỷ luật trong năm, chưa xếp loại.")
        if rating > Rating.KHTNV:
            message = (
                f"Tổ chức bị kỷ luật trong năm nhưng xếp loại {_label(rating)}; "
                "phải xếp loại không hoàn thành nhiệm vụ."
            )
            return self.result(Status.FAIL, message, gap=Gap(1, "cần xếp loại lại 1 tổ chức"))
        return self.result(Status.PASS, "Tổ chức bị kỷ luật trong năm, xếp loại KHTNV.")


@frozen
class SuspendedRule(MemberRatingRule):
    """A member suspended from party activity (đình chỉ sinh hoạt đảng) is not rated.

    Reports on the evaluations marked ``suspended`` only, in any review (a quarterly
    round as well as the yearly one).

    References:
        Quy định 124-QĐ/TW (04/10/2023), Art. 5.2.1, and the "chưa kiểm điểm" lines of
        Biểu 6F; kept by Quy định 366-QĐ/TW (30/8/2025) and Hướng dẫn 43-HD/BTCTW
        (31/10/2025). A family: the regimes from 124-QĐ/TW carry the codes.
    """

    family_code: ClassVar[str] = "suspended_not_rated"
    title: ClassVar[str] = "Đảng viên bị đình chỉ sinh hoạt đảng không xếp loại"

    def select(self, source: RatingRound) -> Iterable[Evaluation]:
        """The evaluations marked suspended."""
        return [ev for ev in source.marked_member_evaluations() if ev.suspended]

    def where(self, source: RatingRound) -> Any:
        """:meth:`select` as an expression."""
        return _nw().col("suspended")

    def concerns(self, subject: RatedMember) -> bool:
        """Suspended members."""
        return subject.evaluation.suspended

    def check(self, subject: RatedMember) -> RuleResult:
        """FAIL when a suspended member was rated."""
        rating = subject.evaluation.rating
        if rating is None:
            return self.result(Status.PASS, "Đảng viên bị đình chỉ sinh hoạt đảng, không xếp loại.")
        message = (
            f"Đảng viên bị đình chỉ sinh hoạt đảng nhưng được xếp loại {rating.abbreviation}; "
            "không xếp loại."
        )
        return self.result(Status.FAIL, message, gap=Gap(1, "cần bỏ 1 xếp loại"))


@frozen
class NewOrgRule(OrgRatingRule):
    """An organization founded less than *months* before the review is not rated.

    Reads ``Organization.founded_on``; organizations without it are not concerned.

    References:
        Hướng dẫn 21-HD/BTCTW (18/10/2019) under Quy định 132-QĐ/TW, and the regimes
        after it: 124-QĐ/TW, 366-QĐ/TW and Hướng dẫn 43-HD/BTCTW (31/10/2025). A
        family: the regimes carry the codes.
    """

    family_code: ClassVar[str] = "new_org_not_rated"
    title: ClassVar[str] = "Tổ chức đảng thành lập chưa đủ 6 tháng không xếp loại"
    applies_to: ClassVar[frozenset[OrgKind]] = frozenset(OrgKind) - {OrgKind.TRUNG_UONG}
    parameter_checks: ClassVar[dict[str, ParameterCheck]] = {"months": check_whole(0)}

    # Why 6: organizations founded less than six months before are not rated.
    months: int = field(default=6)

    def concerns(self, subject: RatedOrg) -> bool:
        """Organizations founded less than *months* before the review."""
        founded = subject.org.founded_on
        # One comparison with the day worked out once, not calendar arithmetic for each
        # of the nation's organizations.
        return founded is not None and founded > _latest_not_recent(subject.round.on, self.months)

    def check(self, subject: RatedOrg) -> RuleResult:
        """FAIL when such an organization was rated."""
        why = f"thành lập chưa đủ {format_number(self.months)} tháng"
        ev = subject.evaluation
        if ev is None or ev.rating is None:
            return self.result(Status.PASS, f"Tổ chức {why}, không xếp loại.")
        message = f"Tổ chức {why} nhưng được xếp loại {ev.rating.abbreviation}; không xếp loại."
        return self.result(Status.FAIL, message, gap=Gap(1, "cần bỏ 1 xếp loại"))


# -- the regimes ----------------------------------------------------------------------------

#: The rule families of a regime, in the order its pack lists them.
FAMILIES: tuple[type[Rule[Any]], ...] = (
    HtxsnvQuotaRule,
    DisciplinedMemberRule,
    NotToBeRatedRule,
    SickLeaveRule,
    ExcellentTccsdRule,
    DisciplinedUnitsRule,
    DisciplinedOrgRule,
    TasksUnderHalfRule,
    OrgTasksUnderHalfRule,
)

R = TypeVar("R", bound=Rule[Any])


def _class_name(code: str, family: type[Rule[Any]]) -> str:
    """``"qd124"`` and ``HtxsnvQuotaRule`` → ``"QD124HtxsnvQuotaRule"``.

    A part of the code holding a document number is an acronym and stays in capitals
    (PEP 8), as in ``NQ21…Rule``; a plain word is capitalized.
    """
    parts = re.split(r"[^A-Za-z0-9]+", code)
    prefix = "".join(p.upper() if re.search(r"\d", p) else p.capitalize() for p in parts)
    return prefix + family.__name__


def _regime_class(
    family: type[Rule[Any]],
    base: type[Rule[Any]],
    code: str,
    basis: Basis,
    changes: Mapping[str, object],
    module: str,
) -> type[Rule[Any]]:
    """The subclass of *base* (the family, or the rule of the regime it follows) for one
    regime: its code, its basis and its differences.

    A change to a parameter (an attrs field) becomes that field's default; any other
    change (``title``, ``self_remedied_excepted``...) a class variable.
    """
    family_code = family.__dict__.get("family_code")
    if not isinstance(family_code, str) or not family_code:
        raise RuleDefinitionError(N_("{name} cần một family_code riêng", name=family.__name__))
    given = attrs.fields_dict(base)
    namespace: dict[str, Any] = {
        "code": f"{code}.{family_code}",
        "basis": basis,
        "family": family,
        "__module__": module,
        "__doc__": f"{base.title} ({basis}).",
        "__annotations__": {},
    }
    for name, value in changes.items():
        if name in given:
            known = given[name]
            namespace["__annotations__"][name] = known.type
            namespace[name] = field(default=value, converter=known.converter, kw_only=known.kw_only)
        elif hasattr(base, name) and name not in ("code", "basis", "family"):
            namespace[name] = value
        else:
            raise RuleDefinitionError(
                N_(
                    "{family} không có tham số hay thiết lập {name}; các tham số: {known}",
                    family=family.__name__,
                    name=repr(name),
                    known=", ".join(given) or "—",
                )
            )
    made = type(_class_name(code, family), (base,), namespace)
    return frozen(made)


def rating_regime(
    code: str,
    name: str,
    basis: Basis,
    *,
    like: RuleSet | None = None,
    families: Iterable[type[Rule[Any]]] | None = None,
    changes: Mapping[type[Rule[Any]], Mapping[str, object]] | None = None,
    register: bool = True,
) -> RuleSet:
    """Define a rating regime: one rule class per family, and the pack that holds them.

    A regime is its document and period (*basis*), its short *code* (the pack's code
    and the prefix of its rules' codes: ``"qd124"`` gives ``"qd124.sick_leave"``), its
    *name*, the *families* it has and its *changes* (per family, parameter or setting
    → value) from the regime it follows (*like*) or from the families' defaults.
    :func:`rating_rules_for` then picks it for the years of *basis*, and the command
    line lists it under *code*.

    Args:
        code: the pack's code (lower-case words joined by hyphens).
        name: the pack's Vietnamese name, for reports.
        basis: the regulation (and its guidance), with the years it rates.
        like: the regime this one follows: its rules, with their settings, are the
            starting point (each new rule class subclasses the one of *like*).
        families: the rule families of the regime; by default those of *like*, or all
            of :data:`FAMILIES`. A family not in *like* starts from its defaults.
        changes: the regime's differences, e.g. ``{HtxsnvQuotaRule: {"limit":
            Fraction(1, 4)}}``; a parameter's new value becomes its default.
        register: list the pack in the registry (:func:`~coso_dang.rules.register_pack`).

    Each rule class made carries its family in ``family``.

    Raises:
        RuleDefinitionError: a change names something the family does not have, or a
            rule code is taken.
        PackError: the pack's code is taken.

    The built-in regimes are written this way; 124-QĐ/TW differs from the families'
    defaults in one setting:

    >>> QD124.codes[1], regime_rule(QD124, DisciplinedMemberRule).self_remedied_excepted
    ('qd124.disciplined_member', True)
    >>> str(QD124.document), QD124.period
    ('124-QĐ/TW', '2023–2024')
    """
    changes = dict(changes or {})
    families = _check_regime_arguments(like, families, changes)
    module = sys._getframe(1).f_globals.get("__name__", __name__)
    before: dict[type[Rule[Any]], type[Rule[Any]]] = {}
    for rule in like or ():
        before[getattr(type(rule), "family", type(rule))] = type(rule)
    if families is not None:
        chosen = tuple(families)
    else:
        chosen = tuple(before) if like is not None else FAMILIES
    strays = [family.__name__ for family in changes if family not in chosen]
    if strays:
        raise RuleDefinitionError(
            N_(
                "changes sửa các họ quy tắc mà chế độ này không có: {strays}; hãy thêm chúng "
                "vào families",
                strays=", ".join(strays),
            )
        )
    made = [
        _regime_class(
            family, before.get(family, family), code, basis, changes.get(family, {}), module
        )
        for family in chosen
    ]
    pack = RuleSet(name, tuple(cls() for cls in made), code=code, basis=basis, reads="rating")
    return register_pack(pack) if register else pack


def _check_regime_arguments(
    like: object, families: object, changes: Mapping[Any, Any]
) -> tuple[Any, ...] | None:
    """*families* as a tuple, after refusing a regime's arguments of the wrong shape in
    words: a family named by its code, or a pack of targets to follow, raised
    AttributeError or spoke of family codes."""
    if like is not None and (not isinstance(like, RuleSet) or like.reads != "rating"):
        shown = f"bộ {like.code or like.name!r}" if isinstance(like, RuleSet) else repr(like)
        raise RuleDefinitionError(
            N_(
                "like phải là một chế độ xếp loại (bộ quy tắc reads='rating', như QD366), "
                "không phải {given}",
                given=shown,
            )
        )
    listed: Iterable[Any] = ()
    if isinstance(families, (str, bytes)) or (
        families is not None and not isinstance(families, Iterable)
    ):
        listed = (families,)
    elif families is not None:
        listed = tuple(families)
    for argument, items in (("families", listed), ("changes", tuple(changes))):
        for item in items:
            if not (isinstance(item, type) and issubclass(item, Rule)):
                raise RuleDefinitionError(
                    N_(
                        "{argument} nhận các họ quy tắc (lớp Rule, như SickLeaveRule), không "
                        "có {stray}",
                        argument=argument,
                        stray=repr(item),
                    )
                )
    return None if families is None else tuple(listed)


def regime_rule(regime: RuleSet, family: type[R]) -> type[R]:
    """The rule class of *regime* in *family*.

    Raises:
        KeyError: the regime has no rule of that family.

    >>> regime_rule(QD124, SickLeaveRule).code
    'qd124.sick_leave'
    """
    for rule in regime:
        if isinstance(rule, family):
            return type(rule)
    raise UnknownIdError(
        family.__name__,
        N_(
            "chế độ {regime} không có quy tắc nào thuộc {family}",
            regime=repr(regime.code or regime.name),
            family=family.__name__,
        ),
    )


def rating_regimes() -> tuple[RuleSet, ...]:
    """The registered rating regimes (the packs that read a rating round), oldest first."""
    found = packs(reads="rating")
    return tuple(sorted(found, key=lambda p: _first_year(p)))


def _first_year(pack: RuleSet) -> int:
    first = None if pack.basis is None else pack.basis.first_year
    return -1 if first is None else first


def rating_rules_for(year: int) -> RuleSet:
    """The rating rules of the regime that rates *year*: chosen by period.

    Among the registered regimes in force in *year*, the one that began last (a new
    regulation replaces the one before it): 132-QĐ/TW for 2018–2022, 124-QĐ/TW for
    2023–2024, 366-QĐ/TW from 2025.

    Raises:
        RegimeError: no regime rates *year* (the four-level scale began with
            132-QĐ/TW, in 2018).
        UsageError: *year* is no ``int`` (``"2024"`` was compared with the regimes'
            years in Python's English ``TypeError``; ``True`` was read as the year 1).

    >>> rating_rules_for(2023) is QD124
    True
    """
    if not isinstance(year, int) or isinstance(year, bool):
        raise UsageError("rating_rules_for", "year", N_("một {kind}", kind=TypeName("int")), year)
    found = [pack for pack in rating_regimes() if pack.in_force(year)]
    if not found:
        raise RegimeError(
            N_(
                "không có chế độ xếp loại nào cho năm {year}: thang bốn mức bắt đầu từ 2018",
                year=year,
            )
        )
    return found[-1]


_B132 = Basis(documents.QD132, "và Hướng dẫn 21-HD/BTCTW (18/10/2019)", 2018, 2022)
_B124 = Basis(documents.QD124, "và Hướng dẫn 25-HD/BTCTW (10/11/2023)", 2023, 2024)

#: The rating rules of Quy định 132-QĐ/TW (ratings 2018–2022): no exception for a
#: violation self-detected and remedied. Its Art. 12.4 already rates KHTNV a collective
#: disciplined, with more than 20% of its units disciplined in the year, or that reached
#: under 50% of its targets.
QD132 = rating_regime(
    "qd132",
    "Quy định 132-QĐ/TW — đánh giá, xếp loại chất lượng (2018–2022)",
    _B132,
    families=(
        HtxsnvQuotaRule,
        DisciplinedMemberRule,
        NotToBeRatedRule,
        SickLeaveRule,
        ExcellentTccsdRule,
        DisciplinedUnitsRule,
        DisciplinedOrgRule,
        NewOrgRule,
        TasksUnderHalfRule,
        OrgTasksUnderHalfRule,
    ),
)

#: The rating rules of Quy định 124-QĐ/TW (ratings 2023–2024): a violation
#: self-detected and remedied is excepted, and a rule on members suspended from party
#: activity (not rated, Art. 5.2.1) is added.
QD124 = rating_regime(
    "qd124",
    "Quy định 124-QĐ/TW — đánh giá, xếp loại chất lượng (2023–2024)",
    _B124,
    like=QD132,
    families=(
        HtxsnvQuotaRule,
        DisciplinedMemberRule,
        NotToBeRatedRule,
        SickLeaveRule,
        ExcellentTccsdRule,
        DisciplinedUnitsRule,
        DisciplinedOrgRule,
        SuspendedRule,
        NewOrgRule,
        TasksUnderHalfRule,
        OrgTasksUnderHalfRule,
    ),
    changes={DisciplinedMemberRule: {"self_remedied_excepted": True}},
)

# The rating rules of Quy định 366-QĐ/TW (QD366) build on these and on the score bands
# of coso_dang.rules.qd366, where the regime is defined.

# The regimes' rule classes by name, for isinstance checks and direct use.
QD132HtxsnvQuotaRule = regime_rule(QD132, HtxsnvQuotaRule)
QD132DisciplinedMemberRule = regime_rule(QD132, DisciplinedMemberRule)
QD132NotToBeRatedRule = regime_rule(QD132, NotToBeRatedRule)
QD132SickLeaveRule = regime_rule(QD132, SickLeaveRule)
QD132ExcellentTccsdRule = regime_rule(QD132, ExcellentTccsdRule)
QD132NewOrgRule = regime_rule(QD132, NewOrgRule)
QD132TasksUnderHalfRule = regime_rule(QD132, TasksUnderHalfRule)
QD132DisciplinedUnitsRule = regime_rule(QD132, DisciplinedUnitsRule)
QD132DisciplinedOrgRule = regime_rule(QD132, DisciplinedOrgRule)
QD132OrgTasksUnderHalfRule = regime_rule(QD132, OrgTasksUnderHalfRule)
QD124HtxsnvQuotaRule = regime_rule(QD124, HtxsnvQuotaRule)
QD124DisciplinedMemberRule = regime_rule(QD124, DisciplinedMemberRule)
QD124NotToBeRatedRule = regime_rule(QD124, NotToBeRatedRule)
QD124SickLeaveRule = regime_rule(QD124, SickLeaveRule)
QD124ExcellentTccsdRule = regime_rule(QD124, ExcellentTccsdRule)
QD124DisciplinedUnitsRule = regime_rule(QD124, DisciplinedUnitsRule)
QD124DisciplinedOrgRule = regime_rule(QD124, DisciplinedOrgRule)
QD124SuspendedRule = regime_rule(QD124, SuspendedRule)
QD124NewOrgRule = regime_rule(QD124, NewOrgRule)
QD124TasksUnderHalfRule = regime_rule(QD124, TasksUnderHalfRule)
QD124OrgTasksUnderHalfRule = regime_rule(QD124, OrgTasksUnderHalfRule)

#: The old names of the regimes and their rule classes, kept for one release (each use
#: warns); `coso_dang.rules` serves them too.
OLD_NAMES: dict[str, str] = {
    "RATING_132": "coso_dang.rules.rating:QD132",
    "RATING_124": "coso_dang.rules.rating:QD124",
    "RATING_366": "coso_dang.rules.qd366:QD366",
    "Qd132HtxsnvQuotaRule": "coso_dang.rules.rating:QD132HtxsnvQuotaRule",
    "Qd132DisciplinedMemberRule": "coso_dang.rules.rating:QD132DisciplinedMemberRule",
    "Qd132NotToBeRatedRule": "coso_dang.rules.rating:QD132NotToBeRatedRule",
    "Qd132SickLeaveRule": "coso_dang.rules.rating:QD132SickLeaveRule",
    "Qd132ExcellentTccsdRule": "coso_dang.rules.rating:QD132ExcellentTccsdRule",
    "Qd124HtxsnvQuotaRule": "coso_dang.rules.rating:QD124HtxsnvQuotaRule",
    "Qd124DisciplinedMemberRule": "coso_dang.rules.rating:QD124DisciplinedMemberRule",
    "Qd124NotToBeRatedRule": "coso_dang.rules.rating:QD124NotToBeRatedRule",
    "Qd124SickLeaveRule": "coso_dang.rules.rating:QD124SickLeaveRule",
    "Qd124ExcellentTccsdRule": "coso_dang.rules.rating:QD124ExcellentTccsdRule",
    "Qd124DisciplinedUnitsRule": "coso_dang.rules.rating:QD124DisciplinedUnitsRule",
    "Qd366HtxsnvQuotaRule": "coso_dang.rules.qd366:QD366HtxsnvQuotaRule",
    "Qd366DisciplinedMemberRule": "coso_dang.rules.qd366:QD366DisciplinedMemberRule",
    "Qd366NotToBeRatedRule": "coso_dang.rules.qd366:QD366NotToBeRatedRule",
    "Qd366SickLeaveRule": "coso_dang.rules.qd366:QD366SickLeaveRule",
    "Qd366ExcellentTccsdRule": "coso_dang.rules.qd366:QD366ExcellentTccsdRule",
    "Qd366DisciplinedUnitsRule": "coso_dang.rules.qd366:QD366DisciplinedUnitsRule",
}

__getattr__ = aliases(__name__, OLD_NAMES)
