"""The shared engine of every loader: rows in, records and problems out.

A :class:`Collector` gathers the records and problems of one load. A :class:`TableReader`
reads one table (a CSV file or a worksheet) into it: headers first, then row by row, each
row becoming a record or at least one problem. JSON objects go through
:meth:`Collector.add_object`. Nothing here stops at the first problem.
"""

from __future__ import annotations

import bisect
import datetime as _dt
import functools
import itertools
import re
from array import array
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from operator import attrgetter
from typing import Any, TextIO, cast

import attrs

from coso_dang._checks import has_invisible, refused_fields
from coso_dang._record_builder import builder
from coso_dang._record_columns import named_column_records
from coso_dang.dataset import Dataset
from coso_dang.errors import Problem, RecordError, record_kind, record_where
from coso_dang.evaluation import Evaluation, SubjectKind
from coso_dang.io._frames import polars
from coso_dang.io._problems import REDACTED, LoadError, LoadProblem, LoadResult, Severity
from coso_dang.io._reasons import N_, Reason, thousands
from coso_dang.io._schema import (
    EVALUATIONS,
    SCHEMAS,
    SCIENTIFIC,
    SUGGESTION,
    BadValueError,
    Codec,
    CodeCodec,
    Column,
    DateCodec,
    IdCodec,
    RecordSchema,
    TextCodec,
    header_key,
    schema_for,
)
from coso_dang.io._variants import nearest
from coso_dang.io._verify import NOT_UNICODE, unicode_shown
from coso_dang.io._xlsxparts import CELL_ERRORS, ShownNumber, Unreadable
from coso_dang.members import LeaveReason
from coso_dang.progress import Bar
from coso_dang.progress import Progress as Shown
from coso_dang.tree import structure_problems
from coso_dang.vi.legacy import (
    LEGACY_ENCODINGS,
    convert_legacy,
    detect_legacy_encoding,
    repair_misread_utf8,
)
from coso_dang.vi.text import fold, normalize

__all__ = [
    "ABOUT_HEADERS",
    "ABOUT_TITLES",
    "Collector",
    "Progress",
    "TableReader",
    "about_rows",
    "about_year",
    "is_about",
    "read_about",
    "tables_named",
]

#: Longest value a problem quotes; longer values are cut with "…".
_MAX_QUOTE = 80
#: Rows between two progress lines.
PROGRESS_EVERY = 10_000
#: The most problems kept for one table (a file or a sheet): past them the rest of the
#: table is not read, and one problem says from which row. A file of a million bad rows
#: would otherwise hold a million problems in memory.
MAX_TABLE_PROBLEMS = 10_000
#: Below this age at admission (from the birth date), a member's row loads with a warning:
#: most likely a date typed wrong (the Charter admits from 18).
ADMISSION_MIN_AGE = 16
#: Over this age on the rolls (from the birth date, to the day the member left or to
#: today), a member's row loads with a warning: most likely a year typed wrong (1880
#: for 1980); no one on record has lived much past it.
MAX_AGE_ON_ROLLS = 120
#: The day the Party was founded (3/2/1930): an admission before it loads with a warning,
#: most likely a year typed wrong (0210 for 2010, 1910 for 2010).
PARTY_FOUNDED = _dt.date(1930, 2, 3)
#: Headers that number rows in spreadsheets and carry no data.
_ROW_NUMBER_HEADERS = frozenset({"stt", "so thu tu", "tt"})


#: A letter of any script right beside a digit: "O912345678", "09l2 345 678".
_LETTER_BY_DIGIT = re.compile(r"[^\W\d_]\d|\d[^\W\d_]")


def _not_a_phone(text: str) -> bool:
    """Whether *text*, a phone number's cell, holds a letter that is no note beside it:
    a text without a digit ("không có", a name), or a letter typed inside a number (an
    "O" for a 0). Clerks add words apart from the digits ("0912 345 678 (cơ quan)",
    "CQ: 028 3829 1234", "ext. 12"): warning of each would bury the rows worth a look
    among a province's ordinary ones."""
    if text.isdigit() or not any(map(str.isalpha, text)):
        return False
    return not any(map(str.isdigit, text)) or _LETTER_BY_DIGIT.search(text) is not None


def _quote(text: str) -> str:
    return text if len(text) <= _MAX_QUOTE else text[: _MAX_QUOTE - 1] + "…"


# Unknown ids answered with the nearest known one ("có phải …?"), at most, per load.
_MAX_SUGGESTIONS = 200
#: Every field whose values are personal data, whatever the record.
PERSONAL_FIELDS = frozenset(c.field for schema in SCHEMAS for c in schema.columns if c.personal)


def _records_together(record: type, rows: Sequence[Mapping[str, object]]) -> list[Any] | None:
    """The records of class *record* built of *rows* (keywords each, a field not given
    taking its default), as :func:`~coso_dang._record_columns.named_column_records`
    builds them; ``None`` when one might be refused or a keyword is no field."""
    fields = attrs.fields(record)
    named = {field.name for field in fields}
    if any(not named.issuperset(values) for values in rows):
        return None
    columns: dict[str, list[object]] = {}
    for field in fields:
        name, default = field.name, field.default
        given = [name in values for values in rows]
        if all(given):
            columns[name] = [values[name] for values in rows]
        elif any(given):
            # Given in some rows only: the others take the default, if a plain one.
            if default is attrs.NOTHING or isinstance(default, attrs.Factory):  # type: ignore[arg-type]
                return None
            columns[name] = [values.get(name, default) for values in rows]
    return named_column_records(record, columns, len(rows))


#: The most rows a table holds back to build together (see TableReader.row).
_HELD_ROWS = 1024
# The tables whose rows are not held back: a member's or an evaluation's row costs the
# look-ups of other tables (a chi bộ by its name, an evaluation's subject) more than
# the checks of its values, which are all that building rows together spares.
_LOOKED_UP = frozenset({"members", "evaluations"})

# Each record type's constructor for read values (same records, same refusals).
_BUILDERS: Mapping[str, Callable[..., Any]] = {
    schema.key: builder(schema.record) for schema in SCHEMAS
}
# By schema key: a schema is a large frozen value, slow to hash once a row.
_DATE_COLUMNS: Mapping[str, tuple[Column, ...]] = {
    schema.key: tuple(c for c in schema.columns if isinstance(c.codec, DateCodec))
    for schema in SCHEMAS
}
_DATE_FIELDS: Mapping[str, tuple[str, ...]] = {
    key: tuple(column.field for column in columns) for key, columns in _DATE_COLUMNS.items()
}
_ONE_DAY = _dt.timedelta(days=1)


def _redacted(message: str, schema: RecordSchema, values: Mapping[str, object]) -> str:
    """*message* with the text of every personal value in *values* replaced."""
    for column in schema.columns:
        value = values.get(column.field)
        if column.personal and value not in (None, "", ()):
            for text in {str(value), repr(value)}:
                message = message.replace(text, REDACTED)
    return message


def _told(column: Column, reason: str) -> str:
    """What a problem may say of a refused value: for a personal column, not the accepted
    value nearest to it ("có phải «Phật giáo»?" told the member's religion)."""
    if column.personal and isinstance(reason, Reason) and reason.template == SUGGESTION:
        inner = reason.params["reason"]
        return inner if isinstance(inner, str) else reason
    return reason


#: The most characters of a column's name a problem quotes (a JSON key may be any text).
_MAX_LABEL = 200


def _shown(column: Column | None, text: str) -> str:
    """What a problem may show of a value: personal columns are redacted."""
    if column is not None and column.personal and text:
        return REDACTED
    return _quote(text)


class Progress:
    """Rows read, per table, as a line on stderr when it is a terminal and *enabled*.

    *enabled* is a loader's ``progress=`` argument: a bool, or the caller's
    :class:`coso_dang.progress.Progress` (the command line's, for ``--quiet``).
    """

    def __init__(self, enabled: bool | Shown, stream: TextIO | None = None) -> None:
        self._shown = enabled if isinstance(enabled, Shown) else Shown(bool(enabled), stream)
        self._bar: Bar | None = None
        self._label: str | None = None

    def update(self, label: str, rows: int) -> None:
        """Report *rows* rows read from *label* (callers call every :data:`PROGRESS_EVERY`)."""
        if not self._shown.on:
            return
        if self._bar is not None and self._label != label:
            self._bar.close()
            self._bar = None
        if self._bar is None:
            # In the caller's language (the command line's --locale), as its own steps.
            text = N_("đang đọc {name}", name=label)
            self._bar = self._shown.bar(text, unit=N_("dòng"))
            self._label = label
        self._bar.update(rows)

    def done(self) -> None:
        """End the progress line, if one was written."""
        if self._bar is not None:
            self._bar.close()
            self._bar = None


# -- reasons ------------------------------------------------------------------------------
# The records and the tree explain problems in Vietnamese; a loader says a few of them the
# way the person who typed the spreadsheet reads them ("a previous row"), and translates
# any reason that still comes in English.

_REASONS: Mapping[str, Reason] = {
    "must be a non-empty text": N_("không được để trống"),
    "before founded_on": N_("trước ngày thành lập"),
    "an organization's own id": N_("là mã của chính tổ chức này"),
    "before admitted_on": N_("trước ngày vào Đảng"),
    "not after the birth date": N_("không sau ngày sinh"),
    "before ceremony_on": N_("trước ngày lễ kết nạp"),
    "before start": N_("trước ngày bắt đầu"),
    "given for a rated subject": N_("chỉ ghi khi không xếp loại"),
    "duplicate id": N_("mã bị trùng với một dòng trước"),
    "mã bị trùng": N_("mã bị trùng với một dòng trước"),
    "unknown parent": N_("không có tổ chức cấp trên mang mã này"),
    "cycle": N_("các tổ chức là cấp trên của nhau thành vòng"),
    "unknown organization": N_("không có tổ chức mang mã này"),
    "not a tổ đảng of the member's chi bộ": N_("không phải tổ đảng của chi bộ của đảng viên"),
    "not a chi bộ": N_("không phải một chi bộ"),
}
_PATTERNS: tuple[tuple[re.Pattern[str], str, tuple[str, ...]], ...] = (
    (
        re.compile(r"must be a whole number from (-?\d+) to (-?\d+)"),
        N_("phải là số nguyên từ {low} đến {high}", low="", high="").template,
        ("low", "high"),
    ),
    (
        re.compile(r"a (.+) cannot stand under a (.+)"),
        N_("«{kind}» không thể trực thuộc «{parent}»", kind="", parent="").template,
        ("kind", "parent"),
    ),
    (
        re.compile(r"members belong to a chi bộ, not a (.+)"),
        N_("đảng viên phải thuộc một chi bộ, không phải «{kind}»", kind="").template,
        ("kind",),
    ),
)


# The reasons of a reference to an id no record has: such a reference may point at a row
# that failed to load, or at a near id.
_UNKNOWN_REFERENCES = frozenset(
    {
        "unknown subject",
        "unknown organization",
        "unknown parent",
        "không có tổ chức mang mã này",
        "không có tổ chức cấp trên mang mã này",
    }
)


def vietnamese_reason(reason: str) -> str:
    """The Vietnamese for a record's or the tree's reason (unknown ones pass unchanged)."""
    known = _REASONS.get(reason)
    if known is not None:
        return known
    for pattern, template, names in _PATTERNS:
        match = pattern.fullmatch(reason)
        if match:
            return Reason(template, dict(zip(names, match.groups(), strict=True)))
    return reason


# -- collecting -------------------------------------------------------------------------------


class _Place:
    """Where a record came from, to point validation problems back at its row."""

    __slots__ = ("file", "labels", "row")

    def __init__(self, file: str, row: int, labels: Mapping[str, str]) -> None:
        self.file = file
        self.row = row
        self.labels = labels


class _Places:
    """Where each record of one type came from, kept small for millions of records.

    One row number per record, in a typed array beside the records' list, and one entry
    per run of records from the same table (file and labels): a national load keeps a
    few bytes a record, not an object and a key.
    """

    __slots__ = ("rows", "tables")

    def __init__(self) -> None:
        self.rows = array("l")
        #: (index of the run's first record, file, labels), in the order read.
        self.tables: list[tuple[int, str, Mapping[str, str]]] = []

    def add(self, file: str, row: int, labels: Mapping[str, str]) -> None:
        """Note the place of the record just appended."""
        tables = self.tables
        if not tables or tables[-1][1] != file or tables[-1][2] is not labels:
            tables.append((len(self.rows), file, labels))
        self.rows.append(row)

    def __len__(self) -> int:
        return len(self.rows)

    def replace(
        self, since: int, file: str, rows: Sequence[int], labels: Mapping[str, str]
    ) -> None:
        """The places from *since* on are *rows* of *file*: those of a table whose
        records are kept as a frame (a columnar load), not in the records' list."""
        del self.rows[since:]
        while self.tables and self.tables[-1][0] >= since:
            self.tables.pop()
        if len(rows):
            self.tables.append((len(self.rows), file, labels))
            self.rows.extend(rows)

    def at(self, index: int) -> _Place:
        """The place of the record at *index* in its list."""
        starts = [start for start, _, _ in self.tables]
        _, file, labels = self.tables[bisect.bisect_right(starts, index) - 1]
        return _Place(file, self.rows[index], labels)


#: The text fields checked for legacy-encoded (TCVN3, VNI) mojibake.
_NAME_FIELDS = ("name", "full_name")
#: A số định danh cá nhân (CCCD, 12 digits) or an old CMND (9 digits), once the spaces,
#: dots and dashes it is written with are taken out (:data:`IDENTITY_SEPARATORS`).
IDENTITY_NUMBER = re.compile("[0-9]{9}|[0-9]{12}")
IDENTITY_SEPARATORS = re.compile("[ .-]")
_NOT_AN_IDENTITY = N_(
    "không phải số định danh cá nhân (12 chữ số) hay số CMND cũ (9 chữ số): số 0 ở đầu bị "
    "mất khi mở tệp bằng Excel, hay có chữ lẫn vào?; vẫn đọc dòng này"
)
LEGACY_LABELS = {"tcvn3": "TCVN3 (ABC)", "vni": "VNI"}
#: Each record's free-text columns other than names (an address, a reason not rated):
#: the text is kept as given, and looked at for characters no one sees.
FREE_TEXT_FIELDS: Mapping[str, tuple[str, ...]] = {
    schema.key: tuple(
        c.field
        for c in schema.columns
        if type(c.codec) is TextCodec and c.field not in _NAME_FIELDS
    )
    for schema in SCHEMAS
}
_NOT_A_PHONE = N_(
    "số điện thoại không có chữ số nào, hay có chữ lẫn vào giữa các chữ số (chữ O thay "
    "số 0); vẫn đọc dòng này"
)
_REASON_WITHOUT_DAY = N_(
    "có lý do ra khỏi danh sách nhưng không có ngày ra khỏi danh sách: đảng viên vẫn được "
    "tính là còn trong danh sách; vẫn đọc dòng này (hãy ghi ngày, hoặc xóa lý do)"
)
_HIDDEN_IN_TEXT = N_(
    "có ký tự điều khiển hoặc ký tự đổi chiều chữ không hiện ra (NUL, ESC, U+202E…), "
    "trông giống mà khác chữ gõ thường; vẫn đọc dòng này (hãy xóa ô rồi gõ lại)"
)


class Collector:
    """The records and problems of one load, across every file read."""

    def __init__(self, *, progress: bool | Shown = True, validate: bool = False) -> None:
        self.problems: list[LoadProblem] = []
        self.records: dict[str, list[Any]] = {schema.key: [] for schema in SCHEMAS}
        #: The dataset's description (``name``, ``year``) when the source gives one.
        self.about: dict[str, Any] = {}
        self.progress = Progress(progress)
        self._validate = validate
        #: (table key, file, row) of the record built last, which a break found in its
        #: row afterwards takes back (see :meth:`retract`).
        self._last: tuple[str, str, int] | None = None
        self._places: dict[str, _Places] = {schema.key: _Places() for schema in SCHEMAS}
        # Dates after this day are warned of (read once: a load is one moment).
        self._today = _dt.date.today()
        self._encodings: dict[str, object] = {}
        # The rows that did not load, by the id they gave: a later reference to the id
        # is pointed at the row that failed.
        self._failed: dict[str, tuple[str, int]] = {}
        self._orgs: tuple[int, frozenset[str]] = (0, frozenset())
        self._org_names: tuple[int, dict[str, list[tuple[str, str]]]] = (0, {})
        self._members: tuple[int, frozenset[str]] = (0, frozenset())
        self._suggested = 0
        self._counts: dict[str, int] = {}
        self._warned: dict[str, int] = {}
        #: The member ids, when members are kept outside the records (a columnar load).
        self.member_ids: frozenset[str] | None = None
        #: The member tables kept as polars frames, not records (a columnar load), by
        #: table key: validation reads their ids from them.
        self.frames: dict[str, Any] = {}
        #: The records by table once :meth:`result` has made the dataset of them.
        self._tables: dict[str, tuple[Any, ...]] | None = None
        #: The keys of the tables the source held (a file, a sheet, a JSON key), rows or
        #: none: a table not there is unknown, not empty.
        self.held: set[str] = set()
        #: Builds the rows a table holds back to build together (see TableReader.row),
        #: called before any problem is said, so that theirs come first.
        self.waiting: Callable[[], None] | None = None

    def problem(
        self,
        file: str,
        row: int | None,
        column: str,
        value: str,
        reason: str,
        severity: Severity = Severity.ERROR,
    ) -> None:
        """Record one problem (an error unless *severity* says otherwise).

        Past :data:`MAX_TABLE_PROBLEMS` warnings in one file, further warnings are
        counted, not kept (their rows loaded); errors stop the table (:meth:`full`).
        """
        if self.waiting is not None:
            self.waiting()
        counts = self._counts if severity is Severity.ERROR else self._warned
        seen = counts.get(file, 0)
        counts[file] = seen + 1
        if severity is not Severity.ERROR and seen >= MAX_TABLE_PROBLEMS:
            return
        # A JSON key is the document's own text: half of a UTF-16 pair in it ("\ud800")
        # made the problem unprintable (UnicodeEncodeError on the way out), and a key of
        # megabytes was quoted whole. File names may hold undecoded bytes alike.
        if len(column) > _MAX_LABEL:
            column = column[:_MAX_LABEL] + "…"
        file, column, value = unicode_shown(file), unicode_shown(column), unicode_shown(value)
        self.problems.append(LoadProblem(file, row, column, value, reason, severity))

    def errors(self, file: str) -> int:
        """How many errors *file* has."""
        return self._counts.get(file, 0)

    def full(self, file: str) -> bool:
        """Whether *file* has :data:`MAX_TABLE_PROBLEMS` errors: read no more of it."""
        return self._counts.get(file, 0) >= MAX_TABLE_PROBLEMS

    def stop(self, file: str, row: int) -> None:
        """Say that *file* is not read on from *row*, having too many problems."""
        reason = N_(
            "bảng có hơn {limit} lỗi: từ dòng này, phần còn lại của bảng không "
            "được đọc; hãy sửa các lỗi đã nêu rồi nạp lại",
            limit=thousands(MAX_TABLE_PROBLEMS),
        )
        if self.waiting is not None:
            self.waiting()
        self.problems.append(LoadProblem(file, row, "", "", reason))

    def build(
        self,
        schema: RecordSchema,
        values: dict[str, object],
        file: str,
        row: int,
        labels: Mapping[str, str],
        *,
        quiet: bool = False,
    ) -> None:
        """Build a record from read values; a refusal becomes a problem on its row.

        *labels* maps field names to the column names this file uses for them. *quiet*:
        the values are of a row :meth:`may_warn` does not name, of which the checks
        after building have nothing to say.
        """
        if schema.key == "members" and not self._chi_bo_by_name(values, file, row, labels):
            self.failed(schema, values, file, row)
            return
        if schema.key == "evaluations" and "subject" not in labels:
            self._subject_kind(values, file, row, labels)
        try:
            record = _BUILDERS[schema.key](**values)
        except RecordError as error:
            # The record stops at its first refused field: every one is named, as every
            # cell that cannot be read is (a rule between fields alone when none is).
            for refused in refused_fields(schema.record, values) or [error]:
                field = refused.problem.field
                column = schema.by_field.get(field)
                shown = _shown(column, refused.problem.value)
                reason = vietnamese_reason(refused.problem.reason)
                # A field the file has no column for is named by the column it should
                # have.
                label = labels.get(field) or (field if column is None else column.header)
                self.problem(file, row, label, shown, reason)
            self.failed(schema, values, file, row)
            return
        except (TypeError, ValueError) as error:
            message = _redacted(str(error), schema, values)
            self.problem(file, row, "", "", N_("không tạo được bản ghi: {error}", error=message))
            self.failed(schema, values, file, row)
            return
        self.records[schema.key].append(record)
        self._last = (schema.key, file, row)
        if not quiet:
            self._check_encoding(schema, values, file, row, labels)
            self._check_free_text(schema, values, file, row, labels)
            self._check_dates(schema, values, file, row, labels)
            if schema.key == "members":
                self._check_identity_number(values, file, row, labels)
                self._check_phone(values, file, row, labels)
                self._check_leaving(values, file, row, labels)
        if self._validate:
            self._places[schema.key].add(file, row, labels)

    def add_built(
        self, schema: RecordSchema, record: object, file: str, row: int, labels: Mapping[str, str]
    ) -> None:
        """Keep *record*, built from *row* of *file* as :meth:`build` builds it quietly
        (see :meth:`TableReader.quiet_records`)."""
        self.records[schema.key].append(record)
        self._last = (schema.key, file, row)
        if self._validate:
            self._places[schema.key].add(file, row, labels)

    def may_warn(self, schema: RecordSchema, columns: Mapping[str, Sequence[object]]) -> set[int]:
        """The rows of which the checks after building (:meth:`build`) may warn, among
        rows given column by column as their values are read (*columns*, by field; a
        field's value missing from the row is neither text nor a date there).

        Each check looked at a column at a time, as a loop of the interpreter's over
        its values: a row named is checked as :meth:`build` checks it, the others have
        nothing to be said of them.
        """
        loud: set[int] = set()
        for field in _NAME_FIELDS:
            texts = columns.get(field)
            if texts is None:
                continue
            known = self._encodings
            for at, text in enumerate(texts):
                if not isinstance(text, str):
                    continue
                reason = known.get(text, _UNSEEN)
                if reason is _UNSEEN:
                    if len(known) >= _KNOWN_TEXTS:
                        known.clear()
                    reason = known[text] = _encoding_doubt(text)
                if reason is not None:
                    loud.add(at)
        for field in FREE_TEXT_FIELDS[schema.key]:
            texts = columns.get(field)
            if texts is not None:
                loud.update(
                    at
                    for at, text in enumerate(texts)
                    if isinstance(text, str) and not text.isprintable()
                )
        date, limit = _dt.date, self._today
        for field in _DATE_FIELDS[schema.key]:
            days = columns.get(field)
            if days is not None:
                # A datetime is a date to isinstance, and compares with none: its row is
                # checked, to fail as it does there.
                loud.update(
                    at
                    for at, day in enumerate(days)
                    if isinstance(day, date) and (type(day) is not date or day > limit)
                )
        admitted = columns.get("admitted_on")
        if admitted is not None:
            born = columns.get("birth_date") or [None] * len(admitted)
            for at, (entered, birth) in enumerate(zip(admitted, born, strict=True)):
                if not isinstance(entered, date):
                    continue
                if (
                    type(entered) is not date
                    or entered < PARTY_FOUNDED
                    or (
                        isinstance(birth, date)
                        and (
                            type(birth) is not date
                            or entered.year - birth.year <= ADMISSION_MIN_AGE
                        )
                    )
                ):
                    loud.add(at)
        births = columns.get("birth_date")
        if births is not None:
            left = columns.get("left_on") or [None] * len(births)
            loud.update(
                at
                for at, (birth, day) in enumerate(zip(births, left, strict=True))
                if isinstance(birth, date) and self._too_old(birth, day)
            )
        if schema.key == "members":
            reasons = columns.get("leave_reason")
            if reasons is not None:
                left = columns.get("left_on") or [None] * len(reasons)
                loud.update(
                    at
                    for at, (reason, day) in enumerate(zip(reasons, left, strict=True))
                    if isinstance(reason, LeaveReason) and not isinstance(day, date)
                )
            phones = columns.get("phone")
            if phones is not None:
                loud.update(
                    at
                    for at, text in enumerate(phones)
                    if isinstance(text, str) and _not_a_phone(text)
                )
            numbers = columns.get("identity_number")
            if numbers is not None:
                loud.update(
                    at
                    for at, text in enumerate(numbers)
                    if isinstance(text, str)
                    and not IDENTITY_NUMBER.fullmatch(IDENTITY_SEPARATORS.sub("", text))
                )
        return loud

    def retract(self, file: str, row: int) -> None:
        """Take back the record just built from *row* of *file*, if it was: the row was
        found cut short after it was read (a sheet whose XML breaks inside it), so its
        values are not all there and a problem names the row instead."""
        if self._last is None or self._last[1:] != (file, row):
            return
        key = self._last[0]
        self._last = None
        self.records[key].pop()
        if self._validate:
            places = self._places[key]
            places.rows.pop()
            if places.tables and places.tables[-1][0] == len(places.rows):
                places.tables.pop()

    def failed(
        self, schema: RecordSchema, values: Mapping[str, object], file: str, row: int
    ) -> None:
        """Note that the row *row* of *file*, giving these values, did not load."""
        ident = values.get("id")
        if isinstance(ident, str) and schema.key in ("organizations", "members"):
            self._failed.setdefault(ident, (file, row))

    def _loaded(self, key: str) -> Sequence[Any]:
        """The records of table *key*: while loading, and once the dataset is made."""
        return self.records[key] if self._tables is None else self._tables[key]

    def _org_ids(self) -> frozenset[str]:
        """Organization ids (made again when organizations are added)."""
        organizations = self._loaded("organizations")
        if self._orgs[0] != len(organizations):
            self._orgs = (len(organizations), frozenset(o.id for o in organizations))
        return self._orgs[1]

    def _org_ids_by_name(self) -> dict[str, list[tuple[str, str]]]:
        """Organization ids by folded name, each with its name as spelt (normalized, any
        case), made when a chi bộ is first given by its name."""
        organizations = self._loaded("organizations")
        if self._org_names[0] != len(organizations):
            by_name: dict[str, list[tuple[str, str]]] = {}
            for org in organizations:
                spelt = normalize(org.name).casefold()
                by_name.setdefault(fold(org.name), []).append((org.id, spelt))
            self._org_names = (len(organizations), by_name)
        return self._org_names[1]

    def placed(self, key: str) -> int:
        """How many places of table *key*'s records are noted (see :meth:`place`)."""
        return len(self._places[key])

    def place(
        self, key: str, since: int, file: str, rows: Sequence[int], labels: Mapping[str, str]
    ) -> None:
        """With validation, the places of table *key*'s records from *since* on are *rows*
        of *file*: a columnar load keeps its records as a frame, in the order of its
        rows, and notes each one's row here (to point validation problems at it)."""
        if self._validate:
            self._places[key].replace(since, file, rows, labels)

    def _member_ids(self) -> frozenset[str]:
        if self.member_ids is None and "members" in self.frames:
            self.member_ids = frozenset(self.frames["members"].get_column("id").to_list())
        if self.member_ids is not None:
            return self.member_ids
        members = self._loaded("members")
        if self._members[0] != len(members):
            self._members = (len(members), frozenset(m.id for m in members))
        return self._members[1]

    def _chi_bo_by_name(
        self, values: dict[str, object], file: str, row: int, labels: Mapping[str, str]
    ) -> bool:
        """A chi bộ given by its name instead of its code: take the code when one fits.

        Returns False when the name fits several organizations (an error on the row).
        """
        given = values.get("org_id")
        if not isinstance(given, str) or not self.records["organizations"]:
            return True
        if given in self._org_ids():
            return True
        folded = fold(given)
        if folded == given and " " not in given:
            # Written as an id is (no capital, mark or space): an unknown id, not a name
            # ("hoa" is no chi bộ "Hòa"); validation names it.
            return True
        named = self._org_ids_by_name().get(folded, [])
        fitting = [ident for ident, _ in named]
        if len(fitting) > 1:
            # "Chi bộ thôn Hòa" written with its marks is not also "Chi bộ thôn Hoa", as
            # the command line's --org tells them apart: the one spelt so, in either
            # accepted place of the tone ("Hoà"), is the one meant.
            spelt = normalize(given).casefold()
            fitting = [ident for ident, name in named if name == spelt] or fitting
        label = labels.get("org_id", "org_id")
        if len(fitting) == 1:
            values["org_id"] = fitting[0]
            reason = N_("là tên của tổ chức mã «{id}»; đã lấy mã đó", id=fitting[0])
            self.problem(file, row, label, _quote(given), reason, Severity.WARNING)
        elif len(fitting) > 1:
            reason = N_(
                "tên này là của {count} tổ chức ({ids}); hãy ghi mã tổ chức",
                count=len(fitting),
                ids=", ".join(fitting[:5]),
            )
            self.problem(file, row, label, _quote(given), reason)
            return False
        return True

    def _subject_kind(
        self, values: dict[str, object], file: str, row: int, labels: Mapping[str, str]
    ) -> None:
        """An evaluation without «Đối tượng»: an organization's when its id names only one."""
        subject = values.get("subject_id")
        if not isinstance(subject, str) or not self.records["organizations"]:
            return
        org_ids = self._org_ids()
        if subject not in org_ids:
            return
        if subject not in self._member_ids():
            values["subject"] = SubjectKind.ORGANIZATION
            return
        reason = N_(
            "mã này là của một đảng viên và cũng của một tổ chức; đã hiểu là đánh giá đảng "
            "viên (thêm cột «Đối tượng» để nói rõ)"
        )
        label = labels.get("subject_id", "subject_id")
        self.problem(file, row, label, _quote(subject), reason, Severity.WARNING)

    def _check_dates(
        self,
        schema: RecordSchema,
        values: Mapping[str, object],
        file: str,
        row: int,
        labels: Mapping[str, str],
    ) -> None:
        """Warn of a date after the dataset's year, and of an admission before the Party
        was founded or before age 16."""
        # After today only: a dataset of one year legitimately holds the later events
        # (ceremonies, transfers, reorganizations) known when it was put together.
        limit = self._today
        columns = _DATE_COLUMNS[schema.key]
        try:
            # The latest date of the row first, in the interpreter's loops: most rows have
            # none after today, and then no column need be looked at on its own.
            given = cast(
                "Iterator[_dt.date]", filter(None, map(values.get, _DATE_FIELDS[schema.key]))
            )
            latest: object = max(given, default=None)
        except TypeError:  # not all dates: each column is looked at
            latest = limit + _ONE_DAY
        if not isinstance(latest, _dt.date) or latest <= limit:
            columns = ()
        for column in columns:
            value = values.get(column.field)
            if isinstance(value, _dt.date) and value > limit:
                reason = N_(
                    "ngày ở sau hôm nay ({limit}); kiểm tra lại",
                    limit=f"{limit.day:02d}/{limit.month:02d}/{limit.year}",
                )
                label = labels.get(column.field, column.field)
                self.problem(file, row, label, _shown(column, str(value)), reason, Severity.WARNING)
        born, admitted = values.get("birth_date"), values.get("admitted_on")
        if isinstance(admitted, _dt.date) and admitted < PARTY_FOUNDED:
            reason = N_("vào Đảng trước ngày thành lập Đảng (03/02/1930); kiểm tra lại")
            label = labels.get("admitted_on", "admitted_on")
            self.problem(file, row, label, "", reason, Severity.WARNING)
        if (
            isinstance(born, _dt.date)
            and isinstance(admitted, _dt.date)
            and admitted.year - born.year <= ADMISSION_MIN_AGE  # else old enough, surely
        ):
            before_birthday = (admitted.month, admitted.day) < (born.month, born.day)
            age = admitted.year - born.year - before_birthday
            if age < ADMISSION_MIN_AGE:
                reason = N_(
                    "vào Đảng khi chưa đủ {age} tuổi (theo ngày sinh); kiểm tra lại",
                    age=ADMISSION_MIN_AGE,
                )
                label = labels.get("admitted_on", "admitted_on")
                self.problem(file, row, label, "", reason, Severity.WARNING)
        if isinstance(born, _dt.date) and self._too_old(born, values.get("left_on")):
            # Neither the birth date nor the age is quoted: they would give the date away.
            reason = N_(
                "quá {age} tuổi khi còn trong danh sách (theo ngày sinh); kiểm tra lại năm sinh",
                age=MAX_AGE_ON_ROLLS,
            )
            label = labels.get("birth_date", "birth_date")
            self.problem(file, row, label, "", reason, Severity.WARNING)

    def _too_old(self, born: _dt.date, left: object) -> bool:
        """Whether one born on *born* is over :data:`MAX_AGE_ON_ROLLS` on the last day
        on the rolls: the day *left* (when it is a date before today), else today."""
        last = left if isinstance(left, _dt.date) and left < self._today else self._today
        if last.year - born.year <= MAX_AGE_ON_ROLLS:  # else too old, whatever the day
            return False
        before_birthday = (last.month, last.day) < (born.month, born.day)
        return last.year - born.year - before_birthday > MAX_AGE_ON_ROLLS

    def _check_identity_number(
        self, values: Mapping[str, object], file: str, row: int, labels: Mapping[str, str]
    ) -> None:
        """Warn of an identity number that is no identity number: neither the 12 digits
        of a số định danh cá nhân (CCCD) nor the 9 of an old CMND. Its leading zero was
        lost (a CSV file opened and saved in Excel: "001089001123" as "1089001123"), or
        it holds a letter (an "O" for a 0, a Cyrillic one, an apostrophe Excel keeps for
        text). The record still loads; the value is never shown."""
        text = values.get("identity_number")
        if isinstance(text, str) and not IDENTITY_NUMBER.fullmatch(
            IDENTITY_SEPARATORS.sub("", text)
        ):
            label = labels.get("identity_number", "identity_number")
            self.problem(file, row, label, REDACTED, _NOT_AN_IDENTITY, Severity.WARNING)

    def _check_phone(
        self, values: Mapping[str, object], file: str, row: int, labels: Mapping[str, str]
    ) -> None:
        """Warn of a phone number holding a letter (a name, "không có", an "O" for a 0):
        numbers are written every way ("+84 912 345 678", "0912.345.678", two of them
        with a "/", a note beside them), but with digits (:func:`_not_a_phone`). The
        record still loads; the value is never shown."""
        text = values.get("phone")
        if isinstance(text, str) and _not_a_phone(text):
            label = labels.get("phone", "phone")
            self.problem(file, row, label, REDACTED, _NOT_A_PHONE, Severity.WARNING)

    def _check_leaving(
        self, values: Mapping[str, object], file: str, row: int, labels: Mapping[str, str]
    ) -> None:
        """Warn of a reason for leaving the rolls given without the day: the member is
        counted on the rolls, as one who never left ("từ trần" with no date), where a day
        without a reason is only a reason not recorded. The record still loads; the
        reason is never shown (it may be a discipline)."""
        if values.get("leave_reason") is not None and values.get("left_on") is None:
            label = labels.get("leave_reason", "leave_reason")
            self.problem(file, row, label, "", _REASON_WITHOUT_DAY, Severity.WARNING)

    def _check_free_text(
        self,
        schema: RecordSchema,
        values: Mapping[str, object],
        file: str,
        row: int,
        labels: Mapping[str, str],
    ) -> None:
        """Warn of free text (an address) holding a control or format character no one
        sees (a NUL or an escape from an export, a direction override), which the record
        keeps as given where an id or a number kept as text is refused for one. The
        record still loads; the value is never shown (it is personal)."""
        for field in FREE_TEXT_FIELDS[schema.key]:
            text = values.get(field)
            # Printable text holds neither (a cheap test first: addresses are many).
            if isinstance(text, str) and not text.isprintable() and has_invisible(text):
                label = labels.get(field, field)
                self.problem(file, row, label, REDACTED, _HIDDEN_IN_TEXT, Severity.WARNING)

    def _check_encoding(
        self,
        schema: RecordSchema,
        values: Mapping[str, object],
        file: str,
        row: int,
        labels: Mapping[str, str],
    ) -> None:
        """Name text that looks like TCVN3 or VNI typing read as Unicode, or UTF-8 read
        as Windows-1252 or Windows-1258 (mojibake), or that holds a control or
        direction character no one sees.

        The record still loads, so the problem is a warning: it says which legacy
        encoding to convert from, or what the text was before it was misread.
        Only names are checked; personal fields would have to be quoted to be useful.
        """
        for field in _NAME_FIELDS:
            text = values.get(field)
            if not isinstance(text, str):
                continue
            # Names repeat (a nation has a few tens of thousands of distinct full names).
            known = self._encodings
            reason = known.get(text, _UNSEEN)
            if reason is _UNSEEN:
                if len(known) >= _KNOWN_TEXTS:
                    known.clear()
                reason = known[text] = _encoding_doubt(text)
            if isinstance(reason, str):
                column = labels.get(field, field)
                self.problem(file, row, column, _quote(text), reason, Severity.WARNING)

    def add_object(self, schema: RecordSchema, obj: object, file: str, index: int) -> None:
        """Read one JSON object of *schema*'s list (``index`` counts from 1)."""
        labels = self._json_labels(schema)
        if not isinstance(obj, dict):
            self.problem(file, index, schema.key, "", N_("mỗi phần tử phải là một đối tượng JSON"))
            return
        values: dict[str, object] = {}
        failed = False
        unlisted = 0  # unknown fields past the file's error limit: counted, not listed
        for key, raw in obj.items():
            column = schema.by_field.get(key) if isinstance(key, str) else None
            if column is None:
                if self.full(file):
                    unlisted += 1
                else:
                    label = f"{schema.key}.{key}"
                    self.problem(file, index, label, "", N_("trường không được nhận ra"))
                failed = True
                continue
            if raw is None:
                continue
            if isinstance(raw, str) and NOT_UNICODE.search(raw):
                # "\ud800" is valid JSON but no character: no file could store it again.
                shown = unicode_shown(raw)
                reason = N_("chữ có mã \\uD800–\\uDFFF lẻ, không phải ký tự Unicode")
                self.problem(file, index, labels[key], _shown(column, shown), reason)
                failed = True
                continue
            try:
                values[key] = column.codec.from_json(raw)
            except BadValueError as bad:
                text = raw if isinstance(raw, str) else _json_text(raw)
                self.problem(
                    file, index, labels[key], _shown(column, text), _told(column, bad.reason)
                )
                failed = True
        if unlisted:
            reason = N_(
                "và {count} trường khác không được nhận ra, không được liệt kê; không được đọc",
                count=thousands(unlisted),
            )
            self.problem(file, index, schema.key, "", reason)
        for column in schema.columns:
            if column.field in values or obj.get(column.field) is not None:
                continue
            if column.required:
                reason = N_("thiếu trường bắt buộc")
                self.problem(file, index, labels[column.field], "", reason)
                failed = True
            elif column.field not in schema.defaults:
                values[column.field] = None
        if not failed:
            self.build(schema, values, file, index, labels)

    @staticmethod
    @functools.cache
    def _json_labels(schema: RecordSchema) -> Mapping[str, str]:
        return {column.field: f"{schema.key}.{column.field}" for column in schema.columns}

    def result(self, *, strict: bool) -> LoadResult:
        """The dataset and problems gathered, validated if asked.

        Raises:
            LoadError: with *strict*, when there is any error (warnings do not raise).
        """
        self.progress.done()
        # Each table's list handed to a tuple, then emptied: at national scale a second
        # copy of the pointers is a tenth of a gigabyte at the load's peak.
        tables = self._tables
        if tables is None:
            self._tables = tables = {}
            for key, records in self.records.items():
                tables[key] = tuple(records)
                records.clear()
        dataset = Dataset(
            tables["organizations"],
            tables["members"],
            tables["units"],
            tables["evaluations"],
            member_events=tables["member_events"],
            org_events=tables["org_events"],
            name=self.about.get("name"),
            year=self.about.get("year"),
        )
        for file, count in self._warned.items():
            if count > MAX_TABLE_PROBLEMS:
                reason = N_(
                    "và {count} cảnh báo khác không được liệt kê (các dòng đó vẫn được đọc)",
                    count=thousands(count - MAX_TABLE_PROBLEMS),
                )
                self.problems.append(LoadProblem(file, None, "", "", reason, Severity.WARNING))
        problems = _in_order(self.problems)
        if self._validate:
            problems.extend(_in_order(self._validation_problems(dataset)))
        if strict and any(problem.is_error for problem in problems):
            raise LoadError(problems)
        return LoadResult(dataset, problems, tables=frozenset(self.held))

    def _validation_problems(self, dataset: Dataset) -> list[LoadProblem]:
        # The member ids sorted once: for ids given twice and for unknown subjects.
        member_ids = sorted(map(_ID, dataset.members))
        found = structure_problems(
            dataset.organizations, dataset.members, dataset.units, sorted_member_ids=member_ids
        )
        found.extend(_evaluation_problems(dataset, member_ids))
        events = self._event_problems(dataset, member_ids)
        del member_ids
        # As in loading, a table's errors are listed up to MAX_TABLE_PROBLEMS, the rest
        # counted: 600.000 ratings of unknown ids took 11 s and 900 MB to list.
        listed: dict[str, int] = {}
        kept: list[Problem] = []
        for problem in found:
            kind = _kind(problem.where)
            listed[kind] = listed.get(kind, 0) + 1
            if listed[kind] <= MAX_TABLE_PROBLEMS:
                kept.append(problem)
        found = kept
        seen: dict[str, int] = {}
        problems: list[LoadProblem] = []
        located = self._located({problem.where for problem in found})
        last_file: dict[str, str] = {}
        for problem in found:
            places = located.get(problem.where, [])
            # A duplicate is reported on its second (third...) occurrence.
            position = 0
            if problem.reason in ("mã bị trùng", "duplicate id", "duplicate evaluation"):
                position = seen.get(problem.where, 0) + 1
                seen[problem.where] = position
            place = places[min(position, len(places) - 1)] if places else None
            file, row = (place.file, place.row) if place else ("", None)
            column = place.labels.get(problem.field, problem.field) if place else problem.field
            reason = vietnamese_reason(problem.reason)
            if problem.reason == "duplicate evaluation":
                reason = N_("đánh giá trùng (cùng đối tượng, cùng năm)")
            elif problem.reason == "unknown subject":
                reason = N_("không có đảng viên hoặc tổ chức mang mã này")
            if position and places:
                first = places[0]
                reason = N_(
                    "{reason} (lần đầu ở {file}, dòng {row})",
                    reason=reason,
                    file=first.file,
                    row=first.row,
                )
            elif problem.reason in _UNKNOWN_REFERENCES:
                reason = self._follow_on(reason, problem.value)
            value = problem.value
            if problem.field in PERSONAL_FIELDS and value:
                value = REDACTED
            problems.append(LoadProblem(file, row, column, _quote(value), reason))
            last_file[_kind(problem.where)] = file
        for kind, count in listed.items():
            if count > MAX_TABLE_PROBLEMS:
                reason = N_(
                    "và {count} lỗi khác của bảng này không được liệt kê",
                    count=thousands(count - MAX_TABLE_PROBLEMS),
                )
                problems.append(LoadProblem(last_file.get(kind, ""), None, "", "", reason))
        return problems + events

    def _event_problems(self, dataset: Dataset, member_ids: Sequence[str]) -> list[LoadProblem]:
        """Member events of no member of the dataset (an error: the history cannot place
        them), and in a chi bộ neither the organizations nor their events name (a warning:
        it may be one dissolved before these data were put together).

        *member_ids*: the members' ids, sorted. Listed up to :data:`MAX_TABLE_PROBLEMS`
        errors, the rest counted.
        """
        framed = self.frames.get("member_events")
        events = dataset.member_events
        count = len(events) if framed is None else framed.height
        if not count:
            return []
        org_ids = {org.id for org in dataset.organizations}
        for change in dataset.org_events:
            org_ids.add(change.org_id)
            org_ids.update(change.into)
            if change.parent_id is not None:
                org_ids.add(change.parent_id)
        if framed is None:
            suspects = _event_suspects(events, member_ids, org_ids)
        else:
            suspects = _framed_event_suspects(framed, self.frames["members"], org_ids)
        places = self._places["member_events"]
        problems: list[LoadProblem] = []
        counts = {Severity.ERROR: 0, Severity.WARNING: 0}
        for index, member_id, org_id, known in suspects:
            place = places.at(index)
            found: list[tuple[str, str, str, Severity]] = []
            if not known:
                # A member whose row did not load: that row is named, as for evaluations.
                reason = self._follow_on(N_("không có đảng viên mang mã này"), member_id)
                found.append(("member_id", member_id, reason, Severity.ERROR))
            if org_id is not None and org_id not in org_ids:
                reason = N_(
                    "không có tổ chức mang mã này trong dữ liệu, kể cả trong biến động tổ "
                    "chức; kiểm tra lại"
                )
                found.append(("org_id", org_id, reason, Severity.WARNING))
            for field, value, reason, severity in found:
                counts[severity] += 1
                if counts[severity] <= MAX_TABLE_PROBLEMS:
                    label = place.labels.get(field, field)
                    problems.append(
                        LoadProblem(place.file, place.row, label, _quote(value), reason, severity)
                    )
        file = places.at(count - 1).file
        if counts[Severity.ERROR] > MAX_TABLE_PROBLEMS:
            reason = N_(
                "và {count} lỗi khác của bảng này không được liệt kê",
                count=thousands(counts[Severity.ERROR] - MAX_TABLE_PROBLEMS),
            )
            problems.append(LoadProblem(file, None, "", "", reason))
        if counts[Severity.WARNING] > MAX_TABLE_PROBLEMS:
            reason = N_(
                "và {count} cảnh báo khác không được liệt kê (các dòng đó vẫn được đọc)",
                count=thousands(counts[Severity.WARNING] - MAX_TABLE_PROBLEMS),
            )
            problems.append(LoadProblem(file, None, "", "", reason, Severity.WARNING))
        return problems

    def _located(self, wheres: set[str]) -> dict[str, list[_Place]]:
        """The places of the records named by *wheres* (``Đảng viên 'dv1'``), in load order.

        Only the records of the types named are looked at, and only when a problem
        names one: a load without problems never formats a name per record.
        """
        located: dict[str, list[_Place]] = {}
        if not wheres:
            return located
        kinds = {_kind(where) for where in wheres}
        for schema in SCHEMAS:
            if schema.record.__name__ not in kinds:
                continue
            places = self._places[schema.key]
            for index, record in enumerate(self._loaded(schema.key)):
                where = _where(record)
                if where is not None and where in wheres:
                    located.setdefault(where, []).append(places.at(index))
        return located

    def _follow_on(self, reason: str, ident: str) -> str:
        """Point a reference to a row that did not load at that row; else suggest an id."""
        failed = self._failed.get(ident)
        if failed is not None:
            return N_(
                "mã này ở {file}, dòng {row}, nhưng dòng đó không nạp được (xem lỗi của dòng đó)",
                file=failed[0],
                row=failed[1],
            )
        self._suggested += 1
        if self._suggested > _MAX_SUGGESTIONS:
            return reason
        # Sorted: a set's order changes from run to run, and of ids alike once folded
        # ("A", "Ã") the one suggested would too. Backwards, as nearest keeps the last of
        # those: the first in code point order is suggested ("A", not "Ã").
        known = sorted(self._org_ids() | self._member_ids(), reverse=True)
        near = nearest(ident, known) if len(known) <= _MAX_SUGGESTIONS * 100 else None
        if near is not None:
            return N_("{reason}; có phải «{near}»?", reason=reason, near=near)
        return reason


#: A member event to look at: its index, member, chi bộ, and whether the member is known.
_Suspect = tuple[int, str, "str | None", bool]


def _event_suspects(
    events: Sequence[Any], member_ids: Sequence[str], org_ids: set[str]
) -> Iterator[_Suspect]:
    """The member events of no member among *member_ids* (sorted), or in a chi bộ not
    among *org_ids*."""
    last = len(member_ids)
    for index, event in enumerate(events):
        member_id, org_id = event.member_id, event.org_id
        at = bisect.bisect_left(member_ids, member_id)
        known = at < last and member_ids[at] == member_id
        if not known or (org_id is not None and org_id not in org_ids):
            yield index, member_id, org_id, known


def _framed_event_suspects(events: Any, members: Any, org_ids: set[str]) -> Iterator[_Suspect]:
    """:func:`_event_suspects` of member events and members held as polars frames: the
    members' ids and the organizations are looked up by the engine, and only the events
    found wanting come into Python."""
    pl = polars(N_("đọc theo cột"))
    known = pl.col("member_id").is_in(members.get_column("id").implode())
    orgs = pl.Series(sorted(org_ids), dtype=pl.String).implode()
    placed = pl.col("org_id").is_null() | pl.col("org_id").is_in(orgs)
    found = events.select(
        pl.int_range(pl.len(), dtype=pl.Int64).alias("at"),
        "member_id",
        "org_id",
        known.alias("known"),
        placed.alias("placed"),
    ).filter(~(pl.col("known") & pl.col("placed")))
    for index, member_id, org_id, is_known, _ in found.iter_rows():
        yield index, member_id, org_id, is_known


def _in_order(problems: list[LoadProblem]) -> list[LoadProblem]:
    """*problems* by file (in the order files were read), then by row."""
    files: dict[str, int] = {}
    for problem in problems:
        files.setdefault(problem.file, len(files))
    return sorted(problems, key=lambda p: (files[p.file], p.row or 0))


def _json_text(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, dict)):
        return type(value).__name__
    return str(value)


def _where(record: Any) -> str | None:
    """How the tree names a record (``Đảng viên 'dv1'``); evaluations add year and subject.

    ``None`` for the records the tree does not name (events have no id of their own).
    """
    if isinstance(record, Evaluation):
        return _evaluation_where(record)
    ident = getattr(record, "id", None)
    return None if ident is None else record_where(type(record).__name__, ident)


def _encoding_doubt(text: str) -> str | None:
    """Why a name looks misread (see :meth:`Collector._check_encoding`), or ``None``."""
    encoding = detect_legacy_encoding(text)
    if encoding is not None:
        # Converted from the text as read: the record normalizes its name, which drops
        # the soft hyphen (U+00AD) that TCVN3's "ư" reads as, so its name converted
        # later lost the letter ("Lu" for "Lưu").
        return N_(
            "có vẻ là chữ gõ bằng mã {encoding} bị đọc thành Unicode (đúng ra là "
            "«{converted}»); hãy chuyển mã",
            encoding=LEGACY_LABELS[encoding],
            converted=_quote(convert_legacy(text, encoding)),
        )
    repaired = repair_misread_utf8(text)
    if repaired is not None:
        # A UTF-8 file without a BOM opened in Excel, which read it in the Windows code
        # page, then saved again: the letters' bytes are there, as other letters.
        return N_(
            "có vẻ là chữ UTF-8 bị đọc nhầm theo bảng mã Windows-1252/1258 rồi lưu lại "
            "(đúng ra là «{repaired}»); hãy mở lại tệp gốc với mã UTF-8",
            repaired=_quote(repaired),
        )
    if has_invisible(normalize(text)):
        # A NUL, an escape or a direction override (U+202E shows "An" as "nA"), which
        # the record keeps: no clerk types one, an export or a crafted file does.
        return N_(
            "tên có ký tự điều khiển hoặc ký tự đổi chiều chữ không hiện ra (NUL, ESC, "
            "U+202E…); hãy xóa ô rồi gõ lại tên"
        )
    return None


def _misencoded_header(
    collector: Collector, schema: RecordSchema, file: str, row: int, texts: list[str]
) -> None:
    """Name a header none of whose cells is a column but that names columns once read
    back from TCVN3 or VNI, or from UTF-8 misread as Windows-1252/1258: the whole file
    was typed or saved so, and none of its rows is read."""
    for encoding in LEGACY_ENCODINGS:
        named = [_column_of(schema, convert_legacy(text, encoding)) for text in texts]
        if any(named):
            what = N_(
                "chữ gõ bằng mã {encoding} bị đọc thành Unicode",
                encoding=LEGACY_LABELS[encoding],
            )
            break
    else:
        named = [_column_of(schema, repair_misread_utf8(text) or "") for text in texts]
        if not any(named):
            return
        what = N_("chữ UTF-8 bị đọc nhầm theo bảng mã Windows-1252/1258 rồi lưu lại")
    columns = ", ".join(f"«{name}»" for name in named if name)
    reason = N_(
        "dòng tiêu đề là {what} (các cột {columns}): cả tệp cần chuyển sang Unicode "
        "rồi lưu lại; không dòng nào được đọc",
        what=what,
        columns=columns,
    )
    collector.problem(file, row, "", "", reason)


def _column_of(schema: RecordSchema, text: str) -> str | None:
    """The header of the column *text* names, or ``None``."""
    column = schema.by_header.get(header_key(text))
    return None if column is None else column.header


def _kind(where: str) -> str:
    """The class name of the record a problem's *where* names: the tree's (see
    :func:`~coso_dang.errors.record_where`) or an evaluation's with year and subject."""
    if getattr(where, "template", None) == _EVALUATION_WHERE:
        return "Evaluation"
    return record_kind(where)


#: The template :func:`_evaluation_where` names an evaluation with.
_EVALUATION_WHERE = "Đánh giá {id} {year} {subject}"


def _evaluation_where(evaluation: Evaluation) -> str:
    return N_(
        "Đánh giá {id} {year} {subject}",  # _EVALUATION_WHERE, written out for extraction
        id=repr(evaluation.subject_id),
        year=evaluation.year,
        subject=evaluation.subject.value,
    )


def _evaluation_problems(
    dataset: Dataset, member_ids: Sequence[str] | None = None
) -> list[Problem]:
    """Evaluations of subjects not in the dataset, and the same subject rated twice a year.

    In the evaluations' order. Found by sorting references, not by sets of keys: a
    nation's 5,8 million evaluations and 5,6 million members cost two lists of pointers
    (a set of their keys and one of the member ids took a gigabyte), and files written
    subject by subject are sorted already. *member_ids*: the members' ids, sorted, when
    the caller has them.
    """
    if member_ids is None:
        member_ids = sorted(map(_ID, dataset.members))
    evaluations = dataset.evaluations
    ordered = sorted(evaluations, key=_SUBJECT_ID)
    org_ids = {org.id for org in dataset.organizations}
    # Each problem with its evaluation and which time that object is met (a dataset
    # made by hand may hold one object twice; its places are told apart by that).
    found: list[tuple[Evaluation, int, Problem]] = []
    member = SubjectKind.MEMBER
    ahead, last = 0, len(member_ids)
    run: list[Evaluation] = []  # the evaluations so far of one subject id, in file order
    for evaluation in ordered:
        subject_id = evaluation.subject_id
        if run and run[0].subject_id != subject_id:
            run = []
        # One review per subject, year and period: a quarterly review beside the yearly
        # one is no duplicate.
        again, met = False, 0
        if run:  # rare: a subject evaluated more than once
            again = any(_same_review(evaluation, other) for other in run)
            met = sum(1 for other in run if other is evaluation)
        run.append(evaluation)
        if again:
            where = _evaluation_where(evaluation)
            year = str(evaluation.year)
            found.append((evaluation, met, Problem(where, "year", year, "duplicate evaluation")))
        if evaluation.subject is member:
            while ahead < last and member_ids[ahead] < subject_id:
                ahead += 1
            known = ahead < last and member_ids[ahead] == subject_id
        else:
            known = subject_id in org_ids
        if not known:
            where = _evaluation_where(evaluation)
            problem = Problem(where, "subject_id", subject_id, "unknown subject")
            found.append((evaluation, met, problem))
    if not found:
        return []
    # Back in the file's order (a duplicate's problem before its subject's, as read).
    places: dict[int, list[int]] = {id(evaluation): [] for evaluation, _, _ in found}
    for index, evaluation in enumerate(evaluations):
        seen = places.get(id(evaluation))
        if seen is not None:
            seen.append(index)
    kind = {"duplicate evaluation": 0, "unknown subject": 1}
    found.sort(key=lambda item: (places[id(item[0])][item[1]], kind[item[2].reason]))
    return [problem for _, _, problem in found]


_SUBJECT_ID, _ID = attrgetter("subject_id"), attrgetter("id")


def _same_review(one: Evaluation, other: Evaluation) -> bool:
    return (
        one.year == other.year
        and one.subject is other.subject
        and one.period == other.period
        and one.quarter == other.quarter
    )


# -- tables -----------------------------------------------------------------------------------


#: How many rows at the top of a table are searched for the header row (titles such as
#: "DANH SÁCH ĐẢNG VIÊN" often stand above it).
HEADER_SEARCH_ROWS = 10


def find_header(schema: RecordSchema, rows: Sequence[Sequence[object]]) -> int:
    """The index among *rows* (the first rows of a table) of the header row.

    The first row is the header unless it lacks a required column and a later row (among
    the first :data:`HEADER_SEARCH_ROWS`) names every required column.
    """
    required = [c for c in schema.columns if c.column_required]

    def fits(row: Sequence[object]) -> bool:
        keys = {header_key(_text(cell)) for cell in row}
        return all(any(name in keys for name in c.names()) for c in required)

    if not rows or fits(rows[0]):
        return 0
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        if fits(row):
            return index
    return 0


# A letter: a column's name under a group has one; a date or a number typed has none.
_LETTER = re.compile(r"[^\W\d_]")


def continued_header(
    schema: RecordSchema, header: Sequence[object], below: Sequence[object]
) -> list[str] | None:
    """The header of a table whose header takes two rows, when *below* (the row under
    the *header* row) is its second row; ``None`` when it is not.

    Forms group columns under one cell merged across them, the columns' own names in
    the row below («Ngày vào Đảng» over «Dự bị» and «Chính thức»), every other header
    cell merged down over both rows (blank in the second). The second row is such a row
    when it names at least one column the first row leaves blank (right of a group's
    cell), and names nothing but those and the groups' first columns: a data row fills
    a column of its own (an id under «Mã»), a date or a number has no letter.

    A column named in the second row is known by its group and its name together
    («Ngày vào Đảng Chính thức»), or by its name alone when only that is a header
    («Ngày sinh» under «Thông tin cá nhân»); a name known neither way stays the two
    together, so the column is named as unknown, never read as its group.
    """
    top = [_text(cell) for cell in header]
    named = [index for index, text in enumerate(top) if text]
    filled = {index: cell for index, cell in enumerate(below) if not _blank(cell)}
    if not named or not filled or _numbers_columns(list(below)):
        return None
    groups: dict[int, int] = {}  # a column named in the second row: its group's column
    for index, cell in filled.items():
        if not isinstance(cell, str) or not _LETTER.search(cell) or index < named[0]:
            return None
        if index >= len(top) or not top[index]:
            groups[index] = named[bisect.bisect_left(named, index) - 1]
    starts = set(groups.values())
    if not groups or any(index not in groups and index not in starts for index in filled):
        return None
    combined = list(top) + [""] * (max(filled) + 1 - len(top))
    for index, cell in filled.items():
        name = _text(cell)
        joined = f"{top[groups.get(index, index)]} {name}"
        alone = header_key(name) in schema.by_header
        combined[index] = name if alone and header_key(joined) not in schema.by_header else joined
    return combined


#: The most characters of a title row a problem quotes.
_TITLE_SHOWN = 80


def report_title(
    collector: Collector,
    schema: RecordSchema,
    file: str,
    number: int,
    header: Sequence[object],
    row: Sequence[object],
) -> None:
    """Name row *number*, found above the *header* of a table, as a title skipped.

    Only the cells under a known column that is not personal (or the row-number column)
    are quoted: a row of data typed above the header (or a header put below the rows)
    would otherwise show its birth date or identity number. A row with every required
    column filled is data, not a title: an error, since it is not read.
    """
    keys = [header_key(_text(cell)) for cell in header]
    columns = [schema.by_header.get(key) for key in keys]
    shown: list[str] = []
    for index, cell in enumerate(row):
        text = _text(cell)
        if not text:
            continue
        column = columns[index] if index < len(columns) else None
        # The row-number column (STT) is no one's data, and forms write their titles
        # in its place, column A.
        numbering = index < len(keys) and keys[index] in _ROW_NUMBER_HEADERS
        if numbering or (column is not None and not column.personal):
            shown.append(text)
        elif not shown or shown[-1] != REDACTED:
            shown.append(REDACTED)
    title = " ".join(shown)
    if len(title) > _TITLE_SHOWN:
        title = title[: _TITLE_SHOWN - 1] + "…"
    # A CSV title may hold bytes that are not UTF-8 (lone surrogates as read): written
    # escaped, so the problem can be printed.
    title = unicode_shown(title)
    filled = {c.field for c, cell in zip(columns, row, strict=False) if c and _text(cell)}
    required = [c.field for c in schema.columns if c.column_required]
    if all(field in filled for field in required):
        reason = N_(
            "dòng «{title}» phía trên dòng tiêu đề có đủ các cột bắt buộc, như một dòng "
            "dữ liệu; dòng không được đọc",
            title=title,
        )
        collector.problem(file, number, "", "", reason)
        return
    reason = N_("dòng tiêu đề «{title}» phía trên bảng; bỏ qua, không đọc", title=title)
    collector.problem(file, number, "", "", reason, Severity.WARNING)


#: The most distinct texts a column remembers the reading of; past it the column starts
#: afresh (a column of unique ids would otherwise keep every one).
_KNOWN_TEXTS = 1 << 16


class _Refused:
    """A text a codec refused, remembered with the reason (see :func:`_read_text`)."""

    __slots__ = ("reason",)

    def __init__(self, reason: str) -> None:
        self.reason = reason


_UNSEEN = object()
#: What a text reads as in a column whose leading zeros matter when a spreadsheet showed
#: it as a number (``1,23457E+11``): warned of, never read (see ``TableReader._as_number``).
_AS_NUMBER = object()


def _read_text(column: Column, text: str, known: dict[str, object]) -> object:
    """What *column*'s codec reads *text* as (a :class:`_Refused` if it cannot), noted
    in *known*: codecs give the same answer for the same text, so a column reads each
    distinct text once."""
    value: object
    if text in CELL_ERRORS:
        # A spreadsheet's error value saved as text (a CSV file Excel wrote keeps #N/A
        # where a workbook has an error cell): read as that cell is, never as a value.
        value = _Refused(N_("ô chứa lỗi công thức {error}", error=text))
    elif column.leading_zeros and _SHOWN_AS_NUMBER.fullmatch(text):
        value = _AS_NUMBER
    else:
        try:
            value = column.codec.from_text(text)
        except BadValueError as bad:
            value = _Refused(bad.reason)
    if len(known) >= _KNOWN_TEXTS:
        known.clear()
    known[text] = value
    return value


#: The types of a numeric cell (a Parquet decimal column too).
_NUMBERS = (int, float, Decimal)
#: A large number as a spreadsheet shows it (``1,23457E+11``): in a column of digits
#: whose leading zeros matter, the cell was a number, its digits lost.
_SHOWN_AS_NUMBER = re.compile(SCIENTIFIC)
_TYPED_AS_NUMBER = N_(
    "ô kiểu số nên các số 0 ở đầu có thể đã mất; giá trị không được đọc "
    "(hãy định dạng cột là Văn bản/Text rồi gõ lại)"
)


def _blank(cell: object) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


#: What a cell of :meth:`TableReader.plain_rows` reads as when :meth:`TableReader.cells`
#: has something to say of it, and when it leaves its field to the default.
_TROUBLE = object()
_SKIP = object()
#: The types of the columns whose equal values read alike.
_ONE_READING = frozenset({str, int, bool, _dt.date})


def _plain_cell(column: Column, blank: bool, known: dict[str, object], cell: object) -> object:
    """What :meth:`TableReader.cells` reads *cell* of *column* as, or :data:`_TROUBLE`."""
    if _blank(cell):
        if column.required:
            return _TROUBLE
        return None if blank else _SKIP
    if isinstance(cell, Unreadable):
        return _TROUBLE
    if (
        column.leading_zeros
        and isinstance(cell, _NUMBERS)
        and not isinstance(cell, (bool, ShownNumber))
    ):
        return _TROUBLE
    if type(cell) is str:
        text = cell.strip()
        value = known.get(text, _UNSEEN)
        if value is _UNSEEN:
            value = _read_text(column, text, known)
        if value is _AS_NUMBER or type(value) is _Refused:
            return _TROUBLE
        return value
    try:
        return column.codec.from_cell(cell)
    except BadValueError:
        return _TROUBLE


#: Text cells an id's codec, or a number's kept as text, reads as the very text: printable
#: ASCII without a space at an end (composed already, nothing hidden, nothing to trim).
_ASCII_AS_GIVEN = r"^[!-~](?:[ -~]*[!-~])?$"
#: Text cells free text reads as the very text: a letter, mark, digit, punctuation or
#: symbol at each end (none is a character Python trims).
_TEXT_AS_GIVEN = r"(?s)^[\p{L}\p{M}\p{N}\p{P}\p{S}](?:.*[\p{L}\p{M}\p{N}\p{P}\p{S}])?$"
#: What no such cell holds: "#" (an error value, #N/A) and "E+" (a number as a
#: spreadsheet shows it, 1,23457E+11), read by the codec whatever the rest is.
NOT_AS_GIVEN = r"#|E\+"


class _Readings(dict[object, object]):
    """What each value of one column reads as (see :func:`_plain_cell`), each read once."""

    def __init__(self, column: Column, blank: bool, known: dict[str, object]) -> None:
        super().__init__()
        self._column = column
        self._blank = blank
        self._known = known

    def __missing__(self, cell: object) -> object:
        value = self[cell] = _plain_cell(self._column, self._blank, self._known, cell)
        return value


class TableReader:
    """Reads one table (CSV file or worksheet) of *schema* into a :class:`Collector`.

    Give it the header row, then every row with its spreadsheet row number, then call
    :meth:`finish`. CSV rows are lists of text (:meth:`row`); workbook rows are
    mappings of column index to typed cell, holding only the cells present
    (:meth:`cells`), so a stray cell far from the data costs one cell. A text row of the
    wrong width is a problem.

    With ``batch=True`` the rows read without a word wait to be built together (a
    table of members or evaluations is never held): they reach the collector before
    the next problem is said and at :meth:`finish`, so :meth:`finish` must be called.
    """

    def __init__(
        self,
        collector: Collector,
        schema: RecordSchema,
        file: str,
        header: Sequence[object],
        *,
        typed: bool = False,
        header_row: int = 1,
        header_end: int | None = None,
        batch: bool = False,
    ) -> None:
        self._out = collector
        collector.held.add(schema.key)
        self._schema = schema
        self._file = file
        self._typed = typed
        self._header_row = header_row
        # The header's last row (a header may take two, see continued_header): the row
        # after it is the first that may number the columns.
        self._first_row = (header_row if header_end is None else header_end) + 1
        self._width = len(header)
        # The header up to its last named cell: a row may stop there, the blank cells
        # after it (a header line ending in a separator) naming no column.
        self._named_width = max((i + 1 for i, cell in enumerate(header) if _text(cell)), default=0)
        self._slots: list[tuple[int, Column, str, bool, dict[str, object], str]] = []
        # The rows of plain_rows the checks after building may warn of, by number.
        self._loud: set[int] = set()
        self._unnamed: dict[int, int] = {}
        self._headed: set[int] = set()
        self._skipped_rows = 0
        self._rows = 0
        # The columns that number the rows (STT), and the rows holding nothing else.
        self._numbering: frozenset[int] = frozenset()
        # Their count, first and last (a crafted file may hold millions: not each kept).
        self._numbered_only = [0, 0, 0]
        # Rows read without a word, held back to be built together (see row).
        self._batch = batch and schema.key not in _LOOKED_UP
        self._waiting: list[tuple[int, dict[str, object]]] = []
        # The most errors building one row may give: one a field, and one for the row.
        self._errors_a_row = len(attrs.fields(schema.record)) + 1
        labels: dict[str, str] = {}
        unknown: list[tuple[int, str]] = []
        for index, cell in enumerate(header):
            text = _text(cell)
            if not text:
                self._unnamed[index] = 0
                continue
            self._headed.add(index)
            key = header_key(text)
            if key in _ROW_NUMBER_HEADERS:
                self._numbering |= {index}
                continue
            column = schema.by_header.get(key)
            if column is None:
                unknown.append((index, text))
            elif column.field in labels:
                first = labels[column.field]
                reason = N_(
                    "cột trùng với cột «{first}»; dữ liệu của cột này không được đọc", first=first
                )
                collector.problem(file, header_row, text, "", reason)
            else:
                labels[column.field] = text
                # A blank cell is None where the field has no default to fall back on.
                blank = column.field not in schema.defaults
                # Each column keeps what its distinct texts read as: codes, dates and
                # yes/no repeat on most rows, and a repeated id is then one string.
                self._slots.append((index, column, text, blank, {}, column.field))
        if unknown and not labels:
            _misencoded_header(collector, schema, file, header_row, [t for _, t in unknown])
        for index, text in unknown:
            if labels:
                reason = N_("cột không được nhận ra; dữ liệu của cột này không được đọc")
            else:
                # No column named: the "header" is likely a row of data, maybe personal,
                # so its cells are named by their place, never quoted.
                text = f"cột {index + 1}"
                reason = N_(
                    "dòng tiêu đề không có cột nào được nhận ra (dòng đầu là dữ liệu?); "
                    "dữ liệu của cột này không được đọc"
                )
            collector.problem(file, header_row, text, "", reason, Severity.WARNING)
        self._labels: Mapping[str, str] = labels
        self._fields = tuple(slot[5] for slot in self._slots)
        self._absent = {
            c.field: None
            for c in schema.columns
            if c.field not in labels and c.field not in schema.defaults
        }
        self._missing = [c for c in schema.columns if c.column_required and c.field not in labels]

    @property
    def labels(self) -> Mapping[str, str]:
        """The header of each field read, as the file writes it."""
        return self._labels

    @property
    def slots(self) -> tuple[tuple[int, Column, str, bool], ...]:
        """The columns read: (position, column, header as written, blank means ``None``)."""
        return tuple((i, c, t, b) for i, c, t, b, _known, _field in self._slots)

    def as_given(self) -> dict[int, str]:
        """For the columns whose text cells read as the very text when they look plain
        (ids, free text): by column index, the pattern such cells match, none of which
        matches :data:`NOT_AS_GIVEN` (see :meth:`plain_rows`)."""
        found: dict[int, str] = {}
        for index, column, *_rest in self._slots:
            kind = type(column.codec)
            if kind is IdCodec or kind is CodeCodec:
                found[index] = _ASCII_AS_GIVEN
            elif kind is TextCodec or kind is Codec:
                found[index] = _TEXT_AS_GIVEN
        return found

    @property
    def readable(self) -> bool:
        """Whether rows can be read: every required column is there, none unnamed.

        A table that is not is read row by row, for the problems only that gives.
        """
        return not self._missing and not self._unnamed

    def _counted(self) -> bool:
        """Count a non-blank row; False when the table cannot be read (missing columns)."""
        self._rows += 1
        if self._rows % PROGRESS_EVERY == 0:
            self._out.progress.update(self._file, self._rows)
        if self._missing:
            self._skipped_rows += 1
            return False
        return True

    def row(self, number: int, cells: Sequence[str]) -> None:
        """Read CSV data row *number* (the header is row 1), cells as text."""
        if not "".join(cells).strip():
            return
        if number == self._first_row and _numbers_columns(cells):
            self._column_numbers(number)
            return
        if self._numbering and all(
            not cell.strip() for index, cell in enumerate(cells) if index not in self._numbering
        ):
            self._number_only(number)
            return
        if not self._counted():
            return
        if len(cells) != self._width and not self._fits(number, cells):
            return
        for index in self._unnamed:
            if index < len(cells) and not self._unnamed[index] and cells[index].strip():
                self._unnamed[index] = number
        # Fields absent from the file and without a default are None.
        values: dict[str, object] = dict(self._absent)
        failed = False
        width = len(cells)
        refused, as_number = _Refused, _AS_NUMBER
        for index, column, label, blank, known, field in self._slots:
            text = cells[index].strip() if index < width else ""
            if not text:
                if column.required:
                    self._required(number, label)
                    failed = True
                elif blank:
                    values[field] = None
                continue
            value = known.get(text, _UNSEEN)
            if value is _UNSEEN:
                value = _read_text(column, text, known)
            if value is as_number:
                self._as_number(number, label, column, blank, values)
            elif type(value) is refused:
                self._out.problem(
                    self._file, number, label, _shown(column, text), _told(column, value.reason)
                )
                failed = True
            else:
                values[field] = value
        if self._batch and not failed:
            self._hold(number, values)
        else:
            self._done(number, values, failed)

    def _hold(self, number: int, values: dict[str, object]) -> None:
        """Hold back row *number*, read without a word, to be built with the next ones.

        Built one by one, each row's record had every field checked by a call, then
        every check after building run: most of reading a table of organizations. Held
        rows are built column by column (:func:`_records_together`) and checked after
        building only where :meth:`Collector.may_warn` names them. They
        are built before any problem is said (:attr:`Collector.waiting`), at the end of
        the table, and before their errors, were each refused, could fill the table's
        problems: the records and problems come in the order of building each at once.
        """
        waiting = self._waiting
        waiting.append((number, values))
        self._out.waiting = self._build_held
        errors = self._out.errors(self._file)
        if (
            len(waiting) >= _HELD_ROWS
            or errors + len(waiting) * self._errors_a_row >= MAX_TABLE_PROBLEMS
        ):
            self._build_held()

    def _build_held(self) -> None:
        """Build the rows held back (see :meth:`_hold`), in order."""
        out = self._out
        out.waiting = None
        waiting, self._waiting = self._waiting, []
        if not waiting:
            return
        schema, file, labels = self._schema, self._file, self._labels
        records = _records_together(schema.record, [values for _, values in waiting])
        if records is None:  # one may be refused: the class names it
            for number, values in waiting:
                out.build(schema, values, file, number, labels)
            return
        fields = {
            field: [values.get(field) for _, values in waiting]
            for field in (column.field for column in schema.columns)
        }
        loud = out.may_warn(schema, fields)
        for at, ((number, values), record) in enumerate(zip(waiting, records, strict=True)):
            if at in loud:
                out.build(schema, values, file, number, labels)
            else:
                out.add_built(schema, record, file, number, labels)

    def _as_number(
        self, number: int, label: str, column: Column, blank: bool, values: dict[str, object]
    ) -> None:
        """A cell of digits whose leading zeros matter, stored or shown as a number:
        warned of (never shown), not read; the row still loads."""
        self._out.problem(self._file, number, label, REDACTED, _TYPED_AS_NUMBER, Severity.WARNING)
        if blank:
            values[column.field] = None

    def cells(self, number: int, cells: Mapping[int, object]) -> None:
        """Read workbook row *number*: only the cells present, by column index."""
        if all(_blank(cell) for cell in cells.values()):
            return
        if number == self._first_row and _numbers_columns(
            [_text(cells[index]) for index in sorted(cells)]
        ):
            self._column_numbers(number)
            return
        if self._numbering and all(
            _blank(cell) for index, cell in cells.items() if index not in self._numbering
        ):
            self._number_only(number)
            return
        if not self._counted():
            return
        headed = self._headed
        for index, cell in cells.items():
            if index not in headed and not self._unnamed.get(index) and not _blank(cell):
                self._unnamed[index] = number
        values: dict[str, object] = dict(self._absent)
        failed = False
        for index, column, label, blank, known, _field in self._slots:
            raw = cells.get(index)
            if _blank(raw):
                if column.required:
                    self._required(number, label)
                    failed = True
                elif blank:
                    values[column.field] = None
                continue
            if isinstance(raw, Unreadable):
                self._out.problem(self._file, number, label, "", raw.reason)
                failed = True
                continue
            if (
                column.leading_zeros
                and isinstance(raw, _NUMBERS)
                and not isinstance(raw, (bool, ShownNumber))  # a format shows its zeros
            ):
                self._as_number(number, label, column, blank, values)
                continue
            if type(raw) is str:
                # A text cell reads as its text would in a CSV file: the same memory.
                text = raw.strip()
                value = known.get(text, _UNSEEN)
                if value is _UNSEEN:
                    value = _read_text(column, text, known)
                if value is _AS_NUMBER:
                    self._as_number(number, label, column, blank, values)
                    continue
                if type(value) is _Refused:
                    self._out.problem(
                        self._file, number, label, _shown(column, text), _told(column, value.reason)
                    )
                    failed = True
                else:
                    values[column.field] = value
                continue
            try:
                values[column.field] = column.codec.from_cell(raw)
            except BadValueError as bad:
                text = _text(raw)
                self._out.problem(
                    self._file, number, label, _shown(column, text), _told(column, bad.reason)
                )
                failed = True
        self._done(number, values, failed)

    def plain_rows(
        self,
        first: int,
        columns: Sequence[Sequence[object]],
        given: Mapping[int, Sequence[bool] | None] | None = None,
    ) -> list[tuple[object, ...] | None] | None:
        """Typed rows given column by column, the first numbered *first*: for each row,
        what its cells read as when :meth:`cells` reads every one of them without a
        word, else ``None`` (that row is for :meth:`cells`). ``None`` for a table of
        which :meth:`cells` has more to say than its cells (a missing column, data
        under no header, a column numbering the rows).

        Each column's cells are read one value at a time, and a value repeated in a
        column of one type (text, whole numbers, yes/no, dates) is read once: a row
        then costs no more than making its record.

        *given*: for some columns of :meth:`as_given`, which cells match its pattern and
        not :data:`NOT_AS_GIVEN` (found by a frame engine), ``None`` when all do: those
        read as themselves without a look (ids and names are mostly each unique).
        """
        if (
            self._missing
            or self._unnamed
            or self._numbering
            or len(columns) != self._width
            or not any(column.required for _, column, *_rest in self._slots)
        ):
            return None
        read: list[Sequence[object]] = []
        doubtful: set[int] = set()
        for index, column, _label, blank, known, _field in self._slots:
            cells = columns[index]
            plain = given.get(index, ()) if given is not None else ()
            if plain is None:
                read.append(cells)  # every cell is text read as it is
                continue
            kinds = set(map(type, cells))
            kinds.discard(type(None))
            if len(kinds) <= 1 and kinds <= _ONE_READING:
                # Equal values of these types read alike (True and 1 would not: a
                # column holds one type, and only then are values remembered).
                seen = _Readings(column, blank, known)
                if plain:
                    look = seen.__getitem__
                    got = [
                        cell if fits else look(cell)
                        for cell, fits in zip(cells, plain, strict=True)
                    ]
                else:
                    got = list(map(seen.__getitem__, cells))
                troubled = _TROUBLE in seen.values()
            else:
                got = [_plain_cell(column, blank, known, cell) for cell in cells]
                troubled = True
            if troubled:
                doubtful.update(at for at, value in enumerate(got) if value is _TROUBLE)
            read.append(got)
        rows: list[tuple[object, ...] | None] = list(zip(*read, strict=True))
        fields = {slot[5]: got for slot, got in zip(self._slots, read, strict=True)}
        self._loud = {first + at for at in self._out.may_warn(self._schema, fields)}
        if self._first_row >= first:
            # The row under the header may number the columns (see _numbers_columns).
            doubtful.add(self._first_row - first)
        for at in doubtful:
            if at < len(rows):
                rows[at] = None
        return rows

    def quiet_records(
        self, first: int, rows: Sequence[tuple[object, ...] | None]
    ) -> list[object] | None:
        """The records :meth:`plain` builds of *rows* (those of :meth:`plain_rows`, the
        first numbered *first*), made column by column: ``None`` at a row that is
        ``None`` or of which the checks after building may warn; ``None`` in all when
        one of them might be refused (the class then names it, row by row) or the
        table's records are not built from their values alone.

        A call per row and field, to check each value as the record does, cost most
        of reading a table of organizations; their checks are run over each column
        once (:func:`~coso_dang._record_columns.named_column_records`).
        """
        schema = self._schema
        if schema.key in _LOOKED_UP:
            return None
        quiet = [at for at, read in enumerate(rows) if read is not None]
        if self._loud:
            quiet = [at for at in quiet if first + at not in self._loud]
        if not quiet:
            return None
        fields = attrs.fields(schema.record)
        named = {field.name for field in fields}
        if not named.issuperset(self._fields) or not named.issuperset(self._absent):
            return None  # a keyword the record refuses: the class says so
        slot = {field: at for at, field in enumerate(self._fields)}
        columns: dict[str, list[object]] = {}
        for field in fields:
            at = slot.get(field.name)
            if at is not None:
                column = [rows[row][at] for row in quiet]  # type: ignore[index]
                if _SKIP in column:  # left to the default, as a keyword not given is
                    default = field.default
                    if default is attrs.NOTHING or isinstance(default, attrs.Factory):  # type: ignore[arg-type]
                        return None
                    column = [default if value is _SKIP else value for value in column]
                columns[field.name] = column
            elif field.name in self._absent:
                columns[field.name] = [None] * len(quiet)
        built = named_column_records(schema.record, columns, len(quiet))
        if built is None:
            return None
        records: list[object] = [None] * len(rows)
        for at, record in zip(quiet, built, strict=True):
            records[at] = record
        return records

    def add(self, number: int, record: object) -> None:
        """Keep *record* of row *number*, one of :meth:`quiet_records`."""
        if not self._counted():
            return
        self._out.add_built(self._schema, record, self._file, number, self._labels)

    def plain(self, number: int, read: tuple[object, ...]) -> None:
        """Read row *number* as :meth:`cells` does, its cells read as *read* (one of
        :meth:`plain_rows`)."""
        if not self._counted():
            return
        values: dict[str, object] = dict(self._absent)
        fields = self._fields
        if _SKIP in read:  # a blank cell where the field has a default: left to it
            values.update([(f, v) for f, v in zip(fields, read, strict=True) if v is not _SKIP])
        else:
            values.update(zip(fields, read, strict=True))
        quiet = number not in self._loud
        self._out.build(self._schema, values, self._file, number, self._labels, quiet=quiet)

    def _column_numbers(self, number: int) -> None:
        """Name the row under the header that numbers the columns, as official forms
        do ((1), (2), (3)… or A, B, 1, 2…): it is no member, and is passed over."""
        reason = N_(
            "dòng đánh số cột ((1), (2), (3)… hoặc A, B, 1, 2…) dưới dòng tiêu đề; bỏ qua, "
            "không đọc"
        )
        self._out.problem(self._file, number, "", "", reason, Severity.WARNING)

    def _required(self, number: int, label: str) -> None:
        reason = N_("bắt buộc, không được để trống")
        self._out.problem(self._file, number, label, "", reason)

    def _done(self, number: int, values: dict[str, object], failed: bool) -> None:
        if not failed:
            self._out.build(self._schema, values, self._file, number, self._labels)
        else:
            self._out.failed(self._schema, values, self._file, number)

    def _fits(self, number: int, cells: Sequence[str]) -> bool:
        """Whether a row of another width than the header can still be read."""
        if self._named_width <= len(cells) < self._width:
            return True  # it lacks only cells of no column
        if len(cells) < self._width:
            reason = N_(
                "dòng có {cells} ô nhưng tiêu đề có {width} cột "
                "(tệp bị cắt hoặc thiếu dấu phân cách?); dòng không được đọc",
                cells=len(cells),
                width=self._named_width,
            )
        else:
            if all(not cell.strip() for cell in cells[self._width :]):
                return True
            reason = N_(
                "dòng có {cells} ô, nhiều hơn {width} cột của tiêu đề "
                "(thừa dấu phân cách?); dòng không được đọc",
                cells=len(cells),
                width=self._width,
            )
        self._out.problem(self._file, number, "", "", reason)
        return False

    def _number_only(self, number: int) -> None:
        """Count row *number*, which holds nothing but its number (see :meth:`finish`)."""
        done = self._numbered_only
        if not done[0]:
            done[1] = number
        done[0] += 1
        done[2] = number

    def finish(self) -> None:
        """Report what concerns the whole table: missing columns, unnamed data, rows
        that hold nothing but their number."""
        self._build_held()
        count, first, last = self._numbered_only
        if count:
            # A form's rows numbered ahead of the data (STT 1 to 100, 30 of them filled):
            # no member each, but said, once, as blank rows are not.
            reason = N_(
                "dòng chỉ có số thứ tự, không có dữ liệu ({count} dòng như vậy, từ dòng "
                "{first} đến dòng {last}); bỏ qua, không đọc",
                count=thousands(count),
                first=first,
                last=last,
            )
            self._out.problem(self._file, first, "", "", reason, Severity.WARNING)
        for column in self._missing:
            reason = N_(
                "thiếu cột bắt buộc; {rows} dòng của tệp không được đọc",
                rows=thousands(self._skipped_rows),
            )
            self._out.problem(self._file, self._header_row, column.header, "", reason)
        for index, first in sorted(self._unnamed.items()):
            if first:
                reason = N_(
                    "cột không có tiêu đề nhưng có dữ liệu (từ dòng {first}); "
                    "dữ liệu của cột này không được đọc",
                    first=first,
                )
                self._out.problem(self._file, self._header_row, f"cột {index + 1}", "", reason)


# -- the dataset's name and year --------------------------------------------------------------

#: The title of the sheet (in a workbook) and the stem of the file (in a CSV folder) that
#: hold the dataset's name and year, by header style.
ABOUT_TITLES = {"vi": "Thông tin", "fields": "about"}
#: Their two column headers, by header style.
ABOUT_HEADERS = {"vi": ("Tên bộ dữ liệu", "Năm"), "fields": ("name", "year")}
_ABOUT_KEYS = {
    "ten bo du lieu": "name",
    "ten": "name",
    "name": "name",
    "nam": "year",
    "year": "year",
}


_COLUMN_NUMBER = re.compile(r"\(?([0-9]{1,3}|[A-Z])\)?")


def _numbers_columns(cells: Sequence[object]) -> bool:
    """Whether a row's cells number the columns, as an official form's row under its
    header does: ``(1), (2), (3)…``, ``1, 2, 3…`` or ``A, B, 1, 2…`` (letters from A, then
    numbers from 1, each maybe in brackets), at least three, nothing else in the row."""
    marks = []
    for cell in cells:
        text = _text(cell)
        if not text:
            continue
        match = _COLUMN_NUMBER.fullmatch(text)
        if match is None:
            return False
        marks.append(match.group(1))
    letters = list(itertools.takewhile(str.isalpha, marks))
    numbers = marks[len(letters) :]
    return (
        len(marks) >= 3
        and letters == [chr(ord("A") + i) for i in range(len(letters))]
        and numbers == [str(i) for i in range(1, len(numbers) + 1)]
    )


def is_about(title: str) -> bool:
    """Whether a sheet title or file stem names the dataset's description."""
    return fold(title).replace("_", " ").replace("-", " ") in ("thong tin", "about")


def tables_named(named: Iterable[tuple[str, str]]) -> dict[str, list[str]]:
    """The names of each table's places, from pairs of (file stem or sheet title, name
    to show): a folder or a workbook holding one table twice would double its records.
    Places that name no table are left out."""
    by_table: dict[str, list[str]] = {}
    for title, shown in named:
        schema = schema_for(title)
        key = schema.key if schema is not None else ("about" if is_about(title) else "")
        if key:
            by_table.setdefault(key, []).append(shown)
    return by_table


def about_rows(name: str | None, year: int | None, headers: str) -> list[list[object]]:
    """The header and the one row that describe a dataset."""
    return [list(ABOUT_HEADERS[headers]), [name, year]]


def read_about(collector: Collector, file: str, rows: Iterator[Sequence[object]]) -> None:
    """Read the dataset's name and year: a header row, then one row of values.

    Cells are text (CSV) or typed (a workbook); a bad or extra value is a problem.
    """
    header = next(rows, None)
    if header is None:
        return
    fields: dict[int, str] = {}
    for index, cell in enumerate(header):
        text = _text(cell)
        if not text:
            continue
        key = _ABOUT_KEYS.get(fold(text))
        if key is None:
            # A warning, as an unknown column of any table is (and so capped like them).
            reason = N_("cột không được nhận ra (cần «Tên bộ dữ liệu», «Năm»); không được đọc")
            collector.problem(file, 1, text, "", reason, Severity.WARNING)
        else:
            fields[index] = key
    seen = False
    for number, cells in enumerate(rows, start=2):
        if all(_text(cell) == "" for cell in cells):
            continue
        # Every row past the one read is an error: a file of a million of them stops,
        # as a table does, rather than holding a million problems.
        if collector.full(file):
            collector.stop(file, number)
            break
        if seen:
            reason = N_("chỉ đọc một dòng mô tả bộ dữ liệu; dòng này không được đọc")
            collector.problem(file, number, "", "", reason)
            continue
        seen = True
        for index, key in fields.items():
            cell = cells[index] if index < len(cells) else None
            text = _text(cell)
            if not text:
                continue
            label = _text(header[index])
            if key == "name":
                collector.about["name"] = text
            elif isinstance(cell, ShownNumber) or (  # a ShownNumber: "Năm 2024"
                isinstance(cell, float) and cell.is_integer() and abs(cell) < 10**9
            ):
                about_year(collector, file, number, label, int(cell))
            elif text.isascii() and text.isdigit() and len(text) < 10:
                about_year(collector, file, number, label, int(text))
            else:
                collector.problem(file, number, label, _quote(text), N_("năm phải là số nguyên"))


def about_year(collector: Collector, file: str, row: int | None, label: str, year: int) -> None:
    """Keep *year* as the dataset's, or name it where it was given when it is no year an
    evaluation may be of: a year 0 was kept, and a report then stopped at "rollup: year
    = '0'", naming no file."""
    codec = EVALUATIONS.by_field["year"].codec
    try:
        codec.from_cell(year)
    except BadValueError as bad:
        collector.problem(file, row, label, str(year)[:40], bad.reason)
        return
    collector.about["year"] = year


def _text(cell: object) -> str:
    """A cell as stripped text; an empty cell is ``""``."""
    if cell is None:
        return ""
    if isinstance(cell, str):
        return cell.strip()
    return str(cell)


def load_error(file: str, row: int | None, reason: str) -> LoadError:
    """A :class:`LoadError` for a file that cannot be read at all."""
    return LoadError([LoadProblem(file, row, "", "", reason)])
