"""The editor's photos-and-problems tab: the patrol's photos (double-click one to see it full size) and
the problems reported from it (double-click one to open it on the problems page)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from patrol_app.domain.problems import ProblemState
from patrol_app.paths import Library
from patrol_app.ui.evidence import IMAGE_FILTER, PhotoStrip
from patrol_app.ui.file_dialogs import Kind, choose_files
from patrol_app.ui.i18n import current_language
from patrol_app.ui.problem_models import item_name
from patrol_app.ui.widgets import Retranslating


class EvidenceTab(Retranslating, QWidget):
    """Signals:
    offered_requested(): add the photos taken during the patrol.
    files_chosen(list): photo files (Paths) to import and add.
    remove_requested(list): uuids of the photos to take off the patrol.
    report_requested(): report a problem found on this patrol.
    problem_opened(str): the uuid of a problem double-clicked in the list.
    photo_opened(int): the index of a photo double-clicked in the strip.
    """

    offered_requested = Signal()
    files_chosen = Signal(list)
    remove_requested = Signal(list)
    report_requested = Signal()
    problem_opened = Signal(str)
    photo_opened = Signal(int)

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.photos_title, self.problems_title = QLabel(), QLabel()
        self.photo_strip = PhotoStrip(library)
        self.offered_button = QPushButton()
        self.add_files_button = QPushButton()
        self.remove_photo_button = QPushButton()
        self.problem_list = QListWidget()
        self.report_button = QPushButton()
        photo_buttons = QHBoxLayout()
        for button in (self.offered_button, self.add_files_button, self.remove_photo_button):
            photo_buttons.addWidget(button)
        photo_buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.photos_title)
        layout.addWidget(self.photo_strip)
        layout.addLayout(photo_buttons)
        layout.addWidget(self.problems_title)
        layout.addWidget(self.problem_list, 1)
        layout.addWidget(self.report_button, 0, Qt.AlignmentFlag.AlignLeft)

        self._final = False
        self._offered = 0
        self.offered_button.clicked.connect(self.offered_requested)
        self.add_files_button.clicked.connect(self.choose_files)
        self.remove_photo_button.clicked.connect(self._remove_clicked)
        self.report_button.clicked.connect(self.report_requested)
        # "Activated": a double-click, or Enter on the item with the keyboard.
        self.problem_list.itemActivated.connect(self._problem_double_clicked)
        self.photo_strip.itemActivated.connect(self._photo_double_clicked)
        self.photo_strip.itemSelectionChanged.connect(self._fill_buttons)
        self.retranslate_ui()

    def show_evidence(self, photos: list[dict[str, Any]], problems: list[dict[str, Any]], offered: int) -> None:
        self.photo_strip.set_photos(photos)
        self.problem_list.clear()
        language = current_language()
        for problem in problems:
            state = ProblemState(problem["state"]).name_in(language) if problem["state"] else ""
            item = QListWidgetItem(f"{item_name(problem['code'])} · {state} · {problem['description'][:40]}")
            item.setData(Qt.ItemDataRole.UserRole, problem["uuid"])
            item.setToolTip(self.tr("Double-click to open this problem on the problems page."))
            self.problem_list.addItem(item)
        self._offered = offered
        self._fill_texts()

    def set_final(self, final: bool) -> None:
        """Photos change only on a draft: a finalised record's evidence is part of what was finalised."""
        self._final = final
        self._fill_buttons()

    @Slot()
    def choose_files(self) -> None:
        files = choose_files(self, self.tr("Choose photos"), Kind.PHOTOS,
                             self.tr("Photos (%1);;All files (*)").replace("%1", IMAGE_FILTER))
        if files:
            self.files_chosen.emit([Path(f) for f in files])

    def selected_photos(self) -> list[str]:
        return [item.data(Qt.ItemDataRole.UserRole)["uuid"] for item in self.photo_strip.selectedItems()]

    @Slot()
    def _remove_clicked(self) -> None:
        chosen = self.selected_photos()
        if chosen:
            self.remove_requested.emit(chosen)

    @Slot(QListWidgetItem)
    def _problem_double_clicked(self, item: QListWidgetItem) -> None:
        uuid = item.data(Qt.ItemDataRole.UserRole)
        if uuid:
            self.problem_opened.emit(str(uuid))

    @Slot(QListWidgetItem)
    def _photo_double_clicked(self, item: QListWidgetItem) -> None:
        self.photo_opened.emit(self.photo_strip.row(item))

    def _fill_buttons(self) -> None:
        locked = self.tr("A finalised patrol's photos are part of what was finalised: they cannot change.")
        for button in (self.offered_button, self.add_files_button, self.remove_photo_button):
            button.setEnabled(not self._final)
            button.setToolTip(locked if self._final else "")
        if not self._final and not self.photo_strip.selectedItems():
            self.remove_photo_button.setEnabled(False)
            self.remove_photo_button.setToolTip(self.tr("Click a photo above first, then remove it."))

    def _fill_texts(self) -> None:
        self.offered_button.setText(self.tr("Add photos taken during the patrol (%1)").replace(
            "%1", str(self._offered)))
        self.photos_title.setText(self.tr("Photos of this patrol: %1 (double-click one to see it full size)")
                                  .replace("%1", str(self.photo_strip.count())))
        self.problems_title.setText(self.tr("Problems found on this patrol: %1").replace(
            "%1", str(self.problem_list.count())))
        self._fill_buttons()

    def retranslate_ui(self) -> None:
        self.add_files_button.setText(self.tr("Add photo files…"))
        self.remove_photo_button.setText(self.tr("Remove selected photos"))
        self.report_button.setText(self.tr("Report a problem found on this patrol…"))
        self._fill_texts()
