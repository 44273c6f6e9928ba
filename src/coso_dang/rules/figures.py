"""Subjects for measured rules: counts, and figures as reports publish them.

A :class:`~coso_dang.Tally` holds exact counts. Reports publish much else, and each kind
of published figure is kept with the interval its true value lies in:

* a rounded share ("16,2%"): :class:`Rounded`, whose interval depends on how it was
  rounded — half up, truncated ("56/58" printed as "96,5%"), rounded twice, or
  unknown, which covers all three and is the default for figures typed from the press;
* a one-sided or approximate figure ("trên 90%", "hơn 96%", "gần 72%", "khoảng 3,9%",
  "gần 120", "trên 8.100") or a band ("từ 90 - 100"): :class:`Bounded`, with each end
  open or closed as the words say;
* counts that arrive without their split ("56/58 TCCSĐ hoàn thành tốt nhiệm vụ trở
  lên"), a base without its parts, parts of a total by unit, and the months a figure
  covers: fields of :class:`Figures`.

:meth:`Figures.problems` says where published figures contradict one another.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Iterable, Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Literal, TypeAlias, final

from attrs import evolve, field, frozen
from attrs.validators import instance_of, optional

from coso_dang.documents import find_document_refs
from coso_dang.errors import ArgumentError, ParseError, Problem
from coso_dang.i18n import N_, Figure
from coso_dang.indicators import Ratio, get_indicator, get_ratio
from coso_dang.orgs import OrgKind
from coso_dang.ratings import LegacyRating, Rating
from coso_dang.rules.base import TYPED_IN, RuleParameterError
from coso_dang.tally import PUBLISHED_RELATIONS, Tally, relations
from coso_dang.vi.dates import find_dates
from coso_dang.vi.numbers import ascii_digits, format_number, parse_number, parse_percent
from coso_dang.vi.text import fold, longer_than, normalize
from coso_dang.vi.thresholds import format_percent_against

__all__ = [
    "APPROX_WIDTH",
    "PRESS_ROUNDING",
    "Bounded",
    "Figures",
    "Published",
    "Reading",
    "Rounded",
    "Rounding",
    "format_span",
    "parse_figure",
    "rating_counts",
    "read_count",
    "read_count_range",
    "read_ratio",
    "read_ratio_unknown",
    "with_noun",
]

#: How a published figure was rounded: ``"half_up"`` (to the nearest, halves up, as
#: statistics round), ``"down"`` (truncated: 56/58 = 96,55% printed "96,5%"),
#: ``"unknown"`` (any of those, or rounded twice: first to one more place, then to the
#: printed places) or ``"exact"`` (the printed figure is the exact value).
Rounding = Literal["half_up", "down", "unknown", "exact"]

#: The rounding assumed for figures typed from the press: published reports are seen
#: to round half up, to truncate and to round twice, and nothing printed says which,
#: so the honest reading is the interval that covers all of them. Pass ``rounding="half_up"`` (or
#: ``"exact"``) when the source says how it rounds.
PRESS_ROUNDING: Rounding = "unknown"

#: The half-width of "khoảng X" and the width of "gần X", as a share of X: 5%. "gần
#: 72%" is read as [68,4%; 72%), "khoảng 3,9%" as [3,705%; 4,095%], "gần 120" as
#: [114; 120). Where one unit of the last written place is wider (a small figure,
#: "gần 0,5%"), that unit is used: [0,4%; 0,5%). Reports use the words loosely; a
#: narrower width would pass or fail figures the words do not decide.
APPROX_WIDTH = Fraction(1, 20)


def _share(value: object, owner: str = "Figures", name: str = "shares") -> Fraction:
    # Refused in the library's words, naming where the figure was typed: an analyst
    # types these in, and reads the refusal.
    if isinstance(value, bool) or not isinstance(value, (int, Fraction)):
        got = type(value).__name__
        reason = N_("phải là int hoặc Fraction (số chính xác), không phải {got}", got=got)
        raise RuleParameterError(owner, name, value, reason)
    if value < 0:
        # No published share or count is negative ("-3%" is refused when read): a
        # negative one was judged, and printed as "[0,00%; -2,90%)".
        raise RuleParameterError(owner, name, value, N_("số liệu công bố không được âm"))
    return Fraction(value)


# Named converters, one per field, so that a refusal names its field (and the attrs
# plugin of mypy reads the types).
def _rounded_value(value: object) -> Fraction:
    return _share(value, "Rounded", "value")


def _bounded_face(value: object) -> Fraction:
    return _share(value, "Bounded", "face")


def _bounded_low(value: object) -> Fraction | None:
    return None if value is None else _share(value, "Bounded", "low")


def _bounded_high(value: object) -> Fraction | None:
    return None if value is None else _share(value, "Bounded", "high")


def _places(instance: object, attribute: object, value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        reason = N_("phải là số nguyên từ 0 trở lên")
        raise RuleParameterError(type(instance).__name__, "decimals", value, reason)


_ROUNDINGS = ("half_up", "down", "unknown", "exact")


def _rounding(instance: object, attribute: object, value: object) -> None:
    if value not in _ROUNDINGS:
        reason = N_("phải là một trong: {choices}", choices=", ".join(_ROUNDINGS))
        raise RuleParameterError(type(instance).__name__, "rounding", value, reason)


def _terminating_places(value: Fraction) -> int | None:
    """The decimals *value* needs to be written exactly, or None if it never ends."""
    rest, places = value.denominator, 0
    for prime in (2, 5):
        count = 0
        while rest % prime == 0:
            rest, count = rest // prime, count + 1
        places = max(places, count)
    return places if rest == 1 else None


def _end_text(value: Fraction, places: int, percent: bool, direction: str) -> str:
    """One end of an interval: exact with at least *places* decimals, else rounded
    outward (*direction* ``"floor"`` or ``"ceiling"``) to four places more."""
    scaled = value * 100 if percent else value
    exact = _terminating_places(scaled)
    if exact is not None and exact <= places + 4:
        text = format_number(scaled, max(places, exact))
    else:
        text = format_number(scaled, places + 4, rounding=direction)
    return text + ("%" if percent else "")


def _written_places(number: str) -> int:
    return len(number.rpartition(",")[2]) if "," in number else 0


@final
@frozen
class Rounded:
    """A published share, rounded to *decimals* places of its percentage.

    *value* is the figure as printed (0,1625 for "16,25%"), so it has at most *decimals*
    places as a percentage; a share with more is refused, never printed rounded beside
    a verdict taken on its exact value.

    Where the true share lies depends on *rounding* (one unit *u* of the last printed
    place; for "16,2%", *u* = 0,1 point):

    * ``"half_up"``: ``[16,15%; 16,25%)``, half a unit either side;
    * ``"down"`` (truncated): ``[16,2%; 16,3%)``;
    * ``"unknown"`` (the default, :data:`PRESS_ROUNDING`): half up, truncated, or
      rounded twice (to one more place, then to the printed places, which reaches
      0,55 *u* below): ``[16,145%; 16,3%)``;
    * ``"exact"``: the printed figure is the value.

    >>> r = Rounded.parse("16,2%", rounding="half_up")
    >>> r.low, r.high
    (Fraction(323, 2000), Fraction(13, 80))
    >>> Rounded.parse("90,33%", rounding="half_up").span()
    '[90,325%; 90,335%)'
    >>> Rounded.parse("96,5%").span()
    '[96,445%; 96,60%)'
    """

    value: Fraction = field(converter=_rounded_value)
    decimals: int = field(validator=_places)
    rounding: Rounding = field(default=PRESS_ROUNDING, validator=_rounding)

    @decimals.validator
    def _printed(self, attribute: object, value: int) -> None:
        # The value is the figure as printed: 89,996% "rounded" to one place printed
        # "90,0%" beside "không đạt chỉ tiêu trên 90%", and its interval was no printed
        # figure's. Rounding a share is the caller's, with the places it was printed with.
        places = _terminating_places(self.value * 100)
        if places is None or places > value:
            raise ArgumentError(
                N_(
                    "số đã làm tròn được in với {places} chữ số thập phân; giá trị {value} của "
                    "nó tính theo phần trăm có nhiều chữ số hơn: hãy cho giá trị như đã in",
                    places=value,
                    value=str(self.value),
                )
            )

    @classmethod
    def parse(cls, text: str, *, rounding: Rounding = PRESS_ROUNDING) -> Rounded:
        """Read a published percentage, taking its precision from the digits written.

        Raises:
            ParseError: the text is not a percentage.

        >>> Rounded.parse("93,75%").decimals
        2
        """
        value = parse_percent(text)
        number = normalize(ascii_digits(text, N_("một tỷ lệ phần trăm")))
        number = number.rstrip("%\uff05\ufe6a").strip()
        return cls(value, _written_places(number), rounding)

    @property
    def unit(self) -> Fraction:
        """One unit of the last printed place, as a share."""
        return Fraction(1, 10**self.decimals * 100)

    @property
    def half_ulp(self) -> Fraction:
        """Half a unit of the last printed place, as a share."""
        return self.unit / 2

    @property
    def low(self) -> Fraction:
        """The least share that prints as this figure (included)."""
        if self.rounding == "exact" or self.rounding == "down":
            return self.value
        if self.rounding == "half_up":
            return max(self.value - self.half_ulp, Fraction(0))
        # Rounded to one more place first: 16,145% → 16,15% → 16,2%.
        return max(self.value - self.unit * Fraction(11, 20), Fraction(0))

    @property
    def high(self) -> Fraction:
        """The least share above that no longer prints as it (excluded; for an exact
        figure, the value itself, included)."""
        if self.rounding == "exact":
            return self.value
        if self.rounding == "half_up":
            return self.value + self.half_ulp
        return self.value + self.unit

    @property
    def text(self) -> str:
        """The figure as printed, with its places: "99,10%" stays "99,10%"."""
        return format_number(self.value * 100, self.decimals) + "%"

    def reading(self) -> Reading:
        """The interval the true share lies in, as a :class:`Reading`."""
        if self.rounding == "exact":
            return Reading(self.value, self.value, self.value, text=self.text)
        return Reading(self.value, self.low, self.high, text=self.text, decimals=self.decimals)

    def span(self) -> str:
        """The interval the true share lies in, with one more decimal than the figure."""
        return format_span(self.reading())


# The words right before a figure, folded, by the ends they give it: "trên 90%" is above
# 90%, exactly 90% excluded; "từ 90% trở lên" includes it; "dưới" and "không quá" bound it
# from above; "gần" and "khoảng" are approximate.
# "trên mức 90%", "dưới mức 5%": above, below the level of the figure, as "trên 90%" is.
_ABOVE_OPEN = (
    "tren",
    "tren muc",
    "hon",
    "vuot",
    "vuot muc",
    "vuot qua",
    "cao hon",
    "nhieu hon",
    "lon hon",
)
# "đạt và vượt 100% kế hoạch": met *and* exceeded, so the figure itself is included, as in
# "đạt và vượt chỉ tiêu" (a group whose units each met or exceeded their own).
_MET_AND_EXCEEDED = (
    "dat va vuot",
    "hoan thanh va vuot",
    "dat va vuot muc",
    "hoan thanh va vuot muc",
)
_BELOW_OPEN = (
    "duoi",
    "duoi muc",
    "chua den",
    "chua toi",
    "chua dat",
    "chua day",
    "khong dat",
    "khong den",
    "khong toi",
    "khong day",
    "chua bang",
    "it hon",
    "thap hon",
    # "nhỏ hơn 5%" is below 5%: folded, it ends with "hơn" and was read as above 5%.
    "nho hon",
    "be hon",
)
# The word for smaller or lower before "hơn", and its negation: "không nhỏ hơn 90%".
_SMALLER = ("duoi", "duoi muc", "it hon", "thap hon", "nho hon", "be hon")
# "lớn hơn hoặc bằng 90%" is "≥ 90%" said in words, and "bằng hoặc nhỏ hơn 5%" "≤ 5%".
_OR_EQUAL_ABOVE = tuple(
    text
    for word in ("lon hon", "cao hon", "nhieu hon")
    for text in (f"{word} hoac bang", f"bang hoac {word}")
)
_OR_EQUAL_BELOW = tuple(
    text
    for word in ("nho hon", "be hon", "thap hon", "it hon")
    for text in (f"{word} hoac bang", f"bang hoac {word}")
)
# A negation turns a strict bound around and closes it: "không thấp hơn 90%" is 90% or
# above, "không cao hơn 5%" and "chưa vượt 5%" are 5% or below.
_NEGATIONS = ("khong", "chua")
_ABOVE_CLOSED = (
    "tu",
    "it nhat",
    "it nhat la",
    "toi thieu",
    "toi thieu la",
    *_MET_AND_EXCEEDED,
    *_OR_EQUAL_ABOVE,
    *(f"{no} {word}" for no in _NEGATIONS for word in _SMALLER),
)
_BELOW_CLOSED = (
    "khong qua",
    "chua qua",
    "toi da",
    "toi da la",
    "nhieu nhat",
    "nhieu nhat la",
    "khong vuot qua",
    *_OR_EQUAL_BELOW,
    *(f"{no} {word}" for no in _NEGATIONS for word in _ABOVE_OPEN),
)
# "gần bằng 90%" is nearly 90%, "xấp xỉ bằng 90%" about it, as without "bằng".
_NEAR = ("gan", "gan bang", "suyt soat", "xap xi duoi", "ngot", "ngot nghet")
# "ước đạt 95%", "ước tính đạt 95%": an estimate, as "ước 95%" is.
_ESTIMATED = ("uoc dat", "uoc tinh dat")
# "trên dưới 90%" is "about 90%", either side of it, never "dưới 90%".
_ABOUT = (
    "khoang",
    "xap xi",
    "xap xi bang",
    "uoc",
    "uoc tinh",
    "uoc khoang",
    "khoang chung",
    # Bare "chừng" ("chừng 100 đảng viên") folds to "chung", as "tỷ lệ chung" does: it
    # is read as about only when written with its marks (see _as_said).
    "chung",
    "tren duoi",
    *_ESTIMATED,
)

# A figure: digits grouped with "." and decimals after ",", and its "%" if any, or
# "phần trăm" spelt out ("trên 90 phần trăm"), matched folded.
_PERCENT_SIGN = r"(?:\s?[%\uff05\ufe6a]|\s+phan\s+tram(?!\w))"
_NUM = re.compile(rf"(?<![\w.,])([0-9](?:[0-9.,]*[0-9])?)({_PERCENT_SIGN})?")
# A letter or "_" right after a figure's digits: "9O%", "2tr", "1e3", "1_000"; not a
# superscript footnote mark ("1.234¹").
_GLUED = re.compile(r"(?:(?![\d\u00b2\u00b3\u00b9\u2070-\u209f])[^\W_]|_)")
_GLUED_WORD = re.compile(r"[\w.,]*")
# A decimal part set off from its digits by a space ("99 ,5%"), and "k" for nghìn
# ("5 k"): read bare, the digits before them were the figure and the rest was dropped.
_STRAY_DECIMALS = re.compile(r"\s+[.,][0-9]+(?:\s?[%\uff05\ufe6a])?")
_THOUSAND_K = re.compile(r"\s+k(?!\w)", re.IGNORECASE)
# CLDR's short compact vi numbers write nghìn "N" and tỷ "T" ("12 N", "1,5 T", as Babel and
# browsers shorten 12.000 and 1,5 tỷ): read bare, "12 N" was a count of 12. Capitals only,
# as CLDR writes them; its "Tr" is triệu shortened, read as "tr." is (_SCALE_WORD).
_COMPACT_LETTER = re.compile(r"\s+([NT])(?![^\W_])")
_COMPACT_WORDS = {"N": "nghìn", "T": "tỷ"}
# "0,5‰", "5 phần nghìn": per mille, which is no percentage and no count. Read with the
# marks: folded, "ngan" is also "ngân".
# "15%o" is per mille typed without the sign "‰".
_PER_MILLE = re.compile(
    r"\s?(?:[‰‱]|%o(?![^\W\d_]))|\s+phần\s+(?:nghìn|ngàn|vạn)(?!\w)", re.IGNORECASE
)
# Percentage points after a figure: "2,5 điểm phần trăm", "2 điểm %".
_POINTS = re.compile(r"\s+điểm\s*(?:phần\s+trăm(?!\w)|[%\uff05\ufe6a])", re.IGNORECASE)
# "tăng 4,9%", "giảm 0,84%", "(tăng 08)" right before a figure: a change, not a level
# ("tăng lên 75,9%" and "giảm còn 2%" are levels). Read on the text with its marks:
# folded, "tăng" is also "tặng" and "tầng".
# "tăng trưởng 1,2%" (growth) and "giảm sút 5%" are changes too, and so are they averaged
# or yearly ("tăng bình quân 3,5%", "tăng trưởng hằng năm 1,2%"), and with "được" after
# the verb ("giảm được 2%", "tăng thêm được 15 đảng viên"): by so much, as "giảm 2%" is.
_CHANGE = re.compile(
    r"(?:^|[\s(\[:;,])((?:tăng\s+trưởng|giảm\s+sút|(?:tăng|giảm)(?:\s+(?:thêm|đi|bớt))?)"
    r"(?:\s+(?:bình\s+quân|trung\s+bình|hằng\s+năm|hàng\s+năm|mỗi\s+năm))?(?:\s+được)?"
    r"|(?:tăng\s+)?gấp"
    # "còn thiếu 12 đảng viên", "cần thêm 2 TCCSĐ" (as the library prints a target not
    # met), "hụt 5%", "kém 2% so với cùng kỳ": how far a figure lies short of another, not
    # the figure ("yếu kém 0,39%" is the rating).
    r"|(?:còn\s+)?(?:thiếu|hụt|cần\s+thêm)|(?<!yếu\s)kém)\s*\Z",
    re.IGNORECASE,
)
# "âm 5%", "tăng trưởng âm 1,2%": the word for minus right before the first figure.
_MINUS_WORD = re.compile(r"(?:^|[\s(\[:;,])âm\s*\Z", re.IGNORECASE)
# "tăng so với cùng kỳ 8,3%", "cao hơn năm trước 5%": the change with what it is measured
# against between the verb and the figure; "tăng so với cùng kỳ, đạt 95%" is a level.
_CHANGE_AGAINST = re.compile(
    r"(?:^|[\s(\[:;,])((?:tăng|giảm|cao hơn|thấp hơn|nhiều hơn|ít hơn)\s+"
    r"(?:so với|cùng kỳ|năm trước|kỳ trước)(?!\w))"
    r"(?:(?!\s(?:đạt|chiếm|bằng|lên|còn|xuống)(?!\w))[^0-9,;:.()])*\Z",
    re.IGNORECASE,
)
# Words of comparison before a figure that, with "so với" after it ("cao hơn 2,5% so với
# cùng kỳ", "thấp hơn 3% so với toàn tỉnh"), say a difference; "vượt" does with a past
# period ("vượt 12% so với năm 2023"), while "vượt 5% so với kế hoạch" exceeds a target
# (read apart). "đạt 105% so với cùng kỳ" is a level. Folded, the digits of a year hidden.
_COMPARED = ("cao hon", "thap hon", "nhieu hon", "it hon", "lon hon", "nho hon", "be hon")
_EXCEEDED = ("vuot", "vuot muc", "vuot qua")
_AGAINST_ANY = re.compile(r"(?:\s+[^\W\d_]+){0,4}?\s+so\s+voi(?!\w)")
_AGAINST_A_PERIOD = re.compile(
    r"(?:\s+[^\W\d_]+){0,4}?\s+so\s+voi\s+(?:cung\s+ky|(?:nam(?:\s+hoc)?|ky|nhiem\s+ky|giai\s+doan)"
    r"\s+truoc|nam\s+ngoai|dau\s+(?:nam|nhiem\s+ky)|nam\s+#{4})(?!\w)"
)
# A sign of comparison right before a figure, as a table or a slide prints it: "≥ 90%"
# is "từ 90% trở lên", "> 90%" "trên 90%", "≤ 20%" "không quá 20%", "< 1%" "dưới 1%",
# "~ 90%" and "≈ 90%" "khoảng 90%". Each stands for the words it is read as ("=>" and
# "->" are arrows, not signs).
_SYMBOLS = {
    ">=": "tu",
    "≥": "tu",
    "⩾": "tu",
    "<=": "khong qua",
    "≤": "khong qua",
    "⩽": "khong qua",
    ">": "tren",
    "<": "duoi",
    "~": "khoang",
    "∼": "khoang",
    "≈": "khoang",
}
_SYMBOL = re.compile(
    r"(?<![=\-\u2010-\u2015\u2212])(" + "|".join(re.escape(s) for s in _SYMBOLS) + r")\s?\Z"
)
# Between the two counts of a pair, folded: "45/50", "3 trong số 40", "3 trên tổng số 40".
_PAIR_BETWEEN = re.compile(r"\s*(?:/|(?:trong|tren)\s+(?:tong\s+)?(?:so\s+)?)\s*")
_BETWEEN_BAND = re.compile(r"\s*(?:[-\u2010-\u2015\u2212]|den|toi)\s*")
_QUALIFIERS = sorted(
    {*_ABOVE_OPEN, *_ABOVE_CLOSED, *_BELOW_OPEN, *_BELOW_CLOSED, *_NEAR, *_ABOUT},
    key=len,
    reverse=True,
)


@frozen
class _Scan:
    """What a published figure says: its number, the words before it, a band."""

    value: Fraction
    places: int
    percent: bool
    words: str
    direction: str | None
    band: tuple[Fraction, Fraction] | None
    #: The figure's own words in the text: "hơn 96%" of "chiếm hơn 96%".
    text: str
    #: The scale words after a count multiply it by: 1.000 for "1,2 nghìn".
    scale: int = 1


#: The longest text read as one published figure: a figure with its qualifying words is a
#: few dozen characters, and reading digits costs more than linear time in their number.
_MAX_FIGURE_TEXT = 200


def _check_text(text: object) -> None:
    """Refuse what is not a short text before any of it is read."""
    if not isinstance(text, str):
        raise ParseError(N_("số liệu công bố"), text, N_("cần một văn bản (str)"))
    if longer_than(text, _MAX_FIGURE_TEXT):  # counted composed: NFD reads as NFC does
        raise ParseError(N_("số liệu công bố"), text, N_("dài hơn {n} ký tự", n=_MAX_FIGURE_TEXT))


_GROUP_SPACE = re.compile(
    r"(?<![0-9.,])[1-9][0-9]{0,2}(?:[\u00a0\u2007\u2009\u202f][0-9]{3})+(?![0-9])"
)


def _grouped(match: re.Match[str]) -> str:
    return re.sub(r"\s", ".", match.group())


# A sign right before the first figure, at the start or after a space: "-5%", "(+5%)".
_SIGNED = re.compile(r"(?:^|[\s(:;])([-\u2010-\u2013\u2212+])\Z")
# What a figure counts, folded, standing between it and its "trở lên": "120 đảng viên trở
# lên" is 120 or more, as "từ 120 đảng viên trở lên" is; a rating or a level there ("16,2%
# HTTNV trở lên") keeps its own "trở lên". Targets are counted too: "vượt mức 13/15 chỉ
# tiêu" is 13 of 15 targets exceeded, no share above 13/15.
_COUNTED = re.compile(
    r"(?:dang vien|chi bo|dang bo|to dang|to chuc co so dang|tccsd|co so dang|nguoi"
    r"|dong chi|quan chung|can bo|hoi vien|don vi|chi tieu|tieu chi)(?!\w)"
)
# Scale words after a count: "hơn 1,2 nghìn", "1,5 vạn", "gần 3 triệu", "2 nghìn tỷ", "2
# trăm nghìn", "3 chục". Read with their marks: folded, "ngan" is also "ngân" (12 ngân
# hàng), "trieu" "triều", "tram" "trạm" and "chuc" "chúc". "tr." (or "tr") is triệu
# shortened, as reports write money and large counts ("1,2 tr. đồng"): read bare, "5 tr.
# đảng viên" was a count of 5.
_SCALE_WORD = re.compile(
    r"\s+(chục|trăm|nghìn|ngàn|nghin|vạn|triệu|tỷ|tỉ|tr\.?)(?!\w)", re.IGNORECASE
)
# "5 triệu rưỡi" is 5,5 triệu, "1 trăm rưỡi" 150: half of the unit before it added.
_HALF_WORD = re.compile(r"\s+(?:rưỡi|rưởi)(?!\w)", re.IGNORECASE)
_SCALES = {
    "chục": 10,
    "trăm": 100,
    "nghìn": 10**3,
    "ngàn": 10**3,
    "nghin": 10**3,
    "vạn": 10**4,  # "gần 1 vạn": ten thousand, as the press still writes it
    "triệu": 10**6,
    "tr": 10**6,
    "tỷ": 10**9,
    "tỉ": 10**9,
}


def scale_after(clean: str, end: int) -> tuple[int, int]:
    """What the scale words right after *end* multiply a count by, and where they end."""
    scale = 1
    while (word := _SCALE_WORD.match(clean, end)) is not None:
        scale *= _SCALES[word.group(1).lower().rstrip(".")]
        end = word.end()
    return scale, end


def half_after(clean: str, end: int) -> int | None:
    """Where a "rưỡi" right after *end* ends ("5 triệu rưỡi"), or None when none follows."""
    word = _HALF_WORD.match(clean, end)
    return None if word is None else word.end()


def _add_half(
    original: str, clean: str, start: int, end: int, value: Fraction, places: int, scale: int
) -> tuple[Fraction, int, int]:
    """*value* (written from *start*) with a "rưỡi" right after *end* added: half of the
    unit before it, so "5 triệu rưỡi" is 5,5 triệu, written to one place more; and where
    the figure's words end."""
    half = half_after(clean, end)
    if half is None:
        return value, places, end
    if places:
        # "1,5 triệu rưỡi": 1,5 triệu and a half of what?
        reason = N_(
            "{figure}: số có phần thập phân lại thêm 'rưỡi', không rõ là số nào",
            figure=repr(clean[start:half]),
        )
        raise ParseError(N_("số liệu công bố"), original, reason)
    return value + Fraction(scale, 2), 1, half


# Numbers that name rather than count, read with their marks (folded, "năm" is also
# "nam", men, and "thứ" is "thu", to collect): a year or a period ("năm 2024", "nhiệm kỳ
# 2020 - 2025", "(2020 - 2025)"), a month, quarter or day ("tháng 10/2021", "quý
# III/2024", "đến 31/12"), a rank ("lần thứ 5", "đợt 2", "Biểu 1"), a term ("khóa 13",
# "năm học 2023 - 2024"), a badge ("Huy hiệu 30 năm tuổi Đảng"), a document named by its
# kind ("Kết luận 124", "Kế hoạch số 26", "Điều 21") and a unit's own number ("chi bộ số
# 3", "Quận 1"); and how long a figure took ("trong 5 năm", "sau 3 năm", "5 năm qua").
# Dates and document numbers with their type ("21-NQ/TW") are found by their own finders.
_YEAR = r"(?:19[3-9][0-9]|20[0-9][0-9]|2100)"
_DAY_DOT_MONTH = r"(?:0?[1-9]|[12][0-9]|3[01])\.(?:0?[1-9]|1[0-2])"
# "lên đến 1.5 triệu" is a count with a decimal point, never the 1st of May.
_SCALE_NAMES = r"(?:chục|trăm|nghìn|ngàn|vạn|triệu|tỷ|tỉ)(?!\w)"
_DASH = r"[-\u2010-\u2015\u2212/]"
_NOT_FIGURE = r"(?![0-9]|[.,][0-9]|\s?[%\uff05\ufe6a‰]|\s+phần\s+(?:trăm|nghìn|ngàn))"
_LABEL = re.compile(
    "|".join(
        (
            # On normalized text, where the new-style "khoá" is "khóa". "kỳ" and "quý" are
            # also spelt with i ("nhiệm kì", "quí"), as parse_term and parse_quarter read them.
            rf"(?:năm(?:\s+học)?|giai đoạn|nhiệm k[ỳì]|thời k[ỳì]|niên khóa|khóa)"
            rf"\s+(?:từ\s+(?:năm\s+)?)?{_YEAR}"
            rf"(?:\s*(?:{_DASH}|\s(?:đến|tới)\s)\s*(?:năm\s+)?{_YEAR})?{_NOT_FIGURE}",
            # "(2020 - 2025)": a period in brackets.
            rf"\(\s*{_YEAR}\s*{_DASH}\s*{_YEAR}\s*\)",
            # "tháng 6.2024", "quý II.2018": the year joined by a dot, as some papers
            # print it.
            rf"(?:tháng\s+[0-9]{{1,2}}|(?:qu[ýí]|q\.)\s*(?:[0-9]|[ivx]+(?![^\W\d_])))"
            rf"(?:\s*{_DASH}\s*{_YEAR}|\.{_YEAR})?{_NOT_FIGURE}",
            # A quarter or a month shortened, as tables and parse_quarter write it:
            # "QI/2024", "Q1 2024", "T12/2024". Read bare, the year was a count of 2.024.
            rf"(?:q(?:iv|i{{1,3}}|[1-4])(?:\s*{_DASH}\s*|\s+)|t(?:1[0-2]|0?[1-9])\s*{_DASH}\s*)"
            rf"{_YEAR}{_NOT_FIGURE}",
            rf"(?:ngày|thời điểm)\s+(?:[0-3]?[0-9])\s*[/-]\s*(?:[01]?[0-9]){_NOT_FIGURE}",
            # After "đến", "tới" a spaced dash joins a band of counts ("lên đến 10 - 12 chi
            # bộ"): only "31/12" and "31-12" are a day there.
            rf"(?:đến|tới)\s+(?:[0-3]?[0-9])(?:\s*/\s*|-)(?:[01]?[0-9]){_NOT_FIGURE}",
            # A day and month joined by a dot, as some papers print them ("tính đến ngày
            # 30.5", "đến 31.12"): no count, whose dot groups three digits. Read bare, the
            # day was a second figure beside the report's.
            rf"(?:ngày|thời điểm|đến|tới)\s+{_DAY_DOT_MONTH}{_NOT_FIGURE}(?!\s+{_SCALE_NAMES})",
            rf"(?:thứ|khóa|điều|khoản|đợt|lần|biểu|mẫu|phụ lục|mục|chương(?:\s+trình)?|phần)\s+"
            rf"[0-9]{{1,3}}(?:\.[0-9]{{3}})*{_NOT_FIGURE}",
            rf"ngày\s+[0-3]?[0-9]{_NOT_FIGURE}",
            # "Huy hiệu 30 năm tuổi Đảng": the badge's name, not a count.
            r"[0-9]{2}\s+năm\s+tuổi\s+đảng",
            # An age or a party age naming whom a figure counts, as admission reports
            # print them: "đảng viên dưới 30 tuổi chiếm 64%", "(từ 18 - 30 tuổi)", "tuổi
            # đời từ 18 đến 30", "tuổi đảng từ 40 năm trở lên". Read bare, the age was a
            # second figure beside the report's.
            rf"[0-9]{{1,3}}\s+tuổi(?!\w){_NOT_FIGURE}",
            rf"tuổi\s+(?:đời|đảng)(?:\s+(?:từ|dưới|trên|đủ|là))?\s+[0-9]{{1,3}}"
            rf"(?:\s+năm)?(?!\w){_NOT_FIGURE}",
            rf"[0-9]{{1,2}}\s+tháng\s+(?:đầu\s+|cuối\s+)?năm(?:\s+{_YEAR}{_NOT_FIGURE})?",
            # How long the figure took: "trong 5 năm (2020 - 2025)", "sau 3 năm thực
            # hiện", "5 năm qua". Beside a count it was a second figure.
            # "sau hơn 1 năm triển khai", "trong gần 3 năm": the time bounded as a figure is.
            r"(?:trong|sau|qua)\s+(?:(?:hơn|gần|khoảng|trên|chưa đầy|ngót)\s+)?[0-9]{1,2}\s+"
            r"(?:năm|tháng|quý|tuần|ngày)(?!\w)",
            r"[0-9]{1,2}\s+(?:năm|tháng)\s+qua(?!\w)",
            r"(?:nghị quyết|quyết định|quy định|kết luận|chỉ thị|hướng dẫn|thông tri|nghị định"
            r"|thông tư|quy chế)\s+(?:số\s*:?\s*)?[0-9]+" + _NOT_FIGURE,
            # The same kinds shortened, as reports write them: "NQ 21", "QĐ 124", "KL 124",
            # "HD 25", "CT 35". Read bare, the document's number was a second figure.
            r"(?:nq|qđ|qd|kl|hd|ct|nđ)\s+(?:số\s*:?\s*)?[0-9]+(?![^\W\d_])" + _NOT_FIGURE,
            r"(?:kế hoạch|chương trình(?:\s+hành\s+động)?|công văn|thông báo|báo cáo|tờ trình"
            r"|đề án|văn bản)\s+số\s*:?\s*[0-9]+" + _NOT_FIGURE,
            r"(?:chi bộ|đảng bộ|tổ đảng|tổ dân phố|khu phố|khu dân cư|thôn|ấp|xóm|bản|tổ|khu"
            r"|phường|quận|đội)\s+số\s+[0-9]+" + _NOT_FIGURE,
            r"(?:phường|quận|khu phố|tổ dân phố|ấp)\s+[0-9]+" + _NOT_FIGURE,
            # A unit named by its number with no "số": "thành lập chi bộ 1", "Thôn 1 có 3
            # đảng viên", "tổ 5", "xóm 2". Read bare, "chi bộ 1" was a count of 1. Not
            # after "số" or a count ("tổng số chi bộ 1.251", "số lượng chi bộ 125", "12 chi
            # bộ 3 ..."), and not before what a count counts ("chi bộ 3 đảng viên", "mỗi chi
            # bộ 3 - 5 đảng viên").
            r"(?<!số\s)(?<!lượng\s)(?<![0-9]\s)(?:chi bộ|thôn|xóm|tổ|khối|khu|đội|bản)\s+[0-9]{1,3}"
            + _NOT_FIGURE
            + r"(?!(?:\s*[-\u2010-\u2015\u2212]\s*[0-9]+)?"
            r"\s+(?:đảng viên|đồng chí|người|chi bộ|đảng bộ|tổ đảng|hộ|nhân khẩu)(?!\w))",
        )
    ),
    re.IGNORECASE,
)


# Two years a term apart, with no word before them: "giai đoạn 2023-2025 và 2025-2030",
# "từ 2020 đến 2025" (a band of counts takes "đến" as it takes a dash, and so does a
# period). Counts written so ("2000 - 2500 đảng viên") lie further apart.
_PERIOD = re.compile(
    rf"(?<![0-9.,])({_YEAR})(?:\s*{_DASH}\s*|\s+(?:đến|tới)\s+)({_YEAR}){_NOT_FIGURE}",
    re.IGNORECASE,
)
_TERM_YEARS = 10


# A whole number joined to a label's by a dash, "đến" or "tới": the other end of a range
# of names ("đợt 3 - 5", "10-12 năm tuổi Đảng"), which names too. Read alone it was one
# end of that range taken for the figure ("đợt 3 - 5 chi bộ" was 5).
_JOINER = r"\s*(?:[-\u2010-\u2015\u2212]|\s(?:đến|tới)\s)\s*"
_RANGE_END = re.compile(rf"{_JOINER}([0-9]+){_NOT_FIGURE}")
_RANGE_START = re.compile(rf"(?<![0-9.,])([0-9]+){_JOINER}\Z")
_DIGITS = re.compile(r"[0-9]+")
_DIGITS_AT_END = re.compile(r"[0-9]+\Z")


def _with_range(clean: str, start: int, end: int) -> tuple[int, int]:
    """The span of a label, with the other end of the range it ends or starts, if any:
    a greater number after the label's last one, a smaller one before its first."""
    last = _DIGITS_AT_END.search(clean, start, end)
    after = _RANGE_END.match(clean, end)
    if last is not None and after is not None and _range_of_names(last.group(), after.group(1)):
        end = after.end()
    first = _DIGITS.match(clean, start, end)
    before = _RANGE_START.search(clean, 0, start)
    if first is not None and before is not None and _range_of_names(before.group(1), first.group()):
        start = before.start()
    return start, end


def _range_of_names(low: str, high: str) -> bool:
    """Whether *low* and *high* read as the ends of a range of names ("3 - 5", "30 - 40"),
    not a name and a count after a dash ("khóa 13 - 200 đại biểu")."""
    return 0 < int(low) < int(high) < 10 * int(low)


def _labels(clean: str) -> list[tuple[int, int]]:
    """The spans of *clean* that hold numbers naming a year, a day, a rank, a document or
    a unit: none of them is the figure."""
    spans = [
        _with_range(clean, *m.span())
        for m in _LABEL.finditer(clean)
        if m.start() == 0 or not clean[m.start() - 1].isalnum()
    ]
    spans += [
        m.span()
        for m in _PERIOD.finditer(clean)
        if 0 < int(m.group(2)) - int(m.group(1)) <= _TERM_YEARS
    ]
    spans += [(m.start, m.end) for m in find_dates(clean)]
    spans += [(m.start, m.end) for m in find_document_refs(clean)]
    return [(a, b) for a, b in spans if any(c.isdigit() for c in clean[a:b])]


def _scan(original: str) -> _Scan:
    """Find the one figure (or band) in *clean* and the words that qualify it.

    Words around the figure that say nothing of its ends are left alone: "chiếm hơn
    96%", "mỗi năm kết nạp từ 90 - 100 đảng viên", "gần 120 đảng viên". Numbers that
    name a year, a day, a rank, a document or a unit ("năm 2024", "Nghị quyết số
    21-NQ/TW", "lần thứ 5") are no figure and are passed over.
    """
    # "1 234" with a non-breaking or thin space, as a word processor groups digits: the
    # space is a thousands separator, as "." is ("1.234").
    clean = normalize(_GROUP_SPACE.sub(_grouped, ascii_digits(original, N_("số liệu công bố"))))
    labels = _labels(clean)
    # The same text with the digits of those numbers hidden: what is searched for
    # figures and the words around them; *clean* is what is quoted.
    plain = "".join(
        "#" if c.isdigit() and any(a <= i < b for a, b in labels) else c
        for i, c in enumerate(clean)
    )
    key = fold(plain)
    if len(key) != len(clean):  # pragma: no cover - fold keeps one letter per letter
        raise ParseError(N_("số liệu công bố"), original, N_("có ký tự không đọc được"))
    found = list(_NUM.finditer(key))
    if not found and labels:
        start, end = min(labels)
        reason = N_(
            "{words} là năm, ngày tháng, số thứ tự hoặc số hiệu, không phải số liệu",
            words=repr(clean[start:end]),
        )
        raise ParseError(N_("số liệu công bố"), original, reason)
    if not found:
        raise ParseError(N_("số liệu công bố"), original, N_("không có con số nào"))
    for number in found:
        if number.group(2) is None and _GLUED.match(key, number.end(1)):
            # "9O%" (a letter O for a zero), "2tr", "1e3", "1_000": digits run into a word
            # are no figure; read alone, "9O%" was a count of 9.
            glued = _GLUED_WORD.match(clean, number.end(1))
            written = repr(clean[number.start(1) : glued.end() if glued else number.end(1)])
            reason = N_("{number} không phải một số", number=written)
            raise ParseError(N_("số liệu công bố"), original, reason)
        stray = _STRAY_DECIMALS.match(key, number.end(1))
        if number.group(2) is None and stray is not None:
            # "99 ,5%": a decimal part set off by a space, which no figure finder reads;
            # the digits before it were read alone, a count of 99.
            written = repr(clean[number.start(1) : stray.end()])
            reason = N_("{number} không phải một số", number=written)
            raise ParseError(N_("số liệu công bố"), original, reason)
        thousand = _THOUSAND_K.match(key, number.end(1))
        if number.group(2) is None and thousand is not None:
            # "5 k đảng viên" is 5 nghìn said the informal way; read bare, a count of 5.
            reason = N_(
                "{number}: 'k' không phải cách viết số liệu; cần viết 'nghìn'",
                number=repr(clean[number.start(1) : thousand.end()]),
            )
            raise ParseError(N_("số liệu công bố"), original, reason)
        compact = _COMPACT_LETTER.match(clean, number.end(1))
        if number.group(2) is None and compact is not None:
            reason = N_(
                "{number}: {letter} không phải cách viết số liệu; cần viết {word}",
                number=repr(clean[number.start(1) : compact.end()]),
                letter=repr(compact.group(1)),
                word=repr(_COMPACT_WORDS[compact.group(1)]),
            )
            raise ParseError(N_("số liệu công bố"), original, reason)
        if re.match(r"[.,]\s?[%\uff05\ufe6a]", key[number.end(1) :]):
            # "90,%": a separator with no digits after it, and the "%" is the figure's.
            written = repr(key[number.start(1) : number.end(1) + 1])
            reason = N_("{number} không phải một số", number=written)
            raise ParseError(N_("số liệu công bố"), original, reason)
        points = _POINTS.match(clean, number.end(1))
        if points is not None:
            # "cao hơn 2 điểm phần trăm", "2,5 điểm %": how far apart two shares lie, no
            # share and no count; read bare, it was a count above 2.
            reason = N_(
                "{figure}: điểm phần trăm là hiệu của hai tỷ lệ, không phải số liệu",
                figure=repr(clean[number.start(1) : points.end()]),
            )
            raise ParseError(N_("số liệu công bố"), original, reason)
        mille = _PER_MILLE.match(clean, number.end(1))
        if mille is not None:
            reason = N_(
                "{sign}: số liệu tính theo phần nghìn, không phải phần trăm; cần viết bằng '%'",
                sign=repr(mille.group().strip()),
            )
            raise ParseError(N_("số liệu công bố"), original, reason)
    if _MINUS_WORD.search(clean, 0, found[0].start()) is not None:
        # "âm 5%" is "-5%" said in words.
        raise ParseError(N_("số liệu công bố"), original, N_("số liệu không thể âm"))
    sign = _SIGNED.search(key, 0, found[0].start())
    if sign is not None:
        # "-5%", "−0,8%", "+5%": a sign written on the figure (a dash between two figures
        # is a band, read below).
        if sign.group(1) != "+":
            raise ParseError(N_("số liệu công bố"), original, N_("số liệu không thể âm"))
        reason = N_("{word} trước con số là mức thay đổi, không phải số liệu", word="'+'")
        raise ParseError(N_("số liệu công bố"), original, reason)
    if len(found) == 2 and _BETWEEN_BAND.fullmatch(key, found[0].end(), found[1].start()):
        _check_band_lead(original, clean, key, found[0].start())
        percent = any(m.group(2) for m in found)
        (low, low_places), (high, places) = (
            _figure_number(original, m.group(1), percent) for m in found
        )
        # "từ 1 - 1,5 triệu": the scale after the high end is the low end's too.
        scale, end = (1, found[1].end()) if percent else scale_after(clean, found[1].end())
        low, high = low * scale, high * scale
        if not percent:  # "1 - 1 triệu rưỡi": the half is the high end's
            high, _, end = _add_half(original, clean, found[1].start(), end, high, places, scale)
        start = found[0].start()
        lead = re.search(r"\btu\s+\Z", key[:start])
        if lead is not None and _as_said("tu", clean, lead.start()):  # not "quý tư"
            start = lead.start()
        text = clean[start:end]
        # "từ 3 - 4% trở lên", "90 - 100 đảng viên trở lên": from the band up, as "từ 3%
        # trở lên" is; read bare, "trở lên" was dropped and 6% lay above the band.
        turn = _TURN_FOLLOWS.search(key, end)
        between = [] if turn is None else key[end : turn.start()].split()
        direction = None
        if turn is not None and (not between or _COUNTED.fullmatch(" ".join(between))):
            direction = "up" if turn.group(1) == "len" else "down"
            text = f"{text} {clean[turn.start() : turn.end()]}"
        band = (low, high)
        return _Scan(low, max(low_places, places), percent, "", direction, band, text, scale)
    for first, second in itertools.pairwise(found):
        if (
            key[first.end() : second.start()] == " "
            and first.group(2) is None
            and re.fullmatch(r"[1-9][0-9]{0,2}", first.group(1))
            and re.match(r"[0-9]{3}(?![0-9.])", second.group(1))
        ):
            # "1 234" with a plain space: one number grouped, or two numbers side by side.
            grouped = f"{first.group(1)}.{second.group(1)}"
            reason = N_(
                "{number} có dấu cách giữa các chữ số, không rõ là một hay hai số; một số "
                "viết là {grouped}",
                number=repr(clean[first.start() : second.end(1)]),
                grouped=repr(grouped),
            )
            raise ParseError(N_("số liệu công bố"), original, reason)
    if (
        len(found) == 2
        and not any(m.group(2) for m in found)
        and _PAIR_BETWEEN.fullmatch(key, found[0].end(), found[1].start())
    ):
        fraction = _bounding_fraction(original, clean, key, found[0], found[1])
        if fraction is not None:
            return fraction
        # "45/50 chi bộ", "3 trong số 40": two counts, kept as such by Figures.ratio_counts.
        reason = N_(
            "{pair} là một cặp số đếm (tử số/mẫu số), không phải một số liệu; cặp số đếm "
            "nhập vào ratio_counts",
            pair=repr(clean[found[0].start() : found[1].end()]),
        )
        raise ParseError(N_("số liệu công bố"), original, reason)
    if len(found) > 1:
        raise ParseError(N_("số liệu công bố"), original, N_("có nhiều hơn một con số"))
    (match,) = found
    # A qualifier may stand between the verb and the figure: "tăng hơn 5%".
    head = key[: match.start()].rstrip()
    qualifier = _qualifier_ending(head)
    change = _CHANGE.search(clean[: len(head) - len(qualifier)])
    change = change or _CHANGE_AGAINST.search(plain, 0, match.start())
    if change is not None:
        # "tăng 4,9% so với …" is how far a figure moved, not the figure.
        word = repr(change.group(1))
        reason = N_("{word} trước con số là mức thay đổi, không phải số liệu", word=word)
        raise ParseError(N_("số liệu công bố"), original, reason)
    percent = match.group(2) is not None
    value, places = _figure_number(original, match.group(1), percent)
    before = " ".join(key[: match.start()].split())
    words = _qualifier_ending(before)
    symbol = _SYMBOL.search(key, 0, match.start()) if not words else None
    words = _as_said(words, clean, max(match.start() - len(words) - 1, 0))
    scale, end = (1, match.end()) if percent else scale_after(clean, match.end())
    value *= scale
    if not percent:
        value, places, end = _add_half(original, clean, match.start(), end, value, places, scale)
    compared = words in _COMPARED and _AGAINST_ANY.match(key, end) is not None
    if compared or (words in _EXCEEDED and _AGAINST_A_PERIOD.match(key, end)):
        # "cao hơn 2,5% so với cùng kỳ", "thấp hơn 3% so với toàn tỉnh", "nhiều hơn 120
        # đảng viên so với năm trước", "vượt 12% so với năm 2023": how far the figure
        # lies from another, not a level above 2,5% or 120.
        said = clean[match.start() - len(words) - 1 : match.start() - 1]
        reason = N_("{word} trước con số là mức thay đổi, không phải số liệu", word=repr(said))
        raise ParseError(N_("số liệu công bố"), original, reason)
    start = match.start() - (len(words) + 1 if words else 0)
    # "trở lên" (or "hoặc hơn", "(ước)") said after the unit that stands between it and
    # the figure: the unit is the sentence's.
    said_after = ""
    estimate = _ESTIMATE_AFTER.match(key, end) if not words and symbol is None else None
    if estimate is not None:
        # "1.200 (ước)", "95% (ước tính)": an estimate, as "ước 1.200" is; read bare, it
        # was an exact count of 1.200 and a share rounded to 95%.
        words = "uoc"
        if estimate.group("noun") is not None:
            said_after = clean[estimate.start("words") : estimate.end()]
        else:
            end = estimate.end()
    direction = None
    turn = _TURN_FOLLOWS.search(key, end)
    between = [] if turn is None else key[end : turn.start()].split()
    # "trở lên" bounds the figure it follows ("90% trở lên", "từ 1 đảng viên trở lên",
    # "120 đảng viên trở lên");
    # further on it is other words': "93,75% TCCSĐ hoàn thành tốt nhiệm vụ trở lên" is a
    # rounded 93,75% of those rated HTTNV or better, not 93,75% or more.
    counted = _COUNTED.fullmatch(" ".join(between)) is not None
    if turn is not None and (not between or counted or (words == "tu" and len(between) <= 2)):
        direction = "up" if turn.group(1) == "len" else "down"
        if between:
            # "từ 5 đảng viên trở xuống" is said "từ 5 trở xuống": the unit is the sentence's.
            said_after = clean[turn.start() : turn.end()]
        else:
            end = turn.end()
    elif (plus := _PLUS_AFTER.match(key, end)) is not None:
        # "1.000+ đảng viên", "90%+": the figure or more, as a table writes "trở lên"; read
        # bare, the "+" was dropped and "1.000+" was exactly 1.000.
        direction, end = "up", plus.end()
    elif (either := _OR_MORE_OR_LESS.match(key, end)) is not None:
        # "90% hoặc cao hơn", "120 đảng viên hoặc nhiều hơn": "trở lên" said otherwise, and
        # "5% hoặc ít hơn" "trở xuống"; read bare, the words were dropped and 89,5% lay
        # within "90% hoặc hơn".
        direction = "up" if either.group("more") else "down"
        if either.group("noun") is not None:
            said_after = clean[either.start("words") : either.end()]
        else:
            end = either.end()
    if symbol is not None:
        words, start = _SYMBOLS[symbol.group(1)], symbol.start(1)
    text = clean[max(start, 0) : end]
    if said_after:
        text = f"{text} {said_after}"
    if words in _ESTIMATED:
        # "ước đạt 95%" is said as "ước 95%": the verb is the sentence's, not the figure's
        # ("đạt ước 95% kế hoạch", never "đạt ước đạt 95%").
        text = f"{clean[start : match.start() - len(' đạt ')]} {clean[match.start() : end]}"
    return _Scan(value, places, percent, words, direction, None, text, scale)


_TURN = re.compile(r"\s*tro\s+(len|xuong)(?!\w)")
# "(ước)", "(ước tính)", "(ước thực hiện cả năm)" right after a figure or what it counts,
# folded.
_ESTIMATE_AFTER = re.compile(
    rf"(?:\s+(?P<noun>{_COUNTED.pattern}))?\s*(?P<words>\(\s*uoc(?!\w)[^()]*\))"
)
# "trở lên", "trở xuống" anywhere after a figure, folded.
_TURN_FOLLOWS = re.compile(r"\btro\s+(len|xuong)\b")
# A "+" right after a figure, as tables write "or more": "1.000+", "90%+" (not "+5%").
_PLUS_AFTER = re.compile(r"\s?\+(?![0-9.,])")
# "hoặc hơn", "hoặc cao hơn" (or more), "hoặc ít hơn" (or less) right after a figure or
# what it counts ("120 đảng viên hoặc nhiều hơn"), folded.
_OR_MORE_OR_LESS = re.compile(
    rf"(?:\s+(?P<noun>{_COUNTED.pattern}))?,?\s+(?P<words>hoac\s+"
    r"(?:(?P<more>hon|cao\s+hon|nhieu\s+hon|lon\s+hon)|it\s+hon|thap\s+hon|nho\s+hon|be\s+hon))"
    r"(?!\w)"
)


def _bounding_fraction(
    original: str, clean: str, key: str, top: re.Match[str], bottom: re.Match[str]
) -> _Scan | None:
    """ "từ 2/3 trở lên", "trên 1/2", "≥ 2/3": a share written as a fraction under words
    (or a sign) that bound it, or None for a bare "45/50", which is a pair of counts."""
    if key[top.end() : bottom.start()].strip() != "/":
        return None  # "3 trong số 40" counts
    if _COUNTED.match(key[bottom.end() :].lstrip()):
        return None  # "trên 45/50 chi bộ" counts chi bộ; "hơn 1/2 số đảng viên" is a half
    if scale_after(clean, bottom.end())[0] != 1:
        return None  # "trên 1/2 nghìn đảng viên" is above 500 members, no share above 50%
    words = _qualifier_ending(" ".join(key[: top.start()].split()))
    words = _as_said(words, clean, max(top.start() - len(words) - 1, 0))
    symbol = _SYMBOL.search(key, 0, top.start()) if not words else None
    turn = _TURN.match(key, bottom.end())
    if not words and symbol is None and turn is None:
        return None
    if not re.fullmatch(r"[0-9]+", top.group(1)) or not re.fullmatch(r"[0-9]+", bottom.group(1)):
        return None
    if int(bottom.group(1)) == 0:
        figure = repr(clean[top.start() : bottom.end()])
        reason = N_("{figure}: mẫu số bằng 0", figure=figure)
        raise ParseError(N_("số liệu công bố"), original, reason)
    start = top.start() - (len(words) + 1 if words else 0)
    if symbol is not None:
        words, start = _SYMBOLS[symbol.group(1)], symbol.start(1)
    end = bottom.end() if turn is None else turn.end()
    direction = None if turn is None else ("up" if turn.group(1) == "len" else "down")
    value = Fraction(int(top.group(1)), int(bottom.group(1)))
    return _Scan(value, 0, True, words, direction, None, clean[max(start, 0) : end])


def _ends_with_word(head: str, word: str) -> bool:
    """Whether *head* ends with *word*, standing at its start or after a space or a sign:
    "(trên", "“gần" and "chiếm trên" end with a qualifier; "nhiều hơn" ends with "hơn"
    only as "nhiều hơn" does."""
    if not head.endswith(word):
        return False
    return len(head) == len(word) or not head[-len(word) - 1].isalnum()


# "cấp trên" (the level above) and "cấp dưới" are nouns, whose "trên" or "dưới" bounds no
# figure after it: "chỉ tiêu cấp trên 120 đảng viên" is 120, never more than 120.
_NOT_QUALIFYING = ("cap tren", "cap duoi")


def _qualifier_ending(head: str) -> str:
    """The longest qualifier *head* (folded) ends with, or "": the words of "(trên 90%)"
    were lost to the bracket, and it read as a rounded 90%."""
    if any(_ends_with_word(head, words) for words in _NOT_QUALIFYING):
        return ""
    return next((q for q in _QUALIFIERS if _ends_with_word(head, q)), "")


# The last words of qualifiers that other words fold to, as the qualifier spells them:
# "quý tư 95%" (the fourth quarter) is no "từ 95%", "gắn" no "gần", "đuôi" no "dưới",
# "hôn" no "hơn", "ngọt" no "ngót". Each is read as the qualifier when so written or
# written with no marks at all ("tu 90%"), except "chung", which is "tỷ lệ chung".
_SPELT = {"tu": "từ", "hon": "hơn", "gan": "gần", "duoi": "dưới", "ngot": "ngót", "chung": "chừng"}


def _as_said(words: str, clean: str, start: int) -> str:
    """*words*, a qualifier found folded and written from *start* of *clean*, as the text
    says it: folded, "chứa" (holds) and "chùa" are "chua", "chung" (as in "tỷ lệ chung")
    is "chừng" (about) and "tư" (fourth) is "từ". "chứa trên 1.000" is above 1.000, "tỷ
    lệ chung 90%" a rounded 90%, "quý tư 95%" a rounded 95%."""
    said = clean[start:].casefold()
    if words.startswith("chua ") and not said.startswith(("chưa", "chua")):
        rest = words.removeprefix("chua ")
        words = rest if rest in _QUALIFIERS else ""
        said = said[len("chua ") :]
    folded = words.rpartition(" ")[2]
    spelt = _SPELT.get(folded)
    if spelt is not None:
        last = said[: len(words)].rpartition(" ")[2]
        if last != spelt and (last != folded or folded == "chung"):
            return ""
    return words


def _check_band_lead(original: str, clean: str, key: str, start: int) -> None:
    """Refuse a band under words or a sign that bound one figure: "dưới 3 - 4%", "trên
    90 - 95%" and "≥ 3 - 4%" say neither the band nor a bound of it. "từ", and words of
    about ("khoảng 3 - 4%", "in the range"), are read as the band."""
    head = key[:start].rstrip()
    if _ends_with_word(head, "tu"):
        head = head[:-2].rstrip()
    words = _qualifier_ending(head)
    if words in _ABOUT:
        words = ""
    if words.startswith("chua ") and clean[len(head) - len(words) :][:4].casefold() != "chưa":
        words = ""  # "chứa", "chùa"
    words = _as_said(words, clean, len(head) - len(words))  # "gắn 3 - 4%" is no "gần"
    symbol = _SYMBOL.search(key, 0, start)
    if words:
        said = clean[len(head) - len(words) : len(head)]
    elif symbol is not None:
        said = symbol.group(1)
    else:
        return
    reason = N_(
        "{word} trước một khoảng không rõ nghĩa; cần một khoảng như 'từ 90 - 100' hoặc một "
        "số như 'trên 90%'",
        word=repr(said),
    )
    raise ParseError(N_("số liệu công bố"), original, reason)


@frozen
class Bounded:
    """A published figure known only within bounds: one-sided, approximate or a band.

    ``low``/``high`` are the ends (``None`` for no end: "trên 90%" has no upper end);
    ``low_open``/``high_open`` say whether each end is excluded. ``face`` is the
    figure written, ``text`` the words as published, ``percent`` whether it is a
    share (else a count).

    >>> b = Bounded.parse("trên 90%")
    >>> b.low, b.low_open, b.high
    (Fraction(9, 10), True, None)
    >>> Bounded.parse("gần 72%").span()
    '[68,4%; 72%)'
    >>> Bounded.parse("từ 90 - 100").span()
    '[90; 100]'
    """

    low: Fraction | None = field(converter=_bounded_low)
    high: Fraction | None = field(converter=_bounded_high)
    low_open: bool = field(default=False)
    high_open: bool = field(default=False)
    face: Fraction = field(default=Fraction(0), converter=_bounded_face)
    text: str = field(default="", converter=normalize)
    percent: bool = field(default=True)

    @high.validator
    def _check(self, attribute: object, value: Fraction | None) -> None:
        if self.low is None or value is None:
            return
        if value < self.low or (value == self.low and (self.low_open or self.high_open)):
            reason = N_("đầu dưới lớn hơn đầu trên")
            raise RuleParameterError("Bounded", "high", value, reason)

    @classmethod
    def parse(cls, text: str, *, width: Fraction = APPROX_WIDTH) -> Bounded:
        """Read "trên 90%", "hơn 96%", "gần 72%", "khoảng 3,9%", "gần 120", "trên 8.100",
        "từ 90% trở lên", "dưới 1%", "không quá 20%", "từ 90 - 100" or "3 - 4%".

        Words and their ends (X the figure written):

        * trên, trên mức, hơn, vượt, vượt mức, vượt quá, cao hơn, nhiều hơn, lớn hơn:
          above X, X excluded;
        * từ … trở lên, … trở lên, ít nhất, tối thiểu, không dưới, không thấp hơn, không
          nhỏ hơn, lớn hơn (cao hơn, nhiều hơn) hoặc bằng, đạt và vượt: X or above;
        * dưới, dưới mức, chưa đến, chưa tới, không tới, chưa đạt, chưa bằng, ít hơn,
          thấp hơn, nhỏ hơn, bé hơn: below X, X excluded (from 0);
        * không quá, tối đa, nhiều nhất, không vượt quá, … trở xuống, nhỏ hơn (bé hơn,
          thấp hơn, ít hơn) hoặc bằng, and "không"/"chưa" before a word of the first
          line (không cao hơn, chưa vượt): X or below (from 0);
        * gần, gần bằng, ngót: below X by at most the width, X excluded;
        * khoảng, xấp xỉ (bằng), chừng, ước, ước đạt, trên dưới, and "(ước)" after the
          figure ("1.200 (ước)"): within the width either side, ends included;
        * any of these with "trở lên" after the figure ("gần 90% trở lên") has no upper
          end, and with "trở xuống" its lower end is 0;
        * a band "từ A - B", "A đến B" (or "tới"): A to B, both included ("khoảng 3 -
          4%" too, "in the range"; a word or sign that bounds one figure, "dưới 3 -
          4%", is refused, and so are words against "trở lên"/"trở xuống", "dưới 90%
          trở lên"); with "trở lên" after it ("từ 3 - 4% trở lên"), A or more, and
          with "trở xuống", B or less;
        * a fraction under such words or a sign ("từ 2/3 trở lên", "trên 1/2", "≥ 2/3")
          bounds a share as its percentage would; a bare "2/3" is a pair of counts;
        * a sign before the figure, as tables print it: "≥" (">=") as "từ … trở lên",
          ">" as "trên", "≤" ("<=") as "không quá", "<" as "dưới", "~" and "≈" as
          "khoảng"; a "+" after it ("1.000+", "90%+") as "trở lên", and so "hoặc hơn"
          ("90% hoặc cao hơn"), and "hoặc ít hơn" as "trở xuống".

        The width is *width* times X, or one unit of the last written place if that
        is wider (see :data:`APPROX_WIDTH`). "%" may be written "phần trăm" or "％"
        (full width), and the digits full width too ("９０％"); a figure per mille ("‰",
        "%o", "phần nghìn") is refused. Chục, trăm, nghìn (ngàn), vạn, triệu ("tr.") and
        tỷ after a count multiply it, its last written place with it ("gần 1,2 nghìn" is
        [1.100; 1.200)), and "rưỡi" after
        them adds a half ("gần 1 triệu rưỡi" reads as "gần 1,5 triệu"). A minus said
        in words ("âm 5%") is refused as "-5%" is.

        Raises:
            ParseError: the text is none of these.
        """
        _check_text(text)
        scan = _scan(text)
        if not scan.percent and scan.places and scan.scale == 1:
            # "trên 1,000 đảng viên" (1.000 grouped the English way) is no count above 1;
            # with a scale word decimals are a count's ("trên 1,2 nghìn").
            raise ParseError(N_("số liệu công bố"), text, N_("số đếm phải là số nguyên"))
        if scan.band is not None:
            low, high = scan.band
            if high < low:
                raise ParseError(N_("số liệu công bố"), text, N_("đầu dưới lớn hơn đầu trên"))
            if scan.direction == "up":  # "từ 3 - 4% trở lên": 3% or more
                return cls(low, None, False, False, low, scan.text, scan.percent)
            if scan.direction == "down":  # "từ 3 - 4% trở xuống": 4% or less
                return cls(Fraction(0), high, False, False, high, scan.text, scan.percent)
            return cls(low, high, False, False, low, scan.text, scan.percent)
        words = scan.words
        if scan.direction is not None and words in ("", "tu"):
            words = "tu" if scan.direction == "up" else "khong qua"
        below = words in _BELOW_OPEN or words in _BELOW_CLOSED
        above = words in _ABOVE_OPEN or words in _ABOVE_CLOSED
        if (scan.direction == "up" and below) or (scan.direction == "down" and above):
            # "dưới 90% trở lên", "trên 5% trở xuống": the words bound the figure one way
            # and "trở lên"/"trở xuống" the other; neither reading is the report's.
            reason = N_(
                "{figure}: từ chỉ giới hạn trước con số và '{turn}' sau nó trái nghĩa nhau",
                figure=repr(scan.text),
                turn="trở lên" if scan.direction == "up" else "trở xuống",
            )
            raise ParseError(N_("số liệu công bố"), text, reason)
        if not words:
            raise ParseError(
                N_("số liệu công bố"),
                text,
                N_("cần các từ như 'trên', 'gần', 'khoảng' hoặc một khoảng 'từ 90 - 100'"),
            )
        value, percent, clean = scan.value, scan.percent, scan.text
        unit = Fraction(scan.scale, 10**scan.places) / (100 if percent else 1)
        span = max(value * Fraction(width), unit)
        if words in _ABOVE_OPEN:
            return cls(value, None, True, False, value, clean, percent)
        if words in _ABOVE_CLOSED:
            return cls(value, None, False, False, value, clean, percent)
        if value == 0 and (words in _BELOW_OPEN or words in _NEAR):
            raise ParseError(N_("số liệu công bố"), text, N_("không có số nào dưới 0"))
        if words in _BELOW_OPEN:
            return cls(Fraction(0), value, False, True, value, clean, percent)
        if words in _BELOW_CLOSED:
            return cls(Fraction(0), value, False, False, value, clean, percent)
        floor = max(value - span, Fraction(0))
        # "khoảng 90% trở lên", "gần 100 đảng viên trở lên": about the figure *or more*,
        # so no upper end; "khoảng 5% trở xuống" about it or less. Read as the words
        # alone, "gần 90% trở lên" was below 90% and failed "từ 90% trở lên".
        if scan.direction == "up":
            return cls(floor, None, False, False, value, clean, percent)
        if scan.direction == "down" and words in _NEAR:
            return cls(Fraction(0), value, False, True, value, clean, percent)
        if scan.direction == "down":
            return cls(Fraction(0), value + span, False, False, value, clean, percent)
        if words in _NEAR:
            return cls(floor, value, False, True, value, clean, percent)
        return cls(floor, value + span, False, False, value, clean, percent)

    def reading(self) -> Reading:
        """The interval, as a :class:`Reading`."""
        return Reading(
            self.face,
            self.low,
            self.high,
            low_open=self.low_open,
            high_open=self.high_open if self.high is not None else True,
            text=self.text,
            percent=self.percent,
            unbounded=self.high is None,
        )

    def span(self) -> str:
        """The interval, exact ends: "[68,4%; 72%)", "(90%; +∞)"."""
        return format_span(self.reading())

    def __contains__(self, value: object) -> bool:
        if isinstance(value, bool) or not isinstance(value, (int, Fraction)):
            return False
        return self.reading().contains(Fraction(value))


def _figure_number(original: str, text: str, percent: bool) -> tuple[Fraction, int]:
    """The number in *text* (folded) as a share or a count, and its written places."""
    number = text.rstrip("%").strip()
    try:
        value = parse_number(number)
    except ParseError:
        raise ParseError(
            N_("số liệu công bố"), original, N_("{number} không phải một số", number=repr(number))
        ) from None
    exact = Fraction(value) if isinstance(value, int) else Fraction(Decimal(value))
    if exact < 0:
        raise ParseError(N_("số liệu công bố"), original, N_("số liệu không thể âm"))
    return (exact / 100 if percent else exact), _written_places(number)


# What follows the target's name: "chỉ tiêu được giao", "kế hoạch đề ra", "chỉ tiêu (cấp)
# trên giao", "kế hoạch năm".
_TARGET_TAIL = r"(?:\s+(?:duoc\s+giao|nam|de\s+ra|(?:cap\s+)?tren\s+giao))?"
_TARGET_WORDS = rf"(?:chi\s+tieu|ke\s+hoach|muc\s+tieu){_TARGET_TAIL}"
# "vượt chỉ tiêu", "đạt chỉ tiêu", "hoàn thành vượt mức chỉ tiêu đề ra", "hoàn thành và
# vượt chỉ tiêu được giao".
_MET = re.compile(rf"(?:vuot|dat|hoan\s+thanh)(?:\s+(?:va\s+)?vuot)?(?:\s+muc)?\s+{_TARGET_WORDS}")
# "chưa đạt chỉ tiêu", "không hoàn thành kế hoạch": below all of the target.
_MISSED = re.compile(rf"(?:khong|chua)\s+(?:dat|hoan\s+thanh)\s+{_TARGET_WORDS}")
# "vượt 32,7% kế hoạch", "hoàn thành vượt mức 12% chỉ tiêu", "vượt kế hoạch 32,7%",
# "vượt trên 30% kế hoạch": the target exceeded *by* the figure (199 admitted against 150
# is "vượt 32,7% kế hoạch"), not a share above it; the figure may carry its own words.
_BY_QUALIFIER = "|".join(re.escape(q).replace(r"\ ", r"\s+") for q in _QUALIFIERS)
_BY_TARGET = r"(?:chi\s+tieu|ke\s+hoach|muc\s+tieu)"
_EXCEEDED_BY = re.compile(
    rf"\bvuot(?:\s+muc)?\s+(?:(?:{_BY_QUALIFIER})\s+)?[0-9][0-9.,]*{_PERCENT_SIGN}"
    rf"\s+(?:so\s+voi\s+)?{_BY_TARGET}\b"
    rf"|\bvuot(?:\s+muc)?\s+{_BY_TARGET}{_TARGET_TAIL}"
    rf"\s+(?:(?:{_BY_QUALIFIER})\s+)?[0-9][0-9.,]*{_PERCENT_SIGN}"
)

# "vượt 25 đảng viên so với kế hoạch", "vượt chỉ tiêu 25 đảng viên": a count exceeding the
# target by so many, whose level the target (not given) would make.
_EXCEEDED_BY_COUNT = re.compile(
    rf"\bvuot(?:\s+muc)?\s+{_BY_TARGET}{_TARGET_TAIL}"
    rf"\s+(?:(?:{_BY_QUALIFIER})\s+)?[0-9]"
    rf"|\bvuot(?:\s+muc)?\s+(?:(?:{_BY_QUALIFIER})\s+)?[0-9][0-9.,]*(?:\s+[a-z]+){{0,3}}?"
    rf"\s+(?:so\s+voi\s+)?{_BY_TARGET}\b"
)

#: A published share: exact, rounded, or bounded.
Published: TypeAlias = "Rounded | Bounded | Fraction"


def parse_figure(
    text: str, *, rounding: Rounding = PRESS_ROUNDING, width: Fraction = APPROX_WIDTH
) -> Rounded | Bounded | int:
    """Read one published figure as a report prints it.

    A bare percentage ("66,2%") is a :class:`Rounded` with *rounding*; a bare count
    ("1.132") an int; words or a band ("trên 90%", "gần 120", "từ 90 - 100") a
    :class:`Bounded` (see :meth:`Bounded.parse`). A count against its target reads as
    the share of the target: "đạt 102% chỉ tiêu", "đạt 38,2% kế hoạch năm" are rounded
    shares, "vượt chỉ tiêu" is above 100%, "đạt chỉ tiêu" and "đạt và vượt chỉ tiêu" (met,
    and by some exceeded) are 100% or above, "chưa đạt chỉ tiêu" below 100%. "Vượt X% kế
    hoạch" (or "chỉ tiêu", "mục tiêu") exceeds the target by X%: "vượt 32,7% kế hoạch" is a rounded
    132,7% of it; from 100% up both readings exceed the target, so "vượt 100% kế
    hoạch" is above 100% of it. "Đạt và vượt 100% kế hoạch" (met and exceeded) is 100%
    or above. A change ("tăng 4,9%", "giảm 0,84%", "cao hơn 2,5% so với cùng kỳ"), a
    count exceeding the target ("vượt 25 đảng viên so với kế hoạch") and a number that
    names a year, a day, a rank, a document or a unit ("năm 2024", "Nghị quyết số
    21-NQ/TW", "lần thứ 5") are no figure: refused alone, passed over beside one
    ("năm 2024 kết nạp 1.087 đảng viên" is 1.087). Two counts ("45/50 chi bộ", "3 trong
    số 40") are refused as a pair: give them as :attr:`Figures.ratio_counts`.

    Raises:
        ParseError: the text is no such figure.

    >>> parse_figure("66,2%").span(), parse_figure("1.132"), parse_figure("hơn 96%").span()
    ('[66,145%; 66,30%)', 1132, '(96%; +∞)')
    """
    _check_text(text)
    clean = normalize(ascii_digits(text, N_("số liệu công bố")))
    key = fold(clean)
    if _MET.fullmatch(key):
        # "vượt chỉ tiêu": above all of the target; "đạt chỉ tiêu": all of it or more.
        # "đạt và vượt chỉ tiêu" is met *and* exceeded: said of a group ("các chi bộ đều
        # đạt và vượt chỉ tiêu") each unit met or exceeded its own, so their total may be
        # the target exactly. 100% is included; only a bare "vượt" leaves it out.
        exceeded = "vuot" in key and re.search(r"\bva\s+vuot\b", key) is None
        return Bounded(Fraction(1), None, exceeded, False, Fraction(1), clean, True)
    if _MISSED.fullmatch(key):
        return Bounded(Fraction(0), Fraction(1), False, True, Fraction(1), clean, True)
    scan = _scan(text)
    if scan.band is None and not scan.percent and _EXCEEDED_BY_COUNT.search(key):
        reason = N_(
            "'vượt' một số đếm so với chỉ tiêu, kế hoạch là phần vượt, không phải số liệu; "
            "cần số đã đạt hoặc tỷ lệ so với chỉ tiêu"
        )
        raise ParseError(N_("số liệu công bố"), text, reason)
    if (
        scan.band is None
        and scan.percent
        and scan.words not in _MET_AND_EXCEEDED
        and _EXCEEDED_BY.search(key)
    ):
        if scan.words in ("", "vuot", "vuot muc"):  # the verb here, not the figure's word
            if scan.value >= 1:
                # "vượt 100% kế hoạch", "vượt 120% chỉ tiêu": above that share of the
                # target, or exceeding it by that much; the interval holds both.
                # Said "trên 100%": "vượt" is the sentence's verb ("đạt trên 100% kế hoạch").
                figure = scan.text[len(scan.words) + 1 :] if scan.words else scan.text
                return Bounded(scan.value, None, True, False, scan.value, f"trên {figure}", True)
            return Rounded(1 + scan.value, scan.places, rounding)
        by = Bounded.parse(scan.text, width=width)
        if by.face >= 1 and by.high is None:
            return by  # "vượt trên 100% kế hoạch": either reading is above 100%
        return _exceeded_by(by, scan.text)
    if scan.band is not None or scan.words or scan.direction is not None:
        return Bounded.parse(text, width=width)
    if scan.percent:
        # "chiếm 66,2%", "đạt 38,2% kế hoạch năm": a rounded share.
        return Rounded(scan.value, scan.places, rounding)
    if scan.value.denominator != 1 or (scan.places and scan.scale == 1):
        raise ParseError(N_("số liệu công bố"), text, N_("số đếm phải là số nguyên"))
    return int(scan.value)


def _exceeded_by(by: Bounded, figure: str) -> Bounded:
    """The share of the target exceeded by *by*, the *figure* of "vượt trên 30% kế
    hoạch": above 130% ("trên 130%"), and above all of the target whatever the figure's
    own lower end."""
    low = 1 + max(by.low or Fraction(0), Fraction(0))
    high = None if by.high is None else 1 + by.high
    number = _NUM.search(figure)
    assert number is not None  # the figure was read from it
    whole, comma, decimals = number.group(1).partition(",")
    shifted = f"{int(whole.replace('.', '')) + 100}{comma}{decimals}"
    text = figure[: number.start(1)] + shifted + figure[number.end(1) :]
    return Bounded(low, high, by.low_open or low == 1, by.high_open, 1 + by.face, text, True)


def _published(value: object, code: str) -> Rounded | Bounded | Fraction:
    if isinstance(value, str):
        parsed = parse_figure(value)
    elif isinstance(value, (Rounded, Bounded)):
        parsed = value
    else:
        return _share(value, "Figures", f"shares[{code!r}]")
    # "trên 90", "gần 120": counts, whose interval read as a share would be 9.000% and more.
    if isinstance(parsed, int) or (isinstance(parsed, Bounded) and not parsed.percent):
        shown = value.text if isinstance(value, Bounded) else value
        raise ParseError(N_("tỷ lệ công bố"), shown, N_("tỷ lệ phải có dấu '%' ở cuối"))
    return parsed


def _shares(value: Mapping[str, object]) -> dict[str, Rounded | Bounded | Fraction]:
    shares = {}
    for code, share in dict(value).items():
        get_ratio(code)
        shares[code] = _published(share, code)
    return shares


def _ranges(value: Mapping[str, object]) -> dict[str, Bounded]:
    ranges: dict[str, Bounded] = {}
    for code, bound in dict(value).items():
        get_indicator(code)
        parsed = Bounded.parse(bound) if isinstance(bound, str) else bound
        if not isinstance(parsed, Bounded) or parsed.percent:
            raise ParseError(N_("khoảng số đếm"), bound, N_("cần một số đếm như 'gần 120'"))
        ranges[code] = parsed
    return ranges


_WHOLE_PAIR = N_("cần hai số nguyên như '56/58'")


# "56/58", "56/58 TCCSĐ hoàn thành tốt nhiệm vụ trở lên", "3 trong số 40 chi bộ", "1.702
# trên tổng số 1.718 thôn": two counts and what they count, with no other figure. Words
# may come first ("có 925/962 ấp, khu phố", "năm 2025 có 45/50 chi bộ", the digits of a
# year or a day hidden), as parse_figure reads them before a pair it sends here.
_PAIR = re.compile(
    r"\s*(?:(?P<lead>[^\d%\uff05\ufe6a‰/]*?)\s+)?"
    r"(?P<top>[0-9][0-9.]*)\s*(?:/|(?:trong|trên)\s+(?:tổng\s+)?(?:số\s+)?)\s*"
    r"(?P<bottom>[0-9][0-9.]*)(?:\s+[^\W\d_][^\d%\uff05\ufe6a‰]*)?\s*",
    re.IGNORECASE,
)


def _pair(text: str) -> tuple[int, int]:
    """ "56/58" as published: a numerator and its denominator, with the words of what
    they count after them ("56/58 TCCSĐ") or said in words ("3 trong số 40")."""
    if longer_than(text, _MAX_FIGURE_TEXT):  # counted composed: NFD reads as NFC does
        raise ParseError(N_("cặp số đếm"), text, N_("dài hơn {n} ký tự", n=_MAX_FIGURE_TEXT))
    # "1 702/1 718" with non-breaking spaces grouping the digits, as parse_figure reads it.
    clean = normalize(_GROUP_SPACE.sub(_grouped, ascii_digits(text, N_("cặp số đếm"))))
    labels = _labels(clean)
    plain = "".join(
        "#" if c.isdigit() and any(a <= i < b for a, b in labels) else c
        for i, c in enumerate(clean)
    )
    match = _PAIR.fullmatch(plain)
    if match is not None and match.group("lead"):
        _check_pair_lead(text, clean, match.start("lead"), match.end("lead"))
    if match is not None and scale_after(clean, match.end("bottom"))[0] != 1:
        # "2 trên 3 nghìn đảng viên", "1/2 nghìn": of 3.000, or half of a thousand? The
        # scale word was dropped with the words after the pair, and the pair read as 2/3.
        reason = N_(
            "{words} sau cặp số không rõ áp cho số nào; cần viết các số bằng chữ số như '2/3.000'",
            words=repr(clean[match.end("bottom") :].split()[0]),
        )
        raise ParseError(N_("cặp số đếm"), text, reason)
    try:
        if match is None:
            raise ParseError(N_("cặp số đếm"), text, N_("cần dạng 'tử số/mẫu số'"))
        numerator = parse_number(match.group("top"))
        denominator = parse_number(match.group("bottom"))
    except ParseError:
        raise ParseError(N_("cặp số đếm"), text, _WHOLE_PAIR) from None
    if not isinstance(numerator, int) or not isinstance(denominator, int):
        raise ParseError(N_("cặp số đếm"), text, _WHOLE_PAIR)
    return numerator, denominator


def _check_pair_lead(text: str, clean: str, start: int, end: int) -> None:
    """Refuse words before a pair that make it no pair of known counts: a bound or an
    estimate ("trên 45/50 chi bộ", "khoảng 45/50"), a sign ("≥ 45/50") or a change ("tăng
    5/10"). What it counts or where ("có", "toàn tỉnh có") is the sentence's."""
    lead = clean[start:end].rstrip()
    head = " ".join(fold(lead).split())
    words = _qualifier_ending(head)
    if words:
        words = _as_said(words, lead, len(lead) - len(words))
    sign = _SYMBOL.search(fold(lead))
    change = _CHANGE.search(lead)
    if words:
        said = lead[len(lead) - len(words) :]
    elif sign is not None:
        said = sign.group(1)
    elif change is not None:
        said = change.group(1)
    elif _MINUS_WORD.search(lead) is not None:
        said = "âm"
    else:
        return
    reason = N_(
        "{words} trước cặp số: cặp số đếm là hai số đếm đúng, không phải số ước lượng, giới "
        "hạn hay mức thay đổi",
        words=repr(said),
    )
    raise ParseError(N_("cặp số đếm"), text, reason)


def _pairs(value: Mapping[str, tuple[int, int] | str]) -> dict[str, tuple[int, int]]:
    pairs: dict[str, tuple[int, int]] = {}
    for code, given in dict(value).items():
        get_ratio(code)
        pair = _pair(given) if isinstance(given, str) else given
        if (
            not isinstance(pair, tuple)
            or len(pair) != 2
            or any(isinstance(n, bool) or not isinstance(n, int) or n < 0 for n in pair)
        ):
            raise ParseError(N_("cặp số đếm"), pair, N_("cần hai số đếm (tử số, mẫu số)"))
        pairs[code] = pair
    return pairs


def _bases(value: Mapping[str, int]) -> dict[str, int]:
    bases: dict[str, int] = {}
    for code, base in dict(value).items():
        get_ratio(code)
        if isinstance(base, bool) or not isinstance(base, int) or base < 0:
            raise ParseError(N_("số đếm làm mẫu"), base, N_("cần một số nguyên"))
        bases[code] = base
    return bases


def _breakdown(value: Mapping[str, Mapping[str, int]]) -> dict[str, dict[str, int]]:
    found: dict[str, dict[str, int]] = {}
    for code, parts in dict(value).items():
        get_indicator(code)
        for unit, n in parts.items():
            if isinstance(n, bool) or not isinstance(n, int) or n < 0:
                raise ParseError(
                    N_("phần của số đếm"), n, N_("{unit}: cần một số nguyên", unit=unit)
                )
        found[code] = {normalize(unit): n for unit, n in parts.items()}
    return found


def _months(instance: object, attribute: object, value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 12:
        reason = N_("phải là số nguyên từ {low} đến {high}", low=1, high=12)
        raise RuleParameterError("Figures", "months", value, reason)


@final
@frozen(eq=False)
class Figures:
    """Figures typed in from a report: exact counts, published shares, and whose they are.

    Args:
        counts: the counts the report gives (unknown ones left out).
        shares: published shares by ratio code: exact (``Fraction(1)`` for "100%" said
            of a whole), :class:`Rounded`, :class:`Bounded`, or the text as printed
            ("96,5%", "trên 90%"), read by :func:`parse_figure` with the press's
            rounding.
        name: whose figures they are ("Đảng bộ thành phố Đồng Xoài").
        kind: the level they describe, when known; a rule that binds a lower level
            (the HTXSNV quota binds each TCCSĐ) cannot decide from an aggregate.
        ratio_counts: a ratio's numerator and denominator published without the counts
            behind them: "56/58 TCCSĐ hoàn thành tốt nhiệm vụ trở lên" is
            ``{"tccsd_httnv_tro_len": (56, 58)}`` or ``"56/58"`` (also with its words,
            "56/58 TCCSĐ", or "3 trong số 40") — kept as counts, never reduced to 28/29,
            so gaps count units.
        bases: a ratio's denominator published without its split: "1.702 đảng viên
            được đánh giá" is ``{"dang_vien_httnv_tro_len": 1702}``; it serves every
            ratio over the same counts.
        ranges: counts known within bounds ("gần 120", "trên 8.100", "từ 90 - 100"),
            as :class:`Bounded` or text.
        breakdown: a count's parts by unit as published ("phân bổ chỉ tiêu": unit name
            to count), checked by :meth:`problems` against the count.
        months: how many months the figures cover: 12 for a year (the default), 6 for
            "6 tháng đầu năm", 3 for a quarter. A yearly target is not judged on
            a shorter period's flows as if the year were over.

    >>> f = Figures(shares={"tccsd_httnv_tro_len": "93,75%"}, name="Đồng Xoài")
    >>> read_ratio(f, "tccsd_httnv_tro_len").low
    Fraction(187489, 200000)
    """

    counts: Tally = field(factory=Tally.unknown, validator=instance_of(Tally))
    shares: dict[str, Rounded | Bounded | Fraction] = field(factory=dict, converter=_shares)
    name: str = field(default=TYPED_IN, converter=normalize)
    kind: OrgKind | None = field(default=None, validator=optional(instance_of(OrgKind)))
    ratio_counts: dict[str, tuple[int, int]] = field(factory=dict, converter=_pairs)
    bases: dict[str, int] = field(factory=dict, converter=_bases)
    ranges: dict[str, Bounded] = field(factory=dict, converter=_ranges)
    breakdown: dict[str, dict[str, int]] = field(factory=dict, converter=_breakdown)
    months: int = field(default=12, validator=_months)

    @property
    def is_partial_year(self) -> bool:
        """True when the figures cover less than a year."""
        return self.months < 12

    def base(self, spec: Ratio) -> int | None:
        """The denominator of *spec*: from the counts, or a published base of any
        ratio over the same counts."""
        known = self.counts.total(spec.denominator)
        if known is not None:
            return known
        for code, base in self.bases.items():
            if get_ratio(code).denominator == spec.denominator:
                return base
        for code, (_, base) in self.ratio_counts.items():
            if get_ratio(code).denominator == spec.denominator:
                return base
        return None

    def problems(self) -> list[Problem]:
        """Published figures that contradict one another, as :meth:`Tally.problems` does
        for counts.

        Besides the counts' own problems: a published share its counts do not give
        (1.132/1.702 printed as "66,2%"), parts that do not add up to a published
        total (allocations summing to 1.950 under a printed 1.905), a published share
        no whole count over the published base can give (nor any over a base of 0), a
        count outside its published range, a count within bounds that breaks a relation
        of the counts whatever it holds ("trên 60" thôn with a chi bộ of 50), a count
        pair at odds with the counts, and shares of disjoint parts of one whole that
        cannot add up (above 100% together, above a share that holds them, or off the
        share they make up).

        >>> f = Figures(Tally(dang_vien_cuoi_nam_truoc=1702, ket_nap=1132),
        ...             shares={"ty_le_ket_nap": "66,2%"})
        >>> [p.reason for p in f.problems()]
        ['1.132/1.702 = 66,51%, ngoài khoảng của số công bố 66,2% ([66,145%; 66,30%))']
        """
        found = list(self.counts.problems(published=True))
        where = self._where()
        for code, share in self.shares.items():
            spec = get_ratio(code)
            reading = _as_reading(share)
            span = format_span(reading)
            shown = reading.text or span
            aside = "" if shown == span else f" ({span})"
            if self.base(spec) == 0:
                # "95%" of no TCCSĐ: a share of nothing, which the figures cannot hold.
                found.append(
                    Problem(
                        where,
                        code,
                        shown,
                        N_(
                            "tỷ lệ {shown} công bố trên mẫu số bằng 0: không có gì để tính tỷ lệ",
                            shown=shown + aside,
                        ),
                    )
                )
                continue
            low = reading.low
            if (
                low is not None
                and (low > 1 or (low == 1 and reading.low_open))
                and _part_of_whole(spec)
            ):
                # "105,6%" of the TCCSĐ rated HTTNV or better: a part above its whole.
                found.append(
                    Problem(
                        where,
                        code,
                        shown,
                        N_(
                            "tỷ lệ {shown} trên 100%, mà tử số là một phần của mẫu số",
                            shown=shown + aside,
                        ),
                    )
                )
                continue
            counts = self._exact_counts(spec)
            if counts is not None and counts[1]:
                k, n = counts
                value = Fraction(k, n)
                if not reading.contains(value):
                    found.append(
                        Problem(
                            where,
                            code,
                            shown,
                            N_(
                                "{counts} = {share}, ngoài khoảng của số công bố {shown}",
                                counts=Figure(f"{format_number(k)}/{format_number(n)}"),
                                share=Figure(_outside(value, reading)),
                                shown=shown + aside,
                            ),
                        )
                    )
                continue
            base = self.base(spec)
            fits = _candidates(reading, base) if base else None
            if base and fits is not None and not fits:
                found.append(
                    Problem(
                        where,
                        code,
                        shown,
                        N_(
                            "không có số nguyên nào trên {base} cho tỷ lệ {shown}",
                            base=Figure(format_number(base)),
                            shown=shown + aside,
                        ),
                    )
                )
        for code, (k, n) in self.ratio_counts.items():
            spec = get_ratio(code)
            top, bottom = self.counts.total(spec.numerator), self.counts.total(spec.denominator)
            if (top is not None and top != k) or (bottom is not None and bottom != n):
                found.append(
                    Problem(
                        where,
                        code,
                        f"{format_number(k)}/{format_number(n)}",
                        N_(
                            "khác số đếm {counts}", counts=Figure(f"{_maybe(top)}/{_maybe(bottom)}")
                        ),
                    )
                )
            elif k > n and _part_of_whole(spec):
                # "60/58 TCCSĐ hoàn thành tốt nhiệm vụ trở lên": a part above its whole.
                found.append(
                    Problem(
                        where,
                        code,
                        f"{format_number(k)}/{format_number(n)}",
                        N_(
                            "tử số {top} lớn hơn mẫu số {bottom}, mà tử số là một phần của mẫu số",
                            top=Figure(format_number(k)),
                            bottom=Figure(format_number(n)),
                        ),
                    )
                )
        for code, bound in self.ranges.items():
            count = self.counts.get(code)
            if count is not None and not bound.reading().contains(Fraction(count)):
                found.append(
                    Problem(
                        where,
                        code,
                        bound.text,
                        N_("số đếm {count} ngoài khoảng", count=Figure(format_number(count))),
                    )
                )
        found += self._parts_problems()
        found += self._ranged_relation_problems()
        for code, parts in self.breakdown.items():
            total = sum(parts.values())
            count = self.counts.get(code)
            within = self.ranges.get(code)
            if count is not None and total != count:
                found.append(
                    Problem(
                        where,
                        code,
                        format_number(count),
                        N_(
                            "các phần cộng lại {total}, không bằng tổng công bố {count}",
                            total=Figure(format_number(total)),
                            count=Figure(format_number(count)),
                        ),
                    )
                )
            elif (
                count is None
                and within is not None
                and not within.reading().contains(Fraction(total))
            ):
                found.append(
                    Problem(
                        where,
                        code,
                        within.text,
                        N_(
                            "các phần cộng lại {total}, ngoài khoảng {within}",
                            total=Figure(format_number(total)),
                            within=within.text,
                        ),
                    )
                )
        return found

    def _where(self) -> str:
        # The default name is the library's words, said in the reader's language; a name
        # given is the user's.
        return N_("số liệu nhập") if self.name == TYPED_IN else self.name

    def _parts_problems(self) -> list[Problem]:
        """Published shares of disjoint parts of one whole that cannot add up: parts
        summing above 100% (36,2% HTXSNV and 76,9% HTTNV of those rated), parts above a
        share that holds them (16,2% HTXSNV beside 15% HTTNV or better), or parts that
        make a share they do not add up to (16,2% + 76,9% is 93,1%, not "95%")."""
        found: list[Problem] = []
        groups: dict[frozenset[str], list[tuple[str, frozenset[str], Reading]]] = {}
        for code, share in self.shares.items():
            spec = get_ratio(code)
            top, bottom = frozenset(spec.numerator), frozenset(spec.denominator)
            reading = _as_reading(share)
            if top <= bottom and top and reading.low is not None:
                groups.setdefault(bottom, []).append((code, top, reading))
        for bottom, group in groups.items():
            over: list[frozenset[str]] = []
            for size in range(1, len(bottom) + 1):
                for parts in itertools.combinations(group, size):
                    union = frozenset().union(*(top for _, top, _ in parts))
                    if sum(len(top) for _, top, _ in parts) != len(union):
                        continue  # parts that overlap add up to nothing
                    total = _sum_of(reading for _, _, reading in parts)
                    said = " + ".join(_shown(reading) for _, _, reading in parts)
                    if (
                        size > 1
                        and _above(total, Fraction(1), False)
                        and not any(codes <= union for codes in over)
                    ):
                        over.append(union)
                        reason = N_(
                            "các phần rời nhau của cùng một mẫu số {parts} cộng lại trong "
                            "khoảng {total}, trên 100%",
                            parts=said,
                            total=Figure(format_span(total)),
                        )
                        found.append(Problem(self._where(), parts[0][0], said, reason))
                        continue
                    for code, top, whole in group:
                        if not union < top and not (size > 1 and union == top):
                            continue
                        assert whole.low is not None
                        too_big = whole.high is not None and not whole.unbounded
                        too_big = too_big and _above(total, _high_of(whole), _high_open(whole))
                        too_small = union == top and _below(total, whole.low, whole.low_open)
                        if not (too_big or too_small):
                            continue
                        if union == top:
                            reason = N_(
                                "{parts} cộng lại trong khoảng {total}, không khớp với {whole} "
                                "({span}) mà các phần ấy hợp thành",
                                parts=said,
                                total=Figure(format_span(total)),
                                whole=_shown(whole),
                                span=Figure(format_span(whole)),
                            )
                        else:
                            reason = N_(
                                "phần {parts} (trong khoảng {total}) lớn hơn {whole} ({span}) "
                                "là tỷ lệ chứa nó",
                                parts=said,
                                total=Figure(format_span(total)),
                                whole=_shown(whole),
                                span=Figure(format_span(whole)),
                            )
                        found.append(Problem(self._where(), code, _shown(whole), reason))
        return found

    def _count_reading(self, code: str) -> Reading | None:
        count = self.counts.get(code)
        if count is not None:
            return Reading(Fraction(count), Fraction(count), Fraction(count), percent=False)
        bound = self.ranges.get(code)
        return None if bound is None else bound.reading()

    def _ranged_relation_problems(self) -> list[Problem]:
        """Counts known within bounds ("trên 60", "gần 50") that break a relation the
        counts check (parts within or equal to their whole) whatever values they hold:
        "trên 60" thôn with a chi bộ of 50 thôn. The counts' own check reads exact
        counts only, so a part published as a range above its whole passed unseen."""
        found: list[Problem] = []
        checked = [(whole, parts, exact, names) for whole, parts, exact, names in relations()]
        checked += [
            (whole, parts, exact, " + ".join(parts))
            for whole, parts, exact in PUBLISHED_RELATIONS
            if not any((whole, parts) == (w, p) for w, p, _, _ in checked)
        ]
        for whole_code, parts, exact, names in checked:
            if not any(code in self.ranges for code in (whole_code, *parts)):
                continue  # exact counts alone: Tally.problems has judged them
            whole = self._count_reading(whole_code)
            readings = [self._count_reading(code) for code in parts]
            if whole is None or whole.low is None:
                continue
            known = [reading for reading in readings if reading is not None]
            if len(known) != len(readings):
                continue  # a part unknown: its sum is unknown, not the known parts'
            total = evolve(_sum_of(known), percent=False)
            bounded = whole.high is not None and not whole.unbounded
            span, sum_text = Figure(format_span(whole)), Figure(format_span(total))
            if bounded and _above(total, _high_of(whole), _high_open(whole)):
                if total.is_exact:
                    reason = N_(
                        "{parts} = {total}, lớn hơn số này ({span})",
                        parts=names,
                        total=sum_text,
                        span=span,
                    )
                else:
                    reason = N_(
                        "{parts} trong khoảng {total}, lớn hơn số này ({span})",
                        parts=names,
                        total=sum_text,
                        span=span,
                    )
            elif exact and _below(total, whole.low, whole.low_open):
                if total.is_exact:
                    reason = N_(
                        "{parts} = {total}, nhỏ hơn số này ({span})",
                        parts=names,
                        total=sum_text,
                        span=span,
                    )
                else:
                    reason = N_(
                        "{parts} trong khoảng {total}, nhỏ hơn số này ({span})",
                        parts=names,
                        total=sum_text,
                        span=span,
                    )
            else:
                continue
            found.append(Problem(self._where(), whole_code, _shown(whole), reason))
        return found

    def _exact_counts(self, spec: Ratio) -> tuple[int, int] | None:
        top, bottom = self.counts.total(spec.numerator), self.base(spec)
        if top is not None and bottom is not None:
            return top, bottom
        return self.ratio_counts.get(spec.code)


def _shown(reading: Reading) -> str:
    return reading.text or format_span(reading)


# A figure's closing "trở lên"/"trở xuống" (its last two words, folded).
_CLOSING_TURN = re.compile(r"(\s+)(\S+\s+\S+)$")
_CLOSING_EITHER = re.compile(r",?\s+hoac\s+(?:\S+\s+)?hon$|\s*\(\s*uoc(?!\w)[^()]*\)$")


def with_noun(text: str, noun: str) -> str:
    """A published figure's words with what it counts, in the Vietnamese order.

    The noun follows the figure, and a closing "trở lên" or "trở xuống" follows the
    noun: "từ 2.000 trở lên" of members is "từ 2.000 đảng viên trở lên", never "từ
    2.000 trở lên đảng viên" (the figure's words keep "trở lên" and drop the unit they
    were published with, "từ 5 đảng viên trở xuống" being read as "từ 5 trở xuống").

    >>> with_noun("từ 2.000 trở lên", "đảng viên"), with_noun("gần 120", "tổ chức")
    ('từ 2.000 đảng viên trở lên', 'gần 120 tổ chức')
    """
    found = _CLOSING_TURN.search(text)
    if found is None or fold(found.group(2)) not in {"tro len", "tro xuong"}:
        # "120 hoặc nhiều hơn" of members is "120 đảng viên hoặc nhiều hơn", and "1.200
        # (ước)" "1.200 đảng viên (ước)".
        either = _CLOSING_EITHER.search(fold(text))
        if either is None:
            return f"{text} {noun}"
        return f"{text[: either.start()]} {noun}{text[either.start() :]}"
    return f"{text[: found.start()]} {noun}{found.group(1)}{found.group(2)}"


def _high_of(reading: Reading) -> Fraction:
    assert reading.high is not None
    return reading.high


def _high_open(reading: Reading) -> bool:
    # An exact reading holds its one value: its high end is closed.
    return reading.high_open and not reading.is_exact


def _sum_of(readings: Iterable[Reading]) -> Reading:
    """The interval of a sum of values each known within its reading (all have a low end)."""
    items = list(readings)
    lows = [r.low for r in items if r.low is not None]
    low = sum(lows, Fraction(0))
    low_open = any(r.low_open and not r.is_exact for r in items)
    bounded = all(r.high is not None and not r.unbounded for r in items)
    if not bounded:
        return Reading(low, low, None, low_open=low_open, unbounded=True, derived=True)
    high = sum((_high_of(r) for r in items), Fraction(0))
    if low == high and not any(_high_open(r) for r in items):
        return Reading.exact(low)
    high_open = any(_high_open(r) for r in items)
    return Reading(low, low, high, low_open=low_open, high_open=high_open, derived=True)


def _above(total: Reading, bound: Fraction, bound_open: bool) -> bool:
    """Whether every value *total* allows lies above *bound* (an upper end, excluded
    when *bound_open*)."""
    assert total.low is not None
    return total.low > bound or (total.low == bound and (total.low_open or bound_open))


def _below(total: Reading, bound: Fraction, bound_open: bool) -> bool:
    """Whether every value *total* allows lies below *bound* (a lower end, excluded when
    *bound_open*)."""
    if total.unbounded or total.high is None:
        return False
    return total.high < bound or (total.high == bound and (_high_open(total) or bound_open))


def _outside(value: Fraction, reading: Reading) -> str:
    """*value*, outside *reading*, printed on its side of the end it is outside of: 66,149%
    beside [66,15%; 66,25%) prints "66,14%", never "66,15%", which the interval holds."""
    assert reading.low is not None
    assert reading.value is not None
    below = value < reading.low or (value == reading.low and reading.low_open)
    end = reading.low if below or reading.high is None else reading.high
    return format_percent_against(value, reading.value if reading.is_exact else end)


def _maybe(value: int | None) -> str:
    return "?" if value is None else format_number(value)


@final
@frozen
class Reading:
    """What a subject says about one ratio or count: exact, an interval, or missing.

    ``low``/``high`` bound the true value; ``low_open``/``high_open`` say whether each
    end is excluded (by default the low end is included and the high end excluded
    unless equal to ``low``); ``unbounded`` means no upper end ("trên 90%"). For an
    exact value both ends equal it. ``counts`` is ``(numerator, denominator)`` when
    the value came from counts; ``missing`` names the unknown codes. ``text`` is the
    figure as published, ``decimals`` the places it was printed with. ``derived``
    marks a share worked out from figures known within bounds — counts published so
    ("gần 120"), or two rounded shares divided — whose value no one published.
    """

    value: Fraction | None = None
    low: Fraction | None = None
    high: Fraction | None = None
    counts: tuple[int, int] | None = None
    missing: tuple[str, ...] = ()
    empty: bool = False
    low_open: bool = False
    high_open: bool = True
    unbounded: bool = False
    text: str = ""
    decimals: int | None = None
    percent: bool = True
    derived: bool = False

    @property
    def is_exact(self) -> bool:
        """True when the value is known exactly."""
        return self.value is not None and not self.unbounded and self.low == self.high

    @property
    def face(self) -> Fraction:
        """The value as published (0 when unknown)."""
        return Fraction(0) if self.value is None else self.value

    @property
    def said_in_words(self) -> bool:
        """Whether the figure is to be printed in its published words, not by its face:
        a count within bounds ("từ 90 - 100" is no share, and 90 one end only), a share
        whose face is no value it allows ("trên 90%" is not 90%), a figure published
        in words or as a band, whose face drops them ("từ 90% trở lên" is not 90%), or a
        share derived from figures within bounds, whose face nobody published.

        >>> Bounded.parse("trên 90%").reading().said_in_words
        True
        >>> Rounded.parse("90,5%").reading().said_in_words
        False
        """
        if self.value is None:
            return False
        # A rounded figure (printed with its decimals) or an exact one is its face.
        worded = bool(self.text) and self.decimals is None and not self.is_exact
        return not self.percent or self.derived or worded or not self.contains(self.value)

    @classmethod
    def exact(cls, value: Fraction, counts: tuple[int, int] | None = None) -> Reading:
        """An exactly known value."""
        return cls(value, value, value, counts)

    @classmethod
    def interval(cls, face: Fraction, low: Fraction, high: Fraction) -> Reading:
        """A value known to lie in ``[low, high)``, published as *face*."""
        return cls(face, low, high)

    def contains(self, value: Fraction) -> bool:
        """Whether *value* may be the true value."""
        if self.value is None or self.low is None:
            return False
        if self.is_exact:
            return value == self.value
        above = value > self.low if self.low_open else value >= self.low
        if self.unbounded or self.high is None:
            return above
        below = value < self.high if self.high_open else value <= self.high
        return above and below

    def all_hold(self, threshold: Fraction, strict: bool) -> bool:
        """Whether every possible value is above (*strict*) or at least *threshold*."""
        assert self.low is not None
        if self.low_open:
            return self.low >= threshold
        return self.low > threshold if strict else self.low >= threshold

    def none_hold(self, threshold: Fraction, strict: bool) -> bool:
        """Whether no possible value is above (*strict*) or at least *threshold*."""
        if self.unbounded or self.high is None:
            return False
        if self.high_open and not self.is_exact:
            return self.high <= threshold
        return self.high <= threshold if strict else self.high < threshold


def format_span(reading: Reading) -> str:
    """The interval a reading's true value lies in, with its open and closed ends.

    Ends are exact, with one more decimal than the published figure ("90,33%" rounded
    half up lies in "[90,325%; 90,335%)"); an end with no short exact form is rounded
    outward. An open end is "(" or ")", a closed one "[" or "]"; no upper end is "+∞".

    >>> format_span(Reading(Fraction(9, 10), Fraction(9, 10), None, low_open=True,
    ...                     unbounded=True))
    '(90%; +∞)'
    """
    if reading.value is None or reading.low is None:
        return ""
    places = 0 if reading.decimals is None else reading.decimals + 1
    pct = reading.percent
    if reading.is_exact:
        return _end_text(reading.value, places, pct, "floor")
    low = _end_text(reading.low, places, pct, "floor")
    opening = "(" if reading.low_open else "["
    if reading.unbounded or reading.high is None:
        return f"{opening}{low}; +∞)"
    high = _end_text(reading.high, places, pct, "ceiling")
    closing = ")" if reading.high_open else "]"
    return f"{opening}{low}; {high}{closing}"


def _as_reading(share: Rounded | Bounded | Fraction) -> Reading:
    if isinstance(share, (Rounded, Bounded)):
        return share.reading()
    return Reading(share, share, share)


def _candidates(reading: Reading, base: int) -> range | None:
    """The whole numerators over *base* whose share the reading allows (None: no end)."""
    assert reading.low is not None
    low = reading.low * base
    first = math.floor(low) + 1 if reading.low_open else math.ceil(low)
    if reading.unbounded or reading.high is None:
        return None
    high = reading.high * base
    if reading.is_exact:
        last = math.floor(high)
    else:
        last = math.ceil(high) - 1 if reading.high_open else math.floor(high)
    return range(max(first, 0), last + 1)


def rating_counts(prefix: str, counts: Mapping[Rating | LegacyRating | str, int]) -> Tally:
    """Counts by rating level as a :class:`~coso_dang.Tally`, from either scale.

    Keys are :class:`~coso_dang.Rating` levels, pre-2018 :class:`~coso_dang.LegacyRating`
    levels, or their labels or abbreviations as published ("trong sạch, vững mạnh",
    "tiêu biểu" spelt out, "yếu kém", "HTTNV"). A legacy level counts as the level
    :attr:`~coso_dang.LegacyRating.rating` maps it to, so "trong sạch, vững mạnh" and
    its "tiêu biểu" both count as HTXSNV and "yếu kém" as KHTNV; levels the report
    does not give are left unknown.

    Raises:
        ParseError: a key names no level of either scale.

    >>> rating_counts("tccsd", {"trong sạch, vững mạnh tiêu biểu": 12,
    ...                         "trong sạch, vững mạnh": 80, "hoàn thành tốt nhiệm vụ": 40,
    ...                         "hoàn thành nhiệm vụ": 5, "yếu kém": 1})
    Tally(tccsd_htxsnv=92, tccsd_httnv=40, tccsd_htnv=5, tccsd_khtnv=1)
    """
    summed: dict[str, int] = {}
    for key, count in counts.items():
        level = _level(key)
        code = f"{prefix}_{level.abbreviation.lower()}"
        summed[code] = summed.get(code, 0) + count
    return Tally(summed)


def _level(key: Rating | LegacyRating | str) -> Rating:
    if isinstance(key, Rating):
        return key
    if isinstance(key, LegacyRating):
        return key.rating
    try:
        return Rating.parse(key)
    except ParseError:
        return LegacyRating.parse(key).rating


def _as_figures(subject: Tally | Figures) -> Figures:
    return subject if isinstance(subject, Figures) else Figures(counts=subject)


def read_count(subject: Tally | Figures, code: str) -> int | None:
    """The count *code* in *subject*, or ``None`` when unknown."""
    return _as_figures(subject).counts.get(code)


def read_count_range(subject: Tally | Figures, code: str) -> Reading:
    """The count *code* as a reading: exact, within a published range, or missing.

    >>> read_count_range(Figures(ranges={"ket_nap": "gần 120"}), "ket_nap").low
    Fraction(114, 1)
    """
    figures = _as_figures(subject)
    count = figures.counts.get(code)
    if count is not None:
        return Reading(Fraction(count), Fraction(count), Fraction(count), percent=False)
    bound = figures.ranges.get(code)
    if bound is not None:
        return bound.reading()
    return Reading(missing=(code,), percent=False)


def read_ratio(subject: Tally | Figures, ratio: str | Ratio) -> Reading:
    """Read a registered ratio: from counts, a published count pair, a published share,
    else counts published within bounds.

    A published share over a known base is narrowed to the shares whole counts give:
    when one count fits, the reading is exact with its counts. Where no share is
    published and each unknown count of the ratio has a published range ("gần 120"),
    the reading is the interval of every share the whole counts in those ranges give
    (see :func:`_ranged`). A zero denominator gives ``Reading(empty=True)``: there is
    nothing to measure.

    >>> f = Figures(Tally(tccsd_httnv=451, tccsd_htnv=27, tccsd_khtnv=0),
    ...             ranges={"tccsd_htxsnv": "gần 120"})
    >>> format_span(read_ratio(f, "tccsd_httnv_tro_len"))
    '[95,4391%; 95,4774%]'
    """
    spec = ratio if isinstance(ratio, Ratio) else get_ratio(ratio)
    figures = _as_figures(subject)
    counts = figures.counts
    numerator = counts.total(spec.numerator)
    denominator = figures.base(spec)
    if numerator is None and spec.code in figures.ratio_counts:
        numerator, denominator = figures.ratio_counts[spec.code]
    if numerator is not None and denominator is not None:
        if denominator == 0:
            return Reading(counts=(numerator, 0), empty=True)
        return Reading.exact(Fraction(numerator, denominator), (numerator, denominator))
    if denominator == 0:
        # A share published over a base of 0 measures nothing (Figures.problems says so).
        return Reading(empty=True)
    published = figures.shares.get(spec.code)
    if published is not None:
        reading = _as_reading(published)
        if denominator and _part_of_whole(spec):
            # A part never exceeds its whole: over a base of 100, "trên 99%" is 100/100.
            narrowed = _narrowed(_within_whole(reading), denominator)
            if narrowed.counts is not None:
                return narrowed
        if denominator:
            return _narrowed(reading, denominator)
        return reading
    ranged = _ranged(figures, spec, numerator, denominator)
    if ranged is not None:
        return ranged
    codes = dict.fromkeys((*spec.numerator, *spec.denominator))
    missing = tuple(code for code in codes if counts.get(code) is None)
    return Reading(missing=missing)


def read_ratio_unknown(subject: Tally | Figures, ratio: str | Ratio) -> Reading | None:
    """The interval of every share *ratio* can have when the counts it lacks are
    unknown: each any whole count from 0, the others as counted.

    For a ratio :func:`read_ratio` reads as missing, only from counts (no share, count
    pair, base or range of it published): the ratio is a quotient of sums, so it lies
    between its value with the unknown counts at 0 and the value each tends to as it
    grows alone (1 for a count on both sides, 0 for one only below; one only above has
    no end), which no count reaches. ``None`` when the ratio is read otherwise, or when
    unknown counts of 0 leave nothing to measure (the share may not exist).

    >>> r = read_ratio_unknown(Tally(dang_vien_htxsnv=91, dang_vien_htnv=9,
    ...                              dang_vien_khtnv=0), "dang_vien_httnv_tro_len")
    >>> r.low, r.high, r.low_open, r.high_open, r.missing
    (Fraction(91, 100), Fraction(1, 1), False, True, ('dang_vien_httnv',))
    """
    spec = ratio if isinstance(ratio, Ratio) else get_ratio(ratio)
    figures = _as_figures(subject)
    counts = figures.counts
    codes = tuple(dict.fromkeys((*spec.numerator, *spec.denominator)))
    unknown = tuple(code for code in codes if counts.get(code) is None)
    if not unknown or any(code in figures.ranges for code in unknown):
        return None
    if spec.code in figures.shares or spec.code in figures.ratio_counts:
        return None
    if any(code in spec.denominator for code in unknown) and figures.base(spec) is not None:
        return None  # a published base bounds the unknown counts: not read here
    top = sum(counts.get(code) or 0 for code in spec.numerator)
    bottom = sum(counts.get(code) or 0 for code in spec.denominator)
    if bottom == 0:
        return None
    at_zero = Fraction(top, bottom)
    # The limits as each unknown count grows: a weighted mediant of them and the value
    # at 0 is every share the counts give, so these bound it.
    limits = [Fraction(int(code in spec.numerator)) for code in unknown if code in spec.denominator]
    unbounded = any(code not in spec.denominator for code in unknown)
    least = min([at_zero, *limits])
    greatest = max([at_zero, *limits])
    return Reading(
        at_zero,
        least,
        None if unbounded else greatest,
        missing=unknown,
        low_open=least != at_zero,
        high_open=unbounded or greatest != at_zero,
        unbounded=unbounded,
        derived=True,
    )


def _part_of_whole(spec: Ratio) -> bool:
    """Whether *spec* counts a part of its whole: its numerator among its denominator's
    counts (HTTNV or better of those rated), or each a part of its one whole by the
    relations every count keeps (villages with a chi bộ of the villages)."""
    if set(spec.numerator) <= set(spec.denominator):
        return True
    if len(spec.denominator) != 1:
        return False
    whole = spec.denominator[0]
    within = {code for w, parts, _, _ in relations() if w == whole for code in parts}
    return set(spec.numerator) <= within


def _within_whole(reading: Reading) -> Reading:
    """A published share of a part of its whole, its upper end at 100%, for the counts
    it allows over a known base.

    The rounding of "100%" (which may be 100,5%) or the words of "trên 99%" leave an
    upper end above the whole, which no count reaches: over a base of 100, "trên 99%"
    was left undecided against "100%" where 100/100 is the only count it allows.
    """
    if reading.value is None or reading.low is None:
        return reading
    if reading.low > 1 or (reading.low == 1 and reading.low_open):
        return reading  # a share above the whole: a problem, not a reading to bound
    if not reading.unbounded and reading.high is not None and reading.high <= 1:
        return reading
    return evolve(reading, high=Fraction(1), high_open=False, unbounded=False)


#: The most counts of one ratio read within bounds: the ratio's interval is found at
#: the corners of the box their ranges span, 2ⁿ of them (a registered ratio has a few parts).
_MAX_RANGED = 12


def _whole_counts(bound: Bounded) -> tuple[int, int | None] | None:
    """The least and the greatest whole count *bound* allows (``None``: no greatest).

    Counts are whole, so an open end gives the next whole count inside it: "gần 120",
    [114; 120), allows 114 to 119 and "trên 2.500" allows 2.501 and more. ``None``
    when no whole count fits.
    """
    low = Fraction(0) if bound.low is None else bound.low
    first = max(math.floor(low) + 1 if bound.low_open else math.ceil(low), 0)
    if bound.high is None:
        return first, None
    last = math.ceil(bound.high) - 1 if bound.high_open else math.floor(bound.high)
    return (first, last) if last >= first else None


def _ranged(
    figures: Figures, spec: Ratio, numerator: int | None, denominator: int | None
) -> Reading | None:
    """*spec* where its unknown counts are published within bounds, on every share the
    whole counts in those bounds give; ``None`` when a needed count is neither known
    nor bounded.

    *numerator* and *denominator* are the sides already known as totals. The ratio is
    a quotient of sums, so with the other counts held it is monotone in each bounded
    count (a count on both sides, like HTXSNV in the TCCSĐ rated HTTNV or better, moves
    both): its least and greatest values over the box the ranges span are at the box's
    corners. A count with no upper end ("trên 2.500") adds the value the ratio tends to
    as it grows — 1 when it is on both sides, 0 when only below, no end when only
    above — which no count reaches: that end is open unless a corner reaches it too.
    """
    counts = figures.counts
    needed = (*(() if numerator is not None else spec.numerator),)
    needed += (*(() if denominator is not None else spec.denominator),)
    bounds: dict[str, tuple[int, int | None]] = {}
    for code in dict.fromkeys(needed):
        if counts.get(code) is not None:
            continue
        bound = figures.ranges.get(code)
        whole = None if bound is None else _whole_counts(bound)
        if whole is None:
            return None  # truly absent, or a range no whole count fits
        bounds[code] = whole
    if not bounds or len(bounds) > _MAX_RANGED:
        return None

    def sides(at: Mapping[str, int]) -> tuple[int, int]:
        # The other counts of each side are known (checked above).
        top = numerator
        if top is None:
            top = sum(at[c] if c in at else counts.get(c) or 0 for c in spec.numerator)
        bottom = denominator
        if bottom is None:
            bottom = sum(at[c] if c in at else counts.get(c) or 0 for c in spec.denominator)
        return top, bottom

    if all(low == high for low, high in bounds.values()):
        # Each range holds one whole count: the ratio is known, with its counts.
        top, bottom = sides({code: low for code, (low, _) in bounds.items()})
        if bottom == 0:
            return Reading(counts=(top, 0), empty=True)
        return Reading.exact(Fraction(top, bottom), (top, bottom))
    codes = tuple(bounds)
    ends = [(low,) if high is None or high == low else (low, high) for low, high in bounds.values()]
    # (value, reached): corners are reached; the limits of unbounded counts are not.
    found: list[tuple[Fraction, bool]] = []
    for corner in itertools.product(*ends):
        top, bottom = sides(dict(zip(codes, corner, strict=True)))
        if bottom == 0:
            # Some counts the ranges allow leave nothing to measure: no bound holds.
            return Reading(
                Fraction(0),
                Fraction(0),
                None,
                unbounded=True,
                text=_ranges_text(figures, codes),
                derived=True,
            )
        found.append((Fraction(top, bottom), True))
    unbounded = False
    for code, (_, high) in bounds.items():
        if high is not None:
            continue
        above = numerator is None and code in spec.numerator
        if denominator is None and code in spec.denominator:
            found.append((Fraction(int(above)), False))
        elif above:
            unbounded = True
    least = min(value for value, _ in found)
    greatest = max(value for value, _ in found)
    # The value printed as the figure: the ratio at the counts the ranges name ("gần
    # 120" names 120), moved inside what the ranges allow, so it lies in the interval.
    face: dict[str, int] = {}
    for code, (first, last) in bounds.items():
        named = max(first, math.floor(figures.ranges[code].face))
        face[code] = named if last is None else min(named, last)
    top, bottom = sides(face)
    return Reading(
        Fraction(top, bottom) if bottom else least,
        least,
        None if unbounded else greatest,
        low_open=not any(reached and value == least for value, reached in found),
        high_open=unbounded or not any(reached and value == greatest for value, reached in found),
        unbounded=unbounded,
        text=_ranges_text(figures, codes),
        derived=True,
    )


def _ranges_text(figures: Figures, codes: tuple[str, ...]) -> str:
    """The published ranges a ratio was read from: "gần 120 tổ chức cơ sở đảng ..."."""
    parts = []
    for code in codes:
        label = get_indicator(code).label
        label = label[:1].lower() + label[1:] if label[1:2].islower() else label
        text = figures.ranges[code].text
        plain = f"{text} {label}"
        if with_noun(text, label) == plain:
            parts.append(plain)
        else:
            # "từ 120 trở lên" of a label that names a rating: the label first, since
            # "... hoàn thành tốt nhiệm vụ trở lên" after it would name another level.
            parts.append(f"{label} {text}")
    return ", ".join(parts)


def _narrowed(reading: Reading, base: int) -> Reading:
    """A published share over a known base: exact when one whole count fits it."""
    if reading.unbounded or reading.high is None:
        return reading
    fits = _candidates(reading, base)
    if fits is not None and len(fits) == 1:
        k = fits[0]
        exact = Reading.exact(Fraction(k, base), (k, base))
        return Reading(
            exact.value,
            exact.low,
            exact.high,
            (k, base),
            text=reading.text,
            decimals=reading.decimals,
        )
    return reading


def divide(top: Reading, bottom: Reading) -> Reading:
    """The quotient of two readings of shares over one base (interval arithmetic).

    ``[a, b) / [c, d)`` with positive ends is ``(a/d, b/c)``: each end of the quotient
    is open when either end it is worked out from is, so "16,2%" over "80,7%" (each
    rounded half up) lies strictly above 16,15/80,75 = 20%, which no true pair of shares
    reaches; a quotient of 0 is reached whenever its numerator's 0 is.
    """
    if top.value is None or bottom.value is None:
        return Reading(missing=(*top.missing, *bottom.missing))
    if top.unbounded or bottom.unbounded or bottom.high is None or top.high is None:
        return Reading(missing=(*top.missing, *bottom.missing))
    assert top.low is not None
    assert bottom.low is not None
    if bottom.high == 0:
        return Reading(empty=True)  # no one at the base: nothing to measure
    top_low_open = top.low_open and not top.is_exact
    low = top.low / bottom.high
    low_open = top_low_open or (low != 0 and _high_open(bottom))
    if bottom.low <= 0:
        # A base that may be as small as nothing ("dưới 5%", "0%" rounded): the quotient
        # has no upper end, but still its lower one ("10%" over "dưới 5%" is above 200%).
        face = top.value / bottom.value if bottom.value else low
        return Reading(face, low, None, low_open=low_open, unbounded=True, derived=True)
    face = top.value / bottom.value
    if top.is_exact and bottom.is_exact:
        return Reading.exact(face)
    # The quotient of two rounded figures: its face is no figure anyone published.
    high_open = _high_open(top) or (bottom.low_open and not bottom.is_exact)
    high = top.high / bottom.low
    return Reading(face, low, high, low_open=low_open, high_open=high_open, derived=True)
