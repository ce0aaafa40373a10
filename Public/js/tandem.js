// Tandem — a little hand-written script. Every page works without it; it only helps:
// close the menu and the filters on phones, confirm before destructive actions, show a need's priority as urgency and importance change,
// add rows to a catalog entry's form, and offer similar open needs while a title is typed.
(function () {
  "use strict";

  // On a phone the menu and the queue's filters start closed behind their toggles, so the page's
  // own content comes first (without script they stay open).
  if (window.matchMedia && window.matchMedia("(max-width: 760px)").matches) {
    document.querySelectorAll("details[data-closed-on-phone]").forEach(function (panel) {
      panel.removeAttribute("open");
    });
  }

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
  }

  // Repeated rows (a catalog entry's form fields, a survey's questions): "add" copies a blank
  // row, "remove" empties a row and hides it (the server drops blank rows). Without script the
  // page offers blank rows and a row is removed by emptying it.
  function blank(element) {
    if (element.type === "checkbox") { element.checked = false; }
    else if (element.tagName === "SELECT") { element.selectedIndex = 0; }
    else if (element.name) { element.value = ""; }
  }

  document.querySelectorAll("[data-rows]").forEach(function (container) {
    var add = document.getElementById(container.getAttribute("data-add"));
    var count = document.getElementById(container.getAttribute("data-count"));
    if (!add || !count) { return; }
    add.hidden = false;
    container.querySelectorAll(".row-remove").forEach(function (button) { button.hidden = false; });
    container.addEventListener("click", function (event) {
      var remove = event.target.closest(".row-remove");
      if (!remove) { return; }
      var row = remove.closest(".repeat-row");
      row.querySelectorAll("[name]").forEach(blank);
      row.hidden = true;
    });
    add.addEventListener("click", function () {
      var rows = container.querySelectorAll(".repeat-row");
      var index = Number(count.value);
      var copy = rows[rows.length - 1].cloneNode(true);
      var old = copy.getAttribute("data-index");
      copy.setAttribute("data-index", String(index));
      copy.hidden = false;
      if (copy.id) { copy.id = copy.id.replace(new RegExp(old + "$"), String(index)); }
      var legend = copy.querySelector("legend");
      legend.textContent = legend.textContent.replace(/\d+/, String(index + 1));
      copy.querySelectorAll("[name], [id], [for], [aria-describedby]").forEach(function (element) {
        ["name", "id", "for"].forEach(function (attribute) {
          var value = element.getAttribute(attribute);
          if (value) { element.setAttribute(attribute, value.replace(new RegExp("([_-])" + old + "(?=$|-)"), "$1" + index)); }
        });
        element.removeAttribute("aria-invalid");
        element.removeAttribute("aria-describedby");
        blank(element);
      });
      copy.querySelectorAll(".field-error").forEach(function (error) { error.remove(); });
      container.appendChild(copy);
      count.value = String(index + 1);
      showOptionsFor(copy);
      copy.querySelector("input").focus();
    });
  });

  // The raise form: while the title is typed, offer similar open needs of the same provider.
  var hints = document.getElementById("duplicate-hints");
  var titleInput = document.getElementById("title");
  if (hints && titleInput && window.fetch) {
    var list = document.getElementById("duplicate-list");
    var timer = null;
    var asked = 0;
    titleInput.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        var title = titleInput.value.trim();
        var ask = ++asked;
        if (title.length < 2) { hints.hidden = true; return; }
        var url = "/api/v1/search/similar?providing_department_id=" + encodeURIComponent(hints.getAttribute("data-provider")) +
          "&title=" + encodeURIComponent(title);
        window.fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
          .then(function (response) { return response.ok ? response.json() : { items: [] }; })
          .then(function (body) {
            if (ask !== asked) { return; }
            list.textContent = "";
            body.items.forEach(function (item) {
              var entry = document.createElement("li");
              var link = document.createElement("a");
              link.href = "/needs/" + encodeURIComponent(item.need.number);
              link.textContent = item.need.number + " · " + item.need.title;
              entry.appendChild(link);
              list.appendChild(entry);
            });
            hints.hidden = body.items.length === 0;
          })
          .catch(function () { hints.hidden = true; });
      }, 300);
    });
  }

  var firstInvalid = document.querySelector("[aria-invalid='true']");
  if (firstInvalid) { firstInvalid.focus(); }
  // An import running in the background: its progress bar follows the API until it ends.
  var progress = document.getElementById("import-progress");
  if (progress) {
    var poll = function () {
      fetch(progress.getAttribute("data-poll"), { credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (record) {
          if (!record) { return; }
          if (record.state !== "running") { window.location.reload(); return; }
          progress.value = record.written;
          document.getElementById("import-written").textContent = String(record.written);
          window.setTimeout(poll, 1000);
        })
        .catch(function () { window.setTimeout(poll, 3000); });
    };
    window.setTimeout(poll, 1000);
  }
})();
