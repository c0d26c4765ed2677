// The minutes editor saves as one types (views/minutes_editor.py): a field is sent
// 800 ms after typing stops, at once when it loses focus, and with a keepalive
// request when the page is hidden or closed, so that closing the tab loses nothing.
// Without this script the editor is a plain form with a 儲存 button.
(function () {
  "use strict";
  var DEBOUNCE_MS = 800;
  var RETRY_MS = 5000;

  var form = document.getElementById("minutes-editor");
  if (!form) { return; }
  var url = form.getAttribute("data-autosave-url");
  var status = document.getElementById("save-status");
  var tokenInput = form.querySelector("input[name=csrfmiddlewaretoken]");
  var token = tokenInput ? tokenInput.value : "";

  var dirty = {};          // field name → true, changed since last sent
  var timer = null;
  var retryTimer = null;
  var inFlight = null;     // the promise of the save under way
  var stopped = false;     // the server refused for good (the minutes were published meanwhile)
  var failing = false;     // the last save did not reach the server
  var resubmitting = false;

  // The words the script writes, in the page's language: the template puts them on the form as data-text-*.
  function text(name, fallback) { return form.getAttribute("data-text-" + name) || fallback; }

  function show(message, kind) {
    status.textContent = message;
    status.setAttribute("data-kind", kind);
  }

  function isAutosaved(el) {
    return el && el.hasAttribute && el.hasAttribute("data-autosave") && el.form === form;
  }

  function valueOf(el) {
    if (el.type === "checkbox") { return el.checked ? "1" : "0"; }
    return el.value;
  }

  function names() { return Object.keys(dirty); }

  // data-busy="false" once every change has reached the server (or was refused): nothing is waiting.
  function settle() {
    var busy = !stopped && (names().length > 0 || inFlight !== null || timer !== null || retryTimer !== null);
    form.setAttribute("data-busy", busy ? "true" : "false");
  }

  function fieldError(name, message) {
    var el = form.elements.namedItem(name);
    if (!el || !el.id) { return; }
    var id = el.id + "-error";
    var p = document.getElementById(id);
    if (message) {
      if (!p) {
        p = document.createElement("p");
        p.className = "field-error";
        p.id = id;
        el.insertAdjacentElement("afterend", p);
      }
      p.textContent = message;
      el.setAttribute("aria-invalid", "true");
      el.setAttribute("aria-describedby", id);
    } else if (p) {
      p.remove();
      el.removeAttribute("aria-invalid");
      el.removeAttribute("aria-describedby");
    }
  }

  function stop(message) {
    stopped = true;
    dirty = {};
    show(message, "error");
    var alert = document.createElement("div");
    alert.className = "message message--error";
    alert.setAttribute("role", "alert");
    alert.textContent = message;
    var bar = form.querySelector(".editor-bar");
    if (bar) { bar.insertAdjacentElement("afterend", alert); } else { form.prepend(alert); }
    // Keep what was typed readable and copyable, but make clear nothing more is saved.
    Array.prototype.forEach.call(form.querySelectorAll("[data-autosave]"), function (el) {
      if (el.tagName === "SELECT" || el.type === "checkbox") { el.disabled = true; } else { el.readOnly = true; }
    });
    Array.prototype.forEach.call(form.querySelectorAll("button[type=submit]"), function (b) { b.disabled = true; });
  }

  function failed(sent, message) {
    sent.forEach(function (name) { dirty[name] = true; });
    failing = true;
    show(message || text("failed", "儲存失敗，請檢查網路；恢復連線後會自動再試。"), "error");
    clearTimeout(retryTimer);
    retryTimer = setTimeout(function () { retryTimer = null; save(false); }, RETRY_MS);
  }

  function handle(response, body, sent) {
    if (body.conflict) { stop(body.error || text("closed", "會議紀錄已不能再修改。")); return; }
    if (!response.ok || !body.saved_at) { failed(sent, body.error); return; }
    failing = false;
    var errors = body.errors || {};
    var problems = [];
    sent.forEach(function (name) {
      fieldError(name, errors[name] || "");
      if (errors[name]) { problems.push(errors[name]); }
    });
    if (problems.length) {
      show(text("partial", "部分內容未儲存：") + problems[0], "error");
    } else if (!names().length) {
      show(text("saved", "已儲存 {when}").replace("{when}", body.saved_at), "saved");
    }
  }

  // keepalive: the page is going away; send now, whatever is under way, and let the browser finish it.
  function save(keepalive) {
    clearTimeout(timer);
    timer = null;
    clearTimeout(retryTimer);
    retryTimer = null;
    if (stopped) { settle(); return Promise.resolve(); }
    if (inFlight && !keepalive) {
      return inFlight.then(function () { return names().length ? save(false) : null; });
    }
    var sent = names();
    if (!sent.length) { settle(); return inFlight || Promise.resolve(); }
    dirty = {};
    var data = new FormData();
    data.append("csrfmiddlewaretoken", token);
    sent.forEach(function (name) {
      var el = form.elements.namedItem(name);
      if (el) { data.append(name, valueOf(el)); }
    });
    show(text("saving", "儲存中…"), "saving");
    var request = fetch(url, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      keepalive: keepalive,
      headers: { "X-CSRFToken": token, "Accept": "application/json" }
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (body) { handle(response, body, sent); });
    }, function () { failed(sent); });
    if (keepalive) { return request; }
    inFlight = request.then(function () { inFlight = null; settle(); });
    settle();
    return inFlight;
  }

  form.addEventListener("input", function (event) {
    if (!isAutosaved(event.target) || stopped) { return; }
    dirty[event.target.name] = true;
    clearTimeout(timer);
    timer = setTimeout(function () { timer = null; save(false); }, DEBOUNCE_MS);
    settle();
  });
  // A checkbox or a choice is done when changed; a text field when it loses focus.
  form.addEventListener("change", function (event) {
    if (!isAutosaved(event.target) || stopped) { return; }
    dirty[event.target.name] = true;
    save(false);
  });
  form.addEventListener("focusout", function (event) {
    if (isAutosaved(event.target) && dirty[event.target.name]) { save(false); }
  });
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") { save(true); }
  });
  window.addEventListener("pagehide", function () { save(true); });
  window.addEventListener("beforeunload", function (event) {
    var unsure = failing && names().length > 0;
    save(true);
    if (unsure) { event.preventDefault(); event.returnValue = ""; }
  });

  // Buttons (add a conclusion, publish, confirm) load a new page: let every save under way land first,
  // so that the new page shows it and no two requests race. The editor form carries its own fields;
  // other forms send the editor's unsaved fields first.
  function drained() {
    if (inFlight) { return inFlight.then(drained); }
    if (names().length && !stopped) { return save(false).then(drained); }
    return Promise.resolve();
  }

  document.addEventListener("submit", function (event) {
    if (resubmitting || event.defaultPrevented) { return; }
    var target = event.target;
    if (target === form) { dirty = {}; clearTimeout(timer); timer = null; settle(); }
    if (!inFlight && !names().length) { return; }
    event.preventDefault();
    var submitter = event.submitter;
    drained().then(function () {
      resubmitting = true;
      if (target.requestSubmit) { target.requestSubmit(submitter && submitter.form === target ? submitter : undefined); } else { target.submit(); }
      resubmitting = false;
    });
  });

  // Enter in "new remark" or "new motion" presses its own button, not the form's first one (儲存).
  form.addEventListener("keydown", function (event) {
    var id = event.target.getAttribute && event.target.getAttribute("data-enter");
    if (event.key === "Enter" && id && !event.isComposing) {
      event.preventDefault();
      var button = document.getElementById(id);
      if (button) { button.click(); }
    }
  });

  // Choosing a conclusion to amend starts its new text from the current one.
  document.addEventListener("change", function (event) {
    var select = event.target;
    var targetId = select.getAttribute && select.getAttribute("data-amend-text");
    if (!targetId) { return; }
    var area = document.getElementById(targetId);
    var option = select.options[select.selectedIndex];
    if (area && option && (!area.value.trim() || area.value === area.getAttribute("data-prefilled"))) {
      area.value = option.getAttribute("data-text") || "";
      area.setAttribute("data-prefilled", area.value);
    }
  });

  settle();

  // After adding a row the page comes back at it: put the cursor there.
  if (location.hash.length > 1) {
    var target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (target && /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) { target.focus(); }
  }
})();
