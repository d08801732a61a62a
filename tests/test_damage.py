"""A damaged or busy database, against the real CLI and a real SQLite file (issue 12 items 2-4, 6).

The file is damaged the ways a laptop damages it: cut off (a copy that stopped, a full USB stick), a
page overwritten (a bad sector, another program writing into it), locked by a second process. Every
command then stops or completes with a clear zh/en message and DESIGN.md §8's exit codes, nothing is
half-written, and `check` reports what is wrong without a traceback.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from patrol_app.paths import database_path
from tests.conftest import run_cli, snapshot
from tests.photos_factory import make_folder, make_photo


@pytest.fixture
def demo_copy(demo_template: Path, tmp_path: Path) -> Path:
    """The session's demo (tests/conftest.py), copied: each test damages its own."""
    folder = tmp_path / "data"
    shutil.copytree(demo_template, folder)
    return folder


def cut_off(folder: Path, nbytes: int = 2000) -> None:
    db = database_path(folder)
    with db.open("r+b") as f:
        f.truncate(db.stat().st_size - nbytes)


def overwrite_table_page(folder: Path, table: str = "patrols") -> None:
    """Overwrite the b-tree header of the page that holds `table`'s root with garbage, as a bad sector
    or a stray write would: the file keeps its size and its header, so only reading the pages shows it."""
    db = database_path(folder)
    with sqlite3.connect(db) as conn:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
    conn.close()
    with db.open("r+b") as f:
        f.seek((root - 1) * page_size + (100 if root == 1 else 0))
        f.write(b"\xa5" * 64)


def assert_damage_message(stderr: str) -> None:
    assert "Traceback" not in stderr, stderr
    assert "数据库文件已损坏" in stderr and "The database file is damaged" in stderr, stderr
    assert "patrol-app check" in stderr and "备份" in stderr and "backup" in stderr
    assert "restart" not in stderr and "重启" not in stderr  # restarting cannot mend a damaged file


DAMAGES = {"cut_off": cut_off, "overwritten_page": overwrite_table_page}


def flip_a_byte_in_a_uuid(folder: Path) -> None:
    """A byte of a stored uuid turned into 0xFF: the page stays well-formed, so SQLite's checks pass,
    and only reading the cell as text shows that it is not what this program wrote."""
    db = database_path(folder)
    with sqlite3.connect(db) as conn:
        (uuid,) = conn.execute("SELECT uuid FROM patrols ORDER BY uuid LIMIT 1").fetchone()
    conn.close()
    data = db.read_bytes()
    at = data.index(uuid.encode("ascii"))
    with db.open("r+b") as f:
        f.seek(at + 7)
        f.write(b"\xff")


def test_export_of_damaged_text_says_so_without_a_traceback(demo_copy: Path, tmp_path: Path) -> None:
    flip_a_byte_in_a_uuid(demo_copy)
    done = run_cli("--data-dir", str(demo_copy), "export", "json", str(tmp_path / "out"))
    assert done.returncode == 1, done.stderr
    assert_damage_message(done.stderr)


@pytest.mark.parametrize("damage", DAMAGES)
def test_a_write_into_a_damaged_database_is_refused_and_changes_nothing(demo_copy: Path, tmp_path: Path,
                                                                         damage: str) -> None:
    DAMAGES[damage](demo_copy)
    photos = tmp_path / "new photos"
    make_folder(photos, 3, start_seed=500)
    track = tmp_path / "t.gpx"
    track.write_text(
        '<?xml version="1.0"?><gpx version="1.1" creator="t" xmlns="http://www.topografix.com/GPX/1/1"><trk><trkseg>'
        '<trkpt lat="33.7" lon="112.9"><time>2026-11-01T02:00:00Z</time></trkpt>'
        '<trkpt lat="33.71" lon="112.91"><time>2026-11-01T02:10:00Z</time></trkpt></trkseg></trk></gpx>'
    )
    before = snapshot(demo_copy)
    for command in (["import-photos", str(photos)], ["import-track", str(track)], ["demo"]):
        done = run_cli("--data-dir", str(demo_copy), *command, "--json")
        assert done.returncode == 1, (command, done.stdout, done.stderr)
        assert json.loads(done.stdout.splitlines()[-1])["error"] == "DatabaseDamaged", command
        assert_damage_message(done.stderr)
        assert "没有改动任何数据" in done.stderr and "Nothing was changed" in done.stderr
    assert snapshot(demo_copy) == before


@pytest.mark.parametrize("damage", DAMAGES)
def test_check_reports_the_damage_without_a_traceback(demo_copy: Path, damage: str) -> None:
    DAMAGES[damage](demo_copy)
    before = snapshot(demo_copy)
    done = run_cli("--data-dir", str(demo_copy), "check", "--json")
    assert done.returncode == 1, done.stderr
    report = json.loads(done.stdout)
    assert report["ok"] is False and report["problems"], report
    assert_damage_message(done.stderr)
    text = run_cli("--data-dir", str(demo_copy), "check")
    assert text.returncode == 1 and "检查发现问题" in text.stdout and "Check found problems" in text.stdout
    assert_damage_message(text.stderr)
    assert snapshot(demo_copy) == before


@pytest.mark.parametrize("damage", DAMAGES)
def test_info_shows_what_it_can_and_warns(demo_copy: Path, damage: str) -> None:
    DAMAGES[damage](demo_copy)
    done = run_cli("--data-dir", str(demo_copy), "info", "--json")
    assert done.returncode == 1, done.stderr
    document = json.loads(done.stdout)
    assert document["damaged"], document
    assert document["data_dir"] == str(demo_copy)
    text = run_cli("--data-dir", str(demo_copy), "info")
    assert text.returncode == 1 and "数据文件夹" in text.stdout
    assert "数据库文件已损坏" in text.stdout and "Traceback" not in text.stderr


def test_a_cut_off_file_is_refused_at_open_even_for_a_small_write(demo_copy: Path) -> None:
    """The cheap check at every open (file size against its pages) needs no full read of the file."""
    cut_off(demo_copy, 100)  # less than one page
    done = run_cli("--data-dir", str(demo_copy), "import-photos", str(demo_copy / "nothing-here"), "--json")
    assert done.returncode == 1 and json.loads(done.stdout.splitlines()[-1])["error"] == "DatabaseDamaged"
    assert "cut off" in done.stderr


def test_a_database_locked_by_another_process_is_reported_and_nothing_is_half_written(demo_copy: Path,
                                                                                       tmp_path: Path) -> None:
    photos = tmp_path / "in"
    make_folder(photos, 4, start_seed=700)
    holder = sqlite3.connect(database_path(demo_copy), isolation_level=None)
    try:
        holder.execute("BEGIN EXCLUSIVE")  # another program holds the database (this test's process)
        before = run_cli("--data-dir", str(demo_copy), "info", "--json")
        done = run_cli("--data-dir", str(demo_copy), "import-photos", str(photos), "--json")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert "Traceback" not in done.stderr and "Traceback" not in before.stderr
    assert done.returncode == 1
    assert "另一个程序" in done.stderr or "正在使用" in done.stderr, done.stderr
    check = run_cli("--data-dir", str(demo_copy), "check", "--json")
    assert check.returncode == 0, check.stdout
    again = run_cli("--data-dir", str(demo_copy), "import-photos", str(photos), "--json")
    summary = json.loads(again.stdout.splitlines()[-1])["summary"]
    assert again.returncode == 0 and summary["imported"] + summary["duplicate"] == 4


def test_library_files_without_a_record_are_notices_and_the_next_import_adopts_them(demo_copy: Path,
                                                                                  tmp_path: Path) -> None:
    """What a SIGKILL between placing a photo's file and committing its row leaves behind."""
    photo = make_photo(tmp_path / "in" / "left.jpg", seed=901)
    sha = hashlib.sha256(photo.read_bytes()).hexdigest()
    orphan = demo_copy / "photos" / sha[:2] / f"{sha}.jpg"
    orphan.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(photo, orphan)
    (demo_copy / ".incoming").mkdir(exist_ok=True)
    (demo_copy / ".incoming" / ".part-x").write_bytes(b"half a photo")

    done = run_cli("--data-dir", str(demo_copy), "check", "--json")
    assert done.returncode == 0, done.stdout  # not damage: the database and every recorded photo are whole
    report = json.loads(done.stdout)
    assert report["ok"] is True
    notices = " ".join(report["notices"])
    assert "1 library files have no record" in notices and str(orphan.relative_to(demo_copy)) in notices
    assert "没有对应的记录" in notices and "unfinished temporary files" in notices

    imported = run_cli("--data-dir", str(demo_copy), "import-photos", str(photo.parent), "--json")
    assert imported.returncode == 0, imported.stderr
    assert json.loads(imported.stdout.splitlines()[0])["status"] == "imported"
    after = json.loads(run_cli("--data-dir", str(demo_copy), "check", "--json").stdout)
    assert after["ok"] is True and after["notices"] == [], after
    assert orphan.read_bytes() == photo.read_bytes()
