"""The background helper: results on the GUI thread, failures reported, slow work shows progress and cancels."""

from __future__ import annotations

import threading
import time

from PySide6.QtCore import Qt, QThread
from PySide6.QtWidgets import QApplication, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from patrol_app.ui.tasks import Cancelled, TaskRunner, WorkContext


def test_result_arrives_on_the_gui_thread_and_gui_stays_live(qtbot: QtBot, runner: TaskRunner) -> None:
    seen: dict[str, object] = {}
    release = threading.Event()

    def work(context: WorkContext) -> int:
        seen["worker_thread"] = threading.get_ident()
        release.wait(5)
        return 42

    def done(value: int) -> None:
        seen["value"] = value
        seen["on_gui_thread"] = QThread.currentThread() is QApplication.instance().thread()

    runner.run(work, on_success=done)
    # The GUI thread is free while the work waits: it can process events and release it.
    qtbot.wait(50)
    assert "value" not in seen
    release.set()
    qtbot.waitUntil(lambda: "value" in seen, timeout=30_000)
    assert seen["value"] == 42 and seen["on_gui_thread"] is True
    assert seen["worker_thread"] != threading.get_ident()


def test_failure_is_delivered(qtbot: QtBot, runner: TaskRunner) -> None:
    errors: list[BaseException] = []

    def work(context: WorkContext) -> None:
        raise OSError(28, "No space left on device")

    runner.run(work, on_failure=errors.append)
    qtbot.waitUntil(lambda: bool(errors), timeout=30_000)
    assert isinstance(errors[0], OSError) and errors[0].errno == 28


def test_slow_work_shows_progress_and_cancel_stops_it(qtbot: QtBot, runner: TaskRunner) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    outcome: dict[str, object] = {}
    done: list[int] = []

    def work(context: WorkContext) -> str:
        for i in range(400):
            context.check()
            context.progress(i, 400, f"第 {i} 项")
            done.append(i)
            if i >= 5:
                # A gate only Cancel opens: the work cannot finish before the dialog shows, however
                # fast or loaded the machine, and the test needs no clock to know when it stopped.
                # It keeps reporting while it waits, since the throttle may have dropped its last report.
                while not context.cancel.wait(0.05):
                    context.progress(i, 400, f"第 {i} 项")
        return "finished"

    task = runner.run(work, on_success=lambda v: outcome.setdefault("value", v), progress_parent=parent,
                      progress_title="测试")
    qtbot.waitUntil(lambda: task.dialog is not None and task.dialog.isVisible(), timeout=30_000)
    dialog = task.dialog
    qtbot.waitUntil(lambda: dialog.value() > 0, timeout=30_000)
    assert dialog.maximum() == 400 and dialog.labelText().startswith("第 ")
    [cancel] = dialog.findChildren(QPushButton)
    assert cancel.text() == "取消"
    with qtbot.waitSignal(task.finished, timeout=30_000):
        qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    assert done == list(range(6))  # stopped at the next check, not after the remaining items
    assert task.cancelled and "value" not in outcome
    assert runner.wait_for_idle(5000)


def test_cancelled_is_not_reported_as_failure(qtbot: QtBot, runner: TaskRunner) -> None:
    failures: list[BaseException] = []

    def work(context: WorkContext) -> None:
        raise Cancelled

    task = runner.run(work, on_failure=failures.append)
    with qtbot.waitSignal(task.finished, timeout=30_000):
        pass
    assert failures == []


def test_writes_run_one_at_a_time(qtbot: QtBot, runner: TaskRunner) -> None:
    active, peak, done = [0], [0], []
    lock = threading.Lock()

    def write(context: WorkContext) -> None:
        with lock:
            active[0] += 1
            peak[0] = max(peak[0], active[0])
        time.sleep(0.02)
        with lock:
            active[0] -= 1

    for _ in range(6):
        runner.run(write, writes=True, on_success=done.append)
    qtbot.waitUntil(lambda: len(done) == 6, timeout=30_000)
    assert peak[0] == 1
