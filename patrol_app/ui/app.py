"""Starting the GUI: language, store checks, first-run profile, main window."""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import sys
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QProgressDialog

from patrol_app import __version__
from patrol_app.resources import resource_path
from patrol_app.store import open_store
from patrol_app.store.errors import EnvironmentFault, StorageFailure
from patrol_app.store.settings import LANGUAGE
from patrol_app.ui import i18n, style
from patrol_app.ui.dialogs.messages import show_error
from patrol_app.ui.main_window import MainWindow
from patrol_app.ui.single_instance import ALREADY_OPEN, NOT_ANSWERING_EN, NOT_ANSWERING_ZH, Claim, InstanceGuard
from patrol_app.ui.tasks import Cancelled, TaskRunner, WorkContext

# For bench/startup.py and build/bundle_smoke.py: print the wall-clock time once the window is shown (and
# a JSON line of what it shows: title, language, Qt's own translation), then quit.
STARTUP_PROBE_ENV = "PATROL_APP_STARTUP_PROBE"
# PATROL_APP_LOG=info (or debug, warning): what the window does, on stderr, for finding out what went wrong.
LOG_ENV = "PATROL_APP_LOG"


def run(*, data_dir: Path, language: str | None = None) -> int:
    _configure_logging()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("patrol-app")
    app.setApplicationDisplayName("巡河助手")
    app.setApplicationVersion(__version__)
    app.setWindowIcon(QIcon(str(resource_path("icons", "patrol-app.png"))))
    style.apply(app)
    # The app quits when the main window closes, not when the first-run dialog or a message box
    # closes with no other window open (Qt's "last window closed" rule would end it there).
    quit_on_close = app.quitOnLastWindowClosed()
    app.setQuitOnLastWindowClosed(False)
    i18n.install(language or i18n.system_language())
    # One window per data folder: a second start brings the open one to the front and goes.
    guard = InstanceGuard(data_dir)
    claim = guard.claim()
    if claim is Claim.ACTIVATED:
        _say(ALREADY_OPEN)
        app.setQuitOnLastWindowClosed(quit_on_close)
        return 0
    if claim is Claim.NOT_ANSWERING and not _open_anyway(guard.holder_pid, data_dir):
        app.setQuitOnLastWindowClosed(quit_on_close)
        return 1
    try:
        return _run_window(app, data_dir, language, guard)
    finally:
        guard.release()
        app.setQuitOnLastWindowClosed(quit_on_close)


def _run_window(app: QApplication, data_dir: Path, language: str | None, guard: InstanceGuard) -> int:
    front: dict[str, MainWindow] = {}  # the window, once there is one, for a second start to bring up
    guard.activation_requested.connect(lambda: _bring_to_front(front.get("window")))
    while True:  # a restore confirmed in the settings closes the window; it opens again on the restored data
        code, again = _one_window(app, data_dir, language, front)
        if not again:
            return code


def _one_window(app: QApplication, data_dir: Path, language: str | None,
                front: dict[str, MainWindow]) -> tuple[int, bool]:
    """Open the store and a window on it until the window closes: (exit code, whether to open again)."""
    _finish_restore(data_dir)
    try:
        store = open_store(data_dir, daily_backup=True)  # today's backup, if due (started below)
    except EnvironmentFault as fault:
        show_error(None, fault)
        return 1, False
    saved = store.settings.get(LANGUAGE)
    if language is None and saved:
        i18n.install(saved)
    if store.profiles.count() == 0 and not first_run(store):
        store.close()
        return 0, False
    runner = TaskRunner(app)
    window = MainWindow(store=store, runner=runner, data_dir=data_dir, language_setting=saved)
    front["window"] = window
    probe = os.environ.get(STARTUP_PROBE_ENV)
    if probe == "home-loaded":  # …or once the home page has its numbers
        window.home.loaded.connect(lambda: _probe_and_quit(app, window))
    elif probe:
        window.shown.connect(lambda: QTimer.singleShot(0, lambda: _probe_and_quit(app, window)))
    window.closed.connect(app.quit)
    if store.daily_backup is not None:  # today's backup, once the window is up and has its numbers
        window.home.loaded.connect(store.daily_backup.start)
    window.show()
    code = app.exec()
    again = window.restart_requested
    runner.wait_for_idle()
    # Delete the window before its store closes, so no late event reaches a closed connection.
    window.hide()
    window.deleteLater()
    runner.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    store.close()
    return code, again


def _finish_restore(data_dir: Path) -> None:
    """A restore confirmed in the settings waits in the data folder: put it in place now, before the
    store opens (we hold the window's lock; the last window's connections are closed). If it cannot be
    done, say why, drop it, and open the data as it is."""
    from patrol_app.store import restore

    try:
        prepared = restore.pending(data_dir)
    except (EnvironmentFault, OSError, sqlite3.Error) as exc:
        (Path(data_dir) / restore.PENDING).unlink(missing_ok=True)
        show_error(None, exc if isinstance(exc, EnvironmentFault) else StorageFailure(data_dir, str(exc)))
        return
    if prepared is None:
        return
    outcome = _commit_with_progress(prepared)
    if isinstance(outcome, BaseException):
        prepared.discard()
        if not isinstance(outcome, Cancelled):
            show_error(None, outcome)
        return
    done = outcome
    text = QCoreApplication.translate("Restore", "The data was restored from %1.").replace("%1", str(done.source))
    if done.previous_backup is not None:
        text += "\n" + QCoreApplication.translate(
            "Restore", "The data it replaced was backed up first: %1").replace("%1", str(done.previous_backup.path))
    if done.photos_missing:
        text += "\n\n" + QCoreApplication.translate(
            "Restore", "%1 photos it uses are missing from the photo library: copy the photos and uploads folders of "
            "the old data folder into %2.").replace("%1", str(done.photos_incomplete)).replace("%2", str(data_dir))
    box = QMessageBox(QMessageBox.Icon.Information, QCoreApplication.translate("Restore", "Restored"), text)
    box.exec()


def _commit_with_progress(prepared: Any) -> Any:
    """`restore.commit` off the GUI thread (it first backs up the current data: seconds on a large one),
    with a progress dialog and cancel; returns what it returned or the exception it raised."""
    from patrol_app.store import restore

    runner = TaskRunner()
    outcome: dict[str, Any] = {}
    dialog = QProgressDialog(QCoreApplication.translate("Restore", "Restoring the backup…"),
                             QCoreApplication.translate("Restore", "Cancel"), 0, 0)
    dialog.setWindowTitle(QCoreApplication.translate("Restore", "Restoring"))
    dialog.setMinimumDuration(TaskRunner.SHOW_PROGRESS_AFTER_MS)
    loop = QEventLoop()

    def work(context: WorkContext) -> Any:
        try:
            return restore.commit(prepared, cancelled=context.cancel.is_set)
        except restore.Cancelled:
            raise Cancelled from None

    task = runner.run(work, on_success=lambda done: outcome.update(done=done),
                      on_failure=lambda exc: outcome.update(done=exc), writes=True)
    dialog.canceled.connect(task.cancel)
    task.finished.connect(loop.quit)
    loop.exec()
    dialog.hide()
    dialog.deleteLater()
    runner.wait_for_idle()
    runner.deleteLater()
    return outcome.get("done", Cancelled())


def _bring_to_front(window: MainWindow | None) -> None:
    """A second start on this folder: up comes the window, and whatever dialog is open over it (the
    first-run dialog, before there is a window)."""
    if window is not None:
        window.bring_to_front()
    modal = QApplication.activeModalWidget()
    if modal is not None:
        modal.raise_()
        modal.activateWindow()


def _open_anyway(pid: int, data_dir: Path) -> bool:
    """Another process holds the folder and does not answer: say so and what to do; True to open anyway."""
    values = {"pid": pid or "?", "folder": str(data_dir)}
    _say(NOT_ANSWERING_ZH.format(**values) + "\n" + NOT_ANSWERING_EN.format(**values))
    box = QMessageBox(QMessageBox.Icon.Warning, "巡河助手 River Patrol", NOT_ANSWERING_ZH.format(**values))
    box.setInformativeText(NOT_ANSWERING_EN.format(**values))
    quit_button = box.addButton("退出 Quit", QMessageBox.ButtonRole.RejectRole)
    anyway = box.addButton("仍然打开 Open anyway", QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(quit_button)
    box.setEscapeButton(quit_button)
    box.exec()
    return box.clickedButton() is anyway


def _say(text: str) -> None:
    """A line for whoever started us from a terminal; a windowed build has no stderr at all."""
    if sys.stderr is not None:
        print(text, file=sys.stderr, flush=True)


def _configure_logging() -> None:
    level = os.environ.get(LOG_ENV, "").strip().upper()
    if level and sys.stderr is not None and isinstance(logging.getLevelName(level), int):
        logging.basicConfig(level=level, stream=sys.stderr, format="%(asctime)s %(name)s %(levelname)s %(message)s")


def first_run(store) -> bool:  # noqa: ANN001
    """Ask who uses this laptop; False if they chose to quit instead."""
    from patrol_app.ui.dialogs.profile import ProfileDialog

    dialog = ProfileDialog(reaches=store.registry.reaches(), first_run=True)
    while dialog.exec() == QDialog.DialogCode.Accepted:
        value = dialog.value()
        try:
            store.profiles.save(
                name=value.name,
                role=value.role,
                level=value.level,
                unit=value.unit,
                reach_codes=value.reach_codes,
            )
            return True
        except Exception as exc:
            show_error(dialog, exc)
    return False


def _probe_and_quit(app: QApplication, window: MainWindow) -> None:
    print(f"window-shown {time.time():.6f}", flush=True)
    shown = {"title": window.windowTitle(), "language": i18n.current_language(), "version": app.applicationVersion(),
             "translation_warning": window.translation_warning.isVisible(), "icon": not app.windowIcon().isNull(),
             "qt_cancel": QCoreApplication.translate("QPlatformTheme", "Cancel")}  # from Qt's qtbase_*.qm
    print(f"window-state {json.dumps(shown)}", flush=True)  # ASCII: any console encoding takes it
    app.quit()
