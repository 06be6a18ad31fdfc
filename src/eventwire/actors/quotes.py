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
import threading
from dataclasses import dataclass

from ..textutil import doc_text

OPEN = "“\""
CLOSE = "”\""
# a passage of at most this many characters is a quotation (longer: an unmatched quote)
MAX_QUOTE = 1500
SPEAKER_PRONOUNS = ("he", "she", "they", "we", "i")


@dataclass(frozen=True)   # (shared by the stages that ask: see quotations)
class Quotation:
    span: tuple[int, int]          # from the opening to the closing quote mark
    verb: object | None            # the verb of saying that frames it (a spaCy token)
    speaker: object | None         # its subject (a spaCy token)
    by_noun: bool = False          # the speaker was found through a noun of saying ("That
                                   # was the verdict of X."), not a verb


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


def _frame(doc, text: str, a: int, b: int, speech_verbs, speech_nouns=()) -> tuple:
    """The verb of saying right after the closing quote (", the minister said", ", said
    the minister") or right before the opening one ("The minister said: “"), and its
    subject; else another verb in a reply's place (", Alito countered"), the subject of a
    sentence ending in a colon, or the speaker the next sentence names ("So said X.",
    "That was the verdict of X.").

    ``text`` is ``doc.text``, read once by the caller (textutil.doc_text): spaCy joins
    every token's text anew on each ``doc.text``. Returns (verb, speaker, found through a noun of saying)."""
    after = doc.char_span(b, min(len(text), b + 80), alignment_mode="contract")
    before = doc.char_span(max(0, a - 60), a, alignment_mode="contract")
    for span, order in ((after, 1), (before, -1)):
        if span is None or not len(span):
            continue
        toks = list(span) if order == 1 else list(reversed(span))
        for t in toks:
            if order == 1 and t.is_sent_start and t.i > span.start:
                break
            if t.lemma_.lower() in speech_verbs and t.pos_ in ("VERB", "AUX"):
                if order == 1 and b >= 2 and text[b - 2] in ".!?" and any(
                        c.dep_ in ("ccomp", "xcomp", "dobj") and c.idx > t.idx for c in t.children):
                    break   # '“... Iran.” Russia denied that ...': a new sentence with its own content
                subj = [c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")]
                return t, (subj[0] if subj else None), False
    found = _reply(doc, text, a, b) or _colon(doc, text, a)
    if found:
        return found + (False,)
    return _next_sentence(doc, text, b, speech_verbs, speech_nouns) or (None, None, False)


def _subject(v):
    """A speaker-like subject of ``v``: a noun or a personal pronoun, not "it"/"which"."""
    subj = [c for c in v.children if c.dep_ in ("nsubj", "nsubjpass")]
    if subj and (subj[0].pos_ in ("NOUN", "PROPN") or subj[0].lower_ in SPEAKER_PRONOUNS):
        return subj[0]
    return None


def _reply(doc, text, a, b):
    """"“...,” Alito countered.", "“...?” asked the senator": any verb right after a
    quotation that ends in , ? or ! with no content of its own, and its adjacent subject
    (not "which collapsed")."""
    if b < 2 or text[b - 2] not in ",?!":
        return None
    quoted = doc.char_span(a, b, alignment_mode="contract")
    if quoted is None or not any(t.pos_ in ("VERB", "AUX") for t in quoted):
        return None   # a scare-quoted name ("the “peace plan,” which ...") says nothing
    after = doc.char_span(b, min(len(text), b + 40), alignment_mode="contract")
    for t in list(after or [])[:8]:
        if t.is_sent_start and t.i > after.start:
            break
        if t.pos_ == "VERB" and t.dep_ in ("ROOT", "parataxis", "relcl") and not any(
                (c.dep_ in ("ccomp", "xcomp") or c.dep_ == "dobj" and c.pos_ == "NOUN") and c.idx > b
                or c.lower_ in ("which", "that", "who", "whom") for c in t.children):
            # (content of its own: "answered that question: ...", "replied that ...")
            subj = _subject(t)
            if subj is not None and abs(subj.i - t.i) <= 6:
                return t, subj
        if t.pos_ == "VERB" and t.dep_ == "acl" and t.head.pos_ in ("NOUN", "PROPN") and \
                t.head.idx >= b and t.i - t.head.i == 1:
            # the parser may hang the reply on its speaker ("..., the minister retorted")
            return t, t.head
    return None


def _colon(doc, text, a):
    """"Alito continued: “...”", "The minister was blunt: “...”": the subject of the
    sentence that ends in a colon before the quotation."""
    j = len(text[:a].rstrip()) - 1
    if j < 0 or a - j > 3 or text[j] != ":":
        return None
    colon = doc.char_span(j, j + 1, alignment_mode="expand")
    if colon is None or not len(colon):
        return None
    # (the parser may hang the introduction on the quoted sentence's root)
    intro = [t for t in colon[0].sent if t.i < colon[0].i and t.pos_ in ("VERB", "AUX")
             and _subject(t) is not None]
    return (intro[-1], _subject(intro[-1])) if intro else None


def _next_sentence(doc, text, b, speech_verbs, speech_nouns):
    """The speaker named in the sentence right after the quotation: "So said the minister."
    (a verb of saying with no content of its own) or "That was the verdict of the
    minister." (a noun of saying)."""
    rest = doc.char_span(b, min(len(text), b + 200), alignment_mode="contract")
    if rest is None or not len(rest) or text[b:rest[0].idx].count("\n") > 1:
        return None
    first = next((t for t in rest if not t.is_space and not t.is_punct), None)
    if first is None or first.sent.start_char < b:
        return None
    root = first.sent.root
    if root.lemma_.lower() in speech_verbs and len(first.sent) <= 16 and \
            not any(c.dep_ in ("ccomp", "xcomp", "dobj") for c in root.children):
        subj = _subject(root)
        return (root, subj, False) if subj is not None else None
    if root.lemma_ == "be" and any(c.dep_ == "nsubj" and c.lower_ in ("that", "this", "those", "such")
                                   for c in root.children):
        for n in root.children:
            if n.dep_ == "attr" and n.lemma_.lower() in speech_nouns:
                who = [g for c in n.children if c.dep_ == "prep" and c.lower_ in ("of", "from")
                       for g in c.children if g.dep_ == "pobj"]
                who += [c for c in n.children if c.dep_ == "poss"]
                if who:
                    return n, who[0], True
    return None


# Per thread (the API may code documents concurrently): the last Doc's quotations. The
# actor stage (pronouns: twice) and the event stage (quotes) ask for the same Doc's
# quotations; finding them walks spaCy tokens around every quote mark, so once is enough.
_MEMO = threading.local()


def forget_doc() -> None:
    """Drop the memo (the events component calls it when it is done with a Doc)."""
    _MEMO.key = None


def quotations(doc, speech_verbs, speech_nouns=()) -> list[Quotation]:
    """The quoted passages of ``doc`` and who speaks them, found once per Doc and word
    lists (a new list each call: callers filter it)."""
    key = getattr(_MEMO, "key", None)
    # (keyed on the Doc object itself, not put in doc.user_data: Docs stay serialisable)
    if key is None or key[0] is not doc or key[1] != speech_verbs or key[2] != speech_nouns:
        _MEMO.key = (doc, speech_verbs, speech_nouns)
        _MEMO.found = _quotations(doc, speech_verbs, speech_nouns)
    return list(_MEMO.found)


def _quotations(doc, speech_verbs, speech_nouns) -> list[Quotation]:
    text = doc_text(doc)
    spoken = text
    # the pipeline's prefilter blanks sentences with no actor and no event cue (offsets
    # kept): their quote marks still open and close quotations
    full = doc._.full_text if doc.has_extension("full_text") else None
    if full and len(full) == len(text):
        spoken = full
    if not any(c in spoken for c in OPEN):
        return []
    out = []
    for a, b in _pairs(spoken):
        verb, speaker, by_noun = _frame(doc, text, a, b, speech_verbs, speech_nouns)
        out.append(Quotation((a, b), verb, speaker, by_noun))
    return out
