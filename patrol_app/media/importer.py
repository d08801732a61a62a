"""Importing photos: many files in, one photo record per distinct image out.

Workers (a pool of threads: Pillow, hashlib and zlib release the GIL while they work) each take one
file: recognise it by content, hash it, read its EXIF, decode it once to make the upload copy and the
thumbnail, and write those two under temporary names into the library's scratch folder. The calling
thread is the only writer: it writes each original's hashed bytes beside them as soon as its worker
is done (straight to the disk where the system allows: see `library.write_scratch`) and fsyncs
the original and the upload copy; for each small batch it renames the files to their final names,
fsyncs the folders once, then inserts the rows, each with its outbox entry, in one transaction. So
the workers never wait for the disk, a cancelled or killed import leaves no row without its files and
no half-written file under a final name, and running it again skips what is done and finishes the rest.

Only one import runs per data folder at a time (an OS file lock, released even when the process is
killed).

There is a worker per core (at least two, at most six); a third worker on two cores measured no
faster. While an import runs, glibc is asked to keep freed buffers for reuse (`memory`).
"""

from __future__ import annotations

import errno
import hashlib
import logging
import os
import stat
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout
from PIL import Image

from patrol_app.domain.clock import ClockWarning, TimeEvidence, clock_behind
from patrol_app.domain.ids import iso_utc, utc_now
from patrol_app.media import derive as derive_mod
from patrol_app.media.library import (
    DirtyFolders,
    Library,
    Staged,
    remove_partials,
    write_scratch,
)
from patrol_app.media.memory import keep_freed_memory
from patrol_app.media.metadata import NotAnImage, PhotoMetadata, UnreadableImage, detect_format, read_metadata_bytes
from patrol_app.media.reasons import Reason
from patrol_app.store import Store
from patrol_app.store.errors import DatabaseBusy, DatabaseDamaged, DiskFull, EnvironmentFault, classify
from patrol_app.userfiles import display, open_regular

log = logging.getLogger(__name__)

MAX_FILE_BYTES = 200 * 1024 * 1024
BATCH_ROWS = 25
BATCH_SECONDS = 0.5
MAX_WORKERS = 6  # each photo in flight holds its bytes and a decoded ~2000×1500 picture (~30 MB)


def default_workers() -> int:
    affinity = getattr(os, "sched_getaffinity", None)  # the cores this process may use, where known
    cores = len(affinity(0)) if affinity is not None else (os.cpu_count() or 1)
    return max(2, min(MAX_WORKERS, cores))

Progress = Callable[[int, int, str], None]


class ImportBusy(EnvironmentFault):
    def __init__(self) -> None:
        super().__init__(
            "另一个照片导入正在进行（或正在生成示例数据）。请等它完成后再试。",
            "Another photo import (or the demo) is running on this data folder. Wait for it to finish, "
            "then try again.",
        )


@dataclass
class FileResult:
    """One file's outcome: the `import-photos --json` line (DESIGN.md §8)."""

    path: str
    status: str  # imported | duplicate | skipped | error
    sha256: str | None = None
    taken_at: str | None = None
    lat: float | None = None
    lon: float | None = None
    alt: float | None = None
    position_source: str | None = None
    orientation: int | None = None
    width: int | None = None
    height: int | None = None
    make: str | None = None
    model: str | None = None
    reason: Reason | None = None
    photo_uuid: str | None = None
    # The photo's own clocks, for judging the laptop's (domain.clock); not part of the JSON line.
    gps_at: datetime | None = None
    camera_at: datetime | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path, "status": self.status, "sha256": self.sha256, "taken_at": self.taken_at,
            "lat": self.lat, "lon": self.lon, "alt": self.alt, "position_source": self.position_source,
            "orientation": self.orientation, "width": self.width, "height": self.height, "make": self.make,
            "model": self.model, "reason": self.reason.bilingual() if self.reason else None,
        }


@dataclass
class ImportSummary:
    imported: int = 0
    duplicate: int = 0
    skipped: int = 0
    error: int = 0
    seconds: float = 0.0
    cancelled: bool = False
    unprocessed: int = 0  # files the import did not get to because it was cancelled
    stopped: Reason | None = None  # why the batch stopped early (disk full), if it did
    fault: EnvironmentFault | None = None  # the store's own message when it was the store that stopped it
    clock_warning: ClockWarning | None = None  # the photos show the laptop clock is behind
    results: list[FileResult] = field(default_factory=list)

    def count(self, result: FileResult) -> None:
        setattr(self, result.status, getattr(self, result.status) + 1)
        self.results.append(result)

    def to_json(self) -> dict[str, Any]:
        # DESIGN.md §8's keys, then ours (added, never renamed): a Ctrl-C and what it left undone.
        return {"summary": {"imported": self.imported, "duplicate": self.duplicate, "skipped": self.skipped,
                            "error": self.error, "seconds": round(self.seconds, 3),
                            "interrupted": self.cancelled, "unprocessed": self.unprocessed,
                            "clock_warning": self.clock_warning.to_json() if self.clock_warning else None}}


@dataclass
class _Prepared:
    result: FileResult
    row: dict[str, Any]
    files: list[Staged]  # upload copy, thumbnail, then the original: placed before the row commits
    original: bytes | None  # the hashed bytes, until the writer has put them in the scratch folder
    original_target: Path


class _StopImport(Exception):
    def __init__(self, reason: Reason) -> None:
        super().__init__(reason.en)
        self.reason = reason


def find_files(paths: Iterable[Path], problems: list[FileResult]) -> list[Path]:
    """Every file under `paths`, recursively, in a stable order; unreadable folders become results."""
    found: list[Path] = []
    for path in paths:
        try:
            is_dir = stat.S_ISDIR(path.stat().st_mode)
        except OSError as exc:  # a link loop, a name too long, nothing there
            problems.append(FileResult(str(path), "error", reason=Reason.from_os_error(exc)))
            continue
        if not is_dir:
            found.append(path)  # FIFOs and devices too: `_prepare` refuses them with their reason
        else:
            def onerror(exc: OSError, top: Path = path) -> None:
                problems.append(FileResult(str(exc.filename or top), "error", reason=Reason.FOLDER_UNREADABLE))

            for folder, dirs, files in os.walk(path, onerror=onerror):
                dirs.sort()
                found.extend(Path(folder) / name for name in sorted(files))
    return found


class PhotoImporter:
    """Imports files into one data folder's library. Create one per import."""

    def __init__(self, store: Store, *, workers: int | None = None, patrol_uuid: str | None = None,
                 held_for: str | None = None, now: Callable[[], datetime] = utc_now) -> None:
        self._store = store
        self._now = now  # the laptop clock, judged against the photos' own times at the end
        self._library = Library(store.data_dir)
        self._workers = max(1, workers) if workers is not None else default_workers()
        self._patrol_uuid = patrol_uuid
        self._held_for = held_for  # a covert inspection: its new photos stay on this laptop until submitted
        self._dirty = DirtyFolders()

    def run(self, paths: Iterable[Path], *, progress: Progress | None = None,
            cancel: threading.Event | None = None,
            on_result: Callable[[FileResult], None] | None = None) -> ImportSummary:
        # One lock object per path in this process: `demo` holds it for its whole run and imports
        # its photos through here (re-entering it); another process is refused.
        lock = FileLock(str(self._store.data_dir / ".import.lock"), timeout=0, is_singleton=True)
        try:
            lock.acquire()
        except Timeout:
            raise ImportBusy() from None
        try:
            with keep_freed_memory():
                return self._run(list(paths), progress or (lambda d, t, s: None), cancel or threading.Event(),
                                 on_result or (lambda r: None))
        finally:
            lock.release()

    def _run(self, paths: list[Path], progress: Progress, cancel: threading.Event,
             on_result: Callable[[FileResult], None]) -> ImportSummary:
        started = time.monotonic()
        summary = ImportSummary()

        def report(result: FileResult) -> None:
            summary.count(result)
            on_result(result)

        remove_partials(self._store.data_dir)
        if self._patrol_uuid is not None and self._store.patrols.get(self._patrol_uuid) is None:
            raise KeyError(self._patrol_uuid)
        problems: list[FileResult] = []
        files = find_files(paths, problems)
        for problem in problems:
            report(problem)
        known = self._known = self._store.photos.known_hashes()
        total, done = len(files), 0
        pending: list[_Prepared] = []
        last_flush = time.monotonic()
        progress(0, total, "")
        queue: Iterator[Path] = iter(files)
        in_flight: dict[Future[FileResult | _Prepared], Path] = {}
        with ThreadPoolExecutor(max_workers=self._workers, thread_name_prefix="photo-import") as pool:

            def fill() -> None:
                """Keep every worker supplied: each has files queued behind the one it is on."""
                while not cancel.is_set() and summary.stopped is None and len(in_flight) < self._workers * 3:
                    path = next(queue, None)
                    if path is None:
                        return
                    in_flight[pool.submit(self._prepare, path, known)] = path

            try:
                while True:
                    fill()
                    if cancel.is_set():  # files not started yet are dropped; those being read are finished
                        for future in [f for f in in_flight if f.cancel()]:
                            del in_flight[future]
                    if not in_flight:
                        break
                    finished, _ = wait(in_flight, timeout=BATCH_SECONDS, return_when=FIRST_COMPLETED)
                    paths_done = [(future, in_flight.pop(future)) for future in finished]
                    fill()  # before this thread spends time on the disk for the finished ones
                    for future, path in paths_done:
                        done += 1
                        try:
                            outcome = future.result()
                            if isinstance(outcome, _Prepared):
                                self._write_original(outcome)
                        except _StopImport as stop:
                            summary.stopped = summary.stopped or stop.reason  # the first cause is the one to tell
                            report(FileResult(str(path), "error", reason=stop.reason))
                            continue
                        except Exception:  # a bug met in one odd file must not end the whole batch
                            log.exception("importing %s failed", path)
                            report(FileResult(str(path), "error", reason=Reason.UNEXPECTED))
                            continue
                        if isinstance(outcome, _Prepared):
                            pending.append(outcome)
                        else:
                            report(outcome)
                        progress(done, total, path.name)
                    if pending and (len(pending) >= BATCH_ROWS or time.monotonic() - last_flush >= BATCH_SECONDS):
                        self._flush(pending, report, summary)
                        last_flush = time.monotonic()
            finally:
                cancel_rest = cancel.is_set() or summary.stopped is not None
                if cancel_rest:
                    for future in in_flight:
                        future.cancel()
        if pending:  # their files are complete: record them even if the import is stopping
            self._flush(pending, report, summary)
        if summary.stopped is not None:
            for path in queue:
                full = summary.stopped is Reason.DISK_FULL
                rest = Reason.NOT_IMPORTED_DISK_FULL if full else Reason.NOT_IMPORTED_STOPPED
                report(FileResult(str(path), "error", reason=rest))
        summary.cancelled = cancel.is_set()
        if summary.cancelled and summary.stopped is None:
            summary.unprocessed = total - done
        summary.clock_warning = self._judge_clock(summary.results)
        summary.seconds = time.monotonic() - started
        return summary

    def _judge_clock(self, results: list[FileResult]) -> ClockWarning | None:
        """Is the laptop clock behind the photos' times? Photos already in the library count too: the
        same card imported again must warn again while the clock is still wrong."""
        known = [r.sha256 for r in results if r.status == "duplicate" and r.sha256
                 and r.gps_at is None and r.camera_at is None]
        try:
            stored = self._store.photos.clock_times(known) if known else {}
        except Exception:  # an extra check: it must never lose the summary of an import that is done
            log.exception("reading the library's photo times failed")
            stored = {}
        for result in results:
            if result.sha256 in stored:
                result.gps_at, result.camera_at = stored[result.sha256]
        return clock_behind(self._now(), (TimeEvidence(gps=r.gps_at, camera=r.camera_at) for r in results
                                          if r.gps_at is not None or r.camera_at is not None))

    def _flush(self, pending: list[_Prepared], report: Callable[[FileResult], None], summary: ImportSummary) -> None:
        try:
            for prepared in pending:
                for staged in prepared.files:
                    staged.place(self._dirty)
            self._dirty.sync()  # the files' renames are durable before any row points to them
            written = self._store.photos.insert_imported([p.row for p in pending], patrol_uuid=self._patrol_uuid,
                                                         held_for=self._held_for)
        except (EnvironmentFault, OSError) as exc:
            full = isinstance(exc, DiskFull) or (isinstance(exc, OSError) and exc.errno == errno.ENOSPC)
            # A bare OSError comes from placing the files (the store's errors arrive classified).
            reason = (Reason.DISK_FULL if full else Reason.STORE_BUSY if isinstance(exc, DatabaseBusy)
                      else Reason.STORE_DAMAGED if isinstance(exc, DatabaseDamaged)
                      else Reason.STORE if isinstance(exc, EnvironmentFault) else Reason.LIBRARY_UNWRITABLE)
            summary.stopped = summary.stopped or reason
            if isinstance(exc, EnvironmentFault):
                summary.fault = summary.fault or exc
            for prepared in pending:
                for staged in prepared.files:
                    staged.discard()
                report(FileResult(prepared.result.path, "error", reason=reason))
            pending.clear()
            return
        for prepared, uuid in zip(pending, written, strict=True):
            if uuid is None:  # the same image twice in this import: the first one won
                prepared.result.status = "duplicate"
            else:
                prepared.result.photo_uuid = uuid
                self._known[prepared.row["sha256"]] = uuid
            report(prepared.result)
        pending.clear()

    def _prepare(self, path: Path, known: dict[str, str]) -> FileResult | _Prepared:
        """Worker: everything for one file except the database row. Never raises for a bad file."""
        name = str(path)
        try:
            # One open for the look and the read: what is read is what was judged a regular file.
            with open_regular(path) as f:
                head = f.read(64)
                size = os.fstat(f.fileno()).st_size
                if detect_format(head) is None:
                    return FileResult(name, "skipped", reason=Reason.NOT_AN_IMAGE if size else Reason.EMPTY)
                if size > MAX_FILE_BYTES:
                    return FileResult(name, "skipped", reason=Reason.FILE_TOO_LARGE)
                f.seek(0)
                data = f.read(MAX_FILE_BYTES + 1)
        except OSError as exc:
            reason = Reason.from_os_error(exc, listed=True)
            return FileResult(name, "skipped" if reason is Reason.NOT_REGULAR else "error", reason=reason)
        if len(data) > MAX_FILE_BYTES:  # it grew while being read
            return FileResult(name, "skipped", reason=Reason.FILE_TOO_LARGE)

        sha = hashlib.sha256(data).hexdigest()
        if sha in known:
            return FileResult(name, "duplicate", sha256=sha)
        try:
            meta = read_metadata_bytes(data)
        except NotAnImage:
            return FileResult(name, "skipped", sha256=sha, reason=Reason.NOT_AN_IMAGE)
        except UnreadableImage:
            return FileResult(name, "error", sha256=sha, reason=Reason.BROKEN)
        result = _result(name, sha, meta)
        try:
            derived = derive_mod.derive(data, meta, self._library.scratch)
        except (derive_mod.TooLarge, Image.DecompressionBombError):
            result.status, result.reason = "skipped", Reason.TOO_MANY_PIXELS
            return result
        except (OSError, SyntaxError, ValueError, Image.UnidentifiedImageError) as exc:
            # Pillow's decoding errors carry no errno; an errno means writing the derived files failed.
            if isinstance(exc, OSError) and exc.errno == errno.ENOSPC:
                raise _StopImport(Reason.DISK_FULL) from exc
            if isinstance(exc, OSError) and exc.errno is not None:
                raise _StopImport(Reason.LIBRARY_UNWRITABLE) from exc
            result.status, result.reason = "error", Reason.BROKEN
            return result
        except MemoryError:
            result.status, result.reason = "error", Reason.TOO_MANY_PIXELS
            return result
        files = [
            Staged(derived.upload, self._library.upload(derived.upload_sha256), durable=True),
            # A thumbnail is derived and is made again if a crash loses it: no fsync for it.
            Staged(derived.thumbnail, self._library.thumbnail(sha), durable=False),
        ]
        return _Prepared(result, _row(path, sha, len(data), meta, derived), files, data,
                         self._library.original(sha, meta.format))

    def _write_original(self, prepared: _Prepared) -> None:
        """Writer: put the original's bytes in the scratch folder (they go to the disk directly where the
        system allows it, and a worker would only wait for that), beside its derived files, and make
        them durable now, while the workers are busy, rather than all at once when the batch is placed."""
        assert prepared.original is not None
        try:
            original = write_scratch(prepared.original, self._library.scratch)
            prepared.files.append(Staged(original, prepared.original_target, durable=True))
            for staged in prepared.files:
                staged.sync()
        except BaseException as exc:
            for staged in prepared.files:
                staged.discard()
            if not isinstance(exc, OSError):
                raise
            fault = classify(exc, self._store.data_dir)
            if exc.errno == errno.ENOSPC:
                raise _StopImport(Reason.DISK_FULL) from exc
            if isinstance(fault, EnvironmentFault):
                raise _StopImport(Reason.LIBRARY_UNWRITABLE) from exc
            raise
        finally:
            prepared.original = None



def _result(name: str, sha: str, meta: PhotoMetadata) -> FileResult:
    return FileResult(
        name, "imported", sha256=sha,
        taken_at=meta.taken_at.isoformat() if meta.taken_at else None,
        lat=meta.lat, lon=meta.lon, alt=meta.alt if meta.lat is not None else None,
        position_source="exif" if meta.lat is not None else None,
        orientation=meta.orientation, width=meta.width, height=meta.height, make=meta.make, model=meta.model,
        gps_at=meta.gps_time, camera_at=meta.taken_at,
    )


def _row(path: Path, sha: str, size: int, meta: PhotoMetadata, derived: derive_mod.Derived) -> dict[str, Any]:
    taken = meta.taken_at
    clock_offset = None
    if taken is not None and meta.gps_time is not None:
        clock_offset = round((taken - meta.gps_time).total_seconds())
    has_position = meta.lat is not None and meta.lon is not None
    return {
        "sha256": sha, "upload_sha256": derived.upload_sha256, "format": meta.format, "bytes": size,
        # Shown names: SQLite (and the sync's JSON) take only valid text, not a name's undecodable bytes.
        "original_name": display(path.name), "source_path": display(str(path)),
        "width": meta.width, "height": meta.height, "orientation": meta.orientation,
        "taken_at": iso_utc(taken) if taken else None, "taken_at_zone": meta.taken_at_zone,
        "taken_at_offset": derive_mod._offset(taken) if taken else None,
        "gps_time": iso_utc(meta.gps_time.astimezone(UTC)) if meta.gps_time else None,
        "clock_offset_s": clock_offset,
        "lat": meta.lat if has_position else None, "lon": meta.lon if has_position else None,
        "alt": meta.alt if has_position else None,
        "position_source": "exif" if has_position else None,
        "position_rejected": meta.position_rejected, "altitude_rejected": meta.altitude_rejected,
        "make": meta.make, "model": meta.model,
        "upload_width": derived.upload_width, "upload_height": derived.upload_height,
    }
