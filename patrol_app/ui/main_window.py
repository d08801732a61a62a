"""The main window: navigation on the left, pages on the right, sync state in the status bar."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QSize, QTimer, Signal, Slot
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QStyle,
    QWidget,
)

from patrol_app.domain.ids import parse_utc
from patrol_app.domain.periods import CHINA_TZ
from patrol_app.domain.registry import Profile
from patrol_app.store import Store
from patrol_app.store.settings import LANGUAGE
from patrol_app.ui import i18n
from patrol_app.ui.dialogs.messages import show_error
from patrol_app.ui.pages.home import HomePage
from patrol_app.ui.pages.reaches import ReachesPage
from patrol_app.ui.pages.settings import SettingsPage
from patrol_app.ui.tasks import TaskRunner


class MainWindow(QMainWindow):
    """Signals:
    shown(): the window was shown for the first time.
    closed(): the user closed the window (the app then quits).
    """

    shown = Signal()
    closed = Signal()
    STATUS_REFRESH_MS = 30_000

    def __init__(self, *, store: Store, runner: TaskRunner, data_dir: Path, language_setting: str) -> None:
        super().__init__()
        self._store = store
        self._runner = runner
        self._announced = False
        self.setMinimumSize(1024, 640)
        self.resize(1366, 768)

        self.home = HomePage(data_dir=data_dir, runner=runner)
        self.reaches = ReachesPage(store=store)
        self.settings = SettingsPage(store=store, language_setting=language_setting)
        self.pages: list[QWidget] = [self.home, self.reaches, self.settings]

        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setFixedWidth(190)
        self.navigation.setIconSize(QSize(22, 22))
        icons = (QStyle.StandardPixmap.SP_DirHomeIcon, QStyle.StandardPixmap.SP_FileDialogDetailedView,
                 QStyle.StandardPixmap.SP_FileDialogContentsView)
        for icon in icons:
            self.navigation.addItem(QListWidgetItem(self.style().standardIcon(icon), ""))
        self.stack = QStackedWidget()
        for page in self.pages:
            self.stack.addWidget(page)

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
        for label in (self.pending_label, self.last_sync_label, self.profile_label):
            label.setContentsMargins(8, 2, 8, 2)
        self.statusBar().addWidget(self.pending_label)
        self.statusBar().addWidget(self.last_sync_label)
        self.statusBar().addPermanentWidget(self.profile_label)

        self.navigation.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.navigation.currentRowChanged.connect(self._page_changed)
        self.settings.profile_changed.connect(self._profile_changed)
        self.settings.language_chosen.connect(self._language_chosen)
        for i in range(len(self.pages)):
            shortcut = QShortcut(QKeySequence(f"Ctrl+{i + 1}"), self)
            shortcut.activated.connect(self._shortcut_page)
            shortcut.setProperty("page", i)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Refresh), self).activated.connect(self.home.refresh)
        self._status_timer = QTimer(self)
        self._status_timer.setInterval(self.STATUS_REFRESH_MS)
        self._status_timer.timeout.connect(self.refresh_status)
        self._status_timer.start()

        self.navigation.setCurrentRow(0)
        self.retranslate_ui()
        self._profile_changed(store.profiles.current())

    def show_page(self, index: int) -> None:
        self.navigation.setCurrentRow(index)

    @Slot()
    def _shortcut_page(self) -> None:
        self.show_page(int(self.sender().property("page")))

    @Slot(int)
    def _page_changed(self, index: int) -> None:
        self.refresh_status()

    @Slot(object)
    def _profile_changed(self, profile: Profile | None) -> None:
        self.home.set_profile(profile)
        self.refresh_status()

    @Slot(str)
    def _language_chosen(self, value: str) -> None:
        try:
            self._store.settings.set(LANGUAGE, value)
        except Exception as exc:
            show_error(self, exc)
        i18n.install(value or i18n.system_language())

    @Slot()
    def refresh_status(self) -> None:
        pending = self._store.upkeep.pending_sync_total()
        last = self._store.upkeep.last_sync_success()
        profile = self._store.profiles.current()
        self.pending_label.setText(self.tr("Waiting to upload: %n item(s)", "", pending))
        if last is None:
            self.last_sync_label.setText(self.tr("Last upload: never"))
        else:
            when = parse_utc(last).astimezone(CHINA_TZ).strftime("%Y-%m-%d %H:%M")
            self.last_sync_label.setText(self.tr("Last upload arrived: %1").replace("%1", when))
        if profile is not None:
            language = i18n.current_language()
            role = profile.role.name_in(language)
            level = profile.level.name_in(language) if profile.level else ""
            who = f"{level}{role}" if language.startswith("zh") else f"{level} {role}".strip()
            self.profile_label.setText(self.tr("User: %1 (%2)").replace("%1", profile.name).replace("%2", who))

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("River Patrol"))
        names = (self.tr("Home"), self.tr("Reaches"), self.tr("Settings"))
        for i, name in enumerate(names):
            item = self.navigation.item(i)
            item.setText(name)
            item.setToolTip(f"{name} (Ctrl+{i + 1})")
        self.refresh_status()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def showEvent(self, event) -> None:  # noqa: ANN001
        super().showEvent(event)
        if not self._announced:
            self._announced = True
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
        return [self.navigation.item(i).text() for i in range(self.navigation.count())]
