"""Time membership history on a synthetic nation: movements and as-of membership vs the rollup.

Usage::

    python benchmarks/bench_history.py               # the whole nation: 5,6 million members
    python benchmarks/bench_history.py --scale 0.01  # the CI smoke run

The nation of :func:`coso_dang.testing.generate_nation` is given a year of events by
:func:`coso_dang.testing.generate_history` (about 3% of members transferred, a year of
admissions and deaths, removals, re-admissions...). In one run: the object-path rollup
of the year (the reference); building the :class:`~coso_dang.history.History` (the
members grouped by chi bộ, every member's events walked once); the Biểu 1 movements of
the year for every organization; and the as-of membership of every member on 31/12
(``History.roster``) with the đảng số of every chi bộ on that day (``Roster.counts``).
Listing every pair of the roster as a dictionary is timed after, once, for the record;
it is not part of the target.

Target: building the ``History``, the movements and the roster together <= 2 x the
rollup, growing linearly with members plus events. Each step runs ``--repeat`` times and
the median is the figure compared; CPU time (``time.process_time``) is printed beside wall
time, since a loaded machine stretches the wall clock of one step more than another's.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import time
from collections.abc import Callable
from datetime import date
from typing import TypeVar

from coso_dang.history import History, Period, Roster, movements
from coso_dang.rollup import rollup
from coso_dang.testing import generate_history, generate_nation

T = TypeVar("T")


def _timed(label: str, run: Callable[[], T], repeat: int) -> tuple[T, float, float]:
    """Run *run* *repeat* times: its last result, and the median wall and CPU seconds."""
    walls: list[float] = []
    cpus: list[float] = []
    result: T | None = None
    for _ in range(repeat):
        # The last run's result is freed before the clock starts, not by the
        # assignment inside the timed window: freeing millions of objects is not
        # part of the step.
        result = None
        gc.collect()
        wall, cpu = time.perf_counter(), time.process_time()
        result = run()
        cpus.append(time.process_time() - cpu)
        walls.append(time.perf_counter() - wall)
    seconds, cpu_seconds = statistics.median(walls), statistics.median(cpus)
    runs = " ".join(f"{t:.2f}" for t in walls)
    print(
        f"  {label:<30} {seconds:7.2f} s wall {cpu_seconds:7.2f} s CPU   (wall runs {runs})",
        flush=True,
    )
    assert result is not None
    return result, seconds, cpu_seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)

    print(f"generating the nation at scale {args.scale} ...", flush=True)
    started = time.perf_counter()
    data = generate_nation(seed=args.seed, scale=args.scale, evaluations=False)
    made = generate_history(data, seed=args.seed)
    print(
        f"  {len(made.members):,} members, {len(made.events):,} events "
        f"({time.perf_counter() - started:.1f} s)",
        flush=True,
    )
    year = data.year or 2024
    tree, _, _ = _timed("OrgTree.build", data.tree, 1)
    period = Period.year(year)

    _, rolled, rolled_cpu = _timed(
        "rollup (object path)", lambda: rollup(tree, year=year), args.repeat
    )
    history, built, built_cpu = _timed(
        "History (events indexed)", lambda: History(made.members, made.events), args.repeat
    )
    result, moved, moved_cpu = _timed(
        "movements of the year", lambda: movements(history, tree, period), args.repeat
    )

    def as_of() -> tuple[Roster, dict[str, int]]:
        roster = history.roster(date(year, 12, 31))
        return roster, roster.counts()

    (roster, on_lists), listed, listed_cpu = _timed(
        "roster and đảng số on 31/12", as_of, args.repeat
    )

    root = tree.roots[0].id
    counts = result[root].counts
    print(
        f"  {root}: A {counts['dang_vien_dau_ky']:,} + B {counts['dang_vien_tang']:,} "
        f"- C {counts['dang_vien_giam']:,} = D {counts['dang_vien_cuoi_ky']:,} "
        f"(balanced: {result[root].balanced}); roster {len(roster):,}"
    )
    assert history.problems() == (), history.problems()[:3]
    assert result[root].balanced
    assert counts["dang_vien_cuoi_ky"] == len(roster) == sum(on_lists.values())
    for org_id, number in on_lists.items():
        assert result[org_id].own["dang_vien_cuoi_ky"] == number, org_id
    _timed("every pair of the roster", lambda: dict(roster.pairs()), 1)
    total, total_cpu = built + moved + listed, built_cpu + moved_cpu + listed_cpu
    per_member = 1e6 * total_cpu / len(made.members)
    print(
        f"History + movements + roster: {total:.2f} s wall = {total / rolled:.2f} x the "
        f"rollup; {total_cpu:.2f} s CPU = {total_cpu / rolled_cpu:.2f} x (target <= 2); "
        f"{per_member:.2f} µs CPU per member (rollup {1e6 * rolled_cpu / len(made.members):.2f})"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
