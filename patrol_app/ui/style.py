"""Look and feel: large, plain, readable on a 1366×768 laptop by someone without glasses at hand."""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QApplication

BASE_POINT_SIZE = 11
OVERDUE_BG = QColor("#fde2e1")
OVERDUE_FG = QColor("#a61b1b")
DONE_FG = QColor("#1d6b32")
DUE_FG = QColor("#8a5a00")
DRAFT_FG = QColor("#5a4a9a")

STYLESHEET = """
QListWidget#navigation { background: #24476b; color: white; border: none; font-size: 13pt; outline: 0; }
QListWidget#navigation::item { padding: 14px 18px; }
QListWidget#navigation::item:selected { background: #3a6ea5; color: white; }
QListWidget#navigation::item:hover { background: #2f5b88; }
QLabel#pageTitle { font-size: 17pt; font-weight: bold; color: #1c3450; }
QLabel#subtitle { color: #4a5a6a; }
QFrame#card { background: #f4f7fb; border: 1px solid #d5dde8; border-radius: 6px; }
QLabel#cardValue { font-size: 22pt; font-weight: bold; color: #1c3450; }
QLabel#cardValueAlert { font-size: 22pt; font-weight: bold; color: #a61b1b; }
QLabel#cardLabel { color: #4a5a6a; }
QLabel#statusWarning { color: #a61b1b; font-weight: bold; }
QLabel#banner { background: #fff4d6; border: 1px solid #e8c96a; border-radius: 4px; padding: 6px 10px; }
QPushButton { min-height: 32px; padding: 2px 14px; }
/* Every field as tall as a drop-down (36 px with its frame): date-times and numbers were 23 px beside them. */
QLineEdit, QComboBox, QAbstractSpinBox { min-height: 30px; }
QTableView { gridline-color: #dde3ea; }
QHeaderView::section { padding: 6px; font-weight: bold; }
"""


def apply(app: QApplication) -> None:
    font = QFont(app.font())
    font.setPointSize(BASE_POINT_SIZE)
    app.setFont(font)
    app.setStyleSheet(STYLESHEET)
