// Text with highlighted spans: overlapping marks are split into flat segments, each
// segment carries the classes of every mark covering it.
import { h } from "./dom.js";

/**
 * @param {string} text
 * @param {{start:number,end:number,cls:string,title?:string,id?:string}[]} marks (offsets into text)
 * @returns {Node[]}
 */
export function highlight(text, marks) {
  const ok = marks.filter((m) => m && m.start >= 0 && m.end <= text.length && m.end > m.start);
  const cuts = new Set([0, text.length]);
  for (const m of ok) { cuts.add(m.start); cuts.add(m.end); }
  const points = [...cuts].sort((a, b) => a - b);
  const out = [];
  for (let i = 0; i < points.length - 1; i++) {
    const [a, b] = [points[i], points[i + 1]];
    const piece = text.slice(a, b);
    const on = ok.filter((m) => m.start <= a && m.end >= b);
    if (!on.length) { out.push(document.createTextNode(piece)); continue; }
    const attrs = {
      class: [...new Set(on.map((m) => m.cls))].join(" "),
      title: on.map((m) => m.title).filter(Boolean).join(" · ") || null,
    };
    const id = on.find((m) => m.id);
    if (id) attrs["data-mark"] = id.id;
    out.push(h("mark", attrs, piece));
  }
  return out;
}

/**
 * Where a document-level span falls inside the sentence of a record.
 * The record's ``span`` starts at or before its sentence's text; we check the offset
 * against the expected text and fall back to searching for it near that place.
 */
function locate(sentence, base, span, text) {
  if (!span || !text) return null;
  const rel = span[0] - base;
  if (sentence.slice(rel, rel + text.length) === text) return [rel, rel + text.length];
  let best = -1, bestDist = Infinity, i = sentence.indexOf(text);
  while (i >= 0) {
    const d = Math.abs(i - rel);
    if (d < bestDist) { best = i; bestDist = d; }
    i = sentence.indexOf(text, i + 1);
  }
  return best >= 0 ? [best, best + text.length] : null;
}

/** Marks for source, target and verb of one mention record, relative to its sentence. */
export function sentenceMarks(rec) {
  const sentence = rec.sentence || "";
  const base = rec.span ? rec.span[0] : 0;
  const marks = [];
  for (const [key, cls, label] of [["source", "hl-source", "source"], ["target", "hl-target", "target"]]) {
    const a = rec[key];
    if (!a) continue;
    const at = locate(sentence, base, a.span, a.text);
    if (at) marks.push({ start: at[0], end: at[1], cls, title: `${label}: ${a.code || a.name || ""}` });
  }
  const v = rec.verb;
  if (v) {
    const at = locate(sentence, base, v.span, v.text);
    if (at) marks.push({ start: at[0], end: at[1], cls: "hl-verb", title: `verb: ${v.lemma || v.text}` });
  }
  return marks;
}

export const legend = () => h("div", { class: "legend" },
  h("span", {}, h("mark", { class: "hl-source" }, "source actor")),
  h("span", {}, h("mark", { class: "hl-target" }, "target actor")),
  h("span", {}, h("mark", { class: "hl-verb" }, "verb")));
