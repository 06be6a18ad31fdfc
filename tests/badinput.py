"""Generator of the bad-input corpus (issue 9), written at test time into a tmp dir.

Nothing big is committed: every case is produced here from a few lines of code, so
the 50 MB HTML file or the 100k-deep nesting exist only inside ``tmp_path``.

    from badinput import CASES, write_case, write_batch, GOOD_TEXT
    path = write_case("binary", tmp_path)          # -> tmp_path / "binary.txt"
    paths = write_batch(tmp_path / "batch")        # every case + one good article

Each case says what a correct reader may do with it (``Case.expect``):

- ``"none"``: no document may come out (an error line naming the file, or a clean skip);
- ``"doc_or_error"``: either a document whose text keeps the ``must_contain`` words
  (so a wrong decoding such as UTF-16 read as latin-1 is caught), or an error line;
- ``"any"``: anything but a crash or a hang (documents, errors or a skip);
- ``"doc"``: a document that keeps the ``must_contain`` words, and no error (input we
  must read despite its flaw: stray bytes, deep nesting);
- ``"doc_and_error"``: the good part as a document (``must_contain``) *and* an error
  line for the bad part (a deep JSONL line, a WARC cut inside a record's headers).
"""
from __future__ import annotations

import gzip
import io
import json
import os
import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

# An original short article (written for these tests; not copied from anywhere).
GOOD_TITLE = "Envoys meet in Geneva over border talks"
GOOD_TEXT = (
    "Envoys meet in Geneva over border talks\n\n"
    "GENEVA, March 3 (Eventwire Test Desk) - China's foreign minister met North Korea's "
    "envoy in Geneva on Tuesday to discuss the stalled border talks, officials said.\n\n"
    "The two delegations agreed to hold another round of negotiations next month, "
    "according to a statement released by the Chinese foreign ministry.\n\n"
    "South Korea welcomed the meeting and urged both sides to keep talking."
)

# Words any correct decoding keeps (ASCII, so every encoding below can carry them).
KEY_WORDS = ("Seoul", "minister", "talks")

ENCODED_TEXT = (
    "Ministers met in Seoul \u2014 \u201cthe talks went well\u201d, the minister said.\n\n"
    "The caf\u00e9 owner in Seoul, Jos\u00e9 N\u00fa\u00f1ez, said the talks were na\u00efve "
    "but the minister\u2019s visit cost \u20ac5,000."
)
LATIN1_TEXT = (
    "Ministers met in Seoul for talks, the minister said.\n\n"
    "The caf\u00e9 owner Jos\u00e9 N\u00fa\u00f1ez said the talks in Seoul were "
    "na\u00efve; the minister \u00e0 la fran\u00e7aise disagreed (\u00a7 12, \u00b0C)."
)


@dataclass
class Case:
    name: str
    filename: str
    make: Callable[[Path], None]
    expect: str = "any"                 # none | doc_or_error | any
    must_contain: tuple = ()
    big: bool = False                   # skipped by quick runs
    notes: str = ""
    kwargs: dict = field(default_factory=dict)


def _rng(seed=0):
    return random.Random(seed)


# --- generators ---------------------------------------------------------------------

def _binary(p: Path):
    r = _rng(1)
    # A PNG-looking header, NULs, and 64 KiB of noise.
    p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(512) + r.randbytes(64 * 1024))


def _binary_html(p: Path):
    r = _rng(2)
    p.write_bytes(b"\x00\x01\x02\xff\xfe" + r.randbytes(32 * 1024))


def _empty(p: Path):
    p.write_bytes(b"")


def _whitespace(p: Path):
    p.write_bytes(b"   \n\n\t\t\r\n  \xc2\xa0 \n\n")


def _huge_line(p: Path, mb: int = 8):
    # One line, no newline at all, no sentence end: ~mb MiB.
    words = b"border talks envoy minister Seoul Beijing met agreed "
    n = (mb * 1024 * 1024) // len(words) + 1
    with open(p, "wb") as fh:
        fh.write(b"Officials said ")
        for _ in range(n // 1024):
            fh.write(words * 1024)


def _big_html(p: Path, mb: int = 50):
    head = (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>"
        f"{GOOD_TITLE}</title></head><body><nav><ul>"
        + "".join(f"<li><a href='/s/{i}'>Section {i}</a></li>" for i in range(50))
        + "</ul></nav><article><h1>Big page</h1>"
        "<p>China's foreign minister met North Korea's envoy in Geneva on Tuesday.</p>"
        "</article>"
    ).encode()
    row = (
        "<div class='c'><p>Comment: the minister said the talks in Seoul were "
        "productive and both delegations agreed to meet again.</p>"
        "<span>share</span><a href='/x'>reply</a></div>\n"
    ).encode()
    target = mb * 1024 * 1024
    with open(p, "wb") as fh:
        fh.write(head)
        written = len(head)
        block = row * 512
        while written < target:
            fh.write(block)
            written += len(block)
        fh.write(b"</body></html>")


def _cp1252(p: Path):
    p.write_bytes(ENCODED_TEXT.encode("cp1252"))


def _latin1(p: Path):
    p.write_bytes(LATIN1_TEXT.encode("latin-1"))


def _latin1_html(p: Path):
    html = (
        "<html><head><meta http-equiv='Content-Type' content='text/html; charset=iso-8859-1'>"
        "<title>Talks in Seoul</title></head><body><article>"
        + "".join(f"<p>{para}</p>" for para in LATIN1_TEXT.split("\n\n"))
        + "</article></body></html>"
    )
    p.write_bytes(html.encode("latin-1"))


def _utf16(p: Path):
    p.write_bytes(ENCODED_TEXT.encode("utf-16"))  # with BOM


def _utf16_html(p: Path):
    html = ("<html><head><title>Talks in Seoul</title></head><body><article>"
            + "".join(f"<p>{para}</p>" for para in ENCODED_TEXT.split("\n\n"))
            + "</article></body></html>")
    p.write_bytes(html.encode("utf-16"))


MIXED = (
    "Ministers met in Seoul for talks. \u041c\u0438\u043d\u0438\u0441\u0442\u0440 "
    "\u0432\u0441\u0442\u0440\u0435\u0442\u0438\u043b\u0441\u044f \u0441 \u043f\u043e\u0441\u043b\u043e\u043c. "
    "\u0627\u0644\u0648\u0632\u064a\u0631 \u0627\u0644\u062a\u0642\u0649 \u0627\u0644\u0633\u0641\u064a\u0631. "
    "\u5916\u4ea4\u90e8\u957f\u4f1a\u89c1\u4e86\u671d\u9c9c\u7279\u4f7f\u3002 "
    "\u092e\u0902\u0924\u094d\u0930\u0940 \u0928\u0947 \u0926\u0942\u0924 \u0938\u0947 "
    "\u092e\u0941\u0932\u093e\u0915\u093e\u0924 \u0915\u0940\u0964 "
    "\U0001F1F0\U0001F1F7\U0001F91D\U0001F1E8\U0001F1F3 \u200f\u202e reversed \u202c\u200d"
    " e\u0301\u0301\u0301 \ufeff zero\u200bwidth the minister said the talks in Seoul went well.\n\n"
    "China met North Korea in Pyongyang. \U00010348\U0001D11E \uFFFD \u00A0\u3000 end."
)


def _mixed(p: Path):
    p.write_bytes(MIXED.encode("utf-8"))


def _invalid_utf8(p: Path):
    good = "Ministers met in Seoul for talks, the minister said.".encode()
    bad = (b" \xff\xfe broken \xc0\xaf overlong \x80 lone \xed\xa0\x80 surrogate "
           b"\xf4\x90\x80\x80 too-big \xe2\x82 truncated ")
    p.write_bytes(good + bad + b"\n\n" + good + b"\n\nMore talks in Seoul \xc3")


def _malformed_rss(p: Path):
    p.write_bytes(
        b"<?xml version='1.0' encoding='utf-8'?>\n<rss version='2.0'><channel>"
        b"<title>Broken feed &nbsp; &bogus;</title>"
        b"<item><title>First <b>unclosed</title><link>http://example.test/1"
        b"<description><![CDATA[The minister met the envoy in Seoul for talks."
        b"<item><title>Second</title><pubDate>not a date at all</pubDate>"
        b"<description>\x00\x01 control chars"
    )


def _not_a_feed(p: Path):
    p.write_bytes(b"<?xml version='1.0'?><root><x>no feed here</y></root")


def _warc_bytes(n_records: int = 3, gz: bool = True) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gz)
    for i in range(n_records):
        html = (f"<html><head><title>Talks {i}</title></head><body><article>"
                f"<p>The minister met the envoy in Seoul for talks, round {i}. "
                + "The delegations agreed to meet again next month. " * 20
                + "</p></article></body></html>").encode()
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                protocol="HTTP/1.1")
        rec = writer.create_warc_record(f"http://example.test/article/{i}", "response",
                                        payload=io.BytesIO(html), http_headers=http)
        writer.write_record(rec)
    return buf.getvalue()


def _truncated_warc_gz(p: Path):
    data = _warc_bytes(3, gz=True)
    p.write_bytes(data[: int(len(data) * 0.6)])


def _truncated_warc(p: Path):
    data = _warc_bytes(3, gz=False)
    p.write_bytes(data[: int(len(data) * 0.6)])


def _not_gzip_warc(p: Path):
    p.write_bytes(b"this is not gzip at all, nor a WARC\r\n" + _rng(5).randbytes(2000))


def _truncated_gzip_jsonl(p: Path):
    line = json.dumps({"id": "gz1", "text": "The minister met the envoy in Seoul."}) + "\n"
    data = gzip.compress((line * 200).encode())
    p.write_bytes(data[: len(data) // 2])


BROKEN_JSONL_LINES = [
    json.dumps({"id": "ok-1", "url": "http://example.test/ok-1", "title": "Talks",
                "published": "2017-11-20",
                "text": "China's foreign minister met North Korea's envoy in Seoul on Monday."}),
    '{"id": "bad-2", "text": "unterminated string',
    "[1, 2, 3]",
    json.dumps({"id": "no-text-4"}),
    json.dumps({"id": "wrong-type-5", "text": 12345}),
    json.dumps({"id": "bad-date-6", "text": "The minister met the envoy in Seoul.",
                "published": "not a date"}),
    "",
    "null",
    "\x00\x00\x00",
    json.dumps({"id": "html-10", "html": "<html><body><p>The envoy visited Seoul for "
                "talks with the minister.</p></body></html>", "published": "2017-11-21"}),
    json.dumps({"id": "nested-11", "text": {"deep": [[[[["x"]]]]]}}),
    "{" * 5000,
    json.dumps({"id": "ok-13", "url": "http://example.test/ok-13",
                "text": "South Korea welcomed the talks between the two envoys in Geneva."}),
]


def _broken_jsonl(p: Path):
    p.write_bytes(("\n".join(BROKEN_JSONL_LINES) + "\n").encode("utf-8") + b"\xff\xfe\n")


def _scripts_only(p: Path):
    p.write_bytes((
        "<!DOCTYPE html><html><head><title></title>"
        "<script>var a = '<p>The minister met the envoy.</p>'; document.write(a);</script>"
        "<style>p { color: red }</style></head><body>"
        "<script src='app.js'></script><noscript>Enable JavaScript</noscript>"
        "<iframe src='http://example.test/embed'></iframe>"
        "<iframe srcdoc='<p>The minister met the envoy in Seoul.</p>'></iframe>"
        "<script>" + "x = 1;\n" * 2000 + "</script></body></html>").encode())


def _nested_html(p: Path, depth: int = 100_000):
    p.write_bytes(
        b"<html><head><title>Deep</title></head><body>" + b"<div>" * depth
        + b"<p>The minister met the envoy in Seoul for talks.</p>"
        + b"</div>" * depth + b"</body></html>")


def _long_sentence(p: Path, words: int = 50_000):
    r = _rng(3)
    vocab = ["the", "minister", "met", "China", "North Korea", "envoy", "and", "said",
             "that", "Seoul", "talks", "which", "Beijing", "officials", "agreed", "with",
             "Russia", "United States", "criticized", "sanctions", "of", "on", "in"]
    body = " ".join(r.choice(vocab) for _ in range(words))
    p.write_text("A very long sentence\n\nThe minister said " + body + ".\n", encoding="utf-8")


def _no_sentences(p: Path):
    r = _rng(4)
    chunks = []
    for _ in range(4000):
        chunks.append(r.choice(["123", "4.56", ",", ";", "---", "!!!", "...", "(", ")",
                                "%", "$", "0", "2017-11-22", "#", "*", "|", "+/-", "\u2026"]))
    text = " ".join(chunks)
    p.write_text(text + "\n\n" + " ".join(chunks[:500]) + "\n", encoding="utf-8")


# --- issue 19 ---------------------------------------------------------------------------

def _stray_byte_utf8(p: Path):
    """UTF-8 with curly quotes and one stray byte (was refused as 'undecodable')."""
    text = ("Ministers met in Seoul for talks \u2014 \u201cthe talks went well\u201d, the "
            "minister said.\n\nThe minister\u2019s aide called the visit \u2018useful\u2019.")
    raw = text.encode("utf-8")
    cut = raw.index(b"aide")
    p.write_bytes(raw[:cut] + b"\x81" + raw[cut:])


def _deep_html(p: Path, depth: int = 300):
    """Nested past libxml2's 256 levels (its text was lost)."""
    p.write_bytes(
        b"<html><head><title>Talks in Seoul</title></head><body>" + b"<div>" * depth
        + b"<p>The minister met the envoy in Seoul for talks on Monday, officials said.</p>"
        + b"</div>" * depth + b"</body></html>")


def _deep_jsonl(p: Path):
    """A 2 KB line nested 1,000 deep between good ones (RecursionError stopped the run)."""
    good = [json.dumps({"id": f"deep-ok-{i}", "text": f"The minister met the envoy in Seoul "
                        f"for talks, round {i}."}) for i in range(2)]
    p.write_text("\n".join([good[0], "[" * 1000 + "]" * 1000, good[1]]) + "\n", encoding="utf-8")


def _warc_cut_in_headers(p: Path):
    """Ends inside the WARC headers of its last record (lost silently)."""
    data = _warc_bytes(2, gz=False)
    p.write_bytes(data[: data.rindex(b"WARC/1.0") + 60])


def _warc_two_bytes(p: Path):
    """Two bytes warcio reads as one empty record: neither a page nor an error."""
    p.write_bytes(b"\n\x00")


CASES: dict[str, Case] = {c.name: c for c in [
    Case("binary", "binary.txt", _binary, "none"),
    Case("binary_html", "binary.html", _binary_html, "none"),
    Case("empty", "empty.txt", _empty, "none"),
    Case("empty_html", "empty.html", _empty, "none"),
    Case("empty_jsonl", "empty.jsonl", _empty, "none"),
    Case("whitespace", "whitespace.txt", _whitespace, "none"),
    Case("huge_line", "huge_line.txt", _huge_line, "any", big=True),
    Case("html_50mb", "big.html", _big_html, "any", big=True),
    Case("cp1252", "cp1252.txt", _cp1252, "doc_or_error", KEY_WORDS),
    Case("latin1", "latin1.txt", _latin1, "doc_or_error", KEY_WORDS),
    Case("latin1_html", "latin1.html", _latin1_html, "doc_or_error", KEY_WORDS),
    Case("utf16_bom", "utf16_bom.txt", _utf16, "doc_or_error", KEY_WORDS),
    Case("utf16_html", "utf16_bom.html", _utf16_html, "doc_or_error", KEY_WORDS),
    Case("mixed_scripts", "mixed_scripts.txt", _mixed, "doc_or_error", KEY_WORDS),
    Case("invalid_utf8", "invalid_utf8.txt", _invalid_utf8, "doc_or_error", KEY_WORDS),
    Case("malformed_rss", "malformed.rss", _malformed_rss, "any"),
    Case("not_a_feed", "not_a_feed.xml", _not_a_feed, "any"),
    Case("truncated_warc_gz", "truncated.warc.gz", _truncated_warc_gz, "any"),
    Case("truncated_warc", "truncated.warc", _truncated_warc, "any"),
    Case("not_gzip_warc", "not_gzip.warc.gz", _not_gzip_warc, "none"),
    Case("truncated_gzip_jsonl", "truncated.jsonl.gz", _truncated_gzip_jsonl, "any"),
    Case("broken_jsonl", "broken.jsonl", _broken_jsonl, "any"),
    Case("scripts_only", "scripts_only.html", _scripts_only, "any"),
    Case("nested_html", "nested.html", _nested_html, "any"),
    Case("long_sentence", "long_sentence.txt", _long_sentence, "any"),
    Case("no_sentences", "numbers.txt", _no_sentences, "any"),
    Case("stray_byte_utf8", "stray_byte.txt", _stray_byte_utf8, "doc",
         KEY_WORDS + ("\u201cthe talks went well\u201d", "\u2019s")),
    Case("deep_html", "deep.html", _deep_html, "doc", ("minister met the envoy in Seoul",)),
    Case("deep_jsonl", "deep.jsonl", _deep_jsonl, "doc_and_error", ("round 0", "round 1")),
    Case("warc_cut_in_headers", "cut_in_headers.warc", _warc_cut_in_headers, "doc_and_error",
         ("round 0",)),
    Case("warc_two_bytes", "two_bytes.warc", _warc_two_bytes, "none"),
]}

# Cases whose inputs must produce no document at all.
NO_DOC = [n for n, c in CASES.items() if c.expect == "none"]


def write_case(name: str, directory: Path, **kw) -> Path:
    """Write one case into ``directory``; ``kw`` overrides sizes (mb=, depth=, words=)."""
    case = CASES[name]
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / case.filename
    case.make(path, **kw) if kw else case.make(path)
    return path


def write_good(directory: Path, name: str = "good.txt") -> Path:
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / name
    path.write_text(GOOD_TEXT + "\n", encoding="utf-8")
    return path


def write_batch(directory: Path, include_big: bool = True, big_html_mb: int = 50) -> dict:
    """Every case plus ``good.txt`` in one directory; returns {case name: path}."""
    paths = {}
    for name, case in CASES.items():
        if case.big and not include_big:
            continue
        kw = {"mb": big_html_mb} if name == "html_50mb" else {}
        paths[name] = write_case(name, directory, **kw)
    paths["good"] = write_good(directory)
    return paths


def write_articles(directory: Path, n: int = 20, seed: int = 0) -> list[Path]:
    """``n`` small original articles (txt) for crash/concurrency tests."""
    r = random.Random(seed)
    actors = ["China", "North Korea", "South Korea", "Japan", "Russia", "the United States",
              "Iran", "Israel", "France", "Germany", "Turkey", "Syria", "Ukraine", "India"]
    verbs = ["met", "criticized", "praised", "accused", "threatened", "visited",
             "sanctioned", "signed an agreement with", "held talks with", "condemned"]
    cities = ["Geneva", "Beijing", "Seoul", "Moscow", "Paris", "Ankara", "Tokyo", "Delhi"]
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(n):
        paras = [f"Report number {i}: officials meet in {r.choice(cities)}"]
        for j in range(4):
            a, b = r.sample(actors, 2)
            day = r.choice(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"])
            paras.append(f"{a[0].upper() + a[1:]} {r.choice(verbs)} {b} in "
                         f"{r.choice(cities)} on {day}, officials said in statement {i}-{j}.")
        p = directory / f"article_{i:02d}.txt"
        p.write_text("\n\n".join(paras) + "\n", encoding="utf-8")
        out.append(p)
    return out


def make_fifo(directory: Path, name: str = "fifo.txt") -> Path | None:
    """A named pipe: opening it for reading blocks forever unless the reader skips it."""
    path = Path(directory) / name
    try:
        os.mkfifo(path)
    except (AttributeError, OSError):
        return None
    return path


# --- helpers shared by the reliability tests ------------------------------------------

def cli_command(*args) -> list[str]:
    import sys
    return [sys.executable, "-c", "import sys; from eventwire.cli import main; sys.exit(main())",
            *map(str, args)]


def cli_env(**extra) -> dict:
    env = dict(os.environ)
    env.setdefault("OMP_NUM_THREADS", "1")
    env["PYTHONUNBUFFERED"] = "1"
    env.update({k: str(v) for k, v in extra.items()})
    return env


def run_cli(args, timeout: float = 120, **env):
    """Run ``eventwire ARGS`` in a subprocess (bounded); returns CompletedProcess (text)."""
    import subprocess
    return subprocess.run(cli_command(*args), capture_output=True, text=True,
                          errors="replace", timeout=timeout, env=cli_env(**env),
                          stdin=subprocess.DEVNULL)


TABLES = ("documents", "mentions", "events")
_VOLATILE = ("_at", "ingested", "created", "updated", "timestamp", "elapsed", "seconds")


def read_tables(db, tables=TABLES) -> dict:
    """{table: [row dicts]} plus {"_types": {table: {col: type}}}; opened read-only."""
    import duckdb
    out: dict = {"_types": {}}
    con = duckdb.connect(str(db), read_only=True)
    try:
        present = {r[0] for r in con.execute(
            "SELECT table_name FROM information_schema.tables").fetchall()}
        for t in tables:
            if t not in present:
                out[t] = []
                out["_types"][t] = {}
                continue
            cur = con.execute(f'SELECT * FROM "{t}"')
            cols = [d[0] for d in cur.description]
            out[t] = [dict(zip(cols, row)) for row in cur.fetchall()]
            out["_types"][t] = {r[0]: str(r[1]) for r in con.execute(f'DESCRIBE "{t}"').fetchall()}
    finally:
        con.close()
    return out


def _volatile(col: str, typ: str) -> bool:
    c = col.lower()
    return "TIMESTAMP" in typ.upper() or any(v in c for v in _VOLATILE)


def _norm(v):
    import json as _json
    if isinstance(v, (dict, list, tuple)):
        return _json.dumps(v, sort_keys=True, default=str)
    if isinstance(v, str) and v[:1] in "{[":
        try:
            return _json.dumps(_json.loads(v), sort_keys=True, default=str)
        except ValueError:
            return v
    if isinstance(v, float):
        return round(v, 9)
    return v if v is None or isinstance(v, (int, str, bool)) else str(v)


def comparable(tables: dict) -> dict:
    """Sorted rows of each table without timestamp-like columns (for run-vs-run equality)."""
    out = {}
    for t in TABLES:
        types = tables["_types"].get(t, {})
        rows = []
        for r in tables.get(t, []):
            rows.append(tuple(sorted((k, _norm(v)) for k, v in r.items()
                                     if not _volatile(k, types.get(k, "")))))
        out[t] = sorted(rows, key=repr)
    return out


# Mention columns that finalize (dedup, stories) fills in after the document's own
# transaction: they may lag behind after a kill, until the next run's finalize.
FINALIZE_COLUMNS = ("canonical_event_id", "story_id")


def mentions_by_doc(tables: dict) -> dict:
    rows = [{k: v for k, v in r.items() if k not in FINALIZE_COLUMNS} for r in tables["mentions"]]
    comp = comparable({"_types": tables["_types"], "documents": [], "events": [],
                       "mentions": rows})["mentions"]
    by: dict = {}
    for row in comp:
        by.setdefault(dict(row).get("doc_id"), []).append(row)
    return {k: sorted(v, key=repr) for k, v in by.items()}


def check_integrity(tables: dict, baseline: dict | None = None) -> None:
    """No orphan mentions, no duplicate documents; with a baseline (a complete run on
    the same inputs): every stored document is whole, i.e. has exactly its mentions."""
    doc_ids = [r["doc_id"] for r in tables["documents"]]
    assert len(doc_ids) == len(set(doc_ids)), "a document stored twice"
    doc_set = set(doc_ids)
    orphans = [r for r in tables["mentions"] if r.get("doc_id") not in doc_set]
    assert not orphans, f"{len(orphans)} orphan mentions (doc_id not in documents)"
    counts: dict = {}
    for r in tables["mentions"]:
        counts[r["doc_id"]] = counts.get(r["doc_id"], 0) + 1
    for r in tables["documents"]:  # the store records how many mentions a document has
        if r.get("n_mentions") is not None:
            assert counts.get(r["doc_id"], 0) == r["n_mentions"], \
                f"document {r['doc_id']}: {counts.get(r['doc_id'], 0)} of {r['n_mentions']} mentions"
    if baseline is not None:
        base_docs = {r["doc_id"] for r in baseline["documents"]}
        assert doc_set <= base_docs, "documents that a complete run does not have"
        got, want = mentions_by_doc(tables), mentions_by_doc(baseline)
        for d in doc_set:
            assert got.get(d, []) == want.get(d, []), \
                f"document {d} is half-written: {len(got.get(d, []))} of {len(want.get(d, []))} mentions"


# --- a real server in a subprocess ------------------------------------------------------

def free_port() -> int:
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """``eventwire serve`` on 127.0.0.1 in a subprocess (context manager)."""

    def __init__(self, db, token: str | None = None, enable_sql: bool = False,
                 args=(), startup_timeout: float = 90):
        import subprocess
        import time
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        cmd = cli_command("serve", "--db", str(db), "--host", "127.0.0.1",
                          "--port", str(self.port), *args)
        if enable_sql:
            cmd.append("--enable-sql")
        env = cli_env()
        env.pop("EVENTWIRE_TOKEN", None)
        if token:
            env["EVENTWIRE_TOKEN"] = token
        self.log = open(os.path.join(os.path.dirname(str(db)), f"server-{self.port}.log"), "w+")
        self.proc = subprocess.Popen(cmd, stdout=self.log, stderr=subprocess.STDOUT, env=env,
                                     stdin=subprocess.DEVNULL)
        import httpx
        deadline = time.monotonic() + startup_timeout
        while True:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited: {self.output()[-2000:]}")
            try:
                httpx.get(self.url + "/api/health", timeout=2)
                break
            except httpx.HTTPError:
                if time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError(f"server did not start: {self.output()[-2000:]}")
                time.sleep(0.1)

    def output(self) -> str:
        self.log.flush()
        self.log.seek(0)
        return self.log.read()

    def stop(self) -> None:
        import subprocess
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()
        self.log.close()
        return False
