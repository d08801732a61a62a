"""What the office does, without HTTP: enrol devices, authenticate them, store batches exactly once.

Exactly once is the database's job, not luck: every version received is one row under a unique
(kind, uuid, version) constraint, inserted with ON CONFLICT DO NOTHING, and the newest version per
record is an upsert that only moves forward and only for the device that owns the record. Two
workers receiving the same batch at once therefore store it once, on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Literal

from sqlalchemy import Engine, func, select, update
from sqlalchemy.engine import Connection

from sync import protocol
from sync.office import schema
from sync.office.feed import PROBLEM_KINDS, Feed
from sync.office.photos import PhotoStore
from sync.protocol import Ack, Batch, BatchReply, Reason, WireRecord

# The record kinds devices send today (DESIGN.md §2); anything else is refused per record. A liaison unit's
# submitted covert inspection (暗访检查, issue 15) is stored like the rest and never flows down to any
# device (feed.NEVER_DOWN); its findings are ordinary problems, which do. A maintenance crew's work log
# (管护日志, issue 16) is stored for the office's payment checks; it flows down to no device.
KINDS = frozenset({"patrol", "track", "patrol_revision", "photo", "photo_link", "problem", "problem_event",
                   "covert_inspection", "maintenance_log"})
ENROLL_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud over the phone
ENROLL_TTL = timedelta(hours=24)
SEEN_EVERY = timedelta(minutes=1)


class Refused(Exception):
    """A request the office turns down, with the HTTP status and the reason in both languages."""

    def __init__(self, status: int, code: str, zh: str, en: str) -> None:
        super().__init__(en)
        self.status = status
        self.reason = Reason(code=code, zh=zh, en=en)


def now_iso(moment: datetime | None = None) -> str:
    moment = moment or datetime.now(UTC)
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def normalise_code(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


@dataclass(frozen=True)
class Device:
    device_id: str
    name: str
    enrolled_at: str
    revoked_at: str | None
    last_seen_at: str | None


def _reject(record: WireRecord, code: str, zh: str, en: str) -> Ack:
    return Ack(kind=record.kind, uuid=record.uuid, version=record.version, status="rejected",
               reason=Reason(code=code, zh=zh, en=en))


class Office:
    def __init__(self, engine: Engine, data_dir: Path) -> None:
        self.engine = engine
        self.data_dir = Path(data_dir)
        self.photos = PhotoStore(self.data_dir)
        self._dialect = engine.dialect.name
        self.feed = Feed(self)

    def _insert(self, table: Any) -> Any:
        if self._dialect == "postgresql":
            from sqlalchemy.dialects.postgresql import insert
        else:
            from sqlalchemy.dialects.sqlite import insert  # type: ignore[assignment]
        return insert(table)

    # --- enrolment and devices -------------------------------------------------------------

    def create_enroll_code(self, name: str = "", *, ttl: timedelta = ENROLL_TTL) -> tuple[str, str]:
        """A one-time code (shown as XXXX-XXXX) and when it expires; only its hash is stored."""
        raw = "".join(secrets.choice(ENROLL_ALPHABET) for _ in range(8))
        created = datetime.now(UTC)
        expires = now_iso(created + ttl)
        with self.engine.begin() as conn:
            conn.execute(schema.enroll_codes.insert().values(
                code_hash=token_hash(raw), name=name, created_at=now_iso(created), expires_at=expires))
        return f"{raw[:4]}-{raw[4:]}", expires

    def enroll(self, code: str, device_id: str, name: str) -> str:
        """Trade a one-time code for this device's token (returned once, stored only as a hash)."""
        code_hash = token_hash(normalise_code(code))
        token = secrets.token_urlsafe(32)
        now = now_iso()
        with self.engine.begin() as conn:
            row = conn.execute(select(schema.enroll_codes).where(schema.enroll_codes.c.code_hash == code_hash)
                               .with_for_update()).first()
            if row is None or row.used_at is not None or row.expires_at < now:
                raise Refused(
                    403, "bad_enroll_code",
                    "注册码不对、已用过或已过期。请向市河长办要一个新的注册码。",
                    "The enrolment code is wrong, used or expired. Ask the city office for a new one.")
            used = conn.execute(update(schema.enroll_codes)
                                .where(schema.enroll_codes.c.code_hash == code_hash,
                                       schema.enroll_codes.c.used_at.is_(None))
                                .values(used_at=now, device_id=device_id))
            if used.rowcount != 1:  # another request used it a moment ago
                raise Refused(403, "bad_enroll_code", "这个注册码刚刚已被使用。请要一个新的注册码。",
                              "This enrolment code was just used. Ask for a new one.")
            values = {"name": name or row.name, "token_hash": token_hash(token), "enrolled_at": now,
                      "revoked_at": None, "last_seen_at": now}
            # A device enrolled again (a new code is the office's consent) gets a new token; the old
            # one stops working at once.
            conn.execute(self._insert(schema.devices).values(device_id=device_id, **values)
                         .on_conflict_do_update(index_elements=["device_id"], set_=values))
        return token

    def authenticate(self, token: str | None) -> Device:
        if not token:
            raise Refused(401, "no_token", "这台电脑还没有在市河长办注册。请先用注册码注册。",
                          "This device is not enrolled. Enrol it with a code from the city office first.")
        with self.engine.connect() as conn:
            row = conn.execute(select(schema.devices).where(
                schema.devices.c.token_hash == token_hash(token))).first()
        if row is None:
            raise Refused(401, "bad_token", "市河长办不认识这台电脑的凭证。请重新注册。",
                          "The office does not know this device's token. Enrol the device again.")
        if row.revoked_at is not None:
            raise Refused(403, "revoked", "这台电脑的上传权限已被市河长办停用。请联系市河长办。",
                          "The city office has revoked this device. Contact the office.")
        now = datetime.now(UTC)
        if row.last_seen_at is None or row.last_seen_at < now_iso(now - SEEN_EVERY):
            with self.engine.begin() as conn:
                conn.execute(update(schema.devices).where(schema.devices.c.device_id == row.device_id)
                             .values(last_seen_at=now_iso(now)))
        return Device(row.device_id, row.name, row.enrolled_at, row.revoked_at, row.last_seen_at)

    def devices(self) -> list[dict[str, Any]]:
        counts = (select(schema.records.c.device_id, func.count().label("n"))
                  .group_by(schema.records.c.device_id).subquery())
        query = (select(schema.devices, func.coalesce(counts.c.n, 0).label("records"))
                 .outerjoin(counts, counts.c.device_id == schema.devices.c.device_id)
                 .order_by(schema.devices.c.enrolled_at))
        with self.engine.connect() as conn:
            return [{"device_id": r.device_id, "name": r.name, "enrolled_at": r.enrolled_at,
                     "revoked_at": r.revoked_at, "last_seen_at": r.last_seen_at, "records": int(r.records),
                     "identities": json.loads(r.identities or "{}")}
                    for r in conn.execute(query)]

    def revoke(self, device_id: str) -> bool:
        with self.engine.begin() as conn:
            done = conn.execute(update(schema.devices)
                                .where(schema.devices.c.device_id == device_id,
                                       schema.devices.c.revoked_at.is_(None))
                                .values(revoked_at=now_iso()))
        return done.rowcount == 1

    # --- batches ---------------------------------------------------------------------------

    def ingest(self, device: Device, batch: Batch) -> BatchReply:
        if batch.protocol != protocol.PROTOCOL_VERSION:
            raise Refused(400, "protocol", "程序版本和市河长办不一致，请更新巡河助手。",
                          f"Protocol {batch.protocol} is not spoken here ({protocol.PROTOCOL_VERSION}). "
                          "Update River Patrol.")
        if batch.device_id != device.device_id:
            raise Refused(403, "not_this_device", "不能以另一台电脑的名义上传。",
                          "A device may only upload as itself.")
        received = now_iso()
        with self.engine.begin() as conn:
            # Every advisory lock before any row lock, in one order (docs/sync-protocol.md, "What flows
            # down"): batches share their problems' locks, and take the feed's only when a problem of
            # theirs is addressed to someone, so batches ingest side by side.
            self.feed.prepare_ingest(conn, batch.records)
            wanted = {sha for record in batch.records for sha in record.photos}
            have = self._photos_present(conn, wanted)
            acks = [self._ingest_one(conn, device.device_id, batch.batch_id, record, have, received)
                    for record in batch.records]
        return BatchReply(protocol=protocol.PROTOCOL_VERSION, service=protocol.SERVICE,
                          batch_id=batch.batch_id, acks=acks)

    def _photos_present(self, conn: Connection, shas: set[str]) -> set[str]:
        if not shas:
            return set()
        rows = conn.execute(select(schema.photos.c.sha256).where(schema.photos.c.sha256.in_(sorted(shas))))
        return {r[0] for r in rows}

    def _ingest_one(self, conn: Connection, device_id: str, batch_id: str, record: WireRecord,
                    have: set[str], received: str) -> Ack:
        if record.device_id != device_id:
            return _reject(record, "not_your_record", "这条记录属于另一台电脑，不能由这台电脑上传。",
                           "This record belongs to another device and cannot be sent by this one.")
        if record.kind not in KINDS:
            return _reject(record, "unknown_kind", f"市河长办不接收这类记录：{record.kind}。",
                           f"The office does not accept records of kind {record.kind!r}.")
        problem = _check_photos(record)
        if problem:
            return _reject(record, "bad_photos", problem[0], problem[1])
        digest = protocol.record_hash(record)
        records = schema.records
        current = conn.execute(select(records.c.device_id, records.c.version)
                               .where(records.c.kind == record.kind, records.c.uuid == record.uuid)).first()
        if current is not None and current.device_id != device_id:
            return _reject(record, "not_your_record", "这条记录属于另一台电脑，不能由这台电脑修改。",
                           "This record belongs to another device and cannot be changed by this one.")
        document = protocol.canonical_json(record.model_dump()).decode("utf-8")
        versions = schema.record_versions
        inserted = conn.execute(
            self._insert(versions).values(kind=record.kind, uuid=record.uuid, version=record.version,
                                          device_id=device_id, hash=digest, document=document,
                                          batch_id=batch_id, received_at=received)
            .on_conflict_do_nothing(index_elements=["kind", "uuid", "version"]).returning(versions.c.id)
        ).first() is not None
        if inserted:
            values = {"version": record.version, "device_id": device_id, "created_at": record.created_at,
                      "updated_at": record.updated_at, "deleted": record.deleted,
                      "data": protocol.canonical_json(record.data).decode("utf-8"),
                      "photos": json.dumps(record.photos), "hash": digest, "received_at": received}
            statement = self._insert(records).values(kind=record.kind, uuid=record.uuid, **values)
            conn.execute(statement.on_conflict_do_update(
                index_elements=["kind", "uuid"], set_=values,
                where=(records.c.version < statement.excluded.version)
                & (records.c.device_id == statement.excluded.device_id)))
            status: Literal["stored", "superseded", "duplicate"] = (
                "stored" if current is None or current.version < record.version else "superseded")
            if record.kind in PROBLEM_KINDS:
                self.feed.forward_problem_change(conn, record)
        else:
            stored_hash = conn.execute(select(versions.c.hash).where(
                versions.c.kind == record.kind, versions.c.uuid == record.uuid,
                versions.c.version == record.version)).scalar_one()
            if stored_hash != digest:
                return _reject(record, "version_conflict",
                               "市河长办已收到这条记录的同一版本，但内容不同。请联系市河长办核对。",
                               "The office already holds this version of the record with other content. "
                               "Ask the office to compare them.")
            status = "duplicate"
        missing = [sha for sha in record.photos if sha not in have]
        return Ack(kind=record.kind, uuid=record.uuid, version=record.version,
                   status="waiting_photos" if missing else status, hash=digest, missing_photos=missing)

    def store_record(self, conn: Connection, record: WireRecord, *, batch_id: str, received: str) -> None:
        """Keep a record the office itself made (a new uuid: nothing to compare or supersede)."""
        digest = self._keep_version(conn, record, batch_id=batch_id, received=received)
        conn.execute(schema.records.insert().values(
            kind=record.kind, uuid=record.uuid, version=record.version, device_id=record.device_id,
            created_at=record.created_at, updated_at=record.updated_at, deleted=record.deleted,
            data=protocol.canonical_json(record.data).decode("utf-8"), photos=json.dumps(record.photos),
            hash=digest, received_at=received))

    def _keep_version(self, conn: Connection, record: WireRecord, *, batch_id: str, received: str) -> str:
        """The auditor's trail of an office-made version (a new uuid or version: no conflict); its hash."""
        digest = protocol.record_hash(record)
        conn.execute(schema.record_versions.insert().values(
            kind=record.kind, uuid=record.uuid, version=record.version, device_id=record.device_id, hash=digest,
            document=protocol.canonical_json(record.model_dump()).decode("utf-8"), batch_id=batch_id,
            received_at=received))
        return digest

    def replace_record(self, conn: Connection, record: WireRecord, *, batch_id: str, received: str) -> None:
        """A new version of a record the office itself owns (its register)."""
        digest = self._keep_version(conn, record, batch_id=batch_id, received=received)
        conn.execute(update(schema.records).where(schema.records.c.kind == record.kind,
                                                  schema.records.c.uuid == record.uuid)
                     .values(version=record.version, updated_at=record.updated_at, deleted=record.deleted,
                             data=protocol.canonical_json(record.data).decode("utf-8"),
                             photos=json.dumps(record.photos), hash=digest, received_at=received))

    # --- photos ----------------------------------------------------------------------------

    def missing_photos(self, shas: list[str]) -> list[str]:
        with self.engine.connect() as conn:
            have = self._photos_present(conn, set(shas))
        return sorted(set(shas) - have)

    def photo_received(self, device_id: str, sha256: str, size: int) -> None:
        """Record a verified photo (its file is already in place)."""
        with self.engine.begin() as conn:
            conn.execute(self._insert(schema.photos).values(sha256=sha256, bytes=size, device_id=device_id,
                                                            received_at=now_iso())
                         .on_conflict_do_nothing(index_elements=["sha256"]))

    def has_photo(self, sha256: str) -> bool:
        return not self.missing_photos([sha256])

    # --- export ----------------------------------------------------------------------------

    def wire_records(self, *, device_id: str | None = None) -> Iterator[dict[str, Any]]:
        """Every record's newest version in the wire format, by kind then uuid."""
        records = schema.records
        query = select(records).order_by(records.c.kind, records.c.uuid)
        if device_id is not None:
            query = query.where(records.c.device_id == device_id)
        with self.engine.connect() as conn:
            for r in conn.execute(query):
                yield {"kind": r.kind, "uuid": r.uuid, "version": r.version, "device_id": r.device_id,
                       "created_at": r.created_at, "updated_at": r.updated_at, "deleted": bool(r.deleted),
                       "data": json.loads(r.data), "photos": json.loads(r.photos)}


def _check_photos(record: WireRecord) -> tuple[str, str] | None:
    import re

    bad = [sha for sha in record.photos if not re.fullmatch(protocol.SHA256_PATTERN, sha)]
    if bad:
        return ("照片编号格式不对。", f"Photo ids must be SHA-256 hex: {bad[:3]}")
    if record.kind == "photo" and not record.deleted:
        upload = record.data.get("upload_sha256")
        if not isinstance(upload, str) or upload not in record.photos:
            return ("照片记录缺少上传用的照片文件。", "A photo record must name its upload copy in photos.")
    return None
