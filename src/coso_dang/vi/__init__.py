"""Vietnamese toolkit: numbers, number words, dates and text, with no knowledge of the party.

Every Babel call in the library lives here. Nothing reads the machine's locale.
"""

from __future__ import annotations

from coso_dang.vi.text import fold, normalize

__all__ = ["fold", "normalize"]
