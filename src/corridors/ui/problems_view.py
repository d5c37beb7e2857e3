"""What is wrong with the data, named precisely, without stopping the rest of the page."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from corridors.data.errors import Problem
from corridors.i18n import Tr
from corridors.ui.text import md_escape


def render(problems: list[Problem], tr: Tr) -> None:
    """An error box naming every broken file, feature or row, and why.

    Our words are translated; each problem's own description is the validator's English
    (it names fields and values as they are written in the files).
    """
    if not problems:
        return
    files = md_escape(", ".join(sorted({p.file for p in problems})))
    st.error(
        tr.ngettext(
            "{n} problem in the data ({files}). The broken features, rows or files are left "
            "out; everything else is shown.",
            "{n} problems in the data ({files}). The broken features, rows or files are left "
            "out; everything else is shown.",
            len(problems),
        ).format(n=len(problems), files=files)
    )
    with st.expander(tr("What is wrong, and where")):
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        tr("File"): p.file,
                        tr("Where"): p.where,
                        tr("Field"): p.field,
                        tr("Problem"): p.reason,
                    }
                    for p in problems
                ]
            ),
            hide_index=True,
            width="stretch",
        )
