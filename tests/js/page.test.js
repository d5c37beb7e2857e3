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
