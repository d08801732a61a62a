"""The filtered problem lists (问题清单, 任务清单): filters over a lazy model of problems."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QItemSelection, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from patrol_app.domain.enums import PROBLEM_CATEGORIES, Role
from patrol_app.domain.ids import utc_now
from patrol_app.domain.problems import Severity, local_date
from patrol_app.domain.registry import Profile
from patrol_app.store import Store
from patrol_app.store.problems import ProblemFilter
from patrol_app.ui.columns import Elide, Fit, lay_out_columns
from patrol_app.ui.dialogs.messages import show_error
from patrol_app.ui.i18n import current_language
from patrol_app.ui.problem_models import ProblemListModel, source_names, state_choices
from patrol_app.ui.tasks import TaskRunner
from patrol_app.ui.widgets import subtitle, table_view

MY_REACHES = "__mine__"


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
        # All key (ProblemListModel.COLUMNS): state, found, severity and the (red, overdue) deadline whole; the
        # problem, reach and responsible unit share the rest, elided in the middle.
        self.columns = lay_out_columns(self.table, (Fit, Elide, Elide, Fit, Fit, Elide, Fit))
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

    def show_reach(self, code: str, *, overdue: bool = False, source: str = "") -> None:
        """Open problems of one reach, or of the profile's reaches (`MY_REACHES`), or of all (""), optionally
        only overdue ones, or only those of one source (a `ProblemSource` code)."""
        for combo in (self.state, self.category, self.severity, self.source, self.reach):
            combo.blockSignals(True)
        self.state.setCurrentIndex(0)  # not closed
        self.category.setCurrentIndex(0)
        self.severity.setCurrentIndex(0)
        self.source.setCurrentIndex(max(0, self.source.findData(source)))
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
            # A crew sees only what it looks after: its reaches and what is assigned to it (issue 16).
            within=(mine, profile.unit.strip(), profile.name.strip())
            if profile is not None and profile.role is Role.MAINTENANCE else None,
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
