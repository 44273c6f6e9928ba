"""Vietnamese typed in the 8-bit legacy fonts, read back as Windows-1252 or Latin-1.

Before Unicode, Vietnamese offices typed in TCVN3 (the ".Vn" fonts of the ABC set,
TCVN 5712:1993 VN3) or in VNI (the "VNI-" fonts). A file saved in those fonts and read
as Windows-1252 / Latin-1 — which is what a UTF-8 file pasted together from old sheets
holds — shows mojibake: "Nguyễn Văn An" becomes ``"NguyÔn V¨n An"`` (TCVN3) or
``"Nguyeãn Vaên An"`` (VNI). :func:`detect_legacy_encoding` tells them apart from genuine
Unicode; :func:`convert_legacy` turns them back into Unicode (NFC) and
:func:`encode_legacy` does the reverse (for tests and fixtures).

The tables follow the published code charts: TCVN3 puts each precomposed lowercase
letter in one byte (0xA8-0xFE) and has only seven capitals (Ă Â Ê Ô Ơ Ư Đ, 0xA1-0xA7);
VNI writes a base letter followed by a byte for the mark (``a`` + ``ø`` = à, ``a`` + ``ê``
= ă, ``e`` + ``ã`` = ễ), with single bytes for đ, ơ, ư and the i and ỵ letters.

Detection reads each word that contains a character of the 0x80-0xFF range, and counts
how many are valid Vietnamese syllables as they are, as TCVN3 and as VNI. It names an
encoding only when the conversion makes strictly more valid syllables than the text as
given (a tie between the two is broken by TCVN3's telltale codes against VNI's
vowel-and-mark pairs), so genuine Unicode ("Hoà Bình", whose "oà" is also VNI for "ồ")
stays ``None``. Text with any character above 0xFF other than the Windows-1252
punctuation (ư, ạ, đ, combining marks...) is genuine Unicode. Every function is linear
in the text's length: there is no size limit.

Short cells can be truly ambiguous: TCVN3 writes "bộ" as "bé", itself a word. Measured
on 6.139 generated names of members, organizations and units (seed 1, scale 0,2): no
genuine text flagged; 97,7% of their TCVN3 and 98,3% of their VNI forms detected, 3
TCVN3 forms taken for VNI.
A loader deciding per column (the cells joined with spaces) sees more words and misses
fewer.

>>> detect_legacy_encoding("NguyÔn V¨n An"), detect_legacy_encoding("Nguyeãn Vaên An")
('tcvn3', 'vni')
>>> convert_legacy("§¶ng bé x· T©n LËp", "tcvn3")
'Đảng bộ xã Tân Lập'
>>> print(detect_legacy_encoding("Nguyễn Văn An"))
None
"""

from __future__ import annotations

import re
import unicodedata
from typing import Literal

from coso_dang.errors import CosoDangError
from coso_dang.i18n import N_

__all__ = [
    "LEGACY_ENCODINGS",
    "MISREAD_UTF8_CHARACTERS",
    "LegacyEncoding",
    "LegacyEncodingError",
    "convert_legacy",
    "detect_legacy_encoding",
    "encode_legacy",
    "repair_misread_utf8",
]

LegacyEncoding = Literal["tcvn3", "vni"]

#: The encodings :func:`convert_legacy` knows, in the order detection prefers them.
LEGACY_ENCODINGS: tuple[LegacyEncoding, ...] = ("tcvn3", "vni")


class LegacyEncodingError(CosoDangError, ValueError):
    """A letter that a legacy encoding cannot write, or an unknown encoding name."""


# -- TCVN3 (ABC, TCVN 5712:1993 VN3) ------------------------------------------------------
#
# Each row: the Unicode letters, then the TCVN3 bytes as Latin-1 shows them, in order.
_TCVN3_ROWS = (
    ("àảãáạ", "\xb5\xb6\xb7\xb8\xb9"),
    ("ăằẳẵắặ", "\xa8\xbb\xbc\xbd\xbe\xc6"),
    ("âầẩẫấậ", "\xa9\xc7\xc8\xc9\xca\xcb"),
    ("đ", "\xae"),
    ("èẻẽéẹ", "\xcc\xce\xcf\xd0\xd1"),
    ("êềểễếệ", "\xaa\xd2\xd3\xd4\xd5\xd6"),
    ("ìỉĩíị", "\xd7\xd8\xdc\xdd\xde"),
    ("òỏõóọ", "\xdf\xe1\xe2\xe3\xe4"),
    ("ôồổỗốộ", "\xab\xe5\xe6\xe7\xe8\xe9"),
    ("ơờởỡớợ", "\xac\xea\xeb\xec\xed\xee"),
    ("ùủũúụ", "\xef\xf1\xf2\xf3\xf4"),
    ("ưừửữứự", "\xad\xf5\xf6\xf7\xf8\xf9"),
    ("ỳỷỹýỵ", "\xfa\xfb\xfc\xfd\xfe"),
    ("ĂÂÊÔƠƯĐ", "\xa1\xa2\xa3\xa4\xa5\xa6\xa7"),
)
_TCVN3_DECODE: dict[int, str] = {
    ord(code): letter
    for letters, codes in _TCVN3_ROWS
    for letter, code in zip(letters, codes, strict=True)
}
_TCVN3_ENCODE: dict[str, str] = {letter: chr(code) for code, letter in _TCVN3_DECODE.items()}

# -- VNI (VNI-Windows) --------------------------------------------------------------------

_GRAVE, _ACUTE, _HOOK, _TILDE, _DOT = "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"
_CIRCUMFLEX, _BREVE, _HORN = "\u0302", "\u0306", "\u031b"
_TONES = frozenset((_GRAVE, _ACUTE, _HOOK, _TILDE, _DOT))
_MODIFIERS = frozenset((_CIRCUMFLEX, _BREVE, _HORN))

#: Mark bytes that follow a base vowel: (lowercase, uppercase) -> (modifier, tone).
_VNI_MARK_ROWS: tuple[tuple[str, str, str, str], ...] = (
    ("\xe2", "\xc2", _CIRCUMFLEX, ""),
    ("\xea", "\xca", _BREVE, ""),
    ("\xf8", "\xd8", "", _GRAVE),
    ("\xf9", "\xd9", "", _ACUTE),
    ("\xfb", "\xdb", "", _HOOK),
    ("\xf5", "\xd5", "", _TILDE),
    ("\xef", "\xcf", "", _DOT),
    ("\xe0", "\xc0", _CIRCUMFLEX, _GRAVE),
    ("\xe1", "\xc1", _CIRCUMFLEX, _ACUTE),
    ("\xe5", "\xc5", _CIRCUMFLEX, _HOOK),
    ("\xe3", "\xc3", _CIRCUMFLEX, _TILDE),
    ("\xe4", "\xc4", _CIRCUMFLEX, _DOT),
    ("\xe8", "\xc8", _BREVE, _GRAVE),
    ("\xe9", "\xc9", _BREVE, _ACUTE),
    ("\xfa", "\xda", _BREVE, _HOOK),
    ("\xfc", "\xdc", _BREVE, _TILDE),
    ("\xeb", "\xcb", _BREVE, _DOT),
)
_VNI_MARKS: dict[str, tuple[str, str]] = {}
_VNI_MARK_CODES: dict[tuple[str, str, bool], str] = {}
for _lower, _upper, _modifier, _tone in _VNI_MARK_ROWS:
    _VNI_MARKS[_lower] = _VNI_MARKS[_upper] = (_modifier, _tone)
    _VNI_MARK_CODES[_modifier, _tone, False] = _lower
    _VNI_MARK_CODES[_modifier, _tone, True] = _upper

#: Letters VNI writes as one byte.
_VNI_SINGLES: dict[str, str] = {
    "\xf1": "đ",
    "\xd1": "Đ",
    "\xf4": "ơ",
    "\xd4": "Ơ",
    "\xf6": "ư",
    "\xd6": "Ư",
    "\xec": "ì",
    "\xcc": "Ì",
    "\xed": "í",
    "\xcd": "Í",
    "\xe6": "ỉ",
    "\xc6": "Ỉ",
    "\xf3": "ĩ",
    "\xd3": "Ĩ",
    "\xf2": "ị",
    "\xd2": "Ị",
    "\xee": "ỵ",
    "\xce": "Ỵ",
}
_VNI_SINGLE_CODES: dict[str, str] = {letter: code for code, letter in _VNI_SINGLES.items()}
# ơ and ư carry their tone as a following mark byte: ôù = ớ.
_VNI_HORNED = {"o": "\xf4", "O": "\xd4", "u": "\xf6", "U": "\xd6"}
#: Which base letters take which modifier.
_TAKES = {_CIRCUMFLEX: frozenset("aeoAEO"), _BREVE: frozenset("aA")}
_VOWELS = frozenset("aeiouyAEIOUY")


def _vni_combine(previous: str, mark: str) -> str | None:
    """*previous* with the VNI *mark* applied, or ``None`` if the mark cannot go there."""
    modifier, tone = _VNI_MARKS[mark]
    parts = unicodedata.normalize("NFD", previous)
    base, marks = parts[0], parts[1:]
    if base not in _VOWELS:
        return None
    if any(m in _TONES for m in marks) or (modifier and marks):
        return None  # a tone is there already, or a second modifier
    if modifier and base not in _TAKES[modifier]:
        return None
    combined = unicodedata.normalize("NFC", base + marks + modifier + tone)
    return combined if len(combined) == 1 else None


def _decode_vni(text: str) -> str:
    out: list[str] = []
    for ch in text:
        single = _VNI_SINGLES.get(ch)
        if single is not None:
            out.append(single)
            continue
        if ch in _VNI_MARKS and out:
            combined = _vni_combine(out[-1], ch)
            if combined is not None:
                out[-1] = combined
                continue
        out.append(ch)
    return unicodedata.normalize("NFC", "".join(out))


def _encode_vni(text: str) -> str:
    out: list[str] = []
    for ch in unicodedata.normalize("NFC", text):
        if ch.isascii():
            out.append(ch)
            continue
        single = _VNI_SINGLE_CODES.get(ch)
        if single is not None:
            out.append(single)
            continue
        parts = unicodedata.normalize("NFD", ch)
        base = parts[0]
        modifiers = [m for m in parts[1:] if m in _MODIFIERS]
        tones = [m for m in parts[1:] if m in _TONES]
        if base not in _VOWELS or len(parts) != 1 + len(modifiers) + len(tones):
            raise LegacyEncodingError(N_("VNI không có mã cho {ch}", ch=repr(ch)))
        modifier = modifiers[0] if modifiers else ""
        tone = tones[0] if tones else ""
        if modifier == _HORN:
            out.append(_VNI_HORNED[base])
            if tone:
                out.append(_VNI_MARK_CODES["", tone, base.isupper()])
            continue
        out.append(base)
        out.append(_VNI_MARK_CODES[modifier, tone, base.isupper()])
    return "".join(out)


def _decode_tcvn3(text: str) -> str:
    return text.translate(_TCVN3_DECODE)


def _encode_tcvn3(text: str) -> str:
    out: list[str] = []
    for ch in unicodedata.normalize("NFC", text):
        if ch.isascii():
            out.append(ch)
            continue
        code = _TCVN3_ENCODE.get(ch)
        if code is None:
            reason = N_("không phải chữ cái tiếng Việt")
            if ch.isupper():
                reason = N_("không có chữ hoa mang dấu thanh (bộ ABC dùng phông chữ hoa riêng)")
            raise LegacyEncodingError(
                N_("TCVN3 không có mã cho {ch}: {reason}", ch=repr(ch), reason=reason)
            )
        out.append(code)
    return "".join(out)


def _checked_encoding(encoding: object) -> LegacyEncoding:
    if encoding == "tcvn3":
        return "tcvn3"
    if encoding == "vni":
        return "vni"
    raise LegacyEncodingError(
        N_(
            "không có bảng mã cũ {encoding}: hãy dùng 'tcvn3' hoặc 'vni'",
            encoding=repr(encoding),
        )
    )


def convert_legacy(text: str, encoding: LegacyEncoding) -> str:
    """Turn TCVN3 or VNI mojibake back into Unicode (NFC).

    Characters the encoding does not use (ASCII, digits, punctuation) pass unchanged,
    so converting a whole cell is safe. Convert the text as read, before
    :func:`~coso_dang.vi.text.normalize` (which records apply to names): it drops the
    soft hyphen (U+00AD) that TCVN3's "ư" reads as, and the letter with it.

    Args:
        text: the text as read (Windows-1252 or Latin-1).
        encoding: ``"tcvn3"`` or ``"vni"``.

    Raises:
        LegacyEncodingError: an unknown *encoding*.

    >>> convert_legacy("Nguyeãn Vaên An", "vni")
    'Nguyễn Văn An'
    >>> convert_legacy("Chi bé th«n 3", "tcvn3")
    'Chi bộ thôn 3'
    """
    if _checked_encoding(encoding) == "tcvn3":
        return _decode_tcvn3(text)
    return _decode_vni(text)


def encode_legacy(text: str, encoding: LegacyEncoding) -> str:
    """Write Unicode text the way a TCVN3 or VNI file shows when read as Latin-1.

    The inverse of :func:`convert_legacy`, for tests and fixtures.

    Raises:
        LegacyEncodingError: a character the encoding cannot write (TCVN3 has no
            capital with a tone mark; neither writes non-Vietnamese letters), or an
            unknown *encoding*.

    >>> encode_legacy("Đảng viên", "tcvn3"), encode_legacy("Đảng viên", "vni")
    ('§¶ng viªn', 'Ñaûng vieân')
    """
    if _checked_encoding(encoding) == "tcvn3":
        return _encode_tcvn3(text)
    return _encode_vni(text)


# -- detection ----------------------------------------------------------------------------

# Windows-1252 puts these at 0x80-0x9F: mojibake may hold them, so they do not prove the
# text is genuine Unicode.
_CP1252_EXTRAS = frozenset(bytes(range(0x80, 0xA0)).decode("cp1252", errors="ignore"))
_HIGH = re.compile("[\x80-\xff]")
_EDGE_PUNCTUATION = "\"'()[]{}<>,.;:!?-–—…“”‘’/\\|*_=+#&%$@^`~"

_ONSET = "(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?"
_CODA = "(?:ch|ng|nh|[cmnpt])"
# Vowel groups by what may follow them: nothing (they end in a glide), a final consonant
# (they cannot end a syllable), or either.
_OPEN_ONLY = (
    "ai ao au ay âu ây eo êu ia iu oi ôi ơi ui ưi ưu ua ưa uơ "
    "oai oao oay oeo uây uôi uya uyu ươi ươu iêu yêu"
)
# "oo" (boong, xoong) is left out: it is rare in names, and TCVN3 read as VNI makes it.
_CLOSED_ONLY = "ă â iê yê uâ uô ươ oă uyê"
_EITHER = "a e ê i o ô ơ u ư y oa oe uê uy"


def _alternatives(groups: str) -> str:
    return "|".join(sorted(groups.split(), key=len, reverse=True))


_SYLLABLE = re.compile(
    f"{_ONSET}(?:(?:{_alternatives(_OPEN_ONLY)})"
    f"|(?:{_alternatives(_CLOSED_ONLY)}){_CODA}"
    f"|(?:{_alternatives(_EITHER)}){_CODA}?)"
)
# "nh" and "ch" end a syllable only after a, ê, i, y (oanh, huynh, huếch); "ng" and "c"
# never after ê, i, y alone (it is ênh, inh): iêng, yêng and uyêc have their iê/yê.
_BAD_CODA = re.compile("(?<![aêiy])(?:nh|ch)$|(?<![iy]ê)(?<=[êiy])(?:ng|c)$")
# A vowel and its tone, a shape mark (circumflex, breve, horn) maybe between them.
_TONED_VOWEL = re.compile(f"[aeiouy][{_CIRCUMFLEX}{_BREVE}{_HORN}]?[{''.join(sorted(_TONES))}]")
# After a stop (c, ch, p, t) only the sắc and nặng tones are possible.
_STOP_TONES = frozenset((_ACUTE, _DOT))


def _is_syllable(word: str) -> bool:
    """True when *word* is one Vietnamese syllable (any case, at most one tone mark, on
    a vowel)."""
    parts = unicodedata.normalize("NFD", word.lower())
    tones = [ch for ch in parts if ch in _TONES]
    if len(tones) > 1:
        return False
    if tones and not _TONED_VOWEL.search(parts):
        # A tone on a consonant: VNI's Đ, "Ñ" read as Latin-1, is an n with a tilde, and
        # "Ñinh" (Đinh) passed for a syllable as given, so the cell was not converted.
        return False
    bare = unicodedata.normalize("NFC", "".join(ch for ch in parts if ch not in _TONES))
    match = _SYLLABLE.fullmatch(bare)
    if match is None or _BAD_CODA.search(bare):
        return False
    return not (tones and bare.endswith(("c", "p", "t", "ch")) and tones[0] not in _STOP_TONES)


# Tie-breaks between the encodings: TCVN3 codes that are no letter (¨ © ª « ¬ ® § µ...)
# or a capital right after a small letter ("HiÕu"), against VNI's vowel-then-mark pairs
# in one case ("Leâ", "LEÂ": VNI writes the mark in the case of its vowel).
_TCVN3_CAPITALS = "".join(re.escape(chr(c)) for c in _TCVN3_DECODE if chr(c).isupper())
_TCVN3_SYMBOLS = re.compile(
    "["
    + "".join(re.escape(chr(c)) for c in _TCVN3_DECODE if not chr(c).isalpha())
    + f"]|(?<=[a-z])[{_TCVN3_CAPITALS}]"
)
_LOWER_MARKS = "".join(re.escape(m) for m in _VNI_MARKS if m.islower())
_UPPER_MARKS = "".join(re.escape(m) for m in _VNI_MARKS if m.isupper())
_VNI_PAIRS = re.compile(f"[aeiouy\xf4\xf6][{_LOWER_MARKS}]|[AEIOUY\xd4\xd6][{_UPPER_MARKS}]")


def _evidence(text: str, encoding: LegacyEncoding) -> int:
    pattern = _TCVN3_SYMBOLS if encoding == "tcvn3" else _VNI_PAIRS
    return len(pattern.findall(text))


# A character past Latin-1 that no CP1252 byte decodes to: no legacy typing makes one.
_GENUINE = re.compile("[^\x00-\xff" + "".join(re.escape(ch) for ch in sorted(_CP1252_EXTRAS)) + "]")


def _is_genuine_unicode(text: str) -> bool:
    # A pattern, not a loop over characters: loaders ask this of every name they read.
    return _GENUINE.search(text) is not None


def detect_legacy_encoding(text: str) -> LegacyEncoding | None:
    """Name the legacy encoding *text* looks typed in, or ``None`` for genuine text.

    See the module docstring for how it decides. Short cells decide on little evidence:
    one word that reads as Vietnamese only once converted is enough, and a word that
    reads as Vietnamese both as given and converted ("Hoà") keeps the text as it is.

    >>> detect_legacy_encoding("Chi bé th«n 3")
    'tcvn3'
    >>> detect_legacy_encoding("Ñaûng boä xaõ")
    'vni'
    >>> print(detect_legacy_encoding("Hoà Bình"), detect_legacy_encoding("Le Van An"))
    None None
    """
    if not _HIGH.search(text) or _is_genuine_unicode(text):
        return None
    words = [w.strip(_EDGE_PUNCTUATION) for w in text.split()]
    words = [w for w in words if w and _HIGH.search(w)]
    as_given = sum(_is_syllable(w) for w in words)
    scores = {
        encoding: (sum(_is_syllable(convert_legacy(w, encoding)) for w in words), encoding)
        for encoding in LEGACY_ENCODINGS
    }
    best = max(
        LEGACY_ENCODINGS,
        key=lambda e: (scores[e][0], _evidence(text, e), -LEGACY_ENCODINGS.index(e)),
    )
    return best if scores[best][0] > as_given else None


# -- UTF-8 read as Windows-1252 or Windows-1258 ----------------------------------------------
#
# A UTF-8 file without a BOM opened in Excel is read in the computer's code page: each
# Vietnamese letter's two or three bytes show as two or three characters ("Nguyễn" as
# "Nguyá»…n", "Văn" as "VÄƒn"), and saved again as "CSV UTF-8" the file holds those.
_MISREAD: dict[str, int] = {}
for _codepage in ("cp1252", "cp1258"):  # no character comes from two different bytes
    for _byte in range(0x80, 0x100):
        try:
            _MISREAD.setdefault(bytes([_byte]).decode(_codepage), _byte)
        except UnicodeDecodeError:
            # Windows shows the five bytes Windows-1252 leaves undefined as the C1
            # control of the same number.
            _MISREAD.setdefault(chr(_byte), _byte)

#: Every character a byte of 0x80-0xFF shows as in Windows-1252 or Windows-1258: text
#: holding any other character past ASCII is no misread UTF-8.
MISREAD_UTF8_CHARACTERS = "".join(sorted(_MISREAD))
_NOT_MISREAD = re.compile("[^\x00-\x7f" + "".join(re.escape(ch) for ch in sorted(_MISREAD)) + "]")
# What a byte that starts a UTF-8 sequence of two to four bytes shows as.
_LEADS = re.compile(
    "[" + "".join(re.escape(ch) for ch, byte in sorted(_MISREAD.items()) if byte >= 0xC2) + "]"
)


def repair_misread_utf8(text: str) -> str | None:
    """The text whose UTF-8 bytes, read as Windows-1252 or Windows-1258, show as *text*
    (composed to NFC), or ``None`` when *text* is no such misreading.

    Genuine Vietnamese holds letters neither code page has (ễ, ạ, ư with a tone), or
    bytes that are no UTF-8, so it stays ``None``; the repair must hold a letter past
    ASCII.

    >>> repair_misread_utf8("Nguyá»…n VÄƒn An")
    'Nguyễn Văn An'
    >>> repair_misread_utf8("Nguyá»…n Thá»‹ HÃ")  # "Hà", its no-break space trimmed
    'Nguyễn Thị Hà'
    >>> print(repair_misread_utf8("Nguyễn Văn An"), repair_misread_utf8("Hoà Bình"))
    None None
    """
    if _NOT_MISREAD.search(text) or not _LEADS.search(text):
        return None
    raw = bytes(ord(ch) if ch.isascii() else _MISREAD[ch] for ch in text)
    try:
        repaired = unicodedata.normalize("NFC", raw.decode("utf-8"))
    except UnicodeDecodeError as error:
        if error.start < len(raw) - 2 or error.reason != "unexpected end of data":
            return None
        if raw[: error.start].isascii():
            return None  # a lone letter at the end ("Hoang Thi Ă") is evidence of nothing
        # A last letter whose last byte is 0xA0 ("à", "Ạ", "Ơ") ended in a no-break
        # space, which trimming the cell took off.
        return repair_misread_utf8(text + "\xa0")
    if not any(unicodedata.category(ch)[0] in "LM" for ch in repaired if not ch.isascii()):
        return None
    return repaired
