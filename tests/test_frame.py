"""The DataFrame path: the same rollup as the object path, from pandas or polars tables."""

from __future__ import annotations

import importlib
import random
import unicodedata
from datetime import date, timedelta
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.engines import in_engine

from coso_dang import (
    Evaluation,
    Gender,
    Member,
    Organization,
    OrgKind,
    OrgTree,
    Rating,
    ResidentialUnit,
    SubjectKind,
)
from coso_dang.errors import RecordError, TreeError, UsageError
from coso_dang.frame import (
    EVALUATION_COLUMNS,
    MEMBER_COLUMNS,
    evaluations_frame,
    members_frame,
    rollup_frame,
)
from coso_dang.io._schema import BadValueError, BoolCodec
from coso_dang.rollup import rollup
from coso_dang.testing import Dataset, generate_province

BACKENDS = ("polars", "pandas")
#: Engines a members table can come from: both backends eager, a polars LazyFrame, a
#: pyarrow table, a DuckDB relation (made from the polars table), and a Dask DataFrame
#: (from the library's pandas table: nullable booleans).
ENGINES = ("polars", "polars-lazy", "pandas", "pyarrow", "duckdb", "dask")
#: narwhals announces that its Dask support moves to a plugin; it works as it is.
DASK_NOTICE = "ignore:Dask support is moving:FutureWarning"
FEW = settings(
    max_examples=8,
    deadline=None,
    # The backend fixture only names a library: nothing in it needs resetting.
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    """Each installed backend in turn (skipped cleanly when one is missing)."""
    pytest.importorskip("narwhals")
    pytest.importorskip(request.param)
    name: str = request.param
    return name


@pytest.fixture(params=ENGINES)
def engine(request: pytest.FixtureRequest) -> str:
    """Each installed engine in turn (skipped cleanly when one is missing)."""
    pytest.importorskip("narwhals")
    pytest.importorskip("polars")
    needs = {"polars-lazy": "polars", "dask": "dask.dataframe"}
    pytest.importorskip(needs.get(request.param, request.param))
    name: str = request.param
    return name


def _engine_tables(members: list[Member], evaluations: Any, engine: str) -> tuple[Any, Any]:
    """Members and evaluations tables in *engine* (evaluations ``None``: none given)."""
    if engine == "pandas":  # the library's own pandas tables: nullable booleans
        table = members_frame(members, backend="pandas")
        ratings = None if evaluations is None else evaluations_frame(evaluations, backend="pandas")
        return table, ratings
    if engine == "dask":
        dd = importlib.import_module("dask.dataframe")
        table, ratings = _engine_tables(members, evaluations, "pandas")
        return dd.from_pandas(table, npartitions=2), (
            None if ratings is None else dd.from_pandas(ratings, npartitions=2)
        )
    table = in_engine(members_frame(members), engine)
    ratings = None if evaluations is None else in_engine(evaluations_frame(evaluations), engine)
    return table, ratings


def _year(data: Dataset) -> int:
    """The generated data's reporting year (always set by the generator)."""
    assert data.year is not None
    return data.year


def _province(seed: int, blanks: float, scale: float = 0.02) -> Dataset:
    data = generate_province(seed=seed, scale=scale, year=2024)
    rng = random.Random(seed)
    fields = (
        "is_working",
        "keeps_residence_contact",
        "education",
        "political_theory",
        "residence_unit_id",
        "ceremony_on",
    )
    members: list[Member] = []
    for member in data.members:
        if rng.random() < blanks:
            blank: dict[str, Any] = {rng.choice(fields): None}
            member = attrs.evolve(member, **blank)
        members.append(member)
    # Units and organizations get blanks and dates too: both paths must read them alike.
    units = []
    for unit in data.units:
        if rng.random() < blanks:
            unit_blank: dict[str, Any] = {
                rng.choice(("has_member", "head_is_member", "chi_bo_id")): None
            }
            unit = attrs.evolve(unit, **unit_blank)
        units.append(unit)
    year = _year(data)
    organizations = []
    for org in data.organizations:
        roll = rng.random()
        day = date(year, 1, 1) + timedelta(rng.randrange(365))
        if roll < blanks / 2 and (org.founded_on is None or org.founded_on < day):
            org = attrs.evolve(org, dissolved_on=day)
        elif roll < blanks and (org.dissolved_on is None or day < org.dissolved_on):
            org = attrs.evolve(org, founded_on=day)
        if org.is_commune and rng.random() < 0.5:
            org = attrs.evolve(org, has_chi_bo_quan_su=None, has_chi_bo_cong_an=None)
        organizations.append(org)
    changes: dict[str, Any] = {
        "members": tuple(members),
        "units": tuple(units),
        "organizations": tuple(organizations),
    }
    return attrs.evolve(data, **changes)


class TestAgreement:
    @FEW
    @given(
        seed=st.integers(0, 2**32 - 1),
        blanks=st.sampled_from([0.0, 0.01, 0.1]),
        rated=st.booleans(),
        day=st.integers(0, 364),
    )
    def test_object_and_frame_paths_agree(
        self, backend: str, seed: int, blanks: float, rated: bool, day: int
    ) -> None:
        """On generated data, both paths give equal tallies for every organization."""
        data = _province(seed, blanks)
        as_of = date(_year(data), 1, 1) + timedelta(days=day)
        evaluations = data.evaluations if rated else None
        expected = rollup(data.tree(), year=_year(data), evaluations=evaluations, as_of=as_of)
        tree = OrgTree.build(data.organizations, units=data.units)
        table = members_frame(data.members, backend=backend)  # type: ignore[arg-type]
        ratings = (
            evaluations_frame(data.evaluations, backend=backend)  # type: ignore[arg-type]
            if rated
            else None
        )
        actual = rollup_frame(tree, table, year=_year(data), evaluations=ratings, as_of=as_of)
        assert dict(expected) == dict(actual)
        assert as_of == actual.as_of
        assert list(expected) == list(actual)

    @pytest.mark.filterwarnings(DASK_NOTICE)
    @FEW
    @given(
        seed=st.integers(0, 2**32 - 1),
        blanks=st.sampled_from([0.0, 0.05]),
        rated=st.booleans(),
        day=st.integers(0, 365),
    )
    def test_every_engine_agrees_with_the_object_path(
        self, engine: str, seed: int, blanks: float, rated: bool, day: int
    ) -> None:
        """Eager or lazy, in memory or in a database engine: the object path's rollup."""
        data = _province(seed, blanks, scale=0.002)
        as_of = date(2024, 1, 1) + timedelta(days=day)
        evaluations = data.evaluations if rated else None
        expected = rollup(data.tree(), year=2024, evaluations=evaluations, as_of=as_of)
        tree = OrgTree.build(data.organizations, units=data.units)
        table, ratings = _engine_tables(list(data.members), evaluations, engine)
        actual = rollup_frame(tree, table, year=2024, evaluations=ratings, as_of=as_of)
        assert dict(expected) == dict(actual)
        assert list(expected) == list(actual)

    @FEW
    @given(shape=st.lists(st.integers(-1, 40), min_size=1, max_size=40), seed=st.integers(0, 99))
    def test_any_forest_sums_like_the_object_path(
        self, backend: str, shape: list[int], seed: int
    ) -> None:
        """Any shape of tree, several roots, deep chains: every subtree's totals are the
        object path's (the frame path sums a subtree as a run of the pre-order)."""
        orgs = [Organization("r", "Đảng bộ tỉnh R", OrgKind.DANG_BO_TINH)]
        for at, above in enumerate(shape, start=1):
            # -1 starts another root; otherwise hang under an earlier đảng bộ.
            parents = [o.id for o in orgs if not o.kind.is_chi_bo]
            parent = None if above < 0 else parents[above % len(parents)]
            kind = OrgKind.DANG_BO_CAP_TREN_CO_SO if parent else OrgKind.DANG_BO_TINH
            if parent is not None and at % 3 == 0:
                kind = OrgKind.CHI_BO_CO_SO
            orgs.append(Organization(f"o{at}", f"Tổ chức {at}", kind, parent_id=parent))
        chi_bo = [o.id for o in orgs if o.kind.is_chi_bo]
        pick = random.Random(seed)
        members = [
            Member(f"m{i}", f"Đảng viên {i}", pick.choice(chi_bo), admitted_on=DAY)
            for i in range(pick.randint(0, 60) if chi_bo else 0)
        ]
        tree = OrgTree.build(orgs, members)
        expected = rollup(tree, year=2024)
        table = members_frame(members, backend=backend)  # type: ignore[arg-type]
        actual = rollup_frame(OrgTree.build(orgs), table, year=2024)
        assert dict(expected) == dict(actual)

    def test_members_inside_the_tree_are_not_read(self, backend: str) -> None:
        """The table is the source of members, whatever the tree holds."""
        data = generate_province(seed=2, scale=0.01)
        table = members_frame(data.members[:10], backend=backend)  # type: ignore[arg-type]
        result = rollup_frame(data.tree(), table, year=_year(data))
        assert (
            sum(m.is_active(date(_year(data), 12, 31)) for m in data.members[:10])
            == (result.root["dang_vien"])
        )


def _with_text(frame: Any, name: str) -> Any:
    """*frame* (polars or pandas) with a column *name* of "x" at its end."""
    if hasattr(frame, "with_columns"):
        import polars as pl

        return frame.with_columns(pl.lit("x").alias(name))
    return frame.assign(**{name: "x"})


class TestTables:
    @pytest.mark.parametrize("extra", ["*", "^.*$", "^id$", "^org_id$", ".*", "_g"])
    def test_an_extra_column_named_like_a_pattern_is_not_read(
        self, backend: str, extra: str
    ) -> None:
        """A column beside the expected ones is not read, whatever its name: polars
        reads ``^.*$`` as a pattern and ``*`` as every column, where a lookup by name
        would take it for them."""
        data = generate_province(seed=3, scale=0.005)
        tree = OrgTree.build(data.organizations, units=data.units)
        year = _year(data)
        for breakdowns in (False, True):
            table = members_frame(data.members, backend=backend, breakdowns=breakdowns)  # type: ignore[arg-type]
            ratings = evaluations_frame(data.evaluations, backend=backend)  # type: ignore[arg-type]
            expected = rollup_frame(
                tree, table, year=year, evaluations=ratings, breakdowns=breakdowns
            )
            table, ratings = (_with_text(frame, extra) for frame in (table, ratings))
            actual = rollup_frame(
                tree, table, year=year, evaluations=ratings, breakdowns=breakdowns
            )
            assert actual == expected

    def test_members_frame_columns(self, backend: str) -> None:
        """members_frame() holds exactly the columns a rollup reads: no personal data."""
        data = generate_province(seed=1, scale=0.01)
        table = members_frame(data.members, backend=backend)  # type: ignore[arg-type]
        assert list(MEMBER_COLUMNS) == list(table.columns)
        assert len(data.members) == len(table)
        assert "full_name" not in table.columns

    def test_evaluations_frame_columns(self, backend: str) -> None:
        """evaluations_frame() holds subject, year, rating abbreviation and subject kind."""
        table = evaluations_frame(
            [Evaluation("dv1", 2024, Rating.HTTNV), Evaluation("cb", 2024, None, subject=ORG)],
            backend=backend,  # type: ignore[arg-type]
        )
        assert list(EVALUATION_COLUMNS) == list(table.columns)
        assert [r for r in table["rating"].to_list() if isinstance(r, str)] == ["HTTNV"]

    def test_unknown_backend(self) -> None:
        """A backend that is neither pandas nor polars is refused."""
        with pytest.raises(ValueError, match="backend"):
            members_frame([], backend="spark")  # type: ignore[arg-type]


def test_ids_hashing_alike_are_joined_by_their_texts(monkeypatch: pytest.MonkeyPatch) -> None:
    """polars joins the members to their ratings by the ids' hashes: unequal ids that
    hash alike (here, every id of one length) are told apart by their texts, and the
    rollup is the records'."""
    import coso_dang.frame as frame_module

    data = generate_province(seed=4, scale=0.01)
    tree = OrgTree.build(data.organizations, units=data.units)
    year = _year(data)
    expected = rollup(data.tree(), year=year, evaluations=data.evaluations)
    members = members_frame(data.members, backend="polars")
    ratings = evaluations_frame(data.evaluations, backend="polars")
    assert rollup_frame(tree, members, year=year, evaluations=ratings) == expected
    joins = []
    by_texts = frame_module._with_ratings

    def counted(*args: Any, **kwargs: Any) -> Any:
        joins.append(kwargs.get("hashed", False))
        return by_texts(*args, **kwargs)

    monkeypatch.setattr(frame_module, "_with_ratings", counted)
    monkeypatch.setattr(
        frame_module, "_id_hash", lambda pl, column: pl.col(column).str.len_bytes().cast(pl.UInt64)
    )
    assert rollup_frame(tree, members, year=year, evaluations=ratings) == expected
    assert joins == [True, False]  # hashes first, then the texts


ORG = SubjectKind.ORGANIZATION
DAY = date(2020, 1, 1)


def _small() -> OrgTree:
    return OrgTree.build(
        [
            Organization("x", "Đảng bộ xã X", OrgKind.DANG_BO_CO_SO),
            Organization("c", "Chi bộ 1", OrgKind.CHI_BO_TRUC_THUOC, parent_id="x"),
        ]
    )


def _people(*pairs: tuple[str, str]) -> list[Member]:
    return [Member(i, f"Đảng viên {i}", org, admitted_on=DAY) for i, org in pairs]


def _record_problems(members: list[Member], evaluations: list[Evaluation]) -> list[str]:
    """The problems the object path lists for *evaluations* of *members* in _small()."""
    with pytest.raises(TreeError) as caught:
        rollup(OrgTree.build(list(_small()), members), year=2024, evaluations=evaluations)
    return [str(p) for p in caught.value.problems]


@pytest.mark.filterwarnings(DASK_NOTICE)
class TestErrors:
    def test_members_outside_a_chi_bo(self, engine: str) -> None:
        """Members of unknown organizations or of a đảng bộ are listed in one TreeError."""
        table, _ = _engine_tables(_people(("a", "c"), ("b", "x"), ("d", "nowhere")), None, engine)
        with pytest.raises(TreeError) as caught:
            rollup_frame(_small(), table, year=2024)
        assert {"x", "nowhere"} == {p.value for p in caught.value.problems}

    def test_duplicate_member_ids(self, engine: str) -> None:
        """A member id twice in the table is an error, not a double count."""
        table, _ = _engine_tables(_people(("a", "c"), ("a", "c"), ("b", "c")), None, engine)
        with pytest.raises(TreeError, match="mã bị trùng") as caught:
            rollup_frame(_small(), table, year=2024)
        assert ["a"] == [p.value for p in caught.value.problems]

    def test_a_member_without_an_id(self, engine: str) -> None:
        """A member row without an id is refused (a record cannot have none): one such
        row was counted unseen, two were "mã bị trùng" of ``None``."""
        pl = importlib.import_module("polars")
        table = members_frame(_people(("a", "c"), ("b", "c"), ("d", "c")))
        for missing in (["b"], ["b", "d"]):
            blank = table.with_columns(
                pl.when(pl.col("id").is_in(missing)).then(None).otherwise(pl.col("id")).alias("id")
            )
            with pytest.raises(TreeError) as caught:
                rollup_frame(_small(), _as_engine(blank, engine), year=2024)
            assert [(p.field, p.reason) for p in caught.value.problems] == [
                ("id", "bắt buộc, không được để trống")
            ]

    def test_a_member_without_an_organization(self, engine: str) -> None:
        """A member row without an org_id is refused as a required value left blank, in
        every engine: a pandas or Dask table (NaN, NA) failed on the missing value with
        an English TypeError, the others named an organization «None»."""
        pl = importlib.import_module("polars")
        table = members_frame(_people(("a", "c"), ("b", "c"))).with_columns(
            pl.when(pl.col("id") == "b").then(None).otherwise(pl.col("org_id")).alias("org_id")
        )
        with pytest.raises(TreeError) as caught:
            rollup_frame(_small(), _as_engine(table, engine), year=2024)
        assert [(p.field, p.value, p.reason) for p in caught.value.problems] == [
            ("org_id", "", "bắt buộc, không được để trống")
        ]

    @pytest.mark.parametrize("subject", ["member", "organization"])
    def test_an_evaluation_without_a_subject_id(self, engine: str, subject: str) -> None:
        """An evaluation row without a subject_id is refused as a required value left
        blank, in every engine: it was a member or organization named «None», «nan» or
        «<NA>» by engine, and an organization's failed in pandas with an English
        TypeError."""
        pl = importlib.import_module("polars")
        ratings = evaluations_frame(
            [Evaluation("a", 2024, Rating.HTTNV), Evaluation("c", 2024, Rating.HTNV, subject=ORG)]
        ).with_columns(
            pl.when(pl.col("subject") == subject)
            .then(None)
            .otherwise(pl.col("subject_id"))
            .alias("subject_id")
        )
        table = members_frame(_people(("a", "c")))
        with pytest.raises(TreeError) as caught:
            rollup_frame(
                _small(),
                _as_engine(table, engine),
                year=2024,
                evaluations=_as_engine(ratings, engine),
            )
        assert [(p.field, p.value, p.reason) for p in caught.value.problems] == [
            ("subject_id", "", "bắt buộc, không được để trống")
        ]

    def test_an_evaluation_given_twice_names_its_year(self, engine: str) -> None:
        """A member or organization evaluated twice in the year is listed with that year,
        as the records list it ("year = '2024'"); the table paths gave no value."""
        members = _people(("a", "c"))
        for twice in (
            [Evaluation("a", 2024, Rating.HTTNV), Evaluation("a", 2024, Rating.HTNV)],
            [Evaluation("c", 2024, Rating.HTTNV, subject=ORG)] * 2,
        ):
            expected = _record_problems(members, twice)
            table, ratings = _engine_tables(members, twice, engine)
            with pytest.raises(TreeError) as caught:
                rollup_frame(_small(), table, year=2024, evaluations=ratings)
            assert [str(p) for p in caught.value.problems] == expected

    def test_evaluations_of_another_library_are_refused(self) -> None:
        """An evaluations table of another library than the members table (pandas
        beside polars, polars beside a DuckDB relation) is refused naming the argument:
        the join failed inside narwhals with an AttributeError or a TypeError."""
        duckdb = pytest.importorskip("duckdb")
        pytest.importorskip("pandas")
        members = members_frame(_people(("a", "c")))
        ratings = evaluations_frame([Evaluation("a", 2024, Rating.HTTNV)])
        for table, other in (
            (members, ratings.to_pandas()),
            (duckdb.from_arrow(members.to_arrow()), ratings),
            (members.to_pandas(), ratings.to_arrow()),
        ):
            with pytest.raises(UsageError, match="evaluations"):
                rollup_frame(_small(), table, year=2024, evaluations=other)
        # Eager and lazy tables of one library go together, and Dask joins pandas.
        assert rollup_frame(_small(), members.lazy(), year=2024, evaluations=ratings)
        dd = pytest.importorskip("dask.dataframe")
        expected = rollup_frame(_small(), members, year=2024, evaluations=ratings)
        table = dd.from_pandas(members_frame(_people(("a", "c")), backend="pandas"), npartitions=1)
        actual = rollup_frame(_small(), table, year=2024, evaluations=ratings.to_pandas())
        assert dict(expected) == dict(actual)

    def test_evaluations_table_columns_as_the_sql_path_reads_them(self, engine: str) -> None:
        """An evaluations table without a ``subject`` column holds members' evaluations,
        as the SQL path reads one; one without ``subject_id``, ``year`` or ``rating`` is
        refused naming the column, as the SQL path refuses it. They failed with the
        engine's KeyError or ColumnNotFoundError, in English."""
        members = _people(("a", "c"), ("b", "c"))
        evaluations = [Evaluation("a", 2024, Rating.HTTNV), Evaluation("b", 2024, Rating.HTNV)]
        expected = rollup(
            OrgTree.build(list(_small()), members), year=2024, evaluations=evaluations
        )
        table = members_frame(members)
        ratings = evaluations_frame(evaluations)
        actual = rollup_frame(
            _small(),
            _as_engine(table, engine),
            year=2024,
            evaluations=_as_engine(ratings.drop("subject"), engine),
        )
        assert dict(expected) == dict(actual)
        for column in ("subject_id", "year", "rating"):
            with pytest.raises(RecordError) as caught:
                rollup_frame(
                    _small(),
                    _as_engine(table, engine),
                    year=2024,
                    evaluations=_as_engine(ratings.drop(column), engine),
                )
            problem = caught.value.problem
            assert (problem.field, problem.reason) == (column, f"thiếu cột {column}")

    @pytest.mark.parametrize("column", ["id", "org_id"])
    def test_a_members_table_without_its_ids(self, engine: str, column: str) -> None:
        """A members table without ``id`` or ``org_id`` is refused naming the column, as
        the SQL path refuses it: it failed with the engine's KeyError or
        ColumnNotFoundError, in English."""
        table = members_frame(_people(("a", "c"))).drop(column)
        with pytest.raises(RecordError) as caught:
            rollup_frame(_small(), _as_engine(table, engine), year=2024)
        problem = caught.value.problem
        assert (problem.field, problem.reason) == (column, f"thiếu cột {column}")

    def test_stray_and_duplicate_evaluations(self, engine: str) -> None:
        """Evaluations of unknown subjects, or twice for one, raise a TreeError."""
        members = _people(("a", "c"))
        cases = [
            [Evaluation("ghost", 2024, Rating.HTTNV)],
            [Evaluation("a", 2024, Rating.HTTNV), Evaluation("a", 2024, Rating.HTNV)],
            [Evaluation("nowhere", 2024, Rating.HTTNV, subject=ORG)],
            [Evaluation("c", 2024, Rating.HTTNV, subject=ORG)] * 2,
        ]
        reasons = [
            "không có đảng viên này trong cây",
            "được đánh giá hai lần",
            "không có tổ chức này trong cây",
            "được đánh giá hai lần",
        ]
        for evaluations, reason in zip(cases, reasons, strict=True):
            table, ratings = _engine_tables(members, evaluations, engine)
            with pytest.raises(TreeError, match=reason):
                rollup_frame(_small(), table, year=2024, evaluations=ratings)

    def test_a_rating_spelled_as_a_record_reads_it(self, engine: str) -> None:
        """A rating written otherwise than its abbreviation ("httnv", a label, in NFD,
        with spaces) is counted at its level, as a record reads it and as
        RatingRound.from_frames counts it (it was refused here, counted there); a text
        that names no level ("Tốt") is listed, counted at none."""
        pl = importlib.import_module("polars")
        members = _people(("a", "c"), ("b", "c"))
        evaluations = [
            Evaluation("a", 2024, Rating.HTTNV),
            Evaluation("b", 2024, Rating.HTXSNV),
            Evaluation("c", 2024, Rating.HTTNV, subject=ORG),
        ]
        table = members_frame(members)
        expected = rollup(
            OrgTree.build(list(_small().walk()), members), year=2024, evaluations=evaluations
        )
        label = unicodedata.normalize("NFD", "Hoàn thành xuất sắc nhiệm vụ")
        for subject, written in (("a", "httnv"), ("b", label), ("c", " HTTNV ")):
            ratings = evaluations_frame(evaluations).with_columns(
                pl.when(pl.col("subject_id") == subject)
                .then(pl.lit(written))
                .otherwise(pl.col("rating"))
                .alias("rating")
            )
            actual = rollup_frame(
                _small(),
                _as_engine(table, engine),
                year=2024,
                evaluations=_as_engine(ratings, engine),
            )
            assert dict(actual) == dict(expected)
            wrong = ratings.with_columns(
                pl.when(pl.col("subject_id") == "b")
                .then(pl.lit("Tốt"))
                .otherwise("rating")
                .alias("rating")
            )
            with pytest.raises(TreeError) as caught:
                rollup_frame(
                    _small(),
                    _as_engine(table, engine),
                    year=2024,
                    evaluations=_as_engine(wrong, engine),
                )
            assert [(p.where, p.value) for p in caught.value.problems] == [("Đánh giá 'b'", "Tốt")]

    def test_members_without_an_admission_date(self, engine: str) -> None:
        """A member row without an admission date counted in no population, unseen (the
        SQL path refuses it, and a record cannot have none): it is listed instead."""
        pl = importlib.import_module("polars")
        table = members_frame(_people(("a", "c"), ("b", "c"), ("d", "c"))).with_columns(
            pl.when(pl.col("id") != "a")
            .then(None)
            .otherwise(pl.col("admitted_on"))
            .alias("admitted_on")
        )
        with pytest.raises(TreeError) as caught:
            rollup_frame(_small(), _as_engine(table, engine), year=2024)
        assert [(p.where, p.field) for p in caught.value.problems] == [
            ("Đảng viên 'b'", "admitted_on"),
            ("Đảng viên 'd'", "admitted_on"),
        ]

    def test_missing_extra(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Without the extra, the DataFrame path names what to install."""
        real = importlib.import_module

        def fake(name: str, package: str | None = None) -> Any:
            if name in ("narwhals", "polars", "pandas"):
                raise ImportError(f"No module named {name!r}")
            return real(name, package)

        monkeypatch.setattr(importlib, "import_module", fake)
        with pytest.raises(ImportError, match=r'pip install "coso-dang\[dataframe\]"'):
            rollup_frame(_small(), object(), year=2024)
        with pytest.raises(ImportError, match=r'pip install "coso-dang\[dataframe\]"'):
            members_frame([], backend="polars")


def _as_engine(table: Any, engine: str) -> Any:
    """A polars members or evaluations table as *engine* holds it (pandas and Dask
    through pandas' own conversion)."""
    if engine in ("pandas", "dask"):
        pl = importlib.import_module("polars")
        native = table.to_pandas()
        for name, dtype in table.schema.items():
            if dtype == pl.Boolean:  # nullable booleans, as members_frame makes them
                native[name] = native[name].astype("boolean")
        if engine == "dask":
            dd = importlib.import_module("dask.dataframe")
            return dd.from_pandas(native, npartitions=2)
        return native
    return in_engine(table, engine)


def _edge_members() -> list[Member]:
    """Members whose dates fall on the reporting day's edges (31/12/2024, 1/1/2024)."""
    last, first = date(2024, 12, 31), date(2024, 1, 1)
    return [
        Member("a", "Đảng viên a", "c", admitted_on=last, is_working=True),
        Member("b", "Đảng viên b", "c", admitted_on=DAY, left_on=last, is_working=True),
        Member("d", "Đảng viên d", "c", admitted_on=first, ceremony_on=first, is_working=False),
        Member(
            "e", "Đảng viên e", "c", admitted_on=date(2023, 12, 31), left_on=first, is_working=True
        ),
    ]


@pytest.mark.filterwarnings(DASK_NOTICE)
class TestInputKinds:
    """Tables as other projects hold them: the same rollup as the object path."""

    def test_datetimes_count_by_their_day(self, engine: str) -> None:
        """Dates held as datetimes with a time of day (an export's timestamps, in a time
        zone or not) count by their day: admitted at 10:00 on 31/12 is admitted on the
        reporting day, as the member record says."""
        pl = importlib.import_module("polars")
        members = _edge_members()
        expected = rollup(OrgTree.build(list(_small()), members), year=2024)
        table = members_frame(members)
        dates = [name for name, dtype in table.schema.items() if dtype == pl.Date]
        # Vietnam's own zone too: narwhals reads no pandas zone with an underscore in its
        # name, and such a column was refused with pandas' TypeError. At 01:00 local
        # time a day is the day before in UTC; DuckDB keeps an instant, not its zone, and
        # reads its day in the session's zone: it is given 10:00.
        hours = 10 if engine == "duckdb" else 1
        for zone in (None, "Asia/Bangkok", "Asia/Ho_Chi_Minh"):
            timed = table.with_columns(
                (
                    pl.col(name).cast(pl.Datetime("us")) + pl.duration(hours=hours)
                ).dt.replace_time_zone(zone)
                for name in dates
            )
            actual = rollup_frame(_small(), _as_engine(timed, engine), year=2024)
            assert dict(expected) == dict(actual), zone

    @FEW
    @given(timed=st.lists(st.booleans(), min_size=4, max_size=4), zoned=st.booleans())
    def test_days_beside_datetimes(self, engine: str, timed: list[bool], zoned: bool) -> None:
        """Some date columns days, others datetimes (in a zone or not): counted as the
        records are, where a count setting a datetime beside a day (the ceremony's, else
        the admission's) was refused by Arrow."""
        pl = importlib.import_module("polars")
        members = [
            *_edge_members(),
            Member(
                "f",
                "Đảng viên f",
                "c",
                admitted_on=date(2023, 12, 31),
                ceremony_on=date(2024, 1, 1),
                official_on=date(2025, 1, 2),
            ),
        ]
        expected = rollup(OrgTree.build(list(_small()), members), year=2024)
        table = members_frame(members)
        zone = "Asia/Bangkok" if zoned and engine != "duckdb" else None
        names = ("admitted_on", "ceremony_on", "official_on", "left_on")
        moved = table.with_columns(
            (pl.col(name).cast(pl.Datetime("us")) + pl.duration(hours=10)).dt.replace_time_zone(
                zone
            )
            for name, chosen in zip(names, timed, strict=True)
            if chosen
        )
        actual = rollup_frame(_small(), _as_engine(moved, engine), year=2024)
        assert dict(expected) == dict(actual)

    @FEW
    @given(spellings=st.lists(st.integers(0, 4), min_size=4, max_size=4))
    def test_dates_held_as_iso_text(self, engine: str, spellings: list[int]) -> None:
        """Dates held as ISO text (a CSV read without parsing dates, an export's
        timestamps as text), with white space or a time of day after the day, and blank
        where none is recorded: the days the records hold, as the SQL path reads such a
        column. Compared with the reporting day as they came, they were refused with
        each engine's own error in English (polars, pandas, pyarrow, Dask)."""
        pl = importlib.import_module("polars")
        members = _edge_members()
        expected = rollup(OrgTree.build(list(_small()), members), year=2024)
        table = members_frame(members)
        forms = ("{}", " {} ", "{} 10:00", "{}T23:59:59", "\t{}\xa0")
        columns = [name for name, dtype in table.schema.items() if dtype == pl.Date]
        written = table.with_columns(
            pl.col(name).map_elements(forms[way].format, return_dtype=pl.String)
            for name, way in zip(columns, spellings, strict=True)
        ).with_columns(  # no date: blank text in some columns, null in the others
            pl.col(name).fill_null("")
            for name, way in zip(columns, spellings, strict=True)
            if way % 2
        )
        actual = rollup_frame(_small(), _as_engine(written, engine), year=2024)
        assert dict(expected) == dict(actual)
        # A column blank throughout (no member has that date) and one holding no text.
        blank = written.with_columns(
            pl.lit(" ", dtype=pl.String).alias("left_on"),
            pl.lit(None, dtype=pl.String).alias("ceremony_on"),
        )
        actual = rollup_frame(_small(), _as_engine(blank, engine), year=2024)
        without = [attrs.evolve(m, ceremony_on=None, left_on=None) for m in members]
        assert dict(rollup(OrgTree.build(list(_small()), without), year=2024)) == dict(actual)

    def test_text_that_is_no_iso_date_is_refused(self, engine: str) -> None:
        """A date column held as text that is no date written YYYY-MM-DD (``02/03/2015``,
        read otherwise by each engine, or not at all) is refused naming its members, as
        the SQL path refuses it, not with an engine's error in English."""
        pl = importlib.import_module("polars")
        table = members_frame(_edge_members()).with_columns(
            pl.col("admitted_on").cast(pl.String),
            pl.col("left_on").cast(pl.String).replace({"2024-12-31": "31/12/2024"}),
        )
        with pytest.raises(TreeError) as caught:
            rollup_frame(_small(), _as_engine(table, engine), year=2024)
        assert [(p.where, p.field, p.reason) for p in caught.value.problems] == [
            ("Đảng viên 'b'", "left_on", "phải là một ngày dạng YYYY-MM-DD")
        ]
        # A moment written with its zone (Hà Nội's midnight in UTC) is refused too, as
        # the loaders refuse it: read by its first ten characters, it was the day before.
        for written in ("2024-12-30 17:00:00+00:00", "2024-12-30T17:00:00Z"):
            zoned = table.with_columns(
                pl.col("left_on").replace({"31/12/2024": written}),
            )
            with pytest.raises(TreeError) as caught:
                rollup_frame(_small(), _as_engine(zoned, engine), year=2024)
            assert [(p.where, p.field) for p in caught.value.problems] == [
                ("Đảng viên 'b'", "left_on")
            ], written

    @pytest.mark.parametrize("zone", ["UTC", "Asia/Tokyo", "America/New_York"])
    def test_moments_in_a_time_zone_are_days_in_vietnam(self, engine: str, zone: str) -> None:
        """Dates held as moments in a time zone (Spark and many apps write UTC) are the
        day in Vietnam (UTC+7), as the loaders read such a Parquet column: Hà Nội's
        midnight on 31/12, written 17:00 UTC on 30/12, is an admission on 31/12. Each
        engine took another day: polars, pandas and pyarrow the day in the column's
        zone, DuckDB the day in its session's zone."""
        pl = importlib.import_module("polars")
        members = _edge_members()
        expected = rollup(OrgTree.build(list(_small()), members), year=2024)
        table = members_frame(members)
        dates = [name for name, dtype in table.schema.items() if dtype == pl.Date]
        for hour in (0, 23):  # the first and the last hour of the day in Vietnam
            moments = table.with_columns(
                (pl.col(name).cast(pl.Datetime("us")) + pl.duration(hours=hour))
                .dt.replace_time_zone("Etc/GMT-7")
                .dt.convert_time_zone(zone)
                for name in dates
            )
            actual = rollup_frame(_small(), _as_engine(moments, engine), year=2024)
            assert dict(expected) == dict(actual), hour

    def test_yes_no_columns_as_text_or_numbers(self, engine: str) -> None:
        """Yes/no columns as other tables hold them: ``"True"``/``"false"`` text (a CSV,
        or Dask's conversion of a column of Python booleans, where ``"False"`` was taken
        for true), 1/0 with gaps; a gap or other text is unknown, as in the record."""
        pl = importlib.import_module("polars")
        members = [
            Member(
                f"m{i}",
                f"Đảng viên {i}",
                "c",
                admitted_on=DAY,
                is_working=w,
                keeps_residence_contact=k,
            )
            for i, (w, k) in enumerate(
                [(True, True), (True, False), (False, None), (None, None), (True, None)]
            )
        ]
        tree = OrgTree.build(list(_small()), members)
        expected = rollup(tree, year=2024)
        table = members_frame(members)
        flags = ("is_working", "keeps_residence_contact")
        spelled = {True: "True", False: "false"}
        kinds = {
            "text": [pl.col(f).replace_strict(spelled, return_dtype=pl.String) for f in flags],
            "numbers": [pl.col(f).cast(pl.Int8) for f in flags],
        }
        for kind, columns in kinds.items():
            actual = rollup_frame(
                _small(), _as_engine(table.with_columns(columns), engine), year=2024
            )
            assert dict(expected) == dict(actual), kind
        if engine in ("pandas", "dask"):  # Python's True, False and None in an object column
            native = table.to_pandas()
            if engine == "dask":
                dd = importlib.import_module("dask.dataframe")
                native = dd.from_pandas(native, npartitions=2)
            assert dict(expected) == dict(rollup_frame(_small(), native, year=2024))

    def test_yes_no_texts_with_white_space_around(self, engine: str) -> None:
        """Yes/no texts with white space around (a tab, a line break, a no-break space,
        as pasted from a spreadsheet) read as yes and no on every engine, and one with a
        control character around it as the loaders read it (Python strips the separators
        of files and records): each engine stripped its own set of characters (pyarrow
        and DuckDB not a next-line or line separator, pandas also separators of files and
        records), so one table gave different counts."""
        pl = importlib.import_module("polars")
        texts = ["\ttrue", "FALSE\n", "\xa0True\u3000", "\x85\r\n0 ", "1\u2028"]
        members = [
            Member(f"m{i}", f"Đảng viên {i}", "c", admitted_on=DAY, is_working=w)
            for i, w in enumerate([True, False, True, False, True])
        ]
        expected = rollup(OrgTree.build(list(_small()), members), year=2024)
        table = members_frame(members).with_columns(pl.Series("is_working", texts))
        actual = rollup_frame(_small(), _as_engine(table, engine), year=2024)
        assert actual.root["dang_vien_dang_cong_tac"] == 3
        assert dict(expected) == dict(actual)
        controls = members_frame(members).with_columns(is_working=pl.lit("\x1ctrue"))
        actual = rollup_frame(_small(), _as_engine(controls, engine), year=2024)
        assert BoolCodec().from_text("\x1ctrue") is True  # the loaders' reading
        assert actual.root["dang_vien_dang_cong_tac"] == 5

    def test_yes_no_numbers_with_nan_gaps(self, engine: str) -> None:
        """A yes/no column held as floats, its gaps NaN (as polars and Arrow keep a
        float column's gaps): a NaN is unknown, as a gap is, not yes."""
        pl = importlib.import_module("polars")
        members = [
            Member(f"m{i}", f"Đảng viên {i}", "c", admitted_on=DAY, is_working=w)
            for i, w in enumerate([True, False, None, False])
        ]
        tree = OrgTree.build(list(_small()), members)
        expected = rollup(tree, year=2024)
        column = pl.Series("is_working", [1.0, 0.0, float("nan"), 0.0])
        table = members_frame(members).with_columns(column)
        actual = rollup_frame(_small(), _as_engine(table, engine), year=2024)
        assert dict(expected) == dict(actual)

    def test_years_held_as_text(self, engine: str) -> None:
        """An evaluations table whose years are text ("2024", as a CSV read without
        types gives them) counts the year's ratings; pandas matched none, and the rating
        counts came out known and zero."""
        pl = importlib.import_module("polars")
        members = _people(("a", "c"), ("b", "c"))
        evaluations = [
            Evaluation("a", 2024, Rating.HTTNV),
            Evaluation("b", 2024, Rating.HTXSNV),
            Evaluation("b", 2023, Rating.HTNV),
            Evaluation("c", 2024, Rating.HTTNV, subject=ORG),
        ]
        expected = rollup(
            OrgTree.build(list(_small()), members), year=2024, evaluations=evaluations
        )
        ratings = evaluations_frame(evaluations).with_columns(pl.col("year").cast(pl.String))
        actual = rollup_frame(
            _small(),
            _as_engine(members_frame(members), engine),
            year=2024,
            evaluations=_as_engine(ratings, engine),
        )
        assert dict(expected) == dict(actual)

    def test_years_with_gaps_or_spaces(self, engine: str) -> None:
        """Years as a CSV reader gives them when a row has none (floats, the gap NaN, as
        pandas reads it; text with a gap) or typed with a space ("2024 "): a gap is no
        year, as in the SQL path, and a space around a year is read as SQL's cast reads
        it. pandas refused the gaps, polars the spaces."""
        pl = importlib.import_module("polars")
        members = _people(("a", "c"), ("b", "c"))
        evaluations = [
            Evaluation("a", 2024, Rating.HTTNV),
            Evaluation("b", 2024, Rating.HTXSNV),
            Evaluation("c", 2024, Rating.HTTNV, subject=ORG),
            Evaluation("b", 2023, Rating.HTNV),
        ]
        expected = rollup(
            OrgTree.build(list(_small()), members), year=2024, evaluations=evaluations
        )
        table = _as_engine(members_frame(members), engine)
        ratings = evaluations_frame([*evaluations, Evaluation("a", 2023, Rating.HTNV)])
        years = {
            "floats": pl.Series("year", [2024.0, 2024.0, 2024.0, 2023.0, float("nan")]),
            "texts": pl.Series("year", ["2024 ", " 2024", "2024", "2023", None]),
        }
        for kind, column in years.items():
            actual = rollup_frame(
                _small(),
                table,
                year=2024,
                evaluations=_as_engine(ratings.with_columns(column), engine),
            )
            assert dict(expected) == dict(actual), kind

    def test_years_that_are_no_whole_number_are_refused(self, engine: str) -> None:
        """A year that is no whole number ("2024.0" as a CSV written from floats has it,
        "năm 2024", 2024.5) matched no year: the evaluation was left out without a word
        and its member counted unrated. Refused now, naming the evaluation, as the
        loaders refuse such a cell; a gap is still no year."""
        pl = importlib.import_module("polars")
        members = _people(("a", "c"), ("b", "c"))
        table = _as_engine(members_frame(members), engine)
        ratings = evaluations_frame(
            [Evaluation("a", 2024, Rating.HTTNV), Evaluation("b", 2024, Rating.HTNV)]
        )
        for column, wrong in (
            (pl.Series("year", ["2024.0", "2024"]), ("a", "2024.0")),
            (pl.Series("year", ["2024", "năm 2024"]), ("b", "năm 2024")),
            (pl.Series("year", [2024.0, 2024.5]), ("b", "2024.5")),
        ):
            given = _as_engine(ratings.with_columns(column), engine)
            with pytest.raises(TreeError) as raised:
                rollup_frame(_small(), table, year=2024, evaluations=given)
            problems = raised.value.problems
            assert [(p.where, p.field, p.value) for p in problems] == [
                (f"Đánh giá {wrong[0]!r}", "year", "")  # the value not quoted
            ]
            assert wrong[1] not in str(raised.value)

    def test_ids_typed_in_nfd(self, engine: str) -> None:
        """Ids typed in NFD are the records' NFC ids: a chi bộ's members, split between
        the two spellings, add up; a residence in NFD gives its unit a member (it was
        "no member", silently); an organization's rating finds it."""
        from unicodedata import normalize

        pl = importlib.import_module("polars")
        organizations = [
            Organization("xã", "Đảng bộ xã Tân Lập", OrgKind.DANG_BO_CO_SO),
            Organization("thôn", "Chi bộ thôn Đông", OrgKind.CHI_BO_TRUC_THUOC, parent_id="xã"),
        ]
        units = [ResidentialUnit("thôn_đông", "Thôn Đông", "xã", chi_bo_id="thôn")]
        members = [
            Member(f"m{i}", f"Đảng viên {i}", "thôn", admitted_on=DAY, residence_unit_id=unit)
            for i, unit in enumerate(["thôn_đông", None, None])
        ]
        evaluations = [Evaluation("thôn", 2024, Rating.HTTNV, subject=ORG)]
        expected = rollup(
            OrgTree.build(organizations, members, units), year=2024, evaluations=evaluations
        )
        assert expected.root["thon_co_dang_vien"] == 1
        nfd = {"thôn": normalize("NFD", "thôn"), "thôn_đông": normalize("NFD", "thôn_đông")}
        table = members_frame(members).with_columns(
            pl.when(pl.col("id") != "m2")
            .then(pl.col("org_id").replace(nfd))
            .otherwise(pl.col("org_id"))
            .alias("org_id"),
            pl.col("residence_unit_id").replace(nfd),
        )
        ratings = evaluations_frame(evaluations).with_columns(pl.col("subject_id").replace(nfd))
        actual = rollup_frame(
            OrgTree.build(organizations, units=units),
            _as_engine(table, engine),
            year=2024,
            evaluations=_as_engine(ratings, engine),
        )
        assert dict(expected) == dict(actual)

    @pytest.mark.parametrize("empty", ["subject", "period", "year", "every"])
    def test_evaluation_columns_left_empty_throughout(self, engine: str, empty: str) -> None:
        """An evaluations column left empty throughout is of no type (Arrow's null type,
        as a CSV reader makes of it): no subject and no period are the members' yearly
        reviews, no year is of no year, as the records read them. Arrow and DuckDB
        refused to join such a column."""
        pl = importlib.import_module("polars")
        members = _people(("a", "c"), ("b", "c"))
        evaluations = [Evaluation("a", 2024, Rating.HTTNV), Evaluation("b", 2024, Rating.HTNV)]
        table = evaluations_frame(evaluations).with_columns(pl.lit("nam").alias("period"))
        if empty == "every":
            table = pl.DataFrame({name: [] for name in table.columns})
        else:
            table = table.with_columns(pl.lit(None).alias(empty))
        assert all(
            table.schema[name] == pl.Null for name in table.columns if empty in (name, "every")
        )
        counted = [] if empty in ("year", "every") else evaluations
        expected = rollup(OrgTree.build(list(_small()), members), year=2024, evaluations=counted)
        actual = rollup_frame(
            _small(),
            _as_engine(members_frame(members), engine),
            year=2024,
            evaluations=_as_engine(table, engine),
        )
        assert dict(expected) == dict(actual)

    def test_chi_bo_ids_typed_in_nfd_with_breakdowns(self, engine: str) -> None:
        """A chi bộ id typed in NFD is the tree's NFC id in the breakdowns too: its
        members are counted by sex and age there, as the records count them (the rollup
        failed with numpy's IndexError, the id placed at no position)."""
        from unicodedata import normalize

        pl = importlib.import_module("polars")
        organizations = [
            Organization("xã", "Đảng bộ xã Tân Lập", OrgKind.DANG_BO_CO_SO),
            Organization("thôn", "Chi bộ thôn Đông", OrgKind.CHI_BO_TRUC_THUOC, parent_id="xã"),
            Organization("ấp", "Chi bộ ấp Tây", OrgKind.CHI_BO_TRUC_THUOC, parent_id="xã"),
        ]
        members = [
            Member(
                f"m{i}",
                f"Đảng viên {i}",
                org,
                admitted_on=DAY,
                gender=Gender.NU if i % 2 else Gender.NAM,
                birth_date=date(1960 + 7 * i, 3, 1),
            )
            for i, org in enumerate(["thôn", "thôn", "ấp", "thôn"])
        ]
        kinds = ("gioi_tinh", "tuoi")
        expected = rollup(OrgTree.build(organizations, members), year=2024, breakdowns=kinds)
        nfd = {org.id: normalize("NFD", org.id) for org in organizations}
        table = members_frame(members, breakdowns=True).with_columns(
            # One of the chi bộ's members in NFC, the others in NFD: the sums add up.
            pl.when(pl.col("id") != "m3")
            .then(pl.col("org_id").replace(nfd))
            .otherwise(pl.col("org_id"))
            .alias("org_id")
        )
        actual = rollup_frame(
            OrgTree.build(organizations),
            _as_engine(table, engine),
            year=2024,
            breakdowns=kinds,
        )
        assert dict(expected) == dict(actual)

    def test_member_ids_typed_in_nfd(self, engine: str) -> None:
        """A member id typed in NFD is the records' NFC id: its evaluation, typed in NFC,
        finds it (it was refused as of no member in the tree), and the member typed both
        ways in one table is a duplicate (it was counted twice, without a word)."""
        from unicodedata import normalize

        pl = importlib.import_module("polars")
        members = _people(("hồ_1", "c"), ("hồ_2", "c"), ("a", "c"))
        evaluations = [Evaluation("hồ_1", 2024, Rating.HTTNV), Evaluation("a", 2024, Rating.HTNV)]
        expected = rollup(
            OrgTree.build(list(_small()), members), year=2024, evaluations=evaluations
        )
        nfd = {"hồ_1": normalize("NFD", "hồ_1"), "hồ_2": normalize("NFD", "hồ_2")}
        table = members_frame(members).with_columns(pl.col("id").replace(nfd))
        ratings = evaluations_frame(evaluations)
        actual = rollup_frame(
            _small(),
            _as_engine(table, engine),
            year=2024,
            evaluations=_as_engine(ratings, engine),
        )
        assert dict(expected) == dict(actual)
        # The evaluations in NFD, the members in NFC: the same.
        actual = rollup_frame(
            _small(),
            _as_engine(members_frame(members), engine),
            year=2024,
            evaluations=_as_engine(ratings.with_columns(pl.col("subject_id").replace(nfd)), engine),
        )
        assert dict(expected) == dict(actual)
        twice = pl.concat([members_frame(members), table.head(1)])
        with pytest.raises(TreeError) as caught:
            rollup_frame(_small(), _as_engine(twice, engine), year=2024)
        assert [(p.value, p.reason) for p in caught.value.problems] == [("hồ_1", "mã bị trùng")]

    def test_ids_as_categories_or_numbers(self, engine: str) -> None:
        """Ids held as categories (dictionary-encoded text) or as whole numbers join the
        evaluations' ids (polars refused to join a category column to text)."""
        pl = importlib.import_module("polars")
        members = _people(("1", "c"), ("2", "c"))
        evaluations = [
            Evaluation("1", 2024, Rating.HTTNV),
            Evaluation("2", 2024, Rating.HTXSNV),
            Evaluation("c", 2024, Rating.HTTNV, subject=ORG),
        ]
        expected = rollup(
            OrgTree.build(list(_small()), members), year=2024, evaluations=evaluations
        )
        table, ratings = members_frame(members), evaluations_frame(evaluations)
        cases = {
            "categories": (
                table.with_columns(pl.col("id", "org_id").cast(pl.Categorical)),
                ratings.with_columns(pl.col("subject_id").cast(pl.Categorical)),
            ),
            "numbers": (table.with_columns(pl.col("id").cast(pl.Int64)), ratings),
        }
        for kind, (members_table, ratings_table) in cases.items():
            actual = rollup_frame(
                _small(),
                _as_engine(members_table, engine),
                year=2024,
                evaluations=_as_engine(ratings_table, engine),
            )
            assert dict(expected) == dict(actual), kind

    def test_evaluation_subjects(self, engine: str) -> None:
        """No subject is a member's, as an Evaluation's default and the SQL path's (the
        evaluation was dropped, and the rating counts came out known and short); a
        subject that is neither kind ("MEMBER") is listed, not dropped."""
        pl = importlib.import_module("polars")
        members = _people(("a", "c"), ("b", "c"))
        evaluations = [
            Evaluation("a", 2024, Rating.HTTNV),
            Evaluation("b", 2024, Rating.HTXSNV),
            Evaluation("c", 2024, Rating.HTTNV, subject=ORG),
        ]
        expected = rollup(
            OrgTree.build(list(_small()), members), year=2024, evaluations=evaluations
        )
        table, ratings = _as_engine(members_frame(members), engine), evaluations_frame(evaluations)
        unsaid = ratings.with_columns(
            pl.when(pl.col("subject") == "member")
            .then(None)
            .otherwise(pl.col("subject"))
            .alias("subject")
        )
        actual = rollup_frame(_small(), table, year=2024, evaluations=_as_engine(unsaid, engine))
        assert dict(expected) == dict(actual)
        shouted = ratings.with_columns(pl.col("subject").str.to_uppercase())
        with pytest.raises(TreeError) as caught:
            rollup_frame(_small(), table, year=2024, evaluations=_as_engine(shouted, engine))
        assert [(p.where, p.value) for p in caught.value.problems] == [
            ("Đánh giá 'a'", "MEMBER"),
            ("Đánh giá 'b'", "MEMBER"),
            ("Đánh giá 'c'", "ORGANIZATION"),
        ]

    def test_columns_no_member_has_a_value_in(self, engine: str) -> None:
        """A column no member has a value in, as CSV readers type an empty one (text in
        polars and DuckDB, Arrow's null type, NaN floats in pandas), is missing values of
        its field: the dates, yes/no and coded columns were refused with the engine's
        error (polars could not compare text with a date, Arrow not join a null column)."""
        pl = importlib.import_module("polars")
        members = [
            Member("a", "Đảng viên a", "c", admitted_on=date(2024, 1, 1)),
            Member("b", "Đảng viên b", "c", admitted_on=date(2024, 12, 31)),
            Member("d", "Đảng viên d", "c", admitted_on=date(1960, 2, 29)),
        ]
        evaluations = [Evaluation("a", 2024, Rating.HTTNV)]
        expected = rollup(
            OrgTree.build(list(_small()), members), year=2024, evaluations=evaluations
        )
        empty = [name for name in MEMBER_COLUMNS if name not in ("id", "org_id", "admitted_on")]
        kinds = {"text": pl.String, "null": pl.Null, "nan": pl.Float64}
        for kind, dtype in kinds.items():
            value = float("nan") if kind == "nan" else None
            table = members_frame(members).with_columns(
                pl.lit(value, dtype=dtype).alias(name) for name in empty
            )
            actual = rollup_frame(
                _small(),
                _as_engine(table, engine),
                year=2024,
                evaluations=_as_engine(evaluations_frame(evaluations), engine),
            )
            assert dict(expected) == dict(actual), kind

    def test_python_dates_in_pandas(self) -> None:
        """A pandas table made from records holding dates keeps them as Python objects
        (dtype ``object``): the comparison with the reporting day raised pandas'
        TypeError. Days before 1970 and after 2262 (beyond pandas' nanoseconds) too."""
        pd = pytest.importorskip("pandas")
        pytest.importorskip("narwhals")
        members = [
            Member("a", "Đảng viên a", "c", admitted_on=date(2024, 12, 31)),
            Member("b", "Đảng viên b", "c", admitted_on=date(1900, 1, 1), left_on=date(2300, 1, 1)),
            Member(
                "d", "Đảng viên d", "c", admitted_on=date(2024, 2, 29), left_on=date(2024, 2, 29)
            ),
            Member("e", "Đảng viên e", "c", admitted_on=DAY, ceremony_on=date(2023, 12, 31)),
        ]
        expected = rollup(OrgTree.build(list(_small()), members), year=2024)
        records = members_frame(members).to_dicts()
        table = pd.DataFrame.from_records(records)
        assert table["admitted_on"].dtype == object
        for as_of in (None, date(2024, 2, 29), date(2024, 1, 1)):
            actual = rollup_frame(_small(), table, year=2024, as_of=as_of)
            assert dict(rollup(OrgTree.build(list(_small()), members), year=2024, as_of=as_of)) == (
                dict(actual)
            ), as_of
        assert expected.root["dang_vien"] == 3

    def test_only_yearly_reviews_count(self, engine: str) -> None:
        """An evaluations table with a ``period`` column (as ``load_frames`` gives it)
        counts the yearly reviews only, as the records and the SQL path do: a quarterly
        HTXSNV was counted as the member's rating of the year, and a member reviewed
        quarterly and yearly was "được đánh giá hai lần". A period none of the codes is
        listed, as the SQL path lists it."""
        from coso_dang.evaluation import ReviewPeriod

        pl = importlib.import_module("polars")
        members = _people(("a", "c"), ("b", "c"), ("d", "c"))
        quarterly = {"period": ReviewPeriod.QUY, "quarter": 2}
        evaluations = [
            Evaluation("a", 2024, Rating.HTTNV),
            Evaluation("a", 2024, Rating.HTXSNV, **quarterly),
            Evaluation("b", 2024, Rating.HTXSNV, **quarterly),
            Evaluation("d", 2024, Rating.HTNV),
            Evaluation("c", 2024, Rating.HTNV, subject=ORG),
            Evaluation("c", 2024, Rating.HTXSNV, subject=ORG, **quarterly),
        ]
        expected = rollup(
            OrgTree.build(list(_small()), members), year=2024, evaluations=evaluations
        )
        assert expected.root["dang_vien_htxsnv"] == 0
        ratings = pl.DataFrame(
            {
                "subject_id": [e.subject_id for e in evaluations],
                "year": [e.year for e in evaluations],
                "rating": [
                    None if e.rating is None else e.rating.abbreviation for e in evaluations
                ],
                "subject": [e.subject.value for e in evaluations],
                # The yearly review of "d" says no period: a yearly one, as in the SQL path.
                "period": [None if e.subject_id == "d" else e.period.value for e in evaluations],
            }
        )
        table = _as_engine(members_frame(members), engine)
        actual = rollup_frame(_small(), table, year=2024, evaluations=_as_engine(ratings, engine))
        assert dict(expected) == dict(actual)
        written = ratings.with_columns(
            pl.when(pl.col("subject_id") == "d")
            .then(pl.lit("Nam"))
            .otherwise(pl.col("period"))
            .alias("period")
        )
        with pytest.raises(TreeError) as caught:
            rollup_frame(_small(), table, year=2024, evaluations=_as_engine(written, engine))
        assert [(p.where, p.field, p.value) for p in caught.value.problems] == [
            ("Đánh giá 'd'", "period", "Nam")
        ]

    def test_blank_texts_are_no_value(self, engine: str) -> None:
        """A blank code or unit ("" or spaces, as a CSV imported as it is keeps an empty
        cell) is no value, as the loaders read one: "" was a committee seat, and a
        committee member's blank education a known one below college."""
        from coso_dang import CommitteeRole

        pl = importlib.import_module("polars")
        members = [
            Member("a", "Đảng viên a", "c", admitted_on=DAY, committee_role=CommitteeRole.BI_THU),
            Member("b", "Đảng viên b", "c", admitted_on=DAY),
        ]
        expected = rollup(OrgTree.build(list(_small()), members), year=2024)
        assert expected.root["cap_uy_vien"] == 1
        assert "cap_uy_vien_cao_dang_tro_len" not in expected.root  # unknown
        blank = {"a": "", "b": " \t"}
        table = members_frame(members).with_columns(
            pl.col("id").replace_strict(blank).alias(name)
            for name in ("education", "political_theory", "residence_unit_id")
        )
        table = table.with_columns(
            pl.when(pl.col("id") == "b")
            .then(pl.lit(""))
            .otherwise(pl.col("committee_role"))
            .alias("committee_role")
        )
        actual = rollup_frame(_small(), _as_engine(table, engine), year=2024)
        assert dict(expected) == dict(actual)

    def test_blank_texts_in_breakdowns_are_unknown(self, engine: str) -> None:
        """A blank ethnicity or sex ("", as a CSV imported as it is keeps an empty cell)
        is unknown, as the record's missing value: its member was in no row, and the
        breakdown's counts known (Kinh 6 of 10 members, none unknown)."""
        from coso_dang import Gender
        from coso_dang.attributes import Ethnicity

        pl = importlib.import_module("polars")
        members = [
            Member(
                f"m{i}",
                f"Đảng viên {i}",
                "c",
                admitted_on=DAY,
                gender=Gender.NU if i < 8 else None,
                ethnicity=Ethnicity("kinh") if i < 6 else None,
            )
            for i in range(10)
        ]
        breakdowns = ["dan_toc", "gioi_tinh"]
        expected = rollup(OrgTree.build(list(_small()), members), year=2024, breakdowns=breakdowns)
        assert "dang_vien_dan_toc_kinh" not in expected.root  # unknown: 4 not recorded
        table = members_frame(members, breakdowns=True).with_columns(
            pl.col("ethnicity", "gender").fill_null("")
        )
        actual = rollup_frame(_small(), _as_engine(table, engine), year=2024, breakdowns=breakdowns)
        assert dict(expected) == dict(actual)


#: Days on the edges of a reporting period and of the calendar: the first and last day
#: of the year and of the year before, 29/2, before 1970 and past pandas' nanoseconds.
EDGE_DAYS = (
    date(2024, 1, 1),
    date(2024, 12, 31),
    date(2024, 2, 29),
    date(2023, 12, 31),
    date(2023, 2, 28),
    date(1900, 1, 1),
    date(1969, 12, 31),
)
#: Nullable member fields a table may hold no value in at all.
BLANKABLE = (
    "ceremony_on",
    "official_on",
    "left_on",
    "is_working",
    "keeps_residence_contact",
    "residence_unit_id",
    "committee_role",
    "education",
    "political_theory",
)


def _hostile_members(data: Dataset, seed: int, blank: tuple[str, ...]) -> list[Member]:
    """The province's members, some moved onto the edge days, the fields *blank* empty."""
    rng = random.Random(seed)
    members = []
    for member in data.members:
        changes: dict[str, Any] = {}
        roll = rng.random()
        day = rng.choice(EDGE_DAYS)
        if roll < 0.2:
            changes.update(admitted_on=day, ceremony_on=None, official_on=None, left_on=None)
            changes.update(exempted_on=None, inactive_periods=(), birth_date=None)
        elif roll < 0.35 and day >= member.admitted_on and member.left_on is None:
            changes["left_on"] = day if rng.random() < 0.8 else date(2300, 1, 1)
        changes.update(dict.fromkeys(blank))
        members.append(attrs.evolve(member, **changes))
    return members


#: Values a pandas column of Python objects holds as a yes/no (a spreadsheet's column of
#: booleans and texts both, as pandas reads one): booleans, numbers, the loaders' words
#: of a yes and of a no, a gap, and texts that are neither.
_OBJECT_FLAGS = st.sampled_from(
    [True, False, None, 1, 0, 1.0, 0.0, float("nan"), 2, "false", "không", "KHÔNG", "Có",
     " x ", "0", "true", "có lẽ", "?"]
)  # fmt: skip


def _as_loaders_read(value: object) -> bool | None:
    """*value* of a yes/no cell as the loaders read it; ``None`` for none they read."""
    if value is None:
        return None
    try:
        read = BoolCodec().from_cell(value)
    except BadValueError:
        return None
    return bool(read)


@settings(max_examples=40, deadline=None)
@given(values=st.lists(st.tuples(_OBJECT_FLAGS, _OBJECT_FLAGS), min_size=1, max_size=8))
def test_yes_no_as_python_objects_is_read_as_the_loaders_read_it(
    values: list[tuple[object, object]],
) -> None:
    """A yes/no column of Python objects (pandas: booleans beside texts) is read value by
    value as the loaders read a cell: taken as it was, every text was a yes, "false" and
    "không" too, and the members counted working or union members were not."""
    pd = pytest.importorskip("pandas")
    pytest.importorskip("narwhals")
    from coso_dang.breakdowns import BreakdownError, breakdown, breakdown_frame

    members = [
        Member(f"m{i}", f"Đảng viên {i}", "c", admitted_on=DAY, gender=Gender.NAM,
               is_working=_as_loaders_read(working),
               is_youth_union_member=_as_loaders_read(youth))
        for i, (working, youth) in enumerate(values)
    ]  # fmt: skip
    expected = rollup(OrgTree.build(list(_small()), members), year=2024)
    table = members_frame(members, backend="pandas", breakdowns=True)
    table["is_working"] = pd.Series([w for w, _ in values], dtype=object)
    table["is_youth_union_member"] = pd.Series([y for _, y in values], dtype=object)
    assert dict(rollup_frame(_small(), table, year=2024)) == dict(expected)
    on = date(2024, 12, 31)
    if any(youth == youth and youth is not None and _as_loaders_read(youth) is None
           for _, youth in values):  # fmt: skip
        with pytest.raises(BreakdownError):  # no yes or no: refused, as any table's
            breakdown_frame(table, "doan_vien", on=on, min_cell=1)
        return
    found = breakdown_frame(table, "doan_vien", on=on, min_cell=1)
    assert found == breakdown(members, "doan_vien", on=on, min_cell=1)


@pytest.mark.filterwarnings(DASK_NOTICE)
class TestHostileShapes:
    @FEW
    @given(
        seed=st.integers(0, 2**32 - 1),
        blank=st.sets(st.sampled_from(BLANKABLE), max_size=4),
        empty_as=st.sampled_from(["text", "null", "nan"]),
        blanks_as_text=st.booleans(),
        years_as_text=st.booleans(),
        quarterly=st.booleans(),
        day=st.sampled_from([0, 59, 180, 365]),
    )
    def test_tables_as_readers_give_them_agree(
        self,
        engine: str,
        seed: int,
        blank: set[str],
        empty_as: str,
        blanks_as_text: bool,
        years_as_text: bool,
        quarterly: bool,
        day: int,
    ) -> None:
        """Members on the edges of the period and of the calendar, in tables as readers
        and users give them: columns no member has a value in typed as text, null or NaN
        floats; missing codes written as blank text; years as text with spaces; the
        evaluations with a ``period`` column and quarterly reviews beside the yearly ones.
        Every engine gives the object path's rollup."""
        from coso_dang.evaluation import ReviewPeriod

        pl = importlib.import_module("polars")
        data = _province(seed % 1000, 0.05, scale=0.002)
        members = _hostile_members(data, seed, tuple(sorted(blank)))
        as_of = date(2024, 1, 1) + timedelta(days=day)
        yearly = list(data.evaluations)
        expected = rollup(
            OrgTree.build(data.organizations, members, data.units),
            year=2024,
            evaluations=yearly,
            as_of=as_of,
        )
        table = members_frame(members)
        dtype = {"text": pl.String, "null": pl.Null, "nan": pl.Float64}[empty_as]
        table = table.with_columns(
            pl.lit(float("nan") if empty_as == "nan" else None, dtype=dtype).alias(name)
            for name in blank
        )
        if blanks_as_text:
            codes = [
                n for n in ("committee_role", "education", "political_theory") if n not in blank
            ]
            table = table.with_columns(pl.col(codes).fill_null(""))
        reviews = [
            Evaluation(
                e.subject_id,
                e.year,
                Rating.HTXSNV,
                subject=e.subject,
                period=ReviewPeriod.QUY,
                quarter=1 + i % 4,
            )
            for i, e in enumerate(yearly)
            if quarterly and i % 3 == 0
        ]
        given = [*yearly, *reviews]
        ratings = pl.DataFrame(
            {
                "subject_id": [e.subject_id for e in given],
                "year": [f" {e.year}" if years_as_text else e.year for e in given],
                "rating": [None if e.rating is None else e.rating.abbreviation for e in given],
                "subject": [e.subject.value for e in given],
                "period": [e.period.value for e in given],
            },
            schema_overrides={"year": pl.String if years_as_text else pl.Int64},
        )
        if not quarterly:
            ratings = ratings.drop("period")
        tree = OrgTree.build(data.organizations, units=data.units)
        actual = rollup_frame(
            tree,
            _as_engine(table, engine),
            year=2024,
            evaluations=_as_engine(ratings, engine),
            as_of=as_of,
        )
        assert dict(expected) == dict(actual)


class TestRoundsWithoutRatings:
    """A round where no rating is given yet: unknown, never zero, and no error."""

    @pytest.mark.parametrize("rows", [0, 2])
    def test_ratings_of_no_type(self, rows: int) -> None:
        """polars gives a column of nulls only (all ratings missing, or an empty table)
        no type: its ratings compared with the abbreviations raised, and its ids joined
        none of the members'. The rollup is the records' own."""
        pl = pytest.importorskip("polars")
        members = _people(("a", "c"), ("b", "c"))
        evaluations = [Evaluation(m.id, 2024, None) for m in members][:rows]
        ratings = pl.DataFrame(
            {
                "subject_id": [e.subject_id for e in evaluations] if rows else [None],
                "year": [2024] * rows if rows else [None],
                "rating": [None] * max(rows, 1),
                "subject": ["member"] * rows if rows else [None],
            }
        ).head(rows)
        assert ratings.schema["rating"] == pl.Null
        found = rollup_frame(_small(), members_frame(members), year=2024, evaluations=ratings)
        tree = OrgTree.build(list(_small().walk()), members)
        assert found == rollup(tree, year=2024, evaluations=evaluations)
