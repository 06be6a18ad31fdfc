"""Small helpers the evaluation scripts share: where ../shared is, how to run the CLI."""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def find_shared() -> Path:
    """../shared next to the checkout; a clone elsewhere (CI) falls back to /work/shared
    (the same lookup as tests/conftest.py); EVENTWIRE_SHARED overrides both."""
    if os.environ.get("EVENTWIRE_SHARED"):
        return Path(os.environ["EVENTWIRE_SHARED"])
    for cand in (ROOT.parent / "shared", Path("/work/shared")):
        if (cand / "news").is_dir() or (cand / "eval").is_dir():
            return cand
    return ROOT.parent / "shared"


SHARED = find_shared()


def eventwire_bin() -> str:
    """The `eventwire` script of the running interpreter's venv (else the checkout's .venv)."""
    here = Path(sys.executable).parent / "eventwire"
    return str(here if here.exists() else ROOT / ".venv" / "bin" / "eventwire")


def code_jsonl(lines: list[str], *extra: str) -> list[str]:
    """One `eventwire code FILE.jsonl --format jsonl` run, the way a user codes articles;
    returns the output lines. Exit code 1 (some inputs had errors) is accepted, as in
    ../shared/news/score.py."""
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as f:
        f.write("".join(line + "\n" for line in lines))
    try:
        r = subprocess.run([eventwire_bin(), "code", f.name, "--format", "jsonl", *extra],
                           capture_output=True, text=True, cwd=ROOT)
    finally:
        os.unlink(f.name)
    if r.returncode not in (0, 1):
        raise RuntimeError("eventwire code failed: " + (r.stderr.strip().splitlines() or ["?"])[-1])
    return r.stdout.splitlines()


def pct(x: float | None) -> str:
    return "   -  " if x is None else f"{100 * x:5.1f}%"


def ratio(n: int, d: int) -> float | None:
    return n / d if d else None
