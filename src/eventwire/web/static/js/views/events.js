// The events table: filters in the URL (shown as chips), newest first, the total, downloads
// of every matching event, and "Load more" via the API's cursor.
import { cameoNames, get } from "../api.js";
import {
  actorLabel, empty, errorBox, flagChips, fmtDate, fmtSigned, h, loading, mount, quadChip, truncate,
} from "../dom.js";
import { apiFilters, chips, downloadBar, filterForm, readFilters } from "../filters.js";
import { href, hrefFrom } from "../router.js";

const PAGE = 50;

export function eventRow(ev, names) {
  const src = ev.source, tgt = ev.target;
  const link = hrefFrom(["event", ev.canonical_event_id]);
  const sources = ev.num_sources ?? 1;
  const what = names[ev.cameo] || `CAMEO ${ev.cameo || "?"}`;
  return h("tr", { onclick: (e) => { if (!e.target.closest("a")) location.hash = link; }, dataset: { event: ev.canonical_event_id } },
    h("td", { class: "date", "data-label": "Date", title: ev.date_precision && ev.date_precision !== "day" ? `dated only to the ${ev.date_precision}` : null },
      fmtDate(ev.date, ev.date_precision)),
    h("td", { class: "dyad", "data-label": "Dyad" },
      h("span", { title: src ? `${src.name || ""} (${src.actor_id || ""})` : "" }, actorLabel(src)),
      h("span", { class: "arrow" }, "→"),
      h("span", { title: tgt ? `${tgt.name || ""} (${tgt.actor_id || ""})` : "" }, actorLabel(tgt))),
    h("td", { class: "what", "data-label": "Event" },
      h("a", { href: link, class: "event-link" }, what),
      h("span", { class: "code-name" }, h("code", {}, ev.cameo || "—"),
        ev.plover && ev.plover.event_type ? ` · ${ev.plover.event_type}` : "")),
    h("td", { class: "quad", "data-label": "Class" }, quadChip(ev.quad_class)),
    h("td", { class: "num", "data-label": "Goldstein", title: "Goldstein scale (−10 conflict … +10 cooperation)" }, fmtSigned(ev.goldstein)),
    h("td", { class: "num", "data-label": "Mentions / sources", title: `${ev.num_mentions ?? 1} mentions from ${sources} sources` },
      `${ev.num_mentions ?? 1}`, h("span", { class: "muted" }, ` / ${sources}`)),
    h("td", { class: "sentence" }, truncate(ev.sentence, 170),
      h("div", { class: "flags" }, flagChips(ev))));
}

export function eventsTable(events, names) {
  return h("div", { class: "table-wrap" },
    h("table", { class: "events cards-on-phone" },
      h("thead", {}, h("tr", {},
        h("th", {}, "Date"), h("th", {}, "Source → target"), h("th", {}, "Event"),
        h("th", {}, "Class"), h("th", { class: "num" }, "Goldstein"),
        h("th", { class: "num", title: "mentions / sources" }, "Ment."), h("th", {}, "Sentence"))),
      h("tbody", {}, events.map((e) => eventRow(e, names)))));
}

/**
 * A paged events list with its total and downloads, for any filter set (also used by the
 * dyad page). Returns the element; it fills itself (`element.ready`: the first page is in).
 */
export function eventsList(filters, names, { isCurrent, pageSize = PAGE, onAnswer = null } = {}) {
  const box = h("div", { class: "events-list" }, loading("Loading events"));
  const query = apiFilters(filters);
  let shown = [];
  const load = async (cursor) => {
    const page = await get("/api/events", { ...query, limit: pageSize, cursor });
    if (!isCurrent()) return;
    if (!cursor && onAnswer) onAnswer(page);
    shown = shown.concat(page.events);
    const bar = downloadBar("/api/events", query, page.total, "events", { shown: shown.length });
    if (!shown.length) {
      mount(box, bar, empty("No events match these filters.",
        ...(page.hints || []),
        "Widen the dates, remove a filter, or include historical and negated events."));
      return;
    }
    const more = page.next_cursor
      ? h("button", { type: "button", onclick: async (e) => {
          e.target.disabled = true; e.target.textContent = "Loading…";
          try { await load(page.next_cursor); } catch (err) { mount(box, errorBox(err)); }
        } }, "Load more")
      : null;
    mount(box, bar, eventsTable(shown, names),
      h("div", { class: "table-foot" },
        h("span", { class: "tabular" }, page.total !== undefined
          ? `${shown.length} of ${page.total} event${page.total === 1 ? "" : "s"} shown`
          : `${shown.length} events shown`),
        more));
  };
  // the view is "ready" once its first page is on the screen (or failed)
  box.ready = load(null).catch((err) => { if (isCurrent()) mount(box, errorBox(err)); });
  return box;
}

export async function render(root, { params, isCurrent }) {
  const names = await cameoNames();
  if (!isCurrent()) return;
  const f = readFilters(params);
  const limit = Number(params.get("limit"));
  const pageSize = Number.isInteger(limit) && limit >= 1 && limit <= 500 ? limit : PAGE;
  const chipBox = h("div", {}, chips(["events"], f));
  const pair = f.source && f.target;
  const list = eventsList(f, names, {
    isCurrent, pageSize,
    onAnswer: (page) => mount(chipBox, chips(["events"], f, { resolved: page.filters })),
  });
  mount(root,
    h("div", { class: "page-head" }, h("h1", {}, "Events"),
      h("span", { class: "sub" }, "news events, newest first"),
      h("span", { class: "head-links" },
        h("a", { class: "button", href: href(["map"], f) }, "Map these →"),
        pair ? h("a", { class: "button", href: href(["dyad", f.source, f.target], { directed: f.directed, from: f.from, to: f.to }) }, "Dyad chart →") : null)),
    h("section", { class: "panel filter-panel" }, chipBox,
      h("details", { class: "filter-details", open: window.innerWidth > 640 ? true : null },
        h("summary", {}, "Filters"), filterForm(["events"], f, names))),
    h("section", { class: "panel" }, list));
  await list.ready;
}
