"""One sync run: drain the outbox to the office in bounded batches, photos first.

An entry is marked sent only inside a local transaction that follows the office's acknowledgement
of exactly that version with exactly the hash this device computed; a record the office rejects is
kept with its reason and the rest go on. Nothing is marked before the office answered, so a run
killed or cancelled at any moment leaves, at worst, records the office already holds still pending,
and sending them again is a `duplicate`, not a second copy.
"""

from __future__ import annotations

import contextlib
import queue
import sqlite3
import threading
import uuid as uuid_module
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sync import outbox, protocol
from sync.client import BatchTooLarge, LocalPhotoDamaged, OfficeClient, SyncError
from sync.protocol import DONE_STATUSES, Batch, BatchReply, WireRecord

Transaction = Callable[[], contextlib.AbstractContextManager[sqlite3.Connection]]
# Photos go up this many at a time: on a 200 ms line each tus request waits a round trip for its
# answer, and the other uploads fill the line meanwhile (the office takes each upload on its own URL).
PHOTO_STREAMS = 3
PUSHES_IN_FLIGHT = 2


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
class Applied:
    """What the device made of records pulled from the office."""

    records: int = 0  # new to this device, or newer than what it had
    assignments: int = 0  # of them, the office's 交办 of a problem to this device's people


# Apply pulled records and keep `cursor` as the new position, in one local transaction.
ApplyPulled = Callable[[list[WireRecord], int], Applied]


@dataclass
class SyncReport:
    received: int = 0  # records pulled and applied in this run
    assignments: int = 0
    pulled: bool = False  # the pull reached the end of what the office had for this device
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
        return (self.error is None and not self.cancelled and self.pending_after == 0 and not self.rejected
                and self.pulled)

    def to_json(self) -> dict[str, Any]:
        return {
            "complete": self.complete, "sent": self.sent, "duplicates": self.duplicates,
            "rejected": self.rejected, "waiting_photos": self.waiting_photos, "photos_sent": self.photos_sent,
            "bytes_sent": self.bytes_sent, "pending": self.pending_after, "cancelled": self.cancelled,
            "received": self.received, "assignments": self.assignments, "pulled": self.pulled,
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
    # Each batch costs a round trip and the office's commit, during which the line is idle; the office
    # accepts up to MAX_BATCH_RECORDS (500) and MAX_BATCH_BYTES, and a 413 still splits the batch.
    batch_records: int = 400
    batch_bytes: int = protocol.MAX_BATCH_BYTES // 2
    # Pulling: whom this device acts for, where its cursor is, and how pulled records are applied.
    # Without `apply` the run only pushes (and the report never says `pulled`).
    identities: protocol.Identities = field(default_factory=protocol.Identities)
    cursor: Callable[[], int] = lambda: 0
    apply: ApplyPulled | None = None
    pull_limit: int = 200
    progress: Progress = field(default_factory=Progress)
    report: SyncReport = field(default_factory=SyncReport)

    def run(self) -> SyncReport:
        try:
            self.client.hello()
            self.progress.records_total = outbox.pending_count(self.conn)
            self._push_all()
            self._pull_all()
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

    def _push_all(self) -> None:
        """Each batch's photos first, then the batch; while the office commits one batch (a round trip
        and its transaction, the line idle) the next batch's photos and records already go up.

        A batch is sent only after its own photos arrived, and answers are recorded here, on the
        caller's thread and connection, in the order the batches were made. Batches hold distinct
        records (one outbox entry per record), so the office may commit them in either order.
        """
        in_flight: deque[tuple[list[tuple[outbox.OutboxEntry, WireRecord]], Future[tuple[BatchReply, int]]]] = deque()
        with ThreadPoolExecutor(max_workers=PUSHES_IN_FLIGHT, thread_name_prefix="batch-push") as pool:
            try:
                for batch in self._batches():
                    self._check_cancel()
                    self._send_photos({sha for _, record in batch for sha in record.photos})
                    while len(in_flight) >= PUSHES_IN_FLIGHT:
                        self._settle(*in_flight.popleft())
                    in_flight.append((batch, pool.submit(self._push, self._wire_batch(batch))))
                while in_flight:
                    self._settle(*in_flight.popleft())
            finally:
                # Stopped by an error or a cancel: what the office already answered is still recorded
                # (else it would only come back `duplicate` next time); a failed one stays pending.
                for batch, future in in_flight:
                    with contextlib.suppress(SyncError):
                        self._settle(batch, future, split=False)

    def _pull_all(self) -> None:
        """Everything the office addressed to this device since its cursor, page by page; each page
        is applied with its cursor in one local transaction, so a cut leaves nothing half-applied."""
        if self.apply is None:
            return
        after = self.cursor()
        while True:
            self._check_cancel()
            reply = self.client.pull(protocol.PullRequest(
                protocol=protocol.PROTOCOL_VERSION, device_id=self.device_id, after=after, limit=self.pull_limit,
                identities=self.identities))
            if reply.next != after or reply.records:
                applied = self.apply([item.record for item in reply.records], reply.next)
                self.report.received += applied.records
                self.report.assignments += applied.assignments
                self._tell("received")
            after = reply.next
            if not reply.more:
                self.report.pulled = True
                return

    def _wire_batch(self, batch: list[tuple[outbox.OutboxEntry, WireRecord]]) -> Batch:
        return Batch(protocol=protocol.PROTOCOL_VERSION, device_id=self.device_id,
                     batch_id=str(uuid_module.uuid4()), records=[r for _, r in batch])

    def _push(self, wire: Batch) -> tuple[BatchReply, int]:
        """One batch up (on a worker thread): the office's answer and the bytes of the body sent."""
        sent: list[int] = []
        reply = self.client.push(wire, on_bytes=sent.append)
        return reply, sum(sent)

    def _settle(self, batch: list[tuple[outbox.OutboxEntry, WireRecord]], future: Future[tuple[BatchReply, int]],
                *, split: bool = True) -> None:
        try:
            reply, sent = future.result()
        except BatchTooLarge:
            if split:
                self._send(batch)  # one at a time from here: splitting is rare
            return
        self._on_bytes(sent)  # counted here, on the caller's thread, like every progress report
        self._record_reply(batch, reply)

    def _send(self, batch: list[tuple[outbox.OutboxEntry, WireRecord]]) -> None:
        self._send_photos({sha for _, record in batch for sha in record.photos})
        try:
            reply, sent = self._push(self._wire_batch(batch))
            self._on_bytes(sent)
        except BatchTooLarge:
            if len(batch) == 1:
                self._record_outcomes([(batch[0], None, {"code": "too_large", "zh": "这条记录太大，无法上传。",
                                                          "en": "This record is too large to upload."})])
                return
            half = len(batch) // 2
            self._send(batch[:half])
            self._send(batch[half:])
            return
        self._record_reply(batch, reply)

    def _record_reply(self, batch: list[tuple[outbox.OutboxEntry, WireRecord]], reply: BatchReply) -> None:
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
        if not missing:
            return
        # Uploads run on worker threads; progress, counting and errors stay on this thread, so the
        # callback is called from where it always was.
        arrived: queue.SimpleQueue[int] = queue.SimpleQueue()
        stop = threading.Event()

        def upload(sha: str) -> bool:
            if stop.is_set():
                return False
            try:
                self.client.upload_photo(sha, self.photo_path(sha), on_bytes=arrived.put,
                                         cancelled=lambda: stop.is_set() or self.cancelled())
            except (LocalPhotoDamaged, FileNotFoundError):
                return False  # its records come back `waiting_photos` and stay pending; `check` says why
            return not stop.is_set()

        with ThreadPoolExecutor(max_workers=min(PHOTO_STREAMS, len(missing)),
                                thread_name_prefix="photo-upload") as pool:
            running: set[Future[bool]] = {pool.submit(upload, sha) for sha in missing}
            try:
                while running:
                    done, running = wait(running, timeout=0.1, return_when=FIRST_COMPLETED)
                    while not arrived.empty():
                        self._on_bytes(arrived.get())
                    self._check_cancel()
                    for future in done:
                        if future.result():  # re-raises a worker's SyncError here
                            self.report.photos_sent += 1
                            self.progress.photos_done += 1
                            self._tell("photos")
            finally:
                stop.set()  # after an error or a cancel the other uploads stop at their next chunk
                for future in running:
                    future.cancel()

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
