"""Settings: the profile using the app, the interface language, the data folder, backups and the patrol rules."""

from __future__ import annotations

import contextlib
from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from patrol_app import __version__
from patrol_app.domain.ids import parse_utc, utc_now
from patrol_app.domain.periods import CHINA_TZ
from patrol_app.domain.registry import Profile
from patrol_app.store import Store
from patrol_app.store import backup as backups
from patrol_app.store import restore as restoring
from patrol_app.ui.columns import Fit, lay_out_columns
from patrol_app.ui.dialogs.messages import show_error
from patrol_app.ui.dialogs.profile import ProfileDialog
from patrol_app.ui.file_dialogs import Kind, choose_file, choose_folder
from patrol_app.ui.i18n import CHINESE, ENGLISH, current_language
from patrol_app.ui.models import period_word
from patrol_app.ui.tasks import Cancelled, TaskRunner, WorkContext
from patrol_app.ui.widgets import MessageLine, Retranslating, ask, page_title


class SettingsPage(Retranslating, QWidget):
    """Signals:
    profile_changed(object): the current profile was switched or edited (a Profile).
    language_chosen(str): the user picked a language ("" = follow the system).
    backup_made(str): a backup was written (its path).
    restore_confirmed(): a backup was checked and the user confirmed restoring it: it waits in the data
        folder, and the window must close and open again (app.py restores it while nothing has the
        database open; a running window cannot swap the database under its pages and workers).
    """

    profile_changed = Signal(object)
    language_chosen = Signal(str)
    backup_made = Signal(str)
    restore_confirmed = Signal()

    def __init__(self, *, store: Store, runner: TaskRunner, language_setting: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._runner = runner
        self.title = page_title()

        self.profile_box = QGroupBox()
        self.profile_combo = QComboBox()
        self.profile_summary = QLabel()
        self.profile_summary.setWordWrap(True)
        self.edit_button = QPushButton()
        self.new_button = QPushButton()
        self.profile_label = QLabel()
        self.profile_label.setBuddy(self.profile_combo)
        form = QFormLayout()
        form.addRow(self.profile_label, self.profile_combo)
        buttons = QHBoxLayout()
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.new_button)
        buttons.addStretch(1)
        box = QVBoxLayout(self.profile_box)
        box.addLayout(form)
        box.addWidget(self.profile_summary)
        box.addLayout(buttons)

        self.language_box = QGroupBox()
        self.language_combo = QComboBox()
        for value in ("", CHINESE, ENGLISH):
            self.language_combo.addItem("", value)
        self.language_combo.setCurrentIndex(max(0, self.language_combo.findData(language_setting)))
        self.language_label = QLabel()
        self.language_label.setBuddy(self.language_combo)
        lang_form = QFormLayout(self.language_box)
        lang_form.addRow(self.language_label, self.language_combo)

        self.data_box = QGroupBox()
        self.data_path = QLabel(str(store.data_dir))
        self.data_path.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.data_path.setWordWrap(True)
        self.open_folder = QPushButton()
        self.data_facts = QLabel()
        self.data_facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        data_layout = QVBoxLayout(self.data_box)
        row = QHBoxLayout()
        row.addWidget(self.data_path, 1)
        row.addWidget(self.open_folder)
        data_layout.addLayout(row)
        data_layout.addWidget(self.data_facts)

        self.rules_box = QGroupBox()
        self.rules_table = QTableWidget(0, 4)
        self.rules_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.rules_table.verticalHeader().setVisible(False)
        self.rules_columns = lay_out_columns(self.rules_table, (Fit, Fit, Fit, Fit))
        self.rules_table.setMaximumHeight(230)
        self.rules_note = QLabel()
        self.rules_note.setWordWrap(True)
        self.rules_note.setObjectName("subtitle")
        rules_layout = QVBoxLayout(self.rules_box)
        rules_layout.addWidget(self.rules_table)
        rules_layout.addWidget(self.rules_note)

        self._build_backup_box()

        left = QVBoxLayout()
        left.addWidget(self.profile_box)
        left.addWidget(self.language_box)
        left.addWidget(self.backup_box)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(self.data_box)
        right.addWidget(self.rules_box)
        right.addStretch(1)
        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 12)
        layout.addWidget(self.title)
        layout.addLayout(columns, 1)

        self.profile_combo.activated.connect(self._switch_profile)
        self.edit_button.clicked.connect(self.edit_profile)
        self.new_button.clicked.connect(self.new_profile)
        self.language_combo.activated.connect(self._language_activated)
        self.open_folder.clicked.connect(self._open_folder)
        self.backup_button.clicked.connect(self.back_up_now)
        self.restore_button.clicked.connect(self.restore_from)
        self.open_backups.clicked.connect(self._open_backups)
        self.reload_profiles()
        self.retranslate_ui()

    def _build_backup_box(self) -> None:
        self.backup_box = QGroupBox()
        self.backup_list = QTableWidget(0, 3)
        self.backup_list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.backup_list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.backup_list.verticalHeader().setVisible(False)
        self.backup_columns = lay_out_columns(self.backup_list, (Fit, Fit, Fit))
        self.backup_list.setMaximumHeight(170)
        self.backup_button = QPushButton()
        self.restore_button = QPushButton()
        self.open_backups = QPushButton()
        self.backup_note = MessageLine(2, error=False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.backup_button)
        buttons.addWidget(self.restore_button)
        buttons.addWidget(self.open_backups)
        buttons.addStretch(1)
        layout = QVBoxLayout(self.backup_box)
        layout.addWidget(self.backup_list)
        layout.addLayout(buttons)
        layout.addWidget(self.backup_note)

    # ---- backup and restore ---------------------------------------------------------------------------

    @property
    def backups_folder(self) -> Path:
        return backups.backups_dir(self._store.data_dir)

    def reload_backups(self) -> None:
        """The backups folder's files, newest first (a listing: cheap enough for the GUI thread)."""
        found = backups.list_backups(self._store.data_dir)
        self.backup_list.setRowCount(len(found))
        for row, item in enumerate(found):
            cells = (item.made_at.strftime("%Y-%m-%d %H:%M"), self._kind_word(item.kind), _size(item.bytes))
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setToolTip(str(item.path))
                self.backup_list.setItem(row, column, cell)

    def _kind_word(self, kind: str) -> str:
        return {backups.DAILY: self.tr("Daily"), backups.PRE_MIGRATION: self.tr("Before an upgrade"),
                backups.PRE_RESTORE: self.tr("Before a restore"),
                backups.MANUAL: self.tr("Made by hand")}.get(kind, self.tr("Other file"))

    @Slot()
    def back_up_now(self) -> None:
        """Ask for a folder (the backups folder offered) and back up into it."""
        folder = choose_folder(self, self.tr("Back up into which folder?"), Kind.DOCUMENTS,
                               start=self._ensure_backups_folder())
        if folder is not None:
            self.back_up_into(folder)

    def back_up_into(self, folder: Path) -> None:
        """A verified backup into `folder`, in the background."""
        target = backups.free_name(folder, backups.MANUAL, utc_now())
        self.backup_note.setText(self.tr("Backing up…"))

        def work(store: Store, context: WorkContext) -> backups.BackupResult:
            try:
                return backups.write_backup(store.conn, target, others_may_read=True, progress=context.progress,
                                            cancelled=context.cancel.is_set)
            except backups.Cancelled:
                raise Cancelled from None

        self._runner.run_in_store(self._store.data_dir, work, on_success=self._backed_up,
                                  on_failure=self._backup_failed, progress_parent=self,
                                  progress_title=self.tr("Backing up"), progress_text=self._progress_text,
                                  owner=self)

    def _backed_up(self, result: backups.BackupResult) -> None:
        self.backup_note.setText(self.tr("Backed up to %1 (%2, checked: whole).")
                                 .replace("%1", str(result.path)).replace("%2", _size(result.bytes)))
        self.backup_note.setToolTip(str(result.path))
        self.reload_backups()
        self.backup_made.emit(str(result.path))

    def _backup_failed(self, exc: BaseException) -> None:
        self.backup_note.clear()
        show_error(self, exc)

    def _progress_text(self, done: int, total: int, what: str) -> str:
        if what == "verify":
            return self.tr("Checking the copy…")
        if what == "migrate":
            return self.tr("Upgrading the copy to this version…")
        return self.tr("Copying… %1%").replace("%1", str(done * 100 // total if total else 0))

    @Slot()
    def restore_from(self) -> None:
        """Ask for a backup file (in the backups folder first) and restore from it."""
        path = choose_file(self, self.tr("Restore from which backup?"), Kind.DOCUMENTS,
                           self.tr("River Patrol backups (*.db);;All files (*)"), start=self._ensure_backups_folder())
        if path is not None:
            self.restore_file(path)

    def restore_file(self, path: Path) -> None:
        """Check a backup file in the background, then say what restoring it does and ask."""
        data_dir = self._store.data_dir
        self.backup_note.setText(self.tr("Checking the backup…"))

        def work(context: WorkContext) -> restoring.Prepared:
            try:
                return restoring.prepare(data_dir, path, progress=context.progress, cancelled=context.cancel.is_set)
            except backups.Cancelled:
                raise Cancelled from None

        self._runner.run(work, on_success=self._confirm_restore, on_failure=self._backup_failed,
                         progress_parent=self, progress_title=self.tr("Checking the backup"),
                         progress_text=self._progress_text, owner=self)

    def _confirm_restore(self, prepared: restoring.Prepared) -> None:
        facts = prepared.facts
        counts = facts.counts
        newest = facts.newest_record_at
        if newest:
            newest = parse_utc(newest).astimezone(CHINA_TZ).strftime("%Y-%m-%d %H:%M")
        text = (self.tr("Restore the data from this backup?\n\n%1\nNewest record in it: %2\n"
                        "Patrols: %3 · photos: %4 · problems: %5\n\n"
                        "The data now in this folder is backed up first (in the backups folder, as \"before a "
                        "restore\"). Anything recorded after the backup was made is then no longer shown. River "
                        "Patrol closes this window, restores, and opens it again.")
                .replace("%1", str(facts.source)).replace("%2", newest or "—")
                .replace("%3", str(counts.get("patrols", 0))).replace("%4", str(counts.get("photos", 0)))
                .replace("%5", str(counts.get("problems", 0))))
        if facts.device_id != self._store.device_id:
            text += "\n\n" + self.tr("This backup is from another device: after the restore this laptop continues that "
                                      "device and must be enrolled with the office again before it can sync.")
        answer = ask(self, self.tr("Restore from backup"), text,
                     [(QMessageBox.StandardButton.Yes, self.tr("Restore and reopen")),
                      (QMessageBox.StandardButton.Cancel, self.tr("Cancel"))])
        if answer != QMessageBox.StandardButton.Yes:
            prepared.discard()
            self.backup_note.setText(self.tr("Nothing was restored."))
            return
        try:
            restoring.keep_for_next_start(prepared)
        except OSError as exc:
            prepared.discard()
            self._backup_failed(exc)
            return
        self.backup_note.setText(self.tr("Restoring: River Patrol opens again in a moment…"))
        self.restore_confirmed.emit()

    def _ensure_backups_folder(self) -> Path:
        with contextlib.suppress(OSError):  # the dialog then starts in Documents; writing says what is wrong
            self.backups_folder.mkdir(parents=True, exist_ok=True)
        return self.backups_folder

    @Slot()
    def _open_backups(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self._ensure_backups_folder())))

    def reload_profiles(self) -> None:
        current = self._store.profiles.current()
        self.profile_combo.clear()
        for profile in self._store.profiles.all():
            self.profile_combo.addItem(profile.name, profile.uuid)
        if current is not None:
            self.profile_combo.setCurrentIndex(self.profile_combo.findData(current.uuid))
        self._describe(current)

    def _describe(self, profile: Profile | None) -> None:
        if profile is None:
            self.profile_summary.clear()
            return
        language = current_language()
        names = {r.code: r.name for r in self._store.registry.reaches(list(profile.reach_codes))}
        self.profile_summary.setText(
            f"{profile.title(language)} · {profile.unit}\n"
            + self.tr("Reaches: %1").replace("%1", "、".join(names.get(c, c) for c in profile.reach_codes))
        )

    @Slot(int)
    def _switch_profile(self, index: int) -> None:
        uuid = self.profile_combo.itemData(index)
        self._store.profiles.make_current(uuid)
        profile = self._store.profiles.get(uuid)
        self._describe(profile)
        self.profile_changed.emit(profile)

    @Slot()
    def edit_profile(self) -> None:
        self._open_profile_dialog(self._store.profiles.current())

    @Slot()
    def new_profile(self) -> None:
        self._open_profile_dialog(None)

    def _open_profile_dialog(self, profile: Profile | None) -> None:
        dialog = ProfileDialog(reaches=self._store.registry.reaches(), profile=profile, parent=self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        value = dialog.value()
        try:
            saved = self._store.profiles.save(
                name=value.name,
                role=value.role,
                level=value.level,
                unit=value.unit,
                reach_codes=value.reach_codes,
                uuid=profile.uuid if profile else None,
            )
        except Exception as exc:  # environment faults get their own message; bugs a report
            show_error(self, exc)
            return
        self.reload_profiles()
        self.profile_changed.emit(saved)

    @Slot(int)
    def _language_activated(self, index: int) -> None:
        self.language_chosen.emit(self.language_combo.itemData(index))

    @Slot()
    def _open_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self._store.data_dir)))

    def _fill_rules(self) -> None:
        language = current_language()
        rules = sorted(
            self._store.registry.rules().values(), key=lambda r: list(type(r.level)).index(r.level)
        )
        self.rules_table.setRowCount(len(rules))
        for i, rule in enumerate(rules):
            cells = (
                rule.level.name_in(language),
                self.tr("%1 per %2")
                .replace("%1", str(rule.min_patrols))
                .replace("%2", period_word(rule.period_kind)),
                self.tr("%1 min").replace("%1", f"{rule.min_duration_s / 60:g}"),
                self.tr("%1 km").replace("%1", f"{rule.min_distance_m / 1000:g}"),
            )
            for j, text in enumerate(cells):
                self.rules_table.setItem(i, j, QTableWidgetItem(text))

    def retranslate_ui(self) -> None:
        self.title.setText(self.tr("Settings"))
        self.profile_box.setTitle(self.tr("Who is using this laptop"))
        self.profile_label.setText(self.tr("&Profile"))
        self.edit_button.setText(self.tr("&Edit profile…"))
        self.new_button.setText(self.tr("&New profile…"))
        self.language_box.setTitle(self.tr("Language"))
        self.language_label.setText(self.tr("&Interface language"))
        self.language_combo.setItemText(0, self.tr("Follow the system"))
        self.language_combo.setItemText(1, "简体中文")
        self.language_combo.setItemText(2, "English")
        self.data_box.setTitle(self.tr("Data folder"))
        self.open_folder.setText(self.tr("&Open folder"))
        self.data_facts.setText(
            self.tr("Schema version %1 · device %2 · program version %3")
            .replace("%1", str(self._store.schema_version))
            .replace("%2", self._store.device_id[:13])
            .replace("%3", __version__)
        )
        self.rules_box.setTitle(self.tr("Patrol rules"))
        self.rules_table.setHorizontalHeaderLabels(
            [self.tr("Chief level"), self.tr("At least"), self.tr("Valid from"), self.tr("and")]
        )
        self.rules_note.setText(
            self.tr(
                "Set by the city river-chief office (Henan 2018 frequencies; the minimum time and distance of a "
                "valid patrol follow other provinces until Henan publishes its own)."
            )
        )
        self._fill_rules()
        self._describe(self._store.profiles.current())
        self.backup_box.setTitle(self.tr("Backup and restore"))
        self.backup_list.setHorizontalHeaderLabels([self.tr("Made"), self.tr("Kind"), self.tr("Size")])
        self.backup_button.setText(self.tr("&Back up now…"))
        self.restore_button.setText(self.tr("&Restore from backup…"))
        self.open_backups.setText(self.tr("Backups folder"))
        self.backup_list.setToolTip(self.tr("River Patrol backs up the data every day it is opened (the last 7 "
                                            "are kept) and before every upgrade (the last 3)."))
        self.reload_backups()


def _size(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 100 * 1024 else f"{n / 1024:.0f} KB"

