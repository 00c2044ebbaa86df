// controls.js: the Sandbox controls panel. It shows the controls that matter
// at the current node, lists the outbox, and turns the choices into the
// advance call's outcome and inputs (only what the developer chose: an unset
// control leaves the sandbox's default).
"use strict";
(function () {
  function $(id) { return document.getElementById(id); }
  // Which controls each node type uses.
  var relevant = {
    liveness_detection: ["ctl-liveness"],
    recognition: ["ctl-recognition", "ctl-face"],
    face_scan: ["ctl-facescan", "ctl-similarity"],
    face_compare: ["ctl-similarity"],
    document_scan: ["doc"]
  };
  var all = ["ctl-liveness", "ctl-recognition", "ctl-face", "ctl-facescan", "ctl-similarity"];
  function show(type, outcomes) {
    var want = relevant[type] || [];
    all.forEach(function (id) {
      var el = $(id);
      if (el) el.closest(".field").hidden = want.indexOf(id) < 0;
    });
    var doc = document.querySelector(".doc-fields");
    if (doc) doc.hidden = want.indexOf("doc") < 0;
    var sel = $("ctl-outcome");
    var label = document.querySelector('label[for="ctl-outcome"]');
    if (label) label.textContent = type === "conversation" ? "Outcome the conversation judge picks" : "Outcome of this node";
    while (sel.options.length > 1) sel.remove(1);
    sel.options[0].textContent = type === "conversation" ? "First outcome (default)" : "Decided by the controls (default)";
    (outcomes || []).forEach(function (o) { sel.add(new Option(o, o)); });
    sel.value = "";
    sel.closest(".field").hidden = !outcomes || outcomes.length === 0;
    var note = document.getElementById("ctl-idle");
    if (note) note.hidden = !!(outcomes && outcomes.length);
  }
  function faces(list) {
    var sel = $("ctl-face");
    var keep = sel.value;
    while (sel.options.length > 1) sel.remove(1);
    (list || []).forEach(function (f) {
      var label = f.name && f.email ? f.name + " <" + f.email + ">" : (f.name || f.email || f.id);
      sel.add(new Option(label, f.id));
    });
    sel.value = keep;
  }
  function outbox(msgs, sessionOnlyNote) {
    var ul = $("outbox");
    ul.textContent = "";
    if (!msgs || msgs.length === 0) {
      var li = document.createElement("li"); li.className = "muted"; li.textContent = "No code sent yet.";
      ul.appendChild(li); return;
    }
    msgs.forEach(function (m) {
      var li = document.createElement("li");
      li.className = "outbox-item";
      var code = document.createElement("code"); code.className = "otp"; code.textContent = m.code;
      li.appendChild(code);
      li.appendChild(document.createTextNode(" " + (m.channel === "sms" ? "SMS to " : "email to ") + m.to));
      ul.appendChild(li);
    });
  }
  // choices returns {outcome, inputs} for a node of type, or null fields.
  function choices(type) {
    var inputs = {};
    var want = relevant[type] || [];
    function val(id) { return $(id) ? $(id).value.trim() : ""; }
    if (want.indexOf("ctl-liveness") >= 0 && val("ctl-liveness")) inputs.liveness = val("ctl-liveness");
    if (want.indexOf("ctl-recognition") >= 0 && val("ctl-recognition")) inputs.recognition = val("ctl-recognition");
    if (want.indexOf("ctl-face") >= 0 && val("ctl-face")) inputs.face = val("ctl-face");
    if (want.indexOf("ctl-facescan") >= 0 && val("ctl-facescan")) inputs.faceScan = val("ctl-facescan");
    if (want.indexOf("ctl-similarity") >= 0 && val("ctl-similarity") !== "") {
      var n = Number(val("ctl-similarity"));
      if (!isNaN(n)) inputs.faceSimilarity = n;
    }
    if (want.indexOf("doc") >= 0) {
      var doc = {};
      document.querySelectorAll("[data-doc]").forEach(function (el) {
        if (el.value.trim() !== "") doc[el.getAttribute("data-doc")] = el.value.trim();
      });
      if (Object.keys(doc).length) inputs.document = doc;
    }
    return { outcome: val("ctl-outcome"), inputs: inputs };
  }
  window.FSControls = { show: show, faces: faces, outbox: outbox, choices: choices };
})();
