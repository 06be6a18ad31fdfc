"""Document-level coreference: the actor a later, shorter mention refers back to.

Run once per Doc (``resolve_references``), after the text-level resolution and after
datelines and credits are set aside. News names an actor once and then refers back:

    "He urged ...", "his government"         -> the person last named as a subject
    "It said ...", "its forces"              -> the country or body last named
    "They denied ...", "their troops"        -> the group, or all members of a list
    "the ministry", "the lawmakers"          -> the earlier mention with that head word (or
                                                sector) and a country; with none and no
                                                country in the sentence, the country the
                                                document is about
    "Botha" after "Foreign Minister Pik Botha" -> that person (names the dictionary does not
                                                know; dictionary people are matched by name)
    "the two sides", "both leaders"          -> the last two actors of that kind

Each mention made or completed here gets ``resolved_by`` ("pronoun", "definite",
"home-country", "surname", "pair") and ``chain``: the steps back to the named mention
(``[{"text", "span", "resolved_by"}, ...]``, nearest first). Antecedents may sit in
sentences the pipeline's prefilter did not parse (``context`` mentions, found on the full
text); anaphors are only looked for in the parsed sentences.

The word lists are data: ``data/document/coreference.yaml``.
"""
from __future__ import annotations

import bisect
import functools
import re
from collections import Counter
from dataclasses import dataclass

from .introduced import (CALENDAR_WORDS, apposed_names, apposed_names_text, chain_to, refer,
                         surnames, titled_people)
from .acronyms import acronym_home
from .docdata import cached_sections

LISTS = frozenset({"thing_pronouns", "group_pronouns", "person_heads", "body_heads",
                   "definite_determiners", "pair_words", "honorifics", "home_heads",
                   "female_words", "first_person", "unnamed_armed_sectors",
                   "armed_group_sectors", "people_quantifiers", "posted_heads", "posted_preps", "group_heads",
                   "state_adjectives", "quantifier_pronouns"})
MAPS = frozenset({"person_pronouns", "pair_heads", "state_descriptions", "group_modifiers"})
SUBJ = ("nsubj", "nsubjpass")
# Clauses without a subject of their own whose doer is the governing clause's subject
CONTROLLED = ("conj", "advcl", "xcomp", "acl")
HOME_KEY = "eventwire.home_country"
# Sentences back (from the anaphor's own) where a pronoun's antecedent may sit.
PRONOUN_WINDOW = 2
SECTOR_WINDOW = 3
# Unnamed armed men belong to an armed group named at most this many sentences before.
ARMED_WINDOW = 2
# Verbs whose "it" subject is no actor ("it seems", "it is clear that", "it takes").
EXPLETIVE_VERBS = {"be", "seem", "appear", "remain", "take", "become", "matter", "happen",
                   "cost", "mean", "look", "sound", "feel", "rain", "say"}


@dataclass(frozen=True)
class CorefWords:
    person_pronouns: dict
    thing_pronouns: frozenset
    group_pronouns: frozenset
    person_heads: frozenset
    body_heads: frozenset
    definite: frozenset
    pair_words: frozenset
    pair_heads: dict
    honorifics: frozenset
    home_heads: frozenset
    female_words: frozenset
    first_person: frozenset
    unnamed_armed: frozenset
    armed_groups: frozenset
    people_quantifiers: frozenset
    posted_heads: frozenset
    posted_preps: frozenset
    group_heads: frozenset
    states: dict
    state_adjectives: frozenset
    quantifier_pronouns: frozenset
    group_modifiers: dict


@functools.lru_cache(maxsize=1)
def words() -> CorefWords:
    d = cached_sections("coreference.yaml", LISTS, MAPS)
    low = lambda xs: frozenset(x.lower() for x in xs)  # noqa: E731
    return CorefWords(
        person_pronouns={k.lower(): v for k, v in d["person_pronouns"].items()},
        thing_pronouns=low(d["thing_pronouns"]), group_pronouns=low(d["group_pronouns"]),
        person_heads=low(d["person_heads"]), body_heads=low(d["body_heads"]),
        definite=low(d["definite_determiners"]), pair_words=low(d["pair_words"]),
        pair_heads={k.lower(): v for k, v in d["pair_heads"].items()},
        honorifics=frozenset(h.lower().rstrip(".") for h in d["honorifics"]),
        home_heads=low(d["home_heads"]), female_words=low(d["female_words"]),
        first_person=low(d["first_person"]),
        unnamed_armed=frozenset(d["unnamed_armed_sectors"]),
        armed_groups=frozenset(d["armed_group_sectors"]),
        people_quantifiers=low(d["people_quantifiers"]),
        posted_heads=low(d["posted_heads"]), posted_preps=low(d["posted_preps"]),
        group_heads=low(d["group_heads"]),
        states={k.lower(): (None if v == "any" else frozenset([v] if isinstance(v, str) else v))
                for k, v in d["state_descriptions"].items()},
        state_adjectives=low(d["state_adjectives"]),
        quantifier_pronouns=low(d["quantifier_pronouns"]),
        group_modifiers={w_.lower(): kind for kind, ws in d["group_modifiers"].items()
                         for w_ in ([ws] if isinstance(ws, str) else ws)})


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


# -- sentences over the full text ---------------------------------------------------------

# (not after a title or an initial: "Mr. Glass", "George W. Bush", "the U.S. Army")
ABBREVIATIONS = ("Mr", "Mrs", "Ms", "Dr", "St", "Gen", "Sen", "Rep", "Gov", "Lt", "Col", "Sgt",
                 "Capt", "Adm", "Maj", "Prof", "Rev", "Jr", "Sr", "Mt", "Ft")
SENT_END = re.compile("".join(rf"(?<!\b{a})" for a in ABBREVIATIONS) + r"(?<!\b[A-Z])"
                      r"[.!?][\"”’)\]]*\s+(?=[\"“(\[]?[A-Z0-9])|\n\s*\n")


class Sentences:
    """Sentence numbers of character offsets of the full text (a cheap splitter: the
    context mentions sit in sentences the parser never saw)."""

    def __init__(self, text: str):
        self.starts = [0] + [m.end() for m in SENT_END.finditer(text)]

    def of(self, pos: int) -> int:
        return bisect.bisect_right(self.starts, pos) - 1


# -- antecedents ----------------------------------------------------------------------------

@dataclass
class Cand:
    m: dict
    start: int
    sent: int
    subject: int     # 0 main-clause subject, 1 embedded subject, 2 other (see _subject_rank)
    kind: str        # person | body | group | other
    plural: bool
    members: list | None = None    # the actors of a list ("Chile, Peru and Bolivia")
    place: bool = False            # used for where, not who ("in Belgrade")


def _head(m: dict) -> str:
    ws = re.findall(r"[A-Za-z][A-Za-z\-]*", m.get("text") or "")
    return ws[-1].lower() if ws else ""


def _singular(w: str) -> str:
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith("men"):
        return w[:-3] + "man"
    if w.endswith("s") and not w.endswith("ss"):
        return w[:-1]
    return w


def _kind(m: dict, w: CorefWords, plural: bool) -> str:
    aid = m.get("actor_id") or ""
    if aid.startswith("person:") or m.get("kind") == "person" or m.get("_person"):
        return "person"
    head = _head(m)
    if aid.startswith(("country:", "org:")) or m.get("kind") in ("country", "metonym", "org"):
        return "group" if plural and m.get("kind") == "agent" else "body"
    if m.get("agent"):
        if not plural and head in w.person_heads:
            return "person"
        if not plural and head in w.body_heads:
            return "body"
        if plural:
            return "group"
    return "other"


def _is_plural(m: dict, doc) -> bool:
    ts = m.get("token_span")
    if ts and doc is not None and ts[1] > ts[0]:
        tag = doc[ts[1] - 1].tag_
        if tag:
            return tag in ("NNS", "NNPS")
    head = _head(m)
    return head.endswith("s") and not head.endswith("ss") and len(head) > 3


def _subject_rank(m: dict, doc) -> int | None:
    """0: subject of its sentence's main verb (or of a verb coordinated with it), 1: subject
    of an embedded clause ("... said that Uganda had closed"), 2: not a subject."""
    ts = m.get("token_span")
    if not ts or doc is None:
        return None
    head = doc[ts[1] - 1]
    if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.dep_ in SUBJ \
            and not any(c.dep_ in ("det", "poss") for c in head.children):
        # "Thousands of farmers marched", "some of the rebels said": the counted are the subject
        v = head.head.head.head
        while v.dep_ == "conj" and v.head is not v:
            v = v.head
        return 0 if v.dep_ == "ROOT" else 1
    for i in range(ts[0], ts[1]):
        t = doc[i]
        if t.dep_ in SUBJ and not (ts[0] <= t.head.i < ts[1]):
            v = t.head
            while v.dep_ == "conj" and v.head is not v:
                v = v.head
            return 0 if v.dep_ == "ROOT" else 1
    return 2


LOCATIVE_PREPS = frozenset({"in", "at", "inside", "near", "across", "throughout"})


def _is_place(m: dict, doc, text: str) -> bool:
    """A name used for where ("met in Belgrade", "flew to Sochi"), not for who."""
    if m.get("kind") == "place":
        return True
    ts = m.get("token_span")
    if ts and doc is not None:
        t = doc[ts[1] - 1]
        while t.dep_ == "conj" and t.head is not t:
            t = t.head
        return t.dep_ == "pobj" and t.head.lower_ in LOCATIVE_PREPS
    before = text[max(0, m["span"][0] - 8):m["span"][0]].lower().split()
    return bool(before) and before[-1] in LOCATIVE_PREPS


class Discourse:
    """The actors named so far, in text order, with what a later reference needs."""

    def __init__(self, doc, sents: Sentences, w: CorefWords, text: str = ""):
        self.doc, self.sents, self.w, self.text = doc, sents, w, text
        self.cands: list[Cand] = []
        self.starts: list[int] = []

    def add(self, m: dict, subject: int | None = None, members=None) -> Cand:
        plural = _is_plural(m, self.doc) if members is None else True
        rank = subject if subject is not None else _subject_rank(m, self.doc)
        c = Cand(m, m["span"][0], self.sents.of(m["span"][0]), 2 if rank is None else rank,
                 _kind(m, self.w, plural) if members is None else "group", plural, members,
                 members is None and _is_place(m, self.doc, self.text))
        k = bisect.bisect_right(self.starts, c.start)
        self.starts.insert(k, c.start)
        self.cands.insert(k, c)
        return c

    def before(self, pos: int, sent: int, window: int | None):
        """Candidates before ``pos``, nearest first, within ``window`` sentences."""
        k = bisect.bisect_left(self.starts, pos)
        for c in reversed(self.cands[:k]):
            if window is not None and sent - c.sent > window:
                break
            yield c

    def mark_first_subjects(self) -> None:
        """Context mentions (no parse): the first actor of a sentence stands for its subject."""
        seen = set()
        for c in self.cands:
            if c.m.get("token_span") is None and c.sent not in seen:
                c.subject = 0
            seen.add(c.sent)


def _lists(cands: list[Cand], text: str) -> list[Cand]:
    """Coordinated actors ("Chile, Peru and Bolivia") as one group candidate each."""
    out, run = [], []
    for c in cands:
        if run and re.fullmatch(r"\s*(?:,|and|or|,\s*and)\s*",
                                text[run[-1].m["span"][1]:c.start]) \
                and c.m.get("country") and run[-1].m.get("country"):
            run.append(c)
            continue
        if len(run) > 1:
            out.append(run)
        run = [c]
    if len(run) > 1:
        out.append(run)
    groups = []
    for run in out:
        first, last = run[0].m, run[-1].m
        g = {"text": text[first["span"][0]:last["span"][1]], "span": [first["span"][0], last["span"][1]],
             "code": None, "country": None, "agent": None, "actor_id": None, "name": None,
             "resolved_by": "list", "kind": "list"}
        groups.append((g, [c.m for c in run], run[0].subject))
    return groups


# -- the pass -------------------------------------------------------------------------------

def resolve_references(r, doc, mentions: list[dict], context: list[dict], text: str,
                       day=None, dateline: dict | None = None) -> list[dict]:
    """Complete ``mentions`` in place (definite descriptions) and return the new mentions
    (pronouns, surnames, pairs) of the parsed Doc. ``context``: mentions of sentences the
    parser did not see (antecedents only). ``text``: the full text (offsets = Doc's)."""
    w = words()
    sents = Sentences(text)
    disc = Discourse(doc, sents, w, text)
    for m in context:
        disc.add(m)
    for m in mentions:
        if not _predicative(m, doc):
            disc.add(m)
    disc.mark_first_subjects()
    for g, members, subj in _lists(list(disc.cands), text):
        disc.add(g, subject=subj, members=members)
    home = home_country(mentions + context, dateline)
    acronym_home(mentions + context, home)
    if doc is not None:
        doc.user_data[HOME_KEY] = home   # for the event coder (events/coder.ActorIndex.home)
    _posted_abroad(doc, mentions, home, w)
    sent_countries = _sentence_countries(mentions, sents)
    new: list[dict] = []
    covered = _covered(mentions)
    _counted_people(doc, mentions, w)
    _definites(doc, mentions, disc, sents, sent_countries, home, w)
    titled_people(mentions + context, home)
    for m in apposed_names(doc, mentions, covered, w.person_heads):
        new.append(m)
        disc.add(m)
    context = context + apposed_names_text(text, context, w.person_heads)
    for m in surnames(r, doc, mentions + new, context, covered, w):
        new.append(m)
        disc.add(m)
        covered.update(range(m["token_span"][0], m["token_span"][1]))
    for m in _pairs(doc, disc, sents, covered, w):
        new.append(m)
    for m in _definite_groups(doc, disc, sents, covered, w, mentions):
        new.append(m)
        disc.add(m, subject=_subject_rank(m, doc))
        covered.add(m["token_span"][0])
    for m in _definite_states(doc, disc, sents, covered, w, home):
        new.append(m)
        disc.add(m, subject=_subject_rank(m, doc))
        covered.update(range(*m["token_span"]))
    by_token = {}
    for m in mentions + new:
        ts = m.get("token_span")
        if ts:
            for i in range(ts[0], max(ts[1], ts[0] + 1)):
                by_token.setdefault(i, m)
    for m in _unknown_people(doc, mentions + new):
        disc.add(m, subject=_subject_rank(m, doc))
    for m in _pronouns(r, doc, disc, sents, covered, day, w, by_token):
        new.append(m)
        ts = m["token_span"]
        for i in range(ts[0], ts[1]):
            by_token.setdefault(i, m)
    new += _quoted_first_person(doc, by_token, covered, w)
    return new


def _unknown_people(doc, mentions) -> list[dict]:
    """Subjects named by a proper noun that no mention covers ("Tim Vale testified ...",
    "Vale said ..."): most are people the dictionary does not know. They are candidates
    for a later "he"/"she" only to stop it reaching back past them to someone else (the
    pronoun then refers to no actor); they are never actors themselves."""
    if doc is None:
        return []
    covered = _covered(mentions)
    out = []
    for t in doc:
        if t.dep_ not in SUBJ or t.pos_ != "PROPN" or t.i in covered or not t.text[:1].isupper() \
                or t.text.isupper() or t.lower_ in CALENDAR_WORDS or t.head.pos_ not in ("VERB", "AUX"):
            continue
        first = min([t] + [c for c in t.children if c.dep_ == "compound" and c.pos_ == "PROPN"],
                    key=lambda x: x.i)
        if any(i in covered for i in range(min(first.i, t.left_edge.i), t.i + 1)):
            continue   # "President-elect Ada Obi": the titled mention is this person
        a, b = first.idx, t.idx + len(t.text)
        out.append({"text": doc.text[a:b], "span": [a, b], "token_span": [first.i, t.i + 1],
                    "code": None, "country": None, "agent": None, "actor_id": None,
                    "unknown_person": True, "_person": True})
    return out


def _predicative(m: dict, doc) -> bool:
    """A description said of someone named before ("portrayed X as a man who ...", "he is
    a lawyer") is no new referent for a later pronoun."""
    ts = m.get("token_span")
    if doc is None or not ts or m.get("actor_id") or ts[1] > len(doc):
        return False
    tok = doc[ts[1] - 1]
    return tok.dep_ in ("attr", "oprd") or (tok.dep_ == "pobj" and tok.head.lower_ == "as")


def _covered(mentions) -> set[int]:
    out = set()
    for m in mentions:
        ts = m.get("token_span")
        if ts:
            out.update(range(ts[0], max(ts[1], ts[0] + 1)))
    return out


def _sentence_countries(mentions, sents: Sentences) -> dict[int, set]:
    out: dict[int, set] = {}
    for m in mentions:
        if m.get("country"):
            out.setdefault(sents.of(m["span"][0]), set()).add(m["country"])
    return out


def home_country(mentions, dateline: dict | None = None) -> str | None:
    """The country the document is about: the one its actors name clearly most often
    (the dateline's country counts as one more mention). None when no country leads."""
    counts: Counter = Counter()
    for m in mentions:
        if m.get("country"):
            # a bare country or place name ("in the West Bank") may be where, not who:
            # half the weight of an actor that acts (a person, a sector, an organisation)
            bare = not m.get("agent") and m.get("kind") in ("country", "place")
            counts[m["country"]] += 0.5 if bare else 1
    if dateline and dateline.get("country"):
        counts[dateline["country"]] += 1
    if not counts:
        return None
    (top, n), *rest = counts.most_common(2) + [(None, 0)]
    second = rest[0][1] if rest else 0
    total = sum(counts.values())
    if n >= 3 and n >= 2 * second and n >= 0.5 * total:
        return top
    if dateline and top == dateline.get("country") and (second == 0 or (
            n >= 1.5 and n >= 2 * second and n >= 0.5 * total)):
        # a short wire story filed from a city of the country it is about ("LA PAZ, March
        # 19 - The labour minister ..."): no other country named, or the dateline and an
        # actor of its country lead
        return top
    return None


# -- definite descriptions ----------------------------------------------------------------------

def _definite_np(doc, m) -> bool:
    """"the ministry", "these officials", or a bare plural ("Police said")."""
    ts = m.get("token_span")
    if not ts or doc is None:
        return False
    head = doc[ts[1] - 1]
    dets = [c for c in head.children if c.dep_ in ("det", "predet")]
    if ts[0] > 0 and doc[ts[0] - 1].lower_ in words().definite:
        return True
    if any(d.lower_ in words().definite for d in dets):
        return True
    return not dets and head.tag_ in ("NNS", "NNPS") and not any(
        c.dep_ in ("poss", "nummod") for c in head.children)


def _definites(doc, mentions, disc: Discourse, sents: Sentences, sent_countries, home, w) -> None:
    """A sector-only mention ("the ministry", "the lawmakers", "police") takes the country
    of the earlier mention with the same head word and sector. "the government", "the
    police" (``home_heads``) mean the home country's, unless the previous sentence named
    another's; with no antecedent and no country in its sentence, a sector-only mention
    belongs to the country the document is about (``home_country``)."""
    for m in mentions:
        if m.get("country") or m.get("actor_id") or not m.get("agent") or m.get("kind") != "agent" \
                or m.get("candidates") or not _definite_np(doc, m):
            continue
        if _foreign(doc, m):
            m["foreign"] = True   # (the event coder does not give it the sentence's country)
            continue
        pos, s = m["span"][0], sents.of(m["span"][0])
        head = _singular(_head(m))
        kind = GROUP_KINDS.get(m["agent"])
        if head in w.group_heads and kind is not None:
            # "the rights group", "the aid group", "the rebel group": the organisation of
            # that kind named before (Amnesty, the Red Cross, Boko Haram), not a body of the
            # sentence's country
            org = next((c.m for c in disc.before(pos, s, SECTOR_WINDOW)
                        if c.members is None and c.m is not m and not c.place
                        and (c.m.get("actor_id") or "").startswith("org:")
                        and _group_kind(c.m) == kind), None)
            if org is not None:
                m.update({k: org.get(k) for k in ("code", "country", "agent", "actor_id", "name")})
                m.update(resolved_by="definite", chain=chain_to(org), confidence=0.55)
                continue
        holder = next((c.m for c in disc.before(pos, s, SECTOR_WINDOW)
                       if c.m is not m and c.members is None and c.m.get("code")
                       and _singular(c.m.get("holder") or "") == head), None)
        if holder is not None:
            # "a spokesman for the EU ... the spokesman said": the one introduced, whose
            # code is the organisation's (compose._representatives)
            m.update({k: holder.get(k) for k in ("code", "country", "agent", "actor_id", "name")})
            m.update(resolved_by="definite", chain=chain_to(holder), confidence=0.6)
            continue
        same = [c for c in disc.before(pos, s, None)
                if c.m.get("country") and c.m is not m and c.members is None
                and _singular(_head(c.m)) == head and c.m.get("agent") == m["agent"]]
        ante, how = None, "definite"
        if m["agent"] in w.unnamed_armed:
            group = _armed_group_before(disc, pos, s, w)
            if group is not None:
                m.update(country=group["country"], agent=group["agent"],
                         code=group["country"] + group["agent"], resolved_by="armed-group",
                         chain=chain_to(group), confidence=0.5)
                continue
        if same and (head not in w.home_heads or home is None or s - same[0].sent <= 1):
            ante = same[0].m
        elif head in w.home_heads and home is not None:
            how = "home-country"
        elif home is not None and _introduced_before(disc, m, pos, s, head):
            # "A government spokesman said ... 'brokered by the Swiss government,' the
            # spokesman said": the one introduced before, not the other country's
            how = "home-country"
        elif sent_countries.get(s):
            continue   # the event coder gives it the sentence's own country
        else:
            ante = next((c.m for c in disc.before(pos, s, SECTOR_WINDOW)
                         if c.m.get("country") and c.members is None
                         and c.m.get("agent") == m["agent"]), None)
            if ante is None:
                if home is None:
                    continue
                how = "home-country"
        if ante is not None:
            country, chain = ante["country"], chain_to(ante)
        else:
            country, chain = home, []
        m.update(country=country, code=country + m["agent"], resolved_by=how, chain=chain,
                 confidence=0.6 if how == "definite" else 0.5)


FOREIGN_WORDS = frozenset({"foreign", "overseas", "international", "western"})


def _foreign(doc, m: dict) -> bool:
    """"foreign banks", "Western diplomats": not the home country's, nor the sentence's
    ("other officials" are: other than the one named)."""
    ts = m.get("token_span")
    if not ts or doc is None or ts[1] > len(doc):
        return False
    return any(c.dep_ == "amod" and c.lower_ in FOREIGN_WORDS for c in doc[ts[1] - 1].children)


def _posted_abroad(doc, mentions, home, w) -> None:
    """"the special envoy to Ukraine", "the ambassador in Kabul": a post abroad with no
    country of its own serves the state that sent it. The host named after to/in is
    recorded (``posted_to``: the event coder never gives the post that country); with a
    home country other than the host, the post is the home country's."""
    if doc is None:
        return
    by_token = {i: x for x in mentions if x.get("token_span")
                for i in range(x["token_span"][0], x["token_span"][1])}
    for m in mentions:
        ts = m.get("token_span")
        if not ts or m.get("country") or m.get("actor_id") or not m.get("agent") \
                or m.get("members") or ts[1] > len(doc):
            continue
        head = doc[ts[1] - 1]
        if _singular(head.lower_) not in w.posted_heads:
            continue
        hosts = {x["country"] for p in head.children
                 if p.dep_ == "prep" and p.lower_ in w.posted_preps
                 for o in p.children if o.dep_ == "pobj"
                 for c in [o] + list(o.conjuncts)
                 for x in [by_token.get(c.i)] if x is not None and x.get("country")}
        if len(hosts) != 1:
            continue
        host = next(iter(hosts))
        m["posted_to"] = host
        if home is not None and home != host:
            m.update(country=home, code=home + m["agent"], resolved_by="home-country",
                     chain=[], confidence=0.5)


def _counted_people(doc, mentions, w) -> None:
    """"many Nigerians", "thousands of Iraqis", "two Britons": a plural demonym that is
    counted names people of that country (CVL), not its state ("the Americans vetoed" is
    left alone)."""
    if doc is None:
        return
    for m in mentions:
        ts = m.get("token_span")
        if not ts or m.get("resolved_by") != "demonym" or m.get("agent") or not m.get("country"):
            continue
        head = doc[ts[1] - 1]
        if head.tag_ not in ("NNPS", "NNS"):
            continue
        counted = any(c.dep_ in ("amod", "nummod", "det", "quantmod") and
                      (c.lower_ in w.people_quantifiers or c.like_num) for c in head.children) or (
            head.dep_ == "pobj" and head.head.lower_ == "of" and
            head.head.head.lower_ in w.people_quantifiers)
        if counted:
            m.update(agent="CVL", code=m["country"] + "CVL")


def _introduced_before(disc: Discourse, m: dict, pos: int, sent: int, head: str) -> bool:
    """Was a mention with the same head word and sector, and no country of its own, made
    before (in an earlier sentence)?"""
    return any(c.m is not m and c.members is None and c.sent < sent and not c.m.get("country")
               and _singular(_head(c.m)) == head and c.m.get("agent") == m["agent"]
               for c in disc.before(pos, sent, SECTOR_WINDOW))


def _armed_group_before(disc: Discourse, pos: int, sent: int, w):
    """The armed group named last, in this sentence or the two before, that unnamed armed
    men ("gunmen", "the attackers") are part of: "A rebel commander ... Gunmen then ..."."""
    return next((c.m for c in disc.before(pos, sent, ARMED_WINDOW)
                 if c.members is None and c.m.get("country") and c.m.get("agent") in w.armed_groups),
                None)


# -- "the group" ---------------------------------------------------------------------------------

# Sectors of the state: its bodies are "the ministry", "the army", never "the group".
STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY"})


def _definite_groups(doc, disc: Discourse, sents: Sentences, covered: set, w,
                     mentions: list[dict] | None = None) -> list[dict]:
    """"the group", "the organisation" (no agent noun of their own): the organisation or
    non-state group named last as a subject, in the sentence or the three before ("Amnesty
    International said ... The group also urged ..."; not "girls captured by Boko Haram ...
    The group, all of them ..."). Not "the group of ..." (a partitive names its own)."""
    if doc is None:
        return []
    mentions = mentions if mentions is not None else []
    by_token = {i: x for x in mentions if x.get("token_span")
                for i in range(x["token_span"][0], x["token_span"][1])}
    out = []
    for tok in doc:
        if tok.lower_ not in w.group_heads or tok.pos_ != "NOUN" or tok.tag_ != "NN" \
                or not any(c.dep_ == "det" and c.lower_ in w.definite for c in tok.children) \
                or any(c.dep_ in ("prep", "poss") for c in tok.children):
            continue
        mods = [c for c in tok.children if c.dep_ in ("amod", "compound", "nmod")]
        # "the militant group", "the Islamist militant group": describing words say which
        # kind of group (group_modifiers); any other modifier makes it a group of its own
        kinds = {w.group_modifiers.get(c.lower_) for c in mods}
        if None in kinds or len(kinds) > 1 or any(i in covered for i in range(tok.i, tok.i + 1)):
            continue
        want = next(iter(kinds)) if kinds else None
        pos, s = tok.idx, sents.of(tok.idx)
        ante = next((c.m for c in disc.before(pos, s, SECTOR_WINDOW)
                     if c.members is None and c.m.get("code") and not c.place and c.subject <= 1
                     and not c.m.get("unknown_person") and c.kind != "person"
                     and ((c.m.get("actor_id") or "").startswith("org:")
                          or (c.m.get("agent") and c.m["agent"] not in STATE_SECTORS))
                     and c.m.get("agent") not in STATE_SECTORS
                     and (want is None or (_group_kind(c.m) == want
                                           and (c.m.get("country") or (c.m.get("actor_id") or "").startswith("org:"))))),
                    None)
        if ante is None:
            continue
        det = min(c.i for c in tok.children if c.dep_ == "det")
        if any(i in covered and not _agent_only(by_token.get(i)) for i in range(det, tok.i + 1)):
            continue
        span = (doc[det].idx, tok.idx + len(tok.text))
        m = refer(ante, doc.text[span[0]:span[1]], span, "definite", 0.55)
        m["token_span"] = [det, tok.i + 1]
        out.append(m)
        # the sector word inside ("militant") is no actor of its own
        inside = {id(x) for i in range(det, tok.i) for x in [by_token.get(i)] if _agent_only(x)}
        mentions[:] = [x for x in mentions if id(x) not in inside]
    return out


GROUP_KINDS = {"REB": "armed", "RAD": "armed", "UAF": "armed", "HRI": "rights", "NGO": "aid"}
# the agents of each kind, for codes that carry them (NGAREB, USAHRI)
ARMED, RIGHTS, AID = (frozenset(a for a, k in GROUP_KINDS.items() if k == kind)
                      for kind in ("armed", "rights", "aid"))


def _agent_only(m) -> bool:
    return m is not None and m.get("kind") == "agent" and not m.get("country") and not m.get("actor_id")


def _group_kind(m: dict) -> str:
    """armed | rights | aid | other: which kind of group an organisation is, by its agent
    (GROUP_KINDS) or its code."""
    code, agent = m.get("code") or "", m.get("agent") or ""
    if agent in ARMED or code.startswith("IMG") or code[3:6] in ARMED:
        return "armed"
    if agent in RIGHTS or code.endswith("HRI") or code in ("NGOAMN",):
        return "rights"
    if agent in AID or code.startswith("NGO"):
        return "aid"
    return "other"


# -- "the kingdom" -------------------------------------------------------------------------------

STATE_WINDOW = 2


def _state_key(tok, w):
    """The ``state_descriptions`` entry a definite noun phrase headed by ``tok`` matches
    ("the Gulf state" -> "gulf state", "the kingdom" -> "kingdom"), or None. Not a name
    ("the Kingdom of Spain"), a compound ("the country music"), a predicate ("X is the
    country that ...") or a description with its own of-phrase or clause."""
    if tok.tag_ != "NN" or not tok.text.islower() or tok.dep_ in ("compound", "attr") \
            or not any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children) \
            or any(c.dep_ in ("poss", "relcl", "acl") or (c.dep_ == "prep" and c.lower_ == "of")
                   for c in tok.children):
        return None
    mods = [c for c in tok.children if c.dep_ in ("amod", "compound", "nmod") and c.i < tok.i]
    if len(mods) == 1 and f"{mods[0].lower_} {tok.lower_}" in w.states:
        return f"{mods[0].lower_} {tok.lower_}"
    if not mods and tok.lower_ in w.states:
        return tok.lower_
    if len(mods) == 1 and mods[0].lower_ in w.state_adjectives:
        # "the isolated state", "the oil-rich kingdom"
        return tok.lower_ if tok.lower_ in w.states else "country" if tok.lower_ == "state" else None
    return None


def _definite_states(doc, disc: Discourse, sents: Sentences, covered: set, w, home=None) -> list[dict]:
    """"the kingdom", "the emirate", "the Gulf state": the state named last (in its
    sentence or the two before; subjects first) that the description fits
    (``state_descriptions``); "the country", "the nation" (fit any state): the one country
    named there, or the document's own when it is among them. The mention names the
    country itself, as its name would. Not where something happens ("rallies throughout
    the country", "the best law in the nation"): a place, not an actor."""
    if doc is None:
        return []
    out = []
    for tok in doc:
        if tok.i in covered or tok.pos_ != "NOUN":
            continue
        key = _state_key(tok, w)
        if key is None or (tok.dep_ == "pobj" and tok.head.lower_ in LOCATIVE_PREPS | {"around", "within", "over"}):
            continue
        fits = w.states[key]
        pos, s = tok.idx, sents.of(tok.idx)
        cands = [c for c in disc.before(pos, s, STATE_WINDOW)
                 if (cty := c.m.get("country")) and c.members is None and not c.m.get("unknown_person")
                 and not c.m.get("posted_to") and len(cty) == 3 and cty not in ("IGO", "NGO")
                 and (fits is None or cty in fits)]
        if not cands:
            continue
        if fits is None:
            named = {c.m["country"] for c in cands}
            if len(named) == 1:
                cty = named.pop()
            elif home in named:
                cty = home
            else:
                continue   # "the country" among several: unclear which
            best = next(c for c in cands if c.m["country"] == cty)
        else:
            best = min(cands, key=lambda c: (s - c.sent, c.subject))
            cty = best.m["country"]
            rivals = {c.m["country"] for c in cands if c.sent == best.sent and c.subject == best.subject}
            if len(rivals) > 1:
                continue
        first = min([tok] + [c for c in tok.children if c.dep_ in ("det", "amod", "compound", "nmod")],
                    key=lambda x: x.i)
        if any(i in covered for i in range(first.i, tok.i + 1)):
            continue
        span = (first.idx, tok.idx + len(tok.text))
        m = refer(best.m, doc.text[span[0]:span[1]], span, "definite-state", 0.55)
        m.update(code=cty, country=cty, agent=None, actor_id="country:" + cty, name=None,
                 kind="country", token_span=[first.i, tok.i + 1])
        m.pop("role", None)
        out.append(m)
    return out


# -- "the two sides" ---------------------------------------------------------------------------------

def _pairs(doc, disc: Discourse, sents: Sentences, covered: set, w) -> list[dict]:
    if doc is None:
        return []
    out = []
    for tok in doc:
        want = w.pair_heads.get(tok.lower_)
        if want is None or not any(c.lower_ in w.pair_words and c.dep_ in ("nummod", "det", "predet")
                                   for c in tok.children):
            continue
        pos, s = tok.idx, sents.of(tok.idx)
        cands = [c for c in disc.before(pos, s, SECTOR_WINDOW)
                 if c.members is None and c.m.get("country") and not c.place
                 and not (want == "country" and c.kind == "person")]
        found: list[dict] = []
        # "the two leaders": two people first (of two countries), else two countries
        for pool in ([c for c in cands if c.kind == "person"], cands) if want == "person" else (cands,):
            found = []
            for c in pool:
                if any(f.get("country") == c.m["country"] for f in found):
                    continue
                found.append(c.m)
                if len(found) == 2:
                    break
            if len(found) == 2:
                break
        if len(found) < 2:
            continue
        span = (tok.idx, tok.idx + len(tok.text))
        first = min(c.i for c in tok.children if c.lower_ in w.pair_words)
        span = (doc[first].idx, span[1])
        members = [refer(a, doc.text[span[0]:span[1]], span, "pair", 0.6) for a in reversed(found)]
        if want == "person":   # "the two leaders" of two countries: their governments
            for x in members:
                if not x.get("agent") and x.get("country"):
                    x.update(agent="GOV", code=x["country"] + "GOV")
        m = dict(members[0])
        m.update(members=members, code=None, country=None, agent=None, actor_id=None, name=None,
                 token_span=[first, tok.i + 1])
        for x in members:
            x["token_span"] = [first, tok.i + 1]
        if not (covered & set(range(first, tok.i + 1))) or tok.i in covered:
            out.append(m)
    return out


# -- "we" in a quotation ---------------------------------------------------------------------------

def _quoted_first_person(doc, by_token: dict, covered: set, w) -> list[dict]:
    """"“We will send troops,” the minister said": a first-person pronoun inside a
    quotation is its speaker (the subject of the verb of saying that frames it)."""
    if doc is None or not any(t.lower_ in w.first_person for t in doc):
        return []
    from ..events.patterns import get_patterns   # (lazy: events imports actors)
    from .quotes import quotations
    out = []
    lex = get_patterns().lexicon
    for q in quotations(doc, lex["speech_verbs"], lex.get("speech_nouns", ())):
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


def _owns_agent(tok, by_token: dict) -> bool:
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
    return lemma in _event_nouns() or lemma in w.person_heads or lemma in w.body_heads


@functools.lru_cache(maxsize=1)
def _event_nouns() -> frozenset:
    from ..events.patterns import get_patterns   # (lazy: events imports actors)
    return frozenset(get_patterns().by_noun)


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
            return m if _kind(m, w, False) == "person" and not m.get("members") else None
    if t.pos_ == "PROPN" and t.text[:1].isupper() and not t.text.isupper():
        return UNKNOWN
    return None


def _pronouns(r, doc, disc: Discourse, sents: Sentences, covered: set, day, w,
              mentions_by_token: dict | None = None) -> list[dict]:
    if doc is None:
        return []
    mentions_by_token = mentions_by_token or {}
    by_token = mentions_by_token
    framed = _framed_quotes(doc, w)
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
        if tok.dep_ == "poss" and not _owns_agent(tok, by_token):
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
        disc.add(m, subject=_subject_rank(m, doc), members=m.get("members"))
    return out


def _framed_quotes(doc, w) -> dict:
    """Speaker token -> span of the quotation it frames ('"...," he said'): who speaks
    is not one of the people the quotation names."""
    if not any(t.lower_ in w.person_pronouns for t in doc):
        return {}
    from ..events.patterns import get_patterns   # (lazy: events imports actors)
    from .quotes import quotations
    return {q.speaker.i: q.span for q in quotations(doc, get_patterns().lexicon["speech_verbs"])
            if q.speaker is not None}


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
