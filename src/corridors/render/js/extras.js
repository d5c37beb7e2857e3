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

    // The legend; on a phone it starts folded: the map comes first, the key on a tap.
    function addLegend(map, html, narrowPx) {
        return htmlControl(map, "bottomleft", "corridors-legend", html, function (div) {
            if (map.getSize().x < narrowPx) div.querySelector("details").removeAttribute("open");
        });
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
            var o = opening(view, size);
            map.fitBounds(o.bounds, {paddingTopLeft: o.pad});
        })();
    }

    // The dashboard's focus, acted on once per nonce: scroll the map into view, fit it to
    // bounds, or open a feature's popup once the live map holds it. Also says the page's
    // language (Streamlit hard-codes <html lang="en">).
    var acted = null;
    function focus(wanted, lang) {
        try { root.parent.document.documentElement.lang = lang; } catch (e) { /* cross-origin */ }
        if (!wanted || acted === wanted.nonce) return;
        acted = wanted.nonce;
        var map = root.corridorsMap.map(), tries = 0;
        if (wanted.scroll && root.frameElement) {
            root.frameElement.scrollIntoView({block: "center"});
        }
        if (wanted.bounds) { map.fitBounds(wanted.bounds); return; }
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

    var api = {scaleText: scaleText, addScale: addScale, addLegend: addLegend,
               addTitle: addTitle, showYear: showYear, opening: opening, fitView: fitView,
               focus: focus};
    root.corridorsExtras = api;
    if (typeof module === "object" && module.exports) module.exports = api;
})(typeof window === "undefined" ? globalThis : window);
