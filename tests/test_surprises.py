"""No surprises: misuse named, years at the edge, races, double-counted gaps, markup."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any, ClassVar, cast

import pytest
from attrs import frozen
from hypothesis import given, settings
from hypothesis import strategies as st
from tests._io_samples import sample

from coso_dang import Member, Organization, OrgKind, OrgTree, Tally
from coso_dang.cli import main
from coso_dang.dataset import Dataset
from coso_dang.documents import NQ21
from coso_dang.errors import CosoDangError, RecordError, UsageError
from coso_dang.indicators import Indicator, IndicatorError, register_indicator
from coso_dang.io import dump_json
from coso_dang.members import InactivePeriod
from coso_dang.report import narrate
from coso_dang.rollup import Rollup, rollup
from coso_dang.rules import Basis, RuleDefinitionError, ShareAboveRule

# The modules themselves (the package exports a function named ``indicators``).
indicators = sys.modules["coso_dang.indicators"]
rules_base = sys.modules["coso_dang.rules.base"]


def _tree() -> OrgTree:
    return OrgTree.build(
        [
            Organization("x", "Đảng bộ xã X", OrgKind.DANG_BO_CO_SO),
            Organization("c1", "Chi bộ 1", OrgKind.CHI_BO_TRUC_THUOC, parent_id="x"),
        ],
        [Member("dv1", "Trần Văn Minh", "c1", admitted_on=date(2010, 3, 2))],
    )


class TestMisuseNamed:
    def test_from_tallies_plain_dict(self) -> None:
        """A dict of counts where a Tally belongs is a CosoDangError naming 'tallies'."""
        with pytest.raises(UsageError, match="tallies") as error:
            Rollup.from_tallies(_tree(), {"c1": {"dang_vien": 3}})  # type: ignore[dict-item]
        assert isinstance(error.value, CosoDangError)
        assert isinstance(error.value, TypeError)
        assert "Tally(**counts)" in str(error.value)
        with pytest.raises(UsageError, match="tallies"):
            Rollup.from_tallies(_tree(), [("c1", Tally())])  # type: ignore[arg-type]
        with pytest.raises(UsageError, match="tree"):
            Rollup.from_tallies({"c1": Tally()}, {})  # type: ignore[arg-type]
        assert Rollup.from_tallies(_tree(), {"c1": Tally(dang_vien=3)})["x"]["dang_vien"] == 3


class TestYearAtTheEdge:
    def test_rollup_year_9999(self) -> None:
        """9999 is a year like another; past it the error names the field."""
        assert rollup(_tree(), year=9999).root["dang_vien"] == 1
        for year in (10_000, 1929):
            with pytest.raises(RecordError, match="year") as error:
                rollup(_tree(), year=year)
            assert error.value.problem.field == "year"

    def test_cli_year(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """--year 9999 runs; --year 10000 fails with exit 2 naming the year."""
        data = tmp_path / "tinh.json"
        dump_json(Dataset(_tree().walk(), _tree().members()), data)
        assert main(["report", str(data), "--year", "9999"]) == 0
        capsys.readouterr()
        assert main(["report", str(data), "--year", "10000"]) == 2
        err = capsys.readouterr().err
        assert "year" in err
        assert "Traceback" not in err


class _SlowDict(dict[str, Any]):
    """A registry whose look-up yields to other threads, to open any check-then-set race."""

    def get(self, key: str, default: Any = None) -> Any:
        found = super().get(key, default)
        time.sleep(0.05)
        return found


def _race(register: Any, count: int = 4) -> tuple[int, list[BaseException]]:
    """Run *register(n)* in *count* threads at once: (successes, failures)."""
    barrier = threading.Barrier(count)
    wins: list[int] = []
    errors: list[BaseException] = []

    def run(n: int) -> None:
        barrier.wait()
        try:
            register(n)
            wins.append(n)
        except CosoDangError as error:
            errors.append(error)

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return len(wins), errors


class TestRegistriesAreAtomic:
    def test_indicators(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Conflicting indicators under one code from four threads: exactly one wins."""
        monkeypatch.setattr(indicators, "_INDICATORS", _SlowDict(indicators._INDICATORS))

        def register(n: int) -> None:
            register_indicator(Indicator("dua_tranh", f"Nhãn {n}", "người"))

        wins, errors = _race(register)
        assert wins == 1
        assert len(errors) == 3
        assert all(isinstance(e, IndicatorError) for e in errors)

    def test_rules(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Two rule classes with one code defined in four threads: exactly one is kept."""
        monkeypatch.setattr(rules_base, "_REGISTRY", _SlowDict(rules_base._REGISTRY))

        def define(n: int) -> None:
            namespace: dict[str, Any] = {
                "code": "dua_tranh.rule",
                "title": "x",
                "basis": Basis(NQ21, "", 2022, 2025),
                "__module__": __name__,
                "__annotations__": {"code": ClassVar[str]},
            }
            frozen(type(f"Racer{n}", (ShareAboveRule,), namespace))

        wins, errors = _race(define)
        assert wins == 1
        assert all(isinstance(e, RuleDefinitionError) for e in errors)


_ADMITTED = date(1990, 1, 1)


@st.composite
def _gaps(draw: st.DrawFn) -> list[InactivePeriod]:
    starts = st.integers(0, 12_000)
    lengths = st.integers(0, 2_000)
    pairs = draw(st.lists(st.tuples(starts, lengths), max_size=5))
    return [
        InactivePeriod(_ADMITTED + timedelta(s), _ADMITTED + timedelta(s + n)) for s, n in pairs
    ]


def _disjoint(gaps: list[InactivePeriod]) -> list[InactivePeriod]:
    """The same days out, as separate periods (counted day by day, independently)."""
    days = sorted({g.start + timedelta(i) for g in gaps for i in range(g.days)})
    runs: list[InactivePeriod] = []
    for day in days:
        if runs and runs[-1].end == day:
            runs[-1] = InactivePeriod(runs[-1].start, day + timedelta(1))
        else:
            runs.append(InactivePeriod(day, day + timedelta(1)))
    return runs


def _member(gaps: list[InactivePeriod]) -> Member:
    periods = cast(Any, tuple(gaps))  # the converter takes any iterable
    return Member("dv1", "Trần Văn Minh", "c1", admitted_on=_ADMITTED, inactive_periods=periods)


class TestOverlappingGaps:
    @settings(max_examples=200, deadline=None)
    @given(gaps=_gaps(), offset=st.integers(400, 16_000))
    def test_overlaps_count_once(self, gaps: list[InactivePeriod], offset: int) -> None:
        """Party age with overlapping gaps is that of the days they cover, counted once."""
        on = _ADMITTED + timedelta(offset)
        age = _member(gaps).party_age(on)
        assert age == _member(_disjoint(gaps)).party_age(on)
        assert age == _member(gaps + gaps).party_age(on)  # a gap entered twice

    def test_example(self) -> None:
        """A removal inside a longer absence does not push the start back twice."""
        outer = InactivePeriod(date(2000, 1, 1), date(2005, 1, 1))
        inner = InactivePeriod(date(2001, 1, 1), date(2002, 1, 1))
        on = date(2020, 1, 1)
        assert _member([outer, inner]).party_age(on) == _member([outer]).party_age(on) == 25


_XA = OrgKind.DANG_BO_CO_SO


class TestMarkdownEscapes:
    def test_script_in_a_name(self) -> None:
        """Markup in an organization's name is text in the Markdown report."""
        tree = OrgTree.build(
            [
                Organization(
                    "x", "<script>alert(1)</script> *xã* [X](http://a)", OrgKind.DANG_BO_CO_SO
                ),
                Organization("c1", "Chi bộ <b>1</b> | 2", OrgKind.CHI_BO_TRUC_THUOC, parent_id="x"),
            ],
            [Member("dv1", "Trần Văn Minh", "c1", admitted_on=date(2010, 3, 2))],
        )
        text = narrate(rollup(tree, year=2024), "x").render("md")
        assert "<script>" not in text
        assert "<b>" not in text
        assert "&lt;script&gt;alert(1)&lt;/script&gt; \\*xã\\* \\[X\\](http://a)" in text
        assert "Chi bộ &lt;b&gt;1&lt;/b&gt; \\| 2" in text


def test_python_dash_m() -> None:
    """``python -m coso_dang`` runs the command line."""
    done = subprocess.run(
        [sys.executable, "-m", "coso_dang", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0
    assert done.stdout.startswith("coso-dang ")


def test_sample_has_no_formula_cells() -> None:
    """The shared sample stays plain (the formula tests build their own data)."""
    assert not any(o.name.startswith("=") for o in sample().organizations)
