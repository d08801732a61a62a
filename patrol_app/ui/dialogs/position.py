"""Setting a photo's position by hand (WGS-84 decimal degrees, as GPS and the office use)."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QDoubleSpinBox, QFormLayout, QLabel, QWidget


class PositionDialog(QDialog):
    def __init__(self, lat: float | None, lon: float | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Set the position by hand"))
        self.note = QLabel(self.tr(
            "Enter the place where the photo was taken, in WGS-84 decimal degrees as a GPS shows them "
            "(for example 33.7350, 113.1920). Coordinates copied from Baidu or Amap maps are shifted by "
            "several hundred metres and must not be used here."
        ))
        self.note.setWordWrap(True)
        self.lat = QDoubleSpinBox()
        self.lat.setRange(-90, 90)
        self.lat.setDecimals(6)
        self.lat.setValue(lat if lat is not None else 33.7350)
        self.lon = QDoubleSpinBox()
        self.lon.setRange(-180, 180)
        self.lon.setDecimals(6)
        self.lon.setValue(lon if lon is not None else 113.1920)
        self.error = QLabel()
        self.error.setStyleSheet("color: #a61b1b;")
        form = QFormLayout(self)
        form.addRow(self.note)
        form.addRow(self.tr("Latitude (N)"), self.lat)
        form.addRow(self.tr("Longitude (E)"), self.lon)
        form.addRow(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._accept_if_valid)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def value(self) -> tuple[float, float]:
        return self.lat.value(), self.lon.value()

    @Slot()
    def _accept_if_valid(self) -> None:
        lat, lon = self.value()
        if lat == 0 and lon == 0:
            self.error.setText(self.tr("0, 0 is in the Atlantic Ocean, not a place on a river here."))
            return
        self.accept()
