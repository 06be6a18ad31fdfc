"""The eval gate: today's figures against bench/baseline.json.

    .venv/bin/python bench/gate.py FIGURES.json [--baseline bench/baseline.json]

(bench/eval.py --check runs the evaluation and this check in one go; this entry point
checks figures already computed, e.g. by `bench/eval.py --figures-out FILE`.)

A figure fails when it is worse than its baseline by more than TOLERANCE points. Figures
are percentages (one decimal) except counts (names in COUNTS), where any rise fails.
For most figures higher is better; for the names in LOWER_IS_BETTER (statement
overcoding, records dated after publication, media as actors, false merges) lower is.
A figure in the baseline that the run did not produce fails too (a set disappeared),
unless the run was restricted to other sets (`only`); a figure with nothing to measure
(None, e.g. a precision without any record) is skipped.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

BASELINE = Path(__file__).resolve().parent / "baseline.json"
TOLERANCE = 1.0
LOWER_IS_BETTER = ("said_share", "after_publication_share", "media_actor_share", "false_merges")
COUNTS = ("false_merges",)
# Reported, not gated: a share of located events can rise for a wrong reason (a place
# guessed) as easily as for a right one; the hand-checked sample is its judge.
NOT_GATED = ("located_share",)
ABOUT = ("Figures of bench/eval.py (percent, counts as counts). `bench/eval.py --check` fails when one "
         "is worse by more than 1 point (a count: rises at all). Rewrite with `bench/eval.py "
         "--write-baseline` and commit it alone, saying why. See DEVELOPERS.md.")


def _leaf(name: str) -> str:
    return name.rsplit(".", 1)[-1]


def lower_is_better(name: str) -> bool:
    return _leaf(name) in LOWER_IS_BETTER


def is_count(name: str) -> bool:
    return _leaf(name) in COUNTS


def as_points(figures: dict) -> dict:
    """Fractions -> percent with one decimal; counts stay counts; None (nothing to measure,
    e.g. no negated record to judge) stays None."""
    return {k: (None if v is None else int(v) if is_count(k) else round(100 * v, 1))
            for k, v in sorted(figures.items())}


def load_baseline(path: Path = BASELINE) -> dict:
    if not path.exists():
        return {}
    return json.loads(path.read_text(encoding="utf-8")).get("figures", {})


def write_baseline(points: dict, path: Path = BASELINE, only: tuple[str, ...] | None = None) -> None:
    """Write the figures (in points). With `only` (name prefixes of the sets that ran), the
    figures of the other sets are kept; a figure of a set that ran but is gone is dropped."""
    figures = {k: v for k, v in load_baseline(path).items() if only is not None and not k.startswith(only)}
    figures.update({k: v for k, v in points.items() if _leaf(k) not in NOT_GATED})
    path.write_text(json.dumps({"about": ABOUT, "figures": dict(sorted(figures.items()))},
                               indent=1) + "\n", encoding="utf-8")


def check(points: dict, baseline: dict, only: tuple[str, ...] | None = None,
          tolerance: float = TOLERANCE) -> tuple[list[str], list[str]]:
    """(failures, improvements): one line per figure worse than its baseline by more than
    the tolerance, and one per figure better by more than it (time to raise the baseline)."""
    fails, better = [], []
    if not baseline:
        return [f"no baseline figures in {BASELINE.name}: write them with bench/eval.py --write-baseline"], []
    for name, base in sorted(baseline.items()):
        if only is not None and not name.startswith(only):
            continue
        if _leaf(name) in NOT_GATED:
            continue
        if name not in points:
            fails.append(f"{name}: missing from this run (baseline {base})")
            continue
        cur = points[name]
        if cur is None or base is None:
            continue   # nothing to measure on one side (e.g. no negated record coded)
        worse_by = (cur - base) if lower_is_better(name) else (base - cur)
        tol = 0 if is_count(name) else tolerance
        unit = "" if is_count(name) else " points"
        if worse_by > tol + 1e-9:
            fails.append(f"{name}: {cur} vs baseline {base} (worse by {worse_by:.1f}{unit})")
        elif -worse_by > tol + 1e-9:
            better.append(f"{name}: {cur} vs baseline {base} (better by {-worse_by:.1f}{unit})")
    return fails, better


def checked(baseline: dict, only: tuple[str, ...] | None = None) -> int:
    return sum(only is None or k.startswith(only) for k in baseline)


def report(fails: list[str], better: list[str], n: int, out=print) -> int:
    for line in fails:
        out(f"GATE FAIL {line}")
    for line in better:
        out(f"above baseline: {line}")
    if better:
        out(f"gate: {len(better)} figure(s) above the baseline by more than {TOLERANCE:g} point; "
            "raise it with bench/eval.py --write-baseline (its own commit, with the reason)")
    out(f"gate: {'FAILED' if fails else 'ok'}: {n} figures checked, {len(fails)} below the baseline")
    return 1 if fails else 0


def main(argv=None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    path = Path(argv[argv.index("--baseline") + 1]) if "--baseline" in argv else BASELINE
    files = [a for i, a in enumerate(argv) if not a.startswith("--") and (i == 0 or argv[i - 1] != "--baseline")]
    if not files:
        print(__doc__)
        return 2
    points = json.loads(Path(files[0]).read_text(encoding="utf-8"))
    baseline = load_baseline(path)
    fails, better = check(points, baseline)
    return report(fails, better, checked(baseline))


if __name__ == "__main__":
    sys.exit(main())
