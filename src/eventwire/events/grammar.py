"""Parse helpers of the event coder: subjects, objects, clauses, governing verbs.

Pure functions over spaCy tokens (no actors): who is the subject of a verb (own, passive
by-agent, inherited from a governing verb, object control), its objects (memoised per
Doc), what a that-clause says (``complement_heads``), a clause's token span, the chain of
governing verbs, and English inflections for surface-form look-ups.
"""
from __future__ import annotations

import functools
import re
import threading

SUBJ_DEPS = ("nsubj", "csubj")
CLAUSE_STOP = ("relcl", "acl", "ccomp", "advcl", "xcomp", "parataxis", "conj", "cc", "punct")


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


def passive_participle(v) -> bool:
    """"the villagers killed by soldiers", "a truce brokered by Egypt": a past participle on
    a noun with its by-agent, a passive without auxiliary: the agent does it, to the noun."""
    return v.dep_ == "acl" and v.tag_ == "VBN" and v.head.pos_ in ("NOUN", "PROPN") and \
        not is_passive(v) and any(c.dep_ == "agent" for c in v.children)


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
RELATIVE_PRONOUNS = {"who", "which", "that"}


def subjects(v, lex, depth=0) -> list:
    """Subject tokens of verb ``v``: own subject, by-agent of a passive, or inherited.
    Memoised per Doc (and lexicon), like ``objects``: the coder asks for one verb's
    subjects for each pattern it tries on that verb, and again for roles and modality."""
    memo = _memo(v, "subjects")
    got = memo.get((v.i, depth))
    if got is None or got[0] is not lex:
        got = memo[(v.i, depth)] = (lex, _subjects(v, lex, depth))
    return list(got[1])


def _subjects(v, lex, depth) -> list:
    if depth > 4:
        return []
    for c in v.children:
        if c.dep_ in SUBJ_DEPS:
            if c.lower_ in RELATIVE_PRONOUNS and v.dep_ == "relcl" and v.head.pos_ in ("NOUN", "PROPN"):
                # "the rebels, who attacked ...", "the enclave, which has been under ...":
                # the relative pronoun is the noun the clause hangs on
                return conjuncts(v.head)
            if c.lower_ in PRONOUNS and v.dep_ in ("ccomp", "conj") and v.head is not v and \
                    (v.head.lemma_ in lex["speech_verbs"] or v.head.lemma_ in lex["intent_governors"]):
                # "Beijing announced it will send ...", "X and Y agreed that they would not
                # ...": the pronoun is the speaker (or those who agreed)
                speaker = subjects(v.head, lex, depth + 1)
                if speaker:
                    return conjuncts(c) + speaker
            return conjuncts(c)
    for a in v.children:
        if a.dep_ in ("aux", "auxpass") and a.i < v.i:
            # "X did, in fact, discuss ...": the parser may hang the subject on the
            # auxiliary the commas cut off from its verb
            hung = [c for c in a.children if c.dep_ in SUBJ_DEPS and c.i < a.i]
            if hung:
                return conjuncts(hung[0])
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
    if v.dep_ == "acl" and v.head.lemma_.lower() in lex.get("disposition_nouns", ()) and \
            v.head.dep_ in ("dobj", "obj") and v.head.head.i != v.head.i:
        # "Seoul expressed its willingness to talk": Seoul would talk ("rejected Iran's
        # desire to talk": the possessor, Iran)
        own = [c for c in v.head.children if c.dep_ == "poss" and c.lower_ not in PRONOUNS]
        return conjuncts(own[0]) if own else subjects(v.head.head, lex, depth + 1)
    if v.dep_ == "acl" and v.head.lemma_.lower() in lex.get("intent_nouns", ()) and \
            v.head.dep_ in ("dobj", "obj") and v.head.head.i != v.head.i and \
            any(c.dep_ == "aux" and c.tag_ == "TO" for c in v.children):
        # "Chile made a pledge to send troops", "renewed its vow to expel": the maker of the
        # pledge does the act; "welcomed Iran's decision to ...": the possessor
        own = [c for c in v.head.children if c.dep_ == "poss" and c.lower_ not in PRONOUNS]
        if own:
            return conjuncts(own[0])
        if v.head.head.lemma_.lower() in lex.get("intent_owner_verbs", ()) and \
                not any(c.dep_ in ("compound", "amod", "nmod") for c in v.head.children):
            return subjects(v.head.head, lex, depth + 1)
    if depth == 0 and passive_participle(v):
        # the agent of the event's own participle (a clause under it keeps the noun: "the
        # envoy, sent by Beijing to hold talks": the envoy holds them)
        return [g for c in v.children if c.dep_ == "agent" for g in c.children
                if g.dep_ == "pobj" for g in conjuncts(g)]
    if v.dep_ in ("relcl", "acl") and v.head.pos_ in ("NOUN", "PROPN"):
        return [v.head]
    if v.dep_ == "pcomp" and v.head.lower_ in ("of", "for") and \
            v.head.head.lemma_.lower() in lex.get("judged_for_governors", ()):
        # "accused Beijing of selling oil", "angry with Iran for arming X": the one judged
        h = v.head.head
        judged = [g for c in h.children if c.dep_ == "prep" and c.lower_ in ("with", "in", "at")
                  for g in c.children if g.dep_ == "pobj"] or \
            [c for c in h.children if c.dep_ == "dobj"] or \
            [c for c in h.children if c.dep_ == "nsubjpass"]
        if judged:
            return conjuncts(judged[0])
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


# Per thread (the API may code documents concurrently): the Doc being coded and its memo
# tables (token index -> objects, object phrase; (index, depth) -> subjects).
_MEMO = threading.local()


def forget_doc() -> None:
    """Drop the per-Doc memo (called before and after coding a Doc)."""
    _MEMO.doc, _MEMO.tables = None, {}


def _memo(tok, kind: str) -> dict:
    """The memo table ``kind`` of ``tok``'s Doc (a new Doc starts them all afresh)."""
    if getattr(_MEMO, "doc", None) is not tok.doc:   # (not in doc.user_data: Docs stay serialisable)
        _MEMO.doc, _MEMO.tables = tok.doc, {}
    return _MEMO.tables.setdefault(kind, {})


def _per_doc(kind: str, compute, v) -> list:
    """``compute(v)``, memoised by token in the table ``kind`` of its Doc (a copy: callers
    extend the lists they get)."""
    memo = _memo(v, kind)
    got = memo.get(v.i)
    if got is None:
        got = memo[v.i] = compute(v)
    return list(got)


def objects(v) -> list:
    """The verb's objects (the passive subject of a passive verb), with their conjuncts.
    Memoised per Doc: the coder asks for the same verb's objects many times, and every
    walk over spaCy children builds new Token objects."""
    return _per_doc("objects", _objects, v)


def _objects(v) -> list:
    if is_passive(v):
        subj = [c for c in v.children if c.dep_ == "nsubjpass"]
        if v.dep_ == "relcl" and v.head.pos_ in ("NOUN", "PROPN") and \
                any(c.lower_ in RELATIVE_PRONOUNS for c in subj):
            # "the girls who were kidnapped by ...": the noun the clause hangs on
            return conjuncts(v.head)
        return [t for c in subj for t in conjuncts(c)]
    if passive_participle(v):
        return conjuncts(v.head)
    objs = [t for c in v.children if c.dep_ in ("dobj", "obj") for t in conjuncts(c)]
    if objs:
        # "met Park in 2013 and Moon in 2017": the parser hangs the second object on the verb
        objs += [c for c in v.children if c.dep_ == "conj" and c.pos_ in ("PROPN", "NOUN")
                 and c.i > objs[0].i]
    return objs


CONTENT_PREPS = ("for", "with", "on", "of", "into")
# Verbs of being in a state: what they are about is the noun after "under" ("came under
# attack from X", "remained under investigation by Y"), whose own phrases name the others
STATE_VERBS = ("be", "come", "remain", "fall", "stay")


def object_phrase(v) -> list:
    """What the verb is about: object heads, what they are 'of' ("a list of sanctions"),
    their compounds/appositions, the objects of a complement verb ("urged X to show
    restraint") and of content prepositions ("appealed for aid", "threatened X with
    sanctions", "went on hunger strike"). Memoised per Doc: the patterns tried on one verb
    read it again and again."""
    return _per_doc("object_phrase", _object_phrase, v)


def _object_phrase(v) -> list:
    heads = list(objects(v))
    if is_passive(v):
        # the object a passive keeps: "was handed a ten-year sentence", "was given a medal"
        heads += [c for c in v.children if c.dep_ == "dobj"]
    heads += [g for c in v.children if c.dep_ == "prep" and (
        c.lower_ in CONTENT_PREPS or c.lower_ == "under" and v.lemma_.lower() in STATE_VERBS)
              for g in c.children if g.dep_ == "pobj"]
    heads += [o for c in v.children if c.dep_ in ("xcomp", "ccomp") for o in objects(c)]
    # the object's predicate: "called him a [liar]", "was found [guilty]"
    heads += [c for c in v.children if c.dep_ in ("oprd", "acomp") and c.pos_ in ("NOUN", "ADJ")]
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
                        out.extend(_clause_subject(g) or conjuncts(g))
            elif c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in preps for m in c.children):
                # the parser's other reading of "pleaded with X to ...": "with" marks the clause
                out.extend(_clause_subject(c))
    return out


def to_infinitive(v) -> bool:
    """Is ``v`` a to-infinitive ("to talk", "to stop the fighting")?"""
    return any(a.dep_ == "aux" and a.lower_ == "to" for a in v.children)


def _clause_subject(g) -> list:
    """"pleaded with the government to reconsider": the parser makes the clause the object
    of "with" and the government its subject -- who is pleaded with."""
    if g.pos_ not in ("VERB", "AUX") or not to_infinitive(g):
        return []   # (an infinitive only: "stand by what we have done" is about the deed)
    return [t for c in g.children if c.dep_ == "nsubj" for t in conjuncts(c)]


#: Verbs that with an infinitive in the present tense say what someone is obliged to do:
#: "Russia has to withdraw", "both sides need to stop the fighting". Not the past ("had
#: to flee" happened).
OBLIGATION_VERBS = ("have", "need")


def obligation(c) -> str | None:
    """"have to" / "need to" when clause ``c`` is an obligation in the present or future
    ("Y has to withdraw", "Y needs to stop", "Y will have to leave"; not "had to leave":
    it did), else None."""
    future = c.tag_ == "VB" and any(x.dep_ == "aux" and x.lower_ in ("will", "shall", "'ll")
                                    for x in c.children)   # "will have to defend": not yet
    if c.lemma_.lower() in OBLIGATION_VERBS and (c.tag_ in ("VBZ", "VBP") or future) and any(
            x.dep_ == "xcomp" and to_infinitive(x) for x in c.children):
        return c.lemma_.lower() + " to"
    return None


def complement_heads(v) -> list:
    """The predicates of ``v``'s that-clauses: "said (that) the plan was [unacceptable]",
    "said it was [concerned]", "said she [hoped] ...", "said the offer was a [fair] and
    [constructive] [step]"."""
    out = []
    noun = v.pos_ in ("NOUN", "PROPN")
    for c in v.children:
        if c.pos_ not in ("VERB", "AUX") or not (c.dep_ in ("ccomp", "parataxis") or noun and (
                c.dep_ == "acl" and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children))):
            continue   # (an event noun's that-clause: "the demand that the minister [resign]")
        if any(x.dep_ == "neg" for x in c.children):
            continue   # "said the plan was not feasible" says the opposite
        if _conditional_clause(c):
            continue   # "said he would be disappointed if ...": a feeling not (yet) had
        out.append(c)
        for p in c.children:
            if p.dep_ in ("acomp", "attr", "oprd"):
                if any(x.dep_ == "neg" or x.dep_ == "det" and x.lower_ == "no" for x in p.children):
                    # "said he was not [disappointed]": the parser hangs "not" here; "said
                    # there had been no illegal sales" denies what the word would judge
                    continue
                out.append(p)
                stack = [m for m in p.children if m.dep_ in ("amod", "conj")]
                while stack:
                    m = stack.pop()
                    out.append(m)
                    stack.extend(x for x in m.children if x.dep_ == "conj")
    return out


def complement_verbs(v, lex) -> list:
    """``v``'s complement verbs: its xcomp/ccomp children, and the infinitive on an object
    noun of disposition ("expressed its [willingness] to negotiate" -> negotiate;
    lexicon `disposition_nouns`)."""
    out = [c for c in v.children if c.dep_ in ("xcomp", "ccomp")]
    for o in v.children:
        if o.dep_ == "dobj" and o.lemma_.lower() in lex.get("disposition_nouns", ()):
            out += [c for c in o.children if c.dep_ == "acl" and c.pos_ == "VERB"
                    and to_infinitive(c)]
    return out


CONDITIONAL_AUX = ("would", "could", "might", "'d")
CONDITIONAL_MARKS = ("if", "unless")


def _conditional_clause(c) -> bool:
    """A clause in the conditional with its condition: "(said) it would be unacceptable if
    ...", "would be worried unless ..."."""
    preds = [c] + [p for p in c.children if p.dep_ in ("acomp", "attr", "oprd")]
    return any(a.dep_ in ("aux", "auxpass") and a.lower_ in CONDITIONAL_AUX for a in c.children) \
        and any(x.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in CONDITIONAL_MARKS
                                          for m in x.children)
                for p in preds for x in p.children)


def captors(v, lex) -> list:
    """Who held the captives whose release ``v`` is about: "secured the release of ten
    students [who were] kidnapped by X", "the release of the hostages from X"."""
    verbs = lex.get("captive_verbs", ())
    out = []
    for o in object_phrase(v):
        for c in o.children:
            if c.dep_ == "prep" and c.lower_ == "from":
                out += [t for g in c.children if g.dep_ == "pobj" for t in conjuncts(g)]
        for t in o.subtree:
            if t.dep_ in ("acl", "relcl") and t.lemma_.lower() in verbs:
                out += [x for c in t.children if c.dep_ == "agent"
                        for g in c.children if g.dep_ == "pobj" for x in conjuncts(g)]
    return out


def complement_words(v) -> list:
    """The predicates of ``v``'s that-clauses and their direct objects: what the clause
    says ("said all sides should exercise [restraint]")."""
    heads = complement_heads(v)
    return heads + [o for h in heads for o in h.children if o.dep_ in ("dobj", "obj")]


@functools.lru_cache(maxsize=64)
def _inflected(words: tuple) -> frozenset:
    """Words and their inflections (the lemmatizer slips: "hoped" -> "hop")."""
    return frozenset(f for w in words for f in inflections(w))


COMPLEMENT_PREPS = ("about", "over", "on", "with", "at", "against", "toward", "towards", "by",
                    "for")


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
        # (and on its object: "admitted it had used [water on the crowd]")
        for c in [x for o in h.children if o.dep_ in ("dobj", "obj") for x in o.children] + \
                list(h.children):
            if c.dep_ == "prep" and c.lower_ in COMPLEMENT_PREPS:
                out += [t for g in c.children if g.dep_ == "pobj" for t in conjuncts(g)]
    return out


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
    # (the prefilter's cue words: "were critical of" is 11.be_critical_of)
    "be": ["am", "is", "are", "was", "were", "been", "being"], "become": ["became"],
    "grow": ["grew", "grown"], "have": ["has", "had"], "build": ["built"], "fall": ["fell", "fallen"],
    "find": ["found"], "forbid": ["forbade", "forbidden"], "hang": ["hung"], "hurt": ["hurt"],
    "lend": ["lent"], "let": ["let"], "light": ["lit"], "overrun": ["overran"],
    "pay": ["paid"], "retake": ["retook", "retaken"], "ring": ["rang", "rung"], "sit": ["sat"],
    "speed": ["sped"], "withhold": ["withheld"],
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
        if re.search(r"[^aeiou][aeiou][bdglmnprt]$", w):  # stop -> stopped, ban -> banned,
            # expel -> expelled, travel -> travelled (and the US "traveled", kept above)
            out |= {w + w[-1] + "ed", w + w[-1] + "ing"}
    out.update(_IRREGULAR.get(w, []))
    return out
