"""Showing errors: environment faults get their own words; bugs get an apology and the details."""

from __future__ import annotations

import traceback

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from patrol_app.domain.problems import Refusal
from patrol_app.store.errors import EnvironmentFault
from patrol_app.ui.i18n import current_language


def show_error(parent: QWidget | None, exc: BaseException) -> None:
    title = QCoreApplication.translate("Messages", "River Patrol")
    if isinstance(exc, Refusal):  # a rule said no: say why, in both languages
        box = QMessageBox(QMessageBox.Icon.Information, title, exc.text(current_language()), parent=parent)
        box.setInformativeText(exc.en if current_language().startswith("zh") else exc.zh)
    elif isinstance(exc, EnvironmentFault):
        box = QMessageBox(QMessageBox.Icon.Warning, title, exc.message(current_language()), parent=parent)
        other = exc.en if current_language().startswith("zh") else exc.zh
        box.setInformativeText(other)
    else:
        box = QMessageBox(
            QMessageBox.Icon.Critical,
            title,
            QCoreApplication.translate(
                "Messages",
                "Something went wrong inside the program. Your saved data is safe. "
                "Please send the details below to the city river-chief office.",
            ),
            parent=parent,
        )
        box.setDetailedText("".join(traceback.format_exception(exc)))
    box.exec()
