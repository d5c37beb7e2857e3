"""The Streamlit dashboard: the only package that imports Streamlit."""

from corridors.ui.page import main

__all__ = ["main"]
