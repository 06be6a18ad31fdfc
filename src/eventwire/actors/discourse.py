"""What coreference (actors/coref.py) works over: its word lists, sentence numbers over the
full text, and the actors named so far (``Discourse``), each with what a later reference
needs to choose it (person/body/group kind, number, subject rank, used as a place).

Kept apart from the resolvers so that definite descriptions (actors/descriptions.py) and
pronouns (actors/pronouns.py) share one model of the discourse without importing each
other. The word lists are data: ``data/document/coreference.yaml``.
"""
from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass

from .docdata import cached_sections

LISTS = frozenset({"thing_pronouns", "group_pronouns", "person_heads", "body_heads",
                   "definite_determiners", "pair_words", "honorifics", "home_heads", "foreign_heads",
                   "female_words", "first_person", "unnamed_armed_sectors",
                   "armed_group_sectors", "people_quantifiers", "posted_heads", "posted_preps", "group_heads",
                   "state_adjectives", "quantifier_pronouns"})
MAPS = frozenset({"person_pronouns", "pair_heads", "state_descriptions", "group_modifiers"})
SUBJ = ("nsubj", "nsubjpass")


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
    foreign_heads: frozenset
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
        home_heads=low(d["home_heads"]), foreign_heads=low(d["foreign_heads"]),
        female_words=low(d["female_words"]),
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


def head_word(m: dict) -> str:
    ws = re.findall(r"[A-Za-z][A-Za-z\-]*", m.get("text") or "")
    return ws[-1].lower() if ws else ""


def singular(w: str) -> str:
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith("men"):
        return w[:-3] + "man"
    if w.endswith("s") and not w.endswith("ss"):
        return w[:-1]
    return w


def kind_of(m: dict, w: CorefWords, plural: bool) -> str:
    aid = m.get("actor_id") or ""
    if aid.startswith("person:") or m.get("kind") == "person" or m.get("_person"):
        return "person"
    head = head_word(m)
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
    head = head_word(m)
    return head.endswith("s") and not head.endswith("ss") and len(head) > 3


def subject_rank(m: dict, doc) -> int | None:
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
        rank = subject if subject is not None else subject_rank(m, self.doc)
        c = Cand(m, m["span"][0], self.sents.of(m["span"][0]), 2 if rank is None else rank,
                 kind_of(m, self.w, plural) if members is None else "group", plural, members,
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


def coordinated_lists(cands: list[Cand], text: str) -> list[Cand]:
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
