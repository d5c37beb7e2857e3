"""A file's brotli and gzip copies, written beside it once, for a web server to send.

nginx (``gzip_static``, ``brotli_static``) sends ``name.br`` or ``name.gz`` in place of
``name`` to a browser that accepts it, without compressing anything per request. Both the
copy of Streamlit's front end (``deploy/precompress.py``) and the map's published files
(:mod:`corridors.ui.published`) are served that way, so both make their copies here: the
best levels (brotli 11, gzip 9), since a copy is made once and sent many times. No
Streamlit here: the deploy scripts import it.
"""

from __future__ import annotations

import gzip
import os
import threading
from pathlib import Path

import brotli


def write_copies(path: str | os.PathLike[str]) -> tuple[int, int, int]:
    """Write ``path.br`` and ``path.gz``; return the sizes (raw, gzip, brotli).

    Each copy appears whole or not at all (a server may be sending from the folder), and
    takes the original's modification time: nginx sends the original's Last-Modified and
    ETag, which must be the same whichever copy it sends.
    """
    path = Path(path)
    data = path.read_bytes()
    packed = {
        ".gz": gzip.compress(data, compresslevel=9, mtime=0),
        ".br": brotli.compress(data, quality=11),
    }
    stat = path.stat()
    for suffix, body in packed.items():
        target = path.with_name(path.name + suffix)
        partial = target.with_name(f"{target.name}.{os.getpid()}.{threading.get_ident()}.part")
        partial.write_bytes(body)
        os.utime(partial, ns=(stat.st_atime_ns, stat.st_mtime_ns))
        partial.replace(target)
    return len(data), len(packed[".gz"]), len(packed[".br"])
