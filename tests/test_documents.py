"""Tests for coso_dang.documents: party and state document numbers."""

from __future__ import annotations

import contextlib
import unicodedata
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coso_dang.documents import (
    CITED_DOCUMENTS,
    CTR10_TU,
    HD06,
    HD21_BTCTW,
    HD25_BTCTW,
    HD33_BTCTW,
    HD36_VPTW,
    HD43_BTCTW,
    KH07,
    KH26_BCSD,
    KH72_DUK,
    MAX_TEXT_LENGTH,
    ND30_2020,
    NQ21,
    QD01_2026,
    QD29,
    QD124,
    QD132,
    QD213,
    QD232,
    QD294,
    QD366,
    DocumentMatch,
    DocumentRef,
    DocumentStyle,
    find_document_refs,
)
from coso_dang.errors import ParseError
from coso_dang.i18n import translated

# The reasons are read as the English catalogue words them (see conftest).
pytestmark = pytest.mark.usefixtures("english_errors")

PARTY = DocumentStyle.PARTY
STATE = DocumentStyle.STATE


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


# (text, number, type, issuer, year, style, canonical) — written out by hand from DOMAIN §5
# and the documents it cites.
NUMBERS: list[tuple[str, str, str, str, int | None, DocumentStyle, str]] = [
    ("21-NQ/TW", "21", "NQ", "TW", None, PARTY, "21-NQ/TW"),
    ("26-KH/BCSĐ", "26", "KH", "BCSĐ", None, PARTY, "26-KH/BCSĐ"),
    ("10-CTr/TU", "10", "CTr", "TU", None, PARTY, "10-CTr/TU"),
    ("72-KH/ĐUK", "72", "KH", "ĐUK", None, PARTY, "72-KH/ĐUK"),
    ("127-QĐ/TW", "127", "QĐ", "TW", None, PARTY, "127-QĐ/TW"),
    ("01-HD/TW", "01", "HD", "TW", None, PARTY, "01-HD/TW"),
    ("43-HD/BCTW", "43", "HD", "BCTW", None, PARTY, "43-HD/BCTW"),
    ("36-HD/VPTW", "36", "HD", "VPTW", None, PARTY, "36-HD/VPTW"),
    ("43-HD/BTCTW", "43", "HD", "BTCTW", None, PARTY, "43-HD/BTCTW"),
    ("21-HD/BTCTW", "21", "HD", "BTCTW", None, PARTY, "21-HD/BTCTW"),
    ("25-HD/BTCTW", "25", "HD", "BTCTW", None, PARTY, "25-HD/BTCTW"),
    ("132-QĐ/TW", "132", "QĐ", "TW", None, PARTY, "132-QĐ/TW"),
    ("124-QĐ/TW", "124", "QĐ", "TW", None, PARTY, "124-QĐ/TW"),
    ("366-QĐ/TW", "366", "QĐ", "TW", None, PARTY, "366-QĐ/TW"),
    ("294-QĐ/TW", "294", "QĐ", "TW", None, PARTY, "294-QĐ/TW"),
    ("213-QĐ/TW", "213", "QĐ", "TW", None, PARTY, "213-QĐ/TW"),
    ("07-KH/TW", "07", "KH", "TW", None, PARTY, "07-KH/TW"),
    ("06-HD/TW", "06", "HD", "TW", None, PARTY, "06-HD/TW"),
    ("33-HD/BTCTW", "33", "HD", "BTCTW", None, PARTY, "33-HD/BTCTW"),
    ("Số 21-NQ/TW", "21", "NQ", "TW", None, PARTY, "21-NQ/TW"),
    ("Số: 21-NQ/TW", "21", "NQ", "TW", None, PARTY, "21-NQ/TW"),
    ("số 26-KH/BCSĐ", "26", "KH", "BCSĐ", None, PARTY, "26-KH/BCSĐ"),
    ("SỐ: 10-CTr/TU", "10", "CTr", "TU", None, PARTY, "10-CTr/TU"),
    ("Số:21-NQ/TW", "21", "NQ", "TW", None, PARTY, "21-NQ/TW"),
    ("21 - NQ/TW", "21", "NQ", "TW", None, PARTY, "21-NQ/TW"),
    ("21-NQ / TW", "21", "NQ", "TW", None, PARTY, "21-NQ/TW"),
    ("  21-NQ/TW  ", "21", "NQ", "TW", None, PARTY, "21-NQ/TW"),
    (nfd("Số 72-KH/ĐUK"), "72", "KH", "ĐUK", None, PARTY, "72-KH/ĐUK"),
    ("21-QD/TW", "21", "QĐ", "TW", None, PARTY, "21-QĐ/TW"),
    ("26-KH/BCSD", "26", "KH", "BCSĐ", None, PARTY, "26-KH/BCSĐ"),
    ("10-CTR/TU", "10", "CTr", "TU", None, PARTY, "10-CTr/TU"),
    ("5-Q\u00d0/TW", "5", "QĐ", "TW", None, PARTY, "5-QĐ/TW"),
    ("21-nq/tw", "21", "NQ", "TW", None, PARTY, "21-NQ/TW"),
    ("12-CT/TW", "12", "CT", "TW", None, PARTY, "12-CT/TW"),
    ("35-KL/TW", "35", "KL", "TW", None, PARTY, "35-KL/TW"),
    ("15-TB/TW", "15", "TB", "TW", None, PARTY, "15-TB/TW"),
    ("100-BC/TU", "100", "BC", "TU", None, PARTY, "100-BC/TU"),
    ("3-TTr/ĐU", "3", "TTr", "ĐU", None, PARTY, "3-TTr/ĐU"),
    ("45-CV/VPTW", "45", "CV", "VPTW", None, PARTY, "45-CV/VPTW"),
    ("2-ĐA/TU", "2", "ĐA", "TU", None, PARTY, "2-ĐA/TU"),
    ("11-TT/TW", "11", "TT", "TW", None, PARTY, "11-TT/TW"),
    ("04-QC/HU", "04", "QC", "HU", None, PARTY, "04-QC/HU"),
    ("09-CTHĐ/ĐU", "09", "CTHĐ", "ĐU", None, PARTY, "09-CTHĐ/ĐU"),
    ("5-ĐA/ĐĐ", "5", "ĐA", "ĐĐ", None, PARTY, "5-ĐA/ĐĐ"),
    ("18-NQ/UBKTTW", "18", "NQ", "UBKTTW", None, PARTY, "18-NQ/UBKTTW"),
    ("2-TB/UBKTTU", "2", "TB", "UBKTTU", None, PARTY, "2-TB/UBKTTU"),
    ("1-XYZ/TW", "1", "XYZ", "TW", None, PARTY, "1-XYZ/TW"),
    ("01-HĐ/TW", "01", "HĐ", "TW", None, PARTY, "01-HĐ/TW"),
    ("30/2020/NĐ-CP", "30", "NĐ", "CP", 2020, STATE, "30/2020/NĐ-CP"),
    ("13/2023/NĐ-CP", "13", "NĐ", "CP", 2023, STATE, "13/2023/NĐ-CP"),
    ("1989/QĐ-BGDĐT", "1989", "QĐ", "BGDĐT", None, STATE, "1989/QĐ-BGDĐT"),
    ("Số: 30/2020/NĐ-CP", "30", "NĐ", "CP", 2020, STATE, "30/2020/NĐ-CP"),
    ("30 / 2020 / NĐ - CP", "30", "NĐ", "CP", 2020, STATE, "30/2020/NĐ-CP"),
    ("12/2012/TTLT-BTC-BNV", "12", "TTLT", "BTC-BNV", 2012, STATE, "12/2012/TTLT-BTC-BNV"),
    ("08/2021/TT-BNV", "08", "TT", "BNV", 2021, STATE, "08/2021/TT-BNV"),
    ("01/2023/NQ-HĐND", "01", "NQ", "HĐND", 2023, STATE, "01/2023/NQ-HĐND"),
    ("123/QĐ-UBND", "123", "QĐ", "UBND", None, STATE, "123/QĐ-UBND"),
    ("1234/QĐ-TTg", "1234", "QĐ", "TTg", None, STATE, "1234/QĐ-TTg"),
    ("30/2020/ND-CP", "30", "NĐ", "CP", 2020, STATE, "30/2020/NĐ-CP"),
    ("05/2019/QD-TTG", "05", "QĐ", "TTg", 2019, STATE, "05/2019/QĐ-TTg"),
    ("15/2024/QyĐ-UBND", "15", "QyĐ", "UBND", 2024, STATE, "15/2024/QyĐ-UBND"),
]

LABELS: list[tuple[str, str | None]] = [
    ("21-NQ/TW", "Nghị quyết"),
    ("127-QĐ/TW", "Quyết định/Quy định"),
    ("12-CT/TW", "Chỉ thị"),
    ("35-KL/TW", "Kết luận"),
    ("01-HD/TW", "Hướng dẫn"),
    ("26-KH/BCSĐ", "Kế hoạch"),
    ("10-CTr/TU", "Chương trình"),
    ("09-CTHĐ/ĐU", "Chương trình hành động"),
    ("15-TB/TW", "Thông báo"),
    ("100-BC/TU", "Báo cáo"),
    ("3-TTr/ĐU", "Tờ trình"),
    ("45-CV/VPTW", "Công văn"),
    ("2-ĐA/TU", "Đề án"),
    ("11-TT/TW", "Thông tri"),
    ("04-QC/HU", "Quy chế"),
    ("30/2020/NĐ-CP", "Nghị định"),
    ("1989/QĐ-BGDĐT", "Quyết định"),
    ("08/2021/TT-BNV", "Thông tư"),
    ("15/2024/QyĐ-UBND", "Quy định"),
    ("12/2012/TTLT-BTC-BNV", "Thông tư liên tịch"),
    ("1-XYZ/TW", None),
]

INVALID: list[str] = [
    "16/6/2022",
    "21-NQ",
    "NQ/TW",
    "21-NQ/",
    "21/NQ/TW",
    "-NQ/TW",
    "1234567-NQ/TW",
    "21-abc/TW",
    "21-NQ/abc",
    "21-NQ/TW thực hiện",
    "21-NQ/TW-BCS",
    "30/2020/NĐ",
    "30/20/NĐ-CP",
    "30/2020/NĐ-CP-A-B-C-D",
    "Số",
    "",
    "Nghị quyết",
    "21-NQ1/TW",
]

PARAGRAPH = (
    "Ngày 12/01/2023, Ban Cán sự Đảng UBND tỉnh ban hành Kế hoạch số 26-KH/BCSĐ thực "
    "hiện Chương trình hành động số 10-CTr/TU ngày 18/10/2022 của Tỉnh ủy về thực hiện "
    "Nghị quyết số 21-NQ/TW, ngày 16/6/2022 của Hội nghị Trung ương 5 khóa XIII"
)


class TestParse:
    @pytest.mark.parametrize(
        ("text", "number", "doc_type", "issuer", "year", "style", "canonical"), NUMBERS
    )
    def test_fields(
        self,
        text: str,
        number: str,
        doc_type: str,
        issuer: str,
        year: int | None,
        style: DocumentStyle,
        canonical: str,
    ) -> None:
        """Each number reads into its fields."""
        ref = DocumentRef.parse(text)
        expected = (number, doc_type, issuer, year, style)
        assert expected == (ref.number, ref.doc_type, ref.issuer, ref.year, ref.style)

    @pytest.mark.parametrize(
        ("text", "number", "doc_type", "issuer", "year", "style", "canonical"), NUMBERS
    )
    def test_canonical_str(
        self,
        text: str,
        number: str,
        doc_type: str,
        issuer: str,
        year: int | None,
        style: DocumentStyle,
        canonical: str,
    ) -> None:
        """str() of a parsed number is its canonical spelling."""
        assert canonical == str(DocumentRef.parse(text))

    @pytest.mark.parametrize("text", INVALID)
    def test_invalid(self, text: str) -> None:
        """Malformed numbers raise ParseError quoting the text."""
        with pytest.raises(ParseError) as info:
            DocumentRef.parse(text)
        assert text == info.value.text

    def test_too_long(self) -> None:
        """Text over MAX_TEXT_LENGTH is refused before matching."""
        with pytest.raises(ParseError, match="longer than"):
            DocumentRef.parse("21-NQ/TW" + " " * MAX_TEXT_LENGTH)

    @given(st.integers(min_value=60, max_value=MAX_TEXT_LENGTH))
    def test_the_length_is_counted_composed(self, length: int) -> None:
        """A number pasted with its long title within MAX_TEXT_LENGTH characters composed
        (NFC) was refused decomposed (NFD), "dài hơn 400 ký tự": its marks counted."""
        head = "Nghị quyết số 21-NQ/TW ngày 16/6/2022 về "
        title = ("tăng cường củng cố tổ chức cơ sở đảng " * MAX_TEXT_LENGTH)[: length - len(head)]
        text = (head + title).strip()
        decomposed = DocumentRef.parse(unicodedata.normalize("NFD", text))
        assert DocumentRef.parse(text) == decomposed

    def test_not_a_string(self) -> None:
        """A non-string raises ParseError, not TypeError."""
        with pytest.raises(ParseError, match="expected a text"):
            DocumentRef.parse(21)  # type: ignore[arg-type]

    def test_parse_keeps_date_title_and_kind(self) -> None:
        """date, title and kind given to parse end up on the reference."""
        ref = DocumentRef.parse("132-qđ/tw", date=date(2018, 3, 8), title="về …", kind="quy định")
        expected = (date(2018, 3, 8), "về …", "quy định")
        assert expected == (ref.date, ref.title, ref.kind)

    def test_bad_kind_names_the_text(self) -> None:
        """A kind that does not fit the type raises ParseError quoting the number."""
        with pytest.raises(ParseError, match=r"'21-NQ/TW'.*Nghị quyết"):
            DocumentRef.parse("21-NQ/TW", kind="Quy định")


class TestTypeLabel:
    @pytest.mark.parametrize(("text", "expected"), LABELS)
    def test_label(self, text: str, expected: str | None) -> None:
        """Known abbreviations have a label, by party or state reading."""
        assert expected == DocumentRef.parse(text).type_label

    def test_kind_chooses_the_qd_reading(self) -> None:
        """kind says whether a QĐ is a quy định or a quyết định."""
        expected = "Quy định"
        assert expected == DocumentRef.parse("132-QĐ/TW", kind="Quy định").type_label

    def test_kind_may_refine_the_reading(self) -> None:
        """A kind may extend the reading: a CTr that is a chương trình hành động."""
        expected = "Chương trình hành động"
        assert expected == DocumentRef.parse("10-CTr/TU", kind=expected).type_label

    def test_kind_for_unknown_type_is_free(self) -> None:
        """An unknown type takes any kind."""
        expected = "Quy chế mẫu"
        assert expected == DocumentRef.parse("1-QCM/TW", kind="Quy chế mẫu").type_label

    def test_qdi_is_a_quy_dinh(self) -> None:
        """ "Quy định số 08-QĐi/TW" (2018, on setting an example): the Central Committee's
        QĐi numbers a quy định, and is read so from its words."""
        ref = DocumentRef.parse("Quy định số 08-QĐi/TW")
        assert ("08-QĐi/TW", "Quy định") == (str(ref), ref.type_label)
        assert "Quy định" == DocumentRef.parse("08-QDI/TW").type_label

    def test_cong_van_has_no_type(self) -> None:
        """ "Số: 454/UBND-NCTH" heads a công văn: no type, the issuer and the unit that
        drafted it (Nghị định 30/2020/NĐ-CP), so "Công văn số" before it is its kind."""
        ref = DocumentRef.parse("Công văn số 454/UBND-NCTH")
        expected = ("454/UBND-NCTH", "", "UBND-NCTH", "Công văn")
        assert expected == (str(ref), ref.doc_type, ref.issuer, ref.type_label)

    def test_cong_van_found_with_a_numbered_unit(self) -> None:
        """ "Công văn số 847/UBND-VX1 ngày 22 tháng 3 năm 2011": a unit with its number is
        found, with its date and kind."""
        text = "nhận được Công văn số 847/UBND-VX1 ngày 22 tháng 3 năm 2011 của UBND tỉnh"
        found = [(str(m.ref), m.ref.date, m.ref.kind) for m in find_document_refs(text)]
        assert [("847/UBND-VX1", date(2011, 3, 22), "Công văn")] == found

    def test_a_cong_van_by_its_words_whatever_its_issuer(self) -> None:
        """ "Công văn số 100/SNV-TCBC": the words say công văn, so SNV (a Sở Nội vụ, on no
        list of issuers) is its issuer, not a type; without the words it stays unknown."""
        ref = DocumentRef.parse("Công văn số 100/SNV-TCBC")
        assert ("", "SNV-TCBC", "Công văn") == (ref.doc_type, ref.issuer, ref.kind)
        text = "thực hiện Công văn số 100/SNV-TCBC của Sở Nội vụ"
        assert [("", "SNV-TCBC")] == [
            (m.ref.doc_type, m.ref.issuer) for m in find_document_refs(text)
        ]

    def test_state_qd_is_not_a_quy_dinh(self) -> None:
        """A state QĐ is only a quyết định (the state writes QyĐ for quy định)."""
        with pytest.raises(ParseError, match="Quyết định"):
            DocumentRef.parse("1989/QĐ-BGDĐT", kind="Quy định")


class TestEquality:
    def test_number_compares_as_a_whole_number(self) -> None:
        """01-HD/TW equals 1-HD/TW, and hashes alike."""
        first, second = DocumentRef.parse("01-HD/TW"), DocumentRef.parse("1-HD/TW")
        assert (first, hash(first)) == (second, hash(second))

    def test_number_is_kept_as_written(self) -> None:
        """The leading zero stays in str()."""
        expected = "01-HD/TW"
        assert expected == str(DocumentRef.parse("01-HD/TW"))

    def test_date_title_kind_do_not_count(self) -> None:
        """A reference with its date equals the bare number."""
        expected = NQ21
        assert expected == DocumentRef.parse("21-NQ/TW")

    def test_nfc_and_nfd_are_equal(self) -> None:
        """NFD and NFC text give equal references with equal hashes."""
        first, second = DocumentRef.parse("26-KH/BCSĐ"), DocumentRef.parse(nfd("26-KH/BCSĐ"))
        assert (first, hash(first)) == (second, hash(second))

    def test_d_without_stroke_is_restored(self) -> None:
        """26-KH/BCSD (typed without Đ) equals 26-KH/BCSĐ."""
        assert DocumentRef.parse("26-KH/BCSĐ") == DocumentRef.parse("26-KH/BCSD")

    def test_d_lookalikes(self) -> None:
        """Ð (eth) and Ɖ (African D) read as Đ."""
        expected = DocumentRef.parse("72-KH/ĐUK")
        assert expected == DocumentRef.parse("72-KH/\u0189UK")

    def test_hd_and_hđ_differ(self) -> None:
        """A written Đ is kept: HĐ is not HD."""
        assert DocumentRef.parse("01-HĐ/TW") != DocumentRef.parse("01-HD/TW")

    def test_unknown_abbreviations_ignore_case(self) -> None:
        """Unknown abbreviations compare ignoring case."""
        assert DocumentRef.parse("1-Xyz/TW") == DocumentRef.parse("1-XYZ/TW")

    def test_style_counts(self) -> None:
        """A party and a state number with the same parts differ."""
        party = DocumentRef("21", "NQ", "CP")
        assert party != DocumentRef("21", "NQ", "CP", style=STATE)

    def test_year_counts(self) -> None:
        """30/2020/NĐ-CP is not 30/2021/NĐ-CP."""
        assert DocumentRef.parse("30/2020/NĐ-CP") != DocumentRef.parse("30/2021/NĐ-CP")

    def test_set_deduplicates(self) -> None:
        """Spellings of one number collapse in a set."""
        refs = {DocumentRef.parse(t) for t in ("Số 21-NQ/TW", "21 - NQ/TW", "21-nq/tw", "21-NQ/TW")}
        assert {NQ21} == refs


class TestConstruct:
    def test_number_may_be_an_int(self) -> None:
        """DocumentRef(21, ...) stores the number as "21"."""
        expected = "21-NQ/TW"
        assert expected == str(DocumentRef(21, "NQ", "TW"))

    def test_parts_are_canonicalized(self) -> None:
        """Constructor arguments get the canonical spelling too."""
        expected = "30/2020/NĐ-CP"
        assert expected == str(DocumentRef("30", "nd", "cp", style=STATE, year=2020))

    @pytest.mark.parametrize(
        ("kwargs", "what"),
        [
            ({"number": "x", "doc_type": "NQ", "issuer": "TW"}, "a document number"),
            ({"number": -1, "doc_type": "NQ", "issuer": "TW"}, "a document number"),
            ({"number": True, "doc_type": "NQ", "issuer": "TW"}, "a document number"),
            ({"number": "1", "doc_type": "nq1", "issuer": "TW"}, "a document type"),
            ({"number": "1", "doc_type": 5, "issuer": "TW"}, "a document type"),
            ({"number": "1", "doc_type": "NQ", "issuer": 5}, "a document issuer"),
            ({"number": "1", "doc_type": "NQ", "issuer": "A-B-C-D-E"}, "a document issuer"),
            ({"number": "1", "doc_type": "NQ", "issuer": "TW", "year": 2022}, "a document year"),
            (
                {"number": "1", "doc_type": "NĐ", "issuer": "CP", "style": STATE, "year": 99},
                "a document year",
            ),
            ({"number": "1", "doc_type": "NQ", "issuer": "TW", "title": " "}, "a document text"),
            ({"number": "1", "doc_type": "NQ", "issuer": "TW", "kind": "Kế hoạch"}, "kind"),
        ],
    )
    def test_invalid_fields(self, kwargs: dict[str, object], what: str) -> None:
        """Each bad field raises ParseError naming what it is."""
        with pytest.raises(ParseError) as info:
            DocumentRef(**kwargs)  # type: ignore[arg-type]
        assert what in translated(info.value.what)

    def test_style_label(self) -> None:
        """Styles carry Vietnamese labels."""
        expected = "Văn bản quản lý nhà nước"
        assert expected == STATE.label


class TestCite:
    def test_with_date_and_title(self) -> None:
        """cite() names type, number, date and title."""
        expected = (
            "Nghị quyết số 21-NQ/TW ngày 16/6/2022 về tăng cường củng cố, xây dựng tổ chức "
            "cơ sở đảng và nâng cao chất lượng đội ngũ đảng viên trong giai đoạn mới"
        )
        assert expected == NQ21.cite()

    def test_ambiguous_qd(self) -> None:
        """A QĐ without kind is cited as "Văn bản"."""
        expected = "Văn bản số 127-QĐ/TW"
        assert expected == DocumentRef.parse("127-QĐ/TW").cite()

    def test_unknown_type(self) -> None:
        """An unknown type is cited as "Văn bản"."""
        expected = "Văn bản số 1-XYZ/TW"
        assert expected == DocumentRef.parse("1-XYZ/TW").cite()

    @pytest.mark.parametrize("text", ["127-QĐ/TW", "1-XYZ/TW", "366-QĐ/TW", "100/SNV-TCBC"])
    def test_a_citation_reads_back(self, text: str) -> None:
        """What cite() writes, "Văn bản số 127-QĐ/TW" included, parse reads as the same
        number, with no kind: "Văn bản" names none."""
        ref = DocumentRef.parse(text, date=date(2025, 8, 30))
        again = DocumentRef.parse(ref.cite())
        assert (ref, None, ref.date) == (again, again.kind, again.date)

    def test_padding_follows_the_official_rule(self) -> None:
        """The date in a citation pads days 1–9 and months 1–2 only."""
        expected = "Kế hoạch số 26-KH/BCSĐ ngày 12/01/2023"
        assert expected == KH26_BCSD.cite()


class TestFind:
    def test_paragraph(self) -> None:
        """The three numbers are found in order, two with their dates."""
        expected = [
            ("26-KH/BCSĐ", None),
            ("10-CTr/TU", date(2022, 10, 18)),
            ("21-NQ/TW", date(2022, 6, 16)),
        ]
        assert expected == [(str(m.ref), m.ref.date) for m in find_document_refs(PARAGRAPH)]

    def test_spans(self) -> None:
        """text[start:end] is the number as written, without "số"."""
        found = find_document_refs(PARAGRAPH)
        expected = ["26-KH/BCSĐ", "10-CTr/TU", "21-NQ/TW"]
        assert expected == [PARAGRAPH[m.start : m.end] for m in found]

    def test_match_value(self) -> None:
        """A match carries the reference, its span and its text."""
        expected = [DocumentMatch(KH72_DUK, 17, 26, "72-KH/ĐUK")]
        assert expected == find_document_refs("theo Kế hoạch số 72-KH/ĐUK của Đảng ủy Khối")

    def test_nfd_text(self) -> None:
        """Numbers in NFD text are found with spans into that text."""
        text = nfd(PARAGRAPH)
        found = find_document_refs(text)
        expected = [nfd("26-KH/BCSĐ"), "10-CTr/TU", "21-NQ/TW"]
        assert expected == [text[m.start : m.end] for m in found]
        dates = [None, date(2022, 10, 18), date(2022, 6, 16)]
        assert dates == [m.ref.date for m in found]

    def test_plain_dates_are_not_numbers(self) -> None:
        """16/6/2022 and 15/11 are not state numbers."""
        expected: list[DocumentMatch] = []
        assert expected == find_document_refs("ngày 16/6/2022, chiều 15/11, từ 3-4/năm")

    def test_state_number_with_word_date(self) -> None:
        """A state number takes a date written in words after it."""
        found = find_document_refs("Nghị định 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 về")
        expected = [(ND30_2020, date(2020, 3, 5))]
        assert expected == [(m.ref, m.ref.date) for m in found]

    def test_kind_from_the_words_before(self) -> None:
        """ "Quy định" or "Quyết định" before a party QĐ becomes its kind."""
        text = "Quy định số 132-QĐ/TW và Quyết định 127-QĐ/TW và số 1-QĐ/TW"
        expected = ["Quy định", "Quyết định", None]
        assert expected == [m.ref.kind for m in find_document_refs(text)]

    def test_state_qd_takes_no_kind(self) -> None:
        """A state QĐ after "Quy định" is still found, with no kind."""
        found = find_document_refs("Quy định 1989/QĐ-BGDĐT")
        expected = [("1989/QĐ-BGDĐT", None)]
        assert expected == [(str(m.ref), m.ref.kind) for m in found]

    def test_date_must_follow_right_after(self) -> None:
        """A date further on is not the number's date."""
        found = find_document_refs("Nghị quyết 21-NQ/TW của Trung ương ngày 16/6/2022")
        expected = [None]
        assert expected == [m.ref.date for m in found]

    def test_impossible_date_after(self) -> None:
        """An impossible date after a number leaves its date unset."""
        found = find_document_refs("Nghị quyết 21-NQ/TW ngày 31/02/2022")
        expected = [None]
        assert expected == [m.ref.date for m in found]

    def test_malformed_candidates_are_skipped(self) -> None:
        """Number-like text with lower-case unknown parts is not a number."""
        found = find_document_refs("tỷ lệ 3-lan/nam và 21-NQ/TW")
        expected = ["21-NQ/TW"]
        assert expected == [m.text for m in found]

    def test_glued_text_is_not_a_number(self) -> None:
        """Letters or digits glued to either end prevent a match."""
        expected: list[DocumentMatch] = []
        assert expected == find_document_refs("A21-NQ/TW 1.21-NQ/TW 21-NQ/TW5")


# (constant, canonical number, date) — from DOMAIN §2–§5.
CITED: list[tuple[DocumentRef, str, date]] = [
    (NQ21, "21-NQ/TW", date(2022, 6, 16)),
    (KH07, "07-KH/TW", date(2022, 8, 17)),
    (QD132, "132-QĐ/TW", date(2018, 3, 8)),
    (HD21_BTCTW, "21-HD/BTCTW", date(2019, 10, 18)),
    (QD124, "124-QĐ/TW", date(2023, 10, 4)),
    (HD25_BTCTW, "25-HD/BTCTW", date(2023, 11, 10)),
    (QD366, "366-QĐ/TW", date(2025, 8, 30)),
    (HD43_BTCTW, "43-HD/BTCTW", date(2025, 10, 31)),
    (QD294, "294-QĐ/TW", date(2025, 5, 26)),
    (QD213, "213-QĐ/TW", date(2020, 1, 2)),
    (HD33_BTCTW, "33-HD/BTCTW", date(2020, 10, 30)),
    (HD06, "06-HD/TW", date(2025, 6, 9)),
    (HD36_VPTW, "36-HD/VPTW", date(2018, 4, 3)),
    (ND30_2020, "30/2020/NĐ-CP", date(2020, 3, 5)),
    (KH26_BCSD, "26-KH/BCSĐ", date(2023, 1, 12)),
    (CTR10_TU, "10-CTr/TU", date(2022, 10, 18)),
    (KH72_DUK, "72-KH/ĐUK", date(2023, 3, 22)),
    (QD29, "29-QĐ/TW", date(2016, 7, 25)),
    (QD232, "232-QĐ/TW", date(2025, 1, 20)),
    (QD01_2026, "01-QĐ/TW", date(2026, 2, 3)),
]


class TestCited:
    @pytest.mark.parametrize(("ref", "number", "issued"), CITED)
    def test_number_and_date(self, ref: DocumentRef, number: str, issued: date) -> None:
        """Each cited document has its number and date of issue."""
        assert (number, issued) == (str(ref), ref.date)

    def test_registry(self) -> None:
        """CITED_DOCUMENTS holds every constant once, oldest first."""
        expected = sorted((ref for ref, _, _ in CITED), key=lambda r: (r.date, str(r)))
        assert expected == list(CITED_DOCUMENTS)

    def test_unique(self) -> None:
        """No two cited documents share a number."""
        assert len(CITED_DOCUMENTS) == len(set(CITED_DOCUMENTS))

    def test_rating_regimes_are_quy_dinh(self) -> None:
        """The party QĐs the library cites are quy định."""
        expected = ["Quy định"] * 5
        assert expected == [r.type_label for r in (QD132, QD124, QD366, QD294, QD213)]


party_types = st.sampled_from(["NQ", "QĐ", "CT", "KL", "HD", "KH", "CTr", "CTHĐ", "TB", "ĐA"])
party_issuers = st.sampled_from(["TW", "BCSĐ", "TU", "ĐUK", "BTCTW", "VPTW", "HU", "ĐU", "ĐĐ"])
numbers = st.integers(0, 999_999).map(str) | st.from_regex(r"0[0-9]{1,4}", fullmatch=True)
party_refs = st.builds(DocumentRef, numbers, party_types, party_issuers)
state_refs = st.builds(
    DocumentRef,
    numbers,
    st.sampled_from(["NĐ", "QĐ", "TT", "NQ", "QyĐ", "TTLT"]),
    st.sampled_from(["CP", "TTg", "BGDĐT", "UBND", "HĐND", "BTC-BNV"]),
    style=st.just(STATE),
    year=st.none() | st.integers(1945, 2100),
)
assembly_refs = st.builds(
    DocumentRef,
    numbers,
    st.just(""),
    st.sampled_from(["QH", "UBTVQH"]),
    style=st.just(DocumentStyle.ASSEMBLY),
    year=st.integers(1946, 2100),
    term=st.integers(1, 20),
)
doc_alphabet = st.sampled_from(
    [
        *"0123456789/-: ,NQĐKHTWCrUBSđaqnt\u2013\n",
        *("Số", "số", "ngày", "16/6/2022", "Quy định", "QH13", "Nghị quyết", "Luật"),
    ]
)
fuzz = st.one_of(st.text(max_size=300), st.lists(doc_alphabet, max_size=40).map("".join))


class TestProperties:
    @given(party_refs | state_refs | assembly_refs)
    def test_round_trip(self, ref: DocumentRef) -> None:
        """DocumentRef.parse(str(ref)) == ref, with the same canonical text."""
        parsed = DocumentRef.parse(str(ref))
        assert (ref, str(ref)) == (parsed, str(parsed))

    @given(party_refs | state_refs | assembly_refs)
    def test_found_in_a_sentence(self, ref: DocumentRef) -> None:
        """A number written into a sentence with its date is found with that date."""
        text = f"Thực hiện văn bản số {ref}, ngày 16/6/2022 của cấp trên."
        found = find_document_refs(text)
        expected = [(ref, date(2022, 6, 16))]
        assert expected == [(m.ref, m.ref.date) for m in found]

    @given(fuzz)
    def test_parse_or_raise_parse_error(self, text: str) -> None:
        """DocumentRef.parse either returns or raises ParseError on any text."""
        with contextlib.suppress(ParseError):
            DocumentRef.parse(text)

    @given(fuzz)
    def test_found_refs_read_back(self, text: str) -> None:
        """Each found number is text[start:end] and parses to its reference."""
        for match in find_document_refs(text):
            assert text[match.start : match.end] == match.text
            assert match.ref == DocumentRef.parse(match.text)


class TestPastedNumbers:
    """Numbers as people paste them: dashes, assembly numbers, kind and date around."""

    @pytest.mark.parametrize(
        "text",
        [
            "21 – NQ/TW",
            "21–NQ/TW",
            "21 — NQ/TW",
            "21-NQ/TW",
            "21\u2011NQ/TW",
            "21\u2010NQ/TW",
            "21\u2012NQ/TW",
            "21 \u2212 NQ/TW",
        ],
    )
    def test_en_dash(self, text: str) -> None:
        """Rule (Hướng dẫn 36-HD/VPTW, số và ký hiệu văn bản của Đảng): the number and the
        type are joined by a hyphen ("Số 21-NQ/TW"); a word processor's en dash, its
        non-breaking hyphen (Ctrl+Shift+-) or the Unicode hyphen PDF text gives in its
        place is the same number."""
        assert NQ21 == DocumentRef.parse(text)
        assert [NQ21] == [m.ref for m in find_document_refs(f"thực hiện {text} của")]

    @pytest.mark.parametrize(
        ("text", "number", "year", "issuer", "term"),
        [
            ("87/2015/QH13", "87", 2015, "QH", 13),
            ("72/2025/QH15", "72", 2025, "QH", 15),
            ("629/2019/UBTVQH14", "629", 2019, "UBTVQH", 14),
        ],
    )
    def test_assembly_numbers(
        self, text: str, number: str, year: int, issuer: str, term: int
    ) -> None:
        """Rule (Luật Ban hành văn bản quy phạm pháp luật, số và ký hiệu): a law or
        resolution of the National Assembly is "số thứ tự/năm ban hành/QH + khóa"; of its
        Standing Committee "…/UBTVQH + khóa"."""
        ref = DocumentRef.parse(text)
        assert (number, year, issuer, term, DocumentStyle.ASSEMBLY, text) == (
            ref.number,
            ref.year,
            ref.issuer,
            ref.term,
            ref.style,
            str(ref),
        )
        assert [ref] == [m.ref for m in find_document_refs(f"theo Luật số {text} của")]

    def test_assembly_kind_before(self) -> None:
        """ "Luật số 87/2015/QH13" names the kind; the number alone has none."""
        found = find_document_refs("Luật số 87/2015/QH13 và 629/2019/UBTVQH14")
        assert ["Luật", None] == [m.ref.kind for m in found]
        assert "Luật số 87/2015/QH13" == found[0].ref.cite()

    @pytest.mark.parametrize(
        "text",
        ["năm 2022\n\n/QĐ-UBND", "Số: 2022\n/QĐ-UBND", "ngày 16/6/2022 \r\n- NQ/TW"],
    )
    def test_blank_template_is_no_number(self, text: str) -> None:
        """Rule (Nghị định 30/2020/NĐ-CP, Phụ lục I): a number and its symbol stand on one
        line; a blank template's year above "/QĐ-UBND" is no number."""
        assert [] == find_document_refs(text)

    @pytest.mark.parametrize(
        ("text", "kind", "when"),
        [
            ("Nghị quyết số 21-NQ/TW ngày 16/6/2022", "Nghị quyết", date(2022, 6, 16)),
            ("Quy định 124-QĐ/TW", "Quy định", None),
            ("Hướng dẫn số 25-HD/BTCTW", "Hướng dẫn", None),
            ("Quyết định số 1989/QĐ-BGDĐT", "Quyết định", None),
            ("Kế hoạch số 26-KH/BCSĐ, ngày 12/01/2023", "Kế hoạch", date(2023, 1, 12)),
            ("Luật số 87/2015/QH13", "Luật", None),
            ("Thông báo kết luận số 35-TB/TW", "Thông báo kết luận", None),
        ],
    )
    def test_parse_kind_and_date(self, text: str, kind: str, when: date | None) -> None:
        """Rule (Hướng dẫn 36-HD/VPTW): a document is cited as "tên loại, số, ngày
        tháng năm"; parse keeps the kind and the date."""
        ref = DocumentRef.parse(text)
        assert (kind, when) == (ref.kind, ref.date)

    @pytest.mark.parametrize(
        "text", ["Kế hoạch số 21-NQ/TW", "21-NQ/TW ngày mai", "Luật số 21-NQ/TW"]
    )
    def test_parse_kind_or_date_that_do_not_fit(self, text: str) -> None:
        """A kind that is not what the type means, or words that are not a date, fail."""
        with pytest.raises(ParseError):
            DocumentRef.parse(text)

    def test_parse_kind_that_does_not_fit_is_quoted_as_written(self) -> None:
        """The refused kind is quoted with its diacritics, not as matched without them."""
        with pytest.raises(ParseError, match="'Kế hoạch' is not what NQ means"):
            DocumentRef.parse(" Kế hoạch số 21-NQ/TW")

    @pytest.mark.parametrize(
        ("text", "kind"),
        [
            ("theo Nghị quyết số 21-NQ/TW ngày 16/6/2022", "Nghị quyết"),
            ("Hướng dẫn số 25-HD/BTCTW ngày 10/11/2023", "Hướng dẫn"),
            ("Chương trình hành động số 10-CTr/TU", "Chương trình hành động"),
            ("theo Thông báo kết luận số 35-TB/TW", "Thông báo kết luận"),
            ("Quy định 30/2020/NĐ-CP", None),
        ],
    )
    def test_find_names_the_kind(self, text: str, kind: str | None) -> None:
        """The kind written before a number becomes its kind when the type reads so."""
        assert [kind] == [m.ref.kind for m in find_document_refs(text)]

    @pytest.mark.parametrize(
        ("args", "kwargs"),
        [
            (("87", "", "QH"), {"style": DocumentStyle.ASSEMBLY, "year": 2015}),
            (("87", "", "CP"), {"style": DocumentStyle.ASSEMBLY, "year": 2015, "term": 13}),
            (("87", "", "QH"), {"style": DocumentStyle.ASSEMBLY, "term": 13}),
            (("87", "NQ", "QH"), {"style": DocumentStyle.ASSEMBLY, "year": 2015, "term": 13}),
            (("87", "", "TW"), {}),
            (("21", "NQ", "TW"), {"term": 13}),
            (("87", "", "QH"), {"style": DocumentStyle.ASSEMBLY, "year": 2015, "term": 0}),
        ],
    )
    def test_assembly_fields_checked(
        self, args: tuple[str, ...], kwargs: dict[str, object]
    ) -> None:
        """An assembly number has a year, a term, QH or UBTVQH and no type; others no term."""
        with pytest.raises(ParseError):
            DocumentRef(*args, **kwargs)  # type: ignore[arg-type]

    def test_parse_title_after_date(self) -> None:
        """Rule (Hướng dẫn 36-HD/VPTW): a citation runs "tên loại, số, ngày tháng năm,
        trích yếu" — the summary "về …" becomes the title, the issuer is left out."""
        ref = DocumentRef.parse(
            "Nghị quyết số 21-NQ/TW ngày 16/6/2022 của Ban Chấp hành Trung ương về tăng "
            "cường củng cố, xây dựng tổ chức cơ sở đảng."
        )
        assert (date(2022, 6, 16), "về tăng cường củng cố, xây dựng tổ chức cơ sở đảng") == (
            ref.date,
            ref.title,
        )
        assert DocumentRef.parse("Luật số 87/2015/QH13 của Quốc hội").title is None
