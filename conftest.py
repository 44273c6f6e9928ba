"""Collection of the package's own modules, for their doctests (``--doctest-modules``).

pytest's ``--import-mode=importlib`` imports a module found by path in two steps: its
parent packages first, then the file itself, run again as a new module object without
looking whether importing the parents already imported it. ``coso_dang/__init__.py``
(and each subpackage's) imports most modules, so collecting ``src/coso_dang/i18n.py`` by
path made a second ``coso_dang.i18n``, with its own locale, and a second
``coso_dang.breakdowns`` whose ``Breakdown`` never equals the one the rest of the package
builds: a doctest passed or failed by which files the session happened to collect before
it. Importing each module by its name before pytest imports it by path leaves exactly one
copy, the one every other module uses, whatever files are run and in whatever order.
"""

from __future__ import annotations

import contextlib
import importlib
import importlib.util
from pathlib import Path

import pytest

_SRC = Path(__file__).resolve().parent / "src"


def _module_name(path: Path) -> str | None:
    """The dotted name of a module file of a package under ``src``, else None."""
    # pytest collects no doctests from ``__main__.py``: importing it is for ``-m`` alone.
    if path.suffix != ".py" or path.name == "__main__.py" or _SRC not in path.parents:
        return None
    parts = [] if path.name == "__init__.py" else [path.stem]
    folder = path.parent
    while folder != _SRC:
        if not (folder / "__init__.py").is_file():
            return None
        parts.insert(0, folder.name)
        folder = folder.parent
    return ".".join(parts) or None


@pytest.hookimpl(tryfirst=True)
def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> None:
    if not parent.config.getoption("doctestmodules"):
        return  # no module of the package is collected
    name = _module_name(file_path.resolve())
    if name is None:
        return
    # Only when the name leads to this very tree: an environment whose ``coso_dang`` is
    # another checkout keeps pytest's own import of the file.
    top = importlib.util.find_spec(name.partition(".")[0])
    if top is None or top.origin is None:
        return
    if Path(top.origin).resolve() != _SRC / name.partition(".")[0] / "__init__.py":
        return
    # A module that fails to import is left to pytest, which imports the file next and
    # reports the error against it rather than against the whole folder being collected.
    with contextlib.suppress(Exception):
        importlib.import_module(name)
