"""Small parse helpers shared by the date and place stages (one notion of "clause")."""
from __future__ import annotations

import bisect

PREDICATE_POS = {"VERB", "AUX"}


def clause_head(tok):
    """The clause head a token belongs to: the first verb up its head chain."""
    cur = tok
    while cur.pos_ not in PREDICATE_POS and cur.head.i != cur.i:
        cur = cur.head
    return cur


def span_root(doc, span: tuple[int, int]):
    sp = doc.char_span(span[0], span[1], alignment_mode="expand")
    return sp.root if sp is not None and len(sp) else None


def event_verb(doc, event: dict):
    """The token an event hangs on: the coder's ``_verb_i``, else the root of its verb span."""
    vi = event.get("_verb_i")
    if isinstance(vi, int) and 0 <= vi < len(doc):
        return doc[vi]
    for key in ("verb", None):
        sp = (event.get(key) or {}).get("span") if key else event.get("span")
        if sp:
            tok = span_root(doc, tuple(sp))
            if tok is not None:
                return tok
    return None


class SentenceIndex:
    """Character bounds of a token's sentence, from one pass over ``doc.sents`` (a
    ``Token.sent`` walks the sentence again on every call)."""

    def __init__(self, doc):
        self.doc = doc
        self._sents: list[tuple[int, int, int, int]] | None = None

    def bounds(self, tok) -> tuple[int, int]:
        """(start_char, end_char) of the sentence holding ``tok``."""
        if self._sents is None:
            try:
                self._sents = [(s.start, s.end, s.start_char, s.end_char) for s in self.doc.sents]
            except ValueError:   # no sentence boundaries on this Doc
                self._sents = []
        k = bisect.bisect_right(self._sents, (tok.i, float("inf"))) - 1
        if k >= 0 and self._sents[k][0] <= tok.i < self._sents[k][1]:
            return self._sents[k][2], self._sents[k][3]
        sent = tok.sent
        return sent.start_char, sent.end_char
