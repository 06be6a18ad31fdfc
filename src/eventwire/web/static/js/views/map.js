// The map: where the events of the current filters happened, and the places as a table.
import { cameoNames, get } from "../api.js";
import { empty, errorBox, fmtSigned, h, loading, mount } from "../dom.js";
import { responsive } from "../chart.js";
import { apiFilters, chips, downloadBar, filterForm, readFilters } from "../filters.js";
import { loadWorld, mapLegend, worldMap } from "../map.js";
import { href } from "../router.js";

export async function render(root, { params, isCurrent }) {
  const names = await cameoNames();
  if (!isCurrent()) return;
  const f = readFilters(params);
  const query = apiFilters(f);
  const chipBox = h("div", {}, chips(["map"], f));
  const mapBox = h("div", { class: "map-box" }, loading("Loading the map"));
  const note = h("div", {});
  const table = h("div", {});
  mount(root,
    h("div", { class: "page-head" }, h("h1", {}, "Map"),
      h("span", { class: "sub" }, "where the events happened (the place the text gives)"),
      h("a", { class: "button", href: href(["events"], f) }, "These events as a table →")),
    h("section", { class: "panel filter-panel" }, chipBox,
      h("details", { class: "filter-details", open: window.innerWidth > 640 ? true : null },
        h("summary", {}, "Filters"), filterForm(["map"], f, names))),
    h("section", { class: "panel" }, mapBox, note),
    h("section", { class: "panel" }, h("h2", {}, "Places"), table));

  let answer, outline;
  try {
    [answer, outline] = await Promise.all([get("/api/places", query), loadWorld()]);
  } catch (err) {
    if (isCurrent()) mount(mapBox, errorBox(err));
    return;
  }
  if (!isCurrent()) return;
  mount(chipBox, chips(["map"], f, { resolved: answer.filters }));
  const places = answer.places || [];
  const link = (p) => href(["events"], { ...f, place: p.place });
  mount(mapBox);
  responsive(mapBox, (w) => worldMap(outline, places, { width: w, link }));
  const unplaced = (answer.events_total ?? 0) - (answer.events_located ?? 0);
  mount(note, mapLegend(),
    h("p", { class: "muted small tabular", id: "map-coverage" },
      `${answer.events_located ?? 0} of ${answer.events_total ?? 0} events have a place; ${answer.total ?? places.length} places.`,
      unplaced > 0 ? ` ${unplaced} events without a place are not on the map.` : ""),
    h("p", { class: "muted small" }, "Outline: Natural Earth (public domain), 1:110m."));
  if (!places.length) {
    mount(table, empty("No event of these filters has a place.", "Remove a filter, or look at the events table."));
    return;
  }
  mount(table, downloadBar("/api/places", query, answer.total, "places"),
    h("div", { class: "table-wrap" }, h("table", { class: "events places cards-on-phone" },
      h("thead", {}, h("tr", {}, h("th", {}, "Place"), h("th", {}, "Country"), h("th", { class: "num" }, "Events"),
        h("th", { class: "num" }, "Mentions"), h("th", { class: "num" }, "Goldstein"))),
      h("tbody", {}, places.map((p) => h("tr", { onclick: (e) => { if (!e.target.closest("a")) location.hash = link(p); } },
        h("td", { "data-label": "Place" }, h("a", { href: link(p) }, p.name || "?")),
        h("td", { "data-label": "Country" }, p.country || "—"),
        h("td", { class: "num", "data-label": "Events" }, p.events),
        h("td", { class: "num", "data-label": "Mentions" }, p.mentions),
        h("td", { class: "num", "data-label": "Goldstein" }, fmtSigned(p.goldstein_mean))))))));
}
