"""Headless Debian Chromium through Playwright, and a Streamlit server to point it at.

Shared by the screenshot script, the benchmark and the load script (the tests have the
same in tests/e2e/conftest.py as fixtures). Nothing here downloads a browser.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("CORRIDORS_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
MAP_FRAME = "iframe[title='streamlit_folium.st_folium']"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(url: str, proc: subprocess.Popen, log, timeout: float = 60.0) -> float:
    """Poll /_stcore/health until it answers; return seconds waited. Fail fast if it died."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if proc.poll() is not None:
            log.seek(0)
            raise RuntimeError(f"streamlit exited with {proc.returncode}:\n{log.read()}")
        with (
            contextlib.suppress(OSError),
            urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as r,
        ):
            if r.status == 200:
                return time.perf_counter() - start
        time.sleep(0.05)
    raise TimeoutError(f"{url} not healthy after {timeout}s")


@dataclass(frozen=True)
class Server:
    """A running Streamlit server: where it is, how long it took to answer, its process."""

    url: str
    healthy_s: float
    pid: int
    log: IO[str]

    def log_text(self) -> str:
        """Everything the server has printed so far."""
        self.log.flush()
        with open(self.log.name, encoding="utf-8", errors="replace") as fh:
            return fh.read()

    def rss_mb(self) -> float:
        """Resident memory of the server process, in MB (Linux /proc)."""
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        raise RuntimeError(f"no VmRSS for pid {self.pid}")

    def cpu_s(self) -> float:
        """CPU seconds (user + system) the server process has used so far."""
        fields = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@contextlib.contextmanager
def streamlit_server(script: str = "app.py", env: dict[str, str] | None = None) -> Iterator[Server]:
    """Run ``streamlit run script`` on a free port until the block ends."""
    port = free_port()
    cmd = [
        sys.executable, "-m", "streamlit", "run", script,
        "--server.port", str(port), "--server.address", "127.0.0.1",
        "--server.headless", "true", "--browser.gatherUsageStats", "false",
    ]  # fmt: skip
    # The server's output goes to a file, not a pipe: a pipe nobody reads fills up after
    # some 64 KB of log lines and then blocks the server mid-request.
    with tempfile.NamedTemporaryFile("w+", prefix="streamlit-", suffix=".log") as log:
        proc = subprocess.Popen(
            cmd, cwd=ROOT, env={**os.environ, **(env or {})}, stdout=log, stderr=subprocess.STDOUT
        )
        url = f"http://127.0.0.1:{port}"
        try:
            yield Server(url, wait_healthy(url, proc, log), proc.pid, log)
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()


def launch(playwright):
    """Launch Debian's Chromium headless with the flags this network needs."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def wait_for_app(page, timeout: float = 60_000) -> None:
    """Wait until the script has finished running (Streamlit marks it on the app root)."""
    page.wait_for_selector(
        "[data-testid='stApp'][data-test-script-state='notRunning']", timeout=timeout
    )


#: JS: bind ``window.map`` in a standalone export, where folium gives the map a random name
#: (streamlit-folium's iframe already has ``window.map``).
BIND_MAP_JS = """() => {
    window.map = window.map || Object.values(window).find(v => window.L && v instanceof L.Map);
}"""
#: JS: feature id -> status of every feature Leaflet has on the map now (canvas or SVG).
DRAWN_JS = f"""() => {{
    ({BIND_MAP_JS})();
    const out = {{}};
    if (window.map) window.map.eachLayer(l => {{
        if (l.feature && l.feature.properties.status) {{
            out[l.feature.properties.id] = l.feature.properties.status;
        }}
    }});
    return out;
}}"""
#: JS: the drawn features as one comparable string.
DRAWN_KEY_JS = f"() => JSON.stringify(({DRAWN_JS})())"


def map_frame(page, timeout: float = 60_000):
    """The streamlit-folium iframe's frame, once it exists."""
    return page.wait_for_selector(MAP_FRAME, timeout=timeout).content_frame()


def wait_for_map(page, timeout: float = 60_000):
    """Wait until Leaflet has features on the map in the iframe; return the frame."""
    frame = map_frame(page, timeout)
    frame.wait_for_function(
        f"Object.keys(({DRAWN_JS})()).length > 0", timeout=timeout, polling="raf"
    )
    return frame
