"""Negation, modality and attribution of an event, read off the verb's dependents and
the chain of governing verbs ("refused to sign", "said that ...", "plans to", "if ...").
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from .grammar import governor, governors, objects, obligation, subjects

if TYPE_CHECKING:
    from .arguments import ActorIndex

MODALITY_RANK = {"asserted": 0, "reported": 1, "intended": 2, "hedged": 3, "hypothetical": 4}


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
        denier = _denied(t, lex) or _denied_claim(t, lex)
        if denier is not None:
            return denier   # (also for a conjunct: "denied it had attacked or shelled X")
        if t.dep_ in ("pcomp", "pobj") and t.head.lower_ in lex["negating_preps"]:
            return t.head.text
        if t.dep_ in ("pcomp", "pobj") and t.tag_ == "VBG" and t.head.lower_ == "from" and \
                t.head.head.lemma_.lower() in lex.get("refrain_governors", ()):
            return t.head.head.text   # "refrained from testing"
        if t.dep_ in ("xcomp", "acl") and t.head.lemma_ in lex["refusal_governors"]:
            return t.head.text  # "refused to sign", "the failure of the envoy to meet"
        if t.dep_ == "conj" and t.head.pos_ == "NOUN" and t.head.lemma_ in lex["refusal_governors"] \
                and _infinitive(t):
            return t.head.text  # "the refusal to meet A, or to meet B": the parser hangs B's verb on the noun
        if t.dep_ in ("xcomp", "acomp") and any(c.dep_ == "neg" for c in t.head.children):
            return "not " + t.head.text  # "did not agree to meet", "is not willing to yield"
        if t.dep_ in ("xcomp", "conj", "acomp") and t.head.pos_ in ("VERB", "AUX", "ADJ"):
            t = t.head
            continue
        break
    return None


def _denied(v, lex) -> str | None:
    """"denied (that) any weapons had been sent", "denied arming the rebels": the speaker
    says it did not happen (the denial itself is the 016 event; "did not deny that ..."
    negates nothing). Only a clause after the verb: in "X refused to go, a claim Y denied"
    the parser may hang the refusal on "denied", yet the writer tells it as done."""
    if (v.dep_ == "ccomp" or v.dep_ == "xcomp" and v.tag_ in ("VBG", "VBN")) \
            and v.head.lemma_.lower() in lex.get("denial_governors", ()) \
            and v.i > v.head.i and not any(c.dep_ == "neg" for c in v.head.children):
        return v.head.text
    return None


def _denied_claim(v, lex) -> str | None:
    """"denied reports that its troops had crossed", "dismissed claims that it had supplied
    drones": the that-clause of a claim noun a verb of denial takes as its object; the
    speaker says it did not happen, as with "denied that ...". Returns the verb's text."""
    claim = v.head
    if v.dep_ not in ("acl", "ccomp", "relcl") or claim.pos_ != "NOUN" \
            or claim.lemma_.lower() not in lex.get("claim_nouns", ()) or claim.dep_ not in ("dobj", "conj") \
            or not any(m.dep_ == "mark" and m.lower_ == "that" for m in v.children):
        return None
    g = claim.head if claim.dep_ == "dobj" else claim.head.head
    if g.lemma_.lower() in lex.get("claim_denial_governors", ()) and not any(
            c.dep_ == "neg" for c in g.children):
        return g.text
    return None


def modality(v, sent, lex, actors: ActorIndex) -> tuple[str, dict | None]:
    """(modality, attribution) of the event on ``v``."""
    found = "asserted"
    attribution = None

    def bump(m):
        nonlocal found
        if MODALITY_RANK[m] > MODALITY_RANK[found]:
            found = m

    chain = [("self", v)] + governors(v)
    complement = True       # still inside what the governors say (not an adjunct clause)
    for k, (dep, g) in enumerate(chain):
        own = g is v
        # "Kenya may expel the envoys and recall its ambassador": the second verb has no
        # modal of its own, it shares the first's (and so its mood)
        shared = dep == "conj" and _bare_conjunct(chain[k - 1][1], g)
        inside = complement     # (up to this link: "a mistake to[acl] X" is the predicate's own)
        complement = complement and (own or dep in COMPLEMENT_DEPS)
        if _inverted_condition(g, lex):
            # "Had the navy fired on the boat, ...": a condition with no "if", whatever it
            # holds is only supposed (the clause and what it governs)
            bump("hypothetical")
        if complement and _counterfactual(g, lex):
            # "would have vetoed", "said she would have objected to X opening an inquiry":
            # it did not happen, and neither did what it was about
            bump("hypothetical")
        for c in g.children:
            if c.dep_ in ("aux", "auxpass") and (c.lower_ in lex["intent_aux"] or c.lower_ in ("would", "'d")) \
                    and (own or shared) and _believed_of_another(g, lex):
                # "X thought voters would repudiate Y", "X fears China will retaliate": X's
                # guess about another, no plan of that other's
                bump("hypothetical")
            if c.dep_ in ("aux", "auxpass") and c.lower_ in lex["intent_aux"] and (own or shared or dep == "xcomp"):
                bump("intended")
            if c.dep_ == "aux" and c.lower_ in lex["hypothetical_aux"] and (own or shared or dep == "xcomp"):
                # "said it would allow": future in reported speech, not a condition;
                # "would like to visit": a wish, as "wants to visit"
                if c.lower_ in ("would", "'d") and (_under_speech(g, lex) or (
                        not own and g.lemma_ in lex.get("desire_governors", ()))):
                    bump("intended")
                else:
                    bump("hypothetical")
            if c.dep_ == "mark" and c.lower_ in lex["conditional_marks"]:
                bump("hypothetical")
            if c.dep_ == "advmod" and c.lower_ in lex["hedge_adverbs"]:
                bump("hedged")
        if own:
            continue
        below = chain[k - 1][1]
        if dep in ("xcomp", "advcl", "pcomp", "acl", "ccomp") and _possible_only(below, g, lex):
            # "is likely to attack", "capable of striking", "no capacity to carry out
            # attacks", "makes it possible for X to meet": a possibility, no occurrence
            bump("hypothetical")
        if inside and dep in ("xcomp", "acl", "relcl", "advcl", "ccomp") and _extraposed_judgement(below, g, lex):
            # "it is important to support X", "it would be a mistake to attack X", "said it
            # was irresponsible to blame others": a judgement of an act in general, not one done
            bump("hypothetical")
        if dep == "advcl" and _bare_participle(below):
            # "Dropping the plan, the party may lose ...": the participle adjunct shares its
            # head's doer and its mood
            for c in g.children:
                if c.dep_ == "aux" and c.lower_ in lex["hypothetical_aux"]:
                    bump("intended" if c.lower_ in ("would", "'d") and _under_speech(g, lex) else "hypothetical")
                elif c.dep_ in ("aux", "auxpass") and c.lower_ in lex["intent_aux"]:
                    bump("intended")
        if dep == "xcomp" and k == 1 and obligation(g):
            # "Russia has to withdraw", "both sides need to stop the fighting": an obligation,
            # nothing done yet (only the verb's own: "need to know what happened at the
            # meetings" does not undo the meetings)
            bump("hypothetical")
        if dep == "acl" and g.pos_ in ("NOUN", "PROPN") and _infinitive(chain[k - 1][1]) and \
                g.lemma_ in lex.get("intent_nouns", ()):
            # "a plan to sanction Iran", "an attempt to storm the base": not (yet) done
            bump("intended")
        elif dep in ("advcl", "xcomp", "acl") and _after_intent_noun(chain[k - 1][1], g, lex):
            # "made a vow to expel the envoys": the parser hangs the infinitive on the verb,
            # but it is the noun's ("a vow to expel"), not (yet) done
            bump("intended")
        if dep == "xcomp" and g.lemma_ in lex["hedge_governors"]:
            bump("hedged")
        elif (dep == "xcomp" or _infinitive_link(chain, k)) and (
                g.lemma_ in lex["intent_governors"] or g.lower_ == "going"
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
                                   "code": a.get("code") if a else None,
                                   "cue": "according to"}
                break
    if sent.text.rstrip().rstrip("\"'”’ ").endswith("?"):
        bump("hypothetical")
    return found, attribution


#: Links from a verb to what it governs as its content: a counterfactual governor makes
#: them counterfactual too (not adverbial clauses or relative clauses: those tell
#: something else).
COMPLEMENT_DEPS = ("xcomp", "ccomp", "pcomp", "pobj", "prep", "dobj", "conj")


def _counterfactual(g, lex) -> bool:
    """"would have met", "could have been stopped", "should have expelled": a modal with
    the perfect tells what did not happen."""
    aux = [c.lower_ for c in g.children if c.dep_ in ("aux", "auxpass")]
    return g.tag_ == "VBN" and any(a in ("have", "'ve") for a in aux) and \
        any(a in lex.get("counterfactual_aux", ()) for a in aux)


def _infinitive_link(chain, k) -> bool:
    """Does the link into ``chain[k]`` stand for an infinitive complement the parser got
    wrong? "threatening to[prep] stab[pobj]": the "to" taken for a preposition; "threatening
    to stab and kill[conj]": the second base-form verb hung on the gerund, not on "stab"."""
    dep, g = chain[k]
    below = chain[k - 1][1]
    if g.pos_ not in ("VERB", "AUX") or below.tag_ != "VB":
        return False
    if dep == "pobj":
        return below.head.lower_ == "to" and below.head.dep_ == "prep"
    return dep == "conj" and g.tag_ != "VB" and any(
        c.i < below.i and c.tag_ == "VB" and (c.dep_ == "xcomp" or (c.dep_ == "pobj" and c.head.lower_ == "to"))
        for c in g.subtree if c.head.i == g.i or c.head.head.i == g.i)


def _inverted_condition(g, lex) -> bool:
    """Is ``g`` the head of an adverbial clause opened by an auxiliary before its subject
    ("Had X known, ...", "Should the deal collapse, ...", "Were X to win, ...")? Only an
    adverbial clause: a question ("Had they met?") is the root."""
    if g.dep_ != "advcl":
        return False
    first = g.doc[g.left_edge.i]
    if first.lower_ not in lex.get("inverted_condition_aux", ()) or \
            not (first.i == g.i or (first.head.i == g.i and first.dep_ in ("aux", "auxpass"))):
        return False
    # (the parser may hang the clause's verb on the auxiliary: "Had[advcl] X met[ccomp] Y")
    heads = [g] + [c for c in g.children if c.dep_ in ("ccomp", "xcomp")] if first.i == g.i else [g]
    return any(c.dep_ in ("nsubj", "nsubjpass", "expl") and c.i > first.i
               for h in heads for c in h.children)


def _possible_only(below, g, lex) -> bool:
    """Is ``below`` (an infinitive or gerund under ``g``) only what someone can, may
    probably or is able to do? The word that says so is ``g`` itself ("a capacity to
    strike", "possible for X to meet") or an adjective on the way up to it ("likely to
    attack", "capable of striking"), which the governor chain skips."""
    adjectives = lex.get("possibility_governors", ())
    nouns = lex.get("capacity_nouns", ())
    if not (_infinitive(below) or below.tag_ == "VBG"):
        return False
    t = below.head
    while t.i != g.i and t.head.i != t.i:    # (spaCy makes a new Token object per access: compare .i)
        if t.lemma_.lower() in adjectives:
            return True
        t = t.head
    if g.pos_ == "ADJ" and g.lemma_.lower() in adjectives:
        return True
    return below.dep_ == "acl" and g.pos_ == "NOUN" and g.lemma_.lower() in nouns and _infinitive(below)


def _extraposed_judgement(below, g, lex) -> bool:
    """Is ``below`` an infinitive put after a dummy "it" whose predicate judges or requires
    it ("it is necessary to X", "it would be a mistake to X", "it is time for X to Y")?
    Only the listed predicates: with "it" for a country, "it was quick to condemn X" and
    "it is ready to talk" tell an act or a plan."""
    if not _infinitive(below):
        return False
    if g.lemma_ == "be":
        copula, predicates = g, [c for c in g.children if c.dep_ in ("acomp", "attr")]
    elif g.dep_ in ("acomp", "attr") and g.head.lemma_ == "be":
        copula, predicates = g.head, [g]
    else:
        return False
    if not any(c.dep_ in ("nsubj", "expl") and c.lower_ == "it" for c in copula.children):
        return False
    listed = lex.get("extraposed_predicates", ())
    return any(p.lemma_.lower() in listed or p.lower_ in listed for p in predicates)


def _bare_conjunct(v, first) -> bool:
    """Is ``v`` a verb in the base form conjoined to ``first`` with no auxiliary and no
    subject of its own, so that the modal of ``first`` is its modal too ("will expel X
    and recall Y"; not "will expel X and has recalled Y", "would expel X and recalled Y")?"""
    return v.tag_ == "VB" and first.pos_ in ("VERB", "AUX") and not any(
        c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for c in v.children)


def _bare_participle(v) -> bool:
    """A participle adjunct with no subordinator or subject of its own, not perfect
    ("Rejecting the offer, ..."; not "after rejecting", "having rejected", "with X rejecting")."""
    return v.tag_ in ("VBG", "VBN") and not any(
        c.dep_ in ("mark", "nsubj", "nsubjpass") or (c.dep_ == "aux" and c.lower_ == "having")
        for c in v.children)


def _believed_of_another(v, lex) -> bool:
    """Is ``v`` the clause a verb of belief holds true of someone other than the believer
    ("X thought voters would ...")? Not "X believes it will win": its own hope or plan."""
    if v.dep_ not in ("ccomp",) or v.head.lemma_.lower() not in lex.get("belief_verbs", ()):
        return False
    mine = [c for c in v.children if c.dep_ in ("nsubj", "nsubjpass")]
    theirs = [c for c in v.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not mine or not theirs:
        return False
    a, b = mine[0], theirs[0]
    if a.pos_ == "PRON" or a.lower_ == b.lower_:
        return False   # (a pronoun may be the believer: "Kenya believes it will ...")
    return True


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
        return {"speaker": None, "actor_id": None, "code": None, "cue": speech_verb.text}
    a = actors.at(subs[0])
    # (code: the speaker's actor code, "Kenya's foreign minister" -> KENGOV, also when the
    # dictionary has no entry for the person)
    return {"speaker": a["text"] if a else _np_text(subs[0]),
            "actor_id": a.get("actor_id") if a else None,
            "code": a.get("code") if a else None, "cue": speech_verb.text}


def non_factive(v, lex) -> str | None:
    """The governing verb when ``v`` is only proposed/demanded/threatened/wished, else None.

    The governor rules its whole non-finite clause: the chain is climbed through
    infinitives, purpose clauses and their conjuncts ("want Japan to lift tariffs to help
    cut its deficit", "appealed to the board to let patients choose"), so an act several
    links down is as much a wish as the first one."""
    desire, mandative = lex.get("desire_governors", set()), lex.get("mandative_governors", set())
    asking = lex["non_factive_governors"]
    t = v
    for dep, g in governors(v, limit=5):
        to = _infinitive(t)
        if dep == "xcomp" and g.lemma_ in asking:
            return g.text
        if dep == "xcomp" and g.lemma_ in desire and _own_actor(t, g):
            return g.text     # "would like Spain to act"
        if dep == "ccomp" and to and (g.lemma_ in asking or g.lemma_ in desire):
            return g.text     # "wants Togo to close ...", parsed as a clause with its subject
        if dep == "advcl" and to and g.lemma_ in asking and (
                _addressee(g) or (g.lemma_ != "call" and any(c.dep_ == "dobj" for c in g.children))):
            return g.text     # "appealed to X to let ...", "proposed talks to ease ...": the
            #                   purpose of a request is not done (but "called a meeting to
            #                   discuss" convenes one: "call" only with "on X", "to X"; and
            #                   "pushed into the town to attack" is no request at all)
        if dep == "acl" and to and g.pos_ == "NOUN" and g.lemma_.lower() in lex.get("request_nouns", ()):
            return g.text     # "the request to Ukraine to investigate X": asked for, not done
        if dep in ("pcomp", "pobj") and t.head.lower_ == "from" and t.tag_ == "VBG" and \
                g.lemma_.lower() in lex.get("prevention_governors", ()):
            return g.text     # "the resolutions ban X from launching rockets": forbidden
        if dep in ("pcomp", "pobj") and t.head.lower_ == "into" and t.tag_ == "VBG" and \
                (g.lemma_ in asking or g.lemma_ in lex.get("into_governors", ())):
            return g.text     # "pressured Belarus into closing the border": wanted, not done
        if dep == "ccomp" and g.lemma_ in mandative and _base_form(t) and \
                not any(c.dep_ == "aux" for c in t.children):
            return g.text     # "demanded that the army free ...": the base form of a demand
        if dep == "xcomp" or (dep in ("advcl", "ccomp") and to) or \
                (dep == "conj" and t.tag_ == "VB" and _infinitive(g)):
            t = g             # still inside the non-finite clause: climb on
            continue
        break
    return None


def habitual(v, lex) -> str | None:
    """The cue when ``v`` tells a habit, a liking or a life's story ("likes to travel",
    "once served as envoy", "regularly meets"), not an occurrence; else None."""
    for c in v.children:
        if c.dep_ == "advmod" and c.lower_ in lex.get("habit_adverbs", ()) and \
                (c.lower_ != "once" or (c.i < v.i and not _once_more(c))):
            return c.text
    if v.dep_ == "xcomp" and _infinitive(v):
        g = governor(v)
        if g is not None and g.lemma_ in lex.get("habit_governors", ()) and not any(
                c.dep_ in ("dobj", "auxpass") or (c.dep_ == "aux" and c.tag_ == "MD")
                for c in g.children):
            return g.text   # not "would like to meet" (a wish), "was used to attack" (a means)
    return None


def _base_form(v) -> bool:
    """The verb in its base form: tagged so, or tagged present with a singular noun subject
    ("proposed that the government give ...": the indicative would be "gives")."""
    if v.tag_ == "VB":
        return True
    return v.tag_ == "VBP" and any(c.dep_ in ("nsubj", "nsubjpass") and c.tag_ in ("NN", "NNP")
                                   and not any(x.dep_ == "conj" for x in c.children)
                                   for c in v.children)


def _once_more(once) -> bool:
    """"once again", "once more": one more occurrence, not a life's story."""
    nxt = once.doc[once.i + 1] if once.i + 1 < len(once.doc) else None
    return nxt is not None and nxt.lower_ in ("again", "more")


def planned(v, lex) -> bool:
    """Is the intended event on ``v`` a plan ("will visit", "plans to send", "agreed to
    meet") rather than an attempt or a beginning ("tried to storm", "began to withdraw")?"""
    attempts = lex.get("attempt_governors", ())
    for dep, g in governors(v, limit=3):
        if dep == "acl" and g.pos_ in ("NOUN", "PROPN"):
            return g.lemma_ not in attempts      # "a plan to visit", not "an attempt to storm"
        if dep != "xcomp":
            break
        if g.lemma_ in attempts:
            return False
    return True


def _addressee(g) -> bool:
    """The appeal names whom it is addressed to: "appealed to X", "called on X"."""
    return any(c.dep_ == "prep" and c.lower_ in ("to", "on", "upon") and
               any(o.dep_ == "pobj" for o in c.children) for c in g.children)


def _infinitive(v) -> bool:
    return any(c.dep_ == "aux" and c.tag_ == "TO" for c in v.children)


def _after_intent_noun(v, g, lex) -> bool:
    """The infinitive ``v`` follows right after an object of ``g`` that is an intent noun
    ("made a pledge to withdraw", "renewed its promise to help")."""
    to = [c for c in v.children if c.dep_ == "aux" and c.tag_ == "TO"]
    if not to or to[0].i == 0:
        return False
    before = v.doc[to[0].i - 1]
    return before.head.i == g.i and before.dep_ in ("dobj", "attr") and before.lemma_ in lex.get("intent_nouns", ())


def _own_actor(v, gov) -> bool:
    """The complement has a doer of its own: its subject, or the governor's object."""
    return any(c.dep_ in ("nsubj", "nsubjpass") for c in v.children) or \
        any(c.dep_ == "dobj" and c.i < v.i and c.tag_ not in COMPLEMENTIZER_TAGS for c in gov.children)


#: A "that" or "which" the parser made the governor's object ("said that it sought to
#: build ...", where "that" opens the clause) is no doer of the complement.
COMPLEMENTIZER_TAGS = ("IN", "WDT")
