"""Old public names kept for one release: each use warns and names the replacement.

A renamed function calls :func:`deprecated` and then its new self; a renamed module
constant or class is served by the module's ``__getattr__`` from :func:`aliases`, so
``from coso_dang.rules import CHARTER`` keeps working and warns.

>>> import warnings
>>> with warnings.catch_warnings(record=True) as caught:
...     warnings.simplefilter("always")
...     deprecated("old_name", "new_name")
>>> str(caught[0].message)
'old_name is deprecated and will be removed in the next release: use new_name'
"""

from __future__ import annotations

import importlib
import warnings
from collections.abc import Callable, Mapping
from typing import Any

__all__ = ["aliases", "deprecated"]


def deprecated(old: str, new: str, *, stacklevel: int = 3) -> None:
    """Warn that *old* is deprecated in favour of *new* (a :class:`DeprecationWarning`)."""
    warnings.warn(
        f"{old} is deprecated and will be removed in the next release: use {new}",
        DeprecationWarning,
        stacklevel=stacklevel,
    )


def aliases(module: str, renamed: Mapping[str, str]) -> Callable[[str], Any]:
    """A module ``__getattr__`` serving each old name of *renamed* (old → ``"module:new"``).

    The new object is looked up when the old name is used, so an alias never holds a
    stale object.
    """

    def __getattr__(name: str) -> Any:  # noqa: N807 - a module's __getattr__
        target = renamed.get(name)
        if target is None:
            raise AttributeError(f"module {module!r} has no attribute {name!r}")
        where, _, new = target.partition(":")
        deprecated(f"{module}.{name}", f"{where}.{new}")
        return getattr(importlib.import_module(where), new)

    return __getattr__
