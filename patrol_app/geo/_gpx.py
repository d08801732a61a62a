"""GPX read as it streams past: tracks and their segments, or a route when the file has no recorded track.

`readers` feeds the text to defusedxml's parser (no DTD, no entities) with a `Reader` as its target:
no element tree is built and each point becomes a tuple when its element ends, so a day-long 1 Hz log
never exists as a tree or as an object graph, and the document is parsed once. The rules are gpxpy's,
which this reader replaced (it parsed the document a second time and built an object per point):
tags in the GPX namespace only, `trk/trkseg/trkpt` and `rte/rtept` as direct children, `lat`/`lon`
mandatory and numeric, a bad `ele` refuses the file, a time that cannot be read is no time.
"""

from __future__ import annotations

from datetime import datetime

from patrol_app.geo._common import RawPoint, RawTrack, TrackFileError, parse_iso_time, too_many_points
from patrol_app.geo.track import Note

NAMESPACES = ("", "http://www.topografix.com/GPX/1/0", "http://www.topografix.com/GPX/1/1")


def _bad_gpx(detail: str) -> TrackFileError:
    detail = detail.replace("\n", " ")[:160]
    return TrackFileError(
        "bad_gpx",
        f"GPX 文件里有读不懂的数值，无法导入（{detail}）。请用原设备或软件重新导出。",
        f"The GPX file has values that cannot be read ({detail}). Export it again from the device or app.",
    )


def _number(text: str | None, what: str) -> float:
    try:
        return float(text.strip())  # type: ignore[union-attr]
    except (AttributeError, ValueError) as exc:
        raise _bad_gpx(f"{what}={text!r}" if text is not None else f"{what} is missing") from exc


class Reader:
    """The expat parser's target for one GPX document: callbacks, not elements, so no tree is built.

    Only the text of the elements read is collected (ElementTree's `.text`: what comes before the first
    child), and a point becomes a tuple when its element ends. Call `result()` after the parse.
    """

    def __init__(self, ns: str, max_points: int, *, version: str | None = None) -> None:
        q = {name: f"{{{ns}}}{name}" if ns else name
             for name in ("trk", "trkseg", "trkpt", "rte", "rtept", "wpt", "name", "metadata", "ele", "time")}
        self.TRK, self.TRKSEG, self.TRKPT = q["trk"], q["trkseg"], q["trkpt"]
        self.RTE, self.RTEPT, self.WPT, self.NAME = q["rte"], q["rtept"], q["wpt"], q["name"]
        self.METADATA, self.ELE, self.TIME = q["metadata"], q["ele"], q["time"]
        self.max_points = max_points
        self.v11 = version == "1.1"  # the file's name: <metadata><name> in 1.1, else <name> (as gpxpy)
        self.count = 0
        self.raw = RawTrack()
        self.track_names: list[str] = []
        self.gpx_name: str | None = None  # names: None until the first <name> (as find() takes the first)
        self.routes: list[tuple[str, list[RawPoint]]] = []  # (name, points) of routes with points
        self.waypoints = 0
        self.segs_in_trk = 0
        self.trk_name: str | None = None
        self.seg: list[RawPoint] = []
        self.rte: list[RawPoint] = []
        self.rte_name: str | None = None
        self.path: list[str] = []  # tags of the open elements, the root first
        self.buf: list[str] | None = None  # text of the innermost open element, when it is one we read
        self.held: dict[int, str] = {}  # text of an open element we read, final once a child started
        self.pt_depth = 0  # depth of the open trkpt/rtept, 0 when none is open
        self.pt_attrib: dict[str, str] = {}
        self.ele: float | None = None
        self.time: datetime | None = None
        self.seen_ele = self.seen_time = False

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        path = self.path
        if self.buf is not None:
            self.held[len(path)] = "".join(self.buf)
            self.buf = None
        path.append(tag)
        d = len(path)
        if self.pt_depth:
            if d == self.pt_depth + 1 and (tag == self.ELE or tag == self.TIME):
                self.buf = []
        elif (d == 4 and tag == self.TRKPT and path[2] == self.TRKSEG and path[1] == self.TRK) or (
                d == 3 and tag == self.RTEPT and path[1] == self.RTE):
            self.pt_depth, self.pt_attrib = d, attrib
            self.ele = self.time = None
            self.seen_ele = self.seen_time = False
        elif tag == self.NAME and ((d == 2 and not self.v11) or (d == 3 and (path[1] in (self.TRK, self.RTE) or (
                path[1] == self.METADATA and self.v11)))):
            self.buf = []
        elif d == 2 and tag == self.TRK:
            self.segs_in_trk, self.trk_name = 0, None
        elif d == 3 and tag == self.TRKSEG and path[1] == self.TRK:
            self.segs_in_trk += 1
            self.seg = []
        elif d == 2 and tag == self.RTE:
            self.rte, self.rte_name = [], None

    def data(self, text: str) -> None:
        if self.buf is not None:
            self.buf.append(text)

    def end(self, tag: str) -> None:
        path = self.path
        d = len(path)
        if self.buf is not None:
            text: str | None = "".join(self.buf)
            self.buf = None
        else:
            text = self.held.pop(d, None) if self.held else None
        path.pop()
        if self.pt_depth:
            if d == self.pt_depth:
                self._point(tag)
            elif d == self.pt_depth + 1 and text is not None:
                if tag == self.ELE and not self.seen_ele:  # the first <ele>, as ElementTree's find() gives
                    self.seen_ele = True
                    self.ele = _number(text, "ele") if text else None
                elif tag == self.TIME and not self.seen_time:
                    self.seen_time = True
                    self.time = parse_iso_time(text)
        elif tag == self.NAME and d <= 3:  # text was only collected for the names read (see start)
            if d == 3 and path[1] == self.TRK:
                self.trk_name = text or "" if self.trk_name is None else self.trk_name
            elif d == 3 and path[1] == self.RTE:
                self.rte_name = text or "" if self.rte_name is None else self.rte_name
            elif text is not None:  # the file's own name (collected only where this version puts it)
                self.gpx_name = text or "" if self.gpx_name is None else self.gpx_name
        elif d == 3 and tag == self.TRKSEG and path[1] == self.TRK:
            if self.seg:
                self.raw.segments.append(self.seg)
            else:
                self.raw.empty_parts += 1
            self.seg = []
        elif d == 2 and tag == self.TRK:
            if self.segs_in_trk == 0:
                self.raw.empty_parts += 1
            self.track_names.append(self.trk_name or "")
        elif d == 2 and tag == self.RTE:
            if self.rte:
                self.routes.append((self.rte_name or "", self.rte))
            self.rte = []
        elif d == 2 and tag == self.WPT:
            self.waypoints += 1

    def _point(self, tag: str) -> None:
        self.pt_depth = 0
        self.count += 1
        if self.count > self.max_points:
            raise too_many_points(self.max_points)  # while reading: the rest of the file is never held
        point = (_number(self.pt_attrib.get("lat"), "lat"), _number(self.pt_attrib.get("lon"), "lon"), self.time,
                 self.ele)
        (self.seg if tag == self.TRKPT else self.rte).append(point)

    def close(self) -> None:
        return None

    def result(self) -> RawTrack:
        return _result(self)


def _result(r: Reader) -> RawTrack:
    raw = r.raw
    routes = r.routes
    if raw.segments:
        raw.name = next((n for n in r.track_names if n), None) or r.gpx_name or ""
        if routes or r.waypoints:
            raw.notes.append(Note(
                "other_ignored",
                f"文件里另有 {len(routes)} 条计划路线、{r.waypoints} 个航点，只导入了记录的轨迹。",
                f"The file also has {len(routes)} planned route(s) and {r.waypoints} waypoint(s); "
                "only the recorded track was imported.",
            ))
    elif routes:
        raw.segments = [points for _, points in routes]
        raw.name = routes[0][0] or r.gpx_name or ""
        raw.empty_parts = 0
        raw.notes.append(Note(
            "route_used",
            "文件里没有记录的轨迹，导入的是计划路线：它是事先画的路线，不能证明实际走过。",
            "The file has no recorded track, so its planned route was imported: a route is drawn in advance "
            "and does not show where anyone actually went.",
        ))
    elif r.waypoints:
        raise TrackFileError(
            "waypoints_only",
            "文件里只有航点（标记的地点），没有轨迹。请在设备或软件里导出“轨迹”。",
            "The file has only waypoints (marked places), no track. Export the track from the device or app.",
        )
    return raw
