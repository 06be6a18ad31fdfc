// A dyad over time: cooperation and conflict per period, and its latest events.
import { cameoNames, get } from "../api.js";
import { empty, errorBox, h, loading, mount } from "../dom.js";
import { chartLegend, dyadChart } from "../chart.js";
import { go, href } from "../router.js";
import { eventsTable } from "./events.js";

const BY = ["day", "week", "month"];

function picker(a = "", b = "", by = "week", directed = false) {
  const form = h("form", { class: "filters", "aria-label": "Choose a dyad" },
    h("label", { class: "field" }, "Actor A", h("input", { type: "text", name: "a", value: a, placeholder: "e.g. CHN", autocomplete: "off" })),
    h("label", { class: "field" }, "Actor B", h("input", { type: "text", name: "b", value: b, placeholder: "e.g. PRK", autocomplete: "off" })),
    h("label", { class: "field" }, "Period", h("select", { name: "by" }, BY.map((x) => h("option", { value: x, selected: x === by }, x)))),
    h("div", { class: "toggles" }, h("label", {}, h("input", { type: "checkbox", name: "directed", checked: directed }), "A → B only")),
    h("div", { class: "actions" }, h("button", { type: "submit", class: "primary" }, "Show")));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const f = new FormData(form);
    const A = (f.get("a") || "").toString().trim().toUpperCase(), B = (f.get("b") || "").toString().trim().toUpperCase();
    if (A && B) go(["dyad", A, B], { by: f.get("by"), directed: f.get("directed") ? 1 : "" });
  });
  return form;
}

async function chooser(root, isCurrent) {
  const top = h("div", {}, loading("Loading the busiest dyads"));
  mount(root, h("div", { class: "page-head" }, h("h1", {}, "Dyads")),
    h("section", { class: "panel" }, picker()), h("section", { class: "panel" }, h("h2", {}, "Busiest dyads"), top));
  try {
    const sum = await get("/api/summary");
    if (!isCurrent()) return;
    const dyads = (sum.top_dyads || []).filter((d) => d.source !== "-" && d.target !== "-");
    mount(top, dyads.length
      ? h("ul", {}, dyads.map((d) => h("li", {}, h("a", { href: href(["dyad", d.source, d.target]) }, `${d.source} → ${d.target}`),
          h("span", { class: "muted tabular" }, ` ${d.events} events, ${d.mentions} mentions`))))
      : empty("No dyads yet.", "Ingest some articles first."));
  } catch (err) { if (isCurrent()) mount(top, errorBox(err)); }
}

export async function render(root, { segments, params, isCurrent }) {
  const [a, b] = segments;
  if (!a || !b) return chooser(root, isCurrent);
  const by = BY.includes(params.get("by")) ? params.get("by") : "week";
  const directed = !!params.get("directed");
  const chart = h("div", {}, loading("Loading the series"));
  const table = h("div", {}, loading("Loading events"));
  const seg = h("span", { class: "seg", role: "group", "aria-label": "Period" },
    BY.map((x) => h("a", { class: x === by ? "on" : null, href: href(["dyad", a, b], { by: x, directed: directed ? 1 : "" }) }, x)));
  mount(root,
    h("div", { class: "page-head" },
      h("h1", {}, `${a} ${directed ? "→" : "↔"} ${b}`),
      h("span", { class: "sub" }, directed ? "events from A to B" : "events in both directions"),
      seg,
      h("a", { class: "button", href: href(["dyad", b, a], { by, directed: directed ? 1 : "" }) }, "⇄ swap")),
    h("section", { class: "panel" }, picker(a, b, by, directed)),
    h("section", { class: "panel", id: "dyad-chart" }, h("h2", {}, `Cooperation and conflict per ${by}`), chart),
    h("section", { class: "panel" }, h("h2", {}, "Latest events ", h("a", { class: "small", href: href(["events"], { dyad: `${a},${b}` }) }, "all →")), table));

  const [series, names] = await Promise.all([
    get(`/api/dyads/${encodeURIComponent(a)}/${encodeURIComponent(b)}/series`, { by, directed }).catch((e) => e),
    cameoNames()]);
  if (!isCurrent()) return;
  if (series instanceof Error) mount(chart, errorBox(series));
  else if (!series.series.length || !series.series.some((r) => r.events))
    mount(chart, empty(`No events between ${a} and ${b}.`, "Check the codes (a country like CHN, or an actor code like CHNGOV)."));
  else {
    const total = series.series.reduce((n, r) => n + (r.events || 0), 0);
    // Events known only to the month or year are not bars (they would pile up on the 1st).
    const vague = (series.imprecise || []).filter((r) => r.events);
    mount(chart, dyadChart(series.series), chartLegend(),
      h("p", { class: "muted small tabular" }, `${total} events over ${series.series.length} ${by}s`),
      vague.length ? h("p", { class: "muted small tabular", id: "dyad-imprecise" },
        "Not in the bars, dated only to the " + vague.map((r) =>
          `${r.dated_to} ${String(r.period).slice(0, r.dated_to === "year" ? 4 : 7)}: ${r.events}`).join("; ")) : null);
  }
  try {
    const events = [];
    const dir = [`${a},${b}`].concat(directed ? [] : [`${b},${a}`]);
    for (const dyad of dir) events.push(...(await get("/api/events", { dyad, limit: 25 })).events);
    if (!isCurrent()) return;
    events.sort((x, y) => String(y.date || "").localeCompare(String(x.date || "")));
    mount(table, events.length ? eventsTable(events.slice(0, 25), names) : empty("No events for this dyad."));
  } catch (err) { if (isCurrent()) mount(table, errorBox(err)); }
}
