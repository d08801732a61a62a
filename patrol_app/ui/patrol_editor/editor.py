"""The patrol editor's shell: the header, the five tabs, the message line and the buttons.

A draft is edited freely and saved in the background; finalising locks it. A finalised patrol is
changed only through "Revise", which asks why and keeps the replaced version. Everything that reads
or writes the database runs in a worker; the editor holds the form and shows what came back. The
form is checked as it is typed: a refusal shown under it goes as soon as it is put right, and the
header's figures follow the form before anything is saved.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from patrol_app import patrolling
from patrol_app.domain.patrols import (
    PatrolForm,
    problem_items_marked,
    validate_final,
    validate_form,
    validate_revision_reason,
)
from patrol_app.domain.periods import CHINA_TZ
from patrol_app.domain.refusal import Refusal
from patrol_app.domain.registry import Profile
from patrol_app.paths import Library
from patrol_app.store import Store
from patrol_app.ui.dialogs.messages import show_error
from patrol_app.ui.i18n import current_language
from patrol_app.ui.patrol_editor import wording
from patrol_app.ui.patrol_editor.actions import EvidenceActions
from patrol_app.ui.patrol_editor.bundle import Bundle, read_for_load
from patrol_app.ui.patrol_editor.checklist_tab import ChecklistTab
from patrol_app.ui.patrol_editor.details_tab import DetailsTab
from patrol_app.ui.patrol_editor.evidence_tab import EvidenceTab
from patrol_app.ui.patrol_editor.history_tab import HistoryTab
from patrol_app.ui.patrol_editor.track_tab import TrackTab, warning_count
from patrol_app.ui.patrol_editor.wording import GREY, RED, span
from patrol_app.ui.patrol_models import status_text
from patrol_app.ui.tasks import TaskRunner, WorkContext
from patrol_app.ui.widgets import MessageLine, Retranslating, ask

LIVE_DELAY_MS = 150  # the figures follow the form this long after the last keystroke


class PatrolEditor(EvidenceActions, Retranslating, QWidget):
    """Signals:
    loaded(): a patrol (or a new one) is shown with fresh data from the database.
    saved(str): the patrol was written (its uuid); lists and the home page refresh.
    problem_requested(str): the user asked to see a problem reported from this patrol (its uuid).
    """

    loaded = Signal()
    saved = Signal(str)
    problem_requested = Signal(str)

    DETAILS, CHECKLIST, TRACK, EVIDENCE, HISTORY = range(5)

    def __init__(self, *, store: Store, runner: TaskRunner, now=None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._data_dir = store.data_dir
        self._runner = runner
        self._now = now or (lambda: datetime.now(UTC))
        self._profile: Profile | None = None
        self._bundle: Bundle | None = None
        self._analysis: patrolling.Analysis | None = None  # of the form as it stands, not as saved
        self._reach_line: tuple[tuple[float, float], ...] = ()
        self._uuid: str | None = None
        self._track_uuid: str | None = None
        self._generation = 0
        self._live_generation = 0
        self._live_running = False  # the figures of the latest form are being worked out
        self._loading = False
        self._notice = ""  # said once, under the form, when it is shown (e.g. photos left out of a proposal)
        self._standing = ""  # what the message line says when there is nothing else to say
        self._refusal: tuple[Refusal, Callable[[PatrolForm], None]] | None = None  # shown, and its check
        self._after_load: Callable[[], None] | None = None
        self._after_analysis: Callable[[], None] | None = None
        self._finalise_after_report = False
        self.viewer: QWidget | None = None  # the full-size photo view, while it is open
        self._pending_photos: list[str] = []
        self._revising = False
        self.busy = False

        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 14pt; font-weight: bold;")
        self.heading.setWordWrap(True)
        # Two lines kept for the figures: when "not valid: …" comes or goes, the tabs below stay put.
        self.summary = MessageLine(2, error=False)
        self.summary.setStyleSheet("")
        self.tabs = QTabWidget()
        self.details = DetailsTab()
        self.checklist = ChecklistTab()
        self.track = TrackTab()
        self.evidence = EvidenceTab(Library(store.data_dir))
        self.history = HistoryTab()
        for tab in (self.details, self.checklist, self.track, self.evidence, self.history):
            self.tabs.addTab(tab, "")
        # The fields, as the page and the tests reach them.
        self.reach, self.patroller, self.notes = self.details.reach, self.details.patroller, self.details.notes
        self.started, self.ended, self.distance = self.details.started, self.details.ended, self.details.distance
        self.check_groups = self.checklist.groups
        self.track_view = self.track.track_view
        self.photo_strip, self.problem_list = self.evidence.photo_strip, self.evidence.problem_list

        # Every button keeps its place: one not possible now is disabled and its tooltip says why.
        self.delete_button = QPushButton()
        self.cancel_revision_button = QPushButton()
        self.revise_button = QPushButton()
        self.save_button = QPushButton()
        self.finalise_button = QPushButton()
        self.finalise_button.setObjectName("primary")
        # Three lines kept free for messages (the longest, the checklist's, takes three at 1366 wide): one
        # appearing does not shrink the tabs and move their buttons from under the mouse.
        self.message = MessageLine(3, error=False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.delete_button)
        buttons.addWidget(self.cancel_revision_button)
        buttons.addStretch(1)
        for button in (self.revise_button, self.save_button, self.finalise_button):
            buttons.addWidget(button)

        # A locked record is read, not edited: its fields stay dark and legible instead of Qt's pale grey.
        self.setObjectName("patrolEditor")
        self.setStyleSheet("#patrolEditor QComboBox:disabled, #patrolEditor QDateTimeEdit:disabled, "
                           "#patrolEditor QDoubleSpinBox:disabled, #patrolEditor QLineEdit:disabled, "
                           "#patrolEditor QPlainTextEdit:disabled, #patrolEditor QRadioButton:disabled "
                           "{ color: #2b2b2b; }")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)

        self._live = QTimer(self)
        self._live.setSingleShot(True)
        self._live.setInterval(LIVE_DELAY_MS)
        self._live.timeout.connect(self._reanalyse)
        self.details.changed.connect(self._form_changed)
        self.checklist.changed.connect(self._form_changed)
        self.track.file_chosen.connect(self.import_track_file)
        self.track.from_photos_requested.connect(self.track_from_photos)
        self.track.remove_requested.connect(self.remove_track)
        self.evidence.offered_requested.connect(self.add_offered_photos)
        self.evidence.files_chosen.connect(self.add_photo_files)
        self.evidence.remove_requested.connect(self.remove_photos)
        self.evidence.report_requested.connect(self.report_problem)
        self.evidence.problem_opened.connect(self.problem_requested)
        self.evidence.photo_opened.connect(self.open_photo)
        self.save_button.clicked.connect(self._save_clicked)
        self.finalise_button.clicked.connect(self.ask_finalise)
        self.revise_button.clicked.connect(self.start_revision)
        self.cancel_revision_button.clicked.connect(self.cancel_revision)
        self.delete_button.clicked.connect(self.ask_delete)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut).activated.connect(
            lambda: self._save_clicked() if self.save_button.isEnabled() else None)
        self.retranslate_ui()
        self.setEnabled(False)

    # ---- loading ---------------------------------------------------------------------------------

    def set_profile(self, profile: Profile | None) -> None:
        self._profile = profile
        self._fill_reaches()

    def _fill_reaches(self) -> None:
        mine = set(self._profile.reach_codes) if self._profile else set()
        rows = self._store.registry.reach_rows("", None)
        self.details.fill_reaches([(r.code, r.name) for r in sorted(rows, key=lambda r: (r.code not in mine, r.code))])

    def open_patrol(self, uuid: str) -> None:
        self._uuid, self._pending_photos, self._revising = uuid, [], False
        self._load(None, None)

    def new_patrol(self, *, form: PatrolForm | None = None, track_uuid: str | None = None,
                   photos: list[str] | None = None, notice: str = "") -> None:
        """An unsaved patrol (nothing is written until Save): blank for this profile, or a proposal."""
        profile = self._profile
        if form is None:
            now = self._now().replace(second=0, microsecond=0)
            form = PatrolForm(
                reach_code=(profile.reach_codes[0] if profile and profile.reach_codes else
                            str(self.reach.itemData(0) or "")),
                patroller_name=profile.name if profile else "", started_at=now - timedelta(hours=1), ended_at=now,
            )
        if profile is not None:
            form = replace(form, profile_uuid=profile.uuid, patroller_role=profile.role.code,
                           rule_level=profile.rule_level.code, patroller_name=form.patroller_name or profile.name)
        self._uuid, self._pending_photos, self._revising = None, list(photos or []), False
        self._notice = notice
        self.tabs.setCurrentIndex(self.DETAILS)  # a new record starts at the top, not on the last tab used
        self._load(form, track_uuid)

    def _load(self, form: PatrolForm | None, track_uuid: str | None, *, manual: int | None = None) -> None:
        uuid, extra = self._uuid, list(self._pending_photos)

        def work(store: Store, context: WorkContext) -> Bundle:
            return read_for_load(store, uuid, form, track_uuid, extra, manual)

        # Each load supersedes the ones before: reads run on two threads and may come back out of order, and
        # what the form shows must always be the patrol the editor writes to.
        self._generation += 1
        generation = self._generation
        self._loading = True

        def shown(bundle: Bundle) -> None:
            if generation == self._generation:
                self._loading = False
                self._show(bundle)

        def failed(exc: BaseException) -> None:
            if generation == self._generation:
                self._loading = False
                show_error(self, exc)

        self._runner.run_in_store(self._data_dir, work, on_success=shown, on_failure=failed, owner=self)

    def _show(self, bundle: Bundle) -> None:
        self._bundle = bundle
        self._track_uuid = bundle.track_uuid
        self._analysis, self._reach_line = bundle.analysis, bundle.reach_line
        self._live.stop()
        self._live_generation += 1  # a figure still being worked out belongs to the form before this one
        self._live_running, self._after_analysis = False, None
        self._refusal = None
        form = bundle.form
        self.setEnabled(True)
        if self.reach.findData(form.reach_code) < 0:
            self._fill_reaches()
        self.details.show_form(form, distance_m=bundle.analysis.distance_m, has_track=bundle.track_uuid is not None)
        self.checklist.show_checklist(form.checklist)
        self.track.show_track(bundle.track, bundle.photos)
        self.evidence.show_evidence(bundle.photos, bundle.problems, bundle.offered)
        self.history.show_history(bundle.row, bundle.revisions)
        self._set_locked()
        hint = self.tr("Finalised records are locked. To correct one, use Revise… and say why.")
        self._standing = span(hint, GREY) if self.locked else ""
        self._fill_texts()
        self.message.setText(self._notice or self._standing)
        self._notice = ""
        self.loaded.emit()
        after, self._after_load = self._after_load, None
        if after is not None:
            after()

    @property
    def locked(self) -> bool:
        row = self._bundle.row if self._bundle else None
        return row is not None and row["status"] == "final" and not self._revising

    @property
    def final(self) -> bool:
        row = self._bundle.row if self._bundle else None
        return row is not None and row["status"] == "final"

    def _set_locked(self) -> None:
        locked, final, has_track = self.locked, self.final, self._track_uuid is not None
        self.details.set_locked(locked, has_track=has_track)
        self.checklist.set_locked(locked)
        self.track.set_locked(locked, has_track=has_track)
        self.evidence.set_final(final)
        saved = self._bundle is not None and self._bundle.row is not None
        self._enable(self.save_button, not final or self._revising,
                     self.tr("A finalised record is locked: to correct it, use Revise… and say why."))
        self._enable(self.finalise_button, not final, self.tr("This patrol is already finalised."))
        self._enable(self.revise_button, final and not self._revising,
                     self.tr("You are revising this record now.") if self._revising else
                     self.tr("A draft is changed directly: edit it and save."))
        self._enable(self.delete_button, saved and not final,
                     self.tr("A finalised patrol cannot be deleted.") if final else
                     self.tr("Not saved yet: there is nothing to delete. Open another patrol to leave it."))
        self.cancel_revision_button.setVisible(self._revising)  # on the left: nothing moves when it shows
        self.save_button.setText(self.tr("Save revision…") if self._revising else self.tr("Save draft (Ctrl+S)"))

    @staticmethod
    def _enable(button: QPushButton, enabled: bool, reason: str) -> None:
        button.setEnabled(enabled)
        button.setToolTip("" if enabled else reason)

    # ---- the form --------------------------------------------------------------------------------

    def form(self) -> PatrolForm:
        base = self._bundle.form if self._bundle else None
        return PatrolForm(
            **self.details.values(), checklist=self.checklist.checklist(),
            profile_uuid=base.profile_uuid if base else None, patroller_role=base.patroller_role if base else "",
            rule_level=base.rule_level if base else "village",
        )

    def has_unsaved_changes(self) -> bool:
        """Something typed or chosen that is not saved: a new patrol, or a form that differs from the record."""
        bundle = self._bundle
        if bundle is None or self.locked and not self._revising:
            return False
        # A proposal (its track, its photos) is work to keep; a blank form nobody touched is not,
        # and asking "discard your changes?" about it only confuses (issue 14).
        if bundle.row is None and (bundle.track_uuid or self._track_uuid or self._pending_photos):
            return True
        saved, now = bundle.form, self.form()
        if abs((saved.started_at - now.started_at).total_seconds()) >= 60 or abs(
                (saved.ended_at - now.ended_at).total_seconds()) >= 60:
            return True
        keys = ("reach_code", "patroller_name", "mode", "weather", "checklist", "notes", "on_behalf_of_name")
        if any(getattr(saved, k) != getattr(now, k) for k in keys):
            return True
        if bundle.row is None:
            return bool(self.manual_distance())
        if self._track_uuid != bundle.row["track_uuid"]:
            return True
        return self._track_uuid is None and self.manual_distance() != bundle.row["distance_m"]

    def manual_distance(self) -> int | None:
        return None if self._track_uuid else round(self.distance.value() * 1000)

    def mark_all_normal(self) -> None:
        self.checklist.mark_all_normal()

    def set_check(self, code: str, problem: bool) -> None:
        self.checklist.set_check(code, problem)

    @Slot()
    def _form_changed(self) -> None:
        if self._bundle is None or self._loading:
            return
        self._judge_again()
        self._fill_texts()
        self._live.start()

    def _judge_again(self) -> None:
        """A refusal on screen goes as soon as the form no longer earns it (or is updated: "10 items left")."""
        if self._refusal is None:
            return
        shown, check = self._refusal
        try:
            check(self.form())
        except Refusal as refusal:
            if refusal.code == shown.code:
                self._refuse(refusal, check, jump=False)
                return
        self._refusal = None
        self.message.setText(self._standing)

    def _refuse(self, refusal: Refusal, check: Callable[[PatrolForm], None], *, jump: bool = True) -> None:
        """Say why the form cannot be saved as asked, where the user will look, until it is put right."""
        self._refusal = (refusal, check)
        self.message.setText(span(refusal.text(current_language()), RED))
        if refusal.code == "patrol_checklist_incomplete":
            self.checklist.insist()
            if jump:
                self.tabs.setCurrentIndex(self.CHECKLIST)
        elif jump and refusal.code.startswith("patrol_"):
            self.tabs.setCurrentIndex(self.DETAILS)

    def _passes(self, check: Callable[[PatrolForm], None], form: PatrolForm) -> bool:
        try:
            check(form)
        except Refusal as refusal:
            self._refuse(refusal, check)
            return False
        return True

    # ---- live figures --------------------------------------------------------------------------------

    @Slot()
    def _reanalyse(self) -> None:
        """Work the checks out again for the form as it stands (reads the rule and the reach; writes nothing)."""
        bundle = self._bundle
        if bundle is None:
            return
        form, track, manual, measured = self.form(), bundle.track, self.manual_distance(), bundle.analysis.stats
        self._live_generation += 1
        live = self._live_generation
        self._live_running = True

        def work(store: Store, context: WorkContext) -> tuple[patrolling.Analysis, tuple]:
            return (patrolling.analyse_form(store, form, track, manual_distance_m=manual, measured=measured),
                    patrolling.reach_line(store, form.reach_code))

        def done(result: tuple[patrolling.Analysis, tuple]) -> None:
            if live != self._live_generation:
                return
            self._live_running = False
            self._analysis, self._reach_line = result
            self._fill_texts()
            after, self._after_analysis = self._after_analysis, None
            if after is not None:
                after()

        def failed(exc: BaseException) -> None:
            if live == self._live_generation:
                self._live_running = False
                self._after_analysis = None
                show_error(self, exc)

        self._runner.run_in_store(self._data_dir, work, on_success=done, on_failure=failed, owner=self)

    def _with_current_figures(self, then: Callable[[], None]) -> None:
        """Run `then` once the figures describe the form as it stands (at once, if they do already)."""
        if self._live.isActive() or self._live_running:
            self._live.stop()
            self._after_analysis = then
            self._reanalyse()
        else:
            then()

    # ---- finalising --------------------------------------------------------------------------------

    @Slot()
    def ask_finalise(self) -> None:
        """One path: what is missing is said first; then what will and will not count; then the question."""
        if self.busy or self._loading or self._bundle is None or self.final:
            return
        if not self._passes(self._final_check(), self.form()):
            return
        self._with_current_figures(self._finalise_questions)

    def _final_check(self) -> Callable[[PatrolForm], None]:
        now = self._now()
        return lambda form: validate_final(form, now)

    def _finalise_questions(self) -> None:
        """One question: what will count (and what not), then either "report the problem first?" (the
        checklist marks a problem none was reported for) or "finalise now?"."""
        form, bundle = self.form(), self._bundle
        if bundle is None:
            return
        facts = [self.validity_text(),
                 wording.warnings_sentence(warning_count(self._analysis) if self._analysis else 0)]
        marked = problem_items_marked(form.checklist)
        if marked and not bundle.problems:
            # The checklist says something was wrong but no problem was reported: the office would never hear.
            names = "、".join(item.name_in(current_language()) for item in marked)
            question = self.tr("These checklist items are marked as a problem, but no problem was reported from "
                               "this patrol: %1. Report it first?").replace("%1", names)
            answer = ask(self, self.tr("Finalise the patrol"), "\n\n".join(p for p in (*facts, question) if p),
                         [(QMessageBox.StandardButton.Yes, self.tr("Report a problem")),
                          (QMessageBox.StandardButton.No, self.tr("Finalise anyway")),
                          (QMessageBox.StandardButton.Cancel, self.tr("Cancel"))])
            if answer == QMessageBox.StandardButton.Yes:
                self._finalise_after_report = True  # once it is reported, the finalise goes on (asked again)
                self.report_problem()
            elif answer == QMessageBox.StandardButton.No:
                self.save(finalise=True)
            return
        question = self.tr("After finalising, the record is locked: later changes are kept as revisions with a "
                           "reason. Finalise now?")
        answer = ask(self, self.tr("Finalise the patrol"), "\n\n".join(p for p in (*facts, question) if p),
                     [(QMessageBox.StandardButton.Yes, self.tr("Finalise")),
                      (QMessageBox.StandardButton.Cancel, self.tr("Cancel"))])
        if answer == QMessageBox.StandardButton.Yes:
            self.save(finalise=True)

    def validity(self) -> patrolling.Validity | None:
        if self._bundle is None or self._analysis is None:
            return None
        return patrolling.validity(self.form(), self._analysis, self._bundle.rule)

    def validity_text(self) -> str:
        """Whether the patrol as it stands will count as valid (有效巡河), and if not, why not."""
        result = self.validity()
        return "" if result is None else wording.validity_sentence(result)

    # ---- saving ----------------------------------------------------------------------------------

    @Slot()
    def _save_clicked(self) -> None:
        if self._revising:
            self._ask_reason_and_save()
        else:
            self.save(finalise=False)

    def save(self, *, finalise: bool, reason: str | None = None, then: Callable[[], None] | None = None) -> None:
        if self.busy or self._loading:
            return
        form, uuid, track, manual = self.form(), self._uuid, self._track_uuid, self.manual_distance()
        photos, now = list(self._pending_photos), self._now()
        row = self._bundle.row if self._bundle else None
        version = int(row["version"]) if row else 0
        profile, revising = self._profile, self._revising
        # Refuse here, before anything runs: the reason stays on screen until the form is put right.
        if not self._passes(self._final_check() if finalise or revising else lambda f: validate_form(f, now), form):
            return
        revision = None
        if revising:
            try:
                validate_revision_reason(reason or "")
            except Refusal as refusal:
                self.message.setText(span(refusal.text(current_language()), RED))
                return
            revision = patrolling.Revision(reason or "", profile.uuid if profile else None,
                                           profile.name if profile else form.patroller_name)

        def work(store: Store, context: WorkContext) -> str:
            return patrolling.save_patrol(store, form, uuid=uuid, expected_version=version, now=now,
                                          track_uuid=track, manual_distance_m=manual, photos=photos,
                                          finalise=finalise, revision=revision)

        def done(saved_uuid: str) -> None:
            self._uuid, self._pending_photos, self._revising = saved_uuid, [], False
            self._notice = self._saved_text(form, now, finalise=finalise, revised=revision is not None)
            self._after_load = then
            self._load(None, None)
            self.saved.emit(saved_uuid)

        self._run(work, done, writes=True, after_switch=self.saved.emit)

    def _saved_text(self, form: PatrolForm, now: datetime, *, finalise: bool, revised: bool) -> str:
        """What was just done, plainly: "草稿已保存 14:32。还没有提交：…"."""
        at = now.astimezone(CHINA_TZ).strftime("%H:%M")
        if revised:
            return span(wording.revised(at), GREY)
        if finalise:
            return span(wording.finalised(at, self.validity_text()), GREY)
        try:
            validate_final(form, now)
        except Refusal as refusal:
            return span(wording.draft_saved(at, refusal.text(current_language())), GREY)
        return span(wording.draft_saved(at, ""), GREY)

    @Slot()
    def start_revision(self) -> None:
        self._revising = True
        self._set_locked()
        self._standing = span(self.tr("Revising: change what needs correcting, then save and give the reason. "
                                       "Cancel revision puts the record back as it was."), GREY)
        self.message.setText(self._standing)
        self._fill_texts()

    @Slot()
    def cancel_revision(self) -> None:
        """Back to the record as saved: what was changed since Revise… is dropped."""
        if not self._revising or self.busy:
            return
        self._revising = False
        self._notice = span(self.tr("Revision cancelled: the record is as it was."), GREY)
        self._load(None, None)

    def save_revision(self, reason: str) -> None:
        self.save(finalise=False, reason=reason)

    def ask_revision_reason(self) -> None:
        self._ask_reason_and_save()

    def _ask_reason_and_save(self) -> None:
        reason, ok = QInputDialog.getMultiLineText(self, self.tr("Why is the record changed?"),
                                                   self.tr("Reason for the change (kept with the record):"))
        if ok:
            self.save_revision(reason)

    @Slot()
    def ask_delete(self) -> None:
        if self._uuid is None:
            return
        answer = QMessageBox.question(self, self.tr("Delete draft"), self.tr("Delete this draft patrol?"))
        if answer != QMessageBox.StandardButton.Yes:
            return
        uuid = self._uuid
        version = int(self._bundle.row["version"]) if self._bundle and self._bundle.row else None

        def work(store: Store, context: WorkContext) -> str:
            store.patrols.discard_draft(uuid, expected_version=version)
            return uuid

        def done(deleted: str) -> None:
            self._uuid, self._bundle = None, None
            self.setEnabled(False)
            self.heading.setText(self.tr("Draft deleted."))
            self.summary.setText("")
            self.message.setText("")
            self.saved.emit(deleted)

        self._run(work, done, writes=True, after_switch=self.saved.emit)

    def _run(self, work, on_success, *, writes: bool = False, after_switch=None) -> None:  # noqa: ANN001
        """Run an action in the background: `work(store, context)` on the worker's own connection.
        Nothing starts while a patrol is still being read (the form would not match it), and a result that
        comes back after the user opened another patrol is not applied to that one (`after_switch(result)`,
        if given, runs instead)."""
        if self._loading:
            self.message.setText(self.tr("Still reading the patrol: try again in a moment."))
            return
        self.busy = True
        self.message.setText(self.tr("Working…"))
        generation = self._generation

        def done(result: Any) -> None:
            self.busy = False
            if generation != self._generation:
                if after_switch is not None:
                    after_switch(result)
                return
            self.message.setText(self._standing)
            on_success(result)

        def failed(exc: BaseException) -> None:
            self.busy = False
            self._after_load, self._finalise_after_report = None, False
            if generation != self._generation:
                show_error(self, exc)  # about a patrol no longer shown: say it in a box, not in this form
                return
            text = getattr(exc, "zh", None)
            if text is not None:  # a rule or a file said no: say why here, keep what was typed
                zh = current_language().startswith("zh")
                self.message.setText(span(exc.zh if zh else exc.en, RED))
                return
            self.message.setText(self._standing)
            show_error(self, exc)

        self._runner.run_in_store(self._data_dir, work, on_success=done, on_failure=failed, writes=writes, owner=self,
                                  progress_parent=self, progress_title=self.tr("Working"))

    # ---- texts -----------------------------------------------------------------------------------

    def _fill_texts(self) -> None:
        bundle, analysis = self._bundle, self._analysis
        if bundle is None or analysis is None:
            self.heading.setText(self.tr("Choose a patrol on the left, or make a new one."))
            self.summary.setText("")
            return
        row = bundle.row
        if row is None:
            self.heading.setText(self.tr("New patrol (not saved yet)"))
        else:
            revising = self.tr(" · revising") if self._revising else ""
            self.heading.setText(f"{self.reach.currentText()} · {status_text(row)}{revising}")
        form = self.form()
        figures = wording.figures(form.duration_s, analysis.distance_m, len(bundle.photos), warning_count(analysis))
        result = self.validity()
        if result is not None:
            figures += wording.validity_short(result)
        self.summary.setText(figures)
        self.track.show_analysis(analysis, self._reach_line, self.reach.currentText())

    def retranslate_ui(self) -> None:
        for i, text in enumerate((self.tr("Details"), self.tr("Checklist"), self.tr("Track"),
                                  self.tr("Photos && problems"), self.tr("History"))):
            self.tabs.setTabText(i, text)
        self.finalise_button.setText(self.tr("Finalise"))
        self.revise_button.setText(self.tr("Revise…"))
        self.cancel_revision_button.setText(self.tr("Cancel revision"))
        self.delete_button.setText(self.tr("Delete draft"))
        # The save button says "Save draft" or "Save revision…": as wide as the wider, so the buttons to its
        # left stay where they were when it changes.
        widths = []
        for text in (self.tr("Save revision…"), self.tr("Save draft (Ctrl+S)")):
            self.save_button.setText(text)
            widths.append(self.save_button.sizeHint().width())
        self.save_button.setMinimumWidth(max(widths))
        self._set_locked()
        if self._bundle is not None:
            self.history.show_history(self._bundle.row, self._bundle.revisions)
        self._fill_texts()

    @property
    def bundle(self) -> Bundle | None:
        return self._bundle

    @property
    def uuid(self) -> str | None:
        return self._uuid

    @property
    def revising(self) -> bool:
        return self._revising
