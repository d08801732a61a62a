"""The data directory: platform default, overridden by `--data-dir` or PATROL_APP_DATA.

Nothing is ever written next to the program or in the working folder.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
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


EXTENSIONS = {"jpeg": "jpg", "png": "png", "tiff": "tif", "heif": "heic", "webp": "webp"}


@dataclass(frozen=True)
class Library:
    root: Path  # the data folder

    def original(self, sha256: str, fmt: str) -> Path:
        return self.root / "photos" / sha256[:2] / f"{sha256}.{EXTENSIONS.get(fmt, 'bin')}"

    def upload(self, sha256: str) -> Path:
        return self.root / "uploads" / sha256[:2] / f"{sha256}.jpg"

    @property
    def scratch(self) -> Path:
        """Where files are written before they are renamed into place (same file system)."""
        return self.root / ".incoming"

    def thumbnail(self, sha256: str) -> Path:
        return self.root / "thumbs" / sha256[:2] / f"{sha256}.jpg"

    def all_files(self) -> Iterator[Path]:
        for folder in ("photos", "uploads", "thumbs"):
            base = self.root / folder
            if base.is_dir():
                yield from (p for p in base.rglob("*") if p.is_file() and not p.name.startswith("."))
