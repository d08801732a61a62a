"""Records received from the office: kept exactly as their origin made them, never sent back.

A local write (records.py) stamps this device, "now" and a new version, and enqueues; a received
record must keep its origin's uuid, `device_id`, `created_at`, `updated_at` and version, and must not
enqueue (the office has it). This is the only path for such records. The page of records and the
pull cursor that follows it commit in one transaction, so a sync cut at any moment neither loses a
record nor applies one twice.

Which kinds arrive, and what is done with them (docs/sync-protocol.md, "What flows down"):
- `problem`: inserted, or updated when the office sends a newer version from the same origin;
  a record this device wrote itself is never overwritten (the office does not send them).
- `problem_event`: appended (events are immutable; a known uuid is ignored), then the problem's
  status is folded again. Events may arrive before their problem: the status is written when the
  problem arrives. Photos named by a received event that this device does not hold are not linked.
Other kinds are counted as skipped, and the cursor moves past them.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from patrol_app.domain.ids import iso_utc, utc_now
from patrol_app.store import records
from patrol_app.store.settings import Setting

if TYPE_CHECKING:
    from patrol_app.store.database import Store

PULL_CURSOR = Setting("sync_pull_cursor", "0")
# The office's 交办 that arrived for this device's people: how many, and when (the home page says so).
ASSIGNMENTS_ARRIVED = Setting("sync_assignments_arrived", "")

RECEIVABLE = {records.PROBLEM.kind: records.PROBLEM, records.PROBLEM_EVENT.kind: records.PROBLEM_EVENT}


@dataclass
class RemoteApplied:
    records: int = 0  # inserted or updated here
    assignments: int = 0  # new `assign` events for one of this device's units or people
    skipped: int = 0  # known already, older than what is here, or a kind this app does not take
    problems: set[str] = field(default_factory=set)  # problems whose status may have changed


class Remote:
    def __init__(self, store: Store) -> None:
        self._store = store

    def cursor(self) -> int:
        try:
            return max(0, int(self._store.settings.get(PULL_CURSOR)))
        except ValueError:
            return 0

    def apply(self, received: Iterable[Mapping[str, Any]], cursor: int, *,
              units: Iterable[str] = (), people: Iterable[str] = ()) -> RemoteApplied:
        """Apply records in the wire format and keep `cursor`, in one transaction."""
        from patrol_app.store.problems import write_statuses

        mine_units = {u for u in units if u}
        mine_people = {p for p in people if p}
        outcome = RemoteApplied()
        with self._store.write() as conn:
            for doc in received:
                kind = RECEIVABLE.get(str(doc.get("kind")))
                if kind is None or str(doc.get("device_id")) == self._store.device_id:
                    outcome.skipped += 1
                    continue
                if not _apply_one(conn, kind, doc):
                    outcome.skipped += 1
                    continue
                outcome.records += 1
                data = doc["data"]
                if kind is records.PROBLEM_EVENT:
                    outcome.problems.add(str(data["problem_uuid"]))
                    if data.get("action") == "assign" and (data.get("assignee_unit") in mine_units
                                                           or data.get("assignee_person") in mine_people):
                        outcome.assignments += 1
                else:
                    outcome.problems.add(str(doc["uuid"]))
            statuses = []
            for problem_uuid in sorted(outcome.problems):
                found = conn.execute("SELECT found_at FROM problems WHERE uuid = ?", (problem_uuid,)).fetchone()
                if found is not None:  # events that came before their problem wait for it
                    statuses.append((self._store.problems.fold_in(conn, problem_uuid), found[0]))
            write_statuses(conn, statuses)
            _set(conn, PULL_CURSOR, str(cursor))
            if outcome.assignments:
                _set(conn, ASSIGNMENTS_ARRIVED, json.dumps({"count": outcome.assignments, "at": iso_utc(utc_now())}))
        return outcome

    def assignments_arrived(self) -> tuple[int, str] | None:
        """The office's 交办 that the last sync which brought any brought: (how many, when)."""
        raw = self._store.settings.get(ASSIGNMENTS_ARRIVED)
        try:
            value = json.loads(raw) if raw else None
            return (int(value["count"]), str(value["at"])) if value else None
        except (ValueError, KeyError, TypeError):
            return None


def _apply_one(conn: sqlite3.Connection, kind: records.SyncedKind, doc: Mapping[str, Any]) -> bool:
    data = doc["data"]
    values = {c: (json.dumps(data.get(c)) if c in kind.json_columns else data.get(c))
              for c in kind.columns if c in data}
    envelope = {"uuid": doc["uuid"], "device_id": doc["device_id"], "created_at": doc["created_at"],
                "updated_at": doc["updated_at"], "version": int(doc["version"]), "deleted": int(bool(doc.get("deleted")))}
    here = conn.execute(f"SELECT version, device_id FROM {kind.table} WHERE uuid = ?", (doc["uuid"],)).fetchone()
    if here is None:
        row = {**envelope, **values}
        conn.execute(f"INSERT INTO {kind.table} ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
                     tuple(row.values()))
        return True
    if kind is records.PROBLEM_EVENT or here[1] != doc["device_id"] or int(here[0]) >= envelope["version"]:
        return False  # events never change; another origin's record or an older version is not taken
    sets = {k: v for k, v in {**envelope, **values}.items() if k != "uuid"}
    conn.execute(f"UPDATE {kind.table} SET {', '.join(f'{c} = ?' for c in sets)} WHERE uuid = ?",
                 (*sets.values(), doc["uuid"]))
    return True


def _set(conn: sqlite3.Connection, setting: Setting, value: str) -> None:
    conn.execute("INSERT INTO app_settings (key, value) VALUES (?, ?) "
                 "ON CONFLICT (key) DO UPDATE SET value = excluded.value", (setting.key, value))
