"""The hand-written peer the benchmarks measure the library against.

Per-province members, admissions and rating counts, as a polars user writes them: the
province of each chi bộ by repeated self-joins, then one join and one group-by. It reads
eager or lazy frames alike (a lazy query is the caller's to collect), so the in-memory,
CSV and Parquet benchmarks time the same query. It imports nothing of the library, so a
peer's process pays for polars alone.
"""

from __future__ import annotations

from datetime import date
from typing import Any


def polars_peer(orgs: Any, members: Any, evaluations: Any, year: int) -> Any:
    """Per-province members, admissions and rating counts, as a polars user writes it."""
    import polars as pl

    on, start = date(year, 12, 31), date(year, 1, 1)
    lookup = orgs.select(
        pl.col("id").alias("up"), pl.col("parent_id").alias("next_up"), pl.col("kind")
    )
    chi_bo = orgs.filter(pl.col("kind").is_in(["chi_bo_co_so", "chi_bo_truc_thuoc"]))
    walk = chi_bo.select("id", pl.col("id").alias("up"), pl.lit(None, pl.String).alias("province"))
    for _ in range(8):  # deeper than any chain from a chi bộ up to its province
        walk = walk.join(lookup, on="up", how="left").select(
            "id",
            pl.col("next_up").alias("up"),
            pl.when(pl.col("province").is_null() & (pl.col("kind") == "dang_bo_tinh"))
            .then(pl.col("up"))
            .otherwise(pl.col("province"))
            .alias("province"),
        )
    province_of = walk.select(pl.col("id").alias("org_id"), "province")
    ratings = evaluations.filter((pl.col("year") == year) & (pl.col("subject") == "member")).select(
        pl.col("subject_id").alias("id"), "rating"
    )
    active = (pl.col("admitted_on") <= on) & (
        pl.col("left_on").is_null() | (pl.col("left_on") > on)
    )
    return (
        members.join(province_of, on="org_id", how="left")
        .join(ratings, on="id", how="left")
        .group_by("province")
        .agg(
            active.sum().alias("dang_vien"),
            pl.col("admitted_on").is_between(start, on).sum().alias("ket_nap"),
            *[(pl.col("rating") == r).sum().alias(r) for r in ("HTXSNV", "HTTNV", "HTNV", "KHTNV")],
        )
        .sort("province")
    )
