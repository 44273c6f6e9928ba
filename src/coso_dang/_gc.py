"""Pause the cyclic garbage collector around bulk work on millions of records."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["paused"]


@contextmanager
def paused() -> Iterator[None]:
    """Disable the cyclic collector inside the block, restoring its previous state.

    Each collection walks every tracked object made since the last one, and a full one
    walks them all: building or indexing millions of records with it on makes the work
    grow faster than linearly (at national scale, two thirds of the time). Records hold
    no reference cycles, so nothing is left uncollected; reference counting still frees
    memory as usual.

    On the way out, what the block made goes to the collector's oldest generation
    (``gc.freeze()`` then ``gc.unfreeze()``, which relink the collector's lists without
    visiting the objects): left young, the million containers of a national build would
    all be walked by the first young collection after it, about a quarter of a second
    per million. Skipped when the program has frozen objects of its own, whose freezing
    it would undo.

    >>> import gc
    >>> with paused():
    ...     gc.isenabled()
    False
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            if not gc.get_freeze_count():
                gc.freeze()
                gc.unfreeze()
            gc.enable()
