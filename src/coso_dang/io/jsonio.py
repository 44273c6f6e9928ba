"""JSON: one document holding every record, with a format name and a schema version.

The document is an object::

    {"format": "coso-dang", "schema_version": 1, "name": "…", "year": 2024,
     "organizations": [{"id": "xa", "name": "…", "kind": "dang_bo_co_so"}, …],
     "units": […], "members": […], "evaluations": […]}

Records are objects keyed by field name; enums are written by code, ratings by
abbreviation, dates as ISO ``YYYY-MM-DD``, gaps in party activity as
``[{"start": …, "end": …}]``. ``name`` and ``year``, the dataset's optional
description, are written only when set. A field equal to its default is left out, and a missing
or ``null`` field takes its default. :func:`dump_json` writes one record per line.

Loading never executes anything: the text is parsed by :mod:`json` into plain values
and each record is built from them field by field. Two limits guard against runaway
input: :data:`MAX_JSON_BYTES` (512 MiB) and :data:`MAX_JSON_DEPTH` (64 levels of
nesting; the format itself needs 4).
"""

from __future__ import annotations

import io
import json
import os
import re
import sys
from collections.abc import Collection, Iterator
from itertools import accumulate
from pathlib import Path
from typing import IO, Any

from coso_dang._atomic import atomic_file, real_path
from coso_dang.dataset import Dataset
from coso_dang.errors import UsageError
from coso_dang.io._collect import PROGRESS_EVERY, Collector, about_year, load_error
from coso_dang.io._paths import existing_file, unopened_error, wrong_kind
from coso_dang.io._problems import LoadResult
from coso_dang.io._reasons import N_, thousands
from coso_dang.io._schema import SCHEMAS, RecordSchema, held_tables
from coso_dang.io._verify import (
    NOT_UNICODE,
    NOT_UNICODE_WRITTEN,
    refuse_unread_ids,
    refuse_unstorable,
    unicode_shown,
    verify_read_back,
)
from coso_dang.progress import Progress

__all__ = [
    "FORMAT_NAME",
    "MAX_JSON_BYTES",
    "MAX_JSON_DEPTH",
    "SCHEMA_VERSION",
    "dump_json",
    "load_json",
]


#: The value of the document's ``"format"`` key.
FORMAT_NAME = "coso-dang"
#: The version of the document layout this library reads and writes.
SCHEMA_VERSION = 1
#: The largest JSON document :func:`load_json` reads: 512 MiB.
MAX_JSON_BYTES = 512 * 1024 * 1024
#: The deepest nesting of arrays and objects :func:`load_json` accepts.
MAX_JSON_DEPTH = 64

# A JSON string, written so the regex engine never backtracks.
_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_BRACKETS = re.compile(r"[\[\]{}]")
_DEPTH_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}


class _RefusedError(Exception):
    """Raised from inside the JSON parser's hooks."""

    def __init__(self, reason: str, *, twice: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        #: A key given twice in one object: its line is looked for (the hook knows not).
        self.twice = twice


# A string, or a character that opens, closes or separates: what _twice_at reads.
_TOKENS = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[{}\[\]:,]', re.DOTALL)


def _twice_at(text: str) -> int | None:
    """The line of the first key given a second time in one object of *text* (which
    the parser refused for it), or ``None``: the parser's hook sees the object's pairs,
    not where they are. One pass over the tokens, each object's keys kept while open."""
    objects: list[set[str] | None] = []  # a list is None
    last = ""  # the token before, to tell a key (a string right after "{" or ",")
    for token in _TOKENS.finditer(text):
        mark = token.group()
        if mark in "{[":
            objects.append(set() if mark == "{" else None)
        elif mark in "}]":
            if objects:
                objects.pop()
        elif mark.startswith('"') and last in ("{", ",") and objects and objects[-1] is not None:
            keys = objects[-1]
            key = json.loads(mark)  # "\u0069d" is "id"
            if key in keys:
                return text.count("\n", 0, token.start()) + 1
            keys.add(key)
        last = mark if not mark.startswith('"') else '"'
    return None


def load_json(
    source: str | os.PathLike[str] | IO[str] | IO[bytes],
    *,
    strict: bool = False,
    validate: bool = False,
    progress: bool | Progress = True,
) -> LoadResult:
    """Load a JSON document written by :func:`dump_json` (or by hand, to the same layout).

    Each bad record becomes a :class:`LoadProblem` whose ``row`` is the record's
    position in its list (from 1) and whose ``column`` is ``section.field``; the other
    records still load.

    Args:
        source: a path, or an open text or binary stream.
        strict: raise if there is any error (warnings alone do not raise).
        validate: also check the tree and the evaluations' subjects (see
            :func:`load_csv`).
        progress: show a progress line on stderr when it is a terminal (or give a
            :class:`~coso_dang.progress.Progress`: where, and whether).

    Raises:
        LoadError: the document cannot be read at all (not JSON, not UTF-8, truncated,
            over :data:`MAX_JSON_BYTES` or :data:`MAX_JSON_DEPTH`, another format or
            schema version), or with *strict*, any error.
        PathError: *source* is a folder or does not exist.
        UsageError: *source* is neither a path nor a stream.

    >>> import io
    >>> from coso_dang import Organization, OrgKind
    >>> data = Dataset([Organization("xa", "Đảng bộ xã Tân Lập", OrgKind.DANG_BO_CO_SO)])
    >>> buffer = io.StringIO()
    >>> dump_json(data, buffer)
    >>> load_json(io.StringIO(buffer.getvalue())).dataset == data
    True
    >>> load_json(io.StringIO('{"schema_version": 1, "members": [')).dataset
    Traceback (most recent call last):
    ...
    coso_dang.io._problems.LoadError: 1 lỗi khi đọc dữ liệu: <stream>, dòng 1: JSON ...
    """
    name, text = _read(source)
    document = _parse(name, text)
    collector = Collector(progress=progress, validate=validate)
    sections: dict[str, RecordSchema] = {schema.key: schema for schema in SCHEMAS}
    # Unknown keys past MAX_TABLE_PROBLEMS errors are counted in one problem, not listed.
    unlisted = 0
    for key, value in document.items():
        if key in ("format", "schema_version"):
            continue
        if key in _ABOUT:
            wrong = isinstance(value, bool) or not isinstance(value, _ABOUT[key])
            if value is not None and wrong:
                collector.problem(name, None, key, str(value)[:40], N_("sai kiểu; không được đọc"))
            elif isinstance(value, str) and NOT_UNICODE.search(value):
                shown = unicode_shown(value[:40])
                reason = N_("chữ có mã \\uD800–\\uDFFF lẻ, không phải ký tự Unicode")
                collector.problem(name, None, key, shown, reason)
            elif key == "year" and value is not None:
                about_year(collector, name, None, key, value)
            else:
                collector.about[key] = value
            continue
        schema = sections.get(key)
        if schema is None:
            if collector.full(name):  # a document of a million unknown keys: count them
                unlisted += 1
                continue
            collector.problem(name, None, key, "", N_("khóa không được nhận ra; không được đọc"))
            continue
        if not isinstance(value, list):
            collector.problem(name, None, key, "", N_("phải là một danh sách; không được đọc"))
            continue
        collector.held.add(key)
        for index, obj in enumerate(value, start=1):
            if collector.full(name):
                collector.stop(name, index)
                break
            collector.add_object(schema, obj, name, index)
            if index % PROGRESS_EVERY == 0:
                collector.progress.update(name, index)
    if unlisted:
        reason = N_(
            "và {count} khóa khác không được nhận ra, không được liệt kê; không được đọc",
            count=thousands(unlisted),
        )
        collector.problem(name, None, "", "", reason)
    return collector.result(strict=strict)


def _read(source: str | os.PathLike[str] | IO[str] | IO[bytes]) -> tuple[str, str]:
    """The name and the text of *source*, within the size limit."""
    limit = MAX_JSON_BYTES // (1024 * 1024)
    data: str | bytes
    if isinstance(source, (str, os.PathLike)):
        path = existing_file(source, "source", "load_json")
        name = path.name
        try:
            with path.open("rb") as stream:
                # Measured first (a large file is refused unread), then read up to the
                # limit whatever the size said: a file of /proc says 0, a file still
                # being written grows after it was measured.
                fits = os.fstat(stream.fileno()).st_size <= MAX_JSON_BYTES
                data = stream.read(MAX_JSON_BYTES + 1) if fits else b""
        except OSError as error:
            raise unopened_error(name, error) from None
        if not fits or len(data) > MAX_JSON_BYTES:
            raise load_error(
                name,
                None,
                N_(
                    "tệp lớn hơn giới hạn {limit} MiB của JSON; dữ liệu lớn như của cả nước hãy "
                    "lưu thành thư mục Parquet (coso-dang convert {file} du_lieu.parquet) hoặc "
                    "thư mục CSV",
                    limit=limit,
                    file=name,
                ),
            )
    elif not hasattr(source, "read"):
        raise wrong_kind("load_json", "source", N_("một đường dẫn hoặc một luồng"), source)
    else:
        name = os.path.basename(str(getattr(source, "name", "<stream>")))
        data = source.read(MAX_JSON_BYTES + 1)
        if len(data) > MAX_JSON_BYTES:
            raise load_error(
                name,
                None,
                N_(
                    "dữ liệu lớn hơn giới hạn {limit} MiB của JSON; dữ liệu lớn như của cả nước "
                    "hãy lưu thành thư mục Parquet hoặc thư mục CSV",
                    limit=limit,
                ),
            )
    if isinstance(data, bytes):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            row = data.count(b"\n", 0, error.start) + 1
            raise load_error(name, row, N_("tệp không phải UTF-8")) from None
        if "\x00" in text[:4]:
            # UTF-16 without its byte order mark (all ASCII, it is valid UTF-8): a NUL
            # beside each character, which no JSON document begins with. It was said to
            # be JSON missing a key name in quotes at line 1, column 2.
            raise load_error(name, 1, N_("tệp không phải UTF-8"))
        return name, text
    return name, data.removeprefix("\ufeff")


def _depth(bare: str) -> tuple[int, int]:
    """The deepest nesting in *bare* (a document, its strings emptied), and the line
    where it first passes the limit."""
    steps = accumulate(map(_DEPTH_STEP.__getitem__, _BRACKETS.findall(bare)))
    deepest = max(steps, default=0)
    if deepest <= MAX_JSON_DEPTH:
        return deepest, 0
    level = 0
    for match in _BRACKETS.finditer(bare):
        level += _DEPTH_STEP[match.group()]
        if level > MAX_JSON_DEPTH:
            return deepest, bare.count("\n", 0, match.start()) + 1
    return deepest, 0  # pragma: no cover - the first pass saw it


#: The fewest characters of a document, past :data:`_VALUES_MARGIN`, for each object or list
#: it holds, and for each value (its comma). A record takes 40 at the least (an
#: evaluation with one-letter ids, a gap in activity), a value with its comma 8 or
#: more; a document written by dump_json takes about 250 and 26. Parsed, an empty object
#: ("{}," three bytes) takes 30 times its size: a document within MAX_JSON_BYTES of them
#: would take gigabytes more than any real one.
_BYTES_PER_CONTAINER = 32
_BYTES_PER_VALUE = 8
_VALUES_MARGIN = 1024


def _refuse_tiny_values(name: str, bare: str, size: int) -> None:
    """Refuse a document of more objects, lists or values than its *size* (characters) can
    hold in real data (*bare*: the document, its strings emptied), before it is parsed.

    Raises:
        LoadError: naming how many it holds.
    """
    containers = bare.count("{") + bare.count("[")
    values = bare.count(",")
    if (
        containers <= size // _BYTES_PER_CONTAINER + _VALUES_MARGIN
        and values <= size // _BYTES_PER_VALUE + _VALUES_MARGIN
    ):
        return
    reason = N_(
        "JSON có quá nhiều giá trị cho cỡ của nó ({containers} đối tượng và danh sách, "
        "{values} dấu phẩy trong {size} ký tự; dữ liệu thật cần ít nhất {per} ký tự cho "
        "mỗi đối tượng): không phải dữ liệu thật, không đọc",
        containers=thousands(containers),
        values=thousands(values),
        size=thousands(size),
        per=_BYTES_PER_CONTAINER,
    )
    raise load_error(name, None, reason)


def _refuse_constant(name: str) -> object:
    raise _RefusedError(N_("JSON không hợp lệ: {name} không phải một số JSON", name=name))


def _too_many_digits(name: str, text: str) -> None:
    """Name a number longer than Python converts (4.300 digits by default), which the
    parser refuses with the interpreter's English advice; looked for only once parsing
    failed, so a good document is not scanned again.

    Raises:
        LoadError: naming the line of the first such number.
    """
    limit = sys.get_int_max_str_digits()
    found = re.search(rf"\d{{{limit + 1},}}", text) if limit else None
    if found is None:
        return
    reason = N_(
        "JSON có một số dài {digits} chữ số, quá giới hạn {limit} chữ số",
        digits=thousands(len(found.group())),
        limit=thousands(limit),
    )
    raise load_error(name, text.count("\n", 0, found.start()) + 1, reason)


#: The most characters of the document's own text (a key, a format name) a reason quotes.
_MAX_QUOTED = 200


def _quoted(text: str) -> str:
    """*text* as a reason may quote it: cut to :data:`_MAX_QUOTED` characters, each half
    of a UTF-16 pair escaped (the document's text may be any; the reason is printed)."""
    if len(text) > _MAX_QUOTED:
        text = text[:_MAX_QUOTED] + "…"
    return unicode_shown(text)


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _RefusedError(
                    N_("khóa «{key}» xuất hiện hai lần trong một đối tượng", key=_quoted(key)),
                    twice=True,
                )
            seen.add(key)
    return result


#: The json module's own messages (Python 3.10 to 3.13), in Vietnamese: the line read
#: "JSON không hợp lệ ở dòng 1, cột 1: Expecting value". One not listed stays as it is.
_JSON_MESSAGES: dict[str, object] = {
    "Expecting value": N_("thiếu một giá trị"),
    "Expecting property name enclosed in double quotes": N_("cần tên khóa trong dấu ngoặc kép"),
    "Expecting ':' delimiter": N_("thiếu dấu hai chấm ':'"),
    "Expecting ',' delimiter": N_("thiếu dấu phẩy ','"),
    "Unterminated string starting at": N_("chuỗi bắt đầu ở đây không có dấu ngoặc kép đóng"),
    "Invalid control character at": N_("ký tự điều khiển không hợp lệ trong chuỗi"),
    "Invalid \\escape": N_("dấu \\ không hợp lệ trong chuỗi"),
    "Invalid \\uXXXX escape": N_("mã \\uXXXX không hợp lệ trong chuỗi"),
    "Extra data": N_("còn dữ liệu thừa sau tài liệu"),
    "Illegal trailing comma before end of object": N_("dấu phẩy thừa trước dấu đóng }}"),
    "Illegal trailing comma before end of array": N_("dấu phẩy thừa trước dấu đóng ]"),
}


def _parse(name: str, text: str) -> dict[str, Any]:
    """The document's top object, checked for format and version."""
    bare = _STRING.sub('""', text)
    deepest, line = _depth(bare)
    if deepest > MAX_JSON_DEPTH:
        reason = N_(
            "lồng sâu {depth} cấp, quá giới hạn {limit} cấp",
            depth=thousands(deepest),
            limit=MAX_JSON_DEPTH,
        )
        raise load_error(name, line, reason)
    _refuse_tiny_values(name, bare, len(text))
    del bare
    try:
        document = json.loads(text, object_pairs_hook=_pairs, parse_constant=_refuse_constant)
    except json.JSONDecodeError as error:
        reason = N_(
            "JSON không hợp lệ ở dòng {line}, cột {column}: {message}",
            line=error.lineno,
            column=error.colno,
            message=_JSON_MESSAGES.get(error.msg, error.msg),
        )
        if not text[error.pos :].strip():
            reason = N_("{reason} (tệp bị cắt?)", reason=reason)
        raise load_error(name, error.lineno, reason) from None
    except _RefusedError as refused:
        twice_at = _twice_at(text) if refused.twice else None
        raise load_error(name, twice_at, refused.reason) from None
    except (ValueError, RecursionError) as error:
        _too_many_digits(name, text)
        raise load_error(name, None, N_("JSON không đọc được: {error}", error=str(error))) from None
    if not isinstance(document, dict):
        raise load_error(name, None, N_("tài liệu JSON phải là một đối tượng {{…}}"))
    form = document.get("format", FORMAT_NAME)
    if form != FORMAT_NAME:
        reason = N_(
            "không phải tài liệu {name} (format = {form})",
            name=FORMAT_NAME,
            form=_quoted(repr(form)),
        )
        raise load_error(name, None, reason)
    version = document.get("schema_version")
    if version is None:
        raise load_error(name, None, N_("thiếu khóa schema_version"))
    if version != SCHEMA_VERSION or isinstance(version, bool):
        reason = N_(
            "phiên bản lược đồ {version} không được hỗ trợ (thư viện đọc phiên bản 1)",
            version=_quoted(repr(version)),
        )
        raise load_error(name, None, reason)
    return document


def _record_json(schema: RecordSchema, record: Any) -> dict[str, object]:
    defaults = schema.defaults
    obj: dict[str, object] = {}
    for column in schema.columns:
        value = getattr(record, column.field)
        if column.field in defaults and value == defaults[column.field]:
            continue
        obj[column.field] = None if value is None else column.codec.to_json(value)
    return obj


# The dataset's optional description and the JSON type each must have.
_ABOUT: dict[str, type] = {"name": str, "year": int}


def _chunks(dataset: Dataset, held: frozenset[str] | None = None) -> Iterator[str]:
    yield f'{{"format": "{FORMAT_NAME}", "schema_version": {SCHEMA_VERSION}'
    for key in _ABOUT:
        value = getattr(dataset, key)
        if value is not None:
            yield f", {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}"
    for schema in SCHEMAS:
        records: tuple[Any, ...] = getattr(dataset, schema.key)
        if not schema.written(records, held):
            continue
        yield f',\n"{schema.key}": ['
        for position, record in enumerate(records):
            line = json.dumps(_record_json(schema, record), ensure_ascii=False)
            yield ("\n" if position == 0 else ",\n") + line
        yield "\n]" if records else "]"
    yield "\n}\n"


def dump_json(
    dataset: Dataset,
    target: str | os.PathLike[str] | IO[str],
    *,
    overwrite: bool = True,
    verify: bool = False,
    tables: Collection[str] | None = None,
) -> None:
    """Write *dataset* as one JSON document (UTF-8, one record per line).

    ``load_json`` reads it back equal: ``load_json(p).dataset == dataset``. A path is
    written whole or not at all: to a temporary file beside it, which replaces it once
    complete, so a failure or Ctrl-C midway leaves the old file as it was.

    Args:
        dataset: the records to write.
        target: a path (written as UTF-8), or an open text stream.
        overwrite: replace an existing file (else refuse it).
        verify: read the file back before it replaces *target*, and refuse it unless
            it gives the same records.
        tables: the tables the source held (:attr:`LoadResult.tables`): an empty
            table not among them gets no key, since ``"members": []`` says the table
            was there with no record. ``None`` (default): every table.

    Raises:
        WriteError: the path is a folder, exists with *overwrite* false, or (with
            *verify*) reads back different records.

    >>> import io
    >>> from coso_dang import Evaluation, Rating
    >>> buffer = io.StringIO()
    >>> dump_json(Dataset(evaluations=[Evaluation("dv1", 2024, Rating.HTTNV)]), buffer)
    >>> print(buffer.getvalue())
    {"format": "coso-dang", "schema_version": 1,
    "organizations": [],
    "units": [],
    "members": [],
    "evaluations": [
    {"subject_id": "dv1", "year": 2024, "rating": "HTTNV"}
    ]
    }
    """
    if not isinstance(dataset, Dataset):
        raise UsageError("dump_json", "dataset", N_("một Dataset"), dataset)
    if not isinstance(target, (str, os.PathLike)) and (
        not hasattr(target, "write") or isinstance(target, (io.RawIOBase, io.BufferedIOBase))
    ):
        raise UsageError("dump_json", "target", N_("một đường dẫn hoặc một luồng văn bản"), target)
    held = held_tables("dump_json", tables)
    refuse_unread_ids(dataset)
    if isinstance(target, (str, os.PathLike)):
        final = real_path(target)

        def check(written: Path) -> None:
            if verify:
                verify_read_back(dataset, load_json(written, progress=False), final)

        try:
            with (
                atomic_file(final, overwrite=overwrite, check=check) as temporary,
                temporary.open("w", encoding="utf-8", newline="\n") as stream,
            ):
                stream.writelines(_chunks(dataset, held))
        except UnicodeEncodeError:
            refuse_unstorable(dataset, NOT_UNICODE, NOT_UNICODE_WRITTEN)
    else:
        target.writelines(_chunks(dataset, held))
