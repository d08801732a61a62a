"""The problems page as people use it: report with photos, assign, rectify with an after photo, verify
as another person, close; the timeline shows every step with who and when. Stale views are refused."""

from __future__ import annotations

import subprocess
from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from patrol_app.domain.enums import Level, Role
from patrol_app.domain.ids import utc_now, uuid7
from patrol_app.domain.problems import (
    Action,
    Actor,
    Problem,
    ProblemSource,
    ProblemState,
    Severity,
    Urgency,
    fold,
    local_date,
)
from patrol_app.store.problems import ProblemFilter
from patrol_app.ui.dialogs.problem import ActionDialog
from sync import outbox
from tests.photos_factory import make_folder
from tests.ui.conftest import when_modal
from tests.ui.test_language import english_words, visible_texts


def switch_profile(window, store, **fields):
    profile = store.profiles.save(make_current=True, **fields)
    window.settings.profile_changed.emit(profile)
    return profile


def open_action(qtbot: QtBot, page, action: Action) -> ActionDialog:
    button = page.detail.buttons[action]
    assert button.isVisible() and button.isEnabled(), button.toolTip()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    dialog = page.detail.findChildren(ActionDialog)[-1]
    assert dialog.isVisible()
    return dialog


def save(qtbot: QtBot, page, dialog, state: ProblemState) -> None:
    """Save the dialog and wait until the detail shows the problem in `state` (a list reloading after a
    profile switch may still deliver an older view first)."""
    uuid = page.detail.view.problem.uuid
    with qtbot.waitSignal(dialog.saved, timeout=30_000):
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.detail.view is not None and page.detail.view.problem.uuid == uuid
                    and page.detail.view.status.state is state, timeout=30_000)


def test_report_assign_rectify_verify_close(qtbot: QtBot, window, demo_store, tmp_path: Path) -> None:
    store = demo_store
    chief = switch_profile(window, store, name="李德明", role=Role.CHIEF, level=Level.TOWNSHIP, unit="东高皇街道",
                           reach_codes=["410402000001"])
    make_folder(tmp_path / "before", 2, size=(800, 600), start_seed=10)
    make_folder(tmp_path / "after", 1, size=(800, 600), start_seed=20)
    window.show_page(window.PROBLEMS)
    page = window.problems
    qtbot.waitUntil(lambda: page.problem_list.model.total == page.problem_list.model.rowCount() or
                    page.problem_list.model.rowCount() > 0, timeout=30_000)

    # 1. Report, with two "before" photos attached from a folder.
    report = page.report_problem()
    assert english_words(visible_texts(report), "") == []  # the dialog speaks Chinese, buttons included
    report.category.setCurrentIndex(report.category.findData("dumping"))
    report.item.setCurrentIndex(report.item.findData("dumping.construction_waste"))
    report.description.insertPlainText("桥下北岸倾倒建筑垃圾约 5 立方米")
    report.severity.setCurrentIndex(report.severity.findData("major"))
    report.photos.attach_files(sorted((tmp_path / "before").iterdir()))
    qtbot.waitUntil(lambda: not report.photos.busy and report.photos.strip.count() == 2, timeout=30_000)
    assert "来自照片" in report.position.text()  # the position comes from the first photo's GPS
    ok = report.buttons.button(QDialogButtonBox.StandardButton.Ok)
    with qtbot.waitSignal(page.detail.loaded, timeout=30_000), qtbot.waitSignal(report.saved, timeout=30_000) as saved:
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    uuid = saved.args[0]
    qtbot.waitUntil(lambda: page.detail.view is not None and page.detail.view.problem.uuid == uuid, timeout=30_000)
    assert page.detail.before.count() == 2 and page.detail.after.count() == 0
    assert "重大" in page.detail.heading.text() and "待交办" in page.detail.heading.text()
    assert store.problems.get(uuid).lat is not None and "来自照片定位" in page.detail.facts.text()
    selected = page.problem_list.table.selectionModel().selectedRows()[0]
    assert selected.data(Qt.ItemDataRole.UserRole)["uuid"] == uuid

    # 2. Assign to the maintenance crew, deadline a week ahead (the dialog's default).
    dialog = open_action(qtbot, page, Action.ASSIGN)
    assert english_words(visible_texts(dialog), "") == []
    dialog.unit.setCurrentText("湛河保洁公司")
    save(qtbot, page, dialog, ProblemState.ASSIGNED)
    assert page.detail.view.status.state is ProblemState.ASSIGNED
    assert page.detail.view.status.deadline == local_date(utc_now()) + timedelta(days=7)

    # 3. The crew signs for it and reports it fixed with an "after" photo.
    switch_profile(window, store, name="王师傅", role=Role.MAINTENANCE, level=None, unit="湛河保洁公司", reach_codes=[])
    page.tabs.setCurrentWidget(page.task_list)
    qtbot.waitUntil(lambda: page.task_list.model.find(uuid) >= 0, timeout=30_000)
    page.task_list.table.selectRow(page.task_list.model.find(uuid))
    qtbot.waitUntil(lambda: page.detail.view is not None and page.detail.view.problem.uuid == uuid, timeout=30_000)
    assert not page.detail.buttons[Action.URGE].isEnabled()  # a crew cannot urge itself: disabled, with why
    assert "不能" in page.detail.buttons[Action.URGE].toolTip()
    save(qtbot, page, open_action(qtbot, page, Action.ACCEPT), ProblemState.RECTIFYING)
    dialog = open_action(qtbot, page, Action.RECTIFY)
    dialog.note.insertPlainText("已全部清运，恢复岸坡")
    dialog.photos.attach_files(sorted((tmp_path / "after").iterdir()))
    qtbot.waitUntil(lambda: not dialog.photos.busy and dialog.photos.strip.count() == 1, timeout=30_000)
    save(qtbot, page, dialog, ProblemState.RECTIFIED)
    assert page.detail.view.status.state is ProblemState.RECTIFIED and page.detail.after.count() == 1
    assert not page.detail.buttons[Action.VERIFY].isEnabled()  # who fixed it does not check it

    # 4. The township chief, another person, verifies on site and closes it (销号).
    switch_profile(window, store, uuid=chief.uuid, name=chief.name, role=chief.role, level=chief.level,
                   unit=chief.unit, reach_codes=list(chief.reach_codes))
    page.tabs.setCurrentWidget(page.problem_list)
    qtbot.waitUntil(lambda: page.detail.view is not None and page.detail.buttons[Action.VERIFY].isVisible()
                    and page.detail.buttons[Action.VERIFY].isEnabled(), timeout=30_000)
    save(qtbot, page, open_action(qtbot, page, Action.VERIFY), ProblemState.VERIFIED)
    save(qtbot, page, open_action(qtbot, page, Action.CLOSE), ProblemState.CLOSED)
    status = page.detail.view.status
    assert status.state is ProblemState.CLOSED
    assert not any(b.isEnabled() for b in page.detail.buttons.values())  # nothing left to do
    assert "已销号" in page.detail.reason.text()  # and the reason line says so

    timeline = page.detail.timeline.text()
    for action, who in (("上报", "李德明"), ("交办", "李德明"), ("签收", "王师傅"), ("整改完成", "王师傅"),
                        ("核查通过", "李德明"), ("销号", "李德明")):
        assert action in timeline and who in timeline
    assert timeline.count(local_date(utc_now()).isoformat()) >= 6  # each step with its date and time
    assert [s.event.actor.name for s in status.steps] == ["李德明", "李德明", "王师傅", "王师傅", "李德明", "李德明"]
    pending = outbox.pending_by_kind(store.conn)
    assert pending["problem_event"] >= 6 and store.upkeep.check().ok

    # 5. The supervision sheet, written in the background from the detail pane.
    pdf = tmp_path / "导出" / "督办单.pdf"
    pdf.parent.mkdir()
    with qtbot.waitSignal(page.detail.pdf_written, timeout=30_000):
        page.detail.write_pdf(pdf)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "督办单" in text and "建筑垃圾" in text and "已销号" in text
    shown = []

    def read_message(box) -> None:
        shown.append(box.text())
        box.accept()

    when_modal(read_message)
    page.detail.write_pdf(tmp_path / "不存在的文件夹" / "督办单.pdf")  # the folder was removed meanwhile
    qtbot.waitUntil(lambda: bool(shown), timeout=30_000)
    assert "不能在" in shown[0] and "保存 PDF" in shown[0]


def test_a_stale_view_is_refused_in_the_dialog_and_nothing_is_saved(qtbot: QtBot, window, demo_store) -> None:
    store = demo_store
    switch_profile(window, store, name="李德明", role=Role.CHIEF, level=Level.TOWNSHIP, unit="东高皇街道",
                   reach_codes=["410402000001"])
    problem = Problem(uuid7(), "floating.rubbish", "闸前水面漂浮垃圾", Severity.GENERAL, Urgency.NORMAL,
                      ProblemSource.PATROL, "410402000001", utc_now() - timedelta(minutes=5),
                      Actor("p", "张巡河员", Role.PATROLLER))
    store.problems.report(problem)
    window.show_page(window.PROBLEMS)
    page = window.problems
    page.problem_list.state.setCurrentIndex(page.problem_list.state.findText("待交办"))
    qtbot.waitUntil(lambda: page.detail.view is not None and page.detail.view.problem.uuid == problem.uuid,
                    timeout=30_000)
    view = page.detail.view
    dialog = open_action(qtbot, page, Action.DISMISS)
    dialog.reason.insertPlainText("重复上报")
    # Meanwhile someone else (another window, or a sync) assigns it.
    store.problems.act(view.problem.uuid, view.status.head, Action.ASSIGN, Actor("o", "赵主任", Role.CHIEF, "区河长办"),
                       assignee_unit="卫东区水利局", deadline=local_date(utc_now()) + timedelta(days=3))
    events = store.upkeep.record_counts()["problem_events"]
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.error.text() != "", timeout=30_000)
    assert "刚刚有了新的处置记录" in dialog.error.text() and "赵主任" in dialog.error.text()
    assert dialog.isVisible() and store.upkeep.record_counts()["problem_events"] == events
    with qtbot.waitSignal(page.detail.loaded, timeout=30_000):
        dialog.reject()  # closing it shows the problem as it is now
    assert page.detail.view.status.state is ProblemState.ASSIGNED


def test_lists_filter_and_the_responsibility_list(qtbot: QtBot, window, demo_store) -> None:
    # Home counts the profile's open and overdue problems, as an independent query from the event log does.
    profile, today = demo_store.profiles.current(), local_date(utc_now())
    counts = window.home.summary.problems
    expected = {"open": 0, "overdue": 0}
    for problem_uuid, reach in demo_store.conn.execute("SELECT uuid, reach_code FROM problems"):
        if reach not in profile.reach_codes:
            continue
        status = fold(problem_uuid, demo_store.problems.events(problem_uuid))
        expected["open"] += status.state.is_open
        expected["overdue"] += status.is_overdue(utc_now())
    assert expected["open"] > 0 and {k: counts[k] for k in expected} == expected
    # Clicking the overdue card opens exactly those problems.
    qtbot.mouseClick(window.home.overdue_problems_card, Qt.MouseButton.LeftButton)
    assert window.current_page is window.problems
    qtbot.waitUntil(lambda: window.problems.problem_list.model.total == expected["overdue"]
                    and window.problems.problem_list.overdue.isChecked(), timeout=30_000)
    with qtbot.waitSignal(window.problems.problem_list.model.loaded, timeout=30_000):
        window.problems.problem_list.show_reach("")  # back to every reach's open problems
    assert window.home.problems_card.value.text() == str(counts["open"])
    assert window.home.overdue_problems_card.value.text() == str(counts["overdue"])
    window.show_page(window.PROBLEMS)
    page = window.problems
    problems = page.problem_list
    qtbot.waitUntil(lambda: problems.count_label.text() not in ("", "正在加载…"), timeout=30_000)
    today = local_date(utc_now())
    assert problems.model.total == demo_store.problems.count(ProblemFilter(today, open_only=True))
    with qtbot.waitSignal(problems.model.loaded, timeout=30_000):
        problems.overdue.setChecked(True)
    assert problems.model.total == demo_store.problems.count(ProblemFilter(today, open_only=True, overdue=True))
    for row in range(problems.model.rowCount()):
        assert problems.model.index(row, 0).data(Qt.ItemDataRole.BackgroundRole) is not None  # overdue stands out
    with qtbot.waitSignal(problems.model.loaded, timeout=30_000):
        problems.overdue.setChecked(False)
    profile = demo_store.profiles.current()
    with qtbot.waitSignal(problems.model.loaded, timeout=30_000):
        problems.reach.setCurrentIndex(problems.reach.findText("我的河段"))
    assert problems.model.total == demo_store.problems.count(
        ProblemFilter(today, open_only=True, reach_codes=profile.reach_codes)) > 0
    page.tabs.setCurrentWidget(page.duty)
    qtbot.waitUntil(lambda: page.duty_model.rowCount() > 0, timeout=30_000)
    assert page.duty_model.rowCount() == demo_store.upkeep.record_counts()["reaches"]
    first = page.duty_model.row_at(0)  # the reach with the most overdue problems comes first
    assert first["overdue"] > 0
    with qtbot.waitSignal(problems.model.loaded, timeout=30_000):
        page.duty_table.doubleClicked.emit(page.duty_model.index(0, 0))
    assert page.tabs.currentWidget() is problems and problems.reach.currentData() == first["reach_code"]
    assert problems.model.total == first["open"]


def test_a_problem_on_screen_shows_its_new_state_after_a_refresh(qtbot: QtBot, window, demo_store) -> None:
    """Found under Xvfb: the office closed the problem on screen, the sync brought it down, the list
    (未销号) dropped it, but the detail beside it still said 待核查."""
    from tests.store.test_problems import CHIEF, NOW, new_problem

    store = demo_store
    problem = new_problem()
    status = store.problems.report(problem, now=NOW)
    window.show_page(window.PROBLEMS)
    page = window.problems
    page.show_problem(problem.uuid)
    qtbot.waitUntil(lambda: page.detail.view is not None and page.detail.view.problem.uuid == problem.uuid,
                    timeout=30_000)
    assert "待交办" in page.detail.heading.text()
    store.problems.act(problem.uuid, status.head, Action.DISMISS, CHIEF, now=NOW, reason="重复上报")  # behind the page
    with qtbot.waitSignal(page.detail.loaded, timeout=30_000):
        page.refresh()
    qtbot.waitUntil(lambda: page.detail.view is not None and page.detail.view.status.state is ProblemState.DISMISSED,
                    timeout=30_000)
    assert "待交办" not in page.detail.heading.text()
