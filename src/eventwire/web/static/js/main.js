// Entry point: the router picks a view; each view renders into <main id="view">.
import { get } from "./api.js";
import { errorBox, h, mount } from "./dom.js";
import { parseHash } from "./router.js";
import * as eventsView from "./views/events.js";
import * as eventView from "./views/event.js";
import * as dyadView from "./views/dyad.js";
import * as documentView from "./views/document.js";
import * as networkView from "./views/network.js";
import * as storiesView from "./views/stories.js";

const VIEWS = {
  events: eventsView, event: eventView, dyad: dyadView,
  doc: documentView, network: networkView, stories: storiesView,
};
const NAV_OF = { event: "events", doc: "events" };

let generation = 0;

async function route() {
  const root = document.getElementById("view");
  const { segments, params } = parseHash();
  const name = VIEWS[segments[0]] ? segments[0] : "events";
  for (const a of document.querySelectorAll("[data-nav]"))
    a.classList.toggle("active", a.dataset.nav === (NAV_OF[name] || name));
  // A slow answer for a page the user already left must not overwrite the new page.
  const mine = ++generation;
  const ctx = { segments: segments.slice(1), params, isCurrent: () => mine === generation };
  try {
    await VIEWS[name].render(root, ctx);
  } catch (err) {
    if (ctx.isCurrent()) mount(root, errorBox(err, route), h("p", { class: "state" }, h("a", { href: "#/events" }, "← Back to the events")));
    console.error(err);
  }
  if (ctx.isCurrent()) document.body.dataset.ready = name;  // for tests and screen readers
}

async function header() {
  const el = document.getElementById("dbinfo");
  try {
    const s = await get("/api/summary");
    const range = s.date_from ? ` · ${s.date_from} – ${s.date_to}` : "";
    el.textContent = `${s.path || "database"} · ${s.documents} documents · ${s.events} events${range}`;
  } catch (err) {
    el.textContent = "database unavailable";
    el.title = err.message;
  }
}

window.addEventListener("hashchange", route);
route();
header();
