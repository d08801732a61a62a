"""Demo data: fictional people and records on the seeded registry, for trying and timing the app.

`small` shows every feature on the shipped demo reaches. `large` adds 1,000+ demo reaches and
100,000+ patrols over three years, for speed tests. Every person is fictional; everything added is
flagged `demo` or written as an ordinary record of the demo device. Writes go through the same
write path as real records, so demo patrols wait in the outbox like real ones.
"""

from __future__ import annotations

import json
import random
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from patrol_app.demo import covert, maintenance, patrols, photos, problems
from patrol_app.demo.shared import VILLAGE_STEMS, Progress, person_name
from patrol_app.domain.enums import Level, Role
from patrol_app.domain.ids import utc_now
from patrol_app.store import Store
from patrol_app.store.schema import insert_demo_registry

LARGE_PHOTOS = 50_000
LARGE_PROBLEMS = 100_000


class DataDirNotEmpty(Exception):
    """The demo only fills a data folder nobody has used yet."""


@dataclass(frozen=True)
class DemoSummary:
    size: str
    seed: int
    reaches_added: int
    profiles: int
    patrols: int
    photos: int
    problems: int
    seconds: float
    covert_inspections: int = 0  # by the liaison profile's unit, submitted (their findings are in `problems`)
    maintenance_logs: int = 0  # by the crew profile (issue 16): its photos are in `photos`, its problems in `problems`


def fill(
    store: Store,
    *,
    size: str = "small",
    seed: int = 1,
    now: datetime | None = None,
    progress: Progress | None = None,
) -> DemoSummary:
    """Fill an unused data folder with demo data; refuses one that already has profiles or records."""
    started = datetime.now(UTC)
    if store.upkeep.has_user_data():
        raise DataDirNotEmpty(str(store.data_dir))
    rng = random.Random(seed)
    now = now or utc_now()
    report = progress or (lambda stage, done, total: None)

    added = 0
    if size == "large":
        report("reaches", 0, 1)
        added = _add_large_registry(store, rng, count=1000)
    years = 3 if size == "large" else 1
    # The demo's people have used the app for as long as the history made up for them: their first
    # periods count, as a real user's would (a profile is not held to periods before it existed).
    since = now - timedelta(days=366 * years)
    profiles = add_profiles(store, since=since)
    reaches = store.registry.reaches()
    patrollers = patrols.patroller_map(store, reaches, profiles, rng)
    total = patrols.add(store, rng, reaches, patrollers, now, years, report)

    report("photos", 0, 1)
    photo_count = photos.add_small(store, rng)
    if size == "large":
        photo_count += photos.add_bulk(store, rng, LARGE_PHOTOS, years, now)
    problem_count = problems.add_small(store, rng, now, report)
    if size == "large":
        problem_count += problems.add_bulk(store, rng, LARGE_PROBLEMS, years, now, report)
    # Its own generator: the rest of the demo stays what it was before covert inspections were added.
    inspections, findings = covert.add(store, random.Random(f"covert:{seed}"), now, since, report)
    # The maintenance crew (issue 16): its own profile, contract and generator, after everything else.
    crew = maintenance.add(store, random.Random(f"maintenance:{seed}"), now, report)
    report("done", 1, 1)
    seconds = (datetime.now(UTC) - started).total_seconds()
    return DemoSummary(size, seed, added, store.profiles.count(), total, photo_count + crew.photos,
                       problem_count + findings + crew.problems, round(seconds, 2), inspections, crew.logs)


def add_profiles(store: Store, since: datetime | None = None) -> dict[str, tuple[str, str, str, str]]:
    """Four fictional local users, made at `since` (default now); returns who patrols which reach:
    {reach_code: (uuid, name, role, level)}."""
    reaches = store.registry.reaches()
    by_township: dict[str, list[str]] = {}
    for r in reaches:
        if r.demo:
            by_township.setdefault(r.township, []).append(r.code)
    xiatang = by_township.get("下汤镇", [])[:2] or [reaches[0].code]
    lushan = [r.code for r in reaches if r.county_code == "410423"][:6]
    chief = store.profiles.save(
        name="李德明",
        role=Role.CHIEF,
        level=Level.VILLAGE,
        unit="鲁山县下汤镇林庄村（示例）",
        reach_codes=xiatang,
        make_current=False,
        created_at=_made(since, 0),
    )
    store.profiles.save(
        name="赵春花",
        role=Role.CHIEF,
        level=Level.TOWNSHIP,
        unit="鲁山县下汤镇人民政府（示例）",
        reach_codes=by_township.get("下汤镇", xiatang),
        make_current=False,
        created_at=_made(since, 1),
    )
    patroller = store.profiles.save(
        name="孙卫东",
        role=Role.PATROLLER,
        level=None,
        unit="鲁山县下汤镇巡河队（示例）",
        reach_codes=xiatang,
        make_current=False,
        created_at=_made(since, 2),
    )
    store.profiles.save(
        name="周爱萍",
        role=Role.LIAISON_INSPECTOR,
        level=None,
        unit="鲁山县水利局（示例）",
        reach_codes=lushan,
        make_current=False,
        created_at=_made(since, 3),
    )
    store.profiles.make_current(chief.uuid)
    walkers = ((chief.uuid, chief.name, Role.CHIEF.code, Level.VILLAGE.code),
               (patroller.uuid, patroller.name, Role.PATROLLER.code, Level.VILLAGE.code))
    return {code: walkers[i % 2] for i, code in enumerate(xiatang)}


def _made(since: datetime | None, order: int) -> datetime | None:
    """The demo profiles' creation times, a second apart so they list in the order they were made."""
    return None if since is None else since + timedelta(seconds=order)


def _add_large_registry(store: Store, rng: random.Random, count: int) -> int:
    """`count` more demo village reaches spread over the real counties and waterbodies."""
    counties = [d.code for d in store.registry.divisions() if d.parent_code == "410400"]
    waterbodies = [(w.code, w.name) for w in store.registry.waterbodies()]
    next_seq = {c: store.registry.last_reach_sequence(c) + 1 for c in counties}
    reaches, chiefs = [], []
    for i in range(count):
        county = counties[i % len(counties)]
        wb_code, wb_name = waterbodies[i % len(waterbodies)]
        seq = next_seq[county]
        next_seq[county] += 1
        code = f"{county}{seq:06d}"
        village = f"{rng.choice(VILLAGE_STEMS)}{seq}村"
        township = f"示例{['东', '西', '南', '北', '中'][i % 5]}镇"
        lon0, lat0 = 112.6 + rng.random() * 0.9, 33.3 + rng.random() * 0.8
        pts = [[round(lon0 + k * 0.004, 5), round(lat0 + rng.uniform(-0.001, 0.001), 5)] for k in range(6)]
        reaches.append(
            {
                "code": code,
                "name": f"{wb_name}{township}{village}段",
                "waterbody": wb_code,
                "county": county,
                "township": township,
                "village": village,
                "length_m": 1850,
                "geometry": pts,
            }
        )
        chiefs.append(
            {
                "uuid": str(uuid.uuid5(uuid.NAMESPACE_URL, f"patrol-demo-large:{code}")),
                "name": person_name(rng),
                "level": "village",
                "title": f"{village}党支部书记",
                "reaches": [code],
            }
        )
    with store.write() as conn:
        insert_demo_registry(conn, {"reaches": reaches, "chiefs": chiefs, "liaison_units": []})
    return len(reaches)


def describe(summary: DemoSummary) -> str:
    return json.dumps(summary.__dict__, ensure_ascii=False)
