"""An offline, tile-free picture of one patrol: the reach line, the GPS track, photo and flag positions.

A local equirectangular projection (x = lon·cos(lat0), y = lat) is accurate to a few metres over a
village reach, so the view needs neither map tiles nor a network.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QHelpEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QPixmap,
    QPolygonF,
    QResizeEvent,
)
from PySide6.QtWidgets import QToolTip, QWidget

M_PER_DEG = 111_195.0  # metres per degree of latitude (mean Earth radius)
MIN_SPAN_M = 200.0  # a single point is shown at this zoom rather than infinitely close
HIT_RADIUS_PX = 8.0
SCALE_STEPS_M = tuple(m * 10**e for e in range(1, 7) for m in (1, 2, 5))  # 10 m … 5000 km
MARGIN_PX = 18.0
CLOSE_PX = 0.8  # a fix closer than this to the previous drawn one adds nothing visible to a 2.5 px line
PIECE_POINTS = 32  # Qt strokes a wide pen over a long self-crossing polyline slowly; short pieces are fast

# Blue/dark differ in lightness and width; start/end and flags differ by shape, not only by hue.
BACKGROUND = QColor("#fafbf7")
REACH_COLOR = QColor(31, 120, 200, 120)
# The reach is stroked in pieces: translucent pieces would darken where they overlap, so it is drawn
# with the colour REACH_COLOR has over the background, which looks the same.
REACH_DRAWN = QColor(
    *(round(c * REACH_COLOR.alphaF() + b * (1 - REACH_COLOR.alphaF()))
      for c, b in zip(REACH_COLOR.getRgb()[:3], BACKGROUND.getRgb()[:3], strict=True))
)
REACH_LABEL_COLOR = QColor("#174a7c")
TRACK_COLOR = QColor("#1f262e")
START_COLOR = QColor("#1a9641")
END_COLOR = QColor("#d7191c")
PHOTO_COLOR = QColor("#f08c1a")
FLAG_COLOR = QColor("#c0162c")
INK = QColor("#24323f")
TEXT_GREY = QColor("#6b7785")


def simplify_columns(points: Sequence[tuple[float, float]]) -> list[tuple[float, float]]:
    """Thin a projected polyline to the highest and lowest point of each run in one pixel column.

    The first and last points are always kept. Drawing the result covers the same pixels as the
    full line, give or take antialiasing, so 20,000 GPS fixes become at most a few per column.
    """
    n = len(points)
    if n <= 3:
        return list(points)
    floor = math.floor
    out = [points[0]]
    last = n - 1
    i = 1
    while i < last:
        column = floor(points[i][0])
        lo = hi = i
        lo_y = hi_y = points[i][1]
        j = i + 1
        while j < last:
            x, y = points[j]
            if floor(x) != column:
                break
            if y < lo_y:
                lo, lo_y = j, y
            elif y > hi_y:
                hi, hi_y = j, y
            j += 1
        first, second = (lo, hi) if lo <= hi else (hi, lo)
        out.append(points[first])
        if second != first:
            out.append(points[second])
        i = j
    out.append(points[-1])
    return out


def drop_close(points: Sequence[tuple[float, float]], tolerance: float = CLOSE_PX) -> list[tuple[float, float]]:
    """Drop points closer than `tolerance` pixels to the last kept one; the first and last are kept."""
    if len(points) <= 2:
        return list(points)
    out = [points[0]]
    last_x, last_y = points[0]
    limit = tolerance * tolerance
    for x, y in points[1:-1]:
        if (x - last_x) ** 2 + (y - last_y) ** 2 >= limit:
            out.append((x, y))
            last_x, last_y = x, y
    out.append(points[-1])
    return out


def _finite(points: Sequence[tuple[float, float]]) -> list[tuple[float, float]]:
    out = []
    for a, b in points:
        a, b = float(a), float(b)
        if math.isfinite(a) and math.isfinite(b):
            out.append((a, b))
    return out


@dataclass
class _Layout:
    """Everything projected to widget pixels; rebuilt only on set_data and resize."""

    lat0_cos: float
    centre: tuple[float, float]  # projected (x, y) of the data's centre
    anchor: QPointF  # where that centre lands in the widget
    scale: float  # pixels per projected degree
    track: list[QPolygonF]  # pieces of at most PIECE_POINTS, sharing their end points
    dots: list[QPointF]  # segments of a single fix: nothing to draw as a line
    reach: list[QPolygonF]
    reach_start: QPointF | None
    photos: list[QPointF]
    flags: list[QPointF]
    start: QPointF | None
    end: QPointF | None
    size: QSize  # of the widget when laid out
    lines: QPixmap | None = None  # reach and track drawn once; paintEvent only copies it

    @property
    def metres_per_px(self) -> float:
        return M_PER_DEG / self.scale

    def xy(self, lat: float, lon: float) -> tuple[float, float]:
        x = lon * self.lat0_cos
        return (self.anchor.x() + (x - self.centre[0]) * self.scale,
                self.anchor.y() - (lat - self.centre[1]) * self.scale)

    def point(self, lat: float, lon: float) -> QPointF:
        return QPointF(*self.xy(lat, lon))

    def pieces(self, latlons: Sequence[tuple[float, float]], *, column_limit: int) -> list[QPolygonF]:
        """The polyline in widget pixels, thinned, cut in short pieces for fast stroking."""
        ax, ay, cx, cy = self.anchor.x(), self.anchor.y(), self.centre[0], self.centre[1]
        k, c = self.scale, self.lat0_cos
        pixels = [(ax + (lon * c - cx) * k, ay - (lat - cy) * k) for lat, lon in latlons]
        if len(pixels) > column_limit:
            pixels = simplify_columns(pixels)
        pixels = drop_close(pixels)
        return [QPolygonF([QPointF(x, y) for x, y in pixels[i:i + PIECE_POINTS + 1]])
                for i in range(0, max(len(pixels) - 1, 1), PIECE_POINTS)]


class TrackView(QWidget):
    """A map-less drawing of one patrol's track over its reach line, with photo and flag markers.

    Signals:
    photo_clicked(int): index into the photos list of the marker clicked.
    """

    photo_clicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._segments: list[list[tuple[float, float]]] = []
        self._reach: list[tuple[float, float]] = []  # (lat, lon), unlike the registry's GeoJSON order
        self._reach_name = ""
        self._photos: list[tuple[float, float]] = []
        self._flags: list[tuple[float, float]] = []
        self._selected: int | None = None
        self._layout: _Layout | None = None
        self._pressed: int | None = None
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # a picture, not a control
        self.setMouseTracking(True)  # pointing-hand cursor over photo markers
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.retranslate_ui()

    # -- public API ---------------------------------------------------------------------------

    def set_data(
        self,
        *,
        segments: Sequence[Sequence[tuple[float, float]]] = (),
        reach_line: Sequence[tuple[float, float]] = (),
        reach_name: str = "",
        photos: Sequence[tuple[float, float]] = (),
        flags: Sequence[tuple[float, float]] = (),
        selected_photo: int | None = None,
    ) -> None:
        """Show a patrol.

        Args:
            segments: the track, a list of segments, each a list of (lat, lon); segments are not joined.
            reach_line: the reach as (lon, lat) pairs — GeoJSON order, as the registry stores it.
            reach_name: shown next to the start of the reach line.
            photos: (lat, lon) of each photo; photo_clicked reports indexes into this list.
            flags: (lat, lon) of warnings that have a place.
            selected_photo: index of the photo drawn larger, if any.
        """
        data = (
            [seg for seg in (_finite(s) for s in segments) if seg],
            [(lat, lon) for lon, lat in _finite(reach_line)],
            reach_name,
            # Photos keep their indexes even when one has no usable position, so they are not filtered.
            [(float(lat), float(lon)) for lat, lon in photos],
            _finite(flags),
        )
        self._selected = selected_photo
        if data == (self._segments, self._reach, self._reach_name, self._photos, self._flags):
            self.update()  # only the selection changed: the projected lines stay valid
            return
        self._segments, self._reach, self._reach_name, self._photos, self._flags = data
        self._invalidate()

    def clear(self) -> None:
        self.set_data()

    def has_track(self) -> bool:
        return bool(self._segments)

    def photo_position(self, index: int) -> QPointF:
        """Where photo `index`'s marker is drawn, in widget coordinates (raises IndexError)."""
        layout = self._ensure_layout()
        if layout is None or not 0 <= index < len(layout.photos):
            raise IndexError(index)
        return QPointF(layout.photos[index])

    def map_to_widget(self, lat: float, lon: float) -> QPointF | None:
        """Widget coordinates of a position at the current zoom, or None while there is nothing drawn."""
        layout = self._ensure_layout()
        return None if layout is None else layout.point(lat, lon)

    def sizeHint(self) -> QSize:
        return QSize(480, 320)

    def minimumSizeHint(self) -> QSize:
        return QSize(240, 160)

    def retranslate_ui(self) -> None:
        self._legend_texts = {
            "reach": self.tr("Reach"),
            "track": self.tr("Track"),
            "start": self.tr("Start"),
            "end": self.tr("End"),
            "photo": self.tr("Photo"),
            "flag": self.tr("Flag"),
        }
        self._metres_text = self.tr("%1 m")
        self._km_text = self.tr("%1 km")
        self._north_text = self.tr("N")
        self._photo_tip = self.tr("Photo %1")
        self._empty_text = self.tr("No track yet: import a GPX/KML/NMEA file or make one from the photos' positions.")
        self.setAccessibleName(self.tr("Track map"))
        self.update()

    # -- events -------------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        elif event.type() == QEvent.Type.FontChange:
            self._invalidate()
        super().changeEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        # grab() and render() of a hidden widget resend resize events of an unchanged size.
        if self._layout is not None and self._layout.size != event.size():
            self._layout = None
        super().resizeEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            index = self._photo_at(QPointF(event.pos()))
            if index is None:
                QToolTip.hideText()
                event.ignore()
            else:
                QToolTip.showText(event.globalPos(), self._photo_tip.replace("%1", str(index + 1)), self)
            return True
        return super().event(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._photo_at(event.position()) is None:
            self.unsetCursor()
        else:
            self.setCursor(Qt.CursorShape.PointingHandCursor)
        super().mouseMoveEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._pressed = None
        if event.button() == Qt.MouseButton.LeftButton:
            self._pressed = self._photo_at(event.position())
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        pressed, self._pressed = self._pressed, None
        if (event.button() == Qt.MouseButton.LeftButton and pressed is not None
                and self._photo_at(event.position()) == pressed):
            self.photo_clicked.emit(pressed)
        super().mouseReleaseEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        if self.width() <= 0 or self.height() <= 0:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        layout = self._ensure_layout()
        if layout is None:
            painter.fillRect(self.rect(), BACKGROUND)
            painter.setPen(TEXT_GREY)
            box = QRectF(self.rect()).adjusted(MARGIN_PX, MARGIN_PX, -MARGIN_PX, -MARGIN_PX)
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self._empty_text)
            painter.end()
            return
        painter.drawPixmap(0, 0, self._lines_layer(layout))
        if self._reach_name and layout.reach_start is not None:
            self._paint_reach_name(painter, layout)
        if layout.end is not None:
            _draw_end(painter, layout.end, 14.0)
        if layout.start is not None:
            _draw_start(painter, layout.start, 8.5)
        for point in layout.flags:
            _draw_flag(painter, point, 17.0)
        for i, point in enumerate(layout.photos):
            if i != self._selected:
                _draw_photo(painter, point, 5.5)
        if self._selected is not None and 0 <= self._selected < len(layout.photos):
            _draw_photo(painter, layout.photos[self._selected], 9.0, selected=True)
        self._paint_north(painter)
        self._paint_scale_bar(painter, layout)
        self._paint_legend(painter)
        if not self._segments:
            self._paint_hint(painter)
        painter.end()

    # -- layout -------------------------------------------------------------------------------

    def _invalidate(self) -> None:
        self._layout = None
        self.update()

    def _row_height(self) -> float:
        return QFontMetricsF(self.font()).height() + 6.0

    def _map_rect(self) -> QRectF:
        """The part of the widget the data is fitted into: above the scale bar and legend rows."""
        rect = QRectF(self.rect())
        bottom = 2 * self._row_height() + 4.0
        return rect.adjusted(MARGIN_PX, MARGIN_PX, -MARGIN_PX - 14.0, -bottom)

    def _ensure_layout(self) -> _Layout | None:
        if self._layout is not None:
            return self._layout
        points = [p for seg in self._segments for p in seg] + self._reach + _finite(self._photos) + self._flags
        if not points:
            return None
        lats = [p[0] for p in points]
        lons = [p[1] for p in points]
        lat_min, lat_max = min(lats), max(lats)
        lat0_cos = max(math.cos(math.radians((lat_min + lat_max) / 2)), 0.01)
        x_min, x_max = min(lons) * lat0_cos, max(lons) * lat0_cos
        min_span = MIN_SPAN_M / M_PER_DEG
        fit = self._map_rect()
        width, height = max(fit.width(), 1.0), max(fit.height(), 1.0)
        scale = min(width / max(x_max - x_min, min_span), height / max(lat_max - lat_min, min_span))
        layout = _Layout(
            lat0_cos=lat0_cos,
            centre=((x_min + x_max) / 2, (lat_min + lat_max) / 2),
            anchor=QPointF(fit.left() + width / 2, fit.top() + height / 2),
            scale=scale,
            track=[], dots=[], reach=[], reach_start=None, photos=[], flags=[], start=None, end=None,
            size=self.size(),
        )
        # Polylines longer than two points per pixel column are thinned before they are cached.
        limit = 2 * max(int(width), 1)
        for seg in self._segments:
            if len(seg) == 1:
                layout.dots.append(layout.point(*seg[0]))
            else:
                layout.track += layout.pieces(seg, column_limit=limit)
        if self._reach:
            layout.reach = layout.pieces(self._reach, column_limit=limit)
            layout.reach_start = layout.point(*self._reach[0])
        # A photo without a usable position is parked far outside the widget: never drawn, never hit.
        layout.photos = [layout.point(lat, lon) if math.isfinite(lat) and math.isfinite(lon)
                         else QPointF(-1e9, -1e9) for lat, lon in self._photos]
        layout.flags = [layout.point(lat, lon) for lat, lon in self._flags]
        if self._segments:
            layout.start = layout.point(*self._segments[0][0])
            layout.end = layout.point(*self._segments[-1][-1])
        self._layout = layout
        return layout

    def _photo_at(self, pos: QPointF) -> int | None:
        layout = self._ensure_layout()
        if layout is None:
            return None
        best, best_distance = None, HIT_RADIUS_PX
        for i, point in enumerate(layout.photos):
            radius = 11.0 if i == self._selected else HIT_RADIUS_PX  # the selected marker is larger
            distance = math.hypot(point.x() - pos.x(), point.y() - pos.y())
            if distance <= radius and (best is None or distance < best_distance):
                best, best_distance = i, distance
        return best

    # -- painting -----------------------------------------------------------------------------

    def _lines_layer(self, layout: _Layout) -> QPixmap:
        """The reach and the track on the background, painted once per layout (the slow part)."""
        ratio = self.devicePixelRatioF()
        if layout.lines is not None and layout.lines.devicePixelRatio() == ratio:
            return layout.lines
        pixmap = QPixmap(self.size() * ratio)
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(BACKGROUND)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        strokes = ((layout.reach, REACH_DRAWN, 10.0), (layout.track, BACKGROUND, 5.0), (layout.track, TRACK_COLOR, 2.5))
        for pieces, colour, width in strokes:
            painter.setPen(QPen(colour, width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                                Qt.PenJoinStyle.RoundJoin))
            for piece in pieces:
                if piece.size() == 1:
                    painter.drawPoint(piece.at(0))
                else:
                    painter.drawPolyline(piece)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(TRACK_COLOR)
        for dot in layout.dots:
            painter.drawEllipse(dot, 2.5, 2.5)
        painter.end()
        layout.lines = pixmap
        return pixmap

    def _paint_reach_name(self, painter: QPainter, layout: _Layout) -> None:
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 0.9)
        painter.setFont(font)
        metrics = QFontMetricsF(font)
        box = self._reach_label_box(layout, metrics.horizontalAdvance(self._reach_name) + 10, metrics.height() + 4)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(255, 255, 255, 200))
        painter.drawRoundedRect(box, 3, 3)
        painter.setPen(REACH_LABEL_COLOR)
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, self._reach_name)
        painter.setFont(self.font())

    def _reach_label_box(self, layout: _Layout, width: float, height: float) -> QRectF:
        """A box next to the reach's start that covers no marker, if one of the four corners is free."""
        start = layout.reach_start
        assert start is not None
        bounds = QRectF(self.rect()).adjusted(2, 2, -2, -(2 * self._row_height() + 4.0))  # above scale bar
        markers = [p for p in (layout.start, layout.end) if p is not None] + layout.photos + layout.flags
        first: QRectF | None = None
        for dx, dy in ((8, -8 - height), (8, 8), (-8 - width, -8 - height), (-8 - width, 8)):
            box = QRectF(start.x() + dx, start.y() + dy, width, height)
            _keep_inside(box, bounds)
            if first is None:
                first = box
            if not any(box.adjusted(-10, -10, 10, 10).contains(p) for p in markers):
                return box
        assert first is not None
        return first

    def _paint_north(self, painter: QPainter) -> None:
        x, top = self.width() - 16.0, 8.0
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(INK)
        painter.drawPolygon(QPolygonF([QPointF(x, top), QPointF(x + 5, top + 12), QPointF(x - 5, top + 12)]))
        painter.setPen(INK)
        painter.drawText(QRectF(x - 14, top + 12, 28, self._row_height()),
                         Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, self._north_text)

    def _paint_scale_bar(self, painter: QPainter, layout: _Layout) -> None:
        target_m = max(self.width() / 5.0, 1.0) * layout.metres_per_px
        metres = min(SCALE_STEPS_M, key=lambda step: abs(math.log(step / target_m)))
        length = metres / layout.metres_per_px
        if metres < 1000:
            label = self._metres_text.replace("%1", str(metres))
        else:
            label = self._km_text.replace("%1", str(metres // 1000))
        row = self._row_height()
        left = MARGIN_PX
        y = self.height() - row - 4.0 - row / 2
        bar = QPolygonF([QPointF(left, y - 5), QPointF(left, y), QPointF(left + length, y),
                         QPointF(left + length, y - 5)])
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(QColor(255, 255, 255, 220), 5.0, Qt.PenStyle.SolidLine, Qt.PenCapStyle.SquareCap))
        painter.drawPolyline(bar)
        painter.setPen(QPen(INK, 2.0, Qt.PenStyle.SolidLine, Qt.PenCapStyle.SquareCap))
        painter.drawPolyline(bar)
        painter.drawText(QRectF(left + length + 8, y - row / 2 - 2, 200, row),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, label)

    def _paint_legend(self, painter: QPainter) -> None:
        items = []
        if self._reach:
            items.append(("reach", _legend_reach))
        if self._segments:
            items += [("track", _legend_track), ("start", _legend_start), ("end", _legend_end)]
        if self._photos:
            items.append(("photo", _legend_photo))
        if self._flags:
            items.append(("flag", _legend_flag))
        metrics = QFontMetricsF(self.font())
        row = self._row_height()
        top = self.height() - row - 2.0
        x = MARGIN_PX
        for key, draw_swatch in items:
            text = self._legend_texts[key]
            width = 20.0 + 5.0 + metrics.horizontalAdvance(text)
            if x + width > self.width() - 4:
                break  # a narrow widget shows what fits rather than overflowing
            draw_swatch(painter, QPointF(x + 10, top + row / 2))
            painter.setPen(INK)
            painter.drawText(QRectF(x + 25, top, width, row),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)
            x += width + 14.0

    def _paint_hint(self, painter: QPainter) -> None:
        box = QRectF(self.rect()).adjusted(MARGIN_PX + 10, 6, -MARGIN_PX - 24, 0)
        flags = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap
        bound = painter.boundingRect(box, flags, self._empty_text)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(255, 255, 255, 210))
        painter.drawRoundedRect(bound.adjusted(-6, -2, 6, 2), 4, 4)
        painter.setPen(TEXT_GREY)
        painter.drawText(box, flags, self._empty_text)


def _keep_inside(box: QRectF, bounds: QRectF) -> None:
    if box.right() > bounds.right():
        box.moveRight(bounds.right())
    if box.left() < bounds.left():
        box.moveLeft(bounds.left())
    if box.top() < bounds.top():
        box.moveTop(bounds.top())
    if box.bottom() > bounds.bottom():
        box.moveBottom(bounds.bottom())


def _white_pen(width: float) -> QPen:
    return QPen(QColor("white"), width)


def _draw_start(painter: QPainter, centre: QPointF, radius: float) -> None:
    painter.setPen(_white_pen(2.0))
    painter.setBrush(START_COLOR)
    painter.drawEllipse(centre, radius, radius)


def _draw_end(painter: QPainter, centre: QPointF, side: float) -> None:
    painter.setPen(_white_pen(2.0))
    painter.setBrush(END_COLOR)
    painter.drawRect(QRectF(centre.x() - side / 2, centre.y() - side / 2, side, side))


def _draw_photo(painter: QPainter, centre: QPointF, radius: float, *, selected: bool = False) -> None:
    if selected:
        painter.setPen(QPen(INK, 2.0))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(centre, radius + 2.5, radius + 2.5)
    painter.setPen(_white_pen(1.5))
    painter.setBrush(PHOTO_COLOR)
    painter.drawEllipse(centre, radius, radius)
    # A white "lens" makes the marker read as a camera, not as one more coloured dot.
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("white"))
    painter.drawEllipse(centre, radius * 0.35, radius * 0.35)


def _draw_flag(painter: QPainter, centre: QPointF, side: float) -> None:
    h = side * 0.87
    top, bottom = centre.y() - h * 0.6, centre.y() + h * 0.4
    triangle = QPolygonF([QPointF(centre.x(), top), QPointF(centre.x() + side / 2, bottom),
                          QPointF(centre.x() - side / 2, bottom)])
    painter.setPen(QPen(QColor("white"), 1.5, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                        Qt.PenJoinStyle.RoundJoin))
    painter.setBrush(FLAG_COLOR)
    painter.drawPolygon(triangle)
    # The "!" is drawn as shapes: text metrics vary between fonts and it must stay inside the triangle.
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("white"))
    stroke = max(side * 0.12, 1.5)
    painter.drawRect(QRectF(centre.x() - stroke / 2, top + h * 0.32, stroke, h * 0.36))
    painter.drawEllipse(QPointF(centre.x(), bottom - h * 0.15), stroke * 0.6, stroke * 0.6)


def _legend_reach(painter: QPainter, centre: QPointF) -> None:
    painter.setPen(QPen(REACH_DRAWN, 8.0, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    painter.drawLine(QPointF(centre.x() - 7, centre.y()), QPointF(centre.x() + 7, centre.y()))


def _legend_track(painter: QPainter, centre: QPointF) -> None:
    painter.setPen(QPen(TRACK_COLOR, 2.5, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    painter.drawLine(QPointF(centre.x() - 9, centre.y()), QPointF(centre.x() + 9, centre.y()))


def _legend_start(painter: QPainter, centre: QPointF) -> None:
    _draw_start(painter, centre, 6.0)


def _legend_end(painter: QPainter, centre: QPointF) -> None:
    _draw_end(painter, centre, 11.0)


def _legend_photo(painter: QPainter, centre: QPointF) -> None:
    _draw_photo(painter, centre, 5.5)


def _legend_flag(painter: QPainter, centre: QPointF) -> None:
    _draw_flag(painter, centre, 14.0)

