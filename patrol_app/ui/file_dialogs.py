"""Where the file and folder dialogs open.

Qt's static dialogs open in the program's working folder when given no start, which on a packaged
Windows install is the program's own folder: a chief would have to climb out of it to reach the
phone's photos. Each kind of file starts where such files live (pictures, documents, the user's
folder) and, once one was chosen, where the last one of that kind came from.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget


class Kind(Enum):
    PHOTOS = QStandardPaths.StandardLocation.PicturesLocation
    TRACKS = QStandardPaths.StandardLocation.DownloadLocation
    DOCUMENTS = QStandardPaths.StandardLocation.DocumentsLocation


_last: dict[Kind, Path] = {}


def start_folder(kind: Kind) -> Path:
    """The last folder used for this kind in this session, else the system's folder for it, else home."""
    remembered = _last.get(kind)
    if remembered is not None and remembered.is_dir():
        return remembered
    for location in (kind.value, QStandardPaths.StandardLocation.HomeLocation):
        path = QStandardPaths.writableLocation(location)
        if path and Path(path).is_dir():
            return Path(path)
    return Path.home()


def _remember(kind: Kind, chosen: Path) -> None:
    _last[kind] = chosen if chosen.is_dir() else chosen.parent


def choose_folder(parent: QWidget, title: str, kind: Kind, *, start: Path | None = None) -> Path | None:
    """`start`: a folder of the app's own to open in (the backups folder), each time; not remembered."""
    folder = QFileDialog.getExistingDirectory(parent, title, str(_start(kind, start)))
    if not folder:
        return None
    if start is None:
        _remember(kind, Path(folder))
    return Path(folder)


def _start(kind: Kind, start: Path | None) -> Path:
    return start if start is not None and start.is_dir() else start_folder(kind)


def choose_files(parent: QWidget, title: str, kind: Kind, filters: str) -> list[Path]:
    names, _ = QFileDialog.getOpenFileNames(parent, title, str(start_folder(kind)), filters)
    if names:
        _remember(kind, Path(names[0]))
    return [Path(name) for name in names]


def choose_file(parent: QWidget, title: str, kind: Kind, filters: str, *, start: Path | None = None) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(parent, title, str(_start(kind, start)), filters)
    if not name:
        return None
    if start is None:
        _remember(kind, Path(name))
    return Path(name)


def choose_save(parent: QWidget, title: str, kind: Kind, file_name: str, filters: str) -> Path | None:
    """A save dialog proposing `file_name` in the kind's folder."""
    name, _ = QFileDialog.getSaveFileName(parent, title, str(start_folder(kind) / file_name), filters)
    if not name:
        return None
    _remember(kind, Path(name))
    return Path(name)
