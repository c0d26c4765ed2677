// Meetings pages: small enhancements on top of HTMX; every page works without them.
(function () {
  "use strict";
  // After HTMX replaces part of the agenda or a table row, put the keyboard focus where the user's
  // attention should go (the message about what just happened, or the first field of an inline editor)
  // instead of leaving it on a button that no longer exists.
  document.addEventListener("htmx:afterSettle", function () {
    var target = document.querySelector("[data-focus-after-swap]");
    if (target) {
      target.removeAttribute("data-focus-after-swap");
      target.focus();
    }
  });
  // <button data-print> prints the page (the sign-in sheet has its own print layout).
  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-print]")) {
      window.print();
    }
  });
})();
