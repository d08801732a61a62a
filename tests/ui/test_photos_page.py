"""The photos page: import a folder through the dialog, cancel half-way, re-import, thumbnails appear."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QPushButton
from pytestqt.qtbot import QtBot

from patrol_app.media.library import check_files
from patrol_app.store.photos import PhotoFilter
from tests.photos_factory import make_folder, make_photo
from tests.ui.conftest import when_modal


def test_import_cancel_reimport_thumbnails(qtbot: QtBot, window, demo_store, tmp_path: Path) -> None:
    folder = tmp_path / "手机 照片"
    make_folder(folder, 40, size=(1600, 1200))
    (folder / "说明.txt").write_text("不是照片", encoding="utf-8")
    window.show_page(window.PHOTOS)
    page = window.photos
    demo = demo_store.photos.count()
    assert page.model.total == demo and page.count_label.text() == f"共 {demo} 张照片符合条件。"

    def choose(dialog) -> None:
        assert isinstance(dialog, QFileDialog)
        # Opened at the folder itself, the dialog returns it: selecting it from its parent depends on
        # the dialog's file model having listed the parent yet, and when it has not, the parent is
        # returned (seen in CI: the import then walked the data folder beside the photos).
        dialog.setDirectory(str(folder))
        assert [Path(f) for f in dialog.selectedFiles()] == [folder]
        dialog.accept()

    # The import holds after its fifth photo until the test has pressed cancel: the progress dialog
    # (shown after ~0.5 s) is then certain to appear, on a fast machine as on a loaded one.
    released = threading.Event()
    page.import_gate = lambda done: done < 5 or released.wait(0.05)
    when_modal(choose)
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    task = page._import_task
    assert task is not None and not page.import_button.isEnabled()
    qtbot.waitUntil(lambda: task.dialog is not None and task.dialog.isVisible() and task.dialog.value() >= 5,
                    timeout=60_000)
    label = task.dialog.labelText()
    assert "已处理" in label and "每秒" in label
    [cancel] = task.dialog.findChildren(QPushButton)
    ended: list = []
    page.import_finished.connect(ended.append)
    with qtbot.waitSignal(task.finished, timeout=60_000):
        qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
        released.set()
    page.import_gate = None
    assert page.import_button.isEnabled()
    first = demo_store.photos.count() - demo
    [cancelled] = ended
    assert cancelled.cancelled, [(r.status, r.reason) for r in cancelled.results]
    assert 0 < first < 40, [(r.path, r.status, r.reason) for r in cancelled.results]
    assert cancelled.imported == first

    with qtbot.waitSignal(page.import_finished, timeout=30_000) as finished:
        page.start_import([folder])
    summary = finished.args[0]
    assert summary.imported + summary.duplicate == 40 and summary.duplicate == first
    assert summary.skipped == 1
    result = page.result_dialog
    assert result.isVisible() and "新导入" in result.headline.text()
    assert result.table.rowCount() == 1 and result.table.item(0, 2).text() == "不是图片文件，已跳过"
    result.accept()

    assert page.model.total == 40 + demo and page.count_label.text() == f"共 {40 + demo} 张照片符合条件。"
    index = page.model.index(0)

    def first_thumbnail_size() -> int:
        return max(page.model.data(index, Qt.ItemDataRole.DecorationRole).size().toTuple())

    placeholder = page.model._placeholder.cacheKey()
    qtbot.waitUntil(lambda: page.model.data(index, Qt.ItemDataRole.DecorationRole).cacheKey() != placeholder,
                    timeout=30_000)
    assert first_thumbnail_size() == 160  # the 256 px thumbnail, scaled to the grid's icon size
    assert page.model.cached_thumbnails() >= 8
    assert check_files(demo_store.data_dir, demo_store.photos.library_rows()) == []


def test_filters_details_and_manual_position(qtbot: QtBot, window, demo_store, tmp_path: Path) -> None:
    make_photo(tmp_path / "p" / "with_gps.jpg", seed=1)
    make_photo(tmp_path / "p" / "no_gps.jpg", seed=2, gps=None)
    from patrol_app.media.importer import PhotoImporter

    window.show_page(window.PHOTOS)
    page = window.photos
    demo_without = demo_store.photos.count(PhotoFilter(has_position=False))
    PhotoImporter(demo_store).run([tmp_path / "p"])
    page.model.reload()
    page.position.setCurrentIndex(page.position.findData(False))
    qtbot.waitUntil(lambda: page.model.total == demo_without + 1, timeout=30_000)
    newest = next(i for i in range(page.model.rowCount()) if page.model.row(i)["original_name"] == "no_gps.jpg")
    page.grid.setCurrentIndex(page.model.index(newest))
    page.grid.selectionModel().select(page.model.index(newest),
                                      page.grid.selectionModel().SelectionFlag.ClearAndSelect)
    assert "拍摄时间" in page.details.text() and "位置</b>: 无" in page.details.text()
    assert "HUAWEI" in page.details.text() and "尚未使用" in page.details.text()

    def place(dialog) -> None:
        dialog.lat.setValue(33.7401)
        dialog.lon.setValue(113.2012)
        dialog.accept()

    when_modal(place)
    qtbot.mouseClick(page.position_button, Qt.MouseButton.LeftButton)
    assert "33.740100, 113.201200" in page.details.text() and "手动设置" in page.details.text()
    row = demo_store.photos.by_sha(page.model.row(newest)["sha256"])
    assert (row["position_source"], row["version"]) == ("manual", 2)
    page.apply_filter()
    assert page.model.total == demo_without


def test_the_result_of_a_stopped_import_says_why_in_its_headline(qtbot: QtBot, window) -> None:
    from patrol_app.media.importer import FileResult, ImportSummary
    from patrol_app.media.reasons import Reason
    from patrol_app.ui.dialogs.import_result import ImportResultDialog
    from patrol_app.ui.i18n import current_language

    summary = ImportSummary(imported=3, error=2, stopped=Reason.DISK_FULL)
    summary.results += [FileResult("D:/照片/a.jpg", "error", reason=Reason.DISK_FULL),
                        FileResult("D:/照片/b.jpg", "error", reason=Reason.NOT_IMPORTED_DISK_FULL)]
    dialog = ImportResultDialog(summary, window)
    qtbot.addWidget(dialog)
    zh = current_language().startswith("zh")
    assert (Reason.DISK_FULL.zh if zh else "The disk is full") in dialog.headline.text()
    assert dialog.table.rowCount() == 2 and dialog.table.item(1, 0).text() == "b.jpg"
