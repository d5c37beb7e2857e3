"""The dashboard under streamlit.testing.v1.AppTest: one way to start it, cold caches."""

from __future__ import annotations

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from corridors.config import REPO_ROOT

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
