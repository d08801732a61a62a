"""One window per data folder (issue 14 item 9): the app started twice on one folder, for real, in two
processes. The second brings the first's window to the front and exits with a short message, Chinese
first; a first that does not answer is said plainly, with what to do; a dead first's lock is taken over."""

from __future__ import annotations

import os
import queue
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from patrol_app.domain.enums import Level, Role
from patrol_app.store import open_store
from patrol_app.ui.app import run
from patrol_app.ui.single_instance import LOCK_NAME, server_name
from tests.conftest import ROOT
from tests.ui.conftest import when_modal

SAFETY_S = 60  # a net far above any wait below; the waits end on a state (a line, an exit), never a time


class App:
    """`python -m patrol_app` on a data folder, its stderr read line by line as it comes."""

    def __init__(self, data_dir: Path) -> None:
        env = os.environ | {"QT_QPA_PLATFORM": "offscreen", "PATROL_APP_LOG": "info", "PYTHONUNBUFFERED": "1"}
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "patrol_app", "--data-dir", str(data_dir), "--lang", "zh_CN"],
            cwd=ROOT, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
            text=True, encoding="utf-8")
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stderr is not None
        for line in self.proc.stderr:
            self.lines.put(line.rstrip("\n"))
        self.lines.put("")  # end of output

    def wait_for(self, text: str) -> str:
        while True:
            line = self.lines.get(timeout=SAFETY_S)
            self.seen.append(line)
            if text in line:
                return line
            if line == "" and self.proc.poll() is not None:
                raise AssertionError(f"exited ({self.proc.returncode}) without {text!r}:\n" + "\n".join(self.seen))

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait(timeout=SAFETY_S)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    data = tmp_path / "巡河 data"  # a space and Chinese in the path, as on a real laptop
    with open_store(data) as store:
        store.profiles.save(name="李德明", role=Role.CHIEF, level=Level.VILLAGE, unit="林庄村",
                            reach_codes=["410423000001"])
    return data


def test_a_second_start_brings_the_first_window_up_and_exits(folder: Path) -> None:
    first = App(folder)
    try:
        first.wait_for("listening as " + server_name(folder))
        assert (folder / LOCK_NAME).exists()

        second = subprocess.run(
            [sys.executable, "-m", "patrol_app", "--data-dir", str(folder), "--lang", "zh_CN"], cwd=ROOT,
            env=os.environ | {"QT_QPA_PLATFORM": "offscreen"}, capture_output=True, text=True, encoding="utf-8",
            timeout=SAFETY_S)
        assert second.returncode == 0, second.stderr
        said = second.stderr
        zh = said.find("巡河助手已经在这个数据文件夹上打开，已把那个窗口调到最前面。")
        en = said.find("River Patrol is already open on this data folder; its window has been brought to the front.")
        assert 0 <= zh < en, said  # Chinese first, English second
        first.wait_for("activation requested by a second start")
        assert first.proc.poll() is None  # the first window stays open
    finally:
        first.stop()

    # The first died without unlocking (killed): its lock is stale, and the next start takes the folder over.
    assert (folder / LOCK_NAME).exists()
    third = App(folder)
    try:
        third.wait_for("listening as " + server_name(folder))
    finally:
        third.stop()


HOLD = """
import sys
from PySide6.QtCore import QLockFile
lock = QLockFile(sys.argv[1])
lock.setStaleLockTime(0)
assert lock.tryLock(0)
print("locked", flush=True)
sys.stdin.read()  # holds the folder, answers nobody: a hung window, until the test closes stdin
"""


@pytest.mark.qt_log_ignore("This plugin does not support")
def test_a_first_that_does_not_answer_is_said_plainly(qapp, folder: Path) -> None:
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(folder / LOCK_NAME)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        seen: dict[str, object] = {}

        def read_and_quit(box) -> None:
            assert isinstance(box, QMessageBox)
            seen["text"], seen["informative"] = box.text(), box.informativeText()
            seen["buttons"] = sorted(b.text() for b in box.buttons())  # their order is the platform's
            box.escapeButton().click()

        when_modal(read_and_quit, timeout_ms=SAFETY_S * 1000)
        assert run(data_dir=folder, language="zh_CN") == 1
        text, informative = str(seen["text"]), str(seen["informative"])
        assert f"进程 {holder.pid}" in text and "没有响应" in text and "任务管理器" in text
        assert "does not answer" in informative and "Task Manager" in informative
        assert seen["buttons"] == ["仍然打开 Open anyway", "退出 Quit"]
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait(timeout=SAFETY_S)
