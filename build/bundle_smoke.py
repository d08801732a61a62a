"""Smoke test of the one-folder bundle (`make bundle-test`): copied away from the source tree, run offscreen.

    QT_QPA_PLATFORM=offscreen .venv/bin/python build/bundle_smoke.py build/dist/patrol-app [--keep]

The bundle is copied into a temporary folder whose path has Chinese and a space in it (as an install
under a Chinese user name would), with the data folders beside it, and run with an environment that
points nowhere into the checkout. Checked, each step timed:
  patrol-app --version      the version of pyproject.toml
  demo, check               a demo data folder, then its integrity and every photo's hash
  import-photos             JPEGs with EXIF made here (tests/photos_factory.py) and one HEIC (pillow-heif)
  office                    the bundle's patrol-office: enroll-code, serve on a free port of 127.0.0.1
  enroll, sync              the app's records and photos reach the office; the office's export holds
                            every record and photo file of the device's export
  GUI                       the window opens and closes (PATROL_APP_STARTUP_PROBE): in Chinese under a
                            Chinese locale with Qt's own words translated too, and in English with --lang en
Waits are for states (the server answering, a process ending), never fixed sleeps.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import tomllib
import urllib.request
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # tests/photos_factory.py makes the photos (on the build side, not the bundle's)

from tests.photos_factory import make_folder, make_photo  # noqa: E402

EXE = ".exe" if sys.platform == "win32" else ""
STEP_TIMEOUT = 300  # a safety net for a hung step; a healthy one takes seconds
# Signs of a broken bundle in a run that still exited 0.
BAD_STDERR = ("Traceback", "Cannot load library", "Could not find the Qt platform plugin", "QThread: Destroyed",
              "ModuleNotFoundError", "No module named")


class SmokeFailure(Exception):
    pass


class Bundle:
    """The copied bundle and the data folders beside it; runs its executables with a clean environment."""

    def __init__(self, home: Path) -> None:
        self.home = home
        self.app = home / f"patrol-app{EXE}"
        self.office = home / f"patrol-office{EXE}"
        env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV", "PATROL_"))}
        env.update(
            QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
            # keyring is imported and asked (the frozen import is part of the test), but its null backend
            # keeps the token out of a developer's real keyring: the app then writes its token file.
            PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring",
        )
        self.env = env

    def run(self, exe: Path, *args: str, env: dict[str, str] | None = None,
            expect: int = 0) -> subprocess.CompletedProcess[str]:
        done = subprocess.run([str(exe), *args], capture_output=True, text=True, encoding="utf-8", errors="replace",
                              env={**self.env, **(env or {})}, cwd=self.home.parent, timeout=STEP_TIMEOUT,
                              check=False)
        if done.returncode != expect or any(bad in done.stderr for bad in BAD_STDERR):
            raise SmokeFailure(f"{exe.name} {' '.join(args)} exited {done.returncode} (expected {expect})\n"
                               f"stdout: {done.stdout[-2000:]}\nstderr: {done.stderr[-3000:]}")
        return done


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - our own server on 127.0.0.1
            return json.loads(response.read()).get("service") == "patrol-office"
    except (OSError, ValueError):
        return False


def _wait_until(state: Callable[[], bool], what: str, process: subprocess.Popen | None = None,
                timeout: float = 120) -> None:
    """Poll `state` until it holds; fail at once if `process` ends first."""
    deadline = time.monotonic() + timeout
    while not state():
        if process is not None and process.poll() is not None:
            raise SmokeFailure(f"{what}: the process ended with {process.returncode} first")
        if time.monotonic() > deadline:
            raise SmokeFailure(f"{what}: not within {timeout:.0f} s")
        time.sleep(0.05)


def _uuids(export: Path) -> dict[str, set[str]]:
    kinds = {}
    for jsonl in sorted(export.glob("*.jsonl")):
        lines = jsonl.read_text(encoding="utf-8").splitlines()
        kinds[jsonl.stem] = {json.loads(line)["uuid"] for line in lines if line.strip()}
    return kinds


def _json_lines(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip().startswith("{")]


def smoke(source: Path, work: Path) -> dict[str, float]:
    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    times: dict[str, float] = {}

    def step(name: str) -> Callable[[Callable[[], str | None]], None]:
        def run(fn: Callable[[], str | None]) -> None:
            start = time.monotonic()
            detail = fn()
            times[name] = time.monotonic() - start
            print(f"ok  {name:<16} {times[name]:6.2f} s  {detail or ''}", flush=True)
        return run

    home = work / "安装 目录" / source.name
    data = work / "数据 data" / "巡河"
    office_data = work / "市河长办 office"
    bundle = Bundle(home)

    @step("copy")
    def _() -> str:
        shutil.copytree(source, home, symlinks=True)
        return f"to {home}"

    @step("--version")
    def _() -> str:
        out = bundle.run(bundle.app, "--version").stdout.strip()
        if out != f"patrol-app {version}":
            raise SmokeFailure(f"--version printed {out!r}, pyproject says {version}")
        return out

    @step("demo")
    def _() -> str:
        summary = json.loads(bundle.run(bundle.app, "--data-dir", str(data), "demo", "--json").stdout)
        return f"{summary['patrols']} patrols, {summary['photos']} photos, {summary['problems']} problems"

    @step("check")
    def _() -> str:
        report = json.loads(bundle.run(bundle.app, "--data-dir", str(data), "check", "--json").stdout)
        if not report.get("ok"):
            raise SmokeFailure(f"check: {report}")
        return "database and photo files ok"

    photos = work / "照片 photos"
    imported: list[str] = []

    @step("import-photos")
    def _() -> str:
        make_folder(photos, 4, size=(1024, 768), start_seed=700, prefix="河道_")
        heic = make_photo(work / "heic.jpg", size=(800, 600), seed=799)
        _to_heic(heic, photos / "IMG_0799.HEIC")
        heic.unlink()
        lines = _json_lines(bundle.run(bundle.app, "--data-dir", str(data), "import-photos", str(photos),
                                       "--json").stdout)
        files, summary = lines[:-1], lines[-1]["summary"]
        if summary["imported"] != 5 or summary["error"] or len(files) != 5:
            raise SmokeFailure(f"import-photos: {lines}")
        for line in files:
            if line["status"] != "imported" or line["taken_at"] is None or line["lat"] is None:
                raise SmokeFailure(f"import-photos read no EXIF time or GPS: {line}")
        imported.extend(line["sha256"] for line in files)
        return "4 JPEG + 1 HEIC, EXIF time and GPS read"

    office_process: dict[str, subprocess.Popen] = {}
    port = _free_port()
    url = f"http://127.0.0.1:{port}"

    @step("office serve")
    def _() -> str:
        process = subprocess.Popen(
            [str(bundle.office), "--data-dir", str(office_data), "serve", "--host", "127.0.0.1", "--port", str(port)],
            env=bundle.env, cwd=work, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        office_process["p"] = process
        _wait_until(lambda: _answers(url + "/"), f"patrol-office serve on {url}", process)
        return url

    try:
        @step("enroll")
        def _() -> str:
            code = json.loads(bundle.run(bundle.office, "--data-dir", str(office_data), "enroll-code",
                                         "--json").stdout)["code"]
            bundle.run(bundle.app, "--data-dir", str(data), "enroll", "--server", url, "--code", code, "--name",
                       "bundle smoke")
            return "one-time code from the bundled office"

        @step("sync")
        def _() -> str:
            result = json.loads(bundle.run(bundle.app, "--data-dir", str(data), "sync", "--json").stdout)
            return json.dumps(result, ensure_ascii=False)[:120]

        @step("export compare")
        def _() -> str:
            mine, theirs = work / "export-device", work / "export-office"
            bundle.run(bundle.app, "--data-dir", str(data), "export", "json", str(mine))
            bundle.run(bundle.office, "--data-dir", str(office_data), "export", "json", str(theirs))
            device, office = _uuids(mine), _uuids(theirs)
            for kind, uuids in device.items():
                if not uuids <= office.get(kind, set()):
                    raise SmokeFailure(f"{kind}: {len(uuids - office.get(kind, set()))} records did not arrive")
            sent = {p.name for p in (mine / "photos").iterdir()}
            arrived = {p.name for p in (theirs / "photos").iterdir()}
            if not sent <= arrived:
                raise SmokeFailure(f"{len(sent - arrived)} photo files did not arrive")
            office_photos = (theirs / "photo.jsonl").read_text(encoding="utf-8")
            missing = [sha for sha in imported if sha not in office_photos]
            if missing:
                raise SmokeFailure(f"imported photos missing at the office: {missing}")
            counts = ", ".join(f"{kind} {len(uuids)}" for kind, uuids in office.items())
            return f"office has every record and photo: {counts}, {len(arrived)} photo files"
    finally:
        _stop(office_process.get("p"))

    @step("GUI zh_CN")
    def _() -> str:
        # Under a Chinese locale (Linux/macOS read it from the environment; Windows from the user's
        # settings, so there the language is given).
        args = ["--lang", "zh_CN"] if sys.platform == "win32" else []
        state = _gui(bundle, data, args, {"LANG": "zh_CN.UTF-8", "LC_ALL": "zh_CN.UTF-8", "LANGUAGE": "zh_CN"})
        if state["language"] != "zh_CN" or state["title"] != "巡河助手" or state["translation_warning"]:
            raise SmokeFailure(f"the window is not in Chinese: {state}")
        if state["qt_cancel"] != "取消":
            raise SmokeFailure(f"Qt's own translation (qtbase_zh_CN.qm) is not in the bundle: {state}")
        if not state["icon"] or state["version"] != version:
            raise SmokeFailure(f"window icon or version missing: {state}")
        return f"title {state['title']}, Qt's Cancel = {state['qt_cancel']}"

    @step("GUI en")
    def _() -> str:
        state = _gui(bundle, data, ["--lang", "en"], {})
        if state["language"] != "en" or state["title"] != "River Patrol":
            raise SmokeFailure(f"the window is not in English: {state}")
        return f"title {state['title']}"

    return times


def _to_heic(jpeg: Path, heic: Path) -> None:
    """An iPhone-like HEIC with the JPEG's EXIF (pillow-heif's x265 encoder, from the build's venv)."""
    import pillow_heif
    from PIL import Image

    pillow_heif.register_heif_opener()
    with Image.open(jpeg) as img:
        img.save(heic, format="HEIF", exif=img.getexif().tobytes(), quality=80)


def _gui(bundle: Bundle, data: Path, args: list[str], env: dict[str, str]) -> dict:
    """Open the window on `data` and let it quit once shown; what it showed."""
    done = bundle.run(bundle.app, "--data-dir", str(data), *args, env={"PATROL_APP_STARTUP_PROBE": "shown", **env})
    lines = done.stdout.splitlines()
    if not any(line.startswith("window-shown ") for line in lines):
        raise SmokeFailure(f"the window was not shown: {done.stdout}\n{done.stderr}")
    return json.loads(next(line for line in lines if line.startswith("window-state "))[len("window-state "):])


def _stop(process: subprocess.Popen | None) -> None:
    if process is None:
        return
    if process.poll() is None:
        process.terminate()  # SIGTERM: uvicorn shuts down gracefully; on Windows TerminateProcess
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    if process.stderr:
        tail = process.stderr.read().decode("utf-8", "replace")
        process.stderr.close()
        if any(bad in tail for bad in BAD_STDERR):
            raise SmokeFailure(f"patrol-office serve wrote: {tail[-3000:]}")


def _size_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink()) / 1e6


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bundle", type=Path, help="the bundle folder, e.g. build/dist/patrol-app")
    parser.add_argument("--keep", action="store_true", help="leave the temporary folder for a look")
    args = parser.parse_args()
    source = args.bundle.resolve()
    if not (source / f"patrol-app{EXE}").is_file():
        print(f"no bundle at {source}: run make bundle", file=sys.stderr)
        return 2
    work = Path(tempfile.mkdtemp(prefix="patrol-bundle-smoke-"))
    start = time.monotonic()
    try:
        smoke(source, work)
    except (SmokeFailure, subprocess.TimeoutExpired) as exc:
        print(f"FAILED bundle smoke test: {exc}", file=sys.stderr)
        return 1
    finally:
        if args.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    print(f"bundle smoke test passed in {time.monotonic() - start:.1f} s; bundle {_size_mb(source):.0f} MB "
          f"({source})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
