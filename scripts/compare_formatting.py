"""Write docs/so-sanh.md: coso-dang beside Babel and num2words on the golden tables.

The rows are the golden tables the tests run (``tests/golden.py``): every number-word,
number, percentage and date case, nothing picked by hand. For each table the page gives
how many rows each library gets right, the rows where the other library differs (at most
``SHOWN`` of them, each trap shown at least once) and a short note per trap.

Re-run after changing the toolkit or the golden tables (needs the ``docs`` extra for
num2words); ``tests/test_vi_so_sanh.py`` fails while the committed page is out of date:

    python scripts/compare_formatting.py --write
"""

from __future__ import annotations

import argparse
import importlib.util
import re
import sys
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from fractions import Fraction
from importlib.metadata import version
from pathlib import Path
from types import ModuleType

from babel.dates import format_date as babel_date
from babel.dates import parse_date as babel_parse_date
from babel.numbers import format_decimal as babel_decimal
from babel.numbers import format_percent as babel_percent
from babel.numbers import parse_decimal as babel_parse_decimal
from num2words import num2words

from coso_dang.errors import ParseError
from coso_dang.vi import (
    format_date,
    format_number,
    format_number_words,
    format_percent,
    parse_date,
    parse_number,
)

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "docs" / "so-sanh.md"
#: At most this many differing rows are listed per table (each trap at least once).
SHOWN = 12
#: Babel's nearest named format for each of our date styles.
BABEL_FORMAT = {
    "official": "long",
    "numeric": "short",
    "numeric_padded": "short",
    "dash": "short",
    "weekday": "full",
}


def load_golden() -> ModuleType:
    """tests/golden.py, imported by path (tests/ is not a package the script can import)."""
    spec = importlib.util.spec_from_file_location("coso_dang_golden", ROOT / "tests" / "golden.py")
    if spec is None or spec.loader is None:
        raise ImportError("cannot load tests/golden.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def versions() -> dict[str, str]:
    """The versions of the compared libraries, as the page records them."""
    return {name: version(name) for name in ("Babel", "num2words")}


# -- one compared row -------------------------------------------------------------------------

_FAILED = "lỗi: "


@dataclass
class Row:
    """One golden case: the input, what it must give, what each library gives."""

    shown: str
    expected: str
    ours: str
    peer: str
    ours_ok: bool
    peer_ok: bool
    traps: list[str] = field(default_factory=list)


def _attempt(call: Callable[[], object]) -> object:
    try:
        return call()
    except Exception as error:  # a library's failure is a finding, not a crash
        return error


def _text(result: object) -> str:
    if isinstance(result, BaseException):
        return f"{_FAILED}{type(result).__name__}"
    if isinstance(result, date):
        return result.isoformat()
    return str(result)


def _show(value: object) -> str:
    if isinstance(value, Fraction):
        return f"{value.numerator}/{value.denominator}"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        nfd = " (NFD)" if unicodedata.normalize("NFC", value) != value else ""
        return f"{value!r}{nfd}"
    return str(value)


def _for_babel(value: object) -> object:
    """Babel takes no Fraction: it is given the Decimal quotient instead."""
    if isinstance(value, Fraction):
        return Decimal(value.numerator) / Decimal(value.denominator)
    return value


def _row(shown: str, expected: str, ours: object, peer: object) -> Row:
    ours_text, peer_text = _text(ours), _text(peer)
    return Row(shown, expected, ours_text, peer_text, ours_text == expected, peer_text == expected)


# -- traps: why a row differs -----------------------------------------------------------------

_SCALES = re.compile(r"\b(nghìn|ngàn|triệu|tỷ)\b")


def _word_traps(value: int, expected: str, peer: str) -> list[str]:
    if peer.startswith(_FAILED):
        return ["error"]
    if value < 0 and not peer.startswith("âm"):
        return ["negative"]
    traps = []
    if re.search(r"[A-Z][a-z]+illion", peer):
        traps.append("latin")
    elif _SCALES.findall(expected.replace("ngàn", "nghìn")) != _SCALES.findall(peer):
        traps.append("scale")
    if "linh" in expected and "lẻ" in peer:
        traps.append("le")
    if "không trăm" in expected and "không trăm" not in peer:
        traps.append("khong_tram")
    if "ngàn" in expected and "nghìn" in peer:
        traps.append("ngan")
    if "mươi tư" in expected and "mươi bốn" in peer:
        traps.append("tu")
    return traps or ["other"]


WORD_NOTES = {
    "le": "«lẻ» for «linh»: num2words reads a zero tens digit the southern way; official "
    "documents write «linh».",
    "khong_tram": "«không trăm» dropped (or turned into «lẻ») for a zero hundreds digit after "
    "a larger unit: 2021 reads «hai nghìn không trăm hai mươi mốt», not «hai nghìn lẻ hai "
    "mươi mốt».",
    "scale": "wrong units from 10^12 up: 10^15 is «một triệu tỷ», not «một trăm nghìn tỷ», and "
    "1.500 tỷ is not «một nghìn tỷ năm trăm tỷ».",
    "latin": "English unit names (Quintillion, Sextillion, Octillion) from 10^18 up, and "
    "10^27 read from its float value.",
    "negative": "no «âm»: a negative number is read as another number entirely (-5 → «mười lăm»).",
    "error": "num2words raises an exception (IndexError) instead of reading the number.",
    "ngan": "«nghìn» where the southern spelling says «ngàn»: num2words has no southern variant.",
    "tu": "«bốn» where the southern spelling says «tư» after «mươi» (24 → «hai mươi tư»).",
    "other": "some other difference.",
}


def _decimal_traps(value: Decimal, expected: str, peer: str) -> list[str]:
    if value < 0:
        return ["negative"]
    digits = str(abs(value)).partition(".")[2]
    traps = []
    if set(digits) == {"0"}:
        traps.append("trailing_zero")
    elif len(digits) > 2:
        traps.append("two_places")
    if digits.startswith("0") and set(digits) != {"0"}:
        traps.append("leading_zero")
    if len(digits) == 1 and digits != "0":
        traps.append("tens")
    return traps or ["other"]


DECIMAL_NOTES = {
    "tens": "one decimal read as tens: 3,5 becomes «ba phẩy năm mươi».",
    "leading_zero": "leading zeros after the comma dropped: 0,05 becomes «không phẩy năm».",
    "two_places": "rounded to two decimals first: 0,001 becomes «không», 3,105 «ba phẩy mười».",
    "trailing_zero": "«phẩy không» dropped: 5,0 and 5,00 both become «năm».",
    "negative": "the sign is lost or the number changes: -3,25 becomes «mười bảy phẩy hai "
    "mươi lăm».",
    "other": "some other difference.",
}


def _number_traps(value: object, expected: str, peer: str) -> list[str]:
    if peer.startswith(_FAILED):
        return ["error"]
    traps = []
    if peer.startswith("-") and not expected.startswith("-"):
        traps.append("minus_zero")
    places = expected.partition(",")[2]
    if len(places) > 3:
        traps.append("three_places")
    elif places.endswith("0"):
        traps.append("trailing_zero")
    return traps or ["other"]


NUMBER_NOTES = {
    "three_places": "at most three decimals by default: 0,00001 prints as «0» and 15/16 as "
    "«0,938».",
    "trailing_zero": "trailing zeros dropped: Decimal('1.50') prints «1,5»; the written "
    "precision is lost.",
    "minus_zero": "a minus sign on zero: Decimal('-0') prints «-0».",
    "error": "Babel raises an exception.",
    "other": "some other difference.",
}


def _rounding_traps(rounding: str, expected: str, peer: str) -> list[str]:
    if peer.startswith("-") and not expected.startswith("-"):
        return ["minus_zero"]
    if rounding.lower() not in ("half_even", "round_half_even"):
        return ["half_even"]
    return ["other"]


ROUNDING_NOTES = {
    "half_even": "Babel always rounds half-even and offers no other rounding: 2,345 gives "
    "«2,34» where half-up gives «2,35», and «down», «floor», «ceiling» cannot be asked for.",
    "minus_zero": "a minus sign on a value that rounds to zero: -0,001 prints «-0,00».",
    "other": "some other difference.",
}

PERCENT_NOTES = {
    "whole": "Babel's percent pattern for vi has no decimals: 15/16 prints «94%», 1837/1899 "
    "«97%», 0,895 and 0,905 both «90%». A report needs the two decimals.",
}

PARSE_NUMBER_NOTES = {
    "minus_sign": "the Unicode minus sign (U+2212) that word processors put in is not read.",
    "other": "some other difference.",
}


def _format_date_traps(style: str, place: str | None, expected: str, peer: str) -> list[str]:
    traps = []
    if style == "official":
        traps.append("long")
    elif style == "weekday":
        traps.append("full")
    else:
        if re.search(r"/\d{2}$", peer):
            traps.append("two_digit_year")
        if style == "dash":
            traps.append("dash")
    if place:
        traps.append("place")
    if style != "weekday" and re.search(r"(^|\D)0\d", expected):
        traps.append("padding")
    return traps


DATE_NOTES = {
    "long": "the long format is «3 tháng 4, 2018»: no «ngày … năm» as documents write "
    "(Nghị định 30/2020/NĐ-CP).",
    "padding": "no leading zero for days 1–9 and months 1–2 («ngày 03 tháng 4», «12/01/2023»).",
    "two_digit_year": "the short format writes a two-digit year («16/6/22»).",
    "dash": "no dashed style (16-6-2022, as the party press writes).",
    "place": "no place before the date («Hà Nội, ngày …»).",
    "full": "the full format capitalises the weekday number («Thứ Năm») and spells the month "
    "(«29 tháng 9, 2022» where headers write 29/09/2022).",
}


def _parse_date_traps(text: str, peer: str) -> list[str]:
    if peer.startswith(_FAILED):
        return ["refused"]
    if re.search(r"\d{1,2}:\d{2}", text):
        return ["time_as_date"]
    if re.search(r"(?i)thứ \d", text):
        return ["weekday_number"]
    return ["other"]


PARSE_DATE_NOTES = {
    "time_as_date": "a time before the date is read as the date: «12:03, 22/03/2023» gives "
    "2022-03-12 — a wrong date, silently.",
    "weekday_number": "«Thứ 5» (Thursday) is read as a day: «Thứ 5, 29/09/2022» gives 2009-05-29.",
    "refused": "refused: a time written «16h30», or an ISO date with a time.",
    "other": "some other difference.",
}

# The start of each golden reason (tests/golden.py INVALID_CASES) and the trap it marks.
_INVALID_TRAPS = {
    "there is no day": "impossible_day",
    "there is no month": "impossible_day",
    "day-first": "guess",
    "four digits": "guess",
    "there is no hour": "bad_time",
    "minutes and seconds": "bad_time",
    "two times": "time_as_date",
}


def _invalid_date_traps(reason: str, peer: str) -> list[str]:
    if peer.startswith(_FAILED):
        return ["crash"]
    if reason.startswith("is a "):
        return ["weekday_unchecked"]
    return [next((t for k, t in _INVALID_TRAPS.items() if reason.startswith(k)), "other")]


INVALID_DATE_NOTES = {
    "impossible_day": "an impossible date is turned into another one: «ngày 1 tháng 13 năm "
    "2022» gives 2022-01-13 and «6/16/2022» is read month-first.",
    "guess": "text that is not a full day-first date is guessed at: a two-digit year, mixed "
    "separators «16-6/2022», trailing words «16/6/2022 abc».",
    "weekday_unchecked": "the weekday is not checked against the date («Thứ hai, 29/09/2022» "
    "is a Thursday).",
    "bad_time": "an impossible time (12:60) is ignored.",
    "time_as_date": "a time is read as the date: «12:03, 22/03/2023 10:00» gives 2022-03-12.",
    "crash": "an IndexError instead of a parse error, on «16/6» and «tháng 6 năm 2022».",
    "other": "some other difference.",
}


# -- the tables -------------------------------------------------------------------------------


@dataclass
class Table:
    """One golden table compared with one library."""

    title: str
    source: str
    peer: str
    call: str
    rows: list[Row]
    notes: dict[str, str]
    remark: str = ""


def _words_table(golden: ModuleType) -> list[Table]:
    north = [
        _row(
            str(n),
            w,
            _attempt(lambda n=n: format_number_words(n)),
            _attempt(lambda n=n: num2words(n, lang="vi")),
        )
        for n, w in golden.NORTH
    ]
    for row, (n, _) in zip(north, golden.NORTH, strict=True):
        row.traps = [] if row.peer_ok else _word_traps(n, row.expected, row.peer)
    south = [
        _row(
            str(n),
            w,
            _attempt(lambda n=n: format_number_words(n, variant="south")),
            _attempt(lambda n=n: num2words(n, lang="vi")),
        )
        for n, w in golden.SOUTH
    ]
    for row, (n, _) in zip(south, golden.SOUTH, strict=True):
        row.traps = [] if row.peer_ok else _word_traps(n, row.expected, row.peer)
    decimals = [
        _row(
            str(d),
            w,
            _attempt(lambda d=d: format_number_words(d)),
            _attempt(lambda d=d: num2words(d, lang="vi")),
        )
        for d, w in golden.DECIMALS
    ]
    for row, (d, _) in zip(decimals, golden.DECIMALS, strict=True):
        row.traps = [] if row.peer_ok else _decimal_traps(d, row.expected, row.peer)
    return [
        Table(
            "Số thành chữ, miền Bắc (number words, northern/official)",
            "NORTH",
            "num2words",
            "`format_number_words(n)` · `num2words(n, lang='vi')`",
            north,
            WORD_NOTES,
        ),
        Table(
            "Số thành chữ, miền Nam (number words, southern)",
            "SOUTH",
            "num2words",
            "`format_number_words(n, variant='south')` · `num2words(n, lang='vi')`",
            south,
            WORD_NOTES,
            "num2words has one Vietnamese reading, compared here with the southern table.",
        ),
        Table(
            "Số thập phân thành chữ (decimals in words)",
            "DECIMALS",
            "num2words",
            "`format_number_words(d)` · `num2words(d, lang='vi')`",
            decimals,
            DECIMAL_NOTES,
        ),
    ]


def _numbers_tables(golden: ModuleType) -> list[Table]:
    formatted = []
    for value, text in golden.FORMATTED:
        row = _row(
            _show(value),
            text,
            _attempt(lambda v=value: format_number(v)),
            _attempt(lambda v=value: babel_decimal(_for_babel(v), locale="vi")),
        )
        row.traps = [] if row.peer_ok else _number_traps(value, row.expected, row.peer)
        formatted.append(row)
    rounded = []
    for value, places, rounding, text in golden.ROUNDED:
        pattern = "#,##0." + "0" * places if places else "#,##0"
        row = _row(
            f"{_show(value)} · {places} · {rounding}",
            text,
            _attempt(lambda v=value, p=places, r=rounding: format_number(v, p, rounding=r)),
            _attempt(
                lambda v=value, f=pattern: babel_decimal(_for_babel(v), format=f, locale="vi")
            ),
        )
        row.traps = [] if row.peer_ok else _rounding_traps(rounding, row.expected, row.peer)
        rounded.append(row)
    percents = []
    for value, text in golden.PERCENTS:
        row = _row(
            _show(value),
            text,
            _attempt(lambda v=value: format_percent(v)),
            _attempt(lambda v=value: babel_percent(_for_babel(v), locale="vi")),
        )
        row.traps = [] if row.peer_ok else ["whole"]
        percents.append(row)
    parsed = []
    for text, value in golden.PARSED:
        row = _row(
            _show(text),
            str(value),
            _attempt(lambda t=text: parse_number(t)),
            _attempt(lambda t=text: babel_parse_decimal(t, locale="vi")),
        )
        # Babel returns a Decimal: "38356" is right for 38356, "1.50" for Decimal("1.50").
        row.traps = [] if row.peer_ok else ["minus_sign" if "\u2212" in text else "other"]
        parsed.append(row)
    return [
        Table(
            "Số (numbers)",
            "FORMATTED",
            "Babel",
            "`format_number(x)` · `format_decimal(x, locale='vi')`",
            formatted,
            NUMBER_NOTES,
            "Babel takes no Fraction: it is given `Decimal(numerator) / Decimal(denominator)`.",
        ),
        Table(
            "Làm tròn (rounding)",
            "ROUNDED",
            "Babel",
            "`format_number(x, places, rounding=r)` · `format_decimal(x, format='#,##0.00', "
            "locale='vi')` (as many zeros as places)",
            rounded,
            ROUNDING_NOTES,
            "Each row gives the number, the places and the rounding asked for.",
        ),
        Table(
            "Phần trăm (percentages)",
            "PERCENTS",
            "Babel",
            "`format_percent(x)` · `babel.numbers.format_percent(x, locale='vi')`",
            percents,
            PERCENT_NOTES,
            "1837/1899 = 0,967351…, so 96,7351…% rounds half-up to 96,74% (see "
            "[Định dạng tiếng Việt](vi.md)).",
        ),
        Table(
            "Đọc số (reading numbers)",
            "PARSED",
            "Babel",
            "`parse_number(text)` · `parse_decimal(text, locale='vi')`",
            parsed,
            PARSE_NUMBER_NOTES,
        ),
    ]


def _dates_tables(golden: ModuleType) -> list[Table]:
    written = []
    for day, style, pad_month, place, text in golden.FORMAT_CASES:
        options = " · pad_month" if pad_month else ""
        options += f" · place={place}" if place else ""
        row = _row(
            f"{day.isoformat()} · {style}{options}",
            text,
            _attempt(
                lambda d=day, s=style, m=pad_month, p=place: format_date(d, s, place=p, pad_month=m)
            ),
            _attempt(lambda d=day, s=style: babel_date(d, format=BABEL_FORMAT[s], locale="vi")),
        )
        row.traps = [] if row.peer_ok else _format_date_traps(style, place, text, row.peer)
        written.append(row)
    read = []
    for text, day in golden.PARSE_CASES:
        row = _row(
            _show(text),
            day.isoformat(),
            _attempt(lambda t=text: parse_date(t)),
            _attempt(lambda t=text: babel_parse_date(t, locale="vi")),
        )
        row.traps = [] if row.peer_ok else _parse_date_traps(text, row.peer)
        read.append(row)
    refused = []
    for text, reason in golden.INVALID_CASES:
        ours = _attempt(lambda t=text: parse_date(t))
        peer = _attempt(lambda t=text: babel_parse_date(t, locale="vi"))
        row = Row(
            _show(text),
            "lỗi (error)",
            _text(ours),
            _text(peer),
            isinstance(ours, ParseError),
            isinstance(peer, ValueError),
        )
        row.traps = [] if row.peer_ok else _invalid_date_traps(reason, row.peer)
        refused.append(row)
    styles = ", ".join(f"{ours} → `{babel}`" for ours, babel in BABEL_FORMAT.items())
    return [
        Table(
            "Viết ngày (writing dates)",
            "FORMAT_CASES",
            "Babel",
            "`format_date(d, style, place=…, pad_month=…)` · `format_date(d, format=…, "
            "locale='vi')`",
            written,
            DATE_NOTES,
            f"Babel has no place, padding or dashed option; each style is compared with "
            f"Babel's nearest named format: {styles}.",
        ),
        Table(
            "Đọc ngày (reading dates)",
            "PARSE_CASES",
            "Babel",
            "`parse_date(text)` · `parse_date(text, locale='vi')`",
            read,
            PARSE_DATE_NOTES,
        ),
        Table(
            "Ngày không hợp lệ (text that names no date)",
            "INVALID_CASES",
            "Babel",
            "`parse_date(text)` · `parse_date(text, locale='vi')`",
            refused,
            INVALID_DATE_NOTES,
            "Right means refused with a parse error (a `ValueError`); a date returned for "
            "these is a wrong date.",
        ),
    ]


# -- the page ---------------------------------------------------------------------------------


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _chosen(rows: Sequence[Row]) -> list[Row]:
    """At most SHOWN differing rows, in table order, the first of each trap among them."""
    differing = [row for row in rows if not (row.ours_ok and row.peer_ok and row.ours == row.peer)]
    firsts: dict[str, int] = {}
    for position, row in enumerate(differing):
        for trap in row.traps:
            firsts.setdefault(trap, position)
    keep = set(firsts.values())
    for position in range(len(differing)):
        if len(keep) >= SHOWN:
            break
        keep.add(position)
    return [row for position, row in enumerate(differing) if position in keep]


def _render_table(table: Table) -> list[str]:
    total = len(table.rows)
    ours = sum(row.ours_ok for row in table.rows)
    peer = sum(row.peer_ok for row in table.rows)
    differing = [r for r in table.rows if not (r.ours_ok and r.peer_ok and r.ours == r.peer)]
    lines = [
        f"## {table.title}",
        "",
        f"Golden table `{table.source}`, {total} rows; {table.call}.",
        "",
        f"**Right: coso-dang {ours}/{total}, {table.peer} {peer}/{total}.**",
        "",
    ]
    if table.remark:
        lines += [table.remark, ""]
    if not differing:
        lines += [f"{table.peer} gives the same as coso-dang on every row.", ""]
        return lines
    shown = _chosen(table.rows)
    count = len(differing)
    if count == 1:
        lines.append(f"The row where {table.peer} differs:")
    elif len(shown) == count:
        lines.append(f"The {count} rows where {table.peer} differs:")
    else:
        lines.append(
            f"{len(shown)} of the {count} rows where {table.peer} differs (the first of each "
            f"trap, then in table order; all rows are in `tests/golden.py`):"
        )
    lines += [
        "",
        f"| input | expected | coso-dang | {table.peer} | trap |",
        "|---|---|---|---|---|",
    ]
    for row in shown:
        mark = "✅" if row.ours_ok else "❌"
        peer_mark = "✅" if row.peer_ok else "❌"
        traps = ", ".join(row.traps)
        lines.append(
            f"| `{_cell(row.shown)}` | {_cell(row.expected)} | {_cell(row.ours)} {mark} "
            f"| {_cell(row.peer)} {peer_mark} | {traps} |"
        )
    counts: dict[str, int] = {}
    for row in differing:
        for trap in row.traps:
            counts[trap] = counts.get(trap, 0) + 1
    lines += ["", "Traps:", ""]
    for trap, note in table.notes.items():
        if trap in counts:
            rows = "row" if counts[trap] == 1 else "rows"
            lines.append(f"- **{trap}** ({counts[trap]} {rows}): {note}")
    lines.append("")
    return lines


def tables() -> list[Table]:
    """Every golden table compared with its library."""
    golden = load_golden()
    return [*_words_table(golden), *_numbers_tables(golden), *_dates_tables(golden)]


def render() -> str:
    """The page, as ``docs/so-sanh.md`` holds it."""
    used = versions()
    out = [
        "# So sánh (comparison with Babel and num2words)",
        "",
        "Produced by `scripts/compare_formatting.py` from the golden tables the tests run",
        "(`tests/golden.py`); re-run `python scripts/compare_formatting.py --write` to refresh",
        "it (a test fails while it is out of date). Each table counts the rows each library",
        "gets right on its defaults (Babel with `locale='vi'`, num2words with `lang='vi'`),",
        "lists the rows where they differ and says what each trap is. The approximate",
        "phrasing of `approx_percent` (table `APPROX`) has no counterpart in either library.",
        "",
        f"Made with Babel {used['Babel']} and num2words {used['num2words']}.",
        "",
    ]
    for table in tables():
        out += _render_table(table)
    return "\n".join(out).rstrip() + "\n"


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help=f"write {PAGE.relative_to(ROOT)}")
    args = parser.parse_args(None if argv is None else list(argv))
    page = render()
    if args.write:
        PAGE.write_text(page, encoding="utf-8")
    else:
        sys.stdout.write(page)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
