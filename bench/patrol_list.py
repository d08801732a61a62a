"""Patrols at county scale: opening the patrol list and computing the home page's compliance panel for
1,000+ reaches over a year, as ratios to a bare `SELECT count(*) FROM patrols` on the same database,
and the GUI thread's longest stall meanwhile.

Data: `patrol-app demo --size large` (1,037 reaches, ~140,000 patrols over three years). The bench adds
one profile holding every reach (a village-level rule: one patrol a week, so a year is ~48 periods ×
1,037 reaches). Each list measurement is the wall time from asking the page's model for a filter to its
`loaded` signal (count + first page read by a worker and shown); the compliance panel is timed from
asking the home page for its year view to `year_loaded` (a worker counts reach × period in one SQL
query and the table shows 1,037 lines), the current-period summary to `loaded`, and the year
computation alone on a fresh connection (outside the heartbeat: it runs on the bench's thread).
Medians of --runs, interleaved with the baseline, a fresh connection each time, warm cache. A 10 ms
heartbeat timer on the GUI thread records its longest stall throughout, including scrolling 20 pages.

    .venv/bin/python bench/patrol_list.py [--data-dir DIR] [--runs 7]
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
from datetime import datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from gui_probe import Heartbeat, bare_count, spin, wait_for  # noqa: E402  (bench/ is the script's folder)
from PySide6.QtWidgets import QApplication  # noqa: E402

from patrol_app.dashboard import year_summary  # noqa: E402
from patrol_app.domain.enums import Level, Role  # noqa: E402
from patrol_app.domain.ids import utc_now  # noqa: E402
from patrol_app.store import Store, open_store  # noqa: E402
from patrol_app.store.patrols import PatrolFilter  # noqa: E402
from patrol_app.ui import i18n, style  # noqa: E402
from patrol_app.ui.pages.home import HomePage  # noqa: E402
from patrol_app.ui.pages.patrols import PatrolsPage  # noqa: E402
from patrol_app.ui.tasks import TaskRunner  # noqa: E402

BENCH_PROFILE = "县河长办（基准测试）"


def county_profile(store: Store):  # noqa: ANN201
    codes = [r.code for r in store.registry.reaches()]
    for profile in store.profiles.all():
        if profile.unit == BENCH_PROFILE:
            return profile
    return store.profiles.save(name="基准", role=Role.CHIEF, level=Level.VILLAGE, unit=BENCH_PROFILE,
                               reach_codes=codes, make_current=False)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir", type=Path)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    data_dir = args.data_dir or Path(tempfile.mkdtemp(prefix="patrol-patrols-")) / "large"
    if not (data_dir / "patrol.db").exists():
        subprocess.run([sys.executable, "-m", "patrol_app", "--data-dir", str(data_dir), "demo", "--size", "large"],
                       check=True, env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True)
    db = data_dir / "patrol.db"
    store = open_store(data_dir)
    profile = county_profile(store)
    with open(db, "rb") as f:  # warm cache
        while f.read(1 << 24):
            pass
    app = QApplication(sys.argv[:1])
    style.apply(app)
    i18n.install(i18n.CHINESE)
    runner = TaskRunner()
    now = utc_now()
    total = store.patrols.count()
    reaches = len(profile.reach_codes)
    mine = tuple(profile.reach_codes)
    year_ago = now - timedelta(days=365)

    filters = {
        "open the list: my 1,037 reaches, last 12 months": PatrolFilter(reach_codes=mine, started_from=year_ago),
        "all reaches, any time": PatrolFilter(),
        "one reach, any time": PatrolFilter(reach_codes=(mine[len(mine) // 2],)),
        "not valid, last 12 months": PatrolFilter(reach_codes=mine, started_from=year_ago, validity="invalid"),
        "with warnings, any time": PatrolFilter(validity="flagged"),
        "drafts": PatrolFilter(status="draft"),
    }
    beat = Heartbeat()
    beat.start()
    start = time.perf_counter()
    page = PatrolsPage(store=store, runner=runner)
    page.resize(1366, 768)
    page.show()
    app.processEvents()
    page_build = time.perf_counter() - start
    home = HomePage(data_dir=data_dir, runner=runner)
    home.resize(1366, 768)
    home.show()
    model = page.model
    times: dict[str, list[float]] = {name: [] for name in filters}
    counts: dict[str, int] = {}
    year_times: list[float] = []
    period_times: list[float] = []
    direct_year: list[float] = []
    baseline: list[float] = []
    home.set_profile(profile)
    wait_for(home.loaded)
    home.view_choice.setCurrentIndex(1)
    wait_for(home.year_loaded)
    for _ in range(args.runs):
        baseline.append(bare_count(db, "patrols"))
        for name, where in filters.items():
            t0 = time.perf_counter()
            model.set_filter(where)
            wait_for(model.loaded)
            times[name].append(time.perf_counter() - t0)
            counts[name] = model.total
            baseline.append(bare_count(db, "patrols"))
            spin(20)
        t0 = time.perf_counter()
        home.refresh()  # the year view is showing: the current period and the year are both recomputed
        wait_for(home.year_loaded)
        year_times.append(time.perf_counter() - t0)
        baseline.append(bare_count(db, "patrols"))
        home.view_choice.setCurrentIndex(0)
        t0 = time.perf_counter()
        home.refresh()
        wait_for(home.loaded)
        period_times.append(time.perf_counter() - t0)
        home.view_choice.setCurrentIndex(1)
        wait_for(home.year_loaded)
        spin(20)
    filter_gaps = list(beat.gaps)
    beat.stop()
    for _ in range(args.runs):  # the worker's part alone, on this thread (so not while the heartbeat runs)
        t0 = time.perf_counter()
        with Store.connect(data_dir) as other:
            summary = year_summary(other, list(mine), other.registry.rules()[Level.VILLAGE], now)
        direct_year.append(time.perf_counter() - t0)
        baseline.append(bare_count(db, "patrols"))
    beat.start()

    model.set_filter(PatrolFilter())
    wait_for(model.loaded)
    mark = len(beat.gaps)
    bar = page.table.verticalScrollBar()
    for _ in range(20):
        rows = model.rowCount()
        bar.setValue(bar.maximum())
        deadline = time.perf_counter() + 10
        while model.rowCount() == rows and time.perf_counter() < deadline:
            spin(5)
    spin(200)
    beat.stop()
    scroll_gaps = beat.gaps[mark:]
    runner.wait_for_idle()

    base = statistics.median(baseline)

    def entry(samples: list[float], **extra) -> dict:  # noqa: ANN003
        return {**extra, "median_ms": round(statistics.median(samples) * 1000, 1),
                "ratio_to_count": round(statistics.median(samples) / base, 1)}

    result = {
        "patrols": total,
        "reaches": reaches,
        "runs": args.runs,
        "baseline_select_count_ms": round(base * 1000, 2),
        "patrol_list": {name: entry(t, matches=counts[name]) for name, t in times.items()},
        "compliance_panel": {
            "year view on the home page (worker + table), 1,037 reaches × "
            f"{summary.last.index - summary.first.index + 1} weeks": entry(year_times),
            "the year computation alone (fresh connection, one SQL query, 1,037 lines)": entry(direct_year),
            "this period (home page summary)": entry(period_times),
        },
        "longest_gui_stall_ms": {"filtering_and_home": round(max(filter_gaps), 1),
                                 "scrolling_20_pages": round(max(scroll_gaps), 1)},
        "patrols_page_build_ms": round(page_build * 1000, 1),
        "measured_at": datetime.now().isoformat(timespec="seconds"),
    }
    print(json.dumps(result, indent=1, ensure_ascii=False))
    store.close()


if __name__ == "__main__":
    main()
