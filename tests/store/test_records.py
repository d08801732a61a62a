"""The one write path: record and outbox entry commit together, or not at all."""

from __future__ import annotations

import sqlite3
import threading

import pytest

from patrol_app.store import open_store, records
from patrol_app.store.database import Store
from patrol_app.store.errors import DatabaseBusy
from sync import outbox
from tests.store.test_problems import NOW, new_problem


def patrol_values(**overrides: object) -> dict[str, object]:
    values = {
        "reach_code": "410423000001",
        "profile_uuid": None,
        "patroller_name": "测试员",
        "started_at": "2026-11-24T01:00:00.000Z",
        "ended_at": "2026-11-24T02:00:00.000Z",
        "duration_s": 3600,
        "distance_m": 2500,
        "mode": "foot",
        "status": "final",
        "notes": "",
    }
    values.update(overrides)
    return values


def test_save_writes_the_common_columns_and_enqueues(store: Store) -> None:
    uuid, version = store.patrols.save(patrol_values())
    row = store.patrols.get(uuid)
    assert row is not None and version == 1 and row["version"] == 1
    assert row["device_id"] == store.device_id and row["deleted"] == 0
    assert row["created_at"].endswith("Z") and row["created_at"] == row["updated_at"]
    entries = outbox.pending(store.conn)
    assert [(e.kind, e.record_uuid, e.version, e.op) for e in entries] == [("patrol", uuid, 1, "upsert")]


def test_edits_bump_the_version_and_keep_one_pending_entry(store: Store) -> None:
    uuid, _ = store.patrols.save(patrol_values())
    _, v2 = store.patrols.save({"notes": "补记：发现漂浮物"}, uuid=uuid)
    _, v3 = store.patrols.save({"distance_m": 2600}, uuid=uuid)
    assert (v2, v3) == (2, 3)
    entries = outbox.pending(store.conn)
    assert len(entries) == 1 and entries[0].version == 3
    row = store.patrols.get(uuid)
    assert (
        row["notes"] == "补记：发现漂浮物"
        and row["distance_m"] == 2600
        and row["updated_at"] >= row["created_at"]
    )


def test_a_failed_write_leaves_neither_record_nor_outbox_entry(store: Store) -> None:
    with pytest.raises(sqlite3.IntegrityError):  # ended before it started: refused by the schema
        store.patrols.save(patrol_values(ended_at="2026-11-23T00:00:00.000Z"))
    with pytest.raises(sqlite3.IntegrityError):  # unknown reach: foreign key
        store.patrols.save(patrol_values(reach_code="999999000001"))
    assert store.patrols.count() == 0
    assert outbox.pending_count(store.conn) == 0


def test_outbox_failure_rolls_back_the_record(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise sqlite3.OperationalError("simulated failure while enqueuing")

    monkeypatch.setattr(outbox, "enqueue", broken)
    with pytest.raises(sqlite3.OperationalError):
        store.patrols.save(patrol_values())
    assert store.patrols.count() == 0


def test_tombstone_instead_of_delete(store: Store) -> None:
    uuid, _ = store.patrols.save(patrol_values())
    version = records.tombstone(store, records.PATROL, uuid)
    assert version == 2
    row = store.patrols.get(uuid)
    assert row is not None and row["deleted"] == 1
    assert store.patrols.count() == 0
    [entry] = outbox.pending(store.conn)
    assert (entry.op, entry.version) == ("delete", 2)
    with pytest.raises(KeyError):
        store.patrols.save({"notes": "x"}, uuid=uuid)


def test_unknown_columns_are_a_bug_not_silently_dropped(store: Store) -> None:
    with pytest.raises(ValueError):
        store.patrols.save(patrol_values(colour="blue"))


def test_a_locked_database_is_an_environment_fault(store: Store) -> None:
    other = Store.connect(store.data_dir)
    other.conn.execute("PRAGMA busy_timeout = 100")
    store.conn.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(DatabaseBusy) as info:
            other.patrols.save(patrol_values())
        assert "另一个程序" in info.value.zh
    finally:
        store.conn.execute("ROLLBACK")
        other.close()


def test_bulk_insert_enqueues_every_row(store: Store) -> None:
    with store.write() as conn:
        n = records.insert_many(
            conn, store.device_id, records.PATROL, (patrol_values(notes=str(i)) for i in range(12_345))
        )
    assert n == 12_345 == store.patrols.count() == outbox.pending_count(store.conn)


def test_concurrent_writers_on_separate_connections_do_not_lose_writes(store: Store) -> None:
    def writer() -> None:
        s = Store.connect(store.data_dir)
        try:
            for _ in range(25):
                s.patrols.save(patrol_values())
        finally:
            s.close()

    threads = [threading.Thread(target=writer) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert store.patrols.count() == 100 == outbox.pending_count(store.conn)
    assert store.upkeep.check().ok


def never_uploaded(store: Store) -> list[str]:
    return [line for line in store.upkeep.check().problems if "never go up" in line]


def test_check_finds_a_version_that_would_never_be_uploaded(store: Store, tmp_path) -> None:  # noqa: ANN001
    lost, _ = store.patrols.save(patrol_values())
    edited, _ = store.patrols.save(patrol_values(notes="初稿"))
    with store.write() as conn:  # the office acknowledged version 1 of `edited`; version 2 is pending
        [entry] = [e for e in outbox.pending(conn) if e.record_uuid == edited]
        assert outbox.acknowledge(conn, entry.seq, 1)
    store.patrols.save({"notes": "补记"}, uuid=edited)
    # Records received from the office keep another device's id and are never queued: not reported.
    office = open_store(tmp_path / "other-device")
    try:
        problem = office.problems.report(new_problem(), now=NOW)
        docs = [records.PROBLEM.wire(office.conn, problem.problem_uuid),
                records.PROBLEM_EVENT.wire(office.conn, problem.head)]
    finally:
        office.close()
    assert store.remote.apply(docs, 1).records == 2
    assert store.upkeep.check().ok
    with store.write() as conn:  # damage: entries lost behind the write path's back
        conn.execute("DELETE FROM outbox WHERE record_uuid = ?", (lost,))
        conn.execute("DELETE FROM outbox WHERE record_uuid = ? AND state = 'pending'", (edited,))
    report = store.upkeep.check()
    assert not report.ok
    found = never_uploaded(store)
    assert len(found) == 2 and report.problems == found
    assert any(lost in line and "第 1 版" in line and "Version 1 " in line for line in found)
    assert any(edited in line and "第 2 版" in line and "Version 2 " in line for line in found)


def test_a_clean_demo_has_every_version_queued_and_check_finds_one_lost(demo_store: Store) -> None:
    assert demo_store.upkeep.check().ok
    kinds = demo_store.query("SELECT kind, count(*) AS n FROM outbox GROUP BY kind")
    assert {r["kind"] for r in kinds} >= {"patrol", "track", "photo", "photo_link", "problem", "problem_event"}
    assert sum(r["n"] for r in kinds) > 1000
    photo = demo_store.scalar("SELECT uuid FROM photos ORDER BY uuid LIMIT 1")
    with demo_store.write() as conn:
        conn.execute("DELETE FROM outbox WHERE kind = 'photo' AND record_uuid = ?", (photo,))
    [line] = demo_store.upkeep.check().problems
    assert line.startswith(f"outbox: photo {photo} ") and "never go up" in line
