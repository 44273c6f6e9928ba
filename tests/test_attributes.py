"""Coded member attributes: every list as the forms print it, and what clerks write."""

from __future__ import annotations

import unicodedata
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coso_dang.attributes import (
    AcademicTitle,
    AdmissionEra,
    AgeBand,
    Ethnicity,
    GeneralEducation,
    Occupation,
    Religion,
)
from coso_dang.errors import ParseError, RecordError
from coso_dang.orgs import GrassrootsType, Organization, OrgKind, Sector

CODED = (Ethnicity, Religion, Occupation, GeneralEducation, AcademicTitle)

# Biểu 2B and 4 (2021), rows 1–54, written out from the form in its row order.
ETHNIC_ROWS = [
    "Kinh",
    "Tày",
    "Thái",
    "Hoa",
    "Khơ-me",
    "Mường",
    "Nùng",
    "Mông",
    "Dao",
    "Gia-rai",
    "Ê-đê",
    "Ngái",
    "Ba-na",
    "Xơ-đăng",
    "Sán_Chay",
    "Cơ-ho",
    "Chăm",
    "Sán_Dìu",
    "Hrê",
    "Mnông",
    "Ra-glai",
    "Xtiêng",
    "Bru-Vân_Kiều",
    "Thổ",
    "Giáy",
    "Cơ-tu",
    "Gié_Triêng",
    "Mạ",
    "Khơ-mú",
    "Co",
    "Tà-ôi",
    "Chơ-ro",
    "Kháng",
    "Xinh-mun",
    "Hà_Nhì",
    "Chu-ru",
    "Lào",
    "La_Chí",
    "La_Ha",
    "Phù_Lá",
    "La_Hủ",
    "Lự",
    "Lô_Lô",
    "Chứt",
    "Mảng",
    "Pà_Thẻn",
    "Cơ_Lao",
    "Cống",
    "Bố_Y",
    "Si_La",
    "Pu_Péo",
    "Brâu",
    "Ơ_Đu",
    "Rơ-măm",
]

# What the 2021 and 2012 form sources print for the same rows (spellings differ).
FORM_SPELLINGS = {
    "Khơ Me": Ethnicity.KHO_ME,
    "Gia lai": Ethnicity.GIA_RAI,
    "Gia Rai": Ethnicity.GIA_RAI,
    "Ba-Na": Ethnicity.BA_NA,
    "Xơ-Đăng": Ethnicity.XO_DANG,
    "Sán chay": Ethnicity.SAN_CHAY,
    "Cơ Ho": Ethnicity.CO_HO,
    "HRê": Ethnicity.HRE,
    "M.Nông": Ethnicity.MNONG,
    "Raglai": Ethnicity.RAGLAI,
    "XTiêng": Ethnicity.XTIENG,
    "Bru - Vân Kiều": Ethnicity.BRU_VAN_KIEU,
    "Cơ Tu": Ethnicity.CO_TU,
    "Giẻ Triêng": Ethnicity.GIE_TRIENG,
    "Khơ Mú": Ethnicity.KHO_MU,
    "Tà ôi": Ethnicity.TA_OI,
    "Chơ - Ro": Ethnicity.CHO_RO,
    "Chu - Ru": Ethnicity.CHU_RU,
    "Phà Thẻn": Ethnicity.PA_THEN,
    "B Râu": Ethnicity.BRAU,
    "BRâu": Ethnicity.BRAU,
    "Rơ - Măm": Ethnicity.RO_MAM,
    "Dân tộc khác": Ethnicity.KHAC,
    "Q.tịch gốc nước ngoài": Ethnicity.NUOC_NGOAI,
    "Quốc tịch gốc nước ngoài": Ethnicity.NUOC_NGOAI,
}

# What people write for a group: other names, English spellings, a leading "dân tộc".
WRITTEN = {
    "Khmer": Ethnicity.KHO_ME,
    "H'Mông": Ethnicity.MONG,
    "Hmong": Ethnicity.MONG,
    "HMÔNG": Ethnicity.MONG,
    "dân tộc Kinh": Ethnicity.KINH,
    "Dân tộc Tày": Ethnicity.TAY,
    "người Hoa": Ethnicity.HOA,
    "thai": Ethnicity.THAI,
    "tay": Ethnicity.TAY,
    "muong": Ethnicity.MUONG,
    "Ede": Ethnicity.E_DE,
    "Êđê": Ethnicity.E_DE,
    "Jrai": Ethnicity.GIA_RAI,
    "K'Ho": Ethnicity.CO_HO,
    "M'Nông": Ethnicity.MNONG,
    "Stiêng": Ethnicity.XTIENG,
    "Vân Kiều": Ethnicity.BRU_VAN_KIEU,
    "người nước ngoài nhập quốc tịch": Ethnicity.NUOC_NGOAI,
    "khác": Ethnicity.KHAC,
}


def test_ethnicity_has_the_54_groups_then_the_two_other_rows_in_form_order() -> None:
    members = list(Ethnicity)
    assert len(members) == 56
    assert [m.label for m in members[:54]] == [name.replace("_", " ") for name in ETHNIC_ROWS]
    assert members[54:] == [Ethnicity.KHAC, Ethnicity.NUOC_NGOAI]


@pytest.mark.parametrize("text", sorted(FORM_SPELLINGS))
def test_ethnicity_reads_both_form_spellings(text: str) -> None:
    assert Ethnicity.parse(text) is FORM_SPELLINGS[text]


@pytest.mark.parametrize("text", sorted(WRITTEN))
def test_ethnicity_reads_what_people_write(text: str) -> None:
    assert Ethnicity.parse(text) is WRITTEN[text]


def test_every_group_but_kinh_is_a_minority() -> None:
    assert [m for m in Ethnicity if not m.is_minority] == [Ethnicity.KINH]


RELIGIONS = {
    "Phật giáo": Religion.PHAT_GIAO,
    "Đạo Phật": Religion.PHAT_GIAO,
    "Công giáo": Religion.CONG_GIAO,
    "Đạo Thiên Chúa": Religion.CONG_GIAO,
    "Thiên chúa giáo": Religion.CONG_GIAO,
    "Phật giáo Hòa Hảo": Religion.HOA_HAO,
    "Đạo Hoà Hảo": Religion.HOA_HAO,
    "Cao Đài": Religion.CAO_DAI,
    "Đạo Cao Đài": Religion.CAO_DAI,
    "Tin Lành": Religion.TIN_LANH,
    "Đạo Tin Lành": Religion.TIN_LANH,
    "Hồi giáo": Religion.HOI_GIAO,
    "Đạo Hồi": Religion.HOI_GIAO,
    "Đạo khác": Religion.KHAC,
    "Tôn giáo khác": Religion.KHAC,
    "Không": Religion.KHONG,
    "không tôn giáo": Religion.KHONG,
}


@pytest.mark.parametrize("text", sorted(RELIGIONS))
def test_religion_reads_the_2021_and_2012_rows(text: str) -> None:
    assert Religion.parse(text) is RELIGIONS[text]


def test_only_no_religion_is_not_religious() -> None:
    assert [m for m in Religion if not m.is_religious] == [Religion.KHONG]


@pytest.mark.parametrize("kind", [Ethnicity, Religion])
def test_personal_lists_never_quote_what_they_could_not_read(kind: type[Ethnicity]) -> None:
    with pytest.raises(ParseError) as caught:
        kind.parse("Xyzabc Qwerty")
    assert "Xyzabc" not in str(caught.value)
    assert "Xyzabc" not in repr(caught.value.text)


def test_other_lists_quote_the_text_they_could_not_read() -> None:
    with pytest.raises(ParseError, match="phi công vũ trụ"):
        Occupation.parse("phi công vũ trụ")


OCCUPATIONS = {
    "Cán bộ, công chức cơ quan Nhà nước tính từ cấp huyện trở lên": Occupation.CBCC_NHA_NUOC,
    "Viên chức trong các đơn vị sự nghiệp công lập": Occupation.VIEN_CHUC,
    "Người lãnh đạo, quản lý doanh nghiệp": Occupation.QUAN_LY_DOANH_NGHIEP,
    "Nhân viên, người gián tiếp sản xuất": Occupation.NHAN_VIEN_DOANH_NGHIEP,
    "Công nhân, lao động trực tiếp sản xuất": Occupation.CONG_NHAN,
    "Người làm nông, lâm, ngư nghiệp": Occupation.NONG_LAM_NGU,
    "nông dân": Occupation.NONG_LAM_NGU,
    "Sỹ quan, chiến sỹ quân đội và công an (lực lượng vũ trang)": Occupation.LUC_LUONG_VU_TRANG,
    "quân đội": Occupation.LUC_LUONG_VU_TRANG,
    "Sinh viên": Occupation.SINH_VIEN,
    "hoc sinh": Occupation.HOC_SINH,
    "Khác (lao động hợp đồng, tự do…)": Occupation.KHAC,
    "lao động tự do": Occupation.KHAC,
    "Hưu trí": Occupation.NGHI_HUU,
    "nghỉ hưu": Occupation.NGHI_HUU,
}


@pytest.mark.parametrize("text", sorted(OCCUPATIONS))
def test_occupation_reads_the_form_lines_and_short_names(text: str) -> None:
    assert Occupation.parse(text) is OCCUPATIONS[text]


def test_only_the_three_enterprise_lines_have_a_group() -> None:
    grouped = [m for m in Occupation if m.group is not None]
    assert grouped == [
        Occupation.QUAN_LY_DOANH_NGHIEP,
        Occupation.NHAN_VIEN_DOANH_NGHIEP,
        Occupation.CONG_NHAN,
    ]
    assert [m for m in Occupation if not m.is_working] == [Occupation.NGHI_HUU]


# The last grade finished, in the 12-year system (primary 1–5, lower secondary 6–9,
# upper secondary 10–12) and in the northern 10-year system before 1981 (1–4, 5–7, 8–10).
GRADES = {
    "1/12": GeneralEducation.BIET_DOC_VIET,
    "4/12": GeneralEducation.BIET_DOC_VIET,
    "5/12": GeneralEducation.TIEU_HOC,
    "8/12": GeneralEducation.TIEU_HOC,
    "9/12": GeneralEducation.THCS,
    "11/12": GeneralEducation.THCS,
    "12/12": GeneralEducation.THPT,
    "3/10": GeneralEducation.BIET_DOC_VIET,
    "4/10": GeneralEducation.TIEU_HOC,
    "6/10": GeneralEducation.TIEU_HOC,
    "7/10": GeneralEducation.THCS,
    "9/10": GeneralEducation.THCS,
    "10/10": GeneralEducation.THPT,
    "Trung học phổ thông": GeneralEducation.THPT,
    "THPT": GeneralEducation.THPT,
    "cấp II": GeneralEducation.THCS,
    "Tiểu học": GeneralEducation.TIEU_HOC,
    "Biết đọc, biết viết chữ quốc ngữ": GeneralEducation.BIET_DOC_VIET,
}


@pytest.mark.parametrize("text", sorted(GRADES))
def test_general_education_reads_grades_and_levels(text: str) -> None:
    assert GeneralEducation.parse(text) is GRADES[text]


@pytest.mark.parametrize("text", ["0/12", "13/12", "11/10"])
def test_a_grade_outside_its_system_is_refused(text: str) -> None:
    with pytest.raises(ParseError):
        GeneralEducation.parse(text)


def test_levels_compare_in_their_order() -> None:
    assert GeneralEducation.THPT.at_least(GeneralEducation.THCS)
    assert not GeneralEducation.TIEU_HOC.at_least(GeneralEducation.THCS)
    assert AcademicTitle.GIAO_SU.at_least(AcademicTitle.PHO_GIAO_SU)
    with pytest.raises(TypeError):
        AcademicTitle.GIAO_SU.at_least(GeneralEducation.THPT)


@pytest.mark.parametrize("kind", CODED)
def test_every_code_label_and_alias_names_one_member(kind: type[Occupation]) -> None:
    for member in kind:
        for name in (member.name, member.code, member.label, *member.aliases):
            assert kind.parse(name) is member
            assert kind.parse(name.upper()) is member
            # The same text in decomposed Unicode, as some keyboards and files give it.
            assert kind.parse(unicodedata.normalize("NFD", name)) is member


@given(st.sampled_from([m for kind in CODED for m in kind]), st.sampled_from(["", " ", "-"]))
def test_spacing_and_hyphens_do_not_matter(member: Occupation, joiner: str) -> None:
    words = member.label.replace("-", " ").split()
    assert type(member).parse(joiner.join(words) if joiner else " ".join(words)) is member


# Biểu 2 and 3 (2021): "Từ 18 - 30 tuổi" … "Trên 60 tuổi", each bound inclusive.
AGES = [
    (17, None),
    (18, AgeBand.TU_18_DEN_30),
    (30, AgeBand.TU_18_DEN_30),
    (31, AgeBand.TU_31_DEN_35),
    (35, AgeBand.TU_31_DEN_35),
    (36, AgeBand.TU_36_DEN_40),
    (40, AgeBand.TU_36_DEN_40),
    (41, AgeBand.TU_41_DEN_45),
    (45, AgeBand.TU_41_DEN_45),
    (46, AgeBand.TU_46_DEN_50),
    (50, AgeBand.TU_46_DEN_50),
    (51, AgeBand.TU_51_DEN_55),
    (55, AgeBand.TU_51_DEN_55),
    (56, AgeBand.TU_56_DEN_60),
    (60, AgeBand.TU_56_DEN_60),
    (61, AgeBand.TREN_60),
    (104, AgeBand.TREN_60),
]


@pytest.mark.parametrize(("age", "band"), AGES)
def test_age_bands_at_their_edges(age: int, band: AgeBand | None) -> None:
    assert AgeBand.of(age) is band


@given(st.integers(min_value=18, max_value=130))
def test_every_adult_age_is_in_exactly_one_band(age: int) -> None:
    holding = [b for b in AgeBand if b.low <= age and (b.high is None or age <= b.high)]
    assert holding == [AgeBand.of(age)]


# Biểu 3 II.3 (2021): "Trước 19/8/1945", "Từ 19/8/1945 đến 20/7/1954",
# "Từ 21/7/1954 đến 30/4/1975", "Từ 01/5/1975 đến nay".
ERAS = [
    (date(1930, 2, 3), AdmissionEra.TRUOC_19_8_1945),
    (date(1945, 8, 18), AdmissionEra.TRUOC_19_8_1945),
    (date(1945, 8, 19), AdmissionEra.TU_1945_DEN_1954),
    (date(1954, 7, 20), AdmissionEra.TU_1945_DEN_1954),
    (date(1954, 7, 21), AdmissionEra.TU_1954_DEN_1975),
    (date(1975, 4, 30), AdmissionEra.TU_1954_DEN_1975),
    (date(1975, 5, 1), AdmissionEra.TU_1975),
    (date(2025, 12, 31), AdmissionEra.TU_1975),
]


@pytest.mark.parametrize(("admitted", "era"), ERAS)
def test_admission_eras_at_their_edges(admitted: date, era: AdmissionEra) -> None:
    assert AdmissionEra.of(admitted) is era


@given(st.dates(min_value=date(1925, 1, 1), max_value=date(2100, 1, 1)))
def test_consecutive_days_never_skip_an_era(day: date) -> None:
    order = list(AdmissionEra)
    step = order.index(AdmissionEra.of(day + timedelta(days=1))) - order.index(AdmissionEra.of(day))
    assert step in (0, 1)


# Biểu 5 (2021), its rows and the groups they roll into: 1–3 xã/phường/thị trấn,
# 4–5 cơ quan, 6a–b sự nghiệp, 7 quân đội, 8 công an, 9a doanh nghiệp có vốn Nhà nước,
# 9b ngoài khu vực Nhà nước, 9c hợp tác xã, 10 ngoài nước, 11 khác.
GRASSROOTS_SECTORS = {
    GrassrootsType.XA: Sector.XA_PHUONG,
    GrassrootsType.PHUONG: Sector.XA_PHUONG,
    GrassrootsType.THI_TRAN: Sector.XA_PHUONG,
    GrassrootsType.DAC_KHU: Sector.XA_PHUONG,
    GrassrootsType.CO_QUAN_DANG_DOAN_THE: Sector.CO_QUAN,
    GrassrootsType.CO_QUAN_NHA_NUOC: Sector.CO_QUAN,
    GrassrootsType.SU_NGHIEP_CONG_LAP: Sector.DON_VI_SU_NGHIEP,
    GrassrootsType.SU_NGHIEP_NGOAI_CONG_LAP: Sector.DON_VI_SU_NGHIEP,
    GrassrootsType.QUAN_DOI: Sector.QUAN_DOI,
    GrassrootsType.CONG_AN: Sector.CONG_AN,
    GrassrootsType.DN_NHA_NUOC_100: Sector.DOANH_NGHIEP_NHA_NUOC,
    GrassrootsType.DN_NHA_NUOC_TU_50: Sector.DOANH_NGHIEP_NHA_NUOC,
    GrassrootsType.DN_NHA_NUOC_DUOI_50: Sector.DOANH_NGHIEP_NHA_NUOC,
    GrassrootsType.CONG_TY_CO_PHAN: Sector.DOANH_NGHIEP_NGOAI_NHA_NUOC,
    GrassrootsType.DN_TU_NHAN: Sector.DOANH_NGHIEP_NGOAI_NHA_NUOC,
    GrassrootsType.CONG_TY_TNHH: Sector.DOANH_NGHIEP_NGOAI_NHA_NUOC,
    GrassrootsType.CONG_TY_HOP_DANH: Sector.DOANH_NGHIEP_NGOAI_NHA_NUOC,
    GrassrootsType.DN_VON_NUOC_NGOAI: Sector.DOANH_NGHIEP_NGOAI_NHA_NUOC,
    GrassrootsType.DN_100_VON_NUOC_NGOAI: Sector.DOANH_NGHIEP_NGOAI_NHA_NUOC,
    GrassrootsType.HOP_TAC_XA: Sector.KHAC,
    GrassrootsType.NGOAI_NUOC: Sector.KHAC,
    GrassrootsType.KHAC: Sector.KHAC,
}


def test_every_grassroots_type_lies_in_one_sector() -> None:
    assert {t: t.sector for t in GrassrootsType} == GRASSROOTS_SECTORS
    assert {t.sector for t in GrassrootsType} == set(Sector)


def test_an_organization_takes_its_sector_from_its_type() -> None:
    org = Organization(
        "p1",
        "Đảng bộ phường 1",
        OrgKind.DANG_BO_CO_SO,
        "t",
        grassroots_type=(GrassrootsType.PHUONG),
    )
    assert org.sector is Sector.XA_PHUONG
    assert org.is_commune
    same = Organization(
        "p1",
        "Đảng bộ phường 1",
        OrgKind.DANG_BO_CO_SO,
        "t",
        sector=Sector.XA_PHUONG,
        grassroots_type=GrassrootsType.PHUONG,
    )
    assert same == org


def test_a_type_outside_the_given_sector_is_refused() -> None:
    with pytest.raises(RecordError, match="grassroots_type"):
        Organization(
            "c1",
            "Chi bộ Công ty A",
            OrgKind.CHI_BO_CO_SO,
            "t",
            sector=Sector.CO_QUAN,
            grassroots_type=GrassrootsType.CONG_TY_TNHH,
        )


# -- what clerks write, by class of input ----------------------------------------------------

# The official list of ethnic groups writes another name in brackets; so do clerks.
BRACKETED = {
    "Kinh (Việt)": Ethnicity.KINH,
    "Kinh(Việt)": Ethnicity.KINH,
    "Hoa (Hán)": Ethnicity.HOA,
    "HMông (Mèo)": Ethnicity.MONG,
    "Chăm (Chàm)": Ethnicity.CHAM,
    "Sán Chay (Cao Lan - Sán Chỉ)": Ethnicity.SAN_CHAY,
    "dân tộc Kinh (Việt)": Ethnicity.KINH,
}


@pytest.mark.parametrize("text", sorted(BRACKETED))
def test_a_name_with_another_name_of_it_in_brackets_is_read(text: str) -> None:
    assert Ethnicity.parse(text) is BRACKETED[text]


@pytest.mark.parametrize("text", ["Kinh (Hoa)", "Thái (Tày)", "Mường (Kinh)"])
def test_two_different_groups_are_refused_without_quoting_them(text: str) -> None:
    with pytest.raises(ParseError, match="hai dân tộc khác nhau") as caught:
        Ethnicity.parse(text)
    message = str(caught.value)
    for name in text.replace("(", " ").replace(")", " ").split():
        assert name not in message


def test_brackets_of_the_same_religion_are_read_and_of_two_refused() -> None:
    assert Religion.parse("Thiên Chúa giáo (Công giáo)") is Religion.CONG_GIAO
    with pytest.raises(ParseError, match="hai tôn giáo khác nhau"):
        Religion.parse("Phật giáo (Tin Lành)")


# Syllables spelled with a final "y" or "i" alike: "sỹ"/"sĩ", "kỹ"/"kĩ", "lý"/"lí".
@pytest.mark.parametrize(
    ("kind", "text", "member"),
    [
        (
            Occupation,
            "Sĩ quan, chiến sĩ quân đội và công an (lực lượng vũ trang)",
            Occupation.LUC_LUONG_VU_TRANG,
        ),
        (Occupation, "Sỹ quan, chiến sỹ quân đội và công an", Occupation.LUC_LUONG_VU_TRANG),
        (Ethnicity, "Sy La", Ethnicity.SI_LA),
    ],
)
def test_final_y_and_i_are_the_same_letter(
    kind: type[Occupation], text: str, member: object
) -> None:
    assert kind.parse(text) is member


def test_i_y_leaves_other_vowels_alone() -> None:
    # "uy", "ay" are vowels of their own: "Tày" is not "Tài", "Bố Y" keeps its "y".
    assert Ethnicity.parse("Tày") is Ethnicity.TAY
    assert Ethnicity.parse("Bố Y") is Ethnicity.BO_Y
    with pytest.raises(ParseError):
        Ethnicity.parse("Tài")


MORE_RELIGIONS = {
    # Recognised religions the forms have no row for go on "Đạo khác".
    "Bà La Môn": Religion.KHAC,
    "Bà-la-môn giáo": Religion.KHAC,
    "đạo Bà La Môn": Religion.KHAC,
    "Cơ Đốc Phục Lâm": Religion.KHAC,
    "Tứ Ân Hiếu Nghĩa": Religion.KHAC,
    # "Lương" (as against "giáo") is how personnel records write no religion.
    "Lương": Religion.KHONG,
    "lương": Religion.KHONG,
    "Không theo tôn giáo": Religion.KHONG,
    "Thiên Chúa": Religion.CONG_GIAO,
    "Hồi": Religion.HOI_GIAO,
    "Cao Đài giáo": Religion.CAO_DAI,
    "Phật": Religion.PHAT_GIAO,
}


@pytest.mark.parametrize("text", sorted(MORE_RELIGIONS))
def test_religion_reads_other_names(text: str) -> None:
    assert Religion.parse(text) is MORE_RELIGIONS[text]


@pytest.mark.parametrize("text", ["Cơ đốc", "Cơ Đốc giáo", "đạo Cơ Đốc", "Kitô giáo", "Ki-tô"])
def test_christianity_as_a_whole_is_refused_without_naming_a_religion(text: str) -> None:
    # Công giáo or Tin Lành: two rows of the forms. The reason says the name is shared,
    # not which religions share it (that would tell the member's religion).
    with pytest.raises(ParseError, match="tên chung của nhiều mục") as caught:
        Religion.parse(text)
    message = str(caught.value)
    assert "Công giáo" not in message
    assert "Tin Lành" not in message
    assert "Cơ" not in message
    assert "Kitô" not in message


GRADES_WRITTEN = {
    "12": GeneralEducation.THPT,
    "11": GeneralEducation.THCS,
    "lớp 12": GeneralEducation.THPT,
    "Lớp 9": GeneralEducation.THCS,  # 9/10 and 9/12 alike
    "Lớp 12/12": GeneralEducation.THPT,
    "12/12 BT": GeneralEducation.THPT,
    "Bổ túc 12/12": GeneralEducation.THPT,
    "BTVH 10/10": GeneralEducation.THPT,
    "12/12 (bổ túc)": GeneralEducation.THPT,
    "Tốt nghiệp THPT": GeneralEducation.THPT,
    "Hết cấp 2": GeneralEducation.THCS,
    "Hết lớp 12": GeneralEducation.THPT,
}


@pytest.mark.parametrize("text", sorted(GRADES_WRITTEN))
def test_general_education_reads_grades_written_with_words(text: str) -> None:
    assert GeneralEducation.parse(text) is GRADES_WRITTEN[text]


@pytest.mark.parametrize("grade", ["10", "lớp 10", "8", "lớp 7", "4"])
def test_a_grade_whose_system_decides_its_level_is_refused(grade: str) -> None:
    # 10/10 finished upper secondary, 10/12 did not: the system must be written.
    with pytest.raises(ParseError, match="hệ 10 năm hay 12 năm"):
        GeneralEducation.parse(grade)


# The school system written beside the grade: "hệ cũ" is the northern 10-year system
# (primary to 4, lower secondary to 7, upper secondary to 10), "hệ mới" the 12-year one.
GRADES_WITH_SYSTEM = {
    "10/10 hệ cũ": GeneralEducation.THPT,
    "10/10 (hệ cũ)": GeneralEducation.THPT,
    "Lớp 10 hệ cũ": GeneralEducation.THPT,
    "10 (hệ 10 năm)": GeneralEducation.THPT,
    "lớp 10 hệ 12 năm": GeneralEducation.THCS,
    "7 hệ cũ": GeneralEducation.THCS,
    "9/10 hệ cũ": GeneralEducation.THCS,
    "10/12 hệ mới": GeneralEducation.THCS,
    "12/12 hệ 12 năm": GeneralEducation.THPT,
    "Cấp 3 hệ cũ": GeneralEducation.THPT,
}


@pytest.mark.parametrize("text", sorted(GRADES_WITH_SYSTEM))
def test_general_education_reads_the_school_system_written_beside(text: str) -> None:
    assert GeneralEducation.parse(text) is GRADES_WITH_SYSTEM[text]


@pytest.mark.parametrize("text", ["12/12 hệ cũ", "10/10 hệ 12 năm", "10/12 hệ 10 năm"])
def test_a_grade_of_the_other_system_is_refused(text: str) -> None:
    with pytest.raises(ParseError, match="ghi kèm hệ"):
        GeneralEducation.parse(text)


@pytest.mark.parametrize("text", ["hệ cũ", "lớp 11 hệ cũ", "13 hệ 12 năm"])
def test_a_system_without_a_grade_of_it_is_refused(text: str) -> None:
    with pytest.raises(ParseError):
        GeneralEducation.parse(text)


@pytest.mark.parametrize("text", ["13", "0", "lớp 0", "Trung học", "bổ túc", "Đại học"])
def test_not_a_general_education_level(text: str) -> None:
    with pytest.raises(ParseError):
        GeneralEducation.parse(text)


TITLES_WITH_DEGREE = {
    "PGS.TS": AcademicTitle.PHO_GIAO_SU,
    "PGS. TS.": AcademicTitle.PHO_GIAO_SU,
    "PGS-TS": AcademicTitle.PHO_GIAO_SU,
    "GS.TS": AcademicTitle.GIAO_SU,
    "GS.TSKH": AcademicTitle.GIAO_SU,
    "Phó giáo sư, Tiến sĩ": AcademicTitle.PHO_GIAO_SU,
    "Giáo sư, Tiến sỹ khoa học": AcademicTitle.GIAO_SU,
}


@pytest.mark.parametrize("text", sorted(TITLES_WITH_DEGREE))
def test_a_title_written_with_the_degree_after_it(text: str) -> None:
    assert AcademicTitle.parse(text) is TITLES_WITH_DEGREE[text]


# Every school stage by each of its names, with the words clerks write around a level:
# the "học" of "trung học phổ thông" is part of the name, not the "học" of "học hết".
_STAGES = (GeneralEducation.TIEU_HOC, GeneralEducation.THCS, GeneralEducation.THPT)
STAGE_NAMES = sorted((name, stage) for stage in _STAGES for name in (stage.label, *stage.aliases))


@pytest.mark.parametrize(("name", "stage"), STAGE_NAMES)
@pytest.mark.parametrize(
    "written",
    ["Tốt nghiệp {}", "TN {}", "Hết {}", "Học hết {}", "Bổ túc {}", "{} hệ mới", "{} (hệ 12 năm)"],
)
def test_a_level_is_read_with_the_words_written_around_it(
    name: str, stage: GeneralEducation, written: str
) -> None:
    text = written.format(name)
    assert GeneralEducation.parse(text) is stage
    assert GeneralEducation.parse(unicodedata.normalize("NFD", text.lower())) is stage


@pytest.mark.parametrize("text", ["Tốt nghiệp trung học", "Học hết đại học", "Tốt nghiệp học"])
def test_words_around_no_level_are_still_refused(text: str) -> None:
    with pytest.raises(ParseError):
        GeneralEducation.parse(text)


@pytest.mark.parametrize("text", ["TS", "Tiến sĩ", "ThS", "TSKH"])
def test_a_degree_is_not_a_title(text: str) -> None:
    with pytest.raises(ParseError):
        AcademicTitle.parse(text)


MORE_OCCUPATIONS = {
    "Hưu": Occupation.NGHI_HUU,
    "Về hưu": Occupation.NGHI_HUU,
    "Cán bộ hưu trí": Occupation.NGHI_HUU,
    "Quân nhân": Occupation.LUC_LUONG_VU_TRANG,
    "Làm nông": Occupation.NONG_LAM_NGU,
    "Ngư dân": Occupation.NONG_LAM_NGU,
    "Cán bộ, công chức cấp xã": Occupation.CBCC_CAP_XA,
}


@pytest.mark.parametrize("text", sorted(MORE_OCCUPATIONS))
def test_occupation_reads_other_names(text: str) -> None:
    assert Occupation.parse(text) is MORE_OCCUPATIONS[text]


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("Lãnh đạo, quản lý và lao động trong các doanh nghiệp", "dòng tổng của ba dòng"),
        ("Doanh nghiệp", "dòng tổng của ba dòng"),
        ("Công chức", "có ở nhiều dòng"),
        ("Cán bộ, công chức", "có ở nhiều dòng"),
        ("Đảng viên đang làm việc và công tác", "dòng tổng"),
    ],
)
def test_a_line_that_sums_others_or_a_shared_name_is_refused_with_why(text: str, why: str) -> None:
    with pytest.raises(ParseError, match=why):
        Occupation.parse(text)


def test_a_text_of_no_member_says_so_by_a_flag() -> None:
    """A list's parser marks "names no member" on the error itself (a loader then gives
    its own reason with the nearest choice); a reason that says more is not marked."""
    for parse in (Occupation.parse, Sector.parse):
        with pytest.raises(ParseError) as caught:
            parse("phi công vũ trụ")
        assert caught.value.not_listed
    with pytest.raises(ParseError) as caught:
        Ethnicity.parse("Kinh (Hoa)")
    assert not caught.value.not_listed


def _spellings(kind: type) -> list[tuple[object, str]]:
    return [(member, text) for member in kind for text in (member.label, *member.aliases)]


SPELLINGS = [pair for kind in CODED for pair in _spellings(kind)]


@given(st.sampled_from(SPELLINGS), st.data())
def test_a_spelling_with_some_diacritics_left_out_is_read(
    pair: tuple[object, str], data: st.DataObject
) -> None:
    # Clerks drop some or all marks (an unset keyboard, a hurried hand): each mark kept
    # is the spelling's own, so the name is still that member's.
    member, text = pair
    decomposed = unicodedata.normalize("NFD", text)
    kept = "".join(
        char
        for char in decomposed
        if not unicodedata.combining(char) or data.draw(st.booleans(), label=f"keep {char!r}")
    )
    if data.draw(st.booleans(), label="đ as d"):
        kept = kept.replace("đ", "d").replace("Đ", "D")
    written = data.draw(st.sampled_from([kept, kept.upper(), kept.lower()]), label="case")
    form = data.draw(st.sampled_from(["NFC", "NFD"]), label="form")
    assert type(member).parse(unicodedata.normalize(form, written)) is member


# A mark that is no mark of any spelling makes another word: "Hòa" (peace; Hòa Hảo is a
# religion) is not the Hoa people, "Cơ" (the start of Cơ-ho, Cơ-tu, Cơ Lao) is not the Co,
# "Mã"/"Mà" are not the Mạ, "Tầy" is not written for Tày in the list.
@pytest.mark.parametrize("text", ["Hòa", "Hoà", "HÒA", "Cơ", "Cờ", "Mã", "Mà", "Lừ", "Tầy"])
def test_an_ethnicity_written_with_marks_of_another_word_is_refused(text: str) -> None:
    for form in ("NFC", "NFD"):
        with pytest.raises(ParseError, match="không có trong danh mục dân tộc") as caught:
            Ethnicity.parse(unicodedata.normalize(form, text))
        assert text not in str(caught.value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hoà Hảo", Religion.HOA_HAO),
        ("Phật giáo Hoà hảo", Religion.HOA_HAO),
        ("Hoa Hao", Religion.HOA_HAO),
        ("dân tộc Cờ Lao", Ethnicity.CO_LAO),
        ("Đạo Cao đài", Religion.CAO_DAI),
        ("Lư", Ethnicity.LU),
        ("Khmer Krôm", Ethnicity.KHO_ME),  # the marked spelling of the name in Latin letters
        ("dân\u200btộc Kinh", Ethnicity.KINH),  # a zero width space between the words
        ("Tôn\u00a0giáo  Cao Đài", Religion.CAO_DAI),
    ],
)
def test_marks_placed_either_way_or_missing_are_read(text: str, expected: object) -> None:
    assert type(expected).parse(text) is expected
