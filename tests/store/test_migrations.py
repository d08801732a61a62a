"""Schema migrations from an empty file and from every earlier version; refusals that change nothing."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlite_utils import Database

from patrol_app.paths import database_path
from patrol_app.store import open_store, schema
from patrol_app.store.database import Store, _connect
from patrol_app.store.errors import NewerSchema, NotADatabase, ReadOnlyDataDir
from tests.conftest import snapshot

NAMES = schema.known_migrations()


def tables(path: Path) -> dict[str, str]:
    with sqlite3.connect(path) as conn:
        return dict(
            conn.execute(
                "SELECT name, sql FROM sqlite_master WHERE type IN ('table', 'index') AND sql IS NOT NULL"
            )
        )


def test_fresh_database_has_every_migration_and_the_pragmas(data_dir: Path) -> None:
    with open_store(data_dir) as store:
        assert store.schema_version == len(NAMES) >= 2
        conn = store.conn
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        counts = store.upkeep.record_counts()
        assert counts["divisions"] == 12 and counts["waterbodies"] == 11 and counts["patrol_rules"] == 5
        assert counts["reaches"] == counts["demo_reaches"] > 0


@pytest.mark.parametrize("stop_before", NAMES[1:])
def test_upgrade_from_every_earlier_version(data_dir: Path, stop_before: str) -> None:
    data_dir.mkdir(parents=True)
    path = database_path(data_dir)
    db = Database(_connect(path))
    schema.migrations().apply(db, stop_before=stop_before)
    applied = schema.applied_migrations(db.conn)
    db.close()
    assert applied == NAMES[: NAMES.index(stop_before)]
    with open_store(data_dir) as store:
        assert schema.applied_migrations(store.conn) == NAMES
        assert [m.name for m in schema.migrations().applied(store.db)] == NAMES  # sqlite-utils agrees
    fresh = data_dir.parent / "fresh"
    open_store(fresh).close()
    assert tables(path) == tables(database_path(fresh))  # same schema whichever way it was reached


def test_reopening_applies_nothing_twice(data_dir: Path) -> None:
    open_store(data_dir).close()
    before = snapshot(data_dir)
    with open_store(data_dir) as store:
        assert store.schema_version == len(NAMES)
        assert store.upkeep.record_counts()["divisions"] == 12
    assert snapshot(data_dir).keys() == before.keys()


def test_a_failing_migration_leaves_nothing_behind(data_dir: Path) -> None:
    from sqlite_utils.migrations import Migrations

    broken = Migrations(schema.MIGRATION_SET)

    @broken(name="0001_initial")
    def first(db: Database) -> None:
        schema.m0001_initial(db)

    @broken(name="0002_half_done")
    def second(db: Database) -> None:
        db.conn.execute("CREATE TABLE half (x)")
        raise RuntimeError("power cut")

    data_dir.mkdir(parents=True)
    db = Database(_connect(database_path(data_dir)))
    with pytest.raises(RuntimeError):
        broken.apply(db)
    names = {r[0] for r in db.conn.execute("SELECT name FROM sqlite_master")}
    assert "half" not in names and "patrols" in names
    assert [m.name for m in broken.applied(db)] == ["0001_initial"]
    db.close()


def test_newer_schema_is_refused_without_a_change(data_dir: Path) -> None:
    open_store(data_dir).close()
    with sqlite3.connect(database_path(data_dir)) as conn:
        conn.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
            "VALUES ('patrol_app', '0099_from_the_future', '2030-01-01')"
        )
    conn.close()
    before = snapshot(data_dir)
    with pytest.raises(NewerSchema) as info:
        open_store(data_dir)
    assert "更新版本" in info.value.zh and "newer" in info.value.en
    assert snapshot(data_dir) == before


@pytest.mark.parametrize(
    "content", [b"this is a spreadsheet, not a database\n" * 50, b"\x89PNG\r\n\x1a\n" + bytes(500)]
)
def test_a_file_that_is_not_sqlite_is_refused_without_a_change(data_dir: Path, content: bytes) -> None:
    data_dir.mkdir(parents=True)
    database_path(data_dir).write_bytes(content)
    before = snapshot(data_dir)
    with pytest.raises(NotADatabase) as info:
        open_store(data_dir)
    assert "不是巡河助手的数据库" in info.value.zh
    assert snapshot(data_dir) == before


def test_a_sqlite_header_over_garbage_is_refused(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    database_path(data_dir).write_bytes(b"SQLite format 3\x00" + b"\xff" * 2000)
    before = snapshot(data_dir)
    with pytest.raises(NotADatabase):
        open_store(data_dir)
    assert snapshot(data_dir) == before


def test_read_only_folder_is_refused_without_a_change(readonly_dir) -> None:
    folder, make_readonly = readonly_dir
    open_store(folder).close()
    make_readonly()
    before = snapshot(folder)
    with pytest.raises(ReadOnlyDataDir) as info:
        open_store(folder)
    assert "不能写入" in info.value.zh
    assert snapshot(folder) == before


def test_read_only_empty_folder_is_refused(readonly_dir) -> None:
    folder, make_readonly = readonly_dir
    make_readonly()
    with pytest.raises(ReadOnlyDataDir):
        open_store(folder / "sub")
    assert list(folder.iterdir()) == []


def test_worker_connections_see_the_same_data(store: Store) -> None:
    other = Store.connect(store.data_dir)
    try:
        assert other.registry.reach_count() == store.registry.reach_count()
        assert other.device_id == store.device_id
    finally:
        other.close()
