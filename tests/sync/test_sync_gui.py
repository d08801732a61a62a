"""The sync page against the real office over HTTP: enrol, upload the demo with progress shown, stop
half-way, upload again; what the office refused is listed with its reason; the status bar tells the
truth. The window runs offscreen in this process; the office is a real server process."""

from __future__ import annotations

import json
import os
import uuid
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from patrol_app.ui.pages.sync import AutoSync
from tests.sync.test_sync_e2e import assert_exports_agree
from tests.ui.conftest import chinese, destroy, runner  # noqa: F401  (fixtures: Chinese, the task runner)

pytestmark = pytest.mark.usefixtures("no_keyring", "chinese")
WAIT = 120_000  # a safety net far above the work (the whole demo uploads in a few seconds)


@pytest.fixture
def no_keyring(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATROL_APP_NO_KEYRING", "1")  # the token goes to a 0600 file in the data folder


@pytest.fixture
def window(qtbot: QtBot, demo_store, runner):  # noqa: F811
    from patrol_app.ui.main_window import MainWindow

    w = MainWindow(store=demo_store, runner=runner, data_dir=demo_store.data_dir, language_setting="zh_CN",
                   auto_sync=False)
    w.resize(1366, 768)
    with qtbot.waitSignals([w.home.loaded, w.status_refreshed], timeout=WAIT):
        w.show()
    yield w
    runner.wait_for_idle()
    destroy(w)


def shot(qtbot: QtBot, window, name: str, tmp_path: Path) -> None:
    """Look at what the test saw: PATROL_SCREENSHOTS=docs/screenshots keeps them for the docs."""
    folder = Path(os.environ.get("PATROL_SCREENSHOTS") or tmp_path)
    labels = (window.pending_label, window.last_sync_label)
    qtbot.waitUntil(lambda: all(label.width() >= label.sizeHint().width() for label in labels), timeout=WAIT)
    assert window.grab().save(str(folder / f"{name}.png"))


def pending(store) -> int:
    """Everything the outbox holds, covert inspections included (the chief's profile is not shown those,
    but they go with the upload all the same)."""
    from sync import outbox

    return outbox.pending_count(store.conn)


def test_enrol_upload_stop_half_way_and_upload_again(qtbot: QtBot, window, demo_store, sqlite_office,
                                                     runner, tmp_path: Path) -> None:  # noqa: F811
    window.show_page(window.SYNC)
    page = window.sync
    qtbot.waitUntil(lambda: page._overview is not None, timeout=WAIT)
    assert page.enroll_box.isVisible() and not page.sync_button.isEnabled()  # nothing to do until enrolled
    shot(qtbot, window, "sync-enrol", tmp_path)
    before = pending(demo_store)
    assert before > 1000

    # Wrong code: said plainly, nothing enrolled.
    page.server_edit.setText(sqlite_office.url)
    page.code_edit.setText("AAAA-BBBB")
    qtbot.mouseClick(page.enroll_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.enroll_button.isEnabled() and "color:#a61b1b" in page.enroll_message.styleSheet(),
                    timeout=WAIT)
    assert page.enroll_message.text() and page.enroll_box.isVisible()

    # The right code enrols and starts the upload at once; it is held after the first batch of records
    # until Stop is pressed, so the stop lands half-way on any machine.
    page.progress_gate = lambda progress, cancel: progress.records_done < 200 or cancel.wait(60)
    page.code_edit.setText(sqlite_office.enroll_code())
    page.name_edit.setText("林庄村笔记本")
    qtbot.mouseClick(page.enroll_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.running and page._latest is not None and page._latest.records_done >= 200,
                    timeout=WAIT)
    assert page.cancel_button.isVisible() and page.progress.isVisible() and not page.sync_button.isEnabled()
    qtbot.waitUntil(lambda: page.progress_text.text().startswith(f"记录 {page._latest.records_done} / "),
                    timeout=WAIT)  # the label follows the engine, even when a throttled signal was dropped
    assert "照片" in page.progress_text.text() and page.progress.value() == page._latest.records_done
    shot(qtbot, window, "sync-running", tmp_path)
    with qtbot.waitSignal(page.synced, timeout=WAIT) as stopped:
        qtbot.mouseClick(page.cancel_button, Qt.MouseButton.LeftButton)
    report = stopped.args[0]
    assert report.cancelled and 0 < report.sent < before
    left = pending(demo_store)
    assert left == before - report.sent  # exactly what the office acknowledged is marked sent
    assert "已停止" in page.outcome.text()

    # Upload again: everything arrives, once.
    page.progress_gate = None
    with qtbot.waitSignal(page.synced, timeout=WAIT) as done:
        qtbot.mouseClick(page.sync_button, Qt.MouseButton.LeftButton)
    assert done.args[0].complete and done.args[0].sent == left
    assert pending(demo_store) == 0
    qtbot.waitUntil(lambda: page._overview is not None and page._overview.pending == 0, timeout=WAIT)
    assert "全部已送达" in page.outcome.text() and page.state_box.isVisible() and not page.enroll_box.isVisible()
    assert page.last_success.text() != "从未"
    qtbot.waitUntil(lambda: "上次上传" in window.last_sync_label.text() and "从未" not in window.last_sync_label.text()
                    and "0" in window.pending_label.text(), timeout=WAIT)
    shot(qtbot, window, "sync-done", tmp_path)
    assert_exports_agree(demo_store.data_dir, sqlite_office, tmp_path)


def test_a_refused_record_is_listed_with_its_reason_and_the_rest_goes_on(qtbot: QtBot, window, demo_store,
                                                                        sqlite_office, tmp_path: Path) -> None:
    """The office already holds one patrol's version 1 with other content (a laptop restored from an old
    copy, say): that one is refused with the office's reason, every other record arrives."""
    import requests

    from sync import outbox, protocol
    from sync.credentials import TokenStore

    window.show_page(window.SYNC)
    page = window.sync
    qtbot.waitUntil(lambda: page._overview is not None, timeout=WAIT)
    page.server_edit.setText(sqlite_office.url)
    page.code_edit.setText(sqlite_office.enroll_code())
    page.progress_gate = lambda progress, cancel: cancel.wait(60)  # enrolled; hold the first upload
    with qtbot.waitSignal(page.synced, timeout=WAIT):
        qtbot.mouseClick(page.enroll_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: page.running, timeout=WAIT)
        page.cancel()
    page.progress_gate = None
    [entry] = outbox.pending(demo_store.conn, 1)
    doc = outbox.read_record(demo_store.conn, entry.kind, entry.record_uuid)
    doc["data"] = {**doc["data"], "notes": "another copy of the same version"}
    token = TokenStore(demo_store.data_dir, demo_store.device_id).load()
    batch = protocol.Batch(protocol=protocol.PROTOCOL_VERSION, device_id=demo_store.device_id,
                           batch_id=str(uuid.uuid4()), records=[protocol.WireRecord.model_validate(doc)])
    reply = requests.post(sqlite_office.url + "/v1/batches", data=protocol.encode_body(batch), timeout=60,
                          headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json",
                                   "Content-Encoding": "gzip"})
    assert reply.status_code == 200 and reply.json()["acks"][0]["status"] in ("stored", "waiting_photos")

    before = pending(demo_store)
    with qtbot.waitSignal(page.synced, timeout=WAIT) as done:
        qtbot.mouseClick(page.sync_button, Qt.MouseButton.LeftButton)
    report = done.args[0]
    assert [r["uuid"] for r in report.rejected] == [entry.record_uuid], json.dumps(report.to_json())
    assert report.sent == before - 1 and report.error is None
    qtbot.waitUntil(lambda: page.rejected_table.rowCount() == 1, timeout=WAIT)
    assert page.rejected_table.item(0, 2).text().startswith("市河长办已收到这条记录的同一版本，但内容不同")
    assert "其余的已经照常上传" in page.rejected_note.text()
    assert pending(demo_store) == 0  # the refused version waits for an edit, not in the queue
    shot(qtbot, window, "sync-rejected", tmp_path)


def test_automatic_upload_backs_off_while_offline_and_stops_on_a_refusal() -> None:
    from sync.client import Offline, Refused
    from sync.engine import SyncReport

    auto = AutoSync(rng=__import__("random").Random(1))
    waits = [auto.after(SyncReport(error=Offline("离线", "offline"))) for _ in range(8)]
    assert all(b > a for a, b in zip(waits[:5], waits[1:6], strict=True))  # doubling, with jitter
    assert max(waits) <= AutoSync.LONGEST_S * 1.25
    assert auto.after(SyncReport()) == AutoSync.EVERY_S and auto.failures == 0
    from sync.protocol import Reason

    refused = Refused(403, Reason(code="revoked", zh="这台电脑已被停用", en="This device was revoked"))
    assert auto.after(SyncReport(error=refused)) is None and auto.stopped


def test_an_assignment_made_at_the_office_reaches_the_task_list(qtbot: QtBot, window, demo_store, sqlite_office,
                                                                tmp_path: Path) -> None:
    """`patrol-office assign` of a problem this laptop reported, to the current profile's unit: after the
    next sync the home page announces it and the task list (任务清单) holds it."""
    window.show_page(window.SYNC)
    page = window.sync
    qtbot.waitUntil(lambda: page._overview is not None, timeout=WAIT)
    page.server_edit.setText(sqlite_office.url)
    page.code_edit.setText(sqlite_office.enroll_code())
    with qtbot.waitSignal(page.synced, timeout=WAIT) as first:
        qtbot.mouseClick(page.enroll_button, Qt.MouseButton.LeftButton)
    assert first.args[0].complete and first.args[0].received == 0
    profile = demo_store.profiles.current()
    [(problem_uuid,)] = demo_store.query("SELECT problem_uuid FROM problem_status WHERE state = 'reported' "
                                         "ORDER BY problem_uuid LIMIT 1")
    done = sqlite_office.cli("assign", problem_uuid, "--to", profile.unit, "--note", "请三日内清理")
    assert done.returncode == 0, done.stderr
    assert "对方下次同步时收到" in done.stdout

    # The home page refreshes once the sync brought records.
    with qtbot.waitSignal(window.home.loaded, timeout=WAIT), qtbot.waitSignal(page.synced, timeout=WAIT) as second:
        qtbot.mouseClick(page.sync_button, Qt.MouseButton.LeftButton)
    report = second.args[0]
    assert report.complete and report.received == 1 and report.assignments == 1
    assert "新交办给您的问题：1" in page.outcome.text()
    assert demo_store.problems.status(problem_uuid).assignee_unit == profile.unit
    shot(qtbot, window, "sync-assignment-arrived", tmp_path)

    window.show_page(window.HOME)
    banner = window.home.tasks_banner
    assert banner.isVisible() and "市河长办交办了 1 件新问题" in banner.text()
    shot(qtbot, window, "home-assignment-arrived", tmp_path)
    qtbot.mouseClick(banner, Qt.MouseButton.LeftButton)
    problems = window.problems
    tasks = problems.task_list
    assert problems.tabs.currentWidget() is tasks
    qtbot.waitUntil(lambda: tasks.model.find(problem_uuid) >= 0, timeout=WAIT)
    shot(qtbot, window, "tasks-assignment-arrived", tmp_path)
