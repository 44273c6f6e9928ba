"""The regime and pack API, type-checked: what a newcomer writes for a new regulation."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

from coso_dang import MissingExtraError
from coso_dang.documents import DocumentRef
from coso_dang.rules import (
    Basis,
    HtxsnvQuotaRule,
    RuleSet,
    get_pack,
    rating_regime,
    regime_rule,
)


def test_a_regime_typed() -> None:
    regime: RuleSet = rating_regime(
        "qd-typing",
        "Quy định (kiểm tra kiểu)",
        Basis(DocumentRef.parse("1-QĐ/TW", date=date(2030, 1, 1)), "", 2030, None),
        changes={HtxsnvQuotaRule: {"limit": Fraction(1, 3)}},
        register=False,
    )
    quota: type[HtxsnvQuotaRule] = regime_rule(regime, HtxsnvQuotaRule)
    limit: Fraction = quota().limit
    assert limit == Fraction(1, 3)
    assert regime.in_force(2031)
    assert get_pack("qd124").reads == "rating"


def test_missing_extra_typed() -> None:
    error: ImportError = MissingExtraError("polars", "dataframe", "DataFrames")
    assert isinstance(error, MissingExtraError)
    assert error.extra == "dataframe"
