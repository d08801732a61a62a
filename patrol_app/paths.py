"""The data directory: platform default, overridden by `--data-dir` or PATROL_APP_DATA.

Nothing is ever written next to the program or in the working folder.
"""

from __future__ import annotations

import os
from pathlib import Path

ENV_VAR = "PATROL_APP_DATA"
DB_NAME = "patrol.db"


def default_data_dir() -> Path:
    import platformdirs  # only when no folder was given: it is slow to import

    return Path(platformdirs.user_data_dir("PatrolApp", "RiverPatrol", roaming=False))


def resolve_data_dir(cli_value: str | os.PathLike[str] | None = None) -> Path:
    if cli_value:
        return Path(cli_value).expanduser().absolute()
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser().absolute()
    return default_data_dir()


def database_path(data_dir: Path) -> Path:
    return data_dir / DB_NAME


def photos_dir(data_dir: Path) -> Path:
    return data_dir / "photos"
