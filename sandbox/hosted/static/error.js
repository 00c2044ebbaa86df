// error.js: the error page tells its embedder why there is no session, so that
// it can refresh an expired or replaced secret.
"use strict";
(function () {
  var main = document.getElementById("main");
  var title = document.getElementById("problem-title");
  if (main && window.FSEvents) {
    window.FSEvents.error(main.getAttribute("data-error-code") || "server", title ? title.textContent : "");
  }
})();
