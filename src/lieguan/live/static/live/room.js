/* The live meeting room and the projector: follow the meeting's current item as it is pushed, browse, conduct, keep
   the meeting for offline reading, write private notes. No inline script (CSP): everything hangs on data- attributes. */
(function () {
  "use strict";
  var root = document.querySelector("[data-live-room]");
  if (!root) { return; }
  var projector = root.dataset.mode === "projector";
  var panel = document.getElementById("live-item");
  var current = root.dataset.current ? Number(root.dataset.current) : null;
  var version = Number(root.dataset.version || 0);
  var following = root.dataset.following === "true";
  var conducts = root.dataset.conducts === "true";
  var shown = panel && panel.dataset.item ? Number(panel.dataset.item) : null;
  var asked = 0;
  var csrf = (function () {
    try { return JSON.parse(document.body.getAttribute("hx-headers") || "{}")["X-CSRFToken"] || ""; } catch (e) { return ""; }
  }());
  var connection = root.querySelector("[data-live-connection]");
  var dot = root.querySelector("[data-live-dot]");
  var modeText = root.querySelector("[data-live-mode]");
  var nowButton = root.querySelector("[data-live-now-button]");

  // The words the script writes, in the page's language: the template puts them on the root as data-text-*.
  function text(name, fallback) { return root.getAttribute("data-text-" + name) || fallback; }

  function panelUrl(id) {
    var url = root.dataset.panelUrl;
    var at = url.lastIndexOf("/0/");
    return url.slice(0, at) + "/" + id + "/" + url.slice(at + 3);
  }

  function itemName(id) {
    var link = root.querySelector('[data-browse="' + id + '"]');
    return link ? link.textContent.trim() : "";
  }

  function setConnection(state) {
    if (!connection) { return; }
    var texts = {
      live: text("live", "即時連線"),
      down: navigator.onLine ? text("down", "連線中斷，重新連線中…") : text("offline", "離線：顯示已保存的內容"),
      waiting: text("waiting", "連線中…")
    };
    connection.textContent = texts[state];
    if (dot) {
      dot.classList.toggle("is-live", state === "live");
      dot.classList.toggle("is-down", state === "down");
    }
  }

  function markAgenda() {
    root.querySelectorAll("[data-agenda-item]").forEach(function (li) {
      var id = Number(li.dataset.agendaItem);
      li.classList.toggle("is-current", id === current);
      var badge = li.querySelector(".live-now-badge");
      if (badge) { badge.hidden = id !== current; }
      var link = li.querySelector("a");
      if (id === shown) { link.setAttribute("aria-current", "true"); } else { link.removeAttribute("aria-current"); }
    });
    if (modeText) {
      var now = current ? itemName(current) : "";
      modeText.textContent = (following ? text("following", "跟隨會議進行中") : text("browsing", "自行瀏覽中")) + (now ? text("now", "・目前議程：") : "");
      if (now) {
        var name = document.createElement("span");  // the item's own title: the record's words, in either language
        name.setAttribute("data-record", "");
        name.textContent = now;
        modeText.appendChild(name);
      }
    }
    if (nowButton) { nowButton.hidden = following || current === null; }
  }

  function show(id) {
    var ticket = ++asked;
    return fetch(panelUrl(id), { headers: { "HX-Request": "true" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) { throw new Error(String(response.status)); }
        return response.text();
      })
      .then(function (html) {
        if (ticket !== asked) { return; }
        panel.innerHTML = html;
        panel.dataset.item = String(id);
        shown = id;
        markAgenda();
      })
      .catch(function () {
        if (ticket === asked && connection) { connection.textContent = text("unavailable", "無法載入此案件（離線且未保存）"); }
      });
  }

  function heard(state) {
    if (state.version <= version) { return; }
    version = state.version;
    current = state.item;
    root.dataset.current = current === null ? "" : String(current);
    if ((following || projector) && current !== null) {
      if (state.html) {
        // The panel came with the move, as this reader may see it; their own note comes beside it.
        asked++;
        panel.innerHTML = state.html;
        var note = panel.querySelector("[data-live-note] textarea");
        if (note && typeof state.note === "string") { note.value = state.note; }
        panel.dataset.item = String(current);
        shown = current;
      } else {
        show(current);
      }
    } else if (current === shown && !projector) { show(current); }  // its "進行中" mark and the conductor's button change
    markAgenda();
  }

  function listen() {
    if (!window.EventSource) { return; }
    var source = new EventSource(root.dataset.eventsUrl);
    source.addEventListener("item", function (event) {
      setConnection("live");
      heard(JSON.parse(event.data));
    });
    source.addEventListener("open", function () { setConnection("live"); });
    source.addEventListener("error", function () { setConnection(source.readyState === EventSource.CLOSED ? "down" : "waiting"); });
  }

  function follow(yes) {
    following = yes;
    markAgenda();
    if (yes && current !== null && current !== shown) { show(current); }
  }

  // --- Conducting: one key or one tap moves the whole room. ---
  function move(body) {
    var data = new URLSearchParams(body);
    data.set("csrfmiddlewaretoken", csrf);
    return fetch(root.dataset.moveUrl, {
      method: "POST", body: data, credentials: "same-origin",
      headers: { "Accept": "application/json", "X-CSRFToken": csrf }
    }).then(function (response) { return response.json(); }).then(function (state) {
      if (state.error) { if (connection) { connection.textContent = state.error; } return; }
      following = true;
      heard({ item: state.item, version: state.version });
    });
  }

  document.addEventListener("click", function (event) {
    var step = event.target.closest("[data-live-step]");
    var to = event.target.closest("[data-live-move-to]");
    var browse = event.target.closest("[data-browse]");
    if (step && conducts) { event.preventDefault(); move({ step: step.dataset.liveStep }); }
    else if (to && conducts) { event.preventDefault(); move({ item: to.dataset.liveMoveTo }); }
    else if (browse && !projector) {
      event.preventDefault();
      var id = Number(browse.dataset.browse);
      following = id === current;
      show(id);
    }
  });

  document.addEventListener("keydown", function (event) {
    if (!conducts || event.altKey || event.ctrlKey || event.metaKey) { return; }
    var target = event.target;
    if (target.closest && target.closest("input, textarea, select, [contenteditable]")) { return; }
    if (event.key === "ArrowRight" || event.key === "PageDown") { event.preventDefault(); move({ step: "next" }); }
    else if (event.key === "ArrowLeft" || event.key === "PageUp") { event.preventDefault(); move({ step: "previous" }); }
  });

  if (nowButton) { nowButton.addEventListener("click", function () { follow(true); }); }

  // --- Private notes, saved in place. ---
  document.addEventListener("submit", function (event) {
    var form = event.target.closest("[data-live-note]");
    if (!form) { return; }
    event.preventDefault();
    var status = form.querySelector("[data-live-note-status]");
    fetch(form.action, { method: "POST", body: new FormData(form), credentials: "same-origin", headers: { "HX-Request": "true", "X-CSRFToken": csrf } })
      .then(function (response) { return response.text(); })
      .then(function (html) { form.outerHTML = html; })
      .catch(function () { if (status) { status.textContent = text("note-offline", "離線中，筆記尚未儲存；恢復連線後請再按一次儲存。"); } });
  });

  // --- Offline copies: the room, every item, the materials, kept in the Cache API and served by the service worker. ---
  var offlineButton = root.querySelector("[data-live-offline]");
  var offlineStatus = root.querySelector("[data-live-offline-status]");
  var cacheName = "lieguan-live-" + root.dataset.meeting;
  function saveOffline() {
    offlineStatus.textContent = text("saving", "保存中…");
    navigator.serviceWorker.register(root.dataset.swUrl, { scope: "/" })
      .then(function () { return fetch(root.dataset.offlineUrl, { credentials: "same-origin" }); })
      .then(function (response) { return response.json(); })
      .then(function (manifest) {
        return caches.delete(manifest.cache).then(function () { return caches.open(manifest.cache); })
          .then(function (cache) { return cache.addAll(manifest.urls).then(function () { return manifest.urls.length; }); });
      })
      .then(function (count) {
        var when = new Date().toLocaleTimeString(document.documentElement.lang === "en" ? "en-GB" : "zh-TW", { hour: "2-digit", minute: "2-digit" });
        offlineStatus.textContent = text("saved", "已保存 {count} 項，斷線時仍可閱讀（{when}）").replace("{count}", count).replace("{when}", when);
        root.dataset.offlineSaved = "true";
      })
      .catch(function () { offlineStatus.textContent = text("save-failed", "保存失敗，請確認網路連線後再試。"); });
  }
  if (offlineButton && "serviceWorker" in navigator && window.caches) {
    offlineButton.hidden = false;
    offlineButton.addEventListener("click", saveOffline);
    caches.has(cacheName).then(function (saved) {
      if (saved) { offlineStatus.textContent = text("kept", "本會次已離線保存"); }
    });
  }

  var fullscreen = root.querySelector("[data-live-fullscreen]");
  if (fullscreen && document.documentElement.requestFullscreen) {
    fullscreen.addEventListener("click", function () { document.documentElement.requestFullscreen(); });
  } else if (fullscreen) { fullscreen.hidden = true; }

  window.addEventListener("offline", function () { setConnection("down"); });
  markAgenda();
  setConnection("waiting");
  listen();
}());
