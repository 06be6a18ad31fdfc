"""Quoted and reported speech: what a speaker's words do, coded once, from the speaker.

Runs over the coder's records of a whole document (``code_quotes``), before the document's
context fills empty sides (events/context.py). The parse gives the frame: a verb of saying
whose that-clause or quotation holds the content ("X said (that) ...", "“...,” X said",
"X told reporters: “...”"), or a quotation over several sentences (actors/quotes.py). Then:

    "We condemn it," the minister said of the strikes   the act itself (111), reported, its
                                                        "it" the strikes' attacker; one
                                                        record, not a second from "said"
    X said: "Y's plan is a disgrace."                   X -> Y 111 (a quoted evaluation)
    X said the launch was unacceptable                  X -> whoever launched 111 (the one
                                                        record: none on "said" besides)
    X said Y had misled voters                          X -> Y 112 (an accusation)
    "Y has failed and must resign," X said              X -> Y 1041 (a demand), not Y 0831
    X called Y dishonest / described Y as unfit         X -> Y 111
    Iran said Iraqi jets bombed its towns               IRN -> IRQ 112 (a party alleges an
                                                        attack on itself), and the attack
    "We urge both sides to talk," X said                X -> the two sides of the story's
                                                        conflict (or no target)

The quote's "we"/"I" is the speaker (actors/coref resolves it); ``attribution`` keeps the
speaker and the cue, ``modality`` is ``reported``. A verb of saying alone, with no
addressee, is no event (coder.reporting_frames). What a content clause says (evaluation,
accusation, demand to leave office) is read in events/quoted_content.py. Word lists:
``data/document/quotes.yaml``.
"""
from __future__ import annotations

from .arguments import ActorIndex, actor_object
from .codebook import get_codebook
from .context import _attack_noun, _identified, _same_actor, _stem, implied, story_attacker
from .context import words as context_words
from .grammar import governors, subjects
from .modality import modality, negation, speaker_of
from .patterns import Pattern
from .quoted_content import DEMAND_EXIT, _content_acts, _prep_object, words
from .roles import _domestic, _sentence_country, state_sector

NAMED = Pattern(id="quote:called", cameo="111", confidence=0.6)
FEELING = Pattern(id="quote:disapproving_feeling", cameo="111", confidence=0.55)
ALLEGED = Pattern(id="quote:alleged_attack", cameo="112", confidence=0.5)


# ---------------------------------------------------------------- frames

def speech_frame(tok, lex, quotes) -> tuple[object, object] | None:
    """(verb of saying, its content head) when ``tok`` is inside reported speech: under a
    verb of saying through that-clauses, quotes and coordination ("said it is wrong and we
    condemn it"), or in a quotation whose speaker is named in another sentence."""
    prev = tok
    for dep, g in governors(tok, limit=5):
        if dep in ("ccomp", "parataxis") and g.lemma_ in lex["speech_verbs"]:
            return g, prev
        if dep not in ("conj", "xcomp", "acomp", "attr", "ccomp", "advcl", "aux", "dobj"):
            break
        prev = g
    pos = tok.idx
    q = next((q for q in quotes if q.span[0] <= pos < q.span[1]), None)
    if q is not None and q.verb is not None and q.verb.sent != tok.sent:
        return q.verb, tok.sent.root
    return None


def _speaker(verb, lex, actors: ActorIndex, spk=None):
    """The actor who speaks: the subject of the verb of saying, else the quotation's
    speaker token (named by a noun of saying or in a reply: actors/quotes.py)."""
    subs = subjects(verb, lex) or ([spk] if spk is not None else [])
    return actors.at(subs[0]) if subs else None


def _attribution(verb, spk, lex, actors: ActorIndex) -> dict:
    """``attribution`` of a quoted act: ``modality.speaker_of``, or the quotation's speaker
    when the frame is a noun of saying ("That was the verdict of X")."""
    att = speaker_of(verb, lex, actors)
    if att.get("speaker") is None and spk is not None:
        a = actors.at(spk)
        att = {"speaker": a["text"] if a else spk.text, "actor_id": a.get("actor_id") if a else None,
               "code": a.get("code") if a else None, "cue": verb.text}
    return att


def _is_speaker(a, speaker) -> bool:
    """The actor spoken about is the speaker itself ("we", the same mention or actor)."""
    if a is None or speaker is None:
        return False
    if a is speaker or a.get("span") == speaker.get("span"):
        return True
    return bool(a.get("actor_id")) and a.get("actor_id") == speaker.get("actor_id") and \
        a.get("code") == speaker.get("code")


def _about(tok, actors: ActorIndex):
    """The actor a subject noun phrase is about: its own mention ("the Home Secretary"),
    else its possessor or by-phrase ("the Chancellor's plan", "the claims by the cabinet"),
    through a quantifier's of-phrase ("none of the cabinet's figures")."""
    if tok.lower_ in words()["quantifiers"]:
        g = _prep_object(tok, ("of",))
        return _about(g, actors) if g is not None else None
    if tok.pos_ == "PRON" and tok.lower_ not in ("he", "she", "they", "him", "her", "them"):
        return None
    a = actors.at(tok)
    if a is not None:
        return a
    for c in tok.children:
        if c.dep_ == "poss":
            return actors.at(c)
    if tok.pos_ == "NOUN":
        g = _prep_object(tok, ("by",))
        if g is not None:
            return actors.at(g)
    return None


def _topic(verb, w, actors: ActorIndex):
    """What the speech act is said of ("said of the strikes"): an actor mention, or an act
    noun (returned as the token)."""
    g = _prep_object(verb, w["topic_preps"])
    return (actors.at(g) or g) if g is not None else None


def _doer(noun, events, sent_index, lex):
    """The actor of the earlier act a definite noun names ("the launch" after "North Korea
    launched ...", "the attack"): the source of the nearest coded event before it whose
    verb (or event noun) shares the noun's stem, or, for an attack noun, the story's
    attacker."""
    if not any(c.dep_ in ("det", "poss") and c.lower_ in ("the", "this", "that", "these", "those")
               for c in noun.children):
        return None
    stem = _stem(noun.lemma_)
    if len(noun.lemma_) < 4:
        return None
    before = [p for p in events if p["sentence_index"] < sent_index or
              (p["sentence_index"] == sent_index and p["_verb_i"] < noun.i)]
    launches = words()["launch_words"]
    launch = noun.lemma_.lower() in launches
    for p in reversed(before):
        if p["negated"] or not _identified(p["source"]):
            continue
        lemma = noun.doc[p["_verb_i"]].lemma_
        if _stem(lemma) == stem or launch and lemma.lower() in launches:
            # ("the launch" after "North Korea fired a missile": one act, two words)
            return implied(p["source"], "quote-act", p)
    if _attack_noun(noun, context_words(), lex) or noun.lemma_.lower() in words()["attack_nouns"]:
        return _attacker_of(events, {"sentence_index": sent_index, "source": None})
    return None


def _attacker_of(events, e):
    """The source of the story's first attack before ``e`` (a definite "the strikes" names
    it): the attacker, or None when unknown."""
    return story_attacker(events, e, context_words(), "quote-topic", before_verb=False)


def _negated(tok, lex) -> bool:
    return negation(tok, lex) is not None or any(c.dep_ == "neg" for c in tok.head.children
                                                 if tok.dep_ in ("acomp", "attr"))


# ---------------------------------------------------------------- new records

def _sides(p, s, t, lex) -> tuple:
    """(source, target) of a record this pass makes, from the actors found: a country
    named as the speaker speaks through its government, and one named as whom the words
    are aimed at is its government ("disappointed in China", "Peru's plan is a disgrace"
    -> PERGOV), as the coder's own patterns have it (roles.state_sector)."""
    return (s and actor_object(state_sector(s, "source", p.cameo, lex)),
            t and state_sector(actor_object(t), "target", p.cameo, lex))


def _record(p, v, speaker_tok_verb, spk, s, t, sent, sent_index, lex, actors, make_event):
    """A record of a quoted act, ``s`` and ``t`` its sides (``_sides``)."""
    ev = make_event(p, v, s, t, sent, sent_index, lex, actors)
    ev["modality"] = "reported"
    ev["negated"] = False
    ev["_negation_cue"] = None
    ev["attribution"] = _attribution(speaker_tok_verb, spk, lex, actors)
    ev["_main"] = False
    return ev


def _recode(e, code) -> None:
    cb = get_codebook()
    info = cb.cameo(code)
    e.update(cameo=code, cameo_root=info["root"], quad_class=info["quad_class"],
             goldstein=info["goldstein"], plover=cb.plover_for(code))


def _home(a, v, actors):
    home = _sentence_country(v, actors)
    return _domestic(a, home) if (a is not None and home) else a


def _said(verb, sent, w, lex, actors) -> bool:
    """Was it said? Not "denied that", "did not say", "will say on Monday", "may say"."""
    if verb.lemma_.lower() in w["denying_speech_verbs"] or negation(verb, lex) is not None:
        return False
    return modality(verb, sent, lex, actors)[0] not in ("intended", "hypothetical")


def _conditional(tok, lex) -> bool:
    """A clause with a condition on it ("would be a disgrace if ...", "if Y's figures do
    not add up")."""
    marks = lex["conditional_marks"]
    if any(c.dep_ == "mark" and c.lower_ in marks for c in tok.children):
        return True
    h = tok.head if tok.dep_ in ("acomp", "attr", "oprd") else tok
    return any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in marks for m in c.children)
               for c in list(h.children) + list(tok.children))


def _in_quote(q, sent) -> list:
    """The clause heads of ``sent`` inside quotation ``q`` that hang on no other clause
    (the quoted sentence's own roots)."""
    return [t for t in sent if t.pos_ in ("VERB", "AUX") and q.span[0] <= t.idx < q.span[1]
            and (t.head.i == t.i or not q.span[0] <= t.head.idx < q.span[1])]


def _existing(events, sent_index, s, t, roots):
    return next((e for e in events if e["sentence_index"] == sent_index and e["cameo_root"] in roots
                 and _same_actor(e["source"], s) and _same_actor(e["target"], t)), None)


def _done(events, sent_index, s, t, roots) -> bool:
    """Is this speaker's act on this actor already coded in the sentence?"""
    return any(e["sentence_index"] == sent_index and e["cameo_root"] in roots
               and _same_actor(e["source"], s) and _same_actor(e["target"], t) for e in events)


def quoted_acts(doc, events, actors: ActorIndex, lex, quotes, sents, make_event) -> tuple[list[dict], set]:
    """The speaker's evaluations, accusations and demands in reported speech, and "X called
    Y <evaluation>"."""
    w = words()
    out: list[dict] = []
    replaced: set = set()
    frames = []
    for k, sent in enumerate(sents):
        if not actors.any_in(sent.start, sent.end):
            continue
        for v in sent:
            if v.lemma_ in lex["speech_verbs"] and v.pos_ in ("VERB", "AUX"):
                for c in v.children:
                    if c.dep_ in ("ccomp", "parataxis") and c.pos_ in ("VERB", "AUX"):
                        frames.append((v, c, sent, k, None))
            if v.lemma_ in w["naming_verbs"] and v.pos_ == "VERB":
                out.extend(_named(v, sent, k, w, lex, actors, events + out, make_event))
            if v.lower_ in w["disapproving_feelings"] and v.pos_ in ("ADJ", "VERB"):
                out.extend(_feeling(v, sent, k, w, lex, actors, quotes, events + out, make_event, replaced))
        for q in quotes:
            if q.verb is not None and q.verb.sent != sent and q.span[0] <= sent.start_char < q.span[1] \
                    and sent.root.pos_ in ("VERB", "AUX"):
                frames.append((q.verb, sent.root, sent, k, q.speaker))
            elif q.verb is not None and q.verb.sent == sent and q.verb.lemma_ not in lex["speech_verbs"]:
                # a reply's verb or a colon's sentence frames the quotation ("..., X countered")
                frames.extend((q.verb, c, sent, k, q.speaker) for c in _in_quote(q, sent))
    for verb, head, sent, k, spk in frames:
        if not _said(verb, sent, w, lex, actors):
            continue
        speaker = _speaker(verb, lex, actors, spk)
        if speaker is None or not _identified(_home(speaker, verb, actors)):
            continue
        for p, cue, subj, about_tok in _content_acts(head, lex, w, actors):
            if _conditional(cue, lex) or cue is not head and _conditional(head, lex):
                continue
            about = _about(about_tok, actors)
            if about is None and about_tok.lower_ in w["topic_pronouns"]:
                topic = _topic(verb, w, actors)
                about = topic if isinstance(topic, dict) else None
            if about is None and about_tok.pos_ == "NOUN":
                # "said the launch was unacceptable": the doer of the act the noun names
                about = _doer(about_tok, events, k, lex)
            if about is None or _is_speaker(about, speaker):
                continue
            s, t = _home(speaker, verb, actors), _home(about, cue, actors)
            if not _identified(t):
                continue
            if _same_actor(s, t) and s.get("span") == t.get("span"):
                continue
            if p is DEMAND_EXIT:
                demand = _existing(events + out, k, s, t, ("10",))
                if demand is not None:
                    # "said Y must resign" coded a demand (100): it is the demand to leave
                    if demand["cameo"] == "100":
                        _recode(demand, DEMAND_EXIT.cameo)
                    replaced.add((k, cue.i))
                    continue
            if _done(events + out, k, s, t, (p.cameo[:2], "12") if p.cameo[:2] == "11" else (p.cameo[:2],)):
                continue
            if p.cameo[:2] == "11":
                # the frame's own record of the same judgement with no target ("said the
                # launch was unacceptable" coded on "said"): this one replaces it
                for e in events:
                    if e["sentence_index"] == k and e["_verb_i"] == verb.i and e["target"] is None \
                            and e["cameo_root"] in ("11", "12") and _same_actor(e["source"], s):
                        replaced.add((k, verb.i))
            ev = _record(p, cue, verb, spk, *_sides(p, s, t, lex), sent, k, lex, actors, make_event)
            out.append(ev)
            if p is DEMAND_EXIT:
                # the exit is only demanded: its own record ("Y resigns", hypothetical) goes
                replaced.add((k, cue.i))
    return out, replaced


def _named(v, sent, k, w, lex, actors, events, make_event) -> list[dict]:
    """"X called Y dishonest", "X branded Y a liar", "X described Y as unfit"."""
    objs = [c for c in v.children if c.dep_ in ("dobj", "obj")]
    if not objs or negation(v, lex):
        return []
    preds = [c for c in v.children if c.dep_ in ("oprd", "xcomp", "ccomp", "acomp")]
    # "described Y as unfit" (the parser hangs "as" on the verb or on the object)
    preds += [g for h in [v] + objs for c in h.children if c.dep_ == "prep" and c.lower_ == "as"
              for g in c.children if g.dep_ in ("pobj", "amod", "acomp")]
    preds += [m for p in preds for m in p.children if m.dep_ in ("amod", "conj", "attr", "acomp")]
    if not any(p.lemma_.lower() in w["negative_evaluations"] or p.lower_ in w["negative_evaluations"]
               for p in preds):
        return []
    subs = subjects(v, lex)
    s = actors.at(subs[0]) if subs else None
    t = _about(objs[0], actors)
    if s is None or t is None or _is_speaker(t, s):
        return []
    s, t = _home(s, v, actors), _home(t, v, actors)
    if not _identified(s) or not _identified(t):
        return []
    if _done(events, k, s, t, ("11", "12")):
        return []
    ev = make_event(NAMED, v, *_sides(NAMED, s, t, lex), sent, k, lex, actors)
    ev["_main"] = False
    return [ev]


def _experiencer(v):
    """Who feels it: the subject of "X is angry", "X was outraged by", "X, who were
    outraged by"."""
    h = v.head if v.dep_ in ("acomp", "oprd") else v
    for c in h.children:
        if c.dep_ in ("nsubj", "nsubjpass"):
            if c.lower_ in ("who", "that", "which") and h.dep_ == "relcl":
                return h.head
            return c
    if h.dep_ == "relcl" and h.head.pos_ in ("NOUN", "PROPN"):
        return h.head
    return None


def _generic(tok) -> bool:
    """A bare plural common noun ("angry with journalists"): a kind, not an actor."""
    return tok.tag_ == "NNS" and not any(c.dep_ in ("det", "poss", "nummod") for c in tok.children)


def _feeling(v, sent, k, w, lex, actors, quotes, events, make_event, replaced) -> list[dict]:
    """"X is disappointed in Y", "we are appalled by Y's decision", "X, who were outraged by
    Y's request": X criticises Y (111). The feeling's targetless record on the verb of
    saying ("said it was dismayed", 012) is this one."""
    cause = _prep_object(v, w["feeling_preps"], deps=("prep", "agent"))
    if cause is None or cause.lemma_.lower() in w["patient_nouns"] or _generic(cause):
        return []
    who = _experiencer(v)
    if who is None or who.lower_ in w["quantifiers"] or who.lemma_.lower() in ("lot", "number", "plenty"):
        # "a lot of us get angry with ..." is no one's act
        return []
    s = actors.at(who) if who is not None else None
    t = _about(cause, actors)
    if s is None or t is None or _is_speaker(t, s):
        return []
    s, t = _home(s, v, actors), _home(t, v, actors)
    if not _identified(s) or not _identified(t) or _same_actor(s, t) and s.get("span") == t.get("span"):
        return []
    if _done(events, k, s, t, ("11", "12")):
        return []
    ev = make_event(FEELING, v, *_sides(FEELING, s, t, lex), sent, k, lex, actors)
    if ev["negated"] or ev["modality"] in ("intended", "hypothetical") or _conditional(v, lex):
        return []
    ev["_main"] = False
    h = v.head if v.dep_ in ("acomp", "oprd") else v
    said = speech_frame(h, lex, quotes)
    if said is not None:
        ev["modality"] = "reported"
        ev["attribution"] = speaker_of(said[0], lex, actors)
    frame = {g.i for _, g in governors(h, limit=4)}
    for e in events:
        if e["sentence_index"] == k and e["_verb_i"] in frame and e["target"] is None \
                and e["cameo"] in ("012", "110", "111") and _same_actor(e["source"], s):
            replaced.add((k, e["_verb_i"]))
    return [ev]


# ---------------------------------------------------------------- one record per act

def drop_frame_copies(doc, events: list[dict], lex) -> list[dict]:
    """A record on the verb of saying that repeats an act coded inside its own content
    ("'... we condemn it,' the minister said" coded 111 on "condemn" and again on "said"):
    the act inside is kept (it takes the frame's target when it has none)."""
    out = []
    for e in events:
        v = doc[e["_verb_i"]]
        if v.lemma_ in lex["speech_verbs"] and not e.get("_reporting"):
            inner = [x for x in events if x is not e and x["sentence_index"] == e["sentence_index"]
                     and x["cameo_root"] == e["cameo_root"] and x["_verb_i"] != v.i
                     and _inside(doc[x["_verb_i"]], v) and _same_actor(x["source"], e["source"])
                     and _finite(doc[x["_verb_i"]])
                     and (x["target"] is None or e["target"] is None or _same_actor(x["target"], e["target"]))]
            if inner:
                for x in inner:
                    if x["target"] is None and e["target"] is not None:
                        x["target"] = e["target"]
                    if e.get("_main"):
                        x["_main"] = True
                continue
        out.append(e)
    return out


def _finite(tok) -> bool:
    """A clause with its own subject ("we condemn it"), not an act the frame only
    evaluates ("it was wrong to blame others")."""
    return any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)


def _inside(tok, verb) -> bool:
    return any(g.i == verb.i for _, g in governors(tok, limit=6))


def pronoun_topics(doc, events: list[dict], lex, quotes, actors) -> None:
    """"'We condemn it,' the minister said of the strikes": a quoted act whose object is
    "it"/"this" and that has no target takes what the speech act is said of (an actor, or
    an attack's attacker)."""
    w = words()
    for e in events:
        if e["target"] is not None or e["source"] is None or e["negated"]:
            continue
        v = doc[e["_verb_i"]]
        if not any(c.dep_ in ("dobj", "obj") and c.lower_ in w["topic_pronouns"] for c in v.children):
            continue
        frame = speech_frame(v, lex, quotes)
        if frame is None:
            continue
        topic = _topic(frame[0], w, actors)
        if topic is None:
            continue
        if isinstance(topic, dict):
            if _identified(topic) and not _same_actor(topic, e["source"]):
                e["target"] = actor_object(topic)
        elif _attack_noun(topic, context_words(), lex) or topic.lemma_.lower() in w["attack_nouns"]:
            got = _attacker_of(events, e)
            if got is not None:
                e["target"] = got


def both_sides(events: list[dict]) -> list[dict]:
    """"We urge both sides to ...": the target is the two sides of the story's conflict
    (the first event, most violent kind first, with two identified sides that are not
    the speaker), one record each; with no such conflict, no target."""
    w = words()
    phrases = set(w["sides_phrases"])
    out = []
    done = set()
    for e in events:
        t = e["target"] or {}
        text = (t.get("text") or "").lower().strip()
        if text not in phrases:
            out.append(e)
            continue
        key = (e["sentence_index"], e["_verb_i"], e["cameo"], (e["source"] or {}).get("code"))
        if key in done:
            continue
        done.add(key)
        sides = _conflict_sides(events, e, w)
        if not sides:
            out.append(dict(e, target=None))
            continue
        for side in sides:
            out.append(dict(e, target=side))
    return out


def _conflict_sides(events, e, w):
    for root in w["conflict_roots"]:
        for p in events:
            if p["sentence_index"] > e["sentence_index"]:
                break
            if p is e or p["negated"] or p["cameo_root"] != root:
                continue
            s, t = p["source"], p["target"]
            if not (_identified(s) and _identified(t)) or _same_actor(s, t) or \
                    _same_actor(s, e["source"]) or _same_actor(t, e["source"]):
                continue
            if s.get("country") and s.get("country") == t.get("country") and s.get("agent") == t.get("agent"):
                continue
            return [implied(s, "conflict-side", p), implied(t, "conflict-side", p)]
    return []


# ---------------------------------------------------------------- entry

def code_quotes(doc, events: list[dict], actors: ActorIndex, lex) -> list[dict]:
    """The document's records (in text order) with reported speech handled as above."""
    from ..actors.quotes import quotations
    from .coder import make_event
    quotes = [q for q in quotations(doc, lex["speech_verbs"], lex.get("speech_nouns", ())) if q.verb is not None]
    quoted_speakers(doc, events, actors, lex, quotes)
    pronoun_topics(doc, events, lex, quotes, actors)
    sents = list(doc.sents)
    added, replaced = quoted_acts(doc, events, actors, lex, quotes, sents, make_event)
    if replaced:
        # (a demand's record on the frame stays: it is the demand)
        events = [e for e in events if (e["sentence_index"], e["_verb_i"]) not in replaced
                  or e["cameo_root"] == "10" or e["target"] is not None and e["cameo_root"] in ("11", "12")]
    events = sorted(events + added, key=lambda e: (e["sentence_index"], e["_verb_i"]))
    events = drop_frame_copies(doc, events, lex)
    events = events + alleged_attacks(doc, events, actors, lex, quotes, sents, make_event)
    events.sort(key=lambda e: (e["sentence_index"], e["_verb_i"]))
    return both_sides(events)


def alleged_attacks(doc, events, actors: ActorIndex, lex, quotes, sents, make_event) -> list[dict]:
    """"Iran said Iraqi jets bombed its border towns": a state that says its enemy attacked
    it accuses the enemy (112, speaker -> attacker), besides the reported attack itself
    (kept, the speaker its attribution), as the gold codes "Botha alleged that the ANC is
    planning ...". Only a party speaking: the attack's target is of the speaker's own
    country and the attacker of another; a third state or a reporter only reports."""
    w = words()
    roots, cues = set(w["alleged_roots"]), set(w["alleging_verbs"])
    out = []
    for e in events:
        s, t = e["source"], e["target"]
        if e["negated"] or e["modality"] != "reported" or e["cameo_root"] not in roots \
                or not s or not t or not s.get("country") or not t.get("country"):
            continue
        frame = speech_frame(doc[e["_verb_i"]], lex, quotes)
        if frame is None or frame[0].lemma_.lower() not in cues or _negated(frame[0], lex):
            continue
        verb = frame[0]
        spk = _speaker(verb, lex, actors)
        if spk is None or spk.get("country") != t["country"] or s["country"] == t["country"] \
                or (spk.get("agent") or "GOV") not in w["alleging_agents"]:
            continue
        if not spk.get("agent"):   # a country named as speaker speaks through its government
            spk = {**spk, "agent": "GOV", "code": spk["country"] + "GOV"}
        k = e["sentence_index"]
        if any(x["sentence_index"] == k and x["cameo_root"] == "11" and _same_actor(x["source"], spk)
               and _same_actor(x["target"], s) for x in events + out):
            continue
        # (the speaker's sector is set above, from the alleging agents)
        out.append(_record(ALLEGED, verb, verb, None, spk, _sides(ALLEGED, None, s, lex)[1],
                           sents[k], k, lex, actors, make_event))
    return out


def quoted_speakers(doc, events: list[dict], actors, lex, quotes=None) -> None:
    """An event in a quotation that runs over several sentences ("“We will not accept
    this. We will send troops,” the minister said.") is reported by the quotation's
    speaker, also in the sentences before the one with "said": ``attribution`` and
    modality ``reported`` (the sentence with "said" gets them from its own parse)."""
    if not events:
        return
    if quotes is None:
        from ..actors.quotes import quotations
        quotes = [q for q in quotations(doc, lex["speech_verbs"], lex.get("speech_nouns", ())) if q.verb is not None]
    for e in events:
        if e.get("attribution"):
            continue
        pos = doc[e["_verb_i"]].idx
        q = next((q for q in quotes if q.span[0] <= pos < q.span[1]), None)
        if q is None or doc[e["_verb_i"]].sent == q.verb.sent and q.verb.lemma_ in lex["speech_verbs"]:
            continue
        e["attribution"] = _attribution(q.verb, q.speaker, lex, actors)
        if e["modality"] == "asserted":
            e["modality"] = "reported"
