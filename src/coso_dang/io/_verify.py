"""Reading back what a dumper wrote, before it replaces the target."""

from __future__ import annotations

import errno
import re
from pathlib import Path

import attrs

from coso_dang.dataset import Dataset
from coso_dang.errors import CosoDangError, WriteError, record_where
from coso_dang.io._problems import LoadResult
from coso_dang.io._reasons import N_, thousands
from coso_dang.io._schema import ID_SEPARATORS, SCHEMAS, CodeCodec, IdCodec, IdsCodec

__all__ = [
    "CELL_ERROR_WRITTEN",
    "NOT_UNICODE",
    "NOT_UNICODE_WRITTEN",
    "record_ident",
    "refuse_field",
    "refuse_split_ids",
    "refuse_unread_ids",
    "refuse_unstorable",
    "unicode_shown",
    "verify_read_back",
]

#: Half of a UTF-16 pair on its own: a Python string can hold it, no UTF-8 file can.
NOT_UNICODE = re.compile("[\ud800-\udfff]")
#: Why a writer refuses such a text (the record and the field are named, not the value).
NOT_UNICODE_WRITTEN = N_(
    "một văn bản chứa nửa cặp UTF-16 đứng lẻ (\\ud800–\\udfff), không phải ký tự Unicode, "
    "mà không tệp nào lưu được"
)


#: Why a table writer (CSV, workbook, Parquet) refuses a text that is a spreadsheet's
#: error value ("#N/A", "#REF!"): the table loaders read such a cell as the error it
#: stands for and refuse its row, so the record would be lost. Not quoted: it may be a
#: personal field's value.
CELL_ERROR_WRITTEN = N_(
    "một văn bản trùng một giá trị lỗi của bảng tính, mà các bộ nạp bảng đọc là ô lỗi "
    "công thức và không đọc dòng đó (hãy ghi dữ liệu này dưới dạng JSON)"
)


def unicode_shown(text: str) -> str:
    """*text* with each half of a pair written as ``\\udXXX``, so it can be printed."""
    return NOT_UNICODE.sub(lambda half: f"\\u{ord(half.group()):04x}", text)


_TABLES = ("organizations", "units", "members", "evaluations", "member_events", "org_events")


def record_ident(record: object) -> str:
    """The id a message names *record* by (never a field's value: it may be personal)."""
    for name in ("id", "subject_id", "member_id", "org_id"):
        ident = getattr(record, name, None)
        if ident:
            return str(ident)
    return "?"


def refuse_field(record: object, field: str, what: str) -> CosoDangError:
    """The error refusing to write *record*, whose *field* the format cannot hold."""
    return CosoDangError(
        N_(
            "{where}, trường {field}: {what}",
            where=record_where(type(record).__name__, record_ident(record)),
            field=repr(field),
            what=what,
        )
    )


def verify_read_back(dataset: Dataset, result: LoadResult, target: Path) -> None:
    """Refuse a write whose files do not load back to *dataset*.

    The message names the table and the first record that differs, by its id (never
    a field's value: it may be personal).

    Raises:
        WriteError: the files have load errors or give other records.
    """
    if result.errors:
        first = result.errors[0]
        raise WriteError(
            target,
            errno.EIO,
            N_(
                "điều đã ghi không đọc lại được ({count} lỗi, lỗi đầu ở dòng {row}: {reason})",
                count=thousands(len(result.errors)),
                row=first.row,
                reason=first.reason,
            ),
        )
    back = result.dataset
    if back == dataset:
        return
    for table in _TABLES:
        wrote: tuple[object, ...] = getattr(dataset, table)
        read: tuple[object, ...] = getattr(back, table)
        if wrote == read:
            continue
        if len(wrote) != len(read):
            what = N_(
                "ghi {written} bản ghi {table}, đọc lại {read}",
                written=len(wrote),
                table=table,
                read=len(read),
            )
        else:
            index = next(i for i, (a, b) in enumerate(zip(wrote, read, strict=True)) if a != b)
            what = N_(
                "bản ghi {ident} của bảng {table} đọc lại khác",
                ident=repr(record_ident(wrote[index])),
                table=table,
            )
        raise WriteError(
            target, errno.EIO, N_("điều đã ghi đọc lại không như cũ: {what}", what=what)
        )
    raise WriteError(
        target, errno.EIO, N_("điều đã ghi đọc lại không như cũ: tên hoặc năm của bộ dữ liệu")
    )


def refuse_unstorable(dataset: Dataset, pattern: re.Pattern[str], what: str) -> None:
    """Name the first record with a text *pattern* finds, which the format cannot store.

    Called once a writer has failed on such a text (the temporary file is then dropped
    and the target kept): the message names the record and the field, not the value.

    Raises:
        CosoDangError: always (with the record when one is found).
    """
    for table in _TABLES:
        for record in getattr(dataset, table):
            for field in attrs.fields(type(record)):
                value = getattr(record, field.name)
                texts = value if isinstance(value, tuple) else (value,)  # OrgEvent.into
                if any(isinstance(text, str) and pattern.search(text) for text in texts):
                    raise refuse_field(record, field.name, what)
    raise CosoDangError(N_("tên của bộ dữ liệu: {what}", what=what))


def refuse_split_ids(dataset: Dataset) -> None:
    """Refuse an organization event whose ``into`` names an id holding ``;`` or ``,``.

    A cell of several ids (CSV, workbook, Parquet) separates them by those: "a;b" was
    written as one id and read back as two.

    Raises:
        CosoDangError: naming the event and the field (ids are not personal).
    """
    for event in dataset.org_events:
        split = next((ident for ident in event.into if ID_SEPARATORS.search(ident)), None)
        if split is not None:
            raise refuse_field(
                event,
                "into",
                N_(
                    "mã {ident} chứa ';' hoặc ',', là dấu ngăn các mã trong một ô (hãy ghi "
                    "dữ liệu này dưới dạng JSON)",
                    ident=repr(split),
                ),
            )


_CUT = N_(
    "một mã đọc như một số đã bị bảng tính làm tròn (1,23457E+18), mà các bộ nạp không "
    "nhận (hãy đặt mã khác)"
)
_HIDDEN = N_(
    "một mã chứa ký tự ẩn, dấu cách lạ (dấu cách không ngắt) hoặc ký tự điều khiển, mà các "
    "bộ nạp không đọc lại như cũ (hãy đặt mã khác)"
)


_HIDDEN_IN_NUMBER = N_(
    "một số chứa ký tự ẩn hoặc ký tự điều khiển, mà các bộ nạp không đọc (hãy gõ lại số)"
)


def refuse_unread_ids(dataset: Dataset) -> None:
    """Refuse the first record with an id (or a number kept as text) the loaders do not
    read back, in any format.

    Records built in code may hold such an id ("dv\u200b1"); a file holding it loses
    the record on loading.

    Raises:
        CosoDangError: naming the record and the field.
    """
    for schema in SCHEMAS:
        fields = [c.field for c in schema.columns if isinstance(c.codec, (IdCodec, IdsCodec))]
        numbers = [c.field for c in schema.columns if isinstance(c.codec, CodeCodec)]
        for record in getattr(dataset, schema.key):
            for field in fields:
                value = getattr(record, field)
                # Several ids (an organization event's ``into``) are read each as one.
                for ident in value if isinstance(value, tuple) else (value,):
                    if not isinstance(ident, str):
                        continue
                    if IdCodec.looks_cut(ident):
                        raise refuse_field(record, field, _CUT)
                    if IdCodec.looks_like_another(ident) or IdCodec.has_other_space(ident):
                        raise refuse_field(record, field, _HIDDEN)
            # A number kept as text (an identity or phone number) holding an invisible
            # character: the loaders refuse its row, and the record is lost.
            for field in numbers:
                value = getattr(record, field)
                if isinstance(value, str) and IdCodec.looks_like_another(value):
                    raise refuse_field(record, field, _HIDDEN_IN_NUMBER)
