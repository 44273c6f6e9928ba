"""Fixtures shared by the test modules."""

from __future__ import annotations

from collections.abc import Iterator

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
