"""Take the README's screenshots: every page at 1366×768, in Chinese, on a fresh demo data folder.

Run with `make screenshots` (offscreen; needs a CJK font such as Debian's fonts-noto-cjk).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from patrol_app import demo  # noqa: E402
from patrol_app.domain.enums import Role  # noqa: E402
from patrol_app.media.importer import FileResult, ImportSummary  # noqa: E402
from patrol_app.media.reasons import Reason  # noqa: E402
from patrol_app.store import open_store  # noqa: E402
from patrol_app.ui import i18n, style  # noqa: E402
from patrol_app.ui.dialogs.import_result import ImportResultDialog  # noqa: E402
from patrol_app.ui.dialogs.profile import ProfileDialog  # noqa: E402
from patrol_app.ui.main_window import MainWindow  # noqa: E402
from patrol_app.ui.tasks import TaskRunner  # noqa: E402

OUT = Path(__file__).resolve().parent


def settle(app: QApplication, ms: int = 300) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def _select_problem_with_photos(window: MainWindow) -> None:
    """The first problem in the list that has photos both before and after the work."""
    problems = window.problems.problem_list
    problems.state.setCurrentIndex(1)  # all states
    settle(QApplication.instance(), 800)
    store = window.problems._store
    for row in range(problems.model.rowCount()):
        view = store.problems.view(problems.model.row_at(row)["uuid"])
        kinds = {step.event.action.code for step in view.status.steps if view.photos.get(step.event.uuid)}
        if "report" in kinds and kinds & {"rectify", "self_handle"}:
            problems.table.selectRow(row)
            return


def _select_patrol_with_track(window: MainWindow, *, flagged: bool = False) -> None:
    """The newest finalised patrol in the list that has a track and photos (and warnings, if asked)."""
    page = window.patrols
    settle(QApplication.instance(), 800)
    for row in range(page.model.rowCount()):
        values = page.model.row_at(row)
        if values["track_uuid"] and values["status"] == "final" and (values["flag_count"] if flagged
                                                                      else values["photos"]):
            page.table.selectRow(row)
            return
    page.table.selectRow(0)


def _import_result(app: QApplication, window: MainWindow, suffix: str) -> None:
    """The summary after an import the full disk stopped, with the usual odd files of a phone folder."""
    folder = "D:/照片/11月巡河"
    summary = ImportSummary(imported=23, duplicate=4, skipped=2, error=4, seconds=9.6, stopped=Reason.DISK_FULL)
    for name, status, reason in (
        ("VID_20261120_091522.mp4", "skipped", Reason.NOT_AN_IMAGE),
        ("IMG_20261120_093010.jpg", "error", Reason.BROKEN),
        ("Thumbs.db", "skipped", Reason.NOT_AN_IMAGE),
        ("IMG_20261121_160244.jpg", "error", Reason.DISK_FULL),
        ("IMG_20261121_160301.jpg", "error", Reason.NOT_IMPORTED_DISK_FULL),
        ("IMG_20261121_160315.jpg", "error", Reason.NOT_IMPORTED_DISK_FULL),
    ):
        summary.results.append(FileResult(f"{folder}/{name}", status, reason=reason))
    dialog = ImportResultDialog(summary, window)
    dialog.show()
    settle(app)
    dialog.grab().save(str(OUT / f"import-result{suffix}.png"))
    dialog.close()


def main(language: str = "zh_CN") -> None:
    app = QApplication(sys.argv[:1])
    style.apply(app)
    i18n.install(language)
    data_dir = Path(tempfile.mkdtemp(prefix="patrol-shots-"))
    store = open_store(data_dir)
    demo.fill(store, size="small", seed=1)
    from patrol_app.store import backup

    for kind in (backup.DAILY, backup.MANUAL):  # the settings page lists them
        backup.make_backup(store.conn, data_dir, kind)
    suffix = "" if language == "zh_CN" else f"-{language}"

    dialog = ProfileDialog(reaches=store.registry.reaches(), first_run=True)
    dialog.name_edit.setText("李德明")
    dialog.unit_edit.setText("鲁山县下汤镇林庄村")
    dialog.set_reach_checked("410423000001")
    dialog.set_reach_checked("410423000002")
    dialog.resize(700, 640)
    dialog.show()
    settle(app)
    dialog.grab().save(str(OUT / f"first-run{suffix}.png"))
    dialog.close()

    runner = TaskRunner(app)
    window = MainWindow(store=store, runner=runner, data_dir=data_dir, language_setting=language)
    window.resize(1366, 768)
    window.show()
    pages = ((window.HOME, "home"), (window.PATROLS, "patrols"), (window.PROBLEMS, "problems"),
             (window.PHOTOS, "photos"), (window.REACHES, "reaches"), (window.SETTINGS, "settings"))
    for index, name in pages:
        window.show_page(index)
        settle(app, 600)
        if name == "home":
            window.home.view_choice.setCurrentIndex(1)  # this year, period by period
            settle(app, 800)
            window.grab().save(str(OUT / f"home-year{suffix}.png"))
            window.home.view_choice.setCurrentIndex(0)
            settle(app, 600)
        if name == "patrols":  # a patrol with its GPS track, photos and checks
            _select_patrol_with_track(window)
            settle(app, 1500)
            window.grab().save(str(OUT / f"patrols{suffix}.png"))
            editor = window.patrols.editor
            editor.tabs.setCurrentIndex(2)
            settle(app, 600)
            window.grab().save(str(OUT / f"patrol-track{suffix}.png"))
            _select_patrol_with_track(window, flagged=True)
            settle(app, 1500)
            window.grab().save(str(OUT / f"patrol-track-warnings{suffix}.png"))
            editor.tabs.setCurrentIndex(1)
            settle(app, 600)
            window.grab().save(str(OUT / f"patrol-checklist{suffix}.png"))
            editor.tabs.setCurrentIndex(0)
            continue
        if name == "photos":  # show a photo's details too
            window.photos.grid.setCurrentIndex(window.photos.model.index(1))
            settle(app, 600)
            _import_result(app, window, suffix)
        if name == "problems":  # a problem with photos before and after, and its timeline
            _select_problem_with_photos(window)
            settle(app, 800)
        window.grab().save(str(OUT / f"{name}{suffix}.png"))
        if name == "problems":
            problems = window.problems
            problems.tabs.setCurrentWidget(problems.task_list)
            settle(app, 800)
            window.grab().save(str(OUT / f"problems-tasks{suffix}.png"))
            problems.tabs.setCurrentWidget(problems.duty)
            settle(app, 800)
            window.grab().save(str(OUT / f"problems-responsibilities{suffix}.png"))
            problems.tabs.setCurrentWidget(problems.problem_list)
            problems.report_problem().grab().save(str(OUT / f"problem-report{suffix}.png"))
    # The demo's liaison unit: its home banner and the 暗访检查 page (shown to liaison profiles only).
    liaison = next((p for p in store.profiles.all() if p.role is Role.LIAISON_INSPECTOR), None)
    if liaison is not None:
        store.profiles.make_current(liaison.uuid)
        window.settings.profile_changed.emit(store.profiles.get(liaison.uuid))
        window.show_page(window.HOME)
        settle(app, 1200)
        window.grab().save(str(OUT / f"home-liaison{suffix}.png"))
        window.show_page(window.COVERT)
        settle(app, 1500)
        window.grab().save(str(OUT / f"covert-demo{suffix}.png"))
    maintenance_shots(app, window, store, suffix)
    runner.wait_for_idle()
    window.close()
    store.close()


def maintenance_shots(app: QApplication, window: MainWindow, store, suffix: str) -> None:
    """The demo's maintenance crew (issue 16): its logs, the problems assigned to it, the editor with a photo
    pair, the monthly summary, and last month's summary PDF drawn by pdftoppm (page one and the photos)."""
    import subprocess

    crew = next((p for p in store.profiles.all() if p.role is Role.MAINTENANCE), None)
    if crew is None:
        return
    store.profiles.make_current(crew.uuid)
    window.settings.profile_changed.emit(store.profiles.get(crew.uuid))
    window.show_page(window.HOME)
    settle(app, 1500)
    window.grab().save(str(OUT / f"home-crew{suffix}.png"))
    window.show_page(window.MAINTENANCE)
    settle(app, 1500)
    page = window.maintenance
    window.grab().save(str(OUT / f"maintenance-list{suffix}.png"))
    page.tabs.setCurrentWidget(page.tasks_tab)
    settle(app, 400)
    window.grab().save(str(OUT / f"maintenance-tasks{suffix}.png"))
    page.tabs.setCurrentWidget(page.logs_tab)
    row = next(r for r in range(page.logs.rowCount()) if page.logs.item(r, 6).text())  # a rectification (LOG_RECTIFIED)
    page.logs.selectRow(row)
    page.open_selected()
    settle(app, 1500)
    if page.dialog is not None:
        page.dialog.resize(1180, 680)
        settle(app, 400)
        page.dialog.grab().save(str(OUT / f"maintenance-editor{suffix}.png"))
        page.dialog.done(0)
    page.tabs.setCurrentWidget(page.summary_tab)
    page.month_choice.setCurrentIndex(min(1, page.month_choice.count() - 1))  # last month: a whole one
    settle(app, 600)
    window.grab().save(str(OUT / f"maintenance-summary{suffix}.png"))
    with tempfile.TemporaryDirectory() as folder:
        pdf = Path(folder) / "summary.pdf"
        page.export_summary("pdf", pdf)
        for _ in range(100):
            if pdf.exists():
                break
            settle(app, 200)
        subprocess.run(["pdftoppm", "-r", "80", "-png", str(pdf), str(Path(folder) / "page")], check=True)
        pages = sorted(Path(folder).glob("page-*.png"))
        listed = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True,
                                check=True).stdout.splitlines()[2:]
        with_images = [int(line.split()[0]) for line in listed]
        photos = max(set(with_images), key=with_images.count) - 1 if with_images else len(pages) - 1  # the fullest
        (OUT / f"maintenance-summary-pdf{suffix}.png").write_bytes(pages[0].read_bytes())
        (OUT / f"maintenance-summary-pdf-photos{suffix}.png").write_bytes(pages[photos].read_bytes())


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "zh_CN")
