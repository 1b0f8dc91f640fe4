// Agenda CPTS: the pages' few enhancements. Every page works without this file.
// [data-copy="id"]: a button copying the value of the field #id (a feed URL); [data-print]: prints the page.
(function () {
    "use strict";
    function wire(root) {
        root.querySelectorAll("button[data-copy]").forEach(function (button) {
            if (button.dataset.wired) return;
            button.dataset.wired = "1";
            button.hidden = false;
            button.addEventListener("click", function () {
                var field = document.getElementById(button.dataset.copy);
                var status = document.getElementById(button.dataset.copy + "-copie");
                if (!field) return;
                var done = function () { if (status) status.textContent = "Adresse copiée."; };
                if (navigator.clipboard && window.isSecureContext) {
                    navigator.clipboard.writeText(field.value).then(done, function () { field.select(); });
                } else {
                    field.select();
                    if (document.execCommand("copy")) done();
                }
            });
        });
        root.querySelectorAll("button[data-print]").forEach(function (button) {
            if (button.dataset.wired) return;
            button.dataset.wired = "1";
            button.hidden = false;
            button.addEventListener("click", function () { window.print(); });
        });
    }
    document.addEventListener("DOMContentLoaded", function () { wire(document); });
    // Enhanced navigation replaces the page's content without loading scripts again.
    if (window.Blazor && window.Blazor.addEventListener) window.Blazor.addEventListener("enhancedload", function () { wire(document); });
    else document.addEventListener("enhancedload", function () { wire(document); });
})();
