"""The process helpers: the collector paused while the run's data is built, never in workers."""
import gc

import pytest

from pipeline.cores import collector_paused, fork_pool, two_cores


def _collecting(_) -> bool:
    return gc.isenabled()


def test_the_collector_is_paused_inside_and_as_it_was_after_even_on_error():
    assert gc.isenabled()
    with pytest.raises(ValueError):
        with collector_paused():
            assert not gc.isenabled()
            raise ValueError
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()              # a caller's own pause is left alone
    finally:
        gc.enable()


@pytest.mark.skipif(not two_cores(), reason="needs fork and two cores")
def test_workers_collect_their_garbage_while_the_parent_has_paused():
    with collector_paused(), fork_pool() as pool:
        assert list(pool.map(_collecting, range(4))) == [True] * 4


def test_what_was_built_while_paused_stays_out_of_the_collectors_reach():
    gc.unfreeze()
    with collector_paused():
        built = [{"a": i} for i in range(1000)]
    frozen = gc.get_freeze_count()
    assert frozen >= len(built)
    if two_cores():
        with fork_pool() as pool:                 # a pool opened after leaves them frozen
            assert list(pool.map(_collecting, range(2))) == [True] * 2
    assert gc.get_freeze_count() >= frozen
