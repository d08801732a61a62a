"""A real device (the `patrol-app` CLI on a demo data folder) against the real office over HTTP,
directly and through a fault-injecting proxy. After every scenario the two exports agree record for
record and photo for photo, and nothing the office did not acknowledge is marked sent."""

from __future__ import annotations

import contextlib
import filecmp
import json
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from patrol_app.domain.enums import Role
from patrol_app.store import open_store
from tests.conftest import run_cli
from tests.sync.faultproxy import FaultProxy

ENV = {"PATROL_APP_NO_KEYRING": "1"}


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("demo") / "app"
    done = run_cli("--data-dir", str(folder), "demo", env=ENV, timeout=300)
    assert done.returncode == 0, done.stderr
    return folder


@pytest.fixture
def device(tmp_path: Path, demo_template: Path) -> Path:
    folder = tmp_path / "app"
    shutil.copytree(demo_template, folder)
    return folder


def app(device: Path, *args: str, timeout: float = 300):
    return run_cli("--data-dir", str(device), *args, env=ENV, timeout=timeout)


def enroll(device: Path, office, server: str | None = None) -> None:
    done = app(device, "enroll", "--server", server or office.url, "--code", office.enroll_code())
    assert done.returncode == 0, done.stderr


def pending(device: Path) -> int:
    """The outbox's waiting entries, read from the file: `info` leaves the liaison profile's covert
    inspections out while a chief's profile is current, the upload sends them all the same."""
    import sqlite3

    from patrol_app.store.database import database_path

    with contextlib.closing(sqlite3.connect(database_path(device))) as conn:
        return conn.execute("SELECT count(*) FROM outbox WHERE state = 'pending'").fetchone()[0]


@contextlib.contextmanager
def liaison_current(device: Path) -> Iterator[None]:
    """The device's liaison profile made current for a while (the demo opens as a village chief)."""
    with open_store(device) as store:
        before = store.profiles.current()
        store.profiles.make_current(next(p.uuid for p in store.profiles.all() if p.role is Role.LIAISON_INSPECTOR))
    try:
        yield
    finally:
        with open_store(device) as store:
            store.profiles.make_current(before.uuid)


def assert_exports_agree(device: Path, office, tmp_path: Path) -> None:
    mine, theirs = tmp_path / "export-device", tmp_path / "export-office"
    for path in (mine, theirs):
        shutil.rmtree(path, ignore_errors=True)
    with liaison_current(device):  # the demo's covert inspections are exported only from its liaison profile
        done = app(device, "export", "json", str(mine))
    assert done.returncode == 0, done.stdout + done.stderr
    assert (mine / "covert_inspection.jsonl").exists()
    done = office.cli("export", "json", str(theirs))
    assert done.returncode == 0, done.stderr
    compared = filecmp.dircmp(mine, theirs)
    assert not compared.left_only and not compared.right_only, (compared.left_only, compared.right_only)
    names = sorted(p.name for p in mine.glob("*.jsonl"))
    assert names and [n for n in names if (mine / n).read_bytes() != (theirs / n).read_bytes()] == []
    photos = filecmp.dircmp(mine / "photos", theirs / "photos")
    assert not photos.left_only and not photos.right_only and not photos.diff_files
    for name in names:  # one line per record: nothing twice
        uuids = [json.loads(line)["uuid"] for line in (mine / name).read_text().splitlines()]
        assert len(uuids) == len(set(uuids))


def test_first_sync_sends_everything_once_and_the_exports_agree(device: Path, office, tmp_path: Path) -> None:
    enroll(device, office)
    before = pending(device)
    assert before > 1000
    done = app(device, "sync", "--json")
    assert done.returncode == 0, done.stdout + done.stderr
    report = json.loads(done.stdout)
    assert report["complete"] and report["sent"] == before and report["pending"] == 0
    # The demo's 16 patrol photos and its maintenance crew's before/after pairs (issue 16), each upload copy once.
    from patrol_app.store.database import database_path
    with contextlib.closing(sqlite3.connect(database_path(device))) as conn:
        uploads = conn.execute("SELECT count(DISTINCT upload_sha256) FROM photos").fetchone()[0]
    assert uploads > 16 and report["photos_sent"] == uploads and report["last_success_at"]
    assert pending(device) == 0
    assert_exports_agree(device, office, tmp_path)
    again = json.loads(app(device, "sync", "--json").stdout)
    assert again["complete"] and again["sent"] == 0 and again["photos_sent"] == 0
    info = json.loads(app(device, "info", "--json").stdout)
    assert info["last_sync_success"] == report["last_success_at"]


def test_without_enrolment_sync_says_what_to_do(device: Path) -> None:
    done = app(device, "sync")
    assert done.returncode == 1
    assert "enroll" in done.stdout and "注册" in done.stdout
    assert pending(device) > 1000


@pytest.mark.parametrize("action, match", [
    ("drop_request", b"POST /v1/batches"),
    ("drop_reply", b"POST /v1/batches"),  # the office committed; the device never heard
    # The demo's upload copies (~190 KB) travel whole in the tus creation POST (creation-with-upload);
    # a POST cut at 40 KB is resumed by a PATCH from where the office stands.
    ("drop_reply", b"POST /v1/photos/uploads HTTP"),
    ("cut_after", b"POST /v1/photos/uploads HTTP"),
    ("drop_request", b"POST /v1/photos/missing"),
])
def test_a_fault_now_and_then_is_retried_to_the_same_result(device: Path, sqlite_office, tmp_path: Path,
                                                           action: str, match: bytes) -> None:
    proxy = FaultProxy(sqlite_office.port)
    try:
        enroll(device, sqlite_office, proxy.url)
        proxy.add(action, match, times=2, after_bytes=40_000)
        done = app(device, "sync", "--json")
        assert done.returncode == 0, done.stdout + done.stderr
        assert all(rule.fired == rule.times for rule in proxy.rules), "the fault never happened"
        assert pending(device) == 0
        assert_exports_agree(device, sqlite_office, tmp_path)
    finally:
        proxy.close()


@pytest.mark.parametrize("action, match", [
    ("drop_request", b"POST /v1/batches"),
    ("drop_reply", b"POST /v1/batches"),
    ("cut_after", b" /v1/photos/uploads"),  # every photo request: the creation POST and the resuming PATCH
])
def test_a_lasting_fault_fails_the_sync_and_marks_nothing_the_office_did_not_acknowledge(
        device: Path, sqlite_office, tmp_path: Path, action: str, match: bytes) -> None:
    proxy = FaultProxy(sqlite_office.port)
    try:
        enroll(device, sqlite_office, proxy.url)
        proxy.add(action, match, times=10_000, after_bytes=40_000)
        before = pending(device)
        done = app(device, "sync", "--json")
        assert done.returncode == 1, done.stdout
        report = json.loads(done.stdout)
        assert report["error"]["zh"] and report["error"]["en"] and not report["complete"]
        assert pending(device) == before - report["sent"]
        proxy.clear()
        done = app(device, "sync", "--json")
        assert done.returncode == 0, done.stdout + done.stderr
        assert_exports_agree(device, sqlite_office, tmp_path)
    finally:
        proxy.close()


def test_a_captive_portal_is_never_taken_for_the_office(device: Path, sqlite_office, tmp_path: Path) -> None:
    proxy = FaultProxy(sqlite_office.port)
    try:
        enroll(device, sqlite_office, proxy.url)
        before = pending(device)
        proxy.add("portal", b"", times=10_000)  # the login page answers everything with 200 OK
        done = app(device, "sync", "--json")
        assert done.returncode == 1
        report = json.loads(done.stdout)
        assert report["error"]["code"] == "not_the_office" and report["sent"] == 0
        assert "Wi-Fi" in report["error"]["zh"] + report["error"]["en"]
        assert pending(device) == before
        assert json.loads(app(device, "info", "--json").stdout)["last_sync_success"] is None
        text = app(device, "sync")
        assert text.returncode == 1 and "登录" in text.stdout
        # The portal also answers the batch itself (after a real hello): still nothing marked.
        proxy.clear()
        proxy.add("portal", b"POST /v1/batches", times=10_000)
        done = app(device, "sync", "--json")
        assert done.returncode == 1 and json.loads(done.stdout)["sent"] == 0
        assert pending(device) == before
        proxy.clear()
        assert app(device, "sync").returncode == 0
        assert_exports_agree(device, sqlite_office, tmp_path)
    finally:
        proxy.close()


def test_a_rejected_record_is_reported_and_does_not_hold_up_the_rest(device: Path, sqlite_office,
                                                                      tmp_path: Path) -> None:
    enroll(device, sqlite_office)
    assert app(device, "sync").returncode == 0
    # A bug elsewhere changed a sent record without a new version: the office must refuse that
    # version (it already holds other content under it), and every other change still goes up.
    with sqlite3.connect(device / "patrol.db") as conn:
        changed, version = conn.execute("SELECT uuid, version FROM patrols ORDER BY uuid LIMIT 1").fetchone()
        conn.execute("UPDATE patrols SET notes = 'changed behind the outbox' WHERE uuid = ?", (changed,))
        conn.execute("UPDATE outbox SET state = 'pending' WHERE record_uuid = ?", (changed,))
        other = conn.execute("SELECT uuid FROM patrols ORDER BY uuid LIMIT 1 OFFSET 1").fetchone()[0]
        conn.execute("UPDATE patrols SET notes = 'a real edit', version = version + 1 WHERE uuid = ?", (other,))
        conn.execute("INSERT INTO outbox (kind, record_uuid, version, op, enqueued_at) SELECT 'patrol', uuid, "
                     "version, 'upsert', '2026-12-01T00:00:00.000Z' FROM patrols WHERE uuid = ?", (other,))
    done = app(device, "sync", "--json")
    assert done.returncode == 1
    report = json.loads(done.stdout)
    assert report["sent"] == 1 and report["pending"] == 0
    assert [(r["uuid"], r["reason"]["code"]) for r in report["rejected"]] == [(changed, "version_conflict")]
    text = app(device, "sync")
    assert text.returncode == 0  # the rejection was reported once; nothing is pending now
    exported = tmp_path / "office"
    sqlite_office.cli("export", "json", str(exported))
    rows = {json.loads(line)["uuid"]: json.loads(line) for line in (exported / "patrol.jsonl").read_text().splitlines()}
    assert rows[other]["data"]["notes"] == "a real edit"
    assert rows[changed]["version"] == version and rows[changed]["data"]["notes"] != "changed behind the outbox"
