"""Vietnamese toolkit: numbers, number words, dates and text, with no knowledge of the party.

Every Babel call in the library lives here. Nothing reads the machine's locale.
"""

from __future__ import annotations

from coso_dang._deprecation import aliases
from coso_dang.vi.dates import (
    TERM_YEARS,
    DateMatch,
    DateStyle,
    find_dates,
    format_date,
    format_datetime,
    format_period,
    format_quarter,
    format_term,
    parse_date,
    parse_datetime,
    parse_period,
    parse_quarter,
    parse_term,
    weekday_name,
)
from coso_dang.vi.legacy import convert_legacy, detect_legacy_encoding
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
from coso_dang.vi.thresholds import format_percent_against, format_threshold, pad_decimals
from coso_dang.vi.words import (
    format_number_words,
    format_ordinal,
    format_roman,
    parse_number_words,
    parse_ordinal,
    parse_roman,
)

__all__ = [
    "TERM_YEARS",
    "DateMatch",
    "DateStyle",
    "PercentRange",
    "approx_percent",
    "convert_legacy",
    "detect_legacy_encoding",
    "find_dates",
    "fold",
    "format_date",
    "format_datetime",
    "format_number",
    "format_number_words",
    "format_ordinal",
    "format_percent",
    "format_percent_against",
    "format_percent_beside",
    "format_period",
    "format_quarter",
    "format_roman",
    "format_term",
    "format_threshold",
    "normalize",
    "pad_decimals",
    "parse_date",
    "parse_datetime",
    "parse_number",
    "parse_number_words",
    "parse_ordinal",
    "parse_percent",
    "parse_percent_range",
    "parse_period",
    "parse_quarter",
    "parse_roman",
    "parse_term",
    "weekday_name",
]

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
