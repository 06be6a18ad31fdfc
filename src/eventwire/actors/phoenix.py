"""The Phoenix actor dictionaries as the lowest layer of the package dictionary.

The Phoenix dictionaries of the PETRARCH family (MIT licence; notice and provenance in
``data/actors/phoenix/``) hold about 18,000 country actors with date-bounded roles up to
early 2014, international organisations, companies, armed non-state groups and agent
nouns. ``tools/build_phoenix.py`` reads them with the PETRARCH parser
(:func:`eventwire.actors.petrarch.parse_petrarch`) and converts them with
:func:`convert_entries` / :func:`convert_agents` into ``phoenix_actors.tsv`` and
``phoenix_agents.tsv``, which :func:`load_phoenix` reads at start-up (fast, validated,
errors name the file and line).

Precedence (docs/actors.md): user files (``--actors``) > the package's own files >
Phoenix. A surface form that a higher layer defines hides the Phoenix forms of the same
key, and the conversion leaves out what the package already resolves on its own.

Conversion rules (each says why):
- Codes follow the project's conventions: the first agent after the country
  (``USAGOVLEG`` -> ``USAGOV``), historical state codes mapped as the package maps them
  (``USR`` -> RUS, ``DDR`` -> DEU, ``TMP`` -> TLS, ``KSV`` -> XKX), companies with a
  country are that country's businesses (``MNCUSA`` -> ``USABUS``), NGOs of one country
  are that country's NGOs (``NGOUSAENV`` -> ``USANGO``), international and regional codes
  (``IGOUNO``, ``NGOHRI``, ``IMGMOSALQ``, ``WEUREB``) stay as written, except that an
  international organisation is written in the project's code (``IGOBUSWBK`` ->
  ``IGOWBK``, ``NGOHLHIRC`` -> ``NGOIRC``): the table is data, ``code_conventions.yaml``,
  applied on load (an NGO code of regions and sectors only is a bare ``NGO``). Entries with a code that is neither a country nor a CAMEO
  international/regional block are dropped.
- People (entries with dated codes) are split into full names, matched alone, and
  one-word forms (surnames, "Obama"), which only become *short forms*: they need a
  fitting title or an earlier full mention (docs/actors.md, "People by evidence").
  Titles, honorifics and country words written into a form are stripped
  ("US_PRESIDENT_BARACK_OBAMA" -> "Barack Obama", "MR._OBAMA_" -> short "Obama"), and
  group forms ("OBAMA_ADMINISTRATION") are left to the phrase rules.
- The synonyms of a country entry that the package does not know (provinces, cities,
  old spellings) become *places* of that country: they name it, but a place glued to
  other capitalised words is part of a longer name ("Mr. Columbus", "Princess
  Charlotte"), as with cities.tsv.
- A person the package already has (a full name of the entry resolves to a package
  person) is left out: the package's dated offices are newer.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

import yaml

from ..errors import DataFileError
from .records import INTERNATIONAL, Actor, ActorData, Role, _line, _LineLoader
from .normalize import key_of, slug

PHOENIX_DIR = Path(__file__).resolve().parent.parent / "data" / "actors" / "phoenix"
ACTORS_FILE = PHOENIX_DIR / "phoenix_actors.tsv"
AGENTS_FILE = PHOENIX_DIR / "phoenix_agents.tsv"
CONVENTIONS_FILE = PHOENIX_DIR.parent / "code_conventions.yaml"
ACTOR_COLUMNS = ["kind", "id", "name", "aliases", "short", "code", "roles", "source"]
AGENT_COLUMNS = ["noun", "agent", "source"]
# Phoenix's roles stop in early 2014 (CountryInfo.140130): after this day an open role is
# a guess the text's own title should confirm (the mention's confidence says so).
HORIZON = dt.date(2014, 1, 30)
LAYER = 0

# Historical and non-ISO state codes -> the codes the package uses for them.
STATE_CODES = {"USR": "RUS", "SUN": "RUS", "DDR": "DEU", "FRG": "DEU", "TMP": "TLS",
               "KSV": "XKX", "KOS": "XKX", "SRP": "SRB", "YUG": "SRB", "SCG": "SRB",
               "FRY": "SRB", "CSK": "CZE", "ROM": "ROU", "ZAR": "COD", "BUR": "MMR"}
# CAMEO blocks that are not countries: international/transnational actors and regions.
REGIONS = {"AFR", "ASA", "BLK", "CAF", "CAS", "CAU", "CFR", "CRB", "EAF", "EEU", "EIN",
           "EUR", "LAM", "MEA", "MDT", "NAF", "NAM", "NMR", "PGS", "SAF", "SAM", "SAS",
           "SCN", "SEA", "SSA", "WAF", "WEU", "WST"}
AGENT_CODES = {"GOV", "MIL", "COP", "SPY", "JUD", "LEG", "PTY", "OPP", "REB", "UAF", "CRM",
               "BUS", "MED", "EDU", "REL", "CVL", "LAB", "HLH", "REF", "NGO", "ELI", "AGR",
               "HRI", "RAD", "ENV", "DEV", "SET", "IGO", "INS"}
HONORIFICS = {"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady", "madam", "mme",
              "elect", "the", "his", "her", "excellency", "hon", "honourable", "honorable",
              "mister", "comrade", "sheikh", "shaikh", "prince", "princess"}


@dataclass
class Row:
    kind: str                       # person | org | place
    id: str
    name: str
    aliases: list[str] = field(default_factory=list)
    short: list[str] = field(default_factory=list)
    code: str = ""
    roles: list[tuple[str, dt.date | None, dt.date | None]] = field(default_factory=list)
    source: str = ""


# -- codes ---------------------------------------------------------------------------------

def norm_code(code: str, countries: set[str]) -> str | None:
    """A Phoenix code in the project's conventions, or None when it cannot be placed."""
    code = code.upper()
    if not code:
        return None
    head, rest = code[:3], code[3:]
    head = STATE_CODES.get(head, head)
    if head in countries:
        agent = rest[:3]
        return head + (agent if agent in AGENT_CODES else "")
    if head == "MNC":
        c = STATE_CODES.get(rest[:3], rest[:3])
        return c + "BUS" if c in countries else code
    if head == "NGO":
        c = STATE_CODES.get(rest[:3], rest[:3])
        return c + "NGO" if c in countries else code
    if head in INTERNATIONAL or head in REGIONS or head in AGENT_CODES:
        return head + rest
    return None


def _conventions_doc(path: Path) -> dict:
    doc = yaml.load(path.read_text(encoding="utf-8"), Loader=_LineLoader) or {}
    if not isinstance(doc, dict) or not isinstance(doc.get("phoenix"), dict) \
            or set(doc) - {"phoenix", "bare_ngo_blocks"}:
        raise DataFileError(path, _line(doc), "want sections phoenix: {CODE: CODE} and "
                            "bare_ngo_blocks: [BLOCK]")
    return doc


def load_conventions(path: Path = CONVENTIONS_FILE) -> dict[str, str]:
    """Phoenix code -> the project's code (``code_conventions.yaml``, section ``phoenix``)."""
    body = _conventions_doc(path)["phoenix"]
    out = {}
    for k, v in body.items():
        if not (isinstance(k, str) and isinstance(v, str) and CODE_RE.match(k) and CODE_RE.match(v)
                and len(k) % 3 == 0 and len(v) % 3 == 0):
            raise DataFileError(path, _line(body), f"bad code pair {k!r}: {v!r} (want 3-letter blocks)")
        out[k] = v
    return out


def load_bare_ngo_blocks(path: Path = CONVENTIONS_FILE) -> frozenset[str]:
    """Blocks that name no organisation of its own after NGO (section ``bare_ngo_blocks``)."""
    body = _conventions_doc(path).get("bare_ngo_blocks") or []
    if not isinstance(body, list) or not all(isinstance(b, str) and re.fullmatch(r"[A-Z]{3}", b)
                                             for b in body):
        raise DataFileError(path, _line(body), "bare_ngo_blocks: want a list of 3-letter blocks")
    return frozenset(body)


def conventional(code: str, table: dict[str, str], bare_ngo: frozenset[str]) -> str:
    """A Phoenix code as the project writes it: the table's code, and a bare NGO for an NGO
    code of regions, sectors and religions only (NGOHRI, NGOAFRDEV -> NGO)."""
    code = table.get(code, code)
    if code.startswith("NGO") and len(code) > 3 and len(code) % 3 == 0 \
            and all(code[k:k + 3] in bare_ngo for k in range(3, len(code), 3)):
        return "NGO"
    return code


# -- people's forms ------------------------------------------------------------------------

def split_person_forms(forms: Iterable[str], is_prefix: Callable[[tuple[str, ...]], int],
                       group_words: set[str], strip_words: set[str] = frozenset()
                       ) -> tuple[list[str], list[str]]:
    """(full names, one-word short forms) of a person's Phoenix forms.

    ``is_prefix(key)`` gives how many leading tokens of ``key`` are a title or a country
    word (0 if none); honorifics and ``strip_words`` (modifiers such as "former",
    "deputy") are stripped too. A form ending in a group noun ("Obama
    administration") is left to the phrase rules."""
    full: list[str] = []
    short: list[str] = []
    for form in forms:
        words = form.replace("-", " - ").split()
        words = [w for w in words if w != "-"]
        if not words:
            continue
        while words:
            key = tuple(k for w in words for k in key_of(w))
            n = 0
            if key and (key[0] in HONORIFICS or key[0] in strip_words):
                n = 1
            else:
                k = is_prefix(key)
                if k and k < len(key):
                    n = _words_for_tokens(words, k)
            if not n or n >= len(words):
                break
            words = words[n:]
        if not words:
            continue
        key = tuple(k for w in words for k in key_of(w))
        if not key or key[-1] in group_words:
            continue
        text = " ".join(words)
        if len(words) == 1 and len(key) > 1:
            continue        # "Abdel-Fattah": a hyphenated surname alone is neither
        if len(key) == 1:
            if len(key[0]) > 2 and text not in short:
                short.append(text)
        elif text not in full:
            full.append(text)
    return full, short


def _words_for_tokens(words: list[str], k: int) -> int:
    """How many whitespace words make up the first k normalised tokens."""
    n = used = 0
    for w in words:
        if used >= k:
            break
        used += max(1, len(key_of(w)))
        n += 1
    return n


# -- reading the compiled files ----------------------------------------------------------------

def _date(s: str, path, line) -> dt.date | None:
    if not s:
        return None
    try:
        return dt.date.fromisoformat(s)
    except ValueError:
        raise DataFileError(path, line, f"bad date {s!r} (want YYYY-MM-DD)") from None


CODE_RE = re.compile(r"^[A-Z]{3}[A-Z0-9]*$")


def load_phoenix(data: ActorData, actors_file: Path = ACTORS_FILE,
                 agents_file: Path = AGENTS_FILE) -> None:
    """Add the compiled Phoenix layer to ``data`` (actors of layer 0; agent nouns only
    where the package has none)."""
    if agents_file.exists():
        data.files.append(str(agents_file))
        for i, cols in _rows(agents_file, AGENT_COLUMNS):
            noun, agent = cols[0], cols[1]
            if not re.fullmatch(r"[A-Z]{3}", agent):
                raise DataFileError(agents_file, i, f"bad agent code {agent!r}")
            data.agents.setdefault(noun, agent)
    if not actors_file.exists():
        return
    data.files.append(str(actors_file))
    actors = data.actors
    table, bare_ngo = load_conventions(), load_bare_ngo_blocks()
    for i, cols in _rows(actors_file, ACTOR_COLUMNS):
        kind, aid, name, aliases, short, code, roles, source = cols
        if kind not in ("person", "org", "place"):
            raise DataFileError(actors_file, i, f"kind must be person, org or place, not {kind!r}")
        if aid in actors:
            continue        # a higher layer has this id: it wins
        if code and not CODE_RE.match(code):
            raise DataFileError(actors_file, i, f"bad code {code!r}")
        code = conventional(code, table, bare_ngo) if code else code
        a = Actor(aid, kind, name, aliases=aliases.split("|") if aliases else [],
                  short=short.split("|") if short else [])
        a.layer = LAYER
        if code:
            if code[:3] in INTERNATIONAL or code[:3] in REGIONS:
                a.code = code                       # IGOUNO, NGOHRI, WEUREB: no country
            elif code in AGENT_CODES:
                a.code = a.agent = code             # "[ELI]": a former official of no one country
            else:
                a.country, a.agent = code[:3], code[3:6] or None
                a.code = code if kind == "org" else None
        for r in roles.split(";") if roles else ():
            parts = r.split(":")
            if len(parts) != 3 or not CODE_RE.match(parts[0]):
                raise DataFileError(actors_file, i, f"bad role {r!r} (want CODE:from:to)")
            c = conventional(parts[0], table, bare_ngo)
            start, end = _date(parts[1], actors_file, i), _date(parts[2], actors_file, i)
            if start and end and end < start:
                raise DataFileError(actors_file, i, f"role {r!r} ends before it starts")
            if c[:3] in INTERNATIONAL:
                a.roles.append(Role(c[:3], c[3:] or None, "phoenix", start, end, source))
            else:
                a.roles.append(Role(c[:3], c[3:6] or None, "phoenix", start, end, source))
        national = [ro.country for ro in a.roles if ro.country and ro.country not in INTERNATIONAL]
        if national and a.country is None and a.code is None:
            a.country = national[-1]        # an EU or UN post names no country
        actors[aid] = a
        if kind == "place":
            data.region_ids.discard(aid)


def _rows(path: Path, columns: list[str]):
    with path.open(encoding="utf-8") as fh:
        header = None
        for i, line in enumerate(fh, start=1):
            if line.startswith("#") or not line.strip():
                continue
            cols = line.rstrip("\n").split("\t")
            if header is None:
                header = cols
                if header != columns:
                    raise DataFileError(path, i, f"header must be {' '.join(columns)}")
                continue
            if len(cols) != len(columns):
                raise DataFileError(path, i, f"want {len(columns)} tab-separated columns")
            yield i, cols


def write_tsv(path: Path, columns: list[str], rows: Iterable[list[str]], header: str) -> int:
    n = 0
    with path.open("w", encoding="utf-8") as fh:
        fh.write(header)
        fh.write("\t".join(columns) + "\n")
        for r in rows:
            if any("\t" in c or "\n" in c for c in r):
                raise ValueError(f"tab or newline inside a field: {r}")
            fh.write("\t".join(r) + "\n")
            n += 1
    return n


def row_fields(r: Row) -> list[str]:
    roles = ";".join(f"{c}:{s.isoformat() if s else ''}:{e.isoformat() if e else ''}"
                     for c, s, e in r.roles)
    return [r.kind, r.id, r.name, "|".join(r.aliases), "|".join(r.short), r.code, roles,
            r.source]


def person_id(name: str, taken: set[str], country: str | None) -> str:
    base = f"person:{slug(name)}"
    if base not in taken:
        return base
    alt = f"{base}-{(country or 'x').lower()}"
    k = 2
    while alt in taken:
        alt = f"{base}-{(country or 'x').lower()}{k}"
        k += 1
    return alt
