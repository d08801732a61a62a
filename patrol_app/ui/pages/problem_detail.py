"""One problem's detail: the facts, "before" and "after" photos side by side, the timeline of events with who
did what when, and a button for each action possible in the problem's state; an action the current profile may
not do is shown disabled with the reason as its tooltip.
"""

from __future__ import annotations

import html
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from patrol_app.domain.ids import parse_utc, utc_now
from patrol_app.domain.problems import TRANSITIONS, Action, Severity, allowed_actions
from patrol_app.domain.registry import Profile
from patrol_app.paths import Library
from patrol_app.store import Store
from patrol_app.store.problems import ProblemView
from patrol_app.ui.dialogs.messages import show_error
from patrol_app.ui.dialogs.problem import ActionDialog, actor_of
from patrol_app.ui.evidence import PhotoStrip
from patrol_app.ui.file_dialogs import Kind, choose_save
from patrol_app.ui.i18n import current_language
from patrol_app.ui.models import local_time
from patrol_app.ui.problem_models import assignee_text, category_name, item_name
from patrol_app.ui.tasks import TaskRunner, WorkContext
from patrol_app.ui.widgets import MessageLine

# The action bar's order, row by row: the usual path first (交办 → 签收 → 整改完成 → 核查通过 → 销号).
ACTION_COLUMNS = 3
ACTION_ORDER = (Action.ASSIGN, Action.ACCEPT, Action.RECTIFY, Action.SELF_HANDLE, Action.VERIFY, Action.REWORK,
                Action.CLOSE, Action.FEEDBACK, Action.URGE, Action.EXTEND, Action.RETURN, Action.DISMISS)
AFTER_ACTIONS = (Action.RECTIFY, Action.SELF_HANDLE)


class ProblemDetail(QWidget):
    """One problem: facts, photos before and after, the timeline, and the possible actions.

    The facts scroll; the action buttons sit below them in a bar that never changes: every action has its
    own place, shown for every problem and disabled (with the reason) when it cannot be done now, so a
    button never moves under the mouse after an action (签收 used to shift 整改完成 onto 反馈's place).

    Signals:
    changed(str): an action was saved (the problem's uuid); lists and counts should refresh.
    loaded(): the detail of the selected problem is shown.
    pdf_written(str): the supervision sheet was written (its path).
    """

    changed = Signal(str)
    loaded = Signal()
    pdf_written = Signal(str)

    def __init__(self, *, store: Store, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._runner = runner
        self._profile: Profile | None = None
        self._view: ProblemView | None = None
        self._uuid = ""
        self._generation = 0
        self._refusals: dict[Action, str] = {}  # why each disabled button is disabled
        self._hint = ""  # the reason line when the mouse is on no button
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget()
        body.setObjectName("problemDetail")
        self.scroll.setWidget(body)
        library = Library(store.data_dir)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.facts = QLabel()
        self.facts.setWordWrap(True)
        self.facts.setTextFormat(Qt.TextFormat.RichText)
        self.facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.before_label, self.after_label = QLabel(), QLabel()
        self.before, self.after = PhotoStrip(library), PhotoStrip(library)
        self.export_button = QPushButton()
        self.timeline_label = QLabel()
        self.timeline_label.setStyleSheet("font-weight: bold;")
        self.timeline = QLabel()
        self.timeline.setWordWrap(True)
        self.timeline.setTextFormat(Qt.TextFormat.RichText)
        self.timeline.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)

        photos = QGridLayout()
        photos.addWidget(self.before_label, 0, 0)
        photos.addWidget(self.after_label, 0, 1)
        photos.addWidget(self.before, 1, 0)
        photos.addWidget(self.after, 1, 1)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(16, 8, 12, 8)
        layout.addWidget(self.empty)
        layout.addWidget(self.heading)
        layout.addWidget(self.facts)
        layout.addLayout(photos)
        layout.addWidget(self.timeline_label)
        layout.addWidget(self.timeline)
        layout.addWidget(self.export_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)

        # The action bar: every button in its place for the life of the view, and a reason line of fixed height.
        self.action_bar = QFrame()
        self.action_bar.setObjectName("problemActions")
        self.action_bar.setFrameShape(QFrame.Shape.StyledPanel)
        self.actions_label = QLabel()
        self.actions_label.setStyleSheet("font-weight: bold;")
        self.buttons: dict[Action, QPushButton] = {}
        self.action_grid = QGridLayout()
        for i, action in enumerate(ACTION_ORDER):
            button = QPushButton()
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.setEnabled(False)
            button.clicked.connect(self._button_clicked)
            button.installEventFilter(self)
            button.setProperty("action", action.code)
            self.buttons[action] = button
            self.action_grid.addWidget(button, i // ACTION_COLUMNS, i % ACTION_COLUMNS)
        for column in range(ACTION_COLUMNS):
            self.action_grid.setColumnStretch(column, 1)
        self.reason = MessageLine(2, error=False, fixed=True)  # a long reason must not lift the buttons
        bar = QVBoxLayout(self.action_bar)
        bar.setContentsMargins(10, 4, 10, 4)
        bar.setSpacing(4)
        bar.addWidget(self.actions_label)
        bar.addLayout(self.action_grid)
        bar.addWidget(self.reason)
        self.action_bar.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(4)
        outer.addWidget(self.scroll, 1)
        outer.addWidget(self.action_bar)
        self.export_button.clicked.connect(self.export_pdf)
        self._show_nothing()
        self.retranslate_ui()

    @property
    def view(self) -> ProblemView | None:
        return self._view

    def set_profile(self, profile: Profile | None) -> None:
        self._profile = profile
        self._fill()

    def show_problem(self, uuid: str) -> None:
        self._uuid = uuid
        self._generation += 1
        generation = self._generation
        if not uuid:
            self._view = None
            self._show_nothing()
            self.loaded.emit()
            return

        def done(view: ProblemView | None) -> None:
            if generation == self._generation:
                self._view = view
                self._fill()
                self.loaded.emit()

        self._runner.run_in_store(self._store.data_dir, lambda store, _context: store.problems.view(uuid),
                                  on_success=done, on_failure=lambda exc: show_error(self, exc), owner=self)

    def _show_nothing(self) -> None:
        for widget in self._content_widgets():
            widget.hide()
        self.empty.show()
        self._fill_actions(utc_now())

    def _content_widgets(self) -> list[QWidget]:
        """Shown with a problem, hidden without (the action bar stays, its buttons disabled)."""
        return [self.heading, self.facts, self.before_label, self.after_label, self.before, self.after,
                self.timeline_label, self.timeline, self.export_button]

    def _fill(self) -> None:
        view = self._view
        if view is None:
            self._show_nothing()
            return
        self.empty.hide()
        for widget in self._content_widgets():
            widget.show()
        language = current_language()
        now = utc_now()
        p, s = view.problem, view.status
        e = html.escape
        state = s.state.name_in(language) if s.state else "?"
        late = s.days_overdue(now)
        badges = _badge(state, "#24476b", "white")
        if p.severity is Severity.MAJOR:
            badges += " " + _badge(p.severity.name_in(language), "#a61b1b", "white")
        if late:
            badges += " " + _badge(self.tr("Overdue %1 day(s)").replace("%1", str(late)), "#fde2e1", "#a61b1b")
        self.heading.setText(
            f"<div style='font-size:15pt;font-weight:bold;color:#1c3450;'>{e(item_name(p.code))}"
            f" <span style='font-size:11pt;color:#4a5a6a;'>· {e(category_name(p.code))}</span></div>"
            f"<div style='margin-top:4px;'>{badges}</div>"
        )
        rows = [
            (self.tr("Description"), e(p.description).replace("\n", "<br>")),
            (self.tr("Reach"), f"{e(view.reach_name)} <span style='color:#4a5a6a;'>{e(p.reach_code)}</span>"),
            (self.tr("Position"), self._position_text()),
            (self.tr("Found"), f"{local_time(p.found_at)} · {e(p.found_by.label(language))}"),
            (self.tr("Source"), e(p.source.name_in(language))),
            *([(self.tr("Found on patrol"),
                f"{local_time(parse_utc(view.patrol['started_at']))} · {e(view.patrol['patroller_name'])}")]
              if view.patrol else []),
            (self.tr("Severity / urgency"), f"{e(p.severity.name_in(language))} / {e(p.urgency.name_in(language))}"),
        ]
        if s.assignee_unit or s.assignee_person:
            rows.append((self.tr("Responsible"), e(assignee_text(s.assignee_unit, s.assignee_person))))
        if s.deadline:
            deadline = s.deadline.isoformat()
            if late:
                deadline = f"<b style='color:#a61b1b;'>{deadline}</b>"
            rows.append((self.tr("Deadline"), deadline))
        if s.rework_count:
            rows.append((self.tr("Reworked"), str(s.rework_count)))
        self.facts.setText(
            "<table cellspacing='0' cellpadding='3'>"
            + "".join(f"<tr><td style='color:#4a5a6a;padding-right:10px;' valign='top'>{e(k)}</td><td>{v}</td></tr>"
                      for k, v in rows)
            + "</table>"
        )
        before, after = [], []
        for step in s.steps:
            rows_ = view.photos.get(step.event.uuid, [])
            if step.event.action is Action.REPORT:
                before += rows_
            elif step.event.action in AFTER_ACTIONS and step.applied:
                after += rows_
        self.before.set_photos(before)
        self.after.set_photos(after)
        self.before_label.setText(self.tr("Before (%1)").replace("%1", str(len(before))))
        self.after_label.setText(self.tr("After (%1)").replace("%1", str(len(after))))
        self._fill_actions(now)
        self._fill_timeline()

    def _position_text(self) -> str:
        p = self._view.problem if self._view else None
        if p is None or p.lat is None or p.lon is None:
            return self.tr("not recorded")
        source = {"exif": self.tr("from photo GPS"), "track": self.tr("from the patrol track"),
                  "manual": self.tr("set by hand")}.get(p.position_source or "", "")
        return f"{p.lat:.5f}, {p.lon:.5f} <span style='color:#4a5a6a;'>{html.escape(source)}</span>"

    def _fill_actions(self, now: datetime) -> None:
        """Enable what this profile may do now; every other button says why not (tooltip and reason line)."""
        view, profile = self._view, self._profile
        language = current_language()
        if view is None:
            why = {a: self.tr("Select a problem in the list first.") for a in ACTION_ORDER}
        elif profile is None:
            why = {a: self.tr("Choose who you are in Settings first.") for a in ACTION_ORDER}
        else:
            allowed = allowed_actions(view.status, actor_of(profile), now)
            why = {a: r.text(language) for a in ACTION_ORDER if (r := allowed.get(a)) is not None}
        self._refusals = why
        for action, button in self.buttons.items():
            button.setText(action.name_in(language))
            button.setEnabled(action not in why)
            button.setToolTip(why.get(action, ""))
        self._hint = self._reason_hint()
        self.reason.setText(self._hint)

    def _reason_hint(self) -> str:
        """The reason line when the mouse is on no button: why nothing can be done, or how to find out why
        a button is grey."""
        view = self._view
        if view is None:
            return self.tr("Select a problem in the list first.")
        if self._profile is None:
            return self.tr("Choose who you are in Settings first.")
        if len(self._refusals) < len(ACTION_ORDER):
            return self.tr("Grey buttons cannot be used now: point at one to see why.")
        state = view.status.state
        possible = [a for a in ACTION_ORDER if state in TRANSITIONS[a]]
        if not possible:
            name = state.name_in(current_language()) if state else "?"
            return self.tr("The problem is %1: nothing more to do.").replace("%1", name)
        return self._refusals[possible[0]]  # what this state needs, and why this person cannot do it

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        """On a grey button, the reason line says why it cannot be used (a click on it is not lost in silence)."""
        kind = event.type()
        if isinstance(watched, QPushButton) and watched in self.buttons.values():
            action = Action(watched.property("action"))
            if kind in (QEvent.Type.Enter, QEvent.Type.MouseButtonPress) and action in self._refusals:
                self.reason.setText(f"{action.name_in(current_language())}：{self._refusals[action]}")
            elif kind == QEvent.Type.Leave:
                self.reason.setText(self._hint)
        return super().eventFilter(watched, event)

    @Slot()
    def _button_clicked(self) -> None:
        self.start_action(Action(self.sender().property("action")))

    def _fill_timeline(self) -> None:
        view = self._view
        if view is None:
            return
        language = current_language()
        e = html.escape
        items = []
        for step in view.status.steps:
            ev = step.event
            details = []
            if ev.assignee_unit or ev.assignee_person:
                details.append(self.tr("to %1").replace("%1", e(assignee_text(ev.assignee_unit, ev.assignee_person))))
            if ev.deadline:
                details.append(self.tr("deadline %1").replace("%1", ev.deadline.isoformat()))
            if ev.note:
                details.append(e(ev.note))
            if ev.reason:
                details.append(self.tr("reason: %1").replace("%1", e(ev.reason)))
            photos = len(view.photos.get(ev.uuid, []))
            if photos:
                details.append(self.tr("%1 photo(s)").replace("%1", str(photos)))
            colour = "#1c3450" if step.applied else "#8a8a8a"
            line = (f"<div style='margin-bottom:6px;color:{colour};'><b>{local_time(ev.at)}</b>&nbsp; "
                    f"<b>{e(ev.action.name_in(language))}</b> · {e(ev.actor.label(language))} "
                    f"<span style='color:#4a5a6a;'>({e(ev.actor.role.name_in(language))})</span>")
            if details:
                line += "<br>&nbsp;&nbsp;" + "；".join(details)
            if step.refusal is not None:
                not_applied = self.tr("Not applied: %1").replace("%1", e(step.refusal.text(language)))
                line += f"<br>&nbsp;&nbsp;<span style='color:#a61b1b;'>{not_applied}</span>"
            items.append(line + "</div>")
        self.timeline.setText("".join(items))

    def start_action(self, action: Action) -> ActionDialog | None:
        view, profile = self._view, self._profile
        if view is None or profile is None:
            return None
        units = self._store.problems.known_units(near=profile) if action is Action.ASSIGN else []
        dialog = ActionDialog(store=self._store, runner=self._runner, profile=profile, action=action,
                              status=view.status, known_units=units, parent=self)
        dialog.saved.connect(lambda _status: self.changed.emit(view.problem.uuid))
        dialog.finished.connect(lambda _result: self._after_dialog(dialog))
        dialog.open()
        return dialog

    def _after_dialog(self, dialog: ActionDialog) -> None:
        if dialog.refusal is not None and dialog.refusal.code == "stale":
            self.changed.emit(self._uuid)
        dialog.deleteLater()

    @Slot()
    def export_pdf(self) -> None:
        view = self._view
        if view is None:
            return
        path = choose_save(self, self.tr("Save the supervision sheet"), Kind.DOCUMENTS,
                           f"督办单-{view.problem.uuid[-8:]}.pdf", self.tr("PDF (*.pdf)"))
        if path is not None:
            self.write_pdf(path)

    def write_pdf(self, path: Path) -> None:
        """Build and write the sheet in the background."""
        from patrol_app.reports.problem_sheet import problem_sheet_html
        from patrol_app.ui.problem_pdf import write_problem_pdf

        view, language, root = self._view, current_language(), self._store.data_dir
        if view is None:
            return

        def work(context: WorkContext) -> Path:
            write_problem_pdf(problem_sheet_html(view, root, language), path, item_name(view.problem.code))
            return path

        self._runner.run(work, on_success=lambda p: self.pdf_written.emit(str(p)),
                         on_failure=lambda exc: show_error(self, exc), owner=self)

    def retranslate_ui(self) -> None:
        self.empty.setText(self.tr("Select a problem in the list to see its details."))
        self.actions_label.setText(self.tr("What can be done now"))
        self.action_bar.setAccessibleName(self.actions_label.text())
        self.timeline_label.setText(self.tr("Timeline"))
        self.export_button.setText(self.tr("Export supervision sheet (PDF)…"))
        self._fill()


def _badge(text: str, background: str, colour: str) -> str:
    return (f"<span style='background:{background};color:{colour};font-weight:bold;'>"
            f"&nbsp;{html.escape(text)}&nbsp;</span>")
