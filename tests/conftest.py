"""Fixtures shared by the test modules."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

from coso_dang.i18n import set_locale

# The suite runs on shared, busy machines: a property's time per example says nothing
# about its correctness, so no test fails on Hypothesis's per-example deadline.
settings.register_profile("coso-dang", deadline=None)
settings.load_profile("coso-dang")


@pytest.fixture
def english_errors() -> Iterator[None]:
    """Error messages in English (the process-wide setting) for one test, restored after.

    Parsers' tests read the reasons the way the English catalogue words them.
    """
    previous = set_locale("en")
    yield
    set_locale(previous)


# Fuzz records handed over by pytest-xdist workers (see tests/fuzz/conftest.py): the
# controlling process collects no tests, so it prints the table the serial run prints.
_WORKER_FUZZ_LOGS: list[dict[str, Any]] = []


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node: Any, error: object) -> None:
    record = getattr(node, "workeroutput", {}).get("fuzz_log")
    if record:
        _WORKER_FUZZ_LOGS.append(record)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not _WORKER_FUZZ_LOGS:
        return
    sys.path.insert(0, str(Path(__file__).parent / "fuzz"))
    from _fuzzing import FuzzLog

    log = FuzzLog()
    for record in _WORKER_FUZZ_LOGS:
        log.merge(record["targets"])
    first = _WORKER_FUZZ_LOGS[0]
    terminalreporter.section(
        f"fuzz cases per target ({first['mode']} run, {first['examples_per_target']} examples)"
    )
    for line in log.table():
        terminalreporter.write_line(line)
