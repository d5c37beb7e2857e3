"""An axe-core audit (WCAG 2.0/2.1, A and AA) of the dashboard page and the map's frame.

axe-core is pinned in ``package.json`` and injected from ``node_modules`` into whatever it
audits (the page, the map's frame, a standalone HTML export): no CDN, no wrapper. Each
violation is reported per node, with who owns it: ``streamlit`` when the node is in
Streamlit's own chrome or widget internals (listed in ``STREAMLIT_PARTS``, each with its
upstream issue in the README), ``ours`` otherwise (our theme, CSS, HTML and the map).

Usage (the numbers by rule the README and issue 24 quote):
``python scripts/a11y.py [--langs en,zh,ru] [--sizes 1440x900,390x844] [--json out.json]``
"""

from __future__ import annotations

import argparse
import collections
import json
import re
from dataclasses import asdict, dataclass
from pathlib import Path

from browser import (
    ROOT,
    click_feature,
    launch,
    map_frame,
    open_app,
    popup_of,
    streamlit_server,
    wait_for_idle,
)
from playwright.sync_api import Frame, Page, sync_playwright

AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
#: WCAG 2.0 and 2.1, levels A and AA (axe's tags); nothing from "best-practice".
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
#: The impacts that fail the audit.
BLOCKING = frozenset({"serious", "critical"})
SIZES = {"desktop": (1440, 900), "phone": (390, 844)}

#: Streamlit's own parts of the page: (axe rule, CSS selector of the Streamlit element the
#: node sits in, upstream issue). A violation there cannot be fixed from the app; each is
#: listed in the README with its issue, and the audit asserts there are no others.
STREAMLIT_PARTS: tuple[tuple[str, str, str], ...] = ()


@dataclass(frozen=True)
class Finding:
    """One node that breaks one rule."""

    rule: str
    impact: str
    where: str  # "page" or "map" (the map's frame) or a file name
    target: str  # axe's CSS selector of the node
    html: str  # the node's opening markup, as axe quotes it
    owner: str  # "ours" or "streamlit"
    summary: str  # axe's words on what is wrong with this node

    @property
    def blocking(self) -> bool:
        return self.impact in BLOCKING


RUN_JS = """async ([tags, parts]) => {
    const result = await window.axe.run(document, {
        runOnly: {type: 'tag', values: tags},
        resultTypes: ['violations'],
        iframes: false,
    });
    const out = [];
    for (const v of result.violations) {
        for (const node of v.nodes) {
            const sel = node.target[node.target.length - 1];
            let el = null;
            try { el = document.querySelector(sel); } catch (e) { el = null; }
            const part = parts.find(([rule, css]) => rule === v.id && el && el.closest(css));
            out.push({
                rule: v.id, impact: node.impact || v.impact || 'minor', target: String(sel),
                html: node.html.slice(0, 200), owner: part ? 'streamlit' : 'ours',
                summary: (node.failureSummary || '').replace(/\\s+/g, ' ').slice(0, 300),
            });
        }
    }
    return out;
}"""


def audit(target: Page | Frame, where: str) -> list[Finding]:
    """Run axe-core in ``target`` (injected once); every violating node, with its owner."""
    if not target.evaluate("() => !!window.axe"):
        target.add_script_tag(path=str(AXE_JS))
    parts = [[rule, css] for rule, css, _ in STREAMLIT_PARTS]
    rows = target.evaluate(RUN_JS, [TAGS, parts])
    return [Finding(where=where, **row) for row in rows]


def by_rule(findings: list[Finding]) -> dict[tuple[str, str, str, str], int]:
    """(owner, where, rule, impact) -> number of nodes."""
    return dict(collections.Counter((f.owner, f.where, f.rule, f.impact) for f in findings))


def describe(findings: list[Finding]) -> str:
    """One line per node: what to fix, where (the selector without Streamlit's generated
    class names, which say nothing to a reader)."""
    return "\n".join(
        f"{f.owner} {f.where} {f.rule} ({f.impact}) …{_short(f.target)}: {f.html[:100]} — "
        f"{f.summary}"
        for f in findings
    )


def _short(selector: str) -> str:
    return re.sub(r"\.st-emotion-cache-\w+|\.e[0-9a-z]{6,}\d", "", selector)[-90:]


#: JS: open the legend (folded on a phone) so its contents are audited too.
OPEN_LEGEND_JS = "() => { const d = document.querySelector('.corridors-legend details'); " \
    "if (d) d.open = true; }"  # fmt: skip


#: JS: the popup has faded in (audited while fading, its text has the wrong contrast).
POPUP_SHOWN_JS = """() => {
    const p = document.querySelector('.leaflet-popup');
    return p && getComputedStyle(p).opacity === '1';
}"""
#: JS: the i-th tab is chosen and its panel holds content (tabs are sent only when open).
TAB_FILLED_JS = """(i) => {
    const tab = document.querySelectorAll('[role="tab"]')[i];
    const panel = tab && document.getElementById(tab.getAttribute('aria-controls'));
    return tab.getAttribute('aria-selected') === 'true' && panel
        && panel.querySelector('[data-testid="stElementContainer"]') !== null;
}"""


#: Popups audited: three pipelines under one click (a list), and the one feature whose
#: Russian name the sources lack (its English name stands in, marked "EN").
POPUP_FEATURES = ("cacgp-line-c", "khorgos-gateway-dry-port")


def audit_states(page: Page, url: str) -> list[Finding]:
    """Audit the page and the map's frame as opened, with the legend and each of
    ``POPUP_FEATURES``' popups open, and the page with each tab open (a tab's content is
    sent only when it is open)."""
    frame = open_app(page, url)
    found = audit(page, "page") + audit(frame, "map")
    frame.evaluate(OPEN_LEGEND_JS)
    for fid in POPUP_FEATURES:
        click_feature(page, frame, fid)
        frame = map_frame(page)
        popup_of(frame, fid).wait_for()
        frame.wait_for_function(POPUP_SHOWN_JS)
        found += audit(frame, "map")
    tabs = page.get_by_role("tab")
    for i in range(1, tabs.count()):
        tabs.nth(i).click()
        page.wait_for_function(TAB_FILLED_JS, arg=i)
        wait_for_idle(page)
        found += audit(page, "page")
    return sorted(set(found), key=lambda f: (f.owner, f.where, f.rule, f.target))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--langs", default="en,zh,ru")
    parser.add_argument("--sizes", default=",".join(SIZES))
    parser.add_argument("--query", default="", help="more URL query, e.g. 'year=2023'")
    parser.add_argument("--json", type=Path, help="write every finding here")
    args = parser.parse_args()
    every: dict[str, list[dict]] = {}
    total: collections.Counter = collections.Counter()
    with streamlit_server() as server, sync_playwright() as pw:
        browser = launch(pw)
        for lang in args.langs.split(","):
            for size in args.sizes.split(","):
                width, height = SIZES[size]
                context = browser.new_context(viewport={"width": width, "height": height})
                page = context.new_page()
                url = f"{server.url}/?lang={lang}&{args.query}"
                found = audit_states(page, url)
                context.close()
                every[f"{lang}-{size}"] = [asdict(f) for f in found]
                counts = by_rule(found)
                total.update(counts)
                print(f"== {lang} {size}")
                for (owner, where, rule, impact), n in sorted(counts.items()):
                    print(f"   {owner:9} {where:4} {rule:32} {impact:9} {n}")
        browser.close()
    print("== all: nodes by owner, place, rule and impact (summed over the runs)")
    for (owner, where, rule, impact), n in sorted(total.items()):
        print(f"   {owner:9} {where:4} {rule:32} {impact:9} {n}")
    if args.json:
        args.json.write_text(json.dumps(every, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
