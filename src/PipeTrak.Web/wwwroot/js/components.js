// Components: in-place milestone errors, "Create new…" pickers and bulk Mark Received. No inline script (CSP).
(function () {
    "use strict";

    // Refusals that carry a re-rendered row or picker (422 rule messages, 409 conflicts) are swapped in
    // place instead of shown as a toast.
    document.body.addEventListener("htmx:beforeSwap", function (evt) {
        var status = evt.detail.xhr && evt.detail.xhr.status;
        var target = evt.detail.target;
        if ((status === 422 || status === 409) && target && target.id &&
            (target.id.indexOf("component-") === 0 || target.id.indexOf("field-") === 0)) {
            evt.detail.shouldSwap = true;
            evt.detail.isError = false;
        }
    });

    // TRK-077: choosing "Create new…" reveals the name box beside the picker.
    document.addEventListener("change", function (evt) {
        var select = evt.target;
        if (!(select instanceof HTMLSelectElement) || !select.classList.contains("metadata-select")) { return; }
        var box = document.getElementById(select.dataset.newTarget || "");
        if (!box) { return; }
        var creating = select.value === "__new__";
        box.hidden = !creating;
        if (creating) {
            var input = box.querySelector("input");
            if (input) { input.focus(); }
        }
    });

    // TRK-080: count the selection, confirm above the threshold, keep the current filters.
    function selected() {
        return document.querySelectorAll('input[name="ids"][form="bulk-form"]:checked').length;
    }
    function updateCount() {
        var label = document.getElementById("bulk-selected");
        if (!label) { return; }
        var n = selected();
        label.textContent = n === 0 ? "Select components in the list first." : n + (n === 1 ? " component selected" : " components selected");
    }
    document.addEventListener("change", function (evt) {
        var el = evt.target;
        if (el instanceof HTMLInputElement && el.name === "ids") { updateCount(); }
    });
    document.body.addEventListener("htmx:afterSwap", updateCount);

    document.addEventListener("submit", function (evt) {
        var form = evt.target;
        if (!(form instanceof HTMLFormElement) || form.id !== "bulk-form") { return; }
        var n = selected();
        if (n === 0) {
            evt.preventDefault();
            if (window.pipetrakToast) { window.pipetrakToast("Select at least one component", "danger"); }
            return;
        }
        var above = parseInt(form.dataset.bulkConfirmAbove || "10", 10);
        var receiving = !evt.submitter || !evt.submitter.hasAttribute("formaction");
        if (receiving && n > above && !window.confirm("Mark " + n + " components as received?")) {
            evt.preventDefault();
            return;
        }
        var back = form.querySelector('input[name="returnQuery"]');
        if (back) { back.value = window.location.search; }
    });
})();
