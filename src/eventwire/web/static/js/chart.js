// The dyad chart, drawn by hand in SVG, two panels on one time axis:
//   top:    events per period, stacked by QuadClass (cooperation green, conflict red);
//   bottom: mean Goldstein score per period (−10 … +10) as a line around zero.
// Two panels instead of two y-axes on one, so neither scale is read against the other.
// The SVG is drawn at the width it is shown at (text stays legible on a phone), and every
// period is a link (mouse, keyboard: Tab + Enter) to the events behind its bar.
import { QUAD, fmtNum, h, s } from "./dom.js";

const COLORS = { 1: "var(--q1)", 2: "var(--q2)", 3: "var(--q3)", 4: "var(--q4)" };
const KEYS = { 1: "verbal_coop", 2: "material_coop", 3: "verbal_conflict", 4: "material_conflict" };

/** Tick values for 0..max counts: integers, at most ~5 of them. */
function countTicks(max) {
  const step = max <= 5 ? 1 : [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000]
    .find((st) => max / st <= 5) || Math.ceil(max / 5);
  const top = Math.ceil(max / step) * step;
  const ticks = [];
  for (let t = 0; t <= top; t += step) ticks.push(t);
  return ticks;
}

/** The last day of a period that starts on `start` (YYYY-MM-DD). */
export function periodEnd(start, by) {
  const d = new Date(`${String(start).slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return null;
  if (by === "week") d.setUTCDate(d.getUTCDate() + 6);
  else if (by === "month") { d.setUTCMonth(d.getUTCMonth() + 1, 1); d.setUTCDate(0); }
  return d.toISOString().slice(0, 10);
}

/**
 * @param {object[]} series rows of /api/dyads/A/B/series
 * @param {{width?: number, by?: string, link?: (row, end) => string}} opts
 */
export function dyadChart(series, { width = 960, by = "week", link = null } = {}) {
  const narrow = width < 560;
  const m = { top: 14, right: narrow ? 8 : 20, bottom: 34, left: narrow ? 40 : 58 };
  const barsH = narrow ? 170 : 210, gap = 26, lineH = narrow ? 90 : 110;
  const height = m.top + barsH + gap + lineH + m.bottom;
  const iw = width - m.left - m.right;
  const n = Math.max(series.length, 1);
  const band = iw / n;
  const ticks = countTicks(Math.max(1, ...series.map((r) => r.events || 0)));
  const maxCount = ticks[ticks.length - 1];
  const y = (v) => m.top + barsH - (v / maxCount) * barsH;
  const lineTop = m.top + barsH + gap;
  const g = (v) => lineTop + ((10 - v) / 20) * lineH;
  const cx = (i) => m.left + i * band + band / 2;
  const svg = s("svg", { class: "chart", width, height, viewBox: `0 0 ${width} ${height}`, role: "group",
                         "aria-label": "Events per period by QuadClass, and the mean Goldstein score; each period links to its events" });
  const label = (x, yy, text, anchor = "end") => s("text", { x, y: yy, "text-anchor": anchor }, text);

  // --- top panel: counts
  const grid = s("g", { class: "grid", "aria-hidden": "true" });
  for (const t of ticks) {
    grid.append(s("line", { x1: m.left, x2: m.left + iw, y1: y(t), y2: y(t) }));
    grid.append(label(m.left - 6, y(t) + 4, t));
  }
  grid.append(s("text", { x: 12, y: m.top + barsH / 2, transform: `rotate(-90 12 ${m.top + barsH / 2})`, "text-anchor": "middle" }, "events"));
  svg.append(grid);
  const bw = Math.max(3, Math.min(40, band * 0.7));
  series.forEach((r, i) => {
    if (!r.events) return;
    const x = cx(i) - bw / 2;
    const parts = [1, 2, 3, 4].filter((q) => r[KEYS[q]]).map((q) => `${r[KEYS[q]]} ${QUAD[q]}`);
    const end = periodEnd(r.period, by);
    const what = `${by} of ${String(r.period).slice(0, 10)}: ${r.events} event${r.events === 1 ? "" : "s"} (${parts.join(", ")})`;
    const bar = s(link ? "a" : "g", link ? { class: "bar-link", href: link(r, end), "aria-label": `${what} — show these events` } : {},
      s("title", {}, link ? `${what}. Click for these events.` : what),
      // an invisible full-height target: a one-event bar is still easy to hit
      s("rect", { class: "hit", x: cx(i) - band / 2, width: band, y: m.top, height: barsH, fill: "transparent" }));
    let acc = 0;
    for (const q of [1, 2, 3, 4]) {
      const v = r[KEYS[q]] || 0;
      if (!v) continue;
      bar.append(s("rect", { class: "bar", x, width: bw, y: y(acc + v), height: Math.max(0.5, y(acc) - y(acc + v)), fill: COLORS[q], dataset: { quad: q } }));
      acc += v;
    }
    svg.append(bar);
  });
  svg.append(s("line", { x1: m.left, x2: m.left + iw, y1: y(0), y2: y(0), stroke: "#c9ced5" }));

  // --- bottom panel: Goldstein
  const low = s("g", { "aria-hidden": "true" });
  for (const t of [-10, 0, 10]) {
    low.append(s("line", { class: t === 0 ? "zero" : "", x1: m.left, x2: m.left + iw, y1: g(t), y2: g(t), stroke: t === 0 ? null : "#eef0f2" }));
    low.append(label(m.left - 6, g(t) + 4, t > 0 ? `+${t}` : t === 0 ? "0" : `−${-t}`));
  }
  low.append(s("text", { x: 12, y: lineTop + lineH / 2, transform: `rotate(-90 12 ${lineTop + lineH / 2})`, "text-anchor": "middle" }, "Goldstein"));
  let d = "", pen = false;
  series.forEach((r, i) => {  // the line breaks where a period has no events
    const v = r.goldstein_mean;
    if (v === null || v === undefined) { pen = false; return; }
    d += `${pen ? "L" : "M"}${cx(i).toFixed(1)},${g(v).toFixed(1)}`;
    pen = true;
  });
  if (d) low.append(s("path", { class: "gline", d }));
  series.forEach((r, i) => {
    const v = r.goldstein_mean;
    if (v === null || v === undefined) return;
    low.append(s("circle", { class: "gdot", cx: cx(i), cy: g(v), r: 3.5, fill: v >= 0 ? "#2e8b57" : "#c8412f" },
      s("title", {}, `${r.period}: mean Goldstein ${fmtNum(v)} over ${r.events} events`)));
  });
  svg.append(low);

  // --- shared time axis: as many labels as fit
  const every = Math.ceil(n / Math.max(1, Math.floor(iw / (narrow ? 70 : 84))));
  const axis = s("g", { "aria-hidden": "true" });
  series.forEach((r, i) => {
    if (i % every === 0) axis.append(label(cx(i), height - 12, String(r.period).slice(0, by === "month" ? 7 : 10), "middle"));
  });
  svg.append(axis);
  return svg;
}

export const chartLegend = () => h("div", { class: "legend" },
  [1, 2, 3, 4].map((q) => h("span", {}, h("span", { class: "swatch", style: `background:${COLORS[q]}` }), QUAD[q])),
  h("span", {}, h("span", { class: "swatch", style: "background:#18202b;height:3px;vertical-align:3px" }), "mean Goldstein (−10 conflict … +10 cooperation)"));

/** Draw `make(width)` into `box` at the box's width, again when the window is resized. */
export function responsive(box, make) {
  let last = 0;
  const draw = () => {
    const w = Math.max(300, Math.floor(box.clientWidth || 300));
    if (w === last) return;
    last = w;
    box.replaceChildren(make(w));
  };
  draw();
  const obs = new ResizeObserver(() => { if (box.isConnected) draw(); else obs.disconnect(); });
  obs.observe(box);
}
