// Drawings pages: expand a row's components, select drawings for bulk assignment, "Create new…" pickers.
(function () {
    "use strict";

    // Expand/collapse the detail row (htmx loads its components on the first click).
    document.addEventListener("click", function (evt) {
        var button = evt.target instanceof Element ? evt.target.closest("[data-expand]") : null;
        if (!button) { return; }
        var row = document.getElementById(button.getAttribute("data-expand"));
        if (!row) { return; }
        var open = row.hasAttribute("hidden");
        if (open) { row.removeAttribute("hidden"); } else { row.setAttribute("hidden", "hidden"); }
        button.setAttribute("aria-expanded", open ? "true" : "false");
    });

    function updateCount() {
        var count = document.querySelectorAll("input[data-select-row]:checked").length;
        var label = document.getElementById("bulk-count");
        if (label) { label.textContent = "(" + count + " selected" + (count > 50 ? ": select at most 50 drawings" : "") + ")"; }
        var submit = document.querySelector("[data-testid=bulk-submit]");
        if (submit) { submit.disabled = count === 0 || count > 50; }
    }

    document.addEventListener("change", function (evt) {
        var el = evt.target;
        if (!(el instanceof HTMLElement)) { return; }
        if (el.matches("input[data-select-all]")) {
            document.querySelectorAll("input[data-select-row]").forEach(function (box) { box.checked = el.checked; });
            updateCount();
        } else if (el.matches("input[data-select-row]")) {
            updateCount();
        } else if (el instanceof HTMLSelectElement && el.dataset.createToggle) {
            var panel = document.getElementById(el.dataset.createToggle);
            if (panel) {
                if (el.value === "new") {
                    panel.removeAttribute("hidden");
                    var input = panel instanceof HTMLInputElement ? panel : panel.querySelector("input");
                    if (input) { input.focus(); }
                } else {
                    panel.setAttribute("hidden", "hidden");
                }
            }
        }
    });

    // Filters change the address through htmx: the bulk form posts back to the list as it is now.
    document.addEventListener("submit", function (evt) {
        var form = evt.target;
        if (!(form instanceof HTMLFormElement) || form.id !== "bulk-form") { return; }
        var params = new URLSearchParams(window.location.search);
        params.delete("handler");
        params.set("handler", "BulkAssign");
        form.action = window.location.pathname + "?" + params.toString();
    }, true);

    // Rows are swapped by htmx when filters or pages change: the selection starts again.
    document.body.addEventListener("htmx:afterSwap", function (evt) {
        if (evt.detail.target && evt.detail.target.id === "drawing-rows") { updateCount(); }
    });
    updateCount();
})();
