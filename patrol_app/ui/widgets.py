"""Small building blocks shared by the pages."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRect, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHeaderView,
    QLabel,
    QMessageBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)


class Retranslating:
    """Mixin for a widget with a `retranslate_ui()`: calls it when the language changes.

    List it before the Qt class (`class Page(Retranslating, QWidget)`); it defines no `__init__`.
    """

    def retranslate_ui(self) -> None:
        raise NotImplementedError

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)  # type: ignore[misc]


class Card(QFrame):
    """A number with a caption, for the home page's summary row.

    Signals:
    clicked(): the card was clicked, or Enter/Space pressed on it (only once made clickable).
    """

    clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.value = QLabel("–")
        self.value.setObjectName("cardValue")
        self.caption = QLabel()
        self.caption.setObjectName("cardLabel")
        self.caption.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 10, 16, 10)
        layout.addWidget(self.value)
        layout.addWidget(self.caption)

    def make_clickable(self) -> None:
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._clickable = True

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if getattr(self, "_clickable", False) and event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if getattr(self, "_clickable", False) and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter,
                                                                   Qt.Key.Key_Space):
            self.clicked.emit()
            return
        super().keyPressEvent(event)

    def set_value(self, text: str, *, alert: bool = False) -> None:
        self.value.setText(text)
        name = "cardValueAlert" if alert else "cardValue"
        if self.value.objectName() != name:
            self.value.setObjectName(name)
            self.value.style().unpolish(self.value)
            self.value.style().polish(self.value)


def page_title() -> QLabel:
    label = QLabel()
    label.setObjectName("pageTitle")
    return label


def subtitle() -> QLabel:
    label = QLabel()
    label.setObjectName("subtitle")
    label.setWordWrap(True)
    return label


def table_view(parent: QWidget | None = None) -> QTableView:
    view = QTableView(parent)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(34)
    view.horizontalHeader().setHighlightSections(False)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    # Size columns to fit from the first 25 rows only: a table of 1,000 reaches would otherwise measure every
    # cell on the GUI thread.
    view.horizontalHeader().setResizeContentsPrecision(25)
    view.setWordWrap(False)
    return view


def ask(parent: QWidget, title: str, text: str,
        answers: list[tuple[QMessageBox.StandardButton, str]]) -> QMessageBox.StandardButton:
    """A question whose buttons say what they do ("Save as draft", not "Yes"); returns the one chosen."""
    buttons = QMessageBox.StandardButton.NoButton
    for button, _ in answers:
        buttons |= button
    box = QMessageBox(QMessageBox.Icon.Question, title, text, buttons, parent)
    for button, label in answers:
        box.button(button).setText(label)
    return QMessageBox.StandardButton(box.exec())


class MessageLine(QLabel):
    """A line for an error or a hint whose space is kept when it is empty, so a message appearing never
    pushes the buttons below it away from under the mouse.

    `lines` lines are reserved; a longer message wraps and grows the line (better than cutting it off),
    unless `fixed`: then it never grows (for a line above buttons anchored below it) and the whole text is
    also its tooltip.
    """

    def __init__(self, lines: int = 2, *, error: bool = True, fixed: bool = False,
                 parent: QWidget | None = None) -> None:
        self._lines = lines
        self._fixed = fixed
        super().__init__(parent)
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setStyleSheet("color: #a61b1b; font-weight: bold;" if error else "color: #4a5a6a;")
        self._reserve()

    def _reserve(self) -> None:
        margins = self.contentsMargins()
        # Measured on Chinese text: its fallback font has taller lines than the font's own line spacing.
        sample = "\n".join(["河Ag"] * self._lines)
        lines = self.fontMetrics().boundingRect(QRect(0, 0, 1000, 1000), 0, sample).height()
        height = lines + margins.top() + margins.bottom() + 2
        if self._fixed:
            self.setFixedHeight(height)
        else:
            self.setMinimumHeight(height)

    def setText(self, text: str) -> None:  # noqa: N802 - Qt's name
        super().setText(text)
        if self._fixed:
            self.setToolTip(text)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._reserve()
        super().changeEvent(event)
