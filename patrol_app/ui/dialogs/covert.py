"""The covert-inspection form (暗访检查记录): plan or record an inspection, save it as a draft, submit it.

A draft never leaves this laptop; submitting (`store.covert.submit`) turns each finding into a problem
(source 暗访) and queues the inspection, all in one transaction. A refusal is shown in red beside the
buttons in a line whose space is always kept, and goes once the field it is about is put right; what
is worth saying before submitting (`store.covert.notices`) is asked before anything is submitted.
Photos (per finding) and the route track are imported into the library held for this draft: they stay on
this laptop, out of the photos page and the patrol editor, until the inspection is submitted; then the
photos go up as the findings' evidence and the route with the inspection. A follow-up visit (回头看) names
the earlier inspection and the findings it rechecks.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QDateTime, Qt, QTime, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from patrol_app import patrolling
from patrol_app.domain.covert import (
    CovertFinding,
    CovertInspection,
    Escalation,
    InspectionMethod,
    Notice,
    check_submission,
    quarter_of,
)
from patrol_app.domain.enums import PROBLEM_CATEGORIES, PROBLEM_ITEMS, Role
from patrol_app.domain.ids import parse_utc, uuid7
from patrol_app.domain.periods import CHINA_TZ
from patrol_app.domain.problems import Actor, ProblemState, Severity, Urgency, validate_problem
from patrol_app.domain.refusal import Refusal
from patrol_app.domain.registry import Profile
from patrol_app.geo._common import TrackFileError
from patrol_app.store import Store
from patrol_app.store.sealing import CovertKey
from patrol_app.ui.dialogs.messages import show_error
from patrol_app.ui.dialogs.problem import SHANGHAI, actor_of
from patrol_app.ui.evidence import EvidencePicker
from patrol_app.ui.file_dialogs import Kind, choose_file
from patrol_app.ui.i18n import current_language
from patrol_app.ui.local_time import local_at, qdate, qtime, split_names
from patrol_app.ui.pages.covert import CovertView, local_text
from patrol_app.ui.patrol_editor.track_tab import TRACK_FILTER
from patrol_app.ui.tasks import TaskRunner
from patrol_app.ui.widgets import MessageLine, ask


def _time_of(text: str | None) -> datetime | None:
    return parse_utc(text) if text else None




class FindingDialog(QDialog):
    """One problem found on the inspection: reach, category and item, description, severity, time."""

    def __init__(self, *, store: Store, runner: TaskRunner, inspection_uuid: str, reaches: list[tuple[str, str]],
                 finding: CovertFinding | None, default_time: QTime, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        language = current_language()
        self.setWindowTitle(self.tr("Finding"))
        self.setMinimumWidth(560)
        self._uuid = finding.uuid if finding else uuid7()
        self.reach = QComboBox()
        for code, name in reaches:
            self.reach.addItem(f"{name}（{code}）", code)
        self.category = QComboBox()
        for category in PROBLEM_CATEGORIES:
            self.category.addItem(category.name_in(language), category.code)
        self.item = QComboBox()
        self.description = QPlainTextEdit()
        self.description.setTabChangesFocus(True)
        self.description.setFixedHeight(84)
        self.description.setPlaceholderText(self.tr("What did you see? Where exactly? How big?"))
        self.severity = QComboBox()
        for s in Severity:
            self.severity.addItem(s.name_in(language), s.code)
        self.urgency = QComboBox()
        for u in Urgency:
            self.urgency.addItem(u.name_in(language), u.code)
        self.found_time = QTimeEdit(default_time)
        self.found_time.setDisplayFormat("HH:mm")
        # Imported for this draft: kept on the laptop until the inspection is submitted.
        self.photos = EvidencePicker(store=store, runner=runner, held_for=inspection_uuid)
        self.error = MessageLine(2)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("OK"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("&Reach"), self.reach)
        form.addRow(self.tr("&Category"), self.category)
        form.addRow(self.tr("&Problem"), self.item)
        form.addRow(self.tr("&Description"), self.description)
        form.addRow(self.tr("&Severity"), self.severity)
        form.addRow(self.tr("&Urgency"), self.urgency)
        form.addRow(self.tr("&Found at"), self.found_time)
        form.addRow(self.tr("Photos"), self.photos)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.category.currentIndexChanged.connect(self._fill_items)
        self._fill_items()
        for signal in (self.reach.currentIndexChanged, self.item.currentIndexChanged, self.description.textChanged):
            signal.connect(self.error.clear)
        if finding is not None:
            self.reach.setCurrentIndex(max(0, self.reach.findData(finding.reach_code)))
            self.category.setCurrentIndex(max(0, self.category.findData(finding.code.split(".", 1)[0])))
            self.item.setCurrentIndex(max(0, self.item.findData(finding.code)))
            self.description.setPlainText(finding.description)
            self.severity.setCurrentIndex(self.severity.findData(finding.severity.code))
            self.urgency.setCurrentIndex(self.urgency.findData(finding.urgency.code))
            self.found_time.setTime(qtime(finding.found_at))
            if finding.photos:
                self.photos.strip.set_photos(store.covert.photo_rows(finding.photos))

    @Slot()
    def _fill_items(self) -> None:
        code = self.category.currentData()
        self.item.clear()
        for category in PROBLEM_CATEGORIES:
            if category.code == code:
                for item in category.items:
                    self.item.addItem(item.name_in(current_language()), item.code)

    def finding(self, day: QDate) -> CovertFinding:
        return CovertFinding(uuid=self._uuid, code=str(self.item.currentData() or ""),
                             description=self.description.toPlainText().strip(),
                             reach_code=str(self.reach.currentData() or ""),
                             found_at=local_at(day, self.found_time.time()),
                             severity=Severity(self.severity.currentData()),
                             urgency=Urgency(self.urgency.currentData()),
                             photos=tuple(self.photos.photo_uuids()))

    @Slot()
    def _accept(self) -> None:
        if self.photos.busy:
            self.error.setText(self.tr("The photos are still being imported: wait until they show."))
            return
        if self.reach.count() == 0:
            self.error.setText(self.tr("Tick the reaches visited first: a finding is on one of them."))
            return
        finding = self.finding(QDate.currentDate())
        if not finding.description:
            self.error.setText(self.tr("Describe the problem: what, where exactly, how big."))
            return
        try:  # the finding's own fields only: its time is judged with the inspection's
            validate_problem(finding.as_problem(Actor("", "-", Role.LIAISON_INSPECTOR, "-")),
                             finding.found_at + timedelta(days=1))
        except Refusal as refusal:
            self.error.setText(refusal.text(current_language()))
            return
        self.accept()


class InspectionDialog(QDialog):
    """Record (or plan) an inspection. A submitted one is shown read-only.

    Signals:
    saved(object): a draft was saved or the inspection submitted (the `CovertInspection`).
    """

    saved = Signal(object)

    def __init__(self, *, store: Store, runner: TaskRunner, profile: Profile, view: CovertView,
                 key: CovertKey | None, inspection: CovertInspection | None, now: Callable[[], datetime],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._runner = runner
        self._profile = profile
        self._view = view
        self._key = key
        self._now = now
        self._busy = False
        self.refusal: Refusal | None = None
        self._findings: list[CovertFinding] = []
        self._track_uuid: str | None = inspection.track_uuid if inspection else None
        self.setWindowTitle(self.tr("Covert inspection"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        moment = now()
        language = current_language()
        self._uuid = inspection.uuid if inspection else uuid7()
        self._read_only = inspection is not None and inspection.is_submitted

        self.unit = QLabel(view.unit_name)
        self.quarter = QComboBox()
        current = quarter_of(moment)
        for q in (current, current.previous()):
            self.quarter.addItem(q.label(language), q.key)
        self.chief = QComboBox()
        for uuid in view.chiefs_now:
            self.chief.addItem(view.chief_names.get(uuid, uuid), uuid)
        self.reaches = QListWidget()
        self.reaches.setMinimumHeight(96)
        self.day = QDateEdit(qdate(moment))
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.day.setMaximumDate(qdate(moment + timedelta(days=1)))
        start = moment - timedelta(hours=2)
        self.start = QTimeEdit(qtime(start) if qdate(start) == self.day.date() else QTime(0, 0))
        self.start.setDisplayFormat("HH:mm")
        self.end = QTimeEdit(qtime(moment))
        self.end.setDisplayFormat("HH:mm")
        self.inspectors = QLineEdit(profile.name)
        self.methods = {m: QCheckBox(m.name_in(language)) for m in InspectionMethod}
        self.route = QLabel()
        self.route.setWordWrap(True)
        self.route_import = QPushButton()
        self.route_remove = QPushButton()
        # 回头看: an earlier submitted inspection of the unit, and which of its findings this visit rechecks.
        self._earlier = [i for i in view.inspections if i.is_submitted and i.uuid != self._uuid]
        self.follows_up = QComboBox()
        self.rechecked = QListWidget()
        self.rechecked.setFixedHeight(66)
        self.conclusion = QPlainTextEdit()
        self.conclusion.setTabChangesFocus(True)
        self.conclusion.setFixedHeight(72)
        self.findings = QListWidget()
        self.findings.setMinimumHeight(90)
        self.findings.setWordWrap(True)  # a finding's description is read whole, not scrolled sideways
        self.findings.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.add_finding = QPushButton()
        self.edit_finding = QPushButton()
        self.remove_finding = QPushButton()
        self.major = QCheckBox()
        self.escalated_to = QLineEdit()
        self.escalated_at = QDateTimeEdit(QDateTime.currentDateTime().toTimeZone(SHANGHAI))
        self.escalated_at.setTimeZone(SHANGHAI)
        self.escalated_at.setDateTime(QDateTime.fromSecsSinceEpoch(int(moment.timestamp()), SHANGHAI))
        self.escalated_at.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.escalated_at.setCalendarPopup(True)
        self.escalation_note = QLineEdit()
        self.notices = MessageLine(2, error=False)
        self.error = MessageLine(3)
        self.save_button = QPushButton()
        self.submit_button = QPushButton()
        self.submit_button.setDefault(True)
        self.close_button = QPushButton()

        left = QFormLayout()
        self.unit_label = QLabel()
        self.quarter_label = QLabel()
        self.chief_label = QLabel()
        self.reaches_label = QLabel()
        self.day_label = QLabel()
        self.times_label = QLabel()
        self.inspectors_label = QLabel()
        self.methods_label = QLabel()
        times = QHBoxLayout()
        times.addWidget(self.start)
        self.to_label = QLabel("—")
        times.addWidget(self.to_label)
        times.addWidget(self.end)
        times.addStretch(1)
        methods = QHBoxLayout()
        for box in self.methods.values():
            methods.addWidget(box)
        methods.addStretch(1)
        left.addRow(self.unit_label, self.unit)
        left.addRow(self.quarter_label, self.quarter)
        left.addRow(self.chief_label, self.chief)
        left.addRow(self.reaches_label, self.reaches)
        left.addRow(self.day_label, self.day)
        left.addRow(self.times_label, times)
        left.addRow(self.inspectors_label, self.inspectors)
        left.addRow(self.methods_label, methods)
        route = QHBoxLayout()
        route.addWidget(self.route, 1)
        route.addWidget(self.route_import)
        route.addWidget(self.route_remove)
        self.route_label = QLabel()
        left.addRow(self.route_label, route)
        self.follows_up_label = QLabel()
        follow = QVBoxLayout()
        follow.addWidget(self.follows_up)
        follow.addWidget(self.rechecked)
        left.addRow(self.follows_up_label, follow)

        right = QVBoxLayout()
        self.conclusion_label = QLabel()
        self.conclusion_label.setBuddy(self.conclusion)
        self.findings_label = QLabel()
        right.addWidget(self.conclusion_label)
        right.addWidget(self.conclusion)
        right.addWidget(self.findings_label)
        right.addWidget(self.findings, 1)
        finding_buttons = QHBoxLayout()
        finding_buttons.addWidget(self.add_finding)
        finding_buttons.addWidget(self.edit_finding)
        finding_buttons.addWidget(self.remove_finding)
        finding_buttons.addStretch(1)
        right.addLayout(finding_buttons)
        self.escalation_box = QGroupBox()
        escalation = QFormLayout(self.escalation_box)
        self.escalated_to_label = QLabel()
        self.escalated_at_label = QLabel()
        self.escalation_note_label = QLabel()
        escalation.addRow(self.major)
        escalation.addRow(self.escalated_to_label, self.escalated_to)
        escalation.addRow(self.escalated_at_label, self.escalated_at)
        escalation.addRow(self.escalation_note_label, self.escalation_note)
        right.addWidget(self.escalation_box)

        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        buttons = QHBoxLayout()
        self.hint = QLabel()
        self.hint.setObjectName("subtitle")
        self.hint.setWordWrap(True)
        buttons.addWidget(self.hint, 1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.submit_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addWidget(self.notices)
        layout.addWidget(self.error)
        layout.addLayout(buttons)

        self.chief.currentIndexChanged.connect(self._fill_reaches)
        self.add_finding.clicked.connect(self._add_finding)
        self.edit_finding.clicked.connect(self._edit_finding)
        self.findings.itemDoubleClicked.connect(lambda _i: self._edit_finding())
        self.remove_finding.clicked.connect(self._remove_finding)
        self.findings.itemSelectionChanged.connect(self._finding_buttons)
        self.major.toggled.connect(self._major_toggled)
        self.route_import.clicked.connect(self.choose_route)
        self.route_remove.clicked.connect(self.remove_route)
        self.follows_up.currentIndexChanged.connect(self._fill_rechecked)
        self.save_button.clicked.connect(self.save_draft)
        self.submit_button.clicked.connect(self.submit)
        self.close_button.clicked.connect(self.reject)
        self.retranslate_ui()
        self._fill_reaches()
        self._fill_earlier()
        if inspection is not None:
            self._load(inspection)
        self._show_route(store.covert.track_summary(self._track_uuid) if self._track_uuid else None)
        self._major_toggled(self.major.isChecked())
        self._finding_buttons()
        for signal in (self.quarter.currentIndexChanged, self.chief.currentIndexChanged, self.reaches.itemChanged,
                       self.day.dateChanged, self.start.timeChanged, self.end.timeChanged,
                       self.inspectors.textChanged, self.conclusion.textChanged, self.major.toggled,
                       self.escalated_to.textChanged, self.escalated_at.dateTimeChanged,
                       self.escalation_note.textChanged, self.follows_up.currentIndexChanged,
                       self.rechecked.itemChanged, *(b.toggled for b in self.methods.values())):
            signal.connect(self._field_changed)
        if self._read_only:
            for widget in (self.quarter, self.chief, self.reaches, self.day, self.start, self.end, self.inspectors,
                           self.conclusion, self.add_finding, self.edit_finding, self.remove_finding,
                           self.major, self.escalated_to, self.escalated_at, self.escalation_note,
                           self.route_import, self.route_remove, self.follows_up, self.rechecked,
                           *self.methods.values()):
                widget.setEnabled(False)
            self.save_button.hide()
            self.submit_button.hide()
        self.resize(1180, 690)

    # ---- filling ---------------------------------------------------------------------------------

    @Slot()
    def _fill_reaches(self) -> None:
        """The reaches the chief chosen holds among what the unit owes this quarter, ticked ones kept."""
        ticked = set(self.reach_codes())
        chief = self.chief.currentData()
        owed = sorted(c for c, chiefs in self._view.owed_now.items() if chief is None or chief in chiefs)
        codes = owed + sorted(ticked - set(owed))
        self.reaches.blockSignals(True)
        self.reaches.clear()
        for code in codes:
            item = QListWidgetItem(f"{self._view.reach_names.get(code, '')}（{code}）")
            item.setData(Qt.ItemDataRole.UserRole, code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if code in ticked else Qt.CheckState.Unchecked)
            self.reaches.addItem(item)
        self.reaches.blockSignals(False)

    def _load(self, inspection: CovertInspection) -> None:
        self.quarter.setCurrentIndex(max(0, self.quarter.findData(inspection.quarter)))
        if self.quarter.findData(inspection.quarter) < 0:
            self.quarter.addItem(inspection.period.label(current_language()), inspection.quarter)
            self.quarter.setCurrentIndex(self.quarter.count() - 1)
        if inspection.chief_uuid and self.chief.findData(inspection.chief_uuid) < 0:
            self.chief.addItem(inspection.chief_name or inspection.chief_uuid, inspection.chief_uuid)
        if inspection.chief_uuid:
            self.chief.setCurrentIndex(self.chief.findData(inspection.chief_uuid))
        known = {self.reaches.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.reaches.count())}
        for code in inspection.reach_codes:
            if code not in known:
                item = QListWidgetItem(f"{self._view.reach_names.get(code, '')}（{code}）")
                item.setData(Qt.ItemDataRole.UserRole, code)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                self.reaches.addItem(item)
        for i in range(self.reaches.count()):
            item = self.reaches.item(i)
            checked = item.data(Qt.ItemDataRole.UserRole) in inspection.reach_codes
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        if inspection.started_at is not None:
            self.day.setDate(qdate(inspection.started_at))
            self.start.setTime(qtime(inspection.started_at))
        if inspection.ended_at is not None:
            self.end.setTime(qtime(inspection.ended_at))
        self.inspectors.setText("、".join(inspection.inspectors))
        for method, box in self.methods.items():
            box.setChecked(method in inspection.methods)
        self.conclusion.setPlainText(inspection.conclusion)
        self._findings = list(inspection.findings)
        self._fill_findings()
        if inspection.follows_up:
            self.follows_up.setCurrentIndex(max(0, self.follows_up.findData(inspection.follows_up)))
            for i in range(self.rechecked.count()):
                item = self.rechecked.item(i)
                ticked = item.data(Qt.ItemDataRole.UserRole) in inspection.rechecked
                item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
        self.major.setChecked(inspection.major)
        if inspection.escalation is not None:
            self.escalated_to.setText(inspection.escalation.to_name)
            self.escalated_at.setDateTime(
                QDateTime.fromSecsSinceEpoch(int(inspection.escalation.at.timestamp()), SHANGHAI))
            self.escalation_note.setText(inspection.escalation.note)

    def _fill_findings(self) -> None:
        language = current_language()
        self.findings.clear()
        for finding in self._findings:
            item = PROBLEM_ITEMS.get(finding.code)
            what = item.name_in(language) if item else finding.code
            text = (f"{local_text(finding.found_at, '%H:%M')} · {self._view.reach_names.get(finding.reach_code, '')}"
                    f" · {what} · {finding.severity.name_in(language)}：{finding.description}")
            if finding.photos:
                text += " " + self.tr("(%n photo(s))", "", len(finding.photos))
            row = QListWidgetItem(text)
            row.setToolTip(text)
            self.findings.addItem(row)

    # ---- reading the form ------------------------------------------------------------------------

    def reach_codes(self) -> list[str]:
        return [self.reaches.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.reaches.count())
                if self.reaches.item(i).checkState() == Qt.CheckState.Checked]

    def inspection(self) -> CovertInspection:
        day = self.day.date()
        unit = self._view.units[0]
        chief = self.chief.currentData()
        findings = tuple(replace(f, found_at=local_at(day, qtime(f.found_at))) for f in self._findings)
        major = self.major.isChecked()
        at = datetime.fromtimestamp(self.escalated_at.dateTime().toSecsSinceEpoch(), CHINA_TZ)
        escalation = (Escalation(self.escalated_to.text().strip(), at, self.escalation_note.text().strip())
                      if major and self.escalated_to.text().strip() else None)
        return CovertInspection(
            uuid=self._uuid, unit_uuid=unit.uuid, unit_name=unit.name, quarter=str(self.quarter.currentData()),
            chief_uuid=str(chief or ""), chief_name=self.chief.currentText() if chief else "",
            reach_codes=tuple(self.reach_codes()), started_at=local_at(day, self.start.time()),
            ended_at=local_at(day, self.end.time()), inspectors=split_names(self.inspectors.text()),
            methods=tuple(m for m, box in self.methods.items() if box.isChecked()),
            conclusion=self.conclusion.toPlainText().strip(), major=major, escalation=escalation,
            findings=findings, track_uuid=self._track_uuid, follows_up=self.follows_up.currentData() or None,
            rechecked=tuple(self.rechecked_uuids()))

    def local_refusal(self) -> Refusal | None:
        try:
            check_submission(self.inspection(), self._now(), found_by=actor_of(self._profile))
        except Refusal as refusal:
            return refusal
        return None

    # ---- findings --------------------------------------------------------------------------------

    def _finding_reaches(self) -> list[tuple[str, str]]:
        return [(c, self._view.reach_names.get(c, "")) for c in self.reach_codes()]

    @Slot()
    def _add_finding(self) -> None:
        dialog = FindingDialog(store=self._store, runner=self._runner, inspection_uuid=self._uuid,
                               reaches=self._finding_reaches(), finding=None, default_time=self.start.time(),
                               parent=self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._findings.append(dialog.finding(self.day.date()))
            self._fill_findings()
            self._field_changed()

    @Slot()
    def _edit_finding(self) -> None:
        row = self.findings.currentRow()
        if row < 0 or self._read_only:
            return
        dialog = FindingDialog(store=self._store, runner=self._runner, inspection_uuid=self._uuid,
                               reaches=self._finding_reaches(), finding=self._findings[row],
                               default_time=self.start.time(), parent=self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._findings[row] = dialog.finding(self.day.date())
            self._fill_findings()
            self._field_changed()

    @Slot()
    def _remove_finding(self) -> None:
        row = self.findings.currentRow()
        if row >= 0:
            del self._findings[row]
            self._fill_findings()
            self._field_changed()

    @Slot()
    def _finding_buttons(self) -> None:
        chosen = self.findings.currentRow() >= 0 and not self._read_only
        self.edit_finding.setEnabled(chosen)
        self.remove_finding.setEnabled(chosen)

    @Slot(bool)
    def _major_toggled(self, on: bool) -> None:
        for widget in (self.escalated_to, self.escalated_at, self.escalation_note):
            widget.setEnabled(on and not self._read_only)

    # ---- the route --------------------------------------------------------------------------------

    @Slot()
    def choose_route(self) -> None:
        path = choose_file(self, self.tr("Choose the route's track file"), Kind.TRACKS,
                           self.tr("Track files (%1);;All files (*)").replace("%1", TRACK_FILTER))
        if path is not None:
            self.import_route(path)

    def import_route(self, path: Path) -> None:
        """Read the track file in the background and keep it as this draft's route (held: no patrol is
        offered it, and it goes up only with the submitted inspection)."""
        if self._busy:
            return
        inspection_uuid = self._uuid
        self._set_busy(True)

        def work(store: Store, _context: Any) -> dict[str, Any] | None:
            imported = patrolling.import_track_file(store, path)
            store.covert.hold_track(imported.uuid, inspection_uuid)
            return store.covert.track_summary(imported.uuid)

        def done(summary: dict[str, Any] | None) -> None:
            self._set_busy(False)
            self._track_uuid = summary["uuid"] if summary else None
            self._show_route(summary)
            self._field_changed()

        self._runner.run_in_store(self._store.data_dir, work, on_success=done, on_failure=self._failed,
                                  writes=True, owner=self, progress_parent=self,
                                  progress_title=self.tr("Reading the track"))

    @Slot()
    def remove_route(self) -> None:
        self._track_uuid = None
        self._show_route(None)
        self._field_changed()

    def _show_route(self, summary: dict[str, Any] | None) -> None:
        self.route_remove.setEnabled(summary is not None and not self._read_only)
        if summary is None:
            self.route.setText(self.tr("None (optional: a GPX, KML or NMEA file of the route walked)"))
            return
        start = _time_of(summary.get("started_at"))
        end = _time_of(summary.get("ended_at"))
        times = f"{local_text(start, '%m-%d %H:%M')}—{local_text(end, '%H:%M')}" if start and end else ""
        text = self.tr("%1: %2 points, %3 km").replace("%1", str(summary.get("file_name") or "")).replace(
            "%2", str(summary.get("point_count") or 0)).replace("%3", f"{(summary.get('distance_m') or 0) / 1000:.1f}")
        self.route.setText(f"{text} {times}".strip())
        self.route.setToolTip(self.route.text())

    # ---- 回头看 -------------------------------------------------------------------------------------

    def _fill_earlier(self) -> None:
        self.follows_up.clear()
        self.follows_up.addItem(self.tr("No: a first visit"), None)
        for earlier in self._earlier:
            reaches = "、".join(self._view.reach_names.get(c, c) for c in earlier.reach_codes)
            label = self.tr("%1 · %2 · %n finding(s)", "", len(earlier.findings)).replace(
                "%1", local_text(earlier.started_at, "%Y-%m-%d")).replace("%2", reaches)
            self.follows_up.addItem(label, earlier.uuid)
        self.follows_up.setEnabled(len(self._earlier) > 0 and not self._read_only)
        self._fill_rechecked()

    @Slot()
    def _fill_rechecked(self) -> None:
        """The chosen earlier inspection's findings with their state now, all ticked: what this visit
        goes back to check. Their reaches are ticked as visited."""
        language = current_language()
        self.rechecked.blockSignals(True)
        self.rechecked.clear()
        earlier = next((i for i in self._earlier if i.uuid == self.follows_up.currentData()), None)
        for finding in earlier.findings if earlier else ():
            state = self._view.finding_states.get(finding.uuid)
            shown = ProblemState(state).name_in(language) if state else ""
            item = QListWidgetItem(f"{finding.description}（{shown}）" if shown else finding.description)
            item.setData(Qt.ItemDataRole.UserRole, finding.uuid)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            item.setToolTip(item.text())
            self.rechecked.addItem(item)
        self.rechecked.blockSignals(False)
        self.rechecked.setEnabled(not self._read_only)
        self.rechecked.setVisible(earlier is not None)
        if earlier is not None and not self._read_only:
            wanted = {f.reach_code for f in earlier.findings} or set(earlier.reach_codes)
            for i in range(self.reaches.count()):
                item = self.reaches.item(i)
                if item.data(Qt.ItemDataRole.UserRole) in wanted:
                    item.setCheckState(Qt.CheckState.Checked)

    def rechecked_uuids(self) -> list[str]:
        return [self.rechecked.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.rechecked.count())
                if self.rechecked.item(i).checkState() == Qt.CheckState.Checked]

    # ---- refusals --------------------------------------------------------------------------------

    def show_refusal(self, refusal: Refusal) -> None:
        self.refusal = refusal
        self.error.setText(refusal.text(current_language()))

    @Slot()
    def _field_changed(self) -> None:
        """A refusal shown goes once the form no longer earns it (judged without the database)."""
        refusal = self.refusal
        if refusal is None:
            return
        now = self.local_refusal()
        if now is None or now.code != refusal.code:
            self.refusal = None
            self.error.clear()

    # ---- saving ----------------------------------------------------------------------------------

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.save_button.setEnabled(not busy)
        self.submit_button.setEnabled(not busy)

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        if isinstance(exc, Refusal):
            self.show_refusal(exc)
        elif isinstance(exc, TrackFileError):  # a file that is not a usable track: say why, keep the form
            self.error.setText(exc.zh if current_language().startswith("zh") else exc.en)
        else:
            show_error(self, exc)

    @Slot()
    def save_draft(self) -> None:
        if self._busy:
            return
        inspection, key, now = self.inspection(), self._key, self._now()
        self._set_busy(True)

        def done(saved: CovertInspection) -> None:
            self._set_busy(False)
            self.saved.emit(saved)
            self.accept()

        self._runner.run_in_store(
            self._store.data_dir, lambda store, _c: store.covert.save_draft(inspection, key=key, now=now),
            on_success=done, on_failure=self._failed, writes=True, owner=self)

    @Slot()
    def submit(self) -> None:
        """Save the draft and read the notices; say them and ask; then submit."""
        if self._busy:
            return
        refusal = self.local_refusal()
        if refusal is not None:
            self.show_refusal(refusal)
            return
        inspection, key, now = self.inspection(), self._key, self._now()
        self._set_busy(True)

        def work(store: Store, _context: Any) -> list[Notice]:
            store.covert.save_draft(inspection, key=key, now=now)
            return store.covert.notices(inspection, now=now)

        self._runner.run_in_store(self._store.data_dir, work, on_success=self._noticed, on_failure=self._failed,
                                  writes=True, owner=self)

    def _noticed(self, notices: list[Notice]) -> None:
        language = current_language()
        text = "\n".join(n.text(language) for n in notices)
        self.notices.setText(text)
        if notices:
            answer = ask(self, self.tr("Submit the inspection?"),
                         text + "\n\n" + self.tr("Submit anyway? Once submitted it cannot be changed, and its "
                                                 "findings become problems that sync to the office."),
                         [(QMessageBox.StandardButton.Yes, self.tr("Submit")),
                          (QMessageBox.StandardButton.No, self.tr("Keep as draft"))])
            if answer != QMessageBox.StandardButton.Yes:
                self._set_busy(False)
                return
        uuid, key, now, me = self._uuid, self._key, self._now(), actor_of(self._profile)

        def done(submitted: CovertInspection) -> None:
            self._set_busy(False)
            self.saved.emit(submitted)
            self.accept()

        self._runner.run_in_store(
            self._store.data_dir, lambda store, _c: store.covert.submit(uuid, me, key=key, now=now),
            on_success=done, on_failure=self._failed, writes=True, owner=self)

    def retranslate_ui(self) -> None:
        self.unit_label.setText(self.tr("Liaison unit"))
        self.quarter_label.setText(self.tr("Quarter"))
        self.chief_label.setText(self.tr("Chief inspected"))
        self.reaches_label.setText(self.tr("Reaches visited"))
        self.day_label.setText(self.tr("Date"))
        self.times_label.setText(self.tr("From / to"))
        self.inspectors_label.setText(self.tr("Inspectors"))
        self.inspectors.setPlaceholderText(self.tr("Names, separated by 、"))
        self.methods_label.setText(self.tr("How"))
        self.route_label.setText(self.tr("Route track"))
        self.route_import.setText(self.tr("Import track…"))
        self.route_remove.setText(self.tr("Remove"))
        self.follows_up_label.setText(self.tr("Follow-up of"))
        self.follows_up.setToolTip(self.tr("回头看: going back to an earlier inspection to check that its findings "
                                           "were put right"))
        self.conclusion_label.setText(self.tr("Overall conclusion"))
        self.conclusion.setPlaceholderText(self.tr("What the inspection found overall"))
        self.findings_label.setText(self.tr("Findings (each becomes a problem when submitted)"))
        self.add_finding.setText(self.tr("Add finding…"))
        self.edit_finding.setText(self.tr("Change…"))
        self.remove_finding.setText(self.tr("Remove"))
        self.escalation_box.setTitle(self.tr("Major problem"))
        self.major.setText(self.tr("A major problem was found (report it to the responsible chief at once)"))
        self.escalated_to_label.setText(self.tr("Reported to"))
        self.escalated_at_label.setText(self.tr("Reported at"))
        self.escalation_note_label.setText(self.tr("Reported how"))
        self.escalation_note.setPlaceholderText(self.tr("e.g. by phone, in writing"))
        self.save_button.setText(self.tr("Save draft"))
        self.submit_button.setText(self.tr("Submit"))
        self.close_button.setText(self.tr("Close"))
        self.hint.setText(self.tr("Submitted inspections can no longer be changed.") if self._read_only else
                          self.tr("A draft stays on this laptop: nobody else sees it until it is submitted."))

