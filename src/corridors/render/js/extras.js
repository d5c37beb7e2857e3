/*
 * The map's furniture: a scale bar in the reader's units, the legend, the opening view,
 * a standalone file's title block, and the dashboard's focus (a feature's popup, an
 * extent). Every value comes in as JSON from Python; markup only from our own escaped
 * HTML (legend, title), never from the data.
 */
(function (root) {
    "use strict";

    // Leaflet writes "km" and "m": the scale bar says them in the reader's language.
    function scaleText(text, units) {
        return text.replace(/ km$/, " " + units.km).replace(/ m$/, " " + units.m);
    }

    function addScale(map, units, imperial) {
        var Scale = root.L.Control.Scale.extend({
            _updateScale: function (scale, text, ratio) {
                root.L.Control.Scale.prototype._updateScale.call(
                    this, scale, scaleText(text, units), ratio);
            }
        });
        return new Scale({imperial: imperial}).addTo(map);
    }

    // The map's controls named in the reader's language (Leaflet names them in English):
    // the zoom buttons, each popup's close button; the map (and its frame in the
    // dashboard) is a named region (its
    // container takes the keyboard: arrows move it, + and - zoom). A popup's content
    // scrolls when long, so it is a named region with a tab stop: a keyboard can scroll it.
    function nameControls(map, words) {
        if (map.zoomControl) {
            var position = map.zoomControl.getPosition();
            map.removeControl(map.zoomControl);
            map.zoomControl = root.L.control.zoom({
                position: position, zoomInTitle: words.zoom_in, zoomOutTitle: words.zoom_out
            }).addTo(map);
        }
        var box = map.getContainer();
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", words.map);
        // The live map's frame is titled with the component's name ("streamlit_folium.
        // st_folium"), which is what a screen reader would say: name it (same origin).
        try {
            if (root.frameElement) root.frameElement.setAttribute("aria-label", words.map);
        } catch (e) { /* cross-origin */ }
        map.on("popupopen", function (e) {
            var popup = e.popup.getElement(), close = popup.querySelector(
                ".leaflet-popup-close-button"), content = popup.querySelector(
                ".leaflet-popup-content"), title = content.querySelector(
                ".corridors-here, .corridors-popup > b");
            if (close) close.setAttribute("aria-label", words.close);
            content.setAttribute("tabindex", "0");
            content.setAttribute("role", "region");
            content.setAttribute("aria-label", title ? title.textContent : words.map);
        });
    }

    // A control holding our own (escaped) HTML.
    function htmlControl(map, position, className, html, onAdd) {
        var control = root.L.control({position: position});
        control.onAdd = function () {
            var div = root.L.DomUtil.create("div", className);
            div.innerHTML = html;
            if (onAdd) onAdd(div);
            root.L.DomEvent.disableClickPropagation(div);
            return div;
        };
        return control.addTo(map);
    }

    // The legend; on a phone it starts folded: the map comes first, the key on a tap. On a
    // wider map it stays open while nothing the map draws is under it, and folds itself
    // when the map moves data under it (a reader's own fold or unfold is kept).
    function addLegend(map, html, narrowPx) {
        var control = htmlControl(map, "bottomleft", "corridors-legend", html, function (div) {
            var details = div.querySelector("details");
            if (map.getSize().x < narrowPx) details.removeAttribute("open");
            div.querySelector("summary").addEventListener("click", function () {
                div.corridorsChosen = true;  // a click or a key on the summary: the reader's
            });
        });
        var later = function () { setTimeout(function () { keepClear(map, narrowPx); }, 0); };
        // After the names are placed (they are placed on the same events).
        map.on("moveend zoomend resize popupopen popupclose", later);
        map.corridorsLegendNarrow = narrowPx;
        return control;
    }

    // What the legend lists for what a map draws (``drawn``: {kind, status, line} of each
    // feature, {trade, figure, partner} of each choropleth country): the kinds present,
    // the statuses of the lines drawn, and the trade classes while the choropleth is shown
    // ("no figure" and the partner's dashed edge only when such a country is). Pure.
    function legendShows(drawn) {
        var out = {kinds: {}, statuses: {}, trade: false, none: false, partner: false};
        drawn.forEach(function (f) {
            if (f.trade) {
                out.trade = true;
                out.none = out.none || !f.figure;
                out.partner = out.partner || !!f.partner;
                return;
            }
            out.kinds[f.kind] = true;
            if (f.line) out.statuses[f.status] = true;
        });
        return out;
    }

    // Whether a legend row (its data-kinds, data-status or data-trade) is shown. Pure.
    function rowShown(attrs, shows) {
        if (attrs.kinds !== null) {
            return attrs.kinds.split(" ").some(function (k) { return shows.kinds[k]; });
        }
        if (attrs.status !== null) return !!shows.statuses[attrs.status];
        if (attrs.trade !== null) {
            return shows.trade && (attrs.trade === "class" || shows[attrs.trade]);
        }
        return true;
    }

    // What the map draws now, as legendShows reads it.
    function drawnOn(map) {
        var out = [];
        map.eachLayer(function (l) {
            var p = l.feature && l.feature.properties;
            if (!p) return;
            if (p.layer === "trade") {
                out.push({trade: true, figure: p.figure !== false, partner: !!p.partner});
            } else if (p._p && p.status) {
                out.push({kind: p.kind, status: p.status,
                          line: /LineString$/.test(l.feature.geometry.type)});
            }
        });
        return out;
    }

    var ROWS = "[data-kinds],[data-status],[data-trade]";

    // Show the legend rows of what the map draws now; hide a heading left with no rows.
    function refreshLegend(map) {
        var div = map.getContainer().querySelector(".corridors-legend");
        if (!div) return;
        var shows = legendShows(drawnOn(map));
        div.querySelectorAll(ROWS).forEach(function (row) {
            var attrs = {kinds: row.getAttribute("data-kinds"),
                         status: row.getAttribute("data-status"),
                         trade: row.getAttribute("data-trade")};
            row.style.display = rowShown(attrs, shows) ? "" : "none";
        });
        div.querySelectorAll("[data-section]").forEach(function (section) {
            var rows = Array.prototype.slice.call(section.querySelectorAll(ROWS));
            var any = rows.some(function (r) { return r.style.display !== "none"; });
            section.style.display = any ? "" : "none";
        });
        div.corridorsOpenSize = null;  // its rows changed: measure it again when open
        keepClear(map, map.corridorsLegendNarrow);
    }

    // Whether the segment a-b crosses or touches the box. Pure.
    function segmentHits(a, b, box) {
        var inside = function (p) {
            return p.x >= box.left && p.x <= box.right && p.y >= box.top && p.y <= box.bottom;
        };
        if (inside(a) || inside(b)) return true;
        var x0 = box.left, x1 = box.right, y0 = box.top, y1 = box.bottom;
        var edges = [[x0, y0, x1, y0], [x1, y0, x1, y1], [x1, y1, x0, y1], [x0, y1, x0, y0]];
        return edges.some(function (e) {
            var d = (b.x - a.x) * (e[3] - e[1]) - (b.y - a.y) * (e[2] - e[0]);
            if (!d) return false;
            var t = ((e[0] - a.x) * (e[3] - e[1]) - (e[1] - a.y) * (e[2] - e[0])) / d;
            var u = ((e[0] - a.x) * (b.y - a.y) - (e[1] - a.y) * (b.x - a.x)) / d;
            return t >= 0 && t <= 1 && u >= 0 && u <= 1;
        });
    }

    function boxesMeet(a, b) {
        return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
    }

    // Whether anything the map draws lies under ``box`` (map pixels): a feature's marker or
    // line, a place's or one of the six countries' name, an open popup (the choropleth's
    // areas and the neighbours' names are the background, not counted).
    function underBox(map, box) {
        var hit = false, at = map.getContainer().getBoundingClientRect();
        var boxOf = function (el) {
            var r = el.getBoundingClientRect();
            return {left: r.left - at.left, right: r.right - at.left,
                    top: r.top - at.top, bottom: r.bottom - at.top};
        };
        map.eachLayer(function (l) {
            var p = l.feature && l.feature.properties;
            if (hit || !p || !p._p) return;
            if (l.getRadius) {
                var c = map.latLngToContainerPoint(l.getLatLng()), r = l.getRadius();
                var marker = {left: c.x - r, right: c.x + r, top: c.y - r, bottom: c.y + r};
                hit = boxesMeet(marker, box);
                return;
            }
            (l._parts || []).forEach(function (part) {
                for (var i = 1; !hit && i < part.length; i++) {
                    hit = segmentHits(map.layerPointToContainerPoint(part[i - 1]),
                                      map.layerPointToContainerPoint(part[i]), box);
                }
            });
        });
        var shown = map.getContainer().querySelectorAll(
            ".corridors-label.place[style*='visible'], .corridors-label.country[style*='visible']," +
            " .leaflet-popup");
        Array.prototype.forEach.call(shown, function (el) {
            hit = hit || boxesMeet(boxOf(el), box);
        });
        return hit;
    }

    // Open the legend where it covers nothing the map draws, fold it where it would. A
    // phone's stays folded, and the reader's own choice is kept.
    function keepClear(map, narrowPx) {
        var div = map.getContainer().querySelector(".corridors-legend");
        if (!div || div.corridorsChosen || map.getSize().x < narrowPx) return;
        // The box, not the control: its own max-width holds it even before Leaflet's
        // stylesheet floats the control (which is as wide as the map until then).
        var details = div.querySelector("details");
        if (details.open) div.corridorsOpenSize = [details.offsetWidth, details.offsetHeight];
        var size = div.corridorsOpenSize;
        if (!size) {  // measured open once, then put back as it was
            details.open = true;
            size = div.corridorsOpenSize = [details.offsetWidth, details.offsetHeight];
            details.open = false;
        }
        var at = map.getContainer().getBoundingClientRect(), r = details.getBoundingClientRect();
        var box = {left: r.left - at.left, bottom: r.bottom - at.top};
        box.right = box.left + size[0];
        box.top = box.bottom - size[1];
        var open = !underBox(map, box);
        if (details.open !== open) details.open = open;
    }

    // A map has drawn a selection (live) or a layer (a standalone file) in ``year``: say
    // the year on the map and list in the legend what is drawn.
    function shown(map, year) {
        if (year !== undefined && year !== null) showYear(map, year);
        refreshLegend(map);
    }

    // A standalone file's title block (top left) and its credits in the attribution.
    function addTitle(map, html, credits) {
        if (map.zoomControl) map.zoomControl.setPosition("bottomright");
        htmlControl(map, "topleft", "corridors-title", html);
        map.attributionControl.addAttribution(credits);
    }

    // The year the map shows, on the map itself (top right): a glance, a screenshot or a
    // playback frame says which year it is. One control per map; its text is replaced.
    function showYear(map, year) {
        if (!map.corridorsYear) {
            map.corridorsYear = htmlControl(map, "topright", "corridors-year", "", function (div) {
                div.title = (root.corridorsWords || {}).year_shown || "";
            });
        }
        map.corridorsYear.getContainer().textContent = String(year);
    }

    // Room between the legend and the data the map opens on (px), the control's own 10 px
    // margin included.
    var LEGEND_MARGIN = 20;

    // The bounds and top-left padding to open on, for a map ``size`` wide. Pure.
    function opening(view, size) {
        var narrow = size.x < view.narrow_px;
        return {
            bounds: narrow ? view.narrow_bounds : view.bounds,
            pad: narrow || !view.leave_legend ? [0, 0] : [view.pad, 0]
        };
    }

    // Open on an extent, minding the screen. A map drawn into a frame not laid out yet has
    // no size, and fitting it then opens on the whole world: wait (briefly) for its size.
    function fitView(map, view) {
        var tries = 0;
        (function fit() {
            var size = map.invalidateSize({pan: false}).getSize();
            if ((size.x < 50 || size.y < 50) && tries++ < 100) {
                setTimeout(fit, 30);
                return;
            }
            // The legend's column as wide as the legend's box is (its own max-width holds
            // it even before Leaflet's stylesheet floats the control), never half the map.
            var legend = map.getContainer().querySelector(".corridors-legend details");
            if (legend && legend.offsetWidth) {
                var pad = Math.min(legend.offsetWidth + LEGEND_MARGIN, size.x / 2);
                view = Object.assign({}, view, {pad: pad});
            }
            var o = opening(view, size);
            map.fitBounds(o.bounds, {paddingTopLeft: o.pad});
        })();
    }

    // The map's opening view, kept: Reset filters goes back to it (focus "home").
    function openOn(map, view) {
        map.corridorsOpening = view;
        fitView(map, view);
    }

    // The dashboard's focus, acted on once per nonce: scroll the map into view, go back to
    // the opening view, fit it to bounds, name a place, or open a feature's popup once the
    // live map holds it. Also says the page's language (Streamlit hard-codes <html
    // lang="en">).
    var acted = null;
    function focus(wanted, lang) {
        try { root.parent.document.documentElement.lang = lang; } catch (e) { /* cross-origin */ }
        if (!wanted || acted === wanted.nonce) return;
        acted = wanted.nonce;
        var map = root.corridorsMap.map(), tries = 0;
        if (wanted.scroll && root.frameElement) {
            root.frameElement.scrollIntoView({block: "center"});
        }
        if (wanted.home && map.corridorsOpening) { fitView(map, map.corridorsOpening); return; }
        if (wanted.bounds) { map.fitBounds(wanted.bounds); return; }
        if (wanted.place && wanted.center) {
            root.corridorsPopup.placePopup(map, wanted.center, wanted.place);
            return;
        }
        (function open() {
            var found = wanted.feature_id && root.corridorsMap.find(wanted.feature_id);
            if (found) {
                root.corridorsPopup.popupOf(found);
            } else if (wanted.feature_id && tries++ < 50) {
                // The library may still be on its way: look again shortly.
                setTimeout(open, 100);
            }
        })();
    }

    var api = {scaleText: scaleText, addScale: addScale, nameControls: nameControls,
               addLegend: addLegend, legendShows: legendShows, rowShown: rowShown,
               refreshLegend: refreshLegend, segmentHits: segmentHits, keepClear: keepClear,
               shown: shown, addTitle: addTitle, showYear: showYear, opening: opening,
               fitView: fitView, openOn: openOn, focus: focus};
    root.corridorsExtras = api;
    if (typeof module === "object" && module.exports) module.exports = api;
})(typeof window === "undefined" ? globalThis : window);
