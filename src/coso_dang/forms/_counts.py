"""The counts of Biểu 6, 6F and 7: ratings, reviews, badges and transfers.

Each provider reads what the library already counts — the rollup's rating counts,
:func:`~coso_dang.operations.review.form_6f`, the badge lists of
:mod:`~coso_dang.operations.badges` and the members' history — for the subtree of one
organization, and returns it under the codes the form descriptions name. A figure the
data cannot give is ``None`` (blank on the form), never 0.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date, timedelta
from itertools import compress
from operator import attrgetter

import attrs

from coso_dang.evaluation import Evaluation, ReviewPeriod, SubjectKind
from coso_dang.history.events import MemberEvent, MemberEventKind
from coso_dang.members import BADGE_OCCASIONS, BADGE_YEARS, Member
from coso_dang.operations.badges import BadgeEntry, badge_round, previous_occasion
from coso_dang.operations.facts import MemberFacts, facts_by_member
from coso_dang.operations.review import form_6f
from coso_dang.orgs import Organization, OrgKind
from coso_dang.ratings import Rating
from coso_dang.rollup import rollup
from coso_dang.rules.rating import RatingRound
from coso_dang.tree import OrgTree

__all__ = [
    "RATING_CODES",
    "REVIEW_CODES",
    "WORK_CODES",
    "Placed",
    "award_rounds",
    "rating_counts",
    "review_counts",
    "subtree",
    "work_counts",
    "year_round",
]

#: The rollup counts Biểu 6 reads, each under ``xep_loai_<code>``.
_RATED = ("tccsd", "chi_bo_truc_thuoc", "dang_vien")
_RATINGS = ("htxsnv", "httnv", "htnv", "khtnv")
RATING_CODES = tuple(
    f"xep_loai_{subject}{suffix}"
    for subject in _RATED
    for suffix in ("", *(f"_{rating}" for rating in _RATINGS))
)

#: The Biểu 6F counts: ``kiem_diem_tap_the_<what>`` and ``kiem_diem_dang_vien_<what>``.
REVIEW_CODES = (
    "kiem_diem_tap_the_phai",
    "kiem_diem_tap_the_da",
    "kiem_diem_tap_the_chua",
    "kiem_diem_tap_the_moi_thanh_lap",
    "kiem_diem_dang_vien_phai",
    "kiem_diem_dang_vien_da",
    "kiem_diem_dang_vien_chua",
    "kiem_diem_dang_vien_moi_ket_nap",
    "kiem_diem_dang_vien_mien",
    "kiem_diem_dang_vien_dinh_chi",
)

#: The Biểu 7 counts: badges awarded by class, and transfers by occurrence (lượt).
WORK_CODES = (
    *(f"huy_hieu_{years}" for years in BADGE_YEARS),
    "chuyen_tam_thoi_di",
    "chuyen_tam_thoi_den",
)

_Counts = dict[str, "int | None"]


def subtree(tree: OrgTree, org: str | None) -> OrgTree:
    """The tree below *org* (itself at the top), or *tree* when *org* is ``None`` or
    the only root."""
    if org is None or (len(tree.roots) == 1 and tree.roots[0].id == org):
        return tree
    orgs: list[Organization] = list(tree.subtree(org))
    top = orgs[0]
    if top.parent_id is not None:
        orgs[0] = attrs.evolve(top, parent_id=None)
    return OrgTree.build(orgs, tree.members_of(org, recursive=True))


def _evaluations_in(
    tree: OrgTree, evaluations: Iterable[Evaluation], year: int, whole: bool
) -> list[Evaluation]:
    """The yearly evaluations of *year* whose subject is in *tree*: those of other
    subtrees are not ours (a *whole* tree, the one the evaluations were given with, needs
    no check).

    Biểu 6 and 6F report the year's review: a quarterly, per-term or occasional review
    is not it (the rollup and the round read only the yearly ones), so that a year with
    only those has its ratings unknown (blank), not everyone "chưa đánh giá".
    """
    yearly = ReviewPeriod.NAM
    chosen = [e for e in evaluations if e.year == year and e.period is yearly]
    if whole or not chosen:
        return chosen
    members = {m.id for m in tree.members()}
    orgs = {o.id for o in tree.walk()}
    return [e for e in chosen if e.subject_id in members or e.subject_id in orgs]


def _subjects_given(evaluations: Sequence[Evaluation]) -> set[SubjectKind]:
    """The kinds of subject *evaluations* rate: each looked for until found, not the
    kind of every one of a nation's evaluations hashed into a set."""
    return {
        kind
        for kind in (SubjectKind.MEMBER, SubjectKind.ORGANIZATION)
        if any(e.subject is kind for e in evaluations)
    }


def year_round(
    tree: OrgTree,
    evaluations: Iterable[Evaluation] | None,
    year: int,
    *,
    whole: bool = False,
    held: bool = False,
) -> RatingRound | None:
    """The yearly review of *year* over *tree*, as Biểu 6 and 6F read it: its yearly
    evaluations of subjects in *tree*; ``None`` without any, unless the review was
    *held* (the data has that year's yearly evaluations, of other subtrees): then a
    round without evaluations, whose organizations and members the tree still counts
    (their ratings unknown).

    One round serves both forms: the nation's evaluations are read once.
    """
    chosen = _evaluations_in(tree, evaluations or (), year, whole)
    return RatingRound(tree, chosen, year) if chosen or held else None


def rating_counts(round: RatingRound | None) -> _Counts:
    """Biểu 6: the rating counts of the root of the round's tree (:func:`year_round`):
    the members on the rolls on the round's day and the organizations existing then, and
    the ratings of those (a rollup of the year also counts the ratings of the others).

    Without a round (no evaluations of the year) every rating count is ``None``: the
    ratings are unknown, not zero.

    Raises:
        TreeError: evaluations of subjects not in the tree, or given twice.
    """
    if round is None:
        return dict.fromkeys(RATING_CODES)
    counts = _round_ratings(round)
    if counts is None:
        # Evaluations of no member or organization of the tree, or of one twice: the
        # rollup names each of them.
        tally = rollup(round.tree, year=round.year, evaluations=round.evaluations).root
        counts = {code: tally.get(code.removeprefix("xep_loai_")) for code in RATING_CODES}
    # Evaluations of members only (or of organizations only) say nothing of the other
    # kind: its ratings are unknown, not every organization "chưa đánh giá".
    given = _subjects_given(round.evaluations)
    for subject in _RATED:
        kind = SubjectKind.MEMBER if subject == "dang_vien" else SubjectKind.ORGANIZATION
        if kind not in given:
            counts.update(dict.fromkeys(f"xep_loai_{subject}_{r}" for r in _RATINGS))
    return counts


def _round_ratings(round: RatingRound) -> _Counts | None:
    """The rating counts of the round's one root, from the round's one pass over the
    members (a rollup counts everything else too); ``None`` when the rollup would refuse
    the evaluations or the tree has several roots.

    The members on the rolls on the round's day and the organizations existing then,
    and the ratings of those: the form's "Đã đánh giá, xếp loại" is part of its row
    (the rollup also counts the rating of a member who left or an organization gone
    before the day, which would make "Chưa đánh giá, xếp loại" negative).
    """
    tree = round.tree
    if len(tree.roots) != 1:
        return None
    root = tree.roots[0].id
    member = SubjectKind.MEMBER
    of_orgs = [e for e in round.evaluations if e.subject is not member]
    ratings = {e.subject_id: e.rating for e in of_orgs}
    of_members = len(round.evaluations) - len(of_orgs)
    # Fewer members evaluated than member evaluations: one of no member, or one twice.
    if len(ratings) < len(of_orgs) or round.evaluated_members(root) < of_members:
        return None
    if any(org_id not in tree for org_id in ratings):
        return None
    counts: _Counts = dict.fromkeys(RATING_CODES, 0)
    counts["xep_loai_dang_vien"] = round.members_on_rolls(root)
    tally = round.member_tally(root, on_rolls=True)
    on = round.on
    for rating in Rating:
        counts[f"xep_loai_dang_vien_{rating.suffix}"] = tally[f"dang_vien_{rating.suffix}"]
    for org in tree.walk():
        if org.kind.is_grassroots:
            subject = "tccsd"
        elif org.kind is OrgKind.CHI_BO_TRUC_THUOC:
            subject = "chi_bo_truc_thuoc"
        else:
            continue
        if org.is_active(on):
            counts[f"xep_loai_{subject}"] = (counts[f"xep_loai_{subject}"] or 0) + 1
        given = ratings.get(org.id)
        if given is not None and org.is_active(on):
            code = f"xep_loai_{subject}_{given.suffix}"
            counts[code] = (counts[code] or 0) + 1
    return counts


def review_counts(round: RatingRound | None, *, months: int = 6) -> _Counts:
    """Biểu 6F: :func:`~coso_dang.operations.review.form_6f` of the year's review
    (:func:`year_round`).

    Without a round (no evaluations of the year) nobody is known to have been reviewed:
    every count is ``None``.
    """
    if round is None:
        return dict.fromkeys(REVIEW_CODES)
    review = form_6f(round, months=months)
    values = (
        review.orgs_due,
        review.orgs_done,
        review.orgs_not_done,
        review.orgs_new,
        review.members_due,
        review.members_done,
        review.members_not_done,
        review.members_new,
        review.members_exempted,
        review.members_suspended,
    )
    counts: _Counts = dict(zip(REVIEW_CODES, values, strict=True))
    # Without one evaluation of a collective (or of a member) the review of that column
    # is unknown: who must be reviewed is known, who was and why not is not.
    given = _subjects_given(round.evaluations)
    for kind, column in ((SubjectKind.ORGANIZATION, "tap_the"), (SubjectKind.MEMBER, "dang_vien")):
        if kind not in given:
            for code in REVIEW_CODES:
                if code.startswith(f"kiem_diem_{column}_") and not code.endswith("_phai"):
                    counts[code] = None
    return counts


def _badge_groups(
    members: Iterable[Member], facts: Mapping[str, MemberFacts], start: date, end: date
) -> list[tuple[list[Member], tuple[int, ...]]]:
    """The members whose badge may fall due from *start* to *end*, grouped by the badge
    years that can: a badge list asks each member about every badge, which for the
    nation is millions of date computations for nothing.

    Without gaps in their party life or facts (illness, a posthumous request,
    discipline, badges awarded), a member reaches *N* years of party age exactly *N*
    years after admission, so only the badges whose year falls in the period can be
    due; the others are asked about every badge, as the list does.
    """
    due: dict[int, tuple[int, ...]] = {}
    for admitted in range(start.year - max(BADGE_YEARS), end.year - min(BADGE_YEARS) + 1):
        reached = tuple(n for n in BADGE_YEARS if start.year <= admitted + n <= end.year)
        if reached:
            due[admitted] = reached
    # The nation's millions of members are sifted in the interpreter's own loops; only
    # those with gaps or facts, and those admitted in a year that puts a badge in the
    # period (a few in a hundred), are looked at one by one.
    members = list(members)
    full = list(compress(members, map(attrgetter("inactive_periods"), members)))
    if facts:
        with_facts = compress(members, map(facts.__contains__, map(attrgetter("id"), members)))
        full += (m for m in with_facts if not m.inactive_periods)
    asked = {id(m) for m in full}
    groups: dict[tuple[int, ...], list[Member]] = {}
    admitted_in = map(attrgetter("admitted_on.year"), members)
    for member in compress(members, map(due.__contains__, admitted_in)):
        if id(member) not in asked:
            groups.setdefault(due[member.admitted_on.year], []).append(member)
    found = [(group, years) for years, group in groups.items()]
    if full:
        found.append((full, BADGE_YEARS))
    return found


#: The records of the members whose lists come from their events, and what gives, for
#: some of them and a day, those on the subtree's lists that day, as on the list (Biểu 7
#: counts a badge where the round that proposes it finds the member).
Placed = tuple[Sequence[Member], Callable[[Sequence[Member], date], list[Member]]]


def _count_badges(
    tree: OrgTree,
    facts: Iterable[MemberFacts] | Mapping[str, MemberFacts],
    since: date,
    last: date,
    counts: _Counts,
    placed: Placed | None = None,
) -> None:
    """Add to *counts* the badges the rounds after *since* up to *last* propose.

    With *placed*, the members with events are asked round by round where their events
    put them that day, not where their records place them."""
    # The form counts the badges of the period, including those since recorded as
    # awarded: the list is asked as if none of them had been (illness, posthumous
    # requests and discipline still apply).
    by_member = {
        member: attrs.evolve(fact, badges_awarded=())
        for member, fact in facts_by_member(facts).items()
    }
    # An early or a posthumous award stays on every list until recorded, and the badge
    # of a seriously ill member is proposed early, then again when its years are
    # reached: asked without the badges awarded, the lists would count it in every
    # period from then on. Each badge counts once, in the period it was first proposed:
    # those the list of the round before the period, reaching back to the start,
    # already proposes are left out.
    first = since + timedelta(days=1)
    members = list(tree.members())
    rounds = [
        day
        for year in range(first.year, last.year + 1)
        for month, day_of in sorted(BADGE_OCCASIONS)
        if first <= (day := date(year, month, day_of)) <= last
    ]
    moved: dict[date, list[Member]] = {}
    # The members with events are asked where their events put them, not here: they
    # are left out of the few a badge may fall due for, not sifted from the millions.
    evented: set[str] = set()
    if placed is not None:
        records, on_lists = placed
        evented = {m.id for m in records}
        # Only those whose badge may fall due in the period are placed, round by round.
        due = [m for group, _ in _badge_groups(records, by_member, first, last) for m in group]
        moved = {day: on_lists(due, day) for day in rounds}
    # Those a badge may linger for, as on their lists (the events' placing last): found
    # among the few with such facts, not by an index of every member.
    asked = {i for i, f in by_member.items() if f.seriously_ill or f.posthumous}
    found: dict[str, Member] = {}
    if asked:
        ids = map(attrgetter("id"), members)
        found.update(
            (m.id, m)
            for m in compress(members, map(asked.__contains__, ids))
            if m.id not in evented
        )
        for group in moved.values():
            found.update((m.id, m) for m in group if m.id in asked)
    lingering = list(found.values())
    earlier = {
        (entry.member.id, entry.years)
        for entry in badge_round(lingering, since, facts=by_member, since=date.min).proposed
    }
    counted: set[tuple[str, int]] = set()
    for group, years in _badge_groups(members, by_member, first, last):
        if evented:
            group = [m for m in group if m.id not in evented]
        listed = badge_round(group, last, facts=by_member, since=since, badge_years=years)
        _count_new(listed.proposed, earlier, counted, counts)
    # Asked on the period's last round, a member who left the rolls before it (died,
    # transferred away) is gone, though an earlier round of the period proposed the
    # badge while the member was here: those few are asked round by round.
    left = [
        m
        for m in compress(members, map(attrgetter("left_on"), members))
        if m.left_on is not None and since < m.left_on <= last and m.id not in evented
    ]
    # The members with events, round by round on the lists that hold them that day.
    for day, here in moved.items():
        after = previous_occasion(day)
        for group, years in _badge_groups(here, by_member, after + timedelta(days=1), day):
            listed = badge_round(group, day, facts=by_member, since=after, badge_years=years)
            _count_new(listed.proposed, earlier, counted, counts)
    for group, years in _badge_groups(left, by_member, first, last):
        for day in rounds:
            listed = badge_round(
                group, day, facts=by_member, since=previous_occasion(day), badge_years=years
            )
            _count_new(listed.proposed, earlier, counted, counts)


def _count_new(
    proposed: Iterable[BadgeEntry],
    earlier: set[tuple[str, int]],
    counted: set[tuple[str, int]],
    counts: _Counts,
) -> None:
    """Count into *counts* each badge proposed that no earlier list (*earlier*) nor
    another round of the period (*counted*, added to) already proposed."""
    for entry in proposed:
        key = (entry.member.id, entry.years)
        if key in earlier or key in counted:
            continue
        counted.add(key)
        code = f"huy_hieu_{entry.years}"
        counts[code] = (counts[code] or 0) + 1


def award_rounds(start: date, end: date) -> tuple[date, date] | None:
    """The award rounds (3/2, 19/5, 2/9, 7/11) held from *start* to *end*, as
    ``(since, last)``: each round lists the badges due after the award day before it, up
    to its own, so the period's rounds award those due after *since* up to *last*, its
    last round. ``None`` when no award day falls in the period.

    A badge is awarded on the first award day on or after its years are reached: one
    reached on 20/11/2024 is awarded on 3/2/2025, a badge of 2025.

    >>> award_rounds(date(2025, 1, 1), date(2025, 12, 31))
    (datetime.date(2024, 11, 7), datetime.date(2025, 11, 7))
    >>> award_rounds(date(2025, 12, 1), date(2025, 12, 31)) is None
    True
    """
    days = [
        date(year, month, day)
        for year in range(start.year, end.year + 1)
        for month, day in sorted(BADGE_OCCASIONS)
    ]
    held = [day for day in days if start <= day <= end]
    if not held:
        return None
    # The round before the first (3/2's is 7/11 of the year before); the years of the
    # calendar stop at 9999, the day after the period may not exist.
    return previous_occasion(held[0]), held[-1]


def work_counts(
    tree: OrgTree,
    start: date,
    end: date,
    *,
    events: Iterable[MemberEvent] = (),
    facts: Iterable[MemberFacts] | Mapping[str, MemberFacts] = (),
    placed: Placed | None = None,
) -> _Counts:
    """Biểu 7: badges awarded from *start* to *end*, and temporary transfers.

    *placed*: the members whose lists come from their events, and for a day those of
    them on the tree's lists: their badges count where they were on each round's day.

    Badges ("Tặng huy hiệu đảng trong năm") are those the lists of the award rounds held
    in the period propose (:func:`award_rounds`,
    :func:`~coso_dang.operations.badges.badge_round`), by class, whether or not
    recorded as awarded since; those deferred by discipline past the period's last
    round are not counted, and an early or posthumous award counts only in the period
    it was first proposed in (not again in each later one, nor again when its years
    are reached). Temporary transfers are the events of the period naming one of its
    organizations, or naming none and of a member on one of its lists that day (with
    *placed*, as the events put them), one a lượt.
    """
    counts: _Counts = dict.fromkeys(WORK_CODES, 0)
    rounds = award_rounds(start, end)
    if rounds is not None:
        _count_badges(tree, facts, *rounds, counts, placed)
    orgs = {o.id for o in tree.walk()}
    kinds = {
        MemberEventKind.TAM_THOI_DI: "chuyen_tam_thoi_di",
        MemberEventKind.TAM_THOI_DEN: "chuyen_tam_thoi_den",
    }
    counted = [
        (kinds[event.kind], event)
        for event in events
        if event.kind in kinds and start <= event.on <= end
    ]
    # An event that names no chi bộ is of the member's chi bộ at the time: it counts when
    # the member is on one of the tree's lists that day, as the history places them (one
    # moved since was counted where the record puts them now); the members without
    # history, as their records say. Those few members are looked for in one pass over
    # the tree's, not a set of all of them.
    unnamed = {event.member_id for _, event in counted if event.org_id is None}
    ours = unnamed.intersection(map(attrgetter("id"), tree.members())) if unnamed else set()
    moved: dict[str, Member] = {}
    if unnamed and placed is not None:
        moved = {m.id: m for m in placed[0] if m.id in unnamed}
    for kind, event in counted:
        if event.org_id is not None:
            here = event.org_id in orgs
        elif event.member_id in moved and placed is not None:
            here = bool(placed[1]([moved[event.member_id]], event.on))
        else:
            here = event.member_id in ours
        if here:
            counts[kind] = (counts[kind] or 0) + 1
    return counts
