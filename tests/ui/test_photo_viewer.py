"""The full-size photo view (issue 14 item 6): opened from the photos grid by double-click or Enter,
fitted to the window, ← → and the buttons go through the photos, Esc closes, a missing or damaged
file is said in words."""

from __future__ import annotations

import pytest
import shiboken6
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from patrol_app.paths import Library
from patrol_app.store.photos import PhotoFilter
from patrol_app.ui.dialogs.photo_viewer import PhotoViewer
from patrol_app.ui.photo_models import ICON
from tests.ui.conftest import destroy

THUMBNAIL = 256  # the library's thumbnails: the long side


def first_photos(store, count: int) -> list[dict]:
    rows = store.photos.page(PhotoFilter(), None, count)
    assert len(rows) == count
    return [store.photos.get(row["uuid"]) for row in rows]


def test_opens_fitted_large_and_goes_back_and_forth(qtbot: QtBot, demo_store, runner) -> None:
    rows = first_photos(demo_store, 3)
    viewer = PhotoViewer(demo_store.data_dir, [r["uuid"] for r in rows], 1, None, runner=runner)
    qtbot.addWidget(viewer)
    with qtbot.waitSignal(viewer.photo_shown, timeout=10_000) as shown:
        viewer.open()
        # Read by a worker: the dialog is up and says so before the photo is there.
        assert viewer.isVisible() and viewer.image.text() == "正在打开照片…" and viewer.shown_size().isEmpty()
    assert shown.args == [1]
    size = viewer.shown_size()
    assert max(size.width(), size.height()) > THUMBNAIL, size
    room = viewer.image.contentsRect().size()
    assert size.width() <= room.width() and size.height() <= room.height()  # fitted, whole
    assert size.width() == room.width() or size.height() == room.height()
    assert rows[1]["original_name"] in viewer.caption.text() and "拍摄于" in viewer.caption.text()
    assert viewer.position_label.text() == "第 2 张，共 3 张"

    with qtbot.waitSignal(viewer.photo_shown, timeout=10_000) as shown:
        qtbot.keyClick(viewer, Qt.Key.Key_Right)
    assert shown.args == [2] and rows[2]["original_name"] in viewer.caption.text()
    assert not viewer.next_button.isEnabled()
    qtbot.keyClick(viewer, Qt.Key.Key_Right)  # the last: nothing happens
    assert viewer.current == 2
    with qtbot.waitSignal(viewer.photo_shown, timeout=10_000) as shown:
        qtbot.mouseClick(viewer.previous_button, Qt.MouseButton.LeftButton)
    assert shown.args == [1] and rows[1]["original_name"] in viewer.caption.text()
    with qtbot.waitSignal(viewer.photo_shown, timeout=10_000) as shown:
        qtbot.keyClick(viewer, Qt.Key.Key_Left)
    assert shown.args == [0] and not viewer.previous_button.isEnabled()

    # A bigger window shows the photo bigger.
    before = viewer.shown_size()
    viewer.resize(viewer.width() + 200, viewer.height() + 100)
    qtbot.waitUntil(lambda: viewer.shown_size().width() > before.width())

    qtbot.keyClick(viewer, Qt.Key.Key_Escape)
    assert not viewer.isVisible()


@pytest.mark.qt_log_ignore("JPEG datastream contains no image")  # Qt's JPEG reader on the damaged file
def test_a_missing_or_damaged_file_is_said_in_words(qtbot: QtBot, demo_store, runner) -> None:
    missing, damaged, fine = first_photos(demo_store, 3)
    library = Library(demo_store.data_dir)
    for path in (library.upload(missing["upload_sha256"]), library.original(missing["sha256"], missing["format"])):
        path.unlink()
    for path in (library.upload(damaged["upload_sha256"]), library.original(damaged["sha256"], damaged["format"])):
        path.write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg")
    # The original alone is enough when the upload copy is gone.
    library.upload(fine["upload_sha256"]).unlink()

    viewer = PhotoViewer(demo_store.data_dir, [missing["uuid"], damaged["uuid"], fine["uuid"]], 0, None,
                         runner=runner)
    qtbot.addWidget(viewer)
    with qtbot.waitSignal(viewer.photo_shown, timeout=10_000):
        viewer.open()
    assert viewer.shown_size().isEmpty()
    assert viewer.image.text().startswith("找不到这张照片的文件")
    assert missing["upload_sha256"] in viewer.image.text()  # where it should be, for whoever restores it
    assert missing["original_name"] in viewer.caption.text()  # which photo it was
    with qtbot.waitSignal(viewer.photo_shown, timeout=10_000):
        qtbot.keyClick(viewer, Qt.Key.Key_Right)
    assert viewer.shown_size().isEmpty() and viewer.image.text().startswith("这张照片的文件已损坏")
    with qtbot.waitSignal(viewer.photo_shown, timeout=10_000):
        qtbot.keyClick(viewer, Qt.Key.Key_Right)
    assert max(viewer.shown_size().toTuple()) > THUMBNAIL


def test_double_click_or_enter_on_the_grid_opens_the_photo(qtbot: QtBot, window) -> None:
    window.show_page(window.PHOTOS)
    page = window.photos
    grid = page.grid
    qtbot.waitUntil(lambda: page.model.rowCount() > 2)
    index = page.model.index(2)
    rect = grid.visualRect(index)
    assert rect.height() >= ICON.height()
    qtbot.mouseClick(grid.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(grid.activated, timeout=5000):
        qtbot.mouseDClick(grid.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    viewer = page.viewer
    assert viewer is not None and viewer.isVisible() and viewer.current == 2
    qtbot.waitUntil(lambda: not viewer.shown_size().isEmpty(), timeout=10_000)
    assert page.model.row(2)["original_name"] in viewer.caption.text()
    qtbot.keyClick(viewer, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not shiboken6.isValid(viewer) or not viewer.isVisible())  # closed, and let go of

    grid.setFocus()
    grid.setCurrentIndex(page.model.index(0))
    qtbot.keyClick(grid, Qt.Key.Key_Return)
    viewer = page.viewer
    assert viewer is not None and viewer.isVisible() and viewer.current == 0
    qtbot.waitUntil(lambda: not viewer.shown_size().isEmpty(), timeout=10_000)
    destroy(viewer)
