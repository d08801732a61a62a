"""The command-line contract (DESIGN.md §8), run as real processes."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from patrol_app.paths import database_path
from tests.conftest import run_cli, snapshot


def test_demo_info_check_round_trip(tmp_path: Path) -> None:
    data = tmp_path / "数据 目录"  # Chinese and a space in the path
    done = run_cli("--data-dir", str(data), "demo", "--json")
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)
    assert summary["patrols"] > 500 and summary["profiles"] == 5 and summary["size"] == "small"  # a crew's too
    assert summary["photos"] >= 12

    info = run_cli("info", "--json", "--data-dir", str(data))  # --data-dir after the sub-command too
    assert info.returncode == 0, info.stderr
    document = json.loads(info.stdout)
    assert document["data_dir"] == str(data)
    assert document["schema_version"] >= 2
    assert document["counts"]["patrols"] == summary["patrols"]
    photos, problems = summary["photos"], summary["problems"]
    assert problems >= 30
    with sqlite3.connect(database_path(data)) as conn:  # what should wait for upload, counted independently
        events = conn.execute("SELECT count(*) FROM problem_events").fetchone()[0]
        links = conn.execute("SELECT count(*) FROM photo_links").fetchone()[0]
        tracks = conn.execute("SELECT count(*) FROM tracks").fetchone()[0]
        # Photos without GPS placed on a patrol's track are new versions: still one outbox entry each.
        placed = conn.execute("SELECT count(*) FROM photos WHERE position_source = 'track'").fetchone()[0]
    from patrol_app.store import open_store

    with open_store(data) as store:  # the demo crew's photos are in its logs' pairs, not linked (issue 16)
        crew_photos = {uuid for log in store.maintenance.logs() for uuid in log.photos}
    assert events > problems and links > photos - len(crew_photos)  # demo photos are evidence of problems too
    assert tracks > 0 and placed > 0
    # The liaison profile's submitted inspections wait like any record, but the chief's profile (current
    # after the demo) is not told of them (issue 15): counted independently in the outbox instead.
    inspections = summary["covert_inspections"]
    with sqlite3.connect(database_path(data)) as conn:
        waiting = conn.execute("SELECT count(*) FROM outbox WHERE state = 'pending' AND kind = 'covert_inspection'"
                               ).fetchone()[0]
    assert inspections > 0 and waiting == inspections
    logs = summary["maintenance_logs"]  # the demo crew's (issue 16): they wait like any record
    assert logs > 20
    assert document["pending_sync"] == {
        "total": summary["patrols"] + tracks + photos + links + problems + events + logs,
        "by_kind": {"patrol": summary["patrols"], "track": tracks, "photo": photos, "photo_link": links,
                    "problem": problems, "problem_event": events, "maintenance_log": logs},
    }
    assert document["counts"]["problems"] == problems and document["counts"]["problem_events"] == events
    assert document["photos"]["count"] == photos
    assert document["last_sync_success"] is None
    with sqlite3.connect(database_path(data)) as conn:  # independent count, not our own code
        assert conn.execute("SELECT count(*) FROM patrols").fetchone()[0] == summary["patrols"]
        pending = conn.execute("SELECT count(*) FROM outbox WHERE state='pending' AND kind='patrol'").fetchone()[0]
        assert pending == summary["patrols"]

    text = run_cli("--data-dir", str(data), "info")
    assert text.returncode == 0 and "待上传" in text.stdout and str(data) in text.stdout

    check = run_cli("--data-dir", str(data), "check", "--json")
    assert check.returncode == 0 and json.loads(check.stdout) == {
        "data_dir": str(data),
        "ok": True,
        "problems": [],
        "notices": [],
    }


def test_demo_refuses_a_used_data_dir(tmp_path: Path) -> None:
    assert run_cli("--data-dir", str(tmp_path), "demo").returncode == 0
    before = snapshot(tmp_path)
    again = run_cli("--data-dir", str(tmp_path), "demo", "--json")
    assert again.returncode == 1
    assert json.loads(again.stdout)["error"] == "DataDirNotEmpty"
    assert "空文件夹" in again.stderr
    after = snapshot(tmp_path)
    assert after["patrol.db"] == before["patrol.db"]


def test_environment_variable_chooses_the_data_dir(tmp_path: Path) -> None:
    done = run_cli("demo", env={"PATROL_APP_DATA": str(tmp_path / "env")})
    assert done.returncode == 0 and database_path(tmp_path / "env").exists()


@pytest.mark.parametrize("args", [["frobnicate"], ["demo", "--size", "huge"], ["info", "--bogus"]])
def test_bad_usage_exits_2(tmp_path: Path, args: list[str]) -> None:
    assert run_cli("--data-dir", str(tmp_path), *args).returncode == 2


def test_info_and_check_on_a_folder_without_data_change_nothing(tmp_path: Path) -> None:
    for command in ("info", "check"):
        done = run_cli("--data-dir", str(tmp_path / "nothing"), command, "--json")
        assert done.returncode == 1
        assert json.loads(done.stdout)["error"] == "NoDatabase"
    assert not (tmp_path / "nothing").exists()


def test_not_a_database_exits_1_with_a_clear_message_and_no_change(tmp_path: Path) -> None:
    database_path(tmp_path).write_text("姓名,河段\n张三,沙河\n", encoding="utf-8")
    before = snapshot(tmp_path)
    for command in ("info", "check", "demo"):
        done = run_cli("--data-dir", str(tmp_path), command)
        assert done.returncode == 1
        assert "不是巡河助手的数据库" in done.stderr and "not a River Patrol database" in done.stderr
        assert "Traceback" not in done.stderr
    assert snapshot(tmp_path) == before


def test_newer_schema_exits_1_with_no_change(tmp_path: Path) -> None:
    assert run_cli("--data-dir", str(tmp_path), "demo").returncode == 0
    with sqlite3.connect(database_path(tmp_path)) as conn:
        conn.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
            "VALUES ('patrol_app', '0042_future', 'later')"
        )
    conn.close()
    before = snapshot(tmp_path)
    done = run_cli("--data-dir", str(tmp_path), "info", "--json")
    assert done.returncode == 1 and json.loads(done.stdout)["error"] == "NewerSchema"
    assert "最新版本" in done.stderr
    assert snapshot(tmp_path) == before


def test_read_only_data_dir_exits_1_with_no_change(readonly_dir) -> None:
    folder, make_readonly = readonly_dir
    assert run_cli("--data-dir", str(folder), "demo").returncode == 0
    make_readonly()
    before = snapshot(folder)
    for command in ("info", "check", "demo"):
        done = run_cli("--data-dir", str(folder), command, "--json")
        assert done.returncode == 1, done.stderr
        assert json.loads(done.stdout)["error"] == "ReadOnlyDataDir"
        assert "不能写入" in done.stderr and "cannot be written" in done.stderr
    assert snapshot(folder) == before


def test_check_finds_a_broken_database(tmp_path: Path) -> None:
    assert run_cli("--data-dir", str(tmp_path), "demo").returncode == 0
    with sqlite3.connect(database_path(tmp_path)) as conn:  # an outbox entry whose record vanished
        conn.execute("PRAGMA foreign_keys = OFF")
        uuid = conn.execute("SELECT uuid FROM patrols LIMIT 1").fetchone()[0]
        conn.execute("DELETE FROM patrols WHERE uuid = ?", (uuid,))
        conn.execute("INSERT INTO profile_reaches VALUES ('no-such-profile', '410423000001')")
    conn.close()
    done = run_cli("--data-dir", str(tmp_path), "check", "--json")
    assert done.returncode == 1
    problems = json.loads(done.stdout)["problems"]
    assert any(uuid in p for p in problems) and any("foreign key" in p for p in problems)


def test_nothing_is_written_to_the_working_folder(tmp_path: Path) -> None:
    work = tmp_path / "cwd"
    work.mkdir()
    assert run_cli("--data-dir", str(tmp_path / "d"), "demo", cwd=work).returncode == 0
    assert list(work.iterdir()) == []


@pytest.mark.slow
@pytest.mark.timeout(1200)  # ~100-120 s quiet on the 2-core build machine, several times that with the cores busy
def test_large_demo_has_the_promised_size(tmp_path: Path) -> None:
    try:
        large_demo_has_the_promised_size(tmp_path)
    finally:
        # 150,000 small files: deleted here at once, not left for pytest's temp-folder clean-up.
        shutil.rmtree(tmp_path, ignore_errors=True)


def large_demo_has_the_promised_size(tmp_path: Path) -> None:
    done = run_cli("--data-dir", str(tmp_path), "demo", "--size", "large", "--seed", "3", "--json", timeout=900)
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)
    assert summary["reaches_added"] >= 1000 and summary["patrols"] >= 100_000 and summary["photos"] >= 50_000
    with sqlite3.connect(database_path(tmp_path)) as conn:
        reaches = conn.execute("SELECT count(*) FROM reaches").fetchone()[0]
        years = conn.execute("SELECT count(DISTINCT substr(started_at, 1, 4)) FROM patrols").fetchone()[0]
        demo_flags = conn.execute("SELECT count(*) FROM reaches WHERE demo = 0").fetchone()[0]
    assert reaches >= 1000 and years >= 3 and demo_flags == 0
    check = run_cli("--data-dir", str(tmp_path), "check", "--json")
    assert json.loads(check.stdout)["ok"] is True  # every demo photo record has its files


# A laptop whose clock battery gave out wakes up in 2017; the phone's photos are from 2024.
LAPTOP_2017 = {"PATROL_FAKE_NOW": "2017-06-01T09:00:00+08:00"}


def test_import_photos_warns_of_a_laptop_clock_behind_the_photos(tmp_path: Path) -> None:
    from datetime import UTC, datetime

    from tests.photos_factory import make_photo

    folder = tmp_path / "手机照片"
    for i in range(3):
        taken = datetime(2024, 3, 5, 10, 30 + i)
        make_photo(folder / f"IMG_{i}.jpg", seed=i, when=taken,
                   gps_time=datetime(2024, 3, 5, 2, 30 + i, tzinfo=UTC))
    data = tmp_path / "data"
    done = run_cli("--data-dir", str(data), "import-photos", str(folder), "--json", env=LAPTOP_2017)
    assert done.returncode == 0, done.stderr  # the photos are real: the import completes
    *lines, last = [json.loads(line) for line in done.stdout.splitlines()]
    assert [line["status"] for line in lines] == ["imported"] * 3
    first = next(line for line in lines if line["path"].endswith("IMG_0.jpg"))  # lines come as files finish
    assert "clock_warning" not in first and first["taken_at"] == "2024-03-05T10:30:00+08:00"
    summary = last["summary"]
    assert summary["imported"] == 3 and summary["error"] == 0  # the contract's keys are all still there
    warning = summary["clock_warning"]
    latest = datetime(2024, 3, 5, 2, 32, tzinfo=UTC)
    assert warning["evidence"] == "gps" and warning["subject"] == "photo"
    assert warning["behind_s"] == int((latest - datetime(2017, 6, 1, 1, 0, tzinfo=UTC)).total_seconds())
    assert "约 7 年" in warning["message_zh"] and "Windows" in warning["message_zh"]
    assert "about 7 years" in warning["message_en"]
    assert warning["message_zh"] in done.stderr  # a person running the script sees it too

    # The same card again, as text: duplicates still prove the clock wrong (their times are in the library).
    again = run_cli("--data-dir", str(data), "import-photos", str(folder), env=LAPTOP_2017)
    assert again.returncode == 0, again.stderr
    out = again.stdout
    assert "重复 duplicate 3" in out
    zh, en = out.index("电脑的时钟慢了"), out.index("This computer's clock is behind")
    assert out.index("重复 duplicate 3") < zh < en  # after the summary, Chinese first
    assert "请在 Windows 设置里把日期和时间改正" in out

    # With the laptop's real clock the same photos are old news: no warning.
    fine = run_cli("--data-dir", str(data), "import-photos", str(folder), "--json")
    assert json.loads(fine.stdout.splitlines()[-1])["summary"]["clock_warning"] is None
    assert "电脑的时钟" not in fine.stderr


def test_import_photos_camera_time_alone_is_weaker_evidence(tmp_path: Path) -> None:
    from datetime import datetime

    from tests.photos_factory import make_photo

    make_photo(tmp_path / "in" / "a.jpg", when=datetime(2024, 3, 5, 10, 30), gps=None)
    done = run_cli("--data-dir", str(tmp_path / "data"), "import-photos", str(tmp_path / "in"), "--json",
                   env=LAPTOP_2017)
    assert done.returncode == 0, done.stderr
    warning = json.loads(done.stdout.splitlines()[-1])["summary"]["clock_warning"]
    assert warning["evidence"] == "camera" and "可能慢了" in warning["message_zh"]


def test_import_track_warns_of_a_laptop_clock_behind_its_gps_times(tmp_path: Path) -> None:
    points = "".join(f'<trkpt lat="{33.758 + i * 1e-4:.6f}" lon="112.62"><time>2024-03-05T02:{i:02d}:00Z</time></trkpt>'
                     for i in range(30))
    gpx = tmp_path / "轨迹.gpx"
    gpx.write_text('<gpx version="1.1" creator="t" xmlns="http://www.topografix.com/GPX/1/1"><trk><trkseg>'
                   + points + "</trkseg></trk></gpx>", encoding="utf-8")
    data = tmp_path / "data"
    done = run_cli("--data-dir", str(data), "import-track", str(gpx), "--json", env=LAPTOP_2017)
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)
    assert document["status"] == "imported" and document["points"] == 30
    warning = document["clock_warning"]
    assert warning["evidence"] == "gps" and warning["subject"] == "track"
    assert warning["seen"] == "2024-03-05T02:29:00.000Z"
    assert "轨迹里卫星定位记下的时间" in warning["message_zh"] and warning["message_zh"] in done.stderr
    text = run_cli("--data-dir", str(data), "import-track", str(gpx), env=LAPTOP_2017)
    assert text.returncode == 0 and text.stdout.index("电脑的时钟慢了") < text.stdout.index("This computer's clock")
    fine = run_cli("--data-dir", str(data), "import-track", str(gpx), "--json")
    assert json.loads(fine.stdout)["clock_warning"] is None


def test_a_demo_on_a_full_disk_says_so_and_leaves_nothing_half_made(tiny_disk) -> None:
    """The demo needs ~13 MB; on a 3–4 MB disk it stops with the disk-full message (no traceback), publishes
    nothing and leaves no staging folder; with room it is made."""
    folder = tiny_disk.path / "data"
    done = run_cli("--data-dir", str(folder), "demo")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "磁盘" in done.stderr and "Traceback" not in done.stderr, done.stderr
    assert not (folder / ".demo-staging").exists() and not [p for p in folder.glob(".demo*")]
    tiny_disk.grow()
    again = run_cli("--data-dir", str(folder), "demo")
    assert again.returncode == 0, again.stderr
