"""The wire protocol between a device and the city office (docs/sync-protocol.md), version 1.

Both ends use these models: the office validates what arrives with them, and the device accepts a
reply only if it parses as one of them, names this service and protocol, echoes the batch id and,
for every record, the hash the device computed itself. A Wi-Fi login page's `200 OK` is none of
these, so it can never be taken for an acknowledgement.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import zlib
from typing import Annotated, Any, Final, Literal

from pydantic import BaseModel, ConfigDict, Field

PROTOCOL_VERSION = 1
SERVICE: Final = "patrol-office"
API = "/v1"

# A batch is bounded on both ends: the device sends at most this many records and bytes of JSON, and
# the office refuses (413) anything bigger, so the device splits and tries again.
MAX_BATCH_RECORDS = 500
MAX_BATCH_BYTES = 16 * 1024 * 1024  # uncompressed JSON: a day of 1 Hz track points is ~4 MB
MAX_PHOTO_BYTES = 32 * 1024 * 1024  # an upload copy is ~0.3–1 MB; this is a safety net
TUS_VERSION = "1.0.0"

UUID_PATTERN = r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
SHA256_PATTERN = r"^[0-9a-f]{64}$"
KIND_PATTERN = r"^[a-z][a-z_]{0,39}$"
DEVICE_PATTERN = r"^[A-Za-z0-9_.:-]{1,64}$"
TIME_PATTERN = r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$"
# What the office's columns hold: a version is a 32-bit INTEGER (PostgreSQL), a feed position a 64-bit
# BIGINT. Larger numbers are refused by the schema (422), never reach the database (a 500, found by
# schemathesis).
MAX_VERSION = 2**31 - 1
MAX_POSITION = 2**63 - 1

Uuid = str
Sha256 = str


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Reason(_Strict):
    """Why something was refused, for the user (zh first) and for logs (code)."""

    code: str
    zh: str
    en: str


class WireRecord(_Strict):
    """One version of one record as it travels: the envelope every kind shares, and its data."""

    kind: str = Field(pattern=KIND_PATTERN)
    uuid: Uuid = Field(pattern=UUID_PATTERN)
    version: int = Field(ge=1, le=MAX_VERSION)
    device_id: str = Field(pattern=DEVICE_PATTERN)
    created_at: str = Field(pattern=TIME_PATTERN)
    updated_at: str = Field(pattern=TIME_PATTERN)
    deleted: bool = False
    data: dict[str, Any]
    # Upload copies (by SHA-256) this record needs: it counts as received only when the office has them.
    photos: list[Sha256] = Field(default_factory=list, max_length=64)


class Batch(_Strict):
    protocol: int
    device_id: str = Field(pattern=DEVICE_PATTERN)
    batch_id: Uuid = Field(pattern=UUID_PATTERN)
    records: list[WireRecord] = Field(max_length=MAX_BATCH_RECORDS)


AckStatus = Literal["stored", "duplicate", "superseded", "waiting_photos", "rejected"]
# What each status means to the device: the office holds this version (or a newer one) for good.
DONE_STATUSES = frozenset({"stored", "duplicate", "superseded"})


class Ack(_Strict):
    kind: str
    uuid: Uuid
    version: int
    status: AckStatus
    hash: str | None = None  # of the record as the office holds it (record_hash); None when rejected
    missing_photos: list[Sha256] = Field(default_factory=list)
    reason: Reason | None = None


class BatchReply(_Strict):
    protocol: int
    service: Literal["patrol-office"]
    batch_id: Uuid
    acks: list[Ack]


class Hello(_Strict):
    """`GET /`: who answers, and which protocol it speaks."""

    service: Literal["patrol-office"]
    protocol: int
    version: str


class EnrollRequest(_Strict):
    code: str = Field(min_length=4, max_length=32)
    device_id: str = Field(pattern=DEVICE_PATTERN)
    name: str = Field(default="", max_length=200)


class EnrollReply(_Strict):
    service: Literal["patrol-office"]
    protocol: int
    device_id: str
    token: str
    office_name: str = ""


class MissingRequest(_Strict):
    sha256: list[Sha256] = Field(max_length=2000)


class MissingReply(_Strict):
    service: Literal["patrol-office"]
    missing: list[Sha256]


# Records the office itself authors (交办, 催办, 延期 approval, its own 核查) carry this device id.
OFFICE_DEVICE = "office"
MAX_PULL_RECORDS = 500
NAME_LIMIT = 200
Name = Annotated[str, Field(max_length=NAME_LIMIT)]


class Identities(_Strict):
    """Whom the people on a device act for: the units and names of its profiles. The office forwards
    what is addressed to these (problems assigned to the unit or the person) besides what concerns the
    device's own records. Declared by the device; `patrol-office devices` shows them to the office."""

    units: list[Name] = Field(default_factory=list, max_length=50)
    people: list[Name] = Field(default_factory=list, max_length=50)
    # The counties (6-digit codes) its profiles' reaches lie in: their register comes down.
    counties: list[Annotated[str, Field(pattern=r"^\d{6}$")]] = Field(default_factory=list, max_length=50)


class PullRequest(_Strict):
    protocol: int
    device_id: str = Field(pattern=DEVICE_PATTERN)
    after: int = Field(ge=0, le=MAX_POSITION)  # the cursor: the last feed position this device has applied
    limit: int = Field(default=200, ge=1, le=MAX_PULL_RECORDS)
    identities: Identities = Field(default_factory=Identities)


class PulledRecord(_Strict):
    position: int  # in the office's feed; the device keeps the last one it applied as its cursor
    record: WireRecord
    hash: str  # record_hash(record): the device checks it before applying


class PullReply(_Strict):
    protocol: int
    service: Literal["patrol-office"]
    records: list[PulledRecord]
    next: int  # the cursor to send next time (the last position in `records`, or `after` unchanged)
    more: bool


class ErrorReply(_Strict):
    service: Literal["patrol-office"]
    protocol: int
    error: Reason


def canonical_json(value: Any) -> bytes:
    """The one byte form of a JSON value that both ends hash: sorted keys, no spaces, UTF-8."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                      allow_nan=False).encode("utf-8")


def record_hash(record: WireRecord | dict[str, Any]) -> str:
    """SHA-256 of a record's canonical form (envelope and data; the photo list is derived from data)."""
    doc = record.model_dump() if isinstance(record, WireRecord) else dict(record)
    doc.pop("photos", None)
    return hashlib.sha256(canonical_json(doc)).hexdigest()


def encode_body(document: BaseModel | dict[str, Any]) -> bytes:
    """gzip of the canonical JSON (what the device POSTs with Content-Encoding: gzip)."""
    doc = document.model_dump() if isinstance(document, BaseModel) else document
    return gzip.compress(canonical_json(doc), compresslevel=6, mtime=0)


class BodyTooLarge(ValueError):
    pass


def decode_body(raw: bytes, encoding: str | None, *, limit: int = MAX_BATCH_BYTES) -> Any:
    """JSON from a request body, gzip or plain, refusing more than `limit` bytes once unpacked
    (a 4 KB gzip bomb must not become 4 GB in the office's memory)."""
    if encoding and encoding.lower() == "gzip":
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        try:
            text = inflater.decompress(raw, limit + 1)
        except zlib.error as exc:
            raise ValueError(f"not gzip: {exc}") from None
        if len(text) > limit or inflater.unconsumed_tail:
            raise BodyTooLarge(f"more than {limit} bytes once unpacked")
    elif encoding in (None, "", "identity"):
        if len(raw) > limit:
            raise BodyTooLarge(f"more than {limit} bytes")
        text = raw
    else:
        raise ValueError(f"unsupported Content-Encoding {encoding!r}")
    try:
        value = json.loads(text, parse_constant=_no_constant)
        # Everything the office keeps it hashes in canonical form; a value that has none (a lone
        # surrogate "\ud800", 1e400 read as infinity) must be refused here, not crash the ingest later.
        canonical_json(value)
    except RecursionError:
        raise ValueError("not JSON the protocol can hold: nested too deeply") from None
    except ValueError as exc:  # also UnicodeError and Python's cap on a number's digits
        raise ValueError(f"not JSON the protocol can hold: {str(exc)[:200]}") from None
    return value


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")
