"""Screenshot of the running dashboard in headless Chromium, for the README.

Usage: ``python scripts/screenshot.py [--out docs/screenshot.png] [--query "year=2023"]``
"""

from __future__ import annotations

import argparse
from pathlib import Path

from browser import MAP_IDLE_JS, ROOT, launch, streamlit_server, wait_for_idle, wait_for_map
from playwright.sync_api import sync_playwright


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshot.png")
    parser.add_argument("--query", default="", help="URL query, e.g. 'year=2023'")
    parser.add_argument("--width", type=int, default=1400)
    parser.add_argument("--height", type=int, default=1100)
    parser.add_argument("--full-page", action="store_true")
    args = parser.parse_args()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with streamlit_server() as server, sync_playwright() as pw:
        browser = launch(pw)
        page = browser.new_page(viewport={"width": args.width, "height": args.height})
        page.goto(f"{server.url}/?{args.query}")
        wait_for_idle(page)
        wait_for_map(page).wait_for_function(MAP_IDLE_JS)  # the initial fit has finished
        page.wait_for_load_state("networkidle")
        page.screenshot(path=str(args.out), full_page=args.full_page)
        browser.close()
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
