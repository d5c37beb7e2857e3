"""Accessibility in a real browser (WCAG 2.1 AA, issue 24).

An axe-core audit (pinned in package.json, injected from node_modules) of the page and the
map's frame, in English, Chinese and Russian at desktop and phone sizes, with the legend
and popups open and every tab shown, and of a standalone HTML export: nothing serious or
critical in our parts, the map zoomable, and Streamlit's own findings only those the README
lists (``a11y.STREAMLIT_PARTS``).
"""

from __future__ import annotations

import pytest
from a11y import SIZES, STREAMLIT_PARTS, audit, audit_states, describe
from browser import DRAWN_JS, MAP_FRAME, MAP_IDLE_JS, click_feature, open_app, popup_of
from playwright.sync_api import expect

from corridors.cli import main
from corridors.i18n import translator

#: Rules that fail the audit whatever impact axe gives them: a map page that forbids
#: zooming is the issue's own complaint (axe rates ``maximum-scale=1.0`` "moderate").
ALWAYS = frozenset({"meta-viewport"})
CASES = [(lang, size) for lang in ("en", "zh", "ru") for size in SIZES]


def failing(findings):
    """Ours and serious, critical or in ``ALWAYS``."""
    return [f for f in findings if f.owner == "ours" and (f.blocking or f.rule in ALWAYS)]


@pytest.mark.parametrize(("lang", "size"), CASES)
def test_axe_finds_nothing_serious_in_our_parts(chromium, app_url: str, lang: str, size: str):
    width, height = SIZES[size]
    context = chromium.new_context(viewport={"width": width, "height": height})
    try:
        found = audit_states(context.new_page(), f"{app_url}/?lang={lang}")
    finally:
        context.close()
    assert not failing(found), describe(failing(found))
    listed = {(rule, css) for rule, css, _ in STREAMLIT_PARTS}
    theirs = [f for f in found if f.owner == "streamlit"]
    assert all(any(f.rule == rule for rule, _ in listed) for f in theirs), describe(theirs)


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_standalone_html_export_passes_the_audit(tmp_path, chromium, lang: str):
    out = tmp_path / "view.html"
    assert main(["export", "--lang", lang, "--out", str(out)]) == 0
    context = chromium.new_context(viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        page.goto(out.as_uri())
        page.wait_for_function(f"Object.keys(({DRAWN_JS})()).length > 0")
        page.wait_for_function(MAP_IDLE_JS)
        found = audit(page, out.name)
    finally:
        context.close()
    assert not failing(found), describe(failing(found))


def test_the_map_names_its_controls_in_the_readers_language(page, app_url: str):
    """Leaflet names its buttons in English; on a Russian page they are named in Russian,
    the map is a named region, and a popup's scrolling content is one a keyboard reaches."""
    tr = translator("ru")
    frame = open_app(page, f"{app_url}/?lang=ru")
    expect(page.locator(MAP_FRAME)).to_have_attribute("aria-label", tr("Map of the corridors"))
    expect(frame.locator(".leaflet-container")).to_have_attribute(
        "aria-label", tr("Map of the corridors")
    )
    expect(frame.locator(".leaflet-control-zoom-in")).to_have_attribute("aria-label", tr("Zoom in"))
    expect(frame.locator(".leaflet-control-zoom-out")).to_have_attribute(
        "aria-label", tr("Zoom out")
    )
    click_feature(page, frame, "cacgp-line-c")
    expect(popup_of(frame, "cacgp-line-c")).to_be_visible()
    expect(frame.locator(".leaflet-popup-close-button")).to_have_attribute(
        "aria-label", tr("Close")
    )
    content = frame.locator(".leaflet-popup-content")
    expect(content).to_have_attribute("tabindex", "0")
    here = tr.ngettext("{n} feature here", "{n} features here", 3).format(n=3)
    expect(content).to_have_attribute("aria-label", here)
