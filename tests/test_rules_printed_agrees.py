"""Every registered share target: the percentage a verdict prints agrees with it.

For counts k/n on and beside each threshold of the built-in packs (21-NQ/TW, the local
plans, the rating quotas), the figure printed in the sentence, read back, meets the
target exactly when the verdict says "đạt": 8.999/10.000 is never printed "90%" beside
"không đạt chỉ tiêu trên 90%", nor 9.001/10.000 "90%" beside "đạt".
"""

from __future__ import annotations

import re
from fractions import Fraction
from typing import Any

from hypothesis import example, given, settings
from hypothesis import strategies as st

from coso_dang import Tally
from coso_dang.indicators import get_ratio
from coso_dang.rules import Comparison, Status, packs

_PRINTED = re.compile(r"\((\d{1,3}(?:\.\d{3})*(?:,\d+)?)%")


def _share_rules() -> list[Any]:
    found: dict[str, Any] = {}
    for pack in packs():
        for rule in pack:
            ratio = getattr(rule, "ratio", None)
            if isinstance(ratio, str):
                found.setdefault(rule.code, rule)
    return [found[code] for code in sorted(found)]


RULES = _share_rules()


def _tally(ratio: str, k: int, n: int) -> Tally:
    spec = get_ratio(ratio)
    counts = dict.fromkeys((*spec.numerator, *spec.denominator), 0)
    counts[spec.numerator[0]] = k
    if set(spec.numerator) <= set(spec.denominator):
        rest = [code for code in spec.denominator if code not in spec.numerator]
        counts[rest[0]] = n - k
    else:
        counts[spec.denominator[0]] = n
    return Tally(**counts)


def _read(printed: str) -> Fraction:
    return Fraction(printed.replace(".", "").replace(",", ".")) / 100


@st.composite
def _cases(draw: st.DrawFn) -> tuple[Any, int, int]:
    rule = draw(st.sampled_from(RULES))
    target = rule.target()
    n = draw(st.integers(1, 10**6))
    # Counts on and right beside the threshold (and the band's top), where rounding
    # could carry a printed figure across it.
    edge = draw(st.sampled_from([target.value, target.upper or target.value]))
    k = draw(st.integers(-3, 3)) + (Fraction(edge) * n).__floor__()
    return rule, max(0, min(k, n)), n


def test_the_packs_have_share_rules() -> None:
    assert len(RULES) >= 10


@settings(max_examples=300, deadline=None)
@given(_cases())
@example((next(r for r in RULES if r.code == "nq21.2025.tccsd_httnv_tro_len"), 8999, 10000))
@example((next(r for r in RULES if r.code == "nq21.2025.tccsd_httnv_tro_len"), 9001, 10000))
@example((next(r for r in RULES if r.code == "nq21.2025.ty_le_ket_nap"), 2999, 100000))
@example((next(r for r in RULES if r.code == "qd124.htxsnv_quota"), 20001, 100000))
def test_the_printed_share_agrees_with_the_verdict(case: tuple[Any, int, int]) -> None:
    rule, k, n = case
    result = rule.check(_tally(rule.ratio, k, n))
    if result.status not in (Status.PASS, Status.FAIL):
        return  # not judged (a share of no one, a level the rule does not bind)
    found = _PRINTED.search(result.message)
    assert found is not None, result.message
    printed = _read(found.group(1))
    target = rule.target()
    exact = Fraction(k, n)
    met = target.comparison.holds(exact, target.value)
    assert met == (result.status is Status.PASS), result.message
    assert target.comparison.holds(printed, target.value) == met, result.message
    if target.comparison is Comparison.BAND and target.upper is not None:
        # Above the band is reported ("vượt"); the printed figure says so too.
        assert (printed > target.upper) == (exact > target.upper), result.message
