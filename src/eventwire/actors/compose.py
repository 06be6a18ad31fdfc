"""Composing dictionary hits into actor mentions (the phrase rules).

Hits that touch (only possessives, modifiers or capitalised words between them, no
punctuation) form a *phrase*; a phrase becomes one mention:

    [country] ['s] [modifiers] [agent noun]* [person]   -> the person ("China's President Xi")
    [country|org] ['s] [modifiers] [agent noun]         -> country + agent ("Chinese companies")
    [agent noun] of [the] [country]                     -> country + agent ("President of Iran")
    [country] / [capital] / [org] / [person]             -> the actor itself

An agent noun naming an office ("president", "foreign minister", "leader") resolves to
the office holder on the document date when exactly one is known.

The steps around the phrase rules live beside this module: hits.py (which hits are
actors where they stand), fuzzy.py (near-misses of known names), references.py
(surnames, definite titles and native-script names inside the text).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from ..textutil import has_ner
from .dictionary import INTERNATIONAL
from .acronyms import define as define_acronyms
from .codes import org_code
from .fuzzy import add_fuzzy
from .hits import (NOT_NAMES, after_honorifics, drop_adjective_senses, drop_agents_in_compounds,
                   drop_cities_inside_names, drop_people_inside_longer_names,
                   drop_sides_of_disputes, how_of, kind_of, name_actors)
from .persons import contradicts, national_countries
from .references import (carry_titles, native_names, persons_in, resolve_one_short,
                         resolve_titles, share_agents)
from .resolver import CONFIDENCE, ActorResolver, Hit, Tok

MAX_GAP = 3
APPOSITIVE_DETS = {"a", "an", "the"}


@dataclass
class Phrase:
    hits: list[Hit]
    start_tok: int
    end_tok: int
    extra: dict = field(default_factory=dict)


#: Armed groups and gangs whose name before a victim noun names their captives or victims
#: ("Taliban hostages"); a state's ("Israeli hostages") are its own people as usual.
CAPTOR_AGENTS = frozenset({"REB", "UAF", "CRM", "RAD", "INS"})
VICTIM_HEADS = frozenset({"hostage", "hostages", "captive", "captives", "victim", "victims",
                          "abductee", "abductees"})


def resolve(r: ActorResolver, text: str, day: dt.date | None, doc) -> list[dict]:
    toks, hits = r.scan(text)
    hits = [h for h in hits if not (h.kind == "name" and kind_of(r, h) in ("country", "place")
                                    and (STANCE_PREFIX.search(text, max(0, toks[h.i].start - 8),
                                                              toks[h.i].start)
                                         or MAKER_SUFFIX.match(text, toks[h.j - 1].end)))]
    hits = after_honorifics(r, text, toks, hits)
    hits = drop_agents_in_compounds(r, text, toks, hits)
    hits = drop_adjective_senses(toks, hits, doc)
    hits = drop_sides_of_disputes(r, text, toks, hits)
    hits = drop_people_inside_longer_names(r, text, toks, hits)
    hits = drop_cities_inside_names(r, text, toks, hits)
    hits = add_fuzzy(r, text, toks, hits, doc)
    hits.sort(key=lambda h: h.i)
    phrases = _phrases(r, text, toks, hits, doc)
    # "the Nigeria-based campaign": where it works from, no actor of its own (with an agent
    # noun after it, "a London-based rights group", the phrase gives the group its country)
    phrases = [ph for ph in phrases if not (
        len(ph.hits) == 1 and ph.hits[0].kind == "name" and kind_of(r, ph.hits[0]) in ("country", "place")
        and BASED_SUFFIX.match(text, toks[ph.hits[0].j - 1].end))]
    mentions: list[dict] = []
    titles: dict[str, list[tuple[int, str]]] = {}     # title head word -> [(char pos, actor_id)]
    pending_short: list[tuple[Phrase, Hit]] = []
    pending_title: list[tuple[dict, str]] = []
    for ph in phrases:
        _interpret(r, text, toks, ph, day, mentions, titles, pending_short, pending_title, hits)
    share_agents(text, mentions)
    native_names(r, text, day, mentions)
    _resolve_short(r, text, toks, day, mentions, pending_short, titles, pending_title, hits)
    # (before the titles: "the president of the company" acts for the company, it is
    # not the president named earlier)
    _representatives(r, text, toks, mentions)
    resolve_titles(r, day, mentions, titles, pending_title)
    carry_titles(r, text, sorted(mentions, key=lambda m: m["span"][0]))
    _partitive_appositions(text, mentions)
    # pronouns and other references through the document: actors/coref.py (after the
    # datelines and credits are set aside)
    _ethnic_groups(text, mentions)
    _described_orgs(text, mentions)
    # "the Freedom Renewal Party (FRP) ... the FRP": the story's own acronyms
    define_acronyms(r, text, day, mentions)
    mentions.sort(key=lambda m: (m["span"][0], m["span"][1]))
    return mentions


FOR_WHOM_RE = re.compile(r"^\s*(?:for|of|at|from|with)\s+(?:the\s+)?$", re.IGNORECASE)


def _representatives(r: ActorResolver, text: str, toks, mentions: list[dict]) -> None:
    """"a spokesman for Amnesty International", "a lawyer for the union", "an official of
    the World Bank": the person acts for the actor named after for/of/at/from/with, and
    takes its code (agents.yaml ``representatives``). Only an agent noun with no country
    and no known holder; the actor after it must be coded."""
    if not r.data.representatives:
        return
    out: list[dict] = []
    k = 0
    mentions.sort(key=lambda m: (m["span"][0], m["span"][1]))
    while k < len(mentions):
        m1 = mentions[k]
        m2 = mentions[k + 1] if k + 1 < len(mentions) else None
        head = m1["text"].split()[-1].lower() if m1.get("text") else ""
        office_holder = m2 is not None and head in r.data.person_representatives \
            and (m2.get("actor_id") or "").startswith("person:") and m2.get("country") \
            and m2.get("agent") not in (None, "ELI")
        if (m2 is not None and m1.get("kind") == "agent" and not m1.get("actor_id")
                and not m1.get("country") and head in r.data.representatives
                and m2.get("code") and (m2.get("kind") in ("org", "agent", "country", "metonym")
                                        or office_holder)
                and FOR_WHOM_RE.match(text[m1["span"][1]:m2["span"][0]])):
            a, b = m1["span"][0], m2["span"][1]
            merged = dict(m2, text=text[a:b], span=[a, b], resolved_by="representative",
                          kind="agent" if m2.get("kind") != "org" else "org",
                          holder=head)   # "the spokesman" later is this one (descriptions.definites)
            merged.pop("combat_agent", None)
            if office_holder:
                # "the spokeswoman for President X": X's office speaks, not X
                merged.update(actor_id=None, name=None)
                for key in ("role", "candidates", "evidence", "titled_as"):
                    merged.pop(key, None)
            out.append(merged)
            k += 2
            continue
        out.append(m1)
        k += 1
    mentions[:] = out


PARTITIVE_RE = re.compile(r"^\s*,\s*(?:many|most|some|all|several|half|none|dozens|hundreds|"
                          r"thousands|one|two|three|four|five|six|seven|eight|nine|ten|\d+)"
                          r"\s+of\s+(?:them|whom)\s+(?:were\s+|being\s+)?$", re.IGNORECASE)


def _partitive_appositions(text: str, mentions: list[dict]) -> None:
    """"thirty people, many of them children": the children are some of the people named
    just before, not a second group; the mention after "many of them" is dropped."""
    keep = []
    for m in mentions:
        prev = keep[-1] if keep else None
        if prev is not None and m.get("kind") == "agent" and not m.get("country") \
                and PARTITIVE_RE.match(text[prev["span"][1]:m["span"][0]]):
            continue
        keep.append(m)
    mentions[:] = keep


# "pro-Iranian", "anti-American": a stance toward a country, not the country as an actor
STANCE_PREFIX = re.compile(r"\b(?:pro|anti)[-‐‑]\s*$", re.IGNORECASE)
# "Russian-made missiles", "Soviet-built tanks", "U.S.-supplied helicopters": where a thing
# was made or whom it came from, not an actor of the act done with it (the army that
# fires them is not Russian; deploying them does nothing to Russia)
MAKER_SUFFIX = re.compile(r"\s*[-‐‑–]\s*(?:made|built|manufactured|designed|produced|supplied)\b",
                          re.IGNORECASE)
BASED_SUFFIX = re.compile(r"\s*[-‐‑–]\s*(?:based|headquartered)\b", re.IGNORECASE)
ETHNIC_BEFORE = re.compile(r"\bethnic\s+$", re.IGNORECASE)


def _ethnic_groups(text: str, mentions: list[dict]) -> None:
    """"ethnic Albanians in Serbia" are a group, not the Albanian state: the mention keeps
    its sector (ETH when none) and loses the country, which the event coder then takes
    from the phrase or sentence where the group lives."""
    for m in mentions:
        if m.get("kind") in ("country", "agent") and m.get("country") \
                and ETHNIC_BEFORE.search(text, max(0, m["span"][0] - 12), m["span"][0]):
            agent = m.get("agent") or "ETH"
            m.update(country=None, agent=agent, code=agent, actor_id=None, kind="agent",
                     resolved_by="ethnic-group")


# "the extremist group Boko Haram", "the militant group Hamas", "the rights group, Amnesty"
DESCRIBED_ORG = re.compile(r"^[ ]+(?:group|organi[sz]ation|movement|outfit|network|faction|"
                           r"militia|party|alliance|coalition)[ ]*,?[ ]+(?:the[ ]+)?$", re.IGNORECASE)


def _described_orgs(text: str, mentions: list[dict]) -> None:
    """A sector word describing an organisation the dictionary knows ("the extremist group
    Boko Haram") is no actor of its own and does not recode it (Boko Haram stays REB)."""
    mentions.sort(key=lambda m: (m["span"][0], m["span"][1]))
    drop = set()
    for m1, m2 in zip(mentions, mentions[1:]):
        if m1.get("kind") == "agent" and not m1.get("country") and not m1.get("actor_id") \
                and (m2.get("actor_id") or "").startswith("org:") \
                and DESCRIBED_ORG.match(text[m1["span"][1]:m2["span"][0]]):
            drop.add(id(m1))
    if drop:
        mentions[:] = [m for m in mentions if id(m) not in drop]


# -- phrases --------------------------------------------------------------------------------

#: A dash between words ("CAIRO -- A court", "the army - and the police"), not a hyphen
#: inside a compound ("Franco-German"): the phrase ends there.
_DASH = re.compile(r"\s[-‐]{1,2}\s|--|[–—]")


def _gap_ok(r: ActorResolver, text: str, toks: list[Tok], a: int, b: int, doc,
            after_title: bool = False) -> bool:
    """May tokens [a, b) sit between two hits of one phrase? (``after_title``: the
    first gap may hold an abbreviation dot: "Gen. Avril")"""
    if b - a > MAX_GAP:
        return False
    prev_end = toks[a - 1].end if a > 0 else 0
    for k in range(a, b + 1):
        start = toks[k].start if k < len(toks) else len(text)
        gap = text[prev_end:start]
        if after_title and k == a:
            gap = gap.replace(".", "", 1)
        if gap.strip(" -‐'’\u00a0") or "\n" in gap or _DASH.search(gap):
            return False
        if k == b:
            break
        t = toks[k]
        if not (t.key in r.data.modifiers or (t.key == "s" and text[t.start - 1:t.start] in "'’")
                or (t.key in ("based", "headquartered") and text[prev_end:t.start].strip() in "-‐‑–")
                or (r._capitalised(t) and t.key not in NOT_NAMES)
                or (doc is not None and _pos_ok(doc, t))):
            return False
        prev_end = t.end
    return True


def _pos_ok(doc, t: Tok) -> bool:
    span = doc.char_span(t.start, t.end, alignment_mode="expand")
    return span is not None and len(span) and span[0].pos_ in ("ADJ", "PROPN") \
        and span[0].dep_ in ("amod", "compound", "poss")


def _phrases(r, text, toks, hits, doc) -> list[Phrase]:
    out: list[Phrase] = []
    cur: list[Hit] = []
    for h in hits:
        if cur:
            prev = cur[-1]
            after_title = prev.kind == "agent" and prev.agent.title_only
            person_group = (kind_of(r, prev) == "person" and h.kind == "agent"
                            and (h.i == prev.j or (h.i == prev.j + 1 and toks[prev.j].key == "s"))
                            and toks[h.j - 1].key in r.data.person_groups
                            and not text[toks[prev.j - 1].end:toks[h.i].start].strip(" '’s"))
            joinable = person_group or (_gap_ok(r, text, toks, prev.j, h.i, doc, after_title)
                        and kind_of(r, prev) != "person"
                        and not (prev.kind == "name" and h.kind == "name"
                                 and kind_of(r, prev) in ("country", "place")
                                 and kind_of(r, h) in ("country", "place")))
            if not joinable:
                out.append(Phrase(cur, cur[0].i, cur[-1].j))
                cur = []
        cur.append(h)
    if cur:
        out.append(Phrase(cur, cur[0].i, cur[-1].j))
    return out


def _unknown_name(r, text, toks, j: int, doc, abbrev: bool = False, stops=frozenset()) -> int:
    """End of a capitalised run right after token j-1 (a name after a title), or j.
    ``abbrev``: the title is an abbreviation, so "Gen. Avril" may have a dot between.
    ``stops``: tokens where another actor starts (a country, an organisation, an agent
    noun); a word that merely begins some dictionary name, or a surname, does not stop
    the run ("Prime Minister Ana Pinto": Pinto may be someone's surname)."""
    k = j
    while (k < len(toks) and k - j < 4 and r._capitalised(toks[k]) and toks[k].key not in NOT_NAMES
           and not text[toks[k - 1].end:toks[k].start].strip(" -" + ("." if k == j and abbrev else ""))
           and k not in stops):
        k += 1
    if k > j and doc is not None:
        span = doc.char_span(toks[j].start, toks[k - 1].end, alignment_mode="expand")
        if span is None:
            return j
        if has_ner(doc):
            if not any(t.ent_type_ == "PERSON" for t in span):
                return j
        elif not all(t.pos_ == "PROPN" for t in span):   # no NER: the tagger's word
            return j
    return k



def _stops(r, hits) -> frozenset:
    """Token indices where an actor other than a person starts."""
    return frozenset(h.i for h in hits if h.kind == "agent" or (
        h.kind == "name" and kind_of(r, h) not in ("person",)))


def _of_country(r, text, toks, phrases_hit_end: int, all_hits_after):
    """'President of South Korea': a country hit after 'of (the)'."""
    k = phrases_hit_end
    if k < len(toks) and toks[k].key == "of":
        k += 1
        if k < len(toks) and toks[k].key == "the":
            k += 1
        for h in all_hits_after:
            if h.i == k and h.kind == "name" and kind_of(r, h) in ("country", "place"):
                nxt = h.j
                poss = nxt < len(toks) and toks[nxt].key == "s" and text[toks[nxt].start - 1] in "'’"
                # "of the Senegalese army": the country word belongs to another phrase
                inner = any(g.i == nxt and g.kind == "agent" for g in all_hits_after)
                if not poss and not inner:
                    return h
    return None


def _interpret(r: ActorResolver, text, toks, ph: Phrase, day, mentions, titles,
               pending_short, pending_title, all_hits) -> None:
    hits = ph.hits
    if hits and all(h.used for h in hits):
        return      # consumed by an earlier phrase (a surname inside a new name)
    names = [h for h in hits if h.kind == "name"]
    agents = [h for h in hits if h.kind == "agent"]
    shorts = [h for h in hits if h.kind == "short"]
    persons = [h for h in names if kind_of(r, h) == "person"]
    orgs = [h for h in names if kind_of(r, h) == "org"]
    countries = [h for h in names if kind_of(r, h) in ("country", "place")]
    start = toks[ph.start_tok].start

    def span_text(a, b):
        return text[a:b], (a, b)

    if persons:
        p = persons[-1]
        group = [a for a in agents if a.i >= p.j]
        if group:   # "the Bush administration": the person's government, not the person
            actor = r.actors[name_actors(r, p)[0]]
            _, country, _, _ = r.code_of(actor, day)
            if country is None and actor.roles:
                country = actor.roles[0].country
            a, b = toks[p.i].start, toks[group[-1].j - 1].end
            mentions.append(r.mention(text[a:b], (a, b), None, day, "agent-noun",
                                      agent=group[-1].agent.agent, country=country,
                                      name=text[a:b]))
            return
        _emit_name(r, text, toks, p, day, mentions, start=start)
        before = [a for a in agents if a.i < p.i]
        if _text_vetoes_person(r, text, toks, p, before, countries, day, mentions, all_hits):
            return
        for a in before:
            _record_title(titles, toks, a, mentions[-1])
        if before and mentions[-1].get("actor_id"):
            _title_evidence(r, toks, ph, p, before, countries, mentions[-1])
        return
    if shorts and (shorts[-1].j == ph.end_tok):
        pending_short.append((ph, shorts[-1]))
        return
    if orgs and len(name_actors(r, orgs[-1])) > 1 and any(a.i >= orgs[-1].j for a in agents):
        # "Labour MP Ann Clwyd": a name several countries' bodies bear, then a title: the
        # titled person as with no body named (the story's home country decides later)
        orgs = []
    if orgs:
        o = orgs[-1]
        ids = name_actors(r, o)
        mod = [c for c in countries if c.j <= o.i]
        if mod and len(ids) == 1 and r.actors[ids[0]].country and r.actors[ids[0]].agent:
            mc = name_actors(r, mod[0])
            own = r.actors[ids[0]]
            if len(mc) == 1 and r.actors[mc[0]].country != own.country:
                # "Chile's Defense Department": the text's country wins over the entry's
                a, b = toks[mod[0].i].start, toks[o.j - 1].end
                mentions.append(r.mention(text[a:b], (a, b), None, day, "agent-noun",
                                          agent=own.agent, country=r.actors[mc[0]].country,
                                          name=text[a:b]))
                return
        _emit_name(r, text, toks, o, day, mentions, start=start)
        after = [a for a in agents if a.i >= o.j]
        if after and len(ids) == 1 and r.actors[ids[0]].agent is not None \
                and _member_of(r, text, toks, after[-1], mentions, day, all_hits):
            return
        if after and len(ids) == 1 and r.actors[ids[0]].agent in CAPTOR_AGENTS \
                and r.actors[ids[0]].country and toks[after[-1].j - 1].key in VICTIM_HEADS:
            # "Boko Haram captives", "Taliban hostages", "ISIS victims": the group's
            # captives, civilians of its country, not the group
            a, b = mentions[-1]["span"][0], toks[after[-1].j - 1].end
            mentions[-1] = r.mention(text[a:b], (a, b), None, day, "agent-noun", agent="CVL",
                                     country=r.actors[ids[0]].country, name=text[a:b])
            return
        if after and len(ids) == 1 and r.actors[ids[0]].agent is not None \
                and toks[after[-1].j - 1].key in r.data.representatives:
            # "a National Security Council official": one of the body's people, coded as
            # the body (a later "Tim Vale, a ... official" apposition reads its head noun)
            m = mentions[-1]
            m["span"][1] = toks[after[-1].j - 1].end
            m["text"] = text[m["span"][0]:m["span"][1]]
            return
        if after and len(ids) == 1 and r.actors[ids[0]].agent is None:
            actor, m = r.actors[ids[0]], mentions[-1]
            office = after[-1].agent.office
            code = actor.code or ""
            if office and code[:3] in INTERNATIONAL:
                # "the UN Secretary-General", "NATO's secretary general": the holder then
                hs = sorted({aid for aid, role in r.holders.get((code[:3], office), [])
                             if role.agent == code[3:] and (day is None and role.end is None
                                                            or day is not None and role.active(day))})
                if len(hs) == 1:
                    a, b = m["span"][0], toks[after[-1].j - 1].end
                    mentions[-1] = r.mention(text[a:b], (a, b), r.actors[hs[0]], day, "title",
                                             kind="coref")
                    return
            # "UN peacekeepers", "NATO troops": the body's code plus the agent
            agent = _head_agent(r, toks, after)
            m["span"][1] = toks[after[-1].j - 1].end
            m["text"] = text[m["span"][0]:m["span"][1]]
            if actor.code and actor.code[:3] in INTERNATIONAL:
                m["code"], m["agent"] = org_code(actor.code, agent)
            else:
                m["agent"] = agent
                m["code"] = (actor.code or actor.country or "") + agent
        return
    country_hit = countries[0] if countries else None
    if agents:
        head = agents[-1]
        if country_hit is None:
            ofc = _of_country(r, text, toks, head.j, all_hits)
            if ofc is not None:
                country_hit = ofc
                ofc.used = True
        end_tok = max(head.j, country_hit.j if country_hit else 0)
        # a name right after the title: "US Senator Marco Rubio"
        abbrev = head.agent.title_only and len(toks[head.j - 1].text) <= 4 and head.j == end_tok
        name_end = _unknown_name(r, text, toks, end_tok, None, abbrev, _stops(r, all_hits))
        span_end = max(end_tok, name_end)
        if country_hit is None and name_end > end_tok:
            # "King Letsie of Lesotho": the country follows the name
            ofc = _of_country(r, text, toks, name_end, all_hits)
            if ofc is not None:
                country_hit = ofc
                ofc.used = True
                span_end = ofc.j
        country = None
        cands = []
        if country_hit is not None:
            ids = name_actors(r, country_hit)
            if len(ids) == 1:
                country = r.actors[ids[0]].country
            else:
                cands = ids
        first = min(h.i for h in ([country_hit] if country_hit else []) + agents)
        a, b = toks[first].start, toks[span_end - 1].end
        txt, span = span_text(a, b)
        agent = _head_agent(r, toks, agents)
        if agent != "LEG" and _legislative_committee(r, toks, agents):
            agent = "LEG"
        # the office is the head's, and only if no more specific noun overrode it
        office = head.agent.office if agent == head.agent.agent else None
        if all(a.agent.title_only for a in agents) and name_end == end_tok:
            # "General" without a name is not a title; keep the country, if any
            if country_hit is not None:
                _emit_name(r, text, toks, country_hit, day, mentions)
            return
        if agent != "CVL" and any(toks[k].key in r.data.former_words
                                  for k in range(max(0, first - 1), end_tok)):
            # "a former Chinese foreign minister"; "the former hostages" are no elite
            agent, office = "ELI", None
        if name_end > end_tok:
            for x in all_hits:      # a surname inside the new name is part of it
                if end_tok <= x.i < name_end:
                    x.used = True
            if country is None and agent:   # "Secretary of State Y": the title's country
                country = r.data.title_countries.get(" ".join(t.key for t in toks[head.i:head.j]))
            m = r.mention(txt, span, None, day, "agent-noun", agent=agent, country=country,
                          name=text[toks[end_tok].start:toks[name_end - 1].end], kind="person")
            m["evidence"] = "title+country" if country else "title"
            mentions.append(m)
            return
        if country and office:
            holder = _office_holder(r, country, office, day)
            if holder and len(holder) == 1:
                mentions.append(r.mention(txt, span, r.actors[holder[0]], day, "title",
                                          kind="coref"))
                return
            m = r.mention(txt, span, None, day, "agent-noun", agent=agent, country=country,
                          name=r.actors[f"country:{country}"].name if f"country:{country}" in r.actors else None,
                          candidates=holder if holder and len(holder) > 1 else None)
            mentions.append(m)
            return
        appos = _appositive_of(text, toks, first, mentions)
        if appos is not None and country is None:
            # "Song Tao, a special envoy": the title describes the person before it
            titles.setdefault(toks[head.j - 1].key, []).append((appos["span"][0], appos["actor_id"]))
            mentions.append(r.mention(txt, span, r.actors[appos["actor_id"]], day, "coreference",
                                      kind="coref"))
            return
        m = r.mention(txt, span, None, day, "agent-noun", agent=agent, country=country,
                      name=r.actors[f"country:{country}"].name if country and f"country:{country}" in r.actors else None,
                      candidates=cands or None,
                      confidence=CONFIDENCE["ambiguous"] if cands else None)
        m["_head"] = toks[head.j - 1].key
        m["_definite"] = first > 0 and toks[first - 1].key == "the" and country is None
        combat = r.data.combat_agents.get(" ".join(t.key for t in toks[head.i:head.j]))
        if combat and agent == head.agent.agent:
            m["combat_agent"] = combat      # "security forces" in battle: MIL (agents.yaml)
        m["_office"] = office
        if country is None:
            pending_title.append((m, toks[head.j - 1].key))
        mentions.append(m)
        return
    for h in names:
        if h.used:
            continue
        _emit_name(r, text, toks, h, day, mentions)


def _member_of(r: ActorResolver, text, toks, title: Hit, mentions, day, all_hits) -> bool:
    """"the Labour Party leader Ann Smit", "Acme Corp chief executive Ben Zed": a title
    after an organisation of one country and sector, then a name the dictionary does not
    know: that person, acting for the organisation, takes its code on the day. True when
    the organisation's mention (the last) was replaced by the person's."""
    end = _unknown_name(r, text, toks, title.j, None, title.agent.title_only
                        and len(toks[title.j - 1].text) <= 4, _stops(r, all_hits))
    if end == title.j:
        return False
    for x in all_hits:      # a surname inside the new name is part of it
        if title.j <= x.i < end:
            x.used = True
    org = mentions[-1]
    a, b = org["span"][0], toks[end - 1].end
    m = r.mention(text[a:b], (a, b), None, day, "title", agent=org.get("agent"),
                  country=org.get("country"), name=text[toks[title.j].start:b], kind="person")
    m["evidence"] = "title+organisation"
    mentions[-1] = m
    return True


def _text_vetoes_person(r, text, toks, p: Hit, before, countries, day, mentions,
                        all_hits) -> bool:
    """The text's own country for a person ("Peruvian Foreign Minister X", "Foreign
    Minister X of Peru") against the dictionary's: a person known only in other
    countries is a namesake, so the mention is recoded from the title and its country
    (no actor id). A person the dictionary knows only in international posts keeps the
    id and takes the text's country and title. True when the last mention was replaced."""
    m = mentions[-1]
    aid = m.get("actor_id")
    if not aid or not aid.startswith("person:"):
        return False
    cty_hits = [c for c in countries if c.j <= p.i]
    if not cty_hits:
        ofc = _of_country(r, text, toks, p.j, all_hits)
        cty_hits = [ofc] if ofc is not None else []
    ids = name_actors(r, cty_hits[0]) if cty_hits else []
    country = r.actors[ids[0]].country if len(ids) == 1 else None
    if country is None:
        return False
    actor = r.actors[aid]
    agent = _head_agent(r, toks, before) if before else None
    if contradicts(actor, country):
        new = r.mention(m["text"], tuple(m["span"]), None, day, "title" if agent else "agent-noun",
                        agent=agent, country=country, name=actor.name, kind="person",
                        candidates=[aid])
        new["evidence"] = "title+country"
        mentions[-1] = new
        return True
    if not national_countries(actor) and m.get("country") != country:
        agent = agent or (m.get("agent") if m.get("agent") != "ELI" else None)
        m.update(country=country, agent=agent, code=country + (agent or ""),
                 resolved_by="title", evidence="title+country")
    return False


def _head_agent(r: ActorResolver, toks, agents: list[Hit]) -> str:
    """The agent of a run of agent nouns: the head (last), unless it is generic and a more
    specific noun came first ("army officers" -> MIL, "rebel leaders" -> REB)."""
    head = agents[-1]
    if toks[head.j - 1].key in r.data.generic_heads:
        for a in reversed(agents[:-1]):
            if toks[a.j - 1].key not in r.data.generic_heads and not a.agent.title_only:
                return a.agent.agent
    return head.agent.agent


def _legislative_committee(r: ActorResolver, toks, agents: list[Hit]) -> bool:
    """A run of agent nouns that names a legislature's committee: "the Senate Intelligence
    Committee", "the House Armed Services Committee" (agents.yaml committee_nouns, chambers)."""
    last = agents[-1].j     # the committee word ends the run or follows it
    if toks[last - 1].key not in r.data.committee_nouns \
            and (last >= len(toks) or toks[last].key not in r.data.committee_nouns):
        return False
    for k in [a.i for a in agents] + [agents[0].i - 1]:
        if k < 0 or toks[k].key not in r.data.chambers:
            continue
        if toks[k].key == "house" and (not toks[k].text[:1].isupper()
                                       or k > 0 and toks[k - 1].key == "white"):
            continue
        return True
    return False


def _title_evidence(r: ActorResolver, toks, ph: Phrase, p: Hit, before: list[Hit],
                    countries: list[Hit], m: dict) -> None:
    """The text's own title beats a date guess: "President Obama" in a text dated before
    his term is still GOV; "ousted President Akayev" is a former official (ELI)."""
    words = {toks[k].key for k in range(max(0, ph.start_tok - 1), p.i)}
    if words & r.data.former_words:
        agent = "ELI"
    elif m.get("agent") in (None, "ELI") and ("role" not in m or m.get("role") == "phoenix"):
        # (Phoenix's undated "elite" span of a career: the text's title says more,
        # "Opposition leader X" is OPP, GUIDELINES rule 3)
        agent = _head_agent(r, toks, before)
    else:
        return
    country = m.get("country")
    if country is None:
        actor = r.actors[m["actor_id"]]
        country = actor.roles[0].country if actor.roles else actor.country
    if country is None and countries:
        ids = name_actors(r, countries[0])
        country = r.actors[ids[0]].country if len(ids) == 1 else None
    m.update(agent=agent, country=country, code=((country or "") + agent) or None)
    m["resolved_by"] = "title" if m["resolved_by"] in ("exact", "alias") else m["resolved_by"]


APPOSITIVE_RE = re.compile(r"^\s*,\s*(?:(?:a|an|the)\s+)?$", re.I)


def _appositive_of(text, toks, first_tok: int, mentions) -> dict | None:
    """The person mention right before ", a/the <title>", if any."""
    if not mentions:
        return None
    last = mentions[-1]
    aid = last.get("actor_id") or ""
    if not aid.startswith("person:"):
        return None
    between = text[last["span"][1]:toks[first_tok].start]
    return last if APPOSITIVE_RE.match(between) else None


def _office_holder(r: ActorResolver, country: str, office: str, day) -> list[str]:
    if office == "leader":
        for o in r.leader_offices(country):
            hs = r.holders_at(country, o, day)
            if hs:
                return hs
        return []
    return r.holders_at(country, office, day)


def _emit_name(r: ActorResolver, text, toks, h: Hit, day, mentions, start=None) -> None:
    h.used = True
    ids = name_actors(r, h)
    a = toks[h.i].start if start is None else start
    b = toks[h.j - 1].end
    txt = text[a:b]
    fuzzy = getattr(h, "fuzzy", None)
    how = how_of(h)
    if len(ids) > 1:
        codes = {r.code_of(r.actors[x], day)[0] for x in ids}
        if len(codes) == 1:   # same code either way: say so, keep candidates
            code, country, agent, _ = r.code_of(r.actors[ids[0]], day)
            m = r.mention(txt, (a, b), None, day, "ambiguous", agent=agent, country=country,
                          candidates=ids, kind=r.actors[ids[0]].kind)
        else:
            m = r.mention(txt, (a, b), None, day, "ambiguous", candidates=ids, kind="ambiguous")
        mentions.append(m)
        return
    actor = r.actors[ids[0]]
    if fuzzy is not None:
        resolved_by = "fuzzy"
    elif how == "name":
        resolved_by = "exact"
    else:
        resolved_by = {"capital": "metonym", "demonym": "demonym", "native": "native"}.get(how, "alias")
    kind = "metonym" if how == "capital" else None
    m = r.mention(txt, (a, b), actor, day, resolved_by, kind=kind,
                  agent="GOV" if how == "capital" else None,
                  confidence=(CONFIDENCE["fuzzy"] * fuzzy / 100.0) if fuzzy else None)
    mentions.append(m)


def _record_title(titles, toks, agent_hit: Hit, person_mention: dict) -> None:
    if person_mention.get("actor_id"):
        head = toks[agent_hit.j - 1].key
        titles.setdefault(head, []).append((person_mention["span"][0], person_mention["actor_id"]))


# -- coreference ---------------------------------------------------------------------------------

def _resolve_short(r: ActorResolver, text, toks, day, mentions, pending, titles,
                   pending_title, all_hits) -> None:
    """'Song' after 'Song Tao': the nearest preceding (else following) person in the
    document whose short form it is; 'President Moon' by office when not mentioned.
    When neither finds the person, the rest of the phrase is read as usual ("Japanese
    Prime Minister Kenji Tanaka": a title and a name the dictionary does not know)."""
    for ph, h in pending:
        n = len(mentions)
        # (persons again each time: "President Reagan ... Reagan said" resolves the first
        # by the title, then the second as that person)
        resolve_one_short(r, text, toks, day, mentions, persons_in(mentions), ph, h)
        rest = [x for x in ph.hits if x is not h and x.kind != "short"]
        if len(mentions) == n and rest:
            _interpret(r, text, toks, Phrase(rest, ph.start_tok, h.i), day, mentions, titles,
                       [], pending_title, all_hits)
            if len(mentions) > n:   # "Minister X of Peru": drop the country emitted inside
                a, b = mentions[-1]["span"]
                mentions[:] = [m for m in mentions[:-1] if not (
                    a <= m["span"][0] and m["span"][1] <= b and m.get("kind") in ("country", "place"))] \
                    + mentions[-1:]


