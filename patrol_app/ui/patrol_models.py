"""The patrol list's model: newest first, read in keyset pages by workers (see keyset_model)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush

from patrol_app.domain.enums import PatrolMode
from patrol_app.store import Store
from patrol_app.store.patrols import PatrolFilter
from patrol_app.ui import style
from patrol_app.ui.i18n import current_language
from patrol_app.ui.keyset_model import Index, KeysetTableModel, RowRole
from patrol_app.ui.problem_models import local_text


def status_text(row: dict[str, Any]) -> str:
    if row["status"] == "draft":
        return QCoreApplication.translate("Patrols", "Draft")
    if row.get("revision"):
        # Not the numerus form: pyside6-lupdate does not extract translate(…, n), and Chinese has no plural.
        return QCoreApplication.translate("Patrols", "Final, revised %1 time(s)").replace("%1", str(row["revision"]))
    return QCoreApplication.translate("Patrols", "Final")


def duration_text(seconds: int | None) -> str:
    if seconds is None:
        return ""
    hours, minutes = divmod(round(seconds / 60), 60)
    if hours:
        return QCoreApplication.translate("Patrols", "%1 h %2 min").replace("%1", str(hours)).replace(
            "%2", str(minutes))
    return QCoreApplication.translate("Patrols", "%1 min").replace("%1", str(minutes))


def distance_text(metres: float | None) -> str:
    return "" if metres is None else f"{metres / 1000:.2f} km"


def mode_name(code: str) -> str:
    try:
        return PatrolMode(code).name_in(current_language())
    except ValueError:
        return code


class PatrolListModel(KeysetTableModel):
    # When first: the list is read by date; the reach is mostly one of the user's own two or three.
    COLUMNS = ("started", "status", "reach", "patroller", "duration", "distance", "valid", "flags", "photos",
               "problems", "mode")

    @staticmethod
    def read_count(store: Store, where: PatrolFilter) -> int:
        return store.patrols.count(where)

    @staticmethod
    def read_page(store: Store, where: PatrolFilter, after: tuple[str, str] | None,
                  limit: int) -> list[dict[str, Any]]:
        return store.patrols.page(where, after, limit)

    @staticmethod
    def key(row: dict[str, Any]) -> tuple[str, str]:
        return row["started_at"], row["uuid"]

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        return {
            "status": QCoreApplication.translate("Patrols", "Status"),
            "reach": QCoreApplication.translate("Patrols", "Reach"),
            "patroller": QCoreApplication.translate("Patrols", "Patroller"),
            "started": QCoreApplication.translate("Patrols", "Started"),
            "duration": QCoreApplication.translate("Patrols", "Duration"),
            "distance": QCoreApplication.translate("Patrols", "Distance"),
            "mode": QCoreApplication.translate("Patrols", "Mode"),
            "valid": QCoreApplication.translate("Patrols", "Valid"),
            "flags": QCoreApplication.translate("Patrols", "Flags"),
            "photos": QCoreApplication.translate("Patrols", "Photos"),
            "problems": QCoreApplication.translate("Patrols", "Problems"),
        }[self.COLUMNS[section]]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        row = self._rows[index.row()]
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            if column == "status":
                return status_text(row)
            if column == "reach":
                return row["reach_name"]
            if column == "patroller":
                if row["on_behalf_of_name"]:
                    return QCoreApplication.translate("Patrols", "%1 (for %2)").replace(
                        "%1", row["patroller_name"]).replace("%2", row["on_behalf_of_name"])
                return row["patroller_name"]
            if column == "started":
                return local_text(row["started_at"])
            if column == "duration":
                return duration_text(row["duration_s"])
            if column == "distance":
                return distance_text(row["distance_m"])
            if column == "mode":
                return mode_name(row["mode"])
            if column == "valid":
                return (QCoreApplication.translate("Patrols", "Valid") if row["valid"]
                        else QCoreApplication.translate("Patrols", "Not valid"))
            if column == "flags":
                return str(row["flag_count"]) if row["flag_count"] else ""
            if column == "photos":
                return str(row["photos"]) if row["photos"] else ""
            if column == "problems":
                return str(row["problems"]) if row["problems"] else ""
        if role == RowRole:
            return row
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == "valid" and not row["valid"]:
                return QBrush(style.OVERDUE_FG)
            if column == "status" and row["status"] == "draft":
                return QBrush(style.DRAFT_FG)
        if role == Qt.ItemDataRole.ToolTipRole and column == "flags" and row["flag_count"]:
            return QCoreApplication.translate("Patrols", "%1 warning(s): open the patrol to read them").replace(
                "%1", str(row["flag_count"]))
        if role == Qt.ItemDataRole.TextAlignmentRole and column in ("duration", "distance", "flags", "photos",
                                                                     "problems"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
