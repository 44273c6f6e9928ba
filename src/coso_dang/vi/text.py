"""Text normalization: one spelling for matching, whatever the input's Unicode form.

Vietnamese text arrives in NFC or NFD and with the tone mark placed in the old
("hoà", "khoá", "thuỷ") or the new ("hòa", "khóa", "thủy") way. Every parser in
the library runs :func:`normalize` or :func:`fold` before it matches.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["fold", "normalize"]

_TONES = "\u0300\u0301\u0303\u0309\u0323"  # huyền, sắc, ngã, hỏi, nặng
# An open syllable ending in oa/oe/uy with the tone on the last vowel (old style): move
# the tone to the first vowel, as current official spelling writes it. "qu" is a
# consonant, so "quý" keeps its mark on the y.
_OLD_TONE = re.compile(
    rf"(?<![qQ])([oO])([aAeE])([{_TONES}])(?!\w)|(?<![qQ])([uU])([yY])([{_TONES}])(?!\w)"
)
_SPACE = re.compile(r"\s+")


def _move_tone(match: re.Match[str]) -> str:
    if match.group(1):
        return match.group(1) + match.group(3) + match.group(2)
    return match.group(4) + match.group(6) + match.group(5)


def normalize(text: str) -> str:
    """Return *text* in NFC, with new-style tone placement and single spaces.

    >>> normalize("Hoà  Bình,  khoá XIII")
    'Hòa Bình, khóa XIII'
    >>> normalize("Đảng uỷ") == normalize("Đảng ủy")
    True
    """
    decomposed = unicodedata.normalize("NFD", text)
    moved = _OLD_TONE.sub(_move_tone, decomposed)
    return _SPACE.sub(" ", unicodedata.normalize("NFC", moved)).strip()


def fold(text: str) -> str:
    """Return the matching key of *text*: lower case, no diacritics, ``đ`` as ``d``.

    >>> fold("Hoàn thành TỐT nhiệm vụ")
    'hoan thanh tot nhiem vu'
    >>> fold("Đảng ủy") == fold("dang uy")
    True
    """
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACE.sub(" ", bare.casefold()).strip()
