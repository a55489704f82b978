// Check as you type: send the draft to the desk's check endpoint a moment after the
// last keystroke and show what the policy says, clause by clause. No third parties.
(function () {
  "use strict";
  var form = document.getElementById("draft-form");
  if (!form) return;
  var text = form.querySelector("textarea[name=text]");
  var out = document.getElementById("live-findings");
  var counter = document.getElementById("char-count");
  var token = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  var url = form.getAttribute("data-check-url");
  var timer = null, seq = 0, controller = null;

  function field(name) { var el = form.elements[name]; return el ? el : null; }
  function el(tag, cls, content) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (content) node.textContent = content;
    return node;
  }
  var DECISIONS = {
    ok: ["ok", "Nothing in the policy stops this post."],
    needs_approval: ["notice", "This will need approval from: "],
    needs_changes: ["error", "Something in this draft breaks the policy."]
  };

  function render(result) {
    out.textContent = "";
    var d = DECISIONS[result.decision] || ["", ""];
    var msg = d[1] + (result.decision === "needs_approval" ? result.approvers.join(", ") + "." : "");
    out.appendChild(el("p", d[0], msg));
    if (!result.findings.length) return;
    var list = el("ul", "findings");
    result.findings.forEach(function (f) {
      var li = el("li", "finding sev-" + f.severity);
      li.appendChild(el("span", "sev", f.severity.charAt(0).toUpperCase() + f.severity.slice(1)));
      if (f.excerpt) { li.appendChild(el("q", "", f.excerpt)); li.appendChild(document.createTextNode(" ")); }
      li.appendChild(document.createTextNode(f.message));
      if (f.suggestion) li.appendChild(el("span", "suggest", "Try: " + f.suggestion));
      var clause = f.clause ? "Clause " + f.clause + (f.clause_heading ? " (" + f.clause_heading + ")" : "") : "";
      if (f.why) clause += (clause ? ": " : "") + f.why;
      if (clause) li.appendChild(el("span", "clause", clause));
      list.appendChild(li);
    });
    out.appendChild(list);
  }

  function run() {
    var mine = ++seq;
    if (controller) controller.abort();
    controller = window.AbortController ? new AbortController() : null;
    var media = Array.prototype.map.call(form.querySelectorAll("input[name=media]:checked"),
      function (m) { return parseInt(m.value, 10); });
    var body = {
      text: text.value,
      channel: field("channel") && field("channel").value ? parseInt(field("channel").value, 10) : null,
      account: field("account") ? field("account").value : "official",
      high_profile: field("high_profile") ? field("high_profile").checked : false,
      reply_to: field("reply_to") ? field("reply_to").value : "",
      media: media
    };
    fetch(url, {
      method: "POST", credentials: "same-origin",
      headers: {"Content-Type": "application/json", "X-CSRFToken": token},
      body: JSON.stringify(body), signal: controller ? controller.signal : undefined
    }).then(function (r) { return r.ok ? r.json() : null; })
      .then(function (result) { if (result && mine === seq) render(result); })
      .catch(function () { /* a newer check replaced this one, or the network blinked */ });
  }

  function schedule() {
    counter.textContent = text.value.length + " characters";
    clearTimeout(timer);
    timer = setTimeout(run, 200);
  }
  form.addEventListener("input", schedule);
  form.addEventListener("change", schedule);
  if (text.value) schedule();
})();
