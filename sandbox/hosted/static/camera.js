// camera.js: the camera and microphone. One stream for the page; frames are
// captured from the video element as JPEG, at most 640 pixels wide.
"use strict";
(function () {
  var stream = null;
  var wanted = { video: false, audio: false };
  function open(video, audio) {
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
      return Promise.reject(Object.assign(new Error("This browser gives pages no camera (is the page on https or localhost?)"), { name: "NotSupportedError" }));
    }
    if (stream && (!video || wanted.video) && (!audio || wanted.audio)) return Promise.resolve(stream);
    close();
    return navigator.mediaDevices.getUserMedia({
      video: video ? { width: { ideal: 640 }, height: { ideal: 480 }, facingMode: "user" } : false,
      audio: !!audio
    }).then(function (s) { stream = s; wanted = { video: !!video, audio: !!audio }; return s; });
  }
  function close() {
    if (stream) stream.getTracks().forEach(function (t) { t.stop(); });
    stream = null; wanted = { video: false, audio: false };
  }
  function attach(el) {
    if (!stream) return Promise.reject(new Error("no camera"));
    if (el.srcObject !== stream) el.srcObject = stream;
    return el.play().catch(function () {}).then(function () {
      if (el.videoWidth) return;
      return new Promise(function (resolve) {
        el.addEventListener("loadeddata", function () { resolve(); }, { once: true });
        setTimeout(resolve, 3000);
      });
    });
  }
  function frame(el) {
    var w = el.videoWidth, h = el.videoHeight;
    if (!w || !h) return Promise.reject(new Error("the camera shows no picture"));
    var scale = Math.min(1, 640 / w);
    var c = document.createElement("canvas");
    c.width = Math.round(w * scale); c.height = Math.round(h * scale);
    c.getContext("2d").drawImage(el, 0, 0, c.width, c.height);
    return new Promise(function (resolve, reject) {
      c.toBlob(function (b) { if (b) resolve(b); else reject(new Error("could not encode the frame")); }, "image/jpeg", 0.9);
    });
  }
  window.FSCamera = { open: open, close: close, attach: attach, frame: frame, active: function () { return !!stream; } };
})();
