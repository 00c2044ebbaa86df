// The verification page: listens to the hosted page's events, refreshes the
// client secret when it expires, and moves on to the result when the session ends.
(function () {
  "use strict";
  var frame = document.getElementById("facesign-frame");
  var status = document.getElementById("verify-status");
  if (!frame || !status) return;
  var origin = frame.dataset.origin;
  var refreshing = false;

  function say(text) { status.textContent = text; }

  function refresh() {
    if (refreshing) return;
    refreshing = true;
    say("Your verification link expired; getting a new one…");
    fetch(frame.dataset.refresh, {
      method: "POST",
      headers: { "X-CSRF-Token": frame.dataset.csrf },
      credentials: "same-origin"
    }).then(function (r) {
      if (!r.ok) throw new Error("HTTP " + r.status);
      return r.json();
    }).then(function (body) {
      if (new URL(body.url).origin !== origin) throw new Error("unexpected origin");
      frame.src = body.url;
      say("Loading the verification…");
    }).catch(function () {
      say("The verification link could not be renewed. Reload the page to try again.");
    }).finally(function () { refreshing = false; });
  }

  window.addEventListener("message", function (event) {
    // Only the hosted page in our iframe speaks to us.
    if (event.origin !== origin || event.source !== frame.contentWindow) return;
    var d = event.data;
    if (!d || d.source !== "facesign" || d.version !== 1) return;
    switch (d.type) {
      case "ready": say("Ready: follow the instructions in the verification frame."); break;
      case "started": say("Verification in progress…"); break;
      case "complete":
      case "cancel":
        say("Finished. Getting your result…");
        window.location.assign(frame.dataset.result);
        break;
      case "error":
        if (d.code === "secret_expired" || d.code === "secret_replaced") { refresh(); break; }
        if (d.code === "camera_unavailable") { say("Your camera is not available: allow camera access and reload."); break; }
        say("The verification reported a problem (" + String(d.code || "unknown") + "). Reload the page to try again.");
        break;
    }
  });
})();
