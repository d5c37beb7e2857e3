"""What is wrong with the data, named precisely, without stopping the rest of the page."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from corridors.data.errors import Problem
from corridors.ui.text import md_escape


def render(problems: list[Problem]) -> None:
    """An error box naming every broken file, feature or row, and why."""
    if not problems:
        return
    files = md_escape(", ".join(sorted({p.file for p in problems})))
    st.error(
        f"{len(problems)} problem(s) in the data ({files}). The broken features, rows or "
        "files are left out; everything else is shown."
    )
    with st.expander("What is wrong, and where"):
        st.dataframe(
            pd.DataFrame(
                [
                    {"File": p.file, "Where": p.where, "Field": p.field, "Problem": p.reason}
                    for p in problems
                ]
            ),
            hide_index=True,
            width="stretch",
        )
