"""Coded member attributes as the statistics forms list them, with tolerant parsers.

The forms of Hướng dẫn 11-HD/BTCTW (2021) count members by ethnicity (54 groups, then
"dân tộc khác" and "quốc tịch gốc nước ngoài"), religion, occupation, general and
professional education, academic title, age band and admission era. Each list here is an
enum whose value is a stable ASCII code and whose ``label`` is the Vietnamese wording;
``parse`` reads what clerks write: with or without diacritics (not with others: "Hòa" is
not the Hoa people) and hyphens, common abbreviations and other names of the same group.

Ethnicity and religion are personal data: their parsers never quote the text they could
not read.

>>> Ethnicity.parse("Khmer") is Ethnicity.KHO_ME
True
>>> Ethnicity.parse("H'Mông").label
'Mông'
>>> Religion.parse("Đạo Thiên Chúa") is Religion.CONG_GIAO
True
>>> GeneralEducation.parse("12/12") is GeneralEducation.THPT
True
>>> AgeBand.of(31).label
'Từ 31 - 35 tuổi'
>>> AdmissionEra.of(date(1975, 5, 1)).label
'Từ 01/5/1975 đến nay'
"""

from __future__ import annotations

import enum
import re
import unicodedata
from collections.abc import Mapping
from datetime import date
from typing import Any, TypeVar

from coso_dang._enums import WITHHELD, LabelledEnum, text_to_parse
from coso_dang.errors import ArgumentTypeError, ParseError
from coso_dang.i18n import N_
from coso_dang.vi.text import fold, normalize, spelled_with_i

__all__ = [
    "AcademicTitle",
    "AdmissionEra",
    "AgeBand",
    "Ethnicity",
    "GeneralEducation",
    "Occupation",
    "Religion",
    "matching_key",
    "spelled_with_i",
]

A = TypeVar("A", bound="_Coded")

_NOT_ALNUM = re.compile(r"[^0-9a-z/]+")
# Each list's matching keys, built on first use (an enum class cannot hold a mutable
# attribute of its own without it becoming a member).
_INDEXES: dict[type[enum.Enum], dict[str, Any]] = {}
# Each list's spellings by matching key, for checking the diacritics written.
_SPELLINGS: dict[type[enum.Enum], dict[str, list[str]]] = {}
_TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")  # huyền, sắc, ngã, hỏi, nặng
_D_LETTERS = frozenset("đ\u00f0\u0256")  # đ, and the letters badly encoded text has for it
_ALNUM = frozenset("0123456789abcdefghijklmnopqrstuvwxyz")


def _bracketed(text: str) -> tuple[str, str] | None:
    """*text* as a name with another name in brackets ("Kinh (Việt)"): the two names,
    or None.

    Found by hand, not by a regular expression: one (a lazy name, then spaces, then the
    bracket) tried every split of a long run of spaces, and a cell of a workbook's
    32.767 characters took a minute.
    """
    stripped = text.strip()
    if not stripped.endswith(")") or stripped.count("(") != 1 or stripped.count(")") != 1:
        return None
    outer, _, inner = stripped[:-1].partition("(")
    return outer.rstrip(), inner


def _letters_and_tones(text: str) -> tuple[list[tuple[str, str]], list[str]]:
    """*text*'s letters and digits, each as (bare, as written without its tone: "ơ",
    "đ"), and its tone marks in order, wherever they sit ("hoà" and "hòa" alike)."""
    letters: list[tuple[str, str]] = []
    tones: list[str] = []
    for char in unicodedata.normalize("NFD", text.casefold()):
        if char in _TONE_MARKS:
            tones.append(char)
        elif unicodedata.combining(char):
            if letters:  # a shape mark: the circumflex, breve or horn of the letter before
                bare, shaped = letters[-1]
                letters[-1] = (bare, unicodedata.normalize("NFC", shaped + char))
        elif char in _D_LETTERS:
            letters.append(("d", "đ"))
        elif char in _ALNUM:
            letters.append((char, char))
    return letters, tones


def _marks_agree(written: str, spelling: str) -> bool:
    """Whether the diacritics of *written* are those of *spelling*, or missing.

    Each letter is bare or shaped as in *spelling* ("ơ" is not "o" made "ơ"), and the
    tones written are among those of *spelling* in order: "Hòa" is no spelling of "Hoa",
    nor "Cơ" of "Co", while "Ho Hao", "Hoa Hảo" and "hoà hảo" are of "Hòa Hảo".
    """
    letters, tones = _letters_and_tones(written)
    expected, expected_tones = _letters_and_tones(spelling)
    if len(letters) != len(expected):
        # Matched by a key that reads "y" as "i": the letters are not aligned; the key
        # decided.
        return True
    for (bare, shaped), (_, wanted) in zip(letters, expected, strict=True):
        if shaped != bare and shaped != wanted:
            return False
    remaining = iter(expected_tones)
    return all(tone in remaining for tone in tones)


def matching_key(text: str) -> str:
    """The key a coded value is matched by: :func:`spelled_with_i`, with every space,
    hyphen, apostrophe and dot removed.

    >>> matching_key("Ê-đê") == matching_key("Êđê") == "ede"
    True
    """
    return _NOT_ALNUM.sub("", spelled_with_i(text))


class _Coded(LabelledEnum):
    """Members are ``(code, label, *aliases)``; parsing matches any of them by key."""

    _aliases_: tuple[str, ...]

    def __new__(cls, code: str, label: str, *aliases: str) -> Any:
        member = object.__new__(cls)
        member._value_ = code
        member._label_ = label
        member._aliases_ = aliases
        return member

    @property
    def code(self) -> str:
        """The stable ASCII code, as files store it."""
        return str(self.value)

    @property
    def aliases(self) -> tuple[str, ...]:
        """Other spellings and names the parser reads as this member."""
        return self._aliases_

    @classmethod
    def _prefixes(cls) -> tuple[str, ...]:
        return ()

    @classmethod
    def _index(cls) -> Mapping[str, Any]:
        index = _INDEXES.get(cls)
        if index is None:
            index = {}
            spellings: dict[str, list[str]] = {}
            for member in cls:
                names = (member.name, member.code, member.label, *member._aliases_)
                for name in names:
                    key = matching_key(name)
                    other = index.setdefault(key, member)
                    if other is not member:  # pragma: no cover - guarded by the tests
                        raise AssertionError(f"{cls.__name__}: {name!r} names two members")
                    spellings.setdefault(key, []).append(name)
            _SPELLINGS[cls] = spellings
            _INDEXES[cls] = index
        return index

    @classmethod
    def _ambiguous(cls) -> Mapping[str, str]:
        """Keys of names that could mean more than one member, with why they are refused."""
        return {}

    @classmethod
    def _parts(cls, text: str) -> list[str]:
        """What *text* is looked up as: whole, then after each leading word allowed."""
        parts = [text]
        words = normalize(text).split()  # a zero width space is a space here too
        for prefix in cls._prefixes():
            size = len(prefix.split())
            if len(words) > size and fold(" ".join(words[:size])) == prefix:
                parts.append(" ".join(words[size:]))
        return parts

    @classmethod
    def _keys(cls, text: str) -> list[str]:
        """The keys *text* is looked up by: whole, then after each leading word allowed."""
        return [matching_key(part) for part in cls._parts(text)]

    @classmethod
    def _lookup(cls: type[A], text: str) -> A | None:
        """The member *text* names, whole or after a leading word the list allows, written
        with the diacritics of one of its spellings or without them."""
        index = cls._index()
        for part in cls._parts(text):
            key = matching_key(part)
            found = index.get(key)
            if found is not None and any(
                _marks_agree(part, spelling) for spelling in _SPELLINGS[cls][key]
            ):
                return found  # type: ignore[no-any-return]
        return None

    @classmethod
    def parse(cls: type[A], text: str) -> A:
        """Read *text* as a member: its code, its label or a known other spelling.

        Case, spaces, hyphens, apostrophes and dots are ignored, and so is a leading word
        such as "dân tộc" or "đạo" where the list allows it. Diacritics may be left out,
        some or all, but those written must be the name's: "Mạ" or "Ma" is the Mạ people,
        "Mà" is not. A name followed
        by another name in brackets ("Kinh (Việt)") is read when both name the same member.

        Raises:
            ParseError: nothing matches, the text names more than one member, or two
                names in it name different members; for personal lists the text is not
                quoted.
        """
        found = cls._lookup(text_to_parse(cls._what(), text, personal=cls._personal()))
        if found is not None:
            return found
        shown = WITHHELD if cls._personal() else text
        what = cls._what()
        ambiguous = cls._ambiguous()
        for key in cls._keys(text):
            if key in ambiguous:
                raise ParseError(what, shown, ambiguous[key])
        bracketed = _bracketed(text)
        if bracketed is not None and all(bracketed):
            outer, inner = cls._lookup(bracketed[0]), cls._lookup(bracketed[1])
            if outer is not None and outer is inner:
                return outer
            if outer is not None and inner is not None:
                raise ParseError(
                    what, shown, N_("ghi hai {what} khác nhau; chỉ ghi một", what=what)
                )
        reason = N_("không có trong danh mục {what}", what=what)
        raise ParseError(what, shown, reason, not_listed=True)

    @classmethod
    def _what(cls) -> str:
        return N_("danh mục mã")


class Ethnicity(_Coded):
    """Dân tộc: the 54 groups in the order of Biểu 2B and 4, then the two other rows.

    The order is the forms' row order, not a national statistics code. Personal data.

    >>> [Ethnicity.parse(t).code for t in ("Kinh", "Tày", "thai", "Khơ Me", "Bru-Vân Kiều")]
    ['kinh', 'tay', 'thai', 'kho_me', 'bru_van_kieu']
    >>> Ethnicity.KINH.is_minority, Ethnicity.TAY.is_minority
    (False, True)
    """

    KINH = ("kinh", "Kinh", "Việt")
    TAY = ("tay", "Tày")
    THAI = ("thai", "Thái")
    HOA = ("hoa", "Hoa", "Hán", "Người Hoa")
    KHO_ME = ("kho_me", "Khơ-me", "Khmer", "Khơ-me Krôm", "Khmer Krôm")
    MUONG = ("muong", "Mường")
    NUNG = ("nung", "Nùng")
    MONG = ("mong", "Mông", "H'Mông", "Hmông", "Hmong", "Mèo")
    DAO = ("dao", "Dao", "Dao đỏ")
    GIA_RAI = ("gia_rai", "Gia-rai", "Gia Lai", "Jrai", "Jarai")
    E_DE = ("e_de", "Ê-đê", "Rhade", "Rađê")
    NGAI = ("ngai", "Ngái")
    BA_NA = ("ba_na", "Ba-na", "Bahnar")
    XO_DANG = ("xo_dang", "Xơ-đăng", "Sedang", "Xê-đăng")
    SAN_CHAY = ("san_chay", "Sán Chay", "Cao Lan", "Sán Chỉ", "Cao Lan - Sán Chỉ")
    CO_HO = ("co_ho", "Cơ-ho", "Koho", "K'Ho")
    CHAM = ("cham", "Chăm", "Chàm")
    SAN_DIU = ("san_diu", "Sán Dìu")
    HRE = ("hre", "Hrê", "H're")
    MNONG = ("mnong", "Mnông", "M'Nông")
    RAGLAI = ("raglai", "Ra-glai", "Raglay")
    XTIENG = ("xtieng", "Xtiêng", "Stiêng", "X'Tiêng")
    BRU_VAN_KIEU = ("bru_van_kieu", "Bru-Vân Kiều", "Vân Kiều", "Bru")
    THO = ("tho", "Thổ")
    GIAY = ("giay", "Giáy")
    CO_TU = ("co_tu", "Cơ-tu", "Katu", "Ca Tu")
    GIE_TRIENG = ("gie_trieng", "Gié Triêng", "Giẻ Triêng", "Giẻ-Triêng")
    MA = ("ma", "Mạ")
    KHO_MU = ("kho_mu", "Khơ-mú", "Khmú", "Kmhmu")
    CO = ("co", "Co", "Cor")
    TA_OI = ("ta_oi", "Tà-ôi", "Pa Cô", "Pacoh")
    CHO_RO = ("cho_ro", "Chơ-ro", "Châu Ro")
    KHANG = ("khang", "Kháng")
    XINH_MUN = ("xinh_mun", "Xinh-mun")
    HA_NHI = ("ha_nhi", "Hà Nhì")
    CHU_RU = ("chu_ru", "Chu-ru")
    LAO = ("lao", "Lào")
    LA_CHI = ("la_chi", "La Chí")
    LA_HA = ("la_ha", "La Ha")
    PHU_LA = ("phu_la", "Phù Lá")
    LA_HU = ("la_hu", "La Hủ")
    LU = ("lu", "Lự")
    LO_LO = ("lo_lo", "Lô Lô")
    CHUT = ("chut", "Chứt")
    MANG = ("mang", "Mảng")
    PA_THEN = ("pa_then", "Pà Thẻn", "Phà Thẻn")
    CO_LAO = ("co_lao", "Cơ Lao", "Cờ Lao")
    CONG = ("cong", "Cống")
    BO_Y = ("bo_y", "Bố Y")
    SI_LA = ("si_la", "Si La")
    PU_PEO = ("pu_peo", "Pu Péo")
    BRAU = ("brau", "Brâu", "B Râu")
    O_DU = ("o_du", "Ơ Đu")
    RO_MAM = ("ro_mam", "Rơ-măm")
    #: Groups other than the 54 recognised ones (the forms' row "Dân tộc khác").
    KHAC = ("khac", "Dân tộc khác", "Khác")
    #: Foreigners who took Vietnamese nationality and were then admitted.
    NUOC_NGOAI = (
        "nuoc_ngoai",
        "Quốc tịch gốc nước ngoài",
        "Q.tịch gốc nước ngoài",
        "Người nước ngoài nhập quốc tịch",
        "Người nước ngoài nhập quốc tịch Việt Nam",
        "Nước ngoài",
    )

    @classmethod
    def _personal(cls) -> bool:
        return True

    @classmethod
    def _prefixes(cls) -> tuple[str, ...]:
        return ("dan toc", "nguoi")

    @classmethod
    def _what(cls) -> str:
        return N_("dân tộc")

    @property
    def is_minority(self) -> bool:
        """Dân tộc thiểu số: every group but Kinh.

        Whether the forms count "dân tộc khác" and "quốc tịch gốc nước ngoài" as minority
        is not confirmed; like the applications that fill the forms, this counts every
        row but Kinh.
        """
        return self is not Ethnicity.KINH


class Religion(_Coded):
    """Tôn giáo, in the order of the 2021 forms, plus "không theo tôn giáo". Personal data.

    >>> Religion.parse("dao phat") is Religion.PHAT_GIAO
    True
    >>> Religion.parse("Không").is_religious
    False
    """

    PHAT_GIAO = ("phat_giao", "Phật giáo", "Phật", "Đạo Phật", "Phật giáo Nam tông", "Buddhism")
    CONG_GIAO = (
        "cong_giao",
        "Công giáo",
        "Thiên Chúa giáo",
        "Đạo Thiên Chúa",
        "Thiên Chúa",
        "Catholic",
    )
    HOA_HAO = ("hoa_hao", "Phật giáo Hòa Hảo", "Hòa Hảo", "Đạo Hòa Hảo")
    CAO_DAI = ("cao_dai", "Cao Đài", "Đạo Cao Đài", "Cao Đài giáo")
    TIN_LANH = ("tin_lanh", "Tin Lành", "Đạo Tin Lành", "Protestant")
    HOI_GIAO = ("hoi_giao", "Hồi giáo", "Đạo Hồi", "Hồi", "Islam")
    #: Any other religion (the forms' row "Đạo khác", 2012 "Tôn giáo khác"): among them
    #: the recognised religions the forms have no row for.
    KHAC = (
        "khac",
        "Đạo khác",
        "Tôn giáo khác",
        "Khác",
        "Bà La Môn",
        "Bà La Môn giáo",
        "Bàlamôn",
        "Baha'i",
        "Cơ Đốc Phục Lâm",
        "Tứ Ân Hiếu Nghĩa",
        "Bửu Sơn Kỳ Hương",
        "Minh Sư đạo",
        "Minh Lý đạo",
        "Tịnh độ cư sĩ",
        "Tịnh độ cư sĩ Phật hội",
        "Tịnh độ cư sĩ Phật hội Việt Nam",
        "Chăm Bà La Môn",
    )
    #: No religion: counted in no row of the forms, and known, unlike a missing value.
    #: "Lương" is how personnel records write it (as against "giáo").
    KHONG = (
        "khong",
        "Không theo tôn giáo",
        "Không",
        "Không tôn giáo",
        "Không có",
        "Không theo đạo",
        "Lương",
    )

    @classmethod
    def _personal(cls) -> bool:
        return True

    @classmethod
    def _prefixes(cls) -> tuple[str, ...]:
        return ("ton giao", "dao")

    @classmethod
    def _ambiguous(cls) -> Mapping[str, str]:
        # Christianity as a whole: Công giáo or Tin Lành, two rows. The reason names
        # neither: it would tell the member's religion.
        return dict.fromkeys(
            map(matching_key, ("Cơ Đốc", "Cơ Đốc giáo", "Kitô", "Kitô giáo", "Christian")),
            N_("tên chung của nhiều mục trong danh mục {what}; hãy ghi rõ", what=cls._what()),
        )

    @classmethod
    def _what(cls) -> str:
        return N_("tôn giáo")

    @property
    def is_religious(self) -> bool:
        """Người theo tôn giáo: any religion of the list."""
        return self is not Religion.KHONG


class Occupation(_Coded):
    """Nghề nghiệp: the lines of Biểu 2 II.1 and Biểu 3 II.1 (2021), most specific first.

    The forms' line "Lãnh đạo, quản lý và lao động trong các doanh nghiệp" is the sum of
    its three sub-lines (:attr:`group` ``"doanh_nghiep"``); Biểu 3 adds members who have
    retired or stopped working.

    >>> Occupation.parse("công nhân").label
    'Công nhân, lao động trực tiếp sản xuất'
    >>> Occupation.CONG_NHAN.group
    'doanh_nghiep'
    """

    CBCC_NHA_NUOC = (
        "cbcc_nha_nuoc",
        "Cán bộ, công chức cơ quan Nhà nước tính từ cấp huyện trở lên",
        "Cán bộ công chức nhà nước",
    )
    CBCC_DANG_DOAN_THE = (
        "cbcc_dang_doan_the",
        "Cán bộ, công chức cơ quan Đảng, Mặt trận Tổ quốc, đoàn thể chính trị - xã hội "
        "tính từ cấp huyện trở lên",
        "Cán bộ đảng, đoàn thể",
    )
    CBCC_CAP_XA = (
        "cbcc_cap_xa",
        "Cán bộ, công chức; người hoạt động không chuyên trách ở xã, phường, thị trấn",
        "Cán bộ xã",
        "Cán bộ cấp xã",
        "Cán bộ, công chức cấp xã",
    )
    KHONG_CHUYEN_TRACH_THON = (
        "khong_chuyen_trach_thon",
        "Người hoạt động không chuyên trách thôn, tổ dân phố, bản (ấp, khóm)",
        "Không chuyên trách thôn",
    )
    VIEN_CHUC = (
        "vien_chuc",
        "Viên chức trong các đơn vị sự nghiệp công lập",
        "Viên chức",
    )
    NGOAI_CONG_LAP = (
        "ngoai_cong_lap",
        "Người lao động trong các đơn vị sự nghiệp ngoài công lập",
    )
    QUAN_LY_DOANH_NGHIEP = (
        "quan_ly_doanh_nghiep",
        "Người lãnh đạo, quản lý doanh nghiệp",
        "Quản lý doanh nghiệp",
    )
    NHAN_VIEN_DOANH_NGHIEP = (
        "nhan_vien_doanh_nghiep",
        "Nhân viên, người gián tiếp sản xuất",
        "Nhân viên doanh nghiệp",
    )
    CONG_NHAN = (
        "cong_nhan",
        "Công nhân, lao động trực tiếp sản xuất",
        "Công nhân",
        "Công nhân lao động",
    )
    NONG_LAM_NGU = (
        "nong_lam_ngu",
        "Người làm nông, lâm, ngư nghiệp",
        "Nông dân",
        "Nông nghiệp",
        "Làm ruộng",
        "Làm nông",
        "Ngư dân",
        "Nông, lâm, ngư nghiệp",
    )
    LUC_LUONG_VU_TRANG = (
        "luc_luong_vu_trang",
        "Sỹ quan, chiến sỹ quân đội và công an (lực lượng vũ trang)",
        "Sỹ quan, chiến sỹ quân đội và công an",
        "Lực lượng vũ trang",
        "Quân nhân",
        "Quân đội",
        "Công an",
        "Bộ đội",
    )
    SINH_VIEN = ("sinh_vien", "Sinh viên")
    HOC_SINH = ("hoc_sinh", "Học sinh")
    KHAC = (
        "khac",
        "Khác (lao động hợp đồng, tự do…)",
        "Khác",
        "Lao động tự do",
        "Tự do",
        "Lao động hợp đồng",
    )
    #: Biểu 3 II.1.b: đảng viên đã nghỉ hưu và nghỉ công tác.
    NGHI_HUU = (
        "nghi_huu",
        "Đảng viên đã nghỉ hưu và nghỉ công tác",
        "Nghỉ hưu",
        "Hưu trí",
        "Đã nghỉ hưu",
        "Về hưu",
        "Hưu",
        "Cán bộ hưu trí",
        "Nghỉ mất sức",
        "Nghỉ công tác",
    )

    @classmethod
    def _ambiguous(cls) -> Mapping[str, str]:
        # Lines that sum others, and names shared by several lines: a member is placed
        # on one line of their own.
        enterprise = N_(
            "dòng tổng của ba dòng doanh nghiệp; hãy ghi một dòng: {lines}",
            lines="; ".join(m.label for m in _ENTERPRISE_LINES),
        )
        civil = N_(
            "có ở nhiều dòng; hãy ghi rõ: {lines}",
            lines="; ".join(
                m.label
                for m in (
                    Occupation.CBCC_NHA_NUOC,
                    Occupation.CBCC_DANG_DOAN_THE,
                    Occupation.CBCC_CAP_XA,
                )
            ),
        )
        working = N_("dòng tổng của các nghề nghiệp; hãy ghi một nghề nghiệp")
        return {
            matching_key("Lãnh đạo, quản lý và lao động trong các doanh nghiệp"): enterprise,
            matching_key("Lao động trong các doanh nghiệp"): enterprise,
            matching_key("Doanh nghiệp"): enterprise,
            matching_key("Công chức"): civil,
            matching_key("Cán bộ, công chức"): civil,
            matching_key("CBCC"): civil,
            matching_key("Đảng viên đang làm việc và công tác"): working,
            matching_key("Đang làm việc và công tác"): working,
        }

    @classmethod
    def _what(cls) -> str:
        return N_("nghề nghiệp")

    @property
    def group(self) -> str | None:
        """The form line this one is a sub-line of, or None for a line of its own."""
        if self in _ENTERPRISE:
            return "doanh_nghiep"
        return None

    @property
    def is_working(self) -> bool:
        """Đang làm việc: every line but "đã nghỉ hưu và nghỉ công tác"."""
        return self is not Occupation.NGHI_HUU


_ENTERPRISE_LINES = (
    Occupation.QUAN_LY_DOANH_NGHIEP,
    Occupation.NHAN_VIEN_DOANH_NGHIEP,
    Occupation.CONG_NHAN,
)
_ENTERPRISE = frozenset(_ENTERPRISE_LINES)


class _Ordered(_Coded):
    """Levels that compare in the order they are declared, lowest first."""

    def _rank(self) -> int:
        return list(type(self)).index(self)

    def at_least(self, other: _Ordered) -> bool:
        """True when this level is *other* or above."""
        if type(other) is not type(self):
            raise ArgumentTypeError(
                N_(
                    "không so được {mine} với {theirs}",
                    mine=type(self).__name__,
                    theirs=type(other).__name__,
                )
            )
        return self._rank() >= other._rank()


# Grade written as "n/12" (the 12-year system) or "n/10" (the northern 10-year system
# before 1981): the level finished is the highest school stage whose last grade is reached.
_GRADE = re.compile(r"^(\d{1,2})/(10|12)$")
# A grade without its system: "12", "lớp 9".
_BARE_GRADE = re.compile(r"^(\d{1,2})$")
_STAGE_ENDS = {12: (5, 9, 12), 10: (4, 7, 10)}
# Words around a level that do not change it (folded): "lớp 12", "hết cấp 3", "tốt nghiệp
# THPT", "12/12 bổ túc" (bổ túc văn hóa finishes the same levels). "Học" ("học hết lớp
# 9") is such a word, but not the "học" of a level's name ("tiểu học", "trung học cơ sở",
# "phổ thông trung học"), without which "tốt nghiệp trung học phổ thông" named nothing.
_SCHOOL_WORDS = re.compile(
    r"\b(?:tot nghiep|tn|het|lop|(?<!trung\W)(?<!tieu\W)hoc|he|bo tuc van hoa|bo tuc|btvh|bt)\b"
    r"|[()]"
)
# The school system written out (folded): "10/10 hệ cũ", "lớp 10 (hệ 10 năm)". "Hệ cũ" is
# the northern 10-year system, "hệ mới" the 12-year one; "hệ 10/10" is a grade, not this.
_SYSTEM = re.compile(r"\bhe\s*(?:(cu)|(moi)|(10|12)\s*nam|(10|12)(?![/\d]))\b")


class GeneralEducation(_Ordered):
    """Học vấn phổ thông: the highest school level finished, lowest first.

    Clerks write the last grade: "12/12", "9/12", or "10/10" in the old northern system.

    >>> [GeneralEducation.parse(t).code for t in ("7/12", "9/12", "10/10", "cấp 3")]
    ['tieu_hoc', 'thcs', 'thpt', 'thpt']
    """

    #: Chưa biết chữ quốc ngữ (a row of the 2012 forms only).
    CHUA_BIET_CHU = ("chua_biet_chu", "Chưa biết chữ quốc ngữ", "Mù chữ")
    BIET_DOC_VIET = (
        "biet_doc_viet",
        "Biết đọc, biết viết chữ quốc ngữ",
        "Biết đọc biết viết",
    )
    TIEU_HOC = ("tieu_hoc", "Tiểu học", "Cấp 1", "Cấp I")
    THCS = ("thcs", "Trung học cơ sở", "Cấp 2", "Cấp II", "PTCS", "Phổ thông cơ sở")
    THPT = (
        "thpt",
        "Trung học phổ thông",
        "Cấp 3",
        "Cấp III",
        "PTTH",
        "Phổ thông trung học",
    )

    @classmethod
    def parse(cls, text: str) -> GeneralEducation:
        """Read a level or the last grade finished ("9/12", "10/10", "lớp 12").

        A grade without its system is read when both systems give the same level
        ("12", "lớp 9") and refused when they do not ("lớp 10": 10/10 or 10/12).
        """
        text = text_to_parse(cls._what(), text)
        found = cls._grade(matching_key(text), text)
        if found is not None:
            return found
        system = _SYSTEM.search(fold(text))
        if system is not None:
            return cls._in_system(text, system)
        try:
            return super().parse(text)
        except ParseError:
            rest = _SCHOOL_WORDS.sub(" ", fold(text))
            if not rest.strip() or rest.strip() == fold(text):
                raise
            found = cls._grade(matching_key(rest), text)
            if found is not None:
                return found
            found = cls._lookup(rest)
            if found is None:
                raise
            return found

    @classmethod
    def _in_system(cls, text: str, system: re.Match[str]) -> GeneralEducation:
        """*text* read in the school system it names ("10/10 hệ cũ", "lớp 10 hệ 10 năm")."""
        old, new, years, bare = system.groups()
        of = 10 if old else 12 if new else int(years or bare)
        folded = fold(text)
        rest = _SCHOOL_WORDS.sub(" ", folded[: system.start()] + " " + folded[system.end() :])
        key = matching_key(rest)
        grade = _GRADE.match(key)
        if grade is not None:
            if int(grade.group(2)) != of:
                reason = N_(
                    "lớp ghi theo hệ {written} năm nhưng ghi kèm hệ {named} năm",
                    written=grade.group(2),
                    named=str(of),
                )
                raise ParseError(cls._what(), text, reason)
            return cls._finished(int(grade.group(1)), of, text)
        bare_grade = _BARE_GRADE.match(key)
        if bare_grade is not None:
            return cls._finished(int(bare_grade.group(1)), of, text)
        found = cls._lookup(rest) if key else None
        if found is None:
            reason = N_("không có trong danh mục {what}", what=cls._what())
            raise ParseError(cls._what(), text, reason, not_listed=True)
        return found

    @classmethod
    def _grade(cls, key: str, text: str) -> GeneralEducation | None:
        grade = _GRADE.match(key)
        if grade is not None:
            return cls._finished(int(grade.group(1)), int(grade.group(2)), text)
        bare = _BARE_GRADE.match(key)
        if bare is None:
            return None
        reached = int(bare.group(1))
        levels = {cls._finished(reached, of, text) for of in _STAGE_ENDS if reached <= of}
        if len(levels) == 1:
            return levels.pop()
        if not levels:
            raise ParseError(cls._what(), text, N_("lớp học không hợp lệ"))
        raise ParseError(
            cls._what(),
            text,
            N_(
                "không rõ hệ 10 năm hay 12 năm; hãy ghi {n}/10 hoặc {n}/12",
                n=str(reached),
            ),
        )

    @classmethod
    def _finished(cls, reached: int, of: int, text: str) -> GeneralEducation:
        if not 1 <= reached <= of:
            raise ParseError(cls._what(), text, N_("lớp học không hợp lệ"))
        primary, lower, upper = _STAGE_ENDS[of]
        if reached >= upper:
            return cls.THPT
        if reached >= lower:
            return cls.THCS
        if reached >= primary:
            return cls.TIEU_HOC
        return cls.BIET_DOC_VIET

    @classmethod
    def _what(cls) -> str:
        return N_("học vấn phổ thông")


class AcademicTitle(_Ordered):
    """Học hàm (chức danh khoa học): the highest held counts.

    >>> AcademicTitle.parse("PGS") is AcademicTitle.PHO_GIAO_SU
    True
    """

    PHO_GIAO_SU = ("pho_giao_su", "Phó Giáo sư", "PGS", "Phó GS")
    GIAO_SU = ("giao_su", "Giáo sư", "GS")

    @classmethod
    def parse(cls, text: str) -> AcademicTitle:
        """Read a title, also written with the degree after it ("PGS.TS", "GS.TSKH")."""
        text = text_to_parse(cls._what(), text)
        try:
            return super().parse(text)
        except ParseError:
            key = matching_key(text)
            for degree in _DOCTORATES:
                if key.endswith(degree):
                    found = cls._index().get(key[: -len(degree)])
                    if found is not None:
                        return found  # type: ignore[no-any-return]
            raise

    @classmethod
    def _what(cls) -> str:
        return N_("học hàm")


# The degree written after a title, as keys, longest first: "tskh" before "ts".
_DOCTORATES = ("tiensikhoahoc", "tiensi", "tskh", "ts")


class _Band(enum.Enum):
    """A band of a measure (age, admission date): a stable code and the form's label."""

    _label_: str

    @property
    def code(self) -> str:
        """The stable ASCII code."""
        return str(self.value)

    @property
    def label(self) -> str:
        """The band as the form prints it."""
        return self._label_


class AgeBand(_Band):
    """The age bands of Biểu 2 and 3 (2021), by completed years at the period's end.

    Ages under 18 fall in no band (a member cannot be admitted before 18).

    >>> [AgeBand.of(age).code for age in (18, 30, 31, 60, 61)]
    ['18_30', '18_30', '31_35', '56_60', 'tren_60']
    >>> AgeBand.of(17) is None
    True
    """

    low: int
    high: int | None

    TU_18_DEN_30 = ("18_30", "Từ 18 - 30 tuổi", 18, 30)
    TU_31_DEN_35 = ("31_35", "Từ 31 - 35 tuổi", 31, 35)
    TU_36_DEN_40 = ("36_40", "Từ 36 - 40 tuổi", 36, 40)
    TU_41_DEN_45 = ("41_45", "Từ 41 - 45 tuổi", 41, 45)
    TU_46_DEN_50 = ("46_50", "Từ 46 - 50 tuổi", 46, 50)
    TU_51_DEN_55 = ("51_55", "Từ 51 - 55 tuổi", 51, 55)
    TU_56_DEN_60 = ("56_60", "Từ 56 - 60 tuổi", 56, 60)
    TREN_60 = ("tren_60", "Trên 60 tuổi", 61, None)

    def __new__(cls, code: str, label: str, low: int, high: int | None) -> Any:
        member = object.__new__(cls)
        member._value_ = code
        member._label_ = label
        member.low = low
        member.high = high
        return member

    @classmethod
    def of(cls, age: int) -> AgeBand | None:
        """The band holding *age* in completed years, or None below 18."""
        # The members' mapping: iterating the class is a generator per call, and a rollup
        # places every distinct birth date.
        for band in cls.__members__.values():
            if band.low <= age and (band.high is None or age <= band.high):
                return band
        return None


class AdmissionEra(_Band):
    """Thời kỳ vào Đảng (Biểu 3 II.3), by the date of admission; bounds inclusive.

    >>> AdmissionEra.of(date(1945, 8, 18)).code, AdmissionEra.of(date(1945, 8, 19)).code
    ('truoc_1945', '1945_1954')
    >>> AdmissionEra.of(date(1975, 4, 30)).code
    '1954_1975'
    """

    first: date | None
    last: date | None

    TRUOC_19_8_1945 = ("truoc_1945", "Trước 19/8/1945", None, date(1945, 8, 18))
    TU_1945_DEN_1954 = (
        "1945_1954",
        "Từ 19/8/1945 đến 20/7/1954",
        date(1945, 8, 19),
        date(1954, 7, 20),
    )
    TU_1954_DEN_1975 = (
        "1954_1975",
        "Từ 21/7/1954 đến 30/4/1975",
        date(1954, 7, 21),
        date(1975, 4, 30),
    )
    TU_1975 = ("tu_1975", "Từ 01/5/1975 đến nay", date(1975, 5, 1), None)

    def __new__(cls, code: str, label: str, first: date | None, last: date | None) -> Any:
        member = object.__new__(cls)
        member._value_ = code
        member._label_ = label
        member.first = first
        member.last = last
        return member

    @classmethod
    def of(cls, admitted_on: date) -> AdmissionEra:
        """The era holding *admitted_on*."""
        for era in cls.__members__.values():
            if (era.first is None or era.first <= admitted_on) and (
                era.last is None or admitted_on <= era.last
            ):
                return era
        raise AssertionError("the eras cover every date")  # pragma: no cover
