"""Problems: the plan's three lists (问题清单, 任务清单, 责任清单) and one problem's detail.

The detail shows the facts, "before" and "after" photos side by side, the timeline of events with who
did what when, and a button for each action possible in the problem's state; an action the current
profile may not do is shown disabled with the reason as its tooltip.
"""

from __future__ import annotations

import html
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QItemSelection, QModelIndex, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from patrol_app.domain.enums import PROBLEM_CATEGORIES
from patrol_app.domain.ids import parse_utc, utc_now
from patrol_app.domain.problems import (
    TRANSITIONS,
    Action,
    Severity,
    allowed_actions,
    local_date,
)
from patrol_app.domain.registry import Profile
from patrol_app.paths import Library
from patrol_app.store import Store
from patrol_app.store.problems import ProblemFilter, ProblemView
from patrol_app.ui.dialogs.messages import show_error
from patrol_app.ui.dialogs.problem import ActionDialog, ReportProblemDialog, actor_of
from patrol_app.ui.evidence import PhotoStrip
from patrol_app.ui.i18n import current_language
from patrol_app.ui.models import local_time
from patrol_app.ui.problem_models import (
    ProblemListModel,
    ResponsibilityModel,
    assignee_text,
    category_name,
    item_name,
    source_names,
    state_choices,
)
from patrol_app.ui.tasks import TaskRunner, WorkContext
from patrol_app.ui.widgets import Retranslating, page_title, subtitle, table_view

MY_REACHES = "__mine__"
ACTION_ORDER = (Action.ASSIGN, Action.ACCEPT, Action.RECTIFY, Action.SELF_HANDLE, Action.VERIFY, Action.REWORK,
                Action.CLOSE, Action.FEEDBACK, Action.URGE, Action.EXTEND, Action.RETURN, Action.DISMISS)
AFTER_ACTIONS = (Action.RECTIFY, Action.SELF_HANDLE)


class ProblemList(QWidget):
    """One filtered list (problems, or my tasks) over a lazy model.

    Signals:
    selected(str): a problem was selected (its uuid).
    """

    selected = Signal(str)

    def __init__(self, *, store: Store, runner: TaskRunner, tasks: bool, reaches: list[tuple[str, str]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._profile: Profile | None = None
        self._keep: str | None = None
        self.state = QComboBox()
        self.category = QComboBox()
        self.severity = QComboBox()
        self.source = QComboBox()
        self.reach = QComboBox()
        self.reach.setMinimumContentsLength(16)
        self.reach.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self._reaches = reaches  # (code, name) of every reach, for the reach filter
        self.overdue = QCheckBox()
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.model = ProblemListModel(store=store, runner=runner, parent=self)
        self.table = table_view(self)
        self.table.setModel(self.model)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((68, 132, 112, 100, 84, 106)):
            self.table.setColumnWidth(column, width)
        self.count_label = subtitle()
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(250)

        filters = QGridLayout()
        self.labels = [QLabel() for _ in range(5)]
        for label, widget in zip(self.labels, (self.state, self.category, self.severity, self.source, self.reach),
                                 strict=True):
            label.setBuddy(widget)
        filters.addWidget(self.labels[0], 0, 0)
        filters.addWidget(self.state, 0, 1)
        filters.addWidget(self.labels[1], 0, 2)
        filters.addWidget(self.category, 0, 3)
        filters.addWidget(self.labels[2], 0, 4)
        filters.addWidget(self.severity, 0, 5)
        filters.addWidget(self.labels[3], 1, 0)
        filters.addWidget(self.source, 1, 1)
        filters.addWidget(self.labels[4], 1, 2)
        filters.addWidget(self.reach, 1, 3)
        filters.addWidget(self.overdue, 1, 4, 1, 2)
        filters.addWidget(self.search, 2, 0, 1, 6)
        filters.setColumnStretch(1, 1)
        filters.setColumnStretch(3, 1)
        filters.setColumnStretch(5, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)

        for combo in (self.state, self.category, self.severity, self.source, self.reach):
            combo.currentIndexChanged.connect(self._filters_changed)
        self.overdue.toggled.connect(self._filters_changed)
        self.search.textChanged.connect(self._debounce.start)
        self._debounce.timeout.connect(self._filters_changed)
        self.model.loaded.connect(self._loaded)
        self.model.page_loaded.connect(self._update_count)
        self.model.failed.connect(lambda exc: show_error(self, exc))
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self._fill_choices()

    def _fill_choices(self) -> None:
        language = current_language()
        combos = (self.state, self.category, self.severity, self.source, self.reach)
        keep = [c.currentIndex() for c in combos]
        for combo in combos:
            combo.blockSignals(True)
            combo.clear()
        for label, states, open_only in state_choices():
            self.state.addItem(label, (states, open_only))
        self.category.addItem(self.tr("All categories"), "")
        for category in PROBLEM_CATEGORIES:
            self.category.addItem(category.name_in(language), category.code)
        self.severity.addItem(self.tr("Any severity"), "")
        for s in Severity:
            self.severity.addItem(s.name_in(language), s.code)
        self.source.addItem(self.tr("Any source"), "")
        for name, code in source_names():
            self.source.addItem(name, code)
        self.reach.addItem(self.tr("All reaches"), "")
        self.reach.addItem(self.tr("My reaches"), MY_REACHES)
        for code, name in self._reaches:
            self.reach.addItem(f"{name}（{code}）" if language.startswith("zh") else f"{name} ({code})", code)
        for combo, index in zip(combos, keep, strict=True):
            combo.setCurrentIndex(max(0, index))
            combo.blockSignals(False)

    def show_reach(self, code: str, *, overdue: bool = False) -> None:
        """Open problems of one reach, or of the profile's reaches (`MY_REACHES`), optionally only overdue."""
        for combo in (self.state, self.category, self.severity, self.source, self.reach):
            combo.blockSignals(True)
        self.state.setCurrentIndex(0)  # not closed
        self.category.setCurrentIndex(0)
        self.severity.setCurrentIndex(0)
        self.source.setCurrentIndex(0)
        self.reach.setCurrentIndex(max(0, self.reach.findData(code)))
        for combo in (self.state, self.category, self.severity, self.source, self.reach):
            combo.blockSignals(False)
        self.overdue.blockSignals(True)
        self.overdue.setChecked(overdue)
        self.overdue.blockSignals(False)
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.reload()

    def set_profile(self, profile: Profile | None, keep: str | None = None) -> None:
        self._profile = profile
        self.reload(keep)

    def current_filter(self) -> ProblemFilter:
        states, open_only = self.state.currentData() or ((), True)
        profile = self._profile
        assigned = (profile.unit, profile.name) if (self._tasks and profile) else None
        reach = self.reach.currentData() or ""
        mine = tuple(profile.reach_codes) if profile else ()
        return ProblemFilter(
            today=local_date(utc_now()), states=states, open_only=open_only, category=self.category.currentData(),
            severity=self.severity.currentData(), source=self.source.currentData(), overdue=self.overdue.isChecked(),
            text=self.search.text(), assigned_to=assigned, reach_code="" if reach == MY_REACHES else reach,
            reach_codes=mine if reach == MY_REACHES else None,
        )

    @Slot()
    def _filters_changed(self) -> None:
        self.reload()

    def reload(self, keep: str | None = None) -> None:
        self._keep = keep
        self.count_label.setText(self.tr("Loading…"))
        self.model.set_filter(self.current_filter())

    @Slot(int)
    def _loaded(self, total: int) -> None:
        self._update_count()
        row = self.model.find(self._keep) if self._keep else -1
        if row >= 0 or (self.model.rowCount() and not self._keep):
            self.table.selectRow(max(row, 0))
        elif not self._keep:
            self.selected.emit("")
        # else: the problem just acted on left this filter (closed, say): the detail keeps showing it

    @Slot()
    def _update_count(self) -> None:
        total, shown = self.model.total, self.model.rowCount()
        if total == 0:
            text = self.tr("No problem matches.") if not self._tasks else self.tr("No open task for you.")
        else:
            text = self.tr("%1 problem(s)").replace("%1", f"{total:,}")
            if shown < total:
                text += self.tr(" — the first %1 are loaded, more as you scroll").replace("%1", f"{shown:,}")
        self.count_label.setText(text)

    @Slot(QItemSelection, QItemSelection)
    def _selection_changed(self, *_: Any) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self.selected.emit(rows[0].data(Qt.ItemDataRole.UserRole)["uuid"])

    def retranslate_ui(self) -> None:
        for label, text in zip(self.labels, (self.tr("&State"), self.tr("&Category"), self.tr("Se&verity"),
                                             self.tr("S&ource"), self.tr("R&each")), strict=True):
            label.setText(text)
        self.overdue.setText(self.tr("Only &overdue"))
        self.search.setPlaceholderText(self.tr("Search description or responsible unit"))
        self._fill_choices()
        self.model.retranslate()
        self._update_count()


class ProblemDetail(QScrollArea):
    """One problem: facts, photos before and after, the timeline, and the possible actions.

    Signals:
    changed(str): an action was saved (the problem's uuid); lists and counts should refresh.
    loaded(): the detail of the selected problem is shown.
    """

    changed = Signal(str)
    loaded = Signal()

    def __init__(self, *, store: Store, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._runner = runner
        self._profile: Profile | None = None
        self._view: ProblemView | None = None
        self._uuid = ""
        self._generation = 0
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget()
        body.setObjectName("problemDetail")
        self.setWidget(body)
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
        self.actions_label = QLabel()
        self.actions_label.setStyleSheet("font-weight: bold;")
        self.buttons: dict[Action, QPushButton] = {}
        self.action_grid = QGridLayout()
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
        for action in ACTION_ORDER:
            button = QPushButton(body)
            button.hide()
            button.clicked.connect(lambda _=False, a=action: self.start_action(a))
            self.buttons[action] = button
        layout = QVBoxLayout(body)
        layout.setContentsMargins(16, 8, 12, 8)
        layout.addWidget(self.empty)
        layout.addWidget(self.heading)
        layout.addWidget(self.facts)
        layout.addLayout(photos)
        layout.addWidget(self.actions_label)
        layout.addLayout(self.action_grid)
        layout.addWidget(self.timeline_label)
        layout.addWidget(self.timeline)
        layout.addWidget(self.export_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
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
        data_dir = self._store.data_dir

        def work(context: WorkContext) -> ProblemView | None:
            with Store.connect(data_dir) as store:
                return store.problems.view(uuid)

        def done(view: ProblemView | None) -> None:
            if generation == self._generation:
                self._view = view
                self._fill()
                self.loaded.emit()

        self._runner.run(work, on_success=done, on_failure=lambda exc: show_error(self, exc), owner=self)

    def _show_nothing(self) -> None:
        for widget in [*self._content_widgets(), *self.buttons.values()]:
            widget.hide()
        self.empty.show()

    def _content_widgets(self) -> list[QWidget]:
        """Shown with a problem, hidden without (the action buttons are shown by `_fill_actions`)."""
        return [self.heading, self.facts, self.before_label, self.after_label, self.before, self.after,
                self.actions_label, self.timeline_label, self.timeline, self.export_button]

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
        while self.action_grid.count():
            self.action_grid.takeAt(0)
        view, profile = self._view, self._profile
        if view is None:
            return
        state = view.status.state
        offered = [a for a in ACTION_ORDER if state in TRANSITIONS[a]]
        allowed = allowed_actions(view.status, actor_of(profile), now) if profile else {}
        language = current_language()
        for button in self.buttons.values():
            button.hide()
        for i, action in enumerate(offered):
            button = self.buttons[action]
            refusal = allowed.get(action) if profile else None
            button.setText(action.name_in(language))
            button.setEnabled(profile is not None and refusal is None)
            button.setToolTip(refusal.text(language) if refusal else "")
            self.action_grid.addWidget(button, i // 3, i % 3)
            button.show()
        self.actions_label.setVisible(bool(offered))
        if not offered:
            self.actions_label.hide()

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
        units = self._store.problems.known_units()
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
        default = Path.home() / f"督办单-{view.problem.uuid[-8:]}.pdf"
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Save the supervision sheet"), str(default),
                                              self.tr("PDF (*.pdf)"))
        if name:
            self.write_pdf(Path(name))

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

    pdf_written = Signal(str)

    def retranslate_ui(self) -> None:
        self.empty.setText(self.tr("Select a problem in the list to see its details."))
        self.actions_label.setText(self.tr("What can be done now"))
        self.timeline_label.setText(self.tr("Timeline"))
        self.export_button.setText(self.tr("Export supervision sheet (PDF)…"))
        self._fill()


class ProblemsPage(Retranslating, QWidget):
    """Signals:
    changed(): a problem was reported or acted on (the home page's counts should refresh).
    """

    changed = Signal()

    def __init__(self, *, store: Store, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._runner = runner
        self._profile: Profile | None = None
        self.title = page_title()
        self.report_button = QPushButton()
        self.refresh_button = QPushButton()
        self.tabs = QTabWidget()
        reaches = [(row.code, row.name) for row in store.registry.reach_rows("", None)]  # read once for both
        self.problem_list = ProblemList(store=store, runner=runner, tasks=False, reaches=reaches)
        self.task_list = ProblemList(store=store, runner=runner, tasks=True, reaches=reaches)
        self.duty = QWidget()
        self.duty_model = ResponsibilityModel(self)
        self.duty_table = table_view(self.duty)
        self.duty_table.setModel(self.duty_model)
        self.duty_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.duty_table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.duty_note = subtitle()
        duty_layout = QVBoxLayout(self.duty)
        duty_layout.setContentsMargins(0, 8, 0, 0)
        duty_layout.addWidget(self.duty_table, 1)
        duty_layout.addWidget(self.duty_note)
        self.tabs.addTab(self.problem_list, "")
        self.tabs.addTab(self.task_list, "")
        self.tabs.addTab(self.duty, "")
        self.detail = ProblemDetail(store=store, runner=runner)

        header = QHBoxLayout()
        header.addWidget(self.title, 1)
        header.addWidget(self.report_button)
        header.addWidget(self.refresh_button)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.tabs)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([730, 400])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 12)
        layout.addLayout(header)
        layout.addWidget(self.splitter, 1)

        self.report_button.clicked.connect(self.report_problem)
        self.refresh_button.clicked.connect(self.refresh)
        QShortcut(QKeySequence.StandardKey.New, self, context=Qt.ShortcutContext.WidgetWithChildrenShortcut
                  ).activated.connect(self.report_problem)
        for problems in (self.problem_list, self.task_list):
            problems.selected.connect(self._selected)
        self.tabs.currentChanged.connect(self._tab_changed)
        self.duty_table.doubleClicked.connect(self._duty_opened)
        self.detail.changed.connect(self._problem_changed)
        self.retranslate_ui()

    def set_profile(self, profile: Profile | None) -> None:
        self._profile = profile
        self.report_button.setEnabled(profile is not None)
        self.detail.set_profile(profile)
        keep = self.detail.view.problem.uuid if self.detail.view else None  # stay on the problem shown
        self.problem_list.set_profile(profile, keep)
        self.task_list.set_profile(profile, keep)
        self.load_duty()

    @property
    def current_list(self) -> ProblemList:
        return self.task_list if self.tabs.currentWidget() is self.task_list else self.problem_list

    @Slot()
    def refresh(self) -> None:
        keep = self.detail.view.problem.uuid if self.detail.view else None
        self.problem_list.reload(keep)
        self.task_list.reload(keep)
        self.load_duty()

    def load_duty(self) -> None:
        data_dir = self._store.data_dir
        self.duty_note.setText(self.tr("Counting…"))

        def work(context: WorkContext) -> list[dict[str, Any]]:
            with Store.connect(data_dir) as store:
                return store.problems.responsibilities(local_date(utc_now()))

        def done(rows: list[dict[str, Any]]) -> None:
            self.duty_model.set_rows(rows)
            self.duty_note.setText(self.tr(
                "%1 reach(es). Overdue reaches first. Double-click a reach to list its problems.").replace(
                "%1", f"{len(rows):,}"))

        self._runner.run(work, on_success=done, on_failure=lambda exc: show_error(self, exc), owner=self)

    @Slot(str)
    def _selected(self, uuid: str) -> None:
        if self.sender() is self.tabs.currentWidget():  # the list in view drives the detail
            self.detail.show_problem(uuid)

    @Slot(int)
    def _tab_changed(self, index: int) -> None:
        widget = self.tabs.widget(index)
        self.detail.setVisible(widget is not self.duty)  # the responsibility list uses the whole width
        if isinstance(widget, ProblemList):
            rows = widget.table.selectionModel().selectedRows()
            self.detail.show_problem(rows[0].data(Qt.ItemDataRole.UserRole)["uuid"] if rows else "")

    def show_my_problems(self, overdue: bool) -> None:
        """From the home page's cards: my reaches' open (or overdue) problems."""
        self.tabs.setCurrentWidget(self.problem_list)
        self.problem_list.show_reach(MY_REACHES, overdue=overdue)

    def show_my_tasks(self) -> None:
        """From the home page's banner of new assignments: my task list (任务清单)."""
        self.tabs.setCurrentWidget(self.task_list)
        self.task_list.reload()

    @Slot(QModelIndex)
    def _duty_opened(self, index: QModelIndex) -> None:
        row = self.duty_model.row_at(index.row())
        self.tabs.setCurrentWidget(self.problem_list)
        self.problem_list.show_reach(row["reach_code"])

    @Slot()
    def report_problem(self) -> ReportProblemDialog | None:
        if self._profile is None:
            return None
        dialog = ReportProblemDialog(store=self._store, runner=self._runner, profile=self._profile, parent=self)
        dialog.saved.connect(self._reported)
        dialog.finished.connect(lambda _r: dialog.deleteLater())
        dialog.open()
        return dialog

    @Slot(object)
    def _reported(self, uuid: str) -> None:
        self.tabs.setCurrentWidget(self.problem_list)
        self.problem_list.reload(uuid)
        self.task_list.reload()
        self.load_duty()
        self.changed.emit()

    @Slot(str)
    def _problem_changed(self, uuid: str) -> None:
        self.current_list.reload(uuid)
        other = self.task_list if self.current_list is self.problem_list else self.problem_list
        other.reload()
        self.detail.show_problem(uuid)
        self.load_duty()
        self.changed.emit()

    def retranslate_ui(self) -> None:
        self.title.setText(self.tr("Problems"))
        self.report_button.setText(self.tr("&Report a problem…"))
        self.report_button.setToolTip(self.tr("Record a new problem found on a patrol or inspection (Ctrl+N)"))
        self.refresh_button.setText(self.tr("Re&fresh"))
        self.tabs.setTabText(0, self.tr("Problem list"))
        self.tabs.setTabText(1, self.tr("My tasks"))
        self.tabs.setTabText(2, self.tr("Responsibilities"))
        self.duty_model.retranslate()
        for problems in (self.problem_list, self.task_list):
            problems.retranslate_ui()
        self.detail.retranslate_ui()



def _badge(text: str, background: str, colour: str) -> str:
    return (f"<span style='background:{background};color:{colour};font-weight:bold;'>"
            f"&nbsp;{html.escape(text)}&nbsp;</span>")

