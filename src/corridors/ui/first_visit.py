"""The file nginx puts in the page's head: the map's files a first visit will load.

See ``ui/js/first_visit.js`` for why. The app writes it (into the published folder, which
the server in front reads) whenever a session opens on the default view, so it always
names the files the running app publishes: after a restart with new data, the first
session rewrites it. Only where a server reads the folder (:func:`published.shared`).
"""

from __future__ import annotations

import json
import threading
from pathlib import Path

from corridors.i18n import DEFAULT_LANG, LANGUAGES
from corridors.ui import published, streamlit_chunks

#: The file's name in the published folder (not a digest: the page names it, unchanging;
#: the server sends it with ``no-cache``). The nginx template names it too.
NAME = "first-visit.js"
#: Beside it, the same files as data: what every process of the cluster has noted, so
#: one process's language does not drop another's.
NOTED = "first-visit.json"
JS = Path(__file__).with_name("js")
_lock = threading.Lock()


def script(files: dict[str, list[dict[str, object]]]) -> str:
    """The file's text: the preload and choice functions, then the call with the files
    (and Streamlit's chunks the map's frame waits for, :mod:`streamlit_chunks`).

    Data only in the call's argument, as JSON (never code made from data); ``</`` escaped
    for good measure, though the file is a script of its own, not inline.
    """
    chunks = streamlit_chunks.component_chunks()  # the map component's own code, too
    every = {lang: [*named, *chunks] for lang, named in files.items()}
    manifest = {"languages": list(LANGUAGES), "default": DEFAULT_LANG, "files": every}
    data = json.dumps(manifest, sort_keys=True).replace("</", "<\\/")
    code = "\n".join(
        (JS / name).read_text(encoding="utf-8") for name in ("preload.js", "first_visit.js")
    )
    return (
        f"{code}\nwindow.corridorsPreload(window.corridorsFirstVisit("
        f"{data}, window.location.search, window.navigator.language));\n"
    )


def noted() -> dict[str, list[dict[str, object]]]:
    """What the folder's file says each language's first visit loads (empty if none)."""
    try:
        data = json.loads((published.folder() / NOTED).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def note(lang: str, files: list[dict[str, object]]) -> None:
    """A session in ``lang`` opened on the default view and will load ``files`` (as the
    page's preload names them): keep the file saying so up to date.

    Read from the folder each time (a few hundred bytes): the cluster's processes share
    it, and two that wrote at once, each its own language, are set right by the next
    session of the one whose language went missing.
    """
    if not published.shared():
        return
    with _lock:
        every = noted()
        if every.get(lang) == files:
            return
        every[lang] = files
        published.write(NOTED, json.dumps(every, sort_keys=True).encode("utf-8"))
        published.write(NAME, script(every).encode("utf-8"))
