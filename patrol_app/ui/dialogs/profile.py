"""The profile dialog: who uses this laptop, their role, level, unit and reaches.

Shown on first run (there is no profile yet) and from Settings to edit or add a profile.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from patrol_app.domain.enums import PROFILE_ROLES, Level, Role
from patrol_app.domain.registry import Profile, Reach
from patrol_app.ui.check_list import CheckList
from patrol_app.ui.i18n import current_language
from patrol_app.ui.widgets import MessageLine, Retranslating


@dataclass(frozen=True)
class ProfileInput:
    name: str
    role: Role
    level: Level | None
    unit: str
    reach_codes: list[str]


class ProfileDialog(Retranslating, QDialog):
    def __init__(
        self,
        *,
        reaches: list[Reach],
        profile: Profile | None = None,
        first_run: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._first_run = first_run
        self._editing = profile
        self.setMinimumSize(640, 600)

        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.name_edit = QLineEdit()
        self.name_edit.setMaxLength(40)
        self.role_combo = QComboBox()
        self.level_combo = QComboBox()
        self.unit_edit = QLineEdit()
        self.unit_edit.setMaxLength(80)
        self.reach_search = QLineEdit()
        self.reach_search.setClearButtonEnabled(True)
        self.reach_list = CheckList()  # a click on a reach's name ticks it, not only its small box
        self.reach_list.setMinimumHeight(220)
        self.selected_label = QLabel()
        self.error_label = MessageLine(2)  # its room kept: the buttons below stay where they are
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )

        for role in PROFILE_ROLES:
            self.role_combo.addItem("", role)
        for level in Level:
            self.level_combo.addItem("", level)
        for reach in reaches:
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, reach.code)
            item.setData(Qt.ItemDataRole.UserRole + 1, reach)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.reach_list.addItem(item)

        self.form = QFormLayout()
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self.name_label, self.role_label, self.level_label, self.unit_label, self.reaches_label = (
            QLabel(),
            QLabel(),
            QLabel(),
            QLabel(),
            QLabel(),
        )
        for label, field in (
            (self.name_label, self.name_edit),
            (self.role_label, self.role_combo),
            (self.level_label, self.level_combo),
            (self.unit_label, self.unit_edit),
            (self.reaches_label, self.reach_search),
        ):
            label.setBuddy(field)
            self.form.addRow(label, field)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(self.form)
        layout.addWidget(self.reach_list, 1)
        layout.addWidget(self.selected_label)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

        self.role_combo.currentIndexChanged.connect(self._role_changed)
        self.reach_search.textChanged.connect(self._filter_reaches)
        self.reach_list.itemChanged.connect(self._update_selected)
        # A refusal on screen is judged again as the fields change: it goes once what it asked for is done.
        self.name_edit.textChanged.connect(self._judge_again)
        self.reach_list.itemChanged.connect(self._judge_again)
        self.buttons.accepted.connect(self._accept_if_valid)
        self.buttons.rejected.connect(self.reject)

        if profile is not None:
            self.name_edit.setText(profile.name)
            self.role_combo.setCurrentIndex(PROFILE_ROLES.index(profile.role))
            if profile.level is not None:
                self.level_combo.setCurrentIndex(list(Level).index(profile.level))
            self.unit_edit.setText(profile.unit)
            self._check_reaches(set(profile.reach_codes))
        else:
            self.level_combo.setCurrentIndex(list(Level).index(Level.VILLAGE))
        self.retranslate_ui()
        self._role_changed()
        self._update_selected()

    def retranslate_ui(self) -> None:
        language = current_language()
        if self._first_run:
            self.setWindowTitle(self.tr("Welcome to River Patrol"))
            self.intro.setText(
                self.tr(
                    "Before you start, tell us who uses this laptop and which river reaches you look after. "
                    "You can change this later in Settings."
                )
            )
        else:
            self.setWindowTitle(self.tr("Profile") if self._editing else self.tr("New profile"))
            self.intro.setText(self.tr("Who uses this laptop and which river reaches they look after."))
        self.name_label.setText(self.tr("&Name"))
        self.role_label.setText(self.tr("&Role"))
        self.level_label.setText(self.tr("&Level"))
        self.unit_label.setText(self.tr("&Unit"))
        self.reaches_label.setText(self.tr("R&eaches"))
        self.name_edit.setPlaceholderText(self.tr("Your full name"))
        self.unit_edit.setPlaceholderText(self.tr("Village, township or department"))
        self.reach_search.setPlaceholderText(self.tr("Search by river, township, village or code"))
        for i in range(self.role_combo.count()):
            self.role_combo.setItemText(i, self.role_combo.itemData(i).name_in(language))
        for i in range(self.level_combo.count()):
            self.level_combo.setItemText(i, self.level_combo.itemData(i).name_in(language))
        demo_tag = self.tr("demo")
        for i in range(self.reach_list.count()):
            item = self.reach_list.item(i)
            reach: Reach = item.data(Qt.ItemDataRole.UserRole + 1)
            tag = f"  [{demo_tag}]" if reach.demo else ""
            item.setText(f"{reach.name}  ({reach.code}){tag}")
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Start") if self._first_run else self.tr("Save"))
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(self.tr("Quit") if self._first_run else self.tr("Cancel"))
        self._update_selected()


    def value(self) -> ProfileInput:
        role: Role = self.role_combo.currentData()
        return ProfileInput(
            name=self.name_edit.text().strip(),
            role=role,
            level=self.level_combo.currentData() if role.has_level else None,
            unit=self.unit_edit.text().strip(),
            reach_codes=self.checked_reaches(),
        )

    def checked_reaches(self) -> list[str]:
        return [
            self.reach_list.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.reach_list.count())
            if self.reach_list.item(i).checkState() == Qt.CheckState.Checked
        ]

    def set_reach_checked(self, code: str, checked: bool = True) -> None:
        for i in range(self.reach_list.count()):
            item = self.reach_list.item(i)
            if item.data(Qt.ItemDataRole.UserRole) == code:
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def _check_reaches(self, codes: set[str]) -> None:
        for i in range(self.reach_list.count()):
            item = self.reach_list.item(i)
            if item.data(Qt.ItemDataRole.UserRole) in codes:
                item.setCheckState(Qt.CheckState.Checked)

    @Slot()
    def _role_changed(self) -> None:
        role: Role = self.role_combo.currentData()
        self.level_combo.setEnabled(role.has_level)

    @Slot(str)
    def _filter_reaches(self, text: str) -> None:
        needle = text.strip().lower()
        for i in range(self.reach_list.count()):
            item = self.reach_list.item(i)
            item.setHidden(bool(needle) and needle not in item.text().lower())

    @Slot()
    def _update_selected(self) -> None:
        self.selected_label.setText(self.tr("%n reach(es) selected", "", len(self.checked_reaches())))

    def _refusal(self) -> tuple[str, QWidget] | None:
        """What is still missing (and the field to fill in), or None."""
        value = self.value()
        if not value.name:
            return self.tr("Please enter your name."), self.name_edit
        if not value.reach_codes:
            return self.tr("Please tick at least one reach that you look after."), self.reach_search
        return None

    @Slot()
    def _judge_again(self) -> None:
        """The red line goes as soon as what it asked for is done (the next missing thing waits for OK)."""
        shown = self.error_label.text()
        refusal = self._refusal()
        if shown and (refusal is None or refusal[0] != shown):
            self.error_label.clear()

    @Slot()
    def _accept_if_valid(self) -> None:
        refusal = self._refusal()
        if refusal is not None:
            text, field = refusal
            self.error_label.setText(text)
            field.setFocus()
            return
        self.error_label.clear()
        self.accept()
