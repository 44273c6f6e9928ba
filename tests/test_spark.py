"""PySpark in local mode: rollup_frame runs its member step inside Spark, same rollup."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coso_dang import OrgTree
from coso_dang.frame import (
    EVALUATION_COLUMNS,
    MEMBER_COLUMNS,
    evaluations_frame,
    members_frame,
    rollup_frame,
)
from coso_dang.rollup import rollup
from coso_dang.testing import generate_province

#: PySpark's notice about the pandas it finds; the rollup does not go through pandas.
PANDAS_NOTICE = "ignore:PySpark does not yet fully support pandas:FutureWarning"
pytestmark = [pytest.mark.filterwarnings(PANDAS_NOTICE)]


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    """A small local Spark: one core, little memory, few shuffle partitions."""
    pytest.importorskip("narwhals")
    pytest.importorskip("polars")
    if shutil.which("java") is None:
        pytest.skip("Spark: no Java runtime (.ci/run installs default-jre-headless)")
    sql = pytest.importorskip("pyspark.sql")
    session = (
        sql.SparkSession.builder.master("local[1]")
        .appName("coso-dang-tests")
        .config("spark.driver.memory", "512m")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.default.parallelism", "1")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def _spark_table(spark: Any, table: Any, names: tuple[str, ...]) -> Any:
    """A polars table as a Spark DataFrame, with Spark types for its columns."""
    types = __import__("pyspark.sql.types", fromlist=["StructType"])
    kinds = {
        "Date": types.DateType(),
        "Boolean": types.BooleanType(),
        "Int64": types.LongType(),
    }
    schema = types.StructType(
        [
            types.StructField(name, kinds.get(str(table.schema[name]), types.StringType()))
            for name in names
        ]
    )
    return spark.createDataFrame(table.select(names).rows(), schema)


@settings(max_examples=2, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**32 - 1), rated=st.booleans(), day=st.integers(0, 365))
def test_spark_equals_the_object_path(spark: Any, seed: int, rated: bool, day: int) -> None:
    """A PySpark DataFrame in local mode gives the object path's rollup."""
    data = generate_province(seed=seed, scale=0.002, year=2024)
    as_of = date(2024, 1, 1) + timedelta(days=day)
    evaluations = data.evaluations if rated else None
    expected = rollup(data.tree(), year=2024, evaluations=evaluations, as_of=as_of)
    members = _spark_table(spark, members_frame(data.members), MEMBER_COLUMNS)
    ratings = (
        _spark_table(spark, evaluations_frame(data.evaluations), EVALUATION_COLUMNS)
        if rated
        else None
    )
    tree = OrgTree.build(data.organizations, units=data.units)
    actual = rollup_frame(tree, members, year=2024, evaluations=ratings, as_of=as_of)
    assert dict(expected) == dict(actual)
    assert list(expected) == list(actual)
