// Rules of credit (TRK-024/027): live total, Save enabled only at exactly 100, Reset to defaults.
(function () {
    "use strict";

    function update(form) {
        var total = 0;
        var whole = true;
        form.querySelectorAll("input.credit-weight").forEach(function (input) {
            var text = input.value.trim();
            var value = Number(text);
            if (text === "" || !Number.isInteger(value) || value < 0 || value > 100) {
                whole = false;
            } else {
                total += value;
            }
        });
        var output = form.querySelector("[data-credit-total]");
        if (output) {
            output.textContent = String(total);
            output.classList.toggle("text-danger", total !== 100 || !whole);
        }
        var save = form.querySelector("[data-credit-save]");
        if (save) {
            save.disabled = total !== 100 || !whole;
        }
    }

    document.addEventListener("input", function (evt) {
        var form = evt.target.closest && evt.target.closest("form[data-credit-form]");
        if (form) { update(form); }
    });

    document.addEventListener("click", function (evt) {
        var button = evt.target.closest && evt.target.closest("[data-credit-reset]");
        if (!button) { return; }
        var form = button.closest("form[data-credit-form]");
        form.querySelectorAll("input.credit-weight").forEach(function (input) {
            input.value = input.dataset["default"];
        });
        update(form);
    });
})();
