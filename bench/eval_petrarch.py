"""PETRARCH validation suites (PETRARCH2 unit tests, UniversalPETRARCH validation): the
share of expected (source, target, code) events that eventwire reproduces with the
suites' own dictionaries (actors, agents, verbs). Sides are written as PETRARCH writes
them (petrarch.petrarch_code: "---" for no actor, "---GOV" for a sector without country).

Reported: suite_user, the way a user gets it (the dictionaries through --actors/--patterns,
every non-negated event). Kept, labelled legacy: suite_legacy, the protocol of the figures
up to 0.1.1 (a separate tagger; the suite's verbs replacing ours).
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import SHARED  # noqa: E402

EVAL = SHARED / "eval"


def suite_user(records: Path, actors: Path, agents: Path, verbs: Path, verbose=False):
    """The suite as a user codes it: the standard pipeline with the suite's dictionaries
    given as user files -- `eventwire code --actors ACTORS --actors AGENTS --patterns VERBS`
    (Settings.actor_files / pattern_files; our own dictionaries and patterns stay on). Every
    non-negated event counts (negated events are never counted for users); recall over the
    expected (source, target, code) events, precision over the distinct events we code."""
    from eventwire.config import Settings
    from eventwire.events.petrarch import petrarch_code
    from eventwire.nlp import build_pipeline, make_doc

    nlp = build_pipeline(Settings(actor_files=[str(actors), str(agents)], pattern_files=[str(verbs)]))
    sents = list(_sentences(records))
    docs = nlp.pipe(make_doc(nlp, s["text"], published=_published(s["date"])) for s in sents)
    n_exp = n_hit = n_pred = n_pred_ok = 0
    rows = []
    for s, doc in zip(sents, docs):
        got = {(petrarch_code(e["source"]), petrarch_code(e["target"]), e["cameo"])
               for e in doc._.events or [] if not e["negated"]}
        hits = [x for x in s["expected"] if x in got]
        n_exp += len(s["expected"])
        n_hit += len(hits)
        n_pred += len(got)
        n_pred_ok += sum(g in s["expected"] for g in got)
        if verbose and len(hits) < len(s["expected"]):
            rows.append(f"{s['id']:24} exp {s['expected']} got {sorted(got)}\n    {s['text'][:140]}")
    if verbose:
        print("\n".join(rows))
    return {"sentences": len(sents), "expected": n_exp, "reproduced": n_hit,
            "rate": n_hit / n_exp if n_exp else 0.0,
            "precision": n_pred_ok / n_pred if n_pred else 0.0}


def _published(d: str) -> str | None:
    return f"{d[:4]}-{d[4:6]}-{d[6:8]}" if len(d) == 8 and d.isdigit() else None


def suite_legacy(records: Path, actors: Path, agents: Path, verbs: Path, verbose=False):
    """The protocol of the figures up to 0.1.1: a separate dictionary tagger
    (petrarch.DictionaryActorTagger) and the suite's verbs *replacing* ours; negated
    events count when the suite's own pattern spells the negation."""
    from eventwire.config import Settings
    from eventwire.nlp import ensure_extensions, load_base, make_doc, register_components
    from eventwire.events.petrarch import (DictionaryActorTagger, load_actor_dictionary,
                                           load_agent_dictionary, petrarch_code)
    from eventwire.events.component import code_doc
    from eventwire.events.patterns import load_patterns

    register_components()
    ensure_extensions()
    nlp = load_base(Settings())
    nlp.add_pipe("eventwire_paragraphs", before="parser")
    tagger = DictionaryActorTagger(load_actor_dictionary(actors), load_agent_dictionary(agents))
    pset = load_patterns([str(verbs)], builtin=False)  # the suite's verbs replace ours
    n_exp = n_hit = n_sent = n_pred = n_pred_ok = 0
    rows = []
    for s in _sentences(records):
        text = s["text"]
        expected = s["expected"]
        n_sent += 1
        day = int(s["date"]) if s["date"].isdigit() else None
        doc = tagger(nlp(make_doc(nlp, text)), day=day)
        by_id = {p.id: p for p in pset.patterns}
        # PETRARCH codes a negation only through patterns that spell it ("DID N'T *"):
        # such an event counts; other negated events are left out, as everywhere
        evs = [e for e in code_doc(doc, pset)
               if not e["negated"] or set(by_id[e["pattern"]].before) & NEGATORS]
        got = {(petrarch_code(e["source"]), petrarch_code(e["target"]), e["cameo"]) for e in evs}
        hits = [x for x in expected if x in got]
        n_exp += len(expected)
        n_hit += len(hits)
        n_pred += len(got)
        n_pred_ok += sum(g in expected for g in got)
        if verbose and len(hits) < len(expected):
            rows.append(f"{s['id']:24} exp {expected} got {sorted(got)}\n    {text[:140]}")
    if verbose:
        print("\n".join(rows))
    return {"sentences": n_sent, "expected": n_exp, "reproduced": n_hit,
            "rate": n_hit / n_exp if n_exp else 0.0,
            "precision": n_pred_ok / n_pred if n_pred else 0.0}


NEGATORS = {"not", "n't", "never", "no", "nor", "neither"}


def _attrs(tag: str) -> dict:
    return dict(re.findall(r'(\w+)="([^"]*)"', tag))


def _sentences(records: Path):
    """<Sentence> records of a validation file. Parsed with regular expressions: the
    files are not all well-formed XML (stray '&', '<' in comments)."""
    raw = records.read_text(encoding="utf-8", errors="replace")
    raw = re.sub(r"<!--.*?-->", "", raw, flags=re.S)
    for m in re.finditer(r"(<Sentence\b[^>]*>)(.*?)</Sentence>", raw, re.S):
        head, body = _attrs(m.group(1)), m.group(2)
        if head.get("evaluate") == "false":
            continue
        tm = re.search(r"<Text>(.*?)</Text>", body, re.S)
        if not tm or not tm.group(1).strip():
            continue
        expected = []
        for ec in re.findall(r"<EventCoding\b[^>]*>", body):
            a = _attrs(ec)
            if a.get("eventcode") and not a.get("noevents") and not a.get("error"):
                expected.append((a.get("sourcecode", ""), a.get("targetcode", ""), a["eventcode"]))
        yield {"id": head.get("id", "?"), "text": " ".join(tm.group(1).split()),
               "expected": expected, "date": head.get("date", "")}


SUITES = {
    "petrarch2": ("petrarch2", "PETR.UnitTest.records.xml", "PETR.Validate.actors.txt",
                  "PETR.Validate.agents.txt", "PETR.Validate.verbs.txt"),
    "universalpetrarch": ("universalpetrarch", "PETR_Validate_records_2_02.xml",
                          "PETR_Validate_actors_2_02.txt", "PETR_Validate_agents_2_02.txt",
                          "PETR_Validate_verbs_2_02.txt"),
}


def eval_petrarch(verbose=False) -> dict:
    """{suite: {"user": figures, "legacy": figures}} for the suites present."""
    out = {}
    for name, (folder, *files) in SUITES.items():
        paths = [EVAL / folder / f for f in files]
        if paths[0].exists():
            out[name] = {"user": suite_user(*paths, verbose=verbose), "legacy": suite_legacy(*paths)}
    return out
