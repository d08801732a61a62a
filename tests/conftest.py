"""Shared fixtures: real SQLite files in temporary folders, offscreen Qt."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
# Real photos and tracks shared between clones (not in the repository): ../shared/testdata beside the
# clone, or wherever PATROL_TESTDATA points. Locally the oracle tests skip without them; under CI=true a
# missing folder fails the run, so a green CI always means they ran.
SHARED_TESTDATA = Path(os.environ.get("PATROL_TESTDATA") or ROOT.parent / "shared" / "testdata")


def pytest_configure(config: pytest.Config) -> None:
    if os.environ.get("CI", "").lower() == "true" and not SHARED_TESTDATA.is_dir():
        raise pytest.UsageError(
            f"CI=true but the shared test data is missing at {SHARED_TESTDATA}: the oracle tests would be "
            "skipped. Put shared/testdata beside the clone or set PATROL_TESTDATA to its folder."
        )


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def store(data_dir: Path):
    from patrol_app.store import open_store

    s = open_store(data_dir)
    yield s
    s.close()


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small demo (seed 7), made once per session: it imports real photos, 5-10 s of work."""
    from patrol_app import demo

    folder = tmp_path_factory.mktemp("demo-template") / "data"
    demo.fill_folder(folder, size="small", seed=7)
    return folder


@pytest.fixture
def demo_store(demo_template: Path, data_dir: Path):
    """A fresh copy of the session's demo for each test (a copy of closed files: ~10 MB, well under 1 s)."""
    from patrol_app.store import open_store

    shutil.copytree(demo_template, data_dir, ignore=shutil.ignore_patterns(".import.lock"))
    s = open_store(data_dir)
    yield s
    s.close()


def run_cli(
    *args: str, env: dict[str, str] | None = None, user: int | None = None, cwd: Path | None = None,
    timeout: float = 120,
) -> subprocess.CompletedProcess[str]:
    """Run `python -m patrol_app ARGS` as a real process (optionally as another user)."""
    full_env = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    kwargs = {}
    if user is not None:
        kwargs["user"] = user
        kwargs["group"] = user
    return subprocess.run(
        [sys.executable, "-m", "patrol_app", *args],
        capture_output=True,
        text=True,
        env=full_env,
        cwd=cwd or tempfile.gettempdir(),
        timeout=timeout,
        **kwargs,
    )


def snapshot(path: Path) -> dict[str, tuple[int, int, bytes]]:
    """Every file under `path` with its mode, size and content, to prove nothing changed."""
    out = {}
    for p in sorted(path.rglob("*")) if path.exists() else []:
        if p.is_file():
            st = p.stat()
            out[str(p.relative_to(path))] = (st.st_mode, st.st_size, p.read_bytes())
    return out


@pytest.fixture
def readonly_dir() -> Iterator[tuple[Path, callable]]:
    """A folder that cannot be written, even by root: (path, make_readonly).

    Fill it first, then call make_readonly(). As root (permissions do not bind root) this is a
    tmpfs remounted read-only; otherwise a folder with mode 0555.
    """
    base = Path(tempfile.mkdtemp(prefix="patrol-ro-"))
    os.chmod(base, 0o755)
    target = base / "data"
    target.mkdir()
    mounted = False
    if os.geteuid() == 0:
        done = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=64m,mode=0755", "tmpfs", str(target)], capture_output=True
        )
        if done.returncode != 0:
            shutil.rmtree(base)
            pytest.skip("running as root and cannot mount a read-only tmpfs to test a read-only folder")
        mounted = True

    def make_readonly() -> None:
        if mounted:
            subprocess.run(["mount", "-o", "remount,ro", str(target)], check=True)
        else:
            for p in [target, *target.rglob("*")]:
                p.chmod(0o555 if p.is_dir() else 0o444)

    yield target, make_readonly
    if mounted:
        subprocess.run(["umount", str(target)], check=False)
    else:
        for p in [target, *target.rglob("*")]:
            p.chmod(0o755)
    shutil.rmtree(base, ignore_errors=True)


@dataclass
class TinyDisk:
    """A small file system to fill up, and a way to give it more room."""

    path: Path
    grow: Callable[[], None]


@pytest.fixture(params=["tmpfs", "ext4"])
def tiny_disk(request: pytest.FixtureRequest) -> Iterator[TinyDisk]:
    """A 3 MB tmpfs or a 4 MB loop-mounted ext4 (the file system a Linux laptop has, where the library
    writes originals with direct I/O); both need root, ext4 also a loop device."""
    base = Path(tempfile.mkdtemp(prefix="patrol-full-"))
    target = base / "disk"
    target.mkdir()
    if os.geteuid() != 0:
        shutil.rmtree(base)
        pytest.skip("mounting a small file system to simulate a full disk needs root")
    image = base / "disk.img"
    if request.param == "tmpfs":
        mount = ["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(target)]

        def grow() -> None:
            subprocess.run(["mount", "-o", "remount,size=64m", str(target)], check=True)
    else:
        with image.open("wb") as f:
            f.truncate(4 * 1024 * 1024)
        made = subprocess.run(["mkfs.ext4", "-q", "-F", "-m", "0", str(image)], capture_output=True)
        if made.returncode != 0:
            shutil.rmtree(base)
            pytest.skip(f"cannot make an ext4 file system: {made.stderr.decode().strip()}")
        mount = ["mount", "-o", "loop", str(image), str(target)]

        def grow() -> None:
            subprocess.run(["umount", str(target)], check=True)
            with image.open("r+b") as f:
                f.truncate(64 * 1024 * 1024)
            subprocess.run(["e2fsck", "-f", "-p", str(image)], check=True, capture_output=True)
            subprocess.run(["resize2fs", str(image)], check=True, capture_output=True)
            subprocess.run(mount, check=True)
    done = subprocess.run(mount, capture_output=True)
    if done.returncode != 0:
        shutil.rmtree(base)
        pytest.skip(f"cannot mount a small {request.param}: {done.stderr.decode().strip()}")
    yield TinyDisk(target, grow)
    subprocess.run(["umount", str(target)], check=False)
    shutil.rmtree(base, ignore_errors=True)
