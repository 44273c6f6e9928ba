"""A rating round or a status round given what it cannot hold is refused, in words
(and so is the regime of a year that is no year, or a structure of no tree or day).

A quarterly round without its quarter, or a yearly round given one, kept none of the
evaluations (each quarterly evaluation has its quarter, no yearly one has any), and every
rule then passed on an empty round; a quarter of 5 or a year of 10000 ended in Python's
"month must be in 1..12" or "year 10000 is out of range"; a status round's day written as
text was kept and compared with dates later. Each is refused where the round is made,
Vietnamese first and English through the catalogue, never quoting a member's record.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

import pytest

from coso_dang import Evaluation, Member, Organization, OrgKind, OrgTree, Rating
from coso_dang.errors import CosoDangError, UsageError
from coso_dang.evaluation import ReviewPeriod
from coso_dang.rules import (
    DIEU_LE,
    QD366,
    RatingRound,
    RuleParameterError,
    Structure,
    rating_rules_for,
)
from coso_dang.rules.status import STATUS, StatusRound

MEMBER = Member("dv1", "Trần Thị Quyên", "cb", admitted_on=date(2000, 1, 1))
TREE = OrgTree.build([Organization("cb", "Chi bộ Trường A", OrgKind.CHI_BO_CO_SO)], [MEMBER])
# A member on long sick leave rated HTTNV in the second quarter: the quarterly round of
# 366-QĐ/TW must see it and fail it.
QUARTERLY = Evaluation(
    "dv1", 2025, Rating.HTTNV, sick_leave_months=3, period=ReviewPeriod.QUY, quarter=2
)

_VALUES: list[tuple[Callable[[], object], str, str, str, str]] = [
    (
        lambda: RatingRound(TREE, [QUARTERLY], 2025, period=ReviewPeriod.QUY),
        "RatingRound",
        "quarter",
        "cần ghi khi đánh giá hằng quý",
        "needed for a quarterly review",
    ),
    (
        lambda: RatingRound(TREE, [QUARTERLY], 2025, quarter=2),
        "RatingRound",
        "quarter",
        "chỉ ghi khi đánh giá hằng quý",
        "only for a quarterly review",
    ),
    (
        lambda: RatingRound(TREE, [QUARTERLY], 2025, period=ReviewPeriod.NHIEM_KY, quarter=2),
        "RatingRound",
        "quarter",
        "chỉ ghi khi đánh giá hằng quý",
        "only for a quarterly review",
    ),
    (
        lambda: RatingRound(TREE, [QUARTERLY], 2025, period=ReviewPeriod.QUY, quarter=5),
        "RatingRound",
        "quarter",
        "phải là số nguyên từ 1 đến 4",
        "must be a whole number from 1 to 4",
    ),
    (
        lambda: RatingRound(TREE, [], 10000),
        "RatingRound",
        "year",
        "phải là số nguyên từ 1930 đến 9999",
        "must be a whole number from 1930 to 9999",
    ),
    (
        lambda: StatusRound(TREE, 2025, checked_on="2025-12-31"),
        "StatusRound",
        "checked_on",
        "phải là một ngày (date) hoặc None, không phải str",
        "must be a date or None, not str",
    ),
    (
        lambda: StatusRound(TREE, 10000),
        "StatusRound",
        "year",
        "phải là số nguyên từ 1930 đến 9999",
        "must be a whole number from 1930 to 9999",
    ),
]


@pytest.mark.parametrize(("build", "owner", "field", "vi", "en"), _VALUES)
def test_a_value_the_round_cannot_hold_is_refused(
    build: Callable[[], object], owner: str, field: str, vi: str, en: str
) -> None:
    with pytest.raises(RuleParameterError) as caught:
        build()
    error = caught.value
    assert isinstance(error, CosoDangError)
    assert (error.rule, error.field) == (owner, field)
    assert vi in str(error)
    assert en in error.message("en")


_KINDS: list[tuple[Callable[[], object], str, str]] = [
    (lambda: RatingRound([MEMBER], [], 2025), "tree", "list"),  # type: ignore[arg-type]
    # A row that is no record is named when the round first reads the evaluations.
    (
        lambda: QD366.check(RatingRound(TREE, [QUARTERLY, {"subject_id": "dv1"}], 2025)),  # type: ignore[list-item]
        "evaluations",
        "dict",
    ),
    (lambda: RatingRound(TREE, "dv1", 2025), "evaluations", "str"),  # type: ignore[arg-type]
    (lambda: RatingRound(TREE, [], "2025"), "year", "str"),  # type: ignore[arg-type]
    (lambda: RatingRound(TREE, [], 2025, period="quy"), "period", "str"),  # type: ignore[arg-type]
    (
        lambda: RatingRound(TREE, [], 2025, period=ReviewPeriod.QUY, quarter=True),
        "quarter",
        "bool",
    ),
    (lambda: StatusRound([MEMBER], 2025), "tree", "list"),  # type: ignore[arg-type]
    (lambda: StatusRound(TREE, 2025, records=[{"member_id": "dv1"}]), "records", "dict"),
    (lambda: StatusRound(TREE, 2025, records="dv1"), "records", "str"),
    (lambda: StatusRound(TREE, 2025, evaluations=5), "evaluations", "int"),  # type: ignore[arg-type]
    (
        lambda: STATUS.check(StatusRound(TREE, 2025, evaluations=[{"subject_id": "dv1"}])),
        "evaluations",
        "dict",
    ),
    (lambda: Structure([MEMBER], date(2025, 12, 31)), "tree", "list"),  # type: ignore[arg-type]
    (lambda: Structure(TREE, "2025-12-31"), "as_of", "str"),  # type: ignore[arg-type]
    # The regime of a year that is no int: "2024" was compared with the regimes' years
    # in Python's English TypeError, and True read as the year 1.
    (lambda: rating_rules_for("2024"), "year", "str"),  # type: ignore[arg-type]
    (lambda: rating_rules_for(True), "year", "bool"),
    (lambda: rating_rules_for(None), "year", "NoneType"),  # type: ignore[arg-type]
    (lambda: StatusRound(TREE, 2025.0), "year", "float"),  # type: ignore[arg-type]
]


@pytest.mark.parametrize(("build", "argument", "got"), _KINDS)
def test_an_argument_of_the_wrong_kind_is_named_not_quoted(
    build: Callable[[], object], argument: str, got: str
) -> None:
    with pytest.raises(UsageError) as caught:
        build()
    error = caught.value
    assert error.argument == argument
    assert str(error).endswith(f"không phải {got}")
    assert error.message("en").endswith(f"not {got}")
    # The member given in place of a tree is not quoted (a name is personal).
    assert MEMBER.full_name not in str(error)


def test_a_quarterly_round_reads_its_quarter() -> None:
    """With its quarter the round reads the quarter's evaluations, and fails the rating
    of the member on long sick leave."""
    rr = RatingRound(TREE, [QUARTERLY], 2025, period=ReviewPeriod.QUY, quarter=2)
    assert rr.on == date(2025, 6, 30)
    assert [ev.subject_id for ev in rr.member_evaluations()] == ["dv1"]
    [result] = QD366.check(rr)["qd366.sick_leave"]
    assert result.status.name == "FAIL"


def test_a_status_round_given_its_day_checks_on_it() -> None:
    rr = StatusRound(TREE, 2025, evaluations=[Evaluation("dv1", 2025, Rating.KHTNV)])
    dated = StatusRound(
        TREE,
        2025,
        evaluations=[Evaluation("dv1", 2025, Rating.KHTNV)],
        checked_on=date(2025, 12, 31),
    )
    assert STATUS.check(rr) == STATUS.check(dated)


def test_a_structure_on_a_datetime_is_on_its_day() -> None:
    """A day as pandas gives it (a datetime) was kept, and the Charter checks compared
    it with the members' dates in Python's English TypeError."""
    moment = datetime(2025, 12, 31, 9, 30)
    assert Structure(TREE, moment).as_of == date(2025, 12, 31)
    assert DIEU_LE.check(Structure(TREE, moment)) == DIEU_LE.check(
        Structure(TREE, date(2025, 12, 31))
    )
