"""Time filling the whole 2021 set of statistics forms, for a province and for the nation.

Usage::

    python benchmarks/bench_forms.py               # the nation: 5,6 million members
    python benchmarks/bench_forms.py --scale 0.01  # the CI smoke run

The nation of :func:`coso_dang.testing.generate_nation` (with the year's evaluations,
copied a year back as last year's, so that both years' rating rollups run) is given a
year of member events by :func:`coso_dang.testing.generate_history`. Then
:func:`coso_dang.forms.fill_forms` fills Biểu 1, 2, 2B, 3, 4, 5, 6, 6F and 7 — this
year and the same period a year earlier, the members on the lists at each end as the
events put them — for one province (the first đảng bộ tỉnh) and for the nation's root.

Targets (issue "the official statistics forms"): the province <= 10 s and the root
<= 60 s on the two-core machine. Wall and CPU time (``time.process_time``) are printed
for each, as the median of ``--repeat`` runs; generating the data is not timed.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import time

import attrs

from coso_dang.evaluation import SubjectKind
from coso_dang.forms import Period, fill_forms
from coso_dang.testing import generate_history, generate_nation

#: The bounds the issue sets, in seconds of wall time.
PROVINCE_TARGET = 10.0
NATION_TARGET = 60.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args(argv)

    print(f"generating the nation at scale {args.scale} ...", flush=True)
    started = time.perf_counter()
    data = generate_nation(seed=args.seed, scale=args.scale)
    made = generate_history(data, seed=args.seed)
    data = attrs.evolve(data, members=made.members, member_events=made.events)
    tree = data.tree()
    year = data.year or 2024
    # Last year's ratings too, so that both years' rating rollups (Biểu 6) are timed:
    # this year's copied a year back, for the organizations and the members already
    # admitted then.
    earlier = {m.id for m in made.members if m.admitted_on.year < year}
    evaluations = list(data.evaluations) + [
        attrs.evolve(e, year=year - 1)
        for e in data.evaluations
        if e.subject is not SubjectKind.MEMBER or e.subject_id in earlier
    ]
    print(
        f"  {len(made.members):,} members, {len(made.events):,} events, "
        f"{len(evaluations):,} evaluations of two years ({time.perf_counter() - started:.1f} s)",
        flush=True,
    )
    root = tree.roots[0]
    province = next(org for org in tree.children(root.id))
    period = Period.year(year)
    failed = False
    for label, org, target in (
        (f"province {province.id}", province.id, PROVINCE_TARGET),
        (f"nation {root.id}", root.id, NATION_TARGET),
    ):
        walls: list[float] = []
        cpus: list[float] = []
        for _ in range(args.repeat):
            gc.collect()
            wall, cpu = time.perf_counter(), time.process_time()
            filled = fill_forms(tree, period, org=org, events=made.events, evaluations=evaluations)
            walls.append(time.perf_counter() - wall)
            cpus.append(time.process_time() - cpu)
        wall_s, cpu_s = statistics.median(walls), statistics.median(cpus)
        members = filled[3].value("I")
        broken = [f.form.number for f in filled if not f.ok]
        verdict = "ok" if wall_s <= target else "OVER"
        print(
            f"  {label:<24} {len(filled)} forms, {members:,} members: "
            f"wall {wall_s:6.2f} s, cpu {cpu_s:6.2f} s (target <= {target:.0f} s: {verdict})"
            + (f"; identities failing on {broken}" if broken else ""),
            flush=True,
        )
        failed = failed or bool(broken)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
