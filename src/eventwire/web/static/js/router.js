// Hash routing: every view and every filter lives in the URL (#/events?dyad=CHN,PRK),
// so a page can be bookmarked, shared, and reloaded into the same state.

export function parseHash(hash = location.hash) {
  const raw = hash.replace(/^#/, "") || "/events";
  const [path, query = ""] = raw.split("?");
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
