"""Restoring the database from a backup file (issue 17 item 4). Qt-free.

Two steps, so that the window can ask before anything changes and do the swap when nothing has the
database open (at its next start):

1. `prepare` copies the file into the data folder under a temporary name (with its `-wal`, if the
   file is a copy of a live database), and checks the copy: a River Patrol database, not from a newer
   version, `integrity_check` ok. An older one is migrated there and then (its copy, never the user's
   file). Nothing of the data folder's own database is touched.
2. `commit` swaps it in: only while no other process has the database open (the window's
   `.window.lock`, the importer's `.import.lock`, and SQLite itself: leaving WAL mode needs the only
   connection), after a `pre-restore` backup of the current database, by one atomic rename.

`restore` does both (the CLI). The window keeps a prepared copy as `.restore-pending.db`, which the next
start commits before it opens the store.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from patrol_app.domain.periods import CHINA_TZ
from patrol_app.paths import Library, database_path
from patrol_app.store import backup, schema
from patrol_app.store.backup import Cancelled, Progress
from patrol_app.store.database import BUSY_TIMEOUT_MS, SQLITE_HEADER
from patrol_app.store.errors import DatabaseBusy, DatabaseDamaged, EnvironmentFault, NotADatabase, classify

STAGING_PREFIX = ".restore-staging-"
PENDING = ".restore-pending.db"
SOURCE_NOTE = ".source"  # beside the pending copy: the path of the file the user chose (UTF-8)
WINDOW_LOCK = ".window.lock"  # ui/single_instance.py's QLockFile: read here without Qt
IMPORT_LOCK = ".import.lock"  # the photo importer's and the demo's filelock

if TYPE_CHECKING:
    from patrol_app.store.database import Store


# --- refusals: each says what happened and that nothing changed -------------------------------------------

class NotABackup(EnvironmentFault):
    def __init__(self, path: Path, why_zh: str, why_en: str) -> None:
        super().__init__(
            f"不能用这个文件恢复：{path}\n{why_zh}请选择巡河助手的备份文件（.db）。没有改动任何数据。",
            f"This file cannot be restored: {path}\n{why_en} Choose a River Patrol backup file (.db). "
            "Nothing was changed.",
        )


class BackupFromNewerVersion(EnvironmentFault):
    def __init__(self, path: Path, found: int, known: int) -> None:
        super().__init__(
            f"这个备份来自更新版本的巡河助手（数据版本 {found}，本程序只认识到 {known}），不能用本程序恢复：{path}\n"
            "请先安装最新版本的巡河助手，再恢复。没有改动任何数据。",
            f"This backup was made by a newer River Patrol (schema {found}, this program knows up to {known}) "
            f"and cannot be restored by this one: {path}\nInstall the latest version first, then restore. "
            "Nothing was changed.",
        )


class BackupDamaged(EnvironmentFault):
    def __init__(self, path: Path, problems: list[str]) -> None:
        detail = "; ".join(problems[:3]) + ("…" if len(problems) > 3 else "")
        super().__init__(
            f"备份文件已损坏，不能用它恢复：{path}\n（{detail}）\n请换一个备份文件（例如更早的每日备份）。没有改动任何数据。",
            f"The backup file is damaged and cannot be restored: {path}\n({detail})\n"
            "Choose another backup (an earlier daily one, say). Nothing was changed.",
        )


class WindowOpen(EnvironmentFault):
    def __init__(self, data_dir: Path) -> None:
        super().__init__(
            f"巡河助手的窗口正打开着这个数据文件夹：{data_dir}\n请先关闭窗口再恢复，"
            "或者在窗口里用“设置 → 备份与恢复 → 从备份恢复”。没有改动任何数据。",
            f"A River Patrol window has this data folder open: {data_dir}\nClose the window first, or restore "
            "from the window (Settings → Backup and restore → Restore from backup). Nothing was changed.",
        )


class ImportRunning(EnvironmentFault):
    def __init__(self, data_dir: Path) -> None:
        super().__init__(
            f"这个数据文件夹正在导入照片或生成示例数据：{data_dir}\n请等它完成后再恢复。没有改动任何数据。",
            f"Photos are being imported into this data folder, or demo data made: {data_dir}\n"
            "Wait until that is done, then restore. Nothing was changed.",
        )


# --- what is restored -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class BackupFacts:
    """What a backup file holds, read from its checked copy (for the confirmation and the report)."""

    source: Path
    schema_version: int  # as the file has it
    device_id: str
    counts: dict[str, int]
    newest_record_at: str | None  # the latest `updated_at` of any record in it (UTC ISO 8601)
    file_time: str  # when the file was last written (China time, minutes)


@dataclass
class Prepared:
    """A checked (and, if it was older, migrated) copy of a backup in the data folder, not yet in use."""

    data_dir: Path
    staged: Path
    facts: BackupFacts
    migrated: bool

    def discard(self) -> None:
        _remove_with_sidecars(self.staged)
        Path(f"{self.staged}{SOURCE_NOTE}").unlink(missing_ok=True)


@dataclass
class Restored:
    source: Path
    database: Path
    schema_version: int  # now, after any migration
    backup_schema_version: int
    migrated: bool
    previous_backup: backup.BackupResult | None  # the database that was replaced, backed up first
    device_id: str
    counts: dict[str, int]
    photos_referenced: int
    photos_incomplete: int = 0  # photos with a library file (original or upload copy) that is not there
    photos_missing: list[str] = field(default_factory=list)  # those files (paths in the data folder)

    def to_json(self) -> dict[str, object]:
        return {
            "restored_from": str(self.source), "database": str(self.database),
            "schema_version": self.schema_version, "backup_schema_version": self.backup_schema_version,
            "migrated": self.migrated,
            "previous_backup": self.previous_backup.to_json() if self.previous_backup else None,
            "device_id": self.device_id, "counts": self.counts,
            "photos": {"referenced": self.photos_referenced, "missing": self.photos_incomplete,
                       "missing_files": len(self.photos_missing), "examples": self.photos_missing[:20]},
        }


# --- 1. prepare ------------------------------------------------------------------------------------------

def prepare(data_dir: Path, source: Path, *, progress: Progress | None = None,
            cancelled: Callable[[], bool] = lambda: False) -> Prepared:
    """Copy `source` into the data folder and check it (see the module's text). Refusals raise an
    `EnvironmentFault` subclass; nothing of the data folder's database changes either way."""
    data_dir, source = Path(data_dir), Path(source)
    if not source.is_file():
        raise NotABackup(source, "文件不存在或不是一个文件。", "The file does not exist or is not a file.")
    with contextlib.suppress(OSError):
        if database_path(data_dir).exists() and os.path.samefile(source, database_path(data_dir)):
            raise NotABackup(source, "这是数据文件夹正在使用的数据库本身。", "It is the data folder's database itself.")
    try:
        with source.open("rb") as f:
            header = f.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise _fault(exc, source) from exc
    if header != SQLITE_HEADER:
        raise NotABackup(source, "它不是 SQLite 数据库文件。", "It is not an SQLite database file.")
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=STAGING_PREFIX, suffix=".db", dir=data_dir)
        os.close(fd)
    except OSError as exc:
        raise _fault(exc, data_dir) from exc
    staged = Path(name)
    try:
        _copy_file(source, staged, progress, cancelled)
        wal = Path(f"{source}-wal")
        if wal.is_file() and wal.stat().st_size:  # a copy of a live database: its last commits are there
            _copy_file(wal, Path(f"{staged}-wal"), None, cancelled)
        facts, migrated = _check_and_migrate(staged, source, progress)
    except BaseException as exc:
        _remove_with_sidecars(staged)
        if isinstance(exc, (OSError, sqlite3.Error)):
            fault = _fault(exc, source)
            if fault is not exc:
                raise fault from exc
        raise
    return Prepared(data_dir, staged, facts, migrated)


def _copy_file(source: Path, target: Path, progress: Progress | None, cancelled: Callable[[], bool]) -> None:
    total = source.stat().st_size
    done = 0
    with source.open("rb") as src, target.open("wb") as dst:
        while chunk := src.read(4 << 20):
            if cancelled():
                raise Cancelled
            dst.write(chunk)
            done += len(chunk)
            if progress is not None:
                progress(done, total, "copy")
        dst.flush()
        os.fsync(dst.fileno())


def _check_and_migrate(staged: Path, source: Path, progress: Progress | None) -> tuple[BackupFacts, bool]:
    conn = sqlite3.connect(staged, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        try:
            # Reading it also brings in a copied -wal; the copy is then one self-contained file.
            conn.execute("PRAGMA journal_mode = DELETE").fetchone()
            applied = schema.applied_migrations(conn)
            ours = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'app_settings'"
                                ).fetchone() is not None
        except sqlite3.DatabaseError as exc:
            raise NotABackup(source, f"SQLite 无法读取它（{exc}）。", f"SQLite cannot read it ({exc}).") from exc
        if not applied or not ours:
            raise NotABackup(source, "它是 SQLite 数据库，但不是巡河助手的。",
                             "It is an SQLite database, but not River Patrol's.")
        known = schema.known_migrations()
        if [name for name in applied if name not in known]:
            raise BackupFromNewerVersion(source, len(applied), len(known))
        if progress is not None:
            progress(0, 0, "verify")
        problems = [str(m) for (m,) in conn.execute("PRAGMA integrity_check(100)")]
        if problems != ["ok"]:
            raise BackupDamaged(source, problems)
        device = conn.execute("SELECT value FROM app_settings WHERE key = 'device_id'").fetchone()
        if device is None:
            raise NotABackup(source, "它没有设备编号。", "It has no device id.")
        facts = BackupFacts(source, len(applied), str(device[0]), _counts(conn), _newest(conn),
                            datetime.fromtimestamp(source.stat().st_mtime, CHINA_TZ).strftime("%Y-%m-%d %H:%M"))
        migrated = applied != known
        if migrated:
            if progress is not None:
                progress(0, 0, "migrate")
            conn.execute("PRAGMA foreign_keys = ON")
            schema.migrate(conn, backup=False)  # the user's file stays as it was: that is the backup
        return facts, migrated
    finally:
        conn.close()


def _tables(conn: sqlite3.Connection) -> set[str]:
    return {name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


COUNTED = ("profiles", "patrols", "photos", "problems", "covert_inspections", "maintenance_logs")


def _counts(conn: sqlite3.Connection) -> dict[str, int]:
    present = _tables(conn)
    return {t: int(conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]) for t in COUNTED if t in present}


def _newest(conn: sqlite3.Connection) -> str | None:
    from patrol_app.store import records

    present = _tables(conn)
    tables = [k.table for k in records.KINDS if k.table in present]
    if not tables:
        return None
    return conn.execute("SELECT max(t) FROM (" + " UNION ALL ".join(
        f"SELECT max(updated_at) AS t FROM {t}" for t in tables) + ")").fetchone()[0]


# --- 2. commit -------------------------------------------------------------------------------------------

def commit(prepared: Prepared, *, progress: Progress | None = None,
           cancelled: Callable[[], bool] = lambda: False) -> Restored:
    """Put a prepared copy in place of the data folder's database (see the module's text)."""
    data_dir, path = prepared.data_dir, database_path(prepared.data_dir)
    with import_lock(data_dir):
        if window_open(data_dir):
            raise WindowOpen(data_dir)
        _remove_stale_staging(data_dir, keep=prepared.staged)
        previous = None
        if path.exists() and path.stat().st_size > 0:
            previous = _back_up_and_hold(path, data_dir, progress, cancelled)
        try:
            os.replace(prepared.staged, path)
        except OSError as exc:
            raise _fault(exc, path) from exc
        backup.fsync_dir(data_dir)
        Path(f"{prepared.staged}{SOURCE_NOTE}").unlink(missing_ok=True)
    from patrol_app.store import open_store

    with open_store(data_dir) as store:  # back in WAL mode, with the usual checks
        version = store.schema_version
        device = store.device_id
        referenced, incomplete, missing = missing_photos(store)
    return Restored(prepared.facts.source, path, version, prepared.facts.schema_version, prepared.migrated,
                    previous, device, prepared.facts.counts, referenced, incomplete, missing)


def restore(data_dir: Path, source: Path, *, progress: Progress | None = None,
            cancelled: Callable[[], bool] = lambda: False) -> Restored:
    """`prepare` and `commit` at once (the CLI: nothing else may have the folder open)."""
    prepared = prepare(data_dir, source, progress=progress, cancelled=cancelled)
    try:
        return commit(prepared, progress=progress, cancelled=cancelled)
    finally:
        prepared.discard()  # gone already once committed


def _back_up_and_hold(path: Path, data_dir: Path, progress: Progress | None,
                      cancelled: Callable[[], bool]) -> backup.BackupResult:
    """Prove that nobody else has the database open (leaving WAL mode needs the only connection), keep
    it so (exclusive locking) while it is backed up, and let go only to be replaced."""
    conn = sqlite3.connect(path, timeout=0, isolation_level=None)
    try:
        try:
            conn.execute("PRAGMA busy_timeout = 0")
            conn.execute("PRAGMA locking_mode = EXCLUSIVE")
            mode = conn.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
            conn.execute("BEGIN EXCLUSIVE")
            conn.execute("COMMIT")  # the exclusive lock stays with the connection until it closes
        except sqlite3.DatabaseError as exc:
            fault = classify(exc, path)
            if isinstance(fault, (DatabaseDamaged, NotADatabase)):
                # What a restore is for: kept as it is, byte for byte (the locks above still hold).
                conn.close()
                return _raw_copy(path, data_dir)
            raise (fault if isinstance(fault, EnvironmentFault) else DatabaseBusy(path)) from exc
        if str(mode).lower() != "delete":
            raise DatabaseBusy(path)
        try:
            return backup.make_backup(conn, data_dir, backup.PRE_RESTORE, progress=progress, cancelled=cancelled)
        except DatabaseDamaged:
            conn.close()
            return _raw_copy(path, data_dir)
    finally:
        conn.close()


def _raw_copy(path: Path, data_dir: Path) -> backup.BackupResult:
    """The current database, damaged: copied byte for byte (with its -wal) before it is replaced, so that
    whatever can still be read from it is not lost. Not verified: it is known not to be whole."""
    from patrol_app.domain.ids import iso_utc, utc_now

    target = backup.free_name(backup.backups_dir(data_dir), backup.PRE_RESTORE, utc_now())
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
        wal = Path(f"{path}-wal")
        if wal.is_file():
            shutil.copyfile(wal, Path(f"{target}-wal"))
    except OSError as exc:
        raise _fault(exc, target) from exc
    backup.prune(data_dir, backup.PRE_RESTORE)
    return backup.BackupResult(target, target.stat().st_size, backup.sha256_of(target), 0, iso_utc(utc_now()),
                               backup.PRE_RESTORE, "damaged", 0.0)


def missing_photos(store: Store) -> tuple[int, int, list[str]]:
    """(photos the database references, how many of them lack a library file, those files): an existence
    check, not a hash (that is `check`'s job)."""
    rows = store.photos.library_rows()
    library = Library(store.data_dir)
    missing: list[str] = []
    incomplete = 0
    for _uuid, sha, fmt, upload_sha in rows:
        gone = [path for path in (library.original(sha, fmt), library.upload(upload_sha)) if not path.is_file()]
        incomplete += bool(gone)
        missing.extend(str(path.relative_to(library.root)) for path in gone)
    return len(rows), incomplete, missing


# --- the window's restore at its next start ----------------------------------------------------------

def keep_for_next_start(prepared: Prepared) -> Path:
    """The window's confirmed restore: kept as `.restore-pending.db` for the next start to commit."""
    target = prepared.data_dir / PENDING
    Path(f"{target}{SOURCE_NOTE}").write_text(str(prepared.facts.source), encoding="utf-8")
    os.replace(prepared.staged, target)
    backup.fsync_dir(prepared.data_dir)
    prepared.staged = target
    return target


def pending(data_dir: Path) -> Prepared | None:
    """A restore the window confirmed and left for this start, ready for `commit`, or None."""
    staged = Path(data_dir) / PENDING
    if not staged.is_file():
        return None
    conn = sqlite3.connect(f"{staged.absolute().as_uri()}?mode=ro", uri=True)
    try:
        applied = schema.applied_migrations(conn)
        known = schema.known_migrations()
        if [name for name in applied if name not in known]:  # prepared by a newer version, then downgraded
            raise BackupFromNewerVersion(staged, len(applied), len(known))
        device = conn.execute("SELECT value FROM app_settings WHERE key = 'device_id'").fetchone()
        note = Path(f"{staged}{SOURCE_NOTE}")
        source = Path(note.read_text(encoding="utf-8")) if note.is_file() else staged
        facts = BackupFacts(source, len(applied), str(device[0]) if device else "", _counts(conn), _newest(conn),
                            datetime.fromtimestamp(staged.stat().st_mtime, CHINA_TZ).strftime("%Y-%m-%d %H:%M"))
    finally:
        conn.close()
    return Prepared(Path(data_dir), staged, facts, migrated=False)


# --- locks -----------------------------------------------------------------------------------------------

@contextlib.contextmanager
def import_lock(data_dir: Path):  # noqa: ANN201
    from filelock import FileLock, Timeout

    lock = FileLock(str(data_dir / IMPORT_LOCK), timeout=0, is_singleton=True)
    try:
        lock.acquire()
    except Timeout:
        raise ImportRunning(data_dir) from None
    try:
        yield
    finally:
        lock.release()


def window_open(data_dir: Path) -> bool:
    """Whether another process holds the window's lock on this folder. Qt's QLockFile keeps its file
    locked while held (flock on POSIX, a handle that shares no writes on Windows) and writes the holder's
    pid on its first line: this process's own lock (the window restoring at its start) does not count."""
    path = Path(data_dir) / WINDOW_LOCK
    try:
        first = path.read_bytes().split(b"\n", 1)[0]
    except FileNotFoundError:
        return False
    except PermissionError:  # Windows: the holder shares no access
        return True
    except OSError:
        return False
    if first.strip().isdigit() and int(first) == os.getpid():
        return False
    if os.name == "posix":
        import fcntl

        try:
            with path.open("rb") as f:
                fcntl.flock(f.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                fcntl.flock(f.fileno(), fcntl.LOCK_UN)
        except BlockingIOError:
            return True
        except OSError:
            return False
        return False
    try:  # Windows: a held QLockFile cannot be opened for writing by anyone else
        with path.open("r+b"):
            return False
    except PermissionError:
        return True
    except OSError:
        return False


# --- housekeeping ----------------------------------------------------------------------------------------

def _remove_with_sidecars(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        with contextlib.suppress(OSError):
            Path(f"{path}{suffix}").unlink()


def _remove_stale_staging(data_dir: Path, *, keep: Path) -> None:
    """Copies left by a prepare that was killed (only ever one restore at a time: we hold the lock)."""
    for leftover in data_dir.glob(f"{STAGING_PREFIX}*"):
        if not str(leftover).startswith(str(keep)):
            with contextlib.suppress(OSError):
                leftover.unlink()


def _fault(exc: BaseException, path: Path) -> BaseException:
    fault = classify(exc, path)
    return fault if isinstance(fault, EnvironmentFault) else exc
