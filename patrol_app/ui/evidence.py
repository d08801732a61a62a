"""Photos as evidence: a strip of thumbnails, and picking photo files to attach (imported first).

Attaching a photo file imports it into the library in the background (the same importer as the photos
page: copied, hashed, never changed); a file already in the library is simply reused.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize, Qt, Signal, Slot
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from patrol_app.media.importer import PhotoImporter
from patrol_app.paths import Library
from patrol_app.store import Store
from patrol_app.store.photos import taken_local
from patrol_app.ui.dialogs.messages import show_error
from patrol_app.ui.file_dialogs import Kind, choose_files
from patrol_app.ui.i18n import current_language
from patrol_app.ui.tasks import TaskRunner, WorkContext

THUMB = QSize(120, 90)
IMAGE_FILTER = "*.jpg *.jpeg *.png *.heic *.heif *.tif *.tiff *.webp *.JPG *.JPEG *.PNG *.HEIC"


@dataclass
class Attached:
    """Photos ready to attach, and files that could not be used (with the reason, in both languages)."""

    photos: list[dict[str, Any]] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)


def import_into(store: Store, files: list[Path], context: WorkContext, *, held_for: str | None = None) -> Attached:
    """Worker (for `TaskRunner.run_in_store`): import the files and return the photo rows (existing
    ones for files already imported). `held_for`: a covert draft, whose new photos stay on the laptop."""
    attached = Attached()
    summary = PhotoImporter(store, held_for=held_for).run(files, progress=context.progress, cancel=context.cancel)
    for result in summary.results:
        row = store.photos.by_sha(result.sha256) if result.sha256 else None
        if result.status in ("imported", "duplicate") and row is not None:
            attached.photos.append(row)
        else:
            zh = current_language().startswith("zh")
            reason = (result.reason.zh if zh else result.reason.en) if result.reason else result.status
            attached.refused.append((Path(result.path).name, reason))
    return attached


def thumbnail_icon(library: Library, row: dict[str, Any]) -> QIcon:
    pixmap = QPixmap(str(library.thumbnail(row["sha256"])))
    if pixmap.isNull():
        pixmap = QPixmap(str(library.upload(row["upload_sha256"])))
    if pixmap.isNull():
        pixmap = QPixmap(THUMB)
        pixmap.fill(Qt.GlobalColor.lightGray)
    return QIcon(pixmap.scaled(THUMB, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation))


class PhotoStrip(QListWidget):
    """A row of photo thumbnails; the tooltip gives the file name and time taken."""

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._library = library
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setFlow(QListView.Flow.LeftToRight)
        self.setWrapping(False)
        self.setIconSize(THUMB)
        self.setFixedHeight(THUMB.height() + 36)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setMovement(QListView.Movement.Static)
        self.setSpacing(4)

    def set_photos(self, rows: list[dict[str, Any]]) -> None:
        self.clear()
        for row in rows:
            self.add_photo(row)

    def add_photo(self, row: dict[str, Any]) -> None:
        if any(self.item(i).data(Qt.ItemDataRole.UserRole)["uuid"] == row["uuid"] for i in range(self.count())):
            return
        item = QListWidgetItem(thumbnail_icon(self._library, row), "")
        taken = taken_local(row)
        item.setToolTip(f"{row['original_name']}\n{taken.strftime('%Y-%m-%d %H:%M') if taken else ''}")
        item.setData(Qt.ItemDataRole.UserRole, row)
        self.addItem(item)

    def photo_uuids(self) -> list[str]:
        return [self.item(i).data(Qt.ItemDataRole.UserRole)["uuid"] for i in range(self.count())]


class EvidencePicker(QWidget):
    """A photo strip with "Add photos…" and "Remove" buttons.

    Signals:
    changed(): photos were added or removed.
    """

    changed = Signal()

    def __init__(self, *, store: Store, runner: TaskRunner, held_for: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._data_dir = store.data_dir
        self._runner = runner
        self._held_for = held_for  # a covert draft's uuid: photos imported here stay on the laptop
        self.strip = PhotoStrip(Library(store.data_dir))
        self.add_button = QPushButton(self.tr("Add photos…"))
        self.remove_button = QPushButton(self.tr("Remove"))
        self.remove_button.setEnabled(False)
        buttons = QVBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.strip, 1)
        layout.addLayout(buttons)
        self.add_button.clicked.connect(self.choose_files)
        self.remove_button.clicked.connect(self._remove)
        self.strip.itemSelectionChanged.connect(
            lambda: self.remove_button.setEnabled(bool(self.strip.selectedItems())))
        self.busy = False

    def photo_uuids(self) -> list[str]:
        return self.strip.photo_uuids()

    @Slot()
    def choose_files(self) -> None:
        files = choose_files(self, self.tr("Choose photos"), Kind.PHOTOS,
                             self.tr("Photos (%1);;All files (*)").replace("%1", IMAGE_FILTER))
        if files:
            self.attach_files(files)

    def attach_files(self, files: list[Path]) -> None:
        """Import the files in the background, then show them in the strip."""
        self.busy = True
        self.add_button.setEnabled(False)
        data_dir, held_for = self._data_dir, self._held_for

        def done(attached: Attached) -> None:
            self._finish()
            for row in attached.photos:
                self.strip.add_photo(row)
            if attached.refused:
                from PySide6.QtWidgets import QMessageBox

                lines = "\n".join(f"{name}: {reason}" for name, reason in attached.refused)
                QMessageBox.warning(self, self.tr("Some files were not attached"),
                                    self.tr("These files could not be used as photos:") + "\n" + lines)
            self.changed.emit()

        def failed(exc: BaseException) -> None:
            self._finish()
            show_error(self, exc)

        self._runner.run_in_store(
            data_dir, lambda store, context: import_into(store, files, context, held_for=held_for),
            on_success=done, on_failure=failed,
            writes=True, progress_parent=self, progress_title=self.tr("Importing photos"), owner=self,
        )

    def _finish(self) -> None:
        self.busy = False
        self.add_button.setEnabled(True)

    @Slot()
    def _remove(self) -> None:
        for item in self.strip.selectedItems():
            self.strip.takeItem(self.strip.row(item))
        self.changed.emit()
