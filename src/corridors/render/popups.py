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
from corridors.kinds import EVENT_KINDS, TIMELESS_KINDS
from corridors.kinds import label as kind_label
from corridors.status import status_label
from corridors.values import is_http_url, is_number, present, source_host

NUMBER_LABELS: tuple[tuple[str, str, str], ...] = (
    ("length_km", "Length (reported)", "km"),
    ("length_km_computed", "Length (drawn line)", "km"),
    ("capacity_bcm_per_year", "Capacity", "bcm/year"),
    ("capacity_mt_per_year", "Capacity", "Mt/year"),
    ("power_mw", "Power", "MW"),
    ("cost_usd_bn", "Cost", "US$ bn"),
)


def _get(props: Mapping[str, Any], key: str) -> Any:
    """A property, or None where it is absent (pandas gives NaN for absent ones)."""
    value = props.get(key)
    if not present(value):
        return None
    return int(value) if isinstance(value, float) and key in YEAR_PROPERTIES else value


def _text(value: Any) -> str:
    return escape(str(value)) if present(value) else ""


def tooltip_html(props: Mapping[str, Any], status: str) -> str:
    """Name and status, for hover."""
    return f"<b>{_text(props.get('name'))}</b><br>{_text(status_label(status))}"


def _years(props: Mapping[str, Any]) -> str:
    parts = []
    for key, label in (
        ("announced", "announced"),
        ("construction_start", "construction began"),
        ("suspended_from", "suspended"),
        ("opened", "held" if props.get("kind") in EVENT_KINDS else "opened"),
    ):
        if _get(props, key) is not None:
            parts.append(f"{label} {_get(props, key)}")
    return "; ".join(parts)


def _numbers(props: Mapping[str, Any]) -> list[str]:
    rows = []
    for key, label, unit in NUMBER_LABELS:
        value = props.get(key)
        if is_number(value):
            rows.append(f"{label}: {format_quantity(value, unit)}")
    return [escape(r) for r in rows]


def format_quantity(value: float, unit: str) -> str:
    """A figure as a reader writes it: "US$ 4.67 bn", "1,833 km", "30 bcm/year"."""
    if unit.startswith("US$"):
        return f"US$ {value:,.2f}{unit.removeprefix('US$')}"
    return f"{value:,.0f} {unit}" if value >= 100 else f"{value:g} {unit}"


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


def milestones_html(milestones: Any) -> str:
    """The feature's dated steps, oldest first, each linked to its source (escaped)."""
    if not isinstance(milestones, list) or not milestones:
        return ""
    items = []
    for item in milestones:
        if not isinstance(item, dict):
            continue
        link = source_links([item.get("source")])
        items.append(
            f"<li><b>{_text(item.get('date'))}</b> {_text(item.get('what'))}"
            f' <span class="src">({link})</span></li>'
        )
    return (
        f'<details class="milestones"><summary>Milestones ({len(items)})</summary>'
        f"<ul>{''.join(items)}</ul></details>"
    )


def _status_line(props: Mapping[str, Any], status: str, year: int) -> str:
    """ "Railway — Planned in 2012"; a timeless kind (a capital) has no status to tell."""
    kind = _text(kind_label(props.get("kind")))
    if props.get("kind") in TIMELESS_KINDS:
        return f"<div>{kind}</div>"
    return f"<div>{kind} — <b>{_text(status_label(status))}</b> in {year}</div>"


def popup_html(props: Mapping[str, Any], status: str, year: int) -> str:
    """Everything a user asks of a feature: names, status that year, years, figures, sources."""
    names = " · ".join(_text(props.get(k)) for k in ("name_zh", "name_ru") if _get(props, k))
    countries = ", ".join(COUNTRIES.get(c, str(c)) for c in props.get("countries") or [])
    lines = [
        f'<div class="corridors-popup" data-feature-id="{_text(props.get("id"))}">',
        f"<b>{_text(props.get('name'))}</b>",
        f'<div class="names">{names}</div>' if names else "",
        _status_line(props, status, year),
    ]
    if _get(props, "date_start"):
        dates = _text(props.get("date_start"))
        if _get(props, "date_end") and props.get("date_end") != props.get("date_start"):
            dates += f" – {_text(props.get('date_end'))}"
        lines.append(f"<div>Dates: {dates}</div>")
    if _years(props):
        lines.append(f"<div>{_years(props)}</div>")
    lines += [f"<div>{n}</div>" for n in _numbers(props)]
    lines.append(f"<div>Countries: {escape(countries)}</div>")
    if _get(props, "description"):
        lines.append(f'<p class="desc">{_text(props.get("description"))}</p>')
    if _get(props, "outcomes"):
        lines.append(f'<p class="outcomes">Outcomes: {_text(props.get("outcomes"))}</p>')
    lines.append(milestones_html(props.get("milestones")))
    lines.append(f'<div class="sources">Sources: {source_links(props.get("sources"))}</div>')
    lines.append("</div>")
    return "".join(line for line in lines if line)
