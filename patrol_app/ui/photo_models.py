"""The photo grid's model: pages of rows from the store on demand, thumbnails loaded off the GUI thread.

With 50,000 photos the grid holds only the rows scrolled past (keyset pages of 200) and a bounded cache
of thumbnails; a thumbnail is read and decoded by a worker when its cell is first painted.
"""

from __future__ import annotations

from collections import OrderedDict
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, QSize, Qt, Signal, Slot
from PySide6.QtGui import QColor, QImage, QPixmap

from patrol_app.media.derive import rebuild_thumbnail as _rebuild
from patrol_app.media.library import Library
from patrol_app.store import Store
from patrol_app.store.photos import PhotoFilter, taken_local
from patrol_app.ui.tasks import TaskRunner, WorkContext

Index = QModelIndex | QPersistentModelIndex
PhotoRole = Qt.ItemDataRole.UserRole
PAGE = 200
THUMB_CACHE = 1500
CELL = QSize(176, 150)
ICON = QSize(160, 120)


class PhotoGridModel(QAbstractListModel):
    """Signals:
    thumbnails_loaded(int): a batch of thumbnails arrived (how many).
    rows_loaded(): every row of the current filter is in the model.
    """

    thumbnails_loaded = Signal(int)
    rows_loaded = Signal()

    def __init__(self, *, store: Store, runner: TaskRunner, parent=None) -> None:
        super().__init__(parent)
        self._store = store
        self._runner = runner
        self._library = Library(store.data_dir)
        self._filter = PhotoFilter()
        self._rows: list[dict[str, Any]] = []
        self._row_of: dict[str, int] = {}  # original sha256 → row, to repaint a thumbnail's cell
        self._total = 0
        self._thumbs: OrderedDict[str, QPixmap] = OrderedDict()
        self._wanted: dict[str, str] = {}  # original sha256 → upload copy sha256, in paint order
        self._loading = False
        self._placeholder = QPixmap(160, 120)
        self._placeholder.fill(QColor("#dde3ea"))
        self._missing = QPixmap(160, 120)
        self._missing.fill(QColor("#f3d6d6"))
        self._generation = 0

    # -- rows -----------------------------------------------------------------------------------
    def set_filter(self, where: PhotoFilter) -> None:
        """Show the first page at once; fetch all the rest in one background query and insert it in one go.

        One insertion means one layout of the grid: fetching page after page while scrolling made the
        icon-mode list lay everything out again for every page (200 ms per page at 20,000 rows).
        """
        self.beginResetModel()
        self._filter = where
        self._generation += 1
        self._total = self._store.photos.count(where)
        self._rows = []
        self._row_of = {}
        self._append(self._store.photos.page(where, None, PAGE))
        self.endResetModel()
        if self._total > len(self._rows):
            self._load_rest(where, self._generation)
        else:
            self.rows_loaded.emit()

    def _load_rest(self, where: PhotoFilter, generation: int) -> None:
        last = self._rows[-1]
        after = (last["sort_key"], last["uuid"])
        data_dir, limit = self._store.data_dir, self._total

        def work(store: Store, context: WorkContext) -> list[dict[str, Any]]:
            return store.photos.page(where, after, limit)

        def arrived(rest: list[dict[str, Any]]) -> None:
            if generation != self._generation or not rest:
                return
            self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(rest) - 1)
            self._append(rest)
            self.endInsertRows()
            self.rows_loaded.emit()

        self._runner.run_in_store(data_dir, work, on_success=arrived, owner=self)

    def _append(self, rows: list[dict[str, Any]]) -> None:
        for row in rows:
            self._row_of[row["sha256"]] = len(self._rows)
            self._rows.append(row)

    def reload(self) -> None:
        self.set_filter(self._filter)

    @property
    def total(self) -> int:
        return self._total

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def row(self, index: int) -> dict[str, Any]:
        return self._rows[index]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            local = taken_local(row)
            return local.strftime("%Y-%m-%d %H:%M") if local else row["original_name"]
        if role == Qt.ItemDataRole.DecorationRole:
            return self._thumbnail(row)
        if role == Qt.ItemDataRole.ToolTipRole:
            return row["original_name"]
        if role == PhotoRole:
            return row
        return None

    # -- thumbnails -----------------------------------------------------------------------------
    def _thumbnail(self, row: dict[str, Any]) -> QPixmap:
        sha = row["sha256"]
        pixmap = self._thumbs.get(sha)
        if pixmap is not None:
            self._thumbs.move_to_end(sha)
            return pixmap
        self._wanted[sha] = row["upload_sha256"]
        self._load_next()
        return self._placeholder

    def _load_next(self) -> None:
        if self._loading or not self._wanted:
            return
        batch = list(self._wanted)[-48:]  # the most recently painted cells first
        paths = {sha: (self._library.thumbnail(sha), self._library.upload(self._wanted.pop(sha))) for sha in batch}
        self._loading = True
        generation = self._generation

        def work(context: WorkContext) -> dict[str, QImage | None]:
            return {sha: _read_image(thumb, upload) for sha, (thumb, upload) in paths.items()}

        self._runner.run(work, on_success=lambda images: self._loaded(images, generation),
                         on_failure=self._load_failed, owner=self)

    def _loaded(self, images: dict[str, QImage | None], generation: int) -> None:
        self._loading = False
        for sha, image in images.items():
            self._thumbs[sha] = QPixmap.fromImage(image) if image is not None else self._missing
        while len(self._thumbs) > THUMB_CACHE:
            self._thumbs.popitem(last=False)
        if generation == self._generation and self._rows:
            # One signal per cell: a single range from the first to the last changed row could span
            # thousands of rows the view would then all re-examine.
            for row in sorted(self._row_of[sha] for sha in images if sha in self._row_of):
                index = self.index(row)
                self.dataChanged.emit(index, index, [Qt.ItemDataRole.DecorationRole])
        self.thumbnails_loaded.emit(len(images))
        self._load_next()

    @Slot(object)
    def _load_failed(self, exc: object) -> None:
        self._loading = False
        self._load_next()

    def cached_thumbnails(self) -> int:
        return len(self._thumbs)


def rebuild_thumbnail(upload: Path, thumbnail: Path) -> QImage | None:
    try:
        _rebuild(upload, thumbnail)
    except OSError:
        return None
    return QImage(str(thumbnail))


def _read_image(thumbnail: Path, upload: Path) -> QImage | None:
    """In a worker: QImage (unlike QPixmap) may be made and scaled off the GUI thread.

    Thumbnails are derived files written without fsync: one lost in a crash (missing or empty) is made
    again from the upload copy. Scaled to the grid's icon size here: a pixmap decoration is painted at
    its own size.
    """
    image = QImage(str(thumbnail))
    if image.isNull():
        image = rebuild_thumbnail(upload, thumbnail)
    if image is None or image.isNull():
        return None
    return image.scaled(ICON, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)
