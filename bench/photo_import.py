"""Photo import throughput, against floors measured in the same run on the same corpus, both cores busy.

Corpus: realistic phone JPEGs made here (or reused with `--corpus DIR`): by default 40 × 12 MP (4000×3000) and
10 × 48 MP (8000×6000), quality 92, 3–8 MB each. The content compresses like a photograph: a sky-to-ground
gradient, overlapping shapes and lines (hard edges), multi-scale value noise (mostly luminance, some colour)
drawn at 2000×1500 and upscaled, plus fine luminance grain. EXIF as a Huawei phone writes it: Make/Model,
DateTimeOriginal + OffsetTimeOriginal "+08:00", Orientation 1 or 6, BodySerialNumber, and a GPS IFD (rationals,
N/E refs) along a river near Pingdingshan. Generation runs in a pool of 2 processes and is timed.

Measured, each with 2 workers over the 12 MP subset, the 48 MP subset and the whole corpus:
  (a) I/O floor: read the file, SHA-256 of its bytes.
  (b) work floor: (a) + JPEG draft decode at the scale the upload copy needs (`draft("RGB", (ceil(w·1600/L),
      ceil(h·1600/L)))`, L = long side: the decoder's DCT scaling gives 2000×1500 from 4000×3000 at 1/2 and from
      8000×6000 at 1/4) + JPEG encode of that upload copy (quality 85) to bytes. Nothing else: no EXIF, no
      thumbnail, no rotation, no disk write.
  (c) the app: `python -m patrol_app --data-dir <dir> import-photos <folders> --json` as a real process
      (start-up, database, library copy, thumbnails included) into an existing, empty data folder (created
      before the clock starts, as it exists on a user's laptop); every photo must come back "imported".
  (d) naive pipeline: (a) + full-size decode + LANCZOS resize to the same upload size + the same encode.
The floors (a), (b), (d) run in a ThreadPoolExecutor and in a ProcessPoolExecutor of 2 (pool started and warmed
before the clock starts, files largest first); the faster pool is the floor. Every file is read once before any
timing, so all figures are warm page cache. Each measurement runs `--runs` times, interleaved; medians reported,
with cpu/wall (CPU seconds over wall seconds: 2.0 = both cores busy). If the work floor got less than 1.6, other
processes were using a core and the verdict is INVALID.
Target: (c) reaches ≥ 70% of (b)'s throughput on the 12 MP subset.

    .venv/bin/python bench/photo_import.py [--n12 40] [--n48 10] [--corpus DIR] [--runs 5] [--skip-cli]
"""

from __future__ import annotations

import argparse
import compileall
import hashlib
import io
import json
import math
import multiprocessing
import os
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from datetime import datetime, timedelta
from pathlib import Path

from PIL import ExifTags, Image, ImageChops, ImageDraw
from PIL.TiffImagePlugin import IFDRational

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python" if (ROOT / ".venv" / "bin" / "python").exists() else Path(sys.executable)
WORKERS = 2
SIZES = {"12mp": (4000, 3000), "48mp": (8000, 6000)}
MB = 1_000_000
MIN_BYTES, MAX_BYTES = 3 * MB, 8 * MB
UPLOAD_MIN, UPLOAD_MAX = 1600, 2048
TARGET = 0.70
BUSY_MACHINE = 1.6  # the work floor keeps both cores busy (cpu/wall ≈ 1.9); below this, others were using a core

# ---------------------------------------------------------------------------------------------- corpus


def _noise(size: tuple[int, int], cell: int, sigma: float, colour: bool) -> Image.Image:
    """Value noise: Gaussian noise on a grid `cell` pixels apart, bicubically interpolated."""
    small = (max(2, size[0] // cell), max(2, size[1] // cell))
    bands = [Image.effect_noise(small, sigma) for _ in range(3 if colour else 1)]
    return Image.merge("RGB", bands if colour else bands * 3).resize(size, Image.Resampling.BICUBIC)


def _scene(size: tuple[int, int], rnd: random.Random, grain: float, detail: float) -> Image.Image:
    base = (2000, 1500)  # the scene is drawn at this size and upscaled, as a lens + demosaic would soften it
    ramp = Image.linear_gradient("L").resize(base, Image.Resampling.BILINEAR)
    top = [rnd.randint(150, 210) + d for d in (-10, 0, 25)]  # sky, bluish
    bottom = [rnd.randint(50, 110) + d for d in (0, 10, -15)]  # ground, greenish
    bands = [ramp.point(lambda v, a=a, b=b: a + (b - a) * v // 255) for a, b in zip(top, bottom, strict=True)]
    img = Image.merge("RGB", bands)
    draw = ImageDraw.Draw(img)
    for _ in range(60):
        x, y, r = rnd.randrange(base[0]), rnd.randrange(base[1]), rnd.randint(base[0] // 100, base[0] // 6)
        grey = rnd.randint(30, 220)
        colour = tuple(max(0, min(255, grey + rnd.randint(-30, 30))) for _ in range(3))
        kind = rnd.random()
        if kind < 0.4:
            draw.ellipse((x - r, y - r // 2, x + r, y + r // 2), fill=colour)
        elif kind < 0.8:
            draw.polygon([(x + rnd.randint(-r, r), y + rnd.randint(-r, r)) for _ in range(rnd.randint(3, 7))], colour)
        else:
            draw.line([(x, y), (x + 3 * rnd.randint(-r, r), y + rnd.randint(-r, r))], colour, rnd.randint(1, 6))
    for cell, sigma, colour in ((200, 25, True), (50, 30, False), (50, 10, True), (12, 25, False), (3, detail, False)):
        img = ImageChops.add(img, _noise(base, cell, sigma, colour), 1.0, -128)
    img = img.resize(size, Image.Resampling.BICUBIC)
    if grain:  # sensor grain: a noise tile repeated (JPEG cannot exploit the repetition; generating is 10× cheaper)
        tile = Image.merge("RGB", [Image.effect_noise((509, 509), grain)] * 3)
        layer = Image.new("RGB", size)
        for y in range(0, size[1], tile.height):
            for x in range(0, size[0], tile.width):
                layer.paste(tile, (x, y))
        img = ImageChops.add(img, layer, 1.0, -128)
    return img


def _dms(value: float) -> tuple[IFDRational, IFDRational, IFDRational]:
    degrees, minutes = int(value), int(value % 1 * 60)
    return IFDRational(degrees, 1), IFDRational(minutes, 1), IFDRational(round((value * 60 % 1) * 60_000), 1000)


def _exif(index: int) -> Image.Exif:
    taken = datetime(2026, 11, 28, 9, 0, 0) + timedelta(seconds=7 * index)  # one morning
    exif = Image.Exif()
    exif[0x010F], exif[0x0110], exif[0x0131] = "HUAWEI", "ELE-AL00", "ELE-AL00 10.1.0.162"
    exif[0x0112] = 6 if index % 3 == 0 else 1  # Orientation: portrait shots are stored landscape + tag 6
    exif[0x0132] = taken.strftime("%Y:%m:%d %H:%M:%S")
    sub = exif.get_ifd(ExifTags.IFD.Exif)
    sub[0x9003], sub[0x9011] = taken.strftime("%Y:%m:%d %H:%M:%S"), "+08:00"  # DateTimeOriginal, OffsetTimeOriginal
    sub[0xA431] = "ELE19A0004217"  # BodySerialNumber: the app must strip it from the upload copy
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[0x00], gps[0x05] = b"\x02\x02\x00\x00", b"\x00"  # GPSVersionID, AltitudeRef (above sea level)
    gps[0x01], gps[0x02] = "N", _dms(33.7280 + 0.00002 * index)  # along the Zhanhe near Pingdingshan
    gps[0x03], gps[0x04] = "E", _dms(113.1850 + 0.00003 * index)
    gps[0x06] = IFDRational(9800 + 37 * (index % 50), 100)  # ~98–117 m
    return exif


def _make_photo(job: tuple[str, int, str]) -> tuple[str, int]:
    subset, index, path = job
    rnd = random.Random(index * 7919 + len(subset))
    grain, detail = (rnd.uniform(3.5, 6.5), rnd.uniform(20, 30)) if subset == "12mp" else (rnd.uniform(0, 1.5), 10)
    _scene(SIZES[subset], rnd, grain, detail).save(path, "JPEG", quality=92, exif=_exif(index))
    return path, os.path.getsize(path)


def corpus(root: Path, counts: dict[str, int]) -> tuple[dict[str, list[Path]], float]:
    """The first `counts[subset]` photos of root/<subset>/, making the missing ones; (paths, seconds spent)."""
    jobs = []
    for subset, count in counts.items():
        (root / subset).mkdir(parents=True, exist_ok=True)
        offset = 0 if subset == "12mp" else 1000  # distinct times/positions across subsets
        for i in range(count):
            path = root / subset / f"IMG_20261128_{offset + i:04d}.jpg"
            if not path.exists():
                jobs.append((subset, offset + i, str(path)))
    start = time.perf_counter()
    if jobs:
        jobs.sort(key=lambda job: job[0] != "48mp")  # the big ones first, for an even split over the 2 workers
        with multiprocessing.Pool(WORKERS) as pool:
            for done, _ in enumerate(pool.imap_unordered(_make_photo, jobs), 1):
                print(f"\r  generating {done}/{len(jobs)}", end="", file=sys.stderr, flush=True)
        print(file=sys.stderr)
    paths = {s: sorted((root / s).glob("*.jpg"))[:n] for s, n in counts.items()}
    return paths, (time.perf_counter() - start if jobs else 0.0)


# ---------------------------------------------------------------------------------------------- the floors


def _read_and_hash(path: str) -> bytes:
    with open(path, "rb") as f:
        data = f.read()
    hashlib.sha256(data).hexdigest()
    return data


def _draft_request(img: Image.Image) -> tuple[int, int]:
    w, h = img.size
    long_side = max(w, h)
    return math.ceil(w * UPLOAD_MIN / long_side), math.ceil(h * UPLOAD_MIN / long_side)


def _encode(img: Image.Image) -> int:
    if not UPLOAD_MIN <= max(img.size) <= UPLOAD_MAX:
        raise AssertionError(f"upload copy {img.size} outside {UPLOAD_MIN}–{UPLOAD_MAX} px")
    out = io.BytesIO()
    img.save(out, "JPEG", quality=85)
    return out.tell()


def io_floor(path: str) -> int:
    return len(_read_and_hash(path))


def work_floor(path: str) -> int:
    data = _read_and_hash(path)
    img = Image.open(io.BytesIO(data))
    img.draft("RGB", _draft_request(img))
    img.load()
    _encode(img)
    return len(data)


def naive(path: str) -> int:
    data = _read_and_hash(path)
    img = Image.open(io.BytesIO(data))
    probe = Image.open(io.BytesIO(data))
    probe.draft("RGB", _draft_request(probe))  # only to learn the same upload size as (b); decodes nothing
    img.load()
    _encode(img.resize(probe.size, Image.Resampling.LANCZOS))
    return len(data)


def _cpu(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def timed_pool(kind: str, fn: Callable[[str], int], paths: list[Path]) -> tuple[float, float]:
    """(wall seconds, CPU seconds / wall seconds) of `fn` over `paths` in a warmed pool of 2."""
    files = [str(p) for p in sorted(paths, key=lambda p: p.stat().st_size, reverse=True)]
    who = resource.RUSAGE_SELF if kind == "thread" else resource.RUSAGE_CHILDREN
    cpu0 = _cpu(who)
    executor: Executor = ThreadPoolExecutor(WORKERS) if kind == "thread" else ProcessPoolExecutor(WORKERS)
    with executor:
        list(executor.map(time.sleep, [0.05] * WORKERS))  # start both workers (and the forks) before the clock
        start = time.perf_counter()
        list(executor.map(fn, files))
        wall = time.perf_counter() - start
    return wall, (_cpu(who) - cpu0) / wall


# ---------------------------------------------------------------------------------------------- the app


def _cli_env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}


def cli_available() -> str | None:
    """None if `import-photos` exists, else a message saying it is not available."""
    probe = [str(PYTHON), "-m", "patrol_app", "import-photos", "--help"]
    out = subprocess.run(probe, capture_output=True, text=True, env=_cli_env(), cwd=tempfile.gettempdir())
    return None if out.returncode == 0 else f"not available (`import-photos --help` exited {out.returncode})"


def timed_cli(targets: list[Path], expected: int) -> tuple[float, float, float]:
    """(wall seconds of the whole process, its CPU seconds / wall seconds, the seconds its summary line reports);
    fails unless every photo was imported."""
    with tempfile.TemporaryDirectory(prefix="patrol-bench-data-") as data_dir:
        # The data folder exists before the clock starts, as it does on a user's laptop: creating one
        # (schema, registry seed: ~0.2 s, once per laptop) is not part of importing photos.
        with tempfile.TemporaryDirectory() as nothing:
            subprocess.run([str(PYTHON), "-m", "patrol_app", "--data-dir", data_dir, "import-photos", nothing],
                           check=True, capture_output=True, env=_cli_env(), cwd=tempfile.gettempdir())
        cmd = [str(PYTHON), "-m", "patrol_app", "--data-dir", data_dir, "import-photos", *map(str, targets), "--json"]
        cpu0 = _cpu(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        out = subprocess.run(
            cmd, capture_output=True, text=True, env=_cli_env(), cwd=tempfile.gettempdir(), timeout=1800
        )
        wall = time.perf_counter() - start
        cpu = _cpu(resource.RUSAGE_CHILDREN) - cpu0
    lines = [json.loads(line) for line in out.stdout.splitlines() if line.strip().startswith("{")]
    imported = sum(1 for line in lines if line.get("status") == "imported")
    if out.returncode != 0 or imported != expected:
        others = [line for line in lines if line.get("status") not in (None, "imported")][:5]
        raise SystemExit(
            f"import-photos: exit {out.returncode}, {imported}/{expected} imported; first others: {others}\n"
            f"stderr: {out.stderr[-2000:]}"
        )
    inner = next((line["summary"].get("seconds") for line in lines if "summary" in line), None)
    return wall, cpu / wall, float("nan") if inner is None else float(inner)


# ---------------------------------------------------------------------------------------------- main

FLOORS: dict[str, Callable[[str], int]] = {"io_floor": io_floor, "work_floor": work_floor, "naive": naive}


def _figures(seconds: list[float], cpu: list[float], n: int, size: int) -> dict:
    median = statistics.median(seconds)
    return {"seconds": round(median, 3), "photos_per_s": round(n / median, 2), "mb_per_s": round(size / MB / median, 1),
            "cpu_per_wall": round(statistics.median(cpu), 2), "runs_s": [round(s, 3) for s in seconds]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n12", type=int, default=40)
    parser.add_argument("--n48", type=int, default=10)
    parser.add_argument("--corpus", type=Path, help="reuse (and complete) the corpus in this folder")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--skip-cli", action="store_true")
    args = parser.parse_args()

    tmp = None if args.corpus else tempfile.TemporaryDirectory(prefix="patrol-bench-photos-")
    root = args.corpus or Path(tmp.name)  # type: ignore[union-attr]
    paths, gen_seconds = corpus(root, {"12mp": args.n12, "48mp": args.n48})
    subsets = {name: p for name, p in {**paths, "all": paths["12mp"] + paths["48mp"]}.items() if p}
    print(f"corpus {root}: generated in {gen_seconds:.1f} s" if gen_seconds else f"corpus {root}: reused")
    for name, ps in paths.items():
        sizes = sorted(p.stat().st_size for p in ps)
        if sizes:
            print(f"  {name}: {len(ps)} photos, {sizes[0] / MB:.2f} / {statistics.median(sizes) / MB:.2f} / "
                  f"{sizes[-1] / MB:.2f} MB (min / median / max), {sum(sizes) / MB:.0f} MB in all")
        bad = [p.name for p in ps if not MIN_BYTES <= p.stat().st_size <= MAX_BYTES]
        if bad:
            raise SystemExit(f"{name}: {len(bad)} photos outside 3–8 MB: {bad[:5]}")
    for p in paths["12mp"] + paths["48mp"]:  # warm the page cache: every figure below is a warm-cache figure
        p.read_bytes()
    print("page cache warmed: every file was read once before timing (all figures are warm cache)")
    # An installed app starts from byte-compiled modules (pip and PyInstaller compile them); without this a
    # machine with PYTHONDONTWRITEBYTECODE set would compile the app's own modules again at every start (~30 ms).
    compileall.compile_dir(str(ROOT / "patrol_app"), quiet=1)

    skip = "skipped (--skip-cli)" if args.skip_cli else cli_available()
    print(f"app CLI (c): {skip or 'available'}; {WORKERS} workers; {args.runs} runs, interleaved, medians\n")
    times: dict[tuple[str, str, str], list[tuple[float, float]]] = {}
    cli_inner: dict[str, list[float]] = {}
    for run in range(args.runs):
        for name, ps in subsets.items():
            for measure, fn in FLOORS.items():
                for kind in ("thread", "process"):
                    times.setdefault((name, measure, kind), []).append(timed_pool(kind, fn, ps))
            if not skip:
                targets = []  # a folder when it holds exactly this subset's photos (the usual case), else the files
                for sub in ("12mp", "48mp"):
                    mine = [p for p in ps if p.parent.name == sub]
                    whole = mine and sorted((root / sub).glob("*.jpg")) == mine
                    targets += [root / sub] if whole else mine
                wall, cpu, inner = timed_cli(targets, len(ps))
                times.setdefault((name, "cli", "process"), []).append((wall, cpu))
                cli_inner.setdefault(name, []).append(inner)
        print(f"  run {run + 1}/{args.runs} done", file=sys.stderr)

    summary: dict = {"corpus": str(root), "generation_seconds": round(gen_seconds, 1), "warm_cache": True,
                     "workers": WORKERS, "runs": args.runs, "cli": skip or "available", "subsets": {}}
    for name, ps in subsets.items():
        size = sum(p.stat().st_size for p in ps)
        result: dict = {"photos": len(ps), "mb": round(size / MB, 1)}
        print(f"{name}: {len(ps)} photos, {size / MB:.0f} MB")
        print(f"  {'measure':<11} {'pool':<8} {'median s':>9} {'photos/s':>9} {'MB/s':>7} {'cpu/wall':>9}")
        for measure in (*FLOORS, "cli"):
            by_kind = {}
            for kind in ("thread", "process"):
                if (name, measure, kind) in times:
                    secs, cpu = zip(*times[(name, measure, kind)], strict=True)
                    by_kind[kind] = _figures(list(secs), list(cpu), len(ps), size)
                    f = by_kind[kind]
                    print(f"  {measure:<11} {kind:<8} {f['seconds']:>9.2f} {f['photos_per_s']:>9.2f} "
                          f"{f['mb_per_s']:>7.1f} {f['cpu_per_wall']:>9.2f}")
            if not by_kind:
                result[measure] = skip
                print(f"  {measure:<11} {skip}")
                continue
            best = min(by_kind, key=lambda k: by_kind[k]["seconds"])
            result[measure] = {"pool": best, **by_kind[best]}
            if measure == "cli":  # the rest of the wall time is start-up, opening the database, exit
                result[measure]["summary_seconds"] = round(statistics.median(cli_inner[name]), 3)
                print(f"  {'':<11} (its own summary says {result[measure]['summary_seconds']:.2f} s)")
            result[measure].update({k: {"photos_per_s": f["photos_per_s"], "cpu_per_wall": f["cpu_per_wall"]}
                                    for k, f in by_kind.items() if k != best})
        rate = {m: result[m]["photos_per_s"] for m in (*FLOORS, "cli") if isinstance(result[m], dict)}
        ratios = {"cli/work_floor": ("cli", "work_floor"), "cli/io_floor": ("cli", "io_floor"),
                  "work_floor/naive": ("work_floor", "naive")}
        result["ratios"] = {k: round(rate[a] / rate[b], 3) if a in rate else None for k, (a, b) in ratios.items()}
        print("  ratios (throughput): " + ", ".join(f"{k} {v if v is not None else 'n/a'}"
                                                   for k, v in result["ratios"].items()) + "\n")
        summary["subsets"][name] = result
    ratio = summary["subsets"].get("12mp", {}).get("ratios", {}).get("cli/work_floor")
    verdict = "n/a (no CLI figure)" if ratio is None else ("PASS" if ratio >= TARGET else "FAIL")
    starved = {n: r["work_floor"]["cpu_per_wall"] for n, r in summary["subsets"].items()
               if r["work_floor"]["cpu_per_wall"] < BUSY_MACHINE}
    if starved:
        verdict = f"INVALID (measured {verdict}, but the machine was busy)"
        print(f"WARNING: the work floor got cpu/wall {starved} < {BUSY_MACHINE}: other processes were using the cores "
              "during this run, so these figures do not measure 'both cores busy'. Run again on a quieter machine.")
    summary["target"] = {"cli/work_floor on 12mp": ratio, "at_least": TARGET, "verdict": verdict}
    print(f"target: app ≥ {TARGET:.0%} of the work floor's throughput on 12 MP: {verdict}\n")
    print(re.sub(r"\[\s+([^][{}]*?)\s+\]", lambda m: "[" + " ".join(m.group(1).split()) + "]",
                 json.dumps(summary, indent=1)))  # number lists on one line
    if tmp:
        tmp.cleanup()


if __name__ == "__main__":
    main()
