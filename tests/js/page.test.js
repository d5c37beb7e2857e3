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
