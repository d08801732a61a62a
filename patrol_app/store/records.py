"""The one write path for syncable records: the row and its outbox entry in one transaction.

Every record that leaves the laptop is written here, so it always gets a client-made UUIDv7, this
device's id, UTC created/updated times, a version that grows on each edit, a tombstone instead of
a hard delete, and a pending outbox entry committed together with the change. No other module
writes these tables (tests/test_layers.py), except `remote.py` for records received from the office.
A track no patrol uses yet is written with `insert_local` and queued by the edit that gives it one.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from patrol_app.domain.ids import iso_utc, utc_now, uuid7
from sync import outbox

if TYPE_CHECKING:
    from patrol_app.store.database import Store


@dataclass(frozen=True)
class SyncedKind:
    """A kind of syncable record: its wire name, its table and the columns callers may set."""

    kind: str
    table: str
    columns: tuple[str, ...]
    defaults: Mapping[str, Any] = field(default_factory=dict)  # for bulk inserts that leave a column out
    json_columns: frozenset[str] = frozenset()  # held as JSON text here, sent as JSON values
    local_columns: frozenset[str] = frozenset()  # never leave the laptop (e.g. the user's own file path)
    photo_column: str | None = None  # the upload copy's SHA-256 the office must hold for this record
    unique: str | None = None  # ON CONFLICT target of what makes two records the same thing (`insert_new`)
    local_rows: str | None = None  # SQL condition of rows that never leave the laptop (a covert draft)

    def row(self, values: Mapping[str, Any]) -> tuple[Any, ...]:
        """The values of every column in order, defaults where `values` leaves one out."""
        return tuple(values.get(c, self.defaults.get(c)) for c in self.columns)

    def read(self, conn: sqlite3.Connection, uuid: str) -> dict[str, Any] | None:
        """The row as stored here (every column, JSON as text)."""
        cur = conn.execute(f"SELECT * FROM {self.table} WHERE uuid = ?", (uuid,))
        row = cur.fetchone()
        if row is None:
            return None
        return dict(zip([c[0] for c in cur.description], row, strict=True))

    def wire(self, conn: sqlite3.Connection, uuid: str) -> dict[str, Any] | None:
        """The record in the wire format (sync and `export json` alike): the envelope every kind
        shares, then `data` with JSON decoded and local-only columns left out."""
        values = self.read(conn, uuid)
        if values is None:
            return None
        data = {c: (json.loads(values[c]) if c in self.json_columns and values[c] is not None else values[c])
                for c in self.columns if c not in self.local_columns}
        deleted = bool(values["deleted"])
        photo = values.get(self.photo_column) if self.photo_column else None
        return {
            "kind": self.kind, "uuid": values["uuid"], "version": values["version"],
            "device_id": values["device_id"], "created_at": values["created_at"],
            "updated_at": values["updated_at"], "deleted": deleted, "data": data,
            "photos": [photo] if photo and not deleted else [],
        }


PATROL = SyncedKind(
    "patrol",
    "patrols",
    (
        "reach_code",
        "profile_uuid",
        "patroller_name",
        "started_at",
        "ended_at",
        "duration_s",
        "distance_m",
        "mode",
        "status",
        "notes",
        "patroller_role",
        "rule_level",
        "on_behalf_of_uuid",
        "on_behalf_of_name",
        "weather",
        "checklist",
        "track_uuid",
        "moving_s",
        "coverage",
        "flags",
        "flag_count",
        "finalised_at",
        "revision",
    ),
    {"patroller_role": "", "rule_level": "village", "on_behalf_of_name": "", "weather": "", "checklist": "{}",
     "flags": "[]", "flag_count": 0, "revision": 0, "mode": "foot", "status": "draft", "notes": ""},
    json_columns=frozenset({"checklist", "flags"}),
)

TRACK = SyncedKind(
    "track",
    "tracks",
    (
        "patrol_uuid",
        "file_sha256",
        "file_name",
        "format",
        "crs_in",
        "points",
        "point_count",
        "segments",
        "distance_m",
        "duration_s",
        "moving_s",
        "started_at",
        "ended_at",
        "notes",
    ),
    json_columns=frozenset({"points", "notes"}),
)

PATROL_REVISION = SyncedKind(
    "patrol_revision",
    "patrol_revisions",
    ("patrol_uuid", "revision", "reason", "by_uuid", "by_name", "replaced"),
    json_columns=frozenset({"replaced"}),
)

PHOTO = SyncedKind(
    "photo",
    "photos",
    (
        "sha256",
        "upload_sha256",
        "format",
        "bytes",
        "original_name",
        "source_path",
        "width",
        "height",
        "orientation",
        "taken_at",
        "taken_at_zone",
        "taken_at_offset",
        "gps_time",
        "clock_offset_s",
        "lat",
        "lon",
        "alt",
        "position_source",
        "position_rejected",
        "altitude_rejected",
        "make",
        "model",
        "upload_width",
        "upload_height",
    ),
    local_columns=frozenset({"source_path"}),
    photo_column="upload_sha256",
    unique="(sha256)",  # the same bytes imported twice are one photo
)

PHOTO_LINK = SyncedKind("photo_link", "photo_links", ("photo_uuid", "target_kind", "target_uuid"),
                        unique="(photo_uuid, target_kind, target_uuid) WHERE deleted = 0")

PROBLEM = SyncedKind(
    "problem",
    "problems",
    (
        "code",
        "description",
        "severity",
        "urgency",
        "source",
        "reach_code",
        "found_at",
        "found_by_uuid",
        "found_by_name",
        "found_by_role",
        "found_by_unit",
        "lat",
        "lon",
        "position_source",
        "patrol_uuid",
    ),
)

PROBLEM_EVENT = SyncedKind(
    "problem_event",
    "problem_events",
    (
        "problem_uuid",
        "seq",
        "action",
        "at",
        "actor_uuid",
        "actor_name",
        "actor_role",
        "actor_unit",
        "note",
        "reason",
        "assignee_unit",
        "assignee_person",
        "deadline",
    ),
)

# A covert inspection (暗访检查, issue 15). A draft keeps its whole document in `draft` (JSON) or `sealed`
# (encrypted) and never leaves the laptop (`local_rows`); submitting fills the other columns and queues it.
COVERT_INSPECTION = SyncedKind(
    "covert_inspection",
    "covert_inspections",
    (
        "state",
        "unit_uuid",
        "unit_name",
        "quarter",
        "chief_uuid",
        "chief_name",
        "reach_codes",
        "started_at",
        "ended_at",
        "inspectors",
        "methods",
        "track_uuid",
        "conclusion",
        "major",
        "escalation",
        "follows_up",
        "rechecked",
        "finding_uuids",
        "submitted_at",
        "draft",
        "sealed",
    ),
    json_columns=frozenset({"reach_codes", "inspectors", "methods", "escalation", "rechecked", "finding_uuids"}),
    local_columns=frozenset({"draft", "sealed"}),
    local_rows="state = 'draft'",
)

# A maintenance crew's work log (管护日志, issue 16): work lines, workers and before/after photo pairs as JSON.
MAINTENANCE_LOG = SyncedKind(
    "maintenance_log",
    "maintenance_logs",
    (
        "crew_unit",
        "contract_uuid",
        "post",
        "reach_code",
        "started_at",
        "ended_at",
        "work",
        "workers",
        "photo_pairs",
        "notes",
        "problem_uuid",
        "rectify_event_uuid",
        "warnings",
        "warning_reason",
        "recorded_by_uuid",
        "recorded_by_name",
    ),
    json_columns=frozenset({"work", "workers", "photo_pairs", "warnings"}),
)

KINDS: tuple[SyncedKind, ...] = (PATROL, TRACK, PATROL_REVISION, PHOTO, PHOTO_LINK, PROBLEM, PROBLEM_EVENT,
                                 COVERT_INSPECTION, MAINTENANCE_LOG)
# Shown only to liaison-unit profiles: `wire_all` (export json) leaves them out unless asked.
COVERT_KINDS = frozenset({COVERT_INSPECTION.kind})
for _kind in KINDS:
    outbox.register_kind(_kind.kind, _kind.wire)


def _check_columns(kind: SyncedKind, values: Mapping[str, Any], extra: frozenset[str] = frozenset()) -> None:
    unknown = set(values) - set(kind.columns) - extra
    if unknown:
        raise ValueError(f"{kind.kind}: unknown columns {sorted(unknown)}")


def save(store: Store, kind: SyncedKind, values: Mapping[str, Any], *, uuid: str | None = None) -> tuple[str, int]:
    """Insert a new record (uuid None) or a new version of an existing one; returns (uuid, version)."""
    _check_columns(kind, values)
    now = iso_utc(utc_now())
    with store.write() as conn:
        if uuid is None:
            uuid = uuid7()
            insert_one(conn, store.device_id, kind, uuid, values, now=now)
            return uuid, 1
        return uuid, update_in(conn, kind, uuid, values, now)


def update_in(conn: sqlite3.Connection, kind: SyncedKind, uuid: str, values: Mapping[str, Any], now: str) -> int:
    """A new version of an existing record inside the caller's `store.write()`; returns the new version."""
    _check_columns(kind, values)
    sets = "".join(f", {c} = ?" for c in values)
    row = conn.execute(
        f"UPDATE {kind.table} SET version = version + 1, updated_at = ?{sets} "
        "WHERE uuid = ? AND deleted = 0 RETURNING version",
        (now, *values.values(), uuid),
    ).fetchone()
    if row is None:
        raise KeyError(f"no {kind.kind} {uuid}")
    outbox.enqueue(conn, kind.kind, uuid, int(row[0]))
    return int(row[0])


def insert_one(conn: sqlite3.Connection, device_id: str, kind: SyncedKind, uuid: str,
               values: Mapping[str, Any], *, now: str | None = None) -> None:
    """Insert one new record with a uuid the caller chose, inside the caller's `store.write()`."""
    insert_local(conn, device_id, kind, uuid, values, now=now)
    outbox.enqueue(conn, kind.kind, uuid, 1)


def insert_new(conn: sqlite3.Connection, device_id: str, kind: SyncedKind, rows: Sequence[Mapping[str, Any]], *,
               now: str | None = None, queue: bool = True) -> list[str | None]:
    """Bulk insert of records unless the same thing is held already (the kind's `unique` key), each new
    one enqueued (unless `queue` is False: kept on this laptop, as `insert_local`, until `share_in`),
    inside the caller's `store.write()`. Returns, row by row, the new record's uuid or None."""
    if kind.unique is None:
        raise ValueError(f"{kind.kind}: no unique key to insert against")
    now = now or iso_utc(utc_now())
    cols = ["uuid", "device_id", "created_at", "updated_at", "version", *kind.columns]
    sql = (f"INSERT INTO {kind.table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))}) "
           f"ON CONFLICT {kind.unique} DO NOTHING")
    uuids = [uuid7() for _ in rows]
    conn.executemany(sql, [(uuid, device_id, now, now, 1, *kind.row(values))
                           for uuid, values in zip(uuids, rows, strict=True)])
    # The uuids are new: those now in the table are the rows this statement wrote.
    held = {u for (u,) in conn.execute(f"SELECT uuid FROM {kind.table} WHERE uuid IN (SELECT value FROM json_each(?))",
                                       (json.dumps(uuids),))}
    written = [u if u in held else None for u in uuids]
    if queue:
        outbox.enqueue_many(conn, kind.kind, ((u, 1) for u in written if u is not None))
    return written


def insert_local(conn: sqlite3.Connection, device_id: str, kind: SyncedKind, uuid: str,
                 values: Mapping[str, Any], *, now: str | None = None) -> None:
    """Insert a record that stays on this laptop for now, inside the caller's `store.write()`: no outbox
    entry. Its first `update_in` queues the version it then has (a track once a patrol uses it)."""
    _check_columns(kind, values)
    now = now or iso_utc(utc_now())
    cols = ["uuid", "device_id", "created_at", "updated_at", "version", *values]
    conn.execute(
        f"INSERT INTO {kind.table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
        (uuid, device_id, now, now, 1, *values.values()),
    )


def update_local(conn: sqlite3.Connection, kind: SyncedKind, uuid: str, values: Mapping[str, Any], now: str) -> int:
    """A new version of a record that stays on this laptop (one of the kind's `local_rows`, a covert
    draft), inside the caller's `store.write()`: no outbox entry. Such a row has never been queued: the
    one way out of `local_rows` is `update_in`, which queues. Returns the new version."""
    _check_columns(kind, values)
    sets = "".join(f", {c} = ?" for c in values)
    row = conn.execute(
        f"UPDATE {kind.table} SET version = version + 1, updated_at = ?{sets} "
        f"WHERE uuid = ? AND deleted = 0 AND ({_local_rows(kind)}) RETURNING version",
        (now, *values.values(), uuid),
    ).fetchone()
    if row is None:
        raise KeyError(f"no local {kind.kind} {uuid}")
    return int(row[0])


def discard_local(conn: sqlite3.Connection, kind: SyncedKind, uuid: str) -> None:
    """Remove, inside the caller's `store.write()`, a record that never left the laptop (one of the
    kind's `local_rows`: a discarded covert draft), so no tombstone is owed to anyone."""
    if conn.execute(f"DELETE FROM {kind.table} WHERE uuid = ? AND ({_local_rows(kind)})", (uuid,)).rowcount != 1:
        raise KeyError(f"no local {kind.kind} {uuid}")


def _local_rows(kind: SyncedKind) -> str:
    if kind.local_rows is None:
        raise ValueError(f"{kind.kind}: no rows of this kind stay local")
    return kind.local_rows


def seal_backup_drafts(path: Path, kind: SyncedKind, seal: Callable[[str, str], bytes],
                       passphrase_row: tuple[Any, ...]) -> int:
    """In a backup FILE of the database (not the live one), seal the plain drafts of `kind` (its local rows,
    a covert draft's `draft` → `sealed`, `seal(uuid, text)`), store the passphrase's row with them, and
    rewrite the file (VACUUM) so no plain page stays. Nothing is queued: these rows never leave the laptop,
    and the file is a copy. Returns 1 if the file had such drafts, else 0 (`store.covert.seal_backups`)."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        tables = {n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not {kind.table, "covert_passphrase"} <= tables:
            return 0
        plain = conn.execute(f"SELECT uuid, draft FROM {kind.table} WHERE ({_local_rows(kind)}) AND draft IS NOT NULL"
                             ).fetchall()
        if not plain:
            return 0
        conn.execute("PRAGMA secure_delete = ON")
        conn.execute("BEGIN IMMEDIATE")
        try:
            for uuid, text in plain:
                conn.execute(f"UPDATE {kind.table} SET draft = NULL, sealed = ? WHERE uuid = ?",
                             (seal(uuid, text), uuid))
            conn.execute("DELETE FROM covert_passphrase")
            conn.execute("INSERT INTO covert_passphrase (id, kdf, params, salt, check_value, created_at) "
                         "VALUES (1, ?, ?, ?, ?, ?)", passphrase_row)
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("VACUUM")  # the file is rewritten: the plain pages are gone, not just freed
        return 1
    finally:
        conn.close()


def share_in(conn: sqlite3.Connection, kind: SyncedKind, uuid: str) -> bool:
    """Queue the version a record has, if no version of it was ever queued (a track kept on the laptop
    until a covert inspection that uses it is submitted), inside the caller's `store.write()`. Returns
    whether it was queued now."""
    row = conn.execute(f"SELECT version FROM {kind.table} WHERE uuid = ?", (uuid,)).fetchone()
    if row is None:
        raise KeyError(f"no {kind.kind} {uuid}")
    if outbox.ever_queued(conn, kind.kind, uuid):
        return False
    outbox.enqueue(conn, kind.kind, uuid, int(row[0]))
    return True


def copy_local(conn: sqlite3.Connection, device_id: str, kind: SyncedKind, source: str,
               values: Mapping[str, Any], *, now: str) -> str:
    """A new local record (as `insert_local`) with the columns of record `source`, `values` changed;
    inside the caller's `store.write()`. Copied by SQLite: a day's track is not read into Python."""
    _check_columns(kind, values)
    uuid = uuid7()
    taken = ", ".join("?" if c in values else c for c in kind.columns)
    cur = conn.execute(
        f"INSERT INTO {kind.table} (uuid, device_id, created_at, updated_at, version, {', '.join(kind.columns)}) "
        f"SELECT ?, ?, ?, ?, 1, {taken} FROM {kind.table} WHERE uuid = ?",
        (uuid, device_id, now, now, *(values[c] for c in kind.columns if c in values), source),
    )
    if cur.rowcount != 1:
        raise KeyError(f"no {kind.kind} {source}")
    return uuid


def insert_given(conn: sqlite3.Connection, device_id: str, kind: SyncedKind,
                 rows: Iterable[tuple[str, str, Mapping[str, Any]]]) -> int:
    """Bulk insert of new records whose (uuid, created_at) the caller chose, each enqueued, inside the
    caller's `store.write()`. For generators that must link records to each other by uuid."""
    cols = ["uuid", "device_id", "created_at", "updated_at", "version", *kind.columns]
    sql = f"INSERT INTO {kind.table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
    batch = [(uuid, device_id, created, created, 1, *kind.row(values))
             for uuid, created, values in rows]
    return _flush(conn, kind, sql, batch)


def tombstone(store: Store, kind: SyncedKind, uuid: str) -> int:
    """Mark a record deleted (never removed once it may have been synced); returns the new version."""
    with store.write() as conn:
        return tombstone_in(conn, kind, uuid, iso_utc(utc_now()))


def tombstone_in(conn: sqlite3.Connection, kind: SyncedKind, uuid: str, now: str) -> int:
    """`tombstone` inside the caller's `store.write()` transaction."""
    row = conn.execute(
        f"UPDATE {kind.table} SET deleted = 1, version = version + 1, updated_at = ? "
        "WHERE uuid = ? AND deleted = 0 RETURNING version",
        (now, uuid),
    ).fetchone()
    if row is None:
        raise KeyError(f"no {kind.kind} {uuid}")
    outbox.enqueue(conn, kind.kind, uuid, int(row[0]), op=outbox.DELETE)
    return int(row[0])


def insert_many(conn: sqlite3.Connection, device_id: str, kind: SyncedKind, rows: Iterable[Mapping[str, Any]]) -> int:
    """Bulk insert of new records inside the caller's `store.write()` transaction, each enqueued.

    For importers and the demo generator; a row may give its own `created_at` (records made
    earlier elsewhere). Returns the number of rows written.
    """
    now = iso_utc(utc_now())
    cols = ["uuid", "device_id", "created_at", "updated_at", "version", *kind.columns]
    sql = f"INSERT INTO {kind.table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
    batch: list[tuple[Any, ...]] = []
    written = 0
    for values in rows:
        _check_columns(kind, values, frozenset({"created_at"}))
        created = values.get("created_at") or now
        batch.append((uuid7(), device_id, created, created, 1, *kind.row(values)))
        if len(batch) >= 5000:
            written += _flush(conn, kind, sql, batch)
    written += _flush(conn, kind, sql, batch)
    return written


def _flush(conn: sqlite3.Connection, kind: SyncedKind, sql: str, batch: list[tuple[Any, ...]]) -> int:
    conn.executemany(sql, batch)
    outbox.enqueue_many(conn, kind.kind, ((row[0], 1) for row in batch))
    n = len(batch)
    batch.clear()
    return n


def wire_all(conn: sqlite3.Connection, *, covert: bool = False) -> Iterator[dict[str, Any]]:
    """Every syncable record in the wire format, kind by kind, in uuid order (for `export json`).

    Rows that never leave the laptop (covert drafts) are never written; submitted covert inspections
    only with `covert=True`, which the caller passes only for a liaison unit's profile. Photos and tracks
    a covert inspection holds (`covert_held`) likewise: never while they wait for its submission (never
    queued), and a submitted inspection's route (queued, still held) only with `covert=True`."""
    held = {u for (u,) in conn.execute("SELECT item_uuid FROM covert_held")}
    for kind in KINDS:
        if kind.kind in COVERT_KINDS and not covert:
            continue
        shared = f"WHERE NOT ({kind.local_rows})" if kind.local_rows else ""
        uuids = [u for (u,) in conn.execute(f"SELECT uuid FROM {kind.table} {shared} ORDER BY uuid")]
        if kind in (PHOTO, TRACK) and held:
            uuids = [u for u in uuids
                     if u not in held or (covert and outbox.ever_queued(conn, kind.kind, u))]
        for uuid in uuids:
            record = kind.wire(conn, uuid)
            if record is not None:
                yield record
