"""Photos page with 50,000 photos: how long the GUI thread is ever busy while the grid opens and is
scrolled from the first photo to the last (every page fetched, thumbnails loading in the background).

Data: `patrol-app demo --size large` (50,000+ photo records with their files). The GUI thread's longest
stall is measured with a 10 ms heartbeat timer: any gap between beats beyond the timer's own period is
time the event loop could not run. Baseline in the same run: the same heartbeat while an idle window is
shown (what the machine itself costs). Offscreen platform.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/photo_grid.py [--data-dir DIR]
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

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from gui_probe import Heartbeat, spin  # noqa: E402  (bench/ is the script's folder)
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from patrol_app.store import open_store  # noqa: E402
from patrol_app.ui import i18n, style  # noqa: E402
from patrol_app.ui.pages.photos import PhotosPage  # noqa: E402
from patrol_app.ui.tasks import TaskRunner  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir", type=Path)
    args = parser.parse_args()
    data_dir = args.data_dir or Path(tempfile.mkdtemp(prefix="patrol-grid-")) / "large"
    if not (data_dir / "patrol.db").exists():
        subprocess.run([sys.executable, "-m", "patrol_app", "--data-dir", str(data_dir), "demo", "--size", "large"],
                       check=True, env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True)
    app = QApplication(sys.argv[:1])
    style.apply(app)
    i18n.install(i18n.CHINESE)
    store = open_store(data_dir)
    runner = TaskRunner()
    beat = Heartbeat()

    idle = QWidget()
    idle.resize(1366, 768)
    idle.show()
    beat.start()
    spin(3000)
    beat.stop()
    baseline = max(beat.gaps)
    idle.close()

    timer = time.perf_counter()
    page = PhotosPage(store=store, runner=runner)
    page.resize(1366, 768)
    page.show()
    opened_ms = (time.perf_counter() - timer) * 1000
    total = page.model.total
    beat.start()
    deadline = time.perf_counter() + 60
    while page.model.rowCount() < total and time.perf_counter() < deadline:  # the rest arrives in one go
        spin(20)
    spin(500)
    loading_gaps = list(beat.gaps)
    bar = page.grid.verticalScrollBar()
    steps = 0
    for _ in range(300):  # page by page, as a person looks through photos
        bar.setValue(min(bar.maximum(), bar.value() + bar.pageStep()))
        spin(15)
        steps += 1
    paging_gaps = beat.gaps[len(loading_gaps):]
    mark = len(beat.gaps)
    for i in range(40):  # dragging the scroll bar from end to end
        bar.setValue(bar.maximum() if i % 2 == 0 else 0)
        spin(30)
        steps += 1
    spin(1000)
    beat.stop()
    jumping_gaps = beat.gaps[mark:]
    runner.wait_for_idle()
    result = {
        "photos": total,
        "rows_loaded": page.model.rowCount(),
        "page_steps_scrolled": steps,
        "open_page_ms": round(opened_ms, 1),
        "while_all_rows_load": {"longest_gui_stall_ms": round(max(loading_gaps), 1)},
        "scrolling_page_by_page_300_pages": {
            "longest_gui_stall_ms": round(max(paging_gaps), 1),
            "p99_gui_stall_ms": round(statistics.quantiles(paging_gaps, n=100)[98], 1),
        },
        "dragging_end_to_end_40_times": {"longest_gui_stall_ms": round(max(jumping_gaps), 1),
                                         "p99_gui_stall_ms": round(statistics.quantiles(jumping_gaps, n=100)[98], 1)},
        "baseline_longest_stall_ms": round(baseline, 1),
        "thumbnails_cached": page.model.cached_thumbnails(),
    }
    print(json.dumps(result, indent=1))
    store.close()


if __name__ == "__main__":
    main()
