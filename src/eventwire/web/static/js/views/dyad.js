// A dyad over time: cooperation and conflict per period (both directions unless
// "A → B only"), within a date range, and every event behind the chart.
import { cameoNames, get, summary } from "../api.js";
import { empty, errorBox, h, loading, mount } from "../dom.js";
import { chartLegend, dyadChart, responsive } from "../chart.js";
import { actorInput, chips, readFilters } from "../filters.js";
import { go, href } from "../router.js";
import { eventsList } from "./events.js";

const BY = ["day", "week", "month"];
const iso = (d) => d.toISOString().slice(0, 10);

/** Date presets: this week (Monday to Sunday) and the last 30 days, from today. */
function presets() {
  const today = new Date();
  const t = new Date(Date.UTC(today.getFullYear(), today.getMonth(), today.getDate()));
  const monday = new Date(t); monday.setUTCDate(t.getUTCDate() - ((t.getUTCDay() + 6) % 7));
  const sunday = new Date(monday); sunday.setUTCDate(monday.getUTCDate() + 6);
  const month = new Date(t); month.setUTCDate(t.getUTCDate() - 29);
  return [["This week", iso(monday), iso(sunday)], ["Last 30 days", iso(month), iso(t)]];
}

function picker(a = "", b = "", p = {}) {
  const form = h("form", { class: "filters", "aria-label": "Choose a dyad" },
    h("label", { class: "field" }, "Actor A", actorInput("a", a)),
    h("label", { class: "field" }, "Actor B", actorInput("b", b)),
    h("label", { class: "field" }, "Period", h("select", { name: "by" }, BY.map((x) => h("option", { value: x, selected: x === (p.by || "week") }, x)))),
    h("label", { class: "field" }, "From", h("input", { type: "date", name: "from", value: p.from || "" })),
    h("label", { class: "field" }, "To", h("input", { type: "date", name: "to", value: p.to || "" })),
    h("div", { class: "form-row" },
      h("div", { class: "toggles" },
        h("label", { title: "default: both directions, A → B and B → A" },
          h("input", { type: "checkbox", name: "directed", checked: !!p.directed }), "A → B only"),
        h("span", { class: "presets", role: "group", "aria-label": "Date presets" },
          presets().map(([label, from, to]) => h("button", { type: "button", class: "linklike small", onclick: () => {
            form.elements.from.value = from; form.elements.to.value = to;
          } }, label)))),
      h("div", { class: "actions" }, h("button", { type: "submit", class: "primary" }, "Show"))),
    h("p", { class: "form-error", role: "alert", hidden: true }));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const f = new FormData(form);
    const A = (f.get("a") || "").toString().trim(), B = (f.get("b") || "").toString().trim();
    if (!A || !B) {  // never silently ignore a half-filled form
      const err = form.querySelector(".form-error");
      err.textContent = "A dyad needs two actors: fill in both A and B (a code like CHN or a name like China).";
      err.hidden = false;
      return;
    }
    go(["dyad", A, B], { by: f.get("by"), directed: f.get("directed") ? 1 : "", from: f.get("from"), to: f.get("to") });
  });
  return form;
}

async function chooser(root, isCurrent) {
  const top = h("div", {}, loading("Loading the busiest dyads"));
  mount(root, h("div", { class: "page-head" }, h("h1", {}, "Dyads")),
    h("section", { class: "panel" }, picker()), h("section", { class: "panel" }, h("h2", {}, "Busiest dyads"), top));
  try {
    const sum = await summary();
    if (!isCurrent()) return;
    const dyads = (sum.top_dyads || []).filter((d) => d.source !== "-" && d.target !== "-");
    mount(top, dyads.length
      ? h("ul", { class: "plain-list" }, dyads.map((d) => h("li", {}, h("a", { href: href(["dyad", d.source, d.target]) }, `${d.source} → ${d.target}`),
          h("span", { class: "muted tabular" }, ` ${d.events} events, ${d.mentions} mentions`))))
      : empty("No dyads yet.", "Ingest some articles first."));
  } catch (err) { if (isCurrent()) mount(top, errorBox(err)); }
}

export async function render(root, { segments, params, isCurrent }) {
  const [a, b] = segments;
  if (!a || !b) return chooser(root, isCurrent);
  const by = BY.includes(params.get("by")) ? params.get("by") : "week";
  const f = readFilters(params);
  const directed = !!f.directed;
  const keep = { by };
  const routeParams = { by, directed: directed ? 1 : "", from: f.from, to: f.to, historical: f.historical };
  const chart = h("div", { class: "chart-box" }, loading("Loading the series"));
  const note = h("div", {});
  const seg = h("span", { class: "seg", role: "group", "aria-label": "Period" },
    BY.map((x) => h("a", { class: x === by ? "on" : null, href: href(["dyad", a, b], { ...routeParams, by: x }), "aria-current": x === by ? "true" : null }, x)));
  const names = await cameoNames();
  if (!isCurrent()) return;
  // the events behind the chart: the same pair, direction, dates
  const evFilters = { source: a, target: b, directed: f.directed, from: f.from, to: f.to, historical: f.historical };
  const list = eventsList(evFilters, names, { isCurrent, pageSize: 25 });
  const shown = Object.fromEntries(Object.entries({ directed: f.directed, from: f.from, to: f.to, historical: f.historical }).filter(([, v]) => v));
  mount(root,
    h("div", { class: "page-head" },
      h("h1", {}, `${a} ${directed ? "→" : "↔"} ${b}`),
      h("span", { class: "sub" }, directed ? `events from ${a} to ${b} only` : "events in both directions"),
      seg,
      h("a", { class: "button", href: href(["dyad", b, a], routeParams) }, "⇄ swap")),
    h("section", { class: "panel" },
      chips(["dyad", a, b], { ...shown }, { keep }),
      h("details", { class: "filter-details", open: window.innerWidth > 640 ? true : null },
        h("summary", {}, "Change the dyad or the dates"), picker(a, b, { by, ...f }))),
    h("section", { class: "panel", id: "dyad-chart" }, h("h2", {}, `Cooperation and conflict per ${by}`), chart, note),
    h("section", { class: "panel" }, h("h2", {}, "Events ", h("a", { class: "small", href: href(["events"], evFilters) }, "in the events table →")), list));

  const [series] = await Promise.all([get(`/api/dyads/${encodeURIComponent(a)}/${encodeURIComponent(b)}/series`,
    { by, directed, from: f.from, to: f.to, include_historical: !!f.historical }).catch((e) => e), list.ready]);
  if (!isCurrent()) return;
  if (series instanceof Error) { mount(chart, errorBox(series)); return; }
  const rows = series.series || [];
  if (!rows.some((r) => r.events)) {
    mount(chart, empty(`No events between ${a} and ${b}${f.from || f.to ? " in these dates" : ""}.`,
      "Check the codes (a country like CHN, an actor code like CHNGOV, or a name like China) or widen the dates."));
  } else {
    const total = rows.reduce((n, r) => n + (r.events || 0), 0);
    // a bar's events: its period, dated as precisely as the bars count them
    const link = (r, end) => href(["events"], { ...evFilters, from: String(r.period).slice(0, 10), to: end,
                                                dated: by === "month" ? "month" : "day" });
    mount(chart);
    responsive(chart, (w) => dyadChart(rows, { width: w, by, link }));
    mount(note, chartLegend(), h("p", { class: "muted small tabular" }, `${total} events over ${rows.length} ${by}s; click a bar (or Tab to it and press Enter) for its events`));
  }
  // Events known only to the month or year are not bars (they would pile up on the 1st).
  const vague = (series.imprecise || []).filter((r) => r.events);
  if (vague.length) note.append(h("p", { class: "muted small tabular", id: "dyad-imprecise" },
    "Not in the bars, dated only to the " + vague.map((r) =>
      `${r.dated_to} ${String(r.period).slice(0, r.dated_to === "year" ? 4 : 7)}: ${r.events}`).join("; ")));
}
