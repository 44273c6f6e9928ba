"""The 366-QĐ/TW score bands refuse bad parameters in the library's words.

Their refusals are :class:`RuleParameterError` naming the field, Vietnamese first, with
the English from the catalogue, as every other rule parameter's.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import pytest

from coso_dang.errors import CosoDangError
from coso_dang.rules import QD366ScoreRule, RuleParameterError, ScoreConditions


@pytest.mark.parametrize(
    ("build", "field", "vi", "en"),
    [
        (
            lambda: ScoreConditions(excellent_from=101),
            "excellent_from",
            "phải là số điểm nguyên từ 0 đến 100",
            "must be a whole number of points from 0 to 100",
        ),
        (
            lambda: ScoreConditions(done_from=True),
            "done_from",
            "phải là số điểm nguyên từ 0 đến 100",
            "must be a whole number of points from 0 to 100",
        ),
        (
            lambda: ScoreConditions(good_from=95),
            "done_from, good_from, excellent_from",
            "các mức điểm phải tăng dần",
            "the score bands must rise",
        ),
        (
            lambda: ScoreConditions(exceeded_share=Fraction(3, 2)),
            "exceeded_share",
            "phải là tỷ lệ từ 0 đến 1",
            "must be a share from 0 to 1",
        ),
        (
            lambda: QD366ScoreRule(conditions=5),  # type: ignore[arg-type]
            "conditions",
            "phải là một ScoreConditions, không phải int",
            "must be a ScoreConditions, not int",
        ),
    ],
)
def test_a_refused_score_parameter_is_said_in_vietnamese_then_english(
    build: Any, field: str, vi: str, en: str
) -> None:
    with pytest.raises(RuleParameterError) as caught:
        build()
    error = caught.value
    assert isinstance(error, CosoDangError)
    assert isinstance(error, ValueError)  # as before: `except ValueError` still catches it
    assert error.field == field
    assert vi in str(error)
    assert en in error.message("en")
    assert vi not in error.message("en")
