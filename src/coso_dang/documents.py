"""Party and state document numbers (số hiệu văn bản): read, compare, write, find in text.

Party documents are numbered ``<n>-<TYPE>/<ISSUER>`` ("21-NQ/TW", "26-KH/BCSĐ",
"10-CTr/TU"); state documents ``<n>/<year>/<TYPE>-<ISSUER>`` ("30/2020/NĐ-CP") or
``<n>/<TYPE>-<ISSUER>`` ("1989/QĐ-BGDĐT"), and a công văn, which has no type,
``<n>/<ISSUER>-<UNIT>`` ("454/UBND-NCTH"); the National Assembly and its Standing
Committee ``<n>/<year>/<ISSUER><term>`` ("87/2015/QH13", "629/2019/UBTVQH14").
:class:`DocumentRef` holds one number, with
the issue date and title when known; :func:`find_document_refs` finds every number in a
paragraph together with the date written right after it ("… số 10-CTr/TU ngày
18/10/2022 của …").

The module also names the documents the library cites (:data:`NQ21`, :data:`QD132`, …),
with their dates, for rules to use as their basis.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Mapping
from typing import final

from attrs import field, frozen
from attrs.validators import instance_of, optional

from coso_dang._enums import LabelledEnum
from coso_dang.errors import ParseError
from coso_dang.i18n import N_
from coso_dang.vi.dates import find_dates, format_date
from coso_dang.vi.text import Skeleton, fold, longer_than, normalize

__all__ = [
    "CITED_DOCUMENTS",
    "CTR10_TU",
    "HD06",
    "HD21_BTCTW",
    "HD25_BTCTW",
    "HD33_BTCTW",
    "HD36_VPTW",
    "HD43_BTCTW",
    "KH07",
    "KH26_BCSD",
    "KH72_DUK",
    "MAX_TEXT_LENGTH",
    "ND30_2020",
    "NQ21",
    "QD01_2026",
    "QD29",
    "QD124",
    "QD132",
    "QD213",
    "QD232",
    "QD294",
    "QD366",
    "DocumentMatch",
    "DocumentRef",
    "DocumentStyle",
    "find_document_refs",
]

#: The longest text :meth:`DocumentRef.parse` reads (a number with its kind, date and
#: title, as pasted), counted composed (NFC); longer text raises
#: :class:`~coso_dang.errors.ParseError` before any matching.
MAX_TEXT_LENGTH = 400


class DocumentStyle(LabelledEnum):
    """How a document number is built: the party's way or the state's.

    >>> DocumentStyle.PARTY.label
    'Văn bản của Đảng'
    """

    #: ``21-NQ/TW``: number, type, issuer; no year.
    PARTY = ("party", "Văn bản của Đảng")
    #: ``30/2020/NĐ-CP``: number, year (usually), type and issuer.
    STATE = ("state", "Văn bản quản lý nhà nước")
    #: ``87/2015/QH13``: number, year, issuer and its term (khóa); no type, as the
    #: National Assembly and its Standing Committee number laws and resolutions alike.
    ASSEMBLY = ("assembly", "Văn bản của Quốc hội, Ủy ban Thường vụ Quốc hội")


# The readings of each type abbreviation. A party QĐ is a quyết định or a quy định; the
# state writes QyĐ for a quy định, so its QĐ is only a quyết định. The Central Committee
# has also numbered quy định QĐi ("Quy định số 08-QĐi/TW" of 2018).
_PARTY_TYPES: Mapping[str, tuple[str, ...]] = {
    "BC": ("Báo cáo",),
    "CT": ("Chỉ thị",),
    "CTHĐ": ("Chương trình hành động",),
    "CTr": ("Chương trình",),
    "CV": ("Công văn",),
    "ĐA": ("Đề án",),
    "HD": ("Hướng dẫn",),
    "KH": ("Kế hoạch",),
    "KL": ("Kết luận",),
    "NQ": ("Nghị quyết",),
    "QC": ("Quy chế",),
    "QĐ": ("Quyết định", "Quy định"),
    "QĐi": ("Quy định",),
    "QyĐ": ("Quy định",),
    "TB": ("Thông báo",),
    "TT": ("Thông tri",),
    "TTr": ("Tờ trình",),
}
_STATE_TYPES: Mapping[str, tuple[str, ...]] = {
    # A công văn has no type: "454/UBND-NCTH" is the issuer and the unit that drafted it
    # (Nghị định 30/2020/NĐ-CP, Phụ lục I).
    "": ("Công văn",),
    "BC": ("Báo cáo",),
    "CT": ("Chỉ thị",),
    "HD": ("Hướng dẫn",),
    "KH": ("Kế hoạch",),
    "NĐ": ("Nghị định",),
    "NQ": ("Nghị quyết",),
    "QĐ": ("Quyết định",),
    "QyĐ": ("Quy định",),
    "TB": ("Thông báo",),
    "TT": ("Thông tư",),
    "TTLT": ("Thông tư liên tịch",),
    "TTr": ("Tờ trình",),
}
# An assembly number has no type; the laws, codes, ordinances and resolutions it numbers
# are told apart by the words before it ("Luật số 87/2015/QH13").
_ASSEMBLY_TYPES: Mapping[str, tuple[str, ...]] = {
    "": ("Luật", "Bộ luật", "Nghị quyết", "Pháp lệnh"),
}
_ASSEMBLY_ISSUERS = ("QH", "UBTVQH")
_READINGS = {
    DocumentStyle.PARTY: _PARTY_TYPES,
    DocumentStyle.STATE: _STATE_TYPES,
    DocumentStyle.ASSEMBLY: _ASSEMBLY_TYPES,
}
# Every reading, longest first, for finding the kind named before a number; with the
# longer names of a kind: a TB that records the Politburo's or the Secretariat's
# conclusions is a "Thông báo kết luận".
_KINDS = sorted(
    {reading for table in _READINGS.values() for readings in table.values() for reading in readings}
    | {"Chương trình hành động", "Thông báo kết luận"},
    key=len,
    reverse=True,
)

_KNOWN_TYPES = sorted({*_PARTY_TYPES, *_STATE_TYPES} - {""})
_KNOWN_ISSUERS = (
    # party
    "BCĐ", "BCSĐ", "BDVTW", "BTCTW", "BTGTW", "ĐĐ", "ĐH", "ĐU", "ĐUK", "HU", "QU", "TU",
    "TW", "UBKTTU", "UBKTTW", "VPTW",
    # state
    "BCA", "BCT", "BGDĐT", "BNV", "BQP", "BTC", "BYT", "CP", "HĐND", "QH", "TTg", "UBND",
    "UBTVQH",
)  # fmt: skip


def _ascii_key(text: str) -> str:
    return Skeleton(text).text.upper()


def _spellings(known: tuple[str, ...] | list[str]) -> dict[str, str]:
    table = {_ascii_key(k): k for k in known}
    if len(table) != len(known):  # pragma: no cover - a fault in the tables above
        raise AssertionError("two known abbreviations share an ASCII spelling")
    return table


_TYPE_SPELLINGS = _spellings(_KNOWN_TYPES)
_ISSUER_SPELLINGS = _spellings(_KNOWN_ISSUERS)

_D_FORMS = str.maketrans({"\u00d0": "Đ", "\u0189": "Đ", "\u00f0": "đ", "\u0256": "đ"})
_PART_TEXT = re.compile(r"[^\W\d_]{1,10}")
_NUMBERED_UNIT = re.compile(r"(.*?)([0-9]{0,2})", re.DOTALL)


def _abbreviation(value: object, what: str, spellings: Mapping[str, str]) -> str:
    """One part of a number in its canonical spelling, or ParseError.

    A known abbreviation is matched ignoring case, and written without diacritics it is
    restored ("QD" → "QĐ", "CTR" → "CTr"). An unknown one must start with a capital.
    """
    if not isinstance(value, str):
        raise ParseError(what, value, N_("cần một văn bản (str)"))
    part = normalize(value).translate(_D_FORMS)
    if not _PART_TEXT.fullmatch(part):
        raise ParseError(what, value, N_("cần từ 1 đến 10 chữ cái"))
    known = spellings.get(_ascii_key(part))
    if known is not None and (part.upper() == known.upper() or part.isascii()):
        return known
    if not part[0].isupper():
        raise ParseError(what, value, N_("không phải chữ viết tắt đã biết, cũng không viết hoa"))
    return part


def _type_code(value: str) -> str:
    if value == "":
        return ""  # an assembly number; the style's check refuses it elsewhere
    return _abbreviation(value, N_("loại văn bản"), _TYPE_SPELLINGS)


def _issuer(value: str) -> str:
    if not isinstance(value, str):
        raise ParseError(N_("cơ quan ban hành"), value, N_("cần một văn bản (str)"))
    parts = value.strip().split("-")
    if len(parts) > 4:
        raise ParseError(N_("cơ quan ban hành"), value, N_("nhiều hơn 4 phần"))
    first, *rest = parts
    written = [_abbreviation(first, N_("cơ quan ban hành"), _ISSUER_SPELLINGS)]
    for part in rest:
        # A unit may be numbered: "VX1" in the công văn 847/UBND-VX1.
        unit = _NUMBERED_UNIT.fullmatch(part)
        assert unit is not None  # the pattern matches any text
        stem, digits = unit.groups()
        written.append(_abbreviation(stem, N_("cơ quan ban hành"), _ISSUER_SPELLINGS) + digits)
    return "-".join(written)


def _number(value: str | int) -> str:
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        value = str(value)
    if not isinstance(value, str) or not re.fullmatch(r"[0-9]{1,6}", value.strip()):
        raise ParseError(N_("số hiệu văn bản"), value, N_("cần từ 1 đến 6 chữ số"))
    return value.strip()


def _optional_text(value: str | None) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise ParseError(N_("trường văn bản"), value, N_("cần văn bản không rỗng hoặc None"))
    return normalize(value)


def _check_type(instance: DocumentRef, attribute: object, value: str) -> None:
    if value == "" and instance.style is DocumentStyle.STATE:
        return  # a công văn: "454/UBND-NCTH"
    if (value == "") != (instance.style is DocumentStyle.ASSEMBLY):
        reason = (
            N_("số hiệu của Quốc hội (87/2015/QH13) không có loại văn bản")
            if value
            else N_("cần loại văn bản (NQ, QĐ, …): chỉ số hiệu của Quốc hội không có")
        )
        raise ParseError(N_("loại văn bản"), value, reason)


def _check_term(instance: DocumentRef, attribute: object, value: int | None) -> None:
    is_assembly = instance.style is DocumentStyle.ASSEMBLY
    if value is None:
        if is_assembly:
            raise ParseError(N_("khóa Quốc hội"), value, N_("số hiệu của Quốc hội có ghi khóa"))
        return
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 99:
        raise ParseError(N_("khóa Quốc hội"), value, N_("cần số nguyên từ 1 đến 99"))
    if not is_assembly:
        raise ParseError(N_("khóa Quốc hội"), value, N_("chỉ số hiệu của Quốc hội mới ghi khóa"))
    if instance.issuer.upper() not in _ASSEMBLY_ISSUERS:
        reason = N_("số hiệu của Quốc hội do QH hoặc UBTVQH ban hành")
        raise ParseError(N_("cơ quan ban hành"), instance.issuer, reason)


def _check_year(instance: DocumentRef, attribute: object, value: int | None) -> None:
    if value is None:
        if instance.style is DocumentStyle.ASSEMBLY:
            raise ParseError(N_("năm của văn bản"), value, N_("số hiệu của Quốc hội có ghi năm"))
        return
    if isinstance(value, bool) or not isinstance(value, int) or not 1000 <= value <= 9999:
        raise ParseError(N_("năm của văn bản"), value, N_("cần số nguyên 4 chữ số"))
    if instance.style is DocumentStyle.PARTY:
        raise ParseError(N_("năm của văn bản"), value, N_("số hiệu văn bản của Đảng không ghi năm"))


def _check_kind(instance: DocumentRef, attribute: object, value: str | None) -> None:
    readings = instance._readings()
    if value is None or not readings:
        return
    if not any(fold(value).startswith(fold(reading)) for reading in readings):
        reason = N_(
            "{doc_type} là {readings}", doc_type=instance.doc_type, readings=" hoặc ".join(readings)
        )
        raise ParseError(N_("tên loại văn bản"), value, reason)


def _casefold(text: str) -> str:
    return text.casefold()


@final
@frozen
class DocumentRef:
    """A party or state document number, with the issue date and title when known.

    ``number`` keeps its digits as written ("01" in "01-HD/TW") and compares as a
    whole number, so ``01-HD/TW`` equals ``1-HD/TW``. Type and issuer are stored in
    their canonical spelling when they are known abbreviations ("QD" is read as "QĐ",
    "CTR" as "CTr"); other well-formed abbreviations starting with a capital are kept as
    written and compare ignoring case. ``date``, ``title`` and ``kind`` describe the
    document and do not take part in equality or hashing: ``NQ21 == DocumentRef.parse(
    "21-NQ/TW")``.

    ``str()`` gives the canonical number: "21-NQ/TW", "30/2020/NĐ-CP". Use
    :func:`attrs.evolve` to add a date or title to a parsed reference.

    Raises:
        ParseError: a field is malformed (a number that is not 1–6 digits, a lower-case
            unknown abbreviation, a year on a party number, a ``kind`` that is not a
            reading of the type); the message names the field and quotes the value.

    >>> ref = DocumentRef.parse("Số: 21 - NQ/TW")
    >>> str(ref), ref.type_label
    ('21-NQ/TW', 'Nghị quyết')
    """

    #: The number as written, digits only ("21", "01").
    number: str = field(converter=_number, eq=int)
    #: The type abbreviation ("NQ", "QĐ", "CTr", …); "" for an assembly number or a
    #: state công văn ("454/UBND-NCTH").
    doc_type: str = field(converter=_type_code, eq=_casefold, validator=_check_type)
    #: The issuer abbreviation ("TW", "BCSĐ", "CP", …); a state issuer may have up to
    #: 4 parts joined by "-" ("BTC-BNV").
    issuer: str = field(converter=_issuer, eq=_casefold)
    #: Party or state numbering.
    style: DocumentStyle = field(default=DocumentStyle.PARTY, validator=instance_of(DocumentStyle))
    #: The year written in the number (state numbers only).
    year: int | None = field(default=None, validator=_check_year)
    #: The date of issue, when known.
    date: _dt.date | None = field(default=None, eq=False, validator=optional(instance_of(_dt.date)))
    #: The title ("về …"), when known.
    title: str | None = field(default=None, eq=False, converter=_optional_text)
    #: The kind in words when the type has more than one reading: "Quy định" or
    #: "Quyết định" for a party QĐ. It must start with one of the type's readings.
    kind: str | None = field(
        default=None, eq=False, converter=_optional_text, validator=_check_kind
    )
    #: The term (khóa) of the National Assembly in an assembly number: 13 in
    #: "87/2015/QH13".
    term: int | None = field(default=None, validator=_check_term)

    def _readings(self) -> tuple[str, ...]:
        return _READINGS[self.style].get(self.doc_type, ())

    @property
    def type_label(self) -> str | None:
        """The type in words: the ``kind`` if given, else what the abbreviation means.

        A party QĐ with no ``kind`` reads "Quyết định/Quy định"; an unknown type gives None.

        >>> DocumentRef.parse("127-QĐ/TW").type_label
        'Quyết định/Quy định'
        >>> DocumentRef.parse("132-QĐ/TW", kind="Quy định").type_label
        'Quy định'
        """
        if self.kind is not None:
            return self.kind
        readings = self._readings()
        return "/".join(readings) if readings else None

    def __str__(self) -> str:
        if self.style is DocumentStyle.PARTY:
            return f"{self.number}-{self.doc_type}/{self.issuer}"
        year = "" if self.year is None else f"{self.year}/"
        if self.style is DocumentStyle.ASSEMBLY:
            return f"{self.number}/{year}{self.issuer}{self.term}"
        if not self.doc_type:
            return f"{self.number}/{year}{self.issuer}"
        return f"{self.number}/{year}{self.doc_type}-{self.issuer}"

    def cite(self) -> str:
        """Name the document as running text does: type, number, date and title.

        Returns:
            Text such as "Nghị quyết số 21-NQ/TW ngày 16/6/2022 về …"; a type with
            more than one reading and no ``kind``, or an unknown one, is "Văn bản".

        >>> DocumentRef.parse("26-KH/BCSĐ", date=_dt.date(2023, 1, 12)).cite()
        'Kế hoạch số 26-KH/BCSĐ ngày 12/01/2023'
        """
        label = self.type_label
        if label is None or (self.kind is None and len(self._readings()) > 1):
            label = "Văn bản"
        text = f"{label} số {self}"
        if self.date is not None:
            text += f" ngày {format_date(self.date, 'numeric')}"
        if self.title is not None:
            text += f" {self.title}"
        return text

    @classmethod
    def parse(
        cls,
        text: str,
        *,
        date: _dt.date | None = None,
        title: str | None = None,
        kind: str | None = None,
    ) -> DocumentRef:
        """Read a party or state document number.

        Reads "21-NQ/TW", "Số 21-NQ/TW", "Số: 21-NQ/TW", "số 21 - NQ / TW", "21 – NQ/TW"
        (an en or em dash for the hyphen), "30/2020/NĐ-CP", "1989/QĐ-BGDĐT",
        "87/2015/QH13"; NFC or NFD; "Đ" look-alikes (Ð, Ɖ) as "Đ". What people paste is
        read too: the kind in words before the number ("Nghị quyết số 21-NQ/TW", "Quy
        định 124-QĐ/TW") becomes ``kind`` when the type reads so, and "ngày" and a date
        after it ("… ngày 16/6/2022") becomes ``date``, and a title "về …" after that
        becomes ``title`` (the issuer, "của Bộ Chính trị", is left out); *kind*, *date*
        and *title* given as arguments win. "Văn bản số", which :meth:`cite` writes for
        a type read two ways or not known, names no kind. A number never spans lines.

        Args:
            text: the number, at most :data:`MAX_TEXT_LENGTH` characters.
            date: the date of issue, if known.
            title: the title, if known.
            kind: the kind in words, for a type with more than one reading.

        Returns:
            The reference.

        Raises:
            ParseError: *text* is not a document number, or a part of it is not a
                well-formed abbreviation; the message quotes *text*.

        >>> DocumentRef.parse("30/2020/NĐ-CP").year
        2020
        >>> ref = DocumentRef.parse("Nghị quyết số 21-NQ/TW ngày 16/6/2022")
        >>> ref.kind, ref.date
        ('Nghị quyết', datetime.date(2022, 6, 16))
        """
        if not isinstance(text, str):
            raise ParseError(N_("số hiệu văn bản"), text, N_("cần một văn bản (str)"))
        if longer_than(text, MAX_TEXT_LENGTH):  # counted composed: NFD reads as NFC does
            raise ParseError(
                N_("số hiệu văn bản"), text, N_("dài hơn {n} ký tự", n=MAX_TEXT_LENGTH)
            )
        skeleton = Skeleton(normalize(text))
        match = _PARSE.fullmatch(skeleton.text.strip())
        if match is None:
            reason = N_("cần số hiệu như 21-NQ/TW, 30/2020/NĐ-CP hoặc 87/2015/QH13")
            raise ParseError(N_("số hiệu văn bản"), text, reason)
        style, doc_type = _style_and_type(match, match.group("kw"))
        if kind is None and match.group("kw") is not None:
            kind = _kind_named(match.group("kw"), style, doc_type)
            if kind is None:
                # The words as written, not their skeleton ("Kế hoạch", not "Ke hoach").
                lead = len(skeleton.text) - len(skeleton.text.lstrip())
                words = repr(skeleton.slice(lead + match.start("kw"), lead + match.end("kw")))
                reason = (
                    N_("{words} không phải cách đọc của {doc_type}", words=words, doc_type=doc_type)
                    if doc_type
                    else N_("{words} không phải loại của số hiệu này", words=words)
                )
                raise ParseError(N_("số hiệu văn bản"), text, reason)
        if match.group("tail") is not None:
            written, about = _date_and_title(skeleton, match.start("tail"))
            if written is None and fold(match.group("tail")).strip().startswith("ngay"):
                reason = N_("sau số hiệu không phải 'ngày' và một ngày tháng")
                raise ParseError(N_("số hiệu văn bản"), text, reason)
            date = written if date is None else date
            title = about if title is None else title
        try:
            return _from_match(skeleton, match, date=date, title=title, kind=kind)
        except ParseError as error:
            raise ParseError(N_("số hiệu văn bản"), text, error.reason) from None


_PART = r"[A-Za-z]{1,10}"
# Spaces within a line only: "năm 2022⏎⏎/QĐ-UBND" is a blank template, not a number.
_SP = r"[^\S\r\n]*"
# A hyphen, or the dash word processors and PDF text put in its place: the Unicode
# hyphen and non-breaking hyphen ("21‑NQ/TW"), the figure, en and em dashes ("21 – NQ/TW"),
# the minus sign.
_HYPHEN = rf"{_SP}[-\u2010-\u2015\u2212]{_SP}"
_ISSUER = rf"{_PART}[0-9]{{0,2}}(?:-{_PART}[0-9]{{0,2}}){{0,3}}"
_PARTY = rf"(?P<pn>[0-9]{{1,6}}){_HYPHEN}(?P<pt>{_PART}){_SP}/{_SP}(?P<pi>{_PART})"
_STATE = (
    rf"(?P<sn>[0-9]{{1,6}}){_SP}/{_SP}(?:(?P<sy>[0-9]{{4}}){_SP}/{_SP})?"
    rf"(?P<st>{_PART}){_HYPHEN}(?P<si>{_ISSUER})"
)
# "87/2015/QH13", "629/2019/UBTVQH14": the issuer with its term, no type.
_ASSEMBLY = (
    rf"(?P<an>[0-9]{{1,6}}){_SP}/{_SP}(?P<ay>[0-9]{{4}}){_SP}/{_SP}"
    r"(?P<ai>(?i:ubtvqh|qh))(?P<ak>[0-9]{1,2})"
)
_NUMBER = rf"(?:{_PARTY}|{_STATE}|{_ASSEMBLY})"
# The kinds in words, as the skeleton spells them ("nghi quyet"), longest first.
_KIND_WORDS = "|".join(r"\s+".join(map(re.escape, Skeleton(k).text.split())) for k in _KINDS)
# "Văn bản" names no kind: cite() writes it for a type read two ways or not known.
_PARSE = re.compile(
    rf"(?:(?P<kw>(?i:{_KIND_WORDS}))\s+|(?i:van\s+ban)\s+)?(?:(?i:so)\s*:?\s*)?{_NUMBER}"
    r"(?P<tail>\s*,?\s*(?i:ngay)\s.*|\s+(?i:ve|cua)\s.*)?",
    re.DOTALL,
)
_FIND = re.compile(rf"(?<![\w/.-]){_NUMBER}(?![\w-])")
# What may stand between a number and the date of issue written after it.
_DATE_AFTER = re.compile(r"\s*,?\s*(?=(?i:ngay)\s)")
# The kind in words right before a number: "Nghị quyết số", "Quy định", "Luật số".
_KIND_BEFORE = re.compile(rf"(?P<kind>(?i:{_KIND_WORDS}))\s+(?:(?i:so)\s*:?\s*)?\Z")


def _kind_named(words: str, style: DocumentStyle, doc_type: str) -> str | None:
    """The kind *words* name (skeleton text) in its spelling, if the type reads so."""
    key = " ".join(words.casefold().split())
    for kind in _KINDS:
        if Skeleton(kind).text.casefold() == key:
            readings = _READINGS[style].get(_canonical_type(doc_type), ())
            if any(kind.startswith(reading) for reading in readings):
                return kind
            return None
    return None  # pragma: no cover - the pattern only matches known kinds


def _canonical_type(doc_type: str) -> str:
    return _TYPE_SPELLINGS.get(_ascii_key(doc_type), doc_type) if doc_type else ""


def _from_match(
    skeleton: Skeleton,
    match: re.Match[str],
    *,
    date: _dt.date | None,
    title: str | None,
    kind: str | None,
) -> DocumentRef:
    def part(name: str) -> str:
        return normalize(skeleton.slice(*match.span(name)))

    if match.group("pn") is not None:
        return DocumentRef(part("pn"), part("pt"), part("pi"), date=date, title=title, kind=kind)
    if match.group("an") is not None:
        return DocumentRef(
            part("an"),
            "",
            part("ai"),
            style=DocumentStyle.ASSEMBLY,
            year=int(match.group("ay")),
            date=date,
            title=title,
            kind=kind,
            term=int(match.group("ak")),
        )
    year = match.group("sy")
    words = None if kind is None else Skeleton(kind).text
    doc_type, issuer = _state_type_and_issuer(part("st"), part("si"), words)
    return DocumentRef(
        part("sn"),
        doc_type,
        issuer,
        style=DocumentStyle.STATE,
        year=None if year is None else int(year),
        date=date,
        title=title,
        kind=kind,
    )


#: "Công văn" as the kind words before a number are matched (their skeleton, folded).
_CONG_VAN = Skeleton("Công văn").text.casefold()


def _state_type_and_issuer(doc_type: str, issuer: str, words: str | None = None) -> tuple[str, str]:
    """A state number's type and issuer; an issuer where the type goes is a công văn's:
    "454/UBND-NCTH" has no type, UBND issued it and NCTH drafted it. So is any number
    the words before it (*words*, the kind as matched) call a công văn, whatever its
    issuer: "Công văn số 100/SNV-TCBC"."""
    said = words is not None and " ".join(words.casefold().split()) == _CONG_VAN
    key = _ascii_key(doc_type)
    if key not in _TYPE_SPELLINGS and (said or key in _ISSUER_SPELLINGS):
        return "", f"{doc_type}-{issuer}"
    return doc_type, issuer


def _style_and_type(match: re.Match[str], words: str | None = None) -> tuple[DocumentStyle, str]:
    if match.group("pn") is not None:
        return DocumentStyle.PARTY, match.group("pt")
    if match.group("an") is not None:
        return DocumentStyle.ASSEMBLY, ""
    st, si = match.group("st"), match.group("si")
    return DocumentStyle.STATE, _state_type_and_issuer(st, si, words)[0]


@final
@frozen
class DocumentMatch:
    """A document number found in running text by :func:`find_document_refs`.

    ``text[start:end]`` of the searched text is ``text``, the number alone (no "số",
    no date); ``ref.date`` is the date written right after it, if any.

    >>> find_document_refs("theo Kế hoạch số 26-KH/BCSĐ")[0].span
    (17, 27)
    """

    #: The reference, with its date of issue when the text gives one.
    ref: DocumentRef
    #: Where the number starts in the searched text.
    start: int
    #: Where it ends (exclusive).
    end: int
    #: The number as written.
    text: str

    @property
    def span(self) -> tuple[int, int]:
        """``(start, end)``, as :meth:`re.Match.span`."""
        return self.start, self.end


def find_document_refs(text: str) -> list[DocumentMatch]:
    """Find every party or state document number in *text*, in order.

    A date written right after a number, with "ngày" and an optional comma
    ("số 10-CTr/TU ngày 18/10/2022", "số 21-NQ/TW, ngày 16/6/2022"), becomes the
    reference's ``date``; the kind in words right before it ("Nghị quyết số",
    "Hướng dẫn số", "Quy định", "Luật số") becomes its ``kind`` when the type reads so
    (a party QĐ is a "Quy định" or a "Quyết định"). A number is written on one line: a
    blank template's "năm 2022⏎⏎/QĐ-UBND" is none. Plain dates ("16/6/2022") are not
    numbers: a number needs a type and an issuer in letters. Text of any length is
    searched.

    Args:
        text: running text, any Unicode form.

    Returns:
        The matches, each with its span in *text*.

    >>> [m.ref.cite() for m in find_document_refs("Quy định 132-QĐ/TW, ngày 08/3/2018")]
    ['Quy định số 132-QĐ/TW ngày 08/3/2018']
    """
    skeleton = Skeleton(text)
    found: list[DocumentMatch] = []
    for match in _FIND.finditer(skeleton.text):
        start, end = match.span()
        kind: str | None = None
        before = _KIND_BEFORE.search(skeleton.text, max(0, start - 40), start)
        if before is not None:
            # A kind that is no reading of the type ("Quy định 30/2020/NĐ-CP") is left out.
            words = before.group("kind")
            kind = _kind_named(words, *_style_and_type(match, words))
        try:
            ref = _from_match(
                skeleton, match, date=_date_after(skeleton, end), title=None, kind=kind
            )
        except ParseError:
            continue
        begin, stop = skeleton.span(start, end)
        found.append(DocumentMatch(ref, begin, stop, text[begin:stop]))
    return found


def _date_and_title(skeleton: Skeleton, end: int) -> tuple[_dt.date | None, str | None]:
    """The date of issue and the title ("về …") written after a number, when there.

    What names the issuer ("của Bộ Chính trị") is neither and is left out.
    """
    day: _dt.date | None = None
    at = end
    gap = _DATE_AFTER.match(skeleton.text, end)
    if gap is not None:
        begin = skeleton.span(gap.end(), gap.end() + 1)[0]
        dates = find_dates(skeleton.source[begin : begin + 80])
        if dates and dates[0].start == 0:
            day = dates[0].value
            at = _skeleton_index(skeleton, begin + dates[0].end)
    about = re.search(r"(?i:\bve\s)", skeleton.text[at:])
    if about is None:
        return day, None
    start = at + about.start()
    title = normalize(skeleton.slice(start, len(skeleton.text))).rstrip(" .;,")
    return day, title or None


def _skeleton_index(skeleton: Skeleton, source_index: int) -> int:
    """The position in ``skeleton.text`` of the source position *source_index*."""
    for index in range(len(skeleton.text)):
        if skeleton.span(index, index + 1)[0] >= source_index:
            return index
    return len(skeleton.text)


def _date_after(skeleton: Skeleton, end: int) -> _dt.date | None:
    """The date written with "ngày" right after position *end* of the skeleton, if any."""
    gap = _DATE_AFTER.match(skeleton.text, end)
    if gap is None:
        return None
    begin = skeleton.span(gap.end(), gap.end() + 1)[0]
    dates = find_dates(skeleton.source[begin : begin + 80])
    return dates[0].value if dates and dates[0].start == 0 else None


# --- documents the library cites ---------------------------------------------------

_TITLE_RATING = (
    "về kiểm điểm và đánh giá, xếp loại chất lượng hằng năm đối với tập thể, "
    "cá nhân trong hệ thống chính trị"
)

#: Nghị quyết 21-NQ/TW (16/6/2022), Hội nghị Trung ương 5 khóa XIII: the targets for
#: party organizations and members to 2025 and 2030.
NQ21 = DocumentRef.parse(
    "21-NQ/TW",
    date=_dt.date(2022, 6, 16),
    title=(
        "về tăng cường củng cố, xây dựng tổ chức cơ sở đảng và nâng cao chất lượng "
        "đội ngũ đảng viên trong giai đoạn mới"
    ),
)
#: Kế hoạch 07-KH/TW (17/8/2022) implementing :data:`NQ21`.
KH07 = DocumentRef.parse("07-KH/TW", date=_dt.date(2022, 8, 17))
#: Quy định 132-QĐ/TW (08/3/2018): the rating regime from 2018.
QD132 = DocumentRef.parse(
    "132-QĐ/TW", date=_dt.date(2018, 3, 8), title=_TITLE_RATING, kind="Quy định"
)
#: Hướng dẫn 21-HD/BTCTW (18/10/2019) under :data:`QD132`.
HD21_BTCTW = DocumentRef.parse("21-HD/BTCTW", date=_dt.date(2019, 10, 18))
#: Quy định 124-QĐ/TW (04/10/2023): the rating regime from 2023, replacing :data:`QD132`.
QD124 = DocumentRef.parse(
    "124-QĐ/TW", date=_dt.date(2023, 10, 4), title=_TITLE_RATING, kind="Quy định"
)
#: Hướng dẫn 25-HD/BTCTW (10/11/2023) under :data:`QD124`.
HD25_BTCTW = DocumentRef.parse("25-HD/BTCTW", date=_dt.date(2023, 11, 10))
#: Quy định 366-QĐ/TW (30/8/2025): the 100-point rating regime, replacing :data:`QD124`.
QD366 = DocumentRef.parse(
    "366-QĐ/TW",
    date=_dt.date(2025, 8, 30),
    title=(
        "về việc kiểm điểm và đánh giá, xếp loại chất lượng đối với tập thể, "
        "cá nhân trong hệ thống chính trị"
    ),
    kind="Quy định",
)
#: Hướng dẫn 43-HD/BTCTW (31/10/2025) under :data:`QD366`.
HD43_BTCTW = DocumentRef.parse("43-HD/BTCTW", date=_dt.date(2025, 10, 31))
#: Quy định 29-QĐ/TW (25/7/2016): implementing the Party Charter (removal from the rolls
#: in 8.1, becoming official in 4.2, transfers in 6.3, badge deferral in 27.3).
QD29 = DocumentRef.parse(
    "29-QĐ/TW", date=_dt.date(2016, 7, 25), title="về thi hành Điều lệ Đảng", kind="Quy định"
)
#: Quy định 232-QĐ/TW (20/01/2025): implementing the Party Charter, between 24-QĐ/TW
#: (2021) and :data:`QD294`.
QD232 = DocumentRef.parse(
    "232-QĐ/TW", date=_dt.date(2025, 1, 20), title="về thi hành Điều lệ Đảng", kind="Quy định"
)
#: Quy định 01-QĐ/TW (03/02/2026, in force 01/02/2026): party dues, replacing 342-QĐ/TW.
QD01_2026 = DocumentRef.parse(
    "01-QĐ/TW", date=_dt.date(2026, 2, 3), title="về chế độ đảng phí", kind="Quy định"
)
#: Quy định 294-QĐ/TW (26/5/2025, in force 1/7/2025): implementing the Party Charter.
QD294 = DocumentRef.parse(
    "294-QĐ/TW", date=_dt.date(2025, 5, 26), title="về thi hành Điều lệ Đảng", kind="Quy định"
)
#: Quy định 213-QĐ/TW (02/01/2020): working members keep contact with their residence.
QD213 = DocumentRef.parse(
    "213-QĐ/TW",
    date=_dt.date(2020, 1, 2),
    title=(
        "về trách nhiệm của đảng viên đang công tác thường xuyên giữ mối liên hệ với "
        "tổ chức đảng và nhân dân nơi cư trú"
    ),
    kind="Quy định",
)
#: Hướng dẫn 33-HD/BTCTW (30/10/2020) under :data:`QD213`.
HD33_BTCTW = DocumentRef.parse("33-HD/BTCTW", date=_dt.date(2020, 10, 30))
#: Hướng dẫn 06-HD/TW (9/6/2025): party badge rules among others.
HD06 = DocumentRef.parse("06-HD/TW", date=_dt.date(2025, 6, 9))
#: Hướng dẫn 36-HD/VPTW (03/4/2018): how party documents are written.
HD36_VPTW = DocumentRef.parse("36-HD/VPTW", date=_dt.date(2018, 4, 3))
#: Nghị định 30/2020/NĐ-CP: how state documents are written (dates, numbers).
ND30_2020 = DocumentRef.parse(
    "30/2020/NĐ-CP", date=_dt.date(2020, 3, 5), title="về công tác văn thư"
)
#: Kế hoạch 26-KH/BCSĐ (12/01/2023), Ban cán sự Đảng UBND tỉnh Bình Phước.
KH26_BCSD = DocumentRef.parse("26-KH/BCSĐ", date=_dt.date(2023, 1, 12))
#: Chương trình hành động 10-CTr/TU (18/10/2022), Tỉnh ủy Bình Phước.
CTR10_TU = DocumentRef.parse(
    "10-CTr/TU", date=_dt.date(2022, 10, 18), kind="Chương trình hành động"
)
#: Kế hoạch 72-KH/ĐUK (22/3/2023), Đảng ủy Khối các cơ quan tỉnh Đồng Nai.
KH72_DUK = DocumentRef.parse("72-KH/ĐUK", date=_dt.date(2023, 3, 22))

#: Every document above, oldest first.
CITED_DOCUMENTS: tuple[DocumentRef, ...] = tuple(
    sorted(
        (
            NQ21, KH07, QD132, HD21_BTCTW, QD124, HD25_BTCTW, QD366, HD43_BTCTW, QD294,
            QD213, HD33_BTCTW, HD06, HD36_VPTW, ND30_2020, KH26_BCSD, CTR10_TU, KH72_DUK,
            QD29, QD232, QD01_2026,
        ),
        key=lambda ref: (ref.date or _dt.date.min, str(ref)),
    )
)  # fmt: skip
