/*
 * The map's files asked for from the page's first bytes (issue 23), behind nginx.
 *
 * The page's own preload (preload.js, in its first element) can only run once Streamlit's
 * front end has loaded, connected and drawn that element: on a phone network about six
 * seconds in, while the line sat idle between Streamlit's many small files. nginx adds
 * this file to the page's head (deploy/nginx.conf.template), and the app writes it
 * (corridors.ui.first_visit) with the files a first visit in each language opens on, so
 * they come in alongside Streamlit's own.
 *
 * Only what the visit will surely load: the map's file holds the opening view, so it is
 * asked for only when the address names nothing but the language (a shared link's
 * countries open the map elsewhere, with another file). A guess here costs bytes on a
 * slow line, never a wrong map: the frame loads by name what it needs.
 */
(function (root) {
    "use strict";

    // The files to ask for: [{href, as} or {href, rel}], from the manifest the app wrote:
    // {languages: [...], default: "en", files: {lang: [{href, as, view}, ...]}}.
    function firstVisitFiles(manifest, search, browserLanguage) {
        var params = new URLSearchParams(search);
        var lang = params.get("lang");
        if (lang === null) {  // the app's rule (corridors.i18n.negotiate): the browser's
            var primary = String(browserLanguage || "").replace("_", "-").split("-")[0];
            lang = primary.toLowerCase();
            if (manifest.languages.indexOf(lang) < 0) lang = manifest.default;
        }
        var onlyLanguage = Array.from(params.keys()).every(function (k) { return k === "lang"; });
        return (manifest.files[lang] || []).filter(function (f) {
            return onlyLanguage || !f.view;
        }).map(function (f) {  // as preload() takes it: all but the view mark
            var link = {};
            Object.keys(f).forEach(function (k) { if (k !== "view") link[k] = f[k]; });
            return link;
        });
    }

    root.corridorsFirstVisit = firstVisitFiles;
    if (typeof module === "object" && module.exports) {
        module.exports = {firstVisitFiles: firstVisitFiles};
    }
})(typeof window === "undefined" ? globalThis : window);
