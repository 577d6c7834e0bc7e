// The ITA checklist: follows a running check of the evidence until it finishes, and asks before
// the checklist is marked as submitted (it cannot be edited afterwards). Kept out of the
// template so that the admin's Content-Security-Policy needs no inline script.
(function () {
  "use strict";

  function followRun(bar) {
    var count = document.getElementById("run-count");
    function poll() {
      fetch(bar.dataset.url, { credentials: "same-origin" })
        .then(function (response) {
          return response.json();
        })
        .then(function (run) {
          bar.value = run.progress;
          count.textContent = run.checked + "/" + run.total;
          if (run.finished) {
            window.location.reload();
          } else {
            window.setTimeout(poll, 1000);
          }
        });
    }
    window.setTimeout(poll, 1000);
  }

  function init() {
    var bar = document.getElementById("run-progress");
    if (bar) {
      followRun(bar);
    }
    document.querySelectorAll("form[data-confirm]").forEach(function (form) {
      form.addEventListener("submit", function (event) {
        if (!window.confirm(form.dataset.confirm)) {
          event.preventDefault();
        }
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
