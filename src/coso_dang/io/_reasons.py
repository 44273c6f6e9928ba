"""Reasons that remember their message, so a problem can be shown in another language.

The mechanism lives in :mod:`coso_dang.i18n` (the library's errors use it too); the
loaders import it from here.
"""

from __future__ import annotations

from coso_dang.i18n import N_, Figure, Reason, translated

__all__ = ["N_", "Reason", "thousands", "translated"]


def thousands(number: int) -> Figure:
    """``12.345``: a count in a reason, with Vietnamese thousands separators (``12,345``
    when the reason is shown in English)."""
    return Figure.whole(number)
