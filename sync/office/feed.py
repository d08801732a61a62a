"""What flows down from the office: its own records (交办 …) and what concerns a device's work.

The office addresses each record version to audiences: the device that reported a problem, and the
unit or person the problem is assigned to. A device pulls the feed rows of its audiences after its
cursor; the office never sends a device its own records back.

Nothing covert flows down: a liaison unit's covert inspection (kind `covert_inspection`, in NEVER_DOWN)
is for the office's eyes. `publish` refuses to address one and `pull` leaves such a row out even if one
were in the feed; the inspected chief receives only the problems (source 暗访) assigned from it.

Positions must become visible in order, or a device whose cursor passed position 11 would never see
a position 10 that committed later: every transaction that writes to the feed first takes one lock
(a transaction-scoped advisory lock on PostgreSQL; SQLite's write lock, taken at BEGIN IMMEDIATE,
does the same there), and readers see a prefix of the positions.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
import uuid as uuid_module
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select, text, update
from sqlalchemy.engine import Connection

from sync import protocol
from sync.office import schema
from sync.protocol import Identities, PulledRecord, PullReply, PullRequest, WireRecord

DEFAULT_DAYS = 15  # 交办 without a deadline: rectify within this many days (the devices require one)
FEED_LOCK = 0x70A7_0001  # the advisory lock's key on PostgreSQL
OFFICE_NAME = "市河长办"
CHINA = ZoneInfo("Asia/Shanghai")
PROBLEM_KINDS = frozenset({"problem", "problem_event"})
# Kinds the office keeps and never sends to any device (docs/sync-protocol.md, "What flows down").
NEVER_DOWN = frozenset({"covert_inspection"})
OFFICE_ACTIONS = ("urge", "extend", "verify", "rework", "close")  # besides assign (交办)


def uuid7() -> str:
    """A time-ordered UUID (RFC 9562 version 7), like the devices make for their records."""
    ms = time.time_ns() // 1_000_000
    value = (ms & ((1 << 48) - 1)) << 80 | int.from_bytes(os.urandom(10), "big") & ((1 << 80) - 1)
    value = (value & ~(0xF << 76)) | (0x7 << 76)  # version 7
    value = (value & ~(0x3 << 62)) | (0x2 << 62)  # RFC 4122 variant
    return str(uuid_module.UUID(int=value))


def device_audience(device_id: str) -> str:
    return f"device:{device_id}"


def audiences_of(device_id: str, identities: Identities) -> list[str]:
    return ([device_audience(device_id), "register:all"] + [f"unit:{u}" for u in identities.units if u.strip()]
            + [f"person:{p}" for p in identities.people if p.strip()]
            + [f"county:{c}" for c in identities.counties])


class AssignError(Exception):
    def __init__(self, zh: str, en: str) -> None:
        super().__init__(en)
        self.zh, self.en = zh, en


class Feed:
    """The feed of one office database (used by `Office`, which owns the engine)."""

    def __init__(self, office: Any) -> None:
        self._office = office

    def lock(self, conn: Connection) -> None:
        """The feed's lock: positions are allocated and committed in one order."""
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": FEED_LOCK})

    def lock_problem(self, conn: Connection, problem_uuid: str, *, shared: bool) -> None:
        """A problem's lock: batches that carry its events share it; the office's own step on it takes it
        alone, so a device's event commits either before the step reads the log or after it has
        addressed the problem (and is then forwarded): never missed by the assignee."""
        if conn.dialect.name == "postgresql":
            function = "pg_advisory_xact_lock_shared" if shared else "pg_advisory_xact_lock"
            conn.execute(text(f"SELECT {function}(:key)"), {"key": _problem_key(problem_uuid)})

    def prepare_ingest(self, conn: Connection, batch_records: Iterable[WireRecord]) -> None:
        """Take, before any row lock, the locks a batch needs: its problems' (shared, in key order), then
        the feed's if one of those problems is addressed to anyone (its changes are forwarded)."""
        batch_records = list(batch_records)
        problems = sorted({_problem_of(r) for r in batch_records if r.kind in PROBLEM_KINDS} - {""},
                          key=_problem_key)
        if not problems:
            return
        for problem_uuid in problems:
            self.lock_problem(conn, problem_uuid, shared=True)
        if any(_assigned_to(r) for r in batch_records):  # a 交办 made on a device addresses its problem
            self.lock(conn)
            return
        feed = schema.feed
        addressed = conn.execute(select(feed.c.uuid).where(feed.c.kind == "problem",
                                                           feed.c.uuid.in_(problems)).limit(1)).first()
        if addressed is not None:
            self.lock(conn)

    def publish(self, conn: Connection, kind: str, uuid: str, version: int, audiences: Iterable[str]) -> None:
        """Address one record version to audiences, inside the caller's transaction (lock taken)."""
        if kind in NEVER_DOWN:
            raise ValueError(f"{kind} never flows down to a device")
        now = _now()
        insert = self._office._insert(schema.feed)
        for audience in sorted(set(audiences)):
            conn.execute(insert.values(kind=kind, uuid=uuid, version=version, audience=audience, published_at=now)
                         .on_conflict_do_nothing(index_elements=["kind", "uuid", "version", "audience"]))

    def problem_audiences(self, conn: Connection, problem_uuid: str) -> set[str]:
        """Everyone a problem is addressed to so far (its reporter's device and its assignees)."""
        feed = schema.feed
        return {a for (a,) in conn.execute(select(feed.c.audience).distinct()
                                           .where(feed.c.kind == "problem", feed.c.uuid == problem_uuid))}

    def forward_problem_change(self, conn: Connection, record: WireRecord) -> None:
        """A device sent a new version of a problem or one of its events: those it is addressed to
        get it too (the assignee's device learns of the reporter's feedback and the other way round)."""
        problem_uuid = _problem_of(record)
        if not problem_uuid:
            return
        assignees = _assigned_to(record)
        if assignees:
            self._address(conn, problem_uuid, assignees, record.device_id)
        audiences = self.problem_audiences(conn, problem_uuid)
        if audiences:  # prepare_ingest took the feed's lock for this batch
            self.publish(conn, record.kind, record.uuid, record.version, audiences)

    def _address(self, conn: Connection, problem_uuid: str, assignees: set[str], device_id: str) -> None:
        """A device's 交办 (a liaison unit assigning its covert finding, a township chief a village's
        problem): the assignee's audiences get the problem and its history, as from `assign`, and the
        reporter's device is addressed so the assignee's steps flow back to it. A problem the office
        has not received (refused, or not yet sent) is addressed once it arrives with its next change."""
        records = schema.records
        problem = conn.execute(select(records.c.device_id, records.c.version, records.c.deleted).where(
            records.c.kind == "problem", records.c.uuid == problem_uuid)).first()
        if problem is None or problem.deleted or problem.device_id != device_id:
            return  # a device addresses only problems it reported itself (identities are not bound yet)
        audiences = assignees | {device_audience(problem.device_id)}
        for event in self._events(conn, problem_uuid):
            self.publish(conn, "problem_event", event["_uuid"], event["_version"], audiences)
        self.publish(conn, "problem", problem_uuid, problem.version, audiences)

    def _events(self, conn: Connection, problem_uuid: str) -> list[dict[str, Any]]:
        """A problem's events as the office holds them (data, with `_uuid` and `_version`)."""
        records = schema.records
        events = [json.loads(r.data) | {"_uuid": r.uuid, "_version": r.version}
                  for r in conn.execute(select(records).where(
                      records.c.kind == "problem_event",
                      records.c.data.like(f'%"problem_uuid":"{problem_uuid}"%')))]
        return [e for e in events if e.get("problem_uuid") == problem_uuid]

    # --- the office's own records -----------------------------------------------------------

    def assign(self, problem_uuid: str, to: str, *, deadline: date | None = None, note: str = "") -> dict[str, Any]:
        """交办: an office-authored `assign` event for a problem a device reported, addressed to the
        unit or person named `to` (a unit if a device has declared it as one, else a person if one
        has declared that name, else a unit) and to the reporter's device. Returns the event."""
        to = to.strip()
        if not to or len(to) > protocol.NAME_LIMIT:
            raise AssignError("请写明交办给哪个单位或哪位河长。", "Name the unit or chief to assign the problem to.")
        deadline = _future(deadline or datetime.now(CHINA).date() + timedelta(days=DEFAULT_DAYS))
        return self._office_event(problem_uuid, "assign", note=note, deadline=deadline, assignee=to)

    def act(self, problem_uuid: str, action: str, *, deadline: date | None = None, note: str = "",
            reason: str = "") -> dict[str, Any]:
        """The office's other steps on a problem it follows: 催办 (urge), 延期 (extend, a later deadline),
        核查 (verify, or rework with a reason), 销号 (close). Devices fold it by the same rules as their
        own steps: one that does not fit the problem's state is kept in its log as not applied, with why."""
        if action not in OFFICE_ACTIONS:
            raise AssignError(f"市河长办不能做这一步：{action}。", f"The office cannot do {action!r}.")
        if action in ("extend", "rework") and not reason.strip():
            raise AssignError("延期和重办要写明原因。", "An extension or a rework needs a reason.")
        if action == "extend" and deadline is None:
            raise AssignError("延期要给出新的整改期限。", "An extension needs the new deadline.")
        return self._office_event(problem_uuid, action, note=note, reason=reason,
                                  deadline=_future(deadline) if deadline else None)

    def _office_event(self, problem_uuid: str, action: str, *, note: str = "", reason: str = "",
                      deadline: date | None = None, assignee: str | None = None) -> dict[str, Any]:
        records = schema.records
        with self._office.engine.begin() as conn:
            self.lock_problem(conn, problem_uuid, shared=False)  # the problem's lock, then the feed's
            self.lock(conn)
            problem = conn.execute(select(records).where(records.c.kind == "problem",
                                                         records.c.uuid == problem_uuid)).first()
            if problem is None or problem.deleted:
                raise AssignError(f"市河长办没有收到编号为 {problem_uuid} 的问题。",
                                  f"The office has not received a problem {problem_uuid}.")
            events = self._events(conn, problem_uuid)
            unit, person = self._resolve(conn, assignee) if assignee else ("", "")
            now = _now()
            data = {
                "problem_uuid": problem_uuid,
                "seq": max([int(e.get("seq") or 0) for e in events], default=0) + 1,
                "action": action, "at": now, "actor_uuid": protocol.OFFICE_DEVICE, "actor_name": OFFICE_NAME,
                "actor_role": "office", "actor_unit": OFFICE_NAME, "note": note.strip(), "reason": reason.strip(),
                "assignee_unit": unit, "assignee_person": person,
                "deadline": deadline.isoformat() if deadline else None,
            }
            record = WireRecord(kind="problem_event", uuid=uuid7(), version=1, device_id=protocol.OFFICE_DEVICE,
                                created_at=now, updated_at=now, data=data)
            self._office.store_record(conn, record, batch_id=str(uuid_module.uuid4()), received=now)
            audiences = {device_audience(problem.device_id)}
            if assignee:
                # The assignee gets the problem and its history; the reporter's device gets the event.
                audiences.add(f"unit:{unit}" if unit else f"person:{person}")
                for event in events:
                    self.publish(conn, "problem_event", event["_uuid"], event["_version"], audiences)
            self.publish(conn, "problem", problem_uuid, problem.version, audiences)
            self.publish(conn, "problem_event", record.uuid, 1, self.problem_audiences(conn, problem_uuid))
        return record.model_dump()

    def _resolve(self, conn: Connection, to: str) -> tuple[str, str]:
        units: set[str] = set()
        people: set[str] = set()
        for (raw,) in conn.execute(select(schema.devices.c.identities)):
            try:
                identities = Identities.model_validate_json(raw or "{}")
            except ValueError:
                continue
            units.update(identities.units)
            people.update(identities.people)
        if to in units or to not in people:
            return to, ""
        return "", to

    # --- pulling ----------------------------------------------------------------------------

    def pull(self, device_id: str, request: PullRequest) -> PullReply:
        identities = request.identities.model_dump_json()
        feed, versions = schema.feed, schema.record_versions
        audiences = audiences_of(device_id, request.identities)
        with self._office.engine.connect() as conn:
            known = conn.execute(select(schema.devices.c.identities)
                                 .where(schema.devices.c.device_id == device_id)).scalar()
        if known != identities:  # a write (SQLite's write lock) only when the profiles changed
            with self._office.engine.begin() as conn:
                conn.execute(update(schema.devices).where(schema.devices.c.device_id == device_id)
                             .values(identities=identities))
        with self._office.engine.connect() as conn:
            rows = conn.execute(
                select(feed.c.position, feed.c.kind, feed.c.uuid, feed.c.version, versions.c.document,
                       versions.c.hash, versions.c.device_id)
                .join(versions, (versions.c.kind == feed.c.kind) & (versions.c.uuid == feed.c.uuid)
                      & (versions.c.version == feed.c.version))
                .where(feed.c.audience.in_(audiences), feed.c.position > request.after,
                       feed.c.kind.notin_(sorted(NEVER_DOWN)))
                .order_by(feed.c.position).limit(request.limit + 1)).all()
        more = len(rows) > request.limit
        rows = rows[:request.limit]
        seen: set[tuple[str, str, int]] = set()
        out = []
        for row in rows:
            key = (row.kind, row.uuid, row.version)
            if key in seen or row.device_id == device_id:
                continue  # addressed to two of its audiences, or its own record
            seen.add(key)
            record = WireRecord.model_validate_json(row.document)
            if record.kind in NEVER_DOWN:  # the query leaves them out; the document is checked as well
                continue
            out.append(PulledRecord(position=row.position, record=record, hash=row.hash))
        return PullReply(protocol=protocol.PROTOCOL_VERSION, service=protocol.SERVICE, records=out,
                         next=rows[-1].position if rows else request.after, more=more)


def _assigned_to(record: WireRecord) -> set[str]:
    """The audiences a device's own 交办 event names (its assignee unit and person), else none."""
    if record.kind != "problem_event" or record.deleted or record.data.get("action") != "assign":
        return set()
    unit = str(record.data.get("assignee_unit") or "").strip()
    person = str(record.data.get("assignee_person") or "").strip()
    return {a for a, name in ((f"unit:{unit}", unit), (f"person:{person}", person)) if name}


def _problem_of(record: WireRecord) -> str:
    return record.uuid if record.kind == "problem" else str(record.data.get("problem_uuid") or "")


def _problem_key(problem_uuid: str) -> int:
    """A problem's advisory-lock key (64-bit signed; a collision only makes two problems wait together)."""
    return int.from_bytes(hashlib.sha256(b"problem:" + problem_uuid.encode()).digest()[:8], "big", signed=True)


def _future(day: date) -> date:
    today = datetime.now(CHINA).date()
    if day < today:
        raise AssignError(f"整改期限 {day.isoformat()} 已经过去了，请选今天或以后的日期。",
                          f"The deadline {day.isoformat()} is in the past: choose today or a later date.")
    return day


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
