// Shows that a large workbook is being checked or imported; the import works the same without it.
(function () {
  "use strict";
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var note = document.querySelector(".import-progress");
    if (!note) return;
    note.hidden = false;
    form.querySelectorAll("[type=submit]").forEach(function (button) {
      window.setTimeout(function () { button.disabled = true; }, 0);
    });
  });
})();
