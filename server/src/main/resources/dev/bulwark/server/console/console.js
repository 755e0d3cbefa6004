// Bulwark console: keyboard triage, verdict buttons, dark mode. Loaded as a file (CSP forbids inline script).
(function () {
  "use strict";
  var csrfMeta = document.querySelector('meta[name="csrf"]');
  var csrf = csrfMeta ? csrfMeta.getAttribute("content") : "";

  // ---- theme ----
  var stored = null;
  try { stored = localStorage.getItem("bulwark-theme"); } catch (e) { /* private mode */ }
  if (stored) { document.documentElement.setAttribute("data-theme", stored); }
  document.addEventListener("DOMContentLoaded", function () {
    var toggle = document.getElementById("theme");
    if (toggle) {
      toggle.addEventListener("click", function () {
        var dark = document.documentElement.getAttribute("data-theme") === "dark" ||
          (!document.documentElement.getAttribute("data-theme") &&
            window.matchMedia("(prefers-color-scheme: dark)").matches);
        var next = dark ? "light" : "dark";
        document.documentElement.setAttribute("data-theme", next);
        try { localStorage.setItem("bulwark-theme", next); } catch (e) { /* ignore */ }
      });
    }
    setUp();
  });

  // ---- verdicts ----
  function badge(v) {
    var s = document.createElement("span");
    s.className = "badge " + v;
    s.textContent = v;
    return s;
  }

  function label(id, verdict, cell) {
    return fetch("/api/findings/" + encodeURIComponent(id) + "/labels", {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
      body: JSON.stringify({ verdict: verdict })
    }).then(function (r) {
      if (!r.ok) { return r.json().then(function (e) { throw new Error(e.error || r.status); }); }
      if (cell) { cell.replaceChildren(badge(verdict)); }
      status("Marked " + verdict);
    }).catch(function (e) { status("Not saved: " + e.message, true); });
  }

  function status(text, bad) {
    var el = document.getElementById("status");
    if (!el) {
      el = document.createElement("div");
      el.id = "status";
      el.setAttribute("role", "status");
      document.body.appendChild(el);
    }
    el.textContent = text;
    el.className = bad ? "bad" : "";
  }

  var KEYS = { t: "tp", f: "fp", w: "wont-fix" };

  function setUp() {
    var queue = document.getElementById("queue");
    var article = document.getElementById("finding");
    if (queue) {
      var rows = Array.prototype.slice.call(queue.querySelectorAll("tbody tr"));
      var at = rows.length ? 0 : -1;
      function select(i) {
        if (i < 0 || i >= rows.length) { return; }
        if (at >= 0) { rows[at].classList.remove("selected"); rows[at].removeAttribute("aria-selected"); }
        at = i;
        rows[at].classList.add("selected");
        rows[at].setAttribute("aria-selected", "true");
        rows[at].scrollIntoView({ block: "nearest" });
      }
      if (at === 0) { select(0); }
      rows.forEach(function (row, i) { row.addEventListener("click", function () { select(i); }); });
      document.addEventListener("keydown", function (e) {
        if (e.target && /INPUT|SELECT|TEXTAREA/.test(e.target.tagName)) { return; }
        if (e.ctrlKey || e.metaKey || e.altKey || at < 0) { return; }
        if (e.key === "j") { select(at + 1); e.preventDefault(); }
        else if (e.key === "k") { select(at - 1); e.preventDefault(); }
        else if (e.key === "o" || e.key === "Enter") { window.location.href = rows[at].getAttribute("data-href"); }
        else if (KEYS[e.key]) {
          var row = rows[at];
          label(row.getAttribute("data-id"), KEYS[e.key], row.querySelector(".verdict")).then(function () {
            select(at + 1);
          });
          e.preventDefault();
        }
      });
    }
    if (article) {
      var id = article.getAttribute("data-id");
      var cell = article.querySelector(".verdict");
      Array.prototype.forEach.call(article.querySelectorAll("button[data-verdict]"), function (b) {
        b.addEventListener("click", function () { label(id, b.getAttribute("data-verdict"), cell); });
      });
      document.addEventListener("keydown", function (e) {
        if (e.target && /INPUT|SELECT|TEXTAREA/.test(e.target.tagName)) { return; }
        if (KEYS[e.key] && !e.ctrlKey && !e.metaKey) { label(id, KEYS[e.key], cell); }
      });
    }
  }
})();
