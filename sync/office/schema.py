"""The office's tables (SQLAlchemy Core). Alembic migrations in `migrations/` create them.

Records are kept as documents: the office does not need the app's columns to store, acknowledge and
forward them, and a newer app's fields arrive without a server change. `record_versions` keeps every
version ever received (the auditor's trail); `records` is the newest one per (kind, uuid).
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

devices = Table(
    "devices",
    metadata,
    Column("device_id", String(64), primary_key=True),
    Column("name", Text, nullable=False, default=""),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("enrolled_at", String(32), nullable=False),
    Column("revoked_at", String(32)),
    Column("last_seen_at", String(32)),
    # JSON of protocol.Identities: the units and people the device's profiles act for (migration 0002)
    Column("identities", Text, nullable=False, default="{}"),
)

enroll_codes = Table(
    "enroll_codes",
    metadata,
    Column("code_hash", String(64), primary_key=True),
    Column("name", Text, nullable=False, default=""),
    Column("created_at", String(32), nullable=False),
    Column("expires_at", String(32), nullable=False),
    Column("used_at", String(32)),
    Column("device_id", String(64)),
)

records = Table(
    "records",
    metadata,
    Column("kind", String(40), primary_key=True),
    Column("uuid", String(36), primary_key=True),
    Column("version", Integer, nullable=False),
    Column("device_id", String(64), nullable=False),
    Column("created_at", String(32), nullable=False),
    Column("updated_at", String(32), nullable=False),
    Column("deleted", Boolean, nullable=False, default=False),
    Column("data", Text, nullable=False),  # canonical JSON of the record's data
    Column("photos", Text, nullable=False, default="[]"),
    Column("hash", String(64), nullable=False),
    Column("received_at", String(32), nullable=False),
    Index("records_device", "device_id", "kind", "uuid"),
)

record_versions = Table(
    "record_versions",
    metadata,
    Column("id", BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True),
    Column("kind", String(40), nullable=False),
    Column("uuid", String(36), nullable=False),
    Column("version", Integer, nullable=False),
    Column("device_id", String(64), nullable=False),
    Column("hash", String(64), nullable=False),
    Column("document", Text, nullable=False),  # the whole wire record, canonical JSON
    Column("batch_id", String(36), nullable=False),
    Column("received_at", String(32), nullable=False),
    UniqueConstraint("kind", "uuid", "version", name="record_versions_once"),
)

photos = Table(
    "photos",
    metadata,
    Column("sha256", String(64), primary_key=True),
    Column("bytes", BigInteger, nullable=False),
    Column("device_id", String(64), nullable=False),  # who sent it first
    Column("received_at", String(32), nullable=False),
)

# What flows down: one row per record version and audience ("device:<id>", "unit:<name>",
# "person:<name>"). A device pulls the rows of its audiences after its cursor, in position order.
# Rows are written under one lock (an advisory lock on PostgreSQL, the write lock on SQLite), so
# positions become visible in order and a cursor never skips a row that commits late.
feed = Table(
    "feed",
    metadata,
    Column("position", BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True),
    Column("kind", String(40), nullable=False),
    Column("uuid", String(36), nullable=False),
    Column("version", Integer, nullable=False),
    Column("audience", String(300), nullable=False),
    Column("published_at", String(32), nullable=False),
    UniqueConstraint("kind", "uuid", "version", "audience", name="feed_once"),
    Index("feed_audience", "audience", "position"),
    Index("feed_record", "kind", "uuid"),
)
