"""KML (Google Earth, 两步路, 六只脚 and phone trackers): gx:Track / gx:MultiTrack and LineString.

Tags are matched by local name, so KML 2.2 (`gx:Track`), KML 2.3 (`Track` in the OGC namespace) and
old Google Earth namespaces read alike. Polygons and Points are places, not paths, and are passed by.
"""

from __future__ import annotations

import math
from xml.etree.ElementTree import Element

from patrol_app.geo._common import RawPoint, RawTrack, parse_iso_time, too_many_points
from patrol_app.geo.track import Note

_NAN_POINT: RawPoint = (math.nan, math.nan, None, None)  # unreadable: counted by the shared clean-up


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _coord(parts: list[str]) -> RawPoint:
    if len(parts) not in (2, 3):
        return _NAN_POINT
    try:
        lon, lat = float(parts[0]), float(parts[1])
        ele = float(parts[2]) if len(parts) == 3 else None
    except ValueError:
        return _NAN_POINT
    return (lat, lon, None, ele)


def _track(el: Element, notes: list[Note]) -> list[RawPoint]:
    """One gx:Track: `when` and `gx:coord` children pair up in order (they may be grouped or interleaved)."""
    whens = [parse_iso_time(c.text) for c in el if _local(c.tag) == "when"]
    coords = [_coord((c.text or "").split()) for c in el if _local(c.tag) == "coord"]
    if whens and len(whens) != len(coords):
        notes.append(Note(
            "kml_mismatch",
            f"一段 gx:Track 有 {len(whens)} 个时间、{len(coords)} 个坐标，数量不一致，只按顺序配对了前面的部分。",
            f"A gx:Track has {len(whens)} times but {len(coords)} coordinates; only the pairs that match "
            "in order were read.",
        ))
        coords = coords[: len(whens)]
    if not whens:
        return coords
    return [(lat, lon, when, ele) for (lat, lon, _, ele), when in zip(coords, whens, strict=False)]


def _line(el: Element) -> list[RawPoint]:
    text = next((c.text or "" for c in el if _local(c.tag) == "coordinates"), "")
    return [_coord(item.split(",")) for item in text.split()]


def _name(root: Element) -> str:
    for el in root.iter():
        if _local(el.tag) in ("Document", "Folder", "Placemark"):
            for child in el:
                if _local(child.tag) == "name" and (child.text or "").strip():
                    return (child.text or "").strip()
    return ""


def read(root: Element, *, max_points: int) -> RawTrack:
    raw = RawTrack(name=_name(root))
    tracks = [el for el in root.iter() if _local(el.tag) == "Track"]
    lines = [el for el in root.iter() if _local(el.tag) == "LineString"]
    if tracks:
        _collect(raw, (_track(el, raw.notes) for el in tracks), max_points)
        if lines:
            # Exporters that write both usually draw the same path twice; the timed one is the record.
            raw.notes.append(Note(
                "kml_lines_ignored",
                f"文件里有带时间的轨迹，另外 {len(lines)} 条不带时间的线（LineString）没有导入。",
                f"The file has timed tracks, so its {len(lines)} untimed line(s) (LineString) were not imported.",
            ))
        return raw
    _collect(raw, (_line(el) for el in lines), max_points)
    return raw


def _collect(raw: RawTrack, parts, max_points: int) -> None:  # noqa: ANN001
    """Keep each non-empty part as a segment (counting the empty ones), refusing past `max_points`."""
    total = 0
    for seg in parts:
        total += len(seg)
        if total > max_points:
            raise too_many_points(max_points)
        if seg:
            raw.segments.append(seg)
        else:
            raw.empty_parts += 1
