"""Files the map's frame fetches by name: written once per process, named by their digest.

The base map (country outlines, place names, legend: about 200 KB of script) is the same
for every rerun of a session, and for every session in the same language and opening
view. Sent as a component argument it went over the websocket again with every rerun;
as a file it is fetched once and kept by the browser (its name changes with its content,
so a kept copy is never stale). The folder is served like Leaflet: a declared
component's folder, real content types, no CDN.

Behind the documented server (``deploy/``) the folder is one the server reads too
(:data:`SHARED_ENV` names it): nginx then sends the files itself, from disk, without
waiting on a busy Streamlit process, and sends the brotli or gzip copy written beside
each script here, once, at the best levels (the map's file: 163 KB at nginx's own level
5, 126 KB at 11). Names are digests, so every process writes the same file under the same
name, and a restarted server keeps the names readers' browsers hold.
"""

from __future__ import annotations

import atexit
import hashlib
import os
import shutil
import tempfile
import threading
from functools import cache
from pathlib import Path

import streamlit.components.v1 as components

from corridors import compressed

#: The folder to publish into, shared with the server in front (set by deploy/cluster.py,
#: deploy/compose.yaml). Unset: a folder of this process's own, removed when it ends.
SHARED_ENV = "CORRIDORS_FILES"
#: Published files worth a compressed copy (the library of features is gzip already).
COMPRESSED_COPIES = (".js",)


@cache
def folder() -> Path:
    """This process's folder of published files."""
    shared = os.environ.get(SHARED_ENV)
    if shared:
        path = Path(shared)
        path.mkdir(parents=True, exist_ok=True)
        return path
    path = Path(tempfile.mkdtemp(prefix="corridors-files-"))
    atexit.register(shutil.rmtree, path, ignore_errors=True)
    return path


def shared() -> bool:
    """Whether a server in front reads the folder (and sends its compressed copies)."""
    return bool(os.environ.get(SHARED_ENV))


def digest(data: bytes) -> str:
    """The part of a published file's name that changes with its content."""
    return hashlib.sha256(data).hexdigest()[:20]


def write(name: str, data: bytes) -> Path:
    """Write ``data`` to the folder as ``name``, atomically: a request (or another process
    writing the same file) never reads half a file."""
    path = folder() / name
    partial = path.with_name(f"{name}.{os.getpid()}.{threading.get_ident()}.part")
    partial.write_bytes(data)
    partial.replace(path)
    return path


def publish(stem: str, suffix: str, data: bytes) -> str:
    """Write ``data`` as ``<stem>-<digest><suffix>`` (once); return the file's name."""
    name = f"{stem}-{digest(data)}{suffix}"
    path = folder() / name
    if not path.exists():
        write(name, data)
        if shared() and suffix in COMPRESSED_COPIES:
            # Brotli 11 takes most of a second for the map's file: not in the reader's run.
            # Until the copies are there the server compresses the file as it sends it.
            threading.Thread(target=compressed.write_copies, args=(path,), daemon=True).start()
    return name


def url(name: str) -> str:
    """A published file's URL relative to the map's frame (the folder is declared each
    run: component registration lasts one script run)."""
    component = components.declare_component("published", path=str(folder()))
    return f"../{component.name}/{name}"
