"""What a feature's popup and tooltip say: data per feature, words once, DOM in the browser.

Each feature carries a small *model* of its popup (:func:`popup_model`): its names, years,
country codes, figures, description, milestones and source URLs, as plain values. The
words around them (kind and status names, "announced {year}", "Sources:", country names)
are the same for every feature, so they are sent once per map (:func:`popup_words`), in
the reader's language. :data:`POPUP_JS` builds the popup and the tooltip from the two when
a feature is opened, with ``textContent`` and ``createElement`` only: text from the data
is never parsed as markup, and only http(s) URLs become links. A 10,000-feature layer
then carries its data, not 10,000 copies of the same HTML around it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from corridors.config import COUNTRIES
from corridors.data.schema import YEAR_PROPERTIES
from corridors.i18n import LANGUAGES, N_, NAME_KEYS, Tr, translator
from corridors.kinds import EVENT_KINDS, KINDS, TIMELESS_KINDS
from corridors.status import STATUS_LABELS
from corridors.values import is_number, present

#: (property, label, unit) of the figures a popup lists; "usd_bn" is money.
NUMBER_LABELS: tuple[tuple[str, str, str], ...] = (
    ("length_km", N_("Length (reported)"), N_("km")),
    ("length_km_computed", N_("Length (drawn line)"), N_("km")),
    ("capacity_bcm_per_year", N_("Capacity"), N_("bcm/year")),
    ("capacity_mt_per_year", N_("Capacity"), N_("Mt/year")),
    ("power_mw", N_("Power"), N_("MW")),
    ("cost_usd_bn", N_("Cost"), "usd_bn"),
)
#: The years a popup tells, by their model key, and how it tells them.
YEAR_WORDS: dict[str, tuple[str, str]] = {
    "a": ("announced", N_("announced {year}")),
    "c": ("construction_start", N_("construction began {year}")),
    "s": ("suspended_from", N_("suspended {year}")),
    "o": ("opened", N_("opened {year}")),
}


def _get(props: Mapping[str, Any], key: str) -> Any:
    """A property, or None where it is absent (pandas gives NaN for absent ones)."""
    value = props.get(key)
    if not present(value):
        return None
    return int(value) if isinstance(value, float) and key in YEAR_PROPERTIES else value


def format_quantity(value: float, unit: str, tr: Tr | None = None) -> str:
    """A figure as a reader of ``tr``'s language writes it: "$4.67B", "1,833 km",
    "1 833 км", "30 bcm/year"; ``unit`` "usd_bn" is billions of US dollars."""
    tr = tr or translator()
    if unit == "usd_bn":
        return tr.money(value * 1e9)
    digits = 0 if value >= 100 or float(value).is_integer() else 1
    return tr("{value} {unit}").format(value=tr.number(value, digits), unit=tr(unit))


def popup_model(props: Mapping[str, Any], tr: Tr | None = None) -> dict[str, Any]:
    """The feature's own values for its popup, in ``tr``'s language where they are ours
    (names chosen, figures and dates formatted); empty ones left out, to keep it small."""
    tr = tr or translator()
    name, fallback = tr.name(props)
    model: dict[str, Any] = {"n": name}
    if fallback:
        model["f"] = 1
    others = [
        [lang, _get(props, NAME_KEYS[lang])]
        for lang in LANGUAGES
        if lang != tr.lang and _get(props, NAME_KEYS[lang])
    ]
    if others:
        model["o"] = others
    years = {key: _get(props, field) for key, (field, _) in YEAR_WORDS.items()}
    if any(v is not None for v in years.values()):
        model["y"] = {k: v for k, v in years.items() if v is not None}
    figures = [
        tr("{label}: {value}").format(label=tr(label), value=format_quantity(value, unit, tr))
        for key, label, unit in NUMBER_LABELS
        if is_number(value := props.get(key))
    ]
    if figures:
        model["q"] = figures
    model["c"] = [c for c in props.get("countries") or [] if isinstance(c, str)]
    if _get(props, "date_start"):
        dates = tr.date(str(props["date_start"]))
        if _get(props, "date_end") and props.get("date_end") != props.get("date_start"):
            dates += " – " + tr.date(str(props["date_end"]))
        model["dt"] = dates
    for key, field in (("d", "description"), ("oc", "outcomes")):
        if _get(props, field):
            model[key] = str(props[field])
    steps = props.get("milestones")
    if isinstance(steps, list) and steps:
        model["m"] = [
            [
                tr.date(str(s.get("date"))) if present(s.get("date")) else "",
                s.get("what"),
                s.get("source"),
            ]
            for s in steps
            if isinstance(s, dict)
        ]
    sources = props.get("sources")
    model["src"] = [str(s) for s in sources] if isinstance(sources, list) else []
    return model


def popup_words(tr: Tr | None = None) -> dict[str, Any]:
    """Every word a popup or tooltip puts round a feature's values, in ``tr``'s language,
    sent once per map (the browser picks plural forms with ``Intl.PluralRules``)."""
    tr = tr or translator()
    milestones = tr.by_plural_category(lambda n: tr.ngettext("{n} milestone", "{n} milestones", n))
    return {
        "lang": tr.lang,
        "kinds": {name: tr(kind.label) for name, kind in KINDS.items()},
        "events": sorted(EVENT_KINDS),
        "timeless": sorted(TIMELESS_KINDS),
        "statuses": {status: tr(label) for status, label in STATUS_LABELS.items()},
        "countries": {code: tr.country(code, name) for code, name in COUNTRIES.items()},
        "years": {key: tr(words) for key, (_, words) in YEAR_WORDS.items()},
        "held": tr("held {year}"),
        "status_line": tr("{kind} — {status} in {year}"),
        "countries_line": tr("Countries: {names}"),
        "dates": tr("Dates: {dates}"),
        "outcomes": tr("Outcomes:"),
        "sources": tr("Sources:"),
        "fallback": tr("No name in this language in the sources: the English name is shown."),
        "milestones": milestones,
    }


#: Builds a popup or tooltip element from a feature's model and the map's words (one
#: definition per page). Text goes in through textContent only; a link only for http(s).
POPUP_JS = """
window.corridorsPopup = window.corridorsPopup || (function () {
    function el(tag, attrs, text) {
        var node = document.createElement(tag);
        Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
        if (text !== undefined && text !== null) node.textContent = String(text);
        return node;
    }
    function fill(template, values) {
        // "{kind} — {status} in {year}": text and elements, in the translation's order.
        var out = [], re = /\\{(\\w+)\\}/g, last = 0, m;
        while ((m = re.exec(template))) {
            out.push(template.slice(last, m.index));
            out.push(values[m[1]]);
            last = re.lastIndex;
        }
        out.push(template.slice(last));
        return out;
    }
    function append(node, parts) {
        parts.forEach(function (p) {
            node.appendChild(typeof p === "object" ? p : document.createTextNode(String(p)));
        });
        return node;
    }
    function host(url) {
        try { return new URL(url).hostname.replace(/^www\\./, ""); } catch (e) { return url; }
    }
    function link(url) {
        if (typeof url === "string" && /^https?:\\/\\//i.test(url)) {
            var a = el("a", {target: "_blank", rel: "noopener noreferrer"}, host(url));
            a.href = url;
            return a;
        }
        return document.createTextNode(String(url));
    }
    function list(items, lang) {
        try { return new Intl.ListFormat(lang, {type: "conjunction"}).format(items); }
        catch (e) { return items.join(", "); }
    }
    function name(p, w) {
        var b = el("b");
        if (!p.f) { b.textContent = p.n; return b; }
        b.appendChild(el("span", {lang: "en"}, p.n));
        b.appendChild(document.createTextNode(" "));
        b.appendChild(el("sup", {"class": "fallback", title: w.fallback}, "EN"));
        return b;
    }
    function popup(props, year, w) {
        var p = props._p, root = el("div", {"class": "corridors-popup"});
        root.setAttribute("data-feature-id", props.id);
        root.appendChild(name(p, w));
        if (p.o) {
            var names = el("div", {"class": "names"});
            p.o.forEach(function (o, i) {
                if (i) names.appendChild(document.createTextNode(" · "));
                names.appendChild(el("span", {lang: o[0]}, o[1]));
            });
            root.appendChild(names);
        }
        var kind = w.kinds[props.kind] || props.kind;
        if (w.timeless.indexOf(props.kind) >= 0) {
            root.appendChild(el("div", {}, kind));
        } else {
            var status = el("b", {}, w.statuses[props.status] || props.status);
            root.appendChild(append(el("div"), fill(w.status_line,
                {kind: kind, status: status, year: year})));
        }
        if (p.dt) root.appendChild(append(el("div"), fill(w.dates, {dates: p.dt})));
        if (p.y) {
            var said = ["a", "c", "s", "o"].filter(function (k) { return p.y[k]; }).map(
                function (k) {
                    var words = k === "o" && w.events.indexOf(props.kind) >= 0 ?
                        w.held : w.years[k];
                    return words.replace("{year}", p.y[k]);
                });
            root.appendChild(el("div", {}, said.join("; ")));
        }
        (p.q || []).forEach(function (q) { root.appendChild(el("div", {}, q)); });
        var countries = list((p.c || []).map(function (c) { return w.countries[c] || c; }),
            w.lang);
        root.appendChild(append(el("div"), fill(w.countries_line, {names: countries})));
        if (p.d) root.appendChild(el("p", {"class": "desc", lang: "en"}, p.d));
        if (p.oc) {
            var oc = el("p", {"class": "outcomes"}, w.outcomes + " ");
            oc.appendChild(el("span", {lang: "en"}, p.oc));
            root.appendChild(oc);
        }
        if (p.m && p.m.length) {
            var form = w.milestones[new Intl.PluralRules(w.lang).select(p.m.length)] ||
                w.milestones.other;
            var details = el("details", {"class": "milestones"});
            details.appendChild(el("summary", {}, form.replace("{n}", p.m.length)));
            var ul = el("ul");
            p.m.forEach(function (m) {
                var li = el("li");
                li.appendChild(el("b", {}, m[0]));
                li.appendChild(document.createTextNode(" "));
                li.appendChild(el("span", {lang: "en"}, m[1]));
                var src = el("span", {"class": "src"}, " (");
                src.appendChild(link(m[2]));
                src.appendChild(document.createTextNode(")"));
                li.appendChild(src);
                ul.appendChild(li);
            });
            details.appendChild(ul);
            root.appendChild(details);
        }
        var sources = el("div", {"class": "sources"}, w.sources + " ");
        (p.src || []).forEach(function (s, i) {
            if (i) sources.appendChild(document.createTextNode(", "));
            sources.appendChild(link(s));
        });
        root.appendChild(sources);
        return root;
    }
    function tooltip(props, w) {
        var root = el("div");
        root.appendChild(name(props._p, w));
        root.appendChild(el("br"));
        root.appendChild(document.createTextNode(w.statuses[props.status] || props.status));
        return root;
    }
    return {popup: popup, tooltip: tooltip};
})();
"""
