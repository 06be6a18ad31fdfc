"""Plain-text cleaning: unicode and whitespace normalisation, paragraphs, boilerplate.

``clean_text`` is what every reader runs on the article body, so the same article
yields the same text (and the same ``doc_id``) whatever format it came in. It is
idempotent: ``clean_text(clean_text(t)) == clean_text(t)``.

Boilerplate rules are data (``data/boilerplate.yaml``): regexes applied to whole
paragraphs, each dropping the paragraph or the rest of the text.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from ..errors import DataFileError
from ._datafile import DATA_DIR, line_of, load_yaml_nodes, mapping_items

BOILERPLATE_FILE = DATA_DIR / "boilerplate.yaml"
ACTIONS = ("drop_line", "drop_rest")
_RULE_KEYS = {"id", "pattern", "action", "why", "max_len", "confirm", "window",
              "otherwise", "min_position"}


@dataclass(frozen=True)
class LineRule:
    id: str
    pattern: re.Pattern
    action: str
    why: str
    max_len: int | None = None
    confirm: re.Pattern | None = None
    window: int = 10
    otherwise: str = "keep"
    min_position: float = 0.0

    def matches(self, line: str, position: float = 0.0) -> bool:
        """``position``: share of the text's characters before this paragraph."""
        if self.max_len is not None and len(line) > self.max_len:
            return False
        if self.min_position and position < self.min_position:
            return False
        return self.pattern.search(line) is not None


def _compile(path: Path, line: int, rule_id: str, key: str, raw) -> re.Pattern:
    if not isinstance(raw, str) or not raw:
        raise DataFileError(path, line, f"rule {rule_id!r}: {key} must be a non-empty regex")
    try:
        return re.compile(raw)
    except re.error as exc:
        raise DataFileError(path, line, f"rule {rule_id!r}: bad {key} regex: {exc}") from None


def load_rules(path: Path | str = BOILERPLATE_FILE) -> tuple[LineRule, ...]:
    """Read and validate the boilerplate rules; a bad entry raises DataFileError."""
    path = Path(path)
    data, root = load_yaml_nodes(path)
    if not isinstance(data, dict) or not isinstance(data.get("rules"), list):
        raise DataFileError(path, line_of(root), "expected a mapping with a 'rules' list")
    nodes = mapping_items(root)["rules"].value
    rules, seen = [], set()
    for raw, node in zip(data["rules"], nodes):
        line = line_of(node)
        if not isinstance(raw, dict):
            raise DataFileError(path, line, "a rule must be a mapping")
        unknown = set(raw) - _RULE_KEYS
        if unknown:
            raise DataFileError(path, line, f"unknown key(s) {sorted(unknown)}")
        rid = raw.get("id")
        if not isinstance(rid, str) or not rid:
            raise DataFileError(path, line, "rule without an id")
        if rid in seen:
            raise DataFileError(path, line, f"duplicate rule id {rid!r}")
        seen.add(rid)
        if raw.get("action") not in ACTIONS:
            raise DataFileError(path, line, f"rule {rid!r}: action must be one of {ACTIONS}")
        if not isinstance(raw.get("why"), str) or not raw["why"].strip():
            raise DataFileError(path, line, f"rule {rid!r}: 'why' is required")
        max_len = raw.get("max_len")
        if max_len is not None and (not isinstance(max_len, int) or max_len <= 0):
            raise DataFileError(path, line, f"rule {rid!r}: max_len must be a positive int")
        window = raw.get("window", 10)
        if not isinstance(window, int) or window <= 0:
            raise DataFileError(path, line, f"rule {rid!r}: window must be a positive int")
        otherwise = raw.get("otherwise", "keep")
        if otherwise not in ("keep", "drop_line"):
            raise DataFileError(path, line, f"rule {rid!r}: otherwise must be keep or drop_line")
        min_pos = raw.get("min_position", 0.0)
        if not isinstance(min_pos, (int, float)) or not 0 <= min_pos < 1:
            raise DataFileError(path, line, f"rule {rid!r}: min_position must be in [0, 1)")
        confirm = raw.get("confirm")
        if confirm is not None and raw["action"] != "drop_rest":
            raise DataFileError(path, line, f"rule {rid!r}: confirm only makes sense with drop_rest")
        rules.append(LineRule(
            id=rid, pattern=_compile(path, line, rid, "pattern", raw.get("pattern")),
            action=raw["action"], why=raw["why"].strip(), max_len=max_len,
            confirm=_compile(path, line, rid, "confirm", confirm) if confirm is not None else None,
            window=window, otherwise=otherwise, min_position=float(min_pos)))
    return tuple(rules)


@functools.lru_cache(maxsize=1)
def default_rules() -> tuple[LineRule, ...]:
    return load_rules(BOILERPLATE_FILE)


# --- unicode and whitespace -------------------------------------------------------

# UTF-8 read as cp1252/latin-1 ("â€™" for ’, "Ã©" for é): a lead byte shown as
# Â..ô followed by continuation bytes 0x80-0xBF shown as cp1252 (or C1) characters.
_CONT_CHARS = "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b)
                      for b in range(0x80, 0xC0))
_C = "[" + re.escape(_CONT_CHARS) + "]"
_MOJIBAKE = re.compile(f"[\u00c2-\u00df]{_C}|[\u00e0-\u00ef]{_C}{{2}}|[\u00f0-\u00f4]{_C}{{3}}")
# Spaces that are not ASCII space (NBSP, thin, ideographic...) and invisible characters.
_ODD_SPACE = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t\f\v]")
_INVISIBLE = re.compile(r"[\u00ad\u200b-\u200d\u2060\ufeff]")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_MULTISPACE = re.compile(r" {2,}")
# A line that ends a sentence (so a single newline after it is a paragraph break).
_TERMINAL = re.compile(r"[.!?…:;\"”’»]$")
_SHORT_LINE = 40


def _as_bytes(seq: str) -> bytes:
    out = bytearray()
    for ch in seq:
        try:
            out += ch.encode("cp1252")
        except UnicodeEncodeError:
            out.append(ord(ch))  # C1 characters cp1252 leaves undefined (0x81, 0x9d...)
    return bytes(out)


def _plausible(ch: str) -> bool:
    """A character UTF-8 encodes in two bytes that news text really uses: Latin-1 and
    Latin Extended-A, Greek, Cyrillic, Hebrew, Arabic. Not IPA etc., which is what
    genuine text such as "CAFÉ’S" (É + ’) would turn into."""
    cp = ord(ch)
    return 0xA0 <= cp <= 0x17F or 0x370 <= cp <= 0x52F or 0x590 <= cp <= 0x6FF


def _repair(match: re.Match) -> str:
    seq = match.group(0)
    try:
        fixed = _as_bytes(seq).decode("utf-8")
    except UnicodeDecodeError:
        return seq
    if len(seq) == 2 and not _plausible(fixed):
        return seq
    return fixed


def fix_mojibake(text: str) -> str:
    """Undo UTF-8 decoded as cp1252/latin-1, sequence by sequence, only where the
    bytes really form UTF-8 (so genuine "Ã" or "â" in text stay)."""
    return _MOJIBAKE.sub(_repair, text)


def _normalise_once(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    text = text.replace("\u2029", "\n\n")
    text = fix_mojibake(text)  # before the NBSP it may produce ("Â\xa0") is replaced
    text = _ODD_SPACE.sub(" ", text)
    text = _INVISIBLE.sub("", text)
    text = _CONTROL.sub("", text)
    return unicodedata.normalize("NFC", text)


def normalise_unicode(text: str) -> str:
    """NFC, one kind of space and newline, no control or invisible characters.

    Each step can expose work for another (removing a control character can join a
    mojibake sequence; NFC can compose a lead character), so repeat until stable.
    """
    for _ in range(5):
        new = _normalise_once(text)
        if new == text:
            break
        text = new
    return text


def _join_block(lines: list[str]) -> list[str]:
    """Lines of one blank-line-separated block -> paragraphs.

    A single newline is a paragraph break after a finished sentence or a short line
    (heading, byline); otherwise the text was hard-wrapped and the lines are joined.
    """
    paras: list[str] = []
    last_line = ""  # the previous physical line (paragraphs grow by joining)
    for line in lines:
        if not paras:
            paras.append(line)
        elif paras[-1].endswith("-") and paras[-1][-2:-1].isalpha() and line[:1].islower():
            # "Russian-\nbacked": join without a space but keep the hyphen; dropping it
            # would break real compounds, which matter more (actors) than soft hyphens.
            paras[-1] = paras[-1] + line
        elif (_TERMINAL.search(paras[-1]) or len(last_line) < _SHORT_LINE
              or line[:2] in ("- ", "* ", "• ")):
            paras.append(line)
        else:
            paras[-1] = paras[-1] + " " + line
        last_line = line
    return paras


def paragraphs_of(text: str) -> list[str]:
    """Normalised paragraphs of a text, before boilerplate rules."""
    text = normalise_unicode(text)
    paras: list[str] = []
    block: list[str] = []
    for raw in text.split("\n") + [""]:
        line = _MULTISPACE.sub(" ", raw.strip())
        if line:
            block.append(line)
        elif block:
            paras.extend(_join_block(block))
            block = []
    # Separators ("* * *", "---") carry no text.
    return [p for p in paras if any(ch.isalnum() for ch in p)]


def _positions(paras: list[str]) -> list[float]:
    total = sum(len(p) for p in paras) or 1
    out, before = [], 0
    for p in paras:
        out.append(before / total)
        before += len(p)
    return out


def apply_rules(paras: list[str], rules: tuple[LineRule, ...] | None = None) -> list[str]:
    rules = default_rules() if rules is None else rules
    kept: list[str] = []
    positions = _positions(paras)
    for i, para in enumerate(paras):
        verdict = "keep"
        for rule in rules:
            if not rule.matches(para, positions[i]):
                continue
            if rule.action == "drop_rest" and rule.confirm is not None:
                ahead = paras[i + 1:i + 1 + rule.window]
                if not any(rule.confirm.search(p) for p in ahead):
                    if rule.otherwise == "keep":
                        continue
                    verdict = "drop_line"
                    break
            verdict = rule.action
            break
        if verdict == "drop_rest":
            break
        if verdict == "keep":
            kept.append(para)
    return kept


def clean_paragraphs(text: str, rules: tuple[LineRule, ...] | None = None) -> list[str]:
    # Rules look at positions and neighbours, which change as paragraphs go: repeat
    # to a fixpoint so that cleaning twice gives the same text (idempotence).
    paras = paragraphs_of(text)
    for _ in range(50):  # bounded: pathological rule interplay must not spin
        kept = apply_rules(paras, rules)
        if len(kept) == len(paras):
            break
        paras = kept
    return paras


def clean_text(text: str, rules: tuple[LineRule, ...] | None = None) -> str:
    """Cleaned article body: paragraphs (one line each) separated by a blank line."""
    return "\n\n".join(clean_paragraphs(text, rules))


def explain(text: str, rules: tuple[LineRule, ...] | None = None) -> list[tuple[str, str]]:
    """(rule id, paragraph) for every paragraph a rule would drop: for debugging rules."""
    rules = default_rules() if rules is None else rules
    paras = paragraphs_of(text)
    positions = _positions(paras)
    out = []
    for i, para in enumerate(paras):
        for rule in rules:
            if rule.matches(para, positions[i]):
                out.append((rule.id, para))
                break
    return out


__all__ = ["LineRule", "load_rules", "default_rules", "clean_text", "clean_paragraphs",
           "normalise_unicode", "fix_mojibake", "paragraphs_of", "apply_rules", "explain"]
