// Type-ahead pickers (Resources/Views/picker.leaf): as a person types, a few matching people or
// departments are offered; taking one adds it to the ticked choices above the field (or, for a
// single choice, replaces the one taken before). Without this script, or when Enter is pressed
// before a suggestion is taken, the typed text is sent and the server resolves it.
(function () {
  "use strict";
  if (!window.fetch) { return; }

  function setUp(picker) {
    var input = picker.querySelector("input[type=search]");
    var options = picker.querySelector(".picker-options");
    var chosen = picker.querySelector(".picker-chosen");
    var field = input.name.replace(/_lookup$/, "");
    var multiple = picker.hasAttribute("data-multiple");
    var items = [];
    var active = -1;
    var asked = 0;
    var timer = null;

    function close() {
      options.hidden = true;
      options.textContent = "";
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      items = [];
      active = -1;
    }

    function highlight(index) {
      var entries = options.querySelectorAll("[role=option]");
      entries.forEach(function (entry, position) { entry.setAttribute("aria-selected", position === index ? "true" : "false"); });
      active = index;
      if (index >= 0) { input.setAttribute("aria-activedescendant", entries[index].id); }
    }

    function take(item) {
      if (!multiple) {
        chosen.querySelectorAll("li[data-picked]").forEach(function (entry) { entry.remove(); });
        chosen.querySelectorAll("input").forEach(function (box) { box.checked = false; });
      }
      var existing = chosen.querySelector("input[value='" + item.value.replace(/'/g, "") + "']");
      if (existing) {
        existing.checked = true;
      } else {
        var entry = document.createElement("li");
        entry.setAttribute("data-picked", "");
        var label = document.createElement("label");
        var box = document.createElement("input");
        box.type = multiple ? "checkbox" : "radio";
        box.name = field;
        box.value = item.value;
        box.checked = true;
        label.appendChild(box);
        label.appendChild(document.createTextNode(" " + item.label));
        entry.appendChild(label);
        chosen.appendChild(entry);
      }
      input.value = "";
      close();
      input.focus();
    }

    function show(found) {
      options.textContent = "";
      items = found;
      found.forEach(function (item, index) {
        var entry = document.createElement("li");
        entry.id = input.id + "-option-" + index;
        entry.setAttribute("role", "option");
        entry.setAttribute("aria-selected", "false");
        entry.setAttribute("data-value", item.value);
        var name = document.createElement("span");
        name.textContent = item.label;
        var detail = document.createElement("span");
        detail.className = "muted";
        detail.textContent = item.detail;
        entry.appendChild(name);
        entry.appendChild(detail);
        entry.addEventListener("mousedown", function (event) { event.preventDefault(); take(item); });
        options.appendChild(entry);
      });
      options.hidden = found.length === 0;
      input.setAttribute("aria-expanded", found.length > 0 ? "true" : "false");
      highlight(found.length > 0 ? 0 : -1);
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        var text = input.value.trim();
        var ask = ++asked;
        if (text.length === 0) { close(); return; }
        var source = picker.getAttribute("data-source");
        var url = source + (source.indexOf("?") < 0 ? "?" : "&") + "q=" + encodeURIComponent(text);
        window.fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
          .then(function (response) { return response.ok ? response.json() : { items: [] }; })
          .then(function (body) { if (ask === asked) { show(body.items); } })
          .catch(close);
      }, 150);
    });

    input.addEventListener("keydown", function (event) {
      if (options.hidden) { return; }
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        var step = event.key === "ArrowDown" ? 1 : -1;
        highlight((active + step + items.length) % items.length);
      } else if (event.key === "Enter" && active >= 0) {
        event.preventDefault();
        take(items[active]);
      } else if (event.key === "Escape") {
        close();
      }
    });

    input.addEventListener("blur", function () { window.setTimeout(close, 150); });
  }

  document.querySelectorAll(".picker").forEach(setUp);
})();
