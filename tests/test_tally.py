"""Tally: construction errors, unknown versus zero, merge laws, shares and consistency."""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction
from functools import reduce

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coso_dang import (
    CosoDangError,
    Indicator,
    IndicatorError,
    Organization,
    OrgKind,
    OrgTree,
    Ratio,
    RecordError,
    Tally,
    get_indicator,
    get_ratio,
    indicators,
    ratios,
    register_indicator,
    register_ratio,
)
from coso_dang.indicators import unregister_indicator, unregister_ratio
from coso_dang.rollup import Rollup
from coso_dang.tally import RELATIONS

BUILT_IN = tuple(i.code for i in indicators())
# A handful of codes keeps intersections and unions interesting.
SOME_CODES = ("dang_vien", "ket_nap", "tccsd", "thon", "dang_vien_httnv", "xa")


@st.composite
def tallies(draw: st.DrawFn, codes: tuple[str, ...] = SOME_CODES) -> Tally:
    """Any tally over *codes*: the identity, the all-unknown tally, or some known counts."""
    kind = draw(st.sampled_from(("identity", "unknown", "counts", "counts", "counts")))
    if kind == "identity":
        return Tally()
    if kind == "unknown":
        return Tally.unknown()
    known = draw(st.lists(st.sampled_from(codes), unique=True, min_size=1))
    return Tally({code: draw(st.integers(0, 10**6)) for code in known})


class TestConstruction:
    @pytest.mark.parametrize(
        ("value", "reason"),
        [
            (-1, "không được âm"),
            (1.5, "phải là số nguyên"),
            (3.0, "phải là số nguyên"),
            ("38356", "phải là số nguyên"),
            (Fraction(1, 2), "phải là số nguyên"),
            (True, "phải là số nguyên"),
            (False, "phải là số nguyên"),
            (None, "phải là số nguyên"),
        ],
    )
    def test_bad_count_names_code_and_value(self, value: object, reason: str) -> None:
        """A count that is not a whole number >= 0 raises a RecordError naming code and value."""
        with pytest.raises(RecordError) as caught:
            Tally(dang_vien=value)  # type: ignore[arg-type]
        message = str(caught.value)
        assert "dang_vien" in message
        assert reason in message
        if value is not None:
            assert str(value) in message
        assert isinstance(caught.value, CosoDangError)
        assert isinstance(caught.value, ValueError)

    def test_counts_of_a_table_are_whole_numbers(self) -> None:
        """numpy's whole numbers (a pandas row, a group-by's sums) are counts, kept as
        int; a Series of counts is a mapping of them; numpy's booleans and floats are
        not counts, and a list of pairs is refused in words."""
        np = pytest.importorskip("numpy")
        pd = pytest.importorskip("pandas")
        from coso_dang.errors import UsageError

        made = Tally(dang_vien=np.int64(38356), tccsd=np.int32(737))
        assert made == Tally(dang_vien=38356, tccsd=737)
        assert hash(made) == hash(Tally(dang_vien=38356, tccsd=737))
        assert {type(v) for v in made.values()} == {int}
        assert repr(made) == "Tally(dang_vien=38356, tccsd=737)"
        frame = pd.DataFrame({"dang_vien": [120, 95], "ket_nap": [4, 3]})
        assert Tally(frame.iloc[0]) == Tally(dang_vien=120, ket_nap=4)
        assert Tally(frame.sum()) == Tally(dang_vien=215, ket_nap=7)
        for wrong in (np.True_, np.float64(5), np.int64(-1)):
            with pytest.raises(RecordError, match="dang_vien"):
                Tally(dang_vien=wrong)
        with pytest.raises(UsageError, match="không phải list"):
            Tally([("dang_vien", 1)])  # type: ignore[arg-type]

    def test_unknown_code_names_code_and_value(self) -> None:
        """A code nobody registered raises an IndicatorError naming the code and value."""
        with pytest.raises(IndicatorError) as caught:
            Tally({"dang_vienn": 38356})
        assert "'dang_vienn'" in str(caught.value)
        assert "38356" in str(caught.value)
        assert isinstance(caught.value, CosoDangError)
        assert isinstance(caught.value, ValueError)

    def test_replace_checks_counts(self) -> None:
        """replace() validates like the constructor."""
        with pytest.raises(RecordError, match="ket_nap"):
            Tally(dang_vien=5).replace(ket_nap=-2)

    def test_mapping_and_keyword_forms_agree(self) -> None:
        """A mapping and keywords build the same tally; keywords win on conflict."""
        expected = Tally(dang_vien=10, tccsd=2)
        assert expected == Tally({"dang_vien": 10}, tccsd=2)
        assert expected == Tally({"dang_vien": 1, "tccsd": 2}, dang_vien=10)

    def test_immutable(self) -> None:
        """Tallies cannot be changed in place."""
        t = Tally(dang_vien=3)
        with pytest.raises(AttributeError):
            t.x = 1
        with pytest.raises(TypeError):
            t["dang_vien"] = 4  # type: ignore[index]

    def test_hashable_and_equal_by_counts(self) -> None:
        """Equal tallies hash alike, whatever the order the counts were given in."""
        a = Tally(dang_vien=3, tccsd=1)
        b = Tally(tccsd=1, dang_vien=3)
        assert a == b
        assert hash(a) == hash(b)
        assert len({a, b}) == 1


class TestUnknownVersusZero:
    def test_absent_count_is_unknown(self) -> None:
        """A count not given reads as None, not 0."""
        t = Tally(dang_vien=10)
        assert t.get("thon") is None
        assert "thon" not in t
        with pytest.raises(KeyError):
            t["thon"]

    def test_zero_is_known(self) -> None:
        """A zero count is known and stays in the tally."""
        t = Tally(thon=0)
        assert t["thon"] == 0
        assert "thon" in t

    def test_merge_forgets_one_sided_counts(self) -> None:
        """By default only counts both sides know survive a merge."""
        expected = Tally(dang_vien=15)
        actual = Tally(dang_vien=10, thon=4) + Tally(dang_vien=5)
        assert expected == actual

    def test_zero_and_unknown_merge_differently(self) -> None:
        """A known zero keeps a count through a merge; an unknown one does not."""
        assert Tally(thon=4) + Tally(thon=0) == Tally(thon=4)
        assert (Tally(thon=4) + Tally(dang_vien=1)).get("thon") is None

    def test_identity_is_not_unknown(self) -> None:
        """Tally() is the identity; Tally.unknown() knows nothing and absorbs."""
        t = Tally(dang_vien=7)
        assert t == Tally() + t
        assert Tally.unknown() == t + Tally.unknown()
        assert Tally() != Tally.unknown()
        assert Tally().is_identity
        assert not Tally.unknown().is_identity
        assert repr(Tally()) == "Tally()"
        assert repr(Tally.unknown()) == "Tally.unknown()"

    def test_missing_zero_keeps_union(self) -> None:
        """merge(missing="zero") treats a count one side lacks as 0."""
        expected = Tally(dang_vien=15, thon=4)
        actual = Tally(dang_vien=10, thon=4).merge(Tally(dang_vien=5), missing="zero")
        assert expected == actual

    def test_missing_must_be_known(self) -> None:
        """An unknown `missing` policy is refused."""
        with pytest.raises(ValueError, match="missing"):
            Tally(dang_vien=1).merge(Tally(dang_vien=2), missing="drop")  # type: ignore[arg-type]

    def test_total_is_unknown_when_a_part_is(self) -> None:
        """total() of codes is None if any of them is unknown."""
        t = Tally(tccsd_htxsnv=3, tccsd_httnv=10, tccsd_htnv=2)
        assert t.total(["tccsd_htxsnv", "tccsd_httnv"]) == 13
        assert t.rated("tccsd") is None
        assert t.replace(tccsd_khtnv=0).rated("tccsd") == 15

    def test_replace_none_forgets(self) -> None:
        """replace(code=None) makes a count unknown again."""
        assert Tally(dang_vien=3) == Tally(dang_vien=3, thon=2).replace(thon=None)


class TestMergeLaws:
    @given(tallies(), tallies(), tallies())
    def test_associative(self, a: Tally, b: Tally, c: Tally) -> None:
        """(a + b) + c == a + (b + c)."""
        assert (a + b) + c == a + (b + c)

    @given(tallies(), tallies())
    def test_commutative(self, a: Tally, b: Tally) -> None:
        """a + b == b + a."""
        assert a + b == b + a

    @given(tallies())
    def test_identity(self, a: Tally) -> None:
        """Tally() changes nothing on either side."""
        assert a == Tally() + a
        assert a == a + Tally()

    @given(st.lists(tallies(), max_size=6))
    def test_sum_with_start(self, items: list[Tally]) -> None:
        """sum(tallies, Tally()) is the merge of them all, as Tally.sum."""
        expected = reduce(Tally.merge, items, Tally())
        assert expected == sum(items, Tally())
        assert expected == Tally.sum(items)

    @given(st.lists(tallies(), min_size=1, max_size=6))
    def test_sum_without_start(self, items: list[Tally]) -> None:
        """Plain sum(tallies) works too: 0 acts as the identity."""
        assert Tally.sum(items) == sum(items)

    def test_sum_of_nothing(self) -> None:
        """Tally.sum of no tallies is the identity."""
        assert Tally() == Tally.sum([])

    @given(tallies(), tallies(), tallies())
    def test_missing_zero_associative_and_commutative(self, a: Tally, b: Tally, c: Tally) -> None:
        """missing="zero" merging is associative and commutative too."""

        def plus(x: Tally, y: Tally) -> Tally:
            return x.merge(y, missing="zero")

        assert plus(plus(a, b), c) == plus(a, plus(b, c))
        assert plus(a, b) == plus(b, a)
        assert a == plus(Tally(), a)

    @given(tallies(), tallies())
    def test_merge_adds_shared_counts(self, a: Tally, b: Tally) -> None:
        """Each count of a merge is the sum of the two sides' counts."""
        merged = a + b
        for code, value in merged.items():
            assert value == a.get(code, 0) + b.get(code, 0)
        if not a.is_identity and not b.is_identity:
            assert set(merged) == set(a) & set(b)

    @given(tallies(), tallies())
    def test_missing_zero_keeps_every_code(self, a: Tally, b: Tally) -> None:
        """missing="zero" knows every code either side knows."""
        merged = a.merge(b, missing="zero")
        assert set(merged) == set(a) | set(b)
        for code, value in merged.items():
            assert value == a.get(code, 0) + b.get(code, 0)


# Every built-in ratio with counts and its exact value.
RATIO_CASES: list[tuple[str, dict[str, int], Fraction]] = [
    (
        "tccsd_httnv_tro_len",
        {"tccsd_htxsnv": 5, "tccsd_httnv": 25, "tccsd_htnv": 2, "tccsd_khtnv": 0},
        Fraction(30, 32),
    ),
    (
        "chi_bo_truc_thuoc_httnv_tro_len",
        {
            "chi_bo_truc_thuoc_htxsnv": 10,
            "chi_bo_truc_thuoc_httnv": 49,
            "chi_bo_truc_thuoc_htnv": 1,
            "chi_bo_truc_thuoc_khtnv": 0,
        },
        Fraction(59, 60),
    ),
    (
        "dang_vien_httnv_tro_len",
        {
            "dang_vien_htxsnv": 162,
            "dang_vien_httnv": 769,
            "dang_vien_htnv": 60,
            "dang_vien_khtnv": 9,
        },
        Fraction(931, 1000),
    ),
    ("ty_le_ket_nap", {"ket_nap": 1200, "dang_vien_cuoi_nam_truoc": 38356}, Fraction(1200, 38356)),
    ("thon_co_dang_vien", {"thon_co_dang_vien": 7, "thon": 8}, Fraction(7, 8)),
    ("thon_co_chi_bo", {"thon_co_chi_bo": 8, "thon": 8}, Fraction(1)),
    ("truong_thon_la_dang_vien", {"truong_thon_la_dang_vien": 3, "thon": 8}, Fraction(3, 8)),
    (
        "giu_lien_he_noi_cu_tru",
        {"dang_vien_giu_lien_he_noi_cu_tru": 90, "dang_vien_dang_cong_tac": 100},
        Fraction(9, 10),
    ),
    (
        "cap_uy_vien_cao_dang_tro_len",
        {"cap_uy_vien_cao_dang_tro_len": 1837, "cap_uy_vien": 1899},
        Fraction(1837, 1899),
    ),
    (
        "cap_uy_vien_trung_cap_llct_tro_len",
        {"cap_uy_vien_trung_cap_llct_tro_len": 1677, "cap_uy_vien": 1899},
        Fraction(1677, 1899),
    ),
    (
        "dang_vien_htxsnv_tren_httnv",
        {"dang_vien_htxsnv": 162, "dang_vien_httnv": 769},
        Fraction(162, 769),
    ),
    ("xa_co_chi_bo_quan_su", {"xa_co_chi_bo_quan_su": 111, "xa": 111}, Fraction(1)),
    ("xa_co_chi_bo_cong_an", {"xa_co_chi_bo_cong_an": 110, "xa": 111}, Fraction(110, 111)),
]
BUILT_IN_RATIOS = (
    "tccsd_httnv_tro_len",
    "chi_bo_truc_thuoc_httnv_tro_len",
    "dang_vien_httnv_tro_len",
    "ty_le_ket_nap",
    "thon_co_dang_vien",
    "thon_co_chi_bo",
    "truong_thon_la_dang_vien",
    "giu_lien_he_noi_cu_tru",
    "cap_uy_vien_cao_dang_tro_len",
    "cap_uy_vien_trung_cap_llct_tro_len",
    "dang_vien_htxsnv_tren_httnv",
    "xa_co_chi_bo_quan_su",
    "xa_co_chi_bo_cong_an",
)


class TestShares:
    def test_every_built_in_ratio_has_a_case(self) -> None:
        """The cases below cover every built-in ratio."""
        assert {code for code, _, _ in RATIO_CASES} == set(BUILT_IN_RATIOS)
        registered = {r.code for r in ratios()}
        assert set(BUILT_IN_RATIOS) <= registered

    @pytest.mark.parametrize(("code", "counts", "expected"), RATIO_CASES)
    def test_exact_value(self, code: str, counts: dict[str, int], expected: Fraction) -> None:
        """Each ratio is the exact quotient of its counts."""
        actual = Tally(counts).share(code)
        assert expected == actual
        assert isinstance(actual, Fraction)

    @pytest.mark.parametrize(("code", "counts", "expected"), RATIO_CASES)
    def test_zero_denominator(self, code: str, counts: dict[str, int], expected: Fraction) -> None:
        """A ratio over a zero denominator is None, not 0 and not an error."""
        spec = next(r for r in ratios() if r.code == code)
        zeroed = dict.fromkeys((*spec.numerator, *spec.denominator), 0)
        assert Tally(zeroed).share(code) is None

    @pytest.mark.parametrize(("code", "counts", "expected"), RATIO_CASES)
    def test_unknown_part(self, code: str, counts: dict[str, int], expected: Fraction) -> None:
        """A ratio is None as soon as any count it needs is unknown."""
        for missing in counts:
            assert Tally(counts).replace(**{missing: None}).share(code) is None

    def test_share_properties(self) -> None:
        """The named share properties equal share(code)."""
        t = Tally(
            {code: value for _, counts, _ in RATIO_CASES for code, value in counts.items()}
            | {"dang_vien_htxsnv": 162, "dang_vien_httnv": 769}
        )
        assert t.share("tccsd_httnv_tro_len") == t.tccsd_httnv_tro_len
        assert t.share("chi_bo_truc_thuoc_httnv_tro_len") == t.chi_bo_truc_thuoc_httnv_tro_len
        assert t.share("dang_vien_httnv_tro_len") == t.dang_vien_httnv_tro_len
        assert t.share("ty_le_ket_nap") == t.ty_le_ket_nap
        assert t.share("dang_vien_htxsnv_tren_httnv") == t.dang_vien_htxsnv_tren_httnv
        shares = t.shares()
        assert set(BUILT_IN_RATIOS) <= set(shares)
        assert Fraction(1837, 1899) == shares["cap_uy_vien_cao_dang_tro_len"]

    def test_unknown_ratio(self) -> None:
        """An unregistered ratio code raises IndicatorError."""
        with pytest.raises(IndicatorError, match="no_such_ratio"):
            Tally(dang_vien=1).share("no_such_ratio")


def _breaking(whole: str, parts: tuple[str, ...], exact: bool) -> Tally:
    """Counts that break one relation: parts one above their whole."""
    counts = dict.fromkeys(parts, 2)
    counts[whole] = 2 * len(parts) - 1
    return Tally(counts)


def _keeping(whole: str, parts: tuple[str, ...], exact: bool) -> Tally:
    """Counts that keep one relation: parts add up to their whole."""
    counts = dict.fromkeys(parts, 2)
    counts[whole] = 2 * len(parts)
    return Tally(counts)


class TestProblems:
    @pytest.mark.parametrize(("whole", "parts", "exact"), RELATIONS)
    def test_parts_above_whole(self, whole: str, parts: tuple[str, ...], exact: bool) -> None:
        """Parts that add up to more than their whole are reported, naming the whole."""
        problems = _breaking(whole, parts, exact).problems()
        assert len(problems) == 1
        assert whole == problems[0].field
        assert str(2 * len(parts) - 1) == problems[0].value
        assert problems[0].reason.endswith(("lớn hơn số này", "không bằng số này"))

    @pytest.mark.parametrize(("whole", "parts", "exact"), RELATIONS)
    def test_parts_equal_whole(self, whole: str, parts: tuple[str, ...], exact: bool) -> None:
        """Parts that add up to their whole are fine."""
        assert _keeping(whole, parts, exact).problems() == []

    @pytest.mark.parametrize(("whole", "parts", "exact"), RELATIONS)
    def test_parts_below_whole(self, whole: str, parts: tuple[str, ...], exact: bool) -> None:
        """Parts below their whole break only an exact relation."""
        tally = _keeping(whole, parts, exact)
        tally = tally.replace(**{whole: tally[whole] + 1})
        assert len(tally.problems()) == (1 if exact else 0)

    @pytest.mark.parametrize(("whole", "parts", "exact"), RELATIONS)
    def test_unknown_part_skips(self, whole: str, parts: tuple[str, ...], exact: bool) -> None:
        """A relation with an unknown part or whole is not checked."""
        tally = _breaking(whole, parts, exact)
        assert tally.replace(**{parts[0]: None}).problems() == []
        assert tally.replace(**{whole: None}).problems() == []

    def test_binh_phuoc_adds_up(self) -> None:
        """Bình Phước 2022: 737 TCCSĐ = 263 đảng bộ cơ sở + 474 chi bộ cơ sở."""
        tally = Tally(tccsd=737, dang_bo_co_so=263, chi_bo_co_so=474, dang_vien=38356)
        assert tally.problems() == []

    def test_every_problem_is_reported(self) -> None:
        """Several broken relations give several problems, in RELATIONS order."""
        tally = Tally(tccsd=737, dang_bo_co_so=263, chi_bo_co_so=475, thon=5, thon_co_chi_bo=6)
        assert [p.field for p in tally.problems()] == ["tccsd", "thon"]


# -- user-registered indicators and ratios -------------------------------------------------

USER_WHOLE = Indicator("to_chuc_duoc_giam_sat", "Tổ chức đảng được giám sát", "tổ chức")
USER_PART = Indicator("to_chuc_co_vi_pham", "Tổ chức đảng được giám sát có vi phạm", "tổ chức")
USER_RATIO = Ratio(
    "ty_le_to_chuc_co_vi_pham",
    "Tỷ lệ tổ chức đảng được giám sát có vi phạm",
    ("to_chuc_co_vi_pham",),
    ("to_chuc_duoc_giam_sat",),
    "tổ chức",
)


@pytest.fixture(scope="module")
def user_ratio() -> Iterator[Ratio]:
    """Register two indicators and a ratio of one's own for this module's tests, then take
    them out: the rest of the session (every ratio in a rollup's records, the doctests
    that list the vocabulary) sees the library's vocabulary, whatever ran before."""
    register_indicator(USER_WHOLE)
    register_indicator(USER_PART)
    yield register_ratio(USER_RATIO)
    unregister_ratio(USER_RATIO.code)
    unregister_indicator(USER_PART.code)
    unregister_indicator(USER_WHOLE.code)


def test_a_ratio_of_ones_own_can_be_taken_out() -> None:
    """unregister_ratio takes a ratio out, so its indicators can go too; an unknown code
    is refused, naming the nearest."""
    register_indicator(Indicator("to_chuc_tam", "Tổ chức tạm", "tổ chức"))
    made = register_ratio(Ratio("ty_le_tam", "Tỷ lệ tạm", ("to_chuc_tam",), ("tccsd",)))
    with pytest.raises(IndicatorError, match="ty_le_tam"):
        unregister_indicator("to_chuc_tam")
    assert unregister_ratio("ty_le_tam") is made
    unregister_indicator("to_chuc_tam")
    assert "ty_le_tam" not in {r.code for r in ratios()}
    assert "to_chuc_tam" not in {i.code for i in indicators()}
    with pytest.raises(IndicatorError, match="ty_le_ket_nap"):
        unregister_ratio("ty_le_ket_nap_")


def _province() -> OrgTree:
    return OrgTree.build(
        [
            Organization("t", "Đảng bộ tỉnh", OrgKind.DANG_BO_TINH),
            Organization("h", "Đảng bộ huyện", OrgKind.DANG_BO_CAP_TREN_CO_SO, parent_id="t"),
            Organization("a", "Đảng bộ xã A", OrgKind.DANG_BO_CO_SO, parent_id="h"),
            Organization("b", "Đảng bộ xã B", OrgKind.DANG_BO_CO_SO, parent_id="h"),
        ]
    )


class TestUserIndicators:
    def test_merge(self, user_ratio: Ratio) -> None:
        """A user's counts merge like built-in ones, unknown-aware."""
        a = Tally(to_chuc_duoc_giam_sat=14, to_chuc_co_vi_pham=2, dang_vien=5)
        b = Tally(to_chuc_duoc_giam_sat=8, dang_vien=3)
        assert Tally(to_chuc_duoc_giam_sat=22, dang_vien=8) == a + b
        expected = Tally(to_chuc_duoc_giam_sat=22, to_chuc_co_vi_pham=2, dang_vien=8)
        assert expected == a.merge(b, missing="zero")

    def test_share(self, user_ratio: Ratio) -> None:
        """A user's ratio is exact, by code or by object, and among shares()."""
        t = Tally(to_chuc_duoc_giam_sat=14, to_chuc_co_vi_pham=2)
        assert Fraction(1, 7) == t.share("ty_le_to_chuc_co_vi_pham")
        assert Fraction(1, 7) == t.share(user_ratio)
        assert Fraction(1, 7) == t.shares()["ty_le_to_chuc_co_vi_pham"]
        assert Tally(to_chuc_duoc_giam_sat=0, to_chuc_co_vi_pham=0).share(user_ratio) is None
        assert Tally(to_chuc_duoc_giam_sat=3).share(user_ratio) is None

    def test_rollup(self, user_ratio: Ratio) -> None:
        """A user's counts roll up the tree like built-in ones."""
        result = Rollup.from_tallies(
            _province(),
            {
                "a": Tally(to_chuc_duoc_giam_sat=14, to_chuc_co_vi_pham=2, dang_vien=40),
                "b": Tally(to_chuc_duoc_giam_sat=8, to_chuc_co_vi_pham=1, dang_vien=35),
            },
        )
        expected = Tally(to_chuc_duoc_giam_sat=22, to_chuc_co_vi_pham=3, dang_vien=75)
        assert expected == result["t"]
        assert Fraction(3, 22) == result["t"].share(user_ratio)

    def test_to_records(self, user_ratio: Ratio) -> None:
        """to_records() carries a user's counts and shares like built-in ones."""
        result = Rollup.from_tallies(
            _province(), {"a": Tally(to_chuc_duoc_giam_sat=14, to_chuc_co_vi_pham=2)}
        )
        row = next(r for r in result.to_records() if r["id"] == "t")
        assert row["to_chuc_duoc_giam_sat"] == 14
        assert row["to_chuc_co_vi_pham"] == 2
        assert Fraction(1, 7) == row["share_ty_le_to_chuc_co_vi_pham"]
        assert row["dang_vien"] is None

    def test_problems_ignore_user_codes(self, user_ratio: Ratio) -> None:
        """A user's codes sit beside the built-in relations without tripping them."""
        assert Tally(to_chuc_duoc_giam_sat=1, to_chuc_co_vi_pham=5).problems() == []

    def test_conflicting_registration(self, user_ratio: Ratio) -> None:
        """Registering a different indicator under a taken code is refused."""
        with pytest.raises(IndicatorError, match="to_chuc_co_vi_pham"):
            register_indicator(Indicator("to_chuc_co_vi_pham", "Khác", "tổ chức"))
        with pytest.raises(IndicatorError, match="dang_vien"):
            register_indicator(Indicator("dang_vien", "Khác", "người"))

    def test_built_ins_untouched(self, user_ratio: Ratio) -> None:
        """Registering one's own codes keeps the built-in ones first and unchanged."""
        codes = [i.code for i in indicators()]
        assert set(BUILT_IN) <= set(codes)
        assert codes.index("dang_vien") < codes.index("to_chuc_co_vi_pham")
        assert get_indicator("dang_vien").label == "Đảng viên"

    def test_a_ratio_of_one_code_written_as_a_string(self) -> None:
        """numerator="ket_nap" is not the codes 'k', 'e', 't'...: refused, naming the fix."""
        with pytest.raises(IndicatorError) as caught:
            Ratio("ty_le_x", "Tỷ lệ x", numerator="ket_nap", denominator=("dang_vien",))
        assert str(caught.value).endswith("viết ('ket_nap',)")
        assert caught.value.message("en").endswith("write ('ket_nap',)")
        with pytest.raises(IndicatorError, match="ít nhất một mã"):
            Ratio("ty_le_x", "Tỷ lệ x", numerator=("ket_nap",), denominator=())
        kept = Ratio("ty_le_x", "Tỷ lệ x", numerator=["ket_nap"], denominator=("dang_vien",))
        assert kept.numerator == ("ket_nap",)


class TestMisspelledCodes:
    def test_reading_a_code_nothing_registers_is_loud(self) -> None:
        """A misspelled count is a mistake, not an unknown count a rule judges on."""
        t = Tally(dang_vien=3)
        assert t.get("ket_nap") is None  # registered, not given: unknown
        with pytest.raises(IndicatorError, match="'dang_vienn'"):
            t.get("dang_vienn")
        with pytest.raises(IndicatorError, match="'dang_vienn'"):
            t["dang_vienn"]
        with pytest.raises(KeyError):
            t["ket_nap"]
        assert "dang_vienn" not in t
        assert "dang_vien" in t

    def test_merging_something_else_is_refused_in_words(self) -> None:
        """A dict of counts, one tally for a list, or a wrong *missing*: a library error,
        never a dict or a code given back as the sum, nor a wrong *missing* let through
        because one side was the identity."""
        from coso_dang.errors import ArgumentError, UsageError

        t = Tally(dang_vien=3)
        with pytest.raises(UsageError, match=r"Tally\.merge: other phải là một Tally"):
            t.merge({"dang_vien": 1})  # type: ignore[arg-type]
        with pytest.raises(UsageError, match="không phải dict"):
            Tally.sum([{"dang_vien": 1}])  # type: ignore[list-item]
        with pytest.raises(UsageError, match="không phải Tally"):
            Tally.sum(t)  # type: ignore[arg-type]
        for tallies in ([], [t], [Tally(), t], [t, t]):
            with pytest.raises(ArgumentError, match="'zeros'"):
                Tally.sum(tallies, missing="zeros")  # type: ignore[arg-type]
        for left, right in ((Tally(), t), (t, Tally()), (t, t)):
            with pytest.raises(ArgumentError, match="'zeros'"):
                left.merge(right, missing="zeros")  # type: ignore[arg-type]
        assert Tally.sum(iter([t, t])) == Tally(dang_vien=6)

    def test_sums_and_shares_of_a_misspelled_count_are_loud(self) -> None:
        """total, rated and a ratio of one's own name a code nothing registers, wherever
        it stands among the parts, instead of reading it as an unknown count."""
        from coso_dang.tally import register_relation

        t = Tally(dang_vien=3, ket_nap=1)
        assert t.total(["dang_vien", "ket_nap"]) == 4
        assert t.total(["thon", "ket_nap"]) is None  # registered, not given: unknown
        for codes in (["dang_vienn"], ["ket_nap", "dang_vienn"], ["thon", "dang_vienn"]):
            with pytest.raises(IndicatorError, match="'dang_vienn'; có phải 'dang_vien'"):
                t.total(codes)
            with pytest.raises(IndicatorError, match="'dang_vienn'"):
                t.total(iter(codes))
        with pytest.raises(IndicatorError, match="'dang_vienn_htxsnv'"):
            t.rated("dang_vienn")
        own = Ratio("ty_le_rieng", "Tỷ lệ riêng", ("ket_napp",), ("dang_vien",))
        with pytest.raises(IndicatorError, match="'ket_napp'"):
            t.share(own)
        with pytest.raises(IndicatorError, match="'thon_co_chi_boo'"):
            register_relation("thon", ("thon_co_chi_boo",))
        with pytest.raises(IndicatorError, match="'ket_napp'; có phải 'ket_nap'"):
            t.replace(ket_napp=None)
        assert t.replace(thon=None) == t  # registered, not given: nothing to forget
        assert t.replace(ket_nap=None) == Tally(dang_vien=3)

    def test_a_rule_of_ones_own_reading_a_misspelled_count_does_not_judge(self) -> None:
        """A rule written on Rule directly, reading "chi_bo_bon_tott": an error, no verdict."""
        from typing import ClassVar

        from attrs import frozen

        from coso_dang.documents import DocumentRef
        from coso_dang.rules import Basis, Rule, RuleResult, Status

        @frozen
        class Misspelled(Rule[Tally]):
            code: ClassVar[str] = "test.tally.misspelled"
            title: ClassVar[str] = "Có đảng viên mới"
            basis: ClassVar[Basis] = Basis(DocumentRef.parse("21-NQ/TW"), "", 2022, 2025)

            def check(self, subject: Tally) -> RuleResult:
                admitted = subject.get("ket_napp")
                if admitted is None:
                    return self.result(Status.MISSING_DATA, "Thiếu số liệu.")
                return self.result(Status.PASS if admitted else Status.FAIL, "Đã xét.")

        with pytest.raises(IndicatorError, match="'ket_napp'"):
            Misspelled().check(Tally(ket_nap=5))

    def test_a_misspelled_code_names_the_nearest(self) -> None:
        """A typo close to a registered code names it; a code near none says only no."""
        with pytest.raises(IndicatorError) as caught:
            Tally(ket_napp=3)
        assert str(caught.value) == (
            "Tally: không có chỉ tiêu mã 'ket_napp' (giá trị 3); có phải 'ket_nap'?"
        )
        assert caught.value.message("en") == (
            "Tally: unknown indicator code 'ket_napp' (given 3); did you mean 'ket_nap'?"
        )
        with pytest.raises(IndicatorError) as ratio:
            get_ratio("chi_bo_httnv_tro_len")
        assert str(ratio.value) == (
            "không có tỷ lệ mã 'chi_bo_httnv_tro_len'; có phải 'chi_bo_truc_thuoc_httnv_tro_len'?"
        )
        with pytest.raises(IndicatorError) as far:
            get_indicator("xyz")
        assert str(far.value) == "không có chỉ tiêu mã 'xyz'"


class TestProblemsInVietnamese:
    """ "dang_bo_co_so + chi_bo_co_so = 738, not equal to it": the one English reason among
    the figures' problems, with its sum ungrouped ("5608001"). It is Vietnamese now, and
    English in an English report."""

    def test_parts_that_do_not_add_up(self) -> None:
        tally = Tally(
            dang_vien=5_608_000,
            dang_vien_gioi_tinh_nam=5_608_000,
            dang_vien_gioi_tinh_nu=1,
            dang_vien_gioi_tinh_chua_ro=0,
        )
        (problem,) = tally.problems()
        assert problem.reason == "dang_vien_gioi_tinh = 5.608.001, không bằng số này"
        assert problem.text("en").endswith("dang_vien_gioi_tinh = 5,608,001, not equal to it")

    def test_a_part_above_its_whole(self) -> None:
        (problem,) = Tally(dang_vien=100, ket_nap=1_200).problems(published=True)
        assert problem.reason == "ket_nap = 1.200, lớn hơn số này"
        assert problem.text("en").endswith("ket_nap = 1,200, more than it")


class TestRegisteringOddly:
    def test_a_count_twice_in_one_side_of_a_ratio_is_refused(self) -> None:
        """("ket_nap", "ket_nap") over the members counted each admission twice: a share
        of 2·k/n, silently."""
        with pytest.raises(IndicatorError) as caught:
            Ratio("vi_du_hai_lan", "Hai lần", ("ket_nap", "ket_nap"), ("dang_vien",))
        assert str(caught.value) == (
            "mã chỉ tiêu 'ket_nap' có hai lần trong tử số hoặc mẫu số: mỗi mã chỉ tính một lần"
        )
        assert caught.value.message("en") != str(caught.value)
        with pytest.raises(IndicatorError, match="'dang_vien' có hai lần"):
            Ratio("vi_du_hai_lan", "Hai lần", ("ket_nap",), ("dang_vien", "dang_vien"))

    def test_a_count_on_both_sides_is_a_share_of_a_whole(self) -> None:
        """A part over the whole it belongs to is how shares are written: kept."""
        spec = Ratio("vi_du_phan", "Phần", ("ket_nap",), ("ket_nap", "dang_vien"))
        assert spec.denominator == ("ket_nap", "dang_vien")

    @pytest.mark.parametrize(
        ("register", "given_value", "message"),
        [
            (
                register_indicator,
                "ket_nap",
                "register_indicator nhận một Indicator, không phải str: viết "
                'register_indicator(Indicator(mã, "tên", "đơn vị"))',
            ),
            (
                register_ratio,
                ("ket_nap",),
                "register_ratio nhận một Ratio, không phải tuple: viết "
                'register_ratio(Ratio(mã, "tên", (tử số,), (mẫu số,)))',
            ),
            (
                register_ratio,
                USER_WHOLE,
                "register_ratio nhận một Ratio, không phải Indicator: viết "
                'register_ratio(Ratio(mã, "tên", (tử số,), (mẫu số,)))',
            ),
        ],
    )
    def test_registering_something_else_is_refused_in_words(
        self, register: object, given_value: object, message: str
    ) -> None:
        """It raised AttributeError: 'str' object has no attribute 'code'."""
        with pytest.raises(IndicatorError) as caught:
            register(given_value)  # type: ignore[operator]
        assert str(caught.value) == message

    @pytest.mark.parametrize(
        ("make", "message"),
        [
            # "yes" was kept as a flow: a stock count read as growing over the year.
            (
                lambda: Indicator("vi_du_a", "A", "người", flow="yes"),
                "Indicator: flow: phải là đúng/sai (bool), không phải str",
            ),
            (
                lambda: Indicator("vi_du_a", "A", "người", description=None),
                "Indicator: description: phải là văn bản (str), không phải None",
            ),
            # A unit of 5 printed "cần thêm 2 5".
            (
                lambda: Ratio("vi_du_r", "R", ("ket_nap",), ("dang_vien",), unit=5),
                "Ratio: unit: phải là văn bản (str), không phải int",
            ),
        ],
    )
    def test_fields_of_the_wrong_type_are_refused(self, make: object, message: str) -> None:
        from coso_dang.errors import RecordTypeError

        with pytest.raises(RecordTypeError) as caught:
            make()  # type: ignore[operator]
        assert str(caught.value) == message

    @pytest.mark.parametrize(
        ("code", "message"),
        [
            # Its column in Rollup.to_records was overwritten by the share "ty_le_ket_nap".
            (
                "share_ty_le_ket_nap",
                "mã chỉ tiêu 'share_ty_le_ket_nap' bắt đầu bằng share_, tiền tố của các cột "
                "tỷ lệ trong bảng tổng hợp: hãy đặt mã khác",
            ),
            # The organization's own columns: its name was overwritten by the count.
            (
                "name",
                "mã chỉ tiêu 'name' là tên một cột của tổ chức trong bảng tổng hợp (id, name, "
                "kind, parent): hãy đặt mã khác",
            ),
        ],
    )
    def test_a_code_that_would_share_a_records_column_is_refused(
        self, code: str, message: str
    ) -> None:
        with pytest.raises(IndicatorError) as caught:
            Indicator(code, "Một số đếm", "người")
        assert str(caught.value) == message
        assert caught.value.message("en") != message


# -- a year's admissions against the year-end members ---------------------------------------


def test_a_rollup_whose_new_member_left_during_the_year_adds_up() -> None:
    """ket_nap=1, dang_vien=0: the chi bộ's only new member moved away before year end.
    The counts are right, so no problem; typed in from a report, they are flagged."""
    from datetime import date

    from coso_dang import Member, Organization, OrgKind, OrgTree
    from coso_dang.rollup import rollup
    from coso_dang.rules.figures import Figures

    orgs = [
        Organization("db", "Đảng bộ xã A", OrgKind.DANG_BO_CO_SO),
        Organization("c1", "Chi bộ Thôn 1", OrgKind.CHI_BO_TRUC_THUOC, parent_id="db"),
    ]
    left = Member("dv1", "Lê Văn An", "c1", admitted_on=date(2025, 3, 1),
                  left_on=date(2025, 10, 1))  # fmt: skip
    tally = rollup(OrgTree.build(orgs, [left]), year=2025, as_of=date(2025, 12, 31))["c1"]
    assert (tally["ket_nap"], tally["dang_vien"]) == (1, 0)
    assert tally.problems() == []
    typed = Tally(ket_nap=1, dang_vien=0)
    assert [p.reason for p in typed.problems(published=True)] == ["ket_nap = 1, lớn hơn số này"]
    assert [p.field for p in Figures(typed).problems()] == ["dang_vien"]


def test_a_rollup_rating_members_and_organizations_gone_by_year_end_adds_up() -> None:
    """Rated in December, then a member died and a chi bộ was dissolved: the rollup
    counts their ratings and not them, rightly, so no problem; typed in from a report,
    more rated than there are is flagged."""
    from datetime import date

    from coso_dang import Evaluation, Member, Organization, OrgKind, OrgTree, SubjectKind
    from coso_dang.ratings import Rating
    from coso_dang.rollup import rollup
    from coso_dang.rules.figures import Figures

    orgs = [
        Organization("db", "Đảng bộ xã A", OrgKind.DANG_BO_CO_SO),
        Organization("c1", "Chi bộ Thôn 1", OrgKind.CHI_BO_TRUC_THUOC, parent_id="db"),
        Organization("c2", "Chi bộ Thôn 2", OrgKind.CHI_BO_TRUC_THUOC, parent_id="db",
                     dissolved_on=date(2025, 12, 20)),
        Organization("cs", "Chi bộ cơ sở Trường B", OrgKind.CHI_BO_CO_SO,
                     dissolved_on=date(2025, 12, 20)),
    ]  # fmt: skip
    members = [
        Member("dv1", "Lê Văn An", "c1", admitted_on=date(2010, 3, 1)),
        Member("dv2", "Trần Văn Bình", "c1", admitted_on=date(2010, 3, 1),
               left_on=date(2025, 12, 20)),
    ]  # fmt: skip
    org = SubjectKind.ORGANIZATION
    evaluations = [
        Evaluation("dv1", 2025, Rating.HTTNV),
        Evaluation("dv2", 2025, Rating.HTTNV),
        Evaluation("c2", 2025, Rating.HTNV, subject=org),
        Evaluation("cs", 2025, Rating.HTNV, subject=org),
        Evaluation("db", 2025, Rating.HTTNV, subject=org),
        Evaluation("c1", 2025, Rating.HTTNV, subject=org),
    ]
    result = rollup(OrgTree.build(orgs, members), year=2025, evaluations=evaluations)
    total = result.root
    for tally in (*result.values(), total):
        assert tally.problems() == []
    assert (total["dang_vien"], total.rated("dang_vien")) == (1, 2)
    assert (total["chi_bo_truc_thuoc"], total.rated("chi_bo_truc_thuoc")) == (1, 2)
    assert (total["tccsd"], total.rated("tccsd")) == (1, 2)
    typed = Tally(dang_vien=1, dang_vien_htxsnv=0, dang_vien_httnv=2, dang_vien_htnv=0,
                  dang_vien_khtnv=0)  # fmt: skip
    assert [p.field for p in typed.problems(published=True)] == ["dang_vien"]
    assert [p.field for p in Figures(typed).problems()] == ["dang_vien"]
