"""Starting the GUI: language, store checks, first-run profile, main window."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QTimer
from PySide6.QtWidgets import QApplication, QDialog

from patrol_app.store import open_store
from patrol_app.store.errors import EnvironmentFault
from patrol_app.store.settings import LANGUAGE
from patrol_app.ui import i18n, style
from patrol_app.ui.dialogs.messages import show_error
from patrol_app.ui.main_window import MainWindow
from patrol_app.ui.tasks import TaskRunner

# For bench/startup.py: print the wall-clock time once the window is shown, then quit.
STARTUP_PROBE_ENV = "PATROL_APP_STARTUP_PROBE"


def run(*, data_dir: Path, language: str | None = None) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("patrol-app")
    app.setApplicationDisplayName("巡河助手")
    style.apply(app)
    # The app quits when the main window closes, not when the first-run dialog or a message box
    # closes with no other window open (Qt's "last window closed" rule would end it there).
    quit_on_close = app.quitOnLastWindowClosed()
    app.setQuitOnLastWindowClosed(False)
    i18n.install(language or i18n.system_language())
    try:
        store = open_store(data_dir)
    except EnvironmentFault as fault:
        show_error(None, fault)
        app.setQuitOnLastWindowClosed(quit_on_close)
        return 1
    saved = store.settings.get(LANGUAGE)
    if language is None and saved:
        i18n.install(saved)
    if store.profiles.count() == 0 and not first_run(store):
        store.close()
        app.setQuitOnLastWindowClosed(quit_on_close)
        return 0
    runner = TaskRunner(app)
    window = MainWindow(store=store, runner=runner, data_dir=data_dir, language_setting=saved)
    probe = os.environ.get(STARTUP_PROBE_ENV)
    if probe == "home-loaded":  # …or once the home page has its numbers
        window.home.loaded.connect(lambda: _probe_and_quit(app))
    elif probe:
        window.shown.connect(lambda: QTimer.singleShot(0, lambda: _probe_and_quit(app)))
    window.closed.connect(app.quit)
    window.show()
    code = app.exec()
    runner.wait_for_idle()
    # Delete the window before its store closes, so no late event reaches a closed connection.
    window.hide()
    window.deleteLater()
    runner.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    store.close()
    app.setQuitOnLastWindowClosed(quit_on_close)
    return code


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


def _probe_and_quit(app: QApplication) -> None:
    print(f"window-shown {time.time():.6f}", flush=True)
    app.quit()
