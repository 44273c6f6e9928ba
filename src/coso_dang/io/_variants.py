"""The spellings clerks write for coded values, one table per field, and suggestions.

A coded cell is read by its code, name or label (``LabelledEnum.parse``); failing that,
by the spellings below, which are those met in office rosters: a role written with the
body it sits on ("Bí thư chi bộ"), a rating shortened ("HT tốt NV"). Keys are compared
folded (no case, no diacritics, single spaces), so one entry covers "Chi ủy viên",
"chi uy vien" and "CHI ỦY VIÊN". An unknown value is answered with the accepted labels
and the nearest of them (:func:`nearest`).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from typing import Any

from coso_dang.evaluation import SubjectKind
from coso_dang.members import CommitteeRole, Education, Gender, PoliticalTheory
from coso_dang.orgs import OrgKind
from coso_dang.ratings import Rating
from coso_dang.vi.text import fold

__all__ = ["VARIANTS", "nearest", "variant"]


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
            "ĐH": Education.DAI_HOC,
            "Cử nhân": Education.DAI_HOC,
            "Kỹ sư": Education.DAI_HOC,
            "CĐ": Education.CAO_DANG,
            "TC": Education.TRUNG_CAP,
            "Ths": Education.THAC_SI,
            "TS": Education.TIEN_SI,
        }
    ),
    PoliticalTheory: _table(
        {
            "SC": PoliticalTheory.SO_CAP,
            "TC": PoliticalTheory.TRUNG_CAP,
            "CC": PoliticalTheory.CAO_CAP,
            "CN": PoliticalTheory.CU_NHAN,
            "Trung cấp LLCT": PoliticalTheory.TRUNG_CAP,
            "Cao cấp LLCT": PoliticalTheory.CAO_CAP,
            "Sơ cấp LLCT": PoliticalTheory.SO_CAP,
        }
    ),
    OrgKind: _table({}),
    SubjectKind: _table(
        {
            "ĐV": SubjectKind.MEMBER,
            "Tổ chức": SubjectKind.ORGANIZATION,
            "TC": SubjectKind.ORGANIZATION,
        }
    ),
}


_FOLDED: Mapping[type, Mapping[str, Any]] = {
    enum: {fold(text): member for text, member in table.items()} for enum, table in VARIANTS.items()
}


def variant(enum: type, text: str) -> Any:
    """The member of *enum* that *text* spells as a known variant, or ``None``.

    >>> variant(CommitteeRole, "Bí thư chi bộ")
    <CommitteeRole.BI_THU: 'bi_thu'>
    >>> variant(Rating, "HT tốt nhiệm vụ")
    <Rating.HTTNV: 'HTTNV'>
    """
    table = _FOLDED.get(enum)
    return None if table is None else table.get(fold(text))


def nearest(text: str, choices: Iterable[str]) -> str | None:
    """The choice nearest to *text* (compared folded), or ``None`` if none is near.

    >>> nearest("Hoan thanh tot nhiem vuu", ["Hoàn thành tốt nhiệm vụ", "Hoàn thành nhiệm vụ"])
    'Hoàn thành tốt nhiệm vụ'
    """
    by_key = {fold(choice): choice for choice in choices}
    found = difflib.get_close_matches(fold(text), list(by_key), n=1, cutoff=0.6)
    return by_key[found[0]] if found else None
