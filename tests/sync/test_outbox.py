"""The outbox API on a plain sqlite3 connection (sync/ knows nothing of patrol_app)."""

from __future__ import annotations

import sqlite3

import pytest

from sync import outbox


@pytest.fixture
def conn(tmp_path) -> sqlite3.Connection:
    c = sqlite3.connect(tmp_path / "o.db", isolation_level=None)
    c.execute("BEGIN")
    outbox.apply_schema_step(c, 1)
    c.execute("COMMIT")
    outbox.register_kind("thing", lambda conn, uuid: {"uuid": uuid})
    return c


def test_enqueue_outside_a_transaction_is_refused(conn: sqlite3.Connection) -> None:
    with pytest.raises(outbox.OutboxError):
        outbox.enqueue(conn, "thing", "u1", 1)


def test_unknown_kind_and_op_are_refused(conn: sqlite3.Connection) -> None:
    conn.execute("BEGIN")
    with pytest.raises(outbox.OutboxError):
        outbox.enqueue(conn, "nonsense", "u1", 1)
    with pytest.raises(outbox.OutboxError):
        outbox.enqueue(conn, "thing", "u1", 1, op="explode")
    conn.execute("ROLLBACK")


def test_one_pending_entry_per_record_at_its_newest_version(conn: sqlite3.Connection) -> None:
    conn.execute("BEGIN")
    outbox.enqueue(conn, "thing", "u1", 1)
    outbox.enqueue(conn, "thing", "u1", 3)
    outbox.enqueue(conn, "thing", "u1", 2)  # an older version never moves it back
    outbox.enqueue(conn, "thing", "u2", 1)
    conn.execute("COMMIT")
    entries = outbox.pending(conn)
    assert [(e.record_uuid, e.version) for e in entries] == [("u1", 3), ("u2", 1)]
    assert outbox.pending_count(conn) == 2 and outbox.pending_by_kind(conn) == {"thing": 2}


def test_acknowledging_an_older_version_keeps_the_entry_pending(conn: sqlite3.Connection) -> None:
    conn.execute("BEGIN")
    outbox.enqueue(conn, "thing", "u1", 1)
    conn.execute("COMMIT")
    [entry] = outbox.pending(conn)
    conn.execute("BEGIN")
    outbox.enqueue(conn, "thing", "u1", 2)  # edited while the batch with version 1 was in flight
    conn.execute("COMMIT")
    assert outbox.acknowledge(conn, entry.seq, 1) is False
    assert outbox.pending_count(conn) == 1
    assert outbox.acknowledge(conn, entry.seq, 2) is True
    assert outbox.pending_count(conn) == 0
    conn.execute("BEGIN")
    outbox.enqueue(conn, "thing", "u1", 3)  # a new edit after the ack gets a new entry
    conn.execute("COMMIT")
    assert [e.version for e in outbox.pending(conn)] == [3]


def test_read_record_uses_the_registered_reader(conn: sqlite3.Connection) -> None:
    assert outbox.read_record(conn, "thing", "abc") == {"uuid": "abc"}
    with pytest.raises(outbox.OutboxError):
        outbox.read_record(conn, "nope", "abc")
    assert outbox.last_success(conn) is None
