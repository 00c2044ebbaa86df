// The result page while FaceSign has not confirmed the session: asks the
// server every two seconds and reloads once the decision is final.
(function () {
  "use strict";
  var el = document.getElementById("result");
  if (!el || el.dataset.decision !== "pending") return;
  var tries = 0;
  function poll() {
    if (++tries > 150) return;
    fetch(el.dataset.statusUrl, { credentials: "same-origin" }).then(function (r) {
      return r.ok ? r.json() : null;
    }).then(function (body) {
      if (body && body.decision !== "pending") { window.location.reload(); return; }
      setTimeout(poll, 2000);
    }).catch(function () { setTimeout(poll, 4000); });
  }
  setTimeout(poll, 1000);
})();
