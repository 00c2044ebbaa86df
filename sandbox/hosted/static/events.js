// events.js: the page's postMessage vocabulary, version 1 (docs/facesign-api.md,
// "Hosted page events"). Every event goes to window.parent with targetOrigin "*":
// nothing secret is ever in one. Embedders check event.origin and source.
"use strict";
(function () {
  var sessionId = "";
  function post(type, fields) {
    var msg = { source: "facesign", version: 1, type: type, sessionId: sessionId };
    for (var k in fields || {}) {
      if (Object.prototype.hasOwnProperty.call(fields, k) && fields[k] !== undefined) msg[k] = fields[k];
    }
    if (window.parent && window.parent !== window) {
      try { window.parent.postMessage(msg, "*"); } catch (e) { /* a closed parent hears nothing */ }
    }
  }
  window.FSEvents = {
    setSession: function (id) { sessionId = id || ""; },
    ready: function (status) { post("ready", { status: status }); },
    started: function () { post("started", {}); },
    entered: function (nodeId, nodeType) { post("step", { phase: "entered", nodeId: nodeId, nodeType: nodeType }); },
    left: function (nodeId, nodeType, outcome) { post("step", { phase: "left", nodeId: nodeId, nodeType: nodeType, outcome: outcome }); },
    caption: function (speaker, text) { post("caption", { speaker: speaker, text: text }); },
    complete: function (status) { post("complete", { status: status }); },
    cancel: function (reason) { post("cancel", { reason: reason }); },
    error: function (code, message) { post("error", { code: code, message: message }); }
  };
})();
