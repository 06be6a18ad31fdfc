"""Lead events told in the passive with no agent: "a man was arrested on Friday", "two
guards were charged with falsifying records", "she was taken into custody".

Such an act is often the story's main event, yet the sentence names only its patient,
who is often a person no dictionary knows. The act is done by the state's law
enforcement or courts, so:

* the **target** is the patient: its actor, else (a person's name, "a man", "the suspect",
  "he") a civilian of the one country the sentence's places name, else of the story's
  country; a patient that is neither (an organisation we do not know) gives no event;
* the **source** is the authority the story names, of the sectors the verb wants
  (``data/document/leads.yaml``: police for arrests, prosecutors or police for charges,
  courts for sentences): in the sentence first ("police said a man was arrested"), else
  the nearest mention elsewhere in the document; a mention without a country takes the
  patient's ("police" in a story about Kenya: KENCOP). No authority named: no source,
  as the gold guidelines keep a passive without a recoverable agent;
* the **code** is the verb's own pattern's (``data/patterns``), as in the active voice.

An event the pattern coder already made for the verb (its patient is a known actor) only
gets its missing source. Only asserted or reported acts are added (not "fear they will be
arrested"). Filled actors carry ``resolved_by: {how: "context:<rule>", chain}`` as in
``events/context``.
"""
from __future__ import annotations

import dataclasses
import functools
import re

from ..actors.docdata import cached_sections
from ..syntax import span_root
from .arguments import ActorIndex
from .grammar import is_passive, objects
from .patterns import PatternSet
from .segment import looks_like_headline

LISTS = frozenset({"person_nouns", "person_pronouns", "legal_codes", "not_authority"})
MAPS = frozenset({"legal_verbs", "words_needed"})
KEEP_MODALITIES = ("asserted", "reported", "hedged")


@functools.lru_cache(maxsize=1)
def words() -> dict:
    return {k: (v if isinstance(v, dict) else tuple(v))
            for k, v in cached_sections("leads.yaml", LISTS, MAPS).items()}


@functools.lru_cache(maxsize=1)
def _cue_regex():
    from .grammar import inflections
    forms = sorted({f for lemma in words()["legal_verbs"] for f in inflections(lemma)
                    if f.endswith(("ed", "en", "t")) or f == lemma}, key=len, reverse=True)
    return re.compile(r"\b(?:is|are|was|were|be|been|being|get|got|gets)\s+(?:\w+ly\s+)?(?:"
                      + "|".join(map(re.escape, forms)) + r")\b", re.IGNORECASE)


def has_lead_cue(text: str) -> bool:
    """Cheap test for the prefilter: does the sentence tell a legal act in the passive
    ("was arrested", "were charged")? Such a sentence is parsed even when it names no
    known actor: its patient is often a person no dictionary knows."""
    return bool(_cue_regex().search(text))


def _passive_head(v):
    """The passive verb whose patient ``v`` has: ``v`` itself, or for a participle
    coordinated with it ("was arrested and charged", "was found hiding in a shed and
    taken into custody") the passive verb up the coordination."""
    if is_passive(v):
        return v
    t = v
    if v.tag_ != "VBN" or v.dep_ != "conj":
        return None
    for _ in range(3):
        if t.dep_ not in ("conj", "advcl", "xcomp") or t.head is t:
            return None
        t = t.head
        if is_passive(t):
            return t
    return None


def _passive_legal(v, w) -> bool:
    lemma = v.lemma_.lower()
    if v.pos_ != "VERB" or lemma not in w["legal_verbs"]:
        return False
    if _passive_head(v) is None:
        return False
    need = w["words_needed"].get(lemma)
    if need:
        clause = {t.lemma_.lower() for t in v.subtree}
        if not clause & set(need if isinstance(need, list) else [need]):
            return False
    return True


def _status(v) -> bool:
    """A present-tense passive ("is charged with five counts", "are detained in a camp")
    says what the patient's legal state is, not that the act happened now: the story's
    past-tense sentence tells the act."""
    return any(c.dep_ == "auxpass" and c.tag_ in ("VBZ", "VBP") for c in v.children)


def _patients(v) -> list:
    head = _passive_head(v)
    return objects(head) if head is not None else []


def _patient_key(ev: dict) -> tuple:
    """The act and whom it was done to: the actor's id, else its name's last word ("Jan
    Novak" ... "Novak"), else its code."""
    t = ev.get("target") or {}
    words = (t.get("text") or "").split()
    who = t.get("actor_id") or (words[-1].lower() if words and words[-1][:1].isupper() else None) \
        or (t.get("code"), tuple(t.get("span") or ()))
    return ev["cameo"], who


def _generic(v, patient) -> bool:
    """"a person who was convicted of ...", "anyone who is arrested": a word for people in
    general described by the relative clause of the act is a kind of person, not someone
    the act happened to."""
    head = _passive_head(v)
    return head is not None and head.dep_ == "relcl" and head.head.i == patient.i and (
        patient.lower_ in GENERIC_PEOPLE and not any(
            c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these", "those")
            for c in patient.children))


# Words for a kind of person in "a person who was convicted", "anyone who is arrested"
# ("an activist who was arrested" is someone the story tells about).
GENERIC_PEOPLE = ("person", "persons", "people", "individual", "individuals", "anyone",
                  "anybody", "everyone", "someone", "somebody", "whoever", "one")


def _agent_actor(v, actors: ActorIndex):
    """The by-agent's actor ("charged by a military court"), or None."""
    for c in v.children:
        if c.dep_ == "agent":
            for g in c.children:
                if g.dep_ == "pobj":
                    a = actors.at(g)
                    if a is not None:
                        return a
    return None


def _place_country(sent, actors: ActorIndex) -> str | None:
    """The one country the sentence's places name (not its demonyms or sectors)."""
    doc = sent.doc
    found = {a["country"] for i in range(sent.start, sent.end)
             for a in [actors.by_token.get(i)] if a is not None and a.get("country")
             and a.get("resolved_by") != "demonym" and (
                 (a.get("actor_id") or "").startswith("place:") and not a.get("agent")
                 # a capital as the place of the act ("arrested in Manila"), not its
                 # government (a metonym elsewhere)
                 or a.get("resolved_by") == "metonym" and doc[i].dep_ == "pobj"
                 and doc[i].head.lower_ in ("in", "at", "near", "outside"))}
    return next(iter(found)) if len(found) == 1 else None


def _last_place_country(doc, sent, actors: ActorIndex) -> str | None:
    """With no country for the story as a whole, the country of the last place named
    before the sentence (within the three sentences before it): where the story is."""
    sents = [s for s in doc.sents if s.end <= sent.start][-3:]
    if not sents:
        return None
    for i in range(sent.start - 1, sents[0].start - 1, -1):
        a = actors.by_token.get(i)
        if a is not None and a.get("country") and (
                (a.get("actor_id") or "").startswith("place:") or a.get("resolved_by") == "metonym"):
            return a["country"]
    return None


def _authority_country(sent, sectors, mentions) -> str | None:
    """The country of an authority of ``sectors`` named in the sentence ("Kenyan police
    said the suspect was detained": the suspect is held in Kenya)."""
    for t, a in mentions:
        if sent.start <= t.i < sent.end and a.get("country") and \
                (a.get("agent") or "").upper() in sectors:
            return a["country"]
    return None


def _unknown_person(tok, w) -> bool:
    if tok.pos_ == "PRON":
        return tok.lower_ in w["person_pronouns"]
    if tok.pos_ == "PROPN":
        return True     # a name no dictionary knows ("Jan Kowalski")
    return tok.lemma_.lower() in w["person_nouns"] or tok.lower_ in w["person_nouns"]


def _person(tok, country: str, how: str) -> dict:
    """An unknown person as a civilian of ``country`` (an implied actor, see module doc)."""
    left = min(t.i for t in tok.subtree if t.dep_ in ("compound", "det", "amod", "nummod")
               or t.i == tok.i)
    left = max(left, tok.i - 4)
    text = tok.doc[left:tok.i + 1].text
    return {"text": text, "name": None, "code": country + "CVL", "country": country,
            "agent": "CVL", "actor_id": None, "span": [tok.doc[left].idx, tok.idx + len(tok.text)],
            "resolved_by": {"how": "context:" + how, "chain": []}}


def _mentions(doc, actors: ActorIndex):
    """The document's actor mentions as the phrase around each gives them (a bare
    "police" inside "police in Ohio" takes Ohio's country), in text order."""
    seen, out = set(), []
    for a in doc._.actors or []:
        ts = a.get("token_span")
        if not ts or not a.get("span") or id(a) in seen:
            continue
        seen.add(id(a))
        tok = span_root(doc, a["span"])
        if tok is None:
            continue
        if tok.lemma_.lower() in words()["not_authority"] and not any(
                c.dep_ in ("compound", "amod") for c in tok.children):
            continue   # "her lawyer" (but "the district attorney" is a prosecutor)
        got = actors.at(tok) or a
        out.append((tok, got))
    return out


def _authority(doc, v, sent, sectors, country, mentions, skip_spans):
    """The authority of ``sectors`` the story names for the act on ``v``: in its sentence
    first, then the nearest mention before, then after. A mention with another country
    is not it; one without a country takes ``country``."""
    def fits(a, sector):
        return (a.get("agent") or "").upper() == sector and \
            (not a.get("country") or country is None or a.get("country") == country) and \
            tuple(a.get("span") or ()) not in skip_spans

    here = [(t, a) for t, a in mentions if sent.start <= t.i < sent.end]
    before = [(t, a) for t, a in reversed(mentions) if t.i < sent.start]
    after = [(t, a) for t, a in mentions if t.i >= sent.end]
    for scope, how in ((here, "authority-in-sentence"), (before + after, "authority-in-story")):
        for sector in sectors:
            for t, a in scope:
                if fits(a, sector):
                    return _as_source(a, country, how)
    return None


def _as_source(a, country, how) -> dict:
    out = {k: a.get(k) for k in ("text", "name", "code", "country", "agent", "actor_id", "span")}
    if not out.get("country") and country:
        out.update(country=country, code=country + (a.get("agent") or ""))
    step = {"text": a.get("text"), "span": a.get("span"),
            "resolved_by": a.get("resolved_by") if isinstance(a.get("resolved_by"), str) else None}
    if how == "authority-in-story":
        out.update(text=None, span=None)
    out["resolved_by"] = {"how": "context:" + how, "chain": [step]}
    return out


def passive_leads(doc, events: list[dict], actors: ActorIndex, pset: PatternSet) -> list[dict]:
    """The document's events with the passive legal acts completed and added (see the
    module docstring). ``events`` are in text order; the result is too."""
    from .coder import check_pattern, make_event
    w = words()
    lex = pset.lexicon
    by_verb: dict[tuple, list[dict]] = {}
    for e in events:
        by_verb.setdefault((e["sentence_index"], e["_verb_i"]), []).append(e)
    mentions = None
    added: list[dict] = []
    filled: dict[int, dict] = {}
    for k, sent in enumerate(doc.sents):
        if not any(t.lemma_.lower() in w["legal_verbs"] for t in sent) or looks_like_headline(sent, doc):
            continue
        for v in sent:
            if not _passive_legal(v, w):
                continue
            # (a passive's only object is its patient: the not_object words that keep
            # "captured a record" from being an arrest are checked on the patient alone,
            # not on the charge "with falsifying records")
            patients = _patients(v)
            cands = [p for p in pset.by_verb.get(v.lemma_.lower(), []) if not p.nominal
                     and p.cameo in w["legal_codes"]
                     and check_pattern(dataclasses.replace(p, not_object=()), v, lex) is None
                     and not any(t.lemma_.lower() in p.not_object for t in patients)]
            if not cands:
                continue
            p = max(cands, key=lambda x: (x.specificity, len(x.cameo)))
            if mentions is None:
                mentions = _mentions(doc, actors)
            sectors = w["legal_verbs"][v.lemma_.lower()]
            sectors = sectors if isinstance(sectors, list) else [sectors]
            have = by_verb.get((k, v.i), [])
            if have:
                for e in have:
                    if e["source"] is not None or e["negated"] or e["target"] is None or \
                            e["modality"] not in KEEP_MODALITIES:
                        continue
                    country = e["target"].get("country") or actors.home
                    if not country:
                        continue
                    src = _authority(doc, v, sent, sectors, country, mentions,
                                     {tuple(e["target"].get("span") or ())})
                    if src is not None:
                        filled[id(e)] = dict(e, source=src)
                continue
            if _status(v):
                continue
            for pat in patients:
                if _generic(v, pat):
                    continue
                tgt = actors.at(pat)
                if tgt is None and not _unknown_person(pat, w):
                    continue
                agent = _agent_actor(v, actors)
                country = (tgt or {}).get("country") or (agent or {}).get("country") or \
                    _place_country(sent, actors) or _authority_country(sent, sectors, mentions) \
                    or actors.home or _last_place_country(doc, sent, actors)
                if not country:
                    # the country of the authority the story names ("prosecutors in Manila")
                    found = _authority(doc, v, sent, sectors, None, mentions, set())
                    country = (found or {}).get("country")
                if not country:
                    continue
                if tgt is None:
                    tgt = _person(pat, country, "lead-patient")
                elif not tgt.get("country"):
                    if not tgt.get("agent") or tgt.get("actor_id"):
                        continue
                    tgt = {**{k: tgt.get(k) for k in ("text", "name", "agent", "actor_id", "span")},
                           "country": country, "code": country + tgt["agent"],
                           "resolved_by": {"how": "context:lead-patient", "chain": []}}
                if agent is not None:
                    # "charged by a military court": the text's own agent
                    src = _as_source(agent, country, "agent")
                    src.update(text=agent.get("text"), span=agent.get("span"))
                elif any(c.dep_ == "agent" for c in v.children):
                    continue   # an agent we cannot code: not the state's act for sure
                else:
                    src = _authority(doc, v, sent, sectors, country, mentions,
                                     {tuple(tgt.get("span") or ())})
                ev = make_event(p, v, src, tgt, sent, k, lex, actors)
                if ev["negated"] or ev["modality"] not in KEEP_MODALITIES:
                    continue
                ev.update(source=src, target=tgt, pattern="leads:passive:" + p.id, _main=False)
                ev["confidence"] = round(max(0.05, ev["confidence"] - 0.1), 2)
                added.append(ev)
    if not added and not filled:
        return events
    # "was detained and charged": one legal act against the patient in the sentence
    # ... and one real event, one record: the story's arrest of someone told again later
    # ("Ortiz, who was arrested on Monday, ...") is the act already coded
    told = {_patient_key(e) for e in events if e["cameo"] in w["legal_codes"]}
    seen, kept = set(), []
    for ev in added:
        key = (ev["sentence_index"], ev["cameo"], (ev["source"] or {}).get("code"),
               (ev["target"] or {}).get("code"), tuple((ev["target"] or {}).get("span") or ()))
        again = _patient_key(ev)
        if key not in seen and again not in told:
            seen.add(key)
            told.add(again)
            kept.append(ev)
    added = kept
    if not added and not filled:
        return events
    busy = {e["sentence_index"] for e in events}
    for ev in added:
        # the sentence's main event when the coder found none there ("A man was arrested.")
        ev["_main"] = ev["sentence_index"] not in busy and not any(
            x["sentence_index"] == ev["sentence_index"] and x["_main"] for x in added if x is not ev)
    out = [filled.get(id(e), e) for e in events] + added
    return sorted(out, key=lambda e: (e["sentence_index"], e["_verb_i"]))
