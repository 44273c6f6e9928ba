"""The SQL path: the object path's rollup from tables in SQLite, DuckDB and PostgreSQL."""

from __future__ import annotations

import importlib.util
import os
import sqlite3
import unicodedata
import uuid
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coso_dang import (
    Evaluation,
    Indicator,
    Member,
    Organization,
    OrgKind,
    OrgTree,
    Rating,
    ResidentialUnit,
    SubjectKind,
)
from coso_dang.errors import MissingExtraError, RecordError, TreeError, UsageError
from coso_dang.rollup import register_member_count, rollup, unregister_member_count
from coso_dang.sql import (
    TABLES,
    Database,
    MissingSqlError,
    connect,
    counting_query,
    read_tree,
    rollup_sql,
    write_tables,
)
from coso_dang.testing import Dataset, generate_province

pytest.importorskip("narwhals")
pytest.importorskip("polars")

#: The PostgreSQL server the tests use: a libpq connection string or URL.
DSN_VARIABLE = "COSO_DANG_POSTGRES_DSN"
FEW = settings(
    max_examples=5,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
ENGINES = ("sqlite", "duckdb", "postgres")


def _postgres() -> Any:
    dsn = os.environ.get(DSN_VARIABLE)
    if not dsn:
        pytest.skip(f"PostgreSQL: {DSN_VARIABLE} is not set (.ci/run starts a server and sets it)")
    psycopg = pytest.importorskip("psycopg")
    return psycopg.connect(dsn)


class _Engine:
    """Fresh, empty databases of one engine, each closed (and dropped) afterwards."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._cleanups: list[Callable[[], None]] = []

    def fresh(self) -> Any:
        if self.name == "sqlite":
            connection: Any = sqlite3.connect(":memory:")
        elif self.name == "duckdb":
            duckdb = pytest.importorskip("duckdb")
            connection = duckdb.connect()
        else:
            connection = _postgres()
            schema = f"t_{uuid.uuid4().hex}"
            connection.execute(f"CREATE SCHEMA {schema}")
            connection.execute(f"SET search_path TO {schema}")
            connection.commit()

            def drop(connection: Any = connection, schema: str = schema) -> None:
                connection.rollback()
                connection.execute(f"DROP SCHEMA {schema} CASCADE")
                connection.commit()

            self._cleanups.append(drop)
        self._cleanups.append(connection.close)
        return connection

    def close(self) -> None:
        for cleanup in self._cleanups:
            cleanup()
        self._cleanups.clear()


@pytest.fixture(params=ENGINES)
def engine(request: pytest.FixtureRequest) -> Iterator[_Engine]:
    """Each engine in turn; PostgreSQL skips, saying why, without a server."""
    made = _Engine(request.param)
    if request.param == "postgres":
        made.fresh()  # skips here when there is no server
    yield made
    made.close()


def _province(seed: int, blanks: float) -> Dataset:
    """A small generated province with some fields left blank (unknown counts)."""
    data = generate_province(seed=seed, scale=0.002, year=2024)
    fields = ("is_working", "keeps_residence_contact", "education", "political_theory")
    members = []
    for i, member in enumerate(data.members):
        if blanks and (i * 7919 + seed) % int(1 / blanks) == 0:
            changes: dict[str, Any] = {fields[(i + seed) % len(fields)]: None}
            member = attrs.evolve(member, **changes)
        members.append(member)
    # Units that do not say whether they have members: derived from where members live.
    units = tuple(
        attrs.evolve(unit, has_member=None) if (i + seed) % 3 == 0 else unit
        for i, unit in enumerate(data.units)
    )
    return attrs.evolve(data, members=tuple(members), units=units)


class TestAgreement:
    @FEW
    @given(
        seed=st.integers(0, 2**32 - 1),
        blanks=st.sampled_from([0.0, 0.05]),
        rated=st.booleans(),
        day=st.integers(0, 365),
    )
    def test_equals_the_object_path(
        self, engine: _Engine, seed: int, blanks: float, rated: bool, day: int
    ) -> None:
        """On generated provinces, the SQL rollup equals the object path's, unknowns too."""
        data = _province(seed, blanks)
        as_of = date(2024, 1, 1) + timedelta(days=day)
        evaluations = data.evaluations if rated else None
        expected = rollup(data.tree(), year=2024, evaluations=evaluations, as_of=as_of)
        connection = engine.fresh()
        write_tables(connection, data)
        tables = None if rated else {"evaluations": None}
        actual = rollup_sql(connection, year=2024, as_of=as_of, tables=tables)
        assert dict(expected) == dict(actual)
        assert list(expected) == list(actual)
        assert expected.as_of == actual.as_of

    @FEW
    @given(
        seed=st.integers(0, 2**32 - 1),
        blank_as_text=st.booleans(),
        quarterly=st.booleans(),
        day=st.sampled_from([0, 59, 180, 365]),
    )
    def test_edge_days_and_blank_cells_equal_the_object_path(
        self, engine: _Engine, seed: int, blank_as_text: bool, quarterly: bool, day: int
    ) -> None:
        """Members admitted or gone on the edges of the period and of the calendar (1/1,
        31/12, 29/2, the year before's last day, before 1970, far ahead), codes missing
        as blank text as a CSV imported into SQLite keeps them, and quarterly reviews
        beside the yearly ones: the object path's rollup."""
        from coso_dang.evaluation import ReviewPeriod

        data = _province(seed % 1000, 0.05)
        edges = (
            date(2024, 1, 1),
            date(2024, 12, 31),
            date(2024, 2, 29),
            date(2023, 12, 31),
            date(1950, 1, 1),
        )
        members = []
        for i, member in enumerate(data.members):
            edge = edges[(i + seed) % len(edges)]
            if i % 5 == 0:
                member = attrs.evolve(
                    member,
                    admitted_on=edge,
                    ceremony_on=None,
                    official_on=None,
                    left_on=None,
                    exempted_on=None,
                    inactive_periods=(),
                    birth_date=None,
                )
            elif i % 5 == 1 and member.left_on is None and edge >= member.admitted_on:
                member = attrs.evolve(member, left_on=edge if i % 2 else date(2300, 1, 1))
            members.append(member)
        reviews = tuple(
            Evaluation(
                e.subject_id, 2024, Rating.HTXSNV, subject=e.subject, period=ReviewPeriod.QUY,
                quarter=1 + i % 4,
            )
            for i, e in enumerate(data.evaluations)
            if quarterly and i % 3 == 0
        )  # fmt: skip
        data = attrs.evolve(data, members=tuple(members), evaluations=(*data.evaluations, *reviews))
        as_of = date(2024, 1, 1) + timedelta(days=day)
        expected = rollup(data.tree(), year=2024, evaluations=data.evaluations, as_of=as_of)
        connection = engine.fresh()
        write_tables(connection, data)
        if blank_as_text:
            cursor = connection.cursor()
            for column in ("committee_role", "education", "political_theory"):
                cursor.execute(f"UPDATE members SET {column} = '' WHERE {column} IS NULL")
            connection.commit()
        assert dict(expected) == dict(rollup_sql(connection, year=2024, as_of=as_of))

    @FEW
    @given(data=st.data())
    def test_small_hostile_datasets_equal_every_path(
        self, engine: _Engine, data: st.DataObject
    ) -> None:
        """Small datasets written to hurt, drawn by hand: a tree of one chi bộ cơ sở or a
        đảng bộ of a few chi bộ (some with no member), members admitted or gone on the
        edges of the year (1/1, 31/12, the year before's last day, the next year's first),
        unknown flags and levels, evaluations of members who left and of organizations,
        unrated ones, a reporting day inside the year: the SQL rollup and the DataFrame
        rollup (polars, lazily) equal the object path's, unknowns too."""
        from coso_dang import CommitteeRole, Education, PoliticalTheory, Sector
        from coso_dang.frame import evaluations_frame, members_frame, rollup_frame

        edges = [date(2023, 12, 31), date(2024, 1, 1), date(2024, 6, 15), date(2024, 12, 31)]
        if data.draw(st.booleans(), label="one chi bộ"):
            organizations = [Organization("cb", "Chi bộ cơ sở A", OrgKind.CHI_BO_CO_SO)]
        else:
            organizations = [
                Organization("db", "Đảng bộ xã A", OrgKind.DANG_BO_CO_SO, sector=Sector.XA_PHUONG)
            ]
            organizations += [
                Organization(f"c{i}", f"Chi bộ {i}", OrgKind.CHI_BO_TRUC_THUOC, parent_id="db")
                for i in range(data.draw(st.integers(1, 3), label="chi bộ"))
            ]
        chi_bo = [o.id for o in organizations if o.kind.is_chi_bo]
        members = []
        for i in range(data.draw(st.integers(0, 6), label="members")):
            admitted = data.draw(st.sampled_from([date(2015, 3, 2), *edges]))
            later = [day for day in [*edges, date(2025, 1, 1)] if day >= admitted]
            members.append(
                Member(
                    f"dv{i}",
                    "Phạm Văn Tâm",
                    data.draw(st.sampled_from(chi_bo)),
                    admitted_on=admitted,
                    left_on=data.draw(st.sampled_from([None, *later])),
                    is_working=data.draw(st.sampled_from([None, True, False])),
                    keeps_residence_contact=data.draw(st.sampled_from([None, True, False])),
                    committee_role=data.draw(st.sampled_from([None, CommitteeRole.BI_THU])),
                    education=data.draw(st.sampled_from([None, *Education])),
                    political_theory=data.draw(st.sampled_from([None, *PoliticalTheory])),
                )
            )
        ratings = st.sampled_from([None, *Rating])
        evaluations = tuple(
            [
                Evaluation(m.id, 2024, data.draw(ratings))
                for m in members
                if data.draw(st.booleans())
            ]
            + [
                Evaluation(o.id, 2024, data.draw(ratings), subject=SubjectKind.ORGANIZATION)
                for o in organizations
                if data.draw(st.booleans())
            ]
        )
        as_of = data.draw(st.sampled_from([None, date(2024, 1, 1), date(2024, 6, 15)]))
        dataset = Dataset(
            organizations=tuple(organizations), members=tuple(members), evaluations=evaluations
        )
        expected = rollup(dataset.tree(), year=2024, as_of=as_of, evaluations=evaluations)
        connection = engine.fresh()
        write_tables(connection, dataset)
        assert dict(expected) == dict(rollup_sql(connection, year=2024, as_of=as_of))
        frame = rollup_frame(
            read_tree(connection),
            members_frame(members).lazy(),
            year=2024,
            as_of=as_of,
            evaluations=evaluations_frame(evaluations).lazy(),
        )
        assert dict(expected) == dict(frame)

    def test_a_tree_given_is_used(self, engine: _Engine) -> None:
        data = _province(3, 0.0)
        connection = engine.fresh()
        write_tables(connection, data)
        tree = read_tree(connection)
        expected = rollup(data.tree(), year=2024, evaluations=data.evaluations)
        assert dict(expected) == dict(rollup_sql(connection, year=2024, tree=tree))


def _tiny(
    connection: Any, members: list[Member], evaluations: tuple[Evaluation, ...] = ()
) -> Dataset:
    organizations = (
        Organization("db", "Đảng bộ xã A", OrgKind.DANG_BO_CO_SO),
        Organization("cb", "Chi bộ thôn 1", OrgKind.CHI_BO_TRUC_THUOC, parent_id="db"),
    )
    data = Dataset(organizations=organizations, members=tuple(members), evaluations=evaluations)
    write_tables(connection, data)
    return data


def _member(i: int, org: str = "cb", **changes: Any) -> Member:
    return Member(f"dv{i}", "Phạm Văn Tâm", org, admitted_on=date(2015, 3, 2), **changes)


class TestErrors:
    def test_no_members(self, engine: _Engine) -> None:
        connection = engine.fresh()
        data = _tiny(connection, [])
        assert dict(rollup_sql(connection, year=2024)) == dict(
            rollup(data.tree(), year=2024, evaluations=())
        )

    @pytest.mark.parametrize(
        ("kind", "years", "wrong"),
        [
            ("text", ("2024.0", "2023"), ("dv0", "2024.0")),
            ("text", ("2024", "năm 2024"), ("dv1", "năm 2024")),
            ("real", (2024.5, 2023.0), ("dv0", "2024.5")),
            ("text", (" 2024 ", ""), None),  # spaces around, and a blank: no year
            ("real", (2024.0, None), None),
        ],
    )
    def test_years_that_are_no_whole_number_are_refused(
        self, engine: _Engine, kind: str, years: tuple[Any, Any], wrong: tuple[str, str] | None
    ) -> None:
        """A year that is no whole number was cast as each engine casts: SQLite read
        '2024.5' and 'năm 2024' as 2024 and 0, DuckDB 2024.5 as 2025 (a rating counted
        in the wrong year), PostgreSQL refused '2024.0' without naming the row, and a
        blank text was refused by DuckDB and PostgreSQL. Refused now naming the
        evaluation, as the DataFrame path and the loaders refuse it; a blank is no year."""
        connection = engine.fresh()
        evaluations = (Evaluation("dv0", 2024, Rating.HTTNV), Evaluation("dv1", 2023, Rating.HTNV))
        data = _tiny(connection, [_member(0), _member(1)], evaluations)
        number = {"sqlite": "REAL", "duckdb": "DOUBLE", "postgres": "DOUBLE PRECISION"}
        connection.execute("ALTER TABLE evaluations DROP COLUMN year")
        column = number[engine.name] if kind == "real" else "VARCHAR"
        connection.execute(f"ALTER TABLE evaluations ADD COLUMN year {column}")
        mark = "%s" if engine.name == "postgres" else "?"
        for subject, year in zip(("dv0", "dv1"), years, strict=True):
            connection.execute(
                f"UPDATE evaluations SET year = {mark} WHERE subject_id = {mark}", (year, subject)
            )
        connection.commit()
        if wrong is None:
            expected = rollup(data.tree(), year=2024, evaluations=evaluations[:1])
            assert dict(rollup_sql(connection, year=2024)) == dict(expected)
            return
        with pytest.raises(TreeError) as raised:
            rollup_sql(connection, year=2024)
        assert [(p.where, p.field, p.value) for p in raised.value.problems] == [
            (f"Đánh giá {wrong[0]!r}", "year", "")  # the value not quoted
        ]
        assert wrong[1] not in str(raised.value)

    def test_only_the_years_yearly_reviews_count(self, engine: _Engine) -> None:
        from coso_dang.evaluation import ReviewPeriod

        evaluations = (
            Evaluation("dv1", 2024, Rating.HTTNV),
            Evaluation("dv1", 2024, Rating.HTXSNV, period=ReviewPeriod.QUY, quarter=2),
            Evaluation("dv1", 2023, Rating.HTXSNV),
            Evaluation("cb", 2024, Rating.HTXSNV, subject=SubjectKind.ORGANIZATION),
        )
        connection = engine.fresh()
        data = _tiny(connection, [_member(1)], evaluations)
        actual = rollup_sql(connection, year=2024)
        assert (actual.root["dang_vien_httnv"], actual.root["dang_vien_htxsnv"]) == (1, 0)
        assert actual.root["chi_bo_truc_thuoc_htxsnv"] == 1
        expected = rollup(data.tree(), year=2024, evaluations=evaluations)
        assert dict(expected) == dict(actual)

    def test_duplicate_member_ids(self, engine: _Engine) -> None:
        connection = engine.fresh()
        _tiny(connection, [_member(1), _member(1), _member(2)])
        with pytest.raises(TreeError, match=r"dv1.*mã bị trùng"):
            rollup_sql(connection, year=2024)

    def test_duplicate_ids_are_listed_with_rows_of_no_chi_bo(self, engine: _Engine) -> None:
        """A duplicate id and rows of organizations not in the tree or not chi bộ are
        listed together, as the object and DataFrame paths list them (the duplicate
        was said alone, the others one run later)."""
        from coso_dang.frame import members_frame, rollup_frame

        members = [_member(1), _member(1), _member(2, "nowhere"), _member(3, "db")]
        connection = engine.fresh()
        data = _tiny(connection, members)
        with pytest.raises(TreeError) as caught:
            rollup_sql(connection, year=2024)
        with pytest.raises(TreeError) as framed:
            rollup_frame(OrgTree.build(data.organizations), members_frame(members), year=2024)
        found = sorted((p.where, p.field, p.value, p.reason) for p in caught.value.problems)
        assert found == sorted((p.where, p.field, p.value, p.reason) for p in framed.value.problems)
        assert sorted((field, value) for _, field, value, _ in found) == [
            ("id", "dv1"),
            ("org_id", "db"),
            ("org_id", "nowhere"),
        ]

    def test_a_member_without_an_id(self, engine: _Engine) -> None:
        """A member row without an id is refused saying so (a record cannot have none):
        COUNT(DISTINCT id) leaves it out, and the error raised listed no problem."""
        connection = engine.fresh()
        _tiny(connection, [_member(1), _member(2), _member(3)])
        connection.cursor().execute("UPDATE members SET id = NULL WHERE id <> 'dv1'")
        with pytest.raises(TreeError) as caught:
            rollup_sql(connection, year=2024)
        assert [(p.field, p.reason) for p in caught.value.problems] == [
            ("id", "bắt buộc, không được để trống")
        ]
        connection.cursor().execute("DELETE FROM members WHERE id IS NULL AND org_id = 'cb'")
        connection.cursor().execute(
            "INSERT INTO members (id, org_id, admitted_on) VALUES (NULL, 'cb', '2015-03-02')"
        )
        with pytest.raises(TreeError, match="bắt buộc, không được để trống"):
            rollup_sql(connection, year=2024)

    def test_a_member_without_an_organization(self, engine: _Engine) -> None:
        """A member row without an org_id is refused as a required value left blank, as
        the DataFrame path refuses it, not as an organization named «None»."""
        connection = engine.fresh()
        _tiny(connection, [_member(1), _member(2)])
        connection.cursor().execute("UPDATE members SET org_id = NULL WHERE id = 'dv2'")
        with pytest.raises(TreeError) as caught:
            rollup_sql(connection, year=2024)
        assert [(p.field, p.value, p.reason) for p in caught.value.problems] == [
            ("org_id", "", "bắt buộc, không được để trống")
        ]

    @pytest.mark.parametrize("subject", ["member", "organization"])
    def test_an_evaluation_without_a_subject_id(self, engine: _Engine, subject: str) -> None:
        """An evaluation row without a subject_id is refused as a required value left
        blank, as the DataFrame path refuses it, not as a subject named «None»."""
        evaluations = (
            Evaluation("dv1", 2024, Rating.HTTNV),
            Evaluation("cb", 2024, Rating.HTNV, subject=SubjectKind.ORGANIZATION),
        )
        connection = engine.fresh()
        _tiny(connection, [_member(1)], evaluations)
        cursor = connection.cursor()
        cursor.execute(f"UPDATE evaluations SET subject_id = NULL WHERE subject = '{subject}'")
        connection.commit()
        with pytest.raises(TreeError) as caught:
            rollup_sql(connection, year=2024)
        assert [(p.field, p.value, p.reason) for p in caught.value.problems] == [
            ("subject_id", "", "bắt buộc, không được để trống")
        ]

    def test_an_evaluation_given_twice_names_its_year(self, engine: _Engine) -> None:
        """A member or organization evaluated twice in the year is listed with that year,
        as the records list it ("year = '2024'"); the SQL path gave no value."""
        for twice in (
            (Evaluation("dv1", 2024, Rating.HTTNV), Evaluation("dv1", 2024, Rating.HTNV)),
            (Evaluation("cb", 2024, Rating.HTTNV, subject=SubjectKind.ORGANIZATION),) * 2,
        ):
            connection = engine.fresh()
            data = _tiny(connection, [_member(1)], twice)
            with pytest.raises(TreeError) as expected:
                rollup(data.tree(), year=2024, evaluations=twice)
            with pytest.raises(TreeError) as caught:
                rollup_sql(connection, year=2024)
            assert caught.value.problems == expected.value.problems

    def test_blank_texts_are_no_value(self, engine: _Engine) -> None:
        """A blank code, unit or (in SQLite) date ("" or spaces, as a CSV imported into
        SQLite keeps an empty cell) is no value, as the loaders read one: "" was a
        committee seat, a committee member's blank education a known one below college,
        and a blank date refused as no date written YYYY-MM-DD."""
        from coso_dang import CommitteeRole

        members = [_member(1, committee_role=CommitteeRole.BI_THU), _member(2)]
        connection = engine.fresh()
        data = _tiny(connection, members)
        cursor = connection.cursor()
        cursor.execute(
            "UPDATE members SET education = '', political_theory = ' ', residence_unit_id = ''"
        )
        cursor.execute("UPDATE members SET committee_role = '' WHERE id = 'dv2'")
        if engine.name == "sqlite":
            cursor.execute("UPDATE members SET ceremony_on = '', official_on = ' ', left_on = ''")
        expected = rollup(data.tree(), year=2024, evaluations=())
        assert expected.root["cap_uy_vien"] == 1
        assert dict(expected) == dict(rollup_sql(connection, year=2024))

    def test_members_of_no_chi_bo(self, engine: _Engine) -> None:
        connection = engine.fresh()
        _tiny(connection, [_member(1), _member(2, org="db"), _member(3, org="x")])
        with pytest.raises(TreeError) as caught:
            rollup_sql(connection, year=2024)
        assert {p.value for p in caught.value.problems} == {"db", "x"}

    def test_evaluations_twice_or_of_nobody(self, engine: _Engine) -> None:
        twice = (Evaluation("dv1", 2024, Rating.HTTNV), Evaluation("dv1", 2024, Rating.HTNV))
        connection = engine.fresh()
        _tiny(connection, [_member(1)], twice)
        with pytest.raises(TreeError, match="được đánh giá hai lần"):
            rollup_sql(connection, year=2024)
        stray = (Evaluation("dv9", 2024, Rating.HTTNV), Evaluation("dv1", 2023, Rating.HTNV))
        connection = engine.fresh()
        _tiny(connection, [_member(1)], stray)
        with pytest.raises(TreeError) as caught:
            rollup_sql(connection, year=2024)
        assert [p.value for p in caught.value.problems] == ["dv9"]

    def test_a_rating_spelled_as_a_record_reads_it(self, engine: _Engine) -> None:
        """A rating written otherwise than its abbreviation ("httnv", a label) is counted
        at its level, as a record reads it and as rollup_frame counts it (it was
        refused); a text that names no level is listed, the spelled ones not with it."""
        evaluations = (
            Evaluation("dv1", 2024, Rating.HTTNV),
            Evaluation("dv2", 2024, Rating.HTXSNV),
            Evaluation("cb", 2024, Rating.HTTNV, subject=SubjectKind.ORGANIZATION),
        )
        for subject in ("dv1", "cb"):
            connection = engine.fresh()
            data = _tiny(connection, [_member(1), _member(2)], evaluations)
            connection.execute(
                f"UPDATE evaluations SET rating = 'httnv' WHERE subject_id = '{subject}'"
            )
            connection.execute(
                "UPDATE evaluations SET rating = 'Hoàn thành xuất sắc nhiệm vụ' "
                "WHERE subject_id = 'dv2'"
            )
            actual = rollup_sql(connection, year=2024)
            assert dict(actual) == dict(rollup(data.tree(), year=2024, evaluations=evaluations))
            connection.execute("UPDATE evaluations SET rating = 'Tốt' WHERE subject_id = 'dv2'")
            with pytest.raises(TreeError) as caught:
                rollup_sql(connection, year=2024)
            assert [(p.where, p.value) for p in caught.value.problems] == [
                ("Đánh giá 'dv2'", "Tốt")
            ]

    def test_a_period_that_is_no_period_is_refused(self, engine: _Engine) -> None:
        """An evaluation whose period is none of the codes ('Nam', as typed) was left out
        as not yearly, and the rating counts came out known and short: it is listed."""
        evaluations = (
            Evaluation("dv1", 2024, Rating.HTTNV),
            Evaluation("dv2", 2024, Rating.HTXSNV),
            Evaluation("cb", 2024, Rating.HTTNV, subject=SubjectKind.ORGANIZATION),
        )
        connection = engine.fresh()
        _tiny(connection, [_member(1), _member(2)], evaluations)
        connection.execute("UPDATE evaluations SET period = 'Nam' WHERE subject_id <> 'dv1'")
        with pytest.raises(TreeError) as caught:
            rollup_sql(connection, year=2024)
        assert [(p.where, p.field, p.value) for p in caught.value.problems] == [
            ("Đánh giá 'cb'", "period", "Nam"),
            ("Đánh giá 'dv2'", "period", "Nam"),
        ]

    def test_a_year_held_as_text(self, engine: _Engine) -> None:
        """An evaluations year held as text ('2024', as a CSV import stores it) is the
        year: SQLite found no evaluation of 2024 in a column without a type, and the
        rating counts came out known and zero; PostgreSQL refused the comparison."""
        evaluations = (
            Evaluation("dv1", 2024, Rating.HTTNV),
            Evaluation("dv2", 2024, Rating.HTXSNV),
            Evaluation("cb", 2024, Rating.HTTNV, subject=SubjectKind.ORGANIZATION),
        )
        connection = engine.fresh()
        data = _tiny(connection, [_member(1), _member(2)], evaluations)
        names = ("subject_id", "year", "rating", "subject", "period")
        typed = ", ".join(names if engine.name == "sqlite" else (f"{n} VARCHAR" for n in names))
        connection.execute(f"CREATE TABLE ev2 ({typed})")  # in SQLite: columns of no type
        connection.execute(
            "INSERT INTO ev2 SELECT subject_id, CAST(year AS VARCHAR(4)), rating, subject, "
            "period FROM evaluations"
        )
        actual = rollup_sql(connection, year=2024, tables={"evaluations": "ev2"})
        assert (actual.root["dang_vien_httnv"], actual.root["dang_vien_htxsnv"]) == (1, 1)
        assert actual.root["chi_bo_truc_thuoc_httnv"] == 1
        assert dict(rollup(data.tree(), year=2024, evaluations=evaluations)) == dict(actual)

    def test_a_subject_of_neither_kind_is_refused(self, engine: _Engine) -> None:
        """An evaluation whose subject is neither "member" nor "organization" counted as
        neither, and the rating counts came out known and short: it is listed."""
        evaluations = (
            Evaluation("dv1", 2024, Rating.HTTNV),
            Evaluation("cb", 2024, Rating.HTTNV, subject=SubjectKind.ORGANIZATION),
        )
        connection = engine.fresh()
        _tiny(connection, [_member(1)], evaluations)
        connection.execute("UPDATE evaluations SET subject = UPPER(subject)")
        with pytest.raises(TreeError) as caught:
            rollup_sql(connection, year=2024)
        assert sorted((p.where, p.value) for p in caught.value.problems) == [
            ("Đánh giá 'cb'", "ORGANIZATION"),
            ("Đánh giá 'dv1'", "MEMBER"),
        ]

    def test_wrong_subjects_are_named_as_the_dataframe_path_names_them(self) -> None:
        """Evaluations of neither subject are named as rollup_frame names them, the first
        thousand (the SQL path named every one: a table may hold millions)."""
        pl = pytest.importorskip("polars")
        from coso_dang.frame import evaluations_frame, members_frame, rollup_frame

        evaluations = tuple(Evaluation(f"dv{i}", 2024, Rating.HTTNV) for i in range(1005))
        connection = sqlite3.connect(":memory:")
        data = _tiny(connection, [_member(1)], evaluations)
        connection.execute("UPDATE evaluations SET subject = 'MEMBER'")
        with pytest.raises(TreeError) as by_sql:
            rollup_sql(connection, year=2024)
        table = evaluations_frame(evaluations).with_columns(subject=pl.lit("MEMBER"))
        with pytest.raises(TreeError) as by_frame:
            rollup_frame(data.tree(), members_frame(data.members), year=2024, evaluations=table)
        assert len(by_sql.value.problems) == 1000
        assert by_sql.value.problems == by_frame.value.problems

    def test_timestamps_count_by_their_day(self, engine: _Engine) -> None:
        """Member dates held as timestamps (or SQLite text with a time) count by their
        day, as the organizations' dates are read: admitted at 10:00 on 31/12 was not
        admitted in the year, left at 10:00 on 31/12 still active on it."""
        last = date(2024, 12, 31)
        members = [
            Member("dv1", "Phạm Văn Tâm", "cb", admitted_on=last),
            _member(2, left_on=last),
            Member("dv3", "Lê Thị Hoa", "cb", admitted_on=date(2024, 1, 1)),
        ]
        connection = engine.fresh()
        data = _tiny(connection, members)
        if engine.name == "sqlite":
            for column in ("admitted_on", "left_on"):
                connection.execute(f"UPDATE members SET {column} = {column} || ' 10:00:00'")
        else:
            for column in ("admitted_on", "left_on"):
                connection.execute(f"ALTER TABLE members ALTER COLUMN {column} TYPE TIMESTAMP")
                connection.execute(f"UPDATE members SET {column} = {column} + INTERVAL '10 hours'")
        actual = rollup_sql(connection, year=2024)
        assert (actual.root["dang_vien"], actual.root["ket_nap"]) == (2, 2)
        assert dict(rollup(data.tree(), year=2024, evaluations=())) == dict(actual)

    @pytest.mark.parametrize("session", ["UTC", "America/New_York", "Asia/Tokyo"])
    def test_moments_with_a_time_zone_are_days_in_vietnam(
        self, engine: _Engine, session: str
    ) -> None:
        """Dates held as moments with a time zone (timestamptz) are the day in Vietnam
        (UTC+7), as the loaders and :func:`rollup_frame` read them, whatever the
        session's zone: Hà Nội's first and last hour of 31/12 are that day. Cast to a
        date in the session's zone, they fell on 30/12 or 1/1 by the server's settings."""
        if engine.name == "sqlite":
            pytest.skip("SQLite has no type of moments with a time zone")
        last = date(2024, 12, 31)
        members = [
            Member("dv1", "Phạm Văn Tâm", "cb", admitted_on=last),
            _member(2, left_on=last),
            Member("dv3", "Lê Thị Hoa", "cb", admitted_on=date(2024, 1, 1)),
            _member(4, left_on=date(2024, 1, 1)),
        ]
        connection = engine.fresh()
        data = _tiny(connection, members)
        expected = rollup(data.tree(), year=2024, evaluations=())
        zone = "TIMESTAMPTZ" if engine.name == "postgres" else "TIMESTAMP WITH TIME ZONE"
        for hour in (0, 23):
            connection.execute(f"SET TimeZone = '{session}'")
            for column in ("admitted_on", "left_on"):
                connection.execute(f"ALTER TABLE members DROP COLUMN IF EXISTS m_{column}")
                connection.execute(f"ALTER TABLE members ADD COLUMN m_{column} {zone}")
                connection.execute(
                    f"UPDATE members SET m_{column} = CAST(CAST({column} AS VARCHAR) || "
                    f"' {hour:02}:30:00+07:00' AS {zone})"
                )
            connection.commit()
            columns = {"members": {"admitted_on": "m_admitted_on", "left_on": "m_left_on"}}
            assert dict(expected) == dict(rollup_sql(connection, year=2024, columns=columns))

    def test_dates_held_as_text_not_year_first(self, engine: _Engine) -> None:
        """A date held as text day first ('05/01/2024', 5 January) was read by
        PostgreSQL's DateStyle, month first by default (1 May): the member was not yet
        admitted on 31/3, without a word. Such dates are refused by name, as SQLite's
        are (DuckDB failed the whole query, naming no member); text year first is read,
        with a time or without."""
        members = [
            Member(f"dv{i}", "Phạm Văn Tâm", "cb", admitted_on=day)
            for i, day in ((1, date(2024, 1, 5)), (2, date(2024, 2, 1)))
        ]
        connection = engine.fresh()
        data = _tiny(connection, members)
        connection.execute("ALTER TABLE members ADD COLUMN ngay VARCHAR(20)")
        connection.execute("UPDATE members SET ngay = '2024-02-01 08:00' WHERE id = 'dv2'")
        connection.commit()
        columns = {"members": {"admitted_on": "ngay"}}
        connection.execute("UPDATE members SET ngay = '2024-01-05' WHERE id = 'dv1'")
        actual = rollup_sql(connection, year=2024, as_of=date(2024, 3, 31), columns=columns)
        assert actual.root["dang_vien"] == 2
        assert dict(
            rollup(data.tree(), year=2024, as_of=date(2024, 3, 31), evaluations=())
        ) == dict(actual)
        connection.execute("UPDATE members SET ngay = '05/01/2024' WHERE id = 'dv1'")
        connection.commit()
        with pytest.raises(TreeError) as caught:
            rollup_sql(connection, year=2024, as_of=date(2024, 3, 31), columns=columns)
        assert [(p.where, p.field, p.value) for p in caught.value.problems] == [
            ("Đảng viên 'dv1'", "admitted_on", "")
        ]

    def test_dates_held_as_text_are_read_as_the_dataframe_path_reads_them(
        self, engine: _Engine
    ) -> None:
        """Member dates held as text with white space around (a tab, a no-break space),
        a time after the day, or blank where none is recorded: the days the records
        hold, as :func:`rollup_frame` reads such a table. Padded, they were refused as
        no date written YYYY-MM-DD (SQLite, PostgreSQL) or failed the query (DuckDB),
        and a blank text was a date only SQLite read as none."""
        first, last = date(2024, 1, 1), date(2024, 12, 31)
        members = [
            _member(1, left_on=last),
            Member("dv2", "Phạm Văn Tâm", "cb", admitted_on=first, ceremony_on=first),
            Member("dv3", "Phạm Văn Tâm", "cb", admitted_on=date(2023, 12, 31), left_on=first),
        ]
        connection = engine.fresh()
        data = _tiny(connection, members)
        forms = {"admitted_on": "' ' || {} || ' '", "ceremony_on": "{} || 'T23:59:59'",
                 "official_on": "'\t' || {}", "left_on": "{} || ' 10:00\xa0'"}  # fmt: skip
        cursor = connection.cursor()
        for column, form in forms.items():
            cursor.execute(f"ALTER TABLE members ADD COLUMN t_{column} VARCHAR(40)")
            day = f"CAST({column} AS VARCHAR)"
            cursor.execute(f"UPDATE members SET t_{column} = COALESCE({form.format(day)}, ' ')")
        connection.commit()
        columns = {"members": {column: f"t_{column}" for column in forms}}
        actual = rollup_sql(connection, year=2024, columns=columns)
        assert dict(rollup(data.tree(), year=2024, evaluations=())) == dict(actual)
        # A moment written with its zone (Hà Nội's midnight in UTC) is refused as the
        # loaders refuse it: read by its first ten characters, it was the day before.
        for written in ("31/12/2024", "2024-12-30 17:00:00+00:00", "2024-12-30T17:00:00Z"):
            cursor.execute(f"UPDATE members SET t_left_on = '{written}' WHERE id = 'dv1'")
            connection.commit()
            with pytest.raises(TreeError) as caught:
                rollup_sql(connection, year=2024, columns=columns)
            assert [(p.where, p.field, p.reason) for p in caught.value.problems] == [
                ("Đảng viên 'dv1'", "left_on", "phải là một ngày dạng YYYY-MM-DD")
            ], written

    def test_ids_typed_in_nfd(self, engine: _Engine) -> None:
        """A chi bộ id or a residence typed in NFD is the records' NFC id: the members
        count in their chi bộ, and the unit they live in has members (it was "no
        member", silently)."""
        from unicodedata import normalize

        organizations = (
            Organization("xã", "Đảng bộ xã Tân Lập", OrgKind.DANG_BO_CO_SO),
            Organization("thôn", "Chi bộ thôn Đông", OrgKind.CHI_BO_TRUC_THUOC, parent_id="xã"),
        )
        units = (ResidentialUnit("thôn_đông", "Thôn Đông", "xã", chi_bo_id="thôn"),)
        members = (
            Member(
                "m1",
                "Phạm Văn Tâm",
                "thôn",
                admitted_on=date(2015, 3, 2),
                residence_unit_id="thôn_đông",
            ),
            Member("m2", "Lê Thị Hoa", "thôn", admitted_on=date(2016, 3, 2)),
        )
        data = Dataset(organizations=organizations, members=members, units=units)
        connection = engine.fresh()
        write_tables(connection, data)
        thon, unit = normalize("NFD", "thôn"), normalize("NFD", "thôn_đông")
        connection.execute(
            f"UPDATE members SET org_id = '{thon}', residence_unit_id = '{unit}' WHERE id = 'm1'"
        )
        actual = rollup_sql(connection, year=2024)
        assert actual.root["thon_co_dang_vien"] == 1
        assert dict(rollup(data.tree(), year=2024, evaluations=())) == dict(actual)

    def test_member_ids_typed_in_nfd_are_refused(self, engine: _Engine) -> None:
        """A member id typed in NFD beside the same id in NFC was another member, counted
        twice (the records say "mã bị trùng"), and an evaluation typed otherwise than its
        member's row was "of no member": the database cannot compose them everywhere, so
        ids not in NFC are refused by name; NFC ids beyond ASCII are read as they are."""
        from unicodedata import normalize

        nfc, nfd = normalize("NFC", "đv_ánh"), normalize("NFD", "đv_ánh")
        members = [
            Member(i, "Phạm Văn Tâm", "cb", admitted_on=date(2015, 3, 2)) for i in (nfc, "x")
        ]
        evaluations = (Evaluation(nfc, 2024, Rating.HTTNV),)
        connection = engine.fresh()
        data = _tiny(connection, members, evaluations)
        expected = rollup(data.tree(), year=2024, evaluations=evaluations)
        assert dict(rollup_sql(connection, year=2024)) == dict(expected)
        mark = "%s" if engine.name == "postgres" else "?"
        for table, column, where in (
            ("members", "id", "x"),  # the same member twice
            ("evaluations", "subject_id", nfc),
        ):
            cursor = connection.cursor()
            cursor.execute(
                f"UPDATE {table} SET {column} = {mark} WHERE {column} = {mark}", (nfd, where)
            )
            connection.commit()
            with pytest.raises(TreeError) as caught:
                rollup_sql(connection, year=2024)
            assert [(p.field, p.value) for p in caught.value.problems] == [(column, nfd)]
            cursor.execute(
                f"UPDATE {table} SET {column} = {mark} WHERE {column} = {mark}", (where, nfd)
            )
            connection.commit()

    def test_ids_held_as_fixed_width_text_or_numbers(self, engine: _Engine) -> None:
        """Ids held as character(n) (PostgreSQL pads them with spaces) or as integers
        beside text subject ids are read as text, as a record's: PostgreSQL's padded
        chi bộ id named no organization, and its integer member ids did not compare
        with the evaluations' text ones."""
        from coso_dang.frame import MEMBER_COLUMNS

        members = [
            Member(str(i), "Phạm Văn Tâm", "cb", admitted_on=date(2015, 3, 2)) for i in (1, 2)
        ]
        evaluations = (
            Evaluation("1", 2024, Rating.HTTNV),
            Evaluation("cb", 2024, Rating.HTXSNV, subject=SubjectKind.ORGANIZATION),
        )
        connection = engine.fresh()
        data = _tiny(connection, members, evaluations)
        connection.execute(
            "CREATE TABLE orgs2 AS SELECT CAST(id AS CHAR(8)) AS id, name, kind, "
            "CAST(parent_id AS CHAR(8)) AS parent_id FROM organizations"
        )
        rest = ", ".join(c for c in MEMBER_COLUMNS if c not in ("id", "org_id"))
        connection.execute(
            "CREATE TABLE members2 AS SELECT CAST(id AS INTEGER) AS id, "
            f"CAST(org_id AS CHAR(8)) AS org_id, {rest} FROM members"
        )
        connection.commit()
        tables = {"organizations": "orgs2", "members": "members2"}
        actual = rollup_sql(connection, year=2024, tables=tables)
        assert actual.root["dang_vien_httnv"] == 1
        assert actual.root["chi_bo_truc_thuoc_htxsnv"] == 1
        assert dict(rollup(data.tree(), year=2024, evaluations=evaluations)) == dict(actual)

    def test_ids_with_leading_zeros_held_as_numbers_elsewhere(self, engine: _Engine) -> None:
        """A member id held as a number in one table and as text with leading zeros in
        the other ("007" beside 7) names two ids, as records and the DataFrame path
        read them: SQLite and DuckDB compared them as numbers, and the evaluation of
        "007" counted as member 7's, without a word."""
        from coso_dang.frame import MEMBER_COLUMNS

        members = [Member("7", "Phạm Văn Tâm", "cb", admitted_on=date(2015, 3, 2))]
        evaluations = (Evaluation("007", 2024, Rating.HTTNV),)
        connection = engine.fresh()
        _tiny(connection, members, evaluations)
        rest = ", ".join(c for c in MEMBER_COLUMNS if c != "id")
        connection.execute(
            f"CREATE TABLE members2 AS SELECT CAST(id AS INTEGER) AS id, {rest} FROM members"
        )
        connection.execute(
            "CREATE TABLE evaluations2 AS SELECT CAST(subject_id AS INTEGER) AS subject_id, "
            "year, rating, subject, period FROM evaluations"
        )
        connection.execute("UPDATE members SET id = '007'")
        connection.commit()
        for tables, stray in (
            ({"members": "members2"}, "007"),  # members 7, evaluations '007'
            ({"evaluations": "evaluations2"}, "7"),  # members '007', evaluations 7
        ):
            with pytest.raises(TreeError) as caught:
                rollup_sql(connection, year=2024, tables=tables)
            assert [(p.value, p.reason) for p in caught.value.problems] == [
                (stray, "không có đảng viên này trong cây")
            ]

    @pytest.mark.parametrize("unknown", [False, True])
    def test_flags_held_as_text_or_numbers(self, engine: _Engine, unknown: bool) -> None:
        """Yes/no columns of members held as text ("True", as a CSV import stores them)
        or numbers are read as the DataFrame path reads them: the texts "true"/"false"
        and "1"/"0" (any case, spaces around) and any number (0 no, others yes); other
        text and NaN are unknown. SQLite read "True" as no, without a word."""
        # (text, as read; number, as read)
        rows = [
            ("True", True, 2.0, True),
            ("false", False, 0.0, False),
            (" TRUE ", True, -1.0, True),
            ("1", True, 1.0, True),
            ("0", False, 0.0, False),
            ("FALSE", False, 0.5, True),
        ]
        if unknown:
            rows += [("yes", None, None, None), (None, None, float("nan"), None)]
        connection = engine.fresh()
        data = _tiny(connection, [_member(i) for i in range(len(rows))])
        connection.execute("ALTER TABLE members ADD COLUMN working_text VARCHAR(10)")
        connection.execute("ALTER TABLE members ADD COLUMN working_number DOUBLE PRECISION")
        for i, (text, _, number, _) in enumerate(rows):
            if number != number and engine.name == "sqlite":
                number = None  # SQLite keeps no NaN: it stores a null
            connection.execute(
                "UPDATE members SET working_text = "
                + ("NULL" if text is None else f"'{text}'")
                + ", working_number = "
                + ("NULL" if number is None else f"CAST('{number}' AS DOUBLE PRECISION)")
                + f" WHERE id = 'dv{i}'"
            )
        connection.commit()
        for column, at in (("working_text", 1), ("working_number", 3)):
            members = [
                attrs.evolve(member, is_working=row[at])
                for member, row in zip(data.members, rows, strict=True)
            ]
            tree = attrs.evolve(data, members=tuple(members)).tree()
            expected = rollup(tree, year=2024, evaluations=())
            if not unknown:
                assert expected.root["dang_vien_dang_cong_tac"] == 3 + (at == 3)
            columns = {"members": {"is_working": column}}
            assert dict(rollup_sql(connection, year=2024, columns=columns)) == dict(expected)

    def test_flag_texts_with_white_space_around(self, engine: _Engine) -> None:
        """Yes/no texts with white space around (a tab, a line break, a no-break space,
        as pasted from a spreadsheet) are read as the DataFrame path reads them: SQL's
        trim strips only spaces, so "true" and a tab was unknown."""
        texts = ["\ttrue", "FALSE\n", "\xa0True\u3000", "\x85\r\n0 ", "1\u2028"]
        read = [True, False, True, False, True]
        connection = engine.fresh()
        data = _tiny(connection, [_member(i, is_working=w) for i, w in enumerate(read)])
        connection.execute("ALTER TABLE members ADD COLUMN working_text VARCHAR(10)")
        mark = "%s" if engine.name == "postgres" else "?"
        for i, text in enumerate(texts):
            connection.execute(
                f"UPDATE members SET working_text = {mark} WHERE id = {mark}", (text, f"dv{i}")
            )
        connection.commit()
        columns = {"members": {"is_working": "working_text"}}
        actual = rollup_sql(connection, year=2024, columns=columns)
        assert actual.root["dang_vien_dang_cong_tac"] == 3
        assert dict(rollup(data.tree(), year=2024, evaluations=())) == dict(actual)

    def test_a_value_the_database_cannot_read_is_not_quoted(self, engine: _Engine) -> None:
        """A year column holding a name (a column mapped wrongly) made DuckDB and
        PostgreSQL refuse the query with a message quoting the value (SQLite read it as
        0): the error names the evaluation and the column, never the value, and a
        PostgreSQL connection stays usable."""
        connection = engine.fresh()
        data = _tiny(connection, [_member(1)], (Evaluation("dv1", 2024, Rating.HTTNV),))
        connection.execute("ALTER TABLE evaluations ADD COLUMN ten VARCHAR(40)")
        connection.execute("UPDATE evaluations SET ten = 'Phạm Văn Tâm'")
        connection.commit()
        columns = {"evaluations": {"year": "ten"}}
        with pytest.raises(TreeError) as caught:
            rollup_sql(connection, year=2024, columns=columns)
        message = str(caught.value)
        assert "Đánh giá 'dv1': year: phải là số nguyên" in message
        assert "Tâm" not in message
        assert "Tâm" not in caught.value.message("en")
        assert caught.value.__cause__ is None
        assert dict(rollup_sql(connection, year=2024)) == dict(
            rollup(data.tree(), year=2024, evaluations=data.evaluations)
        )

    def test_a_count_without_sql_is_refused_by_name(self, engine: _Engine) -> None:
        connection = engine.fresh()
        _tiny(connection, [_member(1)])
        register_member_count(
            Indicator("dang_vien_thu_nghiem", "Đảng viên thử nghiệm", "đảng viên"),
            lambda member, dates: True,
            lambda dates: __import__("narwhals").lit(True),
        )
        try:
            with pytest.raises(MissingSqlError, match="«dang_vien_thu_nghiem» không có dạng SQL"):
                rollup_sql(connection, year=2024)
            assert MissingSqlError("x").message("en") != ""
        finally:
            unregister_member_count("dang_vien_thu_nghiem")

    def test_missing_table_and_column(self) -> None:
        connection = sqlite3.connect(":memory:")
        with pytest.raises(RecordError, match="không có bảng này"):
            rollup_sql(connection, year=2024)
        connection.execute("CREATE TABLE organizations (id, name, kind)")
        connection.execute("CREATE TABLE members (id, org_id)")
        with pytest.raises(RecordError, match="admitted_on"):
            rollup_sql(connection, year=2024)

    def test_bad_organization_rows_are_listed(self) -> None:
        connection = sqlite3.connect(":memory:")
        connection.execute("CREATE TABLE organizations (id, name, kind, parent_id)")
        connection.executemany(
            "INSERT INTO organizations VALUES (?, ?, ?, ?)",
            [("a", "Đảng bộ A", "dang_bo_co_so", None), ("b", "B", "không rõ", "a")],
        )
        with pytest.raises(TreeError) as caught:
            read_tree(connection)
        assert [p.where for p in caught.value.problems] == ["Tổ chức 'b'"]

    def test_values_as_sqlite_keeps_them(self) -> None:
        """Text dates and booleans (also as words) and coded labels are read as records."""
        connection = sqlite3.connect(":memory:")
        connection.execute(
            "CREATE TABLE organizations (id, name, kind, parent_id, founded_on, "
            "has_chi_bo_quan_su, has_chi_bo_cong_an, sector)"
        )
        connection.executemany(
            "INSERT INTO organizations VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    "x",
                    "Đảng bộ xã A",
                    "Đảng bộ cơ sở",
                    None,
                    "2001-02-03 00:00:00",
                    "true",
                    0,
                    "xa_phuong",
                ),
                ("c", "Chi bộ thôn 1", "chi_bo_truc_thuoc", "x", None, None, None, None),
            ],
        )
        tree = read_tree(connection)
        org = tree["x"]
        assert (org.kind, org.founded_on) == (OrgKind.DANG_BO_CO_SO, date(2001, 2, 3))
        assert (org.has_chi_bo_quan_su, org.has_chi_bo_cong_an) == (True, False)

    @pytest.mark.parametrize("form", ["NFC", "NFD"])
    @pytest.mark.parametrize(("word", "flag"), [("có", True), ("Có", True), ("KHÔNG", False)])
    def test_a_yes_no_word_in_either_unicode_form(self, form: str, word: str, flag: bool) -> None:
        """A flag "có" stored decomposed (NFD: a CSV from macOS imported into SQLite)
        refused the organization as holding no yes/no, where the composed one is yes."""
        connection = sqlite3.connect(":memory:")
        connection.execute(
            "CREATE TABLE organizations (id, name, kind, parent_id, has_chi_bo_quan_su)"
        )
        written = unicodedata.normalize(form, word)
        row = ("x", "Đảng bộ xã A", "dang_bo_co_so", None, written)
        connection.execute("INSERT INTO organizations VALUES (?, ?, ?, ?, ?)", row)
        assert read_tree(connection)["x"].has_chi_bo_quan_su is flag

    def test_not_a_database(self, tmp_path: Path) -> None:
        with pytest.raises(UsageError):
            connect(object())
        with pytest.raises(UsageError):
            connect(tmp_path / "notes.txt")
        with pytest.raises(RecordError, match="không có tệp"):
            connect(tmp_path / "none.sqlite")
        with pytest.raises(UsageError):
            connect(sqlite3.connect(":memory:"), tables={"dang_vien": "x"})
        with pytest.raises(UsageError):
            connect(connect(sqlite3.connect(":memory:")), tables={"members": "x"})


def _tables_in(connection: Any, dialect: str) -> list[str]:
    cursor = connection.cursor()
    if dialect == "sqlite":
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    else:
        cursor.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
        )
    names = sorted(str(row[0]) for row in cursor.fetchall())
    cursor.close()
    return names


def test_tables_written_whole_or_not_at_all(engine: _Engine) -> None:
    """A failure midway (here a unit's name no driver encodes, after the organizations
    were written) left the first tables behind, committed by SQLite and DuckDB, and
    writing again was refused: "table organizations already exists". Nothing is left,
    writing again works, and a transaction the caller has open keeps its own work."""
    data = generate_province(seed=3, scale=0.002, year=2024)
    unit = attrs.evolve(data.units[0], name="Thôn \ud800")
    broken = attrs.evolve(data, units=(unit, *data.units[1:]))
    connection = engine.fresh()
    own = connection.cursor()
    own.execute("CREATE TABLE notes (text TEXT)")
    connection.commit()
    if engine.name != "duckdb":  # a DuckDB cursor has a transaction of its own
        own.execute("INSERT INTO notes VALUES ('chưa lưu')")
    with pytest.raises(Exception, match="surrogate"):
        write_tables(connection, broken)
    # PostgreSQL's connection is not left in a failed transaction either: it answers.
    assert _tables_in(connection, engine.name) == ["notes"]
    write_tables(connection, data)
    assert set(_tables_in(connection, engine.name)) == {"notes", *TABLES}
    expected = rollup(data.tree(), year=2024, evaluations=data.evaluations)
    assert dict(rollup_sql(connection, year=2024)) == dict(expected)
    if engine.name != "duckdb":
        own.execute("SELECT text FROM notes")
        assert own.fetchall() == [("chưa lưu",)]
    own.close()


def test_organization_dates_are_read_as_member_dates(engine: _Engine) -> None:
    """An organization's dates are read as a member's: a moment with a time zone as its
    day in Vietnam (Hà Nội's midnight of 1/6, written in UTC, was 31/5: the chi bộ
    dissolved a day early), a day with white space around as the day, a blank as none
    (both refused the row); a text that is no day is refused naming its field."""
    connection = engine.fresh()
    zoned = "TEXT" if engine.name == "sqlite" else "TIMESTAMPTZ"
    cursor = connection.cursor()
    cursor.execute(
        "CREATE TABLE organizations (id TEXT, name TEXT, kind TEXT, parent_id TEXT, "
        f"founded_on TEXT, dissolved_on {zoned})"
    )
    moment = "2024-06-01 00:00:00" if engine.name == "sqlite" else "2024-05-31 17:00:00+00"
    rows = [
        ("x", "Đảng bộ xã A", "dang_bo_co_so", None, "", None),
        ("c", "Chi bộ thôn 1", "chi_bo_truc_thuoc", "x", " 2001-02-03\t", moment),
    ]
    mark = "%s" if engine.name == "postgres" else "?"
    cursor.executemany(f"INSERT INTO organizations VALUES ({', '.join([mark] * 6)})", rows)
    connection.commit()
    tree = read_tree(connection)
    assert tree["x"].founded_on is None
    assert (tree["c"].founded_on, tree["c"].dissolved_on) == (date(2001, 2, 3), date(2024, 6, 1))
    cursor.execute("UPDATE organizations SET founded_on = '03/02/2001' WHERE id = 'c'")
    connection.commit()
    with pytest.raises(TreeError) as caught:
        read_tree(connection)
    assert [(p.where, p.field) for p in caught.value.problems] == [("Tổ chức 'c'", "founded_on")]


def test_an_organization_date_with_its_zone_as_text_is_refused() -> None:
    """A moment written as text with its zone is refused, as a member's is: its first
    ten characters were read, the day in UTC."""
    connection = sqlite3.connect(":memory:")
    connection.execute("CREATE TABLE organizations (id, name, kind, parent_id, dissolved_on)")
    connection.execute(
        "INSERT INTO organizations VALUES "
        "('c', 'Chi bộ', 'chi_bo_co_so', NULL, '2024-05-31T17:00:00+00:00')"
    )
    with pytest.raises(TreeError) as caught:
        read_tree(connection)
    assert [p.field for p in caught.value.problems] == ["dissolved_on"]


class TestUserCounts:
    def test_sql_unknown_goes_with_unknown(self) -> None:
        from coso_dang.indicators import IndicatorError

        with pytest.raises(IndicatorError, match="sql_unknown"):
            register_member_count(
                Indicator("dang_vien_nua_voi", "Đảng viên thử", "đảng viên"),
                lambda m, d: True,
                lambda d: __import__("narwhals").lit(True),
                unknown=lambda d: __import__("narwhals").lit(False),
                sql="TRUE",
            )

    @pytest.mark.parametrize(
        ("sql", "message"),
        [
            # "{today}" raised KeyError('today') only when a database was rolled up.
            (
                "admitted_on <= {today}",
                "số đếm 'dang_vien_mau_sql': sql có {today}, không phải một ngày của kỳ "
                "tổng hợp; các chỗ thay được: {on}, {previous}, {year_start}, {official_by}",
            ),
            (
                "admitted_on <= {on.year}",
                "số đếm 'dang_vien_mau_sql': sql có {on.year}, không phải một ngày của kỳ "
                "tổng hợp; các chỗ thay được: {on}, {previous}, {year_start}, {official_by}",
            ),
            # A format is applied to the date's SQL literal, a str: "Invalid format
            # specifier".
            (
                "admitted_on <= {on:%Y}",
                "số đếm 'dang_vien_mau_sql': sql có {on:%Y}, không phải một ngày của kỳ "
                "tổng hợp; các chỗ thay được: {on}, {previous}, {year_start}, {official_by}",
            ),
            # A brace of the SQL itself: "Single '}' encountered in format string".
            (
                "note LIKE '%}%'",
                "số đếm 'dang_vien_mau_sql': sql có dấu ngoặc nhọn lẻ; dấu ngoặc nhọn của "
                "chính câu SQL viết đôi: {{ và }}",
            ),
        ],
    )
    def test_an_sql_placeholder_that_names_no_date_is_refused(self, sql: str, message: str) -> None:
        from coso_dang.indicators import IndicatorError, get_indicator

        with pytest.raises(IndicatorError) as caught:
            register_member_count(
                Indicator("dang_vien_mau_sql", "Đảng viên thử", "đảng viên"),
                lambda m, d: True,
                lambda d: __import__("narwhals").lit(True),
                sql=sql,
            )
        assert str(caught.value) == message
        assert caught.value.message("en") != message
        with pytest.raises(IndicatorError):
            get_indicator("dang_vien_mau_sql")

    def test_a_count_with_sql_rolls_up(self, engine: _Engine) -> None:
        """A registered count with its SQL form is counted in the database too."""
        from coso_dang.attributes import Ethnicity

        minorities = sorted(e.value for e in Ethnicity if e.is_minority)
        register_member_count(
            Indicator("dang_vien_dtts_sql", "Đảng viên người dân tộc thiểu số", "đảng viên"),
            lambda m, d: None if m.ethnicity is None else m.ethnicity.is_minority,
            lambda d: __import__("narwhals").col("ethnicity").is_in(minorities),
            unknown=lambda d: __import__("narwhals").col("ethnicity").is_null(),
            columns=["ethnicity"],
            sql="ethnicity IN (" + ", ".join(f"'{code}'" for code in minorities) + ")",
            sql_unknown="ethnicity IS NULL",
        )
        try:
            members = [
                _member(1, ethnicity=Ethnicity.THAI),
                _member(2, ethnicity=Ethnicity.KINH),
                _member(3, ethnicity=Ethnicity.MONG, left_on=date(2020, 1, 1)),
            ]
            connection = engine.fresh()
            data = _tiny(connection, members)
            actual = rollup_sql(connection, year=2024)
            assert actual.root["dang_vien_dtts_sql"] == 1
            assert dict(actual) == dict(rollup(data.tree(), year=2024, evaluations=()))
            connection = engine.fresh()
            data = _tiny(connection, [*members, _member(4)])  # one ethnicity not recorded
            actual = rollup_sql(connection, year=2024)
            assert "dang_vien_dtts_sql" not in actual.root  # unknown
            assert dict(actual) == dict(rollup(data.tree(), year=2024, evaluations=()))
        finally:
            unregister_member_count("dang_vien_dtts_sql")


class TestNames:
    @pytest.mark.parametrize(
        ("table", "column"),
        [
            ("organizations", "sector"),
            ("members", "residence_unit_id"),
            ("evaluations", "subject"),
            ("evaluations", "period"),
        ],
    )
    def test_a_named_column_that_is_not_there_is_refused(
        self, engine: _Engine, table: str, column: str
    ) -> None:
        """A column the user names for an optional one, but the table does not have (a
        typo), is refused naming it: it was read as absent without a word (the
        communes' counts changed, or an organization's evaluations became a member's)."""
        connection = engine.fresh()
        _tiny(
            connection,
            [_member(1)],
            (Evaluation("cb", 2024, Rating.HTTNV, subject=SubjectKind.ORGANIZATION),),
        )
        with pytest.raises(RecordError) as caught:
            rollup_sql(connection, year=2024, columns={table: {column: "cot_go_sai"}})
        problem = caught.value.problem
        assert (problem.field, problem.reason) == (column, "thiếu cột cot_go_sai")

    @pytest.mark.parametrize("written", ["NFC", "NFD"])
    def test_column_names_beyond_ascii_in_either_form(self, engine: _Engine, written: str) -> None:
        """A column named in Vietnamese is found whether the database writes its name in
        NFD (a CSV header saved on macOS) and the mapping in NFC or the other way round,
        as the loaders match headers: it was said to be missing ("thiếu cột Mã chi
        bộ") from a table showing it, in every engine."""
        from unicodedata import normalize

        names = {"org_id": "Mã chi bộ", "admitted_on": "Ngày vào Đảng"}
        connection = engine.fresh()
        data = _tiny(
            connection, [_member(1), attrs.evolve(_member(2), admitted_on=date(2024, 5, 19))]
        )
        cursor = connection.cursor()
        for column, theirs in names.items():
            stored = '"' + normalize(written, theirs) + '"'
            cursor.execute(f"ALTER TABLE members RENAME COLUMN {column} TO {stored}")
        connection.commit()
        other = "NFD" if written == "NFC" else "NFC"
        mapping = {"members": {c: normalize(other, n) for c, n in names.items()}}
        result = rollup_sql(connection, year=2024, columns=mapping)
        assert dict(result) == dict(rollup(data.tree(), year=2024, evaluations=()))
        assert (result.root["dang_vien"], result.root["ket_nap"]) == (2, 1)

    def test_own_table_and_column_names(self) -> None:
        """Tables and columns named otherwise, and a column the table lacks (None)."""
        connection = sqlite3.connect(":memory:")
        connection.executescript(
            """
            CREATE TABLE to_chuc (ma, ten, loai, cap_tren);
            INSERT INTO to_chuc VALUES ('cb', 'Chi bộ cơ sở A', 'chi_bo_co_so', NULL);
            CREATE TABLE dang_vien (ma, chi_bo, ngay_vao_dang, ngay_ra, cong_tac);
            INSERT INTO dang_vien VALUES ('1', 'cb', '2024-05-19', NULL, 1),
                                         ('2', 'cb', '2010-01-01', '2024-03-01', 0);
            """
        )
        tables = {"organizations": "to_chuc", "members": "dang_vien"}
        none = dict.fromkeys(
            (
                "ceremony_on",
                "official_on",
                "keeps_residence_contact",
                "committee_role",
                "education",
                "political_theory",
            )
        )
        columns = {
            "organizations": {"id": "ma", "name": "ten", "kind": "loai", "parent_id": "cap_tren"},
            "members": {
                "id": "ma",
                "org_id": "chi_bo",
                "admitted_on": "ngay_vao_dang",
                "left_on": "ngay_ra",
                "is_working": "cong_tac",
                **none,
            },
        }
        result = rollup_sql(connection, year=2024, tables=tables, columns=columns)
        assert (result.root["dang_vien"], result.root["ket_nap"]) == (1, 1)
        assert result.root["dang_vien_dang_cong_tac"] == 1
        assert result.root["cap_uy_vien"] == 0
        assert "dang_vien_htxsnv" not in result.root  # no evaluations table: unknown

    def test_files_and_folders(self, tmp_path: Path) -> None:
        """A .duckdb file, a .sqlite file and a folder of Parquet files, by path or URL."""
        duckdb = pytest.importorskip("duckdb")
        data = _province(5, 0.05)
        expected = dict(rollup(data.tree(), year=2024, evaluations=data.evaluations))
        sqlite_file = tmp_path / "dv.sqlite"
        with sqlite3.connect(sqlite_file) as connection:
            write_tables(connection, data)
        connection.close()
        duck_file = tmp_path / "dv.duckdb"
        with duckdb.connect(str(duck_file)) as connection:
            write_tables(connection, data)
            folder = tmp_path / "parquet"
            folder.mkdir()
            for table in ("organizations", "units", "members", "evaluations"):
                connection.execute(f"COPY {table} TO '{folder / table}.parquet' (FORMAT parquet)")
            csv = tmp_path / "csv"
            (csv / "members").mkdir(parents=True)
            for table in ("organizations", "units", "evaluations"):
                connection.execute(f"COPY {table} TO '{csv / table}.csv' (HEADER)")
            # A table may also be a folder of Parquet parts.
            connection.execute(
                f"COPY members TO '{csv / 'members' / 'part-0.parquet'}' (FORMAT parquet)"
            )
        for target in (sqlite_file, f"sqlite:///{sqlite_file}", duck_file, str(folder), csv):
            assert expected == dict(rollup_sql(target, year=2024)), target
        with connect(f"duckdb:///{duck_file}") as db:
            assert isinstance(db, Database)
            assert repr(db) == "Database('duckdb')"
            assert "GROUP BY m.org_id" in counting_query(db, year=2024)

    @pytest.mark.parametrize("name", ["units.parquet", "Units.CSV", "members.csv"])
    def test_a_table_that_is_a_pipe_is_refused(self, tmp_path: Path, name: str) -> None:
        """A pipe named as a table (``units.parquet``) was read as no such table: the
        units' counts went unknown without a word, where the loaders refuse the folder.
        It is refused, naming the entry."""
        pytest.importorskip("duckdb")
        from coso_dang.io import PathError, dump_csv

        folder = tmp_path / "du_lieu"
        dump_csv(_province(5, 0.05), folder)
        (folder / "units.csv").unlink()
        if name == "members.csv":
            (folder / "members.csv").unlink()
        os.mkfifo(folder / name)
        with pytest.raises(PathError, match="không phải tệp thường") as caught:
            rollup_sql(folder, year=2024)
        assert caught.value.filename == str(folder / name)

    def test_missing_driver(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setitem(__import__("sys").modules, "psycopg", None)
        with pytest.raises(MissingExtraError, match="postgres"):
            connect("postgresql://localhost/none")


class TestCommandLine:
    def test_report_and_check_read_a_database(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """--db or a database file: the same report and checks as from the files."""
        from coso_dang.cli import main
        from coso_dang.io import dump_json

        data = generate_province(seed=4, scale=0.005, year=2024)
        dump_json(data, tmp_path / "p.json")
        with sqlite3.connect(tmp_path / "p.sqlite") as connection:
            write_tables(connection, data)
        connection.close()
        outputs = []
        for args in (
            ["report", str(tmp_path / "p.json")],
            ["report", str(tmp_path / "p.sqlite"), "--year", "2024"],
            ["report", "--db", f"sqlite:///{tmp_path / 'p.sqlite'}", "--year", "2024"],
        ):
            assert main(args) == 0
            outputs.append(capsys.readouterr().out)
        assert outputs[0] == outputs[1] == outputs[2]
        checks = []
        for source in (["--db", str(tmp_path / "p.sqlite")], [str(tmp_path / "p.json")]):
            code = main(["check", *source, "--rules", "nq21-2025", "--year", "2024"])
            checks.append((code, capsys.readouterr().out))
        assert checks[0] == checks[1]

    @pytest.mark.parametrize("missing", ["narwhals", "numpy"])
    def test_sqlite_without_the_extra_names_it(
        self,
        tmp_path: Path,
        capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch,
        missing: str,
    ) -> None:
        """SQLite's driver is in the standard library, but the sums come back as a table:
        without the extra ``dataframe`` the report said "DataFrames cần narwhals", in
        English, naming no database. It now says, in Vietnamese (English through the
        catalogue), that summing from a database needs the extra, before connecting."""
        from coso_dang.cli import main

        data = generate_province(seed=4, scale=0.005, year=2024)
        with sqlite3.connect(tmp_path / "p.sqlite") as connection:
            write_tables(connection, data)
        connection.close()
        monkeypatch.setitem(__import__("sys").modules, missing, None)
        with pytest.raises(MissingExtraError) as raised:
            rollup_sql(tmp_path / "p.sqlite", year=2024)
        said = str(raised.value)
        assert said.startswith("tổng hợp số liệu từ cơ sở dữ liệu cần ")
        assert 'pip install "coso-dang[dataframe]"' in said
        english = raised.value.message("en")
        assert english.startswith("summing up the figures from a database needs ")
        assert main(["report", str(tmp_path / "p.sqlite"), "--year", "2024"]) != 0
        err = capsys.readouterr().err
        assert "tổng hợp số liệu từ cơ sở dữ liệu" in err
        assert "coso-dang[dataframe]" in err
        assert "DataFrames" not in err

    def test_no_evaluation_is_unknown_from_every_source(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """No evaluation (no table, or a table of none): from a CSV or Parquet folder
        (frames) and a database's empty table every rating level was 0, the shares "not
        applicable", where --db on a folder without the table left them unknown. The
        same checks from every source now, the ratings unknown ("thiếu số liệu") as the
        records' rollup without evaluations has them."""
        from coso_dang.cli import main
        from coso_dang.io import dump_csv, dump_json, dump_parquet

        data = attrs.evolve(generate_province(seed=4, scale=0.005, year=2024), evaluations=())
        dump_json(data, tmp_path / "p.json")
        dump_csv(data, tmp_path / "csv", headers="fields")
        dump_parquet(data, tmp_path / "pq")
        dump_parquet(data, tmp_path / "bare")
        (tmp_path / "bare" / "evaluations.parquet").unlink()
        with sqlite3.connect(tmp_path / "p.sqlite") as connection:
            write_tables(connection, data)
        connection.close()
        sources = [["p.json"], ["csv"], ["pq"], ["bare"], ["--db", "p.sqlite"]]
        if importlib.util.find_spec("duckdb") is not None:
            sources += [["--db", "pq"], ["--db", "bare"]]
        outputs = []
        for source in sources:
            args = [a if a.startswith("-") else str(tmp_path / a) for a in source]
            main(["check", *args, "--rules", "nq21-2025", "--year", "2024", "-q"])
            outputs.append(capsys.readouterr().out)
        assert all(output == outputs[0] for output in outputs[1:])
        assert "thiếu số liệu (dang_vien_htxsnv" in outputs[0]

    @pytest.mark.parametrize(
        ("args", "says"),
        [
            (["report", "--db", "p.sqlite"], "cần --year"),
            (["check", "--db", "p.sqlite", "--year", "2024", "--rules", "dieu-le"], "dieu-le"),
            (["report", "--year", "2024"], "cần ĐƯỜNG_DẪN"),
            (["report", "x.json", "--db", "p.sqlite", "--year", "2024"], "không cả hai"),
            (["report", "--db", "none.sqlite", "--year", "2024"], "không có tệp"),
        ],
    )
    def test_refusals(
        self,
        args: list[str],
        says: str,
        tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str],
    ) -> None:
        from coso_dang.cli import main

        monkeypatch.chdir(tmp_path)
        with sqlite3.connect(tmp_path / "p.sqlite") as connection:
            _tiny(connection, [_member(1), _member(1)])
        connection.close()
        assert main(args) == 2
        assert says in capsys.readouterr().err

    def test_a_refused_query_quotes_no_value(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A database that cannot read a column as the counts do (a date column holding
        names, an evaluation year holding names) is an error saying so, not a traceback
        quoting the value; the dates are named by member."""
        from coso_dang.cli import main

        duckdb = pytest.importorskip("duckdb")
        with duckdb.connect(str(tmp_path / "p.duckdb")) as connection:
            _tiny(connection, [_member(1)])
            connection.execute("ALTER TABLE members ALTER COLUMN admitted_on TYPE VARCHAR")
            connection.execute("UPDATE members SET admitted_on = 'Phạm Văn Tâm'")
        assert main(["report", "--db", str(tmp_path / "p.duckdb"), "--year", "2024"]) == 2
        err = capsys.readouterr().err
        assert "Đảng viên 'dv1': admitted_on: phải là một ngày dạng YYYY-MM-DD" in err
        assert "Tâm" not in err
        with duckdb.connect(str(tmp_path / "p.duckdb")) as connection:
            connection.execute("UPDATE members SET admitted_on = '2015-03-02'")
            connection.execute("ALTER TABLE evaluations ALTER COLUMN year TYPE VARCHAR")
            connection.execute("INSERT INTO evaluations (subject_id, year, rating) "
                               "VALUES ('dv1', 'Phạm Văn Tâm', 'HTTNV')")  # fmt: skip
        assert main(["report", "--db", str(tmp_path / "p.duckdb"), "--year", "2024"]) == 2
        err = capsys.readouterr().err
        assert "Đánh giá 'dv1': year: phải là số nguyên từ 1930 đến 9999" in err
        assert "Tâm" not in err

    def test_database_errors_are_listed(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        from coso_dang.cli import main

        with sqlite3.connect(tmp_path / "p.sqlite") as connection:
            _tiny(connection, [_member(1), _member(1)])
        connection.close()
        assert main(["report", str(tmp_path / "p.sqlite"), "--year", "2024"]) == 2
        assert "mã bị trùng" in capsys.readouterr().err


class TestCodedColumns:
    @pytest.mark.parametrize(
        ("column", "label"),
        [("committee_role", "Bí thư"), ("education", "Đại học"), ("political_theory", "Cao cấp")],
    )
    def test_a_label_where_a_code_belongs_is_refused(
        self, engine: _Engine, column: str, label: str
    ) -> None:
        """A label in a coded column ("Đại học" for "dai_hoc") counted as a seat of no role
        or a level below the thresholds: the committee's counts came out short without a
        word. It is refused, as rollup_frame refuses it; the codes count as records do."""
        from coso_dang.breakdowns import BreakdownError
        from coso_dang.members import CommitteeRole, Education, PoliticalTheory

        seated = {
            "committee_role": CommitteeRole.BI_THU,
            "education": Education.DAI_HOC,
            "political_theory": PoliticalTheory.CAO_CAP,
        }
        connection = engine.fresh()
        data = _tiny(connection, [_member(1, **seated), _member(2)])
        assert dict(rollup_sql(connection, year=2024)) == dict(
            rollup(data.tree(), year=2024, evaluations=())
        )
        connection.execute(f"UPDATE members SET {column} = '{label}' WHERE id = 'dv1'")
        with pytest.raises(BreakdownError, match=f"'{column}': 1 đảng viên"):
            rollup_sql(connection, year=2024)


def _text_tables(connection: Any, folder: Path) -> None:
    """The CSV files of *folder* as tables of text columns, each cell as it is written
    ("" for an empty cell), as an import of the files into a database stores them."""
    import csv

    cursor = connection.cursor()
    for path in sorted(folder.glob("*.csv")):
        with path.open(encoding="utf-8-sig", newline="") as stream:
            header, *rows = list(csv.reader(stream))
        columns = ", ".join(f'"{name}" VARCHAR' for name in header)
        cursor.execute(f'CREATE TABLE "{path.stem}" ({columns})')
        if rows:
            marks = ", ".join(["?"] * len(header))
            cursor.executemany(f'INSERT INTO "{path.stem}" VALUES ({marks})', rows)
    connection.commit()


class TestImportedCsv:
    """Tables imported from a CSV folder as text: an empty cell is an empty text, not a
    null, and is read as the loaders read the empty cell, no value."""

    @pytest.mark.parametrize("name", ["sqlite", "duckdb"])
    def test_counts_as_the_folder_loaded(self, tmp_path: Path, name: str) -> None:
        """Every organization with an empty parent, sector or yes/no was refused (its
        parent "" blank, its sector "" none of the list), and every evaluation without
        a rating ("": not rated) was a rating that is none, the table refused."""
        from coso_dang.io import dump_csv, load_csv

        engine = _Engine(name)
        try:
            connection = engine.fresh()
            data = generate_province(seed=3, scale=0.002, year=2024)
            assert any(e.rating is None for e in data.evaluations)
            dump_csv(data, tmp_path / "csv", headers="fields")
            _text_tables(connection, tmp_path / "csv")
            loaded = load_csv(tmp_path / "csv", progress=False)
            assert not loaded.problems
            expected = rollup(
                loaded.dataset.tree(), year=2024, evaluations=loaded.dataset.evaluations
            )
            assert dict(rollup_sql(connection, year=2024)) == dict(expected)
        finally:
            engine.close()

    @pytest.mark.parametrize("name", ["sqlite", "duckdb"])
    @pytest.mark.parametrize("blank", ["", " ", "\t\r\n", "\x85", "\u3000\xa0\u2009"])
    @pytest.mark.parametrize(
        ("table", "row", "problem"),
        [
            ("members", ("{}", "cb", "2015-03-02"), ("bảng members", "id")),
            ("members", ("dv2", "{}", "2015-03-02"), ("bảng members", "org_id")),
            ("evaluations", ("{}", "2024", "HTTNV"), ("bảng evaluations", "subject_id")),
        ],
    )
    def test_a_blank_id_is_refused_as_missing(
        self,
        name: str,
        blank: str,
        table: str,
        row: tuple[str, str, str],
        problem: tuple[str, str],
    ) -> None:
        """A blank member id was a member counted (load_csv refuses the row), a blank chi
        bộ an organization "" that is not there, a blank subject a member "" not in the
        tree: each is now refused as missing, as a null one is and as the loaders say,
        whatever white space it holds."""
        row = tuple(cell.format(blank) for cell in row)  # type: ignore[assignment]
        engine = _Engine(name)
        try:
            connection = engine.fresh()
            _tiny(connection, [_member(1)])
            cursor = connection.cursor()
            if table == "members":
                cursor.execute(
                    "INSERT INTO members (id, org_id, admitted_on) VALUES (?, ?, ?)", row
                )
            else:
                cursor.execute(
                    "INSERT INTO evaluations (subject_id, year, rating) VALUES (?, ?, ?)", row
                )
            connection.commit()
            with pytest.raises(TreeError) as caught:
                rollup_sql(connection, year=2024)
            assert [(p.where, p.field, p.reason) for p in caught.value.problems] == [
                (*problem, "bắt buộc, không được để trống")
            ]
        finally:
            engine.close()

    def test_bad_organization_rows_name_their_field(self) -> None:
        """A row whose kind or sector is none of the list was "organizations 'b': cannot
        read this row", naming neither the field nor why; one without a kind "must be
        OrgKind, not None", a class name; one without an id "Organization". Each is
        named as the tree names it, with the field, in Vietnamese."""
        connection = sqlite3.connect(":memory:")
        connection.execute("CREATE TABLE organizations (id, name, kind, parent_id, sector)")
        rows = [
            ("a", "Đảng bộ A", "dang_bo_co_so", None, None),
            ("b", "B", "không rõ", "a", None),
            ("c", "C", "chi_bo_truc_thuoc", "a", "xyz"),
            ("d", "D", "", "a", None),
            (None, "E", "chi_bo_truc_thuoc", "a", None),
        ]
        connection.executemany("INSERT INTO organizations VALUES (?, ?, ?, ?, ?)", rows)
        with pytest.raises(TreeError) as caught:
            read_tree(connection)
        found = [(p.where, p.field, p.reason) for p in caught.value.problems]
        assert [where for where, _, _ in found] == [
            "Tổ chức 'b'",
            "Tổ chức 'c'",
            "Tổ chức 'd'",
            "bảng organizations",
        ]
        assert [field for _, field, _ in found] == ["kind", "sector", "kind", "id"]
        assert "không phải một trong" in found[0][2]
        assert "'không rõ'" in found[0][2]
        assert "'xyz'" in found[1][2]
        assert found[2][2] == found[3][2] == "bắt buộc, không được để trống"
        assert caught.value.problems[0].text("en").startswith("Organization 'b': kind: ")


def test_a_database_file_named_in_capitals(tmp_path: Path) -> None:
    """``DU_LIEU.DB`` (a name written on Windows) was refused as no database, where the
    command line takes it as one."""
    with sqlite3.connect(tmp_path / "DU_LIEU.SQLITE") as connection:
        _tiny(connection, [_member(1)])
    connection.close()
    assert rollup_sql(tmp_path / "DU_LIEU.SQLITE", year=2024).root["dang_vien"] == 1


def test_a_url_that_does_not_split_is_named_without_its_password() -> None:
    """A PostgreSQL URL whose host does not split (``[::1`` unclosed) raised Python's
    own "Invalid IPv6 URL", in English, in place of the error naming the database."""
    pytest.importorskip("psycopg")
    with pytest.raises(RecordError) as caught:
        connect("postgresql://van_phong:mat-khau@[::1/csdl")
    assert caught.value.problem.where == "postgresql://…"
    assert "mat-khau" not in str(caught.value)


@pytest.mark.parametrize("name", ["sqlite", "duckdb"])
def test_yes_no_of_organizations_and_units_as_floats(name: str) -> None:
    """A yes/no column with gaps, as pandas writes one, holds 1.0, 0.0 and NaN: every
    organization or unit of such a column was refused ("not float"). A number is read
    as a member's: yes unless 0, NaN none."""
    engine = _Engine(name)
    try:
        connection = engine.fresh()
        cursor = connection.cursor()
        cursor.execute(
            "CREATE TABLE organizations (id VARCHAR, name VARCHAR, kind VARCHAR, "
            "parent_id VARCHAR, has_chi_bo_quan_su DOUBLE, has_chi_bo_cong_an DOUBLE)"
        )
        cursor.execute(
            "CREATE TABLE units (id VARCHAR, name VARCHAR, commune_id VARCHAR, "
            "has_member DOUBLE, head_is_member DOUBLE)"
        )
        nan = float("nan")
        cursor.executemany(
            "INSERT INTO organizations VALUES (?, ?, ?, ?, ?, ?)",
            [
                ("x", "Đảng bộ xã A", "dang_bo_co_so", None, 1.0, 0.0),
                ("cb", "Chi bộ thôn 1", "chi_bo_truc_thuoc", "x", nan, 2.0),
            ],
        )
        cursor.executemany(
            "INSERT INTO units VALUES (?, ?, ?, ?, ?)",
            [("u1", "Thôn 1", "x", 1.0, nan), ("u2", "Thôn 2", "x", 0.0, 1.0)],
        )
        connection.commit()
        tree = read_tree(connection)
        flags = {o.id: (o.has_chi_bo_quan_su, o.has_chi_bo_cong_an) for o in tree}
        assert flags == {"x": (True, False), "cb": (None, True)}
        units = {u.id: (u.has_member, u.head_is_member) for u in tree.units}
        assert units == {"u1": (True, None), "u2": (False, True)}
    finally:
        engine.close()


def test_a_csv_folder_keeps_ids_that_look_like_numbers(tmp_path: Path) -> None:
    """DuckDB guessed the type of each CSV column: the chi bộ "1.1" and "1.10" were both
    the number 1.1 (a duplicate id) and the parent "1" was 1.0 (no such organization);
    every cell is now text, as the loaders read it."""
    pytest.importorskip("duckdb")
    from coso_dang.io import dump_csv, load_csv

    organizations = [Organization("1", "Đảng bộ xã A", OrgKind.DANG_BO_CO_SO)] + [
        Organization(f"1.{i}", f"Chi bộ {i}", OrgKind.CHI_BO_TRUC_THUOC, parent_id="1")
        for i in range(1, 12)
    ]
    members = [
        Member(f"{i}", "Phạm Văn Tâm", f"1.{i % 11 + 1}", admitted_on=date(2015, 3, 2))
        for i in range(1, 30)
    ]
    evaluations = [Evaluation(f"{i}", 2024, Rating.HTTNV) for i in range(1, 30, 2)]
    data = Dataset(organizations=organizations, members=members, evaluations=evaluations)
    dump_csv(data, tmp_path / "csv", headers="fields")
    loaded = load_csv(tmp_path / "csv", progress=False).dataset
    expected = rollup(loaded.tree(), year=2024, evaluations=loaded.evaluations)
    assert dict(rollup_sql(tmp_path / "csv", year=2024)) == dict(expected)


@pytest.mark.parametrize(
    ("kind", "year"),
    [
        ("DOUBLE", float("nan")),
        ("DOUBLE", float("inf")),
        ("DOUBLE", 1e20),
        ("VARCHAR", "9" * 20),
        ("HUGEINT", 10**20),
    ],
)
def test_a_year_no_whole_number_holds_is_no_year_in_duckdb(kind: str, year: Any) -> None:
    """A year of NaN (a gap in a column of floats), infinity or more digits than a whole
    number holds failed DuckDB's whole query ("cannot run the query"), naming no
    evaluation; it is no year, as the DataFrame path reads it, the member unrated."""
    duckdb = pytest.importorskip("duckdb")
    connection = duckdb.connect()
    try:
        data = _tiny(connection, [_member(1), _member(2)])
        connection.execute("DROP TABLE evaluations")
        connection.execute(
            f"CREATE TABLE evaluations (subject_id VARCHAR, year {kind}, rating VARCHAR)"
        )
        connection.executemany(
            "INSERT INTO evaluations VALUES (?, ?, ?)",
            [("dv1", year, "HTTNV"), ("dv2", 2024, "HTNV")],
        )
        expected = rollup(
            data.tree(), year=2024, evaluations=[Evaluation("dv2", 2024, Rating.HTNV)]
        )
        assert dict(rollup_sql(connection, year=2024)) == dict(expected)
    finally:
        connection.close()


def test_a_csv_folder_date_written_day_first_is_refused(tmp_path: Path) -> None:
    """A column of dates of a CSV folder written day first was read by the format DuckDB
    guessed for it (``05/01/2024`` the 5th of January, or of May), where the path reads
    dates written year first only: each is refused naming its member, as in a
    database."""
    pytest.importorskip("duckdb")
    (tmp_path / "organizations.csv").write_text(
        "id,name,kind,parent_id\nx,Đảng bộ xã A,dang_bo_co_so,\ncb,Chi bộ 1,chi_bo_truc_thuoc,x\n",
        encoding="utf-8",
    )
    header = "id,org_id,admitted_on,ceremony_on,official_on,left_on,is_working"
    header += ",keeps_residence_contact,committee_role,education,political_theory\n"
    rows = "dv1,cb,05/01/2024,,,,true,,,,\ndv2,cb,12/02/2015,,,,true,,,,\n"
    (tmp_path / "members.csv").write_text(header + rows, encoding="utf-8")
    with pytest.raises(TreeError) as caught:
        rollup_sql(tmp_path, year=2024)
    assert [(p.where, p.field) for p in caught.value.problems] == [
        ("Đảng viên 'dv1'", "admitted_on"),
        ("Đảng viên 'dv2'", "admitted_on"),
    ]


def test_a_folder_whose_files_are_named_in_capitals(tmp_path: Path) -> None:
    """``Members.csv`` and ``ORGANIZATIONS.csv`` (as saved on Windows) were no tables on a
    disk that tells case, where ``load_csv`` reads the same folder."""
    pytest.importorskip("duckdb")
    from coso_dang.io import dump_csv

    data = generate_province(seed=2, scale=0.001, year=2024)
    dump_csv(data, tmp_path / "csv", headers="fields")
    for name in ("members", "organizations"):
        path = tmp_path / "csv" / f"{name}.csv"
        path.rename(
            path.with_name(f"{name.capitalize() if name == 'members' else name.upper()}.csv")
        )
    expected = rollup(data.tree(), year=2024, evaluations=data.evaluations)
    assert dict(rollup_sql(tmp_path / "csv", year=2024)) == dict(expected)


@pytest.mark.parametrize(
    ("engine_name", "file_name"), [("duckdb", "du_lieu.db"), ("sqlite", "du_lieu.duckdb")]
)
def test_a_database_file_named_for_another_engine(
    tmp_path: Path, engine_name: str, file_name: str
) -> None:
    """A DuckDB database named ``du_lieu.db`` (as DuckDB's own guide names one) was opened
    as SQLite and refused as no database; the file's first bytes tell its engine."""
    duckdb = pytest.importorskip("duckdb")
    path = tmp_path / file_name
    connection = duckdb.connect(str(path)) if engine_name == "duckdb" else sqlite3.connect(path)
    data = _tiny(connection, [_member(1), _member(2)])
    connection.close()
    expected = rollup(data.tree(), year=2024, evaluations=())
    assert dict(rollup_sql(path, year=2024)) == dict(expected)


@pytest.mark.parametrize("value", [20010203, 36925.0])
def test_an_organization_date_held_as_a_number_is_refused_as_no_date(value: Any) -> None:
    """A number in an organization's date column (20010203, or a count of days as a
    spreadsheet keeps one) was refused as "must be a date (date) or None, not int", in
    the names of Python's types; it is said to be no date written YYYY-MM-DD, as a
    member's is."""
    connection = sqlite3.connect(":memory:")
    connection.execute("CREATE TABLE organizations (id, name, kind, parent_id, founded_on)")
    connection.execute(
        "INSERT INTO organizations VALUES ('c', 'Chi bộ', 'chi_bo_co_so', NULL, ?)", (value,)
    )
    with pytest.raises(TreeError) as caught:
        read_tree(connection)
    assert [(p.where, p.field, p.reason) for p in caught.value.problems] == [
        ("Tổ chức 'c'", "founded_on", "phải là một ngày dạng YYYY-MM-DD")
    ]


def test_yes_no_texts_of_organizations_read_as_the_loaders_read_them() -> None:
    """An organization's yes/no text is read as the loaders read it ("x", a tick, "Đúng",
    "sai" were refused, as "must be bool or None, not str"); one that is none is
    refused with the loaders' reason, naming the field."""
    connection = sqlite3.connect(":memory:")
    connection.execute(
        "CREATE TABLE organizations (id, name, kind, parent_id, has_chi_bo_quan_su, "
        "has_chi_bo_cong_an)"
    )
    given = [("x", "K"), ("√", "sai"), ("Đúng", "KHÔNG"), ("t", "f"), ("Có", "0")]
    connection.executemany(
        "INSERT INTO organizations VALUES (?, 'Chi bộ', 'chi_bo_co_so', NULL, ?, ?)",
        [(f"c{i}", yes, no) for i, (yes, no) in enumerate(given)],
    )
    tree = read_tree(connection)
    assert {(o.has_chi_bo_quan_su, o.has_chi_bo_cong_an) for o in tree} == {(True, False)}
    connection.execute("UPDATE organizations SET has_chi_bo_cong_an = 'có lẽ' WHERE id = 'c1'")
    with pytest.raises(TreeError) as caught:
        read_tree(connection)
    assert [(p.where, p.field, p.reason) for p in caught.value.problems] == [
        (
            "Tổ chức 'c1'",
            "has_chi_bo_cong_an",
            "không phải có/không (có, không, x, 1, 0, true, false)",
        )
    ]


def test_a_member_date_column_of_numbers_names_its_members() -> None:
    """A date column of numbers in DuckDB (20240101, as a date is often typed) failed the
    whole query ("cannot run the query"), naming neither column nor member; each member
    it gives a value is named, as SQLite names them. A column of numbers that holds no
    value is no date, as before."""
    duckdb = pytest.importorskip("duckdb")
    connection = duckdb.connect()
    try:
        data = _tiny(connection, [_member(1), _member(2), _member(3)])
        connection.execute("ALTER TABLE members ALTER left_on TYPE INTEGER USING NULL")
        expected = rollup(data.tree(), year=2024, evaluations=())
        assert dict(rollup_sql(connection, year=2024)) == dict(expected)
        connection.execute("ALTER TABLE members ALTER admitted_on TYPE INTEGER USING 20150302")
        connection.execute("UPDATE members SET admitted_on = NULL WHERE id = 'dv2'")
        with pytest.raises(TreeError) as caught:
            rollup_sql(connection, year=2024)
        found = [(p.where, p.field, p.reason) for p in caught.value.problems]
        assert found == [
            ("Đảng viên 'dv1'", "admitted_on", "phải là một ngày dạng YYYY-MM-DD"),
            ("Đảng viên 'dv3'", "admitted_on", "phải là một ngày dạng YYYY-MM-DD"),
        ]
    finally:
        connection.close()
