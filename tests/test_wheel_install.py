"""The wheel, installed with pip into a new virtual environment, just works (issue 17).

Offline: the wheel is built from this checkout (no build isolation, nothing fetched),
installed with ``pip --no-index --no-deps``; the new environment sees the project's
dependencies (spaCy, the model, ...) through a ``.pth`` line, not our source tree.
Then a pipeline saved in this process with our components loads there with
``spacy.load`` and gives the same events.
"""
from __future__ import annotations

import json
import pathlib
import shutil
import subprocess
import sys
import sysconfig
import textwrap

import pytest

import eventwire
from test_spacy_components import PUBLISHED, TEXT, events_of, nlp  # noqa: F401 (fixture)

ROOT = pathlib.Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.slow


def _mkdir(path: pathlib.Path) -> pathlib.Path:
    path.mkdir(parents=True)
    return path


def _run(cmd, **kw):
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=900, **kw)
    assert done.returncode == 0, f"{cmd}\n{done.stdout[-2000:]}\n{done.stderr[-3000:]}"
    return done.stdout


@pytest.fixture(scope="module")
def fresh_venv(tmp_path_factory):
    """A new venv with the eventwire wheel installed by pip; returns its python."""
    tmp = tmp_path_factory.mktemp("wheel")
    # built from a copy, so the build leaves nothing in the checkout
    src = tmp / "source"
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, src / name if src.exists() else _mkdir(src) / name)
    shutil.copytree(ROOT / "src", src / "src",
                    ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    _run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
          "--no-index", "--wheel-dir", str(tmp / "dist"), str(src)])
    wheel = next((tmp / "dist").glob("eventwire-*.whl"))
    _run([sys.executable, "-m", "venv", "--without-pip", str(tmp / "venv")])
    python = tmp / "venv" / "bin" / "python"
    # Dependencies come from the project's environment; the package itself must come
    # from the wheel (the editable install's finder lives in a .pth file of that
    # directory, which a plain path line does not run).
    site = pathlib.Path(_run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"]).strip())
    (site / "project-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    _run([sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet",
          "--no-index", "--no-deps", str(wheel)])
    return str(python)


def test_the_wheel_is_what_runs(fresh_venv):
    out = _run([fresh_venv, "-c", "import eventwire; print(eventwire.__file__)"],
               cwd="/")
    assert str(pathlib.Path(fresh_venv).parents[1]) in out and str(ROOT) not in out


def test_add_pipe_after_pip_install(fresh_venv):
    out = _run([fresh_venv, "-c", textwrap.dedent("""
        import spacy
        nlp = spacy.blank("en")
        for name in ("eventwire_actors", "eventwire_events", "eventwire_time",
                     "eventwire_place", "eventwire_records"):
            nlp.add_pipe(name)
        print(nlp.pipe_names[-1])
    """)], cwd="/")
    assert out.strip() == "eventwire_records"


def test_saved_pipeline_gives_the_same_events_in_the_new_venv(fresh_venv, nlp, tmp_path):  # noqa: F811
    nlp.to_disk(tmp_path / "pipeline")
    expected = json.loads(json.dumps(events_of(nlp)))
    assert expected
    out = _run([fresh_venv, "-c", textwrap.dedent(f"""
        import json, spacy
        nlp = spacy.load({str(tmp_path / 'pipeline')!r})
        doc = nlp.make_doc({TEXT!r})
        doc._.published = {PUBLISHED!r}
        print(json.dumps(nlp(doc)._.events))
    """)], cwd="/")
    assert json.loads(out) == expected


def test_py_typed_ships_in_the_wheel(fresh_venv):
    out = _run([fresh_venv, "-c", "import importlib.resources as r; "
                "print(r.files('eventwire').joinpath('py.typed').is_file())"], cwd="/")
    assert out.strip() == "True"
    assert eventwire.__version__
