/*
 * Popups and tooltips, built from a feature's model (corridors.render.popups.popup_model)
 * and the map's words (popup_words), sent once per map. Text from the data goes in through
 * textContent only, and only http(s) URLs become links: nothing from the data is parsed as
 * markup. A click opens one popup listing every feature under the pointer (lines A and B
 * share a route, summits sit on capitals), so every feature can be reached.
 */
(function (root) {
    "use strict";

    // "{kind} — {status} in {year}" as a list of its parts, values (text or elements) in
    // the translation's order. Pure: tested under Node.
    function fill(template, values) {
        var out = [], re = /\{(\w+)\}/g, last = 0, m;
        while ((m = re.exec(template))) {
            out.push(template.slice(last, m.index));
            out.push(values[m[1]]);
            last = re.lastIndex;
        }
        out.push(template.slice(last));
        return out;
    }

    // The words for ``n`` in the language's CLDR plural category ("{n} features here").
    function pluralForm(forms, lang, n) {
        var form = forms[new Intl.PluralRules(lang).select(n)] || forms.other;
        return form.replace("{n}", n);
    }

    // A URL's host without "www.", as a link's text; the URL itself where it has none.
    function host(url) {
        try { return new URL(url).hostname.replace(/^www\./, ""); } catch (e) { return url; }
    }

    function isWebURL(url) {
        return typeof url === "string" && /^https?:\/\//i.test(url);
    }

    function listOf(items, lang) {
        try { return new Intl.ListFormat(lang, {type: "conjunction"}).format(items); }
        catch (e) { return items.join(", "); }
    }

    function el(tag, attrs, text) {
        var node = document.createElement(tag);
        Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
        if (text !== undefined && text !== null) node.textContent = String(text);
        return node;
    }

    function append(node, parts) {
        parts.forEach(function (p) {
            node.appendChild(typeof p === "object" ? p : document.createTextNode(String(p)));
        });
        return node;
    }

    // A source as its parts: [url, title, byline, lang] (a bare [url] where the sources
    // registry gives no title; a string in models made before the registry). Pure: tested.
    function citationParts(c) {
        var parts = typeof c === "string" ? [c] : (c || []);
        return {url: parts[0], title: parts[1] || "", byline: parts[2] || "", lang: parts[3] || ""};
    }

    // A source: its title as the link's text, then who published it and when, and the host
    // the link goes to ("Title — Xinhua, 19 May 2023 (xinhuanet.com)"); the host alone as
    // the link where the registry gives no title. Only an http(s) URL becomes a link.
    function citation(c) {
        var p = citationParts(c), span = el("span", {"class": "citation"});
        if (!isWebURL(p.url)) {
            span.textContent = String(p.url);
            return span;
        }
        var a = el("a", {target: "_blank", rel: "noopener noreferrer"}, p.title || host(p.url));
        if (p.title && p.lang) a.setAttribute("lang", p.lang);
        a.href = p.url;
        span.appendChild(a);
        if (p.title) {
            var said = (p.byline ? " \u2014 " + p.byline : "") + " (" + host(p.url) + ")";
            span.appendChild(el("span", {"class": "byline"}, said));
        }
        return span;
    }

    function name(p, w) {
        var b = el("b");
        if (!p.f) { b.textContent = p.n; return b; }
        b.appendChild(el("span", {lang: "en"}, p.n));
        b.appendChild(document.createTextNode(" "));
        b.appendChild(el("sup", {"class": "fallback", title: w.fallback}, "EN"));
        return b;
    }

    function otherNames(p) {
        var names = el("div", {"class": "names"});
        p.o.forEach(function (o, i) {
            if (i) names.appendChild(document.createTextNode(" · "));
            names.appendChild(el("span", {lang: o[0]}, o[1]));
        });
        return names;
    }

    // What a feature is and its status: in ``year`` for what is built ("Railway — under
    // construction in 2019"), on its own date for an event ("Summit — held 18–19 May 2023",
    // on every year's map), nothing for a timeless kind (a capital).
    function kindLine(props, year, w) {
        var kind = w.kinds[props.kind] || props.kind, p = props._p || {};
        if (w.timeless.indexOf(props.kind) >= 0) return el("div", {}, kind);
        var when = p.dt || (p.y && p.y.o);
        if (w.events.indexOf(props.kind) >= 0 && when) {
            var words = props.status === "held" ? w.event_held : w.event_ahead;
            return append(el("div"), fill(words, {kind: kind, when: el("b", {}, when), year: year}));
        }
        if (props.status === "undated") return append(el("div"), fill(w.undated_line, {kind: kind}));
        var said = (w.said && w.said[props.status]) || w.statuses[props.status] || props.status;
        return append(el("div"), fill(w.status_line, {kind: kind, status: el("b", {}, said),
                                                      year: year}));
    }

    // The years a feature's steps happened ("announced 2012; opened 2016"); an event's
    // own date is on its kind line already.
    function yearsLine(props, w) {
        var p = props._p, event = w.events.indexOf(props.kind) >= 0;
        var said = ["a", "c", "s", "o"].filter(function (k) {
            return p.y[k] && !(event && k === "o");
        }).map(function (k) { return w.years[k].replace("{year}", p.y[k]); });
        return said.length ? el("div", {}, said.join("; ")) : null;
    }

    function milestones(p, w) {
        var details = el("details", {"class": "milestones"});
        details.appendChild(el("summary", {}, pluralForm(w.milestones, w.lang, p.m.length)));
        var ul = el("ul");
        p.m.forEach(function (m) {
            var li = el("li");
            li.appendChild(el("b", {}, m[0]));
            li.appendChild(document.createTextNode(" "));
            li.appendChild(el("span", {lang: "en"}, m[1]));
            var src = el("span", {"class": "src"}, " (");
            src.appendChild(citation(m[2]));
            src.appendChild(document.createTextNode(")"));
            li.appendChild(src);
            ul.appendChild(li);
        });
        details.appendChild(ul);
        return details;
    }

    // "Sources:" and one source a line, each told by its title, publisher and date.
    function sourcesLine(p, w) {
        var sources = el("div", {"class": "sources"}, w.sources);
        var ul = el("ul");
        (p.src || []).forEach(function (s) {
            var li = el("li");
            li.appendChild(citation(s));
            ul.appendChild(li);
        });
        sources.appendChild(ul);
        return sources;
    }

    // A feature's popup element: its names, kind and status in ``year``, years, figures,
    // countries, description, milestones and sources, in the words ``w``.
    function popup(props, year, w) {
        if (props._trade) return tradePopup(props, w);  // a country of the trade choropleth
        var p = props._p, root = el("div", {"class": "corridors-popup"});
        root.setAttribute("data-feature-id", props.id);
        root.appendChild(name(p, w));
        if (p.o) root.appendChild(otherNames(p));
        root.appendChild(kindLine(props, year, w));
        var event = w.events.indexOf(props.kind) >= 0;
        if (p.dt && !event) root.appendChild(append(el("div"), fill(w.dates, {dates: p.dt})));
        var years = p.y && yearsLine(props, w);
        if (years) root.appendChild(years);
        (p.q || []).forEach(function (q) { root.appendChild(el("div", {}, q)); });
        var countries = listOf((p.c || []).map(function (c) { return w.countries[c] || c; }),
            w.lang);
        root.appendChild(append(el("div"), fill(w.countries_line, {names: countries})));
        if (p.d) root.appendChild(el("p", {"class": "desc", lang: "en"}, p.d));
        if (p.oc) {
            var oc = el("p", {"class": "outcomes"}, w.outcomes + " ");
            oc.appendChild(el("span", {lang: "en"}, p.oc));
            root.appendChild(oc);
        }
        if (p.m && p.m.length) root.appendChild(milestones(p, w));
        root.appendChild(sourcesLine(p, w));
        return root;
    }

    // A country's trade popup (the choropleth's): the total and whose it is, each flow as
    // China and as the country report it with the difference, China's balance, why a side
    // is empty, and the sources. Values come formatted (corridors.render.popups).
    function tradePopup(props, w) {
        var t = props._trade, tw = w.trade, box = el("div", {"class": "corridors-popup corridors-trade"});
        box.setAttribute("data-feature-id", props.id);
        box.appendChild(el("b", {}, t.n));
        box.appendChild(append(el("div"), fill(tw.title, {year: t.y})));
        if (t.tot) {
            var whose = t.who === "partner" ? tw.partner : tw.china;
            var how = t.db ? tw.database : tw.published;
            box.appendChild(append(el("div"), fill(tw.total, {figure: el("b", {}, t.tot)})));
            box.appendChild(el("div", {"class": "note"}, whose + " · " + how));
        } else {
            box.appendChild(el("div", {}, tw.none));
        }
        var table = el("table"), head = el("tr");
        [tw.unit, tw.head_china, t.n, tw.head_diff].forEach(function (h) {
            head.appendChild(el("th", {}, h));
        });
        table.appendChild(head);
        [tw.from, tw.to].forEach(function (label, i) {
            var tr = el("tr");
            tr.appendChild(el("td", {}, label));
            t.rows[i].forEach(function (v) { tr.appendChild(el("td", {}, v || "—")); });
            table.appendChild(tr);
        });
        box.appendChild(table);
        if (t.bal) box.appendChild(append(el("div"), fill(tw.balance, {value: t.bal})));
        if (t.est) box.appendChild(el("div", {"class": "note"}, tw.estimate));
        else if (!t.rows[0][1] && !t.rows[1][1]) {
            box.appendChild(el("div", {"class": "note"}, tw.no_side));
        }
        if (t.gap) {
            var gap = el("div", {"class": "note"}, tw.searched + " ");
            gap.appendChild(el("span", {lang: "en"}, t.gap));
            box.appendChild(gap);
        }
        box.appendChild(sourcesLine(t, w));
        return box;
    }

    // The trade popup of the country under a click (``group``: the layer group whose
    // tooltip is open over it; the popup says all the tooltip did, and more).
    function tradePopupAt(layer, e, group) {
        root.L.DomEvent.stop(e);
        if (group) group.closeTooltip();
        var map = layer._map;
        openPopup(map, [layer], map.mouseEventToLatLng(e.originalEvent));
    }

    function tooltip(props, w) {
        var node = el("div");
        node.appendChild(name(props._p, w));
        node.appendChild(el("br"));
        node.appendChild(document.createTextNode(w.statuses[props.status] || props.status));
        return node;
    }

    // Leaflet's popup around its content: the content's margins (20 + 24 px), the wrapper's
    // border (2 px) and the one pixel Leaflet adds to the width it measured.
    var POPUP_CHROME_X = 47, POPUP_CHROME_Y = 28, POPUP_TIP = 20, EDGE = 8;

    // Popup options that keep a popup inside a map ``size`` ({x, y}) wide and high, from a
    // 320-px phone up: no wider than the map (close button included), below the zoom
    // buttons when they sit at the top (``zoom``: their box in the map, or null), above
    // the attribution, scrolling inside when taller than the room. Pure.
    function popupOptions(size, zoom) {
        var top = zoom && zoom.top < size.y / 2 ? zoom.bottom + EDGE : EDGE;
        var bottom = zoom && zoom.top >= size.y / 2 ? size.y - zoom.top + EDGE : 3 * EDGE;
        var maxWidth = Math.max(120, Math.min(360, size.x - POPUP_CHROME_X - 2 * EDGE));
        var room = size.y - top - bottom - POPUP_CHROME_Y - POPUP_TIP;
        return {
            maxWidth: maxWidth,
            minWidth: Math.min(50, maxWidth),
            maxHeight: Math.max(120, Math.min(320, room)),
            autoPanPaddingTopLeft: [EDGE, top],
            autoPanPaddingBottomRight: [EDGE, bottom]
        };
    }

    // The zoom buttons' box within the map, or null when there are none.
    function zoomBox(map) {
        var control = map.zoomControl && map.zoomControl.getContainer();
        if (!control || !control.offsetParent) return null;
        var box = control.getBoundingClientRect(), at = map.getContainer().getBoundingClientRect();
        return {top: box.top - at.top, bottom: box.bottom - at.top};
    }

    // A popup at ``at`` listing ``hits`` (a header saying how many, when more than one).
    function openPopup(map, hits, at, here) {
        var content = document.createElement("div");
        if (hits.length > 1) content.appendChild(el("div", {"class": "corridors-here"}, here));
        hits.forEach(function (h, i) {
            if (i) content.appendChild(document.createElement("hr"));
            content.appendChild(popup(h.feature.properties, h.corridorsYear, root.corridorsWords));
        });
        var options = popupOptions(map.getSize(), zoomBox(map));
        root.L.popup(options).setLatLng(at).setContent(content).openOn(map);
    }

    // One popup for everything under a click: the clicked feature first, then every other
    // feature whose drawn shape contains the point (Leaflet's own hit test).
    function popupHere(layer, e) {
        root.L.DomEvent.stop(e);
        // The pointer, not e.latlng: a marker's click reports the marker's own position.
        var map = layer._map, point = map.mouseEventToLayerPoint(e.originalEvent), hits = [layer];
        map.eachLayer(function (other) {
            if (other !== layer && other.feature && other.feature.properties._p &&
                    other._containsPoint && other._containsPoint(point)) {
                hits.push(other);
            }
        });
        var w = root.corridorsWords;
        openPopup(map, hits, map.layerPointToLatLng(point),
            pluralForm(w.here, w.lang, hits.length));
    }

    // A place's name where it is (the search box found a place, not a feature).
    function placePopup(map, at, name) {
        var content = el("div", {"class": "corridors-popup corridors-place"});
        content.appendChild(el("b", {}, name));
        root.L.popup(popupOptions(map.getSize(), zoomBox(map)))
            .setLatLng(at).setContent(content).openOn(map);
    }

    // One feature's popup, where it is (the search box's "show on map").
    function popupOf(layer) {
        var at = layer.getLatLng ? layer.getLatLng() : layer.getCenter();
        openPopup(layer._map, [layer], at);
    }

    var api = {
        fill: fill, pluralForm: pluralForm, host: host, isWebURL: isWebURL,
        citationParts: citationParts, popupOptions: popupOptions, popup: popup,
        tooltip: tooltip, openPopup: openPopup, popupHere: popupHere, popupOf: popupOf,
        placePopup: placePopup, tradePopup: tradePopup, tradePopupAt: tradePopupAt
    };
    root.corridorsPopup = api;
    if (typeof module === "object" && module.exports) module.exports = api;
})(typeof window === "undefined" ? globalThis : window);
