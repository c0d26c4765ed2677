// Organisation pickers: a box above each long list of organisations that narrows it as you type.
// Without this script the picker is a plain <select> (or a group of checkboxes) showing the tree by
// indentation. Each choice carries data-org-search (its names, former names and its parent's names)
// and data-depth (its place in the tree), written by lieguan.organisations.forms.
(function () {
  "use strict";
  var MIN_CHOICES = 8;
  var en = (document.documentElement.lang || "").toLowerCase().indexOf("en") === 0;
  var T = en ? {
    name: "Type a name to filter the list below",
    placeholder: "Type a name to filter",
    count: function (n) { return n === 1 ? "1 match; press Enter to choose it" : n + " matches"; },
    none: "No match",
    all: function (n) { return n + " choices"; },
    chosen: function (label) { return "Chosen: " + label; },
    checked: function (label) { return "Ticked: " + label; }
  } : {
    name: "輸入名稱篩選下方選項",
    placeholder: "輸入名稱篩選",
    count: function (n) { return n === 1 ? "符合 1 個，按 Enter 選取" : "符合 " + n + " 個"; },
    none: "沒有符合的項目",
    all: function (n) { return "共 " + n + " 個選項"; },
    chosen: function (label) { return "已選取：" + label; },
    checked: function (label) { return "已勾選：" + label; }
  };
  var serial = 0;

  // The spellings minutes and people use interchangeably (台/臺, spaces) match each other.
  function fold(text) {
    return (text || "").replace(/台/g, "臺").replace(/[\s\u3000]+/g, " ").trim().toLowerCase();
  }
  function labelOf(choice) {
    return (choice.label || choice.textContent || "").replace(/^[\s\u3000]+/, "").trim();
  }
  function depthOf(choice) {
    return parseInt(choice.getAttribute("data-depth") || "0", 10) || 0;
  }

  // Which choices to show for `query`: the matches, and the bodies above each match so that a unit
  // is seen under its own agency. `entries` are in tree order: {choice, search, depth, blank}.
  function visibleFor(entries, query) {
    var terms = fold(query).split(" ").filter(Boolean);
    var shown = new Set();
    var matches = [];
    if (!terms.length) { return { shown: null, matches: matches }; }
    entries.forEach(function (entry, index) {
      if (entry.blank) { return; }
      if (!terms.every(function (t) { return entry.search.indexOf(t) !== -1; })) { return; }
      matches.push(entry);
      shown.add(entry);
      var depth = entry.depth;
      for (var i = index - 1; i >= 0 && depth > 0; i--) {
        if (entries[i].depth < depth && !entries[i].blank) {
          shown.add(entries[i]);
          depth = entries[i].depth;
        }
      }
    });
    return { shown: shown, matches: matches };
  }

  // The box's name says what it does, not the field's label: that stays the name of the list itself.
  function buildBox(id, controls) {
    var wrap = document.createElement("div");
    wrap.className = "org-picker";
    var input = document.createElement("input");
    input.type = "search";
    input.id = id;
    input.className = "org-picker__filter";
    input.autocomplete = "off";
    input.spellcheck = false;
    input.placeholder = T.placeholder;
    input.setAttribute("aria-label", T.name);
    input.setAttribute("aria-controls", controls);
    input.setAttribute("aria-describedby", id + "-status");
    input.setAttribute("enterkeyhint", "done");
    var status = document.createElement("p");
    status.id = id + "-status";
    status.className = "org-picker__status";
    status.setAttribute("aria-live", "polite");
    wrap.appendChild(input);
    wrap.appendChild(status);
    return { wrap: wrap, input: input, status: status };
  }

  function announce(status, matches, query, total) {
    status.textContent = !query.trim() ? T.all(total) : matches.length ? T.count(matches.length) : T.none;
  }

  function enhanceSelect(select) {
    if (select.multiple || select.options.length < MIN_CHOICES) { return; }
    select.setAttribute("data-org-picker-ready", "");
    var id = (select.id || "org-picker-" + (++serial)) + "-filter";
    var box = buildBox(id, select.id);
    select.parentNode.insertBefore(box.wrap, select);
    // The select's own children in order (options and optgroups), so that they can be put back as they were.
    var layout = Array.prototype.map.call(select.children, function (child) {
      return { node: child, options: child.tagName === "OPTGROUP" ? Array.prototype.slice.call(child.children) : null };
    });
    var entries = Array.prototype.map.call(select.options, function (option) {
      return { choice: option, search: fold(option.getAttribute("data-org-search") || option.textContent), depth: depthOf(option), blank: option.value === "" };
    });
    var total = entries.filter(function (e) { return !e.blank; }).length;
    var byOption = new Map(entries.map(function (e) { return [e.choice, e]; }));
    var current = [];

    function apply() {
      var query = box.input.value;
      var result = visibleFor(entries, query);
      current = result.matches;
      // The chosen option always stays: a select that lost it would send another value.
      var keep = function (option) {
        return result.shown === null || result.shown.has(byOption.get(option)) || option.selected || option.value === "";
      };
      var count = 0;
      layout.forEach(function (part) {
        if (part.options === null) {
          if (keep(part.node)) { select.appendChild(part.node); count++; } else { part.node.remove(); }
          return;
        }
        var inside = part.options.filter(keep);
        part.node.replaceChildren.apply(part.node, inside);
        if (inside.length) { select.appendChild(part.node); count += inside.length + 1; } else { part.node.remove(); }
      });
      // While filtering, the list stays open on the page so that the narrowing is seen.
      if (result.shown === null) { select.removeAttribute("size"); } else { select.size = Math.max(2, Math.min(count, 10)); }
      announce(box.status, result.matches, query, total);
    }

    box.input.addEventListener("input", apply);
    box.input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        // Enter in the box never submits the form by accident: it picks the one match, or does nothing.
        event.preventDefault();
        if (current.length === 1) {
          select.value = current[0].choice.value;
          select.dispatchEvent(new Event("change", { bubbles: true }));
          box.status.textContent = T.chosen(labelOf(current[0].choice));
        }
      } else if (event.key === "ArrowDown" && box.input.value.trim()) {
        event.preventDefault();
        select.focus();
      } else if (event.key === "Escape" && box.input.value) {
        event.preventDefault();
        box.input.value = "";
        apply();
      }
    });
  }

  // Checkboxes of one name (co-organisers): the row of each is hidden or shown; hidden ones still submit.
  function enhanceChecks(first) {
    var form = first.form || document;
    var name = first.name;
    var inputs = Array.prototype.filter.call(form.querySelectorAll("input[type=checkbox][data-org-search]"), function (i) { return i.name === name; });
    inputs.forEach(function (i) { i.setAttribute("data-org-picker-ready", ""); });
    if (inputs.length < MIN_CHOICES) { return; }
    var container = first.parentNode;
    while (container && !inputs.every(function (i) { return container.contains(i); })) { container = container.parentNode; }
    if (!container) { return; }
    var rowOf = function (input) {
      var node = input;
      while (node.parentNode !== container) { node = node.parentNode; }
      return node;
    };
    var entries = inputs.map(function (input) {
      var label = input.labels && input.labels[0];
      return { choice: input, row: rowOf(input), label: label ? label.textContent.trim() : "", search: fold(input.getAttribute("data-org-search")), depth: depthOf(input), blank: false };
    });
    if (!container.id) { container.id = "org-picker-" + (++serial); }
    var box = buildBox(container.id + "-filter", container.id);
    container.parentNode.insertBefore(box.wrap, container);
    container.classList.add("org-picker__checks");
    var current = [];
    function apply() {
      var result = visibleFor(entries, box.input.value);
      current = result.matches;
      entries.forEach(function (entry) { entry.row.hidden = result.shown !== null && !result.shown.has(entry); });
      announce(box.status, result.matches, box.input.value, entries.length);
    }
    box.input.addEventListener("input", apply);
    box.input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        event.preventDefault();
        if (current.length === 1) {
          current[0].choice.checked = true;
          current[0].choice.dispatchEvent(new Event("change", { bubbles: true }));
          box.status.textContent = T.checked(current[0].label);
        }
      } else if (event.key === "ArrowDown" && box.input.value.trim()) {
        var firstShown = entries.find(function (e) { return !e.row.hidden; });
        if (firstShown) { event.preventDefault(); firstShown.choice.focus(); }
      } else if (event.key === "Escape" && box.input.value) {
        event.preventDefault();
        box.input.value = "";
        apply();
      }
    });
  }

  function enhance(root) {
    if (!root || !root.querySelectorAll) { return; }
    root.querySelectorAll("select[data-org-picker]:not([data-org-picker-ready])").forEach(enhanceSelect);
    root.querySelectorAll("input[type=checkbox][data-org-search]:not([data-org-picker-ready])").forEach(function (input) {
      if (!input.hasAttribute("data-org-picker-ready")) { enhanceChecks(input); }
    });
  }
  document.addEventListener("DOMContentLoaded", function () { enhance(document); });
  // Parts of pages replaced by htmx (the agenda builder) bring new pickers.
  document.addEventListener("htmx:load", function (event) { enhance(event.target); });
})();
