"""Time national data from files on disk to a Rollup and the NQ21 check, as whole processes.

Usage::

    python benchmarks/bench_disk.py --cache disk-cache                 # the whole nation
    python benchmarks/bench_disk.py --scale 0.01                        # the CI smoke run
    python benchmarks/bench_disk.py --scale 0.3 --cli                   # time the CLI too

The generated nation is written once to a CSV folder (field-name headers, ISO dates) and
a Parquet folder under ``--cache`` (kept between runs; a temporary folder by default).
Then each contender runs as its own process, timed from start to exit, with its CPU time
and peak memory (the child's ``ru_maxrss``) read from the operating system:

- the library through CSV and through Parquet: :func:`coso_dang.io.load_frames` (every
  row of every table parsed and checked, problems listed as the record loaders list
  them), :meth:`~coso_dang.io.FrameLoad.rollup` (every count of every organization) and
  ``NQ21_2025.check`` of the rollup (every node);
- a hand-written lazy polars peer reading the same files for per-province members,
  admissions and rating counts (province of each chi bộ by repeated self-joins, one
  join and one group-by), checking nothing;
- with ``--cli``: ``coso-dang report <csv folder> --org TW``, the newcomer's command.

The peer's per-province figures must equal the library's, or the run stops.

Targets on the 2-core machine at scale 1.0: Parquet <= 1,5 x the peer (on Parquet); CSV
<= 2 x the peer (on CSV); the Parquet path's peak <= 3 GB; cost linear in the scale.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from peers import polars_peer

RATINGS = ("HTXSNV", "HTTNV", "HTNV", "KHTNV")
YEAR = 2024


# -- the children -----------------------------------------------------------------------------


def write(scale: float, folder: Path) -> None:
    """Generate the nation and write its CSV and Parquet folders."""
    from coso_dang.io import dump_csv, dump_parquet
    from coso_dang.testing import generate_nation

    data = generate_nation(scale=scale, year=YEAR)
    dump_csv(data, folder / "csv", headers="fields")
    dump_parquet(data, folder / "parquet")


def library(source: Path) -> dict[str, Any]:
    """Files to frames, the national rollup and the NQ21 check; per-province figures."""
    from coso_dang.io import load_frames
    from coso_dang.orgs import OrgKind
    from coso_dang.rules import NQ21_2025

    frames = load_frames(source, progress=False, max_rows=None)  # national, read on purpose
    if not frames.ok:
        raise SystemExit(f"{len(frames.errors)} errors loading {source}")
    result = frames.rollup(year=YEAR)
    checks = NQ21_2025.check(result, year=YEAR)
    provinces = {
        org_id: [tally["dang_vien"], tally["ket_nap"], tally["dang_vien_httnv"]]
        for org_id, tally in result.level(OrgKind.DANG_BO_TINH).items()
    }
    return {"provinces": provinces, "checks": len(list(checks))}


def peer(source: Path, kind: str) -> dict[str, Any]:
    """Per-province members, admissions and rating counts, as a polars user writes it."""
    import polars as pl

    def scan(table: str) -> pl.LazyFrame:
        if kind == "parquet":
            return pl.scan_parquet(source / f"{table}.parquet")
        return pl.scan_csv(source / f"{table}.csv", infer_schema=False)

    def day(column: str) -> pl.Expr:
        return pl.col(column) if kind == "parquet" else pl.col(column).str.to_date("%Y-%m-%d")

    orgs = scan("organizations").select("id", "parent_id", "kind")
    evaluations = scan("evaluations").select(
        "subject_id", pl.col("year").cast(pl.Int64), "rating", "subject"
    )
    members = scan("members").select(
        "id", "org_id", day("admitted_on").alias("admitted_on"), day("left_on").alias("left_on")
    )
    table = polars_peer(orgs, members, evaluations, YEAR).collect()
    provinces = {
        row["province"]: [row["dang_vien"], row["ket_nap"], row["HTTNV"]]
        for row in table.iter_rows(named=True)
        if row["province"] is not None
    }
    return {"provinces": provinces}


# -- the parent -------------------------------------------------------------------------------


def _run(argv: list[str]) -> tuple[float, float, float, str]:
    """Run *argv* as a child; its wall and CPU seconds, peak MB and standard output.

    ``os.wait4`` gives this child's own resource use (``RUSAGE_CHILDREN`` would sum
    the CPU of every child and keep the largest peak so far).
    """
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        started = time.perf_counter()
        child = subprocess.Popen(argv, stdout=out, stderr=err, text=True)
        _pid, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if child.returncode != 0:
            raise SystemExit(f"{' '.join(argv)} failed ({child.returncode}):\n{err.read()[-2000:]}")
        # ru_maxrss is in KiB on Linux.
        return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, out.read()


def _child(*args: str) -> list[str]:
    return [sys.executable, __file__, "--child", *args]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="share of the nation (1.0)")
    parser.add_argument("--cache", type=Path, help="folder keeping the written files")
    parser.add_argument("--cli", action="store_true", help="also time coso-dang report")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        role, *rest = args.child
        if role == "write":
            write(float(rest[0]), Path(rest[1]))
            return
        found = library(Path(rest[0])) if role == "library" else peer(Path(rest[0]), rest[1])
        print(json.dumps(found))
        return
    with tempfile.TemporaryDirectory() as scratch:
        _bench(args, Path(args.cache or scratch) / f"scale-{args.scale:g}")


def _bench(args: argparse.Namespace, folder: Path) -> None:
    if not (folder / "parquet").exists():
        folder.mkdir(parents=True, exist_ok=True)
        print(f"writing the nation at scale {args.scale:g} to {folder} …", flush=True)
        _run(_child("write", str(args.scale), str(folder)))
    rows: dict[str, tuple[float, float, float]] = {}
    found: dict[str, Any] = {}
    runs = [
        ("library, CSV", _child("library", str(folder / "csv"))),
        ("library, Parquet", _child("library", str(folder / "parquet"))),
        ("polars peer, CSV", _child("peer", str(folder / "csv"), "csv")),
        ("polars peer, Parquet", _child("peer", str(folder / "parquet"), "parquet")),
    ]
    if args.cli:
        command = [
            sys.executable, "-m", "coso_dang", "report", str(folder / "csv"), "--org", "TW",
        ]  # fmt: skip
        runs.append(("coso-dang report <CSV> --org TW", command))
    for label, command in runs:
        wall, cpu, peak, out = _run(command)
        rows[label] = (wall, cpu, peak)
        if not label.startswith("coso-dang"):
            found[label] = json.loads(out)["provinces"]
        print(f"{label:34} {wall:8.2f} s wall {cpu:8.2f} s CPU {peak:9.0f} MB peak", flush=True)
    expected = found["library, Parquet"]
    for label, provinces in found.items():
        for province, figures in expected.items():
            got = provinces.get(province, [0, 0, 0])
            assert got == figures, f"{label}: {province} {got} != {figures}"
    csv_ratio = rows["library, CSV"][0] / rows["polars peer, CSV"][0]
    parquet_ratio = rows["library, Parquet"][0] / rows["polars peer, Parquet"][0]
    print(f"library / peer, CSV:     {csv_ratio:.2f} (target <= 2)")
    print(f"library / peer, Parquet: {parquet_ratio:.2f} (target <= 1.5)")
    print(f"Parquet peak: {rows['library, Parquet'][2]:.0f} MB (target <= 3072)")


if __name__ == "__main__":
    main()
