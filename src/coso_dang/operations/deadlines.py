"""Deadlines an office keeps, counted on a :class:`~coso_dang.operations.WorkCalendar`.

From Quy định 29-QĐ/TW (4.2, 6.3) and 232-QĐ/TW (4.3.1), each a parameter:

* the admission ceremony within :data:`CEREMONY_DAYS` working days of the decision;
* the chi bộ considers a probationary member within :data:`BRANCH_DAYS` working days of
  the 12-month mark, and the competent committee decides within
  :data:`COMMITTEE_DAYS` working days of the chi bộ's resolution; the member is official
  from the mark however late the decision;
* an official transfer within :data:`OFFICIAL_TRANSFER_DAYS` working days of the change of job,
  retirement or move; the transfer paper presented within :data:`PAPER_DAYS` (calendar)
  days of its issue;
* a temporary transfer for an absence of :data:`TEMPORARY_MIN_MONTHS` (3) months to
  under :data:`TEMPORARY_MAX_MONTHS` (12), or for study of up to :data:`STUDY_MAX_MONTHS`
  (24) (:func:`temporary_transfer_problem`);
* an exemption for "other cases" has an end date (:class:`Exemption`);
* an exemption for old age (tuổi cao) needs a member older than :data:`ELDERLY_AGES`
  by gender, a reading unconfirmed today [U] (:func:`exemption_problem`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from attrs import field, frozen
from dateutil.relativedelta import relativedelta

from coso_dang._checks import as_day, non_empty, of_type
from coso_dang._deprecation import aliases
from coso_dang._enums import LabelledEnum
from coso_dang.errors import ArgumentError, CosoDangError, RecordError, UsageError
from coso_dang.history.events import MemberEvent, MemberEventKind

# Calendar days to present a transfer paper [S]: one figure, the one History checks.
from coso_dang.history.membership import PAPER_DAYS
from coso_dang.i18n import N_
from coso_dang.members import Gender, LeaveReason, Member, probation_end
from coso_dang.operations._args import calendar_argument, day_argument, member_records
from coso_dang.operations.calendar import WorkCalendar
from coso_dang.operations.table import OfficeTable, Tabled

# Working days for the chi bộ (30) and the committee (60) on a probation (29-QĐ/TW 4.2):
# one figure each, the ones the charter check of an overdue decision reads.
from coso_dang.rules.charter import BRANCH_DAYS, COMMITTEE_DAYS
from coso_dang.tree import OrgTree
from coso_dang.vi.dates import format_date

if TYPE_CHECKING:
    from coso_dang.history import History

__all__ = [
    "BRANCH_DAYS",
    "CEREMONY_DAYS",
    "COMMITTEE_DAYS",
    "ELDERLY_AGES",
    "OFFICIAL_TRANSFER_DAYS",
    "PAPER_DAYS",
    "STUDY_MAX_MONTHS",
    "TEMPORARY_MAX_MONTHS",
    "TEMPORARY_MIN_MONTHS",
    "Deadline",
    "DeadlineList",
    "DueOfficialEntry",
    "DueOfficialList",
    "Exemption",
    "ExemptionKind",
    "deadlines",
    "due_official",
    "exemption_problem",
    "exemptions_ending",
    "temporary_transfer_problem",
    "transfer_deadline",
]

#: Working days from the admission decision to the ceremony (29-QĐ/TW 4.2).
CEREMONY_DAYS = 30
#: Working days from a change of job, retirement or move to an official transfer (6.3).
OFFICIAL_TRANSFER_DAYS = 60
#: A temporary transfer covers an absence from 3 months to under 12 (29-QĐ/TW 6.3)…
TEMPORARY_MIN_MONTHS = 3
#: …exclusive upper end for work…
TEMPORARY_MAX_MONTHS = 12
#: …and up to 24 months for study.
STUDY_MAX_MONTHS = 24
#: "Tuổi cao" for an exemption from work and activities, by gender: men over 60, women
#: over 55, in completed years (older than the figure: 61 and 56 and up, as the age band
#: "Trên 60 tuổi" counts). 27-HD/BTCTW (2009) gives these ages; whether they hold today
#: is unconfirmed [U]: pass another mapping to :func:`exemption_problem`.
ELDERLY_AGES: Mapping[Gender, int] = {Gender.NAM: 60, Gender.NU: 55}


class _WindowError(CosoDangError, ValueError):
    """Days given the wrong way round (a :class:`ValueError` as before)."""


def _back(day: date, span: relativedelta) -> date:
    """*day* moved back by *span*, or the calendar's first day when that is before it:
    a list of a day in year 1 failed with Python's "date value out of range"."""
    try:
        return day - span
    except (OverflowError, ValueError):
        return date.min


def _names(source: OrgTree | Iterable[Member]) -> dict[str, str]:
    return {o.id: o.name for o in source.walk()} if isinstance(source, OrgTree) else {}


def _d(day: date | None) -> str:
    return "" if day is None else format_date(day, "numeric")


# -- becoming official ---------------------------------------------------------------------


@frozen
class DueOfficialEntry:
    """A probationary member and the steps to becoming official, with their deadlines.

    ``late`` names the step overdue on the list's day, or decided late; ``None`` when
    on time so far.

    Its ``repr`` shows the member only, as :class:`~coso_dang.Member`'s does: the mark
    tells the ceremony's day, and a re-admission's day that the member was once
    removed or expelled.
    """

    member: Member
    mark: date = field(repr=False)
    branch_by: date = field(repr=False)
    resolved_on: date | None = field(repr=False)
    committee_by: date | None = field(repr=False)
    decided_on: date | None = field(repr=False)
    late: str | None = field(repr=False)
    #: The admission this probation follows: the re-admission (kết nạp lại) of a member
    #: re-admitted, else the record's admission (``None`` reads as the latter).
    admitted_on: date | None = field(default=None, repr=False)
    #: No decision yet, the chi bộ's deadline passed and its resolution day not given
    #: (``resolutions=None``): whether the chi bộ met in time is not known, and
    #: ``committee_by`` is the latest the committee's deadline can be.
    resolution_unknown: bool = field(default=False, repr=False, kw_only=True)


# Said of a member with no decision whose chi bộ's deadline passed, the resolutions not
# given: whether the chi bộ met in time is not known.
_NO_RESOLUTION_DAY = "không có ngày nghị quyết chi bộ trong dữ liệu"


@frozen
class DueOfficialList(Tabled):
    """Members due to become official in a period, and those overdue on :attr:`on`."""

    start: date
    end: date
    on: date
    entries: tuple[DueOfficialEntry, ...]
    org_names: Mapping[str, str] = field(factory=dict, repr=False)

    @property
    def overdue(self) -> tuple[DueOfficialEntry, ...]:
        """The entries with a step overdue or done late."""
        return tuple(e for e in self.entries if e.late is not None)

    def table(self) -> OfficeTable:
        """The list as a table."""
        headers = (
            "STT", "Mã", "Họ và tên", "Chi bộ", "Ngày kết nạp", "Đủ 12 tháng",
            "Chi bộ xét trước", "Nghị quyết chi bộ", "Cấp ủy quyết định trước",
            "Quyết định công nhận", "Quá hạn", "Ghi chú",
        )  # fmt: skip
        rows = [
            (
                n,
                e.member.id,
                e.member.full_name,
                self.org_names.get(e.member.org_id, e.member.org_id),
                e.member.admitted_on if e.admitted_on is None else e.admitted_on,
                e.mark,
                e.branch_by,
                e.resolved_on,
                e.committee_by,
                e.decided_on,
                e.late,
                # The text's note: a blank "Nghị quyết chi bộ" cell read as no resolution,
                # where the data hold no resolution days at all.
                _NO_RESOLUTION_DAY if e.resolution_unknown and e.late is None else None,
            )
            for n, e in enumerate(self.entries, 1)
        ]
        title = f"Đảng viên dự bị đến hạn chuyển chính thức từ {_d(self.start)} đến {_d(self.end)}"
        return OfficeTable(title, headers, rows)

    def text(self) -> str:
        """The list in Vietnamese."""
        lines = [self.table().title.upper()]
        if not self.entries:
            lines.append("Không có đảng viên dự bị nào đến hạn.")
        for n, e in enumerate(self.entries, 1):
            org = self.org_names.get(e.member.org_id, e.member.org_id)
            line = (
                f"{n}. Đồng chí {e.member.full_name}, {org}: đủ 12 tháng dự bị ngày {_d(e.mark)}; "
                f"chi bộ xét trước ngày {_d(e.branch_by)}"
            )
            if e.committee_by is not None:
                line += f"; cấp ủy quyết định trước ngày {_d(e.committee_by)}"
            if e.resolution_unknown and e.late is None:
                # Not "quá hạn": the chi bộ may have met in time, the data cannot say.
                line += f" — {_NO_RESOLUTION_DAY}"
            if e.late is not None:
                line += f" — {e.late}"
            lines.append(line + ".")
        return "\n".join(lines)


def due_official(
    source: OrgTree | Iterable[Member],
    start: date,
    end: date,
    *,
    calendar: WorkCalendar,
    on: date | None = None,
    resolutions: Mapping[str, date] | None = None,
    branch_days: int = BRANCH_DAYS,
    committee_days: int = COMMITTEE_DAYS,
    lookback_months: int = 12,
    history: History | None = None,
) -> DueOfficialList:
    """Members whose 12-month mark falls from *start* to *end*, and the overdue ones.

    Args:
        source: the members (a tree also gives the chi bộ names).
        start, end: the period, both days included.
        calendar: the working-day calendar.
        on: the day the list is made (overdue is judged on it); by default *end*.
        resolutions: the chi bộ's resolution day, by member id, where passed; a
            mapping, empty too, says the others have none. ``None`` (the default, and
            the command line, whose data hold no resolution) says they are not known:
            a member with no decision past the chi bộ's deadline is then not called
            overdue, since the chi bộ may have met in time; the committee's deadline
            is the latest it can be (60 working days after the chi bộ's), the line
            says the data has no resolution day, and past that deadline the decision
            is overdue whatever the chi bộ did.
        branch_days, committee_days: the deadlines in working days.
        lookback_months: how far before *start* a member's mark may fall and the
            member still be listed, while a step is overdue (see below).
        history: the members' events. A member re-admitted (kết nạp lại) is on
            probation again, 12 months from the re-admission, which the record (its
            first admission) does not hold; a decision recorded before it is the first
            probation's.

    Members whose mark is up to *lookback_months* before *start* are listed too while
    a step is overdue on *on*: no chi bộ resolution or no committee decision recorded
    in time. Members who left before their mark are not listed; the chi bộ's step is
    not overdue for a member who left (died, transferred out) before its deadline, nor,
    the resolutions not known, the committee's.
    """
    # Days read by pandas or a spreadsheet come as datetimes, never compared with dates.
    start, end = (
        day_argument("due_official", "start", start),
        day_argument("due_official", "end", end),
    )
    on = None if on is None else day_argument("due_official", "on", on)
    calendar_argument("due_official", calendar)
    if resolutions is not None and not isinstance(resolutions, Mapping):
        expected = N_("một ánh xạ từ mã đảng viên tới ngày, hoặc None")
        raise UsageError("due_official", "resolutions", expected, resolutions)
    if end < start:
        raise _WindowError(
            N_("kỳ kết thúc ({end}) trước khi bắt đầu ({start})", end=_d(end), start=_d(start))
        )
    today = end if on is None else on
    known = resolutions is not None
    resolved = {key: as_day(day) for key, day in (resolutions or {}).items()}
    earliest = _back(start, relativedelta(months=lookback_months))
    entries = []
    for m in member_records(source, "due_official"):
        decided = m.official_on
        readmitted = _readmitted_on(history, m, end)
        try:
            mark = m.official_date if readmitted is None else probation_end(readmitted)
        except (ValueError, OverflowError):
            # The 12 months end past 31/12/9999 (an admission in 9999, a placeholder for
            # an unknown day): in no period. Python's English "year 10000 is out of
            # range" ended the whole list.
            continue
        if readmitted is not None and decided is not None and decided < readmitted:
            decided = None
        if not earliest <= mark <= end or not m.is_active(mark):
            continue
        branch_by = calendar.add_working_days(mark, branch_days)
        resolution = resolved.get(m.id)
        # A step taken after the list's day was not taken on it: a list of a past day
        # made again said "chi bộ xét muộn" before the chi bộ's deadline had passed.
        if resolution is not None and resolution > today:
            resolution = None
        if decided is not None and decided > today:
            decided = None
        committee_by = (
            None if resolution is None else calendar.add_working_days(resolution, committee_days)
        )
        # A member who died or transferred out before the chi bộ's deadline, not yet
        # considered, has no meeting left here (the receiving chi bộ considers one
        # moved): listed as overdue, it stayed on every list for a year, as the
        # ceremonies of deadlines() once did. The committee's step stays its own.
        left = m.left_on
        gone = left is not None and left <= branch_by
        # Resolutions not known: the chi bộ may have met by its deadline, so the committee
        # has until 60 working days after it; only past that is the decision surely late.
        # Not for a member gone before that deadline: the chi bộ may rightly never have
        # met, and the committee's step, only possibly owed, is never surely late (the
        # line said "chưa có quyết định của cấp ủy, quá hạn" of a member who had died).
        unknown = not known and not gone and (decided is not None or today > branch_by)
        if unknown:
            committee_by = calendar.add_working_days(branch_by, committee_days)
        late = None
        if unknown:
            pass  # the chi bộ's step cannot be judged: the committee's is, below
        elif resolution is None and decided is None and today > branch_by:
            if not gone:
                late = f"chưa có nghị quyết chi bộ, quá hạn {_d(branch_by)}"
        elif resolution is not None and resolution > branch_by:
            late = f"chi bộ xét muộn (hạn {_d(branch_by)})"
        if late is None and committee_by is not None:
            if decided is None and today > committee_by:
                late = f"chưa có quyết định của cấp ủy, quá hạn {_d(committee_by)}"
            elif decided is not None and decided > committee_by:
                late = f"cấp ủy quyết định muộn (hạn {_d(committee_by)})"
        in_period = start <= mark <= end
        # Undecided, the chi bộ's resolution unknown: maybe late, listed as the late are.
        pending = unknown and decided is None
        if in_period or ((late is not None or pending) and decided is None):
            admitted = m.admitted_on if readmitted is None else readmitted
            entry = DueOfficialEntry(
                m, mark, branch_by, resolution, committee_by, decided, late, admitted,
                resolution_unknown=pending,
            )  # fmt: skip
            entries.append(entry)
    entries.sort(key=lambda e: (e.mark, e.member.id))
    return DueOfficialList(start, end, today, tuple(entries), _names(source))


def _readmitted_on(history: History | None, member: Member, by: date) -> date | None:
    """The member's last re-admission (kết nạp lại) in *history* on or before *by*, if any.

    One after *by* starts a probation after the period: the list of a past period made
    again later lost the first probation, whose mark falls in it.
    """
    if history is None:
        return None
    days = [
        e.on
        for e in history.events(member.id)
        if e.kind is MemberEventKind.KET_NAP_LAI and e.on <= by
    ]
    return max(days) if days else None


# -- ceremonies and transfers --------------------------------------------------------------


# What a ceremony's deadline is called in a DeadlineList.
_CEREMONY = "Tổ chức lễ kết nạp"

# Said under a list holding a ceremony with no day recorded that it counts as overdue:
# a source without the ceremony's column has every ceremony undated, and the list cannot
# tell that from one not held.
_UNDATED_CEREMONY_NOTE = (
    "Ghi chú: lễ kết nạp chưa ghi ngày tổ chức (cột «Ngày lễ kết nạp») được tính là "
    "chưa tổ chức; nếu dữ liệu không có cột này, hãy đối chiếu với hồ sơ trước khi kết "
    "luận quá hạn."
)
# The same, in the table's "Ghi chú" cell of each such ceremony: the table written to a
# file said "quá hạn" as a fact where the text gave the note.
_UNDATED_CEREMONY_CELL = (
    "chưa ghi ngày tổ chức lễ kết nạp: được tính là chưa tổ chức; hãy đối chiếu với hồ sơ "
    "trước khi kết luận quá hạn"
)


def _undated_and_overdue(deadline: Deadline, on: date) -> bool:
    """A ceremony with no day recorded, overdue on *on*: the list notes it (see above)."""
    return deadline.what == _CEREMONY and deadline.done_on is None and deadline.overdue(on)


@frozen
class Deadline:
    """One thing to do by a day: what, for whom, from which event, and whether it is late.

    Its ``repr`` shows what and whom only: the days are the member's admission,
    ceremony or departure, personal as :class:`~coso_dang.Member` keeps them.
    """

    what: str
    member: Member
    # Days read by pandas or a spreadsheet come as datetimes, never compared with dates.
    since: date = field(converter=as_day, repr=False)
    due: date = field(converter=as_day, repr=False)
    done_on: date | None = field(default=None, converter=as_day, repr=False)

    def overdue(self, on: date) -> bool:
        """True when not done by the deadline (judged on *on*), or done after it.

        A thing done after *on* was not done on *on*: a list of a past day made again
        later is late on that day only once the deadline had passed.
        """
        day: date = as_day(on)  # a datetime is never compared with a date
        if self.done_on is not None and self.done_on <= day:
            return self.done_on > self.due
        return day > self.due


@frozen
class DeadlineList(Tabled):
    """The deadlines falling due up to a day, with those overdue."""

    on: date
    entries: tuple[Deadline, ...]
    org_names: Mapping[str, str] = field(factory=dict, repr=False)

    def table(self) -> OfficeTable:
        """The list as a table."""
        headers = (
            "STT",
            "Mã",
            "Họ và tên",
            "Chi bộ",
            "Việc",
            "Từ ngày",
            "Hạn",
            "Đã làm",
            "Quá hạn",
            "Ghi chú",
        )
        rows = [
            (
                n,
                d.member.id,
                d.member.full_name,
                self.org_names.get(d.member.org_id, d.member.org_id),
                d.what,
                d.since,
                d.due,
                # Done after the list's day was not done on it, as overdue() judges.
                d.done_on if d.done_on is not None and d.done_on <= self.on else None,
                d.overdue(self.on),
                _UNDATED_CEREMONY_CELL if _undated_and_overdue(d, self.on) else None,
            )
            for n, d in enumerate(self.entries, 1)
        ]
        return OfficeTable(f"Các việc đến hạn tính đến ngày {_d(self.on)}", headers, rows)

    def text(self) -> str:
        """The list in Vietnamese."""
        lines = [self.table().title.upper()]
        if not self.entries:
            lines.append("Không có việc nào đến hạn.")
        for n, d in enumerate(self.entries, 1):
            state = " — quá hạn" if d.overdue(self.on) else ""
            lines.append(
                f"{n}. {d.what}: đồng chí {d.member.full_name} (từ {_d(d.since)}), "
                f"hạn {_d(d.due)}{state}."
            )
        if any(_undated_and_overdue(d, self.on) for d in self.entries):
            lines.append(_UNDATED_CEREMONY_NOTE)
        return "\n".join(lines)


def deadlines(
    source: OrgTree | Iterable[Member],
    on: date,
    *,
    calendar: WorkCalendar,
    since: date | None = None,
    ceremony_days: int = CEREMONY_DAYS,
    paper_days: int = PAPER_DAYS,
    lookback_months: int = 12,
    history: History | None = None,
) -> DeadlineList:
    """The ceremonies and transfer papers whose events fall from *since* to *on*.

    * an admission decision in the window: the ceremony by *ceremony_days* working
      days after it (done when ``ceremony_on`` is recorded, so a ceremony with no day
      recorded is taken as not held, and :meth:`DeadlineList.text` says so under an
      overdue one; none for a member who left before the deadline without one); a
      decision up to *lookback_months* before the window is listed too while its
      ceremony is overdue on *on* and the member is on the rolls, as
      :func:`due_official` lists its overdue steps;
    * a transfer out (``leave_reason`` chuyển đi) in the window: the paper presented
      within *paper_days* calendar days of ``left_on``.

    With *history* (the members' events), every official transfer out (chuyển sinh
    hoạt chính thức đi) in the window has its paper, a transfer between two chi bộ of
    the data too (its record names the chi bộ it went to, and gives no departure),
    and the paper is presented on the day the transfer in (chuyển đến) that follows it
    is recorded. Without it, a transfer's paper is done on no day.

    *since* defaults to 90 days before *on*.

    Raises:
        ValueError: *since* is after *on*.
    """
    on = day_argument("deadlines", "on", on)  # a datetime is never compared with a date
    if since is None:
        start = _back(on, relativedelta(days=90))
    else:
        start = day_argument("deadlines", "since", since)
    calendar_argument("deadlines", calendar)
    if start > on:
        # A window the wrong way round listed nothing: "Không có việc nào đến hạn".
        raise _WindowError(
            N_(
                "ngày lập danh sách ({on}) trước ngày bắt đầu liệt kê ({start})",
                on=_d(on),
                start=_d(start),
            )
        )
    earliest = _back(start, relativedelta(months=lookback_months))
    entries = []
    for m in member_records(source, "deadlines"):
        if earliest <= m.admitted_on <= on:
            due = calendar.add_working_days(m.admitted_on, ceremony_days)
            # A member who died or left before the deadline, with no ceremony held, has
            # none to hold: it was listed as overdue for good.
            # Gone after the list's day, the ceremony was still to hold on that day.
            left = m.left_on
            gone = m.ceremony_on is None and left is not None and left <= min(due, on)
            # Before the window, only a ceremony still not held and overdue: it dropped
            # off the list 90 days after the decision, and was never asked for again.
            held = m.ceremony_on is not None and m.ceremony_on <= on
            listed = m.admitted_on >= start or (not held and due < on and m.is_active(on))
            if listed and not gone:
                entries.append(Deadline(_CEREMONY, m, m.admitted_on, due, m.ceremony_on))
        papers: dict[date, date | None] = {}
        if m.leave_reason is LeaveReason.CHUYEN_DI and m.left_on and start <= m.left_on <= on:
            papers[m.left_on] = None
        if history is not None:
            # A transfer between two chi bộ of the data is in the events alone: it was
            # on no list. The record's own departure, in the events too, is one paper.
            papers.update(_transfers_out(history.events(m.id), start, on))
        for left, arrived in sorted(papers.items()):
            due = left + timedelta(days=paper_days)
            what = "Nộp giấy giới thiệu sinh hoạt đảng"
            entries.append(Deadline(what, m, left, due, arrived))
    entries.sort(key=lambda d: (d.due, d.member.id, d.what))
    return DeadlineList(on, tuple(entries), _names(source))


def _transfers_out(
    events: Sequence[MemberEvent], start: date, end: date
) -> dict[date, date | None]:
    """Each official transfer out from *start* to *end*, with the day of the transfer in
    that follows it (on or after it), if recorded."""
    found: dict[date, date | None] = {}
    for event in events:
        if event.kind is MemberEventKind.CHUYEN_DI and start <= event.on <= end:
            found[event.on] = next(
                (e.on for e in events if e.kind is MemberEventKind.CHUYEN_DEN and e.on >= event.on),
                None,
            )
    return found


def transfer_deadline(
    changed_on: date, calendar: WorkCalendar, days: int = OFFICIAL_TRANSFER_DAYS
) -> date:
    """The last day to transfer officially after a change of job, retirement or move."""
    return calendar.add_working_days(changed_on, days)


def _months_text(months: int) -> str:
    """ "1 năm", "18 tháng": a span of months as the messages say it."""
    return f"{months // 12} năm" if months % 12 == 0 else f"{months} tháng"


def temporary_transfer_problem(
    start: date,
    end: date,
    *,
    study: bool = False,
    min_months: int = TEMPORARY_MIN_MONTHS,
    max_months: int = TEMPORARY_MAX_MONTHS,
    study_max_months: int = STUDY_MAX_MONTHS,
) -> str | None:
    """Why an absence from *start* to *end* does not fit a temporary transfer, or ``None``.

    *min_months* (3) to under *max_months* (12; study: up to *study_max_months*, 24);
    shorter needs no transfer, longer an official one.

    Raises:
        ValueError: *end* is before *start*, or the months are not whole numbers with
            0 < *min_months* ≤ *max_months* and *min_months* ≤ *study_max_months*.

    >>> temporary_transfer_problem(date(2026, 1, 1), date(2027, 1, 1))
    'vắng từ 1 năm trở lên: chuyển sinh hoạt chính thức'
    >>> temporary_transfer_problem(date(2026, 1, 1), date(2027, 6, 1), study=True) is None
    True
    """
    start = day_argument("temporary_transfer_problem", "start", start)  # a datetime: its date
    end = day_argument("temporary_transfer_problem", "end", end)
    if end < start:
        # The days swapped read as an absence "under 3 months": no transfer at all.
        raise _WindowError(
            N_(
                "thời gian vắng kết thúc ({end}) trước khi bắt đầu ({start})",
                end=_d(end),
                start=_d(start),
            )
        )
    months = (min_months, max_months, study_max_months)
    if any(
        isinstance(m, bool) or not isinstance(m, int) for m in months
    ) or not 0 < min_months <= min(max_months, study_max_months):
        raise ArgumentError(
            N_(
                "min_months, max_months và study_max_months phải là số nguyên, "
                "0 < min_months ≤ hai số kia, không phải {months}",
                months=repr(months),
            )
        )
    low = _months_after(start, min_months)
    if low is None or end < low:
        return f"vắng dưới {_months_text(min_months)}: không chuyển sinh hoạt tạm thời"
    if study:
        high = _months_after(start, study_max_months)
        if high is not None and end > high:
            return f"đi học trên {_months_text(study_max_months)}: chuyển sinh hoạt chính thức"
        return None
    high = _months_after(start, max_months)
    if high is not None and end >= high:
        return f"vắng từ {_months_text(max_months)} trở lên: chuyển sinh hoạt chính thức"
    return None


def _months_after(start: date, months: int) -> date | None:
    """*start* plus *months*; ``None`` past 31/12/9999, after every end (an absence from
    9999 stopped the check with Python's English "year 10000 is out of range")."""
    try:
        return start + relativedelta(months=months)
    except (ValueError, OverflowError):
        return None


# -- exemptions ----------------------------------------------------------------------------


class ExemptionKind(LabelledEnum):
    """Why a member is exempt from work and activities (27-HD/BTCTW, 2009)."""

    #: Tuổi cao.
    TUOI_CAO = ("tuoi_cao", "Tuổi cao")
    #: Sức khỏe yếu (an illness needing treatment for 3 months or more).
    SUC_KHOE = ("suc_khoe", "Sức khỏe yếu")
    #: Other cases (away 3 months or more, mobile work): time-limited.
    KHAC = ("khac", "Trường hợp khác")

    @classmethod
    def _personal(cls) -> bool:
        return True  # an illness


def _end_needed(instance: Exemption, attribute: Any, value: date | None) -> None:
    if value is None and instance.kind is ExemptionKind.KHAC:
        raise RecordError(
            "Exemption",
            attribute.name,
            None,
            N_("cần ghi ngày kết thúc với trường hợp miễn có thời hạn"),
        )
    if value is not None and isinstance(instance.start, date) and value < instance.start:
        raise RecordError("Exemption", attribute.name, None, N_("trước ngày bắt đầu"))


@frozen
class Exemption:
    """An exemption from work and activities; "other cases" need an end date. Personal."""

    member_id: str = field(validator=non_empty)
    start: date = field(repr=False, converter=as_day, validator=of_type(date))
    kind: ExemptionKind = field(repr=False, validator=of_type(ExemptionKind))
    # An end that is no date was kept and stopped exemptions_ending with a bare TypeError.
    end: date | None = field(
        default=None,
        repr=False,
        converter=as_day,
        validator=[of_type(date, optional=True), _end_needed],
    )


def exemptions_ending(exemptions: Iterable[Exemption], start: date, end: date) -> list[Exemption]:
    """The exemptions whose end date falls from *start* to *end*, soonest first."""
    start = day_argument(
        "exemptions_ending", "start", start
    )  # a datetime is never compared with a date
    end = day_argument("exemptions_ending", "end", end)
    if end < start:
        raise _WindowError(
            N_("kỳ kết thúc ({end}) trước khi bắt đầu ({start})", end=_d(end), start=_d(start))
        )
    found = [e for e in exemptions if e.end is not None and start <= e.end <= end]
    return sorted(found, key=lambda e: (e.end or end, e.member_id))


def exemption_problem(
    exemption: Exemption,
    member: Member,
    *,
    elderly_ages: Mapping[Gender, int] = ELDERLY_AGES,
) -> str | None:
    """Why *member* does not fit *exemption*'s reason, or ``None``.

    An exemption for old age (tuổi cao) needs a member older than *elderly_ages* for
    their gender on the exemption's first day (men over 60, women over 55 by default).
    A member whose birth date or gender is not recorded cannot be judged: that is said,
    not taken for a fit. The other reasons are not checked against the record.

    The answer names the rule for every gender, never the member's age, birth date or
    gender, which are personal.

    Raises:
        ValueError: *exemption* is another member's, or *elderly_ages* maps something
            other than a :class:`~coso_dang.Gender` to whole years.

    >>> m = Member("dv1", "Trần Văn An", "cb", admitted_on=date(1990, 1, 1),
    ...            birth_date=date(1967, 5, 1), gender=Gender.NAM)
    >>> exemption_problem(Exemption("dv1", date(2026, 3, 1), ExemptionKind.TUOI_CAO), m)
    'chưa đến tuổi cao (nam trên 60 tuổi, nữ trên 55 tuổi)'
    >>> exemption_problem(Exemption("dv1", date(2028, 5, 1), ExemptionKind.TUOI_CAO), m) is None
    True
    """
    if exemption.member_id != member.id:
        # Another member's record judged the exemption by the wrong birth date.
        raise ArgumentError(N_("việc miễn và hồ sơ đảng viên là của hai đảng viên khác nhau"))
    if exemption.kind is not ExemptionKind.TUOI_CAO:
        return None
    for key, years in elderly_ages.items():
        if not isinstance(key, Gender) or isinstance(years, bool) or not isinstance(years, int):
            raise ArgumentError(
                N_(
                    "elderly_ages phải ánh xạ một Gender tới số năm nguyên, không phải "
                    "{key}: {years}",
                    key=repr(key),
                    years=repr(years),
                )
            )
    gender, born = member.gender, member.birth_date
    # An exemption dated before the birth date (a slip in either) is no old age.
    age = 0 if born is not None and exemption.start < born else member.age(exemption.start)
    if gender is None or age is None:
        return "chưa rõ ngày sinh hoặc giới tính: không xác định được tuổi cao"
    limit = elderly_ages.get(gender)
    if limit is None:
        return "không có mức tuổi cao cho giới tính này"
    if age <= limit:
        rule = ", ".join(
            f"{g.label.lower()} trên {elderly_ages[g]} tuổi" for g in Gender if g in elderly_ages
        )
        return f"chưa đến tuổi cao ({rule})"
    return None


# The old name, for one release (it warns): "TRANSFER_DAYS" was 60 working days here and
# 30 calendar days in coso_dang.history, two facts under one name.
__getattr__ = aliases(
    __name__, {"TRANSFER_DAYS": "coso_dang.operations.deadlines:OFFICIAL_TRANSFER_DAYS"}
)
