// Tandem — a little hand-written script. Every page works without it; it only helps:
// confirm before destructive actions, show a need's priority as urgency and importance change,
// and add rows to a catalog entry's form.
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

  // The catalog form: options only for choice fields; "add a field" copies a blank row.
  function showOptionsFor(row) {
    var type = row.querySelector(".field-type");
    var options = row.querySelector(".field-options");
    if (!type || !options) { return; }
    var text = options.querySelector("textarea");
    options.hidden = type.value !== "single_choice" && type.value !== "multiple_choice" && !(text && text.value);
  }

  var fieldRows = document.getElementById("field-rows");
  if (fieldRows) {
    fieldRows.querySelectorAll(".field-row").forEach(showOptionsFor);
    fieldRows.addEventListener("change", function (event) {
      if (event.target.classList.contains("field-type")) { showOptionsFor(event.target.closest(".field-row")); }
    });
    var add = document.getElementById("field-add");
    var count = document.getElementById("field-count");
    add.hidden = false;
    add.addEventListener("click", function () {
      var rows = fieldRows.querySelectorAll(".field-row");
      var index = Number(count.value);
      var copy = rows[rows.length - 1].cloneNode(true);
      var old = copy.getAttribute("data-index");
      copy.setAttribute("data-index", String(index));
      copy.querySelector("legend").textContent = copy.querySelector("legend").textContent.replace(/\d+$/, String(index + 1));
      copy.querySelectorAll("[name], [id], [for], [aria-describedby]").forEach(function (element) {
        ["name", "id", "for"].forEach(function (attribute) {
          var value = element.getAttribute(attribute);
          if (value) { element.setAttribute(attribute, value.replace("_" + old, "_" + index)); }
        });
        element.removeAttribute("aria-invalid");
        element.removeAttribute("aria-describedby");
        if (element.type === "checkbox") { element.checked = false; }
        else if (element.tagName === "SELECT") { element.selectedIndex = 0; }
        else if (element.name) { element.value = ""; }
      });
      copy.querySelectorAll(".field-error").forEach(function (error) { error.remove(); });
      fieldRows.appendChild(copy);
      count.value = String(index + 1);
      showOptionsFor(copy);
      copy.querySelector("input").focus();
    });
  }

  var firstInvalid = document.querySelector("[aria-invalid='true']");
  if (firstInvalid) { firstInvalid.focus(); }
})();
