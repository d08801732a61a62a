"""暗访检查 (covert inspections): shown only in a liaison unit's profile.

The quarter coverage matrix (the reaches the unit must inspect × the quarters of this year: covered,
planned, uncovered; the current quarter's days left) and the unit's inspections, drafts and submitted.
Everything is read off the GUI thread (`load_view`); drafts protected by a passphrase are read only with
the key the user unlocked them with (`CovertPage.key`, held in memory, never stored).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from patrol_app.domain.covert import (
    CovertInspection,
    QuarterCoverage,
    owed_reaches,
    quarter_of,
)
from patrol_app.domain.enums import Role
from patrol_app.domain.ids import utc_now
from patrol_app.domain.periods import CHINA_TZ, Period
from patrol_app.domain.refusal import Refusal
from patrol_app.domain.registry import LiaisonUnit, Profile
from patrol_app.store import Store
from patrol_app.store.sealing import CovertKey
from patrol_app.ui import style
from patrol_app.ui.dialogs.covert_passphrase import PassphraseDialog, Step
from patrol_app.ui.dialogs.messages import show_error
from patrol_app.ui.file_dialogs import Kind, choose_save
from patrol_app.ui.i18n import current_language
from patrol_app.ui.tasks import TaskRunner, WorkContext
from patrol_app.ui.widgets import MessageLine, Retranslating, ask, page_title, subtitle

COVERED_BG = "#dff3e4"
PLANNED_BG = "#fff4d6"
UNCOVERED_BG = "#fde2e1"
FUTURE_FG = "#8a96a3"


@dataclass
class CovertView:
    """What the page shows, read in one go off the GUI thread."""

    units: list[LiaisonUnit]
    quarters: list[QuarterCoverage]  # this year's, up to the current one
    inspections: list[CovertInspection]  # drafts (when readable) then submitted, by quarter and start
    protected: bool
    locked: bool  # protected and no (valid) key: drafts not shown
    reach_names: dict[str, str] = field(default_factory=dict)
    chief_names: dict[str, str] = field(default_factory=dict)
    chiefs_now: list[str] = field(default_factory=list)  # the chiefs the unit assists now
    owed_now: dict[str, frozenset[str]] = field(default_factory=dict)  # reach → chiefs, this quarter
    finding_states: dict[str, str] = field(default_factory=dict)  # submitted findings' problem states

    @property
    def unit_uuids(self) -> frozenset[str]:
        return frozenset(u.uuid for u in self.units)

    @property
    def unit_name(self) -> str:
        return self.units[0].name if self.units else ""

    def inspection(self, uuid: str) -> CovertInspection | None:
        return next((i for i in self.inspections if i.uuid == uuid), None)


def load_view(store: Store, profile: Profile, key: CovertKey | None, now: datetime) -> CovertView:
    """Read everything the page shows (a worker's store). A key of a passphrase changed since counts as none."""
    covert = store.covert
    units = covert.units_for(profile)
    uuids = {u.uuid for u in units}
    protected = covert.protected()
    if key is not None:
        try:
            covert.drafts(uuids, key=key)
        except Refusal:
            key = None
    locked = protected and key is None
    local = now.astimezone(CHINA_TZ)
    # Quarters over before the profile was made on this laptop are not counted as missed (as on the home page).
    since = datetime(local.year, 1, 1, 12, tzinfo=CHINA_TZ)
    if profile.created_at is not None:
        since = min(max(since, profile.created_at), now)
    drafts = [] if locked or not uuids else covert.drafts(uuids, key=key)
    submitted = covert.submitted(uuids) if uuids else []
    # ...but a quarter this year with an inspection recorded for it is shown, whenever the profile was made.
    recorded = [i.period.start for i in (*drafts, *submitted) if i.period.year == local.year]
    since = min([since, *recorded])
    quarters = covert.coverage_history(uuids, since=since, now=now, key=key) if uuids else []
    history = covert.history(uuids)
    chiefs_now = sorted(history.chiefs_at(uuids, now))
    owed_now = owed_reaches(uuids, quarter_of(now), history, now)
    inspections = [*drafts, *reversed(submitted)]
    codes = {line.reach_code for q in quarters for line in q.lines} | set(owed_now)
    codes |= {c for i in inspections for c in i.reach_codes}
    reach_names = {r.code: r.name for r in store.registry.reaches(sorted(codes))}
    chiefs = set(chiefs_now) | {i.chief_uuid for i in inspections if i.chief_uuid}
    states = {r["uuid"]: r["state"] for r in covert.finding_rows([i.uuid for i in submitted])} if submitted else {}
    return CovertView(units, quarters, inspections, protected, locked, reach_names,
                      store.registry.chief_names(sorted(chiefs)), chiefs_now, owed_now, states)


def local_text(moment: datetime | None, fmt: str = "%Y-%m-%d %H:%M") -> str:
    return moment.astimezone(CHINA_TZ).strftime(fmt) if moment is not None else ""


class CovertPage(Retranslating, QWidget):
    """Signals:
    changed(): an inspection was submitted (its findings are new problems) or a draft saved.
    loaded(): the page shows freshly read data.
    """

    changed = Signal()
    report_written = Signal(str)
    loaded = Signal()

    def __init__(self, *, store: Store, runner: TaskRunner, now: Callable[[], datetime] = utc_now,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._runner = runner
        self._now = now
        self._profile: Profile | None = None
        self.key: CovertKey | None = None
        self.view: CovertView | None = None
        self._generation = 0
        self._new_when_loaded = False  # the home's 新建暗访 arrived before the page had read the unit's duty

        self.title = page_title()
        self.summary = subtitle()
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.new_button = QPushButton()
        self.new_button.setObjectName("primaryAction")
        self.open_button = QPushButton()
        self.discard_button = QPushButton()
        self.refresh_button = QPushButton()
        self.passphrase_button = QPushButton()
        self.passphrase_menu = QMenu(self.passphrase_button)
        self.passphrase_button.setMenu(self.passphrase_menu)
        self.set_action = self.passphrase_menu.addAction("", lambda: self.passphrase(Step.SET))
        self.change_action = self.passphrase_menu.addAction("", lambda: self.passphrase(Step.CHANGE))
        self.remove_action = self.passphrase_menu.addAction("", lambda: self.passphrase(Step.REMOVE))
        self.forget_action = self.passphrase_menu.addAction("", lambda: self.passphrase(Step.FORGET))
        self.lock_action = self.passphrase_menu.addAction("", self.lock)
        # The quarter report (暗访检查季度报告) for any quarter of the year so far, as PDF or Excel.
        self.report_button = QPushButton()
        self.report_menu = QMenu(self.report_button)
        self.report_button.setMenu(self.report_menu)
        self.report_menu.aboutToShow.connect(self._fill_report_menu)
        self.report_note = QLabel()  # "writing…", then where the report went; its width never pushes a button
        self.report_note.setObjectName("subtitle")
        self.report_note.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.message = MessageLine(1)
        # Shown while protected drafts are closed: the way to open them.
        self.locked_banner = QLabel()
        self.locked_banner.setObjectName("banner")
        self.locked_banner.setWordWrap(True)
        self.unlock_button = QPushButton()
        self.unlock_button.setObjectName("primaryAction")
        locked = QHBoxLayout()
        locked.addWidget(self.locked_banner, 1)
        locked.addWidget(self.unlock_button)
        self.locked_row = QWidget()
        self.locked_row.setLayout(locked)
        locked.setContentsMargins(0, 0, 0, 0)
        self.locked_row.hide()

        self.matrix_title = QLabel()
        self.matrix_title.setStyleSheet("font-weight: bold;")
        self.matrix = QTableWidget()
        self.matrix.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.matrix.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.matrix.verticalHeader().setDefaultSectionSize(32)
        self.matrix.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.matrix.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.legend = QLabel()
        self.legend.setWordWrap(True)
        self.legend.setObjectName("subtitle")

        self.list_title = QLabel()
        self.list_title.setStyleSheet("font-weight: bold;")
        self.list = QTableWidget()
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.verticalHeader().setVisible(False)
        self.list.verticalHeader().setDefaultSectionSize(32)
        self.list.setAlternatingRowColors(True)
        self.list.setWordWrap(False)
        self.list.setColumnCount(7)
        header = self.list.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.empty_list = QLabel()
        self.empty_list.setObjectName("subtitle")

        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.discard_button)
        buttons.addWidget(self.report_note, 1)
        buttons.addWidget(self.report_button)
        buttons.addWidget(self.passphrase_button)
        buttons.addWidget(self.refresh_button)

        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.matrix_title)
        top_layout.addWidget(self.matrix, 1)
        top_layout.addWidget(self.legend)
        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        bottom_layout.addWidget(self.list_title)
        bottom_layout.addWidget(self.list, 1)
        bottom_layout.addWidget(self.empty_list)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(bottom)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 12)
        layout.addWidget(self.title)
        layout.addWidget(self.summary)
        layout.addLayout(buttons)
        layout.addWidget(self.locked_row)
        layout.addWidget(self.message)
        layout.addWidget(splitter, 1)

        self.new_button.clicked.connect(self.new_inspection)
        self.open_button.clicked.connect(self.open_selected)
        self.discard_button.clicked.connect(self.discard_selected)
        self.refresh_button.clicked.connect(self.refresh)
        self.unlock_button.clicked.connect(lambda: self.passphrase(Step.UNLOCK))
        self.list.itemDoubleClicked.connect(lambda _item: self.open_selected())
        self.list.itemSelectionChanged.connect(self._selection_changed)
        self.retranslate_ui()

    # ---- data ------------------------------------------------------------------------------------

    def set_profile(self, profile: Profile | None) -> None:
        changed = profile != self._profile
        self._profile = profile
        if changed:
            self.key = None  # a key unlocked in one profile is not carried to another
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        self._generation += 1
        generation = self._generation
        profile = self._profile
        if profile is None or profile.role is not Role.LIAISON_INSPECTOR:
            self.view = None
            self._fill()
            self.loaded.emit()
            return
        key, now = self.key, self._now()

        def work(store: Store, _context: WorkContext) -> CovertView:
            return load_view(store, profile, key, now)

        def done(view: CovertView) -> None:
            if generation == self._generation:
                self.view = view
                self._fill()
                self.loaded.emit()
                if self._new_when_loaded:
                    self._new_when_loaded = False
                    self.request_new()

        def failed(exc: BaseException) -> None:
            if generation == self._generation:
                if isinstance(exc, Refusal):
                    self.message.setText(exc.text(current_language()))
                else:
                    show_error(self, exc)
                self.loaded.emit()

        self._runner.run_in_store(self._store.data_dir, work, on_success=done, on_failure=failed, owner=self)

    # ---- showing ---------------------------------------------------------------------------------

    def _fill(self) -> None:
        self.message.clear()
        view = self.view
        self.new_button.setEnabled(view is not None and bool(view.units) and not view.locked)
        self.new_button.setToolTip(self.tr("Open the protected drafts first.") if view and view.locked else "")
        self.locked_row.setVisible(view is not None and view.locked)
        self.passphrase_button.setEnabled(view is not None)
        self.report_button.setEnabled(view is not None and bool(view.units) and bool(view.quarters))
        if view is not None:
            self.set_action.setVisible(not view.protected)
            for action in (self.change_action, self.remove_action, self.forget_action):
                action.setVisible(view.protected)
            self.lock_action.setVisible(self.key is not None and not view.locked)
        if view is None:
            self.summary.clear()
            self.matrix.clear()
            self.matrix.setRowCount(0)
            self.matrix.setColumnCount(0)
            self.list.setRowCount(0)
            self._selection_changed()
            return
        if not view.units:
            self.summary.setText(self.tr("The register has no liaison unit named “%1”. Check the unit's name in "
                                         "Settings, or sync to receive the register.")
                                 .replace("%1", self._profile.unit if self._profile else ""))
        self._fill_matrix(view)
        self._fill_list(view)
        self._selection_changed()

    def _quarter_header(self, quarter: Period, current: Period, cover: QuarterCoverage | None) -> str:
        name = self.tr("Q%1").replace("%1", str(quarter.index))
        if quarter == current and cover is not None:
            return name + "\n" + self.tr("%n day(s) left", "", cover.days_left)
        if quarter > current:
            return name + "\n" + self.tr("not started")
        return name + "\n" + self.tr("over")

    def _fill_matrix(self, view: CovertView) -> None:
        now = self._now()
        current = quarter_of(now)
        year_quarters = [quarter_of(datetime(current.year, 3 * i - 1, 15, tzinfo=CHINA_TZ)) for i in range(1, 5)]
        by_key = {c.quarter.key: c for c in view.quarters}
        codes = sorted({line.reach_code for c in view.quarters for line in c.lines})
        self.matrix.clear()
        self.matrix.setColumnCount(len(year_quarters))
        self.matrix.setRowCount(len(codes))
        for column, quarter in enumerate(year_quarters):
            cover = by_key.get(quarter.key)
            item = QTableWidgetItem(self._quarter_header(quarter, current, cover))
            if quarter == current:
                font = QFont(self.matrix.font())
                font.setBold(True)
                item.setFont(font)
                if cover is not None and not cover.complete:
                    item.setForeground(QBrush(style.OVERDUE_FG))
            self.matrix.setHorizontalHeaderItem(column, item)
        for row, code in enumerate(codes):
            self.matrix.setVerticalHeaderItem(row, QTableWidgetItem(f"{view.reach_names.get(code, '')}（{code}）"))
            for column, quarter in enumerate(year_quarters):
                self.matrix.setItem(row, column, self._cell(view, by_key.get(quarter.key), quarter, current, code))
        self.matrix.resizeRowsToContents()
        self.matrix.horizontalHeader().setMinimumHeight(52)
        self.matrix_title.setText(self.tr("Coverage this year: reaches the unit must inspect × quarters"))
        self.legend.setText(self.tr("Covered: a submitted inspection visited the reach in the quarter. Planned: a "
                                    "draft lists it (not counted yet). Uncovered: not inspected yet. Missed: the "
                                    "quarter ended without an inspection. —: not counted in that quarter. Hover "
                                    "over a cell to see which inspection covered it."))
        cover = by_key.get(current.key)
        if cover is None or not view.units:
            return
        language = current_language()
        if cover.required == 0:
            text = self.tr("%1: the register gives the unit no reaches to inspect.").replace(
                "%1", current.label(language))
        elif cover.complete:
            text = self.tr("%1: all %2 reach(es) covered.").replace("%1", current.label(language)).replace(
                "%2", str(cover.required))
        else:
            text = (self.tr("%1: %2 of %3 reach(es) covered, %4 still to inspect; %5 day(s) left in the quarter "
                            "(until %6).")
                    .replace("%1", current.label(language)).replace("%2", str(cover.covered))
                    .replace("%3", str(cover.required)).replace("%4", str(len(cover.uncovered)))
                    .replace("%5", str(cover.days_left))
                    .replace("%6", (current.end - timedelta(days=1)).strftime("%Y-%m-%d")))
        unit = view.unit_name
        self.summary.setText(f"{unit} · {text}")
        self.summary.setStyleSheet("" if cover.complete else "color: #a61b1b; font-weight: bold;")

    def _cell(self, view: CovertView, cover: QuarterCoverage | None, quarter: Period, current: Period,
              code: str) -> QTableWidgetItem:
        item = QTableWidgetItem()
        item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
        line = next((x for x in cover.lines if x.reach_code == code), None) if cover is not None else None
        if cover is None:
            item.setText(self.tr("not started") if quarter > current else "—")
            item.setForeground(QBrush(QColor(FUTURE_FG)))
            if quarter < current:
                item.setToolTip(self.tr("Before this profile was made on this laptop: not counted."))
            return item
        if line is None:
            item.setText("—")
            item.setForeground(QBrush(QColor(FUTURE_FG)))
            item.setToolTip(self.tr("Not the unit's to inspect in this quarter."))
            return item
        tips = []
        for uuid in line.covered_by:
            inspection = view.inspection(uuid)
            if inspection is not None:
                tips.append(self.tr("Covered by the inspection of %1 (chief: %2; inspectors: %3)")
                            .replace("%1", local_text(inspection.started_at))
                            .replace("%2", inspection.chief_name or view.chief_names.get(inspection.chief_uuid, ""))
                            .replace("%3", "、".join(inspection.inspectors)))
        for uuid in line.planned:
            inspection = view.inspection(uuid)
            tips.append(self.tr("Planned in a draft%1").replace(
                "%1", f" ({local_text(inspection.started_at)})" if inspection and inspection.started_at else ""))
        if line.joined is not None:
            tips.append(self.tr("Owed since %1 (added during the quarter)").replace(
                "%1", local_text(line.joined, "%Y-%m-%d")))
        if line.covered:
            item.setText("✓ " + self.tr("Covered"))
            item.setBackground(QBrush(QColor(COVERED_BG)))
            item.setForeground(QBrush(style.DONE_FG))
        elif line.planned:
            item.setText(self.tr("Planned"))
            item.setBackground(QBrush(QColor(PLANNED_BG)))
            item.setForeground(QBrush(style.DUE_FG))
        else:
            item.setText("✗ " + (self.tr("Missed") if cover.final else self.tr("Uncovered")))
            item.setBackground(QBrush(style.OVERDUE_BG))
            item.setForeground(QBrush(style.OVERDUE_FG))
            font = QFont(self.matrix.font())
            font.setBold(True)
            item.setFont(font)
            if not tips:
                tips.append(self.tr("No inspection of this reach yet in this quarter.") if not cover.final
                            else self.tr("The quarter ended without an inspection of this reach."))
        item.setToolTip("\n".join(tips))
        return item

    def _fill_list(self, view: CovertView) -> None:
        language = current_language()
        self.list.setRowCount(len(view.inspections))
        for row, inspection in enumerate(view.inspections):
            chief = inspection.chief_name or view.chief_names.get(inspection.chief_uuid, "")
            reaches = "、".join(view.reach_names.get(c, c) for c in inspection.reach_codes)
            cells = [
                inspection.state.name_in(language),
                inspection.period.label(language),
                local_text(inspection.started_at) or self.tr("(no date yet)"),
                chief,
                reaches,
                str(len(inspection.findings)),
                self.tr("Major problem") if inspection.major else "",
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, inspection.uuid)
                if column == 0:
                    item.setForeground(QBrush(style.DONE_FG if inspection.is_submitted else style.DRAFT_FG))
                if column == 6 and inspection.major:
                    item.setForeground(QBrush(style.OVERDUE_FG))
                item.setToolTip(text)
                self.list.setItem(row, column, item)
        if view.locked:
            self.empty_list.setText(self.tr("Drafts are protected by a passphrase and are not shown."))
        elif not view.inspections:
            self.empty_list.setText(self.tr("No inspection recorded yet: plan one with “New inspection”."))
        else:
            self.empty_list.clear()
        self.empty_list.setVisible(bool(self.empty_list.text()))

    @Slot()
    def _selection_changed(self) -> None:
        uuid = self.selected_uuid()
        self.open_button.setEnabled(uuid is not None)
        chosen = self.view.inspection(uuid) if uuid is not None and self.view is not None else None
        self.discard_button.setEnabled(chosen is not None and not chosen.is_submitted)

    def selected_uuid(self) -> str | None:
        items = self.list.selectedItems()
        return items[0].data(Qt.ItemDataRole.UserRole) if items else None

    # ---- the form --------------------------------------------------------------------------------

    @Slot()
    def new_inspection(self) -> None:
        self._open(None)

    def request_new(self) -> None:
        """A new inspection, asked for from elsewhere (the home's 新建暗访): once the page has read the
        unit's duty, and only as the page's own button would (not while drafts are locked: the page says why)."""
        if self.view is None:
            self._new_when_loaded = True
        elif self.new_button.isEnabled():
            self.new_inspection()

    @Slot()
    def open_selected(self) -> None:
        uuid = self.selected_uuid()
        if uuid is not None and self.view is not None:
            self._open(self.view.inspection(uuid))

    def _open(self, inspection: CovertInspection | None) -> None:
        from patrol_app.ui.dialogs.covert import InspectionDialog

        if self.view is None or self._profile is None or not self.view.units:
            return
        self.dialog = InspectionDialog(store=self._store, runner=self._runner, profile=self._profile,
                                       view=self.view, key=self.key, inspection=inspection, now=self._now,
                                       parent=self)
        self.dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog.saved.connect(self._saved)
        self.dialog.open()

    @Slot()
    def discard_selected(self) -> None:
        """Delete the selected draft, after asking (it never left the laptop; a submitted one stays)."""
        uuid = self.selected_uuid()
        if uuid is None:
            return
        answer = ask(self, self.tr("Delete the draft?"),
                     self.tr("The draft and its findings are deleted from this laptop. This cannot be undone."),
                     [(QMessageBox.StandardButton.Yes, self.tr("Delete the draft")),
                      (QMessageBox.StandardButton.No, self.tr("Keep it"))])
        if answer != QMessageBox.StandardButton.Yes:
            return
        key = self.key

        def failed(exc: BaseException) -> None:
            if isinstance(exc, Refusal):
                self.message.setText(exc.text(current_language()))
            else:
                show_error(self, exc)

        self._runner.run_in_store(self._store.data_dir, lambda store, _c: store.covert.discard_draft(uuid, key=key),
                                  on_success=lambda _r: self._saved(None), on_failure=failed, writes=True,
                                  owner=self)

    # ---- the passphrase ----------------------------------------------------------------------------

    def passphrase(self, step: Step) -> None:
        """Open the passphrase dialog for `step`; on success the page uses the key it gives."""
        self.passphrase_dialog = PassphraseDialog(store=self._store, runner=self._runner, step=step, parent=self)
        self.passphrase_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.passphrase_dialog.done.connect(self._key_changed)
        self.passphrase_dialog.open()

    @Slot(object)
    def _key_changed(self, key: CovertKey | None) -> None:
        self.key = key
        self.refresh()

    @Slot()
    def lock(self) -> None:
        """Close the drafts again (the key is dropped from memory), e.g. before leaving the laptop."""
        self.key = None
        self.refresh()

    @Slot(object)
    # ---- the quarter report ---------------------------------------------------------------------------

    @Slot()
    def _fill_report_menu(self) -> None:
        self.report_menu.clear()
        view = self.view
        if view is None:
            return
        for cover in sorted(view.quarters, key=lambda c: c.quarter.start, reverse=True):
            quarter = cover.quarter
            name = self.tr("%1 Q%2").replace("%1", str(quarter.year)).replace("%2", str(quarter.index))
            sub = self.report_menu.addMenu(name)
            sub.addAction(self.tr("PDF…"), lambda q=quarter: self.export_report(q, "pdf"))
            sub.addAction(self.tr("Excel…"), lambda q=quarter: self.export_report(q, "xlsx"))

    def export_report(self, quarter: Period, kind: str, path: Path | None = None) -> None:
        """Write the unit's quarter report (kind "pdf" or "xlsx") in the background; without `path`, ask where."""
        view = self.view
        if view is None or not view.units:
            return
        if path is None:
            stem = self.tr("%1 %2 Q%3 covert inspections").replace("%1", view.unit_name).replace(
                "%2", str(quarter.year)).replace("%3", str(quarter.index))
            filters = self.tr("PDF (*.pdf)") if kind == "pdf" else self.tr("Excel workbook (*.xlsx)")
            path = choose_save(self, self.tr("Save the quarter report"), Kind.DOCUMENTS, f"{stem}.{kind}", filters)
            if path is None:
                return
        units, unit_name, key, now, target = view.unit_uuids, view.unit_name, self.key, self._now(), path
        self.report_note.setText(self.tr("Writing the report…"))

        def work(store: Store, _context: WorkContext) -> Path:
            from patrol_app.reports.covert_quarter import covert_quarter_report, write_covert_quarter_xlsx
            from patrol_app.ui.covert_pdf import write_covert_quarter_pdf

            report = covert_quarter_report(store, units, unit_name, quarter, now=now, key=key)
            (write_covert_quarter_pdf if kind == "pdf" else write_covert_quarter_xlsx)(report, target)
            return target

        def done(written: Path) -> None:
            self.report_note.setText(self.tr("Report saved: %1").replace("%1", str(written)))
            self.report_note.setToolTip(str(written))
            self.report_written.emit(str(written))

        def failed(exc: BaseException) -> None:
            self.report_note.clear()
            show_error(self, exc)

        self._runner.run_in_store(self._store.data_dir, work, on_success=done, on_failure=failed, owner=self)

    def _saved(self, _inspection: object) -> None:
        self.changed.emit()
        self.refresh()

    def retranslate_ui(self) -> None:
        self.title.setText(self.tr("Covert inspections"))
        self.new_button.setText(self.tr("New inspection…"))
        self.open_button.setText(self.tr("Open…"))
        self.discard_button.setText(self.tr("Delete draft…"))
        self.refresh_button.setText(self.tr("Refresh"))
        self.passphrase_button.setText(self.tr("Passphrase"))
        self.report_button.setText(self.tr("Quarter report"))
        self.set_action.setText(self.tr("Protect drafts with a passphrase…"))
        self.change_action.setText(self.tr("Change the passphrase…"))
        self.remove_action.setText(self.tr("Stop protecting drafts…"))
        self.forget_action.setText(self.tr("Forgot the passphrase…"))
        self.lock_action.setText(self.tr("Close the drafts now"))
        self.locked_banner.setText(self.tr("The unit's drafts are protected by a passphrase: enter it to see and "
                                           "change them. The coverage below counts submitted inspections only."))
        self.unlock_button.setText(self.tr("Enter passphrase…"))
        self.list_title.setText(self.tr("The unit's inspections (drafts stay on this laptop until submitted)"))
        self.list.setHorizontalHeaderLabels([self.tr("State"), self.tr("Quarter"), self.tr("Started"),
                                             self.tr("Chief inspected"), self.tr("Reaches visited"),
                                             self.tr("Findings"), self.tr("Major")])
        if self.view is not None:
            self._fill()
