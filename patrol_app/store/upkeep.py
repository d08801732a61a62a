"""What `info` and `check` report: counts, paths, integrity."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from patrol_app.store import records
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
)


@dataclass
class CheckReport:
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


class Upkeep:
    def __init__(self, store: Store) -> None:
        self._store = store

    def record_counts(self) -> dict[str, int]:
        counts = {t: int(self._store.scalar(f"SELECT count(*) FROM {t}") or 0) for t in COUNTED_TABLES}
        counts["demo_reaches"] = int(self._store.scalar("SELECT count(*) FROM reaches WHERE demo = 1") or 0)
        return counts

    def pending_sync(self) -> dict[str, int]:
        return outbox.pending_by_kind(self._store.conn)

    def pending_sync_total(self) -> int:
        return outbox.pending_count(self._store.conn)

    def last_sync_success(self) -> str | None:
        return outbox.last_success(self._store.conn)

    def has_user_data(self) -> bool:
        """Anything a person made here: profiles or syncable records (not the seeded registry)."""
        tables = ["profiles", *(kind.table for kind in records.KINDS)]
        return bool(
            self._store.scalar("SELECT " + " OR ".join(f"EXISTS (SELECT 1 FROM {t})" for t in tables))
        )

    def check(self) -> CheckReport:
        report = CheckReport()
        conn = self._store.conn
        for (message,) in conn.execute("PRAGMA integrity_check"):
            if message != "ok":
                report.problems.append(f"integrity: {message}")
        for table, rowid, parent, _ in conn.execute("PRAGMA foreign_key_check"):
            report.problems.append(f"foreign key: {table} row {rowid} points to a missing {parent}")
        for kind in records.KINDS:
            orphans = conn.execute(
                f"""SELECT o.record_uuid FROM outbox o WHERE o.kind = ?
                    AND NOT EXISTS (SELECT 1 FROM {kind.table} r WHERE r.uuid = o.record_uuid)""",
                (kind.kind,),
            ).fetchall()
            report.problems.extend(f"outbox: {kind.kind} {u} has no record" for (u,) in orphans)
        unknown = conn.execute(
            "SELECT DISTINCT kind FROM outbox WHERE kind NOT IN (SELECT value FROM json_each(?))",
            (json.dumps([k.kind for k in records.KINDS]),),
        ).fetchall()
        report.problems.extend(f"outbox: unknown record kind {k!r}" for (k,) in unknown)
        stale = self._store.problems.stale_projections()
        report.problems.extend(f"problem {u}: its stored status differs from its event log" for u in stale)
        return report
