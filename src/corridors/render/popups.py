"""What a feature's popup and tooltip say: data per feature, words once, DOM in the browser.

Each feature carries a small *model* of its popup (:func:`popup_model`): its names, years,
country codes, figures, description, milestones and sources (each URL with the title,
publisher and date the sources registry gives it), as plain values. The
words around them (kind and status names, "announced {year}", "Sources:", country names)
are the same for every feature, so they are sent once per map (:func:`popup_words`), in
the reader's language. ``render/js/popups.js`` builds the popup and the tooltip from the two when
a feature is opened, with ``textContent`` and ``createElement`` only: text from the data
is never parsed as markup, and only http(s) URLs become links (a source's title is the
link's text, its host said after it). A 10,000-feature layer
then carries its data, not 10,000 copies of the same HTML around it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from corridors.citation import Registry, popup_citation, sources_of
from corridors.config import COUNTRIES
from corridors.data.schema import YEAR_PROPERTIES
from corridors.i18n import LANGUAGES, N_, NAME_KEYS, Tr, translator
from corridors.kinds import EVENT_KINDS, KINDS, TIMELESS_KINDS
from corridors.status import (
    OPERATING,
    PLANNED,
    STATUS_LABELS,
    SUSPENDED,
    UNDER_CONSTRUCTION,
)
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


def popup_model(
    props: Mapping[str, Any], tr: Tr | None = None, registry: Registry | None = None
) -> dict[str, Any]:
    """The feature's own values for its popup, in ``tr``'s language where they are ours
    (names chosen, figures and dates formatted; each source as ``registry`` describes
    it); empty ones left out, to keep it small."""
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
                popup_citation(sources_of([s.get("source")], registry)[0], tr),
            ]
            for s in steps
            if isinstance(s, dict)
        ]
    sources = props.get("sources")
    urls = sources if isinstance(sources, list) else []
    model["src"] = [popup_citation(s, tr) for s in sources_of(urls, registry)]
    return model


def trade_popup_model(
    row: Mapping[str, Any], tr: Tr | None = None, registry: Registry | None = None
) -> dict[str, Any]:
    """A country's trade in the year, for the choropleth's popup: the total and whose it
    is, each flow as China and as the country report it with the difference (US$ bn,
    formatted in ``tr``'s language; "" where a side has no figure), China's balance, why
    a side is empty, and the sources as ``registry`` describes them. ``row`` is a row of
    :func:`corridors.trade.trade_table`."""
    tr = tr or translator()

    def bn(value: Any, signed: bool = False) -> str:
        if not is_number(value):
            return ""
        return tr.signed(value / 1e9, 2) if signed else tr.number(value / 1e9, 2)

    model: dict[str, Any] = {
        "n": tr.country(row["iso3"], COUNTRIES[row["iso3"]]),
        "y": int(row["year"]),
        "who": row["series"],
        "rows": [
            [bn(row["china_exports"]), bn(row["partner_imports"]), bn(row["exports_gap"], True)],
            [bn(row["china_imports"]), bn(row["partner_exports"]), bn(row["imports_gap"], True)],
        ],
        "src": [
            popup_citation(source, tr)
            for source in sources_of(
                dict.fromkeys([*row["sources"], *row["partner_sources"]]), registry
            )
        ],
    }
    if is_number(row["total"]):
        prefix = {"approx": "≈ ", "lower_bound": "> "}.get(row["qualifier"], "")
        model["tot"] = prefix + tr.money(row["total"])
        model["d"] = 1 if row["derived"] else 0
        model["db"] = 1 if str(row["basis"]).startswith("DOTS") else 0
    if is_number(row["balance"]):
        model["bal"] = bn(row["balance"], True)
    if row["partner_estimated"]:
        model["est"] = 1
    if row["gap"]:
        model["gap"] = str(row["gap"])
    return model


def status_said(tr: Tr) -> dict[str, str]:
    """Each status as the popup's sentence says it of a feature ("Railway — suspended in
    2019"), apart from the filters' and legend's labels ("Suspended"): a language whose
    words agree with their noun (Russian participles: газопровод приостановлен, железная
    дорога приостановлена) words these so they read right beside every kind."""
    # The context is written out each time: the extractor reads literals only.
    return {
        PLANNED: tr.pgettext("status in '{kind} — {status} in {year}'", "planned"),
        UNDER_CONSTRUCTION: tr.pgettext(
            "status in '{kind} — {status} in {year}'", "under construction"
        ),
        SUSPENDED: tr.pgettext("status in '{kind} — {status} in {year}'", "suspended"),
        OPERATING: tr.pgettext("status in '{kind} — {status} in {year}'", "operating"),
    }


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
        "said": status_said(tr),
        "countries": {code: tr.country(code, name) for code, name in COUNTRIES.items()},
        "years": {key: tr(words) for key, (_, words) in YEAR_WORDS.items()},
        "status_line": tr("{kind} — {status} in {year}"),
        "undated_line": tr("{kind} — no year given: shown in every year"),
        # An event's line names its own date, not the year the map shows ("Held in 2025"
        # was said of the May 2023 summit on the 2025 map).
        "event_held": tr("{kind} — held {when}"),
        "event_ahead": tr("{kind} — not yet held in {year}; held {when}"),
        "countries_line": tr("Countries: {names}"),
        "dates": tr("Dates: {dates}"),
        "outcomes": tr("Outcomes:"),
        "sources": tr("Sources:"),
        "fallback": tr("No name in this language in the sources: the English name is shown."),
        "milestones": milestones,
        "trade": trade_words(tr),
    }


def trade_words(tr: Tr) -> dict[str, str]:
    """The words of a country's trade popup (:func:`trade_popup_model`)."""
    return {
        "title": tr("Trade with China, {year}"),
        "total": tr("Total: {figure}"),
        "china": tr("China's figures"),
        "partner": tr("The country's own figures (China's are missing)"),
        "database": tr("IMF Direction of Trade Statistics, exports + imports"),
        "published": tr("as published"),
        "none": tr("No sourced figure"),
        "unit": tr("US$ bn"),
        "head_china": tr("China"),
        "head_diff": tr("Difference"),
        "from": tr("Goods from China"),
        "to": tr("Goods to China"),
        "balance": tr("China's balance: {value} bn"),
        "estimate": tr(
            "The IMF's figures for this country's side are its own estimates, not the "
            "country's statistics: left out."
        ),
        "no_side": tr("The country's own figures for this year are not in the data."),
        "searched": tr("Searched:"),
    }
