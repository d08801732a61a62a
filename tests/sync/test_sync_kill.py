"""SIGKILL the device's `sync` at random moments: `check` passes after each, and the next sync ends
where an uninterrupted one would (exports agree, nothing twice)."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time

from tests.conftest import ROOT
from tests.sync.faultproxy import FaultProxy
from tests.sync.test_sync_e2e import ENV, app, assert_exports_agree, demo_template, device, enroll, pending

__all__ = ["demo_template", "device"]  # fixtures used here
KILLS = int(os.environ.get("PATROL_SYNC_KILLS", "30"))


def test_sync_killed_30_times_then_finished_loses_and_duplicates_nothing(device, sqlite_office, tmp_path) -> None:
    proxy = FaultProxy(sqlite_office.port)
    rng = random.Random(20261204)
    try:
        enroll(device, sqlite_office, proxy.url)
        # A slow line (1.5 Mbit/s) stretches the ~4 MB sync over ~20 s, so the kills fall across it.
        proxy.bucket.bps = 1_500_000
        start_pending = pending(device)
        progress = []
        for _ in range(KILLS):
            child = subprocess.Popen(
                [sys.executable, "-m", "patrol_app", "--data-dir", str(device), "sync"],
                env={**os.environ, "PYTHONPATH": str(ROOT), **ENV}, stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL)
            time.sleep(rng.uniform(0.2, 1.6))  # a random moment to kill at, not a wait for a state
            child.send_signal(signal.SIGKILL)
            child.wait()
            checked = app(device, "check")
            assert checked.returncode == 0, checked.stdout + checked.stderr
            progress.append(pending(device))
        proxy.bucket.bps = None
        done = app(device, "sync", "--json")
        assert done.returncode == 0, done.stdout + done.stderr
        assert pending(device) == 0
        assert_exports_agree(device, sqlite_office, tmp_path)
        print(f"pending after each kill (from {start_pending}): {progress}")
    finally:
        proxy.close()
