"""Text normalization: one spelling for matching, whatever the input's Unicode form.

Vietnamese text arrives in NFC or NFD, and an open syllable ending in oa, oe or uy
with its tone mark in either of two accepted places: on the first vowel ("hòa", "khóa",
"thủy": the old style, kiểu cũ, which most documents and the press use) or on
the second ("hoà", "khoá", "thuỷ": the new style, kiểu mới, of the school spelling
rules). :func:`normalize` writes the old style; every other placement of a tone is
left as written, a misplaced one ("baỏ" for "bảo") included: a name is kept as its
owner spells it, and :func:`fold` matches it anyway. Every parser in the library runs
:func:`normalize` or :func:`fold` before it matches.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["Skeleton", "fold", "longer_than", "normalize", "printable", "spelled_with_i"]

_TONES = "\u0300\u0301\u0303\u0309\u0323"  # huyền, sắc, ngã, hỏi, nặng
# An open syllable ending in oa/oe/uy with the tone on the last vowel (new style, "hoà"):
# move the tone to the first vowel (old style, "hòa"), as official documents write it.
# "qu" is a consonant, so "quý" keeps its mark on the y. The syllable is open when no
# letter and no further mark follows: in NFD the nặng dot comes before the breve ("hoặc"
# is o, a, dot, breve, c), so a mark after the tone means a vowel like ă, and the
# syllable goes on.
_OPEN = r"(?![^\W\d_]|[\u0300-\u036f])"
_OLD_TONE = re.compile(
    rf"(?<![qQ])([oO])([aAeE])([{_TONES}]){_OPEN}|(?<![qQ])([uU])([yY])([{_TONES}]){_OPEN}"
)
_SPACE = re.compile(r"\s+")
# What a web page or a word processor leaves in text and no reader sees: the zero width
# space is a space; the soft hyphen, the zero width (non-)joiners, the word joiner and the
# byte order mark are nothing. "trên\u200b90%" lost its "trên" and "90\u00ad%" its "%".
_INVISIBLE = {"\u200b": " ", **dict.fromkeys("\u00ad\u200c\u200d\u2060\ufeff")}
_INVISIBLE_TABLE = str.maketrans(_INVISIBLE)
# What a workbook cannot hold and a terminal would obey: control characters other than
# tab and line ends (ESC starts a terminal's command), and code points XML 1.0 has not;
# and what a browser, a spreadsheet or a terminal laying text out both ways obeys: the
# direction embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069), after
# which a sentence reads backwards to its end ("có 225 đảng viên" as "nêiv gnảđ 522 óc").
# Vietnamese needs none of them.
_UNPRINTABLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]"
)


def printable(text: str) -> str:
    """*text* with each control character (but tab and line ends) and each direction
    override shown as "\ufffd".

    For texts written for people — an office list's workbook, a form's header, a report
    page — where a stray control character in a name must neither stop the writing nor
    be obeyed, nor turn the rest of a sentence around.

    >>> printable("Chi bộ \x1b[31mA\x07")
    'Chi bộ �[31mA�'
    >>> printable("Chi bộ \\u202eThôn 1 có 25 đảng viên")
    'Chi bộ �Thôn 1 có 25 đảng viên'
    """
    return _UNPRINTABLE.sub("\ufffd", text)


def _move_tone(match: re.Match[str]) -> str:
    if match.group(1):
        return match.group(1) + match.group(3) + match.group(2)
    return match.group(4) + match.group(6) + match.group(5)


def _toned_after_vowel() -> str:
    """The composed letters whose decomposition is a, e or y (any case) followed at once
    by a tone: the second vowel of an open "oa", "oe" or "uy" whose tone may move."""
    letters = (chr(code) for code in (*range(0xC0, 0x250), *range(0x1E00, 0x1F00)))
    return "".join(
        letter
        for letter in letters
        if (parts := unicodedata.normalize("NFD", letter))[0] in "aAeEyY"
        and len(parts) > 1
        and parts[1] in _TONES
    )


# What can make normalize() change a text in NFC (a superset): a character it drops or
# reads as a space, a tone that may move (after o or u, or a tone mark standing alone),
# white space other than one space between words. A text in NFC with none of them is
# returned as it is: most names are, and a national tree's 280.000 names spent more in
# the four passes over each than in the rest of their records' checks.
_MAY_CHANGE = re.compile(
    f"[{''.join(_INVISIBLE)}]|[oOuU][{_toned_after_vowel()}]|[{_TONES}]|[^\\S ]|  |^ | $"
)


def normalize(text: str) -> str:
    """Return *text* in NFC, with old-style tone placement ("hòa") and single spaces.

    Only the tone of an open oa, oe, uy moves ("hoà" → "hòa", "thuỷ" → "thủy"); a tone
    misplaced otherwise ("baỏ") and the eth "Ð" typed for "Đ" are left as written
    (:func:`fold` reads them as the right letters).

    Characters no reader sees are read as seen: a zero width space is a space, a soft
    hyphen, a zero width joiner or a byte order mark nothing.

    >>> normalize("Hoà  Bình,  khoá XIII")
    'Hòa Bình, khóa XIII'
    >>> normalize("Đảng uỷ") == normalize("Đảng ủy")
    True
    """
    if (
        type(text) is str
        and unicodedata.is_normalized("NFC", text)
        and not _MAY_CHANGE.search(text)
    ):
        return text
    decomposed = unicodedata.normalize("NFD", text.translate(_INVISIBLE_TABLE))
    moved = _OLD_TONE.sub(_move_tone, decomposed)
    return _SPACE.sub(" ", unicodedata.normalize("NFC", moved)).strip()


# A Vietnamese letter decomposed (NFD) is at most three code points: "ệ" is e, a dot below
# and a circumflex.
_MOST_PER_LETTER = 3


def longer_than(text: str, limit: int) -> bool:
    """Whether *text* holds more than *limit* characters composed (NFC).

    For the length limits of the parsers: the same text decomposed (NFD, as macOS writes
    file names and some exports write text) is up to three times as long, and must be
    read as its composed form is. Text over three times *limit* is not composed to tell.

    >>> import unicodedata
    >>> longer_than(unicodedata.normalize("NFD", "Điện Biên"), 9)
    False
    """
    return len(text) > limit and (
        len(text) > _MOST_PER_LETTER * limit or len(unicodedata.normalize("NFC", text)) > limit
    )


# Letters that look like Đ/đ and turn up in badly encoded Vietnamese text: the eth Ð/ð
# (Windows-1258's Đ/đ read as Latin-1) and the African Ɖ/ɖ.
_D_FORMS = {"Đ": "D", "\u00d0": "D", "\u0189": "D", "đ": "d", "\u00f0": "d", "\u0256": "d"}
_FOLD_TABLE = str.maketrans({**_D_FORMS, **_INVISIBLE})


def fold(text: str) -> str:
    """Return the matching key of *text*: lower case, no diacritics, ``đ`` as ``d``.

    The letters that look like Đ in badly encoded text (the eth "Ð") are ``d`` too, as
    :class:`Skeleton` reads them.

    >>> fold("Hoàn thành TỐT nhiệm vụ")
    'hoan thanh tot nhiem vu'
    >>> fold("Đảng ủy") == fold("dang uy") == fold("\u00d0ảng ủy")
    True
    """
    decomposed = unicodedata.normalize("NFD", text.translate(_FOLD_TABLE))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACE.sub(" ", bare.casefold()).strip()


# A syllable whose only vowel is a final "y" after consonants is also written with "i"
# ("sỹ"/"sĩ", "kỳ"/"kì", "lý"/"lí"), and so is "quy" ("quý"/"quí"); "uy" after another
# consonant ("thủy"), "ay", "ây" and a "y" alone ("y tế") are other vowels and stay.
_FINAL_Y = re.compile(r"\b([bcdfghklmnpqrstvx]{1,2}|qu)y\b")


def spelled_with_i(text: str) -> str:
    """*text* folded (:func:`fold`), a syllable's final "y" after consonants written "i",
    as Vietnamese spelling allows either.

    >>> spelled_with_i("Thạc sỹ Kỹ thuật, hằng quý")
    'thac si ki thuat, hang qui'
    >>> spelled_with_i("Thủy lợi, y tế")
    'thuy loi, y te'
    """
    return _FINAL_Y.sub(r"\1i", fold(text))


class Skeleton:
    """*source* with diacritics removed, one character per base character.

    ``text`` is what the patterns of the parsers match; :meth:`span` maps a span of
    ``text`` back to *source*, taking along the combining marks that follow the last base
    character. Characters no reader sees are read as :func:`normalize` reads them: a zero
    width space is a space, a soft hyphen, a zero width joiner or a byte order mark is no
    character of ``text`` (a span across one takes it along), so that a search of running
    text finds what a parser reads ("ngày 16\u00ad/6/2022").

    >>> skeleton = Skeleton("Quyết định số")
    >>> skeleton.text, skeleton.span(0, 5)
    ('Quyet dinh so', (0, 5))
    """

    __slots__ = ("_ends", "_starts", "source", "text")

    def __init__(self, source: str) -> None:
        chars: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        for index, char in enumerate(source):
            if unicodedata.combining(char):
                if ends:
                    ends[-1] = index + 1
                continue
            if char in _INVISIBLE:
                if _INVISIBLE[char] is None:
                    continue  # a soft hyphen, a joiner: inside a span, never at its ends
                base = " "  # the zero width space
            else:
                base = _D_FORMS.get(char) or unicodedata.normalize("NFD", char)[0]
            chars.append(base)
            starts.append(index)
            ends.append(index + 1)
        self.source = source
        self.text = "".join(chars)
        self._starts = starts
        self._ends = ends

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The span of *source* that ``text[start:end]`` (non-empty) came from."""
        return self._starts[start], self._ends[end - 1]

    def slice(self, start: int, end: int) -> str:
        """The part of *source* that ``text[start:end]`` (non-empty) came from."""
        begin, stop = self.span(start, end)
        return self.source[begin:stop]
