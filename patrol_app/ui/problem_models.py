"""Models of the problems page: the problem lists (lazy, keyset pages fetched in the background: see
keyset_model) and the responsibility list."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QFont

from patrol_app.domain.enums import PROBLEM_CATEGORIES, PROBLEM_ITEMS
from patrol_app.domain.ids import parse_utc
from patrol_app.domain.periods import CHINA_TZ
from patrol_app.domain.problems import ProblemSource, ProblemState, Severity
from patrol_app.store import Store
from patrol_app.store.problems import DEADLINE_STATES, ProblemFilter
from patrol_app.ui import style
from patrol_app.ui.i18n import current_language
from patrol_app.ui.keyset_model import Index, KeysetTableModel, RowRole
from patrol_app.ui.models import RowTableModel, chiefs_text
from patrol_app.ui.tasks import TaskRunner


def item_name(code: str) -> str:
    item = PROBLEM_ITEMS.get(code)
    return item.name_in(current_language()) if item else code


def category_name(code: str) -> str:
    for category in PROBLEM_CATEGORIES:
        if category.code == code.split(".", 1)[0]:
            return category.name_in(current_language())
    return code


def local_text(utc_text: str | None, fmt: str = "%Y-%m-%d %H:%M") -> str:
    return parse_utc(utc_text).astimezone(CHINA_TZ).strftime(fmt) if utc_text else ""


def days_overdue(row: dict[str, Any], today: date) -> int:
    if row["state"] not in DEADLINE_STATES or not row["deadline"]:
        return 0
    return max(0, (today - date.fromisoformat(row["deadline"])).days)


def deadline_text(row: dict[str, Any], today: date) -> str:
    if not row["deadline"]:
        return ""
    late = days_overdue(row, today)
    if late:
        return QCoreApplication.translate("Problems", "%1 (overdue %2 d)").replace("%1", row["deadline"]).replace(
            "%2", str(late))
    return str(row["deadline"])


def assignee_text(unit: str, person: str) -> str:
    return " · ".join(x for x in (unit, person) if x)


class ProblemListModel(KeysetTableModel):
    COLUMNS = ("state", "item", "reach", "found", "severity", "assignee", "deadline")

    def __init__(self, *, store: Store, runner: TaskRunner, parent=None) -> None:
        super().__init__(store=store, runner=runner, parent=parent)
        self._bold = QFont()
        self._bold.setBold(True)

    @property
    def today(self) -> date:
        return self._filter.today if self._filter else date.today()

    @staticmethod
    def read_count(store: Store, where: ProblemFilter) -> int:
        return store.problems.count(where)

    @staticmethod
    def read_page(store: Store, where: ProblemFilter, after: tuple[str, str] | None,
                  limit: int) -> list[dict[str, Any]]:
        return store.problems.page(where, after, limit)

    @staticmethod
    def key(row: dict[str, Any]) -> tuple[str, str]:
        return row["found_at"], row["uuid"]

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        return (
            QCoreApplication.translate("Problems", "State"),
            QCoreApplication.translate("Problems", "Problem"),
            QCoreApplication.translate("Problems", "Reach"),
            QCoreApplication.translate("Problems", "Found"),
            QCoreApplication.translate("Problems", "Severity"),
            QCoreApplication.translate("Problems", "Assigned to"),
            QCoreApplication.translate("Problems", "Deadline"),
        )[section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        row = self._rows[index.row()]
        column = self.COLUMNS[index.column()]
        language = current_language()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == "state":
                return ProblemState(row["state"]).name_in(language) if row["state"] else "?"
            if column == "item":
                return item_name(row["code"])
            if column == "reach":
                return row["reach_name"]
            if column == "found":
                return local_text(row["found_at"], "%Y-%m-%d")
            if column == "severity":
                return Severity(row["severity"]).name_in(language)
            if column == "assignee":
                return assignee_text(row["assignee_unit"], row["assignee_person"])
            if column == "deadline":
                return deadline_text(row, self.today)
        if role == Qt.ItemDataRole.ToolTipRole:
            return row["description"]
        if role == RowRole:
            return row
        late = days_overdue(row, self.today) > 0
        major = row["severity"] == Severity.MAJOR.code and row["state"] not in ("closed", "dismissed")
        if role == Qt.ItemDataRole.BackgroundRole and late:
            return QBrush(style.OVERDUE_BG)
        if role == Qt.ItemDataRole.ForegroundRole and (
            (late and column == "deadline") or (major and column == "severity")
        ):
            return QBrush(style.OVERDUE_FG)
        if role == Qt.ItemDataRole.FontRole and (late or major) and column in ("state", "severity", "deadline"):
            return self._bold
        return None


def _chiefs(pairs: list[tuple[str, Any]]) -> str:
    return chiefs_text(",".join(f"{name}|{level.code}" for name, level in pairs))


class ResponsibilityModel(RowTableModel[dict[str, Any]]):
    """责任清单: every reach, who answers for it, and how its problems stand."""

    def __init__(self, parent=None) -> None:
        super().__init__(
            [
                (lambda: QCoreApplication.translate("Problems", "Reach"), lambda r: r["reach_name"]),
                (lambda: QCoreApplication.translate("Problems", "Township / village"),
                 lambda r: " ".join(x for x in (r["township"], r["village"]) if x)),
                (lambda: QCoreApplication.translate("Problems", "River chiefs"), lambda r: _chiefs(r["chiefs"])),
                (lambda: QCoreApplication.translate("Problems", "Liaison unit"),
                 lambda r: "、".join(r["liaison_units"])),
                (lambda: QCoreApplication.translate("Problems", "Open"), lambda r: r["open"]),
                (lambda: QCoreApplication.translate("Problems", "Overdue"), lambda r: r["overdue"]),
                (lambda: QCoreApplication.translate("Problems", "Major, open"), lambda r: r["major_open"]),
                (lambda: QCoreApplication.translate("Problems", "Closed this year"), lambda r: r["closed_this_year"]),
                (lambda: QCoreApplication.translate("Problems", "All problems"), lambda r: r["total"]),
            ],
            parent,
        )

    def decorate(self, row: dict[str, Any], column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.BackgroundRole and row["overdue"]:
            return QBrush(style.OVERDUE_BG)
        alert = column in (5, 6) and row[("overdue", "major_open")[column - 5]]
        if role == Qt.ItemDataRole.ForegroundRole and alert:
            return QBrush(style.OVERDUE_FG)
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= 4:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


def state_choices() -> list[tuple[str, tuple[str, ...], bool]]:
    """(label, states, open_only) for the state filter."""
    language = current_language()
    choices = [
        (QCoreApplication.translate("Problems", "Not closed"), (), True),
        (QCoreApplication.translate("Problems", "All states"), (), False),
    ]
    choices += [(s.name_in(language), (s.code,), False) for s in ProblemState]
    return choices


def source_names() -> list[tuple[str, str]]:
    language = current_language()
    return [(s.name_in(language), s.code) for s in ProblemSource]

