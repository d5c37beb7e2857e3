/*
 * The map's files asked for as soon as the page knows their names (issue 23).
 *
 * The map's frame finds its files one after another: its page, then streamlit-folium's
 * script, which loads the map's file (Leaflet, the map's scripts, the base map), which
 * fetches the library of features. On a phone network each step waits a round trip
 * behind the one before, after the page has set up every element above and beside the
 * map. The page's first element knows all their names, so it asks for them at once
 * (a preload link each); the frame then finds them in the browser's cache (their names
 * change with their content, and the documented server lets browsers keep them).
 *
 * No less-than sign in this file: Streamlit's sanitizer (DOMPurify) drops a script whose
 * text holds one followed by a letter, and this script runs from the page's st.html.
 */
(function (root) {
    "use strict";

    // One preload link per file in the head, whatever the reruns: [{href, as}, ...], or
    // {href, rel: "modulepreload"} for one of Streamlit's own module scripts.
    function preload(links) {
        var doc = root.document;
        var asked = Array.prototype.map.call(
            doc.querySelectorAll('link[rel="preload"], link[rel="modulepreload"]'),
            function (l) { return l.href; });
        links.forEach(function (link) {
            var href = new URL(link.href, doc.baseURI).href;
            if (asked.indexOf(href) >= 0) return;
            var el = doc.createElement("link");
            el.rel = link.rel || "preload";
            if (link.as) el.as = link.as;
            // fetch() and module scripts ask in CORS mode: the preload must too, or the
            // browser fetches the file a second time.
            if (link.as === "fetch" || el.rel === "modulepreload") el.crossOrigin = "anonymous";
            el.href = href;
            doc.head.appendChild(el);
            asked.push(href);
        });
    }

    root.corridorsPreload = preload;
    if (typeof module === "object" && module.exports) {
        module.exports = {preload: preload};
    }
})(typeof window === "undefined" ? globalThis : window);
