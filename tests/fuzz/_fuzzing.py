"""Shared settings, strategies and checks of the fuzz suite (not a test module).

``FUZZ_EXAMPLES`` is the number of examples per target: 200 in the normal suite,
20.000 when the environment has ``COSO_DANG_FUZZ=long`` (then every fuzz test is also
marked ``slow`` and runs without a deadline). Inputs are bounded: text strategies draw
at most :data:`MAX_TEXT` characters; the separate huge-input tests feed each target
:data:`HUGE` characters once and time it.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from typing import Any, TypeVar

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from coso_dang.dataset import Dataset
from coso_dang.errors import CosoDangError
from coso_dang.io import LoadResult
from coso_dang.testing import generate_province

__all__ = [
    "FUZZ",
    "FUZZ_EXAMPLES",
    "HEAVY_EXAMPLES",
    "HUGE",
    "LONG_RUN",
    "MAX_SECONDS",
    "MAX_TEXT",
    "SECTIONS",
    "FuzzLog",
    "accounted_rows",
    "fuzz_test",
    "heavy_fuzz_test",
    "junk_around",
    "sample_dataset",
    "texts",
    "tokens",
]

LONG_RUN = os.environ.get("COSO_DANG_FUZZ") == "long"
#: Examples per target.
FUZZ_EXAMPLES = 20_000 if LONG_RUN else 200
#: The longest text a strategy draws.
MAX_TEXT = 400
#: The size of the huge inputs each target gets once (a megabyte in the long run).
HUGE = 1_000_000 if LONG_RUN else 100_000
#: No single case may take longer than this (a hang shows up as a failure, not a stall).
MAX_SECONDS = 5.0

settings.register_profile(
    "coso-dang-fuzz-short",
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "coso-dang-fuzz-long",
    max_examples=20_000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
#: The settings of every fuzz test.
FUZZ = settings.get_profile("coso-dang-fuzz-long" if LONG_RUN else "coso-dang-fuzz-short")

F = TypeVar("F", bound=Callable[..., Any])
R = TypeVar("R")


#: Examples per target whose every case builds a workbook (about 40 ms a case).
HEAVY_EXAMPLES = FUZZ_EXAMPLES // 4


def _marked(test: F, chosen: settings) -> F:
    wrapped: F = chosen(test)
    if LONG_RUN:
        wrapped = pytest.mark.slow(wrapped)
    return wrapped


def fuzz_test(test: F) -> F:
    """Apply :data:`FUZZ` (put it above ``@given``); mark the test slow in a long run."""
    return _marked(test, FUZZ)


def heavy_fuzz_test(test: F) -> F:
    """As :func:`fuzz_test`, with :data:`HEAVY_EXAMPLES` examples."""
    return _marked(test, settings(FUZZ, max_examples=HEAVY_EXAMPLES))


class FuzzLog:
    """Cases run, the slowest case and the largest input, per target."""

    def __init__(self) -> None:
        self.targets: dict[str, dict[str, float]] = {}

    def _note(self, target: str, size: int, elapsed: float) -> None:
        entry = self.targets.setdefault(
            target, {"cases": 0, "slowest_s": 0.0, "largest_input": 0, "largest_s": 0.0}
        )
        entry["cases"] += 1
        entry["slowest_s"] = max(entry["slowest_s"], elapsed)
        if size >= entry["largest_input"]:
            entry["largest_input"] = size
            entry["largest_s"] = elapsed
        assert elapsed < MAX_SECONDS, f"{target}: one case took {elapsed:.1f} s (size {size})"

    def call(self, target: str, size: int, fn: Callable[[], R]) -> R:
        """Run one case of *target* and record it; exceptions pass through."""
        start = time.perf_counter()
        try:
            return fn()
        finally:
            self._note(target, size, time.perf_counter() - start)

    def parse_or_error(self, target: str, fn: Callable[[str], object], text: str) -> object:
        """Run *fn(text)*: it returns, or raises a CosoDangError that quotes *text*.

        Anything else (another exception) propagates and fails the test. The quote is
        checked on a prefix of the text, since messages may normalize or shorten it.
        """
        try:
            return self.call(target, len(text), lambda: fn(text))
        except CosoDangError as error:
            assert_quotes(error, text)
            return error

    def merge(self, targets: dict[str, dict[str, float]]) -> None:
        """Add another process's record (a pytest-xdist worker's) to this one."""
        for target, other in targets.items():
            entry = self.targets.setdefault(
                target, {"cases": 0, "slowest_s": 0.0, "largest_input": 0, "largest_s": 0.0}
            )
            entry["cases"] += other["cases"]
            entry["slowest_s"] = max(entry["slowest_s"], other["slowest_s"])
            if other["largest_input"] >= entry["largest_input"]:
                entry["largest_input"] = other["largest_input"]
                entry["largest_s"] = other["largest_s"]

    def table(self) -> list[str]:
        lines = [f"{'target':<34}{'cases':>8}{'slowest':>10}{'largest input':>16}{'took':>9}"]
        for name in sorted(self.targets):
            e = self.targets[name]
            lines.append(
                f"{name:<34}{int(e['cases']):>8}{e['slowest_s'] * 1000:>8.1f}ms"
                f"{int(e['largest_input']):>16,}{e['largest_s'] * 1000:>7.0f}ms"
            )
        return lines

    def as_dict(self, mode: str) -> dict[str, object]:
        return {"mode": mode, "examples_per_target": FUZZ_EXAMPLES, "targets": self.targets}


def assert_quotes(error: CosoDangError, text: str) -> None:
    """The error names the offending text (its ``text`` attribute or its message)."""
    if getattr(error, "text", None) == text:
        return
    message = str(error)
    snippet = text.strip()[:20]
    assert snippet in message or repr(snippet)[1:-1] in message, (
        f"{type(error).__name__} does not quote {text[:40]!r}: {message[:200]}"
    )


def texts(alphabet: str | None = None, max_size: int = MAX_TEXT) -> st.SearchStrategy[str]:
    """Any text (or text over *alphabet*), at most *max_size* characters."""
    if alphabet is None:
        return st.text(max_size=max_size)
    return st.text(st.sampled_from(alphabet), max_size=max_size)


def tokens(words: list[str], max_tokens: int = 20) -> st.SearchStrategy[str]:
    """Near-misses: valid pieces of the target's grammar, shuffled and joined."""
    pieces = st.lists(st.sampled_from(words), max_size=max_tokens)
    return st.one_of(pieces.map(" ".join), pieces.map("".join))


def junk_around(valid: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """A valid text with junk before, after or inside it."""
    junk = st.text(max_size=5)
    return st.tuples(junk, valid, junk, st.integers(0, 40)).map(
        lambda t: (t[0] + t[1][: t[3]] + t[2] + t[1][t[3] :]) if t[3] % 3 else t[0] + t[1] + t[2]
    )


# -- loaders -----------------------------------------------------------------------------

#: The record sections of a dataset, in the order the loaders read them.
SECTIONS = ("organizations", "units", "members", "evaluations")


def sample_dataset(records_per_kind: int = 6) -> Dataset:
    """A few valid records of each kind, from the synthetic generator."""
    data = generate_province(seed=11, scale=0.01)
    # Take the first members' chi bộ and everything above them, so the sample is a tree.
    members = data.members[:records_per_kind]
    return Dataset(
        organizations=data.organizations,
        members=members,
        units=data.units[:records_per_kind],
        evaluations=tuple(e for e in data.evaluations if e.subject_id in {m.id for m in members}),
    )


#: How the problem that stops reading a table with too many errors begins.
_STOPPED = "bảng có hơn"


def accounted_rows(result: LoadResult, file: str, data_rows: list[int]) -> None:
    """Every data row became a record or is named by an error: nothing is lost.

    *data_rows* are the row numbers (as the problems count them) of the rows sent.
    Warnings name rows that loaded (a name in a legacy encoding), so they do not count.
    A table with too many errors is not read on past the row its last problem names,
    which names every row from there on.
    """
    errors = [p for p in result.errors if p.file == file and p.row is not None]
    named = {p.row for p in errors}
    stopped = [p.row for p in errors if p.reason.startswith(_STOPPED)]
    if stopped:
        named.update(row for row in data_rows if row >= min(stopped))
    records = len(result.dataset)
    unnamed = [row for row in data_rows if row not in named]
    shown = sorted(named & set(data_rows))
    assert records == len(unnamed), (
        f"{len(data_rows)} rows in, {records} records out, problems name {len(shown)} rows "
        f"{shown[:20]}{' …' if len(shown) > 20 else ''}: rows lost or doubled"
    )
