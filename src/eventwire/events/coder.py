"""The verb-pattern coder: from a dependency-parsed sentence with resolved actors to events.

For each verb (or event noun) whose lemma has patterns, every pattern is tried; the most
specific one that fires gives the CAMEO code. Source and target come from syntactic roles
(subject, object, prepositional objects, by-agent of a passive, possessor of a nominal),
expanded over coordination (one event per actor pair), and resolved to the actor mentions
in ``doc._.actors``. Negation, modality and attribution are read off the verb's own
dependents and the chain of governing verbs ("refused to sign", "said that ...").

``code_sentence`` optionally fills a ``trace`` list (pattern tried, fired or why not) that
``eventwire explain`` shows.
"""
from __future__ import annotations

import bisect
import functools
import re
import threading
from dataclasses import dataclass

from ..records import ACTOR_FIELDS
from .codebook import get_codebook
from .patterns import Pattern, PatternSet, get_patterns

SUBJ_DEPS = ("nsubj", "csubj")
NOMINAL_MODS = ("compound", "amod", "poss", "nmod", "appos", "npadvmod", "nummod")
CLAUSE_STOP = ("relcl", "acl", "ccomp", "advcl", "xcomp", "parataxis", "conj", "cc", "punct")
MODALITY_RANK = {"asserted": 0, "reported": 1, "intended": 2, "hedged": 3, "hypothetical": 4}


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


# ---------------------------------------------------------------- actors

class ActorIndex:
    """Token index -> actor mention, built once per doc from ``doc._.actors``."""

    def __init__(self, doc):
        # the country the document is about (actors/coref.home_country), or None
        self.home = doc.user_data.get("eventwire.home_country")
        self.by_token: dict[int, dict] = {}
        self.starts: list[int] = []
        for a in doc._.actors or []:
            ts = a.get("token_span")
            if not ts:
                continue
            for i in range(ts[0], max(ts[1], ts[0] + 1)):
                if a.get("members"):   # "the two leaders": the pair, not the bare noun
                    self.by_token[i] = a
                else:
                    self.by_token.setdefault(i, a)
            self.starts.append(ts[0])
        self.starts.sort()

    def any_in(self, start: int, end: int) -> bool:
        k = bisect.bisect_left(self.starts, start)
        return k < len(self.starts) and self.starts[k] < end

    def at(self, tok) -> dict | None:
        """The actor a noun phrase headed by ``tok`` refers to: its own mention first,
        then modifiers ("Chinese officials", "China's envoy"), then of/from/in/by-phrases
        ("officials of China", "companies within North Korea"). An agent-only head
        ("students", "government") takes the country found in its phrase."""
        found = self.at_all(tok)
        return found[0] if found else None

    def at_all(self, tok) -> list[dict]:
        """Like ``at``, plus the actors coordinated with a nested one ("ties with Mordor,
        Rohan and Bree")."""
        own = self.by_token.get(tok.i)
        if own is not None and own.get("members"):
            # "they", "the two sides": every actor the reference stands for
            return list(own["members"])
        if own is not None and own.get("country"):
            # "Bree President Romendacil": a modifier mention of the same country with a
            # more specific code describes the same person better
            for c in tok.children:
                m = self.by_token.get(c.i)
                if c.dep_ == "compound" and m is not None and m is not own and \
                        m.get("country") == own.get("country") and \
                        len(m.get("code") or "") > len(own.get("code") or ""):
                    return [m]
            return [own] + self._coordinated_modifiers(tok, own)
        if own is not None and (own.get("actor_id") or "").startswith("org:"):
            return [own]   # "aid workers of the Red Cross based in Yemen" are not Yemeni
        hit = self._search(tok)
        if hit is None:
            return [own] if own is not None else []
        found, where = hit
        more = [self.by_token[c.i] for c in conjuncts(where)[1:] if c.i in self.by_token]
        if own is None:
            if not more and found.get("agent") and not found.get("country") \
                    and not found.get("actor_id"):
                # "formal ties with the United States": a sector word modifies the
                # head, the country sits further down the phrase -> USAGOV
                # "the deployment of NATO peacekeeping troops": the found word's own
                # modifiers first, then the rest of the phrase
                deeper = self._search(where) or self._search(tok, skip={where.i})
                if deeper is not None and deeper[0].get("country"):
                    return [compose(found, deeper[0])]
                if deeper is not None and _is_org(deeper[0]):
                    return [compose_org(found, deeper[0])]
            return [found] + more
        if _armed_member(own, found):
            # "a Taliban suicide bomber", "Hamas gunmen": a fighter of an armed group is
            # the group (AFGREB), not the country's military
            return [{**found, "text": own.get("text"), "span": own.get("span"),
                     "token_span": own.get("token_span")}]
        if found.get("country") and own.get("agent"):
            # "the envoys of Chile, Peru and Bolivia": one composed actor each
            return [compose(own, f) for f in [found] + more if f.get("country")]
        if own.get("agent") and not own.get("country") and _is_org(found):
            # "NATO peacekeeping troops", "a U.N. war crimes court": the organisation's
            return [compose_org(own, found)]
        return [own]

    def _coordinated_modifiers(self, tok, own: dict) -> list[dict]:
        """"Indian and Pakistani diplomats", "Afghan and German security forces": the other
        countries coordinated in the head's modifiers, each with the head's sector."""
        out = []
        for c in tok.children:
            if c.dep_ not in ("amod", "compound", "nmod"):
                continue
            for x in conjuncts(c):
                m = self.by_token.get(x.i)
                if m is None or m is own or not m.get("country") or m.get("country") == own.get("country") \
                        or any(o.get("country") == m["country"] for o in out):
                    continue
                out.append(compose(own, m) if own.get("agent") else m)
        return out

    def _search(self, tok, skip=frozenset(), exclude: set | None = None):
        """The first actor in ``tok``'s phrase (breadth first, 3 levels): modifiers, then
        of/from/in/... phrases. ``exclude``: countries passed over ("its invasion of
        Afghanistan" with "its" = the invader)."""
        frontier, seen = [tok], {tok.i} | set(skip)
        weak = None   # a possessive pronoun ("his Japanese counterpart"): other words first
        for depth in range(3):
            nxt = []
            for t in frontier:
                kids = [c for c in t.children if c.dep_ in NOMINAL_MODS]
                kids += [g for c in t.children
                         if c.dep_ == "prep" and c.lower_ in ("of", "from", "in", "within", "at", "by", "with", "near", "along")
                         for g in c.children if g.dep_ == "pobj"]
                for c in kids:
                    if c.i in seen:
                        continue
                    seen.add(c.i)
                    if c.i in self.by_token and not (
                            exclude and self.by_token[c.i].get("country") in exclude):
                        if c.dep_ == "poss" and self.by_token[c.i].get("resolved_by") == "pronoun":
                            weak = weak or (self.by_token[c.i], c)
                            continue
                        return self.by_token[c.i], c
                    nxt.append(c)
            frontier = nxt
        return weak


def actor_object(a: dict | None) -> dict | None:
    """The event record's actor object; an actor found through the document ("he",
    "the ministry", "Botha") also says how: ``resolved_by: {how, chain}``, the chain
    leading back to the mention that names it."""
    if not a:
        return None
    out = {k: a.get(k) for k in ACTOR_FIELDS}
    if a.get("chain") is not None and a.get("resolved_by"):
        out["resolved_by"] = {"how": a["resolved_by"], "chain": a["chain"]}
    return out


# ---------------------------------------------------------------- syntax helpers

def conjuncts(tok) -> list:
    """``tok`` and the tokens coordinated with it ("China and Russia")."""
    out, stack = [], [tok]
    while stack:
        t = stack.pop()
        out.append(t)
        stack.extend(c for c in t.children if c.dep_ in ("conj", "appos")
                     and c.pos_ in ("PROPN", "NOUN", "PRON", "ADJ", "NUM", "X"))
        # the parser sometimes hangs the first members of a list on the last one as
        # nmod ("Chile, Peru and the new Bolivian cabinet welcomed ..."): a PROPN nmod
        # that carries its own coordination is a list member
        stack.extend(c for c in t.children if c.dep_ == "nmod" and c.pos_ == "PROPN"
                     and any(g.dep_ in ("cc", "conj") for g in c.children))
    return sorted(out, key=lambda t: t.i)


def is_passive(v) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in v.children)


def governor(v):
    """The verb that governs ``v`` through a complement/prepositional link, or None.
    Non-verbal links are skipped ("is about to restore", "is willing to yield")."""
    g = None
    if v.dep_ in ("xcomp", "ccomp", "advcl", "conj", "relcl", "acl", "parataxis") and v.head is not v:
        g = v.head
    elif v.dep_ in ("pcomp", "pobj") and v.head.dep_ == "prep":
        g = v.head.head
    if g is not None and g.pos_ in ("ADP", "ADV", "ADJ", "PART") and \
            g.dep_ in ("prep", "acomp", "advmod", "attr", "oprd", "xcomp") and g.head is not g:
        g = g.head
    return g


PRONOUNS = {"it", "he", "she", "they", "we", "its", "his", "her", "their"}


def subjects(v, lex, depth=0) -> list:
    """Subject tokens of verb ``v``: own subject, by-agent of a passive, or inherited."""
    if depth > 4:
        return []
    for c in v.children:
        if c.dep_ in SUBJ_DEPS:
            if c.lower_ in PRONOUNS and v.dep_ in ("ccomp", "conj") and v.head is not v and \
                    (v.head.lemma_ in lex["speech_verbs"] or v.head.lemma_ in lex["intent_governors"]):
                # "Beijing announced it will send ...", "X and Y agreed that they would not
                # ...": the pronoun is the speaker (or those who agreed)
                speaker = subjects(v.head, lex, depth + 1)
                if speaker:
                    return conjuncts(c) + speaker
            return conjuncts(c)
    if is_passive(v):
        agents = [g for c in v.children if c.dep_ == "agent" for g in c.children
                  if g.dep_ == "pobj" for g in conjuncts(g)]
        if agents or depth == 0:
            return agents
        # raising: "Russia is expected to sign" -> Russia signs
        return [t for c in v.children if c.dep_ == "nsubjpass" for t in conjuncts(c)]
    if v.dep_ == "acl" and v.head.lemma_.lower() in lex.get("message_nouns", ()) and \
            v.head.dep_ in ("dobj", "obj") and v.head.head.i != v.head.i:
        # "issued a declaration demanding ...": the issuer demands
        return subjects(v.head.head, lex, depth + 1)
    if v.dep_ in ("relcl", "acl") and v.head.pos_ in ("NOUN", "PROPN"):
        return [v.head]
    gov = governor(v)
    if gov is None:
        return orphan_subject(v)
    if v.dep_ == "xcomp" and gov.lemma_ in lex["object_control"]:
        objs = objects(gov) or [g for c in gov.children if c.dep_ == "prep" and c.lower_ == "on"
                                for g in c.children if g.dep_ == "pobj"]
        if objs:
            return objs
    return subjects(gov, lex, depth + 1)


def orphan_subject(v) -> list:
    """A root verb the parser left without subject, typically after a long apposition
    ("Air France, the largest carrier on the route ..., suspended flights"): the nearest
    coordinated/appositive noun before it that is followed by a comma."""
    if v.dep_ != "ROOT":
        return []
    for t in reversed(list(v.sent)[: v.i - v.sent.start]):
        if t.dep_ in ("conj", "appos", "npadvmod") and t.pos_ == "PROPN" and any(
                x.text == "," for x in t.doc[t.i + 1:v.i]):
            return [t]
    return []


# Per thread (the API may code documents concurrently): the Doc being coded and its
# token index -> objects memo.
_MEMO = threading.local()


def forget_doc() -> None:
    """Drop the per-Doc memo (called before and after coding a Doc)."""
    _MEMO.doc, _MEMO.objects = None, {}


def objects(v) -> list:
    """The verb's objects (the passive subject of a passive verb), with their conjuncts.
    Memoised per Doc: the coder asks for the same verb's objects many times, and every
    walk over spaCy children builds new Token objects."""
    if getattr(_MEMO, "doc", None) is not v.doc:   # (not in doc.user_data: Docs stay serialisable)
        _MEMO.doc, _MEMO.objects = v.doc, {}
    memo = _MEMO.objects
    got = memo.get(v.i)
    if got is None:
        got = memo[v.i] = _objects(v)
    return list(got)


def _objects(v) -> list:
    if is_passive(v):
        return [t for c in v.children if c.dep_ == "nsubjpass" for t in conjuncts(c)]
    objs = [t for c in v.children if c.dep_ in ("dobj", "obj") for t in conjuncts(c)]
    if objs:
        # "met Park in 2013 and Moon in 2017": the parser hangs the second object on the verb
        objs += [c for c in v.children if c.dep_ == "conj" and c.pos_ in ("PROPN", "NOUN")
                 and c.i > objs[0].i]
    return objs


CONTENT_PREPS = ("for", "with", "on", "of", "into")


def object_phrase(v) -> list:
    """What the verb is about: object heads, what they are 'of' ("a list of sanctions"),
    their compounds/appositions, the objects of a complement verb ("urged X to show
    restraint") and of content prepositions ("appealed for aid", "threatened X with
    sanctions", "went on hunger strike")."""
    heads = list(objects(v))
    heads += [g for c in v.children if c.dep_ == "prep" and c.lower_ in CONTENT_PREPS
              for g in c.children if g.dep_ == "pobj"]
    heads += [o for c in v.children if c.dep_ in ("xcomp", "ccomp") for o in objects(c)]
    out = []
    for o in heads:
        out.append(o)
        for c in o.children:
            if c.dep_ in ("compound", "appos", "amod"):  # "atomic bombs", "humanitarian aid"
                out.append(c)
            if c.dep_ == "prep" and c.lower_ == "of":
                out.extend(g for g in c.children if g.dep_ == "pobj")
    return out


def prep_objects(heads, preps: set) -> list:
    out = []
    for h in heads:
        for c in h.children:
            if c.dep_ in ("prep", "agent", "dative") and c.lower_ in preps:
                for g in c.children:
                    if g.dep_ in ("pobj", "pcomp"):
                        out.extend(conjuncts(g))
    return out


def slot_tokens(v, slot: str, lex, nominal=False) -> list:
    if slot == "subj":
        return subjects(v, lex) if not nominal else []
    if slot == "dobj":
        return objects(v)
    if slot == "iobj":
        return [t for c in v.children if c.dep_ in ("dative", "iobj") for t in conjuncts(c)]
    if slot == "poss":
        if not nominal:  # a verb's "poss": whose object it is ("rejected the French proposal")
            return objects(v)
        return [t for c in v.children if c.dep_ == "poss" for t in conjuncts(c)]
    if slot == "amod":
        return [c for c in v.children if c.dep_ in ("amod", "compound")]
    if slot == "after":
        start, end = clause_span(v)
        return [t for t in v.doc[v.i + 1:end] if t.pos_ in ("PROPN", "NOUN", "ADJ")][:8]
    if slot == "ccomp.subj":
        return [s for c in v.children if c.dep_ == "ccomp" for s in subjects(c, lex)]
    if slot == "complement":
        return complement_topics(v)
    if slot.startswith("prep:"):
        preps = set(slot[5:].split("|"))
        heads = [v] + object_phrase(v)
        return prep_objects(heads, preps)
    return []


def complement_heads(v) -> list:
    """The predicates of ``v``'s that-clauses: "said (that) the plan was [unacceptable]",
    "said it was [concerned]", "said she [hoped] ...", "said the offer was a [fair] and
    [constructive] [step]"."""
    out = []
    for c in v.children:
        if c.dep_ not in ("ccomp", "parataxis") or c.pos_ not in ("VERB", "AUX"):
            continue
        if any(x.dep_ == "neg" for x in c.children):
            continue   # "said the plan was not feasible" says the opposite
        out.append(c)
        for p in c.children:
            if p.dep_ in ("acomp", "attr", "oprd"):
                out.append(p)
                stack = [m for m in p.children if m.dep_ in ("amod", "conj")]
                while stack:
                    m = stack.pop()
                    out.append(m)
                    stack.extend(x for x in m.children if x.dep_ == "conj")
    return out


@functools.lru_cache(maxsize=64)
def _inflected(words: tuple) -> frozenset:
    """Words and their inflections (the lemmatizer slips: "hoped" -> "hop")."""
    return frozenset(f for w in words for f in inflections(w))


COMPLEMENT_PREPS = ("about", "over", "on", "with", "at", "against", "toward", "towards", "by")


def complement_topics(v) -> list:
    """What a that-clause is about: its noun subject ("the Bolivian proposal was
    unacceptable") and the objects of about/over/... on its predicate ("concerned about
    the Ugandan build-up"). Pronoun subjects are the speaker, not the topic."""
    out = []
    for h in complement_heads(v):
        if h.dep_ in ("ccomp", "parataxis"):
            # its subject, and the subject of a clause inside it ("hoped (that) the talks
            # with Chile would succeed", "unjustified for Iran to retaliate")
            for x in [h] + [c for c in h.children if c.dep_ in ("ccomp", "xcomp", "advcl")]:
                out += [t for c in x.children if c.dep_ in ("nsubj", "nsubjpass")
                        and c.pos_ != "PRON" for t in conjuncts(c)]
        for c in h.children:
            if c.dep_ == "prep" and c.lower_ in COMPLEMENT_PREPS:
                out += [t for g in c.children if g.dep_ == "pobj" for t in conjuncts(g)]
    return out


# ---------------------------------------------------------------- negation / modality

def negation(v, lex) -> str | None:
    """The cue that says the event did not happen, or None."""
    for c in v.children:
        if c.dep_ == "neg":
            return c.text
        if c.dep_ in ("det", "advmod") and c.lower_ in lex["negating_dets"]:
            return c.text
    for o in objects(v):
        for c in o.children:
            if c.dep_ in ("det", "neg") and c.lower_ in ("no",):
                return f"{c.text} {o.text}"
    if v.dep_ in ("relcl", "acl", "ccomp") and v.head.lemma_.lower() in lex.get("evidence_nouns", ()) \
            and any(c.dep_ == "det" and c.lower_ in lex["negating_dets"] for c in v.head.children):
        return f"no {v.head.text}"  # "there is no sign (that) the envoy was received"
    t = v
    for _ in range(5):
        if t.dep_ in ("pcomp", "pobj") and t.head.lower_ in lex["negating_preps"]:
            return t.head.text
        if t.dep_ in ("xcomp", "acl") and t.head.lemma_ in lex["refusal_governors"]:
            return t.head.text  # "refused to sign", "the failure of the envoy to meet"
        if t.dep_ in ("xcomp", "acomp") and any(c.dep_ == "neg" for c in t.head.children):
            return "not " + t.head.text  # "did not agree to meet", "is not willing to yield"
        if t.dep_ in ("xcomp", "conj", "acomp") and t.head.pos_ in ("VERB", "AUX", "ADJ"):
            t = t.head
            continue
        break
    return None


def governors(v, limit=6):
    """(dep, governing token) pairs from ``v`` up to the root."""
    out, t = [], v
    for _ in range(limit):
        g = governor(t)
        if g is None or g is t:
            break
        out.append((t.dep_, g))
        t = g
    return out


def modality(v, sent, lex, actors: ActorIndex) -> tuple[str, dict | None]:
    """(modality, attribution) of the event on ``v``."""
    found = "asserted"
    attribution = None

    def bump(m):
        nonlocal found
        if MODALITY_RANK[m] > MODALITY_RANK[found]:
            found = m

    chain = [("self", v)] + governors(v)
    for k, (dep, g) in enumerate(chain):
        own = g is v
        for c in g.children:
            if c.dep_ in ("aux", "auxpass") and c.lower_ in lex["intent_aux"] and (own or dep == "xcomp"):
                bump("intended")
            if c.dep_ == "aux" and c.lower_ in lex["hypothetical_aux"] and (own or dep == "xcomp"):
                # "said it would allow": future in reported speech, not a condition
                if c.lower_ == "would" and _under_speech(g, lex):
                    bump("intended")
                else:
                    bump("hypothetical")
            if c.dep_ == "mark" and c.lower_ in lex["conditional_marks"]:
                bump("hypothetical")
            if c.dep_ == "advmod" and c.lower_ in lex["hedge_adverbs"]:
                bump("hedged")
        if own:
            continue
        if dep == "xcomp" and g.lemma_ in lex["hedge_governors"]:
            bump("hedged")
        elif dep == "xcomp" and (g.lemma_ in lex["intent_governors"] or g.lower_ == "going"
                                 or chain[k - 1][1].head.lemma_ in lex["intent_governors"]):
            # "is willing to withdraw": the predicate adjective between is the governor
            bump("intended")
        elif dep in ("ccomp", "parataxis") and g.lemma_ in lex["speech_verbs"] and attribution is None:
            bump("reported")
            attribution = speaker_of(g, lex, actors)
        elif dep == "advcl" and any(c.dep_ == "mark" and c.lower_ in lex["conditional_marks"]
                                    for c in chain[k - 1][1].children if chain[k - 1][1] is not g):
            bump("hypothetical")
    # "according to X"
    if attribution is None:
        for t in sent:
            if t.lower_ == "according" and t.i + 1 < len(t.doc) and t.doc[t.i + 1].lower_ == "to":
                objs = [g for g in t.doc[t.i + 1].children if g.dep_ == "pobj"] or \
                       [g for g in t.children if g.dep_ == "pobj"]
                if objs:
                    bump("reported")
                    a = actors.at(objs[0])
                    attribution = {"speaker": a["text"] if a else _np_text(objs[0]),
                                   "actor_id": a.get("actor_id") if a else None,
                                   "cue": "according to"}
                break
    if sent.text.rstrip().rstrip("\"'”’ ").endswith("?"):
        bump("hypothetical")
    return found, attribution


def _under_speech(v, lex) -> bool:
    return any(dep in ("ccomp", "parataxis") and g.lemma_ in lex["speech_verbs"]
               for dep, g in governors(v, limit=3))


def _np_text(tok) -> str:
    left = [c for c in tok.lefts if c.dep_ in ("compound", "amod", "det", "poss")]
    start = min([tok.i] + [c.i for c in left])
    return tok.doc[start:tok.i + 1].text


def speaker_of(speech_verb, lex, actors: ActorIndex) -> dict:
    subs = subjects(speech_verb, lex)
    if not subs:
        return {"speaker": None, "actor_id": None, "cue": speech_verb.text}
    a = actors.at(subs[0])
    return {"speaker": a["text"] if a else _np_text(subs[0]),
            "actor_id": a.get("actor_id") if a else None, "cue": speech_verb.text}


def non_factive(v, lex) -> str | None:
    """The governing verb when ``v`` is only proposed/demanded/threatened, else None."""
    for dep, g in governors(v, limit=2):
        if dep == "xcomp" and g.lemma_ in lex["non_factive_governors"]:
            return g.text
        if dep != "xcomp":
            break
    return None


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
            a.dep_ == "aux" and a.lower_ in p.complement_aux
            for c in v.children if c.dep_ in ("ccomp", "parataxis") for a in c.children):
        return f"no that-clause with {'/'.join(p.complement_aux)}"
    if p.complement and not {w for t in complement_heads(v) for w in (t.lemma_.lower(), t.lower_)} \
            & _inflected(p.complement):
        return f"no that-clause saying {'/'.join(p.complement[:4])}..."
    if p.not_predicative and any(c.dep_ == "oprd" for c in v.children):
        return "the object has a predicate ('called them X'): another sense of the verb"
    if p.intransitive and any(c.dep_ in ("dobj", "ccomp") for c in v.children):
        return "has an object or clause; pattern is intransitive"
    if p.particle:
        prts = {c.lower_ for c in v.children if c.dep_ in ("prt", "advmod", "prep")}
        if not prts & set(p.particle):
            return f"no particle {'/'.join(p.particle)}"
    if p.object or p.not_object:
        lemmas = {t.lemma_.lower() for t in object_phrase(v)}
        if p.prep:  # the pattern's own preposition: "put under investigation", "on alert"
            lemmas |= {g.lemma_.lower() for c in v.children
                       if c.dep_ == "prep" and c.lower_ in p.prep
                       for g in c.children if g.dep_ == "pobj"}
        if p.object and not lemmas & set(p.object):
            return (f"object {sorted(lemmas) or '(none)'} not in {list(p.object)[:6]}")
        if p.not_object and lemmas & set(p.not_object):
            return f"object {sorted(lemmas & set(p.not_object))} excluded"
    if p.xcomp:
        xs = [c for c in v.children if c.dep_ in ("xcomp", "ccomp") and c.lemma_ in p.xcomp]
        if not xs:
            return f"no complement verb in {list(p.xcomp)[:6]}"
    if p.prep:
        heads = [v] + object_phrase(v)
        have = {c.lower_ for h in heads for c in h.children if c.dep_ in ("prep", "agent", "dative")}
        if not have & set(p.prep):
            return f"no preposition {'/'.join(p.prep)}"
    return None


def _slot_actors(p, v, slot, lex, actors) -> list:
    found = []
    for t in slot_tokens(v, slot, lex, nominal=p.nominal):
        for a in actors.at_all(t):
            # one actor per referent: "Kim Jong-un, North Korea's leader" is one target
            if all(a is not f and a.get("actor_id") != f.get("actor_id")
                   and a.get("code") != f.get("code") for f in found):
                found.append(a)
        if found and slot == "after":
            break  # TABARI: the first actor after the verb
    # "Danish media and government": a sector-only member takes the country of the list
    if len(found) > 1:
        country = next((a for a in found if a.get("country")), None)
        if country is not None:
            found = [compose(a, country) if not a.get("country") and a.get("agent") else a
                     for a in found]
    return found


def resolve(p: Pattern, v, lex, actors: ActorIndex, slots) -> tuple[list, str]:
    """Actors found in the first slot that yields any, plus the slot name.

    A sector-only actor ("civilians") takes the country of a later slot when there is
    one ("massacred civilians in Burundi" -> BDICVL)."""
    for k, slot in enumerate(slots):
        found = _slot_actors(p, v, slot, lex, actors)
        if not found:
            continue
        if all(not a.get("country") for a in found):
            for later in slots[k + 1:]:
                place = [a for a in _slot_actors(p, v, later, lex, actors) if a.get("country")]
                if place:
                    found = [compose(a, place[0]) if a.get("agent") else a for a in found]
                    break
        return found, slot
    return [], ""


# Where a complement verb names the target: "refused to meet Kim", "to help defend X".
COMPLEMENT_TARGET_SLOTS = ("dobj", "prep:with|to|on|against|in|into|at")


def _purpose(c) -> bool:
    """A purpose clause the parser hung as advcl: "sent troops to help defend X"."""
    return c.dep_ == "advcl" and c.pos_ == "VERB" and any(
        m.dep_ == "aux" and m.lower_ == "to" for m in c.children)


# Agents of armed people, and the sectors of armed non-state groups they belong to.
ARMED_PEOPLE = ("MIL", "UAF", "REB")
ARMED_GROUPS = ("REB", "RAD", "UAF", "CRM")


def _armed_member(agent: dict, org: dict) -> bool:
    return (agent.get("agent") in ARMED_PEOPLE and not agent.get("actor_id")
            and (org.get("actor_id") or "").startswith("org:") and org.get("agent") in ARMED_GROUPS)


def compose(agent: dict, country: dict) -> dict:
    """An agent-only mention placed in a country: CVL + BDI -> BDICVL."""
    out = dict(country)
    out.update(code=(country.get("country") or "") + (agent.get("agent") or ""),
               agent=agent.get("agent"), text=agent.get("text"), span=agent.get("span"),
               token_span=agent.get("token_span"))
    return out


def _is_org(a: dict) -> bool:
    return (a.get("actor_id") or "").startswith("org:") and not a.get("country")


def compose_org(agent: dict, org: dict) -> dict:
    """An agent-only mention of an organisation without country: MIL + IGOWSTNAT ->
    IGOWSTNATMIL (the organisation's own agent code, if any, gives way)."""
    out = dict(org)
    base = org.get("code") or ""
    if org.get("agent") and base.endswith(org["agent"]):
        base = base[: -len(org["agent"])]
    out.update(code=base + (agent.get("agent") or ""), agent=agent.get("agent"),
               text=agent.get("text"), span=agent.get("span"),
               token_span=agent.get("token_span"))
    return out


def _same(a, b) -> bool:
    return a is b or (a.get("actor_id") and a.get("actor_id") == b.get("actor_id")
                      and a.get("span") == b.get("span"))


def pairs_for(p: Pattern, v, lex, actors: ActorIndex):
    """Actor pairs the pattern yields on ``v``, or (None, reason)."""
    sources, s_slot = resolve(p, v, lex, actors, p.source)
    targets, t_slot = resolve(p, v, lex, actors, p.target)
    if not targets and not p.nominal and (p.xcomp or p.object or v.lemma_ in
                                          lex["non_factive_governors"] | lex["refusal_governors"]):
        # "refused to meet Kim", "pledged to provide aid to X": the target sits on the
        # complement verb
        for c in v.children:
            if c.dep_ == "xcomp" or (p.xcomp and c.dep_ == "ccomp"):
                targets, t_slot = resolve(p, c, lex, actors, COMPLEMENT_TARGET_SLOTS)
                if targets:
                    break
    if not targets and not p.nominal:
        # the recipient named in a purpose clause: "sent equipment to help defend Estonia",
        # "sent teams to assist Haiti"
        for c in v.children:
            if not _purpose(c):
                continue
            for h in [c] + [x for x in c.children if x.dep_ == "xcomp"]:
                targets, t_slot = resolve(p, h, lex, actors, COMPLEMENT_TARGET_SLOTS)
                if targets:
                    break
            if targets:
                break
    if not targets and not p.nominal and p.cameo[:2] == "13":
        # a threat is aimed at whoever must meet its condition: "threatened to strike
        # unless the ban is lifted ...", "... if Washington proceeds with the sale"
        for h in [v] + [c for c in v.children if c.dep_ in ("xcomp", "ccomp")]:
            for c in h.children:
                if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in lex["conditional_marks"]
                                             for m in c.children):
                    found = [a for t in subjects(c, lex) for a in actors.at_all(t)]
                    if found:
                        targets, t_slot = found, "condition"
                        break
            if targets:
                break
    if targets and t_slot not in ("place", "complement", "object-owner", "condition") and \
            all(_located(t, v.doc) for t in targets):
        t_slot = "place"   # "demonstrated in Serbia": where, standing for whom
    if t_slot == "complement" and sources:
        # "said China hoped ...": the speaker's own country in its clause is the speaker
        own = {x.get("country") for x in sources if x.get("country")}
        targets = [t for t in targets if not t.get("country") or t.get("country") not in own]
    ours = lex.get("domestic_sectors", True)

    def sectors(pairs):
        if not ours:
            return pairs
        # (the place where it happened stands for the target: the place, not its state)
        return [(state_sector(a, "source", p.cameo, lex),
                 b if t_slot == "place" else state_sector(b, "target", p.cameo, lex))
                for a, b in pairs]

    def distinct(pairs):
        return [(a, b) for a, b in pairs if not _same(a, b) and
                not (a.get("code") and a.get("code") == b.get("code"))]

    by_agent = is_passive(v) and not any(c.dep_ in SUBJ_DEPS for c in v.children)
    where = targets and all(_located(t, v.doc) for t in targets)   # "met in Geneva"
    for side in (sources if p.reciprocal and len(sources) >= 2 and (not targets or where)
                 and not by_agent else None,
                 targets if p.reciprocal and len(targets) >= 2 and not sources else None):
        if side:
            pairs = sectors(distinct([(a, b) for a in side for b in side]))
            return (pairs, "") if pairs else (None, "no two different actors to act on each other")
    if not targets and not p.nominal and not p.require_target and sources:
        # no recipient named: the place where it happened stands for it ("rioted at a jail
        # in Israel", "lifted the curfew in Montenegro"), as the CAMEO manual codes it
        targets, t_slot = resolve(p, v, lex, actors, ("prep:in|at|inside|throughout|across|near",))
        xs = [c for c in v.children if c.dep_ == "xcomp"]
        if not targets and xs:
            targets, t_slot = resolve(p, xs[0], lex, actors, ("prep:in|at|inside|throughout|across|near",))
        targets = [t for t in targets if t.get("country")]
        if targets:
            t_slot = "place"
        if not targets:
            targets, t_slot = object_owner(v, lex, actors, sources)
    if p.require_target and not targets:
        return None, f"no target actor in {'/'.join(p.target)}"
    if not sources and not targets:
        return None, "no source or target actor"
    if len(targets) > 1 and sources:
        # "flights between Beijing and Pyongyang" by a Chinese carrier: the other side is the target
        foreign = [t for t in targets if t.get("country") not in {s.get("country") for s in sources}]
        if foreign and len(foreign) < len(targets):
            targets = foreign
    out = []
    home = _sentence_country(v, actors) if lex.get("domestic_sectors", True) else None
    implicit = not targets and lex.get("domestic_sectors", True) and \
        p.cameo[:2] in lex.get("implicit_target_roots", ())
    for s in sources or [None]:
        for t in targets or [None]:
            if s is not None and t is not None and _same(s, t):
                continue
            if home:
                travel = p.cameo in lex.get("travel_codes", ())
                s0, t0 = s, t
                if not (travel and t is not None and t.get("country") == home):
                    # (a visitor "arrived in Seoul" is not Korean)
                    s = _domestic(s, home) if s is not None else None
                t = _domestic(t, home) if t is not None else None
                if s is not s0 and t0 is not None and t_slot != "place" \
                        and s0.get("agent") in STATE_AGENTS \
                        and s.get("country") == t0.get("country"):
                    # "the foreign minister warned Angola", "troops attacked Angola": the
                    # only country named is the one a state's organ acts on, not its own
                    # (a party boycotting, leaders forgiving their president: their own);
                    # the actor is more likely the document's own country's
                    other_home = actors.home and actors.home != t0.get("country")
                    if _state(t0) and t0.get("resolved_by") != "demonym":
                        s = _domestic(s0, actors.home) if other_home else s0
                    elif s.get("agent") == t0.get("agent"):
                        # "the minister met the Norwegian envoy": not the envoy's colleague
                        s = _domestic(s0, actors.home) if other_home else s0
            if implicit and t is None and s is not None and s.get("country"):
                t = implicit_government(s["country"])
            if not _identified(s) and not _identified(t):
                continue  # "28 people were killed": no one the data could be about
            out.append((s, t))
    # an actor is not its own target ("insisted on its demand": whose, not on whom)
    # except where it acts at home ("Thailand declared martial law in Bangkok")
    out = [(s, None if (t_slot != "place" and s is not None and t is not None and s.get("agent")
                        and s.get("code") and s["code"] == t.get("code")) else t)
           for s, t in sectors(out)]
    out = [pair for k, pair in enumerate(out) if pair not in out[:k]]
    if not out:
        return None, "no identified actor (same actor on both sides, or only generic sectors)"
    return out, ""


LOCATIVE_PREPS = ("in", "at", "inside", "throughout", "across", "near", "around", "within")


def _located(a: dict, doc) -> bool:
    """Was this actor found as a place ("in Serbia", "at a jail in Israel")?"""
    ts = a.get("token_span")
    if not ts:
        return False
    tok = doc[ts[1] - 1]
    for _ in range(4):
        while tok.dep_ == "conj" and tok.head is not tok:
            tok = tok.head
        if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.pos_ in ("NOUN", "PROPN"):
            tok = tok.head.head   # "in the city of Kirkuk": the city is where
            continue
        break
    return tok.dep_ == "pobj" and tok.head.lower_ in LOCATIVE_PREPS


def state_sector(a: dict | None, side: str, cameo: str, lex) -> dict | None:
    """A country named as an actor ("Zambia denied ...", "China said it opposes ...",
    "the DPRK fired a missile") acts through its government, or through its armed forces
    when the act is military force (``state_force_roots`` in lexicon.yaml). As the target
    of force or assault (``state_target_bare_roots``) it stays the country: the territory
    or things hit, not a sector."""
    if a is None or a.get("agent") or not (a.get("actor_id") or "").startswith("country:") \
            or not a.get("country") or (side == "source" and a.get("resolved_by") == "demonym"):
        return a   # ("Chilean miners went on strike": the people, not the state)
    root = cameo[:2]
    if side == "target" and (root in lex.get("state_target_bare_roots", ())
                             or (root == "17" and a.get("resolved_by") == "demonym")):
        return a   # "seized a Vietnamese boat": the thing's country, not its government
    agent = "MIL" if side == "source" and root in lex.get("state_force_roots", ()) else "GOV"
    return {**a, "agent": agent, "code": a["country"] + agent}


def object_owner(v, lex, actors: ActorIndex, sources) -> tuple[list, str]:
    """Whose thing the act is done to, when no recipient is named: "denounced Serbia's
    crackdown", "rejected a Senegalese plan", "mounted an invasion of Lebanon". The
    actors that modify the object (or a complement verb's object) and belong to another
    country than the source."""
    heads = objects(v) + [o for c in v.children if c.dep_ == "xcomp" for o in objects(c)]
    own = {s.get("country") for s in sources}
    for h in heads:
        # another country only: "sent its envoy", "recalled their ambassador" are the
        # source's own people, not a recipient
        found = [a for a in actors.at_all(h) if a.get("country") and a["country"] not in own]
        if not found and own:
            hit = actors._search(h, exclude=own)   # "its invasion of Afghanistan"
            if hit is not None and hit[0].get("country") and hit[0]["country"] not in own:
                found = [hit[0]]
        if found:
            return found, "object-owner"
    return [], ""


def _sentence_country(v, actors: ActorIndex) -> str | None:
    """The one country the sentence's actors belong to, or None when it names several
    (or none)."""
    sent = v.sent
    countries = {a.get("country") for i in range(sent.start, sent.end)
                 for a in [actors.by_token.get(i)] if a is not None and a.get("country")}
    return next(iter(countries)) if len(countries) == 1 else None


# Sectors through which a state acts on others: with the only country named being the
# one acted on, they are not that country's own.
STATE_AGENTS = ("GOV", "MIL")


def _state(a: dict | None) -> bool:
    """A country itself (not a sector of it): "Angola", "the Angolan"."""
    return a is not None and (a.get("actor_id") or "").startswith("country:") and a.get("agent") in (None, "GOV")


def _domestic(a: dict, country: str) -> dict:
    """A sector-only actor ("rebels", "the government") in a sentence that names a single
    country belongs to it: "the Mozambique government accepted demands from rebels"
    -> MOZREB."""
    if a.get("country") or not a.get("agent") or _is_org(a):
        return a   # an organisation without a country ("Red Cross officials") stays one
    return {**a, "country": country, "code": country + (a.get("agent") or "")}


def implicit_government(country: str) -> dict:
    """The target a protest has when the text names none (CAMEO 14 codes protests
    "against the target actor"; a domestic protest is against the authorities of the
    protesters' own country). ``text`` and ``span`` are null: the actor is implied, not
    mentioned."""
    name = None
    try:
        from ..actors.resolver import get_resolver
        a = get_resolver().actors.get(f"country:{country}")
        name = a.name if a is not None else None
    except Exception:  # the coder also runs with PETRARCH dictionaries only
        pass
    return {"text": None, "name": name, "code": country + "GOV", "country": country,
            "agent": "GOV", "actor_id": f"country:{country}", "span": None}


def _identified(a: dict | None) -> bool:
    return a is not None and bool(a.get("country") or a.get("actor_id"))


@dataclass
class Candidate:
    pattern: Pattern
    pairs: list


def clause_span(v) -> tuple[int, int]:
    """Token span of the clause of ``v``: its subtree without nested full clauses."""
    toks = [v.i]
    stack = [v]
    while stack:
        t = stack.pop()
        for c in t.children:
            if c.dep_ in ("ccomp", "parataxis") and t is v and c.pos_ in ("VERB", "AUX"):
                continue
            toks.append(c.i)
            stack.append(c)
    sent = v.sent
    return max(min(toks), sent.start), min(max(toks) + 1, sent.end)


def aerial_subject(v, lex) -> bool:
    """The killer is an aircraft or an air strike ("helicopter gunships killed", "US
    Predator attacks have killed"): the subject head or one of its compounds."""
    nouns = set(lex.get("aerial_weapon_nouns", ()))
    for c in v.children:
        if c.dep_ in ("nsubj", "agent"):
            heads = [c] if c.dep_ == "nsubj" else [g for g in c.children if g.dep_ == "pobj"]
            for h in heads:
                words = [h] + [k for k in h.children if k.dep_ == "compound"]
                if any(w.lemma_.lower() in nouns or w.lower_ in nouns for w in words):
                    return True
    return False


def make_event(p: Pattern, v, s, t, sent, sent_index, lex, actors) -> dict:
    cb = get_codebook()
    # packaged patterns are validated against the codebook; a user dictionary may bring
    # its own codes (PETRARCH's WEIS-style "1717"), kept as written
    code = p.cameo
    if code == "1823" and v.lemma_.lower() in lex.get("unspecified_kill_verbs", ()) and \
            s is not None and (s.get("agent") or "").lower() in lex.get("armed_agents", ()):
        code = "190"  # armed forces killing, weapon not said: conventional force (CAMEO 190)
    if code in ("1823", "190") and v.lemma_.lower() in lex.get("unspecified_kill_verbs", ()) \
            and aerial_subject(v, lex):
        code = "195"  # "aircraft/drone strikes killed ...": aerial weapons (CAMEO 195)
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
        fired: list[Candidate] = []
        for p in cands:
            why = check_pattern(p, v, lex)
            if why is None and blocked and not p.nominal:
                why = f"only proposed/demanded under '{blocked}' (the governing verb is coded)"
            pairs = None
            if why is None:
                pairs, why = pairs_for(p, v, lex, actors)
                why = why or None
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
        for s, t in best.pairs:
            ev = make_event(best.pattern, v, s, t, sent, sent_index, lex, actors)
            (nominal if best.pattern.nominal else events).append(ev)
            if best.pattern.paired and s is not None and t is not None:
                # the mirror event ("A visits B" -> "B hosts A")
                mirror = make_event(best.pattern, v, t, s, sent, sent_index, lex, actors)
                mirror.update(cameo=best.pattern.paired, cameo_root=best.pattern.paired[:2])
                events.append(mirror)
    # A nominal event inside a coded verb's phrase repeats it ("announced sanctions
    # against X", "held talks with Y"): keep the verbal one.
    for ev in nominal:
        noun = sent.doc[ev["_verb_i"]]
        dup = False
        for ve in events:
            verb = sent.doc[ve["_verb_i"]]
            if ve["cameo_root"] == ev["cameo_root"] and (
                    verb.i == noun.head.i or noun in verb.subtree and noun.i != verb.i):
                dup = True
                break
            if ve["cameo_root"] == ev["cameo_root"] and \
                    (ve["source"] or {}).get("actor_id") == (ev["source"] or {}).get("actor_id") and \
                    (ve["target"] or {}).get("actor_id") == (ev["target"] or {}).get("actor_id"):
                dup = True
                break
        if not dup:
            events.append(ev)
    events.extend(announced_refusals(events))
    events = reporting_frames(events, sent.doc, trace)
    events.sort(key=lambda e: e["_verb_i"])
    mark_main_event(events, sent, lex)
    return events


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

_IRREGULAR = {
    "meet": ["met"], "send": ["sent"], "hold": ["held"], "tell": ["told"], "say": ["said"],
    "make": ["made"], "give": ["gave", "given"], "take": ["took", "taken"], "fight": ["fought"],
    "strike": ["struck", "stricken"], "shoot": ["shot"], "seek": ["sought"], "go": ["went", "gone"],
    "fly": ["flew", "flown"], "lead": ["led"], "leave": ["left"], "speak": ["spoke", "spoken"],
    "throw": ["threw", "thrown"], "withdraw": ["withdrew", "withdrawn"], "forgive": ["forgave", "forgiven"],
    "begin": ["began", "begun"], "bring": ["brought"], "buy": ["bought"], "sell": ["sold"],
    "break": ["broke", "broken"], "drive": ["drove", "driven"], "keep": ["kept"], "lay": ["laid"],
    "stand": ["stood"], "win": ["won"], "beat": ["beaten"], "bind": ["bound"], "blow": ["blew", "blown"],
    "set": ["set"], "cut": ["cut"], "put": ["put"], "shut": ["shut"], "hit": ["hit"], "quit": ["quit"],
    "spread": ["spread"], "undertake": ["undertook", "undertaken"], "overthrow": ["overthrew", "overthrown"],
    "rise": ["rose", "risen"], "steal": ["stole", "stolen"], "swear": ["swore", "sworn"],
    "freeze": ["froze", "frozen"], "seize": ["seized"], "flee": ["fled"], "feel": ["felt"],
    "mislead": ["misled"], "come": ["came"], "foresee": ["foresaw", "foreseen"], "see": ["saw", "seen"],
    "slay": ["slew", "slain"], "wage": ["waged"], "bear": ["bore", "borne"], "write": ["wrote", "written"],
}


def inflections(lemma: str) -> set[str]:
    """Surface forms of an English lemma (regular rules + a few irregulars)."""
    w = lemma.lower()
    out = {w}
    if w.endswith("e"):
        out |= {w + "s", w + "d", w[:-1] + "ing"}
    elif w.endswith("y") and len(w) > 2 and w[-2] not in "aeiou":
        out |= {w[:-1] + "ies", w[:-1] + "ied", w + "ing"}
    elif re.search(r"(s|x|z|ch|sh)$", w):
        out |= {w + "es", w + "ed", w + "ing"}
    else:
        out |= {w + "s", w + "ed", w + "ing"}
        if re.search(r"[^aeiou][aeiou][bdgmnprt]$", w):  # stop -> stopped, ban -> banned
            out |= {w + w[-1] + "ed", w + w[-1] + "ing"}
    out.update(_IRREGULAR.get(w, []))
    return out


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
