"""The patrols page as a user works it: a patrol from a folder of photos plus a GPX file, finalised,
then counted on the home page in the right week (Asia/Shanghai), including a patrol across midnight
and one starting just after the week boundary."""

from __future__ import annotations

import math
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from patrol_app.domain.enums import Level, Role
from patrol_app.domain.periods import CHINA_TZ
from patrol_app.store import open_store
from patrol_app.store.database import database_path
from patrol_app.ui.dialogs.problem import ReportProblemDialog
from tests.photos_factory import make_photo
from tests.ui.conftest import destroy, fixed_now

REACH = "410423000001"  # 沙河下汤镇林庄村段, a shipped demo reach with a course
LINE = [(112.62, 33.758), (112.632, 33.76), (112.644, 33.754), (112.656, 33.756), (112.668, 33.75), (112.68, 33.752)]
NOW = datetime(2026, 11, 25, 10, 0, tzinfo=CHINA_TZ)  # Wednesday of ISO week 48 (23–29 Nov)


def along(fraction: float) -> tuple[float, float]:
    """(lat, lon) at `fraction` of the way along the first 40% of the reach line (straight segments)."""
    x = fraction * 0.4 * (len(LINE) - 1)
    k = min(int(x), len(LINE) - 2)
    f = x - k
    lon = LINE[k][0] + (LINE[k + 1][0] - LINE[k][0]) * f
    lat = LINE[k][1] + (LINE[k + 1][1] - LINE[k][1]) * f
    return lat, lon


def write_gpx(path: Path, start: datetime, minutes: int) -> Path:
    """A GPX 1.1 track along the reach, one fix every 10 s, UTC times as GPS receivers write them."""
    points = []
    n = minutes * 6
    for i in range(n + 1):
        lat, lon = along(i / n)
        t = (start + timedelta(seconds=10 * i)).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        points.append(f'<trkpt lat="{lat:.7f}" lon="{lon:.7f}"><ele>{85 + math.sin(i):.1f}</ele>'
                      f"<time>{t}</time></trkpt>")
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<gpx version="1.1" creator="test" '
        'xmlns="http://www.topografix.com/GPX/1/1"><trk><name>巡河</name><trkseg>'
        + "".join(points) + "</trkseg></trk></gpx>", encoding="utf-8")
    return path


def photo_folder(folder: Path, start: datetime, minutes: int, count: int, *, seed: int, no_gps: int = 0) -> Path:
    """`count` phone photos along the reach over `minutes`; the last `no_gps` of them without GPS."""
    for i in range(count):
        when = start + timedelta(minutes=minutes * i / (count - 1))
        lat, lon = along(i / (count - 1))
        gps = None if i >= count - no_gps else (lat, lon, 86.0)
        make_photo(folder / f"IMG_{i:03d}.jpg", size=(640, 480), seed=seed + i,
                   when=when.astimezone(CHINA_TZ).replace(tzinfo=None), gps=gps)
    return folder


@pytest.fixture
def app_window(qtbot: QtBot, tmp_path: Path, runner):
    from patrol_app.ui.main_window import MainWindow

    store = open_store(tmp_path / "data")
    profile = store.profiles.save(name="李德明", role=Role.CHIEF, level=Level.VILLAGE, unit="林庄村",
                                  reach_codes=[REACH, "410423000002"], make_current=True)
    window = MainWindow(store=store, runner=runner, data_dir=store.data_dir, language_setting="zh_CN",
                        now=fixed_now(NOW.astimezone(UTC)))
    with qtbot.waitSignal(window.home.loaded, timeout=30_000):
        window.show()
    window.show_page(window.PATROLS)
    yield window, store, profile
    runner.wait_for_idle()
    destroy(window)
    store.close()


def finalise(qtbot: QtBot, editor) -> str:  # noqa: ANN001
    editor.mark_all_normal()
    with qtbot.waitSignal(editor.saved, timeout=30_000) as saved, qtbot.waitSignal(editor.loaded, timeout=30_000):
        editor.save(finalise=True)
    return saved.args[0]


def test_patrol_from_photos_and_gpx_is_finalised_and_counted_in_the_right_week(
    qtbot: QtBot, tmp_path: Path, app_window, runner
) -> None:
    window, store, _ = app_window
    page, editor = window.patrols, window.patrols.editor

    # 1. Wednesday 18 Nov, 09:00–09:40: a folder of 6 photos (2 without GPS) and the GPX from a tracker app.
    start = datetime(2026, 11, 18, 9, 0, tzinfo=CHINA_TZ)
    folder = photo_folder(tmp_path / "照片 11月18日", start, 40, 6, seed=1, no_gps=2)
    with qtbot.waitSignal(editor.loaded, timeout=30_000):
        page.new_from_folder(folder)
    bundle = editor.bundle
    assert bundle.row is None and bundle.form.reach_code == REACH  # proposed from the photos' positions
    assert bundle.form.started_at == start and bundle.form.ended_at == start + timedelta(minutes=40)
    assert len(bundle.photos) == 6 and bundle.track is not None and len(bundle.track.points) == 4
    gpx = write_gpx(tmp_path / "track 18.gpx", start, 40)
    with qtbot.waitSignal(editor.loaded, timeout=30_000):
        editor.import_track_file(gpx)
    assert len(editor.bundle.track.points) == 241 and editor.track_view.has_track()
    assert editor.bundle.analysis.coverage is not None and editor.bundle.analysis.coverage > 0.3
    # Finalising with an unanswered checklist is refused in the editor, nothing saved.
    saved: list[object] = []
    editor.saved.connect(lambda *a: saved.append(a))
    editor.save(finalise=True)
    qtbot.waitUntil(lambda: not editor.busy and not runner.busy, timeout=30_000)  # every write has ended
    assert saved == [] and "检查项" in editor.message.text()
    assert store.patrols.count() == 0
    first = finalise(qtbot, editor)

    row = store.patrols.get(first)
    assert row["status"] == "final" and row["track_uuid"] and row["reach_code"] == REACH
    with sqlite3.connect(database_path(store.data_dir)) as conn:  # independently of our code
        sources = dict(conn.execute(
            """SELECT p.position_source, count(*) FROM photo_links l JOIN photos p ON p.uuid = l.photo_uuid
               WHERE l.target_uuid = ? AND l.deleted = 0 GROUP BY 1""", (first,)).fetchall())
        queued = conn.execute("SELECT count(*) FROM outbox WHERE record_uuid = ? AND state = 'pending'",
                              (first,)).fetchone()[0]
    assert sources == {"exif": 4, "track": 2}  # the two without GPS were placed on the GPX track
    assert queued == 1
    assert 2400 <= row["duration_s"] <= 2400 and 1000 < row["distance_m"] < 6000
    assert not editor.finalise_button.isEnabled() and editor.revise_button.isEnabled()  # in place, disabled
    assert not editor.notes.isEnabled()  # locked
    # A problem found on it: reported from the patrol, linked both ways.
    editor.report_problem()
    dialog = editor.findChild(ReportProblemDialog)
    assert dialog.reach.currentData() == REACH
    dialog.description.setPlainText("西岸有一处垃圾堆")
    with qtbot.waitSignal(editor.loaded, timeout=30_000):
        dialog.submit()
    assert editor.problem_list.count() == 1 and "垃圾" in editor.problem_list.item(0).text()
    (problem,) = store.patrols.problems(first)
    assert store.problems.view(problem["uuid"]).patrol["uuid"] == first

    # 2. Sunday 22 Nov 23:40 → Monday 00:20, photos only: belongs to week 47, the week it started in.
    late = datetime(2026, 11, 22, 23, 40, tzinfo=CHINA_TZ)
    with qtbot.waitSignal(editor.loaded, timeout=30_000):
        page.new_from_folder(photo_folder(tmp_path / "midnight", late, 40, 5, seed=20))
    assert editor.bundle.track is not None and len(editor.bundle.track.points) == 5
    finalise(qtbot, editor)

    # 3. Monday 23 Nov 00:05 (Sunday 16:05 UTC): a GPX alone, in week 48.
    early = datetime(2026, 11, 23, 0, 5, tzinfo=CHINA_TZ)
    editor.new_patrol()
    qtbot.waitUntil(lambda: editor.bundle is not None and editor.bundle.row is None, timeout=30_000)
    with qtbot.waitSignal(editor.loaded, timeout=30_000):
        editor.import_track_file(write_gpx(tmp_path / "early.gpx", early, 30))
    assert editor.form().started_at == early
    finalise(qtbot, editor)

    # The home page counts them in Asia/Shanghai weeks: two in week 47 (previous), one in week 48 (current).
    window.show_page(0)
    with qtbot.waitSignal(window.home.loaded, timeout=30_000):
        window.home.refresh()
    line = next(x for x in window.home.summary.lines if x.code == REACH)
    assert window.home.summary.period.key == "2026-W48"
    assert (line.done, line.valid, line.previous_valid) == (1, 1, 2)
    with sqlite3.connect(database_path(store.data_dir)) as conn:
        starts = [r[0] for r in conn.execute("SELECT started_at FROM patrols WHERE status = 'final' ORDER BY 1")]
    assert starts == ["2026-11-18T01:00:00.000Z", "2026-11-22T15:40:00.000Z", "2026-11-22T16:05:00.000Z"]

    # The list shows all three, newest first, and the year view counts week 47 as met.
    window.show_page(window.PATROLS)
    page.period_filter.setCurrentIndex(page.period_filter.findData("all"))
    qtbot.waitUntil(lambda: page.model.total == 3, timeout=30_000)
    assert [page.model.row_at(i)["started_at"] for i in range(3)] == starts[::-1]
    window.show_page(0)
    with qtbot.waitSignal(window.home.year_loaded, timeout=30_000):
        window.home.view_choice.setCurrentIndex(1)
    year = next(x for x in window.home.year_model._rows if x.code == REACH)
    # The year is judged from the chief's record's start: the profile is new, but its earliest patrol (week
    # 47) is earlier, so weeks 47 and 48 count, both met; the weeks before are nobody's miss.
    # 有效 counts every valid patrol, as the period view does (two in week 47): 达标 says whether enough.
    assert (year.done, year.valid, year.satisfied, year.periods) == (3, 3, 2, 2)
    assert window.home._year is not None and window.home._year.first.key == "2026-W47"


def test_a_finalised_patrol_changes_only_by_revision_with_a_reason(qtbot: QtBot, tmp_path: Path, app_window) -> None:
    window, store, _ = app_window
    editor = window.patrols.editor
    start = datetime(2026, 11, 24, 8, 0, tzinfo=CHINA_TZ)
    editor.new_patrol()
    qtbot.waitUntil(lambda: editor.bundle is not None, timeout=30_000)
    with qtbot.waitSignal(editor.loaded, timeout=30_000):
        editor.import_track_file(write_gpx(tmp_path / "t.gpx", start, 25))
    editor.notes.setPlainText("河面清洁")
    uuid = finalise(qtbot, editor)
    version = store.patrols.get(uuid)["version"]

    editor.start_revision()
    assert editor.notes.isEnabled() and editor.revising
    editor.notes.setPlainText("河面清洁，西岸有少量垃圾已清理")
    editor.save_revision("")  # no reason: refused, nothing changes
    qtbot.waitUntil(lambda: not editor.busy, timeout=30_000)
    assert "原因" in editor.message.text() and "#a61b1b" in editor.message.text()  # refused, in red
    assert store.patrols.get(uuid)["version"] == version
    with qtbot.waitSignal(editor.loaded, timeout=30_000):
        editor.save_revision("补充巡查发现")
    row = store.patrols.get(uuid)
    assert row["revision"] == 1 and row["notes"].startswith("河面清洁，西岸") and row["status"] == "final"
    revisions = store.patrols.revisions(uuid)
    assert [r["reason"] for r in revisions] == ["补充巡查发现"]
    assert '"notes": "河面清洁"' in revisions[0]["replaced"]  # the replaced version is kept
    assert editor.history.count() == 3 and not editor.notes.isEnabled()


def test_photos_page_offers_a_draft_patrol_and_makes_a_patrol_from_selected_photos(
    qtbot: QtBot, tmp_path: Path, app_window
) -> None:
    window, store, _ = app_window
    editor = window.patrols.editor
    start = datetime(2026, 11, 24, 15, 0, tzinfo=CHINA_TZ)
    editor.new_patrol()
    qtbot.waitUntil(lambda: editor.bundle is not None, timeout=30_000)
    with qtbot.waitSignal(editor.loaded, timeout=30_000):
        editor.import_track_file(write_gpx(tmp_path / "draft.gpx", start, 40))
    with qtbot.waitSignal(editor.saved, timeout=30_000):
        editor.save(finalise=False)
    draft = editor.uuid

    # Photos imported later on the photos page: those taken during the draft patrol are offered for it.
    window.show_page(window.PHOTOS)
    photos = window.photos
    folder = photo_folder(tmp_path / "later", start + timedelta(minutes=5), 30, 4, seed=40, no_gps=1)
    with qtbot.waitSignal(photos.import_finished, timeout=30_000):
        photos.start_import([folder])
    qtbot.waitUntil(lambda: getattr(photos, "link_question", None) is not None
                    and photos.link_question.isVisible(), timeout=30_000)
    assert "沙河下汤镇林庄村段：4 张照片" in photos.link_question.text()
    photos.result_dialog.close()
    with qtbot.waitSignal(photos.library_changed, timeout=30_000):
        photos.link_question.accept()
    linked = store.patrols.photos(draft)
    assert len(linked) == 4 and [p["position_source"] for p in linked].count("track") == 1

    # Select two photos on the page and make a new patrol of them: the proposal opens unsaved.
    qtbot.waitUntil(lambda: photos.model.rowCount() == 4, timeout=30_000)
    photos.grid.selectAll()
    assert photos.patrol_button.isEnabled()
    with qtbot.waitSignal(editor.loaded, timeout=30_000):
        photos.patrol_button.click()
    assert window.current_page is window.patrols
    assert editor.bundle.row is None and len(editor.bundle.photos) == 4 and editor.bundle.form.reach_code == REACH
    assert editor.has_unsaved_changes()  # a proposal is work to keep: leaving it asks first


def test_the_editor_knows_when_something_is_not_saved(qtbot: QtBot, tmp_path: Path, app_window) -> None:
    window, store, _ = app_window
    editor = window.patrols.editor
    editor.new_patrol()
    qtbot.waitUntil(lambda: editor.bundle is not None, timeout=30_000)
    # A blank new patrol nobody has touched is nothing to lose (no "discard your changes?" for it) …
    assert not editor.has_unsaved_changes()
    # … but anything typed into it is, until saved.
    editor.notes.setPlainText("草稿")
    assert editor.has_unsaved_changes()
    with qtbot.waitSignal(editor.loaded, timeout=30_000):
        editor.save(finalise=False)
    assert not editor.has_unsaved_changes()  # what is on screen is what is stored (times to the minute)
    editor.set_check("floating", problem=True)
    assert editor.has_unsaved_changes()
    editor.set_check("floating", problem=False)
    editor.check_groups["floating"].setExclusive(False)
    editor.check_groups["floating"].button(0).setChecked(False)
    editor.check_groups["floating"].setExclusive(True)
    assert not editor.has_unsaved_changes()
    editor.distance.setValue(3.5)
    assert editor.has_unsaved_changes()


def test_a_file_that_is_not_a_track_is_refused_in_the_editor(qtbot: QtBot, tmp_path: Path, app_window) -> None:
    window, store, _ = app_window
    editor = window.patrols.editor
    editor.new_patrol()
    qtbot.waitUntil(lambda: editor.bundle is not None, timeout=30_000)
    notes = tmp_path / "巡河笔记.gpx"
    notes.write_text("今天河面很干净。", encoding="utf-8")
    editor.notes.setPlainText("已写的备注")
    editor.import_track_file(notes)
    qtbot.waitUntil(lambda: not editor.busy, timeout=30_000)
    assert editor.message.text() and "color:#a61b1b" in editor.message.text()  # the reason, in red, in place
    assert editor.bundle.track is None and editor.notes.toPlainText() == "已写的备注"  # nothing lost
    assert store.conn.execute("SELECT count(*) FROM tracks").fetchone()[0] == 0


def test_switching_patrols_quickly_never_saves_one_patrols_form_over_another(
    qtbot: QtBot, tmp_path: Path, app_window, runner
) -> None:
    window, store, _ = app_window
    editor = window.patrols.editor
    uuids = []
    for name, minutes in (("甲", 30), ("乙", 50)):
        editor.new_patrol()
        qtbot.waitUntil(lambda: editor.bundle is not None and editor.bundle.row is None and not editor.busy,
                        timeout=30_000)
        editor.patroller.setText(name)
        editor.ended.setDateTime(editor.started.dateTime().addSecs(minutes * 60))
        editor.distance.setValue(1.234)
        with qtbot.waitSignal(editor.loaded, timeout=30_000):
            editor.save(finalise=False)
        uuids.append(editor.uuid)
    a, b = uuids
    before = {u: dict(store.patrols.get(u)) for u in uuids}
    with qtbot.waitSignal(editor.loaded, timeout=30_000):
        editor.open_patrol(a)
    assert not editor.has_unsaved_changes()  # 1.234 km shown to the metre: no false "unsaved" prompt
    editor.open_patrol(b)  # the form still shows 甲 until 乙 has been read...
    editor.save(finalise=False)  # ...so a save now must not write 甲's form into 乙
    qtbot.waitUntil(lambda: editor.bundle.row["uuid"] == b, timeout=30_000)
    qtbot.waitUntil(lambda: not runner.busy, timeout=30_000)  # a wrong save, had one started, has ended
    after = {u: dict(store.patrols.get(u)) for u in uuids}
    assert after == before and editor.patroller.text() == "乙"


def test_a_folder_with_two_days_of_photos_proposes_one_outing(qtbot: QtBot, tmp_path: Path, app_window) -> None:
    window, store, _ = app_window
    page, editor = window.patrols, window.patrols.editor
    folder = tmp_path / "两天的照片"
    photo_folder(folder / "d1", datetime(2026, 11, 19, 8, 0, tzinfo=CHINA_TZ), 30, 3, seed=60)
    photo_folder(folder / "d2", datetime(2026, 11, 20, 15, 0, tzinfo=CHINA_TZ), 40, 5, seed=70)
    with qtbot.waitSignal(editor.loaded, timeout=30_000):
        page.new_from_folder(folder)
    form = editor.bundle.form
    assert form.started_at == datetime(2026, 11, 20, 15, 0, tzinfo=CHINA_TZ)
    assert form.ended_at == datetime(2026, 11, 20, 15, 40, tzinfo=CHINA_TZ)
    assert len(editor.bundle.photos) == 5 and "3" in editor.message.text()  # the other day's 3 are left out


def test_leaving_an_edited_patrol_asks_first(qtbot: QtBot, tmp_path: Path, app_window) -> None:
    from PySide6.QtWidgets import QMessageBox

    from tests.ui.conftest import when_modal

    window, store, _ = app_window
    page, editor = window.patrols, window.patrols.editor
    uuids = []
    for name in ("甲", "乙"):
        editor.new_patrol()
        qtbot.waitUntil(lambda: editor.bundle is not None and editor.bundle.row is None and not editor.busy,
                        timeout=30_000)
        editor.patroller.setText(name)
        with qtbot.waitSignal(editor.loaded, timeout=30_000):
            editor.save(finalise=False)
        uuids.append(editor.uuid)
    editor.notes.setPlainText("还没保存的字")

    def press(which: QMessageBox.StandardButton):  # noqa: ANN202
        return lambda box: box.button(which).click()

    when_modal(press(QMessageBox.StandardButton.Cancel))  # keep editing: nothing lost, still on 乙
    page.open_patrol(uuids[0])
    assert editor.uuid == uuids[1] and editor.notes.toPlainText() == "还没保存的字"
    when_modal(press(QMessageBox.StandardButton.Discard))
    with qtbot.waitSignal(editor.loaded, timeout=30_000):
        page.open_patrol(uuids[0])
    assert editor.patroller.text() == "甲" and store.patrols.get(uuids[1])["notes"] == ""
