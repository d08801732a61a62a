"""What `info` and `check` report: counts, paths, integrity."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from patrol_app.store import records
from patrol_app.store.errors import DatabaseDamaged, classify
from sync import outbox

if TYPE_CHECKING:
    from patrol_app.store.database import Store

COUNTED_TABLES = (
    "divisions",
    "waterbodies",
    "reaches",
    "chiefs",
    "liaison_units",
    "profiles",
    "patrol_rules",
    "patrols",
    "tracks",
    "patrol_revisions",
    "photos",
    "photo_links",
    "problems",
    "problem_events",
    "maintenance_logs",
    "contracts",
)


@dataclass
class CheckReport:
    """What `check` found: `problems` (damage: exit 1) and `notices` (worth knowing, not damage)."""

    problems: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    damaged: bool = False  # the database itself is damaged (later checks may not have run)

    @property
    def ok(self) -> bool:
        return not self.problems


COVERT_KIND = records.COVERT_INSPECTION.kind


class Upkeep:
    def __init__(self, store: Store) -> None:
        self._store = store

    def record_counts(self) -> dict[str, int]:
        counts = {t: int(self._store.scalar(f"SELECT count(*) FROM {t}") or 0) for t in COUNTED_TABLES}
        counts["demo_reaches"] = int(self._store.scalar("SELECT count(*) FROM reaches WHERE demo = 1") or 0)
        if self._store.covert.visible():  # covert inspections are counted for a liaison unit's profile only
            counts["covert_inspections"] = int(self._store.scalar(
                "SELECT count(*) FROM covert_inspections WHERE deleted = 0") or 0)
        else:  # and so are the photos and routes a covert inspection holds
            for table, held in self._held().items():
                counts[table] -= len(held)
        return counts

    def _held(self) -> dict[str, list[str]]:
        """The photos and tracks covert inspections hold (drafts' photos, every route), by table."""
        held: dict[str, list[str]] = {"photos": [], "tracks": []}
        for uuid, kind in self._store.conn.execute("SELECT item_uuid, item_kind FROM covert_held"):
            held["photos" if kind == "photo" else "tracks"].append(uuid)
        return held

    def _hidden_pending(self) -> dict[str, int]:
        """Pending entries a non-liaison profile is not told of: covert inspections and their routes
        (a draft's photos are never queued; a submitted one's are a problem's evidence, and counted)."""
        hidden = {COVERT_KIND: outbox.pending_by_kind(self._store.conn).get(COVERT_KIND, 0)}
        routes = self._held()["tracks"]
        if routes:
            hidden[records.TRACK.kind] = outbox.pending_among(self._store.conn, records.TRACK.kind, routes)
        return hidden

    def pending_sync(self) -> dict[str, int]:
        """What waits for upload, by kind. Covert inspections are counted for a liaison unit's profile
        only: a chief on a shared laptop is not told that an inspection of his reaches waits to go
        (it still goes with the next upload, whoever is signed in)."""
        counts = outbox.pending_by_kind(self._store.conn)
        if not self._store.covert.visible():
            for kind, n in self._hidden_pending().items():
                counts[kind] = counts.get(kind, 0) - n
            counts = {kind: n for kind, n in counts.items() if n > 0}
        return counts

    def pending_sync_total(self) -> int:
        total = outbox.pending_count(self._store.conn)
        if not self._store.covert.visible():
            total -= sum(self._hidden_pending().values())
        return total

    def last_sync_success(self) -> str | None:
        return outbox.last_success(self._store.conn)

    def rejected_sync(self, limit: int = 200) -> list[outbox.RejectedEntry]:
        """Versions the office refused (with its reason) that no newer edit has replaced (covert
        inspections only in a liaison unit's profile)."""
        refused = outbox.rejected(self._store.conn, limit)
        if self._store.covert.visible():
            return refused
        return [entry for entry in refused if entry.kind != COVERT_KIND]

    def has_user_data(self) -> bool:
        """Anything a person made here: profiles or syncable records (not the seeded registry)."""
        tables = ["profiles", *(kind.table for kind in records.KINDS)]
        return bool(
            self._store.scalar("SELECT " + " OR ".join(f"EXISTS (SELECT 1 FROM {t})" for t in tables))
        )

    def check(self) -> CheckReport:
        """Every check that can run, each on its own: one that meets a damaged database says so
        and the rest still run (a damaged file must never crash `check`)."""
        report = CheckReport()
        if self._store.damage:
            report.damaged = True
            report.problems.extend(f"file: {m}" for m in self._store.damage)
        integrity = self._stage(report, "integrity check", self._integrity)
        if integrity:
            report.damaged = True
            report.problems.extend(f"integrity: {m}" for m in integrity)
        for name, stage in (("foreign keys", self._foreign_keys), ("outbox", self._outbox),
                            ("unqueued records", self._unqueued), ("problem status", self._projections)):
            report.problems.extend(self._stage(report, name, stage))
        return report

    def _stage(self, report: CheckReport, name: str, stage: Callable[[], list[str]]) -> list[str]:
        try:
            return stage()
        except sqlite3.DatabaseError as exc:
            fault = classify(exc, self._store.path)
            if not isinstance(fault, DatabaseDamaged):
                raise
            report.damaged = True
            return [f"{name}: could not run, the database is damaged ({exc})"]

    def _integrity(self) -> list[str]:
        found = [str(m) for (m,) in self._store.conn.execute("PRAGMA integrity_check")]
        return [] if found == ["ok"] else found

    def _foreign_keys(self) -> list[str]:
        return [f"foreign key: {table} row {rowid} points to a missing {parent}"
                for table, rowid, parent, _ in self._store.conn.execute("PRAGMA foreign_key_check")]

    def _outbox(self) -> list[str]:
        conn = self._store.conn
        found: list[str] = []
        for kind in records.KINDS:
            orphans = conn.execute(
                f"""SELECT o.record_uuid FROM outbox o WHERE o.kind = ?
                    AND NOT EXISTS (SELECT 1 FROM {kind.table} r WHERE r.uuid = o.record_uuid)""",
                (kind.kind,),
            ).fetchall()
            found.extend(f"outbox: {kind.kind} {u} has no record" for (u,) in orphans)
        unknown = conn.execute(
            "SELECT DISTINCT kind FROM outbox WHERE kind NOT IN (SELECT value FROM json_each(?))",
            (json.dumps([k.kind for k in records.KINDS]),),
        ).fetchall()
        found.extend(f"outbox: unknown record kind {k!r}" for (k,) in unknown)
        return found

    def _unqueued(self) -> list[str]:
        """The reverse of `_outbox`: every version this device wrote is queued or was answered by the
        office (acknowledged, or refused with a reason the sync page shows); else it would never go up.

        Not checked: records received from the office (another `device_id`: never queued), tracks
        no patrol uses (kept on this laptop until one does, docs/sync-protocol.md "Tracks not used"), and
        covert drafts and the photos imported for them (never leave the laptop until submitted).
        One query per kind: SQLite puts the kind's outbox entries in one transient index and probes it
        once per record, so the cost grows as n log n (the outbox has no index on `record_uuid` for
        answered entries; a correlated NOT EXISTS would scan it once per record). Measured: 5 ms on the
        small demo (1,900 records), 2–4 s on the large one (790,000), where `integrity_check` takes 9 s.
        """
        conn = self._store.conn
        found: list[str] = []
        states = (outbox.PENDING, outbox.SENT, outbox.REJECTED)
        for kind in records.KINDS:
            local = "AND NOT (r.patrol_uuid IS NULL AND r.deleted = 0)" if kind is records.TRACK else ""
            if kind.local_rows:  # covert drafts: never queued until submitted
                local += f" AND NOT ({kind.local_rows})"
            if kind is records.PHOTO:  # imported for a covert draft: queued when it is submitted
                local += " AND NOT EXISTS (SELECT 1 FROM covert_held h WHERE h.item_uuid = r.uuid)"
            rows = conn.execute(
                f"""SELECT r.uuid, r.version FROM {kind.table} r
                    WHERE r.device_id = ? {local}
                      AND (r.uuid, r.version) NOT IN (
                          SELECT record_uuid, version FROM outbox WHERE kind = ? AND state IN (?, ?, ?))""",
                (self._store.device_id, kind.kind, *states),
            ).fetchall()
            found.extend(
                f"outbox: {kind.kind} {uuid} 第 {version} 版既不在待上传队列中，市河长办也没有答复过：它永远不会上传。"
                f" Version {version} is neither queued for upload nor answered by the office: it would never go up."
                for uuid, version in sorted(rows)
            )
        return found

    def _projections(self) -> list[str]:
        stale = self._store.problems.stale_projections()
        return [f"problem {u}: its stored status differs from its event log" for u in stale]
