"""WGS-84 ⇄ GCJ-02 ("火星坐标"), the offset coordinates that Chinese map apps export.

Tracks recorded or exported by apps built on Chinese maps (高德, 腾讯, many 户外 apps) are shifted by
a few hundred metres; read as WGS-84 they would miss the reach. The forward formula is the widely
published one on the Krasovsky ellipsoid; it has no closed-form inverse, so the inverse iterates.
"""

from __future__ import annotations

import math

_A = 6378245.0  # Krasovsky 1940 semi-major axis, as the formula uses it
_EE = 0.00669342162296594323  # its first eccentricity squared
_PI = math.pi


def in_china(lat: float, lon: float) -> bool:
    """The usual rough bounding box: the offset is only applied (and only undone) inside it."""
    return 73.66 < lon < 135.05 and 3.86 < lat < 53.55


def _d_lat(x: float, y: float) -> float:
    r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * math.sqrt(abs(x))
    r += (20.0 * math.sin(6.0 * x * _PI) + 20.0 * math.sin(2.0 * x * _PI)) * 2.0 / 3.0
    r += (20.0 * math.sin(y * _PI) + 40.0 * math.sin(y / 3.0 * _PI)) * 2.0 / 3.0
    r += (160.0 * math.sin(y / 12.0 * _PI) + 320.0 * math.sin(y * _PI / 30.0)) * 2.0 / 3.0
    return r


def _d_lon(x: float, y: float) -> float:
    r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * math.sqrt(abs(x))
    r += (20.0 * math.sin(6.0 * x * _PI) + 20.0 * math.sin(2.0 * x * _PI)) * 2.0 / 3.0
    r += (20.0 * math.sin(x * _PI) + 40.0 * math.sin(x / 3.0 * _PI)) * 2.0 / 3.0
    r += (150.0 * math.sin(x / 12.0 * _PI) + 300.0 * math.sin(x / 30.0 * _PI)) * 2.0 / 3.0
    return r


def _offset(lat: float, lon: float) -> tuple[float, float]:
    d_lat = _d_lat(lon - 105.0, lat - 35.0)
    d_lon = _d_lon(lon - 105.0, lat - 35.0)
    rad = lat / 180.0 * _PI
    magic = 1 - _EE * math.sin(rad) ** 2
    sqrt_magic = math.sqrt(magic)
    d_lat = (d_lat * 180.0) / ((_A * (1 - _EE)) / (magic * sqrt_magic) * _PI)
    d_lon = (d_lon * 180.0) / (_A / sqrt_magic * math.cos(rad) * _PI)
    return d_lat, d_lon


def wgs84_to_gcj02(lat: float, lon: float) -> tuple[float, float]:
    if not in_china(lat, lon):
        return lat, lon
    d_lat, d_lon = _offset(lat, lon)
    return lat + d_lat, lon + d_lon


def gcj02_to_wgs84(lat: float, lon: float) -> tuple[float, float]:
    """Fixed-point iteration on the forward formula until it lands within 1e-9 degrees (~0.1 mm).

    The offset changes slowly with position, so this converges in a handful of steps; the one-step
    "subtract the offset" shortcut many libraries use is off by up to a couple of metres.
    """
    if not in_china(lat, lon):
        return lat, lon
    w_lat, w_lon = lat, lon
    for _ in range(30):
        g_lat, g_lon = wgs84_to_gcj02(w_lat, w_lon)
        e_lat, e_lon = lat - g_lat, lon - g_lon
        w_lat, w_lon = w_lat + e_lat, w_lon + e_lon
        if abs(e_lat) < 1e-9 and abs(e_lon) < 1e-9:
            break
    return w_lat, w_lon
