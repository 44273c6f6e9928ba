"""Facts the library states in one place, and the names that follow one pattern."""

from __future__ import annotations

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
