"""Write docs/so-sanh.md: coso-dang's Vietnamese output beside Babel's and num2words'.

Re-run after changing the toolkit (needs the ``docs`` extra for num2words):

    python scripts/compare_formatting.py > docs/so-sanh.md
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from decimal import Decimal
from fractions import Fraction

from babel.dates import format_date as babel_date
from babel.dates import format_datetime as babel_datetime
from babel.numbers import format_decimal as babel_decimal
from babel.numbers import format_percent as babel_percent
from num2words import num2words

from coso_dang.vi import (
    format_date,
    format_datetime,
    format_number,
    format_percent,
    number_to_words,
)

# (value, what a Vietnamese reader expects): the expectation is written out by hand.
WORDS: list[tuple[int | Decimal, str]] = [
    (15, "mười lăm"),
    (21, "hai mươi mốt"),
    (105, "một trăm linh năm"),
    (2021, "hai nghìn không trăm hai mươi mốt"),
    (38356, "ba mươi tám nghìn ba trăm năm mươi sáu"),
    (1000005, "một triệu không trăm linh năm"),
    (-5, "âm năm"),
    (Decimal("3.5"), "ba phẩy năm"),
    (Decimal("0.05"), "không phẩy không năm"),
]
PERCENTS: list[tuple[Fraction, str]] = [
    (Fraction(895, 1000), "89,5%"),
    (Fraction(905, 1000), "90,5%"),
    (Fraction(15, 16), "93,75%"),
    (Fraction(8999, 10000), "89,99%"),
    (Fraction(1837, 1899), "96,74%"),
]
NUMBERS: list[tuple[int | Decimal, str]] = [
    (38356, "38.356"),
    (Decimal("93.75"), "93,75"),
    (-1234, "-1.234"),
]
DATES: list[tuple[dt.date, str]] = [
    (dt.date(2018, 4, 3), "ngày 03 tháng 4 năm 2018"),
    (dt.date(2023, 1, 12), "ngày 12 tháng 01 năm 2023"),
    (dt.date(2022, 6, 16), "ngày 16 tháng 6 năm 2022"),
]
DATETIMES: list[tuple[dt.datetime, str]] = [
    (dt.datetime(2022, 9, 29, 16, 49), "Thứ năm, 29/09/2022 16:49"),
]


def _safe(call: Callable[[], str]) -> str:
    try:
        return call()
    except Exception as error:  # a peer's failure is a finding, not a crash
        return f"lỗi: {type(error).__name__}"


def _table(
    title: str,
    peer_name: str,
    rows: Iterable[tuple[str, str, str, str]],
) -> list[str]:
    lines = [
        f"## {title}",
        "",
        f"| giá trị | mong đợi | coso-dang | {peer_name} |",
        "|---|---|---|---|",
    ]
    for value, expected, ours, peer in rows:
        mark = "✅" if ours == expected else "❌"
        peer_mark = "✅" if peer == expected else "❌"
        lines.append(f"| `{value}` | {expected} | {ours} {mark} | {peer} {peer_mark} |")
    lines.append("")
    return lines


def main() -> None:
    out = [
        "# So sánh (comparison with Babel and num2words)",
        "",
        "Produced by `scripts/compare_formatting.py`; re-run it to refresh this page.",
        "Each row shows what a Vietnamese official document expects, coso-dang's output",
        "and the general-purpose library's output on its defaults (Babel with",
        "`locale='vi'`, num2words with `lang='vi'`).",
        "",
    ]
    out += _table(
        "Số thành chữ (number words)",
        "num2words",
        (
            (str(v), e, number_to_words(v), _safe(lambda v=v: num2words(v, lang="vi")))
            for v, e in WORDS
        ),
    )
    out += _table(
        "Phần trăm (percentages)",
        "Babel",
        (
            (str(v), e, format_percent(v), _safe(lambda v=v: babel_percent(float(v), locale="vi")))
            for v, e in PERCENTS
        ),
    )
    out += _table(
        "Số (numbers)",
        "Babel",
        (
            (str(v), e, format_number(v), _safe(lambda v=v: babel_decimal(v, locale="vi")))
            for v, e in NUMBERS
        ),
    )
    out += _table(
        "Ngày trong văn bản (dates in documents)",
        "Babel",
        (
            (
                v.isoformat(),
                e,
                format_date(v, style="official"),
                _safe(lambda v=v: babel_date(v, format="long", locale="vi")),
            )
            for v, e in DATES
        ),
    )
    out += _table(
        "Dòng thời gian bản tin (news headers)",
        "Babel",
        (
            (
                v.isoformat(),
                e,
                format_datetime(v),
                _safe(lambda v=v: babel_datetime(v, locale="vi")),
            )
            for v, e in DATETIMES
        ),
    )
    print("\n".join(out).rstrip())


if __name__ == "__main__":
    main()
