"""Sync with the city office: enrolment, what waits to upload, "sync now" with progress and cancel,
what the office refused and why, and the automatic sync that tries again by itself.

Every sync runs on a background thread with its own connection (`patrolling`-style work through the
TaskRunner); the engine marks a record sent only after the office acknowledged it, so Cancel, closing
the window or a crash at any moment loses nothing and sends nothing twice.
"""

from __future__ import annotations

import random
import time
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from patrol_app import syncing
from patrol_app.domain.ids import parse_utc
from patrol_app.domain.periods import CHINA_TZ
from patrol_app.store import Store
from patrol_app.ui.columns import Elide, Fit, lay_out_columns
from patrol_app.ui.i18n import current_language
from patrol_app.ui.tasks import Task, TaskRunner, WorkContext
from patrol_app.ui.widgets import Retranslating, page_title, subtitle
from sync.client import SyncError
from sync.engine import Progress, SyncReport

ALERT = "color:#a61b1b;"
GOOD = "color:#1d6b2f;"


def kind_name(kind: str) -> str:
    names = {
        "patrol": QCoreApplication.translate("SyncKinds", "Patrol records"),
        "track": QCoreApplication.translate("SyncKinds", "Tracks"),
        "photo": QCoreApplication.translate("SyncKinds", "Photos"),
        "photo_link": QCoreApplication.translate("SyncKinds", "Photo links"),
        "problem": QCoreApplication.translate("SyncKinds", "Problems"),
        "problem_event": QCoreApplication.translate("SyncKinds", "Problem steps"),
        "covert_inspection": QCoreApplication.translate("SyncKinds", "Covert inspections"),
        "maintenance_log": QCoreApplication.translate("SyncKinds", "Maintenance logs"),
    }
    return names.get(kind, kind)


def _local(iso: str | None) -> str:
    return parse_utc(iso).astimezone(CHINA_TZ).strftime("%Y-%m-%d %H:%M") if iso else ""


def _message(error: SyncError | dict) -> str:
    """The user's language first; the other one under it (the office may need to read it too)."""
    zh, en = (error.zh, error.en) if isinstance(error, SyncError) else (error.get("zh", ""), error.get("en", ""))
    return f"{zh}\n{en}" if current_language().startswith("zh") else f"{en}\n{zh}"


class AutoSync:
    """When to try again by itself: soon after start and after every change, then every few minutes
    while all is well; while the office cannot be reached, the wait doubles (with jitter, so a township's
    laptops do not all knock at once) up to an hour. A refusal that the user must act on (not enrolled,
    revoked) stops it until the user syncs by hand."""

    FIRST_S = 20
    EVERY_S = 300
    LONGEST_S = 3600

    def __init__(self, rng: random.Random | None = None) -> None:
        self._rng = rng or random.Random()
        self.failures = 0
        self.stopped = False

    def after(self, report: SyncReport | None) -> float | None:
        """Seconds until the next automatic try after `report` (None: do not try by itself)."""
        error = report.error if report is not None else None
        if error is None:
            self.failures = 0
            self.stopped = False
            return self.EVERY_S
        if not error.retry:
            self.stopped = True
            return None
        self.failures += 1
        wait = min(self.LONGEST_S, self.FIRST_S * 2 ** self.failures)
        return wait * self._rng.uniform(0.75, 1.25)


class SyncPage(Retranslating, QWidget):
    """Signals:
    synced(object): a sync run ended (its SyncReport); the status bar and lists re-read their numbers.
    """

    synced = Signal(object)

    def __init__(self, *, store: Store, runner: TaskRunner, auto: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._data_dir: Path = store.data_dir
        self._runner = runner
        self._task: Task | None = None
        self._latest: Progress | None = None
        self._started = 0.0
        self._last_report: SyncReport | None = None
        self._last_report_at = ""
        self._overview: syncing.SyncOverview | None = None
        self.auto = AutoSync()
        # Tests only: called on the worker thread with each Progress and the cancel flag; it may hold
        # the sync at a state (as PhotosPage.import_gate does) so that a Stop lands half-way for sure.
        self.progress_gate = None
        self.title = page_title()
        self.intro = subtitle()

        # Enrolment: once per laptop, with the code the city office gives out.
        self.enroll_box = QGroupBox()
        self.server_edit = QLineEdit()
        self.code_edit = QLineEdit()
        self.name_edit = QLineEdit()
        self.server_label, self.code_label, self.name_label = QLabel(), QLabel(), QLabel()
        for label, edit in ((self.server_label, self.server_edit), (self.code_label, self.code_edit),
                            (self.name_label, self.name_edit)):
            label.setBuddy(edit)
            edit.setMinimumHeight(32)
        self.enroll_button = QPushButton()
        self.enroll_button.setMinimumHeight(36)
        self.enroll_message = QLabel()
        self.enroll_message.setWordWrap(True)
        enroll_form = QFormLayout()
        enroll_form.addRow(self.server_label, self.server_edit)
        enroll_form.addRow(self.code_label, self.code_edit)
        enroll_form.addRow(self.name_label, self.name_edit)
        enroll_layout = QVBoxLayout(self.enroll_box)
        enroll_layout.addLayout(enroll_form)
        row = QHBoxLayout()
        row.addWidget(self.enroll_button)
        row.addStretch(1)
        enroll_layout.addLayout(row)
        enroll_layout.addWidget(self.enroll_message)

        # Where this laptop sends, and how the last upload went.
        self.state_box = QGroupBox()
        self.server_text = QLabel()
        self.server_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.last_success = QLabel()
        self.outcome = QLabel()
        self.outcome.setWordWrap(True)
        self.outcome.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.next_try = QLabel()
        self.next_try.setObjectName("subtitle")
        state_form = QFormLayout(self.state_box)
        self.server_caption, self.last_caption = QLabel(), QLabel()
        state_form.addRow(self.server_caption, self.server_text)
        state_form.addRow(self.last_caption, self.last_success)
        state_form.addRow(self.outcome)
        state_form.addRow(self.next_try)

        # What waits, and the run in progress.
        self.pending_box = QGroupBox()
        self.pending_table = QTableWidget(0, 2)
        self.pending_table.verticalHeader().setVisible(False)
        self.pending_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.pending_columns = lay_out_columns(self.pending_table, (Elide, Fit))
        self.pending_table.verticalHeader().setDefaultSectionSize(30)
        self.pending_table.setMinimumHeight(30 * 6 + 60)  # every kind at a glance, no scrolling
        self.pending_total = QLabel()
        self.pending_total.setObjectName("cardValue")
        self.sync_button = QPushButton()
        self.sync_button.setMinimumHeight(40)
        self.sync_button.setDefault(True)
        self.cancel_button = QPushButton()
        self.cancel_button.setMinimumHeight(40)
        self.cancel_button.setVisible(False)
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.progress_text = QLabel()
        self.progress_text.setVisible(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.sync_button)
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        pending_layout = QVBoxLayout(self.pending_box)
        pending_layout.addWidget(self.pending_total)
        pending_layout.addWidget(self.pending_table)
        pending_layout.addLayout(buttons)
        pending_layout.addWidget(self.progress)
        pending_layout.addWidget(self.progress_text)

        # What the office refused: each with its reason; the rest went on without them.
        self.rejected_box = QGroupBox()
        self.rejected_table = QTableWidget(0, 3)
        self.rejected_table.verticalHeader().setVisible(False)
        self.rejected_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.rejected_columns = lay_out_columns(self.rejected_table, (Fit, Fit, Elide), wrap=True)
        self.rejected_note = subtitle()
        rejected_layout = QVBoxLayout(self.rejected_box)
        rejected_layout.addWidget(self.rejected_table)
        rejected_layout.addWidget(self.rejected_note)

        left = QVBoxLayout()
        left.addWidget(self.enroll_box)
        left.addWidget(self.state_box)
        left.addWidget(self.pending_box)
        left.addStretch(1)
        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addWidget(self.rejected_box, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 12)
        layout.addWidget(self.title)
        layout.addWidget(self.intro)
        layout.addLayout(columns, 1)

        self.enroll_button.clicked.connect(self.enroll)
        self.code_edit.returnPressed.connect(self.enroll)
        self.sync_button.clicked.connect(self.sync_now)
        self.cancel_button.clicked.connect(self.cancel)
        # While a sync runs the label is re-read from the engine's progress a few times a second: the
        # runner's progress signal is throttled, and its last report may be one of those dropped.
        self._ticker = QTimer(self)
        self._ticker.setInterval(250)
        self._ticker.timeout.connect(self._show_progress)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._auto_sync)
        self._auto_enabled = auto
        self._next_at: float | None = None
        self.retranslate_ui()
        self.reload()
        if auto:
            self._schedule(AutoSync.FIRST_S)

    # -- reading the state -------------------------------------------------------------------------

    def reload(self) -> None:
        """Re-read enrolment, pending counts and refusals in the background."""
        data_dir = self._data_dir

        def work(store: Store, context: WorkContext) -> syncing.SyncOverview:
            # Covert inspections are counted and listed only in a liaison unit's profile (store.upkeep).
            return syncing.overview(store)

        self._runner.run_in_store(data_dir, work, on_success=self._show_overview, owner=self)

    def _show_overview(self, overview: syncing.SyncOverview) -> None:
        self._overview = overview
        self._fill()

    @property
    def running(self) -> bool:
        return self._task is not None

    def _fill(self) -> None:
        overview = self._overview
        enrolled = overview is not None and overview.enrolled
        self.enroll_box.setVisible(not enrolled)
        self.state_box.setVisible(enrolled)
        self.sync_button.setEnabled(enrolled and not self.running)
        if overview is None:
            return
        if overview.server and not self.server_edit.text():
            self.server_edit.setText(overview.server)
        self.server_text.setText(overview.server)
        self.last_success.setText(_local(overview.last_success) or self.tr("never"))
        self.pending_total.setText(self.tr("Waiting to upload: %n item(s)", "", overview.pending))
        kinds = sorted(overview.pending_by_kind.items())
        self.pending_table.setRowCount(len(kinds))
        for row, (kind, count) in enumerate(kinds):
            self.pending_table.setItem(row, 0, QTableWidgetItem(kind_name(kind)))
            item = QTableWidgetItem(str(count))
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.pending_table.setItem(row, 1, item)
        rejected = overview.rejected
        self.rejected_table.setRowCount(len(rejected))
        for row, entry in enumerate(rejected):
            self.rejected_table.setItem(row, 0, QTableWidgetItem(kind_name(entry.kind)))
            self.rejected_table.setItem(row, 1, QTableWidgetItem(_local(entry.at)))
            reason = QTableWidgetItem(_message(entry.reason))
            reason.setToolTip(f"{entry.record_uuid} v{entry.version}\n{_message(entry.reason)}")
            self.rejected_table.setItem(row, 2, reason)
        self.rejected_table.resizeRowsToContents()
        self.rejected_note.setText(
            self.tr("The office refused these; the rest was uploaded without them. Correct the record "
                    "(or ask the city office) and it is sent again with the next upload.")
            if rejected else self.tr("The office has refused nothing.")
        )
        self._fill_outcome()

    def _fill_outcome(self) -> None:
        report = self._last_report
        if report is None:
            self.outcome.clear()
        elif report.cancelled:
            self.outcome.setStyleSheet("")
            self.outcome.setText(self.tr("Stopped. %n item(s) arrived; the rest is sent next time.", "",
                                         report.sent))
        elif report.error is not None:
            self.outcome.setStyleSheet(ALERT)
            self.outcome.setText(_message(report.error))
        elif report.waiting_photos:
            self.outcome.setStyleSheet("")
            self.outcome.setText(self.tr("%n item(s) wait for their photos to arrive; they are sent next time.", "",
                                         report.waiting_photos))
        else:
            self.outcome.setStyleSheet(GOOD)
            if report.sent:
                text = self.tr("Everything arrived at the city office (%n item(s) this time).", "", report.sent)
            else:  # "all arrived (0)" beside "last upload arrived: never" reads as a contradiction
                text = self.tr("Reached the city office at %1: nothing was waiting to be uploaded.").replace(
                    "%1", self._last_report_at)
            if report.received:
                text += "\n" + self.tr("Received from the office: %n item(s).", "", report.received)
            if report.assignments:
                text += "\n" + self.tr("New assignments for you: %n. See the task list (任务清单) on the "
                                        "Problems page.", "", report.assignments)
            self.outcome.setText(text)
        if self._next_at is not None and self._auto_enabled and not self.running:
            minutes = max(1, round((self._next_at - time.monotonic()) / 60))
            self.next_try.setText(self.tr("Next automatic upload in about %n minute(s).", "", minutes))
        elif self.auto.stopped:
            self.next_try.setText(self.tr("Automatic upload is paused until the problem above is solved."))
        else:
            self.next_try.clear()

    # -- enrolment ---------------------------------------------------------------------------------

    @Slot()
    def enroll(self) -> None:
        server, code, name = (self.server_edit.text().strip(), self.code_edit.text().strip(),
                              self.name_edit.text().strip())
        if not server or not code:
            self._enroll_said(self.tr("Enter the office address and the enrolment code from the city office."),
                              alert=True)
            return
        data_dir = self._data_dir

        def work(store: Store, context: WorkContext) -> syncing.Enrolment:
            return syncing.enroll(store, server, code, name=name)

        self.enroll_button.setEnabled(False)
        self._enroll_said(self.tr("Contacting the city office…"), alert=False)
        self._runner.run_in_store(data_dir, work, writes=True, on_success=self._enrolled,
                                  on_failure=self._enroll_failed, owner=self)

    def _enroll_said(self, text: str, *, alert: bool) -> None:
        self.enroll_message.setStyleSheet(ALERT if alert else "")
        self.enroll_message.setText(text)

    def _enrolled(self, enrolment: syncing.Enrolment) -> None:
        self.enroll_button.setEnabled(True)
        self.code_edit.clear()
        self._enroll_said("", alert=False)
        self.auto.stopped = False
        self.reload()
        self.sync_now()  # what waits goes at once: that is why the chief enrolled

    def _enroll_failed(self, exc: BaseException) -> None:
        self.enroll_button.setEnabled(True)
        if isinstance(exc, SyncError):
            self._enroll_said(_message(exc), alert=True)
        else:
            self._enroll_said(f"{type(exc).__name__}: {exc}", alert=True)

    # -- syncing -----------------------------------------------------------------------------------

    @Slot()
    def sync_now(self) -> Task | None:
        """Start a sync (by hand, or from the automatic timer); returns its task, or None if one runs."""
        if self.running:
            return None
        self._timer.stop()
        self._next_at = None
        data_dir = self._data_dir
        holder: dict[str, Progress] = {}
        gate = self.progress_gate

        def work(store: Store, context: WorkContext) -> SyncReport:
            def on_progress(progress: Progress) -> None:
                holder["latest"] = progress  # read on the GUI thread when the signal below arrives
                context.progress(progress.records_done, max(progress.records_total, 1), progress.text)
                if gate is not None:
                    gate(progress, context.cancel)

            return syncing.sync_now(store, on_progress=on_progress, cancelled=context.cancel.is_set)

        self._holder = holder
        self._started = time.monotonic()
        self._task = self._runner.run_in_store(data_dir, work, on_success=self._finished, on_failure=self._crashed,
                                               owner=self)
        self._task.signals.progressed.connect(self._show_progress)
        self._ticker.start()
        self._set_running(True)
        self.progress.setRange(0, 0)  # busy until the first figures arrive
        self.progress_text.setText(self.tr("Connecting to the city office…"))
        return self._task

    @Slot()
    def cancel(self) -> None:
        if self._task is not None:
            self._task.cancel()
            self.cancel_button.setEnabled(False)
            self.progress_text.setText(self.tr("Stopping after the current item…"))

    def _set_running(self, running: bool) -> None:
        self.sync_button.setEnabled(not running and self._overview is not None and self._overview.enrolled)
        self.cancel_button.setVisible(running)
        self.cancel_button.setEnabled(running)
        self.progress.setVisible(running)
        self.progress_text.setVisible(running)

    @Slot()
    def _show_progress(self) -> None:
        latest = self._holder.get("latest")
        if latest is None:
            return
        self._latest = latest
        self.progress.setRange(0, max(latest.records_total, 1))
        self.progress.setValue(latest.records_done)
        seconds = max(time.monotonic() - self._started, 0.001)
        rate = latest.bytes_sent / seconds / 1024
        self.progress_text.setText(
            self.tr("%1 of %2 records, %3 of %4 photos, %5 sent (%6 KB/s)")
            .replace("%1", str(latest.records_done)).replace("%2", str(latest.records_total))
            .replace("%3", str(latest.photos_done)).replace("%4", str(latest.photos_total))
            .replace("%5", _size(latest.bytes_sent)).replace("%6", f"{rate:.0f}")
        )

    def _finished(self, report: SyncReport) -> None:
        self._task = None
        self._ticker.stop()
        self._last_report = report
        self._last_report_at = datetime.now(CHINA_TZ).strftime("%H:%M")
        self._set_running(False)
        wait = None if report.cancelled else self.auto.after(report)
        if self._auto_enabled and wait is not None:
            self._schedule(wait)
        self._fill_outcome()
        self.reload()
        self.synced.emit(report)

    def _crashed(self, exc: BaseException) -> None:
        """Not a network or office problem (those come back in the report): say what, keep going."""
        report = SyncReport(error=SyncError(f"上传时程序出错：{type(exc).__name__}: {exc}",
                                            f"The upload failed in the program: {type(exc).__name__}: {exc}",
                                            code="internal"))
        self._finished(report)

    def _schedule(self, seconds: float) -> None:
        self._next_at = time.monotonic() + seconds
        self._timer.start(int(seconds * 1000))
        self._fill_outcome()

    @Slot()
    def _auto_sync(self) -> None:
        """Quietly, when enrolled: what waits goes up, and what the office assigned comes down (so a run
        happens even when nothing waits here)."""
        overview = self._overview
        if overview is None or not overview.enrolled or self.auto.stopped:
            self._next_at = None
            self._fill_outcome()
            return
        self.sync_now()

    def changes_made(self) -> None:
        """Something new waits (a patrol saved, photos imported): upload soon if the office is reachable."""
        self.reload()
        if self._auto_enabled and not self.running and not self.auto.stopped and self.auto.failures == 0:
            self._schedule(AutoSync.FIRST_S)

    # -- texts -------------------------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        self.title.setText(self.tr("Sync with the city office"))
        self.intro.setText(self.tr("Records and photos are kept on this computer and sent to the city river "
                                   "chief office when there is a connection. Nothing is lost if the "
                                   "connection breaks: what did not arrive is sent again next time, never twice."))
        self.enroll_box.setTitle(self.tr("Enrol this computer (once)"))
        self.server_label.setText(self.tr("Office &address:"))
        self.server_edit.setPlaceholderText("https://hzb.pds.gov.cn:8750")
        self.code_label.setText(self.tr("Enrolment &code:"))
        self.code_edit.setPlaceholderText("XXXX-XXXX")
        self.name_label.setText(self.tr("This computer's &name:"))
        self.name_edit.setPlaceholderText(self.tr("e.g. Linzhuang village laptop"))
        self.enroll_button.setText(self.tr("&Enrol"))
        self.state_box.setTitle(self.tr("City office"))
        self.server_caption.setText(self.tr("Address:"))
        self.last_caption.setText(self.tr("Last upload arrived:"))
        self.pending_box.setTitle(self.tr("Waiting to upload"))
        self.pending_table.setHorizontalHeaderLabels([self.tr("What"), self.tr("Count")])
        self.sync_button.setText(self.tr("&Upload now"))
        self.cancel_button.setText(self.tr("&Stop"))
        self.rejected_box.setTitle(self.tr("Refused by the office"))
        self.rejected_table.setHorizontalHeaderLabels([self.tr("What"), self.tr("When"), self.tr("Reason")])
        self._fill()



def _size(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / 1024 / 1024:.1f} MB"
    return f"{n / 1024:.0f} KB"

