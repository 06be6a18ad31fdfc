"""What the content of reported speech does (events/quotes.py makes the records): in a
clause a speaker's verb of saying or quotation frames, an evaluation ("Y's plan is a
disgrace", "Y's figures do not add up", "Y's dangerous provocation"), an accusation ("Y had
misled voters", "the vote is rigged in Y's favour") or a demand that someone leave office
("Y must resign"). Parse helpers only, no actors; word lists: ``data/document/quotes.yaml``.
"""
from __future__ import annotations

import functools

from ..actors.docdata import cached_sections
from .patterns import Pattern

# Every list of quotes.yaml (events/quotes.py reads its own through ``words`` too)
LISTS = frozenset({"attack_nouns", "denied_praise", "negative_evaluations", "harm_verbs", "harm_objects", "contempt_nouns", "leadership_exits", "demand_modals",
                   "naming_verbs", "topic_preps", "topic_pronouns", "sides_phrases",
                   "conflict_roots", "denied_verbs", "negating_subjects", "quantifiers",
                   "deception_verbs", "bias_verbs", "disapproving_feelings", "feeling_preps",
                   "patient_nouns", "denying_speech_verbs", "evaluated_act_nouns",
                   "patient_of_nouns", "alleged_roots", "alleging_verbs", "alleging_agents",
                   "launch_words"})
MAPS = frozenset({"accusation_verbs"})

EVALUATE = Pattern(id="quote:evaluation", cameo="111", confidence=0.6)
DEMAND_EXIT = Pattern(id="quote:demand_exit", cameo="1041", confidence=0.6)
BIASED = Pattern(id="quote:biased", cameo="112", confidence=0.55)


@functools.lru_cache(maxsize=1)
def words() -> dict:
    return {k: (v if isinstance(v, dict) else tuple(v))
            for k, v in cached_sections("quotes.yaml", LISTS, MAPS).items()}


def _accusation(verb: str) -> Pattern:
    code = words()["accusation_verbs"][verb]
    return Pattern(id=f"quote:accuse_{verb}", cameo=code, confidence=0.55)


def _pobj(prep):
    """The object of a preposition token, or None."""
    return next((g for g in prep.children if g.dep_ == "pobj"), None)


def _prep_object(tok, preps, deps=("prep",)):
    """The object of the first of ``tok``'s prepositions in ``preps`` (any, for None) that
    has one ("of" in "none of the figures" -> figures), or None."""
    for c in tok.children:
        if c.dep_ in deps and (preps is None or c.lower_ in preps):
            g = _pobj(c)
            if g is not None:
                return g
    return None


def _modal_demand(v, w) -> bool:
    """"must resign", "should step down", "has to go", "needs to quit"."""
    modals = set(w["demand_modals"])
    if any(c.dep_ == "aux" and c.lower_ in modals for c in v.children):
        return True
    if v.dep_ == "xcomp" and v.head.lemma_ in ("have", "need"):
        return f"{v.head.lemma_} to" in modals
    return False


def _exit_verb(v, w) -> bool:
    lemma = v.lemma_.lower()
    prts = {c.lower_ for c in v.children if c.dep_ in ("prt", "advmod", "prep")}
    for x in w["leadership_exits"]:
        verb, _, particle = x.partition(" ")
        if lemma != verb:
            continue
        if particle:
            if particle in prts:
                return True
        elif verb == "go":
            # "must go" alone (not "must go further", "go to the polls")
            if not any(c.dep_ not in ("aux", "neg", "punct", "nsubj", "cc", "conj") for c in v.children):
                return True
        else:
            return True
    return False


def _content_acts(head, lex, w, actors):
    """(code pattern, cue token, subject token, token of the one it is about) of the acts a
    content clause states: an evaluation, an accusation, a demand that it leave office."""
    out = []
    for h in _clauses(head):
        if h.pos_ not in ("VERB", "AUX"):
            continue
        for n in _evaluated_acts(h, w):
            # "... after Y's dangerous provocation," X said
            out.append((EVALUATE, n, n, _owner(n)))
        biased = _favoured(h, w)
        if biased is not None:
            # "(the system) is stacked in favour of Y": Y is accused, whatever the subject
            out.append((BIASED, h, biased, biased))
            continue
        subs = [c for c in h.children if c.dep_ in ("nsubj", "nsubjpass")]
        if not subs and h.dep_ == "conj":
            subs = [c for c in h.head.children if c.dep_ in ("nsubj", "nsubjpass")]
        if not subs:
            continue
        subj = subs[0]
        preds = [c for c in h.children if c.dep_ in ("acomp", "attr")]
        preds += [m for p in preds for m in p.children if m.dep_ in ("amod", "conj")]
        denied = any(c.dep_ == "neg" for c in h.children) or subj.lower_ in w["negating_subjects"] \
            or any(c.dep_ == "neg" for p in preds for c in p.children)
        if denied or _no_object(h):
            if _phrase(h, w["denied_verbs"]):
                # "Y's figures do not add up", "none of Y's claims hold water"
                out.append((EVALUATE, h, subj, subj))
                continue
            agent = _deceiver(h, w)
            if agent is not None:
                # "voters will not be fooled by Y's promises"
                out.append((EVALUATE, h, subj, agent))
                continue
        if denied:
            # "is not a disgrace" says the opposite; "is not credible" is a judgement
            praise = [p for p in preds if p.lemma_.lower() in w["denied_praise"]]
            if praise:
                out.append((EVALUATE, praise[0], subj, subj))
            continue
        evaluative = [p for p in preds if _word(p) in w["negative_evaluations"]
                      or p.lemma_.lower() in w["negative_evaluations"]]
        if evaluative:
            out.append((EVALUATE, evaluative[0], subj, subj))
            continue
        lemma = h.lemma_.lower()
        if lemma in w["accusation_verbs"]:
            out.append((_accusation(lemma), h, subj, subj))
            continue
        objs = [c for c in h.children if c.dep_ in ("dobj", "obj")]
        if any(c.lemma_.lower() in w["contempt_nouns"] for c in objs) or \
                lemma in w["harm_verbs"] and any(c.lemma_.lower() in w["harm_objects"] for c in objs):
            out.append((EVALUATE, h, subj, subj))
            continue
        if _exit_verb(h, w) and _modal_demand(h, w):
            out.append((DEMAND_EXIT, h, subj, subj))
    return out


def _evaluated_acts(h, w) -> list:
    """Act nouns of clause ``h`` (not of clauses inside it) with an evaluation on them and
    an owner: "Y's dangerous provocation", "the reckless actions of Y"."""
    out = []
    stack = [c for c in h.children if c.dep_ not in ("ccomp", "conj", "advcl", "relcl", "parataxis")]
    while stack:
        t = stack.pop()
        if t.pos_ in ("VERB", "AUX") and (t.dep_ in ("ccomp", "advcl", "relcl", "parataxis") or
                                          any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children)):
            continue   # another clause, with its own speaker ("asked for help against what he called ...")
        stack.extend(t.children)
        if t.pos_ == "NOUN" and t.lemma_.lower() in w["evaluated_act_nouns"] and _owner(t) is not None \
                and any(c.dep_ == "amod" and c.pos_ == "ADJ" and _word(c) in w["negative_evaluations"]
                        and not any(d.dep_ == "neg" for d in c.children) for c in t.children):
            out.append(t)
    return sorted(out, key=lambda t: t.i)


def _owner(n):
    """The possessor or of/by-phrase of an act noun, or None (not "his government's": the
    speaker's own side)."""
    for c in n.children:
        if c.dep_ == "poss" and any(d.dep_ == "poss" and d.pos_ == "PRON" for d in c.children):
            return None
        if c.dep_ == "poss" and c.lower_ not in ("its", "their", "our", "my", "your"):
            return c
        if c.dep_ == "prep" and (c.lower_ == "by" or c.lower_ == "of" and
                                 n.lemma_.lower() not in words()["patient_of_nouns"]):
            g = _pobj(c)
            if g is not None:
                return g
    return None


def _word(tok) -> str:
    """The word with a hyphenated first part the parser split off ("self-serving")."""
    doc = tok.doc
    if tok.i >= 2 and doc[tok.i - 1].text == "-" and doc[tok.i - 1].whitespace_ == "" \
            and doc[tok.i - 2].whitespace_ == "":
        return f"{doc[tok.i - 2].lower_}-{tok.lower_}"
    return tok.lower_


def _phrase(h, phrases) -> bool:
    """Is ``h`` one of "verb word" phrases: its particle, object or complement ("add up",
    "hold water", "ring true")."""
    lemma = h.lemma_.lower()
    words_ = {c.lower_ for c in h.children if c.dep_ in ("prt", "dobj", "acomp", "advmod", "oprd")}
    for x in phrases:
        verb, _, word = x.partition(" ")
        if lemma == verb and (not word or word in words_):
            return True
    return False


def _no_object(h) -> bool:
    """"makes no sense", "holds no water": the object's "no" denies the clause."""
    return any(c.dep_ == "dobj" and any(d.dep_ == "det" and d.lower_ == "no" for d in c.children)
               for c in h.children)


def _deceiver(h, w):
    """The agent of a passive verb of deceiving ("taken in by Y's claims"), or None."""
    if not any(c.dep_ == "auxpass" for c in h.children) or not _phrase(h, w["deception_verbs"]):
        return None
    return _prep_object(h, None, deps=("agent",))


def _favoured(h, w):
    """The beneficiary of "stacked/rigged in favour of Y" ("in Y's favour"), or None."""
    if h.lemma_.lower() not in w["bias_verbs"] or any(c.dep_ == "neg" for c in h.children):
        return None
    for c in h.children:
        if c.dep_ == "prep" and c.lower_ == "in":
            for f in c.children:
                if f.dep_ == "pobj" and f.lemma_.lower() in ("favour", "favor"):
                    for x in f.children:
                        if x.dep_ == "poss":
                            return x
                        if x.dep_ == "prep" and x.lower_ == "of" and _pobj(x) is not None:
                            return _pobj(x)
    return None


def _clauses(head) -> list:
    """``head`` and the clauses coordinated with it ("has failed and must resign")."""
    out, stack = [], [head]
    while stack:
        t = stack.pop()
        out.append(t)
        stack.extend(c for c in t.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX"))
    return sorted(out, key=lambda t: t.i)
