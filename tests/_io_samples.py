"""A sample dataset with every field used, and small Hypothesis strategies of datasets.

Shared by the io tests (JSON, CSV and workbook round trips).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any, cast

from hypothesis import strategies as st

from coso_dang.attributes import (
    AcademicTitle,
    Ethnicity,
    GeneralEducation,
    Occupation,
    Religion,
)
from coso_dang.dataset import Dataset
from coso_dang.evaluation import Evaluation, SubjectKind
from coso_dang.members import (
    CommitteeRole,
    Education,
    Gender,
    InactivePeriod,
    LeaveReason,
    Member,
    PoliticalTheory,
)
from coso_dang.orgs import Organization, OrgKind, ResidentialUnit, Sector, UnitKind
from coso_dang.ratings import Rating

__all__ = ["datasets", "sample"]


def sample() -> Dataset:
    """A commune with two chi bộ, a tổ đảng, two units, three members and evaluations."""
    orgs = [
        Organization(
            "xa",
            "Đảng bộ xã Tân Lập",
            OrgKind.DANG_BO_CO_SO,
            sector=Sector.XA_PHUONG,
            founded_on=date(1948, 3, 2),
            has_chi_bo_quan_su=True,
            has_chi_bo_cong_an=False,
        ),
        Organization("cb1", "Chi bộ thôn Đông", OrgKind.CHI_BO_TRUC_THUOC, parent_id="xa"),
        Organization(
            "cb2",
            "Chi bộ thôn Tây",
            OrgKind.CHI_BO_TRUC_THUOC,
            parent_id="xa",
            founded_on=date(1960, 1, 1),
            dissolved_on=date(2025, 7, 1),
        ),
        Organization("td1", "Tổ đảng số 1", OrgKind.TO_DANG, parent_id="cb1"),
    ]
    units = [
        ResidentialUnit("t1", "Thôn Đông", "xa", chi_bo_id="cb1", has_member=True),
        ResidentialUnit("t2", "Tổ dân phố 2", "xa", kind=UnitKind.TO_DAN_PHO, head_is_member=False),
    ]
    members = [
        Member(
            "dv1",
            "Nguyễn Văn An",
            "cb1",
            admitted_on=date(1990, 5, 19),
            ceremony_on=date(1990, 6, 1),
            official_on=date(1991, 6, 1),
            birth_date=date(1965, 4, 12),
            gender=Gender.NAM,
            ethnicity=Ethnicity.KINH,
            religion=Religion.KHONG,
            occupation=Occupation.NGHI_HUU,
            general_education=GeneralEducation.THPT,
            academic_title=AcademicTitle.PHO_GIAO_SU,
            is_youth_union_member=False,
            owns_private_enterprise=False,
            party_card_number="08012345",
            identity_number="001065001234",
            phone="0912345678",
            address="Thôn Đông, xã Tân Lập",
            # Member types this field through converter=tuple, which mypy cannot follow.
            inactive_periods=cast(Any, [InactivePeriod(date(2000, 1, 1), date(2001, 3, 2))]),
            is_working=False,
            keeps_residence_contact=True,
            residence_unit_id="t1",
            committee_role=CommitteeRole.BI_THU,
            education=Education.DAI_HOC,
            political_theory=PoliticalTheory.TRUNG_CAP,
            exempted_on=date(2020, 1, 1),
            to_dang_id="td1",
        ),
        Member("dv2", "Lê Thị Bình", "cb2", admitted_on=date(2024, 2, 3), gender=Gender.NU),
        Member(
            "dv3",
            "Trần Văn Cường",
            "cb1",
            admitted_on=date(1975, 9, 2),
            left_on=date(2023, 11, 7),
            leave_reason=LeaveReason.TU_TRAN,
        ),
    ]
    evaluations = [
        Evaluation("dv1", 2024, Rating.HTXSNV, score=95),
        Evaluation("dv2", 2024, None, not_rated_reason="Mới kết nạp", sick_leave_months=2),
        Evaluation("dv3", 2022, Rating.KHTNV, disciplined=True, self_remedied=True),
        Evaluation("cb1", 2024, Rating.HTTNV, subject=SubjectKind.ORGANIZATION),
        Evaluation("dv1", 2023, None, exempted=True),
    ]
    return Dataset(orgs, members, units, evaluations)


_WORDS = ["Nguyễn", "Lê", "Văn", "Thị", "An", "Bình", "Hòa", "Thủy", "Đảng", "bộ", "xã", "Ấp"]
ids = st.text("abcdefghijklmnopqrstuvwxyz0123456789-_", min_size=1, max_size=6)
names = st.lists(st.sampled_from(_WORDS), min_size=1, max_size=4).map(" ".join)
texts = st.text(
    st.characters(categories=["L", "N"], exclude_characters="\x00"), min_size=1, max_size=12
)
days = st.dates(min_value=date(1930, 2, 3), max_value=date(2035, 12, 31))
gaps = st.integers(min_value=0, max_value=40_000).map(lambda n: timedelta(days=n))


def maybe(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.none() | strategy


@st.composite
def organizations(draw: st.DrawFn) -> Organization:
    ident = draw(ids)
    founded = draw(maybe(days))
    dissolved = None if founded is None else draw(maybe(gaps.map(lambda g: founded + g)))
    return Organization(
        ident,
        draw(names),
        draw(st.sampled_from(OrgKind)),
        parent_id=draw(maybe(ids.filter(lambda p: p != ident))),
        sector=draw(maybe(st.sampled_from(Sector))),
        founded_on=founded,
        dissolved_on=dissolved,
        has_chi_bo_quan_su=draw(maybe(st.booleans())),
        has_chi_bo_cong_an=draw(maybe(st.booleans())),
    )


@st.composite
def members(draw: st.DrawFn) -> Member:
    admitted = draw(st.dates(min_value=date(1931, 1, 1), max_value=date(2030, 1, 1)))

    def after() -> date | None:
        day: date | None = draw(maybe(gaps.map(lambda g: admitted + g)))
        return day

    ceremony = after()
    official = None if ceremony is None else draw(maybe(gaps.map(lambda g: ceremony + g)))
    born = draw(maybe(st.integers(1, 30_000).map(lambda n: admitted - timedelta(days=n))))
    starts = draw(st.lists(gaps, max_size=2))
    periods = tuple(InactivePeriod(admitted + s, admitted + s + s) for s in starts)
    return Member(
        draw(ids),
        draw(names),
        draw(ids),
        admitted_on=admitted,
        ceremony_on=ceremony,
        official_on=official,
        birth_date=born,
        gender=draw(maybe(st.sampled_from(Gender))),
        ethnicity=draw(maybe(st.sampled_from(Ethnicity))),
        religion=draw(maybe(st.sampled_from(Religion))),
        identity_number=draw(maybe(texts)),
        phone=draw(maybe(texts)),
        address=draw(maybe(texts)),
        inactive_periods=cast(Any, periods),
        left_on=after(),
        leave_reason=draw(maybe(st.sampled_from(LeaveReason))),
        is_working=draw(maybe(st.booleans())),
        keeps_residence_contact=draw(maybe(st.booleans())),
        residence_unit_id=draw(maybe(ids)),
        committee_role=draw(maybe(st.sampled_from(CommitteeRole))),
        education=draw(maybe(st.sampled_from(Education))),
        political_theory=draw(maybe(st.sampled_from(PoliticalTheory))),
        exempted_on=after(),
        to_dang_id=draw(maybe(ids)),
        occupation=draw(maybe(st.sampled_from(Occupation))),
        general_education=draw(maybe(st.sampled_from(GeneralEducation))),
        academic_title=draw(maybe(st.sampled_from(AcademicTitle))),
        is_youth_union_member=draw(maybe(st.booleans())),
        owns_private_enterprise=draw(maybe(st.booleans())),
        party_card_number=draw(maybe(texts)),
    )


units = st.builds(
    ResidentialUnit,
    ids,
    names,
    ids,
    kind=st.sampled_from(UnitKind),
    chi_bo_id=maybe(ids),
    has_member=maybe(st.booleans()),
    head_is_member=maybe(st.booleans()),
)


@st.composite
def evaluations(draw: st.DrawFn) -> Evaluation:
    rating = draw(maybe(st.sampled_from(Rating)))
    return Evaluation(
        draw(ids),
        draw(st.integers(1930, 2100)),
        rating,
        subject=draw(st.sampled_from(SubjectKind)),
        disciplined=draw(st.booleans()),
        self_remedied=draw(st.booleans()),
        sick_leave_months=draw(st.integers(0, 12)),
        exempted=draw(st.booleans()),
        not_rated_reason=None if rating is not None else draw(maybe(texts)),
        score=draw(maybe(st.integers(0, 100))),
    )


datasets = st.builds(
    Dataset,
    st.lists(organizations(), max_size=3),
    st.lists(members(), max_size=3),
    st.lists(units, max_size=2),
    st.lists(evaluations(), max_size=3),
)
