"""The live map's features: every feature sent once, then shown per selection by a code.

A filter change used to send the selection's features again as GeoJSON: 6.8 MB with a
10,000-line layer, on every change and every playback frame. Now the dashboard sends the
*library* (every feature of every layer, popups in the reader's language) once, as a
gzip file the browser fetches and keeps; each selection then sends one character per
feature (:func:`visibility_codes`): hidden, or shown in a status. Python still decides
what is shown and in which status (:func:`corridors.selection.select_features`): the
browser only applies the codes. Pure: no Streamlit.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Mapping
from typing import Any

import geopandas as gpd

from corridors.config import drawing_order
from corridors.data.registry import Source
from corridors.i18n import Tr, translator
from corridors.kinds import draw_order
from corridors.render.geojson import style_key, to_geojson
from corridors.render.popups import popup_model
from corridors.render.styles import feature_style
from corridors.status import ALL_STATUSES
from corridors.view import on_map

#: One character per status in a selection's codes; HIDDEN for a feature not shown.
STATUS_CODES: dict[str, str] = {status: chr(ord("a") + i) for i, status in enumerate(ALL_STATUSES)}
#: The other way round: a code's status (sent with the library, read by tests).
CODE_STATUSES: dict[str, str] = {code: status for status, code in STATUS_CODES.items()}
HIDDEN = "."


def library_order(features: gpd.GeoDataFrame) -> list[Any]:
    """The index labels of ``features`` in the order the live map draws them: layer by
    layer (:func:`corridors.config.drawing_order`), points by their kind's draw order
    within a layer (big markers first, so small ones on the same spot stay clickable).
    Events held online are not in it: they have no place on a map."""
    features = on_map(features)
    rank = {layer: i for i, layer in enumerate(drawing_order(features["layer"]))}
    keys = features["layer"].map(rank) * 1000 + features["kind"].map(draw_order)
    return list(keys.sort_values(kind="stable").index)


def library(
    features: gpd.GeoDataFrame, tr: Tr | None = None, registry: Mapping[str, Source] | None = None
) -> dict[str, Any]:
    """Every feature with a place, as one GeoJSON collection per layer in drawing order,
    each feature carrying its id, kind and popup model (``_p``, in ``tr``'s language, its
    sources described from ``registry``); ``styles`` holds every kind × status × shape
    style a selection may ask for."""
    tr = tr or translator()
    ordered = features.loc[library_order(features)]
    layers: list[list[Any]] = []
    styles: dict[str, Any] = {}
    for layer in dict.fromkeys(ordered["layer"]):
        rows = ordered[ordered["layer"] == layer]
        props = [
            {"id": row["id"], "kind": row["kind"], "_p": popup_model(row, tr, registry)}
            for row in rows.to_dict("records")
        ]
        layers.append([layer, to_geojson(rows, props)])
        # In the order first met, not a set's: the file's bytes (and so its name, a
        # digest) must be the same in every process and after every restart.
        for kind, geom_type in dict.fromkeys(zip(rows["kind"], rows.geom_type, strict=True)):
            for status in ALL_STATUSES:
                key = style_key(kind, status, geom_type)
                styles.setdefault(key, feature_style(kind, status, geom_type))
    return {"layers": layers, "styles": styles, "codes": CODE_STATUSES}


def pack(data: dict[str, Any]) -> bytes:
    """Plain data (the library, a standalone file's layer) as compact JSON, gzipped: 6.2 MB
    of a 10,000-line layer become 1.2 MB, compressed once here rather than by the server
    on every request; the browser unpacks it."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return gzip.compress(text.encode("utf-8"), compresslevel=6, mtime=0)


def visibility_codes(order: list[Any], shown: gpd.GeoDataFrame) -> str:
    """One character per library feature (in ``order``): its status code where the view
    shows it (``shown`` has ``status_in_year``, indexed like the library's frame), else
    :data:`HIDDEN`."""
    status = dict(zip(shown.index, shown["status_in_year"], strict=True))
    return "".join(STATUS_CODES[status[i]] if i in status else HIDDEN for i in order)


def decode(order_ids: list[str], codes: str) -> dict[str, str]:
    """Feature id → status of what a selection's codes show (the browser's reading of
    them, for tests and tools)."""
    return {
        fid: CODE_STATUSES[code]
        for fid, code in zip(order_ids, codes, strict=True)
        if code != HIDDEN
    }


def show_script(digest: str, year: int, codes: str) -> str:
    """The selection's script for the live map: show ``codes`` (in ``year``)."""
    wanted = {"digest": digest, "year": year, "codes": codes}
    return f";window.corridorsLive.show({json.dumps(wanted)});"
