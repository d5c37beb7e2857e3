"""Geodesic lengths, not degrees."""

import pytest
import shapely

from corridors.data.geodesy import geodesic_length_km


def test_one_degree_of_longitude_on_the_equator():
    assert geodesic_length_km(shapely.LineString([(0, 0), (1, 0)])) == pytest.approx(
        111.32, abs=0.01
    )


def test_a_degree_at_45_north_is_shorter_than_in_degrees_suggests():
    km = geodesic_length_km(shapely.LineString([(70, 45), (71, 45)]))
    assert km == pytest.approx(78.85, abs=0.05)


def test_points_have_no_length():
    assert geodesic_length_km(shapely.Point(0, 0)) is None
