// Tiny DOM helpers. Everything from the API is untrusted text (article sentences!),
// so it only ever reaches the page through textContent / setAttribute, never innerHTML.

const SVG_NS = "http://www.w3.org/2000/svg";

function build(el, attrs, children) {
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith("on") && typeof v === "function") el.addEventListener(k.slice(2), v);
    else if (k === "dataset") Object.assign(el.dataset, v);
    else el.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

/** h("a", {href: "#/x", class: "y"}, "text", child, [more]) */
export const h = (tag, attrs, ...children) => build(document.createElement(tag), attrs, children);
/** The same for SVG elements. */
export const s = (tag, attrs, ...children) => build(document.createElementNS(SVG_NS, tag), attrs, children);

export function mount(root, ...children) {
  root.replaceChildren(...children.flat().filter((c) => c !== null && c !== undefined));
}

// ------------------------------------------------------------------ states
export const loading = (what = "Loading") =>
  h("div", { class: "state", role: "status" }, h("span", { class: "spinner" }), `${what}…`);

export const empty = (title, ...body) =>
  h("div", { class: "state empty" }, h("h2", {}, title), ...body.map((b) => h("p", {}, b)));

export function errorBox(err, retry) {
  return h("div", { class: "state error", role: "alert" },
    h("h2", {}, err && err.status ? `Error ${err.status}` : "Something went wrong"),
    h("p", {}, (err && err.message) || String(err)),
    retry ? h("button", { type: "button", onclick: retry }, "Try again") : null);
}

// ------------------------------------------------------------------ formatting
export const QUAD = {
  1: "verbal cooperation", 2: "material cooperation",
  3: "verbal conflict", 4: "material conflict",
};
export const QUAD_SHORT = { 1: "verbal coop", 2: "material coop", 3: "verbal conflict", 4: "material conflict" };

export const quadChip = (q) =>
  q ? h("span", { class: `chip q${q}`, title: `QuadClass ${q}: ${QUAD[q]}` }, QUAD_SHORT[q]) : "";

export function fmtNum(x, digits = 1) {
  if (x === null || x === undefined || Number.isNaN(x)) return "–";
  return Number(x).toFixed(digits).replace(/^-/, "−");
}

/** A date as precise as it is known: month-precision "2017-11", year "2017", not "2017-11-01". */
export function fmtDate(date, precision) {
  if (!date) return "undated";
  const d = String(date);
  if (precision === "year") return d.slice(0, 4);
  if (precision === "month") return d.slice(0, 7);
  return d;
}

export const fmtSigned = (x) =>
  x === null || x === undefined ? "–" : (x > 0 ? "+" : "") + fmtNum(x);

export function actorLabel(a) {
  if (!a) return "—";
  return a.code || a.actor_id || a.name || a.text || "?";
}

/** Flags of a mention or event: negated, historical, modality, reported by whom. */
export function flagChips(rec) {
  const out = [];
  if (rec.negated) out.push(h("span", { class: "chip neg", title: "the text says it did not happen" }, "negated"));
  if (rec.historical) out.push(h("span", { class: "chip hist", title: "background: dated well before publication" }, "historical"));
  const att = rec.attribution;
  const hasSpeaker = att && (att.speaker || att.actor_id);
  // "reported by X" already says "reported"; other modalities get their own chip.
  if (rec.modality && rec.modality !== "asserted" && !(rec.modality === "reported" && hasSpeaker))
    out.push(h("span", { class: "chip mod", title: "modality" }, rec.modality));
  if (hasSpeaker)
    out.push(h("span", { class: "chip rep", title: att.cue ? `cue: “${att.cue}”` : "reported speech" },
      `reported by ${att.speaker || att.actor_id}`));
  return out;
}

export function truncate(text, n = 180) {
  if (!text) return "";
  return text.length > n ? text.slice(0, n - 1).trimEnd() + "…" : text;
}
