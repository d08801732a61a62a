"""Settings: the profile using the app, the interface language, the data folder and the patrol rules."""

from __future__ import annotations

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
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from patrol_app import __version__
from patrol_app.domain.registry import Profile
from patrol_app.store import Store
from patrol_app.ui.columns import Fit, lay_out_columns
from patrol_app.ui.dialogs.messages import show_error
from patrol_app.ui.dialogs.profile import ProfileDialog
from patrol_app.ui.i18n import CHINESE, ENGLISH, current_language
from patrol_app.ui.models import period_word
from patrol_app.ui.widgets import Retranslating, page_title


class SettingsPage(Retranslating, QWidget):
    """Signals:
    profile_changed(object): the current profile was switched or edited (a Profile).
    language_chosen(str): the user picked a language ("" = follow the system).
    """

    profile_changed = Signal(object)
    language_chosen = Signal(str)

    def __init__(self, *, store: Store, language_setting: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
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

        left = QVBoxLayout()
        left.addWidget(self.profile_box)
        left.addWidget(self.language_box)
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
        self.reload_profiles()
        self.retranslate_ui()

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

