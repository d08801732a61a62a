"""Where the read-only resources (registry seed, rules, translations) are: a checkout, a wheel or a bundle.

Installed, resources/ is the package `patrol_app_resources` (setup.py) and is found with
importlib.resources; in a PyInstaller bundle it is the `resources` folder the spec in build/ collects.
"""

from __future__ import annotations

import json
import sys
from importlib import resources
from pathlib import Path
from typing import Any

PACKAGE = "patrol_app_resources"


def resources_dir() -> Path:
    frozen = getattr(sys, "_MEIPASS", None)  # PyInstaller unpacks datas here
    if frozen:
        return Path(frozen) / "resources"
    # In a source checkout (or an editable install of one) the folder beside this package wins, so that
    # a checkout run with PYTHONPATH never reads another checkout's files through an editable finder.
    project = Path(__file__).resolve().parent.parent
    if (project / "pyproject.toml").is_file() and (project / "resources").is_dir():
        return project / "resources"
    root = resources.files(PACKAGE)
    # A plain wheel install unpacks to real files; Qt's translator and json both want a path.
    if not isinstance(root, Path):
        raise RuntimeError(f"{PACKAGE} is not installed as files on disk ({root!r}); reinstall patrol-app")
    return root


def resource_path(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def load_json(*parts: str) -> Any:
    with resource_path(*parts).open(encoding="utf-8") as f:
        return json.load(f)
