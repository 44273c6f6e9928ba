"""Charter structure checks on an organization tree on a date.

The Party Charter (Điều lệ Đảng, adopted 2011, Art. 21 and 24) sets the shape of the
grassroots: at least three official members to found a TCCSĐ or a chi bộ trực thuộc;
fewer than 30 members for a chi bộ cơ sở, 30 or more for a đảng bộ cơ sở (exceptions
need written approval, so they are flagged ``NEEDS_REVIEW``, not failed); a chi ủy of at
most seven once a chi bộ has nine official members. Members are checked for an overdue
decision on becoming official (Art. 5) and for their age at admission.

The Charter is the basis in every year, so the rules carry no year limit. Its
implementing rule changed: Quy định 29-QĐ/TW (25/7/2016), then 24-QĐ/TW (30/7/2021),
then 232-QĐ/TW (20/01/2025), then 294-QĐ/TW (26/5/2025, in force 1/7/2025); the
thresholds checked here are the same in all four, and each basis names them in its
section.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING, Any, ClassVar, final

from attrs import field, frozen
from dateutil.relativedelta import relativedelta

from coso_dang._deprecation import aliases
from coso_dang._extras import require
from coso_dang.i18n import N_
from coso_dang.members import CommitteeRole, Member, probation_end
from coso_dang.orgs import GRASSROOTS_KINDS, Organization, OrgKind
from coso_dang.rules.base import (
    Basis,
    Gap,
    ParameterCheck,
    RecordRule,
    RuleResult,
    Status,
    SubjectRef,
    check_whole,
)
from coso_dang.rules.ruleset import RuleSet, register_pack
from coso_dang.rules.structure import Structure
from coso_dang.vi.dates import format_date
from coso_dang.vi.numbers import format_number

if TYPE_CHECKING:
    from coso_dang.operations.calendar import WorkCalendar

__all__ = [
    "BRANCH_DAYS",
    "COMMITTEE_DAYS",
    "DIEU_LE",
    "AdmissionAgeRule",
    "ChiUyRule",
    "GrassrootsSizeRule",
    "MemberCheckRule",
    "MemberOnDate",
    "MinOfficialMembersRule",
    "OrgCheckRule",
    "OrgOnDate",
    "OverdueProbationRule",
    "Structure",
]

_CHARTER = "Điều lệ Đảng (2011)"

#: Working days from the 12-month mark for the chi bộ to consider a probationary member
#: (29-QĐ/TW 4.2; 232-QĐ/TW 4.3.1). Declared here, where the charter check of the
#: decision reads it; ``coso_dang.operations`` gives the office's list the same figure.
BRANCH_DAYS = 30
#: Working days from the chi bộ's resolution for the competent committee to decide
#: (29-QĐ/TW 4.2; 232-QĐ/TW 4.3.1).
COMMITTEE_DAYS = 60
# The implementing rules in turn; the thresholds checked are the same in each.
_IMPLEMENTED = (
    "thi hành: Quy định 29-QĐ/TW (25/7/2016), 24-QĐ/TW (30/7/2021), "
    "232-QĐ/TW (20/01/2025), 294-QĐ/TW (26/5/2025, từ 1/7/2025)"
)
_NO_MEMBERS = "Dữ liệu không có danh sách đảng viên: không đếm được số đảng viên."
_READS = "hồ sơ tổ chức và đảng viên vào một ngày (Structure, hoặc Rollup tính từ hồ sơ)"


@final
@frozen
class OrgOnDate:
    """An organization of a :class:`Structure`: the subject of organization checks."""

    structure: Structure
    org: Organization


@final
@frozen
class MemberOnDate:
    """A member of a :class:`Structure`: the subject of member checks."""

    structure: Structure
    member: Member


@frozen
class OrgCheckRule(RecordRule[OrgOnDate]):
    """A charter check at each organization of a :class:`Structure` it applies to."""

    reads: ClassVar[str] = _READS
    source_type: ClassVar[type] = Structure

    def candidates(self, source: Structure) -> Iterator[tuple[OrgOnDate, SubjectRef]]:
        """Each organization of the applicable kinds that exists on the date."""
        # Found by identity, not hashed: an enum's hash is a Python call, once per
        # organization of the nation for each rule.
        kinds = tuple(self.applies_to)
        for org in source.active_organizations:
            if org.kind in kinds:
                yield OrgOnDate(source, org), SubjectRef(org.id, org.name, org.kind.value)

    def members_unknown(self, subject: OrgOnDate) -> RuleResult | None:
        """``MISSING_DATA`` when the structure records no member at all, else ``None``.

        Its counts are then 0 for want of records: a count of 0 would fail every
        organization, and unknown is not zero.
        """
        if subject.structure.records_members:
            return None
        return self.result(Status.MISSING_DATA, _NO_MEMBERS)


@frozen
class MemberCheckRule(RecordRule[MemberOnDate]):
    """A charter check on each member on the rolls on the :class:`Structure`'s date."""

    reads: ClassVar[str] = _READS
    source_type: ClassVar[type] = Structure

    def candidates(self, source: Structure) -> Iterator[tuple[MemberOnDate, SubjectRef]]:
        """Each member on the rolls on the date."""
        for member in source.active_members():
            ref = SubjectRef(member.id, member.full_name, "member")
            yield MemberOnDate(source, member), ref

    def missing_records(self, source: object) -> str | None:
        """Why a structure with no member list cannot be judged: no member concerned
        would be no news (see :meth:`Rule.missing_records
        <coso_dang.rules.Rule.missing_records>`)."""
        if isinstance(source, Structure) and not source.records_members:
            return _NO_MEMBERS
        return None

    def select(self, source: Structure) -> Iterable[Member]:
        """The members on the rolls the rule may concern: all of them by default.

        A rule narrows them with cheap tests, so that a nation's checks do not build a
        subject per member; it may keep too many (:meth:`concerns` decides), never too
        few.
        """
        return source.active_members(self.where)

    def where(self, source: Structure) -> Any:
        """The same narrowing as a narwhals expression, for a structure read from tables.

        ``None`` (the default) reads every member on the rolls.
        """
        return None

    def subjects(self, source: object) -> Iterator[tuple[MemberOnDate, SubjectRef]] | None:
        """The members on the rolls the rule concerns, or ``None`` for another source."""
        if not isinstance(source, Structure):
            return None
        return self._concerned(source)

    def _concerned(self, source: Structure) -> Iterator[tuple[MemberOnDate, SubjectRef]]:
        for member in self.select(source):
            subject = MemberOnDate(source, member)
            if self.concerns(subject):
                yield subject, SubjectRef(member.id, member.full_name, "member")


def _check_calendar(rule: object, value: object) -> object:
    """A parameter check: ``None`` or a working-day calendar (``add_working_days``)."""
    if value is not None and not callable(getattr(value, "add_working_days", None)):
        raise TypeError(
            N_("phải là một WorkCalendar hoặc None, không phải {got}", got=type(value).__name__)
        )
    return value


# The Charter holds in every year: no first or last year.
_BASIS_21 = Basis(None, f"Điều 21; {_IMPLEMENTED}", source=_CHARTER)
_BASIS_24 = Basis(None, f"Điều 24; {_IMPLEMENTED}", source=_CHARTER)
_BASIS_PROBATION = Basis(None, f"Điều 5; {_IMPLEMENTED}", source=_CHARTER)
_BASIS_ADMISSION = Basis(None, f"Điều 1 và Điều 4; {_IMPLEMENTED}", source=_CHARTER)
_TCCSD_OR_CHI_BO = GRASSROOTS_KINDS | {OrgKind.CHI_BO_TRUC_THUOC}


@frozen
class MinOfficialMembersRule(OrgCheckRule):
    """A TCCSĐ or a chi bộ trực thuộc has at least *minimum* official members.

    For a đảng bộ cơ sở, the official members of all its chi bộ are counted. The gap
    is the official members missing.

    References:
        Điều lệ Đảng (2011), Điều 21; implemented by Quy định 29-QĐ/TW (2016),
        24-QĐ/TW (2021), 232-QĐ/TW (2025) and, from 1/7/2025, 294-QĐ/TW (26/5/2025).

    >>> MinOfficialMembersRule().minimum
    3
    """

    code: ClassVar[str] = "dieu_le.toi_thieu_3_dang_vien_chinh_thuc"
    title: ClassVar[str] = "Tổ chức cơ sở đảng, chi bộ trực thuộc có từ 3 đảng viên chính thức"
    basis: ClassVar[Basis] = _BASIS_21
    applies_to: ClassVar[frozenset[OrgKind]] = _TCCSD_OR_CHI_BO

    parameter_checks: ClassVar[dict[str, ParameterCheck]] = {"minimum": check_whole(1)}

    # Why 3: an organization is founded with at least three official members.
    minimum: int = field(default=3)

    def check(self, subject: OrgOnDate) -> RuleResult:
        """FAIL below the minimum."""
        unknown = self.members_unknown(subject)
        if unknown is not None:
            return unknown
        org = subject.org
        recursive = org.kind is OrgKind.DANG_BO_CO_SO
        n = subject.structure.official_count(org.id, recursive=recursive)
        status, message, gap = _official_verdict(self.minimum, n)
        return self.result(status, message, observed=n, gap=gap)


# The verdicts of the organization checks, worked out once per figure: a nation's tens
# of thousands of chi bộ share a few hundred figures, and the words of each were put
# together again for each of them, most of a check's time besides its result.


@lru_cache(maxsize=4096)
def _official_verdict(minimum: int, n: int) -> tuple[Status, str, Gap | None]:
    """:class:`MinOfficialMembersRule`'s status, message and gap for *n* official members."""
    figure = f"{format_number(n)} đảng viên chính thức"
    target_text = f"từ {format_number(minimum)} đảng viên chính thức trở lên"
    if n >= minimum:
        return Status.PASS, f"Có {figure}.", None
    units = minimum - n
    gap = Gap(units, f"cần thêm {format_number(units)} đảng viên chính thức")
    return Status.FAIL, f"Chỉ có {figure}, chưa đủ {target_text}; {gap}.", gap


@frozen
class GrassrootsSizeRule(OrgCheckRule):
    """A chi bộ cơ sở has fewer than *size* members; a đảng bộ cơ sở has *size* or more.

    Both exceptions are legal with written approval from the level above, so they
    are flagged ``NEEDS_REVIEW``. All members on the rolls count, official and
    probationary.

    References:
        Điều lệ Đảng (2011), Điều 21; implemented by Quy định 29-QĐ/TW (2016),
        24-QĐ/TW (2021), 232-QĐ/TW (2025) and, from 1/7/2025, 294-QĐ/TW (26/5/2025).

    >>> GrassrootsSizeRule().size
    30
    """

    code: ClassVar[str] = "dieu_le.quy_mo_to_chuc_co_so_dang"
    title: ClassVar[str] = "Chi bộ cơ sở dưới 30 đảng viên, đảng bộ cơ sở từ 30 đảng viên"
    basis: ClassVar[Basis] = _BASIS_21
    applies_to: ClassVar[frozenset[OrgKind]] = GRASSROOTS_KINDS

    parameter_checks: ClassVar[dict[str, ParameterCheck]] = {"size": check_whole(1)}

    # Why 30: under 30 members make a chi bộ cơ sở, 30 or more a đảng bộ cơ sở.
    size: int = field(default=30)

    def check(self, subject: OrgOnDate) -> RuleResult:
        """NEEDS_REVIEW for a chi bộ cơ sở at *size*+, or a đảng bộ cơ sở below it."""
        unknown = self.members_unknown(subject)
        if unknown is not None:
            return unknown
        org = subject.org
        recursive = org.kind is OrgKind.DANG_BO_CO_SO
        n = subject.structure.member_count(org.id, recursive=recursive)
        status, message = _size_verdict(self.size, org.kind, n)
        return self.result(status, message, observed=n)


@lru_cache(maxsize=4096)
def _size_verdict(size: int, kind: OrgKind, n: int) -> tuple[Status, str]:
    """:class:`GrassrootsSizeRule`'s status and message for an organization of *kind*
    with *n* members."""
    figure = f"{format_number(n)} đảng viên"
    words = format_number(size)
    if kind is OrgKind.CHI_BO_CO_SO and n >= size:
        message = f"Chi bộ cơ sở có {figure} (từ {words} trở lên): cần văn bản đồng ý của cấp trên."
        return Status.NEEDS_REVIEW, message
    if kind is OrgKind.DANG_BO_CO_SO and n < size:
        message = f"Đảng bộ cơ sở có {figure} (dưới {words}): cần văn bản đồng ý của cấp trên."
        return Status.NEEDS_REVIEW, message
    return Status.PASS, f"{kind.label} có {figure}."


@frozen
class ChiUyRule(OrgCheckRule):
    """A chi bộ with *elect_at* or more official members has a chi ủy of at most *maximum*.

    A member of the chi bộ with a ``committee_role`` is counted as a chi ủy member of
    that chi bộ. The chi ủy elects one bí thư and one phó bí thư ("bầu bí thư và một phó
    bí thư"), and a chi bộ under *elect_at* a bí thư and, if needed, one phó bí thư: in a
    chi bộ cơ sở of any size, a second bí thư or phó bí thư fails too (below *elect_at*
    no chi ủy is required, and one elected when the chi bộ was larger may remain, so
    its ủy viên are not failed). In a chi bộ
    trực thuộc the seats are not counted by role: a role does not say of which committee
    it is, and the đảng ủy's bí thư and phó bí thư often belong to one chi bộ (the
    agency's). When no member record in the tree
    gives a committee role, chi ủy are not recorded and the result is ``MISSING_DATA``
    rather than a failure.

    References:
        Điều lệ Đảng (2011), Điều 24; implemented by Quy định 29-QĐ/TW (2016),
        24-QĐ/TW (2021), 232-QĐ/TW (2025) and, from 1/7/2025, 294-QĐ/TW (26/5/2025).

    >>> ChiUyRule().maximum
    7
    """

    code: ClassVar[str] = "dieu_le.chi_uy"
    title: ClassVar[str] = "Chi bộ từ 9 đảng viên chính thức bầu chi ủy, tối đa 7 chi ủy viên"
    basis: ClassVar[Basis] = _BASIS_24
    applies_to: ClassVar[frozenset[OrgKind]] = frozenset(
        {OrgKind.CHI_BO_CO_SO, OrgKind.CHI_BO_TRUC_THUOC}
    )

    parameter_checks: ClassVar[dict[str, ParameterCheck]] = {
        "elect_at": check_whole(1),
        "maximum": check_whole(1),
    }

    # Why 9: a chi bộ with nine or more official members elects a chi ủy.
    elect_at: int = field(default=9)
    # Why 7: the chi ủy has at most seven members.
    maximum: int = field(default=7)

    def check(self, subject: OrgOnDate) -> RuleResult:
        """FAIL for no chi ủy at *elect_at*+ official members, or one above *maximum*."""
        unknown = self.members_unknown(subject)
        if unknown is not None:
            return unknown
        st, org = subject.structure, subject.org
        official = st.official_count(org.id)
        committee = st.committee_count(org.id)
        # Only a chi bộ cơ sở has no đảng ủy above it in its TCCSĐ whose seats its
        # members may hold: its seats alone are counted by role.
        roles = (0, 0)
        if org.kind is OrgKind.CHI_BO_CO_SO:
            roles = (
                st.role_count(org.id, CommitteeRole.BI_THU),
                st.role_count(org.id, CommitteeRole.PHO_BI_THU),
            )
        # Whether committees are recorded is asked only of a chi bộ that must elect one.
        recorded = official < self.elect_at or st.records_committees
        status, message, observed, gap = _committee_verdict(
            (self.elect_at, self.maximum), official, committee, roles, recorded
        )
        return self.result(status, message, observed=observed, gap=gap)


@lru_cache(maxsize=4096)
def _committee_verdict(
    limits: tuple[int, int],
    official: int,
    committee: int,
    roles: tuple[int, int],
    recorded: bool,
) -> tuple[Status, str, int, Gap | None]:
    """:class:`ChiUyRule`'s status, message, observed value and gap for a chi bộ with
    *official* members and *committee* seats, *roles* of them bí thư and phó bí thư (a
    chi bộ cơ sở's; zeros for another), under *limits* (``elect_at``, ``maximum``);
    *recorded* says whether the data record committee roles at all."""
    elect_at, maximum = limits
    figure = f"{format_number(official)} đảng viên chính thức"
    # Why one each: "bầu bí thư và một phó bí thư" with a chi ủy, "bầu bí thư, nếu
    # cần bầu phó bí thư" without one.
    extra = [
        f"{format_number(n)} {role.label.lower()}"
        for role, n in zip((CommitteeRole.BI_THU, CommitteeRole.PHO_BI_THU), roles, strict=True)
        if n > 1
    ]
    if official < elect_at:
        below = f"Có {figure}, dưới {format_number(elect_at)}"
        if extra:
            # A chi ủy kept from a larger chi bộ may stay; two bí thư never may.
            message = (
                f"{below}: chi bộ bầu bí thư và nếu cần một phó bí thư, nhưng có "
                f"{' và '.join(extra)}."
            )
            return Status.FAIL, message, official, None
        return Status.NOT_APPLICABLE, f"{below}: không bắt buộc có chi ủy.", official, None
    if not recorded:
        message = f"Có {figure} nhưng dữ liệu không ghi chức vụ cấp ủy của đảng viên nào."
        return Status.MISSING_DATA, message, official, None
    if committee == 0:
        return Status.FAIL, f"Có {figure} nhưng chưa có chi ủy.", official, None
    if committee > maximum:
        over = committee - maximum
        gap = Gap(over, f"vượt {format_number(over)} chi ủy viên")
        message = (
            f"Chi ủy có {format_number(committee)} đồng chí, quá {format_number(maximum)}; {gap}."
        )
        return Status.FAIL, message, committee, gap
    if extra:
        message = (
            f"Chi ủy {format_number(committee)} đồng chí có {' và '.join(extra)}; chi ủy "
            "bầu một bí thư và một phó bí thư."
        )
        return Status.FAIL, message, committee, None
    message = f"Có {figure}, chi ủy {format_number(committee)} đồng chí."
    return Status.PASS, message, committee, None


@frozen
class OverdueProbationRule(MemberCheckRule):
    """A probationary member with no decision past its deadline (quá hạn xét chuyển chính thức).

    The member becomes official at the 12-month mark by the Charter; the chi bộ then
    considers within *branch_days* (30) working days of the mark and the competent
    committee decides within *committee_days* (60) working days of the chi bộ's
    resolution (29-QĐ/TW 4.2; 232-QĐ/TW 4.3.1). The record holds no resolution day, so
    the decision is overdue once the latest day it can be due has passed: 60 working
    days after the chi bộ's own deadline, as :func:`coso_dang.operations.due_official`
    judges without resolutions. A member on the rolls with no ``official_on`` recorded
    by the date (a decision dated later was not yet taken on it) is overdue past that
    day (plus *grace_days* calendar days, 0 by default). With no ceremony recorded, the
    admission decision starts the 12 months, which can flag a few weeks early.

    Working days are counted on *calendar* (a
    :class:`~coso_dang.operations.WorkCalendar`); by default on the Vietnam calendar of
    public holidays, which needs the ``calendar`` extra. Without it the holidays are
    not known: the deadline cannot be placed, and a member past the earliest it can
    fall (working days counted on a six-day week) is ``UNDETERMINED``, never failed.

    Two decisions keep old records from swamping the report: only deadlines passed
    within the last *lookback_months* are examined (older members without a recorded
    date are taken as records that predate the data), and when no member in the tree
    has an ``official_on`` at all the tree does not record decisions, so the result
    is ``MISSING_DATA`` rather than a failure.

    References:
        Điều lệ Đảng (2011), Điều 5 (probation of 12 months); implemented by Quy định
        29-QĐ/TW (2016), 24-QĐ/TW (2021), 232-QĐ/TW (2025) and, from 1/7/2025,
        294-QĐ/TW (26/5/2025).

    >>> OverdueProbationRule().lookback_months
    12
    """

    code: ClassVar[str] = "dieu_le.qua_han_xet_chuyen_chinh_thuc"
    title: ClassVar[str] = "Đảng viên dự bị quá hạn xét chuyển chính thức"
    basis: ClassVar[Basis] = _BASIS_PROBATION
    parameter_checks: ClassVar[dict[str, ParameterCheck]] = {
        "grace_days": check_whole(0),
        "lookback_months": check_whole(0),
        "branch_days": check_whole(0),
        "committee_days": check_whole(0),
        "calendar": _check_calendar,
    }

    grace_days: int = field(default=0)
    lookback_months: int = field(default=12)
    branch_days: int = field(default=BRANCH_DAYS)
    committee_days: int = field(default=COMMITTEE_DAYS)
    calendar: WorkCalendar | None = field(default=None)

    def _calendar(self) -> WorkCalendar | None:
        """The calendar given, else the Vietnam one; ``None`` without the holidays."""
        return self.calendar if self.calendar is not None else _vietnam_calendar()

    def _start(self, member: Member) -> date:
        return member.ceremony_on or member.admitted_on

    def _due(self, start: date, calendar: WorkCalendar | None) -> date:
        """The last day for the decision of a probation begun on *start* (the earliest
        it can be when *calendar* is ``None``)."""
        return self._deadline(start, calendar)[0]

    def _deadline(self, start: date, calendar: WorkCalendar | None) -> tuple[date, str]:
        """:meth:`_due` and the sentence that places it (the 12-month mark, and the due
        day with a calendar), worked out once per start: a nation's members share a few
        hundred, and each was worked out twice per member (to select, then to word)."""
        return _deadline(calendar, start, (self.branch_days, self.committee_days), self.grace_days)

    def _starts(self, on: date) -> tuple[date, date]:
        # The deadline only moves later with the start, and lies at least 365 days (and
        # the grace) after it: the concerned members are exactly those whose start lies
        # from the first whose deadline reaches the look-back to the first whose
        # deadline reaches the date, found by halving (a few dozen deadlines) instead of
        # working out each member's.
        lower = _months_before(on, self.lookback_months)
        calendar = self._calendar()
        last = lower - timedelta(days=365 + self.grace_days)
        step = 128
        try:
            while self._due(last - timedelta(days=step), calendar) >= lower:
                step *= 2
            low, high = last - timedelta(days=step), last  # due(low) < lower <= due(high)
            first = self._first_due(low, high, lower, calendar)
        except OverflowError:
            first = date.min  # a look-back reaching the calendar's first years
        # Past it, every deadline is on or after the date: due(end) >= on.
        end = on - timedelta(days=364 + self.grace_days)
        if first >= end or self._due(first, calendar) >= on:
            return first, first
        return first, self._first_due(first, end, on, calendar)

    def _first_due(self, low: date, high: date, bound: date, calendar: WorkCalendar | None) -> date:
        """The first start after *low* whose deadline reaches *bound*, given that
        *low*'s does not and *high*'s does."""
        while (high - low).days > 1:
            middle = low + timedelta(days=(high - low).days // 2)
            if self._due(middle, calendar) >= bound:
                high = middle
            else:
                low = middle
        return high

    def select(self, source: Structure) -> Iterable[Member]:
        """Members with no recorded decision whose deadline passed within the look-back
        (by their start: see :meth:`_starts`)."""
        on = source.as_of
        first, last = self._starts(on)
        return [
            m
            for m in source.active_members(self.where)
            if (m.official_on is None or m.official_on > on)
            and first <= (m.ceremony_on or m.admitted_on) < last
        ]

    def where(self, source: Structure) -> Any:
        """:meth:`select` as an expression."""
        nw = require("narwhals", needed_for="Structure.from_frames")
        first, last = self._starts(source.as_of)
        start = nw.col("ceremony_on").fill_null(nw.col("admitted_on"))
        undecided = nw.col("official_on").is_null() | (nw.col("official_on") > source.as_of)
        return undecided & (start >= first) & (start < last)

    def concerns(self, subject: MemberOnDate) -> bool:
        """Members with no recorded decision whose deadline passed within the look-back."""
        m, on = subject.member, subject.structure.as_of
        if m.official_on is not None and m.official_on <= on:
            # Decided by the date. A decision dated after it was not taken on it: a
            # year's report made again later missed every member decided late.
            return False
        due = self._due(self._start(m), self._calendar())
        return _months_before(on, self.lookback_months) <= due < on

    def check(self, subject: MemberOnDate) -> RuleResult:
        """FAIL: the decision is overdue (MISSING_DATA when decisions are not recorded,
        UNDETERMINED when the holidays are not known)."""
        calendar = self._calendar()
        due, mark = self._deadline(self._start(subject.member), calendar)
        if calendar is None:
            message = (
                f"{mark}; chưa xác định được hạn quyết định công nhận chính thức: hạn tính "
                f"theo ngày làm việc ({format_number(self.branch_days)} ngày để chi bộ xét, "
                f"{format_number(self.committee_days)} ngày để cấp ủy quyết định) cần lịch "
                'ngày nghỉ lễ (pip install "coso-dang[calendar]").'
            )
            return self.result(Status.UNDETERMINED, message)
        days = (subject.structure.as_of - due).days
        if not subject.structure.records_official_dates:
            message = f"{mark}; dữ liệu không ghi ngày công nhận chính thức của đảng viên nào."
            return self.result(Status.MISSING_DATA, message, observed=days)
        message = (
            f"{mark} nhưng chưa có quyết định công nhận đảng viên chính thức "
            f"(quá hạn {format_number(days)} ngày)."
        )
        return self.result(Status.FAIL, message, observed=days)


@lru_cache(maxsize=1)
def _vietnam_calendar() -> WorkCalendar | None:
    """The Vietnam working-day calendar, made once; ``None`` without the holidays package."""
    # Imported here: the operations package reads this module's figures.
    from coso_dang.operations.calendar import CalendarError, WorkCalendar

    try:
        return WorkCalendar()
    except CalendarError:
        return None


@lru_cache(maxsize=4096)
def _decision_by(calendar: WorkCalendar | None, mark: date, days: tuple[int, int]) -> date:
    """The committee's latest deadline after the 12-month *mark*: *days* (the chi bộ's,
    then the committee's) working days on *calendar*. Without one, the earliest it can
    be: no holiday known, and a make-up Saturday may be worked, so every day but Sunday
    counts. Worked out once per mark: the members of a nation share a few hundred."""
    branch, committee = days
    if calendar is not None:
        return calendar.add_working_days(calendar.add_working_days(mark, branch), committee)
    weeks, left = divmod(branch + committee, 6)
    day = mark + timedelta(weeks=weeks)
    while left:
        day += timedelta(days=1)
        if day.weekday() != 6:
            left -= 1
    return day  # past 31/12/9999: an OverflowError, as the calendar gives


@lru_cache(maxsize=4096)
def _deadline(
    calendar: WorkCalendar | None, start: date, days: tuple[int, int], grace: int
) -> tuple[date, str]:
    """The last day for the decision of a probation begun on *start*, *days* working
    days (the chi bộ's, the committee's) and *grace* calendar days after its 12-month
    mark, and the words that place it: the mark, then the due day when *calendar*
    gives one."""
    try:
        end = probation_end(start)
        due = _decision_by(calendar, end, days) + timedelta(days=grace)
    except (ValueError, OverflowError):
        # Past 31/12/9999: overdue on no day of the calendar, so never worded. Python's
        # English "date value out of range" ended the whole check.
        return date.max, ""
    mark = f"Hết 12 tháng dự bị từ ngày {format_date(end, 'numeric')}"
    if calendar is not None:
        mark += f", hạn cấp ủy quyết định đến ngày {format_date(due, 'numeric')}"
    return due, mark


@lru_cache(maxsize=64)
def _months_before(on: date, months: int) -> date:
    """*months* months before *on* (the look-back's first day), worked out once per date."""
    return on - relativedelta(months=months)


def _at_least_min_age(rule: AdmissionAgeRule, value: object) -> int:
    age: int = check_whole(0)(rule, value)
    if age < rule.min_age:
        raise ValueError(N_("phải từ min_age ({least}) trở lên", least=rule.min_age))
    return age


@frozen
class AdmissionAgeRule(MemberCheckRule):
    """A member admitted before *min_age* or after *max_age* is flagged for review.

    Reports only the members it flags (and those without a birth date).

    The implementing rules write "từ 18 tuổi đến đủ 60 tuổi (tính theo tháng)": the
    lower bound is the 18th birthday (completed years on the admission decision); the
    upper one is counted in months, so an admission in the month after the 60th
    birthday (60 years and one month) is over 60, and 60 years and some days is not.
    Admission over 60 needs approval from a body directly under the Central Committee,
    so both cases are ``NEEDS_REVIEW``. Members without a birth date are
    ``MISSING_DATA``.

    References:
        Điều lệ Đảng (2011), Điều 1 and 4 (admission from 18); the upper age and the
        approval above it are in its implementing rules: Quy định 29-QĐ/TW (2016),
        24-QĐ/TW (2021), 232-QĐ/TW (2025) and, from 1/7/2025, 294-QĐ/TW (26/5/2025).

    >>> AdmissionAgeRule().max_age
    60
    """

    code: ClassVar[str] = "dieu_le.tuoi_ket_nap"
    title: ClassVar[str] = "Tuổi khi kết nạp từ 18 đến 60"
    basis: ClassVar[Basis] = _BASIS_ADMISSION

    parameter_checks: ClassVar[dict[str, ParameterCheck]] = {
        "min_age": check_whole(0),
        "max_age": _at_least_min_age,
    }

    # Why 18 and 60: admission "từ 18 tuổi đến đủ 60 tuổi (tính theo tháng)"; over 60
    # needs approval.
    min_age: int = field(default=18)
    max_age: int = field(default=60)

    def select(self, source: Structure) -> Iterable[Member]:
        """Members without a birth date or near or outside the ages, by a cheap count.

        The count reaches a birthday on 29/2 one day later than :meth:`Member.age` in a
        common year, so it may be one year short: the ages at *max_age* are kept too.
        """
        low, high = self.min_age, self.max_age
        found = []
        for m in source.active_members(self.where):
            b = m.birth_date
            if b is None:
                found.append(m)
                continue
            a = m.admitted_on
            years = a.year - b.year
            # The count is *years* or one less: strictly between the ages, it lies within
            # them whatever the day, and nearly every member is decided without the days.
            if low < years < high:
                continue
            if not low <= years - ((a.month, a.day) < (b.month, b.day)) < high:
                found.append(m)
        return found

    def where(self, source: Structure) -> Any:
        """:meth:`select` as an expression (it may keep a few more members: :meth:`select`
        decides)."""
        nw = require("narwhals", needed_for="Structure.from_frames")
        unknown = nw.col("birth_date").is_null()
        days = (
            None if source.table is None else source.table.day_numbers("admitted_on", "birth_date")
        )
        if days is not None:
            # Where days are numbers, by the days between birth and admission: fewer
            # than min_age years span fewer than min_age × 366 days (and a day, for a
            # birthday on 29/2), and max_age years at least max_age × 365. A few members
            # within days of a bound are kept too; the calendar's parts of every row
            # were most of the check's time.
            span = days[0] - days[1]
            return unknown | (span < self.min_age * 366 + 2) | (span >= self.max_age * 365 - 1)
        a, b = nw.col("admitted_on").dt, nw.col("birth_date").dt

        def day_of_year(d: Any) -> Any:
            # Engines give months and days as small integers (Int8): widen them first.
            # A missing day is 0 (its member is kept by the test of no birth date below):
            # Dask casts to numpy's integers, which hold no gap, and raised on one.
            month, day = d.month().fill_null(0), d.day().fill_null(0)
            return month.cast(nw.Int32) * 100 + day.cast(nw.Int32)

        late = day_of_year(a) < day_of_year(b)
        years = a.year() - b.year() - late.cast(nw.Int32)
        return unknown | (years < self.min_age) | (years >= self.max_age)

    def _over(self, member: Member) -> bool:
        # "đến đủ 60 tuổi (tính theo tháng)": over once a month past the 60th birthday.
        assert member.birth_date is not None
        first_over = member.birth_date + relativedelta(years=self.max_age, months=1)
        return member.admitted_on >= first_over

    def concerns(self, subject: MemberOnDate) -> bool:
        """Members outside the ages at admission, or without a birth date."""
        m = subject.member
        age = m.age(m.admitted_on)
        return age is None or age < self.min_age or self._over(m)

    def check(self, subject: MemberOnDate) -> RuleResult:
        """NEEDS_REVIEW outside the ages, MISSING_DATA without a birth date."""
        m = subject.member
        age = m.age(m.admitted_on)
        if age is None:
            return self.result(Status.MISSING_DATA, "Không có ngày sinh để tính tuổi khi kết nạp.")
        # The bounds are said, never the member's age (from the birth date: personal).
        if age < self.min_age:
            message = f"Kết nạp khi chưa đủ {format_number(self.min_age)} tuổi: cần xem xét."
            return self.result(Status.NEEDS_REVIEW, message)
        if self._over(m):
            message = (
                f"Kết nạp khi đã quá {format_number(self.max_age)} tuổi (tính theo tháng): "
                "cần văn bản đồng ý của cấp ủy trực thuộc Trung ương."
            )
            return self.result(Status.NEEDS_REVIEW, message)
        bounds = f"từ {format_number(self.min_age)} đến {format_number(self.max_age)} tuổi"
        return self.result(Status.PASS, f"Kết nạp trong độ tuổi {bounds}.")


#: The charter structure checks, on a :class:`Structure`.
DIEU_LE = register_pack(
    RuleSet(
        "Điều lệ Đảng — cơ cấu tổ chức và đảng viên",
        (
            MinOfficialMembersRule(),
            GrassrootsSizeRule(),
            ChiUyRule(),
            OverdueProbationRule(),
            AdmissionAgeRule(),
        ),
        code="dieu-le",
        basis=Basis(None, _IMPLEMENTED, source=_CHARTER),
        reads="structure",
    )
)

__getattr__ = aliases(__name__, {"CHARTER": "coso_dang.rules.charter:DIEU_LE"})
