"""`patrol-app demo`: fill an unused data folder with the demo, all or nothing, under its import lock."""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

from patrol_app.demo.generate import DataDirNotEmpty, DemoSummary, fill
from patrol_app.demo.shared import Progress

STAGING = ".demo-staging"
# What a data folder's demo consists of, besides the database: the photo library's folders.
LIBRARY_FOLDERS = ("photos", "uploads", "thumbs")


@contextlib.contextmanager
def exclusive(data_dir: Path) -> Iterator[None]:
    """Hold the data folder's import lock for the whole demo: the demo imports photos and writes
    thousands of rows, so an import that started meanwhile made it stop half-way (issue 12). Either
    the demo or the import is refused before it writes anything (`ImportBusy`)."""
    from filelock import FileLock, Timeout

    from patrol_app.media.importer import ImportBusy

    data_dir.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(data_dir / ".import.lock"), timeout=0, is_singleton=True)
    try:
        lock.acquire()
    except Timeout:
        raise ImportBusy() from None
    try:
        yield
    finally:
        lock.release()


def fill_folder(data_dir: Path, *, size: str = "small", seed: int = 1,
                progress: Progress | None = None) -> DemoSummary:
    """Fill an unused data folder with demo data, all or nothing.

    The demo is built in a staging folder inside the data folder (same file system) and moved into
    place only when it is complete; the database file is moved last, so that rename is the moment
    the demo exists. A demo killed before it leaves only the staging folder (the next demo deletes
    it) and at worst photo-library files without records (the next demo reuses them, `check` lists
    them as notices). The data folder keeps no records of its own (that is checked first), so its
    empty database is replaced whole, device id included: the demo's records and its device agree.
    """
    from patrol_app.paths import database_path
    from patrol_app.store import open_store
    from patrol_app.store.errors import DiskFull

    open_store(data_dir, verify=True).close()  # refuses what is not ours before writing anything
    with exclusive(data_dir):
        with open_store(data_dir, verify=True) as store:
            if store.upkeep.has_user_data():
                raise DataDirNotEmpty(str(data_dir))
        staging = data_dir / STAGING
        shutil.rmtree(staging, ignore_errors=True)  # a killed demo's leftovers: ours, never published
        try:
            with open_store(staging) as demo_store:
                summary = fill(demo_store, size=size, seed=seed, progress=progress)
        except BaseException:  # Ctrl-C or a failure: the unpublished demo is thrown away whole
            shutil.rmtree(staging, ignore_errors=True)
            raise
        # Closing the last connection checkpoints the WAL into the file and removes it; a -wal left
        # behind would mean the moved file is missing its last pages.
        wal = database_path(staging).with_name("patrol.db-wal")
        if wal.exists():  # the close could not checkpoint: nearly always a disk too full to grow the file
            left = wal.stat().st_size
            shutil.rmtree(staging, ignore_errors=True)
            if shutil.disk_usage(data_dir).free < max(2 * left, 64 * 1024 * 1024):
                raise DiskFull(database_path(data_dir))
            raise RuntimeError("the demo database kept a write-ahead log after closing")
        for folder in LIBRARY_FOLDERS:
            _move_into(staging / folder, data_dir / folder)
        _fsync_dir(data_dir)
        for suffix in ("-wal", "-shm"):  # of the closed, empty database being replaced
            database_path(data_dir).with_name("patrol.db" + suffix).unlink(missing_ok=True)
        os.replace(database_path(staging), database_path(data_dir))
        _fsync_dir(data_dir)
        shutil.rmtree(staging, ignore_errors=True)
    return summary


def _move_into(source: Path, target: Path) -> None:
    """Move a library folder into place: renamed whole when the target has none (the usual case, and
    O(1) even for the large demo's 150,000 files), else file by file (content-addressed names: a
    file already there is the same photo)."""
    if not source.is_dir():
        return
    if not target.exists():
        os.replace(source, target)
        return
    for path in sorted(source.rglob("*")):
        if path.is_file():
            dest = target / path.relative_to(source)
            dest.parent.mkdir(parents=True, exist_ok=True)
            os.replace(path, dest)


def _fsync_dir(folder: Path) -> None:
    """Make the renames in `folder` durable before the next step counts on them (POSIX; Windows has
    no directory handles to sync, and NTFS journals renames itself)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
