"""Streamlit's own script chunks that stand between its page and the map's frame.

Streamlit's front end loads the code of each kind of element when the first one arrives
(a lazy import): the custom component's code (``ComponentInstance``) is asked for only
once the map's element has come over the websocket, and on a phone network it then
waits behind some sixty other chunks the page's widgets asked for at the same moment
(six connections, a round trip each): the frame was made 0.6 s after its element
arrived. Named in the page's first bytes (``ui/js/first_visit.js``), it is there when
the element comes.

The names carry hashes, so they are read from the installed Streamlit's own files: the
page (``static/index.html``: its main script and what it already preloads) and the main
script's table of lazy imports (``__vite__mapDeps``, as Vite and Rolldown write it).
Found nothing (another Streamlit that writes it otherwise): nothing is named, and the
page loads as it always did.
"""

from __future__ import annotations

import importlib.util
import re
from functools import cache
from pathlib import Path

#: The lazily loaded element whose code the map's frame waits for.
COMPONENT_CHUNK = "ComponentInstance"
MAIN_SCRIPT = re.compile(r'<script type="module" crossorigin src="\./(static/js/[^"]+\.js)"')
PRELOADED = re.compile(r'rel="modulepreload" crossorigin href="\./(static/js/[^"]+\.js)"')
DEPS_TABLE = re.compile(r"m\.f=\[([^\]]*)\]")


def streamlit_front_end() -> Path:
    """The installed Streamlit's front-end folder (the one its server sends)."""
    spec = importlib.util.find_spec("streamlit")
    if spec is None or spec.origin is None:
        raise FileNotFoundError("Streamlit is not installed")
    return Path(spec.origin).parent / "static"


def lazy_chunk(front_end: Path, name: str) -> list[str]:
    """The files (relative to the page) that loading element code ``name`` fetches and
    the page has not already preloaded: the chunk first, then what it imports."""
    page = (front_end / "index.html").read_text(encoding="utf-8")
    main = MAIN_SCRIPT.search(page)
    table_text = main and (front_end / main.group(1)).read_text(encoding="utf-8")
    table = table_text and DEPS_TABLE.search(table_text)
    if not table:
        return []
    files = re.findall(r'"\./([^"]+\.js)"|"[^"]*"', table.group(1))  # "" for a CSS entry
    found = re.search(
        rf"import\(`\./({re.escape(name)}\.[\w-]+\.js)`\),__vite__mapDeps\(\[([\d,]+)\]\)",
        table_text,
    )
    if not found:
        return []
    deps = [files[int(i)] for i in found.group(2).split(",") if int(i) < len(files)]
    already = {main.group(1), *PRELOADED.findall(page)}
    wanted = [f"static/js/{found.group(1)}"] + [f"static/js/{f}" for f in deps if f]
    return list(dict.fromkeys(f for f in wanted if f not in already))


@cache
def component_chunks() -> list[dict[str, str]]:
    """The map component's code, as the first-visit file's preload entries."""
    try:
        chunks = lazy_chunk(streamlit_front_end(), COMPONENT_CHUNK)
    except OSError:
        return []
    return [{"href": href, "rel": "modulepreload"} for href in chunks]
