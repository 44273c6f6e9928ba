"""The collector pause around bulk work: restored as it was, and nothing left to walk."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from coso_dang._gc import paused


@pytest.fixture
def collector() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.enable()
    yield
    gc.unfreeze()
    if not enabled:
        gc.disable()


def test_the_block_runs_without_the_collector_and_it_comes_back(collector: None) -> None:
    with paused():
        assert not gc.isenabled()
        with paused():  # nested: the inner block restores the outer's state
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_disabled_collector_stays_disabled(collector: None) -> None:
    gc.disable()
    with paused():
        pass
    assert not gc.isenabled()


def test_what_the_block_made_is_old_so_no_young_collection_walks_it(collector: None) -> None:
    gc.collect()
    with paused():
        made = [[n] for n in range(50_000)]
    oldest = {id(item) for item in gc.get_objects(generation=2)}
    # Left young, the next collection (due at once) would walk them into the middle one.
    assert all(id(item) in oldest for item in made)
    assert gc.get_freeze_count() == 0


def test_objects_the_program_froze_stay_frozen(collector: None) -> None:
    kept = [[n] for n in range(100)]
    gc.freeze()
    frozen = gc.get_freeze_count()
    with paused():
        made = [[n] for n in range(50_000)]
    assert gc.get_freeze_count() == frozen
    oldest = {id(item) for item in gc.get_objects(generation=2)}
    assert not any(id(item) in oldest for item in made)  # left young: nothing unfrozen
    assert kept
