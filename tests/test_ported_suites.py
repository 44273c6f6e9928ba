"""Other projects' test cases, ported as facts to the library's own functions.

Each class names the suite it comes from. The expected values are the other project's
facts, written here by hand; where the library writes something else on purpose (the
northern, official "linh" where num2words and CLDR write "lẻ"; "thứ hai" where CLDR writes
"thứ nhì"), the test says so and checks that the library still *reads* the other form.

* num2words, ``tests/test_vi.py`` (Vietnamese number words);
* Babel, ``tests/test_numbers_parsing.py`` (strict parsing of grouped numbers);
* CLDR, ``common/rbnf/vi.xml`` (the rules ICU spells Vietnamese numbers with) and the vi
  locale's number and date patterns (as Babel prints them);
* python-holidays, ``tests/countries/test_vietnam.py`` (public holidays, observed and
  swapped days), with the government's announcements for 2025 and 2026;
* dateutil, ``tests/test_relativedelta.py`` (month ends, 29 February, ages);
* underthesea, ``tests/pipeline/text_normalize/test_text_normalize.py``, and the
  tone-placement rule of the Vietnamese Launchpad translators' spelling guide.
"""

from __future__ import annotations

import unicodedata
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

import pytest

from coso_dang import Member
from coso_dang.errors import ParseError
from coso_dang.members import probation_end, shifted_by, years_after
from coso_dang.operations import WorkCalendar
from coso_dang.vi import (
    fold,
    format_number,
    format_number_words,
    format_ordinal,
    format_percent,
    normalize,
    parse_date,
    parse_datetime,
    parse_number,
    parse_number_words,
    parse_ordinal,
    parse_percent,
)

d = date


# -- num2words: tests/test_vi.py -------------------------------------------------------------

# Every case of the suite whose words are the official, northern reading.
_NUM2WORDS_NORTH = [
    (0, "không"),
    (1, "một"),
    (2, "hai"),
    (7, "bảy"),
    (10, "mười"),
    (11, "mười một"),
    (13, "mười ba"),
    (14, "mười bốn"),
    (15, "mười lăm"),
    (16, "mười sáu"),
    (19, "mười chín"),
    (20, "hai mươi"),
    (23, "hai mươi ba"),
    (28, "hai mươi tám"),
    (31, "ba mươi mốt"),
    (40, "bốn mươi"),
    (66, "sáu mươi sáu"),
    (92, "chín mươi hai"),
    (100, "một trăm"),
    (150, "một trăm năm mươi"),
    (196, "một trăm chín mươi sáu"),
    (200, "hai trăm"),
    (210, "hai trăm mười"),
    (1000, "một nghìn"),
    (1500, "một nghìn năm trăm"),
    (7378, "bảy nghìn ba trăm bảy mươi tám"),
    (2000, "hai nghìn"),
    (2100, "hai nghìn một trăm"),
    (6870, "sáu nghìn tám trăm bảy mươi"),
    (10000, "mười nghìn"),
    (100000, "một trăm nghìn"),
    (523456, "năm trăm hai mươi ba nghìn bốn trăm năm mươi sáu"),
    (1000000, "một triệu"),
    (1200000, "một triệu hai trăm nghìn"),
    (3000000, "ba triệu"),
    (3800000, "ba triệu tám trăm nghìn"),
    (1000000000, "một tỷ"),
    (2000000000, "hai tỷ"),
    (
        1234567890,
        "một tỷ hai trăm ba mươi bốn triệu năm trăm sáu mươi bảy nghìn tám trăm chín mươi",
    ),
    (21, "hai mươi mốt"),
    (25, "hai mươi lăm"),
    (98765, "chín mươi tám nghìn bảy trăm sáu mươi lăm"),
]

# num2words reads a zero tens digit "lẻ": the southern reading, which variant="south" gives.
_NUM2WORDS_LE = [
    (101, "một trăm lẻ một"),
    (105, "một trăm lẻ năm"),
    (701, "bảy trăm lẻ một"),
    (705, "bảy trăm lẻ năm"),
]

# The suite's cases marked "not for formal written": the spoken, shortened readings. The
# library writes the formal reading and reads the spoken one back.
_NUM2WORDS_SPOKEN = [
    (2000001000, "hai tỷ một nghìn", "hai tỷ không trăm linh một nghìn"),
    (1001, "một nghìn lẻ một", "một nghìn không trăm linh một"),
    (1005, "một nghìn lẻ năm", "một nghìn không trăm linh năm"),
    (3000005, "ba triệu lẻ năm", "ba triệu không trăm linh năm"),
    (1000007, "một triệu lẻ bảy", "một triệu không trăm linh bảy"),
    (1000000017, "một tỷ lẻ mười bảy", "một tỷ không trăm mười bảy"),
    (
        1000101017,
        "một tỷ một trăm lẻ một nghìn lẻ mười bảy",
        "một tỷ một trăm linh một nghìn không trăm mười bảy",
    ),
]


class TestNum2wordsVi:
    @pytest.mark.parametrize(("number", "words"), _NUM2WORDS_NORTH)
    def test_same_words(self, number: int, words: str) -> None:
        assert format_number_words(number) == words
        assert parse_number_words(words) == number

    @pytest.mark.parametrize(("number", "words"), _NUM2WORDS_LE)
    def test_le_is_the_southern_reading(self, number: int, words: str) -> None:
        """Deliberate: "linh" by default (official documents), "lẻ" with variant="south"."""
        assert format_number_words(number, variant="south") == words
        assert format_number_words(number) == words.replace("lẻ", "linh")
        assert parse_number_words(words) == number

    @pytest.mark.parametrize(
        ("number", "words"),
        [(1000.11, "một nghìn phẩy mười một"), (1000.21, "một nghìn phẩy hai mươi mốt")],
    )
    def test_decimals(self, number: float, words: str) -> None:
        assert format_number_words(number) == words
        assert parse_number_words(words) == Decimal(repr(number))

    @pytest.mark.parametrize(("number", "spoken", "formal"), _NUM2WORDS_SPOKEN)
    def test_spoken_readings_are_read_and_the_formal_one_written(
        self, number: int, spoken: str, formal: str
    ) -> None:
        assert parse_number_words(spoken) == number
        assert format_number_words(number) == formal
        assert parse_number_words(formal) == number


# -- CLDR: common/rbnf/vi.xml (ICU's Vietnamese spell-out) -----------------------------------

# What the CLDR rules spell, worked out by hand from them: "mốt", "tư" and "lăm" after
# mươi, "lẻ" before a lone digit after trăm, triệu and tỷ, "không trăm" after nghìn only,
# and a tỷ of tỷ for 10^18 and beyond left to digits.
_CLDR_CARDINALS = [
    (4, "bốn"),
    (14, "mười bốn"),
    (15, "mười lăm"),
    (21, "hai mươi mốt"),
    (24, "hai mươi tư"),
    (25, "hai mươi lăm"),
    (104, "một trăm lẻ bốn"),
    (110, "một trăm mười"),
    (115, "một trăm mười lăm"),
    (1004, "một nghìn không trăm lẻ bốn"),
    (1010, "một nghìn không trăm mười"),
    (1024, "một nghìn không trăm hai mươi tư"),
    (1100, "một nghìn một trăm"),
    (2021, "hai nghìn không trăm hai mươi mốt"),
    (10005, "mười nghìn không trăm lẻ năm"),
    (1000005, "một triệu lẻ năm"),
    (1000010, "một triệu mười"),
    (1005000, "một triệu năm nghìn"),
    (1000000001, "một tỷ lẻ một"),
    (1001000000, "một tỷ một triệu"),
    (10**12, "một nghìn tỷ"),
    (1500 * 10**9, "một nghìn năm trăm tỷ"),
    (10**15, "một triệu tỷ"),
    (10**15 + 5, "một triệu tỷ lẻ năm"),
    (10**15 + 10**6, "một triệu tỷ một triệu"),
    (-21, "âm hai mươi mốt"),
]


class TestCldrSpellout:
    @pytest.mark.parametrize(("number", "words"), _CLDR_CARDINALS)
    def test_every_cldr_reading_is_read(self, number: int, words: str) -> None:
        assert parse_number_words(words) == number

    @pytest.mark.parametrize(
        ("number", "words"),
        [(24, "hai mươi tư"), (1024, "một nghìn không trăm hai mươi tư"), (104, None)],
    )
    def test_tu_after_muoi_is_the_southern_reading(self, number: int, words: str | None) -> None:
        """Deliberate: CLDR writes "tư" after mươi with the northern "nghìn"; the library
        writes "bốn" by default and "tư" with variant="south" (with "ngàn" and "lẻ")."""
        north = format_number_words(number)
        assert "tư" not in north.split()
        if words is not None:
            assert north == words.replace("tư", "bốn")
        assert "tư" in format_number_words(24, variant="south").split()

    def test_cldr_decimals_are_read_digit_by_digit(self) -> None:
        """CLDR reads the digits after "phẩy" one by one; the library writes up to three as
        one number (documented) and reads both."""
        assert parse_number_words("ba phẩy hai năm") == Decimal("3.25")
        assert parse_number_words("ba phẩy hai mươi lăm") == Decimal("3.25")
        assert format_number_words(Decimal("3.25")) == "ba phẩy hai mươi lăm"

    @pytest.mark.parametrize(
        ("text", "number"),
        [("thứ nhất", 1), ("thứ nhì", 2), ("thứ ba", 3), ("thứ tư", 4), ("thứ năm", 5)],
    )
    def test_cldr_ordinals_are_read(self, text: str, number: int) -> None:
        assert parse_ordinal(text) == number

    def test_second_is_written_thu_hai(self) -> None:
        """Deliberate: CLDR writes the second "thứ nhì"; documents write "lần thứ hai"."""
        assert [format_ordinal(n) for n in (1, 2, 4)] == ["thứ nhất", "thứ hai", "thứ tư"]


class TestCldrViLocale:
    """The vi locale's symbols and patterns: "," decimal, "." group, "#,##0%"."""

    def test_symbols(self) -> None:
        assert format_number(Decimal("1234567.891")) == "1.234.567,891"
        assert parse_number("1.234.567,891") == Decimal("1234567.891")
        assert format_number(-1234) == "-1.234"

    def test_percent_has_no_space(self) -> None:
        assert format_percent(Fraction(1, 2)) == "50%"
        assert parse_percent("25%") == Fraction(1, 4)

    @pytest.mark.parametrize(
        "text",
        ["Thứ Ba, 3 tháng 4, 2018", "3 tháng 4, 2018", "3 thg 4, 2018"],  # full, long, medium
    )
    def test_dates(self, text: str) -> None:
        assert parse_date(text) == d(2018, 4, 3)

    def test_medium_date_and_time(self) -> None:
        assert parse_datetime("16:49:00 3 thg 4, 2018").isoformat() == "2018-04-03T16:49:00"


# -- Babel: tests/test_numbers_parsing.py (strict parsing) ----------------------------------

# The cases for "de", whose symbols are Vietnamese ("." groups, "," decimals), and those for
# en_US and fr with their symbols swapped to the Vietnamese ones.
_BABEL_READ = [
    ("1.099,98", Decimal("1099.98")),
    ("1.001", 1001),
    ("1.099", 1099),
    ("3,00", Decimal("3.00")),
    ("3.400,6", Decimal("3400.6")),
    ("3.400,60", Decimal("3400.60")),
    ("3.400,00", Decimal("3400.00")),
    ("3.400,0000", Decimal("3400.0000")),
    ("3.800", 3800),
    ("2000,1", Decimal("2000.1")),
    ("2580", 2580),
    ("5,000001", Decimal("5.000001")),
]
# Misplaced, partial or doubled grouping, and grouping where a decimal comma belongs.
_BABEL_REFUSED = ["2,109,998", "11.11", "80.00.00", "0.00", "2000.000", "0..000"]


class TestBabelStrictParsing:
    @pytest.mark.parametrize(("text", "number"), _BABEL_READ)
    def test_read(self, text: str, number: int | Decimal) -> None:
        value = parse_number(text)
        assert (type(value), str(value)) == (type(number), str(number))

    @pytest.mark.parametrize("text", _BABEL_REFUSED)
    def test_refused(self, text: str) -> None:
        with pytest.raises(ParseError):
            parse_number(text)


# -- python-holidays: tests/countries/test_vietnam.py ----------------------------------------


@pytest.fixture(scope="module")
def cal() -> WorkCalendar:
    return WorkCalendar()


def _days(text: str) -> list[date]:
    return [date.fromisoformat(day) for day in text.split()]


# Days off given for a working day swapped with a Saturday, and those Saturdays.
_SWAPPED_OFF = _days(
    "2010-02-19 2012-01-27 2013-04-29 2014-05-02 2014-09-01 2015-01-02 2015-02-16 "
    "2015-04-29 2018-12-31 2019-04-29 2024-04-29"
)
_SWAPPED_WORK = _days(
    "2010-02-27 2012-02-04 2013-05-04 2014-04-26 2014-09-06 2014-12-27 2015-02-14 "
    "2015-04-25 2019-01-05 2019-05-04 2024-05-04"
)
_LUNAR_NEW_YEAR = _days(
    "1997-02-07 2008-02-07 2009-01-26 2010-02-14 2011-02-03 2012-01-23 2013-02-10 "
    "2014-01-31 2015-02-19 2016-02-08 2017-01-28 2018-02-16 2019-02-05 2020-01-25 "
    "2021-02-12 2022-02-01 2023-01-22 2024-02-10"
)
_HUNG_KINGS = _days(
    "2007-04-26 2008-04-15 2009-04-04 2010-04-23 2011-04-12 2012-03-31 2013-04-19 "
    "2014-04-09 2015-04-28 2016-04-16 2017-04-06 2018-04-25 2019-04-14 2020-04-02 "
    "2021-04-21 2022-04-10 2023-04-29 2024-04-18"
)
# A holiday on a weekend is made up on a working day (nghỉ bù).
_OBSERVED = _days(
    "2012-01-02 2017-01-02 2022-01-03 2012-01-26 2013-02-14 2013-02-15 2014-01-29 "
    "2014-02-04 2015-02-17 2015-02-23 2016-02-12 2017-01-26 2017-02-01 2018-02-14 "
    "2018-02-20 2020-01-23 2020-01-29 2021-02-10 2021-02-16 2023-01-20 2023-01-26 "
    "2024-02-08 2024-02-14 2009-04-06 2012-04-02 2016-04-18 2019-04-15 2022-04-11 "
    "2023-05-02 2011-05-02 2016-05-02 2017-05-02 2022-05-02 2023-05-03 2011-05-03 "
    "2016-05-03 2021-05-03 2022-05-03 2012-09-03 2017-09-04 2018-09-03 2023-09-04"
)
_FIXED = [
    ((1, 1), "Tết Dương lịch"),
    ((4, 30), "Ngày Chiến thắng"),
    ((5, 1), "Ngày Quốc tế Lao động"),
    ((9, 2), "Quốc khánh"),
]


class TestHolidaysVietnam:
    @pytest.mark.parametrize("day", _SWAPPED_OFF)
    def test_swapped_days_off(self, cal: WorkCalendar, day: date) -> None:
        assert day.weekday() < 5
        assert not cal.is_working_day(day)

    @pytest.mark.parametrize("day", _SWAPPED_WORK)
    def test_swapped_working_saturdays(self, day: date) -> None:
        """Each on a fresh calendar too: 27/12/2014 and 5/1/2019 are made up for a day
        off of the next or the last year."""
        assert day.weekday() == 5
        assert WorkCalendar().is_working_day(day)

    @pytest.mark.parametrize("tet", _LUNAR_NEW_YEAR)
    def test_tet(self, cal: WorkCalendar, tet: date) -> None:
        names = ["Giao thừa Tết Nguyên Đán", "Tết Nguyên Đán", "Mùng hai Tết Nguyên Đán"]
        names += ["Mùng ba Tết Nguyên Đán"]
        names += ["Mùng bốn Tết Nguyên Đán"] if tet.year >= 2013 else []
        days = [tet + timedelta(days=k) for k in range(-1, len(names) - 1)]
        assert [cal.holiday_name(day) for day in days] == names
        assert not any(cal.is_working_day(day) for day in days)

    @pytest.mark.parametrize("day", _HUNG_KINGS)
    def test_hung_kings(self, cal: WorkCalendar, day: date) -> None:
        assert cal.holiday_name(day) == "Ngày Giỗ Tổ Hùng Vương"

    def test_fixed_days_1979_to_2049(self, cal: WorkCalendar) -> None:
        wrong = [
            (year, month_day)
            for year in range(1979, 2050)
            for month_day, name in _FIXED
            if name not in (cal.holiday_name(d(year, *month_day)) or "")
        ]
        assert wrong == []

    @pytest.mark.parametrize("day", _days("2021-09-03 2022-09-01 2023-09-01 2024-09-03"))
    def test_second_day_of_quoc_khanh(self, cal: WorkCalendar, day: date) -> None:
        assert cal.holiday_name(day) == "Quốc khánh"

    @pytest.mark.parametrize("day", _OBSERVED)
    def test_observed(self, cal: WorkCalendar, day: date) -> None:
        assert not cal.is_working_day(day)

    def test_names_2022(self, cal: WorkCalendar) -> None:
        expected = {
            d(2022, 1, 1): "Tết Dương lịch",
            d(2022, 1, 3): "Tết Dương lịch (nghỉ bù)",
            d(2022, 1, 31): "Giao thừa Tết Nguyên Đán",
            d(2022, 2, 1): "Tết Nguyên Đán",
            d(2022, 2, 2): "Mùng hai Tết Nguyên Đán",
            d(2022, 2, 3): "Mùng ba Tết Nguyên Đán",
            d(2022, 2, 4): "Mùng bốn Tết Nguyên Đán",
            d(2022, 4, 10): "Ngày Giỗ Tổ Hùng Vương",
            d(2022, 4, 11): "Ngày Giỗ Tổ Hùng Vương (nghỉ bù)",
            d(2022, 4, 30): "Ngày Chiến thắng",
            d(2022, 5, 1): "Ngày Quốc tế Lao động",
            d(2022, 5, 2): "Ngày Chiến thắng (nghỉ bù)",
            d(2022, 5, 3): "Ngày Quốc tế Lao động (nghỉ bù)",
            d(2022, 9, 1): "Quốc khánh",
            d(2022, 9, 2): "Quốc khánh",
        }
        assert {day: cal.holiday_name(day) for day in expected} == expected

    @pytest.mark.parametrize(
        ("first", "last"),
        [
            # Tết Ất Tỵ: Saturday 25/1 to Sunday 2/2/2025, nine days.
            (d(2025, 1, 25), d(2025, 2, 2)),
            # 30/4 and 1/5/2025, Friday 2/5 off for Saturday 26/4: 30/4 to 4/5.
            (d(2025, 4, 30), d(2025, 5, 4)),
            # Quốc khánh 2025: Saturday 30/8 to Tuesday 2/9.
            (d(2025, 8, 30), d(2025, 9, 2)),
            # Tết Bính Ngọ: Saturday 14/2 to Sunday 22/2/2026.
            (d(2026, 2, 14), d(2026, 2, 22)),
            # Quốc khánh 2026: Monday 31/8 off for Saturday 22/8, so 29/8 to 2/9.
            (d(2026, 8, 29), d(2026, 9, 2)),
        ],
    )
    def test_announced_breaks(self, cal: WorkCalendar, first: date, last: date) -> None:
        days = [first + timedelta(days=k) for k in range((last - first).days + 1)]
        assert [day for day in days if cal.is_working_day(day)] == []
        assert cal.is_working_day(first - timedelta(days=1))
        assert cal.is_working_day(last + timedelta(days=1))

    @pytest.mark.parametrize("day", [d(2025, 4, 26), d(2026, 8, 22)])
    def test_announced_working_saturdays(self, cal: WorkCalendar, day: date) -> None:
        assert cal.is_working_day(day)


# -- dateutil: tests/test_relativedelta.py ---------------------------------------------------


class TestRelativedeltaEdges:
    @pytest.mark.parametrize(
        ("start", "years", "expected"),
        [
            (d(2000, 2, 28), 1, d(2001, 2, 28)),
            (d(2000, 2, 29), 1, d(2001, 2, 28)),
            (d(1999, 2, 28), 1, d(2000, 2, 28)),
            (d(1999, 3, 1), 1, d(2000, 3, 1)),
            (d(2001, 2, 28), -1, d(2000, 2, 28)),
            (d(2001, 3, 1), -1, d(2000, 3, 1)),
        ],
    )
    def test_years_of_different_lengths(self, start: date, years: int, expected: date) -> None:
        assert years_after(start, years) == expected

    def test_probation_from_29_february(self) -> None:
        assert probation_end(d(2000, 2, 29)) == d(2001, 2, 28)

    @pytest.mark.parametrize(
        ("day", "since", "until", "expected"),
        [
            # one month: 27/1 → 27/2, 31/1 → 28/2 (the month's last day); two: 31/1 → 31/3
            (d(2003, 1, 27), d(2003, 1, 1), d(2003, 2, 1), d(2003, 2, 27)),
            (d(2003, 1, 31), d(2003, 1, 1), d(2003, 2, 1), d(2003, 2, 28)),
            (d(2003, 1, 31), d(2003, 1, 1), d(2003, 3, 1), d(2003, 3, 31)),
            # 13 months across a year's end
            (d(2003, 12, 1), d(2003, 1, 1), d(2004, 2, 1), d(2005, 1, 1)),
            # a month and a week
            (d(2003, 9, 17), d(2003, 1, 1), d(2003, 2, 8), d(2003, 10, 24)),
            # 31/1 to 1/3 is a month and a day, in a leap year as in another
            (d(2010, 5, 10), d(2003, 1, 31), d(2003, 3, 1), d(2010, 6, 11)),
            (d(2010, 5, 10), d(2012, 1, 31), d(2012, 3, 1), d(2010, 6, 11)),
        ],
    )
    def test_calendar_spans(self, day: date, since: date, until: date, expected: date) -> None:
        assert shifted_by(day, since, until) == expected

    @pytest.mark.parametrize(
        ("born", "on", "age"),
        [
            (d(2001, 1, 1), d(2003, 9, 17), 2),  # the "millennium age"
            (d(1978, 4, 5), d(2003, 9, 17), 25),  # John's age
            (d(2000, 2, 29), d(2001, 2, 27), 0),
            (d(2000, 2, 29), d(2001, 2, 28), 1),  # 29/2 has its birthday on 28/2
            (d(2000, 2, 29), d(2004, 2, 28), 3),
            (d(2000, 2, 29), d(2004, 2, 29), 4),
        ],
    )
    def test_age(self, born: date, on: date, age: int) -> None:
        member = Member("dv1", "Lê Văn An", "cb1", admitted_on=d(2024, 1, 1), birth_date=born)
        assert member.age(on) == age


# -- underthesea: text_normalize; Launchpad's Vietnamese spelling guide ----------------------


class TestToneNormalization:
    def test_underthesea_special_character(self) -> None:
        assert normalize("a\tb") == "a b"

    def test_underthesea_sentence(self) -> None:
        """underthesea respells the whole sentence; the library moves only the tone of the
        open oa/oe/uy ("hoá" → "hóa") and leaves misplaced tones and the eth "Ð" as written
        (docs/vi.md), and its matching key agrees."""
        text = "Ðảm baỏ chất lựơng phòng thí nghịêm hoá học"
        expected = "Đảm bảo chất lượng phòng thí nghiệm hóa học"
        assert normalize(text) == "Ðảm baỏ chất lựơng phòng thí nghịêm hóa học"
        assert fold(text) == fold(expected) == "dam bao chat luong phong thi nghiem hoa hoc"

    def test_underthesea_misplaced_nang(self) -> None:
        assert normalize("đaị") == "đaị"
        assert fold("đaị") == fold("đại")

    @pytest.mark.parametrize(
        ("word", "other_style"),
        [
            ("hòa", "hoà"),
            ("hủy", "huỷ"),
            ("tàu hỏa", "tàu hoả"),
            ("hòa hảo", "hoà hảo"),
            ("xuề xòa", "xuề xoà"),
            ("hiếu", None),
            ("thuở", None),
            ("huệ", None),
            ("quý", None),
            ("giạ", None),
            ("giữ gìn", None),
            ("trường", None),
            ("tiết", None),
            ("diễn thuyết", None),
        ],
    )
    def test_launchpad_rule(self, word: str, other_style: str | None) -> None:
        """The tone on the second-last vowel of an open syllable, on the last of a closed
        one, on ơ of "uơ" and ê of "uê"; qu and gi are consonants. The other style of an
        open oa/oe/uy ("hoà") is read as this one."""
        for form in ("NFC", "NFD"):
            assert normalize(unicodedata.normalize(form, word)) == word
            if other_style is not None:
                assert normalize(unicodedata.normalize(form, other_style)) == word
