"""A deterministic generator of synthetic party data.

:func:`generate_province` makes a realistic province (about 800 tổ chức cơ sở đảng and
40.000 members at ``scale=1.0``); :func:`generate_nation` makes the whole country (about
52.000 TCCSĐ, 280.000 organizations and 5,6 million members). Both are deterministic for
a ``seed`` and draw only from their own :class:`random.Random`. Every name is a random
combination of common family, middle and given names: no real person's data.

The data keep the Charter's rules (members only in a chi bộ, at least three official
members in a chi bộ, fewer than 30 members in a chi bộ cơ sở, at least 30 in a đảng bộ
cơ sở, no more members rated HTXSNV than a fifth of those rated HTTNV in a TCCSĐ) *mostly*:
a handful of realistic exceptions are left for the checks to find.

>>> data = generate_province(seed=1, scale=0.02)
>>> data.name, data.year
('Đảng bộ tỉnh ...', 2024)
>>> data.tree().roots[0].kind is OrgKind.DANG_BO_TINH
True
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any, Final, TypeVar, cast

import attrs
from attrs import frozen

from coso_dang._gc import paused
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
    completed_years,
)
from coso_dang.orgs import (
    GrassrootsType,
    Organization,
    OrgKind,
    ResidentialUnit,
    Sector,
    UnitKind,
)
from coso_dang.ratings import Rating

__all__ = ["generate_nation", "generate_province"]


# -- trusted construction --------------------------------------------------------------------
#
# The generator makes millions of records whose values it chose valid, from names already
# in NFC. Running every validator and the name normalizer would triple the cost at national
# scale, so records are assembled slot by slot. The field list comes from attrs, so a field
# added to a record is picked up here; the tests check that the result equals the
# validated construction.

T = TypeVar("T")


def _trusted(cls: type[T]) -> Callable[..., T]:
    """A constructor of *cls* that sets its slots without validators or converters."""
    params: list[str] = []
    body: list[str] = []
    namespace: dict[str, Any] = {"_new": object.__new__, "_cls": cls}
    for attribute in attrs.fields(cast(Any, cls)):
        name = attribute.name
        default = attribute.default
        if isinstance(default, cast(Any, attrs.Factory)):
            raise TypeError(f"{cls.__name__}.{name} has a factory default")
        if default is attrs.NOTHING:
            params.append(name)
        else:
            namespace[f"_default_{name}"] = default
            params.append(f"{name}=_default_{name}")
        namespace[f"_set_{name}"] = cls.__dict__[name].__set__
        body.append(f"    _set_{name}(self, {name})")
    source = "\n".join(
        [f"def make({', '.join(params)}):", "    self = _new(_cls)", *body, "    return self"]
    )
    exec(source, namespace)
    maker: Callable[..., T] = namespace["make"]
    return maker


_new_member = _trusted(Member)
_new_org = _trusted(Organization)
_new_unit = _trusted(ResidentialUnit)
_new_evaluation = _trusted(Evaluation)


# -- name and value pools --------------------------------------------------------------------

# Family names with rough weights (Nguyễn is carried by about two Vietnamese in five).
_FAMILY: Final = (
    ("Nguyễn", 38), ("Trần", 11), ("Lê", 9), ("Phạm", 7), ("Hoàng", 5), ("Huỳnh", 4),
    ("Phan", 4), ("Vũ", 3), ("Võ", 3), ("Đặng", 2), ("Bùi", 2), ("Đỗ", 2), ("Hồ", 2),
    ("Ngô", 2), ("Dương", 1), ("Lý", 1), ("Đinh", 1), ("Trương", 1), ("Lương", 1),
)  # fmt: skip
_MIDDLE_MALE: Final = ("Văn", "Văn", "Văn", "Hữu", "Đức", "Minh", "Quốc", "Thanh", "Công",
                       "Đình", "Xuân", "Ngọc", "Trọng", "Tuấn")  # fmt: skip
_MIDDLE_FEMALE: Final = ("Thị", "Thị", "Thị", "Thị", "Ngọc", "Thanh", "Thu", "Minh",
                         "Kim", "Hồng", "Phương", "Mai")  # fmt: skip
_GIVEN_MALE: Final = (
    "An", "Bình", "Cường", "Dũng", "Duy", "Đạt", "Định", "Hải", "Hiếu", "Hòa", "Hùng",
    "Huy", "Khang", "Khoa", "Kiên", "Long", "Lợi", "Minh", "Nam", "Nghĩa", "Phong", "Phúc",
    "Quang", "Quân", "Sơn", "Tài", "Tâm", "Thắng", "Thành", "Thịnh", "Toàn", "Trung",
    "Tuấn", "Tùng", "Việt", "Vinh", "Vũ", "Hưng", "Lâm", "Khải",
)  # fmt: skip
_GIVEN_FEMALE: Final = (
    "Anh", "Bích", "Chi", "Dung", "Duyên", "Giang", "Hà", "Hạnh", "Hằng", "Hiền", "Hoa",
    "Hồng", "Huệ", "Hương", "Lan", "Liên", "Linh", "Loan", "Mai", "My", "Nga", "Ngân",
    "Ngọc", "Nhung", "Oanh", "Phương", "Quyên", "Thảo", "Thủy", "Trang", "Trinh", "Tuyết",
    "Uyên", "Vân", "Xuân", "Yến", "Diệp", "Thơ", "Hạnh", "Nhàn",
)  # fmt: skip
# Place-name syllables: combinations are fictional places.
PLACE_WORDS: Final = (
    "An", "Bình", "Phú", "Tân", "Hòa", "Thạnh", "Long", "Mỹ", "Đông", "Tây", "Vĩnh",
    "Phước", "Thuận", "Lộc", "Hưng", "Trung", "Thành", "Lợi", "Hiệp", "Minh", "Quang",
    "Hải", "Sơn", "Lâm", "Thịnh", "Đức", "Nghĩa", "Xuân", "Khánh", "Hà",
)  # fmt: skip
_ETHNIC_MINORITIES: Final = tuple(
    Ethnicity.parse(name)
    for name in ("Tày", "Thái", "Mường", "Khmer", "Hoa", "Nùng", "Mông", "Dao", "Gia Rai",
                 "Ê Đê", "Ba Na", "Xtiêng", "Chăm")
)  # fmt: skip
_RELIGIONS: Final = ((Religion.PHAT_GIAO, 50), (Religion.CONG_GIAO, 30), (Religion.CAO_DAI, 8),
                     (Religion.HOA_HAO, 6), (Religion.TIN_LANH, 6))  # fmt: skip
# Occupations of working members, in per cent (illustrative shares, not published
# statistics: the forms' lines with public service and commune cadres the largest).
_O = Occupation
_OCCUPATIONS: Final = (
    (_O.CBCC_NHA_NUOC, 8), (_O.CBCC_DANG_DOAN_THE, 4), (_O.CBCC_CAP_XA, 12),
    (_O.KHONG_CHUYEN_TRACH_THON, 10), (_O.VIEN_CHUC, 25), (_O.NGOAI_CONG_LAP, 2),
    (_O.QUAN_LY_DOANH_NGHIEP, 3), (_O.NHAN_VIEN_DOANH_NGHIEP, 5), (_O.CONG_NHAN, 6),
    (_O.NONG_LAM_NGU, 12), (_O.LUC_LUONG_VU_TRANG, 8), (_O.SINH_VIEN, 1), (_O.HOC_SINH, 0.2),
    (_O.KHAC, 3.8),
)  # fmt: skip
_G = GeneralEducation
# School level of members without a professional qualification (with one, upper secondary).
_SCHOOLING: Final = ((None, 3), (_G.BIET_DOC_VIET, 1), (_G.TIEU_HOC, 4), (_G.THCS, 22),
                     (_G.THPT, 70))  # fmt: skip
_NOT_RATED: Final = ("Ốm đau dài ngày", "Đi làm ăn xa", "Đang xem xét kỷ luật")

_E = Education
_EDUCATION: Final = (
    (None, 4), (_E.CHUA_DAO_TAO, 18), (_E.SO_CAP, 5), (_E.TRUNG_CAP, 15), (_E.CAO_DANG, 8),
    (_E.DAI_HOC, 43), (_E.THAC_SI, 6), (_E.TIEN_SI, 1),
)  # fmt: skip
_EDUCATION_COMMITTEE: Final = ((_E.TRUNG_CAP, 3), (_E.CAO_DANG, 5), (_E.DAI_HOC, 72),
                               (_E.THAC_SI, 18), (_E.TIEN_SI, 2))  # fmt: skip
_P = PoliticalTheory
_THEORY: Final = ((None, 22), (_P.SO_CAP, 58), (_P.TRUNG_CAP, 15), (_P.CAO_CAP, 4.5),
                  (_P.CU_NHAN, 0.5))  # fmt: skip
_THEORY_COMMITTEE: Final = ((_P.SO_CAP, 10), (_P.TRUNG_CAP, 62), (_P.CAO_CAP, 26),
                            (_P.CU_NHAN, 2))  # fmt: skip
_L = LeaveReason
_LEAVING: Final = ((_L.TU_TRAN, 55), (_L.CHUYEN_DI, 30), (_L.XOA_TEN, 8), (_L.XIN_RA, 4),
                   (_L.KHAI_TRU, 3))  # fmt: skip
_R = Rating
# Members: about 15% HTXSNV, 75% HTTNV, 9% HTNV, 1% KHTNV of those rated.
_MEMBER_RATINGS: Final = ((_R.HTXSNV, 15), (_R.HTTNV, 75), (_R.HTNV, 9), (_R.KHTNV, 1))
_ORG_RATINGS: Final = ((_R.HTXSNV, 20), (_R.HTTNV, 72), (_R.HTNV, 7), (_R.KHTNV, 1))

_TABLE = 4096  # resolution of the lookup tables that replace weighted draws


def _table(weighted: Sequence[tuple[T, float]]) -> tuple[T, ...]:
    """Spread weighted values over a table indexed by ``int(random() * _TABLE)``."""
    total = sum(weight for _, weight in weighted)
    table: list[T] = []
    cumulative = 0.0
    for value, weight in weighted:
        cumulative += weight
        table.extend([value] * (round(cumulative / total * _TABLE) - len(table)))
    return tuple(table)


def _names(middles: Sequence[str], givens: Sequence[str]) -> tuple[str, ...]:
    """Full names, families repeated by weight, every middle and given name for each."""
    weighted = [
        (f"{family} {middle} {given}", weight / (len(middles) * len(givens)))
        for family, weight in _FAMILY
        for middle in middles
        for given in givens
        if middle != given
    ]
    # Keep every combination once, then add heavy families again to follow the weights.
    names = [name for name, _ in weighted]
    heavy = [name for name, weight in weighted for _ in range(round(weight * 40) - 1)]
    return tuple(names + heavy)


_MALE_NAMES: Final = _names(_MIDDLE_MALE, _GIVEN_MALE)
_FEMALE_NAMES: Final = _names(_MIDDLE_FEMALE, _GIVEN_FEMALE)
# Years of party age (1 to 66) for members admitted before the rated year: many young,
# a long tail of veterans (party ages of 60 years and more).
_PARTY_YEARS: Final = _table([(y, math.exp(-y / 13) + 0.03) for y in range(1, 67)])
# Age at admission: 18 to 45, most in their twenties.
_ADMISSION_AGE: Final = _table([(a, math.exp(-abs(a - 24) / 5)) for a in range(18, 46)])
# Days that always make the youngest age at admission (with its most leap days): a
# persona's fewer days are checked against the admission day.
_ADULT_DAYS: Final = 365 * min(_ADMISSION_AGE) + (min(_ADMISSION_AGE) + 3) // 4
_EDUCATION_TABLE: Final = _table(_EDUCATION)
_EDUCATION_COMMITTEE_TABLE: Final = _table(_EDUCATION_COMMITTEE)
_THEORY_TABLE: Final = _table(_THEORY)
_THEORY_COMMITTEE_TABLE: Final = _table(_THEORY_COMMITTEE)
_LEAVING_TABLE: Final = _table(_LEAVING)
_RELIGION_TABLE: Final = _table(_RELIGIONS)
_OCCUPATION_TABLE: Final = _table(_OCCUPATIONS)
_T = GrassrootsType
# Rows of Biểu 5 within each sector, in per cent (illustrative shares).
_GRASSROOTS_TABLES: Final = {
    Sector.CO_QUAN: _table([(_T.CO_QUAN_DANG_DOAN_THE, 40), (_T.CO_QUAN_NHA_NUOC, 60)]),
    Sector.DON_VI_SU_NGHIEP: _table(
        [(_T.SU_NGHIEP_CONG_LAP, 90), (_T.SU_NGHIEP_NGOAI_CONG_LAP, 10)]
    ),
    Sector.DOANH_NGHIEP_NHA_NUOC: _table(
        [(_T.DN_NHA_NUOC_100, 50), (_T.DN_NHA_NUOC_TU_50, 35), (_T.DN_NHA_NUOC_DUOI_50, 15)]
    ),
    Sector.DOANH_NGHIEP_NGOAI_NHA_NUOC: _table(
        [
            (_T.CONG_TY_CO_PHAN, 35),
            (_T.CONG_TY_TNHH, 35),
            (_T.DN_TU_NHAN, 10),
            (_T.CONG_TY_HOP_DANH, 2),
            (_T.DN_VON_NUOC_NGOAI, 12),
            (_T.DN_100_VON_NUOC_NGOAI, 6),
        ]
    ),
    Sector.QUAN_DOI: (_T.QUAN_DOI,),
    Sector.CONG_AN: (_T.CONG_AN,),
    Sector.KHAC: _table([(_T.HOP_TAC_XA, 30), (_T.KHAC, 70)]),
}
_SCHOOLING_TABLE: Final = _table(_SCHOOLING)
_MEMBER_RATING_TABLE: Final = _table(_MEMBER_RATINGS)
_ORG_RATING_TABLE: Final = _table(_ORG_RATINGS)

# Shares of the breakdowns' fields (docs/thong-ke-dac-diem.md lists them with sources):
# women about a third of members (32,8% in 2010, Tổng cục Thống kê; the issue's "about a
# third"); ethnic minorities 14,7% of the population (Tổng điều tra dân số 2019) and fewer
# among members, 11,06% of provincial committee members elected in 2020 (Ban Tổ chức
# Trung ương): 9% here; religious believers, occupations and schooling: illustrative.
_P_FEMALE: Final = 0.34
_RETIRED_FEMALE: Final = int(55 * 365.25)  # days of age
_RETIRED_MALE: Final = int(60 * 365.25)
_ELDERLY: Final = int(70 * 365.25)
_YOUTH_AGE: Final = int(31 * 365.25) - 1  # days: 30 years old or under at the year's end
_P_ADMITTED_THIS_YEAR: Final = 0.034
_P_LEFT_THIS_YEAR: Final = 0.012
_P_MINORITY: Final = 0.09
# Ethnic minorities' share of the population by socio-economic region, rounded (Tổng
# điều tra dân số và nhà ở 2019): highest in the northern midlands and mountains, then
# the Central Highlands, lowest in the Red River delta. Weighted by population they give
# the national 14,7%.
_MINORITY_BY_REGION: Final = {
    "Trung du và miền núi phía Bắc": 0.56,
    "Tây Nguyên": 0.38,
    "Bắc Trung Bộ và duyên hải miền Trung": 0.10,
    "Đồng bằng sông Cửu Long": 0.08,
    "Đông Nam Bộ": 0.05,
    "Đồng bằng sông Hồng": 0.015,
}
# The region of each of the nation's 34 provinces, in order: the six centrally run cities
# first (Hà Nội, Hải Phòng, Huế, Đà Nẵng, TP Hồ Chí Minh, Cần Thơ), then 28 provinces in
# the regions' numbers since 1/7/2025.
_PROVINCE_REGIONS: Final = (
    "Đồng bằng sông Hồng", "Đồng bằng sông Hồng", "Bắc Trung Bộ và duyên hải miền Trung",
    "Bắc Trung Bộ và duyên hải miền Trung", "Đông Nam Bộ", "Đồng bằng sông Cửu Long",
    *["Đồng bằng sông Hồng"] * 4, *["Trung du và miền núi phía Bắc"] * 9,
    *["Bắc Trung Bộ và duyên hải miền Trung"] * 6, *["Tây Nguyên"] * 3,
    *["Đông Nam Bộ"] * 2, *["Đồng bằng sông Cửu Long"] * 4,
)  # fmt: skip
# Members of a province from an ethnic minority: its region's share of the population,
# scaled so that the 34 provinces, about equal in members, give the national _P_MINORITY
# (fewer members than inhabitants come from the minorities).
_MINORITY_SCALE: Final = _P_MINORITY / (
    sum(_MINORITY_BY_REGION[region] for region in _PROVINCE_REGIONS) / len(_PROVINCE_REGIONS)
)
_P_RELIGIOUS: Final = 0.06
_P_YOUTH_UNION: Final = 0.85  # of members admitted before 30, while they are 30 or under
_P_ENTERPRISE_OWNER: Final = 0.004
_P_PROFESSOR: Final = 0.12  # of doctors: phó giáo sư, and a fifth of those giáo sư
_P_GAP: Final = 0.002
_P_EXEMPT_ELDERLY: Final = 0.3  # of members aged 70 and over
_Persona = tuple[
    Gender,
    Education | None,
    PoliticalTheory | None,
    Ethnicity,
    Religion,
    int,
    int,
    bool,
    bool,
    "_Traits",
]
# Traits the statistics forms break down by, drawn from their own random stream so that
# adding them left every other generated value as it was: occupation while working,
# general education, academic title, youth union (while 30 or under), enterprise owner.
_Traits = tuple[Occupation, GeneralEducation | None, AcademicTitle | None, bool, bool]
# Exceptions left for the Charter checks (per chi bộ or per TCCSĐ).
_P_TOO_FEW: Final = 0.003  # a chi bộ with two members
_P_BIG_CHI_BO_CO_SO: Final = 0.01  # a chi bộ cơ sở with 30 or more members
_P_SMALL_DANG_BO: Final = 0.01  # a đảng bộ cơ sở with fewer than 30 members
_P_OVER_QUOTA: Final = 0.02  # a TCCSĐ whose HTXSNV exceed a fifth of its HTTNV


# A member's rating before the TCCSĐ's quota is applied: (member id, rating, disciplined,
# months of sick leave, exempted, reason for no rating).
_Pending = tuple[str, Rating | None, bool, int, bool, str | None]


@frozen
class _Profile:
    """How grassroots organizations are shaped (means are of draws, not exact)."""

    #: Share of non-commune TCCSĐ that are đảng bộ cơ sở.
    dang_bo_share: float
    #: Mean chi bộ trực thuộc in a non-commune đảng bộ cơ sở, beyond the first three.
    extra_chi_bo: float
    #: Mean members of a chi bộ trực thuộc, beyond the first three.
    extra_members: float
    #: Most common size of a chi bộ cơ sở (sizes run from 5 to 29).
    chi_bo_co_so_mode: float
    #: Share of đảng bộ cơ sở with a đảng bộ bộ phận.
    bo_phan_share: float
    #: Share of chi bộ of 20 members or more that are split into tổ đảng.
    to_dang_share: float


# Calibrated on the seeds' provinces: 737-800 TCCSĐ, a third of them đảng bộ cơ sở, about
# 3.000 chi bộ trực thuộc, 40.000 members.
_PROVINCE = _Profile(0.235, 5.6, 8.8, 9.0, 0.0, 0.17)
# Calibrated on the national figures: 52.000 TCCSĐ, about 225.000 chi bộ trực thuộc,
# 5,6 million members.
_NATION = _Profile(0.70, 2.25, 23.6, 20.0, 0.01, 0.05)

_SECTORS_DISTRICT: Final = _table([
    (Sector.CO_QUAN, 35), (Sector.DON_VI_SU_NGHIEP, 45),
    (Sector.DOANH_NGHIEP_NGOAI_NHA_NUOC, 15), (Sector.DOANH_NGHIEP_NHA_NUOC, 5),
])  # fmt: skip
_SECTORS_AGENCIES: Final = _table([(Sector.CO_QUAN, 70), (Sector.DON_VI_SU_NGHIEP, 30)])
_SECTORS_BUSINESS: Final = _table(
    [(Sector.DOANH_NGHIEP_NHA_NUOC, 50), (Sector.DOANH_NGHIEP_NGOAI_NHA_NUOC, 50)]
)
_AGENCIES: Final = ("Phòng Tài chính - Kế hoạch", "Phòng Nội vụ", "Phòng Tư pháp",
                    "Phòng Kinh tế", "Văn phòng Ủy ban nhân dân", "Ban Tổ chức",
                    "Ủy ban Kiểm tra", "Ban Tuyên giáo", "Sở Y tế", "Sở Giáo dục và Đào tạo",
                    "Sở Xây dựng", "Kho bạc Nhà nước", "Chi cục Thuế", "Tòa án nhân dân",
                    "Viện Kiểm sát nhân dân", "Liên đoàn Lao động")  # fmt: skip
_SERVICES: Final = ("Trường Tiểu học", "Trường Trung học cơ sở", "Trường Trung học phổ thông",
                    "Trường Mầm non", "Trung tâm Y tế", "Bệnh viện Đa khoa",
                    "Trung tâm Văn hóa - Thể thao", "Ban Quản lý dự án")  # fmt: skip
_COMPANIES_STATE: Final = ("Công ty TNHH MTV Cao su", "Công ty Điện lực",
                           "Công ty Cấp thoát nước", "Ngân hàng Nông nghiệp chi nhánh")  # fmt: skip
_COMPANIES_PRIVATE: Final = ("Công ty Cổ phần", "Công ty TNHH", "Hợp tác xã")
_INNER: Final = ("Phòng", "Khoa", "Tổ", "Xưởng", "Đội", "Bộ phận")
_COMMUNE_OTHER: Final = ("Chi bộ Cơ quan", "Chi bộ Trường Tiểu học", "Chi bộ Trường Mầm non",
                         "Chi bộ Trạm Y tế", "Chi bộ Hợp tác xã")  # fmt: skip


class _Builder:
    """Accumulates records; one instance per generated dataset."""

    def __init__(self, seed: int, year: int, profile: _Profile, evaluations: bool) -> None:
        self.rng = random.Random(seed)
        self.traits_rng = random.Random(f"traits-{seed}")
        # The nation's members take their province's minority share, from a stream of
        # their own (every other value stays as a province generates it).
        self.minority_share: float | None = None
        self.ethnicity_rng = random.Random(f"ethnicity-{seed}")
        self.year = year
        self.profile = profile
        self.with_evaluations = evaluations
        self.organizations: list[Organization] = []
        self.members: list[Member] = []
        self.units: list[ResidentialUnit] = []
        self.evaluations: list[Evaluation] = []
        self.member_count = 0
        # One date object per day, shared by every record that falls on it.
        self.first_day = date(1900, 1, 1).toordinal()
        self.days = [
            date.fromordinal(day)
            for day in range(self.first_day, date(year + 1, 12, 31).toordinal() + 1)
        ]
        self.year_start = date(year, 1, 1).toordinal()
        self.year_end = date(year, 12, 31).toordinal()
        # Admitted after this day: less than six months before the December rating.
        self.rating_cutoff = date(year, 6, 15).toordinal()
        self.personas = [self.persona(committee=False) for _ in range(1 << 14)]
        self.committee_personas = [self.persona(committee=True) for _ in range(1 << 10)]
        self.admissions = [self.admission(senior=False) for _ in range(1 << 14)]
        self.senior_admissions = [self.admission(senior=True) for _ in range(1 << 14)]
        self.places = [f"{a} {b}" for a in PLACE_WORDS for b in PLACE_WORDS if a != b]
        self.rng.shuffle(self.places)
        self.place_index = 0

    # -- tables drawn once ----------------------------------------------------------------

    def persona(self, *, committee: bool) -> _Persona:
        """Traits drawn together: gender, education, theory, ethnicity, religion, age at
        admission (days), days from decision to ceremony (0 to 40), works, keeps contact."""
        rng = self.rng
        gender = Gender.NU if rng.random() < _P_FEMALE else Gender.NAM
        education: Education | None
        theory: PoliticalTheory | None
        if committee:
            education = self.pick(_EDUCATION_COMMITTEE_TABLE)
            theory = self.pick(_THEORY_COMMITTEE_TABLE)
        else:
            education = self.pick(_EDUCATION_TABLE)
            theory = self.pick(_THEORY_TABLE)
        ethnicity = self.pick(_ETHNIC_MINORITIES) if rng.random() < _P_MINORITY else Ethnicity.KINH
        religion = self.pick(_RELIGION_TABLE) if rng.random() < _P_RELIGIOUS else Religion.KHONG
        age_days = int(self.pick(_ADMISSION_AGE) * 365.25) + rng.randrange(365)
        works = committee or rng.random() < 0.9
        contact = rng.random() < 0.97
        return (
            gender, education, theory, ethnicity, religion, age_days, rng.randrange(41),
            works, contact, self.traits(education, age_days),
        )  # fmt: skip

    def traits(self, education: Education | None, age_days: int) -> _Traits:
        """The form-breakdown traits of a persona, from their own random stream."""
        rng = self.traits_rng
        occupation = _OCCUPATION_TABLE[int(rng.random() * _TABLE)]
        schooling = (
            GeneralEducation.THPT
            if education is not None and education is not Education.CHUA_DAO_TAO
            else _SCHOOLING_TABLE[int(rng.random() * _TABLE)]
        )
        title = None
        if education is Education.TIEN_SI and rng.random() < _P_PROFESSOR:
            title = AcademicTitle.GIAO_SU if rng.random() < 0.2 else AcademicTitle.PHO_GIAO_SU
        youth = age_days < 30 * 365 and rng.random() < _P_YOUTH_UNION
        return occupation, schooling, title, youth, rng.random() < _P_ENTERPRISE_OWNER

    def admission(self, *, senior: bool) -> int:
        """Days from 1 January of the rated year to an admission decision.

        About 3,4% fall in the rated year (up to early December); the rest lie 1 to 66
        years back, most recent. *senior* ones (committee members) are 3 years back or more.
        """
        rng = self.rng
        if not senior and rng.random() < _P_ADMITTED_THIS_YEAR:
            return rng.randrange(334)
        back = self.pick(_PARTY_YEARS)
        if senior and back < 3:
            back += 3
        return -int(back * 365.25) + rng.randrange(365)

    # -- small helpers -----------------------------------------------------------------------

    def day(self, ordinal: int) -> date:
        return self.days[ordinal - self.first_day]

    def place(self) -> str:
        """A fresh fictional place name (names repeat only after 870 of them)."""
        name = self.places[self.place_index % len(self.places)]
        self.place_index += 1
        return name

    def pick(self, table: Sequence[T]) -> T:
        return table[int(self.rng.random() * len(table))]

    def ethnicity(self, minority_share: float) -> Ethnicity:
        """A member's ethnicity where *minority_share* of members are of a minority."""
        rng = self.ethnicity_rng
        if rng.random() >= minority_share:
            return Ethnicity.KINH
        return _ETHNIC_MINORITIES[int(rng.random() * len(_ETHNIC_MINORITIES))]

    def grassroots_type(self, name: str, sector: Sector | None) -> GrassrootsType | None:
        """The row of Biểu 5 for a grassroots organization of *sector* (its own stream)."""
        if sector is Sector.XA_PHUONG:
            folded = name.casefold()
            if "phường" in folded:
                return GrassrootsType.PHUONG
            return GrassrootsType.THI_TRAN if "thị trấn" in folded else GrassrootsType.XA
        table = _GRASSROOTS_TABLES.get(sector) if sector is not None else None
        if table is None:
            return None
        return table[int(self.traits_rng.random() * len(table))]

    def founded(self) -> int:
        """A founding day; about 1% of organizations were founded late in the rated year."""
        if self.rng.random() < 0.01:
            return self.rating_cutoff + self.rng.randrange(1, 150)
        return date(self.rng.randrange(1975, self.year), 1, 1).toordinal() + self.rng.randrange(365)

    def org(
        self,
        org_id: str,
        name: str,
        kind: OrgKind,
        parent_id: str | None,
        sector: Sector | None = None,
        *,
        rated: bool = False,
        quan_su: bool | None = None,
        cong_an: bool | None = None,
    ) -> None:
        founded = self.founded() if parent_id is not None else None
        self.organizations.append(
            _new_org(
                org_id,
                name,
                kind,
                parent_id,
                sector,
                None if founded is None else self.day(founded),
                None,
                quan_su,
                cong_an,
                self.grassroots_type(name, sector) if kind.is_grassroots else None,
            )
        )
        if rated and self.with_evaluations and founded is not None:
            if founded > self.rating_cutoff:
                self.evaluations.append(
                    _new_evaluation(
                        org_id,
                        self.year,
                        None,
                        SubjectKind.ORGANIZATION,
                        not_rated_reason="Thành lập chưa đủ 6 tháng",
                    )
                )
            else:
                rating = self.pick(_ORG_RATING_TABLE)
                disciplined = rating is Rating.KHTNV and self.rng.random() < 0.3
                self.evaluations.append(
                    _new_evaluation(
                        org_id, self.year, rating, SubjectKind.ORGANIZATION, disciplined
                    )
                )

    # -- sizes -------------------------------------------------------------------------------

    def chi_bo_size(self) -> int:
        """Members of a chi bộ trực thuộc: three plus an exponential tail, rarely two."""
        if self.rng.random() < _P_TOO_FEW:
            return 2
        extra = self.rng.expovariate(1 / self.profile.extra_members)
        return 3 + min(int(extra), 150)

    def chi_bo_co_so_size(self) -> int:
        """Members of a chi bộ cơ sở: 5 to 29, with a rare 30 to 34."""
        if self.rng.random() < _P_BIG_CHI_BO_CO_SO:
            return self.rng.randrange(30, 35)
        return round(self.rng.triangular(5, 29, self.profile.chi_bo_co_so_mode))

    def committee(self, members: int, *, dang_bo: bool) -> list[CommitteeRole]:
        """The seats of a TCCSĐ's committee (đảng ủy, or the chi ủy of a chi bộ cơ sở)."""
        if dang_bo:
            seats = min(15, max(5, members // 12)) | 1  # committees have an odd size
        elif members >= 9:
            seats = self.rng.choice((3, 5))
        else:
            seats = 2
        deputies = 2 if seats >= 9 else 1
        roles = [CommitteeRole.BI_THU] + [CommitteeRole.PHO_BI_THU] * deputies
        return roles + [CommitteeRole.UY_VIEN] * (seats - len(roles))

    # -- members -----------------------------------------------------------------------------

    def fill(
        self,
        org_id: str,
        size: int,
        roles: Sequence[CommitteeRole],
        pending: list[_Pending],
        *,
        residence: str | None = None,
        to_dang: Sequence[str] = (),
    ) -> None:
        """Make *size* members of chi bộ *org_id*, the first ones holding *roles*.

        This loop runs 5,6 million times for a nation: each member costs a handful of
        draws from the persona, name and admission tables made in :meth:`__init__`.
        """
        rnd = self.rng.random
        days, first_day = self.days, self.first_day
        year_start, year_end = self.year_start, self.year_end
        male, female = _MALE_NAMES, _FEMALE_NAMES
        n_male, n_female = len(male), len(female)
        personas, n_personas = self.personas, len(self.personas)
        admissions, n_admissions = self.admissions, len(self.admissions)
        groups = len(to_dang)
        n_roles = len(roles)
        members = self.members
        rate = self.with_evaluations
        cutoff = self.rating_cutoff
        for k in range(size):
            self.member_count += 1
            member_id = f"DV{self.member_count:07d}"
            role = roles[k] if k < n_roles else None
            if role is None:
                persona = personas[int(rnd() * n_personas)]
                admitted = year_start + admissions[int(rnd() * n_admissions)]
            else:
                persona = self.committee_personas[int(rnd() * len(self.committee_personas))]
                admitted = year_start + self.senior_admissions[int(rnd() * n_admissions)]
            gender, education, theory, ethnicity, religion, age_days, delay, works, contact = (
                persona[:9]
            )
            occupation, schooling, title, youth, owner = persona[9]
            if self.minority_share is not None:
                ethnicity = self.ethnicity(self.minority_share)
            is_female = gender is Gender.NU
            name = female[int(rnd() * n_female)] if is_female else male[int(rnd() * n_male)]
            birth = admitted - age_days
            if age_days < _ADULT_DAYS and completed_years(
                days[birth - first_day], days[admitted - first_day]
            ) < min(_ADMISSION_AGE):
                # 18 years are 6,574 or 6,575 days by the leap days in them: a member is
                # admitted at 18 or over, never on the last day of being 17.
                birth -= 1
            ceremony = admitted + delay
            age = year_end - birth
            retired = age >= (_RETIRED_FEMALE if is_female else _RETIRED_MALE)
            working = works and (not retired or role is not None)
            # One draw decides the rare events: leaving, a gap, exemption of the elderly.
            u = rnd()
            left = reason = exempted = None
            gaps: tuple[InactivePeriod, ...] = ()
            if role is not None:
                pass
            elif u < _P_LEFT_THIS_YEAR:
                left = max(ceremony + 1, year_start + int(u / _P_LEFT_THIS_YEAR * 365))
                reason = _LEAVING_TABLE[int(rnd() * _TABLE)]
                if left > year_end:
                    left = reason = None
            elif u < _P_LEFT_THIS_YEAR + _P_GAP:
                if admitted + 3 * 365 + 1300 + 1065 < year_start:
                    start = admitted + 3 * 365 + int(rnd() * 600)
                    end = start + 365 + int(rnd() * 700)
                    gaps = (InactivePeriod(days[start - first_day], days[end - first_day]),)
            elif u >= 1 - _P_EXEMPT_ELDERLY and age >= _ELDERLY:
                exempted = max(ceremony, year_start - int((1 - u) / _P_EXEMPT_ELDERLY * 1800))
            members.append(
                _new_member(
                    member_id,
                    name,
                    org_id,
                    days[admitted - first_day],
                    days[ceremony - first_day],
                    None,
                    days[birth - first_day],
                    gender,
                    ethnicity,
                    religion,
                    None,
                    None,
                    None,
                    gaps,
                    None if left is None else days[left - first_day],
                    reason,
                    working,
                    contact if working else None,
                    residence,
                    role,
                    education,
                    theory,
                    None if exempted is None else days[exempted - first_day],
                    to_dang[k % groups] if groups else None,
                    occupation if working else (Occupation.NGHI_HUU if retired else _O.KHAC),
                    schooling,
                    title,
                    youth and age <= _YOUTH_AGE,
                    owner and working,
                )
            )
            if not rate or left is not None:
                continue
            # (member, rating, disciplined, sick-leave months, exempted, not-rated reason)
            if exempted is not None:
                pending.append((member_id, None, False, 0, True, None))
            elif admitted > cutoff:
                pending.append((member_id, None, False, 0, False, "Kết nạp chưa đủ 6 tháng"))
            else:
                u = rnd()
                if role is not None:
                    rating = Rating.HTXSNV if u < 0.3 else Rating.HTTNV
                    pending.append((member_id, rating, False, 0, False, None))
                elif u < 0.006:
                    reason_text = _NOT_RATED[int(u / 0.006 * len(_NOT_RATED))]
                    pending.append((member_id, None, False, 0, False, reason_text))
                elif u < 0.009:
                    pending.append((member_id, Rating.KHTNV, True, 0, False, None))
                elif u < 0.014:
                    months = 3 + int((u - 0.009) / 0.005 * 4)
                    pending.append((member_id, Rating.HTNV, False, months, False, None))
                else:
                    rating = _MEMBER_RATING_TABLE[int((u - 0.014) / 0.986 * _TABLE)]
                    pending.append((member_id, rating, False, 0, False, None))

    def rate_members(self, pending: list[_Pending]) -> None:
        """Turn one TCCSĐ's pending ratings into evaluations, keeping the HTXSNV quota."""
        if not pending:
            return
        good = sum(1 for entry in pending if entry[1] is Rating.HTTNV)
        excellent = sum(1 for entry in pending if entry[1] is Rating.HTXSNV)
        # No more HTXSNV than a fifth of HTTNV (21-HD/BTCTW), except in a few TCCSĐ.
        excess = excellent - (good + excellent) // 6
        if self.rng.random() < _P_OVER_QUOTA:
            excess = 0
        year = self.year
        member = SubjectKind.MEMBER
        for subject_id, rating, disciplined, sick, exempted, reason in pending:
            if excess > 0 and rating is Rating.HTXSNV:
                rating = Rating.HTTNV
                excess -= 1
            self.evaluations.append(
                _new_evaluation(
                    subject_id, year, rating, member, disciplined, False, sick, exempted, reason
                )
            )

    # -- organizations -----------------------------------------------------------------------

    def chi_bo_truc_thuoc(
        self,
        chi_bo_id: str,
        name: str,
        parent_id: str,
        size: int,
        roles: Sequence[CommitteeRole],
        pending: list[_Pending],
        *,
        sector: Sector | None = None,
        residence: str | None = None,
    ) -> None:
        """One chi bộ trực thuộc, its occasional tổ đảng, and its members.

        A chi bộ holding committee seats has at least as many members as seats.
        """
        size = max(size, len(roles))
        self.org(chi_bo_id, name, OrgKind.CHI_BO_TRUC_THUOC, parent_id, sector, rated=True)
        groups = self.to_dang(chi_bo_id, size)
        self.fill(chi_bo_id, size, roles, pending, residence=residence, to_dang=groups)

    def to_dang(self, chi_bo_id: str, size: int) -> list[str]:
        """Tổ đảng for some chi bộ of 20 members or more (the profile's share)."""
        if size < 20 or self.rng.random() >= self.profile.to_dang_share:
            return []
        groups = [f"{chi_bo_id}.T{i}" for i in range(1, 2 + size // 15)]
        for i, group_id in enumerate(groups, 1):
            self.org(group_id, f"Tổ đảng số {i}", OrgKind.TO_DANG, chi_bo_id)
        return groups

    def grassroots(
        self, tccsd_id: str, parent_id: str, sector: Sector, *, bo_phan: bool | None = None
    ) -> bool:
        """A non-commune TCCSĐ of *sector*: a đảng bộ cơ sở or a chi bộ cơ sở.

        A đảng bộ cơ sở gets a đảng bộ bộ phận when *bo_phan* is true (``None``: by the
        profile's share). Returns whether it got one.
        """
        place = self.place()
        if sector is Sector.CO_QUAN:
            body = f"{self.pick(_AGENCIES)} {place}"
        elif sector is Sector.DON_VI_SU_NGHIEP:
            body = f"{self.pick(_SERVICES)} {place}"
        elif sector is Sector.DOANH_NGHIEP_NHA_NUOC:
            body = f"{self.pick(_COMPANIES_STATE)} {place}"
        else:
            body = f"{self.pick(_COMPANIES_PRIVATE)} {place}"
        pending: list[_Pending] = []
        if self.rng.random() >= self.profile.dang_bo_share:
            size = self.chi_bo_co_so_size()
            kind = OrgKind.CHI_BO_CO_SO
            self.org(tccsd_id, f"Chi bộ {body}", kind, parent_id, sector, rated=True)
            groups = self.to_dang(tccsd_id, size)
            roles = self.committee(size, dang_bo=False)
            self.fill(tccsd_id, size, roles, pending, to_dang=groups)
            self.rate_members(pending)
            return False
        kind = OrgKind.DANG_BO_CO_SO
        self.org(tccsd_id, f"Đảng bộ {body}", kind, parent_id, sector, rated=True)
        count = 3 + min(int(self.rng.expovariate(1 / self.profile.extra_chi_bo)), 60)
        sizes = [self.chi_bo_size() for _ in range(count)]
        if sum(sizes) < 30 and self.rng.random() >= _P_SMALL_DANG_BO:
            sizes[0] += 30 - sum(sizes)
        seats = self.committee(sum(sizes), dang_bo=True)
        if bo_phan is None:
            bo_phan = self.rng.random() < self.profile.bo_phan_share
        in_bo_phan = min(count - 1, 3) if bo_phan else 0
        for i, size in enumerate(sizes, 1):
            roles = seats[i - 1 :: count]
            name = f"Chi bộ {self.pick(_INNER)} {i}"
            if i <= in_bo_phan:
                parent = f"{tccsd_id}.P1"
                if i == 1:
                    label = f"Đảng bộ bộ phận {self.pick(_INNER)} {place}"
                    self.org(parent, label, OrgKind.DANG_BO_BO_PHAN, tccsd_id)
                chi_bo_id = f"{parent}.B{i:02d}"
            else:
                parent, chi_bo_id = tccsd_id, f"{tccsd_id}.B{i:02d}"
            self.chi_bo_truc_thuoc(chi_bo_id, name, parent, size, roles, pending)
        self.rate_members(pending)
        return in_bo_phan > 0

    def residential_chi_bo(
        self,
        commune_id: str,
        parent_id: str,
        prefix: str,
        first: int,
        count: int,
        urban: bool,
        seats: Sequence[Sequence[CommitteeRole]],
        pending: list[_Pending],
    ) -> None:
        """Villages numbered from *first*, each (mostly) covered by its own chi bộ."""
        if urban:
            kind = UnitKind.KHU_PHO if self.rng.random() < 0.5 else UnitKind.TO_DAN_PHO
        else:
            kind = self.pick((UnitKind.THON, UnitKind.THON, UnitKind.AP, UnitKind.BAN))
        # The first village always has a chi bộ: it takes the committee seats of the
        # villages without one.
        covered = [True] + [self.rng.random() < 0.97 for _ in range(count - 1)]
        roles_of = [list(seats[n]) if n < len(seats) else [] for n in range(count)]
        for n in range(1, count):
            if not covered[n]:
                roles_of[0] += roles_of[n]
        for i in range(first, first + count):
            unit_id = f"{prefix}.U{i:02d}"
            unit_name = f"{kind.label} {i}"
            chi_bo_id = f"{parent_id}.B{i:02d}" if covered[i - first] else None
            has_member = True if chi_bo_id else self.rng.random() < 0.6
            head = has_member and self.rng.random() < 0.85
            self.units.append(
                _new_unit(unit_id, unit_name, commune_id, kind, chi_bo_id, has_member, head)
            )
            if chi_bo_id is not None:
                roles = roles_of[i - first]
                self.chi_bo_truc_thuoc(
                    chi_bo_id,
                    f"Chi bộ {unit_name}",
                    parent_id,
                    self.chi_bo_size(),
                    roles,
                    pending,
                    sector=Sector.XA_PHUONG,
                    residence=unit_id,
                )

    def commune(self, tccsd_id: str, parent_id: str) -> None:
        """A commune's đảng bộ cơ sở: village chi bộ, chi bộ quân sự and công an, others."""
        level = self.pick(("xã", "xã", "xã", "xã", "phường", "thị trấn"))
        urban = level != "xã"
        quan_su = self.rng.random() < 0.98
        cong_an = self.rng.random() < 0.95
        self.org(
            tccsd_id,
            f"Đảng bộ {level} {self.place()}",
            OrgKind.DANG_BO_CO_SO,
            parent_id,
            Sector.XA_PHUONG,
            rated=True,
            quan_su=quan_su,
            cong_an=cong_an,
        )
        n_villages = self.rng.randrange(6, 16)
        pending: list[_Pending] = []
        seats = self.committee(n_villages * 12, dang_bo=True)
        spread = [seats[i::n_villages] for i in range(n_villages)]
        self.residential_chi_bo(tccsd_id, tccsd_id, tccsd_id, 1, n_villages, urban, spread, pending)
        number = n_villages + 1
        for wanted, name, sector in (
            (quan_su, "Chi bộ Quân sự", Sector.QUAN_DOI),
            (cong_an, "Chi bộ Công an", Sector.CONG_AN),
        ):
            if wanted:
                size = self.rng.randrange(4, 11)
                chi_bo_id = f"{tccsd_id}.B{number:02d}"
                self.chi_bo_truc_thuoc(chi_bo_id, name, tccsd_id, size, (), pending, sector=sector)
                number += 1
        for name in self.rng.sample(_COMMUNE_OTHER, self.rng.randrange(1, 3)):
            chi_bo_id = f"{tccsd_id}.B{number:02d}"
            self.chi_bo_truc_thuoc(chi_bo_id, name, tccsd_id, self.chi_bo_size(), (), pending)
            number += 1
        self.rate_members(pending)

    def commune_level(self, commune_id: str, parent_id: str, others: int) -> None:
        """A commune-level đảng bộ (after 1/7/2025) and its TCCSĐ.

        Two residential đảng bộ cơ sở hold the villages' chi bộ; the chi bộ quân sự and
        công an are chi bộ cơ sở; *others* TCCSĐ are agencies, schools and enterprises.
        """
        level = self.pick(("xã", "xã", "xã", "phường"))
        quan_su = self.rng.random() < 0.98
        cong_an = self.rng.random() < 0.95
        self.org(
            commune_id,
            f"Đảng bộ {level} {self.place()}",
            OrgKind.DANG_BO_CAP_TREN_CO_SO,
            parent_id,
            Sector.XA_PHUONG,
            quan_su=quan_su,
            cong_an=cong_an,
        )
        for number in (1, 2):
            tccsd_id = f"{commune_id}.C{number:03d}"
            name = f"Đảng bộ Khu dân cư số {number}"
            self.org(tccsd_id, name, OrgKind.DANG_BO_CO_SO, commune_id, rated=True)
            villages = self.rng.randrange(8, 17)
            pending: list[_Pending] = []
            seats = self.committee(villages * 24, dang_bo=True)
            spread = [seats[i::villages] for i in range(villages)]
            urban = level == "phường"
            self.residential_chi_bo(
                commune_id, tccsd_id, tccsd_id, 1, villages, urban, spread, pending
            )
            self.rate_members(pending)
        number = 3
        for wanted, name, sector in (
            (quan_su, "Chi bộ Quân sự", Sector.QUAN_DOI),
            (cong_an, "Chi bộ Công an", Sector.CONG_AN),
        ):
            if wanted:
                tccsd_id = f"{commune_id}.C{number:03d}"
                size = self.rng.randrange(5, 16)
                self.org(
                    tccsd_id,
                    f"{name} {level}",
                    OrgKind.CHI_BO_CO_SO,
                    commune_id,
                    sector,
                    rated=True,
                )
                pending = []
                self.fill(tccsd_id, size, self.committee(size, dang_bo=False), pending)
                self.rate_members(pending)
                number += 1
        for _ in range(others):
            sector = self.pick(_SECTORS_DISTRICT)
            self.grassroots(f"{commune_id}.C{number:03d}", commune_id, sector)
            number += 1

    def dataset(self, name: str) -> Dataset:
        return Dataset(
            self.organizations,
            self.members,
            self.units,
            self.evaluations,
            name=name,
            year=self.year,
        )


def _spread(total: int, parts: int, rng: random.Random) -> list[int]:
    """Split *total* into *parts* counts that differ by a little randomness."""
    if parts <= 0:
        return []
    weights = [0.6 + 0.8 * rng.random() for _ in range(parts)]
    scale = total / sum(weights)
    counts = [int(w * scale) for w in weights]
    for i in range(total - sum(counts)):
        counts[i % parts] += 1
    return counts


def _check_scale(scale: float) -> None:
    if not isinstance(scale, (int, float)) or isinstance(scale, bool) or not scale > 0:
        raise ValueError(f"scale must be a positive number, not {scale!r}")


def generate_province(
    seed: int = 0,
    *,
    scale: float = 1.0,
    year: int = 2024,
    under_central: bool = False,
    evaluations: bool = True,
) -> Dataset:
    """A synthetic province as it stood on 31/12/*year*, with that year's evaluations.

    At ``scale=1.0``: a đảng bộ tỉnh (under a Trung ương root when *under_central*) with
    about 20 đảng bộ cấp trên cơ sở (huyện, thị xã and thành phố đảng bộ, and up to two
    đảng bộ khối), about 800 TCCSĐ (120 communes with their villages, agencies, schools
    and hospitals, enterprises; about a third of all TCCSĐ are đảng bộ cơ sở), a couple of
    đảng bộ bộ phận, about 3.000 chi bộ trực thuộc, occasional tổ đảng, three bodies beside
    the tree and about 40.000 members. *scale* multiplies the grassroots counts; the
    superior levels grow with its square root.

    Args:
        seed: the seed of the generator's own :class:`random.Random`.
        scale: a positive multiplier of the counts (``0.01`` for fast tests).
        year: the year rated; members and organizations are dated up to its end.
        under_central: put a ``TRUNG_UONG`` root (id ``"TW"``) above the province.
        evaluations: also make the year's evaluations of members, TCCSĐ and chi bộ trực thuộc.

    Raises:
        ValueError: *scale* is not a positive number.

    >>> data = generate_province(seed=7, scale=0.05)
    >>> 1500 < len(data.members) < 2500
    True
    >>> data.organizations[0].id
    'T01'
    """
    _check_scale(scale)
    with paused():
        return _province(seed, scale, year, under_central, evaluations)


def _province(
    seed: int, scale: float, year: int, under_central: bool, evaluations: bool
) -> Dataset:
    builder = _Builder(seed, year, _PROVINCE, evaluations)
    rng = builder.rng
    root_parent = None
    if under_central:
        builder.org("TW", "Trung ương", OrgKind.TRUNG_UONG, None)
        root_parent = "TW"
    province = builder.place()
    name = f"Đảng bộ tỉnh {province}"
    builder.org("T01", name, OrgKind.DANG_BO_TINH, root_parent)
    for i, body in enumerate(("Ban cán sự đảng Ủy ban nhân dân tỉnh",), 1):
        builder.org(f"T01.D{i}", body, OrgKind.BAN_CAN_SU_DANG, "T01")
    for i, body in enumerate(
        ("Đảng đoàn Hội đồng nhân dân tỉnh", "Đảng đoàn Ủy ban Mặt trận Tổ quốc tỉnh"), 2
    ):
        builder.org(f"T01.D{i}", body, OrgKind.DANG_DOAN, "T01")

    superiors = max(2, round(20 * math.sqrt(scale)))
    blocs = min(2, superiors // 4)
    districts = superiors - blocs
    communes = max(1, round(120 * scale))
    others = max(1, round(680 * scale))
    to_blocs = round(others * 0.25) if blocs else 0
    bo_phan = max(1, round(2 * scale))  # "a couple" of đảng bộ bộ phận

    commune_counts = _spread(communes, districts, rng)
    other_counts = _spread(others - to_blocs, districts, rng)
    for d in range(districts):
        district_id = f"T01.H{d + 1:02d}"
        level = "huyện" if d >= 2 else ("thành phố" if d == 0 else "thị xã")
        district = f"Đảng bộ {level} {builder.place()}"
        builder.org(district_id, district, OrgKind.DANG_BO_CAP_TREN_CO_SO, "T01")
        number = 0
        for _ in range(commune_counts[d]):
            number += 1
            builder.commune(f"{district_id}.C{number:03d}", district_id)
        for _ in range(other_counts[d]):
            number += 1
            sector = builder.pick(_SECTORS_DISTRICT)
            tccsd_id = f"{district_id}.C{number:03d}"
            if builder.grassroots(tccsd_id, district_id, sector, bo_phan=bo_phan > 0):
                bo_phan -= 1
    bloc_names = ("Đảng bộ Khối các cơ quan tỉnh", "Đảng bộ Khối doanh nghiệp tỉnh")
    bloc_tables = (_SECTORS_AGENCIES, _SECTORS_BUSINESS)
    for b, count in enumerate(_spread(to_blocs, blocs, rng)):
        bloc_id = f"T01.K{b + 1}"
        builder.org(bloc_id, bloc_names[b], OrgKind.DANG_BO_CAP_TREN_CO_SO, "T01")
        for number in range(1, count + 1):
            builder.grassroots(f"{bloc_id}.C{number:03d}", bloc_id, builder.pick(bloc_tables[b]))
    return builder.dataset(name)


def generate_nation(
    seed: int = 0, *, scale: float = 1.0, year: int = 2024, evaluations: bool = True
) -> Dataset:
    """A synthetic nation shaped as after 1/7/2025, with *year*'s evaluations.

    At ``scale=1.0``: a Trung ương root (``"TW"``), 34 đảng bộ tỉnh, 3.321 commune-level
    đảng bộ cấp trên cơ sở (with their chi bộ quân sự and công an, and their villages'
    chi bộ grouped into residential đảng bộ cơ sở) and two đảng bộ khối per province,
    about 52.000 TCCSĐ, 280.000 organizations in all and 5,6 million members. *scale*
    multiplies the commune, grassroots and member counts (the 34 provinces stay).

    Generating the full nation takes about half a minute and a few gigabytes; records are
    assembled without re-running their validators (the generator's values are valid by
    construction), so pass ``evaluations=False`` when only the tree is wanted.

    Args:
        seed: the seed of the generator's own :class:`random.Random`.
        scale: a positive multiplier of the counts (``0.001`` for fast tests).
        year: the year rated; records are dated up to its end.
        evaluations: also make the year's evaluations of members, TCCSĐ and chi bộ trực thuộc.

    Raises:
        ValueError: *scale* is not a positive number.

    >>> data = generate_nation(seed=1, scale=0.0005, evaluations=False)
    >>> sum(org.kind is OrgKind.DANG_BO_TINH for org in data.organizations)
    34
    """
    _check_scale(scale)
    with paused():
        return _nation(seed, scale, year, evaluations)


def _nation(seed: int, scale: float, year: int, evaluations: bool) -> Dataset:
    builder = _Builder(seed, year, _NATION, evaluations)
    rng = builder.rng
    builder.org("TW", "Trung ương", OrgKind.TRUNG_UONG, None)
    provinces = len(_PROVINCE_REGIONS)
    communes = max(provinces, round(3321 * scale))
    tccsd = max(1, round(52000 * scale))
    bloc_share = round(tccsd * 0.12)
    # Each commune holds two residential đảng bộ cơ sở and its chi bộ quân sự and công an.
    commune_others = max(0, tccsd - bloc_share - communes * 4)
    commune_counts = _spread(communes, provinces, rng)
    other_counts = _spread(commune_others, communes, rng)
    bloc_counts = _spread(bloc_share, provinces * 2, rng)
    commune_index = 0
    for p in range(provinces):
        province_id = f"T{p + 1:02d}"
        level = "thành phố" if p < 6 else "tỉnh"
        name = f"Đảng bộ {level} {builder.place()}"
        builder.org(province_id, name, OrgKind.DANG_BO_TINH, "TW")
        builder.minority_share = _MINORITY_BY_REGION[_PROVINCE_REGIONS[p]] * _MINORITY_SCALE
        for c in range(commune_counts[p]):
            commune_id = f"{province_id}.X{c + 1:03d}"
            builder.commune_level(commune_id, province_id, other_counts[commune_index])
            commune_index += 1
        bloc_names = ("Đảng bộ các cơ quan Đảng", "Đảng bộ Ủy ban nhân dân")
        for b, bloc in enumerate(bloc_names):
            bloc_id = f"{province_id}.K{b + 1}"
            builder.org(bloc_id, f"{bloc} {level}", OrgKind.DANG_BO_CAP_TREN_CO_SO, province_id)
            for number in range(1, bloc_counts[p * 2 + b] + 1):
                sector = builder.pick(_SECTORS_AGENCIES)
                builder.grassroots(f"{bloc_id}.C{number:03d}", bloc_id, sector)
    return builder.dataset("Trung ương")
