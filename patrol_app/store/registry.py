"""Registry queries: waterbodies, reaches, chiefs, liaison units, rules."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

from patrol_app.domain.enums import Level, WaterbodyKind
from patrol_app.domain.periods import PeriodKind
from patrol_app.domain.registry import Division, Reach, Waterbody
from patrol_app.domain.rules import PatrolRule

if TYPE_CHECKING:
    from patrol_app.store.database import Store


@dataclass(frozen=True)
class ReachRow:
    """A reach as the reaches page lists it: names resolved, chiefs and liaison units joined."""

    code: str
    name: str
    waterbody: str
    county: str
    township: str
    village: str | None
    length_m: int | None
    demo: bool
    chiefs: str  # "name (level), …" in level order
    liaison_units: str


class Registry:
    def __init__(self, store: Store) -> None:
        self._store = store

    def waterbodies(self) -> list[Waterbody]:
        rows = self._store.query("SELECT * FROM waterbodies ORDER BY kind DESC, code")
        return [
            Waterbody(r["code"], r["name"], WaterbodyKind(r["kind"]), r["code_scheme"], bool(r["demo"]))
            for r in rows
        ]

    def reach(self, code: str) -> Reach | None:
        rows = self._store.query("SELECT * FROM reaches WHERE code = ?", (code,))
        return _reach(rows[0]) if rows else None

    def reaches(self, codes: list[str] | None = None) -> list[Reach]:
        if codes is None:
            rows = self._store.query("SELECT * FROM reaches ORDER BY code")
        else:
            rows = self._store.query(
                "SELECT * FROM reaches WHERE code IN (SELECT value FROM json_each(?)) ORDER BY code",
                (json.dumps(codes),),
            )
        return [_reach(r) for r in rows]

    def reach_rows(self, search: str = "", waterbody_code: str | None = None) -> list[ReachRow]:
        """Reaches with their chiefs and liaison units, filtered by a free-text search."""
        like = f"%{search.strip()}%"
        rows = self._store.query(
            """
            SELECT r.code, r.name, w.name AS waterbody, d.name AS county, r.township, r.village,
                   r.length_m, r.demo,
                   (SELECT group_concat(c.name || '|' || c.level, ',') FROM (
                        SELECT c.name, c.level FROM chief_reaches cr JOIN chiefs c ON c.uuid = cr.chief_uuid
                        WHERE cr.reach_code = r.code
                        ORDER BY CASE c.level WHEN 'province' THEN 1 WHEN 'city' THEN 2 WHEN 'county' THEN 3
                                 WHEN 'township' THEN 4 ELSE 5 END) c) AS chiefs,
                   (SELECT group_concat(DISTINCT u.name) FROM chief_reaches cr
                        JOIN liaison_assignments la ON la.chief_uuid = cr.chief_uuid
                        JOIN liaison_units u ON u.uuid = la.unit_uuid
                        WHERE cr.reach_code = r.code) AS units
            FROM reaches r
            JOIN waterbodies w ON w.code = r.waterbody_code
            JOIN divisions d ON d.code = r.county_code
            WHERE (:wb IS NULL OR r.waterbody_code = :wb)
              AND (r.name LIKE :like OR r.code LIKE :like OR r.township LIKE :like
                   OR coalesce(r.village, '') LIKE :like OR w.name LIKE :like
                   OR EXISTS (SELECT 1 FROM chief_reaches cr JOIN chiefs c ON c.uuid = cr.chief_uuid
                              WHERE cr.reach_code = r.code AND c.name LIKE :like))
            ORDER BY r.code
            """,
            {"like": like, "wb": waterbody_code},
        )
        return [
            ReachRow(
                r["code"],
                r["name"],
                r["waterbody"],
                r["county"],
                r["township"],
                r["village"],
                r["length_m"],
                bool(r["demo"]),
                r["chiefs"] or "",
                r["units"] or "",
            )
            for r in rows
        ]

    def divisions(self) -> list[Division]:
        rows = self._store.query("SELECT code, name, parent_code FROM divisions ORDER BY code")
        return [Division(r["code"], r["name"], r["parent_code"]) for r in rows]

    def last_reach_sequence(self, county_code: str) -> int:
        """The highest 6-digit sequence used in this county's reach codes (0 if none)."""
        last = self._store.scalar("SELECT max(code) FROM reaches WHERE county_code = ?", (county_code,))
        return int(str(last)[6:]) if last else 0

    def village_chief_names(self) -> dict[str, str]:
        rows = self._store.query(
            """SELECT cr.reach_code, c.name FROM chief_reaches cr JOIN chiefs c ON c.uuid = cr.chief_uuid
               WHERE c.level = 'village'"""
        )
        return {r["reach_code"]: r["name"] for r in rows}

    def chief_names(self, uuids: list[str]) -> dict[str, str]:
        """Chief uuid → name, for the chiefs named (a liaison unit's page shows whom it assists)."""
        rows = self._store.query("SELECT uuid, name FROM chiefs WHERE uuid IN (SELECT value FROM json_each(?))",
                                 (json.dumps(sorted(uuids)),))
        return {r["uuid"]: r["name"] for r in rows}

    def reach_count(self) -> int:
        return int(self._store.scalar("SELECT count(*) FROM reaches") or 0)

    def rules(self) -> dict[Level, PatrolRule]:
        rows = self._store.query("SELECT * FROM patrol_rules")
        return {
            Level(r["level"]): PatrolRule(
                Level(r["level"]),
                PeriodKind(r["period_kind"]),
                r["min_patrols"],
                r["min_duration_s"],
                r["min_distance_m"],
                r["source"],
            )
            for r in rows
        }


def _reach(r) -> Reach:  # type: ignore[no-untyped-def]
    geometry = tuple((float(x), float(y)) for x, y in json.loads(r["geometry"] or "[]"))
    return Reach(
        r["code"],
        r["name"],
        r["waterbody_code"],
        r["county_code"],
        r["township"],
        r["village"],
        r["length_m"],
        bool(r["demo"]),
        geometry,
    )
