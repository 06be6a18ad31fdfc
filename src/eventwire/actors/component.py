"""spaCy component ``eventwire_actors``: sets ``doc._.actors`` (and ``span._.actor``).

    nlp.add_pipe("eventwire_actors", config={"extra_files": ["my_actors.yaml"]})

Needs a tagger and a parser before it (``requires``). Give it the event stage's pattern
files too (``pattern_files``, ``builtin_patterns``: ``eventwire.nlp`` does): its pronoun
rules read the run's event nouns ("their blockade") and verbs of saying. A pipeline saved with
``nlp.to_disk`` keeps ``extra_files`` as paths in its config: keep the files where
they are (or pass ``config={"components.eventwire_actors.extra_files": [...]}`` to
``spacy.load``).

Mentions are JSON-ready dicts (format in docs/ARCHITECTURE.md), dated by
``doc._.published``. ``span._.actor`` gives the mention covering a span's root token.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Span

from ..extensions import ensure_extensions


def _span_actor(span: Span):
    """The actor mention whose token span contains this span's root (or None)."""
    mentions = span.doc._.actors or []
    root = span.root.i
    best = None
    for m in mentions:
        ts = m.get("token_span")
        if ts and ts[0] <= root < ts[1]:
            if best is None or (ts[1] - ts[0]) < (best["token_span"][1] - best["token_span"][0]):
                best = m
    return best


def ensure_span_extension() -> None:
    if not Span.has_extension("actor"):
        Span.set_extension("actor", getter=_span_actor)


class ActorsComponent:
    """Resolves actor mentions (countries, people by date, organisations, agent nouns)."""

    def __init__(self, nlp, name, extra_files, pattern_files=(), builtin_patterns=True):
        ensure_extensions()
        ensure_span_extension()
        # imported here: spaCy imports this module (entry point) whenever it builds any
        # pipeline, and the resolver's modules are the heavy part
        from .resolver import get_resolver
        self.extra_files = list(extra_files or [])
        self.resolver = get_resolver(self.extra_files)   # loads (and validates) now
        self.pattern_files = list(pattern_files or [])
        self.builtin_patterns = bool(builtin_patterns)
        self._patterns = None

    @property
    def patterns(self):
        """The run's event patterns: the events stage's set (one per process, cached),
        loaded when first needed (the events component has validated them already)."""
        if self._patterns is None:
            from ..events.patterns import get_patterns   # (lazy: events imports actors)
            self._patterns = get_patterns(self.pattern_files, self.builtin_patterns)
        return self._patterns

    def has_actor(self, text: str) -> bool:
        """The pipeline's prefilter: may this sentence hold an actor? A known name or
        agent noun, or a subject pronoun that may refer back to one (coref.may_refer)."""
        from .coref import may_refer
        return self.resolver.has_actor(text) or may_refer(text)

    def __call__(self, doc):
        doc._.actors, doc._.set_aside, doc._.dateline = self.resolver.resolve_document(
            doc, self.patterns)
        return doc

    def __repr__(self) -> str:
        return (f"ActorsComponent(extra_files={self.extra_files!r}, "
                f"pattern_files={self.pattern_files!r}, builtin_patterns={self.builtin_patterns})")

    # Worker processes get the file lists and rebuild (cached) rather than a pickled index.
    def __getstate__(self):
        return {"extra_files": self.extra_files, "pattern_files": self.pattern_files,
                "builtin_patterns": self.builtin_patterns}

    def __setstate__(self, state):
        self.__init__(None, "eventwire_actors", state["extra_files"],
                      state.get("pattern_files", ()), state.get("builtin_patterns", True))


@Language.factory("eventwire_actors",
                  default_config={"extra_files": [], "pattern_files": [], "builtin_patterns": True},
                  requires=["token.tag", "token.dep", "doc.sents"],
                  assigns=["doc._.actors", "doc._.set_aside", "doc._.dateline", "span._.actor"])
def make_actors(nlp, name, extra_files, pattern_files, builtin_patterns):
    return ActorsComponent(nlp, name, extra_files, pattern_files, builtin_patterns)
