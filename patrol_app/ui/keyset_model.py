"""A table model over a long list read in keyset pages by background workers.

A list of 100,000 records holds only the rows scrolled past: the count and the first page are read by
a worker when a filter is set, and each further page when the view scrolls near the end (`fetchMore`).
Nothing touches the database on the GUI thread. Subclasses say how to count, read a page and key a row.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from patrol_app.store import Store
from patrol_app.ui.tasks import TaskRunner, WorkContext

Index = QModelIndex | QPersistentModelIndex
RowRole = Qt.ItemDataRole.UserRole
PAGE = 300


class KeysetTableModel(QAbstractTableModel):
    """Signals:
    loaded(int): the count and first page of a new filter arrived (the total number of matches).
    page_loaded(): another page was appended.
    failed(object): a background read failed (the exception).
    """

    loaded = Signal(int)
    page_loaded = Signal()
    failed = Signal(object)

    COLUMNS: tuple[str, ...] = ()

    def __init__(self, *, store: Store, runner: TaskRunner, parent=None) -> None:
        super().__init__(parent)
        self._data_dir = store.data_dir
        self._runner = runner
        self._rows: list[dict[str, Any]] = []
        self._total = 0
        self._filter: Any = None
        self._generation = 0
        self._fetching = False

    # What a subclass provides (each runs in a worker with its own store).
    @staticmethod
    def read_count(store: Store, where: Any) -> int:
        raise NotImplementedError

    @staticmethod
    def read_page(store: Store, where: Any, after: tuple[str, str] | None, limit: int) -> list[dict[str, Any]]:
        raise NotImplementedError

    @staticmethod
    def key(row: dict[str, Any]) -> tuple[str, str]:
        raise NotImplementedError

    @property
    def total(self) -> int:
        return self._total

    @property
    def current_filter(self) -> Any:
        return self._filter

    def set_filter(self, where: Any) -> None:
        self._generation += 1
        generation = self._generation
        self._filter = where
        self._fetching = True
        data_dir, count, page = self._data_dir, self.read_count, self.read_page

        def work(store: Store, context: WorkContext) -> tuple[int, list[dict[str, Any]]]:
            return count(store, where), page(store, where, None, PAGE)

        def done(result: tuple[int, list[dict[str, Any]]]) -> None:
            if generation != self._generation:
                return
            self._fetching = False
            self.beginResetModel()
            self._total, self._rows = result
            self.endResetModel()
            self.loaded.emit(self._total)

        self._runner.run_in_store(data_dir, work, on_success=done, on_failure=self._failed(generation), owner=self)

    def refresh(self) -> None:
        if self._filter is not None:
            self.set_filter(self._filter)

    def _failed(self, generation: int):  # noqa: ANN202
        def failed(exc: BaseException) -> None:
            if generation == self._generation:
                self._fetching = False
                self.failed.emit(exc)
        return failed

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._fetching and len(self._rows) < self._total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent) or self._filter is None:
            return
        self._fetching = True
        generation, where, data_dir, page = self._generation, self._filter, self._data_dir, self.read_page
        after = self.key(self._rows[-1])

        def work(store: Store, context: WorkContext) -> list[dict[str, Any]]:
            return page(store, where, after, PAGE)

        def done(rows: list[dict[str, Any]]) -> None:
            if generation != self._generation:
                return
            self._fetching = False
            if rows:
                self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(rows) - 1)
                self._rows.extend(rows)
                self.endInsertRows()
            else:
                self._total = len(self._rows)  # the list shrank meanwhile
            self.page_loaded.emit()

        self._runner.run_in_store(data_dir, work, on_success=done, on_failure=self._failed(generation), owner=self)

    def row_at(self, row: int) -> dict[str, Any]:
        return self._rows[row]

    def find(self, uuid: str) -> int:
        return next((i for i, r in enumerate(self._rows) if r["uuid"] == uuid), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.COLUMNS) - 1)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(self.COLUMNS) - 1))
