"""The selection: what is shown. One object read by the dashboard, the exports and the CLI.

A :class:`Selection` goes in, a view comes out: :func:`select_features` is the only place
that decides which features a view contains and in which status, so the map on screen,
the PNG and the GeoJSON export can never disagree.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import geopandas as gpd
import shapely

from corridors.config import COUNTRIES, LAYERS, OWN_PREFIX, YEAR_MAX, YEAR_MIN, is_own_layer
from corridors.i18n import DEFAULT_LANG, LANGUAGES, Tr, translator
from corridors.status import ALL_STATUSES, NOT_ANNOUNCED, status_column

#: The URL query keys of a selection, the one list :func:`parse_query` and
#: :func:`to_query` read.
QUERY_KEYS: tuple[str, ...] = ("countries", "year", "layers", "status")
#: The URL query keys of the map's view (:class:`MapView`): extent and basemap.
VIEW_KEYS: tuple[str, ...] = ("bbox", "basemap")
BASEMAPS: tuple[str, ...] = ("outlines", "osm")
#: The URL query key of the interface language (en, zh, ru).
LANG_KEY = "lang"

#: The region's extent (lon/lat) used when no bbox is given: Caspian to Beijing.
REGION_BBOX: tuple[float, float, float, float] = (46.0, 30.0, 120.0, 56.0)
#: Longest query value we read; anything longer is a mistake or an attack.
MAX_PARAM_LENGTH = 500


class SelectionError(ValueError):
    """A selection value that cannot be used (unknown country, year out of range, bad bbox)."""


@dataclass(frozen=True)
class Selection:
    """Which countries, year, layers and statuses a view shows (and, for exports, where)."""

    countries: tuple[str, ...] = tuple(COUNTRIES)
    year: int = YEAR_MAX
    layers: tuple[str, ...] = tuple(LAYERS)
    statuses: tuple[str, ...] = ALL_STATUSES
    bbox: tuple[float, float, float, float] | None = field(default=None)

    def __post_init__(self) -> None:
        check_selection(self)

    @property
    def extent(self) -> tuple[float, float, float, float]:
        """The bbox to draw: the user's, or the whole region."""
        return self.bbox or REGION_BBOX


def check_selection(sel: Selection) -> None:
    """Raise :class:`SelectionError` naming the first bad value, if any."""
    for code in sel.countries:
        if code not in COUNTRIES:
            raise SelectionError(f"unknown country {code!r} (known: {', '.join(COUNTRIES)})")
    if isinstance(sel.year, bool) or not isinstance(sel.year, int):
        raise SelectionError(f"year must be a whole number, got {sel.year!r}")
    if not YEAR_MIN <= sel.year <= YEAR_MAX:
        raise SelectionError(f"year {sel.year} out of range {YEAR_MIN}–{YEAR_MAX}")
    for layer in sel.layers:
        if layer not in LAYERS and not is_own_layer(layer):
            known = ", ".join([*LAYERS, f"{OWN_PREFIX}<file name> (your own layers)"])
            raise SelectionError(f"unknown layer {layer!r} (known: {known})")
    for status in sel.statuses:
        if status not in ALL_STATUSES:
            raise SelectionError(f"unknown status {status!r} (known: {', '.join(ALL_STATUSES)})")
    if sel.bbox is not None:
        check_bbox(sel.bbox)


def check_bbox(bbox: Sequence[float]) -> None:
    """A bbox is four finite numbers, minlon < maxlon and minlat < maxlat, inside the globe."""
    if len(bbox) != 4 or not all(isinstance(v, int | float) and math.isfinite(v) for v in bbox):
        raise SelectionError(f"bbox must be four numbers minlon,minlat,maxlon,maxlat, got {bbox!r}")
    minlon, minlat, maxlon, maxlat = bbox
    if not (-180 <= minlon < maxlon <= 180 and -90 <= minlat < maxlat <= 90):
        raise SelectionError(
            f"bbox {','.join(f'{v:g}' for v in bbox)} is not minlon<maxlon, minlat<maxlat "
            "within ±180/±90"
        )


def parse_bbox(text: str) -> tuple[float, float, float, float]:
    """Parse ``minlon,minlat,maxlon,maxlat``."""
    try:
        values = tuple(float(v) for v in text.split(","))
    except ValueError as exc:
        raise SelectionError(
            f"bbox must be four numbers minlon,minlat,maxlon,maxlat: {text!r}"
        ) from exc
    check_bbox(values)
    return values  # type: ignore[return-value]


def countries_extent(
    outlines: gpd.GeoDataFrame, countries: Sequence[str]
) -> tuple[float, float, float, float]:
    """The lon/lat box of the chosen countries (China alone is vast: with others chosen it
    is left out, so choosing Kyrgyzstan and China shows Kyrgyzstan's corridors)."""
    wanted = [c for c in countries if c != "CHN"] or list(countries)
    shown = outlines[outlines["iso3"].isin(wanted)]
    if shown.empty:
        return REGION_BBOX
    minlon, minlat, maxlon, maxlat = shown.total_bounds
    return float(minlon), float(minlat), float(maxlon), float(maxlat)


def select_features(
    features: gpd.GeoDataFrame, sel: Selection, statuses: Sequence[str] | None = None
) -> gpd.GeoDataFrame:
    """The features a view shows, each with ``status_in_year`` for the selected year.

    A feature is kept when its layer is selected, it touches any selected country, it
    exists in that year (announced or later) with a selected status, and (for exports
    with a bbox) it intersects the bbox. ``statuses``: every feature's status in the
    year, when already known (:meth:`corridors.data.loader.Dataset.statuses_in`).
    """
    if features.empty:
        return features.assign(status_in_year=[])
    if statuses is None:
        statuses = status_column(features, sel.year)
    out = features.assign(status_in_year=list(statuses))
    chosen = set(sel.countries)
    keep = (
        out["layer"].isin(sel.layers)
        & out["countries"].map(lambda cs: bool(chosen.intersection(cs)))
        & (out["status_in_year"] != NOT_ANNOUNCED)
        & out["status_in_year"].isin(sel.statuses)
    )
    if sel.bbox is not None:
        keep &= out.intersects(shapely.box(*sel.bbox))
    return out[keep].copy()


def parse_query(
    params: Mapping[str, str | Sequence[str]],
    default_year: int = YEAR_MAX,
    tr: Tr | None = None,
    layers: Sequence[str] = tuple(LAYERS),
):
    """Turn URL query parameters into a valid selection and a list of notices.

    Never raises: unknown or malformed values are dropped, each with a notice the page
    shows (in ``tr``'s language), and anything unusable falls back to the default.
    ``layers`` are the layers the data has (ours and the user's own), all shown by default.

    Returns
    -------
    (Selection, list[str])
    """
    tr = tr or translator()
    notices: list[str] = []
    values = _read_values(params, QUERY_KEYS, notices, tr)
    for key in params:
        if key not in (*QUERY_KEYS, *VIEW_KEYS, LANG_KEY):
            notices.append(tr("Unknown URL parameter {name} was ignored.").format(name=_q(key)))
    countries = _parse_list(
        values.get("countries"),
        COUNTRIES,
        tr("Unknown country {value} in the URL was ignored."),
        notices,
        upper=True,
    )
    known_layers = layers
    layers = _parse_list(
        values.get("layers"),
        known_layers,
        tr("Unknown layer {value} in the URL was ignored."),
        notices,
    )
    statuses = _parse_list(
        values.get("status"),
        ALL_STATUSES,
        tr("Unknown status {value} in the URL was ignored."),
        notices,
    )
    year = _parse_year(values.get("year"), default_year, notices, tr)
    sel = Selection(
        countries=countries or tuple(COUNTRIES),
        year=year,
        layers=tuple(known_layers) if layers is None else layers,
        statuses=statuses or ALL_STATUSES,
    )
    if countries == ():
        notices.append(tr("No known country in the URL; showing all countries."))
    return sel, notices


def _read_values(
    params: Mapping[str, str | Sequence[str]], keys: Sequence[str], notices: list[str], tr: Tr
) -> dict[str, str]:
    """The last value given for each of ``keys``; repeats and overlong values noted."""
    values: dict[str, str] = {}
    for key in keys:
        raw = params.get(key)
        if raw is None:
            continue
        if not isinstance(raw, str):
            raw = list(raw)
            if len(raw) > 1:
                notices.append(
                    tr("{name} was given {count} times; the last one is used.").format(
                        name=_q(key), count=len(raw)
                    )
                )
            raw = raw[-1] if raw else ""
        if len(raw) > MAX_PARAM_LENGTH:
            notices.append(
                tr("{name} is too long ({count} characters) and was ignored.").format(
                    name=_q(key), count=len(raw)
                )
            )
            continue
        values[key] = raw
    return values


@dataclass(frozen=True)
class MapView:
    """How the map is looked at, beside what it shows: its extent and its basemap."""

    bbox: tuple[float, float, float, float] | None = None
    basemap: str = "outlines"


def parse_view_query(
    params: Mapping[str, str | Sequence[str]], tr: Tr | None = None
) -> tuple[MapView, list[str]]:
    """The map's extent and basemap from the URL; bad values dropped with a notice."""
    tr = tr or translator()
    notices: list[str] = []
    values = _read_values(params, VIEW_KEYS, notices, tr)
    bbox = None
    if "bbox" in values:
        try:
            bbox = parse_bbox(values["bbox"])
        except SelectionError:
            notices.append(
                tr(
                    "Map extent {value} in the URL is not minlon,minlat,maxlon,maxlat; "
                    "showing the region."
                ).format(value=_q(values["bbox"]))
            )
    basemap = values.get("basemap", "outlines")
    if basemap not in BASEMAPS:
        notices.append(
            tr("Unknown basemap {value} in the URL was ignored.").format(value=_q(basemap))
        )
        basemap = "outlines"
    return MapView(bbox, basemap), notices


def view_query(view: MapView) -> dict[str, str]:
    """The URL parameters that reopen the map's view (the extent to 2 decimals, ~1 km)."""
    out = {"basemap": view.basemap} if view.basemap != "outlines" else {}
    if view.bbox is not None:
        # Rounded inwards, so the reopened map fits it at the same zoom, not one step out.
        minlon, minlat, maxlon, maxlat = view.bbox
        inward = (
            math.ceil(minlon * 100) / 100,
            math.ceil(minlat * 100) / 100,
            math.floor(maxlon * 100) / 100,
            math.floor(maxlat * 100) / 100,
        )
        out["bbox"] = ",".join(f"{v:.2f}" for v in inward)
    return out


def parse_lang_query(
    params: Mapping[str, str | Sequence[str]], fallback: str = DEFAULT_LANG
) -> tuple[str, list[str]]:
    """The interface language from the URL (``fallback``, the browser's, when absent).

    A bad value falls back to English with a notice, in English: the one language every
    reader of a broken link is sure to get.
    """
    notices: list[str] = []
    tr = translator(DEFAULT_LANG)
    values = _read_values(params, (LANG_KEY,), notices, tr)
    if LANG_KEY not in values:
        return fallback, notices
    lang = values[LANG_KEY].strip().lower()
    if lang in LANGUAGES:
        return lang, notices
    notices.append(
        tr("Unknown language {value} in the URL; showing English (en, zh or ru).").format(
            value=_q(values[LANG_KEY])
        )
    )
    return DEFAULT_LANG, notices


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


def _q(text: str) -> str:
    """A value from the URL, shortened and quoted, for a notice."""
    return repr(_short(text))


def _parse_list(raw, known, notice, notices, upper=False) -> tuple[str, ...] | None:
    """Parse ``a,b,c`` keeping known values in canonical order; None when absent.

    ``notice`` is the (translated) message for an unknown value, with a ``{value}`` slot.
    """
    if raw is None:
        return None
    raw_items = [v.strip() for v in raw.split(",") if v.strip()]
    items = [v.upper() if upper else v for v in raw_items]
    for item, original in dict(zip(items, raw_items, strict=True)).items():
        if item not in known:
            notices.append(notice.format(value=_q(original)))
    return tuple(k for k in known if k in items)


def _parse_year(raw, default, notices, tr: Tr) -> int:
    if raw is None:
        return default
    text = raw.strip()
    if not (text.isascii() and text.isdigit()) or not YEAR_MIN <= int(text) <= YEAR_MAX:
        notices.append(
            tr("Year {value} in the URL is not a year {first}–{last}; showing {default}.").format(
                value=_q(text), first=YEAR_MIN, last=YEAR_MAX, default=default
            )
        )
        return default
    return int(text)


def to_query(sel: Selection) -> dict[str, str]:
    """The URL query parameters that reopen ``sel``."""
    values = (",".join(sel.countries), str(sel.year), ",".join(sel.layers), ",".join(sel.statuses))
    return dict(zip(QUERY_KEYS, values, strict=True))


def describe_countries(sel: Selection, tr: Tr | None = None, every: str | None = None) -> str:
    """The selected countries in words, in ``tr``'s language: ``every`` when all are."""
    tr = tr or translator()
    if len(sel.countries) == len(COUNTRIES):
        return every or tr("China and the five Central Asian countries")
    return tr.list([tr.country(c, COUNTRIES[c]) for c in sel.countries]) or tr("no country")


def describe_layers(sel: Selection, tr: Tr | None = None) -> str:
    """The selected layers in words, in ``tr``'s language."""
    tr = tr or translator()
    if set(LAYERS) <= set(sel.layers):
        own = [layer_title(x, tr) for x in sel.layers if x not in LAYERS]
        return tr.list([tr("all layers"), *own])
    return tr.list([layer_title(x, tr) for x in sel.layers]) or tr("no layers")


def layer_title(layer: str, tr: Tr | None = None) -> str:
    """A layer's name in ``tr``'s language; a user's own layer is named by its file."""
    tr = tr or translator()
    if layer in LAYERS:
        return tr(LAYERS[layer])
    return tr("{name} (your layer)").format(name=layer.removeprefix(OWN_PREFIX))
