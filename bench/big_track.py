"""Big GPS tracks through `patrol-app import-track`: wall time and peak memory against a 10k-point track.

Each size is a GPX log as a 1 Hz logger writes it (tests/geo/big_gpx.py: trkpt with ele and time, a new
segment each day), imported by a real process into a fresh data folder, the whole CLI path: read, parse,
clean up, measure, check, store, print. Peak RSS is the child's own (os.wait4), not this script's. Sizes
are interleaved over the runs; medians. The baseline (10,000 points, a long patrol) runs in the same
rounds, so the ratios hold on a noisy machine.

    .venv/bin/python bench/big_track.py [--sizes 10000,86400,250000,604800,604801] [--runs 3] [--dir DIR]
                                        [--no-others]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from patrol_app.geo.readers import MAX_BYTES, MAX_KML_POINTS, MAX_NMEA_FIXES, MAX_POINTS  # noqa: E402
from tests.geo.big_gpx import write_gpx, write_kml, write_nmea  # noqa: E402

BASELINE = 10_000


def run_import(gpx: Path, data_dir: Path) -> dict[str, object]:
    """One `import-track --json` in a fresh process: wall seconds, peak RSS (MB), exit code, its answer."""
    if data_dir.exists():
        shutil.rmtree(data_dir)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-m", "patrol_app", "--data-dir", str(data_dir), "import-track",
                                 str(gpx), "--json"], stdout=out, stderr=subprocess.DEVNULL, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        answer = json.loads(out.read() or b"{}")
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss_mb": usage.ru_maxrss / 1024,
            "rc": proc.returncode, "answer": answer}


def count_trkpt(path: Path) -> int:
    with path.open("rb") as f:
        return sum(len(re.findall(rb"<trkpt\b", line)) for line in f)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default=f"10000,86400,250000,{MAX_POINTS},{MAX_POINTS + 1}",
                    help="GPX sizes (default: up to the limit and one point over it)")
    ap.add_argument("--others", action=argparse.BooleanOptionalAction, default=True,
                    help="also KML at MAX_KML_POINTS and NMEA at MAX_NMEA_FIXES")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--dir", type=Path, help="keep the generated GPX files here and reuse them")
    args = ap.parse_args()
    work = args.dir or Path(tempfile.mkdtemp(prefix="big-track-"))
    work.mkdir(parents=True, exist_ok=True)
    cases = [("gpx", n) for n in sorted({BASELINE, *(int(s) for s in args.sizes.split(","))})]
    if args.others:
        cases += [("kml", MAX_KML_POINTS), ("nmea", MAX_NMEA_FIXES)]
    writers = {"gpx": write_gpx, "kml": write_kml, "nmea": write_nmea}
    files = {}
    for fmt, n in cases:
        path = work / f"log-{n}.{fmt}"
        if not path.exists():
            writers[fmt](path, n)
        files[fmt, n] = path
    print(f"limits: MAX_POINTS {MAX_POINTS:,}, MAX_BYTES {MAX_BYTES / 2**20:.0f} MB; {os.cpu_count()} cores; "
          f"{args.runs} run(s) per size, interleaved", flush=True)
    results: dict[tuple[str, int], list[dict[str, object]]] = {c: [] for c in cases}
    for _ in range(args.runs):
        for c in cases:
            results[c].append(run_import(files[c], work / "data"))
    base = results["gpx", BASELINE]
    base_wall = statistics.median(r["wall"] for r in base)  # type: ignore[misc]
    base_rss = statistics.median(r["rss_mb"] for r in base)  # type: ignore[misc]
    base_cpu = statistics.median(r["cpu"] for r in base)  # type: ignore[misc]
    print("| format | points | file MB | exit | stored points | wall s (median) | × 10k | CPU s | × 10k | "
          "peak RSS MB | × 10k | RSS above 10k MB | CPU µs/point above 10k |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for fmt, n in cases:
        rs = results[fmt, n]
        wall = statistics.median(r["wall"] for r in rs)  # type: ignore[misc]
        rss = statistics.median(r["rss_mb"] for r in rs)  # type: ignore[misc]
        cpu = statistics.median(r["cpu"] for r in rs)  # type: ignore[misc]
        answer = rs[-1]["answer"]
        stored = answer.get("points", answer.get("error"))  # type: ignore[union-attr]
        per_point = (cpu - base_cpu) / (n - BASELINE) * 1e6 if n > BASELINE else float("nan")
        print(f"| {fmt} | {n:,} | {files[fmt, n].stat().st_size / 1e6:.1f} | {rs[-1]['rc']} | {stored} | {wall:.2f} | "
              f"{wall / base_wall:.1f} | {cpu:.2f} | {cpu / base_cpu:.1f} | {rss:.0f} | {rss / base_rss:.1f} | "
              f"{rss - base_rss:.0f} | {per_point:.1f} |", flush=True)
        if fmt == "gpx" and isinstance(stored, int) and stored != count_trkpt(files[fmt, n]):
            print(f"  !! {n}: stored {stored} points, the file has {count_trkpt(files[fmt, n])} <trkpt>")
    if not args.dir:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
