"""N identical Streamlit processes behind nginx with sticky sessions, on this machine.

Starts ``streamlit run app.py`` N times on free local ports (websocket compression on),
writes ``deploy/nginx.conf.template`` for those ports into a temporary directory, runs
Debian's nginx from there (its pid, logs and temp files stay in that directory; /etc/nginx
is not touched), waits until the balancer answers ``/_stcore/health``, prints the URL and
runs until Ctrl-C or SIGTERM, then stops nginx and every process. nginx sends Streamlit's
front-end files itself, compressed once by ``deploy/precompress.py`` (into ``build/``,
the first time), with brotli where Debian's brotli modules are installed.

Usage: python deploy/cluster.py [--processes 3] [--port 8501]

Importable: ``with cluster(n=3) as c:`` yields a :class:`Cluster` (the balancer's URL,
each backend's port, PID, memory and CPU, nginx's access log); bench/load.py and
tests/e2e/test_cluster.py use it.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
for _path in (ROOT / "scripts", ROOT / "src", ROOT / "deploy"):
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))

from browser import Server, free_port, streamlit_server, wait_healthy  # noqa: E402
from precompress import static_root  # noqa: E402

TEMPLATE = Path(__file__).with_name("nginx.conf.template")
NGINX = os.environ.get("CORRIDORS_NGINX", "nginx")
#: Streamlit compresses its websocket messages (permessage-deflate) when the browser
#: offers it: the map's selections and the page's elements, about 4x smaller.
STREAMLIT_ENV = {"STREAMLIT_SERVER_ENABLE_WEBSOCKET_COMPRESSION": "true"}
#: Where the processes publish the map's files for nginx to send (corridors.ui.published):
#: the folder the template's /component/corridors.ui.published.published/ maps to.
FILES_ENV = "CORRIDORS_FILES"
PUBLISHED_PATH = Path("component", "corridors.ui.published.published")
#: Debian's ngx_brotli (libnginx-mod-http-brotli-filter and -static), loaded when present.
BROTLI_MODULES = ("ngx_http_brotli_filter_module.so", "ngx_http_brotli_static_module.so")
#: The template's ${CORRIDORS_BROTLI} where the modules are loaded: the same types and
#: level as its gzip lines, and the precompressed .br files for /static/.
BROTLI_LINES = (
    "brotli on; brotli_static on; brotli_comp_level 5; brotli_min_length 1024; "
    "brotli_types text/css text/javascript application/javascript application/json "
    "application/manifest+json image/svg+xml text/plain text/csv;"
)
#: The access log's line, as written by the ``corridors`` log_format of the template.
LOG_LINE = re.compile(
    r"^(?P<msec>\S+) route=(?P<route>\S*) upstream=(?P<upstream>\S*) "
    r'status=(?P<status>\d+) time=(?P<time>\S+) "(?P<request>[^"]*)"$'
)
#: How often :meth:`Cluster.wait_for_log` reads the access log again.
LOG_POLL_S = 0.05


def render_template(text: str, values: dict[str, str]) -> str:
    """Fill ``${NAME}`` for the given names only, as the nginx image's envsubst does."""
    for name, value in values.items():
        text = text.replace("${" + name + "}", value)
    left = re.findall(r"\$\{CORRIDORS_\w+\}", text)
    if left:
        raise ValueError(f"unfilled placeholders in {TEMPLATE.name}: {sorted(set(left))}")
    return text


def brotli_modules(nginx: str) -> list[Path]:
    """nginx's brotli modules, if installed where this nginx keeps its modules."""
    info = subprocess.run([nginx, "-V"], capture_output=True, text=True).stderr
    found = re.search(r"--modules-path=(\S+)", info)
    folder = Path(found.group(1) if found else "/usr/lib/nginx/modules")
    paths = [folder / name for name in BROTLI_MODULES]
    return paths if all(p.is_file() for p in paths) else []


def nginx_conf(
    workdir: Path,
    listen: str,
    upstreams: list[str],
    static_root: Path,
    files_root: Path,
    modules: Sequence[Path] = (),
) -> str:
    """A whole nginx.conf around the template, with every path inside ``workdir``
    (``static_root``: Streamlit's files, precompressed; ``files_root``: the app's published
    files, under :data:`PUBLISHED_PATH`; ``modules``: brotli's, or none)."""
    site = render_template(
        TEMPLATE.read_text(encoding="utf-8"),
        {
            "CORRIDORS_LISTEN": listen,
            "CORRIDORS_UPSTREAM_SERVERS": " ".join(f"server {u} max_fails=0;" for u in upstreams),
            "CORRIDORS_ACCESS_LOG": f"{workdir / 'access.log'} corridors",
            "CORRIDORS_STATIC_ROOT": str(static_root),
            "CORRIDORS_FILES_ROOT": str(files_root),
            "CORRIDORS_BROTLI": BROTLI_LINES if modules else "# no brotli module: gzip only",
        },
    )
    (workdir / "corridors.conf").write_text(site, encoding="utf-8")
    temp = workdir / "temp"
    loads = "".join(f"load_module {m};\n" for m in modules)
    return f"""# Written by deploy/cluster.py; everything nginx writes stays in {workdir}.
{loads}worker_processes 1;  # one worker is plenty for a handful of users; the cores go to Streamlit
pid {workdir / "nginx.pid"};
error_log {workdir / "error.log"} warn;
events {{ worker_connections 1024; }}
http {{
    client_body_temp_path {temp / "body"};
    proxy_temp_path {temp / "proxy"};
    fastcgi_temp_path {temp / "fastcgi"};
    uwsgi_temp_path {temp / "uwsgi"};
    scgi_temp_path {temp / "scgi"};
    include {workdir / "corridors.conf"};
}}
"""


@dataclass(frozen=True)
class Backend:
    """One Streamlit process of the cluster."""

    index: int
    server: Server

    @property
    def port(self) -> int:
        return int(self.server.url.rsplit(":", 1)[1])

    @property
    def pid(self) -> int:
        return self.server.pid

    @property
    def addr(self) -> str:
        """As nginx writes it in ``$upstream_addr``."""
        return f"127.0.0.1:{self.port}"

    def rss_mb(self) -> float:
        return self.server.rss_mb()

    def cpu_s(self) -> float:
        return self.server.cpu_s()


@dataclass(frozen=True)
class Cluster:
    """The balancer's URL, its backends, nginx's process and files."""

    url: str
    backends: tuple[Backend, ...]
    nginx_pid: int
    workdir: Path

    @property
    def access_log(self) -> Path:
        return self.workdir / "access.log"

    def backend_of(self, upstream_addr: str) -> Backend | None:
        """The backend nginx names in X-Corridors-Backend / ``$upstream_addr``."""
        return next((b for b in self.backends if b.addr == upstream_addr), None)

    def log_entries(self) -> list[dict[str, str]]:
        """The access log so far, one dict per request (route, upstream, status, request)."""
        if not self.access_log.exists():
            return []
        lines = self.access_log.read_text(encoding="utf-8", errors="replace").splitlines()
        return [m.groupdict() for line in lines if (m := LOG_LINE.match(line))]

    def wait_for_log(
        self, done: Callable[[list[dict[str, str]]], bool], timeout: float = 15.0
    ) -> list[dict[str, str]]:
        """The access log once ``done(entries)`` holds, or as it stands at the deadline.

        nginx writes a websocket's line when the socket closes, a moment after the browser
        closed it; the log is another process's file and nothing says when it grows, so it
        is read again every LOG_POLL_S until ``done`` or ``timeout`` seconds.
        """
        deadline = time.monotonic() + timeout
        while True:
            entries = self.log_entries()
            if done(entries) or time.monotonic() > deadline:
                return entries
            time.sleep(LOG_POLL_S)

    def nginx_errors(self) -> list[str]:
        """nginx's error log so far: lines at level error or worse (proxy failures...)."""
        path = self.workdir / "error.log"
        if not path.exists():
            return []
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
        return [line for line in lines if re.search(r"\[(error|crit|alert|emerg)\]", line)]

    def nginx_pids(self) -> list[int]:
        """nginx's master and its workers (to count the balancer's own CPU and memory)."""
        return [self.nginx_pid, *children_of(self.nginx_pid)]


def children_of(pid: int) -> list[int]:
    """Direct children of a process (Linux /proc)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, IndexError, ValueError):
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(stat.parent.name))
    return found


def alive(pid: int) -> bool:
    """Running, and not a zombie waiting to be reaped."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def _traversable_by_all(path: Path) -> bool:
    """Whether every folder from / down to ``path`` lets any user through (o+x)."""
    return all(p.stat().st_mode & 0o001 for p in (path, *path.parents))  # o+x


def _reachable(static: Path, workdir: Path) -> Path:
    """``static``, or a linked copy of it in ``workdir`` where nginx's worker (``nobody``
    when nginx starts as root) could not reach it: a checkout in a private folder (mktemp
    -d makes one) left nginx serving none of Streamlit's files itself, silently, every one
    of them falling back to the processes uncompressed."""
    if _traversable_by_all(static):
        return static
    copy = workdir / "static-root"
    try:
        shutil.copytree(static, copy, copy_function=os.link)  # same disk: no bytes copied
    except OSError:
        shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(static, copy)
    for folder in (copy, *(p for p in copy.rglob("*") if p.is_dir())):
        folder.chmod(0o755)
    return copy


@contextlib.contextmanager
def cluster(
    n: int = 3, port: int = 0, script: str = "app.py", env: dict[str, str] | None = None
) -> Iterator[Cluster]:
    """Run N Streamlit processes and nginx in front of them until the block ends.

    ``port`` 0 picks a free port for the balancer. Raises if nginx is missing, its
    configuration does not pass ``nginx -t``, or anything fails to become healthy.
    """
    if n < 1:
        raise ValueError("a cluster needs at least one process")
    nginx = shutil.which(NGINX) or shutil.which(NGINX, path="/usr/sbin:/sbin")
    if not nginx:
        raise FileNotFoundError("nginx not found: `make system` installs Debian's nginx")
    static = static_root()
    with contextlib.ExitStack() as stack:
        workdir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="corridors-lb-")))
        # nginx started as root runs its worker as "nobody", which must reach the temp files
        # and the published ones.
        workdir.chmod(0o755)
        (workdir / "temp").mkdir(mode=0o755)
        files = workdir / "files"
        published = files / PUBLISHED_PATH
        published.mkdir(mode=0o755, parents=True)
        for folder in published.parents:
            if folder.is_relative_to(files):
                folder.chmod(0o755)
        static = _reachable(static, workdir)
        # One after the other: each takes its free port and binds it before the next looks.
        env = {**STREAMLIT_ENV, FILES_ENV: str(published), **(env or {})}
        servers = [stack.enter_context(streamlit_server(script, env)) for _ in range(n)]
        backends = tuple(Backend(i, s) for i, s in enumerate(servers))
        port = port or free_port()
        conf = workdir / "nginx.conf"
        conf.write_text(
            nginx_conf(
                workdir,
                f"127.0.0.1:{port}",
                [b.addr for b in backends],
                static,
                files,
                brotli_modules(nginx),
            ),
            encoding="utf-8",
        )
        base = [nginx, "-p", str(workdir), "-c", str(conf)]
        check = subprocess.run([*base, "-t", "-q"], capture_output=True, text=True)
        if check.returncode:
            raise RuntimeError(f"nginx -t failed:\n{check.stderr}")
        log = stack.enter_context(open(workdir / "nginx.out", "w+", encoding="utf-8"))
        proc = subprocess.Popen(
            [*base, "-g", "daemon off;"], stdout=log, stderr=subprocess.STDOUT, cwd=workdir
        )

        def stop_nginx() -> None:
            proc.terminate()  # SIGTERM: fast shutdown, open websockets are closed
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()

        stack.callback(stop_nginx)
        url = f"http://127.0.0.1:{port}"
        wait_healthy(url, proc, log, timeout=30)
        yield Cluster(url, backends, proc.pid, workdir)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--processes", "-n", type=int, default=3, help="Streamlit processes")
    parser.add_argument("--port", type=int, default=8501, help="the balancer's port (0: any)")
    args = parser.parse_args()
    # SIGTERM unwinds like Ctrl-C: the context manager stops nginx, then every process.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    signal.signal(signal.SIGINT, signal.default_int_handler)  # even if started with it ignored
    try:
        with cluster(args.processes, args.port) as c:
            for b in c.backends:
                print(f"process {b.index}: {b.server.url} (pid {b.pid})", flush=True)
            print(f"nginx (pid {c.nginx_pid}), config and logs in {c.workdir}", flush=True)
            print(f"Corridors, {args.processes} processes: {c.url}  (Ctrl-C stops)", flush=True)
            while True:
                time.sleep(1)
                dead = [b for b in c.backends if not alive(b.pid)]
                if dead or not alive(c.nginx_pid):
                    what = ", ".join(f"process {b.index}" for b in dead) or "nginx"
                    print(f"{what} exited; stopping the cluster", file=sys.stderr)
                    return 1
    except KeyboardInterrupt:
        return 0
    finally:
        print("stopped", flush=True)


if __name__ == "__main__":
    raise SystemExit(main())
