"""A list of ticks where the whole row is the target: a click on the name ticks it, not only the 13 px box.

A 55-year-old chief clicks the reach's name; Qt's own list only selected the row and left it unticked
(issue 14 item 6). Space ticks the current row, and a double-click ticks once rather than twice.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QEvent, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QListWidget, QStyledItemDelegate, QStyleOptionViewItem, QWidget

Index = QModelIndex | QPersistentModelIndex


class WholeRowCheckDelegate(QStyledItemDelegate):
    """Toggles a checkable item on a left click anywhere in its row, and on Space."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._after_double_click = False

    def editorEvent(self, event: QEvent, model: QAbstractItemModel,  # noqa: N802 - Qt's name
                    option: QStyleOptionViewItem, index: Index) -> bool:
        flags = index.flags()
        if not (flags & Qt.ItemFlag.ItemIsUserCheckable and flags & Qt.ItemFlag.ItemIsEnabled):
            return super().editorEvent(event, model, option, index)
        kind = event.type()
        if kind == QEvent.Type.MouseButtonDblClick:
            # Press, release, double-click, release: the first release ticked; this second click must not untick.
            self._after_double_click = True
            return True
        if kind == QEvent.Type.MouseButtonRelease and isinstance(event, QMouseEvent):
            if event.button() != Qt.MouseButton.LeftButton or not option.rect.contains(event.position().toPoint()):
                return False
            if self._after_double_click:
                self._after_double_click = False
                return True
            return self._toggle(model, index)
        if kind == QEvent.Type.MouseButtonPress:
            self._after_double_click = False
            return False  # the view selects the row and makes it current, as usual
        if kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if event.key() in (Qt.Key.Key_Space, Qt.Key.Key_Select):
                return self._toggle(model, index)
            return False
        return super().editorEvent(event, model, option, index)

    @staticmethod
    def _toggle(model: QAbstractItemModel, index: Index) -> bool:
        checked = Qt.CheckState(index.data(Qt.ItemDataRole.CheckStateRole)) == Qt.CheckState.Checked
        new = Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked
        return model.setData(index, new, Qt.ItemDataRole.CheckStateRole)


class CheckList(QListWidget):
    """A QListWidget of checkable items whose rows tick as a whole (see `WholeRowCheckDelegate`)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setItemDelegate(WholeRowCheckDelegate(self))
