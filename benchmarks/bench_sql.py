"""Time a national rollup from tables on disk or in a database, as whole processes.

Usage::

    python benchmarks/bench_sql.py                  # the whole nation: 5,6 million members
    python benchmarks/bench_sql.py --scale 0.01     # the CI smoke run
    python benchmarks/bench_sql.py --scale 0.1 --dsn "host=PGSOCKETDIR user=coso dbname=postgres"

The generated nation is written once to a folder of Parquet tables (``organizations``,
``units``, ``members``, ``evaluations``), to an SQLite file and, with ``--dsn`` (or
``COSO_DANG_POSTGRES_DSN``), to a PostgreSQL schema. Then each path runs in a process of
its own, from the data at rest to a national :class:`~coso_dang.rollup.Rollup` and the
NQ21 check at every organization:

- ``duckdb``: :func:`coso_dang.sql.rollup_sql` on the Parquet folder (DuckDB reads it);
- ``sqlite``, ``postgres``: :func:`~coso_dang.sql.rollup_sql` on the database;
- ``polars-lazy``: the tree read by :func:`~coso_dang.sql.read_tree`, members scanned by
  polars (``scan_parquet``) and counted by :func:`~coso_dang.frame.rollup_frame`;
- the peer: a hand-written lazy polars query over the same Parquet files computing
  per-province members, admissions and rating counts (province of each chi bộ by
  repeated self-joins). It computes far fewer figures than the library (which gives
  every count of every organization and checks every one), so the ratio is conservative.

Each process's wall time includes starting Python and importing the libraries; its CPU
time (all threads) and peak resident memory are its own. One untimed process of each path
runs first (bytecode caches written, files cached); ``--repeat`` timed ones follow and
the median is shown. On a shared machine compare CPU times: wall times move with the
load. Target: the DuckDB path <= 1,5 x the peer. The paths must agree with one another
and with the peer.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from peers import polars_peer

TABLES = ("organizations", "units", "members", "evaluations")
RATINGS = ("HTXSNV", "HTTNV", "HTNV", "KHTNV")


# -- the children: one path each, reporting its figures as JSON --------------------------------


def _library(target: str, year: int) -> dict[str, Any]:
    from coso_dang.orgs import OrgKind
    from coso_dang.rules import NQ21_2025
    from coso_dang.sql import rollup_sql

    result = rollup_sql(target, year=year)
    report = NQ21_2025.check(result, year=year)
    return _figures(result, OrgKind, report)


def _polars_lazy(folder: str, year: int) -> dict[str, Any]:
    import polars as pl

    from coso_dang.frame import rollup_frame
    from coso_dang.orgs import OrgKind
    from coso_dang.rules import NQ21_2025
    from coso_dang.sql import read_tree

    tree = read_tree(folder)
    members = pl.scan_parquet(Path(folder) / "members.parquet")
    evaluations = pl.scan_parquet(Path(folder) / "evaluations.parquet")
    result = rollup_frame(tree, members, year=year, evaluations=evaluations)
    report = NQ21_2025.check(result, year=year)
    return _figures(result, OrgKind, report)


def _figures(result: Any, kinds: Any, report: Any) -> dict[str, Any]:
    provinces = {
        org_id: [tally.get(code) for code in ("dang_vien", "ket_nap", "dang_vien_httnv")]
        for org_id, tally in result.level(kinds.DANG_BO_TINH).items()
    }
    return {
        "organizations": len(result),
        "checked": len(report),
        "dang_vien": result.root["dang_vien"],
        "provinces": provinces,
    }


def peer(folder: str, year: int) -> dict[str, Any]:
    """Per-province members, admissions and ratings, as a polars user writes it, lazily."""
    import polars as pl

    tables = {
        name: pl.scan_parquet(Path(folder) / f"{name}.parquet")
        for name in ("organizations", "members", "evaluations")
    }
    orgs = tables["organizations"].select("id", "parent_id", "kind")
    table = polars_peer(orgs, tables["members"], tables["evaluations"], year).collect()
    provinces = {
        row["province"]: [row["dang_vien"], row["ket_nap"], row["HTTNV"]]
        for row in table.iter_rows(named=True)
    }
    return {"dang_vien": sum(p[0] for p in provinces.values()), "provinces": provinces}


def _child(path: str, target: str, year: int) -> None:
    start = time.perf_counter()
    if path == "peer":
        figures = peer(target, year)
    elif path == "polars-lazy":
        figures = _polars_lazy(target, year)
    else:
        figures = _library(target, year)
    usage = resource.getrusage(resource.RUSAGE_SELF)
    figures["inside"] = time.perf_counter() - start
    figures["cpu"] = usage.ru_utime + usage.ru_stime
    figures["peak_mb"] = _peak_mb(usage)
    print(json.dumps(figures))


def _peak_mb(usage: Any) -> float:
    """This process's peak resident memory. On Linux from ``VmHWM``: ``ru_maxrss`` of a
    process started by a large one can report its parent's peak."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float(usage.ru_maxrss) / (1024 * 1024 if sys.platform == "darwin" else 1024)


# -- the parent: writing the data once, then one process per path -------------------------------


def _write_parquet(data: Any, folder: Path) -> None:
    import polars as pl

    from coso_dang.frame import evaluations_frame, members_frame

    def records(rows: Any, names: tuple[str, ...]) -> Any:
        from enum import Enum

        def value(v: Any) -> Any:
            return v.value if isinstance(v, Enum) else v

        return pl.DataFrame(
            {name: [value(getattr(r, name)) for r in rows] for name in names},
            schema_overrides={n: pl.Date for n in ("founded_on", "dissolved_on") if n in names},
            strict=False,
        )

    organizations = (
        "id",
        "name",
        "kind",
        "parent_id",
        "sector",
        "grassroots_type",
        "founded_on",
        "dissolved_on",
        "has_chi_bo_quan_su",
        "has_chi_bo_cong_an",
    )
    units = ("id", "name", "commune_id", "kind", "chi_bo_id", "has_member", "head_is_member")
    records(data.organizations, organizations).write_parquet(folder / "organizations.parquet")
    records(data.units, units).write_parquet(folder / "units.parquet")
    members_frame(data.members).write_parquet(folder / "members.parquet")
    evaluations = evaluations_frame(data.evaluations).with_columns(pl.lit("nam").alias("period"))
    evaluations.write_parquet(folder / "evaluations.parquet")


def _postgres(dsn: str, data: Any) -> tuple[str, str]:
    """A fresh schema holding the tables; the DSN that reads it."""
    import psycopg

    from coso_dang.sql import write_tables

    schema = f"bench_{os.getpid()}"
    with psycopg.connect(dsn) as connection:
        connection.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
        connection.execute(f"CREATE SCHEMA {schema}")
        connection.execute(f"SET search_path TO {schema}")
        write_tables(connection, data)
        connection.execute("ANALYZE")
        connection.commit()
    return f"{dsn} options=-csearch_path={schema}", schema


def _run(path: str, target: str, year: int, repeat: int, warm: bool) -> dict[str, Any]:
    """*repeat* processes of *path*, after one untimed one (*warm*) which writes the
    bytecode caches and warms the file cache, as for a user whose library is installed."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    command = [sys.executable, __file__, "--child", path, "--target", target]
    command += ["--year", str(year)]
    if warm:
        subprocess.run(command, check=True, capture_output=True, env=env)
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        done = subprocess.run(command, check=True, capture_output=True, text=True, env=env)
        wall = time.perf_counter() - start
        figures = json.loads(done.stdout.strip().splitlines()[-1])
        figures["wall"] = wall
        runs.append(figures)
    runs.sort(key=lambda f: f["wall"])
    median: dict[str, Any] = runs[len(runs) // 2]
    median["walls"] = [f["wall"] for f in runs]
    return median


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="multiplier of the counts")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=3, help="processes per path (median)")
    parser.add_argument("--dsn", default=os.environ.get("COSO_DANG_POSTGRES_DSN"))
    parser.add_argument(
        "--no-warm", action="store_true", help="no untimed first process (caches written)"
    )
    parser.add_argument(
        "--paths",
        default="peer,duckdb,polars-lazy,sqlite,postgres",
        help="the paths to time, comma-separated (postgres needs --dsn)",
    )
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--target", help=argparse.SUPPRESS)
    parser.add_argument("--year", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        _child(args.child, args.target, args.year)
        return

    from coso_dang.sql import write_tables
    from coso_dang.testing import generate_nation

    print(f"Python {platform.python_version()} on {platform.machine()}, scale={args.scale}")
    start = time.perf_counter()
    data = generate_nation(args.seed, scale=args.scale)
    year = data.year
    print(
        f"  {len(data.organizations):,} organizations, {len(data.members):,} members, "
        f"{len(data.evaluations):,} evaluations (generated in {time.perf_counter() - start:.1f} s)"
    )
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp) / "parquet"
        folder.mkdir()
        _write_parquet(data, folder)
        size = sum(f.stat().st_size for f in folder.iterdir()) / 1e6
        print(f"  Parquet folder: {size:.0f} MB")
        chosen = set(args.paths.split(","))
        database = Path(temp) / "nation.sqlite"
        paths = {
            "peer": ("hand-written lazy polars peer (Parquet)", str(folder)),
            "duckdb": ("rollup_sql, DuckDB on Parquet", str(folder)),
            "polars-lazy": ("rollup_frame, polars scan_parquet", str(folder)),
            "sqlite": ("rollup_sql, SQLite file", str(database)),
        }
        paths = {path: found for path, found in paths.items() if path in chosen | {"peer"}}
        if "sqlite" in paths:
            with sqlite3.connect(database) as connection:
                write_tables(connection, data)
            connection.close()
        schema = None
        if args.dsn and "postgres" in chosen:
            dsn, schema = _postgres(args.dsn, data)
            paths["postgres"] = ("rollup_sql, PostgreSQL", f"postgresql:///?{_query(dsn)}")
        del data
        results = {}
        for path, (label, target) in paths.items():
            found = results[path] = _run(path, target, year, args.repeat, not args.no_warm)
            print(
                f"  {label:<42} {found['wall']:7.2f} s   cpu {found['cpu']:7.2f} s   "
                f"peak {found['peak_mb']:6.0f} MB   (runs "
                + " ".join(f"{w:.2f}" for w in found["walls"])
                + ")",
                flush=True,
            )
        if schema is not None:
            import psycopg

            with psycopg.connect(args.dsn) as connection:
                connection.execute(f"DROP SCHEMA {schema} CASCADE")
    peer_figures = results["peer"]["provinces"]
    for path, found in results.items():
        if path == "peer":
            continue
        assert found["checked"] > 0, f"{path}: the NQ21 check checked nothing"
        for province, (members, admitted, httnv) in found["provinces"].items():
            expected = peer_figures.get(province, [0, 0, 0])
            assert [members, admitted, httnv] == expected, (path, province)
    base, base_cpu = results["peer"]["wall"], results["peer"]["cpu"]
    print()
    for path in results:
        if path != "peer":
            wall, cpu = results[path]["wall"] / base, results[path]["cpu"] / base_cpu
            target = " (target <= 1.5)" if path == "duckdb" else ""
            print(f"{path} / peer: {wall:.2f} wall, {cpu:.2f} cpu{target}")
    print(f"national total: {results['peer']['dang_vien']:,} members")


def _query(dsn: str) -> str:
    """A key=value DSN as the query of a postgresql:// URL."""
    from urllib.parse import quote

    parts = []
    for item in dsn.split(" "):
        key, _, value = item.partition("=")
        if key:
            parts.append(f"{key}={quote(value, safe='')}")
    return "&".join(parts)


if __name__ == "__main__":
    main()
