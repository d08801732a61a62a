"""WGS-84 ⇄ GCJ-02: published reference values, a round-trip property, identity outside China."""

from __future__ import annotations

import pytest
from geographiclib.geodesic import Geodesic
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from patrol_app.geo.gcj02 import gcj02_to_wgs84, in_china, wgs84_to_gcj02


def metres(a: tuple[float, float], b: tuple[float, float]) -> float:
    return Geodesic.WGS84.Inverse(a[0], a[1], b[0], b[1])["s12"]


def test_forward_matches_coordtransform() -> None:
    # wandergis/coordtransform, test/app.js: wgs84togcj02(116.404, 39.915) -> [116.41024449916938, 39.91640428150164]
    # (lng, lat order there); the same pair is asserted in hutool's CoordinateUtilTest and coordtransform-rs.
    lat, lon = wgs84_to_gcj02(39.915, 116.404)
    assert lat == pytest.approx(39.91640428150164, abs=1e-6)
    assert lon == pytest.approx(116.41024449916938, abs=1e-6)


def test_inverse_matches_gcoord() -> None:
    # hujiulong/gcoord, test/unit/crs/GCJ02.spec.js: GCJ02 -> WGS84 of [123, 45] is [122.99395597, 44.99804071]
    # (to 5 decimals there).
    lat, lon = gcj02_to_wgs84(45.0, 123.0)
    assert lat == pytest.approx(44.99804071, abs=1e-5)
    assert lon == pytest.approx(122.99395597, abs=1e-5)


def test_pingdingshan_moves_by_a_few_hundred_metres() -> None:
    p = (33.75, 112.65)
    assert 100 < metres(p, wgs84_to_gcj02(*p)) < 1000


@settings(max_examples=300, deadline=None)
@given(st.floats(18, 53), st.floats(73, 135))
def test_round_trip_inside_china_is_within_half_a_metre(lat: float, lon: float) -> None:
    assume(in_china(lat, lon))
    gcj = wgs84_to_gcj02(lat, lon)
    assume(in_china(*gcj))
    back = gcj02_to_wgs84(*gcj)
    assert metres((lat, lon), back) < 0.5
    assert abs(back[0] - lat) < 1e-8 and abs(back[1] - lon) < 1e-8  # in fact converged to ~1e-9 degrees


@pytest.mark.parametrize("point", [(48.8566, 2.3522), (35.6812, 139.7671), (-33.86, 151.21), (0.0, 0.0),
                                   (1.29, 103.85), (55.75, 37.62), (40.71, -74.0)])
def test_outside_china_nothing_changes(point: tuple[float, float]) -> None:
    assert not in_china(*point)
    assert wgs84_to_gcj02(*point) == point
    assert gcj02_to_wgs84(*point) == point
