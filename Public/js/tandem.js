// Tandem — a little hand-written script. Every page works without it; it only helps:
// confirm before destructive actions, and show a need's priority as urgency and importance change.
(function () {
  "use strict";

  document.addEventListener("click", function (event) {
    var target = event.target.closest("[data-confirm]");
    if (target && !window.confirm(target.getAttribute("data-confirm"))) {
      event.preventDefault();
    }
  });

  function livePriority(form) {
    var table = {};
    form.getAttribute("data-matrix").split(";").forEach(function (entry) {
      var parts = entry.split("=");
      if (parts.length === 2) { table[parts[0]] = parts[1]; }
    });
    var urgency = form.querySelector("#urgency");
    var importance = form.querySelector("#importance");
    var output = form.querySelector("#priority-output");
    if (!urgency || !importance || !output) { return; }
    function update() {
      var label = table[urgency.value + "/" + importance.value];
      if (label) { output.textContent = label; }
    }
    urgency.addEventListener("change", update);
    importance.addEventListener("change", update);
    update();
  }

  document.querySelectorAll("form[data-matrix]").forEach(livePriority);

  var firstInvalid = document.querySelector("[aria-invalid='true']");
  if (firstInvalid) { firstInvalid.focus(); }
})();
