"""Time every registered rule pack over a synthetic nation, on the source it reads.

Usage::

    python benchmarks/bench_packs.py                 # the whole nation: 5,6 million members
    python benchmarks/bench_packs.py --scale 0.01    # the CI smoke run
    python benchmarks/bench_packs.py --scale 0.1 --profile dieu-le   # cProfile one pack

In one run: the nation is generated and its tree built once; then each pack of the
registry (:func:`coso_dang.rules.packs`) is checked over what it reads — a rollup (the
targets), a :class:`~coso_dang.rules.Structure` (the Charter), a
:class:`~coso_dang.rules.RatingRound` (the rating regimes) or a
:class:`~coso_dang.rules.StatusRound` (removal from the rolls) — with a year in the
pack's period, so that every rule judges rather than answering "out of force". The
reading itself (the round's indexes, the structure's counts) is built inside the timed
step, fresh for each run, since a command line builds it once per check.

The columnar way in is timed too: ``Structure.from_frames`` and
``RatingRound.from_frames`` from the members and evaluations frames (polars), then the
Charter and the rating regime of the data's year over them; their reports must equal
the record path's.

Target at scale 1.0: every pack <= 10 s, cost growing linearly with the scale.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import platform
import pstats
import statistics
import time
from collections.abc import Callable
from datetime import date
from enum import Enum
from typing import Any

from coso_dang.rollup import rollup
from coso_dang.rules import RatingRound, RuleSet, StatusRound, Structure, packs
from coso_dang.testing import generate_nation
from coso_dang.tree import OrgTree


def _year_for(pack: RuleSet, year: int) -> int:
    """*year*, or the nearest year of the pack's period (so its rules judge)."""
    basis = pack.basis
    if basis is None or basis.in_force(year):
        return year
    if basis.first_year is not None and year < basis.first_year:
        return basis.first_year
    assert basis.last_year is not None
    return basis.last_year


def _source(pack: RuleSet, data: Any, tree: OrgTree, result: Any, year: int) -> object:
    """What *pack* reads, built the way the command line builds it."""
    if pack.reads == "structure":
        return Structure(tree, date(year, 12, 31))
    if pack.reads == "rating":
        return RatingRound(tree, data.evaluations, year)
    if pack.reads == "status":
        return StatusRound(tree, year, (), data.evaluations)
    return result


def _timed(run: Callable[[], Any], repeat: int) -> tuple[float, float, Any]:
    """Median wall and CPU seconds of *repeat* runs, and the last result."""
    walls: list[float] = []
    cpus: list[float] = []
    found: Any = None
    for _ in range(repeat):
        # The last run's result is freed before the clock starts, not by the
        # assignment inside the timed window: freeing millions of objects is not
        # part of the step.
        found = None
        gc.collect()
        start, start_cpu = time.perf_counter(), time.process_time()
        found = run()
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - start_cpu)
    return statistics.median(walls), statistics.median(cpus), found


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="multiplier of the counts")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=1, help="runs of each pack (median shown)")
    parser.add_argument("--packs", default="", help="pack codes to time, comma-separated")
    parser.add_argument("--profile", default="", help="cProfile this pack's check instead")
    parser.add_argument("--sort", default="cumulative", help="the profile's order")
    parser.add_argument(
        "--no-frames", action="store_true", help="skip the columnar way in (needs polars)"
    )
    args = parser.parse_args(argv)

    print(f"Python {platform.python_version()} on {platform.machine()}, scale={args.scale}")
    start = time.perf_counter()
    data = generate_nation(args.seed, scale=args.scale)
    tree = OrgTree.build(data.organizations, data.members, data.units)
    year = data.year
    result = rollup(tree, year=year, evaluations=data.evaluations)
    print(
        f"  {len(data.organizations):,} organizations, {len(data.members):,} members, "
        f"{len(data.evaluations):,} evaluations (setup {time.perf_counter() - start:.1f} s)"
    )
    wanted = {code.strip() for code in args.packs.split(",") if code.strip()}
    chosen = [p for p in packs() if not wanted or p.code in wanted]
    if args.profile:
        pack = next(p for p in packs() if p.code == args.profile)
        on = _year_for(pack, year)
        profiler = cProfile.Profile()
        profiler.enable()
        pack.check(_source(pack, data, tree, result, on), year=on)
        profiler.disable()
        pstats.Stats(profiler).sort_stats(args.sort).print_stats(30)
        return

    print(f"  {'pack':<20} {'reads':<10} {'results':>10} {'wall s':>8} {'cpu s':>8}")
    reports = {}
    for pack in chosen:
        on = _year_for(pack, year)
        wall, cpu, report = _timed(
            lambda p=pack, y=on: p.check(_source(p, data, tree, result, y), year=y),  # type: ignore[misc]
            args.repeat,
        )
        reports[pack.code] = report
        print(
            f"  {pack.code:<20} {pack.reads:<10} {len(report):>10,} {wall:8.2f} {cpu:8.2f}",
            flush=True,
        )
    if args.no_frames:
        return
    _frames(data, tree, year, reports, args.repeat)


def _table(records: Any, cls: type) -> Any:
    """Every field of *records* (codes for enums) as a polars table: what a columnar
    loader gives."""
    import attrs
    import polars as pl

    names = [a.name for a in attrs.fields(cls) if a.name != "inactive_periods"]
    columns: dict[str, list[Any]] = {name: [] for name in names}
    for record in records:
        for name in names:
            value = getattr(record, name)
            columns[name].append(value.value if isinstance(value, Enum) else value)
    return pl.DataFrame(columns, strict=False, infer_schema_length=None)


def _frames(data: Any, tree: OrgTree, year: int, reports: dict[str, Any], repeat: int) -> None:
    """The Charter and the year's rating regime through the columnar way in."""
    if not hasattr(Structure, "from_frames"):
        return
    from coso_dang.evaluation import Evaluation
    from coso_dang.members import Member
    from coso_dang.rules import get_pack, rating_rules_for

    members = _table(data.members, Member)
    evaluations = _table(data.evaluations, Evaluation)
    org_tree = OrgTree.build(data.organizations, units=data.units)
    regime = rating_rules_for(year)
    print(f"  {'(frames)':<20} tables built from the records (not timed)", flush=True)
    runs: dict[str, tuple[RuleSet, Callable[[], object]]] = {
        "dieu-le": (
            get_pack("dieu-le"),
            lambda: Structure.from_frames(org_tree, members, date(year, 12, 31)),
        ),
        regime.code: (
            regime,
            lambda: RatingRound.from_frames(org_tree, members, evaluations, year),
        ),
    }
    for code, (pack, build) in runs.items():
        wall, cpu, report = _timed(lambda p=pack, b=build: p.check(b(), year=year), repeat)  # type: ignore[misc]
        same = code not in reports or report == reports[code]
        print(
            f"  {code + ' (frames)':<20} {pack.reads:<10} {len(report):>10,} {wall:8.2f} "
            f"{cpu:8.2f}   {'equal to records' if same else 'DIFFERS from records'}",
            flush=True,
        )
        assert same, f"{code}: the columnar way in disagrees with the records"


if __name__ == "__main__":
    main()
