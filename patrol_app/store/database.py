"""Opening the store: checks that change nothing, then PRAGMAs, then migrations.

`open_store` refuses, before writing a byte, a data folder it cannot write, a file that is not
SQLite and a database from a newer version. `Store.connect` opens one more connection to an
already-opened store (each background worker has its own).
"""

from __future__ import annotations

import contextlib
import functools
import os
import sqlite3
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from patrol_app.paths import database_path
from patrol_app.store import schema
from patrol_app.store.errors import (
    DatabaseDamaged,
    EnvironmentFault,
    NewerSchema,
    NotADatabase,
    ReadOnlyDataDir,
    classify,
)

if TYPE_CHECKING:
    from sqlite_utils import Database

    from patrol_app.store.backup import DailyBackup
    from patrol_app.store.covert import Covert
    from patrol_app.store.maintenance import Maintenance
    from patrol_app.store.patrols import Patrols
    from patrol_app.store.photos import Photos
    from patrol_app.store.problems import Problems
    from patrol_app.store.profiles import Profiles
    from patrol_app.store.registry import Registry
    from patrol_app.store.remote import Remote
    from patrol_app.store.settings import Settings
    from patrol_app.store.upkeep import Upkeep

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000


class Store:
    """One connection to a data folder's database, with the query groups hung off it."""

    def __init__(self, data_dir: Path, conn: sqlite3.Connection) -> None:
        self.data_dir = data_dir
        self.path = database_path(data_dir)
        self.conn = conn
        self.damage: list[str] = []  # what the cheap check at open found (only kept with verify=False)
        self._write_depth = 0  # open `write()` blocks on this connection: only the outermost one commits
        self.daily_backup: DailyBackup | None = None  # today's backup, if due: `start()` it when convenient

    # The query groups are imported on first use: a command that only imports photos does not pay for
    # loading the problems' domain (start-up is part of every CLI run's time).
    @functools.cached_property
    def registry(self) -> Registry:
        from patrol_app.store.registry import Registry

        return Registry(self)

    @functools.cached_property
    def profiles(self) -> Profiles:
        from patrol_app.store.profiles import Profiles

        return Profiles(self)

    @functools.cached_property
    def patrols(self) -> Patrols:
        from patrol_app.store.patrols import Patrols

        return Patrols(self)

    @functools.cached_property
    def photos(self) -> Photos:
        from patrol_app.store.photos import Photos

        return Photos(self)

    @functools.cached_property
    def problems(self) -> Problems:
        from patrol_app.store.problems import Problems

        return Problems(self)

    @functools.cached_property
    def covert(self) -> Covert:
        from patrol_app.store.covert import Covert

        return Covert(self)

    @functools.cached_property
    def maintenance(self) -> Maintenance:
        from patrol_app.store.maintenance import Maintenance

        return Maintenance(self)

    @functools.cached_property
    def settings(self) -> Settings:
        from patrol_app.store.settings import Settings

        return Settings(self)

    @functools.cached_property
    def remote(self) -> Remote:
        from patrol_app.store.remote import Remote

        return Remote(self)

    @functools.cached_property
    def upkeep(self) -> Upkeep:
        from patrol_app.store.upkeep import Upkeep

        return Upkeep(self)

    @property
    def db(self) -> Database:
        """The connection wrapped by sqlite-utils (imported on first use: it is slow to import)."""
        from sqlite_utils import Database

        return Database(self.conn)

    @classmethod
    def connect(cls, data_dir: Path) -> Store:
        """Another connection to a store that `open_store` has already checked and migrated."""
        return cls(data_dir, _connect(database_path(data_dir)))

    def close(self) -> None:
        if self.daily_backup is not None:  # a backup cut short leaves nothing; the next open makes it
            self.daily_backup.stop()
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextlib.contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction (BEGIN IMMEDIATE: take the write lock up front, fail fast if busy).

        A `write()` inside another joins it: a workflow made of several store calls (create a patrol,
        link its photos, finalise it) commits as one, or not at all. The inner block is a savepoint, so
        an exception that the caller catches inside the outer block undoes only the inner block's
        writes; one that escapes the outer block rolls everything back.

        Environment errors come out as `EnvironmentFault`, with everything rolled back.
        """
        if self._write_depth:
            yield from self._nested_write()
            return
        conn = self.conn
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise classify(exc, self.path) from exc
        self._write_depth = 1
        try:
            yield conn
            conn.execute("COMMIT")
        except BaseException as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            fault = classify(exc, self.path)
            if fault is exc:
                raise
            if isinstance(fault, DatabaseDamaged):
                fault = DatabaseDamaged(self.path, fault.problems, during_write=True)
            raise fault from exc
        finally:
            self._write_depth = 0

    def _nested_write(self) -> Iterator[sqlite3.Connection]:
        conn = self.conn
        name = f"nested_write_{self._write_depth}"
        try:
            conn.execute(f"SAVEPOINT {name}")
        except sqlite3.Error as exc:
            raise classify(exc, self.path) from exc
        self._write_depth += 1
        try:
            yield conn
            conn.execute(f"RELEASE {name}")
        except BaseException as exc:
            if conn.in_transaction:  # SQLite may already have rolled the whole transaction back (disk full)
                conn.execute(f"ROLLBACK TO {name}")
                conn.execute(f"RELEASE {name}")
            fault = classify(exc, self.path)
            if fault is exc:
                raise
            raise fault from exc
        finally:
            self._write_depth -= 1

    def query(self, sql: str, params: tuple | dict = ()) -> list[sqlite3.Row]:
        cur = self.conn.execute(sql, params)
        cur.row_factory = sqlite3.Row
        return cur.fetchall()

    def scalar(self, sql: str, params: tuple | dict = ()) -> Any:
        row = self.conn.execute(sql, params).fetchone()
        return row[0] if row else None

    @property
    def schema_version(self) -> int:
        return len(schema.applied_migrations(self.conn))

    @property
    def device_id(self) -> str:
        return str(self.scalar("SELECT value FROM app_settings WHERE key = 'device_id'"))


def _connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA synchronous = FULL")
    return conn


def _check_writable_dir(data_dir: Path) -> None:
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(prefix=".write-probe-", dir=data_dir)
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        fault = classify(exc, data_dir)
        if isinstance(fault, EnvironmentFault):
            raise fault from exc
        raise ReadOnlyDataDir(data_dir) from exc


def _check_database_file(path: Path) -> None:
    if not path.exists():
        return
    try:
        with path.open("rb") as f:
            header = f.read(len(SQLITE_HEADER))
        with path.open("r+b"):  # opening for update writes nothing, but fails on a read-only file
            pass
    except OSError as exc:
        fault = classify(exc, path)
        raise (fault if isinstance(fault, EnvironmentFault) else ReadOnlyDataDir(path.parent)) from exc
    if header and header != SQLITE_HEADER:
        raise NotADatabase(path)


def whole_pages(path: Path) -> list[str]:
    """O(1), at every open: SQLite only ever writes whole pages, so a file whose size is not a
    multiple of its page size (or shorter than its header says) was cut off or overwritten.
    Returns what is wrong, or []."""
    if not path.exists():
        return []
    size = path.stat().st_size
    if size < 100:
        return []  # empty, or too short to have a header: the header check and SQLite deal with it
    with path.open("rb") as f:
        header = f.read(100)
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        return []  # not a page size at all: SQLite itself refuses the file as not a database
    if size % page_size:
        return [f"the file ends inside a page ({size} bytes, pages of {page_size}): it was cut off"]
    in_header = int.from_bytes(header[28:32], "big")
    header_valid = header[24:28] == header[92:96]  # the page count is valid only if it was kept up to date
    if header_valid and in_header and in_header * page_size > size and not _has_wal(path):
        return [f"the file is shorter than its header says ({size} of {in_header * page_size} bytes)"]
    return []


def _has_wal(path: Path) -> bool:
    wal = path.with_name(path.name + "-wal")
    return wal.exists() and wal.stat().st_size > 0


def quick_check(conn: sqlite3.Connection, path: Path) -> list[str]:
    """SQLite's quick check (every page and record readable and well-formed; indexes not compared
    with their tables): what it found wrong, or [] if nothing. O(database size): ~5 ms on the small
    demo, ~1.4 s on the large one (690 MB); see docs/architecture.md."""
    try:
        found = [str(m) for (m,) in conn.execute("PRAGMA quick_check(100)")]
    except sqlite3.DatabaseError as exc:
        fault = classify(exc, path)
        if isinstance(fault, DatabaseDamaged):
            return fault.problems
        raise
    return [] if found == ["ok"] else found


def _check_not_newer(path: Path) -> None:
    """Read (only) which migrations a database has; refuse one that has migrations we don't know."""
    if not path.exists() or path.stat().st_size == 0:
        return
    # A normal connection that only reads: on close it removes the -wal/-shm files it needed, which a
    # mode=ro connection would leave behind.
    try:
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            applied = schema.applied_migrations(conn)
        finally:
            conn.close()
    except sqlite3.Error as exc:
        fault = classify(exc, path)
        raise (fault if isinstance(fault, EnvironmentFault) else NotADatabase(path)) from exc
    known = schema.known_migrations()
    unknown = [name for name in applied if name not in known]
    if unknown:
        raise NewerSchema(path, len(applied), len(known))


def open_store(data_dir: Path, *, migrate: bool = True, verify: bool = False, daily_backup: bool = False) -> Store:
    """Open (creating if needed) the data folder's database, refusing what it must not touch.

    `verify`: run SQLite's quick check first and refuse a damaged database (`DatabaseDamaged`);
    commands that write ask for it, and so does any open that has a migration to apply. A cheap
    check of the file's size against its pages is made at every open: it refuses unless
    `migrate=False` (a reader: `info` and `check` report it in `Store.damage` instead).
    `daily_backup` (the GUI's open): if no backup was made yet today (China time), `Store.daily_backup`
    makes one on a thread of its own once started (store/backup.py; the window starts it when its home
    page has its numbers, so it never competes with start-up); this open only lists the backups folder.
    """
    data_dir = Path(data_dir)
    path = database_path(data_dir)
    _check_writable_dir(data_dir)
    _check_database_file(path)
    damage = whole_pages(path)
    if damage and (verify or migrate):
        raise DatabaseDamaged(path, damage)
    _check_not_newer(path)
    conn: sqlite3.Connection | None = None
    try:
        conn = _connect(path)
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            raise sqlite3.OperationalError(f"could not switch to WAL journal (got {mode})")
        existed = path.stat().st_size > 0
        if existed and (verify or (migrate and schema.applied_migrations(conn) != schema.known_migrations())):
            problems = quick_check(conn, path)
            if problems:
                raise DatabaseDamaged(path, problems)
        if migrate:
            schema.migrate(conn)
        store = Store(data_dir, conn)
        store.damage = damage
        if daily_backup and migrate:
            from patrol_app.store.backup import DailyBackup

            store.daily_backup = DailyBackup.if_due(data_dir)
    except EnvironmentFault:
        if conn is not None:
            conn.close()
        raise
    except (sqlite3.Error, OSError) as exc:
        if conn is not None:
            conn.close()
        fault = classify(exc, path)
        if fault is exc:
            raise
        raise fault from exc
    return store
