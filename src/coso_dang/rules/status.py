"""Status checks: the members a chi bộ must consider removing from the rolls (xóa tên).

Quy định 29-QĐ/TW, 8.1 (its figures kept by the later implementing rules) lists the
cases; each is a rule that names the candidates with the reason:

* 3 months in a year without party activity, or without paying dues, without good
  reason (:class:`AbsenceRule`);
* no progress after 12 months of the chi bộ's help (:class:`NoProgressRule`);
* the standards of a party member violated two years running, read as the approved
  rating KHTNV in two consecutive years (:class:`TwoYearsRule`) [U]: the text speaks of
  violating the standards, and the rating is the record that says it.

The facts the rating records do not hold come in :class:`StatusRecord` (months absent
or unpaid, the help given); :func:`coso_dang.operations.dues_statement` counts the
months unpaid. A candidate is a FAIL: the chi bộ weighs it and decides.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING, Any, ClassVar

from attrs import field, frozen
from dateutil.relativedelta import relativedelta

from coso_dang._checks import as_day, non_empty, of_type, whole_in_range
from coso_dang.documents import QD29
from coso_dang.errors import RecordError, UsageError
from coso_dang.evaluation import Evaluation, ReviewPeriod, SubjectKind
from coso_dang.i18n import N_, TypeName
from coso_dang.members import Member
from coso_dang.ratings import Rating
from coso_dang.rules.base import (
    Basis,
    ParameterCheck,
    Rule,
    RuleParameterError,
    RuleResult,
    Status,
    SubjectRef,
    check_whole,
)
from coso_dang.rules.rating import UNRATED_MONTHS
from coso_dang.rules.ruleset import RuleSet, register_pack
from coso_dang.tree import OrgTree
from coso_dang.vi.dates import format_date
from coso_dang.vi.numbers import format_number

if TYPE_CHECKING:
    from coso_dang.history import History

__all__ = [
    "ABSENCE_MONTHS",
    "STATUS",
    "AbsenceRule",
    "NoProgressRule",
    "StatusRecord",
    "StatusRound",
    "StatusSubject",
    "TwoYearsRule",
    "check_unique",
    "duplicate_record_error",
]

#: Months in a year without party activity, or without paying dues, without good reason,
#: that make a member a removal candidate (29-QĐ/TW 8.1; 01-QĐ/TW of 2026 for the dues):
#: :class:`AbsenceRule` and ``operations.DuesRules`` read this one figure.
ABSENCE_MONTHS = 3

_months = whole_in_range(0, 12, personal=True)


def _optional_months(instance: Any, attribute: Any, value: object) -> None:
    if value is not None:
        _months(instance, attribute, value)


@frozen
class StatusRecord:
    """A member's year as the chi bộ follows it; personal (only id and year in ``repr``).

    Args:
        member_id, year: whom and which year.
        months_absent: months without party activity.
        months_unpaid: months without paying dues.
        good_reason: the chi bộ accepts a good reason for them.
        helped_since: since when the chi bộ has been helping a member who fell short.
        progressed: whether the member has progressed since (``None``: not assessed).
    """

    member_id: str = field(validator=non_empty)
    year: int = field(validator=whole_in_range(1930, 9999))
    months_absent: int | None = field(default=None, repr=False, validator=_optional_months)
    months_unpaid: int | None = field(default=None, repr=False, validator=_optional_months)
    good_reason: bool = field(default=False, repr=False, validator=of_type(bool))
    helped_since: date | None = field(
        default=None, repr=False, converter=as_day, validator=of_type(date, optional=True)
    )
    progressed: bool | None = field(
        default=None, repr=False, validator=of_type(bool, optional=True)
    )


def _collection(value: Any, argument: str, expected: str) -> tuple[Any, ...]:
    """*value* as a tuple, refusing in words a value that is no collection (a string, a
    number): Python's "'int' object is not iterable", or a string read letter by letter
    as records."""
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise UsageError("StatusRound", argument, expected, value)
    return tuple(value)


def _records(value: Any) -> tuple[Any, ...]:
    return _collection(value, "records", _RECORDS)


def _evaluations(value: Any) -> tuple[Any, ...]:
    return _collection(value, "evaluations", _EVALUATIONS)


_RECORDS = N_("các bản ghi StatusRecord")
_EVALUATIONS = N_("các bản ghi Evaluation")


def check_unique(records: Iterable[StatusRecord]) -> None:
    """Refuse a member given twice for one year: a register holds one row per member
    and year, and keeping either row would drop the other's months without a word.

    Raises:
        RecordError: the first member given twice (the months are not quoted).
    """
    seen: set[tuple[str, int]] = set()
    for record in records:
        key = (record.member_id, record.year)
        if key in seen:
            raise duplicate_record_error(record)
        seen.add(key)


def duplicate_record_error(record: StatusRecord) -> RecordError:
    """The error for *record*, whose member already has a record of its year."""
    return RecordError(
        f"StatusRecord {record.member_id!r}",
        "year",
        record.year,
        N_("đảng viên đã có một hồ sơ theo dõi của năm này"),
    )


def _unique(instance: Any, attribute: Any, value: tuple[StatusRecord, ...]) -> None:
    # The chi bộ's records are few beside the members: each is looked at here, so that a
    # row that is no record is named, not read for its member_id in an AttributeError.
    odd = next((r for r in value if not isinstance(r, StatusRecord)), None)
    if odd is not None:
        raise UsageError("StatusRound", "records", _RECORDS, odd)
    check_unique(value)


def _round_tree(instance: StatusRound, attribute: Any, value: Any) -> None:
    if not isinstance(value, OrgTree):
        raise UsageError("StatusRound", "tree", N_("một OrgTree"), value)


def _round_year(instance: StatusRound, attribute: Any, value: Any) -> None:
    # A year the records cannot hold made a round whose day Python refused in English.
    if not isinstance(value, int) or isinstance(value, bool):
        raise UsageError("StatusRound", "year", N_("một {kind}", kind=TypeName("int")), value)
    if not 1930 <= value <= 9999:
        reason = N_("phải là số nguyên từ {low} đến {high}", low=1930, high=9999)
        raise RuleParameterError("StatusRound", "year", value, reason)


def _checked_on(instance: StatusRound, attribute: Any, value: Any) -> None:
    # A day written as text was kept, and the removal rules compared it with dates
    # (Python's TypeError, in English).
    if value is not None and not isinstance(value, date):
        got = type(value).__name__
        reason = N_("phải là một ngày (date) hoặc None, không phải {got}", got=got)
        raise RuleParameterError("StatusRound", "checked_on", value, reason)


@frozen(eq=False)
class StatusRound:
    """A year's status check: the tree, the chi bộ's records and the yearly ratings.

    ``on`` is the day of the check (31/12 of *year* by default).

    Raises:
        RecordError: a member has two records of one year (:func:`check_unique`).
        UsageError: a tree that is no :class:`~coso_dang.OrgTree`, a year that is no
            ``int``.
        RuleParameterError: a year outside 1930–9999, a ``checked_on`` that is no day.
    """

    tree: OrgTree = field(validator=_round_tree)
    year: int = field(validator=_round_year)
    records: tuple[StatusRecord, ...] = field(default=(), converter=_records, validator=_unique)
    evaluations: tuple[Evaluation, ...] = field(default=(), converter=_evaluations)
    checked_on: date | None = field(default=None, converter=as_day, validator=_checked_on)
    #: The members' events, or None: a member re-admitted (kết nạp lại) was admitted
    #: again that day (:meth:`admitted_by`), which the record, keeping the first
    #: admission, does not say.
    history: History | None = field(default=None, kw_only=True, repr=False)

    def __repr__(self) -> str:
        # The records counted, not listed, as a rating round's: a province's check
        # printed every record and evaluation, and so did each verdict's subject.
        about = "" if self.checked_on is None else f", checked_on={self.checked_on!r}"
        return (
            f"StatusRound({self.tree!r}, year={self.year}, records={len(self.records)}, "
            f"evaluations={len(self.evaluations)}{about})"
        )

    @property
    def on(self) -> date:
        """The day of the check."""
        return self.checked_on or date(self.year, 12, 31)

    def admitted_by(self, member: Member, day: date) -> date:
        """The member's last admission on or before *day*: a re-admission (kết nạp lại)
        the round's :attr:`history` holds, else the record's ``admitted_on``."""
        if self.history is None:
            return member.admitted_on
        from coso_dang.history import MemberEventKind

        again = MemberEventKind.KET_NAP_LAI
        days = [e.on for e in self.history.events(member.id) if e.kind is again and e.on <= day]
        return max([member.admitted_on, *days])

    @cached_property
    def _records(self) -> dict[str, StatusRecord]:
        return {r.member_id: r for r in self.records if r.year == self.year}

    @property
    def records_year(self) -> bool:
        """True when the round holds any follow-up record of its year.

        Without one, the months absent or unpaid and the help given are not known for
        anyone: no member listed would be no news.
        """
        return bool(self._records)

    @cached_property
    def rates_year(self) -> bool:
        """True when the round holds any member's yearly rating of its year."""
        year = self.year
        return any(y == year for _, y in self._ratings)

    @cached_property
    def _ratings(self) -> dict[tuple[str, int], Rating | None]:
        try:
            return {
                (ev.subject_id, ev.year): ev.rating
                for ev in self.evaluations
                if ev.subject is SubjectKind.MEMBER and ev.period is ReviewPeriod.NAM
            }
        except AttributeError:
            # A row that is no evaluation: named when the ratings are first read, not by
            # a look at each of a nation's records when the round is made.
            odd = next((e for e in self.evaluations if not isinstance(e, Evaluation)), None)
            if odd is None:
                raise
            raise UsageError("StatusRound", "evaluations", _EVALUATIONS, odd) from None

    @cached_property
    def records_members(self) -> bool:
        """True when the tree holds any member record.

        A tree of organizations alone lists no one on the rolls: its empty list of
        candidates is unknown, not "no member concerned", whatever the records say.
        """
        return next(iter(self.tree.members()), None) is not None

    def active_members(self) -> tuple[Member, ...]:
        """The members on the rolls on the round's day, grouped by chi bộ."""
        return self._active

    @cached_property
    def _active(self) -> tuple[Member, ...]:
        on = self.on
        return tuple(
            m
            for m in self.tree.members()
            if m.admitted_on <= on and (m.left_on is None or on < m.left_on)
        )

    def with_record(self) -> tuple[Member, ...]:
        """The members on the rolls with a record of the round's year."""
        records = self._records
        return tuple(m for m in self._active if m.id in records)

    def rated(self, rating: Rating) -> tuple[Member, ...]:
        """The members on the rolls given *rating* in the round's year."""
        ratings, year = self._ratings, self.year
        return tuple(m for m in self._active if ratings.get((m.id, year)) is rating)

    def record(self, member_id: str) -> StatusRecord | None:
        """The member's record of the year, if any."""
        return self._records.get(member_id)

    def rating(self, member_id: str, year: int) -> Rating | None:
        """The member's approved yearly rating of *year*, if rated."""
        return self._ratings.get((member_id, year))

    def evaluated(self, member_id: str, year: int) -> bool:
        """True when the round holds the member's yearly evaluation of *year*, rated or
        not (``rating=None``: exempted, on sick leave, not rated for a reason)."""
        return (member_id, year) in self._ratings


@frozen
class StatusSubject:
    """One member on the rolls in a status round."""

    round: StatusRound
    member: Member
    record: StatusRecord | None


def _no_member_list(source: object, who: str) -> str | None:
    """Why a status round whose tree lists no member names no candidate, or ``None``."""
    if isinstance(source, StatusRound) and not source.records_members:
        return f"Dữ liệu không có danh sách đảng viên: không xác định được đảng viên {who}."
    return None


def _no_records(year: int, kept: str, who: str) -> str:
    # Without the year's follow-up records an empty list of candidates would read as
    # "no member concerned": unknown is not zero.
    return (
        f"Dữ liệu không có hồ sơ theo dõi đảng viên năm {year} ({kept}): không xác định "
        f"được đảng viên {who}."
    )


_B29 = Basis(QD29, "điểm 8.1 (xóa tên trong danh sách đảng viên)", 2016, None)


@frozen
class StatusRule(Rule[StatusSubject]):
    """A rule over the members of a :class:`StatusRound`; subclasses pick whom they concern."""

    reads: ClassVar[str] = "hồ sơ theo dõi đảng viên trong năm (StatusRound)"

    def concerns(self, subject: StatusSubject) -> bool:
        """True when the rule has something to say about *subject*."""
        return True  # pragma: no cover - every built-in subclass overrides it

    def subjects(self, source: object) -> Iterator[tuple[StatusSubject, SubjectRef]] | None:
        """Each concerned member on the rolls on the round's day."""
        if not isinstance(source, StatusRound):
            return None
        return self._subjects(source)

    def select(self, source: StatusRound) -> Iterable[Member]:
        """The members on the rolls the rule may concern: all of them by default.

        A rule narrows them cheaply (those with a record of the year, those rated
        KHTNV), so that a nation's round does not build a subject per member; it may
        keep too many (:meth:`concerns` decides), never too few.
        """
        return source.active_members()

    def _subjects(self, source: StatusRound) -> Iterator[tuple[StatusSubject, SubjectRef]]:
        for member in self.select(source):
            subject = StatusSubject(source, member, source.record(member.id))
            if self.concerns(subject):
                yield subject, SubjectRef(member.id, member.full_name, "member")


@frozen
class AbsenceRule(StatusRule):
    """3 months in a year without party activity or dues, without good reason: removal.

    References:
        Quy định 29-QĐ/TW (25/7/2016), 8.1.
    """

    code: ClassVar[str] = "qd29.xoa_ten.bo_sinh_hoat"
    title: ClassVar[str] = (
        "Đảng viên bỏ sinh hoạt hoặc không đóng đảng phí 3 tháng trong năm "
        "không có lý do chính đáng thuộc diện xóa tên"
    )
    basis: ClassVar[Basis] = _B29
    parameter_checks: ClassVar[dict[str, ParameterCheck]] = {"months": check_whole(1)}

    months: int = field(default=ABSENCE_MONTHS)

    def missing_records(self, source: object) -> str | None:
        """A round with no follow-up record of its year cannot say who is concerned."""
        who = f"bỏ sinh hoạt hoặc không đóng đảng phí {format_number(self.months)} tháng"
        if isinstance(source, StatusRound) and not source.records_year:
            kept = "số tháng bỏ sinh hoạt, không đóng đảng phí"
            return _no_records(source.year, kept, who)
        return _no_member_list(source, who)

    def select(self, source: StatusRound) -> Iterable[Member]:
        """The members with a record of the year."""
        return source.with_record()

    def concerns(self, subject: StatusSubject) -> bool:
        """Members absent or unpaid for *months* or more in the year."""
        r = subject.record
        if r is None:
            return False
        return (r.months_absent or 0) >= self.months or (r.months_unpaid or 0) >= self.months

    def check(self, subject: StatusSubject) -> RuleResult:
        """FAIL (a candidate) unless the chi bộ accepts a good reason."""
        r = subject.record
        assert r is not None
        parts = []
        if (r.months_absent or 0) >= self.months:
            parts.append(f"bỏ sinh hoạt {format_number(r.months_absent or 0)} tháng")
        if (r.months_unpaid or 0) >= self.months:
            parts.append(f"không đóng đảng phí {format_number(r.months_unpaid or 0)} tháng")
        what = " và ".join(parts) + f" trong năm {r.year}"
        if r.good_reason:
            return self.result(Status.PASS, f"{what.capitalize()}, có lý do chính đáng.")
        message = f"{what.capitalize()}, không có lý do chính đáng: thuộc diện xem xét xóa tên."
        return self.result(Status.FAIL, message)


@frozen
class NoProgressRule(StatusRule):
    """No progress after *months* of the chi bộ's help: removal.

    References:
        Quy định 29-QĐ/TW (25/7/2016), 8.1.
    """

    code: ClassVar[str] = "qd29.xoa_ten.khong_tien_bo"
    title: ClassVar[str] = (
        "Đảng viên được chi bộ giáo dục, giúp đỡ 12 tháng không tiến bộ thuộc diện xóa tên"
    )
    basis: ClassVar[Basis] = _B29
    parameter_checks: ClassVar[dict[str, ParameterCheck]] = {"months": check_whole(1)}

    # Why 12: twelve months of help without progress.
    months: int = field(default=12)

    def missing_records(self, source: object) -> str | None:
        """A round with no follow-up record of its year cannot say who is concerned."""
        who = f"được giúp đỡ {format_number(self.months)} tháng không tiến bộ"
        if isinstance(source, StatusRound) and not source.records_year:
            kept = "thời gian được chi bộ giáo dục, giúp đỡ"
            return _no_records(source.year, kept, who)
        return _no_member_list(source, who)

    def select(self, source: StatusRound) -> Iterable[Member]:
        """The members with a record of the year."""
        return source.with_record()

    def concerns(self, subject: StatusSubject) -> bool:
        """Members helped for *months* or more by the round's day."""
        r = subject.record
        if r is None or r.helped_since is None:
            return False
        try:
            due = r.helped_since + relativedelta(months=self.months)
        except (ValueError, OverflowError):
            # Past 31/12/9999 (help from late 9999, or a long *months*): after any round's
            # day. Python's English "year 10000 is out of range" ended the removal list.
            return False
        return due <= subject.round.on

    def check(self, subject: StatusSubject) -> RuleResult:
        """FAIL (a candidate) when no progress; MISSING_DATA when not assessed."""
        r = subject.record
        assert r is not None
        assert r.helped_since is not None
        head = f"Được giúp đỡ từ ngày {format_date(r.helped_since, 'numeric')}"
        if r.progressed is None:
            return self.result(Status.MISSING_DATA, f"{head}, chưa đánh giá có tiến bộ hay không.")
        if r.progressed:
            return self.result(Status.PASS, f"{head}, đã tiến bộ.")
        message = (
            f"{head}, sau {format_number(self.months)} tháng không tiến bộ: "
            "thuộc diện xem xét xóa tên."
        )
        return self.result(Status.FAIL, message)


@frozen
class TwoYearsRule(StatusRule):
    """Rated KHTNV two years running (the standards violated two years running): removal.

    A member admitted (or re-admitted, from the round's
    :attr:`~StatusRound.history`) less than *new_months* before 31/12 of the year before,
    or out of party activity that day (inside one of the record's ``inactive_periods``),
    was not rated that year: no run of two years, not missing data.

    References:
        Quy định 29-QĐ/TW (25/7/2016), 8.1; the reading by ratings is [U].
    """

    code: ClassVar[str] = "qd29.xoa_ten.hai_nam_lien"
    title: ClassVar[str] = (
        "Đảng viên hai năm liền không hoàn thành nhiệm vụ (vi phạm tư cách đảng viên) "
        "thuộc diện xóa tên"
    )
    basis: ClassVar[Basis] = _B29
    parameter_checks: ClassVar[dict[str, ParameterCheck]] = {"new_months": check_whole(0)}

    # Why 6 (UNRATED_MONTHS): members admitted less than six months before a rating are
    # not rated, as the rating rules read it; a rating pack set otherwise passes its own.
    new_months: int = field(default=UNRATED_MONTHS)

    def missing_records(self, source: object) -> str | None:
        """A round checked in December or later with no member's yearly rating of its
        year cannot say who was KHTNV. Earlier in the year the ratings are not yet due
        (they are made in December), so their absence is no gap in the data."""
        if (
            isinstance(source, StatusRound)
            and source.on >= date(source.year, 12, 1)
            and not source.rates_year
        ):
            return (
                f"Dữ liệu không có kết quả xếp loại đảng viên năm {source.year}: "
                "không xác định được đảng viên không hoàn thành nhiệm vụ hai năm liền."
            )
        return _no_member_list(source, "không hoàn thành nhiệm vụ hai năm liền")

    def select(self, source: StatusRound) -> Iterable[Member]:
        """The members rated KHTNV in the round's year."""
        return source.rated(Rating.KHTNV)

    def concerns(self, subject: StatusSubject) -> bool:
        """Members rated KHTNV in the round's year."""
        return subject.round.rating(subject.member.id, subject.round.year) is Rating.KHTNV

    def check(self, subject: StatusSubject) -> RuleResult:
        """FAIL (a candidate) when the year before was KHTNV too."""
        year = subject.round.year
        before = subject.round.rating(subject.member.id, year - 1)
        if before is Rating.KHTNV:
            message = (
                f"Xếp loại không hoàn thành nhiệm vụ năm {year - 1} và năm {year}: "
                "thuộc diện xem xét xóa tên."
            )
            return self.result(Status.FAIL, message)
        if before is None and subject.round.evaluated(subject.member.id, year - 1):
            # Evaluated and not rated that year (exempted, ill...): a year without a
            # rating breaks the run, as a year too early to be rated does.
            message = f"Xếp loại KHTNV năm {year}; năm {year - 1} không được xếp loại."
            return self.result(Status.PASS, message)
        if before is None:
            # Not a member the year before, or admitted (or re-admitted) under 6 months
            # before its rating (31/12): there was no rating that year, so not two years
            # running.
            rated_on = date(year - 1, 12, 31)
            if self._new_before(subject.round.admitted_by(subject.member, rated_on), rated_on):
                message = (
                    f"Xếp loại KHTNV năm {year}; năm {year - 1} chưa đủ điều kiện xếp loại "
                    f"(chưa là đảng viên hoặc kết nạp chưa đủ {self.new_months} tháng)."
                )
                return self.result(Status.PASS, message)
            if any(g.start <= rated_on < g.end for g in subject.member.inactive_periods):
                # Out of party activity on that day (removed or expelled, then
                # re-admitted; contact lost): there was no rating to compare with.
                message = (
                    f"Xếp loại KHTNV năm {year}; năm {year - 1} đang gián đoạn sinh hoạt "
                    "đảng, không được xếp loại."
                )
                return self.result(Status.PASS, message)
            message = f"Xếp loại KHTNV năm {year}; chưa có xếp loại năm {year - 1} để đối chiếu."
            return self.result(Status.MISSING_DATA, message)
        message = f"Xếp loại KHTNV năm {year}, năm {year - 1} xếp loại {before.abbreviation}."
        return self.result(Status.PASS, message)

    def _new_before(self, admitted: date, rated_on: date) -> bool:
        """Whether a member admitted on *admitted* was too new to be rated on *rated_on*."""
        try:
            return admitted + relativedelta(months=self.new_months) > rated_on
        except (ValueError, OverflowError):
            return True  # *new_months* after the admission falls past 31/12/9999


#: The removal checks of Quy định 29-QĐ/TW 8.1, on a :class:`StatusRound`.
STATUS = register_pack(
    RuleSet(
        "Quy định 29-QĐ/TW, điểm 8.1 — đảng viên thuộc diện xem xét xóa tên",
        (AbsenceRule(), NoProgressRule(), TwoYearsRule()),
        code="trang-thai",
        basis=_B29,
        reads="status",
    )
)
