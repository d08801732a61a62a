"""Patrol records (巡河记录), their tracks, photos and revisions: every write goes through `records`.

A draft may be changed freely; a finalised patrol only through `revise`, which keeps the replaced
version (with who changed it and why) as a `patrol_revision` record. Each change checks the version
the editor started from, so two windows (or a sync) never overwrite each other silently.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from patrol_app.domain.ids import iso_utc, parse_utc, utc_now, uuid7
from patrol_app.domain.patrols import PatrolForm
from patrol_app.domain.periods import CHINA_TZ
from patrol_app.domain.refusal import Refusal
from patrol_app.domain.rules import PatrolFacts
from patrol_app.store import records

if TYPE_CHECKING:
    from patrol_app.store.database import Store

# The columns a revision may change, and that a `patrol_revision` keeps of the version it replaces.
CONTENT_COLUMNS = (
    "reach_code", "profile_uuid", "patroller_name", "patroller_role", "rule_level", "on_behalf_of_uuid",
    "on_behalf_of_name", "started_at", "ended_at", "duration_s", "distance_m", "moving_s", "mode", "weather",
    "checklist", "notes", "track_uuid", "coverage", "flags", "flag_count",
)  # fmt: skip
VALID_SQL = """(p.duration_s >= coalesce(r.min_duration_s, 0) AND p.distance_m >= coalesce(r.min_distance_m, 0))"""
MANY_REACHES = 30


@dataclass(frozen=True)
class PatrolFilter:
    """What the patrol list asks for; times are aware (the page works in China time)."""

    reach_codes: tuple[str, ...] | None = None  # None: every reach
    started_from: datetime | None = None
    started_to: datetime | None = None
    status: str | None = None  # 'draft' | 'final'
    validity: str | None = None  # 'valid' | 'invalid' | 'flagged'
    text: str = ""

    def where(self) -> tuple[str, list[Any]]:
        clauses, params = ["p.deleted = 0"], []
        if self.reach_codes is not None:
            # For a handful of reaches the (reach, time) index is best; for a county's hundreds, walking the
            # time index newest first and checking the reach finds a page sooner ("+" keeps SQLite off the
            # reach index).
            column = "+p.reach_code" if len(self.reach_codes) > MANY_REACHES else "p.reach_code"
            clauses.append(f"{column} IN (SELECT value FROM json_each(?))")
            params.append(json.dumps(list(self.reach_codes)))
        if self.started_from is not None:
            clauses.append("p.started_at >= ?")
            params.append(iso_utc(self.started_from))
        if self.started_to is not None:
            clauses.append("p.started_at < ?")
            params.append(iso_utc(self.started_to))
        if self.status is not None:  # a literal, so SQLite can use the partial index on drafts
            if self.status not in ("draft", "final"):
                raise ValueError(f"unknown patrol status {self.status!r}")
            clauses.append(f"p.status = '{self.status}'")
        if self.validity == "valid":
            clauses.append(VALID_SQL)
        elif self.validity == "invalid":
            clauses.append(f"NOT {VALID_SQL}")
        elif self.validity == "flagged":
            clauses.append("p.flag_count > 0")
        if self.text.strip():
            clauses.append("(p.patroller_name LIKE ? OR p.notes LIKE ? OR p.on_behalf_of_name LIKE ?)")
            like = f"%{self.text.strip()}%"
            params += [like, like, like]
        return " AND ".join(clauses), params

    @property
    def needs_rules(self) -> bool:
        return self.validity in ("valid", "invalid")


class Patrols:
    def __init__(self, store: Store) -> None:
        self._store = store

    # ---- writes -------------------------------------------------------------------------------

    def create(self, values: dict[str, Any]) -> str:
        """A new draft (and its track, if any, pointed back at it) in one transaction; returns its uuid."""
        now = iso_utc(utc_now())
        uuid = uuid7()
        with self._store.write() as conn:
            records.insert_one(conn, self._store.device_id, records.PATROL, uuid, {**values, "status": "draft"},
                               now=now)
            self._move_track(conn, uuid, None, values, now)
        return uuid

    def save(self, values: dict[str, Any], *, uuid: str | None = None) -> tuple[str, int]:
        """Low-level write used by the demo and tests; the app uses create/update_draft/finalise/revise."""
        return records.save(self._store, records.PATROL, values, uuid=uuid)

    def update_draft(self, uuid: str, values: dict[str, Any], *, expected_version: int,
                     finalise_at: datetime | None = None) -> int:
        """Change a draft (and finalise it when `finalise_at` is given); returns the new version."""
        now = iso_utc(utc_now())
        with self._store.write() as conn:
            current = self._current(conn, uuid, expected_version)
            if current["status"] != "draft":
                raise Refusal("patrol_locked", "这条巡河记录已经提交，不能直接修改；请用“修改记录”并写明原因。",
                              "This patrol is finalised and locked: use Revise and give a reason.")
            values = dict(values)
            if finalise_at is not None:
                values |= {"status": "final", "finalised_at": iso_utc(finalise_at)}
            self._move_track(conn, uuid, current.get("track_uuid"), values, now)
            return records.update_in(conn, records.PATROL, uuid, values, now)

    def revise(self, uuid: str, values: dict[str, Any], *, reason: str, by_uuid: str | None, by_name: str,
               expected_version: int) -> int:
        """A new version of a finalised patrol; the version it replaces is kept with the reason."""
        now = iso_utc(utc_now())
        with self._store.write() as conn:
            current = self._current(conn, uuid, expected_version)
            if current["status"] != "final":
                raise ValueError("only a finalised patrol is revised; a draft is simply saved")
            values = {c: v for c, v in values.items() if c in CONTENT_COLUMNS}
            if all(current[c] == v for c, v in values.items()):
                raise Refusal("patrol_revision_unchanged", "没有改动任何内容，不需要保存修改。",
                              "Nothing was changed: there is no revision to save.")
            revision = int(current["revision"]) + 1
            replaced = {c: current[c] for c in CONTENT_COLUMNS} | {"version": current["version"]}
            records.insert_one(conn, self._store.device_id, records.PATROL_REVISION, uuid7(), {
                "patrol_uuid": uuid, "revision": revision, "reason": reason.strip(), "by_uuid": by_uuid,
                "by_name": by_name, "replaced": json.dumps(replaced, ensure_ascii=False),
            }, now=now)
            values |= {"revision": revision}
            self._move_track(conn, uuid, current.get("track_uuid"), values, now)
            return records.update_in(conn, records.PATROL, uuid, values, now)

    def discard_draft(self, uuid: str, *, expected_version: int | None = None) -> None:
        """Delete a draft (a tombstone, like every synced record); its photos stay in the library and its
        track becomes free for another patrol (as a local copy: see `_let_go`)."""
        now = iso_utc(utc_now())
        with self._store.write() as conn:
            row = records.PATROL.read(conn, uuid)
            if row is None or row["deleted"]:
                raise KeyError(uuid)
            if expected_version is not None:
                self._current(conn, uuid, expected_version)
            if row["track_uuid"]:
                self._move_track(conn, uuid, row["track_uuid"], {"track_uuid": None}, now)
            if row["status"] != "draft":
                raise Refusal("patrol_locked_delete", "已提交的巡河记录不能删除。",
                              "A finalised patrol cannot be deleted.")
            records.tombstone_in(conn, records.PATROL, uuid, now)
            for (link,) in conn.execute(
                "SELECT uuid FROM photo_links WHERE target_kind = 'patrol' AND target_uuid = ? AND deleted = 0", (uuid,)
            ).fetchall():
                records.tombstone_in(conn, records.PHOTO_LINK, link, now)

    def _current(self, conn, uuid: str, expected_version: int) -> dict[str, Any]:  # noqa: ANN001
        current = records.PATROL.read(conn, uuid)
        if current is None or current["deleted"]:
            raise Refusal("patrol_gone", "这条巡河记录已被删除。", "This patrol has been deleted.")
        if int(current["version"]) != expected_version:
            raise Refusal("patrol_changed", "这条巡河记录在别处被修改过，请重新打开后再改。",
                          "This patrol was changed elsewhere meanwhile: open it again and redo your change.")
        return current

    def _move_track(self, conn, uuid: str, old: str | None, values: dict[str, Any], now: str) -> None:  # noqa: ANN001
        """Keep each track's `patrol_uuid` in step with the patrol that uses it; a track serves one patrol."""
        new = values.get("track_uuid", old)
        if new == old:
            return
        if new:
            row = conn.execute("SELECT deleted FROM tracks WHERE uuid = ?", (new,)).fetchone()
            if row is None or row[0]:
                raise Refusal("track_gone", "这条轨迹已不能再用（已被删除或换掉），请重新导入轨迹文件。",
                              "This track can no longer be used (it was deleted or replaced): import the file again.")
            owner = _track_owner(conn, new)
            if owner is not None and owner["uuid"] != uuid:
                when = parse_utc(owner["started_at"]).astimezone(CHINA_TZ).strftime("%Y-%m-%d %H:%M")
                raise Refusal("track_in_use", f"这条轨迹已经用在另一条巡河记录上（{when} 开始的那次），不能再用一次。",
                              f"This track is already used by another patrol (the one started {when}).")
        previous = _track_owner(conn, old) if old else None
        if old and previous is not None and previous["uuid"] == uuid:
            self._let_go(conn, old, now)
        if new:  # the first version of a track that goes to the office is one a patrol uses
            records.update_in(conn, records.TRACK, new, {"patrol_uuid": uuid}, now)

    def _let_go(self, conn, track_uuid: str, now: str) -> None:  # noqa: ANN001
        """A patrol no longer uses this track. Its version naming the patrol was queued, so the office
        has it or will: the track ends there as a tombstone. A local copy, not queued, stays offered for
        another patrol (docs/sync-protocol.md, "Tracks not used")."""
        records.copy_local(conn, self._store.device_id, records.TRACK, track_uuid, {"patrol_uuid": None}, now=now)
        records.tombstone_in(conn, records.TRACK, track_uuid, now)

    def track_owner(self, track_uuid: str) -> dict[str, Any] | None:
        """The live patrol that uses this track (uuid, started_at, status), if any."""
        return _track_owner(self._store.conn, track_uuid)

    def _refuse_if_final(self, conn, patrol_uuid: str) -> None:  # noqa: ANN001
        row = conn.execute("SELECT status FROM patrols WHERE uuid = ? AND deleted = 0", (patrol_uuid,)).fetchone()
        if row is None:
            raise Refusal("patrol_gone", "这条巡河记录已被删除。", "This patrol has been deleted.")
        if row[0] == "final":
            raise Refusal("patrol_locked_photos", "已提交的巡河记录不能再增删照片。",
                          "Photos cannot be added to or removed from a finalised patrol.")

    def add_track(self, values: dict[str, Any]) -> tuple[str, bool]:
        """Store a track; the same file (same bytes, same coordinate system) again is a duplicate.

        The track stays on this laptop (not queued) until a patrol uses it: one imported into the
        editor and then replaced, or made for a proposal never saved, never reaches the office.
        Returns (uuid, duplicate)."""
        with self._store.write() as conn:
            if values.get("file_sha256"):
                row = conn.execute(
                    "SELECT uuid FROM tracks WHERE file_sha256 = ? AND crs_in = ? AND deleted = 0",
                    (values["file_sha256"], values.get("crs_in", "wgs84")),
                ).fetchone()
                if row:
                    return row[0], True
            uuid = uuid7()
            records.insert_local(conn, self._store.device_id, records.TRACK, uuid, values)
        return uuid, False

    def link_photos(self, patrol_uuid: str, photo_uuids: Iterable[str],
                    placements: dict[str, tuple[float, float, float | None]] | None = None, *,
                    as_of_drafting: bool = False) -> int:
        """Link photos to a draft patrol; photos without a position get the track's (`placements`).

        One transaction; returns how many links are new. `as_of_drafting` is for the demo generator,
        which writes history: photos that were attached while its finalised patrols were drafts."""
        now = iso_utc(utc_now())
        placements = placements or {}
        added = 0
        with self._store.write() as conn:
            if not as_of_drafting:
                self._refuse_if_final(conn, patrol_uuid)
            for photo in photo_uuids:
                added += self._store.photos.link_in(conn, photo, "patrol", patrol_uuid, now)
                if photo in placements:
                    lat, lon, ele = placements[photo]
                    has = conn.execute("SELECT lat FROM photos WHERE uuid = ?", (photo,)).fetchone()
                    if has is not None and has[0] is None:
                        records.update_in(conn, records.PHOTO, photo, {
                            "lat": lat, "lon": lon, "alt": ele, "position_source": "track"}, now)
        return added

    def unlink_photo(self, patrol_uuid: str, photo_uuid: str) -> None:
        now = iso_utc(utc_now())
        with self._store.write() as conn:
            self._refuse_if_final(conn, patrol_uuid)
            for (link,) in conn.execute(
                """SELECT uuid FROM photo_links WHERE photo_uuid = ? AND target_kind = 'patrol' AND target_uuid = ?
                   AND deleted = 0""",
                (photo_uuid, patrol_uuid),
            ).fetchall():
                records.tombstone_in(conn, records.PHOTO_LINK, link, now)

    # ---- reads --------------------------------------------------------------------------------

    def get(self, uuid: str) -> dict[str, Any] | None:
        return records.PATROL.read(self._store.conn, uuid)

    def form(self, row: dict[str, Any]) -> PatrolForm:
        """The stored record as the editor's form."""
        return PatrolForm(
            reach_code=row["reach_code"], patroller_name=row["patroller_name"],
            started_at=parse_utc(row["started_at"]), ended_at=parse_utc(row["ended_at"]), mode=row["mode"],
            weather=row["weather"], checklist=json.loads(row["checklist"] or "{}"), notes=row["notes"],
            profile_uuid=row["profile_uuid"], patroller_role=row["patroller_role"], rule_level=row["rule_level"],
            on_behalf_of_uuid=row["on_behalf_of_uuid"], on_behalf_of_name=row["on_behalf_of_name"],
        )

    def track(self, uuid: str) -> dict[str, Any] | None:
        return records.TRACK.read(self._store.conn, uuid)

    def unattached_tracks(self, limit: int = 200) -> list[dict[str, Any]]:
        """Imported tracks no patrol uses yet, newest first (without their points); not a covert route."""
        rows = self._store.query(
            """SELECT uuid, file_name, format, point_count, distance_m, duration_s, started_at, ended_at, created_at
               FROM tracks t WHERE patrol_uuid IS NULL AND deleted = 0
                 AND NOT EXISTS (SELECT 1 FROM covert_held h WHERE h.item_uuid = t.uuid)
               ORDER BY created_at DESC LIMIT ?""",
            (limit,),
        )
        return [dict(r) for r in rows]

    def count(self, where: PatrolFilter | None = None) -> int:
        where = where or PatrolFilter()
        clause, params = where.where()
        join = "LEFT JOIN patrol_rules r ON r.level = p.rule_level" if where.needs_rules else ""
        return int(self._store.scalar(f"SELECT count(*) FROM patrols p {join} WHERE {clause}", tuple(params)) or 0)

    def page(self, where: PatrolFilter, after: tuple[str, str] | None, limit: int) -> list[dict[str, Any]]:
        """Patrols newest first, `limit` of them after the key (started_at, uuid) `after` (keyset paging)."""
        clause, params = where.where()
        if after is not None:
            clause += " AND (p.started_at, p.uuid) < (?, ?)"
            params = [*params, *after]
        rows = self._store.query(
            f"""SELECT p.uuid, p.reach_code, coalesce(re.name, p.reach_code) AS reach_name, p.patroller_name,
                       p.on_behalf_of_name, p.started_at, p.ended_at, p.duration_s, p.distance_m, p.mode, p.status,
                       p.flag_count, p.revision, p.track_uuid, {VALID_SQL} AS valid,
                       (SELECT count(*) FROM photo_links l WHERE l.target_kind = 'patrol' AND l.target_uuid = p.uuid
                          AND l.deleted = 0) AS photos,
                       (SELECT count(*) FROM problems q WHERE q.patrol_uuid = p.uuid AND q.deleted = 0) AS problems
                FROM patrols p LEFT JOIN patrol_rules r ON r.level = p.rule_level
                     LEFT JOIN reaches re ON re.code = p.reach_code
                WHERE {clause} ORDER BY p.started_at DESC, p.uuid DESC LIMIT ?""",
            (*params, limit),
        )
        return [dict(r) for r in rows]

    def photos(self, patrol_uuid: str) -> list[dict[str, Any]]:
        """The patrol's photos in the order they were taken."""
        rows = self._store.query(
            """SELECT p.uuid, p.sha256, p.upload_sha256, p.taken_at, p.lat, p.lon, p.alt, p.position_source,
                      p.original_name
               FROM photo_links l JOIN photos p ON p.uuid = l.photo_uuid
               WHERE l.target_kind = 'patrol' AND l.target_uuid = ? AND l.deleted = 0 AND p.deleted = 0
               ORDER BY coalesce(p.taken_at, p.created_at), p.uuid""",
            (patrol_uuid,),
        )
        return [dict(r) for r in rows]

    def photos_in_window(self, start: datetime, end: datetime, *, exclude_patrol: str | None = None,
                         limit: int = 500) -> list[dict[str, Any]]:
        """Photos taken in [start, end] not yet linked to `exclude_patrol`, with whether another patrol has them
        (never a covert draft's)."""
        rows = self._store.query(
            """SELECT p.uuid, p.sha256, p.upload_sha256, p.taken_at, p.lat, p.lon, p.alt, p.position_source,
                      p.original_name,
                      EXISTS (SELECT 1 FROM photo_links l WHERE l.photo_uuid = p.uuid AND l.target_kind = 'patrol'
                              AND l.deleted = 0) AS linked
               FROM photos p
               WHERE p.deleted = 0 AND p.taken_at >= ? AND p.taken_at <= ?
                 AND NOT EXISTS (SELECT 1 FROM covert_held h WHERE h.item_uuid = p.uuid)
                 AND NOT EXISTS (SELECT 1 FROM photo_links l WHERE l.photo_uuid = p.uuid AND l.target_kind = 'patrol'
                                 AND l.target_uuid = ? AND l.deleted = 0)
               ORDER BY p.taken_at, p.uuid LIMIT ?""",
            (iso_utc(start), iso_utc(end), exclude_patrol or "", limit),
        )
        return [dict(r) for r in rows]

    def drafts_for_photos(self, photo_uuids: Sequence[str], tolerance: timedelta) -> dict[str, list[str]]:
        """Draft patrols during which (± tolerance) these photos were taken: {patrol uuid: [photo uuids]}.

        Only drafts: a finalised patrol is changed through a revision, not by a photo import."""
        found: dict[str, list[str]] = {}
        for photo, taken in self._store.conn.execute(
            "SELECT uuid, taken_at FROM photos WHERE uuid IN (SELECT value FROM json_each(?)) AND taken_at IS NOT NULL",
            (json.dumps(list(photo_uuids)),),
        ).fetchall():
            moment = parse_utc(taken)
            for (patrol,) in self._store.conn.execute(
                """SELECT p.uuid FROM patrols p
                   WHERE p.status = 'draft' AND p.deleted = 0 AND p.started_at <= ? AND p.ended_at >= ?
                     AND NOT EXISTS (SELECT 1 FROM photo_links l WHERE l.photo_uuid = ? AND l.target_kind = 'patrol'
                                     AND l.target_uuid = p.uuid AND l.deleted = 0)""",
                (iso_utc(moment + tolerance), iso_utc(moment - tolerance), photo),
            ):
                found.setdefault(patrol, []).append(photo)
        return found

    def photo_rows(self, photo_uuids: Sequence[str]) -> list[dict[str, Any]]:
        rows = self._store.query(
            """SELECT uuid, sha256, upload_sha256, taken_at, lat, lon, alt, position_source, original_name
               FROM photos WHERE uuid IN (SELECT value FROM json_each(?)) AND deleted = 0
               ORDER BY coalesce(taken_at, created_at), uuid""",
            (json.dumps(list(photo_uuids)),),
        )
        return [dict(r) for r in rows]

    def problems(self, patrol_uuid: str) -> list[dict[str, Any]]:
        rows = self._store.query(
            """SELECT q.uuid, q.code, q.description, q.severity, q.found_at, s.state
               FROM problems q LEFT JOIN problem_status s ON s.problem_uuid = q.uuid
               WHERE q.patrol_uuid = ? AND q.deleted = 0 ORDER BY q.found_at, q.uuid""",
            (patrol_uuid,),
        )
        return [dict(r) for r in rows]

    def revisions(self, patrol_uuid: str) -> list[dict[str, Any]]:
        rows = self._store.query(
            """SELECT revision, reason, by_name, created_at, replaced FROM patrol_revisions
               WHERE patrol_uuid = ? AND deleted = 0 ORDER BY revision""",
            (patrol_uuid,),
        )
        return [dict(r) for r in rows]

    def facts(self, reach_codes: list[str], start: datetime, end: datetime) -> list[PatrolFacts]:
        """Finalised, not deleted patrols of these reaches that started in [start, end)."""
        rows = self._store.conn.execute(
            """SELECT reach_code, started_at, duration_s, distance_m FROM patrols
               WHERE status = 'final' AND deleted = 0 AND started_at >= ? AND started_at < ?
                 AND reach_code IN (SELECT value FROM json_each(?))""",
            (iso_utc(start), iso_utc(end), _json(reach_codes)),
        )
        return [PatrolFacts(code, parse_utc(t), d, m) for code, t, d, m in rows]

    def period_totals(self, reach_codes: list[str], periods: Sequence[tuple[datetime, datetime, bool]], *,
                      min_duration_s: int, min_distance_m: int, required: int) -> dict[str, tuple[int, int, int, int]]:
        """Per reach over these periods ((start, end, ended) each): patrols, valid patrols, periods with
        enough valid patrols, and of those the ones already over.

        One query: SQLite walks the time index once per period and folds reach × period counts itself,
        so a county's thousand reaches over a year come back as a thousand rows."""
        spans = json.dumps([[i, iso_utc(s), iso_utc(e), int(ended)] for i, (s, e, ended) in enumerate(periods)])
        rows = self._store.conn.execute(
            """WITH pr(i, s, e, ended) AS (
                   SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]'),
                          json_extract(value, '$[3]') FROM json_each(?)),
               per AS (
                   SELECT p.reach_code AS code, pr.ended AS ended, count(*) AS done,
                          sum(p.duration_s >= ? AND p.distance_m >= ?) AS valid
                   FROM pr JOIN patrols p ON p.started_at >= pr.s AND p.started_at < pr.e
                   WHERE p.status = 'final' AND p.deleted = 0 AND +p.reach_code IN (SELECT value FROM json_each(?))
                   GROUP BY p.reach_code, pr.i)
               SELECT code, sum(done), sum(valid), sum(valid >= ?), sum(ended AND valid >= ?)
               FROM per GROUP BY code""",
            (spans, min_duration_s, min_distance_m, _json(reach_codes), required, required),
        )
        return {code: (int(d), int(v), int(s), int(se)) for code, d, v, s, se in rows}

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
        """Each reach's latest finalised patrol: one index seek per reach (patrols_last)."""
        rows = self._store.conn.execute(
            """SELECT j.value, (SELECT max(p.started_at) FROM patrols p
                                WHERE p.reach_code = j.value AND p.status = 'final' AND p.deleted = 0)
               FROM json_each(?) j""",
            (_json(reach_codes),),
        )
        return {code: parse_utc(t) for code, t in rows if t}

    def first_patrol_time(self, reach_codes: list[str]) -> datetime | None:
        """The earliest finalised patrol of any of these reaches (the same index as `last_patrol_times`)."""
        rows = self._store.conn.execute(
            """SELECT min((SELECT min(p.started_at) FROM patrols p
                           WHERE p.reach_code = j.value AND p.status = 'final' AND p.deleted = 0))
               FROM json_each(?) j""",
            (_json(reach_codes),),
        ).fetchone()
        return parse_utc(rows[0]) if rows and rows[0] else None


def _track_owner(conn, track_uuid: str) -> dict[str, Any] | None:  # noqa: ANN001
    row = conn.execute(
        """SELECT p.uuid, p.started_at, p.status FROM tracks t JOIN patrols p ON p.uuid = t.patrol_uuid
           WHERE t.uuid = ? AND p.deleted = 0""",
        (track_uuid,),
    ).fetchone()
    return {"uuid": row[0], "started_at": row[1], "status": row[2]} if row else None


def _json(values: list[str]) -> str:
    return json.dumps(list(values))

