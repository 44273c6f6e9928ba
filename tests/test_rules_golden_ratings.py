"""Golden tables written from the regulations' wording, one small table per rule.

Each row is a boundary the wording decides: "không vượt quá 20% số đảng viên hoàn thành
tốt nhiệm vụ" (inclusive, over the members rated HTTNV), "từ 18 tuổi đến đủ 60 tuổi
(tính theo tháng)". The expected status is read from the text, not from the code.
"""

from __future__ import annotations

import re
from datetime import date
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coso_dang import Evaluation, Member, Organization, OrgKind, OrgTree, Rating, SubjectKind
from coso_dang.evaluation import ReviewPeriod
from coso_dang.rules import QD124, QD132, QD366, RatingRound, Status, Structure
from coso_dang.rules.charter import AdmissionAgeRule
from coso_dang.rules.rating import HtxsnvQuotaRule, regime_rule

X, T, N, K = Rating.HTXSNV, Rating.HTTNV, Rating.HTNV, Rating.KHTNV


def _quota_round(ratings: list[Rating | None], year: int) -> RatingRound:
    members = [
        Member(f"dv{i}", f"Trần Văn {i}", "cb", admitted_on=date(2000, 1, 1))
        for i in range(len(ratings))
    ]
    tree = OrgTree.build([Organization("cb", "Chi bộ Trường A", OrgKind.CHI_BO_CO_SO)], members)
    evaluations = [Evaluation(f"dv{i}", year, r) for i, r in enumerate(ratings)]
    return RatingRound(tree, evaluations, year)


# (HTXSNV, HTTNV, HTNV, KHTNV) → status, HTXSNV ratings beyond the limit (0 when within).
# The limit is 20% of the members rated HTTNV, floored (the default reading).
QUOTA_TABLE = [
    ((1, 5, 0, 0), Status.PASS, 0),  # exactly 20%: "không vượt quá" is inclusive
    ((2, 10, 3, 1), Status.PASS, 0),  # exactly 20%; HTNV and KHTNV are not the base
    ((3, 10, 0, 0), Status.FAIL, 1),  # 20% + 1 member
    ((1, 4, 0, 0), Status.FAIL, 1),  # 25%: a fifth of 4 is 0,8, no whole member
    ((20, 100, 0, 0), Status.PASS, 0),
    ((21, 100, 0, 0), Status.FAIL, 1),
    ((0, 3, 2, 0), Status.PASS, 0),
    # No one rated HTTNV: 20% of none is none, so any HTXSNV exceeds it.
    ((1, 0, 3, 0), Status.FAIL, 1),
    ((1, 0, 0, 0), Status.FAIL, 1),
    ((2, 0, 0, 1), Status.FAIL, 2),
]


# Small units, where a fifth of the members rated HTTNV is no whole member: the limit is
# the whole members within it (floored), so 1 HTXSNV needs 5 HTTNV and 2 need 10.
QUOTA_TABLE += [
    ((0, 1, 0, 0), Status.PASS, 0),
    ((1, 1, 0, 0), Status.FAIL, 1),  # 20% of 1 is 0,2: no HTXSNV
    ((1, 2, 2, 0), Status.FAIL, 1),  # HTNV do not widen the base
    ((1, 3, 0, 0), Status.FAIL, 1),  # 20% of 3 is 0,6
    ((1, 9, 0, 0), Status.PASS, 0),  # 20% of 9 is 1,8: 1
    ((2, 9, 0, 0), Status.FAIL, 1),
    ((2, 14, 0, 0), Status.PASS, 0),  # 2,8: 2
    ((3, 14, 0, 0), Status.FAIL, 1),
    ((3, 15, 0, 0), Status.PASS, 0),  # exactly 3
    ((4, 15, 0, 0), Status.FAIL, 1),
    ((5, 9, 0, 0), Status.FAIL, 4),
]

_QUOTA_YEARS = {"qd132": 2020, "qd124": 2024, "qd366": 2025}


@pytest.mark.parametrize("regime", [QD132, QD124, QD366], ids=["qd132", "qd124", "qd366"])
@pytest.mark.parametrize(("counts", "status", "beyond"), QUOTA_TABLE)
def test_htxsnv_quota_golden(
    regime: object, counts: tuple[int, int, int, int], status: Status, beyond: int
) -> None:
    h, g, n, k = counts
    year = _QUOTA_YEARS[regime.code]  # type: ignore[attr-defined]
    rr = _quota_round([X] * h + [T] * g + [N] * n + [K] * k, year)
    rule = regime_rule(regime, HtxsnvQuotaRule)()  # type: ignore[arg-type]
    [result] = rule.check_each(rr)
    assert result.status is status, result.message
    if status is Status.FAIL:
        assert result.gap is not None
        assert result.gap.units == beyond
        assert "không đạt" in result.message
    else:
        assert "không đạt" not in result.message


# Birth date, admission decision → status; None: within the ages, not reported.
# "từ 18 tuổi đến đủ 60 tuổi (tính theo tháng)": from the 18th birthday; over 60 from
# 60 years and one month.
AGE_TABLE = [
    (date(2006, 3, 15), date(2024, 3, 14), Status.NEEDS_REVIEW),  # the day before 18
    (date(2006, 3, 15), date(2024, 3, 15), None),  # the 18th birthday
    (date(1964, 5, 10), date(2024, 5, 10), None),  # the 60th birthday
    (date(1964, 5, 10), date(2024, 5, 11), None),  # 60 years and a day
    (date(1964, 5, 10), date(2024, 6, 9), None),  # 60 years, 0 months and 30 days
    (date(1964, 5, 10), date(2024, 6, 10), Status.NEEDS_REVIEW),  # 60 years and a month
    (date(1964, 5, 10), date(2025, 5, 9), Status.NEEDS_REVIEW),  # 60 years, 11 months
    (date(1964, 2, 29), date(2024, 3, 28), None),  # born 29/2: 60 years on 29/2/2024
    (date(1964, 2, 29), date(2024, 3, 29), Status.NEEDS_REVIEW),
    (None, date(2024, 3, 29), Status.MISSING_DATA),
]


@pytest.mark.parametrize(("born", "admitted", "status"), AGE_TABLE)
def test_admission_age_golden(born: date | None, admitted: date, status: Status | None) -> None:
    m = Member("dv1", "Lê Văn Một", "cb", admitted_on=admitted, birth_date=born)
    tree = OrgTree.build([Organization("cb", "Chi bộ Trường A", OrgKind.CHI_BO_CO_SO)], [m])
    results = list(AdmissionAgeRule().check_each(Structure(tree, date(2025, 12, 31))))
    assert [r.status for r in results] == ([] if status is None else [status])
    for r in results:
        # The bound is said; the member's age or birth date never is.
        assert (
            "(tính theo tháng)" in r.message
            or status is not Status.NEEDS_REVIEW
            or ("chưa đủ 18" in r.message)
        )
        assert born is None or str(born.year) not in r.message


# An organization disciplined in the year (124-QĐ/TW: "không hoàn thành nhiệm vụ"), by
# its rating → status of <regime>.disciplined_org.
DISCIPLINED_ORG_TABLE = [
    (Rating.HTXSNV, Status.FAIL),
    (Rating.HTTNV, Status.FAIL),
    (Rating.HTNV, Status.FAIL),
    (Rating.KHTNV, Status.PASS),
    (None, Status.NOT_APPLICABLE),
]


@pytest.mark.parametrize("kind", [OrgKind.CHI_BO_CO_SO, OrgKind.DANG_BO_CO_SO])
@pytest.mark.parametrize(
    ("regime", "year"), [(QD132, 2020), (QD124, 2024), (QD366, 2025)], ids=["132", "124", "366"]
)
@pytest.mark.parametrize(("rating", "status"), DISCIPLINED_ORG_TABLE)
def test_disciplined_org_golden(
    kind: OrgKind, regime: object, year: int, rating: Rating | None, status: Status
) -> None:
    tree = OrgTree.build([Organization("tc", "Tổ chức A", kind)])
    ev = Evaluation("tc", year, rating, subject=SubjectKind.ORGANIZATION, disciplined=True)
    report = regime.check(RatingRound(tree, [ev], year))  # type: ignore[attr-defined]
    code = f"{regime.code}.disciplined_org"  # type: ignore[attr-defined]
    assert [(r.subject.id, r.status) for r in report[code]] == [("tc", status)]


def test_a_collective_under_132_is_judged_as_under_124() -> None:
    """132-QĐ/TW Art. 12.4 rates KHTNV a collective whose leadership was disciplined,
    with "trên 20% số đơn vị trực thuộc bị kỷ luật trong năm", or that reached "dưới 50%
    số chỉ tiêu, nhiệm vụ": rated HTTNV in 2020 with each of them, it passed, the 132
    pack having none of those rules."""
    tree = OrgTree.build([Organization("tc", "Chi bộ A", OrgKind.CHI_BO_CO_SO)])
    org = SubjectKind.ORGANIZATION
    ev = Evaluation("tc", 2020, Rating.HTTNV, subject=org, disciplined=True, tasks=10,
                    tasks_on_time=3, tasks_late=1)  # fmt: skip
    report = QD132.check(RatingRound(tree, [ev], 2020))
    assert [r.status for r in report["qd132.disciplined_org"]] == [Status.FAIL]
    assert [r.status for r in report["qd132.org_tasks_under_half"]] == [Status.FAIL]
    [result] = QD132.check(_units_round(10, 10, 3, T, year=2020))["qd132.disciplined_units"]
    assert result.status is Status.FAIL, result.message


def _units_round(
    units: int, records: int, disciplined: int, rating: Rating, dissolved: int = 0, year: int = 2024
) -> RatingRound:
    """A đảng bộ cơ sở rated *rating* with *units* chi bộ on the rolls (and *dissolved*
    more, gone before the rating): the first *records* have an evaluation record, the
    first *disciplined* of them disciplined."""
    orgs = [Organization("db", "Đảng bộ xã Tân Lập", OrgKind.DANG_BO_CO_SO)]
    orgs += [
        Organization(f"c{i}", f"Chi bộ thôn {i}", OrgKind.CHI_BO_TRUC_THUOC, parent_id="db")
        for i in range(units)
    ]
    orgs += [
        Organization(
            f"g{i}",
            f"Chi bộ đã giải thể {i}",
            OrgKind.CHI_BO_TRUC_THUOC,
            parent_id="db",
            founded_on=date(2000, 1, 1),
            dissolved_on=date(2024, 3, 1),
        )
        for i in range(dissolved)
    ]
    org = SubjectKind.ORGANIZATION
    evs = [Evaluation("db", year, rating, subject=org)]
    evs += [
        Evaluation(f"c{i}", year, Rating.HTNV, subject=org, disciplined=i < disciplined)
        for i in range(records)
    ]
    return RatingRound(OrgTree.build(orgs), evs, year)


# "có trên 20% tổ chức đảng trực thuộc bị xử lý kỷ luật": over all the units, strict.
# (units on the rolls, with a record, disciplined, the đảng bộ's rating) → status.
UNITS_TABLE = [
    ((10, 10, 2, T), Status.PASS),  # exactly 20%
    ((10, 10, 3, T), Status.FAIL),  # 20% + 1 unit
    ((10, 9, 2, T), Status.MISSING_DATA),  # 20% or 30%: the unit without a record decides
    ((10, 9, 1, T), Status.PASS),  # at most 2/10 even if the last one was disciplined
    ((10, 8, 3, T), Status.FAIL),  # 3/10 known already: over 20% whatever the rest
    ((10, 5, 0, X), Status.MISSING_DATA),  # half unknown: not "0 disciplined"
    ((10, 5, 0, K), Status.PASS),  # rated KHTNV: nothing to correct
    # Small đảng bộ: one disciplined unit of 5 is 20%, not over; of 4 it is 25%, over.
    ((5, 5, 1, T), Status.PASS),
    ((4, 4, 1, T), Status.FAIL),
    ((4, 4, 1, K), Status.PASS),
    ((3, 3, 0, X), Status.PASS),
    ((1, 1, 1, N), Status.FAIL),  # the only unit: 100%
    ((5, 4, 0, T), Status.PASS),  # even the fifth disciplined: 1/5
    ((5, 4, 1, T), Status.MISSING_DATA),  # 1/5 or 2/5
    ((4, 3, 0, T), Status.MISSING_DATA),  # 0/4 or 1/4
]


@pytest.mark.parametrize(
    ("regime", "year"), [(QD132, 2020), (QD124, 2024), (QD366, 2025)], ids=["132", "124", "366"]
)
@pytest.mark.parametrize(("counts", "status"), UNITS_TABLE)
def test_disciplined_units_golden(
    regime: object, year: int, counts: tuple[int, int, int, Rating], status: Status
) -> None:
    rr = _units_round(*counts, year=year)
    report = regime.check(rr)  # type: ignore[attr-defined]
    [result] = report[f"{regime.code}.disciplined_units"]  # type: ignore[attr-defined]
    assert result.status is status, result.message
    units, records = counts[0], counts[1]
    assert f"/{units} tổ chức trực thuộc" in result.message
    if records < units:
        assert f"{units - records} tổ chức trực thuộc chưa có hồ sơ" in result.message


def test_disciplined_units_dissolved_not_counted() -> None:
    """A unit dissolved before the rating, with no record, is not one of its units."""
    [result] = QD124.check(_units_round(4, 4, 1, T, dissolved=1))["qd124.disciplined_units"]
    assert result.status is Status.FAIL  # 1/4 = 25%
    assert "1/4 tổ chức trực thuộc" in result.message


def _excellent_round(ratings: list[Rating | None], unknown: int, new: int = 0) -> RatingRound:
    """A đảng bộ cơ sở rated HTXSNV: units with these ratings (None: a record without a
    rating), *unknown* more with no record, *new* founded under 6 months before."""
    orgs = [Organization("db", "Đảng bộ xã Tân Lập", OrgKind.DANG_BO_CO_SO)]
    count = len(ratings) + unknown
    orgs += [
        Organization(f"c{i}", f"Chi bộ thôn {i}", OrgKind.CHI_BO_TRUC_THUOC, parent_id="db")
        for i in range(count)
    ]
    orgs += [
        Organization(
            f"n{i}",
            f"Chi bộ mới {i}",
            OrgKind.CHI_BO_TRUC_THUOC,
            parent_id="db",
            founded_on=date(2024, 9, 1),
        )
        for i in range(new)
    ]
    org = SubjectKind.ORGANIZATION
    evs = [Evaluation("db", 2024, X, subject=org)]
    evs += [Evaluation(f"c{i}", 2024, r, subject=org) for i, r in enumerate(ratings)]
    return RatingRound(OrgTree.build(orgs), evs, 2024)


# A đảng bộ cơ sở rated HTXSNV needs "100% tổ chức trực thuộc từ HTNV trở lên và từ 80%
# HTTNV trở lên": (ratings with a record, units with none, new units) → status.
EXCELLENT_TABLE = [
    (([T] * 8 + [N] * 2, 0, 0), Status.PASS),  # exactly 80%
    # Small đảng bộ: "từ 80%" inclusive over the units rated, never rounded down.
    (([T] * 4 + [N], 0, 0), Status.PASS),  # 4/5 = 80%
    (([T] * 3 + [N], 0, 0), Status.FAIL),  # 3/4 = 75%
    (([T] * 4, 0, 0), Status.PASS),
    (([X, N], 0, 0), Status.FAIL),  # 1/2
    (([X], 0, 0), Status.PASS),  # 1/1
    (([N], 0, 0), Status.FAIL),  # 0/1
    (([T] * 3, 1, 0), Status.MISSING_DATA),  # 3/4 or 4/4
    (([T] * 2 + [N], 1, 0), Status.FAIL),  # at most 3/4
    (([T] * 7 + [N] * 3, 0, 0), Status.FAIL),  # 70%
    (([T] * 9 + [K], 0, 0), Status.FAIL),  # one unit KHTNV
    (([T] * 8 + [N], 1, 0), Status.MISSING_DATA),  # the tenth could be KHTNV
    (([T] * 9 + [K], 1, 0), Status.FAIL),  # a KHTNV already known
    (([T] * 5 + [N] * 3, 2, 0), Status.FAIL),  # at most 7/10 even were both HTTNV
    (([T] * 5, 0, 2), Status.PASS),  # units under 6 months old are not rated
    (([T] * 4 + [None], 0, 0), Status.PASS),  # a record without a rating: not rated
]


@pytest.mark.parametrize(("units", "status"), EXCELLENT_TABLE)
def test_excellent_tccsd_golden(
    units: tuple[list[Rating | None], int, int], status: Status
) -> None:
    report = QD124.check(_excellent_round(*units))
    [result] = report["qd124.excellent_tccsd"]
    assert result.status is status, result.message
    if status is Status.MISSING_DATA:
        assert "chưa có hồ sơ đánh giá" in result.message
        assert "%)" not in result.message.split(":")[0]  # no share beside an open verdict


def test_excellent_tccsd_short_even_with_the_unknown_says_so() -> None:
    """Short of 80% even were both units without a record HTTNV: said "ngay cả khi" (even
    if), the written word, not the calque "kể cả nếu"."""
    report = QD124.check(_excellent_round([T] * 5 + [N] * 3, 2, 0))
    [result] = report["qd124.excellent_tccsd"]
    assert result.status is Status.FAIL
    assert "ngay cả khi 2 tổ chức trực thuộc chưa có hồ sơ đánh giá đều đạt" in result.message
    assert "kể cả nếu" not in result.message


def test_excellent_tccsd_english_title_speaks_of_ratings() -> None:
    """The condition "100% từ HTNV" is every member (or unit) rated HTNV or better, not every task
    done (a condition of 366-QĐ/TW's score bands): the English says ratings."""
    from coso_dang.i18n import translations
    from coso_dang.rules.rating import ExcellentTccsdRule

    english = translations("en").gettext(ExcellentTccsdRule.title)
    assert "100% completed tasks" not in english
    assert "rated as having completed tasks or better" in english
    assert "at least 80% rated as having completed tasks well or better" in english


@settings(max_examples=60, deadline=None)
@given(
    h=st.integers(0, 12),
    g=st.integers(0, 40),
    n=st.integers(0, 5),
    k=st.integers(0, 3),
)
def test_htxsnv_quota_law(h: int, g: int, n: int, k: int) -> None:
    """On a round, the quota fails exactly when 5·HTXSNV > HTTNV once floored (h > ⌊g/5⌋),
    whatever the HTNV and KHTNV; a pass never prints a share above 20%."""
    rr = _quota_round([X] * h + [T] * g + [N] * n + [K] * k, 2024)
    [result] = regime_rule(QD124, HtxsnvQuotaRule)().check_each(rr)
    if h + g + n + k == 0:
        # A tree with no member at all says nothing of its members: unknown, not 0/0.
        assert result.status is Status.MISSING_DATA, result.message
        return
    if h == 0 and g == 0:
        assert result.status is Status.PASS
        return
    assert result.status is (Status.FAIL if h > g // 5 else Status.PASS), result.message
    if result.status is Status.FAIL:
        assert result.gap is not None
        assert result.gap.units == h - g // 5
    else:
        printed = re.search(r"\(([\d.,]+)%\)", result.message)
        assert printed is not None, result.message
        assert Fraction(printed.group(1).replace(".", "").replace(",", ".")) <= 20


# "Vi phạm tư cách đảng viên hai năm liền", read as KHTNV two years running [U]: a member
# rated KHTNV in 2026, by admission day and 2025 rating (None: no record) → status.
TWO_YEARS_TABLE = [
    (date(2010, 1, 4), Rating.KHTNV, Status.FAIL),
    (date(2010, 1, 4), Rating.HTNV, Status.PASS),
    (date(2010, 1, 4), None, Status.MISSING_DATA),  # a member in 2025 with no rating
    (date(2025, 6, 30), None, Status.MISSING_DATA),  # six months by 31/12/2025: rated
    (date(2025, 7, 1), None, Status.PASS),  # under six months: not rated in 2025
    (date(2026, 2, 10), None, Status.PASS),  # not a member in 2025
]


@pytest.mark.parametrize(("admitted", "before", "status"), TWO_YEARS_TABLE)
def test_two_years_golden(admitted: date, before: Rating | None, status: Status) -> None:
    from coso_dang.rules.status import STATUS, StatusRound

    m = Member("s1", "Đảng viên s1", "cb", admitted_on=admitted)
    tree = OrgTree.build([Organization("cb", "Chi bộ A", OrgKind.CHI_BO_CO_SO)], [m])
    evs = [Evaluation("s1", 2026, Rating.KHTNV)]
    if before is not None:
        evs.append(Evaluation("s1", 2025, before))
    report = STATUS.check(StatusRound(tree, 2026, (), evs))
    [result] = report["qd29.xoa_ten.hai_nam_lien"]
    assert result.status is status, result.message


def test_two_years_not_rated_the_year_before() -> None:
    """Evaluated in 2025 but not rated (on sick leave, with the reason recorded): not
    KHTNV two years running. The record of 2025 was read as no record at all, and the
    member was "thiếu số liệu" for a year the data does give."""
    from coso_dang.rules.status import STATUS, StatusRound

    m = Member("s1", "Đảng viên s1", "cb", admitted_on=date(2010, 1, 4))
    tree = OrgTree.build([Organization("cb", "Chi bộ A", OrgKind.CHI_BO_CO_SO)], [m])
    evs = [
        Evaluation("s1", 2025, None, not_rated_reason="ốm dài ngày"),
        Evaluation("s1", 2026, Rating.KHTNV),
    ]
    [result] = STATUS.check(StatusRound(tree, 2026, (), evs))["qd29.xoa_ten.hai_nam_lien"]
    assert result.status is Status.PASS, result.message
    assert result.message == "Xếp loại KHTNV năm 2026; năm 2025 không được xếp loại."
    # A quarterly review of 2025 is no yearly evaluation: still nothing to compare.
    quarterly = Evaluation("s1", 2025, None, period=ReviewPeriod.QUY, quarter=4)
    report = STATUS.check(StatusRound(tree, 2026, (), [evs[1], quarterly]))
    [result] = report["qd29.xoa_ten.hai_nam_lien"]
    assert result.status is Status.MISSING_DATA, result.message


# "Thời gian dự bị 12 tháng kể từ ngày chi bộ tổ chức lễ kết nạp": official at the
# 12-month mark (29/2 going to 28/2). Three members with one ceremony day; the chi bộ's
# official members on a day → status of the "từ 3 đảng viên chính thức" rule.
OFFICIAL_TABLE = [
    (date(2024, 3, 15), date(2025, 3, 14), Status.FAIL),  # the day before the mark
    (date(2024, 3, 15), date(2025, 3, 15), Status.PASS),  # the mark: official that day
    (date(2024, 2, 29), date(2025, 2, 27), Status.FAIL),
    (date(2024, 2, 29), date(2025, 2, 28), Status.PASS),  # no 29/2 in 2025
    (date(2023, 2, 28), date(2024, 2, 28), Status.PASS),
    (date(2023, 2, 28), date(2024, 2, 27), Status.FAIL),
]


@pytest.mark.parametrize(("ceremony", "on", "status"), OFFICIAL_TABLE)
def test_three_official_members_golden(ceremony: date, on: date, status: Status) -> None:
    from coso_dang.rules.charter import MinOfficialMembersRule, OverdueProbationRule

    members = [
        Member(f"dv{i}", f"Phạm Văn {i}", "cb", admitted_on=ceremony, ceremony_on=ceremony)
        for i in range(3)
    ]
    tree = OrgTree.build([Organization("cb", "Chi bộ Trường A", OrgKind.CHI_BO_CO_SO)], members)
    [result] = MinOfficialMembersRule().check_each(Structure(tree, on))
    assert result.status is status, result.message
    # On the mark itself, no decision is overdue yet.
    assert list(OverdueProbationRule().check_each(Structure(tree, on))) == []


@settings(max_examples=40, deadline=None)
@given(
    known=st.integers(1, 12),
    unknown=st.integers(0, 6),
    data=st.data(),
)
def test_disciplined_units_law(known: int, unknown: int, data: st.DataObject) -> None:
    """Over every unit: fails when the known disciplined are already over a fifth, passes
    when even all the unknown ones would not be, and is undecided in between."""
    d = data.draw(st.integers(0, known))
    [result] = QD124.check(_units_round(known + unknown, known, d, T))["qd124.disciplined_units"]
    n = known + unknown
    if 5 * d > n:
        expected = Status.FAIL
    elif 5 * (d + unknown) > n:
        expected = Status.MISSING_DATA
    else:
        expected = Status.PASS
    assert result.status is expected, result.message


# A member with several capping conditions, each rule judging its own: (the evaluation's
# marks, admission day, rating) → {rule: status} under 132-QĐ/TW, and under 124-QĐ/TW and
# 366-QĐ/TW alike (a violation self-detected and remedied is excepted since 124; a
# suspended member is not rated from 124). Rules that do not concern the member are absent.
_OLD = date(2010, 1, 4)
_MARKS: dict[str, dict[str, object]] = {
    "disciplined, sick": {"disciplined": True, "sick_leave_months": 4},
    "remedied, sick": {"disciplined": True, "self_remedied": True, "sick_leave_months": 3},
    "sick, 4/10 done": {"sick_leave_months": 3, "tasks": 10, "tasks_on_time": 3, "tasks_late": 1},
    "2 months sick, 5/10 done": {"sick_leave_months": 2, "tasks": 10, "tasks_on_time": 5,
                                 "tasks_late": 0},
    "suspended, disciplined": {"suspended": True, "disciplined": True},
    "new, sick": {"sick_leave_months": 3},
    "exempted, disciplined": {"exempted": True, "disciplined": True},
}  # fmt: skip
D, S, R, H, U = (
    "disciplined_member",
    "sick_leave",
    "not_to_be_rated",
    "tasks_under_half",
    "suspended_not_rated",
)
P_, F_, NA = Status.PASS, Status.FAIL, Status.NOT_APPLICABLE
SEVERAL_CAPS_TABLE = [
    # (marks, admitted, rating, under 132, under 124 and 366)
    ("disciplined, sick", _OLD, N, {D: F_, S: P_}, {D: F_, S: P_}),
    ("disciplined, sick", _OLD, K, {D: P_, S: P_}, {D: P_, S: P_}),
    ("remedied, sick", _OLD, T, {D: F_, S: F_}, {D: P_, S: F_}),
    ("remedied, sick", _OLD, N, {D: F_, S: P_}, {D: P_, S: P_}),
    ("sick, 4/10 done", _OLD, N, {S: P_, H: F_}, {S: P_, H: F_}),
    ("sick, 4/10 done", _OLD, T, {S: F_, H: F_}, {S: F_, H: F_}),
    ("2 months sick, 5/10 done", _OLD, T, {H: P_}, {H: P_}),  # 50% is not under half
    ("suspended, disciplined", _OLD, None, {D: NA}, {D: NA, U: P_}),
    ("suspended, disciplined", _OLD, K, {D: P_}, {D: P_, U: F_}),
    ("new, sick", date(2025, 7, 1), N, {R: F_, S: P_}, {R: F_, S: P_}),  # 6 months on 1/1
    ("new, sick", date(2025, 6, 30), T, {S: F_}, {S: F_}),  # 6 months on 30/12: rated
    ("exempted, disciplined", _OLD, K, {R: F_, D: P_}, {R: F_, D: P_}),
    ("exempted, disciplined", _OLD, None, {R: P_, D: NA}, {R: P_, D: NA}),
]


@pytest.mark.parametrize("regime", [QD132, QD124, QD366], ids=["qd132", "qd124", "qd366"])
@pytest.mark.parametrize(("marks", "admitted", "rating", "old", "new"), SEVERAL_CAPS_TABLE)
def test_several_caps_on_one_member_golden(
    regime: object,
    marks: str,
    admitted: date,
    rating: Rating | None,
    old: dict[str, Status],
    new: dict[str, Status],
) -> None:
    # The same member's days, moved to each regime's year (admissions of 2025 by the
    # review on 31/12 of that year).
    year = _QUOTA_YEARS[regime.code]  # type: ignore[attr-defined]
    admitted = admitted.replace(year=admitted.year - 2025 + year)
    m = Member("dv1", "Trần Văn Một", "cb", admitted_on=admitted)
    tree = OrgTree.build([Organization("cb", "Chi bộ Trường A", OrgKind.CHI_BO_CO_SO)], [m])
    ev = Evaluation("dv1", year, rating, **_MARKS[marks])  # type: ignore[arg-type]
    report = regime.check(RatingRound(tree, [ev], year))  # type: ignore[attr-defined]
    found = {
        r.code.split(".", 1)[1]: r.status
        for r in report
        if r.subject is not None and r.subject.id == "dv1"
    }
    assert found == (old if regime is QD132 else new), [r.message for r in report]
