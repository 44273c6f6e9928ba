"""Locale-aware wording helpers shared by the report's sentences and tables."""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from datetime import date
from fractions import Fraction
from typing import TYPE_CHECKING

from coso_dang.i18n import N_, HasLabel, check_locale, translations
from coso_dang.rules.base import RuleParameterError
from coso_dang.vi.dates import format_date
from coso_dang.vi.numbers import format_number
from coso_dang.vi.thresholds import format_percent_against

if TYPE_CHECKING:
    from coso_dang.rules.base import Target

__all__ = ["MISSING", "Writer"]

#: What a table cell shows for an unknown count (never a made-up zero).
MISSING = "—"

_SWAP = str.maketrans(".,", ",.")
# English writes a day with its month's name, as it writes 38,356 with a comma: the
# form of a figure, not words to translate.
_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


class Writer:
    """Numbers, percentages, lists and translated text in one locale.

    *decimals* is the report's one precision: every computed share is printed with
    that many places (trailing zeros dropped in sentences, kept in table columns).
    """

    def __init__(self, locale: str = "vi", decimals: int = 2) -> None:
        self.locale = check_locale(locale)
        if isinstance(decimals, bool) or not isinstance(decimals, int) or decimals < 0:
            reason = N_("phải là số nguyên từ 0 trở lên")
            raise RuleParameterError("Writer", "decimals", decimals, reason)
        self.decimals = decimals
        catalogue = translations(locale)
        self._ = catalogue.gettext
        self.ngettext = catalogue.ngettext

    def digits(self, text: str) -> str:
        """Vietnamese figures in *text* with the writer's separators."""
        # Vietnamese writes 38.356 and 93,75; English 38,356 and 93.75.
        return text if self.locale == "vi" else text.translate(_SWAP)

    def number(self, value: int) -> str:
        """A count: "38.356" (vi), "38,356" (en)."""
        return self.digits(format_number(value))

    def percent(
        self, share: Fraction, beside: Fraction | None = None, *, fixed: bool = False
    ) -> str:
        """A share as a percentage, kept on its side of *beside* when given, and never
        "0%" or "100%" unless it is none or all.

        *fixed* keeps trailing zeros, so that a table column lines up ("2,60%").
        """
        if beside is None:
            # No target: only the ends, "0%" (none) and "100%" (all), are kept to the
            # share they are true of; 99.999 of 100.000 is "99,99%".
            return self.digits(
                format_percent_against(share, 0, 1, decimals=self.decimals, fixed=fixed)
            )
        return self.digits(
            format_percent_against(share, beside, decimals=self.decimals, fixed=fixed)
        )

    def against(self, share: Fraction, target: Target, *, fixed: bool = False) -> str:
        """A share printed beside a rule's target: its threshold, or both ends of a band."""
        low = Fraction(target.value)
        high = None if target.upper is None else Fraction(target.upper)
        return self.digits(
            format_percent_against(share, low, high, decimals=self.decimals, fixed=fixed)
        )

    def published(self, share: Fraction, decimals: int) -> str:
        """A published share with the places it was printed with: "98,3%", "93,75%"."""
        return self.digits(format_number(share * 100, decimals) + "%")

    def percent_in_band(self, share: Fraction, low: Fraction, high: Fraction) -> str:
        """Deprecated: use :func:`coso_dang.vi.format_percent_against` (or :meth:`against`).

        The share printed beside a band, by the one policy the rules print with.
        """
        warnings.warn(
            "Writer.percent_in_band is deprecated; use coso_dang.vi.format_percent_against",
            DeprecationWarning,
            stacklevel=2,
        )
        return self.digits(format_percent_against(share, low, high, decimals=self.decimals))

    def day(self, when: date) -> str:
        """A day in running text: "30/6/2024", "05/02/2024" (vi), "30 June 2024" (en)."""
        if self.locale == "vi":
            return format_date(when, "numeric")
        return f"{when.day} {_MONTHS[when.month - 1]} {when.year}"

    def ratio(self, numerator: int, denominator: int) -> str:
        """A count over a total: "30/32"."""
        return f"{self.number(numerator)}/{self.number(denominator)}"

    def join(self, items: Sequence[str]) -> str:
        """ "A, B và C" (vi), "A, B and C" (en)."""
        if len(items) <= 1:
            return "".join(items)
        return self._("{items} và {last}").format(items=", ".join(items[:-1]), last=items[-1])

    def series(self, items: Sequence[str]) -> str:
        """The counts of a structure sentence: "A, B, C" (vi, as party reports list
        them), "A, B and C" (en)."""
        if len(items) <= 1:
            return "".join(items)
        return self._("{items}, {last}").format(items=", ".join(items[:-1]), last=items[-1])

    def label(self, item: HasLabel) -> str:
        """The translated label of an enum member, indicator or ratio."""
        lookup = self._
        return lookup(item.label)

    def text(self, message: str) -> str:
        """A message that is data (a rule's title, a status label), translated if known."""
        lookup = self._
        return lookup(message)
