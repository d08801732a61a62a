"""管护日志 in the main window (issue 16), at 1366×768 in Chinese: a crew member receives a problem the office
assigned to the crew, logs the cleanup with a before/after photo pair, the problem moves to 待核查 with the
after-photo, and the monthly summary counts it (and exports as Excel with the right totals). Bad input is
queried in Chinese and English and saved only with a reason. A crew sees only its reaches, its problems
and its logs."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QDate, Qt, QTime
from pytestqt.qtbot import QtBot

from patrol_app.domain.enums import Level, Role
from patrol_app.domain.ids import iso_utc, uuid7
from patrol_app.domain.maintenance import WorkItem, WorkUnit
from patrol_app.domain.periods import CHINA_TZ
from patrol_app.domain.problems import Actor, Problem, ProblemSource, ProblemState, Severity, Urgency
from patrol_app.store import open_store, records
from patrol_app.store.database import Store
from patrol_app.store.problems import ProblemFilter
from patrol_app.ui.pages.maintenance import LOG_PHOTOS, LOG_QUERIED, LOG_RECTIFIED, LOG_WHEN, LOG_WORK
from sync.protocol import OFFICE_DEVICE
from tests.photos_factory import make_photo
from tests.ui.conftest import destroy, fixed_now
from tests.ui.test_language import english_words, visible_texts
from tests.ui.test_target_sizes import check

UNIT = "鲁山县沙河保洁公司"
CREW = "刘长松"
REACHES = ["410423000001", "410423000002"]
ELSEWHERE = "410423000005"  # a reach of the register that is not the crew's
NOW = datetime(2026, 11, 20, 16, 0, tzinfo=CHINA_TZ)
CONTRACT = "0c0a7b1e-6d1f-5d35-9a55-0d9a0c0de016"


def office_records(tmp_path: Path) -> tuple[list[dict], str, str]:
    """What a sync brings the crew: a chief's problem (made on the chief's laptop), the office's 交办 of it to the
    crew, a problem on another reach not assigned to it, and the crew's contract. Wire documents, as pulled."""
    chief = tmp_path / "chief-laptop"
    with open_store(chief) as store:
        me = store.profiles.save(name="李德明", role=Role.CHIEF, level=Level.VILLAGE, unit="林庄村",
                                 reach_codes=[REACHES[0], ELSEWHERE])
        actor = Actor(me.uuid, me.name, Role.CHIEF, me.unit)
        mine = Problem(uuid7(), "floating.rubbish", "拦河闸前聚集漂浮垃圾约二十平方米", Severity.GENERAL,
                       Urgency.NORMAL, ProblemSource.PATROL, REACHES[0], NOW - timedelta(days=2), actor)
        other = Problem(uuid7(), "dumping.garbage", "别的河段堆放生活垃圾", Severity.GENERAL, Urgency.NORMAL,
                        ProblemSource.PATROL, ELSEWHERE, NOW - timedelta(days=2), actor)
        for problem in (mine, other):
            store.problems.report(problem, now=NOW - timedelta(days=2, hours=-1))
        docs = [kind.wire(store.conn, r["uuid"]) for kind in (records.PROBLEM, records.PROBLEM_EVENT)
                for r in store.query(f"SELECT uuid FROM {kind.table}")]
    at = iso_utc(NOW - timedelta(days=1))
    docs.append({"kind": "problem_event", "uuid": uuid7(), "version": 1, "device_id": OFFICE_DEVICE, "created_at": at,
                 "updated_at": at, "deleted": False, "photos": [], "data": {
                     "problem_uuid": mine.uuid, "seq": 2, "action": "assign", "at": at, "actor_uuid": OFFICE_DEVICE,
                     "actor_name": "市河长办", "actor_role": "office", "actor_unit": "市河长办", "note": "",
                     "reason": "", "assignee_unit": UNIT, "assignee_person": "", "deadline": "2026-11-25"}})
    docs.append({"kind": "contract", "uuid": CONTRACT, "version": 1, "device_id": OFFICE_DEVICE, "created_at": at,
                 "updated_at": at, "deleted": False, "photos": [], "data": {
                     "number": "LS-GH-2026-07", "name": "沙河下汤段保洁", "crew_unit": UNIT, "client": "下汤镇人民政府",
                     "reach_codes": REACHES, "starts_on": "2026-01-01", "ends_on": "2026-12-31", "notes": "",
                     "requirements": [{"item": "floating", "times": 8, "quantity": 300, "unit": "kg"},
                                      {"item": "bank_cleaning", "times": 12, "quantity": 6000, "unit": "m"}]}})
    return docs, mine.uuid, other.uuid


@pytest.fixture
def crew_window(qtbot: QtBot, store: Store, runner, tmp_path: Path):
    from patrol_app.ui.main_window import MainWindow

    store.profiles.save(name=CREW, role=Role.MAINTENANCE, level=None, unit=UNIT, reach_codes=REACHES)
    docs, mine, other = office_records(tmp_path)
    arrived = store.remote.apply(docs, 9, units=[UNIT], people=[CREW])  # as the sync's pull applies them
    assert arrived.assignments == 1 and arrived.records == 6
    w = MainWindow(store=store, runner=runner, data_dir=store.data_dir, language_setting="zh_CN",
                   now=fixed_now(NOW), auto_sync=False)
    w.resize(1366, 768)
    with qtbot.waitSignals([w.home.loaded, w.status_refreshed], timeout=30_000):
        w.show()
    yield w, mine, other
    runner.wait_for_idle()
    destroy(w)


def english(root, store: Store) -> list[str]:
    """English words left in a widget, the contract's number (data, not words) aside."""
    return english_words([t.replace("LS-GH-2026-07", "") for t in visible_texts(root)], str(store.data_dir))


def open_editor(qtbot: QtBot, page, action) -> object:
    with qtbot.waitSignal(page.editor_opened, timeout=30_000) as opened:
        action()
    return opened.args[0]


def attach(qtbot: QtBot, dialog, row: int, side: int, path: Path) -> None:
    with qtbot.waitSignal(dialog.photos_attached, timeout=30_000):
        dialog.attach_photo(row, side, path)


def test_a_crew_rectifies_an_assigned_problem_and_the_month_counts_it(qtbot: QtBot, crew_window, store: Store,
                                                                      runner, tmp_path: Path) -> None:
    window, problem, other = crew_window
    assert window.page_names()[-1] == "管护日志" and "暗访检查" not in window.page_names()
    assert window.home.tasks_banner.isVisibleTo(window.home) and "交办了 1 件新问题" in window.home.tasks_banner.text()
    with qtbot.waitSignal(window.maintenance.loaded, timeout=30_000):
        window.show_page(window.MAINTENANCE)
    page = window.maintenance
    assert "交办待整改的问题 1 个" in page.headline.text() and "沙河下汤段保洁" in page.headline.text()

    # The assigned problem is listed (the other reach's is not); "记录整改" opens the editor on it.
    page.tabs.setCurrentWidget(page.tasks_tab)
    assert page.tasks.rowCount() == 1 and page.tasks.item(0, 0).text() == "已交办"
    assert "拦河闸前聚集漂浮垃圾" in page.tasks.item(0, 2).text()
    page.tasks.selectRow(0)
    dialog = open_editor(qtbot, page, page.rectify_button.click)
    assert dialog.problem.currentData() == problem and dialog.reach.currentData() == REACHES[0]
    assert dialog.contract.currentData() == CONTRACT

    dialog.day.setDate(QDate(2026, 11, 20))
    dialog.start.setTime(QTime(9, 0))
    dialog.end.setTime(QTime(11, 30))
    dialog.workers.setText(f"{CREW}、王大军")
    dialog.notes.setPlainText("打捞闸前漂浮垃圾 85 千克，装袋运走")
    dialog.set_quantity(0, 85)
    row = dialog.add_work_line(WorkItem.BANK)
    dialog.set_quantity(row, 600)
    before = make_photo(tmp_path / "phone" / "IMG_0905.jpg", size=(800, 600), seed=3, when=datetime(2026, 11, 20, 9, 5))
    after = make_photo(tmp_path / "phone" / "IMG_1120.jpg", size=(800, 600), seed=4,
                       when=datetime(2026, 11, 20, 11, 20))
    attach(qtbot, dialog, 0, 0, before)
    attach(qtbot, dialog, 0, 1, after)
    dialog.pairs.item(0, 2).setText("拦河闸前")
    [pair] = dialog.pair_values()
    assert pair.caption == "拦河闸前" and pair.before and pair.after
    assert "11-20 09:05" in dialog.pairs.item(0, 0).text() and "11-20 11:20" in dialog.pairs.item(0, 1).text()
    dialog.resize(1180, 680)
    dialog.grab().save(str(tmp_path / "maintenance-editor.png"))
    check(dialog, "maintenance log editor")
    assert english(dialog, store) == []

    with qtbot.waitSignals([dialog.saved, page.loaded], timeout=30_000):
        dialog.save_button.click()
    status = store.problems.status(problem)
    assert status.state is ProblemState.RECTIFIED and status.rectified_by.name == CREW
    [log] = store.maintenance.logs()
    assert log.rectify_event_uuid == status.head and log.warnings == ()
    after_uuid = log.pairs[0].after
    assert store.problems.view(problem).photos[status.head][0]["uuid"] == after_uuid
    assert page.tasks.item(0, 0).text() == "待核查"
    page.tabs.setCurrentWidget(page.logs_tab)
    assert page.logs.rowCount() == 1 and "清漂 85 千克" in page.logs.item(0, LOG_WORK).text()
    assert "拦河闸前聚集漂浮垃圾" in page.logs.item(0, LOG_RECTIFIED).text()
    assert page.logs.item(0, LOG_PHOTOS).text() == "1"
    assert page.logs.item(0, LOG_WHEN).text() == "2026-11-20 09:00–11:30"
    window.grab().save(str(tmp_path / "maintenance-list.png"))
    # The photos page says where the before-photo is used: in this log.
    before_uuid = log.pairs[0].before
    window.show_page(window.PHOTOS)
    photos = window.photos
    qtbot.waitUntil(lambda: any(photos.model.row(i)["uuid"] == before_uuid
                                for i in range(photos.model.rowCount())), timeout=30_000)
    shown = next(i for i in range(photos.model.rowCount()) if photos.model.row(i)["uuid"] == before_uuid)
    photos.grid.setCurrentIndex(photos.model.index(shown))
    photos.grid.selectionModel().select(photos.model.index(shown),
                                        photos.grid.selectionModel().SelectionFlag.ClearAndSelect)
    assert "管护日志 2026-11-20" in photos.details.text(), photos.details.text()
    window.show_page(window.MAINTENANCE)

    # The monthly summary counts it; the Excel for the payment check has the totals.
    page.tabs.setCurrentWidget(page.summary_tab)
    assert page.month_choice.currentText() == "2026年11月"
    summary = page.summary
    assert summary is not None and summary.rectified == (problem,) and summary.work_days == 1
    assert "整改问题 1 个" in page.month_facts.text() and "清漂 85 千克" in page.totals.text()
    assert [page.progress.item(r, 2).text() for r in range(2)] == ["1 / 8", "1 / 12"]
    assert page.progress.item(0, 4).text() == "未达标"
    assert english(page, store) == []
    xlsx = tmp_path / "11月汇总.xlsx"
    with qtbot.waitSignal(page.report_written, timeout=30_000):
        page.export_summary("xlsx", xlsx)
    sheet = load_workbook(xlsx)["管护日志"]
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert rows[-1][0] == "合计" and rows[-1][rows[0].index("清漂（千克）")] == 85
    assert rows[-1][rows[0].index("保洁（米）")] == 600 and rows[-1][rows[0].index("整改问题")] == 1
    pdf = tmp_path / "11月汇总.pdf"
    with qtbot.waitSignal(page.report_written, timeout=30_000):
        page.export_summary("pdf", pdf)
    assert pdf.read_bytes().startswith(b"%PDF")

    # The crew sees its own: the problem list holds the assigned problem, not the other reach's; its
    # reaches are its profile's and its contract's.
    window.show_page(window.PROBLEMS)
    problems = window.problems.problem_list
    problems.state.setCurrentIndex(1)  # all states
    qtbot.waitUntil(lambda: problems.model.find(problem) >= 0, timeout=30_000)
    assert problems.model.find(other) < 0 and problems.model.total == 1
    assert store.problems.count(ProblemFilter(date(2026, 11, 20))) == 2  # both are on this laptop
    window.show_page(window.REACHES)
    assert sorted(window.reaches.model.row_at(i).code for i in range(window.reaches.model.rowCount())) == REACHES


def test_bad_input_is_queried_in_both_languages_and_saved_with_a_reason(qtbot: QtBot, crew_window, store: Store,
                                                                        tmp_path: Path) -> None:
    window, _, _ = crew_window
    with qtbot.waitSignal(window.maintenance.loaded, timeout=30_000):
        window.show_page(window.MAINTENANCE)
    page = window.maintenance
    dialog = open_editor(qtbot, page, page.new_button.click)
    assert dialog.problem.currentData() is None
    # A day before the contract began (it runs through 2026), a negative quantity, an absurd one, and photos
    # whose camera times are the wrong way round.
    dialog.day.setDate(QDate(2025, 12, 30))
    dialog.start.setTime(QTime(8, 0))
    dialog.end.setTime(QTime(12, 0))
    dialog.set_quantity(0, -20)
    row = dialog.add_work_line(WorkItem.WEEDING)
    dialog.set_quantity(row, 900_000)
    assert dialog.work_lines()[1].unit is WorkUnit.M2
    early = make_photo(tmp_path / "p" / "IMG_0810.jpg", size=(800, 600), seed=5, when=datetime(2025, 12, 30, 8, 10))
    late = make_photo(tmp_path / "p" / "IMG_1140.jpg", size=(800, 600), seed=6, when=datetime(2025, 12, 30, 11, 40))
    attach(qtbot, dialog, 0, 0, late)  # swapped: the "before" is the later photo
    attach(qtbot, dialog, 0, 1, early)
    dialog.save_button.click()
    qtbot.waitUntil(lambda: dialog.refusal is not None and dialog.refusal.code == "needs_reason", timeout=30_000)
    refusal = dialog.refusal
    assert [n.code for n in refusal.notices] == ["negative_quantity", "absurd_quantity", "outside_contract",
                                                 "after_before_before"]
    shown = dialog.notices.text()
    assert "负数" in shown and "远超一天能完成的量" in shown and "早于整改前的照片" in shown
    assert "不在合同「沙河下汤段保洁」的期限（2026-01-01 至 2026-12-31）内" in shown
    assert "negative" in refusal.en and "far more than a day's work" in refusal.en and "before-photo" in refusal.en
    assert "outside the period of the contract" in refusal.en
    assert "原因" in dialog.error.text() and dialog.isVisible() and store.maintenance.logs() == []
    dialog.grab().save(str(tmp_path / "maintenance-queried.png"))

    dialog.reason.setText("补记去年合同签订前的试运行作业；负数是更正多报的20千克；除草为全段机械割草，数量已核对")
    assert "再点“保存”" in dialog.error.text()
    with qtbot.waitSignals([dialog.saved, page.loaded], timeout=30_000):
        dialog.save_button.click()
    [log] = store.maintenance.logs()
    assert log.warnings == ("negative_quantity", "absurd_quantity", "outside_contract", "after_before_before")
    assert log.warning_reason.startswith("补记去年")
    assert page.logs.item(0, LOG_QUERIED).text() == "已说明原因"

    # A log without a contract needs its post; one without workers is refused at once, in the dialog.
    dialog = open_editor(qtbot, page, page.new_button.click)
    dialog.contract.setCurrentIndex(dialog.contract.count() - 1)
    dialog.set_quantity(0, 30)
    dialog.save_button.click()
    assert dialog.refusal.code == "need_contract" and "岗位" in dialog.error.text()
    dialog.post.setText("林庄村公益性岗位")
    assert dialog.error.text() == ""
    dialog.workers.clear()
    dialog.save_button.click()
    assert dialog.refusal.code == "need_workers"
    dialog.workers.setText(CREW)
    assert dialog.error.text() == ""
    with qtbot.waitSignals([dialog.saved, page.loaded], timeout=30_000):
        dialog.save_button.click()
    assert [log.post for log in store.maintenance.logs()] == ["林庄村公益性岗位", ""]


def test_only_a_crew_profile_has_the_page(qtbot: QtBot, crew_window, store: Store) -> None:
    window, _, _ = crew_window
    store.profiles.save(name="李德明", role=Role.CHIEF, level=Level.VILLAGE, unit="林庄村", reach_codes=REACHES[:1],
                        make_current=False)
    settings = window.settings
    chief = settings.profile_combo.findText("李德明", Qt.MatchFlag.MatchContains)
    settings.profile_combo.setCurrentIndex(chief)
    settings.profile_combo.activated.emit(chief)
    assert window.navigation.item(window.MAINTENANCE).isHidden() and "管护日志" not in window.page_names()
    window.show_page(window.MAINTENANCE)
    assert window.current_page is not window.maintenance
    window.show_page(window.REACHES)
    assert window.reaches.model.rowCount() > len(REACHES)  # a chief sees the whole register


def test_the_editor_works_from_the_keyboard(qtbot: QtBot, crew_window, store: Store, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    import patrol_app.ui.dialogs.maintenance as editor

    window, _, _ = crew_window
    with qtbot.waitSignal(window.maintenance.loaded, timeout=30_000):
        window.show_page(window.MAINTENANCE)
    page = window.maintenance
    page.logs.setFocus()  # Ctrl+N, as on the other pages, works within the page
    dialog = open_editor(qtbot, page, lambda: QTest.keyClick(page.logs, Qt.Key.Key_N,
                                                             Qt.KeyboardModifier.ControlModifier))
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=10_000)  # key presses go to the focused field
    # Enter on a photo cell chooses that side's photo.
    photo = make_photo(tmp_path / "k" / "IMG_0930.jpg", size=(800, 600), seed=8, when=datetime(2026, 11, 20, 9, 30))
    asked: list[str] = []
    monkeypatch.setattr(editor, "choose_files", lambda _parent, title, *_a: asked.append(title) or [photo])
    dialog.pairs.setFocus()
    dialog.pairs.setCurrentCell(0, 1)
    with qtbot.waitSignal(dialog.photos_attached, timeout=30_000):
        QTest.keyClick(dialog.pairs, Qt.Key.Key_Return)
    assert asked == ["选择作业后拍的照片"] and dialog.pair_values()[0].after is not None
    # Tab goes through each work line's fields and on to the buttons: never trapped in the table.
    dialog.work.setFocus()
    seen = []
    for _ in range(4):
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget())
    row = [dialog.work.cellWidget(0, c) for c in range(3)]
    assert seen == [*row, dialog.add_work]
    # Alt+letter reaches the fields.
    QTest.keyClick(dialog, Qt.Key.Key_W, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is dialog.workers


def test_a_crews_home_is_its_month_and_its_tasks(qtbot: QtBot, crew_window, store: Store) -> None:
    """A crew patrols nothing: its home is what its contract asks this month against what its logs did, and
    the tasks assigned to it; the big button writes a maintenance log; the task cards open the task list."""
    window, mine, _ = crew_window
    home = window.home
    assert home.crew and home.table.model() is home.crew_model
    crew = home.crew_month
    assert crew is not None and crew.contracts == ("沙河下汤段保洁（LS-GH-2026-07）",)
    assert home.crew_model.rowCount() == 2  # 清漂 and 保洁, neither done yet
    assert [c.value.text() for c in home.cards] == ["0", "0 / 2", "0", "0", "1", "0"]
    assert home.cards[4].caption.text() == "交办给我们、还没办完的任务"
    assert "2026年11月" in home.period_label.text() and "沙河下汤段保洁" in home.rule_label.text()
    texts = visible_texts(home)
    assert not any("巡河" in t for t in texts), [t for t in texts if "巡河" in t]
    assert english(home, store) == []
    assert home.new_patrol_button.text() == "新建管护日志"
    assert home.crew_model.index(0, 5).data() == "未达标"

    # The tasks card opens the task list with the assigned problem.
    qtbot.mouseClick(home.cards[4], Qt.MouseButton.LeftButton)
    problems = window.problems
    assert window.current_page is problems and problems.tabs.currentWidget() is problems.task_list
    qtbot.waitUntil(lambda: problems.task_list.model.find(mine) >= 0, timeout=30_000)

    # 新建管护日志 opens the editor on the 管护日志 page, once the page has read the crew's data.
    window.show_page(window.HOME)
    assert window.MAINTENANCE not in window._built
    home.new_patrol_button.click()
    page = window.maintenance
    qtbot.waitUntil(lambda: getattr(page, "dialog", None) is not None and page.dialog.isVisible(), timeout=30_000)
    assert window.current_page is page
    page.dialog.reject()
