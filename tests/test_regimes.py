"""A new rating regime is data: its document, its period and its differences.

The regime below exists only in this file: a hypothetical regulation rating from 2027
with one threshold changed (HTXSNV up to a quarter of the HTTNV instead of a fifth).
Nothing else is written for it, and the library picks it by year, the command line
lists it and runs it.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from fractions import Fraction
from pathlib import Path

import pytest
from attrs import frozen

import coso_dang.rules as rules
from coso_dang import Dataset, Evaluation, Member, Organization, OrgKind, Rating, dump
from coso_dang.cli import main
from coso_dang.documents import DocumentRef
from coso_dang.rules import (
    QD366,
    Basis,
    HtxsnvQuotaRule,
    RatingRound,
    RuleSet,
    Status,
    get_pack,
    packs,
    rating_regime,
    rating_rules_for,
    regime_rule,
    unregister_pack,
)

QD2027 = DocumentRef.parse("2027-QĐ/TW", date=date(2026, 12, 1))
YEAR = 2027


@pytest.fixture
def regime() -> Iterator[RuleSet]:
    pack = rating_regime(
        "qd2027",
        "Quy định 2027-QĐ/TW (giả định) — đánh giá, xếp loại chất lượng (từ 2027)",
        Basis(QD2027, "", YEAR, None),
        like=QD366,
        changes={
            HtxsnvQuotaRule: {
                "limit": Fraction(1, 4),
                "title": "Đảng viên HTXSNV không vượt quá 25% số HTTNV trong mỗi TCCSĐ",
            }
        },
    )
    yield pack
    unregister_pack("qd2027")


def _data(excellent: int, good: int) -> Dataset:
    """A chi bộ cơ sở whose members are rated in 2027: *excellent* HTXSNV, *good* HTTNV."""
    members = [
        Member(f"dv{i}", f"Trần Văn {i}", "cb", admitted_on=date(2010, 1, 1))
        for i in range(excellent + good)
    ]
    evaluations = [
        Evaluation(m.id, YEAR, Rating.HTXSNV if i < excellent else Rating.HTTNV)
        for i, m in enumerate(members)
    ]
    organizations = [Organization("cb", "Chi bộ Trường Tiểu học", OrgKind.CHI_BO_CO_SO)]
    return Dataset(organizations, members, (), evaluations, year=YEAR)


class TestNewRegime:
    def test_chosen_by_period(self, regime: RuleSet) -> None:
        """From 2027 the new regime rates; 2025–2026 stay with 366-QĐ/TW."""
        assert rating_rules_for(YEAR) is regime
        assert rating_rules_for(2030) is regime
        assert rating_rules_for(2026) is QD366
        assert get_pack("qd2027") is regime
        assert rules.QD2027 is regime  # type: ignore[attr-defined]
        assert regime in packs(reads="rating")

    def test_its_differences_and_the_rest_inherited(self, regime: RuleSet) -> None:
        """One threshold and its title changed; codes, basis and the other rules follow."""
        quota = regime_rule(regime, HtxsnvQuotaRule)
        assert quota.code == "qd2027.htxsnv_quota"
        assert quota.__name__ == "QD2027HtxsnvQuotaRule"
        assert quota().limit == Fraction(1, 4)
        assert quota.title.endswith("25% số HTTNV trong mỗi TCCSĐ")
        assert quota.basis is regime.basis
        assert regime.document == QD2027
        assert regime.period == "từ 2027"
        assert [code.split(".")[1] for code in regime.codes] == [
            code.split(".")[1] for code in QD366.codes
        ]
        assert regime_rule(QD366, HtxsnvQuotaRule)().limit == Fraction(1, 5)
        # What 124-QĐ/TW changed, and 366-QĐ/TW kept, carries on.
        from coso_dang.rules import DisciplinedMemberRule

        assert regime_rule(regime, DisciplinedMemberRule).self_remedied_excepted
        assert regime_rule(regime, DisciplinedMemberRule).family is DisciplinedMemberRule

    def test_the_changed_threshold_decides(self, regime: RuleSet) -> None:
        """5 HTXSNV against 20 HTTNV: over a fifth (366-QĐ/TW), within a quarter (2027)."""
        data = _data(5, 20)
        rated = RatingRound(data.tree(), data.evaluations, YEAR)
        (new,) = regime.check(rated)["qd2027.htxsnv_quota"]
        (old,) = QD366.check(rated)["qd366.htxsnv_quota"]
        assert (new.status, old.status) == (Status.PASS, Status.FAIL)

    def test_the_command_line_lists_and_runs_it(
        self, regime: RuleSet, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """--help lists the regime; check --rules qd2027 judges with its threshold."""
        assert main(["--help"]) == 0
        out = capsys.readouterr().out
        assert "qd2027" in out
        assert regime.name in out
        path = tmp_path / "du_lieu.json"
        dump(_data(5, 20), path)
        assert main(["check", str(path), "--rules", "qd2027", "--year", str(YEAR)]) == 0
        out = capsys.readouterr().out
        assert regime.name in out
        assert main(["check", str(path), "--rules", "qd366", "--year", str(YEAR)]) == 1
        assert "vượt 1 đảng viên" in capsys.readouterr().out

    def test_unregistered_after(self) -> None:
        """The fixture leaves the registry as the library has it."""
        assert "qd2027" not in [pack.code for pack in packs()]


class TestRegistry:
    def test_every_built_in_pack(self) -> None:
        """Each built-in pack: a code, a basis, and its constant is the code in capitals."""
        import coso_dang.rules as rules

        for pack in packs():
            assert pack.code
            assert pack.basis is not None
            assert getattr(rules, pack.code.upper().replace("-", "_")) is pack
        assert [pack.code for pack in packs(reads="structure")] == ["dieu-le"]

    def test_refusals(self) -> None:
        """No code, a taken code, a malformed code, an unknown code: each named."""
        from coso_dang.rules import NQ21_2025, PackError, register_pack

        with pytest.raises(PackError, match="cần một mã"):
            register_pack(RuleSet("Không mã", ()))
        with pytest.raises(PackError, match="hai bộ quy tắc cùng mã"):
            register_pack(RuleSet("Khác", (), code="nq21-2025"))
        with pytest.raises(ValueError, match="chữ thường"):
            RuleSet("Sai mã", (), code="NQ 21")
        with pytest.raises(PackError, match="nq21-2025"):
            get_pack("khong-co")
        with pytest.raises(PackError):
            unregister_pack("khong-co")
        assert register_pack(NQ21_2025) is NQ21_2025
        replaced = RuleSet("Thay thế", (), code="thay-the")
        register_pack(replaced)
        other = RuleSet("Thay thế khác", (), code="thay-the")
        assert register_pack(other, replace=True) is get_pack("thay-the")
        assert unregister_pack("thay-the") is other

    def test_a_regime_refuses_what_a_family_lacks(self) -> None:
        from coso_dang.rules import RuleDefinitionError, SickLeaveRule

        basis = Basis(QD2027, "", YEAR, None)
        with pytest.raises(
            RuleDefinitionError, match="không có tham số hay thiết lập 'nope'; các tham số: months"
        ):
            rating_regime(
                "qd-sai", "Sai", basis, changes={SickLeaveRule: {"nope": 1}}, register=False
            )
        with pytest.raises(
            RuleDefinitionError, match="các họ quy tắc mà chế độ này không có: SickLeaveRule"
        ):
            rating_regime(
                "qd-thieu",
                "Thiếu",
                basis,
                families=(HtxsnvQuotaRule,),
                changes={SickLeaveRule: {"months": 2}},
                register=False,
            )
        with pytest.raises(KeyError, match="SickLeaveRule"):
            regime_rule(RuleSet("Trống", ()), SickLeaveRule)
        with pytest.raises(RuleDefinitionError, match="'code'"):
            rating_regime(
                "qd-ma", "Mã", basis, changes={SickLeaveRule: {"code": "x"}}, register=False
            )

        @frozen
        class LongSickLeaveRule(SickLeaveRule):
            """A family of its own needs its own family code."""

        with pytest.raises(RuleDefinitionError, match="family_code"):
            rating_regime("qd-ho", "Họ", basis, families=(LongSickLeaveRule,), register=False)

    def test_before_every_regime(self) -> None:
        from coso_dang.rules import RegimeError

        with pytest.raises(RegimeError) as caught:
            rating_rules_for(2017)
        assert str(caught.value) == (
            "không có chế độ xếp loại nào cho năm 2017: thang bốn mức bắt đầu từ 2018"
        )
        assert caught.value.message("en") == (
            "no rating regime for 2017: the four-level scale began in 2018"
        )

    def test_a_pack_without_basis_is_always_in_force(self) -> None:
        pack = RuleSet("Luôn", ())
        assert (pack.document, pack.period, pack.in_force(1990)) == (None, "", True)


class TestDeprecatedNames:
    """The old names work for one release, and each use warns with the new name."""

    @pytest.mark.parametrize(
        ("module", "old", "new"),
        [
            ("coso_dang.rules", "CHARTER", "DIEU_LE"),
            ("coso_dang.rules", "RATING_132", "QD132"),
            ("coso_dang.rules", "RATING_124", "QD124"),
            ("coso_dang.rules", "RATING_366", "QD366"),
            ("coso_dang.rules", "TINH_UY_BINH_PHUOC_10_CTR", "BINH_PHUOC"),
            ("coso_dang.rules", "BCSD_UBND_BINH_PHUOC_26_KH", "BINH_PHUOC_26_KH"),
            ("coso_dang.rules", "TINH_UY_BINH_THUAN_2021", "BINH_THUAN"),
            ("coso_dang.rules", "DANG_UY_KHOI_DONG_NAI_72_KH", "DONG_NAI"),
            ("coso_dang.rules.charter", "CHARTER", "DIEU_LE"),
            ("coso_dang.rules.rating", "RATING_124", "QD124"),
            ("coso_dang.rules.plans", "TINH_UY_BINH_THUAN_2021", "BINH_THUAN"),
            ("coso_dang.rules", "Qd124SickLeaveRule", "QD124SickLeaveRule"),
            ("coso_dang.rules.rating", "Qd366HtxsnvQuotaRule", "QD366HtxsnvQuotaRule"),
        ],
    )
    def test_pack_constant(self, module: str, old: str, new: str) -> None:
        import importlib

        found = importlib.import_module(module)
        with pytest.warns(DeprecationWarning, match=new):
            value = getattr(found, old)
        assert value is getattr(importlib.import_module("coso_dang.rules"), new)

    def test_unknown_name_is_still_an_attribute_error(self) -> None:
        import coso_dang.rules as rules

        with pytest.raises(AttributeError, match="NO_SUCH_PACK"):
            _ = rules.NO_SUCH_PACK

    def test_registry_functions(self) -> None:
        from coso_dang.rules import get, get_rule, registered, rules

        with pytest.warns(DeprecationWarning, match="get_rule"):
            assert get("qd124.sick_leave") is get_rule("qd124.sick_leave")
        with pytest.warns(DeprecationWarning, match=r"coso_dang\.rules\.rules"):
            assert list(registered()) == list(rules())


def test_the_packs_page_has_a_section_per_pack() -> None:
    """docs/packs.md gives each registered pack a section headed with its code."""
    page = (Path(__file__).parents[1] / "docs" / "packs.md").read_text(encoding="utf-8")
    headings = [line for line in page.splitlines() if line.startswith("## ")]
    for pack in packs():
        assert any(f"`{pack.code}`" in heading for heading in headings), pack.code


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        # A family named by its code: "'str' object has no attribute '__name__'".
        (
            {"like": "QD366", "changes": {"sick_leave": {"months": 3}}},
            "changes nhận các họ quy tắc (lớp Rule, như SickLeaveRule), không có 'sick_leave'",
        ),
        # "'str' object has no attribute '__dict__'".
        (
            {"families": "sick_leave"},
            "families nhận các họ quy tắc (lớp Rule, như SickLeaveRule), không có 'sick_leave'",
        ),
        # A pack of targets followed as a regime: "NQ21TccsdHttnv2025Rule cần một
        # family_code riêng".
        (
            {"like": "NQ21_2025"},
            "like phải là một chế độ xếp loại (bộ quy tắc reads='rating', như QD366), không "
            "phải bộ 'nq21-2025'",
        ),
    ],
)
def test_a_regime_of_the_wrong_shape_is_refused_in_words(
    kwargs: dict[str, object], message: str
) -> None:
    from coso_dang import rules
    from coso_dang.rules import RuleDefinitionError

    given = dict(kwargs)
    if isinstance(given.get("like"), str):
        given["like"] = getattr(rules, str(given["like"]))
    with pytest.raises(RuleDefinitionError) as caught:
        rating_regime(
            "qd2028", "Quy định 2028", Basis(QD2027, "", 2028, None), register=False, **given
        )  # type: ignore[arg-type]
    assert str(caught.value) == message
    assert caught.value.message("en") != message
