"""GUI test fixtures: offscreen Qt, the Chinese translation, a demo data folder and a main window."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from patrol_app.ui import i18n, style


@pytest.fixture(autouse=True)
def chinese(qapp: QApplication) -> Iterator[None]:
    """Every GUI test starts in Chinese, the language our users read."""
    assert Path(i18n.qm_path(i18n.CHINESE)).exists(), (
        "build the translation first: make resources/i18n/patrol_app_zh_CN.qm"
    )
    style.apply(qapp)
    assert i18n.install(i18n.CHINESE)
    yield
    # A quit() posted by a test that ran the whole app must not end the next test's event loops.
    QCoreApplication.removePostedEvents(None, QEvent.Type.Quit.value)


@pytest.fixture
def runner(qapp: QApplication):
    from patrol_app.ui.tasks import TaskRunner

    r = TaskRunner()
    yield r
    r.wait_for_idle()


@pytest.fixture
def window(qtbot, demo_store, runner):
    from patrol_app.ui.main_window import MainWindow

    w = MainWindow(store=demo_store, runner=runner, data_dir=demo_store.data_dir, language_setting="zh_CN")
    with qtbot.waitSignals([w.home.loaded, w.status_refreshed], timeout=30_000):
        w.show()
    yield w
    runner.wait_for_idle()
    destroy(w)


def destroy(widget: QWidget) -> None:
    """Delete a window now, before the store it reads from is closed by a later fixture."""
    widget.close()
    widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)


def when_modal(action: Callable[[QWidget], None], *, timeout_ms: int = 10_000) -> None:
    """Run `action(dialog)` as soon as a modal dialog is open (a dialog's exec() blocks the test)."""
    waited = {"ms": 0}

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is not None and dialog.isVisible():
            action(dialog)
        elif waited["ms"] < timeout_ms:
            waited["ms"] += 20
            QTimer.singleShot(20, poll)
        else:
            raise AssertionError("no modal dialog appeared")

    QTimer.singleShot(20, poll)


def fixed_now(moment: datetime) -> Callable[[], datetime]:
    return lambda: moment
