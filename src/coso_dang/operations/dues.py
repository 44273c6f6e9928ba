"""Party dues (đảng phí) under Quy định 01-QĐ/TW (03/02/2026, in force 01/02/2026).

The monthly amount by category [S]:

* members in compulsory social insurance: 1% of the previous month's insured salary;
* on sick or maternity leave: 1% of the insurance benefit;
* pensioners: 0,5% of the pension;
* students: 5.000 đ;
* abroad on a state post: 1% of the living allowance; other members abroad an amount
  by category, from 30.000 to 400.000 đ, which the office gives.

The rate of working-age members outside social insurance is not found [U]: the office
gives their amount. Exempt: 50 years of party age or more, social-pension recipients,
poor or near-poor households, serious illness. Reductions of 30%, 50% or 70% for up to
12 months at a time. Not paying for 3 months in a year, without good reason, leads to a
removal proposal (29-QĐ/TW 8.1; see :data:`coso_dang.rules.STATUS`).

A member whose income or category changes in the year has a profile from each change
(``DuesProfile.valid_from``). Amounts are whole đồng; the rounding is a parameter
(:class:`DuesRules`). The income an amount is computed from is personal: it is never
in a ``repr``, an error or a table.
"""

from __future__ import annotations

from calendar import monthrange
from collections.abc import Iterable, Mapping
from datetime import date
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Literal

from attrs import Attribute, field, frozen
from dateutil.relativedelta import relativedelta

from coso_dang._checks import as_day, non_empty, of_type
from coso_dang._enums import LabelledEnum
from coso_dang.errors import ArgumentError, ArgumentTypeError, CosoDangError, RecordError
from coso_dang.i18n import N_
from coso_dang.members import Member
from coso_dang.operations.table import OfficeTable, Tabled
from coso_dang.rules.status import ABSENCE_MONTHS
from coso_dang.tree import OrgTree
from coso_dang.vi.numbers import format_number

if TYPE_CHECKING:
    from coso_dang.history import History

__all__ = [
    "DuesCategory",
    "DuesExemption",
    "DuesLine",
    "DuesProfile",
    "DuesRow",
    "DuesRules",
    "DuesStatement",
    "Payment",
    "check_profile",
    "dues_statement",
    "duplicate_profile_error",
    "monthly_dues",
]

DuesRounding = Literal["half_up", "floor", "ceil"]


class _NotInForceError(CosoDangError, ValueError):
    """Months before the dues rules applied (a :class:`ValueError` as before)."""


class _OutsideYearError(CosoDangError, ValueError):
    """A statement's last month outside its year."""


class DuesCategory(LabelledEnum):
    """What a member's dues are computed from (01-QĐ/TW, 2026)."""

    #: Đóng bảo hiểm xã hội bắt buộc: 1% of the previous month's insured salary.
    BAO_HIEM = ("bao_hiem", "Đóng bảo hiểm xã hội bắt buộc")
    #: Hưởng trợ cấp ốm đau, thai sản: 1% of the benefit.
    OM_DAU_THAI_SAN = ("om_dau_thai_san", "Hưởng trợ cấp ốm đau, thai sản")
    #: Hưởng lương hưu: 0,5% of the pension.
    HUU_TRI = ("huu_tri", "Hưởng lương hưu")
    #: Học sinh, sinh viên: a fixed amount.
    HOC_SINH = ("hoc_sinh", "Học sinh, sinh viên")
    #: Ở nước ngoài, hưởng sinh hoạt phí: 1% of the allowance.
    NUOC_NGOAI_SINH_HOAT_PHI = ("nuoc_ngoai_sinh_hoat_phi", "Ở nước ngoài, hưởng sinh hoạt phí")
    #: Ở nước ngoài, trường hợp khác: an amount by category, given by the office.
    NUOC_NGOAI_KHAC = ("nuoc_ngoai_khac", "Ở nước ngoài, trường hợp khác")
    #: Trường hợp khác: the amount given by the office (the rate is not found [U]).
    KHAC = ("khac", "Trường hợp khác")

    @classmethod
    def _personal(cls) -> bool:
        return True  # what the income is


class DuesExemption(LabelledEnum):
    """Why a member pays no dues (01-QĐ/TW, 2026); 50 years of party age is read, not set."""

    #: Đủ 50 năm tuổi đảng trở lên.
    TUOI_DANG = ("tuoi_dang", "Từ 50 năm tuổi đảng trở lên")
    #: Hưởng trợ cấp hưu trí xã hội (the social pension). The label said "bảo trợ xã
    #: hội", social assistance, which exempts no one; the code is kept as files hold it.
    BAO_TRO_XA_HOI = ("bao_tro_xa_hoi", "Hưởng trợ cấp hưu trí xã hội")
    #: Hộ nghèo, hộ cận nghèo.
    HO_NGHEO = ("ho_ngheo", "Hộ nghèo, cận nghèo")
    #: Mắc bệnh hiểm nghèo. The label read "Ốm đau, bệnh hiểm nghèo", as if sickness
    #: exempted too: a member on sick leave pays 1% of the benefit (``OM_DAU_THAI_SAN``).
    BENH_HIEM_NGHEO = ("benh_hiem_ngheo", "Mắc bệnh hiểm nghèo")

    @classmethod
    def _personal(cls) -> bool:
        return True  # poverty, an illness


def _fractions(value: Mapping[DuesCategory, Fraction | int]) -> dict[DuesCategory, Fraction]:
    return {k: Fraction(v) for k, v in value.items()}


def _rates() -> dict[DuesCategory, Fraction]:
    return {
        DuesCategory.BAO_HIEM: Fraction(1, 100),
        DuesCategory.OM_DAU_THAI_SAN: Fraction(1, 100),
        DuesCategory.HUU_TRI: Fraction(1, 200),
        DuesCategory.NUOC_NGOAI_SINH_HOAT_PHI: Fraction(1, 100),
    }


def _fixed() -> dict[DuesCategory, int]:
    return {DuesCategory.HOC_SINH: 5_000}


def _reductions() -> frozenset[Fraction]:
    return frozenset({Fraction(3, 10), Fraction(1, 2), Fraction(7, 10)})


_DUES_ROUNDINGS = ("half_up", "floor", "ceil")


def _dues_rounding(instance: Any, attribute: Attribute[Any], value: object) -> None:
    # Any other text fell through to half up: "Floor" or "round" silently rounded up.
    if value not in _DUES_ROUNDINGS:
        raise ArgumentError(
            N_(
                "rounding phải là một trong: {choices}, không phải {value}",
                choices=", ".join(_DUES_ROUNDINGS),
                value=repr(value),
            )
        )


def _whole_from(low: int, high: int | None = None) -> Any:
    def check(instance: Any, attribute: Attribute[Any], value: object) -> None:
        if (
            not isinstance(value, int)
            or isinstance(value, bool)
            or value < low
            or (high is not None and value > high)
        ):
            span = (
                N_("từ {low}", low=low)
                if high is None
                else N_("từ {low} đến {high}", low=low, high=high)
            )
            raise ArgumentError(
                N_(
                    "{name} phải là số nguyên {span}, không phải {value}",
                    name=attribute.name,
                    span=span,
                    value=repr(value),
                )
            )

    return check


def _shares(low_open: bool) -> Any:
    """A validator: each share (a mapping's values, or a set's items) from 0 to 1, both
    ends excluded when *low_open*."""

    def check(instance: Any, attribute: Attribute[Any], value: object) -> None:
        shares = value.values() if isinstance(value, Mapping) else value
        assert isinstance(shares, Iterable)
        for share in shares:
            # A rate of -1% owed negative dues, counted unpaid; a reduction of 0 or
            # 100% is none (100% is an exemption, with its own reasons).
            if not (0 < share < 1 if low_open else 0 <= share <= 1):
                bounds = N_("giữa 0 và 1") if low_open else N_("từ 0 đến 1")
                raise ArgumentError(
                    N_(
                        "{name} phải chứa các tỷ lệ {bounds}, không phải {share}",
                        name=attribute.name,
                        bounds=bounds,
                        share=repr(share),
                    )
                )

    return check


def _fixed_amounts(instance: Any, attribute: Attribute[Any], value: Mapping[Any, object]) -> None:
    for amount in value.values():
        if not isinstance(amount, int) or isinstance(amount, bool) or amount < 0:
            raise ArgumentError(
                N_(
                    "fixed phải chứa các số tiền nguyên từ 0, không phải {amount}",
                    amount=repr(amount),
                )
            )


def _range(instance: Any, attribute: Attribute[Any], value: tuple[object, object]) -> None:
    low, high = value
    if (
        not all(isinstance(v, int) and not isinstance(v, bool) for v in value)
        or not 0 <= low <= high  # type: ignore[operator]
    ):
        # The wrong way round, every amount abroad fell outside it and was refused.
        raise ArgumentError(
            N_(
                "abroad_range phải là hai số tiền nguyên, thấp ≤ cao, không phải {value}",
                value=repr(value),
            )
        )


def _month_start(value: date) -> date:
    # The first month a rule applies to, as its first day: given as the signing day
    # (3/2/2026) the months counted ran 3/2, 3/3, …, and no payment (kept by the
    # month's first day) matched one: every member paying on time owed the whole year.
    day: date = as_day(value)
    if not isinstance(day, date):
        raise ArgumentTypeError(
            N_("in_force_from phải là một date, không phải {kind}", kind=type(value).__name__)
        )
    return day.replace(day=1)


@frozen
class DuesRules:
    """The figures of 01-QĐ/TW (2026), each a parameter with its default.

    Args:
        rates: the share of the income, by category.
        fixed: the fixed monthly amount, by category (students 5.000 đ).
        abroad_range: the smallest and largest amount of members abroad in other cases.
        exempt_party_years: party age from which a member is exempt (50).
        reductions: the reductions allowed (30%, 50%, 70%).
        reduction_months: the longest a reduction lasts at a time (12 months).
        rounding, step: amounts are rounded to a multiple of *step* đồng (1 by
            default), half up by default; the regulation's rounding is not found [U].
        unpaid_months: months without payment in a year that make a member a removal
            candidate (3).
        in_force_from: the first month these figures apply to (February 2026); any
            day of it names the month.
    """

    rates: Mapping[DuesCategory, Fraction] = field(
        factory=_rates, converter=_fractions, validator=_shares(low_open=False)
    )
    fixed: Mapping[DuesCategory, int] = field(factory=_fixed, validator=_fixed_amounts)
    abroad_range: tuple[int, int] = field(default=(30_000, 400_000), validator=_range)
    # 0 years exempted every member, a probationary one (party age 0) too.
    exempt_party_years: int = field(default=50, validator=_whole_from(1))
    reductions: frozenset[Fraction] = field(
        factory=_reductions, converter=frozenset, validator=_shares(low_open=True)
    )
    reduction_months: int = field(default=12, validator=_whole_from(1))
    rounding: DuesRounding = field(default="half_up", validator=_dues_rounding)
    # A step of 0 divided by zero at the first amount; months unpaid of 0 made every
    # member, the exempt ones too, a removal candidate.
    step: int = field(default=1, validator=_whole_from(1))
    unpaid_months: int = field(default=ABSENCE_MONTHS, validator=_whole_from(1, 12))
    in_force_from: date = field(default=date(2026, 2, 1), converter=_month_start)

    def round(self, amount: Fraction) -> int:
        """*amount* in whole đồng, by the rounding rule.

        >>> DuesRules().round(Fraction(1_234_567, 100))
        12346
        >>> DuesRules(step=1000, rounding="floor").round(Fraction(12_999))
        12000
        """
        units = amount / self.step
        if self.rounding == "floor":
            whole = units.numerator // units.denominator
        elif self.rounding == "ceil":
            whole = -((-units.numerator) // units.denominator)
        else:
            whole = (units + Fraction(1, 2)).numerator // (units + Fraction(1, 2)).denominator
        return whole * self.step


def _amount(instance: Any, attribute: Attribute[Any], value: object) -> None:
    if value is None:
        return
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        # Income is personal: the value is never quoted.
        raise RecordError(
            "DuesProfile", attribute.name, None, N_("phải là số tiền nguyên, không âm (đồng)")
        )


def _reduction(instance: DuesProfile, attribute: Attribute[Any], value: object) -> None:
    if value is None:
        return
    if not isinstance(value, Fraction) or not 0 < value < 1:
        # A reduction is granted for a hardship: personal, never quoted.
        raise RecordError("DuesProfile", attribute.name, None, N_("phải là tỷ lệ giữa 0 và 1"))
    if instance.reduction_from is None or instance.reduction_until is None:
        raise RecordError(
            "DuesProfile",
            attribute.name,
            None,
            N_("cần ghi tháng bắt đầu và tháng kết thúc được giảm"),
        )
    if instance.reduction_until < instance.reduction_from:
        # Months the wrong way round covered no month: the reduction was silently never
        # applied. The months are personal (a hardship): not quoted.
        raise RecordError("DuesProfile", "reduction_until", None, N_("trước ngày bắt đầu"))


def _exemption(instance: Any, attribute: Attribute[Any], value: object) -> None:
    if value is DuesExemption.TUOI_DANG:
        # 50 years of party age is read from the member record each month: set in a
        # profile it exempted a member of any party age, said to have 50 years.
        raise RecordError(
            "DuesProfile",
            attribute.name,
            None,
            N_("miễn do tuổi đảng được tính từ ngày vào Đảng, không ghi trong hồ sơ đảng phí"),
        )


def _first(value: date | None) -> date | None:
    if value is None:
        return None
    # A month read by pandas or a spreadsheet comes as a datetime, never equal to the
    # month's date: a payment so given matched no month.
    day = as_day(value)
    if not isinstance(day, date):
        return value  # refused by the field's validator, naming the record and field
    return day.replace(day=1)


@frozen
class DuesProfile:
    """What a member's dues are computed from. Only the member id shows in ``repr``.

    Args:
        member_id: the member.
        category: the :class:`DuesCategory`.
        income: the salary, benefit, pension or allowance the rate applies to (of the
            previous month for salaries), in đồng; personal.
        amount: the monthly amount the office sets, for categories without a rate.
        exemption: why the member is exempt, if so; not 50 years of party age, which
            is read from the member record (a profile giving it is refused).
        reduction, reduction_from, reduction_until: a reduction (30%, 50% or 70%) and
            the months it covers, both included.
        valid_from: the first month the profile holds (any day names its month);
            ``None``, from the first month of any statement. A member whose income or
            category changes in the year (a raise, retirement) has a profile from
            each change: each month is computed from the latest profile begun by it.
    """

    member_id: str = field(validator=non_empty)
    category: DuesCategory = field(repr=False, validator=of_type(DuesCategory))
    income: int | None = field(default=None, repr=False, validator=_amount)
    amount: int | None = field(default=None, repr=False, validator=_amount)
    exemption: DuesExemption | None = field(
        default=None,
        repr=False,
        validator=[of_type(DuesExemption, optional=True), _exemption],
    )
    # A month that is no date ("3/2026" as text) was kept: compared with the months of a
    # statement it stopped it with Python's bare TypeError.
    reduction_from: date | None = field(
        default=None, repr=False, converter=_first, validator=of_type(date, optional=True)
    )
    reduction_until: date | None = field(
        default=None, repr=False, converter=_first, validator=of_type(date, optional=True)
    )
    reduction: Fraction | None = field(default=None, repr=False, validator=_reduction)
    valid_from: date | None = field(
        default=None, repr=False, converter=_first, validator=of_type(date, optional=True)
    )

    def reduced(self, month: date) -> Fraction | None:
        """The reduction in force in *month*, if any."""
        if self.reduction is None or self.reduction_from is None or self.reduction_until is None:
            return None
        if self.reduction_from <= month.replace(day=1) <= self.reduction_until:
            return self.reduction
        return None


@frozen
class DuesLine:
    """One member's dues for one month: ``amount`` ``None`` when it cannot be computed."""

    member_id: str
    month: date
    amount: int | None = field(repr=False)
    exemption: DuesExemption | None = field(default=None, repr=False)
    reduction: Fraction | None = field(default=None, repr=False)


def check_profile(profile: DuesProfile, rules: DuesRules) -> None:
    """Refuse *profile* when it breaks *rules*: a reduction not allowed or too long, an
    abroad amount outside its range.

    Raises:
        RecordError: naming the member and the field, never the value (the reduction is
            a hardship, the amount the income's share: personal).
    """
    where = f"DuesProfile {profile.member_id!r}"
    if profile.reduction is not None:
        if profile.reduction not in rules.reductions:
            raise RecordError(where, "reduction", None, N_("không phải mức giảm được phép"))
        assert profile.reduction_from is not None
        assert profile.reduction_until is not None
        months = relativedelta(profile.reduction_until, profile.reduction_from)
        if months.years * 12 + months.months + 1 > rules.reduction_months:
            raise RecordError(where, "reduction_until", None, N_("thời gian giảm quá dài"))
    if profile.category is DuesCategory.NUOC_NGOAI_KHAC and profile.amount is not None:
        low, high = rules.abroad_range
        if not low <= profile.amount <= high:
            raise RecordError(
                where, "amount", None, N_("ngoài khung mức đóng của đảng viên ở nước ngoài")
            )


def monthly_dues(
    member: Member, profile: DuesProfile | None, month: date, rules: DuesRules | None = None
) -> DuesLine:
    """The member's dues for *month*.

    Exempt from the month whose first day the member has *exempt_party_years* of party
    age. Without a profile, or without the income a rate needs, the amount is unknown
    (``None``), never zero.

    Raises:
        RecordError: the profile breaks the rules (a reduction not allowed, too long, an
            abroad amount outside its range); personal values are not quoted.

    >>> m = Member("dv1", "Phạm Văn Em", "cb1", admitted_on=date(2000, 1, 5))
    >>> p = DuesProfile("dv1", DuesCategory.BAO_HIEM, income=8_450_000)
    >>> monthly_dues(m, p, date(2026, 3, 1)).amount
    84500
    """
    r = rules or DuesRules()
    first = _first(month)
    assert first is not None
    if member.party_age(first) >= r.exempt_party_years:
        return DuesLine(member.id, first, 0, DuesExemption.TUOI_DANG)
    if profile is None:
        return DuesLine(member.id, first, None)
    check_profile(profile, r)
    if profile.exemption is not None:
        return DuesLine(member.id, first, 0, profile.exemption)
    rate = r.rates.get(profile.category)
    base: Fraction | None
    if rate is not None:
        base = None if profile.income is None else rate * profile.income
    elif profile.category in r.fixed:
        base = Fraction(r.fixed[profile.category])
    else:
        base = None if profile.amount is None else Fraction(profile.amount)
    reduction = profile.reduced(first)
    if base is None:
        return DuesLine(member.id, first, None, None, reduction)
    if reduction is not None:
        base *= 1 - reduction
    return DuesLine(member.id, first, r.round(base), None, reduction)


def _payment_amount(instance: Payment, attribute: Attribute[Any], value: object) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise RecordError(
            "Payment", attribute.name, None, N_("phải là số tiền nguyên, không âm (đồng)")
        )


@frozen
class Payment:
    """Dues paid by a member for a month (``month`` is read as its first day)."""

    member_id: str = field(validator=non_empty)
    month: date = field(converter=_first, validator=of_type(date))
    amount: int = field(repr=False, validator=_payment_amount)


@frozen
class DuesRow:
    """One member's year so far: dues, paid, arrears and the months left unpaid.

    Only the member shows in ``repr``: the amounts would give the income away.
    """

    member: Member
    category: DuesCategory | None = field(repr=False)
    last_amount: int | None = field(repr=False)
    exemption: DuesExemption | None = field(repr=False)
    due: int | None = field(repr=False)
    paid: int = field(repr=False)
    unpaid_months: int = field(repr=False)
    removal_candidate: bool = field(repr=False)

    @property
    def arrears(self) -> int | None:
        """Dues not yet paid (``None`` when the dues are unknown)."""
        return None if self.due is None else max(self.due - self.paid, 0)


@frozen
class DuesStatement(Tabled):
    """The dues of every member for the months of *year* up to *through*."""

    year: int
    through: date
    rows: tuple[DuesRow, ...]
    org_names: Mapping[str, str] = field(factory=dict, repr=False)
    #: The party age from which the statement's rules exempt (``DuesRules``), which the
    #: exemption's words give.
    exempt_party_years: int = field(default=50, repr=False, kw_only=True)
    #: The months unpaid from which the statement's rules make a member a removal
    #: candidate (``DuesRules.unpaid_months``), which the removal list must share.
    unpaid_months: int = field(default=ABSENCE_MONTHS, repr=False, kw_only=True)

    @property
    def removal_candidates(self) -> tuple[DuesRow, ...]:
        """Members with the rules' number of months unpaid in the year."""
        return tuple(r for r in self.rows if r.removal_candidate)

    def table(self) -> OfficeTable:
        """The statement as a table (amounts in đồng; no income)."""
        headers = (
            "STT", "Mã", "Họ và tên", "Chi bộ", "Đối tượng", "Mức tháng", "Miễn",
            "Phải nộp", "Đã nộp", "Còn nợ", "Số tháng chưa nộp", "Diện xem xét xóa tên",
        )  # fmt: skip
        rows = [
            (
                n,
                r.member.id,
                r.member.full_name,
                self.org_names.get(r.member.org_id, r.member.org_id),
                None if r.category is None else r.category.label,
                r.last_amount,
                None if r.exemption is None else self._exemption(r.exemption),
                r.due,
                r.paid,
                r.arrears,
                r.unpaid_months,
                r.removal_candidate,
            )
            for n, r in enumerate(self.rows, 1)
        ]
        title = f"Đảng phí năm {self.year} đến tháng {self.through.month}/{self.year}"
        return OfficeTable(title, headers, rows)

    def _exemption(self, exemption: DuesExemption) -> str:
        # The label says 50 years, the default: a statement under other rules (40 years)
        # said "từ 50 năm tuổi đảng trở lên" of members exempted at 40.
        if exemption is DuesExemption.TUOI_DANG:
            return f"Từ {self.exempt_party_years} năm tuổi đảng trở lên"
        return exemption.label

    def text(self) -> str:
        """The statement in Vietnamese: exemptions, arrears and removal candidates."""
        lines = [self.table().title.upper()]
        for n, r in enumerate(self.rows, 1):
            if r.exemption is not None:
                state = f"miễn đóng ({self._exemption(r.exemption).lower()})"
            elif r.last_amount is None:
                state = "chưa xác định được mức đóng"
            else:
                state = f"{format_number(r.last_amount)} đ/tháng"
            if r.arrears:
                state += f"; còn nợ {format_number(r.arrears)} đ"
            if r.removal_candidate:
                state += f"; {r.unpaid_months} tháng không nộp — diện xem xét xóa tên"
            lines.append(f"{n}. Đồng chí {r.member.full_name}: {state}.")
        return "\n".join(lines)


def duplicate_profile_error(profile: DuesProfile) -> RecordError:
    """The error for *profile*, whose member already has a dues profile from its month."""
    return RecordError(
        f"DuesProfile {profile.member_id!r}",
        "member_id",
        None,
        N_("đảng viên đã có một hồ sơ đảng phí"),
    )


def _inactive_throughout(member: Member, first: date, last: date) -> bool:
    """True when gaps in the member's party life cover every day from *first* to *last*.

    A member expelled or removed and re-admitted later keeps the first admission, with
    the time between as a gap: no dues are owed for the months of it (a gap's ``end``
    is the day activity resumed, itself a day of activity).
    """
    covered = first
    for gap in sorted(member.inactive_periods, key=lambda g: g.start):
        if gap.start > covered:
            break
        if gap.end > covered:
            covered = gap.end
        if covered > last:
            return True
    return False


def _spans_here(
    history: History | None, member: Member, orgs: frozenset[str]
) -> list[tuple[date, date | None]]:
    """The spans the member is on a list of *orgs*: (entered, left or ``None``).

    Without a history, or one that does not know the member, the record's span:
    from admission to leaving.
    """
    if history is not None:
        try:
            changes = history.changes(member.id)
        except KeyError:
            changes = None
        if changes is not None:
            spans: list[tuple[date, date | None]] = []
            opened: date | None = None
            for at, change in enumerate(changes, 1):
                here = change.org_id in orgs
                if not here and at == len(changes) and change.entering:
                    # The events end on a list the record places here: a chi bộ since
                    # merged into one of these, named by its old id (the history's
                    # mapping), not a move away.
                    here = member.org_id in orgs and member.left_on is None
                if not here:
                    continue
                if change.entering:
                    opened = change.on if opened is None else opened
                elif opened is not None:
                    spans.append((opened, change.on))
                    opened = None
            if opened is not None:
                spans.append((opened, None))
            return spans
    return [(member.admitted_on, member.left_on)]


def _next_month(month: date) -> date:
    """The first day of the month after *month*'s (a first day)."""
    return date(month.year + 1, 1, 1) if month.month == 12 else month.replace(month=month.month + 1)


def _start_of(profile: DuesProfile) -> date:
    return date.min if profile.valid_from is None else profile.valid_from


def _profile_of(held: list[DuesProfile], month: date) -> DuesProfile | None:
    """The latest of *held* (sorted by start) begun by *month*, if any."""
    found = None
    for p in held:
        if _start_of(p) > month:
            break
        found = p
    return found


def dues_statement(
    source: OrgTree | Iterable[Member],
    profiles: Iterable[DuesProfile],
    payments: Iterable[Payment],
    year: int,
    *,
    through: date | None = None,
    rules: DuesRules | None = None,
    history: History | None = None,
) -> DuesStatement:
    """Each member's dues for the months of *year* through *through* (default December).

    The months counted start in January, or at ``rules.in_force_from`` when later
    (01-QĐ/TW applies from February 2026; earlier months followed 342-QĐ/TW).

    A month counts as unpaid when dues were owed and nothing was paid for it (dues of
    an unknown amount, the profile granting no exemption, are owed); a member
    with ``rules.unpaid_months`` such months is a removal candidate (good reasons are
    for the chi bộ to weigh). Members not on the rolls in a month, or inside a gap in
    their party life the whole month (before a re-admission), owe nothing for it; a
    member owing nothing here for every month counted (left before the year, admitted
    after its last month) has no row.

    A member with profiles from several months (``DuesProfile.valid_from``: a raise,
    a retirement) owes each month by the latest profile begun by it; the row shows
    the category and amount of the last month counted.

    With *history* (the members' events), a member owes here only the months on a list
    of this statement's organizations: one transferred in during the year paid the
    months before at the chi bộ it came from, and they are neither owed nor unpaid
    here. A month spent partly at each end is owed at both (either may collect it).

    Raises:
        ValueError: *through* is not in *year*, or before the rules applied (both
            :class:`~coso_dang.errors.CosoDangError`).
        RecordError: a member has two profiles from one month.
    """
    r = rules or DuesRules()
    if through is not None and through.year != year:
        # Months of another year would be counted unpaid (payments are read for *year*
        # only) and the statement titled with the wrong month: a member who paid every
        # month of the year became a removal candidate.
        raise _OutsideYearError(
            N_(
                "tháng {month} không thuộc năm {year} của bảng kê đảng phí",
                month=f"{through:%m/%Y}",
                year=year,
            )
        )
    last = date(year, 12, 1) if through is None else _first(through)
    assert last is not None
    if last < r.in_force_from:
        raise _NotInForceError(
            N_(
                "quy định đảng phí áp dụng từ tháng {start}, không áp dụng cho tháng {month}",
                start=f"{r.in_force_from:%m/%Y}",
                month=f"{last:%m/%Y}",
            )
        )
    by_profile: dict[str, list[DuesProfile]] = {}
    for p in profiles:
        held = by_profile.setdefault(p.member_id, [])
        if any(q.valid_from == p.valid_from for q in held):
            # Either profile kept would drop the other's category, income or exemption.
            raise duplicate_profile_error(p)
        held.append(p)
    for held in by_profile.values():
        held.sort(key=_start_of)
    paid: dict[tuple[str, date], int] = {}
    for pay in payments:
        if pay.month.year == year:
            key = (pay.member_id, pay.month)
            paid[key] = paid.get(key, 0) + pay.amount
    members = list(source.members() if isinstance(source, OrgTree) else source)
    names = {o.id: o.name for o in source.walk()} if isinstance(source, OrgTree) else {}
    orgs = frozenset(names) | {m.org_id for m in members}
    rows = []
    for m in members:
        held = by_profile.get(m.id, [])
        shown: DuesProfile | None = None
        due: int | None = 0
        total_paid = unpaid = 0
        line = None
        month = max(date(year, 1, 1), r.in_force_from)
        spans = _spans_here(history, m, orgs)
        while month <= last:
            end = month.replace(day=monthrange(month.year, month.month)[1])
            here = any(entered <= end and (left is None or left > month) for entered, left in spans)
            if here and not _inactive_throughout(m, month, end):
                # The month's profile: the latest begun by it (a raise, a retirement).
                profile = shown = _profile_of(held, month)
                line = monthly_dues(m, profile, month, r)
                got = paid.get((m.id, month), 0)
                total_paid += got
                if line.amount is None:
                    due = None
                elif due is not None:
                    due += line.amount
                # Owed, and nothing paid for the month. An amount unknown (no income or
                # amount recorded) is still owed when the profile grants no exemption:
                # a member who paid nothing for months was never a removal candidate.
                owed = bool(line.amount) or (line.amount is None and profile is not None)
                if owed and not got:
                    unpaid += 1
            if month == last:
                # December 9999 has no month after it: Python's English "year 10000 is
                # out of range" ended the statement.
                break
            month = _next_month(month)
        if line is None:
            # Not on this office's lists in any month counted (left before the year,
            # admitted after its last month, inside a gap, elsewhere all along): no
            # dues here. Listed, the member read "chưa xác định được mức đóng", as if
            # the office had a member whose amount it still had to find.
            continue
        rows.append(
            DuesRow(
                m,
                None if shown is None else shown.category,
                line.amount,
                line.exemption,
                due,
                total_paid,
                unpaid,
                unpaid >= r.unpaid_months,
            )
        )
    rows.sort(key=lambda row: row.member.id)
    return DuesStatement(
        year,
        last,
        tuple(rows),
        names,
        exempt_party_years=r.exempt_party_years,
        unpaid_months=r.unpaid_months,
    )
