"""spaCy component ``eventwire_events``: codes every sentence, sets ``doc._.events``.

Runs after ``eventwire_actors``. Sentences without an actor are skipped at once; captions
(photo credits, "(second from left)") give no events; a headline whose event is repeated
in the body gives no second event. ``extra_files`` are user pattern files (our YAML
format, or PETRARCH/TABARI verb dictionaries ``*.txt``).
"""
from __future__ import annotations

from spacy.language import Language

from ..actors.quotes import forget_doc as forget_quotations
from ..extensions import ensure_extensions
from ..records import Event
from .coder import ActorIndex, code_sentence, is_caption
from .grammar import forget_doc
from .context import fill_from_context
from .patterns import get_patterns
from .quotes import code_quotes
from .segment import looks_like_headline  # the module also registers eventwire_paragraphs


def _event_key(ev: dict):
    return ((ev.get("source") or {}).get("country"), (ev.get("target") or {}).get("country"),
            ev["cameo_root"])


def code_doc(doc, pset=None, trace=None) -> list[dict]:
    """All events of a parsed doc whose ``doc._.actors`` is set."""
    pset = pset or get_patterns()
    forget_doc()
    try:
        return _code_doc(doc, pset, trace)
    finally:
        forget_doc()
        # (not before: the actor stage found this Doc's quotations, the events reuse them)
        forget_quotations()


def _code_doc(doc, pset, trace) -> list[dict]:
    actors = ActorIndex(doc)
    events: list[dict] = []
    headline_events: list[dict] = []
    for k, sent in enumerate(doc.sents):
        if not actors.any_in(sent.start, sent.end):
            continue  # the cheap path: most sentences name no actor
        if is_caption(sent.text, pset.lexicon):
            if trace is not None:
                trace.append(("caption", k, sent.text))
            continue
        evs = code_sentence(sent, k, actors, pset, trace=trace)
        if evs and looks_like_headline(sent, doc):
            headline_events.extend(evs)
        else:
            events.extend(evs)
    # A headline only announces what the body reports: keep its events only when the body
    # does not code the same dyad and root.
    body = {_event_key(e) for e in events}
    kept = [e for e in headline_events if _event_key(e) not in body]
    events = sorted(kept + events, key=lambda e: (e["sentence_index"], e["_verb_i"]))
    events = code_quotes(doc, events, actors, pset.lexicon)
    events = [e for e in events if not _poll_share(doc, e.get("source"), pset.lexicon)]
    return fill_from_context(doc, events, actors, pset, trace)


def _poll_share(doc, source: dict | None, lex) -> bool:
    """The source is the people a poll's share is of ("70 percent of Americans say ..."):
    a finding, no act (the verb patterns check their subject; quotes code on their own)."""
    if not source or not source.get("span"):
        return False
    tok = doc.char_span(*source["span"], alignment_mode="expand")
    if tok is None:
        return False
    t = tok.root
    return t.head.lower_ == "of" and t.head.head.lemma_.lower() in lex.get("poll_shares", ())


class EventsComponent:
    """Codes the events of every sentence that names an actor (CAMEO, PLOVER, modality)."""

    def __init__(self, nlp, name, extra_files, builtin_patterns=True):
        ensure_extensions()
        self.extra_files = tuple(extra_files or [])
        # validated now, not mid-batch; builtin_patterns=False: the user's files replace ours
        self.builtin_patterns = bool(builtin_patterns)
        self.patterns = get_patterns(self.extra_files, self.builtin_patterns)

    def __call__(self, doc):
        # Event keeps the coder's helpers (verb token, clause) for the later stages
        # without showing them in doc._.events.
        doc._.events = [Event.wrap(e) for e in code_doc(doc, self.patterns)]
        return doc

    def __repr__(self) -> str:
        return (f"EventsComponent(extra_files={list(self.extra_files)!r}, "
                f"builtin_patterns={self.builtin_patterns})")


@Language.factory("eventwire_events", default_config={"extra_files": [], "builtin_patterns": True},
                  requires=["doc._.actors", "token.dep", "token.lemma", "doc.sents"],
                  assigns=["doc._.events"])
def make_events(nlp, name, extra_files, builtin_patterns):
    return EventsComponent(nlp, name, extra_files, builtin_patterns)
