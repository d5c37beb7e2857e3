/*
 * The live map's features (corridors.render.live): the library (every feature of every
 * layer, popups in the reader's language) is fetched once; each selection then sends one
 * character per library feature, "." hidden or a letter naming its status. Python decides
 * what is shown; this applies the codes: remove what is hidden, restyle what changed
 * status, add what appears (and bring the features after it back on top, so drawing order
 * holds). A selection that arrives before the library waits for it; a failed fetch says
 * so on the map.
 */
(function (root) {
    "use strict";

    var HIDDEN = ".";

    // A selection's codes read: the status of each of ``count`` library features, in
    // library order, or null where hidden (a code missing counts as hidden). Pure: tested
    // under Node; corridors.render.live.decode reads codes the same way.
    function decode(codes, statuses, count) {
        var out = new Array(count);
        for (var k = 0; k < count; k++) {
            var code = codes.charAt(k);
            out[k] = code && code !== HIDDEN ? statuses[code] : null;
        }
        return out;
    }

    function restyle(item, style, onMap) {
        if (onMap) { item.setStyle(style); return; }
        root.L.setOptions(item, style);
        if (item.setRadius) item._radius = item.options.radius;
    }

    function now() { return Math.round(performance.now()); }

    // The live features of ``map``, fetched from ``source`` ({url, digest}).
    function liveFeatures(map, source) {
        // When each step ended (ms since the frame opened), for the benchmark.
        var live = {groups: [], count: 0, pending: null, ready: false, digest: source.digest,
                    timings: {start: now()}};

        function unpackResponse(response) {
            if (!response.ok) throw new Error("HTTP " + response.status);
            return root.corridorsLayers.gunzipJSON(response.body);
        }

        // Show a selection ({digest, year, codes}): one pass in library order. An added
        // feature goes to the top of the canvas, so once one is added every later feature
        // already shown is brought up after it: drawing order stays the library's without
        // re-adding everything (which cost 0.26 s for 10,000 lines).
        live.show = function (wanted) {
            live.pending = wanted;
            if (!live.ready || wanted.digest !== live.digest) return;
            var shown = decode(wanted.codes, live.statuses, live.count), k = 0, added = false;
            live.groups.forEach(function (g) {
                g.items.forEach(function (item) {
                    var status = shown[k++], onMap = g.layer.hasLayer(item);
                    if (!status) {
                        if (onMap) g.layer.removeLayer(item);
                        return;
                    }
                    var props = item.feature.properties;
                    item.corridorsYear = wanted.year;
                    if (props.status !== status) {
                        props.status = status;
                        restyle(item, live.styleOf(item.feature), onMap);
                    }
                    if (!onMap) {
                        g.layer.addLayer(item);
                        added = true;
                    } else if (added) {
                        item.bringToFront();
                    }
                });
            });
            live.timings.shown = now();
            if (root.corridorsDeclutter) root.corridorsDeclutter();
            root.corridorsExtras.shown(map, wanted.year);
        };

        // Keep the given groups (the trade choropleth) above the context, under the features.
        live.under = function (groups) {
            groups.forEach(function (g) { g.bringToBack(); });
            root.corridorsLayers.context.slice().reverse().forEach(function (c) {
                c.bringToBack();
            });
        };

        // The test interface: feature id -> status on the map now (see corridorsMap).
        live.drawn = function () { return root.corridorsMap.drawn(); };

        fetch(source.url).then(unpackResponse).then(function (lib) {
            live.timings.fetched = now();
            var options = root.corridorsLayers.featureOptions(lib.styles, null, true);
            live.styleOf = options.styleOf;
            live.statuses = lib.codes;
            lib.layers.forEach(function (pair) {
                var layer = root.L.geoJSON(pair[1], options), items = layer.getLayers();
                layer.clearLayers();
                root.corridorsLayers.interact(layer).addTo(map);
                live.groups.push({layer: layer, items: items});
                live.count += items.length;
            });
            live.timings.built = now();
            live.ready = true;
            if (live.pending) live.show(live.pending);
        }).catch(function (error) {
            live.error = String(error.message);
            root.corridorsLayers.fail(map, error);
        });
        return live;
    }

    var api = {decode: decode, liveFeatures: liveFeatures, HIDDEN: HIDDEN};
    root.corridorsLiveFeatures = liveFeatures;
    if (typeof module === "object" && module.exports) module.exports = api;
})(typeof window === "undefined" ? globalThis : window);
