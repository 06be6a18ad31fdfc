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

As in PETRARCH, a primary phrase without any code shares the codes of the next entry
("AMERICAN_VICE_PRESIDENT" then "AMERICAN_VICE-PRESIDENT [USAGOV]" are one actor), and
a blank inside a phrase joins words like "_". :func:`parse_petrarch` gives the entries
as read (for tools that convert a dictionary, e.g. tools/build_phoenix.py);
:func:`load_petrarch` adds them to an :class:`ActorData`.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import DataFileError
from .records import Actor, ActorData, Role
from .normalize import slug

CODE_BLOCK = re.compile(r"\[([^\]]*)\]")
SUBST = re.compile(r"^(![A-Z]+!)\s*=\s*(.+)$")


@dataclass
class Code:
    code: str                 # "" for a deliberate non-code ("---")
    start: dt.date | None
    end: dt.date | None
    line: int


@dataclass
class Phrase:
    text: str                 # display form: "Boko Haram"
    stem: bool                # no trailing "_": the last word is a stem
    line: int


@dataclass
class Entry:
    """One actor record: its primary phrase, synonyms and codes (dated or default)."""
    names: list[Phrase] = field(default_factory=list)   # primary phrase first
    codes: list[Code] = field(default_factory=list)
    line: int = 0


@dataclass
class AgentEntry:
    noun: str                 # lower case, words joined by blanks
    agent: str                # first three letters of the code
    full: str                 # the code as written (GOVFRM)
    line: int


def _date6(s: str, path, line, end: bool) -> dt.date:
    s = s.strip()
    if not s.isdigit() or len(s) not in (6, 8):
        raise DataFileError(path, line, f"bad PETRARCH date {s!r} (want YYMMDD or YYYYMMDD)")
    if len(s) == 6:   # as in KEDS/TABARI/PETRARCH: two-digit years 00-30 are 20xx, else 19xx
        yy = int(s[:2])
        s = ("20" if yy <= 30 else "19") + s
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
        if end < start:
            raise DataFileError(path, line, f"code block [{block}] ends before it starts")
    return code.upper(), start, end


def _surface(name: str) -> tuple[str, bool]:
    """PETRARCH name -> (text form, is_stem). A trailing '_' marks an exact word; a blank
    joins words like '_'. PETRARCH writes everything in capitals, so case is lost: a
    single word of up to four letters is kept in capitals (an acronym such as ANC or
    PKK, which must then be written in capitals to match), anything else is title-cased."""
    name = re.sub(r"\s+", "_", name.strip())
    exact = name.endswith("_")
    text = name.strip("_").replace("_", " ")
    letters = text.replace(".", "")
    if " " not in text and letters.isalpha() and len(letters) <= 4:
        return text.upper(), not exact
    return text.title(), not exact


def parse_petrarch(path: Path, errors: list | None = None):
    """Entries (actors) and agent nouns of a PETRARCH file, in file order.

    With ``errors`` (a list) a bad line is recorded there as a DataFileError and skipped
    (large third-party dictionaries have a few); without it the first one is raised."""
    path = Path(path)
    entries: list[Entry] = []
    agents: list[AgentEntry] = []
    subst: dict[str, list[str]] = {}
    current: Entry | None = None
    in_comment = False

    def fail(exc: DataFileError):
        if errors is None:
            raise exc
        errors.append(exc)

    for i, raw in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
        line = raw.rstrip()
        if "<!--" in line:
            in_comment = "-->" not in line
            continue
        if in_comment:
            in_comment = "-->" not in line
            continue
        body = line.split("#")[0].rstrip()
        if not body.strip() or body.lstrip().startswith("<") or "---STOP---" in body:
            continue
        sm = SUBST.match(body.strip())
        if sm:
            subst[sm.group(1)] = [w.strip() for w in sm.group(2).split(",") if w.strip()]
            continue
        blocks = CODE_BLOCK.findall(body)
        text = CODE_BLOCK.sub("", body).strip()
        text = re.sub(r"\{[^}]*\}", "", text).strip()   # explicit plurals: derived anyway
        if blocks and any("~" in b for b in blocks):      # an agent noun
            full = blocks[0].replace("~", "").split("#")[0].strip().upper()
            if not re.fullmatch(r"[A-Z]{3}[A-Z0-9]*", full):
                fail(DataFileError(path, i, f"bad agent code [{blocks[0]}]"))
                continue
            for form in _expand(text, subst):
                noun = re.sub(r"[\s_]+", " ", form).strip().lower()
                if noun:
                    agents.append(AgentEntry(noun, full[:3], full, i))
            current = None
            continue
        if raw[:1] in (" ", "\t") and blocks and not text:   # a dated code of the current actor
            if current is None:
                fail(DataFileError(path, i, "code block without an actor above it"))
                continue
            _add_codes(current, blocks[:1], path, i, fail)
            continue
        if text.startswith("+"):
            if current is None:
                fail(DataFileError(path, i, "synonym without an actor above it"))
                continue
            for part in text[1:].split("+"):    # "+A_+_B": two synonyms run together
                if part.strip(" _"):
                    current.names.append(Phrase(*_surface(part), i))
            continue
        if not text:
            continue
        phrase = Phrase(*_surface(text), i)
        if current is not None and not current.codes and not blocks:
            # PETRARCH: a primary phrase with no code yet shares the next entry's codes
            current.names.append(phrase)
            continue
        if current is not None and not current.codes:
            current.names.append(phrase)        # ... and this one brings the code
        else:
            current = Entry([phrase], [], i)
            entries.append(current)
        _add_codes(current, blocks, path, i, fail)
    return entries, agents


def _add_codes(entry: Entry, blocks, path, line, fail) -> None:
    for b in blocks:
        try:
            code, start, end = _parse_code(b, path, line)
        except DataFileError as exc:
            fail(exc)
            continue
        if not re.fullmatch(r"[A-Z0-9]{3,}", code):   # "---", "+++": deliberately not coded
            code = ""
        entry.codes.append(Code(code, start, end, line))


def load_petrarch(path: Path, data: ActorData, errors: list | None = None) -> None:
    entries, agents = parse_petrarch(path, errors)
    for ag in agents:
        data.agents[ag.noun] = ag.agent
    for e in entries:
        if not e.names:
            continue
        first = e.names[0]
        aid = f"org:petrarch-{slug(first.text)}"
        actor = data.actors.get(aid) or Actor(aid, "org", first.text, layer=data.layer)
        data.actors[aid] = actor
        for k, ph in enumerate(e.names):
            if k or actor.name != ph.text:
                actor.aliases.append(ph.text)
            if ph.stem:
                data.stems.append((ph.text, aid))
        for c in e.codes:
            _apply_code(actor, c, path)


def _apply_code(actor: Actor, c: Code, path) -> None:
    if not c.code:
        actor.code = None
        return
    code = c.code
    if c.start is None and c.end is None:
        actor.code = code
        actor.country = code[:3]
        actor.agent = code[3:6] or None
        if len(code) == 3 and actor.kind == "org":
            actor.kind = "country"   # a bare 3-letter code: a country-like actor ("Chinese officials")
        return
    actor.kind = "person"      # coded by date like a person with roles
    actor.roles.append(Role(code[:3], code[3:6] or None, "petrarch", c.start, c.end,
                            f"{Path(path).name}:{c.line}"))


def _expand(text: str, subst: dict[str, list[str]]) -> list[str]:
    for key, words in subst.items():
        if key in text:
            return [f for w in words for f in _expand(text.replace(key, w, 1), subst)]
    return [text]
