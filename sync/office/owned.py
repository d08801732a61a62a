"""Records the office owns (register entries, contracts): each stored as a new version only where it changed,
and addressed to the devices that are to receive it, in one transaction under the feed's lock."""

from __future__ import annotations

import json
import uuid as uuid_module
from collections.abc import Callable, Iterable
from typing import Any

from sqlalchemy import select

from sync import protocol
from sync.office import schema
from sync.protocol import WireRecord

Entry = tuple[str, str, dict[str, Any], list[str]]  # kind, uuid, data, audiences


def store_owned(office: Any, entries: Iterable[Entry], refuse: Callable[[str, str], Exception]) -> dict[str, int]:
    """Store the office's own records; returns how many were new, changed and the same. A uuid a device's
    record already holds is refused with `refuse(zh, en)` (nothing of the import is kept)."""
    from sync.office.service import now_iso

    counts = {"new": 0, "changed": 0, "same": 0}
    records = schema.records
    now = now_iso()
    batch_id = str(uuid_module.uuid4())
    with office.engine.begin() as conn:
        office.feed.lock(conn)
        for kind, uuid, data, audiences in entries:
            current = conn.execute(select(records.c.version, records.c.data, records.c.device_id).where(
                records.c.kind == kind, records.c.uuid == uuid)).first()
            if current is not None and current.device_id != protocol.OFFICE_DEVICE:
                raise refuse(f"编号 {uuid} 已被一台设备的记录占用。", f"The uuid {uuid} belongs to a device's record.")
            text = protocol.canonical_json(data).decode("utf-8")
            if current is not None and current.data == text:
                counts["same"] += 1
                continue
            version = 1 if current is None else current.version + 1
            record = WireRecord(kind=kind, uuid=uuid, version=version, device_id=protocol.OFFICE_DEVICE,
                                created_at=now, updated_at=now, data=json.loads(text))
            if current is None:
                office.store_record(conn, record, batch_id=batch_id, received=now)
                counts["new"] += 1
            else:
                office.replace_record(conn, record, batch_id=batch_id, received=now)
                counts["changed"] += 1
            office.feed.publish(conn, kind, uuid, version, audiences)
    return counts
