"""Time membership history on a synthetic nation: movements and as-of membership vs the rollup.

Usage::

    python benchmarks/bench_history.py               # the whole nation: 5,6 million members
    python benchmarks/bench_history.py --scale 0.01  # the CI smoke run

The nation of :func:`coso_dang.testing.generate_nation` is given a year of events by
:func:`coso_dang.testing.generate_history` (about 3% of members transferred, a year of
admissions and deaths, removals, re-admissions...). In one run: the object-path rollup
of the year (the reference); building the :class:`~coso_dang.history.History` (every
member with events gets its timeline); the Biểu 1 movements of the year for every
organization; and the as-of membership of every member on 31/12 (``History.roster``).

Target: movements + roster <= 2 x the rollup, growing linearly with members plus
events. Building the ``History`` is the indexing step, like building the ``OrgTree``
(which the rollup's figure does not include either): it is printed beside the tree
build, and the ratio with it included is printed too. Each step runs ``--repeat`` times
and the median is the figure compared.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import time
from collections.abc import Callable
from datetime import date
from typing import TypeVar

from coso_dang.history import History, Period, movements
from coso_dang.rollup import rollup
from coso_dang.testing import generate_history, generate_nation

T = TypeVar("T")


def _timed(label: str, run: Callable[[], T], repeat: int) -> tuple[T, float]:
    times: list[float] = []
    result: T | None = None
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - start)
    seconds = statistics.median(times)
    runs = " ".join(f"{t:.2f}" for t in times)
    print(f"  {label:<34} {seconds:8.2f} s   (runs {runs})", flush=True)
    assert result is not None
    return result, seconds


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
    tree, tree_built = _timed("OrgTree.build", data.tree, 1)
    period = Period.year(year)

    _, rolled = _timed("rollup (object path)", lambda: rollup(tree, year=year), args.repeat)
    history, built = _timed(
        "History (events indexed)", lambda: History(made.members, made.events), args.repeat
    )
    result, moved = _timed(
        "movements of the year", lambda: movements(history, tree, period), args.repeat
    )
    roster, listed = _timed(
        "roster on 31/12", lambda: history.roster(date(year, 12, 31)), args.repeat
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
    assert counts["dang_vien_cuoi_ky"] == len(roster)
    counted = moved + listed
    total = built + counted
    print(
        f"movements + roster: {counted:.2f} s = {counted / rolled:.2f} x the rollup "
        f"(target <= 2); with the History build: {total / rolled:.2f} x; History build "
        f"{built / tree_built:.2f} x the tree build"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
