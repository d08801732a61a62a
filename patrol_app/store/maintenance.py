"""Maintenance crews' work logs (管护日志) and their contracts in the store (issue 16).

API (`store.maintenance`, a `Maintenance`):
- `contracts(unit=None)`, `contract(uuid)`: the office's contracts (`domain.maintenance.Contract`), those of
  a crew unit if named (the demo's `（示例）` mark ignored when matching).
- `save(log, actor=, problem_head=, now=)`: check (`domain.maintenance.check_log`), judge the notices
  (`notices`), and in ONE transaction write the log (kind `maintenance_log`, queued for upload) and, when
  it rectifies a problem, add that problem's 整改完成 (or 自行处置 for a problem only reported) with the
  log's after-photos through `store.problems.act`. A log with notices is refused (`NeedsReason`, which
  carries them) unless it has a `warning_reason`; the notice codes are stored with it. Only a crew's
  profile writes logs. Refused: nothing written.
- `notices(log)`: what a payment check would query (negative or implausible quantities, a day outside the
  contract, an after-photo taken before its before-photo by camera time…).
- `get(uuid)`, `logs(unit=, contract_uuid=, month=)`, `delete(uuid)` (a tombstone; not for a log that
  rectified a problem: that step is in the problem's log for good).
- `assigned(profile, today)`: the open problems assigned to the crew's unit or to the person (任务).
- `month_summary(contract_uuid, month)`: `domain.maintenance.MonthSummary`.
- `photo_rows(uuids)`: photo rows (file names, times, upload copies) for the editor and the report.
- `apply_contract(conn, doc)`: a contract received from the office (`store/remote.py` calls it).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from patrol_app.domain.enums import Role
from patrol_app.domain.ids import iso_utc, parse_utc, utc_now
from patrol_app.domain.maintenance import (
    Contract,
    LogNotice,
    MaintenanceLog,
    MonthSummary,
    PhotoPair,
    Requirement,
    WorkItem,
    WorkLine,
    WorkUnit,
    check_log,
    month_summary,
    notices,
)
from patrol_app.domain.periods import Period
from patrol_app.domain.problems import Action, Actor, ProblemState
from patrol_app.domain.refusal import Refusal
from patrol_app.domain.registry import Profile
from patrol_app.paths import Library
from patrol_app.store import records
from sync.protocol import OFFICE_DEVICE

if TYPE_CHECKING:
    from patrol_app.store.database import Store

KIND = records.MAINTENANCE_LOG
CONTRACT_KIND = "contract"
DEMO_MARK = "（示例）"
ONLY_CREWS = Refusal("crew_only", "管护日志只能在管护单位的身份下记录。请在设置里切换到管护单位的身份。",
                     "Maintenance logs are recorded in a maintenance crew's profile: switch to one in Settings.")


class NeedsReason(Refusal):
    """The log has notices (`notices`) and no reason was given: say them, ask for the reason."""

    def __init__(self, found: Sequence[LogNotice]) -> None:
        super().__init__(
            "needs_reason",
            "这条日志有需要说明的地方：\n" + "\n".join(f"· {n.zh}" for n in found)
            + "\n请核对；确认无误的，请在“原因”栏写明原因后再保存。",
            "This log has points to explain:\n" + "\n".join(f"· {n.en}" for n in found)
            + "\nCheck them; if the log is right, give the reason in the 'Reason' field and save again.")
        self.notices = tuple(found)


def same_unit(a: str, b: str) -> bool:
    return a.strip().removesuffix(DEMO_MARK) == b.strip().removesuffix(DEMO_MARK)


class Maintenance:
    def __init__(self, store: Store) -> None:
        self._store = store

    # ---- contracts --------------------------------------------------------------------------------

    def contracts(self, unit: str | None = None) -> list[Contract]:
        rows = self._store.query("SELECT * FROM contracts WHERE deleted = 0 ORDER BY starts_on DESC, number, uuid")
        found = [_contract(dict(r)) for r in rows]
        return [c for c in found if unit is None or same_unit(c.crew_unit, unit)]

    def contract(self, uuid: str) -> Contract | None:
        return _read_contract(self._store.conn, uuid)

    # ---- logs -------------------------------------------------------------------------------------

    def get(self, uuid: str) -> MaintenanceLog | None:
        row = KIND.read(self._store.conn, uuid)
        return None if row is None or row["deleted"] else _log(row)

    def logs(self, *, unit: str | None = None, contract_uuid: str | None = None,
             month: Period | None = None) -> list[MaintenanceLog]:
        """Logs, newest first: of a crew unit, a contract, a month (each if given)."""
        clauses, params = ["deleted = 0"], []
        if contract_uuid is not None:
            clauses.append("contract_uuid = ?")
            params.append(contract_uuid)
        if month is not None:
            clauses.append("started_at >= ? AND started_at < ?")
            params += [iso_utc(month.start), iso_utc(month.end)]
        rows = self._store.query(f"SELECT * FROM {KIND.table} WHERE {' AND '.join(clauses)} "
                                 "ORDER BY started_at DESC, uuid DESC", tuple(params))
        found = [_log(dict(r)) for r in rows]
        return [log for log in found if unit is None or same_unit(log.crew_unit, unit)]

    def logs_with_photo(self, photo_uuid: str) -> list[MaintenanceLog]:
        """The logs whose before/after pairs use this photo (the photos page says where a photo is used)."""
        rows = self._store.query(
            f"""SELECT * FROM {KIND.table} WHERE deleted = 0 AND EXISTS (
                    SELECT 1 FROM json_each(photo_pairs) p
                    WHERE json_extract(p.value, '$.before') = ?1 OR json_extract(p.value, '$.after') = ?1)
                ORDER BY started_at DESC, uuid DESC""", (photo_uuid,))
        return [_log(dict(r)) for r in rows]

    def notices(self, log: MaintenanceLog) -> list[LogNotice]:
        conn = self._store.conn
        contract = _read_contract(conn, log.contract_uuid) if log.contract_uuid else None
        return notices(log, contract=contract, photo_times=_photo_times(conn, log.photos))

    def save(self, log: MaintenanceLog, *, actor: Actor, problem_head: str | None = None,
             now: datetime | None = None) -> MaintenanceLog:
        """Record a new log or a new version of one (see the module's doc); returns it as stored."""
        if actor.role is not Role.MAINTENANCE:
            raise ONLY_CREWS
        now = now or utc_now()
        log = replace(log, recorded_by_uuid=actor.uuid, recorded_by_name=actor.name,
                      workers=tuple(w.strip() for w in log.workers), notes=log.notes.strip(),
                      warning_reason=log.warning_reason.strip())
        check_log(log, now)
        with self._store.write() as conn:
            existing = KIND.read(conn, log.uuid)
            if existing is not None and existing["deleted"]:
                raise Refusal("deleted", "这条日志已经删除。", "This log has been deleted.")
            contract = _read_contract(conn, log.contract_uuid) if log.contract_uuid else None
            if log.contract_uuid and contract is None:
                raise Refusal("contract_unknown", "找不到所选的管护合同，请刷新后重选。",
                              "The contract chosen is not here: refresh and choose again.")
            self._check_photos(conn, log.photos)
            found = notices(log, contract=contract, photo_times=_photo_times(conn, log.photos))
            if found and not log.warning_reason:
                raise NeedsReason(found)
            log = replace(log, warnings=tuple(dict.fromkeys(n.code for n in found)))
            log = self._rectify(conn, log, existing, actor, problem_head, now)
            values = _values(log)
            if existing is None:
                records.insert_one(conn, self._store.device_id, KIND, log.uuid, values, now=iso_utc(now))
            else:
                records.update_in(conn, KIND, log.uuid, values, iso_utc(now))
        return log

    def _rectify(self, conn: sqlite3.Connection, log: MaintenanceLog, existing: Mapping[str, Any] | None,
                 actor: Actor, head: str | None, now: datetime) -> MaintenanceLog:
        """The problem's rectified event, once: a log saved again keeps the event it already added."""
        if existing is not None and existing["rectify_event_uuid"]:
            if log.problem_uuid != existing["problem_uuid"]:
                raise Refusal("rectification_fixed", "这条日志已经作为问题的整改记录，关联的问题不能再改。",
                              "This log is already a problem's rectification: the problem cannot be changed.")
            return replace(log, rectify_event_uuid=existing["rectify_event_uuid"])
        if not log.problem_uuid:
            return replace(log, rectify_event_uuid=None)
        problems = self._store.problems
        status = problems.fold_in(conn, log.problem_uuid)
        if status.state is None:
            raise Refusal("problem_unknown", "找不到要整改的问题，请同步或刷新后再试。",
                          "The problem to rectify is not here: sync or refresh, then try again.")
        action = Action.SELF_HANDLE if status.state is ProblemState.REPORTED else Action.RECTIFY
        after = log.after_photos
        done = problems.act(log.problem_uuid, status.head if head is None else head, action, actor, now=now,
                            note=log.notes, photos=after, reason="" if after else log.warning_reason)
        return replace(log, rectify_event_uuid=done.head)

    def delete(self, uuid: str) -> None:
        with self._store.write() as conn:
            row = KIND.read(conn, uuid)
            if row is None or row["deleted"]:
                raise Refusal("not_found", "找不到这条日志，请刷新。", "This log is not here: refresh the list.")
            if row["rectify_event_uuid"]:
                raise Refusal("is_rectification", "这条日志是问题的整改记录（已写入问题的处置记录），不能删除。",
                              "This log is a problem's rectification (it is in the problem's history): it "
                              "cannot be deleted.")
            records.tombstone_in(conn, KIND, uuid, iso_utc(utc_now()))

    def _check_photos(self, conn: sqlite3.Connection, uuids: Sequence[str]) -> None:
        library = Library(self._store.data_dir)
        for uuid in uuids:
            row = conn.execute("SELECT upload_sha256, original_name FROM photos WHERE uuid = ? AND deleted = 0",
                               (uuid,)).fetchone()
            if row is None or not library.upload(row[0]).is_file():
                name = row[1] if row else uuid
                raise Refusal("missing_photo",
                              f"照片「{name}」的文件找不到了，不能作为证据。请重新导入这张照片，或换一张。",
                              f"The file of photo '{name}' is missing, so it cannot be evidence. "
                              "Import it again or pick another.")

    # ---- what the crew is asked to do, and what it adds up to -------------------------------------

    def assigned(self, profile: Profile, today: date, *, workable: bool = False) -> list[dict[str, Any]]:
        """Open problems assigned to the profile's unit or to the person, newest first. `workable`: only
        those the crew can still rectify (assigned or being rectified)."""
        from patrol_app.store.problems import ProblemFilter

        states = (ProblemState.ASSIGNED.code, ProblemState.RECTIFYING.code) if workable else ()
        where = ProblemFilter(today, states=states, open_only=not workable,
                              assigned_to=(profile.unit.strip(), profile.name.strip()))
        return self._store.problems.page(where, None, 500)

    def month_summary(self, contract_uuid: str, month: Period) -> MonthSummary:
        contract = self.contract(contract_uuid)
        if contract is None:
            raise Refusal("contract_unknown", "找不到这份管护合同。", "This contract is not here.")
        return month_summary(contract, month, self.logs(contract_uuid=contract_uuid, month=month))

    def photo_rows(self, uuids: Iterable[str]) -> dict[str, dict[str, Any]]:
        wanted = sorted(set(uuids))
        if not wanted:
            return {}
        rows = self._store.query("SELECT * FROM photos WHERE uuid IN (SELECT value FROM json_each(?))",
                                 (json.dumps(wanted),))
        return {r["uuid"]: dict(r) for r in rows}

    def reach_names(self, codes: Iterable[str]) -> dict[str, str]:
        wanted = sorted(set(codes))
        return {r.code: r.name for r in self._store.registry.reaches(wanted)} if wanted else {}


# ---- contracts received from the office ------------------------------------------------------------------


def apply_contract(conn: sqlite3.Connection, doc: Mapping[str, Any]) -> bool:
    """Upsert a contract the office sent (a newer version only; its envelope kept). False: not taken."""
    if doc.get("kind") != CONTRACT_KIND or doc.get("device_id") != OFFICE_DEVICE:
        return False
    d = doc["data"]
    here = conn.execute("SELECT version FROM contracts WHERE uuid = ?", (doc["uuid"],)).fetchone()
    if here is not None and int(here[0]) >= int(doc["version"]):
        return False
    values = {
        "uuid": doc["uuid"], "device_id": doc["device_id"], "created_at": doc["created_at"],
        "updated_at": doc["updated_at"], "version": int(doc["version"]), "deleted": int(bool(doc.get("deleted"))),
        "number": d["number"], "name": d["name"], "crew_unit": d["crew_unit"], "client": d.get("client") or "",
        "reach_codes": json.dumps(list(d.get("reach_codes") or [])), "starts_on": d["starts_on"],
        "ends_on": d["ends_on"], "requirements": json.dumps(list(d.get("requirements") or []), ensure_ascii=False),
        "notes": d.get("notes") or "", "demo": 0,
    }
    columns = ", ".join(values)
    updates = ", ".join(f"{c} = excluded.{c}" for c in values if c != "uuid")
    conn.execute(f"INSERT INTO contracts ({columns}) VALUES ({', '.join('?' * len(values))}) "
                 f"ON CONFLICT (uuid) DO UPDATE SET {updates}", tuple(values.values()))
    return True


def insert_demo_contract(conn: sqlite3.Connection, contract: Contract, *, at: str) -> None:
    """The demo's made-up contract, as if the office had sent it (flagged demo)."""
    conn.execute(
        """INSERT INTO contracts (uuid, device_id, created_at, updated_at, version, number, name, crew_unit, client,
           reach_codes, starts_on, ends_on, requirements, notes, demo)
           VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)""",
        (contract.uuid, OFFICE_DEVICE, at, at, contract.number, contract.name, contract.crew_unit, contract.client,
         json.dumps(list(contract.reach_codes)), contract.starts_on.isoformat(), contract.ends_on.isoformat(),
         json.dumps([requirement_values(r) for r in contract.requirements], ensure_ascii=False), contract.notes))


def requirement_values(r: Requirement) -> dict[str, Any]:
    return {"item": r.item.code, "times": r.times, "quantity": r.quantity, "unit": r.unit.code if r.unit else None}


# ---- rows ↔ domain ---------------------------------------------------------------------------------------


def _read_contract(conn: sqlite3.Connection, uuid: str | None) -> Contract | None:
    if not uuid:
        return None
    cur = conn.execute("SELECT * FROM contracts WHERE uuid = ? AND deleted = 0", (uuid,))
    row = cur.fetchone()
    return None if row is None else _contract(dict(zip([c[0] for c in cur.description], row, strict=True)))


def _contract(r: Mapping[str, Any]) -> Contract:
    requirements = []
    for q in json.loads(r["requirements"] or "[]"):
        try:
            unit = WorkUnit(q["unit"]) if q.get("unit") else None
            amount = float(q.get("quantity") or 0)
            requirements.append(Requirement(WorkItem(q["item"]), int(q.get("times") or 0), amount, unit))
        except (ValueError, KeyError, TypeError):
            continue  # a requirement this version does not know: not counted, the rest still are
    return Contract(
        uuid=r["uuid"], number=r["number"], name=r["name"], crew_unit=r["crew_unit"],
        reach_codes=tuple(json.loads(r["reach_codes"] or "[]")), starts_on=date.fromisoformat(r["starts_on"]),
        ends_on=date.fromisoformat(r["ends_on"]), requirements=tuple(requirements), client=r["client"] or "",
        notes=r["notes"] or "", demo=bool(r["demo"]))


def _photo_times(conn: sqlite3.Connection, uuids: Sequence[str]) -> dict[str, datetime | None]:
    if not uuids:
        return {}
    rows = conn.execute("SELECT uuid, taken_at FROM photos WHERE uuid IN (SELECT value FROM json_each(?))",
                        (json.dumps(list(uuids)),)).fetchall()
    return {uuid: parse_utc(taken) if taken else None for uuid, taken in rows}


def _values(log: MaintenanceLog) -> dict[str, Any]:
    return {
        "crew_unit": log.crew_unit.strip(), "contract_uuid": log.contract_uuid, "post": log.post.strip(),
        "reach_code": log.reach_code, "started_at": iso_utc(log.started_at), "ended_at": iso_utc(log.ended_at),
        "work": json.dumps([{"item": w.item.code, "quantity": w.quantity, "unit": w.unit.code} for w in log.work]),
        "workers": json.dumps(list(log.workers), ensure_ascii=False),
        "photo_pairs": json.dumps([{"before": p.before, "after": p.after, "caption": p.caption} for p in log.pairs],
                                  ensure_ascii=False),
        "notes": log.notes, "problem_uuid": log.problem_uuid, "rectify_event_uuid": log.rectify_event_uuid,
        "warnings": json.dumps(list(log.warnings)), "warning_reason": log.warning_reason,
        "recorded_by_uuid": log.recorded_by_uuid, "recorded_by_name": log.recorded_by_name,
    }


def _log(r: Mapping[str, Any]) -> MaintenanceLog:
    return MaintenanceLog(
        uuid=r["uuid"], crew_unit=r["crew_unit"], reach_code=r["reach_code"], started_at=parse_utc(r["started_at"]),
        ended_at=parse_utc(r["ended_at"]),
        work=tuple(WorkLine(WorkItem(w["item"]), float(w["quantity"]), WorkUnit(w["unit"]))
                   for w in json.loads(r["work"])),
        workers=tuple(json.loads(r["workers"])), recorded_by_uuid=r["recorded_by_uuid"],
        recorded_by_name=r["recorded_by_name"], contract_uuid=r["contract_uuid"], post=r["post"] or "",
        pairs=tuple(PhotoPair(p.get("before"), p.get("after"), p.get("caption") or "")
                    for p in json.loads(r["photo_pairs"] or "[]")),
        notes=r["notes"] or "", problem_uuid=r["problem_uuid"], rectify_event_uuid=r["rectify_event_uuid"],
        warnings=tuple(json.loads(r["warnings"] or "[]")), warning_reason=r["warning_reason"] or "")
