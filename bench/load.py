"""Load: N headless Chromium sessions at once against one dashboard server.

Each session opens the page, then for a fixed number of rounds moves the year slider one
step back or forth (a filter change, timed from the key press to the map holding the new layers) and
exports a PNG (timed from the click to the finished download). Between rounds the
server's resident memory is read. Prints errors, latency percentiles and memory per round.

With ``--cluster N`` the same sessions go through nginx in front of N Streamlit processes
(deploy/cluster.py): memory is read per process, and the run also reports which process
each session landed on, whether any session was answered by more than one process (from
the X-Corridors-Backend header and nginx's access log, websocket and downloads included),
and the downloads each process served.

CPU: the clients (Chromium) run on the same cores as the servers. The run reads, from
/proc, the CPU time of the server processes (and nginx), of the clients (every process
this script started other than the servers), and of the whole machine, over the run.

Only loopback traffic; bounded by --sessions, --rounds and --timeout.

Usage: python bench/load.py [--sessions 10] [--rounds 5] [--cluster 3]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "scripts"), str(ROOT / "src")]

from browser import (  # noqa: E402
    APP_IDLE,
    CHROMIUM,
    CHROMIUM_ARGS,
    LAYERS_JS,
    MAP_FRAME,
    streamlit_server,
)
from playwright.async_api import async_playwright  # noqa: E402

from deploy.cluster import children_of, cluster  # noqa: E402

BACKEND_HEADER = "x-corridors-backend"


async def open_session(browser, url: str):
    context = await browser.new_context(viewport={"width": 1300, "height": 900})
    page = await context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    # Behind the balancer: every process that answered this session (page, iframes, files).
    answered: set[str] = set()
    context.on(
        "response",
        lambda r: BACKEND_HEADER in r.headers and answered.add(r.headers[BACKEND_HEADER]),
    )
    response = await page.goto(url, timeout=120_000)  # 20 pages loading at once on 2 cores
    backend = response.headers.get(BACKEND_HEADER) if response else None
    await page.wait_for_selector(APP_IDLE, timeout=120_000)
    frame = await (await page.wait_for_selector(MAP_FRAME, timeout=120_000)).content_frame()
    await frame.wait_for_function(f"({LAYERS_JS})()", timeout=120_000)
    await page.get_by_text("the map extent on screen").wait_for(timeout=120_000)
    await page.wait_for_selector(APP_IDLE)
    return context, page, frame, errors, (backend, answered)


async def filter_change(page, frame, key: str) -> float:
    before = await frame.evaluate(LAYERS_JS)
    slider = page.get_by_role("slider", name="Year")
    await slider.focus()
    start = time.perf_counter()
    await slider.press(key)
    await frame.wait_for_function(f"(b) => ({LAYERS_JS})() !== b", arg=before, timeout=60_000)
    elapsed = time.perf_counter() - start
    await page.wait_for_selector(APP_IDLE)
    return elapsed


async def export_png(page, url: str) -> float:
    start = time.perf_counter()
    async with page.expect_download(timeout=120_000) as info:
        await page.get_by_role("button", name="PNG", exact=True).click()
    download = await info.value
    if not download.url.startswith(f"{url}/media/"):  # served by the server (or balancer) itself
        raise RuntimeError(f"PNG downloaded from {download.url}, not {url}/media/")
    path = await download.path()
    if path is None or Path(path).stat().st_size < 10_000:
        raise RuntimeError("PNG download missing or too small")
    return time.perf_counter() - start


async def session(browser, url: str, rounds: int, barrier, results: dict) -> None:
    try:
        context, page, frame, errors, (backend, answered) = await open_session(browser, url)
    except Exception as exc:  # a session that cannot even open is an error, counted
        results["errors"].append(f"open: {exc!r}")
        for _ in range(rounds):
            await barrier.wait()
        return
    for round_ in range(rounds):
        # Back and forth between two years: from round 3 on every view is cached, so the
        # memory readings show growth per round, not the caches filling.
        key = "ArrowLeft" if round_ % 2 == 0 else "ArrowRight"
        try:
            results["filter"].append(await filter_change(page, frame, key))
            results["export"].append(await export_png(page, url))
            if await page.locator("[data-testid='stException']").count():
                results["errors"].append("exception shown on page")
        except Exception as exc:
            results["errors"].append(repr(exc)[:300])
        await barrier.wait()
    results["errors"].extend(f"page error: {e}" for e in errors)
    results["landed"].append(backend)
    if len(answered) > 1:
        results["errors"].append(f"one session answered by several processes: {answered}")
    await context.close()


class Barrier:
    """Every session finishes round k before memory is read and round k+1 starts."""

    def __init__(self, parties: int, on_full):
        self.parties, self.count, self.on_full = parties, 0, on_full
        self.event = asyncio.Event()

    async def wait(self) -> None:
        self.count += 1
        event = self.event
        if self.count == self.parties:
            self.on_full()
            self.count, self.event = 0, asyncio.Event()
            event.set()
        else:
            await event.wait()


def percentiles(values: list[float]) -> dict[str, float]:
    if not values:
        return {}
    q = statistics.quantiles(values, n=20, method="inclusive") if len(values) > 1 else values * 19
    return {"p50": statistics.median(values), "p90": q[17], "p95": q[18], "max": max(values)}


def busy_machine_s() -> float:
    """CPU seconds the whole machine has been busy (all cores; /proc/stat, not idle/iowait)."""
    fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    return (sum(fields[:8]) - fields[3] - fields[4]) / os.sysconf("SC_CLK_TCK")


def proc_cpu_s(pid: int, children: bool = False) -> float:
    """CPU seconds of a process (user + system), with its reaped children's if asked."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    counters = fields[11:15] if children else fields[11:13]  # utime stime [cutime cstime]
    return sum(int(v) for v in counters) / os.sysconf("SC_CLK_TCK")


def descendants(pid: int, skip: set[int]) -> set[int]:
    """Every live process below ``pid`` (Linux /proc), not entering the ``skip`` subtrees."""
    found, todo = set(), [pid]
    while todo:
        for child in children_of(todo.pop()):
            if child not in skip and child not in found:
                found.add(child)
                todo.append(child)
    return found


@contextlib.contextmanager
def servers(processes: int):
    """(url, processes to measure, the cluster or None): one server, or N behind nginx."""
    if processes:
        with cluster(processes) as c:
            yield c.url, list(c.backends), c
    else:
        with streamlit_server() as server:
            yield server.url, [server], None


def balance(c, landed: list[str | None]) -> dict:
    """Where the sessions went, from the browser's header and nginx's access log."""
    entries = c.log_entries()
    name = {b.addr: f"process {b.index} (:{b.port})" for b in c.backends}
    per_route: dict[str, set[str]] = {}
    for e in entries:
        if e["upstream"] not in ("", "-"):
            per_route.setdefault(e["route"], set()).add(e["upstream"])
    downloads = [e for e in entries if e["request"].split()[1].startswith("/media/")]
    websockets = [e for e in entries if e["request"].startswith("GET /_stcore/stream")]
    return {
        "sessions_per_process": {
            name.get(a, str(a)): landed.count(a) for a in sorted(set(landed), key=str)
        },
        # A route is one browser's cookie (plus the lone requests of the health checks).
        "routes_answered_by_more_than_one_process": sum(len(u) > 1 for u in per_route.values()),
        # GET /media/<file> answered 200: nginx logs two such requests per download (the
        # page asks for the file twice), so this is twice the downloads.
        "media_200_per_process": {
            name.get(a, a): sum(e["upstream"] == a and e["status"] == "200" for e in downloads)
            for a in name
        },
        "media_not_200": sum(e["status"] != "200" for e in downloads),
        "websockets_logged": len(websockets),
        # Failed proxying (a process refusing or dropping a connection): each is a request
        # nginx may have retried on another process.
        "nginx_errors": len(c.nginx_errors()),
    }


async def run(sessions: int, rounds: int, processes: int = 0) -> dict:
    results: dict = {
        "filter": [], "export": [], "errors": [], "rss_mb": [], "cpu": [], "landed": [],
    }  # fmt: skip
    with servers(processes) as (url, procs, c):
        results["rss_mb"].append([p.rss_mb() for p in procs])
        server_pids = {p.pid for p in procs} | set(c.nginx_pids() if c else ())

        def server_cpu() -> float:
            return sum(proc_cpu_s(pid) for pid in server_pids)

        cpu0, busy0, wall0 = server_cpu(), busy_machine_s(), time.perf_counter()
        async with async_playwright() as pw:
            browser = await pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            barrier = Barrier(
                sessions, lambda: results["rss_mb"].append([p.rss_mb() for p in procs])
            )
            await asyncio.gather(
                *(session(browser, url, rounds, barrier, results) for _ in range(sessions))
            )
            # The clients: the Playwright driver, Chromium and its renderers (the closed
            # pages' time is in their parents' "children" counters), read before they exit.
            clients = descendants(os.getpid(), skip=server_pids)
            client_cpu = sum(proc_cpu_s(pid, children=True) for pid in clients)
            await browser.close()
        results["cpu"] = {
            "wall_s": time.perf_counter() - wall0,
            "machine_busy_s": busy_machine_s() - busy0,
            "server_s": server_cpu() - cpu0,
            "per_process_s": [p.cpu_s() for p in procs],
            "clients_s": client_cpu,
        }
        if c:
            results["nginx_rss_mb"] = sum(
                float(line.split()[1]) / 1024
                for pid in c.nginx_pids()
                for line in Path(f"/proc/{pid}/status").read_text().splitlines()
                if line.startswith("VmRSS:")
            )
            # nginx writes a websocket's line when it closes: wait for every session's.
            sessions_done = len(results["landed"])
            c.wait_for_log(
                lambda entries: (
                    sum(e["request"].startswith("GET /_stcore/stream") for e in entries)
                    >= sessions_done
                ),
                timeout=10,
            )
            results["balance"] = balance(c, results["landed"])
            results["nginx_errors"] = c.nginx_errors()
            results["processes"] = [f"process {b.index} (:{b.port})" for b in c.backends]
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument(
        "--cluster",
        type=int,
        default=0,
        metavar="N",
        help="go through nginx in front of N Streamlit processes (default: one server, direct)",
    )
    parser.add_argument("--json", type=Path, help="also write the numbers here")
    args = parser.parse_args()
    start = time.perf_counter()
    results = asyncio.run(run(args.sessions, args.rounds, args.cluster))
    cpu = results["cpu"]
    cores = os.cpu_count() or 1
    capacity = cores * cpu["wall_s"]
    summary = {
        "sessions": args.sessions,
        "rounds": args.rounds,
        "errors": len(results["errors"]),
        "filter_change_s": percentiles(results["filter"]),
        "export_png_s": percentiles(results["export"]),
    }
    if args.cluster:
        summary["processes"] = args.cluster
        summary["process_rss_mb_start_then_per_round"] = {
            name: [round(r[i], 1) for r in results["rss_mb"]]
            for i, name in enumerate(results["processes"])
        }
        summary["nginx_rss_mb"] = round(results["nginx_rss_mb"], 1)
        summary["balancer"] = results["balance"]
    else:
        summary["server_rss_mb_start_then_per_round"] = [round(r[0], 1) for r in results["rss_mb"]]
    summary |= {
        # Server CPU over the run against the wall time: the rest of the two cores went to
        # the N Chromium pages, which share this machine with the server.
        "server_cpu_s": round(cpu["server_s"], 1),
        "server_cpu_share_of_2_cores": round(cpu["server_s"] / (2 * cpu["wall_s"]), 2),
        # Shares of everything the machine's cores could have done over the run: servers
        # (Streamlit, and nginx in a cluster), clients (Playwright + Chromium, read from
        # /proc), and the rest (this script, the kernel, anything else running).
        "cpu_share_of_machine": {
            "cores": cores,
            "busy": round(cpu["machine_busy_s"] / capacity, 2),
            "servers": round(cpu["server_s"] / capacity, 2),
            "clients": round(cpu["clients_s"] / capacity, 2),
            "other": round(
                (cpu["machine_busy_s"] - cpu["server_s"] - cpu["clients_s"]) / capacity, 2
            ),
        },
        "wall_s": time.perf_counter() - start,
    }
    if args.cluster:
        summary["cpu_s_per_process"] = [round(v, 1) for v in cpu["per_process_s"]]
    print(json.dumps(summary, indent=2))
    for error in results["errors"][:20]:
        print("error:", error)
    for line in results.get("nginx_errors", [])[:10]:
        print("nginx:", line)
    if args.json:
        args.json.write_text(json.dumps(summary, indent=2))
    failed = results["errors"] or (
        args.cluster
        and (
            results["balance"]["routes_answered_by_more_than_one_process"]
            or results["balance"]["media_not_200"]
        )
    )
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
