"""Printing a share beside what it is compared with: one threshold, or both ends of a band.

A figure printed in a verdict must never contradict it. "89,996%" rounded half-up is
"90%", which, beside "trên 90%", reads as a value that sits on the threshold; beside
"từ 90% trở lên" it reads as a pass. :func:`format_percent_against` is the one policy
the rules' messages, the report's sentences, its tables and its chart all print with.
"""

from __future__ import annotations

from fractions import Fraction
from functools import lru_cache

from coso_dang.errors import ArgumentError
from coso_dang.i18n import N_
from coso_dang.vi._exact import exact_value
from coso_dang.vi.numbers import Number, format_percent, format_percent_beside, parse_percent

__all__ = ["format_percent_against", "format_threshold", "pad_decimals"]


def pad_decimals(text: str, decimals: int) -> str:
    """Write the decimals a formatter dropped back, for a column that lines up.

    >>> pad_decimals("2,6%", 2), pad_decimals("100%", 2), pad_decimals("93,75%", 2)
    ('2,60%', '100,00%', '93,75%')
    >>> pad_decimals("1.899", 0)
    '1.899'
    """
    if decimals <= 0 or "/" in text:
        return text  # a share printed as its fraction ("1/6") has no places to pad
    suffix = "%" if text.endswith("%") else ""
    body = text.removesuffix("%")
    whole, _, fraction = body.partition(",")
    if len(fraction) >= decimals:
        return text
    return f"{whole},{fraction.ljust(decimals, '0')}{suffix}"


def _beside(share: Number, threshold: Fraction, decimals: int) -> str:
    try:
        return format_percent_beside(share, threshold, decimals)
    except ValueError:
        if Fraction(exact_value(share)) == threshold:
            # The share is a threshold with no exact decimal form (1/6): rounded, it
            # would read off the threshold ("16,67%" beside "không vượt quá 1/6").
            return format_threshold(threshold)
        return format_percent(share, decimals)


def format_threshold(share: Number, *, max_decimals: int = 6) -> str:
    """Write a target's threshold exactly: "90%", "92,5%", or "2/3" when no decimal can.

    A threshold is printed beside figures kept on their side of it (see
    :func:`format_percent_against`). Rounded, a threshold with no exact decimal form
    would move: 1/7 printed "14,29%" lies above 1/7, and a share between the two would
    print "14,29%" and pass "trên 14,29%". Such a threshold is written as the fraction
    it is, which every printed figure sits on the right side of.

    >>> from fractions import Fraction
    >>> format_threshold(Fraction(9, 10)), format_threshold(Fraction(2, 3))
    ('90%', '2/3')
    """
    value = Fraction(exact_value(share))
    try:
        return format_percent_beside(share, value, max_decimals=max_decimals)
    except ValueError:
        return f"{value.numerator}/{value.denominator}"


# "100%" says all and "0%" none: a share that is neither is not printed so.
_ENDS = {"0%": Fraction(0), "100%": Fraction(1)}


def _read_back(text: str) -> Fraction:
    """The value a printed share states: "3,5%", or a threshold written as a fraction."""
    if "/" in text:
        return Fraction(text)
    return parse_percent(text)


def _sign(value: Fraction, bound: Fraction) -> int:
    return (value > bound) - (value < bound)


def _off_the_ends(
    share: Number, value: Fraction, text: str, bounds: tuple[Fraction, ...], decimals: int
) -> str:
    """*text*, or, when it says "0%" or "100%" of a share that is neither, the share kept
    strictly off that end ("99,99%" for 22.499/22.500), unless that would move it across
    one of *bounds*, which the verdict is taken on and which come first."""
    end = _ENDS.get(text)
    if end is None or value == end:
        return text
    moved = _beside(share, end, decimals)
    printed = parse_percent(moved)
    if all(_sign(printed, bound) == _sign(value, bound) for bound in bounds):
        return moved
    return text


def format_percent_against(
    share: Number,
    low: Number,
    high: Number | None = None,
    *,
    decimals: int = 2,
    fixed: bool = False,
) -> str:
    """Write *share* as a percentage that sits on its own side of a threshold or a band.

    The policy, on the exact share:

    * against one threshold *low* (``high`` omitted): the figure stays strictly on the
      share's side of the threshold; the threshold itself is printed only for a share
      exactly equal to it. So 89,996% beside "trên 90%" (or "từ 90% trở lên") prints
      "89,99%", never "90%", and 90,001% prints "90,01%". The rule holds whether the
      comparison is strict or inclusive: a rounded figure never lands on the threshold.
      A share equal to a threshold no decimal writes (1/6) prints as that fraction,
      "1/6", as :func:`format_threshold` writes the threshold: "16,67%" would be off it.
    * against a band ``[low, high]``: a share below the band stays below *low*, one
      above it stays above *high*, one inside stays on its side of the nearer end (of
      *low* when it lies exactly half way).
    * otherwise the figure is rounded half-up to *decimals* places, as every figure in
      a report is, so a figure reads the same in a sentence and in a table;
    * "100%" says all and "0%" none: a share that is neither is kept off them
      (22.499/22.500 prints "99,99%", 1/100.000 "0,01%"), unless that would cross the
      threshold or the band, which come first.

    A float, share or threshold, is read as written, by its shortest repr: 0.9 is 90%,
    not the binary 0,9000000000000000222...%.

    Args:
        share: the share (0.9 is 90%).
        low: the threshold, or the band's lower end.
        high: the band's upper end (``None``: a single threshold).
        decimals: the places printed (two by default; the published precision of
            figures typed from a report).
        fixed: keep trailing zeros ("2,60%", "100,00%"), for a table column.

    Raises:
        TypeError: a value is a bool or not a number.
        ValueError: a value is not finite, *decimals* is bad, or *high* is below *low*.

    >>> from fractions import Fraction
    >>> format_percent_against(Fraction(8996, 10000), Fraction(9, 10))
    '89,96%'
    >>> format_percent_against(Fraction(89996, 100000), Fraction(9, 10))
    '89,99%'
    >>> format_percent_against(Fraction(39999, 1000000), Fraction(3, 100), Fraction(4, 100))
    '3,99%'
    >>> format_percent_against(Fraction(13, 500), Fraction(3, 100), fixed=True)
    '2,60%'
    """
    try:
        hash((share, low, high, decimals, fixed))
    except TypeError:  # not a number: the uncached path says why, in its own words
        return _against.__wrapped__(share, low, high, decimals, fixed)
    return _against(share, low, high, decimals, fixed)


# A report of a nation prints the same few shares (2/10, 3/15...) against the same
# thresholds tens of thousands of times: each text is worked out once. Typed, so that
# True or a float is never answered with the text of an equal Fraction.
@lru_cache(maxsize=8192, typed=True)
def _against(share: Number, low: Number, high: Number | None, decimals: int, fixed: bool) -> str:
    lower = Fraction(exact_value(low))
    value = Fraction(exact_value(share))
    if high is None:
        text = _beside(share, lower, decimals)
        bounds: tuple[Fraction, ...] = (lower,)
    else:
        upper = Fraction(exact_value(high))
        if upper < lower:
            raise ArgumentError(
                N_("đầu trên {high} của dải nhỏ hơn đầu dưới {low}", high=str(high), low=str(low))
            )
        if value > upper:
            side = upper
        elif value < lower or value - lower <= upper - value:
            side = lower
        else:
            side = upper
        text = _beside(share, side, decimals)
        bounds = (lower, upper)
        if lower <= value <= upper and not lower <= _read_back(text) <= upper:
            # A band narrower than one printed place ("từ 3 - 3,5%" to whole percents):
            # 3,2% kept off its nearer end rounds to "4%", above the band. The nearer end,
            # exactly, is in the band as the share is, and says the same verdict.
            text = format_threshold(side)
    text = _off_the_ends(share, value, text, bounds, decimals)
    return pad_decimals(text, decimals) if fixed else text
