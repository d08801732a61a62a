"""File and folder dialogs open where such files live, then where the last one came from: never in the
program's own folder (the working folder, on a packaged install)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QWidget
from pytestqt.qtbot import QtBot

from patrol_app.ui import file_dialogs
from patrol_app.ui.file_dialogs import Kind, choose_files, choose_folder, choose_save
from tests.ui.conftest import when_modal


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A user folder with Pictures and Documents, and a working folder that stands for the program's."""
    home = tmp_path / "用户"
    for name in ("Pictures", "Documents"):
        (home / name).mkdir(parents=True)
    program = tmp_path / "巡河助手程序"
    program.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    (home / ".config").mkdir()
    (home / ".config" / "user-dirs.dirs").write_text(
        'XDG_PICTURES_DIR="$HOME/Pictures"\nXDG_DOCUMENTS_DIR="$HOME/Documents"\n', encoding="utf-8")
    monkeypatch.chdir(program)
    monkeypatch.setattr(file_dialogs, "_last", {})
    return home


def opened_in(qtbot: QtBot, run, answer: Path | None) -> Path:  # noqa: ANN001
    """Run a chooser, note the folder its dialog opened in, then pick `answer` (or cancel)."""
    seen: dict[str, Path] = {}

    def inspect(dialog: QWidget) -> None:
        assert isinstance(dialog, QFileDialog)
        seen["folder"] = Path(dialog.directory().absolutePath())
        if answer is None:
            dialog.reject()
            return
        if answer.is_dir():
            dialog.setDirectory(str(answer))
        else:
            dialog.setDirectory(str(answer.parent))
            dialog.selectFile(answer.name)
        dialog.accept()

    when_modal(inspect)
    run()
    return seen["folder"]


def test_choosers_start_in_the_users_folders_then_where_the_last_came_from(qtbot: QtBot, home: Path,
                                                                            tmp_path: Path) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    assert Path.cwd() == tmp_path / "巡河助手程序"

    card = tmp_path / "手机 照片"
    card.mkdir()
    (card / "IMG_1.jpg").write_bytes(b"\xff\xd8")
    first = opened_in(qtbot, lambda: choose_folder(parent, "照片", Kind.PHOTOS), card)
    assert first == home / "Pictures"  # not the program's folder
    again = opened_in(qtbot, lambda: choose_files(parent, "照片", Kind.PHOTOS, "*.jpg"), None)
    assert again == card  # the card chosen last time

    sheet = opened_in(qtbot, lambda: choose_save(parent, "督办单", Kind.DOCUMENTS, "督办单-1.pdf", "PDF (*.pdf)"),
                      None)
    assert sheet == home / "Documents"
    assert os.fspath(Path.cwd()) not in {os.fspath(first), os.fspath(again), os.fspath(sheet)}


def test_a_remembered_folder_that_is_gone_falls_back(home: Path, tmp_path: Path) -> None:
    gone = tmp_path / "拔掉的U盘"
    file_dialogs._remember(Kind.PHOTOS, gone / "IMG_1.jpg")
    assert file_dialogs.start_folder(Kind.PHOTOS) == home / "Pictures"
