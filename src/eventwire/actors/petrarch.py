"""Import of PETRARCH/TABARI actor and agent dictionaries (``--actors FILE.txt``).

Actors file::

    GOLLUM  [HOB]            # a name, its default code
    +SMEAGOL                 # synonyms
        [HOBGOV 950601-990815]   # date-restricted codes (YYMMDD or YYYYMMDD; <, >, a-b)
    ARGENTIN [ARG]           # no trailing "_": a word stem (Argentina, Argentine, ...)
    ARNOR_ [ARN]             # trailing "_": the exact word

Agents file (codes with ``~``)::

    !PERSON! = MAN, MEN, WOMAN, WOMEN, PERSON
    AMBASSADOR [~GOV]
    CONGRESS!PERSON! [~LEG]
    ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOV]

Names become actors (``org:petrarch-<name>``); a date-restricted entry becomes an actor
with dated roles, coded by the event date like the package's people. Agent codes keep
their first three letters (our agent codes are 3-letter: ``~GOVFRM`` -> GOV).
"""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from ..errors import DataFileError
from .dictionary import Actor, ActorData, Role
from .normalize import slug

CODE_BLOCK = re.compile(r"\[([^\]]*)\]")
SUBST = re.compile(r"^(![A-Z]+!)\s*=\s*(.+)$")


def _date6(s: str, path, line, end: bool) -> dt.date:
    s = s.strip()
    if not s.isdigit() or len(s) not in (6, 8):
        raise DataFileError(path, line, f"bad PETRARCH date {s!r} (want YYMMDD or YYYYMMDD)")
    if len(s) == 6:   # TABARI two-digit years: 50-99 -> 19xx
        yy = int(s[:2])
        s = ("19" if yy >= 50 else "20") + s
    try:
        return dt.date(int(s[:4]), int(s[4:6]), int(s[6:8]))
    except ValueError:
        raise DataFileError(path, line, f"bad PETRARCH date {s!r}") from None


def _parse_code(block: str, path, line):
    """'HOBGOV 19950601 - 19990815' -> (code, start, end); dates optional."""
    block = block.split("#")[0].strip()
    m = re.fullmatch(r"(\S*?)\s*(?:([<>])\s*(\d+)|(\d+)\s*-\s*(\d+))?", block)
    if not m:
        raise DataFileError(path, line, f"bad code block [{block}]")
    code, rel, d1, a, b = m.groups()
    start = end = None
    if rel == "<":
        end = _date6(d1, path, line, True) - dt.timedelta(days=1)
    elif rel == ">":
        start = _date6(d1, path, line, False) + dt.timedelta(days=1)
    elif a:
        start, end = _date6(a, path, line, False), _date6(b, path, line, True)
    return code.upper(), start, end


def _surface(name: str) -> tuple[str, bool]:
    """PETRARCH name -> (text form, is_stem). A trailing '_' marks an exact word."""
    exact = name.endswith("_")
    text = name.strip("_").replace("_", " ")
    return text.title(), not exact


def load_petrarch(path: Path, data: ActorData) -> None:
    subst: dict[str, list[str]] = {}
    current: Actor | None = None
    in_comment = False
    for i, raw in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
        line = raw.rstrip()
        if "<!--" in line:
            in_comment = "-->" not in line
            continue
        if in_comment:
            in_comment = "-->" not in line
            continue
        body = line.split("#")[0].rstrip()
        if not body.strip() or body.lstrip().startswith("<"):
            continue
        sm = SUBST.match(body.strip())
        if sm:
            subst[sm.group(1)] = [w.strip() for w in sm.group(2).split(",") if w.strip()]
            continue
        blocks = CODE_BLOCK.findall(body)
        text = CODE_BLOCK.sub("", body).strip()
        text = re.sub(r"\{[^}]*\}", "", text).strip()   # explicit plurals: derived anyway
        if blocks and any("~" in b for b in blocks):      # an agent noun
            code = blocks[0].replace("~", "").strip()[:3].upper()
            if not re.fullmatch(r"[A-Z]{3}", code):
                raise DataFileError(path, i, f"bad agent code [{blocks[0]}]")
            for form in _expand(text, subst):
                data.agents[form.replace("_", " ").lower()] = code
            current = None
            continue
        if raw[:1] in (" ", "\t") and blocks and not text:   # a dated code of the current actor
            if current is None:
                raise DataFileError(path, i, "code block without an actor above it")
            _add_code(current, blocks[0], path, i)
            continue
        if text.startswith("+"):
            if current is None:
                raise DataFileError(path, i, "synonym without an actor above it")
            form, stem = _surface(text[1:].strip())
            current.aliases.append(form)
            if stem:
                data.stems.append((form, current.actor_id))
            continue
        if not text:
            continue
        form, stem = _surface(text.split()[0] if "_" in text else text)
        aid = f"org:petrarch-{slug(form)}"
        current = data.actors.get(aid) or Actor(aid, "org", form)
        data.actors[aid] = current
        if stem:
            data.stems.append((form, aid))
        for b in blocks:
            _add_code(current, b, path, i)


def _expand(text: str, subst: dict[str, list[str]]) -> list[str]:
    for key, words in subst.items():
        if key in text:
            return [f for w in words for f in _expand(text.replace(key, w, 1), subst)]
    return [text]


def _add_code(actor: Actor, block: str, path, line) -> None:
    code, start, end = _parse_code(block, path, line)
    if not re.fullmatch(r"[A-Z0-9]{3,}", code):   # "---", "+++": deliberately not coded
        actor.code = None
        return
    if start is None and end is None:
        actor.code = code
        actor.country = code[:3]
        actor.agent = code[3:6] or None
        if len(code) == 3 and actor.kind == "org":
            actor.kind = "country"   # a bare 3-letter code: a country-like actor ("Chinese officials")
        return
    actor.kind = "person"      # coded by date like a person with roles
    actor.roles.append(Role(code[:3], code[3:6] or None, "petrarch", start, end,
                            f"{path.name}:{line}"))
