"""Party dues under Quy định 01-QĐ/TW (2026): golden table by hand, privacy, the CSV book."""

from __future__ import annotations

from datetime import date
from fractions import Fraction
from pathlib import Path
from typing import Any

import attrs
import pytest

from coso_dang import Member
from coso_dang.errors import CosoDangError, RecordError
from coso_dang.members import InactivePeriod
from coso_dang.operations import (
    DuesCategory,
    DuesExemption,
    DuesProfile,
    DuesRules,
    Payment,
    dues_statement,
    monthly_dues,
    read_payments,
    read_profiles,
)

d = date


ADMITTED = date(2005, 1, 10)


def member(mid: str, admitted: date = ADMITTED) -> Member:
    return Member(mid, f"Đảng viên {mid}", "cb1", admitted_on=admitted)


C = DuesCategory


class TestMonthly:
    @pytest.mark.parametrize(
        ("profile", "month", "amount", "exemption"),
        [
            # 1% of the previous month's insured salary of 8.450.000 đ.
            (DuesProfile("S", C.BAO_HIEM, income=8_450_000), d(2026, 3, 1), 84_500, None),
            # 1% of a maternity benefit.
            (DuesProfile("S", C.OM_DAU_THAI_SAN, income=6_000_000), d(2026, 3, 1), 60_000, None),
            # 0,5% of a pension of 6.235.001 đ = 31.175,005 đ → 31.175 đ (half up).
            (DuesProfile("S", C.HUU_TRI, income=6_235_001), d(2026, 3, 1), 31_175, None),
            # A student: 5.000 đ.
            (DuesProfile("S", C.HOC_SINH), d(2026, 3, 1), 5_000, None),
            # Abroad on a state post: 1% of the allowance.
            (
                DuesProfile("S", C.NUOC_NGOAI_SINH_HOAT_PHI, income=30_000_000),
                d(2026, 3, 1),
                300_000,
                None,
            ),
            # Abroad, other cases: the amount set, within 30.000–400.000 đ.
            (DuesProfile("S", C.NUOC_NGOAI_KHAC, amount=200_000), d(2026, 3, 1), 200_000, None),
            # Other members: the rate is not found, so the amount is unknown without one.
            (DuesProfile("S", C.KHAC), d(2026, 3, 1), None, None),
            # No income recorded: unknown, never zero.
            (DuesProfile("S", C.BAO_HIEM), d(2026, 3, 1), None, None),
            # A near-poor household is exempt.
            (
                DuesProfile("S", C.BAO_HIEM, income=5_000_000, exemption=DuesExemption.HO_NGHEO),
                d(2026, 3, 1),
                0,
                DuesExemption.HO_NGHEO,
            ),
            # 50% off from 2/2026 to 4/2026: 100.000 → 50.000 in March, 100.000 in May.
            (
                DuesProfile(
                    "S",
                    C.BAO_HIEM,
                    income=10_000_000,
                    reduction=Fraction(1, 2),
                    reduction_from=d(2026, 2, 1),
                    reduction_until=d(2026, 4, 1),
                ),
                d(2026, 3, 1),
                50_000,
                None,
            ),
            (
                DuesProfile(
                    "S",
                    C.BAO_HIEM,
                    income=10_000_000,
                    reduction=Fraction(7, 10),
                    reduction_from=d(2026, 2, 1),
                    reduction_until=d(2026, 4, 1),
                ),
                d(2026, 5, 1),
                100_000,
                None,
            ),
        ],
    )
    def test_golden(
        self,
        profile: DuesProfile,
        month: date,
        amount: int | None,
        exemption: DuesExemption | None,
    ) -> None:
        """Each category's monthly amount, from the regulation's figures."""
        line = monthly_dues(member("S"), profile, month)
        assert (line.amount, line.exemption) == (amount, exemption)

    def test_fifty_years_of_party_age(self) -> None:
        """Admitted 2/3/1976: 50 years on 2/3/2026, so March is paid and April is not."""
        veteran = member("V", d(1976, 3, 2))
        profile = DuesProfile("V", C.HUU_TRI, income=5_000_000)
        march = monthly_dues(veteran, profile, d(2026, 3, 1))
        april = monthly_dues(veteran, profile, d(2026, 4, 1))
        assert (march.amount, april.amount, april.exemption) == (25_000, 0, DuesExemption.TUOI_DANG)

    def test_rounding_parameter(self) -> None:
        """The rounding rule is a parameter: floor to 1.000 đ."""
        rules = DuesRules(rounding="floor", step=1_000)
        line = monthly_dues(member("S"), DuesProfile("S", C.BAO_HIEM, income=8_450_000),
                            d(2026, 3, 1), rules)  # fmt: skip
        assert line.amount == 84_000
        assert DuesRules(rounding="ceil").round(Fraction(1, 3)) == 1

    @pytest.mark.parametrize(
        ("name", "value"),
        [
            ("rounding", "Floor"),
            ("rounding", "round"),
            ("step", 0),
            ("step", -1000),
            ("step", 1.5),
            ("unpaid_months", 0),
            ("unpaid_months", 13),
            ("reduction_months", 0),
            ("unpaid_months", True),
            # 0 years of party age exempted every member, a probationary one too.
            ("exempt_party_years", 0),
            # A negative rate owed negative dues; a rate above 100% more than the income.
            ("rates", {C.BAO_HIEM: Fraction(-1, 100)}),
            ("rates", {C.HUU_TRI: Fraction(3, 2)}),
            ("fixed", {C.HOC_SINH: -5_000}),
            # The range the wrong way round refused every amount abroad.
            ("abroad_range", (400_000, 30_000)),
            ("abroad_range", (-1, 30_000)),
            ("reductions", {Fraction(0), Fraction(1, 2)}),
            ("reductions", {Fraction(1)}),
        ],
    )
    def test_rules_refuse_impossible_parameters(self, name: str, value: object) -> None:
        """A rounding not among half_up, floor and ceil rounded half up without a word
        ("Floor": 9,5 đ became 10); a step of 0 divided by zero; 0 months unpaid made
        every member a removal candidate."""
        with pytest.raises(ValueError, match=name):
            DuesRules(**{name: value})  # type: ignore[arg-type]

    @pytest.mark.parametrize(
        ("profile", "field"),
        [
            (
                DuesProfile("S", C.BAO_HIEM, income=1, reduction=Fraction(2, 5),
                            reduction_from=d(2026, 2, 1), reduction_until=d(2026, 3, 1)),
                "reduction",
            ),
            (
                DuesProfile("S", C.BAO_HIEM, income=1, reduction=Fraction(1, 2),
                            reduction_from=d(2026, 2, 1), reduction_until=d(2027, 2, 1)),
                "reduction_until",
            ),
            (DuesProfile("S", C.NUOC_NGOAI_KHAC, amount=20_000), "amount"),
        ],
    )  # fmt: skip
    def test_profile_against_rules(self, profile: DuesProfile, field: str) -> None:
        """A reduction not allowed, longer than 12 months, or an abroad amount out of
        range; the amount and the reduction (a hardship) are not quoted."""
        with pytest.raises(RecordError) as caught:
            monthly_dues(member("S"), profile, d(2026, 3, 1))
        assert caught.value.problem.field == field
        assert "20000" not in str(caught.value)
        assert "2/5" not in str(caught.value)

    def test_fifty_years_is_read_not_set(self) -> None:
        """A profile saying "từ 50 năm tuổi đảng" exempted a member admitted 5/1/2015
        (11 years of party age in 2026): 0 đ, "miễn đóng (từ 50 năm tuổi đảng trở lên)".
        The party age comes from the record; the profile is refused, the income not
        quoted; from the CSV book, the row is a problem naming the column."""
        with pytest.raises(RecordError) as caught:
            DuesProfile("S", C.BAO_HIEM, income=9_000_000, exemption=DuesExemption.TUOI_DANG)
        assert caught.value.problem.field == "exemption"
        assert "9000000" not in str(caught.value)
        assert caught.value.message("en") == (
            "DuesProfile: exemption: the exemption for party age is read from the admission "
            "date, not written in the dues profile"
        )

    def test_fifty_years_in_the_book(self, tmp_path: Path) -> None:
        """The CSV dues book with "Miễn" = tuoi_dang: the row is not read, and said why."""
        book = tmp_path / "dang_phi.csv"
        book.write_text("Mã,Đối tượng,Thu nhập,Miễn\nS,bao_hiem,9000000,tuoi_dang\n")
        profiles, problems = read_profiles(book)
        assert profiles == []
        assert [p.split(": ", 1)[0] for p in problems] == ["dang_phi.csv, dòng 2, cột Miễn"]

    def test_a_reduction_outside_zero_and_one_is_not_quoted(self) -> None:
        with pytest.raises(RecordError, match="phải là tỷ lệ giữa 0 và 1") as caught:
            DuesProfile("S", C.HUU_TRI, reduction=Fraction(3, 2), reduction_from=d(2026, 3, 1),
                        reduction_until=d(2026, 4, 1))  # fmt: skip
        assert "3/2" not in str(caught.value)

    def test_income_never_shown(self) -> None:
        """Income is in no repr and no error."""
        profile = DuesProfile("S", C.BAO_HIEM, income=8_451_234)
        assert "8451234" not in repr(profile)
        assert "84512" not in repr(monthly_dues(member("S"), profile, d(2026, 3, 1)))
        with pytest.raises(RecordError) as caught:
            DuesProfile("S", C.BAO_HIEM, income=-8_451_234)
        assert "8451234" not in str(caught.value)
        with pytest.raises(RecordError, match="cần ghi tháng bắt đầu"):
            DuesProfile("S", C.BAO_HIEM, reduction=Fraction(1, 2))

    def test_reduction_months_the_wrong_way_round(self) -> None:
        """A reduction "từ tháng 6 đến tháng 3/2026" is refused (it never applied).

        01-QĐ/TW: a reduction (30%, 50%, 70%) is granted for a span of months, up to
        12 at a time; a span ending before it starts covers no month, so the member
        was silently charged in full.
        """
        with pytest.raises(RecordError) as caught:
            DuesProfile(
                "S",
                C.HUU_TRI,
                income=6_000_000,
                reduction=Fraction(1, 2),
                reduction_from=d(2026, 6, 1),
                reduction_until=d(2026, 3, 1),
            )
        assert caught.value.problem.field == "reduction_until"
        assert "2026" not in str(caught.value)
        one_month = DuesProfile(
            "S",
            C.HUU_TRI,
            income=6_000_000,
            reduction=Fraction(1, 2),
            reduction_from=d(2026, 3, 1),
            reduction_until=d(2026, 3, 31),
        )
        assert monthly_dues(member("S"), one_month, d(2026, 3, 1)).amount == 15_000


class TestStatement:
    def test_first_half_of_2026(self) -> None:
        """February–June 2026 (01-QĐ/TW applies from February)."""
        members = [member("S1"), member("S3"), member("S6"), member("S8"), member("S9")]
        profiles = [
            DuesProfile("S1", C.BAO_HIEM, income=8_450_000),
            DuesProfile("S3", C.HOC_SINH),
            DuesProfile("S6", C.BAO_HIEM, income=4_000_000, exemption=DuesExemption.HO_NGHEO),
            DuesProfile("S8", C.KHAC),
            DuesProfile("S9", C.BAO_HIEM, income=5_000_000),
        ]
        payments = [Payment("S1", d(2026, m, 1), 84_500) for m in range(2, 7)]
        payments += [Payment("S3", d(2026, m, 15), 5_000) for m in (2, 3, 4, 5)]
        payments += [Payment("S9", d(2026, m, 1), 50_000) for m in (2, 3)]
        payments.append(Payment("S9", d(2025, 12, 1), 50_000))  # another year
        result = dues_statement(members, profiles, payments, 2026, through=d(2026, 6, 30))
        got = [
            (r.member.id, r.last_amount, r.due, r.paid, r.arrears, r.unpaid_months,
             r.removal_candidate)
            for r in result.rows
        ]  # fmt: skip
        assert got == [
            ("S1", 84_500, 422_500, 422_500, 0, 0, False),
            ("S3", 5_000, 25_000, 20_000, 5_000, 1, False),
            ("S6", 0, 0, 0, 0, 0, False),
            # No amount set, nothing paid: 5 months unpaid, whatever the amount.
            ("S8", None, None, 0, None, 5, True),
            ("S9", 50_000, 250_000, 100_000, 150_000, 3, True),
        ]
        assert [r.member.id for r in result.removal_candidates] == ["S8", "S9"]
        text = result.text()
        assert "Đồng chí Đảng viên S3: 5.000 đ/tháng; còn nợ 5.000 đ." in text
        assert "3 tháng không nộp — diện xem xét xóa tên" in text
        assert "miễn đóng (hộ nghèo, cận nghèo)" in text
        assert "chưa xác định được mức đóng" in text
        assert "8450000" not in str(result.records()) + text
        assert repr(result.rows[0]) == "DuesRow(member=Member(id='S1', full_name='Đảng viên S1'))"
        assert "84500" not in repr(result)
        assert list(result.to_frame()["Mã"]) == ["S1", "S3", "S6", "S8", "S9"]

    def test_unknown_amount_unpaid_is_not_zero(self) -> None:
        """01-QĐ/TW: every member not exempt pays; the amount being unknown (no income
        recorded) does not make a month with nothing paid a paid one. Feb–Apr 2026,
        nothing paid: 3 months, a removal candidate. Paid each month: none. No profile
        at all: whether the member is exempt is unknown, so no month is counted."""
        members = [member("U1"), member("U2"), member("U3")]
        profiles = [DuesProfile("U1", C.BAO_HIEM), DuesProfile("U2", C.HUU_TRI)]
        payments = [Payment("U2", d(2026, m, 1), 20_000) for m in (2, 3, 4)]
        result = dues_statement(members, profiles, payments, 2026, through=d(2026, 4, 30))
        got = [(r.member.id, r.due, r.unpaid_months, r.removal_candidate) for r in result.rows]
        assert got == [("U1", None, 3, True), ("U2", None, 0, False), ("U3", None, 0, False)]
        assert (
            "Đồng chí Đảng viên U1: chưa xác định được mức đóng; 3 tháng không nộp" in result.text()
        )

    def test_transferred_in_during_the_year(self) -> None:
        """A member transferred out of another province's chi bộ on 1/6/2026 and in here
        on 12/6/2026 paid February–May there: here the dues run from June. Through
        August, June–August paid: nothing owed, no month unpaid. Without the events the
        record alone makes February–May unpaid here (4 months: a removal candidate)."""
        from coso_dang.history import History, MemberEvent, MemberEventKind, TransferScope

        moved = member("T1", d(2000, 1, 1))
        stayed = member("T2", d(2000, 1, 1))
        out = MemberEvent(
            "T1", MemberEventKind.CHUYEN_DI, d(2026, 6, 1), org_id="cbx",
            other_org_id="cb1", scope=TransferScope.TINH_KHAC,
        )  # fmt: skip
        arrival = MemberEvent(
            "T1", MemberEventKind.CHUYEN_DEN, d(2026, 6, 12), org_id="cb1",
            other_org_id="cbx", scope=TransferScope.TINH_KHAC,
        )  # fmt: skip
        history = History([moved, stayed], [out, arrival])
        assert history.problems() == ()
        profiles = [DuesProfile(m, C.BAO_HIEM, income=5_000_000) for m in ("T1", "T2")]
        payments = [Payment(m, d(2026, n, 1), 50_000) for m in ("T1", "T2") for n in (6, 7, 8)]
        args = ([moved, stayed], profiles, payments, 2026)
        result = dues_statement(*args, through=d(2026, 8, 31), history=history)
        got = [(r.member.id, r.due, r.paid, r.unpaid_months, r.removal_candidate)
               for r in result.rows]  # fmt: skip
        # T2 has no events: its record says here since 2000, February–May unpaid.
        assert got == [("T1", 150_000, 150_000, 0, False), ("T2", 350_000, 150_000, 4, True)]
        # The member's spans elsewhere are not this office's: listed alone, same answer.
        alone = dues_statement([moved], profiles, payments, 2026, through=d(2026, 8, 31),
                               history=history)  # fmt: skip
        assert alone.rows[0].due == 150_000

    def test_events_naming_a_merged_chi_bo(self) -> None:
        """Events that end in a chi bộ since merged into this one (its old id, the
        record naming the new): the member is here, owing February–April 2026, nothing
        paid (the months were not owed at all, read as a stay elsewhere)."""
        from coso_dang.history import History, MemberEvent, MemberEventKind, TransferScope

        here = member("T3", d(2000, 1, 1))
        arrival = MemberEvent(
            "T3", MemberEventKind.CHUYEN_DEN, d(2024, 3, 1), org_id="cu",
            other_org_id="xa", scope=TransferScope.TINH_KHAC,
        )  # fmt: skip
        history = History([here], [arrival], mapping={"cu": "cb1"})
        profile = DuesProfile("T3", C.BAO_HIEM, income=5_000_000)
        result = dues_statement([here], [profile], [], 2026, through=d(2026, 4, 30),
                                history=history)  # fmt: skip
        row = result.rows[0]
        assert (row.due, row.unpaid_months, row.removal_candidate) == (150_000, 3, True)

    def test_rules_in_force_from_a_day_inside_the_month(self) -> None:
        """01-QĐ/TW was signed on 3/2/2026 and applies from February 2026. Given as the
        signing day, the first month is still February: a member on 1% of 8.450.000 đ
        who paid 84.500 đ for each month February–December owes 11 × 84.500 = 929.500 đ,
        has paid it, and has no month unpaid (the months ran 3/2, 3/3, … and matched no
        payment: 10 months unpaid, a removal candidate)."""
        rules = DuesRules(in_force_from=d(2026, 2, 3))
        assert rules.in_force_from == d(2026, 2, 1)
        profile = DuesProfile("S1", C.BAO_HIEM, income=8_450_000)
        payments = [Payment("S1", d(2026, m, 1), 84_500) for m in range(2, 13)]
        result = dues_statement([member("S1")], [profile], payments, 2026, rules=rules)
        row = result.rows[0]
        assert (row.due, row.paid, row.unpaid_months, row.removal_candidate) == (
            929_500,
            929_500,
            0,
            False,
        )

    def test_income_and_category_changing_in_the_year(self) -> None:
        """01-QĐ/TW: 1% of the previous month's insured salary, 0,5% of a pension. S1 is
        insured on 8.000.000 đ and on 10.000.000 đ from July 2026: February–June 5 ×
        80.000 = 400.000 đ, July–December 6 × 100.000 = 600.000 đ, 1.000.000 đ in all,
        paid month by month. S2 is insured on 6.000.000 đ (60.000 đ) and retires in
        September on a pension of 6.000.000 đ (30.000 đ): 7 × 60.000 + 4 × 30.000 =
        540.000 đ; paying the old 60.000 đ each month overpays but leaves no month unpaid.
        With one profile a year, either income stood for the whole year."""
        profiles = [
            DuesProfile("S1", C.BAO_HIEM, income=8_000_000),
            DuesProfile("S1", C.BAO_HIEM, income=10_000_000, valid_from=d(2026, 7, 15)),
            DuesProfile("S2", C.BAO_HIEM, income=6_000_000, valid_from=d(2026, 1, 1)),
            DuesProfile("S2", C.HUU_TRI, income=6_000_000, valid_from=d(2026, 9, 1)),
        ]
        payments = [Payment("S1", d(2026, m, 1), 80_000 if m < 7 else 100_000)
                    for m in range(2, 13)]  # fmt: skip
        payments += [Payment("S2", d(2026, m, 1), 60_000) for m in range(2, 13)]
        result = dues_statement([member("S1"), member("S2")], profiles, payments, 2026)
        got = [(r.member.id, r.category, r.last_amount, r.due, r.paid, r.unpaid_months)
               for r in result.rows]  # fmt: skip
        assert got == [
            ("S1", C.BAO_HIEM, 100_000, 1_000_000, 1_000_000, 0),
            ("S2", C.HUU_TRI, 30_000, 540_000, 660_000, 0),
        ]
        # Through June, S1's July raise is not yet in force.
        june = dues_statement([member("S1")], profiles, payments, 2026, through=d(2026, 6, 1))
        assert (june.rows[0].last_amount, june.rows[0].due) == (80_000, 400_000)
        # Two profiles of one member from the same month are refused, as before.
        with pytest.raises(RecordError):
            dues_statement([member("S1")], [*profiles, profiles[1]], [], 2026)

    def test_before_the_rules(self) -> None:
        """01-QĐ/TW does not apply to 2025."""
        with pytest.raises(ValueError, match="áp dụng từ tháng 02/2026") as raised:
            dues_statement([], [], [], 2025)
        assert isinstance(raised.value, CosoDangError)
        assert raised.value.message("en") == "the dues rules apply from 02/2026, not to 12/2025"


class TestCsv:
    def test_a_row_per_change_of_income(self, tmp_path: Path) -> None:
        """The column "Từ tháng" gives the first month of a row: a member whose salary changes in
        July has two rows; a third from July again is a problem on its row."""
        path = tmp_path / "dang_phi.csv"
        path.write_text(
            "Mã,Đối tượng,Thu nhập,Từ tháng\n"
            "dv1,bao_hiem,8.000.000,\n"
            "dv1,bao_hiem,10.000.000,7/2026\n"
            "dv1,bao_hiem,12.000.000,07/2026\n",
            encoding="utf-8",
        )
        profiles, problems = read_profiles(path)
        assert [(p.member_id, p.income, p.valid_from) for p in profiles] == [
            ("dv1", 8_000_000, None),
            ("dv1", 10_000_000, d(2026, 7, 1)),
        ]
        [problem] = problems
        assert "dòng 4" in problem
        assert "12.000.000" not in problem
        assert "12000000" not in problem

    def test_read(self, tmp_path: Path) -> None:
        """Both files read; a bad row is a named problem without its value."""
        profiles = tmp_path / "dang_phi.csv"
        profiles.write_text(
            "Mã,Đối tượng,Thu nhập,Mức đóng,Miễn,Giảm,Giảm từ,Giảm đến\n"
            "dv1,Đóng bảo hiểm xã hội bắt buộc,8.450.000,,,,,\n"
            "dv2,hoc_sinh,,,,,,\n"
            "dv3,Hưởng lương hưu,6000000,,,50%,2/2026,4/2026\n"
            "dv4,bao_hiem,8 triệu,,,,,\n"
            "dv5,không có,,,,,,\n",
            encoding="utf-8",
        )
        records, problems = read_profiles(profiles)
        assert [r.member_id for r in records] == ["dv1", "dv2", "dv3"]
        assert records[2].reduction == Fraction(1, 2)
        assert problems[0].startswith("dang_phi.csv, dòng 5, cột Thu nhập")
        assert "8 triệu" not in " ".join(problems)
        assert problems[1].startswith("dang_phi.csv, dòng 6, cột Đối tượng")
        paid = tmp_path / "da_nop.csv"
        paid.write_text("Mã,Tháng,Số tiền\ndv1,3/2026,84.500\ndv1,13/2026,1\n", encoding="utf-8")
        payments, problems = read_payments(paid)
        assert [(p.month, p.amount) for p in payments] == [(d(2026, 3, 1), 84_500)]
        assert problems == ["da_nop.csv, dòng 3, cột Tháng: tháng hoặc năm không có thật"]


class TestMoneyCells:
    """An amount is whole đồng (DuesProfile, Payment); the cell is read, never guessed."""

    @pytest.mark.parametrize(
        ("cell", "amount"),
        [
            ("6235001", 6_235_001),
            ("6.235.001", 6_235_001),  # Vietnamese thousands
            ("6.235.001,00", 6_235_001),  # a zero decimal part, as Excel in Vietnamese
            ("6,235,001", 6_235_001),  # thousands by commas, as Excel in English
            ("84.500 đ", 84_500),
            ("1.000", 1_000),
        ],
    )
    def test_read(self, tmp_path: Path, cell: str, amount: int) -> None:
        """Each way of writing the same whole amount gives it."""
        paid = tmp_path / "da_nop.csv"
        paid.write_text(f'Mã,Tháng,Số tiền\ndv1,3/2026,"{cell}"\n', encoding="utf-8")
        payments, problems = read_payments(paid)
        assert (problems, [p.amount for p in payments]) == ([], [amount])

    @pytest.mark.parametrize("cell", ["6235001.00", "6.235.001,50", "6235001,5", "1,000.00"])
    def test_refused(self, tmp_path: Path, cell: str) -> None:
        """A decimal point or a non-zero decimal part is refused, naming the cell only:
        every separator was dropped, so 6235001.00 read as 623.500.100 đ (100 times)."""
        book = tmp_path / "dang_phi.csv"
        book.write_text(f'Mã,Đối tượng,Thu nhập\ndv1,bao_hiem,"{cell}"\n', encoding="utf-8")
        records, problems = read_profiles(book)
        assert records == []
        assert len(problems) == 1
        assert problems[0].startswith("dang_phi.csv, dòng 2, cột Thu nhập: ")
        assert cell not in problems[0]
        assert "6235001" not in problems[0].replace(".", "")


@pytest.mark.parametrize(
    ("cell", "month"),
    [
        ("3/2026", date(2026, 3, 1)),
        ("15/3/2026", date(2026, 3, 1)),
        ("2026-03", date(2026, 3, 1)),  # a month cell exported year first
        ("2026-03-01", date(2026, 3, 1)),  # a date cell exported year first
        ("2026-11-30", date(2026, 11, 1)),
        ("2026-3", date(2026, 3, 1)),
    ],
)
def test_months_written_year_first(tmp_path: Path, cell: str, month: date) -> None:
    """A spreadsheet writes a month or date cell year first (2026-03-01): each such row
    was refused as "tháng hoặc năm không có thật" (read as month 3 of year 1)."""
    paid = tmp_path / "da_nop.csv"
    paid.write_text(f"Mã,Tháng,Số tiền\ndv1,{cell},5000\n", encoding="utf-8")
    payments, problems = read_payments(paid)
    assert (problems, [p.month for p in payments]) == ([], [month])


@pytest.mark.parametrize("cell", ["2026-13", "2026-02-30", "2026-03-99", "0999-03"])
def test_months_written_year_first_that_do_not_exist(tmp_path: Path, cell: str) -> None:
    """Year first too, a month or a day that does not exist is refused, naming the cell."""
    paid = tmp_path / "da_nop.csv"
    paid.write_text(f"Mã,Tháng,Số tiền\ndv1,{cell},5000\n", encoding="utf-8")
    payments, problems = read_payments(paid)
    assert payments == []
    assert problems == ["da_nop.csv, dòng 2, cột Tháng: tháng hoặc năm không có thật"]


@pytest.mark.parametrize(
    ("cell", "reason"),
    [
        ("31/2/2026", "tháng hoặc năm không có thật"),
        ("29/2/2026", "tháng hoặc năm không có thật"),
        ("45/3/2026", "tháng hoặc năm không có thật"),
        ("0/3/2026", "tháng hoặc năm không có thật"),
        ("x/3/2026", "cần tháng/năm, ví dụ 3/2026"),
        ("/3/2026", "cần tháng/năm, ví dụ 3/2026"),
    ],
)
def test_months_written_as_a_day_that_does_not_exist(
    tmp_path: Path, cell: str, reason: str
) -> None:
    """A month may be written as a day of it (1/3/2026), but only a day it has: the
    day's part was dropped unread, so "31/2/2026" was February and "x/3/2026" March,
    where "2026-02-31" is refused. 29/2 of a leap year is a day of February."""
    paid = tmp_path / "da_nop.csv"
    paid.write_text(f"Mã,Tháng,Số tiền\ndv1,{cell},5000\ndv2,29/2/2028,5000\n", encoding="utf-8")
    payments, problems = read_payments(paid)
    assert [(p.member_id, p.month) for p in payments] == [("dv2", date(2028, 2, 1))]
    assert problems == [f"da_nop.csv, dòng 2, cột Tháng: {reason}"]


def test_statement_through_a_month_of_another_year_is_refused() -> None:
    """The statement of 2026 "through 31/3/2027" counted January–March 2027 unpaid
    (payments are read for 2026 only) and was titled "đến tháng 3/2026": a student who
    paid 5.000 đ for every month from February to December 2026 became a removal
    candidate. A last month outside the year is refused, in Vietnamese."""
    payments = [Payment("S", d(2026, m, 1), 5_000) for m in range(2, 13)]
    profile = DuesProfile("S", C.HOC_SINH)
    whole = dues_statement([member("S")], [profile], payments, 2026, through=d(2026, 12, 31))
    assert (whole.rows[0].due, whole.rows[0].paid, whole.rows[0].unpaid_months) == (
        55_000,
        55_000,
        0,
    )
    for through, month in ((d(2027, 3, 31), "03/2027"), (d(2025, 12, 31), "12/2025")):
        with pytest.raises(ValueError, match=f"tháng {month} không thuộc năm 2026") as raised:
            dues_statement([member("S")], [profile], payments, 2026, through=through)
        assert isinstance(raised.value, CosoDangError)
        assert raised.value.message("en") == (
            f"month {month} is not in the year 2026 of the dues statement"
        )


def test_no_dues_for_the_months_before_a_re_admission() -> None:
    """A student admitted 1/1/1990, removed in 2020 and re-admitted on 1/6/2026 keeps
    the first admission with the gap up to 1/6/2026 (party age counts without it): the
    months February–May 2026 are not months of party life, so no dues are owed for
    them and none is unpaid. Paid June–December: 7 × 5.000 đ, nothing owed, not a
    removal candidate. Re-admitted on 15/6/2026, June is a month on the rolls again."""
    gap = InactivePeriod(d(2020, 1, 1), d(2026, 6, 1))
    back = Member("S", "Đảng viên S", "cb1", admitted_on=d(1990, 1, 1), inactive_periods=[gap])
    profile = DuesProfile("S", C.HOC_SINH)
    payments = [Payment("S", d(2026, m, 1), 5_000) for m in range(6, 13)]
    [row] = dues_statement([back], [profile], payments, 2026).rows
    assert (row.due, row.paid, row.unpaid_months, row.removal_candidate) == (
        35_000,
        35_000,
        0,
        False,
    )
    mid_june = attrs.evolve(back, inactive_periods=[InactivePeriod(d(2020, 1, 1), d(2026, 6, 15))])
    [row] = dues_statement([mid_june], [profile], payments, 2026).rows
    assert (row.due, row.unpaid_months) == (35_000, 0)
    # Two gaps that touch cover the months between as one.
    two = attrs.evolve(
        back,
        inactive_periods=[
            InactivePeriod(d(2020, 1, 1), d(2026, 3, 10)),
            InactivePeriod(d(2026, 3, 10), d(2026, 6, 1)),
        ],
    )
    [row] = dues_statement([two], [profile], payments, 2026).rows
    assert (row.due, row.unpaid_months) == (35_000, 0)


def test_a_member_with_two_profiles_is_refused(tmp_path: Path) -> None:
    """One profile per member: given a second (an exemption for a poor household, then
    an insured salary), the statement kept the last and charged 1% of the salary without
    a word. The statement refuses it, the income not quoted; the book's reader names
    the later row and keeps the first."""
    profiles = [
        DuesProfile("S", C.BAO_HIEM, income=4_000_000, exemption=DuesExemption.HO_NGHEO),
        DuesProfile("S", C.BAO_HIEM, income=8_450_000),
    ]
    with pytest.raises(RecordError) as caught:
        dues_statement([member("S")], profiles, [], 2026)
    assert "'S'" in str(caught.value)
    assert "8450000" not in str(caught.value)
    assert caught.value.message("en").endswith("the member already has a dues profile")
    book = tmp_path / "dang-phi.csv"
    book.write_text(
        "Mã,Đối tượng,Thu nhập,Miễn\nS,bao_hiem,4.000.000,ho_ngheo\nS,bao_hiem,8.450.000,\n",
        encoding="utf-8",
    )
    read, problems = read_profiles(book)
    assert [(p.member_id, p.exemption) for p in read] == [("S", DuesExemption.HO_NGHEO)]
    [problem] = problems
    assert problem.startswith("dang-phi.csv, dòng 3, cột Mã: ")
    assert "8.450.000" not in problem


def test_months_given_as_datetimes_are_months() -> None:
    """Months read by pandas or from a spreadsheet come as datetimes. A student paying
    5.000 đ each month February–December 2026, the months given as datetimes, paid
    nothing by the statement (a datetime is never equal to the month's date): 11 months
    unpaid, a removal candidate. A reduction of 50% for March–May given as datetimes
    raised TypeError. Both read as the months they are."""
    from datetime import datetime

    profile = DuesProfile("S", C.HOC_SINH)
    payments = [Payment("S", datetime(2026, m, 1, 9, 30), 5_000) for m in range(2, 13)]
    assert payments[0].month == d(2026, 2, 1)
    through = datetime(2026, 12, 31, 23, 59)
    [row] = dues_statement([member("S")], [profile], payments, 2026, through=through).rows
    assert (row.due, row.paid, row.unpaid_months, row.removal_candidate) == (
        55_000,
        55_000,
        0,
        False,
    )
    halved = DuesProfile(
        "S",
        C.HUU_TRI,
        income=6_000_000,
        reduction=Fraction(1, 2),
        reduction_from=datetime(2026, 3, 1),
        reduction_until=datetime(2026, 5, 1),
    )
    assert monthly_dues(member("S"), halved, datetime(2026, 4, 15)).amount == 15_000
    assert monthly_dues(member("S"), halved, d(2026, 6, 1)).amount == 30_000


class TestPersonalValuesNotQuoted:
    """An amount (the income's share), a reduction (granted for a hardship) are personal:
    a profile the rules refuse is named by member and field, its value never quoted."""

    @pytest.mark.parametrize(
        ("profile", "field", "secret"),
        [
            (DuesProfile("dv1", DuesCategory.NUOC_NGOAI_KHAC, amount=987_654), "amount", "987"),
            (
                DuesProfile(
                    "dv1", DuesCategory.BAO_HIEM, income=8_765_432, reduction=Fraction(2, 5),
                    reduction_from=date(2026, 3, 1), reduction_until=date(2026, 4, 1),
                ),
                "reduction",
                "2/5",
            ),
        ],
    )  # fmt: skip
    def test_a_refused_profile_quotes_no_value(
        self, profile: DuesProfile, field: str, secret: str
    ) -> None:
        member = Member("dv1", "Lê Văn An", "cb", admitted_on=date(2010, 1, 1))
        for call in (
            lambda: monthly_dues(member, profile, date(2026, 3, 1)),
            lambda: dues_statement([member], [profile], [], 2026),
        ):
            with pytest.raises(RecordError) as caught:
                call()
            error = caught.value
            assert (error.problem.where, error.problem.field) == ("DuesProfile 'dv1'", field)
            for text in (str(error), repr(error), error.message("en"), repr(error.problem)):
                assert secret not in text
                assert "40%" not in text
                assert "8765432" not in text

    def test_a_reduction_out_of_range_is_not_quoted(self) -> None:
        with pytest.raises(RecordError) as caught:
            DuesProfile(
                "dv1", DuesCategory.BAO_HIEM, reduction=Fraction(7, 3),
                reduction_from=date(2026, 3, 1), reduction_until=date(2026, 4, 1),
            )  # fmt: skip
        assert "7/3" not in str(caught.value)
        assert "7/3" not in repr(caught.value.problem)


def test_members_off_the_rolls_in_every_month_have_no_row() -> None:
    """Statement of February–April 2026. A member transferred out on 1/6/2025, one who
    died on 1/2/2026 (the first month counted, not a day of it on the rolls), one
    admitted on 5/6/2026 and one removed in 2020 and re-admitted on 1/7/2026 owe no
    month here: they were listed as "chưa xác định được mức đóng", as if the office
    still had to find their amount. One who died on 2/2/2026 owes February (1 month
    unpaid), and a student on the rolls throughout owes 15.000 đ."""
    from coso_dang.members import LeaveReason

    gone = LeaveReason.CHUYEN_DI
    died = LeaveReason.TU_TRAN
    members = [
        Member("A", "Đảng viên A", "cb1", admitted_on=d(2000, 1, 5), left_on=d(2025, 6, 1),
               leave_reason=gone),
        Member("B", "Đảng viên B", "cb1", admitted_on=d(2000, 1, 5), left_on=d(2026, 2, 1),
               leave_reason=died),
        member("C", d(2026, 6, 5)),
        Member("D", "Đảng viên D", "cb1", admitted_on=d(1990, 1, 1),
               inactive_periods=[InactivePeriod(d(2020, 1, 1), d(2026, 7, 1))]),
        Member("E", "Đảng viên E", "cb1", admitted_on=d(2000, 1, 5), left_on=d(2026, 2, 2),
               leave_reason=died),
        member("F"),
    ]  # fmt: skip
    profiles = [DuesProfile(m.id, C.HOC_SINH) for m in members]
    result = dues_statement(members, profiles, [], 2026, through=d(2026, 4, 30))
    got = [(r.member.id, r.due, r.unpaid_months) for r in result.rows]
    assert got == [("E", 5_000, 1), ("F", 15_000, 3)]
    text = result.text()
    assert "chưa xác định" not in text
    assert [line.split(":")[0] for line in text.splitlines()[1:]] == [
        "1. Đồng chí Đảng viên E",
        "2. Đồng chí Đảng viên F",
    ]
    assert [row["Mã"] for row in result.records()] == ["E", "F"]
    # Through December, C and D are on the rolls from June and July.
    year = dues_statement(members, profiles, [], 2026)
    assert [r.member.id for r in year.rows] == ["C", "D", "E", "F"]


def test_statement_of_the_last_year_dates_hold() -> None:
    """The command line takes days up to 31/12/9999: the statement of 9999 through
    December stopped on Python's English "year 10000 is out of range" (the month after
    December 9999). A student admitted in 9998 owes 12 × 5.000 đ; paid for 11 months,
    one is unpaid."""
    student = member("S", d(9998, 1, 5))
    payments = [Payment("S", d(9999, m, 1), 5_000) for m in range(1, 12)]
    for through in (None, d(9999, 12, 31)):
        [row] = dues_statement(
            [student], [DuesProfile("S", C.HOC_SINH)], payments, 9999, through=through
        ).rows
        assert (row.due, row.paid, row.unpaid_months) == (60_000, 55_000, 1)


def test_a_refused_record_names_its_column(tmp_path: Path) -> None:
    """A row refused by its record named the record's field, in English ("month",
    "member_id", "category", "year"), where a cell that cannot be read names its column:
    each register now names the column, as the file heads it. An empty amount said
    "phải là số tiền nguyên" as if one had been written; it is a cell left empty."""
    from coso_dang.operations import read_member_facts, read_status_records

    def problems(name: str, text: str, read: Any) -> list[str]:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return list(read(path)[1])

    assert problems(
        "dang_phi.csv",
        "Mã,Đối tượng,Thu nhập,Giảm\n,bao_hiem,1,\na,,1,\nb,bao_hiem,1,50\n",
        read_profiles,
    ) == [
        "dang_phi.csv, dòng 2, cột Mã: bắt buộc, không được để trống",
        "dang_phi.csv, dòng 3, cột Đối tượng: bắt buộc, không được để trống",
        "dang_phi.csv, dòng 4, cột Giảm: cần ghi tháng bắt đầu và tháng kết thúc được giảm",
    ]
    assert problems("da_nop.csv", "Mã,Tháng,Số tiền\na,,5\nb,3/2026,\n", read_payments) == [
        "da_nop.csv, dòng 2, cột Tháng: bắt buộc, không được để trống",
        "da_nop.csv, dòng 3, cột Số tiền: bắt buộc, không được để trống",
    ]
    assert problems("ho_so.csv", "Mã,Huy hiệu đã tặng\na,35\n", read_member_facts) == [
        "ho_so.csv, dòng 2, cột Huy hiệu đã tặng: không phải số năm của một Huy hiệu Đảng"
    ]
    assert problems(
        "theo_doi.csv",
        "Mã,Năm,Số tháng bỏ sinh hoạt\na,,1\nb,2026,13\nc,2026,1\nc,2026,2\n",
        read_status_records,
    ) == [
        "theo_doi.csv, dòng 2, cột Năm: bắt buộc, không được để trống",
        "theo_doi.csv, dòng 3, cột Số tháng bỏ sinh hoạt: phải là số nguyên từ 0 đến 12",
        "theo_doi.csv, dòng 5, cột Năm: đảng viên đã có một hồ sơ theo dõi của năm này",
    ]


def test_a_row_breaking_the_rules_is_named_in_the_book(tmp_path: Path) -> None:
    """A reduction of 40%, one of 15 months and an amount abroad above 400.000 đ were
    read, then refused by the statement with the first of them only, naming neither
    the file, the row nor the column: the book names each on its row and column, as
    it does any row it cannot read. Rules given (a reduction of 40% allowed) are the
    ones checked."""
    book = tmp_path / "dang_phi.csv"
    book.write_text(
        "Mã,Đối tượng,Thu nhập,Mức đóng,Giảm,Giảm từ,Giảm đến\n"
        "a,bao_hiem,6.000.000,,40,1/2026,3/2026\n"
        "b,bao_hiem,6.000.000,,50,1/2026,3/2027\n"
        "c,nuoc_ngoai_khac,,500.000,,,\n"
        "d,bao_hiem,6.000.000,,50,1/2026,12/2026\n",
        encoding="utf-8",
    )
    profiles, problems = read_profiles(book)
    assert [p.member_id for p in profiles] == ["d"]
    assert problems == [
        "dang_phi.csv, dòng 2, cột Giảm: không phải mức giảm được phép",
        "dang_phi.csv, dòng 3, cột Giảm đến: thời gian giảm quá dài",
        "dang_phi.csv, dòng 4, cột Mức đóng: ngoài khung mức đóng của đảng viên ở nước ngoài",
    ]
    assert "500.000" not in str(problems)
    rules = DuesRules(reductions=frozenset({Fraction(2, 5), Fraction(1, 2)}))
    profiles, problems = read_profiles(book, rules)
    assert [p.member_id for p in profiles] == ["a", "d"]
    assert len(problems) == 2


@pytest.mark.parametrize("field", ["valid_from", "reduction_from", "reduction_until"])
@pytest.mark.parametrize("value", ["3/2026", 202603])
def test_a_month_that_is_no_date_is_refused_by_its_field(field: str, value: object) -> None:
    """A profile's month given as text or a number was kept, and the statement reading it
    stopped with Python's TypeError comparing it with a date; it is refused when made,
    naming the field and the type, never the value."""
    months: dict[str, Any] = {
        "valid_from": None,
        "reduction_from": d(2026, 3, 1),
        "reduction_until": d(2026, 5, 1),
    }
    months[field] = value
    with pytest.raises(RecordError) as caught:
        DuesProfile("dv1", C.BAO_HIEM, income=6_000_000, reduction=Fraction(1, 2), **months)
    assert caught.value.problem.field == field
    assert str(value) not in str(caught.value)


@pytest.mark.parametrize("years", [40, 50, 55])
def test_the_party_age_exemption_is_worded_by_the_rules(years: int) -> None:
    """A statement under rules exempting from 40 years said of the members exempted at
    40 "từ 50 năm tuổi đảng trở lên", the default's words; it gives its rules' years."""
    veteran = member("V", d(1970, 1, 5))  # 56 years of party age in 2026
    statement = dues_statement(
        [veteran], [], [], 2026, through=d(2026, 3, 1), rules=DuesRules(exempt_party_years=years)
    )
    words = f"Từ {years} năm tuổi đảng trở lên"
    assert statement.rows[0].exemption is DuesExemption.TUOI_DANG
    assert statement.records()[0]["Miễn"] == words
    assert f"miễn đóng ({words.lower()})" in statement.text()


def test_the_social_pension_exemption_is_named_as_the_regulation_names_it() -> None:
    """01-QĐ/TW exempts members on the social pension (trợ cấp hưu trí xã hội); the
    exemption read "Hưởng trợ cấp bảo trợ xã hội", social assistance, which exempts no
    one, so a clerk picking it by its words exempted the wrong members."""
    social = DuesExemption.BAO_TRO_XA_HOI
    assert social.label == "Hưởng trợ cấp hưu trí xã hội"
    assert DuesExemption.parse("hưởng trợ cấp hưu trí xã hội") is social
    assert DuesExemption.parse("bao_tro_xa_hoi") is social  # the code files hold
    with pytest.raises(CosoDangError):
        DuesExemption.parse("Hưởng trợ cấp bảo trợ xã hội")
    exempt = DuesProfile("P", C.HUU_TRI, income=3_000_000, exemption=social)
    statement = dues_statement([member("P")], [exempt], [], 2026, through=d(2026, 3, 1))
    assert "miễn đóng (hưởng trợ cấp hưu trí xã hội)" in statement.text()


def test_the_serious_illness_exemption_does_not_read_as_sickness() -> None:
    """01-QĐ/TW exempts members with a serious illness (mắc bệnh hiểm nghèo); a member
    on sick leave pays 1% of the benefit. The exemption read "Ốm đau, bệnh hiểm nghèo",
    sickness first, so a member on sick leave could be taken for exempt."""
    grave = DuesExemption.BENH_HIEM_NGHEO
    assert grave.label == "Mắc bệnh hiểm nghèo"
    assert "ốm đau" not in grave.label.lower()
    assert DuesExemption.parse("mắc bệnh hiểm nghèo") is grave
    assert DuesExemption.parse("benh_hiem_ngheo") is grave  # the code files hold
    with pytest.raises(CosoDangError):
        DuesExemption.parse("Ốm đau, bệnh hiểm nghèo")
