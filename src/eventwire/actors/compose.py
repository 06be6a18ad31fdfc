"""Composing dictionary hits into actor mentions, and within-document coreference.

Hits that touch (only possessives, modifiers or capitalised words between them, no
punctuation) form a *phrase*; a phrase becomes one mention:

    [country] ['s] [modifiers] [agent noun]* [person]   -> the person ("China's President Xi")
    [country|org] ['s] [modifiers] [agent noun]         -> country + agent ("Chinese companies")
    [agent noun] of [the] [country]                     -> country + agent ("President of Iran")
    [country] / [capital] / [org] / [person]             -> the actor itself

An agent noun naming an office ("president", "foreign minister", "leader") resolves to
the office holder on the document date when exactly one is known.
"""
from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from ..textutil import has_ner
from .dictionary import INTERNATIONAL
from .normalize import CJK_RE
from .persons import contradicts, national_countries, title_fits
from .resolver import (CONFIDENCE, FORM_RANK, FUZZY_MIN_CHARS, FUZZY_MIN_SCORE, PRONOUNS,
                       ActorResolver, Hit, Tok)

MAX_GAP = 3
# Capitalised words that never start an unknown name after a title.
NOT_NAMES = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
             "january", "february", "march", "april", "may", "june", "july", "august",
             "september", "october", "november", "december", "the", "a", "an", "and", "but",
             "on", "in", "of", "for", "to", "said", "says", "he", "she", "it", "they", "this",
             "that", "however", "on", "at", "by", "with", "from", "as"}
APPOSITIVE_DETS = {"a", "an", "the"}
NER_FUZZY = {"PERSON": {"person"}, "GPE": {"country"}, "LOC": {"country"},
             "NORP": {"country"}, "ORG": {"org", "country"}, "FAC": {"org"}}


@dataclass
class Phrase:
    hits: list[Hit]
    start_tok: int
    end_tok: int
    extra: dict = field(default_factory=dict)


def resolve(r: ActorResolver, text: str, day: dt.date | None, doc) -> list[dict]:
    toks, hits = r.scan(text)
    hits = [h for h in hits if not (h.kind == "name" and _kind_of(r, h) in ("country", "place")
                                    and STANCE_PREFIX.search(text, max(0, toks[h.i].start - 8),
                                                             toks[h.i].start))]
    hits = _after_honorifics(r, text, toks, hits)
    hits = _drop_agents_in_compounds(r, text, toks, hits)
    hits = _drop_people_inside_longer_names(r, text, toks, hits)
    hits = _drop_cities_inside_names(r, text, toks, hits)
    hits = _add_fuzzy(r, text, toks, hits, doc)
    hits.sort(key=lambda h: h.i)
    phrases = _phrases(r, text, toks, hits, doc)
    mentions: list[dict] = []
    titles: dict[str, list[tuple[int, str]]] = {}     # title head word -> [(char pos, actor_id)]
    pending_short: list[tuple[Phrase, Hit]] = []
    pending_title: list[tuple[dict, str]] = []
    for ph in phrases:
        _interpret(r, text, toks, ph, day, mentions, titles, pending_short, pending_title, hits)
    _share_agents(text, mentions)
    _native(r, text, day, mentions)
    _resolve_short(r, text, toks, day, mentions, pending_short, titles, pending_title, hits)
    _resolve_titles(r, day, mentions, titles, pending_title)
    # pronouns and other references through the document: actors/coref.py (after the
    # datelines and credits are set aside)
    _ethnic_groups(text, mentions)
    mentions.sort(key=lambda m: (m["span"][0], m["span"][1]))
    return mentions


# "pro-Iranian", "anti-American": a stance toward a country, not the country as an actor
STANCE_PREFIX = re.compile(r"\b(?:pro|anti)[-‐‑]\s*$", re.IGNORECASE)
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


# -- hits -> actors ------------------------------------------------------------------------

def _name_actors(r: ActorResolver, hit: Hit) -> list[str]:
    """Distinct actors of a name hit, keeping the best-ranked kind of form."""
    best = min(FORM_RANK.get(f.how, 2) for f in hit.forms)
    out = []
    for f in hit.forms:
        if FORM_RANK.get(f.how, 2) == best and f.actor_id not in out:
            out.append(f.actor_id)
    return out


def _how(hit: Hit) -> str:
    return hit.forms[0].how if hit.forms else ""


def _kind_of(r: ActorResolver, hit: Hit) -> str | None:
    if hit.kind != "name":
        return hit.kind
    ids = _name_actors(r, hit)
    kinds = {r.actors[a].kind for a in ids}
    return kinds.pop() if len(kinds) == 1 else "mixed"


NAME_PARTICLES = {"de", "da", "del", "della", "di", "dos", "das", "du", "van", "von", "der",
                  "bin", "ibn", "al", "el", "le", "la", "ben", "y"}


def _glued_name_word(r, text, toks, k: int, before: bool) -> bool:
    """Is token k a word of the same proper name as its neighbour (only blanks between,
    capitalised, not a sentence opener)? After a name a lower-case particle followed by
    a capitalised word counts too ("Bill de Blasio", "Abdel-Fattah el-Sissi")."""
    if k < 0 or k >= len(toks):
        return False
    t = toks[k]
    a, b = (t.end, toks[k + 1].start) if before else (toks[k - 1].end, t.start)
    if text[a:b].strip(" -") or "\n" in text[a:b]:
        return False
    if before:
        opener = text[max(0, t.start - 8):t.start].rstrip()[-1:] in ("", ".", "!", "?", '"', "“", ":")
        # an honorific ("Sir", "Dr") comes before a name, it is not a word of it
        return r._capitalised(t) and t.key not in NOT_NAMES and not opener \
            and t.key not in r.data.honorifics
    if t.key in NAME_PARTICLES and k + 1 < len(toks):
        return _glued_name_word(r, text, toks, k + 1, False) and r._capitalised(toks[k + 1])
    return r._capitalised(t) and t.key not in NOT_NAMES


def _drop_people_inside_longer_names(r: ActorResolver, text, toks, hits) -> list[Hit]:
    """A Phoenix name inside a longer proper name is someone or something else: "John
    Addo Kufuor" is not "Addo Kufuor", the "Erskine Sandiford Centre" is a building, a
    hospital named after a brigade's martyrs is no armed group. This holds for Phoenix
    people, organisations and places alike (acronyms excepted: "NSC staff"); a title or
    agent noun after the name starts a hit of its own and keeps it ("Petrobras
    President"). The package's own names are matched as before."""
    starts = {h.i for h in hits if h.kind != "short"}
    out = []
    for h in hits:
        if h.kind == "name" and h.forms and all(f.layer == 0 and not f.acronym for f in h.forms) \
                and _kind_of(r, h) in ("person", "org", "place") and (
                    (h.i - 1 not in starts and not any(x.j == h.i and x.kind != "short" for x in hits)
                     and _glued_name_word(r, text, toks, h.i - 1, True))
                    or (h.j not in starts and _glued_name_word(r, text, toks, h.j, False))):
            continue
        out.append(h)
    return out


def _drop_agents_in_compounds(r: ActorResolver, text, toks, hits) -> list[Hit]:
    """An agent noun hyphenated to a prefix of the lexicon's ``compound_prefixes``
    ("multi-party elections", "anti-government protests") is part of an adjective, not
    an actor."""
    pre = r.data.compound_prefixes
    if not pre:
        return hits
    out = []
    for h in hits:
        k = h.i - 1
        if (h.kind == "agent" and h.j - h.i == 1 and k >= 0 and toks[k].key in pre
                and text[toks[k].end:toks[h.i].start] == "-"):
            continue
        out.append(h)
    return out


def _after_honorifics(r: ActorResolver, text, toks, hits) -> list[Hit]:
    """After "Mr."/"Mrs."/"Dr." comes a person's name: a place, country or organisation
    of the same spelling is not meant ("Mr. Ortega" is no town). The word stays a
    surname to resolve through the document (short form), or nothing."""
    if not r.data.honorifics:
        return hits
    out = []
    for h in hits:
        k = h.i - 1
        if (h.kind == "name" and k >= 0 and toks[k].key in r.data.honorifics
                and r._capitalised(toks[k]) and not text[toks[k].end:toks[h.i].start].strip(" .")
                and _kind_of(r, h) != "person"):
            if toks[h.i].key in r.short_index:
                out.append(Hit(h.i, h.i + 1, "short"))
            continue
        out.append(h)
    return out


ADMIN_WORDS = {"state", "province", "region", "city", "district", "county", "governorate",
               "oblast", "prefecture", "municipality", "mayor", "authorities", "police"}


def _drop_cities_inside_names(r: ActorResolver, text, toks, hits) -> list[Hit]:
    """A city name inside a longer proper name is part of that name ("Omar Hassan
    al-Bashir", "King Hassan"), unless an administrative word follows ("Kano State")."""
    starts = {h.i: h for h in hits}
    ends = {h.j: h for h in hits}
    in_hit = None   # tokens inside any hit; built once, only when a city hit needs it
    out = []
    for h in hits:
        if h.kind == "name" and h.forms and all(f.how == "city" for f in h.forms):
            if in_hit is None:   # (a surname hit is still a word of the longer name)
                in_hit = {k for x in hits if x.kind != "short" for k in range(x.i, x.j)}
            prev_title = ends.get(h.i)
            glued_before = (h.i > 0 and r._capitalised(toks[h.i - 1]) and toks[h.i - 1].key not in NOT_NAMES
                            and not text[toks[h.i - 1].end:toks[h.i].start].strip(" -")
                            and (h.i - 1 not in in_hit
                                 or (prev_title is not None and prev_title.kind == "agent")))
            nxt = h.j < len(toks) and toks[h.j]
            glued_after = (nxt and r._capitalised(nxt) and nxt.key not in ADMIN_WORDS
                           and nxt.key not in NOT_NAMES and h.j not in starts
                           and not text[toks[h.j - 1].end:nxt.start].strip(" -"))
            if glued_before or glued_after:
                continue
        out.append(h)
    return out


# -- fuzzy -----------------------------------------------------------------------------------

def _fuzzy_choices(r: ActorResolver):
    """(first letter, token count) -> [(string, key, actor_id, how)] of fuzzable forms."""
    if r._fuzzy_choices is None:
        buckets: dict = {}
        for key, forms in r.index.items():
            s = " ".join(key)
            if len(s) < FUZZY_MIN_CHARS or not s.isascii():
                continue
            for f in forms:
                if f.acronym or f.how in ("native", "ignore") or f.layer == 0:
                    # Phoenix forms are never fuzzy-matched: among 18,000 people a
                    # near-miss is far more often a namesake than a misspelling
                    continue
                kind = r.actors[f.actor_id].kind
                if kind == "place":   # thousands of towns: too easy to hit by accident
                    continue
                buckets.setdefault((s[0], len(key)), []).append((s, key, f, kind))
        r._fuzzy_choices = buckets
    return r._fuzzy_choices


def _fuzzy_one(r: ActorResolver, key: tuple[str, ...], kinds: set[str] | None):
    """Forms close to ``key``: same number of words, same initials, score >= threshold."""
    s = " ".join(key)
    if len(s) < FUZZY_MIN_CHARS:
        return []
    bkey = (s[0], len(key), frozenset(kinds) if kinds else None)
    cached = r._fuzzy_buckets.get(bkey) if hasattr(r, "_fuzzy_buckets") else None
    if cached is None:
        if not hasattr(r, "_fuzzy_buckets"):
            r._fuzzy_buckets = {}
        bucket = _fuzzy_choices(r).get((s[0], len(key)), [])
        if kinds:
            bucket = [b for b in bucket if b[3] in kinds]
        cached = r._fuzzy_buckets[bkey] = (bucket, [b[0] for b in bucket])
    bucket, strings = cached
    if not bucket:
        return []
    found = process.extract(s, strings, scorer=fuzz.ratio,
                            score_cutoff=FUZZY_MIN_SCORE, limit=8)
    out = []
    # a real surname in the text ("David Johnson") is another person, not a misspelling
    # of a known one ("David Johnston"): only unknown words may be near-misses of a surname
    real_surname = key[-1] in r.short_index
    for cs, score, idx in found:
        _, ckey, form, kind = bucket[idx]
        if kind == "person" and real_surname and ckey[-1] != key[-1]:
            continue        # (a spelling of the given name, same surname, may still match)
        # same initials; and not a word form of the entry ("Korean"/"Korea", "State"/"States")
        if all(a[0] == b[0] for a, b in zip(key, ckey)) and not (
                cs.startswith(s) or s.startswith(cs)) and (len(key) > 1 or len(s) >= 6):
            out.append((score, form))
    return out


def _candidate_spans(r: ActorResolver, text: str, toks: list[Tok], covered: set[int], doc):
    """Token ranges worth a fuzzy look: NER entities (when the model ran NER) or
    capitalised runs."""
    if has_ner(doc):
        # toks are sorted and non-empty: the tokens inside an entity are one window,
        # found by bisection instead of a scan of the whole text per entity
        tstarts = [t.start for t in toks]
        for ent in doc.ents:
            if ent.label_ not in NER_FUZZY:
                continue
            lo = bisect.bisect_left(tstarts, ent.start_char)
            hi = bisect.bisect_left(tstarts, ent.end_char, lo)
            idx = [k for k in range(lo, hi) if toks[k].end <= ent.end_char]
            if idx and not covered.intersection(idx):
                yield idx[0], idx[-1] + 1, NER_FUZZY[ent.label_]
        return
    k = 0
    while k < len(toks):
        if k in covered or not r._capitalised(toks[k]) or toks[k].key in NOT_NAMES:
            k += 1
            continue
        j = k + 1
        while (j < len(toks) and j not in covered and r._capitalised(toks[j])
               and j - k < 4 and not text[toks[j - 1].end:toks[j].start].strip(" -")):
            j += 1
        yield k, j, None
        k = j


def _add_fuzzy(r: ActorResolver, text: str, toks: list[Tok], hits: list[Hit], doc) -> list[Hit]:
    covered = {k for h in hits if h.kind != "short" for k in range(h.i, h.j)}
    shorts = {h.i for h in hits if h.kind == "short"}
    fuzzy: list[Hit] = []
    replaced: set[int] = set()   # token starts inside a fuzzy span: those hits give way
    for i, j, kinds in _candidate_spans(r, text, toks, covered, doc):
        if j - i == 1 and i in shorts:
            continue
        key = tuple(t.key for t in toks[i:j])
        found = _fuzzy_one(r, key, kinds)
        if not found:
            continue
        top = found[0][0]
        forms = [f for s, f in found if s >= top - 3]
        replaced.update(range(i, j))
        h = Hit(i, j, "name", forms=forms)
        h.fuzzy = top   # type: ignore[attr-defined]
        fuzzy.append(h)
    # Candidate spans never overlap, so one filter at the end equals filtering per span.
    return [h for h in hits if h.i not in replaced] + fuzzy


# -- phrases --------------------------------------------------------------------------------

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
        if gap.strip(" -‐'’\u00a0") or "\n" in gap:
            return False
        if k == b:
            break
        t = toks[k]
        if not (t.key in r.data.modifiers or (t.key == "s" and text[t.start - 1:t.start] in "'’")
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
            person_group = (_kind_of(r, prev) == "person" and h.kind == "agent"
                            and (h.i == prev.j or (h.i == prev.j + 1 and toks[prev.j].key == "s"))
                            and toks[h.j - 1].key in r.data.person_groups
                            and not text[toks[prev.j - 1].end:toks[h.i].start].strip(" '’s"))
            joinable = person_group or (_gap_ok(r, text, toks, prev.j, h.i, doc, after_title)
                        and _kind_of(r, prev) != "person"
                        and not (prev.kind == "name" and h.kind == "name"
                                 and _kind_of(r, prev) in ("country", "place")
                                 and _kind_of(r, h) in ("country", "place")))
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
        h.kind == "name" and _kind_of(r, h) not in ("person",)))


def _of_country(r, text, toks, phrases_hit_end: int, all_hits_after):
    """'President of South Korea': a country hit after 'of (the)'."""
    k = phrases_hit_end
    if k < len(toks) and toks[k].key == "of":
        k += 1
        if k < len(toks) and toks[k].key == "the":
            k += 1
        for h in all_hits_after:
            if h.i == k and h.kind == "name" and _kind_of(r, h) in ("country", "place"):
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
    persons = [h for h in names if _kind_of(r, h) == "person"]
    orgs = [h for h in names if _kind_of(r, h) == "org"]
    countries = [h for h in names if _kind_of(r, h) in ("country", "place")]
    start = toks[ph.start_tok].start

    def span_text(a, b):
        return text[a:b], (a, b)

    if persons:
        p = persons[-1]
        group = [a for a in agents if a.i >= p.j]
        if group:   # "the Bush administration": the person's government, not the person
            actor = r.actors[_name_actors(r, p)[0]]
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
    if orgs:
        o = orgs[-1]
        ids = _name_actors(r, o)
        mod = [c for c in countries if c.j <= o.i]
        if mod and len(ids) == 1 and r.actors[ids[0]].country and r.actors[ids[0]].agent:
            mc = _name_actors(r, mod[0])
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
            ids = _name_actors(r, country_hit)
            if len(ids) == 1:
                country = r.actors[ids[0]].country
            else:
                cands = ids
        first = min(h.i for h in ([country_hit] if country_hit else []) + agents)
        a, b = toks[first].start, toks[span_end - 1].end
        txt, span = span_text(a, b)
        agent = _head_agent(r, toks, agents)
        # the office is the head's, and only if no more specific noun overrode it
        office = head.agent.office if agent == head.agent.agent else None
        if all(a.agent.title_only for a in agents) and name_end == end_tok:
            # "General" without a name is not a title; keep the country, if any
            if country_hit is not None:
                _emit_name(r, text, toks, country_hit, day, mentions)
            return
        if any(toks[k].key in r.data.former_words for k in range(max(0, first - 1), end_tok)):
            agent, office = "ELI", None   # "a former Chinese foreign minister"
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
        m["_office"] = office
        if country is None:
            pending_title.append((m, toks[head.j - 1].key))
        mentions.append(m)
        return
    for h in names:
        if h.used:
            continue
        _emit_name(r, text, toks, h, day, mentions)


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
    ids = _name_actors(r, cty_hits[0]) if cty_hits else []
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


def _title_evidence(r: ActorResolver, toks, ph: Phrase, p: Hit, before: list[Hit],
                    countries: list[Hit], m: dict) -> None:
    """The text's own title beats a date guess: "President Obama" in a text dated before
    his term is still GOV; "ousted President Akayev" is a former official (ELI)."""
    words = {toks[k].key for k in range(max(0, ph.start_tok - 1), p.i)}
    if words & r.data.former_words:
        agent = "ELI"
    elif m.get("agent") in (None, "ELI") and "role" not in m:
        agent = _head_agent(r, toks, before)
    else:
        return
    country = m.get("country")
    if country is None:
        actor = r.actors[m["actor_id"]]
        country = actor.roles[0].country if actor.roles else actor.country
    if country is None and countries:
        ids = _name_actors(r, countries[0])
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
    ids = _name_actors(r, h)
    a = toks[h.i].start if start is None else start
    b = toks[h.j - 1].end
    txt = text[a:b]
    fuzzy = getattr(h, "fuzzy", None)
    how = _how(h)
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


# -- CJK / native-script names ------------------------------------------------------------------

def _native(r: ActorResolver, text, day, mentions) -> None:
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


# -- coreference ---------------------------------------------------------------------------------

def _persons_in(mentions) -> list[tuple[int, str]]:
    return [(m["span"][0], m["actor_id"]) for m in mentions
            if m.get("actor_id", "") and m["actor_id"].startswith("person:")]


CONJ_RE = re.compile(r"^\s*(?:,|and|or|,\s*and)\s*$")


def _share_agents(text, mentions) -> None:
    """"Hungarian and Romanian officials": the agent applies to both countries."""
    for m1, m2 in zip(mentions, mentions[1:]):
        if (m1.get("resolved_by") == "demonym" and m1.get("agent") is None
                and m2.get("kind") == "agent" and m2.get("country") and m2.get("agent")
                and CONJ_RE.match(text[m1["span"][1]:m2["span"][0]])):
            m1["agent"] = m2["agent"]
            m1["code"] = (m1["country"] or "") + m2["agent"]


def _resolve_short(r: ActorResolver, text, toks, day, mentions, pending, titles,
                   pending_title, all_hits) -> None:
    """'Song' after 'Song Tao': the nearest preceding (else following) person in the
    document whose short form it is; 'President Moon' by office when not mentioned.
    When neither finds the person, the rest of the phrase is read as usual ("Japanese
    Prime Minister Kenji Tanaka": a title and a name the dictionary does not know)."""
    persons = _persons_in(mentions)
    for ph, h in pending:
        n = len(mentions)
        _resolve_one_short(r, text, toks, day, mentions, persons, ph, h)
        rest = [x for x in ph.hits if x is not h and x.kind != "short"]
        if len(mentions) == n and rest:
            _interpret(r, text, toks, Phrase(rest, ph.start_tok, h.i), day, mentions, titles,
                       [], pending_title, all_hits)
            if len(mentions) > n:   # "Minister X of Peru": drop the country emitted inside
                a, b = mentions[-1]["span"]
                mentions[:] = [m for m in mentions[:-1] if not (
                    a <= m["span"][0] and m["span"][1] <= b and m.get("kind") in ("country", "place"))] \
                    + mentions[-1:]


def _resolve_one_short(r: ActorResolver, text, toks, day, mentions, persons, ph, h) -> None:
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
    if _glued_name_word(r, text, toks, h.j, False):
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
            cty = [c for c in ph.hits if c.kind == "name" and _kind_of(r, c) in ("country", "place")]
            ids = _name_actors(r, cty[0]) if cty else []
            country = r.actors[ids[0]].country if len(ids) == 1 else None
            match = [aid for aid in cands
                     if title_fits(r, r.actors[aid], office=None, agent=titles[-1].agent.agent,
                                   country=country, day=day)]
        if len(match) == 1:
            mentions.append(r.mention(text[a:b], (a, b), r.actors[match[0]], day, "title",
                                      kind="coref"))


def _resolve_titles(r: ActorResolver, day, mentions, titles, pending) -> None:
    """'the envoy' -> the person last introduced with that title; 'the president' -> the
    last person mentioned who holds that office on the date."""
    persons = _persons_in(mentions)
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
