"""The verb-pattern coder: from a dependency-parsed sentence with resolved actors to events.

For each verb (or event noun) whose lemma has patterns, every pattern is tried; the most
specific one that fires gives the CAMEO code. Source and target come from syntactic roles
(subject, object, prepositional objects, by-agent of a passive, possessor of a nominal),
expanded over coordination (one event per actor pair), and resolved to the actor mentions
in ``doc._.actors``. Negation, modality and attribution are read off the verb's own
dependents and the chain of governing verbs ("refused to sign", "said that ...").

``code_sentence`` optionally fills a ``trace`` list (pattern tried, fired or why not) that
``eventwire explain`` shows.

The work is split by responsibility: ``grammar`` (parse helpers), ``arguments`` (actors of
a phrase), ``roles`` (source and target of a pattern), ``modality`` (negation, modality,
attribution); this module tries the patterns and makes the events.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from .arguments import ActorIndex, actor_object
from .codebook import get_codebook
from .grammar import (clause_span, complement_verbs, complement_words, inflections, object_phrase, passive_participle,
                      subjects,
                      to_infinitive, _inflected)
from .modality import _infinitive, _own_actor, habitual, modality, negation, non_factive, planned
from .patterns import Pattern, PatternSet, get_patterns
from .nominal import implied_workers, unrealised
from .roles import pairs_for


# Roots of acts done by saying (appeal, demand, criticize, threaten): as nouns under a verb
# of refusal or proposal ("rejected the demand that ...") they were still made.
SPOKEN_ROOTS = ("02", "10", "11", "13")


@dataclass
class Try:
    """One pattern tried on one token: for explain."""
    token_i: int
    token: str
    pattern: str
    cameo: str
    fired: bool
    reason: str
    events: int = 0


# ---------------------------------------------------------------- pattern matching

def check_pattern(p: Pattern, v, lex) -> str | None:
    """Why pattern ``p`` does not fit token ``v`` (None if its constraints hold)."""
    if p.nominal and v.pos_ not in ("NOUN", "PROPN"):
        return f"'{v.text}' is a {v.pos_}, pattern wants a noun"
    if not p.nominal and v.pos_ not in ("VERB", "AUX") and not any(
            c.dep_ in ("nsubj", "nsubjpass", "dobj") for c in v.children):
        return f"'{v.text}' is a {v.pos_}, pattern wants a verb"
    if p.before or p.after:
        start, end = clause_span(v)
        words_after = {w for t in v.doc[v.i + 1:end] for w in (t.lower_, t.lemma_.lower())}
        words_before = {w for t in v.doc[v.sent.start:v.i] for w in (t.lower_, t.lemma_.lower())}
        missing = [w for w in p.after if w not in words_after] + \
                  [w for w in p.before if w not in words_before]
        if missing:
            return f"words {missing} not found around the verb"
    if p.complement_aux and not any(
            a.dep_ == "aux" and a.lower_ in p.complement_aux and not _inverted(a, c)
            for c in v.children if c.dep_ in ("ccomp", "parataxis") for a in c.children):
        return f"no that-clause with {'/'.join(p.complement_aux)}"
    if p.complement and not {w for t in complement_words(v) for w in (t.lemma_.lower(), t.lower_)} \
            & _inflected(p.complement):
        return f"no that-clause saying {'/'.join(p.complement[:4])}..."
    # the verb's subjects, found once for the three checks below that read them
    subj = subjects(v, lex) if not p.nominal or p.subject else []
    if not p.nominal and any(t.lemma_.lower() in lex.get("poll_shares", ()) or t.lower_ == "%"
                             for t in subj):
        # "70 percent of Americans say ...", "a majority of insiders said": a poll's finding
        return "the subject is a poll's share, no actor's act"
    if not p.nominal and any(t.lemma_.lower() in lex.get("statute_nouns", ()) and t.pos_ == "NOUN"
                             for t in subj):
        # "the new law bars employers from ...", "state laws requiring electors to ...":
        # the law's content, in force; not an act of the day
        return "the subject is a law: what it says, no act"
    if not p.nominal and any(t.lemma_.lower() in lex.get("natural_hazard_nouns", ()) and t.pos_ == "NOUN"
                             for t in subj):
        # "an earthquake killed hundreds", "floods destroyed the bridge": nobody's act
        return "the subject is a natural hazard, no actor"
    if not p.nominal and _phrasal_other_sense(v, lex):
        return f"'{v.text} {_phrasal_other_sense(v, lex)}' is another verb"
    if p.subject and not {w for t in subj for w in (t.lemma_.lower(), t.lower_)} \
            & set(p.subject):
        return f"subject not one of {'/'.join(p.subject[:4])}..."
    if p.own_subject and not any(c.dep_ in ("ccomp", "xcomp", "advcl") and _infinitive(c) and _own_actor(c, v)
                                 for c in v.children):
        return "no infinitive complement with a doer of its own ('wants X to ...')"
    if p.not_prep and _word_after(v, p.not_prep):
        return f"with '{'/'.join(p.not_prep)}': another sense of the verb"
    if p.request_sense:
        why = not_a_request(v, lex)
        if why:
            return why
    if p.not_predicative and any(c.dep_ == "oprd" for c in v.children):
        return "the object has a predicate ('called them X'): another sense of the verb"
    if p.intransitive and any(c.dep_ in ("dobj", "ccomp") for c in v.children):
        return "has an object or clause; pattern is intransitive"
    if p.needs_complement and not any(
            c.dep_ in ("dobj", "xcomp") or (c.dep_ == "prep" and c.lower_ in ("to", "on", "upon"))
            or (c.dep_ == "ccomp" and _conduct(c, lex)) for c in v.children):
        return "no object, infinitive, to/on phrase or clause of conduct: assent to a view, no promise"
    if p.not_infinitive and any(c.dep_ == "xcomp" and to_infinitive(c) for c in v.children):
        return "has an infinitive complement: another sense of the verb"
    if p.particle:
        prts = {c.lower_ for c in v.children if c.dep_ in ("prt", "advmod", "prep")}
        if not prts & set(p.particle):
            return f"no particle {'/'.join(p.particle)}"
    if p.object or p.not_object:
        lemmas = {t.lemma_.lower() for t in object_phrase(v)}
        if p.nominal:   # the noun's own kind: "a prisoner swap", "a threatened strike"
            lemmas |= {w for c in v.children if c.dep_ in ("compound", "amod", "nmod")
                       for w in (c.lemma_.lower(), c.lower_)}
        if p.prep:  # the pattern's own preposition: "put under investigation", "on alert"
            lemmas |= {g.lemma_.lower() for c in v.children
                       if c.dep_ == "prep" and c.lower_ in p.prep
                       for g in c.children if g.dep_ == "pobj"}
        if p.object and not lemmas & set(p.object):
            return (f"object {sorted(lemmas) or '(none)'} not in {list(p.object)[:6]}")
        if p.not_object and lemmas & set(p.not_object):
            return f"object {sorted(lemmas & set(p.not_object))} excluded"
    if p.xcomp:
        # ("vowed never to give up its arsenal" promises nothing to anyone)
        xs = [c for c in complement_verbs(v, lex) if c.lemma_ in p.xcomp and not _phrasal_other_sense(c, lex)]
        if not xs:
            return f"no complement verb in {list(p.xcomp)[:6]}"
    if p.prep:
        heads = [v] + object_phrase(v)
        # (not a time: "launched a strike on Monday" names no one struck)
        have = {c.lower_ for h in heads for c in h.children if c.dep_ in ("prep", "agent", "dative")
                and not any(g.dep_ == "pobj" and g.lower_ in lex.get("time_nouns", ()) for g in c.children)}
        if not have & set(p.prep):
            return f"no preposition {'/'.join(p.prep)}"
    return None


def _conduct(clause, lex) -> bool:
    """Does a that-clause say what someone will or must do ("agreed that they would not
    accept the plan"), not what is so ("agreed that the talks had failed")?"""
    return any(a.dep_ == "aux" and a.lower_ in lex.get("conduct_aux", ()) for a in clause.children)


def _phrasal_other_sense(v, lex) -> str | None:
    """The particle that makes ``v`` another verb (lexicon other_sense_phrasals: "give up",
    "give in"), or None."""
    for c in v.children:
        if c.dep_ == "prt" and f"{v.lemma_.lower()} {c.lower_}" in lex.get("other_sense_phrasals", ()):
            return c.text
    return None


def _names_someone(o) -> bool:
    """Is the object a name or a personal pronoun ("questioned Smith", "questioned them"),
    not a thing ("questioned Smith's claim")? (An actor noun, "the envoy", is found by the
    actor index.)"""
    return o.pos_ == "PROPN" or (o.pos_ == "PRON" and o.lower_ not in ("it", "this", "that", "what", "which"))


def _word_after(v, words) -> bool:
    """Is the word right after the verb one of ``words``, a preposition or particle (not
    "on Monday they seized")? Whatever the parser hung it on: in "called for the police to
    act" the "for" is often the subordinator of the infinitive, yet it makes "call for"."""
    if v.i + 1 >= len(v.doc):
        return False
    w = v.doc[v.i + 1]
    return w.lower_ in words and (
        (w.head.i == v.i and w.dep_ in ("prep", "prt")) or
        (w.dep_ == "mark" and w.head.head.i == v.i and w.head.i != v.i))


WH_WORDS = ("whether", "if", "what", "why", "how", "who", "whom", "whose", "where", "when", "which")


def not_a_request(v, lex) -> str | None:
    """Why "asked"/"sought" on ``v`` asks for nothing, or None. A question is no appeal
    ("was asked whether X would ...", "asked about X", "'...?' he asked."); "sought to end
    the strike" tries (an attempt, lexicon attempt_governors); "asked not to be named" and
    "requested anonymity" are a news source's terms, not a political request."""
    kids = list(v.children)
    clauses = [c for c in kids if c.dep_ in ("ccomp", "xcomp", "advcl")]
    for c in clauses:
        first = v.doc[c.left_edge.i]
        if first.lower_ in WH_WORDS or any(m.dep_ == "mark" and m.lower_ in ("whether", "if")
                                           for m in c.children):
            return f"asks a question ('{first.text} ...'), requests nothing"
        if c.dep_ == "xcomp" and c.lemma_.lower() in ("name", "identify", "quote") and \
                any(a.dep_ == "auxpass" for a in c.children):
            return "a source asking not to be named, no political request"
    if any(c.dep_ == "prep" and c.lower_ == "about" for c in kids):
        return "asks about something: a question"
    if {t.lemma_.lower() for t in object_phrase(v)} & {"question", "query", "anonymity"}:
        return "asks a question (or anonymity), requests nothing"
    if v.lemma_.lower() in lex.get("attempt_governors", ()) and any(
            c.dep_ == "xcomp" and _infinitive(c) and not _own_actor(c, v) for c in kids):
        return f"'{v.text} to ...' tries, it asks no one"
    if v.lemma_.lower() == "ask" and not any(
            c.dep_ in ("ccomp", "xcomp", "advcl") or (c.dep_ in ("dobj", "dative", "nsubjpass")
                                                      and not _names_someone(c)) or
            (c.dep_ == "prep" and c.lower_ in ("for", "to")) for c in kids):
        return "'asked' with nothing asked for: a question (the speech tag of a quote)"
    return None


@dataclass
class Candidate:
    pattern: Pattern
    pairs: list


def aerial_subject(v, lex) -> bool:
    """The killer is an aircraft or an air strike ("helicopter gunships killed", "US
    Predator attacks have killed"): the subject head or one of its compounds."""
    nouns = set(lex.get("aerial_weapon_nouns", ()))
    for c in v.children:
        if c.dep_ in ("nsubj", "agent"):
            heads = [c] if c.dep_ == "nsubj" else [g for g in c.children if g.dep_ == "pobj"]
            for h in heads:
                if any(k.lower_ in ("suicide", "car", "truck") for k in h.children):
                    continue   # a suicide or car bomber is a person, not an aircraft
                words = [h] + [k for k in h.children if k.dep_ == "compound"]
                if any(w.lemma_.lower() in nouns or w.lower_ in nouns for w in words):
                    return True
    return False


def _who(a: dict | None):
    """An actor's identity for 'the same dyad': its id, else its code and text (two actors
    without an id, "the Red Cross" and "the administration", are not the same one)."""
    if a is None:
        return None
    return a.get("actor_id") or (a.get("code"), a.get("text"))


def _agent(a: dict | None) -> str:
    return ((a or {}).get("agent") or "").upper()


def _state_force(a: dict, lex) -> bool:
    """Is the actor a state's armed forces, or a state named as such ("Israel",
    "Pretoria")?"""
    agent = (a.get("agent") or "").upper()
    return agent in {x.upper() for x in lex.get("armed_agents", ())} or (
        agent in ("", "GOV") and (a.get("actor_id") or "").startswith("country:"))


def _verbal_attack(v, s: dict | None, t: dict | None, lex) -> bool:
    """"The senator attacked the judge", "the party attacked the minister": words, not force.
    The attacker is a person (no armed sector) or a political organisation, never a
    state; the attacked is a person or a political body."""
    if s is None or t is None or v.lemma_.lower() not in lex.get("verbal_attack_verbs", ()):
        return False
    political = {x.upper() for x in lex.get("political_agents", ())}
    armed = {x.upper() for x in lex.get("armed_or_violent_agents", ())}
    sid, tid = s.get("actor_id") or "", t.get("actor_id") or ""
    if _agent(s) in armed or _agent(t) in armed or sid.startswith(("country:", "place:")) or \
            tid.startswith(("country:", "place:")):
        return False
    speaker = sid.startswith("person:") or _agent(s) in political
    attacked = tid.startswith("person:") or _agent(t) in political - {"GOV"}
    return speaker and attacked


FORCE_ROOTS = ("18", "19", "20")
# Roots whose past participle on a noun with its by-agent tells the event itself
# ("hostages held by X", "villagers killed by Y", "a truce brokered by Z", "a strike called
# by the unions"); others mostly tell what a thing is ("forces backed by artillery", "a
# letter signed by doctors", "an act signed into law by X").
PARTICIPLE_ROOTS = ("04", "08", "14", "17", "18", "19", "20")


def _without_own_state(pairs: list) -> list:
    """"Russia's attack on Ukraine and sanctions against Moscow": when an act of force has
    a foreign target, the attacker's own state or capital among its other targets is a
    parse of something else, not a target (its own rebels or police may be: civil war)."""
    def country(a):
        return (a or {}).get("country")

    def own_state(s, t):
        return t is not None and country(s) and country(t) == country(s) and \
            (t.get("agent") or "") in ("", "GOV")
    if not any(t is not None and country(s) and country(t) and country(t) != country(s)
               for s, t in pairs):
        return pairs
    return [(s, t) for s, t in pairs if not own_state(s, t)] or pairs


def make_event(p: Pattern, v, s, t, sent, sent_index, lex, actors) -> dict:
    cb = get_codebook()
    # packaged patterns are validated against the codebook; a user dictionary may bring
    # its own codes (PETRARCH's WEIS-style "1717"), kept as written
    code = p.cameo
    if code == "1823" and v.lemma_.lower() in lex.get("unspecified_kill_verbs", ()) and \
            s is not None and (s.get("agent") or "").lower() in lex.get("armed_agents", ()):
        code = "190"  # armed forces killing, weapon not said: conventional force (CAMEO 190)
    if code[:2] == "18" and v.lemma_.lower() in lex.get("state_force_verbs", ()) and \
            s is not None and _state_force(s, lex):
        # a raid by a state's armed forces (or the state itself: "Ankara raided rebel bases")
        # is conventional military force (190), by its armed forces
        code = "190"
        if s.get("agent") == "GOV" and (s.get("actor_id") or "").startswith("country:"):
            s = {**s, "agent": "MIL", "code": s["country"] + "MIL"}
    if code in ("1823", "190") and (v.lemma_.lower() in lex.get("unspecified_kill_verbs", ()) or
                                    v.lemma_.lower() in lex.get("aerial_attack_verbs", ())) \
            and aerial_subject(v, lex):
        code = "195"  # "aircraft/drone strikes killed ...": aerial weapons (CAMEO 195)
    if code == "190" and v.lemma_.lower() in lex.get("unconventional_attack_verbs", ()) and \
            _agent(s) in {x.upper() for x in lex.get("irregular_agents", ())} and t is not None \
            and _agent(t) not in {x.upper() for x in lex.get("armed_targets", ())}:
        code = "180"  # irregulars attacking what is no armed force: unconventional violence
    if code == "173" and _agent(s) in {x.upper() for x in lex.get("irregular_agents", ())} and \
            t is not None and _agent(t) not in {x.upper() for x in lex.get("armed_targets", ())}:
        # rebels or gangs "holding", "detaining", "capturing" civilians or officials arrest no
        # one: no authority, so it is abduction, hostage-taking (CAMEO 181)
        code = "181"
    if code[:2] in ("18", "19") and _verbal_attack(v, s, t, lex):
        code = "111"  # a politician's attack on a politician is verbal: criticize
    if cb.has(code):
        info = cb.cameo(code)
        plover = cb.plover_for(code)
    else:  # a user dictionary with its own codes (e.g. PETRARCH's WEIS-style codes)
        code = p.cameo
        info = {"root": code[:2], "quad_class": None, "goldstein": None}
        plover = None
    neg = negation(v, lex)
    mod, attribution = modality(v, sent, lex, actors)
    start, end = clause_span(v)
    doc = v.doc
    conf = p.confidence
    if s is None or t is None:
        conf -= 0.15
    if p.nominal:
        conf -= 0.1
    return {
        "sentence_index": sent_index,
        "sentence": sent.text,
        "span": [doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)],
        "source": actor_object(s),
        "target": actor_object(t),
        "cameo": code,
        "cameo_root": info["root"],
        "quad_class": info["quad_class"],
        "goldstein": info["goldstein"],
        "plover": plover,
        "verb": {"text": v.text, "lemma": v.lemma_, "span": [v.idx, v.idx + len(v.text)]},
        "negated": neg is not None,
        "modality": mod,
        "attribution": attribution,
        "pattern": p.id,
        "confidence": round(max(0.05, min(conf, 1.0)), 2),
        "_verb_i": v.i,
        "_clause": [start, end],
        "_negation_cue": neg,
        "_reporting": p.reporting,
        # recoded as an intent (events/plans.py); our patterns only: a user's keeps its codes
        "_plan": mod == "intended" and p.id in lex.get("own_patterns", ()) and planned(v, lex),
    }


def code_sentence(sent, sent_index: int, actors: ActorIndex, pset: PatternSet | None = None,
                  trace: list | None = None) -> list[dict]:
    """Events of one spaCy sentence span."""
    pset = pset or get_patterns()
    lex = pset.lexicon
    if not actors.any_in(sent.start, sent.end):
        if trace is not None:
            trace.append(Try(sent.start, "", "-", "", False, "no actor in the sentence"))
        return []
    events: list[dict] = []
    nominal: list[dict] = []
    surface = _surface_index(pset)
    for v in sent:
        if v.dep_ in ("aux", "auxpass"):
            continue  # "have met": the auxiliary is not an event
        lemma = v.lemma_.lower()
        index = pset.by_noun if v.pos_ in ("NOUN", "PROPN") else pset.by_verb
        if lemma not in index:
            # the lemmatizer slips ("staged" -> "stag"): fall back on our own inflections
            lemma = surface[0 if index is pset.by_verb else 1].get(v.lower_, lemma)
        cands = index.get(lemma, [])
        if v.lower_ != lemma and v.lower_ in index:  # surface-form entries (PETRARCH "LEFT")
            cands = cands + [p for p in index[v.lower_] if p not in cands]
        if not cands:
            continue
        blocked = non_factive(v, lex)
        participle = passive_participle(v)
        habit = habitual(v, lex)
        fired: list[Candidate] = []
        for p in cands:
            why = check_pattern(p, v, lex)
            if why is None and p.thing_object and any(
                    _names_someone(o) or o.i in actors.by_token or o.lemma_.lower() in lex.get("questioned_people", ())
                    for o in v.children if o.dep_ in ("dobj", "nsubjpass")):
                why = "its object is someone (questioned, not doubted): another sense of the verb"
            if why is None and blocked and not p.nominal:
                why = f"only proposed/demanded under '{blocked}' (the governing verb is coded)"
            if why is None and habit and not p.nominal:
                why = f"a habit or a life's story ('{habit}'), no discrete occurrence"
            if why is None and p.nominal:
                why = unrealised(v, lex)
            pairs = None
            if why is None:
                pairs, why = pairs_for(p, v, lex, actors)
                why = why or None
                if why is None and p.cameo[:2] in FORCE_ROOTS:
                    pairs = _without_own_state(pairs)
            if why is None and p.source_agents:
                pairs = [(s, t) for s, t in pairs if _agent(s) in p.source_agents]
                if not pairs:
                    why = f"no source of sector {'/'.join(p.source_agents)}"
            if why is not None and p.source_agents and "LAB" in p.source_agents and \
                    check_pattern(p, v, lex) is None and not unrealised(v, lex):
                # "a strike by 3,000 pilots": whoever strikes is labour
                pairs = implied_workers(p, v, lex, actors)
                why = None if pairs else why
            if trace is not None:
                trace.append(Try(v.i, v.text, p.id, p.cameo, why is None, why or "fired"))
            if why is None:
                fired.append(Candidate(p, pairs))
        if not fired:
            continue
        # most constraints first; an entry written for this very word form ("left") beats
        # one for its lemma ("leave")
        # (equally specific: the reading that finds a target, then the deeper code)
        best = max(fired, key=lambda c: (c.pattern.specificity + 0.5 * (
            v.lower_ != lemma and v.lower_ in c.pattern.verbs + c.pattern.nouns),
            any(t is not None for _, t in c.pairs), len(c.pattern.cameo)))
        if trace is not None:
            for tr in trace:
                if tr.token_i == v.i and tr.fired and tr.pattern != best.pattern.id:
                    tr.fired = False
                    tr.reason = f"fits, but the more specific {best.pattern.id} wins"
        if participle and best.pattern.cameo[:2] not in PARTICIPLE_ROOTS:
            # (the best reading's, not the next best's: "aid sent by Japan" is aid, not a visit)
            if trace is not None:
                for tr in trace:
                    if tr.token_i == v.i and tr.pattern == best.pattern.id:
                        tr.fired = False
                        tr.reason = "a participle on a noun: of this kind it tells what the thing is, not an event"
            continue
        for s, t in best.pairs:
            ev = make_event(best.pattern, v, s, t, sent, sent_index, lex, actors)
            (nominal if best.pattern.nominal else events).append(ev)
            if best.pattern.paired and s is not None and t is not None:
                # the mirror event ("A visits B" -> "B hosts A")
                mirror = make_event(best.pattern, v, t, s, sent, sent_index, lex, actors)
                mirror.update(cameo=best.pattern.paired, cameo_root=best.pattern.paired[:2],
                              _mirror=True)
                events.append(mirror)
    # A nominal event inside a coded verb's phrase repeats it ("announced sanctions
    # against X", "held talks with Y"): keep the verbal one.
    proposing = lex.get("non_factive_governors", set()) | lex.get("intent_governors", set()) | \
        lex.get("refusal_governors", set())
    for ev in nominal:
        noun = sent.doc[ev["_verb_i"]]
        # (a request, demand or threat was made even when it is rejected or renewed)
        if ev["cameo_root"] not in SPOKEN_ROOTS and any(
                sent.doc[ve["_verb_i"]].lemma_.lower() in proposing and noun.i != ve["_verb_i"]
               and noun in object_phrase(sent.doc[ve["_verb_i"]]) for ve in events):
            # "proposed a meeting", "called for talks", "rejected a ceasefire": the coded
            # proposal is the event; the thing proposed has not happened
            continue
        dup = False
        for ve in events:
            verb = sent.doc[ve["_verb_i"]]
            if ve["cameo_root"] == ev["cameo_root"] and (
                    verb.i == noun.head.i or noun in verb.subtree and noun.i != verb.i) \
                    and not _time_adjunct(noun, verb):
                dup = True
                break
            if ve["cameo_root"] == ev["cameo_root"] and \
                    _who(ve["source"]) == _who(ev["source"]) and _who(ve["target"]) == _who(ev["target"]):
                dup = True
                break
        if not dup:
            events.append(ev)
    events.extend(announced_refusals(events))
    events = reporting_frames(events, sent.doc, trace)
    events.sort(key=lambda e: e["_verb_i"])
    mark_main_event(events, sent, lex)
    return events


# Prepositions of an earlier or later event: "after talks with X, S flew to Y" tells two
# events, not one.
SEQUENCE_PREPS = ("after", "following", "before", "during", "since", "until", "ahead")


def _time_adjunct(noun, verb) -> bool:
    """Is ``noun`` inside a time adjunct of ``verb`` ("after talks with X", "following a
    meeting with Y"), another event than the verb's?"""
    t = noun
    while t.i != verb.i and t.head.i != t.i:
        if t.lower_ in SEQUENCE_PREPS and t.dep_ in ("prep", "mark", "advcl", "advmod"):
            return True
        t = t.head
    return False


def _is_media(a: dict) -> bool:
    return a.get("agent") == "MED" or (a.get("code") or "").endswith("MED")


def carries_event(v, verbs) -> bool:
    """Does the clause that ``v`` governs (its that-clause, quote or complement) hold
    another coded event's verb?"""
    return any(c.dep_ in ("ccomp", "parataxis", "xcomp") and
               any(o != v.i and v.doc[o] in c.subtree for o in verbs)
               for c in v.children)


def reporting_frames(events: list[dict], doc, trace=None) -> list[dict]:
    """A verb of saying (a ``reporting`` pattern: "said", "told") is a statement event
    only when it has a political addressee and its content is not itself coded: "X said
    (that) Y did Z" is Z with X as attribution; "X said", "X told reporters/Reuters"
    are no events (CAMEO 010 'make statement' would only count that someone spoke)."""
    verbs = {e["_verb_i"] for e in events}
    out = []
    for e in events:
        if e.get("_reporting"):
            v = doc[e["_verb_i"]]
            why = None
            if e["target"] is None:
                why = "a verb of saying with no addressee: not an event"
            elif _is_media(e["target"]):
                why = "said to the media: not an event"
            elif carries_event(v, verbs - {v.i}):
                why = "its content is coded as an event: the speaker is that event's attribution"
            if why:
                if trace is not None:
                    trace.append(Try(v.i, v.text, e["pattern"], e["cameo"], False, why))
                continue
        out.append(e)
    return out


def announced_refusals(events: list[dict]) -> list[dict]:
    """"Syria will not accept more refugees", "Turkey would not release the prisoners":
    an announced non-cooperation is itself an event, a rejection (CAMEO 12x; the code
    from Codebook.refusal_code). The negated act stays, marked negated; the refusal is
    added with pattern ``refusal:<pattern of the act>``. Past negations ("did not
    attend") are not refusals: nothing is added for them."""
    cb = get_codebook()
    out = []
    for ev in events:
        if not (ev["negated"] and ev["modality"] == "intended" and cb.has(ev["cameo"])):
            continue
        code = cb.refusal_code(ev["cameo"])
        if not code or not cb.has(code) or any(
                e["_verb_i"] == ev["_verb_i"] and e["cameo_root"] == "12" for e in events):
            continue
        info = cb.cameo(code)
        out.append({**ev, "cameo": code, "cameo_root": info["root"],
                    "quad_class": info["quad_class"], "goldstein": info["goldstein"],
                    "plover": cb.plover_for(code), "negated": False, "_negation_cue": None,
                    "modality": "reported" if ev.get("attribution") else "asserted",
                    "pattern": "refusal:" + ev["pattern"],
                    "confidence": round(max(0.05, ev["confidence"] - 0.05), 2)})
    return out


def _depth(tok) -> int:
    d = 0
    while tok.head.i != tok.i and d < 20:
        tok, d = tok.head, d + 1
    return d


def mark_main_event(events: list[dict], sent, lex) -> None:
    """Set ``_main`` on the events of the sentence's main event (cf. GDELT IsRootEvent,
    one event per sentence as in the CAMEO manual and the PLOVER GSR): the coded verb
    highest in the dependency tree, not counting a reporting frame ("X said that ...")
    whose clause carries another coded event, nor a negated one; ties go to the verb whose events name
    both sides, then to the higher confidence, then the earlier verb. All events of the
    chosen verb (coordinated actors, mirrors) are main events."""
    if not events:
        return
    doc = sent.doc
    verbs = {e["_verb_i"] for e in events}

    def frame(e) -> bool:
        v = doc[e["_verb_i"]]
        if e["cameo_root"] != "01":
            return False
        return any(c.dep_ in ("ccomp", "parataxis", "xcomp") and
                   any(o != v.i and doc[o] in c.subtree for o in verbs)
                   for c in v.children)

    def key(e):
        v = doc[e["_verb_i"]]
        both = e["source"] is not None and e["target"] is not None
        return (e["negated"], frame(e), _depth(v), not both, -e["confidence"], v.i)

    best = min(events, key=key)["_verb_i"]
    for e in events:
        e["_main"] = e["_verb_i"] == best


_SURFACE_CACHE: dict[int, tuple] = {}


def _surface_index(pset: PatternSet) -> tuple[dict, dict]:
    """surface form -> lemma for the pattern verbs and nouns (built once per pattern set)."""
    got = _SURFACE_CACHE.get(id(pset))
    if got is None or got[0] is not pset:
        verbs = {f: lem for lem in pset.by_verb for f in inflections(lem)}
        nouns = {f: lem for lem in pset.by_noun for f in inflections(lem)}
        got = (pset, verbs, nouns)
        _SURFACE_CACHE[id(pset)] = got
    return got[1], got[2]


def is_caption(text: str, lex) -> bool:
    low = text.lower()
    return any(cue in low for cue in lex["caption_cues"])


# ---------------------------------------------------------------- prefilter

@functools.lru_cache(maxsize=4)
def _cue_words(extra: tuple = ()) -> frozenset:
    pset = get_patterns(extra)
    words = set()
    for lemma in list(pset.by_verb) + list(pset.by_noun):
        words |= inflections(lemma)
    return frozenset(words)


_WORD = re.compile(r"[a-z]+(?:-[a-z]+)*")


def has_event_cue(text: str) -> bool:
    """Cheap test: does the text contain any surface form of a pattern verb or noun?"""
    words = _cue_words()
    return any(w in words for w in _WORD.findall(text.lower()))


def _inverted(aux, clause) -> bool:
    """A modal before its clause's subject opens a condition ("Should the talks fail,
    ..."), it lays no duty on anyone."""
    return any(c.dep_ in ("nsubj", "nsubjpass") and c.i > aux.i for c in clause.children)
