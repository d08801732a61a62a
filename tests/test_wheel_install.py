"""A wheel built from the sources is complete: installed elsewhere, it seeds from its own registry and
rules and opens in Chinese under a Chinese locale (issue 11: `pip install .` used to be English)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QM_MAGIC = bytes.fromhex("3cb86418caef9c95cd211cbf60a1bddd")  # the first bytes of every Qt .qm file

# Run in the installed copy: open the window the way `patrol-app` does (no --lang), report what it shows.
GUI_PROBE = r"""
import json, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

app = QApplication(sys.argv[:1])
import patrol_app
from patrol_app import cli, resources
from patrol_app.ui import i18n
from patrol_app.ui.main_window import MainWindow

seen = {}

def grab():
    windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
    if not windows:
        QTimer.singleShot(20, grab)
        return
    seen.update(title=windows[0].windowTitle(), language=i18n.current_language(),
                warning=windows[0].translation_warning.isVisible(), qm=i18n.qm_path(i18n.CHINESE))
    app.quit()

QTimer.singleShot(20, grab)
code = cli.main(["--data-dir", sys.argv[1]])
seen.update(code=code, patrol_app=patrol_app.__file__, resources=str(resources.resources_dir()))
print("PROBE " + json.dumps(seen, ensure_ascii=False), flush=True)
"""


def copy_sources(dst: Path) -> None:
    """The project's own files only: a .qm left in the checkout by `make` must not stand in for the build."""
    listed = subprocess.run(
        ["git", "-C", str(ROOT), "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        capture_output=True, check=True,
    ).stdout.decode().split("\0")
    for name in filter(None, listed):
        src = ROOT / name
        if src.is_symlink() or not src.is_file():  # the worktree's .venv link, files deleted but not staged
            continue
        target = dst / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src, target)
    assert not list(dst.rglob("*.qm"))


def can_build_wheels() -> bool:
    from importlib.metadata import version
    from importlib.util import find_spec

    setuptools = tuple(int(p) for p in version("setuptools").split(".")[:2])
    return setuptools >= (70, 1) or find_spec("wheel") is not None  # bdist_wheel moved into setuptools


def clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "PATROL_APP_DATA", "LANGUAGE") and not k.startswith("LC_")}
    env.update(PIP_DISABLE_PIP_VERSION_CHECK="1", PIP_NO_INDEX="1", PYTHONDONTWRITEBYTECODE="1", **extra)
    return env


def run(args: list[str], *, cwd: Path, env: dict[str, str], timeout: float = 90) -> subprocess.CompletedProcess:
    done = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, f"{' '.join(args)} exited {done.returncode}:\n{done.stdout}\n{done.stderr}"
    return done


def test_the_wheel_ships_resources_and_opens_in_chinese(tmp_path: Path) -> None:
    assert can_build_wheels(), "the no-isolation build needs `wheel` (in the test extra) or setuptools>=70.1"
    src, out, site, data, elsewhere = (tmp_path / n for n in ("src", "wheel", "site", "data", "elsewhere"))
    elsewhere.mkdir()
    copy_sources(src)
    build_env = clean_env()
    # Offline: the build uses this venv's setuptools, wheel and PySide6 (its lrelease) as they are.
    run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-w", str(out), str(src)],
        cwd=elsewhere, env=build_env, timeout=110)
    (wheel,) = out.glob("patrol_app-*.whl")
    with zipfile.ZipFile(wheel) as z:
        names = set(z.namelist())
        qm = z.read("patrol_app_resources/i18n/patrol_app_zh_CN.qm")
        registry = json.loads(z.read("patrol_app_resources/registry/pingdingshan.json"))
        rules = json.loads(z.read("patrol_app_resources/rules/henan-default.json"))
    assert qm.startswith(QM_MAGIC) and len(qm) > 10_000
    assert registry["demo"]["reaches"] and rules
    assert not any(n.endswith(".ts") for n in names)

    run([sys.executable, "-m", "pip", "install", "--no-deps", "--target", str(site), str(wheel)],
        cwd=elsewhere, env=build_env)
    # The seed data (registry and rules JSON) is read from the wheel when the database is made.
    run([sys.executable, "-m", "patrol_app", "--data-dir", str(data), "demo"],
        cwd=elsewhere, env=clean_env(PYTHONPATH=str(site)))

    def probe(locale: str) -> dict:
        env = clean_env(PYTHONPATH=str(site), QT_QPA_PLATFORM="offscreen", LANG=locale, LC_ALL=locale)
        done = run([sys.executable, "-c", GUI_PROBE, str(data)], cwd=elsewhere, env=env, timeout=60)
        line = next(x for x in done.stdout.splitlines() if x.startswith("PROBE "))
        return json.loads(line.removeprefix("PROBE "))

    chinese = probe("zh_CN.UTF-8")
    assert chinese["code"] == 0
    assert Path(chinese["patrol_app"]).is_relative_to(site), "the checkout was imported, not the wheel"
    assert Path(chinese["resources"]) == site / "patrol_app_resources"
    assert Path(chinese["qm"]).is_relative_to(site)
    assert chinese["title"] == "巡河助手" and chinese["language"] == "zh_CN" and not chinese["warning"]
    # The same install under an English locale: the Chinese above came from the locale, not a default.
    english = probe("en_US.UTF-8")
    assert english["title"] == "River Patrol" and english["language"] == "en" and not english["warning"]

