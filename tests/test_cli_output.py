"""The CLI's output and Ctrl-C, against the real process: a closed pipe, SIGINT in the middle of work.

States are waited for (a line printed, the database opened), never slept for; timeouts are safety nets.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from patrol_app.store import open_store
from tests.conftest import ROOT, run_cli
from tests.geo.big_gpx import write_gpx
from tests.photos_factory import make_folder

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals and pipes")
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}


def _ctrl_c_as_at_a_terminal() -> None:
    """A child inherits an ignored SIGINT (a test run started in the background by a script, as CI may
    be), and Python then never turns Ctrl-C into KeyboardInterrupt: give it the terminal's default."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def start(*args: str, stdout: int = subprocess.PIPE) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "patrol_app", *args], stdout=stdout, stderr=subprocess.PIPE,
                            text=True, env=ENV, preexec_fn=_ctrl_c_as_at_a_terminal)


def wait_until_open(proc: subprocess.Popen[str], name: str, timeout: float = 60) -> None:
    """Wait until the process has a file called `name` open (Linux /proc): it is past start-up."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert proc.poll() is None, "the command ended before reaching the state"
        try:
            fds = os.listdir(f"/proc/{proc.pid}/fd")
            if any(os.readlink(f"/proc/{proc.pid}/fd/{fd}").endswith(name) for fd in fds):
                return
        except OSError:  # an fd closed while we looked
            pass
        time.sleep(0.01)
    raise AssertionError(f"{name} never opened")


@pytest.mark.parametrize("command", [["info"], ["info", "--json"], ["check"], ["import-photos", "IN", "--json"],
                                     ["import-photos", "IN"]])
def test_a_closed_output_pipe_ends_quietly(tmp_path: Path, command: list[str]) -> None:
    """`patrol-app info | head -5` where head has already gone: no BrokenPipeError traceback."""
    data = tmp_path / "data"
    folder = tmp_path / "in"
    make_folder(folder, 3)
    (folder / "notes.txt").write_text("x")  # a skipped file gives a text line too
    open_store(data).close()
    read, write = os.pipe()
    os.close(read)  # the reader is gone before the first byte is written
    try:
        proc = subprocess.run([sys.executable, "-m", "patrol_app", "--data-dir", str(data),
                               *[str(folder) if a == "IN" else a for a in command]],
                              stdout=write, stderr=subprocess.PIPE, text=True, env=ENV, timeout=120)
    finally:
        os.close(write)
    assert "Traceback" not in proc.stderr and "BrokenPipe" not in proc.stderr, proc.stderr
    assert proc.returncode == 1
    assert run_cli("--data-dir", str(data), "check").returncode == 0


def test_head_of_a_long_listing(tmp_path: Path) -> None:
    """The shell case: the reader reads one line and goes; the import stops, keeping what it did."""
    folder = tmp_path / "in"
    make_folder(folder, 40)
    data = tmp_path / "data"
    proc = start("--data-dir", str(data), "import-photos", str(folder), "--json")
    assert proc.stdout.readline().startswith("{")
    proc.stdout.close()
    _, err = proc.communicate(timeout=120)
    assert "Traceback" not in err and proc.returncode == 1
    assert run_cli("--data-dir", str(data), "check").returncode == 0
    again = run_cli("--data-dir", str(data), "import-photos", str(folder), "--json")
    summary = json.loads(again.stdout.splitlines()[-1])["summary"]
    assert summary["imported"] + summary["duplicate"] == 40 and again.returncode == 0


def test_ctrl_c_stops_the_photo_import_and_keeps_what_is_done(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    make_folder(folder, 60, size=(1600, 1200))
    data = tmp_path / "data"
    proc = start("--data-dir", str(data), "import-photos", str(folder), "--json")
    first = proc.stdout.readline()  # the first batch is committed
    assert json.loads(first)["status"] == "imported"
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 1 and "Traceback" not in err
    assert "Interrupted" in err and "中断" in err
    summary = json.loads(out.splitlines()[-1])["summary"]
    assert summary["interrupted"] is True and summary["unprocessed"] > 0
    counted = summary["imported"] + summary["duplicate"] + summary["skipped"] + summary["error"]
    assert counted + summary["unprocessed"] == 60 and summary["error"] == 0
    with open_store(data) as store:
        assert store.photos.count() == summary["imported"]
    assert run_cli("--data-dir", str(data), "check").returncode == 0
    again = run_cli("--data-dir", str(data), "import-photos", str(folder), "--json")
    rest = json.loads(again.stdout.splitlines()[-1])["summary"]
    assert rest["imported"] == summary["unprocessed"] and rest["duplicate"] == summary["imported"]


def test_ctrl_c_text_summary_says_interrupted(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    make_folder(folder, 60, size=(1600, 1200))
    (folder / "a.txt").write_text("first line of output")  # sorted first: a line to wait for
    data = tmp_path / "data"
    proc = start("--data-dir", str(data), "import-photos", str(folder))
    assert proc.stdout.readline().startswith("跳过 skipped")
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 1 and "Traceback" not in err
    assert "已中断" in out and "Interrupted:" in out


def test_ctrl_c_during_a_track_import_or_the_demo(tmp_path: Path) -> None:
    """Either the command finished before the signal or it stops with a message; no traceback, the data
    passes `check`, and the track can be imported (once) afterwards."""
    gpx = write_gpx(tmp_path / "day.gpx", 86_400)
    data = tmp_path / "data"
    open_store(data).close()
    proc = start("--data-dir", str(data), "import-track", str(gpx))
    wait_until_open(proc, "patrol.db")  # opened before the track file is read and parsed
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=300)
    assert "Traceback" not in err
    assert proc.returncode == 0 or (proc.returncode == 1 and "Interrupted" in err), (out, err)
    assert run_cli("--data-dir", str(data), "check").returncode == 0
    with open_store(data) as store:
        assert store.query("SELECT count(*) FROM tracks")[0][0] == (1 if proc.returncode == 0 else 0)

    demo = tmp_path / "demo"
    proc = start("--data-dir", str(demo), "demo")
    wait_until_open(proc, "patrol.db")
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=300)
    assert "Traceback" not in err
    assert proc.returncode == 1 and "Interrupted" in err and "没有生成" in err, (out, err)
    assert run_cli("--data-dir", str(demo), "check").returncode == 0
    with open_store(demo) as store:  # all or nothing: the demo left no records, and no staging folder
        assert not store.upkeep.has_user_data()
    assert not (demo / ".demo-staging").exists()
