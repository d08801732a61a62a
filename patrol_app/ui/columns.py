"""Column widths for every list: the facts a chief reads at a glance are never cut off.

Each list declares what each of its columns is (`Fit`, `Elide`, `Extra`, `Hidden`); `ColumnLayout`
then lays the columns out whenever the view is resized or its rows change:

- `Fit`: a short, fixed-format key column (a date, a number, a state) — always as wide as its header
  and its widest visible cell;
- `Elide`: a key column of names (reach, unit): shares what is left, elided in the middle ("沙河下…村段"),
  the full text in the tooltip;
- `Extra`: not key; moved to the end, as wide as its contents, reached by scrolling sideways if the
  window is narrow;
- `Hidden`: not shown until chosen in the header's context menu (which lists every non-key column).
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    Qt,
    QTimer,
    Slot,
)
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QMenu,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QToolTip,
)

Index = QModelIndex | QPersistentModelIndex


class Kind(Enum):
    FIT = "fit"
    ELIDE = "elide"
    EXTRA = "extra"
    HIDDEN = "hidden"


Fit, Elide, Extra, Hidden = Kind.FIT, Kind.ELIDE, Kind.EXTRA, Kind.HIDDEN
KEY_KINDS = (Kind.FIT, Kind.ELIDE)


class ElideMiddleDelegate(QStyledItemDelegate):
    """Paints text elided in the middle (both ends of a reach's or unit's name say the most), and gives
    a cell whose text does not fit a tooltip with the full text (then the model's own tooltip, if any)."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: Index) -> None:  # noqa: N802 - Qt's name
        super().initStyleOption(option, index)
        option.textElideMode = Qt.TextElideMode.ElideMiddle

    def is_elided(self, option: QStyleOptionViewItem, index: Index) -> bool:
        """Whether the cell's text is cut in `option.rect` (wrapped text: whether its lines fit the height)."""
        needed = self.sizeHint(option, index)
        if option.features & QStyleOptionViewItem.ViewItemFeature.WrapText:
            return needed.height() > option.rect.height()
        return needed.width() > option.rect.width()

    def tooltip(self, option: QStyleOptionViewItem, index: Index) -> str:
        own = index.data(Qt.ItemDataRole.ToolTipRole)
        own = "" if own is None else str(own)
        if not self.is_elided(option, index):
            return own
        full = index.data(Qt.ItemDataRole.DisplayRole)
        full = "" if full is None else str(full)
        return full if not own or own == full else f"{full}\n{own}"

    def helpEvent(self, event: QHelpEvent, view: QAbstractItemView, option: QStyleOptionViewItem,  # noqa: N802
                  index: Index) -> bool:
        if event is None or view is None or event.type() != QEvent.Type.ToolTip or not index.isValid():
            return super().helpEvent(event, view, option, index)
        text = self.tooltip(option, index)
        if text:
            QToolTip.showText(event.globalPos(), text, view, view.visualRect(index))
        else:
            QToolTip.hideText()
            event.ignore()
        return True


class ColumnLayout(QObject):
    """Lays out a table view's columns by their kinds; one per view (find it with
    `view.findChild(ColumnLayout)`).

    Widths are recomputed when the view is resized, its rows change or it is scrolled (a wider date
    may come into sight); a fixed-format column only grows while the same rows are shown, so scrolling
    does not make the columns jump back and forth.
    """

    MIN_ELIDE_CHARS = 5  # what an eliding column keeps while there is room: "沙河…村段"
    FLOOR_ELIDE_CHARS = 2  # below that only when the key fixed-format columns would not fit otherwise

    def __init__(self, view: QTableView, kinds: Sequence[Kind], *, wrap: bool = False) -> None:
        super().__init__(view)
        self.setObjectName("columnLayout")
        self._view = view
        self._kinds: list[Kind] = []
        self._grown: dict[int, int] = {}
        self._model: QAbstractItemModel | None = None
        self._busy = False
        self.delegate = ElideMiddleDelegate(view)
        view.setItemDelegate(self.delegate)
        view.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        # One line per row unless asked (a wrapped Chinese name breaks anywhere and shows half of itself).
        view.setWordWrap(wrap)
        view.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        header = view.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._header_menu)
        view.viewport().installEventFilter(self)
        self._later = QTimer(self)
        self._later.setSingleShot(True)
        self._later.setInterval(0)
        self._later.timeout.connect(self.lay_out)
        view.verticalScrollBar().valueChanged.connect(self._later.start)
        self.set_kinds(kinds)

    # -- what the columns are ------------------------------------------------------------------------

    def set_kinds(self, kinds: Sequence[Kind]) -> None:
        """Declare the columns of the view's current model (call again after `view.setModel`)."""
        self._kinds = list(kinds)
        self._grown.clear()
        self._bind(self._view.model())
        header = self._view.horizontalHeader()
        # Key columns first in the model's order, then the others (a column the list did not declare too).
        count = header.count()
        order = [c for c in range(count) if self.kind(c) in KEY_KINDS]
        order += [c for c in range(count) if self.kind(c) not in KEY_KINDS]
        for visual, logical in enumerate(order):
            header.moveSection(header.visualIndex(logical), visual)
        for column in range(count):
            self._view.setColumnHidden(column, self.kind(column) is Kind.HIDDEN)
        self.lay_out()

    def kind(self, column: int) -> Kind:
        return self._kinds[column] if 0 <= column < len(self._kinds) else Kind.EXTRA

    def key_columns(self) -> list[int]:
        return [c for c, k in enumerate(self._kinds) if k in KEY_KINDS]

    def eliding_columns(self) -> list[int]:
        return [c for c, k in enumerate(self._kinds) if k is Kind.ELIDE]

    def fitting_columns(self) -> list[int]:
        return [c for c, k in enumerate(self._kinds) if k is Kind.FIT]

    def tooltip(self, index: Index) -> str:
        """The tooltip the view shows over this cell now (what `helpEvent` shows)."""
        option = QStyleOptionViewItem()
        self._view.initViewItemOption(option)
        option.rect = self._view.visualRect(index)
        return self.delegate.tooltip(option, index)

    def needed_width(self, column: int) -> int:
        """The header's and the widest visible cell's size hint (the view measures its visible rows)."""
        header = self._view.horizontalHeader()
        return max(header.sectionSizeHint(column), self._view.sizeHintForColumn(column))

    # -- laying out ----------------------------------------------------------------------------------

    def _bind(self, model: QAbstractItemModel | None) -> None:
        if model is self._model:
            return
        if self._model is not None:
            for signal in self._signals(self._model):
                signal.disconnect(self._later.start)
            self._model.modelReset.disconnect(self._reset)
            self._model.headerDataChanged.disconnect(self._reset)
        self._model = model
        if model is not None:
            for signal in self._signals(model):
                signal.connect(self._later.start)
            model.modelReset.connect(self._reset)
            model.headerDataChanged.connect(self._reset)

    @staticmethod
    def _signals(model: QAbstractItemModel) -> tuple:
        return (model.rowsInserted, model.rowsRemoved, model.layoutChanged, model.dataChanged)

    @Slot()
    def _reset(self) -> None:
        self._grown.clear()
        self._later.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Show):
            self.lay_out()
        return False

    @Slot()
    def lay_out(self) -> None:
        model = self._view.model()
        if self._busy or model is None or not self._kinds:
            return
        self._bind(model)
        self._busy = True
        try:
            self._apply(self._widths())
        finally:
            self._busy = False

    def _widths(self) -> dict[int, int]:
        view = self._view
        count = view.model().columnCount()
        available = view.viewport().width()
        widths: dict[int, int] = {}
        for column in range(count):
            if view.isColumnHidden(column):
                continue
            needed = self.needed_width(column)
            if self.kind(column) is not Kind.ELIDE:  # grow only while the same rows are shown
                needed = max(needed, self._grown.get(column, 0))
                self._grown[column] = needed
            widths[column] = needed
        fixed = sum(w for c, w in widths.items() if self.kind(c) is Kind.FIT)
        eliding = [c for c in widths if self.kind(c) is Kind.ELIDE]
        room = available - fixed
        if eliding:
            self._share(widths, eliding, room)
            used = sum(widths[c] for c in eliding)
            rest = room - used - sum(w for c, w in widths.items() if self.kind(c) not in KEY_KINDS)
            if rest > 0:  # everything fits: the first name column takes the room left over
                widths[eliding[0]] += rest
        elif widths and (rest := available - sum(widths.values())) > 0:
            shown = list(widths)  # no name column: spread what is left over, as a stretched table would
            for i, column in enumerate(shown):
                widths[column] += rest // len(shown) + (1 if i < rest % len(shown) else 0)
        return widths

    def _share(self, widths: dict[int, int], eliding: list[int], room: int) -> None:
        """Give the eliding columns `room`: each at most what it needs, each at least a few characters
        while that fits, then less, so that the fixed-format key columns stay in sight."""
        char = self._view.fontMetrics().horizontalAdvance("中")
        header = self._view.horizontalHeader()
        needed = {c: widths[c] for c in eliding}
        low = {c: min(needed[c], max(char * self.MIN_ELIDE_CHARS, header.sectionSizeHint(c))) for c in eliding}
        if sum(needed.values()) <= room:
            return
        if sum(low.values()) > room:  # not even the minimum: shrink all alike, down to a floor
            floor = char * self.FLOOR_ELIDE_CHARS
            scale = max(room, 0) / max(sum(low.values()), 1)
            for c in eliding:
                widths[c] = max(floor, int(low[c] * scale))
            return
        # Water-filling: every column gets its minimum, the rest is shared evenly up to what each needs.
        for c in eliding:
            widths[c] = low[c]
        left = room - sum(low.values())
        open_columns = [c for c in eliding if widths[c] < needed[c]]
        while left > 0 and open_columns:
            share = max(1, left // len(open_columns))
            for c in list(open_columns):
                add = min(share, needed[c] - widths[c], left)
                widths[c] += add
                left -= add
                if widths[c] >= needed[c]:
                    open_columns.remove(c)
                if left <= 0:
                    break

    def _apply(self, widths: dict[int, int]) -> None:
        header = self._view.horizontalHeader()
        changed = False
        for column, width in widths.items():
            if header.sectionSize(column) != width:
                header.resizeSection(column, width)
                changed = True
        if changed and self._view.wordWrap():  # wrapped lines: the rows' heights follow the new widths
            self._view.resizeRowsToContents()

    # -- choosing the other columns --------------------------------------------------------------------

    @Slot(QPoint)
    def _header_menu(self, position: QPoint) -> None:
        others = [c for c in range(self._view.horizontalHeader().count()) if self.kind(c) not in KEY_KINDS]
        if not others:
            return
        model = self._view.model()
        menu = QMenu(self._view)
        for column in others:
            action = menu.addAction(str(model.headerData(column, Qt.Orientation.Horizontal)))
            action.setCheckable(True)
            action.setChecked(not self._view.isColumnHidden(column))
            action.toggled.connect(lambda on, column=column: self.show_column(column, on))
        menu.popup(self._view.horizontalHeader().mapToGlobal(position))

    def show_column(self, column: int, shown: bool) -> None:
        self._view.setColumnHidden(column, not shown)
        self.lay_out()


def lay_out_columns(view: QTableView, kinds: Sequence[Kind], *, wrap: bool = False) -> ColumnLayout:
    """Attach a `ColumnLayout` to `view` (or re-declare the kinds of the one it has). With `wrap`, long
    texts wrap onto more lines (the rows must then be sized to their contents) instead of being elided."""
    layout = view.findChild(ColumnLayout)
    if layout is not None:
        view.setWordWrap(wrap)
        layout.set_kinds(kinds)
        return layout
    return ColumnLayout(view, kinds, wrap=wrap)
