// Unit tests of the page script's pure part (src/corridors/ui/js), run by Node's own test
// runner: `node --test tests/js` (make test runs it).
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");

const scrollboxes = require(path.join(
    __dirname, "..", "..", "src", "corridors", "ui", "js", "scrollboxes.js"));

function box(scrollWidth, clientWidth, scrollHeight = 100, clientHeight = 100) {
    return {scrollWidth, clientWidth, scrollHeight, clientHeight};
}

test("a box overflows when its content is wider or taller than it", () => {
    assert.equal(scrollboxes.overflows(box(488, 356)), true);  // the trade table on a phone
    assert.equal(scrollboxes.overflows(box(356, 356, 180, 64)), true);
});

test("a box that fits, give or take a pixel of rounding, does not", () => {
    assert.equal(scrollboxes.overflows(box(356, 356)), false);
    assert.equal(scrollboxes.overflows(box(357, 356)), false);
});

const preloader = require(path.join(
    __dirname, "..", "..", "src", "corridors", "ui", "js", "preload.js"));

// A document with just what preload() touches: <head>, its links, baseURI.
function fakeDocument(baseURI) {
    const links = [];
    return {
        baseURI,
        links,
        head: {appendChild: (el) => links.push(el)},
        createElement: () => ({}),
        querySelectorAll: () => links.filter((l) => l.rel === "preload"),
    };
}

test("the map's files are preloaded once each, resolved against the page", () => {
    globalThis.document = fakeDocument("http://example.org/app/?countries=KAZ");
    const files = [
        {href: "component/a/static/js/main.1.js", as: "script"},
        {href: "component/b/map-en-0123456789abcdef0123.js", as: "script"},
        {href: "component/c/features-en-0123456789abcdef0123.json.gz", as: "fetch"},
    ];
    preloader.preload(files);
    preloader.preload(files);  // a rerun names the same files: nothing more is fetched
    const links = globalThis.document.links;
    assert.deepEqual(links.map((l) => l.href), [
        "http://example.org/app/component/a/static/js/main.1.js",
        "http://example.org/app/component/b/map-en-0123456789abcdef0123.js",
        "http://example.org/app/component/c/features-en-0123456789abcdef0123.json.gz",
    ]);
    assert.deepEqual(links.map((l) => l.as), ["script", "script", "fetch"]);
    // fetch() asks in CORS mode: the preload must too, or the browser fetches it twice.
    assert.deepEqual(links.map((l) => l.crossOrigin), [undefined, undefined, "anonymous"]);
    delete globalThis.document;
});

test("Streamlit's own module scripts are asked for as modules, once", () => {
    globalThis.document = fakeDocument("http://example.org/");
    globalThis.document.querySelectorAll = () => globalThis.document.links;
    const chunk = {href: "static/js/ComponentInstance.CalcFcAY.js", rel: "modulepreload"};
    preloader.preload([chunk]);
    preloader.preload([chunk]);
    const links = globalThis.document.links;
    assert.equal(links.length, 1);
    assert.equal(links[0].rel, "modulepreload");
    assert.equal(links[0].as, undefined);
    // A module script is fetched in CORS mode (as Streamlit's own modulepreload links ask).
    assert.equal(links[0].crossOrigin, "anonymous");
    delete globalThis.document;
});

const firstVisit = require(path.join(
    __dirname, "..", "..", "src", "corridors", "ui", "js", "first_visit.js"));

const MANIFEST = {
    languages: ["en", "zh", "ru"],
    default: "en",
    files: {
        en: [
            {href: "component/f/main.1.js", as: "script"},
            {href: "component/p/map-en-0123456789abcdef0123.js", as: "script", view: true},
            {href: "component/p/features-en-0123456789abcdef0123.json.gz", as: "fetch"},
        ],
        ru: [{href: "component/p/features-ru-0123456789abcdef0123.json.gz", as: "fetch"}],
    },
};

const hrefs = (files) => files.map((f) => f.href);

test("a first visit asks for its language's files, the map's only for the opening view", () => {
    const all = hrefs(MANIFEST.files.en);
    assert.deepEqual(hrefs(firstVisit.firstVisitFiles(MANIFEST, "", "en-GB")), all);
    assert.deepEqual(hrefs(firstVisit.firstVisitFiles(MANIFEST, "?lang=en", "ru-RU")), all);
    // A shared link's countries or extent open the map elsewhere: not its file.
    assert.deepEqual(hrefs(firstVisit.firstVisitFiles(MANIFEST, "?lang=en&countries=KAZ", "en")),
        [all[0], all[2]]);
    // What is asked for is {href, as}, as preload() takes it.
    assert.deepEqual(firstVisit.firstVisitFiles(MANIFEST, "", "en")[1],
        {href: all[1], as: "script"});
});

test("the language is the address's, else the browser's as the app negotiates it", () => {
    const ru = hrefs(MANIFEST.files.ru);
    assert.deepEqual(hrefs(firstVisit.firstVisitFiles(MANIFEST, "", "ru_RU")), ru);
    assert.deepEqual(hrefs(firstVisit.firstVisitFiles(MANIFEST, "", "RU")), ru);
    // No such language in the app: its default, as corridors.i18n.negotiate.
    assert.deepEqual(hrefs(firstVisit.firstVisitFiles(MANIFEST, "", "de-DE")),
        hrefs(MANIFEST.files.en));
    assert.deepEqual(hrefs(firstVisit.firstVisitFiles(MANIFEST, "", undefined)),
        hrefs(MANIFEST.files.en));
    // A language no session has opened in yet, or one the app lacks: nothing guessed.
    assert.deepEqual(firstVisit.firstVisitFiles(MANIFEST, "?lang=zh", "en"), []);
    assert.deepEqual(firstVisit.firstVisitFiles(MANIFEST, "?lang=xx", "en"), []);
});
