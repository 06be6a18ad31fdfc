"""References inside one text: native-script names, an agent noun shared by coordinated
demonyms ("Hungarian and Romanian officials"), a surname after the full name ("Song"
after "Song Tao"), and a definite title after the person it introduced ("the envoy").
Pronouns and references across the document are actors/coref.py's."""
from __future__ import annotations

import re

from .hits import NOT_NAMES, glued_name_word, kind_of, name_actors
from .normalize import CJK_RE
from .persons import title_fits
from .resolver import ActorResolver

def native_names(r: ActorResolver, text, day, mentions) -> None:
    if r.native_re is None or not CJK_RE.search(text):
        return
    taken = [(m["span"][0], m["span"][1]) for m in mentions]
    for mt in r.native_re.finditer(text):
        a, b = mt.span()
        if any(x < b and a < y and not (x == a and y == b) for x, y in taken):
            continue
        if any(x == a and y == b for x, y in taken):
            continue
        forms = r.native_forms[mt.group()]
        ids = list(dict.fromkeys(f.actor_id for f in forms))
        if len(ids) == 1:
            mentions.append(r.mention(mt.group(), (a, b), r.actors[ids[0]], day, "native"))
        else:
            mentions.append(r.mention(mt.group(), (a, b), None, day, "ambiguous", candidates=ids,
                                      kind="ambiguous"))



def persons_in(mentions) -> list[tuple[int, str]]:
    return [(m["span"][0], m["actor_id"]) for m in mentions
            if m.get("actor_id", "") and m["actor_id"].startswith("person:")]


CONJ_RE = re.compile(r"^\s*(?:,|and|or|,\s*and)\s*$")


def share_agents(text, mentions) -> None:
    """"Hungarian and Romanian officials": the agent applies to both countries."""
    for m1, m2 in zip(mentions, mentions[1:]):
        if (m1.get("resolved_by") == "demonym" and m1.get("agent") is None
                and m2.get("kind") == "agent" and m2.get("country") and m2.get("agent")
                and CONJ_RE.match(text[m1["span"][1]:m2["span"][0]])):
            m1["agent"] = m2["agent"]
            m1["code"] = (m1["country"] or "") + m2["agent"]
            if m2.get("combat_agent"):
                m1["combat_agent"] = m2["combat_agent"]



def resolve_one_short(r: ActorResolver, text, toks, day, mentions, persons, ph, h) -> None:
    key = toks[h.i].key
    cands = r.short_index.get(key, set())
    k = h.i - 1
    if k >= 0 and r._capitalised(toks[k]) and toks[k].key not in NOT_NAMES \
            and not any(x.i <= k < x.j for x in ph.hits if x.kind != "short") \
            and not text[toks[k].end:toks[h.i].start].strip() \
            and text[max(0, toks[k].start - 8):toks[k].start].rstrip()[-1:] not in (
                "", ".", "!", "?", "\n", '"', "“", ":"):
        # "Kenji Tanaka": another first name before the surname, another person (a
        # capitalised word that opens a sentence is no evidence: "Later Kim said")
        return
    if glued_name_word(r, text, toks, h.j, False):
        # "Bill de Blasio", "the Kissinger Commission": the word is part of a longer name
        return
    a, b = toks[ph.start_tok].start, toks[h.j - 1].end
    if b - a > 0 and a < toks[h.i].start and not any(x.kind == "agent" for x in ph.hits):
        a = toks[h.i].start      # a country before a surname is not part of it
    in_doc = [(pos, aid) for pos, aid in persons if aid in cands]
    if in_doc:
        before = [x for x in in_doc if x[0] < a]
        pos, aid = (before[-1] if before else min(in_doc, key=lambda x: x[0] - a))
        others = sorted({x[1] for x in in_doc} - {aid})
        m = r.mention(text[a:b], (a, b), r.actors[aid], day, "coreference", kind="coref",
                      candidates=([aid] + others) if others else None)
        ante = next((x for x in mentions if x["span"][0] == pos and x.get("actor_id") == aid), None)
        if ante is not None and ante.get("evidence") == "title+country":
            # the full mention's title coded this person: the surname carries it on
            m.update({k: ante[k] for k in ("code", "country", "agent", "evidence")})
        mentions.append(m)
        return
    titles = [x for x in ph.hits if x.kind == "agent" and x.i < h.i]
    if titles:
        office = titles[-1].agent.office
        match = [] if office is None else [aid for aid in cands
                 if (role := r.role_at(r.actors[aid], day))[1] in ("active", "latest")
                 and role[0].office == office]
        if not match and office:
            # "President Reagan" in a text dated after his term: the title names an
            # office the person held (history, or a misdated article). The country is
            # sure; the code follows the date as usual (a former official: ELI).
            match = [aid for aid in cands
                     if any(ro.office == office and ro.end and day and ro.end < day
                            for ro in r.actors[aid].roles)]
        if not match:
            # people whose roles name only a sector (Phoenix): the title's agent and
            # country must fit a role they hold or held
            cty = [c for c in ph.hits if c.kind == "name" and kind_of(r, c) in ("country", "place")]
            ids = name_actors(r, cty[0]) if cty else []
            country = r.actors[ids[0]].country if len(ids) == 1 else None
            match = [aid for aid in cands
                     if title_fits(r, r.actors[aid], office=None, agent=titles[-1].agent.agent,
                                   country=country, day=day)]
        if len(match) == 1:
            mentions.append(r.mention(text[a:b], (a, b), r.actors[match[0]], day, "title",
                                      kind="coref"))


def resolve_titles(r: ActorResolver, day, mentions, titles, pending) -> None:
    """'the envoy' -> the person last introduced with that title; 'the president' -> the
    last person mentioned who holds that office on the date."""
    persons = persons_in(mentions)
    for m, head in pending:
        if not m.get("_definite"):
            continue
        pos = m["span"][0]
        prior = [aid for p, aid in titles.get(head, []) if p < pos]
        if not prior and m.get("_office"):
            prior = [aid for p, aid in persons if p < pos and
                     r.code_of(r.actors[aid], day)[3] == m["_office"]]
        if prior:
            actor = r.actors[prior[-1]]
            new = r.mention(m["text"], tuple(m["span"]), actor, day, "coreference", kind="coref")
            m.clear()
            m.update(new)
    for m in mentions:
        for k in [k for k in m if k.startswith("_")]:
            del m[k]


def weak_person_code(m: dict) -> bool:
    """A person coded by the calendar alone with no sector: no role known on the day (a bare
    country: "Johnson" in a story from before his first listed office) or only the elite
    default after the last listed one (ELI with no office)."""
    return m.get("agent") is None or (m.get("agent") == "ELI" and m.get("role") in (None, "phoenix"))


APPOSED_FORMER_RE = re.compile(r"\s*,\s*(?:(?:a|an|the)\s+)?(\w+)")


def carry_titles(r: ActorResolver, text: str, mentions) -> None:
    """A person the text introduces with a title keeps that role in the whole text
    (GUIDELINES rule 3: coded by the role the article gives them): when a later mention
    ("Mr Johnson", "Mitchell", a quote's "I" through it) has only a weak code from the
    calendar, the titled mention's code decides ("MP Boris Johnson" -> LEG in a story
    from before any office the dictionary lists; "Prime Minister Keith Mitchell" -> GOV
    after the last term it lists). The nearest titled mention before, else the first
    after. Not after the last listed role when the title is an office the person held
    before ("Vice President Biden" years later: a courtesy, ELI as the calendar says) or
    when the text itself calls them former anywhere ("Adm. X, retired
    since ..."). ``titled_as`` keeps the title for ``recode_for_date``."""
    titled: dict[str, list[dict]] = {}
    for m in mentions:
        aid = m.get("actor_id") or ""
        if aid.startswith("person:") and m.get("resolved_by") == "title" and m.get("agent") \
                and m.get("country"):
            titled.setdefault(aid, []).append(m)
    if not titled:
        return
    former = set()
    for m in mentions:
        words = set((m.get("text") or "").lower().replace("-", " ").split())
        after = APPOSED_FORMER_RE.match(text, m["span"][1], m["span"][1] + 40)
        if words & r.data.former_words or (after and after.group(1).lower() in r.data.former_words):
            former.add(m.get("actor_id"))
    for m in mentions:
        aid = m.get("actor_id") or ""
        if aid not in titled or m.get("resolved_by") == "title" or not weak_person_code(m):
            continue
        own = titled[aid]
        before = [t for t in own if t["span"][0] < m["span"][0]]
        src = before[-1] if before else own[0]
        if m.get("country") not in (None, src["country"]):
            continue
        if m.get("agent") == "ELI" and src["agent"] != "ELI" and (
                aid in former or not r._sitting_title(src["text"], r.actors[aid])):
            continue
        m.update(code=src["code"], country=src["country"], agent=src["agent"],
                 titled_as=src.get("titled_as") or src["text"])
        if src.get("role"):
            m["role"] = src["role"]
        else:
            m.pop("role", None)
