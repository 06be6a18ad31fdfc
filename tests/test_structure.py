"""Structure: no import circles (one known circle left inside the actor resolver), and
analysis uses only the store's public names (issue 15, item 7)."""
from __future__ import annotations

import ast
import pathlib

ROOT = pathlib.Path(__file__).resolve().parents[1] / "src" / "eventwire"
# Packages whose modules must not sit on an import circle.
CHECKED = ("eventwire.store", "eventwire.dedup", "eventwire.analysis", "eventwire.export",
           "eventwire.scale", "eventwire.dates", "eventwire.places",
           # the spaCy side: nlp registers the components, the run (pipeline) builds on nlp
           "eventwire.nlp", "eventwire.pipeline", "eventwire.finish")


def _modules() -> dict[str, pathlib.Path]:
    out = {}
    for p in ROOT.rglob("*.py"):
        parts = list(p.relative_to(ROOT.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = p
    return out


def import_graph() -> dict[str, set[str]]:
    """module -> modules of this package it imports (at any level of the file)."""
    mods = _modules()
    graph = {}
    for name, path in mods.items():
        pkg = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
        deps = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                base = pkg[:len(pkg) - node.level + 1] if node.level else []
                target = ".".join(base + ([node.module] if node.module else [])) if node.level \
                    else node.module
                for alias in node.names:
                    sub = f"{target}.{alias.name}"
                    deps.add(sub if sub in mods else target)
            elif isinstance(node, ast.Import):
                deps.update(a.name for a in node.names)
        graph[name] = {d for d in deps if d in mods and d != name}
    return graph


def circles(graph) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index, low, stack, on, out, counter = {}, {}, [], set(), [], [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def test_the_circle_finder_finds_a_circle():
    assert circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_import_circle_through_store_dedup_or_analysis():
    bad = [c for c in circles(import_graph())
           if any(m.startswith(CHECKED) for m in c)]
    assert bad == []


def test_analysis_uses_only_public_store_names():
    tree = ast.parse((ROOT / "analysis.py").read_text(encoding="utf-8"))
    private = [f"{n.module}.{a.name}" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)
               and n.module and "store" in n.module for a in n.names if a.name.startswith("_")]
    calls = [n.attr for n in ast.walk(tree) if isinstance(n, ast.Attribute)
             and isinstance(n.value, ast.Name) and n.value.id == "store" and n.attr.startswith("_")]
    assert private == [] and calls == []
    assert "eventwire.analysis" not in import_graph()["eventwire.store"]


# The one circle left: the resolver and its helpers (compose, hits, references, fuzzy) call
# each other. It stays inside the resolver; the dictionary side (records, loaders, the
# PETRARCH and Phoenix readers) and every other package must not join a circle.
RESOLVER_SIDE = ("eventwire.actors.",)
NOT_RESOLVER = {"eventwire.actors.records", "eventwire.actors.dictionary",
                "eventwire.actors.petrarch", "eventwire.actors.phoenix", "eventwire.actors.normalize"}


def test_no_import_circle_outside_the_actor_resolver():
    bad = [c for c in circles(import_graph())
           if not all(m.startswith(RESOLVER_SIDE) and m not in NOT_RESOLVER for m in c)]
    assert bad == []


def test_the_actor_records_and_readers_do_not_import_the_loader():
    graph = import_graph()
    for reader in ("eventwire.actors.petrarch", "eventwire.actors.phoenix", "eventwire.actors.records"):
        assert "eventwire.actors.dictionary" not in graph[reader], reader
    assert "eventwire.events.patterns" not in graph["eventwire.events.petrarch"]
