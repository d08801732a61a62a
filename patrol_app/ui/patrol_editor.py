"""The patrol editor: the form, the checklist, the track with its checks, photos and problems, history.

A draft is edited freely and saved in the background; finalising locks it. A finalised patrol is
changed only through "Revise", which asks why and keeps the replaced version. Everything that reads
or writes the database runs in a worker; the editor holds the form and shows what came back.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDateTime, Qt, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from patrol_app import patrolling
from patrol_app.domain.clock import TimeEvidence, clock_behind
from patrol_app.domain.enums import PatrolMode, Role
from patrol_app.domain.ids import parse_utc
from patrol_app.domain.patrols import (
    CHECKLIST,
    CheckResult,
    PatrolForm,
    Weather,
    problem_items_marked,
)
from patrol_app.domain.problems import ProblemState
from patrol_app.domain.registry import Profile
from patrol_app.geo.checks import Flag
from patrol_app.geo.track import Track
from patrol_app.paths import Library
from patrol_app.store import Store
from patrol_app.ui.dialogs.messages import show_error
from patrol_app.ui.dialogs.problem import SHANGHAI, ReportProblemDialog
from patrol_app.ui.evidence import IMAGE_FILTER, PhotoStrip, import_for_evidence
from patrol_app.ui.i18n import current_language
from patrol_app.ui.models import local_time
from patrol_app.ui.patrol_models import distance_text, duration_text, status_text
from patrol_app.ui.problem_models import item_name
from patrol_app.ui.tasks import TaskRunner, WorkContext
from patrol_app.ui.track_view import TrackView
from patrol_app.ui.widgets import Retranslating, ask

TRACK_FILTER = "*.gpx *.kml *.nmea *.nma *.txt *.log"


@dataclass
class Bundle:
    """Everything the editor shows of one patrol, read in one go by a worker."""

    row: dict[str, Any] | None
    form: PatrolForm
    track_uuid: str | None
    track: Track | None
    analysis: patrolling.Analysis
    reach_line: tuple[tuple[float, float], ...]
    photos: list[dict[str, Any]] = field(default_factory=list)
    problems: list[dict[str, Any]] = field(default_factory=list)
    revisions: list[dict[str, Any]] = field(default_factory=list)
    offered: int = 0


def read_bundle(store: Store, uuid: str | None, form: PatrolForm, track_uuid: str | None,
                extra_photos: list[str], manual_distance_m: int | None) -> Bundle:
    """Worker: the patrol as stored (uuid) or as being written (form), with its track analysed."""
    row = store.patrols.get(uuid) if uuid else None
    if row is not None and form is None:
        form = store.patrols.form(row)
    track = patrolling.load_track(store, track_uuid)
    line = patrolling.reach_line(store, form.reach_code)
    analysis = patrolling.analyse(track, mode=form.mode, rule=patrolling.rule_for(store, form.rule_level),
                                  reach_line=line, started_at=form.started_at, ended_at=form.ended_at,
                                  manual_distance_m=manual_distance_m)
    photos = store.patrols.photos(uuid) if uuid else []
    known = {p["uuid"] for p in photos}
    photos += [p for p in store.patrols.photo_rows(extra_photos) if p["uuid"] not in known]
    return Bundle(
        row, form, track_uuid, track, analysis, line, photos,
        store.patrols.problems(uuid) if uuid else [], store.patrols.revisions(uuid) if uuid else [],
        len(patrolling.offered_photos(store, form, uuid)),
    )


class PatrolEditor(Retranslating, QWidget):
    """Signals:
    loaded(): a patrol (or a new one) is shown with fresh data from the database.
    saved(str): the patrol was written (its uuid); lists and the home page refresh.
    """

    loaded = Signal()
    saved = Signal(str)

    def __init__(self, *, store: Store, runner: TaskRunner, now=None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._data_dir = store.data_dir
        self._runner = runner
        self._now = now or (lambda: datetime.now(UTC))
        self._profile: Profile | None = None
        self._bundle: Bundle | None = None
        self._uuid: str | None = None
        self._track_uuid: str | None = None
        self._generation = 0
        self._loading = False
        self._notice = ""  # said once, under the form, when it is shown (e.g. photos left out of a proposal)
        self._pending_photos: list[str] = []
        self._revising = False
        self.busy = False
        language = current_language()

        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 14pt; font-weight: bold;")
        self.heading.setWordWrap(True)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.tabs = QTabWidget()

        # Details
        self.reach = QComboBox()
        self.reach.setMinimumContentsLength(16)
        self.patroller = QLineEdit()
        self.on_behalf = QCheckBox()
        self.on_behalf_name = QLineEdit()
        self.started = self._time_edit()
        self.ended = self._time_edit()
        self.mode = QComboBox()
        for m in PatrolMode:
            self.mode.addItem(m.name_in(language), m.code)
        self.weather = QComboBox()
        self.weather.addItem("—", "")
        for w in Weather:
            self.weather.addItem(w.name_in(language), w.code)
        self.distance = QDoubleSpinBox()
        self.distance.setRange(0, 200)
        self.distance.setDecimals(3)  # to the metre: a typed distance is shown (and saved again) as it is
        self.distance.setSuffix(" km")
        self.notes = QPlainTextEdit()
        self.notes.setMaximumHeight(90)
        details = QWidget()
        self.details_form = QFormLayout(details)
        behalf = QHBoxLayout()
        behalf.addWidget(self.on_behalf)
        behalf.addWidget(self.on_behalf_name, 1)
        self._labels = [QLabel() for _ in range(9)]
        for label, widget in zip(self._labels, (self.reach, self.patroller, behalf, self.started, self.ended,
                                                self.mode, self.weather, self.distance, self.notes), strict=True):
            label.setBuddy(widget if isinstance(widget, QWidget) else self.on_behalf)
            self.details_form.addRow(label, widget)

        # Checklist
        checklist = QWidget()
        grid = QGridLayout(checklist)
        self.check_groups: dict[str, QButtonGroup] = {}
        self.check_names: list[QLabel] = []
        for row, item in enumerate(CHECKLIST):
            name = QLabel(item.name_in(language))
            self.check_names.append(name)
            normal, problem = QRadioButton(), QRadioButton()
            group = QButtonGroup(self)
            group.addButton(normal, 0)
            group.addButton(problem, 1)
            self.check_groups[item.code] = group
            grid.addWidget(name, row, 0)
            grid.addWidget(normal, row, 1)
            grid.addWidget(problem, row, 2)
        self.all_normal = QPushButton()
        grid.addWidget(self.all_normal, len(CHECKLIST), 0, 1, 3)
        grid.setColumnStretch(0, 1)
        check_scroll = QScrollArea()
        check_scroll.setWidgetResizable(True)
        check_scroll.setWidget(checklist)

        # Track
        self.track_view = TrackView()
        self.track_stats = QLabel()
        self.track_stats.setWordWrap(True)
        self.flags = QListWidget()
        self.flags.setWordWrap(True)
        self.gcj02 = QCheckBox()
        self.import_track_button = QPushButton()
        self.photo_track_button = QPushButton()
        self.remove_track_button = QPushButton()
        side_panel = QWidget()
        side_panel.setMaximumWidth(300)  # the map gets the rest of the width
        side = QVBoxLayout(side_panel)
        side.setContentsMargins(0, 0, 0, 0)
        side.addWidget(self.track_stats)
        side.addWidget(self.flags, 1)
        side.addWidget(self.gcj02)
        for button in (self.import_track_button, self.photo_track_button, self.remove_track_button):
            side.addWidget(button)
        track_tab = QWidget()
        track_layout = QHBoxLayout(track_tab)
        track_layout.addWidget(self.track_view, 1)
        track_layout.addWidget(side_panel)

        # Photos and problems
        self.photo_strip = PhotoStrip(Library(store.data_dir))
        self.offered_button = QPushButton()
        self.add_files_button = QPushButton()
        self.remove_photo_button = QPushButton()
        self.problem_list = QListWidget()
        self.report_button = QPushButton()
        self.photos_title, self.problems_title = QLabel(), QLabel()
        photo_buttons = QHBoxLayout()
        for button in (self.offered_button, self.add_files_button, self.remove_photo_button):
            photo_buttons.addWidget(button)
        photo_buttons.addStretch(1)
        evidence = QWidget()
        evidence_layout = QVBoxLayout(evidence)
        evidence_layout.addWidget(self.photos_title)
        evidence_layout.addWidget(self.photo_strip)
        evidence_layout.addLayout(photo_buttons)
        evidence_layout.addWidget(self.problems_title)
        evidence_layout.addWidget(self.problem_list, 1)
        evidence_layout.addWidget(self.report_button, 0, Qt.AlignmentFlag.AlignLeft)

        # History
        self.history = QListWidget()
        self.history.setWordWrap(True)

        for tab in (details, check_scroll, track_tab, evidence, self.history):
            self.tabs.addTab(tab, "")

        self.save_button = QPushButton()
        self.finalise_button = QPushButton()
        self.finalise_button.setObjectName("primary")
        self.revise_button = QPushButton()
        self.delete_button = QPushButton()
        self.message = QLabel()
        self.message.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.delete_button)
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

        self.all_normal.clicked.connect(self.mark_all_normal)
        self.import_track_button.clicked.connect(self.choose_track_file)
        self.photo_track_button.clicked.connect(self.track_from_photos)
        self.remove_track_button.clicked.connect(self.remove_track)
        self.offered_button.clicked.connect(self.add_offered_photos)
        self.add_files_button.clicked.connect(self.choose_photo_files)
        self.remove_photo_button.clicked.connect(self.remove_selected_photos)
        self.report_button.clicked.connect(self.report_problem)
        self.save_button.clicked.connect(self._save_clicked)
        self.finalise_button.clicked.connect(self.ask_finalise)
        self.revise_button.clicked.connect(self.start_revision)
        self.delete_button.clicked.connect(self.ask_delete)
        self.on_behalf.toggled.connect(self.on_behalf_name.setEnabled)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut).activated.connect(
            lambda: self._save_clicked() if self.save_button.isVisible() else None)
        self.retranslate_ui()
        self.setEnabled(False)

    @staticmethod
    def _time_edit() -> QDateTimeEdit:
        edit = QDateTimeEdit()
        edit.setTimeZone(SHANGHAI)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd HH:mm")
        return edit

    # ---- loading ---------------------------------------------------------------------------------

    def set_profile(self, profile: Profile | None) -> None:
        self._profile = profile
        self._fill_reaches()

    def _fill_reaches(self) -> None:
        mine = set(self._profile.reach_codes) if self._profile else set()
        current = self.reach.currentData()
        self.reach.blockSignals(True)
        self.reach.clear()
        rows = self._store.registry.reach_rows("", None)
        for row in sorted(rows, key=lambda r: (r.code not in mine, r.code)):
            self.reach.addItem(row.name, row.code)
        if current:
            self.reach.setCurrentIndex(max(0, self.reach.findData(current)))
        self.reach.blockSignals(False)

    def open_patrol(self, uuid: str) -> None:
        self._uuid, self._pending_photos, self._revising = uuid, [], False
        self._load(None, None)

    def new_patrol(self, *, form: PatrolForm | None = None, track_uuid: str | None = None,
                   photos: list[str] | None = None, notice: str = "") -> None:
        """An unsaved patrol (nothing is written until Save): blank for this profile, or a proposal."""
        profile = self._profile
        if form is None:
            now = self._now()
            form = PatrolForm(
                reach_code=(profile.reach_codes[0] if profile and profile.reach_codes else
                            str(self.reach.itemData(0) or "")),
                patroller_name=profile.name if profile else "", started_at=now.replace(second=0, microsecond=0)
                - timedelta(hours=1), ended_at=now.replace(second=0, microsecond=0),
            )
        form = self._with_profile(form)
        self._uuid, self._pending_photos, self._revising = None, list(photos or []), False
        self._notice = notice
        self._load(form, track_uuid)

    def _with_profile(self, form: PatrolForm) -> PatrolForm:
        profile = self._profile
        if profile is None:
            return form
        from dataclasses import replace

        return replace(form, profile_uuid=profile.uuid, patroller_role=profile.role.code,
                       rule_level=profile.rule_level.code, patroller_name=form.patroller_name or profile.name)

    def _load(self, form: PatrolForm | None, track_uuid: str | None, *, manual: int | None = None) -> None:
        uuid, extra, data_dir = self._uuid, list(self._pending_photos), self._data_dir

        def work(context: WorkContext) -> Bundle:
            with Store.connect(data_dir) as store:
                row = store.patrols.get(uuid) if uuid else None
                use_form = form or (store.patrols.form(row) if row else None)
                use_track = track_uuid if form is not None else (row["track_uuid"] if row else None)
                use_manual = manual if manual is not None else (
                    row["distance_m"] if row and not use_track else None)
                return read_bundle(store, uuid, use_form, use_track, extra, use_manual)

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

        self._runner.run(work, on_success=shown, on_failure=failed, owner=self)

    def _show(self, bundle: Bundle) -> None:
        self._bundle = bundle
        self._track_uuid = bundle.track_uuid
        form = bundle.form
        self.setEnabled(True)
        index = self.reach.findData(form.reach_code)
        if index < 0:
            self._fill_reaches()
            index = self.reach.findData(form.reach_code)
        if index < 0:  # a reach no longer in the register: keep it, never move the patrol to another reach
            self.reach.addItem(form.reach_code, form.reach_code)
            index = self.reach.count() - 1
        self.reach.setCurrentIndex(max(0, index))
        self.patroller.setText(form.patroller_name)
        is_assistant = form.patroller_role == Role.CHIEF_ASSISTANT.code
        self.on_behalf.setVisible(is_assistant)
        self.on_behalf_name.setVisible(is_assistant)
        self._labels[2].setVisible(is_assistant)
        self.on_behalf.setChecked(bool(form.on_behalf_of_name))
        self.on_behalf_name.setText(form.on_behalf_of_name)
        self.on_behalf_name.setEnabled(bool(form.on_behalf_of_name))
        self.started.setDateTime(QDateTime.fromSecsSinceEpoch(int(form.started_at.timestamp()), SHANGHAI))
        self.ended.setDateTime(QDateTime.fromSecsSinceEpoch(int(form.ended_at.timestamp()), SHANGHAI))
        self.mode.setCurrentIndex(max(0, self.mode.findData(form.mode)))
        self.weather.setCurrentIndex(max(0, self.weather.findData(form.weather)))
        self.distance.setValue(bundle.analysis.distance_m / 1000)
        self.notes.setPlainText(form.notes)
        for code, group in self.check_groups.items():
            value = form.checklist.get(code)
            group.setExclusive(False)
            for button in group.buttons():
                button.setChecked(False)
            group.setExclusive(True)
            if value is not None:
                group.button(0 if value == CheckResult.NORMAL.code else 1).setChecked(True)
        self._show_track(bundle)
        self.photo_strip.set_photos(bundle.photos)
        self.problem_list.clear()
        language = current_language()
        for problem in bundle.problems:
            state = ProblemState(problem["state"]).name_in(language) if problem["state"] else ""
            self.problem_list.addItem(f"{item_name(problem['code'])} · {state} · {problem['description'][:40]}")
        self._show_history(bundle)
        self._fill_texts()
        self._set_locked()
        hint = self.tr("Finalised records are locked. To correct one, use Revise… and say why.")
        self.message.setText(f"<span style='color:#4a5a6a'>{hint}</span>" if self.locked else self._notice)
        self._notice = ""
        self.loaded.emit()

    def _show_track(self, bundle: Bundle) -> None:
        track, analysis = bundle.track, bundle.analysis
        segments = [[(p.lat, p.lon) for p in seg] for seg in track.segment_points()] if track else []
        photos = [(p["lat"], p["lon"]) for p in bundle.photos if p["lat"] is not None]
        flags = [f.at for f in analysis.flags if f.at]
        reach_name = self.reach.currentText()
        self.track_view.set_data(segments=segments, reach_line=bundle.reach_line, reach_name=reach_name,
                                 photos=photos, flags=flags)
        self.flags.clear()
        for flag in analysis.flags:
            self.flags.addItem(self._flag_item(flag))
        if not analysis.flags:
            self.flags.addItem(QListWidgetItem(
                self.style().standardIcon(self.style().StandardPixmap.SP_DialogApplyButton),
                self.tr("No warnings: times, distance, speed and route look like a normal patrol.")))

    def _flag_item(self, flag: Flag) -> QListWidgetItem:
        text = flag.zh if current_language().startswith("zh") else flag.en
        icon = self.style().standardIcon(
            self.style().StandardPixmap.SP_MessageBoxWarning if flag.severity == "warning"
            else self.style().StandardPixmap.SP_MessageBoxInformation)
        item = QListWidgetItem(icon, text)
        item.setToolTip(flag.en if current_language().startswith("zh") else flag.zh)
        return item

    def _show_history(self, bundle: Bundle) -> None:
        self.history.clear()
        row = bundle.row
        if row is None:
            self.history.addItem(self.tr("Not saved yet."))
            return
        self.history.addItem(self.tr("Created %1").replace("%1", local_time(parse_utc(row["created_at"]))))
        if row["finalised_at"]:
            self.history.addItem(self.tr("Finalised %1").replace("%1", local_time(parse_utc(row["finalised_at"]))))
        for revision in bundle.revisions:
            self.history.addItem(
                self.tr("Revision %1 on %2 by %3: %4").replace("%1", str(revision["revision"]))
                .replace("%2", local_time(parse_utc(revision["created_at"]))).replace("%3", revision["by_name"])
                .replace("%4", revision["reason"]))

    @property
    def locked(self) -> bool:
        row = self._bundle.row if self._bundle else None
        return row is not None and row["status"] == "final" and not self._revising

    def _set_locked(self) -> None:
        locked = self.locked
        has_track = self._track_uuid is not None
        for widget in (self.reach, self.patroller, self.on_behalf, self.started, self.ended, self.mode, self.weather,
                       self.notes, self.all_normal, self.import_track_button, self.photo_track_button, self.gcj02):
            widget.setEnabled(not locked)
        self.on_behalf_name.setEnabled(not locked and self.on_behalf.isChecked())
        self.distance.setEnabled(not locked and not has_track)
        self.remove_track_button.setEnabled(not locked and has_track)
        for group in self.check_groups.values():
            for button in group.buttons():
                button.setEnabled(not locked)
        row = self._bundle.row if self._bundle else None
        final = row is not None and row["status"] == "final"
        self.save_button.setVisible(not final or self._revising)
        self.finalise_button.setVisible(not final)
        self.revise_button.setVisible(final and not self._revising)
        self.delete_button.setVisible(row is not None and not final)
        # Photos change only on a draft: a finalised record's evidence is part of what was finalised.
        for button in (self.offered_button, self.add_files_button, self.remove_photo_button):
            button.setEnabled(not final)
        self.report_button.setEnabled(True)

    # ---- the form --------------------------------------------------------------------------------

    def form(self) -> PatrolForm:
        base = self._bundle.form if self._bundle else None
        checklist = {}
        for code, group in self.check_groups.items():
            if group.checkedId() == 0:
                checklist[code] = CheckResult.NORMAL.code
            elif group.checkedId() == 1:
                checklist[code] = CheckResult.PROBLEM.code
        return PatrolForm(
            reach_code=str(self.reach.currentData() or ""), patroller_name=self.patroller.text().strip(),
            started_at=datetime.fromtimestamp(self.started.dateTime().toSecsSinceEpoch(), UTC),
            ended_at=datetime.fromtimestamp(self.ended.dateTime().toSecsSinceEpoch(), UTC),
            mode=str(self.mode.currentData()), weather=str(self.weather.currentData() or ""), checklist=checklist,
            notes=self.notes.toPlainText().strip(),
            profile_uuid=base.profile_uuid if base else None, patroller_role=base.patroller_role if base else "",
            rule_level=base.rule_level if base else "village",
            on_behalf_of_name=self.on_behalf_name.text().strip() if self.on_behalf.isChecked() else "",
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

    @Slot()
    def mark_all_normal(self) -> None:
        for group in self.check_groups.values():
            if group.checkedId() < 0:
                group.button(0).setChecked(True)

    def set_check(self, code: str, problem: bool) -> None:
        self.check_groups[code].button(1 if problem else 0).setChecked(True)

    # ---- track -----------------------------------------------------------------------------------

    @Slot()
    def choose_track_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose a track file"), "",
            self.tr("Track files (%1);;All files (*)").replace("%1", TRACK_FILTER))
        if name:
            self.import_track_file(Path(name), gcj02=self.gcj02.isChecked())

    def import_track_file(self, path: Path, *, gcj02: bool = False) -> None:
        """Read the file in the background and use its track; the patrol's times follow the track's."""
        data_dir, crs, patrol_uuid = self._data_dir, "gcj02" if gcj02 else "wgs84", self._uuid

        def work(context: WorkContext) -> tuple[str, Track]:
            import hashlib

            from patrol_app.geo.readers import read_track_bytes, read_track_file

            data = read_track_file(path)  # refuses a file over MAX_BYTES before reading it, like the CLI
            track = read_track_bytes(data, path.name, crs=crs)
            with Store.connect(data_dir) as store:
                uuid, _ = store.patrols.add_track(patrolling.track_values(
                    track, file_sha256=hashlib.sha256(data).hexdigest(), file_name=path.name, crs_in=crs))
                patrolling.refuse_track_of_another(store, uuid, patrol_uuid)
            return uuid, track

        self._run(work, self._use_track, writes=True)

    def _use_track(self, result: tuple[str, Track]) -> None:
        uuid, track = result
        form = self.form()
        times = [p.time for p in track.points if p.time is not None]
        if times:
            from dataclasses import replace

            form = replace(form, started_at=min(times), ended_at=max(times))
            # Track times are GPS times: a laptop clock behind them is wrong, and saving would only say
            # "the start is in the future". Say what is wrong and what to do, under the form.
            warning = clock_behind(self._now(), [TimeEvidence(gps=max(times), subject="track")])
            if warning is not None:
                text = warning.message_zh if current_language().startswith("zh") else warning.message_en
                self._notice = f"<span style='color:#a61b1b; font-weight:bold'>{html.escape(text)}</span>"
        self._load(form, uuid)

    @Slot()
    def track_from_photos(self) -> None:
        photos = self.photo_strip.photo_uuids()
        reaches = [str(self.reach.currentData())]
        data_dir = self._data_dir

        def work(context: WorkContext) -> tuple[str, Track] | None:
            with Store.connect(data_dir) as store:
                proposal = patrolling.propose_from_photos(store, photos, reaches)
                uuid = patrolling.keep_photo_track(store, proposal)
                return (uuid, proposal.track) if uuid and proposal.track else None

        def done(result: tuple[str, Track] | None) -> None:
            if result is None:
                self.message.setText(self.tr("At least two of the patrol's photos need a GPS position to make a "
                                             "track."))
                return
            self._use_track(result)

        self._run(work, done, writes=True)

    @Slot()
    def remove_track(self) -> None:
        self._load(self.form(), None, manual=0)

    # ---- photos and problems ---------------------------------------------------------------------

    @Slot()
    def add_offered_photos(self) -> None:
        form, uuid, data_dir = self.form(), self._uuid, self._data_dir

        def work(context: WorkContext) -> list[str]:
            with Store.connect(data_dir) as store:  # not those another patrol already has
                return [p["uuid"] for p in patrolling.offered_photos(store, form, uuid) if not p["linked"]]

        self._run(work, self.add_photos)

    def add_photos(self, photo_uuids: list[str]) -> None:
        """Add photos to the patrol: at once for a saved one, on first save for a new one."""
        if not photo_uuids:
            self.message.setText(self.tr("No other photos were taken during this patrol."))
            return
        if self._uuid is None:
            self._pending_photos += [p for p in photo_uuids if p not in self._pending_photos]
            self._load(self.form(), self._track_uuid, manual=self.manual_distance())
            return
        uuid, data_dir = self._uuid, self._data_dir

        def work(context: WorkContext) -> int:
            with Store.connect(data_dir) as store:
                return patrolling.link_photos(store, uuid, photo_uuids)

        self._run(work, lambda n: self._load(self.form(), self._track_uuid, manual=self.manual_distance()),
                  writes=True)

    @Slot()
    def choose_photo_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Choose photos"), "", self.tr("Photos (%1);;All files (*)").replace("%1", IMAGE_FILTER))
        if names:
            data_dir, files = self._data_dir, [Path(n) for n in names]
            self._run(lambda context: import_for_evidence(data_dir, files, context),
                      lambda attached: self.add_photos([r["uuid"] for r in attached.photos]), writes=True)

    @Slot()
    def remove_selected_photos(self) -> None:
        chosen = [item.data(Qt.ItemDataRole.UserRole)["uuid"] for item in self.photo_strip.selectedItems()]
        if not chosen:
            return
        if self._uuid is None:
            self._pending_photos = [p for p in self._pending_photos if p not in chosen]
            self._load(self.form(), self._track_uuid, manual=self.manual_distance())
            return
        uuid, data_dir = self._uuid, self._data_dir

        def work(context: WorkContext) -> None:
            with Store.connect(data_dir) as store:
                for photo in chosen:
                    store.patrols.unlink_photo(uuid, photo)

        self._run(work, lambda _: self._load(self.form(), self._track_uuid, manual=self.manual_distance()),
                  writes=True)

    @Slot()
    def report_problem(self) -> None:
        if self._profile is None:
            return
        if self._uuid is None:
            self.message.setText(self.tr("Save the patrol first, then report what you found."))
            return
        marked = problem_items_marked(self.form().checklist)
        dialog = ReportProblemDialog(store=self._store, runner=self._runner, profile=self._profile,
                                     patrol_uuid=self._uuid, parent=self)
        dialog.preset(reach_code=str(self.reach.currentData()), item_code=marked[0].problem_item if marked else None,
                      found_at=self.form().started_at)
        dialog.saved.connect(self._problem_reported)
        dialog.open()

    @Slot(object)
    def _problem_reported(self, _uuid: object) -> None:
        self.reload()
        self.saved.emit(self._uuid or "")

    def reload(self) -> None:
        if self._uuid:
            keep = self._revising
            self._load(None, None)
            self._revising = keep

    # ---- saving ----------------------------------------------------------------------------------

    @Slot()
    def ask_finalise(self) -> None:
        marked = problem_items_marked(self.form().checklist)
        if marked and self._bundle is not None and not self._bundle.problems:
            # The checklist says something was wrong but no problem was reported: the office would never hear.
            answer = ask(self, self.tr("Finalise the patrol"),
                         self.tr("These checklist items are marked as a problem, but no problem was "
                                 "reported from this patrol: %1. Report it first?")
                         .replace("%1", "、".join(item.name_in(current_language()) for item in marked)),
                         [(QMessageBox.StandardButton.Yes, self.tr("Report a problem")),
                          (QMessageBox.StandardButton.No, self.tr("Finalise anyway")),
                          (QMessageBox.StandardButton.Cancel, self.tr("Cancel"))])
            if answer == QMessageBox.StandardButton.Yes:
                self.report_problem()  # a patrol not saved yet says to save it first
                return
            if answer != QMessageBox.StandardButton.No:
                return
            self.save(finalise=True)
            return
        answer = QMessageBox.question(
            self, self.tr("Finalise the patrol"),
            self.tr("After finalising, the record is locked: later changes are kept as revisions with a reason. "
                    "Finalise now?"))
        if answer == QMessageBox.StandardButton.Yes:
            self.save(finalise=True)

    @Slot()
    def _save_clicked(self) -> None:
        if self._revising:
            self._ask_reason_and_save()
        else:
            self.save(finalise=False)

    def save(self, *, finalise: bool, reason: str | None = None) -> None:
        if self.busy or self._loading:
            return
        form, uuid, track, manual = self.form(), self._uuid, self._track_uuid, self.manual_distance()
        photos, now = list(self._pending_photos), self._now()
        row = self._bundle.row if self._bundle else None
        version = int(row["version"]) if row else 0
        profile = self._profile
        revising = self._revising

        revision = patrolling.Revision(reason or "", profile.uuid if profile else None,
                                       profile.name if profile else form.patroller_name) if revising else None

        def work(store: Store, context: WorkContext) -> str:
            return patrolling.save_patrol(store, form, uuid=uuid, expected_version=version, now=now,
                                          track_uuid=track, manual_distance_m=manual, photos=photos,
                                          finalise=finalise, revision=revision)

        def done(saved_uuid: str) -> None:
            self._uuid, self._pending_photos, self._revising = saved_uuid, [], False
            self._load(None, None)
            self.saved.emit(saved_uuid)

        self._run(work, done, writes=True, after_switch=self.saved.emit, in_store=True)

    @Slot()
    def start_revision(self) -> None:
        self._revising = True
        self._set_locked()
        self.save_button.setText(self.tr("Save revision…"))
        self.message.setText(self.tr("Revising: change what needs correcting, then save and give the reason."))

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
        uuid, data_dir = self._uuid, self._data_dir
        version = int(self._bundle.row["version"]) if self._bundle and self._bundle.row else None

        def work(context: WorkContext) -> str:
            with Store.connect(data_dir) as store:
                store.patrols.discard_draft(uuid, expected_version=version)
            return uuid

        def done(deleted: str) -> None:
            self._uuid, self._bundle = None, None
            self.setEnabled(False)
            self.heading.setText(self.tr("Draft deleted."))
            self.saved.emit(deleted)

        self._run(work, done, writes=True, after_switch=self.saved.emit)

    def _run(self, work, on_success, *, writes: bool = False, after_switch=None,  # noqa: ANN001
             in_store: bool = False) -> None:
        """Run an action in the background. Nothing starts while a patrol is still being read (the form would
        not match it), and a result that comes back after the user opened another patrol is not applied to
        that one (`after_switch(result)`, if given, runs instead)."""
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
            self.message.setText("")
            on_success(result)

        def failed(exc: BaseException) -> None:
            self.busy = False
            if generation != self._generation:
                show_error(self, exc)  # about a patrol no longer shown: say it in a box, not in this form
                return
            text = getattr(exc, "zh", None)
            if text is not None:  # a rule or a file said no: say why here, keep what was typed
                zh = current_language().startswith("zh")
                self.message.setText(f"<span style='color:#a61b1b; font-weight:bold'>"
                                     f"{exc.zh if zh else exc.en}</span>")
                return
            self.message.setText("")
            show_error(self, exc)

        kwargs = dict(on_success=done, on_failure=failed, writes=writes, owner=self, progress_parent=self,
                      progress_title=self.tr("Working"))
        if in_store:
            self._runner.run_in_store(self._data_dir, work, **kwargs)
        else:
            self._runner.run(work, **kwargs)

    # ---- texts -----------------------------------------------------------------------------------

    def _fill_texts(self) -> None:
        bundle = self._bundle
        if bundle is None:
            self.heading.setText(self.tr("Choose a patrol on the left, or make a new one."))
            self.summary.setText("")
            return
        row = bundle.row
        if row is None:
            self.heading.setText(self.tr("New patrol (not saved yet)"))
        else:
            self.heading.setText(f"{self.reach.currentText()} · {status_text(row)}")
        analysis = bundle.analysis
        form = bundle.form
        warnings = sum(f.severity == "warning" for f in analysis.flags)
        self.summary.setText(
            self.tr("%1 · %2 · %3 photo(s) · %4 warning(s)").replace("%1", duration_text(form.duration_s))
            .replace("%2", distance_text(analysis.distance_m)).replace("%3", str(len(bundle.photos)))
            .replace("%4", str(warnings)))
        stats = analysis.stats
        if stats is None:
            self.track_stats.setText(self.tr("No track."))
        else:
            coverage = "—" if analysis.coverage is None else f"{analysis.coverage * 100:.0f}%"
            self.track_stats.setText(
                self.tr("Points: %1, segments: %2\nDistance: %3\nMoving time: %4\nReach covered: %5")
                .replace("%1", str(stats.points)).replace("%2", str(stats.segments))
                .replace("%3", distance_text(stats.distance_m)).replace("%4", duration_text(stats.moving_s))
                .replace("%5", coverage))
        self.offered_button.setText(self.tr("Add photos taken during the patrol (%1)").replace(
            "%1", str(bundle.offered)))
        self.photos_title.setText(self.tr("Photos of this patrol: %1").replace("%1", str(len(bundle.photos))))
        self.problems_title.setText(self.tr("Problems found on this patrol: %1").replace(
            "%1", str(len(bundle.problems))))

    def retranslate_ui(self) -> None:
        texts = (self.tr("&Reach"), self.tr("&Patroller"), self.tr("For the chief"), self.tr("&Start"),
                 self.tr("&End"), self.tr("&Mode"), self.tr("&Weather"), self.tr("&Distance"), self.tr("&Notes"))
        for label, text in zip(self._labels, texts, strict=True):
            label.setText(text)
        self.on_behalf.setText(self.tr("Patrolled on behalf of chief:"))
        language = current_language()
        for i, mode in enumerate(PatrolMode):
            self.mode.setItemText(i, mode.name_in(language))
        for i, weather in enumerate(Weather, start=1):
            self.weather.setItemText(i, weather.name_in(language))
        for label, item in zip(self.check_names, CHECKLIST, strict=True):
            label.setText(item.name_in(language))
        for group in self.check_groups.values():
            group.button(0).setText(self.tr("Normal"))
            group.button(1).setText(self.tr("Problem"))
        self.all_normal.setText(self.tr("Mark all unanswered items Normal"))
        for i, text in enumerate((self.tr("Details"), self.tr("Checklist"), self.tr("Track"),
                                  self.tr("Photos && problems"), self.tr("History"))):
            self.tabs.setTabText(i, text)
        self.gcj02.setText(self.tr("From a Chinese map app (GCJ-02)"))
        self.gcj02.setToolTip(self.tr("Tracks exported from Amap, Baidu or Tencent maps are shifted by a few hundred "
                                      "metres; tick this to shift them back."))
        self.import_track_button.setText(self.tr("Import track file…"))
        self.photo_track_button.setText(self.tr("Make a track from the photos' positions"))
        self.remove_track_button.setText(self.tr("Remove track"))
        self.add_files_button.setText(self.tr("Add photo files…"))
        self.remove_photo_button.setText(self.tr("Remove selected photos"))
        self.report_button.setText(self.tr("Report a problem found on this patrol…"))
        self.save_button.setText(self.tr("Save draft (Ctrl+S)"))
        self.finalise_button.setText(self.tr("Finalise"))
        self.revise_button.setText(self.tr("Revise…"))
        self.delete_button.setText(self.tr("Delete draft"))
        self.distance.setToolTip(self.tr("Only when there is no track: the distance is then taken from the track."))
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

