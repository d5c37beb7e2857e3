"""Load: N headless Chromium sessions at once against one dashboard server.

Each session opens the page, then for a fixed number of rounds moves the year slider one
step back or forth (a filter change, timed from the key press to the map holding the new layers) and
exports a PNG (timed from the click to the finished download). Between rounds the
server's resident memory is read. Prints errors, latency percentiles and memory per round.

Only loopback traffic; bounded by --sessions, --rounds and --timeout.

Usage: python bench/load.py [--sessions 10] [--rounds 5]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "scripts"), str(ROOT / "src")]

from browser import (  # noqa: E402
    APP_IDLE,
    CHROMIUM,
    CHROMIUM_ARGS,
    LAYERS_JS,
    MAP_FRAME,
    streamlit_server,
)
from playwright.async_api import async_playwright  # noqa: E402


async def open_session(browser, url: str):
    context = await browser.new_context(viewport={"width": 1300, "height": 900})
    page = await context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    await page.goto(url)
    await page.wait_for_selector(APP_IDLE, timeout=120_000)
    frame = await (await page.wait_for_selector(MAP_FRAME, timeout=120_000)).content_frame()
    await frame.wait_for_function(f"({LAYERS_JS})()", timeout=120_000)
    await page.get_by_text("the map extent on screen").wait_for(timeout=120_000)
    await page.wait_for_selector(APP_IDLE)
    return context, page, frame, errors


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


async def export_png(page) -> float:
    start = time.perf_counter()
    async with page.expect_download(timeout=120_000) as info:
        await page.get_by_role("button", name="PNG", exact=True).click()
    download = await info.value
    path = await download.path()
    if path is None or Path(path).stat().st_size < 10_000:
        raise RuntimeError("PNG download missing or too small")
    return time.perf_counter() - start


async def session(browser, url: str, rounds: int, barrier, results: dict) -> None:
    try:
        context, page, frame, errors = await open_session(browser, url)
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
            results["export"].append(await export_png(page))
            if await page.locator("[data-testid='stException']").count():
                results["errors"].append("exception shown on page")
        except Exception as exc:
            results["errors"].append(repr(exc)[:300])
        await barrier.wait()
    results["errors"].extend(f"page error: {e}" for e in errors)
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


async def run(sessions: int, rounds: int) -> dict:
    results: dict = {"filter": [], "export": [], "errors": [], "rss_mb": [], "cpu": []}
    with streamlit_server() as server:
        results["rss_mb"].append(server.rss_mb())
        cpu0, wall0 = server.cpu_s(), time.perf_counter()
        async with async_playwright() as pw:
            browser = await pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            barrier = Barrier(sessions, lambda: results["rss_mb"].append(server.rss_mb()))
            await asyncio.gather(
                *(session(browser, server.url, rounds, barrier, results) for _ in range(sessions))
            )
            await browser.close()
        results["cpu"] = [server.cpu_s() - cpu0, time.perf_counter() - wall0]
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--json", type=Path, help="also write the numbers here")
    args = parser.parse_args()
    start = time.perf_counter()
    results = asyncio.run(run(args.sessions, args.rounds))
    summary = {
        "sessions": args.sessions,
        "rounds": args.rounds,
        "errors": len(results["errors"]),
        "filter_change_s": percentiles(results["filter"]),
        "export_png_s": percentiles(results["export"]),
        "server_rss_mb_start_then_per_round": [round(v, 1) for v in results["rss_mb"]],
        # Server CPU over the run against the wall time: the rest of the two cores went to
        # the N Chromium pages, which share this machine with the server.
        "server_cpu_s": round(results["cpu"][0], 1),
        "server_cpu_share_of_2_cores": round(results["cpu"][0] / (2 * results["cpu"][1]), 2),
        "wall_s": time.perf_counter() - start,
    }
    print(json.dumps(summary, indent=2))
    for error in results["errors"][:20]:
        print("error:", error)
    if args.json:
        args.json.write_text(json.dumps(summary, indent=2))
    return 1 if results["errors"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
