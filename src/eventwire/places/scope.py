"""The place of one event, read off its own clause."""
from __future__ import annotations

import bisect

from ..syntax import clause_head, event_verb
from ..textutil import doc_text, has_ner
from .mentions import _DEST_PREPS, _LOC_PREPS, PlaceMention, find_places

_MOTION = {"visit", "travel", "send", "dispatch", "go", "fly", "arrive", "return", "come",
           "head", "deploy", "trip", "journey", "tour", "move", "sail", "march", "land",
           "deliver", "ship", "evacuate", "transfer", "relocate", "bring", "take", "lead"}
_VISIT_OBJ = {"visit", "tour", "reach", "enter", "invade", "attack", "bomb", "strike",
              "shell", "raid", "occupy", "capture", "besiege", "annex", "seize", "blockade",
              "liberate", "storm"}
_AREA_NOUNS = {"border", "borders", "frontier", "coast", "waters", "territory", "soil",
               "airspace", "capital", "mainland"}


# ---------------------------------------------------------------- events
def resolve_event_location(doc, event: dict, mentions: list[PlaceMention] | None = None,
                           _ctx: "_DocPlaces | None" = None) -> dict | None:
    """The event's location from its own clause, or None.

    Counted: a place after a locative preposition ("in", "at", "on", "near") attached in
    the event's clause, a destination ("to Pyongyang") of a motion/visit event, the
    object of "visit"/"attack"; "on China's border" gives the country. Places in
    citations, organisation names, actors in subject/object roles and other clauses
    are not the event's location.

    ``_ctx`` (internal): the per-doc index built by :class:`_DocPlaces`, so a document
    with many events does not rescan its mentions and entities for each one.
    """
    verb = event_verb(doc, event)
    if verb is None:
        return None
    if _ctx is None:
        if mentions is None:
            mentions = find_places(doc_text(doc))
        _ctx = _DocPlaces(doc, mentions)
    sent_start, sent_end = _ctx.sent_bounds(verb)
    motion = verb.lemma_.lower() in _MOTION
    found = []
    # Only mentions whose syntactic head chain can reach this verb (see _DocPlaces).
    for m, root in _ctx.by_verb.get(verb.i, ()):
        if not (sent_start <= m.span[0] < sent_end):
            continue
        role = _locative_role(root, verb, motion)
        if role:
            found.append((role, abs(root.i - verb.i), m))
    if not found:
        return None
    # A destination beats a passing "in"; then the nearest to the verb.
    order = {"dest": 0, "object": 0, "loc": 1, "area": 2}
    found.sort(key=lambda t: (order[t[0]], t[1]))
    return dict(found[0][2].place)


class _DocPlaces:
    """Per-doc work of :func:`resolve_event_location`, done once instead of per event.

    Each place mention (not inside a PERSON entity, aligned to tokens) is filed under
    the only tokens that ``_locative_role`` can accept as its verb: the word its
    preposition attaches to and that word's head (a pobj), or its head (a dobj). Lists
    keep text order, so ties sort exactly as a scan over all mentions would.
    """

    def __init__(self, doc, mentions: list[PlaceMention]):
        self.doc = doc
        self._sents: list[tuple[int, int, int, int]] | None = None
        if has_ner(doc):
            persons = sorted((e.start_char, e.end_char) for e in doc.ents if e.label_ == "PERSON")
        else:  # no NER (the default): the people the actor stage found
            persons = sorted(tuple(m["span"]) for m in (doc._.actors or [])
                             if m.get("kind") == "person")
        # merged PERSON intervals for a bisect lookup ("a <= pos < b" for any of them)
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
            for vi in _verb_slots(root):
                self.by_verb.setdefault(vi, []).append((m, root))

    def sent_bounds(self, verb) -> tuple[int, int]:
        """(start_char, end_char) of the verb's sentence, from one pass over doc.sents."""
        if self._sents is None:
            try:
                self._sents = [(s.start, s.end, s.start_char, s.end_char) for s in self.doc.sents]
            except ValueError:
                self._sents = []
        if self._sents:
            k = bisect.bisect_right(self._sents, (verb.i, float("inf"))) - 1
            if k >= 0 and self._sents[k][0] <= verb.i < self._sents[k][1]:
                return self._sents[k][2], self._sents[k][3]
        sent = verb.sent
        return sent.start_char, sent.end_char


def _verb_slots(root) -> set[int]:
    """Token indices ``v`` for which ``_locative_role(root, doc[v], ...)`` may be non-None."""
    head = root.head
    if root.dep_ == "poss" and head.lower_ in _AREA_NOUNS:
        root, head = head, head.head
    if root.dep_ == "pobj" and head.pos_ == "ADP":
        attach = head.head
        return {attach.i, attach.head.i}
    if root.dep_ == "dobj":
        return {head.i}
    return set()


def _locative_role(root, verb, motion: bool) -> str | None:
    head = root.head
    # "on China's southern border": the country owning the area.
    if root.dep_ == "poss" and head.lower_ in _AREA_NOUNS:
        root, head = head, head.head
        area = True
    else:
        area = False
    if root.dep_ == "pobj" and head.pos_ == "ADP":
        prep = head.lower_
        attach = head.head
        # On the verb, or on one of its own arguments ("a factory in Hamhung"); not
        # deeper ("sanctions on banks inside Iran" is not where the sanctions were
        # announced).
        same_clause = attach.i == verb.i or (attach.head.i == verb.i and clause_head(attach).i == verb.i)
        if not same_clause:
            return None
        if prep in _LOC_PREPS:
            return "area" if area else "loc"
        if prep in _DEST_PREPS and (motion or attach.lemma_.lower() in _MOTION):
            return "dest"
        return None
    if root.dep_ == "dobj" and head.i == verb.i and verb.lemma_.lower() in _VISIT_OBJ and not area:
        return "object"
    return None
