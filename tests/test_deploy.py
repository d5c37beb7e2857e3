"""The deployment's pieces that need no browser: the precompressed copy of Streamlit's
files, and the nginx configuration cluster.py writes (checked by nginx itself)."""

from __future__ import annotations

import gzip
import shutil
import subprocess
from pathlib import Path

import brotli
import pytest

from deploy import precompress
from deploy.cluster import NGINX, brotli_modules, nginx_conf


def test_precompressed_copies_unpack_to_the_originals_with_their_dates(tmp_path: Path):
    source = tmp_path / "src"
    (source / "js").mkdir(parents=True)
    script = b"function f(){return 1}\n" * 200
    (source / "js" / "a.1234.js").write_bytes(script)
    (source / "js" / "tiny.js").write_bytes(b"x=1")  # too small to be worth it
    (source / "font.woff2").write_bytes(b"\x00" * 5000)  # compressed already
    out = tmp_path / "out"
    totals = precompress.build(source, out, workers=1)
    assert totals["files"] == 1 and totals["brotli"] < totals["raw"]
    copy = out / "static" / "js" / "a.1234.js"
    assert copy.read_bytes() == script
    assert gzip.decompress(Path(f"{copy}.gz").read_bytes()) == script
    assert brotli.decompress(Path(f"{copy}.br").read_bytes()) == script
    # gzip_static sends the original's Last-Modified: the copies carry its date.
    assert Path(f"{copy}.gz").stat().st_mtime_ns == copy.stat().st_mtime_ns
    assert not (out / "static" / "js" / "tiny.js.gz").exists()
    assert not (out / "static" / "font.woff2.br").exists()
    assert precompress.is_complete(source, out)
    (source / "js" / "b.5678.js").write_bytes(script)  # another Streamlit's files
    assert not precompress.is_complete(source, out)


@pytest.mark.parametrize("with_brotli", [False, True])
def test_nginx_accepts_the_configuration(tmp_path: Path, with_brotli: bool):
    nginx = shutil.which(NGINX) or shutil.which(NGINX, path="/usr/sbin:/sbin")
    if not nginx:
        pytest.skip("nginx is not installed: `make system` installs Debian's nginx")
    modules = brotli_modules(nginx)
    if with_brotli and not modules:
        pytest.skip("no brotli module for this nginx: `make system` installs Debian's")
    (tmp_path / "temp").mkdir()
    (tmp_path / "static").mkdir()
    conf = nginx_conf(
        tmp_path, "127.0.0.1:1", ["127.0.0.1:2"], tmp_path, modules if with_brotli else []
    )
    assert ("brotli_static on" in (tmp_path / "corridors.conf").read_text()) == with_brotli
    (tmp_path / "nginx.conf").write_text(conf)
    check = subprocess.run(
        [nginx, "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf"), "-t", "-q"],
        capture_output=True,
        text=True,
    )
    assert check.returncode == 0, check.stderr
