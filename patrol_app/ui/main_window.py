"""The main window: navigation on the left, pages on the right, sync state in the status bar."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QStyle,
    QWidget,
)

from patrol_app.domain.clock import ClockWarning, TimeEvidence, clock_behind
from patrol_app.domain.enums import Role
from patrol_app.domain.ids import parse_utc, utc_now
from patrol_app.domain.periods import CHINA_TZ
from patrol_app.domain.registry import Profile
from patrol_app.store import Store
from patrol_app.store.settings import LANGUAGE
from patrol_app.ui import i18n
from patrol_app.ui.dialogs.messages import TRANSLATION_FAILED_SHORT, show_error, translation_failed_text
from patrol_app.ui.pages.home import HomePage

if TYPE_CHECKING:
    from patrol_app.ui.pages.covert import CovertPage
    from patrol_app.ui.pages.maintenance import MaintenancePage
    from patrol_app.ui.pages.patrols import PatrolsPage
    from patrol_app.ui.pages.photos import PhotosPage
    from patrol_app.ui.pages.problems import ProblemsPage
    from patrol_app.ui.pages.reaches import ReachesPage
    from patrol_app.ui.pages.settings import SettingsPage
    from patrol_app.ui.pages.sync import SyncPage
from patrol_app.ui.tasks import TaskRunner, WorkContext
from patrol_app.ui.widgets import Retranslating


@dataclass(frozen=True)
class SyncStatus:
    pending: int
    last_success: str | None
    profile: Profile | None


class MainWindow(Retranslating, QMainWindow):
    """Signals:
    shown(): the window was shown for the first time.
    closed(): the user closed the window (the app then quits).
    status_refreshed(): the status bar shows freshly read sync numbers.
    """

    shown = Signal()
    closed = Signal()
    status_refreshed = Signal()
    STATUS_REFRESH_MS = 30_000

    def __init__(self, *, store: Store, runner: TaskRunner, data_dir: Path, language_setting: str,
                 now=utc_now, auto_sync: bool = True) -> None:
        super().__init__()
        self._auto_sync = auto_sync
        self._store = store
        self._runner = runner
        self._announced = False
        self._status: SyncStatus | None = None
        self._profile: Profile | None = None
        self._now = now
        self._problems_stale = False
        self._covert_stale = False  # its findings' states changed (problems page, a sync)
        self.restart_requested = False  # closed to be opened again (a restore from the settings page)
        self.setMinimumSize(1024, 640)
        self.resize(1366, 768)

        self._language_setting = language_setting
        self.home = HomePage(data_dir=data_dir, runner=runner, now=now)
        self.home.problems_requested.connect(self._show_my_problems)
        self.home.tasks_requested.connect(self._show_my_tasks)
        self.home.covert_requested.connect(lambda: self.show_page(self.COVERT))
        self.home.new_patrol_requested.connect(self._new_patrol)
        self.home.new_inspection_requested.connect(self._new_inspection)
        self.home.new_log_requested.connect(self._new_log)
        # Pages other than home are built the first time they are opened: start-up stays fast.
        self._factories = (lambda: self.home, self._make_patrols, self._make_problems, self._make_photos,
                           self._make_reaches, self._make_sync, self._make_settings,
                           self._make_covert, self._make_maintenance)
        self._built: dict[int, QWidget] = {0: self.home}

        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setFixedWidth(190)
        self.navigation.setIconSize(QSize(22, 22))
        icons = (
            QStyle.StandardPixmap.SP_DirHomeIcon,
            QStyle.StandardPixmap.SP_FileDialogInfoView,
            QStyle.StandardPixmap.SP_MessageBoxWarning,
            QStyle.StandardPixmap.SP_FileDialogListView,
            QStyle.StandardPixmap.SP_FileDialogDetailedView,
            QStyle.StandardPixmap.SP_BrowserReload,
            QStyle.StandardPixmap.SP_FileDialogContentsView,
            QStyle.StandardPixmap.SP_FileDialogDetailedView,
            QStyle.StandardPixmap.SP_DialogApplyButton,
        )
        for icon in icons:
            self.navigation.addItem(QListWidgetItem(self.style().standardIcon(icon), ""))
        self.stack = QStackedWidget()
        self.stack.addWidget(self.home)
        for _ in self._factories[1:]:
            self.stack.addWidget(QWidget())  # replaced by the real page on first visit

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.navigation)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.pending_label = QLabel()
        self.last_sync_label = QLabel()
        self.profile_label = QLabel()
        # Shown once an import found the laptop clock behind, until the clock is put right.
        self.clock_label = QLabel()
        self.clock_label.setStyleSheet("color: #a61b1b; font-weight: bold;")
        self.clock_label.setVisible(False)
        self._clock_evidence: TimeEvidence | None = None
        for label in (self.pending_label, self.last_sync_label, self.profile_label, self.clock_label):
            label.setContentsMargins(8, 2, 8, 2)
        self.statusBar().addWidget(self.clock_label)
        self.statusBar().addWidget(self.pending_label)
        self.statusBar().addWidget(self.last_sync_label)
        # Stays until a translation loads or the user picks English: a message box alone is easily missed.
        self.translation_warning = QLabel()
        self.translation_warning.setObjectName("statusWarning")
        self.translation_warning.setContentsMargins(8, 2, 8, 2)
        self.translation_warning.hide()
        self.statusBar().addPermanentWidget(self.translation_warning)
        self.statusBar().addPermanentWidget(self.profile_label)
        self.translation_box: QMessageBox | None = None
        self.shown.connect(self._report_translation)

        self.navigation.currentRowChanged.connect(self._page_changed)
        # A page chosen with the mouse or Ctrl+1…9 takes the keyboard focus, so its own keys (Ctrl+N: the
        # home's big button, a new patrol, a new problem…) work at once; the arrow keys in the list keep it.
        self.navigation.clicked.connect(lambda _index: self._focus_page())
        for i in range(len(self._factories)):
            shortcut = QShortcut(QKeySequence(f"Ctrl+{i + 1}"), self)
            shortcut.activated.connect(self._shortcut_page)
            shortcut.setProperty("page", i)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Refresh), self).activated.connect(self.home.refresh)
        self._status_timer = QTimer(self)
        self._status_timer.setInterval(self.STATUS_REFRESH_MS)
        self._status_timer.timeout.connect(self.refresh_status)
        self._status_timer.start()

        self.navigation.setCurrentRow(0)
        if auto_sync:  # built now, not on first visit: its timer uploads without the page being opened
            self.page(self.SYNC)
        self.retranslate_ui()
        self._profile_changed(store.profiles.current())

    def show_page(self, index: int) -> None:
        """Open a page; one hidden from this profile (暗访检查 outside a liaison unit's) does not open."""
        if not self.navigation.item(index).isHidden():
            self.navigation.setCurrentRow(index)

    @Slot()
    def bring_to_front(self) -> None:
        """River Patrol was started again on this data folder: this window comes up instead, and says why."""
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()
        self.statusBar().showMessage(
            self.tr("River Patrol was started again: this is its window, already open on this data folder."),
            15_000)

    @Slot()
    def _shortcut_page(self) -> None:
        self.show_page(int(self.sender().property("page")))
        self._focus_page()

    def _focus_page(self) -> None:
        self.current_page.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def page(self, index: int) -> QWidget:
        """The page at `index`, built now if it was not yet."""
        if index not in self._built:
            page = self._factories[index]()
            placeholder = self.stack.widget(index)
            self.stack.insertWidget(index, page)
            self.stack.removeWidget(placeholder)
            placeholder.deleteLater()
            self._built[index] = page
        return self._built[index]

    HOME, PATROLS, PROBLEMS, PHOTOS, REACHES, SYNC, SETTINGS, COVERT, MAINTENANCE = 0, 1, 2, 3, 4, 5, 6, 7, 8

    @property
    def maintenance(self) -> MaintenancePage:
        return self.page(self.MAINTENANCE)  # type: ignore[return-value]

    @property
    def covert(self) -> CovertPage:
        return self.page(self.COVERT)  # type: ignore[return-value]

    @property
    def patrols(self) -> PatrolsPage:
        return self.page(self.PATROLS)  # type: ignore[return-value]

    @property
    def problems(self) -> ProblemsPage:
        return self.page(self.PROBLEMS)  # type: ignore[return-value]

    @property
    def photos(self) -> PhotosPage:
        return self.page(self.PHOTOS)  # type: ignore[return-value]

    @property
    def reaches(self) -> ReachesPage:
        return self.page(self.REACHES)  # type: ignore[return-value]

    @property
    def sync(self) -> SyncPage:
        return self.page(self.SYNC)  # type: ignore[return-value]

    @property
    def settings(self) -> SettingsPage:
        return self.page(self.SETTINGS)  # type: ignore[return-value]

    def _make_patrols(self) -> PatrolsPage:
        from patrol_app.ui.pages.patrols import PatrolsPage

        page = PatrolsPage(store=self._store, runner=self._runner, now=self._now)
        page.set_profile(self._profile)
        page.changed.connect(self.refresh_status)
        page.changed.connect(self._something_to_upload)
        page.changed.connect(self.home.refresh)
        page.changed.connect(self._problems_changed_elsewhere)  # a problem reported from a patrol
        page.problem_requested.connect(self._show_problem)
        return page

    def _make_problems(self) -> ProblemsPage:
        from patrol_app.ui.pages.problems import ProblemsPage

        page = ProblemsPage(store=self._store, runner=self._runner)
        page.set_profile(self._profile)
        page.changed.connect(self.refresh_status)
        page.changed.connect(self._something_to_upload)
        page.changed.connect(self.home.refresh)
        page.changed.connect(self._findings_changed)
        return page

    def _make_photos(self) -> PhotosPage:
        from patrol_app.ui.pages.photos import PhotosPage

        page = PhotosPage(store=self._store, runner=self._runner, now=self._now)
        page.library_changed.connect(self.refresh_status)
        page.library_changed.connect(self._something_to_upload)
        page.import_finished.connect(self._import_finished)
        page.new_patrol_requested.connect(self._new_patrol_from_photos)
        return page

    def _make_reaches(self) -> ReachesPage:
        from patrol_app.ui.pages.reaches import ReachesPage

        page = ReachesPage(store=self._store)
        page.set_profile(self._profile)
        return page

    def _make_sync(self) -> SyncPage:
        from patrol_app.ui.pages.sync import SyncPage

        page = SyncPage(store=self._store, runner=self._runner, auto=self._auto_sync)
        page.synced.connect(self._synced)
        return page

    def _make_maintenance(self) -> MaintenancePage:
        from patrol_app.ui.pages.maintenance import MaintenancePage

        page = MaintenancePage(store=self._store, runner=self._runner, now=self._now)
        page.set_profile(self._profile)
        page.changed.connect(self.refresh_status)
        page.changed.connect(self._something_to_upload)
        page.changed.connect(self.home.refresh)
        page.changed.connect(self._problems_changed_elsewhere)  # a log may rectify a problem
        page.problem_requested.connect(self._show_problem)
        return page

    def _make_covert(self) -> CovertPage:
        from patrol_app.ui.pages.covert import CovertPage

        page = CovertPage(store=self._store, runner=self._runner, now=self._now)
        page.set_profile(self._profile)
        page.changed.connect(self.refresh_status)
        page.changed.connect(self._something_to_upload)
        page.changed.connect(self.home.refresh)
        page.changed.connect(self._problems_changed_elsewhere)  # its findings are problems once submitted
        return page

    def _make_settings(self) -> SettingsPage:
        from patrol_app.ui.pages.settings import SettingsPage

        page = SettingsPage(store=self._store, runner=self._runner, language_setting=self._language_setting)
        page.profile_changed.connect(self._profile_changed)
        page.language_chosen.connect(self._language_chosen)
        page.restore_confirmed.connect(self._reopen_for_restore)
        return page

    @Slot()
    def _reopen_for_restore(self) -> None:
        """A restore was confirmed in the settings: this window closes, and app.py puts the backup in place
        while nothing has the database open, then opens a new window on it."""
        self.restart_requested = True
        self.close()

    @Slot(list)
    def _new_patrol_from_photos(self, photo_uuids: list[str]) -> None:
        self.show_page(self.PATROLS)
        self.patrols.new_from_photos(photo_uuids)

    @Slot(bool)
    def _show_my_problems(self, overdue: bool) -> None:
        self.show_page(self.PROBLEMS)
        self.problems.show_my_problems(overdue)

    @Slot()
    def _new_inspection(self) -> None:
        """The home's 新建暗访 of a liaison profile: the form opens once the 暗访 page has read the unit's duty."""
        self.show_page(self.COVERT)
        self.covert.request_new()

    @Slot()
    def _new_log(self) -> None:
        """The home's 新建管护日志 of a crew's profile: the editor opens once the page has read the crew's data."""
        self.show_page(self.MAINTENANCE)
        self.maintenance.request_new()

    @Slot()
    def _new_patrol(self) -> None:
        self.show_page(self.PATROLS)
        self.patrols.new_patrol()

    @Slot(str)
    def _show_problem(self, uuid: str) -> None:
        """A problem double-clicked in a patrol's list: shown on the problems page."""
        self.show_page(self.PROBLEMS)
        self.problems.show_problem(uuid)

    @Slot()
    def _show_my_tasks(self) -> None:
        self.show_page(self.PROBLEMS)
        self.problems.show_my_tasks()

    @Slot(object)
    def _synced(self, report: object) -> None:
        """After a sync: the status bar's numbers; and what came down (交办, the crew's work) shows
        on home and in the problem lists at once, not at the next refresh."""
        self.refresh_status()
        if getattr(report, "received", 0):
            self.home.refresh()
            if self.PROBLEMS in self._built:
                self.problems.refresh()
            self._findings_changed()
            if self.MAINTENANCE in self._built:  # 交办 for the crew, contracts from the office
                self.maintenance.refresh()

    @Slot(int)
    def _page_changed(self, index: int) -> None:
        self.stack.setCurrentWidget(self.page(index))
        if index == self.PROBLEMS and self._problems_stale:
            self._problems_stale = False
            self.problems.refresh()
        if index == self.COVERT and self._covert_stale:
            self._covert_stale = False
            self.covert.refresh()

    @Slot()
    def _findings_changed(self) -> None:
        """A problem changed (the problems page, a sync): the 暗访检查 page shows its findings' states anew
        when it is next opened."""
        if self.COVERT in self._built:
            self._covert_stale = True
            if self.current_page is self.covert:
                self._page_changed(self.COVERT)

    @Slot()
    def _problems_changed_elsewhere(self) -> None:
        """The problems page shows what another page reported or changed when it is next opened, no 刷新 needed."""
        if self.PROBLEMS in self._built:
            self._problems_stale = True
            if self.current_page is self.problems:
                self._page_changed(self.PROBLEMS)

    @Slot(object)
    def _profile_changed(self, profile: Profile | None) -> None:
        self._profile = profile
        # 暗访检查 only for a liaison unit's profile: the inspected chiefs must not see the unit's plans.
        liaison = profile is not None and profile.role is Role.LIAISON_INSPECTOR
        if not liaison and self.navigation.currentRow() == self.COVERT:
            self.show_page(self.HOME)
        self.navigation.item(self.COVERT).setHidden(not liaison)
        if self.COVERT in self._built:
            self.covert.set_profile(profile)
        # 管护日志 only for a maintenance crew's profile (issue 16).
        crew = profile is not None and profile.role is Role.MAINTENANCE
        if not crew and self.navigation.currentRow() == self.MAINTENANCE:
            self.show_page(self.HOME)
        self.navigation.item(self.MAINTENANCE).setHidden(not crew)
        if self.MAINTENANCE in self._built:
            self.maintenance.set_profile(profile)
        if self.REACHES in self._built:
            self.reaches.set_profile(profile)
        if self.SYNC in self._built:
            self.sync.reload()  # its counts leave covert inspections out of other profiles
        self.home.set_profile(profile)
        if self.PROBLEMS in self._built:
            self.problems.set_profile(profile)
        if self.PATROLS in self._built:
            self.patrols.set_profile(profile)
        self.refresh_status()

    @Slot(str)
    def _language_chosen(self, value: str) -> None:
        self._language_setting = value
        try:
            self._store.settings.set(LANGUAGE, value)
        except Exception as exc:
            show_error(self, exc)
        i18n.install(value or i18n.system_language())
        self._report_translation()

    @Slot()
    def _report_translation(self) -> None:
        """Tell the user when the Chinese they should see could not be loaded (see i18n.install)."""
        failed = i18n.failed_translation()
        self.translation_warning.setVisible(failed is not None)
        if failed is None:
            self.translation_warning.clear()
            if self.translation_box is not None:
                self.translation_box.hide()
            return
        text, details = translation_failed_text(failed)
        self.translation_warning.setText(TRANSLATION_FAILED_SHORT)
        self.translation_warning.setToolTip(f"{text}\n\n{details}")
        if self.translation_box is None:
            # Not modal: the window stays usable in English, and nothing waits on the answer.
            self.translation_box = QMessageBox(
                QMessageBox.Icon.Warning, "巡河助手 River Patrol", "", QMessageBox.StandardButton.Ok, self
            )
            self.translation_box.setWindowModality(Qt.WindowModality.NonModal)
        self.translation_box.setText(text)
        self.translation_box.setInformativeText(details)
        self.translation_box.show()

    @Slot()
    def _something_to_upload(self) -> None:
        if self.SYNC in self._built:
            self.sync.changes_made()

    @Slot()
    def refresh_status(self) -> None:
        """Re-read the sync state and the current profile in the background (counting a long outbox
        takes a while), then show them."""
        data_dir = self._store.data_dir

        def work(store: Store, context: WorkContext) -> SyncStatus:
            pending = store.upkeep.pending_sync_total()  # covert ones only in a liaison unit's profile
            return SyncStatus(
                pending,
                store.upkeep.last_sync_success(),
                store.profiles.current(),
            )

        self._runner.run_in_store(data_dir, work, on_success=self._show_status, owner=self)

    def _show_status(self, status: SyncStatus) -> None:
        self._status = status
        self._fill_status()
        self.status_refreshed.emit()

    @Slot(object)
    def _import_finished(self, summary: object) -> None:
        warning: ClockWarning | None = getattr(summary, "clock_warning", None)
        if warning is not None:  # keep the time that proved it: the clock is judged again at each refresh
            self._clock_evidence = (TimeEvidence(gps=warning.seen) if warning.evidence == "gps"
                                    else TimeEvidence(camera=warning.seen))
            self._fill_clock()

    def _fill_clock(self) -> None:
        """The status bar's clock warning, judged now: it goes away once the clock has been corrected."""
        evidence = self._clock_evidence
        warning = clock_behind(self._now(), [evidence]) if evidence is not None else None
        self.clock_label.setVisible(warning is not None)
        if warning is None:
            return
        self.clock_label.setText(self.tr("The computer's clock is behind: correct the date and time in Windows"))
        zh = i18n.current_language().startswith("zh")
        self.clock_label.setToolTip(warning.message_zh if zh else warning.message_en)

    def _fill_status(self) -> None:
        self._fill_clock()
        status = self._status
        if status is None:
            self.pending_label.setText(self.tr("Counting items waiting to upload…"))
            return
        self.pending_label.setText(self.tr("Waiting to upload: %n item(s)", "", status.pending))
        if status.last_success is None:
            self.last_sync_label.setText(self.tr("Last upload: never"))
        else:
            when = parse_utc(status.last_success).astimezone(CHINA_TZ).strftime("%Y-%m-%d %H:%M")
            self.last_sync_label.setText(self.tr("Last upload arrived: %1").replace("%1", when))
        profile = status.profile
        if profile is not None:
            who = profile.title(i18n.current_language())
            self.profile_label.setText(
                self.tr("User: %1 (%2)").replace("%1", profile.name).replace("%2", who)
            )

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("River Patrol"))
        names = (self.tr("Home"), self.tr("Patrols"), self.tr("Problems"), self.tr("Photos"), self.tr("Reaches"),
                 self.tr("Sync"), self.tr("Settings"), self.tr("Covert inspections"), self.tr("Maintenance logs"))
        for i, name in enumerate(names):
            item = self.navigation.item(i)
            item.setText(name)
            item.setToolTip(f"{name} (Ctrl+{i + 1})")
        self._fill_status()


    def showEvent(self, event) -> None:  # noqa: ANN001
        super().showEvent(event)
        if not self._announced:
            self._announced = True
            self._focus_page()  # the home page has the focus at start: Ctrl+N is its big button
            self.shown.emit()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._status_timer.stop()
        self._runner.wait_for_idle(5000)
        super().closeEvent(event)
        self.closed.emit()

    @property
    def current_page(self) -> QWidget:
        return self.stack.currentWidget()

    def page_names(self) -> list[str]:
        """The pages this profile can open, in order (暗访检查 only in a liaison unit's profile)."""
        return [self.navigation.item(i).text() for i in range(self.navigation.count())
                if not self.navigation.item(i).isHidden()]
