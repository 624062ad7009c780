// Account pages: an advisory password strength meter (PPL-002: advisory only, the server decides)
// and the copy button for a new API token. No inline script (CSP).
(function () {
    "use strict";

    function score(value) {
        if (!value) { return 0; }
        var s = Math.min(value.length, 20) / 20 * 60;
        var classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter(function (r) { return r.test(value); }).length;
        s += classes * 10;
        if (/^(.)\1*$/.test(value)) { s = 5; }
        return Math.max(5, Math.min(100, Math.round(s)));
    }

    document.querySelectorAll("[data-password-meter]").forEach(function (input) {
        var meter = document.getElementById(input.getAttribute("data-password-meter"));
        var bar = meter && meter.querySelector(".progress-bar");
        if (!bar) { return; }
        input.addEventListener("input", function () {
            var s = score(input.value);
            bar.style.width = s + "%";
            bar.className = "progress-bar " + (s < 40 ? "bg-danger" : s < 70 ? "bg-warning" : "bg-success");
        });
    });

    document.querySelectorAll("[data-copy-target]").forEach(function (button) {
        button.addEventListener("click", function () {
            var target = document.getElementById(button.getAttribute("data-copy-target"));
            if (!target) { return; }
            var text = target.textContent.trim();
            var done = function () { if (window.pipetrakToast) { window.pipetrakToast("Token copied"); } };
            if (navigator.clipboard && navigator.clipboard.writeText) {
                navigator.clipboard.writeText(text).then(done);
            } else {
                var range = document.createRange();
                range.selectNodeContents(target);
                var sel = window.getSelection();
                sel.removeAllRanges();
                sel.addRange(range);
            }
        });
    });
})();
