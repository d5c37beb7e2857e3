"""Corridors dashboard entry point: ``streamlit run app.py``."""

import streamlit as st

st.set_page_config(page_title="Corridors: China–Central Asia", page_icon="🗺️", layout="wide")

from corridors.ui import main  # noqa: E402  (page config must come first)

main()
