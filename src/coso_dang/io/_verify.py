"""Reading back what a dumper wrote, before it replaces the target."""

from __future__ import annotations

import errno
from pathlib import Path

from coso_dang.dataset import Dataset
from coso_dang.errors import WriteError
from coso_dang.io._problems import LoadResult

__all__ = ["verify_read_back"]

_TABLES = ("organizations", "units", "members", "evaluations")


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
            f"what was written does not load back ({len(result.errors)} error(s), "
            f"the first at row {first.row}: {first.reason})",
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
            what = f"{len(wrote)} {table} written, {len(read)} read back"
        else:
            index = next(i for i, (a, b) in enumerate(zip(wrote, read, strict=True)) if a != b)
            record = wrote[index]
            ident = getattr(record, "id", None) or getattr(record, "subject_id", "?")
            what = f"{table} record {ident!r} reads back different"
        raise WriteError(target, errno.EIO, f"what was written does not load back equal: {what}")
    raise WriteError(target, errno.EIO, "what was written does not load back equal: name or year")
