"""A small, fast language detector: writing-system counts, then function-word profiles.

Good enough to tell an English article from a Spanish, Russian or Korean one (which
is all ingestion needs: the coder is English-only and skips the rest with a note).
Profiles are data: ``data/language/scripts.yaml`` and ``data/language/stopwords.yaml``.
"""
from __future__ import annotations

import bisect
import functools
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ..errors import DataFileError
from ._datafile import DATA_DIR, line_of, load_yaml_nodes, mapping_items

LANGUAGE_DIR = DATA_DIR / "language"
UNDETERMINED = "und"
# Only the first characters are looked at: enough for a stable answer, bounded time.
SAMPLE_CHARS = 5000
MIN_LETTERS = 20
_CODE = re.compile(r"^[a-z]{2,3}$")
_RANGE = re.compile(r"^([0-9A-Fa-f]{4,6})-([0-9A-Fa-f]{4,6})$")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_LETTER = re.compile(r"[^\W\d_]")


@dataclass(frozen=True, eq=False)  # identity hash: used as a Counter key
class Script:
    name: str
    language: str | None
    markers: dict[str, frozenset[str]]


@dataclass(frozen=True)
class Profiles:
    starts: tuple[int, ...]          # sorted range starts, for bisect
    ends: tuple[int, ...]
    owners: tuple[Script, ...]
    stopwords: dict[str, frozenset[str]]
    weights: dict[str, float]        # word -> 1 / number of languages listing it
    classes: tuple[tuple[Script, re.Pattern], ...] = ()  # one character class per script

    def script_of(self, ch: str) -> Script | None:
        cp = ord(ch)
        i = bisect.bisect_right(self.starts, cp) - 1
        if i >= 0 and cp <= self.ends[i]:
            return self.owners[i]
        return None


def _load_scripts(path: Path) -> list[tuple[int, int, Script]]:
    data, root = load_yaml_nodes(path)
    if not isinstance(data, dict) or not isinstance(data.get("scripts"), list):
        raise DataFileError(path, line_of(root), "expected a mapping with a 'scripts' list")
    out = []
    for raw, node in zip(data["scripts"], mapping_items(root)["scripts"].value):
        line = line_of(node)
        if not isinstance(raw, dict) or not isinstance(raw.get("script"), str):
            raise DataFileError(path, line, "each entry needs a 'script' name")
        lang = raw.get("language")
        if lang is not None and not (isinstance(lang, str) and _CODE.match(lang)):
            raise DataFileError(path, line, f"bad language code {lang!r}")
        markers = raw.get("markers") or {}
        if not isinstance(markers, dict) or not all(
                isinstance(k, str) and _CODE.match(k) and isinstance(v, str) and v
                for k, v in markers.items()):
            raise DataFileError(path, line, "markers must map language codes to letters")
        script = Script(raw["script"], lang, {k: frozenset(v) for k, v in markers.items()})
        ranges = raw.get("ranges")
        if not isinstance(ranges, list) or not ranges:
            raise DataFileError(path, line, f"script {raw['script']!r} has no ranges")
        for r in ranges:
            m = _RANGE.match(str(r))
            if not m or int(m.group(1), 16) > int(m.group(2), 16):
                raise DataFileError(path, line, f"bad code point range {r!r} (want XXXX-YYYY)")
            out.append((int(m.group(1), 16), int(m.group(2), 16), script))
    out.sort(key=lambda t: t[0])
    for (s1, e1, a), (s2, _e2, b) in zip(out, out[1:]):
        if s2 <= e1:
            raise DataFileError(path, 0, f"ranges of {a.name} and {b.name} overlap at {s2:04X}")
    return out


def _load_stopwords(path: Path) -> dict[str, frozenset[str]]:
    data, root = load_yaml_nodes(path)
    if not isinstance(data, dict):
        raise DataFileError(path, line_of(root), "expected a mapping language -> word list")
    nodes = mapping_items(root)
    out = {}
    for lang, words in data.items():
        line = line_of(nodes[lang]) if lang in nodes else 0
        if not isinstance(lang, str) or not _CODE.match(lang):
            raise DataFileError(path, line, f"bad language code {lang!r}")
        if not isinstance(words, list) or not words:
            raise DataFileError(path, line, f"{lang}: expected a non-empty list of words")
        for w in words:
            if not isinstance(w, str) or not w or w != w.lower():
                raise DataFileError(path, line, f"{lang}: bad word {w!r} (lower-case strings)")
        dupes = [w for w, n in Counter(words).items() if n > 1]
        if dupes:
            raise DataFileError(path, line, f"{lang}: duplicate words {dupes}")
        out[lang] = frozenset(words)
    return out


def load_profiles(directory: Path | str = LANGUAGE_DIR) -> Profiles:
    directory = Path(directory)
    ranges = _load_scripts(directory / "scripts.yaml")
    stopwords = _load_stopwords(directory / "stopwords.yaml")
    counts = Counter(w for words in stopwords.values() for w in words)
    by_script: dict[Script, list[str]] = {}
    for start, end, script in ranges:
        by_script.setdefault(script, []).append(f"\\U{start:08x}-\\U{end:08x}")
    classes = tuple((script, re.compile("[" + "".join(parts) + "]"))
                    for script, parts in by_script.items())
    return Profiles(
        starts=tuple(r[0] for r in ranges), ends=tuple(r[1] for r in ranges),
        owners=tuple(r[2] for r in ranges), stopwords=stopwords,
        weights={w: 1.0 / n for w, n in counts.items()}, classes=classes)


@functools.lru_cache(maxsize=1)
def default_profiles() -> Profiles:
    return load_profiles(LANGUAGE_DIR)


def _by_words(text: str, profiles: Profiles) -> tuple[str, float]:
    words = [w.lower() for w in _WORD.findall(text)]
    if not words:
        return UNDETERMINED, 0.0
    scores = {lang: 0.0 for lang in profiles.stopwords}
    covered = 0
    for w in words:
        weight = profiles.weights.get(w)
        if weight is None:
            continue
        covered += 1
        for lang, vocab in profiles.stopwords.items():
            if w in vocab:
                scores[lang] += weight
    ranked = sorted(scores.items(), key=lambda kv: -kv[1])
    (best, top), second = ranked[0], (ranked[1][1] if len(ranked) > 1 else 0.0)
    if top <= 0:
        return UNDETERMINED, 0.0
    # Margin over the runner-up, damped when few function words were seen at all
    # (headlines, name lists).
    margin = (top - second) / top
    evidence = min(1.0, covered / 12) * min(1.0, (covered / len(words)) / 0.15)
    return best, round(min(1.0, 0.4 + 0.6 * margin) * evidence, 3)


def detect_language(text: str, profiles: Profiles | None = None) -> tuple[str, float]:
    """(ISO 639-1 code, confidence 0..1); ("und", 0.0) when there is too little text."""
    profiles = profiles or default_profiles()
    sample = text[:SAMPLE_CHARS]
    # Regex character classes count in C; a Python loop per character is 10x slower.
    only_letters = "".join(_LETTER.findall(sample))
    letters = len(only_letters)
    counts: Counter[Script] = Counter()
    for script, cls in profiles.classes:
        n = len(cls.findall(only_letters))
        if n:
            counts[script] = n
    if letters < MIN_LETTERS or not counts:
        return UNDETERMINED, 0.0
    by_name = {s.name: n for s, n in counts.items()}
    # Japanese writes with Han and kana together; any real share of kana means ja.
    kana, han = by_name.get("kana", 0), by_name.get("han", 0)
    if kana >= 3 and kana >= 0.05 * (kana + han) and kana + han >= 0.5 * letters:
        return "ja", round((kana + han) / letters, 3)
    script, n = counts.most_common(1)[0]
    share = n / letters
    if script.language is None:
        lang, conf = _by_words(sample, profiles)
        return lang, round(conf * share, 3)
    for lang, marks in script.markers.items():
        if sum(1 for ch in sample if ch in marks) >= 2:
            return lang, round(share * 0.9, 3)
    return script.language, round(share, 3)


__all__ = ["detect_language", "load_profiles", "default_profiles", "UNDETERMINED"]
