// Test packages pages (PKG-003 preview, PKG-060 delete confirmation). No inline scripts (CSP).
(function () {
    'use strict';

    // PKG-003: "{n} components from {m} drawings" or "{n} components", live as boxes are ticked.
    function updatePreview() {
        var preview = document.getElementById('package-preview');
        if (!preview) { return; }
        var picked = document.querySelectorAll('input.pkg-pick:checked');
        var components = 0;
        picked.forEach(function (box) { components += parseInt(box.getAttribute('data-components') || '0', 10); });
        if (preview.getAttribute('data-tab') === 'drawings' && picked.length > 0) {
            preview.textContent = components + ' components from ' + picked.length + ' drawings';
        } else {
            preview.textContent = components + ' components';
        }
    }

    // PKG-060: the delete button stays disabled until the name is typed exactly.
    function updateDelete() {
        var input = document.getElementById('delete-confirm-name');
        var button = document.getElementById('delete-package-button');
        if (!input || !button) { return; }
        button.disabled = input.value !== input.getAttribute('data-name');
    }

    document.addEventListener('change', function (e) {
        if (e.target && e.target.classList && e.target.classList.contains('pkg-pick')) { updatePreview(); }
    });
    document.addEventListener('input', function (e) {
        if (e.target && e.target.id === 'delete-confirm-name') { updateDelete(); }
    });
    document.addEventListener('DOMContentLoaded', function () { updateDelete(); });
})();
