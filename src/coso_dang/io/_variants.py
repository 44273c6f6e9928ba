"""The spellings clerks write for coded values, one table per field, and suggestions.

A coded cell is read by its code, name or label (``LabelledEnum.parse``); failing that,
by the spellings below, which are those met in office rosters: a role written with the
body it sits on ("Bí thư chi bộ"), a rating shortened ("HT tốt NV"). Keys are compared
as the coded member lists compare them (no case, diacritics, spaces, hyphens or dots;
"sỹ" as "sĩ"), so one entry covers "Chi ủy viên", "chi uy vien" and "CHI ỦY VIÊN", and a
label is also read so written ("Thạc sỹ", "Th.S"). A political-theory level is read with
the name of the subject after it ("Trung cấp lý luận chính trị"), and a professional
degree with its field ("Cử nhân Luật"). An unknown value is answered with the accepted
labels and the nearest of them (:func:`nearest`); a name of more than one value, with
why (:func:`ambiguous`).
"""

from __future__ import annotations

import difflib
import enum as _enum
import re
from collections.abc import Iterable, Mapping
from typing import Any

from coso_dang.attributes import matching_key, spelled_with_i
from coso_dang.evaluation import SubjectKind
from coso_dang.i18n import N_, Reason
from coso_dang.members import CommitteeRole, Education, Gender, PoliticalTheory
from coso_dang.orgs import GrassrootsType, OrgKind, Sector
from coso_dang.ratings import Rating
from coso_dang.vi.text import fold

__all__ = ["AMBIGUOUS", "VARIANTS", "ambiguous", "nearest", "variant"]


def _table(entries: Mapping[str, Any]) -> dict[str, Any]:
    return dict(entries)


#: Extra spellings of each coded field's values, by the enum they belong to (as
#: written; they are compared folded).
VARIANTS: Mapping[type, Mapping[str, Any]] = {
    CommitteeRole: _table(
        {
            "Bí thư chi bộ": CommitteeRole.BI_THU,
            "Bí thư đảng ủy": CommitteeRole.BI_THU,
            "Bí thư đảng bộ": CommitteeRole.BI_THU,
            "BT": CommitteeRole.BI_THU,
            "Phó bí thư chi bộ": CommitteeRole.PHO_BI_THU,
            "Phó bí thư đảng ủy": CommitteeRole.PHO_BI_THU,
            "PBT": CommitteeRole.PHO_BI_THU,
            "Chi ủy viên": CommitteeRole.UY_VIEN,
            "Đảng ủy viên": CommitteeRole.UY_VIEN,
            "Cấp ủy viên": CommitteeRole.UY_VIEN,
            "Ủy viên ban chấp hành": CommitteeRole.UY_VIEN,
            "UV": CommitteeRole.UY_VIEN,
            "UVBCH": CommitteeRole.UY_VIEN,
        }
    ),
    Rating: _table(
        {
            "Hoàn thành xuất sắc NV": Rating.HTXSNV,
            "HT xuất sắc nhiệm vụ": Rating.HTXSNV,
            "HT xuất sắc NV": Rating.HTXSNV,
            "HTXS": Rating.HTXSNV,
            "Xuất sắc": Rating.HTXSNV,
            "Hoàn thành tốt NV": Rating.HTTNV,
            "HT tốt nhiệm vụ": Rating.HTTNV,
            "HT tốt NV": Rating.HTTNV,
            "HTT": Rating.HTTNV,
            "Hoàn thành NV": Rating.HTNV,
            "HT nhiệm vụ": Rating.HTNV,
            "HT NV": Rating.HTNV,
            "Không hoàn thành NV": Rating.KHTNV,
            "Không HT nhiệm vụ": Rating.KHTNV,
            "Không HTNV": Rating.KHTNV,
            "KHT": Rating.KHTNV,
        }
    ),
    Gender: _table({"Nam giới": Gender.NAM, "Nữ giới": Gender.NU, "M": Gender.NAM, "F": Gender.NU}),
    Education: _table(
        {
            # The rows of Biểu 2 and 3 (2021), then of the 2012 forms.
            "Công nhân kỹ thuật, nhân viên nghiệp vụ, sơ cấp": Education.SO_CAP,
            "Thạc sỹ": Education.THAC_SI,
            "Tiến sỹ": Education.TIEN_SI,
            "CN kỹ thuật, nhân viên nghiệp vụ": Education.SO_CAP,
            "Trung học chuyên nghiệp": Education.TRUNG_CAP,
            "Tiến sĩ khoa học": Education.TIEN_SI,
            "Công nhân kỹ thuật": Education.SO_CAP,
            "CNKT": Education.SO_CAP,
            "Nhân viên nghiệp vụ": Education.SO_CAP,
            "SC": Education.SO_CAP,
            "Sơ cấp nghề": Education.SO_CAP,
            "THCN": Education.TRUNG_CAP,
            "Trung cấp chuyên nghiệp": Education.TRUNG_CAP,
            "TCCN": Education.TRUNG_CAP,
            "Trung cấp nghề": Education.TRUNG_CAP,
            "TC": Education.TRUNG_CAP,
            "CĐ": Education.CAO_DANG,
            "Cao đẳng nghề": Education.CAO_DANG,
            "ĐH": Education.DAI_HOC,
            "Cử nhân": Education.DAI_HOC,
            "CN": Education.DAI_HOC,
            "Kỹ sư": Education.DAI_HOC,
            "KS": Education.DAI_HOC,
            "Bác sĩ": Education.DAI_HOC,
            "Kiến trúc sư": Education.DAI_HOC,
            "Ths": Education.THAC_SI,
            "TS": Education.TIEN_SI,
            "TSKH": Education.TIEN_SI,
            # An academic title with the doctorate it rests on, as a personnel record
            # writes the highest qualification: the degree is a doctorate.
            "PGS.TS": Education.TIEN_SI,
            "GS.TS": Education.TIEN_SI,
            "PGS.TSKH": Education.TIEN_SI,
            "GS.TSKH": Education.TIEN_SI,
            # No professional training, as rosters write it: known, unlike a blank cell.
            "Chưa đào tạo": Education.CHUA_DAO_TAO,
            "Không qua đào tạo": Education.CHUA_DAO_TAO,
            "Chưa có": Education.CHUA_DAO_TAO,
            "Không có": Education.CHUA_DAO_TAO,
            "Không": Education.CHUA_DAO_TAO,
        }
    ),
    PoliticalTheory: _table(
        {
            "SC": PoliticalTheory.SO_CAP,
            "TC": PoliticalTheory.TRUNG_CAP,
            "CC": PoliticalTheory.CAO_CAP,
            "CN": PoliticalTheory.CU_NHAN,
            "CNCT": PoliticalTheory.CU_NHAN,
            "Trung cấp LLCT": PoliticalTheory.TRUNG_CAP,
            "Cao cấp LLCT": PoliticalTheory.CAO_CAP,
            "Sơ cấp LLCT": PoliticalTheory.SO_CAP,
            # No training, as rosters write it: known, unlike a blank cell.
            "Chưa đào tạo": PoliticalTheory.CHUA_DAO_TAO,
            "Chưa học": PoliticalTheory.CHUA_DAO_TAO,
            "Chưa có": PoliticalTheory.CHUA_DAO_TAO,
            "Không có": PoliticalTheory.CHUA_DAO_TAO,
            "Không": PoliticalTheory.CHUA_DAO_TAO,
        }
    ),
    OrgKind: _table({}),
    # The level of a commune, and the sector of every row of Biểu 5 that lies wholly in
    # one: a type written in the sector column names its sector.
    Sector: _table(
        {
            "Xã": Sector.XA_PHUONG,
            "Phường": Sector.XA_PHUONG,
            "Thị trấn": Sector.XA_PHUONG,
            "Đặc khu": Sector.XA_PHUONG,
            "Xã, phường, thị trấn, đặc khu": Sector.XA_PHUONG,
            "DNNN": Sector.DOANH_NGHIEP_NHA_NUOC,
            "Doanh nghiệp ngoài nhà nước": Sector.DOANH_NGHIEP_NGOAI_NHA_NUOC,
        }
    ),
    GrassrootsType: _table(
        {
            "Công ty TNHH": GrassrootsType.CONG_TY_TNHH,
            "Cty TNHH": GrassrootsType.CONG_TY_TNHH,
            "Công ty CP": GrassrootsType.CONG_TY_CO_PHAN,
            "Cty cổ phần": GrassrootsType.CONG_TY_CO_PHAN,
            "CTCP": GrassrootsType.CONG_TY_CO_PHAN,
            "DNTN": GrassrootsType.DN_TU_NHAN,
            "DN tư nhân": GrassrootsType.DN_TU_NHAN,
            "HTX": GrassrootsType.HOP_TAC_XA,
            "Doanh nghiệp có vốn đầu tư nước ngoài": GrassrootsType.DN_VON_NUOC_NGOAI,
        }
    ),
    SubjectKind: _table(
        {
            "ĐV": SubjectKind.MEMBER,
            "Tổ chức": SubjectKind.ORGANIZATION,
            "TC": SubjectKind.ORGANIZATION,
        }
    ),
}


#: Names of more than one value of a list, with why they are refused (as written).
AMBIGUOUS: Mapping[type, Mapping[str, Reason]] = {
    Education: {
        text: N_("có thể là Thạc sĩ hoặc Tiến sĩ; hãy ghi rõ")
        for text in ("Trên đại học", "Sau đại học")
    }
    | {"Dưới cao đẳng": N_("có thể là Chưa qua đào tạo, Sơ cấp hoặc Trung cấp; hãy ghi rõ")},
    PoliticalTheory: {
        text: N_("dòng «Cao cấp, cử nhân» của biểu gồm hai mức; hãy ghi Cao cấp hoặc Cử nhân")
        for text in ("Cao cấp, cử nhân", "Cử nhân, cao cấp")
    },
    # A sector written in the column of Biểu 5's rows, where it spans several of them
    # ("Khác" is the name of the row "Loại hình cơ sở khác").
    GrassrootsType: {
        sector.label: N_(
            "có ở nhiều dòng; hãy ghi rõ: {lines}",
            lines="; ".join(t.label for t in GrassrootsType if t.sector is sector),
        )
        for sector in Sector
        if sector is not Sector.KHAC and sum(t.sector is sector for t in GrassrootsType) > 1
    }
    | {
        text: N_(
            "có ở nhiều dòng; hãy ghi rõ: {lines}",
            lines="; ".join(
                t.label
                for t in GrassrootsType
                if t.sector in (Sector.DOANH_NGHIEP_NHA_NUOC, Sector.DOANH_NGHIEP_NGOAI_NHA_NUOC)
            ),
        )
        for text in ("Doanh nghiệp", "DN")
    },
    Sector: {
        text: N_(
            "có ở nhiều dòng; hãy ghi rõ: {lines}",
            lines="; ".join(
                (Sector.DOANH_NGHIEP_NHA_NUOC.label, Sector.DOANH_NGHIEP_NGOAI_NHA_NUOC.label)
            ),
        )
        for text in ("Doanh nghiệp", "DN")
    },
}


def _keyed(enum: type, table: Mapping[str, Any]) -> dict[str, Any]:
    """*table* and the members' own names, codes and labels, by matching key."""
    keyed: dict[str, Any] = {}
    names = [(text, member) for text, member in table.items()]
    if isinstance(enum, type) and issubclass(enum, _enum.Enum):
        for member in enum:
            for text in (member.name, str(member.value), getattr(member, "label", "")):
                if text:
                    names.append((text, member))
    for text, member in names:
        other = keyed.setdefault(matching_key(text), member)
        if other is not member:  # pragma: no cover - guarded by the tests
            raise AssertionError(f"{enum.__name__}: {text!r} names two members")
    return keyed


_KEYED: Mapping[type, Mapping[str, Any]] = {
    enum: _keyed(enum, table) for enum, table in VARIANTS.items()
}
_AMBIGUOUS_KEYED: Mapping[type, Mapping[str, Reason]] = {
    enum: {matching_key(text): reason for text, reason in table.items()}
    for enum, table in AMBIGUOUS.items()
}

#: Trailing words naming the subject of a political-theory level, as keys, longest first:
#: "Cao cấp lý luận chính trị - hành chính" is the name of the courses since 2000.
_THEORY_SUBJECT = tuple(
    map(
        matching_key,
        (
            "lý luận chính trị - hành chính",
            "chính trị - hành chính",
            "LLCT-HC",
            "CT-HC",
            "lý luận chính trị",
            "chính trị",
            "lý luận",
            "LLCT",
            # "TCCT", "CCCT": a level's short form with "chính trị" shortened after it,
            # as "TCLLCT" has "lý luận chính trị".
            "CT",
        ),
    )
)

#: A professional degree written before its field ("Cử nhân Luật"), as folded words.
_DEGREES: Mapping[str, Education] = {
    "so cap": Education.SO_CAP,
    "trung cap": Education.TRUNG_CAP,
    "tc": Education.TRUNG_CAP,
    "cao dang": Education.CAO_DANG,
    "cd": Education.CAO_DANG,
    "dai hoc": Education.DAI_HOC,
    "dh": Education.DAI_HOC,
    "cu nhan": Education.DAI_HOC,
    "ki su": Education.DAI_HOC,  # "kỹ sư", its "y" read as "i" like every such syllable
    "ks": Education.DAI_HOC,
    "thac si": Education.THAC_SI,
    "ths": Education.THAC_SI,
    "tien si": Education.TIEN_SI,
    "ts": Education.TIEN_SI,
}
# Fields that make the leading word something else: political theory (by every name the
# theory column reads, "CT" of "Trung cấp CT-HC" too), a degree being studied for, a
# clinical specialisation ("Bác sĩ chuyên khoa II"), a second degree. Matched against
# spelled_with_i: "lý luận" is "li luan" there.
_NOT_A_FIELD = re.compile(
    r"\b(?:chinh tri|llct|li luan|ct|dang hoc|dang theo hoc|cao hoc|ncs|nghien cuu sinh"
    r"|chuyen khoa|ck|so cap|trung cap|cao dang|dai hoc|cu nhan|ki su|thac si|ths"
    r"|tien si|ts|tskh)\b"
)


# Every other list is read by its members' names, codes and labels compared by key, as
# the lists above are: "Từ-trần" and "THÔN." were refused in the columns of a reason for
# leaving or of a unit's kind, and read in those of an organization's level. Built on
# first use.
_MEMBERS_KEYED: dict[type, Mapping[str, Any]] = {}


def _table_of(enum: type) -> Mapping[str, Any] | None:
    table = _KEYED.get(enum)
    if table is None and isinstance(enum, type) and issubclass(enum, _enum.Enum):
        table = _MEMBERS_KEYED.get(enum)
        if table is None:
            table = _MEMBERS_KEYED[enum] = _keyed(enum, {})
    return table


def variant(enum: type, text: str) -> Any:
    """The member of *enum* that *text* spells as a known variant, or as a member's name,
    code or label whatever its case, marks, spaces, hyphens and dots; or ``None``.

    >>> variant(CommitteeRole, "Bí thư chi bộ")
    <CommitteeRole.BI_THU: 'bi_thu'>
    >>> variant(Rating, "HT tốt nhiệm vụ")
    <Rating.HTTNV: 'HTTNV'>
    >>> variant(Education, "Thạc sỹ"), variant(Education, "Cử nhân Luật")
    (<Education.THAC_SI: 'thac_si'>, <Education.DAI_HOC: 'dai_hoc'>)
    >>> variant(PoliticalTheory, "Trung cấp lý luận chính trị")
    <PoliticalTheory.TRUNG_CAP: 'trung_cap'>
    """
    table = _table_of(enum)
    if table is None:
        return None
    key = matching_key(text)
    found = table.get(key)
    if found is None and enum is PoliticalTheory:
        for subject in _THEORY_SUBJECT:
            if key.endswith(subject) and len(key) > len(subject):
                found = table.get(key[: -len(subject)])
                break
    if found is None and enum is Education:
        found = _degree_with_field(text)
    return found


def _degree_with_field(text: str) -> Education | None:
    """The degree of "Cử nhân Luật", "ThS. Kinh tế", "Đại học Sư phạm", or ``None``."""
    words = re.sub(r"[^0-9a-z]+", " ", spelled_with_i(text)).split()
    for size in (2, 1):
        head = " ".join(words[:size])
        degree = _DEGREES.get(head)
        if degree is not None and len(words) > size:
            rest = " ".join(words[size:])
            return None if _NOT_A_FIELD.search(rest) else degree
    return None


def ambiguous(enum: type, text: str) -> Reason | None:
    """Why *text* is refused as a name of more than one member of *enum*, or ``None``.

    >>> print(ambiguous(Education, "Trên đại học"))
    có thể là Thạc sĩ hoặc Tiến sĩ; hãy ghi rõ
    """
    table = _AMBIGUOUS_KEYED.get(enum)
    return None if table is None else table.get(matching_key(text))


def nearest(text: str, choices: Iterable[str]) -> str | None:
    """The choice nearest to *text* (compared folded), or ``None`` if none is near.

    >>> nearest("Hoan thanh tot nhiem vuu", ["Hoàn thành tốt nhiệm vụ", "Hoàn thành nhiệm vụ"])
    'Hoàn thành tốt nhiệm vụ'
    """
    by_key = {fold(choice): choice for choice in choices}
    found = difflib.get_close_matches(fold(text), list(by_key), n=1, cutoff=0.6)
    return by_key[found[0]] if found else None
