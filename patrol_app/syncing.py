"""Sync with the city office from the app's side: enrolment, one sync run, `export json`. Qt-free.

The store supplies the connection, the write transaction and the photo library; `sync/` does the
protocol. The CLI and the GUI's sync page both come through here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from patrol_app.paths import Library
from patrol_app.store import Store, records
from patrol_app.store import settings as keys
from sync.client import OfficeClient, SyncError
from sync.credentials import TokenStore
from sync.engine import Applied, Progress, SyncReport, SyncRun
from sync.exchange import write_export
from sync.outbox import RejectedEntry
from sync.protocol import Identities, WireRecord


class NotEnrolled(SyncError):
    code = "not_enrolled"
    retry = False

    def __init__(self) -> None:
        super().__init__("这台电脑还没有在市河长办注册。请先运行 patrol-app enroll --server 地址 --code 注册码。",
                         "This computer is not enrolled with the city office yet. Run "
                         "patrol-app enroll --server URL --code CODE first.")


@dataclass(frozen=True)
class Enrolment:
    server: str
    device_id: str
    token_kept_in: str


def _client(store: Store, server: str | None = None, token: str | None = None) -> OfficeClient:
    ca = store.settings.get(keys.OFFICE_CA_BUNDLE) or None
    return OfficeClient(server or store.settings.get(keys.OFFICE_URL), token=token, ca_bundle=ca)


def enroll(store: Store, server: str, code: str, *, name: str = "", ca_bundle: str | None = None) -> Enrolment:
    """Trade the office's one-time code for this device's token; remember the server."""
    if ca_bundle is not None:
        store.settings.set(keys.OFFICE_CA_BUNDLE, ca_bundle)
    client = _client(store, server)
    client.hello()
    token = client.enroll(code, store.device_id, name)
    where = TokenStore(store.data_dir, store.device_id).save(token)
    store.settings.set(keys.OFFICE_URL, client.base_url)
    from patrol_app.domain.ids import iso_utc, utc_now

    store.settings.set(keys.ENROLLED_AT, iso_utc(utc_now()))
    return Enrolment(client.base_url, store.device_id, where)


@dataclass(frozen=True)
class SyncOverview:
    """What the sync page shows when no sync is running: where to, what waits, what was refused."""

    server: str
    enrolled: bool
    enrolled_at: str
    device_id: str
    pending_by_kind: dict[str, int]
    last_success: str | None
    rejected: list[RejectedEntry]

    @property
    def pending(self) -> int:
        return sum(self.pending_by_kind.values())


def overview(store: Store) -> SyncOverview:
    return SyncOverview(
        server=store.settings.get(keys.OFFICE_URL),
        enrolled=is_enrolled(store),
        enrolled_at=store.settings.get(keys.ENROLLED_AT),
        device_id=store.device_id,
        pending_by_kind=store.upkeep.pending_sync(),
        last_success=store.upkeep.last_sync_success(),
        rejected=store.upkeep.rejected_sync(),
    )


def is_enrolled(store: Store) -> bool:
    return bool(store.settings.get(keys.OFFICE_URL)) and TokenStore(store.data_dir, store.device_id).load() is not None


def sync_now(store: Store, *, on_progress: Callable[[Progress], None] | None = None,
             cancelled: Callable[[], bool] = lambda: False) -> SyncReport:
    """Push everything pending (photos first); safe to cancel or kill at any moment."""
    token = TokenStore(store.data_dir, store.device_id).load()
    if not store.settings.get(keys.OFFICE_URL) or token is None:
        report = SyncReport(error=NotEnrolled())
        report.pending_after = store.upkeep.pending_sync_total()
        return report
    library = Library(store.data_dir)
    profiles = store.profiles.all()
    identities = Identities(units=sorted({p.unit.strip() for p in profiles if p.unit.strip()})[:50],
                            people=sorted({p.name.strip() for p in profiles if p.name.strip()})[:50],
                            counties=sorted({code[:6] for p in profiles for code in p.reach_codes
                                             if code[:6].isdigit() and len(code) >= 6})[:50])

    def apply(received: list[WireRecord], cursor: int) -> Applied:
        done = store.remote.apply((r.model_dump() for r in received), cursor,
                                  units=identities.units, people=identities.people)
        return Applied(records=done.records, assignments=done.assignments)

    run = SyncRun(conn=store.conn, write=store.write, client=_client(store, token=token),
                  device_id=store.device_id, photo_path=library.upload, on_progress=on_progress,
                  cancelled=cancelled, identities=identities, cursor=store.remote.cursor, apply=apply)
    return run.run()


def export_json(store: Store, out_dir: Path) -> dict[str, int]:
    """Every record in the wire format and the upload copies, as the office exports them. Covert
    inspections only from a liaison unit's profile (never their drafts, which never leave the laptop)."""
    return write_export(out_dir, records.wire_all(store.conn, covert=store.covert.visible()),
                        Library(store.data_dir).upload)
