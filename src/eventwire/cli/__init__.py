"""The ``eventwire`` command line: small verbs, one module each (datasette/sqlite-utils style).

Each module ``eventwire.cli.<verb>`` has ``register(subparsers)`` which adds its parser
and sets ``func``; a verb whose module is missing is simply not offered.
"""
from __future__ import annotations

import argparse
import importlib
import os
import sys

from .. import __version__

VERBS = ["code", "actors", "ingest", "summary", "events", "sql", "export", "dyad", "network",
         "contradictions", "explain", "serve"]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="eventwire",
        description="Political event data from news text: who did what to whom, when and where.")
    parser.add_argument("--version", action="version", version=f"eventwire {__version__}")
    from ._common import add_verbosity_options
    add_verbosity_options(parser)
    sub = parser.add_subparsers(dest="verb", metavar="VERB")
    for verb in VERBS:
        try:
            mod = importlib.import_module(f"eventwire.cli.{verb}")
        except ModuleNotFoundError as exc:
            if exc.name == f"eventwire.cli.{verb}":
                continue
            raise
        mod.register(sub)
    for p in sub.choices.values():  # `eventwire VERB -q` as well as `eventwire -q VERB`
        add_verbosity_options(p, suppress=True)
    return parser


def _quiet_broken_pipe() -> None:
    """The reader went away (`eventwire export ... | head -1`): send whatever is still
    buffered to /dev/null, so that Python's exit does not complain either."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def main(argv=None) -> int:
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    from ..errors import EventwireError
    from ._common import error_line, set_verbosity

    set_verbosity(getattr(args, "quiet", False), getattr(args, "verbose", False))
    try:
        rc = args.func(args)
        sys.stdout.flush()
    except EventwireError as exc:  # e.g. a missing or locked store: one line, status 1
        error_line(str(exc))
        return 1
    except BrokenPipeError:  # the reader has all it wanted (`| head`): not an error
        _quiet_broken_pipe()
        return 0
    except OSError as exc:  # a disk that fails under us (no space left, I/O error)
        error_line(f"{exc.filename or 'eventwire'}: {exc.strerror or exc}")
        return 1
    except Exception as exc:  # noqa: BLE001 - the database failed under a query
        import duckdb
        if not isinstance(exc, duckdb.Error):
            raise
        from ..store import storage_error
        error_line(str(storage_error(getattr(args, "db", None) or "database", exc)))
        return 1
    except KeyboardInterrupt:
        print("eventwire: interrupted", file=sys.stderr)
        return 130
    return int(rc or 0)


if __name__ == "__main__":
    sys.exit(main())
