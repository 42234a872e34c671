// matcalc's page: three tabs over the JSON API (POST /api/diff, /api/check, /api/eval, /api/names).
// The page state lives in the URL hash, so a link reproduces a result.
"use strict";

const $ = (id) => document.getElementById(id);

const EXAMPLES = [
  { group: "README: derivatives", items: [
    { label: "tr(X^T A X) by X", tab: "diff", e: "tr(X^T A X)", wrt: "X" },
    { label: "x^T A x, A symmetric", tab: "diff", e: "x^T A x", wrt: "x", where: "A: n x n symmetric" },
    { label: "tr(A X^{-1} B) by X", tab: "diff", e: "tr(A X^{-1} B)", wrt: "X" },
    { label: "least squares ‖Ax − b‖²", tab: "diff", e: "norm2(A x - b)^2", wrt: "x", where: "b: m" },
    { label: "softmax(W x) by x", tab: "diff", e: "softmax(W x)", wrt: "x" },
    { label: "A X B by X (Kronecker)", tab: "diff", e: "A X B", wrt: "X" },
    { label: "Hessian of x^T A x", tab: "diff", e: "x^T A x", wrt: "x", order: "2" },
    { label: "4th derivative of logsumexp(x)", tab: "diff", e: "logsumexp(x)", wrt: "x", order: "4" },
    { label: "logistic loss by w", tab: "diff", e: "y^T log(sigmoid(X w)) + (1 - y)^T log(1 - sigmoid(X w))", wrt: "w" },
    { label: "cross-entropy of softmax by W", tab: "diff", e: "-log(softmax(W x)[3])", wrt: "W" },
    { label: "a shape error", tab: "diff", e: "A x + y", wrt: "x", where: "A: 3 x 4; y: 2" },
  ]},
  { group: "Seed homework, Part 1", items: [
    { label: "1.1 d(a^T x)/dx", tab: "diff", e: "a^T x", wrt: "x", where: "a, x: n" },
    { label: "1.1 d(x^T a)/dx", tab: "diff", e: "x^T a", wrt: "x", where: "a, x: n" },
    { label: "1.2 d(A x)/dx", tab: "diff", e: "A x", wrt: "x", where: "A: m x n; x: n" },
    { label: "1.3 d(x^T A x)/dx", tab: "diff", e: "x^T A x", wrt: "x", where: "A: n x n; x: n" },
    { label: "1.3 d(x^T A x)/dA", tab: "diff", e: "x^T A x", wrt: "A", where: "A: n x n; x: n" },
    { label: "1.4 d tr(X^T A X)/dX", tab: "diff", e: "tr(X^T A X)", wrt: "X", where: "A, X: n x n" },
  ]},
  { group: "Claims", items: [
    { label: "tr(A B) = tr(B A)", tab: "check", claim: "tr(A B) = tr(B A)" },
    { label: "grad(x^T A x) = 2 A x ?", tab: "check", claim: "grad(x^T A x, x) = 2 A x" },
    { label: "grad(a^T X b, X) = b a^T ?", tab: "check", claim: "grad(a^T X b, X) = b a^T" },
    { label: "(A B)^T = A^T B^T ?", tab: "check", claim: "(A B)^T = A^T B^T", where: "A, B: n x n" },
  ]},
  { group: "Seed homework, Parts 2–3 (programs)", items: [
    { label: "Part 2: backprop through a classifier", tab: "eval", file: "mlp.mc", grad: "L", pwrt: "W1, W21, W22" },
    { label: "Part 3.3: Laplace likelihood", tab: "eval", file: "laplace.mc", grad: "L", pwrt: "mu" },
    { label: "Part 3.2: perceptron AND / OR", tab: "eval", file: "perceptron.mc" },
  ]},
];

const state = {
  tab: "diff",
  d: { e: "tr(X^T A X)", wrt: "X", where: "", layout: "numerator", vec: "cols", order: "1", steps: false, index: false, text: false },
  c: { claim: "", where: "" },
  p: { program: "", grad: "", wrt: "" },
};

// ------------------------------------------------------------------ helpers

async function api(endpoint, body) {
  const r = await fetch("api/" + endpoint, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
  let j;
  try { j = await r.json(); } catch (e) { j = { error: { kind: "request", message: "the server answered " + r.status, span: null, spans: [], field: null } }; }
  return j;
}

function tex(el, latex, display) {
  try {
    katex.render(latex, el, { displayMode: !!display, throwOnError: false, strict: "ignore" });
  } catch (e) {
    el.textContent = latex;
  }
}

function texSpan(latex) { const s = document.createElement("span"); tex(s, latex, false); return s; }

function debounce(fn, ms) { let t; return (...a) => { clearTimeout(t); t = setTimeout(() => fn(...a), ms); }; }

function num(x) {
  if (x === null) return "\\text{NaN}";
  if (Number.isInteger(x)) return String(x);
  const s = Math.abs(x) >= 1e4 || Math.abs(x) < 1e-3 ? x.toExponential(3) : x.toFixed(4).replace(/0+$/, "").replace(/\.$/, "");
  return s.replace(/e([+-]\d+)/, "\\times 10^{$1}");
}

/** A matrix from the API (number, flat list = column, rows) as LaTeX. */
function matrixTex(m) {
  if (!Array.isArray(m)) return num(m);
  const rows = Array.isArray(m[0]) ? m : m.map((v) => [v]);
  return "\\begin{bmatrix}" + rows.map((r) => r.map(num).join(" & ")).join(" \\\\ ") + "\\end{bmatrix}";
}

/** "vector(n)", "n x m", "scalar" as a set: \mathbb{R}^{n \times m}. */
function shapeTex(s) {
  if (s === "scalar") return "\\mathbb{R}";
  if (s === "function") return "\\mathbb{R} \\to \\mathbb{R}"; // a declared function, applied element-wise
  const v = /^vector\((.*)\)$/.exec(s);
  if (v) return "\\mathbb{R}^{" + v[1] + "}";
  const parts = s.split(" x ");
  return "\\mathbb{R}^{" + parts.join(" \\times ") + "}";
}

function nameTex(n) {
  const m = /^([A-Za-z]+)(\d+)$/.exec(n);
  if (m) return m[1] + "_{" + m[2] + "}";
  if (/^(alpha|beta|gamma|delta|epsilon|lambda|mu|sigma|theta|tau|rho|eta|omega|phi|psi)$/.test(n)) return "\\" + n;
  return n.length > 1 ? "\\mathrm{" + n + "}" : n;
}

function typesTex(types) {
  return Object.entries(types).map(([n, s]) => nameTex(n) + (s === "function" ? " : " : " \\in ") + shapeTex(s)).join(",\\quad ");
}

/** Shows an API error; the input it is about gets its offending parts underlined. */
function showError(box, err, mirrors) {
  for (const m of Object.values(mirrors)) m.el.textContent = "";
  box.hidden = false;
  box.textContent = err.message;
  const target = err.field && mirrors[err.field];
  if (target && err.spans && err.spans.length) {
    const text = target.input.value;
    const marks = new Array(text.length + 1).fill(false);
    for (const s of err.spans) for (let i = s.start; i < Math.min(s.end, marks.length); i++) marks[i] = true;
    target.el.textContent = "";
    let i = 0;
    while (i < marks.length) {
      let j = i;
      while (j < marks.length && marks[j] === marks[i]) j++;
      const piece = text.slice(i, j) || (marks[i] ? " " : "");
      if (marks[i]) { const mk = document.createElement("mark"); mk.textContent = piece; target.el.appendChild(mk); }
      else target.el.appendChild(document.createTextNode(piece));
      i = j;
    }
  }
}

function clearError(box, mirrors) {
  box.hidden = true;
  box.textContent = "";
  for (const m of Object.values(mirrors)) m.el.textContent = "";
}

async function copy(text, label) {
  try {
    await navigator.clipboard.writeText(text);
  } catch (e) {
    const t = document.createElement("textarea");
    t.value = text; document.body.appendChild(t); t.select(); document.execCommand("copy"); t.remove();
  }
  $("d-copied").textContent = label + " copied";
  setTimeout(() => ($("d-copied").textContent = ""), 1500);
}

// ------------------------------------------------------------------ URL state

function writeUrl() {
  const q = new URLSearchParams();
  q.set("tab", state.tab);
  if (state.tab === "diff") {
    const d = state.d;
    q.set("e", d.e); q.set("wrt", d.wrt);
    if (d.where) q.set("where", d.where);
    if (d.layout !== "numerator") q.set("layout", d.layout);
    if (d.vec !== "cols") q.set("vec", d.vec);
    if (d.order !== "1") q.set("order", d.order);
    for (const k of ["steps", "index", "text"]) if (d[k]) q.set(k, "1");
  } else if (state.tab === "check") {
    q.set("claim", state.c.claim);
    if (state.c.where) q.set("where", state.c.where);
  } else {
    q.set("program", state.p.program);
    if (state.p.grad) q.set("grad", state.p.grad);
    if (state.p.wrt) q.set("pwrt", state.p.wrt);
  }
  history.replaceState(null, "", "#" + q.toString());
}

function readUrl() {
  const q = new URLSearchParams(location.hash.slice(1));
  if (!q.has("tab")) return false;
  state.tab = ["diff", "check", "eval"].includes(q.get("tab")) ? q.get("tab") : "diff";
  const d = state.d;
  if (q.has("e")) d.e = q.get("e");
  if (q.has("wrt")) d.wrt = q.get("wrt");
  if (state.tab === "diff") d.where = q.get("where") || "";
  d.layout = q.get("layout") || "numerator";
  d.vec = q.get("vec") || "cols";
  d.order = q.get("order") || "1";
  for (const k of ["steps", "index", "text"]) d[k] = q.get(k) === "1";
  if (q.has("claim")) state.c.claim = q.get("claim");
  if (state.tab === "check") state.c.where = q.get("where") || "";
  if (q.has("program")) state.p.program = q.get("program");
  state.p.grad = q.get("grad") || "";
  state.p.wrt = q.get("pwrt") || "";
  return true;
}

function fillInputs() {
  const d = state.d;
  $("d-expr").value = d.e; $("d-where").value = d.where;
  $("d-steps").checked = d.steps; $("d-index").checked = d.index; $("d-text").checked = d.text;
  // from order 3 on the answer always has its index form (the vec form is for machines)
  $("d-index").disabled = Number(d.order) >= 3;
  if (Number(d.order) >= 3) $("d-index").checked = true;
  for (const seg of document.querySelectorAll(".seg")) {
    for (const b of seg.querySelectorAll("button")) b.setAttribute("aria-pressed", String(b.dataset.v === d[seg.dataset.name]));
  }
  $("c-claim").value = state.c.claim; $("c-where").value = state.c.where;
  $("p-program").value = state.p.program; $("p-grad").value = state.p.grad; $("p-wrt").value = state.p.wrt;
}

function showTab(tab) {
  state.tab = tab;
  for (const t of ["diff", "check", "eval"]) {
    $("panel-" + t).hidden = t !== tab;
    $("tab-" + t).setAttribute("aria-selected", String(t === tab));
  }
}

// ------------------------------------------------------------------ Derivative tab

const dMirrors = () => ({ expression: { el: $("d-expr-mirror"), input: $("d-expr") }, where: { el: $("d-where-mirror"), input: $("d-where") } });
let dSeq = 0;

async function runDiff() {
  const d = state.d;
  const seq = ++dSeq;
  writeUrl();
  if (!d.e.trim()) { $("d-result").hidden = true; clearError($("d-error"), dMirrors()); return; }
  const names = await api("names", { expression: d.e, where: d.where });
  if (seq !== dSeq) return;
  if (names.error) { showError($("d-error"), names.error, dMirrors()); $("d-result").hidden = true; return; }
  const list = Object.keys(names.names);
  const sel = $("d-wrt");
  // Keep the chosen variable while it is in the expression; otherwise the conventional one.
  if (!list.includes(d.wrt)) {
    d.wrt = ["x", "X", "w", "W", "theta", "mu"].find((n) => list.includes(n))
      || list.find((n) => names.names[n].startsWith("vector")) || list.find((n) => names.names[n] !== "scalar") || list[0] || "";
  }
  sel.textContent = "";
  for (const n of list) {
    const o = document.createElement("option");
    o.value = n; o.textContent = n + "  (" + names.names[n] + ")";
    sel.appendChild(o);
  }
  sel.value = d.wrt;
  writeUrl();
  if (!d.wrt) { showError($("d-error"), { message: "the expression has no variable to differentiate by" }, dMirrors()); return; }
  const r = await api("diff", { expression: d.e, wrt: d.wrt, where: d.where, layout: d.layout, vec: d.vec,
    order: Number(d.order), index: d.index, steps: d.steps && d.order === "1" });
  if (seq !== dSeq) return;
  if (r.error) { showError($("d-error"), r.error, dMirrors()); $("d-result").hidden = true; return; }
  clearError($("d-error"), dMirrors());
  renderDiff(r);
}

function renderDiff(r) {
  $("d-result").hidden = false;
  const st = r.result.statement;
  const cut = st.indexOf(", \\quad \\text{where }");
  tex($("d-statement"), cut < 0 ? st : st.slice(0, cut), true);
  const b = $("d-bindings");
  b.textContent = "";
  if (cut >= 0) tex(b, st.slice(cut + 2), true);
  const t = $("d-types");
  t.textContent = "";
  t.appendChild(texSpan(typesTex(r.types)));
  t.appendChild(document.createTextNode("   result: "));
  t.appendChild(texSpan(shapeTex(r.shape)));
  $("d-layout").textContent = r.convention;
  const notes = $("d-notes");
  notes.textContent = "";
  for (const n of r.notes) { const li = document.createElement("li"); li.textContent = n; notes.appendChild(li); }
  const c = $("d-check");
  c.className = "checkline " + (r.check === null ? "skip" : r.check.passed ? "ok" : "bad");
  c.textContent = r.checkLine.replace(/^check: /, "numeric check ");
  $("d-copy-latex").onclick = () => copy(r.result.statement, "LaTeX");
  $("d-copy-text").onclick = () => copy(r.result.text, "text");
  const ix = $("d-index-out");
  ix.hidden = !r.index;
  ix.textContent = "";
  if (r.index) {
    if (r.index.error) ix.textContent = r.index.error;
    else {
      const m = document.createElement("div"); m.className = "math display"; tex(m, r.index.latex, true); ix.appendChild(m);
      const p = document.createElement("div"); p.className = "notes"; p.textContent = r.index.convention; ix.appendChild(p);
    }
  }
  const tx = $("d-text-out");
  tx.hidden = !state.d.text;
  tx.textContent = r.report;
  const steps = $("d-steps-out");
  steps.textContent = "";
  steps.hidden = !r.steps;
  for (const s of r.steps || []) {
    const li = document.createElement("li");
    const title = document.createElement("div"); title.className = "title"; title.textContent = s.title; li.appendChild(title);
    if (s.rules.length) { const ru = document.createElement("div"); ru.className = "rules"; ru.textContent = "by " + s.rules.join("; "); li.appendChild(ru); }
    const m = document.createElement("div"); m.className = "math";
    const lhs = s.lhs === "derivative" ? "\\text{derivative}" : s.lhs.replace(/vec_r/g, "\\operatorname{vec}_r").replace(/vec(?!_)/g, "\\operatorname{vec}");
    tex(m, lhs + " = " + s.latex, true);
    li.appendChild(m);
    steps.appendChild(li);
  }
}

const runDiffSoon = debounce(runDiff, 300);

// ------------------------------------------------------------------ Check tab

const cMirrors = () => ({ claim: { el: $("c-claim-mirror"), input: $("c-claim") }, where: { el: $("c-where-mirror"), input: $("c-where") } });
let cSeq = 0;

async function runCheck() {
  const seq = ++cSeq;
  state.c.claim = $("c-claim").value; state.c.where = $("c-where").value;
  writeUrl();
  if (!state.c.claim.trim()) return;
  $("c-busy").hidden = false;
  const r = await api("check", { claim: state.c.claim, where: state.c.where });
  if (seq !== cSeq) return;
  $("c-busy").hidden = true;
  if (r.error) { showError($("c-error"), r.error, cMirrors()); $("c-result").hidden = true; return; }
  clearError($("c-error"), cMirrors());
  renderCheck(r);
}

function renderCheck(r) {
  $("c-result").hidden = false;
  const v = $("c-verdict");
  v.textContent = r.verdict;
  v.className = "verdict " + r.verdict;
  tex($("c-claim-math"), r.latex.statement, true);
  const numeric = r.lines.find((l) => l.trim().startsWith("numeric:"));
  $("c-numeric").textContent = numeric ? numeric.trim().replace(/^numeric: /, "") : "—";
  $("c-exact").textContent = r.exact ? r.exact.summary : "not run (the claim fails numerically)";
  $("c-types").textContent = r.types || "";
  const diag = $("c-diagnosis");
  diag.textContent = "";
  for (const d of r.diagnosis.concat(r.warnings)) { const li = document.createElement("li"); li.textContent = d; diag.appendChild(li); }
  const ce = $("c-counter");
  ce.textContent = "";
  ce.hidden = !r.counterexample;
  if (r.counterexample) {
    const x = r.counterexample;
    const h = document.createElement("h4");
    h.textContent = "Counterexample (" + Object.entries(x.sizes).map(([k, n]) => k + " = " + n).join(", ") + ")";
    ce.appendChild(h);
    const vals = document.createElement("div"); vals.className = "matrices";
    for (const [n, m] of Object.entries(x.values)) vals.appendChild(texSpan(nameTex(n) + " = " + matrixTex(m)));
    ce.appendChild(vals);
    const sides = document.createElement("div"); sides.className = "matrices";
    sides.appendChild(texSpan("\\text{left side} = " + matrixTex(x.lhs)));
    sides.appendChild(texSpan("\\text{right side} = " + matrixTex(x.rhs)));
    ce.appendChild(sides);
    if (x.at) {
      const p = document.createElement("div"); p.className = "notes";
      p.textContent = "largest difference: " + num(x.largestDifference) + " at entry (" + x.at.join(", ") + ")";
      ce.appendChild(p);
    }
  }
  const conds = $("c-conditions");
  conds.textContent = "";
  for (const c of r.conditions) {
    const li = document.createElement("li");
    li.textContent = c.text + (c.exact && c.exact.status !== "SKIPPED" ? " (" + c.exact.summary + ")" : "");
    conds.appendChild(li);
  }
}

// ------------------------------------------------------------------ Program tab

const pMirrors = () => ({ program: { el: $("p-program-mirror"), input: $("p-program") } });
let pSeq = 0;

async function runEval() {
  const seq = ++pSeq;
  const p = state.p;
  p.program = $("p-program").value; p.grad = $("p-grad").value.trim(); p.wrt = $("p-wrt").value.trim();
  writeUrl();
  if (!p.program.trim()) return;
  $("p-busy").hidden = false;
  const body = { program: p.program, graph: true };
  if (p.grad) { body.grad = p.grad; body.wrt = p.wrt; }
  const r = await api("eval", body);
  if (seq !== pSeq) return;
  $("p-busy").hidden = true;
  if (r.error) { showError($("p-error"), r.error, pMirrors()); $("p-result").hidden = true; return; }
  clearError($("p-error"), pMirrors());
  renderEval(r);
}

function renderEval(r) {
  $("p-result").hidden = false;
  const fw = $("p-forward");
  fw.textContent = "";
  // The given values side by side, then one row per computed binding.
  const inputs = document.createElement("div"); inputs.className = "row inputs-row";
  for (const s of r.forward) {
    const v = r.values[s.name];
    const value = typeof v === "string" ? "" : " = " + matrixTex(v);
    if (s.input) { inputs.appendChild(texSpan(s.nameLatex + value)); continue; }
    if (inputs.childNodes.length && !inputs.parentNode) fw.appendChild(inputs);
    const row = document.createElement("div"); row.className = "row";
    row.appendChild(texSpan(s.nameLatex + " = " + s.latex + value));
    fw.appendChild(row);
  }
  if (inputs.childNodes.length && !inputs.parentNode) fw.prepend(inputs);
  const bw = $("p-backward");
  bw.textContent = "";
  $("p-backward-title").hidden = r.backward.length === 0;
  for (const a of r.backward) {
    const row = document.createElement("div"); row.className = "row";
    const v = r.values[a.name];
    row.appendChild(texSpan(a.nameLatex + " = " + a.latex + (v === undefined || typeof v === "string" ? "" : " = " + matrixTex(v))));
    bw.appendChild(row);
  }
  const checks = $("p-checks");
  checks.textContent = "";
  for (const line of r.text.split("\n").filter((l) => l.startsWith("check: "))) {
    const d = document.createElement("div");
    d.className = / passed /.test(line) ? "ok" : "bad";
    d.textContent = (/ passed /.test(line) ? "✓ " : "✗ ") + line.slice(7);
    checks.appendChild(d);
  }
  const g = $("p-graph");
  g.textContent = "";
  if (r.graph && r.graph.svg) {
    g.innerHTML = r.graph.svg; // SVG made by Graphviz from the server's own DOT (labels escaped by dot)
  } else if (r.graph) {
    const n = document.createElement("div"); n.className = "note"; n.textContent = r.graph.note; g.appendChild(n);
    const pre = document.createElement("pre"); pre.textContent = r.graph.dot; g.appendChild(pre);
  }
}

// ------------------------------------------------------------------ examples and wiring

async function applyExample(x) {
  showTab(x.tab);
  if (x.tab === "diff") {
    Object.assign(state.d, { e: x.e, wrt: x.wrt, where: x.where || "", order: x.order || "1", layout: "numerator", vec: "cols" });
    fillInputs();
    runDiff();
  } else if (x.tab === "check") {
    Object.assign(state.c, { claim: x.claim, where: x.where || "" });
    fillInputs();
    runCheck();
  } else {
    const text = await (await fetch("examples/" + x.file)).text();
    Object.assign(state.p, { program: text, grad: x.grad || "", wrt: x.pwrt || "" });
    fillInputs();
    runEval();
  }
}

function init() {
  const sel = $("examples");
  const flat = [];
  for (const g of EXAMPLES) {
    const og = document.createElement("optgroup");
    og.label = g.group;
    for (const x of g.items) {
      const o = document.createElement("option");
      o.value = String(flat.length); o.textContent = x.label;
      og.appendChild(o);
      flat.push(x);
    }
    sel.appendChild(og);
  }
  sel.onchange = () => { if (sel.value !== "") applyExample(flat[Number(sel.value)]); sel.value = ""; };

  for (const t of ["diff", "check", "eval"]) $("tab-" + t).onclick = () => { showTab(t); writeUrl(); };
  $("d-expr").oninput = () => { state.d.e = $("d-expr").value; runDiffSoon(); };
  $("d-where").oninput = () => { state.d.where = $("d-where").value; runDiffSoon(); };
  $("d-wrt").onchange = () => { state.d.wrt = $("d-wrt").value; runDiff(); };
  for (const k of ["steps", "index", "text"]) $("d-" + k).onchange = () => { state.d[k] = $("d-" + k).checked; runDiff(); };
  for (const seg of document.querySelectorAll(".seg")) {
    for (const b of seg.querySelectorAll("button")) {
      b.onclick = () => { state.d[seg.dataset.name] = b.dataset.v; fillInputs(); runDiff(); };
    }
  }
  $("c-run").onclick = runCheck;
  for (const id of ["c-claim", "c-where"]) $(id).onkeydown = (e) => { if (e.key === "Enter") runCheck(); };
  $("p-run").onclick = runEval;
  for (const id of ["p-grad", "p-wrt"]) $(id).onkeydown = (e) => { if (e.key === "Enter") runEval(); };
  $("p-program").onkeydown = (e) => { if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) runEval(); };

  fetch("api/version").then((r) => r.json()).then((j) => ($("version").textContent = j.version)).catch(() => {});

  const fromUrl = readUrl();
  fillInputs();
  showTab(state.tab);
  if (state.tab === "diff" || !fromUrl) runDiff();
  else if (state.tab === "check") runCheck();
  else runEval();
}

init();
