"""Load a YAML data file keeping the line of every list entry, for clear DataFileErrors.

Ingestion knowledge (boilerplate rules, language profiles) is data; a bad entry must
name the file and line, so we walk the composed YAML node tree instead of plain
``yaml.safe_load`` (which forgets where things came from).
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from ..errors import DataFileError

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


def load_yaml_nodes(path: Path) -> tuple[Any, yaml.Node]:
    """(python value, root node) of a YAML file; syntax errors become DataFileError."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DataFileError(path, 0, f"cannot read: {exc.strerror or exc}") from None
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 0
        raise DataFileError(path, line, f"invalid YAML: {getattr(exc, 'problem', exc)}") from None
    if node is None:
        raise DataFileError(path, 1, "empty data file")
    value = yaml.safe_load(text)
    return value, node


def mapping_items(node: yaml.Node) -> dict[str, yaml.Node]:
    """Key -> value node of a YAML mapping node."""
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {k.value: v for k, v in node.value if isinstance(k, yaml.ScalarNode)}


def line_of(node: yaml.Node) -> int:
    return node.start_mark.line + 1


_WORDS = r"[a-z][a-z'\-]*(?: [a-z][a-z'\-]*)*"


def load_word_lists(path: Path, names: tuple[str, ...], pattern: str = _WORDS,
                    what: str = "lower-case words") -> dict[str, list[str]]:
    """A YAML mapping of named word lists (the date and place stages' cue files): every
    name present, no other, each a non-empty list of distinct entries matching
    ``pattern``; a bad one raises DataFileError naming the file and line."""
    import re

    value, root = load_yaml_nodes(path)
    if not isinstance(value, dict):
        raise DataFileError(path, line_of(root), "expected a mapping of word lists")
    nodes = mapping_items(root)
    for key in value:
        if key not in names:
            raise DataFileError(path, line_of(nodes[key]) if key in nodes else 1,
                                f"unknown list {key!r} (known: {', '.join(names)})")
    rx = re.compile(pattern)
    lists: dict[str, list[str]] = {}
    for key in names:
        node = nodes.get(key)
        if node is None:
            raise DataFileError(path, 1, f"missing list {key!r}")
        if not isinstance(node, yaml.SequenceNode) or not node.value:
            raise DataFileError(path, line_of(node), f"{key}: expected a non-empty list")
        words: list[str] = []
        for item in node.value:
            w = item.value if isinstance(item, yaml.ScalarNode) else None
            if not isinstance(w, str) or not rx.fullmatch(w):
                raise DataFileError(path, line_of(item), f"{key}: bad entry {w!r} ({what})")
            if w in words:
                raise DataFileError(path, line_of(item), f"{key}: duplicate entry {w!r}")
            words.append(w)
        lists[key] = words
    return lists
