// app.js: walks the session node by node. The server holds the truth; this
// script shows the screen the current node needs, sends the user's answer,
// and tells the embedding page what happened (events.js).
"use strict";
(function () {
  function $(id) { return document.getElementById(id); }
  var E = window.FSEvents, Api = window.FSApi, Speech = window.FSSpeech, Cam = window.FSCamera, Ctl = window.FSControls;
  var view = JSON.parse($("fs-state").textContent);
  var shownLines = 0;      // transcript lines already captioned
  var current = null;      // {id, type} of the node the page is at
  var busy = false;
  var spoken = Promise.resolve(); // settles when the avatar's latest lines are said
  E.setSession(view.sessionId);
  document.documentElement.lang = view.lang || "en";

  var screens = ["s-start", "s-reply", "s-continue", "s-permissions", "s-capture", "s-document", "s-email", "s-code", "s-checking", "s-finished", "s-problem"];
  function screen(id, focusId) {
    screens.forEach(function (s) { $(s).hidden = s !== id; });
    document.body.setAttribute("data-screen", id);
    var f = focusId ? $(focusId) : $(id).querySelector("input, select, button");
    if (f && !f.hidden) f.focus({ preventScroll: false });
  }
  function setStatus(v) {
    var names = { requiresInput: "Not started", processing: "In progress", complete: "Finished", canceled: "Canceled" };
    $("status").textContent = names[v.status] || v.status;
    $("leave").hidden = v.status === "complete" || v.status === "canceled";
  }
  function addLine(line) {
    var li = document.createElement("li");
    li.className = line.isAvatar ? "avatar-line" : "user-line";
    var who = document.createElement("span"); who.className = "who";
    who.textContent = line.isAvatar ? (view.avatar.name || "Assistant") + ": " : "You: ";
    li.appendChild(who); li.appendChild(document.createTextNode(line.text));
    $("transcript").appendChild(li);
  }
  // newLines captions what the transcript gained since last time; it resolves
  // once the avatar's new lines have been said (or their caption time is over).
  function newLines(v) {
    var lines = v.transcript || [];
    var said = [];
    for (; shownLines < lines.length; shownLines++) {
      var l = lines[shownLines];
      addLine(l);
      E.caption(l.isAvatar ? "avatar" : "user", l.text);
      if (l.isAvatar) said.push(l.text);
    }
    if (!said.length) return Promise.resolve();
    return Speech.say(said.join(" "), v.lang, $("caption"));
  }
  function problem(msg, retry) {
    $("problem-text").textContent = msg;
    $("retry").hidden = !retry;
    retryFn = retry;
    screen("s-problem");
  }
  var retryFn = null;
  function fail(err) {
    busy = false;
    var code = err && err.code ? err.code : "server";
    var msg = err && err.message ? err.message : "Something went wrong.";
    if (code === "secret_expired" || code === "secret_replaced" || code === "secret_unknown") {
      E.error(code, msg);
      problem(msg + " The app you came from will open a fresh link.", null);
      return;
    }
    if (code === "stale" || code === "finished") {
      return Api.state().then(function (v) { apply(v, null); }, fail);
    }
    if (code === "bad_input") {
      problem(msg, function () { enter(view); });
      return;
    }
    E.error(code === "network" ? "network" : "server", msg);
    problem(msg, function () { Api.state().then(function (v) { apply(v, null); }, fail); });
  }

  // send advances the current node with body's answer and the controls' choices.
  function send(body) {
    if (busy || !current) return Promise.resolve();
    busy = true;
    var c = Ctl.choices(current.type);
    body.nodeId = current.id;
    if (c.outcome && !body.outcome) body.outcome = c.outcome;
    body.inputs = Object.assign({}, c.inputs, body.inputs || {});
    var leaving = current;
    if (["recognition", "face_compare", "data_validation", "liveness_detection", "face_scan", "document_scan"].indexOf(leaving.type) >= 0) {
      $("checking-text").textContent = "Checking…";
      screen("s-checking");
    }
    return Api.advance(body).then(function (v) { busy = false; apply(v, leaving); }, fail);
  }

  // apply shows a new view: the steps taken, the lines said, then the next node.
  function apply(v, leaving) {
    var wasStarted = view.status !== "requiresInput";
    view = v;
    setStatus(v);
    Ctl.faces(v.faces);
    Ctl.outbox(v.outbox);
    if (!wasStarted && v.status !== "requiresInput") E.started();
    var path = (v.last && v.last.path) || [];
    path.forEach(function (p, i) {
      if (i === 0) {
        E.left(p.nodeId, p.type, p.outcome);
      } else {
        E.entered(p.nodeId, p.type); // an end node
      }
    });
    var moved = !current || !v.pending || current.id !== v.pending.nodeId || path.length > 0;
    // The screen comes at once; only a node that continues by itself waits
    // for the avatar to finish speaking (or its caption time).
    spoken = newLines(v);
    if (v.status === "complete" || v.status === "canceled") return finish(v);
    if (!moved && v.last && v.last.message) return waitCode(v, v.last.message);
    enter(v);
  }
  function finish(v) {
    current = null;
    Cam.close();
    Ctl.show("", []);
    $("finished-text").textContent = v.status === "canceled" ? "This verification was canceled. You can close this page." :
      "Verification finished. You can close this page.";
    $("caption").textContent = v.status === "canceled" ? "Goodbye." : (v.finalPhrase || "Thank you, you're all done.");
    document.body.setAttribute("data-node", "");
    document.body.setAttribute("data-need", "none");
    screen("s-finished");
    E.complete(v.status);
  }

  // enter shows the screen the current node needs.
  function enter(v) {
    var p = v.pending;
    var fresh = !current || current.id !== p.nodeId;
    current = { id: p.nodeId, type: p.type };
    if (fresh && p.type !== "start") E.entered(p.nodeId, p.type);
    Ctl.show(p.type, p.outcomes);
    // A node with no line of its own still says what is happening.
    if (fresh && !p.avatar && defaultCaption[p.type]) $("caption").textContent = defaultCaption[p.type];
    document.body.setAttribute("data-node", p.nodeId);
    document.body.setAttribute("data-need", p.need);
    switch (p.need) {
      case "begin": return screen("s-start");
      case "reply":
        $("mic").hidden = !Speech.canListen();
        $("reply").value = "";
        return screen("s-reply", "reply");
      case "permissions": return permissions(v);
      case "capture": return capture(v);
      case "document": return documentScreen(v);
      case "email": $("email").value = ""; return screen("s-email", "email");
      case "code": return waitCode(v, "");
      default: return automatic(v);
    }
  }
  function automatic(v) {
    var p = v.pending;
    var id = p.nodeId;
    function later(ms) {
      // Skip is offered only while the page waits on the avatar's line.
      $("skip-speech").hidden = false;
      spoken.then(function () {
        $("skip-speech").hidden = true;
        autoTimer = setTimeout(function () { if (current && current.id === id) send({}); }, ms);
      });
    }
    $("continue-text").hidden = true;
    if (p.type === "conversation") {
      screen("s-continue");
      // Nothing to answer: continue by itself once the line is said.
      return later(300);
    }
    // A node FaceSign decides by itself: with the Sandbox controls open, the
    // developer gets to choose its outcome first and continues by hand.
    if ($("controls").open) {
      $("continue-text").textContent = "Sandbox: FaceSign decides this " + p.type.replace(/_/g, " ") +
        " step by itself. Choose its outcome in the Sandbox controls, then continue.";
      $("continue-text").hidden = false;
      return screen("s-continue");
    }
    var what = { face_compare: "Comparing faces…", data_validation: "Checking your details…",
      two_factor_email: "Sending the code…", two_factor_sms: "Sending the code…" }[p.type] || "Checking…";
    $("checking-text").textContent = what;
    screen("s-checking");
    later(700);
  }
  var autoTimer = null;
  var defaultCaption = {
    permissions: "Your browser will ask for the camera.",
    document_scan: "Please hold your identity document up to the camera.",
    enter_email: "Please type your email address.",
    face_compare: "One moment while I compare your photos.",
    data_validation: "One moment while I check your details.",
    recognition: "Look at the camera so we can recognise you."
  };

  function cameraProblem(err) {
    var denied = err && (err.name === "NotAllowedError" || err.name === "SecurityError");
    var msg = denied ? "Camera access was refused." : "No camera is available (" + ((err && err.message) || "unknown") + ").";
    E.error("camera_unavailable", msg);
    return msg;
  }
  function permissions(v) {
    var n = v.node || {};
    var want = [];
    if (n.camera) want.push("camera");
    if (n.microphone) want.push("microphone");
    $("permissions-text").textContent = "We need your " + (want.join(" and ") || "camera") + " for this check. Your browser will ask you.";
    $("allow").textContent = "Allow " + (want.join(" and ") || "camera");
    screen("s-permissions", "allow");
  }
  function allow() {
    var n = view.node || {};
    $("allow").disabled = true;
    Cam.open(n.camera, n.microphone).then(function () {
      $("allow").disabled = false;
      send({ inputs: { permissions: "granted" } });
    }, function (err) {
      $("allow").disabled = false;
      $("caption").textContent = cameraProblem(err);
      send({ inputs: { permissions: "denied" } });
    });
  }
  // honest is the outcome a node takes when the camera cannot be used.
  function honest(p) {
    var prefs = { liveness_detection: ["captureUnavailable", "noFace"], recognition: ["noFace"], face_scan: ["error", "notPassed"],
      document_scan: ["scanTimeout", "userCancelled"] }[p.type] || [];
    for (var i = 0; i < prefs.length; i++) if ((p.outcomes || []).indexOf(prefs[i]) >= 0) return prefs[i];
    return (p.outcomes || [])[0] || "";
  }
  function capture(v) {
    var n = v.node || {};
    var texts = { liveness_detection: "Place your face inside the oval and hold still.",
      recognition: "Look at the camera so we can recognise you.",
      face_scan: n.livenessChallenge ? "Look at the camera, then slowly turn your head." : "Look at the camera and hold still." };
    // The node has no line of its own: the caption gives the instruction.
    Speech.skip();
    if (!v.pending.avatar) $("caption").textContent = n.captureInstructions || texts[v.pending.type] || "Look at the camera.";
    $("capture").disabled = true;
    screen("s-capture");
    Cam.open(true, false).then(function () { return Cam.attach($("video")); }).then(function () {
      $("capture").disabled = false;
      $("capture").focus();
    }, function (err) {
      var msg = cameraProblem(err);
      $("caption").textContent = msg + " Continuing without it.";
      send({ outcome: honest(v.pending) });
    });
  }
  function shoot(videoEl, kind) {
    return Cam.frame(videoEl).then(function (blob) { return Api.upload(current.id, kind, blob); });
  }
  function doCapture() {
    $("capture").disabled = true;
    shoot($("video"), "screenshot").then(function (r) { send({ screenshot: r.ref }); }, function (err) {
      $("capture").disabled = false;
      fail(err instanceof Api.ApiError ? err : { code: "bad_input", message: err.message });
    });
  }
  var docNames = { passport: "Passport", id: "ID card", dl: "Driver's license", id_card: "ID card", driver_license: "Driver's license", drivers_license: "Driver's license", residence_permit: "Residence permit" };
  function documentScreen(v) {
    var sel = $("doc-type");
    sel.textContent = "";
    var types = (v.node && v.node.allowedDocumentTypes && v.node.allowedDocumentTypes.length) ? v.node.allowedDocumentTypes : ["passport", "id_card", "driver_license"];
    types.forEach(function (t) { sel.add(new Option(docNames[t] || t, t)); });
    $("doc-capture").disabled = true;
    screen("s-document", "doc-type");
    Cam.open(true, false).then(function () { return Cam.attach($("doc-video")); }).then(function () {
      $("doc-capture").disabled = false;
    }, function (err) {
      $("caption").textContent = cameraProblem(err) + " You can choose an image of the document instead.";
      $("doc-capture").hidden = true;
    });
  }
  function docInputs() { return { document: Object.assign({}, Ctl.choices("document_scan").inputs.document || {}, { documentType: $("doc-type").value }) }; }
  function doDocument(blobPromise) {
    $("doc-capture").disabled = true;
    blobPromise.then(function (blob) { return Api.upload(current.id, "document", blob); }).then(function (r) {
      send({ screenshot: r.ref, inputs: docInputs() });
    }, function (err) {
      $("doc-capture").disabled = false;
      fail(err instanceof Api.ApiError ? err : { code: "bad_input", message: err.message });
    });
  }
  function waitCode(v, message) {
    var o = v.pending.otp || {};
    $("code-text").textContent = "Enter the code sent by " + (o.channel === "sms" ? "SMS to " : "email to ") + (o.to || "you") +
      ". In this sandbox it is in the Outbox of the Sandbox controls.";
    $("code").value = "";
    $("code-message").hidden = !message;
    $("code-message").textContent = message ? message.charAt(0).toUpperCase() + message.slice(1) + "." : "";
    screen("s-code", "code");
  }

  // Wiring.
  $("begin").addEventListener("click", function () {
    $("begin").disabled = true;
    send({}).then(function () { $("begin").disabled = false; });
  });
  $("reply-form").addEventListener("submit", function (e) {
    e.preventDefault();
    var text = $("reply").value.trim();
    if (text) send({ reply: text });
  });
  $("mic").addEventListener("click", function () {
    $("mic").disabled = true;
    Speech.listen(view.lang).then(function (text) {
      $("mic").disabled = false; $("reply").value = text; $("reply").focus();
    }, function () {
      $("mic").disabled = false; $("mic").hidden = true;
      $("caption").textContent = "Speech recognition is not available here; please type your answer.";
      $("reply").focus();
    });
  });
  $("continue").addEventListener("click", function () { clearTimeout(autoTimer); Speech.skip(); send({}); });
  $("allow").addEventListener("click", allow);
  $("capture").addEventListener("click", doCapture);
  $("doc-capture").addEventListener("click", function () { doDocument(Cam.frame($("doc-video"))); });
  $("doc-file").addEventListener("change", function () {
    var f = $("doc-file").files[0];
    if (f) doDocument(Promise.resolve(f));
    $("doc-file").value = "";
  });
  $("email-form").addEventListener("submit", function (e) { e.preventDefault(); send({ email: $("email").value.trim() }); });
  $("code-form").addEventListener("submit", function (e) { e.preventDefault(); send({ otpCode: $("code").value.trim() }); });
  $("skip-speech").addEventListener("click", function () { Speech.skip(); });
  $("retry").addEventListener("click", function () { if (retryFn) retryFn(); });
  $("leave").addEventListener("click", function () {
    if (view.status === "complete" || view.status === "canceled") return;
    clearTimeout(autoTimer);
    Api.cancel("userLeft").then(function (v) {
      view = v; setStatus(v); current = null;
      E.cancel("userLeft");
      finish(v);
    }, fail);
  });

  // First paint: the server rendered the start or finished screen already.
  setStatus(view);
  Ctl.faces(view.faces);
  Ctl.outbox(view.outbox);
  E.ready(view.status);
  document.body.setAttribute("data-ready", "1");
  if (view.status === "complete" || view.status === "canceled") {
    (view.transcript || []).forEach(addLine);
    shownLines = (view.transcript || []).length;
    document.body.setAttribute("data-need", "none");
    screen("s-finished");
  } else if (view.status === "requiresInput") {
    current = { id: view.pending.nodeId, type: view.pending.type };
    document.body.setAttribute("data-node", view.pending.nodeId);
    document.body.setAttribute("data-need", "begin");
    Ctl.show("start", []);
    screen("s-start", "begin");
  } else {
    // A session in progress resumes at its node: earlier lines stay in the
    // transcript; the current node's line is said again.
    var lines = view.transcript || [];
    lines.forEach(addLine);
    shownLines = lines.length;
    if (view.pending.avatar) $("caption").textContent = view.pending.avatar;
    enter(view);
  }
})();
