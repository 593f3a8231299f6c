// Polls the upload's status while it is processed, then reloads to show the outcome.
(function () {
  "use strict";
  var box = document.getElementById("upload-status");
  if (!box || box.dataset.finished === "1") { return; }
  var bar = document.getElementById("upload-progress");
  var label = document.getElementById("upload-status-label");
  var delay = 700;
  function poll() {
    fetch(box.dataset.statusUrl, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
      .then(function (data) {
        if (bar) { bar.value = data.progress; bar.textContent = data.progress + " %"; }
        if (label) { label.textContent = data.label; }
        if (data.finished) { window.location.replace(data.url); return; }
        delay = Math.min(delay * 1.3, 4000);
        window.setTimeout(poll, delay);
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }
  window.setTimeout(poll, delay);
})();
