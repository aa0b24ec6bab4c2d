// zhproof's proofreading page: a textarea over a backdrop that paints the findings, a side list
// grouped by kind, and the API at /api/v1. No framework, no build step.
"use strict";

const SEVERITY = { error: "错误", warning: "警告", info: "提示" };
const $ = (id) => document.getElementById(id);
const text = $("text"), backdrop = $("backdrop"), groups = $("groups"), statusLine = $("status");
const asOf = $("as-of"), summary = $("summary"), current = $("current"), htmlMode = $("html-mode");
const showInfo = $("show-info");

let kinds = { sensitive: "敏感词", typo: "错别字", expression: "表述错误", privacy: "个人隐私", usage: "用法规范" };
let findings = [];       // the last answer's findings, with UTF-16 offsets `from`/`to` added
let checkedText = null;  // the text those findings are about
let seq = 0;             // number of the latest request; older answers are dropped
let timer = 0;
let active = -1;

function status(msg) { statusLine.textContent = msg; }

async function api(path, body) {
  const res = await fetch("/api/v1/" + path, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  const json = await res.json().catch(() => null);
  if (!res.ok) throw new Error(json && json.error ? json.error.message : "HTTP " + res.status);
  return json;
}

function options(extra) {
  const o = { text: text.value };
  if (asOf.value) o.as_of = asOf.value;
  if (htmlMode.checked) o.format = "html"; // findings point into the page source
  return Object.assign(o, extra || {});
}

// Code-point offsets (the API's char_start/char_end) to UTF-16 offsets (JavaScript strings).
function utf16Offsets(s) {
  const map = [];
  let i = 0;
  for (const ch of s) { map.push(i); i += ch.length; }
  map.push(i);
  return map;
}

async function check() {
  clearTimeout(timer);
  const mine = ++seq;
  const sent = text.value;
  if (!sent.trim()) { show(sent, []); status("就绪。文稿只在本机服务中检查，不会保存或记录。"); return; }
  status("正在检查…");
  try {
    const r = await api("check", options());
    if (mine !== seq || text.value !== sent) return; // the text changed meanwhile: a newer check follows
    const map = utf16Offsets(sent);
    for (const f of r.findings) { f.from = map[f.char_start]; f.to = map[f.char_end]; }
    // "info" findings (less confident statistical guesses, usage hints) only when asked for.
    const list = showInfo.checked ? r.findings : r.findings.filter((f) => f.severity !== "info");
    show(sent, list);
    const n = list.length;
    const hidden = r.findings.length - n;
    const more = hidden ? `另有 ${hidden} 条提示未显示（勾选“显示提示”）。` : "";
    status((n ? `发现 ${n} 处问题（参考日期 ${r.as_of}）。` : `未发现问题（参考日期 ${r.as_of}）。`) + more);
  } catch (e) {
    if (mine === seq) status("检查失败：" + e.message);
  }
}

// The findings of `old` moved to where they are in `now`: those before the edited region stay,
// those after it shift, those touching it are dropped until the recheck.
function shifted(old, now, list) {
  const max = Math.min(old.length, now.length);
  let p = 0;
  while (p < max && old[p] === now[p]) p++;
  let q = 0;
  while (q < max - p && old[old.length - 1 - q] === now[now.length - 1 - q]) q++;
  const oldEnd = old.length - q, delta = now.length - old.length;
  return list.flatMap((f, index) => {
    if (f.to <= p) return [Object.assign({}, f, { index })];
    if (f.from >= oldEnd) return [Object.assign({}, f, { index, from: f.from + delta, to: f.to + delta })];
    return [];
  });
}

function schedule() {
  clearTimeout(timer);
  // Keep the highlights in place while typing; the recheck replaces them.
  if (checkedText !== null) paint(text.value, shifted(checkedText, text.value, findings));
  timer = setTimeout(check, 450);
}

function el(tag, cls, content) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (content !== undefined) e.textContent = content;
  return e;
}

// Paints the backdrop: the same text, with <mark>s where the findings are (outermost first,
// overlapping ones skipped so the text stays aligned).
function paint(s, list) {
  backdrop.replaceChildren();
  let at = 0;
  list.forEach((f, i) => {
    if (f.from < at) return;
    backdrop.append(s.slice(at, f.from));
    const m = el("mark", f.severity, s.slice(f.from, f.to));
    const index = f.index === undefined ? i : f.index;
    m.dataset.index = index;
    if (index === active) m.classList.add("active");
    backdrop.append(m);
    at = f.to;
  });
  // A trailing newline needs something after it to take its line's height.
  backdrop.append(s.slice(at) + "\u200b");
  backdrop.scrollTop = text.scrollTop;
}

function show(s, list) {
  findings = list;
  checkedText = s;
  active = -1;
  paint(s, list);
  renderList();
  showCurrent();
}

function counts() {
  const c = { error: 0, warning: 0, info: 0 };
  for (const f of findings) c[f.severity]++;
  summary.replaceChildren();
  for (const k of ["error", "warning", "info"]) {
    if (c[k]) summary.append(el("span", "count " + k, `${SEVERITY[k]} ${c[k]}`));
  }
  if (!findings.length && checkedText && checkedText.trim()) summary.append(el("span", "", "未发现问题"));
}

function findingCard(f, i, withJump) {
  const card = el("div", "finding " + f.severity);
  card.dataset.index = i;
  const head = withJump ? el("button", "go") : el("div", "go");
  if (withJump) {
    head.type = "button";
    head.title = "跳到文中此处";
    head.addEventListener("click", () => jump(i));
  }
  head.append(el("span", "sev " + f.severity, SEVERITY[f.severity]));
  head.append(el("span", "flagged", f.text));
  head.append(el("span", "where", ` 第${f.line}行第${f.column}字`));
  card.append(head);
  card.append(el("div", "message", f.message));
  if (f.suggestions.length) {
    const row = el("div", "suggestions", "建议：");
    // In a page's source a finding may span markup (<b>布</b>署): such a span is fixed by hand.
    const inMarkup = f.from !== undefined && checkedText !== null && checkedText.slice(f.from, f.to) !== f.text;
    f.suggestions.forEach((s, k) => {
      const b = el("button", k === 0 && f.applicability === "safe" ? "safe apply" : "apply", s || "（删除）");
      b.type = "button";
      b.title = inMarkup ? "源码中此处夹有标签或字符实体，请手动修改" : `把“${f.text}”改为“${s}”`;
      b.disabled = inMarkup;
      b.addEventListener("click", () => apply(i, s));
      row.append(b);
    });
    card.append(row);
  }
  return card;
}

function renderList() {
  counts();
  groups.replaceChildren();
  const byKind = new Map();
  findings.forEach((f, i) => {
    if (!byKind.has(f.kind)) byKind.set(f.kind, []);
    byKind.get(f.kind).push(i);
  });
  for (const [kind, idx] of byKind) {
    const d = el("details", "group");
    d.open = true;
    d.dataset.kind = kind;
    d.append(el("summary", "", `${kinds[kind] || kind}（${idx.length}）`));
    for (const i of idx) d.append(findingCard(findings[i], i, true));
    groups.append(d);
  }
}

function markActive() {
  for (const e of document.querySelectorAll(".active")) e.classList.remove("active");
  if (active < 0) return;
  for (const e of document.querySelectorAll(`[data-index="${active}"]`)) e.classList.add("active");
}

function showCurrent() {
  current.replaceChildren();
  if (active >= 0 && findings[active]) current.append(findingCard(findings[active], active, false));
  markActive();
}

// Selects finding i in the text and scrolls it into view.
function jump(i) {
  const f = findings[i];
  if (!f || text.value !== checkedText) return;
  active = i;
  text.focus();
  text.setSelectionRange(f.from, f.to);
  const m = backdrop.querySelector(`mark[data-index="${i}"]`);
  if (m) text.scrollTop = Math.max(0, m.offsetTop - text.clientHeight / 3);
  backdrop.scrollTop = text.scrollTop;
  showCurrent();
}

// Replaces the span of finding i with s, keeping the editor's undo history where supported.
function apply(i, s) {
  const f = findings[i];
  if (!f || text.value !== checkedText) return;
  if (text.value.slice(f.from, f.to) !== f.text) return; // markup inside: by hand
  const html = htmlMode.checked ? s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;") : s;
  replaceRange(f.from, f.to, html);
  status(`已将“${f.text}”改为“${s}”。`);
  check();
}

function replaceRange(from, to, s) {
  text.focus();
  text.setSelectionRange(from, to);
  if (!document.execCommand || !document.execCommand("insertText", false, s)) {
    text.setRangeText(s, from, to, "end");
  }
}

function replaceAll(s) {
  if (s === text.value) return false;
  replaceRange(0, text.value.length, s);
  return true;
}

async function whole(path, done, same) {
  if (!text.value) return;
  try {
    const r = await api(path, options());
    status(replaceAll(r.text) ? done : same);
    check();
  } catch (e) {
    status("操作失败：" + e.message);
  }
}

function findingAtCursor() {
  if (text.value !== checkedText) return -1;
  const p = text.selectionStart;
  return findings.findIndex((f) => f.from <= p && p <= f.to && f.from < f.to);
}

function step(dir) {
  if (!findings.length) return;
  const p = text.selectionStart;
  let i;
  if (dir > 0) i = findings.findIndex((f) => f.from > p || (f.from === p && text.selectionEnd === p));
  else i = findings.map((f) => f.from < p).lastIndexOf(true);
  if (i < 0) i = dir > 0 ? 0 : findings.length - 1;
  jump(i);
}

function decodeFile(buf) {
  const bytes = new Uint8Array(buf);
  try { return new TextDecoder("utf-8", { fatal: true }).decode(bytes); } catch (_) { /* not UTF-8 */ }
  return new TextDecoder("gb18030").decode(bytes); // older Chinese pages and documents
}

async function open(file) {
  let s = decodeFile(await file.arrayBuffer());
  // A page is checked as a page: its source in the editor, findings in the source.
  htmlMode.checked = /\.html?$/i.test(file.name) || file.type === "text/html";
  status(htmlMode.checked ? `已打开 ${file.name}（按网页源码检查：只查读者看到的文字，并查暗链、不当链接和发布日期）。` : `已打开 ${file.name}。`);
  text.value = s;
  text.scrollTop = 0;
  check();
}

async function copy() {
  try {
    await navigator.clipboard.writeText(text.value);
  } catch (_) {
    text.select();
    document.execCommand("copy");
  }
  status("已复制全文。");
}

function download() {
  const a = el("a");
  const html = htmlMode.checked;
  a.href = URL.createObjectURL(new Blob([text.value], { type: (html ? "text/html" : "text/plain") + ";charset=utf-8" }));
  a.download = html ? "校对后网页.html" : "校对后文稿.txt";
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

text.addEventListener("input", schedule);
text.addEventListener("scroll", () => { backdrop.scrollTop = text.scrollTop; });
for (const ev of ["click", "keyup", "select"]) {
  text.addEventListener(ev, () => {
    const i = findingAtCursor();
    if (i !== active) { active = i; showCurrent(); }
  });
}
document.addEventListener("keydown", (e) => {
  if (e.key === "F8") { e.preventDefault(); step(e.shiftKey ? -1 : 1); }
  else if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) { e.preventDefault(); check(); }
  else if (e.altKey && (e.key === "f" || e.key === "F")) { e.preventDefault(); $("fix-all").click(); }
  else if (e.altKey && (e.key === "m" || e.key === "M")) { e.preventDefault(); $("mask").click(); }
});
asOf.addEventListener("change", check);
htmlMode.addEventListener("change", check);
showInfo.addEventListener("change", check);
$("file").addEventListener("change", (e) => { if (e.target.files[0]) open(e.target.files[0]); e.target.value = ""; });
$("fix-all").addEventListener("click", () => whole("fix", "已应用全部安全修改。", "没有可自动应用的修改。"));
$("mask").addEventListener("click", () => whole("mask", "已隐去个人信息。", "未发现需要隐去的个人信息。"));
$("copy").addEventListener("click", copy);
$("download").addEventListener("click", download);
new ResizeObserver(() => {
  paint(text.value, checkedText === null ? [] : shifted(checkedText, text.value, findings));
}).observe(text);

fetch("/api/v1/health").then((r) => r.json()).then((h) => { if (!asOf.value) asOf.value = h.as_of; }).catch(() => {});
fetch("/api/v1/rules").then((r) => r.json()).then((r) => {
  for (const k of r.kinds) kinds[k.id] = k.label;
  if (findings.length) renderList();
}).catch(() => {});
if (text.value) check();
