"""The problem's action buttons and dialogs as a chief's mouse meets them at 1366×768: nothing moves under
the mouse (after 签收, 整改完成 is still where it was), a grey button says why, an error keeps its place and
goes once its field is put right, the 交办 list starts nearby, and a problem reported elsewhere is listed."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from pytestqt.qtbot import QtBot

from patrol_app.domain.enums import Role
from patrol_app.domain.ids import utc_now, uuid7
from patrol_app.domain.problems import (
    Action,
    Actor,
    Problem,
    ProblemSource,
    ProblemState,
    Severity,
    Urgency,
)
from patrol_app.ui.dialogs.problem import ActionDialog, ReportProblemDialog
from tests.ui.test_language import english_words, visible_texts
from tests.ui.test_problems_page import open_action, save, switch_profile

REACH = "410423000001"  # the demo chief's own reach, in 鲁山县下汤镇


def report(store, description: str = "闸前水面漂浮垃圾约 20 平方米") -> Problem:  # noqa: ANN001
    problem = Problem(uuid7(), "floating.rubbish", description, Severity.GENERAL, Urgency.NORMAL, ProblemSource.PATROL,
                      REACH, utc_now() - timedelta(minutes=5), Actor("p", "张巡河员", Role.PATROLLER))
    store.problems.report(problem)
    return problem


def show(qtbot: QtBot, page, uuid: str) -> None:  # noqa: ANN001
    """Select a problem reported straight into the store (behind the window's back, hence the reload)."""
    page.problem_list.search.setText("")
    page.problem_list.reload()
    qtbot.waitUntil(lambda: page.problem_list.model.find(uuid) >= 0, timeout=30_000)
    page.problem_list.table.selectRow(page.problem_list.model.find(uuid))
    qtbot.waitUntil(lambda: page.detail.view is not None and page.detail.view.problem.uuid == uuid, timeout=30_000)


def places(window, page) -> dict[Action, QRect]:  # noqa: ANN001
    """Where each action button is in the window, once every pending layout has been done."""
    QApplication.processEvents()
    return {a: QRect(b.mapTo(window, QPoint(0, 0)), b.size()) for a, b in page.detail.buttons.items()}


def check_buttons(window, page, first: dict[Action, QRect], step: str) -> None:  # noqa: ANN001
    assert places(window, page) == first, f"an action button moved after {step}"
    reason = page.detail.reason
    assert reason.text().strip() and reason.heightForWidth(reason.width()) <= reason.height(), reason.text()
    for action, button in page.detail.buttons.items():
        assert button.isVisible(), f"{action.zh} is gone after {step}"
        if not button.isEnabled():
            assert button.toolTip().strip(), f"{action.zh} is grey after {step} and does not say why"


def test_action_buttons_keep_their_places_through_the_whole_loop(qtbot: QtBot, window, demo_store) -> None:
    store = demo_store
    window.resize(1366, 768)
    chief = store.profiles.current()
    problem = report(store)
    window.show_page(window.PROBLEMS)
    page = window.problems
    show(qtbot, page, problem.uuid)
    first = places(window, page)
    check_buttons(window, page, first, "opening the problem")
    assert english_words(visible_texts(page.detail.action_bar), "") == []
    assert all(r.width() > 0 and r.height() >= 28 for r in first.values())
    assert len({(r.x(), r.y()) for r in first.values()}) == len(first)  # each in a place of its own
    for rect in first.values():  # the whole bar is on screen at 1366×768, not below the fold
        assert window.rect().contains(rect)

    # 交办 by the chief.
    dialog = open_action(qtbot, page, Action.ASSIGN)
    dialog.unit.setCurrentText("鲁山县沙河保洁公司（示例）")
    save(qtbot, page, dialog, ProblemState.ASSIGNED)
    check_buttons(window, page, first, "交办")

    # The crew signs for it; the place where 整改完成 was is still 整改完成 (it used to be 反馈 by then).
    switch_profile(window, store, name="王师傅", role=Role.MAINTENANCE, level=None, unit="鲁山县沙河保洁公司（示例）",
                   reach_codes=[])
    qtbot.waitUntil(lambda: page.detail.buttons[Action.ACCEPT].isEnabled(), timeout=30_000)
    check_buttons(window, page, first, "switching to the crew")
    assert not page.detail.buttons[Action.URGE].isEnabled() and "不能催办" in page.detail.buttons[Action.URGE].toolTip()
    rectify_at = first[Action.RECTIFY].center()
    save(qtbot, page, open_action(qtbot, page, Action.ACCEPT), ProblemState.RECTIFYING)
    check_buttons(window, page, first, "签收")
    assert window.childAt(rectify_at) is page.detail.buttons[Action.RECTIFY]
    qtbot.mouseClick(window.childAt(rectify_at), Qt.MouseButton.LeftButton)
    dialog = page.detail.findChildren(ActionDialog)[-1]
    assert dialog.isVisible() and dialog.windowTitle() == "整改完成"
    dialog.note.insertPlainText("已打捞干净")
    dialog.reason.setText("手机没电，没有拍照")
    save(qtbot, page, dialog, ProblemState.RECTIFIED)
    check_buttons(window, page, first, "整改完成")
    assert not page.detail.buttons[Action.VERIFY].isEnabled()  # not by whoever fixed it; now on the chief

    # The chief checks and closes it.
    switch_profile(window, store, uuid=chief.uuid, name=chief.name, role=chief.role, level=chief.level,
                   unit=chief.unit, reach_codes=list(chief.reach_codes))
    qtbot.waitUntil(lambda: page.detail.buttons[Action.VERIFY].isEnabled(), timeout=30_000)
    check_buttons(window, page, first, "switching back to the chief")
    save(qtbot, page, open_action(qtbot, page, Action.VERIFY), ProblemState.VERIFIED)
    check_buttons(window, page, first, "核查通过")
    save(qtbot, page, open_action(qtbot, page, Action.CLOSE), ProblemState.CLOSED)
    check_buttons(window, page, first, "销号")
    assert not any(b.isEnabled() for b in page.detail.buttons.values())
    assert "已销号" in page.detail.reason.text()

    # Pointing at a grey button says why in the reason line, and the line does not grow and lift the buttons.
    qtbot.mouseMove(page.detail.buttons[Action.ACCEPT])
    qtbot.waitUntil(lambda: page.detail.reason.text().startswith("签收："))
    check_buttons(window, page, first, "pointing at a grey button")
    # Another problem, and no problem at all: still the same places.
    other = report(store, "河岸新倒了一堆建筑垃圾")
    show(qtbot, page, other.uuid)
    check_buttons(window, page, first, "selecting another problem")
    page.problem_list.search.setText("没有这样的问题 xyz")
    qtbot.waitUntil(lambda: page.detail.view is None, timeout=30_000)
    check_buttons(window, page, first, "a filter that selects nothing")
    assert "选" in page.detail.reason.text()


def error_place(dialog) -> tuple[QRect, QRect]:  # noqa: ANN001
    QApplication.processEvents()
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    return QRect(ok.mapToGlobal(QPoint(0, 0)), ok.size()), dialog.geometry()


def press_ok(qtbot: QtBot, dialog) -> None:  # noqa: ANN001
    dialog.refusal = None
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.refusal is not None and dialog.buttons.isEnabled(), timeout=30_000)


def test_a_report_error_keeps_its_place_and_goes_once_its_field_is_right(qtbot: QtBot, window) -> None:
    window.show_page(window.PROBLEMS)
    page = window.problems
    dialog = page.report_problem()
    assert isinstance(dialog, ReportProblemDialog)
    qtbot.waitExposed(dialog)
    before = error_place(dialog)
    press_ok(qtbot, dialog)  # no description
    assert dialog.error.text() == "请写一句话说明发现了什么问题。" and dialog.isVisible()
    assert error_place(dialog) == before  # the red line had its room: OK and Cancel did not move
    dialog.severity.setCurrentIndex(dialog.severity.findData("major"))
    assert dialog.error.text()  # another field: the description is still missing
    dialog.description.insertPlainText("桥下")
    assert dialog.error.text() == "" and dialog.refusal is None  # fixed: the red line goes at once
    assert error_place(dialog) == before
    dialog.reject()


def test_an_assign_error_goes_once_a_unit_is_given_and_the_list_starts_nearby(qtbot: QtBot, window,
                                                                               demo_store) -> None:
    problem = report(demo_store)
    window.show_page(window.PROBLEMS)
    page = window.problems
    show(qtbot, page, problem.uuid)
    dialog = open_action(qtbot, page, Action.ASSIGN)
    qtbot.waitExposed(dialog)
    units = [dialog.unit.itemText(i) for i in range(dialog.unit.count())]
    # 鲁山县下汤镇 first (the chief's own township), then the rest of 鲁山县, then other counties (叶县, 郏县…).
    assert units[:3] == ["鲁山县下汤镇林庄村（示例）", "鲁山县下汤镇人民政府（示例）", "鲁山县下汤镇巡河队（示例）"]
    county = [u.startswith("鲁山县") for u in units]
    assert county == sorted(county, reverse=True) and county.count(True) >= 5 and county.count(False) >= 5
    before = error_place(dialog)
    press_ok(qtbot, dialog)
    assert "交办给哪个单位" in dialog.error.text()
    assert error_place(dialog) == before
    dialog.note.insertPlainText("请尽快处理")
    assert dialog.error.text()  # not what was wrong
    dialog.unit.setCurrentText("鲁山县下汤镇人民政府（示例）")
    assert dialog.error.text() == ""
    dialog.reject()


def test_a_problem_reported_from_a_patrol_is_listed_without_refresh(qtbot: QtBot, window, demo_store) -> None:
    store = demo_store
    # The problems page was opened first, so it holds a list from before the report.
    window.show_page(window.PROBLEMS)
    page = window.problems
    page.problem_list.search.setText("芦苇丛")
    qtbot.waitUntil(lambda: page.problem_list.model.total == 0 and "没有" in page.problem_list.count_label.text(),
                    timeout=30_000)
    open_before = window.home.summary.problems["open"]

    window.show_page(window.PATROLS)
    (patrol,) = [r for r in store.conn.execute(
        "SELECT uuid FROM patrols WHERE reach_code = ? AND status = 'final' ORDER BY started_at DESC LIMIT 1",
        (REACH,))]
    editor = window.patrols.editor
    with qtbot.waitSignal(editor.loaded, timeout=30_000):
        window.patrols.open_patrol(patrol[0])
    editor.report_problem()
    dialog = editor.findChild(ReportProblemDialog)
    dialog.description.setPlainText("芦苇丛里有一片白色垃圾")
    with qtbot.waitSignal(dialog.saved, timeout=30_000) as saved:
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    uuid = saved.args[0]

    window.show_page(window.PROBLEMS)  # no 刷新 pressed
    qtbot.waitUntil(lambda: page.problem_list.model.find(uuid) >= 0, timeout=30_000)
    assert page.problem_list.model.total == 1 and "1" in page.problem_list.count_label.text()
    qtbot.waitUntil(lambda: window.home.summary.problems["open"] == open_before + 1, timeout=30_000)
