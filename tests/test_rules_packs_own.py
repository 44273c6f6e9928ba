"""Packs and rules of one's own, made as the pages on writing rules tell a newcomer to."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from coso_dang.cli import main
from coso_dang.data import load_demo
from coso_dang.dataset import Dataset
from coso_dang.io import dump
from coso_dang.rules import (
    DIEU_LE,
    NQ21_2025,
    QD124,
    STATUS,
    PackError,
    RuleSet,
    register_pack,
    unregister_pack,
)


@pytest.fixture(scope="module")
def province(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled province written as a JSON data file."""
    demo = load_demo()
    path = tmp_path_factory.mktemp("data") / "tinh.json"
    dump(Dataset(demo.organizations, demo.members, demo.units, demo.evaluations), path)
    return path


@pytest.fixture
def own_pack() -> Iterator[list[str]]:
    """Codes registered by a test, taken out of the registry after it."""
    codes: list[str] = []
    yield codes
    for code in codes:
        unregister_pack(code)


class TestWhatAPackReads:
    @pytest.mark.parametrize(
        ("rules", "reads"),
        [
            (NQ21_2025.rules, "rollup"),
            (DIEU_LE.rules, "structure"),
            (QD124.rules, "rating"),
            (STATUS.rules, "status"),
        ],
    )
    def test_a_pack_not_saying_reads_what_its_rules_read(self, rules: tuple, reads: str) -> None:
        """``RuleSet(name, rules, code=...)`` as the pages write it said "rollup" of rating
        or status rules: the command line then handed them a rollup."""
        assert RuleSet("Của tỉnh", rules).reads == reads

    def test_a_mixed_pack_keeps_reading_a_rollup(self) -> None:
        assert (NQ21_2025 + DIEU_LE).reads == "rollup"
        assert (NQ21_2025 + QD124).reads == "rollup"

    @pytest.mark.parametrize(
        ("rules", "said", "fix"),
        [(STATUS.rules, "rollup", "status"), (QD124.rules[1:], "structure", "rating")],
    )
    def test_a_reads_no_rule_reads_is_refused(self, rules: tuple, said: str, fix: str) -> None:
        with pytest.raises(PackError) as caught:
            RuleSet("Xóa tên của tỉnh", rules, reads=said)  # type: ignore[arg-type]
        assert str(caught.value) == (
            f"bộ quy tắc 'Xóa tên của tỉnh': reads = {said!r}, nhưng không quy tắc nào của nó "
            f"đọc nguồn đó; các quy tắc đọc {fix!r}: viết reads={fix!r}, hoặc bỏ reads"
        )
        assert "none of its rules reads" in caught.value.message("en")

    def test_a_charter_pack_may_say_rollup(self) -> None:
        """The charter's rules read a rollup counted from records, on its tree and date."""
        assert RuleSet("Điều lệ", DIEU_LE.rules, reads="rollup").reads == "rollup"


class TestOwnPackOnTheCommandLine:
    def test_a_status_pack_of_ones_own_is_checked(
        self, province: Path, own_pack: list[str], capsys: pytest.CaptureFixture[str]
    ) -> None:
        """It ended in a traceback: "không quy tắc nào ... đọc được một Rollup"."""
        own_pack.append(register_pack(RuleSet("Xóa tên", STATUS.rules, code="tinh-xoa-ten")).code)
        code = main(["check", str(province), "--rules", "tinh-xoa-ten", "--year", "2024"])
        out = capsys.readouterr().out
        assert code in (0, 1)
        assert "không đọc Rollup" not in out

    def test_a_rating_pack_of_ones_own_checks_every_rule(
        self, province: Path, own_pack: list[str], capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Six of its seven rules said "không áp dụng": they do not read a rollup."""
        own_pack.append(register_pack(RuleSet("Đánh giá", QD124.rules, code="tinh-danh-gia")).code)
        main(["check", str(province), "--rules", "tinh-danh-gia", "--year", "2024"])
        ours = capsys.readouterr().out
        main(["check", str(province), "--rules", "qd124", "--year", "2024"])
        theirs = capsys.readouterr().out
        assert "không đọc Rollup" not in ours
        assert ours.splitlines()[1:] == theirs.splitlines()[1:]


class TestCharterParameters:
    def test_an_upper_age_below_the_lower_is_said_in_vietnamese(self) -> None:
        """The reason was English in a Vietnamese error, with no entry to translate it."""
        from coso_dang.rules import AdmissionAgeRule, RuleParameterError

        with pytest.raises(RuleParameterError) as caught:
            AdmissionAgeRule(max_age=16)
        assert str(caught.value) == "AdmissionAgeRule.max_age = 16: phải từ min_age (18) trở lên"
        assert caught.value.message("en") == (
            "AdmissionAgeRule.max_age = 16: must be at least min_age (18)"
        )
