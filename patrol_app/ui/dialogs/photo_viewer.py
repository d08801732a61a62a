"""A photo at full size: fitted to the window, previous/next with the buttons or ← →, Esc closes.

The photo is read and decoded by a worker (the upload copy: 1600–2048 px, already upright; the original,
turned by its EXIF orientation, if the copy is gone), never on the GUI thread. A missing or damaged
file is said in words in place of the photo.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize, Qt, Signal, Slot
from PySide6.QtGui import QImage, QImageReader, QKeySequence, QPixmap, QResizeEvent, QShortcut
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from patrol_app.paths import Library
from patrol_app.store import Store
from patrol_app.store.photos import taken_local
from patrol_app.ui.tasks import TaskRunner, WorkContext
from patrol_app.ui.widgets import Retranslating

CACHE = 4  # decoded photos kept, so going back and forth does not decode again


@dataclass(frozen=True)
class Loaded:
    """What a worker found for one photo: its row, its image, or why there is none."""

    row: dict[str, Any] | None
    image: QImage | None
    problem: str | None = None  # "gone" (no such photo) | "missing" (no file) | "damaged" (unreadable)
    path: str = ""


def read_photo(store: Store, uuid: str) -> Loaded:
    """Worker: the photo's row and its image, the upload copy first, else the original (turned upright)."""
    row = store.photos.get(uuid)
    if row is None:
        return Loaded(None, None, "gone")
    library = Library(store.data_dir)
    files = [library.upload(row["upload_sha256"]), library.original(row["sha256"], row["format"])]
    present = [path for path in files if path.is_file()]
    for path in present:
        reader = QImageReader(str(path))
        reader.setAutoTransform(True)  # the original's EXIF orientation; the upload copy says 1
        image = reader.read()
        if not image.isNull():
            return Loaded(row, image, None, str(path))
    if present:
        return Loaded(row, None, "damaged", str(present[0]))
    return Loaded(row, None, "missing", str(files[0]))


class PhotoViewer(Retranslating, QDialog):
    """Shows `photo_uuids[current]` of the library in `data_dir`; open it with `.open()`.

    Signals:
        photo_shown(int): the photo at that position (or the message why it cannot be shown) is on screen.
    """

    photo_shown = Signal(int)

    def __init__(self, data_dir: Path, photo_uuids: list[str], current: int, parent: QWidget | None = None,
                 *, runner: TaskRunner | None = None) -> None:
        super().__init__(parent)
        self._data_dir = Path(data_dir)
        self._uuids = list(photo_uuids)
        self._current = min(max(current, 0), max(len(self._uuids) - 1, 0))
        self._runner = runner if runner is not None else TaskRunner(self)
        self._cache: OrderedDict[str, Loaded] = OrderedDict()
        self._shown: Loaded | None = None
        self._pixmap = QPixmap()
        self._generation = 0
        self.setModal(True)
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)

        self.image = QLabel()
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.image.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.image.setMinimumSize(320, 240)
        self.image.setWordWrap(True)
        self.image.setStyleSheet("background: #1e2328; color: #f4f7fb; font-size: 13pt; padding: 24px;")
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        self.caption.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.position_label = QLabel()
        self.previous_button = QPushButton()
        self.next_button = QPushButton()
        self.close_button = QPushButton()
        for button in (self.previous_button, self.next_button, self.close_button):
            button.setMinimumHeight(36)
            button.setAutoDefault(False)

        buttons = QHBoxLayout()
        buttons.addWidget(self.previous_button)
        buttons.addWidget(self.next_button)
        buttons.addWidget(self.position_label)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.image, 1)
        layout.addWidget(self.caption)
        layout.addLayout(buttons)

        self.previous_button.clicked.connect(self.previous)
        self.next_button.clicked.connect(self.next)
        self.close_button.clicked.connect(self.reject)
        for keys, slot in (((Qt.Key.Key_Left, Qt.Key.Key_PageUp), self.previous),
                           ((Qt.Key.Key_Right, Qt.Key.Key_PageDown), self.next)):
            for key in keys:
                QShortcut(QKeySequence(key), self, context=Qt.ShortcutContext.WindowShortcut).activated.connect(slot)
        self.resize(self._first_size(parent))
        self.retranslate_ui()
        self._load()

    @staticmethod
    def _first_size(parent: QWidget | None) -> QSize:
        """Most of the window it was opened from (at 1366×768: about 1250×700), else a laptop's screen."""
        window = parent.window() if parent is not None else None
        if window is not None and window.isVisible():
            return QSize(max(640, window.width() - 100), max(480, window.height() - 60))
        return QSize(1200, 700)

    # -- moving ----------------------------------------------------------------------------------------

    @property
    def current(self) -> int:
        return self._current

    @Slot()
    def previous(self) -> None:
        self.show_photo(self._current - 1)

    @Slot()
    def next(self) -> None:
        self.show_photo(self._current + 1)

    def show_photo(self, position: int) -> None:
        if not (0 <= position < len(self._uuids)) or position == self._current:
            return
        self._current = position
        self._load()

    def _load(self) -> None:
        self._generation += 1
        self._update_buttons()
        if not self._uuids:
            self._show(Loaded(None, None, "gone"))
            return
        uuid = self._uuids[self._current]
        cached = self._cache.get(uuid)
        if cached is not None:
            self._cache.move_to_end(uuid)
            self._show(cached)
            return
        self._shown = None
        self._pixmap = QPixmap()
        self.image.setPixmap(QPixmap())
        self.image.setText(self.tr("Opening the photo…"))
        self.caption.clear()
        generation = self._generation

        def work(store: Store, context: WorkContext) -> Loaded:
            return read_photo(store, uuid)

        def done(loaded: Loaded) -> None:
            self._cache[uuid] = loaded
            while len(self._cache) > CACHE:
                self._cache.popitem(last=False)
            if generation == self._generation:
                self._show(loaded)

        def failed(exc: BaseException) -> None:
            if generation == self._generation:
                self._show(Loaded(None, None, "error", f"{type(exc).__name__}: {exc}"))

        self._runner.run_in_store(self._data_dir, work, on_success=done, on_failure=failed, owner=self)

    def _show(self, loaded: Loaded) -> None:
        self._shown = loaded
        self._pixmap = QPixmap.fromImage(loaded.image) if loaded.image is not None else QPixmap()
        if self._pixmap.isNull():
            self.image.setPixmap(QPixmap())
        self._fit()
        self._fill_texts()
        self.photo_shown.emit(self._current)

    def _fit(self) -> None:
        if self._pixmap.isNull():  # the label's text (loading, or why there is no photo) stays
            return
        room = self.image.contentsRect().size()
        scaled = self._pixmap.scaled(room, Qt.AspectRatioMode.KeepAspectRatio,
                                     Qt.TransformationMode.SmoothTransformation)
        self.image.setPixmap(scaled)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._fit()

    def shown_size(self) -> QSize:
        """The size the photo is drawn at now (empty while loading or when it cannot be shown)."""
        pixmap = self.image.pixmap()
        return QSize() if pixmap is None or pixmap.isNull() else pixmap.size()

    # -- words ---------------------------------------------------------------------------------------

    def _update_buttons(self) -> None:
        self.previous_button.setEnabled(self._current > 0)
        self.next_button.setEnabled(self._current < len(self._uuids) - 1)
        self.position_label.setText(
            self.tr("%1 of %2").replace("%1", str(self._current + 1)).replace("%2", str(len(self._uuids)))
            if len(self._uuids) > 1 else "")

    def _fill_texts(self) -> None:
        loaded = self._shown
        if loaded is None:
            return
        if loaded.problem is not None:
            self.image.setText(self._problem_text(loaded))
        row = loaded.row
        self.caption.setText(self._caption(row) if row is not None else "")
        self.setWindowTitle(self.tr("Photo") + (f" – {row['original_name']}" if row is not None else ""))

    def _problem_text(self, loaded: Loaded) -> str:
        if loaded.problem == "missing":
            return self.tr("The file of this photo cannot be found:\n%1\nIt may have been deleted or moved. "
                           "Restore the data folder from a backup, or import the photo again.").replace(
                "%1", loaded.path)
        if loaded.problem == "damaged":
            return self.tr("The file of this photo is damaged and cannot be shown:\n%1\nImport the photo "
                           "again from the phone or the camera.").replace("%1", loaded.path)
        if loaded.problem == "gone":
            return self.tr("This photo is no longer in the library.")
        return self.tr("The photo could not be opened: %1").replace("%1", loaded.path)

    def _caption(self, row: dict[str, Any]) -> str:
        local = taken_local(row)
        when = (self.tr("Taken %1").replace("%1", local.strftime("%Y-%m-%d %H:%M:%S")) if local
                else self.tr("Time taken unknown"))
        if row["lat"] is not None:
            source = {"exif": self.tr("from the photo's GPS"), "track": self.tr("from the patrol track"),
                      "manual": self.tr("set by hand")}.get(row["position_source"], "")
            where = self.tr("at %1, %2 (%3)").replace("%1", f"{row['lat']:.6f}").replace(
                "%2", f"{row['lon']:.6f}").replace("%3", source)
        else:
            where = self.tr("no position")
        return " · ".join((when, where, row["original_name"]))

    def retranslate_ui(self) -> None:
        self.previous_button.setText(self.tr("← Previous"))
        self.previous_button.setToolTip(self.tr("The previous photo (← key)"))
        self.next_button.setText(self.tr("Next →"))
        self.next_button.setToolTip(self.tr("The next photo (→ key)"))
        self.close_button.setText(self.tr("Close"))
        self.close_button.setToolTip(self.tr("Close the photo (Esc)"))
        self.setWindowTitle(self.tr("Photo"))
        self._update_buttons()
        if self._shown is None and self._uuids:
            self.image.setText(self.tr("Opening the photo…"))
        self._fill_texts()
