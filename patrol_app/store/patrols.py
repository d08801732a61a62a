"""Patrol records (巡河记录): writes go through `records`, reads feed compliance."""

from __future__ import annotations

import json
from datetime import datetime
from typing import TYPE_CHECKING, Any

from patrol_app.domain.ids import iso_utc, parse_utc
from patrol_app.domain.rules import PatrolFacts
from patrol_app.store import records

if TYPE_CHECKING:
    from patrol_app.store.database import Store


class Patrols:
    def __init__(self, store: Store) -> None:
        self._store = store

    def save(self, values: dict[str, Any], *, uuid: str | None = None) -> tuple[str, int]:
        return records.save(self._store, records.PATROL, values, uuid=uuid)

    def get(self, uuid: str) -> dict[str, Any] | None:
        return records.PATROL.read(self._store.conn, uuid)

    def count(self) -> int:
        return int(self._store.scalar("SELECT count(*) FROM patrols WHERE deleted = 0") or 0)

    def facts(self, reach_codes: list[str], start: datetime, end: datetime) -> list[PatrolFacts]:
        """Finalised, not deleted patrols of these reaches that started in [start, end)."""
        rows = self._store.conn.execute(
            """SELECT reach_code, started_at, duration_s, distance_m FROM patrols
               WHERE status = 'final' AND deleted = 0 AND started_at >= ? AND started_at < ?
                 AND reach_code IN (SELECT value FROM json_each(?))""",
            (iso_utc(start), iso_utc(end), _json(reach_codes)),
        )
        return [PatrolFacts(code, parse_utc(t), d, m) for code, t, d, m in rows]

    def recent(self, reach_codes: list[str], limit: int) -> list[dict[str, Any]]:
        """The latest finalised patrols of these reaches, newest first."""
        rows = self._store.query(
            """SELECT uuid, reach_code, started_at, ended_at FROM patrols
               WHERE status = 'final' AND deleted = 0 AND reach_code IN (SELECT value FROM json_each(?))
               ORDER BY started_at DESC LIMIT ?""",
            (_json(reach_codes), limit),
        )
        return [dict(r) for r in rows]

    def last_patrol_times(self, reach_codes: list[str]) -> dict[str, datetime]:
        rows = self._store.conn.execute(
            """SELECT reach_code, max(started_at) FROM patrols
               WHERE status = 'final' AND deleted = 0 AND reach_code IN (SELECT value FROM json_each(?))
               GROUP BY reach_code""",
            (_json(reach_codes),),
        )
        return {code: parse_utc(t) for code, t in rows}


def _json(values: list[str]) -> str:
    return json.dumps(list(values))
