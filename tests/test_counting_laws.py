"""The laws of the counting core, as an analyst relies on them: a parent's tally is its
own plus its children's, every breakdown adds up to its whole, the average age rolls up
as an exact sum and count, shares are exact or unknown, the reporting date's boundaries,
and tallies and rollups that survive a copy or a pickle."""

from __future__ import annotations

import copy
import pickle
from datetime import date, timedelta
from fractions import Fraction

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.strategies import organizations

from coso_dang import Gender, Member, Organization, OrgKind, OrgTree, Tally
from coso_dang.breakdowns import ATTRIBUTES, breakdown
from coso_dang.indicators import indicators, ratios
from coso_dang.members import completed_years
from coso_dang.rollup import Rollup, rollup

YEAR = 2024
ON = date(YEAR, 12, 31)
_CODES = tuple(i.code for i in indicators())[:30]


def _day_near(anchor: date) -> st.SearchStrategy[date]:
    """A day close to *anchor*, where the off-by-one errors live."""
    return st.integers(min_value=-3, max_value=3).map(lambda n: anchor + timedelta(days=n))


@st.composite
def _tree(draw: st.DrawFn) -> OrgTree:
    """A commune with chi bộ founded and dissolved around the reporting date, and
    members admitted, leaving and born around its boundaries."""
    orgs = [Organization("xa", "Đảng bộ xã Tân Lập", OrgKind.DANG_BO_CO_SO)]
    for at in range(draw(st.integers(min_value=1, max_value=4))):
        founded = draw(st.none() | _day_near(ON))
        dissolved = draw(st.none() | _day_near(ON))
        if founded is not None and dissolved is not None and dissolved < founded:
            founded, dissolved = dissolved, founded
        orgs.append(
            Organization(
                f"cb{at}", f"Chi bộ thôn {at}", OrgKind.CHI_BO_TRUC_THUOC, parent_id="xa",
                founded_on=founded, dissolved_on=dissolved,
            )
        )  # fmt: skip
    chi_bo = [o.id for o in orgs[1:]]
    members = []
    for at in range(draw(st.integers(min_value=0, max_value=14))):
        admitted = draw(
            st.sampled_from([date(2001, 5, 19), date(YEAR, 1, 1), date(YEAR - 1, 12, 31)])
            | _day_near(ON)
        )
        left = draw(st.none() | _day_near(ON) | _day_near(date(YEAR, 1, 1)))
        if left is not None and left < admitted:
            left = admitted + timedelta(days=1)
        # Born 31 years (or 18, or 61) before a day near the reporting date.
        years = draw(st.sampled_from([18, 31, 36, 61]))
        near = draw(_day_near(ON))
        born = draw(st.none() | st.just(date(near.year - years, near.month, near.day)))
        if born is not None and admitted <= born:
            born = None  # admitted before birth: no such record
        members.append(
            Member(
                f"dv{at}", "Nguyễn Văn An", draw(st.sampled_from(chi_bo)), admitted_on=admitted,
                left_on=left, birth_date=born, gender=draw(st.sampled_from([*Gender, None])),
            )
        )  # fmt: skip
    return OrgTree.build(orgs, members)


_SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


class TestParentIsOwnPlusChildren:
    @_SETTINGS
    @given(_tree())
    def test_every_node(self, tree: OrgTree) -> None:
        """A node's tally is its own counts merged with its children's totals."""
        result = rollup(tree, year=YEAR, breakdowns=True)
        for org in tree:
            children = [result[child.id] for child in tree.children(org.id)]
            assert result[org.id] == Tally.sum([result.own(org.id), *children])


_GIVEN = st.one_of(
    st.just(Tally()),
    st.just(Tally.unknown()),
    st.dictionaries(
        st.sampled_from(["dang_vien", "thon", "ket_nap", "tccsd"]), st.integers(0, 5)
    ).map(Tally),
)


class TestGivenTallies:
    @_SETTINGS
    @given(organizations(12), st.data())
    def test_every_node_is_its_given_tally_and_its_children(
        self, orgs: list[Organization], data: st.DataObject
    ) -> None:
        """From given tallies too: a node is its own given tally (the identity when none)
        merged with its children's totals, and a count unknown anywhere below is unknown."""
        tree = OrgTree.build(orgs)
        given_ = {org.id: data.draw(_GIVEN) for org in orgs if data.draw(st.booleans())}
        result = Rollup.from_tallies(tree, given_)
        for org in tree:
            children = [result[child.id] for child in tree.children(org.id)]
            assert result[org.id] == Tally.sum([given_.get(org.id, Tally()), *children])
        assert result.root == Tally.sum(given_.get(org.id, Tally()) for org in tree)


class TestBreakdownsAddUp:
    @_SETTINGS
    @given(_tree())
    def test_rows_and_unknown_make_the_whole(self, tree: OrgTree) -> None:
        """Each exhaustive breakdown's rows and unknown are its population; a row's
        women stay within it; the table equals the one counted from the records."""
        result = rollup(tree, year=YEAR, breakdowns=True)
        for org in tree:
            for code, attribute in ATTRIBUTES.items():
                table = result.breakdown(code, org=org.id, min_cell=1)
                rows = [row.count or 0 for row in table.rows]
                assert all(row.count is not None for row in table.rows)
                if attribute.exhaustive and code != "tuoi":
                    assert sum(rows) + table.unknown == table.total
                for row in table.rows:
                    assert row.female is not None
                    assert row.count is not None
                    assert row.female <= row.count
                direct = breakdown(tree, code, on=ON, org=org.id, min_cell=1)
                assert table == direct

    @_SETTINGS
    @given(_tree())
    def test_average_age_is_an_exact_sum_and_count(self, tree: OrgTree) -> None:
        """The age sum and count of a node are those of the members below it."""
        result = rollup(tree, year=YEAR, breakdowns=["tuoi"])
        for org in tree:
            table = result.breakdown("tuoi", org=org.id)
            born = [
                m.birth_date
                for m in tree.members_of(org.id, recursive=True)
                if m.is_active(ON) and m.birth_date is not None
            ]
            assert (table.age_sum, table.age_known) == (
                sum(completed_years(b, ON) for b in born),
                len(born),
            )
            expected = Fraction(table.age_sum, len(born)) if born else None
            assert table.average_age == expected


class TestCountedFiguresAddUp:
    @_SETTINGS
    @given(_tree(), st.data())
    def test_no_problem_in_a_rollups_own_counts(self, tree: OrgTree, data: st.DataObject) -> None:
        """Counts made from records, ratings of those gone by year end included, break no
        relation, except the age bands of a member recorded as under 18 (a record to
        correct, which the check names)."""
        from coso_dang import Evaluation, Rating, SubjectKind

        evaluations = [
            Evaluation(m.id, YEAR, data.draw(st.sampled_from([*Rating, None])))
            for m in tree.members()
            if data.draw(st.booleans())
        ]
        evaluations += [
            Evaluation(org.id, YEAR, Rating.HTTNV, subject=SubjectKind.ORGANIZATION)
            for org in tree
            if data.draw(st.booleans())
        ]
        result = rollup(tree, year=YEAR, breakdowns=True, evaluations=evaluations)
        for org in tree:
            young = any(
                (m.is_active(ON) or date(YEAR, 1, 1) <= m.admitted_on <= ON)
                and m.birth_date is not None
                and completed_years(m.birth_date, ON) < 18
                for m in tree.members_of(org.id, recursive=True)
            )
            fields = {problem.field for problem in result[org.id].problems()}
            assert fields <= ({"dang_vien", "ket_nap"} if young else set())


class TestAsOfBoundaries:
    def test_the_reporting_day_itself(self) -> None:
        """Admitted on the day: counted; leaving on it: not; founded on it: counted;
        dissolved on it: not; turning 31 on it: in the 31-35 band."""
        tree = OrgTree.build(
            [
                Organization("xa", "Đảng bộ xã A", OrgKind.DANG_BO_CO_SO),
                Organization("c1", "Chi bộ 1", OrgKind.CHI_BO_TRUC_THUOC, parent_id="xa",
                             founded_on=ON),
                Organization("c2", "Chi bộ 2", OrgKind.CHI_BO_TRUC_THUOC, parent_id="xa",
                             dissolved_on=ON),
            ],
            [
                Member("dv1", "Lê Văn A", "c1", admitted_on=ON, birth_date=date(1993, 12, 31)),
                Member("dv2", "Lê Văn B", "c1", admitted_on=date(2001, 1, 1), left_on=ON),
            ],
        )  # fmt: skip
        result = rollup(tree, year=YEAR, breakdowns=["tuoi"])
        total = result["xa"]
        assert (total["dang_vien"], total["ket_nap"], total["chi_bo_truc_thuoc"]) == (1, 1, 1)
        assert total["dang_vien_cuoi_nam_truoc"] == 1
        assert total["dang_vien_tuoi_31_35"] == 1


class TestShares:
    @given(st.dictionaries(st.sampled_from(_CODES), st.integers(min_value=0, max_value=5)))
    def test_exact_or_unknown(self, counts: dict[str, int]) -> None:
        """Every share is an exact Fraction, or None over zero or an unknown count."""
        tally = Tally(counts)
        for ratio in ratios():
            value = tally.share(ratio)
            bottom = tally.total(ratio.denominator)
            top = tally.total(ratio.numerator)
            if bottom is None or top is None or bottom == 0:
                assert value is None
            else:
                assert value == Fraction(top, bottom)
                assert type(value) is Fraction


class TestCopies:
    @pytest.mark.parametrize(
        "tally",
        [Tally(), Tally.unknown(), Tally(dang_vien=38356, tccsd=737), Tally(dang_vien=0)],
        ids=["identity", "unknown", "counts", "zero"],
    )
    def test_tally_survives_pickle_and_copy(self, tally: Tally) -> None:
        """A tally sent to a worker process or copied is the same tally."""
        for again in (
            pickle.loads(pickle.dumps(tally)),
            copy.copy(tally),
            copy.deepcopy(tally),
        ):
            assert again == tally
            assert hash(again) == hash(tally)
            assert again.is_identity is tally.is_identity
            assert repr(again) == repr(tally)

    def test_rollup_survives_pickle(self) -> None:
        """A rollup pickled keeps every tally and its dates."""
        tree = OrgTree.build(
            [Organization("cb", "Chi bộ cơ sở A", OrgKind.CHI_BO_CO_SO)],
            [Member("dv1", "Lê Văn A", "cb", admitted_on=date(2010, 1, 1))],
        )
        result = rollup(tree, year=YEAR)
        again = pickle.loads(pickle.dumps(result))
        assert isinstance(again, Rollup)
        assert dict(again) == dict(result)
        assert (again.year, again.as_of) == (result.year, result.as_of)
        # With breakdowns, whose counts numpy may hold (the tree keeps its members'
        # arrays, made by the first rollup).
        counted = rollup(tree, year=YEAR, breakdowns=True)
        assert dict(pickle.loads(pickle.dumps(counted))) == dict(counted)
        assert dict(rollup(pickle.loads(pickle.dumps(tree)), year=YEAR, breakdowns=True)) == dict(
            counted
        )


class TestVocabulary:
    def test_every_code_has_one_label_in_each_language(self) -> None:
        """Every count and ratio code follows the one pattern, has a Vietnamese label and
        an English gloss from the catalogue, and no two share a label in either language."""
        import json
        import re
        import subprocess
        import sys

        # In a fresh interpreter: other tests register counts of their own, in Vietnamese
        # only, as a user may; the library's own vocabulary is what is checked here.
        script = (
            "import json, coso_dang, coso_dang.breakdowns, coso_dang.forms, coso_dang.rules\n"
            "from coso_dang.i18n import label\n"
            "from coso_dang.indicators import indicators, ratios\n"
            "print(json.dumps([(i.code, i.label, label(i, 'en'))"
            " for i in (*indicators(), *ratios())]))\n"
        )
        shown = subprocess.run(
            [sys.executable, "-c", script], capture_output=True, text=True, check=True
        ).stdout
        items = json.loads(shown)
        assert len(items) > 100
        for column in (1, 2):
            labels = [item[column] for item in items]
            assert len(set(labels)) == len(labels), column
        for code, vietnamese, english in items:
            assert re.fullmatch(r"[a-z][a-z0-9]*(_[a-z0-9]+)*", code), code
            assert english != vietnamese, code

    def test_breakdown_codes_follow_population_attribute_category(self) -> None:
        """Each breakdown's counts are <population>_<breakdown>_<category> (and _nu),
        then _chua_ro; every one registered."""
        from coso_dang.indicators import get_indicator

        for population in ("dang_vien", "ket_nap"):
            for code, attribute in ATTRIBUTES.items():
                prefix = f"{population}_{code}"
                expected = [
                    name
                    for category, _ in attribute.categories
                    for name in (f"{prefix}_{category}", f"{prefix}_{category}_nu")
                ]
                expected.append(f"{prefix}_chua_ro")
                if code == "tuoi":
                    expected += [f"{prefix}_tong", f"{prefix}_so_nguoi"]
                assert list(attribute.codes(population)) == expected
                for name in expected:
                    assert get_indicator(name).code == name
