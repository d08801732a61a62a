"""Files that are not photos in the ordinary sense: FIFOs, devices, sockets, link loops, odd names.

Each goes through the real CLI; the batch goes on, every refusal has its own reason, nothing blocks.
The timeouts are safety nets: before the fix a FIFO hung the import for ever.
"""

from __future__ import annotations

import json
import os
import socket
import stat
import sys
from pathlib import Path

import pytest

from patrol_app.store import open_store
from tests.conftest import run_cli
from tests.photos_factory import make_folder, make_photo

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="FIFOs, sockets and /dev/zero are POSIX")

NOT_REGULAR = "not a regular file"


def lines(out: str) -> list[dict]:
    return [json.loads(line) for line in out.splitlines()]


def test_special_files_in_a_folder_are_skipped_and_the_batch_goes_on(tmp_path: Path) -> None:
    folder = tmp_path / "DCIM"
    make_folder(folder, 2)
    os.mkfifo(folder / "a.jpg")
    (folder / "zero.jpg").symlink_to("/dev/zero")
    (folder / "loop.jpg").symlink_to("loop.jpg")
    (folder / "x.jpg").mkdir()  # a folder named like a photo: walked into, it is empty
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(folder / "sock.jpg"))
    try:
        done = run_cli("--data-dir", str(tmp_path / "data"), "import-photos", str(folder), "--json", timeout=60)
    finally:
        sock.close()
    assert "Traceback" not in done.stderr
    by_name = {Path(r["path"]).name: r for r in lines(done.stdout)[:-1]}
    summary = lines(done.stdout)[-1]["summary"]
    for name in ("a.jpg", "zero.jpg", "sock.jpg"):
        assert by_name[name]["status"] == "skipped" and NOT_REGULAR in by_name[name]["reason"], name
    assert by_name["loop.jpg"]["status"] == "error"
    assert "loop of links" in by_name["loop.jpg"]["reason"] and "unplugged" not in by_name["loop.jpg"]["reason"]
    assert summary["imported"] == 2 and summary["skipped"] == 3 and summary["error"] == 1
    assert done.returncode == 1  # the link loop failed; the message says which file and why
    with open_store(tmp_path / "data") as store:
        assert store.photos.count() == 2


def test_special_files_named_on_the_command_line(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "fifo.jpg")
    (tmp_path / "zero.jpg").symlink_to("/dev/zero")
    (tmp_path / "loop.jpg").symlink_to("loop.jpg")
    long_name = tmp_path / ("长" * 100 + ".jpg")  # 300 bytes: over NAME_MAX (255)
    photo = make_photo(tmp_path / "ok.jpg")
    done = run_cli("--data-dir", str(tmp_path / "data"), "import-photos", *(str(tmp_path / n) for n in (
        "fifo.jpg", "zero.jpg", "loop.jpg")), str(long_name), str(photo), "--json", timeout=60)
    assert "Traceback" not in done.stderr
    by_name = {Path(r["path"]).name: r for r in lines(done.stdout)[:-1]}
    assert NOT_REGULAR in by_name["fifo.jpg"]["reason"] and NOT_REGULAR in by_name["zero.jpg"]["reason"]
    assert "loop of links" in by_name["loop.jpg"]["reason"]
    assert "too long" in by_name[long_name.name]["reason"]
    assert by_name["ok.jpg"]["status"] == "imported"


def test_names_with_newlines_and_bytes_that_are_not_utf8(tmp_path: Path) -> None:
    """Text output keeps one result per line; JSON stays valid; the database takes the name."""
    folder = tmp_path / "in"
    folder.mkdir()
    raw = os.fsencode(folder) + b"/bad\xff\nname.jpg"
    make_photo(Path(os.fsdecode(raw)))
    (folder / "two\nlines.txt").write_text("not a photo")
    data = tmp_path / "data"
    text = run_cli("--data-dir", str(data), "import-photos", str(folder), timeout=60)
    assert "Traceback" not in text.stderr and text.returncode == 0
    shown = text.stdout.splitlines()
    assert shown[0].startswith("跳过 skipped: ") and shown[0].split(": ", 1)[1].startswith(f"{folder}/two\\nlines.txt")
    assert len(shown) == 2  # that line and the summary: no name broke a line
    as_json = run_cli("--data-dir", str(tmp_path / "data2"), "import-photos", str(folder), "--json", timeout=60)
    results = lines(as_json.stdout)
    assert {Path(r["path"]).name for r in results[:-1]} == {"bad\udcff\nname.jpg", "two\nlines.txt"}
    with open_store(data) as store:
        (row,) = store.query("SELECT original_name FROM photos")
        assert row[0] == "bad\\xff\\nname.jpg"


def test_an_unreadable_file_is_reported_and_the_rest_imported(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root reads any file: no permission to take away")
    folder = tmp_path / "in"
    make_folder(folder, 2)
    (folder / "IMG_0000.jpg").chmod(0)
    done = run_cli("--data-dir", str(tmp_path / "data"), "import-photos", str(folder), "--json", timeout=60)
    results = lines(done.stdout)
    assert results[-1]["summary"]["imported"] == 1
    assert any("no permission" in (r.get("reason") or "") for r in results[:-1])


def test_a_fifo_or_a_device_is_not_a_track(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "track.gpx")
    (tmp_path / "zero.gpx").symlink_to("/dev/zero")
    (tmp_path / "loop.gpx").symlink_to("loop.gpx")
    data = tmp_path / "data"
    for name, code, words in (("track.gpx", "not_regular", NOT_REGULAR), ("zero.gpx", "not_regular", NOT_REGULAR),
                              ("loop.gpx", "Unreadable", "loop of links"), ("gone.gpx", "Unreadable", "not found")):
        done = run_cli("--data-dir", str(data), "import-track", str(tmp_path / name), "--json", timeout=60)
        assert done.returncode == 1 and "Traceback" not in done.stderr, name
        assert json.loads(done.stdout)["error"] == code and words in done.stderr, (name, done.stderr)
    assert stat.S_ISFIFO(os.stat(tmp_path / "track.gpx").st_mode)
