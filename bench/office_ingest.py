"""Issue 13 benchmark (b): office ingest on PostgreSQL under many devices syncing at once.

The real office (`python -m sync.office --db postgresql+psycopg://… serve --workers 2`) on a fresh
PostgreSQL database; N devices (200) enrolled through `POST /v1/enroll` with one-time codes that the
office's own service made; then all N push their batches at once, driven by Locust (a FastHttpUser per
device, its own token, gzip JSON bodies exactly as `sync/client.py` sends them, 2 batches in flight per
device as `sync/engine.py` does). Every reply must be a `BatchReply` naming the office, echoing the
batch id and acknowledging every record `stored` with the hash the device computed; afterwards the rows
in PostgreSQL are counted and must equal what was sent.

Records are made as a village chief's laptop would send them (`patrol_app/store/records.py` columns,
values like `patrol-app demo`): per weekly patrol one `patrol`, its `track` (GPX points every 5 s for
40–90 min, ~25–55 KB of JSON), 1–4 `photo` records with a `photo_link` each, and for ~1 patrol in 6 a
`problem` with 1–3 `problem_event`s and its own photo. Photo records name upload copies the office
already holds (a small pool uploaded by tus before the clock), so every ack is `stored`; photo bytes
themselves are not part of this benchmark.

Baseline in the same run, on the same machine with the office stopped: the same rows (read back from
the ingest database: every `records` and `record_versions` row the load wrote) inserted into fresh
databases of the same schema with a bare psycopg `executemany` and with `COPY … FROM STDIN`, one
transaction each. Reported: ingest records/s ÷ baseline records/s.

    .venv/bin/pip install -e '.[bench]'     # locust (gevent), psutil
    .venv/bin/python bench/office_ingest.py [--devices 200] [--batches 3] [--records 50] [--workers 2]
        [--in-flight 2] [--runs 1] [--pg URL] [--office-src DIR]

PostgreSQL: `--pg` (or PATROL_TEST_PG) is a URL of a role that may create databases; without one the
script starts Debian's cluster and creates the `patrol_ci` role as `.ci/run` does (needs root).
`--office-src DIR` serves the office from another source tree (e.g. `git archive HEAD sync`), to
compare versions; the load generator and the checks always use this tree's `sync.protocol`.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import math
import os
import pickle
import random
import resource
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid as uuid_module
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

DEFAULT_PG = "postgresql+psycopg://patrol_ci:patrol_ci@127.0.0.1:5432/postgres"
PHOTO_POOL = 48  # distinct upload copies the photo records point at
PHOTO_POOL_BYTES = 64 * 1024


# --- PostgreSQL -------------------------------------------------------------------------------

def ensure_cluster(base: str) -> None:
    """Start Debian's cluster and create the role if the URL does not connect (as .ci/run does)."""
    import psycopg

    try:
        psycopg.connect(_conninfo(base), connect_timeout=5).close()
        return
    except psycopg.OperationalError:
        pass
    if os.geteuid() != 0 or not shutil.which("pg_lsclusters"):
        raise SystemExit(f"cannot connect to {base} and cannot start PostgreSQL here; pass --pg URL")
    line = subprocess.run(["pg_lsclusters", "--no-header"], capture_output=True, text=True).stdout.split("\n")[0]
    if not line.strip():
        subprocess.run(["pg_createcluster", "15", "main"], check=True, capture_output=True)
        line = "15 main 5432"
    version, name, port = line.split()[:3]
    subprocess.run(["pg_ctlcluster", version, name, "start"], capture_output=True)
    for _ in range(60):
        if subprocess.run(["pg_isready", "-q", "-h", "127.0.0.1", "-p", port]).returncode == 0:
            break
        time.sleep(1)
    check = "SELECT 1 FROM pg_roles WHERE rolname = 'patrol_ci'"
    have = subprocess.run(["su", "postgres", "-c", f'psql -q -p {port} -tc "{check}"'],
                          capture_output=True, text=True).stdout
    if "1" not in have:
        create = "CREATE ROLE patrol_ci LOGIN CREATEDB PASSWORD 'patrol_ci'"
        subprocess.run(["su", "postgres", "-c", f'psql -q -p {port} -c "{create}"'], check=True)
    psycopg.connect(_conninfo(base), connect_timeout=5).close()


def _conninfo(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def _db_url(base: str, name: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(base).set(database=name).render_as_string(hide_password=False)


def create_database(base: str, name: str) -> str:
    import psycopg

    with psycopg.connect(_conninfo(base), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return _db_url(base, name)


def drop_database(base: str, name: str) -> None:
    import psycopg

    with psycopg.connect(_conninfo(base), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# --- the office, from its own source tree ----------------------------------------------------

_PREPARE = """
import json, sys
from pathlib import Path
from sync.office import db
from sync.office.service import Office
engine = db.make_engine(sys.argv[1])
db.migrate(engine)
office = Office(engine, Path(sys.argv[2]))
codes = [office.create_enroll_code(f"bench device {i}")[0] for i in range(int(sys.argv[3]))]
print(json.dumps(codes))
"""


def office_env(src: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(src)}


def prepare_office(src: Path, url: str, data_dir: Path, codes: int) -> list[str]:
    """Migrate the database and make enrolment codes with the office's own service (its source tree)."""
    done = subprocess.run([sys.executable, "-c", _PREPARE, url, str(data_dir), str(codes)], cwd=src,
                          env=office_env(src), capture_output=True, text=True, timeout=300)
    if done.returncode != 0:
        raise SystemExit(f"preparing the office failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class OfficeServer:
    def __init__(self, src: Path, url: str, data_dir: Path, workers: int, log: Path) -> None:
        self.src, self.url_db, self.data_dir, self.workers, self.log = src, url, data_dir, workers, log
        self.port = free_port()
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        import requests

        with self.log.open("wb") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "sync.office", "--data-dir", str(self.data_dir), "--db", self.url_db,
                 "serve", "--port", str(self.port), "--workers", str(self.workers)],
                cwd=self.src, env=office_env(self.src), stdout=log, stderr=subprocess.STDOUT,
                start_new_session=True)
        deadline = time.monotonic() + 90
        while True:
            if self.process.poll() is not None:
                raise SystemExit(f"office exited: {self.log.read_text()[-3000:]}")
            try:
                if requests.get(self.url + "/", timeout=2).json().get("service") == "patrol-office":
                    break
            except (requests.RequestException, ValueError):
                pass
            if time.monotonic() > deadline:
                raise SystemExit("office did not answer in 90 s")
            time.sleep(0.1)
        # uvicorn answers as soon as one worker is up: wait until every worker process exists (with one
        # worker, uvicorn serves in its own process).
        import psutil

        while self.workers > 1 and len(self._workers(psutil)) < self.workers and time.monotonic() < deadline:
            time.sleep(0.1)

    def _workers(self, psutil: Any) -> list[Any]:
        assert self.process is not None
        children = psutil.Process(self.process.pid).children(recursive=True)
        return [c for c in children if "spawn_main" in " ".join(c.cmdline())]

    def cpu_seconds(self) -> dict[str, float]:
        """User + system CPU of the serving process and of each worker, so far (by pid)."""
        import psutil

        assert self.process is not None
        out = {}
        parent = psutil.Process(self.process.pid)
        for p in [parent, *parent.children(recursive=True)]:
            try:
                t = p.cpu_times()
                out[str(p.pid)] = t.user + t.system
            except psutil.NoSuchProcess:
                pass
        return out

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.process = None


def postgres_cpu_seconds() -> float:
    """CPU of PostgreSQL so far: live postgres processes, plus the postmaster's reaped children (backends
    that have exited). Other sessions' queries count too: they are noise, printed as such."""
    import psutil

    total = 0.0
    for p in psutil.process_iter(["name"]):
        if p.info["name"] and p.info["name"].startswith("postgres"):
            try:
                t = p.cpu_times()
                total += t.user + t.system + t.children_user + t.children_system
            except psutil.Error:
                pass
    return total


# --- records as a village chief's laptop sends them ------------------------------------------

NOTES = ["", "", "", "公示牌字迹清楚。", "河面清洁，岸坡完好。", "与保洁员一同巡查。",
         "沿岸有少量落叶，已安排保洁员清理。", "上游来水较大，已提醒村民注意安全。"]
WEATHER = ["cloudy", "sunny", "rain", "overcast", "wind", "snow", "fog"]
MODES = ["foot"] * 6 + ["vehicle"] * 2 + ["boat", "drone"]
CHECKLIST = ["dumping", "fishing", "floating", "flood", "intake", "mining", "occupation", "outfall",
             "signboard", "water", "works"]
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = ["建国", "德明", "春花", "卫东", "桂兰", "国强", "秀英", "志刚", "红梅", "海军", "玉兰", "长青"]
COUNTIES = [("410423", "鲁山县"), ("410421", "宝丰县"), ("410422", "叶县"), ("410425", "郏县"),
            ("410481", "舞钢市"), ("410482", "汝州市"), ("410402", "新华区"), ("410411", "湛河区")]
PROBLEMS = [("floating.rubbish", "{v}附近水面有漂浮垃圾约{n}平方米"),
            ("dumping.garbage", "{v}河边倾倒生活垃圾，有塑料袋和厨余垃圾"),
            ("mining.sand", "{v}下游河道内有非法采砂痕迹，现场留有采砂坑{k}处"),
            ("occupation.farming", "{v}东岸河槽内有村民开荒种菜约{k}亩"),
            ("outfall.abnormal_discharge", "{v}排污口排水颜色异常，有异味"),
            ("flood.obstruction", "{v}桥孔下堆积树枝杂物，阻碍行洪")]
EVENTS = [("report", ""), ("self_handle", "已组织村民当场清理"), ("feedback", "已通知村委会，明日处理")]
PHONES = [("HUAWEI", "ELE-AL00"), ("OPPO", "PDEM10"), ("Xiaomi", "M2012K11AC"), ("vivo", "V2055A")]


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _uuid7(rng: random.Random, at: datetime) -> str:
    ms = int(at.timestamp() * 1000) & ((1 << 48) - 1)
    value = ms << 80 | 0x7 << 76 | rng.getrandbits(12) << 64 | 0b10 << 62 | rng.getrandbits(62)
    return str(uuid_module.UUID(int=value))


def _hex(rng: random.Random) -> str:
    return f"{rng.getrandbits(256):064x}"


class Chief:
    """One device: a village chief with a reach or two, patrolling weekly, with photos and problems."""

    def __init__(self, index: int, device_id: str, pool: list[str], seed: int) -> None:
        self.rng = random.Random(seed * 100_003 + index)
        rng = self.rng
        self.device_id, self.pool = device_id, pool
        county, county_name = COUNTIES[index % len(COUNTIES)]
        self.reaches = [f"{county}{rng.randrange(1, 999_999):06d}" for _ in range(rng.choice((1, 1, 2, 3)))]
        self.name = rng.choice(SURNAMES) + rng.choice(GIVEN)
        self.unit = f"{county_name}示例镇示例{index % 97}村（示例）"
        self.person_uuid = _uuid7(rng, datetime(2026, 1, 5, tzinfo=UTC))
        self.profile_uuid = _uuid7(rng, datetime(2026, 1, 5, tzinfo=UTC))
        self.lat0, self.lon0 = 33.55 + rng.random() * 0.45, 112.55 + rng.random() * 0.9
        self.week = 0

    def _envelope(self, kind: str, uuid: str, made: datetime, data: dict[str, Any],
                  photos: list[str] | None = None) -> dict[str, Any]:
        return {"kind": kind, "uuid": uuid, "version": 1, "device_id": self.device_id,
                "created_at": _iso(made), "updated_at": _iso(made), "deleted": False, "data": data,
                "photos": photos or []}

    def patrol_unit(self) -> list[dict[str, Any]]:
        """One week's patrol and everything it brought: what one laptop sends after one patrol."""
        rng = self.rng
        self.week += 1
        day = datetime(2026, 11, 30, tzinfo=UTC) - timedelta(weeks=self.week) + timedelta(days=rng.randrange(5))
        start = day.replace(hour=0) + timedelta(minutes=rng.randrange(0, 8 * 60))  # 08:00–16:00 China time
        duration = rng.randrange(40 * 60, 90 * 60)
        end = start + timedelta(seconds=duration)
        made = end + timedelta(hours=rng.uniform(1, 9))
        reach = rng.choice(self.reaches)
        patrol_uuid, track_uuid = _uuid7(rng, made), _uuid7(rng, made + timedelta(seconds=1))
        points, distance = self._track_points(start, duration)
        checklist = {k: ("problem" if rng.random() < 0.03 else "normal") for k in CHECKLIST}
        flags: list[dict[str, Any]] = []
        if rng.random() < 0.05:
            flags.append({"at": None, "code": "low_coverage", "severity": "warning",
                          "zh": "轨迹只覆盖了河段的 62%。", "en": "The track covers 62% of the reach."})
        moving = duration - rng.randrange(0, 120)
        patrol = {
            "reach_code": reach, "profile_uuid": self.profile_uuid, "patroller_name": self.name,
            "started_at": _iso(start), "ended_at": _iso(end), "duration_s": duration,
            "distance_m": int(distance), "mode": rng.choice(MODES), "status": "final",
            "notes": rng.choice(NOTES), "patroller_role": "chief", "rule_level": "village",
            "on_behalf_of_uuid": None, "on_behalf_of_name": "", "weather": rng.choice(WEATHER),
            "checklist": checklist, "track_uuid": track_uuid, "moving_s": moving,
            "coverage": round(rng.uniform(0.7, 1.0), 3), "flags": flags, "flag_count": len(flags),
            "finalised_at": _iso(made), "revision": 0,
        }
        track = {
            "patrol_uuid": patrol_uuid, "file_sha256": _hex(rng),
            "file_name": f"{start + timedelta(hours=8):%Y%m%d_%H%M}.gpx", "format": "gpx", "crs_in": "wgs84",
            "points": points, "point_count": len(points), "segments": 1, "distance_m": round(distance, 1),
            "duration_s": duration, "moving_s": moving, "started_at": _iso(start), "ended_at": _iso(end),
            "notes": [],
        }
        out = [self._envelope("patrol", patrol_uuid, made, patrol),
               self._envelope("track", track_uuid, made + timedelta(seconds=1), track)]
        for n in range(rng.choice((1, 2, 2, 3, 3, 4))):
            out += self._photo(made + timedelta(seconds=2 + n), start + timedelta(seconds=rng.randrange(duration)),
                               "patrol", patrol_uuid)
        if rng.random() < 1 / 6:
            out += self._problem(made + timedelta(seconds=30), start + timedelta(seconds=rng.randrange(duration)),
                                 reach, patrol_uuid)
        return out

    def _track_points(self, start: datetime, duration: int) -> tuple[list[list[Any]], float]:
        rng = self.rng
        lat, lon = self.lat0 + rng.uniform(-0.01, 0.01), self.lon0 + rng.uniform(-0.01, 0.01)
        heading = rng.uniform(0, 6.283)
        t0 = int(start.timestamp())
        points, distance = [], 0.0
        for t in range(0, duration + 1, 5):
            heading += rng.gauss(0, 0.15)
            step = rng.uniform(3.0, 7.5)  # metres in 5 s on foot along the bank
            dlat, dlon = step * 0.000009 * math.cos(heading), step * 0.0000108 * math.sin(heading)
            lat, lon = lat + dlat, lon + dlon
            distance += step
            points.append([t0 + t, round(lat, 7), round(lon, 7), round(80 + rng.uniform(0, 15), 1), 0, "gpx"])
        return points, distance

    def _photo(self, made: datetime, taken: datetime, target_kind: str, target_uuid: str) -> list[dict[str, Any]]:
        rng = self.rng
        upload = rng.choice(self.pool)
        make, model = rng.choice(PHONES)
        photo_uuid = _uuid7(rng, made)
        data = {
            "sha256": _hex(rng), "upload_sha256": upload, "format": "jpeg",
            "bytes": rng.randrange(2_500_000, 6_000_000),
            "original_name": f"IMG_{taken + timedelta(hours=8):%Y%m%d_%H%M%S}.jpg", "width": 4000, "height": 3000,
            "orientation": rng.choice((1, 1, 6)), "taken_at": _iso(taken), "taken_at_zone": "exif",
            "taken_at_offset": "+08:00", "gps_time": _iso(taken), "clock_offset_s": None,
            "lat": self.lat0 + rng.uniform(-0.01, 0.01), "lon": self.lon0 + rng.uniform(-0.01, 0.01),
            "alt": round(rng.uniform(70, 130), 1), "position_source": "exif", "position_rejected": None,
            "altitude_rejected": None, "make": make, "model": model, "upload_width": 1600, "upload_height": 1200,
        }
        link = {"photo_uuid": photo_uuid, "target_kind": target_kind, "target_uuid": target_uuid}
        return [self._envelope("photo", photo_uuid, made, data, [upload]),
                self._envelope("photo_link", _uuid7(rng, made + timedelta(milliseconds=5)), made, link)]

    def _problem(self, made: datetime, found: datetime, reach: str, patrol_uuid: str) -> list[dict[str, Any]]:
        rng = self.rng
        code, text = rng.choice(PROBLEMS)
        problem_uuid = _uuid7(rng, made)
        problem = {
            "code": code, "description": text.format(v=f"示例{rng.randrange(1, 60)}村渡口", n=rng.randrange(10, 90),
                                                     k=rng.randrange(1, 5)),
            "severity": rng.choice(("general", "general", "serious")), "urgency": rng.choice(("normal", "urgent")),
            "source": "patrol", "reach_code": reach, "found_at": _iso(found), "found_by_uuid": self.person_uuid,
            "found_by_name": self.name, "found_by_role": "chief", "found_by_unit": self.unit,
            "lat": round(self.lat0 + rng.uniform(-0.01, 0.01), 6),
            "lon": round(self.lon0 + rng.uniform(-0.01, 0.01), 6),
            "position_source": "track", "patrol_uuid": patrol_uuid,
        }
        out = [self._envelope("problem", problem_uuid, made, problem)]
        for seq, (action, note) in enumerate(EVENTS[:rng.choice((1, 2, 3))], start=1):
            at = found + timedelta(minutes=5 * seq)
            event = {"problem_uuid": problem_uuid, "seq": seq, "action": action, "at": _iso(at),
                     "actor_uuid": self.person_uuid, "actor_name": self.name, "actor_role": "chief",
                     "actor_unit": self.unit, "note": note, "reason": "", "assignee_unit": "",
                     "assignee_person": "", "deadline": None}
            out.append(self._envelope("problem_event", _uuid7(rng, made + timedelta(seconds=seq)), made, event))
        return out + self._photo(made + timedelta(seconds=9), found, "problem", problem_uuid)


def check_columns() -> None:
    """The generator's data keys are exactly what the app sends for each kind (minus local columns)."""
    from patrol_app.store import records as app_records

    chief = Chief(0, "01a248c6-0000-7000-8000-000000000000", ["0" * 64], 1)
    seen: dict[str, set[str]] = {}
    while len(seen) < 6:
        for r in chief.patrol_unit():
            seen[r["kind"]] = set(r["data"])
    for kind in app_records.KINDS:
        if kind.kind in seen:
            want = set(kind.columns) - set(kind.local_columns)
            assert seen[kind.kind] == want, (kind.kind, seen[kind.kind] ^ want)


def build_batches(chief: Chief, batches: int, per_batch: int) -> list[dict[str, Any]]:
    """The device's outbox in order, cut into batches of `per_batch` records (as the client cuts it)."""
    from sync import protocol

    stream: list[dict[str, Any]] = []
    while len(stream) < batches * per_batch:
        stream += chief.patrol_unit()
    out = []
    for b in range(batches):
        records = stream[b * per_batch:(b + 1) * per_batch]
        batch_id = str(uuid_module.UUID(int=chief.rng.getrandbits(128), version=4))
        document = {"protocol": protocol.PROTOCOL_VERSION, "device_id": chief.device_id, "batch_id": batch_id,
                    "records": records}
        raw = protocol.canonical_json(document)
        out.append({"batch_id": batch_id, "body": protocol.encode_body(document), "json_bytes": len(raw),
                    "expect": [(r["kind"], r["uuid"], r["version"], protocol.record_hash(r)) for r in records],
                    "kinds": [r["kind"] for r in records]})
    return out


# --- the load: Locust, in its own process (gevent patches everything it imports) ---------------

def load_main(work_file: Path, out_file: Path) -> None:
    import gevent
    from gevent.event import Event
    from locust import FastHttpUser, constant, task
    from locust.env import Environment
    from locust.exception import StopUser

    with work_file.open("rb") as f:
        work = pickle.load(f)
    devices, in_flight = work["devices"], work["in_flight"]
    results: list[tuple[Any, ...]] = []
    finished = [0]
    all_done = Event()

    def device_class(url: str, indices: list[int]) -> type:
        slots = iter(indices)

        class Device(FastHttpUser):
            host = url
            fixed_count = len(indices)
            wait_time = constant(0)
            network_timeout = 900.0
            connection_timeout = 60.0
            concurrency = in_flight
            max_retries = 0

            @task
            def sync(self) -> None:
                index = next(slots)
                device = devices[index]
                headers = {"Authorization": f"Bearer {device['token']}", "Content-Type": "application/json",
                           "Content-Encoding": "gzip", "Accept-Encoding": "gzip, deflate",
                           "User-Agent": "patrol-app-sync/1"}
                queue = list(enumerate(device["bodies"]))

                def pusher() -> None:
                    while queue:
                        j, body = queue.pop(0)
                        start = time.perf_counter()
                        with self.client.post("/v1/batches", data=body, headers=headers, catch_response=True,
                                              name="/v1/batches") as reply:
                            end = time.perf_counter()
                            status = reply.status_code
                            content = reply.content or b""
                            if status == 200:
                                reply.success()
                            else:
                                reply.failure(f"HTTP {status}: {content[:200]!r} {reply.error!r}")
                        results.append((index, j, start, end, status, content))

                gevent.joinall([gevent.spawn(pusher) for _ in range(in_flight)])
                finished[0] += 1
                if finished[0] == len(devices):
                    all_done.set()
                raise StopUser()

        Device.__name__ = f"Device{len(classes)}"
        return Device

    # Devices go round-robin to the office servers (as a load balancer in front of several would send them).
    classes: list[type] = []
    for n, url in enumerate(work["urls"]):
        classes.append(device_class(url, [i for i in range(len(devices)) if i % len(work["urls"]) == n]))

    env = Environment(user_classes=classes)
    runner = env.create_local_runner()
    usage0 = resource.getrusage(resource.RUSAGE_SELF)
    runner.start(len(devices), spawn_rate=len(devices) * 10)
    all_done.wait(timeout=work["timeout"])
    usage1 = resource.getrusage(resource.RUSAGE_SELF)
    stats = env.stats.get("/v1/batches", "POST")
    locust_stats = {"requests": stats.num_requests, "failures": stats.num_failures,
                    "p50_ms": stats.get_response_time_percentile(0.5),
                    "p95_ms": stats.get_response_time_percentile(0.95),
                    "p99_ms": stats.get_response_time_percentile(0.99)}
    runner.quit()
    cpu = (usage1.ru_utime - usage0.ru_utime) + (usage1.ru_stime - usage0.ru_stime)
    with out_file.open("wb") as f:
        pickle.dump({"results": results, "locust": locust_stats, "cpu": cpu, "timed_out": not all_done.is_set()}, f)


# --- one run ---------------------------------------------------------------------------------

def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = (len(ordered) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def enroll_all(url: str, codes: list[str]) -> list[tuple[str, str]]:
    from sync.client import OfficeClient

    def one(i: int) -> tuple[str, str]:
        device_id = str(uuid_module.uuid4())
        client = OfficeClient(url)
        return device_id, client.enroll(codes[i], device_id, f"示例河长 {i}")

    with ThreadPoolExecutor(8) as pool:
        return list(pool.map(one, range(len(codes))))


def upload_pool(url: str, token: str, folder: Path, seed: int) -> list[str]:
    """Upload copies the photo records point at, sent by tus through the real client."""
    from sync.client import OfficeClient

    rng = random.Random(seed)
    client = OfficeClient(url, token)
    shas = []
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(PHOTO_POOL):
        data = b"\xff\xd8\xff\xe0" + rng.randbytes(PHOTO_POOL_BYTES)
        sha = hashlib.sha256(data).hexdigest()
        path = folder / f"{n}.jpg"
        path.write_bytes(data)
        client.upload_photo(sha, path)
        shas.append(sha)
    assert not client.missing_photos(shas), "the office lost upload copies"
    return shas


def verify_reply(content: bytes, batch: dict[str, Any]) -> str | None:
    """None if the reply acknowledges every record of the batch as stored with our hash."""
    from sync.protocol import BatchReply

    try:
        reply = BatchReply.model_validate_json(content)
    except ValueError as exc:
        return f"not a BatchReply: {str(exc)[:200]}"
    if reply.batch_id != batch["batch_id"]:
        return "batch id not echoed"
    if len(reply.acks) != len(batch["expect"]):
        return f"{len(reply.acks)} acks for {len(batch['expect'])} records"
    for ack, (kind, uuid, version, digest) in zip(reply.acks, batch["expect"], strict=True):
        if (ack.kind, ack.uuid, ack.version) != (kind, uuid, version):
            return f"ack for another record {ack.kind} {ack.uuid}"
        if ack.status != "stored":
            return f"{kind} {uuid}: {ack.status} {ack.reason} {ack.missing_photos[:2]}"
        if ack.hash != digest:
            return f"{kind} {uuid}: hash differs"
    return None


def count_rows(url: str, exclude_device: str) -> dict[str, int]:
    import psycopg

    def one(sql: str, *params: Any) -> int:
        return int(conn.execute(sql, params).fetchone()[0])

    with psycopg.connect(_conninfo(url)) as conn:
        return {
            "records": one("SELECT count(*) FROM records WHERE device_id <> %s", exclude_device),
            "record_versions": one("SELECT count(*) FROM record_versions WHERE device_id <> %s", exclude_device),
            "record_versions_distinct": one("SELECT count(*) FROM (SELECT DISTINCT kind, uuid, version "
                                            "FROM record_versions WHERE device_id <> %s) d", exclude_device),
            "db_bytes": one("SELECT pg_database_size(current_database())"),
        }


VERSION_COLS = ("kind", "uuid", "version", "device_id", "hash", "document", "batch_id", "received_at")
RECORD_COLS = ("kind", "uuid", "version", "device_id", "created_at", "updated_at", "deleted", "data", "photos",
               "hash", "received_at")


def read_rows(url: str, exclude_device: str) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    import psycopg

    with psycopg.connect(_conninfo(url)) as conn:
        versions = conn.execute(f"SELECT {', '.join(VERSION_COLS)} FROM record_versions WHERE device_id <> %s "
                                "ORDER BY id", (exclude_device,)).fetchall()
        records = conn.execute(f"SELECT {', '.join(RECORD_COLS)} FROM records WHERE device_id <> %s "
                               "ORDER BY received_at, kind, uuid", (exclude_device,)).fetchall()
    return versions, records


def baseline(base: str, src: Path, data_dir: Path, name: str, how: str,
             versions: list[tuple[Any, ...]], records: list[tuple[Any, ...]]) -> float:
    """Seconds to insert the rows into a fresh database of the office's schema (one transaction)."""
    import psycopg

    url = create_database(base, name)
    try:
        prepare_office(src, url, data_dir, 0)
        with psycopg.connect(_conninfo(url)) as conn:
            start = time.perf_counter()
            with conn.cursor() as cur:
                tables = (("record_versions", VERSION_COLS, versions), ("records", RECORD_COLS, records))
                for table, cols, rows in tables:
                    if how == "executemany":
                        sql = f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join(['%s'] * len(cols))})"
                        cur.executemany(sql, rows)
                    else:
                        with cur.copy(f"COPY {table} ({', '.join(cols)}) FROM STDIN") as copy:
                            for row in rows:
                                copy.write_row(row)
            conn.commit()
            seconds = time.perf_counter() - start
            n = conn.execute("SELECT (SELECT count(*) FROM records), (SELECT count(*) FROM record_versions)").fetchone()
            assert n == (len(records), len(versions)), (n, len(records), len(versions))
        return seconds
    finally:
        drop_database(base, name)


class LockWatch:
    """Samples, twice a second, how many of the office's database sessions are running a statement and
    how many of those wait for a lock (and which): where the workers' time goes besides their own CPU."""

    def __init__(self, url: str) -> None:
        import threading

        self.url, self.samples = url, []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        import psycopg

        query = ("SELECT count(*) FILTER (WHERE state = 'active'), "
                 "count(*) FILTER (WHERE wait_event_type = 'Lock' AND wait_event = 'advisory'), "
                 "count(*) FILTER (WHERE wait_event_type = 'Lock' AND wait_event <> 'advisory') "
                 "FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()")
        with psycopg.connect(_conninfo(self.url), autocommit=True) as conn:
            while not self._stop.wait(0.5):
                self.samples.append(conn.execute(query).fetchone())

    def __enter__(self) -> LockWatch:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def summary(self) -> dict[str, float]:
        n = max(len(self.samples), 1)
        return {"samples": len(self.samples),
                "active_mean": sum(s[0] for s in self.samples) / n,
                "advisory_wait_mean": sum(s[1] for s in self.samples) / n,
                "other_lock_wait_mean": sum(s[2] for s in self.samples) / n,
                "advisory_wait_share": sum(1 for s in self.samples if s[1]) / n}


def office_cpu(servers: list[OfficeServer]) -> dict[str, float]:
    return {pid: cpu for server in servers for pid, cpu in server.cpu_seconds().items()}


def source_id(src: Path) -> str:
    """Which office ran: the tree's commit and a digest of its sync/ sources (dirty trees differ)."""
    digest = hashlib.sha256()
    for path in sorted((src / "sync").rglob("*.py")):
        digest.update(str(path.relative_to(src)).encode() + b"\0" + path.read_bytes())
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=src, capture_output=True, text=True).stdout
    return f"{head.strip() or 'no git'} sync/ sha256 {digest.hexdigest()[:12]}"


def one_run(args: argparse.Namespace, run: int, tmp: Path) -> dict[str, Any]:
    from sync.client import READ_TIMEOUT, OfficeClient
    from sync.protocol import Batch

    src = Path(args.office_src).resolve()
    tag = uuid_module.uuid4().hex[:8]
    name = f"ingest_bench_{tag}"
    url = create_database(args.pg, name)
    data_dir = tmp / f"office-{run}"
    # Several servers share the one database and the one data folder: stateless offices behind a balancer.
    servers = [OfficeServer(src, url, data_dir, args.workers, tmp / f"office-{run}-{n}.log")
               for n in range(args.servers)]
    try:
        t = time.perf_counter()
        codes = prepare_office(src, url, data_dir, args.devices + 1)
        for server in servers:
            server.start()
        enrolled = enroll_all(servers[0].url, codes)
        probe_id, probe_token = enrolled.pop()
        pool = upload_pool(servers[0].url, probe_token, tmp / f"pool-{run}", args.seed)
        setup_s = time.perf_counter() - t

        t = time.perf_counter()
        devices = []
        batches: list[list[dict[str, Any]]] = []
        for i, (device_id, token) in enumerate(enrolled):
            mine = build_batches(Chief(i, device_id, pool, args.seed + run), args.batches, args.records)
            batches.append(mine)
            devices.append({"token": token, "bodies": [b["body"] for b in mine]})
        build_s = time.perf_counter() - t
        n_records = sum(len(b["expect"]) for mine in batches for b in mine)
        json_bytes = sum(b["json_bytes"] for mine in batches for b in mine)
        gzip_bytes = sum(len(b["body"]) for mine in batches for b in mine)
        kinds: dict[str, int] = {}
        for mine in batches:
            for b in mine:
                for k in b["kinds"]:
                    kinds[k] = kinds.get(k, 0) + 1
        with_problems = sum(1 for mine in batches for b in mine if {"problem", "problem_event"} & set(b["kinds"]))

        # Warm-up and the unloaded latency: one more device pushes alone, through the real client, to each
        # server in turn (any server takes any device's batch: nothing is kept per server).
        probe = Chief(10_000, probe_id, pool, args.seed + run)
        clients = [OfficeClient(server.url, probe_token) for server in servers]
        probe_ms = []
        for n, pb in enumerate(build_batches(probe, args.probe, args.records)):
            document = json.loads(gzip.decompress(pb["body"]))
            start = time.perf_counter()
            reply = clients[n % len(clients)].push(Batch.model_validate(document))
            probe_ms.append((time.perf_counter() - start) * 1000)
            problem = verify_reply(reply.model_dump_json().encode(), pb)
            assert problem is None, problem

        work_file, out_file = tmp / f"work-{run}.pickle", tmp / f"out-{run}.pickle"
        with work_file.open("wb") as f:
            pickle.dump({"urls": [server.url for server in servers], "devices": devices, "in_flight": args.in_flight,
                         "timeout": args.timeout}, f)
        del devices
        office_cpu0, pg_cpu0, load0 = office_cpu(servers), postgres_cpu_seconds(), os.getloadavg()[0]
        with LockWatch(url) as locks:
            load = subprocess.run([sys.executable, str(Path(__file__).resolve()), "_load", str(work_file),
                                   str(out_file)], cwd=ROOT, capture_output=True, text=True,
                                  timeout=args.timeout + 120)
        office_cpu1, pg_cpu = office_cpu(servers), postgres_cpu_seconds() - pg_cpu0
        per_process = sorted((office_cpu1[pid] - office_cpu0.get(pid, 0.0) for pid in office_cpu1), reverse=True)
        office_cpu_s = sum(per_process)
        if load.returncode != 0:
            raise SystemExit(f"load generator failed:\n{load.stderr[-4000:]}")
        with out_file.open("rb") as f:
            out = pickle.load(f)
        results = out["results"]

        errors: dict[str, int] = {}
        for index, j, _start, _end, status, content in results:
            problem = f"HTTP {status}" if status != 200 else verify_reply(content, batches[index][j])
            if problem:
                errors[problem[:120]] = errors.get(problem[:120], 0) + 1
        ok = [r for r in results if r[4] == 200]
        wall = max(r[3] for r in results) - min(r[2] for r in results)
        latencies = [(r[3] - r[2]) * 1000 for r in results]
        counted = count_rows(url, probe_id)
        for server in servers:
            server.stop()

        versions, records = read_rows(url, probe_id)
        seconds = {how: baseline(args.pg, src, tmp / f"base-{how}-{run}", f"{name}_{how}", how, versions, records)
                   for how in ("executemany", "copy")}
        del versions, records
        rate = n_records / wall
        return {
            "run": run + 1, "devices": args.devices, "batches": len(results), "batches_expected": args.devices *
            args.batches, "records_sent": n_records, "kinds": kinds, "batches_with_problems": with_problems,
            "json_mb": json_bytes / 1e6, "gzip_mb": gzip_bytes / 1e6, "counted": counted, "errors": errors,
            "ok_batches": len(ok), "timed_out": out["timed_out"], "wall_s": wall, "records_per_s": rate,
            "p50_ms": percentile(latencies, 0.50), "p95_ms": percentile(latencies, 0.95),
            "p99_ms": percentile(latencies, 0.99), "max_ms": max(latencies), "locust": out["locust"],
            "probe_median_ms": statistics.median(probe_ms) if probe_ms else None,
            "office_cpu_s": office_cpu_s, "office_cpu_per_process_s": per_process, "postgres_cpu_s": pg_cpu,
            "over_client_timeout": sum(1 for ms in latencies if ms > READ_TIMEOUT * 1000),
            "loadavg_before": load0, "lock_waits": locks.summary(), "office_src": source_id(src),
            "loadgen_cpu_s": out["cpu"],
            "baseline_s": seconds, "baseline_rate": {k: n_records / v for k, v in seconds.items()},
            "ratio": {k: rate / (n_records / v) for k, v in seconds.items()},
            "setup_s": setup_s, "build_s": build_s,
        }
    finally:
        for server in servers:
            server.stop()
        if not args.keep:
            drop_database(args.pg, name)


def report(rows: list[dict[str, Any]], args: argparse.Namespace) -> None:
    first = rows[0]
    kinds = ", ".join(f"{k} {v:,}" for k, v in sorted(first["kinds"].items(), key=lambda kv: -kv[1]))
    print(f"\n{args.devices} devices × {args.batches} batches × {args.records} records, {args.in_flight} in flight per "
          f"device, {args.servers} office server(s) × {args.workers} worker(s); per run "
          f"{first['records_sent']:,} records ({kinds}); "
          f"{first['json_mb']:.1f} MB JSON, {first['gzip_mb']:.1f} MB gzip on the wire; "
          f"{first['batches_with_problems']} of {first['batches_expected']} batches carry problems")
    print("| run | stored (counted) | errors | wall | records/s | p50 | p95 | p99 | > 60 s | alone | office CPU "
          "(per worker) | postgres CPU | load CPU | executemany | COPY | ingest ÷ executemany | ingest ÷ COPY |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        c = r["counted"]
        workers = " + ".join(f"{v:.0f}" for v in r["office_cpu_per_process_s"] if v >= 0.5)
        print(f"| {r['run']} | {c['records']:,} / {c['record_versions']:,} | {sum(r['errors'].values())} | "
              f"{r['wall_s']:.1f} s | **{r['records_per_s']:,.0f}** | {r['p50_ms'] / 1000:.2f} s | "
              f"**{r['p95_ms'] / 1000:.2f} s** | {r['p99_ms'] / 1000:.2f} s | {r['over_client_timeout']} | "
              f"{r['probe_median_ms']:.0f} ms | {r['office_cpu_s']:.0f} s ({workers}) | {r['postgres_cpu_s']:.0f} s | "
              f"{r['loadgen_cpu_s']:.0f} s | {r['baseline_rate']['executemany']:,.0f}/s | "
              f"{r['baseline_rate']['copy']:,.0f}/s | **{r['ratio']['executemany']:.3f}** | "
              f"**{r['ratio']['copy']:.3f}** |")
    print("(stored = rows counted in `records` / `record_versions`; > 60 s = batches answered after the client's "
          "READ_TIMEOUT; alone = median batch latency of one device pushing alone before the load; load average "
          "before each run: " + ", ".join(f"{r['loadavg_before']:.2f}" for r in rows)
          + f"; office {rows[0]['office_src']})")
    for r in rows:
        w = r["lock_waits"]
        print(f"run {r['run']}: office sessions running a statement {w['active_mean']:.2f} on average, of which "
              f"waiting for the feed's advisory lock {w['advisory_wait_mean']:.2f} (in "
              f"{w['advisory_wait_share']:.0%} of {w['samples']} samples), for other locks "
              f"{w['other_lock_wait_mean']:.2f}")
    for r in rows:
        if r["errors"]:
            print(f"run {r['run']} errors: {r['errors']}")
        if r["timed_out"]:
            print(f"run {r['run']}: the load did not finish within {args.timeout} s")
    if len(rows) > 1:
        def spread(key: str, sub: str | None = None, fmt: str = ",.0f") -> str:
            vals = [r[key][sub] if sub else r[key] for r in rows]
            return f"{min(vals):{fmt}}–{max(vals):{fmt}} (median {statistics.median(vals):{fmt}})"
        print(f"spread over {len(rows)} runs: records/s {spread('records_per_s')}, p95 ms {spread('p95_ms')}, "
              f"ingest ÷ executemany {spread('ratio', 'executemany', '.3f')}, "
              f"ingest ÷ COPY {spread('ratio', 'copy', '.3f')}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--devices", type=int, default=200)
    parser.add_argument("--batches", type=int, default=3, help="batches per device")
    parser.add_argument("--records", type=int, default=50, help="records per batch (the client sends ≤ 400)")
    parser.add_argument("--workers", type=int, default=2, help="worker processes of each office server")
    parser.add_argument("--servers", type=int, default=1,
                        help="office servers sharing the database and data folder, devices spread round-robin")
    parser.add_argument("--in-flight", type=int, default=2, help="batches a device has unanswered (client: 2)")
    parser.add_argument("--probe", type=int, default=5, help="batches one extra device sends alone first")
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--timeout", type=float, default=900, help="seconds the load may take")
    parser.add_argument("--pg", default=os.environ.get("PATROL_TEST_PG") or DEFAULT_PG,
                        help="URL of a PostgreSQL role that may create databases")
    parser.add_argument("--office-src", default=str(ROOT), help="source tree the office runs from")
    parser.add_argument("--json-out", help="also write the figures as JSON here")
    parser.add_argument("--keep", action="store_true", help="keep the ingest databases")
    args = parser.parse_args()
    if not 1 <= args.records <= 500:
        parser.error("--records must be 1–500 (the office refuses bigger batches)")
    check_columns()
    ensure_cluster(args.pg)
    rows = []
    with tempfile.TemporaryDirectory(prefix="office-ingest-") as tmp:
        for run in range(args.runs):
            row = one_run(args, run, Path(tmp))
            rows.append(row)
            c = row["counted"]
            print(f"run {run + 1}: {c['records']:,} records stored ({c['record_versions']:,} versions) of "
                  f"{row['records_sent']:,} sent in {row['wall_s']:.1f} s = {row['records_per_s']:,.0f} records/s; "
                  f"batch p50 {row['p50_ms']:.0f} ms p95 {row['p95_ms']:.0f} ms p99 {row['p99_ms']:.0f} ms; "
                  f"errors {sum(row['errors'].values())}; "
                  f"baseline executemany {row['baseline_s']['executemany']:.2f} s, "
                  f"COPY {row['baseline_s']['copy']:.2f} s; ratios {row['ratio']['executemany']:.3f} / "
                  f"{row['ratio']['copy']:.3f}", flush=True)
    report(rows, args)
    if args.json_out:
        Path(args.json_out).write_text(json.dumps({"args": vars(args), "runs": rows}, indent=1, ensure_ascii=False))
    bad = [r for r in rows if r["errors"] or r["timed_out"] or r["counted"]["records"] != r["records_sent"]
           or r["counted"]["record_versions"] != r["records_sent"]]
    if bad:
        print("FAILED: some batches were not stored in full (see above)")
        sys.exit(1)


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "_load":
        load_main(Path(sys.argv[2]), Path(sys.argv[3]))
    else:
        main()
