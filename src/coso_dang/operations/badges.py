"""The badge round list (danh sách đề nghị tặng Huy hiệu Đảng) for one award day.

Badges are awarded on the anniversaries 3/2, 19/5, 2/9 and 7/11, or on a day the
committee names. A round's list holds the members whose badge falls due since the
previous round, up to and including the round's day:

* due: the day the member completes 30, 40, 45, …, 90 years of party age
  (:meth:`~coso_dang.Member.party_age_reached_on`);
* early for serious illness (``MemberFacts.seriously_ill``): up to
  :data:`EARLY_FOR_ILLNESS` months early, 12 for 30–65 years, 24 for 70–90 (Hướng dẫn
  01-HD/TW, 2021, §18);
* posthumous (``MemberFacts.posthumous``): a member who died having reached the badge,
  or at most :data:`POSTHUMOUS_EARLY` months before reaching it ("up to 12 months
  early", as for illness: the day 12 months before is included);
* early and posthumous awards stay on each round's list until recorded as awarded;
* deferred after discipline: the badge waits :data:`DEFERRAL_MONTHS` after the decision,
  by form (29-QĐ/TW 27.3); deferred members are listed apart, with the day they can be
  proposed, and proposed in the round that day falls in. A discipline decided after
  the round that proposed a badge reached by party age does not list it again.

A badge recorded in ``MemberFacts.badges_awarded`` is never proposed again; one badge
per member per round (the highest due). Exempted members stay eligible.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import MINYEAR, date

from attrs import field, frozen
from dateutil.relativedelta import relativedelta

from coso_dang._enums import LabelledEnum
from coso_dang.errors import ArgumentError, CosoDangError, UsageError
from coso_dang.i18n import N_, TypeName
from coso_dang.members import BADGE_OCCASIONS, BADGE_YEARS, LeaveReason, Member, next_occasion
from coso_dang.operations._args import day_argument, member_records
from coso_dang.operations.facts import DisciplineForm, MemberFacts, facts_by_member
from coso_dang.operations.table import OfficeTable, Tabled
from coso_dang.tree import OrgTree
from coso_dang.vi.dates import format_date

__all__ = [
    "DEFERRAL_MONTHS",
    "EARLY_FOR_ILLNESS",
    "POSTHUMOUS_EARLY",
    "BadgeEntry",
    "BadgeGround",
    "BadgeList",
    "badge_label",
    "badge_round",
    "previous_occasion",
]

#: Months a badge waits after a disciplinary decision, by form: 29-QĐ/TW 27.3 gives 6
#: months after cảnh cáo and 1 year after cách chức, nothing after khiển trách. Sources
#: on the 24-QĐ/TW years differ (khiển trách 6, cảnh cáo 9, cách chức 12) [U]: pass
#: another mapping to follow them.
DEFERRAL_MONTHS: Mapping[DisciplineForm, int] = {
    DisciplineForm.KHIEN_TRACH: 0,
    DisciplineForm.CANH_CAO: 6,
    DisciplineForm.CACH_CHUC: 12,
}
#: How many months early a seriously ill member may receive each badge (01-HD/TW, §18):
#: up to 12 months for 30–65 years, up to 24 months for 70–90 years.
EARLY_FOR_ILLNESS: Mapping[int, int] = {y: 12 if y <= 65 else 24 for y in BADGE_YEARS}
#: A posthumous award may be made up to 12 months before the badge's years (01-HD/TW, §18).
POSTHUMOUS_EARLY = 12


class _WindowError(CosoDangError, ValueError):
    """Days given the wrong way round (a :class:`ValueError` as before)."""


class BadgeGround(LabelledEnum):
    """Why a badge is proposed."""

    #: Đủ tuổi đảng.
    DU_TUOI = ("du_tuoi", "Đủ tuổi đảng")
    #: Tặng sớm do ốm đau hiểm nghèo.
    TANG_SOM = ("tang_som", "Tặng sớm do ốm đau hiểm nghèo")
    #: Truy tặng.
    TRUY_TANG = ("truy_tang", "Truy tặng")


def badge_label(years: int) -> str:
    """The badge's name: "Huy hiệu 30 năm tuổi Đảng".

    Raises:
        ArgumentError: *years* is no badge year of :data:`~coso_dang.members.BADGE_YEARS`
            (``0`` or ``35`` named a badge that does not exist).
        UsageError: *years* is no ``int`` (``"30"`` named a badge all the same).

    >>> badge_label(45)
    'Huy hiệu 45 năm tuổi Đảng'
    """
    if not isinstance(years, int) or isinstance(years, bool):
        raise UsageError("badge_label", "years", N_("một {kind}", kind=TypeName("int")), years)
    if years not in BADGE_YEARS:
        choices = ", ".join(str(y) for y in BADGE_YEARS)
        raise ArgumentError(
            N_(
                "badge_label: không có huy hiệu {years} năm tuổi Đảng; các mốc là {choices}",
                years=years,
                choices=choices,
            )
        )
    return _named(years)


def _named(years: int) -> str:
    # A round given badge years of its own (``badge_round(badge_years=...)``) names them.
    return f"Huy hiệu {years} năm tuổi Đảng"


def previous_occasion(on: date, occasions: Sequence[tuple[int, int]] = BADGE_OCCASIONS) -> date:
    """The last award occasion strictly before *on*.

    >>> previous_occasion(date(2026, 9, 2))
    datetime.date(2026, 5, 19)
    """
    on = day_argument("previous_occasion", "on", on)  # a datetime: its date
    # Not before year 1: the year before failed with Python's "year 0 is out of range".
    for year in range(on.year, max(on.year - 1, MINYEAR) - 1, -1):
        for month, day in sorted(occasions, reverse=True):
            candidate = date(year, month, day)
            if candidate < on:
                return candidate
    if occasions:
        day_text = format_date(on, "numeric")
        raise ArgumentError(N_("không có dịp trao huy hiệu nào trước ngày {day}", day=day_text))
    raise ArgumentError(N_("không có dịp trao huy hiệu nào"))


@frozen
class BadgeEntry:
    """One member on a round's list; ``deferred_until`` is set when discipline defers it.

    Its ``repr`` shows the member and the badge only: the ground (an early award for a
    grave illness, a posthumous one) is health data, and so is the day the years are
    reached, which before the round's day tells an early award.
    """

    member: Member
    years: int
    reached_on: date = field(repr=False)
    ground: BadgeGround = field(repr=False)
    deferred_until: date | None = field(default=None, repr=False)

    @property
    def proposed(self) -> bool:
        """True when proposed in this round (not deferred)."""
        return self.deferred_until is None


def _months(n: int) -> relativedelta:
    return relativedelta(months=n)


@frozen
class BadgeList(Tabled):
    """A round's badge list: the proposed members by badge, and the deferred ones."""

    on: date
    since: date
    entries: tuple[BadgeEntry, ...]
    org_names: Mapping[str, str] = field(factory=dict, repr=False)

    @property
    def proposed(self) -> tuple[BadgeEntry, ...]:
        """The entries proposed in this round, by badge years then member id."""
        return tuple(e for e in self.entries if e.proposed)

    @property
    def deferred(self) -> tuple[BadgeEntry, ...]:
        """The entries deferred by discipline."""
        return tuple(e for e in self.entries if not e.proposed)

    def table(self) -> OfficeTable:
        """The list as a table (records, DataFrame, CSV/XLSX)."""
        headers = (
            "STT", "Mã", "Họ và tên", "Chi bộ", "Ngày vào Đảng", "Huy hiệu",
            "Ngày đủ tuổi đảng", "Diện", "Hoãn đến",
        )  # fmt: skip
        rows = [
            (
                n,
                e.member.id,
                e.member.full_name,
                self.org_names.get(e.member.org_id, e.member.org_id),
                e.member.admitted_on,
                _named(e.years),
                e.reached_on,
                e.ground.label,
                e.deferred_until,
            )
            for n, e in enumerate(self.entries, 1)
        ]
        title = f"Danh sách đề nghị tặng Huy hiệu Đảng đợt {format_date(self.on, 'numeric')}"
        return OfficeTable(title, headers, rows)

    def text(self) -> str:
        """The list in Vietnamese, grouped by badge, ready to paste into the submission."""
        day = format_date(self.on, "numeric")
        lines = [f"DANH SÁCH ĐỀ NGHỊ TẶNG HUY HIỆU ĐẢNG ĐỢT {day}"]
        proposed = self.proposed
        if not proposed:
            lines.append("Không có đảng viên nào đủ điều kiện trong đợt này.")
        for group, years in enumerate(sorted({e.years for e in proposed}), 1):
            members = [e for e in proposed if e.years == years]
            lines.append(f"{_roman(group)}. {_named(years)}: {len(members)} đồng chí")
            for n, e in enumerate(members, 1):
                lines.append(f"{n}. {self._line(e)}")
        if self.deferred:
            lines.append("Hoãn xét do kỷ luật:")
            for n, e in enumerate(self.deferred, 1):
                until = format_date(e.deferred_until or self.on, "numeric")
                lines.append(f"{n}. {self._line(e)}; xét từ ngày {until}.")
        return "\n".join(lines)

    def _line(self, e: BadgeEntry) -> str:
        org = self.org_names.get(e.member.org_id, e.member.org_id)
        admitted = format_date(e.member.admitted_on, "numeric")
        reached = format_date(e.reached_on, "numeric")
        text = (
            f"Đồng chí {e.member.full_name}, {org}; vào Đảng ngày {admitted}; "
            f"đủ {e.years} năm tuổi Đảng ngày {reached}"
        )
        if e.ground is not BadgeGround.DU_TUOI:
            text += f" ({e.ground.label.lower()})"
        return text


def _roman(n: int) -> str:
    numerals = ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
    out = ""
    for value, letters in numerals:
        while n >= value:
            out += letters
            n -= value
    return out


def _candidate(
    member: Member,
    facts: MemberFacts | None,
    years: int,
    on: date,
    early_for_illness: Mapping[int, int],
    posthumous_early: int,
) -> tuple[date, BadgeGround] | None:
    """The day the badge of *years* becomes due for *member*, and on what ground."""
    try:
        reached = member.party_age_reached_on(years)
    except (ValueError, OverflowError):
        # Past 31/12/9999 (an admission in the last century of the calendar): never
        # reached. Python's English "year 10040 is out of range" ended the whole list.
        return None
    # Alive on the round's day is alive for the round, whatever came after (a list of a
    # past round made again once the member has died).
    died = (
        member.leave_reason is LeaveReason.TU_TRAN
        and member.left_on is not None
        and member.left_on <= on
    )
    if died:
        assert member.left_on is not None
        if facts is None or not facts.posthumous:
            return None
        if reached <= member.left_on:
            return reached, BadgeGround.TRUY_TANG
        if reached - _months(posthumous_early) <= member.left_on:
            return member.left_on, BadgeGround.TRUY_TANG
        return None
    if not member.is_active(on):
        return None
    if reached <= on:
        return reached, BadgeGround.DU_TUOI
    if facts is not None and facts.seriously_ill:
        early = reached - _months(early_for_illness.get(years, 0))
        if early <= on:
            return early, BadgeGround.TANG_SOM
    return None


def _after(day: date, months: int) -> date | None:
    """*day* plus *months*; ``None`` when that falls past 31/12/9999."""
    try:
        return day + _months(months)
    except (ValueError, OverflowError):
        return None


def _award_day(day: date, on: date, occasions: Sequence[tuple[int, int]]) -> date:
    """The first award occasion on or after *day*; *on* when the calendar has none left."""
    if not occasions:
        return next_occasion(day, occasions)  # refused, as every empty list is
    try:
        return next_occasion(day, occasions)
    except ValueError:
        return on  # after the last award day of 9999


def badge_round(
    source: OrgTree | Iterable[Member],
    on: date,
    *,
    facts: Iterable[MemberFacts] | Mapping[str, MemberFacts] = (),
    since: date | None = None,
    badge_years: Sequence[int] = BADGE_YEARS,
    occasions: Sequence[tuple[int, int]] = BADGE_OCCASIONS,
    deferral_months: Mapping[DisciplineForm, int] = DEFERRAL_MONTHS,
    early_for_illness: Mapping[int, int] = EARLY_FOR_ILLNESS,
    posthumous_early: int = POSTHUMOUS_EARLY,
) -> BadgeList:
    """The badge list of the round held on *on*.

    Args:
        source: the members (a tree also gives the chi bộ names).
        on: the round's day (3/2, 19/5, 2/9, 7/11, or another the committee names).
        facts: badges awarded, disciplines, illness and posthumous flags.
        since: the badges due after this day are listed; by default the previous
            award occasion (so consecutive rounds never list a badge twice). Give an
            earlier day to catch up badges a past round missed.
        badge_years, occasions, deferral_months, early_for_illness, posthumous_early:
            the parameters above, with their documented defaults.

    Raises:
        ValueError: *since* is after *on*.

    >>> m = Member("dv1", "Lê Thị Bình", "cb1", admitted_on=date(1986, 9, 2),
    ...            ceremony_on=date(1986, 9, 20))
    >>> [(e.member.id, e.years, e.reached_on) for e in badge_round([m], date(2026, 9, 2)).proposed]
    [('dv1', 40, datetime.date(2026, 9, 2))]
    """
    on = day_argument("badge_round", "on", on)  # a datetime is never compared with a date
    if since is None:
        start = previous_occasion(on, occasions)
    else:
        start = day_argument("badge_round", "since", since)
    if start > on:
        # A window the wrong way round lists nobody: "Không có đảng viên nào đủ điều kiện".
        raise _WindowError(
            N_(
                "ngày của đợt ({on}) trước ngày bắt đầu liệt kê ({start})",
                on=format_date(on, "numeric"),
                start=format_date(start, "numeric"),
            )
        )
    by_member = facts_by_member(facts)
    tree = source if isinstance(source, OrgTree) else None
    entries: list[BadgeEntry] = []
    members = tree.members() if tree is not None else member_records(source, "badge_round")
    for member in members:
        f = by_member.get(member.id)
        awarded = set(f.badges_awarded) if f is not None else set()
        for years in sorted(badge_years, reverse=True):
            if years in awarded:
                break  # a badge awarded puts the lower ones behind the member too
            found = _candidate(member, f, years, on, early_for_illness, posthumous_early)
            if found is None:
                continue
            due, ground = found
            wait = due
            beyond = False  # a deferral ending past 31/12/9999: no round can propose it
            for d in sorted(f.disciplines, key=lambda d: d.on) if f is not None else ():
                # A badge reached by party age is proposed in the round after it falls
                # due (or after its deferral ends): a discipline decided after that
                # round finds it proposed and does not list it again. An early or a
                # posthumous award waits on the list, so any discipline defers it.
                pending = (
                    on
                    if ground is not BadgeGround.DU_TUOI
                    else min(on, _award_day(wait, on, occasions))
                )
                if d.on <= pending:
                    ends = _after(d.on, deferral_months.get(d.form, 0))
                    beyond = beyond or ends is None
                    wait = date.max if ends is None else max(wait, ends)
            reached = member.party_age_reached_on(years)
            if beyond:
                if start < due <= on:
                    entries.append(BadgeEntry(member, years, reached, ground, wait))
            elif ground is not BadgeGround.DU_TUOI and wait <= on:
                # An early or posthumous award is asked for, not reached on a day: it
                # stays on every round's list until recorded as awarded.
                entries.append(BadgeEntry(member, years, reached, ground))
            elif start < wait <= on:
                entries.append(BadgeEntry(member, years, reached, ground))
            elif start < due <= on and wait > on:
                entries.append(BadgeEntry(member, years, reached, ground, wait))
            break  # one badge per round: the highest due
    entries.sort(key=lambda e: (not e.proposed, e.years, e.member.id))
    names = {o.id: o.name for o in tree.walk()} if tree is not None else {}
    return BadgeList(on, start, tuple(entries), names)
