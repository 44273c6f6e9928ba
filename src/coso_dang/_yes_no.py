"""The texts a yes/no is written in: one declaration for every path.

The loaders read a member's, an organization's or a unit's yes/no cell by these words,
and so do the table paths (:func:`~coso_dang.frame.rollup_frame`, the rule packs'
tables) and the SQL path, so that one table gives one answer whichever path reads it.
Each path kept a list of its own: the loaders read "có", "x" or a tick, the tables and
the databases "true" and "1" only, and a members table written as the clerks write it
had its counts of working members unknown on those paths.
"""

from __future__ import annotations

from coso_dang.vi.text import fold

__all__ = ["NO_TEXTS", "YES_TEXTS", "read_yes_no"]

#: The words of a yes, folded (:func:`~coso_dang.vi.text.fold`: any case, with or
#: without diacritics): có, x or a tick (√, ✓, ✔, ☑: how forms mark a yes as often as
#: an x), 1, true, đúng; yes; PostgreSQL's "t" (its text of a boolean).
YES_TEXTS: tuple[str, ...] = (
    "co",
    "x",
    "1",
    "true",
    "dung",
    "yes",
    "y",
    "c",
    "t",
    "√",
    "✓",
    "✔",
    "☑",
)
#: The words of a no, folded: không, 0, false, sai; no; PostgreSQL's "f".
NO_TEXTS: tuple[str, ...] = ("khong", "0", "false", "sai", "no", "n", "k", "f")


def read_yes_no(text: str) -> bool | None:
    """The yes (``True``) or no (``False``) *text* writes, or ``None`` when it is neither
    (a blank text among them).

    >>> [read_yes_no(t) for t in (" Có ", "KHÔNG", "x", "✔️", "TRUE", "có lẽ", "")]
    [True, False, True, True, True, None, None]
    """
    key = fold(text).replace("\ufe0f", "")  # "✔️": the tick drawn as an emoji
    if key in YES_TEXTS:
        return True
    if key in NO_TEXTS:
        return False
    return None
