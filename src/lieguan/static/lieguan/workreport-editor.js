// The work report editor saves as one types (workreports/views.py: report_autosave): a field
// is sent 800 ms after typing stops, at once when it loses focus, and with a keepalive request
// when the page is hidden. Each part is its own row on the server, so two units typing into
// their own parts at the same time never overwrite each other. Without this script the
// editor is a plain form with a 儲存 button.
(function () {
  "use strict";
  var DEBOUNCE_MS = 800;
  var RETRY_MS = 5000;
  var form = document.getElementById("workreport-editor");
  if (!form) { return; }
  var url = form.getAttribute("data-autosave-url");
  var status = document.getElementById("save-status");
  var tokenInput = form.querySelector("input[name=csrfmiddlewaretoken]");
  var token = tokenInput ? tokenInput.value : "";
  var dirty = {};
  var timer = null;
  var inFlight = null;

  function show(text, kind) { status.textContent = text; status.setAttribute("data-kind", kind); }
  function names() { return Object.keys(dirty); }
  function settle() {
    form.setAttribute("data-busy", (names().length || inFlight || timer) ? "true" : "false");
  }

  function save(keepalive) {
    clearTimeout(timer);
    timer = null;
    if (inFlight && !keepalive) {
      return inFlight.then(function () { return names().length ? save(false) : null; });
    }
    var sent = names();
    if (!sent.length) { settle(); return Promise.resolve(); }
    dirty = {};
    var data = new FormData();
    data.append("csrfmiddlewaretoken", token);
    sent.forEach(function (name) {
      var el = form.elements.namedItem(name);
      if (el) { data.append(name, el.value); }
    });
    show("儲存中…", "saving");
    var request = fetch(url, {
      method: "POST", body: data, credentials: "same-origin", keepalive: keepalive,
      headers: { "X-CSRFToken": token, "Accept": "application/json" }
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (body) {
        if (!response.ok || !body.saved_at) { throw new Error(body.error || ""); }
        var errors = body.errors || {};
        var problems = sent.filter(function (n) { return errors[n]; }).map(function (n) { return errors[n]; });
        if (problems.length) { show("部分內容未儲存：" + problems[0], "error"); }
        else if (!names().length) { show("已儲存 " + body.saved_at, "saved"); }
      });
    }).catch(function (error) {
      sent.forEach(function (n) { dirty[n] = true; });
      show((error && error.message) || "儲存失敗，請檢查網路；恢復連線後會自動再試。", "error");
      timer = setTimeout(function () { timer = null; save(false); }, RETRY_MS);
    });
    if (keepalive) { return request; }
    inFlight = request.then(function () { inFlight = null; settle(); });
    settle();
    return inFlight;
  }

  form.addEventListener("input", function (event) {
    var el = event.target;
    if (!el.hasAttribute || !el.hasAttribute("data-autosave")) { return; }
    dirty[el.name] = true;
    clearTimeout(timer);
    timer = setTimeout(function () { timer = null; save(false); }, DEBOUNCE_MS);
    settle();
  });
  form.addEventListener("focusout", function (event) {
    if (dirty[event.target.name]) { save(false); }
  });
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden" && names().length) { save(true); }
  });
})();
