"""Photos: the library as a thumbnail grid, with filters, a details pane, and import by folder or drop."""

from __future__ import annotations

import html
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from datetime import time as dtime
from pathlib import Path

from PySide6.QtCore import QDate, QItemSelection, QModelIndex, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListView,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from patrol_app.domain.ids import parse_utc, utc_now
from patrol_app.domain.periods import CHINA_TZ
from patrol_app.domain.problems import Action, ProblemState
from patrol_app.media.importer import ImportSummary, PhotoImporter
from patrol_app.media.library import Library
from patrol_app.store import Store
from patrol_app.store.photos import PhotoFilter, taken_local
from patrol_app.ui.dialogs.import_result import ImportResultDialog
from patrol_app.ui.dialogs.messages import show_error
from patrol_app.ui.dialogs.photo_viewer import PhotoViewer
from patrol_app.ui.dialogs.position import PositionDialog
from patrol_app.ui.file_dialogs import Kind, choose_folder
from patrol_app.ui.i18n import current_language
from patrol_app.ui.photo_models import CELL, ICON, PhotoGridModel, PhotoRole
from patrol_app.ui.problem_models import item_name
from patrol_app.ui.tasks import Task, TaskRunner, WorkContext
from patrol_app.ui.widgets import Retranslating, page_title, subtitle


class PhotosPage(Retranslating, QWidget):
    """Signals:
    import_finished(object): an import ended (its ImportSummary); the result dialog is open.
    library_changed(): photos were added or changed (the status bar recounts).
    """

    import_finished = Signal(object)
    library_changed = Signal()
    new_patrol_requested = Signal(list)  # photo uuids: make a patrol from them (the patrols page proposes it)

    def __init__(self, *, store: Store, runner: TaskRunner, now: Callable[[], datetime] = utc_now,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._runner = runner
        self._now = now  # the laptop clock, which an import judges against the photos' own times
        self._library = Library(store.data_dir)
        self._import_task: Task | None = None
        # Tests only: called after each file's progress report with the count done; while it returns
        # False the import holds there (reporting its progress again), so a test can act "half-way"
        # at a state instead of hoping a moment comes. None in the app.
        self.import_gate: Callable[[int], bool] | None = None
        self._current: dict | None = None
        self.result_dialog: ImportResultDialog | None = None
        self.viewer: PhotoViewer | None = None
        self.setAcceptDrops(True)

        self.title = page_title()
        self.import_button = QPushButton()
        self.drop_hint = subtitle()
        self.use_dates = QCheckBox()
        today = QDate.currentDate()
        self.date_from = QDateEdit(today.addMonths(-1))
        self.date_to = QDateEdit(today)
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setEnabled(False)
        self.position = QComboBox()
        self.linked = QComboBox()
        for combo in (self.position, self.linked):
            for value in (None, True, False):
                combo.addItem("", value)
        self.count_label = subtitle()

        self.model = PhotoGridModel(store=store, runner=runner, parent=self)
        self.grid = QListView()
        self.grid.setViewMode(QListView.ViewMode.IconMode)
        self.grid.setResizeMode(QListView.ResizeMode.Adjust)
        self.grid.setMovement(QListView.Movement.Static)
        self.grid.setUniformItemSizes(True)
        # Lay items out a batch at a time between events: with 50,000 photos a full re-layout after each
        # fetched page would block the window for a third of a second.
        self.grid.setLayoutMode(QListView.LayoutMode.Batched)
        self.grid.setBatchSize(400)
        self.grid.setIconSize(ICON)
        self.grid.setGridSize(CELL)
        self.grid.setSpacing(6)
        self.grid.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.grid.setModel(self.model)

        self.preview = QLabel()
        self.preview.setMinimumHeight(220)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.position_button = QPushButton()
        self.position_button.setEnabled(False)
        self.patrol_button = QPushButton()
        self.patrol_button.setEnabled(False)
        side = QWidget()
        side.setMinimumWidth(330)
        side_layout = QVBoxLayout(side)
        side_layout.addWidget(self.preview)
        side_layout.addWidget(self.details, 1)
        side_layout.addWidget(self.position_button)
        side_layout.addWidget(self.patrol_button)

        header = QHBoxLayout()
        header.addWidget(self.title, 1)
        header.addWidget(self.import_button)
        filters = QHBoxLayout()
        self.position_label, self.linked_label = QLabel(), QLabel()
        self.position_label.setBuddy(self.position)
        self.linked_label.setBuddy(self.linked)
        self.to_label = QLabel("–")
        for w in (self.use_dates, self.date_from, self.to_label, self.date_to, self.position_label,
                  self.position, self.linked_label, self.linked):
            filters.addWidget(w)
        filters.addStretch(1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.grid)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([800, 340])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 12)
        layout.addLayout(header)
        layout.addWidget(self.drop_hint)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.count_label)

        self._refilter = QTimer(self)
        self._refilter.setSingleShot(True)
        self._refilter.setInterval(150)
        self._refilter.timeout.connect(self.apply_filter)
        self.use_dates.toggled.connect(self._dates_toggled)
        for signal in (self.date_from.dateChanged, self.date_to.dateChanged, self.position.currentIndexChanged,
                       self.linked.currentIndexChanged):
            signal.connect(self._refilter.start)
        self.import_button.clicked.connect(self.choose_folder)
        self.position_button.clicked.connect(self.set_position)
        self.patrol_button.clicked.connect(
            lambda: self.new_patrol_requested.emit(self.selected_uuids()) if self.selected_uuids() else None)
        self.grid.selectionModel().selectionChanged.connect(self._selection_changed)
        self.grid.activated.connect(self.view_photo)  # double-click, or Enter
        self.retranslate_ui()
        self.apply_filter()

    # -- filters --------------------------------------------------------------------------------
    def current_filter(self) -> PhotoFilter:
        start = end = None
        if self.use_dates.isChecked():
            start = datetime.combine(self.date_from.date().toPython(), dtime(0), CHINA_TZ)
            end = datetime.combine(self.date_to.date().toPython(), dtime(0), CHINA_TZ) + timedelta(days=1)
        return PhotoFilter(start, end, self.position.currentData(), self.linked.currentData())

    @Slot()
    def apply_filter(self) -> None:
        self.model.set_filter(self.current_filter())
        self._update_count()
        self._show_details(None)

    @Slot(bool)
    def _dates_toggled(self, on: bool) -> None:
        self.date_from.setEnabled(on)
        self.date_to.setEnabled(on)
        self._refilter.start()

    def _update_count(self) -> None:
        self.count_label.setText(self.tr("%1 photo(s) match.").replace("%1", str(self.model.total)))

    # -- details ---------------------------------------------------------------------------------
    @Slot(QItemSelection, QItemSelection)
    def _selection_changed(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        current = self.grid.currentIndex()
        indexes = self.grid.selectionModel().selectedIndexes()
        shown = current if current.isValid() and current in indexes else (indexes[0] if indexes else None)
        self._show_details(shown.data(PhotoRole)["uuid"] if shown is not None else None)
        self.patrol_button.setEnabled(bool(indexes))

    @Slot(QModelIndex)
    def view_photo(self, index: QModelIndex) -> None:
        """The photo at full size; ← and → go through the photos the grid shows."""
        if not index.isValid():
            return
        uuids = [self.model.row(i)["uuid"] for i in range(self.model.rowCount())]
        self.viewer = PhotoViewer(self._store.data_dir, uuids, index.row(), self, runner=self._runner)
        self.viewer.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.viewer.open()

    def _show_details(self, uuid: str | None) -> None:
        row = self._store.photos.get(uuid) if uuid else None
        self._current = row
        self.position_button.setEnabled(row is not None)
        if row is None:
            self.preview.clear()
            self.details.setText(self.tr("Select a photo to see its details."))
            return
        thumb = QPixmap(str(self._library.thumbnail(row["sha256"])))
        if not thumb.isNull():
            self.preview.setPixmap(thumb.scaled(320, 240, Qt.AspectRatioMode.KeepAspectRatio,
                                                Qt.TransformationMode.SmoothTransformation))
        self.details.setText(self._details_html(row))

    def _details_html(self, row: dict) -> str:
        e = html.escape
        label = {"taken": self.tr("Taken"), "position": self.tr("Position"), "camera": self.tr("Camera"),
                 "file": self.tr("File"), "used": self.tr("Used in")}
        local = taken_local(row)
        when = local.strftime("%Y-%m-%d %H:%M:%S") if local else self.tr("unknown")
        zone = {"exif": self.tr("time zone from the photo"),
                "assumed": self.tr("time zone assumed: China Standard Time")}.get(row["taken_at_zone"] or "", "")
        lines = [f"<b>{e(label['taken'])}</b>: {e(when)} <span style='color:#4a5a6a'>{e(zone)}</span>"]
        if row["clock_offset_s"] is not None and abs(row["clock_offset_s"]) > 120:
            minutes = round(row["clock_offset_s"] / 60)
            warning = self.tr("The camera clock differs from GPS time by %1 minute(s).").replace("%1", str(minutes))
            lines.append(f"<span style='color:#a61b1b'>{e(warning)}</span>")
        if row["lat"] is not None:
            source = {"exif": self.tr("from the photo's GPS"), "track": self.tr("from the patrol track"),
                      "manual": self.tr("set by hand")}[row["position_source"]]
            place = f"{row['lat']:.6f}, {row['lon']:.6f}"
            if row["alt"] is not None:
                place += f", {row['alt']:.0f} m"
            lines.append(f"<b>{e(label['position'])}</b>: {e(place)} ({e(source)})")
        else:
            reason = self._rejected_text(row["position_rejected"])
            none = self.tr("none")
            lines.append(f"<b>{e(label['position'])}</b>: {e(none)}" + (f" — {e(reason)}" if reason else ""))
        camera = " ".join(x for x in (row["make"], row["model"]) if x) or self.tr("unknown")
        lines.append(f"<b>{e(label['camera'])}</b>: {e(camera)}")
        size = f"{row['width']}×{row['height']}" if row["width"] else ""
        lines.append(f"<b>{e(label['file'])}</b>: {e(row['original_name'])} ({row['bytes'] / 1e6:.1f} MB {size})")
        links = self._store.photos.links(row["uuid"])
        uses = [self._link_text(kind, target) for kind, target in links]
        for log in self._store.maintenance.logs_with_photo(row["uuid"]):  # a crew's before/after pair
            reach = self._store.registry.reach(log.reach_code)
            uses.append(self.tr("maintenance log %1 %2").replace(
                "%1", log.started_at.astimezone(CHINA_TZ).strftime("%Y-%m-%d")).replace(
                "%2", reach.name if reach else log.reach_code))
        used = "；".join(uses) or self.tr("not yet")
        lines.append(f"<b>{e(label['used'])}</b>: {e(used)}")
        return "<br>".join(lines)

    def _link_text(self, kind: str, target: str) -> str:
        if kind == "patrol":
            patrol = self._store.patrols.get(target)
            if patrol is not None:
                reach = self._store.registry.reach(patrol["reach_code"])
                when = parse_utc(patrol["started_at"]).astimezone(CHINA_TZ).strftime("%Y-%m-%d %H:%M")
                return f"{self._kind_text(kind)} {when} {reach.name if reach else patrol['reach_code']}"
        if kind == "problem_event":
            found = self._store.problems.for_event(target)
            if found is not None:
                language = current_language()
                state = ProblemState(found["state"]).name_in(language) if found["state"] else ""
                action = Action(found["action"]).name_in(language)
                return (self.tr("problem %1 (photo of step '%2', now %3)").replace("%1", item_name(found["code"]))
                        .replace("%2", action).replace("%3", state))
        return f"{self._kind_text(kind)} {target[:8]}"

    def _kind_text(self, kind: str) -> str:
        return {"patrol": self.tr("patrol"), "problem": self.tr("problem"),
                "problem_event": self.tr("problem step")}.get(kind, kind)

    def _rejected_text(self, code: str | None) -> str:
        if not code:
            return ""
        return {
            "lat_out_of_range": self.tr("the photo's latitude is impossible"),
            "lon_out_of_range": self.tr("the photo's longitude is impossible"),
            "null_island": self.tr("the photo says 0, 0 (no real fix)"),
            "not_a_number": self.tr("the photo's GPS values are not numbers"),
            "zero_denominator": self.tr("the photo's GPS values are broken (0/0)"),
            "incomplete": self.tr("the photo has only half a position"),
        }.get(code, code)

    @Slot()
    def set_position(self) -> None:
        row = self._current
        if row is None:
            return
        dialog = PositionDialog(row["lat"], row["lon"], self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            self._store.photos.set_manual_position(row["uuid"], *dialog.value())
        except Exception as exc:
            show_error(self, exc)
            return
        self._show_details(row["uuid"])
        self.library_changed.emit()

    # -- import ----------------------------------------------------------------------------------
    @Slot()
    def choose_folder(self) -> None:
        folder = choose_folder(self, self.tr("Choose the folder with the photos"), Kind.PHOTOS)
        if folder is not None:
            self.start_import([folder])

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.start_import(paths)

    def start_import(self, paths: list[Path]) -> Task | None:
        """Import in the background with a progress dialog; one import at a time."""
        if self._import_task is not None:
            return None
        data_dir = self._store.data_dir
        started = time.monotonic()

        gate = self.import_gate
        now = self._now

        def work(store: Store, context: WorkContext) -> ImportSummary:
            def progress(done: int, total: int, name: str) -> None:
                context.progress(done, total, name)
                # The throttled report may have dropped this count: repeat it while the gate holds.
                while gate is not None and gate(done) is False:
                    context.progress(done, total, name)

            return PhotoImporter(store, now=now).run(paths, progress=progress, cancel=context.cancel)

        def words(done: int, total: int, name: str) -> str:
            elapsed = time.monotonic() - started
            rate = done / elapsed if elapsed > 0 else 0.0
            left = (total - done) / rate if rate > 0 else None
            text = self.tr("%1 of %2 photos · %3 per second").replace("%1", str(done)).replace("%2", str(total))
            text = text.replace("%3", f"{rate:.1f}")
            if left is not None and done < total:
                text += " · " + self.tr("about %1 s left").replace("%1", str(round(left)))
            return f"{text}\n{name}"

        self.import_button.setEnabled(False)
        self._import_task = self._runner.run_in_store(
            data_dir, work, on_success=self._import_done, on_failure=self._import_failed, writes=True,
            progress_parent=self, progress_title=self.tr("Importing photos"), progress_text=words, owner=self,
        )
        return self._import_task

    def selected_uuids(self) -> list[str]:
        return [index.data(PhotoRole)["uuid"] for index in self.grid.selectionModel().selectedIndexes()]

    def _import_done(self, summary: ImportSummary) -> None:
        self._import_ended()
        self._offer_drafts([r.photo_uuid for r in summary.results if r.photo_uuid])
        self.model.reload()
        self._update_count()
        self.library_changed.emit()
        dialog = ImportResultDialog(summary, self)
        dialog.setModal(True)
        dialog.show()
        self.result_dialog = dialog
        self.import_finished.emit(summary)

    def _offer_drafts(self, photo_uuids: list[str]) -> None:
        """Photos taken during a draft patrol are offered for it (background read, then one question)."""
        if not photo_uuids:
            return
        data_dir = self._store.data_dir

        def work(store: Store, context: WorkContext) -> list[tuple[dict, list[str]]]:
            from patrol_app.domain.patrols import PHOTO_WINDOW_TOLERANCE

            found = store.patrols.drafts_for_photos(photo_uuids, PHOTO_WINDOW_TOLERANCE)
            return [(store.patrols.get(uuid), photos) for uuid, photos in found.items()]

        self._runner.run_in_store(data_dir, work, on_success=self._ask_link, owner=self)

    def _ask_link(self, drafts: list[tuple[dict, list[str]]]) -> None:
        if not drafts:
            return
        lines = []
        for patrol, photos in drafts:
            reach = self._store.registry.reach(patrol["reach_code"])
            when = parse_utc(patrol["started_at"]).astimezone(CHINA_TZ).strftime("%Y-%m-%d %H:%M")
            lines.append(self.tr("%1 %2: %3 photo(s)").replace("%1", when)
                         .replace("%2", reach.name if reach else patrol["reach_code"]).replace("%3", str(len(photos))))
        self.link_question = QMessageBox(
            QMessageBox.Icon.Question, self.tr("Photos taken during draft patrols"),
            self.tr("Some of the photos were taken during these draft patrols. Add them to the patrols?") + "\n\n"
            + "\n".join(lines), QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        self.link_question.button(QMessageBox.StandardButton.Yes).setText(self.tr("Add to the patrols"))
        self.link_question.button(QMessageBox.StandardButton.No).setText(self.tr("Not now"))
        self.link_question.accepted.connect(lambda: self._link(drafts))
        self.link_question.open()

    def _link(self, drafts: list[tuple[dict, list[str]]]) -> None:
        data_dir = self._store.data_dir

        def work(store: Store, context: WorkContext) -> int:
            from patrol_app import patrolling

            return sum(patrolling.link_photos(store, patrol["uuid"], photos) for patrol, photos in drafts)

        def done(_count: int) -> None:
            self.model.reload()
            self.library_changed.emit()

        self._runner.run_in_store(data_dir, work, on_success=done, on_failure=lambda exc: show_error(self, exc),
                                  writes=True, owner=self)

    def _import_failed(self, exc: BaseException) -> None:
        self._import_ended()
        show_error(self, exc)

    def _import_ended(self) -> None:
        self._import_task = None
        self.import_button.setEnabled(True)

    def cancel_import(self) -> None:
        if self._import_task is not None:
            self._import_task.cancel()

    # -- language --------------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.title.setText(self.tr("Photos"))
        self.import_button.setText(self.tr("&Import a folder…"))
        self.drop_hint.setText(self.tr(
            "Copy the photos from the phone to this laptop, then import the folder — or drag photos or "
            "folders onto this page. The original files are not changed or moved."
        ))
        self.use_dates.setText(self.tr("Taken between"))
        self.position_label.setText(self.tr("&Position"))
        self.linked_label.setText(self.tr("&Use"))
        for combo, texts in (
            (self.position, (self.tr("All"), self.tr("With position"), self.tr("Without position"))),
            (self.linked, (self.tr("All"), self.tr("Used in a record"), self.tr("Not used yet"))),
        ):
            for i, text in enumerate(texts):
                combo.setItemText(i, text)
        self.position_button.setText(self.tr("Set the position by &hand…"))
        self.patrol_button.setText(self.tr("New &patrol from the selected photos"))
        self.patrol_button.setToolTip(self.tr("Pick the photos of one patrol (Ctrl+click or Shift+click) and the "
                                              "reach, times and track are proposed"))
        self._update_count()
        self._show_details(self._current["uuid"] if self._current else None)

