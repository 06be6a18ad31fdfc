// JSON over fetch, with the API's {"detail": ...} errors turned into Error objects.

export class ApiError extends Error {
  constructor(status, message, body = null) { super(message); this.status = status; this.body = body; }
}

/** "/api/events?dyad=CHN%2CPRK": empty values and false flags are left out. */
export function apiUrl(path, params = {}) {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === null || v === undefined || v === "" || v === false) continue;
    qs.set(k, v === true ? "true" : String(v));
  }
  return qs.toString() ? `${path}?${qs}` : path;
}

async function answer(res) {
  let body = null;
  try { body = await res.json(); } catch (e) { /* not JSON */ }
  if (!res.ok) throw new ApiError(res.status, (body && body.detail) || `${res.status} ${res.statusText}`, body);
  return body;
}

const UNREACHABLE = "Cannot reach the eventwire server. Is `eventwire serve` still running?";

export async function get(path, params = {}) {
  let res;
  try {
    res = await fetch(apiUrl(path, params), { headers: { Accept: "application/json" } });
  } catch (e) {
    throw new ApiError(0, UNREACHABLE);
  }
  return answer(res);
}

/** POST a body (a FormData, a string, or an object sent as JSON) with an optional token. */
export async function post(path, body, { token = "", params = {} } = {}) {
  const headers = { Accept: "application/json" };
  if (token) headers.Authorization = `Bearer ${token}`;
  let payload = body;
  if (!(body instanceof FormData) && typeof body !== "string") {
    headers["Content-Type"] = "application/json";
    payload = JSON.stringify(body);
  }
  let res;
  try {
    res = await fetch(apiUrl(path, params), { method: "POST", headers, body: payload });
  } catch (e) {
    throw new ApiError(0, UNREACHABLE);
  }
  return answer(res);
}

// Things that rarely change: fetched once per page load.
const once = {};
const cached = (key, path) => (once[key] ||= get(path).catch((e) => { delete once[key]; throw e; }));

export async function cameoNames() {
  try { return (await cached("codebook", "/api/codebook")).cameo || {}; } catch (e) { return {}; }
}
export const health = () => cached("health", "/api/health");
export const summary = () => cached("summary", "/api/summary");
