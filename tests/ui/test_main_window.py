"""Navigation, the home page's numbers, the reaches page and the status bar."""

from __future__ import annotations

import sqlite3
from datetime import UTC

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from patrol_app.dashboard import ReachState
from patrol_app.domain.periods import Period
from patrol_app.paths import database_path
from patrol_app.ui.models import HomeReachModel, ReachTableModel


def utc_text(moment) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S")


def click_nav(qtbot: QtBot, window, row: int) -> None:
    rect = window.navigation.visualItemRect(window.navigation.item(row))
    qtbot.mouseClick(window.navigation.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_navigation_by_mouse_and_keyboard(qtbot: QtBot, window) -> None:
    assert window.page_names() == ["首页", "巡河记录", "问题", "照片", "河段名录", "上传同步", "设置"]
    assert window.current_page is window.home
    click_nav(qtbot, window, window.REACHES)
    assert window.current_page is window.reaches
    click_nav(qtbot, window, window.SETTINGS)
    assert window.current_page is window.settings
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page is window.home
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page is window.patrols
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page is window.problems
    qtbot.keyClick(window, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page is window.reaches
    window.navigation.setFocus()
    qtbot.keyClick(window.navigation, Qt.Key.Key_Down)
    assert window.current_page is window.sync
    qtbot.keyClick(window, Qt.Key.Key_7, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page is window.settings


def test_home_numbers_match_the_database(qtbot: QtBot, window, demo_store) -> None:
    summary = window.home.summary
    profile = demo_store.profiles.current()
    assert summary is not None and summary.profile == profile
    period: Period = summary.period
    # An independent count straight from the file, not through the store's code.
    with sqlite3.connect(database_path(demo_store.data_dir)) as conn:
        for line in summary.lines:
            done = conn.execute(
                "SELECT count(*) FROM patrols WHERE reach_code = ? AND status = 'final' AND deleted = 0 "
                "AND started_at >= ? AND started_at < ?",
                (line.code, utc_text(period.start), utc_text(period.end)),
            ).fetchone()[0]
            assert line.done == done
    assert window.home.model.rowCount() == len(profile.reach_codes)
    cards = window.home.cards
    assert cards[0].value.text() == str(len(profile.reach_codes))
    overdue = sum(line.state is ReachState.OVERDUE for line in summary.lines)
    assert cards[3].value.text() == str(overdue)
    assert window.home.title.text() == f"{profile.name}，您好"
    assert window.home.period_label.text().startswith("本期：")


def test_status_bar_shows_pending_uploads_and_last_upload(window, demo_store) -> None:
    # A chief's profile does not count covert inspections (the demo's liaison unit's) among them.
    pending = demo_store.upkeep.pending_sync_total() - demo_store.upkeep.pending_sync().get("covert_inspection", 0)
    assert pending > 0
    assert window.pending_label.text() == f"待上传：{pending} 条"
    assert window.last_sync_label.text() == "上次上传：从未上传"
    assert "当前使用者：" in window.profile_label.text()


def test_reaches_page_search_and_detail(qtbot: QtBot, window) -> None:
    page = window.reaches
    total = page.model.rowCount()
    assert total == 37
    page.search.insert("寺沟")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=30_000)
    assert "寺沟村" in page.detail.text() and "示例河段" in page.detail.text()
    assert "（村级）" in page.detail.text()
    page.search.clear()
    qtbot.waitUntil(lambda: page.model.rowCount() == total, timeout=30_000)
    page.waterbody.setCurrentIndex(page.waterbody.findText("湛河"))
    assert 0 < page.model.rowCount() < total
    assert all(page.model.row_at(i).waterbody == "湛河" for i in range(page.model.rowCount()))
    page.search.insert("no such reach")
    qtbot.waitUntil(lambda: page.model.rowCount() == 0, timeout=30_000)
    assert page.detail.text() == "没有符合条件的河段。"


def test_switching_profile_updates_home_and_status(qtbot: QtBot, window, demo_store) -> None:
    settings = window.settings
    township = next(p for p in demo_store.profiles.all() if p.name == "赵春花")
    index = settings.profile_combo.findData(township.uuid)
    settings.profile_combo.setCurrentIndex(index)
    with qtbot.waitSignals([window.home.loaded, window.status_refreshed], timeout=30_000):
        settings.profile_combo.activated.emit(index)
    assert window.home.summary.profile.uuid == township.uuid
    assert "乡级河长" in window.profile_label.text()
    assert "每月" in window.home.rule_label.text()


def test_models_pass_qtmodeltester(qtmodeltester, window) -> None:
    home = HomeReachModel()
    home.set_rows(window.home.summary.lines)
    qtmodeltester.check(home)
    reaches = ReachTableModel()
    reaches.set_rows([window.reaches.model.row_at(i) for i in range(window.reaches.model.rowCount())])
    qtmodeltester.check(reaches)


def test_edit_profile_from_settings(qtbot: QtBot, window, demo_store) -> None:
    from PySide6.QtWidgets import QDialogButtonBox

    from tests.ui.conftest import when_modal

    window.show_page(window.SETTINGS)
    settings = window.settings

    def edit(dialog) -> None:
        assert dialog.windowTitle() == "使用者档案"
        assert dialog.name_edit.text() == "李德明"
        dialog.name_edit.clear()
        dialog.name_edit.insert("李德明（新）")
        dialog.set_reach_checked("410423000003")
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    when_modal(edit)
    with qtbot.waitSignal(window.home.loaded, timeout=30_000):
        qtbot.mouseClick(settings.edit_button, Qt.MouseButton.LeftButton)
    profile = demo_store.profiles.current()
    assert profile.name == "李德明（新）" and "410423000003" in profile.reach_codes
    assert window.home.model.rowCount() == len(profile.reach_codes) == 3
    assert settings.profile_combo.currentText() == "李德明（新）"


def test_the_big_new_patrol_button_on_home_opens_a_blank_patrol(qtbot: QtBot, window, demo_store) -> None:
    home = window.home
    button = home.new_patrol_button
    assert button.isVisible() and button.text() == "新建巡河" and button.height() >= 40
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert window.current_page is window.patrols
    editor = window.patrols.editor
    assert editor.isVisible() and editor._uuid is None  # a new, unsaved patrol
    name = demo_store.profiles.current().name
    qtbot.waitUntil(lambda: editor.patroller.text() == name, timeout=30_000)  # the form loads in the background


def test_ctrl_n_on_home_opens_a_blank_patrol_and_again_asks_nothing(qtbot: QtBot, window) -> None:
    window.home.setFocus()
    qtbot.keyClick(window.home, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    editor = window.patrols.editor
    assert window.current_page is window.patrols and editor._uuid is None
    qtbot.waitUntil(lambda: editor.bundle is not None, timeout=30_000)
    # The blank form was not touched: going home and asking for a new patrol again opens one at once
    # (a "discard your changes?" question here would block this test: nothing was typed).
    window.show_page(0)
    qtbot.mouseClick(window.home.new_patrol_button, Qt.MouseButton.LeftButton)
    assert window.current_page is window.patrols and QApplication.activeModalWidget() is None
