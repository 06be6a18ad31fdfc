"""ingest -> clean -> nlp -> actors -> events -> time/place -> dedup: the whole run.

``code_documents`` is the one function every front end (CLI, API, Dask workers) calls.

Speed (issue 8). The spaCy parse dominates the cost, so the parser only sees the
sentences that can hold an event:

* a cheap regex splitter (``split_sentences``; it knows "U.S.", "Nov.", "Dr." ...) cuts
  the document into sentences;
* a sentence is a *candidate* when the actor resolver's ``has_actor`` and the event
  coder's ``has_event_cue`` both say yes (dictionary look-ups, no parse), or when it has
  an event cue and repeats a name of an earlier actor sentence (``refers_back``);
* the other sentences are *masked*: their characters become spaces (newlines are
  kept, so paragraphs stay paragraphs). spaCy turns each masked run into one
  whitespace token, so the parse costs about as much as the candidate sentences
  alone, and **every character offset the components produce is an offset of the
  original document text** — no remapping is needed, whatever span-bearing keys the
  components add;
* context that the later stages read from the text itself — dates of earlier
  sentences of the paragraph, place names — stays available: ``doc._.full_text``
  holds the unmasked text, and the time and place stages search that (regexes and
  gazetteer look-ups, no parse needed).

In prefilter mode ``sentence_index`` is the index of the event's sentence among the
splitter's sentences of the whole document (the parser never sees the whole document),
and span/sentence values are trimmed of mask whitespace. When the cheap checks are not
available (or user dictionaries are given that the checks cannot see), every sentence
is parsed. ``EVENTWIRE_PREFILTER=0`` (or ``prefilter=False``) turns the filter off.

Streaming: documents are consumed lazily and results are yielded in input order; at
most a small window of chunks is in flight, so memory does not grow with the corpus.
With ``n_process > 1`` the work runs in a pool of worker processes that each build the
pipeline once and return only the (small) event dicts, not serialised spaCy Docs. The
default, ``n_process=0``, uses the cores this process may run on, but only for inputs of
``AUTO_POOL_MIN_DOCS`` documents or more (``planned_processes``).
"""
from __future__ import annotations

import collections
import inspect
import itertools
import multiprocessing
import os
import re
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

from .config import Settings, default_settings
from .finish import finish_record, make_records  # noqa: F401 - (moved; an install made before the move names eventwire.pipeline:make_records as its spaCy entry point)
from .records import Document
from .textutil import ABBREVIATIONS, split_sentences  # noqa: F401 - (moved; imported from here before)


@dataclass
class CodedDocument:
    """A document and its coded event records (or the error that stopped it)."""

    document: Document
    events: list[dict] = field(default_factory=list)
    error: str | None = None

    def __repr__(self) -> str:
        err = f", error={self.error!r}" if self.error else ""
        return f"CodedDocument({self.document!r}, events=<{len(self.events)} record(s)>{err})"


# --------------------------------------------------------------------------------------
# Cheap sentence splitter
# --------------------------------------------------------------------------------------

# Date expressions kept visible in masked sentences (the date stage's context).
_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|"
          r"Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_DATE_EXPR = re.compile(
    r"\b(?:"
    rf"{_MONTH}(?:\s+\d{{1,2}}(?:st|nd|rd|th)?)?(?:,?\s+(?:1[89]|20)\d\d)?"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?:,?\s+(?:1[89]|20)\d\d)?"
    r"|(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
    r"|(?:yesterday|today|tonight|tomorrow)"
    r"|(?:last|next|this|earlier this|later this)\s+(?:week|month|year|weekend)"
    r"|\d{4}-\d\d-\d\d|\d{1,2}/\d{1,2}/\d{2,4}"
    r"|(?:in|since|until|by)\s+(?:1[89]|20)\d\d"
    r")\b", re.IGNORECASE)


# --------------------------------------------------------------------------------------
# The prefilter
# --------------------------------------------------------------------------------------

@dataclass
class Prefiltered:
    """A document after the prefilter: the text the parser sees, and its sentences."""

    masked: str                       # same length as the original text
    sentences: list[tuple[int, int]]  # all sentences of the original text
    kept: list[int]                   # indices of the candidate sentences

    @property
    def empty(self) -> bool:
        return not self.kept


def _call_with_extra(fn, extra_files):
    """Call a resolver factory with the user's extra files when it accepts them."""
    if not extra_files:
        return fn()
    try:
        params = inspect.signature(fn).parameters
    except (TypeError, ValueError):
        params = {}
    for name in ("extra_files", "files", "actor_files"):
        if name in params:
            return fn(**{name: list(extra_files)})
    return None


def find_cue_checks(nlp=None, settings: Settings | None = None
                    ) -> tuple[Callable[[str], bool], Callable[[str], bool]] | None:
    """(has_actor, has_event_cue) for the prefilter, or None (parse everything).

    Prefers the checks of the pipeline's own components (they know the user's extra
    dictionaries); falls back to the module-level ones, but only when no extra
    dictionary was given that those could miss.
    """
    settings = settings or default_settings()
    has_actor = has_cue = None
    if nlp is not None:
        try:
            comp = nlp.get_pipe("eventwire_actors")
            for obj in (comp, getattr(comp, "resolver", None)):
                if obj is not None and callable(getattr(obj, "has_actor", None)):
                    has_actor = obj.has_actor
                    break
        except (KeyError, AttributeError):
            pass
        try:
            comp = nlp.get_pipe("eventwire_events")
            for obj in (comp, getattr(comp, "coder", None)):
                if obj is not None and callable(getattr(obj, "has_event_cue", None)):
                    has_cue = obj.has_event_cue
                    break
        except (KeyError, AttributeError):
            pass
    if has_actor is None:
        try:
            from . import actors as _actors
            get_resolver = getattr(_actors, "get_resolver", None)
            if get_resolver is None:
                from .actors.resolver import get_resolver  # type: ignore
            resolver = _call_with_extra(get_resolver, settings.actor_files)
            if resolver is not None and callable(getattr(resolver, "has_actor", None)):
                has_actor = resolver.has_actor
        except Exception:  # not there yet, or broken: parse everything
            has_actor = None
    if has_cue is None:
        try:
            from .events import coder as _coder  # type: ignore
            fn = getattr(_coder, "has_event_cue", None)
            if callable(fn):
                if settings.pattern_files:
                    params = inspect.signature(fn).parameters
                    if "extra_files" in params:
                        files = list(settings.pattern_files)
                        has_cue = lambda text, _f=fn, _x=files: _f(text, extra_files=_x)  # noqa: E731
                else:
                    has_cue = fn
        except Exception:
            has_cue = None
    if has_actor is None or has_cue is None:
        return None
    return has_actor, has_cue


# A sentence that names no actor of its own can still hold an event of one named before:
# coreference resolves a surname or a short name ("Okafor said ...", "Mendez accused ...").
# Such a sentence is parsed when a capitalised word of an earlier actor sentence recurs in
# it. (Sentences whose only link back is a pronoun stay filtered: on the real-news dev half
# parsing them found nothing more, and they would cost about a tenth more parsing.)
_NAME_WORD = re.compile(r"(?<![\w'’-])[A-Z][a-z][\w'’-]+")
_CALENDAR = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
             "January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December"}


def name_words(sentence: str) -> set[str]:
    """Capitalised words of a sentence but its first (capitalised as the first) and the
    calendar's: the names an actor sentence gives for later sentences to refer back to."""
    first = len(sentence) - len(sentence.lstrip(" \n\"“‘'("))
    return {m.group() for m in _NAME_WORD.finditer(sentence) if m.start() > first} - _CALENDAR


def refers_back(sentence: str, named: set[str]) -> bool:
    """Does a sentence with no actor of its own repeat a name of an earlier actor
    sentence (a surname, a short name)?"""
    return any(w in named for w in _NAME_WORD.findall(sentence))


def _lead_cue() -> Callable[[str], bool] | None:
    try:
        from .events.leads import has_lead_cue
    except ImportError:   # (a stripped-down install without the events stage)
        return None
    return has_lead_cue


def prefilter_text(text: str, has_actor: Callable[[str], bool],
                   has_event_cue: Callable[[str], bool], keep_dates: bool = False,
                   has_lead: Callable[[str], bool] | None = None) -> Prefiltered:
    """Mask the sentences that cannot hold an event (offsets are preserved).

    ``keep_dates`` leaves the date expressions of masked sentences visible (for a
    date stage that reads only ``doc.text``; ours reads ``doc._.full_text``).
    ``has_lead``: a sentence it says yes to is kept even with no actor of its own (a
    passive legal act, "a man was arrested": its patient is often a person no
    dictionary knows; events/leads).
    """
    sentences = split_sentences(text)
    kept: list[int] = []
    chars = None
    named: set[str] = set()   # capitalised words of the sentences that name an actor
    for i, (s, e) in enumerate(sentences):
        sent = text[s:e]
        if has_event_cue(sent):
            if has_actor(sent):
                named.update(name_words(sent))
                kept.append(i)
                continue
            if named and refers_back(sent, named) or has_lead is not None and has_lead(sent):
                kept.append(i)
                continue
        elif has_actor(sent):
            named.update(name_words(sent))
        if chars is None:
            chars = list(text)
        keep = []
        if keep_dates:
            keep = [(m.start() + s, m.end() + s) for m in _DATE_EXPR.finditer(sent)]
        pos = s
        for ks, ke in keep + [(e, e)]:
            for j in range(pos, ks):
                if chars[j] != "\n":
                    chars[j] = " "
            pos = ke
    masked = text if chars is None else "".join(chars)
    return Prefiltered(masked, sentences, kept)


def _sentence_index(sentences: list[tuple[int, int]], pos: int) -> int | None:
    """Index of the sentence that contains character ``pos`` (binary search)."""
    lo, hi = 0, len(sentences)
    while lo < hi:
        mid = (lo + hi) // 2
        if sentences[mid][1] <= pos:
            lo = mid + 1
        else:
            hi = mid
    return lo if lo < len(sentences) else (len(sentences) - 1 if sentences else None)


def _trim_spans(obj, masked: str):
    """Trim mask whitespace off every ``span`` [start, end] found in ``obj``."""
    if isinstance(obj, dict):
        for k, v in obj.items():
            if k == "span" and isinstance(v, (list, tuple)) and len(v) == 2 \
                    and all(isinstance(x, int) for x in v):
                s, e = v
                while s < e and masked[s].isspace():
                    s += 1
                while e > s and masked[e - 1].isspace():
                    e -= 1
                obj[k] = [s, e]
            elif k != "chain":   # coreference chains point at antecedents anywhere in
                _trim_spans(v, masked)   # the document, masked sentences too: exact already
    elif isinstance(obj, list):
        for v in obj:
            _trim_spans(v, masked)


def fix_prefiltered_event(ev: dict, pf: Prefiltered, text: str) -> dict:
    """Make an event coded on a masked text read like one coded on the whole text."""
    _trim_spans(ev, pf.masked)
    anchor = None
    for key in ("verb", "source", "target"):
        span = (ev.get(key) or {}).get("span") if isinstance(ev.get(key), dict) else None
        if span:
            anchor = span[0]
            break
    if anchor is None and ev.get("span"):
        anchor = ev["span"][0]
    if anchor is not None:
        idx = _sentence_index(pf.sentences, anchor)
        if idx is not None:
            ev["sentence_index"] = idx
    sent = ev.get("sentence")
    if isinstance(sent, str) and sent != sent.strip():
        ev["sentence"] = sent.strip()
    if isinstance(sent, str) and "   " in sent and ev.get("sentence_index") is not None:
        # A date fragment of a masked neighbour was glued to the sentence: use the
        # splitter's sentence from the original text instead.
        s, e = pf.sentences[ev["sentence_index"]]
        ev["sentence"] = text[s:e]
    return ev


# --------------------------------------------------------------------------------------
# Coding a chunk of documents (in this process or in a worker)
# --------------------------------------------------------------------------------------

#: Documents per spaCy batch inside a worker (EVENTWIRE_PARSE_BATCH). Prefiltered
#: documents are short, and the parser and NER predict one step for a whole batch at
#: a time: about 48 articles per batch cost ~15-20% less CPU than 12.
PARSE_BATCH = int(os.environ.get("EVENTWIRE_PARSE_BATCH", "48"))
#: Mask only when at least this share of the text can be skipped; a denser document is
#: parsed whole (then its parse is exactly the unfiltered one, at no extra cost).
MIN_MASKED_SHARE = float(os.environ.get("EVENTWIRE_PREFILTER_MIN_SHARE", "0.15"))


def _prefilter_enabled(prefilter: bool | None) -> bool:
    if prefilter is not None:
        return bool(prefilter)
    return os.environ.get("EVENTWIRE_PREFILTER", "1").lower() not in ("0", "false", "no", "off")


_WARMED: set[int] = set()
_WARM_UP_TEXT = ("China's foreign minister met North Korea's envoy in Geneva on Tuesday, "
                 "officials said on March 3, 2017.")


def _warm_up(nlp) -> None:
    """Code one small text with no deadline, so the components' lazily loaded data
    (dictionaries, gazetteer) is not counted against, and cut by, the first doc_timeout."""
    if id(nlp) in _WARMED:
        return
    from .nlp import make_doc
    try:
        nlp(make_doc(nlp, _WARM_UP_TEXT, published="2017-03-03", doc_id="warm-up"))
    except Exception:  # noqa: BLE001 - the real documents will report the problem
        pass
    _WARMED.add(id(nlp))


class DocTimeout(BaseException):
    """A document ran past Settings.doc_timeout (BaseException: no component swallows it)."""


def _in_swallowing_frame(frame) -> bool:
    """Is ``frame`` (or a caller) a gc callback, a finaliser or an unraisable hook?

    An exception raised there never reaches the coder: the interpreter prints it as
    "Exception ignored in ..." and goes on, and a test runner's hook may fail on it.
    """
    import gc
    import sys
    codes = {getattr(cb, "__code__", None) for cb in gc.callbacks}
    hook = getattr(sys.unraisablehook, "__code__", None)
    depth = 0
    while frame is not None and depth < 64:
        code = frame.f_code
        if code in codes or code is hook or code.co_name in ("__del__", "unraisable_hook"):
            return True
        frame = frame.f_back
        depth += 1
    return False


class DocWatchdog:
    """Per-document deadline (Settings.doc_timeout) with SIGALRM (issue 9).

    Only where signals work: the main thread of a process (the CLI, pool workers);
    elsewhere (a server's worker threads) it does nothing, and neither does it when
    someone else's interval timer is running. ``arm(s)`` (re)starts the countdown.
    """

    def __init__(self, seconds):
        self.seconds = float(seconds or 0)
        self.active = False
        self._old = None

    def __enter__(self):
        import signal
        import threading
        if (self.seconds > 0 and hasattr(signal, "setitimer")
                and threading.current_thread() is threading.main_thread()
                and signal.getitimer(signal.ITIMER_REAL)[0] == 0):
            self._old = signal.signal(signal.SIGALRM, self._fire)
            self.active = True
        return self

    @staticmethod
    def _fire(signum, frame):
        import signal
        if _in_swallowing_frame(frame):
            # The interpreter would swallow the exception here (and report it as
            # "ignored"): try again as soon as this callback has returned.
            signal.setitimer(signal.ITIMER_REAL, 0.05)
            return
        # Fire again soon in case it is swallowed anyway; __exit__ disarms the re-fire.
        signal.setitimer(signal.ITIMER_REAL, 0.5)
        raise DocTimeout()

    def arm(self, seconds: float | None = None) -> None:
        if self.active:
            import signal
            signal.setitimer(signal.ITIMER_REAL, seconds or self.seconds)

    def __exit__(self, *exc):
        if self.active:
            import signal
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self._old if self._old is not None else signal.SIG_DFL)
            self.active = False
        return False


def _masked_share(pf: Prefiltered, text: str) -> float:
    if not text:
        return 0.0
    kept = sum(pf.sentences[i][1] - pf.sentences[i][0] for i in pf.kept)
    return 1.0 - kept / len(text)


class ChunkCoder:
    """Codes lists of documents with one pipeline; the same code runs in every worker."""

    def __init__(self, settings: Settings, nlp=None, prefilter: bool | None = None):
        from spacy.tokens import Doc
        from .nlp import get_pipeline
        if not Doc.has_extension("full_text"):
            Doc.set_extension("full_text", default=None)
        self.settings = settings
        self.nlp = nlp or get_pipeline(settings)
        self.checks = find_cue_checks(self.nlp, settings) if _prefilter_enabled(prefilter) else None
        if settings.doc_timeout and settings.doc_timeout > 0:
            _warm_up(self.nlp)

    def code(self, items: list[tuple]) -> list[tuple[list[dict], str | None]]:
        """items: (doc_id, text, published, title) -> [(events, error)] in order."""
        from .nlp import make_doc
        n = len(items)
        texts, pfs = [], []
        for _doc_id, text, _pub, _title in items:
            text = text[: self.settings.max_chars]
            pf = prefilter_text(text, *self.checks, has_lead=_lead_cue()) if self.checks else None
            if pf is not None and pf.kept and _masked_share(pf, text) < MIN_MASKED_SHARE:
                pf = None        # hardly anything to skip: parse it whole
            texts.append(text)
            pfs.append(pf)
        todo = [i for i in range(n) if pfs[i] is None or not pfs[i].empty]
        results: list[tuple[list[dict], str | None]] = [([], None)] * n

        def one_doc(i):
            _doc_id, _t, pub, title = items[i]
            masked = pfs[i] is not None and pfs[i].masked is not texts[i]
            doc = make_doc(self.nlp, pfs[i].masked if masked else texts[i], published=pub,
                           doc_id=items[i][0], title=title)
            if masked:
                doc._.full_text = texts[i]
            return doc

        def collect(i, sdoc):
            evs = [dict(e) for e in (sdoc._.events or [])]
            if pfs[i] is not None:
                evs = [fix_prefiltered_event(e, pfs[i], texts[i]) for e in evs]
            results[i] = (evs, None)

        timeout = self.settings.doc_timeout
        done: set[int] = set()
        try:
            with DocWatchdog(timeout) as wd:
                wd.arm(2 * timeout)  # the first doc also waits for the batch's parse
                batch = max(int(self.settings.batch_size or 1), PARSE_BATCH)
                sdocs = self.nlp.pipe((one_doc(i) for i in todo), batch_size=batch)
                for i, sdoc in zip(todo, sdocs):
                    collect(i, sdoc)
                    done.add(i)
                    wd.arm()
        except (Exception, DocTimeout):
            # One bad (or too slow) document must not sink its neighbours: redo one by one.
            for i in todo:
                if i in done:
                    continue
                try:
                    with DocWatchdog(timeout) as wd:
                        wd.arm()
                        collect(i, self.nlp(one_doc(i)))
                except DocTimeout:
                    results[i] = ([], f"timed out after {timeout:g} s (doc_timeout); skipped")
                except Exception as exc:  # noqa: BLE001 - reported per document
                    results[i] = ([], f"coding failed: {exc.__class__.__name__}: {exc}")
        return results


    def warm_up(self) -> None:
        """Code a short text once, so that every lazily loaded table (gazetteer, cue
        words, patterns, ...) is loaded now — before worker processes are forked from
        this one, which then share it instead of each loading it again."""
        text = ("Chinese Foreign Minister Wang Yi met Russian officials in Moscow on "
                "Monday, the ministry said. Police arrested protesters in Paris.")
        try:
            self.code([("warm-up", text, "2017-11-20", None)])
        except Exception:  # noqa: BLE001 - an optimisation only
            pass


_WORKER: dict = {}


def _worker_init(settings: Settings, prefilter) -> None:
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    coder = _WORKER.get("coder")          # inherited, warm, from the parent (fork)
    if coder is None:
        coder = _WORKER["coder"] = ChunkCoder(settings, _WORKER.get("nlp"), prefilter)


def _worker_code(items):
    return _WORKER["coder"].code(items)


#: With n_process=0 (automatic) a worker pool starts only for inputs of at least this
#: many documents: below it the pool's start-up (fork, warm-up of each worker) costs
#: more than the second core gives back.
AUTO_POOL_MIN_DOCS = int(os.environ.get("EVENTWIRE_AUTO_POOL_MIN_DOCS", str(2 * PARSE_BATCH)))


def available_cores() -> int:
    """The cores this process may run on (CPU affinity, e.g. under taskset or a
    container's cpuset), else the machine's count."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def planned_processes(settings: Settings) -> int:
    """Worker processes for ``settings`` (before the size of the input is known):
    ``n_process`` when set (>= 1), else the available cores; 1 where a pool cannot or
    should not be started (a daemonic process such as a Dask worker; a thread other
    than the main one, e.g. a web server's, where fork is unsafe)."""
    import threading
    n = int(settings.n_process or 0)
    if n < 1:
        n = available_cores()
    if n > 1 and (multiprocessing.current_process().daemon
                  or threading.current_thread() is not threading.main_thread()):
        n = 1
    return n


def keep_record(ev: dict, settings: Settings) -> bool:
    """Is the record news for this run? A hypothetical one (a condition, a question, "could
    sign", "whether they met") is not, unless ``settings.include_hypothetical``; nor an
    incomplete one, unless ``settings.include_incomplete``. Both stay on ``doc._.events``
    of the spaCy components."""
    if not settings.include_hypothetical and ev.get("modality") == "hypothetical":
        return False
    return settings.include_incomplete or complete(ev)


def complete(ev: dict) -> bool:
    """Has the record the actors its kind needs? Always a source; a target too, unless the
    root may be addressed to no one (codebook ``target``: statements, appeals, praise and
    criticism, rejections, protests, shows of force)."""
    from .events.codebook import get_codebook
    if not (ev.get("source") or {}).get("code"):
        return False
    return bool((ev.get("target") or {}).get("code")) or \
        (ev.get("cameo") or "")[:2] in get_codebook().target_optional


def _item(d: Document) -> tuple:
    return (d.doc_id, d.text, d.published, d.title)


def code_documents(documents: Iterable[Document], settings: Settings | None = None,
                   nlp=None, prefilter: bool | None = None) -> Iterator[CodedDocument]:
    """Code documents in order, lazily; non-English ones pass through with a note.

    ``documents`` may be any iterable (a generator over a 100k-article corpus is fine):
    it is read chunk by chunk and only a bounded window of chunks is held in memory.
    """
    settings = settings or default_settings()
    chunk_size = max(1, int(settings.batch_size or 12), PARSE_BATCH)
    n_proc = planned_processes(settings)
    if n_proc > 1 and int(settings.n_process or 0) < 1:
        # automatic: a small input is coded here, without a pool to start
        documents = iter(documents)
        head = list(itertools.islice(documents, AUTO_POOL_MIN_DOCS))
        if len(head) < AUTO_POOL_MIN_DOCS:
            n_proc = 1
        documents = itertools.chain(head, documents)

    # The queue holds, in input order, chunks of documents waiting for their results
    # (documents that need no coding ride along in their chunk).
    queue: collections.deque = collections.deque()
    pool = None
    coder = None
    if n_proc == 1:
        coder = ChunkCoder(settings, nlp, prefilter)
    else:
        methods = multiprocessing.get_all_start_methods()
        ctx = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
        if ctx.get_start_method() == "fork":
            # Build and warm the pipeline here once; the forked workers inherit it.
            parent = ChunkCoder(settings, nlp, prefilter)
            parent.warm_up()
            _WORKER["coder"] = parent
        pool = ctx.Pool(n_proc, initializer=_worker_init, initargs=(settings, prefilter))
    window = 2 * n_proc + 1

    def skip(d: Document) -> bool:
        if d.language and d.language != "en":
            d.notes.append(f"skipped by the English coder (language={d.language})")
            return True
        # Syndicated copies are linked to their original, not coded twice.
        return bool(d.duplicate_of)

    def submit(chunk):
        items = [_item(d) for d, skipped in chunk if not skipped]
        if pool is None:
            return ("sync", chunk, coder.code(items) if items else [])
        timeout = max(60.0, float(settings.doc_timeout or 60.0) * max(1, len(items))) * 2
        return ("async", chunk, (pool.apply_async(_worker_code, (items,)), timeout))

    def results(kind, chunk, res):
        if kind == "sync":
            return res
        job, timeout = res
        try:
            return job.get(timeout=timeout)
        except multiprocessing.TimeoutError:
            n = sum(1 for _d, skipped in chunk if not skipped)
            return [([], f"coding timed out after {timeout:.0f}s")] * n

    def drain(block_until: int):
        """Yield finished chunks from the front while more than block_until chunks wait."""
        while queue:
            kind, chunk, res = queue[0]
            if kind == "async" and not res[0].ready() and len(queue) <= block_until:
                return
            queue.popleft()
            out = iter(results(kind, chunk, res))
            for d, skipped in chunk:
                if skipped:
                    yield CodedDocument(d)
                else:
                    evs, err = next(out)
                    yield CodedDocument(d, [finish_record(e, d) for e in evs
                                            if keep_record(e, settings)], err)

    try:
        chunk: list[tuple[Document, bool]] = []
        n_codable = 0
        for d in documents:
            skipped = skip(d)
            chunk.append((d, skipped))
            n_codable += not skipped
            if n_codable >= chunk_size or len(chunk) >= 4 * chunk_size:
                queue.append(submit(chunk))
                chunk, n_codable = [], 0
                yield from drain(window if pool is not None else 0)
        if chunk:
            queue.append(submit(chunk))
        yield from drain(-1)
    finally:
        if pool is not None:
            pool.terminate()
            pool.join()
            _WORKER.pop("coder", None)
