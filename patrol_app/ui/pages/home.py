"""Home: for the current profile's reaches, this period's required vs done patrols, and who is behind.

A liaison unit's profile (对口联系单位) patrols nothing: its home is the quarter's covert inspections instead —
the reaches it must inspect, which are covered, the days left, and how its findings are being put right.
A maintenance crew's (管护单位) is its month: what its contracts ask and what its logs did, and its tasks.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale, Qt, Signal, Slot
from PySide6.QtGui import QBrush, QKeySequence, QShortcut
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from patrol_app.dashboard import HomeSummary, YearSummary, home_summary, record_start, year_summary
from patrol_app.domain.covert import quarter_of
from patrol_app.domain.enums import Role
from patrol_app.domain.ids import parse_utc, utc_now
from patrol_app.domain.periods import CHINA_TZ, Period
from patrol_app.domain.problems import ProblemState
from patrol_app.domain.registry import Profile
from patrol_app.store import Store
from patrol_app.ui import style
from patrol_app.ui.columns import Elide, Extra, Fit, lay_out_columns
from patrol_app.ui.dialogs.messages import show_error
from patrol_app.ui.i18n import current_language
from patrol_app.ui.models import HomeReachModel, RowTableModel, YearModel, local_time, period_word
from patrol_app.ui.tasks import TaskRunner, WorkContext
from patrol_app.ui.widgets import Card, Retranslating, page_title, subtitle, table_view


@dataclass(frozen=True)
class CovertLine:
    """One reach the unit must inspect this quarter: the home table's row."""

    code: str
    name: str
    chiefs: str  # the assisted chiefs holding it, by name
    visits: int  # submitted inspections that visited it this quarter
    last_visit: datetime | None  # the latest of those
    joined: datetime | None  # owed since this moment of the quarter (added mid-quarter)

    @property
    def covered(self) -> bool:
        return self.visits > 0


@dataclass(frozen=True)
class CovertReminder:
    """A liaison unit's quarter at a glance (暗访): which owed reaches no submitted inspection covered yet,
    and how the unit's findings (problems with source 暗访 it reported) stand."""

    quarter: Period
    required: int
    uncovered: list[str]  # reach names (codes when unnamed)
    days_left: int
    reminder: int | None  # 30, 14 or 3 (domain.covert.REMINDER_DAYS) when that few days are left
    lines: tuple[CovertLine, ...] = ()
    findings_open: int = 0
    findings_major_open: int = 0
    findings_overdue: int = 0


def covert_reminder(store: Store, profile: Profile, now: datetime) -> CovertReminder | None:
    """For a liaison profile (None otherwise, or when the register has no such unit). No passphrase needed:
    coverage counts submitted inspections; protected drafts are simply not read."""
    if profile.role is not Role.LIAISON_INSPECTOR:
        return None
    units = {u.uuid for u in store.covert.units_for(profile)}
    if not units:
        return None
    cover = store.covert.coverage(units, quarter_of(now), now=now)
    codes = [line.reach_code for line in cover.lines]
    names = {r.code: r.name for r in store.registry.reaches(codes)}
    chiefs = store.registry.chief_names(sorted({c for line in cover.lines for c in line.chiefs}))
    every = store.covert.submitted(units, with_findings=False)
    started = {i.uuid: i.started_at for i in every}
    lines = []
    for line in cover.lines:
        times = [t for t in (started.get(u) for u in line.covered_by) if t is not None]
        lines.append(CovertLine(line.reach_code, names.get(line.reach_code, line.reach_code),
                                "、".join(chiefs.get(c, "") for c in sorted(line.chiefs) if chiefs.get(c)),
                                len(line.covered_by), max(times, default=None), line.joined))
    today = now.astimezone(CHINA_TZ).date().isoformat()
    findings = store.covert.finding_rows([i.uuid for i in every]) if every else []
    open_rows = [r for r in findings if ProblemState(r["state"]).is_open]
    overdue = [r for r in open_rows if r["deadline"] and r["deadline"] < today
               and ProblemState(r["state"]).has_deadline]
    return CovertReminder(cover.quarter, cover.required, [names.get(line.reach_code, line.reach_code)
                                                          for line in cover.uncovered],
                          cover.days_left, cover.reminder, tuple(lines), len(open_rows),
                          sum(r["severity"] == "major" for r in open_rows), len(overdue))


class CovertLineModel(RowTableModel[CovertLine]):
    """A liaison unit's home table: this quarter's reaches to inspect, uncovered ones first and marked."""

    def __init__(self, parent=None) -> None:
        translate = QCoreApplication.translate
        super().__init__(
            [
                (lambda: translate("Columns", "Reach"), lambda r: r.name),
                (lambda: translate("Columns", "Chief"), lambda r: r.chiefs),
                (lambda: translate("Columns", "Inspections this quarter"), lambda r: r.visits),
                (lambda: translate("Columns", "Last inspection"),
                 lambda r: local_time(r.last_visit) if r.last_visit else ""),
                (lambda: translate("Columns", "Status"), lambda r: (
                    translate("Columns", "Covered") if r.covered else translate("Columns", "Not inspected yet"))),
                (lambda: translate("Columns", "Code"), lambda r: r.code),
            ],
            parent,
        )

    def decorate(self, row: CovertLine, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and column == 4:
            return QBrush(style.DONE_FG if row.covered else style.OVERDUE_FG)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 2:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole and row.joined is not None:
            return translate_joined(row.joined)
        return None


def translate_joined(moment: datetime) -> str:
    return QCoreApplication.translate("Columns", "Owed since %1 (added to the chief's reaches this quarter)").replace(
        "%1", moment.astimezone(CHINA_TZ).strftime("%Y-%m-%d"))


@dataclass(frozen=True)
class CrewLine:
    """One requirement of one of the crew's contracts this month: the crew home's row."""

    contract: str
    requirement: str
    days: int
    times: int
    quantity: str  # done / required, with the unit ("" when the requirement is days only)
    met: bool


@dataclass(frozen=True)
class CrewMonth:
    """A maintenance crew's month at a glance: its contracts' requirements, its logs, its tasks."""

    month: Period
    days_left: int
    contracts: tuple[str, ...]  # "name（number）" of the contracts that run this month
    lines: tuple[CrewLine, ...]
    work_days: int
    logs: int
    photo_pairs: int
    tasks_open: int
    tasks_overdue: int


def crew_month(store: Store, profile: Profile, now: datetime, language: str) -> CrewMonth | None:
    """For a crew's profile (None otherwise): this month of every contract of its unit that runs in it."""
    if profile.role is not Role.MAINTENANCE:
        return None
    from patrol_app.domain.maintenance import format_quantity, month_of
    from patrol_app.domain.problems import local_date

    month = month_of(now)
    first, last = month.start.astimezone(CHINA_TZ).date(), (month.end - timedelta(days=1)).astimezone(CHINA_TZ).date()
    running = [c for c in store.maintenance.contracts(profile.unit) if c.starts_on <= last and c.ends_on >= first]
    lines, days, logs, pairs = [], set(), 0, 0
    for contract in running:
        summary = store.maintenance.month_summary(contract.uuid, month)
        days |= {log.day for log in summary.logs}
        logs += len(summary.logs)
        pairs += summary.photo_pairs
        for p in summary.progress:
            unit = p.requirement.unit
            quantity = (f"{format_quantity(p.quantity)} / {format_quantity(p.quantity_required)} "
                        f"{unit.name_in(language)}" if unit is not None and p.quantity_required else "")
            lines.append(CrewLine(contract.name, p.requirement.text(language), p.days, p.times_required, quantity,
                                  p.met))
    today = local_date(now)
    tasks = store.maintenance.assigned(profile, today)
    overdue = [t for t in tasks if t["deadline"] and t["deadline"] < today.isoformat()
               and ProblemState(t["state"]).has_deadline]
    return CrewMonth(month, month.days_left(now), tuple(f"{c.name}（{c.number}）" for c in running), tuple(lines),
                     len(days), logs, pairs, len(tasks), len(overdue))


class CrewLineModel(RowTableModel[CrewLine]):
    """A crew's home table: each requirement of its contracts this month, what is done, whether it is met."""

    def __init__(self, parent=None) -> None:
        translate = QCoreApplication.translate
        super().__init__(
            [
                (lambda: translate("Columns", "Requirement"), lambda r: r.requirement),
                (lambda: translate("Columns", "Contract"), lambda r: r.contract),
                (lambda: translate("Columns", "Days required"), lambda r: r.times or ""),
                (lambda: translate("Columns", "Days worked"), lambda r: r.days),
                (lambda: translate("Columns", "Quantity done / required"), lambda r: r.quantity),
                (lambda: translate("Columns", "Status"), lambda r: (
                    translate("Columns", "Met") if r.met else translate("Columns", "Not met yet"))),
            ],
            parent,
        )

    def decorate(self, row: CrewLine, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and column == 5:
            return QBrush(style.DONE_FG if row.met else style.DUE_FG)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (2, 3):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None


ASSIGNMENTS_SHOWN_FOR = timedelta(days=7)  # how long the home page announces the office's latest 交办
# At a glance: the reach, how many patrols it needs and has, when it was last patrolled, its state. Its code
# is for the office: at the end. (HomeReachModel's and YearModel's columns.)
PERIOD_COLUMNS = (Elide, Extra, Fit, Fit, Fit, Fit, Fit, Fit)
YEAR_COLUMNS = (Elide, Fit, Fit, Fit, Fit, Fit, Fit, Fit)
COVERT_COLUMNS = (Elide, Fit, Fit, Fit, Fit, Fit)
CREW_COLUMNS = (Elide, Fit, Fit, Fit, Fit, Fit)


class HomePage(Retranslating, QWidget):
    """Signals:
    loaded(): a summary was computed and shown (tests wait for it).
    tasks_requested(): the banner of newly arrived assignments was clicked (open the task list).
    new_patrol_requested(): the big "new patrol" button was clicked.
    """

    loaded = Signal()
    year_loaded = Signal()
    problems_requested = Signal(bool)  # open the problems of my reaches; True: only the overdue ones
    tasks_requested = Signal()  # open my task list (任务清单)
    covert_requested = Signal()  # the 暗访 banner of a liaison profile: open the covert-inspection page
    new_patrol_requested = Signal()  # the big 新建巡河 button: what a chief does most
    new_inspection_requested = Signal()  # the same button on a liaison unit's home: 新建暗访
    new_log_requested = Signal()  # and on a crew's: 新建管护日志

    def __init__(self, *, data_dir, runner: TaskRunner, now=utc_now, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._data_dir = data_dir
        self._runner = runner
        self._now = now
        self._profile: Profile | None = None
        self._summary: HomeSummary | None = None
        self._generation = 0

        self.title = page_title()
        self.who = subtitle()
        self.period_label = QLabel()
        self.period_label.setWordWrap(True)
        self.rule_label = subtitle()
        self.refresh_button = QPushButton()
        self.new_patrol_button = QPushButton()
        self.new_patrol_button.setObjectName("primaryAction")
        self.new_patrol_button.setMinimumHeight(44)
        self.new_patrol_button.setStyleSheet(
            "QPushButton#primaryAction { font-size: 14pt; font-weight: bold; padding: 6px 22px;"
            " background: #1f6fb2; color: white; border-radius: 4px; }"
            " QPushButton#primaryAction:focus { border: 2px solid #0b3a66; }")
        self.demo_banner = QLabel()
        self.demo_banner.setObjectName("banner")
        self.demo_banner.setWordWrap(True)
        self.demo_banner.hide()
        # Announces the office's 交办 that arrived with a recent sync; a click opens the task list.
        self.tasks_banner = QPushButton()
        self.tasks_banner.setObjectName("tasksBanner")
        self.tasks_banner.setStyleSheet(
            "QPushButton#tasksBanner { text-align: left; padding: 8px 12px; font-weight: bold;"
            " background: #fff4d6; border: 1px solid #e0b84c; border-radius: 4px; color: #6b4a00; }")
        self.tasks_banner.hide()
        # A liaison unit's quarter: reaches still to inspect covertly, and the deadline; a click opens 暗访检查.
        self.covert_banner = QPushButton()
        self.covert_banner.setObjectName("covertBanner")
        self.covert_banner.hide()
        self._covert: CovertReminder | None = None
        self.cards = [Card() for _ in range(6)]
        (self.reaches_card, self.required_card, self.valid_card, self.overdue_card, self.problems_card,
         self.overdue_problems_card) = self.cards
        self.table_title = QLabel()
        self.table_title.setStyleSheet("font-weight: bold; font-size: 13pt;")
        self.view_choice = QComboBox()
        self.model = HomeReachModel(self)
        self.year_model = YearModel(self)
        self.covert_model = CovertLineModel(self)
        self.crew_model = CrewLineModel(self)
        self._crew: CrewMonth | None = None
        self._year: YearSummary | None = None
        self.table = table_view(self)
        self.table.setModel(self.model)
        self.columns = lay_out_columns(self.table, PERIOD_COLUMNS)
        self.status_label = subtitle()

        header = QHBoxLayout()
        header.addWidget(self.title, 1)
        header.addWidget(self.new_patrol_button)
        header.addWidget(self.refresh_button)
        cards = QHBoxLayout()
        for card in self.cards:
            cards.addWidget(card)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 12)
        layout.addLayout(header)
        layout.addWidget(self.who)
        layout.addWidget(self.period_label)
        layout.addWidget(self.rule_label)
        layout.addWidget(self.demo_banner)
        layout.addWidget(self.tasks_banner)
        layout.addWidget(self.covert_banner)
        layout.addLayout(cards)
        table_header = QHBoxLayout()
        table_header.addWidget(self.table_title, 1)
        table_header.addWidget(self.view_choice)
        layout.addLayout(table_header)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status_label)

        self.refresh_button.clicked.connect(self.refresh)
        self.tasks_banner.clicked.connect(self.tasks_requested)
        self.covert_banner.clicked.connect(self.covert_requested)
        self.new_patrol_button.clicked.connect(self._new_record)
        QShortcut(QKeySequence(QKeySequence.StandardKey.New), self,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut).activated.connect(self._new_record)
        self.view_choice.currentIndexChanged.connect(self._view_changed)
        for card, overdue in ((self.problems_card, False), (self.overdue_problems_card, True)):
            card.make_clickable()
            card.clicked.connect(lambda overdue=overdue: self.problems_requested.emit(overdue))
        self.retranslate_ui()

    def set_profile(self, profile: Profile | None) -> None:
        self._profile = profile
        self.refresh()

    @property
    def liaison(self) -> bool:
        """Whether the home shows a liaison unit's quarter (its covert inspections) instead of patrols."""
        return self._profile is not None and self._profile.role is Role.LIAISON_INSPECTOR

    @property
    def crew(self) -> bool:
        """Whether the home shows a maintenance crew's month (its contracts and logs) instead of patrols."""
        return self._profile is not None and self._profile.role is Role.MAINTENANCE

    @property
    def crew_month(self) -> CrewMonth | None:
        return self._crew

    @Slot()
    def _new_record(self) -> None:
        signal = (self.new_inspection_requested if self.liaison else
                  self.new_log_requested if self.crew else self.new_patrol_requested)
        signal.emit()

    @Slot()
    def refresh(self) -> None:
        """Recompute in the background; a newer refresh supersedes an older one still running."""
        if self._profile is None:
            return
        self._generation += 1
        generation = self._generation
        profile, data_dir, now = self._profile, self._data_dir, self._now()
        self.status_label.setText(self.tr("Counting…") if self.liaison or self.crew else self.tr("Counting patrols…"))
        self.refresh_button.setEnabled(False)

        language = current_language()

        def work(store: Store, context: WorkContext) -> tuple[HomeSummary, CovertReminder | None, CrewMonth | None]:
            return (home_summary(store, profile, now), covert_reminder(store, profile, now),
                    crew_month(store, profile, now, language))

        if self.showing_year and not (self.liaison or self.crew):
            self._load_year()

        def done(result: tuple[HomeSummary, CovertReminder | None, CrewMonth | None]) -> None:
            if generation == self._generation:
                self._covert, self._crew = result[1], result[2]
                self._show(result[0])

        def failed(exc: BaseException) -> None:
            self.refresh_button.setEnabled(True)
            self.status_label.setText(self.tr("Could not count the patrols."))
            show_error(self, exc)

        self._runner.run_in_store(data_dir, work, on_success=done, on_failure=failed, owner=self)

    @property
    def showing_year(self) -> bool:
        return self.view_choice.currentIndex() == 1

    @Slot(int)
    def _view_changed(self, index: int) -> None:
        self._choose_model()
        self._fill_texts()
        if self.showing_year and not (self.liaison or self.crew):
            self._load_year()

    def _choose_model(self) -> None:
        if self.liaison:
            model, kinds = self.covert_model, COVERT_COLUMNS
        elif self.crew:
            model, kinds = self.crew_model, CREW_COLUMNS
        elif self.showing_year:
            model, kinds = self.year_model, YEAR_COLUMNS
        else:
            model, kinds = self.model, PERIOD_COLUMNS
        if self.table.model() is not model:
            self.table.setModel(model)
            self.columns.set_kinds(kinds)

    def _load_year(self) -> None:
        """Every period of this year for each reach: counted in the background (a county has hundreds)."""
        if self._profile is None:
            return
        profile, data_dir, now = self._profile, self._data_dir, self._now()
        generation = self._generation

        def work(store: Store, context: WorkContext) -> YearSummary:
            rule = store.registry.rules()[profile.rule_level]
            codes = list(profile.reach_codes)
            return year_summary(store, codes, rule, now, since=record_start(store, codes, profile.created_at))

        def done(summary: YearSummary) -> None:
            if generation == self._generation:
                self._year = summary
                self.year_model.set_rows(summary.lines)
                self._fill_texts()
                self.year_loaded.emit()

        self._runner.run_in_store(data_dir, work, on_success=done, on_failure=lambda exc: show_error(self, exc),
                                  owner=self)

    def _show(self, summary: HomeSummary) -> None:
        self._summary = summary
        self.model.set_rows(summary.lines)
        covert = self._covert
        # Uncovered first: what is still to do this quarter.
        self.covert_model.set_rows(sorted(covert.lines, key=lambda line: (line.covered, line.name, line.code))
                                   if covert else [])
        self.crew_model.set_rows(sorted(self._crew.lines, key=lambda line: line.met) if self._crew else [])
        self._choose_model()
        self.refresh_button.setEnabled(True)
        self._fill_texts()
        self.loaded.emit()

    def _fill_texts(self) -> None:
        summary = self._summary
        language = current_language()
        if summary is None:
            return
        profile = summary.profile
        self.title.setText(self.tr("Hello, %1").replace("%1", profile.name))
        self.who.setText(" · ".join(x for x in (profile.title(language), profile.unit) if x))
        period = summary.period
        locale = QLocale()
        last_day = period.end.astimezone(CHINA_TZ).date() - timedelta(days=1)
        first = locale.toString(period.start.date(), QLocale.FormatType.ShortFormat)
        last = locale.toString(last_day, QLocale.FormatType.ShortFormat)
        self.period_label.setText(
            self.tr("This period: %1 (%2 – %3), %4 day(s) left")
            .replace("%1", period.label(language))
            .replace("%2", first)
            .replace("%3", last)
            .replace("%4", str(period.days_left(self._now())))
        )
        rule = summary.rule
        self.rule_label.setText(
            self.tr(
                "Rule for %1 chiefs: at least %2 patrol(s) per %3; a patrol counts as valid from %4 min and %5 km."
            )
            .replace("%1", rule.level.name_in(language))
            .replace("%2", str(rule.min_patrols))
            .replace("%3", period_word(rule.period_kind))
            .replace("%4", f"{rule.min_duration_s / 60:g}")
            .replace("%5", f"{rule.min_distance_m / 1000:g}")
        )
        demo = sum(line.demo for line in summary.lines)
        self.demo_banner.setVisible(demo > 0)
        self.demo_banner.setText(
            self.tr(
                "%1 of your reaches are demo reaches: fictional, with an approximate course. The real register "
                "comes from the city river-chief office."
            ).replace("%1", str(demo))
        )
        arrived = summary.assignments_arrived
        recent = arrived is not None and self._now() - parse_utc(arrived[1]) <= ASSIGNMENTS_SHOWN_FOR
        self.tasks_banner.setVisible(bool(recent))
        if arrived is not None and recent:
            when = parse_utc(arrived[1]).astimezone(CHINA_TZ).strftime("%m-%d %H:%M")
            self.tasks_banner.setText(
                self.tr("The city office assigned %1 new problem(s) to you (arrived %2). Open the task list")
                .replace("%1", str(arrived[0])).replace("%2", when) + " →")
        self._fill_covert()
        self.view_choice.setVisible(not (self.liaison or self.crew))
        if self.liaison:
            button, tip = self.tr("New covert inspection"), self.tr("Record a covert inspection (Ctrl+N)")
        elif self.crew:
            button, tip = self.tr("New maintenance log"), self.tr("Record the day's maintenance work (Ctrl+N)")
        else:
            button, tip = self.tr("New patrol"), self.tr("Record a patrol (Ctrl+N)")
        self.new_patrol_button.setText(button)
        self.new_patrol_button.setToolTip(tip)
        self.refresh_button.setToolTip(self.tr("Count again (F5)") if self.liaison or self.crew
                                       else self.tr("Count the patrols again (F5)"))
        if self.liaison and self._covert is not None:
            self._fill_liaison(self._covert)
            return
        if self.crew and self._crew is not None:
            self._fill_crew(self._crew)
            return
        for card in self.cards:
            card.setToolTip("")
        self.retranslate_cards()
        if self.showing_year and self._year is not None:
            year = self._year
            title = (self.tr("My reaches since this profile was made: %2 to %3") if year.from_profile_start
                     else self.tr("My reaches in %1: %2 to %3"))
            self.table_title.setText(
                title.replace("%1", str(year.year)).replace("%2", year.first.label(language))
                .replace("%3", year.last.label(language))
                + "　" + self.tr("(periods so far = met + missed + in progress)"))
        elif not self.showing_year:
            self.table_title.setText(self.tr("My reaches this period"))
        self.reaches_card.set_value(str(len(summary.lines)))
        self.required_card.set_value(str(summary.required))
        self.valid_card.set_value(f"{summary.valid} / {summary.required}")
        self.overdue_card.set_value(str(len(summary.overdue)), alert=bool(summary.overdue))
        problems = summary.problems
        self.problems_card.set_value(str(problems.get("open", 0)))
        self.problems_card.caption.setText(
            self.tr("Open problems (major %1, assigned to me %2)")
            .replace("%1", str(problems.get("major_open", 0)))
            .replace("%2", str(problems.get("my_tasks", 0)))
        )
        self.overdue_problems_card.set_value(str(problems.get("overdue", 0)), alert=bool(problems.get("overdue")))
        self.status_label.setText(
            self.tr("Counted at %1. Drafts are not counted until they are finalised.").replace(
                "%1", datetime.now(CHINA_TZ).strftime("%H:%M")
            )
        )

    def _fill_liaison(self, covert: CovertReminder) -> None:
        """A liaison unit's home: the quarter's duty, coverage and days left, and its findings."""
        language = current_language()
        quarter = covert.quarter
        locale = QLocale()
        first = locale.toString(quarter.start.astimezone(CHINA_TZ).date(), QLocale.FormatType.ShortFormat)
        last = locale.toString(quarter.end.astimezone(CHINA_TZ).date() - timedelta(days=1),
                               QLocale.FormatType.ShortFormat)
        self.period_label.setText(
            self.tr("This quarter: %1 (%2 – %3), %4 day(s) left").replace("%1", quarter.label(language))
            .replace("%2", first).replace("%3", last).replace("%4", str(covert.days_left)))
        self.rule_label.setText(self.tr(
            "Rule for liaison units: at least one covert inspection per quarter of every reach of the chief the "
            "unit assists — no notice, no escort, straight to the site (四不两直)."))
        self.demo_banner.hide()  # the unit's reaches are the register's: it has no reaches of its own
        covered = covert.required - len(covert.uncovered)
        values = (
            (str(covert.required), self.tr("Reaches to inspect this quarter"), False),
            (f"{covered} / {covert.required}", self.tr("Covered / required"), False),
            (str(len(covert.uncovered)), self.tr("Not inspected yet"), bool(covert.uncovered)),
            (str(covert.days_left), self.tr("Days left in the quarter"),
             bool(covert.uncovered) and covert.reminder is not None),
            (str(covert.findings_open), self.tr("Open findings (major %1)").replace(
                "%1", str(covert.findings_major_open)), False),
            (str(covert.findings_overdue), self.tr("Overdue findings (past their deadline)"),
             bool(covert.findings_overdue)),
        )
        for card, (value, caption, alert) in zip(self.cards, values, strict=True):
            card.set_value(value, alert=alert)
            card.caption.setText(caption)
            card.setToolTip("")
        for card in (self.problems_card, self.overdue_problems_card):
            card.setToolTip(self.tr("Click to see the problems your covert inspections found"))
        self.table_title.setText(self.tr("Reaches to inspect this quarter (not yet inspected first)"))
        self.status_label.setText(self.tr("Counted at %1. Drafts are not counted until they are submitted.").replace(
            "%1", datetime.now(CHINA_TZ).strftime("%H:%M")))

    def _fill_crew(self, crew: CrewMonth) -> None:
        """A maintenance crew's home: this month's contract requirements against its logs, and its tasks."""
        language = current_language()
        locale = QLocale()
        first = locale.toString(crew.month.start.astimezone(CHINA_TZ).date(), QLocale.FormatType.ShortFormat)
        last = locale.toString((crew.month.end - timedelta(days=1)).astimezone(CHINA_TZ).date(),
                               QLocale.FormatType.ShortFormat)
        self.period_label.setText(
            self.tr("This month: %1 (%2 – %3), %4 day(s) left").replace("%1", crew.month.label(language))
            .replace("%2", first).replace("%3", last).replace("%4", str(crew.days_left)))
        self.rule_label.setText(
            self.tr("Contracts this month: %1").replace("%1", "、".join(crew.contracts)) if crew.contracts
            else self.tr("No maintenance contract of your unit runs this month: the city office sends contracts "
                         "with a sync."))
        met = sum(line.met for line in crew.lines)
        values = (
            (str(crew.work_days), self.tr("Days worked this month"), False),
            (f"{met} / {len(crew.lines)}", self.tr("Requirements met / all"), False),
            (str(crew.logs), self.tr("Maintenance logs this month"), False),
            (str(crew.photo_pairs), self.tr("Before/after photo pairs"), False),
            (str(crew.tasks_open), self.tr("Tasks assigned to us, not finished"), False),
            (str(crew.tasks_overdue), self.tr("Overdue tasks (past their deadline)"), bool(crew.tasks_overdue)),
        )
        for card, (value, caption, alert) in zip(self.cards, values, strict=True):
            card.set_value(value, alert=alert)
            card.caption.setText(caption)
            card.setToolTip("")
        for card in (self.problems_card, self.overdue_problems_card):
            card.setToolTip(self.tr("Click to see the tasks assigned to your unit"))
        self.table_title.setText(self.tr("What the contracts ask this month (not yet met first)"))
        self.status_label.setText(self.tr("Counted at %1.").replace("%1", datetime.now(CHINA_TZ).strftime("%H:%M")))

    def _fill_covert(self) -> None:
        covert = self._covert
        self.covert_banner.setVisible(covert is not None)
        if covert is None:
            return
        language = current_language()
        quarter = covert.quarter.label(language)
        last_day = (covert.quarter.end - timedelta(days=1)).strftime("%m-%d")
        alert = bool(covert.uncovered)
        tip = self.tr("Open the covert inspections")
        if covert.required == 0:
            text = self.tr("Covert inspections, %1: the register gives the unit no reaches to inspect.").replace(
                "%1", quarter)
            alert = False
        elif not covert.uncovered:
            text = self.tr("Covert inspections, %1: all %2 reach(es) covered.").replace("%1", quarter).replace(
                "%2", str(covert.required))
        else:
            # The names go in the tooltip: a button does not wrap, and at 1366 px five names cut the deadline off.
            shown = covert.uncovered[:5]
            names = "、".join(shown) + (self.tr(" and %1 more").replace("%1", str(len(covert.uncovered) - 5))
                                       if len(covert.uncovered) > 5 else "")
            text = (self.tr("Covert inspections, %1: %2 reach(es) not inspected yet. Deadline %3, %4 day(s) left.")
                    .replace("%1", quarter).replace("%2", str(len(covert.uncovered)))
                    .replace("%3", last_day).replace("%4", str(covert.days_left)))
            tip = self.tr("Not inspected yet: %1").replace("%1", names) + "\n" + tip
            if covert.reminder is not None:
                text = self.tr("Reminder: only %1 day(s) left in the quarter!").replace(
                    "%1", str(covert.days_left)) + " " + text
        self.covert_banner.setText(text + " →")
        self.covert_banner.setToolTip(tip)
        urgent = alert and covert.reminder is not None
        colours = ("#fde2e1", "#c98a8a", "#a61b1b") if urgent else (
            ("#fff4d6", "#e0b84c", "#6b4a00") if alert else ("#dff3e4", "#8cc49a", "#1d6b32"))
        self.covert_banner.setStyleSheet(
            "QPushButton#covertBanner { text-align: left; padding: 8px 12px; font-weight: bold;"
            f" background: {colours[0]}; border: 1px solid {colours[1]}; border-radius: 4px; color: {colours[2]}; }}")

    @property
    def covert(self) -> CovertReminder | None:
        return self._covert

    def retranslate_ui(self) -> None:
        self.title.setText(self.tr("Home"))
        self.refresh_button.setText(self.tr("&Refresh"))
        self.new_patrol_button.setText(self.tr("New patrol"))
        self.new_patrol_button.setToolTip(self.tr("Record a patrol (Ctrl+N)"))
        self.refresh_button.setToolTip(self.tr("Count the patrols again (F5)"))
        self.retranslate_cards()
        self.table_title.setText(self.tr("My reaches this period"))
        index = self.view_choice.currentIndex()
        self.view_choice.blockSignals(True)
        self.view_choice.clear()
        self.view_choice.addItems([self.tr("This period"), self.tr("This year, period by period")])
        self.view_choice.setCurrentIndex(max(0, index))
        self.view_choice.blockSignals(False)
        self.model.retranslate()
        self.year_model.retranslate()
        self._fill_texts()


    def retranslate_cards(self) -> None:
        """The cards' captions for a chief's patrols (a liaison unit's are set with its numbers)."""
        self.reaches_card.caption.setText(self.tr("My reaches"))
        self.required_card.caption.setText(self.tr("Patrols required this period"))
        self.valid_card.caption.setText(self.tr("Valid patrols / required"))
        self.valid_card.setToolTip(self.tr(
            "Each reach counts at most its required number here: extra patrols of one reach do not make up "
            "for another. The table below shows every valid patrol."))
        self.overdue_card.caption.setText(self.tr("Overdue reaches (last period missed)"))
        self.problems_card.caption.setText(self.tr("Open problems"))
        self.overdue_problems_card.caption.setText(self.tr("Overdue problems (past their deadline)"))
        for card in (self.problems_card, self.overdue_problems_card):
            card.setToolTip(self.tr("Click to see these problems"))

    @property
    def summary(self) -> HomeSummary | None:
        return self._summary
