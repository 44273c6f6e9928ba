"""Facts the library states in one place, and the names that follow one pattern."""

from __future__ import annotations

import sys
from datetime import date

import pytest
from attrs import frozen

from coso_dang import OrgKind, Rating
from coso_dang.indicators import RATING_SUFFIXES
from coso_dang.members import BADGE_OCCASIONS, next_occasion
from coso_dang.orgs import GRASSROOTS_KINDS, SUPERIOR_KINDS
from coso_dang.rules import (
    DIEU_LE,
    QD124,
    QuotaRule,
    RecordRule,
    Rule,
    Structure,
)
from coso_dang.rules import next_occasion as rules_next_occasion
from coso_dang.tree import ALLOWED_PARENTS


class TestKinds:
    def test_sets_follow_the_properties(self) -> None:
        assert SUPERIOR_KINDS == {
            OrgKind.TRUNG_UONG,
            OrgKind.DANG_BO_TINH,
            OrgKind.DANG_BO_CAP_TREN_CO_SO,
        }
        assert GRASSROOTS_KINDS == {OrgKind.DANG_BO_CO_SO, OrgKind.CHI_BO_CO_SO}
        assert not SUPERIOR_KINDS & GRASSROOTS_KINDS

    def test_the_rules_read_them(self) -> None:
        """Targets at the superior levels, quotas and the size check at each TCCSĐ."""
        assert Rule.applies_to is SUPERIOR_KINDS
        assert QuotaRule(ratio="dang_vien_htxsnv_tren_httnv", limit=1).binds == GRASSROOTS_KINDS
        (size,) = [r for r in DIEU_LE if r.code == "dieu_le.quy_mo_to_chuc_co_so_dang"]
        assert size.applies_to == GRASSROOTS_KINDS
        assert ALLOWED_PARENTS[OrgKind.DANG_BO_CO_SO] == SUPERIOR_KINDS


class TestRatingLevels:
    def test_suffix_and_level(self) -> None:
        assert tuple(r.suffix for r in Rating) == RATING_SUFFIXES
        assert [r.level for r in Rating] == [0, 1, 2, 3]
        assert Rating.HTXSNV.level < Rating.KHTNV.level


class TestOccasions:
    def test_one_function(self) -> None:
        """The rules' next_occasion is the members' one, and badges use it."""
        assert rules_next_occasion is next_occasion
        assert next_occasion(date(2025, 11, 8)) == date(2026, 2, 3)
        assert next_occasion(date(2025, 2, 3), BADGE_OCCASIONS) == date(2025, 2, 3)


class TestRecordRule:
    def test_reads_only_its_source(self) -> None:
        """A record rule gives no subjects for another source; a family lists candidates."""
        rule = QD124.rules[1]
        assert isinstance(rule, RecordRule)
        assert rule.subjects(object()) is None
        (charter,) = [r for r in DIEU_LE if r.code == "dieu_le.tuoi_ket_nap"]
        assert isinstance(charter, RecordRule)
        assert charter.source_type is Structure

    def test_a_family_without_candidates(self) -> None:
        @frozen
        class Bare(RecordRule[object]):
            source_type = object

        with pytest.raises(NotImplementedError, match="candidates"):
            list(Bare().subjects(1) or ())
        assert Bare().concerns(1) is True


class TestDeprecatedAliases:
    """Old names warn for one release and give the new object."""

    @pytest.mark.parametrize(
        ("old", "new"),
        [
            ("number_to_words", "format_number_words"),
            ("words_to_number", "parse_number_words"),
            ("ordinal_words", "format_ordinal"),
            ("to_roman", "format_roman"),
            ("from_roman", "parse_roman"),
        ],
    )
    @pytest.mark.parametrize("module", ["coso_dang.vi", "coso_dang.vi.words"])
    def test_words(self, module: str, old: str, new: str) -> None:
        import importlib

        import coso_dang.vi.words as words

        found = importlib.import_module(module)
        with pytest.warns(DeprecationWarning, match=new):
            alias = getattr(found, old)
        assert alias is getattr(words, new)

    def test_words_pairs_round_trip(self) -> None:
        from coso_dang.vi import (
            format_number_words,
            format_ordinal,
            format_roman,
            parse_number_words,
            parse_ordinal,
            parse_roman,
        )

        assert parse_number_words(format_number_words(2024)) == 2024
        assert parse_ordinal(format_ordinal(4)) == 4
        assert parse_roman(format_roman(1945)) == 1945

    def test_organization_active_on(self) -> None:
        from coso_dang import Organization

        org = Organization("cb", "Chi bộ A", OrgKind.CHI_BO_CO_SO, founded_on=date(2020, 1, 1))
        with pytest.warns(DeprecationWarning, match="Organization.is_active"):
            assert org.active_on(date(2021, 1, 1)) is True
        assert org.is_active(date(2019, 1, 1)) is False

    def test_structure_on(self) -> None:
        from coso_dang import OrgTree

        structure = Structure(OrgTree.build([]), date(2025, 12, 31))
        assert structure.as_of == date(2025, 12, 31)
        with pytest.warns(DeprecationWarning, match="Structure.as_of"):
            assert structure.on == structure.as_of


class TestFinal:
    @pytest.mark.skipif(sys.version_info < (3, 11), reason="typing.final marks classes from 3.11")
    def test_value_classes_are_final(self) -> None:
        """Records and values are marked for type checkers as not meant for subclassing."""
        from coso_dang import Dataset, Evaluation, Member, Organization, Tally
        from coso_dang.documents import DocumentRef
        from coso_dang.rules import Basis, Report, RuleResult, RuleSet

        for cls in (Member, Organization, Evaluation, Dataset, Tally, DocumentRef, Basis):
            assert getattr(cls, "__final__", False), cls
        for cls in (RuleResult, RuleSet, Report):
            assert getattr(cls, "__final__", False), cls
        assert not getattr(Rule, "__final__", False)


class TestPublicHooks:
    def test_the_bar_and_the_checks(self) -> None:
        """Rule authors use public names: the share hook and the parameter checks."""
        from fractions import Fraction

        from coso_dang.rules import ShareAboveRule, ShareAtLeastRule, check_share, check_whole

        above = ShareAboveRule(ratio="tccsd_httnv_tro_len", threshold=Fraction(9, 10))
        at_least = ShareAtLeastRule(ratio="tccsd_httnv_tro_len", threshold=Fraction(9, 10))
        assert (above.bar(10), at_least.bar(10)) == (10, 9)
        assert above._bar(20) == above.bar(20) == 19  # the internal alias
        assert check_share(None, Fraction(1, 2)) == Fraction(1, 2)
        with pytest.raises(ValueError, match="phải từ 2 trở lên"):
            check_whole(2)(None, 1)
