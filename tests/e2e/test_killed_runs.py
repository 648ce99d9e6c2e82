"""A real `akg build` / `akg ingest` killed with SIGKILL at random moments leaves the store as it was before
the run or as it is after it, never empty or half-built (the long version: scripts/kill_build.py)."""
from __future__ import annotations

import pytest

from kill_build import kill_runs

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("command, kills", [("build", 6), ("ingest", 3)])
def test_a_killed_run_leaves_the_store_as_before_or_as_after(tmp_path, command, kills):
    found = kill_runs(command, tmp_path, kills)
    assert [k for k in found if k.state not in ("before", "after")] == []
    assert any(k.killed for k in found)
