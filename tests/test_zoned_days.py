"""Every table path reads a date given as a moment with a time zone as the same day: a
moment without a zone, or in Vietnam's own zone (``Asia/Ho_Chi_Minh``, whose history is
UTC+8 in 1942-1945, 1947-1955 and 1959-1975), by its wall clock; one in another zone by
its day at UTC+7 (see :func:`coso_dang.vi.dates.vietnam_day`)."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from tests.engines import in_engine

from coso_dang import Member, Organization, OrgKind, OrgTree
from coso_dang.breakdowns import breakdown_frame
from coso_dang.frame import members_frame, rollup_frame

pl = pytest.importorskip("polars")

#: Midnights of days before, inside and after the years Vietnam's zone was UTC+8, and
#: either side of its change back to UTC+7 (13/6/1975).
DAYS = (
    date(1946, 3, 6),
    date(1950, 1, 1),
    date(1965, 5, 1),
    date(1975, 6, 12),
    date(1975, 6, 13),
    date(2000, 1, 1),
    date(2024, 6, 1),
)
ZONES = (None, "UTC", "Etc/GMT-7", "Asia/Ho_Chi_Minh", "Asia/Bangkok", "America/New_York")
#: Vietnam's own zone, by its names; read by the wall clock.
OWN = ("Asia/Ho_Chi_Minh", "Asia/Saigon")
DASK_NOTICE = "ignore:Dask support is moving:FutureWarning"
TREE = OrgTree.build([Organization("cb", "Chi bộ A", OrgKind.CHI_BO_CO_SO)])


def _rule(day: date, zone: str | None) -> date:
    """The day the rule reads for midnight of *day* in *zone*, worked out apart from the
    library: the wall clock's day without a zone or in Vietnam's own, else the day at
    UTC+7."""
    if zone is None or zone in OWN:
        return day
    return _at_utc7(day, zone)


def _at_utc7(day: date, zone: str) -> date:
    """The day at UTC+7 of midnight of *day* in *zone*."""
    moment = datetime(day.year, day.month, day.day, tzinfo=ZoneInfo(zone))
    return moment.astimezone(timezone(timedelta(hours=7))).date()


def _members(zone: str | None) -> Any:
    """A members table, one member admitted at midnight of each of :data:`DAYS` in
    *zone* (a column without a zone for ``None``)."""
    moments = pl.Series(DAYS).cast(pl.Datetime("us"))
    if zone is not None:
        moments = moments.dt.replace_time_zone(zone)
    members = [Member(f"dv{n}", "Nguyễn Văn An", "cb", admitted_on=d) for n, d in enumerate(DAYS)]
    return members_frame(members).with_columns(moments.alias("admitted_on"))


def _counted(table: Any, on: date) -> int:
    found = rollup_frame(TREE, table, year=on.year, as_of=on).root["dang_vien"]
    assert isinstance(found, int)
    return found


def _duckdb(table: Any, session: str) -> Any:
    duckdb = pytest.importorskip("duckdb")
    connection = duckdb.connect()
    connection.execute(f"SET TimeZone = '{session}'")
    return connection.from_arrow(table.to_arrow())


#: Dask plans each rollup slowly: its tables in the zones whose days differ at UTC+7
#: from their wall clock (Vietnam's own) or from UTC (New York); the checks' member
#: tables read every zone on it.
ROLLUP_CASES = [
    (engine, zone)
    for engine in ("polars", "polars-lazy", "pyarrow", "pandas", "pandas-arrow", "dask", "duckdb")
    for zone in ZONES
    if engine != "dask" or zone in ("Asia/Ho_Chi_Minh", "America/New_York")
]


@pytest.mark.filterwarnings(DASK_NOTICE)
@pytest.mark.parametrize(("engine", "zone"), ROLLUP_CASES)
def test_rollup_frame_reads_the_rules_days(engine: str, zone: str | None) -> None:
    """On the day before each member's day, and on the last, the members counted are those
    whose day (by the rule) has come. A DuckDB relation holds a moment without its zone
    (``TIMESTAMPTZ``, an instant): its day is at UTC+7, whatever the session's zone. A
    Dask column in Vietnam's own zone was moved to UTC+7 (its zone looked for where
    Dask has only a lazy value): the members of 1950, 1965 and 12/6/1975 a day early."""
    table = _members(zone)
    if engine == "duckdb":
        # The instant at UTC+7, in Vietnam's zone too: its midnight at UTC+8 the day before.
        days = [day if zone is None else _at_utc7(day, zone) for day in DAYS]
        natives = [_duckdb(table, session) for session in ("UTC", "Asia/Ho_Chi_Minh")]
    else:
        days = [_rule(day, zone) for day in DAYS]
        natives = [in_engine(table, engine)]
    for native in natives:
        # The day before each, and the last: a day read early or late changes a count.
        for on in [day - timedelta(days=1) for day in DAYS] + [DAYS[-1]]:
            assert _counted(native, on) == sum(d <= on for d in days), (zone, on)


@pytest.mark.parametrize("session", ["UTC", "Asia/Ho_Chi_Minh", "Asia/Saigon", "America/New_York"])
def test_breakdown_frame_on_duckdb_whatever_the_sessions_zone(session: str) -> None:
    """A DuckDB relation's moments were collected in its session's zone and cut there:
    in a session in Vietnam's own zone (UTC+8 in 1965) 16:30 UTC on 30/4/1965 was read
    by that wall clock, 1/5, and in any other session as its day at UTC+7, 30/4. Its day
    at UTC+7 now, as rollup_frame reads it, whatever the session."""
    moments = [datetime(1965, 4, 30, 16, 30, tzinfo=timezone.utc)] * 2 + [
        datetime(1965, 4, 30, 17, 30, tzinfo=timezone.utc)
    ]
    table = pl.DataFrame(
        {
            "id": ["dv1", "dv2", "dv3"],
            "org_id": ["cb"] * 3,
            "admitted_on": moments,
            "left_on": pl.Series([None] * 3, dtype=pl.Date),
            "gender": ["nam", "nu", "nam"],
        }
    )
    found = breakdown_frame(
        _duckdb(table, session),
        "gioi_tinh",
        on=date(1965, 4, 30),
        start=date(1965, 1, 1),
        population="ket_nap",
    )
    expected = breakdown_frame(
        table, "gioi_tinh", on=date(1965, 4, 30), start=date(1965, 1, 1), population="ket_nap"
    )
    assert found.total == expected.total == 2
    assert found == expected


@pytest.mark.filterwarnings(DASK_NOTICE)
@pytest.mark.parametrize(
    "engine", ["polars", "pyarrow", "pandas", "pandas-arrow", "dask", "duckdb"]
)
@pytest.mark.parametrize("zone", ZONES)
def test_member_tables_of_the_rules_read_the_rules_days(engine: str, zone: str | None) -> None:
    """The checks' member tables (``Structure.from_frames``, as ``RatingRound.from_frames``
    reads its members) hold each member's day by the rule."""
    from coso_dang.rules import Structure

    table = _members(zone).with_columns(pl.lit("Nguyễn Văn An").alias("full_name"))
    if engine == "duckdb":
        native = _duckdb(table, "Asia/Ho_Chi_Minh")
        days = [day if zone is None else _at_utc7(day, zone) for day in DAYS]
    else:
        native = in_engine(table, engine)
        days = [_rule(day, zone) for day in DAYS]
    found = Structure.from_frames(TREE, native, date(2024, 12, 31)).members("cb")
    assert [m.admitted_on for m in sorted(found, key=lambda m: int(m.id[2:]))] == days


@pytest.mark.parametrize("zone", ZONES)
def test_loaders_read_the_rules_days(tmp_path: Path, zone: str | None) -> None:
    """A Parquet file of the midnights, and a CSV file of the same moments written as
    text (the zone's offset then, ``+08:00`` for Vietnam's in 1965: a fixed offset, read
    at UTC+7), load as the rule's days, the records and the frames alike."""
    from coso_dang.io import load
    from coso_dang.io.columnar import load_frames

    moments = _members(zone).get_column("admitted_on")
    texts = [
        datetime(d.year, d.month, d.day, tzinfo=None if zone is None else ZoneInfo(zone))
        for d in DAYS
    ]
    cases = {
        "parquet": [_rule(day, zone) for day in DAYS],
        "csv": [vietnam_time(t) for t in texts],
    }
    for kind, days in cases.items():
        folder = tmp_path / kind
        folder.mkdir()
        rows = pl.DataFrame(
            {
                "Mã": [f"dv{n}" for n in range(len(DAYS))],
                "Họ và tên": ["Nguyễn Văn An"] * len(DAYS),
                "Chi bộ": ["cb1"] * len(DAYS),
                "Ngày vào Đảng": moments if kind == "parquet" else [t.isoformat() for t in texts],
            }
        )
        if kind == "parquet":
            rows.write_parquet(folder / "dang_vien.parquet")
        else:
            rows.write_csv(folder / "dang_vien.csv")
        records = load(folder, progress=False)
        frames = load_frames(folder, progress=False)
        assert records.problems == frames.problems == (), kind
        assert [m.admitted_on for m in records.dataset.members] == days, kind
        assert frames.members.get_column("admitted_on").to_list() == days, kind


def vietnam_time(moment: datetime) -> date:
    """The day of a moment written as text with its offset: at UTC+7 (the offset is no
    zone's name), its own day without one."""
    if moment.tzinfo is None:
        return moment.date()
    return moment.astimezone(timezone(timedelta(hours=7))).date()


@pytest.mark.parametrize("session", ["UTC", "Asia/Ho_Chi_Minh", "America/New_York"])
@pytest.mark.parametrize("zone", ZONES)
def test_rollup_sql_on_duckdb_reads_the_rules_days(session: str, zone: str | None) -> None:
    """A DuckDB table of the moments (``TIMESTAMPTZ``: an instant, no zone's name; a
    ``TIMESTAMP`` without one) counts the members whose day has come at UTC+7, whatever
    the session's zone."""
    duckdb = pytest.importorskip("duckdb")
    from coso_dang.sql import rollup_sql

    connection = duckdb.connect()
    connection.execute(f"SET TimeZone = '{session}'")
    connection.register("given", _members(zone).to_arrow())
    connection.execute("CREATE TABLE members AS SELECT * FROM given")
    days = [day if zone is None else _at_utc7(day, zone) for day in DAYS]
    for on in [day - timedelta(days=1) for day in DAYS] + [DAYS[-1]]:
        found = rollup_sql(connection, year=on.year, as_of=on, tree=TREE).root["dang_vien"]
        assert found == sum(d <= on for d in days), (zone, on)
    connection.close()


def test_pandas_python_datetimes_in_several_zones() -> None:
    """A pandas column of Python datetimes in several zones (and none), which pandas
    keeps as objects: each read as the rule reads it, on rollup_frame, the checks' member
    tables and breakdown_frame (before: pandas' English "cannot supply both a tz and a
    timezone-naive dtype", on every path)."""
    pd = pytest.importorskip("pandas")
    from coso_dang.rules import Structure

    zones = [ZONES[n % len(ZONES)] for n in range(len(DAYS))]
    moments = [
        datetime(d.year, d.month, d.day, tzinfo=None if z is None else ZoneInfo(z))
        for d, z in zip(DAYS, zones, strict=True)
    ]
    days = [_rule(d, z) for d, z in zip(DAYS, zones, strict=True)]
    members = [Member(f"dv{n}", "Nguyễn Văn An", "cb", admitted_on=d) for n, d in enumerate(DAYS)]
    table = members_frame(members, breakdowns=True, backend="pandas")
    table["admitted_on"] = pd.Series(moments, dtype=object)
    # A year on, for every other member: a gap is no day.
    later = [m + timedelta(days=366) if n % 2 else None for n, m in enumerate(moments)]
    table["official_on"] = pd.Series(later, dtype=object)
    table["full_name"] = "Nguyễn Văn An"
    assert table["admitted_on"].dtype == object
    found = Structure.from_frames(TREE, table, date(2025, 12, 31)).members("cb")
    found = sorted(found, key=lambda m: int(m.id[2:]))
    assert [m.admitted_on for m in found] == days
    assert [m.official_on for m in found] == [
        None if m is None else _rule(m.date(), z) for m, z in zip(later, zones, strict=True)
    ]
    for on in [day - timedelta(days=1) for day in DAYS] + [DAYS[-1]]:
        assert _counted(table, on) == sum(d <= on for d in days), on
        counted = breakdown_frame(table, "gioi_tinh", on=on, start=date(1900, 1, 1))
        assert counted.total == sum(d <= on for d in days), on


@pytest.mark.parametrize("session", ["UTC", "Asia/Ho_Chi_Minh", "Asia/Saigon", "America/New_York"])
def test_read_tree_reads_an_organizations_moment_whatever_the_sessions_zone(
    session: str,
) -> None:
    """An organization's dates held as ``TIMESTAMPTZ`` in DuckDB are read as rollup_sql
    reads the members': their day at UTC+7, whatever the session's zone (in Vietnam's
    own, UTC+8 in 1965, the driver gives 16:30 UTC on 30/4/1965 as 00:30 on 1/5)."""
    duckdb = pytest.importorskip("duckdb")
    from coso_dang.sql import read_tree

    connection = duckdb.connect()
    connection.execute(f"SET TimeZone = '{session}'")
    connection.execute(
        "CREATE TABLE organizations (id TEXT, name TEXT, kind TEXT, parent_id TEXT, "
        "founded_on TIMESTAMPTZ, dissolved_on TIMESTAMPTZ)"
    )
    connection.execute(
        "INSERT INTO organizations VALUES ('cb', 'Chi bộ A', 'chi_bo_co_so', NULL, "
        "TIMESTAMPTZ '1965-04-30 16:30:00+00', TIMESTAMPTZ '2024-05-31 17:00:00+00')"
    )
    found = read_tree(connection)["cb"]
    connection.close()
    assert (found.founded_on, found.dissolved_on) == (date(1965, 4, 30), date(2024, 6, 1))
