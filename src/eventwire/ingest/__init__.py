"""Ingestion: files, feeds, WARC, JSONL -> Document (stub until issue 2 lands)."""
from __future__ import annotations

import os
import sys
from typing import Iterator

from ..errors import InputError
from ..records import Document


def read_inputs(paths, published=None, on_error=None) -> Iterator[Document]:
    seen = set()
    for path in paths:
        files = [path]
        if path != "-" and os.path.isdir(path):
            files = sorted(os.path.join(r, f) for r, _, fs in os.walk(path) for f in fs)
        for f in files:
            try:
                raw = sys.stdin.read() if f == "-" else open(f, encoding="utf-8").read()
            except (OSError, UnicodeDecodeError) as exc:
                if on_error:
                    on_error(InputError(f, str(exc)))
                continue
            doc = Document.from_text(raw, path=f, published=published, language="en",
                                     source_format="txt")
            if doc.doc_id in seen:
                continue
            seen.add(doc.doc_id)
            yield doc
