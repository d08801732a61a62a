"""GPX read as it streams past: tracks and their segments, or a route when the file has no recorded track.

`readers` hands over defusedxml's event stream (no DTD, no entities) after the root's start. Each point
becomes a tuple when its element ends and the elements read so far are dropped, so a day-long 1 Hz log
never exists as a whole tree or as an object graph. The rules are gpxpy's, which this reader replaced
(it built a Python object per point after the document had already been parsed once): tags in the GPX
namespace only, `trk/trkseg/trkpt` and `rte/rtept` as direct children, `lat`/`lon` mandatory and
numeric, a bad `ele` refuses the file, a time that cannot be read is no time.
"""

from __future__ import annotations

from collections.abc import Iterator
from xml.etree.ElementTree import Element

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


class _Reader:
    """The state of one pass over the events; `q[x]` is tag x in the document's GPX namespace."""

    def __init__(self, ns: str, max_points: int) -> None:
        self.q = {name: f"{{{ns}}}{name}" if ns else name
                  for name in ("gpx", "trk", "trkseg", "trkpt", "rte", "rtept", "wpt", "name", "metadata", "ele",
                               "time")}
        self.max_points = max_points
        self.count = 0
        self.raw = RawTrack()
        self.track_names: list[str] = []
        self.gpx_name = ""
        self.routes: list[tuple[str, list[RawPoint]]] = []  # (name, points) of routes with points
        self.waypoints = 0
        self.segs_in_trk = 0
        self.trk_name = ""
        self.seg: list[RawPoint] = []
        self.rte: list[RawPoint] = []
        self.rte_name = ""

    def point(self, el: Element) -> RawPoint:
        self.count += 1
        if self.count > self.max_points:
            raise too_many_points(self.max_points)
        lat = _number(el.get("lat"), "lat")
        lon = _number(el.get("lon"), "lon")
        ele = time = None
        seen_ele = seen_time = False
        for child in el:  # the first <ele> and <time>, as ElementTree's find() would give them
            if child.tag == self.q["ele"] and not seen_ele:
                seen_ele = True
                ele = None if child.text is None else _number(child.text, "ele")
            elif child.tag == self.q["time"] and not seen_time:
                seen_time = True
                time = parse_iso_time(child.text)
        return (lat, lon, time, ele)


def read(events: Iterator[tuple[str, Element]], root: Element, *, max_points: int) -> RawTrack:
    """Consume `events` (start/end pairs after the root's start) to the end of the document."""
    ns = root.tag[1:].partition("}")[0] if root.tag.startswith("{") else ""
    r = _Reader(ns, max_points)
    q = r.q
    path: list[Element] = [root]  # open elements, root first
    for event, el in events:
        if event == "start":
            path.append(el)
            if len(path) == 2 and el.tag == q["trk"]:
                r.segs_in_trk, r.trk_name = 0, ""
            elif len(path) == 3 and el.tag == q["trkseg"] and path[1].tag == q["trk"]:
                r.segs_in_trk += 1
                r.seg = []
            elif len(path) == 2 and el.tag == q["rte"]:
                r.rte, r.rte_name = [], ""
            continue
        path.pop()
        depth = len(path)  # the ended element's parent is path[-1]
        parent = path[-1].tag if path else None
        tag = el.tag
        if depth == 3 and tag == q["trkpt"] and parent == q["trkseg"] and path[1].tag == q["trk"]:
            r.seg.append(r.point(el))
        elif depth == 2 and tag == q["rtept"] and parent == q["rte"]:
            r.rte.append(r.point(el))
        elif tag == q["name"] and el.text:
            if depth == 2 and parent == q["trk"] and not r.trk_name:
                r.trk_name = el.text
            elif depth == 2 and parent == q["rte"] and not r.rte_name:
                r.rte_name = el.text
            elif not r.gpx_name and (depth == 1 or (depth == 2 and parent == q["metadata"])):
                r.gpx_name = el.text  # GPX 1.0 names the file here, 1.1 in <metadata>
            continue
        elif depth == 2 and tag == q["trkseg"] and parent == q["trk"]:
            if r.seg:
                r.raw.segments.append(r.seg)
            else:
                r.raw.empty_parts += 1
            r.seg = []
        elif depth == 1 and tag == q["trk"]:
            if r.segs_in_trk == 0:
                r.raw.empty_parts += 1
            r.track_names.append(r.trk_name)
        elif depth == 1 and tag == q["rte"]:
            if r.rte:
                r.routes.append((r.rte_name, r.rte))
            r.rte = []
        elif depth == 1 and tag == q["wpt"]:
            r.waypoints += 1
        else:
            continue  # kept until its record (point, segment, top-level element) ends
        # Everything under the parent has been read: drop it, so the tree never holds more than the
        # element being read (the tree builder may already hold the next few; they keep their children).
        del path[-1][:]
    return _result(r)


def _result(r: _Reader) -> RawTrack:
    raw = r.raw
    routes = r.routes
    if raw.segments:
        raw.name = next((n for n in r.track_names if n), None) or r.gpx_name
        if routes or r.waypoints:
            raw.notes.append(Note(
                "other_ignored",
                f"文件里另有 {len(routes)} 条计划路线、{r.waypoints} 个航点，只导入了记录的轨迹。",
                f"The file also has {len(routes)} planned route(s) and {r.waypoints} waypoint(s); "
                "only the recorded track was imported.",
            ))
    elif routes:
        raw.segments = [points for _, points in routes]
        raw.name = routes[0][0] or r.gpx_name
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
