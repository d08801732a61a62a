"""设置 → 备份与恢复: back up now into the folder chosen (the backups folder offered), the list of backups,
and a restore from the window: checked in the background, asked, then the window closes, the app puts the
backup in place while nothing has the database open, says so, and opens a new window on the restored data."""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
import time
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from patrol_app.paths import database_path
from patrol_app.store import backup, open_store, records, restore
from patrol_app.ui.app import run
from patrol_app.ui.main_window import MainWindow
from tests.ui.conftest import when_modal


def patrols(data_dir: Path) -> int:
    with contextlib.closing(sqlite3.connect(database_path(data_dir))) as conn:
        return conn.execute("SELECT count(*) FROM patrols").fetchone()[0]


def test_back_up_now_offers_the_backups_folder_and_lists_the_backup(qtbot: QtBot, window, demo_store,
                                                                     monkeypatch) -> None:
    window.show_page(window.SETTINGS)
    page = window.settings
    assert page.backup_box.title() == "备份与恢复" and page.backup_list.rowCount() == 0
    assert page.backup_button.text().startswith("立即备份") and page.restore_button.text().startswith("从备份恢复")
    offered: list[Path] = []

    def choose(_parent, _title, _kind, *, start):  # noqa: ANN001, ANN202 - the folder dialog, answered
        offered.append(start)
        return start

    monkeypatch.setattr("patrol_app.ui.pages.settings.choose_folder", choose)
    with qtbot.waitSignal(page.backup_made, timeout=60_000) as made:
        page.backup_button.click()
    assert offered == [demo_store.data_dir / "backups"]
    path = Path(made.args[0])
    assert path.parent == demo_store.data_dir / "backups" and path.stat().st_size > 0
    assert page.backup_list.rowCount() == 1 and page.backup_list.item(0, 1).text() == "手动备份"
    assert "已备份到" in page.backup_note.text() and "完整" in page.backup_note.text()

    restored_from = demo_store.data_dir.parent / "elsewhere" / "copy.db"
    shutil.copyfile(path, restored_from.parent.mkdir() or restored_from)

    def decline(box) -> None:  # noqa: ANN001
        assert isinstance(box, QMessageBox) and str(restored_from) in box.text() and "先备份" in box.text()
        box.button(QMessageBox.StandardButton.Cancel).click()

    def choose_file(_parent, _title, _kind, filters, *, start):  # noqa: ANN001, ANN202
        offered.append(start)
        assert "*.db" in filters
        return restored_from

    monkeypatch.setattr("patrol_app.ui.pages.settings.choose_file", choose_file)
    when_modal(decline)
    page.restore_button.click()
    qtbot.waitUntil(lambda: page.backup_note.text() == "没有恢复任何数据。", timeout=60_000)
    assert offered[-1] == demo_store.data_dir / "backups"
    assert not window.restart_requested and window.isVisible()
    assert not list(demo_store.data_dir.glob(".restore-*"))


def test_restore_from_the_window_reopens_it_on_the_restored_data(qtbot: QtBot, tmp_path: Path,
                                                                 demo_template: Path) -> None:
    data_dir = tmp_path / "数据"
    shutil.copytree(demo_template, data_dir, ignore=shutil.ignore_patterns(".import.lock"))
    with open_store(data_dir) as store:
        saved = backup.write_backup(store.conn, tmp_path / "周一的备份.db")
        reach = store.registry.reaches()[0].code
        records.save(store, records.PATROL, {"reach_code": reach, "patroller_name": "备份之后",
                                             "started_at": "2025-06-02T01:00:00.000Z",
                                             "ended_at": "2025-06-02T01:30:00.000Z", "duration_s": 1800,
                                             "distance_m": 1500})
    in_backup = patrols(data_dir) - 1

    seen: dict[str, object] = {"stage": "first window"}
    deadline = time.monotonic() + 120  # a safety net only: every step waits for a state

    def step() -> None:
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        modal = QApplication.activeModalWidget()
        stage = seen["stage"]
        if time.monotonic() > deadline:
            seen["failed"] = f"stuck at {stage}"
            for widget in QApplication.topLevelWidgets():
                widget.close()
            return
        daily = any(b.kind == backup.DAILY for b in backup.list_backups(data_dir))
        if stage == "first window" and windows and daily:  # today's backup made once the home page was up
            seen["first"] = windows[0]
            windows[0].show_page(windows[0].SETTINGS)
            windows[0].settings.restore_file(saved.path)
            seen["stage"] = "confirm"
        elif stage == "confirm" and isinstance(modal, QMessageBox):
            seen["confirm"] = modal.text()
            next(b for b in modal.buttons() if b.text() == "恢复并重新打开").click()
            seen["stage"] = "restored"
        elif stage == "restored" and isinstance(modal, QMessageBox):
            seen["restored"] = (modal.icon(), modal.text())
            modal.accept()
            seen["stage"] = "second window"
        elif stage == "second window" and windows and windows[0] is not seen["first"]:
            seen["second title"] = windows[0].windowTitle()
            windows[0].close()
            return
        QTimer.singleShot(20, step)

    QTimer.singleShot(20, step)
    assert run(data_dir=data_dir, language="zh_CN") == 0
    assert "failed" not in seen, seen
    assert str(saved.path) in str(seen["confirm"]) and "重新打开" in str(seen["confirm"])
    icon, text = seen["restored"]
    assert icon == QMessageBox.Icon.Information and str(saved.path) in text and "先备份" in text
    assert patrols(data_dir) == in_backup  # the patrol written after the backup is gone…
    kinds = [b.kind for b in backup.list_backups(data_dir)]
    assert backup.PRE_RESTORE in kinds and backup.DAILY in kinds  # …but kept in the backup made before
    before = next(b for b in backup.list_backups(data_dir) if b.kind == backup.PRE_RESTORE)
    assert patrols_in(before.path) == in_backup + 1
    assert not list(data_dir.glob(".restore-*"))
    with open_store(data_dir) as store:
        assert store.upkeep.check().ok
    assert not restore.window_open(data_dir)


def patrols_in(path: Path) -> int:
    with contextlib.closing(sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True)) as conn:
        return conn.execute("SELECT count(*) FROM patrols").fetchone()[0]
