"""Two Streamlit processes behind nginx (deploy/): each browser stays on one process.

A browser's first response sets a random route cookie; nginx hashes it, so every later
request of that browser (page, component iframes, the websocket, downloads) reaches the
same process, though every browser here comes from 127.0.0.1. nginx names the process
that answered in ``X-Corridors-Backend`` and in its access log (websocket lines included,
written when the socket closes); both are checked.
"""

from __future__ import annotations

import io
import re
import shutil
from collections.abc import Iterator
from functools import partial
from urllib.parse import urlparse

import pytest
from browser import open_app
from PIL import Image

from deploy.cluster import NGINX, Cluster, cluster
from deploy.precompress import MIN_SIZE

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
COOKIE = "corridors_route"
HEADER = "x-corridors-backend"


@pytest.fixture(scope="module")
def two_processes() -> Iterator[Cluster]:
    if not (shutil.which(NGINX) or shutil.which(NGINX, path="/usr/sbin:/sbin")):
        pytest.skip("nginx is not installed: `make system` installs Debian's nginx")
    with cluster(n=2) as c:
        yield c
        for b in c.backends:
            assert "Traceback" not in b.server.log_text(), b.server.log_text()[-3000:]


#: In the page: each icon Streamlit draws with its icon font (text set in Material
#: Symbols), the width its text takes and the font's size, once the fonts have loaded.
#: An icon the font does not have shows its name in letters, several em wide.
ICONS_JS = """async () => {
    await document.fonts.ready;
    return [...document.querySelectorAll('[data-testid="stIconMaterial"]')].map(el => {
        const range = document.createRange();
        range.selectNodeContents(el);
        return [el.textContent, range.getBoundingClientRect().width,
                parseFloat(getComputedStyle(el).fontSize)];
    });
}"""

BALANCER = "balancer"
#: The map's own files, named by their digest (Leaflet, scripts and base map; features).
DIGEST_NAMED = re.compile(r"/(map|features)-[a-z]+-[0-9a-f]{16,}\.(js|json\.gz)$")


def note_backend(seen: set[str], responses: list, response) -> None:
    """Record the process nginx says answered (every response through it names one, but
    Streamlit's front-end files, which nginx sends itself, name the balancer)."""
    if not response.url.startswith(("http:", "https:")):
        return
    responses.append(response)
    said = response.headers.get(HEADER, "none")
    if said != BALANCER:
        seen.add(said)


def route_of(context) -> str:
    return next(c["value"] for c in context.cookies() if c["name"] == COOKIE)


def websockets_closed(routes: set[str], entries: list[dict]) -> bool:
    """Whether the access log holds each route's websocket line (written on close)."""
    closed = {e["route"] for e in entries if e["request"].startswith("GET /_stcore/stream")}
    return routes <= closed


def test_each_browser_stays_on_one_process_and_downloads_through_it(chromium, two_processes):
    c = two_processes
    # New browsers (each its own cookie jar) until both processes have been picked: each
    # gets a fresh random route, so each lands on either process with a chance near 1/2
    # and 40 tries all on one process would be a 1-in-10^11 event.
    contexts: dict[str, object] = {}
    for _ in range(40):
        context = chromium.new_context(viewport={"width": 1400, "height": 1000})
        response = context.request.get(f"{c.url}/")
        assert response.ok
        addr = response.headers[HEADER]
        assert c.backend_of(addr), f"{addr} is not one of the cluster's processes"
        if addr in contexts:
            context.close()
            continue
        contexts[addr] = context
        if len(contexts) == len(c.backends):
            break
    assert len(contexts) == 2, f"40 browsers all landed on {set(contexts)}"

    try:
        answered: dict[str, set[str]] = {}
        responses: list = []
        media: dict[str, str] = {}
        # Two different views: a download's file id is a hash of its bytes, so the same
        # view exported on both processes would be found on both.
        for (addr, context), country in zip(contexts.items(), ("KGZ", "TJK"), strict=True):
            seen = answered.setdefault(addr, set())
            context.on("response", partial(note_backend, seen, responses))
            page = context.new_page()
            errors: list[str] = []
            page.on("pageerror", lambda e, errors=errors: errors.append(str(e)))
            open_app(page, f"{c.url}/?countries={country}&year=2023")
            # The icon font nginx sends is cut down (deploy/icons.py): the sidebar's and
            # the playback buttons' icons are still drawn as icons, about 1 em wide.
            # Behind nginx the page asks early for the map's three files (ui/js/preload.js).
            preloads = page.evaluate(
                "() => [...document.querySelectorAll('link[rel=preload]')].map(l => l.href)"
                ".filter(u => u.includes('/component/'))"  # (Streamlit preloads a font)
            )
            assert len(preloads) == 3 and any(DIGEST_NAMED.search(u) for u in preloads)
            drawn = page.evaluate(ICONS_JS)
            shown = {name for name, width, _ in drawn if width}
            assert {"play_arrow", "skip_previous", "skip_next"} <= shown, drawn
            assert all(width <= 1.5 * size for _, width, size in drawn), drawn
            with page.expect_download(timeout=60_000) as info:
                page.get_by_role("button", name="PNG", exact=True).click()
            download = info.value
            assert download.suggested_filename.endswith(".png")
            assert download.url.startswith(f"{c.url}/media/"), download.url
            data = open(download.path(), "rb").read()  # noqa: SIM115 (read at once)
            assert data.startswith(PNG_MAGIC)
            with Image.open(io.BytesIO(data)) as image:
                image.verify()
                assert image.size == (1600, 1000)
            assert errors == []
            media[addr] = download.url

        # An export asked for through the other process is not there: it lives in the
        # memory of the process holding the session, which is what the stickiness is for.
        (a, ctx_a), (b, ctx_b) = contexts.items()
        for asker, other in ((ctx_a, b), (ctx_b, a)):
            wrong = asker.request.get(media[other])
            assert wrong.status == 404, (media[other], wrong.status)

        routes = {addr: route_of(context) for addr, context in contexts.items()}
        assert len(set(routes.values())) == 2
        # Every HTTP response seen by each browser came from its own process.
        for addr, seen in answered.items():
            assert seen == {addr}, f"a browser pinned to {addr} was also answered by {seen}"
        # Streamlit's own files came from nginx, compressed (brotli where nginx has the
        # module, else gzip: precompressed copies) and kept by the browser for a year;
        # so did the map's frame and its digest-named files, from the folder the
        # processes publish them into, not through a process.
        static = [r for r in responses if r.headers.get(HEADER) == BALANCER]
        assert all(urlparse(r.url).path.startswith(("/static/", "/component/")) for r in static)
        # (A file under 1 KB is sent as it is: compressing it saves less than its headers.)
        scripts = [r for r in static if r.url.endswith(".js") and len(r.body()) >= MIN_SIZE]
        named = [r for r in responses if DIGEST_NAMED.search(r.url)]
        assert len(scripts) > 20 and len(named) >= 2
        frame = [r for r in responses if "/component/streamlit_folium.st_folium/" in r.url]
        assert frame and named
        assert all(r.headers.get(HEADER) == BALANCER for r in frame + named), [
            (r.url, r.headers.get(HEADER)) for r in frame + named
        ]
        for response in scripts + named:
            headers = response.headers
            # The library is gzip itself (application/gzip, unpacked by the map's script).
            if not response.url.endswith(".gz"):
                assert headers.get("content-encoding") in ("br", "gzip"), response.url
            assert "immutable" in headers["cache-control"], response.url
        page_html = next(r for r in responses if urlparse(r.url).path == "/")
        assert page_html.headers.get("cache-control") == "no-cache"
    finally:
        for context in contexts.values():
            context.close()  # closes the websockets, so nginx logs them

    entries = c.wait_for_log(partial(websockets_closed, set(routes.values())))
    for addr, route in routes.items():
        mine = [e for e in entries if e["route"] == route]
        upstreams = {e["upstream"] for e in mine} - {"-"}  # "-": nginx answered itself
        assert upstreams == {addr}, f"route {route} went to {upstreams}, not only {addr}"
        requests = [(e["request"].split()[1], e["status"]) for e in mine]
        assert ("/_stcore/stream", "101") in requests, requests
        assert any(p.startswith("/media/") and s == "200" for p, s in requests), requests
        assert any(p.startswith("/component/") for p, _ in requests), requests
        # Preloaded by the page, then read by the map's frame from the browser's cache:
        # each of the map's own files asked of the server once.
        named = [p for p, _ in requests if DIGEST_NAMED.search(p)]
        assert named and len(named) == len(set(named)), named


#: The page's preload links for the app's component files, as the page's head holds them.
COMPONENT_PRELOADS_JS = """() => [...document.querySelectorAll('link[rel=preload]')]
    .map(l => [new URL(l.href).pathname, l.as]).filter(([p]) => p.startsWith('/component/'))"""


def test_a_first_visit_asks_for_the_map_files_before_streamlit_runs(chromium, two_processes):
    """nginx puts first-visit.js in the page's head; written by the app when a session
    opens on the default view, it names the files such a visit loads, so the browser asks
    for them at once, not after Streamlit's front end has loaded and run the script (six
    seconds in on a phone network). Checked with Streamlit kept from ever connecting: the
    links can only have come from the page's head."""
    c = two_processes
    context = chromium.new_context(viewport={"width": 1400, "height": 1000})
    try:
        page = context.new_page()
        open_app(page, f"{c.url}/")  # a default view: its session writes the file
        loaded = page.evaluate(COMPONENT_PRELOADS_JS)
        page.close()
    finally:
        context.close()
    assert len(loaded) == 3 and any(DIGEST_NAMED.search(p) for p, _ in loaded), loaded

    for query, expected in (("", loaded), ("?lang=en", loaded), ("?countries=KAZ", None)):
        context = chromium.new_context(viewport={"width": 1400, "height": 1000})
        try:
            context.route("**/_stcore/stream", lambda route: route.abort())
            page = context.new_page()
            head = page.goto(f"{c.url}/{query}").text()
            assert 'src="./component/corridors.ui.published.published/first-visit.js"' in head
            page.wait_for_load_state("load")
            page.wait_for_function(
                "() => [...document.querySelectorAll('link[rel=preload]')]"
                ".some(l => l.href.includes('/component/'))",
                timeout=30_000,
            )
            early = page.evaluate(COMPONENT_PRELOADS_JS)
            if expected is None:  # another opening view: another map file, not guessed
                assert len(early) == 2, early
                assert {p for p, _ in early} < {p for p, _ in loaded}
                assert not any(p.split("/")[-1].startswith("map-") for p, _ in early)
            else:
                assert sorted(early) == sorted(expected)
        finally:
            context.close()
