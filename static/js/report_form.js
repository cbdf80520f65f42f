// Optional helpers for the report form; the form works the same without them.
(function () {
  "use strict";
  var form = document.querySelector("form.report-form");
  if (!form) return;
  var thai = "๐๑๒๓๔๕๖๗๘๙";
  function amount(input) {
    if (!input) return null;
    var text = input.value.replace(/[๐-๙]/g, function (d) { return String(thai.indexOf(d)); }).replace(/[,\s]/g, "");
    return text === "" || isNaN(Number(text)) ? null : Number(text);
  }
  var budget = form.querySelector("[data-budget]");
  var hint = form.querySelector("[data-budget-remaining]");
  function showRemaining() {
    var allocated = amount(document.getElementById("id_budget_allocated"));
    var out = (amount(document.getElementById("id_budget_disbursed")) || 0) + (amount(document.getElementById("id_budget_returned")) || 0);
    if (allocated === null) { hint.textContent = ""; return; }
    var left = allocated - out;
    hint.textContent = (document.documentElement.lang === "en" ? "Remaining: " : "คงเหลือ: ") +
      left.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    hint.classList.toggle("over", left < 0);
  }
  if (budget && hint) { budget.addEventListener("input", showRemaining); showRemaining(); }
  var files = form.querySelector("input[type=file][data-max-file-bytes]");
  if (files) {
    files.addEventListener("change", function () {
      var maxFile = Number(files.dataset.maxFileBytes), maxTotal = Number(files.dataset.maxTotalBytes);
      var total = 0, message = "";
      Array.prototype.forEach.call(files.files, function (file) {
        total += file.size;
        if (!message && file.size > maxFile) message = files.dataset.messageFile.replace("{name}", file.name);
      });
      if (!message && total > maxTotal) message = files.dataset.messageTotal;
      files.setCustomValidity(message);
      note.textContent = message;
      note.hidden = !message;
    });
    // Said beside the field (the form is novalidate: the server's messages are the usual ones).
    var note = document.createElement("span");
    note.className = "field-error";
    note.setAttribute("role", "alert");
    note.hidden = true;
    files.insertAdjacentElement("afterend", note);
    form.addEventListener("submit", function (event) {
      if (files.validationMessage) { event.preventDefault(); files.focus(); }
    });
  }
  var changed = false;
  form.addEventListener("input", function () { changed = true; });
  form.addEventListener("submit", function (event) { if (!event.defaultPrevented) changed = false; });
  window.addEventListener("beforeunload", function (event) {
    if (changed) { event.preventDefault(); event.returnValue = form.dataset.unsavedWarning; }
  });
})();
