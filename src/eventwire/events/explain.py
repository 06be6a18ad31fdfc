"""Why did (or didn't) a sentence produce events? The logic behind ``eventwire explain``.

``explain(text)`` runs the full pipeline, then replays the coder on each sentence with a
trace: every pattern tried on every candidate word, whether it fired, and if not, why
(no matching object, missing target actor, a more specific pattern won, ...). The result is
a plain, JSON-ready structure; the CLI renders it.
"""
from __future__ import annotations

from .coder import ActorIndex, code_sentence, is_caption, negation, modality
from .patterns import get_patterns


def _token_rows(sent) -> list[dict]:
    return [{"i": t.i, "text": t.text, "lemma": t.lemma_, "pos": t.pos_, "dep": t.dep_,
             "head": t.head.i, "head_text": t.head.text} for t in sent if not t.is_space]


def _public(ev: dict) -> dict:
    return {k: v for k, v in ev.items() if not k.startswith("_")}


def explain_doc(doc, pset=None, hybrid=None) -> dict:
    """The explanation for an already processed doc (actors and events set).

    ``hybrid`` (the pipeline's ``eventwire_hybrid`` component, with ``--coder hybrid``)
    adds the model's opinion on every sentence that names an actor, the events it
    dropped or corrected, and ``model_sees_events``: sentences where the model sees an
    event (not a bare statement) with p >= its ``correct_above`` but no rule fired — the
    places to look for a missing pattern."""
    pset = pset or get_patterns()
    lex = pset.lexicon
    actors = ActorIndex(doc)
    out = {"text": doc.text, "published": doc._.published, "dateline": doc._.dateline,
           "sentences": []}
    if hybrid is not None:
        out["model_sees_events"] = []
        out["dropped_by_model"] = list((doc._.hybrid or {}).get("dropped", []))
    final = doc._.events or []
    for k, sent in enumerate(doc.sents):
        if not sent.text.strip():
            continue
        row = {"index": k, "text": sent.text, "tokens": _token_rows(sent),
               "actors": [a for a in doc._.actors or []
                          if a.get("token_span") and sent.start <= a["token_span"][0] < sent.end],
               "set_aside": [a for a in doc._.set_aside or []
                             if a.get("token_span") and sent.start <= a["token_span"][0] < sent.end],
               "skipped": None, "tries": [], "events": []}
        if not actors.any_in(sent.start, sent.end):
            row["skipped"] = "no actor in this sentence: nothing to code"
        elif is_caption(sent.text, lex):
            row["skipped"] = "looks like a photo caption/credit: not coded"
        else:
            trace: list = []
            evs = code_sentence(sent, k, actors, pset, trace=trace)
            for tr in trace:
                entry = {"token": tr.token, "token_i": tr.token_i, "pattern": tr.pattern,
                         "cameo": tr.cameo, "fired": tr.fired, "reason": tr.reason}
                if tr.fired:
                    v = doc[tr.token_i]
                    neg = negation(v, lex)
                    mod, att = modality(v, sent, lex, actors)
                    entry["negated_by"] = neg
                    entry["modality"] = mod
                    entry["attribution"] = att
                row["tries"].append(entry)
            kept = [e for e in final if e["sentence_index"] == k]
            row["events"] = [_public(e) for e in kept]
            if evs and not kept:
                row["skipped"] = ("headline: its events repeat events of the body, "
                                  "so they are not coded twice")
        out["sentences"].append(row)
    if hybrid is not None:
        _model_opinions(out, hybrid)
    return out


def _model_opinions(out: dict, hybrid) -> None:
    """The hybrid model's view of each sentence with an actor (rules' events or not)."""
    for r in out["sentences"]:
        if r["events"] and "model" in r["events"][0]:
            r["model"] = r["events"][0]["model"]   # the opinion the component recorded
    rows = [r for r in out["sentences"] if r["actors"] and not r["events"]]
    if not rows:
        return
    pq, pr = hybrid.opinions([r["text"] for r in rows], [[] for _ in rows])
    for r, q, root in zip(rows, pq, pr):
        blk = hybrid.block(q, root)
        r["model"] = blk
        if blk["quad_class"] != 0 and blk["p"] >= hybrid.correct_above:
            out["model_sees_events"].append({"index": r["index"], "text": r["text"],
                                             "model": blk})


def explain(text: str, published: str | None = None, settings=None, nlp=None) -> dict:
    """Parse and code ``text``; return the explanation structure."""
    from ..nlp import get_pipeline, make_doc

    nlp = nlp or get_pipeline(settings)
    doc = nlp(make_doc(nlp, text, published=published))
    extra = tuple(getattr(settings, "pattern_files", ()) or ())
    hybrid = nlp.get_pipe("eventwire_hybrid") if "eventwire_hybrid" in nlp.pipe_names else None
    return explain_doc(doc, get_patterns(extra), hybrid=hybrid)
