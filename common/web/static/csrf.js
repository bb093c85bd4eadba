// Every htmx request carries the page's CSRF token (from <meta name="csrf-token">) in a
// header; plain forms carry it as a hidden field. Loaded before htmx issues its first poll.
(function () {
  "use strict";

  function token() {
    const meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.content : "";
  }

  document.addEventListener("htmx:configRequest", function (event) {
    event.detail.headers["X-CSRFToken"] = token();
  });
})();
