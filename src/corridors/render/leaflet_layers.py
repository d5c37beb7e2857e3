"""The map's feature layers as folium elements: a collection drawn in the page (exports)
and the live map's library with a selection's codes. Pure: no Streamlit, no network.

The scripts they call live in ``render/js/`` (``corridorsLayers``, ``corridorsLiveFeatures``);
these elements only pass them values, as JSON.
"""

from __future__ import annotations

import base64
from dataclasses import asdict, dataclass
from typing import Any

import folium
from branca.element import MacroElement
from jinja2 import Template

from corridors.config import drawing_order
from corridors.i18n import Tr, translator
from corridors.render.live import pack
from corridors.selection import layer_title


class FeatureLayer(folium.map.Layer):
    """A GeoJSON layer whose style, tooltip and popup come precomputed in each feature.

    Styles and (escaped) HTML are computed in Python, so the browser only binds them:
    nothing from the data is interpreted as markup on the way. A click opens one popup
    listing every feature under the pointer (lines A and B share a route, summits sit on
    capitals), so every feature can be reached, not only the one drawn on top.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {% if this.packed %}
        var {{ this.get_name() }} = L.featureGroup().addTo({{ this._parent.get_name() }});
        corridorsLayers.addPacked({{ this.get_name() }}, {{ this.packed|tojson }},
            {{ this.interactive|tojson }});
        {% else %}
        var {{ this.get_name() }} = corridorsLayers.layer(
            {{ this.data|tojson }}, {{ this.interactive|tojson }});
        {{ this.get_name() }}.addTo({{ this._parent.get_name() }});
        {% endif %}
        {% if not this.interactive %}
        corridorsLayers.addContext({{ this.get_name() }});
        {% endif %}
        {% endmacro %}
        """
    )

    def __init__(
        self,
        data: dict[str, Any],
        name: str | None = None,
        interactive: bool = True,
        packed: bool = False,
        **kwargs,
    ):
        super().__init__(name=name, **kwargs)
        self._name = "FeatureLayer"
        self.data = data
        # Packed: base64 of gzip JSON, a fifth of the bytes (a 10,000-line layer's 6.2 MB
        # standalone file becomes 1.6 MB), unpacked by the browser; for standalone files.
        self.packed = base64.b64encode(pack(data)).decode("ascii") if packed else None
        self.interactive = interactive


@dataclass(frozen=True)
class LiveSource:
    """The library file a live map fetches (:mod:`corridors.render.live`): its URL
    (relative to the map's frame) and its digest (a selection's codes name it)."""

    url: str
    digest: str


class LiveFeatures(MacroElement):
    """The live map's features: the library fetched once, then each selection's codes
    shown by ``window.corridorsLive.show`` (``render/js/live.js``)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        window.corridorsLive = corridorsLiveFeatures(
            {{ this._parent.get_name() }}, {{ this.source|tojson }});
        {% endmacro %}
        """
    )

    def __init__(self, source: LiveSource):
        super().__init__()
        self._name = "LiveFeatures"
        self.source = asdict(source)


def layer_groups(
    data: dict[str, dict[str, Any]], tr: Tr | None = None, packed: bool = False
) -> list[folium.FeatureGroup]:
    """One toggleable group per layer, choropleth first so lines draw on top of it;
    ``packed``: each layer's data gzipped in the page (see :class:`FeatureLayer`)."""
    tr = tr or translator()
    groups = []
    for layer in drawing_order(data):
        group = folium.FeatureGroup(name=layer_title(layer, tr))
        FeatureLayer(data[layer], packed=packed).add_to(group)
        groups.append(group)
    return groups
