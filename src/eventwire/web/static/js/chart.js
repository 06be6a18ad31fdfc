// The dyad chart, drawn by hand in SVG, two panels on one time axis:
//   top:    events per period, stacked by QuadClass (cooperation green, conflict red);
//   bottom: mean Goldstein score per period (−10 … +10) as a line around zero.
// Two panels instead of two y-axes on one, so neither scale is read against the other.
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

export function dyadChart(series, { width = 960 } = {}) {
  const m = { top: 14, right: 20, bottom: 34, left: 58 };
  const barsH = 210, gap = 26, lineH = 110;
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
  const svg = s("svg", { class: "chart", viewBox: `0 0 ${width} ${height}`, role: "img",
                         "aria-label": "Events per period by QuadClass, and the mean Goldstein score" });

  // --- top panel: counts
  const grid = s("g", { class: "grid" });
  for (const t of ticks) {
    grid.append(s("line", { x1: m.left, x2: m.left + iw, y1: y(t), y2: y(t) }));
    svg.append(s("text", { x: m.left - 8, y: y(t) + 4, "text-anchor": "end" }, t));
  }
  svg.append(grid);
  svg.append(s("text", { x: 14, y: m.top + barsH / 2, transform: `rotate(-90 14 ${m.top + barsH / 2})`, "text-anchor": "middle" }, "events"));
  const bw = Math.max(2, Math.min(40, band * 0.68));
  series.forEach((r, i) => {
    const x = cx(i) - bw / 2;
    let acc = 0;
    for (const q of [1, 2, 3, 4]) {
      const v = r[KEYS[q]] || 0;
      if (!v) continue;
      svg.append(s("rect", { class: "bar", x, width: bw, y: y(acc + v), height: Math.max(0.5, y(acc) - y(acc + v)), fill: COLORS[q], dataset: { quad: q } },
        s("title", {}, `${r.period}: ${v} ${QUAD[q]}`)));
      acc += v;
    }
  });
  svg.append(s("line", { x1: m.left, x2: m.left + iw, y1: y(0), y2: y(0), stroke: "#c9ced5" }));

  // --- bottom panel: Goldstein
  for (const t of [-10, 0, 10]) {
    svg.append(s("line", { class: t === 0 ? "zero" : "", x1: m.left, x2: m.left + iw, y1: g(t), y2: g(t), stroke: t === 0 ? null : "#eef0f2" }));
    svg.append(s("text", { x: m.left - 8, y: g(t) + 4, "text-anchor": "end" }, t > 0 ? `+${t}` : t === 0 ? "0" : `−${-t}`));
  }
  svg.append(s("text", { x: 14, y: lineTop + lineH / 2, transform: `rotate(-90 14 ${lineTop + lineH / 2})`, "text-anchor": "middle" }, "Goldstein"));
  let d = "", pen = false;
  series.forEach((r, i) => {  // the line breaks where a period has no events
    const v = r.goldstein_mean;
    if (v === null || v === undefined) { pen = false; return; }
    d += `${pen ? "L" : "M"}${cx(i).toFixed(1)},${g(v).toFixed(1)}`;
    pen = true;
  });
  if (d) svg.append(s("path", { class: "gline", d }));
  series.forEach((r, i) => {
    const v = r.goldstein_mean;
    if (v === null || v === undefined) return;
    svg.append(s("circle", { class: "gdot", cx: cx(i), cy: g(v), r: 3.5, fill: v >= 0 ? "#2e8b57" : "#c8412f" },
      s("title", {}, `${r.period}: mean Goldstein ${fmtNum(v)} over ${r.events} events`)));
  });

  // --- shared time axis
  const every = Math.ceil(n / Math.max(1, Math.floor(iw / 84)));
  series.forEach((r, i) => {
    if (i % every === 0)
      svg.append(s("text", { x: cx(i), y: height - 12, "text-anchor": "middle" }, String(r.period).slice(0, 10)));
  });
  return svg;
}

export const chartLegend = () => h("div", { class: "legend" },
  [1, 2, 3, 4].map((q) => h("span", {}, h("span", { class: "swatch", style: `background:${COLORS[q]}` }), QUAD[q])),
  h("span", {}, h("span", { class: "swatch", style: "background:#18202b;height:3px;vertical-align:3px" }), "mean Goldstein (−10 conflict … +10 cooperation)"));
