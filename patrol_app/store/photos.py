"""Photo records: inserts from the importer (one transaction per batch, written by `records` with their
outbox entries), reads for the photos page, and checks of the library files."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any

from patrol_app.domain.ids import iso_utc, parse_utc, utc_now
from patrol_app.store import records

if TYPE_CHECKING:
    from patrol_app.store.database import Store


# Photos a covert draft uses are shown in the covert pages only (schema 0008).
COVERT_HELD = "EXISTS (SELECT 1 FROM covert_held h WHERE h.item_uuid = p.uuid)"


@dataclass(frozen=True)
class PhotoFilter:
    """What the photos page asks for. Dates are aware datetimes (the page works in China time)."""

    taken_from: datetime | None = None
    taken_to: datetime | None = None
    has_position: bool | None = None
    linked: bool | None = None

    def where(self) -> tuple[str, list[Any]]:
        clauses, params = ["p.deleted = 0", f"NOT {COVERT_HELD}"], []
        if self.taken_from is not None:
            clauses.append("p.taken_at >= ?")
            params.append(iso_utc(self.taken_from))
        if self.taken_to is not None:
            clauses.append("p.taken_at < ?")
            params.append(iso_utc(self.taken_to))
        if self.has_position is not None:
            clauses.append("p.lat IS NOT NULL" if self.has_position else "p.lat IS NULL")
        if self.linked is not None:
            exists = "EXISTS (SELECT 1 FROM photo_links l WHERE l.photo_uuid = p.uuid AND l.deleted = 0)"
            clauses.append(exists if self.linked else f"NOT {exists}")
        return " AND ".join(clauses), params


class Photos:
    def __init__(self, store: Store) -> None:
        self._store = store

    def known_hashes(self) -> dict[str, str]:
        """sha256 of every original already in the library → its photo uuid."""
        return dict(self._store.conn.execute("SELECT sha256, uuid FROM photos"))

    def insert_imported(self, rows: list[dict[str, Any]], *, patrol_uuid: str | None = None,
                        held_for: str | None = None) -> list[str | None]:
        """Insert new photos (and their outbox entries, and links to a patrol) in one transaction.

        `held_for`: a covert inspection's uuid. Its new photos stay on this laptop (not queued) and
        held (`covert_held`: out of the photos page and the patrol editor) until it is submitted.
        Returns, for each row, the new photo's uuid, or None where that image was already there.
        """
        now = iso_utc(utc_now())
        device = self._store.device_id
        with self._store.write() as conn:
            written = records.insert_new(conn, device, records.PHOTO, rows, now=now, queue=held_for is None)
            if held_for is not None:
                conn.executemany(
                    "INSERT OR IGNORE INTO covert_held (item_uuid, item_kind, inspection_uuid) VALUES (?, 'photo', ?)",
                    [(uuid, held_for) for uuid in written if uuid is not None])
            if patrol_uuid is not None:
                links = [_link_values(uuid, "patrol", patrol_uuid) for uuid in written if uuid is not None]
                if links:
                    records.insert_new(conn, device, records.PHOTO_LINK, links, now=now)
        return written

    def link(self, photo_uuid: str, target_kind: str, target_uuid: str) -> bool:
        """Link a photo to a record (a patrol, a problem event); returns whether the link is new."""
        now = iso_utc(utc_now())
        with self._store.write() as conn:
            return self.link_in(conn, photo_uuid, target_kind, target_uuid, now)

    def link_in(self, conn: sqlite3.Connection, photo_uuid: str, target_kind: str, target_uuid: str, now: str) -> bool:
        """`link` inside the caller's `store.write()` transaction."""
        (uuid,) = records.insert_new(conn, self._store.device_id, records.PHOTO_LINK,
                                     [_link_values(photo_uuid, target_kind, target_uuid)], now=now)
        return uuid is not None

    def set_manual_position(self, uuid: str, lat: float, lon: float) -> int:
        """The user placed the photo by hand; returns the record's new version."""
        if not (-90 <= lat <= 90 and -180 <= lon <= 180) or (lat == 0 and lon == 0):
            raise ValueError("position out of range")
        _, version = records.save(
            self._store, records.PHOTO, {"lat": lat, "lon": lon, "alt": None, "position_source": "manual"}, uuid=uuid
        )
        return version

    def get(self, uuid: str) -> dict[str, Any] | None:
        return records.PHOTO.read(self._store.conn, uuid)

    def by_sha(self, sha256: str) -> dict[str, Any] | None:
        cur = self._store.conn.execute("SELECT * FROM photos WHERE sha256 = ?", (sha256,))
        row = cur.fetchone()
        return dict(zip([c[0] for c in cur.description], row, strict=True)) if row else None

    def count(self, where: PhotoFilter | None = None) -> int:
        clause, params = (where or PhotoFilter()).where()
        return int(self._store.scalar(f"SELECT count(*) FROM photos p WHERE {clause}", tuple(params)) or 0)

    def page(self, where: PhotoFilter, after: tuple[str, str] | None, limit: int) -> list[dict[str, Any]]:
        """Photos newest first (time taken, else import time), `limit` of them after the key `after`.

        Keyset paging on an index over the sort key: each page costs the same however deep it is.
        """
        clause, params = where.where()
        if after is not None:
            clause += " AND (coalesce(p.taken_at, p.created_at), p.uuid) < (?, ?)"
            params = [*params, *after]
        rows = self._store.query(
            f"""SELECT p.uuid, p.sha256, p.upload_sha256, p.taken_at, p.taken_at_offset, p.created_at, p.lat, p.lon,
                       p.position_source,
                       p.original_name, coalesce(p.taken_at, p.created_at) AS sort_key
                FROM photos p WHERE {clause}
                ORDER BY coalesce(p.taken_at, p.created_at) DESC, p.uuid DESC LIMIT ?""",
            (*params, limit),
        )
        return [dict(r) for r in rows]

    def links(self, photo_uuid: str) -> list[tuple[str, str]]:
        rows = self._store.conn.execute(
            "SELECT target_kind, target_uuid FROM photo_links WHERE photo_uuid = ? AND deleted = 0 ORDER BY created_at",
            (photo_uuid,),
        )
        return [(k, u) for k, u in rows]

    def clock_times(self, shas: list[str]) -> dict[str, tuple[datetime | None, datetime | None]]:
        """sha256 → (GPS time, camera time) of photos already in the library, to judge the laptop clock."""
        out: dict[str, tuple[datetime | None, datetime | None]] = {}
        for start in range(0, len(shas), 500):  # under SQLite's limit on bound parameters
            chunk = shas[start:start + 500]
            marks = ",".join("?" * len(chunk))
            for sha, gps, taken in self._store.conn.execute(
                f"SELECT sha256, gps_time, taken_at FROM photos WHERE sha256 IN ({marks})", chunk
            ):
                out[sha] = (parse_utc(gps) if gps else None, parse_utc(taken) if taken else None)
        return out

    def library_rows(self) -> list[tuple[str, str, str, str]]:
        """(uuid, sha256, format, upload_sha256) of every photo, for `check`."""
        return [tuple(r) for r in self._store.conn.execute("SELECT uuid, sha256, format, upload_sha256 FROM photos")]

    def totals(self) -> dict[str, int]:
        row = self._store.conn.execute(
            "SELECT count(*), coalesce(sum(bytes), 0), count(lat) FROM photos WHERE deleted = 0"
        ).fetchone()
        return {"count": int(row[0]), "bytes": int(row[1]), "with_position": int(row[2])}


def _link_values(photo_uuid: str, target_kind: str, target_uuid: str) -> dict[str, str]:
    return {"photo_uuid": photo_uuid, "target_kind": target_kind, "target_uuid": target_uuid}


def taken_local(row: dict[str, Any]) -> datetime | None:
    """The photo's time in the zone it was taken in (as the camera showed it)."""
    if not row.get("taken_at"):
        return None
    moment = parse_utc(row["taken_at"])
    offset = row.get("taken_at_offset")
    if not offset:
        return moment
    sign = 1 if offset[0] == "+" else -1
    hours, minutes = offset[1:].split(":")
    return moment.astimezone(timezone(sign * timedelta(hours=int(hours), minutes=int(minutes))))
