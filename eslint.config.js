// ESLint for the map's own scripts (src/corridors/render/js), the page's (src/corridors/ui/js)
// and their Node tests.
// The map's scripts are classic browser scripts (no bundler): ES5-style functions in an
// IIFE, Leaflet as a global; the same files export their pure parts to Node's tests.
"use strict";

const js = require("@eslint/js");
const globals = require("globals");

module.exports = [
    {ignores: ["node_modules/", ".venv/", "build/", "**/*.min.js"]},
    js.configs.recommended,
    {
        files: ["src/corridors/render/js/**/*.js", "src/corridors/ui/js/**/*.js"],
        languageOptions: {
            ecmaVersion: 2020,
            sourceType: "script",
            globals: {...globals.browser, module: "readonly", L: "readonly"},
        },
        rules: {
            "no-var": "off",
            eqeqeq: "error",
            "no-implicit-globals": "error",
            "no-unused-vars": ["error", {args: "after-used", caughtErrors: "none"}],
            strict: ["error", "function"],
        },
    },
    {
        files: ["tests/js/**/*.js", "eslint.config.js"],
        languageOptions: {
            ecmaVersion: 2022,
            sourceType: "commonjs",
            globals: {...globals.node},
        },
        rules: {eqeqeq: "error"},
    },
];
