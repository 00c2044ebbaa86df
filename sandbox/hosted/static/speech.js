// speech.js: the avatar's voice. Captions always; speech synthesis where the
// browser has a voice for the session's language, never waited on for more
// than a moment past the caption's reading time. Speech recognition is offered
// only where it exists, and any failure falls back to typing.
"use strict";
(function () {
  var synth = window.speechSynthesis;
  function voiceFor(lang) {
    if (!synth) return null;
    var voices = synth.getVoices() || [];
    var want = (lang || "en").toLowerCase();
    var exact = null, prefix = null;
    for (var i = 0; i < voices.length; i++) {
      var v = (voices[i].lang || "").toLowerCase().replace("_", "-");
      if (v === want && !exact) exact = voices[i];
      if (v.split("-")[0] === want.split("-")[0] && !prefix) prefix = voices[i];
    }
    return exact || prefix;
  }
  // say shows text as the caption and speaks it when a voice fits; the
  // promise settles when speech ends, or after the caption's reading time
  // (1.2 s plus 45 ms a character, at most 6 s) when there is no speech or it
  // stalls. skip() settles it at once.
  var pending = null;
  function say(text, lang, captionEl) {
    if (pending) pending();
    captionEl.textContent = text;
    return new Promise(function (resolve) {
      var done = false;
      var timer;
      function finish() {
        if (done) return;
        done = true; clearTimeout(timer); pending = null;
        resolve();
      }
      pending = function () { if (synth) synth.cancel(); finish(); };
      var wait = Math.min(1200 + 45 * text.length, 6000);
      var voice = voiceFor(lang);
      if (synth && voice && window.SpeechSynthesisUtterance) {
        try {
          var u = new SpeechSynthesisUtterance(text);
          u.voice = voice; u.lang = voice.lang;
          u.onend = finish;
          u.onerror = finish;
          synth.speak(u);
          // Speech that never starts must not hold the flow: a second or two.
          timer = setTimeout(function () { if (!synth.speaking) finish(); else timer = setTimeout(finish, 20000); }, Math.min(wait, 2000));
          return;
        } catch (e) { /* fall through to the caption timer */ }
      }
      timer = setTimeout(finish, wait);
    });
  }
  function skip() { if (pending) pending(); }
  // listen resolves with a transcript or rejects; callers keep the typed
  // reply as the primary input.
  function recognitionCtor() { return window.SpeechRecognition || window.webkitSpeechRecognition || null; }
  function listen(lang) {
    var Ctor = recognitionCtor();
    if (!Ctor) return Promise.reject(new Error("no speech recognition in this browser"));
    return new Promise(function (resolve, reject) {
      var r = new Ctor();
      r.lang = lang || "en"; r.interimResults = false; r.maxAlternatives = 1;
      var got = false;
      r.onresult = function (e) { got = true; resolve(e.results[0][0].transcript); };
      r.onerror = function (e) { reject(new Error(e.error || "speech recognition failed")); };
      r.onend = function () { if (!got) reject(new Error("no speech heard")); };
      try { r.start(); } catch (e) { reject(e); }
      setTimeout(function () { try { r.stop(); } catch (e) { /* already over */ } }, 8000);
    });
  }
  window.FSSpeech = { say: say, skip: skip, listen: listen, canListen: function () { return !!recognitionCtor(); } };
})();
