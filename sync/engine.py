"""One sync run: drain the outbox to the office in bounded batches, photos first.

An entry is marked sent only inside a local transaction that follows the office's acknowledgement
of exactly that version with exactly the hash this device computed; a record the office rejects is
kept with its reason and the rest go on. Nothing is marked before the office answered, so a run
killed or cancelled at any moment leaves, at worst, records the office already holds still pending,
and sending them again is a `duplicate`, not a second copy.
"""

from __future__ import annotations

import contextlib
import sqlite3
import uuid as uuid_module
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sync import outbox, protocol
from sync.client import BatchTooLarge, LocalPhotoDamaged, OfficeClient, SyncError
from sync.protocol import DONE_STATUSES, Batch, WireRecord

Transaction = Callable[[], contextlib.AbstractContextManager[sqlite3.Connection]]


class Cancelled(Exception):
    pass


@dataclass
class Progress:
    """What the user sees while a sync runs (records and bytes of this run)."""

    records_done: int = 0
    records_total: int = 0
    bytes_sent: int = 0
    photos_done: int = 0
    photos_total: int = 0
    text: str = ""


@dataclass
class SyncReport:
    sent: int = 0  # acknowledged in this run (stored, duplicate or superseded at the office)
    duplicates: int = 0
    rejected: list[dict[str, Any]] = field(default_factory=list)
    waiting_photos: int = 0
    photos_sent: int = 0
    bytes_sent: int = 0
    pending_after: int = 0
    error: SyncError | None = None
    cancelled: bool = False

    @property
    def complete(self) -> bool:
        return self.error is None and not self.cancelled and self.pending_after == 0 and not self.rejected

    def to_json(self) -> dict[str, Any]:
        return {
            "complete": self.complete, "sent": self.sent, "duplicates": self.duplicates,
            "rejected": self.rejected, "waiting_photos": self.waiting_photos, "photos_sent": self.photos_sent,
            "bytes_sent": self.bytes_sent, "pending": self.pending_after, "cancelled": self.cancelled,
            "error": None if self.error is None else {"code": self.error.code, "zh": self.error.zh,
                                                      "en": self.error.en},
        }


@dataclass
class SyncRun:
    conn: sqlite3.Connection  # reads (the caller's connection)
    write: Transaction  # the caller's write transaction (BEGIN IMMEDIATE … COMMIT)
    client: OfficeClient
    device_id: str
    photo_path: Callable[[str], Path]  # where the upload copy with this SHA-256 is
    on_progress: Callable[[Progress], None] | None = None
    cancelled: Callable[[], bool] = lambda: False
    batch_records: int = 200
    batch_bytes: int = protocol.MAX_BATCH_BYTES // 2
    progress: Progress = field(default_factory=Progress)
    report: SyncReport = field(default_factory=SyncReport)

    def run(self) -> SyncReport:
        try:
            self.client.hello()
            self.progress.records_total = outbox.pending_count(self.conn)
            for batch in self._batches():
                self._check_cancel()
                self._send(batch)
        except Cancelled:
            self.report.cancelled = True
        except SyncError as exc:
            self.report.error = exc
        self.report.pending_after = outbox.pending_count(self.conn)
        return self.report

    # --- building batches ------------------------------------------------------------------

    def _batches(self) -> Iterator[list[tuple[outbox.OutboxEntry, WireRecord]]]:
        """Walk the queue once, in order; edits made meanwhile stay pending for the next run."""
        after = 0
        while True:
            entries = outbox.pending(self.conn, self.batch_records, after_seq=after)
            if not entries:
                return
            after = entries[-1].seq
            batch: list[tuple[outbox.OutboxEntry, WireRecord]] = []
            size = 0
            for entry in entries:
                doc = outbox.read_record(self.conn, entry.kind, entry.record_uuid)
                if doc is None:
                    continue  # `check` reports an entry without its record; nothing to send
                record = WireRecord.model_validate(doc)
                weight = len(protocol.canonical_json(doc))
                if batch and size + weight > self.batch_bytes:
                    yield batch
                    batch, size = [], 0
                batch.append((entry, record))
                size += weight
            if batch:
                yield batch

    # --- sending ---------------------------------------------------------------------------

    def _send(self, batch: list[tuple[outbox.OutboxEntry, WireRecord]]) -> None:
        self._send_photos({sha for _, record in batch for sha in record.photos})
        try:
            reply = self.client.push(Batch(protocol=protocol.PROTOCOL_VERSION, device_id=self.device_id,
                                           batch_id=str(uuid_module.uuid4()), records=[r for _, r in batch]),
                                     on_bytes=self._on_bytes)
        except BatchTooLarge:
            if len(batch) == 1:
                self._record_outcomes([(batch[0], None, {"code": "too_large", "zh": "这条记录太大，无法上传。",
                                                          "en": "This record is too large to upload."})])
                return
            half = len(batch) // 2
            self._send(batch[:half])
            self._send(batch[half:])
            return
        acks = {(a.kind, a.uuid, a.version): a for a in reply.acks}
        outcomes = []
        for entry, record in batch:
            ack = acks.get((record.kind, record.uuid, record.version))
            outcomes.append(((entry, record), ack, None))
        self._record_outcomes(outcomes)

    def _record_outcomes(self, outcomes: list[tuple[tuple[outbox.OutboxEntry, WireRecord], Any, Any]]) -> None:
        acknowledged = 0
        with self.write() as conn:
            for (entry, record), ack, local_reason in outcomes:
                if local_reason is not None:
                    outbox.reject(conn, entry.seq, record.version, local_reason)
                    self.report.rejected.append(_rejection(record, local_reason))
                elif ack is None:
                    outbox.note_attempt(conn, entry.seq, "the office's reply did not mention this record")
                elif ack.status in DONE_STATUSES:
                    if ack.hash != protocol.record_hash(record):
                        outbox.note_attempt(conn, entry.seq, "acknowledged with another hash")
                        continue
                    if outbox.acknowledge(conn, entry.seq, record.version):
                        acknowledged += 1
                        self.report.sent += 1
                        self.report.duplicates += ack.status == "duplicate"
                elif ack.status == "rejected":
                    reason = ack.reason.model_dump() if ack.reason else {"code": "rejected", "zh": "被拒收",
                                                                         "en": "rejected"}
                    outbox.reject(conn, entry.seq, record.version, reason)
                    self.report.rejected.append(_rejection(record, reason))
                else:  # waiting_photos: the photo did not arrive; the record goes again next run
                    outbox.note_attempt(conn, entry.seq, "waiting for photos " + ",".join(ack.missing_photos))
                    self.report.waiting_photos += 1
            if acknowledged:
                outbox.record_success(conn)
        self.progress.records_done += len(outcomes)
        self._tell("records")

    def _send_photos(self, shas: set[str]) -> None:
        if not shas:
            return
        missing = self.client.missing_photos(sorted(shas))
        self.progress.photos_total += len(missing)
        for sha in missing:
            self._check_cancel()
            try:
                self.client.upload_photo(sha, self.photo_path(sha), on_bytes=self._on_bytes,
                                         cancelled=self.cancelled)
            except (LocalPhotoDamaged, FileNotFoundError):
                continue  # its records come back `waiting_photos` and stay pending; `check` says why
            self._check_cancel()
            self.report.photos_sent += 1
            self.progress.photos_done += 1
            self._tell("photos")

    def _on_bytes(self, n: int) -> None:
        self.progress.bytes_sent += n
        self.report.bytes_sent += n
        self._tell("bytes")

    def _tell(self, text: str) -> None:
        self.progress.text = text
        if self.on_progress is not None:
            self.on_progress(self.progress)

    def _check_cancel(self) -> None:
        if self.cancelled():
            raise Cancelled


def _rejection(record: WireRecord, reason: dict[str, Any]) -> dict[str, Any]:
    return {"kind": record.kind, "uuid": record.uuid, "version": record.version, "reason": reason}
