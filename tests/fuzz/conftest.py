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


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # In the long run every fuzz test is slow, the huge-input ones included, so
    # ``-m slow`` selects exactly this folder.
    if LONG_RUN:
        here = Path(__file__).parent
        for item in items:
            if here in item.path.parents:
                item.add_marker(pytest.mark.slow)


_MODE = "long" if LONG_RUN else "short"


def _write_report() -> None:
    report = os.environ.get("COSO_DANG_FUZZ_REPORT")
    if report:
        Path(report).write_text(json.dumps(_LOG.as_dict(_MODE), indent=2), encoding="utf-8")


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    # Written after every test, so a run stopped by a CI time limit still leaves its record.
    if report.when == "call" and _LOG.targets:
        _write_report()


def pytest_sessionfinish(session: pytest.Session) -> None:
    # A pytest-xdist worker prints no summary of its own: it hands its record to the
    # controlling process, whose tests/conftest.py prints the table of the whole run.
    output = getattr(session.config, "workeroutput", None)
    if output is not None and _LOG.targets:
        output["fuzz_log"] = _LOG.as_dict(_MODE)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not _LOG.targets:
        return
    terminalreporter.section(f"fuzz cases per target ({_MODE} run, {FUZZ_EXAMPLES} examples)")
    for line in _LOG.table():
        terminalreporter.write_line(line)
    _write_report()
