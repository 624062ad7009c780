// Team page (PPL-060): role changes apply at once through htmx; a refused change rolls the select back.
(function () {
    "use strict";

    document.body.addEventListener("htmx:responseError", function (evt) {
        var el = evt.detail.elt;
        if (el instanceof HTMLSelectElement && el.dataset.original) {
            el.value = el.dataset.original;
        }
    });
})();
