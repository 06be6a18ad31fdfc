"""The place of one event: its own clause first, else the story's dateline for events of
the lead; nothing is guessed when the text names no place (issues 5 and 15).

What the clause may say (the words are data: ``data/places/cues.yaml``):

* a place after a locative preposition hanging on the event's verb or on one of its
  arguments: "clashes in Gaza", "inspected a factory near Hamhung";
* a destination of a motion or visit event: "sent troops to Mali", "a trip to Hanoi";
* the object of a verb of visiting or attacking: "visited Seoul", "shelled Donetsk";
* a direction from a place: "a drone strike north of Mosul", "30 km southwest of Kabul";
* a place named through a place noun: "in the northern city of Kunduz", "in Helmand
  province", "flew to the capital, Abuja";
* an area: "on the border with Syria", "on Syria's border", "off the coast of Yemen";
* a city or region naming an event noun: "the Mosul offensive", "a Kabul bombing";
* the place a "where" clause hangs on: "flew to Nairobi, where she met the president".

Not: places in other clauses, deeper modifiers ("sanctions against companies within
North Korea"), actors in subject/object roles, people, citations. The location keeps its
provenance: ``text`` and ``span`` of the place in the article, ``relation`` (the
preposition or construction) and ``basis`` (``clause`` or ``dateline``).
"""
from __future__ import annotations

import bisect

from ..dates.cues import default_cues   # one list of event nouns and light verbs
from ..syntax import SentenceIndex, clause_head, event_verb
from ..textutil import doc_text, has_ner
from .cues import PlaceCues, place_cues
from .mentions import PlaceMention, find_places

_ORDER = {"dest": 0, "object": 0, "loc": 1, "near": 1, "name": 1, "area": 2}
_FINER = {"city": 0, "admin": 1, "region": 2, "country": 3}


def _lemma(tok) -> str:
    return tok.lemma_.lower()


def _carrier(root, cues: PlaceCues) -> tuple[object, str, str | None]:
    """(the token that carries the place in its clause, how: in | near | area, the
    words of the construction). "Kunduz" in "in the northern city of Kunduz" is carried
    by "city"; "Mosul" in "north of Mosul" by "north"; "Syria" in "on the border with
    Syria" by "border"."""
    t, how, words = root, "in", None
    for _ in range(4):
        head = t.head
        if head.i == t.i:
            break
        if t.dep_ in ("appos", "compound") and _lemma(head) in cues.place_nouns:
            t = head                                   # "the capital, Kabul", "Helmand province"
            continue
        if t.dep_ == "pobj" and head.lower_ == "of" and head.head.i != head.i:
            h2 = head.head
            if _lemma(h2) in cues.place_nouns:
                t = h2                                 # "the northern city of Kunduz"
                continue
            if h2.lower_ in cues.directions:
                t, how, words = h2, "near", f"{h2.lower_} of"    # "north of Mosul"
                continue
            if h2.lower_ in cues.area_nouns:
                t, how, words = h2, "area", f"{h2.lower_} of"    # "off the coast of Yemen"
                continue
        if t.dep_ == "pobj" and head.lower_ == "with" and head.head.lower_ in cues.area_nouns:
            t, how, words = head.head, "area", f"{head.head.lower_} with"   # "border with Syria"
            continue
        if t.dep_ == "poss" and head.lower_ in cues.area_nouns:
            t, how, words = head, "area", head.lower_  # "on Syria's border"
            continue
        break
    return t, how, words


def _prep_attach(t):
    """(preposition, the word its phrase hangs on) when ``t`` is the object of a
    preposition; "outside of", "close to": through the adverb to its head."""
    head = t.head
    if t.dep_ != "pobj" or head.pos_ != "ADP" or head.i == t.i:
        return None, None
    attach = head.head
    if attach.pos_ in ("ADV", "ADJ") and attach.dep_ in ("advmod", "prep", "amod") \
            and attach.head.i != attach.i:
        return f"{attach.lower_} {head.lower_}", attach.head
    return head.lower_, attach


def _same_clause(attach, verb, deep: bool = False) -> bool:
    """On the verb, or on one of its own arguments ("a factory in Hamhung"); with ``deep``
    also on the object of a preposition of the verb ("clashed with militants on the
    border"); never deeper ("sanctions against companies within North Korea" is not
    where they were announced). An argument that is an event of its own ("discussed the
    deployment of missiles near Hormuz", "a week after the trip to Asia") has its own
    place, unless the verb only carries it ("held talks in Geneva")."""
    if attach.i == verb.i:
        return True
    if _event_noun(attach) and not _shares_place(attach, verb):
        return False
    if attach.head.i == verb.i and clause_head(attach).i == verb.i:
        return True
    return deep and attach.dep_ == "pobj" and attach.head.head.i == verb.i \
        and attach.head.i != verb.i and clause_head(attach).i == verb.i


def _event_noun(tok) -> bool:
    cues = default_cues()
    return tok.pos_ in ("NOUN", "PROPN") and (_lemma(tok) in cues.event_nouns
                                              or tok.lower_ in cues.event_nouns)


_SAME_PLACE_PREPS = {"at", "during", "in", "on", "amid", "while", "throughout", "inside"}


def _shares_place(noun, verb) -> bool:
    """Does an event noun hanging on ``verb`` happen where the verb's event does? Yes for
    the object of a light or making verb ("held talks", "signed an agreement") and under
    a preposition of place or time ("said at a rally", "warned during his visit"); no
    for the object of any other verb ("discussed the deployment") or after "after",
    "before" ("a week after the trip")."""
    cues = default_cues()
    if noun.dep_ in ("dobj", "nsubj", "nsubjpass", "attr"):
        return _lemma(verb) in cues.light_verbs or _lemma(verb) in cues.making_verbs
    if noun.dep_ == "pobj":
        return noun.head.lower_ in _SAME_PLACE_PREPS
    return False


def _role(root, verb, cues: PlaceCues, region: bool = False) -> tuple[str, str] | None:
    """(role, relation words) of a place mention's root for the event on ``verb``
    (``region``: the place is a region, which "on" may locate: "on the Korean Peninsula")."""
    motion = _lemma(verb) in cues.motion_verbs
    if root.dep_ == "compound" and root.head.i == verb.i and verb.pos_ in ("NOUN", "PROPN") \
            and _lemma(verb) in cues.named_event_nouns:
        return "name", "named"                         # "the Mosul offensive"
    t, how, words = _carrier(root, cues)
    if _where_clause(verb) and verb.head.i in (root.i, t.i):
        # "flew to the capital, Nairobi, where she met ...": the place the clause hangs on
        return {"in": "loc", "near": "near", "area": "area"}[how], \
            " ".join(w for w in (words, "where") if w)
    prep, attach = _prep_attach(t)
    if prep is not None:
        base = prep.split()[-1]
        if base in cues.destination_preps and how == "in" and attach.dep_ == "pobj" \
                and _lemma(attach) in cues.motion_verbs and attach.head.head.i == verb.i \
                and attach.head.lower_ in _SAME_PLACE_PREPS:
            # "during his visit to Seoul, Trump warned ...": where the visit went
            return "loc", f"{attach.head.lower_} {_lemma(attach)} {prep}"
        if not _same_clause(attach, verb, deep=base in cues.locative_preps):
            return None
        if base in cues.locative_preps or prep.split()[0] in cues.locative_preps:
            if base == "on" and how == "in" and not region:
                return None      # "talks on Syria", "sanctions on Iran": a topic, a target
            role = {"in": "loc", "near": "near", "area": "area"}[how]
            return role, " ".join(w for w in (prep, words) if w)
        if base in cues.destination_preps and how == "in" and (
                motion or _lemma(attach) in cues.motion_verbs) and not any(
                c.dep_ == "dobj" and _lemma(c) in cues.addressed_nouns for c in attach.children):
            return "dest", prep
        return None
    if how == "near" and t.dep_ in ("advmod", "npadvmod", "amod", "prep", "acomp", "oprd",
                                    "dobj", "attr") and _same_clause(t.head, verb):
        return "near", words                           # "a strike north of Mosul"
    if t.dep_ == "dobj" and t.head.i == verb.i and _lemma(verb) in cues.object_verbs \
            and how == "in":
        return "object", _lemma(verb)
    return None


def _where_clause(verb) -> bool:
    """Is ``verb`` the head of a relative clause opened by "where" ("..., where she met")?"""
    return verb.dep_ == "relcl" and any(c.dep_ == "advmod" and c.lower_ == "where"
                                        for c in verb.children)


def _slots(root, cues: PlaceCues) -> set[int]:
    """Token indices of the verbs for which ``_role(root, verb)`` may be non-None."""
    out = set()
    if root.dep_ == "compound":
        out.add(root.head.i)
    t, how, _ = _carrier(root, cues)
    out.update(c.i for tok in (root, t) for c in tok.children if _where_clause(c))
    prep, attach = _prep_attach(t)
    if attach is not None:
        out.update((attach.i, attach.head.i))
        if attach.dep_ == "pobj":
            out.add(attach.head.head.i)
    elif how == "near":
        out.update((t.head.i, t.head.head.i))
    if t.dep_ == "dobj":
        out.add(t.head.i)
    return out


class DocPlaces:
    """The place stage's per-document work, done once: each place mention (not inside a
    person's name) is filed under the only tokens that can take it as their event's
    place; then :meth:`locate` reads one event's location without a rescan."""

    def __init__(self, doc, mentions: list[PlaceMention], cues: PlaceCues | None = None,
                 dateline=None):
        self.doc = doc
        self.cues = cues or place_cues()
        self.sentences = SentenceIndex(doc)
        if has_ner(doc):
            persons = sorted((e.start_char, e.end_char) for e in doc.ents if e.label_ == "PERSON")
        else:  # no NER (the default): the people the actor stage found
            persons = sorted(tuple(m["span"]) for m in (doc._.actors or [])
                             if m.get("kind") == "person")
        merged: list[list[int]] = []
        for a, b in persons:
            if merged and a <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], b)
            else:
                merged.append([a, b])
        starts = [a for a, _ in merged]
        self.by_verb: dict[int, list] = {}
        for m in mentions:
            pos = m.span[0]
            k = bisect.bisect_right(starts, pos) - 1
            if k >= 0 and pos < merged[k][1]:
                continue
            span = doc.char_span(m.span[0], m.span[1], alignment_mode="expand")
            if span is None or not len(span):
                continue
            root = span.root
            for vi in _slots(root, self.cues):
                self.by_verb.setdefault(vi, []).append((m, root))
        self.dateline = dateline   # (place dict, lead end offset) or None

    def locate(self, event: dict) -> dict | None:
        verb = event_verb(self.doc, event)
        if verb is None:
            return None
        sent_start, sent_end = self.sentences.bounds(verb)
        found = []
        for m, root in self.by_verb.get(verb.i, ()):
            if not (sent_start <= m.span[0] < sent_end):
                continue
            got = _role(root, verb, self.cues, m.place.get("precision") == "region")
            if got:
                carrier = _carrier(root, self.cues)[0]
                found.append(((_ORDER[got[0]], abs(carrier.i - verb.i),
                               _FINER.get(m.place.get("precision"), 4), abs(root.i - verb.i)),
                              got[1], m))
        if found:
            # a destination beats a passing "in"; then the phrase nearest the verb, and in
            # one phrase the finest place ("the Black Sea resort of Sochi": Sochi)
            _, relation, m = min(found, key=lambda f: f[0])
            return dict(m.place, text=m.text, span=list(m.span), relation=relation,
                        basis="clause")
        return self._from_dateline(event, sent_start)

    def _from_dateline(self, event: dict, sent_start: int) -> dict | None:
        """A lead event that happened (not a plan, not a condition) takes the dateline's
        place when one of its actors is of the dateline's country ("LUSAKA - The Zambian
        government announced ..."); a story filed from London about Iran says nothing of
        where Iran acted."""
        if self.dateline is None or event.get("modality") in ("intended", "hypothetical"):
            return None     # what is planned or may happen has no place yet
        place, lead_end = self.dateline
        if sent_start >= lead_end or not place.get("country"):
            return None
        countries = {_country(event.get(k)) for k in ("source", "target")} - {None}
        if place["country"] not in countries:
            return None
        return dict(place)


def _country(actor) -> str | None:
    if not isinstance(actor, dict):
        return None
    return actor.get("country") or (actor.get("code") or "")[:3] or None


def resolve_event_location(doc, event: dict, mentions: list[PlaceMention] | None = None,
                           _ctx: DocPlaces | None = None) -> dict | None:
    """The event's location from its own clause, or None (the dateline is the stage's
    business: :func:`~eventwire.places.locate_events`)."""
    if _ctx is None:
        if mentions is None:
            mentions = find_places(doc_text(doc))
        _ctx = DocPlaces(doc, mentions)
    return _ctx.locate(event)
