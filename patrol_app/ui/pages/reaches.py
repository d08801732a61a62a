"""Reaches: the river register — reaches, their chiefs at every level, and the liaison units."""

from __future__ import annotations

import html

from PySide6.QtCore import QItemSelection, Qt, QTimer, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from patrol_app.domain.enums import Role
from patrol_app.domain.registry import Profile
from patrol_app.store import Store
from patrol_app.store.registry import ReachRow
from patrol_app.ui.columns import Elide, Fit, lay_out_columns
from patrol_app.ui.models import ReachTableModel, RowRole, chiefs_text
from patrol_app.ui.widgets import Retranslating, page_title, subtitle, table_view


class ReachesPage(Retranslating, QWidget):
    def __init__(self, *, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._only: frozenset[str] | None = None  # a crew's reaches (issue 16); None: the whole register
        self.title = page_title()
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.waterbody = QComboBox()
        self.waterbody.setMinimumWidth(160)
        self.model = ReachTableModel(self)
        self.table = table_view(self)
        self.table.setModel(self.model)
        # Every column is key in the register: the code (fixed format) and length whole, the names elided in
        # the middle when the window is narrow (the chiefs and liaison units are in the pane beside).
        self.columns = lay_out_columns(self.table, (Fit, Elide, Elide, Elide, Elide, Elide, Fit))
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.setMinimumWidth(300)
        self.detail.setMargin(12)
        self.detail.setStyleSheet("background: #f4f7fb; border: 1px solid #d5dde8; border-radius: 6px;")
        self.count_label = subtitle()
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(200)

        filters = QHBoxLayout()
        self.search_label = QLabel()
        self.search_label.setBuddy(self.search)
        self.waterbody_label = QLabel()
        self.waterbody_label.setBuddy(self.waterbody)
        filters.addWidget(self.search_label)
        filters.addWidget(self.search, 2)
        filters.addWidget(self.waterbody_label)
        filters.addWidget(self.waterbody, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([820, 320])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 12)
        layout.addWidget(self.title)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.count_label)

        self.search.textChanged.connect(self._debounce.start)
        self._debounce.timeout.connect(self.reload)
        self.waterbody.currentIndexChanged.connect(self.reload)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self._fill_waterbodies()
        self.retranslate_ui()
        self.reload()

    def set_profile(self, profile: Profile | None) -> None:
        """A maintenance crew sees only what it looks after: its profile's reaches and its contracts' (issue 16).
        Every other profile sees the whole register."""
        if profile is not None and profile.role is Role.MAINTENANCE:
            contracts = self._store.maintenance.contracts(profile.unit)
            self._only = frozenset(profile.reach_codes) | {c for k in contracts for c in k.reach_codes}
        else:
            self._only = None
        self.reload()

    def _fill_waterbodies(self) -> None:
        self.waterbody.blockSignals(True)
        self.waterbody.addItem("", None)
        for wb in self._store.registry.waterbodies():
            self.waterbody.addItem(wb.name, wb.code)
        self.waterbody.blockSignals(False)

    @Slot()
    def reload(self) -> None:
        # The register is a few thousand rows at most: one indexed query, well under 100 ms.
        rows = self._store.registry.reach_rows(self.search.text(), self.waterbody.currentData())
        if self._only is not None:
            rows = [r for r in rows if r.code in self._only]
        self.model.set_rows(rows)
        self._update_count()
        if rows:
            self.table.selectRow(0)
        else:
            self.detail.setText(self.tr("No reach matches the search."))

    def _update_count(self) -> None:
        rows = [self.model.row_at(i) for i in range(self.model.rowCount())]
        demo = sum(r.demo for r in rows)
        self.count_label.setText(
            self.tr("%1 reach(es) shown, %2 of them demo reaches (fictional, approximate course).")
            .replace("%1", str(len(rows)))
            .replace("%2", str(demo))
        )

    @Slot(QItemSelection, QItemSelection)
    def _selection_changed(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = self.table.selectionModel().selectedRows()
        if indexes:
            self._show_detail(indexes[0].data(RowRole))

    def _show_detail(self, row: ReachRow) -> None:
        e = html.escape
        demo_title = self.tr("Demo reach")
        demo_text = self.tr("fictional, its course is approximate, not survey data.")
        code, water, place_label = self.tr("Code"), self.tr("River / reservoir"), self.tr("Place")
        length_label, chiefs_label, units_label = (
            self.tr("Length"),
            self.tr("River chiefs"),
            self.tr("Liaison units"),
        )
        none = self.tr("none recorded")
        demo = f"<p style='color:#8a5a00'><b>{e(demo_title)}</b>: {e(demo_text)}</p>" if row.demo else ""
        length = "" if row.length_m is None else f"{row.length_m / 1000:.1f} km"
        place = " ".join(x for x in (row.county, row.township, row.village or "") if x)
        self.detail.setText(
            f"<h3>{e(row.name)}</h3>{demo}"
            f"<p><b>{e(code)}</b>: {e(row.code)}<br>"
            f"<b>{e(water)}</b>: {e(row.waterbody)}<br>"
            f"<b>{e(place_label)}</b>: {e(place)}<br>"
            f"<b>{e(length_label)}</b>: {e(length)}</p>"
            f"<p><b>{e(chiefs_label)}</b>:<br>{e(chiefs_text(row.chiefs) or none)}</p>"
            f"<p><b>{e(units_label)}</b>:<br>{e(row.liaison_units or none)}</p>"
        )

    def retranslate_ui(self) -> None:
        self.title.setText(self.tr("Reaches"))
        self.search_label.setText(self.tr("&Search"))
        self.search.setPlaceholderText(self.tr("River, township, village, chief or code"))
        self.waterbody_label.setText(self.tr("&River"))
        self.waterbody.setItemText(0, self.tr("All rivers and reservoirs"))
        self.model.retranslate()
        self._update_count()
        indexes = self.table.selectionModel().selectedRows()
        if indexes:
            self._show_detail(indexes[0].data(RowRole))

