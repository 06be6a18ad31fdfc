"""Where an export goes: stdout, a file, a file prefix or a directory."""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass

# The file an export writes for each format when ``--out`` is a directory or a prefix.
# GDELT names its files ``<stamp>.export.CSV`` and ``<stamp>.mentions.CSV``
# (tab-separated in spite of the name): so do we.
SUFFIXES = {"jsonl": ".jsonl", "csv": ".csv", "parquet": ".parquet",
            "gdelt": ".export.CSV", "gdelt-ext": ".export.CSV", "polecat": ".polecat.tsv"}
MENTIONS_SUFFIX = ".mentions.CSV"
DEFAULT_STEM = "eventwire"


class Written(int):
    """The number of rows written (an int), with ``paths`` (the files written; empty for
    stdout) and ``left_out`` ({reason: rows}) for rows a format cannot hold."""

    paths: list
    left_out: dict

    def __new__(cls, n: int = 0, paths=None, left_out=None):
        self = super().__new__(cls, n)
        self.paths = [p for p in (paths or []) if p not in (None, "-")]
        self.left_out = dict(left_out or {})
        return self

    def __str__(self) -> str:
        return int.__repr__(self)

    def __repr__(self) -> str:
        extra = f", left_out={self.left_out!r}" if self.left_out else ""
        return f"Written({int(self)}, paths={self.paths!r}{extra})"


@dataclass
class Outputs:
    main: str | None          # None: stdout
    mentions: str | None      # GDELT's Mentions file (None: not written)


def mentions_path(out: str) -> str:
    """Where the GDELT Mentions file goes next to ``out``: ``events.tsv`` ->
    ``events.mentions.tsv``, ``20171122.export.CSV`` -> ``20171122.mentions.CSV``."""
    if out.endswith(".export.CSV"):
        return out[: -len(".export.CSV")] + MENTIONS_SUFFIX
    root, ext = os.path.splitext(out)
    return f"{root}.mentions{ext or '.tsv'}"


def output_paths(out: str | os.PathLike | None, fmt: str, mentions_out=None) -> Outputs:
    """Resolve ``--out`` for ``fmt``:

    - None or ``-``: stdout (GDELT Mentions only with ``mentions_out``);
    - an existing directory, or a path ending in ``/``: ``DIR/eventwire<suffix>``
      (``DIR/eventwire.export.CSV`` + ``DIR/eventwire.mentions.CSV`` for GDELT);
    - a file name with an extension (``events.tsv``): that file (+ ``events.mentions.tsv``);
    - anything else is a prefix: ``out/run1`` -> ``out/run1.export.CSV`` + ...
    """
    gdelt = fmt in ("gdelt", "gdelt-ext")
    if out in (None, "-"):
        return Outputs(None, str(mentions_out) if (gdelt and mentions_out) else None)
    out = os.fspath(out)
    if out.endswith(("/", os.sep)) or os.path.isdir(out):
        stem = os.path.join(out, DEFAULT_STEM)
        main = stem + SUFFIXES[fmt]
    elif os.path.splitext(out)[1]:
        main = out
    else:
        main = out + SUFFIXES[fmt]
    mentions = None
    if gdelt:
        mentions = str(mentions_out) if mentions_out else mentions_path(main)
    return Outputs(main, mentions)


class open_out:
    """A text or binary output: a path (parent directories made), or stdout when ``out``
    is None or '-'."""

    def __init__(self, out, binary=False):
        self.out, self.binary = (None if out in (None, "-") else os.fspath(out)), binary

    def __enter__(self):
        if self.out:
            parent = os.path.dirname(os.path.abspath(self.out))
            os.makedirs(parent, exist_ok=True)
            self.fh = open(self.out, "wb" if self.binary else "w",
                           encoding=None if self.binary else "utf-8",
                           newline=None if self.binary else "")
        else:
            self.fh = sys.stdout.buffer if self.binary else sys.stdout
        return self.fh

    def __exit__(self, *exc):
        if self.out:
            self.fh.close()
        else:
            self.fh.flush()
