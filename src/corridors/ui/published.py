"""Files the map's frame fetches by name: written once per process, named by their digest.

The base map (country outlines, place names, legend: about 200 KB of script) is the same
for every rerun of a session, and for every session in the same language and opening
view. Sent as a component argument it went over the websocket again with every rerun;
as a file it is fetched once and kept by the browser (its name changes with its content,
so a kept copy is never stale). The folder is served like Leaflet: a declared
component's folder, real content types, no CDN.
"""

from __future__ import annotations

import atexit
import hashlib
import os
import shutil
import tempfile
from functools import cache
from pathlib import Path

import streamlit.components.v1 as components


@cache
def folder() -> Path:
    """This process's folder of published files (removed when the process ends)."""
    path = Path(tempfile.mkdtemp(prefix="corridors-files-"))
    atexit.register(shutil.rmtree, path, ignore_errors=True)
    return path


def digest(data: bytes) -> str:
    """The part of a published file's name that changes with its content."""
    return hashlib.sha256(data).hexdigest()[:20]


def publish(stem: str, suffix: str, data: bytes) -> str:
    """Write ``data`` as ``<stem>-<digest><suffix>`` (once); return the file's name."""
    name = f"{stem}-{digest(data)}{suffix}"
    path = folder() / name
    if not path.exists():
        partial = path.with_name(f"{name}.{os.getpid()}.part")
        partial.write_bytes(data)
        partial.replace(path)  # atomic: a request never reads half a file
    return name


def url(name: str) -> str:
    """A published file's URL relative to the map's frame (the folder is declared each
    run: component registration lasts one script run)."""
    component = components.declare_component("published", path=str(folder()))
    return f"../{component.name}/{name}"
