"""The floor: a Streamlit page that writes one line."""

import streamlit as st

st.write("floor")
