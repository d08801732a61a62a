"""Crash safety: kill the import at random moments, fill the disk; the library stays consistent."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
from pathlib import Path

from patrol_app.media.importer import PhotoImporter
from patrol_app.media.library import DIRECT_MIN, Library, check_files
from patrol_app.media.reasons import Reason
from patrol_app.store import open_store
from tests.conftest import ROOT, TinyDisk, run_cli
from tests.photos_factory import make_folder

KILLS = 60 if os.environ.get("PATROL_SLOW") else 20
PER_ROUND = 8


def test_kill_the_import_at_random_moments(tmp_path: Path) -> None:
    """Each round adds a few new photos (so there is always work to interrupt), starts the CLI import,
    and SIGKILLs it at a random state: during start-up, hashing, writing files or committing rows.

    The moment is chosen by the import's own progress, not by a clock: the kill comes after a random
    number of its per-file JSON lines, always before the summary, so every kill lands mid-import
    however fast or loaded the machine is."""
    folder = tmp_path / "DCIM 相机"
    make_folder(folder, 12, size=(1200, 900))
    data = tmp_path / "data"
    open_store(data).close()
    rng = random.Random(20261129)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    killed_while_running = 0
    for round_ in range(KILLS):
        make_folder(folder, PER_ROUND, size=(1200, 900), start_seed=1000 + PER_ROUND * round_, prefix=f"R{round_:02d}_")
        proc = subprocess.Popen(
            [sys.executable, "-m", "patrol_app", "--data-dir", str(data), "import-photos", str(folder), "--json"],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, text=True,
        )
        files = 12 + PER_ROUND * (round_ + 1)
        for _ in range(rng.randrange(files)):
            proc.stdout.readline()
        proc.send_signal(signal.SIGKILL)
        # Killed by the signal, not exited after finishing: the kill landed during the import.
        killed_while_running += proc.wait(timeout=60) == -signal.SIGKILL
        proc.stdout.close()
        check = run_cli("--data-dir", str(data), "check", "--json")
        assert check.returncode == 0, f"round {round_}: {check.stdout} {check.stderr}"
        assert json.loads(check.stdout)["ok"] is True
    assert killed_while_running == KILLS, f"only {killed_while_running} kills landed during an import"

    total = 12 + PER_ROUND * KILLS
    final = run_cli("--data-dir", str(data), "import-photos", str(folder), "--json")
    assert final.returncode == 0, final.stderr
    summary = json.loads(final.stdout.splitlines()[-1])["summary"]
    assert summary["imported"] + summary["duplicate"] == total and summary["error"] == 0
    with open_store(data) as store:
        assert store.photos.count() == total
        rows = store.photos.library_rows()
        assert len({r[1] for r in rows}) == total and check_files(data, rows) == []
    files = list(Library(data).all_files())
    assert sum(1 for f in files if "photos" in f.relative_to(data).parts[:1]) == total  # one copy of each
    assert not list(data.rglob(".part-*"))


def test_a_full_disk_stops_the_import_cleanly(tiny_disk: TinyDisk, tmp_path: Path) -> None:
    folder = tmp_path / "photos"
    made = make_folder(folder, 12, size=(1600, 1200))
    assert min(p.stat().st_size for p in made) > DIRECT_MIN  # the originals take the direct-I/O path where there is one
    store = open_store(tiny_disk.path / "data")
    try:
        summary = PhotoImporter(store).run([folder])
        assert summary.stopped is Reason.DISK_FULL
        assert summary.imported < 12 and summary.imported + summary.error == 12
        assert all(r.reason in (Reason.DISK_FULL, Reason.NOT_IMPORTED_DISK_FULL) for r in summary.results
                   if r.status == "error")
        assert store.photos.count() == summary.imported
        assert check_files(store.data_dir, store.photos.library_rows()) == []
        assert store.upkeep.check().ok
        assert not list(tiny_disk.path.rglob(".part-*"))
        # Space is freed (the disk grows): importing again finishes the job, one copy of each photo.
        store.close()
        tiny_disk.grow()
        store = open_store(tiny_disk.path / "data")
        again = PhotoImporter(store).run([folder])
        assert again.stopped is None and again.imported + again.duplicate == 12
        assert store.photos.count() == 12 and store.upkeep.check().ok
        assert check_files(store.data_dir, store.photos.library_rows()) == []
    finally:
        store.close()
