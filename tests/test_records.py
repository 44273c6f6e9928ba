"""The records: ratings, organizations, residential units, members and evaluations."""

from __future__ import annotations

import unicodedata
from datetime import date
from typing import Any

import attrs
import pytest

from coso_dang.attributes import Religion
from coso_dang.errors import CosoDangError, ParseError, RecordError, RecordTypeError
from coso_dang.evaluation import Evaluation, ReviewPeriod, SubjectKind
from coso_dang.i18n import translated
from coso_dang.members import (
    Badge,
    CommitteeRole,
    Education,
    Gender,
    InactivePeriod,
    LeaveReason,
    Member,
    MemberStatus,
    PoliticalTheory,
)
from coso_dang.operations import DuesCategory
from coso_dang.orgs import (
    GrassrootsType,
    Organization,
    OrgKind,
    ResidentialUnit,
    Sector,
    UnitKind,
)
from coso_dang.ratings import LegacyRating, Rating

BIRTH = date(1970, 4, 12)


def member(**changes: Any) -> Member:
    """A member admitted on 19/5/1990 with a ceremony on 1/6/1990, changed by *changes*."""
    fields: dict[str, Any] = {
        "id": "dv1",
        "full_name": "Nguyễn Văn An",
        "org_id": "cb1",
        "admitted_on": date(1990, 5, 19),
        "ceremony_on": date(1990, 6, 1),
        "birth_date": BIRTH,
    }
    fields.update(changes)
    return Member(**fields)


def record_error(**changes: Any) -> RecordError:
    with pytest.raises(RecordError) as caught:
        member(**changes)
    return caught.value


class TestRating:
    def test_order(self) -> None:
        """Ratings compare by rank, HTXSNV highest."""
        assert sorted(Rating) == [Rating.KHTNV, Rating.HTNV, Rating.HTTNV, Rating.HTXSNV]

    def test_labels(self) -> None:
        """Each rating carries its full Vietnamese label."""
        expected = [
            "Hoàn thành xuất sắc nhiệm vụ",
            "Hoàn thành tốt nhiệm vụ",
            "Hoàn thành nhiệm vụ",
            "Không hoàn thành nhiệm vụ",
        ]
        assert expected == [rating.label for rating in Rating]

    def test_abbreviation(self) -> None:
        """The abbreviation is the value."""
        assert Rating.HTXSNV.abbreviation == "HTXSNV"

    def test_good_or_better(self) -> None:
        """Only HTTNV and HTXSNV are "từ hoàn thành tốt nhiệm vụ trở lên"."""
        assert [r.is_good_or_better for r in Rating] == [True, True, False, False]

    def test_no_order_across_scales(self) -> None:
        """A rating does not compare with a pre-2018 rating."""
        with pytest.raises(TypeError):
            assert Rating.HTTNV < LegacyRating.TSVM

    @pytest.mark.parametrize(
        "text",
        [
            "Hoàn thành tốt nhiệm vụ",
            unicodedata.normalize("NFD", "Hoàn thành tốt nhiệm vụ"),
            "hoan thanh tot nhiem vu",
            "HOÀN THÀNH TỐT NHIỆM VỤ",
            "  Hoàn   thành tốt nhiệm vụ. ",
            "httnv",
        ],
    )
    def test_parse_forms(self, text: str) -> None:
        """Labels parse in NFC or NFD, with or without diacritics, in any case."""
        assert Rating.HTTNV is Rating.parse(text)

    def test_parse_does_not_confuse_levels(self) -> None:
        """ "Không hoàn thành nhiệm vụ" is not read as "hoàn thành nhiệm vụ"."""
        assert Rating.KHTNV is Rating.parse("không hoàn thành nhiệm vụ")

    def test_parse_error_names_text(self) -> None:
        """Unknown text raises ParseError quoting it."""
        with pytest.raises(ParseError, match="'xuất sắc lắm'"):
            Rating.parse("xuất sắc lắm")

    def test_parse_error_is_value_error(self) -> None:
        """ParseError is both the library's error and a ValueError."""
        with pytest.raises(ParseError) as caught:
            Rating.parse("")
        assert (
            isinstance(caught.value, CosoDangError),
            isinstance(caught.value, ValueError),
        ) == (True, True)


class TestLegacyRating:
    def test_order(self) -> None:
        """The pre-2018 scale ranks tiêu biểu above trong sạch, vững mạnh."""
        assert LegacyRating.TSVM_TIEU_BIEU > LegacyRating.TSVM > LegacyRating.YEU_KEM

    def test_parse_label(self) -> None:
        """Old labels parse without diacritics or commas."""
        assert LegacyRating.TSVM is LegacyRating.parse("trong sach vung manh")

    def test_parse_error(self) -> None:
        """Unknown text raises ParseError."""
        with pytest.raises(ParseError, match="trước năm 2018"):
            LegacyRating.parse("tốt")


class TestOrgKind:
    def test_labels(self) -> None:
        """Kinds carry Vietnamese labels."""
        assert OrgKind.CHI_BO_TRUC_THUOC.label == "Chi bộ trực thuộc"

    def test_grassroots(self) -> None:
        """Only đảng bộ cơ sở and chi bộ cơ sở are TCCSĐ."""
        expected = {OrgKind.DANG_BO_CO_SO, OrgKind.CHI_BO_CO_SO}
        assert expected == {kind for kind in OrgKind if kind.is_grassroots}

    def test_chi_bo(self) -> None:
        """Members belong to chi bộ cơ sở and chi bộ trực thuộc."""
        expected = {OrgKind.CHI_BO_CO_SO, OrgKind.CHI_BO_TRUC_THUOC}
        assert expected == {kind for kind in OrgKind if kind.is_chi_bo}

    def test_parse(self) -> None:
        """Kinds parse from their label without diacritics."""
        assert OrgKind.DANG_BO_BO_PHAN is OrgKind.parse("dang bo bo phan")


class TestOrganization:
    def test_name_normalized(self) -> None:
        """Names are stored in NFC with new-style tone marks."""
        org = Organization(
            "x", unicodedata.normalize("NFD", "Đảng bộ xã Hoà  Bình"), OrgKind.DANG_BO_CO_SO
        )
        assert org.name == "Đảng bộ xã Hòa Bình"

    @pytest.mark.parametrize("ident", ["", "  ", None])
    def test_empty_id(self, ident: Any) -> None:
        """An empty or missing id is refused, naming the field."""
        with pytest.raises(RecordError, match="id"):
            Organization(ident, "Chi bộ", OrgKind.CHI_BO_CO_SO)

    def test_bad_kind_type(self) -> None:
        """A kind given as text is refused."""
        with pytest.raises(TypeError):
            Organization("x", "Chi bộ", "chi_bo_co_so")  # type: ignore[arg-type]

    def test_parent_itself(self) -> None:
        """An organization cannot be its own parent."""
        with pytest.raises(RecordError) as caught:
            Organization("x", "Chi bộ", OrgKind.CHI_BO_CO_SO, parent_id="x")
        assert (
            caught.value.problem.where,
            caught.value.problem.field,
        ) == ("Tổ chức 'x'", "parent_id")

    def test_dissolved_before_founded(self) -> None:
        """Dissolution before founding is refused."""
        with pytest.raises(RecordError, match="dissolved_on"):
            Organization(
                "x",
                "Chi bộ",
                OrgKind.CHI_BO_CO_SO,
                founded_on=date(2020, 1, 1),
                dissolved_on=date(2019, 1, 1),
            )

    def test_is_active(self) -> None:
        """An organization is active from founding until dissolution."""
        org = Organization(
            "x", "Chi bộ", OrgKind.CHI_BO_CO_SO,
            founded_on=date(2020, 1, 1), dissolved_on=date(2022, 1, 1),
        )  # fmt: skip
        days = [date(2019, 12, 31), date(2020, 1, 1), date(2021, 12, 31), date(2022, 1, 1)]
        assert [org.is_active(day) for day in days] == [False, True, True, False]

    def test_is_commune(self) -> None:
        """A commune is a xã-sector đảng bộ or chi bộ cơ sở."""
        commune = Organization("x", "Đảng bộ xã", OrgKind.DANG_BO_CO_SO, sector=Sector.XA_PHUONG)
        agency = Organization("y", "Đảng bộ cơ quan", OrgKind.DANG_BO_CO_SO, sector=Sector.CO_QUAN)
        assert (commune.is_commune, agency.is_commune) == (True, False)


class TestResidentialUnit:
    def test_defaults(self) -> None:
        """A unit is a thôn without a chi bộ unless told otherwise."""
        unit = ResidentialUnit("t1", "Thôn 1", commune_id="xa")
        assert (unit.kind, unit.has_chi_bo, unit.head_is_member) == (UnitKind.THON, False, None)

    def test_has_chi_bo(self) -> None:
        """A unit with a covering chi bộ has one."""
        assert ResidentialUnit("t1", "Ấp 1", commune_id="xa", chi_bo_id="cb1").has_chi_bo

    def test_empty_commune(self) -> None:
        """The commune id must be given."""
        with pytest.raises(RecordError, match="commune_id"):
            ResidentialUnit("t1", "Thôn 1", commune_id="")


class TestMemberDates:
    @pytest.mark.parametrize(
        ("changes", "field"),
        [
            ({"official_on": date(1990, 5, 1)}, "official_on"),
            ({"admitted_on": BIRTH}, "admitted_on"),
            ({"admitted_on": date(1960, 1, 1), "ceremony_on": None}, "admitted_on"),
            ({"left_on": date(1990, 1, 1)}, "left_on"),
            ({"ceremony_on": date(1990, 5, 18)}, "ceremony_on"),
            ({"official_on": date(1990, 5, 25)}, "official_on"),
            (
                {"inactive_periods": [InactivePeriod(date(1989, 1, 1), date(1991, 1, 1))]},
                "inactive_periods",
            ),
            ({"exempted_on": date(1980, 1, 1)}, "exempted_on"),
        ],
    )
    def test_impossible_dates(self, changes: dict[str, Any], field: str) -> None:
        """Each impossible date raises RecordError naming the member and the field."""
        problem = record_error(**changes).problem
        assert ("Đảng viên 'dv1'", field) == (problem.where, problem.field)

    @pytest.mark.parametrize("admitted", [BIRTH, date(1970, 4, 11), date(1950, 1, 1)])
    def test_birth_date_never_quoted(self, admitted: date) -> None:
        """An admission on or before birth is refused without giving the birth date away."""
        error = record_error(admitted_on=admitted, ceremony_on=None)
        assert (BIRTH.isoformat() in str(error), "1970" in str(error)) == (False, False)

    def test_error_family(self) -> None:
        """A RecordError is the library's error and a ValueError."""
        error = record_error(left_on=date(1980, 1, 1))
        assert (isinstance(error, CosoDangError), isinstance(error, ValueError)) == (True, True)

    def test_gap_end_before_start(self) -> None:
        """A gap that ends before it starts is refused, naming the end, not its date."""
        with pytest.raises(RecordError) as caught:
            InactivePeriod(date(2000, 1, 1), date(1999, 1, 1))
        assert (caught.value.problem.field, "1999" in str(caught.value)) == ("end", False)

    def test_gap_before_admission_not_quoted(self) -> None:
        """A gap in activity is personal: one before the admission is refused unquoted."""
        error = record_error(inactive_periods=[InactivePeriod(date(1989, 1, 1), date(1991, 1, 1))])
        assert (error.problem.field, "1989" in str(error)) == ("inactive_periods", False)

    def test_gap_days(self) -> None:
        """A gap's length is counted in days."""
        assert InactivePeriod(date(2000, 1, 1), date(2001, 1, 1)).days == 366


class TestMemberStatus:
    def test_before_admission(self) -> None:
        """Before the admission decision there is no status."""
        assert member().status(date(1990, 5, 18)) is None

    def test_probation(self) -> None:
        """From the decision until ceremony plus 12 months, the member is dự bị."""
        m = member()
        assert [
            m.status(date(1990, 5, 19)),
            m.status(date(1991, 5, 31)),
        ] == [MemberStatus.DU_BI, MemberStatus.DU_BI]

    def test_official_at_twelve_months(self) -> None:
        """The member is chính thức exactly twelve months after the ceremony."""
        assert MemberStatus.CHINH_THUC is member().status(date(1991, 6, 1))

    def test_left(self) -> None:
        """From left_on on, the member has left the party."""
        m = member(left_on=date(2000, 1, 1), leave_reason=LeaveReason.TU_TRAN)
        assert [
            m.status(date(1999, 12, 31)),
            m.status(date(2000, 1, 1)),
        ] == [MemberStatus.CHINH_THUC, MemberStatus.DA_RA_KHOI_DANG]

    def test_is_active(self) -> None:
        """A member is on the rolls from admission until leaving."""
        m = member(left_on=date(2000, 1, 1))
        days = [date(1990, 5, 18), date(1990, 5, 19), date(2000, 1, 1)]
        assert [m.is_active(day) for day in days] == [False, True, False]

    def test_is_exempt(self) -> None:
        """Exemption applies from exempted_on."""
        m = member(exempted_on=date(2020, 1, 1))
        assert (m.is_exempt(date(2019, 12, 31)), m.is_exempt(date(2020, 1, 1))) == (False, True)


class TestOfficialDate:
    def test_not_recorded_stays_none(self) -> None:
        """Without a recorded decision, official_on stays None; official_date derives."""
        m = member()
        assert (m.official_on, m.official_date) == (None, date(1991, 6, 1))

    def test_not_recorded_without_ceremony(self) -> None:
        """With no ceremony either, official_date runs from the admission decision."""
        m = member(ceremony_on=None)
        assert (m.official_on, m.official_date) == (None, date(1991, 5, 19))

    def test_late_decision_keeps_the_mark(self) -> None:
        """A decision recorded after the 12-month mark does not move it (29-QĐ/TW 4.2)."""
        m = member(official_on=date(1991, 7, 1))
        assert (m.official_on, m.official_date) == (date(1991, 7, 1), date(1991, 6, 1))
        assert m.status(date(1991, 6, 15)).label == "Đảng viên chính thức"

    def test_from_ceremony(self) -> None:
        """Without a record, ceremony plus 12 months."""
        assert date(1991, 6, 1) == member().official_date

    def test_from_decision(self) -> None:
        """Without a ceremony, the decision plus 12 months."""
        assert date(1991, 5, 19) == member(ceremony_on=None).official_date

    def test_leap_day(self) -> None:
        """A ceremony on 29/2 ends probation on 28/2 of the next year (relativedelta clips)."""
        m = member(admitted_on=date(2020, 2, 10), ceremony_on=date(2020, 2, 29))
        assert date(2021, 2, 28) == m.official_date


class TestPartyAge:
    def test_zero_in_probation(self) -> None:
        """A probationary member has party age 0."""
        assert member().party_age(date(1991, 5, 31)) == 0

    def test_counts_from_decision(self) -> None:
        """Once official, party age counts from the admission decision."""
        m = member()
        assert [
            m.party_age(date(1991, 6, 1)),
            m.party_age(date(2020, 5, 18)),
            m.party_age(date(2020, 5, 19)),
        ] == [1, 29, 30]

    def test_gap_not_counted(self) -> None:
        """Time without party activity is not party age."""
        gap = InactivePeriod(date(2000, 1, 1), date(2001, 1, 1))
        m = member(inactive_periods=[gap])
        assert [m.party_age(date(2021, 5, 18)), m.party_age(date(2021, 5, 19))] == [29, 30]

    def test_reached_on(self) -> None:
        """The day a party age is completed, without gaps."""
        assert date(2020, 5, 19) == member().party_age_reached_on(30)

    def test_reached_on_with_gap(self) -> None:
        """A gap of one calendar year (a leap one) pushes the day one year later."""
        gap = InactivePeriod(date(2000, 1, 1), date(2001, 1, 1))
        assert date(2021, 5, 19) == member(inactive_periods=[gap]).party_age_reached_on(30)


class TestNextBadge:
    def test_first_badge_is_thirty(self) -> None:
        """The first badge is for 30 years."""
        badge = member().next_badge(date(2000, 1, 1))
        assert Badge(30, date(2020, 5, 19), date(2020, 5, 19)) == badge

    def test_no_thirty_five(self) -> None:
        """After 30 comes 40: there is no 35-year badge."""
        badge = member().next_badge(date(2020, 5, 20))
        assert Badge(40, date(2030, 5, 19), date(2030, 5, 19)) == badge

    @pytest.mark.parametrize(
        ("admitted", "award"),
        [
            (date(1990, 1, 10), date(2020, 2, 3)),
            (date(1990, 2, 4), date(2020, 5, 19)),
            (date(1990, 5, 20), date(2020, 9, 2)),
            (date(1990, 9, 3), date(2020, 11, 7)),
            (date(1990, 11, 8), date(2021, 2, 3)),
        ],
    )
    def test_first_occasion_on_or_after(self, admitted: date, award: date) -> None:
        """The badge is awarded on the first of 3/2, 19/5, 2/9, 7/11 on or after the day."""
        m = member(admitted_on=admitted, ceremony_on=None)
        badge = m.next_badge(date(2000, 1, 1))
        assert award == (badge.award_on if badge else None)

    def test_reached_on_an_occasion(self) -> None:
        """Reached exactly on an occasion, the badge is awarded that day."""
        badge = member(admitted_on=date(1990, 9, 2), ceremony_on=None).next_badge(date(2000, 1, 1))
        assert date(2020, 9, 2) == (badge.award_on if badge else None)

    def test_past_last_badge(self) -> None:
        """Past the 90-year badge there is none."""
        assert member().next_badge(date(2081, 1, 1)) is None

    def test_left_member(self) -> None:
        """A member who left gets no badge."""
        assert member(left_on=date(2000, 1, 1)).next_badge(date(2005, 1, 1)) is None

    def test_no_badge_past_the_calendar(self) -> None:
        """A badge reached, or first awarded, past 31/12/9999 is none: Python's "year 10000
        is out of range" came out instead. The badges before it are still given."""
        late = member(admitted_on=date(9950, 1, 1), ceremony_on=None)
        assert late.next_badge(date(9990, 1, 1)) == Badge(40, date(9990, 1, 1), date(9990, 2, 3))
        assert late.next_badge(date(9996, 1, 1)) is None
        # 30 years on 8/11/9999, after the calendar's last award day (7/11/9999).
        last = member(admitted_on=date(9969, 11, 8), ceremony_on=None)
        assert last.next_badge(date(9999, 11, 1)) is None
        with pytest.raises(ValueError, match="không có dịp trao huy hiệu"):
            last.next_badge(date(9999, 11, 1), occasions=())


class TestMemberPersonalData:
    def test_age(self) -> None:
        """Age counts completed years."""
        m = member()
        assert [m.age(date(2020, 4, 11)), m.age(date(2020, 4, 12))] == [49, 50]

    def test_age_unknown(self) -> None:
        """Without a birth date the age is unknown."""
        assert member(birth_date=None).age(date(2020, 1, 1)) is None

    def test_masked_name(self) -> None:
        """The family name stays, the others become initials."""
        assert member().masked_name == "Nguyễn V. A."

    def test_masked_name_diacritic_initial(self) -> None:
        """Initials keep their diacritics."""
        assert member(full_name="Lê Đức Ý").masked_name == "Lê Đ. Ý."

    def test_repr_shows_only_id_and_name(self) -> None:
        """repr shows the id and the name and no personal field."""
        m = member(
            religion=Religion.PHAT_GIAO,
            identity_number="001090000001",
            phone="0912345678",
            address="Thôn 1, xã Tân Lập",
        )
        assert repr(m) == "Member(id='dv1', full_name='Nguyễn Văn An')"


class TestEvaluation:
    def test_rated(self) -> None:
        """A rating makes the subject rated."""
        assert Evaluation("dv1", 2024, Rating.HTTNV).is_rated

    def test_unrated_with_reason(self) -> None:
        """An unrated subject may give a reason."""
        evaluation = Evaluation("dv1", 2024, None, not_rated_reason="Ốm đau dài ngày")
        assert (evaluation.is_rated, evaluation.not_rated_reason) == (False, "Ốm đau dài ngày")

    def test_organization_subject(self) -> None:
        """Organizations are rated too."""
        evaluation = Evaluation("cb1", 2024, Rating.HTXSNV, SubjectKind.ORGANIZATION)
        assert SubjectKind.ORGANIZATION is evaluation.subject

    @pytest.mark.parametrize(
        ("changes", "field"),
        [
            ({"year": 1929}, "year"),
            ({"year": 10000}, "year"),
            ({"year": True}, "year"),
            ({"sick_leave_months": -1}, "sick_leave_months"),
            ({"sick_leave_months": 13}, "sick_leave_months"),
            ({"not_rated_reason": "Ốm đau"}, "not_rated_reason"),
            ({"score": -1}, "score"),
            ({"score": 101}, "score"),
            ({"subject_id": ""}, "subject_id"),
        ],
    )
    def test_invalid(self, changes: dict[str, Any], field: str) -> None:
        """Out-of-range values raise RecordError naming the field."""
        fields: dict[str, Any] = {"subject_id": "dv1", "year": 2024, "rating": Rating.HTTNV}
        fields.update(changes)
        with pytest.raises(RecordError) as caught:
            Evaluation(**fields)
        assert field == caught.value.problem.field

    def test_bounds_accepted(self) -> None:
        """The bounds themselves are valid."""
        evaluation = Evaluation("dv1", 1930, Rating.HTNV, sick_leave_months=12, score=100)
        assert (evaluation.year, evaluation.sick_leave_months, evaluation.score) == (1930, 12, 100)

    def test_repr_hides_personal_facts(self) -> None:
        """repr shows the subject's kind and id, the year and the rating only."""
        evaluation = Evaluation(
            "dv1", 2024, None, disciplined=True, self_remedied=True, sick_leave_months=7,
            exempted=True, not_rated_reason="Ốm đau dài ngày", score=42,
        )  # fmt: skip
        expected = (
            "Evaluation(subject_id='dv1', year=2024, rating=None,"
            " subject=<SubjectKind.MEMBER: 'member'>)"
        )
        assert expected == repr(evaluation)

    def test_reason_for_rated_not_quoted(self) -> None:
        """A reason given with a rating is refused without quoting it (it is personal)."""
        with pytest.raises(RecordError) as caught:
            Evaluation("dv1", 2024, Rating.HTTNV, not_rated_reason="Ốm đau dài ngày")
        assert ("not_rated_reason", "Ốm" in str(caught.value)) == (
            caught.value.problem.field,
            False,
        )

    def test_score_not_quoted(self) -> None:
        """A score out of range is refused without quoting it (it is personal)."""
        with pytest.raises(RecordError) as caught:
            Evaluation("dv1", 2024, Rating.HTNV, score=4242)
        assert (caught.value.problem.field, "4242" in str(caught.value)) == ("score", False)

    def test_sick_leave_not_quoted(self) -> None:
        """Months of sick leave out of range are refused without quoting the count."""
        with pytest.raises(RecordError) as caught:
            Evaluation("dv1", 2024, Rating.HTNV, sick_leave_months=17)
        assert ("sick_leave_months", "17" in str(caught.value)) == (
            caught.value.problem.field,
            False,
        )


# -- wrong types ------------------------------------------------------------------------------

_VALID: dict[type, dict[str, Any]] = {
    Organization: {"id": "o1", "name": "Chi bộ Thôn 1", "kind": OrgKind.CHI_BO_CO_SO},
    ResidentialUnit: {"id": "t1", "name": "Thôn 1", "commune_id": "xa1"},
    Member: {
        "id": "dv1",
        "full_name": "Nguyễn Văn An",
        "org_id": "cb1",
        "admitted_on": date(1990, 5, 19),
    },
    InactivePeriod: {"start": date(2000, 1, 1), "end": date(2001, 1, 1)},
    Evaluation: {"subject_id": "dv1", "year": 2024, "rating": Rating.HTTNV},
}

# How an error names each record built from _VALID (by its type alone when the id is bad).
_WHERE = {
    Organization: "Tổ chức 'o1'",
    ResidentialUnit: "Đơn vị dân cư 't1'",
    Member: "Đảng viên 'dv1'",
    InactivePeriod: "InactivePeriod",
    Evaluation: "Đánh giá 'dv1'",
}

# (record, field, a value of the wrong type, what the reason says is expected).
WRONG_TYPES: list[tuple[type, str, object, str]] = [
    (Organization, "id", 4321, "a text"),
    (Organization, "name", 4321, "a text"),
    (Organization, "kind", "chi_bo_co_so", "OrgKind"),
    (Organization, "parent_id", 4321, "a text"),
    (Organization, "sector", "xa_phuong", "Sector"),
    (Organization, "founded_on", "2020-01-01", "a date"),
    (Organization, "dissolved_on", "2020-01-01", "a date"),
    (Organization, "has_chi_bo_quan_su", "có", "a bool"),
    (Organization, "has_chi_bo_cong_an", 4321, "a bool"),
    (Organization, "grassroots_type", "phuong", "GrassrootsType"),
    (ResidentialUnit, "id", 4321, "a text"),
    (ResidentialUnit, "name", 4321, "a text"),
    (ResidentialUnit, "commune_id", 4321, "a text"),
    (ResidentialUnit, "kind", "thon", "UnitKind"),
    (ResidentialUnit, "chi_bo_id", 4321, "a text"),
    (ResidentialUnit, "has_member", "có", "a bool"),
    (ResidentialUnit, "head_is_member", 4321, "a bool"),
    (Member, "id", 4321, "a text"),
    (Member, "full_name", 4321, "a text"),
    (Member, "org_id", 4321, "a text"),
    (Member, "admitted_on", "1990-05-19", "a date"),
    (Member, "ceremony_on", "1990-06-01", "a date"),
    (Member, "official_on", "1991-06-01", "a date"),
    (Member, "birth_date", "1970-04-12", "a date"),
    (Member, "gender", "nam", "Gender"),
    (Member, "ethnicity", "Kinh", "Ethnicity"),
    (Member, "religion", "Phật giáo", "Religion"),
    (Member, "identity_number", 1090000001, "a text"),
    (Member, "phone", 912345678, "a text"),
    (Member, "address", 4321, "a text"),
    (Member, "inactive_periods", date(2000, 1, 1), "a sequence of InactivePeriod"),
    (Member, "inactive_periods", [(date(2000, 1, 1), date(2001, 1, 1))], "InactivePeriod"),
    (Member, "left_on", "2000-01-01", "a date"),
    (Member, "leave_reason", "tu_tran", "LeaveReason"),
    (Member, "is_working", "có", "a bool"),
    (Member, "keeps_residence_contact", 4321, "a bool"),
    (Member, "residence_unit_id", 4321, "a text"),
    (Member, "committee_role", "bi_thu", "CommitteeRole"),
    (Member, "education", "dai_hoc", "Education"),
    (Member, "political_theory", "cao_cap", "PoliticalTheory"),
    (Member, "exempted_on", "2020-01-01", "a date"),
    (Member, "to_dang_id", 4321, "a text"),
    (Member, "occupation", "nong dan", "Occupation"),
    (Member, "general_education", "12/12", "GeneralEducation"),
    (Member, "academic_title", "PGS", "AcademicTitle"),
    (Member, "is_youth_union_member", 4321, "a bool"),
    (Member, "owns_private_enterprise", "có", "a bool"),
    (Member, "party_card_number", 12345678, "a text"),
    (InactivePeriod, "start", "2000-01-01", "a date"),
    (InactivePeriod, "end", "2001-01-01", "a date"),
    (Evaluation, "subject_id", 4321, "a text"),
    (Evaluation, "year", "2024", "a whole number"),
    (Evaluation, "rating", "HTTNV", "Rating"),
    (Evaluation, "subject", "member", "SubjectKind"),
    (Evaluation, "disciplined", "không", "a bool"),
    (Evaluation, "self_remedied", 4321, "a bool"),
    (Evaluation, "sick_leave_months", 4.5, "a whole number"),
    (Evaluation, "exempted", "không", "a bool"),
    (Evaluation, "not_rated_reason", 4321, "a text"),
    (Evaluation, "score", "90", "a whole number"),
    (Evaluation, "suspended", "có", "a bool"),
    (Evaluation, "proposed_rating", "HTXSNV", "Rating"),
    (Evaluation, "period", "quy", "ReviewPeriod"),
    (Evaluation, "quarter", "2", "a whole number"),
    (Evaluation, "tasks", 4.5, "a whole number"),
    (Evaluation, "tasks_on_time", "3", "a whole number"),
    (Evaluation, "tasks_late", 1.5, "a whole number"),
    (Evaluation, "tasks_exceeded", "7", "a whole number"),
]


def _case_id(case: tuple[type, str, object, str]) -> str:
    return f"{case[0].__name__}.{case[1]}={type(case[2]).__name__}"


class TestWrongTypes:
    @pytest.mark.parametrize("case", WRONG_TYPES, ids=_case_id)
    def test_refused_naming_record_and_field(self, case: tuple[type, str, object, str]) -> None:
        """A value of the wrong type raises RecordError naming the record, field and type."""
        record, name, wrong, expected = case
        with pytest.raises(RecordError) as caught:
            record(**{**_VALID[record], name: wrong})
        problem = caught.value.problem
        where = record.__name__ if name in ("id", "subject_id") else _WHERE[record]
        english = translated(problem.reason, "en")
        assert (problem.where, problem.field, f"must be {expected}" in english) == (
            where,
            name,
            True,
        )

    @pytest.mark.parametrize("case", WRONG_TYPES, ids=_case_id)
    def test_value_not_quoted(self, case: tuple[type, str, object, str]) -> None:
        """The error is a TypeError too, and never quotes the value (it may be personal)."""
        record, name, wrong, _ = case
        with pytest.raises(RecordTypeError) as caught:
            record(**{**_VALID[record], name: wrong})
        shown = str(wrong) if not isinstance(wrong, list) else str(wrong[0][0])
        assert (isinstance(caught.value, TypeError), caught.value.problem.value) == (True, "")
        assert shown not in caught.value.message("en")
        assert repr(shown) not in str(caught.value)

    @pytest.mark.parametrize("record", list(_VALID), ids=lambda record: record.__name__)
    def test_every_field_covered(self, record: type) -> None:
        """Every field of every record has a wrong-type case above."""
        covered = {name for cls, name, _, _ in WRONG_TYPES if cls is record}
        assert {f.name for f in attrs.fields(record)} == covered

    def test_none_where_required(self) -> None:
        """None for a required date is a wrong type as well."""
        with pytest.raises(
            RecordTypeError, match="admitted_on: phải là ngày \\(date\\), không phải None"
        ):
            Member("m1", "Nguyễn Văn A", "cb", admitted_on=None)  # type: ignore[arg-type]

    @pytest.mark.parametrize(
        ("field", "wrong"), [("suspended", "có"), ("proposed_rating", "x"), ("period", "quy")]
    )
    def test_vietnamese_names_the_type(self, field: str, wrong: object) -> None:
        """The Vietnamese message names the type in Vietnamese, as for the other fields
        (the review period's read "phải là a ReviewPeriod")."""
        with pytest.raises(RecordError) as caught:
            Evaluation("dv1", 2024, Rating.HTTNV, **{field: wrong})
        assert " a " not in str(caught.value)

    def test_operations_records_name_the_type_without_an_english_article(self) -> None:
        from coso_dang.operations import DuesProfile, Exemption, ExemptionKind, Payment
        from coso_dang.operations.facts import Discipline, DisciplineForm
        from coso_dang.rules.status import StatusRecord

        for build, expected in (
            (lambda: DuesProfile("dv1", "bao_hiem"), "DuesCategory"),  # type: ignore[arg-type]
            (
                lambda: DuesProfile("dv1", DuesCategory.BAO_HIEM, exemption="x"),  # type: ignore[arg-type]
                "DuesExemption hoặc None",
            ),
            (lambda: Discipline("canh_cao", date(2024, 1, 2)), "DisciplineForm"),  # type: ignore[arg-type]
            (lambda: Discipline(DisciplineForm.CANH_CAO, "2024-01-02"), "ngày (date)"),  # type: ignore[arg-type]
            (lambda: Exemption("dv1", "2024-01-02", ExemptionKind.TUOI_CAO), "ngày (date)"),  # type: ignore[arg-type]
            (lambda: Exemption("dv1", date(2024, 1, 2), "tuoi_cao"), "ExemptionKind"),  # type: ignore[arg-type]
            (lambda: Payment("dv1", "2024-01", 5000), "ngày (date)"),  # type: ignore[arg-type]
            (
                lambda: StatusRecord("dv1", 2024, helped_since="2024-01-02"),  # type: ignore[arg-type]
                "ngày (date) hoặc None",
            ),
        ):
            with pytest.raises(RecordError) as caught:
                build()
            assert f"phải là {expected}, không phải str" in str(caught.value)
            assert " a " not in str(caught.value)

    def test_message(self) -> None:
        """The message reads: record and id, field, what was expected and what was given."""
        with pytest.raises(RecordError) as caught:
            Member("m1", "Nguyễn Văn A", "cb", admitted_on="2020-01-01")  # type: ignore[arg-type]
        assert (
            str(caught.value) == "Đảng viên 'm1': admitted_on: phải là ngày (date), không phải str"
        )
        assert caught.value.message("en") == "Member 'm1': admitted_on: must be a date, not str"

    def test_valid_records_build(self) -> None:
        """The base values themselves are valid (so each case tests one wrong field)."""
        built = [record(**values) for record, values in _VALID.items()]
        assert [type(b) for b in built] == list(_VALID)


# What each list is called where a refused text is reported (a database's column, read
# by the list's parser, reports it so): Vietnamese, as the forms name it.
LIST_NAMES = {
    Gender: "giới tính",
    MemberStatus: "tình trạng đảng viên",
    LeaveReason: "lý do",
    CommitteeRole: "chức vụ cấp ủy",
    Education: "trình độ chuyên môn",
    PoliticalTheory: "trình độ lý luận chính trị",
    OrgKind: "loại tổ chức",
    Sector: "loại hình",
    GrassrootsType: "loại hình cơ sở",
    UnitKind: "loại đơn vị dân cư",
    SubjectKind: "đối tượng",
    ReviewPeriod: "kỳ đánh giá",
}


@pytest.mark.parametrize("kind", list(LIST_NAMES), ids=lambda kind: kind.__name__)
def test_a_refused_text_names_its_list_in_vietnamese(kind: Any) -> None:
    with pytest.raises(ParseError) as caught:
        kind.parse("Cử nhân chính trị học")
    message = str(caught.value)
    assert f"thành {LIST_NAMES[kind]}:" in message
    assert kind.__name__ not in message
    assert kind.__name__ not in caught.value.message("en")


_MEMBER_DATES = (
    "admitted_on",
    "ceremony_on",
    "official_on",
    "birth_date",
    "left_on",
    "exempted_on",
)


@pytest.mark.parametrize("name", _MEMBER_DATES)
def test_a_datetime_for_a_date_is_refused_naming_the_field(name: str) -> None:
    # A pandas Timestamp or a spreadsheet's datetime is a date to isinstance, but compares
    # with no date: the record failed with a bare TypeError from its first comparison.
    import datetime as dt

    days = {
        "birth_date": date(1970, 4, 12),
        "admitted_on": date(1990, 5, 19),
        "ceremony_on": date(1990, 6, 1),
        "official_on": date(1991, 6, 1),
        "left_on": date(2020, 1, 2),
        "exempted_on": date(2015, 1, 2),
    }
    given = {**days, name: dt.datetime.combine(days[name], dt.time())}
    with pytest.raises(RecordTypeError) as caught:
        Member("dv1", "Lê Văn An", "cb1", **given)
    assert (caught.value.problem.field, "datetime" in str(caught.value)) == (name, True)
    with pytest.raises(RecordTypeError, match=r"end: .*datetime"):
        InactivePeriod(date(2000, 1, 1), dt.datetime(2001, 1, 1))
    with pytest.raises(RecordTypeError, match=r"founded_on: .*datetime"):
        Organization(
            "cb1",
            "Chi bộ 1",
            OrgKind.CHI_BO_CO_SO,
            founded_on=dt.datetime(2000, 1, 1),
            dissolved_on=date(2001, 1, 1),
        )
