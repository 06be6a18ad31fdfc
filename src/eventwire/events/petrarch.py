"""Import of PETRARCH/TABARI dictionaries, so users migrating from PETRARCH keep their work.

- ``load_actor_dictionary(path)``: ``*.actors.txt`` -> actor entries (name, code, synonyms),
  in the form the actor resolver's user dictionaries take (``to_actor_yaml``), and usable
  directly by ``DictionaryActorTagger`` (a phrase matcher that sets ``doc._.actors``).
- ``load_agent_dictionary(path)``: ``*.agents.txt`` -> agent nouns with their ``~XXX`` codes;
  an agent after an actor ("Arnor police") composes the code (ARN + COP).
- ``load_verb_patterns(path, Pattern)``: ``*.verbs.txt`` -> eventwire ``Pattern``s: each verb block
  (``--- VERB [code] ---`` with its synonym lines) gives a bare verb pattern, and each
  ``- ... * WORD ... [code]`` line a pattern constrained on the object/preposition words.

The TABARI pattern language (``$`` source, ``+`` target, ``%`` compound, synsets ``&X``,
``^`` skips) is richer than what a dependency coder needs; we keep the words after the
verb as object/preposition constraints, which is what most patterns express.
"""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import DataFileError

_CODE = re.compile(r"\[([^\]]*)\]")


def _strip_comment(line: str) -> str:
    line = re.sub(r"<!--.*?-->", "", line)
    return line.split("#", 1)[0].rstrip()


def _phrase(raw: str) -> str:
    """TABARI phrase -> lowercase words: '_' joins words, trailing '_' marks exact form."""
    return " ".join(w for w in raw.replace("_", " ").lower().split() if w)


# ------------------------------------------------------------------ actors

@dataclass
class DictActor:
    name: str
    code: str
    synonyms: list[str] = field(default_factory=list)
    kind: str = "actor"      # actor | agent
    # date-restricted codes: (code, from yyyymmdd or 0, to yyyymmdd or 99999999)
    dated: list[tuple[str, int, int]] = field(default_factory=list)

    def code_on(self, day: int | None) -> str:
        """The code in force on ``day`` (yyyymmdd); the open-ended one without a date."""
        if day and self.dated:
            for code, start, end in self.dated:
                if start <= day <= end:
                    return code
        return self.code

    @property
    def actor_id(self) -> str:
        return f"petrarch:{self.code.lower()}:{re.sub(r'[^a-z0-9]+', '-', self.name.lower()).strip('-')}"


def _day(raw: str) -> int:
    """'950601' / '19950601' -> 19950601 (two-digit years: 00-29 -> 20xx)."""
    raw = raw.strip()
    if len(raw) == 6:
        yy = int(raw[:2])
        return (2000 + yy if yy < 30 else 1900 + yy) * 10000 + int(raw[2:])
    return int(raw) if raw.isdigit() else 0


def _dated(codes: list[str]) -> list[tuple[str, int, int]]:
    out = []
    for c in codes:
        m = re.match(r"^\s*([A-Za-z0-9~+/\-]+)\s*(?:(<|>)\s*(\d+)|(\d+)\s*-\s*(\d+))\s*$", c)
        if not m:
            continue
        code, op, d, a, b = m.groups()
        if op == "<":
            out.append((code, 0, _day(d) - 1))
        elif op == ">":
            out.append((code, _day(d), 99999999))
        else:
            out.append((code, _day(a), _day(b)))
    return out


def _current_code(codes: list[str]) -> str | None:
    """A PETRARCH date-restricted code list -> the open-ended (latest) code."""
    best = None
    for c in codes:
        c = c.strip()
        m = re.match(r"^([A-Za-z0-9~+/\-]+)", c)
        if not m:
            continue
        best = m.group(1)
        if ">" in c:  # "HOBREB > 990816": the code from that date on
            return best
    return best


def load_actor_dictionary(path) -> list[DictActor]:
    """Parse a PETRARCH actors file. Entries: 'NAME [CODE]', '+SYNONYM' lines, and
    multi-line blocks whose code lines follow ('\\t[CODE dates]')."""
    path = Path(path)
    out: list[DictActor] = []
    cur: DictActor | None = None
    pending: list[str] = []
    in_comment = False
    for n, raw in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
        if "<!--" in raw and "-->" not in raw:
            in_comment = True
            continue
        if in_comment:
            if "-->" in raw:
                in_comment = False
            continue
        line = _strip_comment(raw)
        if not line.strip():
            continue
        s = line.strip()
        if s.startswith("+"):
            if cur is None:
                raise DataFileError(path, n, "synonym before any actor")
            cur.synonyms.append(_phrase(s[1:]))
            continue
        if s.startswith("["):
            if cur is None:
                raise DataFileError(path, n, "code line before any actor")
            pending.append(s.split("]")[0].strip("[ "))
            cur.code = _current_code(pending) or cur.code
            cur.dated = _dated(pending)
            continue
        codes = _CODE.findall(s)
        name = _phrase(_CODE.sub("", s))
        if not name:
            raise DataFileError(path, n, f"no actor name in {s!r}")
        pending = list(codes)
        cur = DictActor(name=name, code=_current_code(codes) or "", dated=_dated(codes))
        out.append(cur)
    return [a for a in out if a.code and not a.code.startswith(("---", "+++", "###"))]


def load_agent_dictionary(path) -> list[DictActor]:
    """Parse a PETRARCH agents file: 'AGENT {PLURALS} [~CODE]'; '!X! = a, b' substitutions."""
    path = Path(path)
    subs: dict[str, list[str]] = {}
    out: list[DictActor] = []
    for n, raw in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
        line = _strip_comment(raw).strip()
        if not line or line.startswith("<"):
            continue
        m = re.match(r"^!(\w+)!\s*=\s*(.+)$", line)
        if m:
            subs[m.group(1)] = [w.strip() for w in m.group(2).split(",") if w.strip()]
            continue
        codes = _CODE.findall(line)
        if not codes:
            continue
        code = codes[-1].strip().lstrip("~")
        plurals = re.findall(r"\{([^}]*)\}", line)
        name_raw = re.sub(r"\{[^}]*\}", "", _CODE.sub("", line)).strip()
        names = [name_raw]
        for key, vals in subs.items():
            if f"!{key}!" in name_raw:
                names = [name_raw.replace(f"!{key}!", v) for v in vals]
        forms = []
        for nm in names:
            base = _phrase(nm)
            forms.append(base)
            if not plurals or not plurals[0].strip():
                forms.append(base + "s")  # the default regular plural
        for p in plurals:
            forms += [_phrase(x) for x in p.split() if x]
        if forms and forms[0]:
            out.append(DictActor(name=forms[0], code=code, synonyms=forms[1:], kind="agent"))
    return out


def to_actor_yaml(actors: list[DictActor]) -> list[dict]:
    """Entries in the shape of eventwire's actor user dictionaries (see docs/actors.md)."""
    return [{"id": a.actor_id, "name": a.name.title(), "code": a.code,
             "aliases": sorted(set(a.synonyms))} for a in actors if a.kind == "actor"]


def _join(code: str, agent: str) -> str:
    """Actor code + agent code, without repeating an agent the actor already has
    ("White House" USAGOV + officials GOV -> USAGOV)."""
    return code if code.endswith(agent) else code + agent


class DictionaryActorTagger:
    """Longest-match phrase tagger over a doc's tokens, setting ``doc._.actors``.

    Used for dictionaries the built-in resolver does not know (PETRARCH user files, the
    fictional actors of the validation suites). An agent noun next to an actor composes a
    code ("Arnor police" -> ARNCOP); an agent alone gets no country.
    """

    def __init__(self, actors: list[DictActor], agents: list[DictActor] = ()):
        self.index: dict[str, list[tuple[list[str], DictActor]]] = {}
        for a in list(actors) + list(agents):
            for form in [a.name] + a.synonyms:
                words = form.split()
                if words:
                    self.index.setdefault(words[0], []).append((words, a))
                if len(words) > 1:  # "Dol_Amroth" written as one token
                    self.index.setdefault("_".join(words), []).append((["_".join(words)], a))
        for v in self.index.values():
            v.sort(key=lambda x: -len(x[0]))

    def _match(self, low: list[str], i: int):
        for words, a in self.index.get(low[i], []):
            if low[i:i + len(words)] == words:
                return len(words), a
        # prefix forms: TABARI 'ARGENTIN' matches Argentina/Argentine
        return None

    def __call__(self, doc, day: int | None = None):
        """Tag ``doc``; ``day`` (yyyymmdd) picks date-restricted codes."""
        low = [t.lower_ for t in doc]
        hits = []
        i = 0
        while i < len(doc):
            m = self._match(low, i)
            if m is None:
                i += 1
                continue
            n, a = m
            hits.append((i, i + n, a))
            i += n
        actors = []
        k = 0
        while k < len(hits):
            s, e, a = hits[k]
            agent = None
            if a.kind == "actor" and k + 1 < len(hits) and hits[k + 1][2].kind == "agent" \
                    and hits[k + 1][0] <= e + 1:
                agent = hits[k + 1][2]
                e = hits[k + 1][1]
                k += 1
            if a.kind == "agent":
                code, country = a.code, None
                # "activists in Arnor", "the government of Gondor": agent + of/in/from + actor
                if k + 1 < len(hits) and hits[k + 1][2].kind == "actor" and hits[k + 1][0] == e + 1 \
                        and low[e] in ("in", "of", "from"):
                    nxt = hits[k + 1][2]
                    base = nxt.code_on(day)
                    code, country = _join(base, a.code), base[:3]
                    e = hits[k + 1][1]
                    k += 1
            else:
                base = a.code_on(day)
                code = _join(base, agent.code) if agent else base
                country = base[:3]
            span = doc[s:e]
            actors.append({
                "text": span.text, "name": a.name.title(), "code": code, "country": country,
                "agent": agent.code if agent else (a.code if a.kind == "agent" else None),
                "actor_id": a.actor_id, "span": [span.start_char, span.end_char],
                "token_span": [s, e], "kind": "org" if a.kind == "actor" else "agent",
                "confidence": 0.9})
            k += 1
        doc._.actors = actors
        return doc


# ------------------------------------------------------------------ verbs

def petrarch_code(actor: dict | None) -> str:
    """An event side as PETRARCH writes it: ``---`` for no actor, ``---GOV`` for a
    sector-only actor whose country is unknown, the actor's code otherwise."""
    if not actor:
        return "---"
    code = actor.get("code") or ""
    if not actor.get("country") and actor.get("agent") and code == actor.get("agent"):
        return "---" + code
    return code or "---"


def load_verb_patterns(path, Pattern):
    """PETRARCH verbs file -> list of eventwire patterns (codes kept as given).

    ``Pattern`` is the pattern class (events.patterns.Pattern): the pattern loader passes
    it in, so this reader does not import the module that imports it."""
    path = Path(path)
    synsets: dict[str, list[str]] = {}
    patterns: list[Pattern] = []
    cur_set = None
    verbs: list[str] = []
    block_code = None
    block_n = 0
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    for n, raw in enumerate(lines, 1):
        line = _strip_comment(raw)
        s = line.strip()
        if not s or s.startswith("<"):
            continue
        if s.startswith("&") and "[" not in s:
            cur_set = s.split()[0][1:].rstrip("_")
            synsets[cur_set] = []
            continue
        if s.startswith("+") and cur_set is not None:  # a synset member
            synsets[cur_set].append(_phrase(s[1:]))
            continue
        m = re.match(r"^---\s*(.+?)\s*\[([^\]]*)\]\s*---", s)
        if m:
            cur_set = None
            block_n += 1
            # the block's verb as written (TABARI matches surface forms: "LEFT", "MET")
            verbs = [_phrase(m.group(1)).split()[0]] if _phrase(m.group(1)) else []
            block_code = m.group(2).strip()
            if _codes(block_code)[0] not in _NULL:
                patterns.append(_bare(Pattern, path, n, block_n, verbs, block_code))
            continue
        if block_code is None:
            continue
        if s.startswith("-"):
            codes = _CODE.findall(s)
            if not codes:
                continue
            code = codes[0].strip()
            body = _CODE.sub("", s[1:]).strip()
            patterns.extend(_line_pattern(Pattern, path, n, verbs, code, body, synsets) or [])
            continue
        # a synonym verb of the block ("ABANDON", "+ABC_DEF") or a multiword verb form
        w = _phrase(s.lstrip("+").split("[")[0])
        if w:
            verbs.append(w.split()[0])
            if patterns and patterns[-1].id.endswith(f"b{block_n}"):
                last = patterns[-1]
                patterns[-1] = dataclasses.replace(last, verbs=tuple(dict.fromkeys(verbs)))
    return patterns


def _codes(raw: str) -> tuple[str, str]:
    """'032:033' -> ('032', '033'); '031' -> ('031', '')."""
    a, _, b = raw.partition(":")
    return a.strip(), b.strip()


_NULL = ("---", "+++", "###", "xxy", "")


def _bare(Pattern, path, n, block_n, verbs, code):
    main, paired = _codes(code)
    return Pattern(id=f"petrarch:{path.stem}:b{block_n}", cameo=main, paired=paired,
                   verbs=tuple(verbs), source=("subj",),
                   target=("dobj", "prep:to|with|against|on|in|for|at|from|into|of|between",
                           "after"),
                   reciprocal=True, confidence=0.6, origin=f"{path.name}:{n}")


_SKIP = {"$", "+", "%", "^", "*", "the", "a", "an"}


def _words(part: str, synsets) -> list[str]:
    out = []
    for w in re.split(r"[\s_]+", part.lower()):
        # PETRARCH2 writes a prepositional phrase in parentheses: "* (ON RESOLUTION)"
        w = w.strip().strip("(){}")
        if not w:
            continue
        if w.startswith("&"):
            syn = synsets.get(w[1:].rstrip("_").upper()) or synsets.get(w[1:].rstrip("_")) or []
            if syn:  # a synset: its first member stands for it (TABARI would try all)
                out.append(syn[0].split()[0])
            continue
        if w in _SKIP or not re.match(r"^[a-z][a-z'\-]*$", w):
            continue
        out.append(w)
    return out


def _expand(part: str, synsets, depth=0) -> list[str]:
    """A pattern side with synsets (&X) -> the variants, one per synset member (nested
    synsets expanded too; at most 40 variants)."""
    m = re.search(r"&([A-Za-z0-9]+)_?", part)
    if not m or depth > 3:
        return [part]
    members = synsets.get(m.group(1).upper()) or synsets.get(m.group(1)) or []
    out = []
    for mem in members or [""]:
        out += _expand(part[:m.start()] + " " + mem.replace("&", " &") + " " + part[m.end():],
                       synsets, depth + 1)
    return out[:40]


def _line_pattern(Pattern, path, n, verbs, code, body, synsets):
    """'- SAID * TO ATTEND [082]': words before/after the verb ('*') must be present.
    One Pattern per synset variant."""
    if "*" not in body or not verbs:
        return None
    main, paired = _codes(code)
    if main in _NULL or main.startswith("-"):
        return None
    before_part, after_part = body.split("*", 1)
    out = []
    for k, (b, a) in enumerate((b, a) for b in _expand(before_part, synsets)
                               for a in _expand(after_part, synsets)):
        before, after = _words(b, synsets), _words(a, synsets)
        if not before and not after:
            continue
        out.append(Pattern(id=f"petrarch:{path.stem}:{n}" + (f".{k}" if k else ""), cameo=main,
                           paired=paired, verbs=tuple(dict.fromkeys(verbs)), before=tuple(before),
                           after=tuple(after), source=("subj",),
                           target=("dobj", "prep:to|with|against|on|in|for|at|from|into|of|between",
                                   "after"),
                           reciprocal=True, confidence=0.65, origin=f"{path.name}:{n}"))
    return out
