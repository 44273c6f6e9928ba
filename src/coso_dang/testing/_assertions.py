"""Assertion helpers for rule authors.

Give them a :class:`~coso_dang.rules.RuleResult`, or a rule and the subject to check it
on. They raise :class:`AssertionError` with the rule's code, the status and its
Vietnamese sentence, so a failing test says what the rule said.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__all__ = ["assert_fails", "assert_passes", "assert_status"]

if TYPE_CHECKING:
    from coso_dang.rules import Rule, RuleResult, Status


def _result_of(result_or_rule: RuleResult | Rule[Any], subject: object) -> RuleResult:
    from coso_dang.rules import Rule as _Rule
    from coso_dang.rules import RuleResult as _RuleResult

    if isinstance(result_or_rule, _RuleResult):
        if subject is not None:
            raise TypeError("give a subject only with a rule, not with a RuleResult")
        return result_or_rule
    if isinstance(result_or_rule, _Rule):
        if subject is None:
            raise TypeError(f"a subject is needed to check {type(result_or_rule).__name__}")
        checked: RuleResult = result_or_rule.check(subject)
        return checked
    raise TypeError(f"expected a RuleResult or a Rule, not {result_or_rule!r}")


def _describe(result: RuleResult) -> str:
    code = result.rule.code or type(result.rule).__name__
    return f"{code}: [{result.status.label}] {result.message}"


def assert_status(
    result_or_rule: RuleResult | Rule[Any], subject: object = None, *, status: Status
) -> RuleResult:
    """Assert a rule's verdict is *status* (a :class:`~coso_dang.rules.Status`).

    Returns:
        The :class:`~coso_dang.rules.RuleResult`, for further checks.

    >>> from coso_dang import Tally
    >>> from coso_dang.rules import NQ21TccsdHttnv2025Rule, Status
    >>> assert_status(NQ21TccsdHttnv2025Rule(), Tally(), status=Status.MISSING_DATA).status.label
    'thiếu số liệu'
    """
    result = _result_of(result_or_rule, subject)
    if result.status is not status:
        raise AssertionError(f"expected {status.label}, got {_describe(result)}")
    return result


def assert_passes(result_or_rule: RuleResult | Rule[Any], subject: object = None) -> RuleResult:
    """Assert a rule passes (đạt) on *subject*, or that a result passed.

    Returns:
        The :class:`~coso_dang.rules.RuleResult`.

    >>> from coso_dang import Tally
    >>> from coso_dang.rules import NQ21TccsdHttnv2025Rule
    >>> tally = Tally(tccsd_htxsnv=2, tccsd_httnv=17, tccsd_htnv=1, tccsd_khtnv=0)
    >>> assert_passes(NQ21TccsdHttnv2025Rule(), tally).observed
    Fraction(19, 20)
    """
    from coso_dang.rules import Status as _Status

    return assert_status(result_or_rule, subject, status=_Status.PASS)


def assert_fails(
    result_or_rule: RuleResult | Rule[Any], subject: object = None, *, gap: int | None = None
) -> RuleResult:
    """Assert a rule fails (không đạt) on *subject*, and with *gap* units when given.

    Returns:
        The :class:`~coso_dang.rules.RuleResult`.

    >>> from coso_dang import Tally
    >>> from coso_dang.rules import NQ21TccsdHttnv2025Rule
    >>> tally = Tally(tccsd_htxsnv=0, tccsd_httnv=9, tccsd_htnv=1, tccsd_khtnv=0)
    >>> str(assert_fails(NQ21TccsdHttnv2025Rule(), tally, gap=1).gap)
    'cần thêm 1 TCCSĐ xếp loại từ hoàn thành tốt nhiệm vụ trở lên'
    """
    from coso_dang.rules import Status as _Status

    result = assert_status(result_or_rule, subject, status=_Status.FAIL)
    if gap is not None:
        found = None if result.gap is None else result.gap.units
        if found != gap:
            raise AssertionError(f"expected a gap of {gap}, got {found}: {_describe(result)}")
    return result
