"""The editor's first tab: reach, patroller, times, mode, weather, distance and notes.

Signals `changed()` on every edit, so the editor can check the form again and update its figures
before anything is saved.
"""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QDateTime, Signal, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from patrol_app.domain.enums import PatrolMode, Role
from patrol_app.domain.patrols import PatrolForm, Weather
from patrol_app.ui.dialogs.problem import SHANGHAI
from patrol_app.ui.i18n import current_language
from patrol_app.ui.widgets import Retranslating

HINT_STYLE = "color: #4a5a6a;"
REFUSED_STYLE = "color: #a61b1b; font-weight: bold;"


class DistanceBox(QDoubleSpinBox):
    """Kilometres, to the metre. A spin box drops a letter without a word; this one says it did.

    Signals:
    refused(str): a key was typed that a distance cannot hold (the character).
    """

    refused = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRange(0, 200)
        self.setDecimals(3)  # to the metre: a typed distance is shown (and saved again) as it is
        self.setSuffix(" km")

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        text = event.text()
        if text and text.isprintable() and not text.isspace() and text not in "0123456789.":
            self.refused.emit(text)
        super().keyPressEvent(event)


def time_edit() -> QDateTimeEdit:
    edit = QDateTimeEdit()
    edit.setTimeZone(SHANGHAI)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd HH:mm")
    return edit


class DetailsTab(Retranslating, QWidget):
    """Signals:
    changed(): the user changed a field.
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        language = current_language()
        self.reach = QComboBox()
        self.reach.setMinimumContentsLength(16)
        self.patroller = QLineEdit()
        self.on_behalf = QCheckBox()
        self.on_behalf_name = QLineEdit()
        self.started = time_edit()
        self.ended = time_edit()
        self.mode = QComboBox()
        for m in PatrolMode:
            self.mode.addItem(m.name_in(language), m.code)
        self.weather = QComboBox()
        self.weather.addItem("—", "")
        for w in Weather:
            self.weather.addItem(w.name_in(language), w.code)
        self.distance = DistanceBox()
        self.distance_hint = QLabel()  # one line beside the field: a wrapping label would stretch the row
        # Nor may its width push the list/editor splitter when a longer refusal replaces the hint.
        self.distance_hint.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.notes = QPlainTextEdit()
        self.notes.setMaximumHeight(90)
        self._has_track = False
        self._refused = ""

        self.form_layout = QFormLayout()
        outer = QVBoxLayout(self)
        outer.addLayout(self.form_layout)
        outer.addStretch(1)  # spare height below the fields, not inside a row
        behalf = QHBoxLayout()
        behalf.addWidget(self.on_behalf)
        behalf.addWidget(self.on_behalf_name, 1)
        distance = QHBoxLayout()
        distance.addWidget(self.distance)
        distance.addWidget(self.distance_hint, 1)
        self.labels = [QLabel() for _ in range(9)]
        for label, widget in zip(self.labels, (self.reach, self.patroller, behalf, self.started, self.ended,
                                               self.mode, self.weather, distance, self.notes), strict=True):
            label.setBuddy(self.on_behalf if widget is behalf else self.distance if widget is distance else widget)
            self.form_layout.addRow(label, widget)

        self.on_behalf.toggled.connect(self.on_behalf_name.setEnabled)
        for signal in (self.reach.currentIndexChanged, self.patroller.textChanged, self.on_behalf.toggled,
                       self.on_behalf_name.textChanged, self.started.dateTimeChanged, self.ended.dateTimeChanged,
                       self.mode.currentIndexChanged, self.weather.currentIndexChanged, self.distance.valueChanged,
                       self.notes.textChanged):
            signal.connect(self.changed)
        self.distance.refused.connect(self._distance_refused)
        self.distance.valueChanged.connect(self._distance_accepted)
        self.retranslate_ui()

    # ---- the form ----------------------------------------------------------------------------------

    def fill_reaches(self, rows: list[tuple[str, str]]) -> None:
        """(code, name) pairs, in the order to offer them; keeps the reach chosen."""
        current = self.reach.currentData()
        self.reach.blockSignals(True)
        self.reach.clear()
        for code, name in rows:
            self.reach.addItem(name, code)
        if current:
            self.reach.setCurrentIndex(max(0, self.reach.findData(current)))
        self.reach.blockSignals(False)

    def show_form(self, form: PatrolForm, *, distance_m: int, has_track: bool) -> None:
        """Show a form, without emitting `changed`."""
        widgets = (self.reach, self.patroller, self.on_behalf, self.on_behalf_name, self.started, self.ended,
                   self.mode, self.weather, self.distance, self.notes)
        for widget in widgets:
            widget.blockSignals(True)
        try:
            index = self.reach.findData(form.reach_code)
            if index < 0:  # a reach no longer in the register: keep it, never move the patrol to another reach
                self.reach.addItem(form.reach_code, form.reach_code)
                index = self.reach.count() - 1
            self.reach.setCurrentIndex(index)
            self.patroller.setText(form.patroller_name)
            is_assistant = form.patroller_role == Role.CHIEF_ASSISTANT.code
            for widget in (self.on_behalf, self.on_behalf_name, self.labels[2]):
                widget.setVisible(is_assistant)
            self.on_behalf.setChecked(bool(form.on_behalf_of_name))
            self.on_behalf_name.setText(form.on_behalf_of_name)
            self.on_behalf_name.setEnabled(bool(form.on_behalf_of_name))
            self.started.setDateTime(QDateTime.fromSecsSinceEpoch(int(form.started_at.timestamp()), SHANGHAI))
            self.ended.setDateTime(QDateTime.fromSecsSinceEpoch(int(form.ended_at.timestamp()), SHANGHAI))
            self.mode.setCurrentIndex(max(0, self.mode.findData(form.mode)))
            self.weather.setCurrentIndex(max(0, self.weather.findData(form.weather)))
            self.distance.setValue(distance_m / 1000)
            self.notes.setPlainText(form.notes)
        finally:
            for widget in widgets:
                widget.blockSignals(False)
        self._has_track, self._refused = has_track, ""
        self._fill_distance_hint()

    def values(self) -> dict[str, object]:
        """The fields as PatrolForm keyword arguments (the checklist and profile come from elsewhere)."""
        return {
            "reach_code": str(self.reach.currentData() or ""), "patroller_name": self.patroller.text().strip(),
            "started_at": datetime.fromtimestamp(self.started.dateTime().toSecsSinceEpoch(), UTC),
            "ended_at": datetime.fromtimestamp(self.ended.dateTime().toSecsSinceEpoch(), UTC),
            "mode": str(self.mode.currentData()), "weather": str(self.weather.currentData() or ""),
            "notes": self.notes.toPlainText().strip(),
            "on_behalf_of_name": self.on_behalf_name.text().strip() if self.on_behalf.isChecked() else "",
        }

    def set_times(self, started: datetime, ended: datetime) -> None:
        self.started.setDateTime(QDateTime.fromSecsSinceEpoch(int(started.timestamp()), SHANGHAI))
        self.ended.setDateTime(QDateTime.fromSecsSinceEpoch(int(ended.timestamp()), SHANGHAI))

    def set_locked(self, locked: bool, *, has_track: bool) -> None:
        for widget in (self.reach, self.patroller, self.on_behalf, self.started, self.ended, self.mode,
                       self.weather, self.notes):
            widget.setEnabled(not locked)
        self.on_behalf_name.setEnabled(not locked and self.on_behalf.isChecked())
        self.distance.setEnabled(not locked and not has_track)
        self._has_track = has_track
        self._fill_distance_hint()

    # ---- the distance's hint -------------------------------------------------------------------------

    @Slot(str)
    def _distance_refused(self, character: str) -> None:
        self._refused = character
        self._fill_distance_hint()

    @Slot()
    def _distance_accepted(self) -> None:
        if self._refused:
            self._refused = ""
            self._fill_distance_hint()

    def _fill_distance_hint(self) -> None:
        if self._has_track:
            text, style = self.tr("Taken from the track."), HINT_STYLE
        elif not self.distance.isEnabled():  # a locked record: nothing to type, nothing to explain
            text, style = "", HINT_STYLE
        elif self._refused:
            text = self.tr("“%1” cannot go here: only a number of kilometres, such as 2.5.").replace(
                "%1", self._refused)
            style = REFUSED_STYLE
        else:
            text, style = self.tr("Kilometres, numbers only (such as 2.5)."), HINT_STYLE
        self.distance_hint.setText(text)
        self.distance_hint.setToolTip(text)  # whole, should a narrow window cut it
        self.distance_hint.setStyleSheet(style)

    def retranslate_ui(self) -> None:
        texts = (self.tr("&Reach"), self.tr("&Patroller"), self.tr("For the chief"), self.tr("&Start"),
                 self.tr("&End"), self.tr("&Mode"), self.tr("&Weather"), self.tr("&Distance"), self.tr("&Notes"))
        for label, text in zip(self.labels, texts, strict=True):
            label.setText(text)
        self.on_behalf.setText(self.tr("Patrolled on behalf of chief:"))
        language = current_language()
        for i, mode in enumerate(PatrolMode):
            self.mode.setItemText(i, mode.name_in(language))
        for i, weather in enumerate(Weather, start=1):
            self.weather.setItemText(i, weather.name_in(language))
        self.distance.setToolTip(self.tr("Only when there is no track: the distance is then taken from the track."))
        self._fill_distance_hint()
