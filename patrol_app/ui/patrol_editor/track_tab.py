"""The editor's track tab: the drawing of the track over the reach, its figures and what the checks say.

The checks are split as the header counts them: 提示 (warnings: a reviewer should look) and 说明
(information, such as how much of the reach the track covers), so both say the same number.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from patrol_app import patrolling
from patrol_app.geo.checks import Flag
from patrol_app.geo.track import Track
from patrol_app.ui.file_dialogs import Kind, choose_file
from patrol_app.ui.i18n import current_language
from patrol_app.ui.patrol_models import distance_text, duration_text
from patrol_app.ui.track_view import TrackView
from patrol_app.ui.widgets import Retranslating

TRACK_FILTER = "*.gpx *.kml *.nmea *.nma *.txt *.log"


def warning_count(analysis: patrolling.Analysis) -> int:
    """The "提示 N 条" of the header and of this tab: the checks a reviewer should look at."""
    return sum(f.severity == "warning" for f in analysis.flags)


class TrackTab(Retranslating, QWidget):
    """Signals:
    file_chosen(object, bool): a track file (Path) to import, and whether it is in GCJ-02.
    from_photos_requested(): make a track from the patrol's photos.
    remove_requested(): the patrol is to have no track.
    """

    file_chosen = Signal(object, bool)
    from_photos_requested = Signal()
    remove_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.track_view = TrackView()
        self.stats = QLabel()
        self.stats.setWordWrap(True)
        self.flags_title = QLabel()
        self.flags_title.setWordWrap(True)
        self.flags = QListWidget()
        self.flags.setWordWrap(True)
        self.gcj02 = QCheckBox()
        self.import_button = QPushButton()
        self.photo_track_button = QPushButton()
        self.remove_button = QPushButton()
        side_panel = QWidget()
        side_panel.setMaximumWidth(300)  # the map gets the rest of the width
        side = QVBoxLayout(side_panel)
        side.setContentsMargins(0, 0, 0, 0)
        side.addWidget(self.stats)
        side.addWidget(self.flags_title)
        side.addWidget(self.flags, 1)
        side.addWidget(self.gcj02)
        for button in (self.import_button, self.photo_track_button, self.remove_button):
            side.addWidget(button)
        layout = QHBoxLayout(self)
        layout.addWidget(self.track_view, 1)
        layout.addWidget(side_panel)

        self._segments: list[list[tuple[float, float]]] = []
        self._photos: list[tuple[float, float]] = []
        self._analysis: patrolling.Analysis | None = None
        self.import_button.clicked.connect(self.choose_file)
        self.photo_track_button.clicked.connect(self.from_photos_requested)
        self.remove_button.clicked.connect(self.remove_requested)
        self.retranslate_ui()

    def show_track(self, track: Track | None, photos: list[dict]) -> None:
        """A newly read track (and the photos to mark on it); `show_analysis` draws it with the reach."""
        self._segments = [[(p.lat, p.lon) for p in seg] for seg in track.segment_points()] if track else []
        self._photos = [(p["lat"], p["lon"]) for p in photos if p["lat"] is not None]

    def show_analysis(self, analysis: patrolling.Analysis, reach_line: tuple[tuple[float, float], ...],
                      reach_name: str) -> None:
        self._analysis = analysis
        self.track_view.set_data(segments=self._segments, reach_line=reach_line, reach_name=reach_name,
                                 photos=self._photos, flags=[f.at for f in analysis.flags if f.at])
        self._fill()

    def set_locked(self, locked: bool, *, has_track: bool) -> None:
        for widget in (self.import_button, self.photo_track_button, self.gcj02):
            widget.setEnabled(not locked)
        self.remove_button.setEnabled(not locked and has_track)
        self.remove_button.setToolTip("" if locked or has_track else self.tr("There is no track to remove."))

    @Slot()
    def choose_file(self) -> None:
        path = choose_file(self, self.tr("Choose a track file"), Kind.TRACKS,
                           self.tr("Track files (%1);;All files (*)").replace("%1", TRACK_FILTER))
        if path is not None:
            self.file_chosen.emit(Path(path), self.gcj02.isChecked())

    def _fill(self) -> None:
        analysis = self._analysis
        if analysis is None:
            return
        stats = analysis.stats
        if stats is None:
            self.stats.setText(self.tr("No track."))
        else:
            coverage = "—" if analysis.coverage is None else f"{analysis.coverage * 100:.0f}%"
            self.stats.setText(
                self.tr("Points: %1, segments: %2\nDistance: %3\nMoving time: %4\nReach covered: %5")
                .replace("%1", str(stats.points)).replace("%2", str(stats.segments))
                .replace("%3", distance_text(stats.distance_m)).replace("%4", duration_text(stats.moving_s))
                .replace("%5", coverage))
        warnings = [f for f in analysis.flags if f.severity == "warning"]
        notes = [f for f in analysis.flags if f.severity != "warning"]
        self.flags_title.setText(self.tr("%1 warning(s), %2 note(s):").replace("%1", str(len(warnings)))
                                 .replace("%2", str(len(notes))))
        self.flags.clear()
        for flag in warnings + notes:
            self.flags.addItem(self._flag_item(flag))
        if not warnings:
            self.flags.insertItem(0, QListWidgetItem(
                self.style().standardIcon(self.style().StandardPixmap.SP_DialogApplyButton),
                self.tr("No warnings: times, distance, speed and route look like a normal patrol.")))

    def _flag_item(self, flag: Flag) -> QListWidgetItem:
        zh = current_language().startswith("zh")
        warning = flag.severity == "warning"
        icon = self.style().standardIcon(
            self.style().StandardPixmap.SP_MessageBoxWarning if warning
            else self.style().StandardPixmap.SP_MessageBoxInformation)
        kind = self.tr("Warning") if warning else self.tr("Note")
        item = QListWidgetItem(icon, f"{kind}：{flag.zh}" if zh else f"{kind}: {flag.en}")
        item.setToolTip(flag.en if zh else flag.zh)
        return item

    def retranslate_ui(self) -> None:
        self.gcj02.setText(self.tr("From a Chinese map app (GCJ-02)"))
        self.gcj02.setToolTip(self.tr("Tracks exported from Amap, Baidu or Tencent maps are shifted by a few hundred "
                                      "metres; tick this to shift them back."))
        self.import_button.setText(self.tr("Import track file…"))
        self.photo_track_button.setText(self.tr("Make a track from the photos' positions"))
        self.remove_button.setText(self.tr("Remove track"))
        self._fill()
