// Imports: show progress while an upload is sent (the confirm button uses hx-indicator).
(function () {
    "use strict";
    document.querySelectorAll("form[data-imports-upload]").forEach(function (form) {
        form.addEventListener("submit", function () {
            form.classList.add("is-uploading");
            var button = form.querySelector("button[type=submit]");
            if (button) { button.disabled = true; }
        });
    });
})();
