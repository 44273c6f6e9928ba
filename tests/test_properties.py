"""Nothing lost, as properties: loads account for every row, dumps round-trip exactly,
rollups keep the input's totals, merges ignore order, checks agree across threads, and
anonymized data roll up to the same tallies."""

from __future__ import annotations

import csv
import io
import itertools
import json
import random
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import attrs
import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coso_dang import Member, OrgTree, Rating, SubjectKind, Tally
from coso_dang.dataset import Dataset
from coso_dang.indicators import indicators
from coso_dang.io import dump_csv, dump_json, dump_xlsx, load_csv, load_json, load_xlsx
from coso_dang.members import shifted_by, years_after
from coso_dang.privacy import AnonymizeError, anonymize, smallest_group
from coso_dang.rollup import rollup
from coso_dang.rules import DIEU_LE, NQ21_2025, RatingRound, Structure, rating_rules_for
from coso_dang.testing import generate_province
from coso_dang.vi.legacy import LegacyEncodingError, encode_legacy

YEAR = 2024
_SETTINGS = settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
seeds = st.integers(0, 2**16)


@cache
def _province(seed: int, scale: float = 0.003) -> Dataset:
    data = generate_province(seed=seed, scale=scale, year=YEAR)
    return Dataset(data.organizations, data.members, data.units, data.evaluations)


# -- loads account for every row -------------------------------------------------------------


class TestNothingLost:
    @_SETTINGS
    @given(seed=seeds, breaker=seeds)
    def test_csv_rows_accounted(self, tmp_path: Path, seed: int, breaker: int) -> None:
        """Rows in = records + rows named by problems, with random rows broken."""
        rng = random.Random(breaker)
        folder = tmp_path / f"{seed}-{breaker}"
        dump_csv(_province(seed % 8), folder)
        sent = 0
        for path in sorted(folder.glob("*.csv")):
            with path.open(encoding="utf-8-sig", newline="") as stream:
                rows = list(csv.reader(stream))
            for row in rows[1:]:
                if row and rng.randrange(10) == 0:
                    column = rng.randrange(len(row))
                    row[column] = rng.choice(["", "??", "31/02/2024", "-5", "x" * 3])
            with path.open("w", encoding="utf-8-sig", newline="") as stream:
                csv.writer(stream).writerows(rows)
            sent += len(rows) - 1
        result = load_csv(folder, progress=False)
        named = {(p.file, p.row) for p in result.errors if p.row is not None and p.row > 1}
        assert len(result.dataset) + len(named) == sent

    @_SETTINGS
    @given(seed=seeds, breaker=seeds)
    def test_json_records_accounted(self, seed: int, breaker: int) -> None:
        """Records in = records + records named by problems, with random fields broken."""
        rng = random.Random(breaker)
        buffer = io.StringIO()
        dump_json(_province(seed % 8), buffer)
        document = json.loads(buffer.getvalue())
        sent = 0
        for section in ("organizations", "units", "members", "evaluations"):
            for record in document[section]:
                if rng.randrange(10) == 0:
                    key = rng.choice(sorted(record))
                    record[key] = rng.choice([None, 3.5, [], "??", -1])
            sent += len(document[section])
        result = load_json(io.StringIO(json.dumps(document)), progress=False)
        named = {(p.column.split(".")[0], p.row) for p in result.errors if p.row is not None}
        assert len(result.dataset) + len(named) == sent

    @_SETTINGS
    @given(seed=seeds, breaker=seeds)
    def test_mojibake_names_are_warnings(self, tmp_path: Path, seed: int, breaker: int) -> None:
        """Names typed in TCVN3/VNI load, with a warning each: rows = records + errors."""
        rng = random.Random(breaker)
        folder = tmp_path / f"{seed}-{breaker}"
        data = _province(seed % 8)
        members = list(data.members)
        garbled: set[int] = set()  # their rows
        for position, member in enumerate(members):
            if rng.randrange(4):
                continue
            try:
                name = encode_legacy(member.full_name, rng.choice(["tcvn3", "vni"]))
            except LegacyEncodingError:
                continue  # TCVN3 has no capital with a tone mark
            members[position] = attrs.evolve(member, full_name=name)
            garbled.add(position + 2)
        broken = 0
        evaluations = list(data.evaluations)
        dump_csv(attrs.evolve(data, members=members, evaluations=evaluations), folder)
        path = folder / "evaluations.csv"
        with path.open(encoding="utf-8-sig", newline="") as stream:
            rows = list(csv.reader(stream))
        for row in rows[1:]:
            if rng.randrange(10) == 0:
                row[1] = "??"  # Năm: not a year
                broken += 1
        with path.open("w", encoding="utf-8-sig", newline="") as stream:
            csv.writer(stream).writerows(rows)
        result = load_csv(folder, progress=False)
        named = {(p.file, p.row) for p in result.errors if p.row is not None and p.row > 1}
        assert len(result.dataset) + len(named) == len(data)
        assert len(named) == broken
        assert len(result.dataset.members) == len(members)
        # Only the garbled names are flagged, and (detection being a guess) most of them.
        warned = {p.row for p in result.warnings}
        assert warned <= garbled
        assert len(warned) >= len(garbled) // 2
        assert all((p.file, p.column) == ("members.csv", "Họ và tên") for p in result.warnings)
        if not broken:
            assert load_csv(folder, strict=True, progress=False).dataset == result.dataset


# -- round trips -----------------------------------------------------------------------------


class TestRoundTrips:
    @_SETTINGS
    @given(seed=seeds)
    def test_json(self, seed: int) -> None:
        """load_json(dump_json(x)) == x."""
        original = _province(seed % 8)
        buffer = io.StringIO()
        dump_json(original, buffer)
        result = load_json(io.StringIO(buffer.getvalue()), progress=False)
        assert result.problems == ()
        assert result.dataset == original

    @pytest.mark.parametrize("headers", ["vi", "fields"])
    @_SETTINGS
    @given(seed=seeds)
    def test_csv(self, tmp_path: Path, headers: str, seed: int) -> None:
        """load_csv(dump_csv(x)) == x, with either kind of headers."""
        original = _province(seed % 8)
        folder = tmp_path / f"{headers}-{seed}"
        dump_csv(original, folder, headers=headers)  # type: ignore[arg-type]
        result = load_csv(folder, progress=False)
        assert result.problems == ()
        assert result.dataset == original

    @pytest.mark.parametrize("headers", ["vi", "fields"])
    def test_xlsx(self, headers: str) -> None:
        """load_xlsx(dump_xlsx(x)) == x, with either kind of headers."""
        pytest.importorskip("openpyxl")
        for seed in range(3):
            original = _province(seed)
            buffer = io.BytesIO()
            dump_xlsx(original, buffer, headers=headers)  # type: ignore[arg-type]
            result = load_xlsx(io.BytesIO(buffer.getvalue()), progress=False)
            assert result.problems == ()
            assert result.dataset == original


# -- rollups keep the totals -----------------------------------------------------------------


def _active(members: tuple[Member, ...], on: date) -> int:
    return sum(1 for m in members if m.is_active(on))


class TestRollupTotals:
    @_SETTINGS
    @given(seed=seeds, scale=st.sampled_from([0.002, 0.003, 0.006]))
    def test_root_equals_input(self, seed: int, scale: float) -> None:
        """The root's members, admissions, organizations and ratings are the input's."""
        data = _province(seed % 16, scale)
        root = rollup(data.tree(), year=YEAR, evaluations=data.evaluations).root
        end, before = date(YEAR, 12, 31), date(YEAR - 1, 12, 31)
        assert root["dang_vien"] == _active(data.members, end)
        assert root["dang_vien_cuoi_nam_truoc"] == _active(data.members, before)
        assert root["ket_nap"] == sum(1 for m in data.members if m.admitted_on.year == YEAR)
        grassroots = [o for o in data.organizations if o.kind.is_grassroots and o.is_active(end)]
        assert root["tccsd"] == len(grassroots)
        rated = [e for e in data.evaluations if e.year == YEAR and e.rating is not None]
        for rating in Rating:
            members = sum(
                1 for e in rated if e.subject is SubjectKind.MEMBER and e.rating is rating
            )
            assert root[f"dang_vien_{rating.abbreviation.lower()}"] == members


# -- merges ignore order ---------------------------------------------------------------------

_CODES = sorted(i.code for i in indicators())[:12]
tallies = st.one_of(
    st.just(Tally()),
    st.just(Tally.unknown()),
    st.dictionaries(st.sampled_from(_CODES), st.integers(0, 10**6), max_size=8).map(Tally),
)


class TestMerges:
    @settings(max_examples=200, deadline=None)
    @given(parts=st.lists(tallies, max_size=6), data=st.data())
    def test_any_order(self, parts: list[Tally], data: st.DataObject) -> None:
        """Merging tallies in any order, and any grouping, gives the same result."""
        expected = Tally.sum(parts)
        shuffled = data.draw(st.permutations(parts))
        assert Tally.sum(shuffled) == expected
        split = data.draw(st.integers(0, len(parts)))
        assert Tally.sum(parts[:split]) + Tally.sum(parts[split:]) == expected
        assert Tally.sum(parts, missing="zero") == Tally.sum(shuffled, missing="zero")


# -- concurrency -----------------------------------------------------------------------------


class TestConcurrency:
    def test_checks_from_four_threads(self) -> None:
        """Rules and rollups are pure: four threads checking one tree agree exactly."""
        data = _province(3, 0.01)
        tree = data.tree()

        def work(order: int) -> list[Any]:
            jobs = [
                lambda: rollup(tree, year=YEAR, evaluations=data.evaluations).to_records(),
                lambda: NQ21_2025.check(
                    rollup(tree, year=YEAR, evaluations=data.evaluations), year=YEAR
                ).to_records(),
                lambda: DIEU_LE.check(Structure(tree, date(2025, 12, 31)), year=2025).to_records(),
                lambda: (
                    rating_rules_for(YEAR)
                    .check(RatingRound(tree, data.evaluations, YEAR), year=YEAR)
                    .to_records()
                ),
            ]
            results: list[Any] = [None] * len(jobs)
            indices = list(range(len(jobs)))
            random.Random(order).shuffle(indices)
            for i in itertools.chain(indices, indices):
                results[i] = jobs[i]()
            return results

        with ThreadPoolExecutor(max_workers=4) as pool:
            outcomes = list(pool.map(work, range(8)))
        assert all(outcome == outcomes[0] for outcome in outcomes[1:])
        assert outcomes[0][0]


# -- anonymized data keep their tallies ------------------------------------------------------

_KEY = "9b1f0e8d7c6a5b4e3f2a1d0c9b8e7f6a5d4c3b2a1f0e9d8c7b6a5f4e3d2c1b0a"


class TestAnonymized:
    @pytest.mark.parametrize("dates", ["rollup", "exact", "month", "year"])
    @_SETTINGS
    @given(seed=seeds)
    def test_same_tallies(self, dates: Any, seed: int) -> None:
        """An anonymized dataset rolls up to exactly the original's tallies at 31/12."""
        data = _province(seed % 8)
        safe = anonymize(data, key=_KEY, dates=dates, year=YEAR, k=None)
        before = rollup(data.tree(), year=YEAR, evaluations=data.evaluations).to_records()
        after = rollup(safe.tree(), year=YEAR, evaluations=safe.evaluations).to_records()
        assert after == before

    @settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(seed=st.integers(0, 2**16), scale=st.sampled_from([0.01, 0.025]))
    def test_k_anonymous_or_refused(self, seed: int, scale: float) -> None:
        """With k=5 (the default) a copy keeps every tally and has no group under 5, or
        anonymize refuses: never a copy that singles a member out."""
        data = _province(seed, scale)
        refused = ""
        try:
            safe = anonymize(data, key=_KEY, year=YEAR)
        except AnonymizeError as error:
            refused = str(error)
        if refused:
            assert "ít hơn 5 người" in refused
            return
        ignore = ("admitted_on", "ceremony_on", "official_on", "left_on")
        assert smallest_group(safe.members, ignore=ignore) >= 5
        before = rollup(data.tree(), year=YEAR, evaluations=data.evaluations).to_records()
        after = rollup(safe.tree(), year=YEAR, evaluations=safe.evaluations).to_records()
        assert after == before

    def test_tree_in_tree_out(self) -> None:
        """A tree anonymizes to a tree with the same tallies and no original member id."""
        data = _province(1)
        tree = data.tree()
        safe = anonymize(tree, key=_KEY, dates="year", year=YEAR, k=None)
        assert isinstance(safe, OrgTree)
        assert not {m.id for m in safe.members()} & {m.id for m in tree.members()}
        assert rollup(safe, year=YEAR).to_records() == rollup(tree, year=YEAR).to_records()

    def test_stable_and_keyed(self) -> None:
        """The same key gives the same pseudonyms; another key gives others."""
        data = _province(2)
        first = anonymize(data, key=_KEY, k=None)
        assert anonymize(data, key=_KEY, k=None) == first
        other = anonymize(data, key=_KEY[::-1], k=None)
        assert not {m.id for m in first.members} & {m.id for m in other.members}


# -- calendar arithmetic without relativedelta ---------------------------------------------

_DAYS = st.dates(date(1930, 1, 1), date(2090, 12, 31))


@given(_DAYS, _DAYS, _DAYS)
def test_shifted_by_moves_a_day_as_relativedelta_does(day: date, a: date, b: date) -> None:
    since, until = min(a, b), max(a, b)
    assert shifted_by(day, since, until) == day + relativedelta(until, since)


def test_shifted_by_refuses_a_span_running_backwards() -> None:
    with pytest.raises(ValueError, match="phải đi tới"):
        shifted_by(date(2000, 1, 31), date(2010, 4, 3), date(2010, 3, 1))


@given(_DAYS, st.integers(-80, 80))
def test_years_after_moves_a_day_as_relativedelta_does(day: date, years: int) -> None:
    assert years_after(day, years) == day + relativedelta(years=years)
