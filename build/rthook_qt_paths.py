"""Runtime hook of the app's executable (build/patrol_app.spec), instead of PyInstaller's pyi_rth_pyside6.

PyInstaller's hook imports PySide6.QtCore at every start (to register a qt.conf), ~0.1 s that every CLI
command (`patrol-app --version`, `info`, `sync`) would pay although only the window uses Qt. PySide6's
wheels register that qt.conf themselves when QtCore is first imported (build/bundle_smoke.py checks that
Qt then finds its platform plugin and its own translation in the bundle), so only the environment is set
here, without importing Qt.
"""

import os
import sys


def _qt_paths() -> None:
    windows = sys.platform.startswith("win")
    qt = os.path.join(sys._MEIPASS, "PySide6") if windows else os.path.join(sys._MEIPASS, "PySide6", "Qt")
    os.environ["QT_PLUGIN_PATH"] = os.path.join(qt, "plugins")
    if windows:  # as PyInstaller's hook does: DLLs collected beside the executable are found
        os.environ["PATH"] = sys._MEIPASS + os.pathsep + os.environ.get("PATH", "")


_qt_paths()
del _qt_paths
