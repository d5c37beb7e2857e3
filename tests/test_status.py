"""Status by year, from the years on a feature."""

import pytest

from corridors.status import status_in

LINE_D = {
    "kind": "gas_pipeline",
    "announced": 2011,
    "construction_start": 2014,
    "suspended_from": 2016,
}
LINE_A = {"kind": "gas_pipeline", "announced": 2006, "construction_start": 2007, "opened": 2009}


@pytest.mark.parametrize(
    ("props", "year", "expected"),
    [
        (LINE_A, 2005, "not_announced"),
        (LINE_A, 2006, "planned"),
        (LINE_A, 2008, "under_construction"),
        (LINE_A, 2009, "operating"),
        (LINE_A, 2025, "operating"),
        (LINE_D, 2010, "not_announced"),
        (LINE_D, 2012, "planned"),
        (LINE_D, 2015, "under_construction"),
        (LINE_D, 2016, "suspended"),
        (LINE_D, 2025, "suspended"),
        ({"kind": "railway", "opened": 2016}, 2015, "not_announced"),
        ({"kind": "summit", "announced": 2022, "opened": 2023}, 2022, "planned"),
        ({"kind": "summit", "announced": 2022, "opened": 2023}, 2023, "held"),
        ({"kind": "summit", "construction_start": 2020, "opened": 2023}, 2021, "not_announced"),
        ({"kind": "capital"}, 2009, "existing"),
        ({"kind": "railway", "announced": float("nan"), "opened": 2012.0}, 2013, "operating"),
    ],
)
def test_status_in(props, year, expected):
    assert status_in(props, year) == expected
