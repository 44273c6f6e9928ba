"""Fuzz the legacy-encoding detector and converters."""

from __future__ import annotations

import unicodedata

from _fuzzing import HUGE, FuzzLog, fuzz_test, texts
from hypothesis import given
from hypothesis import strategies as st

from coso_dang.vi.legacy import (
    LEGACY_ENCODINGS,
    LegacyEncoding,
    LegacyEncodingError,
    convert_legacy,
    detect_legacy_encoding,
    encode_legacy,
)

_LATIN1 = "".join(chr(c) for c in range(0x20, 0x100) if c not in range(0x7F, 0xA0))
_VIETNAMESE = (
    "aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ "
)

vietnamese = st.text(st.sampled_from(_VIETNAMESE), max_size=80)


def _encode(text: str, encoding: LegacyEncoding) -> str | LegacyEncodingError:
    try:
        return encode_legacy(text, encoding)
    except LegacyEncodingError as error:
        return error


class TestLegacy:
    @fuzz_test
    @given(text=st.one_of(texts(), texts(_LATIN1, 120), vietnamese))
    def test_detect_never_raises(self, fuzz: FuzzLog, text: str) -> None:
        """Detection answers for any text, and conversion of any text gives text."""
        found = fuzz.call(
            "legacy.detect_legacy_encoding", len(text), lambda: detect_legacy_encoding(text)
        )
        assert found in (None, *LEGACY_ENCODINGS)
        for encoding in LEGACY_ENCODINGS:
            assert isinstance(convert_legacy(text, encoding), str)

    @fuzz_test
    @given(text=vietnamese, encoding=st.sampled_from(LEGACY_ENCODINGS))
    def test_round_trip(self, fuzz: FuzzLog, text: str, encoding: LegacyEncoding) -> None:
        """Lower-case Vietnamese survives encoding and converting back."""
        encoded = fuzz.call(
            f"legacy.encode_legacy[{encoding}]", len(text), lambda: encode_legacy(text, encoding)
        )
        assert isinstance(encoded, str)
        assert convert_legacy(encoded, encoding) == unicodedata.normalize("NFC", text)

    @fuzz_test
    @given(text=texts(), encoding=st.sampled_from(LEGACY_ENCODINGS))
    def test_encode_any(self, fuzz: FuzzLog, text: str, encoding: LegacyEncoding) -> None:
        """Encoding any text gives text or LegacyEncodingError, nothing else."""
        outcome = fuzz.call(
            f"legacy.encode_legacy[{encoding}]", len(text), lambda: _encode(text, encoding)
        )
        assert isinstance(outcome, str) or "không có mã cho" in str(outcome)
        if not isinstance(outcome, str):
            assert "has no code for" in outcome.message("en")


def test_huge(fuzz: FuzzLog) -> None:
    """Detection is linear: a huge cell of mojibake is read in bounded time."""
    text = "NguyÔn V¨n An " * (HUGE // 14)
    found = fuzz.call(
        "legacy.detect_legacy_encoding", len(text), lambda: detect_legacy_encoding(text)
    )
    assert found == "tcvn3"
