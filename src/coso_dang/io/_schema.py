"""How record fields map to columns and JSON keys, and how their values are written.

One :class:`Column` per record field: its Vietnamese header, other accepted headers,
whether it is required or personal, and a codec that reads and writes its values as
spreadsheet text, as typed workbook cells and as JSON.
"""

from __future__ import annotations

import datetime as _dt
import functools
import math
import re
import unicodedata
from collections.abc import Collection, Mapping, Sequence
from decimal import Decimal
from typing import Any, Literal

import attrs
from attrs import frozen

from coso_dang._checks import OTHER_SPACES, has_invisible
from coso_dang._enums import LabelledEnum
from coso_dang._yes_no import read_yes_no
from coso_dang.attributes import (
    AcademicTitle,
    Ethnicity,
    GeneralEducation,
    Occupation,
    Religion,
)
from coso_dang.errors import ArgumentError, ParseError, UsageError
from coso_dang.evaluation import Evaluation, ReviewPeriod, SubjectKind
from coso_dang.history.events import (
    MemberEvent,
    MemberEventKind,
    OrgEvent,
    OrgEventKind,
    TransferScope,
)
from coso_dang.i18n import Figure
from coso_dang.io._reasons import N_, Reason
from coso_dang.io._variants import ambiguous, nearest, variant
from coso_dang.members import (
    CommitteeRole,
    Education,
    Gender,
    InactivePeriod,
    LeaveReason,
    Member,
    PoliticalTheory,
)
from coso_dang.orgs import (
    GrassrootsType,
    Organization,
    OrgKind,
    ResidentialUnit,
    Sector,
    UnitKind,
)
from coso_dang.ratings import Rating
from coso_dang.vi.dates import parse_date, vietnam_day
from coso_dang.vi.text import fold

__all__ = [
    "ID_SEPARATORS",
    "ISO_DATE",
    "SCHEMAS",
    "BadValueError",
    "Column",
    "Headers",
    "IdCodec",
    "IdsCodec",
    "RecordSchema",
    "header_key",
    "held_tables",
    "schema_for",
]

#: ``"vi"``: Vietnamese headers, labels and dd/mm/yyyy dates; ``"fields"``: the
#: library's field names, codes and ISO dates.
Headers = Literal["vi", "fields"]

_BLANK = ""


# What forms add to a header, at its end: the mark of a required column ("Mã (*)", "Họ
# và tên *") and the layout a date is typed in ("Ngày sinh (dd/mm/yyyy)", "(ngày/tháng/
# năm)"), folded.
_LAYOUT_PART = r"(?:d+|m+|y+|n+|t+|ngay|thang|nam)"
_HEADER_MARK = re.compile(
    rf"\s*(?:\(\s*\*\s*\)|\*|\({_LAYOUT_PART}(?:\s*[/.-]\s*{_LAYOUT_PART})+\))$"
)


def header_key(text: str) -> str:
    """The key a header cell is known by: *text* folded (:func:`~coso_dang.vi.text.fold`),
    without a required column's mark or a date's layout at its end.

    >>> header_key("Mã (*)"), header_key("Ngày sinh (dd/mm/yyyy) *")
    ('ma', 'ngay sinh')
    """
    key = fold(text)
    while (bare := _HEADER_MARK.sub("", key)) != key and bare:
        key = bare
    return key


class BadValueError(Exception):
    """A value a codec cannot read; ``reason`` is Vietnamese."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


# -- codecs -----------------------------------------------------------------------------------


class Codec:
    """Reads and writes one kind of value; subclasses override what differs."""

    def from_text(self, text: str) -> object:
        """Read a non-blank, stripped cell of a CSV file."""
        return text

    def from_cell(self, value: object) -> object:
        """Read a non-empty workbook cell (already typed by the spreadsheet)."""
        return self.from_text(_cell_text(value))

    def from_json(self, value: object) -> object:
        """Read a non-null JSON value."""
        if not isinstance(value, str):
            raise BadValueError(N_("phải là một chuỗi"))
        return value

    def to_text(self, value: Any, headers: Headers) -> str:
        """Write a non-None value as CSV text."""
        return str(value)

    def to_cell(self, value: Any, headers: Headers) -> object:
        """Write a non-None value as a workbook cell."""
        return self.to_text(value, headers)

    def to_json(self, value: Any) -> object:
        """Write a non-None value as JSON."""
        return value


#: What a typed cell may hold: a workbook's values, and a Parquet column's scalars.
_SCALARS = (str, int, float, Decimal, _dt.date, _dt.time)


def _cell_text(value: object) -> str:
    """A typed cell as the text a user typed (ids stored as numbers come back whole).

    Raises:
        BadValueError: the cell holds no value a person types: bytes, a list or a
            structure (a Parquet column another tool wrote so; its Python form, such as
            ``b'dv1'``, was read as the text), or a number that is not one (NaN, ∞).
    """
    if not isinstance(value, _SCALARS):
        raise BadValueError(
            N_(
                "ô chứa dữ liệu kiểu {kind}, không phải chữ, số hay ngày; hãy lưu cột này dạng chữ",
                kind=type(value).__name__,
            )
        )
    if isinstance(value, float) and not math.isfinite(value):
        raise BadValueError(N_("ô số không đọc được"))
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, Decimal) and value.is_finite() and value.adjusted() < EXACT_DIGITS:
        # A database's NUMERIC(5,1) holds 2024 as 2024.0: a whole number, as a float is.
        whole = value.to_integral_value()
        if whole == value:
            return str(int(whole))
    if isinstance(value, _dt.datetime):
        value = value.date() if value.time() == _dt.time() else value
    if isinstance(value, _dt.date) and not isinstance(value, _dt.datetime):
        return value.isoformat()
    return str(value).strip()


class TextCodec(Codec):
    """Free text, kept as given (the records normalize names themselves)."""


_INVISIBLE_IN_CODE = N_(
    "số có ký tự vô hình hoặc ký tự điều khiển (dấu cách độ rộng 0, dấu BOM, dấu chiều "
    "chữ, NUL…), trông giống mà khác số gõ thường; giá trị không được đọc (hãy xóa ô rồi "
    "gõ lại)"
)


class CodeCodec(TextCodec):
    """A number kept as text (an identity, phone, party card or decision number).

    Kept as given, as free text is, but one holding an invisible or control character
    (a zero-width space or a BOM pasted with it, a NUL from an export) is refused as an
    id is: it shows as a number it is not, and the record kept it silently.
    """

    def from_text(self, text: str) -> object:
        if IdCodec.looks_like_another(text):
            raise BadValueError(_INVISIBLE_IN_CODE)
        return text

    def from_json(self, value: object) -> object:
        return self.from_text(str(super().from_json(value)))


#: The most digits a spreadsheet keeps of a number: Excel stores 15 significant digits
#: (a float keeps 15 to 17), so a whole number of more was cut when it was typed.
EXACT_DIGITS = 15
#: A large number as a spreadsheet shows it, and so writes it in a CSV file (Excel's
#: "General" format, past 11 digits): ``1,23457E+18``, ``1.23457E+11``, ``1E+15``.
SCIENTIFIC = r"[0-9](?:[.,][0-9]+)?E\+[0-9]{2,3}"
_SCIENTIFIC = re.compile(SCIENTIFIC)
_CUT_NUMBER = N_(
    "mã là một số lớn mà bảng tính đã làm tròn (dạng số khoa học, hoặc quá 15 chữ số): "
    "các chữ số cuối đã mất; mã không được đọc (hãy định dạng cột là Văn bản/Text rồi gõ lại)"
)

_DAY_AS_ID = N_(
    "ô kiểu ngày giờ, không phải một mã (bảng tính đã tự đổi mã gõ như «1-2» thành ngày?); "
    "mã không được đọc (hãy định dạng cột là Văn bản/Text rồi gõ lại)"
)

_INVISIBLE = N_(
    "mã có ký tự vô hình (dấu cách độ rộng 0, dấu BOM, dấu chiều chữ…), trông giống mà "
    "khác mã gõ thường; mã không được đọc (hãy xóa ô rồi gõ lại mã)"
)


class IdCodec(Codec):
    """An id: composed to NFC, so ids typed in NFC and NFD that look alike are one id,
    a space other than the space bar's (a non-breaking one) read as the space it shows.

    A number of more than 15 digits as a spreadsheet stores it (a float), or a large
    number as it shows it (``1,23457E+18`` in a CSV file), has lost its last digits: it
    is no id.
    """

    def from_text(self, text: str) -> object:
        if self.looks_cut(text):
            raise BadValueError(_CUT_NUMBER)
        if self.looks_like_another(text):
            raise BadValueError(_INVISIBLE)
        return self.composed(text)

    @staticmethod
    def composed(text: str) -> str:
        """*text* as an id: in NFC, a space other than the space bar's as that space."""
        if not text.isascii():
            text = unicodedata.normalize("NFC", OTHER_SPACES.sub(" ", text))
        return text

    @staticmethod
    def has_other_space(text: str) -> bool:
        """Whether *text* holds a space other than the space bar's (read as that one)."""
        return not text.isascii() and OTHER_SPACES.search(text) is not None

    @staticmethod
    def looks_cut(text: str) -> bool:
        """Whether *text* reads as a number a spreadsheet rounded (``1,23457E+18``)."""
        return _SCIENTIFIC.fullmatch(text) is not None

    @staticmethod
    def looks_like_another(text: str) -> bool:
        """Whether *text* holds an invisible or control character (it shows as another)."""
        return (not text.isascii() or not text.isprintable()) and has_invisible(text)

    def from_cell(self, value: object) -> object:
        if isinstance(value, float) and math.isfinite(value) and abs(value) >= 10**EXACT_DIGITS:
            raise BadValueError(_CUT_NUMBER)
        if isinstance(value, (_dt.date, _dt.time)):
            # A spreadsheet turns an id typed as "1-2" or "3/4" into a day (or a time):
            # what was typed is lost, and the day's text is no id.
            raise BadValueError(_DAY_AS_ID)
        return super().from_cell(value)

    def from_json(self, value: object) -> object:
        # Trimmed as a CSV or workbook cell is: " dv1 " loaded as an id of its own, which
        # no member's "dv1" named and no CSV written from it kept.
        return self.from_text(str(super().from_json(value)).strip())


# ASCII digits only: a date in full-width or other digits is no day typed wrong.
_DATE_SHAPE = re.compile(r"[0-9]{1,2}[/.-][0-9]{1,2}[/.-][0-9]{4}|[0-9]{4}-[0-9]{2}-[0-9]{2}")
#: A date as ISO writes it (2022-06-16), in ASCII digits: the shape JSON dates take, and
#: the one most files write.
ISO_DATE = re.compile(r"(?P<y>[0-9]{4})-(?P<m>[0-9]{2})-(?P<d>[0-9]{2})")
# A day that is one only month first (2/13/2010, as an English spreadsheet writes dates):
# the file may be written so, and then its other dates read with day and month swapped.
_MONTH_FIRST = re.compile(
    r"(0?[1-9]|1[0-2])([/.-])(1[3-9]|2[0-9]|3[01])\2([0-9]{4})(?: [0-9:]+(?: ?[AaPp][Mm])?)?"
)


def _month_first(text: str) -> bool:
    """Whether *text* is no day read day first, but one read month first."""
    match = _MONTH_FIRST.fullmatch(text)
    if match is None:
        return False
    month, _, day, year = match.groups()
    try:
        _dt.date(int(year), int(month), int(day))
    except ValueError:
        return False
    return True


# A day, a month and a year of two digits ("5-3-90"), whose century is a guess.
_SHORT_YEAR = re.compile(r"[0-9]{1,2}([/.-])[0-9]{1,2}\1[0-9]{2}")
# A month and a year ("3/1990", "tháng 3 năm 1990") or a year alone ("1990", "năm
# 1990"), as a form asks for no more (folded).
_PART_OF_DATE = re.compile(r"(?:(?:thang\s*)?[0-9]{1,2}(?:\s*[/.-]\s*|\s+nam\s+)|nam\s+)?[0-9]{4}")


#: The years a whole number in a date's cell is taken for (one typed alone).
_YEARS = range(1900, 2101)
_PART_ONLY = N_("chỉ có tháng và năm, hoặc chỉ có năm: cần đủ ngày, tháng và năm, như 16/6/2022")


# What systems write after a day's time and the day's parser reads not: fractions of a
# second ("1990-03-05 00:00:00.000", as SQL Server and pandas export a datetime), and the
# Vietnamese half of the day ("05/03/1990 12:00:00 SA", sáng or chiều, as Windows writes
# a datetime in vi-VN: day first). English AM and PM are not taken: a date written with
# them is most likely month first (3/5/1990 12:00:00 AM, en-US).
_SECOND_FRACTION = re.compile(r"(?<=:[0-9]{2})[.,][0-9]{1,9}(?=$|[zZ+-])")
_HALF_OF_DAY = re.compile(r"(?<=[0-9]:[0-9]{2})\s*(?:SA|CH)$", re.IGNORECASE)
# An ISO time's zone in hours alone, as PostgreSQL writes it ("… 00:00:00+07"): the
# parser reads it with its minutes.
_HOURS_ZONE = re.compile(
    r"([0-9]{4}-[0-9]{2}-[0-9]{2}[ T][0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?[+-][0-9]{2})"
)
_ENGLISH_CLOCK = re.compile(
    r"[0-9]{1,2}([/.-])[0-9]{1,2}\1[0-9]{4} [0-9]{1,2}:[0-9]{2}(?::[0-9]{2})? ?[AP]M", re.IGNORECASE
)


# 16/6/2022, in ASCII digits.
_DAY_FIRST = re.compile(r"(?P<d>[0-9]{1,2})/(?P<m>[0-9]{1,2})/(?P<y>[0-9]{4})")


# Large enough for every day of a century and a half: rosters repeat dates a lot.
@functools.lru_cache(maxsize=1 << 16)
def _read_date(text: str) -> _dt.date | str:
    """A date, or the Vietnamese reason it is not one (cached: rosters repeat dates)."""
    # The two shapes files write nearly every date in, read at once: parse_date reads
    # them as the same day, and names the reason when there is no such day.
    plain = ISO_DATE.fullmatch(text) or _DAY_FIRST.fullmatch(text)
    if plain is not None:
        year, month, day = (int(part) for part in plain.group("y", "m", "d"))
        try:
            return _dt.date(year, month, day)
        except ValueError:
            pass  # no such day: parse_date says why
    # Only the day is kept: what follows a time and the parser reads not goes, and the
    # day is read as the parser reads it (no zone follows either).
    bare = _HALF_OF_DAY.sub("", _SECOND_FRACTION.sub("", text))
    if _HOURS_ZONE.fullmatch(bare):
        bare += ":00"
    try:
        return parse_date(bare)
    except ParseError:
        if _month_first(text):
            return N_(
                "ngày không có thật trong lịch, nhưng có thật nếu đọc tháng trước ngày "
                "(m/d/yyyy, kiểu Mỹ): nếu tệp ghi ngày kiểu đó thì các ngày khác của cột bị "
                "đọc đảo ngày và tháng; hãy lưu lại với ngày dạng dd/mm/yyyy"
            )
        if _DATE_SHAPE.fullmatch(text):
            return N_("ngày không có thật trong lịch")
        if _ENGLISH_CLOCK.fullmatch(text):
            return N_(
                "ngày ghi kèm giờ AM/PM, như bảng tính kiểu Mỹ ghi (tháng trước ngày): không "
                "biết ngày hay tháng đứng trước; hãy lưu lại với ngày dạng dd/mm/yyyy"
            )
        # The reasons say what is missing, never the value (a birth date is personal).
        if _SHORT_YEAR.fullmatch(text):
            return N_("năm phải viết đủ bốn chữ số: 16/6/2022, không phải 16/6/22")
        if _PART_OF_DATE.fullmatch(fold(text)):
            return _PART_ONLY
        return N_("không đọc được ngày; hãy viết dạng 16/6/2022 hoặc 2022-06-16")


class DateCodec(Codec):
    """Day-first dates (16/6/2022, ngày 16 tháng 6 năm 2022) or ISO; JSON uses ISO."""

    def from_text(self, text: str) -> object:
        result = _read_date(text)
        if isinstance(result, str):
            raise BadValueError(result)
        return result

    def from_cell(self, value: object) -> object:
        if isinstance(value, _dt.datetime):
            # A moment in time (a Parquet timestamp with its zone, often UTC): its day
            # is the day in Vietnam. Midnight in Hà Nội is 17:00 UTC the day before.
            try:
                return vietnam_day(value)
            except OverflowError:  # 31/12/9999 23:00 UTC is in the year 10000 here
                raise BadValueError(N_("ô ngày ngoài khoảng năm 1 đến 9999")) from None
        if isinstance(value, _dt.date):
            return value
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            if value in _YEARS:  # a year typed alone, as a text cell's "1990" is told
                raise BadValueError(_PART_ONLY)
            raise BadValueError(N_("ô chứa một số, không phải một ngày"))
        return self.from_text(_cell_text(value))

    def from_json(self, value: object) -> object:
        if not isinstance(value, str) or not ISO_DATE.fullmatch(value):
            raise BadValueError(N_("phải là một ngày dạng YYYY-MM-DD"))
        try:
            return _dt.date.fromisoformat(value)
        except ValueError:
            raise BadValueError(N_("ngày không có thật trong lịch")) from None

    def to_text(self, value: Any, headers: Headers) -> str:
        day: _dt.date = value
        if headers == "fields":
            return day.isoformat()
        return f"{day.day:02d}/{day.month:02d}/{day.year:04d}"

    def to_cell(self, value: Any, headers: Headers) -> object:
        return value

    def to_json(self, value: Any) -> object:
        day: _dt.date = value
        return day.isoformat()


class BoolCodec(Codec):
    """Yes/no: có/không, x or a tick (√), 1/0, true/false (any case, with or without
    diacritics)."""

    def from_text(self, text: str) -> object:
        read = read_yes_no(text)  # the words every path reads
        if read is not None:
            return read
        raise BadValueError(N_("không phải có/không (có, không, x, 1, 0, true, false)"))

    def from_cell(self, value: object) -> object:
        if isinstance(value, bool):
            return value
        return self.from_text(_cell_text(value))

    def from_json(self, value: object) -> object:
        if not isinstance(value, bool):
            raise BadValueError(N_("phải là true hoặc false"))
        return value

    def to_text(self, value: Any, headers: Headers) -> str:
        if headers == "fields":
            return "true" if value else "false"
        return "có" if value else "không"


# A whole number with "." between thousands: "1.234", "1.000.000" (not "0.125", "1.23").
_GROUPED = re.compile(r"[1-9][0-9]{0,2}(?:\.[0-9]{3})+")


def _whole(low: int, high: int) -> Reason:
    return N_(
        "phải là số nguyên từ {low} đến {high}", low=Figure.bound(low), high=Figure.bound(high)
    )


@frozen
class IntCodec(Codec):
    """A whole number from *low* to *high*."""

    low: int
    high: int

    def _checked(self, number: int) -> int:
        if not self.low <= number <= self.high:
            raise BadValueError(_whole(self.low, self.high))
        return number

    def from_text(self, text: str) -> object:
        digits = text[1:] if text[:1] in "+-" else text
        if digits.isascii() and digits.isdigit():
            return self._checked(int(text))
        if _GROUPED.fullmatch(text):
            # "1.234": a count written the Vietnamese way, "." between thousands, as the
            # reason of a refusal writes the bounds ("từ 0 đến 1.000.000").
            return self._checked(int(text.replace(".", "")))
        raise BadValueError(_whole(self.low, self.high))

    def from_cell(self, value: object) -> object:
        if isinstance(value, int) and not isinstance(value, bool):
            return self._checked(int(value))  # the number of a ShownNumber, not its text
        if isinstance(value, float) and value.is_integer():
            return self._checked(int(value))
        if (isinstance(value, float) and math.isfinite(value)) or (
            isinstance(value, Decimal) and value.is_finite() and value != value.to_integral()
        ):
            # A number with a fraction: its text ("1.234") is no count grouped in
            # thousands.
            raise BadValueError(_whole(self.low, self.high))
        return self.from_text(_cell_text(value))

    def from_json(self, value: object) -> object:
        if not isinstance(value, int) or isinstance(value, bool):
            raise BadValueError(_whole(self.low, self.high))
        return self._checked(value)

    def to_cell(self, value: Any, headers: Headers) -> object:
        return value


@functools.lru_cache(maxsize=4096)
def _enum_member(enum: type[Any], text: str) -> Any:
    """The member *text* names, or the :class:`ParseError` that refused it (cached: a
    column repeats a few values)."""
    try:
        return enum.parse(text)
    except ParseError as error:
        return error


def _own_reason(error: ParseError) -> Reason | None:
    """Why a list's parser refused a text, when it says more than "not in the list" (a
    name of several members, a grade of no school system): the cell's own reason."""
    reason = error.reason
    if isinstance(reason, Reason) and not error.not_listed:
        return reason
    return None


#: The template of a reason with the nearest accepted value (see :func:`_suggested`).
SUGGESTION = "{reason}; có phải «{near}»?"


def _suggested(reason: Reason, text: str, choices: list[str]) -> Reason:
    """*reason*, with the choice nearest to *text* when one is near."""
    near = nearest(text, choices)
    if near is None:
        return reason
    return N_("{reason}; có phải «{near}»?", reason=reason, near=near)


@frozen
class EnumCodec(Codec):
    """A member of a labelled enum, read from its code, name or label."""

    enum: type[LabelledEnum]
    what: str

    def from_text(self, text: str) -> object:
        member = _enum_member(self.enum, text)
        if isinstance(member, ParseError):
            refused = member
            member = variant(self.enum, text)
            own = _own_reason(refused) or ambiguous(self.enum, text)
            if member is None and own is not None:
                raise BadValueError(own)
        if member is None:
            choices = [member.label for member in self.enum]
            reason = N_(
                "không phải {what}; cần một trong: {labels}",
                what=self.what,
                labels=", ".join(choices),
            )
            raise BadValueError(_suggested(reason, text, choices))
        return member

    def from_json(self, value: object) -> object:
        return self.from_text(str(super().from_json(value)))

    def to_text(self, value: Any, headers: Headers) -> str:
        member: LabelledEnum = value
        return member.label if headers == "vi" else str(member.value)

    def to_json(self, value: Any) -> object:
        member: LabelledEnum = value
        return member.value


class RatingCodec(Codec):
    """A :class:`~coso_dang.Rating`, by label or abbreviation."""

    def from_text(self, text: str) -> object:
        rating = _enum_member(Rating, text)
        if isinstance(rating, ParseError):
            rating = variant(Rating, text)
        if rating is None:
            choices = ", ".join(rating.abbreviation for rating in Rating)
            reason = N_(
                "không phải mức xếp loại; cần một trong {choices} hoặc tên đầy đủ",
                choices=choices,
            )
            labels = [r.label for r in Rating] + [r.abbreviation for r in Rating]
            raise BadValueError(_suggested(reason, text, labels))
        return rating

    def from_json(self, value: object) -> object:
        return self.from_text(str(super().from_json(value)))

    def to_text(self, value: Any, headers: Headers) -> str:
        rating: Rating = value
        return rating.label if headers == "vi" else rating.abbreviation

    def to_json(self, value: Any) -> object:
        rating: Rating = value
        return rating.abbreviation


_PERIOD_SPLIT = re.compile(r"\s*(?:[\u2013\u2014]|\s-\s|\bđến\b)\s*")


class PeriodsCodec(Codec):
    """Gaps in party activity: ``"01/02/2003 – 04/05/2006; …"`` in a cell, objects in JSON."""

    _dates = DateCodec()

    def from_text(self, text: str) -> object:
        periods: list[InactivePeriod] = []
        for part in text.split(";"):
            if not part.strip():
                continue
            bounds = _PERIOD_SPLIT.split(part.strip())
            if len(bounds) != 2:
                raise BadValueError(
                    N_(
                        "mỗi khoảng gián đoạn viết dạng 01/02/2003 – 04/05/2006, "
                        "cách nhau bởi dấu ;"
                    )
                )
            start, end = (self._dates.from_text(bound) for bound in bounds)
            periods.append(self._period(start, end))
        return tuple(periods)

    def from_json(self, value: object) -> object:
        if not isinstance(value, list):
            raise BadValueError(N_("phải là một danh sách các khoảng {{start, end}}"))
        periods: list[InactivePeriod] = []
        for item in value:
            if not isinstance(item, dict) or set(item) != {"start", "end"}:
                raise BadValueError(N_("mỗi khoảng gián đoạn phải là {{start, end}}"))
            start = self._dates.from_json(item["start"])
            end = self._dates.from_json(item["end"])
            periods.append(self._period(start, end))
        return tuple(periods)

    @staticmethod
    def _period(start: object, end: object) -> InactivePeriod:
        if not isinstance(start, _dt.date) or not isinstance(end, _dt.date) or end < start:
            raise BadValueError(N_("khoảng gián đoạn kết thúc trước khi bắt đầu"))
        return InactivePeriod(start, end)

    def to_text(self, value: Any, headers: Headers) -> str:
        periods: Sequence[InactivePeriod] = value
        return "; ".join(
            f"{self._dates.to_text(p.start, headers)} – {self._dates.to_text(p.end, headers)}"
            for p in periods
        )

    def to_json(self, value: Any) -> object:
        periods: Sequence[InactivePeriod] = value
        return [{"start": p.start.isoformat(), "end": p.end.isoformat()} for p in periods]


# -- columns and record schemas ---------------------------------------------------------------


@frozen
class Column:
    """One field of a record as a column: its headers, its codec and how it may be left.

    ``required``: a blank value is a problem. ``column_required``: the column itself
    must be present (true for required fields and for ``Evaluation.rating``).
    ``personal``: problems never show its value. ``leading_zeros``: digits whose
    leading zeros matter (identity and phone numbers): a workbook cell typed as a
    number has lost them, so it is not read.
    """

    field: str
    header: str
    codec: Codec
    aliases: tuple[str, ...] = ()
    required: bool = False
    column_required: bool = False
    personal: bool = False
    leading_zeros: bool = False
    multiline: bool = False

    def names(self) -> tuple[str, ...]:
        """Every folded header that names this column, the field name included."""
        return tuple(fold(name) for name in (self.header, self.field, *self.aliases))


@frozen
class RecordSchema:
    """How one record type is laid out as a table and as a JSON list."""

    key: str
    record: type[Any]
    title: str
    aliases: tuple[str, ...]
    columns: tuple[Column, ...]
    #: A table written only when it has records (the event tables): data without
    #: events is written exactly as before they existed.
    optional: bool = False

    @functools.cached_property
    def by_header(self) -> Mapping[str, Column]:
        """Columns by every folded header (Vietnamese, field name and aliases)."""
        return {name: column for column in self.columns for name in column.names()}

    @functools.cached_property
    def by_field(self) -> Mapping[str, Column]:
        """Columns by field name."""
        return {column.field: column for column in self.columns}

    @functools.cached_property
    def defaults(self) -> Mapping[str, object]:
        """Field defaults, for fields that have a plain one."""
        result: dict[str, object] = {}
        for attribute in attrs.fields(self.record):
            if attribute.default is not attrs.NOTHING and not isinstance(
                attribute.default,
                attrs.Factory,  # type: ignore[arg-type]
            ):
                result[attribute.name] = attribute.default
        return result

    def written(self, records: Sequence[object], tables: Collection[str] | None) -> bool:
        """Whether a dump writes this table: always with records; empty, unless it is
        optional or *tables* (the tables the source held, as ``LoadResult.tables``
        names them; ``None`` for every one) leaves it out.

        A file of a header alone says the source held the table and it had no row: a
        members table written so for data that had none made "no member" of "not
        known", the very thing :attr:`LoadResult.tables` tells apart.
        """
        if records:
            return True
        return not self.optional and (tables is None or self.key in tables)

    def names(self) -> tuple[str, ...]:
        """Folded names that identify this record type as a file stem or sheet title."""
        return tuple(fold(name) for name in (self.key, self.title, *self.aliases))


_TEXT = TextCodec()
_CODE = CodeCodec()
_ID = IdCodec()
_DATE = DateCodec()
_BOOL = BoolCodec()


def _c(field: str, header: str, codec: Codec, *aliases: str, **options: bool) -> Column:
    required = options.get("required", False)
    return Column(
        field,
        header,
        codec,
        aliases,
        required=required,
        column_required=options.get("column_required", required),
        personal=options.get("personal", False),
        leading_zeros=options.get("leading_zeros", False),
        multiline=options.get("multiline", False),
    )


ORGANIZATIONS = RecordSchema(
    "organizations",
    Organization,
    "Tổ chức",
    ("to_chuc", "to chuc dang"),
    (
        _c("id", "Mã", _ID, "Mã tổ chức", required=True),
        _c("name", "Tên", _TEXT, "Tên tổ chức", required=True),
        _c("kind", "Loại tổ chức", EnumCodec(OrgKind, N_("loại tổ chức")), "Cấp", required=True),
        _c("parent_id", "Mã cấp trên", _ID, "Cấp trên", "Mã tổ chức cấp trên"),
        _c("sector", "Loại hình", EnumCodec(Sector, N_("loại hình"))),
        _c(
            "grassroots_type",
            "Loại hình cơ sở",
            EnumCodec(GrassrootsType, N_("loại hình cơ sở")),
            "Loại hình tổ chức cơ sở đảng",
        ),
        _c("founded_on", "Ngày thành lập", _DATE),
        _c("dissolved_on", "Ngày giải thể", _DATE),
        _c("has_chi_bo_quan_su", "Có chi bộ quân sự", _BOOL),
        _c("has_chi_bo_cong_an", "Có chi bộ công an", _BOOL),
    ),
)

MEMBERS = RecordSchema(
    "members",
    Member,
    "Đảng viên",
    ("dang_vien",),
    (
        _c("id", "Mã", _ID, "Mã đảng viên", required=True),
        _c("full_name", "Họ và tên", _TEXT, "Họ tên", required=True),
        _c("org_id", "Chi bộ", _ID, "Mã chi bộ", required=True),
        _c(
            "admitted_on",
            "Ngày vào Đảng",
            _DATE,
            "Ngày kết nạp",
            "Ngày quyết định kết nạp",
            # Forms head the column so under «Ngày vào Đảng» over two rows (its other
            # column «Chính thức»): the day admitted is the day a member turns dự bị.
            "Ngày vào Đảng dự bị",
            required=True,
        ),
        _c("ceremony_on", "Ngày lễ kết nạp", _DATE),
        _c(
            "official_on",
            "Ngày chính thức",
            _DATE,
            "Ngày vào Đảng chính thức",
            "Ngày chuyển chính thức",
        ),
        _c(
            "birth_date",
            "Ngày sinh",
            _DATE,
            # As personnel forms and member lists head it.
            "Ngày, tháng, năm sinh",
            "Ngày tháng năm sinh",
            "Sinh ngày",
            personal=True,
        ),
        _c("gender", "Giới tính", EnumCodec(Gender, N_("giới tính"))),
        _c("ethnicity", "Dân tộc", EnumCodec(Ethnicity, N_("dân tộc")), personal=True),
        _c("religion", "Tôn giáo", EnumCodec(Religion, N_("tôn giáo")), personal=True),
        _c(
            "identity_number",
            "Số định danh cá nhân",
            _CODE,
            "Số định danh",
            "Số CCCD",
            "CCCD",
            "Số căn cước",
            personal=True,
            leading_zeros=True,
        ),
        _c("phone", "Số điện thoại", _CODE, "Điện thoại", personal=True, leading_zeros=True),
        _c("address", "Địa chỉ", _TEXT, "Nơi ở hiện nay", personal=True, multiline=True),
        _c(
            "inactive_periods",
            "Thời gian gián đoạn",
            PeriodsCodec(),
            "Gián đoạn sinh hoạt",
            personal=True,
        ),
        _c("left_on", "Ngày ra khỏi danh sách", _DATE, "Ngày ra khỏi Đảng", "Ngày chuyển đi"),
        _c(
            "leave_reason",
            "Lý do ra khỏi danh sách",
            EnumCodec(LeaveReason, N_("lý do")),
            "Lý do",
            personal=True,  # "khai trừ" is a discipline
        ),
        _c("is_working", "Đang công tác", _BOOL),
        _c(
            "keeps_residence_contact",
            "Giữ mối liên hệ nơi cư trú",
            _BOOL,
            "Giữ liên hệ nơi cư trú",
        ),
        _c("residence_unit_id", "Mã đơn vị dân cư", _ID, "Mã thôn nơi cư trú"),
        _c(
            "committee_role",
            "Chức vụ cấp ủy",
            EnumCodec(CommitteeRole, N_("chức vụ cấp ủy")),
            "Chức vụ đảng",
        ),
        _c("education", "Trình độ chuyên môn", EnumCodec(Education, N_("trình độ chuyên môn"))),
        _c(
            "political_theory",
            "Trình độ lý luận chính trị",
            EnumCodec(PoliticalTheory, N_("trình độ lý luận chính trị")),
            "Lý luận chính trị",
        ),
        _c(
            "exempted_on",
            "Ngày miễn công tác, sinh hoạt",
            _DATE,
            "Ngày miễn sinh hoạt",
            # Granted for age or illness: its day tells as much as the evaluations'
            # exemption flag and sick leave do.
            personal=True,
        ),
        _c("to_dang_id", "Tổ đảng", _ID, "Mã tổ đảng"),
        _c("occupation", "Nghề nghiệp", EnumCodec(Occupation, N_("nghề nghiệp"))),
        _c(
            "general_education",
            "Học vấn phổ thông",
            EnumCodec(GeneralEducation, N_("học vấn phổ thông")),
            "Trình độ học vấn",
            "Giáo dục phổ thông",
            "Trình độ phổ thông",
        ),
        _c(
            "academic_title",
            "Học hàm",
            EnumCodec(AcademicTitle, N_("học hàm")),
            "Chức danh khoa học",
        ),
        _c("is_youth_union_member", "Đoàn viên", _BOOL, "Là đoàn viên"),
        _c(
            "owns_private_enterprise",
            "Chủ doanh nghiệp tư nhân",
            _BOOL,
            "Chủ DNTN",
        ),
        _c(
            "party_card_number",
            "Số thẻ đảng viên",
            _CODE,
            "Số thẻ đảng",
            "Số thẻ",
            personal=True,
            leading_zeros=True,
        ),
    ),
)

UNITS = RecordSchema(
    "units",
    ResidentialUnit,
    "Đơn vị dân cư",
    ("don_vi_dan_cu", "thon", "thon to dan pho"),
    (
        _c("id", "Mã", _ID, "Mã đơn vị", required=True),
        _c("name", "Tên", _TEXT, "Tên đơn vị", required=True),
        _c("commune_id", "Mã xã", _ID, "Xã", "Mã đảng bộ xã", required=True),
        _c("kind", "Loại", EnumCodec(UnitKind, N_("loại đơn vị dân cư")), "Loại đơn vị"),
        _c("chi_bo_id", "Chi bộ", _ID, "Mã chi bộ"),
        _c("has_member", "Có đảng viên", _BOOL),
        _c(
            "head_is_member",
            "Trưởng thôn là đảng viên",
            _BOOL,
            "Người đứng đầu là đảng viên",
        ),
    ),
)

EVALUATIONS = RecordSchema(
    "evaluations",
    Evaluation,
    "Đánh giá",
    ("danh_gia", "xep_loai", "danh gia xep loai"),
    (
        _c("subject_id", "Mã", _ID, "Mã đảng viên", "Mã tổ chức", "Mã đối tượng", required=True),
        _c("year", "Năm", IntCodec(1930, 9999), required=True),
        _c("rating", "Xếp loại", RatingCodec(), "Mức xếp loại", column_required=True),
        _c("subject", "Đối tượng", EnumCodec(SubjectKind, N_("đối tượng"))),
        _c("disciplined", "Bị kỷ luật", _BOOL, personal=True),
        _c("self_remedied", "Tự phát hiện, khắc phục", _BOOL, personal=True),
        _c("sick_leave_months", "Số tháng nghỉ ốm", IntCodec(0, 12), personal=True),
        _c("exempted", "Miễn công tác, sinh hoạt", _BOOL, personal=True),
        _c("not_rated_reason", "Lý do không xếp loại", _TEXT, personal=True, multiline=True),
        _c("score", "Điểm", IntCodec(0, 100), personal=True),
        _c("suspended", "Đình chỉ sinh hoạt đảng", _BOOL, personal=True),
        _c("proposed_rating", "Xếp loại đề nghị", RatingCodec(), "Mức đề nghị"),
        _c("period", "Kỳ đánh giá", EnumCodec(ReviewPeriod, N_("kỳ đánh giá"))),
        _c("quarter", "Quý", IntCodec(1, 4)),
        _c("tasks", "Số nhiệm vụ", IntCodec(0, 1_000_000)),
        _c("tasks_on_time", "Hoàn thành đúng hạn", IntCodec(0, 1_000_000)),
        _c("tasks_late", "Hoàn thành chậm", IntCodec(0, 1_000_000)),
        _c("tasks_exceeded", "Vượt yêu cầu", IntCodec(0, 1_000_000)),
    ),
)


#: What separates the ids of one cell holding several (``into``).
ID_SEPARATORS = re.compile("[;,]")


# A number a spreadsheet rounded, standing alone among ids: its comma ("1,23457E+18")
# would otherwise part it into two ids, "1" and "23457E+18".
_CUT_AMONG = re.compile(rf"(?<![^\s;,]){SCIENTIFIC}(?![^\s;,])")


class IdsCodec(Codec):
    """Several ids in one cell, separated by ``;`` or ``,``; a list of texts in JSON.

    Each id is read as :class:`IdCodec` reads one: a number a spreadsheet rounded, or an
    id holding an invisible character or an odd space, is refused (it was kept, a
    rounded number even parted at its comma into two ids nobody has).
    """

    def from_text(self, text: str) -> object:
        if _CUT_AMONG.search(text):
            raise BadValueError(_CUT_NUMBER)
        ids = tuple(self._one(part.strip()) for part in ID_SEPARATORS.split(text) if part.strip())
        if not ids:
            raise BadValueError(N_("cần ít nhất một mã, cách nhau bởi dấu chấm phẩy"))
        return ids

    @staticmethod
    def _one(text: str) -> str:
        return str(_ID.from_text(text))

    def from_cell(self, value: object) -> object:
        if isinstance(value, (float, _dt.date, _dt.time)):
            _ID.from_cell(value)  # refuses a rounded number or a day, as for one id
        return super().from_cell(value)

    def from_json(self, value: object) -> object:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise BadValueError(N_("phải là một danh sách mã"))
        # Trimmed as a CSV or workbook cell's ids are; a blank one is no id (it was kept,
        # an organization of no id among the successors).
        if any(not item.strip() for item in value):
            raise BadValueError(N_("không được để trống"))
        return tuple(self._one(item.strip()) for item in value)

    def to_text(self, value: Any, headers: Headers) -> str:
        return "; ".join(value)

    def to_json(self, value: Any) -> object:
        return list(value)


MEMBER_EVENTS = RecordSchema(
    "member_events",
    MemberEvent,
    "Biến động đảng viên",
    ("bien_dong_dang_vien", "su kien dang vien"),
    (
        _c("member_id", "Mã đảng viên", _ID, "Mã", "Đảng viên", required=True),
        # A kind may be a discipline (khai trừ, xóa tên): never quoted in problems.
        _c(
            "kind",
            "Loại biến động",
            EnumCodec(MemberEventKind, N_("loại biến động")),
            "Biến động",
            "Loại",
            required=True,
            personal=True,
        ),
        _c("on", "Ngày", _DATE, "Ngày hiệu lực", "Ngày biến động", required=True),
        _c("org_id", "Chi bộ", _ID, "Mã chi bộ"),
        _c(
            "other_org_id",
            "Nơi đi, nơi đến",
            _ID,
            "Nơi đi/đến",
            "Mã tổ chức nơi đi, nơi đến",
            "Tổ chức bên kia",
        ),
        _c("scope", "Phạm vi", EnumCodec(TransferScope, N_("phạm vi")), "Phạm vi chuyển"),
        _c("decision", "Số quyết định", _CODE, "Quyết định", personal=True),
    ),
    optional=True,
)

ORG_EVENTS = RecordSchema(
    "org_events",
    OrgEvent,
    "Biến động tổ chức",
    ("bien_dong_to_chuc", "sap xep to chuc"),
    (
        _c("org_id", "Mã tổ chức", _ID, "Mã", required=True),
        _c(
            "kind",
            "Loại biến động",
            EnumCodec(OrgEventKind, N_("loại biến động tổ chức")),
            "Biến động",
            "Loại",
            required=True,
        ),
        _c("on", "Ngày", _DATE, "Ngày hiệu lực", required=True),
        _c("into", "Thành tổ chức", IdsCodec(), "Hợp nhất vào", "Sáp nhập vào", "Tách thành"),
        _c("parent_id", "Mã cấp trên mới", _ID, "Cấp trên mới"),
        _c("name", "Tên mới", _TEXT),
        _c("new_kind", "Loại tổ chức mới", EnumCodec(OrgKind, N_("loại tổ chức"))),
        _c("decision", "Số quyết định", _CODE, "Quyết định"),
    ),
    optional=True,
)

#: The record types, in the order files and sheets are read and written; the event
#: tables come last and are written only when they have records.
SCHEMAS: tuple[RecordSchema, ...] = (
    ORGANIZATIONS,
    UNITS,
    MEMBERS,
    EVALUATIONS,
    MEMBER_EVENTS,
    ORG_EVENTS,
)


def file_names(suffix: str) -> Reason:
    """The names a data file may have (``.csv``, ``.parquet``), for a file named otherwise.

    Read from :data:`SCHEMAS`, so a table added there (the event tables) is named too.
    """
    return N_(
        "{names} (hoặc {vietnamese})",
        names=", ".join(f"{schema.key}{suffix}" for schema in SCHEMAS),
        vietnamese=", ".join(f"{schema.aliases[0]}{suffix}" for schema in SCHEMAS),
    )


def sheet_names() -> Reason:
    """The titles a workbook's data sheet may have, for a sheet titled otherwise."""
    return N_(
        "{titles} (hoặc {names})",
        titles=", ".join(schema.title for schema in SCHEMAS),
        names=", ".join(schema.key for schema in SCHEMAS),
    )


def schema_for(name: str) -> RecordSchema | None:
    """The schema a file stem or sheet title names (``members``, ``dang_vien``, ``Đảng viên``)."""
    key = fold(name).replace("-", "_")
    for schema in SCHEMAS:
        if key in schema.names() or key.replace("_", " ") in schema.names():
            return schema
    return None


def held_tables(function: str, tables: Collection[str] | None) -> frozenset[str] | None:
    """The *tables* argument of a dump (:meth:`RecordSchema.written`), checked: ``None``,
    or keys of :data:`SCHEMAS` (``LoadResult.tables`` as given).

    Raises:
        UsageError: *tables* is not a collection of keys (a text, a number).
        ArgumentError: a key names no table.
    """
    if tables is None:
        return None
    if isinstance(tables, str | bytes) or not isinstance(tables, Collection):
        raise UsageError(function, "tables", N_("các khóa bảng hoặc None"), tables)
    keys = {schema.key for schema in SCHEMAS}
    strays = sorted(repr(t) for t in tables if not isinstance(t, str) or t not in keys)
    if strays:
        raise ArgumentError(
            N_(
                "{function}: tables: không có bảng {names}; các bảng: {choices}",
                function=function,
                names=", ".join(strays),
                choices=", ".join(schema.key for schema in SCHEMAS),
            )
        )
    return frozenset(tables)
