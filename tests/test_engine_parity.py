"""Every engine gives the object path's rollup: generated provinces in hostile but legal
table shapes, through rollup_frame (each narwhals engine) and rollup_sql (each database).

A shape changes how the table holds a value, never the value: chi bộ ids beyond ASCII
typed in NFD, dates as ISO text with white space, as datetimes with a time of day or as
moments in UTC (Vietnam's day), flags as 0/1 or as text, codes as categories, missing
codes as blank text, evaluation years as text and evaluations of other years beside.
"""

from __future__ import annotations

import os
import sqlite3
import unicodedata
import uuid
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st
from tests.engines import in_engine

from coso_dang import Member, Organization, OrgKind, OrgTree
from coso_dang.frame import evaluations_frame, members_frame, rollup_frame
from coso_dang.rollup import rollup
from coso_dang.sql import rollup_sql
from coso_dang.testing import Dataset, generate_province

pytest.importorskip("narwhals")
pl = pytest.importorskip("polars")

YEAR = 2024
DASK_NOTICE = "ignore:Dask support is moving:FutureWarning"
#: The PostgreSQL server the tests use, as tests/test_sql.py finds it.
DSN_VARIABLE = "COSO_DANG_POSTGRES_DSN"
FEW = settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
#: One example at a time is a few seconds: a failure is shown as found, not shrunk for
#: minutes (the seed and shapes drawn say enough).
FEW = settings(FEW, phases=[Phase.explicit, Phase.reuse, Phase.generate])
_DATES = ("admitted_on", "ceremony_on", "official_on", "left_on")
_FLAGS = ("is_working", "keeps_residence_contact")
_CODES = ("committee_role", "education", "political_theory")
#: The shapes a members table may come in; each is drawn on or off.
SHAPES = (
    "nfd",
    "text dates",
    "time of day",
    "utc",
    "vietnam zone",
    "flag numbers",
    "flag texts",
    "categories",
)
#: Those a database holds as such (SQLite holds no zone: its moments are text).
SQL_SHAPES = ("nfd", "text dates", "time of day", "flag numbers", "flag texts")


def _province(seed: int) -> Dataset:
    """A small generated province whose organization ids go beyond ASCII (so that NFD
    can differ from them), and some evaluations of the year before beside this year's."""
    data = generate_province(seed=seed, scale=0.002, year=YEAR)

    def renamed(org_id: str | None) -> str | None:
        return None if org_id is None else f"Đ-{org_id}"

    orgs = tuple(
        attrs.evolve(o, id=renamed(o.id), parent_id=renamed(o.parent_id))
        for o in data.organizations
    )
    known = {o.id for o in data.organizations}
    members = tuple(
        attrs.evolve(m, org_id=renamed(m.org_id), to_dang_id=renamed(m.to_dang_id))
        for m in data.members
    )
    units = tuple(
        attrs.evolve(u, commune_id=renamed(u.commune_id), chi_bo_id=renamed(u.chi_bo_id))
        for u in data.units
    )
    evaluations = tuple(
        attrs.evolve(e, subject_id=renamed(e.subject_id)) if e.subject_id in known else e
        for e in data.evaluations
    )
    earlier = tuple(attrs.evolve(e, year=YEAR - 1) for e in evaluations[::3])
    changes: dict[str, Any] = {
        "organizations": orgs,
        "members": members,
        "units": units,
        "evaluations": evaluations + earlier,
    }
    return attrs.evolve(data, **changes)


def _nfd(column: str) -> Any:
    return pl.col(column).map_elements(
        lambda text: unicodedata.normalize("NFD", text), return_dtype=pl.String
    )


def _shaped(table: Any, shapes: frozenset[str], *, breakdowns: bool) -> Any:
    """The members table (polars) in *shapes*: the same values held otherwise."""
    dates = [*_DATES, *(("birth_date",) if breakdowns else ())]
    codes = [*_CODES, *(("gender", "ethnicity", "religion") if breakdowns else ())]
    if "nfd" in shapes:
        table = table.with_columns(_nfd("org_id"))
    if "utc" in shapes:
        # 00:30 of the day in Vietnam's UTC+7: 17:30 the day before, in UTC.
        moment = pl.col(dates).cast(pl.Datetime("us")) + pl.duration(minutes=30)
        table = table.with_columns(
            moment.dt.replace_time_zone("Etc/GMT-7").dt.convert_time_zone("UTC")
        )
    elif "vietnam zone" in shapes:
        # Midnight in Vietnam's own zone, whose history puts the days of 1959-1975 (the
        # birth dates of many) at UTC+8: read by the wall clock, not moved to UTC+7.
        table = table.with_columns(
            pl.col(dates).cast(pl.Datetime("us")).dt.replace_time_zone("Asia/Ho_Chi_Minh")
        )
    elif "time of day" in shapes:
        table = table.with_columns(pl.col(dates).cast(pl.Datetime("us")) + pl.duration(hours=23))
    elif "text dates" in shapes:
        table = table.with_columns((" " + pl.col(c).cast(pl.String) + "\t").alias(c) for c in dates)
    if "flag numbers" in shapes:
        table = table.with_columns(pl.col(_FLAGS).cast(pl.Int64))
    elif "flag texts" in shapes:
        texts = pl.when(pl.col(_FLAGS)).then(pl.lit(" True")).otherwise(pl.lit("FALSE "))
        table = table.with_columns(texts.name.keep())
    if "categories" in shapes:
        table = table.with_columns(pl.col(codes).cast(pl.Categorical))
    return table


FRAME_ENGINES = (
    "polars",
    "polars-lazy",
    "pyarrow",
    "duckdb",
    "pandas",
    "pandas-arrow",
    "pandas-nullable",
)


def _expected(data: Dataset, as_of: date, breakdowns: bool) -> Any:
    return rollup(
        data.tree(), year=YEAR, evaluations=data.evaluations, as_of=as_of, breakdowns=breakdowns
    )


def _ratings(data: Dataset, text_years: bool) -> Any:
    table = evaluations_frame(data.evaluations)
    return table.with_columns(pl.col("year").cast(pl.String) + " ") if text_years else table


@pytest.mark.filterwarnings(DASK_NOTICE)
@FEW
@given(
    seed=st.integers(0, 2**16),
    engine=st.sampled_from(FRAME_ENGINES),
    shapes=st.frozensets(st.sampled_from(SHAPES)),
    breakdowns=st.booleans(),
    text_years=st.booleans(),
    day=st.integers(0, 365),
)
# A member born on 4/4/1947 (UTC+8 then), the day after the reporting day: read at UTC+7,
# a birth at midnight in Vietnam's own zone was a day older.
@example(2141, "polars", frozenset({"vietnam zone"}), True, False, 93)
@example(2141, "pandas", frozenset({"vietnam zone"}), True, False, 93)
@example(2141, "pyarrow", frozenset({"vietnam zone"}), True, False, 93)
@example(2141, "duckdb", frozenset({"vietnam zone"}), True, False, 93)
def test_rollup_frame_equals_the_object_path(
    seed: int, engine: str, shapes: frozenset[str], breakdowns: bool, text_years: bool, day: int
) -> None:
    """rollup_frame on any engine, the members table in any legal shape, gives the
    object path's rollup, breakdowns included."""
    data = _province(seed)
    as_of = date(YEAR, 1, 1) + timedelta(days=day)
    expected = _expected(data, as_of, breakdowns)
    if engine == "duckdb":
        # DuckDB holds a moment as an instant (TIMESTAMPTZ), without its zone's name: a
        # midnight in Vietnam's own zone is read at UTC+7, as any other zone's, and in
        # 1959-1975 (UTC+8 then) that is the day before: the same dates it is not.
        shapes = shapes - {"vietnam zone"}
    members = _shaped(
        members_frame(data.members, breakdowns=breakdowns), shapes, breakdowns=breakdowns
    )
    actual = rollup_frame(
        OrgTree.build(data.organizations, units=data.units),
        in_engine(members, engine),
        year=YEAR,
        evaluations=in_engine(_ratings(data, text_years), engine),
        as_of=as_of,
        breakdowns=breakdowns,
    )
    assert dict(actual) == dict(expected)
    assert list(actual) == list(expected)


@pytest.mark.filterwarnings(DASK_NOTICE)
@settings(FEW, max_examples=2)
@given(seed=st.integers(0, 2**16), shapes=st.frozensets(st.sampled_from(SHAPES)))
def test_rollup_frame_on_dask_equals_the_object_path(seed: int, shapes: frozenset[str]) -> None:
    """The same on a Dask table (without breakdowns: Dask plans hundreds of columns
    slowly)."""
    data = _province(seed)
    expected = _expected(data, date(YEAR, 12, 31), False)
    members = _shaped(members_frame(data.members), shapes, breakdowns=False)
    actual = rollup_frame(
        OrgTree.build(data.organizations, units=data.units),
        in_engine(members, "dask"),
        year=YEAR,
        evaluations=in_engine(_ratings(data, False), "dask"),
    )
    assert dict(actual) == dict(expected)


# -- the SQL path ---------------------------------------------------------------------------


def _sql_type(dtype: Any) -> str:
    if dtype == pl.Date:
        return "DATE"
    if dtype == pl.Boolean:
        return "BOOLEAN"
    if dtype.is_integer():
        return "BIGINT"
    if isinstance(dtype, pl.Datetime):
        return "TIMESTAMP"
    return "TEXT"


def _put(connection: Any, dialect: str, name: str, table: Any) -> None:
    """*table* (polars) as the database table *name*; SQLite holds dates as ISO text."""
    columns = ", ".join(f'"{c}" {_sql_type(table.schema[c])}' for c in table.columns)
    cursor = connection.cursor()
    cursor.execute(f'CREATE TABLE "{name}" ({columns})')
    rows = table.rows()
    if dialect == "sqlite":
        rows = [
            tuple(v.isoformat(" ") if isinstance(v, datetime) else v for v in row) for row in rows
        ]
        rows = [tuple(v.isoformat() if isinstance(v, date) else v for v in row) for row in rows]
    mark = "%s" if dialect == "postgres" else "?"
    if rows:
        cursor.executemany(
            f'INSERT INTO "{name}" VALUES ({", ".join([mark] * len(table.columns))})', rows
        )
    cursor.close()
    connection.commit()


def _database(dialect: str) -> tuple[Any, Callable[[], None]]:
    """A fresh empty database of *dialect*, and how to throw it away."""
    if dialect == "sqlite":
        connection: Any = sqlite3.connect(":memory:")
        return connection, connection.close
    if dialect == "duckdb":
        duckdb = pytest.importorskip("duckdb")
        connection = duckdb.connect()
        return connection, connection.close
    dsn = os.environ.get(DSN_VARIABLE)
    if not dsn:
        pytest.skip(f"PostgreSQL: {DSN_VARIABLE} is not set (.ci/run starts a server and sets it)")
    psycopg = pytest.importorskip("psycopg")
    connection = psycopg.connect(dsn)
    schema = f"t_{uuid.uuid4().hex}"
    connection.execute(f"CREATE SCHEMA {schema}")
    connection.execute(f"SET search_path TO {schema}")
    connection.commit()

    def drop() -> None:
        connection.rollback()
        connection.execute(f"DROP SCHEMA {schema} CASCADE")
        connection.commit()
        connection.close()

    return connection, drop


@pytest.mark.parametrize("dialect", ["sqlite", "duckdb", "postgres"])
def test_rollup_sql_equals_the_object_path(dialect: str) -> None:
    """rollup_sql on each database, the members table in the shapes a database holds,
    gives the object path's rollup."""

    @FEW
    @given(
        seed=st.integers(0, 2**16),
        shapes=st.frozensets(st.sampled_from(SQL_SHAPES)),
        text_years=st.booleans(),
        day=st.integers(0, 365),
    )
    def check(seed: int, shapes: frozenset[str], text_years: bool, day: int) -> None:
        data = _province(seed)
        as_of = date(YEAR, 1, 1) + timedelta(days=day)
        expected = _expected(data, as_of, False)
        connection, drop = _database(dialect)
        try:
            _put(
                connection,
                dialect,
                "members",
                _shaped(members_frame(data.members), shapes, breakdowns=False),
            )
            _put(connection, dialect, "evaluations", _ratings(data, text_years))
            tree = OrgTree.build(data.organizations, units=data.units)
            actual = rollup_sql(connection, year=YEAR, as_of=as_of, tree=tree)
        finally:
            drop()
        assert dict(actual) == dict(expected)
        assert list(actual) == list(expected)

    check()


# -- bad data: the same problems on every path ----------------------------------------------

#: Kinds of bad data, each one way a table breaks what the records allow.
FLAWS = ("duplicate id", "unknown organization", "not a chi bộ", "stray evaluation", "twice")


def _flawed(data: Dataset, flaw: str) -> tuple[Any, Any]:
    """The members and evaluations tables (polars) of *data* with one *flaw*."""
    members = members_frame(data.members)
    ratings = evaluations_frame(data.evaluations)
    first = data.members[0]
    if flaw == "duplicate id":
        members = pl.concat([members, members.head(1)])
    elif flaw == "unknown organization":
        members = members.with_columns(
            pl.when(pl.col("id") == first.id)
            .then(pl.lit("Đ-không-có"))
            .otherwise("org_id")
            .alias("org_id")
        )
    elif flaw == "not a chi bộ":
        root = data.organizations[0].id
        members = members.with_columns(
            pl.when(pl.col("id") == first.id).then(pl.lit(root)).otherwise("org_id").alias("org_id")
        )
    elif flaw == "stray evaluation":
        stray = pl.DataFrame(
            {"subject_id": ["không-có"], "year": [YEAR], "rating": ["HTTNV"], "subject": ["member"]}
        )
        ratings = pl.concat([ratings, stray])
    else:
        again = ratings.filter((pl.col("subject") == "member") & (pl.col("year") == YEAR)).head(1)
        ratings = pl.concat([ratings, again])
    return members, ratings


def _problems(run: Callable[[], Any]) -> list[tuple[str, str, str]]:
    from coso_dang.errors import TreeError

    with pytest.raises(TreeError) as caught:
        run()
    return sorted((p.field, p.value, p.reason) for p in caught.value.problems)


@pytest.mark.filterwarnings(DASK_NOTICE)
@FEW
@given(
    seed=st.integers(0, 2**16), flaw=st.sampled_from(FLAWS), engine=st.sampled_from(FRAME_ENGINES)
)
def test_bad_tables_give_the_same_problems_on_every_path(seed: int, flaw: str, engine: str) -> None:
    """A table with one flaw is refused with the same problems by rollup_frame (any
    engine) and rollup_sql (SQLite, DuckDB): the id, the field and the reason."""
    data = _province(seed)
    members, ratings = _flawed(data, flaw)
    tree = OrgTree.build(data.organizations, units=data.units)
    found = _problems(
        lambda: rollup_frame(
            tree, in_engine(members, engine), year=YEAR, evaluations=in_engine(ratings, engine)
        )
    )
    assert found
    for dialect in ("sqlite", "duckdb"):
        connection, drop = _database(dialect)
        try:
            _put(connection, dialect, "members", members)
            _put(connection, dialect, "evaluations", ratings)
            in_sql = _problems(lambda db=connection: rollup_sql(db, year=YEAR, tree=tree))
        finally:
            drop()
        assert in_sql == found, dialect


@pytest.mark.filterwarnings(DASK_NOTICE)
@pytest.mark.parametrize("typed", [True, False])
@pytest.mark.parametrize("engine", [*FRAME_ENGINES, "dask"])
def test_empty_tables(engine: str, typed: bool) -> None:
    """Empty members and evaluations tables, typed or of no type (as a CSV reader makes
    of an empty file), give the rollup of a tree without members."""
    data = _province(1)
    tree = OrgTree.build(data.organizations, units=data.units)
    members, ratings = members_frame([]), evaluations_frame([])
    if not typed:
        members = pl.DataFrame({name: [] for name in members.columns})
        ratings = pl.DataFrame({name: [] for name in ratings.columns})
    expected = rollup(tree, year=YEAR, evaluations=[])
    actual = rollup_frame(
        tree, in_engine(members, engine), year=YEAR, evaluations=in_engine(ratings, engine)
    )
    assert dict(actual) == dict(expected)


# -- ratings spelled otherwise: one reading on every path -----------------------------------


@pytest.mark.filterwarnings(DASK_NOTICE)
@pytest.mark.parametrize("engine", [*FRAME_ENGINES, "dask"])
def test_ratings_are_read_alike_on_every_path(engine: str) -> None:
    """Ratings written as a record reads them (any case, a label, in NFD, white space
    around) are counted at their level by rollup_frame and rollup_sql, and a rating
    that names no level is refused with the same problems by them and by
    RatingRound.from_frames: "httnv" was refused by the first two and counted by the
    third, which refused "Tốt" with an error of its own."""
    from coso_dang.rules import RatingRound

    data = _province(3)
    tree = OrgTree.build(data.organizations, units=data.units)
    expected = _expected(data, date(YEAR, 12, 31), False)
    spelled = {
        "HTXSNV": "htxsnv",
        "HTTNV": unicodedata.normalize("NFD", "Hoàn thành tốt nhiệm vụ"),
        "HTNV": " hoan thanh nhiem vu ",
        "KHTNV": "Không hoàn thành nhiệm vụ",
    }
    ratings = evaluations_frame(data.evaluations).with_columns(
        pl.col("rating").replace_strict(spelled, default=None)
    )
    members = members_frame(data.members)
    actual = rollup_frame(
        tree, in_engine(members, engine), year=YEAR, evaluations=in_engine(ratings, engine)
    )
    assert dict(actual) == dict(expected)
    stray = ratings.filter(pl.col("subject") == "member").head(2).get_column("subject_id")
    wrong = ratings.with_columns(
        pl.when(pl.col("subject_id").is_in(stray.to_list()) & (pl.col("year") == YEAR))
        .then(pl.lit("Tốt"))
        .otherwise("rating")
        .alias("rating")
    )
    found = _problems(
        lambda: rollup_frame(
            tree, in_engine(members, engine), year=YEAR, evaluations=in_engine(wrong, engine)
        )
    )
    assert [(field, value) for field, value, _ in found] == [("rating", "Tốt")] * 2
    names = pl.Series("full_name", [m.full_name for m in data.members])
    member_table = members.with_columns(names)
    assert (
        _problems(
            lambda: RatingRound.from_frames(
                tree, in_engine(member_table, engine), in_engine(wrong, engine), YEAR
            )
        )
        == found
    )
    for dialect in ("sqlite", "duckdb"):
        connection, drop = _database(dialect)
        try:
            _put(connection, dialect, "members", members)
            _put(connection, dialect, "evaluations", ratings)
            assert dict(rollup_sql(connection, year=YEAR, tree=tree)) == dict(expected)
            connection.cursor().execute('DROP TABLE "evaluations"')
            _put(connection, dialect, "evaluations", wrong)
            in_sql = _problems(lambda db=connection: rollup_sql(db, year=YEAR, tree=tree))
        finally:
            drop()
        assert in_sql == found, dialect


@pytest.mark.filterwarnings(DASK_NOTICE)
@pytest.mark.parametrize("engine", [*FRAME_ENGINES, "dask", "sqlite", "duckdb-sql"])
def test_a_members_table_with_columns_of_its_own(engine: str) -> None:
    """Columns the counts do not read are left alone, whatever their names: a members
    table keeping each member's rating of another year beside (``rating``) had it
    counted in place of the evaluations' ratings, on every engine, without a word."""
    data = _province(5)
    tree = OrgTree.build(data.organizations, units=data.units)
    expected = _expected(data, date(YEAR, 12, 31), False)
    members = members_frame(data.members).with_columns(
        pl.lit("KHTNV").alias("rating"),
        pl.lit(True).alias("_evaluated"),
        pl.lit(YEAR - 1).alias("year"),
        pl.lit("Phạm Văn Tâm").alias("full_name"),
    )
    ratings = _ratings(data, False)
    if engine in ("sqlite", "duckdb-sql"):
        dialect = "sqlite" if engine == "sqlite" else "duckdb"
        connection, drop = _database(dialect)
        try:
            _put(connection, dialect, "members", members)
            _put(connection, dialect, "evaluations", ratings)
            actual = rollup_sql(connection, year=YEAR, tree=tree)
        finally:
            drop()
    else:
        actual = rollup_frame(
            tree, in_engine(members, engine), year=YEAR, evaluations=in_engine(ratings, engine)
        )
    assert dict(actual) == dict(expected)


@pytest.mark.filterwarnings(DASK_NOTICE)
@pytest.mark.parametrize("own", ["id", "_at"])
@pytest.mark.parametrize("engine", [*FRAME_ENGINES, "dask"])
def test_an_evaluations_table_with_columns_of_its_own(engine: str, own: str) -> None:
    """An evaluations table's own columns (``id``, its rows' numbers, as a database keeps
    them; ``_at``) are left alone: with an organization's rating to read or to refuse,
    the first clashed with the subjects' ids (an engine's error about a duplicate
    column), and the second was read as the organizations' positions."""
    data = _province(6)
    tree = OrgTree.build(data.organizations, units=data.units)
    expected = _expected(data, date(YEAR, 12, 31), False)
    organization = pl.col("subject") == "organization"
    ratings = (
        evaluations_frame(data.evaluations)
        .with_row_index(own)
        .with_columns(
            pl.col(own).cast(pl.Int64) * (own == "id"),
            pl.when(organization)
            .then(pl.col("rating").str.to_lowercase())
            .otherwise(pl.col("rating"))
            .alias("rating"),
        )
    )
    members = in_engine(members_frame(data.members), engine)
    actual = rollup_frame(tree, members, year=YEAR, evaluations=in_engine(ratings, engine))
    assert dict(actual) == dict(expected)
    first = ratings.filter(organization & (pl.col("year") == YEAR)).get_column("subject_id")[0]
    wrong = ratings.with_columns(
        pl.when(pl.col("subject_id") == first)
        .then(pl.lit("Tốt"))
        .otherwise("rating")
        .alias("rating")
    )
    found = _problems(
        lambda: rollup_frame(tree, members, year=YEAR, evaluations=in_engine(wrong, engine))
    )
    assert found == [("rating", "Tốt", "phải là một trong: HTXSNV, HTTNV, HTNV, KHTNV")]


@pytest.mark.filterwarnings(DASK_NOTICE)
@pytest.mark.parametrize("engine", FRAME_ENGINES)
@pytest.mark.parametrize(
    ("column", "label"),
    [("committee_role", "Bí thư"), ("education", "Đại học"), ("political_theory", "Cao cấp")],
)
def test_a_label_where_a_code_belongs_is_refused_on_every_engine(
    engine: str, column: str, label: str
) -> None:
    """A label in a coded column the committee's counts read ("Đại học" for "dai_hoc")
    was a seat of no role or a level below the thresholds: cap_uy_vien_cao_dang_tro_len
    came out 0 for a committee of graduates, without a word. It is refused; the codes
    count as the records do."""
    import polars as pl

    from coso_dang.breakdowns import BreakdownError
    from coso_dang.members import CommitteeRole, Education, PoliticalTheory

    organizations = [Organization("cb", "Chi bộ cơ sở A", OrgKind.CHI_BO_CO_SO)]
    seated = {
        "committee_role": CommitteeRole.BI_THU,
        "education": Education.DAI_HOC,
        "political_theory": PoliticalTheory.CAO_CAP,
    }
    members = [
        Member("dv1", "Phạm Văn Tâm", "cb", admitted_on=date(2015, 3, 2), **seated),
        Member("dv2", "Lê Thị Hoa", "cb", admitted_on=date(2016, 3, 2)),
    ]
    tree = OrgTree.build(organizations)
    table = members_frame(members)
    expected = rollup(OrgTree.build(organizations, members), year=YEAR)
    assert expected.root["cap_uy_vien_cao_dang_tro_len"] == 1
    assert dict(rollup_frame(tree, in_engine(table, engine), year=YEAR)) == dict(expected)
    labelled = table.with_columns(
        pl.when(pl.col("id") == "dv1").then(pl.lit(label)).otherwise(pl.col(column)).alias(column)
    )
    with pytest.raises(BreakdownError, match=f"'{column}': 1 đảng viên"):
        rollup_frame(tree, in_engine(labelled, engine), year=YEAR)


# -- yes/no written as the clerks write it: one reading on every path ----------------------

_NFD = lambda text: unicodedata.normalize("NFD", text)  # noqa: E731
#: A yes and a no, each in the spellings the loaders read: with and without diacritics,
#: in NFD, in any case, with white space around, a tick (one drawn as an emoji), the
#: plain words, PostgreSQL's t and f.
YES_SPELLINGS = (
    "có", "Có", "CÓ", " có ", _NFD("Có"), "co", "CO", "x", "X", "1", "true", "TRUE",
    "đúng", "ĐÚNG", _NFD("đúng"), "√", "✔️", "yes", "t",
)  # fmt: skip
NO_SPELLINGS = (
    "không", "Không", "KHÔNG", _NFD("không"), "\tkhông\xa0", "khong", "0", "false",
    "FALSE", "sai", "Sai", "k", "f", "no",
)  # fmt: skip
#: The members' yes/no columns the counts and the breakdowns read.
_ALL_FLAGS = (*_FLAGS, "is_youth_union_member", "owns_private_enterprise")


def _spelled_members(data: Dataset) -> Any:
    """The members table of *data* as a CSV read as text holds it (polars, every column
    a text; a missing value empty), each yes/no written in the loaders' spellings in
    turn, each column starting at another one."""
    table = members_frame(data.members, breakdowns=True).with_columns(
        pl.Series("full_name", [m.full_name for m in data.members])
    )
    flags = {}
    for at, name in enumerate(_ALL_FLAGS):
        turns = {True: at, False: at}
        texts = []
        for value in table.get_column(name).to_list():
            if value is None:
                texts.append("")
                continue
            spellings = YES_SPELLINGS if value else NO_SPELLINGS
            texts.append(spellings[turns[value] % len(spellings)])
            turns[value] += 1
        flags[name] = texts
    table = table.with_columns(pl.all().cast(pl.String).fill_null(""))
    return table.with_columns(pl.Series(name, texts) for name, texts in flags.items())


@pytest.mark.parametrize(
    "path",
    [
        "records",
        "load_frames",
        "polars",
        "polars-lazy",
        "pyarrow",
        "duckdb",
        "pandas",
        "sqlite",
        "duckdb-sql",
    ],
)
def test_yes_no_as_the_clerks_write_it_is_read_alike_on_every_path(
    path: str, tmp_path: Any
) -> None:
    """A members table whose yes/no cells are written as the clerks write them ("Có",
    "KHÔNG", "x", a tick, "đúng", in NFD, white space around) gives the records' rollup,
    breakdowns included, on every path: the loaders read them all, rollup_frame and
    rollup_sql only "true", "1", "false" and "0", the rest unknown, so that the working
    members, those keeping contact where they live, the youth union members and the
    owners of private enterprises were unknown on those paths."""
    from coso_dang.io import dump, load, load_frames

    data = _province(7)
    tree = OrgTree.build(data.organizations, units=data.units)
    truth = rollup(data.tree(), year=YEAR, evaluations=data.evaluations, breakdowns=True)
    table = _spelled_members(data)
    # Every spelling is in the table, in a column the counts read and in one of the
    # breakdowns': the class, not one example.
    for name in ("is_working", "is_youth_union_member"):
        assert set(YES_SPELLINGS) | set(NO_SPELLINGS) <= set(table.get_column(name))
    dump(data, tmp_path, headers="fields")
    table.write_csv(tmp_path / "members.csv")
    ratings = evaluations_frame(data.evaluations)
    if path == "records":
        loaded = load(tmp_path)
        assert loaded.ok, loaded.problems
        found = loaded.dataset
        actual = rollup(found.tree(), year=YEAR, evaluations=found.evaluations, breakdowns=True)
    elif path == "load_frames":
        frames = load_frames(tmp_path)
        assert frames.ok, frames.problems
        actual = rollup_frame(
            frames.tree(), frames.members, year=YEAR, evaluations=ratings, breakdowns=True
        )
    elif path in ("sqlite", "duckdb-sql"):
        dialect = "sqlite" if path == "sqlite" else "duckdb"
        connection, drop = _database(dialect)
        try:
            # As a CSV is imported: every cell a text, an empty one "".
            _put(connection, dialect, "members", table.drop("full_name"))
            _put(connection, dialect, "evaluations", ratings)
            actual = rollup_sql(connection, year=YEAR, tree=tree)
        finally:
            drop()
        # rollup_sql counts no breakdowns: compared with the records' counts.
        truth = rollup(data.tree(), year=YEAR, evaluations=data.evaluations)
    else:
        read = pl.read_csv(tmp_path / "members.csv", infer_schema=False)
        actual = rollup_frame(
            tree,
            in_engine(read, path),
            year=YEAR,
            evaluations=in_engine(ratings, path),
            breakdowns=True,
        )
    assert dict(actual) == dict(truth)
