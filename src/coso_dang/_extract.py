"""A Babel extraction method: marked strings plus the labels the code defines.

``babel.cfg`` names :func:`extract` for the package's Python files. It yields what
Babel's own Python extractor finds (``gettext``/``ngettext`` calls), then the labels
that are data rather than calls: the ``label`` of every enum member defined in the
module, the ``title`` of every rule class defined there, and — for
``coso_dang/indicators.py`` — the label of every registered indicator and ratio. Those
are translated at run time with :func:`coso_dang.i18n.label`.

This is a development tool: it imports the module it reads.
"""

from __future__ import annotations

import enum
import importlib
import pkgutil
from collections.abc import Collection, Iterator, Mapping
from pathlib import PurePath
from types import ModuleType
from typing import IO, Any

__all__ = ["extract"]

Extracted = tuple[int, str, "str | tuple[str, ...]", list[str]]

_PACKAGE = "coso_dang"
# Modules that need an optional extra are skipped when it is not installed.
_OPTIONAL_IMPORT_ERRORS = (ImportError,)


def _module_name(filename: str) -> str | None:
    if not filename.endswith(".py"):
        return None
    parts = PurePath(filename).with_suffix("").parts
    if _PACKAGE not in parts:
        return None
    dotted = list(parts[parts.index(_PACKAGE) :])
    if dotted[-1] == "__init__":
        dotted.pop()
    return ".".join(dotted)


def _line_of(source: str, text: str) -> int:
    """The line where *text* first appears in *source* (its quoted form), else 1."""
    for quoted in (f'"{text}"', f"'{text}'", text):
        index = source.find(quoted)
        if index >= 0:
            return source.count("\n", 0, index) + 1
    return 1


def _import_all() -> None:
    """Import every module of the package, so every indicator is registered."""
    package = importlib.import_module(_PACKAGE)
    for info in pkgutil.walk_packages(package.__path__, _PACKAGE + "."):
        try:
            importlib.import_module(info.name)
        except _OPTIONAL_IMPORT_ERRORS:
            continue


def _labels(module: ModuleType) -> Iterator[str]:
    for value in vars(module).values():
        if not isinstance(value, type) or value.__module__ != module.__name__:
            continue
        if issubclass(value, enum.Enum):
            for member in value:
                text = getattr(member, "label", None)
                if isinstance(text, str) and text:
                    yield text
        # A rule's title, on the rule or on its family (a rating rule's lives on its
        # family, shared by the regimes).
        title = value.__dict__.get("title")
        if isinstance(title, str) and title and hasattr(value, "code"):
            yield title
    if module.__name__ == f"{_PACKAGE}.indicators":
        _import_all()
        for indicator in module.indicators():
            yield indicator.label
        for ratio in module.ratios():
            yield ratio.label


def _pack_names(module: ModuleType, source: str) -> Iterator[str]:
    """The names of the rule packs *module* defines, and their rules' titles: report headings.

    Packs a module imports are left to the module that defines them.
    """
    from coso_dang.rules.ruleset import RuleSet

    for value in vars(module).values():
        if isinstance(value, RuleSet) and value.name and f'"{value.name}"' in source:
            yield value.name
            # A regime's rule classes are made by rating_regime, not written out: a
            # title one of them changes is found through its pack.
            for rule in value:
                title = type(rule).__dict__.get("title")
                if isinstance(title, str) and title:
                    yield title


def extract(
    fileobj: IO[bytes],
    keywords: Collection[str],
    comment_tags: Collection[str],
    options: Mapping[str, Any],
) -> Iterator[Extracted]:
    """Babel's Python extraction, then the module's enum labels and rule titles.

    The signature is Babel's extraction-method protocol.

    >>> import io
    >>> source = io.BytesIO('t.gettext("Bảng")'.encode())
    >>> [m[2] for m in extract(source, ["gettext"], [], {})]
    ['Bảng']
    """
    from babel.messages.extract import extract_python

    # Babel's own Python extractor, as the protocol calls it (typed loosely there).
    python: Any = extract_python
    yield from python(fileobj, keywords, comment_tags, options)
    name = _module_name(str(getattr(fileobj, "name", "")))
    if name is None:
        return
    try:
        module = importlib.import_module(name)
    except _OPTIONAL_IMPORT_ERRORS:
        return
    fileobj.seek(0)
    source = fileobj.read().decode("utf-8")
    seen: set[str] = set()
    for text in (*_labels(module), *_pack_names(module, source)):
        if text not in seen:
            seen.add(text)
            yield _line_of(source, text), "gettext", text, []
