// Weld pages (no inline script, CSP).
// - WLD-084: on wide screens the weld's secondary actions start open; at 1024 px or less they stay
//   folded in the "More actions" sheet so only the applicable primary action shows.
// - Forms with data-confirm ask before posting (delete weld).
(function () {
    "use strict";

    function openOnWideScreens() {
        if (!window.matchMedia("(min-width: 1025px)").matches) {
            return;
        }
        document.querySelectorAll("details.weld-more-actions").forEach(function (d) {
            d.open = true;
        });
    }

    document.addEventListener("submit", function (e) {
        var form = e.target;
        if (form instanceof HTMLFormElement && form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
            e.preventDefault();
        }
    });

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", openOnWideScreens);
    } else {
        openOnWideScreens();
    }
})();
