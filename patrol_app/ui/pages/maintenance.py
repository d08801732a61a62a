"""管护日志 (maintenance logs): shown only in a maintenance crew's profile (issue 16).

Three tabs: the crew's logs (newest first; a log opens in the editor with its before/after photo pairs),
the problems assigned (交办) to the crew's unit or to the person (a click records their rectification as a
log), and the monthly summary of a contract (work done vs required, quantities, rectified problems),
exportable as PDF and Excel for payment checks. Everything is read and written off the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QBrush, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from patrol_app.domain.enums import Role
from patrol_app.domain.ids import parse_utc, utc_now
from patrol_app.domain.maintenance import (
    Contract,
    MaintenanceLog,
    MonthSummary,
    format_quantity,
    month_of,
    month_summary,
)
from patrol_app.domain.periods import CHINA_TZ, Period
from patrol_app.domain.problems import ProblemState, local_date
from patrol_app.domain.refusal import Refusal
from patrol_app.domain.registry import Profile
from patrol_app.store import Store
from patrol_app.ui import style
from patrol_app.ui.columns import Elide, Extra, Fit, lay_out_columns
from patrol_app.ui.dialogs.maintenance import EditorData, MaintenanceLogDialog, problem_label
from patrol_app.ui.dialogs.messages import show_error
from patrol_app.ui.file_dialogs import Kind, choose_save
from patrol_app.ui.i18n import current_language
from patrol_app.ui.problem_models import item_name
from patrol_app.ui.tasks import TaskRunner, WorkContext
from patrol_app.ui.widgets import MessageLine, Retranslating, ask, page_title, subtitle

WORKABLE = (ProblemState.ASSIGNED.code, ProblemState.RECTIFYING.code)
# The log list's columns: when, reach, work, workers, photo pairs, queried, the problem rectified.
LOG_WHEN, LOG_REACH, LOG_WORK, LOG_WORKERS, LOG_PHOTOS, LOG_QUERIED, LOG_RECTIFIED = range(7)


@dataclass
class MaintenanceView:
    """What the page shows, read in one go off the GUI thread."""

    contracts: list[Contract]
    logs: list[MaintenanceLog]  # the crew unit's, newest first
    assigned: list[dict[str, Any]]  # open problems assigned to the unit or the person
    heads: dict[str, str | None] = field(default_factory=dict)
    reach_names: dict[str, str] = field(default_factory=dict)
    problems: dict[str, str] = field(default_factory=dict)  # problem uuid → a label (the problems logs rectified)

    def log(self, uuid: str) -> MaintenanceLog | None:
        return next((log for log in self.logs if log.uuid == uuid), None)

    def contract(self, uuid: str | None) -> Contract | None:
        return next((c for c in self.contracts if c.uuid == uuid), None)

    @property
    def workable(self) -> list[dict[str, Any]]:
        return [row for row in self.assigned if row["state"] in WORKABLE]


def load_view(store: Store, profile: Profile, today: date, language: str = "zh_CN") -> MaintenanceView:
    """Read everything the page shows (a worker's store)."""
    maintenance = store.maintenance
    contracts = maintenance.contracts(profile.unit)
    logs = maintenance.logs(unit=profile.unit)
    assigned = maintenance.assigned(profile, today)
    heads = {row["uuid"]: store.problems.status(row["uuid"]).head for row in assigned if row["state"] in WORKABLE}
    codes = {c for contract in contracts for c in contract.reach_codes} | {log.reach_code for log in logs}
    codes |= set(profile.reach_codes) | {row["reach_code"] for row in assigned}
    names = maintenance.reach_names(codes)
    problems = {}
    for uuid in {log.problem_uuid for log in logs if log.problem_uuid}:
        problem = store.problems.get(uuid)
        if problem is not None:
            problems[uuid] = problem_label({"code": problem.code, "description": problem.description,
                                            "reach_code": problem.reach_code,
                                            "reach_name": names.get(problem.reach_code, "")}, language)
    return MaintenanceView(contracts, logs, assigned, heads, names, problems)


def editor_data(store: Store, view: MaintenanceView, log: MaintenanceLog | None) -> EditorData:
    """What the editor needs beyond the page's view: the photo rows of the log it opens."""
    return EditorData(view.contracts, view.reach_names, view.workable, view.heads,
                      store.maintenance.photo_rows(log.photos) if log is not None else {}, view.problems)


def _local(moment: datetime, fmt: str) -> str:
    return moment.astimezone(CHINA_TZ).strftime(fmt)


def _table(columns: int) -> QTableWidget:
    table = QTableWidget(0, columns)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(32)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    return table


class MaintenancePage(Retranslating, QWidget):
    """Signals:
    changed(): a log was saved or deleted (and maybe a problem rectified).
    loaded(): the page shows freshly read data.
    editor_opened(object): the log editor was opened (the `MaintenanceLogDialog`).
    problem_requested(str): open this problem on the problems page.
    report_written(str): a monthly summary was saved at this path.
    """

    changed = Signal()
    loaded = Signal()
    editor_opened = Signal(object)
    problem_requested = Signal(str)
    report_written = Signal(str)

    def __init__(self, *, store: Store, runner: TaskRunner, now: Callable[[], datetime] = utc_now,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._runner = runner
        self._now = now
        self._profile: Profile | None = None
        self.view: MaintenanceView | None = None
        self.summary: MonthSummary | None = None
        self.dialog: MaintenanceLogDialog | None = None
        self._generation = 0
        self._new_when_loaded = False  # the home's 新建管护日志 arrived before the page had read the crew's data

        self.title = page_title()
        self.headline = subtitle()
        self.headline.setTextFormat(Qt.TextFormat.PlainText)
        self.new_button = QPushButton()
        self.new_button.setObjectName("primaryAction")
        self.open_button = QPushButton()
        self.delete_button = QPushButton()
        self.refresh_button = QPushButton()
        self.message = MessageLine(1, fixed=True)
        self.tabs = QTabWidget()

        self.logs = _table(7)
        # When, photos and what was queried whole; reach, work and workers share the rest (elided, the whole
        # text in the tooltip); the problem rectified at the end.
        self.log_columns = lay_out_columns(self.logs, (Fit, Elide, Elide, Elide, Fit, Fit, Extra))
        self.logs_empty = QLabel()
        self.logs_empty.setObjectName("subtitle")
        logs_tab = QWidget()
        logs_layout = QVBoxLayout(logs_tab)
        logs_layout.setContentsMargins(0, 8, 0, 0)
        logs_layout.addWidget(self.logs, 1)
        logs_layout.addWidget(self.logs_empty)

        self.tasks = _table(6)
        self.task_columns = lay_out_columns(self.tasks, (Fit, Elide, Elide, Fit, Elide, Fit))
        self.rectify_button = QPushButton()
        self.show_problem_button = QPushButton()
        self.tasks_note = subtitle()
        task_buttons = QHBoxLayout()
        task_buttons.addWidget(self.rectify_button)
        task_buttons.addWidget(self.show_problem_button)
        task_buttons.addWidget(self.tasks_note, 1)
        tasks_tab = QWidget()
        tasks_layout = QVBoxLayout(tasks_tab)
        tasks_layout.setContentsMargins(0, 8, 0, 0)
        tasks_layout.addWidget(self.tasks, 1)
        tasks_layout.addLayout(task_buttons)

        self.contract_choice = QComboBox()
        self.contract_choice.setMinimumWidth(260)
        self.month_choice = QComboBox()
        self.month_choice.setMinimumWidth(120)
        self.contract_label, self.month_label = QLabel(), QLabel()
        self.contract_label.setBuddy(self.contract_choice)
        self.month_label.setBuddy(self.month_choice)
        self.pdf_button = QPushButton()
        self.xlsx_button = QPushButton()
        self.report_note = QLabel()
        self.report_note.setObjectName("subtitle")
        self.report_note.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.progress = _table(5)
        self.progress_columns = lay_out_columns(self.progress, (Fit, Elide, Fit, Fit, Fit))
        self.totals = QLabel()
        self.totals.setWordWrap(True)
        self.month_facts = QLabel()
        self.month_facts.setWordWrap(True)
        choices = QHBoxLayout()
        choices.addWidget(self.contract_label)
        choices.addWidget(self.contract_choice, 2)
        choices.addWidget(self.month_label)
        choices.addWidget(self.month_choice)
        choices.addWidget(self.pdf_button)
        choices.addWidget(self.xlsx_button)
        choices.addWidget(self.report_note, 1)
        summary_tab = QWidget()
        summary_layout = QVBoxLayout(summary_tab)
        summary_layout.setContentsMargins(0, 8, 0, 0)
        summary_layout.addLayout(choices)
        summary_layout.addWidget(self.month_facts)
        summary_layout.addWidget(self.progress, 1)
        summary_layout.addWidget(self.totals)

        self.tabs.addTab(logs_tab, "")
        self.tabs.addTab(tasks_tab, "")
        self.tabs.addTab(summary_tab, "")
        self.logs_tab, self.tasks_tab, self.summary_tab = logs_tab, tasks_tab, summary_tab

        buttons = QHBoxLayout()
        for button in (self.new_button, self.open_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 12)
        layout.addWidget(self.title)
        layout.addWidget(self.headline)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addWidget(self.tabs, 1)

        self.new_button.clicked.connect(lambda: self.new_log())
        self.open_button.clicked.connect(self.open_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.refresh_button.clicked.connect(self.refresh)
        self.rectify_button.clicked.connect(self.rectify_selected)
        self.show_problem_button.clicked.connect(self._show_problem)
        self.logs.itemActivated.connect(lambda _item: self.open_selected())
        self.logs.itemSelectionChanged.connect(self._buttons)
        self.tasks.itemActivated.connect(lambda _item: self.rectify_selected())
        self.tasks.itemSelectionChanged.connect(self._buttons)
        self.tabs.currentChanged.connect(lambda _i: self._buttons())
        self.contract_choice.currentIndexChanged.connect(self._contract_chosen)
        self.month_choice.currentIndexChanged.connect(self._fill_summary)
        self.pdf_button.clicked.connect(lambda: self.export_summary("pdf"))
        self.xlsx_button.clicked.connect(lambda: self.export_summary("xlsx"))
        QShortcut(QKeySequence.StandardKey.New, self, context=Qt.ShortcutContext.WidgetWithChildrenShortcut
                  ).activated.connect(lambda: self.new_log())
        self.retranslate_ui()

    # ---- data ------------------------------------------------------------------------------------

    def set_profile(self, profile: Profile | None) -> None:
        self._profile = profile
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        self._generation += 1
        generation = self._generation
        profile = self._profile
        if profile is None or profile.role is not Role.MAINTENANCE:
            self.view = None
            self._fill()
            self.loaded.emit()
            return
        today, language = local_date(self._now()), current_language()

        def work(store: Store, _context: WorkContext) -> MaintenanceView:
            return load_view(store, profile, today, language)

        def done(view: MaintenanceView) -> None:
            if generation == self._generation:
                self.view = view
                self._fill()
                self.loaded.emit()
                if self._new_when_loaded:
                    self._new_when_loaded = False
                    self.new_log()

        def failed(exc: BaseException) -> None:
            if generation == self._generation:
                self._report(exc)
                self.loaded.emit()

        self._runner.run_in_store(self._store.data_dir, work, on_success=done, on_failure=failed, owner=self)

    def _report(self, exc: BaseException) -> None:
        if isinstance(exc, Refusal):
            self.message.setText(exc.text(current_language()))
        else:
            show_error(self, exc)

    # ---- showing ---------------------------------------------------------------------------------

    def _fill(self) -> None:
        self.message.clear()
        view = self.view
        self.new_button.setEnabled(view is not None)
        if view is None:
            self.headline.clear()
            for table in (self.logs, self.tasks, self.progress):
                table.setRowCount(0)
            self._buttons()
            return
        self._fill_headline(view)
        self._fill_logs(view)
        self._fill_tasks(view)
        self._fill_contracts(view)
        self._buttons()

    def _fill_headline(self, view: MaintenanceView) -> None:
        profile = self._profile
        unit = profile.unit if profile else ""
        now = self._now()
        month = month_of(now)
        language = current_language()
        current = [c for c in view.contracts if c.covers(local_date(now))]
        waiting = len(view.workable)
        parts = [unit]
        if current:
            summary = month_summary(current[0], month, view.logs)
            short = sum(not p.met for p in summary.progress)
            parts.append(self.tr("%1, %2: %3 day(s) of work, %4 requirement(s) not met yet")
                         .replace("%1", current[0].name).replace("%2", month.label(language))
                         .replace("%3", str(summary.work_days)).replace("%4", str(short)))
        elif not view.contracts:
            parts.append(self.tr("No contract has arrived from the city office yet (logs can still be recorded "
                                 "for a post)"))
        parts.append(self.tr("%n problem(s) assigned to rectify", "", waiting))
        self.headline.setText(" · ".join(p for p in parts if p))

    def _fill_logs(self, view: MaintenanceView) -> None:
        language = current_language()
        self.logs.setRowCount(len(view.logs))
        for row, log in enumerate(view.logs):
            queried = bool(log.warnings)
            cells = [
                f"{_local(log.started_at, '%Y-%m-%d %H:%M')}–{_local(log.ended_at, '%H:%M')}",
                view.reach_names.get(log.reach_code, log.reach_code),
                "、".join(w.text(language) for w in log.work),
                "、".join(log.workers),
                str(len(log.pairs)) if log.pairs else self.tr("none"),
                self.tr("queried, reason given") if queried else "",
                view.problems.get(log.problem_uuid or "", "") if log.rectify_event_uuid else "",
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, log.uuid)
                item.setToolTip(log.warning_reason if column == LOG_QUERIED else text)
                if column == LOG_PHOTOS and not log.pairs:
                    item.setForeground(QBrush(style.OVERDUE_FG))
                if column == LOG_RECTIFIED and text:
                    item.setForeground(QBrush(style.DONE_FG))
                if column == LOG_QUERIED and queried:
                    item.setForeground(QBrush(style.DUE_FG))
                self.logs.setItem(row, column, item)
        self.logs_empty.setText("" if view.logs else self.tr("No log yet: record the day's work with “New log”."))
        self.logs_empty.setVisible(not view.logs)

    def _fill_tasks(self, view: MaintenanceView) -> None:
        language = current_language()
        today = local_date(self._now())
        self.tasks.setRowCount(len(view.assigned))
        for row, problem in enumerate(view.assigned):
            state = ProblemState(problem["state"]) if problem["state"] else None
            deadline = date.fromisoformat(problem["deadline"]) if problem["deadline"] else None
            overdue = deadline is not None and state is not None and state.has_deadline and deadline < today
            due = deadline.isoformat() if deadline else ""
            if overdue and deadline is not None:
                due += " " + self.tr("(%1 day(s) overdue)").replace("%1", str((today - deadline).days))
            cells = [state.name_in(language) if state else "", problem.get("reach_name") or problem["reach_code"],
                     f"{item_name(problem['code'])}：{problem['description']}", due,
                     " ".join(x for x in (problem["assignee_unit"], problem["assignee_person"]) if x),
                     _local(parse_utc(problem["found_at"]), "%Y-%m-%d")]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, problem["uuid"])
                item.setToolTip(text)
                if column == 0 and state is ProblemState.RECTIFIED:
                    item.setForeground(QBrush(style.DONE_FG))
                if overdue and column in (0, 3):
                    item.setForeground(QBrush(style.OVERDUE_FG))
                self.tasks.setItem(row, column, item)
        self.tasks_note.setText(self.tr("Problems the office or a chief assigned to your unit or to you. “Record "
                                        "rectification” logs the work and marks the problem rectified."))

    def _fill_contracts(self, view: MaintenanceView) -> None:
        kept = self.contract_choice.currentData()
        self.contract_choice.blockSignals(True)
        self.contract_choice.clear()
        for contract in view.contracts:
            demo = self.tr(" (demo)") if contract.demo else ""
            self.contract_choice.addItem(f"{contract.name}（{contract.number}）{demo}", contract.uuid)
        today = local_date(self._now())
        preferred = kept if view.contract(kept) else next(
            (c.uuid for c in view.contracts if c.covers(today)), view.contracts[0].uuid if view.contracts else None)
        self.contract_choice.setCurrentIndex(max(0, self.contract_choice.findData(preferred)))
        self.contract_choice.blockSignals(False)
        self._contract_chosen()

    @Slot()
    def _contract_chosen(self) -> None:
        view = self.view
        contract = view.contract(self.contract_choice.currentData()) if view else None
        kept = self.month_choice.currentData()
        self.month_choice.blockSignals(True)
        self.month_choice.clear()
        if contract is not None:
            now = self._now()
            current = month_of(now)
            language = current_language()
            months = [m for m in contract.months() if m.start <= current.start]
            for month in reversed(months or contract.months()[:1]):
                self.month_choice.addItem(month.label(language), month.key)
            self.month_choice.setCurrentIndex(max(0, self.month_choice.findData(kept)) if kept else 0)
        self.month_choice.blockSignals(False)
        self._fill_summary()

    def chosen_month(self) -> Period | None:
        key = self.month_choice.currentData()
        if not key:
            return None
        from patrol_app.domain.maintenance import month_from_key

        return month_from_key(str(key))

    @Slot()
    def _fill_summary(self) -> None:
        view = self.view
        contract = view.contract(self.contract_choice.currentData()) if view else None
        month = self.chosen_month()
        has = contract is not None and month is not None
        for button in (self.pdf_button, self.xlsx_button):
            button.setEnabled(has)
        if not has or view is None or contract is None or month is None:
            self.summary = None
            self.progress.setRowCount(0)
            self.totals.setText(self.tr("No contract: the monthly summary is made per contract.") if view else "")
            self.month_facts.clear()
            return
        summary = month_summary(contract, month, view.logs)
        self.summary = summary
        language = current_language()
        self.progress.setRowCount(len(summary.progress))
        for row, p in enumerate(summary.progress):
            unit = p.requirement.unit.name_in(language) if p.requirement.unit else ""
            cells = [
                p.requirement.item.name_in(language), p.requirement.text(language),
                f"{p.days} / {p.times_required}" if p.times_required else str(p.days),
                f"{format_quantity(p.quantity)} / {format_quantity(p.quantity_required)} {unit}" if unit else "—",
                self.tr("met") if p.met else self.tr("not met"),
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 4:
                    item.setForeground(QBrush(style.DONE_FG if p.met else style.OVERDUE_FG))
                self.progress.setItem(row, column, item)
        totals = "、".join(f"{item.name_in(language)} {format_quantity(v)} {unit.name_in(language)}"
                          for item, unit, v in summary.totals)
        self.totals.setText(self.tr("Quantities this month: %1").replace("%1", totals or self.tr("none")))
        share = "" if summary.share >= 1 else " " + self.tr("(the contract covers %1% of this month: requirements "
                                                            "pro rata)").replace("%1", str(round(summary.share * 100)))
        self.month_facts.setText(
            self.tr("%1 day(s) of work, %2 log(s), %3 photo pair(s), %4 problem(s) rectified; %5 log(s) without "
                    "photos, %6 with queried points.")
            .replace("%1", str(summary.work_days)).replace("%2", str(len(summary.logs)))
            .replace("%3", str(summary.photo_pairs)).replace("%4", str(len(summary.rectified)))
            .replace("%5", str(len(summary.without_photos))).replace("%6", str(len(summary.with_warnings))) + share)

    @Slot()
    def _buttons(self) -> None:
        on_logs = self.tabs.currentWidget() is self.logs_tab
        log = self.selected_log()
        self.open_button.setEnabled(on_logs and log is not None)
        self.delete_button.setEnabled(on_logs and log is not None and not log.rectify_event_uuid)
        self.delete_button.setToolTip(self.tr("A log that rectified a problem is in the problem's history and "
                                              "cannot be deleted.") if log and log.rectify_event_uuid else "")
        problem = self.selected_problem()
        self.rectify_button.setEnabled(problem is not None and problem["state"] in WORKABLE)
        self.show_problem_button.setEnabled(problem is not None)

    def selected_log(self) -> MaintenanceLog | None:
        items = self.logs.selectedItems()
        if not items or self.view is None:
            return None
        return self.view.log(items[0].data(Qt.ItemDataRole.UserRole))

    def selected_problem(self) -> dict[str, Any] | None:
        items = self.tasks.selectedItems()
        if not items or self.view is None:
            return None
        uuid = items[0].data(Qt.ItemDataRole.UserRole)
        return next((r for r in self.view.assigned if r["uuid"] == uuid), None)

    # ---- the editor ------------------------------------------------------------------------------

    def new_log(self, problem_uuid: str | None = None) -> None:
        self._open(None, problem_uuid)

    def request_new(self) -> None:
        """A new log, asked for from elsewhere (the home's 新建管护日志): once the page has read the crew's data."""
        if self.view is None:
            self._new_when_loaded = True
        else:
            self.new_log()

    @Slot()
    def open_selected(self) -> None:
        log = self.selected_log()
        if log is not None:
            self._open(log, None)

    @Slot()
    def rectify_selected(self) -> None:
        problem = self.selected_problem()
        if problem is not None and problem["state"] in WORKABLE:
            self._open(None, problem["uuid"])

    def _open(self, log: MaintenanceLog | None, problem_uuid: str | None) -> None:
        view, profile = self.view, self._profile
        if view is None or profile is None:
            return

        def work(store: Store, _context: WorkContext) -> EditorData:
            return editor_data(store, view, log)

        def done(data: EditorData) -> None:
            self.dialog = MaintenanceLogDialog(store=self._store, runner=self._runner, profile=profile, data=data,
                                               log=log, problem_uuid=problem_uuid, now=self._now, parent=self)
            self.dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self.dialog.saved.connect(self._saved)
            self.dialog.open()
            self.editor_opened.emit(self.dialog)

        self._runner.run_in_store(self._store.data_dir, work, on_success=done, on_failure=self._report, owner=self)

    @Slot(object)
    def _saved(self, _log: object) -> None:
        self.changed.emit()
        self.refresh()

    @Slot()
    def delete_selected(self) -> None:
        log = self.selected_log()
        if log is None or log.rectify_event_uuid:
            return
        answer = ask(self, self.tr("Delete the log?"),
                     self.tr("The log of %1 is deleted here and, at the next sync, at the office. This cannot be "
                             "undone.").replace("%1", _local(log.started_at, "%Y-%m-%d")),
                     [(QMessageBox.StandardButton.Yes, self.tr("Delete the log")),
                      (QMessageBox.StandardButton.No, self.tr("Keep it"))])
        if answer != QMessageBox.StandardButton.Yes:
            return
        uuid = log.uuid
        self._runner.run_in_store(self._store.data_dir, lambda store, _c: store.maintenance.delete(uuid),
                                  on_success=self._saved, on_failure=self._report, writes=True, owner=self)

    @Slot()
    def _show_problem(self) -> None:
        problem = self.selected_problem()
        if problem is not None:
            self.problem_requested.emit(problem["uuid"])

    # ---- the monthly summary ---------------------------------------------------------------------

    def export_summary(self, kind: str, path: Path | None = None) -> None:
        """Write the chosen contract's month (kind "pdf" or "xlsx") in the background; without `path`, ask."""
        view = self.view
        contract = view.contract(self.contract_choice.currentData()) if view else None
        month = self.chosen_month()
        if contract is None or month is None:
            return
        if path is None:
            stem = self.tr("%1 %2 maintenance summary").replace("%1", contract.crew_unit).replace("%2", month.key)
            filters = self.tr("PDF (*.pdf)") if kind == "pdf" else self.tr("Excel workbook (*.xlsx)")
            path = choose_save(self, self.tr("Save the monthly summary"), Kind.DOCUMENTS, f"{stem}.{kind}", filters)
            if path is None:
                return
        uuid, now, target = contract.uuid, self._now(), path
        self.report_note.setText(self.tr("Writing the summary…"))

        def work(store: Store, _context: WorkContext) -> Path:
            from patrol_app.reports.maintenance_month import maintenance_month_report, write_maintenance_month_xlsx
            from patrol_app.ui.maintenance_pdf import write_maintenance_month_pdf

            report = maintenance_month_report(store, uuid, month, now=now)
            (write_maintenance_month_pdf if kind == "pdf" else write_maintenance_month_xlsx)(report, target)
            return target

        def done(written: Path) -> None:
            self.report_note.setText(self.tr("Saved: %1").replace("%1", str(written)))
            self.report_note.setToolTip(str(written))
            self.report_written.emit(str(written))

        def failed(exc: BaseException) -> None:
            self.report_note.clear()
            show_error(self, exc)

        self._runner.run_in_store(self._store.data_dir, work, on_success=done, on_failure=failed, owner=self)

    def retranslate_ui(self) -> None:
        self.title.setText(self.tr("Maintenance logs"))
        self.new_button.setText(self.tr("&New log…"))
        self.new_button.setToolTip(self.tr("Record a day's work (Ctrl+N)"))
        self.open_button.setText(self.tr("&Open…"))
        self.delete_button.setText(self.tr("&Delete…"))
        self.refresh_button.setText(self.tr("Re&fresh"))
        self.tabs.setTabText(0, self.tr("Work logs"))
        self.tabs.setTabText(1, self.tr("Assigned problems"))
        self.tabs.setTabText(2, self.tr("Monthly summary"))
        self.logs.setHorizontalHeaderLabels([self.tr("Time"), self.tr("Reach"), self.tr("Work"), self.tr("Workers"),
                                             self.tr("Photo pairs"), self.tr("Queried"), self.tr("Rectified")])
        self.tasks.setHorizontalHeaderLabels([self.tr("State"), self.tr("Reach"), self.tr("Problem"),
                                              self.tr("Deadline"), self.tr("Assigned to"), self.tr("Found")])
        self.rectify_button.setText(self.tr("&Record rectification…"))
        self.show_problem_button.setText(self.tr("Open on the problems page"))
        self.contract_label.setText(self.tr("&Contract"))
        self.month_label.setText(self.tr("&Month"))
        self.pdf_button.setText(self.tr("PDF…"))
        self.xlsx_button.setText(self.tr("Excel…"))
        self.progress.setHorizontalHeaderLabels([self.tr("Work"), self.tr("Required"), self.tr("Days done / required"),
                                                 self.tr("Quantity done / required"), self.tr("Result")])
        if self.view is not None:
            self._fill()
