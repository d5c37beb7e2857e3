"""Many users: cached loads are shared, and no session's selection leaks into another."""

from __future__ import annotations

import pytest

from corridors.selection import Selection
from corridors.ui import cache
from tests.apptest import app_test as session
from tests.apptest import clear_caches

pytestmark = pytest.mark.usefixtures(clear_caches.__name__)


def test_two_sessions_keep_their_own_selection():
    one = session({"countries": "KAZ", "year": "2014"})
    two = session({})
    one.run()
    two.run()
    one.button_group(key="countries").set_value(["KAZ", "TKM"]).run()
    two.slider(key="year").set_value(2010).run()
    one.run()
    assert one.button_group(key="countries").value == ["KAZ", "TKM"]
    assert one.slider(key="year").value == 2014
    assert len(two.button_group(key="countries").value) == 6
    assert two.slider(key="year").value == 2010
    assert one.query_params["year"] == "2014" and two.query_params["year"] == "2010"


def test_the_dataset_is_loaded_once_and_shared():
    key = cache.current_key()
    assert cache.dataset(key) is cache.dataset(key)


def test_a_session_cannot_change_what_another_sees():
    key = cache.current_key()
    first = cache.map_data(key, Selection(), "en")
    first.status_counts.clear()
    again = cache.map_data(key, Selection(), "en")
    assert again.status_counts  # cache_data hands out copies
