"""Contradictions: two actors on opposite sides of a named proposal, or an event one
report asserts and another denies.

Nothing here knows any particular proposal. A *named proposal* is whatever the clause
names the way news names plans, deals and agreements:

- a short quoted name: the “dual suspension” idea, the "land for peace" formula;
- a hyphenated compound: freeze-for-freeze, land-for-peace;
- a head word (plan, proposal, initiative, roadmap, formula, deal, agreement, accord,
  pact, treaty, solution, framework, ceasefire, truce, settlement) after a name or a
  hyphenated modifier, or before "of/on/for" + a name: the Minsk agreement, the
  two-state solution, the Joint Comprehensive Plan of Action, the Paris climate accord.

Names are normalised (case, articles, possessives, head words of one kind: deal =
agreement = accord = pact), so "the Minsk accords" and "the Minsk agreement" are one
subject. The *stance* comes from the event that names the proposal: its CAMEO code
(05x endorse/sign, 03x intend to cooperate, some 08x yield = support; 11x/12x/16x
disapprove/reject/reduce relations = oppose), and, for statements, appeals and intents
(01x-03x), the words of the clause ("would not accept", "the most feasible plan").
Two actors with opposite stances on one subject within ``WINDOW_DAYS`` are a
contradiction ("proposal"); one actor on both sides on different days a "reversal".
"""
from __future__ import annotations

import re

from .features import DATE_WINDOW_DAYS, block_key, cameo_compatible, clause_text, dates_gap

# Stances further apart than this are two debates, not one contradiction.
WINDOW_DAYS = 365
# Mentions that can carry a stance (the store selects these roots, plus negated ones).
CANDIDATE_ROOTS = ("01", "02", "03", "05", "08", "11", "12", "16")

# Stance of a CAMEO code towards its object: endorse/accept vs reject/criticise.
SUPPORT_CODES = ("051", "052", "053", "054", "057", "03", "081", "083", "084", "085", "086")
OPPOSE_CODES = ("11", "12", "16")
# Generic appeals (02) "call for" a proposal: support for that proposal.
APPEAL_CODES = ("02",)

_HEADS = {
    "agreement": "agreement", "agreements": "agreement", "accord": "agreement",
    "accords": "agreement", "deal": "agreement", "pact": "agreement", "treaty": "treaty",
    "plan": "plan", "proposal": "plan", "proposals": "plan", "initiative": "plan",
    "roadmap": "plan", "road map": "plan", "formula": "plan", "framework": "plan",
    "approach": "plan", "blueprint": "plan", "solution": "solution", "ceasefire": "ceasefire",
    "cease-fire": "ceasefire", "truce": "ceasefire", "settlement": "settlement",
    "protocol": "protocol", "memorandum": "memorandum", "resolution": "resolution",
}
_HEAD_RE = "|".join(sorted((re.escape(h) for h in _HEADS), key=len, reverse=True))
_NAME_WORD = r"(?:[A-Z][\w'’.-]*|[a-z]+(?:-[a-z]+)+|\d+)"
# lower-case modifiers between a name and its head ("the Iran nuclear deal", "the Paris
# climate accord"): not verbs or grammar words ("Russia backed the plan" names nothing)
_MODIFIER = (r"(?!(?:the|a|an|and|or|of|in|on|for|to|with|that|which|its|their|his|her|"
             r"said|says|will|would|not|was|is|has|had|have)\s)[a-z]+(?<!ed)(?<!ing)")
# "the Minsk agreement", "the two-state solution", "the Paris climate accord"
_BEFORE = re.compile(
    rf"((?:\b{_NAME_WORD}(?:['’]s)?\s+){{1,3}}(?:{_MODIFIER}\s+){{0,2}})((?i:{_HEAD_RE}))\b")
# "the Joint Comprehensive Plan of Action", "the Treaty of Versailles": a capitalised head
_CAP_HEAD_RE = "|".join(re.escape(h[:1].upper() + h[1:]) for h in
                        sorted(_HEADS, key=len, reverse=True))
_AFTER = re.compile(
    rf"\b((?:[A-Z][\w-]*\s+){{0,3}})({_CAP_HEAD_RE})\s+(of|on|for)\s+((?:[A-Z][\w-]*\s*){{1,4}})")
# Straight single quotes are left out: they are apostrophes far more often than quotes.
_QUOTED = re.compile(r"[\"“‘]([^\"“”‘’]{3,60})[\"”’]")
_HYPHENATED = re.compile(r"\b[a-z]+(?:-[a-z]+){2,}\b", re.I)
_STOP = {"the", "a", "an", "this", "that", "its", "their", "his", "her", "our", "any", "new",
         "so-called", "latest", "proposed", "draft", "whole", "entire", "such", "which"}
_NOT_NAME = re.compile(r"^(?:it|he|she|they|we|i|you|who|this|that|these|those|there)$", re.I)

# Statements (01), appeals (02) and intents (03) carry the stance in their words.
_OPPOSE_WORDS = re.compile(
    r"\b(?:(?:not|never|won't|cannot|can't|refuses? to|refused to)\s+(?:\w+\s+){0,2}"
    r"(?:accept|support|agree\w*|back|endorse|sign|implement)"
    r"|reject\w*|oppos\w+|refus\w+|dismiss\w*|denounc\w+|condemn\w*|unacceptable|"
    r"unworkable|dead|failed|non-starter|walk(?:s|ed)? away from|withdr[ae]w\w* from|"
    r"pull(?:s|ed)? out of|scrap\w*|tear(?:s)? up|ruled? out)\b", re.I)
_SUPPORT_WORDS = re.compile(
    r"\b(?:feasible|sensible|realistic|endors\w+|support\w*|back(?:s|ed|ing)?|welcom\w+|"
    r"favou?r\w*|prefer\w*|propos\w+|advocat\w+|champion\w*|fair|the only way|"
    r"commit\w* to|stand(?:s)? by|abide by)\b", re.I)


def stance(cameo: str | None, sentence: str | None = None) -> str | None:
    """'support', 'oppose' or None (no stance) of an event towards what it is about.

    The CAMEO code decides when it is an endorsement or a rejection; statements,
    appeals and intents fall back on their words.
    """
    c = cameo or ""
    if c.startswith(OPPOSE_CODES):
        return "oppose"
    if c.startswith(("05", "08")) and c.startswith(SUPPORT_CODES):
        return "support"
    if sentence and c.startswith(("01", "02", "03")):
        if _OPPOSE_WORDS.search(sentence):
            return "oppose"
        if _SUPPORT_WORDS.search(sentence):
            return "support"
    if c.startswith(SUPPORT_CODES) or c.startswith(APPEAL_CODES):
        return "support"
    return None


def _normal(words: str, head: str | None = None) -> str:
    text = words.replace("“", "").replace("”", "").replace("’", "'").strip().lower()
    text = re.sub(r"'s\b", "", text)
    toks = [t for t in re.split(r"\s+", text) if t and t not in _STOP]
    if head:
        toks.append(_HEADS.get(head.lower(), head.lower()))
    return " ".join(toks)


def proposals(sentence: str | None) -> list[str]:
    """Named proposals a text talks about, normalised ("minsk agreement",
    "two-state solution", "freeze-for-freeze", "dual suspension")."""
    s = sentence or ""
    found: list[str] = []
    for m in _QUOTED.finditer(s):
        name = m.group(1).strip(" ,.;:")
        if 1 <= len(name.split()) <= 5 and not name.endswith(("!", "?")):
            found.append(_normal(name))
    for m in _AFTER.finditer(s):
        found.append(_normal(m.group(1) + " " + m.group(2) + " " + m.group(3) + " " + m.group(4)))
    for m in _BEFORE.finditer(s):
        mods = [w for w in m.group(1).split()
                if not _NOT_NAME.match(w) and w.lower() not in _STOP]
        if len(mods) == 1 and _HYPHENATED.fullmatch(mods[0]):
            continue  # "the freeze-for-freeze plan": the compound is the name (below)
        # the name must hold a capitalised or hyphenated word: "the peace plan" names nothing
        if mods and any(w[:1].isupper() or "-" in w or w[:1].isdigit() for w in mods):
            found.append(_normal(" ".join(mods), m.group(2)))
    found.extend(_normal(h) for h in _HYPHENATED.findall(s))
    out: list[str] = []
    for f in found:
        f = re.sub(r"^(?:the|a|an)\s+", "", f).strip(" ,.;:")
        if len(f) >= 3 and f not in out and f not in _HEADS.values():
            out.append(f)
    # "joint comprehensive plan" inside "joint comprehensive plan of action": one subject
    return [f for f in out if not any(g.startswith(f + " ") for g in out)]


def _party(rec: dict, side: str = "source") -> str | None:
    a = rec.get(side) or {}
    aid = a.get("actor_id") or ""
    return aid if aid.startswith("person:") and not a.get("country") else (
        a.get("country") or a.get("code") or aid or None)


def _claim(rec: dict, proposal: str | None = None) -> dict:
    src = rec.get("source") or {}
    return {"actor": _party(rec), "code": src.get("code"), "name": src.get("name"),
            "cameo": rec.get("cameo"), "negated": rec.get("negated"),
            "sentence": rec.get("sentence"), "event_id": rec.get("event_id"),
            "canonical_event_id": rec.get("canonical_event_id"), "doc_id": rec.get("doc_id"),
            "story_id": rec.get("story_id"), "date": rec.get("date"), "proposal": proposal}


def _speaker(rec: dict):
    att = rec.get("attribution") or {}
    return att.get("actor_id") or att.get("speaker")


def find_contradictions(records, window_days: int = WINDOW_DAYS) -> list[dict]:
    """Opposite stances in a list of mention records.

    - kind "proposal": actor X supports a named proposal that actor Y rejects, within
      ``window_days`` of each other;
    - kind "reversal": the same actor on both sides of a proposal, on different days;
    - kind "event": one mention asserts an event that another, from a different actor
      or outlet, says did not happen (same dyad, compatible code and dates).
    """
    by_prop: dict[str, dict[str, list[dict]]] = {}
    for r in records:
        if r.get("negated") or r.get("modality") == "hypothetical":
            continue  # "did not reject", "might reject": no stance we can use
        clause = clause_text(r)
        st = stance(r.get("cameo"), clause) or (
            stance(r.get("cameo"), r.get("sentence")) if clause != r.get("sentence") else None)
        if st is None or not _party(r):
            continue
        for p in proposals(clause) or proposals(r.get("sentence")):
            by_prop.setdefault(p, {"support": [], "oppose": []})[st].append(r)
    out, seen = [], set()
    for p in sorted(by_prop):
        sides = by_prop[p]
        for s in sides["support"]:
            for o in sides["oppose"]:
                a, b = _party(s), _party(o)
                if (p, a, b) in seen or s.get("sentence") == o.get("sentence"):
                    continue
                gap = dates_gap(s, o)
                if gap is not None and gap > window_days:
                    continue
                kind = "proposal" if a != b else "reversal"
                if kind == "reversal" and (gap is None or gap == 0):
                    continue
                seen.add((p, a, b))
                out.append({"kind": kind, "subject": p, "days_apart": gap,
                            "supporter": _claim(s, p), "opponent": _claim(o, p)})
    # Asserted vs negated mention of the same event.
    by_key: dict[str, list[dict]] = {}
    for r in records:
        if r.get("modality") in ("intended", "hypothetical"):
            continue
        by_key.setdefault(block_key({**r, "negated": False}), []).append(r)
    for key in sorted(by_key):
        recs = by_key[key]
        pos = [r for r in recs if not r.get("negated")]
        neg = [r for r in recs if r.get("negated")]
        for n in neg:
            for a in pos:
                if not cameo_compatible(a.get("cameo"), n.get("cameo")):
                    continue
                gap = dates_gap(a, n)
                if gap is not None and gap > DATE_WINDOW_DAYS:
                    continue
                if a.get("doc_id") == n.get("doc_id") and _speaker(a) == _speaker(n):
                    continue  # one voice correcting itself is not a contradiction
                out.append({"kind": "event", "subject": f"{_party(a)} -> {_party(a, 'target')} "
                                                        f"CAMEO {a.get('cameo')}",
                            "days_apart": gap, "supporter": _claim(a), "opponent": _claim(n)})
                break
    return out
