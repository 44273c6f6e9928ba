"""The synthetic-data generator of coso_dang.testing and the bundled demo province."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date
from importlib import resources
from typing import Any

import attrs
import pytest

from coso_dang.attributes import Ethnicity
from coso_dang.data import DEMO_FILE, DEMO_SCALE, DEMO_SEED, DEMO_YEAR, demo_bytes, load_demo
from coso_dang.evaluation import SubjectKind
from coso_dang.members import MemberStatus
from coso_dang.orgs import OrgKind
from coso_dang.ratings import Rating
from coso_dang.testing import Dataset, generate_nation, generate_province
from coso_dang.tree import OrgTree
from coso_dang.vi.text import normalize

K = OrgKind


@pytest.fixture(scope="module")
def province() -> Dataset:
    """The full-size province (about half a second)."""
    return generate_province(seed=11)


@pytest.fixture(scope="module")
def nation() -> Dataset:
    """A hundredth of the nation."""
    return generate_nation(seed=11, scale=0.01)


def kinds(data: Dataset) -> Counter[OrgKind]:
    return Counter(org.kind for org in data.organizations)


def near(actual: float, expected: float, tolerance: float) -> bool:
    return abs(actual - expected) <= tolerance * expected


class TestDeterminism:
    def test_same_seed_same_data(self) -> None:
        """The same seed gives equal datasets."""
        assert generate_province(seed=4, scale=0.02) == generate_province(seed=4, scale=0.02)

    def test_other_seed_other_data(self) -> None:
        """Different seeds give different datasets."""
        assert generate_province(seed=4, scale=0.02) != generate_province(seed=5, scale=0.02)

    def test_nation_deterministic(self) -> None:
        """The nation is deterministic too."""
        first = generate_nation(seed=2, scale=0.0005, evaluations=False)
        assert first == generate_nation(seed=2, scale=0.0005, evaluations=False)

    def test_global_random_untouched(self) -> None:
        """Generating does not draw from the global random generator."""
        import random

        random.seed(99)
        expected = random.random()
        random.seed(99)
        generate_province(seed=1, scale=0.01)
        assert random.random() == expected

    @pytest.mark.parametrize("scale", [0, -1.0, float("nan")])
    def test_bad_scale(self, scale: float) -> None:
        """A scale that is not a positive number is refused."""
        with pytest.raises(ValueError, match="scale"):
            generate_province(scale=scale)


class TestProvince:
    def test_builds(self, province: Dataset) -> None:
        """The province is a valid tree holding every record."""
        tree = province.tree()
        assert (len(tree), tree.member_count, len(tree.units)) == (
            len(province.organizations),
            len(province.members),
            len(province.units),
        )

    def test_root(self, province: Dataset) -> None:
        """The root is the đảng bộ tỉnh, named in the dataset."""
        root = province.organizations[0]
        assert (root.kind, root.parent_id, root.name) == (K.DANG_BO_TINH, None, province.name)

    def test_under_central(self) -> None:
        """under_central puts a Trung ương root above the province."""
        tree = generate_province(seed=1, scale=0.01, under_central=True).tree()
        assert [(r.id, r.kind) for r in tree.roots] == [("TW", K.TRUNG_UONG)]

    def test_superior_levels(self, province: Dataset) -> None:
        """About 20 đảng bộ cấp trên cơ sở."""
        assert kinds(province)[K.DANG_BO_CAP_TREN_CO_SO] == 20

    def test_grassroots_count(self, province: Dataset) -> None:
        """About 800 TCCSĐ, a third of them đảng bộ cơ sở."""
        counts = kinds(province)
        total = counts[K.DANG_BO_CO_SO] + counts[K.CHI_BO_CO_SO]
        assert (near(total, 800, 0.03), near(counts[K.DANG_BO_CO_SO] / total, 0.35, 0.15)) == (
            True,
            True,
        )

    def test_chi_bo_truc_thuoc_count(self, province: Dataset) -> None:
        """About 3.000 chi bộ trực thuộc."""
        assert near(kinds(province)[K.CHI_BO_TRUC_THUOC], 3000, 0.1)

    def test_bo_phan_and_to_dang(self, province: Dataset) -> None:
        """A couple of đảng bộ bộ phận and occasional tổ đảng."""
        counts = kinds(province)
        assert (counts[K.DANG_BO_BO_PHAN], 0 < counts[K.TO_DANG] < 400) == (2, True)

    def test_member_count(self, province: Dataset) -> None:
        """About 40.000 members."""
        assert near(len(province.members), 40_000, 0.1)

    def test_scale(self) -> None:
        """scale multiplies the members."""
        assert near(len(generate_province(seed=3, scale=0.1).members), 4_000, 0.15)

    def test_communes(self, province: Dataset) -> None:
        """About 120 communes, nearly all with a chi bộ quân sự and a chi bộ công an."""
        communes = [org for org in province.organizations if org.is_commune]
        quan_su = sum(bool(org.has_chi_bo_quan_su) for org in communes) / len(communes)
        cong_an = sum(bool(org.has_chi_bo_cong_an) for org in communes) / len(communes)
        assert (len(communes), quan_su > 0.9, cong_an > 0.9, min(quan_su, cong_an) < 1) == (
            120,
            True,
            True,
            True,
        )

    def test_units(self, province: Dataset) -> None:
        """Villages lie in commune TCCSĐ and are mostly covered by a chi bộ."""
        communes = {org.id for org in province.organizations if org.is_commune}
        units = province.units
        covered = sum(unit.has_chi_bo for unit in units) / len(units)
        heads = sum(bool(unit.head_is_member) for unit in units) / len(units)
        assert (
            all(unit.commune_id in communes for unit in units),
            0.9 < covered < 1,
            0.7 < heads < 0.95,
        ) == (True, True, True)

    def test_ids_unique(self, province: Dataset) -> None:
        """Organization and member ids are unique and stable in form."""
        org_ids = [org.id for org in province.organizations]
        member_ids = [m.id for m in province.members]
        assert (
            len(set(org_ids)) == len(org_ids),
            len(set(member_ids)) == len(member_ids),
            province.members[0].id,
        ) == (True, True, "DV0000001")

    def test_chi_bo_co_so_sizes(self, province: Dataset) -> None:
        """Chi bộ cơ sở have fewer than 30 members, with a handful of exceptions."""
        sizes = Counter(m.org_id for m in province.members)
        chi_bo_co_so = [o.id for o in province.organizations if o.kind is K.CHI_BO_CO_SO]
        big = sum(sizes[ident] >= 30 for ident in chi_bo_co_so)
        assert 0 < big <= 0.03 * len(chi_bo_co_so)

    def test_dang_bo_co_so_sizes(self, province: Dataset) -> None:
        """Đảng bộ cơ sở have 30 members or more, with a handful of exceptions."""
        tree = province.tree()
        dang_bo = [o.id for o in province.organizations if o.kind is K.DANG_BO_CO_SO]
        small = sum(len(tree.members_of(ident, recursive=True)) < 30 for ident in dang_bo)
        assert small <= 0.03 * len(dang_bo)

    def test_official_members_per_chi_bo(self, province: Dataset) -> None:
        """Chi bộ mostly have three official members or more; a few do not."""
        end = date(2024, 12, 31)
        official = Counter(
            m.org_id for m in province.members if m.status(end) is MemberStatus.CHINH_THUC
        )
        chi_bo = [o.id for o in province.organizations if o.kind.is_chi_bo]
        few = sum(official[ident] < 3 for ident in chi_bo)
        assert 0 < few <= 0.03 * len(chi_bo)

    def test_admission_rate(self, province: Dataset) -> None:
        """New members are 3-4% of the members at the end of the previous year."""
        before = date(2023, 12, 31)
        start = sum(m.is_active(before) for m in province.members)
        admitted = sum(m.admitted_on.year == 2024 for m in province.members)
        assert 0.03 <= admitted / start <= 0.04

    def test_party_ages(self, province: Dataset) -> None:
        """Party ages reach 60 years and more."""
        end = date(2024, 12, 31)
        assert max(m.party_age(end) for m in province.members) >= 60

    @pytest.mark.parametrize("seed", [2, 4])
    def test_admitted_at_18_or_over(self, seed: int) -> None:
        """Members are admitted aged 18 to 60 (Điều lệ Đảng): an age at admission drawn
        as 18 years' worth of days (365,25 a year, rounded down) fell one day short of
        18 years when they held five leap days, and a member was admitted aged 17."""
        from coso_dang.members import completed_years

        members = generate_province(seed, scale=0.1, evaluations=False).members
        ages = {
            completed_years(m.birth_date, m.admitted_on)
            for m in members
            if m.birth_date is not None
        }
        assert min(ages) == 18
        assert max(ages) <= 60

    def test_ceremony_within_forty_days(self, province: Dataset) -> None:
        """Ceremonies follow the decision by 0 to 40 days."""
        delays = {(m.ceremony_on - m.admitted_on).days for m in province.members if m.ceremony_on}
        assert (min(delays), max(delays)) == (0, 40)

    def test_some_left(self, province: Dataset) -> None:
        """A few members left, each with a reason."""
        left = [m for m in province.members if m.left_on is not None]
        assert (
            0 < len(left) < 0.03 * len(province.members),
            all(m.leave_reason for m in left),
        ) == (
            True,
            True,
        )

    def test_committees(self, province: Dataset) -> None:
        """Every TCCSĐ has a bí thư."""
        tree = province.tree()
        grassroots = [o for o in province.organizations if o.kind.is_grassroots]
        with_secretary = sum(
            any(m.committee_role is not None and m.committee_role.value == "bi_thu"
                for m in tree.members_of(o.id, recursive=True))
            for o in grassroots
        )  # fmt: skip
        assert with_secretary == len(grassroots)

    def test_member_ratings(self, province: Dataset) -> None:
        """Members rated about 15% HTXSNV, 75% HTTNV, 9% HTNV, 1% KHTNV."""
        rated = [
            e.rating
            for e in province.evaluations
            if e.subject is SubjectKind.MEMBER and e.rating is not None
        ]
        shares = {r: n / len(rated) for r, n in Counter(rated).items()}
        assert (
            0.12 < shares[Rating.HTXSNV] < 0.17,
            0.72 < shares[Rating.HTTNV] < 0.8,
            0.07 < shares[Rating.HTNV] < 0.11,
            0.005 < shares[Rating.KHTNV] < 0.02,
        ) == (True, True, True, True)

    def test_unrated_members(self, province: Dataset) -> None:
        """Some members are not rated, with a reason or as exempt, and a few disciplined."""
        members = [e for e in province.evaluations if e.subject is SubjectKind.MEMBER]
        reasons = sum(e.not_rated_reason is not None for e in members)
        exempt = sum(e.exempted for e in members)
        disciplined = sum(e.disciplined for e in members)
        assert (reasons > 0, exempt > 0, disciplined > 0) == (True, True, True)

    def test_organization_evaluations(self, province: Dataset) -> None:
        """Every TCCSĐ and chi bộ trực thuộc has an evaluation."""
        rated = {
            e.subject_id for e in province.evaluations if e.subject is SubjectKind.ORGANIZATION
        }
        wanted = {
            o.id
            for o in province.organizations
            if o.kind.is_grassroots or o.kind is K.CHI_BO_TRUC_THUOC
        }
        assert rated == wanted

    def test_without_evaluations(self) -> None:
        """evaluations=False makes none."""
        assert generate_province(seed=1, scale=0.01, evaluations=False).evaluations == ()

    def test_repr_has_no_names(self, province: Dataset) -> None:
        """The dataset's repr gives counts, not people."""
        assert province.members[0].full_name not in repr(province)


class TestTrustedRecords:
    @pytest.mark.parametrize("table", ["organizations", "members", "units", "evaluations"])
    def test_equal_to_validated(self, table: str) -> None:
        """Records made without validators equal the same records built with them."""
        data = generate_province(seed=8, scale=0.05)
        records: tuple[Any, ...] = getattr(data, table)
        rebuilt = [type(r)(**attrs.asdict(r, recurse=False)) for r in records]
        assert rebuilt == list(records)

    def test_names_normalized(self, nation: Dataset) -> None:
        """Names are already in normalized form, with family, middle and given names."""
        names = {m.full_name for m in nation.members}
        bad = [n for n in names if normalize(n) != n or len(n.split()) < 3]
        assert bad == []


class TestNation:
    def test_builds(self, nation: Dataset) -> None:
        """The nation is a valid tree under one Trung ương root."""
        tree = nation.tree()
        assert [r.kind for r in tree.roots] == [K.TRUNG_UONG]

    def test_provinces(self, nation: Dataset) -> None:
        """There are 34 provinces at any scale."""
        assert kinds(nation)[K.DANG_BO_TINH] == 34

    def test_minorities_by_region(self, nation: Dataset) -> None:
        """About 9% of members nationwide are of an ethnic minority, most in the northern
        mountains (provinces 11 to 19), fewest in the Red River delta (1, 2, 7 to 10)."""
        tree = nation.tree()

        def share(provinces: Iterable[int]) -> float:
            members = [m for p in provinces for m in tree.members_of(f"T{p:02d}", recursive=True)]
            return sum(m.ethnicity is not Ethnicity.KINH for m in members) / len(members)

        mountains, delta = share(range(11, 20)), share((1, 2, 7, 8, 9, 10))
        # The regions' population shares, one per province, average 7,62 / 34 = 0,2241;
        # scaled to 9%, the northern mountains' 56% becomes 0,56 x 0,09 / 0,2241 = 0,2249
        # and the delta's 1,5% becomes 0,0060.
        assert near(share(range(1, 35)), 0.09, 0.2)
        assert near(mountains, 0.2249, 0.15)
        assert delta < 0.015

    def test_sizes(self, nation: Dataset) -> None:
        """A hundredth of 52.000 TCCSĐ, 280.000 organizations and 5,6 million members."""
        counts = kinds(nation)
        tccsd = counts[K.DANG_BO_CO_SO] + counts[K.CHI_BO_CO_SO]
        assert (
            near(tccsd, 520, 0.1),
            near(len(nation.organizations), 2_800, 0.1),
            near(len(nation.members), 56_000, 0.1),
        ) == (True, True, True)

    def test_communes(self) -> None:
        """3.321 communes at full scale become 50 at 0,015."""
        data = generate_nation(seed=1, scale=0.015, evaluations=False)
        communes = [o for o in data.organizations if o.kind is K.DANG_BO_CAP_TREN_CO_SO]
        assert sum(o.is_commune for o in communes) == 50


class TestDemo:
    def test_loads_and_builds(self) -> None:
        """The bundled province loads and makes a valid tree."""
        assert isinstance(load_demo().tree(), OrgTree)

    def test_matches_generator(self) -> None:
        """The bundled file is what scripts/make_demo_data.py makes today."""
        data_file = resources.files("coso_dang.data").joinpath(DEMO_FILE)
        made = demo_bytes(generate_province(DEMO_SEED, scale=DEMO_SCALE, year=DEMO_YEAR))
        assert made == data_file.read_bytes()

    def test_file_size(self) -> None:
        """The bundled file stays small (well under 1,5 MB)."""
        data_file = resources.files("coso_dang.data").joinpath(DEMO_FILE)
        assert len(data_file.read_bytes()) < 1_500_000

    def test_describes_itself(self) -> None:
        """The bundled province carries its name and year."""
        data = load_demo()
        assert (data.name, data.year) == ("Đảng bộ tỉnh Lợi Lâm", 2024)
