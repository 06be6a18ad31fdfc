"""spaCy component ``eventwire_hybrid``: a learned second opinion on the rule coder's events.

Runs after ``eventwire_events`` (``--coder hybrid`` / ``EVENTWIRE_CODER=hybrid``). For each
sentence that holds a rule event it embeds the sentence (all-MiniLM-L6-v2, numpy:
``encoder.py``; sentences of a whole batch of documents in one call) and asks the typer
(``typer.py``: rule features + embedding -> calibrated QuadClass and CAMEO-root
probabilities) what kind of event the sentence reports. Then, per rule event:

* it records the opinion: ``confidence`` becomes the model's probability that the event's
  QuadClass is right (the rule's own value is kept as ``model.rule_confidence``), and a
  ``model`` block lists the top classes;
* **drop**: an event whose QuadClass the model rejects with high confidence
  (p <= ``drop_below``, while it gives another class p >= ``correct_above``) and another
  event of the sentence carries that class — typically a reporting frame ("X said") around the real act, or a side reading of
  an ambiguous verb — is removed from ``doc._.events`` (kept in ``doc._.hybrid`` for
  ``eventwire explain``);
* **correct**: the sentence's main event, when its rule is weak (pattern confidence <=
  ``weak_rule``) and the model rejects it (p <= ``drop_below``) while it is confident of
  another class (p >= ``correct_above``) that no event of the sentence has, takes the
  model's most likely CAMEO root of that class (its base code, e.g. 190);
  ``model.corrected_from`` keeps the rule's code. Statements (01-02) are never re-typed:
  their actors are a speaker and an addressee, not the actors of what was said.

Sentences without a rule event are not embedded here (that is the cost we save);
``eventwire explain`` runs the model on them too and lists those where it sees an event
that no rule coded (``hybrid_missed``): a recall aid for pattern writers.
"""
from __future__ import annotations

from collections import OrderedDict

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc

from .typer import (QUAD_NAMES, ROOTS, get_model, normalise_text, quad_of_root,
                    rule_features)

DEFAULTS = {"drop_below": 0.05, "correct_above": 0.8, "weak_rule": 0.6, "top_k": 3,
            "batch_size": 64}


def ensure_extension() -> None:
    if not Doc.has_extension("hybrid"):
        Doc.set_extension("hybrid", default=None)


class HybridTyper:
    def __init__(self, nlp=None, name="eventwire_hybrid", drop_below=0.05, correct_above=0.8,
                 weak_rule=0.6, top_k=3, batch_size=64, model_dir=None):
        ensure_extension()
        self.drop_below = float(drop_below)
        self.correct_above = float(correct_above)
        self.weak_rule = float(weak_rule)
        self.top_k = int(top_k)
        self.batch_size = int(batch_size)
        self.model = get_model(model_dir)          # small: load now, fail early
        from .encoder import EncoderUnavailable, model_dir as encoder_dir
        weights = encoder_dir() / "model.safetensors"
        if not weights.exists():                   # the encoder itself loads on first use
            raise EncoderUnavailable(f"no model.safetensors in {weights.parent}")
        self._encoder = None

    @property
    def encoder(self):
        if self._encoder is None:
            from .encoder import get_encoder
            self._encoder = get_encoder()
        return self._encoder

    # ------------------------------------------------------------------ spaCy API
    def __call__(self, doc):
        self.process([doc])
        return doc

    def pipe(self, docs, batch_size: int | None = None):
        batch = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= (batch_size or self.batch_size):
                self.process(batch)
                yield from batch
                batch = []
        if batch:
            self.process(batch)
            yield from batch

    # ------------------------------------------------------------------ the work
    def opinions(self, texts: list[str], events: list[list[dict]]):
        """(quad probabilities, root probabilities) for sentences and their rule events."""
        if not texts:
            return np.zeros((0, 5), np.float32), np.zeros((0, len(ROOTS)), np.float32)
        emb = self.encoder.encode([normalise_text(t) for t in texts])
        feats = np.stack([rule_features(evs) for evs in events])
        return self.model.predict(emb, feats)

    def process(self, docs) -> None:
        jobs = []    # (doc, [events of one sentence])
        for doc in docs:
            doc._.hybrid = {"dropped": [], "corrected": 0}
            groups: OrderedDict = OrderedDict()
            for e in doc._.events or []:
                groups.setdefault(e.get("sentence_index"), []).append(e)
            for evs in groups.values():
                jobs.append((doc, evs))
        if not jobs:
            return
        pq, pr = self.opinions([evs[0]["sentence"] for _d, evs in jobs], [evs for _d, evs in jobs])
        drop: dict[int, set] = {}
        for (doc, evs), q, r in zip(jobs, pq, pr):
            gone = self.judge(evs, q, r)
            if gone:
                drop.setdefault(id(doc), set()).update(id(e) for e in gone)
                doc._.hybrid["dropped"].extend(_public(e) for e in gone)
            doc._.hybrid["corrected"] += sum(1 for e in evs if "corrected_from" in e["model"])
        for doc in docs:
            ids = drop.get(id(doc))
            if ids:
                doc._.events = [e for e in doc._.events if id(e) not in ids]

    def block(self, q: np.ndarray, r: np.ndarray | None) -> dict:
        order = np.argsort(-q)[: self.top_k]
        out = {"quad_scale": "phoenix (0 neutral, 1 verbal coop, 2 material coop, "
                             "3 verbal conflict, 4 material conflict)",
               "quad_class": int(order[0]), "p": round(float(q[order[0]]), 3),
               "top": [{"quad_class": int(k), "name": QUAD_NAMES[int(k)], "p": round(float(q[k]), 3)}
                       for k in order]}
        if r is not None:
            ro = np.argsort(-r)[: self.top_k]
            out["roots"] = [{"root": ROOTS[int(k)], "p": round(float(r[k]), 3)} for k in ro]
        return out

    def judge(self, evs: list[dict], q: np.ndarray, r: np.ndarray | None) -> list[dict]:
        """Record the opinion on each event of one sentence; return the events to drop."""
        top = int(np.argmax(q))
        quads = [_event_quad(e) for e in evs]
        explained = any(eq == top and not e.get("negated") for e, eq in zip(evs, quads))
        gone = []
        for e, eq in zip(evs, quads):
            blk = self.block(q, r)
            blk["rule_confidence"] = e.get("confidence")
            e["model"] = blk
            if eq is None:      # a user code outside CAMEO: no opinion on it
                continue
            p = float(q[eq])
            e["confidence"] = round(p, 2)
            if e.get("negated") or p > self.drop_below or eq == top \
                    or float(q[top]) < self.correct_above:
                continue     # no confident disagreement
            if explained:
                gone.append(e)
                blk["action"] = "dropped"
            elif eq != 0 and e.get("_main", True) and \
                    (blk["rule_confidence"] or 1.0) <= self.weak_rule:
                # a statement's actors are the speaker and addressee, never those of
                # the act it reports: statements are not re-typed
                root = _best_root(r, top)
                if root is not None and _correct(e, root):
                    blk["action"] = "corrected"
        return gone


def _event_quad(e: dict) -> int | None:
    """The event's QuadClass as the CAMEO manual would code it: an intended act ("will
    send aid") is an expressed intent (03x/13x), i.e. verbal, not material."""
    root = e.get("cameo_root")
    if e.get("modality") == "intended" and e.get("cameo"):
        from .codebook import get_codebook
        cb = get_codebook()
        if cb.has(e["cameo"]):
            root = cb.intent_code(e["cameo"])[:2]
    return quad_of_root(root)


def _best_root(r: np.ndarray | None, quad: int) -> str | None:
    """The root head's most likely root within the given QuadClass."""
    if r is None:
        return None
    cands = [(float(r[i]), root) for i, root in enumerate(ROOTS) if quad_of_root(root) == quad]
    return max(cands)[1] if cands else None


def _correct(e: dict, root: str) -> bool:
    from .codebook import get_codebook
    cb = get_codebook()
    code = root + "0"
    if not cb.has(code):
        return False
    info = cb.cameo(code)
    e["model"]["corrected_from"] = e["cameo"]
    e.update(cameo=code, cameo_root=info["root"], quad_class=info["quad_class"],
             goldstein=info["goldstein"], plover=cb.plover_for(code))
    return True


def _public(e: dict) -> dict:
    return {k: v for k, v in e.items() if not k.startswith("_")}


@Language.factory("eventwire_hybrid", default_config=DEFAULTS)
def make_hybrid(nlp, name, drop_below, correct_above, weak_rule, top_k, batch_size):
    return HybridTyper(nlp, name, drop_below, correct_above, weak_rule, top_k, batch_size)
