// JSON over fetch, with the API's {"detail": ...} errors turned into Error objects.

export class ApiError extends Error {
  constructor(status, message) { super(message); this.status = status; }
}

export async function get(path, params = {}) {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === null || v === undefined || v === "" || v === false) continue;
    qs.set(k, v === true ? "true" : String(v));
  }
  const url = qs.toString() ? `${path}?${qs}` : path;
  let res;
  try {
    res = await fetch(url, { headers: { Accept: "application/json" } });
  } catch (e) {
    throw new ApiError(0, "Cannot reach the eventwire server. Is `eventwire serve` still running?");
  }
  let body = null;
  try { body = await res.json(); } catch (e) { /* not JSON */ }
  if (!res.ok) {
    throw new ApiError(res.status, (body && body.detail) || `${res.status} ${res.statusText}`);
  }
  return body;
}

// The codebook rarely changes: fetch once per page load.
let codebook = null;
export async function cameoNames() {
  if (!codebook) codebook = get("/api/codebook").catch(() => ({ cameo: {} }));
  return (await codebook).cameo || {};
}
