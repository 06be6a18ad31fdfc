// The event filters, shared by the events table, the map and the dyad page:
// read from the URL, shown as removable chips, edited in one form, sent to the API.
import { apiUrl, get } from "./api.js";
import { h, QUAD } from "./dom.js";
import { go, here } from "./router.js";

// URL key -> [chip label, API parameter]
export const FILTERS = {
  actor: ["Actor", "actor"], source: ["Source", "source"], target: ["Target", "target"],
  country: ["Country", "country"], place: ["Place", "place"], cameo: ["CAMEO", "cameo"],
  root: ["CAMEO root", "root"], quad: ["QuadClass", "quad"], from: ["From", "from"],
  to: ["To", "to"], q: ["Text", "q"], story: ["Story", "story"], dated: ["Dated to the", "dated"],
};
// flags: URL key -> [chip label, API parameter]
export const FLAGS = {
  directed: ["Source → target only", "directed"],
  historical: ["Historical included", "include_historical"],
  negated: ["Negated included", "include_negated"],
};

/** The URL's filters, with the old `dyad=A,B` read as source A, target B, one direction. */
export function readFilters(params) {
  const out = {};
  for (const k of [...Object.keys(FILTERS), ...Object.keys(FLAGS)]) {
    const v = (params.get(k) || "").trim();
    if (v) out[k] = v;
  }
  const dyad = (params.get("dyad") || "").split(",");
  if (dyad.length === 2 && dyad[0] && dyad[1] && !out.source && !out.target) {
    out.source = dyad[0].trim();
    out.target = dyad[1].trim();
    out.directed = "1";
  }
  return out;
}

/** Filters -> API query parameters (no paging). */
export function apiFilters(f) {
  const out = {};
  for (const [k, [, p]] of Object.entries(FILTERS)) if (f[k]) out[p] = f[k];
  for (const [k, [, p]] of Object.entries(FLAGS)) if (f[k]) out[p] = true;
  if (!(f.source && f.target)) delete out.directed;  // one direction means nothing without both
  return out;
}

/** The list of URL keys that make a route (route-specific keys like `by` are kept). */
export function withFilters(f, extra = {}) {
  const out = { ...f, ...extra };
  if (!(out.source && out.target)) delete out.directed;
  return out;
}

// ------------------------------------------------------------------ chips

function chipText(key, value, resolved) {
  const [label] = FILTERS[key] || FLAGS[key] || [key];
  if (FLAGS[key]) return label;
  let shown = value;
  if (key === "quad") shown = `${value} ${QUAD[value] || ""}`.trim();
  const r = resolved && resolved[key];
  if (r && r.code && r.code !== String(value))
    shown = `${value} = ${r.code}`;  // a name the server resolved: "China = CHN"
  return `${label}: ${shown}`;
}

/**
 * Active filters as chips, each with a remove button; "Clear all" when there are two or more.
 * @param {string[]} segments route of the page (["events"], ["map"], ["dyad", A, B])
 * @param {object} f filters (readFilters)
 * @param {object} keep route parameters that are not filters (by=week) to keep on removal
 * @param {object} resolved the API's `filters` answer (names resolved to codes)
 */
export function chips(segments, f, { keep = {}, resolved = null, fixed = [],
                                      none = "No filters: all news events (not negated, not historical)." } = {}) {
  const keys = Object.keys(f).filter((k) => f[k] && (FILTERS[k] || FLAGS[k]) && !fixed.includes(k));
  const box = h("div", { class: "chips", role: "list", "aria-label": "Active filters" });
  if (!keys.length) {
    box.append(h("span", { class: "muted small", role: "listitem" }, none));
    return box;
  }
  for (const k of keys) {
    const rest = { ...f };
    delete rest[k];
    if (k === "source" || k === "target") delete rest.directed;
    const text = chipText(k, f[k], resolved);
    box.append(h("span", { class: "fchip", role: "listitem", dataset: { filter: k } },
      h("span", {}, text),
      h("button", { type: "button", class: "x", "aria-label": `Remove filter ${text}`, title: "Remove this filter",
                    onclick: () => go(segments, withFilters(rest, keep)) }, "×")));
  }
  if (keys.length > 1) {
    const none = Object.fromEntries(Object.entries(f).filter(([k]) => fixed.includes(k)));
    box.append(h("button", { type: "button", class: "linklike small", onclick: () => go(segments, withFilters(none, keep)) }, "Clear all"));
  }
  return box;
}

// ------------------------------------------------------------------ actor suggestions

let listSeq = 0;
/**
 * A text input whose suggestions come from the actor table as you type ("chi" -> CHN China,
 * CHNGOV Xi Jinping …). Names are accepted as typed: the server resolves "China" to CHN.
 */
export function actorInput(name, value, { placeholder = "CHN or China" } = {}) {
  const id = `actors-${name}-${++listSeq}`;
  const list = h("datalist", { id });
  const input = h("input", { type: "text", name, value: value || "", placeholder, list: id,
                             autocomplete: "off", spellcheck: "false" });
  let timer = null, last = null;
  const fill = async () => {
    const q = input.value.trim();
    if (q === last || q.length < 2) return;
    last = q;
    try {
      const { actors } = await get("/api/actors", { q, limit: 15 });
      if (q !== input.value.trim()) return;  // typed on meanwhile
      const seen = new Set();
      const opts = [];
      for (const a of actors) {
        // the country first (CHN finds every Chinese actor), then the actor's own code
        for (const code of [a.country, a.code]) {
          if (!code || seen.has(code)) continue;
          seen.add(code);
          const label = code === a.country && code !== a.code ? `${a.name || ""} (country)` : `${a.name || ""} · ${a.n_events ?? "?"} events`;
          opts.push(h("option", { value: code }, label));
        }
      }
      list.replaceChildren(...opts);
    } catch (e) { /* suggestions are a help, not a requirement */ }
  };
  input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(fill, 180); });
  return [input, list];
}

// ------------------------------------------------------------------ the form

const FORM_KEYS = ["actor", "source", "target", "country", "root", "quad", "from", "to", "q"];
const field = (label, control, cls = "") => h("label", { class: `field ${cls}`.trim() }, label, control);

/**
 * The filter form. `fields` picks what it shows; submit goes to `segments` with the
 * new filters (and `keep`, e.g. the dyad page's `by`).
 */
export function filterForm(segments, f, names, { keep = {}, fields = null, fixed = {} } = {}) {
  const want = (k) => !fields || fields.includes(k);
  const roots = Object.entries(names).filter(([c]) => c.length === 2).sort();
  const select = (name, label, options, value) =>
    field(label, h("select", { name }, h("option", { value: "" }, "any"),
      options.map(([v, t]) => h("option", { value: v, selected: v === value }, t))));
  const text = (name, label, value, attrs = {}) =>
    field(label, h("input", { type: "text", name, value: value || "", autocomplete: "off", spellcheck: "false", ...attrs }), attrs.wide ? "wide" : "");
  const actor = (name, label) => field(label, actorInput(name, f[name]));
  const both = !(f.directed);

  const form = h("form", { class: "filters", role: "search", "aria-label": "Filter events" },
    want("actor") ? actor("actor", "Actor (either side)") : null,
    want("source") ? actor("source", "Source (A)") : null,
    want("target") ? actor("target", "Target (B)") : null,
    want("country") ? text("country", "Country (either side or place)", f.country, { placeholder: "e.g. PRK" }) : null,
    want("root") ? select("root", "CAMEO root", roots.map(([c, n]) => [c, `${c} ${n.toLowerCase()}`]), f.root) : null,
    want("quad") ? select("quad", "QuadClass", Object.entries(QUAD).map(([q, n]) => [q, `${q} ${n}`]), f.quad) : null,
    want("from") ? field("From", h("input", { type: "date", name: "from", value: f.from || "" })) : null,
    want("to") ? field("To", h("input", { type: "date", name: "to", value: f.to || "" })) : null,
    want("q") ? text("q", "Text in sentence or title", f.q, { type: "search", placeholder: "missile, talks…", wide: true }) : null,
    h("div", { class: "form-row" },
      h("div", { class: "toggles" },
        want("source") ? h("label", { title: "with source and target: only A → B (default: both directions)" },
          h("input", { type: "checkbox", name: "directed", checked: !both }), "A → B only") : null,
        h("label", { title: "events dated well before the article (background)" },
          h("input", { type: "checkbox", name: "historical", checked: !!f.historical }), "include historical"),
        h("label", { title: "events the text says did not happen" },
          h("input", { type: "checkbox", name: "negated", checked: !!f.negated }), "include negated")),
      h("div", { class: "actions" },
        h("button", { type: "submit", class: "primary" }, "Apply filters"))));

  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const d = new FormData(form);
    const v = (k) => (d.get(k) || "").toString().trim();
    const next = { ...fixed };
    // filters the form has no field for (story, cameo, place …) are kept as they are
    for (const k of Object.keys(FILTERS)) if (!(FORM_KEYS.includes(k) && want(k)) && f[k]) next[k] = f[k];
    for (const k of FORM_KEYS) if (want(k) && v(k)) next[k] = v(k);
    for (const k of ["historical", "negated"]) if (d.get(k)) next[k] = "1";
    if (want("source") && d.get("directed")) next.directed = "1";
    go(segments, withFilters(next, keep));
  });
  return form;
}

/**
 * A from/to form for the pages whose only filter is a date range (network, stories,
 * contradictions): submit goes to `segments` with the dates and `keep`.
 */
export function dateForm(segments, f, { keep = {}, label = "Dates" } = {}) {
  const form = h("form", { class: "filters", "aria-label": label },
    field("From", h("input", { type: "date", name: "from", value: f.from || "" })),
    field("To", h("input", { type: "date", name: "to", value: f.to || "" })),
    h("div", { class: "actions" }, h("button", { type: "submit", class: "primary" }, "Apply")));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    go(segments, { ...keep, from: form.elements.from.value, to: form.elements.to.value });
  });
  return form;
}

// ------------------------------------------------------------------ counts and downloads

const FORMATS = [["csv", "CSV"], ["parquet", "Parquet"], ["jsonl", "JSON lines"]];

/**
 * "37 events · Download: CSV Parquet JSON lines" for exactly the current filter.
 * The links are plain GETs of the list endpoint with format=…: the server streams every row.
 */
const singular = (noun) => (noun.endsWith("ies") ? `${noun.slice(0, -3)}y` : noun.replace(/s$/, ""));

export function downloadBar(path, params, total, noun = "events", { shown = null } = {}) {
  const count = total === null || total === undefined ? "" :
    shown !== null && shown < total ? `${shown} of ${total} ${noun} shown`
      : `${total} ${total === 1 ? singular(noun) : noun}`;
  return h("div", { class: "download-bar" },
    h("span", { class: "total tabular", dataset: { total: total ?? "" } }, count),
    h("span", { class: "downloads", role: "group", "aria-label": `Download all ${noun} of this view` },
      h("span", { class: "muted" }, "Download all:"),
      FORMATS.map(([fmt, label]) => h("a", {
        class: "button small", href: apiUrl(path, { ...params, format: fmt }), download: "",
        dataset: { format: fmt }, title: `every ${singular(noun)} of this view as ${label}` }, label))));
}

/** Filters as the `back` of links leaving this page. */
export const backHere = () => ({ back: here() });
