"""The transactional outbox (待上传队列): what is waiting to be sent to the office.

The outbox lives in the app's SQLite database so that a change and its entry commit in the same
transaction. Entries name a record (kind, uuid, version), not its content: the sender reads the
record as it is when the batch is built, so several edits before a sync send one upsert of the
latest version. At most one entry per record is pending at a time.

All functions take the caller's `sqlite3.Connection`; `enqueue` must run inside the caller's open
transaction, which is the whole point.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

UPSERT = "upsert"
DELETE = "delete"

PENDING = "pending"
SENT = "sent"  # the office acknowledged this version
REJECTED = "rejected"  # the office refused it (validation); shown to the user with the reason

_SCHEMA_V1 = """
CREATE TABLE outbox (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL,
    record_uuid TEXT NOT NULL,
    version INTEGER NOT NULL CHECK (version >= 1),
    op TEXT NOT NULL CHECK (op IN ('upsert', 'delete')),
    enqueued_at TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'rejected')),
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    acked_at TEXT
);
CREATE UNIQUE INDEX outbox_one_pending ON outbox (kind, record_uuid) WHERE state = 'pending';
CREATE INDEX outbox_state ON outbox (state, seq);
CREATE TABLE sync_state (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
"""

# Outbox schema versions, applied in order by the app's migrations (one transaction each).
SCHEMA_STEPS: tuple[str, ...] = (_SCHEMA_V1,)


class OutboxError(Exception):
    """A misuse of the outbox (a bug in the caller, not an environment fault)."""


@dataclass(frozen=True)
class OutboxEntry:
    seq: int
    kind: str
    record_uuid: str
    version: int
    op: str
    enqueued_at: str
    attempts: int


RecordReader = Callable[[sqlite3.Connection, str], dict[str, Any] | None]
_kinds: dict[str, RecordReader] = {}


def register_kind(kind: str, reader: RecordReader) -> None:
    """Tell sync that records of `kind` exist and how to read one (as a wire-format dict)."""
    _kinds[kind] = reader


def known_kinds() -> tuple[str, ...]:
    return tuple(sorted(_kinds))


def read_record(conn: sqlite3.Connection, kind: str, record_uuid: str) -> dict[str, Any] | None:
    try:
        reader = _kinds[kind]
    except KeyError:
        raise OutboxError(f"unknown record kind {kind!r}") from None
    return reader(conn, record_uuid)


def apply_schema_step(conn: sqlite3.Connection, step: int) -> None:
    """Run outbox schema step `step` (1-based) with individual statements, inside the caller's
    transaction (executescript would commit it)."""
    for statement in SCHEMA_STEPS[step - 1].split(";"):
        if statement.strip():
            conn.execute(statement)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def enqueue(conn: sqlite3.Connection, kind: str, record_uuid: str, version: int, op: str = UPSERT) -> None:
    """Queue `version` of a record for upload, in the caller's open transaction.

    A record already pending keeps one entry, moved up to the newer version.
    """
    if not conn.in_transaction:
        raise OutboxError("enqueue must run inside the transaction that writes the record")
    if kind not in _kinds:
        raise OutboxError(f"unknown record kind {kind!r}")
    if op not in (UPSERT, DELETE):
        raise OutboxError(f"unknown op {op!r}")
    conn.execute(
        """
        INSERT INTO outbox (kind, record_uuid, version, op, enqueued_at)
        VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (kind, record_uuid) WHERE state = 'pending'
        DO UPDATE SET version = max(version, excluded.version), op = excluded.op,
                      enqueued_at = excluded.enqueued_at
        """,
        (kind, record_uuid, version, op, _now()),
    )


def enqueue_many(conn: sqlite3.Connection, kind: str, items: Iterable[tuple[str, int]]) -> None:
    """`enqueue` for many (uuid, version) upserts of one kind, for bulk writers."""
    if not conn.in_transaction:
        raise OutboxError("enqueue must run inside the transaction that writes the records")
    if kind not in _kinds:
        raise OutboxError(f"unknown record kind {kind!r}")
    now = _now()
    conn.executemany(
        """
        INSERT INTO outbox (kind, record_uuid, version, op, enqueued_at)
        VALUES (?, ?, ?, 'upsert', ?)
        ON CONFLICT (kind, record_uuid) WHERE state = 'pending'
        DO UPDATE SET version = max(version, excluded.version), enqueued_at = excluded.enqueued_at
        """,
        ((kind, uuid, version, now) for uuid, version in items),
    )


def ever_queued(conn: sqlite3.Connection, kind: str, record_uuid: str) -> bool:
    """Whether any version of this record was ever queued (pending, sent or rejected). Not indexed for
    answered entries: for a rare check (a record kept local until one action shares it), not a loop."""
    row = conn.execute("SELECT 1 FROM outbox WHERE kind = ? AND record_uuid = ? LIMIT 1", (kind, record_uuid))
    return row.fetchone() is not None


def pending_count(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT count(*) FROM outbox WHERE state = 'pending'").fetchone()[0])


def pending_by_kind(conn: sqlite3.Connection) -> dict[str, int]:
    rows = conn.execute(
        "SELECT kind, count(*) FROM outbox WHERE state = 'pending' GROUP BY kind ORDER BY kind"
    )
    return {kind: int(n) for kind, n in rows}


def pending_among(conn: sqlite3.Connection, kind: str, record_uuids: list[str]) -> int:
    """How many of these records of `kind` wait to be sent."""
    return int(conn.execute(
        "SELECT count(*) FROM outbox WHERE state = 'pending' AND kind = ? "
        "AND record_uuid IN (SELECT value FROM json_each(?))", (kind, json.dumps(record_uuids))).fetchone()[0])


def pending(conn: sqlite3.Connection, limit: int = 500, *, after_seq: int = 0) -> list[OutboxEntry]:
    """Pending entries in queue order; `after_seq` lets one sync pass walk the queue once."""
    rows = conn.execute(
        """SELECT seq, kind, record_uuid, version, op, enqueued_at, attempts FROM outbox
           WHERE state = 'pending' AND seq > ? ORDER BY seq LIMIT ?""",
        (after_seq, limit),
    )
    return [OutboxEntry(*row) for row in rows]


def acknowledge(conn: sqlite3.Connection, seq: int, version: int) -> bool:
    """Mark an entry sent once the office acknowledged `version`.

    If the record was edited after the batch was built, the entry has moved to a newer version and
    stays pending; returns whether it was marked.
    """
    cur = conn.execute(
        "UPDATE outbox SET state = 'sent', acked_at = ? WHERE seq = ? AND version = ? AND state = 'pending'",
        (_now(), seq, version),
    )
    return cur.rowcount == 1


def reject(conn: sqlite3.Connection, seq: int, version: int, reason: dict[str, str]) -> bool:
    """The office refused this version (validation): keep it, with the reason, out of the queue.

    A later edit of the record queues a new pending entry, which is sent again.
    """
    cur = conn.execute(
        """UPDATE outbox SET state = 'rejected', attempts = attempts + 1, last_error = ?, acked_at = ?
           WHERE seq = ? AND version = ? AND state = 'pending'""",
        (json.dumps(reason, ensure_ascii=False), _now(), seq, version),
    )
    return cur.rowcount == 1


def note_attempt(conn: sqlite3.Connection, seq: int, error: str) -> None:
    """An attempt that left the entry pending (e.g. its photo has not arrived yet)."""
    conn.execute("UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE seq = ? AND state = 'pending'",
                 (error, seq))


@dataclass(frozen=True)
class RejectedEntry:
    seq: int
    kind: str
    record_uuid: str
    version: int
    reason: dict[str, str]
    at: str | None


def rejected(conn: sqlite3.Connection, limit: int = 200) -> list[RejectedEntry]:
    """Rejected versions that no newer version has replaced, newest first."""
    rows = conn.execute(
        """SELECT seq, kind, record_uuid, version, last_error, acked_at FROM outbox r
           WHERE state = 'rejected' AND NOT EXISTS (
               SELECT 1 FROM outbox n WHERE n.kind = r.kind AND n.record_uuid = r.record_uuid AND n.seq > r.seq)
           ORDER BY seq DESC LIMIT ?""",
        (limit,),
    )
    out = []
    for seq, kind, uuid, version, error, at in rows:
        try:
            reason = json.loads(error or "{}")
        except ValueError:
            reason = {"code": "unknown", "zh": str(error), "en": str(error)}
        out.append(RejectedEntry(seq, kind, uuid, version, reason, at))
    return out


def record_success(conn: sqlite3.Connection, when: str | None = None) -> None:
    """The office acknowledged a batch from this device: 'last upload arrived' is now."""
    conn.execute(
        "INSERT INTO sync_state (key, value) VALUES ('last_success_at', ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (when or _now(),),
    )


def state_value(conn: sqlite3.Connection, key: str) -> str | None:
    row = conn.execute("SELECT value FROM sync_state WHERE key = ?", (key,)).fetchone()
    return row[0] if row else None


def set_state_value(conn: sqlite3.Connection, key: str, value: str) -> None:
    conn.execute("INSERT INTO sync_state (key, value) VALUES (?, ?) "
                 "ON CONFLICT (key) DO UPDATE SET value = excluded.value", (key, value))


def last_success(conn: sqlite3.Connection) -> str | None:
    """When the office last acknowledged an upload from this device (UTC ISO 8601), or None."""
    row = conn.execute("SELECT value FROM sync_state WHERE key = 'last_success_at'").fetchone()
    return row[0] if row else None
