/*
 * Scroll boxes a keyboard can reach (WCAG 2.1.1; axe's scrollable-region-focusable).
 *
 * Streamlit's st.table scrolls sideways inside its own wrapper when the table is wider
 * than the page (a phone), but makes that wrapper focusable only when the table has a
 * fixed pixel size: at width="stretch" a keyboard cannot scroll to the last columns.
 * While a wrapper overflows, this gives it a tab stop, role=region and the table's name
 * (its ``alt``); when it fits again, they go, so a table that fits adds no tab stop.
 */
(function (root) {
    "use strict";

    var BOXES = '[data-testid="stTable"] > div';
    var OURS = "data-corridors-scroll";

    // Whether a box's content is larger than the box. Pure: tested under Node.
    function overflows(box) {
        return box.scrollWidth > box.clientWidth + 1 || box.scrollHeight > box.clientHeight + 1;
    }

    function mark(box) {
        var ours = box.hasAttribute(OURS);
        if (!ours && box.hasAttribute("tabindex")) return;  // Streamlit's own (fixed size)
        if (overflows(box)) {
            if (ours) return;
            var table = box.querySelector("table[aria-label]");
            box.setAttribute(OURS, "");
            box.setAttribute("tabindex", "0");
            box.setAttribute("role", "region");
            if (table) box.setAttribute("aria-label", table.getAttribute("aria-label"));
        } else if (ours) {
            ["tabindex", "role", "aria-label", OURS].forEach(function (a) {
                box.removeAttribute(a);
            });
        }
    }

    var pending = false;
    function scan() {
        if (pending) return;
        pending = true;
        root.requestAnimationFrame(function () {
            pending = false;
            root.document.querySelectorAll(BOXES).forEach(mark);
        });
    }

    function watch() {
        if (root.corridorsScrollboxes) return;  // once per page, whatever the reruns
        root.corridorsScrollboxes = true;
        new root.MutationObserver(scan).observe(root.document.body,
            {childList: true, subtree: true});
        root.addEventListener("resize", scan);
        scan();
    }

    if (typeof module === "object" && module.exports) {
        module.exports = {overflows: overflows};
    } else {
        watch();
    }
})(typeof window === "undefined" ? globalThis : window);
