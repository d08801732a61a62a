"""The editor's history tab: when the patrol was created and finalised, and each revision with its reason."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QListWidget, QWidget

from patrol_app.domain.ids import parse_utc
from patrol_app.ui.models import local_time


class HistoryTab(QListWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)

    def show_history(self, row: dict[str, Any] | None, revisions: list[dict[str, Any]]) -> None:
        self.clear()
        if row is None:
            self.addItem(self.tr("Not saved yet."))
            return
        self.addItem(self.tr("Created %1").replace("%1", local_time(parse_utc(row["created_at"]))))
        if row["finalised_at"]:
            self.addItem(self.tr("Finalised %1").replace("%1", local_time(parse_utc(row["finalised_at"]))))
        for revision in revisions:
            self.addItem(
                self.tr("Revision %1 on %2 by %3: %4").replace("%1", str(revision["revision"]))
                .replace("%2", local_time(parse_utc(revision["created_at"]))).replace("%3", revision["by_name"])
                .replace("%4", revision["reason"]))
