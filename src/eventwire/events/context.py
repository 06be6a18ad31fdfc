"""Actors from the document: an event whose own sentence leaves a side empty takes it from
what the document has already coded, only where the kind of event says whom it must be.

    "Kenya accused Uganda of shelling ... Uganda denied the charge."   deny  -> the accuser
    "Gunmen stormed the embassy ... Group X claimed responsibility."   claim -> the attack's victim
    "The government held talks with the rebels ... Norway mediated."   mediate -> both parties
    "X and Y held talks ... a recent X call for talks"                  appeal to meet -> the other side
    "met the rabbis to ask for their support"                          purpose clause -> the met
    "30 people were killed when aircraft struck" (a story about Z)     victims -> Z's civilians

and two events that a sentence states without a verb of their own:

    "Police blamed the bombings on group G"        G -> (the bombings' place) 18x, reported by the police
    "X secured the release of hostages held by G"  G -> X 0841 (release persons)

Every actor filled here carries ``resolved_by: {how: "context:<rule>", chain}``, the chain
naming the mention (text and span) it comes from; its own ``text`` and ``span`` are null:
the actor is implied in this sentence, not mentioned. The word lists and codes are data:
``data/document/context.yaml``.
"""
from __future__ import annotations

import functools

from ..actors.docdata import cached_sections
from ..syntax import clause_head, span_root
from .arguments import ActorIndex, actor_object
from .codebook import get_codebook
from .grammar import conjuncts, objects, prep_objects, subjects, to_infinitive
from .leads import passive_leads
from .patterns import Pattern, PatternSet
from .roles import _located, state_sector

LISTS = frozenset({"denial_codes", "accusation_roots", "claim_codes", "attack_roots",
                   "attack_reaction_roots", "unnamed_attacker_sectors",
                   "mediation_codes", "talks_codes", "talks_appeal_codes", "purpose_roots",
                   "victim_sectors", "release_verbs", "release_nouns", "captor_verbs",
                   "quantity_nouns", "beside_words", "talks_nouns"})
MAPS = frozenset({"act_nouns", "talks_appeal_nouns"})
# Sentences back where an accusation a denial answers may sit; where the other party of the
# denier's last act may sit.
ACCUSATION_WINDOW = 3
# Sentences back where the act a reply names ("ignored the summons") may sit.
REPLY_WINDOW = 4
PARTY_WINDOW = 3


@functools.lru_cache(maxsize=1)
def words() -> dict:
    # (cached_sections is cached; this keeps the tuples built once, not per document)
    return {k: (v if isinstance(v, dict) else tuple(v))
            for k, v in cached_sections("context.yaml", LISTS, MAPS).items()}


# The sectors in which a country itself answers for what its state is accused of.
STATE_SECTORS = (None, "GOV", "MIL", "COP", "JUD", "LEG", "SPY")


def _code(a) -> str | None:
    return (a or {}).get("code") or None


def _same_actor(a, b) -> bool:
    if not a or not b:
        return False
    if a.get("actor_id") and a.get("actor_id") == b.get("actor_id") and \
            (a.get("agent") == b.get("agent")):
        return True
    return bool(_code(a)) and _code(a) == _code(b)


def _has(codes, cameo: str) -> bool:
    return any(cameo == c or (len(c) == 2 and cameo[:2] == c) for c in codes)


def implied(a: dict, how: str, via: dict | None = None) -> dict:
    """``a`` (an event's actor object) as the implied actor of another event: no text or
    span of its own, the chain back to the mention it was found as."""
    out = {k: a.get(k) for k in ("text", "name", "code", "country", "agent", "actor_id", "span")}
    step = {"text": a.get("text"), "span": a.get("span"),
            "resolved_by": (a.get("resolved_by") or {}).get("how") if isinstance(
                a.get("resolved_by"), dict) else a.get("resolved_by")}
    chain = [step] + list((a.get("resolved_by") or {}).get("chain") or []
                          if isinstance(a.get("resolved_by"), dict) else [])
    if via is not None:
        chain = [{"text": via.get("verb", {}).get("text"), "span": via.get("verb", {}).get("span"),
                  "resolved_by": f"event {via['cameo']}"}] + chain
    out.update(text=None, span=None, resolved_by={"how": "context:" + how, "chain": chain})
    return out


def _index(events, e) -> int:
    return next(k for k, x in enumerate(events) if x is e)


def _before(events, e):
    """The events coded before ``e`` in the document, nearest first."""
    return list(reversed(events[:_index(events, e)]))


def _identified(a) -> bool:
    return bool(a and a.get("country") or (a or {}).get("actor_id"))


def fill_from_context(doc, events: list[dict], actors: ActorIndex, pset: PatternSet,
                      trace: list | None = None) -> list[dict]:
    """Fill empty sides from the document and add the verbless events (see the module
    docstring). ``events`` are the document's events in text order; returns the new list."""
    w = words()
    lex = pset.lexicon
    added = nominal_events(doc, events, actors, pset, w)
    events = sorted(events + added, key=lambda e: (e["sentence_index"], e["_verb_i"]))
    events = passive_leads(doc, events, actors, pset)   # (events/leads.py)
    out: list[dict] = []
    for e in events:
        got = _fill(doc, events, e, actors, w, lex)
        if e["pattern"] == "context:talks_appeal" and all(g["target"] is None for g in got):
            continue   # a call for talks addressed to no one the document names
        out.extend(got)
        if trace is not None and (len(got) != 1 or got[0] is not e):
            trace.append(("context", e["sentence_index"], e["pattern"],
                          [(_code(g["source"]), _code(g["target"])) for g in got]))
    return _distinct(out)


def _distinct(events):
    seen, out = set(), []
    for e in events:
        key = (e["sentence_index"], e["_verb_i"], e["cameo"], _code(e["source"]), _code(e["target"]))
        if key in seen:
            continue
        seen.add(key)
        out.append(e)
    return out


def _fill(doc, events, e, actors, w, lex) -> list[dict]:
    s, t, cameo = e["source"], e["target"], e["cameo"]
    if e["negated"]:
        return [e]
    if t is None and s is not None:
        if _has(w["denial_codes"], cameo):
            acc = _accuser(events, e, w)
            if acc is not None:
                return [dict(e, target=acc, confidence=_less(e))]
        if _has(w["claim_codes"], cameo):
            vic = _attack_victims(events, e, w)
            if vic:
                return [dict(e, target=v, confidence=_less(e)) for v in vic]
        if _has(w["mediation_codes"], cameo):
            parties = _talks_parties(events, e, w)
            if parties:
                return [dict(e, target=p, confidence=_less(e)) for p in parties]
        if _has(w["talks_appeal_codes"], cameo):
            other = _talks_counterpart(events, e, w)
            if other is not None:
                return [dict(e, target=other, confidence=_less(e))]
        if _has(w["attack_reaction_roots"], cameo):
            attacker = _attacker(doc, events, e, w, lex)
            if attacker is not None:
                return [dict(e, target=attacker, confidence=_less(e))]
        reply = _replied_act(doc, events, e, w, lex)
        if reply is not None:
            return [dict(e, target=reply, confidence=_less(e))]
        purpose = _purpose_target(doc, events, e, w)
        if purpose is not None:
            return purpose
    if t is not None and t.get("agent") in w["victim_sectors"] and not t.get("country") \
            and not t.get("actor_id") and _has(w["attack_roots"], cameo):
        got = _victims_country(doc, e, actors, lex)
        if got is not None:
            country, how = got
            return [dict(e, target=dict(t, country=country, code=country + t["agent"],
                                        resolved_by={"how": "context:" + how, "chain": []}))]
    return [e]


def _less(e, by=0.1) -> float:
    return round(max(0.05, e["confidence"] - by), 2)


def _accuser(events, e, w):
    """Who the denier answers: the source of the last dispute aimed at it (within
    ``ACCUSATION_WINDOW`` sentences), else the other side of the denier's own last dispute
    (within ``PARTY_WINDOW``, or the only side it disputes with in the document): "the firm
    refused the government's order ... it denied breaking the rules"."""
    s = e["source"]
    prior = [p for p in _before(events, e) if e["sentence_index"] - p["sentence_index"] <= ACCUSATION_WINDOW]
    for p in prior:
        if p["negated"] or p["sentence_index"] == e["sentence_index"] and p["_verb_i"] == e["_verb_i"]:
            continue
        if _answers_for(s, p["target"]) and _identified(p["source"]) and \
                not _same_actor(p["source"], s) and _has(w["accusation_roots"], p["cameo"]):
            return implied(p["source"], "accuser", p)
    others = []   # the other party of each earlier act of the denier, nearest first
    for p in _before(events, e):
        if p["negated"] or p["sentence_index"] == e["sentence_index"]:
            continue
        if _same_actor(p["source"], s) and _identified(p["target"]) and \
                not _same_actor(p["target"], s) and p["target"].get("agent") and \
                _has(w["accusation_roots"], p["cameo"]):
            others.append(p)
    if others and (e["sentence_index"] - others[0]["sentence_index"] <= PARTY_WINDOW
                   or len({_code(p["target"]) for p in others}) == 1):
        # the nearest, or the only one the document shows it dealing with
        return implied(others[0]["target"], "accuser", others[0])
    return None


def _answers_for(denier, accused) -> bool:
    """The denier is the accused, or the state of the accused state organ ("accused the
    Ugandan army ... Uganda denied")."""
    if _same_actor(denier, accused):
        return True
    return bool(accused and denier.get("country")) and accused.get("country") == denier["country"] \
        and accused.get("agent") in STATE_SECTORS and denier.get("agent") in STATE_SECTORS \
        and not (accused.get("actor_id") or "").startswith("org:") \
        and not (denier.get("actor_id") or "").startswith("org:")


def _compatible_attacker(a, s) -> bool:
    """Could the attack's source be the claimer? Unknown, the same actor or group, or unnamed
    armed men (no country, no organisation)."""
    if a is None:
        return True
    if _same_actor(a, s) or (a.get("actor_id") and a.get("actor_id") == s.get("actor_id")):
        return True
    return not a.get("country") and not a.get("actor_id")


def _attack_victims(events, e, w) -> list[dict]:
    """The story's attack: the violent events of the document up to the claim that the
    claimer could have done, in text order; the first that hit someone of a known country
    gives the victims (all targets of its verb). Civilians only when nothing else was hit:
    an attack on an embassy that killed passers-by is claimed against the embassy's state."""
    s = e["source"]
    acts = [p for p in events if p is not e and not p["negated"]
            and p["sentence_index"] <= e["sentence_index"]
            and _has(w["attack_roots"], p["cameo"]) and _compatible_attacker(p["source"], s)]
    for civilians in (False, True):
        for p in acts:
            t = p["target"]
            if t is None or not t.get("country") or _same_actor(t, s) or \
                    (not civilians and t.get("agent") in w["victim_sectors"]):
                continue
            same_verb = [x["target"] for x in acts if x["_verb_i"] == p["_verb_i"]
                         and x["sentence_index"] == p["sentence_index"] and x["target"] is not None
                         and x["target"].get("country") and not _same_actor(x["target"], s)]
            out = []
            for x in same_verb:
                if not any(_same_actor(x, o) for o in out):
                    out.append(x)
            return [implied(x, "attack-victim", p) for x in out]
    return []


def _attack_noun(tok, w, lex) -> bool:
    lemma = tok.lemma_.lower()
    return lemma in w["act_nouns"] or tok.lower_ in w["act_nouns"] or any(
        _has(w["attack_roots"], c) for c in lex.get("noun_codes", {}).get(lemma, ()))


def _attacker(doc, events, e, w, lex):
    """"condemned the attack", "the bombing was suppressed by the army": a reaction to the
    story's attack, named by a definite noun with no actor of its own, is aimed at the
    attacker: the source of the first violent event of the document (before this one)
    whose source is known and is not the reacting actor."""
    v = doc[e["_verb_i"]]
    nouns = [o for o in objects(v) if _attack_noun(o, w, lex)
             and any(c.dep_ in ("det", "poss") and c.lower_ in ("the", "this", "that", "these", "those")
                     for c in o.children)]
    if not nouns:
        return None
    return story_attacker(events, e, w, "attacker", before_verb=True)


def story_attacker(events, e, w, how: str, *, before_verb: bool):
    """The source of the story's first attack told before ``e`` whose source is known and
    is not ``e``'s own, as an implied actor (``how`` names the rule); None when there is
    none or when the story's attacker is unnamed ("gunmen"). ``before_verb``: in ``e``'s
    own sentence only events whose verb comes first count."""
    for p in events:
        if p is e or p["sentence_index"] > e["sentence_index"] or (
                before_verb and p["sentence_index"] == e["sentence_index"]
                and p["_verb_i"] >= e["_verb_i"]):
            break
        if p["negated"] or not _has(w["attack_roots"], p["cameo"]) or not _identified(p["source"]) \
                or _same_actor(p["source"], e["source"]):
            continue
        if p["source"].get("agent") in w["unnamed_attacker_sectors"]:
            return None   # the story's attacker is not known
        return implied(p["source"], how, p)
    return None


def _stem(word: str) -> str:
    return word.lower()[:5]


def _replied_act(doc, events, e, w, lex):
    """"The police invited the lawmakers ... the lawmakers ignored the invitation": an act
    whose object is a definite noun naming an earlier act done to the actor ("the
    invitation", "the summons", "their order", "the offer") answers whoever did that act.
    The noun names the act when it shares its verb's (or event noun's) stem; the earlier
    act sits at most ``REPLY_WINDOW`` sentences before."""
    v = doc[e["_verb_i"]]
    s = e["source"]
    heads = objects(v) + [o for c in v.children if c.dep_ == "xcomp" for o in objects(c)]
    nouns = [o for o in heads if o.pos_ == "NOUN" and len(o.lemma_) >= 5 and any(
        c.dep_ in ("det", "poss") and c.lower_ in ("the", "this", "that", "its", "their", "his", "her")
        for c in o.children) and not _attack_noun(o, w, lex)]   # "the attack": its own rule
    if not nouns:
        return None
    for p in _before(events, e):
        if e["sentence_index"] - p["sentence_index"] > REPLY_WINDOW:
            break
        if p["negated"] or p["sentence_index"] == e["sentence_index"] and p["_verb_i"] > e["_verb_i"]:
            continue
        if not _same_actor(s, p["target"]) or not _identified(p["source"]) or \
                _same_actor(p["source"], s):
            continue
        act = doc[p["_verb_i"]].lemma_
        if any(_stem(n.lemma_) == _stem(act) for n in nouns):
            return implied(p["source"], "replied-act", p)
    return None


def _talks_around(events, e, w):
    """The document's talks and negotiations (not negated), nearest before ``e`` first,
    then those after it in text order."""
    k = _index(events, e)
    for p in list(reversed(events[:k])) + events[k + 1:]:
        if not p["negated"] and _has(w["talks_codes"], p["cameo"]):
            yield p


def _talks_parties(events, e, w) -> list[dict]:
    """The two sides of the document's talks nearest to the mediation (before it first),
    neither of them the mediator."""
    s = e["source"]
    for p in _talks_around(events, e, w):
        sides = [p["source"], p["target"]]
        if any(x is None or not _identified(x) or _same_actor(x, s) for x in sides) \
                or _same_actor(sides[0], sides[1]):
            continue
        return [implied(x, "talks-party", p) for x in sides]
    return []


def _talks_counterpart(events, e, w):
    """The other side of the talks or meetings the appealing actor had in the document."""
    s = e["source"]
    for p in _talks_around(events, e, w):
        for me, other in ((p["source"], p["target"]), (p["target"], p["source"])):
            if me is not None and other is not None and _identified(other) and \
                    (_same_actor(me, s) or (me.get("country") and me.get("country") == s.get("country")
                                            and other.get("country") != s.get("country"))):
                return implied(other, "talks-party", p)
    return None


def _purpose_target(doc, events, e, w):
    """"met the rabbis to ask for their support", "flew to Lima to discuss the border":
    a purpose clause with no target of its own is addressed to whom the governing verb's
    meeting or visit is with. A purpose clause that only repeats the meeting
    ("met X to discuss ...", both 04) is no second event."""
    v = doc[e["_verb_i"]]
    if v.dep_ not in ("advcl", "xcomp") or not to_infinitive(v):
        return None
    for p in events:
        if p["sentence_index"] != e["sentence_index"] or p["_verb_i"] != v.head.i or p is e:
            continue
        if p["target"] is None or p["negated"] or not _has(w["purpose_roots"], p["cameo"]) \
                or not _same_actor(p["source"], e["source"]):
            continue
        if p["cameo_root"] == e["cameo_root"]:
            return []
        return [dict(e, target=implied(p["target"], "purpose", p), confidence=_less(e, 0.05))]
    return None


def _victims_country(doc, e, actors, lex):
    """The country of unnamed people hurt by an attack: where the clause of the harm places
    it (one country: "killed 20 people in Aleppo"), else the one country whose places that
    clause names ("... threatening Kunduz"), else, with no place named in the sentence, the
    document's country. Sectors of a state ("the German consulate", "Afghan forces") are
    whom it hit or helped, not where, and a place beside a country ("east of Qatar") or in
    the frame ("a radio station in Cyprus said ...") is not where either."""
    sent = doc[e["_verb_i"]].sent
    sides = [x["span"] for x in (e["source"], e["target"]) if x and x.get("span")]
    beside = set(words()["beside_words"])
    named = [(i, a) for i in range(sent.start, sent.end) for a in [actors.by_token.get(i)]
             if a is not None and a.get("country") and not a.get("agent")
             and a.get("resolved_by") != "demonym"
             and not any(lo <= doc[i].idx < hi for lo, hi in sides)   # not the attacker itself
             and not any(doc[k].lower_ in beside for k in _path(doc[i]))]
    scope = set(range(*(e.get("_clause") or (0, 0))))
    span = (e["target"] or {}).get("span")
    t = span_root(doc, span) if span else None
    if t is not None:
        scope |= {x.i for x in clause_head(t).subtree}
    located = {a["country"] for i, a in named if i in scope and _located(a, doc, lex)}
    if len(located) == 1:
        return next(iter(located)), "place"
    places = {a["country"] for i, a in named if i in scope}
    if not located and len(places) == 1:
        return next(iter(places)), "place"
    if not named and actors.home:
        return actors.home, "home-country"
    return None


def _path(tok, depth=4) -> set:
    """The tokens from ``tok`` up to four heads above (its phrase's spine)."""
    out = set()
    for _ in range(depth):
        if tok.head is tok:
            break
        tok = tok.head
        out.add(tok.i)
    return out


# ---------------------------------------------------------------- verbless events

def nominal_events(doc, events, actors: ActorIndex, pset: PatternSet, w) -> list[dict]:
    """Events a sentence states through a noun governed by another verb."""
    out = []
    for e in events:
        if e["cameo_root"] == "11" and not e["negated"] and e["target"] is not None and \
                doc[e["_verb_i"]].lemma_.lower() in ("blame", "pin"):
            out.extend(_blamed_acts(doc, e, actors, pset, w))
    out.extend(_releases(doc, events, actors, pset, w))
    out.extend(_talks_appeals(doc, events, actors, pset, w))
    return out


def _event_noun_patterns(tok, pset, roots) -> list[Pattern]:
    return [p for p in pset.by_noun.get(tok.lemma_.lower(), []) + pset.by_noun.get(tok.lower_, [])
            if _has(roots, p.cameo)]


def _blamed_acts(doc, e, actors, pset, w) -> list[dict]:
    """"blamed the blasts on G": the blasts are G's act, as the blamer says (modality
    reported, the blamer in ``attribution``). The act's code comes from the noun's own
    nominal pattern; its target is whom or where the noun's phrase names."""
    v = doc[e["_verb_i"]]
    on = [a for x in prep_objects([v] + objects(v), {"on"}) for a in actors.at_all(x)]
    if not any(_code(a) == _code(e["target"]) for a in on):
        return []   # the blamed is who the blame is put on, not a place or an addressee
    for o in objects(v):
        noun = o
        if o.lemma_.lower() in w["quantity_nouns"]:
            noun = next((g for c in o.children if c.dep_ == "prep" and c.lower_ == "of"
                         for g in c.children if g.dep_ == "pobj"), o)
        pats = _event_noun_patterns(noun, pset, w["attack_roots"])
        if pats:
            p = max(pats, key=lambda x: (x.specificity, len(x.cameo)))
        elif noun.lemma_.lower() in w["act_nouns"] or noun.lower_ in w["act_nouns"]:
            code = w["act_nouns"].get(noun.lemma_.lower()) or w["act_nouns"][noun.lower_]
            p = Pattern(id="act_nouns." + noun.lemma_.lower(), cameo=code)
        else:
            continue
        blamed = e["target"]
        hits = [a for a in actors.at_all(noun) if a.get("country")] or \
            [a for a in actors.at_all(o) if a.get("country")]
        targets = [actor_object(state_sector(a, "target", p.cameo, pset.lexicon)) for a in hits
                   if not _same_actor(a, blamed)] or [None]
        cb = get_codebook()
        info = cb.cameo(p.cameo)
        s = e["source"] or {}
        att = {"speaker": s.get("text"), "actor_id": s.get("actor_id"), "code": s.get("code"),
               "cue": v.text}
        src = implied(blamed, "blamed", e)
        return [dict(e, source=src, target=t, cameo=p.cameo, cameo_root=info["root"],
                     quad_class=info["quad_class"], goldstein=info["goldstein"],
                     plover=cb.plover_for(p.cameo), modality="reported", attribution=att,
                     pattern="context:blamed:" + p.id, _verb_i=noun.i, _reporting=False,
                     verb={"text": noun.text, "lemma": noun.lemma_,
                           "span": [noun.idx, noun.idx + len(noun.text)]},
                     confidence=_less(e, 0.15), _main=False)
                for t in targets]
    return []


RELEASE = Pattern(id="context:release", cameo="0841", confidence=0.6)


def _releases(doc, events, actors, pset, w) -> list[dict]:
    """"X secured the release of the hostages held by G": G releases them to X (0841). The
    captors: the agent of a holding verb on the people freed ("held by", "kidnapped by"),
    else the source of the document's abduction, else the other side of talks that X
    holds in the same sentence."""
    from .coder import make_event
    lex = pset.lexicon
    out = []
    for k, sent in enumerate(doc.sents):
        if not actors.any_in(sent.start, sent.end):
            continue
        for v in sent:
            if v.lemma_.lower() not in w["release_verbs"] or v.pos_ not in ("VERB", "AUX"):
                continue
            rel = [o for o in objects(v) if o.lemma_.lower() in w["release_nouns"]]
            if not rel:
                continue
            subs = [a for t in subjects(v, lex) for a in [actors.at(t)] if a is not None]
            if not subs:
                continue
            freed = [g for c in rel[0].children if c.dep_ == "prep" and c.lower_ == "of"
                     for g in c.children if g.dep_ == "pobj"]
            captors = _captors(freed, actors, w)
            how = None
            if not captors:
                captors, how = _captors_in_document(events, k, subs, w)
            if not captors:
                continue
            for c in captors:
                for s in subs:
                    if _same_actor(c, s):
                        continue
                    src = state_sector(c, "source", "0841", lex)
                    to = state_sector(s, "target", "0841", lex)
                    ev = make_event(RELEASE, v, src, to, sent, k, lex, actors)
                    if how is not None:
                        ev["source"] = implied(c, how[0], how[1])
                    ev["_main"] = False
                    out.append(ev)
    return out


def _talks_appeals(doc, events, actors, pset, w) -> list[dict]:
    """"North Korea's call for talks", "a recent Chinese proposal for negotiations": the
    caller's appeal (026) or offer (036) to meet, from the noun's possessor or its country
    adjective (a country or demonym: its government). Its target: a with-phrase ("talks
    with Seoul"), else the other side of the talks the document reports (the rule for
    appeals to meet); with neither, no event."""
    from .coder import make_event
    lex = pset.lexicon
    taken = {e["_verb_i"] for e in events}
    out = []
    for k, sent in enumerate(doc.sents):
        if not actors.any_in(sent.start, sent.end):
            continue
        for n in sent:
            code = w["talks_appeal_nouns"].get(n.lemma_.lower())
            if code is None or n.pos_ != "NOUN" or n.i in taken:
                continue
            talks = [g for c in n.children if c.dep_ == "prep" and c.lower_ == "for"
                     for g in c.children if g.dep_ == "pobj" and g.lemma_.lower() in w["talks_nouns"]]
            if not talks:
                continue
            callers = [a for c in n.children if c.dep_ in ("poss", "amod", "compound", "nmod")
                       for a in actors.at_all(c) if a.get("country") or a.get("actor_id")]
            if not callers:
                continue
            caller = callers[0]
            if not caller.get("agent") and caller.get("country"):
                caller = {**caller, "agent": "GOV", "code": caller["country"] + "GOV"}
            with_ = [a for x in prep_objects(talks + [n], {"with", "between"})
                     for a in actors.at_all(x) if not _same_actor(a, caller)]
            p = Pattern(id="context:talks_appeal", cameo=code, confidence=0.55)
            ev = make_event(p, n, caller, with_[0] if with_ else None, sent, k, lex, actors)
            ev["_main"] = False
            out.append(ev)
    return out


def _captors(freed, actors, w) -> list[dict]:
    for f in freed:
        for tok in [f] + list(f.subtree):
            if tok.lemma_.lower() not in w["captor_verbs"] or tok.dep_ not in ("relcl", "acl"):
                continue
            for c in tok.children:
                if c.dep_ == "agent":
                    found = [a for g in c.children if g.dep_ == "pobj" for x in conjuncts(g)
                             for a in actors.at_all(x)]
                    if found:
                        return found
    return []


def _captors_in_document(events, k, subs, w):
    """The source of the last abduction (CAMEO 181) coded up to sentence ``k``, else the
    other side of talks the freeing actor holds in that sentence."""
    for p in reversed([p for p in events if p["sentence_index"] <= k]):
        if p["cameo"] == "181" and _identified(p["source"]) and not p["negated"]:
            return [p["source"]], ("captor", p)
    for p in events:
        if p["sentence_index"] == k and _has(w["talks_codes"], p["cameo"]) and \
                any(_same_actor(p["source"], s) for s in subs) and _identified(p["target"]):
            return [p["target"]], ("talks-party", p)
    return [], None
