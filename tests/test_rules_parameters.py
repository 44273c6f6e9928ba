"""Rule parameters: every built-in rule validates each of its parameters, redeclared or not."""

from __future__ import annotations

from fractions import Fraction
from typing import Any, ClassVar

import attrs
import pytest
from attrs import field, frozen

import coso_dang.rules as rules
from coso_dang import OrgKind, Tally
from coso_dang.documents import DocumentRef
from coso_dang.errors import CosoDangError
from coso_dang.rules import Basis, RuleParameterError, ShareAboveRule, Status
from coso_dang.rules.base import _kinds_check, _parameter_checks

#: Every built-in rule class (classes defined by tests and doctests left out).
BUILT_IN = sorted(
    (cls for cls in rules.rules() if cls.__module__.startswith("coso_dang.rules.")),
    key=lambda cls: cls.code,
)

#: Values each kind of parameter must refuse, by the field's declared type.
BAD_BY_TYPE: dict[str, list[Any]] = {
    "Fraction": [Fraction(-1, 100), Fraction(101, 100), 0.9, True, "90%"],
    "int": [-1, True, 2.5, "3"],
    "int | None": [-1, True, 2.5, "3"],
    "Rounding": ["x", None],
    "str": ["khong_co", 3],
    "tuple[str, str] | None": [("khong_co", "dang_vien_httnv_tren_danh_gia"), "dang_vien"],
    "frozenset[OrgKind]": [{"chi_bo_co_so"}],
    "ScoreConditions": ["90", None],
    "WorkCalendar | None": ["VN", 30],
}
#: Values refused because of another parameter.
BAD_BY_NAME: dict[str, list[Any]] = {
    "upper": [Fraction(29, 1000)],  # below the 3% floor
    "max_age": [17],  # below min_age 18
}


def _cases() -> list[Any]:
    cases = []
    for cls in BUILT_IN:
        for attribute in attrs.fields(cls):
            bad = BAD_BY_TYPE[str(attribute.type)] + BAD_BY_NAME.get(attribute.name, [])
            for value in bad:
                cases.append(
                    pytest.param(cls, attribute.name, value, id=f"{cls.code}-{attribute.name}")
                )
    return cases


class TestBuiltInParameters:
    def test_every_pack_rule_is_covered(self) -> None:
        """The classes checked here are every rule in the built-in packs."""
        packs = [
            rules.NQ21_2025,
            rules.NQ21_2030,
            rules.BINH_PHUOC,
            rules.BINH_PHUOC_26_KH,
            rules.BINH_THUAN,
            rules.DONG_NAI,
            rules.QD132,
            rules.QD124,
            rules.QD366,
            rules.DIEU_LE,
            rules.STATUS,
        ]
        assert {type(rule) for pack in packs for rule in pack} == set(BUILT_IN)

    @pytest.mark.parametrize("cls", BUILT_IN, ids=lambda cls: cls.code)
    def test_defaults_construct(self, cls: type[rules.Rule[Any]]) -> None:
        """Each built-in rule builds with its defaults, and again from its own values."""
        rule = cls()
        assert rule == attrs.evolve(rule)

    @pytest.mark.parametrize("cls", BUILT_IN, ids=lambda cls: cls.code)
    def test_every_parameter_is_checked(self, cls: type[rules.Rule[Any]]) -> None:
        """No parameter goes unchecked, whichever class declared it last."""
        checked = {name for name, _ in _parameter_checks(cls)}
        assert {a.name for a in attrs.fields(cls)} == checked

    @pytest.mark.parametrize(("cls", "name", "value"), _cases())
    def test_bad_value_refused(self, cls: type[rules.Rule[Any]], name: str, value: Any) -> None:
        """A bad value raises the library's error, naming the rule, the field and the value."""
        with pytest.raises(RuleParameterError) as caught:
            cls(**{name: value})
        error = caught.value
        assert isinstance(error, CosoDangError)
        assert (cls.__qualname__, name) == (error.rule, error.field)
        # The value as kept after conversion (a set given for binds is a frozenset).
        assert str(error).startswith(f"{cls.__qualname__}.{name} = {error.value!r}: ")
        assert error.reason


#: The start of the reason a share that is not an int or a Fraction gets.
EXACT = "phải là int hoặc Fraction (số chính xác), không phải"


class TestGoldenMessages:
    def test_share_as_float(self) -> None:
        """A float threshold is refused: shares are exact."""
        with pytest.raises(RuleParameterError) as caught:
            rules.NQ21TccsdHttnv2025Rule(threshold=0.9)  # type: ignore[arg-type]
        assert (
            "NQ21TccsdHttnv2025Rule.threshold = 0.9: phải là int hoặc Fraction (số chính xác), "
            "không phải float: viết Fraction(90, 100)" == str(caught.value)
        )
        assert (
            "NQ21TccsdHttnv2025Rule.threshold = 0.9: must be an int or a Fraction (exact), "
            "not a float: write Fraction(90, 100)" == caught.value.message("en")
        )

    @pytest.mark.parametrize(
        ("given", "reason"),
        [
            # The plan's "92%", written the ways a newcomer writes it: each is refused
            # with the exact share to write instead.
            ("92%", f"{EXACT} str: viết Fraction(92, 100)"),
            ("0,92", f"{EXACT} str: viết Fraction(92, 100)"),
            ("0.92", f"{EXACT} str: viết Fraction(92, 100)"),
            ("92", f"{EXACT} str: viết Fraction(92, 100)"),
            ("23/25", f"{EXACT} str: viết Fraction(92, 100)"),
            (0.92, f"{EXACT} float: viết Fraction(92, 100)"),
            ("92,5%", f"{EXACT} str: viết Fraction(925, 1000)"),
            (92, "phải là tỷ lệ từ 0 đến 1: 92% viết là Fraction(92, 100)"),
            # Nothing sensible is meant: the reason alone.
            (Fraction(11, 10), "phải là tỷ lệ từ 0 đến 1"),
            ("110%", f"{EXACT} str"),
            (101, "phải là tỷ lệ từ 0 đến 1"),
            ("chín mươi", f"{EXACT} str"),
            (True, f"{EXACT} bool"),
        ],
    )
    def test_a_threshold_written_another_way_names_the_fix(
        self, given: object, reason: str
    ) -> None:
        """ "90" vs "0.9" vs 90 vs "90%": refused, never guessed, with the Fraction to write."""
        with pytest.raises(RuleParameterError) as caught:
            rules.ShareAtLeastRule(ratio="tccsd_httnv_tro_len", threshold=given)  # type: ignore[arg-type]
        assert caught.value.reason == reason

    @pytest.mark.parametrize(
        ("given", "reason"),
        [
            ("1.500", "phải là số nguyên, không phải str: viết 1500"),  # as Vietnamese writes it
            ("1,500", "phải là số nguyên, không phải str: viết 1500"),
            ("1500", "phải là số nguyên, không phải str: viết 1500"),
            (1500.0, "phải là số nguyên, không phải float: viết 1500"),
            (1500.5, "phải là số nguyên, không phải float"),
            ("1.50", "phải là số nguyên, không phải str"),
            ("một nghìn rưỡi", "phải là số nguyên, không phải str"),
        ],
    )
    def test_a_count_written_another_way_names_the_fix(self, given: object, reason: str) -> None:
        """ "kết nạp 1.500 đảng viên" typed as text or a float: refused, with the int to write."""
        with pytest.raises(RuleParameterError) as caught:
            rules.CountAtLeastRule(indicator="ket_nap", minimum=given)  # type: ignore[arg-type]
        assert caught.value.reason == reason

    def test_a_threshold_fix_in_english(self) -> None:
        with pytest.raises(RuleParameterError) as caught:
            rules.ShareAtLeastRule(ratio="tccsd_httnv_tro_len", threshold=92)
        assert caught.value.message("en") == (
            "ShareAtLeastRule.threshold = Fraction(92, 1): must be a share from 0 to 1: "
            "92% is written Fraction(92, 100)"
        )

    def test_upper_below_floor(self) -> None:
        """A band's upper end below its floor is refused, naming the floor."""
        with pytest.raises(RuleParameterError) as caught:
            rules.BinhPhuocAdmissionBandRule(upper=Fraction(1, 100))
        assert (
            "BinhPhuocAdmissionBandRule.upper = Fraction(1, 100): không được thấp hơn mức "
            "sàn (threshold = 3/100)" == str(caught.value)
        )
        assert (
            "BinhPhuocAdmissionBandRule.upper = Fraction(1, 100): must not be below the "
            "floor (threshold = 3/100)" == caught.value.message("en")
        )

    def test_unknown_ratio(self) -> None:
        """An unregistered ratio is refused at construction, not when checking."""
        with pytest.raises(RuleParameterError, match=r"\.ratio = 'nope': không có tỷ lệ mã"):
            rules.NQ21TccsdHttnv2025Rule(ratio="nope")

    def test_rounding(self) -> None:
        """An unknown rounding is refused rather than read as half-up."""
        with pytest.raises(RuleParameterError, match="phải là 'floor', 'half_up' hoặc 'ceil'"):
            rules.QD132HtxsnvQuotaRule(rounding="x")  # type: ignore[arg-type]

    def test_negative_counts(self) -> None:
        """Negative minimums are refused."""
        with pytest.raises(RuleParameterError, match=r"minimum = -3: phải từ 1 trở lên"):
            rules.MinOfficialMembersRule(minimum=-3)
        with pytest.raises(RuleParameterError, match=r"minimum = -1: phải từ 0 trở lên"):
            rules.BinhThuanKetNapRule(minimum=-1)

    def test_long_value_shortened(self) -> None:
        """A long value is cut in the message."""
        with pytest.raises(RuleParameterError) as caught:
            rules.NQ21TccsdHttnv2025Rule(ratio="x" * 200)
        shown = repr("x" * 200)[:77] + "..."
        assert str(caught.value).startswith(f"NQ21TccsdHttnv2025Rule.ratio = {shown}: ")

    def test_int_share_becomes_fraction(self) -> None:
        """An int share is kept as a Fraction."""
        rule = rules.NQ21ThonCoDangVien2025Rule(threshold=1)
        assert isinstance(rule.threshold, Fraction)
        assert Fraction(1) == rule.threshold

    def test_set_of_kinds_kept_frozen(self) -> None:
        """binds given as a set is kept as a frozenset."""
        rule = rules.QD124HtxsnvQuotaRule(binds={OrgKind.CHI_BO_CO_SO})  # type: ignore[arg-type]
        assert frozenset({OrgKind.CHI_BO_CO_SO}) == rule.binds


@frozen
class _Redeclared(ShareAboveRule):
    """A user's rule that redeclares its threshold with a new default (the docs' example)."""

    code: ClassVar[str] = "test_params.redeclared"
    title: ClassVar[str] = "Trên 95% chi bộ"
    basis: ClassVar[Basis] = Basis(DocumentRef.parse("15-KH/TU"), "", 2024, 2025)

    ratio: str = field(default="tccsd_httnv_tro_len")
    threshold: Fraction = field(default=Fraction(95, 100))


@frozen
class _WithOwnPostInit(_Redeclared):
    """A user's rule with its own post-init hook that calls the base's first."""

    code: ClassVar[str] = "test_params.own_post_init"
    seen: ClassVar[list[Fraction]] = []

    def __attrs_post_init__(self) -> None:
        super().__attrs_post_init__()
        self.seen.append(self.threshold)


class TestUserSubclasses:
    def test_redeclared_field_still_checked(self) -> None:
        """threshold=0.95 on a subclass that redeclares the field is refused at once."""
        with pytest.raises(RuleParameterError, match=r"_Redeclared\.threshold = 0\.95"):
            _Redeclared(threshold=0.95)  # type: ignore[arg-type]

    def test_redeclared_default_works(self) -> None:
        """The redeclared default is used and judged exactly."""
        tally = Tally(tccsd_htxsnv=0, tccsd_httnv=95, tccsd_htnv=5, tccsd_khtnv=0)
        assert Status.FAIL == _Redeclared().check(tally).status

    def test_own_post_init_after_checks(self) -> None:
        """A subclass hook that calls super() sees converted values."""
        _WithOwnPostInit(threshold=0)  # type: ignore[arg-type]
        assert [Fraction(0)] == _WithOwnPostInit.seen
        with pytest.raises(RuleParameterError):
            _WithOwnPostInit(threshold=Fraction(3, 2))


class TestChecks:
    def test_kinds_refuse_text_and_numbers(self) -> None:
        """A set of kinds is neither a string nor a number."""
        for bad in ("chi_bo_co_so", 3):
            with pytest.raises(TypeError, match="một tập OrgKind"):
                _kinds_check(None, bad)

    def test_figures_named_when_a_rule_cannot_read_them(self) -> None:
        """A rule that cannot read typed-in figures says so under the figures' name."""
        figures = rules.Figures(counts=Tally(dang_vien=3), name="Đảng bộ huyện Đông")
        report = (rules.NQ21_2025 + rules.DIEU_LE).check(figures)
        skipped = report[len(rules.NQ21_2025)]
        assert (Status.NOT_APPLICABLE, "Đảng bộ huyện Đông") == (
            skipped.status,
            skipped.subject.name,
        )
        assert skipped.message.endswith("không đọc Figures: không kiểm tra.")


@frozen
class _NinetyFiveOfNq21(rules.NQ21TccsdHttnv2025Rule):
    """A province's "trên 95%": the resolution's rule with one threshold changed."""

    code: ClassVar[str] = "test_params.nq21_95"
    threshold: Fraction = field(default=Fraction(95, 100))


class TestWordingFollowsParameters:
    """A target printed in a verdict says the threshold judged, not the class's default."""

    def test_instance_threshold(self) -> None:
        """94% judged against 95% fails and says "trên 95%", never "trên 90%"."""
        rule = rules.NQ21TccsdHttnv2025Rule(threshold=Fraction(95, 100))
        tally = Tally(tccsd_htxsnv=0, tccsd_httnv=94, tccsd_htnv=6, tccsd_khtnv=0)
        result = rule.check(tally)
        assert Status.FAIL == result.status
        assert "trên 95%" == str(result.target)
        assert "(94%), không đạt chỉ tiêu trên 95%;" in result.message

    def test_subclass_redeclaring_threshold(self) -> None:
        """A subclass that changes only the threshold keeps no stale "trên 90%"."""
        assert "trên 95%" == str(_NinetyFiveOfNq21().target())

    def test_wording_kept_for_its_own_threshold(self) -> None:
        """The document's own wording stays while the threshold is the one it names."""
        assert "có 90%" == str(rules.DongNaiTccsdHttnvRule(threshold=Fraction(9, 10)).target())
        assert "từ 3-4%" == str(rules.BinhPhuocAdmissionBandRule().target())

    def test_band(self) -> None:
        """A band given other ends is worded with them: 2,5% passes "từ 2 - 5%"."""
        rule = rules.NQ21AdmissionBand2025Rule(threshold=Fraction(2, 100), upper=Fraction(5, 100))
        result = rule.check(Tally(ket_nap=250, dang_vien_cuoi_nam_truoc=10000))
        assert (Status.PASS, "từ 2 - 5%") == (result.status, str(result.target))

    def test_quota(self) -> None:
        """A quota of 25%: 1 of 4 passes "không vượt quá 25%", not "20%"."""
        rule = rules.QD124HtxsnvQuotaRule(limit=Fraction(1, 4))
        result = rule.check(Tally(dang_vien_htxsnv=1, dang_vien_httnv=4))
        assert Status.PASS == result.status
        assert "không vượt quá 25% số đảng viên hoàn thành tốt nhiệm vụ" == str(result.target)
        default = rules.QD124HtxsnvQuotaRule().target()
        assert "không vượt quá 20% số đảng viên hoàn thành tốt nhiệm vụ" == str(default)

    def test_regime_changing_the_quota(self) -> None:
        """A regime made with ``changes={HtxsnvQuotaRule: {"limit": 1/4}}`` says 25%."""
        regime = rules.rating_regime(
            "test-params-regime",
            "Ví dụ",
            Basis(DocumentRef.parse("366-QĐ/TW"), "", 2099, None),
            like=rules.QD124,
            changes={rules.HtxsnvQuotaRule: {"limit": Fraction(1, 4)}},
            register=False,
        )
        assert "không vượt quá 25%" in str(regime.rules[0].target())

    def test_count(self) -> None:
        """2.100 against a minimum of 2.500 fails and says 2.500, not "2.000"."""
        result = rules.BinhThuanKetNapRule(minimum=2500).check(Tally(ket_nap=2100))
        assert Status.FAIL == result.status
        assert "từ 2.500 đảng viên trở lên" == str(result.target)

    def test_coverage_below_all(self) -> None:
        """A coverage rule asked for 90% says "từ 90% trở lên", not "100%"."""
        rule = rules.FullCoverageRule(ratio="thon_co_chi_bo", threshold=Fraction(9, 10))
        result = rule.check(Tally(thon=10, thon_co_chi_bo=9))
        assert (Status.PASS, "từ 90% trở lên") == (result.status, str(result.target))
        assert "100%" == str(rules.FullCoverageRule(ratio="thon_co_chi_bo").target())
