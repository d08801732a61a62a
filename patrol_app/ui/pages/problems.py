"""Problems: the plan's three lists (问题清单, 任务清单, 责任清单) beside one problem's detail.

The lists are in `problem_list`, the detail in `problem_detail`.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from patrol_app.domain.enums import Role
from patrol_app.domain.ids import utc_now
from patrol_app.domain.problems import ProblemSource, local_date
from patrol_app.domain.registry import Profile
from patrol_app.store import Store
from patrol_app.ui.columns import Elide, Fit, lay_out_columns
from patrol_app.ui.dialogs.messages import show_error
from patrol_app.ui.dialogs.problem import ReportProblemDialog
from patrol_app.ui.pages.problem_detail import ProblemDetail
from patrol_app.ui.pages.problem_list import MY_REACHES, ProblemList
from patrol_app.ui.problem_models import ResponsibilityModel
from patrol_app.ui.tasks import TaskRunner, WorkContext
from patrol_app.ui.widgets import Retranslating, page_title, subtitle, table_view

__all__ = ["MY_REACHES", "ProblemDetail", "ProblemList", "ProblemsPage"]


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
        # ResponsibilityModel: the names (reach, place, chiefs, liaison unit) elided in the middle, the counts whole.
        self.duty_columns = lay_out_columns(self.duty_table, (Elide, Elide, Elide, Elide, Fit, Fit, Fit, Fit, Fit))
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
        if keep:  # read again: a sync may have moved it on (the office closed it) while it was on screen
            self.detail.show_problem(keep)
        self.load_duty()

    def load_duty(self) -> None:
        data_dir = self._store.data_dir
        self.duty_note.setText(self.tr("Counting…"))
        profile = self._profile  # a crew's list: its own reaches only (issue 16)
        mine = list(profile.reach_codes) if profile is not None and profile.role is Role.MAINTENANCE else None

        def work(store: Store, context: WorkContext) -> list[dict[str, Any]]:
            return store.problems.responsibilities(local_date(utc_now()), reach_codes=mine)

        def done(rows: list[dict[str, Any]]) -> None:
            self.duty_model.set_rows(rows)
            self.duty_note.setText(self.tr(
                "%1 reach(es). Overdue reaches first. Double-click a reach to list its problems.").replace(
                "%1", f"{len(rows):,}"))

        self._runner.run_in_store(data_dir, work, on_success=done, on_failure=lambda exc: show_error(self, exc),
                                  owner=self)

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
        """From the home page's cards: my reaches' open (or overdue) problems; for a liaison unit, the
        problems its covert inspections found (source 暗访), wherever they are."""
        role = self._profile.role if self._profile is not None else None
        if role is Role.MAINTENANCE:  # a crew's cards count its tasks
            self.tabs.setCurrentWidget(self.task_list)
            self.task_list.show_reach("", overdue=overdue)
            return
        self.tabs.setCurrentWidget(self.problem_list)
        if role is Role.LIAISON_INSPECTOR:
            self.problem_list.show_reach("", overdue=overdue, source=ProblemSource.COVERT.code)
        else:
            self.problem_list.show_reach(MY_REACHES, overdue=overdue)

    def show_problem(self, uuid: str) -> None:
        """One problem (opened from the patrol it was reported on): in the detail, and selected in the problem
        list when the list's filter shows it."""
        self.tabs.setCurrentWidget(self.problem_list)
        self.problem_list.reload(uuid)
        self.detail.show_problem(uuid)

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
