"""Rolling backups (store/backup.py) and restore (store/restore.py) on real files: whole and verified,
rolled by kind, daily by China's date, before every migration of a database with user data, and a
restore that refuses what it must not take and changes nothing when it refuses."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlite_utils import Database

from patrol_app.domain.ids import iso_utc, uuid7
from patrol_app.paths import database_path
from patrol_app.store import backup, open_store, restore, schema
from patrol_app.store.database import _connect
from patrol_app.store.errors import DatabaseBusy, EnvironmentFault
from tests.conftest import ROOT, run_cli, snapshot

NAMES = schema.known_migrations()
NTFS_FORBIDDEN = set('<>:"/\\|?*')


def at(text: str):  # noqa: ANN201
    moment = datetime.fromisoformat(text).astimezone(UTC)
    return lambda: moment


def applied(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return schema.applied_migrations(conn)
    finally:
        conn.close()


def rows(path: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_a_backup_is_one_whole_verified_file(demo_store) -> None:
    target = demo_store.data_dir.parent / "备份 folder" / "copy.db"
    result = backup.write_backup(demo_store.conn, target)
    assert result.path == target and result.integrity == "ok" and result.schema_version == len(NAMES)
    assert result.bytes == target.stat().st_size and result.sha256 == backup.sha256_of(target)
    assert [p.name for p in target.parent.iterdir()] == ["copy.db"]  # no -wal, no temporary left
    assert target.read_bytes()[18:20] == b"\x01\x01"  # not WAL: one self-contained file
    assert rows(target, "PRAGMA integrity_check") == [("ok",)]
    for table in ("patrols", "photos", "problems", "problem_events", "outbox"):
        sql = f"SELECT * FROM {table} ORDER BY rowid"
        assert rows(target, sql) == demo_store.conn.execute(sql).fetchall()


def test_rolling_backups_keep_the_last_of_each_kind_and_never_a_manual_one(demo_store) -> None:
    data_dir = demo_store.data_dir
    manual = backup.make_backup(demo_store.conn, data_dir, backup.MANUAL, now=at("2025-05-01T10:00:00+08:00"))
    start = datetime.fromisoformat("2025-06-01T09:30:00+08:00")
    for day in range(9):
        backup.make_backup(demo_store.conn, data_dir, backup.DAILY, now=lambda d=day: start + timedelta(days=d))
    for n in range(4):
        backup.make_backup(demo_store.conn, data_dir, backup.PRE_MIGRATION, now=lambda n=n: start + timedelta(hours=n))
    kept = backup.list_backups(data_dir)
    daily = [b for b in kept if b.kind == backup.DAILY]
    assert [b.made_at.day for b in daily] == [9, 8, 7, 6, 5, 4, 3]  # newest first, the last 7
    assert len([b for b in kept if b.kind == backup.PRE_MIGRATION]) == 3
    assert manual.path.exists() and [b.kind for b in kept].count(backup.MANUAL) == 1
    names = [b.path.name for b in kept]
    assert "patrol-daily-20250609-093000.db" in names
    assert all(not NTFS_FORBIDDEN & set(name) for name in names)
    # Two in the same second do not overwrite each other.
    again = backup.make_backup(demo_store.conn, data_dir, backup.MANUAL, now=at("2025-05-01T10:00:00+08:00"))
    assert again.path.name == "patrol-manual-20250501-100000-2.db" and manual.path.exists()


def test_daily_backup_is_due_once_per_day_in_china(demo_store) -> None:
    data_dir = demo_store.data_dir
    late = at("2025-06-01T23:59:00+08:00")  # 15:59 UTC
    assert backup.daily_due(data_dir, late())
    made = backup.make_daily(data_dir, now=late)
    assert made is not None and made.kind == backup.DAILY
    assert not backup.daily_due(data_dir, late()) and backup.make_daily(data_dir, now=late) is None
    assert backup.daily_due(data_dir, at("2025-06-02T00:01:00+08:00")())  # still 1 June in UTC


def test_the_guis_open_offers_todays_backup_to_make_on_a_thread_of_its_own(demo_store) -> None:
    data_dir = demo_store.data_dir
    with open_store(data_dir, daily_backup=True) as store:
        assert store.daily_backup is not None
        assert not store.daily_backup.done.is_set()  # not before it is started (the window: once it is up)
        store.daily_backup.start()
        assert store.daily_backup.done.wait(60)
        made = store.daily_backup.result
        assert made is not None and made.path.parent == data_dir / "backups"
    with open_store(data_dir, daily_backup=True) as store:  # made today already
        assert store.daily_backup is None
    with open_store(data_dir) as store:  # other opens (the CLI, workers) never make one
        assert store.daily_backup is None


def test_an_unused_data_folder_gets_no_daily_backup(data_dir: Path) -> None:
    with open_store(data_dir, daily_backup=True) as store:
        assert store.daily_backup is not None
        store.daily_backup.start()
        assert store.daily_backup.done.wait(60)
        assert store.daily_backup.result is None and store.daily_backup.error is None
    assert backup.list_backups(data_dir) == []


# --- the first schema version, filled, upgraded ------------------------------------------------------------

def first_version_folder(data_dir: Path, patrols: int = 60) -> str:
    """A data folder as the first release left it (only migration 0001), with a profile, its own reach and
    patrols each queued for upload, one of them deleted (a tombstone at version 2). Returns the device id."""
    data_dir.mkdir(parents=True)
    db = Database(_connect(database_path(data_dir)))
    schema.migrations().apply(db, stop_before=NAMES[1])
    conn = db.conn
    device = conn.execute("SELECT value FROM app_settings WHERE key = 'device_id'").fetchone()[0]
    now = "2024-03-01T02:00:00.000Z"
    with conn:
        conn.execute("INSERT INTO divisions (code, name) VALUES ('650102', '天山区')")
        conn.execute("INSERT INTO waterbodies (code, name, kind) VALUES ('W65010200001', '和平渠', 'river')")
        conn.execute("INSERT INTO reaches (code, name, waterbody_code, county_code, township) "
                     "VALUES ('650102000001', '和平渠天山段', 'W65010200001', '650102', '天山街道')")
        profile = uuid7()
        conn.execute("INSERT INTO profiles (uuid, name, role, level, unit, created_at, updated_at) "
                     "VALUES (?, '阿依古丽', 'chief', 'village', '天山村', ?, ?)", (profile, now, now))
        conn.execute("INSERT INTO profile_reaches VALUES (?, '650102000001')", (profile,))
        for i in range(patrols):
            uuid = uuid7()
            started = datetime(2024, 1, 1, 1, tzinfo=UTC) + timedelta(days=i)
            deleted = i == 7
            conn.execute(
                "INSERT INTO patrols (uuid, device_id, created_at, updated_at, version, deleted, reach_code, "
                "profile_uuid, patroller_name, started_at, ended_at, duration_s, distance_m, mode, status, notes) "
                "VALUES (?, ?, ?, ?, ?, ?, '650102000001', ?, '阿依古丽', ?, ?, 1800, 2100, 'foot', ?, ?)",
                (uuid, device, now, now, 2 if deleted else 1, int(deleted), profile, iso_utc(started),
                 iso_utc(started + timedelta(minutes=30)), "final" if i % 3 else "draft", f"第{i}次巡河"))
            conn.execute("INSERT INTO outbox (kind, record_uuid, version, op, enqueued_at, state) "
                         "VALUES ('patrol', ?, ?, ?, ?, ?)",
                         (uuid, 2 if deleted else 1, "delete" if deleted else "upsert", now,
                          "sent" if i < 20 else "pending"))
    conn.close()
    return device


V1_PATROL = ("SELECT uuid, device_id, created_at, updated_at, version, deleted, reach_code, profile_uuid, "
             "patroller_name, started_at, ended_at, duration_s, distance_m, mode, status, notes "
             "FROM patrols ORDER BY uuid")


def test_a_folder_of_the_first_schema_version_is_upgraded_with_every_record_and_a_backup_first(
        data_dir: Path) -> None:
    device = first_version_folder(data_dir)
    path = database_path(data_dir)
    before = {sql: rows(path, sql) for sql in (
        V1_PATROL, "SELECT * FROM outbox ORDER BY seq", "SELECT * FROM profiles", "SELECT * FROM profile_reaches",
        "SELECT * FROM reaches WHERE code = '650102000001'", "SELECT * FROM app_settings ORDER BY key")}
    assert len(before[V1_PATROL]) == 60
    assert backup.list_backups(data_dir) == []

    with open_store(data_dir) as store:
        assert store.schema_version == len(NAMES) and store.device_id == device
    for sql, expected in before.items():
        assert rows(path, sql) == expected, sql  # every record, as it was

    made = backup.list_backups(data_dir)
    assert [b.kind for b in made] == [backup.PRE_MIGRATION]
    copy = made[0].path
    assert len(applied(copy)) == 1  # the database as it was before
    for sql, expected in before.items():
        assert rows(copy, sql) == expected, sql
    check = run_cli("--data-dir", str(data_dir), "check", "--json")
    assert check.returncode == 0, check.stdout + check.stderr
    with open_store(data_dir) as store:  # upgraded once: no second backup
        assert len(backup.list_backups(store.data_dir)) == 1


def test_a_backup_that_cannot_be_made_stops_the_upgrade_before_it_changes_anything(data_dir: Path) -> None:
    first_version_folder(data_dir, patrols=3)
    (data_dir / "backups").write_text("a file where the backups folder should be")
    before = rows(database_path(data_dir), V1_PATROL)
    with pytest.raises(EnvironmentFault):
        open_store(data_dir)
    # Only the journal mode was set (WAL, at every open): no migration ran, every record as it was.
    assert applied(database_path(data_dir)) == NAMES[:1]
    assert rows(database_path(data_dir), V1_PATROL) == before
    assert (data_dir / "backups").read_text() == "a file where the backups folder should be"


def test_a_new_database_and_one_without_user_data_are_migrated_without_a_backup(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    db = Database(_connect(database_path(data_dir)))
    schema.migrations().apply(db, stop_before=NAMES[1])
    db.close()
    open_store(data_dir).close()
    assert backup.list_backups(data_dir) == []


# --- restore --------------------------------------------------------------------------------------------

def test_restore_puts_the_backup_in_place_and_keeps_what_it_replaced(demo_store, tmp_path: Path) -> None:
    data_dir = demo_store.data_dir
    saved = backup.write_backup(demo_store.conn, tmp_path / "saved.db")
    patrols = demo_store.scalar("SELECT count(*) FROM patrols")
    with demo_store.write() as conn:
        conn.execute("DELETE FROM outbox")  # a change the restore must undo
    demo_store.close()
    done = restore.restore(data_dir, saved.path)
    assert done.previous_backup is not None and done.previous_backup.kind == backup.PRE_RESTORE
    assert rows(done.previous_backup.path, "SELECT count(*) FROM outbox") == [(0,)]
    assert done.schema_version == len(NAMES) and not done.migrated and done.photos_missing == []
    with open_store(data_dir) as store:
        assert store.scalar("SELECT count(*) FROM patrols") == patrols
        assert store.scalar("SELECT count(*) FROM outbox") > 0
        assert store.upkeep.check().ok
    assert not list(data_dir.glob(".restore-*"))


def test_restoring_a_first_version_backup_migrates_it(tmp_path: Path, store) -> None:
    old = tmp_path / "old"
    device = first_version_folder(old, patrols=5)
    store.close()
    done = restore.restore(store.data_dir, database_path(old))
    assert done.migrated and done.backup_schema_version == 1 and done.schema_version == len(NAMES)
    assert done.device_id == device and done.previous_backup is not None  # even an unused database is kept
    assert rows(database_path(store.data_dir), "SELECT count(*) FROM patrols") == [(5,)]
    assert applied(database_path(old)) == NAMES[:1]  # the file as it was


def newer(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                     "VALUES ('patrol_app', '0099_from_the_future', '2030-01-01')")
    conn.close()


@pytest.mark.parametrize("case", ["newer", "not sqlite", "another sqlite", "damaged", "missing"])
def test_restore_refuses_and_changes_nothing(demo_store, tmp_path: Path, case: str) -> None:
    data_dir = demo_store.data_dir
    bad = tmp_path / "bad.db"
    if case in ("newer", "damaged"):
        backup.write_backup(demo_store.conn, bad)
    if case == "newer":
        newer(bad)
    elif case == "not sqlite":
        bad.write_bytes(b"PK\x03\x04 a zip file" * 100)
    elif case == "another sqlite":
        sqlite3.connect(bad).execute("CREATE TABLE notes (x)").connection.close()
    elif case == "damaged":
        data = bytearray(bad.read_bytes())
        page = 4096
        for offset in range(len(data) // 2, len(data) // 2 + page * 3, 7):  # pages in the middle scribbled on
            data[offset] = 0xA5
        bad.write_bytes(bytes(data))
    demo_store.close()
    before = snapshot(data_dir)
    with pytest.raises(EnvironmentFault) as refused:
        restore.restore(data_dir, bad)
    assert snapshot(data_dir) == before  # no staged copy left, no backup made, the database untouched
    expected = {"newer": "更新版本", "not sqlite": "不是 SQLite", "another sqlite": "不是巡河助手的",
                "damaged": "", "missing": "不存在"}[case]
    assert expected in refused.value.zh and "没有改动任何数据" in refused.value.zh
    if case == "newer":
        assert isinstance(refused.value, restore.BackupFromNewerVersion) and "newer" in refused.value.en


def test_restore_refuses_while_another_connection_has_the_database_open(demo_store, tmp_path: Path) -> None:
    saved = backup.write_backup(demo_store.conn, tmp_path / "saved.db")
    with pytest.raises(DatabaseBusy):
        restore.restore(demo_store.data_dir, saved.path)  # demo_store's own connection is still open
    assert demo_store.scalar("SELECT count(*) FROM patrols") > 0  # and it still works
    assert not list(demo_store.data_dir.glob(".restore-*"))


HOLD_WINDOW_LOCK = """
import sys
from PySide6.QtCore import QCoreApplication, QLockFile
app = QCoreApplication(sys.argv[:1])
lock = QLockFile(sys.argv[1])
lock.setStaleLockTime(0)
print("locked" if lock.tryLock(0) else "not locked", flush=True)
sys.stdin.read()
"""


def test_restore_refuses_while_a_window_holds_the_folder(demo_store, tmp_path: Path) -> None:
    """The window's real lock (Qt's QLockFile in another process), read here without Qt."""
    data_dir = demo_store.data_dir
    saved = backup.write_backup(demo_store.conn, tmp_path / "saved.db")
    demo_store.close()
    holder = subprocess.Popen([sys.executable, "-c", HOLD_WINDOW_LOCK, str(data_dir / ".window.lock")],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        assert holder.stdout.readline().strip() == "locked"
        assert restore.window_open(data_dir)
        before = snapshot(data_dir)
        with pytest.raises(restore.WindowOpen) as refused:
            restore.restore(data_dir, saved.path)
        assert "关闭窗口" in refused.value.zh
        locks = (".window.lock", ".import.lock")
        assert {k: v for k, v in snapshot(data_dir).items() if k not in locks} == {
            k: v for k, v in before.items() if k not in locks}
    finally:
        holder.stdin.close()
        holder.wait(30)
    assert not restore.window_open(data_dir)  # the window closed: a stale lock file does not count
    assert restore.restore(data_dir, saved.path).schema_version == len(NAMES)
