// Small progressive enhancements; every page works without them.
(function () {
  "use strict";
  // Move focus to the first error summary so screen-reader and keyboard users land on it.
  document.addEventListener("DOMContentLoaded", function () {
    var summary = document.querySelector(".error-summary[tabindex]");
    if (summary) { summary.focus(); }
  });
  // Create forms (those with a one-time submission token) send once: a second click while the
  // first is on its way is dropped here, and the server answers a repeated token without creating
  // again (lieguan.core.submission). Runs in the capture phase, before htmx sees the submit.
  function submitButtons(form) {
    return form.querySelectorAll("button[type=submit], button:not([type]), input[type=submit]");
  }
  function freshToken() {
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }
  function isHtmx(form) {
    return ["hx-post", "hx-get", "hx-put", "hx-patch", "hx-delete"].some(function (name) { return form.hasAttribute(name); }) ||
      Boolean(form.closest("[hx-boost=true]"));
  }
  function release(form, renew) {
    delete form.dataset.submitting;
    submitButtons(form).forEach(function (button) { button.disabled = false; button.removeAttribute("aria-disabled"); });
    if (renew) {
      form.querySelectorAll("[data-submission-token]").forEach(function (input) { input.value = freshToken(); });
    }
  }
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.querySelector || !form.querySelector("[data-submission-token]")) { return; }
    if (form.dataset.submitting) {
      event.preventDefault();
      event.stopPropagation();
      return;
    }
    form.dataset.submitting = "1";
    // Disabled after the browser and htmx have read the form, so the clicked button's value still goes.
    window.setTimeout(function () {
      if (!form.dataset.submitting) { return; }
      // Another script held this submit back to send it again later (the minutes editor saves what is
      // typed first): nothing was sent, so the form is free for that second submit. htmx forms are
      // always held back by htmx itself, which sends them.
      if (event.defaultPrevented && !isHtmx(form)) { release(form, false); return; }
      submitButtons(form).forEach(function (button) { button.disabled = true; button.setAttribute("aria-disabled", "true"); });
    }, 0);
  }, true);
  // An HTMX form stays on the page: after its answer it may be used again, with a new token.
  document.addEventListener("htmx:afterRequest", function (event) {
    var form = event.detail && event.detail.elt;
    if (form && form.dataset && form.dataset.submitting) { release(form, true); }
  });
  // Back to a page kept in the browser's cache: its forms were left mid-submit.
  window.addEventListener("pageshow", function (event) {
    if (!event.persisted) { return; }
    document.querySelectorAll("form[data-submitting]").forEach(function (form) { release(form, true); });
  });
  // Buttons that ask for confirmation: <button data-confirm="…">.
  document.addEventListener("click", function (event) {
    var target = event.target.closest("[data-confirm]");
    if (target && !window.confirm(target.getAttribute("data-confirm"))) {
      event.preventDefault();
    }
  });
})();
