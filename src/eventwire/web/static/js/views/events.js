// The events table: filters in the URL, newest first, "Load more" via the API's cursor.
import { cameoNames, get } from "../api.js";
import {
  actorLabel, empty, errorBox, flagChips, fmtSigned, h, loading, mount, quadChip, truncate, QUAD,
} from "../dom.js";
import { go, href } from "../router.js";

const PAGE = 50;
// URL parameter -> API parameter
const FILTERS = ["actor", "dyad", "country", "cameo", "root", "quad", "from", "to", "q", "story"];

function apiParams(params) {
  const limit = Number(params.get("limit"));
  const out = { limit: Number.isInteger(limit) && limit >= 1 && limit <= 500 ? limit : PAGE };
  for (const k of FILTERS) if (params.get(k)) out[k] = params.get(k);
  if (params.get("historical")) out.include_historical = true;
  if (params.get("negated")) out.include_negated = true;
  return out;
}

function filterForm(params, names) {
  const [src = "", tgt = ""] = (params.get("dyad") || "").split(",");
  const text = (name, label, value, extra = {}) =>
    h("label", { class: "field" + (extra.wide ? " wide" : "") }, label,
      h("input", { type: extra.type || "text", name, value: value || "", placeholder: extra.placeholder || "",
                   list: extra.list || null, autocomplete: "off", spellcheck: "false" }));
  const roots = Object.entries(names).filter(([c]) => c.length === 2).sort();
  const select = (name, label, options, value) =>
    h("label", { class: "field" }, label,
      h("select", { name }, h("option", { value: "" }, "any"),
        options.map(([v, t]) => h("option", { value: v, selected: v === value }, t))));

  const form = h("form", { class: "filters", role: "search", "aria-label": "Filter events" },
    text("actor", "Actor (either side)", params.get("actor"), { placeholder: "CHN, USAGOV…", list: "actor-codes" }),
    text("source", "Dyad: source", src, { placeholder: "e.g. CHN", list: "actor-codes" }),
    text("target", "Dyad: target", tgt, { placeholder: "e.g. PRK", list: "actor-codes" }),
    select("root", "CAMEO root", roots.map(([c, n]) => [c, `${c} ${n.toLowerCase()}`]), params.get("root")),
    select("quad", "QuadClass", Object.entries(QUAD).map(([q, n]) => [q, `${q} ${n}`]), params.get("quad")),
    text("from", "From", params.get("from"), { type: "date" }),
    text("to", "To", params.get("to"), { type: "date" }),
    text("q", "Text in sentence or title", params.get("q"), { type: "search", placeholder: "missile, talks…", wide: true }),
    h("div", { class: "form-row" },
      h("div", { class: "toggles" },
        h("label", { title: "events dated well before the article (background)" },
          h("input", { type: "checkbox", name: "historical", checked: !!params.get("historical") }), "include historical"),
        h("label", { title: "events the text says did not happen" },
          h("input", { type: "checkbox", name: "negated", checked: !!params.get("negated") }), "include negated")),
      h("div", { class: "actions" },
        h("a", { class: "button", href: "#/events" }, "Reset"),
        h("button", { type: "submit", class: "primary" }, "Apply filters"))),
    h("datalist", { id: "actor-codes" }));

  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const f = new FormData(form);
    const v = (k) => (f.get(k) || "").toString().trim();
    const source = v("source").toUpperCase(), target = v("target").toUpperCase();
    go(["events"], {
      actor: v("actor"), dyad: source && target ? `${source},${target}` : "",
      root: v("root"), quad: v("quad"), from: v("from"), to: v("to"), q: v("q"),
      historical: f.get("historical") ? 1 : "", negated: f.get("negated") ? 1 : "",
      story: params.get("story") || "", country: params.get("country") || "", cameo: params.get("cameo") || "",
    });
  });
  // Suggestions for the actor fields, without blocking the page.
  get("/api/actors", { limit: 200 }).then(({ actors }) => {
    const list = form.querySelector("#actor-codes");
    const seen = new Set();
    for (const a of actors) {
      for (const code of [a.code, a.country]) {
        if (code && !seen.has(code)) { seen.add(code); list.append(h("option", { value: code }, a.name || "")); }
      }
    }
  }).catch(() => {});
  return form;
}

export function eventRow(ev, names) {
  const src = ev.source, tgt = ev.target;
  const link = href(["event", ev.canonical_event_id]);
  const sources = ev.num_sources ?? 1;
  return h("tr", { onclick: (e) => { if (!e.target.closest("a")) location.hash = link; }, dataset: { event: ev.canonical_event_id } },
    h("td", { class: "date" }, ev.date || "undated"),
    h("td", { class: "dyad" },
      h("span", { title: src ? `${src.name || ""} (${src.actor_id || ""})` : "" }, actorLabel(src)),
      h("span", { class: "arrow" }, "→"),
      h("span", { title: tgt ? `${tgt.name || ""} (${tgt.actor_id || ""})` : "" }, actorLabel(tgt))),
    h("td", { class: "what" },
      h("a", { href: link, class: "event-link" }, names[ev.cameo] || `CAMEO ${ev.cameo || "?"}`),
      h("span", { class: "code-name" }, h("code", {}, ev.cameo || "—"),
        ev.plover && ev.plover.event_type ? ` · ${ev.plover.event_type}` : "")),
    h("td", {}, quadChip(ev.quad_class)),
    h("td", { class: "num", title: "Goldstein scale (−10 conflict … +10 cooperation)" }, fmtSigned(ev.goldstein)),
    h("td", { class: "num", title: `${ev.num_mentions ?? 1} mentions from ${sources} sources` },
      `${ev.num_mentions ?? 1}`, h("span", { class: "muted" }, ` / ${sources}`)),
    h("td", { class: "sentence" }, truncate(ev.sentence, 170),
      h("div", { class: "flags" }, flagChips(ev))));
}

export function eventsTable(events, names) {
  return h("div", { class: "table-wrap" },
    h("table", { class: "events" },
      h("thead", {}, h("tr", {},
        h("th", {}, "Date"), h("th", {}, "Source → target"), h("th", {}, "Event"),
        h("th", {}, "Class"), h("th", { class: "num" }, "Goldstein"),
        h("th", { class: "num", title: "mentions / sources" }, "Ment."), h("th", {}, "Sentence"))),
      h("tbody", {}, events.map((e) => eventRow(e, names)))));
}

function describe(params) {
  const bits = [];
  if (params.get("dyad")) bits.push(`dyad ${params.get("dyad").replace(",", " → ")}`);
  if (params.get("actor")) bits.push(`actor ${params.get("actor")}`);
  if (params.get("root")) bits.push(`root ${params.get("root")}`);
  if (params.get("quad")) bits.push(QUAD[params.get("quad")] || `quad ${params.get("quad")}`);
  if (params.get("from") || params.get("to")) bits.push(`${params.get("from") || "…"} – ${params.get("to") || "…"}`);
  if (params.get("q")) bits.push(`“${params.get("q")}”`);
  if (params.get("story")) bits.push(`story ${params.get("story")}`);
  return bits.length ? bits.join(" · ") : "all news events, newest first";
}

export async function render(root, { params, isCurrent }) {
  const names = await cameoNames();
  const results = h("div", {}, loading("Loading events"));
  const dyad = (params.get("dyad") || "").split(",");
  mount(root,
    h("div", { class: "page-head" }, h("h1", {}, "Events"), h("span", { class: "sub" }, describe(params)),
      dyad.length === 2 && dyad[0] ? h("a", { class: "button", href: href(["dyad", dyad[0], dyad[1]]) }, "Dyad chart →") : null),
    h("section", { class: "panel" }, filterForm(params, names)),
    h("section", { class: "panel" }, results));

  const query = apiParams(params);
  let shown = [];
  const load = async (cursor) => {
    const page = await get("/api/events", { ...query, cursor });
    if (!isCurrent()) return;
    shown = shown.concat(page.events);
    if (!shown.length) {
      mount(results, empty("No events match these filters.",
        "Widen the dates, clear a filter, or include historical and negated events.",
        h("a", { href: "#/events" }, "Show all events")));
      return;
    }
    const more = page.next_cursor
      ? h("button", { type: "button", onclick: async (e) => {
          e.target.disabled = true; e.target.textContent = "Loading…";
          try { await load(page.next_cursor); } catch (err) { mount(results, errorBox(err)); }
        } }, "Load more")
      : null;
    mount(results, eventsTable(shown, names),
      h("div", { class: "table-foot" },
        h("span", { class: "tabular" }, `${shown.length} event${shown.length === 1 ? "" : "s"}${page.next_cursor ? " shown, more available" : ""}`),
        more));
  };
  try {
    await load(null);
  } catch (err) {
    if (isCurrent()) mount(results, errorBox(err, () => render(root, { params, isCurrent })));
  }
}
