"""Problems, their event log and the lists built on them (问题清单, 任务清单, 责任清单).

Writes go through `records` (row + outbox entry in one transaction). The status columns the lists
filter on live in `problem_status`, a local projection folded from the events by the domain and
rewritten in the same transaction as every event that changes it.
"""

from __future__ import annotations

import itertools
import json
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from patrol_app.domain.enums import Level, Role
from patrol_app.domain.ids import iso_utc, parse_utc, utc_now, uuid7
from patrol_app.domain.periods import CHINA_TZ
from patrol_app.domain.problems import (
    Action,
    Actor,
    Problem,
    ProblemEvent,
    ProblemSource,
    ProblemState,
    ProblemStatus,
    Severity,
    Urgency,
    decide,
    fold,
    validate_problem,
)
from patrol_app.domain.refusal import Refusal
from patrol_app.domain.registry import Profile
from patrol_app.domain.units import nearest_units_first
from patrol_app.paths import Library
from patrol_app.store import records

if TYPE_CHECKING:
    from patrol_app.store.database import Store

OPEN_STATES = tuple(s.code for s in ProblemState if s.is_open)
DEADLINE_STATES = tuple(s.code for s in ProblemState if s.has_deadline)


@dataclass(frozen=True)
class ProblemFilter:
    """What the lists show. Empty fields do not filter. `today` (a local date) decides what is overdue."""

    today: date
    states: tuple[str, ...] = ()
    open_only: bool = False
    category: str = ""
    severity: str = ""
    source: str = ""
    reach_code: str = ""
    overdue: bool = False
    text: str = ""
    assigned_to: tuple[str, str] | None = None  # (unit, person): the 任务清单 of a profile
    reach_codes: tuple[str, ...] | None = None  # limit to these reaches (a profile's own)
    # A crew's view (issue 16): problems on these reaches or assigned to this (unit, person), nothing else.
    within: tuple[tuple[str, ...], str, str] | None = None

    @property
    def needs_problem_columns(self) -> bool:
        """Whether the filter looks at the problem's own columns, or only at its status."""
        return bool(self.category or self.severity or self.source or self.reach_code or self.text.strip()
                    or self.reach_codes is not None or self.within is not None)

    def where(self) -> tuple[str, list[Any]]:
        clauses: list[str] = ["1"]
        params: list[Any] = []
        if self.states:
            clauses.append(f"s.state IN ({', '.join('?' * len(self.states))})")
            params += list(self.states)
        if self.open_only:
            clauses.append(f"s.state IN ({', '.join('?' * len(OPEN_STATES))})")
            params += list(OPEN_STATES)
        if self.category:
            clauses.append("p.code >= ? AND p.code < ?")
            params += [f"{self.category}.", f"{self.category}/"]  # '/' sorts right after '.'
        for column, value in (("p.severity", self.severity), ("p.source", self.source),
                              ("p.reach_code", self.reach_code)):
            if value:
                clauses.append(f"{column} = ?")
                params.append(value)
        if self.overdue:
            clauses.append(f"s.state IN ({', '.join('?' * len(DEADLINE_STATES))}) AND s.deadline < ?")
            params += [*DEADLINE_STATES, self.today.isoformat()]
        if self.text.strip():
            clauses.append("(p.description LIKE ? ESCAPE '\\' OR s.assignee_unit LIKE ? ESCAPE '\\' "
                           "OR s.assignee_person LIKE ? ESCAPE '\\')")
            like = "%" + self.text.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            params += [like, like, like]
        if self.assigned_to is not None:
            unit, person = self.assigned_to
            clauses.append("((s.assignee_unit = ? AND ? != '') OR (s.assignee_person = ? AND ? != ''))")
            params += [unit, unit, person, person]
        if self.reach_codes is not None:
            clauses.append(f"p.reach_code IN ({', '.join('?' * len(self.reach_codes))})" if self.reach_codes else "0")
            params += list(self.reach_codes)
        if self.within is not None:
            codes, unit, person = self.within
            clauses.append("(p.reach_code IN (SELECT value FROM json_each(?)) OR (s.assignee_unit = ? AND ? != '') "
                           "OR (s.assignee_person = ? AND ? != ''))")
            params += [json.dumps(list(codes)), unit, unit, person, person]
        return " AND ".join(clauses), params


LIST_COLUMNS = """p.uuid, p.code, p.description, p.severity, p.urgency, p.source, p.reach_code,
    coalesce(r.name, p.reach_code) AS reach_name, p.found_at, p.found_by_name, s.state, s.assignee_unit,
    s.assignee_person, s.deadline, s.last_event_at, s.rework_count, s.not_applied"""
LIST_FROM = """problem_status s JOIN problems p ON p.uuid = s.problem_uuid
    LEFT JOIN reaches r ON r.code = p.reach_code"""


@dataclass
class ProblemView:
    """Everything the detail view and the PDF sheet show for one problem."""

    problem: Problem
    status: ProblemStatus
    reach_name: str
    photos: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # event uuid → photo rows
    patrol: dict[str, Any] | None = None  # the patrol it was found on: started_at, patroller_name, status


class Problems:
    def __init__(self, store: Store) -> None:
        self._store = store

    # ---- writing --------------------------------------------------------------------------------

    def report(self, problem: Problem, *, photos: Sequence[str] = (), note: str = "",
               now: datetime | None = None) -> ProblemStatus:
        """Record a new problem with its report event and "before" photos, all or nothing."""
        now = now or utc_now()
        validate_problem(problem, now)
        event = decide(fold(problem.uuid, []), Action.REPORT, problem.found_by, now, uuid=uuid7(),
                       note=note, photos=photos)
        with self._store.write() as conn:
            self._check_photos(conn, event.photos)
            records.insert_one(conn, self._store.device_id, records.PROBLEM, problem.uuid, problem_values(problem))
            return self._append(conn, [event], problem.uuid)

    def act(self, problem_uuid: str, expected_head: str | None, action: Action, actor: Actor, *,
            now: datetime | None = None, **details: Any) -> ProblemStatus:
        """Do `action` on a problem as the user saw it (`expected_head`: the last event they saw).

        Raises Refusal when the action is not allowed, when the problem changed since the user
        looked at it (another window, or a sync), or when an attached photo's file is missing;
        in each case nothing is written.
        """
        now = now or utc_now()
        with self._store.write() as conn:
            status = fold(problem_uuid, self._events(conn, problem_uuid))
            if status.head != expected_head:
                raise _stale(status)
            event = decide(status, action, actor, now, uuid=uuid7(), **details)
            self._check_photos(conn, event.photos)
            return self._append(conn, [event], problem_uuid)

    def _append(self, conn: sqlite3.Connection, events: list[ProblemEvent], problem_uuid: str) -> ProblemStatus:
        device = self._store.device_id
        now = iso_utc(utc_now())
        for event in events:
            values = event_values(event)
            records.insert_one(conn, device, records.PROBLEM_EVENT, event.uuid, values, now=now)
            for photo_uuid in event.photos:
                self._store.photos.link_in(conn, photo_uuid, "problem_event", event.uuid, now)
        status = fold(problem_uuid, self._events(conn, problem_uuid))
        found_at = conn.execute("SELECT found_at FROM problems WHERE uuid = ?", (problem_uuid,)).fetchone()
        if found_at is not None:  # events that arrived before their problem wait for it
            write_statuses(conn, [(status, found_at[0])])
        return status

    def _check_photos(self, conn: sqlite3.Connection, photo_uuids: Sequence[str]) -> None:
        library = Library(self._store.data_dir)
        for uuid in photo_uuids:
            row = conn.execute("SELECT upload_sha256, original_name FROM photos WHERE uuid = ? AND deleted = 0",
                               (uuid,)).fetchone()
            if row is None or not library.upload(row[0]).is_file():
                name = row[1] if row else uuid
                raise Refusal(
                    "missing_photo",
                    f"照片「{name}」的文件找不到了，不能作为证据附上。请重新导入这张照片，或换一张。",
                    f"The file of photo '{name}' is missing, so it cannot be attached. "
                    "Import it again or pick another.",
                )

    # ---- reading --------------------------------------------------------------------------------

    def get(self, uuid: str) -> Problem | None:
        rows = self._store.query("SELECT * FROM problems WHERE uuid = ?", (uuid,))
        return _problem(rows[0]) if rows else None

    def events(self, problem_uuid: str) -> list[ProblemEvent]:
        return self._events(self._store.conn, problem_uuid)

    def status(self, problem_uuid: str) -> ProblemStatus:
        return fold(problem_uuid, self.events(problem_uuid))

    def view(self, uuid: str) -> ProblemView | None:
        problem = self.get(uuid)
        if problem is None:
            return None
        status = self.status(uuid)
        reach = self._store.scalar("SELECT name FROM reaches WHERE code = ?", (problem.reach_code,))
        event_uuids = [step.event.uuid for step in status.steps]
        photos: dict[str, list[dict[str, Any]]] = {}
        if event_uuids:
            marks = ", ".join("?" * len(event_uuids))
            for row in self._store.query(
                f"""SELECT l.target_uuid AS event_uuid, ph.* FROM photo_links l JOIN photos ph ON ph.uuid = l.photo_uuid
                    WHERE l.target_kind = 'problem_event' AND l.deleted = 0 AND l.target_uuid IN ({marks})
                    ORDER BY l.created_at, l.uuid""",
                tuple(event_uuids),
            ):
                photos.setdefault(row["event_uuid"], []).append(dict(row))
        patrol = None
        if problem.patrol_uuid:
            found = self._store.query(
                "SELECT uuid, started_at, patroller_name, status FROM patrols WHERE uuid = ? AND deleted = 0",
                (problem.patrol_uuid,))
            patrol = dict(found[0]) if found else None
        return ProblemView(problem, status, str(reach or problem.reach_code), photos, patrol)

    def known_units(self, near: Profile | None = None) -> list[str]:
        """Units problems have been assigned to (on the assignee index) and the register's liaison units,
        for the assign dialog's list.

        With `near`, the profile's own unit is offered too (on a new laptop nothing has been assigned
        yet, and an empty list whose arrow opens nothing reads as broken), and the units closest to that
        profile come first: its own unit, its townships' units, its county's, then the rest (townships
        and counties from its reaches, or named in its unit).
        """
        units = [r[0] for r in self._store.conn.execute(
            """SELECT assignee_unit FROM problem_status WHERE assignee_unit != ''
               UNION SELECT name FROM liaison_units WHERE name != '' ORDER BY 1 LIMIT 500""")]
        if near is None:
            return units
        if near.unit.strip() and near.unit not in units:
            units.append(near.unit)
        registry = self._store.registry
        counties = {d.code: d.name for d in registry.divisions() if not d.code.endswith("00")}
        every_township = {r[0] for r in self._store.conn.execute("SELECT DISTINCT township FROM reaches")} - {""}
        reaches = registry.reaches(list(near.reach_codes)) if near.reach_codes else []
        townships = {r.township for r in reaches} | {t for t in every_township if t in near.unit}
        mine = {counties[r.county_code] for r in reaches if r.county_code in counties}
        mine |= {name for name in counties.values() if name in near.unit}
        return nearest_units_first(units, own_unit=near.unit, townships=townships - {""}, counties=mine,
                                   all_counties=set(counties.values()))

    def for_event(self, event_uuid: str) -> dict[str, Any] | None:
        """The problem an event belongs to, for showing where a photo is used: code, state, action."""
        rows = self._store.query(
            """SELECT p.uuid, p.code, s.state, e.action FROM problem_events e JOIN problems p ON p.uuid = e.problem_uuid
               LEFT JOIN problem_status s ON s.problem_uuid = p.uuid WHERE e.uuid = ?""",
            (event_uuid,),
        )
        return dict(rows[0]) if rows else None

    def fold_in(self, conn: sqlite3.Connection, problem_uuid: str) -> ProblemStatus:
        """The problem's status from its events, inside the caller's transaction."""
        return fold(problem_uuid, self._events(conn, problem_uuid))

    def _events(self, conn: sqlite3.Connection, problem_uuid: str) -> list[ProblemEvent]:
        cur = conn.execute("SELECT * FROM problem_events WHERE problem_uuid = ? AND deleted = 0", (problem_uuid,))
        names = [c[0] for c in cur.description]
        rows = [dict(zip(names, r, strict=True)) for r in cur.fetchall()]
        photos: dict[str, list[str]] = {}
        if rows:
            marks = ", ".join("?" * len(rows))
            for target, photo in conn.execute(
                f"""SELECT target_uuid, photo_uuid FROM photo_links WHERE target_kind = 'problem_event'
                    AND deleted = 0 AND target_uuid IN ({marks}) ORDER BY created_at, uuid""",
                tuple(r["uuid"] for r in rows),
            ):
                photos.setdefault(target, []).append(photo)
        return [_event(r, tuple(photos.get(r["uuid"], ()))) for r in rows]

    def count(self, where: ProblemFilter) -> int:
        clause, params = where.where()
        # Counting on the status table alone (its indexes) when the filter allows: a join of 100,000
        # rows costs 20× a bare count. Every status row has its problem record (see migration 0004).
        source = LIST_FROM if where.needs_problem_columns else "problem_status s"
        return int(self._store.scalar(f"SELECT count(*) FROM {source} WHERE {clause}", tuple(params)) or 0)

    def page(self, where: ProblemFilter, after: tuple[str, str] | None = None,
             limit: int = 200) -> list[dict[str, Any]]:
        """Problems newest found first, `limit` of them after the keyset `after` = (found_at, uuid)."""
        clause, params = where.where()
        if after is not None:
            clause += " AND (s.found_at, s.problem_uuid) < (?, ?)"
            params = [*params, *after]
        rows = self._store.query(
            f"SELECT {LIST_COLUMNS} FROM {LIST_FROM} WHERE {clause} ORDER BY s.found_at DESC, s.problem_uuid DESC"
            + (" LIMIT ?" if limit else ""),
            (*params, limit) if limit else tuple(params),
        )
        return [dict(r) for r in rows]

    def counts(self, today: date, *, reach_codes: Sequence[str] | None = None,
               assigned_to: tuple[str, str] | None = None) -> dict[str, int]:
        """Open, overdue and major-open problems (on `reach_codes` if given), and open tasks for me."""
        scope = ProblemFilter(today, reach_codes=tuple(reach_codes) if reach_codes is not None else None)
        result = {
            "open": self.count(ProblemFilter(today, open_only=True, reach_codes=scope.reach_codes)),
            "overdue": self.count(ProblemFilter(today, overdue=True, reach_codes=scope.reach_codes)),
            "major_open": self.count(ProblemFilter(today, open_only=True, severity=Severity.MAJOR.code,
                                                   reach_codes=scope.reach_codes)),
            "awaiting_verification": self.count(ProblemFilter(today, states=(ProblemState.RECTIFIED.code,),
                                                              reach_codes=scope.reach_codes)),
        }
        result["my_tasks"] = (
            self.count(ProblemFilter(today, open_only=True, assigned_to=assigned_to)) if assigned_to else 0
        )
        return result

    def responsibilities(self, today: date, *, reach_codes: Sequence[str] | None = None) -> list[dict[str, Any]]:
        """责任清单: for every reach, who answers for it and how its problems stand."""
        scope = ""
        year_start = datetime(today.year, 1, 1, tzinfo=CHINA_TZ)
        params: list[Any] = [today.isoformat(), iso_utc(year_start), iso_utc(year_start.replace(year=today.year + 1))]
        if reach_codes is not None:
            scope = f"WHERE r.code IN ({', '.join('?' * len(reach_codes))})" if reach_codes else "WHERE 0"
            params += list(reach_codes)
        open_list = ", ".join(f"'{s}'" for s in OPEN_STATES)
        deadline_list = ", ".join(f"'{s}'" for s in DEADLINE_STATES)
        rows = self._store.query(
            f"""WITH tally AS (
                    SELECT p.reach_code,
                           sum(s.state IN ({open_list})) AS open,
                           sum(s.state IN ({deadline_list}) AND s.deadline < ?1) AS overdue,
                           sum(s.state IN ({open_list}) AND p.severity = 'major') AS major_open,
                           sum(s.state = 'closed' AND s.closed_at >= ?2 AND s.closed_at < ?3) AS closed_this_year,
                           count(*) AS total
                    FROM problems p JOIN problem_status s ON s.problem_uuid = p.uuid GROUP BY p.reach_code)
                SELECT r.code AS reach_code, r.name AS reach_name, r.township, r.village,
                       (SELECT json_group_array(json_array(c.name, c.level)) FROM chiefs c
                        WHERE c.uuid IN (SELECT chief_uuid FROM chief_reaches WHERE reach_code = r.code)) AS chiefs,
                       (SELECT json_group_array(u.name) FROM liaison_units u WHERE u.uuid IN (
                            SELECT a.unit_uuid FROM liaison_assignments a JOIN chief_reaches cr
                            ON cr.chief_uuid = a.chief_uuid WHERE cr.reach_code = r.code)) AS liaison_units,
                       coalesce(t.open, 0) AS open, coalesce(t.overdue, 0) AS overdue,
                       coalesce(t.major_open, 0) AS major_open, coalesce(t.closed_this_year, 0) AS closed_this_year,
                       coalesce(t.total, 0) AS total
                FROM reaches r LEFT JOIN tally t ON t.reach_code = r.code {scope}
                ORDER BY coalesce(t.overdue, 0) DESC, coalesce(t.open, 0) DESC, r.code""",
            tuple(params),
        )
        result = []
        for r in rows:
            row = dict(r)
            row["chiefs"] = [(name, Level(level)) for name, level in json.loads(row["chiefs"])]
            row["liaison_units"] = json.loads(row["liaison_units"])
            result.append(row)
        return result

    def stale_projections(self) -> list[str]:
        """Problems whose stored status differs from a fresh fold of their events (for `check`).

        Streams both tables in problem order (a merge join): memory stays flat at 100,000 problems.
        """
        conn = self._store.conn
        statuses = conn.execute("SELECT * FROM problem_status ORDER BY problem_uuid")
        status_names = [c[0] for c in statuses.description]
        events = conn.execute("SELECT * FROM problem_events WHERE deleted = 0 ORDER BY problem_uuid")
        event_names = [c[0] for c in events.description]
        by_problem = itertools.groupby((dict(zip(event_names, r, strict=True)) for r in events),
                                       key=lambda r: r["problem_uuid"])
        stored = (dict(zip(status_names, r, strict=True)) for r in statuses)
        with_record = {r[0] for r in conn.execute("SELECT uuid FROM problems")}
        bad = []
        current = next(stored, None)
        for problem_uuid, rows in by_problem:
            while current is not None and current["problem_uuid"] < problem_uuid:
                bad.append(current["problem_uuid"])  # a status without events
                current = next(stored, None)
            status = fold(problem_uuid, [_event(r, ()) for r in rows])
            if current is None or current["problem_uuid"] != problem_uuid:
                if problem_uuid in with_record:
                    bad.append(problem_uuid)  # events and their problem, but no status
                continue
            if {k: v for k, v in current.items() if k != "found_at"} != _status_values(status):
                bad.append(problem_uuid)
            current = next(stored, None)
        while current is not None:
            bad.append(current["problem_uuid"])
            current = next(stored, None)
        bad += [r[0] for r in conn.execute(
            """SELECT s.problem_uuid FROM problem_status s LEFT JOIN problems p ON p.uuid = s.problem_uuid
               WHERE p.uuid IS NULL OR s.found_at IS NOT p.found_at""")]
        return sorted(set(bad))


def write_statuses(conn: sqlite3.Connection, statuses: Iterable[tuple[ProblemStatus, str]]) -> None:
    """Store folded statuses, each with its problem's `found_at` (ISO UTC), the lists' sort key."""
    rows = [{"found_at": found_at, **_status_values(s)} for s, found_at in statuses]
    if not rows:
        return
    cols = list(rows[0])
    conn.executemany(
        f"INSERT OR REPLACE INTO problem_status ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
        [tuple(r.values()) for r in rows],
    )


def _status_values(status: ProblemStatus) -> dict[str, Any]:
    return {
        "problem_uuid": status.problem_uuid,
        "state": status.state.code if status.state else None,
        "assignee_unit": status.assignee_unit,
        "assignee_person": status.assignee_person,
        "deadline": status.deadline.isoformat() if status.deadline else None,
        "rectified_by": status.rectified_by.uuid if status.rectified_by else None,
        "last_event_at": iso_utc(status.last_event_at) if status.last_event_at else None,
        "closed_at": iso_utc(status.closed_at) if status.closed_at else None,
        "rework_count": status.rework_count,
        "events": len(status.steps),
        "not_applied": sum(not s.applied for s in status.steps),
        "head": status.head,
    }


def _stale(status: ProblemStatus) -> Refusal:
    last = status.steps[-1].event if status.steps else None
    if last is None:
        return Refusal("stale", "这个问题的记录找不到了，请刷新列表。",
                       "This problem's record is gone: refresh the list.")
    when = last.at.astimezone(CHINA_TZ).strftime("%m-%d %H:%M")
    return Refusal(
        "stale",
        f"这个问题刚刚有了新的处置记录（{last.actor.name}「{last.action.zh}」，{when}），请看一下最新情况再操作。",
        f"This problem has changed meanwhile ({last.actor.name}: '{last.action.en}', {when}). "
        "Look at its current state, then try again.",
    )




def problem_values(p: Problem) -> dict[str, Any]:
    return {
        "code": p.code, "description": p.description.strip(), "severity": p.severity.code,
        "urgency": p.urgency.code, "source": p.source.code, "reach_code": p.reach_code,
        "found_at": iso_utc(p.found_at), "found_by_uuid": p.found_by.uuid, "found_by_name": p.found_by.name,
        "found_by_role": p.found_by.role.code, "found_by_unit": p.found_by.unit,
        "lat": p.lat, "lon": p.lon, "position_source": p.position_source if p.lat is not None else None,
        "patrol_uuid": p.patrol_uuid,
    }


def _problem(r: sqlite3.Row | dict[str, Any]) -> Problem:
    return Problem(
        uuid=r["uuid"], code=r["code"], description=r["description"], severity=Severity(r["severity"]),
        urgency=Urgency(r["urgency"]), source=ProblemSource(r["source"]), reach_code=r["reach_code"],
        found_at=parse_utc(r["found_at"]),
        found_by=Actor(r["found_by_uuid"], r["found_by_name"], Role(r["found_by_role"]), r["found_by_unit"]),
        lat=r["lat"], lon=r["lon"], position_source=r["position_source"], patrol_uuid=r["patrol_uuid"],
    )


def event_values(e: ProblemEvent) -> dict[str, Any]:
    return {
        "problem_uuid": e.problem_uuid, "seq": e.seq, "action": e.action.code, "at": iso_utc(e.at),
        "actor_uuid": e.actor.uuid, "actor_name": e.actor.name, "actor_role": e.actor.role.code,
        "actor_unit": e.actor.unit, "note": e.note, "reason": e.reason, "assignee_unit": e.assignee_unit,
        "assignee_person": e.assignee_person, "deadline": e.deadline.isoformat() if e.deadline else None,
    }


def _event(r: dict[str, Any], photos: tuple[str, ...]) -> ProblemEvent:
    return ProblemEvent(
        uuid=r["uuid"], problem_uuid=r["problem_uuid"], seq=int(r["seq"]), action=Action(r["action"]),
        at=parse_utc(r["at"]), actor=Actor(r["actor_uuid"], r["actor_name"], Role(r["actor_role"]), r["actor_unit"]),
        note=r["note"], reason=r["reason"], assignee_unit=r["assignee_unit"], assignee_person=r["assignee_person"],
        deadline=date.fromisoformat(r["deadline"]) if r["deadline"] else None, photos=photos,
    )


