// Unit tests of the map scripts' pure parts (src/corridors/render/js), run by Node's own
// test runner: `node --test tests/js` (make test runs it).
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");
const fs = require("node:fs");

const JS = path.join(__dirname, "..", "..", "src", "corridors", "render", "js");
const popups = require(path.join(JS, "popups.js"));
const layers = require(path.join(JS, "layers.js"));
const live = require(path.join(JS, "live.js"));
const labels = require(path.join(JS, "labels.js"));
const extras = require(path.join(JS, "extras.js"));

test("fill keeps the translation's order and its values as given", () => {
    const status = {tag: "b"};
    assert.deepEqual(
        popups.fill("{kind} — {status} in {year}", {kind: "Gas pipeline", status, year: 2020}),
        ["", "Gas pipeline", " — ", status, " in ", 2020, ""]);
    assert.deepEqual(popups.fill("{year} 年{kind}", {kind: "铁路", year: 2024}),
        ["", 2024, " 年", "铁路", ""]);
    assert.deepEqual(popups.fill("no placeholders", {}), ["no placeholders"]);
});

test("pluralForm picks the CLDR category of the language", () => {
    const ru = {one: "{n} объект", few: "{n} объекта", many: "{n} объектов",
                other: "{n} объекта"};
    assert.equal(popups.pluralForm(ru, "ru", 1), "1 объект");
    assert.equal(popups.pluralForm(ru, "ru", 3), "3 объекта");
    assert.equal(popups.pluralForm(ru, "ru", 5), "5 объектов");
    assert.equal(popups.pluralForm(ru, "ru", 21), "21 объект");
    const en = {one: "{n} feature here", other: "{n} features here"};
    assert.equal(popups.pluralForm(en, "en", 1), "1 feature here");
    assert.equal(popups.pluralForm(en, "en", 2), "2 features here");
    // Chinese has one category ("other"); a missing category falls back to it.
    assert.equal(popups.pluralForm({other: "此处 {n} 个"}, "zh", 1), "此处 1 个");
});

test("only http(s) URLs become links; a link shows its host", () => {
    assert.ok(popups.isWebURL("https://www.example.org/a"));
    assert.ok(popups.isWebURL("HTTP://example.org"));
    assert.ok(!popups.isWebURL("javascript:alert(1)"));
    assert.ok(!popups.isWebURL(" https://x"));
    assert.ok(!popups.isWebURL(null));
    assert.equal(popups.host("https://www.xinhuanet.com/x?y=1"), "xinhuanet.com");
    assert.equal(popups.host("not a url"), "not a url");
});

test("a popup fits a 320-px phone's map, below the zoom buttons", () => {
    const zoom = {top: 10, bottom: 71};
    const phone = popups.popupOptions({x: 288, y: 620}, zoom);
    // The whole popup (content + 47 px of Leaflet's margins) within the map, 8 px each side.
    assert.equal(phone.maxWidth + 47 + 2 * 8, 288);
    assert.deepEqual(phone.autoPanPaddingTopLeft, [8, 79]);
    assert.ok(phone.maxHeight <= 320);
    const desk = popups.popupOptions({x: 945, y: 620}, zoom);
    assert.equal(desk.maxWidth, 360);
    // Zoom buttons at the bottom (a standalone file's title block moves them there).
    const low = popups.popupOptions({x: 945, y: 620}, {top: 540, bottom: 601});
    assert.deepEqual(low.autoPanPaddingTopLeft, [8, 8]);
    assert.deepEqual(low.autoPanPaddingBottomRight, [8, 88]);
});

test("a citation's parts: title, byline and language where the registry gives them", () => {
    assert.deepEqual(popups.citationParts(["https://a.org/x", "Title", "Xinhua, 2023", "zh"]),
        {url: "https://a.org/x", title: "Title", byline: "Xinhua, 2023", lang: "zh"});
    assert.deepEqual(popups.citationParts(["https://a.org/x"]),
        {url: "https://a.org/x", title: "", byline: "", lang: ""});
    // A model made before the registry: a bare URL.
    assert.deepEqual(popups.citationParts("https://a.org/x"),
        {url: "https://a.org/x", title: "", byline: "", lang: ""});
});

test("styleKey matches the Python side's keys", () => {
    assert.equal(layers.styleKey("pipeline", "operating", "LineString"), "pipeline|operating|L");
    assert.equal(layers.styleKey("capital", "existing", "MultiPoint"), "capital|existing|P");
    assert.equal(layers.styleKey("railway", "planned", "MultiLineString"), "railway|planned|L");
});

test("a feature's casings are stroked beneath it, widest first, in the same pass", () => {
    const calls = [];
    const ctx = {
        setLineDash(d) { calls.push(["dash", d]); },
        stroke() { calls.push(["stroke", this.strokeStyle, this.lineWidth]); }
    };
    // Leaflet's canvas renderer, as far as the casings touch it.
    function Canvas() {}
    Canvas.prototype._fillStroke = function (c, layer) {
        c.setLineDash([]);
        c.strokeStyle = layer.options.color;
        c.lineWidth = layer.options.weight;
        c.stroke();
    };
    Canvas.include = function (props) { Object.assign(Canvas.prototype, props); };
    layers.installCasings({Canvas});
    layers.installCasings({Canvas});  // twice (two maps on a page): still drawn once
    const options = {
        stroke: true, color: "#0072B2", weight: 4, lineCap: "butt", lineJoin: "round",
        casings: [{color: "#ffffff", weight: 8, dash: null},
                  {color: "#333333", weight: 6, dash: [3, 4, 1, 0]}]
    };
    new Canvas()._fillStroke(ctx, {options});
    assert.deepEqual(calls.filter((c) => c[0] === "stroke").map((c) => c.slice(1)),
        [["#ffffff", 8], ["#333333", 6], ["#0072B2", 4]]);
    assert.deepEqual(calls.filter((c) => c[0] === "dash").map((c) => c[1]),
        [[], [3, 4, 1, 0], []]);
    // An uncased layer (the choropleth, a capital) is drawn as Leaflet draws it.
    calls.length = 0;
    new Canvas()._fillStroke(ctx, {options: {stroke: true, color: "#555555", weight: 1}});
    assert.deepEqual(calls.filter((c) => c[0] === "stroke").map((c) => c.slice(1)),
        [["#555555", 1]]);
    // The symbol reaches half its widest stroke from its path (redraws and clicks).
    assert.equal(layers.reach(options), 4);
    assert.equal(layers.reach({weight: 2}), 1);
    assert.equal(layers.reach({stroke: false, weight: 3}), 0);
});

test("a library packed by Python unpacks to the same data", async () => {
    const fixture = JSON.parse(fs.readFileSync(path.join(__dirname, "fixtures", "packed.json")));
    assert.deepEqual(await layers.unpack(fixture.b64), fixture.data);
    const bytes = Buffer.from(fixture.b64, "base64");
    assert.deepEqual(await layers.gunzipJSON(new Blob([bytes]).stream()), fixture.data);
});

test("a broken pack is an error, not data", async () => {
    await assert.rejects(layers.unpack(Buffer.from("not gzip").toString("base64")));
});

test("decode reads one code per library feature", () => {
    const statuses = {a: "operating", b: "planned"};
    assert.deepEqual(live.decode("a.b", statuses, 3), ["operating", null, "planned"]);
    // Fewer codes than features: the rest are hidden, never shown in a guessed status.
    assert.deepEqual(live.decode("a", statuses, 3), ["operating", null, null]);
    assert.deepEqual(live.decode("", statuses, 0), []);
});

test("a country's name finds room between markers, near its point", () => {
    // Kyrgyzstan on a phone at zoom 5: cased markers left of, below and above-right of its
    // point; the five spots tried before (centre, 18 px up or down, 40 px sideways) all
    // touched one, and the name was dropped.
    const name = {x: 240, y: 334, w: 90, h: 14, place: false};
    const markers = [{x: 227, y: 328, r: 12}, {x: 257, y: 353, r: 12}, {x: 265, y: 287, r: 12}]
        .map(m => ({left: m.x - m.r, right: m.x + m.r, top: m.y - m.r, bottom: m.y + m.r, ...m}));
    const [at] = labels.plan([name], markers, {x: 360, y: 620});
    assert.ok(at, "no spot found");
    const centre = [at[0] + name.w / 2, at[1] + name.h / 2];
    assert.ok(Math.abs(centre[0]) <= 50 && Math.abs(centre[1]) <= 24, centre);
    const spots = labels.areaSpots(90, 14).map(s => Math.hypot(s[0] + 45, s[1] + 7));
    assert.equal(spots[0], 0);  // centred first, then nearest first
    assert.deepEqual(spots, [...spots].sort((a, b) => a - b));
});

test("labels avoid markers, each other and the map's edge", () => {
    const size = {x: 200, y: 100};
    const marker = {left: 95, right: 105, top: 45, bottom: 55, x: 100, y: 50, r: 5};
    const place = {x: 100, y: 50, w: 40, h: 12, place: true};
    const [at] = labels.plan([place], [marker], size);
    // Beside the marker on its right, clear of its radius.
    assert.deepEqual(at, [8, -6]);
    // A second label on the same point goes to the other side.
    const both = labels.plan([place, place], [marker], size);
    assert.deepEqual(both[1], [-48, -6]);
    // At the right edge the right-hand spot is cut off: left of the point instead.
    const edge = labels.plan([{x: 190, y: 50, w: 40, h: 12, place: true}], [], size);
    assert.deepEqual(edge[0], [-47, -6]);
    // A control (the legend, the zoom buttons) in the way: the next spot.
    const legend = {left: 105, right: 200, top: 0, bottom: 100};
    assert.deepEqual(labels.plan([place], [marker], size, [legend])[0], [-48, -6]);
    // Nowhere to go: hidden.
    assert.deepEqual(labels.plan([{x: 5, y: 5, w: 300, h: 12, place: false}], [], size), [null]);
});

test("a place's name sits nearer its own point than any other marker, or is left out", () => {
    const size = {x: 300, y: 100};
    const own = {left: 95, right: 105, top: 45, bottom: 55, x: 100, y: 50, r: 5};
    // Another marker just past the right-hand spot's end: the name would read as its.
    const other = {left: 147, right: 157, top: 45, bottom: 55, x: 152, y: 50, r: 5};
    const place = {x: 100, y: 50, w: 40, h: 12, place: true};
    assert.deepEqual(labels.plan([place], [own, other], size)[0], [-48, -6]);  // left
    // Markers on both sides, above and below: no spot is unambiguous, so no label.
    const around = [own, other, {...other, x: 48, left: 43, right: 53},
                    {...other, x: 100, y: 22, left: 95, right: 105, top: 17, bottom: 27},
                    {...other, x: 100, y: 78, left: 95, right: 105, top: 73, bottom: 83}];
    assert.deepEqual(labels.plan([place], around, size), [null]);
    // A bare point (no marker): other markers must be twice as far as the point.
    const rect = {left: 107, right: 147, top: 44, bottom: 56};
    assert.ok(labels.ownNearest(rect, place, [{x: 165, y: 50, r: 3}]));
    assert.ok(!labels.ownNearest(rect, place, [{x: 158, y: 50, r: 3}]));
});

test("a country's name is centred on its point when there is room", () => {
    const [at] = labels.plan([{x: 100, y: 50, w: 60, h: 14, place: false}], [], {x: 200, y: 100});
    assert.deepEqual(at, [-30, -7]);
});

test("overlaps is strict: touching rectangles do not overlap", () => {
    const a = {left: 0, right: 10, top: 0, bottom: 10};
    assert.ok(labels.overlaps(a, {left: 5, right: 15, top: 5, bottom: 15}));
    assert.ok(!labels.overlaps(a, {left: 10, right: 20, top: 0, bottom: 10}));
});

test("the opening view leaves the legend's column free on a wide map only", () => {
    const view = {bounds: [[1, 2], [3, 4]], narrow_bounds: [[5, 6], [7, 8]],
                  leave_legend: true, pad: 170, narrow_px: 600};
    assert.deepEqual(extras.opening(view, {x: 1200, y: 600}),
        {bounds: [[1, 2], [3, 4]], pad: [170, 0]});
    assert.deepEqual(extras.opening(view, {x: 390, y: 600}),
        {bounds: [[5, 6], [7, 8]], pad: [0, 0]});
    assert.deepEqual(extras.opening({...view, leave_legend: false}, {x: 1200, y: 600}).pad, [0, 0]);
});

test("the scale bar's units are the reader's", () => {
    const units = {km: "км", m: "м"};
    assert.equal(extras.scaleText("500 km", units), "500 км");
    assert.equal(extras.scaleText("300 m", units), "300 м");
    assert.equal(extras.scaleText("100 mi", units), "100 mi");
});
