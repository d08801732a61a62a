"""Dialogs of the problems page: report a problem, and one small dialog per action (交办, 整改完成, 核查…).

Each dialog saves in the background and stays open with what was typed if the save is refused (a rule,
a stale view, a missing photo file), showing why in red in a line whose space is always kept (the buttons
never jump); the message goes as soon as the field it is about is put right. Nothing is half-saved.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from PySide6.QtCore import QDate, QDateTime, Qt, QTimeZone, Signal, SignalInstance, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from patrol_app.domain.enums import PROBLEM_CATEGORIES, Role
from patrol_app.domain.ids import utc_now, uuid7
from patrol_app.domain.problems import (
    NEEDS_AFTER_PHOTO,
    NEEDS_NOTE,
    NEEDS_REASON,
    Action,
    Actor,
    Problem,
    ProblemSource,
    ProblemStatus,
    Severity,
    Urgency,
    decide,
    local_date,
    validate_problem,
)
from patrol_app.domain.refusal import Refusal
from patrol_app.domain.registry import Profile
from patrol_app.store import Store
from patrol_app.ui.dialogs.messages import show_error
from patrol_app.ui.evidence import EvidencePicker
from patrol_app.ui.i18n import current_language
from patrol_app.ui.tasks import TaskRunner
from patrol_app.ui.widgets import MessageLine

SHANGHAI = QTimeZone(b"Asia/Shanghai")


def actor_of(profile: Profile) -> Actor:
    return Actor(profile.uuid, profile.name, profile.role, profile.unit)


def default_source(role: Role) -> ProblemSource:
    return {Role.LIAISON_INSPECTOR: ProblemSource.COVERT, Role.MAINTENANCE: ProblemSource.MAINTENANCE}.get(
        role, ProblemSource.PATROL)


def _multiline(placeholder: str = "") -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setTabChangesFocus(True)
    edit.setPlaceholderText(placeholder)
    edit.setFixedHeight(84)
    return edit


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(qdate: QDate) -> date:
    return date(qdate.year(), qdate.month(), qdate.day())


class _SavingDialog(QDialog):
    """Runs the save in the background; shows a refusal inline and keeps the dialog open.

    Signals:
    saved(object): the save succeeded (what it returned); the dialog then closes.
    """

    saved = Signal(object)

    def __init__(self, *, store: Store, runner: TaskRunner, parent: QWidget | None) -> None:
        super().__init__(parent)
        self._store = store
        self._runner = runner
        self.error = MessageLine(2)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self.refusal: Refusal | None = None

    def show_refusal(self, refusal: Refusal) -> None:
        self.refusal = refusal
        self.error.setText(refusal.text(current_language()))

    def clear_refusal(self) -> None:
        self.refusal = None
        self.error.clear()

    def watch(self, *signals: SignalInstance) -> None:
        """Re-judge the shown refusal whenever one of these fields changes."""
        for signal in signals:
            signal.connect(self._field_changed)

    @Slot()
    def _field_changed(self) -> None:
        refusal = self.refusal
        if refusal is None or refusal.code == "stale":  # only looking again at the problem helps
            return
        if refusal.code == "missing_photo":  # the store found it: any change of the photos may have fixed it
            if self.sender() is getattr(self, "photos", None):
                self.clear_refusal()
            return
        now = self.local_refusal()
        if now is None or now.code != refusal.code:
            self.clear_refusal()

    def local_refusal(self) -> Refusal | None:
        """The refusal the form as filled in now gets from the rules (without the database), or None."""
        raise NotImplementedError

    def save_in_background(self, work) -> None:  # noqa: ANN001
        self.buttons.setEnabled(False)

        def done(result: Any) -> None:
            self.buttons.setEnabled(True)
            self.saved.emit(result)
            self.accept()

        def failed(exc: BaseException) -> None:
            self.buttons.setEnabled(True)
            if isinstance(exc, Refusal):
                self.show_refusal(exc)
            else:
                show_error(self, exc)

        self._runner.run_in_store(self._store.data_dir, lambda store, _context: work(store), on_success=done,
                                  on_failure=failed, writes=True, owner=self)

    @Slot()
    def submit(self) -> None:
        raise NotImplementedError


class ReportProblemDialog(_SavingDialog):
    """上报问题: what, where, when, how serious, with "before" photos. `saved` carries the problem uuid."""

    def __init__(self, *, store: Store, runner: TaskRunner, profile: Profile, patrol_uuid: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(store=store, runner=runner, parent=parent)
        self._profile = profile
        self._patrol_uuid = patrol_uuid
        language = current_language()
        self.setWindowTitle(self.tr("Report a problem"))
        self.setMinimumWidth(640)
        self.reach = QComboBox()
        mine = set(profile.reach_codes)
        rows = store.registry.reach_rows("", None)
        for row in sorted(rows, key=lambda r: (r.code not in mine, r.code)):
            self.reach.addItem(f"{row.name}（{row.code}）" if language.startswith("zh") else f"{row.name} ({row.code})",
                               row.code)
        self.category = QComboBox()
        for category in PROBLEM_CATEGORIES:
            self.category.addItem(category.name_in(language), category.code)
        self.item = QComboBox()
        self.description = _multiline(self.tr("What did you see? Where exactly? How big?"))
        self.severity = QComboBox()
        for s in Severity:
            self.severity.addItem(s.name_in(language), s.code)
        self.urgency = QComboBox()
        for u in Urgency:
            self.urgency.addItem(u.name_in(language), u.code)
        self.source = QComboBox()
        for s in ProblemSource:
            self.source.addItem(s.name_in(language), s.code)
        self.source.setCurrentIndex(self.source.findData(default_source(profile.role).code))
        now = QDateTime.currentDateTime().toTimeZone(SHANGHAI)
        self.found_at = QDateTimeEdit(now)
        self.found_at.setTimeZone(SHANGHAI)
        self.found_at.setMaximumDateTime(now.addSecs(300))
        self.found_at.setCalendarPopup(True)
        self.found_at.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.position = QLabel(self.tr("No position: add a photo with GPS, or leave it empty."))
        self.position.setWordWrap(True)
        self._position: tuple[float, float, str] | None = None
        self.photos = EvidencePicker(store=store, runner=runner)

        form = QFormLayout()
        form.addRow(self.tr("&Reach"), self.reach)
        form.addRow(self.tr("&Category"), self.category)
        form.addRow(self.tr("&Problem"), self.item)
        form.addRow(self.tr("&Description"), self.description)
        form.addRow(self.tr("&Severity"), self.severity)
        form.addRow(self.tr("&Urgency"), self.urgency)
        form.addRow(self.tr("S&ource"), self.source)
        form.addRow(self.tr("&Found at"), self.found_at)
        form.addRow(self.tr("Position"), self.position)
        form.addRow(self.tr("Photos (before)"), self.photos)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Report"))
        self.category.currentIndexChanged.connect(self._fill_items)
        self.photos.changed.connect(self._position_from_photos)
        self._fill_items()
        self.watch(self.reach.currentIndexChanged, self.item.currentIndexChanged, self.description.textChanged,
                   self.found_at.dateTimeChanged, self.photos.changed)

    def preset(self, *, reach_code: str | None = None, item_code: str | None = None,
               found_at: datetime | None = None) -> None:
        """Pre-fill from where the report comes from (a patrol and the checklist line marked as a problem)."""
        if reach_code:
            self.reach.setCurrentIndex(max(0, self.reach.findData(reach_code)))
        if item_code:
            self.category.setCurrentIndex(max(0, self.category.findData(item_code.split(".", 1)[0])))
            self.item.setCurrentIndex(max(0, self.item.findData(item_code)))
        if found_at is not None:
            self.found_at.setDateTime(QDateTime.fromSecsSinceEpoch(int(found_at.timestamp()), SHANGHAI))

    @Slot()
    def _fill_items(self) -> None:
        code = self.category.currentData()
        language = current_language()
        self.item.clear()
        for category in PROBLEM_CATEGORIES:
            if category.code == code:
                for item in category.items:
                    self.item.addItem(item.name_in(language), item.code)

    @Slot()
    def _position_from_photos(self) -> None:
        self._position = None
        strip = self.photos.strip
        for row in (strip.item(i).data(Qt.ItemDataRole.UserRole) for i in range(strip.count())):
            if row.get("lat") is not None:  # the first photo that knows where it was taken
                self._position = (row["lat"], row["lon"], row["position_source"])
                break
        if self._position:
            lat, lon, _ = self._position
            self.position.setText(self.tr("%1, %2 (from the photo)").replace("%1", f"{lat:.5f}").replace(
                "%2", f"{lon:.5f}"))
        else:
            self.position.setText(self.tr("No position: add a photo with GPS, or leave it empty."))

    def problem(self) -> Problem:
        found = self.found_at.dateTime().toSecsSinceEpoch()
        lat, lon, source = self._position if self._position else (None, None, None)
        return Problem(
            uuid=uuid7(), code=str(self.item.currentData()), description=self.description.toPlainText().strip(),
            severity=Severity(self.severity.currentData()), urgency=Urgency(self.urgency.currentData()),
            source=ProblemSource(self.source.currentData()), reach_code=str(self.reach.currentData() or ""),
            found_at=datetime.fromtimestamp(found, UTC), found_by=actor_of(self._profile), lat=lat, lon=lon,
            position_source=source, patrol_uuid=self._patrol_uuid,
        )

    def local_refusal(self) -> Refusal | None:
        try:
            validate_problem(self.problem(), utc_now())
        except Refusal as refusal:
            return refusal
        return None

    @Slot()
    def submit(self) -> None:
        if self.photos.busy:
            return
        problem = self.problem()
        photos = self.photos.photo_uuids()
        self.save_in_background(lambda store: (store.problems.report(problem, photos=photos), problem.uuid)[1])


class ActionDialog(_SavingDialog):
    """One action on one problem. `saved` carries the new ProblemStatus."""

    def __init__(self, *, store: Store, runner: TaskRunner, profile: Profile, action: Action,
                 status: ProblemStatus, known_units: list[str] | None = None, now: datetime | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(store=store, runner=runner, parent=parent)
        self._profile = profile
        self._action = action
        self._status = status
        language = current_language()
        today = local_date(now or utc_now())
        self.setWindowTitle(action.name_in(language))
        self.setMinimumWidth(560)
        form = QFormLayout()
        self.unit = self.person = None
        self.deadline: QDateEdit | None = None
        self.note = self.reason = None
        self.photos: EvidencePicker | None = None
        intro = QLabel(self._intro())
        intro.setWordWrap(True)
        if action is Action.ASSIGN:
            self.unit = QComboBox()
            self.unit.setEditable(True)
            self.unit.addItems(known_units or [])
            self.unit.setCurrentText("")
            self.person = QLineEdit()
            form.addRow(self.tr("Responsible &unit"), self.unit)
            form.addRow(self.tr("Responsible &person"), self.person)
        if action in (Action.ASSIGN, Action.EXTEND, Action.REWORK):
            self.deadline = QDateEdit()
            self.deadline.setCalendarPopup(True)
            self.deadline.setDisplayFormat("yyyy-MM-dd")
            first = today
            if action is Action.EXTEND and status.deadline is not None:
                first = max(today, status.deadline + timedelta(days=1))
            self.deadline.setMinimumDate(_qdate(first))
            self.deadline.setDate(_qdate(max(first, today + timedelta(days=7))))
            label = self.tr("New &deadline") if action is not Action.ASSIGN else self.tr("&Deadline")
            form.addRow(label, self.deadline)
        if action in NEEDS_REASON:
            self.reason = _multiline()
            form.addRow(self.tr("&Reason"), self.reason)
        self.note = _multiline()
        note_label = self.tr("What was &done") if action in NEEDS_NOTE else self.tr("&Note (optional)")
        form.addRow(note_label, self.note)
        if action in NEEDS_AFTER_PHOTO:
            self.photos = EvidencePicker(store=store, runner=runner)
            form.addRow(self.tr("Photos (after)"), self.photos)
            self.reason = QLineEdit()
            self.reason.setPlaceholderText(self.tr("Only if there is no photo: why not"))
            form.addRow(self.tr("No photo &because"), self.reason)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(action.name_in(language))
        if self.unit is not None and self.person is not None:
            self.watch(self.unit.currentTextChanged, self.person.textChanged)
        if self.deadline is not None:
            self.watch(self.deadline.dateChanged)
        if self.reason is not None:
            self.watch(self.reason.textChanged)
        self.watch(self.note.textChanged)
        if self.photos is not None:
            self.watch(self.photos.changed)

    def _intro(self) -> str:
        s = self._status
        texts = {
            Action.ASSIGN: self.tr("Assign the problem to the unit or person who must fix it, with a deadline."),
            Action.ACCEPT: self.tr("Confirm that your unit received the task and starts the work."),
            Action.RETURN: self.tr("Send the task back if it is not your unit's responsibility. Say why."),
            Action.FEEDBACK: self.tr("Tell the office how the work is going. The state does not change."),
            Action.URGE: self.tr("Remind the responsible unit that the problem is waiting."),
            Action.EXTEND: self.tr("Give the responsible unit more time. Say why."),
            Action.RECTIFY: self.tr("Report the work as done, with at least one photo taken afterwards."),
            Action.SELF_HANDLE: self.tr("You fixed it on the spot: describe it and add a photo taken afterwards. "
                                        "Someone else will verify it."),
            Action.VERIFY: self.tr("You checked on site (or on the photos) that the problem is fixed."),
            Action.REWORK: self.tr("The fix is not good enough: the problem goes back to the responsible unit."),
            Action.CLOSE: self.tr("Close the verified problem (销号)."),
            Action.DISMISS: self.tr("Dismiss a duplicate or mistaken report. Say why."),
        }
        text = texts.get(self._action, "")
        if s.deadline is not None and self._action in (Action.EXTEND, Action.URGE):
            text += " " + self.tr("Current deadline: %1.").replace("%1", s.deadline.isoformat())
        return text

    def details(self) -> dict[str, Any]:
        details: dict[str, Any] = {}
        if self.unit is not None and self.person is not None:
            details["assignee_unit"] = self.unit.currentText()
            details["assignee_person"] = self.person.text()
        if self.deadline is not None:
            details["deadline"] = _pydate(self.deadline.date())
        if self.reason is not None:
            text = self.reason.toPlainText() if isinstance(self.reason, QPlainTextEdit) else self.reason.text()
            details["reason"] = text
        if self.note is not None:
            details["note"] = self.note.toPlainText()
        if self.photos is not None:
            details["photos"] = self.photos.photo_uuids()
        return details

    def local_refusal(self) -> Refusal | None:
        try:
            decide(self._status, self._action, actor_of(self._profile), utc_now(), uuid="", **self.details())
        except Refusal as refusal:
            return refusal
        return None

    @Slot()
    def submit(self) -> None:
        if self.photos is not None and self.photos.busy:
            return
        uuid, head, action, actor = self._status.problem_uuid, self._status.head, self._action, actor_of(self._profile)
        details = self.details()
        self.save_in_background(lambda store: store.problems.act(uuid, head, action, actor, **details))

