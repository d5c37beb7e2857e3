"""The dashboard in Chinese and Russian, in a real browser: the title, the legend and a popup
are in that script, and no English interface word is left on the page."""

from __future__ import annotations

import re

import pytest
from browser import click_feature, map_frame, open_app, pill, popup_of, wait_for_idle
from playwright.sync_api import Page, expect

from corridors.config import COUNTRIES
from corridors.i18n import translator
from corridors.render.popups import popup_words

SCRIPT = {"zh": re.compile(r"[\u4e00-\u9fff]"), "ru": re.compile(r"[\u0400-\u04ff]")}
#: Visible text that is ours: data written in English (marked ``lang="en"``), links (source
#: hosts), icons (Material ligatures such as "play_arrow") and code are left out.
OUR_TEXT_JS = """() => {
  const out = [];
  const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let node;
  while ((node = walk.nextNode())) {
    const el = node.parentElement;
    if (!el || !node.textContent.trim()) continue;
    if (el.closest('[lang="en"], a, script, style, [data-testid="stIconMaterial"]')) continue;
    if (!el.checkVisibility({visibilityProperty: true, opacityProperty: true})) continue;
    out.push(node.textContent.trim());
  }
  return out;
}"""
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]")
#: Latin-script words a Chinese or Russian reader legitimately sees: the product's name,
#: file formats, units, the language switch's "English", proper names of sources and tools.
ALLOWED = {
    "Corridors", "English", "US", "EN", "dpi",
    "PNG", "SVG", "PDF", "HTML", "CSV", "GIF", "GeoJSON",
    "OpenStreetMap", "Leaflet", "Natural", "Earth", "GACC", "geodata", "README", "md",
    "IMF", "DOTS", "CIF", "FOB",  # the database and the valuations, as statisticians write them
    "Letter", *COUNTRIES,  # ISO codes beside country names: CHN, KAZ…
}  # fmt: skip


def english_words(texts: list[str]) -> set[str]:
    return {w for t in texts for w in LATIN_WORD.findall(t)} - ALLOWED


@pytest.mark.parametrize("lang", ["zh", "ru"])
def test_the_page_reads_in_the_asked_language(page: Page, app_url: str, lang: str):
    tr, script = translator(lang), SCRIPT[lang]
    frame = open_app(page, f"{app_url}/?lang={lang}")
    # The year caption's names are slanted from the upright face the page has, in every
    # script: no italic font file is fetched for them (a Chinese name once made the
    # browser fetch Source Sans's italic face, 138 KB, to look for its glyphs there).
    fonts = page.evaluate(
        "async () => { await document.fonts.ready; return [...document.fonts]"
        ".filter(f => f.status !== 'unloaded').map(f => [f.family, f.style]); }"
    )
    assert ["Source Sans", "normal"] in fonts and ["Source Sans", "italic"] not in fonts, fonts
    title = page.locator("h1").first.inner_text()
    assert script.search(title), title
    expect(page.locator("html")).to_have_attribute("lang", lang)
    legend = frame.locator(".corridors-legend").inner_text()
    assert tr("Legend") in legend and tr("Operating") in legend, legend
    assert frame.locator(".leaflet-control-scale").inner_text().endswith(tr("km"))
    left = english_words(page.evaluate(OUR_TEXT_JS) + frame.evaluate(OUR_TEXT_JS))
    assert not left, f"English interface words on the {lang} page: {sorted(left)}"

    click_feature(page, frame, "cacgp-line-c")  # lines A, B and C share this spot
    popup = frame.locator(".leaflet-popup")
    expect(popup_of(frame, "cacgp-line-c")).to_be_visible()
    header = popup.locator(".corridors-here").inner_text()
    here = tr.ngettext("{n} feature here", "{n} features here", 3).format(n=3)
    assert header == here, header
    text = popup_of(frame, "cacgp-line-c").inner_text()
    operating = popup_words(tr)["said"]["operating"]  # as the popup's sentence says it
    assert operating in text and script.search(text.splitlines()[0]), text
    assert not english_words(frame.evaluate(OUR_TEXT_JS)), "English left in the popup"


def test_switching_language_keeps_the_view_and_goes_in_the_url(page: Page, app_url: str):
    open_app(page, f"{app_url}/?lang=en&countries=KAZ")
    page.wait_for_url(re.compile(r"bbox=[2-9]"))  # the map has reported its fitted extent
    page.locator("[data-testid='stSidebar']").get_by_text("Русский", exact=True).click()
    page.wait_for_url(re.compile(r"lang=ru"))
    title = translator("ru")("Corridors: China and Central Asia")
    expect(page.locator("h1").first).to_have_text(title)
    assert "countries=KAZ" in page.url  # the filters are kept
    wait_for_idle(page)
    frame = map_frame(page)
    expect(frame.locator(".corridors-legend summary")).to_have_text("Легенда")
    # The chosen values are relabelled, not left in English.
    expect(pill(page, "Казахстан (KAZ)")).to_have_attribute("aria-pressed", "true")
    assert "bbox=-180" not in page.url  # the new map opened where the old one was
