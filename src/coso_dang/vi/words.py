"""Vietnamese number words, ordinals and Roman numerals.

Numbers are read in groups of three digits with the scale words nghìn (ngàn),
triệu and tỷ. Past a tỷ the scales compound: 10^12 is "một nghìn tỷ", 10^15 "một
triệu tỷ", 10^18 "một tỷ tỷ", and so on without limit: the number is cut into
blocks of nine digits, each block read below a tỷ and followed by one "tỷ" per
block it stands above (10^27 is "một tỷ tỷ tỷ").

Conventions (northern and official by default; ``variant="south"`` gives the
southern spellings):

* mười for 10–19, mươi from 20; "mốt" for a final 1 after mươi (hai mươi mốt, but
  mười một); "lăm" for a final 5 after mười or mươi (mười lăm, hai mươi lăm, but
  một trăm linh năm); in the south "tư" for a final 4 after mươi (hai mươi tư, but
  mười bốn);
* "linh" (south "lẻ") for a zero tens digit after hundreds: một trăm linh năm;
* every group after the first is read with its hundreds, "không trăm" included, as
  school textbooks read 472.036.953 ("... triệu không trăm ba mươi sáu nghìn ...");
  all-zero groups are skipped: 1.000.005 is "một triệu không trăm linh năm";
* decimals follow "phẩy": leading zeros one "không" each, then the remaining digits
  read as a number when there are at most three (3,25 "ba phẩy hai mươi lăm";
  0,05 "không phẩy không năm"; 325,431 "... phẩy bốn trăm ba mươi mốt"), digit by
  digit when there are more (3,14159 "ba phẩy một bốn một năm chín").
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from decimal import Decimal
from typing import Literal

from coso_dang._deprecation import aliases
from coso_dang.errors import ArgumentError, ArgumentTypeError, ParseError
from coso_dang.i18n import N_
from coso_dang.vi.numbers import parse_number
from coso_dang.vi.text import normalize

__all__ = [
    "format_number_words",
    "format_ordinal",
    "format_roman",
    "parse_number_words",
    "parse_ordinal",
    "parse_roman",
]

Variant = Literal["north", "south"]

_DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
_VALUE = {word: digit for digit, word in enumerate(_DIGITS)}
# A fraction tail longer than this is read digit by digit.
_GROUPED_DECIMALS = 3
_TY = "tỷ"
_ORDINAL_NUMBERS = {1: "nhất", 4: "tư"}


def _checked_variant(variant: str) -> bool:
    """True for the southern spellings."""
    if variant not in ("north", "south"):
        raise ArgumentError(
            N_("variant phải là 'north' hoặc 'south', không phải {variant}", variant=repr(variant))
        )
    return variant == "south"


def _tens_and_units(tens: int, units: int, after_hundreds: bool, south: bool) -> list[str]:
    if tens == 0:
        if not units:
            return []
        return [("lẻ" if south else "linh"), _DIGITS[units]] if after_hundreds else [_DIGITS[units]]
    words = ["mười"] if tens == 1 else [_DIGITS[tens], "mươi"]
    if units == 5:
        words.append("lăm")
    elif units == 1 and tens > 1:
        words.append("mốt")
    elif units == 4 and tens > 1 and south:
        words.append("tư")
    elif units:
        words.append(_DIGITS[units])
    return words


def _group_words(group: int, leading: bool, south: bool) -> list[str]:
    """Read 1..999; a group after the first keeps its hundreds, even "không trăm"."""
    hundreds, rest = divmod(group, 100)
    head = [] if leading and not hundreds else [_DIGITS[hundreds], "trăm"]
    return head + _tens_and_units(rest // 10, rest % 10, bool(head), south)


def _integer_words(number: int, south: bool) -> list[str]:
    if number == 0:
        return [_DIGITS[0]]
    groups = []
    while number:
        number, group = divmod(number, 1000)
        groups.append(group)
    scales = ("", "ngàn" if south else "nghìn", "triệu")
    words: list[str] = []
    for position in range(len(groups) - 1, -1, -1):
        if not groups[position]:
            continue
        words += _group_words(groups[position], not words, south)
        block, scale = divmod(position, 3)
        words += [scales[scale]] if scale else []
        # The tỷ words close a block: after its last non-zero group.
        if block and not any(groups[block * 3 : position]):
            words += [_TY] * block
    return words


def _fraction_words(digits: str, south: bool) -> list[str]:
    tail = digits.lstrip("0")
    words = [_DIGITS[0]] * (len(digits) - len(tail))
    if len(tail) > _GROUPED_DECIMALS:
        return words + [_DIGITS[int(digit)] for digit in tail]
    return words + (_group_words(int(tail), True, south) if tail else [])


def _as_decimal(x: object) -> int | Decimal:
    if isinstance(x, bool) or not isinstance(x, (int, Decimal, float, str)):
        raise ArgumentTypeError(
            N_("cần một số int, Decimal, float hoặc str, không phải {kind}", kind=type(x).__name__)
        )
    if isinstance(x, str):
        return parse_number(x)
    value = Decimal(repr(x)) if isinstance(x, float) else x
    if isinstance(value, Decimal) and not value.is_finite():
        raise ArgumentError(
            N_("không đọc thành lời được {x}: không phải một số hữu hạn", x=repr(x))
        )
    return value


def format_number_words(x: int | Decimal | float | str, *, variant: Variant = "north") -> str:
    """Write a number in Vietnamese words.

    Integers of any size (see the module notes for scales past a tỷ), negatives
    with "âm", and decimals after "phẩy". A Decimal keeps its written decimals
    (``Decimal("2.50")`` is "hai phẩy năm mươi"); a float is read by its shortest
    repr (0.1 is "không phẩy một"); a str is read by
    :func:`~coso_dang.vi.numbers.parse_number`, the Vietnamese way ("3,25").

    Args:
        x: an int, Decimal, float or str (not a bool).
        variant: ``"north"`` (linh, nghìn; the official default) or ``"south"``
            (lẻ, ngàn, tư after mươi).

    Returns:
        The words, lower case, e.g. ``"hai nghìn không trăm hai mươi mốt"``.

    Raises:
        TypeError: *x* is a bool or not a number.
        ValueError: *x* is NaN or infinite, or *variant* is unknown.
        ParseError: *x* is a str that is not a number.

    >>> format_number_words(2021), format_number_words(24, variant="south")
    ('hai nghìn không trăm hai mươi mốt', 'hai mươi tư')
    """
    south = _checked_variant(variant)
    value = _as_decimal(x)
    if isinstance(value, int):
        sign, whole, fraction = value < 0, abs(value), None
    else:
        sign_bit, digits, exponent = value.as_tuple()
        assert isinstance(exponent, int)  # finite, checked above
        places = max(-exponent, 0)
        # int() of a Decimal is exact at any size; int() of a text stops at 4.300 digits.
        whole = int(value.copy_abs())
        fraction = "".join(map(str, digits))[-places:].rjust(places, "0") if places else None
        sign = bool(sign_bit) and value != 0
    words = (["âm"] if sign else []) + _integer_words(whole, south)
    if fraction is not None:
        words += ["phẩy", *_fraction_words(fraction, south)]
    return " ".join(words)


# Spellings that mean the same word wherever they stand ("bẩy" is the northern spoken
# spelling of bảy: "mười bẩy", "tháng bẩy").
_SYNONYMS = {"lẻ": "linh", "ngàn": "nghìn", "tỉ": _TY, "nhăm": "lăm", "bẩy": "bảy"}
_PLAIN_UNITS = {word: digit for word, digit in _VALUE.items() if digit not in (0, 1, 5)}
# The unit words after "mươi" (hai mươi mốt, hai mươi tư) and after "mười" (mười một).
_AFTER_MUOI = {"mốt": 1, "tư": 4, "lăm": 5} | _PLAIN_UNITS
_AFTER_MUOI_TEN = {"một": 1, "lăm": 5} | _PLAIN_UNITS
_SCALES = {"nghìn": 1, "triệu": 2}
# Every word a number in words is made of (as _SYNONYMS spell them).
# "chục" counts tens as mươi does ("hai chục" is 20, "ba chục nghìn" 30.000), with no unit
# after it.
_CHUC = "chục"
_VOCABULARY = {
    *_VALUE,
    *_AFTER_MUOI,
    *_SCALES,
    _TY,
    _CHUC,
    "trăm",
    "mười",
    "mươi",
    "linh",
    "phẩy",
    "âm",
}


class _Reader:
    """A cursor over number words; every method raises ParseError on bad input."""

    def __init__(self, words: Sequence[str], written: Sequence[str], original: str) -> None:
        self.words = words
        # The words as the text spells them ("tỉ", "lẻ"), for messages.
        self.written = written
        self.original = original
        self.at = 0

    def fail(self, reason: str) -> ParseError:
        return ParseError(N_("số viết bằng chữ"), self.original, reason)

    def said(self, ahead: int = 0) -> str:
        """The word at *ahead* from the cursor as written, quoted for a message."""
        index = self.at + ahead
        return repr(self.written[index] if index < len(self.written) else None)

    def peek(self, ahead: int = 0) -> str | None:
        index = self.at + ahead
        return self.words[index] if index < len(self.words) else None

    def take(self) -> str:
        word = self.peek()
        if word is None:
            raise self.fail(N_("số dừng giữa chừng"))
        self.at += 1
        return word

    def digit(self, low: int) -> int:
        word = self.take()
        if _VALUE.get(word, -1) < low:
            raise self.fail(N_("cần một chữ số, gặp {word}", word=self.said(-1)))
        return _VALUE[word]

    def unit_after_tens(self, tens: int) -> int:
        # mười một, mười lăm, hai mươi mốt, hai mươi lăm, hai mươi tư (or bốn).
        allowed = _AFTER_MUOI if tens > 1 else _AFTER_MUOI_TEN
        word = self.peek()
        if word is None or (word not in _AFTER_MUOI and word not in _VALUE):
            return 0
        if word not in allowed:
            spelled = "mười" if tens == 1 else "mươi"
            raise self.fail(
                N_("{word} không thể đứng sau {spelled}", word=self.said(), spelled=repr(spelled))
            )
        self.at += 1
        return allowed[word]

    def group(self, leading: bool) -> int:
        """One group of up to three digits; a later group reads like "không trăm linh năm"."""
        hundreds = None
        if self.peek(1) == "trăm":
            hundreds = self.digit(0)
            self.at += 1
            if leading and hundreds == 0:
                raise self.fail(N_("một số không bắt đầu bằng 'không trăm'"))
        word = self.peek()
        rest = 0
        if word == "linh":
            if leading and hundreds is None:
                raise self.fail(N_("'linh' phải đứng sau chữ số hàng trăm"))
            self.at += 1
            if self.peek() == "tư":
                # "linh tư" (lẻ tư) reads a final 4 after "linh", as "mươi tư" does.
                self.at += 1
                rest = 4
            elif self.peek() == "mười" and hundreds is None:
                # "một tỷ lẻ mười bảy": after a scale word, "linh" may also stand before
                # 10-19 (never after trăm: 110 is "một trăm mười").
                self.at += 1
                rest = 10 + self.unit_after_tens(1)
            elif self.peek(1) == "mươi" and hundreds is None:
                # "một nghìn lẻ hai mươi mốt" (num2words' 1.021): before 20-99 as well.
                tens = self.digit(2)
                self.at += 1
                rest = tens * 10 + self.unit_after_tens(tens)
            else:
                rest = self.digit(1)
        elif word == "mười":
            self.at += 1
            rest = 10 + self.unit_after_tens(1)
        elif word in _VALUE and self.peek(1) == _CHUC:
            rest = self.digit(1) * 10  # "một chục" is 10
            self.at += 1
        elif word in _VALUE and self.peek(1) == "mươi":
            tens = self.digit(2)
            self.at += 1
            rest = tens * 10 + self.unit_after_tens(tens)
        elif word in _VALUE and word != _DIGITS[0] and hundreds is None:
            if not leading and self.peek(1) not in (*_SCALES, _TY):
                # "hai nghìn năm" is said for 2.500 as well as 2.005; before a scale
                # word ("hai triệu ba nghìn") the digit is a whole group and is clear.
                raise self.fail(
                    N_(
                        "{word} đứng một mình sau hàng nghìn, triệu, tỷ thì không rõ nghĩa",
                        word=self.said(),
                    )
                )
            rest = self.digit(1)
        elif hundreds is None and word == _DIGITS[0] and self.peek(1) in (*_SCALES, _TY):
            # "một triệu không nghìn …": 1.000.005 is "một triệu không trăm linh năm".
            raise self.fail(N_("nhóm toàn số không thì không đọc"))
        elif hundreds is None:
            raise self.fail(N_("cần một từ chỉ số, gặp {word}", word=self.said()))
        elif word == _DIGITS[0]:
            raise self.fail(N_("không được có 'không' sau 'trăm'"))
        elif word in _VALUE and self.peek(1) != "trăm":
            # "một trăm năm" is said for 150 as well as 105.
            raise self.fail(
                N_(
                    "{word} sau 'trăm' không rõ nghĩa: hãy viết 'linh {bare}'",
                    word=self.said(),
                    bare=word,
                )
            )
        value = (hundreds or 0) * 100 + rest
        if value == 0:
            raise self.fail(N_("nhóm toàn số không thì không đọc"))
        return value

    def integer(self) -> int:
        """Groups with scales, positions strictly falling: ... triệu, nghìn, units."""
        if self.peek() == _DIGITS[0] and self.peek(1) != "trăm":
            self.at += 1
            return 0
        pending: list[tuple[int, int]] = []
        placed: list[tuple[int, int]] = []
        while self.peek() not in (None, "phẩy"):
            value = self.group(leading=not pending and not placed)
            scale = _SCALES.get(self.peek() or "", 0)
            self.at += 1 if scale else 0
            pending.append((value, scale))
            blocks = 0
            while self.peek() == _TY:
                self.at += 1
                blocks += 1
            if blocks:
                placed += [(v, s + 3 * blocks) for v, s in pending]
                pending = []
            elif not scale and self.peek() not in (None, "phẩy"):
                if self.peek() not in _VOCABULARY:
                    # "bảy mươi lăm phần trăm", "một triệu đồng": a word after the number.
                    raise self.fail(N_("cần một từ chỉ số, gặp {word}", word=self.said()))
                # "bốn ba": two numbers side by side, no scale word between them.
                raise self.fail(
                    N_(
                        "{word} đứng liền sau một số, không có nghìn, triệu, tỷ ở giữa: "
                        "43 là 'bốn mươi ba'",
                        word=self.said(),
                    )
                )
        placed += pending
        if not placed:
            raise self.fail(N_("không có số nào"))
        positions = [position for _, position in placed]
        if any(high <= low for high, low in itertools.pairwise(positions)):
            raise self.fail(N_("các hàng nghìn, triệu, tỷ sai thứ tự"))
        return sum(value * 1000**position for value, position in placed)

    def fraction(self) -> str:
        """The digits after "phẩy", read digit by digit or as one group."""
        rest = self.words[self.at :]
        if not rest:
            raise self.fail(N_("không có chữ số sau 'phẩy'"))
        if all(word in _VALUE for word in rest):
            self.at = len(self.words)
            return "".join(str(_VALUE[word]) for word in rest)
        zeros = 0
        while self.peek() == _DIGITS[0] and self.peek(1) != "trăm":
            self.at += 1
            zeros += 1
        tail = str(self.group(leading=True))
        if self.peek() is not None:
            raise self.fail(N_("không được có {word} sau phần thập phân", word=self.said()))
        return "0" * zeros + tail


def _words_of(text: str) -> list[str]:
    return normalize(text.casefold()).split()


def _text(text: object, what: str) -> str:
    """*text*, if it is a string: anything else is refused in Vietnamese, as the date
    parsers refuse it, not with Python's AttributeError on a method it lacks."""
    if not isinstance(text, str):
        raise ParseError(what, text, N_("cần một văn bản (str)"))
    return text


def parse_number_words(text: str) -> int | Decimal:
    """Read a number written in Vietnamese words; the inverse of :func:`format_number_words`.

    Both variants are read (linh/lẻ, nghìn/ngàn, tư/bốn after mươi, lăm/nhăm,
    tỷ/tỉ, bảy/bẩy), in any case and Unicode form. Besides the exact output of
    :func:`format_number_words`, "không trăm" may be left out before a tens or "linh"
    reading ("hai nghìn hai mươi mốt"), "linh" may stand before 10-99 after a scale
    word ("một tỷ lẻ mười bảy", num2words' "một nghìn lẻ hai mươi mốt"), tens may be
    counted in "chục" ("hai chục nghìn" is
    20.000; no unit follows chục), and scales may repeat "tỷ" per group ("một triệu
    tỷ năm trăm tỷ"). A group of one digit before a scale word is read
    as spoken ("hai triệu ba nghìn" is 2.003.000), and a final 4 after "linh"/"lẻ"
    may be "tư" ("một trăm linh tư" is 104). Readings that speech uses for other
    numbers are refused: "một trăm năm" and "hai nghìn năm" (150? 2.500?), "mười
    năm" (ten years) for mười lăm, "hai mươi một" for hai mươi mốt; so are two
    numbers side by side ("bốn ba"). The text holds the number alone: a unit after
    it ("một triệu đồng", "bảy mươi lăm phần trăm") or digits in it ("1 triệu") are
    refused, naming the word that is not a number word.

    Args:
        text: the words, e.g. ``"hai mươi mốt"``.

    Returns:
        An int, or a Decimal keeping every decimal read when "phẩy" is present.

    Raises:
        ParseError: the text is not a well-formed number in words.

    >>> parse_number_words("Hai nghìn không trăm hai mươi mốt"), parse_number_words("ba phẩy năm")
    (2021, Decimal('3.5'))
    >>> parse_number_words("hai triệu ba nghìn"), parse_number_words("một trăm linh tư")
    (2003000, 104)
    """
    written = _words_of(_text(text, N_("số viết bằng chữ")))
    reader = _Reader([_SYNONYMS.get(word, word) for word in written], written, text)
    negative = reader.peek() == "âm"
    reader.at += 1 if negative else 0
    whole = reader.integer()
    if reader.peek() is None:
        return -whole if negative else whole
    if reader.take() != "phẩy":
        raise reader.fail(N_("'không' chỉ đứng một mình hoặc trước 'phẩy'"))
    fraction = reader.fraction()
    try:
        return Decimal(f"{'-' if negative else ''}{whole}.{fraction}")
    except ValueError:  # more digits than Python turns into text
        raise reader.fail(N_("số quá lớn")) from None


def format_ordinal(n: int, *, variant: Variant = "north") -> str:
    """Write an ordinal in words: "thứ nhất", "thứ tư", "thứ hai mươi mốt".

    1 and 4 have their own words (nhất, tư); others are "thứ" and the number, so
    14 is "thứ mười bốn".

    Args:
        n: the ordinal, from 1.
        variant: as for :func:`format_number_words`.

    Returns:
        The ordinal words.

    Raises:
        TypeError: *n* is not an int (or is a bool).
        ValueError: *n* is below 1 or *variant* is unknown.

    >>> format_ordinal(1), format_ordinal(4), format_ordinal(5)
    ('thứ nhất', 'thứ tư', 'thứ năm')
    """
    if isinstance(n, bool) or not isinstance(n, int):
        raise ArgumentTypeError(
            N_("số thứ tự phải là số nguyên, không phải {kind}", kind=type(n).__name__)
        )
    if n < 1:
        raise ArgumentError(N_("số thứ tự bắt đầu từ 1, không phải {n}", n=n))
    # Checked here: 1 and 4 ("nhất", "tư") never reach format_number_words, which
    # checks it for the others, and an unknown variant must not pass for them.
    _checked_variant(variant)
    if n in _ORDINAL_NUMBERS:
        return "thứ " + _ORDINAL_NUMBERS[n]
    return "thứ " + format_number_words(n, variant=variant)


_THU = re.compile(r"(?<!\w)thứ ", re.IGNORECASE)
# "nhì" is the literary second ("giải nhì", "thứ nhì"), as "nhất" and "tư" are.
_ORDINAL_WORDS = {"nhất": 1, "nhì": 2, "tư": 4}
_NUMBER_WORD = set(_VALUE) | set(_SYNONYMS) | set(_AFTER_MUOI) | set(_SCALES) | set(_ORDINAL_WORDS)
_NUMBER_WORD |= {"trăm", "mười", "mươi", "linh", _TY}


# A number whose words stop at mười, mươi or trăm would go on with these: "thứ hai mươi
# một" is a 21 misspelt (hai mươi mốt), not the 20th followed by "một". "năm" (a year:
# "lần thứ mười năm 2022") and "không" ("not") may follow a whole ordinal.
_OPEN_ENDS = frozenset(("mười", "mươi", "trăm"))
_CARRIES_ON = frozenset((*_AFTER_MUOI, "một", "nhăm", "bẩy", "linh", "lẻ"))
# Words that only ever go on with a number: after any whole ordinal they mean a number
# said short ("lần thứ ba mốt" is 31, "thứ hai lăm" 25), never the 3rd or the 2nd.
_ONLY_AFTER_TENS = frozenset(("mốt", "lăm", "nhăm", "mươi"))


# The most words of a number an ordinal is read from: far more than any number says
# (999.999.999.999.999.999 takes 36). Without a bound each "thứ" of a long text read
# every word after it, in time growing with the square of the text's length.
_MOST_WORDS = 64
# Digits go on to their end: "thứ 5,5" and "thứ 1.23" are no ordinals (5 and 1 were
# read), nor is "thứ 5%".
_WHOLE = r"(?![0-9]|[.,][0-9]|\s?[%\uff05])"
_ORDINAL_HEAD = re.compile(
    rf"[0-9]{{1,3}}(?:\.[0-9]{{3}})+{_WHOLE}|[0-9]+{_WHOLE}|[IVXLCDM]+(?!\w)"
    rf"|[^\W\d_]+(?: [^\W\d_]+){{0,{_MOST_WORDS}}}"
)


def _ordinal_after(text: str, start: int) -> int | None:
    """The ordinal at *start* of *text* (just after "thứ "), or None.

    Raises ParseError when the number's words go on in a way no number does.
    """
    head = _ORDINAL_HEAD.match(text, start)
    if head is None:
        return None
    token = head.group()
    # Only ASCII digits are numerals here: "²" passes isdigit() but is no ordinal. Digits
    # are grouped by "." as Vietnamese writes them: "thứ 1.000" is the thousandth.
    if token.isascii() and token.replace(".", "").isdigit():
        return int(token.replace(".", "")) or None
    if token.isupper() and token.isascii():
        try:
            return parse_roman(token)
        except ParseError:
            return None
    words = token.casefold().split()
    run = len(words)
    for index, word in enumerate(words):
        if word not in _NUMBER_WORD:
            run = index
            break
    failure = None
    for size in range(run, 0, -1):
        candidate = words[:size]
        if size == 1 and candidate[0] in _ORDINAL_WORDS:
            return _ORDINAL_WORDS[candidate[0]]
        if size == 1 and candidate[0] in ("một", "bốn"):
            continue  # thứ nhất, thứ tư
        try:
            value = parse_number_words(" ".join(candidate))
        except ParseError as error:
            failure = error
            continue
        if failure is not None and (
            (candidate[-1] in _OPEN_ENDS and words[size] in _CARRIES_ON)
            or words[size] in _ONLY_AFTER_TENS
        ):
            raise failure  # why the words one longer are no number
        return value if isinstance(value, int) and value > 0 else None
    return None


def parse_ordinal(text: str) -> int:
    """Find the first ordinal "thứ <number>" in *text* and return its number.

    The number may be in words ("lần thứ năm", "thứ nhất", "thứ nhì", "thứ tư", "thứ
    hai mươi mốt"), in digits ("lần thứ 5") or in upper-case Roman numerals ("lần thứ
    XIII"). Words that follow the ordinal are left alone: "lần thứ năm năm 2022"
    is 5. Note that weekdays are written the same way ("Thứ năm" is Thursday).

    Args:
        text: text holding an ordinal.

    Returns:
        The ordinal's number, from 1.

    Raises:
        ParseError: no ordinal in the text, or its words go on as no number does:
            "thứ hai mươi một" (hai mươi mốt?) is refused, not read as the 20th.

    >>> parse_ordinal("Hội nghị lần thứ năm Ban Chấp hành Trung ương"), parse_ordinal("lần thứ 5")
    (5, 5)
    """
    clean = normalize(_text(text, N_("số thứ tự")))
    for match in _THU.finditer(clean):
        try:
            found = _ordinal_after(clean, match.end())
        except ParseError as error:
            raise ParseError(N_("số thứ tự"), text, error.reason) from None
        if found is not None:
            return found
    raise ParseError(N_("số thứ tự"), text, N_("không có 'thứ' với một số theo sau"))


_ROMAN = (
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)
_CANONICAL_ROMAN = re.compile(r"M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})")


def format_roman(n: int) -> str:
    """Write 1..3999 in Roman numerals, as terms and congresses are numbered.

    Args:
        n: the number.

    Returns:
        The numeral in upper case, e.g. ``"XIII"``.

    Raises:
        TypeError: *n* is not an int (or is a bool).
        ValueError: *n* is outside 1..3999.

    >>> format_roman(13), format_roman(2025)
    ('XIII', 'MMXXV')
    """
    if isinstance(n, bool) or not isinstance(n, int):
        raise ArgumentTypeError(
            N_("số La Mã phải là số nguyên, không phải {kind}", kind=type(n).__name__)
        )
    if not 1 <= n <= 3999:
        raise ArgumentError(N_("số La Mã chỉ từ 1 đến 3999, không phải {n}", n=n))
    letters = []
    for value, numeral in _ROMAN:
        count, n = divmod(n, value)
        letters.append(numeral * count)
    return "".join(letters)


def parse_roman(text: str) -> int:
    """Read a Roman numeral in its canonical form ("XIII", not "XIIII" or "IC").

    Surrounding spaces are ignored; the letters must be all upper case or all
    lower case ("xiii"), never mixed.

    Args:
        text: the numeral.

    Returns:
        Its value, 1..3999.

    Raises:
        ParseError: empty, mixed case, or not a canonical numeral.

    >>> parse_roman("XIII"), parse_roman("xiv")
    (13, 14)
    """
    clean = normalize(_text(text, N_("số La Mã")))
    upper = clean.upper()
    if clean not in (upper, clean.lower()):
        raise ParseError(N_("số La Mã"), text, N_("lẫn chữ hoa và chữ thường"))
    if not upper or not _CANONICAL_ROMAN.fullmatch(upper):
        raise ParseError(N_("số La Mã"), text, N_("không phải số La Mã chuẩn từ I đến MMMCMXCIX"))
    total = 0
    for value, numeral in _ROMAN:
        while upper.startswith(numeral):
            total += value
            upper = upper[len(numeral) :]
    return total


# The names before the format_*/parse_* pairs, for one release (each use warns).
__getattr__ = aliases(
    __name__,
    {
        "number_to_words": "coso_dang.vi.words:format_number_words",
        "words_to_number": "coso_dang.vi.words:parse_number_words",
        "ordinal_words": "coso_dang.vi.words:format_ordinal",
        "to_roman": "coso_dang.vi.words:format_roman",
        "from_roman": "coso_dang.vi.words:parse_roman",
    },
)
