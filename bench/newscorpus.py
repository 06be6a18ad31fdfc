"""A synthetic news corpus assembled from real sentences (for the benchmarks only).

The text is read at run time from ../shared/seeds and ../shared/eval (never copied into
the package): the seed articles, the CASE 2021 test snippets, the ConfliBERT CAMEO
sentences and the PETRARCH2 GigaWord sample. Articles are recombined with a seeded
random generator: paragraphs are shuffled, and new paragraphs are built from 2-5 real
sentences/snippets, so the corpus can be made as large as needed without one text
repeating verbatim in the same shape.
"""
from __future__ import annotations

import csv
import datetime as _dt
import json
import os
import pathlib
import random
import re
import sys
from typing import Iterator

ROOT = pathlib.Path(__file__).resolve().parents[1]
SHARED = pathlib.Path(os.environ.get("EVENTWIRE_SHARED", ROOT.parent / "shared"))

_WS = re.compile(r"\s+")


def _clean(s: str) -> str:
    return _WS.sub(" ", s).strip()


def load_sentences(shared: pathlib.Path = SHARED) -> tuple[list[str], list[list[str]]]:
    """(snippets, seed_articles): real English news sentences/snippets and the seed
    articles as lists of paragraphs."""
    snippets: list[str] = []
    ev = shared / "eval"
    case = ev / "case2021" / "test_set_final_release_with_labels.tsv"
    if case.exists():
        csv.field_size_limit(sys.maxsize)
        with case.open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh, delimiter="\t"):
                if row.get("EventSnippet"):
                    snippets.append(_clean(row["EventSnippet"]))
    conf = ev / "conflibert_cameo" / "cameo_class" / "train.tsv"
    if conf.exists():
        for line in conf.read_text(encoding="utf-8").splitlines():
            text = line.rsplit("\t", 1)[0]
            if len(text) > 20:
                snippets.append(_clean(text))
    giga = ev / "petrarch2" / "GigaWord.sample.PETR.xml"
    if giga.exists():
        for m in re.finditer(r"<Text>(.*?)</Text>", giga.read_text(encoding="utf-8"), re.S):
            snippets.append(_clean(m.group(1)))
    seeds: list[list[str]] = []
    for p in sorted((shared / "seeds").glob("*.txt")):
        paras = [_clean(x) for x in p.read_text(encoding="utf-8").split("\n\n") if x.strip()]
        seeds.append(paras)
    snippets = [s for s in snippets if s]
    if not snippets and not seeds:
        raise SystemExit(f"no corpus text found under {shared}")
    return snippets, seeds


def articles(n: int | None = None, min_bytes: int | None = None, seed: int = 8,
             shared: pathlib.Path = SHARED) -> Iterator[dict]:
    """Yield article dicts (JSONL-input shape) until ``n`` articles or ``min_bytes``
    of text have been produced. Lazy: a 100k-article corpus is never held in memory."""
    snippets, seeds = load_sentences(shared)
    rng = random.Random(seed)
    day0 = _dt.date(2017, 1, 1)
    produced = size = 0
    while (n is None or produced < n) and (min_bytes is None or size < min_bytes):
        if seeds and produced % 10 == 0:
            paras = list(rng.choice(seeds))
            head, body = paras[:1], paras[1:]
            rng.shuffle(body)            # shuffled paragraph order
            paras = head + body
        else:
            paras = []
            for _ in range(rng.randint(3, 8)):   # recombined sentences
                paras.append(" ".join(rng.choice(snippets) for _ in range(rng.randint(1, 4))))
        text = "\n\n".join(paras)
        produced += 1
        size += len(text.encode("utf-8"))
        yield {"id": f"synthetic-{produced:07d}",
               "url": f"https://example.org/news/{produced:07d}",
               "title": paras[0][:80],
               "outlet": "synthetic",
               "published": (day0 + _dt.timedelta(days=produced % 365)).isoformat(),
               "text": text}


def write_jsonl(path: str | os.PathLike, n: int, seed: int = 8) -> int:
    """Write ``n`` synthetic articles to ``path``; returns the byte size."""
    with open(path, "w", encoding="utf-8") as fh:
        for art in articles(n=n, seed=seed):
            fh.write(json.dumps(art, ensure_ascii=False) + "\n")
    return os.path.getsize(path)
