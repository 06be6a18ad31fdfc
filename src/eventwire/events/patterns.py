"""Verb patterns as data: load, validate and index ``data/patterns/*.yaml``.

A pattern file is a YAML mapping with a ``patterns:`` list; each pattern:

    - id: consult.send_envoy        # unique; recorded on every event it produces
      cameo: "042"                  # a code of the CAMEO codebook
      verbs: [send, dispatch]       # verb lemmas ...  (or)
      nouns: [visit, trip]          # ... noun lemmas for nominal events ("a visit by")
      object: [envoy, delegation]   # optional: the direct object (or its 'of'/compound) must be one of these
      particle: [up]                # optional: phrasal-verb particle ("step up")
      xcomp: [attack, strike]       # optional: an infinitive complement lemma ("threaten to attack")
      prep: [to]                    # optional: a preposition that must be attached to verb/object
      source: [subj]                # slots tried in order (default [subj] / [poss, prep:by, prep:of] for nouns)
      target: [prep:to, dobj]       # slots tried in order (default [dobj])
      require_target: true          # no event without a target (default false for verbs, true for nouns)
      reciprocal: true              # coordinated subjects without object act on each other ("X and Y met")
      intransitive: true            # only without object or that-clause ("demonstrated" vs "demonstrated that")
      not_infinitive: true          # not with an infinitive complement ("fought to keep his job": a struggle)
      needs_complement: true        # only with an object, an infinitive or to/on ("agreed to talks";
                                    # a bare "agreed", "agreed that/with" assents to a view)
      complement_aux: [must]        # the that-clause has this modal ("said that Y must ...": a demand)
      subject: [court, tribunal]    # optional: the subject's head noun is one of these ("the
                                    # tribunal found that ..."; not "the minister found that")
      complement: [concerned]       # its that-clause's predicate is one of these ("said it was
                                    # concerned", "said the plan was unacceptable"); the
                                    # slot `complement` is what the clause is about
      not_prep: [on, upon]          # not with this preposition on the verb ("seized on a remark")
      source_agents: [LAB, CVL]     # only sources of these sectors ("a strike by miners" is
                                    # labour's; "a strike by warplanes" is no walkout)
      implied_source: JUD           # no source named: this sector of the country where it
                                    # happens ("was handed a ten-year sentence": a court)
      country_target: true          # a country as target stays the country, not its
                                    # government ("taken off the travel list": its travellers)
      implied_target: CVL           # no target named: the people of this sector of the
                                    # source's country ("banned all demonstrations": would-be
                                    # protesters, civilians; not the place where)
      own_subject: true             # its infinitive complement has a doer of its own ("wants
                                    # Japan to lift tariffs"; not "wants to meet")
      not_predicative: true         # not when the object has a predicate: "called them an
                                    # occupying army" names, it does not telephone
      request_sense: true           # only when the verb asks for something: not a question
                                    # ("asked whether/about ...", "he asked."), not an
                                    # attempt ("sought to end"), not a source's anonymity
      thing_object: true            # only when what it acts on is a thing: "questioned the
                                    # decision" doubts it; "questioned the minister" (or "the
                                    # minister was questioned") interrogates him
      reporting: true               # a verb of saying: coded only when it has a political
                                    # addressee and its content is no coded event (else the
                                    # speaker is the attribution of that content)
      confidence: 0.8               # base confidence (default 0.7)

Slots: ``subj`` (nsubj, or the by-agent of a passive), ``dobj`` (direct object, or the
passive subject), ``iobj`` (dative), ``prep:X`` / ``prep:X|Y`` (object of a preposition on
the verb or on its object), ``poss`` (possessor of a nominal: "China's visit"),
``amod`` (adjective/compound modifier: "Chinese officials' visit"), ``ccomp.subj``,
``complement`` (what a that-clause is about: its noun subject and the objects of
about/over/on/with/at/against on its predicate: "said the Bolivian proposal was
unacceptable", "said it was concerned about the Ugandan build-up"),
``after`` (the first actor after the verb in its clause: TABARI's rule, used for
imported PETRARCH dictionaries), ``captor`` (who held the captives whose release the
object is: "the release of ten students kidnapped by X", "... of the hostages from X"),
``host:after|at`` (for an event noun that is the object of one of these prepositions on a
verb: that verb's subject -- "after talks with X, S announced ...": S held the talks;
"S sent troops at the request of X": S was asked).

For an event noun, ``object`` / ``not_object`` also read the noun's own compounds and
adjectives ("a prisoner swap", "a threatened strike", "a hunger strike").

A bad entry raises ``DataFileError(file, line, reason)``.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..errors import DataFileError
from .codebook import get_codebook

PATTERN_DIR = Path(__file__).resolve().parent.parent / "data" / "patterns"
SLOT_RE = re.compile(r"^(subj|dobj|iobj|poss|amod|ccomp\.subj|complement|after|captor|"
                     r"(prep|host):[a-z_]+(\|[a-z_]+)*)$")


class _Loader(yaml.SafeLoader):
    """YAML without the 1.1 booleans on/off/yes/no: "prep: [on, off]" are words here."""


_Loader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:bool"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()}
_Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|false|True|False)$"),
                              list("tTfF"))


def yaml_load(text: str):
    return yaml.load(text, Loader=_Loader)


KEYS = {"id", "cameo", "verbs", "nouns", "object", "particle", "xcomp", "prep", "source",
        "target", "require_target", "reciprocal", "confidence", "note", "not_object",
        "intransitive", "not_infinitive", "needs_complement", "before", "after", "complement_aux", "reporting",
        "complement", "not_predicative", "subject", "own_subject", "not_prep", "source_agents",
        "implied_target", "implied_source", "country_target", "request_sense", "thing_object"}


@dataclass(frozen=True)
class Pattern:
    id: str
    cameo: str
    verbs: tuple[str, ...] = ()
    nouns: tuple[str, ...] = ()
    object: tuple[str, ...] = ()
    not_object: tuple[str, ...] = ()
    particle: tuple[str, ...] = ()
    xcomp: tuple[str, ...] = ()
    prep: tuple[str, ...] = ()
    source: tuple[str, ...] = ("subj",)
    target: tuple[str, ...] = ("dobj",)
    require_target: bool = False
    reciprocal: bool = False
    intransitive: bool = False   # fires only without object/clausal complement
    not_infinitive: bool = False  # fires only without an infinitive complement
    needs_complement: bool = False  # fires only with an object, infinitive or to/on phrase
    before: tuple[str, ...] = ()  # words that must occur before the verb in its sentence
    after: tuple[str, ...] = ()   # words that must occur after the verb in its clause
    paired: str = ""             # code of the mirror event target -> source (PETRARCH "032:033")
    complement_aux: tuple[str, ...] = ()  # its that-clause has one of these modals ("must")
    reporting: bool = False      # a verb of saying: an event only with a political addressee
    complement: tuple[str, ...] = ()  # its that-clause says this ("said it was concerned")
    not_predicative: bool = False  # not with an object predicate ("called them an army")
    subject: tuple[str, ...] = ()  # the subject's head noun is one of these
    own_subject: bool = False    # its infinitive complement has a doer of its own
    not_prep: tuple[str, ...] = ()  # not with this preposition on the verb ("seized on")
    source_agents: tuple[str, ...] = ()  # only sources of these sectors (upper case)
    implied_target: str = ""     # sector of the source's country that is the unnamed target
    country_target: bool = False  # a country target is not made its government
    implied_source: str = ""     # sector of the country where it happens: the unnamed source
    request_sense: bool = False  # only when it asks for something (not a question, not "sought to")
    thing_object: bool = False   # its object is a thing, not a person ("questioned the decision")
    confidence: float = 0.7
    origin: str = ""          # file:line, for explain

    @property
    def nominal(self) -> bool:
        return bool(self.nouns)

    @property
    def specificity(self) -> float:
        """More constraints win over fewer; a deeper CAMEO code breaks ties."""
        return (2 * bool(self.object) + 2 * bool(self.xcomp) + 2 * bool(self.particle)
                + bool(self.prep) + 1.5 * (len(self.before) + len(self.after))
                + 2 * bool(self.complement_aux) + 2 * bool(self.complement) + 2 * bool(self.subject)
                + 2 * self.own_subject + 2 * bool(self.source_agents)
                + 0.1 * (len(self.cameo) - 2))


@dataclass
class PatternSet:
    patterns: list[Pattern] = field(default_factory=list)
    by_verb: dict[str, list[Pattern]] = field(default_factory=dict)
    by_noun: dict[str, list[Pattern]] = field(default_factory=dict)
    # governing verbs with a special role (from modality.yaml)
    lexicon: dict[str, set] = field(default_factory=dict)

    def add(self, p: Pattern) -> None:
        self.patterns.append(p)
        for v in p.verbs:
            self.by_verb.setdefault(v, []).append(p)
        for n in p.nouns:
            self.by_noun.setdefault(n, []).append(p)


def _line_of(text: str, key_id: str) -> int:
    """Best-effort line number of a pattern id in its file (YAML loses positions)."""
    for i, line in enumerate(text.splitlines(), 1):
        if re.search(r"\bid:\s*['\"]?" + re.escape(key_id) + r"['\"]?\s*$", line):
            return i
    return 0


def _strs(path, line, raw, key) -> tuple[str, ...]:
    if raw is None:
        return ()
    if isinstance(raw, str):
        raw = [raw]
    if not isinstance(raw, list) or not all(isinstance(x, str) and x.strip() for x in raw):
        raise DataFileError(path, line, f"{key} must be a list of words")
    return tuple(x.strip().lower() for x in raw)


def _agents(path, line, pid, raw, key="source_agents") -> tuple[str, ...]:
    """Sector codes ("LAB", "CVL"): three letters each."""
    out = tuple(a.upper() for a in _strs(path, line, raw, key))
    bad = [a for a in out if not re.fullmatch(r"[A-Z]{3}", a)]
    if bad:
        raise DataFileError(path, line, f"{pid}: {key} wants sector codes (LAB, CVL), not {bad[0]!r}")
    return out


def _sector(path, line, pid, raw, key) -> str:
    """One sector code, or ""."""
    out = _agents(path, line, pid, raw, key)
    if len(out) > 1:
        raise DataFileError(path, line, f"{pid}: {key} wants one sector code, not {len(out)}")
    return out[0] if out else ""


def parse_pattern(path, line, raw: dict, seen: set) -> Pattern:
    if not isinstance(raw, dict):
        raise DataFileError(path, line, "a pattern must be a mapping")
    unknown = set(raw) - KEYS
    if unknown:
        raise DataFileError(path, line, f"unknown key(s): {', '.join(sorted(unknown))}")
    pid = raw.get("id")
    if not pid or not isinstance(pid, str):
        raise DataFileError(path, line, "pattern without id")
    if pid in seen:
        raise DataFileError(path, line, f"duplicate pattern id {pid!r}")
    code = str(raw.get("cameo", ""))
    if not get_codebook().has(code):
        raise DataFileError(path, line, f"{pid}: {code!r} is not a CAMEO code")
    verbs = _strs(path, line, raw.get("verbs"), "verbs")
    nouns = _strs(path, line, raw.get("nouns"), "nouns")
    if bool(verbs) == bool(nouns):
        raise DataFileError(path, line, f"{pid}: give either verbs or nouns")
    slots = {}
    for key, default in (("source", ("poss", "prep:by|of|from", "amod") if nouns else ("subj",)),
                         ("target", ("prep:to|with|against|on|between",) if nouns else ("dobj",))):
        val = _strs(path, line, raw.get(key), key) or default
        for s in val:
            if not SLOT_RE.match(s):
                raise DataFileError(path, line, f"{pid}: bad {key} slot {s!r}")
        slots[key] = val
    conf = raw.get("confidence", 0.7)
    if not isinstance(conf, (int, float)) or not 0 < conf <= 1:
        raise DataFileError(path, line, f"{pid}: confidence must be in (0, 1]")
    seen.add(pid)
    return Pattern(
        id=pid, cameo=code, verbs=verbs, nouns=nouns,
        object=_strs(path, line, raw.get("object"), "object"),
        not_object=_strs(path, line, raw.get("not_object"), "not_object"),
        particle=_strs(path, line, raw.get("particle"), "particle"),
        xcomp=_strs(path, line, raw.get("xcomp"), "xcomp"),
        prep=_strs(path, line, raw.get("prep"), "prep"),
        source=slots["source"], target=slots["target"],
        require_target=bool(raw.get("require_target", bool(nouns))),
        reciprocal=bool(raw.get("reciprocal", False)), confidence=float(conf),
        intransitive=bool(raw.get("intransitive", False)),
        not_infinitive=bool(raw.get("not_infinitive", False)),
        needs_complement=bool(raw.get("needs_complement", False)),
        before=_strs(path, line, raw.get("before"), "before"),
        after=_strs(path, line, raw.get("after"), "after"),
        complement_aux=_strs(path, line, raw.get("complement_aux"), "complement_aux"),
        reporting=bool(raw.get("reporting", False)),
        complement=_strs(path, line, raw.get("complement"), "complement"),
        not_predicative=bool(raw.get("not_predicative", False)),
        own_subject=bool(raw.get("own_subject", False)),
        not_prep=_strs(path, line, raw.get("not_prep"), "not_prep"),
        subject=_strs(path, line, raw.get("subject"), "subject"),
        source_agents=_agents(path, line, pid, raw.get("source_agents")),
        implied_target=_sector(path, line, pid, raw.get("implied_target"), "implied_target"),
        country_target=bool(raw.get("country_target", False)),
        implied_source=_sector(path, line, pid, raw.get("implied_source"), "implied_source"),
        request_sense=bool(raw.get("request_sense", False)),
        thing_object=bool(raw.get("thing_object", False)),
        origin=f"{Path(path).name}:{line}")


def load_pattern_file(path, pset: PatternSet, seen: set) -> None:
    path = Path(path)
    if path.suffix == ".txt":  # a PETRARCH/TABARI verb dictionary
        from .petrarch import load_verb_patterns
        for p in load_verb_patterns(path, Pattern):
            if p.id not in seen:
                seen.add(p.id)
                pset.add(p)
        return
    text = path.read_text(encoding="utf-8")
    try:
        doc = yaml_load(text) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise DataFileError(path, (mark.line + 1) if mark else 0, f"YAML error: {exc}")
    if not isinstance(doc, dict) or not isinstance(doc.get("patterns"), list):
        raise DataFileError(path, 1, "expected a mapping with a 'patterns:' list")
    for raw in doc["patterns"]:
        line = _line_of(text, str(raw.get("id", ""))) if isinstance(raw, dict) else 0
        pset.add(parse_pattern(path, line, raw, seen))


def load_lexicon(path: Path) -> dict[str, set]:
    """Word lists that steer negation/modality/attribution (data/patterns/lexicon.yaml)."""
    doc = yaml_load(path.read_text(encoding="utf-8")) or {}
    out = {}
    for key, words in doc.items():
        if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
            raise DataFileError(path, _line_of(path.read_text(), key) or 0,
                                f"{key} must be a list of words")
        out[key] = {w.lower() for w in words}
    return out


def load_patterns(extra_files=(), builtin: bool = True) -> PatternSet:
    """The packaged patterns (unless ``builtin=False``: a user dictionary replaces them,
    as PETRARCH users expect) plus the user's files."""
    pset = PatternSet()
    seen: set = set()
    for f in sorted(PATTERN_DIR.glob("[0-9]*.yaml")) if builtin else ():
        load_pattern_file(f, pset, seen)
    own = frozenset(p.id for p in pset.patterns)
    for f in extra_files:
        load_pattern_file(f, pset, seen)
    pset.lexicon = load_lexicon(PATTERN_DIR / "lexicon.yaml")
    # our conventions (a sector-only actor takes the country of a single-country sentence)
    # hold with our patterns; a PETRARCH dictionary that replaces them keeps PETRARCH's
    pset.lexicon["domestic_sectors"] = bool(builtin)
    # ... and so does recoding plans as intents (events/plans.py): a user's dictionary
    # (PETRARCH's) keeps its own codes for future acts
    pset.lexicon["own_patterns"] = own
    # the codes each event noun may take in this run ("the strike", "the shelling"): the
    # story's attack named by a noun (events/context.py) follows the run's patterns
    pset.lexicon["noun_codes"] = {n: frozenset(p.cameo for p in ps) for n, ps in pset.by_noun.items()}
    return pset


def get_patterns(extra_files=(), builtin: bool = True) -> PatternSet:
    """The pattern set of these files, loaded once per process: one object however the
    arguments are spelled (``get_patterns()``, ``get_patterns(())`` and
    ``get_patterns((), True)`` are three keys to a bare lru_cache, and a load is seconds)."""
    return _cached_patterns(tuple(str(f) for f in extra_files), bool(builtin))


@functools.lru_cache(maxsize=8)
def _cached_patterns(extra_files: tuple, builtin: bool) -> PatternSet:
    return load_patterns(extra_files, builtin)
