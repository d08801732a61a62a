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
- `contract`: a maintenance crew's contract (管护合同), the office's: upserted into `contracts` when newer
  (`store/maintenance.apply_contract`).
- the register the office owns (`division`, `waterbody`, `reach`, `chief`, `liaison_unit`,
  `patrol_rule`): upserted into the register tables (not syncable records: the office's copy is the
  truth). The first real reaches retire the demo register: demo chiefs and liaison units go, and demo
  reaches stay only where a patrol, problem or profile uses them (still marked demo).
An entry whose parent this device does not have (a reach on an unknown waterbody), and any other
kind, is counted as skipped, and the cursor moves past it.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from patrol_app.domain.ids import iso_utc, utc_now
from patrol_app.store import records
from patrol_app.store.maintenance import CONTRACT_KIND, apply_contract
from patrol_app.store.schema import REGISTER_CHANGED_AT
from patrol_app.store.settings import Setting
from sync.protocol import OFFICE_DEVICE

if TYPE_CHECKING:
    from patrol_app.store.database import Store

PULL_CURSOR = Setting("sync_pull_cursor", "0")
# The office's 交办 that arrived for this device's people: how many, and when (the home page says so).
ASSIGNMENTS_ARRIVED = Setting("sync_assignments_arrived", "")

REGISTER_KINDS = frozenset({"division", "waterbody", "reach", "chief", "liaison_unit", "patrol_rule"})
RECEIVABLE = {records.PROBLEM.kind: records.PROBLEM, records.PROBLEM_EVENT.kind: records.PROBLEM_EVENT}


@dataclass
class RemoteApplied:
    records: int = 0  # inserted or updated here
    assignments: int = 0  # new `assign` events for one of this device's units or people
    register: int = 0  # of them, entries of the office's register
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
        retire_demo = False
        with self._store.write() as conn:
            for doc in received:
                if doc.get("kind") in REGISTER_KINDS and doc.get("device_id") == OFFICE_DEVICE:
                    if _apply_register(conn, doc):
                        outcome.records += 1
                        outcome.register += 1
                        retire_demo = retire_demo or doc["kind"] == "reach"
                    else:
                        outcome.skipped += 1
                    continue
                if doc.get("kind") == CONTRACT_KIND:  # a maintenance contract, the office's (issue 16)
                    taken = apply_contract(conn, doc)
                    outcome.records += taken
                    outcome.skipped += not taken
                    continue
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
            if retire_demo:
                _retire_demo(conn)
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
                "updated_at": doc["updated_at"], "version": int(doc["version"]),
                "deleted": int(bool(doc.get("deleted")))}
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


def _apply_register(conn: sqlite3.Connection, doc: Mapping[str, Any]) -> bool:
    """Upsert one register entry; False (skipped) when a parent it names is not here."""
    d, kind = doc["data"], doc["kind"]

    def have(table: str, column: str, value: Any) -> bool:
        if value is None:
            return True
        return conn.execute(f"SELECT 1 FROM {table} WHERE {column} = ?", (value,)).fetchone() is not None

    if kind == "division":
        if not have("divisions", "code", d.get("parent")):
            return False
        conn.execute("INSERT INTO divisions (code, name, parent_code) VALUES (?, ?, ?) ON CONFLICT (code) DO UPDATE "
                     "SET name = excluded.name, parent_code = excluded.parent_code",
                     (d["code"], d["name"], d.get("parent")))
    elif kind == "waterbody":
        conn.execute("INSERT INTO waterbodies (code, name, kind, code_scheme, demo) VALUES (?, ?, ?, ?, 0) "
                     "ON CONFLICT (code) DO UPDATE SET name = excluded.name, kind = excluded.kind, "
                     "code_scheme = excluded.code_scheme, demo = 0",
                     (d["code"], d["name"], d["kind"], d.get("code_scheme") or "local"))
    elif kind == "reach":
        if not (have("waterbodies", "code", d["waterbody"]) and have("divisions", "code", d["county"])):
            return False
        conn.execute(
            """INSERT INTO reaches (code, name, waterbody_code, county_code, township, village, length_m, geometry,
               demo) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0) ON CONFLICT (code) DO UPDATE SET name = excluded.name,
               waterbody_code = excluded.waterbody_code, county_code = excluded.county_code,
               township = excluded.township, village = excluded.village, length_m = excluded.length_m,
               geometry = excluded.geometry, demo = 0""",
            (d["code"], d["name"], d["waterbody"], d["county"], d["township"], d.get("village"), d.get("length_m"),
             json.dumps(d.get("geometry") or [])))
    elif kind == "chief":
        conn.execute("INSERT INTO chiefs (uuid, name, level, title, demo) VALUES (?, ?, ?, ?, 0) ON CONFLICT (uuid) "
                     "DO UPDATE SET name = excluded.name, level = excluded.level, title = excluded.title, demo = 0",
                     (doc["uuid"], d["name"], d["level"], d.get("title") or ""))
        _relink(conn, doc, "chief_reaches", "chief_uuid", "reach_code", "reaches", "code", d.get("reaches") or [])
    elif kind == "liaison_unit":
        conn.execute("INSERT INTO liaison_units (uuid, name, demo) VALUES (?, ?, 0) ON CONFLICT (uuid) "
                     "DO UPDATE SET name = excluded.name, demo = 0", (doc["uuid"], d["name"]))
        _relink(conn, doc, "liaison_assignments", "unit_uuid", "chief_uuid", "chiefs", "uuid", d.get("chiefs") or [])
    elif kind == "patrol_rule":
        conn.execute(
            """INSERT INTO patrol_rules (level, period_kind, min_patrols, min_duration_s, min_distance_m, source,
               updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (level) DO UPDATE SET
               period_kind = excluded.period_kind, min_patrols = excluded.min_patrols,
               min_duration_s = excluded.min_duration_s, min_distance_m = excluded.min_distance_m,
               source = excluded.source, updated_at = excluded.updated_at""",
            (d["level"], d["period"], d["min_patrols"], d["min_duration_s"], d["min_distance_m"],
             d.get("source") or "office", doc["updated_at"]))
    return True


def _relink(conn: sqlite3.Connection, doc: Mapping[str, Any], table: str, holder: str, held: str,
            parents: str, parent_key: str, wanted: list[str]) -> None:
    """Make the holder's links exactly `wanted` (those whose parent is here), touching only the links that
    change: the register's history (schema 0006's triggers) then records each change once, at the
    office's time of this version, not at the moment this device happened to hear of it."""
    conn.execute("INSERT INTO app_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET "
                 "value = excluded.value", (REGISTER_CHANGED_AT, doc["updated_at"]))
    conn.execute(f"DELETE FROM {table} WHERE {holder} = ? AND {held} NOT IN (SELECT value FROM json_each(?))",
                 (doc["uuid"], json.dumps(wanted)))
    conn.executemany(f"INSERT OR IGNORE INTO {table} ({holder}, {held}) "
                     f"SELECT ?, {parent_key} FROM {parents} WHERE {parent_key} = ?",
                     [(doc["uuid"], value) for value in wanted])
    conn.execute("DELETE FROM app_settings WHERE key = ?", (REGISTER_CHANGED_AT,))


def _retire_demo(conn: sqlite3.Connection) -> None:
    """The real register has come: the demo's chiefs and units go, and its reaches stay only where a
    record or a profile uses them (still marked demo, so they read as such)."""
    conn.execute("DELETE FROM liaison_units WHERE demo = 1")
    conn.execute("DELETE FROM chiefs WHERE demo = 1")
    conn.execute(
        """DELETE FROM reaches WHERE demo = 1
           AND code NOT IN (SELECT reach_code FROM patrols)
           AND code NOT IN (SELECT reach_code FROM problems)
           AND code NOT IN (SELECT reach_code FROM profile_reaches)""")
    conn.execute("DELETE FROM waterbodies WHERE demo = 1 AND code NOT IN (SELECT waterbody_code FROM reaches)")


def _set(conn: sqlite3.Connection, setting: Setting, value: str) -> None:
    conn.execute("INSERT INTO app_settings (key, value) VALUES (?, ?) "
                 "ON CONFLICT (key) DO UPDATE SET value = excluded.value", (setting.key, value))
