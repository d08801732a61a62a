"""Saving a patrol is one transaction: `Store.write()` nests, and `patrolling.save_patrol` runs create →
link photos → finalise inside one. A failure at any step leaves nothing behind (no patrol, no photo
link, no outbox entry); a save that succeeds queues exactly what the three separate steps queued."""

from __future__ import annotations

import sqlite3
from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest

from patrol_app import patrolling
from patrol_app.domain.patrols import CHECKLIST
from patrol_app.domain.refusal import Refusal
from patrol_app.store import Store, open_store
from patrol_app.store.database import database_path
from tests.store.test_patrols import NOW, T0, add_track, form, walk


def photos(store: Store) -> list[str]:
    """Three photos taken during the patrol, two without GPS (placed on the track when linked)."""
    rows = []
    for i, gps in enumerate((True, False, False)):
        rows.append({"sha256": f"{i:064x}", "upload_sha256": f"{i:064x}", "format": "jpeg", "bytes": 10,
                     "original_name": f"{i}.jpg", "source_path": f"/x/{i}.jpg",
                     "taken_at": (T0 + timedelta(minutes=5 + 10 * i)).isoformat(),
                     "lat": 33.7585 if gps else None, "lon": 112.621 if gps else None,
                     "position_source": "exif" if gps else None, "upload_width": 1, "upload_height": 1})
    return store.photos.insert_imported(rows)


def counts(path: Path) -> dict[str, object]:
    """What is in the database, read on a separate connection (what another program would see)."""
    with sqlite3.connect(path) as conn:
        return {
            "patrols": conn.execute("SELECT count(*) FROM patrols").fetchone()[0],
            "links": conn.execute("SELECT count(*) FROM photo_links").fetchone()[0],
            "outbox": sorted(conn.execute("SELECT kind, record_uuid, version, op, state FROM outbox").fetchall()),
            "placed": conn.execute("SELECT count(*) FROM photos WHERE position_source = 'track'").fetchone()[0],
        }


# ---- Store.write() nests ---------------------------------------------------------------------------


def test_an_inner_write_joins_the_outer_transaction(store: Store) -> None:
    path = database_path(store.data_dir)
    with store.write() as conn:
        with store.write() as inner:
            assert inner is conn
            inner.execute("INSERT INTO app_settings (key, value) VALUES ('a', '1')")
        # the inner block ended: nothing is committed until the outer one ends
        with sqlite3.connect(path) as other:
            assert other.execute("SELECT count(*) FROM app_settings WHERE key = 'a'").fetchone()[0] == 0
    with sqlite3.connect(path) as other:
        assert other.execute("SELECT value FROM app_settings WHERE key = 'a'").fetchone()[0] == "1"


def test_an_exception_out_of_the_outer_write_undoes_the_inner_writes_too(store: Store) -> None:
    with pytest.raises(RuntimeError), store.write() as conn:
        with store.write() as inner:
            inner.execute("INSERT INTO app_settings (key, value) VALUES ('a', '1')")
        conn.execute("INSERT INTO app_settings (key, value) VALUES ('b', '2')")
        raise RuntimeError("crash after both steps")
    assert store.scalar("SELECT count(*) FROM app_settings WHERE key IN ('a', 'b')") == 0
    with store.write() as conn:  # and the store writes again afterwards
        conn.execute("INSERT INTO app_settings (key, value) VALUES ('c', '3')")
    assert store.scalar("SELECT value FROM app_settings WHERE key = 'c'") == "3"


def test_an_inner_failure_the_caller_catches_undoes_only_the_inner_block(store: Store) -> None:
    with store.write() as conn:
        conn.execute("INSERT INTO app_settings (key, value) VALUES ('a', '1')")
        with pytest.raises(Refusal), store.write() as inner:
            inner.execute("INSERT INTO app_settings (key, value) VALUES ('b', '2')")
            raise Refusal("x", "不行", "no")
        conn.execute("INSERT INTO app_settings (key, value) VALUES ('c', '3')")
    keys = [r[0] for r in store.conn.execute("SELECT key FROM app_settings WHERE key IN ('a', 'b', 'c') ORDER BY 1")]
    assert keys == ["a", "c"]


def test_a_busy_database_is_still_said_as_such(store: Store) -> None:
    from patrol_app.store.errors import DatabaseBusy

    blocker = sqlite3.connect(database_path(store.data_dir), timeout=0)
    blocker.execute("BEGIN IMMEDIATE")
    try:
        store.conn.execute("PRAGMA busy_timeout = 0")
        with pytest.raises(DatabaseBusy), store.write():
            pass
    finally:
        blocker.rollback()
        blocker.close()
    assert store._write_depth == 0  # a refused BEGIN leaves the store usable
    with store.write() as conn:
        conn.execute("INSERT INTO app_settings (key, value) VALUES ('a', '1')")


# ---- save_patrol -----------------------------------------------------------------------------------


@pytest.mark.parametrize("failing", ["link_photos", "save_draft"])
def test_a_failure_after_the_create_leaves_no_half_made_patrol(store: Store, monkeypatch: pytest.MonkeyPatch,
                                                              failing: str) -> None:
    track = add_track(store, walk())
    photo_uuids = photos(store)
    before = counts(database_path(store.data_dir))

    def crash(*args: object, **kwargs: object) -> None:
        raise OSError("the laptop's power went")

    monkeypatch.setattr(patrolling, failing, crash)
    with pytest.raises(Exception, match="power|磁盘"):
        patrolling.save_patrol(store, form(), uuid=None, expected_version=0, now=NOW, track_uuid=track,
                               photos=photo_uuids, finalise=True)
    after = counts(database_path(store.data_dir))
    assert after == before
    assert after["patrols"] == 0 and after["links"] == 0 and after["placed"] == 0
    assert not [e for e in after["outbox"] if e[0] in ("patrol", "photo_link")]


def test_a_refused_finalise_writes_nothing_at_all(store: Store) -> None:
    track = add_track(store, walk())
    photo_uuids = photos(store)
    before = counts(database_path(store.data_dir))
    incomplete = form(checklist={CHECKLIST[0].code: "normal"})
    with pytest.raises(Refusal, match="checklist"):
        patrolling.save_patrol(store, incomplete, uuid=None, expected_version=0, now=NOW, track_uuid=track,
                               photos=photo_uuids, finalise=True)
    assert counts(database_path(store.data_dir)) == before


def _three_steps(store: Store, track: str, photo_uuids: list[str]) -> str:
    """What the editor did before: three transactions."""
    uuid = patrolling.create_draft(store, form(), now=NOW, track_uuid=track)
    patrolling.link_photos(store, uuid, photo_uuids)
    patrolling.save_draft(store, form(), uuid=uuid, expected_version=int(store.patrols.get(uuid)["version"]),
                          now=NOW, track_uuid=track, finalise=True)
    return uuid


def _queued(store: Store) -> Counter:
    """The outbox with uuids left out (they differ between two stores): kind, version, op, state."""
    return Counter(store.conn.execute("SELECT kind, version, op, state FROM outbox").fetchall())


@pytest.mark.parametrize("finalise", [False, True])
def test_one_transaction_queues_what_the_three_steps_queued(tmp_path: Path, finalise: bool) -> None:
    old, new = open_store(tmp_path / "old"), open_store(tmp_path / "new")
    try:
        old_track, new_track = add_track(old, walk()), add_track(new, walk())
        old_photos, new_photos = photos(old), photos(new)
        if finalise:
            old_uuid = _three_steps(old, old_track, old_photos)
        else:
            old_uuid = patrolling.create_draft(old, form(), now=NOW, track_uuid=old_track)
            patrolling.link_photos(old, old_uuid, old_photos)
        new_uuid = patrolling.save_patrol(new, form(), uuid=None, expected_version=0, now=NOW, track_uuid=new_track,
                                          photos=new_photos, finalise=finalise)
        assert _queued(new) == _queued(old)
        columns = ("status", "version", "distance_m", "duration_s", "flag_count", "coverage", "track_uuid")
        old_row, new_row = old.patrols.get(old_uuid), new.patrols.get(new_uuid)
        assert [old_row[c] is None if c == "track_uuid" else old_row[c] for c in columns] == [
            new_row[c] is None if c == "track_uuid" else new_row[c] for c in columns]
        assert new_row["status"] == ("final" if finalise else "draft")
        assert sorted(p["position_source"] for p in new.patrols.photos(new_uuid)) == ["exif", "track", "track"]
    finally:
        old.close()
        new.close()


def test_saving_over_a_draft_and_revising_go_through_the_same_function(store: Store) -> None:
    track = add_track(store, walk())
    uuid = patrolling.save_patrol(store, form(notes="初稿"), uuid=None, expected_version=0, now=NOW, track_uuid=track)
    version = int(store.patrols.get(uuid)["version"])
    same = patrolling.save_patrol(store, form(notes="定稿"), uuid=uuid, expected_version=version, now=NOW,
                                  track_uuid=track, photos=photos(store), finalise=True)
    row = store.patrols.get(uuid)
    assert same == uuid and row["status"] == "final" and row["notes"] == "定稿" and len(store.patrols.photos(uuid)) == 3
    with pytest.raises(Refusal, match="reason"):
        patrolling.save_patrol(store, form(notes="改"), uuid=uuid, expected_version=int(row["version"]), now=NOW,
                               track_uuid=track, revision=patrolling.Revision("", None, "李德明"))
    patrolling.save_patrol(store, form(notes="改过"), uuid=uuid, expected_version=int(row["version"]), now=NOW,
                           track_uuid=track, revision=patrolling.Revision("补充", None, "李德明"))
    assert store.patrols.get(uuid)["revision"] == 1 and store.patrols.get(uuid)["notes"] == "改过"
