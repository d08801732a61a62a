"""The maintenance log editor (管护日志): what was done where, by whom, with before/after photo pairs.

A log may be the rectification (整改) of a problem assigned to the crew: saving then adds the problem's
整改完成 with the log's after-photos, in the same transaction (`store.maintenance.save`). What a payment
check would query (a negative or implausible quantity, a day outside the contract, an after-photo taken
before its before-photo…) is said in the dialog when saving, in red, and the log is saved only once a
reason is given. A refusal stays in a line whose space is always kept, so the buttons never move.
Photos are imported in the background (the photos page's importer) and shown as thumbnails in pairs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize, Qt, QTime, Signal, Slot
from PySide6.QtGui import QColor, QIcon, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QDoubleSpinBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from patrol_app.domain.enums import PROBLEM_ITEMS
from patrol_app.domain.ids import uuid7
from patrol_app.domain.maintenance import (
    Contract,
    MaintenanceLog,
    PhotoPair,
    WorkItem,
    WorkLine,
    WorkUnit,
    check_log,
)
from patrol_app.domain.problems import ProblemState
from patrol_app.domain.refusal import Refusal
from patrol_app.domain.registry import Profile
from patrol_app.paths import Library
from patrol_app.store import Store
from patrol_app.store.maintenance import NeedsReason
from patrol_app.store.photos import taken_local
from patrol_app.ui.dialogs.messages import show_error
from patrol_app.ui.dialogs.problem import actor_of
from patrol_app.ui.evidence import IMAGE_FILTER, Attached, import_into, thumbnail_icon
from patrol_app.ui.file_dialogs import Kind, choose_files
from patrol_app.ui.i18n import current_language
from patrol_app.ui.local_time import local_at, qdate, qtime, split_names
from patrol_app.ui.tasks import TaskRunner
from patrol_app.ui.widgets import MessageLine

PAIR_ICON = QSize(112, 84)
BEFORE, AFTER, CAPTION = 0, 1, 2


@dataclass
class EditorData:
    """What the editor offers, read off the GUI thread by the page."""

    contracts: list[Contract]
    reach_names: dict[str, str]
    workable: list[dict[str, Any]] = field(default_factory=list)  # problems the crew can still rectify
    heads: dict[str, str | None] = field(default_factory=dict)  # problem uuid → the last event seen
    photos: dict[str, dict[str, Any]] = field(default_factory=dict)  # photo rows of the log being edited
    problems: dict[str, str] = field(default_factory=dict)  # problem uuid → label (those logs already rectified)










class _PhotoBelowText(QStyledItemDelegate):
    """A photo cell: the thumbnail above, its time below (two photos and a caption fit side by side)."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: Any) -> None:  # noqa: N802 - Qt's name
        super().initStyleOption(option, index)
        option.decorationPosition = QStyleOptionViewItem.Position.Top
        option.displayAlignment = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop


def _placeholder() -> QIcon:
    pixmap = QPixmap(PAIR_ICON)
    pixmap.fill(QColor("#e6ebf1"))
    return QIcon(pixmap)


def problem_label(row: dict[str, Any], language: str) -> str:
    item = PROBLEM_ITEMS.get(row["code"])
    what = item.name_in(language) if item else row["code"]
    return f"{row.get('reach_name') or row['reach_code']} · {what}：{row['description'][:40]}"


class MaintenanceLogDialog(QDialog):
    """Record a new log, or change one. Signals:
    saved(object): the log as stored (a `MaintenanceLog`); the dialog then closes.
    photos_attached(): photos chosen for a pair were imported and shown.
    """

    saved = Signal(object)
    photos_attached = Signal()

    def __init__(self, *, store: Store, runner: TaskRunner, profile: Profile, data: EditorData,
                 log: MaintenanceLog | None, problem_uuid: str | None, now: Callable[[], datetime],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._runner = runner
        self._profile = profile
        self._data = data
        self._now = now
        self._library = Library(store.data_dir)
        self._busy = False
        self._uuid = log.uuid if log else uuid7()
        self._rectified = bool(log and log.rectify_event_uuid)
        self._photo_rows: dict[str, dict[str, Any]] = dict(data.photos)
        self.refusal: Refusal | None = None
        self.setWindowModality(Qt.WindowModality.WindowModal)
        moment = now()

        self.contract = QComboBox()
        for contract in data.contracts:
            self.contract.addItem(f"{contract.name}（{contract.number}）", contract.uuid)
        self.contract.addItem("", None)  # no contract: a public-welfare post (text set in retranslate_ui)
        self.post = QLineEdit()
        self.reach = QComboBox()
        self.day = QDateEdit(qdate(moment))
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.day.setMaximumDate(qdate(moment + timedelta(days=1)))
        start = moment - timedelta(hours=3)
        self.start = QTimeEdit(qtime(start) if qdate(start) == self.day.date() else QTime(8, 0))
        self.start.setDisplayFormat("HH:mm")
        self.end = QTimeEdit(qtime(moment))
        self.end.setDisplayFormat("HH:mm")
        self.workers = QLineEdit(profile.name)
        self.problem = QComboBox()
        self.problem.addItem("", None)
        language = current_language()
        for row in data.workable:
            self.problem.addItem(problem_label(row, language), row["uuid"])
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(72)

        self.work = QTableWidget(0, 3)
        self.work.verticalHeader().setVisible(False)
        self.work.verticalHeader().setDefaultSectionSize(37)  # its fields 36 px tall, as the form's
        self.work.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.work.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.work.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.work.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.work.setMinimumHeight(3 * 37 + 40)  # three lines and the header
        self.work.setTabKeyNavigation(False)  # Tab goes through each line's fields, then on (never a trap)
        self.add_work = QPushButton()
        self.remove_work = QPushButton()

        self.pairs = QTableWidget(0, 3)
        self.pairs.verticalHeader().setVisible(True)
        self.pairs.verticalHeader().setDefaultSectionSize(PAIR_ICON.height() + 40)
        self.pairs.setIconSize(PAIR_ICON)
        self._below = _PhotoBelowText(self.pairs)
        for column in (BEFORE, AFTER):
            self.pairs.setItemDelegateForColumn(column, self._below)
        header = self.pairs.horizontalHeader()
        header.setSectionResizeMode(BEFORE, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(AFTER, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(CAPTION, QHeaderView.ResizeMode.Stretch)
        self.pairs.setColumnWidth(BEFORE, 150)
        self.pairs.setColumnWidth(AFTER, 150)
        self.pairs.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.pairs.setTabKeyNavigation(False)  # arrows move between the photos, Tab leaves the table
        self.pairs.setMinimumHeight(PAIR_ICON.height() + 80)
        self.add_pair = QPushButton()
        self.choose_before = QPushButton()
        self.choose_after = QPushButton()
        self.remove_pair = QPushButton()

        # What a payment check would query, said on saving: under the notes, where the form has room, scrolling
        # if there is more than fits (there can be one per work line and per photo pair).
        self.notices = QLabel()
        self.notices.setWordWrap(True)
        self.notices.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.notices.setStyleSheet("color: #a61b1b; font-weight: bold;")
        self.notices_area = QScrollArea()
        self.notices_area.setWidget(self.notices)
        self.notices_area.setWidgetResizable(True)
        self.notices_area.setFrameShape(QFrame.Shape.NoFrame)
        self.notices_area.setMinimumHeight(120)
        self.reason = QLineEdit()
        self.error = MessageLine(2, fixed=True)
        self.save_button = QPushButton()
        self.save_button.setDefault(True)
        self.cancel_button = QPushButton()

        left = QFormLayout()
        self.contract_label, self.post_label, self.reach_label = QLabel(), QLabel(), QLabel()
        self.day_label, self.times_label, self.workers_label = QLabel(), QLabel(), QLabel()
        self.problem_label, self.notes_label = QLabel(), QLabel()
        for label, widget in ((self.contract_label, self.contract), (self.post_label, self.post),
                              (self.reach_label, self.reach), (self.day_label, self.day),
                              (self.workers_label, self.workers), (self.problem_label, self.problem),
                              (self.notes_label, self.notes), (self.times_label, self.start)):
            label.setBuddy(widget)
        times = QHBoxLayout()
        times.addWidget(self.start)
        times.addWidget(QLabel("—"))
        times.addWidget(self.end)
        times.addStretch(1)
        left.addRow(self.contract_label, self.contract)
        left.addRow(self.post_label, self.post)
        left.addRow(self.reach_label, self.reach)
        left.addRow(self.day_label, self.day)
        left.addRow(self.times_label, times)
        left.addRow(self.workers_label, self.workers)
        left.addRow(self.problem_label, self.problem)
        left.addRow(self.notes_label, self.notes)
        self.work_title = QLabel()
        self.work_title.setStyleSheet("font-weight: bold;")
        self.work_title.setBuddy(self.work)
        work_buttons = QHBoxLayout()
        work_buttons.addWidget(self.add_work)
        work_buttons.addWidget(self.remove_work)
        work_buttons.addStretch(1)
        left_box = QVBoxLayout()
        left_box.addLayout(left)
        left_box.addWidget(self.notices_area, 1)

        right = QVBoxLayout()
        self.pairs_title = QLabel()
        self.pairs_title.setStyleSheet("font-weight: bold;")
        self.pairs_title.setBuddy(self.pairs)
        self.pairs_hint = QLabel()
        self.pairs_hint.setObjectName("subtitle")
        self.pairs_hint.setWordWrap(True)
        right.addWidget(self.pairs_title)
        right.addWidget(self.pairs_hint)
        right.addWidget(self.pairs, 1)
        pair_buttons = QHBoxLayout()
        for button in (self.add_pair, self.choose_before, self.choose_after, self.remove_pair):
            pair_buttons.addWidget(button)
        pair_buttons.addStretch(1)
        right.addLayout(pair_buttons)
        right.addWidget(self.work_title)
        right.addWidget(self.work, 1)
        right.addLayout(work_buttons)

        columns = QHBoxLayout()
        columns.addLayout(left_box, 1)
        columns.addLayout(right, 1)
        reason_row = QFormLayout()  # a form row: the field as tall as the form's others
        self.reason_label = QLabel()
        self.reason_label.setBuddy(self.reason)
        reason_row.addRow(self.reason_label, self.reason)
        buttons = QHBoxLayout()
        buttons.addWidget(self.error, 1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addLayout(reason_row)
        layout.addLayout(buttons)

        self.contract.currentIndexChanged.connect(self._contract_changed)
        self.problem.currentIndexChanged.connect(self._problem_changed)
        self.add_work.clicked.connect(lambda: self.add_work_line())
        self.remove_work.clicked.connect(self._remove_work_line)
        self.add_pair.clicked.connect(self.add_photo_pair)
        self.choose_before.clicked.connect(lambda: self.choose_photo(BEFORE))
        self.choose_after.clicked.connect(lambda: self.choose_photo(AFTER))
        self.remove_pair.clicked.connect(self._remove_pair)
        self.pairs.cellDoubleClicked.connect(self._pair_activated)
        self.pairs.currentCellChanged.connect(lambda *_: self._pair_buttons())
        QShortcut(QKeySequence(Qt.Key.Key_Return), self.pairs, context=Qt.ShortcutContext.WidgetShortcut
                  ).activated.connect(lambda: self._pair_activated(self.pairs.currentRow(), self.pairs.currentColumn()))
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.reject)
        for signal in (self.contract.currentIndexChanged, self.reach.currentIndexChanged, self.day.dateChanged,
                       self.start.timeChanged, self.end.timeChanged, self.workers.textChanged,
                       self.problem.currentIndexChanged, self.notes.textChanged, self.post.textChanged,
                       self.reason.textChanged):
            signal.connect(self._field_changed)

        self.retranslate_ui()
        self._contract_changed()
        if log is not None:
            self._load(log)
        else:
            self.add_work_line()
            self.add_photo_pair()
            if problem_uuid is not None:
                self.problem.setCurrentIndex(max(0, self.problem.findData(problem_uuid)))
        if self._rectified:
            self.problem.setEnabled(False)
            self.problem.setToolTip(self.tr("This log is already the problem's rectification: the problem cannot "
                                            "be changed."))
        self._pair_buttons()
        self.resize(1180, 680)

    # ---- filling ---------------------------------------------------------------------------------

    def _contract(self) -> Contract | None:
        uuid = self.contract.currentData()
        return next((c for c in self._data.contracts if c.uuid == uuid), None)

    @Slot()
    def _contract_changed(self) -> None:
        """The reaches offered: the contract's, or (without one) the profile's; the one chosen is kept."""
        contract = self._contract()
        self.post.setEnabled(contract is None)
        kept = self.reach.currentData()
        codes = list(contract.reach_codes if contract is not None else self._profile.reach_codes)
        if kept and kept not in codes:
            codes.append(kept)
        self.reach.blockSignals(True)
        self.reach.clear()
        for code in codes:
            self.reach.addItem(f"{self._data.reach_names.get(code, '')}（{code}）", code)
        self.reach.setCurrentIndex(max(0, self.reach.findData(kept)) if kept else 0)
        self.reach.blockSignals(False)

    def _set_reach(self, code: str) -> None:
        if self.reach.findData(code) < 0:
            self.reach.addItem(f"{self._data.reach_names.get(code, '')}（{code}）", code)
        self.reach.setCurrentIndex(self.reach.findData(code))

    @Slot()
    def _problem_changed(self) -> None:
        uuid = self.problem.currentData()
        row = next((r for r in self._data.workable if r["uuid"] == uuid), None)
        if row is not None:
            self._set_reach(row["reach_code"])
            if not self.notes.toPlainText().strip():
                self.notes.setPlaceholderText(self.tr("What was done to put it right (goes into the problem's "
                                                      "history as 整改完成)"))

    def add_work_line(self, item: WorkItem = WorkItem.FLOATING, quantity: float = 0.0,
                      unit: WorkUnit | None = None) -> int:
        row = self.work.rowCount()
        self.work.insertRow(row)
        language = current_language()
        items = QComboBox()
        for choice in WorkItem:
            items.addItem(choice.name_in(language), choice.code)
        items.setCurrentIndex(items.findData(item.code))
        amount = QDoubleSpinBox()
        amount.setRange(-1e7, 1e7)  # negative: a correction of an earlier log (queried, with a reason)
        amount.setDecimals(2)
        amount.setMinimumWidth(120)
        amount.setValue(quantity)
        units = QComboBox()
        self.work.setCellWidget(row, 0, items)
        self.work.setCellWidget(row, 1, amount)
        self.work.setCellWidget(row, 2, units)
        # Keyboard order: the table, each line's work, quantity and unit in turn, then "Add work".
        before = self.work.cellWidget(row - 1, 2) if row else self.work
        for first, second in ((before, items), (items, amount), (amount, units), (units, self.add_work)):
            QWidget.setTabOrder(first, second)
        items.currentIndexChanged.connect(lambda _i, r=items, u=units: self._fill_units(r, u))
        self._fill_units(items, units)
        if unit is not None:
            units.setCurrentIndex(max(0, units.findData(unit.code)))
        for signal in (items.currentIndexChanged, amount.valueChanged, units.currentIndexChanged):
            signal.connect(self._field_changed)
        self.work.setCurrentCell(row, 0)
        return row

    def _fill_units(self, items: QComboBox, units: QComboBox) -> None:
        item = WorkItem(items.currentData())
        units.clear()
        for unit in item.units:
            units.addItem(unit.name_in(current_language()), unit.code)

    @Slot()
    def _remove_work_line(self) -> None:
        row = self.work.currentRow()
        if row >= 0:
            self.work.removeRow(row)
            self._field_changed()

    def work_lines(self) -> tuple[WorkLine, ...]:
        lines = []
        for row in range(self.work.rowCount()):
            items, amount, units = (self.work.cellWidget(row, c) for c in range(3))
            lines.append(WorkLine(WorkItem(items.currentData()), float(amount.value()),
                                  WorkUnit(units.currentData())))
        return tuple(lines)

    def set_quantity(self, row: int, value: float) -> None:
        self.work.cellWidget(row, 1).setValue(value)

    # ---- photo pairs -----------------------------------------------------------------------------

    @Slot()
    def add_photo_pair(self) -> int:
        row = self.pairs.rowCount()
        self.pairs.insertRow(row)
        for column in (BEFORE, AFTER):
            item = QTableWidgetItem()
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            self.pairs.setItem(row, column, item)
            self._show_photo(row, column, None)
        self.pairs.setItem(row, CAPTION, QTableWidgetItem(""))
        self.pairs.setCurrentCell(row, BEFORE)
        self._pair_buttons()
        return row

    def _show_photo(self, row: int, column: int, photo: dict[str, Any] | None) -> None:
        item = self.pairs.item(row, column)
        item.setData(Qt.ItemDataRole.UserRole, photo["uuid"] if photo else None)
        if photo is None:
            item.setIcon(_placeholder())
            item.setText(self.tr("(choose a photo)"))
            item.setToolTip(self.tr("Double-click or press Enter to choose the photo"))
            return
        item.setIcon(thumbnail_icon(self._library, photo))
        taken = taken_local(photo)
        item.setText(taken.strftime("%m-%d %H:%M") if taken else self.tr("time unknown"))
        item.setToolTip(f"{photo['original_name']}\n{taken.strftime('%Y-%m-%d %H:%M') if taken else ''}")

    def pair_values(self) -> tuple[PhotoPair, ...]:
        pairs = []
        for row in range(self.pairs.rowCount()):
            before = self.pairs.item(row, BEFORE).data(Qt.ItemDataRole.UserRole)
            after = self.pairs.item(row, AFTER).data(Qt.ItemDataRole.UserRole)
            caption = (self.pairs.item(row, CAPTION).text() if self.pairs.item(row, CAPTION) else "").strip()
            if before or after:
                pairs.append(PhotoPair(before, after, caption))
        return tuple(pairs)

    @Slot(int, int)
    def _pair_activated(self, row: int, column: int) -> None:
        if row >= 0 and column in (BEFORE, AFTER):
            self.pairs.setCurrentCell(row, column)
            self.choose_photo(column)

    def choose_photo(self, side: int) -> None:
        """Choose the photo file for the current pair's side (a new pair if there is none)."""
        files = choose_files(self, self.tr("Choose the photo taken before the work") if side == BEFORE
                             else self.tr("Choose the photo taken after the work"), Kind.PHOTOS,
                             self.tr("Photos (%1);;All files (*)").replace("%1", IMAGE_FILTER))
        if files:
            row = self.pairs.currentRow() if self.pairs.currentRow() >= 0 else self.add_photo_pair()
            self.attach_photo(row, side, files[0])

    def attach_photo(self, row: int, side: int, file: Path) -> None:
        """Import `file` in the background (the library keeps the original) and show it in the pair."""
        self._set_busy(True)

        def done(attached: Attached) -> None:
            self._set_busy(False)
            if attached.photos:
                photo = attached.photos[0]
                self._photo_rows[photo["uuid"]] = photo
                self._show_photo(row, side, photo)
                self._field_changed()
            if attached.refused:
                name, reason = attached.refused[0]
                self.error.setText(self.tr("This file could not be used as a photo: %1 (%2)")
                                   .replace("%1", name).replace("%2", reason))
            self.photos_attached.emit()

        def failed(exc: BaseException) -> None:
            self._set_busy(False)
            show_error(self, exc)

        self._runner.run_in_store(
            self._store.data_dir, lambda store, context: import_into(store, [file], context), on_success=done,
            on_failure=failed, writes=True, progress_parent=self, progress_title=self.tr("Importing photos"),
            owner=self)

    @Slot()
    def _remove_pair(self) -> None:
        row = self.pairs.currentRow()
        if row >= 0:
            self.pairs.removeRow(row)
            self._pair_buttons()
            self._field_changed()

    def _pair_buttons(self) -> None:
        chosen = self.pairs.currentRow() >= 0
        for button in (self.choose_before, self.choose_after, self.remove_pair):
            button.setEnabled(chosen and not self._busy)
        self.add_pair.setEnabled(not self._busy)

    # ---- loading and reading the form --------------------------------------------------------------

    def _load(self, log: MaintenanceLog) -> None:
        self.contract.setCurrentIndex(max(0, self.contract.findData(log.contract_uuid))
                                      if log.contract_uuid else self.contract.count() - 1)
        self.post.setText(log.post)
        self._set_reach(log.reach_code)
        self.day.setDate(qdate(log.started_at))
        self.start.setTime(qtime(log.started_at))
        self.end.setTime(qtime(log.ended_at))
        self.workers.setText("、".join(log.workers))
        if log.problem_uuid:
            if self.problem.findData(log.problem_uuid) < 0:
                label = self._data.problems.get(log.problem_uuid) or log.problem_uuid[:8]
                self.problem.addItem(self.tr("%1 (rectified by this log)").replace("%1", label), log.problem_uuid)
            self.problem.setCurrentIndex(self.problem.findData(log.problem_uuid))
        self.notes.setPlainText(log.notes)
        for line in log.work:
            self.add_work_line(line.item, line.quantity, line.unit)
        for pair in log.pairs:
            row = self.add_photo_pair()
            for side, uuid in ((BEFORE, pair.before), (AFTER, pair.after)):
                self._show_photo(row, side, self._photo_rows.get(uuid) if uuid else None)
            self.pairs.item(row, CAPTION).setText(pair.caption)
        self.reason.setText(log.warning_reason)

    def log(self) -> MaintenanceLog:
        day = self.day.date()
        contract = self._contract()
        problem = self.problem.currentData()
        return MaintenanceLog(
            uuid=self._uuid, crew_unit=self._profile.unit, reach_code=str(self.reach.currentData() or ""),
            started_at=local_at(day, self.start.time()), ended_at=local_at(day, self.end.time()),
            work=self.work_lines(),
            workers=split_names(self.workers.text()), recorded_by_uuid=self._profile.uuid,
            recorded_by_name=self._profile.name, contract_uuid=contract.uuid if contract else None,
            post="" if contract else self.post.text().strip(), pairs=self.pair_values(),
            notes=self.notes.toPlainText().strip(), problem_uuid=str(problem) if problem else None,
            warning_reason=self.reason.text().strip())

    def local_refusal(self) -> Refusal | None:
        try:
            check_log(self.log(), self._now())
        except Refusal as refusal:
            return refusal
        return None

    # ---- refusals, notices, saving -------------------------------------------------------------------

    def show_refusal(self, refusal: Refusal) -> None:
        self.refusal = refusal
        self.error.setText(refusal.text(current_language()))

    @Slot()
    def _field_changed(self) -> None:
        """A refusal shown goes once the form no longer earns it; the notices once the log changed."""
        refusal = self.refusal
        if refusal is None:
            return
        if isinstance(refusal, NeedsReason):
            if self.reason.text().strip():
                self.refusal = None
                self.error.setText(self.tr("Reason given: save again to record the log with it."))
            return
        now = self.local_refusal()
        if now is None or now.code != refusal.code:
            self.refusal = None
            self.error.clear()

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.save_button.setEnabled(not busy)
        self._pair_buttons()

    @Slot()
    def save(self) -> None:
        if self._busy:
            return
        refusal = self.local_refusal()
        if refusal is not None:
            self.show_refusal(refusal)
            return
        log, me, now = self.log(), actor_of(self._profile), self._now()
        head = self._data.heads.get(log.problem_uuid or "")
        self._set_busy(True)

        def done(saved: MaintenanceLog) -> None:
            self._set_busy(False)
            self.saved.emit(saved)
            self.accept()

        def failed(exc: BaseException) -> None:
            self._set_busy(False)
            if isinstance(exc, NeedsReason):
                language = current_language()
                self.notices.setText("\n".join(f"· {n.text(language)}" for n in exc.notices))
                self.refusal = exc
                self.error.setText(self.tr("Check the points above. If the log is right, say why in “Reason” and "
                                           "save again."))
                self.reason.setFocus()
            elif isinstance(exc, Refusal):
                self.show_refusal(exc)
            else:
                show_error(self, exc)

        self._runner.run_in_store(
            self._store.data_dir,
            lambda store, _c: store.maintenance.save(log, actor=me, problem_head=head, now=now),
            on_success=done, on_failure=failed, writes=True, owner=self)

    def reject(self) -> None:
        if self._busy:
            return
        changed = self.pair_values() or any(line.quantity for line in self.work_lines())
        if changed and self.isVisible() and not self._asked_to_leave():
            return
        super().reject()

    def _asked_to_leave(self) -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Close without saving?"),
                          self.tr("What was entered in this log is not saved."),
                          QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel, self)
        box.button(QMessageBox.StandardButton.Discard).setText(self.tr("Close without saving"))
        box.button(QMessageBox.StandardButton.Cancel).setText(self.tr("Keep editing"))
        return box.exec() == QMessageBox.StandardButton.Discard

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Maintenance log"))
        self.contract.setItemText(self.contract.count() - 1, self.tr("No contract (public-welfare post, work order)"))
        self.contract_label.setText(self.tr("&Contract"))
        self.post_label.setText(self.tr("P&ost or order"))
        self.post.setPlaceholderText(self.tr("Only without a contract: e.g. 林庄村公益性岗位"))
        self.reach_label.setText(self.tr("R&each"))
        self.day_label.setText(self.tr("&Date"))
        self.times_label.setText(self.tr("&From / to"))
        self.workers_label.setText(self.tr("&Workers"))
        self.workers.setPlaceholderText(self.tr("Names, separated by 、"))
        self.problem_label.setText(self.tr("Rectifies &problem"))
        self.problem.setItemText(0, self.tr("(not a rectification)"))
        self.notes_label.setText(self.tr("&Notes"))
        self.work_title.setText(self.tr("Work done (&quantities)"))
        self.work.setHorizontalHeaderLabels([self.tr("Work"), self.tr("Quantity"), self.tr("Unit")])
        self.add_work.setText(self.tr("Add work"))
        self.remove_work.setText(self.tr("Remove work"))
        self.pairs_title.setText(self.tr("P&hotos before and after (the same spot)"))
        self.pairs_hint.setText(self.tr("Each row: the same spot before and after. Double-click a cell or press "
                                        "Enter to choose its photo."))
        self.pairs.setToolTip(self.tr("When the log rectifies a problem, its after-photos are the problem's "
                                      "evidence of the work."))
        self.pairs.setHorizontalHeaderLabels([self.tr("Before"), self.tr("After"), self.tr("Where / what")])
        self.add_pair.setText(self.tr("Add pair"))
        self.choose_before.setText(self.tr("Before photo…"))
        self.choose_after.setText(self.tr("After photo…"))
        self.remove_pair.setText(self.tr("Remove pair"))
        self.reason_label.setText(self.tr("&Reason"))
        self.reason.setPlaceholderText(self.tr("Needed only when something is queried above: why the log is right"))
        self.save_button.setText(self.tr("&Save"))
        self.cancel_button.setText(self.tr("Cancel"))
        for row in range(self.pairs.rowCount()):
            for column in (BEFORE, AFTER):
                if self.pairs.item(row, column).data(Qt.ItemDataRole.UserRole) is None:
                    self._show_photo(row, column, None)


def state_name(code: str | None, language: str) -> str:
    return ProblemState(code).name_in(language) if code else ""
