"""Time the synthetic nation's generation and its OrgTree build, and report peak memory.

Usage::

    python benchmarks/bench_tree.py               # the whole nation: 5,6 million members
    python benchmarks/bench_tree.py --scale 0.01  # a hundredth, for a quick look

Wall and CPU times are both printed: on a busy machine the CPU time is the steadier
figure. Peak memory is the process's maximum resident set size (``ru_maxrss``): tracemalloc
would slow the run several times over at this size.
"""

from __future__ import annotations

import argparse
import platform
import resource
import sys
import time
from collections import Counter

from coso_dang.orgs import OrgKind
from coso_dang.testing import generate_nation


def _peak_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # Linux reports kilobytes, macOS bytes.
    return peak / (1024 * 1024 if sys.platform == "darwin" else 1024)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="multiplier of the counts")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--evaluations", action="store_true", help="also generate the members' evaluations"
    )
    args = parser.parse_args(argv)

    print(f"Python {platform.python_version()} on {platform.machine()}, scale={args.scale}")
    start, start_cpu = time.perf_counter(), time.process_time()
    data = generate_nation(args.seed, scale=args.scale, evaluations=args.evaluations)
    generated, generated_cpu = time.perf_counter(), time.process_time()
    kinds = Counter(org.kind for org in data.organizations)
    grassroots = kinds[OrgKind.DANG_BO_CO_SO] + kinds[OrgKind.CHI_BO_CO_SO]
    print(
        f"generated {len(data.organizations):,} organizations ({grassroots:,} TCCSĐ), "
        f"{len(data.members):,} members, {len(data.units):,} units, "
        f"{len(data.evaluations):,} evaluations in {generated - start:.1f} s "
        f"(CPU {generated_cpu - start_cpu:.1f} s)"
    )
    print(f"peak RSS after generation: {_peak_mb():,.0f} MB")
    tree = data.tree()
    built, built_cpu = time.perf_counter(), time.process_time()
    print(
        f"OrgTree.build: {built - generated:.2f} s (CPU {built_cpu - generated_cpu:.2f} s) "
        f"-> {tree!r}"
    )
    print(f"peak RSS: {_peak_mb():,.0f} MB")


if __name__ == "__main__":
    main()
