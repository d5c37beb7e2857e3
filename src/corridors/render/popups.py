"""What a feature's popup and tooltip say: data per feature, words once, DOM in the browser.

Each feature carries a small *model* of its popup (:func:`popup_model`): its names, years,
country codes, figures, description, milestones and source URLs, as plain values. The
words around them (kind and status names, "announced {year}", "Sources:", country names)
are the same for every feature, so they are sent once per map (:func:`popup_words`), in
the reader's language. ``render/js/popups.js`` builds the popup and the tooltip from the two when
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
    }
