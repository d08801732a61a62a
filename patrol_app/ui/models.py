"""Qt table models over plain rows from the store and the dashboard (no SQL here)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush

from patrol_app.dashboard import ReachLine, ReachState, YearLine
from patrol_app.domain.enums import Level
from patrol_app.domain.periods import CHINA_TZ, PeriodKind
from patrol_app.store.registry import ReachRow
from patrol_app.ui import style
from patrol_app.ui.i18n import current_language

T = TypeVar("T")
Index = QModelIndex | QPersistentModelIndex
RowRole = Qt.ItemDataRole.UserRole


class RowTableModel(QAbstractTableModel, Generic[T]):
    """A read-only table over a list of row objects; columns are (header, value-of-row) pairs.

    Headers are callables so they are translated anew after a language switch.
    """

    def __init__(self, columns: Sequence[tuple[Callable[[], str], Callable[[T], Any]]], parent=None) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._rows: list[T] = []

    def set_rows(self, rows: Sequence[T]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> T:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal
        if horizontal and 0 <= section < len(self._columns):
            return self._columns[section][0]()
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            value = self._columns[index.column()][1](row)
            return "" if value is None else str(value)
        if role == RowRole:
            return row
        return self.decorate(row, index.column(), role)

    def decorate(self, row: T, column: int, role: int) -> Any:
        return None

    def retranslate(self) -> None:
        """Re-read headers and cell texts after a language switch."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, max(0, len(self._columns) - 1))
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(self._columns) - 1))


def local_time(moment: datetime | None) -> str:
    if moment is None:
        return QCoreApplication.translate("Columns", "never")
    return moment.astimezone(CHINA_TZ).strftime("%Y-%m-%d %H:%M")


def period_word(kind: PeriodKind) -> str:
    return {
        PeriodKind.WEEK: QCoreApplication.translate("Periods", "week"),
        PeriodKind.MONTH: QCoreApplication.translate("Periods", "month"),
        PeriodKind.QUARTER: QCoreApplication.translate("Periods", "quarter"),
        PeriodKind.HALF_YEAR: QCoreApplication.translate("Periods", "half-year"),
        PeriodKind.YEAR: QCoreApplication.translate("Periods", "year"),
    }[kind]


def state_text(state: ReachState) -> str:
    return {
        ReachState.DONE: QCoreApplication.translate("Columns", "Done"),
        ReachState.DUE: QCoreApplication.translate("Columns", "Due"),
        ReachState.OVERDUE: QCoreApplication.translate("Columns", "Overdue"),
    }[state]


def chiefs_text(packed: str) -> str:
    """'name|level,…' from the store → '张三（村级）、…' in the current language."""
    if not packed:
        return ""
    language = current_language()
    parts = []
    for entry in packed.split(","):
        name, _, level = entry.partition("|")
        parts.append(f"{name}（{Level(level).name_in(language)}）" if level else name)
    return "、".join(parts) if language.startswith("zh") else ", ".join(parts)


class HomeReachModel(RowTableModel[ReachLine]):
    def __init__(self, parent=None) -> None:
        super().__init__(
            [
                (lambda: QCoreApplication.translate("Columns", "Reach"), lambda r: r.name),
                (lambda: QCoreApplication.translate("Columns", "Code"), lambda r: r.code),
                (lambda: QCoreApplication.translate("Columns", "Required"), lambda r: r.required),
                (lambda: QCoreApplication.translate("Columns", "Patrols"), lambda r: r.done),
                (lambda: QCoreApplication.translate("Columns", "Valid"), lambda r: r.valid),
                (
                    lambda: QCoreApplication.translate("Columns", "Valid last period"),
                    lambda r: r.previous_valid,
                ),
                (
                    lambda: QCoreApplication.translate("Columns", "Last patrol"),
                    lambda r: local_time(r.last_patrol_at),
                ),
                (lambda: QCoreApplication.translate("Columns", "Status"), lambda r: state_text(r.state)),
            ],
            parent,
        )

    def decorate(self, row: ReachLine, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.BackgroundRole and row.state is ReachState.OVERDUE:
            return QBrush(style.OVERDUE_BG)
        if role == Qt.ItemDataRole.ForegroundRole and column == 7:
            color = {
                ReachState.DONE: style.DONE_FG,
                ReachState.DUE: style.DUE_FG,
                ReachState.OVERDUE: style.OVERDUE_FG,
            }[row.state]
            return QBrush(color)
        if role == Qt.ItemDataRole.TextAlignmentRole and 2 <= column <= 5:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None


class ReachTableModel(RowTableModel[ReachRow]):
    def __init__(self, parent=None) -> None:
        super().__init__(
            [
                (lambda: QCoreApplication.translate("Columns", "Code"), lambda r: r.code),
                (lambda: QCoreApplication.translate("Columns", "Reach"), lambda r: r.name),
                (lambda: QCoreApplication.translate("Columns", "River / reservoir"), lambda r: r.waterbody),
                (lambda: QCoreApplication.translate("Columns", "County"), lambda r: r.county),
                (lambda: QCoreApplication.translate("Columns", "Township"), lambda r: r.township),
                (lambda: QCoreApplication.translate("Columns", "Village"), lambda r: r.village or ""),
                (
                    lambda: QCoreApplication.translate("Columns", "Length (km)"),
                    lambda r: "" if r.length_m is None else f"{r.length_m / 1000:.1f}",
                ),
            ],
            parent,
        )

    def decorate(self, row: ReachRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and row.demo:
            return QCoreApplication.translate(
                "Columns", "Demo reach: fictional, its course is approximate, not survey data."
            )
        return None


class YearModel(RowTableModel[YearLine]):
    """The home panel's year view: each reach over every period of this year so far."""

    def __init__(self, parent=None) -> None:
        super().__init__(
            [
                (lambda: QCoreApplication.translate("Columns", "Reach"), lambda r: r.name),
                (lambda: QCoreApplication.translate("Columns", "Periods so far"), lambda r: r.periods),
                (lambda: QCoreApplication.translate("Columns", "Required"), lambda r: r.required),
                (lambda: QCoreApplication.translate("Columns", "Patrols"), lambda r: r.done),
                (lambda: QCoreApplication.translate("Columns", "Valid"), lambda r: r.valid),
                (lambda: QCoreApplication.translate("Columns", "Periods met"), lambda r: r.satisfied),
                (lambda: QCoreApplication.translate("Columns", "Periods missed"), lambda r: r.missed),
                (lambda: QCoreApplication.translate("Columns", "In progress"), lambda r: r.open),
            ],
            parent,
        )

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt's name
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """The counted columns say what they count: periods so far = met + missed + in progress."""
        if role == Qt.ItemDataRole.ToolTipRole and orientation == Qt.Orientation.Horizontal:
            return {
                1: QCoreApplication.translate(
                    "Columns", "Periods of this year that have begun, from the one this profile was made in: "
                               "periods met + periods missed + in progress."),
                5: QCoreApplication.translate(
                    "Columns", "Periods with enough valid patrols (this period too, once it has them)."),
                6: QCoreApplication.translate("Columns", "Periods that are over without enough valid patrols."),
                7: QCoreApplication.translate("Columns", "This period: not over yet and not yet met."),
            }.get(section)
        return super().headerData(section, orientation, role)

    def decorate(self, row: YearLine, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and column == 6 and row.missed:
            return QBrush(style.OVERDUE_FG)
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= 1:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None
