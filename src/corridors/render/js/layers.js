/*
 * Feature layers, for the live map and for exports alike: styles by kind, status and
 * shape; one tooltip and click handler per layer group; packed (gzip JSON) data unpacked
 * by the browser; a failure said on the map. Also the map's documented test interface,
 * corridorsMap (see README: "Checking the map from a browser").
 */
(function (root) {
    "use strict";

    // A feature's style key, as corridors.render.geojson.style_key makes it. Pure.
    function styleKey(kind, status, geometryType) {
        var shape = geometryType.slice(-5) === "Point" ? "P" : "L";
        return kind + "|" + status + "|" + shape;
    }

    // A feature's casings (corridors.render.styles.casings: bottom first, each a wider
    // stroke of the feature's own path) drawn on the canvas's current path, before the
    // feature's own fill and stroke. Pure but for ``ctx``: tested under Node.
    function strokeCasings(ctx, layer) {
        var options = layer.options, casings = options.casings;
        if (!casings || !options.stroke) return;
        for (var i = 0; i < casings.length; i++) {
            if (ctx.setLineDash) ctx.setLineDash(casings[i].dash || []);
            ctx.globalAlpha = 1;
            ctx.lineWidth = casings[i].weight;
            ctx.strokeStyle = casings[i].color;
            ctx.lineCap = options.lineCap;
            ctx.lineJoin = options.lineJoin;
            ctx.stroke();
        }
    }

    // How far a symbol reaches from its path (Leaflet path options): half its widest
    // stroke, casings included. Pure.
    function reach(options) {
        var widest = options.stroke === false ? 0 : options.weight || 0;
        (options.casings || []).forEach(function (c) { widest = Math.max(widest, c.weight); });
        return widest / 2;
    }

    // A feature layer's click tolerance, casings included: Leaflet reckons a canvas
    // layer's bounds from it (what a redraw clears and repaints, what a click hits), so a
    // casing is never left half-painted, and clicking it counts.
    function casedTolerance() {
        return reach(this.options) + (this._renderer.options.tolerance || 0);
    }

    // The canvas draws a layer's casings beneath it, in the same pass: one layer per
    // feature still, so the drawing order, the tooltips and the clicks are as before.
    function installCasings(L) {
        if (!L || !L.Canvas || L.Canvas.prototype.corridorsCased) return;
        var fillStroke = L.Canvas.prototype._fillStroke;
        L.Canvas.include({
            corridorsCased: true,
            _fillStroke: function (ctx, layer) {
                strokeCasings(ctx, layer);
                fillStroke.call(this, ctx, layer);
            }
        });
    }

    // Leaflet GeoJSON options shared by every feature layer: a feature's style is its own
    // (``_style``) or its kind's and status's from ``styles``.
    function featureOptions(styles, year, interactive) {
        installCasings(root.L);
        var styleOf = function (f) {
            if (f.properties._style) return f.properties._style;
            return styles[styleKey(f.properties.kind, f.properties.status, f.geometry.type)];
        };
        return {
            interactive: interactive,
            style: styleOf,
            styleOf: styleOf,
            pointToLayer: function (f, latlng) { return root.L.circleMarker(latlng, styleOf(f)); },
            onEachFeature: function (f, layer) {
                layer.corridorsYear = year;
                layer._clickTolerance = casedTolerance;
            }
        };
    }

    // One tooltip and one click handler per layer group, not per feature: bound per
    // feature, a 10,000-line layer made 20,000 tooltip and popup objects before drawing.
    function interact(group) {
        group.bindTooltip(function (layer) {
            var p = layer.feature.properties;
            if (p._tooltip) return p._tooltip;  // the choropleth's: made (escaped) in Python
            return root.corridorsPopup.tooltip(p, root.corridorsWords);
        }, {sticky: true});
        group.on("click", function (e) {
            var props = e.layer && e.layer.feature && e.layer.feature.properties;
            if (props && props._p) root.corridorsPopup.popupHere(e.layer, e);
            else if (props && props._trade) root.corridorsPopup.tradePopupAt(e.layer, e, group);
        });
        return group;
    }

    // Packed data (gzip JSON, see corridors.render.live.pack) from a stream, unpacked by
    // the runtime's own DecompressionStream (browsers; Node 18+ for the tests).
    function gunzipJSON(stream) {
        return new Response(stream.pipeThrough(new DecompressionStream("gzip"))).json();
    }

    // The same from base64 in the page (a standalone file).
    function unpack(b64) {
        var bytes = Uint8Array.from(atob(b64), function (c) { return c.charCodeAt(0); });
        return gunzipJSON(new Blob([bytes]).stream());
    }

    // A feature layer from a collection (its own styles and year).
    function layer(data, interactive) {
        var made = root.L.geoJSON(data, featureOptions(data.styles || {}, data.year, interactive));
        return interactive ? interact(made) : made;
    }

    // Features that cannot be drawn say so on the map, in the reader's language.
    function fail(map, error) {
        console.error(error);
        if (!map) return;
        var box = root.L.control({position: "topright"});
        box.onAdd = function () {
            var div = root.L.DomUtil.create("div", "corridors-error");
            div.setAttribute("role", "alert");
            div.textContent = root.corridorsWords.failed + " (" + error.message + ")";
            return div;
        };
        box.addTo(map);
    }

    // A standalone file's packed layer: unpacked side by side with the others, added to
    // ``group`` in the page's order (the choropleth stays under the lines).
    var queue = Promise.resolve();
    function addPacked(group, b64, interactive) {
        var ready = unpack(b64);
        queue = queue.then(function () { return ready; }).then(function (data) {
            layer(data, interactive).addTo(group);
            if (root.corridorsDeclutter) root.corridorsDeclutter();
            if (group._map && root.corridorsExtras) root.corridorsExtras.shown(group._map);
        }).catch(function (error) {
            fail(group._map, error);
        });
        return queue;
    }

    // Context layers (outlines, neighbours) stay under everything: see corridorsLive.under.
    var context = [];
    function addContext(group) { context.push(group); }

    // --- The map's test interface (stable; documented in the README) ---------------------
    var theMap = null;
    function attach(map) { theMap = map; root.map = root.map || map; }

    function eachFeature(fn) {
        if (!theMap) return;
        theMap.eachLayer(function (l) {
            if (l.feature && l.feature.properties.status) fn(l);
        });
    }

    var probe = {
        // The Leaflet map this page draws.
        map: function () { return theMap; },
        // Feature id -> status of every feature on the map now, in drawing order.
        drawn: function () {
            var out = {};
            eachFeature(function (l) { out[l.feature.properties.id] = l.feature.properties.status; });
            return out;
        },
        // Feature ids bottom to top, as the canvas draws them (Leaflet's draw list).
        stack: function () {
            var renderer = null, ids = [];
            eachFeature(function (l) { if (l.feature.properties._p && l._renderer) renderer = l._renderer; });
            for (var o = renderer && renderer._drawFirst; o; o = o.next) {
                var p = o.layer.feature && o.layer.feature.properties;
                if (p && p._p) ids.push(p.id);
            }
            return ids;
        },
        // The layer drawing a feature, or null.
        find: function (id) {
            var found = null;
            eachFeature(function (l) { if (!found && l.feature.properties.id === id) found = l; });
            return found;
        },
        // Where a feature is on the page (its marker or its line's middle), or null.
        pointOf: function (id) {
            var l = probe.find(id);
            if (!l) return null;
            var p = theMap.latLngToContainerPoint(l.getLatLng ? l.getLatLng() : l.getCenter());
            var box = theMap.getContainer().getBoundingClientRect();
            return {x: box.left + p.x, y: box.top + p.y};
        }
    };

    var api = {
        styleKey: styleKey, featureOptions: featureOptions, interact: interact,
        strokeCasings: strokeCasings, reach: reach, casedTolerance: casedTolerance,
        installCasings: installCasings,
        gunzipJSON: gunzipJSON, unpack: unpack, layer: layer, fail: fail,
        addPacked: addPacked, addContext: addContext, context: context, attach: attach
    };
    root.corridorsLayers = api;
    root.corridorsMap = probe;
    if (typeof module === "object" && module.exports) module.exports = api;
})(typeof window === "undefined" ? globalThis : window);
