"""coso-dang: records, rollups, rule checks and Vietnamese formatting for party organizations."""

from __future__ import annotations

from coso_dang.errors import CosoDangError, ParseError, Problem, RecordError, TreeError

__all__ = ["CosoDangError", "ParseError", "Problem", "RecordError", "TreeError", "__version__"]


def __getattr__(name: str) -> str:
    if name == "__version__":
        from importlib.metadata import version

        return version("coso-dang")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
