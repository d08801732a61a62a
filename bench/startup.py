"""Start-up time: process start → main window shown, on a `demo --size large` data folder.

Compared in the same run with a bare PySide6 window (import Qt, QApplication, an empty QMainWindow,
show), started the same way. Both print the wall-clock time once the window's show event has been
processed (a zero-delay timer after show), and the parent measures from just before it spawned the
process. Runs are interleaved and the medians compared. Target: ratio ≤ 2.0.

Also reported (not part of the target): time until the home page has computed its numbers, which
happens in the background after the window is shown.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/startup.py [--runs 9] [--data-dir DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

BARE = """
import sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.resize(1366, 768)
window.show()
QTimer.singleShot(0, lambda: (print(f"window-shown {time.time():.6f}", flush=True), app.quit()))
app.exec()
"""


def timed(cmd: list[str], env: dict[str, str]) -> float:
    start = time.time()
    out = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=120, cwd=tempfile.gettempdir())
    if out.returncode != 0:
        raise SystemExit(f"{cmd} failed: {out.stderr}")
    line = next(line for line in out.stdout.splitlines() if line.startswith("window-shown "))
    return float(line.split()[1]) - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--data-dir", type=Path)
    args = parser.parse_args()
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
        "PYTHONPATH": str(ROOT),
    }
    # Users run compiled bytecode (the PyInstaller bundle ships .pyc): compile ours once, as pip does
    # for installed packages, rather than timing the compiler on every start.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(ROOT / "patrol_app"), str(ROOT / "sync")],
        check=True,
        env=env,
    )
    data_dir = args.data_dir or Path(tempfile.mkdtemp(prefix="patrol-bench-")) / "large"
    if not (data_dir / "patrol.db").exists():
        t = time.time()
        subprocess.run(
            [sys.executable, "-m", "patrol_app", "--data-dir", str(data_dir), "demo", "--size", "large"],
            check=True,
            env=env,
            capture_output=True,
        )
        print(f"demo --size large made in {time.time() - t:.1f} s", file=sys.stderr)
    info = json.loads(
        subprocess.run(
            [sys.executable, "-m", "patrol_app", "--data-dir", str(data_dir), "info", "--json"],
            check=True,
            env=env,
            capture_output=True,
            text=True,
        ).stdout
    )

    bare_cmd = [sys.executable, "-c", BARE]
    app_cmd = [sys.executable, "-m", "patrol_app", "--data-dir", str(data_dir), "--lang", "zh_CN"]
    timed(bare_cmd, env)  # warm the file cache for both before measuring
    timed(app_cmd, {**env, "PATROL_APP_STARTUP_PROBE": "shown"})
    bare, shown, loaded = [], [], []
    for _ in range(args.runs):
        bare.append(timed(bare_cmd, env))
        shown.append(timed(app_cmd, {**env, "PATROL_APP_STARTUP_PROBE": "shown"}))
        loaded.append(timed(app_cmd, {**env, "PATROL_APP_STARTUP_PROBE": "home-loaded"}))
    result = {
        "runs": args.runs,
        "data": {"reaches": info["counts"]["reaches"], "patrols": info["counts"]["patrols"]},
        "bare_window_s": round(statistics.median(bare), 3),
        "app_window_shown_s": round(statistics.median(shown), 3),
        "app_home_loaded_s": round(statistics.median(loaded), 3),
        "ratio_shown_to_bare": round(statistics.median(shown) / statistics.median(bare), 2),
        "ratio_home_loaded_to_bare": round(statistics.median(loaded) / statistics.median(bare), 2),
        "target_ratio": 2.0,
    }
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
