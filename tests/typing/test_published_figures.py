"""Typing check (and test): published figures typed in from a report, under mypy --strict."""

from __future__ import annotations

from fractions import Fraction

from coso_dang import Tally
from coso_dang.errors import Problem
from coso_dang.rules import (
    Bounded,
    CountAtLeastRule,
    Figures,
    Reading,
    Rounded,
    RuleResult,
    TargetAttainmentRule,
    parse_figure,
    read_ratio,
)


def test_published_figures_type_check() -> None:
    """Figures, readings and results keep their types."""
    share: Rounded | Bounded | int = parse_figure("96,5%", rounding="down")
    assert isinstance(share, Rounded)
    figures = Figures(
        Tally(ket_nap=725, chi_tieu_ket_nap=1900),
        shares={"tccsd_httnv_tro_len": share, "dang_vien_httnv_tro_len": "trên 90%"},
        ratio_counts={"chi_bo_truc_thuoc_httnv_tro_len": (56, 58)},
        ranges={"dang_vien": "trên 8.100"},
        months=6,
    )
    reading: Reading = read_ratio(figures, "chi_bo_truc_thuoc_httnv_tro_len")
    assert reading.counts == (56, 58)
    result: RuleResult = TargetAttainmentRule().check(figures)
    assert result.status.value == "undetermined"
    band = CountAtLeastRule(indicator="dang_vien", minimum=8000, maximum=9000)
    assert band.check(figures).status.value == "pass"
    problems: list[Problem] = figures.problems()
    assert problems == []
    low: Fraction | None = Bounded.parse("gần 72%").low
    assert low == Fraction(684, 1000)
