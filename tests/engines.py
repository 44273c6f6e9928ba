"""Test helpers: one polars table as each table engine the library reads holds it."""

from __future__ import annotations

from typing import Any

import pytest


def in_engine(table: Any, engine: str) -> Any:
    """A polars table as *engine* holds it."""
    if engine == "polars":
        return table
    if engine == "polars-lazy":
        return table.lazy()
    if engine == "pyarrow":
        return table.to_arrow()
    if engine == "duckdb":
        duckdb = pytest.importorskip("duckdb")
        return duckdb.from_arrow(table.to_arrow())
    pd = pytest.importorskip("pandas")
    if engine == "pandas-arrow":
        return table.to_pandas(types_mapper=pd.ArrowDtype)
    if engine == "pandas-nullable":
        return table.to_pandas().convert_dtypes()
    native = table.to_pandas()
    if engine == "dask":
        dd = pytest.importorskip("dask.dataframe")
        return dd.from_pandas(native, npartitions=2)
    return native
