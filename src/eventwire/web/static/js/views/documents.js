// The documents: every stored article (also the ones nothing was coded in, e.g. another
// language), searchable, with its language, date and number of events.
import { get } from "../api.js";
import { empty, errorBox, h, loading, mount } from "../dom.js";
import { downloadBar } from "../filters.js";
import { go, hrefFrom } from "../router.js";

const PAGE = 50;
const KEYS = { q: "Text", language: "Language", from: "Published from", to: "Published to" };

function form(p) {
  const el = h("form", { class: "filters", role: "search", "aria-label": "Search documents" },
    h("label", { class: "field wide" }, "Text in title or article",
      h("input", { type: "search", name: "q", value: p.q || "", placeholder: "envoy, sanctions…", autocomplete: "off" })),
    h("label", { class: "field" }, "Language", h("input", { type: "text", name: "language", value: p.language || "", placeholder: "en, es…", autocomplete: "off", maxlength: 12 })),
    h("label", { class: "field" }, "Published from", h("input", { type: "date", name: "from", value: p.from || "" })),
    h("label", { class: "field" }, "Published to", h("input", { type: "date", name: "to", value: p.to || "" })),
    h("div", { class: "actions" }, h("button", { type: "submit", class: "primary" }, "Search")));
  el.addEventListener("submit", (e) => {
    e.preventDefault();
    const d = new FormData(el);
    go(["docs"], Object.fromEntries(Object.keys(KEYS).map((k) => [k, (d.get(k) || "").toString().trim()])));
  });
  return el;
}

function row(d) {
  const link = hrefFrom(["doc", d.doc_id]);
  return h("tr", { dataset: { doc: d.doc_id }, onclick: (e) => { if (!e.target.closest("a")) location.hash = link; } },
    h("td", { class: "date", "data-label": "Published" }, d.published || "undated"),
    h("td", { class: "title", "data-label": "Title" }, h("a", { href: link, class: "doc-link" }, d.title || d.doc_id),
      d.duplicate_of ? h("span", { class: "chip", title: `near-duplicate of ${d.duplicate_of}` }, "duplicate") : null),
    h("td", { "data-label": "Outlet" }, d.outlet || "—"),
    h("td", { "data-label": "Language" }, h("code", {}, d.language || "?")),
    h("td", { class: "num", "data-label": "Events" }, d.n_events ?? 0));
}

export async function render(root, { params, isCurrent }) {
  const p = Object.fromEntries(Object.keys(KEYS).map((k) => [k, (params.get(k) || "").trim()]).filter(([, v]) => v));
  const box = h("div", {}, loading("Loading documents"));
  mount(root,
    h("div", { class: "page-head" }, h("h1", {}, "Documents"),
      h("span", { class: "sub" }, "every stored article, newest first"),
      h("a", { class: "button primary", href: "#/add" }, "+ Add an article")),
    h("section", { class: "panel" }, docChips(p), form(p)),
    h("section", { class: "panel" }, box));
  let shown = [];
  const load = async (cursor) => {
    const page = await get("/api/documents", { ...p, limit: PAGE, cursor });
    if (!isCurrent()) return;
    shown = shown.concat(page.documents);
    const bar = downloadBar("/api/documents", p, page.total, "documents", { shown: shown.length });
    if (!shown.length) { mount(box, bar, empty("No documents match.", "Clear the search, or add an article.")); return; }
    mount(box, bar,
      h("div", { class: "table-wrap" }, h("table", { class: "events docs cards-on-phone" },
        h("thead", {}, h("tr", {}, h("th", {}, "Published"), h("th", {}, "Title"), h("th", {}, "Outlet"),
          h("th", {}, "Lang."), h("th", { class: "num" }, "Events"))),
        h("tbody", {}, shown.map(row)))),
      h("div", { class: "table-foot" }, h("span", { class: "tabular" }, `${shown.length} of ${page.total} documents shown`),
        page.next_cursor ? h("button", { type: "button", onclick: (e) => { e.target.disabled = true; load(page.next_cursor).catch((err) => mount(box, errorBox(err))); } }, "Load more") : null));
  };
  try { await load(null); } catch (err) { if (isCurrent()) mount(box, errorBox(err)); }
}

function docChips(p) {
  // the shared chips know event filters; documents have their own few
  const box = h("div", { class: "chips", role: "list", "aria-label": "Active filters" });
  const keys = Object.keys(p);
  if (!keys.length) { box.append(h("span", { class: "muted small", role: "listitem" }, "No filters: every document.")); return box; }
  for (const k of keys) {
    const rest = { ...p }; delete rest[k];
    const text = `${KEYS[k]}: ${p[k]}`;
    box.append(h("span", { class: "fchip", role: "listitem", dataset: { filter: k } }, h("span", {}, text),
      h("button", { type: "button", class: "x", "aria-label": `Remove filter ${text}`, onclick: () => go(["docs"], rest) }, "×")));
  }
  return box;
}
