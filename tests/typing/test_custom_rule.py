"""The "Viết quy tắc riêng" example as a module, type-checked with ``mypy --strict``.

A province encodes its own target — trên 95% chi bộ đạt "chi bộ bốn tốt" — over a
user-registered indicator, runs it with NQ21_2025 on a rollup and tests it with the
``coso_dang.testing`` helpers. (The code differs from the docs page's, which registers
its own class in the same test run.)
"""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction
from typing import ClassVar

import pytest
from attrs import field, frozen

from coso_dang import (
    Indicator,
    Organization,
    OrgKind,
    OrgTree,
    Ratio,
    Tally,
    register_indicator,
    register_ratio,
)
from coso_dang.documents import DocumentRef
from coso_dang.indicators import unregister_indicator, unregister_ratio
from coso_dang.rollup import Rollup
from coso_dang.rules import (
    NQ21_2025,
    Basis,
    Report,
    RuleParameterError,
    RuleResult,
    RuleSet,
    ShareAboveRule,
    Status,
    get_rule,
)
from coso_dang.testing import assert_fails, assert_passes, assert_status

BON_TOT = Indicator("chi_bo_bon_tot", 'Chi bộ đạt "chi bộ bốn tốt"', "chi bộ")
TY_LE_BON_TOT = Ratio(
    "ty_le_chi_bo_bon_tot",
    'Tỷ lệ chi bộ đạt "chi bộ bốn tốt"',
    numerator=("chi_bo_bon_tot",),
    denominator=("chi_bo_truc_thuoc", "chi_bo_co_so"),
    unit="chi bộ",
)


@pytest.fixture(autouse=True, scope="module")
def bon_tot_registered() -> Iterator[None]:
    """The count and its ratio, registered for this module's tests only.

    Registered when the module was imported, they were in the vocabulary of every test and
    doctest of the session, collected before any ran: which ratios a rollup's records
    held depended on whether this folder was part of the run.
    """
    register_indicator(BON_TOT)
    register_ratio(TY_LE_BON_TOT)
    yield
    unregister_ratio(TY_LE_BON_TOT.code)
    unregister_indicator(BON_TOT.code)


@frozen
class ChiBoBonTotRule(ShareAboveRule):
    """Trên 95% chi bộ đạt "chi bộ bốn tốt".

    References:
        Kế hoạch 15-KH/TU (ví dụ), mục tiêu đến năm 2025.
    """

    code: ClassVar[str] = "vi_du_typing.chi_bo_bon_tot"
    title: ClassVar[str] = 'Trên 95% chi bộ đạt "chi bộ bốn tốt"'
    basis: ClassVar[Basis] = Basis(
        DocumentRef.parse("15-KH/TU"), "mục tiêu đến năm 2025", 2024, 2025
    )
    wording: ClassVar[str] = "trên 95%"
    qualifier: ClassVar[str] = 'đạt "chi bộ bốn tốt"'

    ratio: str = field(default="ty_le_chi_bo_bon_tot")
    # Why 95/100: the plan writes "trên 95%", read strictly.
    threshold: Fraction = field(default=Fraction(95, 100))


def chi_bo(bon_tot: int, total: int) -> Tally:
    return Tally(chi_bo_truc_thuoc=total, chi_bo_co_so=0, chi_bo_bon_tot=bon_tot)


def province_report() -> Report:
    tree = OrgTree.build(
        [
            Organization("t", "Đảng bộ tỉnh Ví Dụ", OrgKind.DANG_BO_TINH),
            Organization("h1", "Đảng bộ huyện Đông", OrgKind.DANG_BO_CAP_TREN_CO_SO, parent_id="t"),
            Organization("h2", "Đảng bộ huyện Tây", OrgKind.DANG_BO_CAP_TREN_CO_SO, parent_id="t"),
        ]
    )
    rollup = Rollup.from_tallies(
        tree,
        {"h1": chi_bo(135, 140), "h2": chi_bo(94, 100)},
        year=2024,
    )
    plan = RuleSet("Kế hoạch 15-KH/TU (ví dụ)", (ChiBoBonTotRule(),))
    return (NQ21_2025 + plan).check(rollup)


class TestCustomRule:
    def test_registered(self) -> None:
        """The class registers under its code."""
        assert get_rule("vi_du_typing.chi_bo_bon_tot") is ChiBoBonTotRule

    def test_boundaries(self) -> None:
        """96/100 passes "trên 95%"; exactly 95/100 fails by one."""
        assert_passes(ChiBoBonTotRule(), chi_bo(96, 100))
        result: RuleResult = assert_fails(ChiBoBonTotRule(), chi_bo(95, 100), gap=1)
        assert result.observed == Fraction(95, 100)

    def test_bad_threshold_refused(self) -> None:
        """A float threshold is refused when the rule is built, though the field is redeclared."""
        with pytest.raises(RuleParameterError, match=r"ChiBoBonTotRule\.threshold = 0\.95"):
            ChiBoBonTotRule(threshold=0.95)  # type: ignore[arg-type]

    def test_missing(self) -> None:
        """No count of "chi bộ bốn tốt": missing data."""
        assert_status(ChiBoBonTotRule(), Tally(chi_bo_truc_thuoc=3), status=Status.MISSING_DATA)

    def test_with_nq21_on_a_rollup(self) -> None:
        """At each level: the province and the east pass, the west fails by two."""
        results = province_report()["vi_du_typing.chi_bo_bon_tot"]
        statuses = [(r.subject.id, r.status) for r in results]
        assert statuses == [("t", Status.PASS), ("h1", Status.PASS), ("h2", Status.FAIL)]
        gap = results[2].gap
        assert gap is not None
        assert gap.units == 2
