"""The size a Parquet file's data takes uncompressed, read from its footer.

A Parquet file compresses a column of repeated text to almost nothing: 39 KB held sixty
names of 20 MB each, 1,2 GB once decoded (the reader aborted the process when memory
ran out). The footer says, for each row group, how many bytes its columns take
uncompressed (``RowGroup.total_byte_size``), so a table can be refused before anything
is decoded. The footer is Thrift's compact protocol; only what that takes is read here,
and any footer this reader cannot follow gives ``None`` (polars then says what is wrong
with the file).
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["uncompressed_size"]

_MAGIC = b"PAR1"
#: A footer larger than this is not read here (real ones take kilobytes).
_MAX_FOOTER = 64 * 1024 * 1024
#: Thrift structures nest a few levels in a footer; deeper is no footer of a table.
_MAX_DEPTH = 32

_STOP, _TRUE, _FALSE, _BYTE, _I16, _I32, _I64, _DOUBLE, _BINARY = range(9)
_LIST, _SET, _MAP, _STRUCT = 9, 10, 11, 12


class _BadFooterError(Exception):
    """The footer is not one this reader can follow."""


class _Reader:
    def __init__(self, data: bytes) -> None:
        self.data = data
        self.at = 0

    def byte(self) -> int:
        if self.at >= len(self.data):
            raise _BadFooterError
        value = self.data[self.at]
        self.at += 1
        return value

    def varint(self) -> int:
        value = shift = 0
        while True:
            byte = self.byte()
            value |= (byte & 0x7F) << shift
            if not byte & 0x80:
                return value
            shift += 7
            if shift > 63:
                raise _BadFooterError

    def zigzag(self) -> int:
        value = self.varint()
        return (value >> 1) ^ -(value & 1)

    def skip_bytes(self, count: int) -> None:
        if count < 0 or self.at + count > len(self.data):
            raise _BadFooterError
        self.at += count

    def field(self, last: int) -> tuple[int, int]:
        """The next field's id and type in a structure (type ``_STOP`` at its end)."""
        header = self.byte()
        kind = header & 0x0F
        if kind == _STOP:
            return 0, _STOP
        delta = header >> 4
        return (last + delta if delta else self.zigzag()), kind

    def skip(self, kind: int, depth: int) -> None:
        if depth > _MAX_DEPTH:
            raise _BadFooterError
        if kind in (_TRUE, _FALSE):
            return
        if kind == _BYTE:
            self.skip_bytes(1)
        elif kind in (_I16, _I32, _I64):
            self.varint()
        elif kind == _DOUBLE:
            self.skip_bytes(8)
        elif kind == _BINARY:
            self.skip_bytes(self.varint())
        elif kind in (_LIST, _SET):
            size, item = self.list_header()
            for _ in range(size):
                self.skip(item, depth + 1)
        elif kind == _MAP:
            size = self.varint()
            if size:
                types = self.byte()
                for _ in range(size):
                    self.skip(types >> 4, depth + 1)
                    self.skip(types & 0x0F, depth + 1)
        elif kind == _STRUCT:
            last = 0
            while True:
                last, field_kind = self.field(last)
                if field_kind == _STOP:
                    return
                self.skip(field_kind, depth + 1)
        else:
            raise _BadFooterError

    def list_header(self) -> tuple[int, int]:
        header = self.byte()
        size = header >> 4
        if size == 15:
            size = self.varint()
        # Each item takes a byte at least: a size past the bytes left is no list.
        if size > len(self.data) - self.at:
            raise _BadFooterError
        item = header & 0x0F
        return size, (_BYTE if item in (_TRUE, _FALSE) else item)


def _row_groups_size(reader: _Reader) -> int:
    """The sum of ``total_byte_size`` over ``FileMetaData.row_groups`` (field 4)."""
    total = 0
    last = 0
    while True:
        last, kind = reader.field(last)
        if kind == _STOP:
            return total
        if last == 4 and kind == _LIST:
            size, item = reader.list_header()
            if item != _STRUCT:
                raise _BadFooterError
            for _ in range(size):
                group_last = 0
                while True:
                    group_last, group_kind = reader.field(group_last)
                    if group_kind == _STOP:
                        break
                    if group_last == 2 and group_kind == _I64:
                        total += max(0, reader.zigzag())
                    else:
                        reader.skip(group_kind, 2)
        else:
            reader.skip(kind, 1)


def uncompressed_size(path: Path) -> int | None:
    """The bytes the data of the Parquet file *path* takes uncompressed, by its footer;
    ``None`` when the footer cannot be read here."""
    try:
        with path.open("rb") as stream:
            size = stream.seek(0, os.SEEK_END)
            if size < 12:
                return None
            stream.seek(size - 8)
            tail = stream.read(8)
            length = int.from_bytes(tail[:4], "little")
            if tail[4:] != _MAGIC or not 0 < length <= min(size - 12, _MAX_FOOTER):
                return None
            stream.seek(size - 8 - length)
            footer = stream.read(length)
    except OSError:
        return None
    try:
        return _row_groups_size(_Reader(footer))
    except _BadFooterError:
        return None
