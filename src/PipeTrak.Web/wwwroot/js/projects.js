// Projects: a new project's time zone defaults to the browser's zone (TRK-002), else UTC.
(function () {
    "use strict";
    var zone;
    try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) { zone = null; }
    if (!zone) { return; }
    document.querySelectorAll('select[data-browser-time-zone="true"]').forEach(function (select) {
        var option = Array.prototype.find.call(select.options, function (o) { return o.value === zone; });
        if (option) { select.value = zone; }
    });
})();
