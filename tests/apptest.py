"""The dashboard under streamlit.testing.v1.AppTest: one way to start it, cold caches."""

from __future__ import annotations

import json
import re

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from corridors.config import REPO_ROOT
from corridors.render import live
from corridors.ui import cache, published

APP = str(REPO_ROOT / "app.py")


@pytest.fixture
def clear_caches():
    """Caches outlive one AppTest: start every test from cold, and leave nothing behind."""
    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_data.clear()
    st.cache_resource.clear()


def app_test(query: dict[str, str] | None = None) -> AppTest:
    """A fresh session of the dashboard with ``query`` in its URL (not yet run)."""
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    return at


def map_args(at: AppTest) -> dict:
    """The arguments the map component received on the last run."""
    (component,) = at.get("component_instance")
    return json.loads(component.proto.json_args)


def base_map_script(at: AppTest) -> str:
    """The map's file the frame loads on the last run (Leaflet, the map's scripts and the
    base map): the component's one script link (see ``corridors.ui.folium_component``)."""
    name = map_args(at)["js_links"][-1].rsplit("/", 1)[1]
    return (published.folder() / name).read_text(encoding="utf-8")


def drawn(at: AppTest) -> dict[str, str]:
    """Feature id -> status the live map shows after the last run: the selection's codes
    (read from the script the map runs) decoded against the dataset's library order, plus
    the trade choropleth's countries (sent as GeoJSON)."""
    script = map_args(at)["feature_group"]
    (wanted,) = re.findall(r"window\.corridorsLive\.show\((\{.*?\})\);", script)
    codes = json.loads(wanted)["codes"]
    features = cache.dataset(cache.current_key()).features()
    ids = list(features.loc[live.library_order(features), "id"])
    out = live.decode(ids, codes)
    out.update(dict.fromkeys(re.findall(r'"id": "(trade-[a-z]+)"', script), "trade"))
    return out


def drawn_ids(at: AppTest) -> set[str]:
    """The ids of everything the live map shows after the last run."""
    return set(drawn(at))
