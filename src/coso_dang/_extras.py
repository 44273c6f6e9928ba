"""Optional dependencies: which extra brings each one, and the one way to import them.

Modules that need an optional dependency import it through :func:`require`, when the
feature is used, never at module level: the core (attrs, python-dateutil, babel) works
without any extra. A missing dependency raises :class:`~coso_dang.errors.MissingExtraError`
naming the extra to install. A new extra is one line in :data:`EXTRAS` and one in
``pyproject.toml``'s optional dependencies.

>>> require("fractions", needed_for="exact shares").__name__
'fractions'
>>> extra_for("matplotlib.pyplot")
'plot'
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Final

from coso_dang.errors import MissingExtraError

__all__ = ["EXTRAS", "extra_for", "require"]

#: The extra of ``coso-dang`` that brings each optional top-level module.
EXTRAS: Final = {
    "narwhals": "dataframe",
    "numpy": "dataframe",
    "pandas": "dataframe",
    "polars": "dataframe",
    "openpyxl": "excel",
    "matplotlib": "plot",
    "duckdb": "duckdb",
    "psycopg": "postgres",
    "pyspark": "spark",
}


def extra_for(module: str) -> str:
    """The extra that brings *module* (a submodule counts as its top-level package).

    Raises:
        KeyError: *module* is not an optional dependency of the library.
    """
    return EXTRAS[module.partition(".")[0]]


def require(module: str, *, needed_for: str) -> ModuleType:
    """Import the optional *module*, or raise the error naming the extra that brings it.

    Args:
        module: a module of an optional dependency (``"polars"``, ``"matplotlib.pyplot"``).
        needed_for: the feature that needs it, for the message (``"DataFrames"``).

    Raises:
        MissingExtraError: *module* cannot be imported.
    """
    try:
        return importlib.import_module(module)
    except ImportError as error:
        raise MissingExtraError(module, extra_for(module), needed_for) from error
