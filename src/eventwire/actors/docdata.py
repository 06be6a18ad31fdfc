"""Word lists for document-level actor resolution (``data/document/*.yaml``), validated.

A file is a mapping of named lists of strings (or, where a section says so, a mapping of
word -> value). Every error names the file and line::

    credits.yaml:12: 'agencies' must be a list of strings
"""
from __future__ import annotations

import functools
from pathlib import Path

import yaml

from ..errors import DataFileError

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "document"


def _node_line(node) -> int:
    return node.start_mark.line + 1


def load_sections(path: Path, lists: set[str], maps: set[str] = frozenset()) -> dict:
    """The sections of ``path``: ``lists`` are lists of non-empty strings, ``maps`` are
    mappings of string -> string or list of strings. Unknown sections are errors."""
    text = path.read_text(encoding="utf-8")
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        raise DataFileError(path, (mark.line + 1) if mark else 1, f"bad YAML: {e}") from None
    if root is None:
        return {}
    if not isinstance(root, yaml.MappingNode):
        raise DataFileError(path, _node_line(root), "the file must be a mapping of sections")
    out: dict = {}
    for knode, vnode in root.value:
        key = knode.value
        line = _node_line(knode)
        if key in lists:
            if not isinstance(vnode, yaml.SequenceNode):
                raise DataFileError(path, line, f"{key!r} must be a list of strings")
            items = []
            for item in vnode.value:
                if not isinstance(item, yaml.ScalarNode) or not str(item.value).strip():
                    raise DataFileError(path, _node_line(item), f"{key!r}: every entry must be a word")
                items.append(str(item.value).strip())
            out[key] = items
        elif key in maps:
            if not isinstance(vnode, yaml.MappingNode):
                raise DataFileError(path, line, f"{key!r} must be a mapping")
            entries = {}
            for k2, v2 in vnode.value:
                if isinstance(v2, yaml.ScalarNode):
                    val = str(v2.value).strip()
                elif isinstance(v2, yaml.SequenceNode) and all(
                        isinstance(x, yaml.ScalarNode) for x in v2.value):
                    val = [str(x.value).strip() for x in v2.value]
                else:
                    raise DataFileError(path, _node_line(k2),
                                        f"{key}.{k2.value}: want a word or a list of words")
                if not val:
                    raise DataFileError(path, _node_line(k2), f"{key}.{k2.value}: empty")
                entries[str(k2.value).strip()] = val
            out[key] = entries
        else:
            raise DataFileError(path, line, f"unknown section {key!r} "
                                            f"(known: {', '.join(sorted(lists | set(maps)))})")
    missing = (lists | set(maps)) - set(out)
    if missing:
        raise DataFileError(path, 1, f"missing section(s): {', '.join(sorted(missing))}")
    return out


@functools.lru_cache(maxsize=8)
def cached_sections(name: str, lists: frozenset, maps: frozenset = frozenset()) -> dict:
    return load_sections(DATA_DIR / name, set(lists), set(maps))
