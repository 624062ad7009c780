// Manhours (TRK-091): replacing the active budget recalculates every component, so ask first.
(function () {
    "use strict";
    document.addEventListener("submit", function (evt) {
        var button = evt.submitter || (evt.target && evt.target.querySelector("[data-confirm-budget]"));
        var message = button && button.getAttribute("data-confirm-budget");
        if (message && !window.confirm(message)) {
            evt.preventDefault();
        }
    });
})();
