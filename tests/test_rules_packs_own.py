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


class TestHooksLeftUnwritten:
    """A rule with a code registered without the hook its family leaves to it, and raised
    ``NotImplementedError`` (with no message, for a share's ``holds``) when it judged."""

    def test_a_share_family_without_holds_and_bar(self) -> None:
        from fractions import Fraction
        from typing import ClassVar

        from attrs import field, frozen

        from coso_dang.documents import DocumentRef
        from coso_dang.rules import Basis, RuleDefinitionError, ShareRule, get_rule

        with pytest.raises(RuleDefinitionError) as caught:

            @frozen
            class HaiPhanBa(ShareRule):
                code: ClassVar[str] = "vi_du_hook.hai_phan_ba"
                title: ClassVar[str] = "Từ hai phần ba đảng viên"
                basis: ClassVar[Basis] = Basis(DocumentRef.parse("15-KH/TU"), "", 2024, 2025)

                ratio: str = field(default="dang_vien_httnv_tro_len")
                threshold: Fraction = field(default=Fraction(2, 3))

        said = str(caught.value)
        assert said.startswith("quy tắc 'vi_du_hook.hai_phan_ba' (")
        assert said.endswith(
            "HaiPhanBa) chưa viết bar(), holds(): hãy viết def bar(self, ...) trong lớp, hoặc "
            "kế thừa một lớp đã có sẵn (như ShareAboveRule, CountAtLeastRule)"
        )
        assert "has not written bar(), holds()" in caught.value.message("en")
        with pytest.raises(KeyError):
            get_rule("vi_du_hook.hai_phan_ba")  # a refused class is not registered

    @pytest.mark.parametrize("family", ["Rule", "OrgCheckRule"])
    def test_a_rule_without_check(self, family: str) -> None:
        from typing import ClassVar

        from attrs import frozen

        from coso_dang import rules
        from coso_dang.documents import DocumentRef
        from coso_dang.rules import Basis, RuleDefinitionError, charter

        base = getattr(rules, family, None) or getattr(charter, family)
        with pytest.raises(RuleDefinitionError, match=r"chưa viết check\(\)"):

            @frozen
            class KhongCheck(base):  # type: ignore[misc, valid-type]
                code: ClassVar[str] = f"vi_du_hook.khong_check_{family.lower()}"
                title: ClassVar[str] = "Không có check"
                basis: ClassVar[Basis] = Basis(DocumentRef.parse("15-KH/TU"), "", 2024, 2025)

    def test_a_family_without_a_code_may_leave_them(self) -> None:
        from attrs import frozen

        from coso_dang.rules import ShareRule

        @frozen
        class Family(ShareRule):
            pass

        assert Family.code == ""


class TestErrorsCrossProcesses:
    """An error raised in a worker process is pickled to its parent: each error's
    ``__init__`` takes its parts, and unpickling called it with the message alone
    ("RuleParameterError.__init__() missing 3 required positional arguments")."""

    @staticmethod
    def _errors() -> list[BaseException]:
        from coso_dang.errors import (
            CosoDangError,
            MissingExtraError,
            ParseError,
            Problem,
            RecordError,
            TreeError,
            UsageError,
            WriteError,
            record_where,
        )
        from coso_dang.i18n import N_
        from coso_dang.rules import AdmissionAgeRule

        made: list[BaseException] = []
        try:
            AdmissionAgeRule(max_age=16)
        except CosoDangError as caught:
            made.append(caught)
        made += [
            PackError(
                N_("không có bộ quy tắc mã {code}; các bộ có: {known}", code="'x'", known="")
            ),
            RecordError("Tally", "dang_vien", -1, N_("số đếm không được âm")),
            ParseError(N_("mức xếp loại"), "giỏi", N_("không phải mức xếp loại")),
            TreeError([Problem(record_where("Organization", "x"), "id", "x", N_("mã bị trùng"))]),
            UsageError("dump", "path", "a path", 3),
            WriteError("/tmp/x.json", 17, "đã có tệp hoặc thư mục này"),
            MissingExtraError("openpyxl", "excel", "reading .xlsx files"),
        ]
        return made

    def test_each_error_survives_a_pickle(self) -> None:
        import pickle

        for error in self._errors():
            again = pickle.loads(pickle.dumps(error))
            assert type(again) is type(error)
            assert str(again) == str(error)
            assert again.message("en") == error.message("en")  # type: ignore[attr-defined]
            assert vars(again) == vars(error)

    def test_what_the_errors_keep_survives(self) -> None:
        import pickle

        from coso_dang.errors import MissingExtraError, WriteError

        written = pickle.loads(pickle.dumps(WriteError("/tmp/x.json", 17, "đã có")))
        assert (written.errno, written.filename, written.reason) == (17, "/tmp/x.json", "đã có")
        extra = pickle.loads(pickle.dumps(MissingExtraError("openpyxl", "excel", "xlsx")))
        assert (extra.name, extra.module, extra.extra) == ("openpyxl", "openpyxl", "excel")


def test_packs_refuses_a_kind_of_source_that_is_none() -> None:
    """``packs(reads="ratings")`` gave no pack, as if no regime were registered."""
    from coso_dang.rules import packs

    with pytest.raises(PackError) as caught:
        packs(reads="ratings")  # type: ignore[arg-type]
    assert str(caught.value) == (
        "reads = 'ratings': phải là một trong rollup, structure, rating, status"
    )
    assert [pack.code for pack in packs(reads="status")] == ["trang-thai"]


def test_a_members_table_without_columns_is_said_in_vietnamese() -> None:
    """``Structure.from_frames`` refused in English only ("the members table lacks the
    columns: …"), where ``rollup_frame`` says "thiếu cột" with its English."""
    pandas = pytest.importorskip("pandas")
    pytest.importorskip("narwhals")
    from datetime import date

    from coso_dang import Organization, OrgKind, OrgTree
    from coso_dang.errors import RecordError
    from coso_dang.rules import Structure

    tree = OrgTree.build([Organization("cb", "Chi bộ A", OrgKind.CHI_BO_CO_SO)])
    table = pandas.DataFrame({"id": ["dv1"], "org_id": ["cb"]})
    with pytest.raises(RecordError) as caught:
        Structure.from_frames(tree, table, date(2024, 12, 31))
    assert isinstance(caught.value, ValueError)  # as documented
    assert str(caught.value) == (
        "bảng members: full_name: thiếu các cột full_name, admitted_on, committee_role"
    )
    assert caught.value.message("en") == (
        "members table: full_name: missing columns full_name, admitted_on, committee_role"
    )


def test_a_code_differing_only_in_accents_is_refused() -> None:
    """ "vi_du_dau.chi_bộ" beside "vi_du_dau.chi_bo" registered both, though the page on
    writing rules says a code that differs only in case or accents is refused."""
    from typing import ClassVar

    from attrs import frozen

    from coso_dang.documents import DocumentRef
    from coso_dang.rules import Basis, Rule, RuleDefinitionError, Status, get_rule

    plan = Basis(DocumentRef.parse("15-KH/TU"), "", 2024, 2025)

    @frozen
    class ChiBo(Rule[object]):
        code: ClassVar[str] = "vi_du_dau.chi_bo"
        title: ClassVar[str] = "Chi bộ"
        basis: ClassVar[Basis] = plan

        def check(self, subject: object) -> object:
            return self.result(Status.PASS, "Đạt.")

    with pytest.raises(RuleDefinitionError) as caught:

        @frozen
        class ChiBoDau(ChiBo):
            code: ClassVar[str] = "vi_du_dau.chi_bộ"

    assert str(caught.value) == (
        "mã 'vi_du_dau.chi_bộ' chỉ khác mã 'vi_du_dau.chi_bo' ở chữ hoa, chữ thường, dấu hoặc "
        "dạng Unicode: hãy dùng đúng mã 'vi_du_dau.chi_bo', hoặc đặt mã khác"
    )
    assert caught.value.message("en").startswith("code 'vi_du_dau.chi_bộ' differs from")
    with pytest.raises(KeyError):
        get_rule("vi_du_dau.chi_bộ")
    assert get_rule("vi_du_dau.chi_bo") is ChiBo


def test_a_share_too_large_to_print_is_refused_as_any_other() -> None:
    """``threshold=10**5000`` raised Python's "Exceeds the limit (4300 digits) for integer
    string conversion" where the rule refuses a share above 1."""
    from coso_dang.rules import RuleParameterError, ShareAboveRule

    with pytest.raises(RuleParameterError) as caught:
        ShareAboveRule(ratio="dang_vien_httnv_tro_len", threshold=10**5000)
    assert str(caught.value) == "ShareAboveRule.threshold = Fraction(…): phải là tỷ lệ từ 0 đến 1"


@pytest.mark.parametrize("rewritten", ["holds", "bar"])
def test_holds_and_bar_are_rewritten_together(rewritten: str) -> None:
    """``holds`` rewritten alone as "từ … trở lên" on a ``ShareAboveRule`` judged 9 of 10
    "đạt" with a gap "cần thêm 1 đảng viên", printed "90%, đạt chỉ tiêu trên 90%"."""
    from fractions import Fraction
    from typing import ClassVar

    from attrs import frozen

    from coso_dang.documents import DocumentRef
    from coso_dang.rules import Basis, RuleDefinitionError, ShareAboveRule

    methods = {
        "holds": lambda self, share: share >= self.threshold,
        "bar": lambda self, n: -(-self.threshold.numerator * n // self.threshold.denominator),
    }
    with pytest.raises(RuleDefinitionError) as caught:
        frozen(
            type(
                "MotNua",
                (ShareAboveRule,),
                {
                    "__annotations__": {"code": ClassVar[str], "title": ClassVar[str]},
                    "code": f"vi_du_cap.{rewritten}",
                    "title": "Một nửa",
                    "basis": Basis(DocumentRef.parse("15-KH/TU"), "", 2024, 2025),
                    rewritten: methods[rewritten],
                    "threshold": Fraction(9, 10),
                },
            )
        )
    other = "bar" if rewritten == "holds" else "holds"
    assert str(caught.value).startswith(
        f"MotNua viết lại {rewritten}() mà không viết lại {other}(): hai hàm nói cùng"
    )
    assert caught.value.message("en").startswith(f"MotNua rewrites {rewritten}() without")


class TestQueriesRefuse:
    """``quarter(2025, True)`` was the first quarter, and the queries' refusals were
    English alone ("a quarter is 1 to 4"), where the library's are Vietnamese."""

    @pytest.mark.parametrize("number", [True, 0, 5, 2.0])
    def test_a_quarter_that_is_none(self, number: object) -> None:
        from coso_dang.rules import RuleParameterError, quarter

        with pytest.raises(RuleParameterError) as caught:
            quarter(2025, number)  # type: ignore[arg-type]
        assert isinstance(caught.value, ValueError)
        assert str(caught.value) == f"quarter.number = {number!r}: phải là 1, 2, 3 hoặc 4"
        assert caught.value.message("en") == f"quarter.number = {number!r}: expected 1, 2, 3 or 4"

    @pytest.mark.parametrize("year", ["2025", 0, 10000, True])
    def test_a_year_with_no_quarters(self, year: object) -> None:
        """A year no date has, or no int, ended in Python's English ("year 10000 is out
        of range", "'str' object cannot be interpreted as an integer")."""
        from coso_dang.rules import RuleParameterError, quarter

        with pytest.raises(RuleParameterError) as caught:
            quarter(year, 1)  # type: ignore[arg-type]
        assert str(caught.value) == f"quarter.year = {year!r}: phải là số nguyên từ 1 đến 9999"
        assert caught.value.message("en").endswith("must be a whole number from 1 to 9999")

    def test_a_day_that_is_no_date(self) -> None:
        """A day written as text was compared with the members' dates in Python's English
        TypeError (or read for its year in an AttributeError); a datetime, as pandas
        gives a day, could not be compared with a date at all."""
        from datetime import date, datetime

        from coso_dang import Member
        from coso_dang.errors import UsageError
        from coso_dang.rules import badges_due, due_for_official

        m = Member("dv1", "Trần Văn Cường", "cb1", admitted_on=date(1995, 7, 1))
        calls = [
            (lambda: due_for_official([m], "2025-07-01", date(2025, 9, 30)), "start"),
            (lambda: due_for_official([m], date(2025, 7, 1), None), "end"),
            (lambda: badges_due([m], "2025-04-01"), "on"),
        ]
        for call, argument in calls:
            with pytest.raises(UsageError) as caught:
                call()
            assert caught.value.argument == argument
            assert "phải là một date" in str(caught.value)
            assert "must be a date" in caught.value.message("en")
        moment = datetime(2025, 4, 1, 9, 30)
        assert badges_due([m], moment) == badges_due([m], moment.date())
        assert due_for_official([m], moment, date(2025, 12, 31)) == due_for_official(
            [m], moment.date(), date(2025, 12, 31)
        )

    def test_a_period_ending_before_it_starts(self) -> None:
        from datetime import date

        from coso_dang.rules import RuleParameterError, due_for_official

        with pytest.raises(RuleParameterError) as caught:
            due_for_official([], date(2025, 5, 1), date(2025, 1, 1))
        assert str(caught.value) == (
            "due_for_official.end = datetime.date(2025, 1, 1): trước ngày bắt đầu 01/5/2025"
        )
        assert caught.value.message("en").endswith(": before the start 01/5/2025")


def test_a_pack_inside_a_pack_says_how_packs_combine() -> None:
    """``RuleSet("x", (NQ21_2025, DIEU_LE))`` was refused with the whole first pack
    printed, some 900 characters, and no word of ``+``."""
    from coso_dang.rules import RuleDefinitionError

    with pytest.raises(RuleDefinitionError) as caught:
        RuleSet("Của tỉnh", (NQ21_2025, DIEU_LE))
    assert str(caught.value) == (
        "một bộ quy tắc không chứa bộ quy tắc 'Nghị quyết 21-NQ/TW — mục tiêu đến năm 2025': "
        "ghép các bộ bằng dấu +, hoặc viết các quy tắc của nó: (*bo.rules, quy_tac_khac)"
    )
    assert "combine packs with +" in caught.value.message("en")
    assert len((NQ21_2025 + DIEU_LE).rules) == len(NQ21_2025) + len(DIEU_LE)
