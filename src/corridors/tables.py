"""The features and the milestones of a view as tables a reader can take away (CSV).

Made for a spreadsheet and for a program alike: one header row of stable English names
with the unit in the name (``length_km_reported``, ``capacity_bcm_per_year``), codes as the
data writes them (ISO3 countries, status names), whole years as integers, figures as the
sources give them (no float noise: ``1833``, not ``1833.0``), UTF-8. Each row carries its
sources as a citation a person reads ("Title. Publisher, date. URL", one a line) and as
bare URLs a program reads; the sources registry (``sources.csv`` in the data package)
says the rest.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from corridors.citation import Registry, citation_record, sources_of
from corridors.config import COUNTRIES, YEAR_PROPERTIES
from corridors.data.schema import NUMBER_SUFFIXES
from corridors.selection import Selection
from corridors.timeline import milestones_of
from corridors.values import is_number, present
from corridors.view import View

#: The figures a feature may have, in the features table's order, with their headers.
FIGURES: dict[str, str] = {
    "length_km": "length_km_reported",
    "length_km_computed": "length_km_drawn",
    "capacity_bcm_per_year": "capacity_bcm_per_year",
    "capacity_mt_per_year": "capacity_mt_per_year",
    "power_mw": "power_mw",
    "cost_usd_bn": "cost_usd_bn",
    "diameter_mm": "diameter_mm",
}
#: Digits a drawn length is rounded to (a computed figure: 0.1 km is far finer than the
#: straight lines between waypoints).
DRAWN_DIGITS = 1
MILESTONE_COLUMNS = (
    "feature_id",
    "feature",
    "date",
    "what",
    "quote",
    "source_title",
    "source_publisher",
    "source_published",
    "source_url",
)


def plain_number(value: Any, digits: int | None = None) -> str:
    """A figure as the source wrote it: ``1833``, ``40.7``, ``4.665``; "" for none."""
    if not is_number(value):
        return ""
    value = round(float(value), digits) if digits is not None else float(value)
    return str(int(value)) if value.is_integer() else repr(value)


def _year(value: Any) -> str:
    return str(int(value)) if is_number(value) else ""


def _text(value: Any) -> str:
    return str(value) if present(value) else ""


def _point(geom: Any) -> tuple[str, str]:
    """A point feature's lon and lat (4 decimals, as the data); blank for lines and for
    events held online."""
    if geom is None or geom.is_empty or geom.geom_type != "Point":
        return "", ""
    return f"{geom.x:.4f}", f"{geom.y:.4f}"


def _figure_columns(features: pd.DataFrame) -> dict[str, str]:
    """The known figures, then any other unit-suffixed figure the features carry."""
    extra = {
        c: c
        for c in features.columns
        if c.endswith(NUMBER_SUFFIXES) and c not in FIGURES and c != "length_ratio"
    }
    return {**FIGURES, **extra}


def _feature_row(
    row: dict[str, Any], geom: Any, figures: dict[str, str], year: int, registry: Registry | None
) -> dict[str, str]:
    urls = [str(u) for u in row.get("sources") or []]
    lon, lat = _point(geom)
    out = {key: _text(row.get(key)) for key in ("id", "name", "name_zh", "name_ru", "layer")}
    out |= {"kind": _text(row.get("kind")), "year": str(year)}
    out["status_in_year"] = _text(row.get("status_in_year"))
    out |= {key: _year(row.get(key)) for key in YEAR_PROPERTIES}
    out |= {key: _text(row.get(key)) for key in ("date_start", "date_end")}
    out["countries"] = " ".join(c for c in row.get("countries") or [] if c in COUNTRIES)
    for key, header in figures.items():
        digits = DRAWN_DIGITS if key == "length_km_computed" else None
        out[header] = plain_number(row.get(key), digits)
    out |= {"geometry_precision": _text(row.get("geometry_precision")), "lon": lon, "lat": lat}
    out |= {key: _text(row.get(key)) for key in ("description", "outcomes")}
    out["sources"] = "\n".join(citation_record(s) for s in sources_of(urls, registry))
    out["source_urls"] = " ".join(urls)
    return out


def features_table(view: View) -> pd.DataFrame:
    """Every feature of the view (events held online too), one row each, all text."""
    features = view.features
    figures = _figure_columns(features)
    rows = [
        _feature_row(row, geom, figures, view.selection.year, view.registry)
        for row, geom in zip(features.to_dict("records"), features.geometry, strict=True)
    ]
    columns = list(_feature_row({}, None, figures, view.selection.year, None))
    return pd.DataFrame(rows, columns=columns, dtype=object)


def milestones_table(view: View) -> pd.DataFrame:
    """Every milestone of the view's features, oldest first, each with its source."""
    rows = []
    for m in milestones_of(view.features):
        source = sources_of([m.source], view.registry)[0]
        rows.append(
            {
                "feature_id": m.feature_id,
                "feature": m.feature_name,
                "date": m.date,
                "what": m.what,
                "quote": m.quote or "",
                "source_title": source.shown_title or "",
                "source_publisher": source.publisher or "",
                "source_published": source.published or "",
                "source_url": source.url,
            }
        )
    return pd.DataFrame(rows, columns=list(MILESTONE_COLUMNS), dtype=object)


def csv_bytes(table: pd.DataFrame) -> bytes:
    """A table as UTF-8 CSV with Unix line ends (cells with line breaks quoted)."""
    return table.to_csv(index=False, lineterminator="\n").encode("utf-8")


def table_filename(sel: Selection, what: str, with_year: bool = True) -> str:
    """``corridors-features-2023-kaz-kgz.csv``: what the file holds, for which selection."""
    countries = "all" if len(sel.countries) == len(COUNTRIES) else "-".join(sel.countries).lower()
    year = f"-{sel.year}" if with_year else ""
    return f"corridors-{what}{year}-{countries}.csv"
