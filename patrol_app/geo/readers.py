"""Track files in, `Track` out: GPX, KML and NMEA told apart by content, photos made into a track.

A file is either read (what was passed over is in `Track.notes`) or refused with a `TrackFileError`
that says why in Chinese and English. Nothing else escapes: the import dialog shows the reason and
goes on with the next file. XML is parsed with defusedxml first, DTDs refused outright, because a
track file has no business declaring entities and a patroller may be sent anything.
"""

from __future__ import annotations

import codecs
import os
import re
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError, TreeBuilder

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeET

from patrol_app.geo import _gpx, _kml, _nmea
from patrol_app.geo._common import RawTrack, TrackFileError, finish, to_utc
from patrol_app.geo.track import Track
from patrol_app.userfiles import NotRegularFile, display, open_regular

__all__ = ["MAX_BYTES", "MAX_KML_BYTES", "MAX_KML_POINTS", "MAX_NMEA_FIXES", "MAX_POINTS", "TrackFileError",
           "read_track", "read_track_bytes", "read_track_file", "track_from_photos"]

# Limits a 4 GB laptop with the GUI open can afford, aiming at ~300-400 MB more and ~15 s for one import.
# Measured with bench/big_track.py (`patrol-app import-track` end to end in a fresh process; figures in
# bench/README.md), 2026-12-04, 2 shared cores: a 1 Hz GPX log costs ~17 µs of CPU and ~0.5 KB of peak
# memory per point, linearly from 10,000 to 1,000,000 points (1M: 17 s, 573 MB peak). The old reader
# (whole tree, then gpxpy's objects) took 32.6 s and 1.03 GB for 499,999 points.
# GPX: a week of 1 Hz logging. At 604,800 points (60 MB): 11.7 s, 367 MB peak (311 MB above a 10k-point
# import). One point more is refused after 5.4 s at 237 MB: the count is checked as the points are read.
MAX_POINTS = 7 * 86_400
# The bytes are held while a file is read (decoded as the parser goes, never copied whole), so this
# bounds what any file costs besides its points; a lean 1 Hz GPX reaches MAX_POINTS at ~60 MB first.
MAX_BYTES = 128 * 1024 * 1024
# KML is read as a whole element tree (its readers look across it): about twice GPX's memory per
# point. At 302,400 points (25 MB): 5.3 s, 262 MB peak.
MAX_KML_POINTS = 302_400
MAX_KML_BYTES = 32 * 1024 * 1024
# pynmea2 takes ~53 µs per fix (an RMC and a GGA), three times GPX: three days of 1 Hz fixes.
# At 259,200 fixes (36 MB): 15.0 s, 256 MB peak.
MAX_NMEA_FIXES = 3 * 86_400
CRS = ("wgs84", "gcj02")

_BOM_UTF8 = b"\xef\xbb\xbf"
_BOMS_UTF16 = (b"\xff\xfe", b"\xfe\xff")
_ENCODING = re.compile(rb"""<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z][A-Za-z0-9._-]*)["']""")
_DECLARATION = re.compile(r"\A\s*<\?xml[^>]*\?>")


def _not_track(zh: str, en: str) -> TrackFileError:
    return TrackFileError(
        "not_track",
        f"这不是轨迹文件（{zh}）。请选择 GPX、KML 或 NMEA 格式的轨迹。",
        f"This is not a track file ({en}). Choose a GPX, KML or NMEA track.",
    )


def read_track(path: Path, *, crs: str = "wgs84") -> Track:
    """Read a track file; unreadable paths are refused like bad files, so callers handle one error."""
    try:
        data = read_track_file(path)
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise TrackFileError("unreadable", f"无法读取文件 {display(path.name)}：{reason}",
                             f"Cannot read {display(path.name)}: {reason}") from exc
    return read_track_bytes(data, display(path.name), crs=crs)


def read_track_file(path: Path) -> bytes:
    """A track file's bytes (at most MAX_BYTES + 1: more is refused as too big). A FIFO, a device or
    a folder is refused as not a track (TrackFileError), without ever waiting on it."""
    try:
        with open_regular(path) as f:
            if os.fstat(f.fileno()).st_size > MAX_BYTES:
                raise _too_big(MAX_BYTES)
            return f.read(MAX_BYTES + 1)
    except NotRegularFile as exc:
        raise TrackFileError("not_regular",
                             f"{display(path.name)} 不是普通文件（是文件夹、管道或设备），不能作为轨迹导入。",
                             f"{display(path.name)} is not a regular file (a folder, pipe or device); it cannot be "
                             "imported as a track.") from exc


def _too_big(limit: int) -> TrackFileError:
    mb = limit // (1024 * 1024)
    return TrackFileError("too_big", f"文件超过 {mb} MB，不像一次巡河的轨迹。请只导出这次巡河的那一段。",
                          f"The file is larger than {mb} MB, too big for one patrol. Export only this patrol's part.")


def read_track_bytes(data: bytes, name: str, *, crs: str = "wgs84") -> Track:
    """Read a track from bytes; `name` (the file name) names the track when the file does not."""
    if crs not in CRS:
        raise ValueError(f"crs must be one of {CRS}, not {crs!r}")
    if len(data) > MAX_BYTES:
        raise _too_big(MAX_BYTES)
    fallback = Path(name).stem
    body = data[len(_BOM_UTF8):] if data.startswith(_BOM_UTF8) else data
    head = body.lstrip()[:1]
    if not head:
        raise TrackFileError("empty", "文件是空的。", "The file is empty.")
    if head == b"$":
        raw = _nmea.read(body, max_points=MAX_NMEA_FIXES)
        return finish(raw, fmt="nmea", source="nmea", fallback_name=fallback, crs=crs, max_points=MAX_NMEA_FIXES)
    if head == b"<" or data.startswith(_BOMS_UTF16):
        return _read_xml(data, fallback, crs)
    if data.startswith((b"PK\x03\x04", b"\x1f\x8b")):
        raise TrackFileError("compressed", "这是压缩文件（如 KMZ、ZIP、GZ）。请先解压，再导入里面的 GPX 或 KML。",
                             "This is a compressed file (KMZ, ZIP or GZ). Unpack it and import the GPX or KML inside.")
    raise _not_track("内容既不是 XML 也不是 NMEA", "it is neither XML nor NMEA")


def _bad_encoding(encoding: str) -> TrackFileError:
    return TrackFileError(
        "bad_encoding",
        f"文件的文字编码有误（按 {encoding} 读不通），可能已损坏。请重新导出。",
        f"The file's text is not valid {encoding}; it may be damaged. Export it again.",
    )


class _XmlText:
    """The document as text, decoded as it declares (GBK and GB18030 included, which expat cannot do),
    a chunk at a time as the parser reads it, without the declaration that would name a byte encoding.

    Decoding as the parser goes keeps one copy of a big file in memory (its bytes), not three: the
    whole text, and io.StringIO's own buffer of it at four bytes per character.
    """

    CHUNK = 1 << 16

    def __init__(self, data: bytes) -> None:
        if data.startswith(_BOM_UTF8):
            start, encoding = len(_BOM_UTF8), "utf-8"
        elif data.startswith(_BOMS_UTF16):
            start, encoding = 0, "utf-16"
        else:
            m = _ENCODING.match(data.lstrip())
            start, encoding = 0, m.group(1).decode("ascii") if m else "utf-8"
        try:
            b"".decode(encoding)  # LookupError for a name that is no text encoding (base64, rot13...)
            self._decoder = codecs.getincrementaldecoder(encoding)()
        except LookupError as exc:
            raise _bad_encoding(encoding) from exc
        self.encoding = encoding
        self._data = memoryview(data)
        self._pos = start
        self._first = True

    def read(self, _size: int = -1) -> str:
        """The next piece of text ('' at the end); UnicodeDecodeError where the bytes are not the encoding."""
        text = ""
        while not text and self._pos < len(self._data):
            chunk = self._data[self._pos:self._pos + self.CHUNK]
            self._pos += len(chunk)
            text = self._decoder.decode(chunk, final=self._pos >= len(self._data))
            if self._first and text:
                self._first = False
                text = _DECLARATION.sub("", text, count=1)
        return text


class _RootFound(Exception):  # noqa: N818 - a signal, not an error
    def __init__(self, tag: str, attrib: dict[str, str]) -> None:
        self.tag = tag
        self.attrib = attrib


class _RootSniffer:
    """A parser target that stops at the root element's start: the root says which reader gets the file."""

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        raise _RootFound(tag, attrib)

    def close(self) -> None:
        return None


def _parse(data: bytes, target: Any) -> Any:
    """Feed the document's text to defusedxml's parser (DTDs and entities refused) with `target`.

    A DTD comes before the root, so an unsafe file is refused before any element is read. Refusals,
    encoding and XML errors become TrackFileErrors; what the target raises passes through.
    """
    text = _XmlText(data)
    parser = SafeET.XMLParser(target=target, forbid_dtd=True)
    try:
        while chunk := text.read():
            parser.feed(chunk)
        return parser.close()
    except DefusedXmlException as exc:
        raise TrackFileError(
            "unsafe_xml",
            "文件里有 DTD 或实体声明，轨迹文件不应该有，出于安全不予读取。",
            "The file declares a DTD or entities, which no track file needs; it is refused for safety.",
        ) from exc
    except UnicodeDecodeError as exc:
        raise _bad_encoding(text.encoding) from exc
    except (ParseError, ValueError) as exc:
        where = f"{exc.position[0]}" if isinstance(exc, ParseError) else "?"
        raise TrackFileError(
            "bad_xml",
            f"文件不完整或已损坏（第 {where} 行出错），可能没有复制完。请重新导出或重新复制。",
            f"The file is incomplete or damaged (error at line {where}); it may not have been copied fully. "
            "Export or copy it again.",
        ) from exc


def _read_xml(data: bytes, fallback: str, crs: str) -> Track:
    try:
        _parse(data, _RootSniffer())
    except _RootFound as found:
        tag, attrib = found.tag, found.attrib
    else:  # pragma: no cover - expat reports a document without a root element as a ParseError
        raise _not_track("没有 XML 元素", "it has no XML element")
    ns, _, local = tag[1:].partition("}") if tag.startswith("{") else ("", "", tag)
    if local == "gpx" and ns in _gpx.NAMESPACES:
        reader = _gpx.Reader(ns, MAX_POINTS, version=attrib.get("version"))
        _parse(data, reader)  # one pass, points taken as their elements end, no tree
        return finish(reader.result(), fmt="gpx", source="gpx", fallback_name=fallback, crs=crs,
                      max_points=MAX_POINTS)
    if len(data) > MAX_KML_BYTES:  # before the tree is built: it takes several times the file
        raise _too_big(MAX_KML_BYTES)
    root = _parse(data, TreeBuilder())  # the whole tree: KML is read from it; damage is told before "not a track"
    if local == "kml":
        raw = _kml.read(root, max_points=MAX_KML_POINTS)
        return finish(raw, fmt="kml", source="kml", fallback_name=fallback, crs=crs, max_points=MAX_KML_POINTS)
    raise _not_track(f"XML 根元素是 <{local}>", f"the XML root is <{local}>")


def track_from_photos(photos: Iterable[tuple[datetime, float, float, float | None]]) -> Track:
    """A track through the places photos were taken, for a patrol recorded without a GPS log.

    Times must be timezone-aware (a naive EXIF time is local time and only the photo importer knows
    which zone): a naive one is a programming error, not something to guess here.
    """
    rows = []
    for time, lat, lon, ele in photos:
        if time.tzinfo is None or time.utcoffset() is None:
            raise ValueError("photo times must be timezone-aware")
        rows.append((lat, lon, to_utc(time), ele))
    rows.sort(key=lambda r: r[2])  # type: ignore[arg-type, return-value]
    raw = RawTrack(segments=[rows])
    return finish(raw, fmt="photos", source="photo", fallback_name="", crs="wgs84", max_points=MAX_POINTS)
