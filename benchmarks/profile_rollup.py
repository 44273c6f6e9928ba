"""Time (or profile) the rollup steps alone, on one generated nation.

Usage::

    python benchmarks/profile_rollup.py --scale 0.25             # time each step 3 times
    python benchmarks/profile_rollup.py --scale 0.25 --repeat 5 --steps object,polars
    python benchmarks/profile_rollup.py --scale 0.25 --profile object  # cProfile one step

Generation is by far the slowest part of :mod:`bench_rollup`; this script pays for it
once and then times only the steps, repeatedly, printing the median of each. Steps:
``object`` (:func:`~coso_dang.rollup.rollup`), ``polars`` and ``pandas``
(:func:`~coso_dang.frame.rollup_frame`), ``peer-polars`` and ``peer-pandas`` (the
hand-written peers of :mod:`bench_rollup`).
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import os
import pstats
import statistics
import sys
import time
from collections.abc import Callable
from typing import Any

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from bench_rollup import _org_table, pandas_peer
from peers import polars_peer

from coso_dang.frame import evaluations_frame, members_frame, rollup_frame
from coso_dang.rollup import rollup
from coso_dang.testing import generate_nation
from coso_dang.tree import OrgTree

STEPS = ("object", "polars", "pandas", "peer-polars", "peer-pandas")


def _frame_runs(
    backend: str, data: Any, org_tree: OrgTree, year: int
) -> dict[str, Callable[[], Any]]:
    module = __import__(backend)
    members = members_frame(data.members, backend=backend)  # type: ignore[arg-type]
    evals = evaluations_frame(data.evaluations, backend=backend)  # type: ignore[arg-type]
    orgs = _org_table(data.organizations, module)
    peer = polars_peer if backend == "polars" else pandas_peer

    def library() -> Any:
        return rollup_frame(org_tree, members, year=year, evaluations=evals)

    def hand_written() -> Any:
        return peer(orgs, members, evals, year)

    return {backend: library, f"peer-{backend}": hand_written}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--scale", type=float, default=0.25)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--steps", default=",".join(STEPS), help="comma-separated steps")
    parser.add_argument("--profile", choices=STEPS, help="cProfile this step once instead")
    args = parser.parse_args(argv)
    steps = [args.profile] if args.profile else args.steps.split(",")

    start = time.perf_counter()
    data = generate_nation(args.seed, scale=args.scale)
    print(f"generated {len(data.members):,} members in {time.perf_counter() - start:.1f} s")
    year = data.year
    assert year is not None
    runs: dict[str, Callable[[], Any]] = {}
    if "object" in steps:
        tree = OrgTree.build(data.organizations, data.members, data.units)
        runs["object"] = lambda: rollup(tree, year=year, evaluations=data.evaluations)
    org_tree = OrgTree.build(data.organizations, units=data.units)
    for backend in ("polars", "pandas"):
        if backend in steps or f"peer-{backend}" in steps:
            runs.update(_frame_runs(backend, data, org_tree, year))
    if args.profile:
        profiler = cProfile.Profile()
        gc.collect()
        profiler.runcall(runs[args.profile])
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)
        pstats.Stats(profiler).sort_stats("tottime").print_stats(20)
        return
    for step in steps:
        times = []
        for _ in range(args.repeat):
            gc.collect()
            t0 = time.perf_counter()
            runs[step]()
            times.append(time.perf_counter() - t0)
        shown = " ".join(f"{t:.2f}" for t in times)
        print(f"{step:<12} median {statistics.median(times):7.2f} s   ({shown})", flush=True)


if __name__ == "__main__":
    main()
