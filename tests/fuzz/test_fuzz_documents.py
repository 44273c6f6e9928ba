"""Fuzz the document-number readers: DocumentRef.parse and find_document_refs."""

from __future__ import annotations

import pytest
from _fuzzing import HUGE, FuzzLog, fuzz_test, junk_around, texts, tokens
from hypothesis import given
from hypothesis import strategies as st

from coso_dang.documents import MAX_TEXT_LENGTH, DocumentRef, find_document_refs

# The reasons are read as the English catalogue words them (see conftest).
pytestmark = pytest.mark.usefixtures("english_errors")

_PIECES = [
    "21", "132", "30", "2020", "0", "999999", "1234567", "-", "/", " ", "NQ", "QĐ", "QD",
    "HD", "HĐ", "TW", "TU", "CP", "NĐ", "NĐ-CP", "BGDĐT", "Số", "số:", "ngày", "16/6/2022",
    "Ð", "Ɖ", "ĐCSVN", "x", "Quy định", "Quyết định", ",", "\u0110",
]  # fmt: skip
_KNOWN = ["21-NQ/TW", "132-QĐ/TW", "30/2020/NĐ-CP", "Số: 10-CTr/TU", "1989/QĐ-BGDĐT"]

ref_texts = st.one_of(texts(), tokens(_PIECES), junk_around(st.sampled_from(_KNOWN)))


class TestDocuments:
    @fuzz_test
    @given(text=ref_texts)
    def test_parse(self, fuzz: FuzzLog, text: str) -> None:
        """DocumentRef.parse returns a reference or raises ParseError quoting the text."""
        result = fuzz.parse_or_error("documents.DocumentRef.parse", DocumentRef.parse, text)
        if isinstance(result, DocumentRef):
            assert DocumentRef.parse(str(result)) == result

    @fuzz_test
    @given(text=st.one_of(texts(max_size=2000), tokens(_PIECES, 60)))
    def test_find(self, fuzz: FuzzLog, text: str) -> None:
        """find_document_refs never raises, and every span holds its match's text."""
        found = fuzz.call(
            "documents.find_document_refs", len(text), lambda: find_document_refs(text)
        )
        assert isinstance(found, list)
        for match in found:
            assert text[match.start : match.end] == match.text


def test_parse_over_the_limit(fuzz: FuzzLog) -> None:
    """A number longer than MAX_TEXT_LENGTH is refused up front."""
    text = "21-NQ/TW" + "x" * HUGE
    error = fuzz.parse_or_error("documents.DocumentRef.parse", DocumentRef.parse, text)
    assert f"longer than {MAX_TEXT_LENGTH} characters" in str(error)


def test_find_huge(fuzz: FuzzLog) -> None:
    """find_document_refs searches running text of any length."""
    sentence = "Thực hiện Nghị quyết số 21-NQ/TW, ngày 16/6/2022 của Ban Chấp hành; "
    text = sentence * (HUGE // len(sentence))
    found = fuzz.call("documents.find_document_refs", len(text), lambda: find_document_refs(text))
    assert len(found) == HUGE // len(sentence)
