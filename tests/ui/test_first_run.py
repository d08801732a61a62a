"""First run: the app asks who uses the laptop, saves the profile, then opens the main window."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QStyle, QStyleOptionViewItem

from patrol_app.domain.enums import Level, Role
from patrol_app.store import open_store
from patrol_app.ui.app import run
from patrol_app.ui.dialogs.profile import ProfileDialog
from patrol_app.ui.main_window import MainWindow
from tests.ui.conftest import when_modal


def test_profile_dialog_explains_what_is_missing(qtbot, store) -> None:
    dialog = ProfileDialog(reaches=store.registry.reaches(), first_run=True)
    qtbot.addWidget(dialog)
    dialog.show()
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert ok.text() == "开始使用"
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.error_label.text() == "请填写姓名。"
    dialog.name_edit.insert("王秀英")  # QTest cannot type CJK; an IME commits text like this
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and "至少勾选一个" in dialog.error_label.text()

    dialog.reach_search.insert("寺沟")
    visible = [
        dialog.reach_list.item(i)
        for i in range(dialog.reach_list.count())
        if not dialog.reach_list.item(i).isHidden()
    ]
    assert len(visible) == 1 and "寺沟村" in visible[0].text() and "[示例]" in visible[0].text()
    visible[0].setCheckState(Qt.CheckState.Checked)
    assert dialog.selected_label.text() == "已选 1 段"
    dialog.role_combo.setCurrentIndex(list(Role).index(Role.PATROLLER))
    assert not dialog.level_combo.isEnabled()
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    value = dialog.value()
    assert (value.name, value.role, value.level, value.reach_codes) == (
        "王秀英",
        Role.PATROLLER,
        None,
        ["410423000002"],
    )


def test_first_run_creates_the_profile_and_opens_the_window(qtbot, data_dir: Path) -> None:
    seen: dict[str, object] = {}

    def fill(dialog) -> None:
        assert isinstance(dialog, ProfileDialog)
        seen["title"] = dialog.windowTitle()
        dialog.name_edit.insert("李德明")
        dialog.level_combo.setCurrentIndex(list(Level).index(Level.VILLAGE))
        dialog.unit_edit.insert("林庄村")
        dialog.set_reach_checked("410423000001")
        QTimer.singleShot(0, check_window)
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    def check_window() -> None:
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        if not windows:
            QTimer.singleShot(20, check_window)
            return
        window = windows[0]

        def loaded() -> None:
            seen["nav"] = window.page_names()
            seen["home_title"] = window.home.title.text()
            seen["rows"] = window.home.model.rowCount()
            seen["status"] = window.pending_label.text()
            QApplication.instance().quit()  # run() hides and deletes the window itself

        def ready() -> None:
            if window.home.summary is None or not window.pending_label.text().startswith("待上传："):
                QTimer.singleShot(20, ready)
            else:
                loaded()

        ready()

    when_modal(fill)
    assert run(data_dir=data_dir, language="zh_CN") == 0
    assert seen["title"] == "欢迎使用巡河助手"
    assert seen["nav"] == ["首页", "巡河记录", "问题", "照片", "河段名录", "上传同步", "设置"]
    assert seen["home_title"] == "李德明，您好" and seen["rows"] == 1
    assert seen["status"] == "待上传：0 条"
    with open_store(data_dir) as store:
        [profile] = store.profiles.all()
        assert (profile.name, profile.role, profile.level, profile.unit, profile.reach_codes) == (
            "李德明",
            Role.CHIEF,
            Level.VILLAGE,
            "林庄村",
            ("410423000001",),
        )


def test_quitting_the_first_run_dialog_saves_nothing(qtbot, data_dir: Path) -> None:
    when_modal(lambda dialog: dialog.reject())
    assert run(data_dir=data_dir, language="zh_CN") == 0
    with open_store(data_dir) as store:
        assert store.profiles.count() == 0


def test_a_click_on_a_reachs_name_ticks_it(qtbot, store) -> None:
    """The whole row is the target (issue 14 item 6): the name, the box, Space; a double-click ticks once."""
    dialog = ProfileDialog(reaches=store.registry.reaches(), first_run=True)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    reaches = dialog.reach_list
    item = reaches.item(1)
    rect = reaches.visualItemRect(item)
    on_name = QPoint(rect.left() + rect.width() // 2, rect.center().y())  # well right of the 13 px box
    assert "村段" in item.text() and item.checkState() == Qt.CheckState.Unchecked

    qtbot.mouseClick(reaches.viewport(), Qt.MouseButton.LeftButton, pos=on_name)
    assert item.checkState() == Qt.CheckState.Checked and dialog.selected_label.text() == "已选 1 段"
    qtbot.mouseClick(reaches.viewport(), Qt.MouseButton.LeftButton, pos=on_name)
    assert item.checkState() == Qt.CheckState.Unchecked and dialog.selected_label.text() == "已选 0 段"

    # A double-click, a habit of many, ticks once: press and release (ticked), then the double-click and its
    # release, which must not untick it.
    qtbot.mouseClick(reaches.viewport(), Qt.MouseButton.LeftButton, pos=on_name)
    qtbot.mouseDClick(reaches.viewport(), Qt.MouseButton.LeftButton, pos=on_name)
    qtbot.mouseRelease(reaches.viewport(), Qt.MouseButton.LeftButton, pos=on_name)
    assert item.checkState() == Qt.CheckState.Checked

    option = QStyleOptionViewItem()
    option.initFrom(reaches)
    option.rect = rect
    option.features |= QStyleOptionViewItem.ViewItemFeature.HasCheckIndicator
    box = reaches.style().subElementRect(QStyle.SubElement.SE_ItemViewItemCheckIndicator, option, reaches)
    qtbot.mouseClick(reaches.viewport(), Qt.MouseButton.LeftButton, pos=box.center())  # the box itself: once
    assert item.checkState() == Qt.CheckState.Unchecked

    reaches.setFocus()
    reaches.setCurrentItem(reaches.item(2))
    qtbot.keyClick(reaches, Qt.Key.Key_Space)
    assert reaches.item(2).checkState() == Qt.CheckState.Checked
    qtbot.keyClick(reaches, Qt.Key.Key_Space)
    assert reaches.item(2).checkState() == Qt.CheckState.Unchecked


def test_the_profile_dialogs_red_line_goes_once_it_is_put_right(qtbot, store) -> None:
    dialog = ProfileDialog(reaches=store.registry.reaches(), first_run=True)
    qtbot.addWidget(dialog)
    dialog.resize(640, 600)
    dialog.show()
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    QApplication.processEvents()
    ok_at = ok.mapTo(dialog, QPoint(0, 0))
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert dialog.error_label.text() == "请填写姓名。"
    QApplication.processEvents()
    assert ok.mapTo(dialog, QPoint(0, 0)) == ok_at  # the red line's room was kept: OK did not move
    dialog.name_edit.insert("王秀英")
    assert dialog.error_label.text() == ""  # at once, not on the next click
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert "至少勾选一个" in dialog.error_label.text()
    dialog.reach_list.item(0).setCheckState(Qt.CheckState.Checked)
    assert dialog.error_label.text() == ""
