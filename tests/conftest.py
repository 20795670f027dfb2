"""Each test is a run of its own, as each command is a process of its own."""
import gc

import pytest


@pytest.fixture(autouse=True)
def _collector_as_at_start():
    """Give back to the garbage collector what a run froze out of its reach (``cores.
    collector_paused`` freezes the run's data until the process ends)."""
    yield
    gc.unfreeze()
