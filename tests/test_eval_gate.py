"""The eval gate (bench/gate.py): a figure worse than bench/baseline.json by more than a
point fails; precomputed figures keep this cheap (no evaluation is run here)."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))
import gate  # noqa: E402


@pytest.fixture
def baseline():
    figures = gate.load_baseline()
    assert figures, "bench/baseline.json holds no figures"
    return figures


def test_the_baseline_passes_against_itself(baseline):
    fails, better = gate.check(dict(baseline), baseline)
    assert fails == [] and better == []


def test_the_baseline_covers_every_set(baseline):
    for prefix in ("news-test.", "news-dev.", "news-extra.", "news-holdout.", "news-dedup.", "gsr.",
                   "petrarch.", "quad.", "actors."):
        assert any(k.startswith(prefix) for k in baseline), prefix
    for key in ("triple_f1", "sector_f1", "source_right", "target_right", "date_right",
                "said_share", "media_actor_share", "after_publication_share"):
        assert all(f"news-{half}.{key}" in baseline for half in ("test", "dev", "extra", "holdout"))


@pytest.mark.parametrize("name, change, fails", [
    ("news-test.triple_f1", -1.5, True),          # higher is better: a drop of 1.5 fails
    ("news-test.triple_f1", -0.9, False),         # within one point
    ("news-test.triple_f1", +5.0, False),         # a rise never fails
    ("news-dev.said_share", +1.5, True),          # lower is better: a rise fails
    ("news-dev.said_share", -3.0, False),
    ("gsr.root_f1", -1.1, True),
    ("news-dedup.false_merges", +1, True),        # counts: any rise fails
])
def test_a_tampered_baseline_fails(baseline, name, change, fails):
    current = dict(baseline)
    current[name] = round(baseline[name] + change, 1)
    got, _ = gate.check(current, baseline)
    assert bool(got) is fails
    if fails:
        assert len(got) == 1 and got[0].startswith(name + ":")


def test_a_missing_figure_fails_unless_the_run_was_restricted(baseline):
    current = {k: v for k, v in baseline.items() if not k.startswith("quad.")}
    assert any(line.startswith("quad.") for line in gate.check(current, baseline)[0])
    assert gate.check(current, baseline, only=("gsr.", "news-dev."))[0] == []


def test_nothing_to_measure_is_not_a_drop(baseline):
    current = dict(baseline, **{"news-dev.negation_precision": None})
    assert gate.check(current, baseline)[0] == []


def test_the_gate_command_exits_1_with_one_line_per_failing_figure(baseline, tmp_path):
    figures = tmp_path / "figures.json"
    figures.write_text(json.dumps(baseline))
    tampered = tmp_path / "baseline.json"
    worse = dict(baseline, **{"gsr.root_f1": baseline["gsr.root_f1"] + 2,
                              "news-test.date_right": baseline["news-test.date_right"] + 2})
    tampered.write_text(json.dumps({"figures": worse}))

    def run(path):
        return subprocess.run([sys.executable, str(ROOT / "bench" / "gate.py"), str(figures),
                               "--baseline", str(path)], capture_output=True, text=True)
    bad = run(tampered)
    assert bad.returncode == 1
    assert sorted(line.split(":")[0] for line in bad.stdout.splitlines() if line.startswith("GATE FAIL")) == \
        ["GATE FAIL gsr.root_f1", "GATE FAIL news-test.date_right"]
    good = run(ROOT / "bench" / "baseline.json")
    assert good.returncode == 0, good.stdout


def test_write_baseline_rewrites_only_the_sets_that_ran(tmp_path, baseline):
    path = tmp_path / "baseline.json"
    path.write_text(json.dumps({"figures": dict(baseline, **{"gsr.gone": 5.0})}))
    gate.write_baseline({"gsr.root_f1": 1.0}, path, only=("gsr.",))
    written = json.loads(path.read_text())["figures"]
    assert written["gsr.root_f1"] == 1.0
    assert "gsr.gone" not in written and "gsr.type_f1" not in written
    assert written["news-test.triple_f1"] == baseline["news-test.triple_f1"]
    gate.write_baseline({"quad.accuracy": 2.0}, path)          # everything ran: a fresh file
    assert json.loads(path.read_text())["figures"] == {"quad.accuracy": 2.0}


def test_located_share_is_reported_but_not_gated(tmp_path, baseline):
    """The share of located events is judged by its hand-checked sample, not by the gate:
    it is neither written into the baseline nor checked against one."""
    path = tmp_path / "baseline.json"
    gate.write_baseline({"news-dev.located_share": 12.0, "news-dev.date_right": 90.0}, path)
    assert json.loads(path.read_text())["figures"] == {"news-dev.date_right": 90.0}
    fails, _ = gate.check({"news-dev.located_share": 1.0}, {"news-dev.located_share": 50.0})
    assert fails == []
