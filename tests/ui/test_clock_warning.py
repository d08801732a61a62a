"""A laptop clock behind the photos: the import's result says so, and the status bar keeps saying so
until the clock is put right (then the warning goes away by itself)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from pytestqt.qtbot import QtBot

from patrol_app.domain.enums import Level, Role
from patrol_app.domain.periods import CHINA_TZ
from patrol_app.store import open_store
from tests.photos_factory import make_photo
from tests.ui.conftest import destroy

LAPTOP_2017 = datetime(2017, 6, 1, 9, 0, tzinfo=CHINA_TZ)  # the clock battery gave out
CORRECTED = datetime(2026, 12, 4, 9, 0, tzinfo=CHINA_TZ)


def test_import_result_and_status_bar_warn_of_a_clock_behind(qtbot: QtBot, tmp_path: Path, runner) -> None:
    from patrol_app.ui.main_window import MainWindow

    folder = tmp_path / "手机照片"
    for i in range(3):
        make_photo(folder / f"IMG_{i}.jpg", seed=i, when=datetime(2024, 3, 5, 10, 30 + i),
                   gps_time=datetime(2024, 3, 5, 2, 30 + i, tzinfo=UTC))
    store = open_store(tmp_path / "data")
    store.profiles.save(name="李德明", role=Role.CHIEF, level=Level.VILLAGE, unit="林庄村",
                        reach_codes=["410423000001"], make_current=True)
    clock = {"now": LAPTOP_2017.astimezone(UTC)}
    window = MainWindow(store=store, runner=runner, data_dir=store.data_dir, language_setting="zh_CN",
                        now=lambda: clock["now"])
    try:
        with qtbot.waitSignals([window.home.loaded, window.status_refreshed], timeout=10_000):
            window.show()
        assert window.clock_label.isHidden()
        window.show_page(window.PHOTOS)
        page = window.photos
        with qtbot.waitSignal(page.import_finished, timeout=30_000) as finished:
            page.start_import([folder])
        summary = finished.args[0]
        assert summary.imported == 3 and summary.clock_warning is not None  # imported all the same

        dialog = page.result_dialog
        assert dialog.isVisible() and dialog.clock_warning.isVisible()
        text = dialog.clock_warning.text()
        assert text.startswith("电脑的时钟不对。") and "约 7 年" in text and "请在 Windows 设置里" in text
        assert "新导入 3 张" in dialog.headline.text()
        dialog.accept()

        assert not window.clock_label.isHidden()
        assert window.clock_label.text() == "电脑的时钟慢了：请在 Windows 设置里改正日期和时间"
        assert "约 7 年" in window.clock_label.toolTip()

        clock["now"] = CORRECTED.astimezone(UTC)  # the user set the date in Windows
        with qtbot.waitSignal(window.status_refreshed, timeout=10_000):
            window.refresh_status()
        assert window.clock_label.isHidden()

        with qtbot.waitSignal(page.import_finished, timeout=30_000):
            page.start_import([folder])  # duplicates now, judged against a right clock: no warning
        assert not page.result_dialog.clock_warning.isVisible() and page.result_dialog.isVisible()
        page.result_dialog.accept()
    finally:
        runner.wait_for_idle()
        destroy(window)
        store.close()


def test_patrol_editor_warns_when_a_track_is_ahead_of_the_clock(qtbot: QtBot, tmp_path: Path, runner) -> None:
    from patrol_app.ui.main_window import MainWindow

    points = "".join(f'<trkpt lat="{33.758 + i * 1e-4:.6f}" lon="112.62"><time>2024-03-05T02:{i:02d}:00Z</time></trkpt>'
                     for i in range(30))
    gpx = tmp_path / "轨迹.gpx"
    gpx.write_text('<gpx version="1.1" creator="t" xmlns="http://www.topografix.com/GPX/1/1"><trk><trkseg>'
                   + points + "</trkseg></trk></gpx>", encoding="utf-8")
    store = open_store(tmp_path / "data")
    store.profiles.save(name="李德明", role=Role.CHIEF, level=Level.VILLAGE, unit="林庄村",
                        reach_codes=["410423000001"], make_current=True)
    window = MainWindow(store=store, runner=runner, data_dir=store.data_dir, language_setting="zh_CN",
                        now=lambda: LAPTOP_2017.astimezone(UTC))
    try:
        with qtbot.waitSignal(window.home.loaded, timeout=10_000):
            window.show()
        window.show_page(window.PATROLS)
        editor = window.patrols.editor
        with qtbot.waitSignal(editor.loaded, timeout=30_000):
            window.patrols.new_patrol()
        with qtbot.waitSignal(editor.loaded, timeout=30_000):
            editor.import_track_file(gpx)
        assert len(editor.bundle.track.points) == 30  # the track is used all the same
        text = editor.message.text()
        assert "轨迹里卫星定位记下的时间" in text and "约 7 年" in text and "请在 Windows 设置里" in text
    finally:
        runner.wait_for_idle()
        destroy(window)
        store.close()
