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
  var changed = false;
  form.addEventListener("input", function () { changed = true; });
  form.addEventListener("submit", function () { changed = false; });
  window.addEventListener("beforeunload", function (event) {
    if (changed) { event.preventDefault(); event.returnValue = form.dataset.unsavedWarning; }
  });
})();
