"""Filling a set of forms: each count computed once, for this period and a year before.

The forms of a set read many of the same counts (members by attribute on Biểu 2, 3,
4; movements on Biểu 1 and 7): :func:`fill_forms` computes every kind of count the
chosen forms need once for each of the two periods, then fills every form from them.
With organization events, both periods are counted on this period's organizations
(:class:`~coso_dang.history.Lineage`): members and their events follow their
organization through mergers, so "cùng kỳ năm trước" of a commune merged in 2025 holds
last year's figures of the communes it was made from.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence, Set
from datetime import date
from itertools import compress
from operator import attrgetter, not_
from typing import Any

import attrs

from coso_dang._gc import paused
from coso_dang._record_builder import builder
from coso_dang.evaluation import Evaluation, ReviewPeriod, SubjectKind
from coso_dang.forms._counts import (
    RATING_CODES,
    REVIEW_CODES,
    WORK_CODES,
    Placed,
    rating_counts,
    review_counts,
    subtree,
    work_counts,
)
from coso_dang.forms._fill import (
    ORGANIZATION_PREFIXES,
    FilledForm,
    OnLists,
    checked_together,
    fill,
    member_counts_for,
    movement_counts,
    organization_counts,
)
from coso_dang.forms._grassroots import GRASSROOTS_CODES, grassroots_counts
from coso_dang.forms._model import Form, FormError
from coso_dang.history.events import MemberEvent, MemberEventKind, OrgEvent, OrgEventKind
from coso_dang.history.lineage import Lineage
from coso_dang.history.membership import History, MembershipStatus, Row
from coso_dang.history.movements import MOVEMENT_CODES, Period
from coso_dang.i18n import N_
from coso_dang.members import Member
from coso_dang.operations.facts import MemberFacts
from coso_dang.orgs import Organization, OrgKind
from coso_dang.rules.rating import RatingRound
from coso_dang.tree import ALLOWED_PARENTS, OrgTree
from coso_dang.vi.dates import format_date

__all__ = ["fill_forms"]

_Counts = dict[str, "int | None"]

_ADMITTED_ON = attrgetter("admitted_on")


def _kinds(codes: frozenset[str]) -> set[str]:
    """Which providers the *codes* need."""
    kinds: set[str] = set()
    groups: tuple[tuple[str, Iterable[str]], ...] = (
        ("movements", MOVEMENT_CODES),
        ("ratings", RATING_CODES),
        ("reviews", REVIEW_CODES),
        ("work", WORK_CODES),
        ("grassroots", GRASSROOTS_CODES),
    )
    rest = set(codes)
    for kind, names in groups:
        if rest & set(names):
            kinds.add(kind)
            rest -= set(names)
    if any(code.startswith(ORGANIZATION_PREFIXES) for code in rest):
        kinds.add("organizations")
        rest = {c for c in rest if not c.startswith(ORGANIZATION_PREFIXES)}
    if rest:
        kinds.add("members")
    return kinds


def restated(
    tree: OrgTree, org_events: Iterable[OrgEvent], on: date
) -> tuple[OrgTree, dict[str, str]]:
    """*tree*'s organizations as they are on *on*, every member placed in the
    organization theirs became, and the mapping used (old id → id on *on*).

    Members of an organization that no longer exists go to its successor, whether or
    not they were still on the rolls: last year's figures need them there. A chi bộ
    ended with no chi bộ to succeed it (giải thể) is counted in a superior, which holds
    no members: it stays, ended, under that superior, with its members.

    Raises:
        FormError: the organization events have problems (each listed).
    """
    org_events = list(org_events)
    lineage = Lineage(list(tree.walk()), org_events)
    if lineage.problems():
        # Restated on a lineage with holes, last year's figures would land nowhere.
        # Each problem as a reason that keeps its parts: the error says it in English too.
        raise FormError("*", [problem.as_reason() for problem in lineage.problems()])
    organizations = list(lineage.organizations_on(on))
    kinds = {o.id: o.kind for o in organizations}
    mapping = {old: new for old, new in lineage.mapping(on).items() if new in kinds}
    # A chi bộ ended with no chi bộ to succeed it is counted in a superior, which holds no
    # members: placed there, its members (and those its members' events put in it) made
    # the tree refuse the whole set ("đảng viên phải thuộc một chi bộ"). It stays, ended,
    # under that superior: still restated, its organizations of last year not this year's.
    ended = {
        old: _ended(tree[old], new, kinds[new], org_events, on)
        for old, new in mapping.items()
        if old in tree
        and old not in kinds
        and tree[old].kind.is_chi_bo
        and not kinds[new].is_chi_bo
    }
    mapping.update((org_id, org_id) for org_id in ended)
    members: list[Member] = []
    for member in tree.members():
        if member.org_id in kinds:
            members.append(member)
        elif member.org_id in mapping:
            members.append(attrs.evolve(member, org_id=mapping[member.org_id], to_dang_id=None))
    return OrgTree.build([*organizations, *ended.values()], members), mapping


#: The organization events after which an organization no longer exists.
_ENDING = frozenset(
    (OrgEventKind.GIAI_THE, OrgEventKind.SAP_NHAP, OrgEventKind.HOP_NHAT, OrgEventKind.CHIA_TACH)
)


def _ended(
    chi_bo: Organization, superior: str, kind: OrgKind, events: list[OrgEvent], on: date
) -> Organization:
    """*chi_bo*, ended by *on* with no chi bộ to succeed it, as a chi bộ of *superior*
    (of *kind*) that no longer exists on *on*: a chi bộ trực thuộc under a đảng bộ, a chi
    bộ cơ sở under a superior level."""
    days = [e.on for e in events if e.org_id == chi_bo.id and e.kind in _ENDING and e.on <= on]
    if chi_bo.dissolved_on is not None and chi_bo.dissolved_on <= on:
        days.append(chi_bo.dissolved_on)
    allowed = ALLOWED_PARENTS[chi_bo.kind]
    level = chi_bo.kind
    if kind not in allowed:
        level = next(k for k in (OrgKind.CHI_BO_TRUC_THUOC, OrgKind.CHI_BO_CO_SO)
                     if kind in ALLOWED_PARENTS[k])  # fmt: skip
    return attrs.evolve(chi_bo, parent_id=superior, kind=level, dissolved_on=max(days, default=on))


def fill_forms(
    source: OrgTree | Iterable[Member],
    chosen: Sequence[Form],
    period: Period,
    *,
    org: str | None = None,
    org_name: str | None = None,
    events: Iterable[MemberEvent] = (),
    org_events: Iterable[OrgEvent] = (),
    evaluations: Iterable[Evaluation] | None = None,
    facts: Iterable[MemberFacts] | Mapping[str, MemberFacts] = (),
) -> tuple[FilledForm, ...]:
    """Fill every form of *chosen* for *org* (or the whole of *source*) over *period*."""
    # Millions of records are alive and the counts make millions more: a cyclic
    # collection would walk them all, several times over (see _gc).
    with paused():
        return _fill_forms(
            source, chosen, period, org, org_name, events, org_events, evaluations, facts
        )


def _fill_forms(
    source: OrgTree | Iterable[Member],
    chosen: Sequence[Form],
    period: Period,
    org: str | None,
    org_name: str | None,
    events: Iterable[MemberEvent],
    org_events: Iterable[OrgEvent],
    evaluations: Iterable[Evaluation] | None,
    facts: Iterable[MemberFacts] | Mapping[str, MemberFacts],
) -> tuple[FilledForm, ...]:
    events = list(events)
    org_events = list(org_events)
    mapping: dict[str, str] | None = None
    if org_events and isinstance(source, OrgTree):
        source, mapping = restated(source, org_events, period.end)
        if org is not None and org not in source:
            raise FormError(
                "*",
                [
                    N_(
                        "tổ chức {org} không còn vào ngày {day}",
                        org=repr(org),
                        day=f"{period.end:%d/%m/%Y}",
                    )
                ],
            )
    if org is not None and isinstance(source, OrgTree):
        _refuse_holding_no_counts(source, org, period)
    elif org is not None:
        # Bare members say nothing of which are below *org*: the forms were filled for
        # every member given, as if for *org*.
        raise FormError(
            "*", [N_("cần cây tổ chức (OrgTree) để lập biểu cho tổ chức {org}", org=repr(org))]
        )
    codes = frozenset().union(*(form.codes() for form in chosen))
    kinds = _kinds(codes)
    tree = source if isinstance(source, OrgTree) else None
    if tree is None and kinds - {"members", "grassroots"}:
        raise FormError(
            ", ".join(f.number for f in chosen),
            [N_("cần cây tổ chức (OrgTree): biểu này đếm tổ chức, sự kiện hoặc xếp loại")],
        )
    before = period.a_year_before()
    this: _Counts = {}
    previous: _Counts = {}
    root = below = history = None
    if tree is not None:
        root = org if org is not None else _root(tree)
        below = subtree(tree, root)
    # The kinds that count the members on the lists at a period's end: with events, as
    # the events put them; Biểu 6 and 6F too, when they have a yearly review to read.
    listing = {"members", "grassroots"}
    if evaluations is not None and (period.end.month, period.end.day) == (12, 31):
        listing |= {"ratings", "reviews"}
    if (
        tree is not None
        and below is not None
        and ("movements" in kinds or (kinds & listing and events))
    ):
        history = History(*_involved(tree, below, events, below is tree, mapping))
    on_lists = None
    if kinds & {"members", "grassroots"}:
        members = _members(source, org)
    if kinds & listing and history is not None and below is not None and events:
        # The members whose exemption the events start or end: the history says when
        # they are exempt, whether or not their lists come from the events.
        exemptions = {e.member_id for e in events if e.kind in _EXEMPTION_KINDS}
        on_lists = _on_lists(history, below, (period, before), mapping, exemptions)
    if "members" in kinds:
        now, then = member_counts_for(members, [period, before], on_lists=on_lists)
        this.update(now)
        previous.update(then)
    if "grassroots" in kinds:
        # Without a tree there are no organizations to count: blank, not 0.
        this.update(dict.fromkeys(GRASSROOTS_CODES))
        previous.update(dict.fromkeys(GRASSROOTS_CODES))
        if tree is not None and root is not None:
            admitted_into = _admitted_into(
                members,
                (period, before),
                on_lists,
                history,
                None if below is tree or below is None else {o.id for o in below.walk()},
            )
            for at, (counts, window) in enumerate(((this, period), (previous, before))):
                if at and mapping:
                    # Restated on this period's organizations, last year's would count
                    # the successors, not the organizations of then: left blank.
                    continue
                counts.update(grassroots_counts(tree, root, window.end, admitted_into[at]))
    if tree is not None and root is not None and below is not None:
        _tree_counts(
            tree, root, below, kinds, period, (this, previous), events, evaluations, facts,
            mapping, history, on_lists,
        )  # fmt: skip
    name = org_name or _name(source, org)
    # Biểu 5 counts the grassroots organizations of the subtree: inside one (a chi bộ
    # trực thuộc), its members' grassroots organization is above it, not counted.
    inside = (
        tree is not None
        and root is not None
        and any(o.kind.is_grassroots for o in tree.ancestors(root))
    )
    return checked_together(
        [fill(form, this, previous, org_name=name, period=period) for form in chosen],
        organizations=not inside,
    )


def _tree_counts(
    tree: OrgTree,
    root: str,
    below: OrgTree,
    kinds: set[str],
    period: Period,
    counted: tuple[_Counts, _Counts],
    events: list[MemberEvent],
    evaluations: Iterable[Evaluation] | None,
    facts: Iterable[MemberFacts] | Mapping[str, MemberFacts],
    mapping: dict[str, str] | None,
    history: History | None,
    on_lists: OnLists | None = None,
) -> None:
    """The counts of the tree's kinds for *root* (its subtree *below*): this period's
    and the same period a year before, into *counted*.

    With *on_lists* (the members' events), the members Biểu 6 rates and Biểu 6F must
    review are those on the lists at each period's end as the events put them, the
    members Biểu 1 ends with (:func:`_as_listed`), not their records' chi bộ."""
    this, previous = counted
    before = period.a_year_before()
    if "organizations" in kinds:
        listed: dict[str, int] | None = None
        if history is not None and events:
            # The members on the lists as the events put them, on this tree's chi bộ.
            moved = mapping or {}
            listed = {}
            for org_id, n in history.roster(period.end).counts().items():
                at = moved.get(org_id, org_id)
                listed[at] = listed.get(at, 0) + n
        this.update(organization_counts(tree, period.end, root, listed=listed))
    whole = below is tree
    if "movements" in kinds:
        assert history is not None  # made for the movements
        for counts, window in ((this, period), (previous, before)):
            counts.update(movement_counts(history, below, window, root, mapping=mapping))
    if not kinds & {"ratings", "reviews", "work"}:
        return
    year = period.end.year
    # The yearly review rates the year in December, as at 31/12: a window ending before
    # the year's end (a quarter, the first half) has not reached it, and has no review of
    # its own to print. Its Biểu 6 and 6F are blank, not December's figures.
    reaches_review = (period.end.month, period.end.day) == (12, 31)
    # The subtree with its members as on the lists at the end of this period and of the
    # one a year before (the years rated): with events, as the events put them.
    rated = (below, below)
    reviewed = evaluations is not None and reaches_review and kinds & {"ratings", "reviews"}
    changes: tuple[dict[str, Member | None], ...] = ()
    if reviewed and on_lists is not None and on_lists.placed:
        changes = (
            _listed_changes(below, on_lists, 0, period.end),
            _listed_changes(below, on_lists, 1, before.end),
        )
        rated = (below.with_members(changes[0]), below.with_members(changes[1]))
    # Each year's yearly evaluations, and whether the data holds any (of every subtree).
    held = (False, False)
    picked: tuple[list[Evaluation] | None, list[Evaluation] | None] = (None, None)
    if evaluations is not None and reaches_review:
        # The two years' yearly evaluations of the subtree, picked once for Biểu 6 and
        # 6F, each year's apart: the rounds read nothing else (a quarterly, per-term or
        # occasional review is not the year's), and each year's later steps then read
        # its own half, not both years' records again.
        this_year, last_year = _yearly(evaluations, year)
        held = (bool(this_year), bool(last_year))
        if not whole:
            subjects = {o.id for o in below.walk()}
            for people in rated:
                subjects.update(m.id for m in people.members())
            this_year = [e for e in this_year if e.subject_id in subjects]
            last_year = [e for e in last_year if e.subject_id in subjects]
        elif mapping:
            # An organization reviewed, then merged away before the period's end, is
            # not one of the organizations the forms count (6F leaves it out): its
            # evaluation is not refused as one of no organization of the tree.
            gone = {old for old in mapping if old not in tree}
            organization = SubjectKind.ORGANIZATION
            this_year, last_year = (
                [e for e in given if not (e.subject is organization and e.subject_id in gone)]
                for given in (this_year, last_year)
            )
        picked = (this_year, last_year)
        if changes:
            # Each year's listing reads the evaluations of its own members: not of one
            # the records place here but the events had taken away (one of no member of
            # the data is still refused).
            picked = _of_listed(picked, below, changes)
    # One round of each year for both forms: the nation's evaluations read once.
    rounds = (
        _year_round(rated[0], picked[0], year, held[0]) if reviewed else None,
        _year_round(rated[1], picked[1], year - 1, held[1]) if "ratings" in kinds else None,
    )
    if "ratings" in kinds:
        this.update(rating_counts(rounds[0]))
        ours = {o.id for o in below.walk()}
        if mapping and any(new in ours for new in mapping.values()):
            # Last year's ratings are of the organizations of then (X1, X2), which the
            # restated tree no longer has: counted on their successor they would be
            # the successor's 0, or refused as evaluations of no organization. Blank.
            previous.update(dict.fromkeys(RATING_CODES))
        else:
            previous.update(rating_counts(rounds[1]))
    if "reviews" in kinds:
        this.update(review_counts(rounds[0]))
    if "work" in kinds:
        placed = None
        if history is not None and events:
            placed = _placed(history, below, mapping)
        for counts, window in ((this, period), (previous, before)):
            counts.update(
                work_counts(below, window.start, window.end, events=_mapped(events, mapping),
                            facts=facts, placed=placed)
            )  # fmt: skip


def _year_round(
    tree: OrgTree, picked: list[Evaluation] | None, year: int, held: bool
) -> RatingRound | None:
    """:func:`year_round` of *tree* and its *picked* yearly evaluations of *year*; when
    none are of it but the data holds the year's yearly review (*held*, of every
    subtree), a round without evaluations: its organizations and members are known from
    the tree (Biểu 6's I, II, III; 6F's row 1), their ratings not."""
    # The evaluations are the year's yearly ones already (_yearly): year_round's own
    # picking would read them all again.
    if picked:
        return RatingRound(tree, picked, year)
    return RatingRound(tree, [], year) if held else None


def _yearly(
    evaluations: Iterable[Evaluation], year: int
) -> tuple[list[Evaluation], list[Evaluation]]:
    """The yearly evaluations of *year* and of the year before, each in input order."""
    this_year: list[Evaluation] = []
    last_year: list[Evaluation] = []
    now, then, yearly = this_year.append, last_year.append, _YEARLY
    # One plain loop: cheaper than a pass per year, or than C-level passes of
    # attrgetter and compress (the comparisons go through method wrappers).
    for evaluation in evaluations:
        if evaluation.period is yearly:
            if evaluation.year == year:
                now(evaluation)
            elif evaluation.year == year - 1:
                then(evaluation)
    return this_year, last_year


_YEARLY = ReviewPeriod.NAM


def _placed(history: History, below: OrgTree, mapping: dict[str, str] | None) -> Placed:
    """The records of the members whose lists come from their events, and what gives,
    for some of them and a day, those on a list of *below* that day, as on the list
    (Biểu 7 counts a badge where the round that proposes it finds the member)."""
    orgs = {o.id for o in below.walk()}
    moved = mapping or {}

    def on_lists(members: Sequence[Member], day: date) -> list[Member]:
        # A few members at a time (one transfer, the badges of a round): History.places
        # reads each one's own changes.
        places = history.places(members, day)
        return [
            _on_the_list(history, member, day)
            for member, at in zip(members, places, strict=True)
            if at is not None and moved.get(at, at) in orgs
        ]

    return history.members_with_changes(), on_lists


def _listed_changes(
    below: OrgTree, on_lists: OnLists, at: int, day: date
) -> dict[str, Member | None]:
    """What makes *below*'s members those on its lists on *day*, the end of period *at*
    of *on_lists* (:meth:`OrgTree.with_members`): the records of the members without
    events stay, those the events put on one of its chi bộ that day are placed there,
    the others with events are taken out; each exempt from work and activities as the
    history has it where the events tell (the others as their records say)."""
    # The records differ from the lists by the members with events (a few in a nation):
    # the tree is changed for them, not built again from every record.
    changed: dict[str, Member | None] = dict.fromkeys(on_lists.evented)
    exempt = on_lists.exempt[at] if on_lists.exempt else None
    told = on_lists.exempt_by_events
    if exempt is not None and told:
        ids = map(attrgetter("id"), below.members())
        for record in compress(below.members(), map(told.__contains__, ids)):
            member = _exempt_as(record, record.id in exempt, day)
            if member is not record:
                changed[record.id] = member
    # Those re-admitted in the period are members admitted that day (as Biểu 2 counts
    # them): "mới kết nạp dưới 6 tháng" at the review, not members of decades.
    again = {m.id: m for m in on_lists.admitted[at]} if on_lists.admitted else {}
    for member, org_id in zip(on_lists.listed[at], on_lists.placed[at], strict=True):
        readmitted = again.get(member.id)
        if readmitted is not None and member.admitted_on < readmitted.admitted_on <= day:
            # On the list that day, as the history has the member (and _on_the_list reads).
            member = readmitted
            if member.left_on is not None and member.left_on <= day:
                member = _changed(member, left_on=None, leave_reason=None)
        if member.org_id != org_id:
            member = _changed(member, org_id=org_id, to_dang_id=None)
        if exempt is not None:
            member = _exempt_as(member, member.id in exempt, day)
        changed[member.id] = member
    return changed


def _of_listed(
    evaluations: tuple[list[Evaluation], list[Evaluation]],
    below: OrgTree,
    changes: tuple[dict[str, Member | None], ...],
) -> tuple[list[Evaluation], list[Evaluation]]:
    """Each year's *evaluations* for its listing (*changes*, of :func:`_listed_changes`):
    but those of members the records or the other listing hold who are not on the year's
    lists (gone by the events). Only the changed members can be on one and not the
    other; an evaluation of no member of the data is kept (and refused)."""
    changed: set[str] = set().union(*changes)
    recorded = changed.intersection(map(attrgetter("id"), below.members()))
    listed = [{key for key, member in c.items() if member is not None} for c in changes]
    gone = [(recorded | listed[1]) - listed[0], (recorded | listed[0]) - listed[1]]
    either = gone[0] | gone[1]
    kept = []
    for given, away in zip(evaluations, gone, strict=True):
        subject_ids = list(map(attrgetter("subject_id"), given))
        hit = compress(given, map(either.__contains__, subject_ids))
        if any(e.subject is SubjectKind.ORGANIZATION for e in hit):
            # An organization's id that is also a member's: organizations are kept.
            member = SubjectKind.MEMBER
            kept.append([e for e in given if e.subject is not member or e.subject_id not in away])
            continue
        # The interpreter's own loops: a nation's evaluations are read at C speed.
        kept.append(list(compress(given, map(not_, map(away.__contains__, subject_ids)))))
    return kept[0], kept[1]


def _exempt_as(member: Member, exempt: bool, day: date) -> Member:
    """*member*'s record exempt on *day* as *exempt* says (the history's reading)."""
    if member.is_exempt(day) == exempt:
        return member
    return _changed(member, exempted_on=day if exempt else None)


#: Member's fields, and a constructor equal to Member's own that checks the types of
#: its values inline: a nation's listing changes tens of thousands of records, and
#: attrs.evolve runs every check of each through Member's __init__.
_MEMBER_FIELDS = tuple(f.name for f in attrs.fields(Member))
_build_member = builder(Member)


def _changed(member: Member, **changes: Any) -> Member:
    """*member* with *changes*, as ``attrs.evolve`` makes it (the same checks run)."""
    values = {name: getattr(member, name) for name in _MEMBER_FIELDS}
    values.update(changes)
    built: Member = _build_member(**values)
    return built


def _involved(
    tree: OrgTree,
    below: OrgTree,
    events: list[MemberEvent],
    whole: bool,
    mapping: dict[str, str] | None = None,
) -> tuple[list[Member], list[MemberEvent]]:
    """The members whose history touches *below*, and their events.

    Those on its rolls now, and those with an event naming one of its organizations (a
    member who moved away during the year is still in its opening figure), or one merged
    into it since (*mapping*: the organizations of the period's past, by where they are
    counted now): the movements of one organization need neither the rest of the tree
    nor its members.
    """
    if whole:
        return list(tree.members()), events
    moved = mapping or {}
    orgs = {o.id for o in below.walk()}

    def names_below(org_id: str | None) -> bool:
        return org_id is not None and moved.get(org_id, org_id) in orgs

    people = {m.id: m for m in below.members()}
    others = {
        e.member_id
        for e in events
        if e.member_id not in people and (names_below(e.org_id) or names_below(e.other_org_id))
    }
    if others:
        people.update((m.id, m) for m in tree.members() if m.id in others)
    return list(people.values()), [e for e in events if e.member_id in people]


def _on_lists(
    history: History,
    below: OrgTree,
    periods: Sequence[Period],
    mapping: dict[str, str] | None,
    exemptions: Set[str] = frozenset(),
) -> OnLists:
    """The members on a list of *below* at the end of each of *periods*, as their events
    put them: those Biểu 1 counts at the period's end ("D"), which Biểu 3 describes
    ("Đảng viên trong danh sách có đến cuối kỳ báo cáo"); and those its events admit
    into it in each period (Biểu 2's, as Biểu 1's B1).

    The members the history counts from their records (no events, or events that
    only say what the record says) are taken as their records have them. A member
    whose lists come from events is on one only if the history puts them in one of
    *below*'s chi bộ that day: one between two chi bộ, or moved away, is on none; one
    who moved in is counted here, though their record may name another chi bộ.
    """
    candidates = history.members_with_changes()
    evented = {member.id for member in candidates}
    # Those of the history only: one of another subtree is no member of this one.
    exemptions = {i for i in exemptions if history.has_events(i)}
    orgs = {o.id for o in below.walk()}
    moved = mapping or {}
    records = {member.id: member for member in candidates}
    # The admissions (and re-admissions) among the changes, by member: one pass. Those
    # into *below* in a period are its new members, as Biểu 1 counts them in B1: a
    # re-admission too (Biểu 2 counts "Kết nạp lại" in I), though the record keeps the
    # first admission; not a member admitted elsewhere who moved in since.
    admitted: dict[str, list[date]] = {}
    new: list[list[Member]] = [[] for _ in periods]
    into: list[list[str]] = [[] for _ in periods]
    again = [0 for _ in periods]
    ours: list[tuple[str, date, str]] = []
    for member_id, on, org_id, entering, row, *_ in history.change_table().rows:
        if entering and row == Row.KET_NAP:
            admitted.setdefault(member_id, []).append(on)
            if moved.get(org_id, org_id) in orgs:
                ours.append((member_id, on, moved.get(org_id, org_id)))
    for member_id, on, org_id in ours:
        record = records[member_id]
        for at, period in enumerate(periods):
            if period.start <= on <= period.end:
                into[at].append(org_id)
                if _readmission(history, member_id, on, min(admitted[member_id]), record):
                    new[at].append(_admitted_again(record, on))
                    again[at] += 1
                elif on != record.admitted_on:
                    # The member's first admission, on another day than the record's
                    # (the history names it): admitted when the events say, as Biểu 1
                    # counts B1, not a re-admission nor left out of both periods.
                    new[at].append(_admitted_again(record, on))
                else:
                    new[at].append(record)
    days = [period.end for period in periods]
    listed = []
    placed = []
    exempt = []
    for day in days:
        places = history.places(candidates, day)
        here = [
            (member, moved.get(at, at))
            for member, at in zip(candidates, places, strict=True)
            if at is not None and moved.get(at, at) in orgs
        ]
        listed.append(
            [_on_the_list(history, member, day, admitted.get(member.id, ())) for member, _ in here]
        )
        placed.append([at for _, at in here])
        # Exempt as the history has them (an exemption the events end, or one an event
        # starts, is not the record's exempted_on): those on the lists from their events,
        # and those whose exemption alone the events tell.
        # Only an exemption event or the record's exemption day makes a member exempt:
        # the others on the lists need no look at their history (millions in a nation).
        asked = {m.id for m in listed[-1] if m.exempted_on is not None or m.id in exemptions} | (
            exemptions - evented
        )
        exempt.append(frozenset(i for i in asked if _exempt(history, i, day)))
    return OnLists(
        evented, listed, new, again, into, exempt, frozenset(exemptions - evented), placed
    )


#: The events that start or end an exemption from work and activities.
_EXEMPTION_KINDS = frozenset((MemberEventKind.MIEN, MemberEventKind.HET_MIEN))


def _exempt(history: History, member_id: str, day: date) -> bool:
    """Whether the history has *member_id* exempt from work and activities on *day*."""
    state = history.membership(member_id, day)
    return state is not None and state.status is MembershipStatus.MIEN


def _admitted_into(
    members: list[Member],
    periods: Sequence[Period],
    on_lists: OnLists | None,
    history: History | None = None,
    orgs: Set[str] | None = None,
) -> list[list[str]]:
    """For each of *periods*, the chi bộ members were admitted into in it (each at least
    once, in no particular order): as the events say for the members whose lists come
    from them (*on_lists*), as the records say for the others.

    With the *history* those lists came from, the others are its members counted from
    their records, whose admission days it keeps by chi bộ with the latest of them
    (*orgs*: the chi bộ of the subtree, None for the whole tree): no record is looked
    at again, and most chi bộ are settled by their latest day alone.
    """
    found: list[list[str]] = [
        list(on_lists.admitted_into[at]) if on_lists is not None and on_lists.admitted_into
        else []
        for at in range(len(periods))
    ]  # fmt: skip
    earliest = min(p.start for p in periods)
    if history is not None and on_lists is not None:
        for org_id, group in history.record_groups().items():
            if group.latest < earliest or (orgs is not None and org_id not in orgs):
                continue
            latest = group.latest
            for at, period in enumerate(periods):
                if latest < period.start:
                    continue
                # The first day from the period's start on: it is in the period or later.
                if latest <= period.end or min(filter(period.start.__le__, group.days)) <= (
                    period.end
                ):
                    found[at].append(org_id)
        return found
    evented = on_lists.evented if on_lists is not None else frozenset()
    # One look at each record, in the interpreter's own loops: the few admitted since
    # the earliest period's start.
    since = map(earliest.__le__, map(_ADMITTED_ON, members))
    recent = [m for m in compress(members, since) if m.id not in evented]
    for at, period in enumerate(periods):
        found[at] += [m.org_id for m in recent if period.start <= m.admitted_on <= period.end]
    return found


def _readmission(history: History, member_id: str, on: date, first: date, record: Member) -> bool:
    """Whether the admission of *member_id* on *on* is a re-admission (kết nạp lại): a
    KET_NAP_LAI event that day, or an admission after the member's first (*first*, of
    their changes) and after the record's (a second plain admission, a problem of the
    history, which reads it the same way)."""
    if any(e.on == on and e.kind is MemberEventKind.KET_NAP_LAI for e in history.events(member_id)):
        return True
    return on > first and on > record.admitted_on


def _admitted_again(member: Member, on: date) -> Member:
    """*member*'s record as a member admitted on *on*: who they are (sex, birth,
    ethnicity, occupation, schooling) as the record says, their party life before the
    re-admission left out."""
    later: dict[str, Any] = {
        name: None
        for name in ("ceremony_on", "official_on", "left_on", "exempted_on")
        if (day := getattr(member, name)) is not None and day < on
    }
    if "left_on" in later:
        later["leave_reason"] = None
    return attrs.evolve(member, admitted_on=on, inactive_periods=(), **later)


def _on_the_list(
    history: History, member: Member, day: date, admissions: Sequence[date] = ()
) -> Member:
    """*member* as on a list on *day*, where the record says otherwise: a record that
    says the member had left by then is read without its leaving, and one admitted
    after the day (the events put the member on a list before: a transfer in, or an
    admission the record dates later) as admitted the first day a list held them.

    A member re-admitted (kết nạp lại) by the day is on probation again from the
    re-admission, as the history has them (the record keeps the first admission and
    its probation): dự bị for the 12 months after it. *admissions* are the days the
    member's changes enter a list as admitted, in order."""
    changed: dict[str, Any] = {}
    if member.left_on is not None and member.left_on <= day:
        changed.update(left_on=None, leave_reason=None)
    if member.admitted_on > day:
        changed["admitted_on"] = next(c.on for c in history.changes(member.id) if c.entering)
    # The last admission by the day; one after the record's is a re-admission (a
    # second plain admission is a problem of the history, which reads it the same way).
    last = max((on for on in admissions if on <= day), default=None)
    if last is not None and last > member.admitted_on:
        changed.update(ceremony_on=last, official_on=None)
    return attrs.evolve(member, **changed) if changed else member


def _mapped(events: list[MemberEvent], mapping: dict[str, str] | None) -> list[MemberEvent]:
    """The events with their organization placed where it is counted now."""
    if not mapping:
        return events
    return [
        attrs.evolve(e, org_id=mapping[e.org_id], other_org_id=None, scope=e.scope)
        if e.org_id in mapping
        else e
        for e in events
    ]


def _refuse_holding_no_counts(tree: OrgTree, org: str, period: Period) -> None:
    """Refuse the forms of a body that holds no counts of its own, or of an organization
    that did not exist in *period*: they were filled all the same, with zeros (a tổ
    đảng's members are on its chi bộ's list, "A - Tổng số đảng viên … 0" for a tổ of
    members) or with the members its records hold today (a chi bộ founded in 2025 had
    its members at the start of 2024), and every identity held.

    Raises:
        FormError: *org* is not in *tree* (it was Python's bare ``KeyError``), is a tổ
            đảng, a đảng đoàn or ban cán sự đảng, or was founded after *period* or
            dissolved by its first day.
    """
    if org not in tree:
        raise FormError("*", [N_("cây tổ chức không có tổ chức {org}", org=repr(org))])
    found = tree[org]
    days = {
        "start": format_date(period.start, "numeric"),
        "end": format_date(period.end, "numeric"),
    }
    reason = None
    if found.kind is OrgKind.TO_DANG and found.parent_id is not None:
        parent = tree[found.parent_id]
        reason = N_(
            "{name} là tổ đảng: đảng viên của tổ được thống kê trong {parent} ({parent_id})",
            name=found.name,
            parent=parent.name,
            parent_id=parent.id,
        )
    elif found.kind in (OrgKind.DANG_DOAN, OrgKind.BAN_CAN_SU_DANG):
        reason = N_(
            "{name} không có đảng viên, tổ chức đảng trực thuộc để lập biểu thống kê: "
            "đảng đoàn, ban cán sự đảng được tính bên cạnh hệ thống tổ chức đảng",
            name=found.name,
        )
    elif found.founded_on is not None and found.founded_on > period.end:
        reason = N_(
            "{name} thành lập ngày {day}, sau kỳ báo cáo ({start} - {end}): chưa có tổ "
            "chức này để lập biểu",
            name=found.name,
            day=format_date(found.founded_on, "numeric"),
            **days,
        )
    elif found.dissolved_on is not None and found.dissolved_on <= period.start:
        reason = N_(
            "{name} đã giải thể ngày {day}, trước kỳ báo cáo ({start} - {end}): không "
            "còn tổ chức này để lập biểu",
            name=found.name,
            day=format_date(found.dissolved_on, "numeric"),
            **days,
        )
    if reason is not None:
        raise FormError("*", [reason])


def _root(tree: OrgTree) -> str:
    roots = tree.roots
    if len(roots) != 1:
        raise FormError("*", [N_("cây có nhiều gốc: hãy chỉ rõ tổ chức (org)")])
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
