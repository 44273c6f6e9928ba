"""Fuzz runs: a short one in every session, a long one with ``COSO_DANG_FUZZ=long``.

The settings and strategies live in ``_fuzzing.py`` beside this file; this conftest puts
the directory on ``sys.path`` so the test modules can import it, gives them the
``fuzz`` fixture that counts and times every case, and prints (and, with
``COSO_DANG_FUZZ_REPORT=<path>``, writes as JSON) the cases run per target.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from _fuzzing import FUZZ_EXAMPLES, LONG_RUN, FuzzLog

_LOG = FuzzLog()


@pytest.fixture(scope="session")
def fuzz() -> FuzzLog:
    """The session's record of fuzz cases (session-scoped: safe inside @given)."""
    return _LOG


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not _LOG.targets:
        return
    mode = "long" if LONG_RUN else "short"
    terminalreporter.section(f"fuzz cases per target ({mode} run, {FUZZ_EXAMPLES} examples)")
    for line in _LOG.table():
        terminalreporter.write_line(line)
    report = os.environ.get("COSO_DANG_FUZZ_REPORT")
    if report:
        Path(report).write_text(json.dumps(_LOG.as_dict(mode), indent=2), encoding="utf-8")
