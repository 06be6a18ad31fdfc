// Entry point: the router picks a view; each view renders into <main id="view">.
import { summary } from "./api.js";
import { errorBox, h, mount } from "./dom.js";
import { parseHash } from "./router.js";
import * as eventsView from "./views/events.js";
import * as eventView from "./views/event.js";
import * as dyadView from "./views/dyad.js";
import * as documentView from "./views/document.js";
import * as documentsView from "./views/documents.js";
import * as addView from "./views/add.js";
import * as mapView from "./views/map.js";
import * as networkView from "./views/network.js";
import * as storiesView from "./views/stories.js";
import * as contradictionsView from "./views/contradictions.js";

const VIEWS = {
  events: eventsView, event: eventView, dyad: dyadView, doc: documentView, docs: documentsView,
  add: addView, map: mapView, network: networkView, stories: storiesView,
  contradictions: contradictionsView,
};
const NAV_OF = { event: "events", doc: "docs", add: "docs" };
const TITLES = { events: "Events", event: "Event", dyad: "Dyads", doc: "Document", docs: "Documents",
                 add: "Add an article", map: "Map", network: "Network", stories: "Stories",
                 contradictions: "Contradictions" };

let generation = 0;

async function route() {
  const root = document.getElementById("view");
  const { segments, params } = parseHash();
  const name = VIEWS[segments[0]] ? segments[0] : "events";
  for (const a of document.querySelectorAll("[data-nav]")) {
    const on = a.dataset.nav === (NAV_OF[name] || name);
    a.classList.toggle("active", on);
    if (on) a.setAttribute("aria-current", "page"); else a.removeAttribute("aria-current");
  }
  document.title = `${TITLES[name]} · eventwire`;
  delete document.body.dataset.ready;
  delete document.body.dataset.route;
  // A slow answer for a page the user already left must not overwrite the new page.
  const mine = ++generation;
  const ctx = { segments: segments.slice(1), params, isCurrent: () => mine === generation };
  try {
    await VIEWS[name].render(root, ctx);
  } catch (err) {
    if (ctx.isCurrent()) mount(root, errorBox(err, route), h("p", { class: "state" }, h("a", { href: "#/events" }, "← Back to the events")));
    console.error(err);
  }
  // for tests and screen readers: which view is ready, and for which route (a test that
  // moves from one list to the same list with other filters waits for the new route)
  if (ctx.isCurrent()) Object.assign(document.body.dataset, { ready: name, route: location.hash });
}

async function header() {
  const el = document.getElementById("dbinfo");
  try {
    const s = await summary();
    const range = s.date_from ? ` · ${s.date_from} – ${s.date_to}` : "";
    el.textContent = `${s.path || "database"} · ${s.documents} documents · ${s.events} events${range}`;
  } catch (err) {
    el.textContent = "database unavailable";
    el.title = err.message;
  }
}

// "Skip to the content" must not change the route (the hash is the route here).
document.getElementById("skip")?.addEventListener("click", (e) => {
  e.preventDefault();
  document.getElementById("view").focus();
});

window.addEventListener("hashchange", route);
route();
header();
