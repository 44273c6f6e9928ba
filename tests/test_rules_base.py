"""The rule mechanism: registry, results, rule sets and reports."""

from __future__ import annotations

import sys
from fractions import Fraction
from typing import ClassVar

import attrs
import pytest
from attrs import frozen

import coso_dang.rules as rules
from coso_dang import Organization, OrgKind, OrgTree, Tally
from coso_dang.documents import NQ21
from coso_dang.errors import CosoDangError
from coso_dang.rollup import Rollup
from coso_dang.rules import (
    DIEU_LE,
    NQ21_2025,
    NQ21_2030,
    Basis,
    Report,
    Rule,
    RuleDefinitionError,
    RuleParameterError,
    RuleResult,
    RuleSet,
    ShareAboveRule,
    Status,
)

BUILT_IN_PACKS = [
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
]


class TestRegistry:
    def test_every_built_in_rule_has_code_basis_period(self) -> None:
        """Every built-in rule: a unique code, a title, a basis and a period."""
        seen: set[str] = set()
        standing: set[str] = set()
        for pack in BUILT_IN_PACKS:
            for rule in pack:
                cls = type(rule)
                assert cls.code, cls
                assert rules.get_rule(cls.code) is cls
                assert cls.title
                assert isinstance(cls.basis, Basis)
                assert cls.basis.document is not None or cls.basis.source
                assert cls.__doc__
                seen.add(cls.code)
                if cls.basis.first_year is None:
                    standing.add(cls.code)
        codes = [type(r).code for pack in BUILT_IN_PACKS for r in pack]
        assert len(codes) == len(seen)
        # Only the Charter holds in every year; every other rule has a first year.
        assert set(DIEU_LE.codes) == standing

    def test_charter_basis_names_its_implementing_rules(self) -> None:
        """The charter rules cite the Charter, with no period, and each implementing rule."""
        for rule in DIEU_LE:
            basis = rule.basis
            assert basis is not None
            assert (None, None, None) == (basis.document, basis.first_year, basis.last_year)
            assert basis.source == "Điều lệ Đảng (2011)"
            for number in ("29-QĐ/TW (25/7/2016)", "24-QĐ/TW (30/7/2021)", "294-QĐ/TW"):
                assert number in basis.section
            assert all(basis.in_force(year) for year in (2016, 2024, 2025, 2031))

    def test_codes_unique_in_registry(self) -> None:
        """The registry holds each code once."""
        codes = [cls.code for cls in rules.rules()]
        assert len(codes) == len(set(codes))

    def test_duplicate_code_refused(self) -> None:
        """A second class with a taken code fails when it is defined."""
        with pytest.raises(RuleDefinitionError, match="hai quy tắc cùng mã"):

            @frozen
            class Again(ShareAboveRule):
                code: ClassVar[str] = "nq21.2025.tccsd_httnv_tro_len"
                title: ClassVar[str] = "x"
                basis: ClassVar[Basis] = Basis(NQ21, "", 2022, 2025)

    @pytest.mark.parametrize(
        "code",
        [
            "NQ21.2025.tccsd_httnv_tro_len",  # only the case differs
            "nq21.2025.TCCSD_httnv_tro_len",
        ],
    )
    def test_a_code_differing_only_by_case_is_refused(self, code: str) -> None:
        """Two rules whose codes differ only in case read as one code in a report, a
        table or a spreadsheet's filter: the second is refused, naming the first."""
        with pytest.raises(RuleDefinitionError) as caught:
            frozen(
                type(
                    "Cased",
                    (ShareAboveRule,),
                    {
                        "__annotations__": {
                            "code": "ClassVar[str]",
                            "title": "ClassVar[str]",
                            "basis": "ClassVar[Basis]",
                        },
                        "code": code,
                        "title": "x",
                        "basis": Basis(NQ21, "", 2022, 2025),
                    },
                )
            )
        assert str(caught.value).startswith(
            f"mã {code!r} chỉ khác mã 'nq21.2025.tccsd_httnv_tro_len' ở chữ hoa, chữ thường"
        )
        assert caught.value.message("en") != str(caught.value)
        with pytest.raises(KeyError):
            rules.get_rule(code)

    def test_a_code_in_another_unicode_form_is_refused(self) -> None:
        """ "vi_dụ.x" typed composed and decomposed prints the same: one code, not two."""
        body = {
            "__annotations__": {
                "code": "ClassVar[str]",
                "title": "ClassVar[str]",
                "basis": "ClassVar[Basis]",
            },
            "title": "x",
            "basis": Basis(NQ21, "", 2022, 2025),
        }
        frozen(type("Composed", (ShareAboveRule,), {**body, "code": "test.vi_d\u1ee5.form"}))
        with pytest.raises(RuleDefinitionError, match="dạng Unicode"):
            frozen(type("Decomposed", (ShareAboveRule,), {**body, "code": "test.vi_du\u0323.form"}))

    @pytest.mark.parametrize(
        ("metadata", "message"),
        [
            # Strings where kinds belong: the check of a rollup raised AttributeError.
            (
                {"applies_to": frozenset({"dang_bo_tinh"})},
                "Meta.applies_to = frozenset({'dang_bo_tinh'}): phải là frozenset các "
                "OrgKind, như frozenset([OrgKind.DANG_BO_TINH])",
            ),
            # One kind where a set belongs: "argument of type 'OrgKind' is not iterable".
            (
                {"applies_to": OrgKind.DANG_BO_TINH},
                "Meta.applies_to = <OrgKind.DANG_BO_TINH: 'dang_bo_tinh'>: phải là frozenset "
                "các OrgKind, như frozenset([OrgKind.DANG_BO_TINH])",
            ),
            # A title or wording that is no text printed "5" as the rule's name.
            ({"title": 5}, "Meta.title = 5: phải là một chuỗi (str), không phải int"),
            ({"wording": 95}, "Meta.wording = 95: phải là một chuỗi (str), không phải int"),
            (
                {"qualifier": None},
                "Meta.qualifier = None: phải là một chuỗi (str), không phải NoneType",
            ),
            (
                {"title": "   "},
                "quy tắc 'test.meta' cần tên: title: ClassVar[str] = \"...\" (tiếng Việt)",
            ),
            # A blank code, or one with spaces, registered and was no code to look up.
            (
                {"code": "   "},
                "mã quy tắc '   ' có khoảng trắng hoặc để trống: hãy viết liền, các phần nối "
                "bằng dấu chấm (như 'vi_du.ket_nap')",
            ),
            (
                {"code": "vi du.ket nap"},
                "mã quy tắc 'vi du.ket nap' có khoảng trắng hoặc để trống: hãy viết liền, các "
                "phần nối bằng dấu chấm (như 'vi_du.ket_nap')",
            ),
        ],
    )
    def test_metadata_of_the_wrong_shape_is_refused(
        self, metadata: dict[str, object], message: str
    ) -> None:
        body: dict[str, object] = {
            "code": "test.meta",
            "title": "Chi bộ",
            "basis": Basis(NQ21, "", 2022, 2025),
            **metadata,
        }
        body["__annotations__"] = dict.fromkeys(body, "ClassVar[object]")
        with pytest.raises(RuleDefinitionError) as caught:
            frozen(type("Meta", (ShareAboveRule,), body))
        assert str(caught.value) == message
        assert caught.value.message("en") != message
        with pytest.raises(KeyError):
            rules.get_rule(str(body["code"]))

    def test_kinds_as_a_set_or_list_are_kept_as_a_frozenset(self) -> None:
        """``{OrgKind.DANG_BO_TINH}`` or a list says the same kinds: kept, as a frozenset."""

        @frozen
        class Listed(ShareAboveRule):
            code: ClassVar[str] = "test.meta.listed"
            title: ClassVar[str] = "Chi bộ"
            basis: ClassVar[Basis] = Basis(NQ21, "", 2022, 2025)
            applies_to: ClassVar[frozenset[OrgKind]] = [OrgKind.DANG_BO_TINH]  # type: ignore[assignment]

        assert Listed.applies_to == frozenset({OrgKind.DANG_BO_TINH})

    def test_inherited_code_refused(self) -> None:
        """A subclass of a registered rule needs its own code."""
        with pytest.raises(RuleDefinitionError, match="mã riêng"):

            @frozen
            class Copy(rules.NQ21TccsdHttnv2025Rule):
                pass

    def test_abstract_family_not_registered(self) -> None:
        """A subclass without a code is an abstract family: nothing registers."""
        before = len(list(rules.rules()))

        @frozen
        class Family(ShareAboveRule):
            pass

        assert before == len(list(rules.rules()))

    def test_a_subclass_without_frozen_is_refused_when_made(self) -> None:
        """Without @frozen a subclass is no attrs class: its code never registered and its
        field defaults ignored ("missing 2 required positional arguments" before). Making
        one says what to write."""

        class NoDecorator(ShareAboveRule):
            code: ClassVar[str] = "test.no_decorator"
            title: ClassVar[str] = "x"
            basis: ClassVar[Basis] = Basis(NQ21, "", 2022, 2025)

        with pytest.raises(RuleDefinitionError) as caught:
            NoDecorator("tccsd_httnv_tro_len", Fraction(9, 10))
        assert str(caught.value) == (
            "NoDecorator thiếu @frozen: viết @frozen (from attrs import frozen) ngay trên dòng "
            "class NoDecorator(...)"
        )
        assert caught.value.message("en").startswith("NoDecorator lacks @frozen")
        import pickle

        rule = NQ21_2025.rules[0]
        assert pickle.loads(pickle.dumps(rule)) == rule  # a decorated rule is made as before

    def test_basis_needed(self) -> None:
        """A registered rule needs a Basis."""
        with pytest.raises(RuleDefinitionError, match="Basis"):

            @frozen
            class NoBasis(ShareAboveRule):
                code: ClassVar[str] = "test.no_basis"
                title: ClassVar[str] = "x"

    def test_get_unknown(self) -> None:
        """An unknown code is a KeyError naming it."""
        with pytest.raises(KeyError, match="khong_co"):
            rules.get_rule("khong_co")

    def test_basis_text(self) -> None:
        """A basis prints document, section and period."""
        basis = rules.NQ21AdmissionBand2025Rule.basis
        assert str(basis) == "21-NQ/TW, mục tiêu cụ thể đến năm 2025 (2020–2025)"

    @pytest.mark.parametrize(
        ("args", "kwargs", "message"),
        [
            (
                ("15-KH/TU", "mục tiêu", 2024, 2025),
                {},
                "Basis.document = '15-KH/TU': phải là một DocumentRef hoặc None: "
                "viết DocumentRef.parse('15-KH/TU')",
            ),
            (
                (NQ21, "", True),
                {},
                "Basis.first_year = True: phải là một năm (int) hoặc None, không phải bool",
            ),
            (
                (NQ21, "", "2024"),
                {},
                "Basis.first_year = '2024': phải là một năm (int) hoặc None, không phải str",
            ),
            (
                (NQ21, "", 2025, 2022),
                {},
                "Basis.last_year = 2022: trước năm đầu (first_year = 2025)",
            ),
            (
                (None, "Điều 21"),
                {},
                "Basis.source = '': không có số văn bản thì cần nguồn: "
                'Basis(None, ..., source="Điều lệ Đảng")',
            ),
        ],
    )
    def test_basis_refusals_name_the_fix(
        self, args: tuple[object, ...], kwargs: dict[str, object], message: str
    ) -> None:
        """A basis written the way a newcomer writes it: refused, in Vietnamese, with the fix.

        A year given as True printed "từ True" before.
        """
        with pytest.raises(RuleParameterError) as caught:
            Basis(*args, **kwargs)  # type: ignore[arg-type]
        assert str(caught.value) == message
        assert caught.value.message("en") != message

    def test_a_wording_that_contradicts_the_family_is_refused(self) -> None:
        """ "từ 92% trở lên" on a strict family would print 92% "không đạt chỉ tiêu từ 92%
        trở lên": the class is refused when defined, naming the family to use."""
        with pytest.raises(RuleDefinitionError) as caught:

            @frozen
            class Inclusive(ShareAboveRule):
                code: ClassVar[str] = "test.wording.inclusive"
                title: ClassVar[str] = "Chi bộ"
                basis: ClassVar[Basis] = Basis(NQ21, "", 2022, 2025)
                wording: ClassVar[str] = "từ 92% trở lên"
                ratio: str = "chi_bo_truc_thuoc_httnv_tro_len"
                threshold: Fraction = Fraction(92, 100)

        assert str(caught.value).endswith(
            "so sánh «từ … trở lên», mà lớp này so sánh «trên»: hãy kế thừa ShareAtLeastRule"
        )
        assert caught.value.message("en").endswith("inherit ShareAtLeastRule")
        with pytest.raises(KeyError):
            rules.get_rule("test.wording.inclusive")  # refused before it registers

    @pytest.mark.parametrize(
        ("wording", "fix"),
        [
            ("từ 95\u00ad% trở lên", "hãy viết threshold = Fraction(95, 100), hoặc sửa wording"),
            ("trên\u200b92%", "hãy kế thừa ShareAboveRule"),
            ("trên\u2060 92%", "hãy kế thừa ShareAboveRule"),
        ],
    )
    def test_a_wording_is_read_as_seen(self, wording: str, fix: str) -> None:
        """A soft hyphen or a zero width character pasted with a wording hid its
        percentage or its comparison from the check: "từ 95\u00ad% trở lên" over 92% and
        "trên\u200b92%" on an inclusive family were defined without a word."""
        body: dict[str, object] = {
            "__annotations__": {
                "code": "ClassVar[str]",
                "title": "ClassVar[str]",
                "basis": "ClassVar[Basis]",
                "wording": "ClassVar[str]",
                "ratio": "str",
                "threshold": "Fraction",
            },
            "code": f"test.wording.seen.{abs(hash(wording))}",
            "title": "Chi bộ",
            "basis": Basis(NQ21, "", 2022, 2025),
            "wording": wording,
            "ratio": "chi_bo_truc_thuoc_httnv_tro_len",
            "threshold": Fraction(92, 100),
        }
        with pytest.raises(RuleDefinitionError) as caught:
            frozen(type("Seen", (rules.ShareAtLeastRule,), body))
        assert str(caught.value).endswith(fix)

    def test_a_wording_that_names_another_number_is_refused(self) -> None:
        """ "từ 95% trở lên" over a threshold of 92% would print 92% as "đạt chỉ tiêu từ 95%
        trở lên"; "kết nạp 1.500" over a minimum of 150 the same for a count."""
        with pytest.raises(RuleDefinitionError) as share:

            @frozen
            class Share(rules.ShareAtLeastRule):
                code: ClassVar[str] = "test.wording.share"
                title: ClassVar[str] = "Chi bộ"
                basis: ClassVar[Basis] = Basis(NQ21, "", 2022, 2025)
                wording: ClassVar[str] = "từ 95% trở lên"
                ratio: str = "chi_bo_truc_thuoc_httnv_tro_len"
                threshold: Fraction = Fraction(92, 100)

        assert str(share.value).endswith(
            "nói 95%, mà threshold mặc định là 92%: hãy viết threshold = Fraction(95, 100), "
            "hoặc sửa wording"
        )
        with pytest.raises(RuleDefinitionError) as count:

            @frozen
            class Count(rules.CountAtLeastRule):
                code: ClassVar[str] = "test.wording.count"
                title: ClassVar[str] = "Kết nạp"
                basis: ClassVar[Basis] = Basis(NQ21, "", 2022, 2025)
                wording: ClassVar[str] = "kết nạp 1.500 đảng viên"
                indicator: str = "ket_nap"
                minimum: int = 150

        assert str(count.value).endswith(
            "nói 1.500, mà minimum mặc định là 150: hãy viết minimum = 1500, hoặc sửa wording"
        )
        with pytest.raises(RuleDefinitionError) as quota:

            @frozen
            class Quota(rules.QuotaRule):
                code: ClassVar[str] = "test.wording.quota"
                title: ClassVar[str] = "Hạn mức"
                basis: ClassVar[Basis] = Basis(NQ21, "", 2022, 2025)
                wording: ClassVar[str] = "không vượt quá 25%"
                ratio: str = "dang_vien_htxsnv_tren_httnv"
                limit: Fraction = Fraction(1, 5)

        assert str(quota.value).endswith(
            "nói 25%, mà limit mặc định là 20%: hãy viết limit = Fraction(25, 100), hoặc "
            "sửa wording"
        )

    def test_a_count_written_with_a_scale_word_is_read_whole(self) -> None:
        """ "2 nghìn đảng viên" says 2.000, as a plan may write it: a minimum of 2000 agrees,
        and one of 200 is refused with the fix "minimum = 2000", never "minimum = 2"."""

        @frozen
        class Thousands(rules.CountAtLeastRule):
            code: ClassVar[str] = "test.wording.thousands"
            title: ClassVar[str] = "Kết nạp"
            basis: ClassVar[Basis] = Basis(NQ21, "", 2022, 2025)
            wording: ClassVar[str] = "kết nạp 2 nghìn đảng viên mới mỗi năm"
            indicator: str = "ket_nap"
            minimum: int = 2000

        assert Thousands().target().wording == "kết nạp 2 nghìn đảng viên mới mỗi năm"

        @frozen
        class HalfVan(rules.CountAtLeastRule):
            code: ClassVar[str] = "test.wording.half_van"
            title: ClassVar[str] = "Kết nạp"
            basis: ClassVar[Basis] = Basis(NQ21, "", 2022, 2025)
            wording: ClassVar[str] = "kết nạp 1,5 vạn đảng viên"
            indicator: str = "ket_nap"
            minimum: int = 15000

        assert HalfVan().minimum == 15000
        with pytest.raises(RuleDefinitionError) as short:

            @frozen
            class Short(rules.CountAtLeastRule):
                code: ClassVar[str] = "test.wording.short"
                title: ClassVar[str] = "Kết nạp"
                basis: ClassVar[Basis] = Basis(NQ21, "", 2022, 2025)
                wording: ClassVar[str] = "kết nạp 2 nghìn đảng viên"
                indicator: str = "ket_nap"
                minimum: int = 200

        assert str(short.value).endswith(
            "nói 2 nghìn, mà minimum mặc định là 200: hãy viết minimum = 2000, hoặc sửa wording"
        )

    def test_a_count_written_with_tram_or_ruoi_is_read_whole(self) -> None:
        """ "1 nghìn rưỡi" is 1.500 and "2 trăm" 200: a minimum of 1500 was told to be
        1000, and one of 2 was let pass beside "kết nạp 2 trăm đảng viên"."""

        @frozen
        class Half(rules.CountAtLeastRule):
            code: ClassVar[str] = "test.wording.ruoi"
            title: ClassVar[str] = "Kết nạp"
            basis: ClassVar[Basis] = Basis(NQ21, "", 2022, 2025)
            wording: ClassVar[str] = "kết nạp 1 nghìn rưỡi đảng viên"
            indicator: str = "ket_nap"
            minimum: int = 1500

        assert Half().minimum == 1500
        with pytest.raises(RuleDefinitionError, match="minimum = 200, hoặc sửa wording"):

            @frozen
            class Hundreds(rules.CountAtLeastRule):
                code: ClassVar[str] = "test.wording.tram"
                title: ClassVar[str] = "Kết nạp"
                basis: ClassVar[Basis] = Basis(NQ21, "", 2022, 2025)
                wording: ClassVar[str] = "kết nạp 2 trăm đảng viên"
                indicator: str = "ket_nap"
                minimum: int = 2

    def test_a_percentage_in_a_count_wording_is_no_count(self) -> None:
        """ "đạt 100% kế hoạch" beside a count says a share of the plan: a minimum of 2000
        is not told to be 100."""

        @frozen
        class OfThePlan(rules.CountAtLeastRule):
            code: ClassVar[str] = "test.wording.of_the_plan"
            title: ClassVar[str] = "Kết nạp"
            basis: ClassVar[Basis] = Basis(NQ21, "", 2022, 2025)
            wording: ClassVar[str] = "phấn đấu đạt 100% chỉ tiêu kết nạp được giao"
            indicator: str = "ket_nap"
            minimum: int = 2000

        assert OfThePlan().minimum == 2000

    def test_a_year_in_a_count_wording_is_no_count(self) -> None:
        """ "năm 2025" and "nhiệm kỳ 2020 - 2025" name the time, not the count: a wording
        naming only a year is kept, and the count beside a term is still checked."""

        @frozen
        class OfTheYear(rules.CountAtLeastRule):
            code: ClassVar[str] = "test.wording.of_the_year"
            title: ClassVar[str] = "Kết nạp"
            basis: ClassVar[Basis] = Basis(NQ21, "", 2022, 2025)
            wording: ClassVar[str] = "chỉ tiêu kết nạp năm 2025"
            indicator: str = "ket_nap"
            minimum: int = 150

        assert OfTheYear().minimum == 150
        with pytest.raises(RuleDefinitionError) as term:

            @frozen
            class OfTheTerm(rules.CountAtLeastRule):
                code: ClassVar[str] = "test.wording.of_the_term"
                title: ClassVar[str] = "Kết nạp"
                basis: ClassVar[Basis] = Basis(NQ21, "", 2022, 2025)
                wording: ClassVar[str] = "nhiệm kỳ 2020 - 2025 kết nạp 1.500 đảng viên"
                indicator: str = "ket_nap"
                minimum: int = 150

        assert str(term.value).endswith("hãy viết minimum = 1500, hoặc sửa wording")

    def test_not_lower_than_is_at_least(self) -> None:
        """ "không thấp hơn 90%" is 90% or more: kept on a ShareAtLeastRule, refused on a
        ShareAboveRule (it read "hơn" as "trên", and did the opposite)."""

        @frozen
        class NotLower(rules.ShareAtLeastRule):
            code: ClassVar[str] = "test.wording.not_lower"
            title: ClassVar[str] = "Chi bộ"
            basis: ClassVar[Basis] = Basis(NQ21, "", 2022, 2025)
            wording: ClassVar[str] = "không thấp hơn 90%"
            ratio: str = "chi_bo_truc_thuoc_httnv_tro_len"
            threshold: Fraction = Fraction(9, 10)

        assert NotLower().target().wording == "không thấp hơn 90%"
        with pytest.raises(RuleDefinitionError) as above:

            @frozen
            class NotLess(rules.ShareAboveRule):
                code: ClassVar[str] = "test.wording.not_less"
                title: ClassVar[str] = "Chi bộ"
                basis: ClassVar[Basis] = Basis(NQ21, "", 2022, 2025)
                wording: ClassVar[str] = "không ít hơn 90%"
                ratio: str = "chi_bo_truc_thuoc_httnv_tro_len"
                threshold: Fraction = Fraction(9, 10)

        assert str(above.value).endswith("hãy kế thừa ShareAtLeastRule")

    @pytest.mark.parametrize(
        ("family", "wording", "fix"),
        [
            # An upper bound on a family that counts from below: 95% would print
            # "đạt chỉ tiêu không quá 90%".
            ("ShareAtLeastRule", "không quá 90%", "hãy kế thừa QuotaRule"),
            ("ShareAtLeastRule", "tối đa 90%", "hãy kế thừa QuotaRule"),
            ("ShareAboveRule", "không vượt quá 90%", "hãy kế thừa QuotaRule"),
            ("ShareAboveRule", "từ 90% trở xuống", "hãy kế thừa QuotaRule"),
            # "ít hơn" and "thấp hơn" are below, not "trên": the fix named the wrong family.
            ("ShareAtLeastRule", "ít hơn 90%", "hãy kế thừa Rule và tự viết check"),
            ("ShareAtLeastRule", "dưới 90%", "hãy kế thừa Rule và tự viết check"),
            # A wording kept in decomposed Unicode, or with a no-break space, reads the same.
            ("ShareAtLeastRule", "tre\u0302n 90%", "hãy kế thừa ShareAboveRule"),  # NFD "trên"
            ("ShareAtLeastRule", "kho\u0302ng qua\u0301 90%", "hãy kế thừa QuotaRule"),
            ("ShareAtLeastRule", "không\u00a0quá 90%", "hãy kế thừa QuotaRule"),
            # A quota is "không vượt quá": a floor or a strict bound contradicts it.
            ("QuotaRule", "từ 90% trở lên", "hãy kế thừa ShareAtLeastRule"),
            ("QuotaRule", "trên 90%", "hãy kế thừa ShareAboveRule"),
            ("QuotaRule", "dưới 90%", "hãy kế thừa Rule và tự viết check"),
            # "đạt 90%" is reached at 90%: on the strict family, 9 of 10 printed "(90%),
            # không đạt chỉ tiêu đạt 90%".
            ("ShareAboveRule", "đạt 90%", "hãy kế thừa ShareAtLeastRule"),
            ("ShareAboveRule", "phấn đấu đạt 90%", "hãy kế thừa ShareAtLeastRule"),
            ("QuotaRule", "đạt 90%", "hãy kế thừa ShareAtLeastRule"),
        ],
    )
    def test_a_wording_that_bounds_the_other_way_is_refused(
        self, family: str, wording: str, fix: str
    ) -> None:
        """A target the class does not check ("không quá 90%" on a floor) printed beside
        a verdict that contradicts it; it was defined without a word."""
        base = getattr(rules, family)
        names = {"ShareAtLeastRule": "threshold", "ShareAboveRule": "threshold"}
        body: dict[str, object] = {
            "__annotations__": {
                "code": "ClassVar[str]",
                "title": "ClassVar[str]",
                "basis": "ClassVar[Basis]",
                "wording": "ClassVar[str]",
            },
            "code": f"test.wording.bound.{family}.{abs(hash(wording))}",
            "title": "Chi bộ",
            "basis": Basis(NQ21, "", 2022, 2025),
            "wording": wording,
        }
        share = names.get(family, "limit")
        body["__annotations__"][share] = "Fraction"  # type: ignore[index]
        body[share] = Fraction(9, 10)
        if family == "QuotaRule":
            body["__annotations__"]["ratio"] = "str"  # type: ignore[index]
            body["ratio"] = "dang_vien_htxsnv_tren_httnv"
        with pytest.raises(RuleDefinitionError) as caught:
            frozen(type("Bounded", (base,), body))
        assert str(caught.value).endswith(fix)
        assert caught.value.message("en") != str(caught.value)
        with pytest.raises(KeyError):
            rules.get_rule(str(body["code"]))

    @pytest.mark.parametrize(
        ("wording", "minimum", "message"),
        [
            # "trên 120" is 121 or more: 120 printed "đạt chỉ tiêu kết nạp trên 120".
            ("kết nạp trên 120 đảng viên", 120, "hãy viết minimum = 121, hoặc sửa wording"),
            ("kết nạp hơn 120 đảng viên", 120, "hãy viết minimum = 121, hoặc sửa wording"),
            ("kết nạp không quá 120 đảng viên", 120, "hãy kế thừa Rule và tự viết check"),
            ("kết nạp dưới 120 đảng viên", 120, "hãy kế thừa Rule và tự viết check"),
        ],
    )
    def test_a_count_wording_that_compares_otherwise_is_refused(
        self, wording: str, minimum: int, message: str
    ) -> None:
        body: dict[str, object] = {
            "__annotations__": {
                "code": "ClassVar[str]",
                "title": "ClassVar[str]",
                "basis": "ClassVar[Basis]",
                "wording": "ClassVar[str]",
                "indicator": "str",
                "minimum": "int",
            },
            "code": f"test.wording.count_bound.{abs(hash(wording))}",
            "title": "Kết nạp",
            "basis": Basis(NQ21, "", 2022, 2025),
            "wording": wording,
            "indicator": "ket_nap",
            "minimum": minimum,
        }
        with pytest.raises(RuleDefinitionError) as caught:
            frozen(type("Counted", (rules.CountAtLeastRule,), body))
        assert str(caught.value).endswith(message)

    def test_a_count_above_its_wording_agrees(self) -> None:
        """ "trên 120 đảng viên" over a minimum of 121 is what it checks: 120 fails it."""

        @frozen
        class Above(rules.CountAtLeastRule):
            code: ClassVar[str] = "test.wording.count_above"
            title: ClassVar[str] = "Kết nạp"
            basis: ClassVar[Basis] = Basis(NQ21, "", 2022, 2025)
            wording: ClassVar[str] = "kết nạp trên 120 đảng viên"
            indicator: str = "ket_nap"
            minimum: int = 121

        result = Above().check(Tally(ket_nap=120))
        assert result.message == (
            "Đảng viên mới kết nạp trong năm: 120 đảng viên, không đạt chỉ tiêu kết nạp trên "
            "120 đảng viên; cần thêm 1 đảng viên."
        )

    @pytest.mark.parametrize(
        ("wording", "message"),
        [
            # "từ 3 - 5%" over an upper end of 4%: 4,5% printed "đạt chỉ tiêu từ 3 - 5%,
            # vượt mức trên 4%".
            (
                "từ 3 - 5%",
                "nói 5%, mà upper mặc định là 4%: hãy viết upper = Fraction(5, 100), hoặc "
                "sửa wording",
            ),
            (
                "từ 2% đến 4%",
                "nói 2%, mà threshold mặc định là 3%: hãy viết threshold = Fraction(2, 100), "
                "hoặc sửa wording",
            ),
        ],
    )
    def test_a_band_wording_that_names_other_ends_is_refused(
        self, wording: str, message: str
    ) -> None:
        body: dict[str, object] = {
            "__annotations__": {
                "code": "ClassVar[str]",
                "title": "ClassVar[str]",
                "basis": "ClassVar[Basis]",
                "wording": "ClassVar[str]",
                "ratio": "str",
                "threshold": "Fraction",
                "upper": "Fraction",
            },
            "code": f"test.wording.band.{abs(hash(wording))}",
            "title": "Kết nạp",
            "basis": Basis(NQ21, "", 2022, 2025),
            "wording": wording,
            "ratio": "ty_le_ket_nap",
            "threshold": Fraction(3, 100),
            "upper": attrs.field(default=Fraction(4, 100), kw_only=True),
        }
        with pytest.raises(RuleDefinitionError) as caught:
            frozen(type("Band", (rules.BandRule,), body))
        assert str(caught.value).endswith(message)

    @pytest.mark.parametrize("wording", ["từ 3 - 4%", "từ 3-4%", "từ 3% - 4%", "3–4%"])
    def test_a_band_wording_with_its_ends_is_kept(self, wording: str) -> None:
        body: dict[str, object] = {
            "__annotations__": {
                "code": "ClassVar[str]",
                "title": "ClassVar[str]",
                "basis": "ClassVar[Basis]",
                "wording": "ClassVar[str]",
            },
            "code": f"test.wording.band_kept.{abs(hash(wording))}",
            "title": "Kết nạp",
            "basis": Basis(NQ21, "", 2022, 2025),
            "wording": wording,
        }
        band = frozen(type("Band", (rules.NQ21AdmissionBand2025Rule,), body))
        assert str(band().target()) == wording

    def test_wordings_that_agree_are_kept(self) -> None:
        """The built-in wordings, and a plan's written with its own numbers, define."""

        @frozen
        class Agrees(rules.ShareAtLeastRule):
            code: ClassVar[str] = "test.wording.agrees"
            title: ClassVar[str] = "Chi bộ"
            basis: ClassVar[Basis] = Basis(NQ21, "", 2022, 2025)
            wording: ClassVar[str] = "hằng năm từ 92,5% trở lên"
            ratio: str = "chi_bo_truc_thuoc_httnv_tro_len"
            threshold: Fraction = Fraction(925, 1000)

        assert Agrees().target().wording == "hằng năm từ 92,5% trở lên"

        @frozen
        class About(rules.ShareAtLeastRule):
            code: ClassVar[str] = "test.wording.about"
            title: ClassVar[str] = "Chi bộ"
            basis: ClassVar[Basis] = Basis(NQ21, "", 2022, 2025)
            wording: ClassVar[str] = "phấn đấu trên dưới 90%"  # about 90%: no bound read
            ratio: str = "chi_bo_truc_thuoc_httnv_tro_len"
            threshold: Fraction = Fraction(9, 10)

        assert About().target().wording == "phấn đấu trên dưới 90%"

        @frozen
        class Reaches(rules.ShareAtLeastRule):
            code: ClassVar[str] = "test.wording.reaches"
            title: ClassVar[str] = "Chi bộ"
            basis: ClassVar[Basis] = Basis(NQ21, "", 2022, 2025)
            wording: ClassVar[str] = "đạt 90%"  # reached at 90%, and above "đạt trên 90%"
            ratio: str = "chi_bo_truc_thuoc_httnv_tro_len"
            threshold: Fraction = Fraction(9, 10)

        assert Reaches().target().wording == "đạt 90%"
        assert rules.BinhThuanKetNapRule().target().wording == "2.000 đảng viên mới mỗi năm"

    def test_basis_open_period(self) -> None:
        """A basis still in force reads "từ <year>"."""
        assert rules.QD366HtxsnvQuotaRule.basis.period == "từ 2025"

    def test_status_labels(self) -> None:
        """Statuses carry their Vietnamese labels."""
        assert [s.label for s in Status] == [
            "đạt",
            "không đạt",
            "cần xem xét",
            "không áp dụng",
            "thiếu số liệu",
            "chưa xác định",
        ]


def sample_report() -> Report:
    tally = Tally(
        tccsd_htxsnv=1,
        tccsd_httnv=8,
        tccsd_htnv=1,
        tccsd_khtnv=0,
        ket_nap=320,
        dang_vien_cuoi_nam_truoc=10000,
    )
    return NQ21_2025.check(tally)


def big_report() -> Report:
    """A national-scale report: 12.345 passes among failures and unknowns, interleaved."""
    rule = rules.NQ21TccsdHttnv2025Rule()
    made: list[RuleResult] = []
    plan = [
        (Status.PASS, 12_345),
        (Status.FAIL, 40),
        (Status.NOT_APPLICABLE, 10),
        (Status.MISSING_DATA, 10),
        (Status.UNDETERMINED, 5),
    ]
    for status, n in plan:
        for i in range(n):
            ref = rules.SubjectRef(f"{status.value}-{i}", f"Đơn vị {i} {status.label}")
            made.append(rule.result(status, f"{status.label} {i}", subject=ref))
    # Interleave so the problems are not already first.
    made.sort(key=lambda r: (r.subject.id or "")[::-1])
    return Report("Toàn quốc", tuple(made))


class TestRuleSet:
    def test_add_combines(self) -> None:
        """``+`` keeps both sets' rules in order."""
        both = NQ21_2025 + NQ21_2030
        assert NQ21_2025.codes + NQ21_2030.codes == both.codes
        assert len(both) == 8

    def test_add_other(self) -> None:
        """Adding something else is a TypeError."""
        with pytest.raises(TypeError):
            NQ21_2025 + 1

    def test_holds_rules_only(self) -> None:
        """A RuleSet refuses what is not a rule."""
        with pytest.raises(TypeError):
            RuleSet("x", ["not a rule"])  # type: ignore[list-item]

    def test_a_pack_under_a_taken_code_and_name_with_other_rules_is_refused(self) -> None:
        """A province's pack copying the built-in's name and code replaced NQ21's targets
        for ``--rules nq21-2025`` without a word; the same pack made again still does."""
        from coso_dang.rules import get_pack, register_pack

        own = ShareAboveRule(ratio="ty_le_ket_nap", threshold=Fraction(3, 100))
        with pytest.raises(rules.PackError, match="hai bộ quy tắc cùng mã 'nq21-2025'"):
            register_pack(RuleSet(NQ21_2025.name, (own,), code="nq21-2025"))
        assert get_pack("nq21-2025") is NQ21_2025
        again = RuleSet(NQ21_2025.name, NQ21_2025.rules, code="nq21-2025", basis=NQ21_2025.basis)
        assert register_pack(again) is get_pack("nq21-2025")
        register_pack(NQ21_2025, replace=True)

    @pytest.mark.parametrize(
        ("args", "kwargs", "message"),
        [
            ((None, ()), {}, "tên bộ quy tắc None: phải là một chuỗi (str) không để trống"),
            (("   ", ()), {}, "tên bộ quy tắc '   ': phải là một chuỗi (str) không để trống"),
            (
                ("X", None),
                {},
                "một bộ quy tắc nhận một dãy quy tắc, không phải None: viết (quy_tac_1, quy_tac_2)",
            ),
            (("X", ()), {"code": None}, "mã bộ quy tắc None: phải là một chuỗi (str)"),
            (
                ("X", ()),
                {"basis": "21-NQ/TW"},
                "căn cứ của bộ quy tắc phải là một Basis hoặc None, không phải str",
            ),
        ],
    )
    def test_a_pack_of_the_wrong_shape_is_refused_in_words(
        self, args: tuple[object, ...], kwargs: dict[str, object], message: str
    ) -> None:
        """They printed "None" as the pack's name, or raised attrs' English TypeError with
        its validator in the arguments."""
        with pytest.raises(rules.PackError) as caught:
            RuleSet(*args, **kwargs)  # type: ignore[arg-type]
        assert str(caught.value) == message
        assert caught.value.message("en") != message

    def test_a_rule_twice_is_refused(self) -> None:
        """One rule twice would judge each subject twice: refused, naming the rule."""
        rule = NQ21_2025.rules[0]
        with pytest.raises(
            rules.PackError, match=r"'nq21\.2025\.tccsd_httnv_tro_len' có mặt hai lần"
        ):
            RuleSet("Hai lần", (rule, rule))
        with pytest.raises(rules.PackError, match="hai lần"):
            NQ21_2025 + NQ21_2025
        # The same registered code with another parameter is the same rule, twice.
        stricter = type(rule)(threshold=Fraction(19, 20))
        with pytest.raises(rules.PackError, match="hai lần"):
            RuleSet("Hai ngưỡng", (rule, stricter))
        # Unregistered rules are told apart by their parameters.
        bare = ShareAboveRule(ratio="tccsd_httnv_tro_len", threshold=Fraction(9, 10))
        with pytest.raises(rules.PackError, match="hai lần"):
            RuleSet("x", (bare, ShareAboveRule("tccsd_httnv_tro_len", Fraction(9, 10))))
        other = ShareAboveRule(ratio="dang_vien_httnv_tro_len", threshold=Fraction(9, 10))
        assert len(RuleSet("x", (bare, other))) == 2

    def test_rules_whose_fields_do_not_hash_are_compared_by_equality(self) -> None:
        """A family used as it is may hold a list: two such rules differ, or are one twice."""
        from attrs import field

        @frozen
        class Listed(Rule[Tally]):
            codes: list[str] = field(factory=list)

            def check(self, subject: Tally) -> RuleResult:
                return self.result(Status.PASS, "Đã xét.")

        assert len(RuleSet("x", (Listed(["dang_vien"]), Listed(["ket_nap"])))) == 2
        with pytest.raises(rules.PackError, match="hai lần"):
            RuleSet("x", (Listed(["ket_nap"]), Listed(["ket_nap"])))

    def test_refusals_name_the_fix_in_vietnamese_and_english(self) -> None:
        """A class for an instance, a lone rule, a bad code or source kind: Vietnamese first."""
        rule = NQ21_2025.rules[0]
        with pytest.raises(RuleDefinitionError) as caught:
            RuleSet("x", (ShareAboveRule,))  # type: ignore[arg-type]
        assert str(caught.value).endswith("hãy tạo quy tắc, viết ShareAboveRule()")
        assert caught.value.message("en").endswith("make the rule: write ShareAboveRule()")
        with pytest.raises(RuleDefinitionError, match=r"viết \(NQ21TccsdHttnv2025Rule\(\),\)"):
            RuleSet("x", rule)  # type: ignore[arg-type]
        with pytest.raises(rules.PackError) as wrong:
            RuleSet("x", (), reads="rolup")  # type: ignore[arg-type]
        assert str(wrong.value) == (
            "reads = 'rolup': phải là một trong rollup, structure, rating, status"
        )
        assert wrong.value.message("en") == (
            "reads = 'rolup': must be one of rollup, structure, rating, status"
        )
        with pytest.raises(rules.PackError) as bad_code:
            RuleSet("x", (), code="Tinh X")
        assert "Tinh X" in bad_code.value.message("en")
        assert "hyphens" in bad_code.value.message("en")

    def test_unreadable_source(self) -> None:
        """No rule of the set reads the source: TypeError."""
        with pytest.raises(TypeError, match="str"):
            NQ21_2025.check("38.356")

    def test_says_which_rules_cannot_read(self) -> None:
        """Charter rules do not read a tally: each says so, none is dropped."""
        report = (NQ21_2025 + DIEU_LE).check(Tally(dang_vien=3))
        assert len(report) == 4 + len(DIEU_LE)
        assert NQ21_2025.codes + DIEU_LE.codes == tuple(r.code for r in report)
        for result in report.results[4:]:
            assert Status.NOT_APPLICABLE == result.status
            assert result.message.endswith("không đọc Tally: không kiểm tra.")
            assert "số liệu nhập" == result.subject.name

    def test_year_outside_period(self) -> None:
        """A year outside a rule's period gives NOT_APPLICABLE."""
        report = NQ21_2025.check(Tally(dang_vien=3), year=2031)
        assert {Status.NOT_APPLICABLE} == {r.status for r in report}

    def test_rollup_levels(self) -> None:
        """On a rollup, targets are checked at the levels that set them, in tree order."""
        tree = OrgTree.build(
            [
                Organization("t", "Đảng bộ tỉnh", OrgKind.DANG_BO_TINH),
                Organization("h", "Đảng bộ huyện", OrgKind.DANG_BO_CAP_TREN_CO_SO, parent_id="t"),
                Organization("a", "Đảng bộ xã A", OrgKind.DANG_BO_CO_SO, parent_id="h"),
            ]
        )
        rollup = Rollup.from_tallies(
            tree,
            {"a": Tally(tccsd_htxsnv=0, tccsd_httnv=1, tccsd_htnv=0, tccsd_khtnv=0)},
            year=2024,
        )
        results = NQ21_2025.check(rollup)["nq21.2025.tccsd_httnv_tro_len"]
        assert [r.subject.id for r in results] == ["t", "h"]
        assert {Status.PASS} == {r.status for r in results}

    def test_quota_per_tccsd_on_rollup(self) -> None:
        """The HTXSNV quota runs at each TCCSĐ of a rollup."""
        tree = OrgTree.build(
            [
                Organization("h", "Đảng bộ huyện", OrgKind.DANG_BO_CAP_TREN_CO_SO),
                Organization("a", "Chi bộ A", OrgKind.CHI_BO_CO_SO, parent_id="h"),
                Organization("b", "Chi bộ B", OrgKind.CHI_BO_CO_SO, parent_id="h"),
            ]
        )
        rollup = Rollup.from_tallies(
            tree,
            {
                "a": Tally(dang_vien_htxsnv=1, dang_vien_httnv=5),
                "b": Tally(dang_vien_htxsnv=2, dang_vien_httnv=5),
            },
        )
        report = rules.QD124.check(rollup)
        assert [(r.subject.id, r.status) for r in report["qd124.htxsnv_quota"]] == [
            ("a", Status.PASS),
            ("b", Status.FAIL),
        ]


class TestReport:
    def test_passed_and_failures(self) -> None:
        """One failure and some missing data: the report does not pass."""
        report = sample_report()
        assert not report.passed
        assert [r.code for r in report.failures()] == ["nq21.2025.tccsd_httnv_tro_len"]

    def test_missing_data_keeps_from_passing(self) -> None:
        """Nothing unknown counts as good."""
        report = NQ21_2025.check(Tally(ket_nap=320, dang_vien_cuoi_nam_truoc=10000))
        assert not report.failures()
        assert not report.passed

    def test_lookup(self) -> None:
        """Results are found by rule code, or by position."""
        report = sample_report()
        assert report[2] is report["nq21.2025.ty_le_ket_nap"][0]
        with pytest.raises(KeyError):
            report["khong_co"]

    def test_a_misspelled_code_lists_the_codes(self) -> None:
        """A code that is not in the report: in Vietnamese, with the codes it has."""
        report = NQ21_2025.check(Tally(ket_nap=320, dang_vien_cuoi_nam_truoc=10000))
        with pytest.raises(KeyError) as caught:
            report["nq21.2025.ty_le_ket_nap_"]
        assert caught.value.args[0] == (
            "báo cáo không có kết quả nào của quy tắc 'nq21.2025.ty_le_ket_nap_'; các mã: "
            "nq21.2025.tccsd_httnv_tro_len, nq21.2025.dang_vien_httnv_tro_len, "
            "nq21.2025.ty_le_ket_nap, nq21.2025.thon_co_dang_vien"
        )

    def test_records(self) -> None:
        """Flat records keep exact values."""
        record = sample_report().to_records()[0]
        assert {
            "code": "nq21.2025.tccsd_httnv_tro_len",
            "status": "fail",
            "observed": Fraction(9, 10),
            "numerator": 9,
            "denominator": 10,
            "gap": 1,
            "target_wording": "trên 90%",
            "subject": "số liệu nhập",
        }.items() <= record.items()

    def test_frame_pandas(self) -> None:
        """to_frame() builds a pandas DataFrame."""
        pytest.importorskip("pandas")
        frame = sample_report().to_frame()
        assert frame.shape == (4, 19)
        assert frame.loc[0, "observed"] == 0.9

    def test_frame_polars(self) -> None:
        """to_frame("polars") builds a polars DataFrame."""
        pytest.importorskip("polars")
        frame = sample_report().to_frame("polars")
        assert frame.shape == (4, 19)

    def test_frame_without_pandas(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Without pandas, the error names the extra to install."""
        monkeypatch.setitem(sys.modules, "pandas", None)
        with pytest.raises(CosoDangError, match=r"coso-dang\[dataframe\]"):
            sample_report().to_frame()

    def test_frame_backend(self) -> None:
        """An unknown backend is a ValueError."""
        with pytest.raises(ValueError, match="backend"):
            sample_report().to_frame("excel")

    def test_str(self) -> None:
        """str() is a Vietnamese summary, one line per result."""
        text = str(sample_report())
        assert text.startswith("Nghị quyết 21-NQ/TW — mục tiêu đến năm 2025: 4 kết quả (")
        assert "- [không đạt] số liệu nhập: " in text
        assert len(text.splitlines()) == 5

    def test_html_escapes(self) -> None:
        """Every text in the HTML table is escaped."""

        @frozen
        class Shouting(Rule[Tally]):
            code: ClassVar[str] = "test.html_escape"
            title: ClassVar[str] = "<b>tiêu đề</b>"
            basis: ClassVar[Basis] = Basis(None, "", 2024, 2024, source="Kế hoạch <x> & y")

            def check(self, subject: Tally) -> RuleResult:
                return self.result(Status.FAIL, "<script>alert(1)</script>")

        html = RuleSet("<tập>", (Shouting(),)).check(Tally())._repr_html_()
        assert "<script>" not in html
        assert "&lt;script&gt;" in html
        assert "&lt;b&gt;tiêu đề&lt;/b&gt;" in html
        assert "Kế hoạch &lt;x&gt; &amp; y" in html
        assert "&lt;tập&gt;" in html

    def test_html_status_colour(self) -> None:
        """A failure is shown in red."""
        assert "color:#cf222e" in sample_report()._repr_html_()

    def test_html_small_report_in_order(self) -> None:
        """A report within the limit shows every row in report order, and no footer."""
        report = sample_report()
        html = report._repr_html_()
        assert 4 == html.count("<tr><td title=")
        assert "<tfoot>" not in html
        titles = [r.rule.title for r in report]
        assert sorted(titles, key=html.index) == titles

    def test_html_cut_at_national_scale(self) -> None:
        """12.410 results: 50 rows, problems first, then a count of the rest by status."""
        report = big_report()
        html = report._repr_html_()
        assert 50 == html.count("<tr><td title=")
        body = html[html.index("<tbody>") : html.index("</tbody>")]
        # 40 failures, then 5 undetermined, then 5 of the 10 missing; no pass shown.
        assert 40 == body.count(">không đạt<")
        assert 5 == body.count(">chưa xác định<")
        assert 5 == body.count(">thiếu số liệu<")
        assert ">đạt<" not in body
        assert body.index("Đơn vị 0 không đạt") < body.index("Đơn vị 39 không đạt")
        assert (
            '<tfoot><tr><td colspan="7">… và 12.360 kết quả khác: 12.345 đạt, '
            "10 không áp dụng, 5 thiếu số liệu.</td></tr></tfoot>"
        ) in html
        assert (
            "<caption>Toàn quốc: 12.410 kết quả (12.345 đạt, 40 không đạt, 10 không áp dụng, "
            "10 thiếu số liệu, 5 chưa xác định)</caption>"
        ) in html

    def test_html_limit(self) -> None:
        """to_html(limit=None) shows everything; a bad limit is the library's error."""
        report = big_report()
        assert 12_410 == report.to_html(limit=None).count("<tr><td title=")
        assert 0 == report.to_html(limit=0).count("<tr><td title=")
        assert "… và 12.410 kết quả khác: 12.345 đạt," in report.to_html(limit=0)
        for bad in (-1, True, 2.5):
            with pytest.raises(RuleParameterError, match=r"Report\.to_html\.limit"):
                report.to_html(limit=bad)  # type: ignore[arg-type]

    def test_str_numbers_in_vietnamese(self) -> None:
        """str() counts with Vietnamese digit groups."""
        assert str(big_report()).startswith("Toàn quốc: 12.410 kết quả (12.345 đạt, 40 không đạt")

    def test_repr(self) -> None:
        """repr() counts results by status."""
        assert repr(sample_report()).startswith("<Report 'Nghị quyết 21-NQ/TW")


class TestNoOrganizationAtTheLevel:
    def test_one_row_says_so(self) -> None:
        """A rollup with no organization at a rule's levels gives one NOT_APPLICABLE row
        per rule, naming the levels, rather than no row at all."""
        tree = OrgTree.build([Organization("x", "Đảng bộ xã X", OrgKind.DANG_BO_CO_SO)])
        rolled = Rollup.from_tallies(tree, {"x": Tally(dang_vien=40, ket_nap=2)}, year=2024)
        report = rules.NQ21_2025.check(rolled)
        assert len(report) == len(rules.NQ21_2025.rules)
        for result in report:
            assert result.status is Status.NOT_APPLICABLE
            assert "Không có tổ chức nào ở cấp áp dụng" in result.message
            assert "đảng bộ trực thuộc Trung ương" in result.message

    def test_the_levels_are_named_from_the_top_down(self) -> None:
        """The levels were listed in code point order and lower case: "(trung ương, đảng
        bộ cấp trên trực tiếp cơ sở, đảng bộ trực thuộc trung ương)", Trung ương, a name,
        in small letters, and the levels in an order neither the hierarchy nor the
        alphabet gives."""
        tree = OrgTree.build([Organization("x", "Đảng bộ xã X", OrgKind.DANG_BO_CO_SO)])
        rolled = Rollup.from_tallies(tree, {"x": Tally(dang_vien=40, ket_nap=2)}, year=2024)
        ranks = {kind.label.casefold(): rank for rank, kind in enumerate(OrgKind)}
        for result in rules.NQ21_2025.check(rolled):
            listed = result.message.partition("(")[2].partition(")")[0].split(", ")
            assert len(listed) > 1
            assert not any("trung ương" in level for level in listed)
            order = [ranks[level.casefold()] for level in listed]
            assert order == sorted(order)


class TestAHookThatReturnsNoResult:
    def test_check_returning_something_else_is_named(self) -> None:
        """A check that forgets to return (None) or returns its sentence: the class is named,
        with what to return, instead of "'NoneType' object has no attribute 'subject'"."""

        @frozen
        class Forgets(Rule[Tally]):
            code: ClassVar[str] = "test.hook.forgets"
            title: ClassVar[str] = "Có đảng viên"
            basis: ClassVar[Basis] = Basis(NQ21, "", 2022, 2025)

            def check(self, subject: Tally) -> RuleResult:
                self.result(Status.PASS, "Có đảng viên.")  # no return
                return None  # type: ignore[return-value]

        with pytest.raises(RuleDefinitionError) as caught:
            RuleSet("x", (Forgets(),)).check(Tally(dang_vien=3))
        assert str(caught.value) == (
            "TestAHookThatReturnsNoResult.test_check_returning_something_else_is_named."
            "<locals>.Forgets.check trả về NoneType, không phải RuleResult: hãy trả về "
            "self.result(trạng thái, câu nhận xét, ...)"
        )


@pytest.mark.parametrize(
    ("year", "message"),
    [
        # Python's "'<' not supported between instances of 'str' and 'int'".
        (
            "2024",
            "RuleSet.check.year = '2024': phải là một năm (int) hoặc None, không phải str: "
            "viết 2024",
        ),
        # "Năm True ngoài thời gian áp dụng".
        (True, "RuleSet.check.year = True: phải là một năm (int) hoặc None, không phải bool"),
        (
            2024.0,
            "RuleSet.check.year = 2024.0: phải là một năm (int) hoặc None, không phải float: "
            "viết 2024",
        ),
    ],
)
def test_a_year_that_is_no_year_is_refused_in_words(year: object, message: str) -> None:
    tally = Tally(tccsd_htxsnv=0, tccsd_httnv=9, tccsd_htnv=1, tccsd_khtnv=0)
    with pytest.raises(RuleParameterError) as caught:
        NQ21_2025.check(tally, year=year)  # type: ignore[arg-type]
    assert str(caught.value) == message
    assert caught.value.message("en") != message
    with pytest.raises(RuleParameterError, match=r"^NQ21TccsdHttnv2025Rule\.check_each\.year"):
        NQ21_2025.rules[0].check_each(tally, year=year)  # type: ignore[arg-type]


def _at_least_half(rule: object, value: Fraction) -> Fraction:
    if value < Fraction(1, 2):
        raise ValueError("phải từ 50% trở lên")
    return value


class TestParameterChecksOfASubclass:
    """A subclass's own check of a field replaced the family's: ``threshold=0.9`` and
    ``Fraction(3, 2)`` were accepted (the first raised AttributeError in ``check``)."""

    @pytest.mark.parametrize(
        ("value", "reason"),
        [
            (
                0.9,
                "phải là int hoặc Fraction (số chính xác), không phải float: viết "
                "Fraction(90, 100)",
            ),
            (Fraction(3, 2), "phải là tỷ lệ từ 0 đến 1"),
            (Fraction(1, 4), "phải từ 50% trở lên"),
        ],
    )
    def test_the_familys_checks_run_before_the_subclasss(self, value: object, reason: str) -> None:
        @frozen
        class Half(ShareAboveRule):
            parameter_checks: ClassVar[dict[str, rules.ParameterCheck]] = {
                "threshold": _at_least_half
            }
            ratio: str = "ty_le_ket_nap"
            threshold: Fraction = Fraction(9, 10)

        with pytest.raises(RuleParameterError) as caught:
            Half(threshold=value)  # type: ignore[arg-type]
        assert caught.value.reason == reason
        assert Half(threshold=Fraction(3, 5)).threshold == Fraction(3, 5)

    def test_a_check_of_no_field_is_refused(self) -> None:
        """ "treshold" checked nothing, silently."""
        with pytest.raises(RuleDefinitionError) as caught:

            @frozen
            class Typo(ShareAboveRule):
                parameter_checks: ClassVar[dict[str, rules.ParameterCheck]] = {
                    "treshold": _at_least_half
                }
                ratio: str = "ty_le_ket_nap"
                threshold: Fraction = Fraction(9, 10)

        assert "<locals>.Typo.parameter_checks kiểm tra 'treshold', mà " in str(caught.value)
        assert str(caught.value).endswith(
            "<locals>.Typo không có tham số này; các tham số: ratio, threshold"
        )
        assert caught.value.message("en") != str(caught.value)


@frozen
class _SaysPass(rules.Rule[Tally]):
    """A rule of one's own whose check builds its result with plain values."""

    code: ClassVar[str] = "test.result.values"
    title: ClassVar[str] = "Có đảng viên"
    basis: ClassVar[Basis] = Basis(NQ21, "", 2022, 2025)
    given: ClassVar[dict[str, object]] = {}

    def check(self, subject: Tally) -> rules.RuleResult:
        values = dict(self.given)
        status = values.pop("status", Status.PASS)
        return self.result(status, "Có đảng viên.", **values)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("given", "message"),
    [
        # KeyError('pass') from the report's counts, far from the rule.
        (
            {"status": "pass"},
            "_SaysPass.check trả về status = 'pass': phải là một Status (như Status.PASS)",
        ),
        (
            {"gap": 3},
            "_SaysPass.check trả về gap = 3: phải là một Gap (số đơn vị và câu nói) hoặc None",
        ),
        (
            {"observed": 0.5},
            "_SaysPass.check trả về observed = 0.5: phải là int, Fraction hoặc None (số chính xác)",
        ),
    ],
)
def test_a_result_of_the_wrong_shape_names_the_rule(given: dict[str, object], message: str) -> None:
    _SaysPass.given = given
    try:
        with pytest.raises(RuleDefinitionError) as caught:
            RuleSet("X", (_SaysPass(),)).check(Tally(dang_vien=3))
    finally:
        _SaysPass.given = {}
    assert str(caught.value) == message
    assert caught.value.message("en") != message


def test_a_count_band_wording_with_other_ends_is_refused() -> None:
    """ "từ 90 - 120 đảng viên" over a band of 90 to 100 printed 110 as "đạt chỉ tiêu mỗi
    năm kết nạp từ 90 - 120 đảng viên, vượt mức trên 100 đảng viên"."""
    with pytest.raises(RuleDefinitionError) as caught:

        @frozen
        class Band(rules.CountAtLeastRule):
            code: ClassVar[str] = "test.wording.count_band"
            title: ClassVar[str] = "Kết nạp"
            basis: ClassVar[Basis] = Basis(NQ21, "", 2022, 2025)
            wording: ClassVar[str] = "mỗi năm kết nạp từ 90 - 120 đảng viên"
            indicator: str = "ket_nap"
            minimum: int = 90
            maximum: int = attrs.field(default=100, kw_only=True)

    assert str(caught.value).endswith(
        "nói 120, mà maximum mặc định là 100: hãy viết maximum = 120, hoặc sửa wording"
    )
    assert caught.value.message("en") != str(caught.value)

    @frozen
    class Kept(rules.CountAtLeastRule):
        code: ClassVar[str] = "test.wording.count_band_kept"
        title: ClassVar[str] = "Kết nạp"
        basis: ClassVar[Basis] = Basis(NQ21, "", 2022, 2025)
        wording: ClassVar[str] = "nhiệm kỳ 2020 - 2025 mỗi năm kết nạp từ 1.500 - 2.000 đảng viên"
        indicator: str = "ket_nap"
        minimum: int = 1500
        maximum: int = attrs.field(default=2000, kw_only=True)

    assert Kept().target().wording.endswith("từ 1.500 - 2.000 đảng viên")
