"""The editor's checklist tab: each standard item Normal or Problem.

The "mark the rest Normal" button and the count of items left sit above the list, in a line whose
space is kept: nothing appearing or disappearing moves the button from under the mouse.
"""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from patrol_app.domain.patrols import CHECKLIST, CheckResult
from patrol_app.ui.i18n import current_language
from patrol_app.ui.widgets import Retranslating

MISSING_STYLE = "color: #a61b1b; font-weight: bold;"
PLAIN_STYLE = "color: #4a5a6a;"


class ChecklistTab(Retranslating, QWidget):
    """Signals:
    changed(): an item was answered or changed.
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        language = current_language()
        self.all_normal = QPushButton()
        self.left = QLabel()  # "N items left": always there, one line, so the button never moves
        top = QHBoxLayout()
        top.addWidget(self.all_normal)
        top.addWidget(self.left, 1)

        items = QWidget()
        grid = QGridLayout(items)
        self.groups: dict[str, QButtonGroup] = {}
        self.names: list[QLabel] = []
        for row, item in enumerate(CHECKLIST):
            name = QLabel(item.name_in(language))
            self.names.append(name)
            normal, problem = QRadioButton(), QRadioButton()
            group = QButtonGroup(self)
            group.addButton(normal, 0)
            group.addButton(problem, 1)
            self.groups[item.code] = group
            grid.addWidget(name, row, 0)
            grid.addWidget(normal, row, 1)
            grid.addWidget(problem, row, 2)
            group.idToggled.connect(self._toggled)
        grid.setColumnStretch(3, 1)  # the answers stay beside their item's name, not across the tab
        grid.setRowStretch(len(CHECKLIST), 1)  # spare height goes below the items, not between them
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(items)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(scroll, 1)
        self._insist = False  # finalising was refused for unanswered items: show them in red until answered
        self.all_normal.clicked.connect(self.mark_all_normal)
        self.retranslate_ui()

    def checklist(self) -> dict[str, str]:
        out = {}
        for code, group in self.groups.items():
            if group.checkedId() == 0:
                out[code] = CheckResult.NORMAL.code
            elif group.checkedId() == 1:
                out[code] = CheckResult.PROBLEM.code
        return out

    def show_checklist(self, checklist: dict[str, str]) -> None:
        """Show a stored checklist, without emitting `changed`."""
        for code, group in self.groups.items():
            group.blockSignals(True)
            group.setExclusive(False)
            for button in group.buttons():
                button.setChecked(False)
            group.setExclusive(True)
            value = checklist.get(code)
            if value is not None:
                group.button(0 if value == CheckResult.NORMAL.code else 1).setChecked(True)
            group.blockSignals(False)
        self._insist = False
        self._fill_left()

    def set_check(self, code: str, problem: bool) -> None:
        self.groups[code].button(1 if problem else 0).setChecked(True)

    @Slot()
    def mark_all_normal(self) -> None:
        for group in self.groups.values():
            if group.checkedId() < 0:
                group.button(0).setChecked(True)

    def insist(self) -> None:
        """Finalising was refused: show the unanswered items in red until each is answered."""
        self._insist = True
        self._fill_left()

    def set_locked(self, locked: bool) -> None:
        self.all_normal.setEnabled(not locked)
        for group in self.groups.values():
            for button in group.buttons():
                button.setEnabled(not locked)
        self._fill_left()

    @Slot(int, bool)
    def _toggled(self, _id: int, checked: bool) -> None:
        if checked:
            self._fill_left()
            self.changed.emit()

    def _fill_left(self) -> None:
        answered = self.checklist()
        missing = len(self.groups) - len(answered)
        if missing == 0:
            self._insist = False
        for name, item in zip(self.names, CHECKLIST, strict=True):
            name.setStyleSheet(MISSING_STYLE if self._insist and item.code not in answered else "")
        if not self.all_normal.isEnabled():
            self.left.setText("")
        elif missing:
            self.left.setText(self.tr("%1 of %2 items not answered yet.").replace("%1", str(missing))
                              .replace("%2", str(len(self.groups))))
        else:
            self.left.setText(self.tr("Every item answered."))
        self.left.setStyleSheet(MISSING_STYLE if self._insist and missing else PLAIN_STYLE)

    def retranslate_ui(self) -> None:
        language = current_language()
        for label, item in zip(self.names, CHECKLIST, strict=True):
            label.setText(item.name_in(language))
        for group in self.groups.values():
            group.button(0).setText(self.tr("Normal"))
            group.button(1).setText(self.tr("Problem"))
        self.all_normal.setText(self.tr("Mark all unanswered items Normal"))
        self._fill_left()
