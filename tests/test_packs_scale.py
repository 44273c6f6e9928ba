"""The packs at national scale: the indexed checks give what the plain walk gives, and the
checks read from tables give what they give on records."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date, timedelta
from enum import Enum
from typing import Any

import attrs
import pytest
from attrs import evolve
from dateutil.relativedelta import relativedelta
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.engines import in_engine

from coso_dang import Evaluation, Member, Organization, OrgKind, OrgTree, Rating
from coso_dang.errors import TreeError
from coso_dang.evaluation import ReviewPeriod, SubjectKind
from coso_dang.members import CommitteeRole, MemberStatus, official_by, probation_end, years_after
from coso_dang.rules import (
    DIEU_LE,
    QD124,
    QD132,
    QD366,
    STATUS,
    HtxsnvQuotaRule,
    QuotaRule,
    RatingRound,
    Report,
    RuleSet,
    Status,
    StatusRound,
    Structure,
)
from coso_dang.rules.base import RecordRule, Source
from coso_dang.rules.charter import AdmissionAgeRule, OverdueProbationRule
from coso_dang.rules.status import StatusRule
from coso_dang.testing import generate_province

pl = pytest.importorskip("polars")


def _plain(pack: RuleSet, source: Any, year: int) -> Report:
    """The pack's report by the plain walk: every candidate built, each one asked."""
    results = []
    for rule in pack:
        if isinstance(rule, RecordRule):
            found = RecordRule.subjects(rule, source)
        elif isinstance(rule, StatusRule):
            found = (
                (subject, ref)
                for subject, ref in _status_candidates(source)
                if rule.concerns(subject)
            )
        else:
            found = rule.subjects(source)
        assert found is not None
        basis = rule.basis
        why = rule.missing_records(source)
        if why is not None and (basis is None or basis.in_force(year)):
            # The records the rule reads are missing: one result says so.
            results.append(rule.result(Status.MISSING_DATA, why, subject=Source(source).ref()))
            continue
        for subject, ref in found:
            if basis is not None and not basis.in_force(year):
                message = f"Năm {year} ngoài thời gian áp dụng ({basis.period})."
                results.append(rule.result(Status.NOT_APPLICABLE, message, subject=ref))
            else:
                results.append(evolve(rule.check(subject), subject=ref))
    return Report(pack.name, tuple(results))


def _status_candidates(source: StatusRound) -> Iterable[tuple[Any, Any]]:
    from coso_dang.rules.base import SubjectRef
    from coso_dang.rules.status import StatusSubject

    for member in source.tree.members():
        if member.is_active(source.on):
            subject = StatusSubject(source, member, source.record(member.id))
            yield subject, SubjectRef(member.id, member.full_name, "member")


@pytest.fixture(scope="module", params=[(0, 0.05), (7, 0.08)], ids=["seed0", "seed7"])
def province(request: pytest.FixtureRequest) -> Any:
    seed, scale = request.param
    return generate_province(seed, scale=scale)


class TestIndexedEqualsPlain:
    def test_structure_counts(self, province: Any) -> None:
        """Each organization's counts equal counting its members' statuses one by one."""
        tree = province.tree()
        on = date(province.year, 12, 31)
        structure = Structure(tree, on)
        for org in tree.walk():
            for recursive in (False, True):
                members = structure.members(org.id, recursive=recursive)
                official = [m for m in members if m.status(on) is MemberStatus.CHINH_THUC]
                assert structure.member_count(org.id, recursive=recursive) == len(members)
                assert structure.official_count(org.id, recursive=recursive) == len(official)
            seats = [m for m in structure.members(org.id) if m.committee_role is not None]
            assert structure.committee_count(org.id) == len(seats)

    def test_member_tallies(self, province: Any) -> None:
        """A round's rating counts per organization equal counting its members' ratings."""
        rr = RatingRound(province.tree(), province.evaluations, province.year)
        for org in rr.tree.walk():
            ratings = rr.member_ratings(org.id)
            tally = rr.member_tally(org.id)
            for level in Rating:
                assert tally[f"dang_vien_{level.suffix}"] == ratings.count(level)

    @pytest.mark.parametrize("pack", [DIEU_LE], ids=lambda p: p.code)
    @pytest.mark.parametrize("shift", [0, -200, 365])
    def test_the_charter(self, province: Any, pack: RuleSet, shift: int) -> None:
        """The Charter's report equals the plain walk's, on several dates."""
        on = date(province.year, 12, 31) + timedelta(days=shift)
        source = Structure(province.tree(), on)
        assert pack.check(source, year=on.year) == _plain(pack, source, on.year)

    @pytest.mark.parametrize("pack", [QD132, QD124, QD366], ids=lambda p: p.code)
    def test_the_rating_regimes(self, province: Any, pack: RuleSet) -> None:
        """Each regime's report equals the plain walk's."""
        assert pack.basis is not None
        assert pack.basis.first_year is not None
        year = max(province.year, pack.basis.first_year)
        source = RatingRound(province.tree(), province.evaluations, province.year)
        assert pack.check(source, year=year) == _plain(pack, source, year)

    @pytest.mark.parametrize("pack", [QD132, QD124, QD366], ids=lambda p: p.code)
    def test_the_quota_on_counts(self, province: Any, pack: RuleSet) -> None:
        """Each TCCSĐ's HTXSNV quota, judged on its counts, equals the quota judged on
        its figures."""
        source = RatingRound(province.tree(), province.evaluations, province.year)
        rule = next(r for r in pack if isinstance(r, HtxsnvQuotaRule))
        found = rule.subjects(source)
        assert found is not None
        judged = 0
        for unit, _ in found:
            if unit.unrated == 0:
                assert rule.check(unit) == QuotaRule.check(rule, unit.figures)
                judged += 1
        assert judged

    def test_the_status_checks(self, province: Any) -> None:
        """The removal checks' report equals the plain walk's."""
        source = StatusRound(province.tree(), province.year, (), province.evaluations)
        assert STATUS.check(source) == _plain(STATUS, source, province.year)


def _member(i: int, born: date | None, admitted: date, **more: Any) -> Member:
    return Member(f"dv{i}", f"Đảng viên {i}", "cb", admitted_on=admitted, birth_date=born, **more)


class TestEdges:
    """The narrowing keeps every member a check concerns, at the edges of its dates."""

    @staticmethod
    def _tree(members: list[Member]) -> OrgTree:
        org = Organization("cb", "Chi bộ A", OrgKind.CHI_BO_CO_SO)
        return OrgTree.build([org], members)

    def test_admission_ages_around_birthdays(self) -> None:
        """Born on 29/2 or any day, admitted the day before, on and after each birthday
        from 16 to 62: the narrowed rule finds exactly whom the plain one finds."""
        members = []
        births = [date(1960, 2, 29), date(1964, 2, 29), date(1970, 3, 1), date(1971, 12, 31)]
        for born in births:
            for years in (16, 17, 18, 19, 59, 60, 61, 62):
                day = born + relativedelta(years=years)
                for delta in (-1, 0, 1):
                    members.append(_member(len(members), born, day + timedelta(days=delta)))
        members.append(_member(len(members), None, date(2000, 1, 1)))
        structure = Structure(self._tree(members), date(2030, 12, 31))
        pack = RuleSet("tuổi", (AdmissionAgeRule(),))
        report = pack.check(structure)
        assert report == _plain(pack, structure, 2030)
        # The findings say the bounds, never the member's age (personal).
        texts = [str(r) for r in report]
        assert any("chưa đủ 18 tuổi" in t for t in texts)
        assert any("đã quá 60 tuổi" in t for t in texts)
        assert not any(f"{age} tuổi" in t for t in texts for age in (15, 16, 17, 61, 62))
        assert {r.observed for r in report} == {None}
        org = OrgTree.build([Organization("cb", "Chi bộ A", OrgKind.CHI_BO_CO_SO)])
        table = _frame(members, Member, "polars")
        assert pack.check(Structure.from_frames(org, table, date(2030, 12, 31))) == report

    @pytest.mark.parametrize("ages", [(18, 60), (1, 4), (0, 2)], ids=str)
    @pytest.mark.parametrize("backend", ["polars", "pandas"])
    def test_admission_ages_from_tables_around_the_bounds(
        self, ages: tuple[int, int], backend: str
    ) -> None:
        """Admitted days around each birthday near the bounds, born on 29/2 or any day:
        from tables, by the days between the dates (polars) or by the calendar's years
        (pandas), the rule finds exactly whom it finds on the records."""
        low, high = ages
        members = []
        births = [date(1960, 2, 29), date(1964, 2, 29), date(1970, 3, 1), date(1971, 12, 31)]
        for born in births:
            for years in sorted({y for b in ages for y in range(max(b - 2, 0), b + 3)}):
                day = born + relativedelta(years=years)
                for delta in (-2, -1, 0, 1, 2):
                    if day + timedelta(days=delta) > born:
                        members.append(_member(len(members), born, day + timedelta(days=delta)))
        members.append(_member(len(members), None, date(2000, 1, 1)))
        on = date(2030, 12, 31)
        pack = RuleSet("tuổi", (AdmissionAgeRule(min_age=low, max_age=high),))
        report = pack.check(Structure(self._tree(members), on))
        assert len(report) > 1
        org = OrgTree.build([Organization("cb", "Chi bộ A", OrgKind.CHI_BO_CO_SO)])
        table = _frame(members, Member, backend)
        assert pack.check(Structure.from_frames(org, table, on)) == report

    @pytest.mark.parametrize("grace", [0, 15])
    @pytest.mark.parametrize("lookback", [0, 1, 12])
    def test_overdue_probation_around_its_mark(self, grace: int, lookback: int) -> None:
        """Starts every day for two years before the date, 29/2 among them."""
        on = date(2025, 3, 1)
        members = [
            _member(i, None, on - timedelta(days=i), official_on=None) for i in range(1, 800)
        ]
        members.append(_member(900, None, date(2020, 1, 1), official_on=date(2021, 1, 1)))
        structure = Structure(self._tree(members), on)
        pack = RuleSet("dự bị", (OverdueProbationRule(grace_days=grace, lookback_months=lookback),))
        report = pack.check(structure)
        assert report == _plain(pack, structure, 2025)
        org = OrgTree.build([Organization("cb", "Chi bộ A", OrgKind.CHI_BO_CO_SO)])
        table = _frame(members, Member, "polars")
        assert pack.check(Structure.from_frames(org, table, on)) == report

    def test_the_twelve_month_mark(self) -> None:
        """probation_end and official_by agree with the calendar arithmetic they replace."""
        from coso_dang.members import PROBATION

        day = date(2019, 1, 1)
        while day < date(2025, 1, 1):
            assert probation_end(day) == day + PROBATION
            by = official_by(day)
            assert by + PROBATION <= day < (by + timedelta(days=1)) + PROBATION
            day += timedelta(days=1)


# -- from tables ------------------------------------------------------------------------------


def _frame(records: Iterable[Any], cls: type, backend: str) -> Any:
    """Every field of *records* (codes for enums) as a table, as a columnar loader gives."""
    names = [a.name for a in attrs.fields(cls)]
    columns: dict[str, list[Any]] = {n: [] for n in names}
    for record in records:
        for name in names:
            value = getattr(record, name)
            columns[name].append(value.value if isinstance(value, Enum) else value)
    kept = {n: v for n, v in columns.items() if n != "inactive_periods"}
    frame = pl.DataFrame(kept, strict=False, infer_schema_length=None)
    return in_engine(frame, backend)


def _same(tables: Report, records: Report, backend: str) -> None:
    """Equal reports; a lazy engine's rows have no order, so there the same results."""
    if backend.endswith("lazy") or backend in ("duckdb", "dask"):
        assert Counter(tables.results) == Counter(records.results)
    else:
        assert tables == records


@pytest.mark.parametrize("backend", ["polars", "polars-lazy", "pandas", "pyarrow", "duckdb"])
class TestFromFrames:
    def test_the_charter(self, province: Any, backend: str) -> None:
        """Structure.from_frames gives the records' report, member for member."""
        on = date(province.year, 12, 31)
        orgs = OrgTree.build(province.organizations, units=province.units)
        members = _frame(province.members, Member, backend)
        records = DIEU_LE.check(Structure(province.tree(), on))
        tables = DIEU_LE.check(Structure.from_frames(orgs, members, on))
        _same(tables, records, backend)
        assert len(records.with_status(*records.counts())) == len(records)

    @pytest.mark.parametrize("pack", [QD132, QD124, QD366], ids=lambda p: p.code)
    def test_the_rating_regimes(self, province: Any, backend: str, pack: RuleSet) -> None:
        """RatingRound.from_frames gives the records' report."""
        assert pack.basis is not None
        assert pack.basis.first_year is not None
        year = max(province.year, pack.basis.first_year)
        orgs = OrgTree.build(province.organizations, units=province.units)
        members = _frame(province.members, Member, backend)
        evaluations = _frame(province.evaluations, Evaluation, backend)
        records = pack.check(
            RatingRound(province.tree(), province.evaluations, province.year), year=year
        )
        tables = pack.check(
            RatingRound.from_frames(orgs, members, evaluations, province.year), year=year
        )
        _same(tables, records, backend)
        assert len(records) > 0


def test_a_missing_column_is_named() -> None:
    """A members table without a needed column is refused, naming it."""
    orgs = OrgTree.build([Organization("cb", "Chi bộ A", OrgKind.CHI_BO_CO_SO)])
    with pytest.raises(ValueError, match="full_name"):
        Structure.from_frames(orgs, pl.DataFrame({"id": ["a"], "org_id": ["cb"]}), date(2025, 1, 1))


@pytest.mark.parametrize("collide", [False, True], ids=["hashes", "hashes-meeting"])
def test_ids_are_told_apart_whatever_their_hashes(
    monkeypatch: pytest.MonkeyPatch, province: Any, collide: bool
) -> None:
    """On polars the ids' hashes are counted before the ids: hashes that meet (made to
    here, every id hashed alike) send the question to the ids themselves, so distinct
    ids give the records' report and an id twice is named as on the other engines."""
    if collide:
        monkeypatch.setattr(pl.Expr, "hash", lambda self, *args, **kwargs: pl.lit(0, pl.UInt64))
    on = date(province.year, 12, 31)
    orgs = OrgTree.build(province.organizations, units=province.units)
    members = _frame(province.members, Member, "polars")
    records = DIEU_LE.check(Structure(province.tree(), on))
    assert DIEU_LE.check(Structure.from_frames(orgs, members, on)) == records
    twice = members.with_columns(
        pl.when(pl.int_range(pl.len()) == 1).then(pl.first("id")).otherwise("id").alias("id")
    )
    for table in (twice, in_engine(twice, "pandas")):
        with pytest.raises(TreeError, match="mã bị trùng") as refused:
            DIEU_LE.check(Structure.from_frames(orgs, table, on))
        assert [p.value for p in refused.value.problems] == [members["id"][0]]


def test_a_structure_from_tables_answers_as_one_from_records(province: Any) -> None:
    """members(), the counts and what is recorded at all: the same from a table."""
    on = date(province.year, 12, 31)
    orgs = OrgTree.build(province.organizations, units=province.units)
    records = Structure(province.tree(), on)
    tables = Structure.from_frames(orgs, _frame(province.members, Member, "polars"), on)
    for org in list(orgs.walk())[:40]:
        for recursive in (False, True):
            # From a table, records carry the columns the checks read, not the rest.
            assert _read(tables.members(org.id, recursive=recursive)) == _read(
                records.members(org.id, recursive=recursive)
            )
            assert tables.member_count(org.id, recursive=recursive) == records.member_count(
                org.id, recursive=recursive
            )
    assert tables.records_committees == records.records_committees
    assert tables.records_official_dates == records.records_official_dates


def test_a_round_from_tables_answers_as_one_from_records(province: Any) -> None:
    """member(), member_evaluations(), member_ratings(): the same from tables."""
    orgs = OrgTree.build(province.organizations, units=province.units)
    members = _frame(province.members, Member, "polars")
    evaluations = _frame(province.evaluations, Evaluation, "polars")
    records = RatingRound(province.tree(), province.evaluations, province.year)
    tables = RatingRound.from_frames(orgs, members, evaluations, province.year)
    assert list(tables.member_evaluations()) == list(records.member_evaluations())
    some = province.members[len(province.members) // 2]
    assert _read([tables.member(some.id)]) == _read([records.member(some.id)]) == _read([some])
    assert tables.member("khong-co") is None
    for org in list(orgs.walk())[:40]:
        assert sorted(tables.member_ratings(org.id)) == sorted(records.member_ratings(org.id))
        assert tables.disciplined_leaders(org.id) == records.disciplined_leaders(org.id)
        assert tables.org_evaluation(org.id) == records.org_evaluation(org.id)
        assert tables.members_on_rolls(org.id) == records.members_on_rolls(org.id)
        on_rolls = records.member_tally(org.id, on_rolls=True)
        assert tables.member_tally(org.id, on_rolls=True) == on_rolls
        assert tables.evaluated_members(org.id) == records.evaluated_members(org.id)
    root = orgs.roots[0].id
    assert records.members_on_rolls(root) == sum(m.is_active(records.on) for m in province.members)
    rated = {e.subject_id: e for e in province.evaluations if e.year == province.year}
    assert records.evaluated_members(root) == sum(m.id in rated for m in province.members)
    on_rolls = Counter(
        rated[m.id].rating
        for m in province.members
        if m.id in rated and m.is_active(records.on) and rated[m.id].rating is not None
    )
    expected = {f"dang_vien_{r.suffix}": on_rolls[r] for r in Rating}
    assert dict(records.member_tally(root, on_rolls=True).items()) == expected


def _read(members: Iterable[Member | None]) -> list[tuple[Any, ...]]:
    """What the checks read of each member."""
    from coso_dang.rules._tables import MEMBER_FIELDS

    return [tuple(getattr(m, name) for name in MEMBER_FIELDS) for m in members]


# -- hostile but legal tables: the same report as the records --------------------------------

_DAYS_ON = (date(2024, 2, 29), date(2025, 2, 28), date(2025, 3, 1), date(2025, 12, 31))
_CHI_BO = ("cb-á", "cb-ơ", "cb3")


def _nfd(text: str) -> str:
    import unicodedata

    return unicodedata.normalize("NFD", text)


@st.composite
def _hostile_round(draw: st.DrawFn) -> tuple[date, list[Member], list[Evaluation]]:
    """Members at the edges the checks turn on, and evaluations as tables hold them:
    12 months ending on the date, ceremonies missing, decisions before the mark, leaving
    on the date or the day after, admitted after it, 29/2 everywhere, committee roles in
    some chi bộ only, evaluations twice, of unknown members, of members who left, and
    without a rating."""
    on = draw(st.sampled_from(_DAYS_ON))
    year_before = on - relativedelta(months=12)
    starts = st.sampled_from(
        [
            year_before,
            year_before - timedelta(days=1),
            year_before + timedelta(days=1),
            date(2024, 2, 29),
            date(2023, 2, 28),
            on,
            on + timedelta(days=1),
            date(2010, 5, 19),
        ]
    )
    roles_in = draw(st.sets(st.sampled_from(_CHI_BO), max_size=2))
    members = []
    for i in range(draw(st.integers(0, 14))):
        org = draw(st.sampled_from(_CHI_BO))
        admitted = draw(starts)
        ceremony = draw(st.one_of(st.none(), st.integers(0, 40)))
        decided = draw(st.one_of(st.none(), st.integers(0, 500)))
        left = draw(st.sampled_from([None, on, on + timedelta(days=1), on - timedelta(days=1)]))
        age = draw(st.one_of(st.none(), st.sampled_from([17, 18, 19, 60, 61, 62])))
        born = None
        if age is not None:
            born = years_after(admitted, -age) + timedelta(days=draw(st.integers(-1, 1)))
            if draw(st.booleans()):
                born = date(1964 if age > 30 else 2004, 2, 29)
            if born >= admitted:
                born = None
        held = admitted if ceremony is None else admitted + timedelta(days=ceremony)
        role = None
        if org in roles_in and draw(st.booleans()):
            role = draw(st.sampled_from(CommitteeRole))
        members.append(
            Member(
                f"đv-{i}",
                f"Đảng viên {i}",
                org,
                admitted_on=admitted,
                ceremony_on=None if ceremony is None else held,
                official_on=None if decided is None else held + timedelta(days=decided),
                left_on=None if left is None or left < admitted else left,
                birth_date=born,
                committee_role=role,
            )
        )
    subjects = [m.id for m in members] + ["khong-co", "đv-99"]
    evaluations = [
        Evaluation(
            draw(st.sampled_from(subjects)) if subjects else "khong-co",
            on.year,
            draw(st.one_of(st.none(), st.sampled_from(Rating))),
            disciplined=draw(st.booleans()),
        )
        for _ in range(draw(st.integers(0, 2 * len(members) + 2)))
    ]
    return on, members, evaluations


def _hostile_frame(records: list[Any], cls: type, shape: str) -> Any:
    """*records* as a table in one of the shapes a table legally comes in."""
    frame = _frame(records, cls, "polars")
    ids = [c for c in ("id", "org_id", "subject_id") if c in frame.columns]
    dates = [c for c, t in frame.schema.items() if t == pl.Date]
    if shape == "nfd":
        frame = frame.with_columns(
            pl.col(c).map_elements(_nfd, return_dtype=pl.String) for c in ids
        )
    elif shape == "time of day":
        frame = frame.with_columns(
            pl.col(c).cast(pl.Datetime("us")) + pl.duration(hours=23, minutes=59) for c in dates
        )
    elif shape in ("zoned", "zoned pandas"):
        frame = frame.with_columns(
            pl.col(c).cast(pl.Datetime("us")).dt.replace_time_zone("Asia/Ho_Chi_Minh")
            for c in dates
        )
    elif shape == "text and categories":
        # Years, flags as text and ratings in lower case, as a CSV may give them; ids and codes
        # as categories, as a Parquet file may hold them.
        if "year" in frame.columns:
            frame = frame.with_columns(
                pl.col("year").cast(pl.String),
                pl.col("rating").cast(pl.String).str.to_lowercase(),
                pl.col(pl.Boolean).cast(pl.String),
            )
        codes = [c for c in (*ids, "committee_role") if c in frame.columns]
        frame = frame.with_columns(pl.col(c).cast(pl.String).cast(pl.Categorical) for c in codes)
    elif shape == "extra columns":
        frame = frame.with_columns(pl.lit(1).alias("_row"), pl.lit("x").alias("ghi_chu"))
        frame = frame.select(list(reversed(frame.columns)))
    if shape in ("pandas", "zoned pandas"):
        pytest.importorskip("pandas")
        return frame.to_pandas()
    if shape == "polars-lazy":
        return frame.lazy()
    if shape == "pyarrow":
        pytest.importorskip("pyarrow")
        return frame.to_arrow()
    return frame


_SHAPES = (
    "polars",
    "pandas",
    "nfd",
    "time of day",
    "zoned",
    "zoned pandas",
    "extra columns",
    "text and categories",
    "polars-lazy",
    "pyarrow",
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_hostile_round(), st.sampled_from(_SHAPES))
def test_hostile_tables_give_the_records_report(
    case: tuple[date, list[Member], list[Evaluation]], shape: str
) -> None:
    """Structure.from_frames and RatingRound.from_frames give the records' report,
    result for result, whatever legal shape the tables come in."""
    on, members, evaluations = case
    if shape == "polars-lazy":
        # A lazy engine's rows have no order: of a member's two evaluations either may be
        # read, and the results may come in another order.
        evaluations = list({ev.subject_id: ev for ev in evaluations}.values())
    orgs = [Organization(c, f"Chi bộ {c}", OrgKind.CHI_BO_CO_SO) for c in _CHI_BO]
    tree, bare = OrgTree.build(orgs, members), OrgTree.build(orgs)
    member_table = _hostile_frame(members, Member, shape)
    records = DIEU_LE.check(Structure(tree, on))
    _same(DIEU_LE.check(Structure.from_frames(bare, member_table, on)), records, shape)
    evaluation_table = _hostile_frame(evaluations, Evaluation, shape)
    for pack in (QD132, QD124, QD366):
        assert pack.basis is not None
        assert pack.basis.first_year is not None
        year = max(on.year, pack.basis.first_year)
        rated = RatingRound(tree, evaluations, on.year)
        records = pack.check(rated, year=year)
        tables = RatingRound.from_frames(bare, member_table, evaluation_table, on.year)
        _same(pack.check(tables, year=year), records, shape)
    for org in _CHI_BO:
        assert tables.members_on_rolls(org) == rated.members_on_rolls(org)
        assert tables.evaluated_members(org) == rated.evaluated_members(org)
        on_rolls = rated.member_tally(org, on_rolls=True)
        assert tables.member_tally(org, on_rolls=True) == on_rolls


class TestTablesAsRecordsRead:
    """Tables in the shapes that once read otherwise than their records."""

    _ORGS = (Organization("cb-á", "Chi bộ Á", OrgKind.CHI_BO_CO_SO),)

    def _rounds(
        self, members: list[Member], evaluations: list[Evaluation], member_table: Any, ev_table: Any
    ) -> tuple[RatingRound, RatingRound]:
        tree, bare = OrgTree.build(self._ORGS, members), OrgTree.build(self._ORGS)
        records = RatingRound(tree, evaluations, 2025)
        return records, RatingRound.from_frames(bare, member_table, ev_table, 2025)

    @pytest.mark.parametrize("backend", ["polars", "pandas"])
    def test_a_zoned_moment_is_its_day_in_its_zone(self, backend: str) -> None:
        """Midnight of 31/12/2024 in Vietnam is 30/12 in UTC: the member is admitted on
        31/12, not on the rolls on 30/12, on a table as on the record."""
        members = [_member(i, None, date(2024, 12, 31)) for i in range(3)]
        members = [evolve(m, org_id="cb-á") for m in members]
        table = _frame(members, Member, "polars").with_columns(
            pl.col(c).cast(pl.Datetime("us")).dt.replace_time_zone("Asia/Ho_Chi_Minh")
            for c in ("admitted_on",)
        )
        if backend == "pandas":
            table = table.to_pandas()
        bare = OrgTree.build(self._ORGS)
        for on in (date(2024, 12, 30), date(2024, 12, 31)):
            tables = Structure.from_frames(bare, table, on)
            assert tables.member_count("cb-á") == (3 if on.day == 31 else 0)
            records = Structure(OrgTree.build(self._ORGS, members), on)
            assert DIEU_LE.check(tables) == DIEU_LE.check(records)

    @pytest.mark.parametrize("zone", ["UTC", "America/New_York", "Asia/Ho_Chi_Minh"])
    @pytest.mark.parametrize("backend", ["polars", "pandas", "pyarrow", "duckdb"])
    def test_a_zoned_moment_is_its_day_in_vietnam(self, backend: str, zone: str) -> None:
        """A moment with a time zone is its day in Vietnam, as the loaders and
        rollup_frame read it, whatever its zone and engine: 03:00 on 1/6/2024 in
        Vietnam is 31/5 in UTC and in New York, and its member is not on the rolls on
        31/5. A DuckDB relation gave the day in its session's zone, and pandas the day
        in the column's zone when narwhals left the zone untyped (New York's)."""
        members = [evolve(_member(i, None, date(2024, 6, 1)), org_id="cb-á") for i in range(3)]
        moments = pl.col("admitted_on").cast(pl.Datetime("us")) + pl.duration(hours=3)
        table = _frame(members, Member, "polars").with_columns(
            moments.dt.replace_time_zone("Asia/Ho_Chi_Minh").dt.convert_time_zone(zone)
        )
        native: Any = in_engine(table, backend)
        bare = OrgTree.build(self._ORGS)
        for on in (date(2024, 5, 31), date(2024, 6, 1)):
            tables = Structure.from_frames(bare, native, on)
            assert tables.member_count("cb-á") == (3 if on.day == 1 else 0)
            records = Structure(OrgTree.build(self._ORGS, members), on)
            assert DIEU_LE.check(tables) == DIEU_LE.check(records)

    @pytest.mark.parametrize("backend", ["polars", "pandas", "pyarrow", "duckdb"])
    def test_evaluations_of_the_required_columns_only(self, backend: str) -> None:
        """An evaluations table of ``subject_id``, ``year`` and ``rating`` alone (the
        others take the record's default) gives the records' report: in pandas the
        round was refused with Python's TypeError, a column left out of no value made
        as numpy's whole numbers."""
        members = [evolve(_member(i, None, date(2020, 1, 1)), org_id="cb-á") for i in range(3)]
        evaluations = [Evaluation(m.id, 2025, Rating.HTTNV) for m in members[:2]]
        table = pl.DataFrame(
            {
                "subject_id": [e.subject_id for e in evaluations],
                "year": [e.year for e in evaluations],
                "rating": ["HTTNV" for _ in evaluations],
            }
        )
        member_table = _frame(members, Member, backend)
        native: Any = in_engine(table, backend)
        records, tables = self._rounds(members, evaluations, member_table, native)
        assert QD366.check(tables, year=2025) == QD366.check(records, year=2025)
        assert tables.evaluated_members("cb-á") == records.evaluated_members("cb-á") == 2

    @pytest.mark.parametrize("backend", ["polars", "pandas", "pyarrow", "duckdb"])
    def test_rows_without_an_id_or_organization_are_refused(self, backend: str) -> None:
        """A member row without an id, or without an organization, is refused as a
        record refuses it and as rollup_frame says it ("bắt buộc, không được để
        trống"): the first was counted without a word, the second said to be of an
        organization named «None» (pandas: «nan»)."""
        members = [evolve(_member(i, None, date(2020, 1, 1)), org_id="cb-á") for i in range(3)]
        table = _frame(members, Member, "polars").with_columns(
            pl.when(pl.int_range(pl.len()) == 1).then(None).otherwise(pl.col("id")).alias("id"),
            pl.when(pl.int_range(pl.len()) == 2)
            .then(None)
            .otherwise(pl.col("org_id"))
            .alias("org_id"),
        )
        native: Any = in_engine(table, backend)
        tables = Structure.from_frames(OrgTree.build(self._ORGS), native, date(2024, 12, 31))
        with pytest.raises(TreeError) as caught:
            DIEU_LE.check(tables)
        blank = "bắt buộc, không được để trống"
        assert [(p.where, p.field, p.value, p.reason) for p in caught.value.problems] == [
            ("bảng members", "id", "", blank),
            ("bảng members", "org_id", "", blank),
        ]

    @pytest.mark.parametrize("backend", ["polars", "pandas", "pyarrow", "duckdb"])
    def test_a_member_without_an_admission_date_is_refused(self, backend: str) -> None:
        """A member row without an admission date is named, as rollup_frame names it (a
        record cannot have none): it was on the rolls on no day, left out unseen."""
        from coso_dang.frame import members_frame, rollup_frame

        members = [evolve(_member(i, None, date(2010, 1, 1)), org_id="cb-á") for i in range(4)]
        undated = pl.col("id").is_in(["dv1", "dv3"])
        gap = pl.when(undated).then(None).otherwise(pl.col("admitted_on")).alias("admitted_on")
        table = _frame(members, Member, "polars").with_columns(gap)
        bare, on = OrgTree.build(self._ORGS), date(2025, 12, 31)
        with pytest.raises(TreeError) as expected:
            rollup_frame(
                bare, in_engine(members_frame(members).with_columns(gap), backend), year=2025
            )
        evaluations = _frame([Evaluation("dv0", 2025, Rating.HTTNV)], Evaluation, "polars")
        for source in (
            Structure.from_frames(bare, in_engine(table, backend), on),
            RatingRound.from_frames(
                bare, in_engine(table, backend), in_engine(evaluations, backend), 2025
            ),
        ):
            with pytest.raises(TreeError) as caught:
                DIEU_LE.check(source) if isinstance(source, Structure) else QD366.check(source)
            assert caught.value.problems == expected.value.problems
            assert [p.where for p in caught.value.problems] == [
                "Đảng viên 'dv1'",
                "Đảng viên 'dv3'",
            ]

    @pytest.mark.parametrize("backend", ["polars", "pandas"])
    def test_ids_in_nfd_are_the_records_ids(self, backend: str) -> None:
        """A chi bộ id and member ids typed in NFD are the tree's NFC ids: the chi bộ's
        three official members counted (a KeyError before), the evaluations found."""
        members = [
            Member(f"đv-á{i}", f"Đảng viên {i}", "cb-á", admitted_on=date(2010, 1, 1))
            for i in range(3)
        ]
        evaluations = [Evaluation(m.id, 2025, Rating.HTXSNV) for m in members]
        nfd = [pl.col(c).map_elements(_nfd, return_dtype=pl.String) for c in ("id", "org_id")]
        member_table = _frame(members, Member, "polars").with_columns(nfd)
        ev_table = _frame(evaluations, Evaluation, "polars").with_columns(
            pl.col("subject_id").map_elements(_nfd, return_dtype=pl.String)
        )
        if backend == "pandas":
            member_table, ev_table = member_table.to_pandas(), ev_table.to_pandas()
        on = date(2025, 12, 31)
        bare = OrgTree.build(self._ORGS)
        tables = Structure.from_frames(bare, member_table, on)
        assert tables.official_count("cb-á") == 3
        assert DIEU_LE.check(tables) == DIEU_LE.check(
            Structure(OrgTree.build(self._ORGS, members), on)
        )
        records, rated = self._rounds(members, evaluations, member_table, ev_table)
        assert rated.member_ratings("cb-á") == [Rating.HTXSNV] * 3
        assert QD366.check(rated) == QD366.check(records)

    def test_a_member_evaluated_twice_counts_once(self) -> None:
        """Two evaluations of one member in the round: the records keep the later one, in
        the place of the first; the tables too (the member counted twice before)."""
        members = [evolve(_member(i, None, date(2010, 1, 1)), org_id="cb-á") for i in range(3)]
        evaluations = [
            Evaluation("dv0", 2025, Rating.HTXSNV),
            Evaluation("dv1", 2025, Rating.HTTNV),
            Evaluation("dv0", 2025, Rating.HTTNV),
        ]
        records, tables = self._rounds(
            members,
            evaluations,
            _frame(members, Member, "polars"),
            _frame(evaluations, Evaluation, "polars"),
        )
        assert sorted(tables.member_ratings("cb-á")) == [Rating.HTTNV, Rating.HTTNV]
        assert list(tables.member_evaluations()) == list(records.member_evaluations())
        assert QD366.check(tables) == QD366.check(records)

    def test_an_unknown_member_s_evaluation_in_pandas(self) -> None:
        """pandas fills a left join's gap with NaN, which is true: the evaluation of a
        member not in the table built a member of nulls and raised."""
        members = [evolve(_member(i, None, date(2010, 1, 1)), org_id="cb-á") for i in range(3)]
        evaluations = [Evaluation("khong-co", 2025, Rating.HTXSNV, disciplined=True)]
        records, tables = self._rounds(
            members,
            evaluations,
            _frame(members, Member, "pandas"),
            _frame(evaluations, Evaluation, "pandas"),
        )
        assert list(tables.member_evaluations()) == list(records.member_evaluations())
        assert QD366.check(tables) == QD366.check(records)

    def test_a_column_named_row_and_an_untyped_empty_table(self) -> None:
        """A table's own column named ``_row`` is left out like any other the checks do not
        read (it clashed with the rows' numbering); an empty evaluations table whose
        columns have no type is an empty round (its join with the ids failed)."""
        members = [evolve(_member(i, None, date(2010, 1, 1)), org_id="cb-á") for i in range(3)]
        member_table = _frame(members, Member, "polars").with_columns(pl.lit(7).alias("_row"))
        empty = pl.DataFrame({"subject_id": [None], "year": [None], "rating": [None]}).clear()
        assert empty.schema["subject_id"] == pl.Null
        records, tables = self._rounds(members, [], member_table, empty)
        assert QD366.check(tables) == QD366.check(records)
        on = date(2025, 12, 31)
        assert DIEU_LE.check(
            Structure.from_frames(OrgTree.build(self._ORGS), member_table, on)
        ) == (DIEU_LE.check(Structure(OrgTree.build(self._ORGS, members), on)))

    @pytest.mark.parametrize("backend", ["polars", "pandas"])
    @pytest.mark.parametrize("blank", ["", "  ", "\u00a0"])
    def test_a_blank_committee_role_is_no_seat(self, backend: str, blank: str) -> None:
        """A blank role (as a CSV imported as it is keeps an empty cell) is no seat, as
        the loaders and rollup_frame read it: it was counted as a committee seat."""
        pl = pytest.importorskip("polars")
        pytest.importorskip(backend)
        members = [evolve(_member(i, None, date(2010, 1, 1)), org_id="cb-á") for i in range(9)]
        table = pl.DataFrame(
            {
                "id": [m.id for m in members],
                "org_id": [m.org_id for m in members],
                "full_name": [m.full_name for m in members],
                "admitted_on": [m.admitted_on for m in members],
                "committee_role": [blank] * len(members),
            }
        )
        native = table.to_pandas() if backend == "pandas" else table
        on = date(2025, 12, 31)
        tables = Structure.from_frames(OrgTree.build(self._ORGS), native, on)
        assert tables.committee_count("cb-á") == 0
        assert not tables.records_committees
        records = Structure(OrgTree.build(self._ORGS, members), on)
        assert DIEU_LE.check(tables) == DIEU_LE.check(records)

    def test_columns_pandas_left_empty(self) -> None:
        """pandas reads a column empty throughout as floats, all NaN: dates not recorded
        (a cast to days raised) and no committee role (not a role "nan")."""
        pd = pytest.importorskip("pandas")
        members = [evolve(_member(i, None, date(2010, 1, 1)), org_id="cb-á") for i in range(9)]
        table = pd.DataFrame(
            {
                "id": [m.id for m in members],
                "org_id": [m.org_id for m in members],
                "full_name": [m.full_name for m in members],
                "admitted_on": [m.admitted_on for m in members],
                "ceremony_on": float("nan"),
                "left_on": float("nan"),
                "birth_date": float("nan"),
                "committee_role": float("nan"),
            }
        )
        on = date(2025, 12, 31)
        tables = Structure.from_frames(OrgTree.build(self._ORGS), table, on)
        assert (tables.official_count("cb-á"), tables.committee_count("cb-á")) == (9, 0)
        assert not tables.records_committees
        records = Structure(OrgTree.build(self._ORGS, members), on)
        assert DIEU_LE.check(tables) == DIEU_LE.check(records)

    @pytest.mark.parametrize("spelling", ["htxsnv", "Hoàn thành xuất sắc nhiệm vụ"])
    def test_ratings_in_another_spelling_and_years_as_text(self, spelling: str) -> None:
        """A rating written as a record reads it is counted at its level (it was counted
        at none, yet listed at it); a year held as text is the year (it raised)."""
        members = [evolve(_member(i, None, date(2010, 1, 1)), org_id="cb-á") for i in range(5)]
        evaluations = [Evaluation(m.id, 2025, Rating.HTXSNV) for m in members]
        ev_table = _frame(evaluations, Evaluation, "polars").with_columns(
            pl.lit(spelling).alias("rating"), pl.col("year").cast(pl.String)
        )
        records, tables = self._rounds(
            members, evaluations, _frame(members, Member, "polars"), ev_table
        )
        assert tables.member_ratings("cb-á") == [Rating.HTXSNV] * 5
        assert QD366.check(tables) == QD366.check(records)
        assert QD132.check(tables) == QD132.check(records)

    @pytest.mark.parametrize("backend", ["polars", "pandas"])
    def test_years_with_spaces_or_gaps(self, backend: str) -> None:
        """A year typed with white space around ("2025 ") is the year, and a row of no
        year is of no round, as rollup_frame and rollup_sql read them: polars refused
        the first, pandas the second, when the years were cast to whole numbers."""
        pytest.importorskip(backend)
        members = [evolve(_member(i, None, date(2010, 1, 1)), org_id="cb-á") for i in range(5)]
        evaluations = [Evaluation(m.id, 2025, Rating.HTXSNV) for m in members]
        years = [" 2025 ", "2025\t", "2025", "2025", None]
        ev_table = _frame(evaluations, Evaluation, "polars").with_columns(
            pl.Series("year", years, dtype=pl.String)
        )
        member_table = _frame(members, Member, "polars")
        if backend == "pandas":
            ev_table, member_table = ev_table.to_pandas(), member_table.to_pandas()
        records, tables = self._rounds(members, evaluations[:4], member_table, ev_table)
        assert tables.member_ratings("cb-á") == [Rating.HTXSNV] * 4
        assert QD366.check(tables) == QD366.check(records)

    @pytest.mark.parametrize(
        ("size", "official", "status"),
        [(29, 29, Status.PASS), (30, 30, Status.NEEDS_REVIEW), (31, 3, Status.NEEDS_REVIEW)],
    )
    def test_a_chi_bo_co_so_at_the_sizes(self, size: int, official: int, status: Status) -> None:
        """Điều lệ, Điều 21: a chi bộ cơ sở has under 30 members (30 or more with the
        approval above: to review), probationary members counted. Of 31, the 3 official
        members are enough (from 3); the 28 others were admitted in the last month."""
        on = date(2025, 12, 31)
        members = [
            evolve(_member(i, None, date(2010, 1, 1)), org_id="cb-á") for i in range(official)
        ]
        members += [
            evolve(_member(i, None, on - timedelta(days=i)), org_id="cb-á")
            for i in range(official, size)
        ]
        table = _frame(members, Member, "polars")
        tables = Structure.from_frames(OrgTree.build(self._ORGS), table, on)
        report = DIEU_LE.check(tables)
        assert report == DIEU_LE.check(Structure(OrgTree.build(self._ORGS, members), on))
        (sized,) = report["dieu_le.quy_mo_to_chuc_co_so_dang"]
        (minimum,) = report["dieu_le.toi_thieu_3_dang_vien_chinh_thuc"]
        assert (sized.status, sized.observed) == (status, size)
        assert (minimum.status, minimum.observed) == (Status.PASS, official)

    @pytest.mark.parametrize("backend", ["polars", "pandas"])
    def test_twelve_months_ending_on_the_date(self, backend: str) -> None:
        """Điều lệ, Điều 5: 12 months of probation from the ceremony. Ceremony 31/12/2024:
        official on 31/12/2025, not on 30/12/2025; with no ceremony, the admission counts.
        Two official members and that one: the chi bộ has 3 on the mark, 2 the day before."""
        members = [evolve(_member(i, None, date(2010, 1, 1)), org_id="cb-á") for i in range(2)]
        members.append(
            evolve(
                _member(2, None, date(2024, 12, 1), ceremony_on=date(2024, 12, 31)),
                org_id="cb-á",
            )
        )
        members.append(evolve(_member(3, None, date(2024, 12, 31)), org_id="cb-á"))
        table = _frame(members, Member, backend)
        for on, official in ((date(2025, 12, 30), 2), (date(2025, 12, 31), 4)):
            tables = Structure.from_frames(OrgTree.build(self._ORGS), table, on)
            report = DIEU_LE.check(tables)
            assert report == DIEU_LE.check(Structure(OrgTree.build(self._ORGS, members), on))
            (minimum,) = report["dieu_le.toi_thieu_3_dang_vien_chinh_thuc"]
            assert minimum.observed == official
            assert minimum.status is (Status.PASS if official >= 3 else Status.FAIL)

    @pytest.mark.parametrize("column", ["subject", "period"])
    def test_an_evaluation_of_no_subject_or_review_given(self, column: str) -> None:
        """A null subject or review is the record's default (a member, the yearly review),
        as ``rollup_frame`` reads it: such rows were in neither kind, and the round's
        members unrated."""
        members = [evolve(_member(i, None, date(2010, 1, 1)), org_id="cb-á") for i in range(5)]
        evaluations = [Evaluation(m.id, 2025, Rating.HTXSNV) for m in members]
        ev_table = _frame(evaluations, Evaluation, "polars").with_columns(
            pl.lit(None, pl.String).alias(column)
        )
        records, tables = self._rounds(
            members, evaluations, _frame(members, Member, "polars"), ev_table
        )
        assert tables.member_ratings("cb-á") == [Rating.HTXSNV] * 5
        assert QD366.check(tables) == QD366.check(records)

    @pytest.mark.parametrize(
        ("org_ids", "reason"),
        [
            (["cb-á", "cb-á", "cb-á"], "mã bị trùng"),
            (["cb-á", "cb-á", "khong-co"], "không có tổ chức mang mã này"),
            (["cb-á", "cb-á", "xa"], "phải thuộc một chi bộ"),
        ],
    )
    def test_rows_that_make_no_tree_are_refused(self, org_ids: list[str], reason: str) -> None:
        """An id twice, a member of no organization of the tree or of a đảng bộ: the
        records make no tree (OrgTree.build refuses them), and the tables are refused
        alike, naming the rows. They were counted (a member twice, a đảng bộ's own
        members) or left out without a word."""
        orgs = [
            Organization("xa", "Đảng bộ xã", OrgKind.DANG_BO_CO_SO),
            Organization("cb-á", "Chi bộ Á", OrgKind.CHI_BO_TRUC_THUOC, parent_id="xa"),
        ]
        members = [
            evolve(_member(i, None, date(2010, 1, 1)), org_id=org) for i, org in enumerate(org_ids)
        ]
        if reason == "mã bị trùng":
            members[1] = evolve(members[1], id=members[0].id)
        with pytest.raises(TreeError):
            OrgTree.build(orgs, members)
        table = _frame(members, Member, "polars")
        evaluations = _frame(
            [Evaluation(m.id, 2025, Rating.HTTNV) for m in members], Evaluation, "polars"
        )
        bare, on = OrgTree.build(orgs), date(2025, 12, 31)
        with pytest.raises(TreeError, match=reason):
            DIEU_LE.check(Structure.from_frames(bare, table, on))
        with pytest.raises(TreeError, match=reason):
            RuleSet("tuổi", (AdmissionAgeRule(),)).check(Structure.from_frames(bare, table, on))
        with pytest.raises(TreeError, match=reason):
            QD366.check(RatingRound.from_frames(bare, table, evaluations, 2025))

    @pytest.mark.parametrize(
        ("official", "seats", "status", "observed"),
        [
            (8, 3, Status.NOT_APPLICABLE, 8),  # under 9 official: no chi ủy needed
            (9, 7, Status.PASS, 7),  # from 9 official, a chi ủy of at most 7
            (9, 8, Status.FAIL, 8),
            (9, 0, Status.FAIL, 9),
        ],
    )
    def test_a_chi_uy_at_its_bounds(
        self, official: int, seats: int, status: Status, observed: int
    ) -> None:
        """Điều lệ, Điều 24: a chi bộ of 9 official members or more elects a chi ủy of at
        most 7. A member admitted within the year does not count among the 9. Committee
        roles recorded in another chi bộ only: this one's chi ủy is known to be empty."""
        on = date(2025, 12, 31)
        orgs = (*self._ORGS, Organization("cb2", "Chi bộ 2", OrgKind.CHI_BO_CO_SO))
        members = [
            evolve(
                _member(i, None, date(2010, 1, 1)),
                org_id="cb-á",
                committee_role=CommitteeRole.UY_VIEN if i < seats else None,
            )
            for i in range(official)
        ]
        members.append(evolve(_member(50, None, date(2025, 6, 1)), org_id="cb-á"))
        members.append(
            evolve(
                _member(51, None, date(2010, 1, 1)),
                org_id="cb2",
                committee_role=CommitteeRole.BI_THU,
            )
        )
        table = _frame(members, Member, "polars")
        report = DIEU_LE.check(Structure.from_frames(OrgTree.build(orgs), table, on))
        assert report == DIEU_LE.check(Structure(OrgTree.build(orgs, members), on))
        found = {r.subject.id: r for r in report["dieu_le.chi_uy"]}
        assert (found["cb-á"].status, found["cb-á"].observed) == (status, observed)

    def test_a_yearly_evaluation_whose_quarter_is_nan(self) -> None:
        """A quarter held as a float, NaN where none is given (yearly and quarterly
        reviews in one column): NaN is no quarter, as a record reads it, and the yearly
        evaluations are the yearly round's (they were left out of it)."""
        members = [evolve(_member(i, None, date(2010, 1, 1)), org_id="cb-á") for i in range(5)]
        evaluations = [Evaluation(m.id, 2025, Rating.HTXSNV) for m in members]
        quarterly = [
            Evaluation(m.id, 2025, Rating.HTTNV, period=ReviewPeriod.QUY, quarter=2)
            for m in members
        ]
        ev_table = _frame(evaluations + quarterly, Evaluation, "polars").with_columns(
            pl.col("quarter").cast(pl.Float64).fill_null(float("nan"))
        )
        records, tables = self._rounds(
            members, evaluations + quarterly, _frame(members, Member, "polars"), ev_table
        )
        assert tables.member_ratings("cb-á") == [Rating.HTXSNV] * 5
        assert QD366.check(tables) == QD366.check(records)

    def test_yes_and_no_written_out(self) -> None:
        """Flags written "true"/"false" (as a CSV writes them): "false" is no, as
        ``rollup_frame`` and the record loaders read it. As text, the disciplined members
        could not be picked out, and "false" was true on a record."""
        members = [
            evolve(
                _member(i, None, date(2010, 1, 1)),
                org_id="cb-á",
                committee_role=CommitteeRole.UY_VIEN if i < 2 else None,
            )
            for i in range(5)
        ]
        evaluations = [
            Evaluation(m.id, 2025, Rating.HTTNV, disciplined=i == 0) for i, m in enumerate(members)
        ]
        ev_table = _frame(evaluations, Evaluation, "polars").with_columns(
            pl.col(c).cast(pl.String).str.to_uppercase() for c in ("disciplined", "suspended")
        )
        records, tables = self._rounds(
            members, evaluations, _frame(members, Member, "polars"), ev_table
        )
        assert tables.disciplined_leaders("cb-á") == records.disciplined_leaders("cb-á") == 1
        assert list(tables.member_evaluations()) == list(records.member_evaluations())
        for pack in (QD132, QD366):
            assert pack.check(tables, year=2025) == pack.check(records, year=2025)

    def test_empty_arrow_tables(self) -> None:
        """Empty members and evaluations tables in Arrow, their columns of no type: Arrow
        joins no such column (the round raised). An empty round, as on records."""
        pytest.importorskip("pyarrow")
        members = _frame([], Member, "pyarrow")
        evaluations = _frame([], Evaluation, "pyarrow")
        records, tables = self._rounds([], [], members, evaluations)
        assert list(tables.member_evaluations()) == []
        assert QD366.check(tables) == QD366.check(records)
        on, bare = date(2025, 12, 31), OrgTree.build(self._ORGS)
        assert DIEU_LE.check(Structure.from_frames(bare, members, on)) == DIEU_LE.check(
            Structure(bare, on)
        )

    @pytest.mark.filterwarnings("ignore:Dask support is moving:FutureWarning")
    @pytest.mark.parametrize(
        "backend", ["polars", "polars-lazy", "pandas", "pyarrow", "duckdb", "dask"]
    )
    def test_dates_as_text(self, backend: str) -> None:
        """Dates held as ISO text with white space around, a blank text no date (a CSV
        read without parsing its dates), read as rollup_frame reads them: polars refused
        every such column and the other engines a blank text, each with its own error."""
        members = [
            evolve(
                _member(i, date(1960 + 4 * i, 2, 29) if i % 2 else None, date(2010 + i, 3, 1)),
                org_id="cb-á",
                left_on=date(2025, 6, 1) if i == 3 else None,
            )
            for i in range(7)
        ]
        dates = ("admitted_on", "birth_date", "left_on")
        table = _frame(members, Member, "polars").with_columns(
            (" " + pl.col(c).cast(pl.String).fill_null("") + "\t").alias(c) for c in dates
        )
        native: Any = in_engine(table, backend)
        on = date(2025, 12, 31)
        tables = Structure.from_frames(OrgTree.build(self._ORGS), native, on)
        records = Structure(OrgTree.build(self._ORGS, members), on)
        assert tables.member_count("cb-á") == records.member_count("cb-á") == 6
        _same(DIEU_LE.check(tables), DIEU_LE.check(records), backend)

    def test_a_date_as_text_that_is_no_day_is_refused(self) -> None:
        """A text that is no day is refused naming its member, as rollup_frame refuses
        it, not with the engine's own error."""
        members = [evolve(_member(i, None, date(2010, 1, 1)), org_id="cb-á") for i in range(3)]
        table = _frame(members, Member, "polars").with_columns(
            pl.Series("left_on", ["", "31/12/2024", None], dtype=pl.String)
        )
        with pytest.raises(TreeError) as caught:
            Structure.from_frames(OrgTree.build(self._ORGS), table, date(2025, 12, 31))
        assert [(p.where, p.field) for p in caught.value.problems] == [
            ("Đảng viên 'dv1'", "left_on")
        ]

    @pytest.mark.filterwarnings("ignore:Dask support is moving:FutureWarning")
    @pytest.mark.parametrize("births", [True, False])
    @pytest.mark.parametrize("empty", [True, False])
    def test_a_dask_table_without_the_optional_dates(self, births: bool, empty: bool) -> None:
        """A Dask table without the dates that may be left out, or with them empty
        throughout, or with a birth date missing: the records' report. Dask gave the
        columns left out no type, and the ages' day arithmetic raised on them, and on a
        missing birth date."""
        members = [
            evolve(
                _member(i, date(1990, 5, 1) if i and births else None, date(2010, 1, 1)),
                org_id="cb-á",
                committee_role=CommitteeRole.BI_THU if i == 0 else None,
            )
            for i in range(9)
        ]
        given = ["id", "org_id", "full_name", "admitted_on", "committee_role"]
        table = _frame(members, Member, "polars").select(*given, *(["birth_date"] * births))
        if empty:  # as a CSV reader holds a column it found empty: text, or no type
            table = table.with_columns(
                pl.lit(None, pl.String).alias("ceremony_on"), pl.lit(None).alias("left_on")
            )
        on = date(2025, 12, 31)
        native: Any = in_engine(table, "dask")
        tables = Structure.from_frames(OrgTree.build(self._ORGS), native, on)
        records = Structure(OrgTree.build(self._ORGS, members), on)
        _same(DIEU_LE.check(tables), DIEU_LE.check(records), "dask")
        evaluations = [Evaluation(m.id, 2025, Rating.HTTNV) for m in members[:5]]
        ev_table: Any = in_engine(_frame(evaluations, Evaluation, "polars"), "dask")
        records_round, round_ = self._rounds(members, evaluations, native, ev_table)
        for pack in (QD132, QD366):
            assert Counter(pack.check(round_, year=2025).results) == Counter(
                pack.check(records_round, year=2025).results
            )

    @pytest.mark.parametrize("backend", ["polars", "pandas", "duckdb"])
    @pytest.mark.parametrize(
        ("column", "written"), [("period", "Nam"), ("period", ""), ("subject", "Member")]
    )
    def test_a_period_or_subject_that_is_no_code(
        self, backend: str, column: str, written: str
    ) -> None:
        """An evaluation whose period or subject is none of the codes is named, as
        rollup_frame names it: its row was left out of the round unseen (the member
        then unrated), or refused with the enum's own English error."""
        from coso_dang.frame import members_frame, rollup_frame

        members = [evolve(_member(i, None, date(2010, 1, 1)), org_id="cb-á") for i in range(3)]
        evaluations = [Evaluation(m.id, 2025, Rating.HTTNV) for m in members]
        ev_table = _frame(evaluations, Evaluation, "polars").with_columns(
            pl.when(pl.col("subject_id") == "dv1")
            .then(pl.lit(written))
            .otherwise(pl.col(column))
            .alias(column)
        )
        bare = OrgTree.build(self._ORGS)
        native: Any = in_engine(ev_table, backend)
        member_table: Any = in_engine(_frame(members, Member, "polars"), backend)
        with pytest.raises(TreeError) as caught:
            RatingRound.from_frames(bare, member_table, native, 2025)
        with pytest.raises(TreeError) as expected:
            rollup_frame(
                bare,
                in_engine(members_frame(members), backend),
                year=2025,
                evaluations=native,
            )
        assert caught.value.problems == expected.value.problems
        assert [(p.where, p.field, p.value) for p in caught.value.problems] == [
            ("Đánh giá 'dv1'", column, written)
        ]

    @pytest.mark.filterwarnings("ignore:Dask support is moving:FutureWarning")
    @pytest.mark.parametrize("backend", ["polars", "pandas", "pyarrow", "duckdb", "dask"])
    def test_gaps_in_columns_with_a_default(self, backend: str) -> None:
        """A gap in a column whose field has a default (not disciplined, no months of
        sick leave) is the default, as the loaders read a blank cell: the first such
        evaluation made a record of was refused, a flag cannot be None."""
        members = [evolve(_member(i, None, date(2010, 1, 1)), org_id="cb-á") for i in range(5)]
        evaluations = [
            Evaluation(m.id, 2025, Rating.HTXSNV, disciplined=i == 0, sick_leave_months=3 * i)
            for i, m in enumerate(members)
        ]
        evaluations.append(Evaluation("cb-á", 2025, Rating.HTTNV, subject=SubjectKind.ORGANIZATION))
        gaps = pl.int_range(pl.len()) % 2 == 1
        ev_table = _frame(evaluations, Evaluation, "polars").with_columns(
            pl.when(gaps).then(None).otherwise(pl.col(c)).alias(c)
            for c in ("disciplined", "sick_leave_months", "exempted", "suspended")
        )
        read = [
            evolve(e, disciplined=False, sick_leave_months=0) if i % 2 else e
            for i, e in enumerate(evaluations)
        ]
        records, tables = self._rounds(
            members,
            read,
            in_engine(_frame(members, Member, "polars"), backend),
            in_engine(ev_table, backend),
        )
        for pack in (QD132, QD124, QD366):
            assert Counter(pack.check(tables, year=2025).results) == Counter(
                pack.check(records, year=2025).results
            )

    @pytest.mark.parametrize("backend", ["polars", "pandas", "duckdb"])
    def test_a_yes_or_no_written_otherwise_is_refused(self, backend: str) -> None:
        """A yes/no mark held as text is read as every path reads one ("true",
        " KHÔNG ", "Có", "1"; a blank is the default, no; "có" was refused, where the
        loaders read it); a text that is neither ("có lẽ") is named: read as no answer,
        it became the default, and a member disciplined was read as not."""
        members = [evolve(_member(i, None, date(2010, 1, 1)), org_id="cb-á") for i in range(4)]
        evaluations = [
            Evaluation(m.id, 2025, Rating.HTXSNV, disciplined=i in (0, 3))
            for i, m in enumerate(members)
        ]
        marks = pl.Series("disciplined", ["true", "", " KHÔNG ", "Có"], dtype=pl.String)
        ev_table = _frame(evaluations, Evaluation, "polars").with_columns(marks)
        member_table = in_engine(_frame(members, Member, "polars"), backend)
        records, tables = self._rounds(
            members, evaluations, member_table, in_engine(ev_table, backend)
        )
        for pack in (QD132, QD366):
            assert Counter(pack.check(tables, year=2025).results) == Counter(
                pack.check(records, year=2025).results
            )
        wrong = ev_table.with_columns(pl.Series("disciplined", ["true", "", "có lẽ", "chưa"]))
        with pytest.raises(TreeError) as caught:
            RatingRound.from_frames(
                OrgTree.build(self._ORGS), member_table, in_engine(wrong, backend), 2025
            )
        # Named by member and field; the mark (a discipline) is never quoted.
        assert [(p.where, p.field, p.value) for p in caught.value.problems] == [
            ("Đánh giá 'dv2'", "disciplined", ""),
            ("Đánh giá 'dv3'", "disciplined", ""),
        ]

    @pytest.mark.parametrize(
        "marks",
        [
            [True, "không", False, "Có"],
            [1.0, 0.0, False, " x "],
            [True, None, "false", 1],
            ["true", False, "KHÔNG", True],
        ],
    )
    def test_a_yes_or_no_among_python_objects_is_read_as_the_loaders_read_it(
        self, marks: list[object]
    ) -> None:
        """A yes/no mark column of Python objects (pandas: booleans beside texts, as a
        spreadsheet's column holding both is read) is read value by value as the loaders
        read a cell, and a text that is neither is named: left as they were, the texts
        stopped the round with pandas' KeyError."""
        pd = pytest.importorskip("pandas")
        members = [evolve(_member(i, None, date(2010, 1, 1)), org_id="cb-á") for i in range(4)]
        evaluations = [
            Evaluation(m.id, 2025, Rating.HTXSNV, disciplined=i in (0, 3))
            for i, m in enumerate(members)
        ]
        ev_table = _frame(evaluations, Evaluation, "polars").to_pandas()
        ev_table["disciplined"] = pd.Series(marks, dtype=object)
        member_table = _frame(members, Member, "pandas")
        records, tables = self._rounds(members, evaluations, member_table, ev_table)
        for pack in (QD132, QD366):
            assert Counter(pack.check(tables, year=2025).results) == Counter(
                pack.check(records, year=2025).results
            )
        ev_table["disciplined"] = pd.Series([*marks[:2], "có lẽ", marks[3]], dtype=object)
        with pytest.raises(TreeError) as caught:
            RatingRound.from_frames(OrgTree.build(self._ORGS), member_table, ev_table, 2025)
        assert [(p.where, p.field, p.value) for p in caught.value.problems] == [
            ("Đánh giá 'dv2'", "disciplined", "")
        ]

    @pytest.mark.parametrize("backend", ["polars", "pandas", "duckdb"])
    @pytest.mark.parametrize("written", ["2025.0", "năm 2025", 2025.5])
    def test_a_year_that_is_no_whole_number_is_refused(
        self, backend: str, written: str | float
    ) -> None:
        """An evaluation whose year is no whole number is named, as rollup_frame names
        it: it matched no year and was left out of the round unseen, the member then
        unrated."""
        from coso_dang.frame import members_frame, rollup_frame

        members = [evolve(_member(i, None, date(2010, 1, 1)), org_id="cb-á") for i in range(3)]
        evaluations = [Evaluation(m.id, 2025, Rating.HTTNV) for m in members]
        kind = pl.String if isinstance(written, str) else pl.Float64
        years = pl.Series(
            "year",
            ["2025", written, "2025"] if kind == pl.String else [2025.0, written, 2025.0],
            dtype=kind,
        )
        ev_table = _frame(evaluations, Evaluation, "polars").with_columns(years)
        bare = OrgTree.build(self._ORGS)
        native: Any = in_engine(ev_table, backend)
        with pytest.raises(TreeError) as caught:
            RatingRound.from_frames(
                bare, in_engine(_frame(members, Member, "polars"), backend), native, 2025
            )
        with pytest.raises(TreeError) as expected:
            rollup_frame(
                bare, in_engine(members_frame(members), backend), year=2025, evaluations=native
            )
        assert caught.value.problems == expected.value.problems
        assert [(p.where, p.field) for p in caught.value.problems] == [("Đánh giá 'dv1'", "year")]

    @pytest.mark.parametrize("backend", ["polars", "pandas", "duckdb"])
    def test_an_evaluation_of_no_subject_is_refused(self, backend: str) -> None:
        """An evaluation without a subject id is refused as rollup_frame refuses it (a
        record cannot have none), whatever the checks go on to read of it."""
        from coso_dang.frame import members_frame, rollup_frame

        members = [evolve(_member(i, None, date(2010, 1, 1)), org_id="cb-á") for i in range(3)]
        evaluations = [Evaluation(m.id, 2025, Rating.HTTNV) for m in members]
        ev_table = _frame(evaluations, Evaluation, "polars").with_columns(
            pl.Series("subject_id", ["dv0", None, "dv2"], dtype=pl.String)
        )
        bare = OrgTree.build(self._ORGS)
        native: Any = in_engine(ev_table, backend)
        with pytest.raises(TreeError) as expected:
            rollup_frame(
                bare, in_engine(members_frame(members), backend), year=2025, evaluations=native
            )
        member_table = in_engine(_frame(members, Member, "polars"), backend)
        for pack in (QD132, QD366):
            with pytest.raises(TreeError) as caught:
                pack.check(RatingRound.from_frames(bare, member_table, native, 2025), year=2025)
            assert caught.value.problems == expected.value.problems
