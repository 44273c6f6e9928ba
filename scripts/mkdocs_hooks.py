"""MkDocs hooks for the docs build (named in mkdocs.yml).

Docstrings show doctest output such as ``['cb1']`` or ``(2, 1, 1)``; Markdown reads the
square brackets as a reference link and autorefs warns that no such page exists. Those
are literals, not references: the filter drops exactly those warnings (a target that is
not a dotted Python name), so real broken references still fail the strict build.
"""

from __future__ import annotations

import logging
import re

_IDENTIFIER = re.compile(r"^[A-Za-z_][\w.]*$")
_TARGET = re.compile(r"Could not find cross-reference target '(.*)'$", re.DOTALL)


class _DoctestLiterals(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        match = _TARGET.search(record.getMessage())
        return match is None or bool(_IDENTIFIER.match(match.group(1)))


_FILTER = _DoctestLiterals()


def on_pre_build(config: object) -> None:
    """Install the filter on MkDocs' handlers, the strict-mode counter among them."""
    for handler in logging.getLogger("mkdocs").handlers:
        if _FILTER not in handler.filters:
            handler.addFilter(_FILTER)
