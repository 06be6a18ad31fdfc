"""Issue 9.1: bad input gives a clear one-line error or a clean skip — never a crash of
the batch, never a hang, never a partial write.

The corpus is generated into tmp_path by tests/badinput.py (nothing big is committed).
Three levels:
- the readers (``eventwire.ingest.read_inputs``) on each case, in process;
- the coder (``pipeline.code_documents``) on whatever documents came out, bounded time;
- ``eventwire code`` and ``eventwire ingest`` on one batch holding every case plus a
  good article: the good article is still coded/stored, every error line names a file
  of the batch, no traceback, and the database holds only whole documents.
"""
from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

import badinput
from badinput import CASES

pytestmark = pytest.mark.timeout(240)

PUBLISHED = "2017-11-22"
# Hangs are caught by pytest-timeout; no test here reads the clock to pass or fail.
# The batch runs cap each document at this many seconds (Settings.doc_timeout): the
# 50k-word sentence is pathological for the coder and must be cut, not waited for,
# while a small good article is coded within it on the slowest machine we know (a
# 100x margin; the watchdog itself is tested without a clock, test_doc_timeout_*).
DOC_TIMEOUT = 10


def _read(paths, published=PUBLISHED):
    ingest = pytest.importorskip("eventwire.ingest")
    errors: list = []
    t0 = time.monotonic()
    docs = list(ingest.read_inputs([str(p) for p in paths], published=published,
                                   on_error=errors.append))
    return docs, errors, time.monotonic() - t0


def _check_error(err, names):
    from eventwire.errors import EventwireError
    msg = str(err)
    assert isinstance(err, EventwireError), f"not an EventwireError: {err!r}"
    assert "\n" not in msg.strip(), f"error is not one line: {msg!r}"
    assert any(n in msg for n in names), f"error does not name the file {names}: {msg!r}"
    assert "Traceback" not in msg


def _check_doc(doc):
    from eventwire.records import doc_id_for
    assert isinstance(doc.text, str)
    assert "\x00" not in doc.text, "NUL byte left in the text"
    doc.text.encode("utf-8")  # no lone surrogates: the text must be storable
    assert doc.text.strip(), "a document with an empty text"
    assert doc.doc_id == doc_id_for(doc.text), "doc_id is not the hash of the cleaned text"
    if doc.published is not None:
        import datetime as dt
        dt.date.fromisoformat(doc.published)


# --------------------------------------------------------------------------------------
# 1. Readers, one case at a time
# --------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(CASES))
def test_reader_on_bad_input(name, tmp_path):
    case = CASES[name]
    path = badinput.write_case(name, tmp_path)
    docs, errors, elapsed = _read([path])
    print(f"{name}: {len(docs)} docs, {len(errors)} errors, {elapsed:.2f}s "
          f"{[str(e) for e in errors][:3]}")
    for err in errors:
        _check_error(err, [path.name])
    for doc in docs:
        _check_doc(doc)
    if case.expect == "none":
        assert not docs, f"{name}: garbage became a document: {docs[0].text[:80]!r}"
    elif case.expect == "doc_or_error":
        assert docs or errors, f"{name}: silently dropped (no document, no error)"
        for doc in docs:
            for word in case.must_contain:
                assert word in doc.text, f"{name}: {word!r} lost (wrong decoding?): {doc.text[:120]!r}"
    elif case.expect in ("doc", "doc_and_error"):
        text = " ".join(d.text for d in docs)
        for word in case.must_contain:
            assert word in text, f"{name}: {word!r} lost: {text[:160]!r}"
        assert bool(errors) == (case.expect == "doc_and_error"), [str(e) for e in errors]
    assert docs or errors, f"{name}: neither a document nor an error"


def test_broken_jsonl_lines_name_the_line_and_keep_the_good_ones(tmp_path):
    path = badinput.write_case("broken_jsonl", tmp_path)
    docs, errors, _ = _read([path])
    texts = " ".join(d.text for d in docs)
    assert "North Korea's envoy in Seoul" in texts, "line 1 (valid) was lost"
    assert "South Korea welcomed the talks" in texts, "the last valid line was lost"
    msgs = [str(e) for e in errors]
    assert any("broken.jsonl:2" in m for m in msgs), f"no error for line 2: {msgs}"
    for err in errors:
        _check_error(err, ["broken.jsonl"])


@pytest.mark.parametrize("name", ["truncated_warc_gz", "truncated_warc"])
def test_truncated_warc_reports_the_loss(name, tmp_path):
    """The complete records before the cut are read; the cut itself is reported."""
    path = badinput.write_case(name, tmp_path)
    docs, errors, _ = _read([path])
    assert errors, f"{name}: a truncated archive was read without any error line"
    for err in errors:
        _check_error(err, [path.name])
    assert any("round 0" in d.text for d in docs), "the complete first record was lost"


def test_special_files_do_not_hang(tmp_path):
    """A named pipe and a dangling symlink in a directory: skipped or an error, no hang."""
    d = tmp_path / "special"
    d.mkdir()
    good = badinput.write_good(d)
    fifo = badinput.make_fifo(d)
    (d / "dangling.txt").symlink_to(d / "does-not-exist.txt")
    docs, errors, elapsed = _read([d])
    assert any(d_.path and d_.path.endswith(good.name) for d_ in docs), "the good file was lost"
    for err in errors:
        _check_error(err, ["fifo", "dangling", str(d)])
    assert fifo is None or all("fifo" not in (x.path or "") for x in docs)


def test_missing_path_is_a_clear_error(tmp_path):
    docs, errors, _ = _read([tmp_path / "nope.txt", badinput.write_good(tmp_path)])
    assert len(docs) == 1
    assert len(errors) == 1
    _check_error(errors[0], ["nope.txt"])


# --------------------------------------------------------------------------------------
# 2. The coder on what came out: bounded time, errors per document, neighbours survive
# --------------------------------------------------------------------------------------

CODE_CASES = ["huge_line", "long_sentence", "no_sentences", "mixed_scripts", "nested_html",
              "invalid_utf8", "scripts_only", "broken_jsonl", "utf16_bom", "html_50mb"]


@pytest.fixture(scope="module")
def coder():
    pipeline = pytest.importorskip("eventwire.pipeline")
    from eventwire.config import Settings
    from eventwire.nlp import get_pipeline
    settings = Settings(doc_timeout=DOC_TIMEOUT)
    return pipeline, settings, get_pipeline(settings)


@pytest.mark.slow
@pytest.mark.timeout(240, method="thread")  # SIGALRM is the doc_timeout watchdog's
@pytest.mark.parametrize("name", CODE_CASES)
def test_coder_on_bad_documents_is_bounded(name, tmp_path, coder):
    pipeline, settings, nlp = coder
    path = badinput.write_case(name, tmp_path)
    good = badinput.write_good(tmp_path)
    docs, _errors, _ = _read([path, good])
    assert docs, "the good file was not read"
    t0 = time.monotonic()
    coded = list(pipeline.code_documents(docs, settings, nlp=nlp))
    elapsed = time.monotonic() - t0
    print(f"{name}: coded {len(coded)} docs in {elapsed:.2f}s "
          f"({sum(len(d.text) for d in docs)} chars)")
    assert [c.document.doc_id for c in coded] == [d.doc_id for d in docs]
    for c in coded:
        if c.error:
            assert "\n" not in c.error.strip()
        for ev in c.events:
            s, e = ev["span"]
            assert 0 <= s <= e <= len(c.document.text)
    good_coded = [c for c in coded if c.document.path and c.document.path.endswith("good.txt")]
    assert good_coded and good_coded[0].error is None


class BlockingStage:
    """A pipeline stage that blocks on one document until told to go on.

    It stands for a component that never finishes (a super-linear rule on a
    pathological text) without depending on how fast this machine runs it. When it
    blocks it notes the watchdog's armed deadline, then lets that deadline arrive at
    once (the test's clock jumps forward): from then on only the watchdog can get the
    coder out of ``release.wait()``.
    """

    name = "test_blocking_stage"

    def __init__(self):
        self.block_doc_id = None
        self.release = threading.Event()
        self.deadlines: list[float] = []   # the watchdog's remaining seconds, per block

    def __call__(self, doc):
        if doc._.doc_id == self.block_doc_id:
            import signal
            self.deadlines.append(signal.getitimer(signal.ITIMER_REAL)[0])
            signal.setitimer(signal.ITIMER_REAL, 0.001)  # time is up
            # Short waits in a loop, not one long one: the watchdog's SIGALRM handler
            # runs between bytecodes, so it gets its turn every round even where a
            # blocked lock acquire would not be interrupted by the signal.
            while not self.release.wait(0.05):
                pass
        return doc


STAGE = BlockingStage()


def _register_stage():
    from spacy.language import Language
    if not Language.has_factory(STAGE.name):
        Language.component(STAGE.name, func=lambda doc: STAGE(doc))


# pytest-timeout's default method uses SIGALRM itself, and the watchdog stands aside
# when another interval timer runs: use the thread method here. The timeout is a hang
# guard only: were the watchdog broken, the blocked stage would never return.
@pytest.mark.timeout(300, method="thread")
def test_doc_timeout_is_enforced(tmp_path, coder):
    """Settings.doc_timeout bounds one document: a stage that never finishes on it is
    interrupted, the document is skipped with an error line (not stored, so a later
    run retries it), and its neighbours are coded."""
    pipeline, _settings, nlp = coder
    from eventwire.config import Settings
    settings = Settings(doc_timeout=60.0)   # no real document comes near it
    good = badinput.write_good(tmp_path / "a")
    stuck = tmp_path / "b" / "stuck.txt"
    stuck.parent.mkdir()
    stuck.write_text("Ministers meet in Lima\n\nPeru's foreign minister met Chile's ambassador "
                     "in Lima on Monday to discuss fishing rights, officials said.\n",
                     encoding="utf-8")
    docs, _errors, _ = _read([stuck, good])
    assert len(docs) == 2
    _register_stage()
    STAGE.block_doc_id, STAGE.deadlines, STAGE.release = docs[0].doc_id, [], threading.Event()
    nlp.add_pipe(STAGE.name, last=True)
    try:
        coded = list(pipeline.code_documents(docs, settings, nlp=nlp))
    finally:
        STAGE.release.set()
        nlp.remove_pipe(STAGE.name)
    print(f"watchdog deadlines when the stage blocked: {STAGE.deadlines}; "
          f"errors={[c.error for c in coded]}")
    assert coded[0].error == "timed out after 60 s (doc_timeout); skipped"
    assert coded[0].events == []
    assert coded[1].error is None and coded[1].document.path.endswith("good.txt")
    assert coded[1].events, "the neighbour was not coded"
    # Blocked twice: in the batch (the first document's deadline is 2x: it also waits
    # for the batch's parse), then alone under the plain limit.
    assert len(STAGE.deadlines) == 2
    assert 0 < STAGE.deadlines[0] <= 120 and 0 < STAGE.deadlines[1] <= 60


@pytest.mark.timeout(300, method="thread")
def test_doc_timeout_zero_means_no_watchdog(tmp_path, coder):
    """doc_timeout=0 arms nothing: a stage sees no deadline running."""
    pipeline, _settings, nlp = coder
    from eventwire.config import Settings
    import signal
    seen = []

    from spacy.language import Language
    name = "test_deadline_probe"
    if not Language.has_factory(name):
        Language.component(name, func=lambda doc: seen.append(
            signal.getitimer(signal.ITIMER_REAL)[0]) or doc)
    docs, _e, _ = _read([badinput.write_good(tmp_path)])
    nlp.add_pipe(name, last=True)
    try:
        coded = list(pipeline.code_documents(docs, Settings(doc_timeout=0), nlp=nlp))
    finally:
        nlp.remove_pipe(name)
    assert coded[0].error is None and seen == [0.0]


def _fire_from(where: str):
    """Call the watchdog's signal handler as if the alarm arrived in ``where``."""
    import gc
    import signal
    import sys
    from eventwire.pipeline import DocTimeout, DocWatchdog
    seen = {}

    def probe(frame):
        try:
            DocWatchdog._fire(signal.SIGALRM, frame)
            seen["outcome"] = "returned"
        except DocTimeout:
            seen["outcome"] = "raised"
        seen["refire"] = signal.setitimer(signal.ITIMER_REAL, 0)[0]   # disarm at once

    def in_gc_callback(phase, _info):
        if phase == "start" and not seen:
            probe(sys._getframe())

    class Finalised:
        def __del__(self):
            probe(sys._getframe())

    old = signal.signal(signal.SIGALRM, signal.SIG_IGN)  # a late re-fire must not kill pytest
    try:
        if where == "gc callback":
            gc.callbacks.append(in_gc_callback)
            try:
                gc.collect()
            finally:
                gc.callbacks.remove(in_gc_callback)
        elif where == "finaliser":
            Finalised()
        else:
            probe(sys._getframe())
    finally:
        signal.signal(signal.SIGALRM, old)
    return seen


@pytest.mark.parametrize("where, outcome", [
    ("coder", "raised"),
    # There the interpreter would print the DocTimeout as "ignored" and go on.
    ("gc callback", "returned"),
    ("finaliser", "returned"),
])
def test_watchdog_never_raises_where_the_interpreter_swallows_it(where, outcome):
    seen = _fire_from(where)
    assert seen["outcome"] == outcome
    assert 0 < seen["refire"] <= 0.5       # either way it fires again soon


# --------------------------------------------------------------------------------------
# 3. Whole batches through the CLI
# --------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    d = tmp_path_factory.mktemp("badbatch")
    paths = badinput.write_batch(d / "in")
    return d / "in", paths


def _error_lines(stderr: str):
    return [ln for ln in stderr.splitlines() if ln.startswith("eventwire: error:")]


def _check_cli_output(proc, batch_dir: Path, paths: dict):
    assert "Traceback" not in proc.stderr, proc.stderr[-3000:]
    names = {p.name for p in paths.values()}
    for line in _error_lines(proc.stderr):
        assert any(n in line for n in names), f"error line names no input file: {line}"
    for line in proc.stderr.splitlines():
        assert len(line) < 2000, f"an over-long stderr line: {line[:200]}..."
    n_err = len(_error_lines(proc.stderr))
    assert (proc.returncode != 0) == (n_err > 0), (proc.returncode, n_err, proc.stderr[-2000:])
    assert proc.returncode in range(0, 101), proc.returncode


@pytest.mark.slow
def test_code_batch_goes_on(batch, tmp_path):
    pytest.importorskip("eventwire.ingest")
    in_dir, paths = batch
    t0 = time.monotonic()
    proc = badinput.run_cli(["code", str(in_dir), "--published", PUBLISHED], timeout=200,
                            EVENTWIRE_DOC_TIMEOUT=DOC_TIMEOUT)
    print(f"eventwire code on the bad batch: rc={proc.returncode} in "
          f"{time.monotonic() - t0:.1f}s\n" + proc.stderr[-4000:])
    _check_cli_output(proc, in_dir, paths)
    import json
    records = [json.loads(x) for x in proc.stdout.splitlines() if x.strip()]
    # The good article is coded (its events are there) whatever its neighbours did.
    assert [r for r in records if str(r["doc"]["path"]).endswith("good.txt")], \
        "no event of the good article"


@pytest.mark.slow
def test_ingest_batch_writes_only_whole_documents(batch, tmp_path):
    pytest.importorskip("eventwire.store")
    pytest.importorskip("eventwire.cli.ingest")
    in_dir, paths = batch
    db = tmp_path / "bad.duckdb"
    t0 = time.monotonic()
    proc = badinput.run_cli(["ingest", str(in_dir), "--db", str(db), "--published", PUBLISHED],
                            timeout=200, EVENTWIRE_DOC_TIMEOUT=DOC_TIMEOUT)
    print(f"eventwire ingest on the bad batch: rc={proc.returncode} in "
          f"{time.monotonic() - t0:.1f}s\n" + proc.stderr[-4000:])
    _check_cli_output(proc, in_dir, paths)
    tables = badinput.read_tables(db)
    badinput.check_integrity(tables)
    docs = tables["documents"]
    good_id = _read([paths["good"]])[0][0].doc_id
    assert good_id in {r["doc_id"] for r in docs}, "the good article was not stored"
    # Nothing of the inputs that may not produce a document was stored.
    for name in badinput.NO_DOC:
        fname = paths[name].name
        assert not [r for r in docs if str(r.get("path") or "").endswith(fname)], name
