"""Optional dependencies: one helper, one error naming the extra to install."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from importlib.metadata import requires
from pathlib import Path
from typing import Any

import pytest

from coso_dang import CosoDangError, MissingExtraError, Organization, OrgKind, OrgTree, rollup
from coso_dang._extras import EXTRAS, extra_for, require
from coso_dang.testing import generate_province

# The extras users install for a feature (dev and docs are for working on the library).
_FEATURE_EXTRAS = {"dataframe", "duckdb", "excel", "plot", "postgres", "spark"}


def _declared() -> dict[str, str]:
    """Each optional distribution of a feature extra, and its extra, from the metadata."""
    found: dict[str, str] = {}
    for requirement in requires("coso-dang") or []:
        match = re.fullmatch(r"([A-Za-z0-9_.-]+)[^;]*; extra == ['\"](\w+)['\"]", requirement)
        # An extra that brings another (coso-dang[dataframe]) lists that one's
        # distributions again: each belongs to the extra that declares it first.
        if match and match[2] in _FEATURE_EXTRAS and match[1].lower() != "coso-dang":
            found.setdefault(match[1].lower(), match[2])
    return found


class TestError:
    def test_is_both_families(self) -> None:
        """A CosoDangError for the library's handlers, an ImportError for everyone else."""
        error = MissingExtraError("polars", "dataframe", "DataFrames")
        assert isinstance(error, CosoDangError)
        assert isinstance(error, ImportError)
        assert (error.module, error.extra, error.name) == ("polars", "dataframe", "polars")
        assert str(error) == 'DataFrames cần polars: pip install "coso-dang[dataframe]"'
        assert error.message("en") == 'DataFrames needs polars: pip install "coso-dang[dataframe]"'


class TestRequire:
    def test_every_feature_extra_is_mapped(self) -> None:
        """EXTRAS names exactly the distributions of pyproject's feature extras."""
        assert EXTRAS == _declared()

    def test_submodule_counts_as_its_package(self) -> None:
        assert extra_for("matplotlib.pyplot") == "plot"
        with pytest.raises(KeyError):
            extra_for("fractions")

    @pytest.mark.parametrize("module", sorted(EXTRAS))
    def test_missing_module(self, module: str, monkeypatch: pytest.MonkeyPatch) -> None:
        """A module that cannot be imported raises the error with its extra."""
        monkeypatch.setitem(sys.modules, module, None)
        with pytest.raises(MissingExtraError) as caught:
            require(module, needed_for="a feature")
        assert caught.value.extra == EXTRAS[module]
        assert f'pip install "coso-dang[{EXTRAS[module]}]"' in str(caught.value)
        assert isinstance(caught.value.__cause__, ImportError)


def _small() -> OrgTree:
    return OrgTree.build([Organization("cb", "Chi bộ cơ sở A", OrgKind.CHI_BO_CO_SO)])


def _rollup_frame() -> None:
    from coso_dang.frame import members_frame

    members_frame([], backend="polars")


def _pandas_members() -> None:
    from coso_dang.frame import members_frame

    members_frame([], backend="pandas")


def _rollup_to_frame() -> None:
    rollup(_small(), year=2024).to_frame("polars")


def _report_to_frame() -> None:
    from coso_dang import Tally
    from coso_dang.rules import RuleSet

    RuleSet("trống", []).check(Tally()).to_frame("pandas")


def _xlsx(tmp: Path) -> Callable[[], Any]:
    from coso_dang import dump

    return lambda: dump(generate_province(seed=1, scale=0.01), tmp / "data.xlsx")


def _plot() -> None:
    from coso_dang.report import plot_shares

    plot_shares(rollup(_small(), year=2024), "cb")


class TestEveryGuard:
    """Each feature behind an extra raises the one error, naming its extra."""

    @pytest.mark.parametrize(
        ("missing", "extra", "use"),
        [
            ("polars", "dataframe", _rollup_frame),
            ("pandas", "dataframe", _pandas_members),
            ("polars", "dataframe", _rollup_to_frame),
            ("pandas", "dataframe", _report_to_frame),
            ("matplotlib", "plot", _plot),
        ],
    )
    def test_guard(
        self, missing: str, extra: str, use: Callable[[], Any], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setitem(sys.modules, missing, None)
        monkeypatch.delitem(sys.modules, f"{missing}.pyplot", raising=False)
        with pytest.raises(MissingExtraError) as caught:
            use()
        assert caught.value.extra == extra

    def test_xlsx(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        dump = _xlsx(tmp_path)
        monkeypatch.setitem(sys.modules, "openpyxl", None)
        with pytest.raises(MissingExtraError) as caught:
            dump()
        assert caught.value.extra == "excel"
