"""Many users: cached loads are shared, and no session's selection leaks into another."""

from __future__ import annotations

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from corridors.config import REPO_ROOT
from corridors.selection import Selection
from corridors.ui import cache

APP = str(REPO_ROOT / "app.py")


@pytest.fixture(autouse=True)
def clear_caches():
    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_data.clear()
    st.cache_resource.clear()


def session(query: dict[str, str]) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in query.items():
        at.query_params[key] = value
    return at


def test_two_sessions_keep_their_own_selection():
    one = session({"countries": "KAZ", "year": "2014"})
    two = session({})
    one.run()
    two.run()
    one.multiselect(key="countries").set_value(["KAZ", "TKM"]).run()
    two.slider(key="year").set_value(2010).run()
    one.run()
    assert one.multiselect(key="countries").value == ["KAZ", "TKM"]
    assert one.slider(key="year").value == 2014
    assert len(two.multiselect(key="countries").value) == 6
    assert two.slider(key="year").value == 2010
    assert one.query_params["year"] == "2014" and two.query_params["year"] == "2010"


def test_the_dataset_is_loaded_once_and_shared():
    root, fp = cache.current_key()
    assert cache.dataset(root, fp) is cache.dataset(root, fp)


def test_a_session_cannot_change_what_another_sees():
    root, fp = cache.current_key()
    first = cache.view(root, fp, Selection())
    first["ids"].clear()
    first["layers"].clear()
    again = cache.view(root, fp, Selection())
    assert again["ids"] and again["layers"]  # cache_data hands out copies
