"""The PyInstaller bundle against running from source: its size, and start-up (process start → exit for
`--version`, → main window shown for the GUI), as a ratio measured in the same run.

Runs are interleaved (source, bundle, source, …) and medians compared, twice:
  warm  the files are in the page cache (a second start of the day);
  cold  before each start, that side's files are dropped from the page cache with posix_fadvise(DONTNEED)
        (Linux): for the bundle its whole folder, for the source our packages, the venv's site-packages,
        the standard library and libpython. System libraries both use (libc, libstdc++, fontconfig…) stay
        cached, and the whole machine's cache is not dropped (others work on it).
Our bytecode is compiled first on the source side, as pip does for an install. The GUI opens a small demo
data folder, offscreen. No target: this describes what a user gets, and the bundle should not be slower
than the source it was made from.

    make bundle && QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bundle_start.py [--runs 7]
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
EXE = ".exe" if sys.platform == "win32" else ""


def timed(cmd: list[str], env: dict[str, str], *, until_shown: bool) -> float:
    """Seconds from just before the spawn to the process's exit, or to its `window-shown` line."""
    start = time.time()
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=180, cwd=tempfile.gettempdir(),
                          check=False)
    end = time.time()
    if done.returncode != 0:
        raise SystemExit(f"{cmd} failed ({done.returncode}): {done.stderr[-2000:]}")
    if not until_shown:
        return end - start
    line = next(line for line in done.stdout.splitlines() if line.startswith("window-shown "))
    return float(line.split()[1]) - start


def evict(roots: list[Path]) -> int:
    """Drop these files from the page cache (Linux); returns how many were dropped, 0 where it cannot."""
    if not hasattr(os, "posix_fadvise"):
        return 0
    dropped = 0
    for root in roots:
        for path in [root] if root.is_file() else root.rglob("*"):
            try:
                if path.is_file() and not path.is_symlink():
                    fd = os.open(path, os.O_RDONLY)
                    try:
                        os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
                        dropped += 1
                    finally:
                        os.close(fd)
            except OSError:
                pass
    return dropped


def source_files() -> list[Path]:
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    base_lib = Path(sys.base_prefix) / "lib"
    return [ROOT / "patrol_app", ROOT / "sync", ROOT / "resources", Path(sys.prefix) / "lib", base_lib / version,
            *base_lib.glob("libpython3*"), Path(sys.executable).resolve()]


def size(folder: Path) -> dict[str, float]:
    files = [p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()]
    du = subprocess.run(["du", "-sk", str(folder)], capture_output=True, text=True, check=False)
    parts: dict[str, int] = {}
    internal = folder / "_internal"
    for p in files:
        rel = p.relative_to(internal if p.is_relative_to(internal) else folder).parts
        key = "/".join(rel[:2]) if rel[0] == "PySide6" else rel[0]
        parts[key] = parts.get(key, 0) + p.stat().st_size
    biggest = sorted(parts.items(), key=lambda kv: -kv[1])[:8]
    return {
        "files": len(files),
        "mb": round(sum(p.stat().st_size for p in files) / 1e6, 1),
        "du_mib": round(int(du.stdout.split()[0]) / 1024, 1) if du.returncode == 0 else None,
        "largest_mb": {k: round(v / 1e6, 1) for k, v in biggest},
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--bundle", type=Path, default=ROOT / "build" / "dist" / "patrol-app")
    args = parser.parse_args()
    bundle_exe = args.bundle / f"patrol-app{EXE}"
    if not bundle_exe.is_file():
        raise SystemExit(f"no bundle at {args.bundle}: make bundle first")

    env = {k: v for k, v in os.environ.items() if not k.startswith("PATROL_")}
    env["QT_QPA_PLATFORM"] = env.get("QT_QPA_PLATFORM", "offscreen")
    source_env = {**env, "PYTHONPATH": str(ROOT)}
    source_env.pop("PYTHONDONTWRITEBYTECODE", None)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "patrol_app"), str(ROOT / "sync")],
                   check=True, env=source_env)
    scratch = tempfile.TemporaryDirectory(prefix="patrol-bundle-bench-")
    data = Path(scratch.name) / "data"
    subprocess.run([sys.executable, "-m", "patrol_app", "--data-dir", str(data), "demo"], check=True,
                   env=source_env, capture_output=True)

    source = [sys.executable, "-m", "patrol_app"]
    bundle = [str(bundle_exe)]
    gui_env = {"PATROL_APP_STARTUP_PROBE": "shown"}
    cases = {
        "version": (["--version"], {}, False),
        "window_shown": (["--data-dir", str(data), "--lang", "zh_CN"], gui_env, True),
    }
    result: dict[str, object] = {"runs": args.runs, "bundle": str(args.bundle), "size": size(args.bundle)}
    files = {"source": source_files(), "bundle": [args.bundle]}
    commands = {"source": (source, source_env), "bundle": (bundle, env)}
    can_evict = evict([args.bundle / f"patrol-app{EXE}"]) > 0
    for name, (extra, more_env, until_shown) in cases.items():
        for temperature in ("warm", "cold") if can_evict else ("warm",):
            runs: dict[str, list[float]] = {"source": [], "bundle": []}
            for side in runs:  # one start each before measuring: the warm runs' cache, the cold runs' imports
                timed(commands[side][0] + extra, {**commands[side][1], **more_env}, until_shown=until_shown)
            for _ in range(args.runs):
                for side, (cmd, side_env) in commands.items():
                    if temperature == "cold":
                        evict(files[side])
                    runs[side].append(timed(cmd + extra, {**side_env, **more_env}, until_shown=until_shown))
            src, bun = statistics.median(runs["source"]), statistics.median(runs["bundle"])
            result[f"{name}_{temperature}"] = {
                "source_s": round(src, 3), "bundle_s": round(bun, 3),
                "ratio_bundle_to_source": round(bun / src, 2),
                "spread_source_s": [round(min(runs["source"]), 3), round(max(runs["source"]), 3)],
                "spread_bundle_s": [round(min(runs["bundle"]), 3), round(max(runs["bundle"]), 3)],
            }
    print(json.dumps(result, indent=1, ensure_ascii=False))
    scratch.cleanup()


if __name__ == "__main__":
    main()
