"""Time the rollup of a synthetic nation: object path, DataFrame paths, hand-written peers.

Usage::

    python benchmarks/bench_rollup.py               # the whole nation: 5,6 million members
    python benchmarks/bench_rollup.py --scale 0.01  # the CI smoke run
    python benchmarks/bench_rollup.py --breakdowns  # also with every breakdown counted

In one run: the tree build; the object-path :func:`coso_dang.rollup.rollup`; the
DataFrame path (:func:`coso_dang.frame.rollup_frame`) on polars and on pandas; and, as
peers, hand-written polars and pandas code computing per-province members, admissions
and rating counts the way a notebook user would (province of each chi bộ by repeated
self-joins, then one join and one group-by). The peers compute far fewer figures than
the library (which gives every count of every one of ~280.000 organizations), so the
ratios are conservative.

Targets at scale 1.0: object path <= 10 s and <= 3 GB peak; polars DataFrame path
<= 1,5 x the hand-written polars peer and faster than the hand-written pandas peer.

With ``--breakdowns`` the object path and the polars DataFrame path also run with every
breakdown of :mod:`coso_dang.breakdowns` counted (``breakdowns=True``), in the same run
and on the same tables, and each is compared with its own time without them (target:
<= 1,5 x); the two paths' national totals, breakdowns included, must agree.

Each rollup and each peer runs ``--repeat`` times (3 by default) and the median is the
figure compared; every run is printed beside it, since a tree's first DataFrame
rollup also builds the arrays it keeps for later ones. Peak memory is the process's
maximum resident set size (``ru_maxrss``), read after each step: it includes the
generated records, which the rollup does not own.
"""

from __future__ import annotations

import argparse
import gc
import platform
import resource
import statistics
import sys
import time
from collections.abc import Callable
from typing import Any, TypeVar

from peers import polars_peer

from coso_dang.frame import evaluations_frame, members_frame, rollup_frame
from coso_dang.orgs import OrgKind
from coso_dang.rollup import rollup
from coso_dang.testing import generate_nation
from coso_dang.tree import OrgTree

T = TypeVar("T")


def _peak_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024 if sys.platform == "darwin" else 1024)


def _timed(
    label: str, rows: list[tuple[str, float, float]], run: Callable[[], T], repeat: int = 1
) -> T:
    """Run *repeat* times; record the median (every run is printed beside it).

    The process's CPU time (all its threads) is printed too: on a shared machine it
    moves far less than the wall time when other work competes for the cores.
    """
    times: list[float] = []
    cpu: list[float] = []
    result: T | None = None
    for _ in range(repeat):
        # The last run's result is freed before the clock starts, not by the
        # assignment inside the timed window: freeing millions of objects is not
        # part of the step.
        result = None
        gc.collect()
        start, start_cpu = time.perf_counter(), time.process_time()
        result = run()
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    seconds = statistics.median(times)
    rows.append((label, seconds, _peak_mb()))
    first = "   (runs " + " ".join(f"{t:.2f}" for t in times) + ")" if repeat > 1 else ""
    print(
        f"  {label:<42} {seconds:8.2f} s   cpu {statistics.median(cpu):7.2f} s"
        f"   peak {_peak_mb():8.0f} MB{first}",
        flush=True,
    )
    assert result is not None
    return result


def _org_table(organizations: Any, module: Any) -> Any:
    return module.DataFrame(
        {
            "id": [o.id for o in organizations],
            "parent_id": [o.parent_id for o in organizations],
            "kind": [o.kind.value for o in organizations],
        }
    )


def pandas_peer(orgs: Any, members: Any, evaluations: Any, year: int) -> Any:
    """The same per-province figures as a pandas user writes them."""
    import pandas as pd

    on, start = pd.Timestamp(year, 12, 31), pd.Timestamp(year, 1, 1)
    lookup = orgs.rename(columns={"id": "up", "parent_id": "next_up"})
    walk = orgs.loc[orgs["kind"].isin(["chi_bo_co_so", "chi_bo_truc_thuoc"]), ["id"]].copy()
    walk["up"] = walk["id"]
    walk["province"] = None
    for _ in range(8):  # deeper than any chain from a chi bộ up to its province
        walk = walk.merge(lookup, on="up", how="left")
        found = walk["province"].isna() & (walk["kind"] == "dang_bo_tinh")
        walk.loc[found, "province"] = walk.loc[found, "up"]
        walk = walk[["id", "next_up", "province"]].rename(columns={"next_up": "up"})
    province_of = walk[["id", "province"]].rename(columns={"id": "org_id"})
    evs = evaluations[(evaluations["year"] == year) & (evaluations["subject"] == "member")]
    ratings = evs[["subject_id", "rating"]].rename(columns={"subject_id": "id"})
    table = members.merge(province_of, on="org_id", how="left").merge(ratings, on="id", how="left")
    admitted = table["admitted_on"]
    left = table["left_on"]
    table["dang_vien"] = (admitted <= on) & (left.isna() | (left > on))
    table["ket_nap"] = (admitted >= start) & (admitted <= on)
    for r in ("HTXSNV", "HTTNV", "HTNV", "KHTNV"):
        table[r] = table["rating"] == r
    columns = ["dang_vien", "ket_nap", "HTXSNV", "HTTNV", "HTNV", "KHTNV"]
    return table.groupby("province")[columns].sum().sort_index()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="multiplier of the counts")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--repeat", type=int, default=3, help="runs of each rollup and peer (median shown)"
    )
    parser.add_argument(
        "--breakdowns",
        action="store_true",
        help="also time both paths with every breakdown counted, against their time without",
    )
    args = parser.parse_args(argv)
    repeat = args.repeat

    import pandas as pd
    import polars as pl

    print(f"Python {platform.python_version()} on {platform.machine()}, scale={args.scale}")
    rows: list[tuple[str, float, float]] = []
    data = _timed(
        "generate_nation (setup)", rows, lambda: generate_nation(args.seed, scale=args.scale)
    )
    year = data.year
    print(
        f"  {len(data.organizations):,} organizations, {len(data.members):,} members, "
        f"{len(data.units):,} units, {len(data.evaluations):,} evaluations"
    )
    tree = _timed(
        "OrgTree.build (orgs, members, units)",
        rows,
        lambda: OrgTree.build(data.organizations, data.members, data.units),
    )
    objects = _timed(
        "rollup() object path",
        rows,
        lambda: rollup(tree, year=year, evaluations=data.evaluations),
        repeat,
    )
    national = objects.root
    org_tree = _timed(
        "OrgTree.build (orgs, units only)",
        rows,
        lambda: OrgTree.build(data.organizations, units=data.units),
    )
    tables: dict[str, tuple[Any, Any]] = {}
    for backend in ("polars", "pandas"):
        tables[backend] = _timed(
            f"members_frame + evaluations_frame ({backend})",
            rows,
            lambda b=backend: (  # type: ignore[misc]
                # With --breakdowns the polars table carries their columns for both runs.
                members_frame(
                    data.members, backend=b, breakdowns=args.breakdowns and b == "polars"
                ),
                evaluations_frame(data.evaluations, backend=b),
            ),
        )
    org_tables = {
        "polars": _org_table(data.organizations, pl),
        "pandas": _org_table(data.organizations, pd),
    }
    results = {}
    for backend in ("polars", "pandas"):
        members, evaluations = tables[backend]
        results[backend] = _timed(
            f"rollup_frame() DataFrame path ({backend})",
            rows,
            lambda m=members, e=evaluations: rollup_frame(  # type: ignore[misc]
                org_tree, m, year=year, evaluations=e
            ),
            repeat,
        )
    if args.breakdowns:
        with_breakdowns = _timed(
            "rollup() object path, all breakdowns",
            rows,
            lambda: rollup(tree, year=year, evaluations=data.evaluations, breakdowns=True),
            repeat,
        )
        members, evaluations = tables["polars"]
        frame_breakdowns = _timed(
            "rollup_frame() polars, all breakdowns",
            rows,
            lambda: rollup_frame(
                org_tree, members, year=year, evaluations=evaluations, breakdowns=True
            ),
            repeat,
        )
        assert frame_breakdowns.root == with_breakdowns.root, "breakdowns disagree"
        assert {k: v for k, v in with_breakdowns.root.items() if k in national} == dict(national)
    peers = {
        "polars": _timed(
            "hand-written polars peer (per province)",
            rows,
            lambda: polars_peer(org_tables["polars"], *tables["polars"], year),
            repeat,
        ),
        "pandas": _timed(
            "hand-written pandas peer (per province)",
            rows,
            lambda: pandas_peer(org_tables["pandas"], *tables["pandas"], year),
            repeat,
        ),
    }

    # The paths must agree, and the peers' provinces must match the library's.
    for backend, result in results.items():
        assert result.root == national, f"{backend} DataFrame path disagrees"
    provinces = objects.level(OrgKind.DANG_BO_TINH)
    polars_rows = {r["province"]: r for r in peers["polars"].iter_rows(named=True)}
    for province_id, tally in provinces.items():
        row = polars_rows.get(province_id)
        if row is None:  # a province with no chi bộ (only at tiny scales)
            assert tally["dang_vien"] == 0
            continue
        assert (row["dang_vien"], row["ket_nap"]) == (tally["dang_vien"], tally["ket_nap"])
        assert row["HTTNV"] == tally["dang_vien_httnv"]
    pandas_totals = peers["pandas"].sum()
    assert int(pandas_totals["dang_vien"]) == national["dang_vien"]

    seconds = {label: s for label, s, _ in rows}
    obj = seconds["rollup() object path"]
    frame_pl = seconds["rollup_frame() DataFrame path (polars)"]
    frame_pd = seconds["rollup_frame() DataFrame path (pandas)"]
    peer_pl = seconds["hand-written polars peer (per province)"]
    peer_pd = seconds["hand-written pandas peer (per province)"]
    print()
    print(
        f"object path: {obj:.2f} s (target <= 10 s); peak after it "
        f"{next(p for label, _, p in rows if label == 'rollup() object path'):.0f} MB"
    )
    print(f"polars DataFrame path / polars peer: {frame_pl / peer_pl:.2f} (target <= 1.5)")
    print(f"polars DataFrame path / pandas peer: {frame_pl / peer_pd:.2f} (target < 1)")
    print(f"pandas DataFrame path / pandas peer: {frame_pd / peer_pd:.2f}")
    if args.breakdowns:
        obj_b = seconds["rollup() object path, all breakdowns"]
        frame_b = seconds["rollup_frame() polars, all breakdowns"]
        print(f"object path with / without breakdowns: {obj_b / obj:.2f} (target <= 1.5)")
        print(f"polars path with / without breakdowns: {frame_b / frame_pl:.2f} (target <= 1.5)")
    print(
        f"national total: {national['dang_vien']:,} members, {national['tccsd']:,} TCCSĐ, "
        f"{len(objects):,} organizations"
    )


if __name__ == "__main__":
    main()
