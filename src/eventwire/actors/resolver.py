"""Actor resolution: text -> coded actor mentions.

One pass over the tokens does dictionary lookups (a dict keyed by normalised token
tuples, longest match first), then small rules compose what the lookups found:

    "Chinese" + "spokesperson"                  -> CHNGOV   (country + agent noun)
    "President of South Korea" (2018)           -> Moon Jae-in, KORGOV (office holder by date)
    "China's President" + "Xi Jinping"          -> one mention of Xi Jinping
    "Song" after "Song Tao"; "the envoy"; "he"  -> the person (within-document coreference)

Fuzzy matching (rapidfuzz) only runs on proper-noun spans the exact lookup missed.
Ambiguous forms ("Korean": PRK or KOR) are reported with ``candidates``, not guessed.
"""
from __future__ import annotations

import datetime as dt
import functools
import gc
import re
import threading
from dataclasses import dataclass, field

from ..config import _env
from ..textutil import doc_text
from . import coref, credits
from .dictionary import INTERNATIONAL, Actor, ActorData, Role, load_files
from .normalize import (CJK_RE, TOKEN_RE, is_acronym, is_cjk, key_of, key_variants,
                        norm_token, plural)
from .persons import national_countries

# Confidence by how a mention was resolved (a rough prior, shown to analysts).
CONFIDENCE = {"exact": 0.95, "alias": 0.9, "native": 0.9, "demonym": 0.85, "metonym": 0.85,
              "title": 0.75, "coreference": 0.75, "agent-noun": 0.7, "fuzzy": 0.7,
              "pronoun": 0.6, "ambiguous": 0.3}
# Lower = preferred when one key names several actors of different kinds.
FORM_RANK = {"name": 0, "alias": 0, "native": 0, "demonym": 1, "capital": 1, "region": 1,
             "city": 2}
DEFAULT_LEADER_OFFICES = ("supreme_leader", "president", "prime_minister", "monarch")
# Arabic articles written in lower case at the start of a name ("al-Qaeda", "el-Sisi").
ARABIC_ARTICLES = frozenset({"al", "el"})
# Surnames come first in Chinese and Korean names (Xi Jinping -> Xi).
SURNAME_FIRST = {"CHN", "PRK", "KOR", "TWN", "HKG", "MAC", "SGP", "VNM", "MNG", "KHM"}
FUZZY_MIN_SCORE = 85.0
FUZZY_MIN_CHARS = 5
PRONOUNS = {"he": "m", "she": "f"}
# Surnames that are also everyday capitalised words: never a short form by themselves.
SHORT_STOP = {"may", "march", "june", "brown", "rice", "power", "gates", "young", "king",
              "little", "hope", "grant", "love", "long", "new", "west", "north", "south",
              "east", "ii", "iii", "jr", "sr", "de", "la", "al", "bin", "van", "von", "da"}


@dataclass(frozen=True)
class Form:
    actor_id: str
    how: str            # name | alias | native | demonym | capital
    acronym: bool
    short: bool = False  # a mixed-case form of <= 3 letters ("Xi"): "XI" is not it
    layer: int = 1       # 0 Phoenix < 1 package < 2 user: a key keeps its highest layer


@dataclass(frozen=True)
class AgentNoun:
    agent: str
    office: str | None
    title_only: bool = False    # "Gen.", "Sen.": an agent only right before a name


@dataclass(slots=True)
class Tok:
    text: str
    start: int
    end: int
    key: str


@dataclass
class Hit:
    """A lookup result over tokens [i, j)."""
    i: int
    j: int
    kind: str                       # name | agent | short | unknown
    forms: list[Form] = field(default_factory=list)
    agent: AgentNoun | None = None
    used: bool = False


# A role that starts this many days after the day codes its holder already: between an
# election and the inauguration (US: about 75 days) the winner acts for the incoming
# government.
DESIGNATE_DAYS = 80


def parse_day(value) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    s = str(value).strip()
    try:
        return dt.date.fromisoformat(s[:10])
    except ValueError:
        pass
    try:   # a month or a year: its middle
        if re.fullmatch(r"\d{4}-\d{2}", s[:7]) and (len(s) == 7 or not s[7:8].isdigit()):
            return dt.date(int(s[:4]), int(s[5:7]), 15)
        return dt.date(int(s[:4]), 7, 1)
    except ValueError:
        return None


class ActorResolver:
    """Resolves actor mentions in raw text or spaCy Docs against an :class:`ActorData`."""

    def __init__(self, data: ActorData):
        self.data = data
        self.actors = data.actors
        self.index: dict[tuple[str, ...], list[Form]] = {}
        self.agent_index: dict[tuple[str, ...], AgentNoun] = {}
        self.short_index: dict[str, set[str]] = {}
        self.holders: dict[tuple[str, str], list[tuple[str, Role]]] = {}
        self.native_forms: dict[str, list[Form]] = {}
        self._tl = threading.local()
        self._build()

    def __getstate__(self):
        state = dict(self.__dict__)
        state.pop("_tl", None)
        return state

    def __setstate__(self, state):
        self.__dict__.update(state)
        self._tl = threading.local()

    # -- index ---------------------------------------------------------------------------
    def _add(self, form: str, actor_id: str, how: str, layer: int | None = None) -> None:
        if layer is None:
            layer = self.actors[actor_id].layer
        acronym = is_acronym(form)
        if is_cjk(form):
            self.native_forms.setdefault(form, []).append(Form(actor_id, "native", False))
            how = "native"
        short = not acronym and len(form) <= 3
        f = Form(actor_id, how, acronym, short, layer)
        for key in key_variants(form):
            bucket = self.index.get(key)
            if bucket is None:
                self.index[key] = [f]
            elif layer > bucket[0].layer:      # a higher layer hides the lower one's forms
                self.index[key] = [f]
            elif layer == bucket[0].layer and f not in bucket:
                bucket.append(f)

    def _add_lower(self, a: Actor) -> None:
        """Index a Phoenix actor (layer 0): each form tokenised once; a person's one-word
        forms are short forms only (a title or an earlier full mention must support them)."""
        aid = a.actor_id
        if a.kind == "place":
            how, forms = "city", (a.name,)
        else:
            how, forms = "name", [a.name] + a.aliases
        person = a.kind == "person"
        name_key = None
        for f in forms:
            keys = key_variants(f)
            if name_key is None:
                name_key = next(iter(keys), ())
            if person and all(len(k) < 2 for k in keys):
                for k in keys:
                    self.short_index.setdefault(k[0], set()).add(aid)
                continue
            acronym = is_acronym(f)
            form = Form(aid, how, acronym, not acronym and len(f) <= 3, 0)
            how = "alias" if how == "name" else how
            for key in keys:
                bucket = self.index.get(key)
                if bucket is None:
                    self.index[key] = [form]
                elif bucket[0].layer == 0 and form not in bucket:
                    bucket.append(form)
        if person:
            for f in self._reversed_names(a):
                self._add(f, aid, "alias")
            for s in a.short:
                self.short_index.setdefault(norm_token(s), set()).add(aid)
            words = [t for t in name_key if len(t) > 1]
            if len(words) > 1:
                countries = {r.country for r in a.roles} | {a.country}
                surname = words[0] if countries & SURNAME_FIRST else words[-1]
                if surname not in SHORT_STOP:
                    self.short_index.setdefault(surname, set()).add(aid)

    def _build(self) -> None:
        for a in self.actors.values():
            if a.layer == 0:
                self._add_lower(a)
                continue
            if a.kind == "place":
                self._add(a.name, a.actor_id,
                          "region" if a.actor_id in self.data.region_ids else "city")
                continue
            self._add(a.name, a.actor_id, "name")
            for f in a.aliases:
                self._add(f, a.actor_id, "alias")
            for f in a.native:
                self._add(f, a.actor_id, "native")
            for f in a.demonyms:
                self._add(f, a.actor_id, "demonym")
                self._add(plural(f) if not f.endswith(("ese", "ss", "sh", "ch")) else f,
                          a.actor_id, "demonym")
            for f in a.capitals:
                self._add(f, a.actor_id, "capital")
            if a.kind == "person":
                for f in self._reversed_names(a):
                    self._add(f, a.actor_id, "alias")
                for s in self._short_forms(a):
                    self.short_index.setdefault(s, set()).add(a.actor_id)
                for r in a.roles:
                    if r.office != "phoenix":   # Phoenix roles name a sector, not an office
                        self.holders.setdefault((r.country, r.office), []).append((a.actor_id, r))
        for f in self.data.ignore:   # blockers win by being longer ("Korean Peninsula")
            for key in key_variants(f):
                bucket = self.index.get(key)
                if bucket is None or bucket[0].layer < 1:
                    bucket = self.index[key] = []
                bucket.append(Form("", "ignore", False))
        for noun, agent in self.data.agents.items():
            self._add_agent(noun, AgentNoun(agent, None))
        for office, spec in self.data.offices.items():
            for t in spec.titles:
                self._add_agent(t, AgentNoun(spec.agent, office))
        # short titles written in capitals in the data ("MP") match in capitals; other
        # short all-capital words are acronyms, not agent nouns (``_lookup``)
        self.capital_titles = {"pm"}
        for t, agent in self.data.name_titles.items():
            for key in key_variants(t):
                self.agent_index.setdefault(key, AgentNoun(agent, None, True))
            if t.isupper() and len(t) <= 3:
                self.capital_titles.add(t.lower())
        # PETRARCH stems ("ARGENTIN" matches Argentina, Argentine): last word by prefix
        self.stems: dict[str, list[tuple[tuple[str, ...], Form]]] = {}
        for form, aid in self.data.stems:
            key = key_of(form)
            if key and len(key[-1]) >= 3:
                self.stems.setdefault(key[-1][:3], []).append((key, Form(aid, "alias", False)))
        self.first_len: dict[str, int] = {}
        for k in self.index:
            self.first_len[k[0]] = max(self.first_len.get(k[0], 0), len(k))
        self.agent_first_len: dict[str, int] = {}
        for k in self.agent_index:
            self.agent_first_len[k[0]] = max(self.agent_first_len.get(k[0], 0), len(k))
        self._firsts = set(self.first_len) | set(self.agent_first_len)
        self._agent_words = {k[0] for k in self.agent_index if len(k) == 1}
        self._starters = self._firsts | set(self.short_index)
        self.native_re = (re.compile("|".join(re.escape(f) for f in
                                              sorted(self.native_forms, key=len, reverse=True)))
                          if self.native_forms else None)
        self._fuzzy_choices: dict | None = None

    def _add_agent(self, noun: str, an: AgentNoun) -> None:
        for form in {noun, plural(noun)}:
            this = an
            if form != noun and an.office:   # "presidents" are not one office holder
                this = AgentNoun(an.agent, None, an.title_only)
            for key in key_variants(form):
                old = self.agent_index.get(key)
                if old is None or (old.office is None and this.office is not None):
                    self.agent_index[key] = this

    def _reversed_names(self, a: Actor) -> list[str]:
        """Chinese/Korean names also in Western order: "Jong-un Kim", "Jinping Xi"."""
        countries = {r.country for r in a.roles} | {a.country}
        if not countries & SURNAME_FIRST:
            return []
        out = []
        for n in [a.name] + a.aliases:
            words = n.split()
            if len(words) == 2 and not is_cjk(n):
                out.append(f"{words[1]} {words[0]}")
        return out

    def _short_forms(self, a: Actor) -> set[str]:
        """Single-word forms used after a full mention: the surname (first word for
        Chinese/Korean names, last otherwise) plus the listed short forms."""
        out = {norm_token(s) for s in a.short}
        words = [t for t in key_of(a.name) if len(t) > 1]
        if words:
            countries = {r.country for r in a.roles} | {a.country}
            surname = words[0] if countries & SURNAME_FIRST else words[-1]
            if surname not in SHORT_STOP:
                out.add(surname)
        return out

    # -- dates and codes -----------------------------------------------------------------
    def _office_rank(self, office: str) -> int:
        spec = self.data.offices.get(office)
        return spec.rank if spec else 9

    def role_at(self, actor: Actor, day: dt.date | None) -> tuple[Role | None, str]:
        """The role that codes ``actor`` on ``day`` and how: active | former | future | latest."""
        if not actor.roles:
            return None, "none"
        if day is None:   # no date: the latest role (by start)
            return max(actor.roles, key=lambda r: (r.start or dt.date.min,
                                                   -self._office_rank(r.office))), "latest"
        active = [r for r in actor.roles if r.active(day)]
        if active:
            # an office before an "elite" background role (ELI) of the same rank
            return min(active, key=lambda r: (self._office_rank(r.office), r.agent == "ELI",
                                              -(r.start or dt.date.min).toordinal())), "active"
        past = [r for r in actor.roles if r.end and r.end < day]
        if past:
            return max(past, key=lambda r: r.end), "former"
        return min(actor.roles, key=lambda r: r.start or dt.date.min), "future"

    def code_of(self, actor: Actor, day: dt.date | None,
                agent_override: str | None = None) -> tuple[str | None, str | None, str | None, str | None]:
        """(code, country, agent, office) of an actor on a day."""
        if actor.kind == "person":
            role, status = self.role_at(actor, day)
            if role is None:
                country, agent, office = actor.country, None, None
            elif status in ("former", "future") and actor.code:   # PETRARCH default code
                country, agent, office = actor.country, actor.agent, None
            elif status == "former":   # CAMEO: former officials are elites
                # ... of their country: after an international post, of the last
                # country they served (none known: an elite of no country, "ELI")
                national = [r for r in actor.roles if r.country not in INTERNATIONAL
                            and r.country and (r.start or dt.date.min) <= day]
                country = (max(national, key=lambda r: r.end or day).country if national
                           else None if role.country in INTERNATIONAL else role.country)
                agent, office = "ELI", None
            elif status == "future" and actor.layer == 0:
                # before a Phoenix person's first dated role Phoenix knows nothing of
                # them (a future minister may be a UN envoy today): the text decides
                country, agent, office = None, None, None
            elif status == "future" and day is not None and role.start is not None \
                    and (role.start - day).days <= DESIGNATE_DAYS:
                # elected or designated, taking office within weeks ("the president-
                # elect"): already acts for the incoming government
                country, agent, office = role.country, role.agent, role.office
            elif status == "future":   # not yet in office: country only
                country, agent, office = role.country, None, None
            else:
                country, agent, office = role.country, role.agent, role.office
        else:
            country, agent, office = actor.country, actor.agent, None
            if actor.roles:   # an organisation's dated roles (organisations.yaml)
                role, status = self.role_at(actor, day)
                if role is not None and status == "active":
                    country, agent = role.country, role.agent
        if country and country[:3] in INTERNATIONAL:
            # a role in an international body (IGO + UNO): CAMEO code, no country
            return country + (agent or ""), None, None, office
        if agent_override:
            agent = agent_override
        code = actor.code if actor.code and not agent_override and (
            actor.kind != "person" or country == actor.country and agent == actor.agent) else None
        if code is None:
            code = ((country or "") + (agent or "")) or None
        return code, country, agent, office

    def holders_at(self, country: str, office: str, day: dt.date | None) -> list[str]:
        """Who held ``office`` in ``country`` on ``day`` (no date: the latest holder)."""
        rows = self.holders.get((country, office), [])
        if not rows:
            return []
        if day is None:
            open_ = [aid for aid, r in rows if r.end is None]
            if open_:
                return sorted(set(open_))
            return [max(rows, key=lambda x: x[1].start or dt.date.min)[0]]
        return sorted({aid for aid, r in rows if r.active(day)})

    def leader_offices(self, country: str) -> tuple[str, ...]:
        if country in self.data.leaders:
            return (self.data.leaders[country],)
        return DEFAULT_LEADER_OFFICES

    # -- output --------------------------------------------------------------------------
    def mention(self, text: str, span: tuple[int, int], actor: Actor | None, day,
                resolved_by: str, *, agent=None, country=None, name=None,
                candidates: list[str] | None = None, kind: str | None = None,
                confidence: float | None = None) -> dict:
        if actor is not None:
            code, a_country, a_agent, office = self.code_of(actor, day, agent)
            m = {"text": text, "name": actor.name, "code": code, "country": a_country,
                 "agent": a_agent, "actor_id": actor.actor_id}
            if office:
                m["role"] = office
            kind = kind or actor.kind
        else:
            code = ((country or "") + (agent or "")) or None
            m = {"text": text, "name": name, "code": code, "country": country,
                 "agent": agent, "actor_id": None}
            kind = kind or "agent"
        m["span"] = [span[0], span[1]]
        m["kind"] = kind
        m["resolved_by"] = resolved_by
        m["confidence"] = confidence if confidence is not None else CONFIDENCE.get(resolved_by, 0.5)
        if candidates:
            m["candidates"] = candidates
        return m

    # -- scanning ------------------------------------------------------------------------
    @staticmethod
    def _tokens(text: str) -> list[Tok]:
        return [Tok(m.group(), m.start(), m.end(), norm_token(m.group()))
                for m in TOKEN_RE.finditer(text)]

    @staticmethod
    def _capitalised(tok: Tok) -> bool:
        c = tok.text[0]
        return c.isupper() or (not c.isascii() and not c.islower())

    def _form_ok(self, form: Form, toks: list[Tok]) -> bool:
        if form.how == "ignore":
            return True   # a blocker blocks in any case ("the customs union", "Red Sea")
        if form.acronym:
            return all(t.text.replace(".", "").isupper() for t in toks)
        if form.short and toks[0].text.isupper():
            return False
        if len(toks) > 1 and toks[0].text in ARABIC_ARTICLES and self._capitalised(toks[1]):
            return True   # "al-Qaeda", "al-Shabaab": the article is written in lower case
        return self._capitalised(toks[0])

    def _lookup(self, toks: list[Tok], i: int) -> Hit | None:
        """Longest dictionary name or agent noun starting at token i."""
        n = len(toks)
        first = toks[i].key
        longest = self.first_len.get(first, 0)
        for j in range(min(n, i + longest), i, -1):
            forms = self.index.get(tuple(t.key for t in toks[i:j]))
            if forms and self._contiguous(toks, i, j):
                ok = [f for f in forms if self._form_ok(f, toks[i:j])]
                if any(f.how == "ignore" for f in ok):
                    return Hit(i, j, "ignore")
                if ok:
                    return Hit(i, j, "name", forms=ok)
        if self.stems:
            h = self._stem_lookup(toks, i)
            if h:
                return h
        longest = self.agent_first_len.get(first, 0)
        for j in range(min(n, i + longest), i, -1):
            an = self.agent_index.get(tuple(t.key for t in toks[i:j]))
            if an and an.title_only and not self._capitalised(toks[i]):
                continue
            if an and self._contiguous(toks, i, j) and not (
                    j - i == 1 and toks[i].text.isupper() and len(toks[i].text) <= 3
                    and toks[i].key not in self.capital_titles):
                return Hit(i, j, "agent", agent=an)
        if first in self.short_index and self._capitalised(toks[i]):
            return Hit(i, i + 1, "short")
        return None

    def _stem_lookup(self, toks: list[Tok], i: int) -> Hit | None:
        """Longest PETRARCH stem entry starting at token i (its last word by prefix)."""
        best = None
        for k in range(i, min(len(toks), i + 6)):
            for key, form in self.stems.get(toks[k].key[:3], []):
                start = k - (len(key) - 1)
                if start != i or not toks[k].key.startswith(key[-1]):
                    continue
                if tuple(t.key for t in toks[start:k]) == key[:-1] and self._capitalised(toks[i]) \
                        and self._contiguous(toks, i, k + 1):
                    if best is None or k + 1 > best.j:
                        best = Hit(i, k + 1, "name", forms=[form])
                    elif k + 1 == best.j and form not in best.forms:
                        best.forms.append(form)
        return best

    def _contiguous(self, toks, i, j) -> bool:
        """No sentence punctuation inside a multi-token match ('Korea. South' is two)."""
        for a, b in zip(toks[i:j - 1], toks[i + 1:j]):
            gap = self._tl.text[a.end:b.start]
            if len(a.text) <= 2 and a.text[0].isupper():   # initials: "George W. Bush"
                gap = gap.replace(".", "", 1)
            if gap.strip(" -‐–'’\u00a0") or "\n" in gap:
                return False
        return True

    def scan(self, text: str) -> tuple[list[Tok], list[Hit]]:
        self._tl.text = text   # per thread: the API may resolve concurrently
        toks = self._tokens(text)
        hits, i = [], 0
        starters = None if self.stems else self._starters
        while i < len(toks):
            if starters is not None and toks[i].key not in starters:
                i += 1      # most tokens start nothing: one set probe
                continue
            h = self._lookup(toks, i)
            if h:
                if h.kind != "ignore":
                    hits.append(h)
                i = h.j
            else:
                i += 1
        return toks, hits

    def has_actor(self, text: str) -> bool:
        """Fast prefilter: does ``text`` contain any known actor form or agent noun?

        One regex pass and two set intersections decide most sentences; only when a
        token could start a multi-word name does the real lookup run (may say True for
        a few non-actors, never False for a sentence the resolver would code)."""
        if text.isascii():
            words = {w.replace(".", "").lower() for w in TOKEN_RE.findall(text)}
            if not words.isdisjoint(self._agent_words):
                return True
            if words.isdisjoint(self._firsts):
                return False
        return self._has_actor_slow(text)

    def _has_actor_slow(self, text: str) -> bool:
        if self.native_re and CJK_RE.search(text) and self.native_re.search(text):
            return True
        self._tl.text = text   # per thread: the API may resolve concurrently
        firsts = self._firsts
        for m in TOKEN_RE.finditer(text):
            if norm_token(m.group()) in firsts:
                # confirm with a real lookup on a short window (multi-word forms, case rules)
                window = []
                for x in TOKEN_RE.finditer(text, m.start()):
                    window.append(Tok(x.group(), x.start(), x.end(), norm_token(x.group())))
                    if len(window) == 10:
                        break
                h = self._lookup(window, 0)
                if h and h.kind not in ("ignore", "short"):
                    return True
        return False

    # -- resolution ----------------------------------------------------------------------
    def resolve_text(self, text: str, date=None) -> list[dict]:
        """Actor mentions in a raw string (no spaCy needed). Datelines, wire credits and
        media as audience are set aside (``resolve_document`` returns them)."""
        day = parse_day(date)
        kept, _, _ = credits.set_aside(self, text, self._resolve(text, day, doc=None), day)
        return kept

    def resolve_doc(self, doc) -> list[dict]:
        """Actor mentions of a spaCy Doc, dated by ``doc._.published``; adds token spans."""
        return self.resolve_document(doc)[0]

    def resolve_document(self, doc, patterns=None) -> tuple[list[dict], list[dict], dict | None]:
        """(actors, set aside, dateline) of a spaCy Doc: the mentions that are actors
        (with token spans; references through the document resolved, see coref.py), the
        mentions set aside as dateline/credit/audience (with a ``reason``), and the
        dateline (``credits.Dateline.as_dict()``) or None.

        When the pipeline's prefilter masked sentences (``doc._.full_text``), names are
        also found in those (offsets are the same): they are antecedents for the parsed
        sentences' references, not actors of the Doc. ``patterns``: the run's event
        PatternSet (the pronoun rules read its event nouns and verbs of saying)."""
        published = doc._.published if doc.has_extension("published") else None
        day = parse_day(published)
        seen = doc_text(doc)
        full = doc._.full_text if doc.has_extension("full_text") else None
        text = full if full and len(full) == len(seen) else seen
        mentions, aside, dl = credits.set_aside(self, text, self._resolve(text, day, doc=doc), day)
        parsed, context = [], []
        for m in mentions:
            a, b = m["span"]
            if text is not seen and seen[a:b] != text[a:b]:
                m["token_span"] = None
                context.append(m)
                continue
            sp = doc.char_span(a, b, alignment_mode="expand")
            m["token_span"] = [sp.start, sp.end] if sp is not None else None
            parsed.append(m)
        for m in aside:
            sp = doc.char_span(m["span"][0], m["span"][1], alignment_mode="expand")
            m["token_span"] = [sp.start, sp.end] if sp is not None else None
        dd = dl.as_dict() if dl is not None else None
        parsed += coref.resolve_references(self, doc, parsed, context, text, day, dd, patterns)
        parsed.sort(key=lambda m: (m["span"][0], m["span"][1]))
        for m in parsed:
            m.pop("_person", None)
        aside = [m for m in aside if text is seen or seen[m["span"][0]:m["span"][1]] == text[m["span"][0]:m["span"][1]]]
        return parsed, aside, dd

    def _resolve(self, text: str, day, doc) -> list[dict]:
        from . import compose
        return compose.resolve(self, text, day, doc)

    # -- API helpers ---------------------------------------------------------------------
    def lookup_form(self, surface: str) -> list[Actor]:
        """Actors whose names/aliases equal ``surface`` (normalised)."""
        forms = self.index.get(key_of(surface), [])
        return [self.actors[f.actor_id] for f in forms]

    def describe(self, actor: Actor, day=None) -> dict:
        code, country, agent, office = self.code_of(actor, parse_day(day))
        return {"actor_id": actor.actor_id, "name": actor.name, "kind": actor.kind,
                "code": code, "country": country, "agent": agent, "role": office,
                "aliases": actor.aliases[:20],
                "roles": [{"country": r.country, "agent": r.agent, "office": r.office,
                           "from": r.start.isoformat() if r.start else None,
                           "to": r.end.isoformat() if r.end else None} for r in actor.roles]}

    def search(self, q: str, limit: int = 20) -> list[dict]:
        """Actors whose names start with / contain / resemble ``q`` (for /api/actors?q=)."""
        from rapidfuzz import fuzz, process

        q = " ".join(key_of(q))
        if not q:
            return []
        choices = self._search_choices()
        scored: dict[str, float] = {}
        for s, aid in choices:
            if s.startswith(q):
                scored[aid] = max(scored.get(aid, 0), 100.0 + (s == q) * 10)
            elif q in s:
                scored[aid] = max(scored.get(aid, 0), 90.0)
        if len(scored) < limit:
            for s, score, idx in process.extract(q, [c[0] for c in choices], scorer=fuzz.WRatio,
                                                 limit=limit * 3, score_cutoff=80):
                aid = choices[idx][1]
                scored[aid] = max(scored.get(aid, 0), score * 0.9)
        # ties: the better-known actor (more spellings) first
        best = sorted(scored.items(), key=lambda x: (-x[1], -len(self.actors[x[0]].aliases),
                                                      self.actors[x[0]].name))[:limit]
        return [self.describe(self.actors[aid]) | {"score": round(s, 1)} for aid, s in best]

    @functools.cached_property
    def _search_choice_list(self):
        out = []
        for a in self.actors.values():
            for f in [a.name] + a.aliases + a.capitals + a.demonyms + a.native:
                out.append((" ".join(key_of(f)) or f, a.actor_id))
        return out

    def _search_choices(self):
        return self._search_choice_list

    def recode_for_date(self, actor: dict, date, precision: str | None = None) -> dict:
        """The same actor coded for another day (an event date): a person's role then.

        ``precision`` ("month"/"year", as the event's ``date_precision``) widens the day
        to its period: a role held at any time in it counts ("met Moon in May 2017")."""
        aid = actor.get("actor_id")
        a = self.actors.get(aid) if aid else None
        if a is None or a.kind != "person" or actor.get("evidence") == "title+country" or (
                actor.get("country") and actor["country"] not in INTERNATIONAL
                and not national_countries(a)):
            # the text's own title and country code this person (the dictionary knows
            # no national role): a date does not change what the text says
            return dict(actor)
        day = parse_day(date)
        if day is not None and precision in ("month", "year"):
            lo = day.replace(day=1) if precision == "month" else dt.date(day.year, 1, 1)
            hi = (dt.date(lo.year + (lo.month == 12), lo.month % 12 + 1, 1) - dt.timedelta(days=1)
                  if precision == "month" else dt.date(day.year, 12, 31))
            overlap = [r for r in a.roles if (r.start or dt.date.min) <= hi and (r.end or dt.date.max) >= lo]
            if overlap:
                best = min(overlap, key=lambda r: self._office_rank(r.office))
                day = max(best.start or lo, lo)
        override = actor.get("agent") if actor.get("kind") == "metonym" else None
        code, country, agent, office = self.code_of(a, day, override)
        if agent is None and actor.get("agent") and country and actor.get("country") == country:
            # the dictionary knows no role then, the text's title does ("Transport
            # Secretary X", "Tory MP X"): a person never falls back to a bare country
            return dict(actor)
        if agent == "ELI" and actor.get("agent") and actor["agent"] != "ELI" \
                and actor.get("country") == country \
                and self._sitting_title(actor.get("titled_as") or actor.get("text") or "", a):
            # "Japan's finance minister X": the text gives a sitting office the dictionary
            # does not list (only an earlier one): the person is coded by the role the
            # article gives them (GUIDELINES rule 3), not as a former official; a later
            # "Mitchell" carries the title it was introduced with (``titled_as``)
            return dict(actor)
        out = dict(actor)
        out.update(code=code, country=country, agent=agent)
        if office:
            out["role"] = office
        else:
            out.pop("role", None)
        return out

    def _sitting_title(self, text: str, a: Actor) -> bool:
        """Does a person's mention give them an office the dictionary does not list for
        them ("Japan's finance minister X" for a former prime minister), not a former one
        ("former minister X") nor one they held before ("President Reagan" in a later
        story: history, coded by the date)?"""
        toks, hits = self.scan(text)
        if any(t.key in self.data.former_words for t in toks):
            return False
        titles = [h.agent for h in hits if h.kind == "agent" and h.agent is not None
                  and h.agent.agent not in (None, "ELI")]
        held = {ro.office for ro in a.roles if ro.office}
        return bool(titles) and not any(t.office and t.office in held for t in titles)

    def resolve_phrase(self, text: str, date=None) -> dict | None:
        """The one actor a short phrase names ("two Chinese warplanes" -> CHNMIL):
        the most specific mention (person/org > country+agent > country > agent)."""
        ms = self.resolve_text(text, date)
        if not ms:
            return None

        # English phrases put their head first ("Canadian Ambassador to the United
        # Nations", "refugees from Liberia"): the first mention that names an actor or a
        # country, else the first one.
        named = [m for m in ms if m["actor_id"] is not None or m["country"] is not None]
        return (named or ms)[0]


def build_resolver(extra_files=(), phoenix: bool = True) -> ActorResolver:
    """Load and index the dictionary. The garbage collector is paused meanwhile: the
    build allocates some 400,000 objects and holds no cycles to collect, and the
    collections it would trigger cost about a third of the start-up."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        r = ActorResolver(load_files(extra_files, phoenix=phoenix))
    finally:
        if enabled:
            gc.enable()
    gc.freeze()
    return r


@functools.lru_cache(maxsize=8)
def _cached(extra_files: tuple[str, ...], phoenix: bool) -> ActorResolver:
    return build_resolver(extra_files, phoenix)


def get_resolver(extra_files=(), phoenix: bool | None = None) -> ActorResolver:
    """The resolver for the package dictionary plus ``extra_files`` (cached per process).
    ``phoenix`` (default: Settings.phoenix, ``EVENTWIRE_PHOENIX``) loads the Phoenix layer
    under the package files."""
    if phoenix is None:
        phoenix = _env("PHOENIX", True)
    return _cached(tuple(str(f) for f in extra_files), bool(phoenix))
