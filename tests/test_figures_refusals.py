"""Figures typed in by hand are refused in the library's words.

A share typed as a float, a negative figure, a period of 13 months, a rounding or a
number of places that does not exist: each is a :class:`RuleParameterError` naming
where it was typed, Vietnamese first and English through the catalogue.
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction

import pytest

from coso_dang.errors import CosoDangError
from coso_dang.rules import Bounded, Figures, Rounded, RuleParameterError

_CASES: list[tuple[Callable[[], object], str, str, str, str]] = [
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


@pytest.mark.parametrize(("build", "owner", "field", "vi", "en"), _CASES)
def test_a_typed_in_figure_is_refused_in_vietnamese_then_english(
    build: Callable[[], object], owner: str, field: str, vi: str, en: str
) -> None:
    with pytest.raises(RuleParameterError) as caught:
        build()
    error = caught.value
    assert isinstance(error, CosoDangError)
    # Still the ValueError or TypeError it was, for callers that catch those.
    assert isinstance(error, ValueError)
    assert isinstance(error, TypeError)
    assert (error.rule, error.field) == (owner, field)
    assert vi in str(error)
    assert en in error.message("en")
