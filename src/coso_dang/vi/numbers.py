"""Vietnamese number and percent formatting and parsing.

Vietnamese writes "." between thousands and "," before decimals (38.356; 93,75) and
a percent sign with no space (93,75%). Formatting is done by hand with
:class:`~decimal.Decimal` arithmetic, so it is exact and never reads the machine's
locale; rounding is half-up by default, as reports round, not Babel's half-even.
"""

from __future__ import annotations

import decimal
import math
import re
from decimal import Decimal
from fractions import Fraction
from typing import TypeAlias, final

from attrs import field, frozen

from coso_dang.errors import ArgumentError, ParseError
from coso_dang.i18n import N_
from coso_dang.vi._exact import exact_value
from coso_dang.vi.text import normalize

__all__ = [
    "PercentRange",
    "approx_percent",
    "format_number",
    "format_percent",
    "format_percent_beside",
    "parse_number",
    "parse_percent",
    "parse_percent_range",
]

Number: TypeAlias = int | Decimal | Fraction | float
"""What the formatters accept (never a bool)."""

_ROUNDINGS = {
    name.removeprefix("ROUND_").lower(): getattr(decimal, name)
    for name in dir(decimal)
    if name.startswith("ROUND_")
}
# Room for any coefficient: rounding must never be cut short by the context.
_WIDE = decimal.Context(prec=decimal.MAX_PREC, Emax=decimal.MAX_EMAX, Emin=decimal.MIN_EMIN)

_SIGN = "-\u2212"  # hyphen-minus and the minus sign
# Grouped, the first group has one to three digits and no leading 0: "0.125" and
# "1234.567" are no Vietnamese number (an English decimal, a slip), never 125 or 1234567.
_NUMBER = re.compile(rf"([{_SIGN}]?)([0-9]+|[1-9][0-9]{{0,2}}(?:\.[0-9]{{3}})+)(?:,([0-9]+))?")
_PERCENT = re.compile(r"(.+?) ?%")
# The full-width and small percent signs of a text copied from a PDF are the sign "%".
_PERCENT_SIGNS = str.maketrans({"\uff05": "%", "\ufe6a": "%"})
# "3 - 4%", "từ 3 – 4%", "3%–4%", "từ 3% đến 4%": one dash (a hyphen, the Unicode
# hyphens, a figure, en or em dash, a minus sign), "đến" or "tới" between bounds.
_RANGE = re.compile(r"(?:từ )?([0-9.,]+) ?%? ?(?:[-\u2010-\u2015\u2212]|đến|tới) ?([0-9.,]+) ?%")


# Full-width digits, as a text copied from a PDF holds them beside its full-width "％":
# the digits 0-9.
_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def ascii_digits(original: str, what: str) -> str:
    """*original* with its full-width digits written 0-9; any other decimal digit (an
    Arabic-Indic or a mathematical one) is refused, never read as a letter or passed
    over.

    Every reader of numbers runs it first, so that "１.２３４" is 1.234 wherever it is
    read.

    Raises:
        ParseError: a decimal digit other than 0-9 and the full-width ones; the error
            says it was read as *what*.

    >>> ascii_digits("９３,７５％", "một tỷ lệ phần trăm")
    '93,75％'
    """
    text = original.translate(_FULL_WIDTH_DIGITS)
    if not text.isascii():
        other = next((c for c in text if c.isdecimal() and not c.isascii()), None)
        if other is not None:
            reason = N_("{digit} không phải chữ số 0-9", digit=repr(other))
            raise ParseError(what, original, reason)
    return text


def _rounding(name: str) -> str:
    key = name.removeprefix("ROUND_").lower()
    if key not in _ROUNDINGS:
        choices = ", ".join(sorted(_ROUNDINGS))
        raise ArgumentError(
            N_(
                "không có cách làm tròn {name}; hãy dùng một trong: {choices}",
                name=repr(name),
                choices=choices,
            )
        )
    return str(_ROUNDINGS[key])


def _terminating(value: Fraction) -> Decimal | None:
    """The Fraction as an exact Decimal, or None if its decimal expansion never ends."""
    rest, twos, fives = value.denominator, 0, 0
    while rest % 2 == 0:
        rest, twos = rest // 2, twos + 1
    while rest % 5 == 0:
        rest, fives = rest // 5, fives + 1
    if rest != 1:
        return None
    places = max(twos, fives)
    return Decimal(value.numerator * 10**places // value.denominator).scaleb(-places, _WIDE)


def _decimals_of(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int)  # finite by construction
    return max(-exponent, 0)


def _quantize(value: Decimal | Fraction, places: int, rounding: str) -> Decimal:
    """Round *value* to *places* decimals exactly (Fractions without float detours)."""
    if isinstance(value, Decimal):
        step = Decimal(1).scaleb(-places, _WIDE)
        return value.quantize(step, rounding=rounding, context=_WIDE)
    scaled = abs(value) * 10**places
    whole, rest = divmod(scaled.numerator, scaled.denominator)
    # The whole part, one more digit and a sticky digit for anything beyond: all the
    # decimal module needs to round the infinite expansion correctly in every mode.
    tenth, beyond = divmod(rest * 10, scaled.denominator)
    digits = Decimal(whole * 100 + tenth * 10 + (1 if beyond else 0)).scaleb(-2, _WIDE)
    signed = digits.copy_negate() if value < 0 else digits
    rounded = signed.quantize(Decimal(1), rounding=rounding, context=_WIDE)
    return rounded.scaleb(-places, _WIDE)


def _places(places: object) -> int:
    if isinstance(places, bool) or not isinstance(places, int) or places < 0:
        raise ArgumentError(
            N_("decimals phải là số nguyên từ 0, không phải {places}", places=repr(places))
        )
    return places


def _render(value: Decimal) -> str:
    """Write a finite Decimal the Vietnamese way, keeping its exponent's decimals."""
    sign, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)  # finite by construction
    text = "".join(map(str, digits)) + "0" * max(exponent, 0)
    places = _decimals_of(value)
    text = text.rjust(places + 1, "0")
    whole, fraction = text[: len(text) - places], text[len(text) - places :]
    whole = whole.lstrip("0") or "0"
    head = len(whole) % 3 or 3
    grouped = ".".join([whole[:head]] + [whole[i : i + 3] for i in range(head, len(whole), 3)])
    body = f"{grouped},{fraction}" if fraction else grouped
    is_zero = not any(digits)
    return body if is_zero or not sign else "-" + body


def format_number(x: Number, decimals: int | None = None, *, rounding: str = "half_up") -> str:
    """Write a number the Vietnamese way: "." between thousands, "," before decimals.

    With ``decimals=None`` the number prints exactly: ints, Decimals (keeping their
    trailing zeros) and floats (read by their shortest repr, so 0.1 is "0,1"); a
    Fraction must be a terminating decimal (1/8 is "0,125") or a ValueError asks
    for *decimals*, since silently cutting 1/3 short would hide a rounding. With
    *decimals* the value is rounded to exactly that many places. Zero never prints
    a minus sign.

    Args:
        x: an int, Decimal, Fraction or float (not a bool, not NaN or infinite).
        decimals: places after the comma, or None for the exact value.
        rounding: ``"half_up"`` (default), ``"half_even"``, ``"down"``, ``"up"``,
            ``"floor"``, ``"ceiling"``, ``"half_down"``, ``"05up"``, or the
            decimal module's ``ROUND_*`` names.

    Returns:
        The number as text, e.g. ``"38.356"`` or ``"93,75"``.

    Raises:
        TypeError: *x* is a bool or not a number.
        ValueError: *x* is not finite, a non-terminating Fraction without
            *decimals*, a negative *decimals* or an unknown *rounding*.

    >>> format_number(38356), format_number(Decimal("93.75")), format_number(-1234)
    ('38.356', '93,75', '-1.234')
    """
    if type(x) is int and decimals is None and rounding == "half_up":
        # The common case, written directly: a report of a nation prints millions. A
        # try, not contextlib.suppress: making that context manager cost twice the rest.
        try:
            return f"{x:,}".replace(",", ".")
        except ValueError:  # past Python's 4.300 digits: as a Decimal
            pass
    value = exact_value(x)
    mode = _rounding(rounding)
    if decimals is not None:
        return _render(_quantize(value, _places(decimals), mode))
    if isinstance(value, Fraction):
        exact = _terminating(value)
        if exact is None:
            raise ArgumentError(
                N_(
                    "{value} không viết đúng được bằng số thập phân: hãy cho decimals=",
                    value=str(value),
                )
            )
        value = exact
    return _render(value)


def _strip(text: str) -> str:
    return text.rstrip("0").rstrip(",") if "," in text else text


def _percent_text(value: Decimal) -> str:
    return _strip(_render(value)) + "%"


def _scaled_percent(value: int, places: int) -> str:
    """``_percent_text`` of *value* × 10^-*places*, from the whole number."""
    whole, fraction = divmod(abs(value), 10**places)
    digits = str(fraction).rjust(places, "0").rstrip("0") if places else ""
    text = f"{whole:,}".replace(",", ".") + (f",{digits}" if digits else "")
    return f"-{text}%" if value < 0 else f"{text}%"


def _hundredfold(share: Number) -> Decimal | Fraction:
    value = exact_value(share)
    return value * 100 if isinstance(value, Fraction) else value.scaleb(2, _WIDE)


def format_percent(share: Number, decimals: int = 2, *, rounding: str = "half_up") -> str:
    """Write a share as a Vietnamese percentage: no space, trailing zeros dropped.

    Rounded half-up, as statistics are (Babel's default is half-even). Pass
    ``rounding="down"`` for a figure that can never look better than it is; to keep
    a figure on the right side of a threshold, see :func:`format_percent_beside`.

    Args:
        share: the share (0.9 is 90%), an int, Decimal, Fraction or float.
        decimals: the most places after the comma.
        rounding: as for :func:`format_number`.

    Returns:
        The percentage, e.g. ``"93,75%"`` or ``"90%"``.

    Raises:
        TypeError: *share* is a bool or not a number.
        ValueError: *share* is not finite, or a bad *decimals* or *rounding*.

    >>> format_percent(Fraction(15, 16)), format_percent(Fraction(9, 10))
    ('93,75%', '90%')
    >>> format_percent(Fraction(1837, 1899)), format_percent(Fraction(1837, 1899), rounding="down")
    ('96,74%', '96,73%')
    """
    mode = _rounding(rounding)
    return _percent_text(_quantize(_hundredfold(share), _places(decimals), mode))


def _side(value: Decimal | Fraction, threshold: Fraction) -> int:
    exact = Fraction(value)
    return (exact > threshold) - (exact < threshold)


def format_percent_beside(
    share: Number, threshold: Number, decimals: int = 2, *, max_decimals: int = 6
) -> str:
    """Write a share as a percentage that sits on the same side of *threshold* as it.

    A rule saying "not above 90%" must never print "90%" beside it. The share is
    printed as :func:`format_percent` prints it (half-up, so the same figure reads
    the same in a sentence and in a table) when that keeps it on its side; otherwise
    (89,996% against 90%) it is rounded away from the threshold (down to "89,99%"),
    which always keeps it strictly on its side. A share equal to the threshold
    prints the threshold itself, with up to *max_decimals* places.

    Args:
        share: the share (0.9 is 90%).
        threshold: the share it is compared with.
        decimals: the places used when the figure is not exactly the threshold.
        max_decimals: the most places for printing a share equal to the threshold.

    Returns:
        The percentage, e.g. ``"89,99%"``.

    Raises:
        TypeError: *share* or *threshold* is a bool or not a number.
        ValueError: a value is not finite, *decimals* is bad, or the share equals
            a threshold that has no exact form within *max_decimals* places.

    >>> format_percent_beside(Fraction(89996, 100000), Fraction(9, 10))
    '89,99%'
    """
    exact = _hundredfold(share)
    bound = Fraction(_hundredfold(threshold))
    side = _side(exact, bound)
    if side == 0:
        printed = _terminating(bound)
        if printed is None or _decimals_of(printed) > _places(max_decimals):
            raise ArgumentError(
                N_("ngưỡng {threshold} không có dạng đúng để in", threshold=str(threshold))
            )
        return _percent_text(printed)
    places = _places(decimals)
    if type(exact) is Fraction:
        # A Fraction rounded half-up in whole numbers, as _quantize rounds it: most
        # shares are counts' quotients, and this is a tenth of the work with Decimals.
        scale = 10**places
        whole, rest = divmod(abs(exact.numerator) * scale, exact.denominator)
        if 2 * rest >= exact.denominator:
            whole += 1
        signed = -whole if exact.numerator < 0 else whole
        placed = signed * bound.denominator - bound.numerator * scale
        if (placed > 0) - (placed < 0) == side:
            try:
                return _scaled_percent(signed, places)
            except ValueError:  # past Python's 4.300 digits: written from a Decimal
                pass
    rounded = _quantize(exact, places, decimal.ROUND_HALF_UP)
    if _side(rounded, bound) != side:
        away = decimal.ROUND_CEILING if side > 0 else decimal.ROUND_FLOOR
        rounded = _quantize(exact, places, away)
    return _percent_text(rounded)


# "gần N%" is said of landmark figures only: a report writes "hơn 96%" for 96,74%,
# not "gần 97%", but "gần 90%" for 89,7%.
_LANDMARK = 5


def approx_percent(share: Number) -> str:
    """Phrase a share the way reports approximate it: "hơn 96%", "gần 90%".

    The rule, on the exact percentage p:

    * p a whole number: printed bare ("90%");
    * 0 < p < 1: "dưới 1%" ("hơn 0%" says nothing);
    * p within half a point below a multiple of 5 (N − 0,5 ≤ p < N): "gần N%";
    * otherwise: "hơn ⌊p⌋%" (96,74% is "hơn 96%", never "gần 97%").

    Args:
        share: the share (0.9 is 90%), not negative.

    Returns:
        The phrase, e.g. ``"hơn 96%"``.

    Raises:
        TypeError: *share* is a bool or not a number.
        ValueError: *share* is negative or not finite.

    >>> approx_percent(Fraction(1837, 1899)), approx_percent(0.897), approx_percent(0.9)
    ('hơn 96%', 'gần 90%', '90%')
    """
    percent = Fraction(_hundredfold(share))
    if percent < 0:
        raise ArgumentError(N_("không làm tròn được tỷ lệ âm {share}", share=repr(share)))
    whole = math.floor(percent)
    if percent == whole:
        return f"{format_number(whole)}%"
    if percent < 1:
        return "dưới 1%"
    landmark = whole + 1
    if landmark % _LANDMARK == 0 and landmark - percent <= Fraction(1, 2):
        return f"gần {format_number(landmark)}%"
    return f"hơn {format_number(whole)}%"


def _read_number(text: str, what: str, original: str) -> int | Decimal:
    match = _NUMBER.fullmatch(text)
    if match is None:
        raise ParseError(what, original, _why_not_a_number(text))
    sign, whole, fraction = match.groups()
    digits = whole.replace(".", "")
    try:
        if fraction is None:
            value = int(digits)
            return -value if sign else value
    except ValueError:  # more digits than Python turns into an int
        raise ParseError(what, original, N_("quá nhiều chữ số")) from None
    return Decimal(f"{'-' if sign else ''}{digits}.{fraction}")


def _why_not_a_number(text: str) -> str:
    if not text:
        return N_("không có số nào")
    if "," in text and "." in text.rpartition(",")[2]:
        return N_("dấu '.' sau dấu ',' lẫn hai cách viết: tiếng Việt viết 1.234,5")
    if text.count(",") > 1:
        return N_("có hơn một dấu phẩy thập phân")
    if re.fullmatch(rf"[{_SIGN}]?[0-9]+(?:\.[0-9]{{3}})+(?:,[0-9]+)?", text):
        return N_(
            "trước dấu '.' đầu tiên cần 1 đến 3 chữ số, không bắt đầu bằng 0 (1.234.567); "
            "số thập phân viết bằng dấu ',' (0,125)"
        )
    if re.fullmatch(rf"[{_SIGN}]?[0-9.]+(?:,[0-9]+)?", text):
        return N_("dấu '.' phải tách đúng ba chữ số (1.234.567)")
    return N_("không phải số viết theo kiểu 1.234,5")


def parse_number(text: str) -> int | Decimal:
    """Read a number written the Vietnamese way.

    "." groups thousands and "," starts decimals, always: "1.234" is one thousand
    two hundred thirty-four and "1,234" is a bit more than one, as Vietnamese writes
    them. Every "." must be followed by exactly three digits ("1.23" is refused),
    and the digits before the first "." are one to three, the first not 0 ("0.125"
    and "1234.567" are refused);
    digits may also stand ungrouped ("2022"). A leading "-" or "−" makes it
    negative. Text is normalized first (Unicode form, spaces), so NBSP around the
    number is fine; spaces inside it are not. Full-width digits ("１.２３４", as a text
    copied from a PDF has them) are the digits 0-9; the digits of other scripts are
    refused (:func:`ascii_digits`).

    Args:
        text: the number, e.g. ``"1.234.567,5"``.

    Returns:
        An int when there is no decimal comma, else a Decimal keeping every written
        decimal ("1,50" is ``Decimal("1.50")``).

    Raises:
        ParseError: the text is not such a number, or mixes conventions ("1,234.5").

    >>> parse_number("38.356"), parse_number("93,75"), parse_number("-1.234")
    (38356, Decimal('93.75'), -1234)
    """
    what = N_("một số")
    return _read_number(normalize(ascii_digits(_text(text, what), what)), what, text)


def _text(text: object, what: str) -> str:
    """*text*, if it is a string: a number, a date given where its text is expected is
    refused in Vietnamese, as the date parsers refuse it, not with Python's
    AttributeError on a method the value lacks."""
    if not isinstance(text, str):
        raise ParseError(what, text, N_("cần một văn bản (str)"))
    return text


def _read_share(text: str, what: str, original: str) -> Fraction:
    return Fraction(_read_number(text, what, original)) / 100


def parse_percent(text: str) -> Fraction:
    """Read a percentage such as "93,75%" as an exact share.

    The sign "%" is required, with or without a space (or NBSP) before it; the
    number is read as by :func:`parse_number`. A range ("3 - 4%") is refused:
    read it with :func:`parse_percent_range`.

    Args:
        text: the percentage, e.g. ``"93,75%"``.

    Returns:
        The share as a Fraction (``Fraction(15, 16)`` for "93,75%").

    Raises:
        ParseError: no "%", a malformed number, or a range.

    >>> parse_percent("93,75%"), parse_percent("90 %")
    (Fraction(15, 16), Fraction(9, 10))
    """
    what = N_("một tỷ lệ phần trăm")
    clean = normalize(ascii_digits(_text(text, what), what)).translate(_PERCENT_SIGNS)
    match = _PERCENT.fullmatch(clean)
    if match is None:
        raise ParseError(what, text, N_("tỷ lệ phần trăm phải có dấu '%' ở cuối"))
    if _RANGE.fullmatch(clean.casefold()):
        raise ParseError(what, text, N_("đây là một khoảng: dùng parse_percent_range"))
    return _read_share(match.group(1), what, text)


@final
@frozen
class PercentRange:
    """A band of shares such as "từ 3 – 4%", both ends included.

    ``share in band`` tells whether a share lies in it; ``str`` gives "3 - 4%",
    each end exact when it has a decimal form, else to two places.

    >>> band = PercentRange(Fraction(3, 100), Fraction(4, 100))
    >>> str(band), Fraction(7, 200) in band
    ('3 - 4%', True)
    """

    low: Fraction = field()
    high: Fraction = field()

    @high.validator
    def _check(self, attribute: object, value: Fraction) -> None:
        if value < self.low:
            raise ArgumentError(
                N_(
                    "đầu trên {high} của khoảng nhỏ hơn đầu dưới {low}",
                    high=str(value),
                    low=str(self.low),
                )
            )

    def __contains__(self, share: object) -> bool:
        if isinstance(share, bool) or not isinstance(share, (int, Decimal, Fraction, float)):
            return False
        return self.low <= Fraction(exact_value(share)) <= self.high

    def __str__(self) -> str:
        return f"{_bound_text(self.low)[:-1]} - {_bound_text(self.high)}"


def _bound_text(share: Fraction) -> str:
    exact = _terminating(share * 100)
    return format_percent(share) if exact is None else _percent_text(exact)


def parse_percent_range(text: str) -> PercentRange:
    """Read a band of percentages: "3 - 4%", "từ 3 – 4%", "3-4%", "từ 3% đến 4%".

    The bounds are separated by a hyphen, an en or em dash, "đến" or "tới", with or
    without spaces; "từ" may lead and the first "%" may be left out. Bounds are
    read as by :func:`parse_number`, so "2,5 - 3%" works.

    Args:
        text: the band.

    Returns:
        A :class:`PercentRange` of exact shares.

    Raises:
        ParseError: not such a band, or its low end above its high end.

    >>> parse_percent_range("từ 3 – 4%")
    PercentRange(low=Fraction(3, 100), high=Fraction(1, 25))
    """
    what = N_("một khoảng tỷ lệ phần trăm")
    clean = normalize(ascii_digits(_text(text, what), what))
    match = _RANGE.fullmatch(clean.translate(_PERCENT_SIGNS).casefold())
    if match is None:
        raise ParseError(what, text, N_("khoảng được viết như 'từ 3 - 4%'"))
    low, high = (_read_share(part, what, text) for part in match.groups())
    if low > high:
        raise ParseError(what, text, N_("đầu dưới lớn hơn đầu trên"))
    return PercentRange(low, high)
