"""Tooltip and popup HTML for features, with every piece of data text escaped.

Data is edited by hand and shared, so nothing from it reaches HTML unescaped: names,
descriptions and outcomes go through :func:`html.escape`, and links are written only for
http(s) URLs.
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape
from typing import Any

from corridors.config import COUNTRIES
from corridors.data.schema import YEAR_PROPERTIES
from corridors.i18n import LANGUAGES, N_, NAME_KEYS, Tr, translator
from corridors.kinds import EVENT_KINDS, TIMELESS_KINDS
from corridors.kinds import label as kind_label
from corridors.status import status_label
from corridors.values import is_http_url, is_number, present, source_host

#: (property, label, unit) of the figures a popup lists; "usd_bn" is money.
NUMBER_LABELS: tuple[tuple[str, str, str], ...] = (
    ("length_km", N_("Length (reported)"), N_("km")),
    ("length_km_computed", N_("Length (drawn line)"), N_("km")),
    ("capacity_bcm_per_year", N_("Capacity"), N_("bcm/year")),
    ("capacity_mt_per_year", N_("Capacity"), N_("Mt/year")),
    ("power_mw", N_("Power"), N_("MW")),
    ("cost_usd_bn", N_("Cost"), "usd_bn"),
)


def _get(props: Mapping[str, Any], key: str) -> Any:
    """A property, or None where it is absent (pandas gives NaN for absent ones)."""
    value = props.get(key)
    if not present(value):
        return None
    return int(value) if isinstance(value, float) and key in YEAR_PROPERTIES else value


def _text(value: Any) -> str:
    return escape(str(value)) if present(value) else ""


def _data_text(value: Any, tag: str = "span", cls: str = "") -> str:
    """Text written by the data's editors, in English: escaped, and marked ``lang="en"`` so
    a browser (and a screen reader) knows it is not the page's language."""
    attrs = f' class="{cls}"' if cls else ""
    return f'<{tag}{attrs} lang="en">{_text(value)}</{tag}>'


def name_html(props: Mapping[str, Any], tr: Tr) -> str:
    """The feature's name in the reader's language; the English one, marked, where the
    sources give none (never a made-up translation)."""
    name, fallback = tr.name(props)
    if not fallback:
        return _text(name)
    note = tr("No name in this language in the sources: the English name is shown.")
    return (
        f'<span lang="en">{_text(name)}</span> '
        f'<sup class="fallback" title="{escape(note, quote=True)}">EN</sup>'
    )


def tooltip_html(props: Mapping[str, Any], status: str, tr: Tr | None = None) -> str:
    """Name and status, for hover."""
    tr = tr or translator()
    return f"<b>{name_html(props, tr)}</b><br>{_text(status_label(status, tr))}"


_YEAR_WORDS = {
    "announced": N_("announced {year}"),
    "construction_start": N_("construction began {year}"),
    "suspended_from": N_("suspended {year}"),
    "opened": N_("opened {year}"),
}


def _years(props: Mapping[str, Any], tr: Tr) -> str:
    parts = []
    for key, words in _YEAR_WORDS.items():
        year = _get(props, key)
        if year is None:
            continue
        if key == "opened" and props.get("kind") in EVENT_KINDS:
            words = N_("held {year}")
        parts.append(tr(words).format(year=year))
    return "; ".join(parts)


def _numbers(props: Mapping[str, Any], tr: Tr) -> list[str]:
    rows = []
    for key, label, unit in NUMBER_LABELS:
        value = props.get(key)
        if is_number(value):
            rows.append(
                tr("{label}: {value}").format(
                    label=tr(label), value=format_quantity(value, unit, tr)
                )
            )
    return [escape(r) for r in rows]


def format_quantity(value: float, unit: str, tr: Tr | None = None) -> str:
    """A figure as a reader of ``tr``'s language writes it: "$4.67B", "1,833 km",
    "1 833 км", "30 bcm/year"; ``unit`` "usd_bn" is billions of US dollars."""
    tr = tr or translator()
    if unit == "usd_bn":
        return tr.money(value * 1e9)
    digits = 0 if value >= 100 or float(value).is_integer() else 1
    return tr("{value} {unit}").format(value=tr.number(value, digits), unit=tr(unit))


def source_links(sources: Any) -> str:
    """Clickable links for http(s) sources; anything else is shown as inert text."""
    items = []
    for url in sources if isinstance(sources, list) else []:
        if is_http_url(url):
            items.append(
                f'<a href="{escape(url, quote=True)}" target="_blank" rel="noopener noreferrer">'
                f"{escape(source_host(url))}</a>"
            )
        else:
            items.append(escape(str(url)))
    return ", ".join(items)


def milestones_html(milestones: Any, tr: Tr | None = None) -> str:
    """The feature's dated steps, oldest first, each linked to its source (escaped)."""
    tr = tr or translator()
    if not isinstance(milestones, list) or not milestones:
        return ""
    items = []
    for item in milestones:
        if not isinstance(item, dict):
            continue
        link = source_links([item.get("source")])
        when = tr.date(str(item.get("date"))) if present(item.get("date")) else ""
        items.append(
            f"<li><b>{_text(when)}</b> {_data_text(item.get('what'))}"
            f' <span class="src">({link})</span></li>'
        )
    summary = tr.ngettext("{n} milestone", "{n} milestones", len(items)).format(n=len(items))
    return (
        f'<details class="milestones"><summary>{escape(summary)}</summary>'
        f"<ul>{''.join(items)}</ul></details>"
    )


def _status_line(props: Mapping[str, Any], status: str, year: int, tr: Tr) -> str:
    """ "Railway — Planned in 2012"; a timeless kind (a capital) has no status to tell."""
    kind = _text(kind_label(props.get("kind"), tr))
    if props.get("kind") in TIMELESS_KINDS:
        return f"<div>{kind}</div>"
    line = tr("{kind} — {status} in {year}").format(
        kind=kind, status=f"<b>{_text(status_label(status, tr))}</b>", year=year
    )
    return f"<div>{line}</div>"


def _other_names(props: Mapping[str, Any], tr: Tr) -> str:
    """The name in the other two languages (where the sources give one), for reference."""
    names = []
    for lang in LANGUAGES:
        value = _get(props, NAME_KEYS[lang])
        if lang != tr.lang and value:
            names.append(f'<span lang="{lang}">{_text(value)}</span>')
    return " · ".join(names)


def _dates(props: Mapping[str, Any], tr: Tr) -> str:
    dates = tr.date(str(props.get("date_start")))
    if _get(props, "date_end") and props.get("date_end") != props.get("date_start"):
        dates += " – " + tr.date(str(props.get("date_end")))
    return escape(tr("Dates: {dates}").format(dates=dates))


def popup_html(props: Mapping[str, Any], status: str, year: int, tr: Tr | None = None) -> str:
    """Everything a user asks of a feature: names, status that year, years, figures, sources.

    Our words are in ``tr``'s language; descriptions and milestones are the data's own
    English text, marked as such.
    """
    tr = tr or translator()
    names = _other_names(props, tr)
    countries = tr.list([tr.country(c, COUNTRIES.get(c)) for c in props.get("countries") or []])
    lines = [
        f'<div class="corridors-popup" data-feature-id="{_text(props.get("id"))}">',
        f"<b>{name_html(props, tr)}</b>",
        f'<div class="names">{names}</div>' if names else "",
        _status_line(props, status, year, tr),
    ]
    if _get(props, "date_start"):
        lines.append(f"<div>{_dates(props, tr)}</div>")
    if _years(props, tr):
        lines.append(f"<div>{escape(_years(props, tr))}</div>")
    lines += [f"<div>{n}</div>" for n in _numbers(props, tr)]
    countries_line = tr("Countries: {names}").format(names=countries)
    lines.append(f"<div>{escape(countries_line)}</div>")
    if _get(props, "description"):
        lines.append(_data_text(props.get("description"), "p", "desc"))
    if _get(props, "outcomes"):
        label = escape(tr("Outcomes:"))
        lines.append(f'<p class="outcomes">{label} {_data_text(props.get("outcomes"))}</p>')
    lines.append(milestones_html(props.get("milestones"), tr))
    sources = escape(tr("Sources:"))
    lines.append(f'<div class="sources">{sources} {source_links(props.get("sources"))}</div>')
    lines.append("</div>")
    return "".join(line for line in lines if line)
