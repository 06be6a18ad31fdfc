"""The sentence prefilter and streaming of eventwire.pipeline (issue 8).

The prefilter masks sentences that cannot hold an event; whatever it drops, every span
in the output must still be an offset into the document text.
"""
from __future__ import annotations

import itertools

import pytest

from eventwire import pipeline as pipeline_module
from eventwire.config import Settings
from eventwire.pipeline import (ChunkCoder, code_documents, find_cue_checks, prefilter_text,
                                split_sentences)
from eventwire.records import Document

ARTICLE = (
    "Talks in Geneva\n\n"
    "The weather in Geneva was mild on Tuesday. Delegates arrived by train from Zurich.\n\n"
    "On Nov. 17, the U.S. Secretary of State met Russia's foreign minister in Geneva. "
    "Dr. Smith, an adviser, said little. China accused Japan of violating its airspace.\n\n"
    "Markets were calm. Iran's president condemned the sanctions imposed by the "
    "European Union."
)


def _sentences(text):
    return [text[s:e] for s, e in split_sentences(text)]


@pytest.mark.parametrize("text, expected", [
    ("The U.S. Army arrived. It left.", ["The U.S. Army arrived.", "It left."]),
    ("Dr. Smith met Mr. Jones on Nov. 17 in Washington.",
     ["Dr. Smith met Mr. Jones on Nov. 17 in Washington."]),
    ("George W. Bush spoke. Then he left!", ["George W. Bush spoke.", "Then he left!"]),
    ('He said "we will go." The talks ended.', ['He said "we will go."', "The talks ended."]),
    ("Headline without a stop\n\nBody sentence one. Body two.",
     ["Headline without a stop", "Body sentence one.", "Body two."]),
    ("Troops moved at 3 p.m. local time. Nothing else.",
     ["Troops moved at 3 p.m. local time.", "Nothing else."]),
    ("It cost 3.5 billion dollars. Officials agreed.",
     ["It cost 3.5 billion dollars.", "Officials agreed."]),
])
def test_split_sentences(text, expected):
    assert _sentences(text) == expected


def test_split_sentences_spans_are_exact():
    for (s, e), sent in zip(split_sentences(ARTICLE), _sentences(ARTICLE)):
        assert ARTICLE[s:e] == sent and sent == sent.strip()


def _fake_checks():
    actors = ("Secretary", "Russia", "China", "Japan", "Iran", "European Union")
    cues = ("met", "accused", "condemned")
    return (lambda s: any(a in s for a in actors)), (lambda s: any(c in s for c in cues))


def test_prefilter_masks_without_moving_offsets():
    pf = prefilter_text(ARTICLE, *_fake_checks())
    assert len(pf.masked) == len(ARTICLE)
    kept = [ARTICLE[s:e] for s, e in (pf.sentences[i] for i in pf.kept)]
    assert kept == [
        "On Nov. 17, the U.S. Secretary of State met Russia's foreign minister in Geneva.",
        "China accused Japan of violating its airspace.",
        "Iran's president condemned the sanctions imposed by the European Union.",
    ]
    for i in pf.kept:
        s, e = pf.sentences[i]
        assert pf.masked[s:e] == ARTICLE[s:e]
    # Dropped text is blanked, but newlines stay (paragraphs stay paragraphs).
    assert "weather" not in pf.masked and "Markets" not in pf.masked
    assert "Tuesday" not in pf.masked
    assert pf.masked.count("\n") == ARTICLE.count("\n")


def test_prefilter_can_keep_date_expressions_visible():
    pf = prefilter_text(ARTICLE, *_fake_checks(), keep_dates=True)
    assert len(pf.masked) == len(ARTICLE)
    assert ARTICLE.index("Tuesday") == pf.masked.index("Tuesday")
    assert "weather" not in pf.masked


def test_prefilter_keeps_a_sentence_that_repeats_an_earlier_actors_name():
    """A sentence whose only actor is a surname named in an earlier actor sentence is
    parsed (coreference gives it its code); a capitalised first word or a weekday is no
    such name."""
    text = ("Foreign Minister Adaeze Okafor met the Dutch envoy on Monday. "
            "Okafor later accused the envoy of stalling. "
            "Monday brought more accusations. "
            "Foreign observers accused nobody.")
    has_actor = lambda s: "Minister" in s or "Dutch" in s       # noqa: E731
    has_cue = lambda s: "met" in s or "accused" in s or "accusations" in s  # noqa: E731
    pf = prefilter_text(text, has_actor, has_cue)
    kept = [text[s:e] for s, e in (pf.sentences[i] for i in pf.kept)]
    assert kept == ["Foreign Minister Adaeze Okafor met the Dutch envoy on Monday.",
                    "Okafor later accused the envoy of stalling."]


def test_a_surname_only_sentence_is_coded_with_the_prefilter_on(coder_pair, monkeypatch):
    monkeypatch.setattr(pipeline_module, "MIN_MASKED_SHARE", 0.0)
    on, _off = coder_pair
    if on.checks is None:
        pytest.skip("has_actor/has_event_cue not available: everything is parsed")
    text = ("Nigerian Foreign Minister Adaeze Okafor and South African Trade Minister Thabo "
            "Dlamini arrived in Paris on Monday.\n"
            "Okafor accused Dlamini of lying about the tariffs on Tuesday.\n")
    [(events, err)] = on.code([("d", text, "2017-11-22", None)])
    assert err is None
    found = {(ev["cameo_root"], ev["source"]["code"], ev["target"]["code"]) for ev in events
             if ev["sentence"].startswith("Okafor") and ev.get("source") and ev.get("target")}
    assert ("11", "NGAGOV", "ZAFGOV") in found, events


def test_prefilter_keeps_everything_when_all_sentences_qualify():
    pf = prefilter_text(ARTICLE, lambda s: True, lambda s: True)
    assert pf.masked == ARTICLE and len(pf.kept) == len(pf.sentences)


def _spans(obj, key="span"):
    """(span, text) pairs of every actor/verb object with a text."""
    if isinstance(obj, dict):
        if isinstance(obj.get(key), list) and isinstance(obj.get("text"), str):
            yield obj[key], obj["text"]
        for v in obj.values():
            yield from _spans(v, key)
    elif isinstance(obj, list):
        for v in obj:
            yield from _spans(v, key)


def _check_offsets(text, events):
    for ev in events:
        s, e = ev["span"]
        assert 0 <= s < e <= len(text)
        assert text[s:e] == text[s:e].strip()
        assert ev["sentence"].strip() == ev["sentence"]
        for (a, b), t in _spans(ev):
            assert text[a:b] == t, (ev["pattern"], t)


@pytest.fixture(scope="module")
def coder_pair(pipeline):
    """The same pipeline with the prefilter on and off."""
    s = Settings()
    return ChunkCoder(s, pipeline, prefilter=True), ChunkCoder(s, pipeline, prefilter=False)


def _docs(seed_paths):
    docs = [Document.from_text(ARTICLE, path="article", published="2017-11-20", language="en")]
    for p in seed_paths:
        docs.append(Document.from_text(p.read_text(encoding="utf-8"), path=str(p),
                                       published="2017-11-22", language="en"))
    return docs


def test_prefiltered_events_have_document_offsets(coder_pair, seed_paths, monkeypatch):
    monkeypatch.setattr(pipeline_module, "MIN_MASKED_SHARE", 0.0)   # mask every document
    on, _off = coder_pair
    if on.checks is None:
        pytest.skip("has_actor/has_event_cue not available: everything is parsed")
    docs = _docs(seed_paths)
    results = on.code([(d.doc_id, d.text, d.published, d.title) for d in docs])
    n = 0
    for d, (events, err) in zip(docs, results):
        assert err is None
        _check_offsets(d.text, events)
        sentences = split_sentences(d.text)
        for ev in events:
            s, e = sentences[ev["sentence_index"]]
            assert s <= ev["verb"]["span"][0] < e
        n += len(events)
    assert n > 0


def test_prefilter_with_fake_checks_on_real_parse(coder_pair, monkeypatch):
    """Offsets stay right whatever the checks keep (here: a hand-made pair)."""
    on, _off = coder_pair
    monkeypatch.setattr(on, "checks", _fake_checks())
    monkeypatch.setattr(pipeline_module, "MIN_MASKED_SHARE", 0.0)
    d = Document.from_text(ARTICLE, path="article", published="2017-11-20", language="en")
    [(events, err)] = on.code([(d.doc_id, d.text, d.published, d.title)])
    assert err is None
    _check_offsets(d.text, events)


def test_prefilter_keeps_events_of_the_full_parse(coder_pair, seed_paths, monkeypatch):
    """Accuracy guard: most events of the full parse survive the prefilter."""
    monkeypatch.setattr(pipeline_module, "MIN_MASKED_SHARE", 0.0)
    on, off = coder_pair
    if on.checks is None:
        pytest.skip("has_actor/has_event_cue not available")
    docs = _docs(seed_paths)
    items = [(d.doc_id, d.text, d.published, d.title) for d in docs]

    def keys(results):
        return {(i, ev["cameo"], tuple(ev["verb"]["span"]),
                 (ev.get("source") or {}).get("code"), (ev.get("target") or {}).get("code"),
                 ev.get("date"), (ev.get("location") or {}).get("name"))
                for i, (evs, _e) in enumerate(results) for ev in evs}
    full, filtered = keys(off.code(items)), keys(on.code(items))
    if not full:
        pytest.skip("the coder finds no events yet")
    assert len(full & filtered) >= 0.9 * len(full)


def test_find_cue_checks_refuses_user_dictionaries_it_cannot_see(monkeypatch):
    s = Settings()
    s.pattern_files = ["my-verbs.txt"]
    checks = find_cue_checks(None, s)
    if checks is not None:   # only when the check itself takes the user's files
        import inspect
        from eventwire.events import coder
        assert "extra_files" in inspect.signature(coder.has_event_cue).parameters


# ---------------------------------------------------------------- streaming

class _Counting:
    def __init__(self, docs):
        self.docs, self.pulled = docs, 0

    def __iter__(self):
        for d in self.docs:
            self.pulled += 1
            yield d


def _many(n):
    out = []
    for i in range(n):
        lang = "fr" if i % 7 == 3 else "en"
        out.append(Document.from_text(f"Article {i}. Nothing happened today.",
                                      path=f"a{i}", language=lang))
    return out


def test_code_documents_is_lazy_and_ordered(pipeline, monkeypatch):
    monkeypatch.setattr(pipeline_module, "PARSE_BATCH", 4)
    s = Settings()
    s.n_process = 1        # in this process: what it reads ahead is one chunk at a time
    s.batch_size = 4
    src = _Counting(_many(40))
    it = code_documents(iter(src), s, nlp=pipeline)
    first = next(it)
    assert first.document.path == "a0"
    assert src.pulled <= 2 * s.batch_size       # did not read the whole corpus
    rest = list(it)
    assert [c.document.path for c in [first] + rest] == [f"a{i}" for i in range(40)]
    assert all(c.document.notes for c in [first] + rest if c.document.language == "fr")


def test_code_documents_with_worker_processes_matches_one_process(pipeline, seed_paths,
                                                                   monkeypatch):
    monkeypatch.setattr(pipeline_module, "PARSE_BATCH", 2)
    docs = _docs(seed_paths) + _many(10)
    s1 = Settings()
    s2 = Settings()
    s2.n_process = 2
    s2.batch_size = 2
    one = [(c.document.doc_id, c.events, c.error) for c in code_documents(docs, s1, nlp=pipeline)]
    two_src = _Counting(docs)
    two = [(c.document.doc_id, c.events, c.error)
           for c in code_documents(iter(two_src), s2, nlp=pipeline)]
    assert one == two


def test_window_bounds_what_is_read_ahead(pipeline, monkeypatch):
    monkeypatch.setattr(pipeline_module, "PARSE_BATCH", 2)
    s = Settings()
    s.n_process = 2
    s.batch_size = 2
    src = _Counting(_many(200))
    it = code_documents(iter(src), s, nlp=pipeline)
    list(itertools.islice(it, 1))
    # At most the in-flight window of chunks (plus one being filled) is read ahead.
    assert src.pulled <= (2 * s.n_process + 3) * s.batch_size + 10
    it.close()
    assert pipeline is not None and pipeline_module_has_no_leftover_nlp()


def pipeline_module_has_no_leftover_nlp():
    return "coder" not in pipeline_module._WORKER


# ---------------------------------------------------------------- using the cores

def test_default_uses_the_available_cores(monkeypatch):
    monkeypatch.delenv("EVENTWIRE_N_PROCESS", raising=False)
    s = Settings()
    assert s.n_process == 0                      # automatic
    monkeypatch.setattr(pipeline_module, "available_cores", lambda: 2)
    assert pipeline_module.planned_processes(s) == 2
    s.n_process = 1
    assert pipeline_module.planned_processes(s) == 1
    s.n_process = 3
    assert pipeline_module.planned_processes(s) == 3


def test_available_cores_follows_the_affinity(monkeypatch):
    monkeypatch.setattr(pipeline_module.os, "sched_getaffinity", lambda pid: {0}, raising=False)
    assert pipeline_module.available_cores() == 1


def test_no_pool_from_a_thread_other_than_the_main_one(monkeypatch):
    import threading
    monkeypatch.setattr(pipeline_module, "available_cores", lambda: 4)
    got = []
    t = threading.Thread(target=lambda: got.append(pipeline_module.planned_processes(Settings())))
    t.start()
    t.join()
    assert got == [1]


def test_small_input_is_coded_without_a_pool(pipeline, monkeypatch):
    """Automatic mode on a multi-core machine: a handful of articles pays no pool start-up."""
    monkeypatch.setattr(pipeline_module, "available_cores", lambda: 2)

    def no_pool(*a, **k):
        raise AssertionError("a worker pool was started for a small input")
    monkeypatch.setattr(pipeline_module.multiprocessing, "get_context", no_pool)
    s = Settings()
    s.n_process = 0
    docs = _many(pipeline_module.AUTO_POOL_MIN_DOCS - 1)
    out = list(code_documents(iter(docs), s, nlp=pipeline))
    assert [c.document.path for c in out] == [d.path for d in docs]


def test_large_input_starts_a_pool(pipeline, monkeypatch):
    monkeypatch.setattr(pipeline_module, "available_cores", lambda: 2)
    monkeypatch.setattr(pipeline_module, "AUTO_POOL_MIN_DOCS", 6)
    monkeypatch.setattr(pipeline_module, "PARSE_BATCH", 2)
    started = []
    real = pipeline_module.multiprocessing.get_context

    def spy(method=None):
        started.append(method)
        return real(method)
    monkeypatch.setattr(pipeline_module.multiprocessing, "get_context", spy)
    s = Settings()
    s.n_process = 0
    s.batch_size = 2
    docs = _many(12)
    out = list(code_documents(iter(docs), s, nlp=pipeline))
    assert started and [c.document.path for c in out] == [d.path for d in docs]


@pytest.mark.parametrize("text", [
    # a doubled last consonant in the past tense, also for verbs in -l ("expelled",
    # "repelled", "patrolled"): the cheap event-cue check must see the verb, or the
    # sentence is masked and its event lost
    "Kenya expelled the Ugandan ambassador on Monday.\n",
    "The Kenyan army repelled a Somali attack on Monday.\n",
    "Kenya banned Ugandan imports on Monday.\n",
])
def test_a_verb_with_a_doubled_consonant_is_an_event_cue(coder_pair, monkeypatch, text):
    monkeypatch.setattr(pipeline_module, "MIN_MASKED_SHARE", 0.0)   # mask every document
    on, off = coder_pair
    if on.checks is None:
        pytest.skip("has_actor/has_event_cue not available: everything is parsed")
    [(with_filter, _)] = on.code([("d", text, "2021-03-03", None)])
    [(without, _)] = off.code([("d", text, "2021-03-03", None)])
    assert without and [e["cameo"] for e in with_filter] == [e["cameo"] for e in without]


@pytest.mark.parametrize("sentence", [
    # a pattern verb in an irregular form is a cue ("were" is "be": 11.be_critical_of)
    "Kenyan lawmakers were critical of the Ugandan president's speech.",
    "Uganda withheld the Kenyan shipment.",
    "Kenya paid Uganda for the power line.",
])
def test_irregular_forms_of_pattern_verbs_are_event_cues(sentence):
    from eventwire.events.coder import has_event_cue
    assert has_event_cue(sentence)
