"""Pronouns through the document: "he", "its", "they", "many" (as a subject) and a
quotation's "we" -> the actor named before that they refer to, nearest and most
prominent first (the subject of a main clause before an embedded one, this sentence before
the previous), and never one the clause rules out (the speaker of a quotation is not the
one it names; "he met Putin and thanked him" is not himself).

Also ``may_refer``, the pipeline prefilter's cheap test for a sentence that names its
actor only by a subject pronoun (kept beside the pronoun rules it anticipates).
"""
from __future__ import annotations

import functools
import re

from .discourse import SUBJ, Cand, Discourse, Sentences, kind_of, subject_rank, words
from .introduced import chain_to, refer

# Clauses without a subject of their own whose doer is the governing clause's subject
CONTROLLED = ("conj", "advcl", "xcomp", "acl")
# Sentences back (from the anaphor's own) where a pronoun's antecedent may sit.
PRONOUN_WINDOW = 2
# Verbs whose "it" subject is no actor ("it seems", "it is clear that", "it takes").
EXPLETIVE_VERBS = {"be", "seem", "appear", "remain", "take", "become", "matter", "happen",
                   "cost", "mean", "look", "sound", "feel", "rain", "say"}


@functools.lru_cache(maxsize=1)
def _subject_pronoun_re() -> re.Pattern:
    w = words()
    subj = sorted(p for p in set(w.person_pronouns) | w.thing_pronouns | w.group_pronouns
                  if p in ("he", "she", "it", "they"))
    alt = "|".join(subj)
    return re.compile(
        rf"(?:^\W*|[,;:\"”’]\s*|\b(?:and|but|that|which|when|as|after|before|because|while)\s+)"
        rf"(?i:{alt})\b(?!\s+(?:is|was|were|are|'s|’s|has been|had been|will be|would be)\b)")


def may_refer(text: str) -> bool:
    """Cheap test for the pipeline's prefilter: may this sentence name an actor only by a
    subject pronoun ("It said ...", "..., he added")? (Copular "it is/was" is left out.)"""
    return bool(_subject_pronoun_re().search(text))



# -- "we" in a quotation ---------------------------------------------------------------------------

def _run_patterns(patterns):
    """The run's pattern set (the events stage's, with the user's --patterns), or the
    packaged one for callers that give none."""
    if patterns is not None:
        return patterns
    from ..events.patterns import get_patterns   # (lazy: events imports actors)
    return get_patterns()


def _quotations(doc, patterns):
    from .quotes import quotations
    lex = patterns.lexicon
    return quotations(doc, lex["speech_verbs"], lex.get("speech_nouns", ()))


def quoted_first_person(doc, by_token: dict, covered: set, w, patterns=None) -> list[dict]:
    """"“We will send troops,” the minister said": a first-person pronoun inside a
    quotation is its speaker (the subject of the verb of saying that frames it)."""
    if doc is None or not any(t.lower_ in w.first_person for t in doc):
        return []
    out = []
    for q in _quotations(doc, _run_patterns(patterns)):
        if q.speaker is None:
            continue
        speaker = by_token.get(q.speaker.i)
        if speaker is None or not (speaker.get("code") or speaker.get("members")):
            continue
        for t in doc.char_span(q.span[0], q.span[1], alignment_mode="contract") or []:
            if t.lower_ not in w.first_person or t.i in covered:
                continue
            span = (t.idx, t.idx + len(t.text))
            if speaker.get("members"):
                members = [refer(x, t.text, span, "quote", 0.6) for x in speaker["members"]]
                m = dict(members[0], members=members, code=None, country=None, agent=None,
                         actor_id=None, name=None)
            else:
                m = refer(speaker, t.text, span, "quote", 0.65)
            m["token_span"] = [t.i, t.i + 1]
            for x in m.get("members") or []:
                x["token_span"] = [t.i, t.i + 1]
            out.append(m)
            covered.add(t.i)
    return out


# -- pronouns --------------------------------------------------------------------------------------

def _pronoun_kind(tok, w) -> str | None:
    low = tok.lower_
    if low in w.person_pronouns:
        if tok.dep_ in SUBJ + ("poss", "dobj", "pobj", "dative"):
            return "person"
        return None
    if low in w.thing_pronouns:
        if tok.dep_ == "poss":
            return "body"
        if tok.dep_ == "nsubj" and tok.head.pos_ == "VERB" and \
                tok.head.lemma_.lower() not in EXPLETIVE_VERBS:
            return "body"
        if tok.dep_ == "nsubj" and tok.head.lemma_.lower() == "say":
            return "body"   # "It said": the speaker (a statement's attribution)
        return None
    if low in w.group_pronouns and tok.dep_ in SUBJ + ("poss", "dobj", "pobj", "dative"):
        return "group"
    if low in w.quantifier_pronouns and tok.dep_ in SUBJ and tok.pos_ in ("ADJ", "PRON", "NOUN") \
            and not list(tok.children) and tok.head.pos_ == "VERB" and tok.head.lemma_ != "be":
        # "Democrats and Republicans praised the deal, but many voiced fears": some of the
        # group named just before (not "many of them": a partitive names its own)
        return "plural"
    return None


def _gender(r, m: dict, w) -> str | None:
    """m/f from the dictionary, or f when the mention's own words say so; else None."""
    aid = m.get("actor_id") or ""
    a = r.actors.get(aid) if aid.startswith("person:") else None
    g = getattr(a, "gender", None) if a is not None else None
    if g:
        return g
    if set(re.findall(r"[a-z]+", (m.get("text") or "").lower())) & w.female_words:
        return "f"
    return None


def _ref_id(m: dict):
    """Who a mention names: its actor id, else its code and the span of the mention that
    names it (the end of its chain)."""
    if m.get("actor_id"):
        return m["actor_id"]
    named = m["chain"][-1] if m.get("chain") else m
    return m.get("code"), tuple(named.get("span") or ())


def _clause_subject_ids(tok, made: list[dict], by_token: dict) -> set:
    """What the subject of an object pronoun's own clause refers to."""
    v = tok.head
    while v.dep_ == "prep" and v.head is not v:
        v = v.head
    for _ in range(3):
        subj = [c for c in v.children if c.dep_ in SUBJ]
        if subj or v.dep_ not in CONTROLLED or v.head is v:
            break
        # "he met Putin and thanked him": the subject of "met"; "unions backing him": the
        # unions; "police sent residents an alert telling them": the subject of "sent"
        v = v.head
        if v.pos_ in ("NOUN", "PROPN") and v.i in by_token:
            subj = [v]
            break
        if v.pos_ in ("NOUN", "PROPN") and v.head is not v:
            v = v.head
    out = set()
    for t in subj:
        for m in [by_token.get(t.i)] + [x for x in made if x.get("token_span", [0, 0])[0] == t.i]:
            if m is not None:
                out.add(_ref_id(m))
    return out


def _owns_agent(tok, by_token: dict, event_nouns) -> bool:
    """Does a possessive pronoun own an agent noun ("its forces", "his government", "their
    ambassador"), a person or body noun ("its agents") or an event noun ("his talks with
    ...", "their visit")? Only then does its owner add an actor: the agent's country, the
    event's source. ("halted his march", "its role" add none.)"""
    m = by_token.get(tok.head.i)
    if m is not None and m.get("agent") and not m.get("country") and m.get("kind") == "agent":
        return True
    lemma = tok.head.lemma_.lower()
    w = words()
    # "its agents", "their supporters": people or bodies of the owner
    return lemma in event_nouns or lemma in w.person_heads or lemma in w.body_heads


UNKNOWN = object()   # a clause subject that names no actor we know


def _own_clause_subject(tok, by_token: dict):
    """The mention that is the subject of the clause a possessive pronoun sits in; UNKNOWN
    when that subject is a noun we did not resolve ("the North set off its ..."); None
    when the clause has no nominal subject before the pronoun."""
    v = tok.head
    for _ in range(4):
        if v.pos_ in ("VERB", "AUX") or v.head is v:
            break
        v = v.head
    subj = [c for c in v.children if c.dep_ in SUBJ and c.i < tok.i]
    if not subj:
        return None
    m = by_token.get(subj[0].i)
    if m is None and subj[0].pos_ in ("NOUN", "PROPN"):
        return UNKNOWN
    return m


def _governing_subject(tok, by_token: dict, w):
    """The subject of the clause that a subject pronoun's own clause completes, named
    before it: "Lee said (that) he would resign", "Lee told reporters he ...", "Lee denied
    he knew": the pronoun is most likely Lee. Returns Lee's mention (a person), UNKNOWN
    when Lee is a proper noun no mention covers (a person the dictionary does not know:
    the pronoun then refers to no actor rather than to someone named earlier), or None."""
    if tok.dep_ not in SUBJ or tok.head.dep_ != "ccomp":
        return None
    subj = [c for c in tok.head.head.children if c.dep_ == "nsubj" and c.i < tok.i]
    if not subj:
        return None
    t = subj[0]
    for i in [t.i] + list(range(t.left_edge.i, t.i)):
        m = by_token.get(i)
        if m is not None:
            # (a titled name: "Tory peer Lord Tebbit said he ...")
            return m if kind_of(m, w, False) == "person" and not m.get("members") else None
    if t.pos_ == "PROPN" and t.text[:1].isupper() and not t.text.isupper():
        return UNKNOWN
    return None


def resolve_pronouns(r, doc, disc: Discourse, sents: Sentences, covered: set, day, w,
              mentions_by_token: dict | None = None, patterns=None) -> list[dict]:
    """``patterns``: the run's PatternSet (its event nouns and verbs of saying)."""
    if doc is None:
        return []
    mentions_by_token = mentions_by_token or {}
    by_token = mentions_by_token
    patterns = _run_patterns(patterns)
    framed = _framed_quotes(doc, w, patterns)
    out = []
    for tok in doc:
        if tok.i in covered:
            continue
        want = _pronoun_kind(tok, w)
        if want is None:
            continue
        pos, s = tok.idx, sents.of(tok.idx)
        gender = w.person_pronouns.get(tok.lower_)
        clause_subject = _clause_subject_ids(tok, out, mentions_by_token) \
            if tok.dep_ in ("dobj", "pobj", "dative") else set()
        best = None
        if tok.dep_ == "poss" and not _owns_agent(tok, by_token, patterns.by_noun):
            continue   # "halted his march", "its role": the owner adds no actor to the event
        own = _own_clause_subject(tok, by_token) if tok.dep_ == "poss" else None
        if own is UNKNOWN:
            continue   # "its" most likely is that subject, which names no actor we know
        gov = _governing_subject(tok, by_token, w) if want == "person" else None
        if gov is UNKNOWN:
            continue   # "Ana Ruiz said she met ...": the speaker, whom we cannot code
        for c in disc.before(pos, s, PRONOUN_WINDOW):
            if own is not None and c.m is own and _fits(c, want) and not c.place:
                best = ((-1, 0), c)   # "Colombia withdrew its troops": its own clause's subject
                break
            if gov is not None and c.m is gov and _fits(c, want):
                best = ((-1, 0), c)   # "Lee said he would resign": the one who said it
                break
            if c.m.get("token_span") and c.m["token_span"][0] <= tok.i < c.m["token_span"][1]:
                continue
            if not _fits(c, want) or c.place:
                continue
            if tok.i in framed and c.sent == s and framed[tok.i][0] <= c.start < framed[tok.i][1]:
                continue   # '"The president failed us," he said': not the one quoted about
            if clause_subject and _ref_id(c.m) in clause_subject:
                continue   # "he met Putin and thanked him": not himself
            if want == "group" and c.m.get("agent") == "MED" and c.members is None:
                continue
            g = _gender(r, c.m, w)
            if (gender == "f" and g != "f" or gender == "m" and g == "f") \
                    and not c.m.get("unknown_person"):
                continue   # "she" needs evidence: most people in the news are named as men
            key = (s - c.sent, c.subject)
            if want == "group" and c.members is None and not c.plural:
                key = key + (1,)   # "they": a plural actor before a singular body, other things equal
            if best is None or key < best[0]:
                best = (key, c)
            if key == (0, 0):
                break
        if best is None or best[1].m.get("unknown_person"):
            continue   # (a person we cannot code: no actor, rather than someone else)
        c = best[1]
        span = (tok.idx, tok.idx + len(tok.text))
        if c.members is not None:
            members = [refer(x, tok.text, span, "pronoun", 0.55) for x in c.members]
            m = dict(members[0])
            m.update(members=members, code=None, country=None, agent=None, actor_id=None,
                     name=None, chain=chain_to(c.m))
            for x in members:
                x["token_span"] = [tok.i, tok.i + 1]
        else:
            m = refer(c.m, tok.text, span, "pronoun", 0.6)
        m["token_span"] = [tok.i, tok.i + 1]
        out.append(m)
        disc.add(m, subject=subject_rank(m, doc), members=m.get("members"))
    return out


def _framed_quotes(doc, w, patterns) -> dict:
    """Speaker token -> span of the quotation it frames ('"...," he said'): who speaks
    is not one of the people the quotation names. A speaker named by a noun of saying in
    the next sentence ("That was his verdict.") frames no quotation of its own sentence."""
    if not any(t.lower_ in w.person_pronouns for t in doc):
        return {}
    return {q.speaker.i: q.span for q in _quotations(doc, patterns)
            if q.speaker is not None and not q.by_noun}


def _fits(c: Cand, want: str) -> bool:
    if want == "plural":
        return not c.m.get("unknown_person") and (c.members is not None or (
            c.kind == "group" and c.plural and c.m.get("code") is not None))
    if c.m.get("unknown_person"):
        return want == "person"
    if c.m.get("code") is None and c.members is None:
        return False
    if want == "person":
        return c.kind == "person" and c.members is None
    if want == "body":
        return c.kind == "body" and c.members is None
    return c.members is not None or c.kind == "group" or (c.kind == "body" and c.m.get("agent"))
