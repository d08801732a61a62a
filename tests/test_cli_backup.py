"""`patrol-app backup OUT`, `restore FILE` and `import json DIR` (DESIGN.md §8), run as real processes."""

from __future__ import annotations

import contextlib
import filecmp
import json
import shutil
import sqlite3
import threading
from pathlib import Path

import pytest

from patrol_app.paths import database_path
from patrol_app.store import Store, backup, open_store, records
from tests.conftest import run_cli, snapshot


@pytest.fixture
def data(tmp_path: Path, demo_template: Path) -> Path:
    folder = tmp_path / "数据 data"
    shutil.copytree(demo_template, folder, ignore=shutil.ignore_patterns(".import.lock"))
    return folder


def cli(data: Path, *args: str):  # noqa: ANN201
    return run_cli("--data-dir", str(data), *args)


def dump(path: Path) -> list[str]:
    with sqlite3.connect(path) as conn:
        lines = list(conn.iterdump())
    conn.close()
    return lines


def test_backup_to_a_file_or_a_folder(data: Path, tmp_path: Path) -> None:
    out = tmp_path / "U盘 usb"
    out.mkdir()
    done = cli(data, "backup", str(out), "--json")
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)
    assert {"path", "bytes", "sha256", "schema_version", "integrity", "made_at"} <= document.keys()
    made = Path(document["path"])
    assert made.parent == out and made.name.startswith("patrol-manual-") and ":" not in made.name
    assert document["bytes"] == made.stat().st_size and document["sha256"] == backup.sha256_of(made)
    assert document["integrity"] == "ok" and document["schema_version"] == len(backup.schema.known_migrations())

    named = out / "周一.db"
    text = cli(data, "backup", str(named))
    assert text.returncode == 0 and "已备份" in text.stdout and str(named) in text.stdout
    again = cli(data, "backup", str(named))  # an earlier backup under the same name is replaced whole
    assert again.returncode == 0 and backup.sha256_of(named) == document["sha256"]
    fresh = cli(data, "backup", str(tmp_path / "new folder") + "/")  # a trailing separator: a folder to make
    assert fresh.returncode == 0 and len(list((tmp_path / "new folder").glob("patrol-manual-*.db"))) == 1


@pytest.mark.parametrize("case", ["the database", "a document", "no such folder", "no data"])
def test_backup_refuses_what_it_must_not_overwrite(data: Path, tmp_path: Path, case: str) -> None:
    document = tmp_path / "报告.docx"
    document.write_bytes(b"PK\x03\x04 not a database")
    target = {"the database": database_path(data), "a document": document,
              "no such folder": tmp_path / "nowhere" / "x.db", "no data": tmp_path / "x.db"}[case]
    folder = tmp_path / "empty" if case == "no data" else data
    before = snapshot(tmp_path)
    done = cli(folder, "backup", str(target), "--json")
    assert done.returncode == 1 and json.loads(done.stdout)["error"] in ("BackupRefused", "NoDatabase")
    assert done.stderr.strip()
    assert snapshot(tmp_path) == before


def test_usage_errors_exit_2(data: Path) -> None:
    assert cli(data, "backup").returncode == 2
    assert cli(data, "import", "csv", "x").returncode == 2
    assert cli(data, "restore").returncode == 2


def test_a_backup_made_while_another_thread_writes_restores_to_a_database_check_accepts(
        data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A writer saves patrols (each with its outbox entry, one transaction each) throughout the copy: the
    copy waits at its first step until the writer has committed more, so the writes provably happen
    while it is being made. The backup is one moment of the database; restored, `check` accepts it."""
    monkeypatch.setattr(backup, "PAGES_PER_STEP", 16)  # many steps, so there is a "while"
    with open_store(data) as store:
        reach = store.registry.reaches()[0].code
    stop = threading.Event()
    written = {"n": 0}
    progressed = threading.Condition()
    failures: list[BaseException] = []

    def writer() -> None:
        try:
            with Store.connect(data) as store:
                while not stop.is_set():
                    records.save(store, records.PATROL, {
                        "reach_code": reach, "patroller_name": "并发写入", "started_at": "2025-06-01T01:00:00.000Z",
                        "ended_at": "2025-06-01T01:40:00.000Z", "duration_s": 2400, "distance_m": 1500})
                    with progressed:
                        written["n"] += 1
                        progressed.notify_all()
        except BaseException as exc:  # noqa: BLE001 - reported by the test
            failures.append(exc)
            with progressed:
                progressed.notify_all()

    def wait_for(n: int) -> None:
        with progressed:
            assert progressed.wait_for(lambda: written["n"] >= n or failures, timeout=60)
        assert not failures, failures

    thread = threading.Thread(target=writer)
    thread.start()
    seen: dict[str, int] = {}
    try:
        wait_for(20)

        def at_step(done: int, total: int, _what: str) -> None:
            if "start" not in seen:
                seen["start"] = written["n"]
                wait_for(seen["start"] + 25)  # the writer commits while the copy is under way

        with Store.connect(data) as reader:
            result = backup.write_backup(reader.conn, tmp_path / "during.db", progress=at_step)
        seen["end"] = written["n"]
    finally:
        stop.set()
        thread.join(60)
    assert not failures, failures
    assert seen["end"] >= seen["start"] + 25
    with contextlib.closing(sqlite3.connect(result.path)) as conn:
        copied = conn.execute("SELECT count(*) FROM patrols WHERE patroller_name = '并发写入'").fetchone()[0]
    assert copied <= seen["start"] + 1  # one moment: as the copy began (a commit may land as it starts)

    done = cli(data, "restore", str(result.path), "--json")
    assert done.returncode == 0, done.stdout + done.stderr
    document = json.loads(done.stdout)
    assert document["previous_backup"]["kind"] == "pre-restore" and document["photos"]["missing"] == 0
    check = cli(data, "check", "--json")
    assert check.returncode == 0, check.stdout
    with contextlib.closing(sqlite3.connect(database_path(data))) as conn:
        assert conn.execute("SELECT count(*) FROM patrols WHERE patroller_name = '并发写入'").fetchone()[0] == copied
    # The CLI's own backup beside the same writer gives a database check accepts as well.
    stop.clear()
    thread = threading.Thread(target=writer)
    thread.start()
    try:
        wait_for(written["n"] + 10)
        during = cli(data, "backup", str(tmp_path / "cli-during.db"))
    finally:
        stop.set()
        thread.join(60)
    assert not failures, failures
    assert during.returncode == 0, during.stderr
    restored = cli(data, "restore", str(tmp_path / "cli-during.db"))
    assert restored.returncode == 0, restored.stderr
    assert cli(data, "check").returncode == 0


def test_restore_refuses_a_backup_from_a_newer_version(data: Path, tmp_path: Path) -> None:
    made = json.loads(cli(data, "backup", str(tmp_path / "b.db"), "--json").stdout)
    with sqlite3.connect(made["path"]) as conn:
        conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                     "VALUES ('patrol_app', '0099_from_the_future', '2030-01-01')")
    conn.close()
    before = snapshot(data)
    done = cli(data, "restore", made["path"], "--json")
    assert done.returncode == 1
    assert json.loads(done.stdout)["error"] == "BackupFromNewerVersion"
    assert "更新版本" in done.stderr and "newer River Patrol" in done.stderr and "没有改动任何数据" in done.stderr
    assert snapshot(data) == before


def test_restore_on_a_new_laptop_says_which_photos_to_copy(data: Path, tmp_path: Path) -> None:
    made = json.loads(cli(data, "backup", str(tmp_path / "b.db"), "--json").stdout)
    laptop = tmp_path / "新电脑"
    done = cli(laptop, "restore", made["path"], "--json")
    assert done.returncode == 1  # the database is restored, the library is not there yet
    document = json.loads(done.stdout)
    photos = document["photos"]
    assert photos["referenced"] == photos["missing"] > 0 and photos["missing_files"] == 2 * photos["missing"]
    assert document["previous_backup"] is None and "photos" in done.stderr and "uploads" in done.stderr
    for folder in ("photos", "uploads"):
        shutil.copytree(data / folder, laptop / folder)
    assert cli(laptop, "check").returncode == 0
    assert dump(database_path(laptop)) == dump(Path(made["path"]))


def test_import_json_round_trip_into_an_empty_folder(data: Path, tmp_path: Path) -> None:
    first, second = tmp_path / "export-1", tmp_path / "export-2"
    assert cli(data, "export", "json", str(first)).returncode == 0
    laptop = tmp_path / "新电脑"
    done = cli(laptop, "import", "json", str(first), "--json")
    assert done.returncode == 0, done.stdout + done.stderr
    report = json.loads(done.stdout)
    with open_store(data) as store:
        device = store.device_id
    exported = [json.loads(line) for path in first.glob("*.jsonl") for line in path.read_text().splitlines()]
    # The device's own records are queued again (a track no patrol uses never is); others' never.
    own = [r for r in exported if r["device_id"] == device
           and not (r["kind"] == "track" and r["data"]["patrol_uuid"] is None and not r["deleted"])]
    assert report["took_over_device"] and report["device_id"] == device
    assert report["queued"] == len(own) > 1000 and report["photos"]["copied"] > 0
    with sqlite3.connect(database_path(laptop)) as conn:
        queued = set(conn.execute("SELECT kind, record_uuid, version FROM outbox WHERE state = 'pending'"))
    conn.close()
    assert queued == {(r["kind"], r["uuid"], r["version"]) for r in own}

    assert cli(laptop, "export", "json", str(second)).returncode == 0
    compared = filecmp.dircmp(first, second)
    assert not compared.left_only and not compared.right_only and not compared.diff_files
    names = sorted(p.name for p in first.glob("*.jsonl"))
    assert names and all((first / n).read_bytes() == (second / n).read_bytes() for n in names)
    photos = filecmp.dircmp(first / "photos", second / "photos")
    assert not photos.left_only and not photos.right_only and not photos.diff_files

    before = dump(database_path(laptop))
    again = cli(laptop, "import", "json", str(first), "--json")
    assert again.returncode == 0
    assert json.loads(again.stdout)["queued"] == 0
    assert dump(database_path(laptop)) == before  # importing twice gives the same database
    problems = json.loads(cli(laptop, "check", "--json").stdout)["problems"]
    assert problems and all("original missing" in p for p in problems)  # only what an export cannot carry


def test_import_json_refuses_another_devices_folder_and_a_bad_export(data: Path, tmp_path: Path) -> None:
    exported = tmp_path / "export"
    assert cli(data, "export", "json", str(exported)).returncode == 0
    other = tmp_path / "other"
    with open_store(other) as store:
        reach = store.registry.reaches()[0].code
        records.save(store, records.PATROL, {"reach_code": reach, "patroller_name": "别人",
                                             "started_at": "2025-06-01T01:00:00.000Z",
                                             "ended_at": "2025-06-01T01:30:00.000Z", "duration_s": 1800,
                                             "distance_m": 1200})
    before = snapshot(other)
    done = cli(other, "import", "json", str(exported), "--json")
    assert done.returncode == 1 and json.loads(done.stdout)["error"] == "OtherDevicesData"
    assert "另一台设备" in done.stderr
    assert {k: v for k, v in snapshot(other).items() if k != ".import.lock"} == before

    broken = tmp_path / "broken"
    shutil.copytree(exported, broken)
    with (broken / "patrol.jsonl").open("a", encoding="utf-8") as f:
        f.write('{"kind": "patrol", "uuid": "not a uuid"}\n')
    laptop = tmp_path / "laptop"
    done = cli(laptop, "import", "json", str(broken), "--json")
    assert done.returncode == 1 and json.loads(done.stdout)["error"] == "ExportUnreadable"
    assert "patrol.jsonl:" in done.stderr
    with open_store(laptop) as store:  # nothing was written
        assert store.scalar("SELECT count(*) FROM patrols") == 0
