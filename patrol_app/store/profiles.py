"""Local profiles: who uses this laptop, in which role, for which reaches."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING

from patrol_app.domain.enums import Level, Role
from patrol_app.domain.ids import iso_utc, parse_utc, utc_now, uuid7
from patrol_app.domain.registry import Profile
from patrol_app.store.settings import CURRENT_PROFILE

if TYPE_CHECKING:
    from patrol_app.store.database import Store


class Profiles:
    def __init__(self, store: Store) -> None:
        self._store = store

    def all(self) -> list[Profile]:
        rows = self._store.query("SELECT * FROM profiles ORDER BY created_at")
        reaches = self._reaches_by_profile()
        return [_profile(r, reaches.get(r["uuid"], ())) for r in rows]

    def get(self, uuid: str) -> Profile | None:
        rows = self._store.query("SELECT * FROM profiles WHERE uuid = ?", (uuid,))
        if not rows:
            return None
        return _profile(rows[0], self._reaches_by_profile(uuid).get(uuid, ()))

    def current(self) -> Profile | None:
        uuid = self._store.settings.get(CURRENT_PROFILE)
        profile = self.get(uuid) if uuid else None
        if profile is None:
            profiles = self.all()
            profile = profiles[0] if profiles else None
        return profile

    def save(
        self,
        *,
        name: str,
        role: Role,
        level: Level | None,
        unit: str,
        reach_codes: list[str],
        uuid: str | None = None,
        make_current: bool = True,
        created_at: datetime | None = None,
    ) -> Profile:
        """Create or update a profile (validated by the domain type first), optionally make it current.

        `created_at` (default now) is kept from the first save; the demo dates its people back to the
        start of the history it makes up for them.
        """
        profile = Profile(
            uuid or uuid7(),
            name.strip(),
            role,
            level if role.has_level else None,
            unit.strip(),
            tuple(dict.fromkeys(reach_codes)),
        )
        now = iso_utc(utc_now())
        with self._store.write() as conn:
            conn.execute(
                """INSERT INTO profiles (uuid, name, role, level, unit, created_at, updated_at)
                   VALUES (?, ?, ?, ?, ?, ?, ?)
                   ON CONFLICT (uuid) DO UPDATE SET name = excluded.name, role = excluded.role,
                       level = excluded.level, unit = excluded.unit, updated_at = excluded.updated_at""",
                (
                    profile.uuid,
                    profile.name,
                    profile.role.code,
                    profile.level.code if profile.level else None,
                    profile.unit,
                    iso_utc(created_at) if created_at is not None else now,
                    now,
                ),
            )
            conn.execute("DELETE FROM profile_reaches WHERE profile_uuid = ?", (profile.uuid,))
            conn.executemany(
                "INSERT INTO profile_reaches (profile_uuid, reach_code) VALUES (?, ?)",
                [(profile.uuid, code) for code in profile.reach_codes],
            )
            _hold_demo_reaches(conn, profile)
            first_saved = conn.execute("SELECT created_at FROM profiles WHERE uuid = ?", (profile.uuid,)).fetchone()[0]
            if make_current:
                conn.execute(
                    "INSERT INTO app_settings (key, value) VALUES (?, ?) "
                    "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    (CURRENT_PROFILE.key, profile.uuid),
                )
        return replace(profile, created_at=parse_utc(first_saved))

    def make_current(self, uuid: str) -> None:
        self._store.settings.set(CURRENT_PROFILE, uuid)

    def count(self) -> int:
        return int(self._store.scalar("SELECT count(*) FROM profiles") or 0)

    def _reaches_by_profile(self, uuid: str | None = None) -> dict[str, tuple[str, ...]]:
        rows = self._store.query(
            "SELECT profile_uuid, reach_code FROM profile_reaches "
            "WHERE (? IS NULL OR profile_uuid = ?) ORDER BY reach_code",
            (uuid, uuid),
        )
        out: dict[str, list[str]] = {}
        for r in rows:
            out.setdefault(r["profile_uuid"], []).append(r["reach_code"])
        return {k: tuple(v) for k, v in out.items()}


def _profile(r, reach_codes: tuple[str, ...]) -> Profile:  # type: ignore[no-untyped-def]
    return Profile(
        r["uuid"],
        r["name"],
        Role(r["role"]),
        Level(r["level"]) if r["level"] else None,
        r["unit"],
        reach_codes,
        parse_utc(r["created_at"]),
    )


def _hold_demo_reaches(conn: sqlite3.Connection, profile: Profile) -> None:
    """A chief's profile becomes the register's chief at its level on the demo reaches it chose.

    The demo register's chiefs are fictional placeholders: a chief who picks 林庄村段 at first run must
    not find a made-up 张建国 listed as that reach's 村级河长 (issue 14). So, in the register, the profile
    takes the place of the demo chiefs of its level on those reaches. The real register, when the
    office sends it, replaces every demo chief, this one included; real reaches are never touched.
    """
    conn.execute("DELETE FROM chiefs WHERE uuid = ? AND demo = 1", (profile.uuid,))  # its links go with it
    if profile.role is not Role.CHIEF or profile.level is None:
        return
    codes = [code for (code,) in conn.execute(
        "SELECT code FROM reaches WHERE demo = 1 AND code IN (SELECT reach_code FROM profile_reaches "
        "WHERE profile_uuid = ?)", (profile.uuid,))]
    if not codes or conn.execute("SELECT 1 FROM chiefs WHERE uuid = ?", (profile.uuid,)).fetchone():
        return  # no demo reach, or (never in practice) a real chief with the profile's uuid
    conn.execute("INSERT INTO chiefs (uuid, name, level, title, demo) VALUES (?, ?, ?, ?, 1)",
                 (profile.uuid, profile.name, profile.level.code, profile.unit))
    conn.executemany(
        """DELETE FROM chief_reaches WHERE reach_code = ? AND chief_uuid IN (
               SELECT c.uuid FROM chiefs c WHERE c.demo = 1 AND c.level = ?
               AND NOT EXISTS (SELECT 1 FROM profiles p WHERE p.uuid = c.uuid))""",
        [(code, profile.level.code) for code in codes])
    conn.executemany("INSERT INTO chief_reaches (chief_uuid, reach_code) VALUES (?, ?)",
                     [(profile.uuid, code) for code in codes])
