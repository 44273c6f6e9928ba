"""Any doctest file runs alone, by path, as it runs in the whole suite.

Each case is a fresh pytest process that collects the package's files first, as one
does to run a single module's doctests: the state the rest of the suite would have set
up (the package already imported) is absent, so a second copy of a module (with its own
locale, its own classes) shows up as a failure here.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(
    "paths",
    [
        # set_locale must switch the locale that the errors of the rest of the package read
        ["src/coso_dang/i18n.py"],
        # a rule module that its subpackage's __init__ imports: run twice, it refuses itself
        ["src/coso_dang/rules/rating.py"],
        # the page compares its table with the one the module builds: one Breakdown class
        ["src/coso_dang/breakdowns.py", "docs/thong-ke-dac-diem.md"],
    ],
    ids=["i18n", "rules-rating", "breakdowns-then-page"],
)
def test_doctests_pass_collected_alone_by_path(paths: list[str]) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *paths],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
