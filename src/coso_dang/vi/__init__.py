"""Vietnamese toolkit: numbers, number words, dates and text, with no knowledge of the party.

Every Babel call in the library lives here. Nothing reads the machine's locale.
"""

from __future__ import annotations

from coso_dang.vi.numbers import (
    PercentRange,
    approx_percent,
    format_number,
    format_percent,
    format_percent_beside,
    parse_number,
    parse_percent,
    parse_percent_range,
)
from coso_dang.vi.text import fold, normalize
from coso_dang.vi.words import (
    from_roman,
    number_to_words,
    ordinal_words,
    parse_ordinal,
    to_roman,
    words_to_number,
)

__all__ = [
    "PercentRange",
    "approx_percent",
    "fold",
    "format_number",
    "format_percent",
    "format_percent_beside",
    "from_roman",
    "normalize",
    "number_to_words",
    "ordinal_words",
    "parse_number",
    "parse_ordinal",
    "parse_percent",
    "parse_percent_range",
    "to_roman",
    "words_to_number",
]
