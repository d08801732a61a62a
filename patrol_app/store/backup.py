"""Rolling local backups of the database (issue 17 item 4): made, verified, listed and pruned. Qt-free.

A backup is made with SQLite's online backup API from a connection that holds one read transaction for
the whole copy, so it is one consistent moment of the database even while another connection writes
(without it SQLite restarts the copy at every write it sees; measured: 409 restarts in one copy beside
a busy writer, none with it). The WAL is checkpointed first (TRUNCATE when nobody else is reading,
else PASSIVE: a checkpoint must never wait on the GUI). The copy is written under a temporary name
beside its final one, switched out of WAL mode (one self-contained file), checked with
`PRAGMA integrity_check`, hashed, fsync'd and only then renamed into place.

Rolling backups live in `<data dir>/backups/`, named `patrol-<kind>-<YYYYMMDD-HHMMSS>.db` in China time
(no `:`, valid on NTFS): `daily` (the GUI's first open of a new day, in the background), `pre-migration`
(before the first pending migration of a database with user data: schema.migrate) and `pre-restore`
(before a restore replaces the database). Only the last `KEEP[kind]` of those kinds are kept; a backup
the user asked for (`manual`, or any other file there) is never deleted.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import re
import sqlite3
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path

from patrol_app.domain.ids import iso_utc, utc_now
from patrol_app.domain.periods import CHINA_TZ
from patrol_app.paths import database_path
from patrol_app.store import schema
from patrol_app.store.errors import EnvironmentFault, classify

log = logging.getLogger(__name__)

BACKUPS = "backups"
DAILY, PRE_MIGRATION, PRE_RESTORE, MANUAL = "daily", "pre-migration", "pre-restore", "manual"
KEEP = {DAILY: 7, PRE_MIGRATION: 3, PRE_RESTORE: 3}
SUFFIX = ".db"
_NAME = re.compile(r"^patrol-(daily|pre-migration|pre-restore|manual)-(\d{8}-\d{6})(?:-(\d+))?\.db$")
PAGES_PER_STEP = 1024  # 4 MB of 4 KiB pages: progress and cancel about every few ms
Progress = Callable[[int, int, str], None]


class Cancelled(Exception):
    """The caller asked the backup (or restore) to stop; nothing was left behind."""


@dataclass(frozen=True)
class BackupResult:
    """A backup written and verified."""

    path: Path
    bytes: int
    sha256: str
    schema_version: int
    made_at: str  # UTC ISO 8601
    kind: str
    integrity: str  # "ok": the copy passed PRAGMA integrity_check
    seconds: float

    def to_json(self) -> dict[str, object]:
        return {**asdict(self), "path": str(self.path)}


@dataclass(frozen=True)
class BackupFile:
    """A backup found in the backups folder."""

    path: Path
    kind: str  # daily, pre-migration, pre-restore, manual, or "other" (a file the user put there)
    made_at: datetime  # aware; from the name, else the file's modification time
    bytes: int


class BackupRefused(EnvironmentFault):
    """The place given for a backup cannot take one; nothing was written."""


def backups_dir(data_dir: Path) -> Path:
    return Path(data_dir) / BACKUPS


def backup_name(kind: str, moment: datetime) -> str:
    return f"patrol-{kind}-{moment.astimezone(CHINA_TZ):%Y%m%d-%H%M%S}{SUFFIX}"


def free_name(folder: Path, kind: str, moment: datetime) -> Path:
    """A new file name for a backup made at `moment` (a second backup in the same second gets -2, -3…)."""
    first = folder / backup_name(kind, moment)
    path, n = first, 1
    while path.exists():
        n += 1
        path = first.with_name(f"{first.stem}-{n}{SUFFIX}")
    return path


def list_backups(data_dir: Path) -> list[BackupFile]:
    """Every database file in the backups folder, newest first (a listing and a stat each: cheap)."""
    folder = backups_dir(data_dir)
    found = []
    with contextlib.suppress(FileNotFoundError, NotADirectoryError):
        for entry in os.scandir(folder):
            if not entry.is_file() or not entry.name.endswith(SUFFIX) or entry.name.startswith("."):
                continue
            st = entry.stat()
            match = _NAME.match(entry.name)
            if match:
                kind = match.group(1)
                made = datetime.strptime(match.group(2), "%Y%m%d-%H%M%S").replace(tzinfo=CHINA_TZ)
            else:
                kind, made = "other", datetime.fromtimestamp(st.st_mtime, CHINA_TZ)
            found.append(BackupFile(Path(entry.path), kind, made, st.st_size))
    found.sort(key=lambda b: (b.made_at, b.path.name), reverse=True)
    return found


def prune(data_dir: Path, kind: str, keep: int | None = None) -> list[Path]:
    """Delete the oldest rolling backups of `kind` beyond the last `keep`; returns what was deleted."""
    keep = KEEP[kind] if keep is None else keep
    old = [b for b in list_backups(data_dir) if b.kind == kind][keep:]
    deleted = []
    for backup in old:
        try:
            backup.path.unlink()
            Path(f"{backup.path}-wal").unlink(missing_ok=True)  # beside a damaged database's raw copy
            deleted.append(backup.path)
        except OSError as exc:  # held open by a virus scanner, say: it goes next time
            log.warning("could not delete the old backup %s: %s", backup.path, exc)
    return deleted


def write_backup(conn: sqlite3.Connection, target: Path, *, kind: str = MANUAL, others_may_read: bool = False,
                 progress: Progress | None = None, cancelled: Callable[[], bool] = lambda: False) -> BackupResult:
    """Copy the database behind `conn` to `target` (replacing a file there only once the copy is whole
    and verified). `conn` must not be inside a write transaction. Raises `Cancelled` if asked to stop,
    an `EnvironmentFault` when the disk or the file is at fault; nothing is left under a temporary name.
    """
    started = time.monotonic()
    target = Path(target)
    source = database_path_of(conn)
    checkpoint(conn, passive=others_may_read)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=".backup-", suffix=".part", dir=target.parent)
        os.close(fd)
    except OSError as exc:
        raise _fault(exc, target) from exc
    tmp = Path(tmp_name)
    try:
        _copy(conn, tmp, progress, cancelled)
        if progress is not None:
            progress(0, 0, "verify")
        version, problems = _verify(tmp, conn)
        if problems:  # the copy of a whole database is not whole: the disk, or the database itself
            from patrol_app.store.errors import DatabaseDamaged

            raise DatabaseDamaged(source or target, problems)
        digest = _sha256_and_sync(tmp)
        size = tmp.stat().st_size
        os.replace(tmp, target)
        fsync_dir(target.parent)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        for suffix in ("-journal", "-wal", "-shm"):
            with contextlib.suppress(OSError):
                Path(f"{tmp}{suffix}").unlink()
        if isinstance(exc, (sqlite3.Error, OSError)):
            fault = _fault(exc, target)
            if fault is not exc:
                raise fault from exc
        raise
    return BackupResult(target, size, digest, version, iso_utc(utc_now()), kind, "ok",
                        round(time.monotonic() - started, 3))


def database_path_of(conn: sqlite3.Connection) -> Path | None:
    """The file behind a connection's main database (None for one in memory)."""
    for _seq, name, file in conn.execute("PRAGMA database_list"):
        if name == "main":
            return Path(file) if file else None
    return None


def checkpoint(conn: sqlite3.Connection, *, passive: bool) -> None:
    """Fold the WAL into the database file. TRUNCATE (the WAL emptied to 0 bytes) must wait for every
    reader, so it is tried without waiting and a busy WAL gets PASSIVE: the backup API copies the WAL's
    pages anyway, the checkpoint only keeps it small."""
    if not passive:
        timeout = conn.execute("PRAGMA busy_timeout").fetchone()[0]
        conn.execute("PRAGMA busy_timeout = 0")
        try:
            busy = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
        except sqlite3.OperationalError:
            busy = 1
        finally:
            conn.execute(f"PRAGMA busy_timeout = {int(timeout)}")
        if not busy:
            return
    with contextlib.suppress(sqlite3.OperationalError):
        conn.execute("PRAGMA wal_checkpoint(PASSIVE)")


def _copy(conn: sqlite3.Connection, tmp: Path, progress: Progress | None, cancelled: Callable[[], bool]) -> None:
    dst = sqlite3.connect(tmp)
    own_read = not conn.in_transaction
    try:
        if own_read:
            # One read transaction for the whole copy: every step sees the same moment, so another
            # connection's commit does not make SQLite start the copy again.
            conn.execute("BEGIN")
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()

        def step(_status: int, remaining: int, total: int) -> None:
            if cancelled():
                raise Cancelled
            if progress is not None:
                progress(total - remaining, total, "copy")

        conn.backup(dst, pages=PAGES_PER_STEP, progress=step, sleep=0.05)
        # One self-contained file: a backup in WAL mode would grow -wal/-shm files wherever it is opened.
        dst.execute("PRAGMA journal_mode = DELETE").fetchone()
    finally:
        if own_read and conn.in_transaction:
            conn.execute("COMMIT")
        dst.close()


def _verify(path: Path, source: sqlite3.Connection | None = None) -> tuple[int, list[str]]:
    """(schema version, what integrity_check found wrong) of a copy, read through a new connection."""
    conn = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True)
    try:
        found = [str(m) for (m,) in conn.execute("PRAGMA integrity_check(100)")]
        version = len(schema.applied_migrations(conn))
    finally:
        conn.close()
    return version, ([] if found == ["ok"] else found)


def _sha256_and_sync(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("r+b") as f:
        while chunk := f.read(1 << 20):
            digest.update(chunk)
        os.fsync(f.fileno())
    return digest.hexdigest()


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with Path(path).open("rb") as f:
        while chunk := f.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def fsync_dir(folder: Path) -> None:
    """Make a rename in `folder` durable (POSIX; Windows cannot open a folder, NTFS journals renames)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fault(exc: BaseException, path: Path) -> BaseException:
    fault = classify(exc, path)
    return fault if isinstance(fault, EnvironmentFault) else exc


def make_backup(conn: sqlite3.Connection, data_dir: Path, kind: str, *, now: Callable[[], datetime] = utc_now,
                others_may_read: bool = False, progress: Progress | None = None,
                cancelled: Callable[[], bool] = lambda: False) -> BackupResult:
    """A rolling (or manual) backup in the data folder's backups folder; then the oldest of its kind go."""
    folder = backups_dir(data_dir)
    result = write_backup(conn, free_name(folder, kind, now()), kind=kind, others_may_read=others_may_read,
                          progress=progress, cancelled=cancelled)
    if kind in KEEP:
        prune(data_dir, kind)
    return result


def has_user_data(conn: sqlite3.Connection) -> bool:
    """Profiles or syncable records, in whichever of their tables this database's version has."""
    from patrol_app.store import records

    wanted = ["profiles", *(kind.table for kind in records.KINDS)]
    present = {name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    tables = [t for t in wanted if t in present]
    if not tables:
        return False
    return bool(conn.execute("SELECT " + " OR ".join(f"EXISTS (SELECT 1 FROM {t})" for t in tables)).fetchone()[0])


# --- before a migration ---------------------------------------------------------------------------------

def before_migration(conn: sqlite3.Connection) -> BackupResult | None:
    """Called by schema.migrate before the first pending migration of an existing database: a verified
    copy of it as it is, if it holds anything a person made. A backup that cannot be made stops the
    migration (nothing is changed): upgrading without one is what this is here to prevent."""
    path = database_path_of(conn)
    if path is None or not has_user_data(conn):
        return None
    result = make_backup(conn, path.parent, PRE_MIGRATION)
    log.info("backed up %s before migrating it: %s", path, result.path)
    return result


# --- daily ----------------------------------------------------------------------------------------------

def daily_due(data_dir: Path, now: datetime | None = None) -> bool:
    """No daily backup made yet on today's date in China (a listing of the backups folder: cheap)."""
    today = (now or utc_now()).astimezone(CHINA_TZ).date()
    return not any(b.kind == DAILY and b.made_at.date() == today for b in list_backups(data_dir))


def make_daily(data_dir: Path, *, now: Callable[[], datetime] = utc_now,
               cancelled: Callable[[], bool] = lambda: False) -> BackupResult | None:
    """Today's daily backup, through a connection of its own, if one is due and there is anything to
    keep; None otherwise. Others may be reading and writing meanwhile (the window starting)."""
    from patrol_app.store.database import BUSY_TIMEOUT_MS

    if not daily_due(data_dir, now()) or not database_path(data_dir).exists():
        return None
    conn = sqlite3.connect(database_path(data_dir), timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if not has_user_data(conn):
            return None
        return make_backup(conn, data_dir, DAILY, now=now, others_may_read=True, cancelled=cancelled)
    finally:
        conn.close()


class DailyBackup:
    """Today's backup, made on a thread of its own once `start()`ed, at a lower priority than the window.

    `stop()` (on closing the store) asks it to stop and waits: a backup cut short leaves nothing, and the
    next open makes it again. Failures are logged, never raised: a backup must not break the app.
    Measured on the large demo (723 MB): ~8 s alone, ~13 s on a busy machine; started during start-up it
    delayed the window by ~0.75 s, hence started once the home page has its numbers.
    """

    def __init__(self, data_dir: Path, now: Callable[[], datetime] = utc_now) -> None:
        self._data_dir = data_dir
        self._now = now
        self._stop = threading.Event()
        self.result: BackupResult | None = None
        self.error: BaseException | None = None
        self.done = threading.Event()
        self._thread = threading.Thread(target=self._run, name="daily-backup", daemon=True)
        self._started = False

    @classmethod
    def if_due(cls, data_dir: Path, now: Callable[[], datetime] = utc_now) -> DailyBackup | None:
        """A daily backup to start, if none was made today (a listing of the backups folder: cheap)."""
        return cls(data_dir, now) if daily_due(data_dir, now()) else None

    def start(self) -> None:
        if not self._started:
            self._started = True
            self._thread.start()

    def _run(self) -> None:
        _lower_priority()
        try:
            self.result = make_daily(self._data_dir, now=self._now, cancelled=self._stop.is_set)
        except Cancelled:
            log.info("the daily backup was stopped; the next start makes it")
        except BaseException as exc:  # noqa: BLE001 - logged: a failed backup must not break the app
            self.error = exc
            log.warning("the daily backup of %s failed: %s", self._data_dir, exc)
        finally:
            self.done.set()

    def stop(self, timeout: float = 30) -> None:
        self._stop.set()
        if self._started:
            self._thread.join(timeout)


def _lower_priority() -> None:
    """Best effort: this thread yields the processor (and on Windows the disk) to the window's."""
    try:
        if sys.platform == "win32":
            import ctypes

            kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
            kernel32.SetThreadPriority(kernel32.GetCurrentThread(), 0x00010000)  # THREAD_MODE_BACKGROUND_BEGIN
        elif sys.platform.startswith("linux"):
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 10)  # Linux: a thread's own nice value
    except (OSError, AttributeError):
        pass
