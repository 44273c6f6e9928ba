"""Golden tables of the office's yearly work, worked out by hand from the regulations.

Every expected day below is counted by hand in the docstring or comment beside it, from
the wording the library encodes: the 12-month mark is the same day a year on, 29/2 going
to 28/2 (Bộ luật Dân sự 2015, Điều 148: a month or a year without the day ends on the
month's last day); the chi bộ considers within 30 working days of the mark and the
committee decides within 60 working days of the chi bộ's resolution (29-QĐ/TW 4.2);
badges at 30, 40, 45 … 90 years of party age, counted from the admission decision,
proposed on 3/2, 19/5, 2/9 and 7/11; a temporary transfer for 3 months to under a year
(study: up to 2 years); tuổi cao over 60 (men) and 55 (women) in completed years; dues
exempt from 50 years of party age, reductions for up to 12 months at a time.

Vietnam's days off used below: 2025 — 1/1, Tết 25/1–2/2, Giỗ Tổ Monday 7/4, 30/4–2/5
(2/5 made up on Saturday 26/4), 1–2/9; 2026 — 1/1, Tết 16/2–20/2, Giỗ Tổ observed on
Monday 27/4, 30/4–1/5, 31/8–2/9 (31/8 made up on Saturday 22/8), Ngày Văn hóa Việt Nam
Tuesday 24/11 (a holiday from 2026); 2027 — Friday 1/1.
"""

from __future__ import annotations

from datetime import date, timedelta
from fractions import Fraction

import pytest

from coso_dang import Member, Organization, OrgKind, OrgTree
from coso_dang.errors import RecordError
from coso_dang.members import Gender, LeaveReason
from coso_dang.operations import (
    DuesCategory,
    DuesExemption,
    DuesProfile,
    Exemption,
    ExemptionKind,
    Payment,
    WorkCalendar,
    badge_round,
    due_official,
    dues_statement,
    exemption_problem,
    form_6f,
    monthly_dues,
    temporary_transfer_problem,
)
from coso_dang.rules import DIEU_LE, Status, Structure
from coso_dang.rules.rating import RatingRound

d = date


@pytest.fixture(scope="module")
def cal() -> WorkCalendar:
    return WorkCalendar()


def member(mid: str, admitted: date, **kw: object) -> Member:
    return Member(mid, f"Đảng viên {mid}", "cb1", admitted_on=admitted, **kw)  # type: ignore[arg-type]


# -- the 12-month mark and the chi bộ's 30 working days ------------------------------------------


@pytest.mark.parametrize(
    ("ceremony", "mark", "branch_by"),
    [
        # A leap-day ceremony: the mark is Friday 28/2/2025. From Monday 3/3: five weeks
        # to Friday 4/4 (25), Giỗ Tổ on 7/4 off, 8–11/4 (29), Monday 14/4 (30).
        (d(2024, 2, 29), d(2025, 2, 28), d(2025, 4, 14)),
        # The day after: the mark is Saturday 1/3/2025, the count starts on Monday 3/3 as
        # well and ends on the same day.
        (d(2024, 3, 1), d(2025, 3, 1), d(2025, 4, 14)),
        # Over New Year: mark Wednesday 31/12/2025; 1/1/2026 off; Friday 2/1 (1), five
        # weeks to Friday 6/2 (26), 9–12/2 (30): Thursday 12/2/2026, before Tết.
        (d(2024, 12, 31), d(2025, 12, 31), d(2026, 2, 12)),
        # Month end: mark Saturday 31/1/2026; 2–13/2 (10), Tết 16–20/2 off, 23/2–20/3
        # four weeks (30): Friday 20/3/2026.
        (d(2025, 1, 31), d(2026, 1, 31), d(2026, 3, 20)),
        # The last day of February in a common year: mark Saturday 28/2/2026; 2/3–10/4,
        # six weeks (30): Friday 10/4/2026, Giỗ Tổ (27/4) after it.
        (d(2025, 2, 28), d(2026, 2, 28), d(2026, 4, 10)),
        # Across Tết 2025: mark Wednesday 15/1/2025; 16–17/1 (2), 20–24/1 (7), Tết
        # 27–31/1 off, 3/2–28/2 four weeks (27), 3–5/3 (30): Wednesday 5/3/2025.
        (d(2024, 1, 15), d(2025, 1, 15), d(2025, 3, 5)),
    ],
)
def test_marks_and_the_chi_bos_deadline(
    cal: WorkCalendar, ceremony: date, mark: date, branch_by: date
) -> None:
    """The 12-month mark and the chi bộ's deadline, listed in the mark's own month."""
    m = member("dv1", d(ceremony.year, ceremony.month, 1), ceremony_on=ceremony)
    assert m.official_date == mark
    listed = due_official([m], d(mark.year, mark.month, 1), mark, calendar=cal)
    [entry] = listed.entries
    assert (entry.mark, entry.branch_by, entry.late) == (mark, branch_by, None)


def test_the_last_day_for_the_decision(cal: WorkCalendar) -> None:
    """Ceremony 29/2/2024, mark 28/2/2025, chi bộ by 14/4/2025; had it met that day the
    committee decides by the 60th working day after: 15–18/4 (4), 21–25 (9), Saturday
    26/4 worked (10), 28–29/4 (12), 30/4–2/5 off, 5/5–6/6 five weeks (37), 9/6–4/7
    four weeks (57), 7–9/7 (60): Wednesday 9/7/2025. With no decision, both the office's
    list (the chi bộ's resolution not known) and the charter check call it overdue from
    10/7/2025, not before."""
    m = member("dv1", d(2024, 2, 10), ceremony_on=d(2024, 2, 29))
    done = member("dv2", d(2010, 1, 1), official_on=d(2011, 1, 1))
    tree = OrgTree.build([Organization("cb1", "Chi bộ 1", OrgKind.CHI_BO_CO_SO)], [m, done])
    code = "dieu_le.qua_han_xet_chuyen_chinh_thuc"
    overdue = "chưa có quyết định của cấp ủy, quá hạn 09/7/2025"
    for on, late in [(d(2025, 7, 9), None), (d(2025, 7, 10), overdue)]:
        [entry] = due_official([m], d(2025, 2, 1), d(2025, 2, 28), calendar=cal, on=on).entries
        assert (entry.committee_by, entry.late) == (d(2025, 7, 9), late)
        report = DIEU_LE.check(Structure(tree, on))
        found = [(r.subject.id, r.status) for r in report if r.code == code]
        assert found == ([] if late is None else [("dv1", Status.FAIL)])


# -- badges ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("admitted", "years", "reached", "round_", "others"),
    [
        # 29/2/1996: 30 years on 28/2/2026, after the round of 3/2: proposed on 19/5.
        (d(1996, 2, 29), 30, d(2026, 2, 28), d(2026, 5, 19), (d(2026, 2, 3), d(2026, 9, 2))),
        # 29/2/1976: 50 years the same day.
        (d(1976, 2, 29), 50, d(2026, 2, 28), d(2026, 5, 19), (d(2026, 2, 3), d(2026, 9, 2))),
        # 29/2/1984: 40 years on 29/2/2024, a leap year: the day itself.
        (d(1984, 2, 29), 40, d(2024, 2, 29), d(2024, 5, 19), (d(2024, 2, 3), d(2024, 9, 2))),
        # 7/11/1995: 30 years on the round's day 7/11/2025 itself.
        (d(1995, 11, 7), 30, d(2025, 11, 7), d(2025, 11, 7), (d(2025, 9, 2), d(2026, 2, 3))),
        # 8/11/1995: the day after that round: over New Year, on 3/2/2026.
        (d(1995, 11, 8), 30, d(2025, 11, 8), d(2026, 2, 3), (d(2025, 11, 7), d(2026, 5, 19))),
        # 3/2/1986 and 4/2/1986: 40 years on the round's day, and the day after it.
        (d(1986, 2, 3), 40, d(2026, 2, 3), d(2026, 2, 3), (d(2025, 11, 7), d(2026, 5, 19))),
        (d(1986, 2, 4), 40, d(2026, 2, 4), d(2026, 5, 19), (d(2026, 2, 3), d(2026, 9, 2))),
    ],
)
def test_badge_rounds(
    admitted: date, years: int, reached: date, round_: date, others: tuple[date, date]
) -> None:
    """Each badge in its round, and in neither the round before nor the one after."""
    m = member("dv1", admitted)
    got = [(e.member.id, e.years, e.reached_on) for e in badge_round([m], round_).proposed]
    assert got == [("dv1", years, reached)]
    for other in others:
        assert badge_round([m], other).proposed == ()


def test_badge_of_a_member_who_died_around_the_round() -> None:
    """30 years on 20/2/2026 (admitted 20/2/1996). Died on 1/3/2026, before the round of
    19/5/2026: not proposed as due; posthumously if the family asks. Died on 20/5/2026,
    after it: proposed on 19/5 as due."""
    early = member("A", d(1996, 2, 20), left_on=d(2026, 3, 1), leave_reason=LeaveReason.TU_TRAN)
    late = member("B", d(1996, 2, 20), left_on=d(2026, 5, 20), leave_reason=LeaveReason.TU_TRAN)
    listed = badge_round([early, late], d(2026, 5, 19))
    assert [(e.member.id, e.ground.value) for e in listed.proposed] == [("B", "du_tuoi")]
    from coso_dang.operations import MemberFacts

    asked = badge_round([early], d(2026, 5, 19), facts=[MemberFacts("A", posthumous=True)])
    assert [(e.member.id, e.ground.value) for e in asked.proposed] == [("A", "truy_tang")]


# -- transfers and exemptions ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "study", "problem"),
    [
        # 31/1 + 3 months is 30/4 (April has no 31st).
        (d(2026, 1, 31), d(2026, 4, 29), False, "vắng dưới 3 tháng"),
        (d(2026, 1, 31), d(2026, 4, 30), False, None),
        # 30/11/2025 + 3 months is 28/2/2026.
        (d(2025, 11, 30), d(2026, 2, 27), False, "vắng dưới 3 tháng"),
        (d(2025, 11, 30), d(2026, 2, 28), False, None),
        # 29/2/2024 + 12 months is 28/2/2025: a year from then is no temporary transfer.
        (d(2024, 2, 29), d(2025, 2, 27), False, None),
        (d(2024, 2, 29), d(2025, 2, 28), False, "vắng từ 1 năm trở lên"),
        # Study: up to 2 years, 29/2/2024 + 24 months is 28/2/2026, included.
        (d(2024, 2, 29), d(2026, 2, 28), True, None),
        (d(2024, 2, 29), d(2026, 3, 1), True, "đi học trên 2 năm"),
    ],
)
def test_temporary_transfers(start: date, end: date, study: bool, problem: str | None) -> None:
    """Months counted to the corresponding day, or the month's last day."""
    said = temporary_transfer_problem(start, end, study=study)
    assert (said if said is None else said.split(":")[0]) == problem


@pytest.mark.parametrize(
    ("born", "gender", "first_day", "fits"),
    [
        # A man born on 29/2/1964 is 61 on 28/2/2025 (no 29/2 that year): over 60.
        (d(1964, 2, 29), Gender.NAM, d(2025, 2, 27), False),
        (d(1964, 2, 29), Gender.NAM, d(2025, 2, 28), True),
        # A woman born on 31/12/1969 is 56 on 31/12/2025, over New Year's Eve.
        (d(1969, 12, 31), Gender.NU, d(2025, 12, 30), False),
        (d(1969, 12, 31), Gender.NU, d(2025, 12, 31), True),
    ],
)
def test_elderly_exemption(born: date, gender: Gender, first_day: date, fits: bool) -> None:
    """Tuổi cao: over 60 (men) or 55 (women) in completed years on the first day."""
    m = member("dv1", d(1990, 1, 1), birth_date=born, gender=gender)
    said = exemption_problem(Exemption("dv1", first_day, ExemptionKind.TUOI_CAO), m)
    assert (said is None) is fits


def test_elderly_exemption_unknown_birth_date() -> None:
    """No birth date: said to be unknown, never taken for a fit or for a member too young."""
    m = member("dv1", d(1990, 1, 1), gender=Gender.NU)
    said = exemption_problem(Exemption("dv1", d(2026, 1, 1), ExemptionKind.TUOI_CAO), m)
    assert said == "chưa rõ ngày sinh hoặc giới tính: không xác định được tuổi cao"


# -- Biểu 6F: admitted less than 6 months before --------------------------------------------------


@pytest.mark.parametrize(("on", "new"), [(d(2026, 2, 27), 1), (d(2026, 2, 28), 0)])
def test_form_6f_six_months_at_the_end_of_february(on: date, new: int) -> None:
    """Admitted 31/8/2025: six months end on 28/2/2026 (February has no 31st), so on
    27/2 the member is new, and on 28/2 unrated for another reason."""
    m = member("dv1", d(2025, 8, 31))
    tree = OrgTree.build([Organization("cb1", "Chi bộ 1", OrgKind.CHI_BO_CO_SO)], [m])
    counts = form_6f(RatingRound(tree, [], on.year, rated_on=on))
    assert (counts.members_due, counts.members_new, counts.members_other) == (1, new, 1 - new)


# -- dues -----------------------------------------------------------------------------------------


def test_dues_exempt_from_the_month_of_fifty_years() -> None:
    """0,5% of a pension of 5.000.000 đ is 25.000 đ. Admitted 29/2/1976, 50 years on
    28/2/2026: on 1/2 the member has 49, pays February, and is exempt from March.
    Admitted 1/2/1976: exempt from February."""
    profile = DuesProfile("L", DuesCategory.HUU_TRI, income=5_000_000)
    leap = member("L", d(1976, 2, 29))
    first = member("L", d(1976, 2, 1))
    months = [d(2026, 1, 1), d(2026, 2, 1), d(2026, 3, 1)]
    assert [monthly_dues(leap, profile, m).amount for m in months] == [25_000, 25_000, 0]
    assert [monthly_dues(first, profile, m).amount for m in months] == [25_000, 0, 0]
    assert monthly_dues(leap, profile, d(2026, 3, 1)).exemption is DuesExemption.TUOI_DANG


def test_dues_reduction_of_twelve_months_over_new_year() -> None:
    """A reduction for up to 12 months at a time: 2/2026 to 1/2027 is 12 months, to
    2/2027 is 13. 1% of 8.450.000 đ is 84.500 đ; 30% off, 59.150 đ."""
    m = member("dv1", d(2000, 1, 5))
    kept = DuesProfile(
        "dv1", DuesCategory.BAO_HIEM, income=8_450_000, reduction=Fraction(3, 10),
        reduction_from=d(2026, 2, 1), reduction_until=d(2027, 1, 1),
    )  # fmt: skip
    assert [monthly_dues(m, kept, d(y, mo, 1)).amount for y, mo in ((2027, 1), (2027, 2))] == [
        59_150,
        84_500,
    ]
    too_long = DuesProfile(
        "dv1", DuesCategory.BAO_HIEM, income=8_450_000, reduction=Fraction(3, 10),
        reduction_from=d(2026, 2, 1), reduction_until=d(2027, 2, 1),
    )  # fmt: skip
    with pytest.raises(RecordError, match="quá dài"):
        monthly_dues(m, too_long, d(2026, 3, 1))


def test_dues_months_unpaid_count_in_their_own_year() -> None:
    """Nothing paid for November and December 2026 and January 2027: two months in 2026
    and one in 2027, never three in a year, so no removal candidate either year. A
    member whose amount is unknown (no income recorded) owes an unknown sum, not 0."""
    m = member("dv1", d(2000, 1, 5))
    unknown = member("dv2", d(2000, 1, 5))
    profiles = [
        DuesProfile("dv1", DuesCategory.HOC_SINH),
        DuesProfile("dv2", DuesCategory.BAO_HIEM),
    ]
    paid = [Payment("dv1", d(2026, mo, 1), 5_000) for mo in range(2, 11)]
    year = dues_statement([m, unknown], profiles, paid, 2026)
    rows = {r.member.id: r for r in year.rows}
    assert (rows["dv1"].due, rows["dv1"].paid, rows["dv1"].unpaid_months) == (55_000, 45_000, 2)
    assert (rows["dv2"].due, rows["dv2"].arrears) == (None, None)
    assert [r.member.id for r in year.removal_candidates] == ["dv2"]
    january = dues_statement([m], profiles, paid, 2027, through=d(2027, 1, 31))
    assert (january.rows[0].unpaid_months, january.rows[0].removal_candidate) == (1, False)


# -- the 2025–2026 days off -----------------------------------------------------------------------


def test_a_ceremony_across_the_day_of_vietnamese_culture(cal: WorkCalendar) -> None:
    """Admission decided on Friday 20/11/2026: the ceremony within 30 working days.
    Monday 23/11 (1), Tuesday 24/11 Ngày Văn hóa Việt Nam off, 25–27/11 (4), 30/11–25/12
    four weeks (24), 28–31/12 (28), Friday 1/1/2027 off, 4–5/1 (30): Tuesday 5/1/2027.
    Made on 5/1/2027 with no ceremony held the list is on time; on 6/1, overdue."""
    from coso_dang.operations import deadlines

    m = member("dv1", d(2026, 11, 20))
    for on, overdue in [(d(2027, 1, 5), False), (d(2027, 1, 6), True)]:
        [entry] = deadlines([m], on, calendar=cal).entries
        assert (entry.due, entry.overdue(on)) == (d(2027, 1, 5), overdue)


def test_an_official_transfer_across_national_day_2026(cal: WorkCalendar) -> None:
    """A job change on Monday 3/8/2026: the official transfer within 60 working days.
    4–7/8 (4), 10–21/8 (14), Saturday 22/8 worked (15), 24–28/8 (20), 31/8–2/9 off,
    3–4/9 (22), 7/9–23/10 seven weeks (57), 26–28/10 (60): Wednesday 28/10/2026."""
    from coso_dang.operations import transfer_deadline

    assert transfer_deadline(d(2026, 8, 3), cal) == d(2026, 10, 28)


# -- badges: the four award days, and a membership interrupted ----------------------------------

# Consecutive rounds from 7/11/2025 to 3/2/2027: each badge is on exactly one of them.
ROUNDS = [
    d(2025, 11, 7), d(2026, 2, 3), d(2026, 5, 19), d(2026, 9, 2), d(2026, 11, 7), d(2027, 2, 3),
]  # fmt: skip


@pytest.mark.parametrize(
    ("admitted", "years", "round_"),
    [
        (d(1995, 11, 4), 30, d(2025, 11, 7)),  # reached 4/11/2025, three days before 7/11
        (d(1996, 1, 1), 30, d(2026, 2, 3)),  # over New Year to 3/2
        (d(1996, 2, 3), 30, d(2026, 2, 3)),  # on 3/2 itself
        (d(1996, 5, 19), 30, d(2026, 5, 19)),  # on 19/5 itself
        (d(1996, 5, 20), 30, d(2026, 9, 2)),  # the day after 19/5: on 2/9
        (d(1996, 9, 2), 30, d(2026, 9, 2)),  # on 2/9 itself
        (d(1996, 9, 3), 30, d(2026, 11, 7)),  # the day after 2/9: on 7/11
        (d(1996, 11, 7), 30, d(2026, 11, 7)),  # on 7/11 itself
        (d(1996, 11, 8), 30, d(2027, 2, 3)),  # the day after 7/11: on 3/2 of the next year
        (d(1981, 5, 19), 45, d(2026, 5, 19)),  # 45 years
        (d(1936, 9, 2), 90, d(2026, 9, 2)),  # 90 years, the last badge
        (d(1991, 2, 3), None, None),  # 35 years on 3/2/2026: no badge of 35
        (d(1946, 9, 3), 80, d(2026, 11, 7)),  # 80 years on 3/9/2026
    ],
)
def test_each_badge_on_exactly_one_of_the_award_days(
    admitted: date, years: int | None, round_: date | None
) -> None:
    """A badge is proposed on the first award day (3/2, 19/5, 2/9, 7/11) on or after the
    day its years are reached, and on no other round of the sequence."""
    m = member("dv1", admitted)
    got = [(r, e.years) for r in ROUNDS for e in badge_round([m], r).proposed]
    assert got == ([] if years is None else [(round_, years)])


@pytest.mark.parametrize(
    ("gaps", "reached", "round_"),
    [
        # Admitted 19/5/1990: 30 years on 19/5/2020, proposed that day.
        ((), d(2020, 5, 19), d(2020, 5, 19)),
        # Removed 1/3/2000, re-admitted 1/9/2001: 18 months out, 30 years on 19/11/2021,
        # twelve days after 7/11: proposed on 3/2/2022.
        (((d(2000, 3, 1), d(2001, 9, 1)),), d(2021, 11, 19), d(2022, 2, 3)),
        # The same gap entered twice, once within the other: counted once.
        (
            ((d(2000, 3, 1), d(2001, 9, 1)), (d(2000, 6, 1), d(2000, 12, 1))),
            d(2021, 11, 19),
            d(2022, 2, 3),
        ),
        # Two gaps, 2 years and 6 months: 19/11/2022, proposed 3/2/2023.
        (
            ((d(1995, 1, 1), d(1997, 1, 1)), (d(2005, 3, 1), d(2005, 9, 1))),
            d(2022, 11, 19),
            d(2023, 2, 3),
        ),
        # A gap after the badge was reached does not move it.
        (((d(2021, 1, 1), d(2022, 1, 1)),), d(2020, 5, 19), d(2020, 5, 19)),
    ],
)
def test_badge_of_a_membership_interrupted(
    gaps: tuple[tuple[date, date], ...], reached: date, round_: date
) -> None:
    """Party age runs from the admission decision less the time out of the party, a
    gap of n months moving the day by n calendar months (re-admission keeps the first
    admission): the badge comes that much later, on the award day after it."""
    from coso_dang.members import InactivePeriod

    periods = [InactivePeriod(a, b) for a, b in gaps]
    m = member("dv1", d(1990, 5, 19), ceremony_on=d(1990, 6, 1), inactive_periods=periods)
    assert m.party_age_reached_on(30) == reached
    [entry] = badge_round([m], round_).proposed
    assert (entry.years, entry.reached_on) == (30, reached)
    before = [r for r in (d(2020, 5, 19), d(2021, 11, 7), d(2022, 11, 7)) if r < round_]
    assert all(badge_round([m], r).proposed == () for r in before)
    assert m.party_age(reached) == 30
    assert m.party_age(reached - timedelta(days=1)) == 29


def test_badge_with_a_gap_of_a_leap_february() -> None:
    """Admitted 29/2/1996, out of the party 1/2/2004 to 1/3/2004 (the 29 days of a leap
    February): one month, so 30 years on 29/3/2026, proposed on 19/5/2026."""
    from coso_dang.members import InactivePeriod

    m = member(
        "dv1", d(1996, 2, 29), inactive_periods=[InactivePeriod(d(2004, 2, 1), d(2004, 3, 1))]
    )
    assert m.party_age_reached_on(30) == d(2026, 3, 29)
    assert badge_round([m], d(2026, 2, 3)).proposed == ()
    assert [e.reached_on for e in badge_round([m], d(2026, 5, 19)).proposed] == [d(2026, 3, 29)]


# -- dues: an income that changes, rounding, unknown incomes ---------------------------------------


def test_dues_salary_then_pension_rounded_each_month() -> None:
    """In social insurance to June 2026 on an insured salary of 8.456.750 đ: 1% is
    84.567,5 đ, 84.568 đ rounded half up. Retired from July on a pension of 5.000.100 đ:
    0,5% is 25.000,5 đ, 25.001 đ. February–December: 5 × 84.568 + 6 × 25.001 = 572.846 đ.
    Paid every month but October: 25.001 đ owed, one month unpaid. Rounded down to the
    thousand instead: 5 × 84.000 + 6 × 25.000 = 570.000 đ."""
    from coso_dang.operations import DuesRules

    m = member("dv1", d(2000, 1, 5))
    profiles = [
        DuesProfile("dv1", DuesCategory.BAO_HIEM, income=8_456_750),
        DuesProfile("dv1", DuesCategory.HUU_TRI, income=5_000_100, valid_from=d(2026, 7, 1)),
    ]
    paid = [Payment("dv1", d(2026, mo, 1), 84_568) for mo in range(2, 7)]
    paid += [Payment("dv1", d(2026, mo, 1), 25_001) for mo in (7, 8, 9, 11, 12)]
    [row] = dues_statement([m], profiles, paid, 2026).rows
    assert (row.category, row.last_amount) == (DuesCategory.HUU_TRI, 25_001)
    assert (row.due, row.paid, row.arrears, row.unpaid_months) == (572_846, 547_845, 25_001, 1)
    assert not row.removal_candidate
    floor = DuesRules(rounding="floor", step=1_000)
    [rounded] = dues_statement([m], profiles, [], 2026, rules=floor).rows
    assert (rounded.due, rounded.unpaid_months, rounded.removal_candidate) == (570_000, 11, True)


def test_dues_unknown_income_is_not_zero_in_the_lists() -> None:
    """A pensioner whose pension is not recorded: the amount is unknown, not 0, in the
    row, the table and the text; the months with nothing paid are still unpaid."""
    m = member("dv1", d(2000, 1, 5))
    statement = dues_statement(
        [m], [DuesProfile("dv1", DuesCategory.HUU_TRI)], [], 2026, through=d(2026, 4, 30)
    )
    [row] = statement.rows
    assert (row.last_amount, row.due, row.arrears, row.unpaid_months) == (None, None, None, 3)
    [record] = statement.table().records()
    assert (record["Mức tháng"], record["Phải nộp"], record["Còn nợ"]) == (None, None, None)
    assert "chưa xác định được mức đóng; 3 tháng không nộp" in statement.text()


def test_early_and_posthumous_badges_around_a_leap_day() -> None:
    """Seriously ill, admitted 29/2/1948: 80 years on 29/2/2028, up to 24 months early,
    from 28/2/2026 (no 29/2 that year): not on the list of 3/2/2026, on that of
    19/5/2026. Admitted 29/2/1996, 30 years on 28/2/2026: died on 28/2/2025, twelve
    months before, a posthumous award can be asked; died on 27/2/2025, it cannot."""
    from coso_dang.operations import BadgeGround, MemberFacts

    ill = member("ill", d(1948, 2, 29))
    facts = [MemberFacts("ill", seriously_ill=True, badges_awarded=[75])]
    assert badge_round([ill], d(2026, 2, 3), facts=facts).proposed == ()
    [entry] = badge_round([ill], d(2026, 5, 19), facts=facts).proposed
    assert (entry.years, entry.reached_on, entry.ground) == (
        80,
        d(2028, 2, 29),
        BadgeGround.TANG_SOM,
    )
    for died, listed in [(d(2025, 2, 28), True), (d(2025, 2, 27), False)]:
        gone = member("gone", d(1996, 2, 29), left_on=died, leave_reason=LeaveReason.TU_TRAN)
        asked = [MemberFacts("gone", posthumous=True)]
        got = badge_round([gone], d(2025, 5, 19), facts=asked).proposed
        assert [(e.years, e.ground) for e in got] == (
            [(30, BadgeGround.TRUY_TANG)] if listed else []
        )
