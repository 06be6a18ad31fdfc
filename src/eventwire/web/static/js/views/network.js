// The actor network: the strongest dyads on a circle, arrows coloured by tone. Every
// actor and every arrow is a link (mouse or keyboard: Tab, Enter).
import { get } from "../api.js";
import { empty, fmtSigned, h, loading, mount, s } from "../dom.js";
import { responsive } from "../chart.js";
import { chips, dateForm, downloadBar, readFilters } from "../filters.js";
import { href } from "../router.js";

const TONE = (g) => (g > 0.5 ? "coop" : g < -0.5 ? "conflict" : "neutral");
const TONE_COLOR = { coop: "#2e8b57", conflict: "#c8412f", neutral: "#8a94a0" };

function layout(nodes, w, hgt) {
  const cx = w / 2, cy = hgt / 2, r = Math.min(w, hgt) / 2 - (w < 500 ? 62 : 70);
  const pos = {};
  nodes.forEach((n, i) => {
    const a = -Math.PI / 2 + (2 * Math.PI * i) / nodes.length;
    pos[n.id] = { x: cx + r * Math.cos(a), y: cy + r * Math.sin(a), a };
  });
  return pos;
}

export function networkSvg({ nodes, edges }, { width = 760, height = 560, dates = {} } = {}) {
  const svg = s("svg", { class: `chart network${width < 500 ? " narrow" : ""}`, width, height, viewBox: `0 0 ${width} ${height}`, role: "group", "aria-label": "Actor network: each actor links to its events, each arrow to its dyad chart" });
  const defs = s("defs", {});
  for (const [tone, color] of Object.entries(TONE_COLOR))
    defs.append(s("marker", { id: `arrow-${tone}`, viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 11, markerHeight: 11, markerUnits: "userSpaceOnUse", orient: "auto-start-reverse" },
      s("path", { d: "M0,0 L10,5 L0,10 z", fill: color })));
  svg.append(defs);
  const pos = layout(nodes, width, height);
  const maxW = Math.max(1, ...nodes.map((n) => n.weight));
  const radius = (n) => 9 + 16 * Math.sqrt(n.weight / maxW);
  const rOf = Object.fromEntries(nodes.map((n) => [n.id, radius(n)]));
  const maxE = Math.max(1, ...edges.map((e) => e.events || 0));

  for (const e of edges) {
    const p = pos[e.source], q = pos[e.target];
    if (!p || !q || e.source === e.target) continue;
    const dx = q.x - p.x, dy = q.y - p.y, len = Math.hypot(dx, dy) || 1;
    // Bend every edge to its right, so A→B and B→A are two visible arcs.
    const mx = (p.x + q.x) / 2 - (dy / len) * len * 0.12, my = (p.y + q.y) / 2 + (dx / len) * len * 0.12;
    const back = (pt, cx, cy, r) => { const l = Math.hypot(pt.x - cx, pt.y - cy) || 1; return { x: pt.x + ((cx - pt.x) / l) * r, y: pt.y + ((cy - pt.y) / l) * r }; };
    const a = back(p, mx, my, rOf[e.source] + 2), b = back(q, mx, my, rOf[e.target] + 4);
    const tone = TONE(e.goldstein_mean ?? 0);
    const what = `${e.source} → ${e.target}: ${e.events} events (${e.cooperation} cooperative, ${e.conflict} conflictual), mean Goldstein ${fmtSigned(e.goldstein_mean)}`;
    svg.append(s("a", { class: "edge-link", href: href(["dyad", e.source, e.target], { directed: 1, ...dates }), "aria-label": `${what} — dyad chart` },
      s("path", {
        class: `edge ${tone}`, d: `M${a.x},${a.y} Q${mx},${my} ${b.x},${b.y}`, stroke: TONE_COLOR[tone],
        "stroke-width": 1.5 + 5 * ((e.events || 0) / maxE), "marker-end": `url(#arrow-${tone})`,
      }, s("title", {}, what))));
  }
  for (const n of nodes) {
    const p = pos[n.id];
    const outside = { x: p.x + Math.cos(p.a) * (rOf[n.id] + 14), y: p.y + Math.sin(p.a) * (rOf[n.id] + 14) };
    const anchor = Math.abs(Math.cos(p.a)) < 0.3 ? "middle" : Math.cos(p.a) > 0 ? "start" : "end";
    svg.append(s("a", { class: "node", href: href(["events"], { actor: n.id, ...dates }), "aria-label": `${n.id}: ${n.weight} events — show its events`, dataset: { node: n.id } },
      s("circle", { cx: p.x, cy: p.y, r: rOf[n.id], fill: "#3f6fb5" }, s("title", {}, `${n.id}: ${n.weight} events — click for its events`)),
      s("text", { x: outside.x, y: outside.y + 4, "text-anchor": anchor }, n.id)));
  }
  return svg;
}

export async function render(root, { params, isCurrent }) {
  const by = params.get("by") === "conflict" ? "conflict" : "volume";
  const limit = [20, 50, 100].includes(Number(params.get("limit"))) ? Number(params.get("limit")) : 20;
  const f = readFilters(params);
  const dates = { from: f.from, to: f.to };
  const box = h("div", {}, loading("Loading the network"));
  const seg = (key, values, current) => h("span", { class: "seg", role: "group", "aria-label": key }, values.map((v) =>
    h("a", { class: String(v) === String(current) ? "on" : null, href: href(["network"], { by, limit, ...dates, [key]: v }) }, String(v))));
  const form = dateForm(["network"], f, { keep: { by, limit }, label: "Dates of the events" });
  mount(root,
    h("div", { class: "page-head" }, h("h1", {}, "Actor network"),
      h("span", { class: "sub" }, "strongest dyads; click an arrow for its chart, an actor for its events"),
      seg("by", ["volume", "conflict"], by), seg("limit", [20, 50, 100], limit)),
    h("section", { class: "panel" }, chips(["network"], dates, { keep: { by, limit }, none: "All dates." }), form),
    h("div", { class: "grid-2" }, h("section", { class: "panel" }, box), h("aside", { class: "panel", id: "edge-list" })));
  const net = await get("/api/network", { by, limit, ...dates });
  if (!isCurrent()) return;
  if (!net.edges.length) { mount(box, empty("No dyads here.", f.from || f.to ? "Widen the dates." : "Ingest some articles first.")); return; }
  mount(box);
  responsive(box, (w) => networkSvg(net, { width: w, height: Math.round(Math.min(560, Math.max(320, w * 0.8))), dates }));
  box.after(h("div", { class: "legend" }, Object.entries(TONE_COLOR).map(([t, c]) =>
    h("span", {}, h("span", { class: "swatch", style: `background:${c}` }), { coop: "cooperative (mean Goldstein > 0)", conflict: "conflictual", neutral: "mixed / neutral" }[t]))));
  mount(document.getElementById("edge-list"), h("h2", {}, "Dyads"),
    downloadBar("/api/network", { by, ...dates }, net.total, "dyads", { shown: net.edges.length }),
    h("div", { class: "table-wrap" }, h("table", { class: "events" },
      h("thead", {}, h("tr", {}, h("th", {}, "Dyad"), h("th", { class: "num" }, "Events"), h("th", { class: "num" }, "Goldstein"))),
      h("tbody", {}, net.edges.map((e) => h("tr", { onclick: (ev) => { if (!ev.target.closest("a")) location.hash = href(["dyad", e.source, e.target], { directed: 1, ...dates }); } },
        h("td", { class: "dyad" }, h("a", { href: href(["dyad", e.source, e.target], { directed: 1, ...dates }) }, `${e.source} → ${e.target}`)),
        h("td", { class: "num" }, e.events), h("td", { class: "num" }, fmtSigned(e.goldstein_mean))))))));
}
