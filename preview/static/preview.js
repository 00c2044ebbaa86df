// The preview page: Start Session, the hosted page in the iframe, live status
// (polling the preview server, plus the hosted page's postMessage events),
// the report, and the coverage buttons. No library; the server renders
// everything else.
const root = document.getElementById("preview");
const base = root.dataset.base;
const pollMS = Number(root.dataset.poll) || 1500;
const token = document.querySelector('meta[name="preview-token"]').content;
const $ = (id) => document.getElementById(id);

let current = null; // {sessionId, origin}
let timer = 0;

function say(text, isError) {
  const s = $("status");
  s.textContent = text;
  s.classList.toggle("error", !!isError);
}

async function post(path) {
  const r = await fetch(base + path, { method: "POST", headers: { "X-Preview-Token": token } });
  const body = await r.json().catch(() => ({ error: "The preview server answered " + r.status + "." }));
  if (!r.ok) throw new Error(body.error || "HTTP " + r.status);
  return body;
}

// Diagram highlighting: every node on the path "taken", a failed check
// "failed", the node now being walked "current"; edges taken likewise.
function highlight(path, currentNode) {
  const svg = $("svg");
  if (!svg) return;
  svg.querySelectorAll(".taken,.failed,.current").forEach((g) => g.classList.remove("taken", "failed", "current"));
  const esc = (s) => CSS.escape(s);
  path.forEach((step, i) => {
    svg.querySelectorAll('g[data-node="' + esc(step.nodeId) + '"]').forEach((g) => {
      if (g.dataset.type !== "end" || i === path.length - 1) g.classList.add(step.success ? "taken" : "failed");
    });
    if (step.outcome) {
      svg.querySelectorAll('g[data-from="' + esc(step.nodeId) + '"][data-outcome="' + esc(step.outcome) + '"]')
        .forEach((g) => g.classList.add("taken"));
    }
  });
  if (currentNode) {
    const g = svg.querySelector('g[data-node="' + esc(currentNode) + '"]');
    if (g) {
      g.classList.add("current");
      g.scrollIntoView({ block: "nearest", inline: "nearest", behavior: "smooth" });
    }
  }
}

function li(text, cls) {
  const el = document.createElement("li");
  el.textContent = text;
  if (cls) el.className = cls;
  return el;
}

function showLive(sum) {
  $("live").hidden = false;
  const steps = $("steps");
  steps.replaceChildren(...sum.path.map((s) => li(s.nodeId + " · " + s.type + (s.outcome ? " → " + s.outcome : ""), s.success ? "ok" : "bad")));
  const tr = $("transcript");
  if (sum.transcript.length) tr.replaceChildren(...sum.transcript.map((l) => li((l.avatar ? "Avatar: " : "User: ") + l.text, l.avatar ? "avatar" : "user")));
  // The node being walked: the hosted page says so first (its step events);
  // the API's reports only list the nodes already left.
  const last = sum.path.length ? sum.path[sum.path.length - 1].nodeId : "";
  highlight(sum.path, sum.ended ? "" : (current && current.node) || last);
}

// label is a verdict as people read it: "not_verified" says "not verified".
function label(verdict) {
  return String(verdict).replace(/_/g, " ");
}

function showReport(sum) {
  const rep = $("report");
  rep.hidden = false;
  const v = $("verdict");
  v.textContent = label(sum.verdict);
  v.className = "verdict v-" + sum.verdict;
  $("reportsession").textContent = "Session " + sum.sessionId + " · " + sum.status + (sum.sandbox ? " · sandbox" : "");
  $("getsession").textContent = sum.sessionId;
  const ai = $("ai");
  ai.replaceChildren();
  if (sum.aiAnalysis) {
    const a = sum.aiAnalysis;
    const dl = document.createElement("dl");
    const add = (k, val) => { if (val) { const dt = document.createElement("dt"); dt.textContent = k; const dd = document.createElement("dd"); dd.textContent = val; dl.append(dt, dd); } };
    add("AI analysis", a.overallSummary);
    add("Age", a.ageMin || a.ageMax ? a.ageMin + "–" + a.ageMax : "");
    add("Sex", a.sex);
    add("Real or virtual", a.realPersonOrVirtual);
    if (sum.livenessDetected !== undefined) add("Liveness", sum.livenessDetected ? "detected" : "NOT detected");
    ai.append(dl);
  }
  const shots = $("shots");
  shots.replaceChildren(...(sum.screenshots || []).filter((u) => /^(https?:|data:image\/)/.test(u)).map((u) => {
    const img = document.createElement("img");
    img.src = u;
    img.alt = "Screenshot from the session";
    img.loading = "lazy";
    return img;
  }));
}

async function refreshPanels() {
  const r = await fetch(base + "/panels");
  if (r.ok) $("panels").innerHTML = await r.text();
}

async function poll() {
  if (!current) return;
  const id = current.sessionId;
  try {
    const r = await fetch(base + "/sessions/" + encodeURIComponent(id));
    const sum = await r.json();
    if (!current || current.sessionId !== id) return;
    if (!r.ok) throw new Error(sum.error || "HTTP " + r.status);
    showLive(sum);
    if (sum.ended) {
      say("Session " + id + " ended: " + label(sum.verdict) + ".");
      showReport(sum);
      current = null;
      refreshPanels();
      return;
    }
    say("Session " + id + ": " + label(sum.verdict) + (sum.path.length ? " — at " + sum.path[sum.path.length - 1].nodeId : "") + ".");
  } catch (e) {
    say("Could not read the session: " + e.message, true);
  }
  timer = setTimeout(poll, pollMS);
}

function reset() {
  clearTimeout(timer);
  $("report").hidden = true;
  $("live").hidden = true;
  $("steps").replaceChildren();
  $("transcript").replaceChildren();
  highlight([], "");
}

$("start").addEventListener("click", async () => {
  const btn = $("start");
  btn.disabled = true;
  reset();
  say("Creating a new session…");
  try {
    const s = await post("/sessions");
    current = { sessionId: s.sessionId, origin: s.origin };
    $("frame").hidden = false;
    $("hosted").src = s.url;
    say("Session " + s.sessionId + " created: follow the verification page below.");
    timer = setTimeout(poll, pollMS);
    refreshPanels();
  } catch (e) {
    say(e.message, true);
  } finally {
    btn.disabled = false;
  }
});

// The hosted page's events (TEAM.md's vocabulary): faster than polling, and
// never trusted beyond the origin of the page this preview embedded.
window.addEventListener("message", async (ev) => {
  const d = ev.data;
  if (!current || ev.origin !== current.origin || !d || d.source !== "facesign" || d.version !== 1) return;
  if (d.sessionId && d.sessionId !== current.sessionId) return;
  switch (d.type) {
    case "step":
      if (d.phase === "entered" && typeof d.nodeId === "string") {
        current.node = d.nodeId;
        const svg = $("svg");
        svg && svg.querySelectorAll(".current").forEach((g) => g.classList.remove("current"));
        const g = svg && svg.querySelector('g[data-node="' + CSS.escape(d.nodeId) + '"]');
        g && g.classList.add("current");
      }
      break;
    case "caption":
      if (typeof d.text === "string") {
        $("live").hidden = false;
        $("transcript").append(li((d.speaker === "avatar" ? "Avatar: " : "User: ") + d.text, d.speaker === "avatar" ? "avatar" : "user"));
      }
      break;
    case "complete":
    case "cancel":
      clearTimeout(timer);
      poll();
      break;
    case "error":
      if (d.code === "secret_expired" || d.code === "secret_replaced") {
        try {
          const s = await post("/sessions/" + encodeURIComponent(current.sessionId) + "/refresh");
          $("hosted").src = s.url;
        } catch (e) {
          say(e.message, true);
        }
      } else if (typeof d.message === "string") {
        say("The verification page says: " + d.message, true);
      }
      break;
  }
});

// Coverage: run an untried branch in the sandbox (event delegation: the
// panel is re-rendered by the server).
$("panels").addEventListener("click", async (ev) => {
  const again = ev.target.closest("button.resend");
  if (again) {
    again.disabled = true;
    try {
      await post("/webhooks/" + encodeURIComponent(again.dataset.ep) + "/deliveries/" + encodeURIComponent(again.dataset.delivery) + "/resend");
      say("Delivery resent: the sandbox attempts it again now.");
      setTimeout(refreshPanels, 500);
    } catch (e) {
      say(e.message, true);
      again.disabled = false;
    }
    return;
  }
  const del = ev.target.closest("button.delface");
  if (del) {
    del.disabled = true;
    try {
      await post("/faces/" + encodeURIComponent(del.dataset.face) + "/delete");
      say("Face deleted from the sandbox account.");
      await refreshPanels();
    } catch (e) {
      say(e.message, true);
      del.disabled = false;
    }
    return;
  }
  const btn = ev.target.closest("button.runbranch");
  if (!btn) return;
  btn.disabled = true;
  btn.textContent = "Running…";
  reset();
  // The run has no verification page: put away the last one.
  current = null;
  $("frame").hidden = true;
  $("hosted").removeAttribute("src");
  try {
    const sum = await post("/branches/" + btn.dataset.branch + "/run");
    showLive(sum);
    showReport(sum);
    say("Branch run as session " + sum.sessionId + ": " + label(sum.verdict) + ".");
    await refreshPanels();
  } catch (e) {
    say(e.message, true);
    btn.disabled = false;
    btn.textContent = "Run";
  }
});

// A reload while a session runs: the server lists it in the history (newest
// first) as running. Ask the API how it stands: an ended session only gets
// its report (never embedded again); a running one gets a fresh secret
// (the old iframe is gone) and the page follows it as before the reload.
async function resume() {
  const row = document.querySelector("#panels tbody tr");
  if (!row || !row.hasAttribute("data-running")) return;
  const id = row.dataset.session;
  try {
    const r = await fetch(base + "/sessions/" + encodeURIComponent(id));
    const sum = await r.json();
    if (!r.ok) throw new Error(sum.error || "HTTP " + r.status);
    if (current) return; // Start Session was clicked meanwhile
    showLive(sum);
    if (sum.ended) {
      showReport(sum);
      say("Session " + id + " ended: " + label(sum.verdict) + ".");
      refreshPanels();
      return;
    }
    const s = await post("/sessions/" + encodeURIComponent(id) + "/refresh");
    if (current) return;
    current = { sessionId: id, origin: new URL(s.url).origin };
    $("frame").hidden = false;
    $("hosted").src = s.url;
    say("Session " + id + " resumed after the reload: continue on the verification page below, or start a new one.");
    timer = setTimeout(poll, pollMS);
  } catch (e) {
    say("Could not resume session " + id + ": " + e.message, true);
  }
}
resume();
