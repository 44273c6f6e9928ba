"""Subjects for measured rules: counts, and published figures that were rounded.

A :class:`~coso_dang.Tally` holds exact counts. Reports often publish shares only,
rounded ("16,2%"): :class:`Rounded` keeps such a share with the interval the true value
lies in, and :class:`Figures` holds counts and published shares together, with the
level of the organization they describe.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import final

from attrs import field, frozen
from attrs.validators import instance_of, optional

from coso_dang.indicators import Ratio, get_ratio
from coso_dang.orgs import OrgKind
from coso_dang.tally import Tally
from coso_dang.vi.numbers import parse_percent
from coso_dang.vi.text import normalize

__all__ = ["Figures", "Reading", "Rounded", "read_count", "read_ratio"]


def _share(value: object) -> Fraction:
    if isinstance(value, bool) or not isinstance(value, (int, Fraction)):
        raise TypeError(f"a share must be an int or a Fraction, not {value!r}")
    return Fraction(value)


def _places(instance: object, attribute: object, value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"decimals must be a whole number ≥ 0, not {value!r}")


@final
@frozen
class Rounded:
    """A published share, rounded to *decimals* places of its percentage.

    "16,2%" is ``Rounded(Fraction("16.2") / 100, decimals=1)``: the true share lies in
    ``[16,15%; 16,25%)`` — half a unit of the last printed place either side, the
    upper end open as reports round half up.

    >>> r = Rounded.parse("16,2%")
    >>> r.low, r.high
    (Fraction(323, 2000), Fraction(13, 80))
    """

    value: Fraction = field(converter=_share)
    decimals: int = field(validator=_places)

    @classmethod
    def parse(cls, text: str) -> Rounded:
        """Read a published percentage, taking its precision from the digits written.

        Raises:
            ParseError: the text is not a percentage.

        >>> Rounded.parse("93,75%").decimals
        2
        """
        value = parse_percent(text)
        number = normalize(text).rstrip("%").strip()
        decimals = len(number.rpartition(",")[2]) if "," in number else 0
        return cls(value, decimals)

    @property
    def half_ulp(self) -> Fraction:
        """Half a unit of the last printed place, as a share."""
        return Fraction(1, 2 * 10**self.decimals * 100)

    @property
    def low(self) -> Fraction:
        """The least share that prints as this figure (included)."""
        return self.value - self.half_ulp

    @property
    def high(self) -> Fraction:
        """The least share above that no longer prints as it (excluded)."""
        return self.value + self.half_ulp


def _shares(value: Mapping[str, Rounded | Fraction | int]) -> dict[str, Rounded | Fraction]:
    shares: dict[str, Rounded | Fraction] = {}
    for code, share in dict(value).items():
        shares[code] = share if isinstance(share, Rounded) else _share(share)
    return shares


@final
@frozen(eq=False)
class Figures:
    """Figures typed in from a report: exact counts, published shares, and whose they are.

    Args:
        counts: the counts the report gives (unknown ones left out).
        shares: published shares by ratio code, exact (``Fraction(1)`` for "100%" said
            of a whole) or :class:`Rounded`.
        name: whose figures they are ("Đảng bộ thành phố Đồng Xoài").
        kind: the level they describe, when known; a rule that binds a lower level
            (the HTXSNV quota binds each TCCSĐ) cannot decide from an aggregate.

    >>> f = Figures(shares={"tccsd_httnv_tro_len": Rounded.parse("93,75%")}, name="Đồng Xoài")
    >>> read_ratio(f, "tccsd_httnv_tro_len").low
    Fraction(18749, 20000)
    """

    counts: Tally = field(factory=Tally.unknown, validator=instance_of(Tally))
    shares: dict[str, Rounded | Fraction] = field(factory=dict, converter=_shares)
    name: str = field(default="số liệu nhập", converter=normalize)
    kind: OrgKind | None = field(default=None, validator=optional(instance_of(OrgKind)))


@final
@frozen
class Reading:
    """What a subject says about one ratio: exact, an interval, or missing.

    ``low``/``high`` bound the true value (``high`` excluded unless equal to ``low``);
    for an exact value both equal it. ``counts`` is ``(numerator, denominator)`` when
    the value came from counts. ``missing`` names the unknown codes.
    """

    value: Fraction | None = None
    low: Fraction | None = None
    high: Fraction | None = None
    counts: tuple[int, int] | None = None
    missing: tuple[str, ...] = ()
    empty: bool = False

    @property
    def is_exact(self) -> bool:
        """True when the value is known exactly."""
        return self.value is not None and self.low == self.high

    @classmethod
    def exact(cls, value: Fraction, counts: tuple[int, int] | None = None) -> Reading:
        """An exactly known value."""
        return cls(value, value, value, counts)

    @classmethod
    def interval(cls, face: Fraction, low: Fraction, high: Fraction) -> Reading:
        """A value known to lie in ``[low, high)``, published as *face*."""
        return cls(face, low, high)


def _as_figures(subject: Tally | Figures) -> Figures:
    return subject if isinstance(subject, Figures) else Figures(counts=subject)


def read_count(subject: Tally | Figures, code: str) -> int | None:
    """The count *code* in *subject*, or ``None`` when unknown."""
    return _as_figures(subject).counts.get(code)


def read_ratio(subject: Tally | Figures, ratio: str | Ratio) -> Reading:
    """Read a registered ratio from counts first, else from a published share.

    A zero denominator gives ``Reading(empty=True)``: there is nothing to measure.
    """
    spec = ratio if isinstance(ratio, Ratio) else get_ratio(ratio)
    figures = _as_figures(subject)
    counts = figures.counts
    numerator = counts.total(spec.numerator)
    denominator = counts.total(spec.denominator)
    if numerator is not None and denominator is not None:
        if denominator == 0:
            return Reading(counts=(numerator, 0), empty=True)
        return Reading.exact(Fraction(numerator, denominator), (numerator, denominator))
    published = figures.shares.get(spec.code)
    if isinstance(published, Rounded):
        return Reading.interval(published.value, published.low, published.high)
    if published is not None:
        return Reading.exact(published)
    codes = dict.fromkeys((*spec.numerator, *spec.denominator))
    missing = tuple(code for code in codes if counts.get(code) is None)
    return Reading(missing=missing)


def divide(top: Reading, bottom: Reading) -> Reading:
    """The quotient of two readings of shares over one base (interval arithmetic).

    ``[a, b) / [c, d)`` with positive ends is ``[a/d, b/c)``.
    """
    if top.value is None or bottom.value is None:
        return Reading(missing=(*top.missing, *bottom.missing))
    assert top.low is not None
    assert top.high is not None
    assert bottom.low is not None
    assert bottom.high is not None
    if bottom.value == 0 or bottom.low <= 0:
        return Reading(empty=True)
    face = top.value / bottom.value
    if top.is_exact and bottom.is_exact:
        return Reading.exact(face)
    return Reading.interval(face, top.low / bottom.high, top.high / bottom.low)
