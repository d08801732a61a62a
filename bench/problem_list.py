"""Problem lists with 100,000+ problems: opening the list and applying filters, as ratios to a bare
`SELECT count(*) FROM problems` on the same database, and the GUI thread's longest stall meanwhile.

Data: `patrol-app demo --size large` (100,000+ problems with their event logs). Each measurement is
the wall time from asking the page's list model for a filter to its `loaded` signal (the count and the
first page, read by a worker, shown in the table), median of --runs, interleaved with the baseline, on
one page built beforehand (building the page's widgets is timed on its own). The baseline is
`SELECT count(*) FROM problems` on a fresh connection, timed the same way (median). A 10 ms heartbeat
timer on the GUI thread measures its longest stall while the lists filter and scroll 20 pages
(`fetchMore`). Offscreen platform. Warm cache (the database is read once before timing).

    .venv/bin/python bench/problem_list.py [--data-dir DIR] [--runs 7]
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

from gui_probe import Heartbeat, bare_count, spin, wait_for  # noqa: E402  (bench/ is the script's folder)
from PySide6.QtWidgets import QApplication  # noqa: E402

from patrol_app.domain.ids import utc_now  # noqa: E402
from patrol_app.domain.problems import local_date  # noqa: E402
from patrol_app.store import open_store  # noqa: E402
from patrol_app.store.problems import ProblemFilter  # noqa: E402
from patrol_app.ui import i18n, style  # noqa: E402
from patrol_app.ui.pages.problems import ProblemsPage  # noqa: E402
from patrol_app.ui.tasks import TaskRunner  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir", type=Path)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    data_dir = args.data_dir or Path(tempfile.mkdtemp(prefix="patrol-problems-")) / "large"
    if not (data_dir / "patrol.db").exists():
        subprocess.run([sys.executable, "-m", "patrol_app", "--data-dir", str(data_dir), "demo", "--size", "large"],
                       check=True, env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True)
    db = data_dir / "patrol.db"
    with open(db, "rb") as f:  # warm cache
        while f.read(1 << 24):
            pass
    app = QApplication(sys.argv[:1])
    style.apply(app)
    i18n.install(i18n.CHINESE)
    store = open_store(data_dir)
    runner = TaskRunner()
    today = local_date(utc_now())
    total = store.problems.count(ProblemFilter(today))

    filters = {
        "open the list (not closed, newest first)": ProblemFilter(today, open_only=True),
        "all states": ProblemFilter(today),
        "filter: overdue only": ProblemFilter(today, overdue=True),
        "filter: category 乱采 (sand/earth), all states": ProblemFilter(today, category="mining"),
        "filter: major, not closed": ProblemFilter(today, open_only=True, severity="major"),
        "filter: search '垃圾' in descriptions": ProblemFilter(today, text="垃圾"),
        "filter: closed": ProblemFilter(today, states=("closed",)),
    }
    times: dict[str, list[float]] = {name: [] for name in filters}
    counts: dict[str, int] = {}
    baseline: list[float] = []
    # Building the page's widgets happens once, on the GUI thread, the first time the page is opened.
    builds = []
    for _ in range(5):
        start = time.perf_counter()
        page = ProblemsPage(store=store, runner=runner)
        page.resize(1366, 768)
        page.show()
        app.processEvents()
        builds.append(time.perf_counter() - start)
        if len(builds) < 5:
            page.close()
            page.deleteLater()
            spin(20)
    model = page.problem_list.model
    beat = Heartbeat()
    beat.start()
    for _ in range(args.runs):
        baseline.append(bare_count(db, "problems"))
        for name, where in filters.items():
            start = time.perf_counter()
            model.set_filter(where)
            wait_for(model.loaded)
            times[name].append(time.perf_counter() - start)
            counts[name] = model.total
            baseline.append(bare_count(db, "problems"))
            spin(20)
    opening_gaps = list(beat.gaps)

    # Scroll 20 pages down the whole list: each further page is fetched by a worker.
    model.set_filter(ProblemFilter(today))
    wait_for(model.loaded)
    mark = len(beat.gaps)
    bar = page.problem_list.table.verticalScrollBar()
    scroll_start = time.perf_counter()
    for _ in range(20):
        rows = model.rowCount()
        bar.setValue(bar.maximum())
        deadline = time.perf_counter() + 10
        while model.rowCount() == rows and time.perf_counter() < deadline:
            spin(5)
    scroll_s = time.perf_counter() - scroll_start
    spin(200)
    beat.stop()
    scroll_gaps = beat.gaps[mark:]
    runner.wait_for_idle()

    base = statistics.median(baseline)
    result = {
        "problems": total,
        "runs": args.runs,
        "baseline_select_count_ms": round(base * 1000, 2),
        "measures": {
            name: {"matches": counts[name], "median_ms": round(statistics.median(t) * 1000, 1),
                   "ratio_to_count": round(statistics.median(t) / base, 1)}
            for name, t in times.items()
        },
        "scroll_20_pages": {"rows_loaded": model.rowCount(), "seconds": round(scroll_s, 2),
                            "longest_gui_stall_ms": round(max(scroll_gaps), 1)},
        "longest_gui_stall_ms_while_opening_and_filtering": round(max(opening_gaps), 1),
        "page_build_ms": {"first": round(builds[0] * 1000, 1),
                          "median_of_next_4": round(statistics.median(builds[1:]) * 1000, 1)},
    }
    print(json.dumps(result, indent=1, ensure_ascii=False))
    store.close()


if __name__ == "__main__":
    main()
