"""Build the web UI's offline world outline (run only when the source changes).

    npm pack world-atlas@2.0.2                       # development time only (ISC; Natural Earth)
    .venv/bin/python tools/build_world_map.py world-atlas-2.0.2.tgz

Reads ``countries-110m.json`` (Natural Earth admin-0 countries at 1:110m, public domain,
as TopoJSON in the npm package ``world-atlas``) and writes
``src/eventwire/web/static/world-110m.json``: one entry per country with its ISO alpha-3
code (from the numeric id, via pycountry), its name and its rings in tenths of a degree.

The shared borders of the topology are simplified once per arc (Douglas-Peucker,
``TOLERANCE`` degrees, end points kept), so neighbouring countries keep one common,
gap-free border; rings are then assembled from the simplified arcs. Antarctica is left
out (it would take a fifth of the map's height for no news). The web UI projects the
rings itself (Natural Earth projection, static/js/map.js): nothing is fetched at run time.
"""
from __future__ import annotations

import hashlib
import io
import json
import sys
import tarfile
from pathlib import Path

import pycountry

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "eventwire" / "web" / "static" / "world-110m.json"
PACKAGE = "world-atlas@2.0.2"
TOLERANCE = 0.2           # degrees; the 1:110m source has a vertex every ~0.1-1 degree
LEFT_OUT = {"010"}        # Antarctica
# Natural Earth units without an ISO 3166 numeric code: the codes the event data uses.
NO_ISO = {"Kosovo": "XKX", "N. Cyprus": "CYP", "Somaliland": "SOM"}


def load_topology(source: Path) -> tuple[dict, str]:
    raw = source.read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    if source.suffix in (".tgz", ".gz"):
        with tarfile.open(fileobj=io.BytesIO(raw)) as tar:
            raw = tar.extractfile("package/countries-110m.json").read()
    return json.loads(raw), digest


def decode_arcs(topo: dict) -> list[list[tuple[float, float]]]:
    """Quantized, delta-encoded TopoJSON arcs -> lists of (lon, lat)."""
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(pts)
    return arcs


def simplify(points: list[tuple[float, float]], tol: float) -> list[tuple[float, float]]:
    """Douglas-Peucker, iterative; keeps both end points (the arc's junctions)."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        a, b = stack.pop()
        (x1, y1), (x2, y2) = points[a], points[b]
        dx, dy = x2 - x1, y2 - y1
        norm = (dx * dx + dy * dy) ** 0.5
        best, at = -1.0, -1
        for i in range(a + 1, b):
            px, py = points[i]
            if norm == 0:
                d = ((px - x1) ** 2 + (py - y1) ** 2) ** 0.5
            else:
                d = abs(dy * px - dx * py + x2 * y1 - y2 * x1) / norm
            if d > best:
                best, at = d, i
        if at >= 0 and best > tol:
            keep[at] = True
            stack += [(a, at), (at, b)]
    return [p for p, k in zip(points, keep) if k]


def ring(arcs: list, indexes: list[int]) -> list[tuple[float, float]]:
    out: list[tuple[float, float]] = []
    for i in indexes:
        pts = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
        out.extend(pts if not out else pts[1:])
    return out


def clip(points, x0: float, keep_left: bool):
    """Sutherland-Hodgman against the vertical line x = x0 (one side kept)."""
    inside = (lambda p: p[0] <= x0) if keep_left else (lambda p: p[0] >= x0)
    out = []
    for i, cur in enumerate(points):
        prev = points[i - 1]
        if inside(cur) != inside(prev):
            t = (x0 - prev[0]) / (cur[0] - prev[0])
            out.append((x0, prev[1] + t * (cur[1] - prev[1])))
        if inside(cur):
            out.append(cur)
    return out


def split_antimeridian(points):
    """A ring that crosses 180 degrees (Fiji, Chukotka) -> the pieces on either side.

    The TopoJSON is not cut there (d3 cuts at render time); a plain projection would draw
    a line across the whole map. Longitudes are unwrapped to be continuous, then the ring
    and its copy shifted by 360 degrees are clipped to [-180, 180]."""
    if all(abs(b[0] - a[0]) <= 180 for a, b in zip(points, points[1:])):
        return [points]
    unwrapped = [points[0]]
    for lon, lat in points[1:]:
        prev = unwrapped[-1][0]
        while lon - prev > 180:
            lon -= 360
        while lon - prev < -180:
            lon += 360
        unwrapped.append((lon, lat))
    pieces = []
    for shift in (-360, 0, 360):
        moved = [(lon + shift, lat) for lon, lat in unwrapped]
        piece = clip(clip(moved, 180, True), -180, False)
        if len(piece) >= 3:
            pieces.append(piece)
    return pieces


def tenths(points) -> list[int]:
    flat: list[int] = []
    for lon, lat in points:
        flat += [round(lon * 10), round(lat * 10)]
    # drop repeated vertices that rounding created
    dedup: list[int] = []
    for i in range(0, len(flat), 2):
        if dedup[-2:] != flat[i:i + 2]:
            dedup += flat[i:i + 2]
    return dedup


def iso3(geom: dict) -> str | None:
    name = (geom.get("properties") or {}).get("name", "")
    if geom.get("id") is None:
        return NO_ISO.get(name)
    country = pycountry.countries.get(numeric=str(geom["id"]).zfill(3))
    return country.alpha_3 if country else NO_ISO.get(name)


def build(source: Path) -> dict:
    topo, digest = load_topology(source)
    arcs = [simplify(a, TOLERANCE) for a in decode_arcs(topo)]
    countries = []
    for geom in topo["objects"]["countries"]["geometries"]:
        if str(geom.get("id")) in LEFT_OUT:
            continue
        polys = geom["arcs"] if geom["type"] == "MultiPolygon" else [geom["arcs"]]
        rings = []
        for poly in polys:
            for r in poly:
                for piece in split_antimeridian(ring(arcs, r)):
                    flat = tenths(piece)
                    if len(flat) >= 8:  # at least a triangle after simplification
                        rings.append(flat)
        if rings:
            countries.append({"iso3": iso3(geom), "name": geom["properties"]["name"],
                              "rings": rings})
    countries.sort(key=lambda c: c["name"])
    return {
        "source": f"Natural Earth admin-0 countries 1:110m v4.1.0, via the npm package {PACKAGE} "
                  f"(countries-110m.json; package tarball sha256 {digest})"
                  if source.suffix in (".tgz", ".gz") else
                  f"Natural Earth admin-0 countries 1:110m, via {PACKAGE} (sha256 {digest})",
        "licence": "Natural Earth: public domain. world-atlas packaging: ISC, "
                   "Copyright 2013-2019 Michael Bostock.",
        "simplified": f"Douglas-Peucker per shared arc, {TOLERANCE} degrees; "
                      "coordinates in tenths of a degree (lon, lat pairs); Antarctica left out",
        "countries": countries,
    }


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    data = build(Path(argv[0]))
    OUT.write_text(json.dumps(data, separators=(",", ":")) + "\n", encoding="utf-8")
    n = sum(len(r) // 2 for c in data["countries"] for r in c["rings"])
    print(f"{OUT.relative_to(ROOT)}: {len(data['countries'])} countries, {n} vertices, "
          f"{OUT.stat().st_size // 1024} KB; missing ISO codes: "
          f"{[c['name'] for c in data['countries'] if not c['iso3']]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
