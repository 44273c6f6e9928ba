"""Thành ủy Đồng Xoài: the 2022 rating results, published as rounded percentages only.

The city published 93,75% of TCCSĐ and 98,3% of chi bộ trực thuộc rated HTTNV or better,
and 16,2% HTXSNV and 76,9% HTTNV of the members rated. With no counts behind them, each
figure stands for an interval of true shares: the checks judge the interval, and say so
when rounding could decide. Đồng Xoài lies in Bình Phước, so the province's programme
10-CTr/TU is the plan it answers to.

Run: python examples/dong_xoai.py
"""

from __future__ import annotations

from fractions import Fraction

from coso_dang import OrgKind, Tally
from coso_dang.report import narrate
from coso_dang.rules import (
    BINH_PHUOC,
    NQ21_2025,
    Bounded,
    Figures,
    Rounded,
    Status,
    rating_rules_for,
)
from coso_dang.vi import format_percent

YEAR = 2022
PUBLISHED = {
    "tccsd_httnv_tro_len": "93,75%",
    "chi_bo_truc_thuoc_httnv_tro_len": "98,3%",
    "dang_vien_htxsnv_tren_danh_gia": "16,2%",
    "dang_vien_httnv_tren_danh_gia": "76,9%",
}

# How the city rounded is not said: each figure is read with its rounding unknown (half
# up, truncated or rounded twice), the library's default for figures from the press.
SHARES = {code: Rounded.parse(text) for code, text in PUBLISHED.items()}
# The members' HTTNV-or-better share is the sum of two one-place figures, so it lies in
# the sum of their intervals, [16,145%; 16,3%) + [76,845%; 77%) = [92,99%; 93,3%).
_EXCELLENT, _GOOD = (
    SHARES["dang_vien_htxsnv_tren_danh_gia"],
    SHARES["dang_vien_httnv_tren_danh_gia"],
)
GOOD_OR_BETTER = Bounded(
    _EXCELLENT.low + _GOOD.low,
    _EXCELLENT.high + _GOOD.high,
    high_open=True,
    face=_EXCELLENT.value + _GOOD.value,
    text="93,1%",
)

# The city's aggregate, not one TCCSĐ's: rules that bind each TCCSĐ cannot decide from it.
FIGURES = Figures(
    shares={**SHARES, "dang_vien_httnv_tro_len": GOOD_OR_BETTER},
    name="Đảng bộ thành phố Đồng Xoài",
    kind=OrgKind.DANG_BO_CAP_TREN_CO_SO,
)


def main() -> None:
    # Typed in as published, printed back as published: the text survives the round trip.
    for code, text in PUBLISHED.items():
        assert format_percent(SHARES[code].value) == text
    assert format_percent(GOOD_OR_BETTER.face) == "93,1%"

    # HTXSNV against HTTNV, at face value: above the 20% quota of 132-QĐ/TW.
    quota_share = SHARES["dang_vien_htxsnv_tren_danh_gia"].value / (
        SHARES["dang_vien_httnv_tren_danh_gia"].value
    )
    assert format_percent(quota_share) == "21,07%"
    assert quota_share > Fraction(1, 5)

    nq21 = NQ21_2025.check(FIGURES, year=YEAR)
    plan = BINH_PHUOC.check(FIGURES, year=YEAR)
    ratings = rating_rules_for(YEAR).check(FIGURES)
    # 93,75% and 93,1% clear "trên 90%" wherever rounding put the true values.
    assert nq21["nq21.2025.tccsd_httnv_tro_len"][0].status is Status.PASS
    assert nq21["nq21.2025.dang_vien_httnv_tro_len"][0].status is Status.PASS
    assert plan["binh_phuoc.10_ctr_tu.dang_vien_httnv_tro_len"][0].status is Status.PASS
    # The quota binds each TCCSĐ; the city's total cannot say which one went over.
    (quota,) = ratings.with_status(Status.UNDETERMINED)
    assert "(20,9675%; 21,2116%)" in quota.message

    # The narrative reads counts; figures published as shares only give it verdicts.
    print(narrate(Tally.unknown(), checks=nq21, subject="Đảng bộ thành phố", year=YEAR).text)
    # No pack in force for 2022 sets a chi bộ trực thuộc target; the share is context.
    chi_bo = SHARES["chi_bo_truc_thuoc_httnv_tro_len"].value
    print(
        "Chi bộ trực thuộc đảng bộ cơ sở hoàn thành tốt nhiệm vụ trở lên: "
        f"{format_percent(chi_bo)}."
    )
    print()
    print(plan)
    print()
    print(ratings)


if __name__ == "__main__":
    main()
