"""After an import: how many photos came in, and every file that did not, with the reason."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from patrol_app.media.importer import ImportSummary
from patrol_app.ui.columns import Elide, Fit, lay_out_columns
from patrol_app.ui.i18n import current_language
from patrol_app.ui.widgets import Retranslating


class ImportResultDialog(Retranslating, QDialog):
    def __init__(self, summary: ImportSummary, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._summary = summary
        self.setMinimumSize(760, 420)
        self.headline = QLabel()
        self.headline.setWordWrap(True)
        self.headline.setStyleSheet("font-size: 13pt;")
        # The photos came in; the laptop's clock is what is wrong, and the user must hear it here.
        self.clock_warning = QLabel()
        self.clock_warning.setWordWrap(True)
        self.clock_warning.setStyleSheet("color: #a61b1b; font-size: 12pt; border: 2px solid #a61b1b; padding: 8px;")
        self.clock_warning.setVisible(summary.clock_warning is not None)
        self.problems = [r for r in summary.results if r.status in ("skipped", "error")]
        self.table = QTableWidget(len(self.problems), 3)
        self.table.verticalHeader().setVisible(False)
        self.columns = lay_out_columns(self.table, (Elide, Fit, Elide))  # the file's name, the result, the reason
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setVisible(bool(self.problems))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        layout.addWidget(self.clock_warning)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        s = self._summary
        self.setWindowTitle(self.tr("Photo import"))
        zh = current_language().startswith("zh")
        if s.stopped is not None:
            # Every stop reason says what happened and that the import stopped: it is the headline itself.
            first = s.stopped.zh + "。" if zh else s.stopped.en[:1].upper() + s.stopped.en[1:] + "."
        elif s.cancelled:
            first = self.tr("The import was cancelled; the photos imported so far are kept.")
        else:
            first = self.tr("The import is finished.")
        self.headline.setText(
            first + "\n"
            + self.tr("Imported %1, already in the library %2, skipped %3, failed %4.")
            .replace("%1", str(s.imported)).replace("%2", str(s.duplicate))
            .replace("%3", str(s.skipped)).replace("%4", str(s.error))
        )
        if s.clock_warning is not None:
            message = s.clock_warning.message_zh if zh else s.clock_warning.message_en
            self.clock_warning.setText(self.tr("The computer's clock is wrong.") + "\n" + message)
        self.table.setHorizontalHeaderLabels([self.tr("File"), self.tr("Result"), self.tr("Reason")])
        status = {"skipped": self.tr("Skipped"), "error": self.tr("Failed")}
        for i, result in enumerate(self.problems):
            name = result.path.replace("\\", "/").rsplit("/", 1)[-1]
            reason = "" if result.reason is None else (result.reason.zh if zh else result.reason.en)
            for j, text in enumerate((name, status[result.status], reason)):
                item = QTableWidgetItem(text)
                item.setToolTip(result.path if j == 0 else text)
                self.table.setItem(i, j, item)
