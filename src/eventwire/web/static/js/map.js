// A world map in SVG, offline: the outline is static/world-110m.json (Natural Earth
// admin-0 countries 1:110m, public domain; built by tools/build_world_map.py), drawn in the
// Natural Earth projection. Places are circles sized by mentions (area), coloured by tone,
// each a link (mouse, keyboard) to the events there. No tiles, nothing fetched elsewhere.
import { fmtSigned, h, s } from "./dom.js";

let world = null;
export function loadWorld() {
  world ||= fetch("/static/world-110m.json").then((r) => {
    if (!r.ok) throw new Error(`world outline: ${r.status}`);
    return r.json();
  });
  return world;
}

// Natural Earth I projection (Šavrič, Jenny, Patterson, Petrovič, Hurni 2011), in radians.
function naturalEarth(lon, lat) {
  const l = (lon * Math.PI) / 180, p = (lat * Math.PI) / 180, p2 = p * p, p4 = p2 * p2;
  return [
    l * (0.8707 - 0.131979 * p2 + p4 * (-0.013791 + p4 * (0.003971 * p2 - 0.001529 * p4))),
    p * (1.007226 + p2 * (0.015085 + p4 * (-0.044475 + 0.028874 * p2 - 0.005916 * p4))),
  ];
}

const NORTH = 84, SOUTH = -57;  // the outline leaves Antarctica out
const [X0] = naturalEarth(-180, 0), [X1] = naturalEarth(180, 0);
const [, Y0] = naturalEarth(0, NORTH), [, Y1] = naturalEarth(0, SOUTH);
export const ASPECT = (Y0 - Y1) / (X1 - X0);

export function projector(width) {
  const k = width / (X1 - X0);
  return (lon, lat) => {
    const [x, y] = naturalEarth(lon, Math.max(SOUTH - 3, Math.min(NORTH, lat)));
    return [(x - X0) * k, (Y0 - y) * k];
  };
}

const TONE = (g) => (g === null || g === undefined ? "neutral" : g > 0.5 ? "coop" : g < -0.5 ? "conflict" : "neutral");

/**
 * @param {object} outline world-110m.json
 * @param {object[]} places rows of /api/places
 * @param {{width: number, link: (place) => string, highlight?: string[]}} opts
 */
export function worldMap(outline, places, { width, link, highlight = [] }) {
  const height = Math.round(width * ASPECT);
  const proj = projector(width);
  const svg = s("svg", { class: "map", width, height, viewBox: `0 0 ${width} ${height}`, role: "group",
                         "aria-label": `World map with ${places.length} places; each place links to its events` });
  const land = s("g", { class: "countries", "aria-hidden": "true" });
  const marked = new Set(highlight);
  for (const c of outline.countries) {
    let d = "";
    for (const ring of c.rings) {
      for (let i = 0; i < ring.length; i += 2) {
        const [x, y] = proj(ring[i] / 10, ring[i + 1] / 10);
        d += `${i ? "L" : "M"}${x.toFixed(1)},${y.toFixed(1)}`;
      }
      d += "Z";
    }
    land.append(s("path", { d, class: marked.has(c.iso3) ? "country on" : "country", dataset: { iso3: c.iso3 || "" } }, s("title", {}, c.name)));
  }
  svg.append(land);
  const max = Math.max(1, ...places.map((p) => p.mentions || p.events || 1));
  const rMax = Math.max(10, Math.min(26, width / 45));
  // big circles first, so the small ones stay on top and clickable
  const sorted = [...places].sort((a, b) => (b.mentions || 0) - (a.mentions || 0));
  const pts = s("g", { class: "places" });
  for (const p of sorted) {
    if (p.lat === null || p.lon === null || p.lat === undefined) continue;
    const [x, y] = proj(p.lon, p.lat);
    const r = 3 + (rMax - 3) * Math.sqrt((p.mentions || 1) / max);
    const what = `${p.name || "?"}${p.country ? ` (${p.country})` : ""}: ${p.events} event${p.events === 1 ? "" : "s"}, ${p.mentions} mention${p.mentions === 1 ? "" : "s"}, mean Goldstein ${fmtSigned(p.goldstein_mean)}`;
    pts.append(s("a", { class: `place ${TONE(p.goldstein_mean)}`, href: link(p), "aria-label": `${what} — show these events`, dataset: { place: p.place } },
      s("title", {}, `${what}. Click for these events.`),
      s("circle", { cx: x.toFixed(1), cy: y.toFixed(1), r: r.toFixed(1) })));
  }
  svg.append(pts);
  return svg;
}

export const mapLegend = () => h("div", { class: "legend" },
  h("span", {}, h("span", { class: "swatch dot coop" }), "cooperative (mean Goldstein > 0.5)"),
  h("span", {}, h("span", { class: "swatch dot conflict" }), "conflictual (< −0.5)"),
  h("span", {}, h("span", { class: "swatch dot neutral" }), "mixed"),
  h("span", {}, "circle area: mentions"));
