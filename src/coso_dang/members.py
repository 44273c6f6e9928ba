"""Party members (đảng viên) and their lifecycle: probation, party age, badges.

Every lifecycle question is asked *on a date* (``status(on)``, ``party_age(on)``), so the
same record answers for any reporting date.
"""

from __future__ import annotations

import enum
import functools
from calendar import isleap, monthrange
from collections.abc import Sequence
from datetime import MAXYEAR, date, datetime, timedelta
from typing import Any, final

import attrs
from attrs import Attribute, field, frozen
from dateutil.relativedelta import relativedelta

from coso_dang._checks import (
    accepts_on_sight,
    as_day,
    composed,
    items_of,
    non_empty,
    normalized,
    of_type,
    tuple_of,
    where,
)
from coso_dang._enums import LabelledEnum
from coso_dang.attributes import (
    AcademicTitle,
    Ethnicity,
    GeneralEducation,
    Occupation,
    Religion,
)
from coso_dang.errors import ArgumentError, ArgumentTypeError, RecordError, UsageError
from coso_dang.i18n import N_

__all__ = [
    "BADGE_OCCASIONS",
    "BADGE_YEARS",
    "PROBATION",
    "Badge",
    "CommitteeRole",
    "Education",
    "Gender",
    "InactivePeriod",
    "LeaveReason",
    "Member",
    "MemberStatus",
    "PoliticalTheory",
    "anniversary_key",
    "born_by",
    "coded_values",
    "completed_years",
    "next_occasion",
    "official_by",
    "probation_end",
    "shifted_by",
    "years_after",
]

#: Probation lasts 12 months from the admission ceremony (Điều lệ Đảng, Art. 5).
PROBATION = relativedelta(months=12)


def probation_end(start: date) -> date:
    """``start + PROBATION``, the 12-month mark, without the general date arithmetic.

    The same day as :data:`PROBATION` gives: a year later, 29/2 going to 28/2.

    >>> probation_end(date(2024, 2, 29)), probation_end(date(2024, 3, 15))
    (datetime.date(2025, 2, 28), datetime.date(2025, 3, 15))
    """
    return years_after(start, 1)


def years_after(start: date, years: int) -> date:
    """*start* moved by whole *years* (earlier when negative) as ``relativedelta(years=n)``
    moves it, without its cost: 29/2 lands on 28/2 in a year without it.

    >>> years_after(date(2024, 2, 29), 1), years_after(date(2024, 2, 29), -4)
    (datetime.date(2025, 2, 28), datetime.date(2020, 2, 29))
    """
    year = start.year + years
    if start.month == 2 and start.day == 29 and not isleap(year):
        return date(year, 2, 28)
    return start.replace(year=year)


def completed_years(start: date, on: date) -> int:
    """Whole years from *start* to *on*: a person's age, with *start* the birth date.

    The library's one rule for anniversaries: a year counted from *start* ends on the
    corresponding day, or on the last day of the month when that month has none (Bộ luật
    Dân sự 2015, Điều 148), so a birthday on 29/2 is reached on 28/2 in a year without 29/2,
    as :func:`years_after` moves it. Every age (:meth:`Member.age`, the age bands of the
    breakdowns, their DataFrame and SQL forms) counts by it.

    >>> completed_years(date(2000, 2, 29), date(2018, 2, 28))
    18
    >>> completed_years(date(1994, 12, 31), date(2025, 12, 30))
    30
    """
    years = on.year - start.year
    return years - (years_after(start, years) > on)


def anniversary_key(on: date) -> int:
    """``month * 100 + day`` of *on*, for comparing with a start's: a start whose key is
    greater has not yet had its anniversary in *on*'s year (:func:`completed_years`).

    On 28/2 of a year without 29/2 the key is 229: a start on 29/2 has had it that day.

    >>> anniversary_key(date(2025, 2, 28)), anniversary_key(date(2024, 2, 28))
    (229, 228)
    """
    if on.month == 2 and on.day == 28 and not isleap(on.year):
        return 229
    return on.month * 100 + on.day


def born_by(on: date, years: int) -> date:
    """The latest start (birth date) with at least *years* :func:`completed_years` on *on*.

    >>> born_by(date(2018, 2, 28), 18), born_by(date(2024, 2, 29), 18)
    (datetime.date(2000, 2, 29), datetime.date(2006, 2, 28))
    """
    latest = years_after(on, -years)
    if anniversary_key(on) == 229 and isleap(latest.year):
        return date(latest.year, 2, 29)
    return latest


def official_by(on: date) -> date:
    """The latest probation start (ceremony, else admission) whose 12 months are over on *on*.

    ``start + PROBATION <= on`` is monotone in *start*, so one comparison with this day
    replaces the date arithmetic per member in bulk counts and checks.

    >>> official_by(date(2025, 2, 28)), official_by(date(2024, 2, 29))
    (datetime.date(2024, 2, 29), datetime.date(2023, 2, 28))
    """
    day = on - PROBATION
    one = timedelta(days=1)
    while _probation_over(day + one, on):
        day += one
    while day + PROBATION > on:
        day -= one
    return day


def _probation_over(start: date, on: date) -> bool:
    """Whether a probation begun on *start* is over on *on* (past 9999: not yet)."""
    try:
        return start + PROBATION <= on
    except (OverflowError, ValueError):
        return False


def _not_a_day(method: str, on: object) -> UsageError:
    """The refusal of a day that is none (a text, ``None``), which a comparison with
    the member's dates gave as Python's English "'<' not supported"."""
    return UsageError(f"Member.{method}", "on", N_("một ngày (date)"), on)


#: Party-age years that earn a Huy hiệu Đảng (Hướng dẫn 06-HD/TW, 2025): no 35.
BADGE_YEARS: tuple[int, ...] = (30, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90)
#: Anniversaries on which badges are awarded, as (month, day): 3/2, 19/5, 2/9, 7/11.
BADGE_OCCASIONS: tuple[tuple[int, int], ...] = ((2, 3), (5, 19), (9, 2), (11, 7))


class Gender(LabelledEnum):
    """Giới tính."""

    #: Nam.
    NAM = ("nam", "Nam")
    #: Nữ.
    NU = ("nu", "Nữ")

    @classmethod
    def _what(cls) -> str:
        return N_("giới tính")


class MemberStatus(LabelledEnum):
    """Where a member stands on a date."""

    #: Đảng viên dự bị — within the 12 months of probation.
    DU_BI = ("du_bi", "Đảng viên dự bị")
    #: Đảng viên chính thức.
    CHINH_THUC = ("chinh_thuc", "Đảng viên chính thức")
    #: Đã ra khỏi Đảng — died, expelled, removed, resigned or transferred out.
    DA_RA_KHOI_DANG = ("da_ra_khoi_dang", "Đã ra khỏi Đảng")

    @classmethod
    def _what(cls) -> str:
        return N_("tình trạng đảng viên")


class LeaveReason(LabelledEnum):
    """Why a member left the rolls of an organization."""

    #: Từ trần.
    TU_TRAN = ("tu_tran", "Từ trần")
    #: Khai trừ.
    KHAI_TRU = ("khai_tru", "Khai trừ")
    #: Xóa tên.
    XOA_TEN = ("xoa_ten", "Xóa tên")
    #: Xin ra khỏi Đảng.
    XIN_RA = ("xin_ra", "Xin ra khỏi Đảng")
    #: Chuyển sinh hoạt đi nơi khác.
    CHUYEN_DI = ("chuyen_di", "Chuyển đi")

    @classmethod
    def _personal(cls) -> bool:
        return True  # "khai trừ" and "xóa tên" are disciplines

    @classmethod
    def _what(cls) -> str:
        return N_("lý do")


class CommitteeRole(LabelledEnum):
    """A seat on a grassroots committee (cấp ủy cơ sở or chi ủy)."""

    #: Bí thư.
    BI_THU = ("bi_thu", "Bí thư")
    #: Phó bí thư.
    PHO_BI_THU = ("pho_bi_thu", "Phó bí thư")
    #: Ủy viên (cấp ủy viên, chi ủy viên).
    UY_VIEN = ("uy_vien", "Ủy viên")

    @classmethod
    def _what(cls) -> str:
        return N_("chức vụ cấp ủy")


class _OrderedLabelledEnum(LabelledEnum):
    """Levels that compare in the order they are declared."""

    def _index(self) -> int:
        return list(type(self)).index(self)

    def at_least(self, other: _OrderedLabelledEnum) -> bool:
        """True when this level is *other* or above."""
        if type(other) is not type(self):
            raise ArgumentTypeError(
                N_(
                    "không so được {mine} với {theirs}",
                    mine=type(self).__name__,
                    theirs=type(other).__name__,
                )
            )
        return self._index() >= other._index()


class Education(_OrderedLabelledEnum):
    """Trình độ chuyên môn, lowest first."""

    #: Chưa qua đào tạo.
    CHUA_DAO_TAO = ("chua_dao_tao", "Chưa qua đào tạo")
    #: Sơ cấp.
    SO_CAP = ("so_cap", "Sơ cấp")
    #: Trung cấp.
    TRUNG_CAP = ("trung_cap", "Trung cấp")
    #: Cao đẳng.
    CAO_DANG = ("cao_dang", "Cao đẳng")
    #: Đại học.
    DAI_HOC = ("dai_hoc", "Đại học")
    #: Thạc sĩ.
    THAC_SI = ("thac_si", "Thạc sĩ")
    #: Tiến sĩ.
    TIEN_SI = ("tien_si", "Tiến sĩ")

    @classmethod
    def _what(cls) -> str:
        return N_("trình độ chuyên môn")


class PoliticalTheory(_OrderedLabelledEnum):
    """Trình độ lý luận chính trị, lowest first.

    A member with no training is :attr:`CHUA_DAO_TAO`, counted in no row of the forms
    (their rows "Sơ cấp", "Trung cấp", "Cao cấp, cử nhân" need not sum to the whole);
    ``None`` on a record is a level not recorded, which leaves the rows unknown.
    """

    #: Chưa qua đào tạo: no political theory training.
    CHUA_DAO_TAO = ("chua_dao_tao", "Chưa qua đào tạo")
    #: Sơ cấp.
    SO_CAP = ("so_cap", "Sơ cấp")
    #: Trung cấp.
    TRUNG_CAP = ("trung_cap", "Trung cấp")
    #: Cao cấp.
    CAO_CAP = ("cao_cap", "Cao cấp")
    #: Cử nhân.
    CU_NHAN = ("cu_nhan", "Cử nhân")

    @classmethod
    def _what(cls) -> str:
        return N_("trình độ lý luận chính trị")


def _end_not_before_start(instance: InactivePeriod, attribute: Attribute[Any], value: date) -> None:
    if isinstance(instance.start, date) and value < instance.start:
        # A member's gaps in activity are personal data: the date is not quoted.
        raise RecordError("InactivePeriod", attribute.name, None, N_("trước ngày bắt đầu"))


@final
@frozen
class InactivePeriod:
    """A gap in party activity (expulsion, removal, lost contact...): not party age.

    ``end`` is the day activity resumed (re-admission, restored contact).
    """

    start: date = field(validator=of_type(date))
    end: date = field(validator=[of_type(date), _end_not_before_start])

    @property
    def days(self) -> int:
        """The length of the gap in days."""
        return (self.end - self.start).days


def shifted_by(day: date, since: date, until: date) -> date:
    """*day* moved by the calendar span from *since* to *until*, as
    ``day + relativedelta(until, since)`` moves it, without its cost: the whole months
    first (a day past the month's end falls back to its last day), then the days left.

    >>> shifted_by(date(2000, 1, 31), date(2010, 3, 1), date(2010, 4, 3))
    datetime.date(2000, 3, 2)

    Raises:
        ValueError: *until* is before *since* (a span runs forward).
    """
    if until < since:
        raise ArgumentError(
            N_(
                "khoảng thời gian phải đi tới: {until} ở trước {since}",
                until=until.isoformat(),
                since=since.isoformat(),
            )
        )
    months = (until.year - since.year) * 12 + until.month - since.month
    if _plus_months(since, months) > until:
        months -= 1
    return _plus_months(day, months) + (until - _plus_months(since, months))


def _plus_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, monthrange(year, month + 1)[1]))


def _merged_gaps(periods: tuple[InactivePeriod, ...], on: date) -> list[tuple[date, date]]:
    """The gaps before *on* (cut at *on*), overlapping or touching ones merged into one.

    Two records of one gap (a lost contact entered twice, a removal inside a longer
    absence) must not push the party age back twice.
    """
    merged: list[tuple[date, date]] = []
    for period in sorted(periods, key=lambda p: (p.start, p.end)):
        if period.start >= on:
            break
        end = min(period.end, on)
        if merged and period.start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((period.start, end))
    return merged


@final
@frozen
class Badge:
    """A Huy hiệu Đảng a member is due: its years, when they are reached, when awarded."""

    years: int
    reached_on: date
    award_on: date


#: A member's dates that are personal data (the birth date is checked on its own).
_PERSONAL_DATES = frozenset({"exempted_on"})


@accepts_on_sight("none")
def _after_admission(instance: Member, attribute: Attribute[Any], value: object) -> None:
    admitted = instance.admitted_on
    # An admission date of the wrong type is refused by its own validator.
    if isinstance(value, date) and isinstance(admitted, date) and value < admitted:
        # The day of an exemption (granted for age or illness) is personal: not quoted.
        shown = None if attribute.name in _PERSONAL_DATES else value
        raise RecordError(where(instance), attribute.name, shown, N_("trước ngày vào Đảng"))


def _after_birth(instance: Member, attribute: Attribute[Any], value: date) -> None:
    born = instance.birth_date
    # A birth date of the wrong type (a datetime among them) is refused by its own
    # validator, which runs after this one.
    if (
        isinstance(born, date)
        and not isinstance(born, datetime)
        and isinstance(value, date)
        and value <= born
    ):
        # The birth date is personal data, and a value on or just before it would give it
        # away: the message quotes neither.
        raise RecordError(where(instance), attribute.name, None, N_("không sau ngày sinh"))


@accepts_on_sight("empty")
def _gaps_after_admission(
    instance: Member, attribute: Attribute[Any], value: Sequence[InactivePeriod]
) -> None:
    if not isinstance(instance.admitted_on, date):
        return
    for gap in value:
        if gap.start < instance.admitted_on:
            # A member's gaps in activity are personal data: the date is not quoted.
            raise RecordError(where(instance), attribute.name, None, N_("trước ngày vào Đảng"))


_optional_date = of_type(date, optional=True)
_optional_bool = of_type(bool, optional=True)
_optional_text = of_type(str, optional=True)


def _personal() -> Any:
    """A personal text field: optional, never in repr (errors never quote values)."""
    return field(default=None, repr=False, validator=_optional_text)


@final
@frozen
class Member:
    """A party member, attached to one chi bộ by ``org_id``.

    Only ``id`` and ``full_name`` show in ``repr``; the other fields are personal data.

    Args:
        id: unique among members.
        full_name: normalized to NFC.
        org_id: the chi bộ (cơ sở or trực thuộc) the member belongs to.
        admitted_on: the date of the admission decision (quyết định kết nạp).
        ceremony_on: the admission ceremony, from which probation runs.
        official_on: the date of the decision recognizing the member as official
            (quyết định công nhận đảng viên chính thức), as given; ``None`` when not
            recorded. It is a fact of its own and never filled in: the member is
            official from :attr:`official_date`, the 12-month mark, however late the
            decision.
        birth_date, gender, identity_number, phone, address: personal.
        ethnicity, religion: personal; one of the forms' coded lists
            (:class:`~coso_dang.attributes.Ethnicity`, :class:`~coso_dang.attributes.Religion`,
            where ``Religion.KHONG`` records "no religion" and ``None`` "not recorded").
        inactive_periods: gaps in party activity, not counted in party age; gaps that
            overlap count once.
        left_on, leave_reason: when and why the member left the rolls here.
        is_working: đang công tác (in work, so must keep contact where they live).
        keeps_residence_contact: giữ mối liên hệ với chi bộ nơi cư trú.
        residence_unit_id: the residential unit the member lives in.
        committee_role: a seat on the grassroots committee or chi ủy, if any.
        education, political_theory: qualification levels.
        exempted_on: since when exempt from work and activities (miễn công tác, sinh hoạt);
            personal (granted for age or illness).
        to_dang_id: the tổ đảng inside the chi bộ, if any.
        occupation: nghề nghiệp, a line of the forms (:class:`~coso_dang.attributes.Occupation`).
        general_education: học vấn phổ thông, the highest school level finished.
        academic_title: học hàm (phó giáo sư, giáo sư), the highest held.
        is_youth_union_member: đoàn viên Đoàn Thanh niên Cộng sản Hồ Chí Minh.
        owns_private_enterprise: chủ doanh nghiệp tư nhân (a count the forms ask for).
        party_card_number: số thẻ đảng viên; personal.

    >>> m = Member("dv1", "Nguyễn Văn An", "cb1", admitted_on=date(2020, 3, 2),
    ...            ceremony_on=date(2020, 3, 20), birth_date=date(1990, 5, 1))
    >>> m
    Member(id='dv1', full_name='Nguyễn Văn An')
    >>> m.official_on is None, m.official_date
    (True, datetime.date(2021, 3, 20))
    >>> m.status(date(2021, 1, 1)).label
    'Đảng viên dự bị'
    """

    id: str = field(converter=composed, validator=non_empty)
    full_name: str = field(converter=normalized, validator=non_empty)
    org_id: str = field(repr=False, converter=composed, validator=non_empty)
    admitted_on: date = field(repr=False, validator=[of_type(date), _after_birth])
    ceremony_on: date | None = field(
        default=None, repr=False, validator=[_optional_date, _after_admission]
    )
    official_on: date | None = field(
        default=None, repr=False, validator=[_optional_date, _after_admission]
    )
    birth_date: date | None = field(default=None, repr=False, validator=_optional_date)
    gender: Gender | None = field(
        default=None, repr=False, validator=of_type(Gender, optional=True)
    )
    ethnicity: Ethnicity | None = field(
        default=None, repr=False, validator=of_type(Ethnicity, optional=True)
    )
    religion: Religion | None = field(
        default=None, repr=False, validator=of_type(Religion, optional=True)
    )
    identity_number: str | None = _personal()
    phone: str | None = _personal()
    address: str | None = _personal()
    inactive_periods: tuple[InactivePeriod, ...] = field(
        default=(),
        converter=items_of,
        repr=False,
        validator=[tuple_of(InactivePeriod), _gaps_after_admission],
    )
    left_on: date | None = field(
        default=None, repr=False, validator=[_optional_date, _after_admission]
    )
    leave_reason: LeaveReason | None = field(
        default=None, repr=False, validator=of_type(LeaveReason, optional=True)
    )
    is_working: bool | None = field(default=None, repr=False, validator=_optional_bool)
    keeps_residence_contact: bool | None = field(default=None, repr=False, validator=_optional_bool)
    residence_unit_id: str | None = field(
        default=None, repr=False, converter=composed, validator=_optional_text
    )
    committee_role: CommitteeRole | None = field(
        default=None, repr=False, validator=of_type(CommitteeRole, optional=True)
    )
    education: Education | None = field(
        default=None, repr=False, validator=of_type(Education, optional=True)
    )
    political_theory: PoliticalTheory | None = field(
        default=None,
        repr=False,
        validator=of_type(PoliticalTheory, optional=True),
    )
    exempted_on: date | None = field(
        default=None, repr=False, validator=[_optional_date, _after_admission]
    )
    to_dang_id: str | None = field(
        default=None, repr=False, converter=composed, validator=_optional_text
    )
    occupation: Occupation | None = field(
        default=None, repr=False, validator=of_type(Occupation, optional=True)
    )
    general_education: GeneralEducation | None = field(
        default=None,
        repr=False,
        validator=of_type(GeneralEducation, optional=True),
    )
    academic_title: AcademicTitle | None = field(
        default=None,
        repr=False,
        validator=of_type(AcademicTitle, optional=True),
    )
    is_youth_union_member: bool | None = field(default=None, repr=False, validator=_optional_bool)
    owns_private_enterprise: bool | None = field(default=None, repr=False, validator=_optional_bool)
    party_card_number: str | None = _personal()

    def __attrs_post_init__(self) -> None:
        # Cross-field rule the per-field validators cannot see in declaration order.
        if (
            self.official_on is not None
            and self.ceremony_on is not None
            and self.official_on < self.ceremony_on
        ):
            raise RecordError(
                where(self),
                "official_on",
                self.official_on,
                N_("trước ngày lễ kết nạp"),
            )

    # -- names -----------------------------------------------------------------------------

    @property
    def masked_name(self) -> str:
        """The family name in full, the other names as initials: "Nguyễn V. A."."""
        first, *rest = self.full_name.split()
        return " ".join([first, *(f"{word[0]}." for word in rest)])

    # -- lifecycle -------------------------------------------------------------------------

    @property
    def official_date(self) -> date:
        """The effective day the member becomes official (chuyển chính thức).

        The 12-month mark: the ceremony plus 12 months, even when the chi bộ meets or
        the committee decides later (the decision, ``official_on``, is its own fact and
        does not move the mark); with no ceremony recorded, the admission decision plus
        12 months (the ceremony follows within 30 working days, so this may be a few
        weeks early).

        >>> m = Member("dv1", "Lê Văn Dũng", "cb1", admitted_on=date(2024, 3, 1),
        ...            ceremony_on=date(2024, 3, 15), official_on=date(2025, 6, 20))
        >>> m.official_date, m.status(date(2025, 4, 1)).label
        (datetime.date(2025, 3, 15), 'Đảng viên chính thức')
        """
        start = self.ceremony_on or self.admitted_on
        if start.year == MAXYEAR:
            # Past 31/12/9999, the calendar's last day: Python's English "year 10000 is
            # out of range" came out instead (an admission mistyped in 9999).
            reason = N_("12 tháng dự bị kết thúc sau ngày 31/12/9999, ngoài lịch")
            raise RecordError(where(self), "official_date", None, reason)
        return probation_end(start)

    def is_active(self, on: date) -> bool:
        """True when the member is on the rolls on *on* (admitted, not yet left)."""
        try:
            return self.admitted_on <= on and (self.left_on is None or on < self.left_on)
        except TypeError:
            raise _not_a_day("is_active", on) from None

    def status(self, on: date) -> MemberStatus | None:
        """The member's status on *on*, or ``None`` before the admission decision."""
        try:
            if on < self.admitted_on:
                return None
        except TypeError:
            raise _not_a_day("status", on) from None
        if self.left_on is not None and on >= self.left_on:
            return MemberStatus.DA_RA_KHOI_DANG
        if (self.ceremony_on or self.admitted_on).year == MAXYEAR:
            return MemberStatus.DU_BI  # official past the calendar's last day
        return MemberStatus.CHINH_THUC if on >= self.official_date else MemberStatus.DU_BI

    def is_exempt(self, on: date) -> bool:
        """True when exempt from work and activities on *on*."""
        try:
            return self.exempted_on is not None and self.exempted_on <= on
        except TypeError:
            raise _not_a_day("is_exempt", on) from None

    def age(self, on: date) -> int | None:
        """Completed years of age on *on*, or ``None`` without a birth date.

        Raises:
            UsageError: *on* is no date.
            ArgumentError: *on* is before the birth date: nobody has an age before being
                born (it was a negative number, which a rule comparing it with a minimum
                age read as young). The message quotes neither day: with the birth date
                it would bound it.
        """
        born = self.birth_date
        if born is None:
            return None
        try:
            if on < born:
                raise ArgumentError(N_("Member.age: ngày tính tuổi trước ngày sinh của đảng viên"))
            return completed_years(born, on)
        except (TypeError, AttributeError):
            raise _not_a_day("age", on) from None

    def _party_start(self, on: date) -> date:
        # Party age runs from the admission decision, pushed later by every gap (or the
        # part of it before *on*), measured in calendar terms: a gap of one year moves
        # the start by one year, whatever the leap days.
        start = self.admitted_on
        for gap_start, gap_end in _merged_gaps(self.inactive_periods, on):
            start = shifted_by(start, gap_start, gap_end)
        return start

    def party_age(self, on: date) -> int:
        """Completed years of party age (tuổi đảng) on *on*.

        Counted from the admission decision, less time without party activity. Probation
        counts only once the member is official: a probationary member has party age 0.

        >>> m = Member("dv1", "Lê Thị Bình", "cb1", admitted_on=date(1990, 5, 19),
        ...            ceremony_on=date(1990, 6, 1))
        >>> m.party_age(date(2020, 5, 19))
        30
        """
        try:
            if (self.ceremony_on or self.admitted_on).year == MAXYEAR or on < self.official_date:
                return 0  # still on probation (official only past the calendar's last day)
        except TypeError:
            raise _not_a_day("party_age", on) from None
        return relativedelta(on, self._party_start(on)).years

    def party_age_reached_on(self, years: int) -> date:
        """The day the member completes *years* of party age (gaps so far included).

        Raises:
            UsageError: *years* is not a whole number.
            ArgumentError: that day falls past 31/12/9999, the calendar's last day.
        """
        if not isinstance(years, int) or isinstance(years, bool):
            raise UsageError("Member.party_age_reached_on", "years", N_("một số nguyên"), years)
        try:
            reached = years_after(self.admitted_on, years)
            if not self.inactive_periods:
                return reached
            # Each gap before the candidate day pushes it later; repeat until it settles.
            while True:
                moved = years_after(self._party_start(reached), years)
                if moved == reached:
                    return reached
                reached = moved
        except (ValueError, OverflowError):
            # Python's English "year 10029 is out of range"; still a ValueError, which
            # next_badge reads as "no badge left in the calendar".
            raise ArgumentError(
                N_("{years} năm tuổi đảng chỉ đạt sau ngày 31/12/9999, ngoài lịch", years=years)
            ) from None

    def next_badge(
        self,
        on: date,
        *,
        badge_years: Sequence[int] = BADGE_YEARS,
        occasions: Sequence[tuple[int, int]] = BADGE_OCCASIONS,
    ) -> Badge | None:
        """The next Huy hiệu Đảng not yet awarded on *on*.

        A badge is due from the first award occasion on or after the day its party age
        is reached; the next badge is the first whose award day is on or after *on*.
        ``None`` once the last badge is behind, or for a member who has left.

        >>> m = Member("dv1", "Lê Thị Bình", "cb1", admitted_on=date(1990, 5, 19))
        >>> m.next_badge(date(2020, 1, 1))
        Badge(years=30, reached_on=datetime.date(2020, 5, 19), award_on=datetime.date(2020, 5, 19))
        """
        if not isinstance(on, date):
            raise _not_a_day("next_badge", on)
        if self.left_on is not None and on >= self.left_on:
            return None
        for years in sorted(badge_years):
            try:
                reached = self.party_age_reached_on(years)
                award = next_occasion(reached, occasions)
            except (ValueError, OverflowError):
                if not occasions:
                    raise
                # Reached, or awarded, past 31/12/9999: no badge left in the calendar.
                # Python's English "year 10000 is out of range" came out instead.
                return None
            if award >= on:
                return Badge(years, reached, award)
        return None


def next_occasion(on: date, occasions: Sequence[tuple[int, int]] = BADGE_OCCASIONS) -> date:
    """The first award occasion, a (month, day) of *occasions*, on or after *on*.

    Raises:
        ValueError: *occasions* is empty.

    >>> next_occasion(date(2025, 5, 20))
    datetime.date(2025, 9, 2)
    """
    on = as_day(on)  # a datetime is never compared with a date
    # Not past 9999: the year after 31/12/9999 failed with Python's English "year 10000
    # is out of range".
    for year in range(on.year, min(on.year + 1, MAXYEAR) + 1):
        for month, day in sorted(occasions):
            candidate = date(year, month, day)
            if candidate >= on:
                return candidate
    if occasions:
        raise ArgumentError(N_("không còn dịp trao huy hiệu nào đến hết ngày 31/12/9999"))
    raise ArgumentError(N_("không có dịp trao huy hiệu nào"))


@functools.cache
def coded_values(name: str) -> tuple[object, ...] | None:
    """Every value :class:`Member` field *name* can hold when it is a coded list or a
    flag (``None`` first); ``None`` for a field of open values (a date, a name).

    Each value is one object, so tables keyed by ``id()`` place a member's value without
    hashing an enum (a Python call each): the counting loops over millions of members
    rely on it.

    >>> coded_values("is_youth_union_member"), coded_values("birth_date")
    ((None, True, False), None)

    Raises:
        ValueError: *name* is no field of :class:`Member`.
    """
    attrs.resolve_types(Member)
    kind = next((a.type for a in attrs.fields(Member) if a.name == name), None)
    if kind is None:
        raise ArgumentError(N_("Member không có trường {name}", name=repr(name)))
    values: list[object] = [None]
    for part in getattr(kind, "__args__", (kind,)):
        if isinstance(part, type) and issubclass(part, enum.Enum):
            values.extend(part)
        elif part is bool:
            values.extend((True, False))
        elif part is not type(None):
            return None
    return tuple(values)
