"""The "So sánh" docs page is what scripts/compare_formatting.py writes from the golden tables."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest
from tests import golden

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "compare_formatting.py"
PAGE = ROOT / "docs" / "so-sanh.md"
TABLES = (
    "NORTH",
    "SOUTH",
    "DECIMALS",
    "FORMATTED",
    "ROUNDED",
    "PERCENTS",
    "PARSED",
    "FORMAT_CASES",
    "PARSE_CASES",
    "INVALID_CASES",
)


def _script() -> ModuleType:
    pytest.importorskip(
        "num2words",
        reason="num2words is not installed (it comes with the docs extra: pip install -e "
        "'.[docs]'), so the So sánh page cannot be regenerated to compare",
    )
    name = "compare_formatting"
    spec = importlib.util.spec_from_file_location(name, SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module


def test_every_golden_table_on_the_page() -> None:
    """The page compares every golden table, with all its rows (no library needed)."""
    page = PAGE.read_text(encoding="utf-8")
    missing = [
        name
        for name in TABLES
        if f"Golden table `{name}`, {len(getattr(golden, name))} rows;" not in page
    ]
    assert missing == []


def test_page_up_to_date() -> None:
    """docs/so-sanh.md is exactly what the script writes now."""
    script = _script()
    page = PAGE.read_text(encoding="utf-8")
    made = re.search(r"^Made with Babel (\S+) and num2words (\S+)\.$", page, re.MULTILINE)
    assert made is not None, "the page does not say which Babel and num2words made it"
    installed = script.versions()
    if (made[1], made[2]) != (installed["Babel"], installed["num2words"]):
        pytest.skip(
            f"the page was made with Babel {made[1]} and num2words {made[2]}, but Babel "
            f"{installed['Babel']} and num2words {installed['num2words']} are installed: "
            "their output may differ. Regenerate with: python scripts/compare_formatting.py "
            "--write"
        )
    assert page == script.render(), (
        "docs/so-sanh.md is out of date: run python scripts/compare_formatting.py --write"
    )
