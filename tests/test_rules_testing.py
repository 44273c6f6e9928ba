"""The assertion helpers of coso_dang.testing for rule authors."""

from __future__ import annotations

import pytest

from coso_dang import Tally
from coso_dang.rules import NQ21TccsdHttnv2025Rule, Status
from coso_dang.testing import assert_fails, assert_passes, assert_status

RULE = NQ21TccsdHttnv2025Rule()
NINE_OF_TEN = Tally(tccsd_htxsnv=0, tccsd_httnv=9, tccsd_htnv=1, tccsd_khtnv=0)


class TestHelpers:
    def test_fails_with_gap(self) -> None:
        """assert_fails returns the result when the gap matches."""
        result = assert_fails(RULE, NINE_OF_TEN, gap=1)
        assert result.gap is not None
        assert result.gap.units == 1

    def test_wrong_gap(self) -> None:
        """A different gap is an AssertionError naming both."""
        with pytest.raises(AssertionError, match="expected a gap of 2, got 1"):
            assert_fails(RULE, NINE_OF_TEN, gap=2)

    def test_passes_raises_with_the_sentence(self) -> None:
        """A failed assert_passes quotes the rule's code and sentence."""
        with pytest.raises(AssertionError, match=r"nq21\.2025\.tccsd_httnv_tro_len: \[không đạt\]"):
            assert_passes(RULE, NINE_OF_TEN)

    def test_result_given(self) -> None:
        """A RuleResult can be given instead of a rule and subject."""
        result = RULE.check(NINE_OF_TEN)
        assert result is assert_status(result, status=Status.FAIL)

    def test_rule_needs_subject(self) -> None:
        """A rule without a subject is a TypeError."""
        with pytest.raises(TypeError, match="subject"):
            assert_passes(RULE)

    def test_result_with_subject(self) -> None:
        """A result with a subject is a TypeError."""
        with pytest.raises(TypeError, match="only with a rule"):
            assert_passes(RULE.check(NINE_OF_TEN), NINE_OF_TEN)

    def test_neither(self) -> None:
        """Anything else is a TypeError."""
        with pytest.raises(TypeError, match="RuleResult or a Rule"):
            assert_passes("đạt")  # type: ignore[arg-type]
