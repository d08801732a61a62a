"""Patrol records through the service and the store: drafts, finalising, revisions, tracks, photos,
and compliance counts checked against an independent count in Python."""

from __future__ import annotations

import json
import random
import sqlite3
from datetime import UTC, datetime, timedelta

import pytest

from patrol_app import patrolling
from patrol_app.domain.enums import Level, Role
from patrol_app.domain.patrols import CHECKLIST, PatrolForm
from patrol_app.domain.periods import CHINA_TZ, Period, PeriodKind
from patrol_app.domain.refusal import Refusal
from patrol_app.domain.rules import PatrolFacts, PatrolRule, compliance
from patrol_app.geo.track import Track, TrackPoint
from patrol_app.store import Store, records
from patrol_app.store.database import database_path
from sync import outbox

REACH = "410423000001"
T0 = datetime(2026, 11, 18, 1, 0, tzinfo=UTC)
NOW = datetime(2026, 11, 25, 2, 0, tzinfo=UTC)


def form(**changes) -> PatrolForm:  # noqa: ANN003
    values = dict(reach_code=REACH, patroller_name="李德明", started_at=T0, ended_at=T0 + timedelta(minutes=30),
                  checklist={item.code: "normal" for item in CHECKLIST}, patroller_role=Role.CHIEF.code,
                  rule_level=Level.VILLAGE.code)
    return PatrolForm(**(values | changes))


def walk(minutes: int = 30, start: datetime = T0) -> Track:
    """Along the demo reach's first segment and back, a fix every 10 s."""
    n = minutes * 6
    points = []
    for i in range(n + 1):
        f = 1 - abs(1 - 2 * i / n)
        points.append(TrackPoint(33.758 + 0.002 * f, 112.62 + 0.012 * f, start + timedelta(seconds=10 * i), 85.0))
    return Track(tuple(points), "gpx")


def add_track(store: Store, track: Track, sha: str | None = None) -> str:
    uuid, _ = store.patrols.add_track(patrolling.track_values(track, file_sha256=sha, file_name="t.gpx",
                                                              crs_in="wgs84"))
    return uuid


def pending(store: Store, uuid: str) -> int:
    return store.conn.execute("SELECT count(*) FROM outbox WHERE record_uuid = ? AND state = 'pending'",
                              (uuid,)).fetchone()[0]


def test_draft_then_final_is_locked_and_revised_only_with_a_reason(store: Store) -> None:
    track = add_track(store, walk())
    uuid = patrolling.create_draft(store, form(), now=NOW, track_uuid=track)
    row = store.patrols.get(uuid)
    assert row["status"] == "draft" and row["track_uuid"] == track
    assert store.patrols.track(track)["patrol_uuid"] == uuid  # linked both ways
    assert 2200 < row["distance_m"] < 2350 and row["duration_s"] == 1800 and pending(store, uuid) == 1

    patrolling.save_draft(store, form(notes="一切正常"), uuid=uuid, expected_version=row["version"], now=NOW,
                          track_uuid=track, finalise=True)
    final = store.patrols.get(uuid)
    assert final["status"] == "final" and final["finalised_at"] and final["notes"] == "一切正常"

    with pytest.raises(Refusal) as locked:
        patrolling.save_draft(store, form(notes="偷偷改"), uuid=uuid, expected_version=final["version"], now=NOW,
                              track_uuid=track)
    assert locked.value.code == "patrol_locked"
    with pytest.raises(Refusal) as stale:
        patrolling.revise(store, form(notes="x"), uuid=uuid, expected_version=final["version"] - 1, now=NOW,
                          reason="更正", by_uuid=None, by_name="李德明", track_uuid=track)
    assert stale.value.code == "patrol_changed"
    with pytest.raises(Refusal):
        patrolling.revise(store, form(notes="x"), uuid=uuid, expected_version=final["version"], now=NOW, reason=" ",
                          by_uuid=None, by_name="李德明", track_uuid=track)
    assert store.patrols.get(uuid)["notes"] == "一切正常"

    patrolling.revise(store, form(notes="补记：西岸有垃圾"), uuid=uuid, expected_version=final["version"], now=NOW,
                      reason="补记发现", by_uuid=None, by_name="李德明", track_uuid=track)
    revised = store.patrols.get(uuid)
    assert revised["revision"] == 1 and revised["version"] == final["version"] + 1
    (kept,) = store.patrols.revisions(uuid)
    replaced = json.loads(kept["replaced"])
    assert kept["reason"] == "补记发现" and replaced["notes"] == "一切正常" and replaced["version"] == final["version"]
    with pytest.raises(Refusal):
        store.patrols.discard_draft(uuid)
    assert outbox.pending_by_kind(store.conn)["patrol_revision"] == 1


def test_finalising_needs_every_checklist_item_and_an_ended_patrol(store: Store) -> None:
    uuid = patrolling.create_draft(store, form(checklist={}), now=NOW, manual_distance_m=1500)
    version = store.patrols.get(uuid)["version"]
    with pytest.raises(Refusal) as incomplete:
        patrolling.save_draft(store, form(checklist={"floating": "normal"}), uuid=uuid, expected_version=version,
                              now=NOW, manual_distance_m=1500, finalise=True)
    assert incomplete.value.code == "patrol_checklist_incomplete" and "10" in incomplete.value.zh
    future = form(started_at=NOW - timedelta(minutes=5), ended_at=NOW + timedelta(hours=1))
    with pytest.raises(Refusal) as running:
        patrolling.save_draft(store, future, uuid=uuid, expected_version=version, now=NOW, finalise=True)
    assert running.value.code == "patrol_not_ended"
    with pytest.raises(Refusal):
        patrolling.create_draft(store, form(ended_at=T0 - timedelta(minutes=1)), now=NOW)
    assert store.patrols.get(uuid)["status"] == "draft" and store.patrols.count() == 1


def test_a_patrol_without_track_says_so_and_short_ones_explain_why(store: Store) -> None:
    uuid = patrolling.create_draft(store, form(ended_at=T0 + timedelta(minutes=6)), now=NOW, manual_distance_m=800)
    row = store.patrols.get(uuid)
    codes = [f["code"] for f in json.loads(row["flags"])]
    assert codes[0] == "no_track" and "too_short_time" in codes and "too_short_distance" in codes
    assert row["distance_m"] == 800 and row["track_uuid"] is None


def test_the_same_track_file_is_stored_once(store: Store) -> None:
    sha = "ab" * 32
    first = add_track(store, walk(), sha)
    second, duplicate = store.patrols.add_track(patrolling.track_values(walk(), file_sha256=sha, file_name="t.gpx",
                                                                         crs_in="wgs84"))
    assert second == first and duplicate
    other, duplicate = store.patrols.add_track(patrolling.track_values(walk(), file_sha256=sha, file_name="t.gpx",
                                                                        crs_in="gcj02"))
    assert other != first and not duplicate  # read as another coordinate system: another track


def test_photos_without_gps_are_placed_on_the_track_and_deleting_a_draft_unlinks(store: Store) -> None:
    track = add_track(store, walk())
    uuid = patrolling.create_draft(store, form(), now=NOW, track_uuid=track)
    rows = []
    for i, gps in enumerate((True, False, False)):
        taken = T0 + timedelta(minutes=5 + 10 * i)
        rows.append({"sha256": f"{i:064x}", "upload_sha256": f"{i:064x}", "format": "jpeg", "bytes": 10,
                     "original_name": f"{i}.jpg", "source_path": f"/x/{i}.jpg", "taken_at": taken.isoformat(),
                     "lat": 33.7585 if gps else None, "lon": 112.621 if gps else None,
                     "position_source": "exif" if gps else None, "upload_width": 1, "upload_height": 1})
    rows[2]["taken_at"] = (T0 + timedelta(hours=3)).isoformat()  # long after the track: stays unplaced
    photos = store.photos.insert_imported(rows)
    assert patrolling.link_photos(store, uuid, photos) == 3
    placed = {p["uuid"]: p["position_source"] for p in store.patrols.photos(uuid)}
    assert placed == {photos[0]: "exif", photos[1]: "track", photos[2]: None}
    assert store.photos.get(photos[1])["version"] == 2 and pending(store, photos[1]) == 1
    offered = patrolling.offered_photos(store, form(), None)
    assert {p["uuid"] for p in offered} == {photos[0], photos[1]}  # within the window (± 30 min)

    store.patrols.discard_draft(uuid)
    assert store.patrols.get(uuid)["deleted"] == 1 and store.patrols.photos(uuid) == []
    assert store.photos.get(photos[0])["deleted"] == 0  # the photos stay in the library


def test_patrol_list_filters_and_pages_like_a_plain_query(store: Store) -> None:
    rng = random.Random(4)
    for i in range(120):
        start = T0 - timedelta(hours=7 * i)
        minutes = rng.choice((5, 30))
        uuid = patrolling.create_draft(store, form(started_at=start, ended_at=start + timedelta(minutes=minutes)),
                                       now=NOW, manual_distance_m=rng.choice((500, 2000)))
        if i % 3:
            patrolling.save_draft(store, form(started_at=start, ended_at=start + timedelta(minutes=minutes)),
                                  uuid=uuid, expected_version=1, now=NOW,
                                  manual_distance_m=store.patrols.get(uuid)["distance_m"], finalise=True)
    from patrol_app.store.patrols import PatrolFilter

    with sqlite3.connect(database_path(store.data_dir)) as conn:
        expected = [r[0] for r in conn.execute(
            """SELECT uuid FROM patrols WHERE status = 'final' AND duration_s >= 600 AND distance_m >= 1000
               ORDER BY started_at DESC, uuid DESC""")]
    where = PatrolFilter(reach_codes=(REACH,), status="final", validity="valid")
    got, after = [], None
    while True:
        page = store.patrols.page(where, after, 7)
        if not page:
            break
        got += [r["uuid"] for r in page]
        after = (page[-1]["started_at"], page[-1]["uuid"])
    assert got == expected and store.patrols.count(where) == len(expected) > 10


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("kind", [PeriodKind.WEEK, PeriodKind.MONTH, PeriodKind.QUARTER])
def test_period_totals_equal_counting_each_patrol_in_its_china_period(store: Store, seed: int,
                                                                      kind: PeriodKind) -> None:
    """The one-query year view gives exactly what counting every patrol in its (China) period gives."""
    rng = random.Random(seed)
    codes = [r.code for r in store.registry.reaches()][:5]
    start = datetime(2025, 12, 29, tzinfo=CHINA_TZ)  # a Monday
    rows = []
    for _ in range(300):
        # Many on the stroke of midnight in China (16:00 UTC), to catch any day or week put in the wrong place.
        at = start + timedelta(days=rng.randrange(330), hours=rng.choice((0, 0, 7, 23)),
                               minutes=rng.choice((0, 0, 59)), seconds=rng.choice((0, 59)))
        rows.append({"reach_code": rng.choice(codes), "patroller_name": "x", "started_at": at.astimezone(UTC)
                     .isoformat().replace("+00:00", "Z"), "ended_at": (at + timedelta(hours=1)).astimezone(UTC)
                     .isoformat().replace("+00:00", "Z"), "duration_s": rng.choice((300, 900)),
                     "distance_m": rng.choice((500, 1500)), "status": rng.choice(("final", "final", "draft"))})
    with store.write() as conn:
        records.insert_many(conn, store.device_id, records.PATROL, rows)
    now = start + timedelta(days=200)
    periods = [Period.containing(start, kind)]
    while periods[-1].end <= start + timedelta(days=330):
        periods.append(periods[-1].next())
    rule = PatrolRule(Level.VILLAGE, kind, 2, 600, 1000, "test")
    got = store.patrols.period_totals(codes, [(p.start, p.end, p.has_ended(now)) for p in periods],
                                      min_duration_s=600, min_distance_m=1000, required=2)
    facts = [PatrolFacts(r["reach_code"], datetime.fromisoformat(r["started_at"]), r["duration_s"], r["distance_m"])
             for r in rows if r["status"] == "final"]
    for code in codes:
        table = compliance(rule, [code], periods, [f for f in facts if f.reach_code == code], now)
        expected = (sum(c.done for c in table), sum(c.valid for c in table),
                    sum(c.satisfied for c in table), sum(c.satisfied and c.ended for c in table))
        assert got.get(code, (0, 0, 0, 0)) == expected, code


def test_a_track_serves_one_patrol_and_a_deleted_draft_frees_it(store: Store) -> None:
    track = add_track(store, walk(), "cd" * 32)
    first = patrolling.create_draft(store, form(), now=NOW, track_uuid=track)
    with pytest.raises(Refusal) as taken:
        patrolling.create_draft(store, form(notes="second"), now=NOW, track_uuid=track)
    assert taken.value.code == "track_in_use" and store.patrols.count() == 1
    assert store.patrols.track(track)["patrol_uuid"] == first
    store.patrols.discard_draft(first, expected_version=store.patrols.get(first)["version"])
    # Free again, offered as unattached: a local copy; the track the office has (or will) ends in a tombstone.
    assert store.patrols.track(track)["deleted"] == 1
    [free] = [t["uuid"] for t in store.patrols.unattached_tracks()]
    copy = store.patrols.track(free)
    assert copy["patrol_uuid"] is None and copy["points"] == store.patrols.track(track)["points"]
    assert store.patrols.add_track(patrolling.track_values(walk(), file_sha256="cd" * 32, file_name="t.gpx",
                                                           crs_in="wgs84")) == (free, True)  # the same file
    with pytest.raises(Refusal) as gone:
        patrolling.create_draft(store, form(notes="second"), now=NOW, track_uuid=track)
    assert gone.value.code == "track_gone"
    second = patrolling.create_draft(store, form(notes="second"), now=NOW, track_uuid=free)
    assert store.patrols.track(free)["patrol_uuid"] == second


def test_a_finalised_patrols_photos_and_content_change_only_by_a_real_revision(store: Store) -> None:
    uuid = patrolling.create_draft(store, form(), now=NOW, manual_distance_m=1500)
    patrolling.save_draft(store, form(), uuid=uuid, expected_version=1, now=NOW, manual_distance_m=1500,
                          finalise=True)
    (photo,) = store.photos.insert_imported([{
        "sha256": "e" * 64, "upload_sha256": "e" * 64, "format": "jpeg", "bytes": 10, "original_name": "a.jpg",
        "source_path": "/a.jpg", "taken_at": (T0 + timedelta(minutes=5)).isoformat(), "upload_width": 1,
        "upload_height": 1}])
    with pytest.raises(Refusal) as locked:
        patrolling.link_photos(store, uuid, [photo])
    assert locked.value.code == "patrol_locked_photos" and store.patrols.photos(uuid) == []
    version = store.patrols.get(uuid)["version"]
    with pytest.raises(Refusal) as unchanged:
        patrolling.revise(store, form(), uuid=uuid, expected_version=version, now=NOW, reason="没改", by_uuid=None,
                          by_name="李德明", manual_distance_m=1500)
    assert unchanged.value.code == "patrol_revision_unchanged" and store.patrols.revisions(uuid) == []
    assert store.patrols.get(uuid)["version"] == version


class Office:
    """What the office holds after each sync: the sender's own reading of every pending entry
    (`outbox.read_record`, as `sync.engine` builds its batches), then the acknowledgement."""

    def __init__(self, store: Store) -> None:
        self.store, self.records = store, {}

    def sync(self) -> None:
        with self.store.write() as conn:
            for entry in outbox.pending(conn, 10_000):
                doc = outbox.read_record(conn, entry.kind, entry.record_uuid)
                self.records[(entry.kind, entry.record_uuid)] = doc
                outbox.acknowledge(conn, entry.seq, doc["version"])

    def tracks_no_patrol_uses(self) -> list[str]:
        live = {uuid: doc for (kind, uuid), doc in self.records.items() if not doc["deleted"]}
        return [uuid for (kind, uuid), doc in self.records.items() if kind == "track" and not doc["deleted"]
                and live.get(doc["data"]["patrol_uuid"], {}).get("data", {}).get("track_uuid") != uuid]


def queued(store: Store, uuid: str) -> int:
    return store.conn.execute("SELECT count(*) FROM outbox WHERE record_uuid = ?", (uuid,)).fetchone()[0]


def test_the_office_never_receives_a_track_no_patrol_uses(store: Store) -> None:
    office = Office(store)
    # A proposal from photos makes its track; the user closes it unsaved. A file read into the editor and
    # replaced by another before saving. Both stay on the laptop, still offered, never queued.
    proposal = patrolling.Proposal(REACH, T0, T0 + timedelta(minutes=30), walk(), (), None)
    proposed = patrolling.keep_photo_track(store, proposal)
    first_file = add_track(store, walk(20), "a1" * 32)
    second_file = add_track(store, walk(), "a2" * 32)
    assert queued(store, proposed) == queued(store, first_file) == queued(store, second_file) == 0
    assert {t["uuid"] for t in store.patrols.unattached_tracks()} == {proposed, first_file, second_file}
    uuid = patrolling.create_draft(store, form(), now=NOW, track_uuid=second_file)
    assert pending(store, second_file) == 1 and store.upkeep.check().ok
    office.sync()
    # The draft's track replaced after the office got it, and again before the next sync.
    third_file = add_track(store, walk(25), "a3" * 32)
    patrolling.save_draft(store, form(), uuid=uuid, expected_version=store.patrols.get(uuid)["version"], now=NOW,
                          track_uuid=third_file)
    fourth_file = add_track(store, walk(30), "a4" * 32)
    patrolling.save_draft(store, form(), uuid=uuid, expected_version=store.patrols.get(uuid)["version"], now=NOW,
                          track_uuid=fourth_file, finalise=True)
    assert store.upkeep.check().ok
    office.sync()
    assert office.tracks_no_patrol_uses() == []
    assert office.records[("track", second_file)]["deleted"] and office.records[("track", third_file)]["deleted"]
    # A revision that takes another track, and a discarded draft: the same.
    fifth_file = add_track(store, walk(35), "a5" * 32)
    patrolling.revise(store, form(), uuid=uuid, expected_version=store.patrols.get(uuid)["version"], now=NOW,
                      reason="换成完整的轨迹", by_uuid=None, by_name="李德明", track_uuid=fifth_file)
    draft = patrolling.create_draft(store, form(started_at=T0 + timedelta(days=1),
                                                ended_at=T0 + timedelta(days=1, minutes=20)), now=NOW,
                                    track_uuid=first_file)
    office.sync()
    store.patrols.discard_draft(draft)
    assert store.upkeep.check().ok
    office.sync()
    assert office.tracks_no_patrol_uses() == []
    sent = {uuid for kind, uuid in office.records if kind == "track"}
    assert proposed not in sent and not sent & {t["uuid"] for t in store.patrols.unattached_tracks()}
    assert store.patrols.get(uuid)["track_uuid"] == fifth_file and not office.records[("track", fifth_file)]["deleted"]
    assert store.upkeep.pending_sync_total() == 0 and store.upkeep.check().ok
