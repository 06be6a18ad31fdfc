"""Quotations and who speaks them: "“We will not accept this. We will send troops,” the
minister said." — a quotation may run over several sentences; its speaker is named after
it closes (or before it opens: "The minister said: “...”").

``quotations(doc, speech_verbs)`` gives each quoted passage's character span and the token
of the speaker (the subject of the verb of saying that frames it), or None. The actor stage
resolves first-person pronouns inside a quotation to its speaker ("We" = the minister), the
event stage gives events in its sentences the speaker as ``attribution``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

OPEN = "“\""
CLOSE = "”\""
# a passage of at most this many characters is a quotation (longer: an unmatched quote)
MAX_QUOTE = 1500


@dataclass
class Quotation:
    span: tuple[int, int]          # from the opening to the closing quote mark
    verb: object | None            # the verb of saying that frames it (a spaCy token)
    speaker: object | None         # its subject (a spaCy token)


def _pairs(text: str) -> list[tuple[int, int]]:
    """Opening/closing quote marks, paired in order (curly marks by shape, straight ones
    alternately); paragraphs end an unclosed quotation."""
    out, start = [], None
    for m in re.finditer(r"[“”\"]|\n\s*\n", text):
        ch = m.group()
        if ch.strip() == "":
            start = None
            continue
        if start is None and ch in OPEN:
            start = m.start()
        elif start is not None and ch in CLOSE and m.start() - start <= MAX_QUOTE:
            out.append((start, m.end()))
            start = None
        elif ch == "“":
            start = m.start()
    return out


def _frame(doc, a: int, b: int, speech_verbs) -> tuple[object | None, object | None]:
    """The verb of saying right after the closing quote (", the minister said", ", said
    the minister") or right before the opening one ("The minister said: “"), and its
    subject."""
    after = doc.char_span(b, min(len(doc.text), b + 80), alignment_mode="contract")
    before = doc.char_span(max(0, a - 60), a, alignment_mode="contract")
    for span, order in ((after, 1), (before, -1)):
        if span is None or not len(span):
            continue
        toks = list(span) if order == 1 else list(reversed(span))
        for t in toks:
            if order == 1 and t.is_sent_start and t.i > span.start:
                break
            if t.lemma_.lower() in speech_verbs and t.pos_ in ("VERB", "AUX"):
                subj = [c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")]
                return t, (subj[0] if subj else None)
    return None, None


def quotations(doc, speech_verbs) -> list[Quotation]:
    text = doc.text
    # the pipeline's prefilter blanks sentences with no actor and no event cue (offsets
    # kept): their quote marks still open and close quotations
    full = doc._.full_text if doc.has_extension("full_text") else None
    if full and len(full) == len(text):
        text = full
    if not any(c in text for c in OPEN):
        return []
    out = []
    for a, b in _pairs(text):
        verb, speaker = _frame(doc, a, b, speech_verbs)
        out.append(Quotation((a, b), verb, speaker))
    return out
