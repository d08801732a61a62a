"""Issue 13 benchmark (a): the small demo's first sync over a slow link, against the time its bytes need.

A real office (`python -m sync.office serve`, SQLite) behind the tests' FaultProxy, shaped to 100 ms
one way (200 ms RTT) and a 2 Mbit/s bucket shared by both directions; the device is a fresh copy of
`patrol-app demo` (small, the default seed), enrolled, and `patrol-app sync --json` runs as a real
process, timed from spawn to exit. The proxy counts the bytes it passes each way (HTTP headers and
bodies; TCP/IP framing is neither simulated nor counted). Ideal time = (up + down) × 8 / 2e6: with a
shared bucket the link cannot move the bytes faster than that. Baseline in the same run: the same
sync with the proxy unshaped (what start-up, hashing, the database and the office cost locally).
Runs alternate shaped / unshaped on fresh copies; medians.

    PYTHONPATH=. .venv/bin/python bench/sync_slow_link.py [--runs 3] [--bps 2e6] [--rtt 0.2]

Target: shaped wall time ≤ 1.3 × ideal.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.sync.conftest import Office, _free_port  # noqa: E402  (the tests' real-office runner)
from tests.sync.faultproxy import FaultProxy  # noqa: E402

ENV = {**os.environ, "PYTHONPATH": str(ROOT), "PATROL_APP_NO_KEYRING": "1"}


def app(device: Path, *args: str, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "patrol_app", "--data-dir", str(device), *args],
                          capture_output=True, text=True, env=ENV, timeout=timeout)


def one_run(template: Path, work: Path, *, shaped: bool, bps: float, rtt: float) -> dict:
    device = work / "app"
    shutil.copytree(template, device)
    office = Office(work / "office", None, _free_port())
    office.start()
    proxy = FaultProxy(office.port)
    try:
        done = app(device, "enroll", "--server", proxy.url, "--code", office.enroll_code())
        assert done.returncode == 0, done.stderr
        pending = json.loads(app(device, "info", "--json").stdout)["pending_sync"]["total"]
        if shaped:
            proxy.latency_s = rtt / 2
            proxy.bucket.bps = bps
        proxy.bytes_up = proxy.bytes_down = 0
        start = time.perf_counter()
        done = app(device, "sync", "--json")
        wall = time.perf_counter() - start
        report = json.loads(done.stdout)
        assert done.returncode == 0 and report["complete"] and report["sent"] == pending, done.stdout + done.stderr
        up, down = proxy.bytes_up, proxy.bytes_down
        return {"shaped": shaped, "wall": wall, "up": up, "down": down, "ideal": (up + down) * 8 / bps,
                "records": report["sent"], "photos": report["photos_sent"]}
    finally:
        proxy.close()
        office.stop()
        shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--bps", type=float, default=2e6)
    parser.add_argument("--rtt", type=float, default=0.2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="sync-bench-") as tmp:
        template = Path(tmp) / "template"
        done = app(template, "demo")
        assert done.returncode == 0, done.stderr
        rows = []
        for n in range(args.runs):
            for shaped in (True, False):
                row = one_run(template, Path(tmp) / f"run{n}-{shaped}", shaped=shaped, bps=args.bps, rtt=args.rtt)
                rows.append(row)
                print(f"run {n + 1} {'shaped  ' if shaped else 'unshaped'}: {row['wall']:.2f} s, "
                      f"up {row['up']:,} B, down {row['down']:,} B, ideal {row['ideal']:.2f} s, "
                      f"ratio {row['wall'] / row['ideal']:.3f}", flush=True)
    shaped = [r for r in rows if r["shaped"]]
    bare = [r for r in rows if not r["shaped"]]
    med = statistics.median
    first = shaped[0]
    print(f"\n{first['records']} records, {first['photos']} photos; link {args.bps / 1e6:g} Mbit/s shared, "
          f"RTT {args.rtt * 1000:.0f} ms; {args.runs} runs each, medians")
    print("| | wall | bytes up | bytes down | ideal at the link rate | wall / ideal |")
    print("|---|---|---|---|---|---|")
    for name, group in (("shaped", shaped), ("unshaped (baseline)", bare)):
        print(f"| {name} | {med(r['wall'] for r in group):.2f} s | {med(r['up'] for r in group):,.0f} | "
              f"{med(r['down'] for r in group):,.0f} | {med(r['ideal'] for r in group):.2f} s | "
              f"{med(r['wall'] / r['ideal'] for r in group):.3f}× |")
    ratio = med(r["wall"] / r["ideal"] for r in shaped)
    overhead = med(r["wall"] for r in shaped) - med(r["ideal"] for r in shaped) - med(r["wall"] for r in bare)
    print(f"\nshaped wall / ideal: **{ratio:.3f}×** (target ≤ 1.3×); beyond ideal + local work: {overhead:.2f} s "
          f"(round trips and what does not overlap)")


if __name__ == "__main__":
    main()
