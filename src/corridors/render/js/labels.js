/*
 * Names on the live map, kept readable: countries first, then places. Each zoom or pan,
 * labels are placed in priority order, and one is hidden when it would cover a feature's
 * marker, a label already shown or one of the map's controls, be cut by the map's edge, or
 * sit nearer another marker than its own point (a name beside the wrong dot is worse than
 * none: zooming in shows it). Rectangles are computed, not measured: a label's size is
 * read once and the controls' boxes once a placement, and styles are written after every
 * choice, so no spot forces a layout (that cost 68 ms a pan). Text is set with textContent.
 */
(function (root) {
    "use strict";

    // Where a place's label may sit, its top-left corner from its point, in order: beside
    // the biggest marker on the point (right, left, above, below).
    function placeSpots(w, h, gap) {
        return [[gap, -h / 2], [-(w + gap), -h / 2], [-w / 2, -(h + gap)], [-w / 2, gap]];
    }

    // Where a country's name may sit: centred on its point, or nudged (up to 50 px
    // sideways, 24 up or down: still over the country at the zooms where its name shows),
    // nearest first. Five spots were too few once markers were drawn with their casings:
    // on a phone at zoom 5 Kyrgyzstan's name found none between the markers round it.
    var AREA_NUDGES = (function () {
        var out = [];
        [0, 25, -25, 50, -50].forEach(function (dx) {
            [0, -12, 12, -24, 24].forEach(function (dy) { out.push([dx, dy]); });
        });
        return out.sort(function (a, b) { return Math.hypot(a[0], a[1]) - Math.hypot(b[0], b[1]); });
    })();

    function areaSpots(w, h) {
        return AREA_NUDGES.map(function (s) { return [s[0] - w / 2, s[1] - h / 2]; });
    }

    // Room round the markers on a point (the biggest one's radius), at least 7 px.
    function gapAt(p, taken) {
        return taken.reduce(function (gap, t) {
            var near = t.r && Math.abs(t.x - p.x) < 3 && Math.abs(t.y - p.y) < 3;
            return near ? Math.max(gap, t.r + 3) : gap;
        }, 7);
    }

    function overlaps(a, b) {
        return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
    }

    // How far a rectangle is from a point (0 when the point is inside it).
    function distance(r, p) {
        return Math.hypot(Math.max(r.left - p.x, 0, p.x - r.right),
                          Math.max(r.top - p.y, 0, p.y - r.bottom));
    }

    // Whether a place's label at ``me`` reads as its own point's: every other marker's
    // edge is clearly farther from it than the point's own marker (or the bare point).
    // A reader gives a name to the nearest dot; a tie is a wrong guess half the time.
    function ownNearest(me, l, markers) {
        var ownR = 0, others = [];
        markers.forEach(function (m) {
            if (Math.abs(m.x - l.x) < 3 && Math.abs(m.y - l.y) < 3) ownR = Math.max(ownR, m.r);
            else others.push(m);
        });
        var own = Math.max(0, distance(me, l) - ownR);
        var clear = Math.max(own + OWN_MARGIN, 2 * own);
        return others.every(function (m) { return distance(me, m) - m.r >= clear; });
    }
    // Pixels by which another marker must be farther from a label than its own.
    var OWN_MARGIN = 6;

    // The spot chosen for each label ({x, y, w, h, place}) in priority order, or null
    // where none fits: inside ``size`` ({x, y}), clear of ``markers`` (rectangles with the
    // marker's centre x, y and radius r), of ``obstacles`` (rectangles: the map's controls)
    // and of the labels placed before it, and, for a place, nearer its own point than any
    // other marker. Pure.
    function plan(labels, markers, size, obstacles) {
        var taken = markers.concat(obstacles || []);
        var inside = function (r) {
            return r.left >= 0 && r.top >= 0 && r.right <= size.x && r.bottom <= size.y;
        };
        return labels.map(function (l) {
            var spots = l.place ? placeSpots(l.w, l.h, gapAt(l, taken)) : areaSpots(l.w, l.h);
            for (var i = 0; i < spots.length; i++) {
                var x = l.x + spots[i][0], y = l.y + spots[i][1];
                var me = {left: x, right: x + l.w, top: y, bottom: y + l.h};
                if (inside(me) && !taken.some(function (t) { return overlaps(me, t); }) &&
                        (!l.place || ownNearest(me, l, markers))) {
                    taken.push(me);
                    return spots[i];
                }
            }
            return null;
        });
    }

    // The circle markers on the map, as rectangles with their centre and radius (their
    // ring and casings included: corridorsLayers.reach).
    function markersOn(map) {
        var out = [];
        map.eachLayer(function (x) {
            if (x.feature && x.getRadius && x.feature.properties.status) {
                var p = map.latLngToContainerPoint(x.getLatLng()),
                    r = x.getRadius() + root.corridorsLayers.reach(x.options);
                out.push({left: p.x - r, right: p.x + r, top: p.y - r, bottom: p.y + r,
                          x: p.x, y: p.y, r: r});
            }
        });
        return out;
    }

    // The map's controls (zoom, legend, scale, year, attribution) as rectangles: a name
    // under one would be cut off.
    function controlsOn(map) {
        var at = map.getContainer().getBoundingClientRect();
        var controls = map.getContainer().querySelectorAll(".leaflet-control");
        return Array.prototype.map.call(controls, function (c) {
            var r = c.getBoundingClientRect();
            return {left: r.left - at.left, right: r.right - at.left,
                    top: r.top - at.top, bottom: r.bottom - at.top};
        });
    }

    // Label ``map`` with ``labels`` ([name, lat, lon, class, English stand-in], priority
    // order, from corridors.render.labels.label_points).
    function addLabels(map, labels) {
        var L = root.L;
        map.createPane("corridors-labels");
        var pane = map.getPane("corridors-labels");
        pane.style.zIndex = 450;
        pane.style.pointerEvents = "none";
        var markers = labels.map(function (l) {
            var m = L.marker([l[1], l[2]], {
                pane: "corridors-labels", interactive: false, keyboard: false,
                icon: L.divIcon({className: "corridors-label " + l[3], iconSize: null})
            }).addTo(map);
            m.getElement().textContent = l[0];
            if (l[4]) { m.getElement().lang = "en"; m.getElement().classList.add("fallback"); }
            return m;
        });
        function declutter() {
            var wanted = markers.map(function (m) {
                var el = m.getElement();
                if (!m.corridorsSize) {
                    // Layout size (a zoom's transform does not change it), rounded up:
                    // one more keeps a 13.2 px label from touching the next. Kept only
                    // once the frame is laid out (0 before): measured then, a label would
                    // be 1 px and cover markers. Its width is its text's (max-content in
                    // the map's style): before Leaflet's stylesheet has loaded, a label is
                    // a block as wide as the map, and measured so no name ever fitted.
                    var size = [el.offsetWidth, el.offsetHeight];
                    if (size[0] && size[1]) m.corridorsSize = [size[0] + 1, size[1] + 1];
                    else return {x: 0, y: 0, w: Infinity, h: Infinity, place: false};
                }
                var p = map.latLngToContainerPoint(m.getLatLng());
                return {x: p.x, y: p.y, w: m.corridorsSize[0], h: m.corridorsSize[1],
                        place: el.classList.contains("place")};
            });
            // Leaflet places a label's top-left corner on its point (its transform is
            // Leaflet's), so margins centre it or set it aside.
            var obstacles = controlsOn(map);
            plan(wanted, markersOn(map), map.getSize(), obstacles).forEach(function (at, i) {
                var el = markers[i].getElement();
                el.style.visibility = at ? "visible" : "hidden";
                if (at) {
                    el.style.marginLeft = at[0] + "px";
                    el.style.marginTop = at[1] + "px";
                }
            });
        }
        // "resize" too: a frame laid out after the first placement (its size was 0, so
        // every label was hidden) may open on the same view, with no move to redo it.
        map.on("zoomend moveend resize", declutter);
        root.corridorsDeclutter = declutter;
        setTimeout(declutter, 0);
        return declutter;
    }

    var api = {placeSpots: placeSpots, areaSpots: areaSpots, gapAt: gapAt, overlaps: overlaps,
               ownNearest: ownNearest, plan: plan, addLabels: addLabels};
    root.corridorsLabels = api;
    if (typeof module === "object" && module.exports) module.exports = api;
})(typeof window === "undefined" ? globalThis : window);
