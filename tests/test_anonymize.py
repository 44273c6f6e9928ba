"""anonymize(): k-anonymous by default, counts intact, weak keys refused."""

from __future__ import annotations

import secrets
from collections import Counter
from datetime import date
from functools import cache

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coso_dang import Evaluation, Member, Organization, OrgKind, Rating, SubjectKind
from coso_dang.dataset import Dataset
from coso_dang.members import CommitteeRole
from coso_dang.privacy import (
    MIN_KEY_BITS,
    AnonymizeError,
    anonymize,
    key_bits,
    smallest_group,
)
from coso_dang.rollup import rollup
from coso_dang.testing import generate_province

KEY = "3c9a0f52e1b84d7699c2a5e07f1b3d48a6e92c0d5f7b1e34a8c6d20f9e5b7a13"
YEAR = 2024
# The stock dates of the default mode: a count category, not compared (see the module).
CATEGORY = ("admitted_on", "ceremony_on", "official_on", "left_on")


@cache
def realistic() -> Dataset:
    """A generated province of about 950 members, as in a provincial office's extract."""
    data = generate_province(seed=0, scale=0.025, year=YEAR)
    return Dataset(data.organizations, data.members, data.units, data.evaluations, year=YEAR)


def _outside_view(data: Dataset) -> Counter[tuple[object, ...]]:
    """What an outsider may know of each member: discipline, sick leave, seat, chi bộ,
    year of admission and of birth, gender."""
    facts = {e.subject_id: (e.disciplined, e.sick_leave_months) for e in data.evaluations}
    return Counter(
        (
            facts.get(m.id),
            m.committee_role,
            m.org_id,
            m.admitted_on.year,
            m.birth_date.year if m.birth_date else None,
            m.gender,
        )
        for m in data.members
    )


class TestRealisticProvince:
    def test_original_singles_out_most_members(self) -> None:
        """Before: what an outsider knows singles out most members (the reason for k)."""
        data = realistic()
        assert 900 < len(data.members) < 1000
        alone = sum(n for n in _outside_view(data).values() if n == 1)
        assert alone > len(data.members) * 0.9

    def test_no_group_under_k_and_same_counts(self) -> None:
        """After: no combination of kept fields fits fewer than 5; every count is kept."""
        data = realistic()
        safe = anonymize(data, key=KEY)
        assert smallest_group(safe.members, ignore=CATEGORY) >= 5
        before = rollup(data.tree(), year=YEAR, evaluations=data.evaluations).to_records()
        after = rollup(safe.tree(), year=YEAR, evaluations=safe.evaluations).to_records()
        assert after == before

    def test_quasi_identifiers_gone(self) -> None:
        """Birth, gender, discipline, sick leave, seats and residence are not kept as such."""
        safe = anonymize(realistic(), key=KEY)
        for member in safe.members:
            assert member.birth_date is None
            assert member.gender is None
            assert member.residence_unit_id is None
            assert member.inactive_periods == ()
            assert member.committee_role in (None, CommitteeRole.UY_VIEN)
        for evaluation in safe.evaluations:
            assert not evaluation.disciplined
            assert evaluation.sick_leave_months == 0
            assert evaluation.score is None
            assert evaluation.not_rated_reason is None

    def test_ratings_dealt_within_chi_bo(self) -> None:
        """Each chi bộ keeps its ratings, though not on the same members."""
        data = realistic()
        safe = anonymize(data, key=KEY)

        def by_chi_bo(dataset: Dataset) -> Counter[tuple[str, int, Rating | None]]:
            org = {m.id: m.org_id for m in dataset.members}
            return Counter(
                (org[e.subject_id], e.year, e.rating)
                for e in dataset.evaluations
                if e.subject_id in org
            )

        assert by_chi_bo(safe) == by_chi_bo(data)

    def test_deterministic(self) -> None:
        """The same key gives the same copy."""
        assert anonymize(realistic(), key=KEY) == anonymize(realistic(), key=KEY)


def _tiny() -> Dataset:
    org = Organization("cb", "Chi bộ cơ sở Trường A", OrgKind.CHI_BO_CO_SO)
    members = [
        Member("dv1", "Nguyễn Văn An", "cb", admitted_on=date(2010, 3, 20)),
        Member(
            "dv2",
            "Lê Thị Hoa",
            "cb",
            admitted_on=date(2012, 5, 2),
            committee_role=CommitteeRole.BI_THU,
        ),
    ]
    return Dataset([org], members, (), [Evaluation("dv1", YEAR, Rating.HTTNV)])


class TestCheck:
    def test_refuses_a_copy_under_k(self) -> None:
        """Two members of whom one holds a seat: the seat singles one out, k=2 refuses."""
        with pytest.raises(AnonymizeError, match="ít hơn 2 người"):
            anonymize(_tiny(), key=KEY, k=2)
        assert len(anonymize(_tiny(), key=KEY, k=1).members) == 2
        assert len(anonymize(_tiny(), key=KEY, k=None).members) == 2

    def test_exact_dates_fail_the_check(self) -> None:
        """Kept dates single members out: the check says so."""
        with pytest.raises(AnonymizeError, match='dates="rollup"'):
            anonymize(realistic(), key=KEY, dates="exact")

    @pytest.mark.parametrize("k", [0, -1, 2.5, True])
    def test_bad_k(self, k: object) -> None:
        with pytest.raises(AnonymizeError, match="k phải là"):
            anonymize(_tiny(), key=KEY, k=k)  # type: ignore[arg-type]

    def test_year_needed(self) -> None:
        """Without a year, one is taken from the evaluations, else it must be given."""
        bare = attrs.evolve(_tiny(), evaluations=())
        with pytest.raises(AnonymizeError, match="cần year"):
            anonymize(bare, key=KEY, k=None)
        assert anonymize(bare, key=KEY, k=None, year=YEAR).members
        with pytest.raises(AnonymizeError, match="year phải là"):
            anonymize(bare, key=KEY, k=None, year=10_000)

    def test_smallest_group(self) -> None:
        assert smallest_group([]) == 0
        assert smallest_group(_tiny().members) == 1
        assert smallest_group(_tiny().members, ignore=["admitted_on", "committee_role"]) == 2


class TestKeys:
    @pytest.mark.parametrize(
        "key",
        [
            "0000000000000000",
            "0000000000000000000000000000000000000000",
            b"0123456789abcdef0123456789abcdef",  # a repeated half
            "abcdabcdabcdabcdabcdabcdabcdabcd",
            "khoa-bi-mat-cua-van-phong-tinh-uy",  # a short passphrase
            "mật khẩu của văn phòng tỉnh ủy",
            "0123456789abcdef",  # 16 hex digits: 64 bits
            "ngắn",
        ],
    )
    def test_weak_keys_refused(self, key: str | bytes) -> None:
        with pytest.raises(AnonymizeError, match=r"secrets\.token_hex\(32\)"):
            anonymize(_tiny(), key=key, k=None)

    @pytest.mark.parametrize(
        "key",
        [
            secrets.token_hex(32),
            secrets.token_hex(16),
            secrets.token_bytes(32),
            "đây là một câu mật khẩu đủ dài gồm mười hai từ tiếng Việt",
        ],
        # Fixed names: random keys as names differ from one collection to the next, and
        # pytest-xdist's workers must collect the same tests.
        ids=["hex-32-bytes", "hex-16-bytes", "raw-32-bytes", "passphrase"],
    )
    def test_strong_keys_accepted(self, key: str | bytes) -> None:
        assert key_bits(key) >= MIN_KEY_BITS
        assert anonymize(_tiny(), key=key, k=None).members

    @settings(max_examples=40, deadline=None)
    @given(
        words=st.lists(
            st.sampled_from(
                [
                    "một",
                    "hai",
                    "ba",
                    "bốn",
                    "năm",
                    "sáu",
                    "bảy",
                    "tám",
                    "chín",
                    "mười",
                    "khóa",
                    "đảng",
                    "viên",
                    "chi",
                    "bộ",
                    "nghị",
                    "quyết",
                    "Đảng",
                    "Việt",
                    "Nam",
                ]
            ),
            min_size=2,
            max_size=12,
        ),
        separator=st.sampled_from([" ", "-", "_"]),
    )
    def test_a_passphrase_in_either_form(self, words: list[str], separator: str) -> None:
        """A Vietnamese passphrase typed in NFD counts as the same words as in NFC: its
        combining marks made it random characters, so eight words refused in NFC
        were taken in NFD."""
        import unicodedata

        composed = separator.join(words)
        decomposed = unicodedata.normalize("NFD", composed)
        for key in (decomposed, decomposed.encode("utf-8")):
            assert key_bits(key) == key_bits(composed)
        if key_bits(composed) < MIN_KEY_BITS and len(decomposed.encode()) >= 16:
            with pytest.raises(AnonymizeError, match=r"secrets\.token_hex\(32\)"):
                anonymize(_tiny(), key=decomposed, k=None)

    def test_estimates(self) -> None:
        assert key_bits("") == 0.0
        assert key_bits("ab" * 20) == 2.0
        assert key_bits("0123456789") == pytest.approx(10 * 3.321928, rel=1e-6)
        assert key_bits("a1" * 3 + "Zz!x") < MIN_KEY_BITS


def _one(ident: str, org: str, admitted: date, **fields: object) -> Member:
    return Member(ident, "Trần Văn Minh", org, admitted_on=admitted, **fields)  # type: ignore[arg-type]


class TestStockDates:
    def test_every_category_keeps_its_counts(self) -> None:
        """Each count category (before, in, after the year; left; official or not) holds."""
        orgs = [
            Organization("xa", "Đảng bộ xã X", OrgKind.DANG_BO_CO_SO),
            Organization("cb", "Chi bộ 1", OrgKind.CHI_BO_TRUC_THUOC, parent_id="xa"),
        ]
        members = [
            _one("o", "cb", date(2010, 3, 2), is_working=True, keeps_residence_contact=False),
            _one("p", "cb", date(2023, 11, 2), ceremony_on=date(2024, 2, 1), is_working=False),
            _one("lb", "cb", date(2015, 3, 2), left_on=date(2024, 6, 1)),
            _one("g", "cb", date(2015, 3, 2), left_on=date(2020, 6, 1)),
            _one("kp", "cb", date(2024, 3, 2), committee_role=CommitteeRole.BI_THU),
            _one("ko", "cb", date(2024, 1, 2), official_on=date(2024, 5, 1)),
            _one("kl", "cb", date(2024, 3, 2), left_on=date(2024, 9, 1)),
            _one("f", "cb", date(2025, 3, 2)),
        ]
        evaluations = [Evaluation(m.id, YEAR, Rating.HTNV) for m in members[:3]]
        data = Dataset(orgs, members, (), evaluations, year=YEAR)
        safe = anonymize(data, key=KEY, k=None)
        before = rollup(data.tree(), year=YEAR, evaluations=data.evaluations).to_records()
        after = rollup(safe.tree(), year=YEAR, evaluations=safe.evaluations).to_records()
        assert after == before
        # "ko" (an early decision) is still probationary at the year's end, as "kp" is:
        # official from the 12-month mark, so the two share a category.
        assert (
            len({(m.admitted_on, m.ceremony_on, m.official_on, m.left_on) for m in safe.members})
            == 7
        )

    def test_a_tree(self) -> None:
        """A tree in, a tree out, with the year given."""
        tree = realistic().tree()
        safe = anonymize(tree, key=KEY, year=YEAR)
        assert rollup(safe, year=YEAR).to_records() == rollup(tree, year=YEAR).to_records()
        assert smallest_group(safe.members(), ignore=CATEGORY) >= 5


class TestSpreadLevels:
    def test_pairs_moved_to_common_ones(self) -> None:
        """Where a chi bộ's counts allow two pairings of the levels, the rarer goes."""
        from coso_dang.members import Education, PoliticalTheory

        high = {"education": Education.DAI_HOC, "political_theory": PoliticalTheory.CAO_CAP}
        low = {"education": Education.SO_CAP, "political_theory": PoliticalTheory.SO_CAP}
        only_edu = {"education": Education.DAI_HOC, "political_theory": PoliticalTheory.SO_CAP}
        only_llct = {"education": Education.SO_CAP, "political_theory": PoliticalTheory.CAO_CAP}
        orgs = [Organization("xa", "Đảng bộ xã X", OrgKind.DANG_BO_CO_SO)]
        members = []
        seat = {"committee_role": CommitteeRole.UY_VIEN, "is_working": False}
        # Ten chi bộ of each fixed pairing, three whose pairing is free: (E, L) = (1, 1).
        for name, levels in (("hh", [high]), ("hl", [only_edu]), ("lh", [only_llct])):
            for n in range(10):
                orgs.append(
                    Organization(f"{name}{n}", "Chi bộ", OrgKind.CHI_BO_TRUC_THUOC, parent_id="xa")
                )
                members += [
                    _one(f"{name}{n}-{i}", f"{name}{n}", date(2010, 1, 1), **seat, **lv)
                    for i, lv in enumerate(levels)
                ]
        for n in range(3):
            orgs.append(
                Organization(f"free{n}", "Chi bộ", OrgKind.CHI_BO_TRUC_THUOC, parent_id="xa")
            )
            members += [
                _one(f"free{n}-{i}", f"free{n}", date(2010, 1, 1), **seat, **lv)
                for i, lv in enumerate([high, low])
            ]
        data = Dataset(orgs, members, (), (), year=YEAR)
        with pytest.raises(AnonymizeError):
            # Without spreading, the three pairs of low levels would be a group of 3.
            anonymize(data, key=KEY, k=4, dates="year")
        safe = anonymize(data, key=KEY, k=5)
        assert smallest_group(safe.members, ignore=CATEGORY) >= 5
        before = rollup(data.tree(), year=YEAR).to_records()
        assert rollup(safe.tree(), year=YEAR).to_records() == before


def _cannot(data: Dataset, k: int) -> bool:
    """Whether no copy keeping every count can be k-anonymous (the proof, done apart).

    The counts fix, in the whole province, how many members on the rolls hold a seat, a
    seat with education under cao đẳng, a seat with theory under trung cấp, no work,
    work with contact, work without it, or work with contact unknown; the members off
    the rolls carry no flag. A number of them
    from 1 to k - 1 is a group under k in every copy. Seats with both levels low range
    from S - E - L to S - max(E, L) per chi bộ; with B of them, the seats whose levels
    are both known fall into four pairs of levels, B, EL - B, TL - B and the rest (EL,
    TL: below each mark), and when every B in the range leaves one of them from 1 to
    k - 1, so does every copy.
    """
    from coso_dang.members import Education, PoliticalTheory

    on = date(YEAR, 12, 31)
    active = [m for m in data.members if m.is_active(on)]
    unknown_working = {m.org_id for m in active if m.is_working is None}
    fixed: Counter[str] = Counter()
    low_both = [0, 0]
    paired = [0, 0, 0]
    off = len(data.members) - len(active)
    off_most = off
    for org_id in {m.org_id for m in active}:
        chi_bo = [m for m in active if m.org_id == org_id]
        seats = [m for m in chi_bo if m.committee_role is not None]
        fixed["seat"] += len(seats)
        edu = [m.education for m in seats]
        llct = [m.political_theory for m in seats]
        e = None if None in edu else sum(x.at_least(Education.CAO_DANG) for x in edu)  # type: ignore[union-attr]
        t = None if None in llct else sum(x.at_least(PoliticalTheory.TRUNG_CAP) for x in llct)  # type: ignore[union-attr]
        if e is not None:
            fixed["edu"] += len(seats) - e
        if t is not None:
            fixed["llct"] += len(seats) - t
        if e is not None and t is not None:
            low_both[0] += max(0, len(seats) - e - t)
            low_both[1] += len(seats) - max(e, t)
            paired[0] += len(seats)
            paired[1] += len(seats) - e
            paired[2] += len(seats) - t
        if org_id in unknown_working:
            off_most += len(chi_bo) - len(seats)
            continue
        working = [m for m in chi_bo if m.is_working]
        fixed["idle"] += len(chi_bo) - len(working)
        if all(m.keeps_residence_contact is not None for m in working):
            fixed["far"] += sum(1 for m in working if not m.keeps_residence_contact)
            fixed["near"] += sum(1 for m in working if m.keeps_residence_contact)
        else:
            fixed["near or far"] += len(working)
    ranges = [(n, n) for n in fixed.values()] + [tuple(low_both), (off, off_most)]
    if any(0 < least and most < k for least, most in ranges):
        return True
    s, el, tl = paired
    return all(
        any(0 < n < k for n in (b, el - b, tl - b, s - el - tl + b))
        for b in range(low_both[0], low_both[1] + 1)
    )


# Derandomized: the examples are the same on every run, so that a counterexample found by
# exploring (as seed 6411 below was) is kept as a test of its own, not met by chance.
@settings(
    max_examples=12,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(
    seed=st.integers(0, 10_000),
    scale=st.sampled_from([0.01, 0.03, 0.06, 0.1]),
    k=st.sampled_from([2, 3, 5, 8]),
)
def test_k_and_counts_or_a_proven_refusal(seed: int, scale: float, k: int) -> None:
    """Generated provinces of several sizes: the copy is k-anonymous with every count
    kept; a refusal comes only where the counts themselves make that impossible."""
    made = generate_province(seed=seed, scale=scale, year=YEAR)
    data = Dataset(made.organizations, made.members, made.units, made.evaluations, year=YEAR)
    if _cannot(data, k):
        with pytest.raises(AnonymizeError, match="không giấu được"):
            anonymize(data, key=KEY, k=k)
        return
    safe = anonymize(data, key=KEY, k=k)
    assert smallest_group(safe.members, ignore=CATEGORY) >= k
    before = rollup(data.tree(), year=YEAR, evaluations=data.evaluations).to_records()
    after = rollup(safe.tree(), year=YEAR, evaluations=safe.evaluations).to_records()
    assert after == before


def test_a_pairing_no_copy_allows() -> None:
    """Each pair of levels could reach k alone, but not all of them at once: refused,
    and the refusal says why. Five seats below cao đẳng, two of them forced below trung
    cấp in theory and one forced above it, make neither one group of five nor two of
    three (found by exploring generated provinces)."""
    made = generate_province(seed=6411, scale=0.03, year=YEAR)
    data = Dataset(made.organizations, made.members, made.units, made.evaluations, year=YEAR)
    assert _cannot(data, 3)
    with pytest.raises(
        AnonymizeError,
        match=r"5 ghế cấp ủy có học vấn dưới cao đẳng.*"
        r"cách ghép hai trình độ nào cũng để lại một nhóm dưới 3 người",
    ):
        anonymize(data, key=KEY, k=3)
    assert smallest_group(anonymize(data, key=KEY, k=2).members, ignore=CATEGORY) >= 2


@pytest.mark.parametrize("contact", [True, None])
def test_the_few_working_named(contact: bool | None) -> None:
    """One member working, keeping contact (or not known to), the rest not working: the
    counts fix a group of one, and the refusal says which."""
    orgs = [Organization("xa", "Đảng bộ xã X", OrgKind.DANG_BO_CO_SO)]
    members = []
    for n in range(3):
        orgs.append(Organization(f"c{n}", "Chi bộ", OrgKind.CHI_BO_TRUC_THUOC, parent_id="xa"))
        members += [
            _one(f"c{n}-{i}", f"c{n}", date(2010, 1, 1), is_working=False) for i in range(4)
        ]
    members[0] = attrs.evolve(members[0], is_working=True, keeps_residence_contact=contact)
    data = Dataset(orgs, members, (), (), year=YEAR)
    assert _cannot(data, 2)
    what = "giữ liên hệ nơi cư trú" if contact else "không rõ có giữ liên hệ"
    with pytest.raises(AnonymizeError, match=f"nhiều nhất 1 đảng viên.*{what}"):
        anonymize(data, key=KEY, k=2)
    assert anonymize(data, key=KEY, k=1).members


class TestRealisticSizes:
    def test_four_thousand_members(self) -> None:
        """About 4.000 members (seeds 0-9 at scale 0.1): a refusal only where proven."""
        refused = []
        for seed in range(10):
            made = generate_province(seed=seed, scale=0.1, year=YEAR)
            data = Dataset(
                made.organizations, made.members, made.units, made.evaluations, year=YEAR
            )
            if _cannot(data, 5):
                refused.append(seed)
                continue
            safe = anonymize(data, key=KEY)
            assert smallest_group(safe.members, ignore=CATEGORY) >= 5
        assert len(refused) <= 1  # seed 7 keeps two seats with both levels low

    def test_the_refusal_names_the_count(self) -> None:
        """One committee member below cao đẳng in the whole copy: no dealing hides them."""
        from coso_dang.members import Education, PoliticalTheory

        orgs = [Organization("xa", "Đảng bộ xã X", OrgKind.DANG_BO_CO_SO)]
        members = []
        for n in range(6):
            orgs.append(Organization(f"c{n}", "Chi bộ", OrgKind.CHI_BO_TRUC_THUOC, parent_id="xa"))
            members += [
                _one(
                    f"c{n}-{i}",
                    f"c{n}",
                    date(2010, 1, 1),
                    is_working=True,
                    keeps_residence_contact=True,
                )
                for i in range(6)
            ]
            members.append(
                _one(
                    f"c{n}-s",
                    f"c{n}",
                    date(2010, 1, 1),
                    is_working=True,
                    keeps_residence_contact=True,
                    committee_role=CommitteeRole.BI_THU,
                    education=Education.TRUNG_CAP if n == 0 else Education.DAI_HOC,
                    political_theory=PoliticalTheory.CAO_CAP,
                )
            )
        data = Dataset(orgs, members, (), (), year=YEAR)
        with pytest.raises(AnonymizeError, match=r"học vấn dưới cao đẳng.*không giấu được"):
            anonymize(data, key=KEY)
        assert anonymize(data, key=KEY, k=1).members


class TestFactsBesideTheRecord:
    """With finer dates the copy keeps each member's events and the years they were
    evaluated, under their pseudonym: facts that single a member out as the record's
    fields do, so the k check compares them too."""

    def _pair(self) -> Dataset:
        orgs = [Organization("cb", "Chi bộ 1", OrgKind.CHI_BO_CO_SO)]
        members = [
            _one(ident, "cb", date(2010, 3, 2), is_working=True, keeps_residence_contact=True)
            for ident in ("a", "b")
        ]
        return Dataset(orgs, members, (), (), year=YEAR)

    @pytest.mark.parametrize("dates", ["year", "month", "exact"])
    def test_twins_pass(self, dates: str) -> None:
        safe = anonymize(self._pair(), key=KEY, k=2, dates=dates)  # type: ignore[arg-type]
        assert smallest_group(safe.members) == 2

    @pytest.mark.parametrize("dates", ["year", "month", "exact"])
    def test_an_event_of_one_twin(self, dates: str) -> None:
        """A transfer in: the one pseudonym with it is the member known to have come."""
        from coso_dang.history import MemberEvent, MemberEventKind

        arrival = MemberEvent("a", MemberEventKind.CHUYEN_DEN, date(2015, 6, 3), org_id="cb")
        data = attrs.evolve(self._pair(), member_events=(arrival,))
        with pytest.raises(AnonymizeError, match="ít hơn 2 người"):
            anonymize(data, key=KEY, k=2, dates=dates)  # type: ignore[arg-type]
        both = attrs.evolve(data, member_events=(arrival, attrs.evolve(arrival, member_id="b")))
        assert len(anonymize(both, key=KEY, k=2, dates=dates).member_events) == 2  # type: ignore[arg-type]

    @pytest.mark.parametrize("dates", ["year", "month", "exact"])
    def test_the_years_evaluated(self, dates: str) -> None:
        """Only one twin rated in an earlier year: that pseudonym is them."""
        evaluations = [
            Evaluation("a", YEAR, Rating.HTTNV),
            Evaluation("b", YEAR, Rating.HTTNV),
            Evaluation("a", YEAR - 3, Rating.HTNV),
        ]
        data = attrs.evolve(self._pair(), evaluations=evaluations)
        with pytest.raises(AnonymizeError, match="ít hơn 2 người"):
            anonymize(data, key=KEY, k=2, dates=dates)  # type: ignore[arg-type]
        evaluations.append(Evaluation("b", YEAR - 3, Rating.HTTNV))
        data = attrs.evolve(data, evaluations=evaluations)
        assert len(anonymize(data, key=KEY, k=2, dates=dates).evaluations) == 4  # type: ignore[arg-type]


@pytest.mark.parametrize("dates", ["rollup", "year"])
def test_reviews_other_than_the_years_go(dates: str) -> None:
    """Quarterly, term and as-needed reviews of members: no count reads them, and which
    members had one (a term review of a committee, a review when needed) is theirs. The
    copy made them yearly ones, so the copy's members were rated twice a year and its
    rollup failed, their ratings dealt out with the year's."""
    from coso_dang.evaluation import ReviewPeriod

    orgs = [Organization("cb", "Chi bộ 1", OrgKind.CHI_BO_CO_SO)]
    members = [_one(f"dv{n}", "cb", date(2010, 3, 2)) for n in range(6)]
    evaluations = [Evaluation(m.id, YEAR, Rating.HTTNV) for m in members]
    evaluations += [
        Evaluation(m.id, YEAR, Rating.KHTNV, period=ReviewPeriod.QUY, quarter=q)
        for m in members[:2]
        for q in (1, 2)
    ]
    evaluations += [
        Evaluation(members[2].id, YEAR, Rating.HTXSNV, period=p)
        for p in (ReviewPeriod.NHIEM_KY, ReviewPeriod.KHI_CAN)
    ]
    evaluations.append(
        Evaluation(
            "cb",
            YEAR,
            Rating.HTTNV,
            subject=SubjectKind.ORGANIZATION,
            period=ReviewPeriod.QUY,
            quarter=1,
        )
    )
    data = Dataset(orgs, members, (), evaluations, year=YEAR)
    safe = anonymize(data, key=KEY, k=None, dates=dates)  # type: ignore[arg-type]
    assert [e.rating for e in safe.evaluations if e.subject is SubjectKind.MEMBER] == [
        Rating.HTTNV
    ] * 6
    assert safe.evaluations[-1] == evaluations[-1]  # an organization's, kept
    before = rollup(data.tree(), year=YEAR, evaluations=data.evaluations).to_records()
    after = rollup(safe.tree(), year=YEAR, evaluations=safe.evaluations).to_records()
    assert after == before


def _chi_bo_of(counts: list[tuple[int, int, int, int, int, int]], gone: int) -> Dataset:
    """A commune of chi bộ given as (members, working, keeping contact, seats, seats
    with cao đẳng or higher, seats with trung cấp lý luận or higher), and *gone* members
    off the rolls."""
    from coso_dang.members import Education, PoliticalTheory

    orgs = [Organization("xa", "Đảng bộ xã X", OrgKind.DANG_BO_CO_SO)]
    members = []
    for n, (size, working, contact, seats, edu, llct) in enumerate(counts):
        orgs.append(Organization(f"c{n}", "Chi bộ", OrgKind.CHI_BO_TRUC_THUOC, parent_id="xa"))
        for i in range(size):
            seat = i < seats
            members.append(
                _one(
                    f"c{n}-{i}",
                    f"c{n}",
                    date(2010, 1, 1),
                    is_working=i < working,
                    keeps_residence_contact=i < contact if i < working else None,
                    committee_role=CommitteeRole.BI_THU if seat else None,
                    education=(Education.DAI_HOC if i < edu else Education.TRUNG_CAP)
                    if seat
                    else None,
                    political_theory=(
                        PoliticalTheory.CAO_CAP if i < llct else PoliticalTheory.SO_CAP
                    )
                    if seat
                    else None,
                )
            )
    members += [
        _one(f"g{n}", "c0", date(2010, 1, 1), left_on=date(2015, 1, 1)) for n in range(gone)
    ]
    return Dataset(orgs, members, (), (), year=YEAR)


# Found by exploring small communes against a search of every copy: each has a copy with
# no group under 2, which moving one chi bộ at a time never reached.
_SEVERAL_AT_ONCE = [
    ([(1, 1, 1, 1, 1, 0), (3, 1, 1, 1, 0, 1), (4, 3, 3, 3, 3, 1), (4, 4, 2, 4, 3, 2)], 2),
    ([(3, 2, 0, 2, 1, 2), (3, 3, 2, 2, 0, 2), (4, 3, 0, 3, 2, 3)], 2),
    ([(2, 1, 1, 1, 0, 0), (3, 1, 0, 1, 0, 0), (2, 2, 1, 1, 0, 0), (2, 1, 0, 1, 0, 0)], 0),
    ([(3, 2, 1, 1, 1, 1), (3, 2, 1, 3, 1, 1), (2, 2, 2, 1, 0, 0), (4, 2, 2, 2, 0, 0)], 2),
]


@pytest.mark.parametrize(("counts", "gone"), _SEVERAL_AT_ONCE)
def test_a_copy_several_chi_bo_must_change_for(
    counts: list[tuple[int, int, int, int, int, int]], gone: int
) -> None:
    """Refused with "no dealing avoids it" although one did: found now."""
    data = _chi_bo_of(counts, gone)
    safe = anonymize(data, key=KEY, k=2)
    assert smallest_group(safe.members, ignore=CATEGORY) >= 2
    assert (
        rollup(safe.tree(), year=YEAR).to_records() == rollup(data.tree(), year=YEAR).to_records()
    )


def test_a_search_given_up_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    """When the last search stops before trying every copy, the refusal does not claim
    that none avoids a group under k."""
    import coso_dang.privacy

    monkeypatch.setattr(coso_dang.privacy, "_EXHAUST_BUDGET", 0)
    counts, gone = _SEVERAL_AT_ONCE[0]
    with pytest.raises(AnonymizeError, match="không tìm được cách chia"):
        anonymize(_chi_bo_of(counts, gone), key=KEY, k=2)


@pytest.mark.parametrize("dates", ["rollup", "year", "month", "exact"])
@pytest.mark.parametrize("rating", list(Rating))
def test_facts_of_ids_not_among_the_members_go(dates: str, rating: Rating) -> None:
    """An evaluation or an event of a member id the data have no record of (a member who
    moved away and was taken off the roster): there is no chi bộ to deal the rating out
    in, so the copy kept it as the member's own, under a pseudonym an outsider knowing
    the id (or, with finer dates, the day they moved) can find; nor a record for the k
    check to compare. They go; the members' own stay."""
    from coso_dang.history import MemberEvent, MemberEventKind

    orgs = [Organization("cb", "Chi bộ 1", OrgKind.CHI_BO_CO_SO)]
    members = [
        _one(f"dv{n}", "cb", date(2010, 3, 2), is_working=True, keeps_residence_contact=True)
        for n in range(6)
    ]
    others = ("moved", "Moved", "dv1 ")  # ids the roster lacks (case, a space)
    evaluations = [Evaluation(m.id, YEAR, Rating.HTTNV) for m in members]
    evaluations += [Evaluation(ident, YEAR, rating) for ident in others]
    day = date(YEAR, 5, 3)
    events = [MemberEvent(m.id, MemberEventKind.CHUYEN_DEN, day, org_id="cb") for m in members]
    events += [MemberEvent(i, MemberEventKind.CHUYEN_DI, day, org_id="cb") for i in others]
    data = Dataset(orgs, members, (), evaluations, member_events=events, year=YEAR)
    safe = anonymize(data, key=KEY, k=5, dates=dates)  # type: ignore[arg-type]
    kept = {m.id for m in safe.members}
    assert {e.subject_id for e in safe.evaluations} == kept
    assert {e.member_id for e in safe.member_events} <= kept
    if dates != "rollup":
        assert len(safe.member_events) == len(members)
    assert Counter(e.rating for e in safe.evaluations) == Counter({Rating.HTTNV: len(members)})


@pytest.mark.parametrize("dates", ["rollup", "year", "exact"])
def test_an_organizations_reason_in_words_goes(dates: str) -> None:
    """An organization's evaluation is kept, but why it was not rated is words, and
    words name people ("bí thư ... bị khởi tố"): the copy kept them, with the member's
    name, though no count reads them. The reason goes; the rest stays."""
    orgs = [
        Organization("xa", "Đảng bộ xã X", OrgKind.DANG_BO_CO_SO),
        Organization("cb", "Chi bộ thôn 1", OrgKind.CHI_BO_TRUC_THUOC, parent_id="xa"),
    ]
    names = ["Hoàng Văn Thắng", "Lò Thị Mai", "Vừ A Dính", "Đinh Thị Na", "Lý Văn Páo"]
    members = [
        Member(f"dv{n}", name, "cb", admitted_on=date(2010, 3, 2), is_working=False)
        for n, name in enumerate(names)
    ]
    evaluations = [
        Evaluation(
            org,
            YEAR,
            None,
            subject=SubjectKind.ORGANIZATION,
            not_rated_reason=f"đồng chí {names[n]} (bí thư) đang bị điều tra",
            disciplined=True,
        )
        for n, org in enumerate(("xa", "cb"))
    ]
    evaluations.append(Evaluation("cb", YEAR - 1, Rating.HTNV, subject=SubjectKind.ORGANIZATION))
    data = Dataset(orgs, members, (), evaluations, year=YEAR)
    safe = anonymize(data, key=KEY, dates=dates)  # type: ignore[arg-type]
    told = repr([attrs.asdict(e) for e in safe.evaluations])
    assert not [name for name in names if name in told]
    assert [(e.subject_id, e.year, e.rating, e.disciplined) for e in safe.evaluations] == [
        (e.subject_id, e.year, e.rating, e.disciplined) for e in evaluations
    ]
    before = rollup(data.tree(), year=YEAR, evaluations=data.evaluations).to_records()
    after = rollup(safe.tree(), year=YEAR, evaluations=safe.evaluations).to_records()
    assert after == before


@settings(max_examples=40, deadline=None)
@given(
    ident=st.text(
        alphabet="aăâbdđeêioôơuưyAĂÂĐƠƯàáảãạằắẳẵặầấẩẫậềếểễệờớởỡợừứửữựỳýỷỹỵ0123456789-",
        min_size=1,
        max_size=12,
    )
)
def test_member_pseudonym_of_an_id_in_either_form(ident: str) -> None:
    """An id typed in NFD (as some systems store Vietnamese) is the member whose record
    holds it in NFC (every record composes its ids): member_pseudonym gave it another
    pseudonym than the one anonymize gave that member."""
    import unicodedata

    from coso_dang.privacy import member_pseudonym

    decomposed = unicodedata.normalize("NFD", ident)
    orgs = [Organization("cb", "Chi bộ 1", OrgKind.CHI_BO_CO_SO)]
    data = Dataset(orgs, [_one(decomposed, "cb", date(2010, 3, 2))], (), (), year=YEAR)
    (copy,) = anonymize(data, key=KEY, k=None).members
    assert member_pseudonym(decomposed, KEY) == copy.id
    assert member_pseudonym(unicodedata.normalize("NFC", ident), KEY) == copy.id


@pytest.mark.parametrize("ident", [17, None, b"dv1"])
def test_member_pseudonym_of_no_text(ident: object) -> None:
    from coso_dang.errors import UsageError
    from coso_dang.privacy import member_pseudonym

    with pytest.raises(UsageError, match="member_id"):
        member_pseudonym(ident, KEY)  # type: ignore[arg-type]
