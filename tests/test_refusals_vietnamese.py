"""Refusals of the rules, the report and figures typed in by hand are in the library's
words.

Each is a :class:`RuleParameterError` (a ``ValueError`` and a ``TypeError``, as it was)
naming the function or class and the argument, Vietnamese first and English through
the catalogue — never an English sentence in a Vietnamese library.
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction

import pytest

from coso_dang import Organization, OrgKind, OrgTree, Tally
from coso_dang.errors import CosoDangError
from coso_dang.report import narrate
from coso_dang.rollup import Rollup
from coso_dang.rules import (
    Bounded,
    Comparison,
    Figures,
    RatingRound,
    Rounded,
    RuleParameterError,
    Target,
    attainment_phrase,
)


def _two_roots() -> Rollup:
    tree = OrgTree.build(
        [
            Organization("a", "Đảng bộ tỉnh A", OrgKind.DANG_BO_TINH),
            Organization("b", "Đảng bộ tỉnh B", OrgKind.DANG_BO_TINH),
        ]
    )
    return Rollup.from_tallies(tree, {"a": Tally(dang_vien=10), "b": Tally(dang_vien=12)})


_CASES: list[tuple[Callable[[], object], str, str, str, str]] = [
    (
        lambda: attainment_phrase(1900, 0),
        "attainment_phrase",
        "target",
        "phải là số đếm dương",
        "must be a positive count",
    ),
    (
        lambda: attainment_phrase(5, -100),
        "attainment_phrase",
        "target",
        "phải là số đếm dương",
        "must be a positive count",
    ),
    (
        lambda: narrate(_two_roots()),
        "narrate",
        "org_id",
        "bảng tổng hợp có 2 gốc (a, b): hãy chọn org_id",
        "the rollup has 2 roots (a, b): choose org_id",
    ),
    (
        lambda: narrate(Tally(dang_vien=10), decimals=-1),
        "Writer",
        "decimals",
        "phải là số nguyên từ 0 trở lên",
        "must be a whole number from 0",
    ),
    (
        lambda: RatingRound(OrgTree.build([]), [], 2025, rated_on="2025-12-15"),
        "RatingRound",
        "rated_on",
        "phải là một ngày (date) hoặc None, không phải str",
        "must be a date or None, not str",
    ),
    (
        lambda: Target(Fraction(9, 10), "trên 90%", comparison="above"),  # type: ignore[arg-type]
        "Target",
        "comparison",
        "phải là một Comparison, không phải str",
        "must be a Comparison, not str",
    ),
    (
        lambda: Target(Fraction(3, 100), "từ 3 - 4%", comparison=Comparison.BAND),
        "Target",
        "upper",
        "đầu trên chỉ dùng cho khoảng",
        "an upper end is for a band",
    ),
]


# Figures typed in by hand: a share typed as a float, a negative figure, a period of 13
# months, a rounding or a number of places that does not exist.
_FIGURE_CASES: list[tuple[Callable[[], object], str, str, str, str]] = [
    (
        lambda: Figures(shares={"tccsd_httnv_tro_len": 0.95}),
        "Figures",
        "shares['tccsd_httnv_tro_len']",
        "phải là int hoặc Fraction (số chính xác), không phải float",
        "must be an int or a Fraction (exact), not a float",
    ),
    (
        lambda: Figures(shares={"tccsd_httnv_tro_len": Fraction(-1, 2)}),
        "Figures",
        "shares['tccsd_httnv_tro_len']",
        "số liệu công bố không được âm",
        "a published figure cannot be negative",
    ),
    (
        lambda: Figures(months=13),
        "Figures",
        "months",
        "phải là số nguyên từ 1 đến 12",
        "must be a whole number from 1 to 12",
    ),
    (
        lambda: Rounded(Fraction(1, 2), -1),
        "Rounded",
        "decimals",
        "phải là số nguyên từ 0 trở lên",
        "must be a whole number from 0",
    ),
    (
        lambda: Rounded(Fraction(1, 2), 1, rounding="nearest"),  # type: ignore[arg-type]
        "Rounded",
        "rounding",
        "phải là một trong: half_up, down, unknown, exact",
        "one of half_up, down, unknown, exact",
    ),
    (
        lambda: Rounded(0.5, 1),
        "Rounded",
        "value",
        "không phải float",
        "not a float",
    ),
    (
        lambda: Bounded(Fraction(1, 2), Fraction(1, 3)),
        "Bounded",
        "high",
        "đầu dưới lớn hơn đầu trên",
        "the low end is above the high end",
    ),
]


@pytest.mark.parametrize(("build", "owner", "field", "vi", "en"), _CASES + _FIGURE_CASES)
def test_a_refusal_is_said_in_vietnamese_then_english(
    build: Callable[[], object], owner: str, field: str, vi: str, en: str
) -> None:
    with pytest.raises(RuleParameterError) as caught:
        build()
    error = caught.value
    assert isinstance(error, CosoDangError)
    assert isinstance(error, ValueError)
    assert isinstance(error, TypeError)
    assert (error.rule, error.field) == (owner, field)
    assert vi in str(error)
    assert en in error.message("en")


@pytest.mark.parametrize("count", [-5, -1])
def test_a_negative_count_is_not_said_against_its_target(count: int) -> None:
    # "-5" was printed "đạt -5% chỉ tiêu được giao, còn thiếu 105 đảng viên".
    with pytest.raises(RuleParameterError, match="số đếm không được âm") as caught:
        attainment_phrase(count, 100, unit="đảng viên")
    assert caught.value.field == "count"


@pytest.mark.parametrize("count", [True, 2.5])
def test_a_count_against_its_target_is_a_whole_number(count: object) -> None:
    with pytest.raises(RuleParameterError, match="phải là số nguyên"):
        attainment_phrase(count, 100)  # type: ignore[arg-type]


def test_a_whole_count_against_its_target_is_said_as_before() -> None:
    assert attainment_phrase(0, 5) == "đạt 0% chỉ tiêu được giao"
    assert attainment_phrase(1999, 2000, unit="đảng viên") == (
        "đạt 99,9% chỉ tiêu được giao, còn thiếu 1 đảng viên"
    )
