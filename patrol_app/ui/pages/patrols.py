"""Patrols (巡河记录): the list (lazy, filtered by reach, period, validity, draft/final) and the editor.

"New patrol from photos" imports a folder (or takes photos already in the library), proposes the
reach, the times and a track from the photos' positions, and opens that proposal unsaved in the
editor: the patroller checks it, adds a GPX file if there is one, fills in the checklist and saves.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QItemSelection, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from patrol_app import patrolling
from patrol_app.domain.ids import utc_now
from patrol_app.domain.patrols import PatrolForm
from patrol_app.domain.periods import Period, PeriodKind
from patrol_app.domain.registry import Profile
from patrol_app.media.importer import PhotoImporter
from patrol_app.store import Store
from patrol_app.store.patrols import PatrolFilter
from patrol_app.ui.columns import Elide, Extra, Fit, lay_out_columns
from patrol_app.ui.dialogs.messages import show_error
from patrol_app.ui.file_dialogs import Kind, choose_folder
from patrol_app.ui.keyset_model import RowRole
from patrol_app.ui.patrol_editor import PatrolEditor
from patrol_app.ui.patrol_models import PatrolListModel
from patrol_app.ui.tasks import TaskRunner, WorkContext
from patrol_app.ui.widgets import Retranslating, ask, page_title, subtitle, table_view

ALL, MINE = "__all__", "__mine__"
# At a glance: when, draft or final, which reach, how long and how far, and whether it counts. The counts of
# warnings, photos and problems, who patrolled and how, follow (PatrolListModel.COLUMNS).
COLUMNS = {"started": Fit, "status": Fit, "reach": Elide, "patroller": Extra, "duration": Fit, "distance": Fit,
           "valid": Fit, "flags": Extra, "photos": Extra, "problems": Extra, "mode": Extra}
PERIODS = ("week", "month", "quarter", "year", "last365", "all")


class PatrolsPage(Retranslating, QWidget):
    """Signals:
    changed(): a patrol was saved, finalised, revised or deleted (home and status bar refresh).
    problem_requested(str): the user double-clicked a problem reported from the patrol (its uuid).
    """

    changed = Signal()
    problem_requested = Signal(str)

    def __init__(self, *, store: Store, runner: TaskRunner, now=utc_now, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._runner = runner
        self._now = now
        self._profile: Profile | None = None

        self.title = page_title()
        self.new_button = QPushButton()
        self.from_photos_button = QPushButton()
        self.reach_filter = QComboBox()
        self.reach_filter.setMinimumContentsLength(10)
        self.period_filter = QComboBox()
        self.status_filter = QComboBox()
        self.validity_filter = QComboBox()
        self.text_filter = QLineEdit()
        self.text_filter.setClearButtonEnabled(True)
        self.count_label = subtitle()
        self.model = PatrolListModel(store=store, runner=runner, parent=self)
        self.table = table_view(self)
        self.table.setModel(self.model)
        self.columns = lay_out_columns(self.table, [COLUMNS[name] for name in PatrolListModel.COLUMNS])
        # The editor (five tabs, a track view, the checklist) is built the first time a patrol is opened:
        # the page itself opens faster on a slow laptop.
        self._editor: PatrolEditor | None = None
        self.placeholder = subtitle()
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)

        header = QHBoxLayout()
        header.addWidget(self.title, 1)
        header.addWidget(self.from_photos_button)
        header.addWidget(self.new_button)
        filters_top = QHBoxLayout()
        filters_top.addWidget(self.reach_filter, 2)
        filters_top.addWidget(self.period_filter, 1)
        filters_bottom = QHBoxLayout()
        filters_bottom.addWidget(self.status_filter, 1)
        filters_bottom.addWidget(self.validity_filter, 1)
        filters_bottom.addWidget(self.text_filter, 1)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(filters_top)
        left_layout.addLayout(filters_bottom)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.count_label)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.placeholder)
        self._splitter = splitter
        # Half and half: at 1366 wide the list then shows its key columns (start, state, reach, time, distance,
        # valid) whole, and the editor's forms still fit.
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([565, 565])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 12, 18, 8)
        layout.addLayout(header)
        layout.addWidget(splitter, 1)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(300)
        self._debounce.timeout.connect(self.apply_filter)
        for combo in (self.reach_filter, self.period_filter, self.status_filter, self.validity_filter):
            combo.currentIndexChanged.connect(self.apply_filter)
        self.text_filter.textChanged.connect(self._debounce.start)
        self.model.loaded.connect(self._loaded)
        self.model.failed.connect(lambda exc: show_error(self, exc))
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.new_button.clicked.connect(self.new_patrol)
        self.from_photos_button.clicked.connect(self.choose_photo_folder)
        # Ctrl+N means "new" on whichever page is showing (the problems page has its own).
        QShortcut(QKeySequence(QKeySequence.StandardKey.New), self,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut).activated.connect(self.new_patrol)
        self.retranslate_ui()

    @property
    def editor(self) -> PatrolEditor:
        if self._editor is None:
            editor = PatrolEditor(store=self._store, runner=self._runner, now=self._now)
            editor.set_profile(self._profile)
            editor.saved.connect(self._saved)
            editor.problem_requested.connect(self.problem_requested)
            self._splitter.replaceWidget(1, editor)
            self.placeholder.hide()
            self._editor = editor
        return self._editor

    # ---- profile and filters ---------------------------------------------------------------------

    def set_profile(self, profile: Profile | None) -> None:
        self._profile = profile
        if self._editor is not None:
            self._editor.set_profile(profile)
        self._fill_reach_filter()
        self.apply_filter()

    def _fill_reach_filter(self) -> None:
        current = self.reach_filter.currentData() or MINE
        self.reach_filter.blockSignals(True)
        self.reach_filter.clear()
        self.reach_filter.addItem(self.tr("My reaches"), MINE)
        self.reach_filter.addItem(self.tr("All reaches"), ALL)
        mine = set(self._profile.reach_codes) if self._profile else set()
        for reach in self._store.registry.reaches(sorted(mine)) if mine else []:
            self.reach_filter.addItem(reach.name, reach.code)
        self.reach_filter.setCurrentIndex(max(0, self.reach_filter.findData(current)))
        self.reach_filter.blockSignals(False)

    def current_filter(self) -> PatrolFilter:
        reach = self.reach_filter.currentData()
        if reach == MINE:
            codes: tuple[str, ...] | None = tuple(self._profile.reach_codes) if self._profile else ()
        elif reach == ALL or reach is None:
            codes = None
        else:
            codes = (str(reach),)
        start, end = self._period_bounds(str(self.period_filter.currentData() or "all"))
        return PatrolFilter(reach_codes=codes, started_from=start, started_to=end,
                            status=self.status_filter.currentData() or None,
                            validity=self.validity_filter.currentData() or None, text=self.text_filter.text())

    def _period_bounds(self, key: str) -> tuple[datetime | None, datetime | None]:
        now = self._now()
        kinds = {"week": PeriodKind.WEEK, "month": PeriodKind.MONTH, "quarter": PeriodKind.QUARTER,
                 "year": PeriodKind.YEAR}
        if key in kinds:
            period = Period.containing(now, kinds[key])
            return period.start, period.end
        if key == "last365":
            return now - timedelta(days=365), None
        return None, None

    @Slot()
    def apply_filter(self) -> None:
        self.count_label.setText(self.tr("Loading…"))
        self.model.set_filter(self.current_filter())

    @Slot(int)
    def _loaded(self, total: int) -> None:
        self.count_label.setText(self.tr("%n patrol(s)", "", total))
        self._select_editor_row()

    @Slot(QItemSelection, QItemSelection)
    def _selection_changed(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        if indexes:
            self.open_patrol(self.model.data(indexes[0], RowRole)["uuid"])

    def open_patrol(self, uuid: str) -> None:
        if self.may_leave_editor():
            self.editor.open_patrol(uuid)

    def may_leave_editor(self) -> bool:
        """Ask before what was typed in the editor is thrown away; False: stay (the user chose Cancel)."""
        if self._editor is None or not self._editor.has_unsaved_changes():
            return True
        answer = ask(self, self.tr("Unsaved patrol"),
                     self.tr("The patrol you are editing has changes that are not saved."),
                     [(QMessageBox.StandardButton.Save, self.tr("Save as draft")),
                      (QMessageBox.StandardButton.Discard, self.tr("Discard changes")),
                      (QMessageBox.StandardButton.Cancel, self.tr("Keep editing"))])
        if answer == QMessageBox.StandardButton.Discard:
            return True
        if answer == QMessageBox.StandardButton.Save:  # save, and stay on it: the user moves on when it is saved
            if self._editor.revising:
                self._editor.ask_revision_reason()
            else:
                self._editor.save(finalise=False)
        self._select_editor_row()
        return False

    def _select_editor_row(self) -> None:
        row = self.model.find(self._editor.uuid) if self._editor is not None and self._editor.uuid else -1
        selection = self.table.selectionModel()
        selection.blockSignals(True)
        if row >= 0:
            self.table.selectRow(row)
        else:
            self.table.clearSelection()
        selection.blockSignals(False)

    @Slot(str)
    def _saved(self, _uuid: str) -> None:
        self.model.refresh()
        self.changed.emit()

    # ---- new patrols -----------------------------------------------------------------------------

    @Slot()
    def new_patrol(self) -> None:
        if not self.may_leave_editor():
            return
        self.table.clearSelection()
        self.editor.new_patrol()

    @Slot()
    def choose_photo_folder(self) -> None:
        folder = choose_folder(self, self.tr("Choose the folder with the patrol's photos"), Kind.PHOTOS)
        if folder is not None:
            self.new_from_folder(folder)

    def new_from_folder(self, folder: Path) -> None:
        """Import the folder's photos (with progress and cancel), then propose a patrol from them."""
        data_dir = self._store.data_dir
        reaches = list(self._profile.reach_codes) if self._profile else []

        def work(store: Store, context: WorkContext) -> tuple[patrolling.Proposal, str | None]:
            summary = PhotoImporter(store).run([folder], progress=context.progress, cancel=context.cancel)
            uuids = [row["uuid"] for r in summary.results if r.sha256 and r.status in ("imported", "duplicate")
                     for row in [store.photos.by_sha(r.sha256)] if row is not None]
            return propose(store, uuids, reaches)

        self._runner.run_in_store(data_dir, work, on_success=self._open_proposal,
                                  on_failure=lambda exc: show_error(self, exc), writes=True, progress_parent=self,
                                  progress_title=self.tr("Importing photos"), owner=self)

    def new_from_photos(self, photo_uuids: list[str]) -> None:
        """Propose a patrol from photos already in the library (the photos page's selection)."""
        data_dir = self._store.data_dir
        reaches = list(self._profile.reach_codes) if self._profile else []

        def work(store: Store, context: WorkContext) -> tuple[patrolling.Proposal, str | None]:
            return propose(store, photo_uuids, reaches)

        self._runner.run_in_store(data_dir, work, on_success=self._open_proposal,
                                  on_failure=lambda exc: show_error(self, exc), writes=True, owner=self)

    def _open_proposal(self, result: tuple[patrolling.Proposal, str | None]) -> None:
        proposal, track_uuid = result
        if not self.may_leave_editor():
            return
        if not proposal.photos:
            self.count_label.setText(self.tr("No photos were found in that folder."))
            return
        now = self._now()
        start = proposal.started_at or now - timedelta(hours=1)
        end = proposal.ended_at or now
        profile = self._profile
        reach = proposal.reach_code or (profile.reach_codes[0] if profile and profile.reach_codes else "")
        form = PatrolForm(reach_code=reach, patroller_name=profile.name if profile else "", started_at=start,
                          ended_at=end)
        self.table.clearSelection()
        notice = self.tr("%n photo(s) were taken more than two hours before or after the others and were left "
                         "out of this patrol.", "", proposal.left_out) if proposal.left_out else ""
        self.editor.new_patrol(form=form, track_uuid=track_uuid, photos=list(proposal.photos), notice=notice)

    # ---- texts -----------------------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        self.title.setText(self.tr("Patrols"))
        self.placeholder.setText(self.tr("Choose a patrol on the left, or make a new one."))
        self.new_button.setText(self.tr("&New patrol"))
        self.new_button.setToolTip(self.tr("Record a patrol (Ctrl+N)"))
        self.from_photos_button.setText(self.tr("New patrol from &photos…"))
        self.from_photos_button.setToolTip(self.tr("Choose the folder of photos from the patrol: the reach, times "
                                                   "and track are proposed from them"))
        self.text_filter.setPlaceholderText(self.tr("Search patroller or notes"))
        periods = (self.tr("This week"), self.tr("This month"), self.tr("This quarter"), self.tr("This year"),
                   self.tr("Last 12 months"), self.tr("Any time"))
        self._refill(self.period_filter, list(zip(periods, PERIODS, strict=True)), default="last365")
        self._refill(self.status_filter, [(self.tr("Drafts and final"), ""), (self.tr("Drafts"), "draft"),
                                          (self.tr("Final"), "final")])
        self._refill(self.validity_filter, [(self.tr("Valid or not"), ""), (self.tr("Valid"), "valid"),
                                            (self.tr("Not valid"), "invalid"), (self.tr("With warnings"), "flagged")])
        if self._profile is not None:
            self._fill_reach_filter()
        self.model.retranslate()

    @staticmethod
    def _refill(combo: QComboBox, items: list[tuple[str, str]], default: str | None = None) -> None:
        current = combo.currentData() if combo.count() else default
        combo.blockSignals(True)
        combo.clear()
        for text, data in items:
            combo.addItem(text, data)
        combo.setCurrentIndex(max(0, combo.findData(current)))
        combo.blockSignals(False)



def propose(store: Store, photo_uuids: list[str], reaches: list[str]) -> tuple[patrolling.Proposal, str | None]:
    """Worker: a patrol proposed from photos, with the track made from their positions kept."""
    proposal = patrolling.propose_from_photos(store, photo_uuids, reaches)
    return proposal, patrolling.keep_photo_track(store, proposal)
