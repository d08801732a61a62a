"""GPX through gpxpy: tracks and their segments, or a route when the file has no recorded track.

`readers` has already parsed the same text with defusedxml (no DTD, no entities), so gpxpy only ever
sees a document known to be plain XML.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from xml.etree.ElementTree import Element

import gpxpy

from patrol_app.geo._common import RawPoint, RawTrack, TrackFileError, to_utc, too_many_points
from patrol_app.geo.track import Note

NAMESPACES = ("", "http://www.topografix.com/GPX/1/0", "http://www.topografix.com/GPX/1/1")


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _points(items: Iterable[Any]) -> list[RawPoint]:
    return [(p.latitude, p.longitude, to_utc(p.time), p.elevation) for p in items]


def read(text: str, root: Element, *, max_points: int) -> RawTrack:
    if sum(1 for el in root.iter() if _local(el.tag) in ("trkpt", "rtept")) > max_points:
        raise too_many_points(max_points)  # before gpxpy builds an object per point
    try:
        gpx = gpxpy.parse(text)
    except Exception as exc:  # gpxpy raises GPXException, and bare ValueError/TypeError on odd values
        detail = str(exc).replace("\n", " ")[:160]
        raise TrackFileError(
            "bad_gpx",
            f"GPX 文件里有读不懂的数值，无法导入（{detail}）。请用原设备或软件重新导出。",
            f"The GPX file has values that cannot be read ({detail}). Export it again from the device or app.",
        ) from exc
    raw = RawTrack()
    for trk in gpx.tracks:
        if not trk.segments:
            raw.empty_parts += 1
        for seg in trk.segments:
            if seg.points:
                raw.segments.append(_points(seg.points))
            else:
                raw.empty_parts += 1
    routes = [r for r in gpx.routes if r.points]
    if raw.segments:
        raw.name = next((t.name for t in gpx.tracks if t.name), None) or gpx.name or ""
        if routes or gpx.waypoints:
            raw.notes.append(Note(
                "other_ignored",
                f"文件里另有 {len(routes)} 条计划路线、{len(gpx.waypoints)} 个航点，只导入了记录的轨迹。",
                f"The file also has {len(routes)} planned route(s) and {len(gpx.waypoints)} waypoint(s); "
                "only the recorded track was imported.",
            ))
    elif routes:
        raw.segments = [_points(r.points) for r in routes]
        raw.name = routes[0].name or gpx.name or ""
        raw.empty_parts = 0
        raw.notes.append(Note(
            "route_used",
            "文件里没有记录的轨迹，导入的是计划路线：它是事先画的路线，不能证明实际走过。",
            "The file has no recorded track, so its planned route was imported: a route is drawn in advance "
            "and does not show where anyone actually went.",
        ))
    elif gpx.waypoints:
        raise TrackFileError(
            "waypoints_only",
            "文件里只有航点（标记的地点），没有轨迹。请在设备或软件里导出“轨迹”。",
            "The file has only waypoints (marked places), no track. Export the track from the device or app.",
        )
    return raw
