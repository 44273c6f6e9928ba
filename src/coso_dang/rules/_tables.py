"""Members and evaluations in tables, for the checks that read them without records.

A :class:`MemberTable` holds a members table (and, for a rating round, the round's member
evaluations) of any engine narwhals reads, as one lazy query. The counts per chi bộ the
checks read are taken inside the engine and only their small result (one row per chi
bộ) comes back; a check asks for the rows it may concern with an expression, and only
those rows become :class:`~coso_dang.Member` and :class:`~coso_dang.Evaluation`
records, so a nation's checks build a few thousand records, not millions.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from datetime import date, datetime
from enum import Enum
from functools import cache, cached_property
from typing import Any, SupportsInt

import attrs

from coso_dang._counting import MAX_NAMED, rating_spellings, subject_problems, unread_ratings
from coso_dang._dataframes import (
    FLAG_SPACES,
    OBJECT_NUMBERS,
    VIETNAM_ZONE,
    blank_missing,
    flag_spellings,
    moments_in_vietnam,
    nfc_ids,
    of_year,
    refuse_odd_years,
    text_days,
    whole_days,
    yes_no,
)
from coso_dang._extras import require
from coso_dang._record_builder import builder
from coso_dang._record_columns import named_column_records
from coso_dang._yes_no import read_yes_no
from coso_dang.errors import (
    ArgumentError,
    Problem,
    RecordError,
    TreeError,
    record_where,
    table_where,
)
from coso_dang.evaluation import Evaluation, ReviewPeriod, SubjectKind
from coso_dang.i18n import N_
from coso_dang.members import CommitteeRole, Member, official_by
from coso_dang.ratings import Rating
from coso_dang.tree import OrgTree
from coso_dang.vi.dates import is_vietnam_zone

__all__ = [
    "EVALUATION_FIELDS",
    "MEMBER_FIELDS",
    "MemberTable",
]

#: The member columns the charter and rating checks read; ``birth_date`` and
#: ``exempted_on`` may be left out (not recorded).
MEMBER_FIELDS: tuple[str, ...] = (
    "id",
    "org_id",
    "full_name",
    "admitted_on",
    "ceremony_on",
    "official_on",
    "left_on",
    "committee_role",
    "birth_date",
    "exempted_on",
)
_OPTIONAL = {"birth_date", "exempted_on", "ceremony_on", "official_on", "left_on"}
_MEMBER_DATES = (
    "admitted_on",
    "ceremony_on",
    "official_on",
    "left_on",
    "birth_date",
    "exempted_on",
)

#: The evaluation columns the rating checks read: every field of
#: :class:`~coso_dang.Evaluation` (codes for enums); those after ``rating`` may be left
#: out and take the record's default.
EVALUATION_FIELDS: tuple[str, ...] = tuple(a.name for a in attrs.fields(Evaluation))
_EVALUATION_REQUIRED = ("subject_id", "year", "rating")


def _narwhals() -> Any:
    return require("narwhals", needed_for="Structure.from_frames / RatingRound.from_frames")


def _lazy(nw: Any, native: Any, wanted: Sequence[str]) -> tuple[Any, list[str]]:
    """A narwhals lazy frame of the columns of *wanted* the table has, and their names;
    an eager table's rows numbered first (``_row``), since a join need not keep their
    order and the checks list them in it. Other columns are left out first: a column
    of the table's own named ``_row`` is then no clash."""
    frame = nw.from_native(native)
    names = frame.collect_schema().names()
    given = [c for c in wanted if c in names]
    frame = _zoned_pandas_days(nw, frame.select(given), _MEMBER_DATES)
    if isinstance(frame, nw.DataFrame):
        return frame.with_row_index(_ROW).lazy(), given
    return frame, given


def _zoned_pandas_days(nw: Any, frame: Any, dates: Sequence[str]) -> Any:
    """A pandas table's zoned datetimes cut to their day in Vietnam, in pandas, as the
    loaders and :func:`~coso_dang.frame.rollup_frame` read them: narwhals gives such a
    column no type, so the engine's own cut cannot see it, and cast to a day it read the
    day in UTC (midnight in Vietnam was the day before). Cut in the column's own zone
    (``America/New_York``), its day was not the one the other engines read."""
    if not isinstance(frame, nw.DataFrame) or not frame.implementation.is_pandas_like():
        return frame
    schema = frame.collect_schema()
    unknown = [d for d in dates if d in schema.names() and schema[d] == nw.Unknown]
    if not unknown:
        return frame
    native = nw.to_native(frame)
    days = {}
    for name in unknown:
        column = native[name]
        # .dt is missing from a column that holds no datetimes: left as it is.
        if getattr(getattr(column, "dt", None), "tz", None) is not None:
            if not is_vietnam_zone(column.dt.tz):  # else its wall clock (see vietnam_day)
                column = column.dt.tz_convert(VIETNAM_ZONE)
            days[name] = column.dt.tz_localize(None).dt.normalize()
    return nw.from_native(native.assign(**days)) if days else frame


def _empty_numbers(nw: Any, frame: Any, names: Sequence[str]) -> set[str]:
    """Those of the columns *names* that hold floats and no value: pandas reads a column
    left empty throughout as floats, all NaN. Read as the column's own type, such a
    column of dates could not be cast to days, and one of committee roles read "nan" as
    a role: it is a column of nothing recorded."""
    schema = frame.collect_schema()
    floats = [n for n in names if n in schema.names() and schema[n].is_float()]
    if not floats:
        return set()
    given = [(~(nw.col(n).is_null() | nw.col(n).is_nan())).any().alias(n) for n in floats]
    row = frame.select(given).collect().row(0)
    return {n for n, any_given in zip(floats, row, strict=True) if not any_given}


def _as_read(nw: Any, frame: Any, dates: Sequence[str], ids: Sequence[str]) -> Any:
    """*frame* with its id columns as NFC text (as a record's ids are: an id in NFD, or
    held as a number or in an empty column of no type, joins the other table's ids) and
    its datetime columns cut to their day, a time zone's to its day in Vietnam (as the
    loaders and :func:`~coso_dang.frame.rollup_frame` read one: casting to a day would
    take its day in UTC, or in a DuckDB session's zone)."""
    schema = frame.collect_schema()
    # Dates held as text (a CSV read without parsing its dates) read as rollup_frame
    # reads them: ISO days, white space around, a blank text no date. Cast as they
    # came, polars refused every text and the other engines a blank one, each with an
    # error of its own in English.
    read = text_days(nw, frame, schema, [d for d in dates if d in schema.names()], named=MAX_NAMED)
    if read:
        frame = frame.with_columns(*read)
        schema = frame.collect_schema()
    # DuckDB and Dask cannot move a zone through narwhals: moved in the engine first.
    moved = moments_in_vietnam(nw, frame, [d for d in dates if d in schema.names()], schema)
    if moved is not frame:
        frame, schema = moved, moved.collect_schema()
    texts = [
        nw.col(name).cast(nw.String()).alias(name)
        for name in ids
        if schema[name] != nw.Object  # Python objects (pandas): left as they are
    ]
    days = whole_days(nw, frame, [d for d in dates if d in schema.names()], schema)
    if texts or days:
        frame = frame.with_columns(*texts, *days)
    schema = frame.collect_schema()
    for name in ids:
        frame, _ = nfc_ids(nw, frame, schema, name)
    return frame


_ROW = "_row"

#: The member columns :meth:`MemberTable.ratings_and_unrated` reads.
_UNRATED_READS = ("id", "org_id", "admitted_on", "left_on", "exempted_on")


def _in_order(frame: Any) -> list[dict[str, Any]]:
    """The rows of a query, in the input's order when it is known."""
    if _ROW in frame.collect_schema().names():
        frame = frame.sort(_ROW)
    return list(frame.collect().rows(named=True))


def _held(frame: Any) -> Any:
    """*frame* worked out once, as a lazy frame over its result, when it came from an
    eager table (its rows numbered, :data:`_ROW`); a lazy engine's query as it is.

    Every count and every check's rows is a query over the table as read: the ids in
    NFC, the days cut, the year's last evaluation of each member. Left as one query,
    each of them worked all that out again over the nation's rows, most of its time;
    the table's rows are in memory already, and so are these."""
    if _ROW not in frame.collect_schema().names():
        return frame
    return frame.collect().lazy()


def _distinct_ids(nw: Any, frame: Any, column: str = "id") -> bool:
    """True when no two rows of *frame* share an id (the column *column*).

    On polars the ids' hashes are counted first: distinct hashes are distinct ids, and
    counting 64-bit hashes costs a third of counting the texts (a nation's millions of
    ids, most of the rows' checks). Only when two hashes meet are the ids themselves
    counted, so a collision never names a member twice."""
    if frame.implementation.is_polars():
        pl = require("polars", needed_for="Structure.from_frames")
        native = nw.to_native(frame)
        rows, hashes = native.select(pl.len(), pl.col(column).hash().n_unique()).collect().row(0)
        if rows == hashes:
            return True
    rows, ids = frame.select(nw.len(), nw.col(column).n_unique()).collect().row(0)
    return bool(rows == ids)


def _missing(value: object) -> bool:
    """None, or an engine's own missing value (NaN, NaT, pandas' NA)."""
    if value is None:
        return True
    try:
        return bool(value != value)
    except TypeError:  # pandas' NA answers NA, which is neither true nor false
        return True


def _day(value: object) -> object:
    if _missing(value):
        return None
    return value.date() if isinstance(value, datetime) else value


def _plain_columns(nw: Any, frame: Any, member_prefix: str = "m_") -> set[str]:
    """The columns of *frame* (a member's, prefixed *member_prefix*, or an evaluation's)
    whose values polars gives as the record's field takes them, which the field's
    converter (:func:`_converter`) returns unchanged: days, whole numbers, flags and
    texts, each or None. None on another engine, whose missing values may be NaN."""
    if not frame.implementation.is_polars():
        return set()
    kinds = {f"{member_prefix}{name}": kind for name, kind in _field_types(Member).items()}
    kinds |= _field_types(Evaluation)
    found = set()
    for name, dtype in frame.collect_schema().items():
        if name not in kinds:
            continue
        args = getattr(kinds[name], "__args__", (kinds[name],))
        # The converter's own order of tests: enums, days, flags, whole numbers, the rest.
        if any(isinstance(k, type) and issubclass(k, Enum) for k in args):
            continue
        if date in args:
            plain = dtype == nw.Date
        elif bool in args:
            plain = dtype == nw.Boolean
        elif int in args:
            plain = dtype.is_integer()
        else:
            plain = dtype == nw.String
        if plain:
            found.add(name)
    return found


def _field_types(cls: type) -> dict[str, Any]:
    attrs.resolve_types(cls)
    return {a.name: a.type for a in attrs.fields(cls)}


def _converter(kind: Any) -> Callable[[Any], Any]:
    """How a table's value becomes the field's: codes to enums, datetimes to days."""
    kinds = getattr(kind, "__args__", (kind,))
    enums = [k for k in kinds if isinstance(k, type) and issubclass(k, Enum)]
    if enums:
        enum = enums[0]
        if enum is Rating:
            return _rating
        return _enum_reader(enum)
    if date in kinds:
        return _day
    if bool in kinds:
        return lambda v: None if _missing(v) else bool(v)
    if int in kinds:
        return _whole
    return lambda v: None if _missing(v) else v


def _enum_reader(enum: type[Enum]) -> Callable[[Any], Any]:
    """How a table's value becomes a member of *enum*: a code, as nearly every row holds
    it, is found by its text in a dict; anything else is read by the enum itself, which
    refuses what it refuses. The enum's own look-up (its class's ``__call__``) cost as
    much as the rest of the record made of the row, for each of its two or three codes."""
    by_code = {member.value: member for member in enum if type(member.value) is str}

    def read(value: Any) -> Any:
        if type(value) is str:
            found = by_code.get(value)
            if found is not None:
                return found
        return None if _missing(value) else enum(value)

    return read


#: Each level by its code, as the tables hold a rating once read (see _ratings_as_codes).
_RATING_CODES = {level.abbreviation: level for level in Rating}


def _rating(value: object) -> Rating | None:
    """A rating read from its code or any spelling :meth:`Rating.parse` reads."""
    # A code, as nearly every row holds it, is found by its text: parsing folds the text
    # and every level's label, many times the cost of the record made from the row.
    if type(value) is str and value in _RATING_CODES:
        return _RATING_CODES[value]
    return None if _missing(value) else Rating.parse(str(value))


def _whole(value: object) -> object:
    """A whole number as an ``int`` (numbers held as floats, numpy's, a decimal or text);
    any other value as it is, for the record to refuse as it refuses it: a score of 69,5
    became 69, and was printed so, where a record refuses it."""
    if type(value) is int:
        # Returned as it is, as below, without the test against SupportsInt: a runtime
        # protocol check, which costs more than the rest of the record's fields.
        return value
    if _missing(value):
        return None
    if isinstance(value, str):
        # A count held as text ("3", as a CSV read as text gives it) is the count.
        try:
            return int(value.strip())
        except ValueError:
            return value
    if isinstance(value, SupportsInt) and not isinstance(value, bool):
        try:
            whole = int(value)
        except (OverflowError, ValueError):  # an infinity: no whole number
            return value
        if value == whole:
            return whole
    return value


def _typed(nw: Any, frame: Any, record: type) -> Any:
    """*frame* with its columns of no type (nulls only: an empty or unrecorded column,
    as polars and Arrow hold it) given their field's: Arrow joins no such column. A
    whole number held as a float (a column with gaps, as pandas holds it) has its NaN
    read as not given, as a record reads it: a yearly evaluation's quarter NaN was no
    quarter, and the evaluation left out of the yearly round."""
    schema = frame.collect_schema()
    kinds = _field_types(record)
    typed = []
    for name in schema.names():
        if name not in kinds:
            continue
        args = getattr(kinds[name], "__args__", (kinds[name],))
        whole = int in args and bool not in args
        if schema[name] == nw.Unknown:
            kind = (
                nw.Boolean
                if bool in args
                else nw.Int64
                if whole
                else nw.Date
                if date in args
                else nw.String
            )
            typed.append(nw.col(name).cast(kind))
        elif bool in args and schema[name] != nw.Boolean:
            # "true"/"false" as a CSV writes them, or 0/1: read as rollup_frame reads
            # them; as text, "false" was true (a text that is not empty) and the
            # disciplined members could not be filtered. Python objects (pandas: True
            # beside "không") too: left as they were, a text stopped the round with
            # pandas' KeyError.
            spelled = flag_spellings(nw, frame, schema, [name]).get(name)
            typed.append(yes_no(nw, name, schema[name], spelled))
        elif whole and schema[name].is_float():
            typed.append(nw.when(~nw.col(name).is_nan()).then(nw.col(name)).alias(name))
    return frame.with_columns(*typed) if typed else frame


def _whole_texts(nw: Any, frame: Any) -> Any:
    """*frame* with the evaluation's counts held as text (a CSV read as text: ``"3"``)
    read as whole numbers, as a record reads them; the engines compared such a column
    with a number in their own English error. A text that is no whole number is named
    (its member, never the value: months of sick leave and scores are personal), as
    a record refuses it. The year is read as text where it is compared
    (:func:`~coso_dang._dataframes.of_year`).

    Raises:
        TreeError: a count written as text that is no whole number (the first
            :data:`MAX_NAMED`).
    """
    schema = frame.collect_schema()
    kinds = _field_types(Evaluation)
    written = (nw.String, nw.Categorical, nw.Enum)
    # pandas holds no gap among numpy's whole numbers: there the counts are floats, read
    # back as whole numbers when a record is made (as a column with gaps is held).
    pandas_like = frame.implementation.is_pandas_like() or frame.implementation.is_dask()
    whole = nw.Float64 if pandas_like else nw.Int64
    read, problems = [], []
    for name in schema.names():
        args = getattr(kinds.get(name), "__args__", (kinds.get(name),))
        if name == "year" or int not in args or bool in args or schema[name] not in written:
            continue
        text = nw.col(name).cast(nw.String()).str.strip_chars()
        given = ~text.is_null() & (text != "")
        wrong = (
            frame.filter(given & ~text.str.contains(r"^[0-9]+$"))
            .select("subject_id")
            .head(MAX_NAMED)
            .collect()
        )
        reason = N_("phải là số nguyên từ 0 trở lên")
        for subject_id in wrong.get_column("subject_id").to_list():
            problems.append(Problem(record_where("Evaluation", subject_id), name, "", reason))
        read.append(nw.when(given).then(text).otherwise(None).cast(whole).alias(name))
    if problems:
        raise TreeError(problems)
    return frame.with_columns(*read) if read else frame


def _refuse_unread_flags(nw: Any, frame: Any, year: int) -> None:
    """Raise :class:`TreeError` for the evaluations of *year* whose yes/no mark
    (``disciplined``, ...) is held as a text that is neither a yes nor a no as every path
    reads one (:func:`~coso_dang._yes_no.read_yes_no`: "có", "x", "true", "0"...) nor
    blank. Read as no answer, it became the field's default, no: a member disciplined,
    written "có" (not read then), was read as not. The
    distinct texts are few: one look at each column held as text.

    A mark column held as neither yes/no, numbers nor text (dates: the day of the
    discipline typed in its column) is named as a column: it stopped the round in the
    engine's English, pandas' quoting the dates."""
    schema = frame.collect_schema()
    kinds = _field_types(Evaluation)
    written = (nw.String, nw.Categorical, nw.Enum)
    readable = (nw.Boolean, nw.Object, nw.Unknown, *written)
    marks = [name for name in schema.names() if name in kinds and kinds[name] is bool]
    reason = N_("không phải có/không (có, không, x, 1, 0, true, false)")  # as the loaders
    unread = [
        Problem(table_where("evaluations"), name, "", reason)
        for name in marks
        if schema[name] not in readable and not schema[name].is_numeric()
    ]
    if unread:
        raise TreeError(unread)
    frame = frame.filter(of_year(nw, schema["year"], year))
    flags = [name for name in marks if schema[name] in (*written, nw.Object)]
    problems: list[Problem] = []
    for name in flags:
        found = frame.select(nw.col(name).cast(nw.String)).unique().collect()
        # Among Python objects a number is written as Python writes it, 1.0 a yes.
        numbers = OBJECT_NUMBERS if schema[name] == nw.Object else {}
        wrong = [
            text
            for text in found.get_column(name).to_list()
            if isinstance(text, str)
            and text.strip(FLAG_SPACES)
            and read_yes_no(text) is None
            and text.strip(FLAG_SPACES) not in numbers
        ]
        if wrong:
            ids = (
                frame.filter(nw.col(name).cast(nw.String).is_in(wrong))
                .select("subject_id")
                .sort("subject_id")
                .head(MAX_NAMED)
                .collect()
                .get_column("subject_id")
                .to_list()
            )
            # Every yes/no mark of an evaluation is personal (a discipline, an exemption,
            # a suspension, a fault remedied): the mark is not quoted, as the loaders
            # never quote it. "disciplined = 'có'" told that the member was disciplined.
            problems += [Problem(record_where("Evaluation", i), name, "", reason) for i in ids]
    if problems:
        raise TreeError(problems)


def _ratings_as_codes(nw: Any, frame: Any) -> Any:
    """*frame* with its ratings written as their abbreviations. A rating is read in the
    spellings every table path reads (see :func:`~coso_dang._counting.rating_spellings`:
    "httnv", its label), and the counts compare abbreviations: "httnv" was counted at
    no level, yet listed as HTTNV when reported. The distinct ratings are few; each is
    read once.

    Raises:
        TreeError: the evaluations (the first :data:`MAX_NAMED`) whose rating names no
            level, as :func:`~coso_dang.frame.rollup_frame` names them.
    """
    if frame.collect_schema()["rating"] == nw.Object:
        return frame  # Python objects (pandas): read one by one, as records
    frame = frame.with_columns(nw.col("rating").cast(nw.String))
    found = frame.select("rating").unique().collect().get_column("rating").to_list()
    codes = {r.abbreviation for r in Rating}
    old = [v for v in found if not _missing(v) and v not in codes]
    if not old:
        return frame
    spelled, unread = rating_spellings(old)
    if unread:
        rows = (
            frame.filter(nw.col("rating").is_in(unread))
            .select("subject_id", "rating")
            .sort("subject_id")
            .head(MAX_NAMED)
            .collect()
        )
        raise unread_ratings(rows.iter_rows())
    read = nw.col("rating").replace_strict(
        list(spelled), list(spelled.values()), default=nw.col("rating")
    )
    return frame.with_columns(read.alias("rating"))


def _last_of_each(nw: Any, evaluations: Any, ordered: bool) -> Any:
    """One evaluation per member, as a round of records keeps them: a member evaluated
    twice in the round is read by the last row, in the place of the first (records are
    kept by member id, the later one replacing the earlier). Counted twice, the member
    weighed twice in the shares and was listed twice. A lazy engine's rows have no
    order: there one of them is kept."""
    if not ordered:
        return evaluations.unique(subset=["subject_id"], keep="any")
    row = nw.col(_ROW)
    return (
        evaluations.with_columns(
            row.min().over("subject_id").alias("_first"),
            row.max().over("subject_id").alias("_last"),
        )
        .filter(row == nw.col("_last"))
        .with_columns(nw.col("_first").alias(_ROW))
        .drop("_first", "_last")
    )


def _refuse_unread_reviews(nw: Any, frame: Any) -> None:
    """Raise :class:`TreeError` naming the year's evaluations (the first
    :data:`MAX_NAMED`) that no record holds: a subject or a period that is none of the
    codes ("Đảng viên", "NAM", a label), or a quarter out of 1–4, missing from a
    quarterly review or given to another. Left in the table, such a row was of no round
    and vanished from every check (a subject that is no code stopped the round with
    Python's English ``ValueError``); :func:`~coso_dang.frame.rollup_frame` refuses
    the same codes. One look at the year's evaluations."""
    subjects = [kind.value for kind in SubjectKind]
    periods = [review.value for review in ReviewPeriod]
    subject, review = nw.col("subject").cast(nw.String), nw.col("period").cast(nw.String)
    quarter, quarterly = nw.col("quarter"), review == ReviewPeriod.QUY.value
    flags = [
        (~subject.is_in(subjects)).fill_null(True).alias("_subject"),
        (~review.is_in(periods)).fill_null(True).alias("_period"),
        # Out of range, or given where the review has none (and missing where it has).
        ((quarter < 1) | (quarter > 4)).fill_null(False).alias("_quarter"),
        (quarterly & quarter.is_null()).fill_null(False).alias("_needed"),
        (~quarterly & ~quarter.is_null()).fill_null(False).alias("_stray"),
    ]
    flagged = frame.select("subject_id", "subject", "period", "quarter", *flags)
    wrong = nw.col("_subject") | nw.col("_period") | nw.col("_quarter")
    found = (
        flagged.filter(wrong | nw.col("_needed") | nw.col("_stray"))
        .head(MAX_NAMED)
        .collect()
        .rows(named=True)
    )
    if not found:
        return
    problems: list[Problem] = []
    for row in found:
        subject_id, where = row["subject_id"], record_where("Evaluation", row["subject_id"])
        if row["_subject"]:
            problems.extend(subject_problems([(subject_id, row["subject"])]))
        if row["_period"]:
            reason = N_("phải là một trong: {choices}", choices=", ".join(periods))
            problems.append(Problem(where, "period", str(row["period"]), reason))
        if row["_quarter"]:
            reason = N_("phải là số nguyên từ {low} đến {high}", low=1, high=4)
            problems.append(Problem(where, "quarter", str(row["quarter"]), reason))
        elif row["_needed"]:
            problems.append(Problem(where, "quarter", "", N_("cần ghi khi đánh giá hằng quý")))
        elif row["_stray"] and not row["_period"]:
            reason = N_("chỉ ghi khi đánh giá hằng quý")
            problems.append(Problem(where, "quarter", str(row["quarter"]), reason))
    raise TreeError(problems[:MAX_NAMED])


def _counted(rows: Any, nw: Any) -> dict[str, int]:
    """How many of *rows* (a lazy members table) each chi bộ (``org_id``) has."""
    grouped = (
        rows.with_columns(nw.lit(1, nw.Int64).alias("_one"))
        .group_by("org_id")
        .agg(nw.col("_one").sum())
        # Back to 64-bit integers: SQL engines widen sums.
        .with_columns(nw.col("_one").cast(nw.Int64))
        .collect()
    )
    return dict(grouped.iter_rows())


def _reads_members(nw: Any, evaluations: Any, where: Any) -> bool:
    """Whether the expression *where* reads a member's column (``m_admitted_on``), not
    only the evaluation's: the engine names a column it lacks when it plans the query,
    before it reads a row."""
    try:
        evaluations.filter(where).collect_schema()
    except nw.exceptions.ColumnNotFoundError:
        return True
    return False


def _missing_columns(table: str, missing: Sequence[str]) -> RecordError:
    """The error for a table without columns the checks read: in Vietnamese, with its
    English, as ``rollup_frame`` says it (a ``ValueError`` too)."""
    return RecordError(
        table, missing[0], None, N_("thiếu các cột {columns}", columns=", ".join(missing))
    )


class MemberTable:
    """A members table (and the round's member evaluations) read by the checks."""

    def __init__(
        self,
        members: Any,
        evaluations: Any = None,
        tree: OrgTree | None = None,
        *,
        last_of_each: bool = False,
    ) -> None:
        self._members_query = members
        self._evaluations_query = evaluations
        #: Whether the evaluations held are still to be cut to each member's last
        #: (:func:`_last_of_each`, rows in order), once read.
        self._last_of_each = last_of_each
        #: The organizations the members belong to (their rows are checked against it).
        self.tree = tree
        self._rows_checked = tree is None
        self._member_fields = [c for c in MEMBER_FIELDS if c != "committee_role"]
        self._convert = {name: _converter(kind) for name, kind in _field_types(Member).items()} | {
            name: _converter(kind) for name, kind in _field_types(Evaluation).items()
        }

    @cached_property
    def members(self) -> Any:
        """The members, a narwhals lazy frame with every column of :data:`MEMBER_FIELDS`
        (read once, at the first query, from an eager table: see :func:`_held`)."""
        return _held(self._members_query)

    @cached_property
    def evaluations(self) -> Any:
        """The round's member evaluations (lazy; held as :attr:`members` is), or None."""
        if self._evaluations_query is None:
            return None
        held = _held(self._evaluations_query)
        # Each member's last evaluation, kept by a look over every row per member (a
        # third of reading the round), only when some member has two: in a round as
        # given, each member has one, and the ids' hashes tell so at a glance.
        nw = _narwhals()
        if self._last_of_each and not _distinct_ids(nw, held, "subject_id"):
            held = _held(_last_of_each(nw, held, ordered=True))
        return held

    @classmethod
    def of(cls, members: Any, tree: OrgTree) -> MemberTable:
        """A table of *members* (any narwhals table) with the columns the checks read.

        Raises:
            ValueError: a required column is missing.
        """
        nw = _narwhals()
        frame, names = _lazy(nw, members, MEMBER_FIELDS)
        missing = [c for c in MEMBER_FIELDS if c not in names and c not in _OPTIONAL]
        if missing:
            raise _missing_columns(table_where("members"), missing)
        frame = _typed(nw, _as_read(nw, frame, _MEMBER_DATES, ("id", "org_id")), Member)
        empty = _empty_numbers(nw, frame, [*_MEMBER_DATES, "committee_role"])
        columns = [nw.col(_ROW)] if _ROW in frame.collect_schema().names() else []
        for name in MEMBER_FIELDS:
            if name == "committee_role" and name in empty:
                columns.append(nw.lit(None, nw.String).alias(name))
            elif name not in names or name in empty:
                columns.append(nw.lit(None, nw.Date).alias(name))
            elif name in _MEMBER_DATES:
                columns.append(nw.col(name).cast(nw.Date))
            elif name == "committee_role":
                # A blank role (a CSV imported as it is keeps an empty cell) is no seat, as
                # the loaders and rollup_frame read it: it was counted as a committee seat.
                columns.append(blank_missing(nw, name))
            else:
                columns.append(nw.col(name))
        # Dask gives a literal no type (its column of nothing was text, and the checks'
        # day arithmetic on it raised): cast once more, a no-op on the other engines.
        dates = nw.col(*_MEMBER_DATES).cast(nw.Date)
        return cls(frame.select(columns).with_columns(dates), tree=tree)

    def with_evaluations(
        self, evaluations: Any, year: int, period: ReviewPeriod, quarter: int | None
    ) -> tuple[MemberTable, list[Evaluation]]:
        """This table with the round's member evaluations, and its organization evaluations
        as records (one per organization at most: few).

        Raises:
            ValueError: a required column is missing.
        """
        nw = _narwhals()
        frame, names = _lazy(nw, evaluations, EVALUATION_FIELDS)
        missing = [c for c in _EVALUATION_REQUIRED if c not in names]
        if missing:
            raise _missing_columns(table_where("evaluations"), missing)
        frame = _as_read(nw, frame, (), ("subject_id",))
        _refuse_unread_flags(nw, frame, year)
        frame = _typed(nw, frame, Evaluation)
        # attrs marks "no default" by an enum member of its own: left out.
        defaults = {
            name: a.default
            for name, a in attrs.fields_dict(Evaluation).items()
            if a.default is not attrs.NOTHING
        }
        ordered = _ROW in frame.collect_schema().names()
        columns = [nw.col(_ROW)] if ordered else []
        # A column left out whose default is none: pandas holds no missing value among
        # numpy's whole numbers (the round was refused with Python's TypeError), so
        # there it is a float's gap, read back as none.
        pandas_like = frame.implementation.is_pandas_like() or frame.implementation.is_dask()
        gap = nw.Float64 if pandas_like else nw.Int64
        for name in EVALUATION_FIELDS:
            value = defaults.get(name)
            if name in names and isinstance(value, Enum):
                # No subject or review given: the record's default (a member's yearly
                # review), as rollup_frame reads it; the row was lost, in neither kind.
                columns.append(nw.col(name).fill_null(value.value))
                continue
            if name in names:
                columns.append(nw.col(name))
                continue
            value = value.value if isinstance(value, Enum) else value
            if value is None:
                columns.append(nw.lit(None, gap).alias(name))
            else:
                columns.append(nw.lit(value).alias(name))
        frame = frame.select(columns)
        quarter_test = (
            nw.col("quarter").is_null() if quarter is None else nw.col("quarter") == quarter
        )
        # A year held as text ("2025", as a CSV gives it; " 2025 ") is the same year, and
        # a row of no year (NaN among pandas' floats) is of no round, as in rollup_frame.
        # A year that is no whole number ("2024.0", "năm 2024") matched no year: its
        # evaluation was left out unseen, the member unrated. Named, as rollup_frame does.
        years = frame.collect_schema()["year"]
        refuse_odd_years(nw, frame, years, named=MAX_NAMED)
        frame = frame.filter(of_year(nw, years, year))
        # An evaluation of no subject: a record cannot have none; it was refused with the
        # record's error only if a check made a record of it. Named as rollup_frame does.
        if frame.select(nw.col("subject_id").null_count()).collect().item():
            blank = N_("bắt buộc, không được để trống")
            raise TreeError([Problem(table_where("evaluations"), "subject_id", "", blank)])
        # The year's rows only: another year's are of no round, as in rollup_frame.
        frame = _whole_texts(nw, frame)
        _refuse_unread_reviews(nw, frame)
        # A gap where the record has a default (no mark of discipline, 0 months of sick
        # leave): the default, as the loaders read a blank cell. The first evaluation
        # made a record of was refused: a flag cannot be None. (Counts held as text are
        # whole numbers by now.)
        filled = [
            nw.col(name).fill_null(value).alias(name)
            for name, value in defaults.items()
            if name in names and isinstance(value, (bool, int))
        ]
        frame = frame.with_columns(*filled) if filled else frame
        frame = frame.filter((nw.col("period") == period.value) & quarter_test)
        frame = _ratings_as_codes(nw, frame)
        orgs = frame.filter(nw.col("subject") != SubjectKind.MEMBER.value)
        org_evaluations = self._evaluations_of(orgs.collect())
        mine = frame.filter(nw.col("subject") == SubjectKind.MEMBER.value)
        if not ordered:
            mine = _last_of_each(nw, mine, ordered)
        table = MemberTable(self._members_query, mine, self.tree, last_of_each=ordered)
        return table, org_evaluations

    # -- counts taken in the engine ----------------------------------------------------------

    def check_rows(self) -> None:
        """Raise :class:`~coso_dang.errors.TreeError` for member rows that make no tree of
        records, as :meth:`OrgTree.build <coso_dang.OrgTree.build>` refuses them: an id
        twice, a member of an organization not in the tree or of one that is no chi bộ,
        or without an admission date. Counted, such rows gave a report the records never
        give (a member twice, a đảng bộ's own members); left out, members vanished (one
        of no admission date was on the rolls on no day, unseen: rollup_frame names it).
        Checked once, by two small queries (the distinct ids counted, the distinct
        organizations listed), and a third for the members of no admission date."""
        if self._rows_checked or self.tree is None:
            return
        nw = _narwhals()
        problems = []
        # A row without an id or an organization is refused as a record refuses it, as
        # rollup_frame says it: it was counted without a word (no id), or said to be of
        # an organization named «None» or «nan».
        blank = N_("bắt buộc, không được để trống")
        no_id, undated = (
            self.members.select(nw.col("id").null_count(), nw.col("admitted_on").null_count())
            .collect()
            .row(0)
        )
        if no_id:
            problems.append(Problem(table_where("members"), "id", "", blank))
        known = self.members.filter(~nw.col("id").is_null())
        if not _distinct_ids(nw, known):
            twice = (
                known.group_by("id")
                .agg(nw.len().alias("_times"))
                .filter(nw.col("_times") > 1)
                .select("id")
                .sort("id")
                .collect()
            )
            for i in twice.get_column("id").to_list():
                problems.append(Problem(record_where("Member", i), "id", str(i), N_("mã bị trùng")))
        layout = self.tree.pre_order()
        found = self.members.select("org_id").unique().collect().get_column("org_id").to_list()
        if any(_missing(org_id) for org_id in found):
            problems.append(Problem(table_where("members"), "org_id", "", blank))
        for org_id in sorted((o for o in found if not _missing(o)), key=str):
            place = layout.position.get(org_id)
            if place is None:
                reason = N_("không có tổ chức mang mã này")
                problems.append(Problem(table_where("members"), "org_id", str(org_id), reason))
            elif not layout.order[place].kind.is_chi_bo:
                kind = layout.order[place].kind.label
                reason = N_("đảng viên phải thuộc một chi bộ, không phải «{kind}»", kind=kind)
                problems.append(Problem(table_where("members"), "org_id", str(org_id), reason))
        # A seat written otherwise than by its code ("Bí thư", "BI_THU") was counted as a
        # seat but as no bí thư, and the record of its member refused in Python's English
        # ValueError: named here, as a record refuses a role that is none.
        codes = [role.value for role in CommitteeRole]
        roles = self.members.select("committee_role").unique().collect()
        for role in sorted(
            (r for r in roles.get_column("committee_role").to_list() if not _missing(r)), key=str
        ):
            if getattr(role, "value", role) not in codes:
                reason = N_("phải là một trong: {choices}", choices=", ".join(codes))
                where = table_where("members")
                problems.append(Problem(where, "committee_role", str(role), reason))
        if undated:
            found = (
                known.filter(nw.col("admitted_on").is_null())
                .select("id")
                .sort("id")
                .head(MAX_NAMED)
                .collect()
            )
            problems += [
                Problem(record_where("Member", i), "admitted_on", "", blank)
                for i in found.get_column("id").to_list()
            ]
        if problems:
            raise TreeError(problems)
        self._rows_checked = True

    def _active(self, on: date) -> Any:
        nw = _narwhals()
        return (nw.col("admitted_on") <= on) & (
            nw.col("left_on").is_null() | (nw.col("left_on") > on)
        )

    def day_numbers(self, *columns: str) -> list[Any] | None:
        """The date columns *columns* as expressions of their days' numbers (days from
        1/1/1970) where the engine holds a day as that number (polars), else None.

        A span of days is then one subtraction: the years, months and days of the
        calendar, taken from each of a nation's rows, cost many times more."""
        if not self.members.implementation.is_polars():
            return None
        nw = _narwhals()
        return [nw.col(name).cast(nw.Int32) for name in columns]

    def own_counts(self, on: date) -> Callable[[dict[str, int], int], tuple[list[int], ...]]:
        """Each chi bộ's members on the rolls, official members, chi ủy members, bí thư
        and phó bí thư on *on*."""
        nw = _narwhals()

        def own(position: dict[str, int], size: int) -> tuple[list[int], ...]:
            self.check_rows()
            start = nw.col("ceremony_on").fill_null(nw.col("admitted_on"))
            role = nw.col("committee_role")
            # A role is read by its code, as a record is made from the row.
            summed = ("_one", "_official", "_committee", "_secretary", "_deputy")
            grouped = (
                self.members.filter(self._active(on))
                .with_columns(
                    (start <= official_by(on)).cast(nw.Int64).alias("_official"),
                    (~role.is_null()).cast(nw.Int64).alias("_committee"),
                    (role == CommitteeRole.BI_THU.value)
                    .fill_null(False)
                    .cast(nw.Int64)
                    .alias("_secretary"),
                    (role == CommitteeRole.PHO_BI_THU.value)
                    .fill_null(False)
                    .cast(nw.Int64)
                    .alias("_deputy"),
                    nw.lit(1, nw.Int64).alias("_one"),
                )
                .group_by("org_id")
                .agg(*(nw.col(name).sum() for name in summed))
                # Back to 64-bit integers: SQL engines widen sums (DuckDB to a decimal,
                # which a count refuses).
                .with_columns(nw.col(*summed).cast(nw.Int64))
                .collect()
            )
            counts: tuple[list[int], ...] = tuple([0] * size for _ in summed)
            for org_id, *found in grouped.iter_rows():
                at = position.get(org_id)
                if at is not None:
                    for which, value in enumerate(found):
                        counts[which][at] = value
            return counts

        return own

    def any_given(self, column: str) -> bool:
        """True when any member row gives *column*."""
        nw = _narwhals()
        found = self.members.select((~nw.col(column).is_null()).any()).collect()
        return bool(found.item())

    def rating_counts(
        self, levels: Sequence[Rating], *, on: date | None = None
    ) -> dict[str, list[int]]:
        """Each chi bộ's members' ratings in the round, counted per level of *levels*;
        with *on*, of the members on the rolls that day only."""
        nw = _narwhals()
        self.check_rows()
        ratings = self.evaluations.select(nw.col("subject_id").alias("id"), "rating")
        members = self.members if on is None else self.members.filter(self._active(on))
        joined = members.select("id", "org_id").join(ratings, on="id", how="inner")
        # A gap in the rating is no level: on dask a chi bộ whose ratings are all gaps
        # summed to a gap, which a whole count cannot take.
        flags = [
            (nw.col("rating") == level.abbreviation).fill_null(False).cast(nw.Int64).alias(f"_{i}")
            for i, level in enumerate(levels)
        ]
        grouped = (
            joined.with_columns(flags)
            .group_by("org_id")
            .agg([nw.col(f"_{i}").sum() for i in range(len(levels))])
            .with_columns(nw.col(*[f"_{i}" for i in range(len(levels))]).cast(nw.Int64))
            .collect()
        )
        return {row[0]: list(row[1:]) for row in grouped.iter_rows()}

    def ratings_and_unrated(
        self, levels: Sequence[Rating], on: date, latest: date, readmitted: Collection[str] = ()
    ) -> tuple[dict[str, list[int]], dict[str, int]]:
        """:meth:`rating_counts` (of every member) and :meth:`unrated_counts` together,
        from one join of the members with the round's ratings: each of the two joined
        the nation's members with the evaluations on its own, most of their time."""
        nw = _narwhals()
        self.check_rows()
        ratings = self.evaluations.select(
            nw.col("subject_id").alias("id"), "rating", nw.lit(True).alias("_recorded")
        )
        joined = self.members.select(*_UNRATED_READS).join(ratings, on="id", how="left")
        flags = [
            (nw.col("rating") == level.abbreviation).fill_null(False).cast(nw.Int64).alias(f"_{i}")
            for i, level in enumerate(levels)
        ]
        unrated = self._unrated_kept(on, latest, readmitted) & nw.col("_recorded").is_null()
        summed = [f"_{i}" for i in range(len(levels))] + ["_unrated"]
        grouped = (
            joined.with_columns(*flags, unrated.fill_null(False).cast(nw.Int64).alias("_unrated"))
            .group_by("org_id")
            .agg([nw.col(name).sum() for name in summed])
            .with_columns(nw.col(*summed).cast(nw.Int64))
            .collect()
        )
        counts: dict[str, list[int]] = {}
        missing: dict[str, int] = {}
        for org_id, *row in grouped.iter_rows():
            if any(row[:-1]):
                counts[org_id] = row[:-1]
            if row[-1]:
                missing[org_id] = row[-1]
        return counts, missing

    def _unrated_kept(self, on: date, latest: date, readmitted: Collection[str]) -> Any:
        """The members :meth:`unrated_counts` counts when they have no evaluation."""
        nw = _narwhals()
        kept = (
            self._active(on)
            & (nw.col("exempted_on").is_null() | (nw.col("exempted_on") > on))
            & (nw.col("admitted_on") <= latest)
        )
        if readmitted:
            kept = kept & ~nw.col("id").is_in(sorted(readmitted))
        return kept

    def unrated_counts(
        self, on: date, latest: date, readmitted: Collection[str] = ()
    ) -> dict[str, int]:
        """Each chi bộ's members on the rolls on *on*, not exempted, admitted by *latest*
        and not re-admitted after it (the ids *readmitted*), with no evaluation in the
        round (as :meth:`RatingRound.unrated_members` counts them on records)."""
        return self._without_record(self._unrated_kept(on, latest, readmitted))

    def leaders_without_record(self, on: date) -> dict[str, int]:
        """Each chi bộ's members with a committee seat on the rolls on *on* and no
        evaluation in the round (as :meth:`RatingRound.leaders_without_record` counts
        them on records)."""
        nw = _narwhals()
        return self._without_record(self._active(on) & ~nw.col("committee_role").is_null())

    def active_counts(self, on: date) -> dict[str, int]:
        """Each chi bộ's members on the rolls on *on*."""
        nw = _narwhals()
        self.check_rows()
        return _counted(self.members.filter(self._active(on)).select("org_id"), nw)

    def evaluated_counts(self) -> dict[str, int]:
        """Each chi bộ's members with an evaluation in the round (a member evaluated
        twice counts once)."""
        nw = _narwhals()
        self.check_rows()
        recorded = self.evaluations.select(nw.col("subject_id").alias("id")).unique("id")
        return _counted(self.members.select("id", "org_id").join(recorded, on="id"), nw)

    def _without_record(self, kept: Any) -> dict[str, int]:
        """Each chi bộ's members the expression *kept* holds for that have no evaluation
        in the round."""
        nw = _narwhals()
        self.check_rows()
        # An anti join: the members no evaluation matches, without making the unique ids
        # of the evaluations and a joined row for each member (a third of the time).
        recorded = self.evaluations.select(nw.col("subject_id").alias("id"))
        return _counted(
            self.members.filter(kept).select("id", "org_id").join(recorded, on="id", how="anti"),
            nw,
        )

    def disciplined_leaders(self) -> dict[str, int]:
        """Each chi bộ's members with a committee seat disciplined in the round."""
        self.check_rows()
        nw = _narwhals()
        punished = self.evaluations.filter(nw.col("disciplined")).select(
            nw.col("subject_id").alias("id")
        )
        leaders = self.members.filter(~nw.col("committee_role").is_null())
        grouped = (
            leaders.select("id", "org_id")
            .join(punished, on="id", how="inner")
            .group_by("org_id")
            .agg(nw.len().alias("_n"))
            .with_columns(nw.col("_n").cast(nw.Int64))
            .collect()
        )
        return dict(grouped.iter_rows())

    # -- the rows a check concerns, as records ------------------------------------------------

    # The rows a check concerns (a nation's tens of thousands) are made by the loaders'
    # builders, as the active members are: each field's validators called through the
    # class's own __init__ were most of a check's time; what is refused is the same.

    def _member(self, row: dict[str, Any]) -> Member:
        convert = self._convert
        values = {name: convert[name](row[name]) for name in MEMBER_FIELDS}
        return _member_builder()(**values)

    def _columns(self, frame: Any, fields: Sequence[str], prefix: str = "") -> list[list[Any]]:
        """The columns of *frame* (collected) holding *fields*, named *prefix* and the
        field, each as the field's values: a column whose values polars gives as the
        field takes them (:func:`_plain_columns`) as it is, any other converted.

        Read a column at a time: a row at a time, as a dict whose every field was then
        looked up and converted, the rows cost about as much as the records made of them
        (the organizations' evaluations of a nation, tens of thousands)."""
        plain = _plain_columns(_narwhals(), frame, member_prefix=prefix)
        convert = self._convert
        found = []
        for name in fields:
            values = frame.get_column(prefix + name).to_list()
            if prefix + name not in plain:
                values = list(map(convert[name], values))
            found.append(values)
        return found

    def _evaluations_of(self, frame: Any) -> list[Evaluation]:
        """The rows of *frame* (collected, every column of :data:`EVALUATION_FIELDS`) as
        evaluation records, in its order."""
        make = _evaluation_builder()
        columns = self._columns(frame, EVALUATION_FIELDS)
        whole = _records(Evaluation, EVALUATION_FIELDS, columns)
        if whole is not None:
            return whole
        return [
            make(**dict(zip(EVALUATION_FIELDS, row, strict=True)))
            for row in zip(*columns, strict=True)
        ]

    @cached_property
    def _org_rank(self) -> dict[str, int]:
        """Each chi bộ's rank by its first member row: the order a tree groups records."""
        found = self.members.select("org_id").collect()
        firsts = found.unique(subset=["org_id"], keep="first", maintain_order=True)
        return {org_id: i for i, org_id in enumerate(firsts.get_column("org_id").to_list())}

    def active(self, on: date, where: Any = None) -> list[Member]:
        """The members on the rolls on *on* that meet *where*, as records, grouped by chi
        bộ as a tree of the same rows groups them."""
        self.check_rows()
        query = self.members.filter(self._active(on))
        if where is not None:
            query = query.filter(where)
        # Made by the loaders' builder, which checks the types inline instead of calling
        # each of thirty fields' validators (defaults included): most of the time of a
        # nation's rows; a value the class would refuse still goes to the class.
        found = self._members_in_order(query)
        rank = self._org_rank
        return sorted(found, key=lambda m: rank[m.org_id])

    def _members_in_order(self, query: Any) -> list[Member]:
        """The rows of *query* as member records, in the table's order.

        Read a column at a time: the engine gives each column's values at once, and a
        column whose values are the field's own (polars' days and texts) is taken as it
        is. Read a row at a time, as a dict, each of its fields then converted, the rows
        cost more than the records made of them (a nation's Charter check reads a
        hundred thousand). The records are still made one row at a time, in the table's
        order, so a row the record refuses is refused as before."""
        nw = _narwhals()
        if _ROW in query.collect_schema().names():
            query = query.sort(_ROW)
        frame = query.collect()
        plain = _plain_columns(nw, frame, member_prefix="")
        columns = []
        for name in MEMBER_FIELDS:
            values = frame.get_column(name).to_list()
            if name not in plain:
                values = list(map(self._convert[name], values))
            columns.append(values)
        make = _member_builder()
        return [
            make(**dict(zip(MEMBER_FIELDS, row, strict=True))) for row in zip(*columns, strict=True)
        ]

    def members_of(self, org_ids: Iterable[str]) -> list[Member]:
        """Every member of the chi bộ *org_ids*, as records, in table order."""
        self.check_rows()
        nw = _narwhals()
        query = self.members.filter(nw.col("org_id").is_in(list(org_ids)))
        return [self._member(row) for row in _in_order(query)]

    def member(self, member_id: str) -> Member | None:
        """The member *member_id* as a record, if the table holds it."""
        nw = _narwhals()
        rows = self.members.filter(nw.col("id") == member_id).collect().rows(named=True)
        return self._member(rows[0]) if rows else None

    def member_evaluations(
        self, where: Any = None, *, parts: tuple[Any, Any] | None = None
    ) -> list[tuple[Evaluation, Member | None]]:
        """The round's member evaluations that meet *where* (an expression over the
        evaluation's and the member's columns), as records, with their members.

        Or those that meet either of *parts*: an expression over the evaluation's
        columns and one over the member's own (not prefixed), read over the members
        alone (:meth:`~coso_dang.rules.MemberRatingRule.where_parts`); not both.
        """
        if where is not None and parts is not None:
            raise ArgumentError(N_("member_evaluations nhận where hoặc parts, không nhận cả hai"))
        self.check_rows()
        nw = _narwhals()
        member_columns = [c for c in MEMBER_FIELDS if c != "id"]
        evaluations = self.evaluations
        members = self.members.drop(_ROW, strict=False).select(
            nw.col("id").alias("subject_id"),
            *[nw.col(c).alias(f"m_{c}") for c in member_columns],
            nw.lit(True).alias("_known"),
        )
        if parts is not None:
            # The ids either part keeps, each read on its own table: the members' part
            # keeps a few tens of thousands of a nation's members, and joining every
            # evaluation with its member to find them was most of a check's time. An
            # evaluation of no member is kept by its own part alone: the parts promise
            # that a member's missing columns keep nothing (where_parts).
            of_evaluation, of_member = parts
            kept = nw.concat(
                [
                    evaluations.filter(of_evaluation).select("subject_id"),
                    self.members.filter(of_member).select(nw.col("id").alias("subject_id")),
                ]
            )
            evaluations = evaluations.join(kept, on="subject_id", how="semi")
            members = members.join(kept, on="subject_id", how="semi")
        elif where is not None and _reads_members(nw, evaluations, where):
            # The ids *where* keeps first, then the rows of those alone: joined and then
            # filtered, every member column was carried for each of the round's rows
            # (a nation's millions) to keep a few thousand, most of the check's time.
            # The ids are unique (the round's last evaluation of each member, members of
            # distinct ids: check_rows), so the rows are the same.
            kept = (
                evaluations.join(members, on="subject_id", how="left")
                .filter(where)
                .select("subject_id")
            )
            evaluations = evaluations.join(kept, on="subject_id", how="semi")
            members = members.join(kept, on="subject_id", how="semi")
            where = None
        joined = evaluations.join(members, on="subject_id", how="left")
        if where is not None:
            # Of the evaluation's columns alone: the engine filters before it joins, and
            # the two steps above would cost more than they save.
            joined = joined.filter(where)
        if _ROW in joined.collect_schema().names():
            joined = joined.sort(_ROW)
        frame = joined.collect()
        # Read a column at a time (see _columns), the records still made one row at a
        # time in the round's order, so a row a record refuses is refused as before.
        evaluations_read = self._columns(frame, EVALUATION_FIELDS)
        members_read = self._columns(frame, member_columns, prefix="m_")
        ids = frame.get_column("subject_id").to_list()
        convert_id, member_of = self._convert["id"], _member_builder()
        knowns = frame.get_column("_known").to_list()
        whole = _pairs(ids, knowns, evaluations_read, member_columns, members_read, convert_id)
        if whole is not None:
            return whole
        evaluation_of = _evaluation_builder()
        found = []
        for known, subject_id, fields, values in zip(
            knowns,
            ids,
            zip(*evaluations_read, strict=True),
            zip(*members_read, strict=True),
            strict=True,
        ):
            member = None
            # A left join's gap is the engine's missing value: NaN in pandas, which is true.
            if not _missing(known):
                member = member_of(
                    id=convert_id(subject_id), **dict(zip(member_columns, values, strict=True))
                )
            evaluation = evaluation_of(**dict(zip(EVALUATION_FIELDS, fields, strict=True)))
            found.append((evaluation, member))
        return found


def _records(cls: type, names: Sequence[str], columns: Sequence[list[Any]]) -> list[Any] | None:
    """The records of *cls* whose fields *names* hold *columns* (every other field its
    default), each field's checks run once over its column
    (:func:`~coso_dang._record_columns.named_column_records`); ``None`` when a row might
    be refused: the caller then makes them a row at a time, for the record's own error.

    A nation's round makes tens of thousands of evaluations and members for its checks;
    made a row at a time, each field's checks were run for each of them."""
    size = len(columns[0]) if columns else 0
    return named_column_records(cls, dict(zip(names, columns, strict=True)), size)


def _pairs(
    ids: list[Any],
    knowns: list[Any],
    evaluations: list[list[Any]],
    member_fields: Sequence[str],
    members: list[list[Any]],
    convert_id: Callable[[Any], Any],
) -> list[tuple[Evaluation, Member | None]] | None:
    """The rows of a round's member evaluations joined with their members (*knowns*: the
    engine's mark of a member found) as records made a column at a time (:func:`_records`),
    or ``None`` when a row might be refused."""
    made = _records(Evaluation, EVALUATION_FIELDS, evaluations)
    if made is None:
        return None
    # A left join's gap is the engine's missing value: NaN in pandas, which is true.
    known = [not _missing(k) for k in knowns]
    if all(known):
        member_columns = [list(map(convert_id, ids)), *members]
    else:
        member_columns = [
            [value for value, kept in zip(column, known, strict=True) if kept]
            for column in [list(map(convert_id, ids)), *members]
        ]
    records = _records(Member, ["id", *member_fields], member_columns)
    if records is None:
        return None
    found: list[Member | None] = [None] * len(made)
    next_member = iter(records)
    for at, kept in enumerate(known):
        if kept:
            found[at] = next(next_member)
    return list(zip(made, found, strict=True))


@cache
def _member_builder() -> Callable[..., Member]:
    """The loaders' constructor of :class:`Member`, made once."""
    make: Callable[..., Member] = builder(Member)
    return make


@cache
def _evaluation_builder() -> Callable[..., Evaluation]:
    """The loaders' constructor of :class:`Evaluation`, made once."""
    make: Callable[..., Evaluation] = builder(Evaluation)
    return make
