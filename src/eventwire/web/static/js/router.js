// Hash routing: every view and every filter lives in the URL (#/events?source=CHN&target=PRK),
// so a page can be bookmarked, shared, and reloaded into the same state.
import { h } from "./dom.js";

export function parseHash(hash = location.hash) {
  const raw = hash.replace(/^#/, "") || "/events";
  const cut = raw.indexOf("?");
  const path = cut < 0 ? raw : raw.slice(0, cut);
  const query = cut < 0 ? "" : raw.slice(cut + 1);
  const segments = path.split("/").filter(Boolean).map(decodeURIComponent);
  return { segments, params: new URLSearchParams(query) };
}

/** "#/dyad/CHN/PRK?by=week" from (["dyad","CHN","PRK"], {by: "week"}); empty values dropped. */
export function href(segments, params = {}) {
  const path = "#/" + segments.map((s) => encodeURIComponent(s)).join("/");
  const qs = new URLSearchParams();
  const entries = params instanceof URLSearchParams ? [...params] : Object.entries(params);
  for (const [k, v] of entries) {
    if (v === null || v === undefined || v === "" || v === false) continue;
    qs.set(k, v === true ? "1" : String(v));
  }
  const q = qs.toString();
  return q ? `${path}?${q}` : path;
}

export function go(segments, params) {
  const next = href(segments, params);
  if (next === location.hash) window.dispatchEvent(new HashChangeEvent("hashchange"));
  else location.hash = next;
}

// ------------------------------------------------------------------ back links
// A detail page opened from a list carries the list's route (with its filters) in
// `back`, so "← Back" returns to exactly the list the analyst was looking at.

/** The current route ("/events?source=CHN") to pass on as `back`. */
export const here = () => location.hash.replace(/^#/, "") || "/events";

/** href(...) plus back=<the current route>. */
export const hrefFrom = (segments, params = {}) => href(segments, { ...params, back: here() });

/** The "← Back" link of a detail page: to its `back` route, else to `fallback`. */
export function backLink(params, fallback = "/events", label = "Events") {
  const back = params.get("back");
  // only our own routes: "/events?…", never a URL elsewhere
  const ok = back && /^\/[a-z]/.test(back) && !back.startsWith("//");
  const target = ok ? back : fallback;
  const name = ok ? labelOf(target) : label;
  return h("a", { class: "back", href: `#${target}` }, `← ${name}`);
}

const LABELS = { events: "Events", dyad: "Dyad", map: "Map", docs: "Documents", doc: "Document",
                 network: "Network", stories: "Stories", contradictions: "Contradictions", event: "Event" };
function labelOf(route) {
  const first = route.split(/[/?]/).filter(Boolean)[0];
  return LABELS[first] || "Back";
}
