// PipeTrak site script: antiforgery for htmx, toasts for htmx events and errors. No inline script anywhere (CSP).
(function () {
    "use strict";
    var tokenMeta = document.querySelector('meta[name="request-verification-token"]');

    document.body.addEventListener("htmx:configRequest", function (evt) {
        if (tokenMeta && evt.detail.verb !== "get") {
            evt.detail.headers["RequestVerificationToken"] = tokenMeta.content;
        }
    });

    function showToast(message, kind) {
        var container = document.getElementById("toasts");
        if (!container || !message) { return; }
        var el = document.createElement("div");
        el.className = "toast align-items-center border-0 text-bg-" + (kind || "success");
        el.setAttribute("role", kind === "danger" ? "alert" : "status");
        el.setAttribute("data-testid", "toast");
        var body = document.createElement("div");
        body.className = "d-flex";
        var text = document.createElement("div");
        text.className = "toast-body";
        text.textContent = message;
        body.appendChild(text);
        el.appendChild(body);
        container.appendChild(el);
        if (window.bootstrap) { new window.bootstrap.Toast(el, { delay: 5000 }).show(); }
        el.addEventListener("hidden.bs.toast", function () { el.remove(); });
    }
    window.pipetrakToast = showToast;

    document.body.addEventListener("showToast", function (evt) {
        showToast(evt.detail && (evt.detail.value || evt.detail), "success");
    });

    // Refusals (403, 404, 409, 422, 429) come back as a short text: show it instead of failing silently.
    document.body.addEventListener("htmx:responseError", function (evt) {
        var xhr = evt.detail.xhr;
        var text = xhr && xhr.responseText && xhr.responseText.length < 500 ? xhr.responseText : "Something went wrong. Please try again.";
        showToast(text, "danger");
    });
    document.body.addEventListener("htmx:sendError", function () {
        showToast("No connection. Check your signal and try again.", "danger");
    });

    // Confirmation prompts without inline script: <form data-confirm="...">.
    document.addEventListener("submit", function (evt) {
        var form = evt.target;
        if (form instanceof HTMLFormElement && form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
            evt.preventDefault();
        }
    }, true);
})();
