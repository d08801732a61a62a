"""Two devices and two server workers at once (on SQLite and PostgreSQL): nothing lost or doubled.

Also the same batch posted by several connections at the same moment (a retry racing the original
on two workers): the database's unique constraints store it once.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading

import requests

from sync import protocol
from tests.conftest import ROOT, run_cli
from tests.sync.test_office_api import batch, enrolled, record
from tests.sync.test_sync_e2e import ENV, app, enroll, pending


def test_the_same_batch_at_once_on_two_workers_is_stored_once(office) -> None:
    office.stop()
    office.start(workers=2)
    token = enrolled(office)
    body = protocol.encode_body(batch([record(n) for n in range(1, 201)]))
    replies: list[dict] = []
    barrier = threading.Barrier(6)

    def send() -> None:
        session = requests.Session()  # each its own connection: spread over both workers
        barrier.wait()
        reply = session.post(office.url + "/v1/batches", data=body, timeout=120, headers={
            "Authorization": f"Bearer {token}", "Content-Encoding": "gzip"})
        replies.append(reply.json())

    threads = [threading.Thread(target=send) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(replies) == 6
    stored = sum(a["status"] == "stored" for r in replies for a in r["acks"])
    duplicate = sum(a["status"] == "duplicate" for r in replies for a in r["acks"])
    assert stored == 200 and duplicate == 5 * 200
    exported = office.data_dir.parent / "export"
    assert office.cli("export", "json", str(exported)).returncode == 0
    assert len((exported / "patrol.jsonl").read_text().splitlines()) == 200


def test_two_devices_syncing_at_once_to_two_workers(office, tmp_path) -> None:
    office.stop()
    office.start(workers=2)
    devices = []
    for seed in (1, 2):
        folder = tmp_path / f"device-{seed}"
        done = run_cli("--data-dir", str(folder), "demo", "--seed", str(seed), env=ENV, timeout=300)
        assert done.returncode == 0, done.stderr
        enroll(folder, office)
        devices.append(folder)
    env = {**os.environ, "PYTHONPATH": str(ROOT), **ENV}
    children = [subprocess.Popen([sys.executable, "-m", "patrol_app", "--data-dir", str(d), "sync", "--json"],
                                 env=env, stdout=subprocess.PIPE, text=True) for d in devices]
    outputs = [child.communicate(timeout=600)[0] for child in children]
    assert [c.returncode for c in children] == [0, 0], outputs
    assert all(json.loads(o)["complete"] for o in outputs)
    # The office's export is the union of what the devices made, line for line. Each device's export also
    # holds what it received (both demo laptops declare the same demo people, so the 交办 one makes of its
    # own problems reaches the other): those lines are the office's, verbatim.
    office_out = tmp_path / "office-export"
    assert office.cli("export", "json", str(office_out)).returncode == 0
    union: dict[str, list[str]] = {}
    for d in devices:
        out = tmp_path / f"export-{d.name}"
        assert app(d, "export", "json", str(out)).returncode == 0
        own = json.loads(app(d, "info", "--json").stdout)["device_id"]
        for f in out.glob("*.jsonl"):
            lines = f.read_text().splitlines()
            union.setdefault(f.name, []).extend(line for line in lines if json.loads(line)["device_id"] == own)
            received = [line for line in lines if json.loads(line)["device_id"] != own]
            assert set(received) <= set((office_out / f.name).read_text().splitlines()), f.name
        for photo in (out / "photos").iterdir():
            assert (office_out / "photos" / photo.name).read_bytes() == photo.read_bytes()
        assert pending(d) == 0
    for name, lines in union.items():
        theirs = (office_out / name).read_text().splitlines()
        assert sorted(lines, key=lambda line: json.loads(line)["uuid"]) == theirs, name
    shutil.rmtree(office_out)
