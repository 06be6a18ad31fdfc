"""Which time expression dates which event: clause scoping over the parse (issue 15).

A date binds to the clause it is in, or to the event noun it modifies:

1. **own**: the event's own predication carries it — its verb with the verbs of its
   ``xcomp`` chain ("agreed to provide ... under a 2007 contract"), or for an event noun
   the noun itself and the light verb it is the object of ("held talks on Tuesday").
   The expression hangs on one of them as an adverbial ("met on Friday", "in 2013");
   or on one of their argument nouns through a temporal preposition or bare (a
   prepositional phrase the parser hung one word too low: "arrested protesters on
   Tuesday"); or it premodifies an event noun governed by a temporal preposition
   ("captured in the 1973 war", "exiled since the 2014 annexation"). A year on a
   document ("under a 2014 law") dates the event only when the event makes it
   ("signed the 1994 accord"). Several: the one nearest the event's target.
2. **inherited**: else the date of the nearest governing clause ("said on Tuesday that
   troops had left", "in March the court approved X and rejected Y") — down the tree
   only: never from a subordinate or relative clause up ("claimed the attack, saying it
   avenged strikes last week"), never from a noun's own modifier ("next year's
   spending", "the election next month").
   **when**: a past event in a clause opened by "when" takes the date (or the dated
   occasion) written just before it, wherever the parser hung the clause ("in 2014,
   when Russia annexed Crimea", "the minister's March 3 visit, when he met the envoy").
3. **continued**: else, for a past-tense event in a sentence that opens with a
   continuation word ("Later, ..."), the one date of the sentence before it in the
   same paragraph ("continuation_cues" of cues.yaml).
4. else the **story date**: the dateline's day, or the publication date.

Never: bounds and durations ("until 2099", "by March"; role ``bound``), citations, a
date after publication for an event that is not intended or hypothetical, a
historical date for a present- or future-tense event through rules 2–3. Weekdays and
yearless dates take their past or future reading by the event's tense and modality
("will travel to Manila on Friday" is the coming Friday).
"""
from __future__ import annotations

import bisect
import datetime as _dt
from dataclasses import dataclass

from ..syntax import PREDICATE_POS, SentenceIndex, clause_head, event_verb, span_root
from ..textutil import doc_text, split_sentences
from .cues import Cues, default_cues
from .expressions import TimeExpression, find_dates, story_date
from .periods import coarser, is_historical, normalize_published, shift, truncate

# Argument relations of a noun to its verb (PP-attachment slack and light verbs).
_ARG_DEPS = {"dobj", "nsubj", "nsubjpass", "attr", "dative", "oprd", "npadvmod", "obj", "obl",
             "appos"}
# Clause links a date may be inherited through (from the governing clause down).
_INHERIT_DEPS = {"ccomp", "xcomp", "advcl", "conj", "parataxis"}
_FUTURE_MODALITIES = ("intended", "hypothetical")


@dataclass
class _Host:
    """What one time expression modifies in the parse."""

    root: object          # the expression's root token
    host: object          # the token it hangs on
    link: str             # adverbial | pre (a premodifier of a noun: "the 1967 war", "Tuesday's")
    prep: str | None      # the preposition in between ("in", "since", "under"), lower case


def _host_of(root) -> _Host:
    t = root
    # "the Thaw (1956–1964)": an apposition dates the noun it stands beside, which then
    # hangs where that noun does
    for _ in range(3):
        if t.dep_ != "appos" or t.head.i == t.i:
            break
        t = t.head
    if t.dep_ == "pobj" and t.head.i != t.i:
        prep = t.head
        host = prep.head
        # "ahead of", "prior to", "up until": the preposition hangs on an adverb first
        if host.pos_ in ("ADV", "ADJ", "ADP") and host.dep_ in ("advmod", "prep", "amod", "pcomp") \
                and host.head.i != host.i:
            host = host.head
        return _Host(root, host, "adverbial", prep.lower_)
    if t.dep_ in ("nummod", "compound", "amod", "poss", "nmod", "det", "quantmod") and t is root:
        return _Host(root, t.head, "pre", None)
    host = t.head
    # hung on a preposition ("During the trip ... this week"): the phrase it heads is modified
    while host.pos_ == "ADP" and host.head.i != host.i:
        host = host.head
    return _Host(root, host, "adverbial", None)


def tense(verb) -> str:
    """past | perfect | present | future, from the verb and its auxiliaries; an
    infinitive or participle without its own auxiliaries ("will leave on Friday to
    explain", "speaking last week, he said") has the tense of the clause it hangs on."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    for _ in range(4):
        finite = [a for a in auxes if a.lower_ != "to"]
        if finite or verb.tag_ not in ("VB", "VBG", "VBN") or verb.head.i == verb.i \
                or verb.dep_ not in ("xcomp", "advcl", "conj", "acl", "pcomp", "ccomp"):
            break
        verb = verb.head
        auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxes}
    if words & {"will", "shall", "'ll", "wo"}:
        return "future"
    if words & {"has", "have", "'ve"}:
        return "perfect"     # "have been viewed since 2011": a past that reaches now
    if words & {"is", "are", "am", "'re"} and verb.tag_ == "VBG" and any(
            c.dep_ == "xcomp" for c in verb.children) and verb.lower_ == "going":
        return "future"      # "is going to meet"
    if words & {"is", "are", "am", "'re"} or (not auxes and verb.tag_ in ("VBZ", "VBP")):
        return "present"
    return "past"


def _participle_of_argument(tok) -> bool:
    """"released a statement condemning X", "sent a letter urging Y": an -ing participle on
    the object (or subject) of a verb acts when that verb does."""
    noun = tok.head
    return tok.dep_ == "acl" and tok.tag_ == "VBG" and noun.i != tok.i \
        and noun.dep_ in ("dobj", "nsubj", "nsubjpass", "attr") and noun.head.i != noun.i \
        and noun.head.pos_ in ("VERB", "AUX")


class DocDates:
    """The date stage's per-document work: every expression's place in the parse is
    found once, then :meth:`resolve` dates one event after another without rescans.

    ``expressions``: ``find_dates`` over the document's full text; ``story``: the
    story's date (dateline day or publication) that undated events take.
    """

    def __init__(self, doc, expressions: list[TimeExpression], published: str | None,
                 historical_days: int = 60, story: str | None = None, cues: Cues | None = None):
        self.doc = doc
        self.published = normalize_published(published)
        self.story = normalize_published(story) or self.published
        self.historical_days = historical_days
        self.cues = cues or default_cues()
        self.exprs = [x for x in expressions if not x.citation and x.role == "time"]
        self.starts = [x.span[0] for x in self.exprs]
        self.hosts: list[_Host | None] = []
        self.direct: dict[int, list[int]] = {}     # host token i -> expressions on it
        self.via_noun: dict[int, list[int]] = {}   # verb i -> expressions on its argument nouns
        for k, x in enumerate(self.exprs):
            root = span_root(doc, x.span)
            if root is None or root.is_space:
                self.hosts.append(None)
                continue
            h = _host_of(root)
            self.hosts.append(h)
            self.direct.setdefault(h.host.i, []).append(k)
            noun = h.host
            if noun.pos_ in ("NOUN", "PROPN", "PRON", "NUM"):
                if noun.dep_ in _ARG_DEPS:
                    self.via_noun.setdefault(noun.head.i, []).append(k)
                elif noun.dep_ == "pobj" and noun.head.head.i != noun.head.i:
                    self.via_noun.setdefault(noun.head.head.i, []).append(k)
        # "one day after X met Y": (expression, the embedded clause or noun, the clause
        # it counts from)
        self.offsets = []
        for x in expressions:
            if x.role == "offset" and not x.citation and x.offset:
                tok = span_root(doc, (x.span[1] - 1, x.span[1]))
                if tok is None or tok.lower_ not in ("after", "before"):
                    continue
                if tok.dep_ == "mark" and tok.head.i != tok.i and tok.head.head.i != tok.head.i:
                    self.offsets.append((x, tok.head, tok.head.head))   # "after X met Y"
                elif tok.head.i != tok.i:
                    for c in tok.children:                               # "after the attack"
                        if c.dep_ in ("pobj", "pcomp"):
                            self.offsets.append((x, c, tok.head))
        self._sentences = SentenceIndex(doc)
        self._text: str | None = None
        # sentence start -> [(event key, expression, date)] of the events dated by their text
        self._dated: dict[int, list[tuple[tuple, TimeExpression, str | None]]] = {}
        # the speakers whose statements the text dated: [(speaker, expression, date)]
        self._spoken: list[tuple[dict, TimeExpression, str]] = []

    # ------------------------------------------------------------------ the parse
    def _group(self, v) -> list:
        """The event's own predication: the verb and its xcomp chain; for an event noun,
        the noun and the light verb it is the object or subject of."""
        group = [v]
        if v.pos_ not in PREDICATE_POS:
            h = v.head
            if v.dep_ in ("dobj", "nsubj", "nsubjpass", "attr") and h.i != v.i \
                    and h.lemma_.lower() in self.cues.light_verbs:
                group.append(h)
            else:
                return group
        top = group[-1]
        while top.dep_ == "xcomp" and top.head.i != top.i:
            top = top.head
            group.append(top)
        stack = [group[-1]]
        while stack:
            t = stack.pop()
            for c in t.children:
                if c.dep_ == "xcomp" and c not in group:
                    group.append(c)
                    stack.append(c)
                elif c.dep_ == "advcl" and _bare_participle(c) and c not in group:
                    group.append(c)   # "Speaking in Dubai last week, Macron said ..."
        return group

    def _own(self, group) -> list[int]:
        """Indices of the expressions the predication carries (rule 1)."""
        ids = {t.i for t in group}
        lemmas = {t.lemma_.lower() for t in group}
        cues = self.cues
        out = []
        for t in group:
            for k in self.direct.get(t.i, ()):
                h = self.hosts[k]
                if h.link == "pre" and h.host.pos_ not in PREDICATE_POS:
                    continue   # "Tuesday's launch" is the launch's, handled below when it is the event
                out.append(k)
            for k in self.via_noun.get(t.i, ()):
                h = self.hosts[k]
                noun = h.host
                if noun.i in ids:
                    out.append(k)      # the event noun itself: "the 2013 nuclear test"
                    continue
                word = noun.lemma_.lower()
                lower = noun.lower_
                temporal_pp = noun.dep_ == "pobj" and noun.head.lower_ in cues.temporal_preps
                if h.link == "pre":
                    if (word in cues.event_nouns or lower in cues.event_nouns) and temporal_pp:
                        out.append(k)  # "captured in the 1973 war"
                    elif (word in cues.document_nouns or lower in cues.document_nouns) \
                            and lemmas & cues.making_verbs:
                        out.append(k)  # "agreed to provide it under a 2007 contract"
                    continue
                if h.prep is not None and h.prep not in cues.temporal_preps:
                    continue           # "the war of 1812", "budget for 2020"
                if word in cues.document_nouns or lower in cues.document_nouns:
                    continue
                out.append(k)          # "arrested protesters on Tuesday" (attachment slack)
        # an event noun's own modifiers: "Tuesday's launch", "the launch on Tuesday"
        for t in group:
            if t.pos_ not in PREDICATE_POS:
                out.extend(k for k in self.direct.get(t.i, ()) if k not in out)
        return sorted(set(out))

    # ------------------------------------------------------------------ choosing
    def _reading(self, x: TimeExpression, direction: str, ref: str | None = None) -> str | None:
        """The date of ``x`` for an event looking ``direction`` (past | future | near | text)."""
        if direction == "future" and x.future:
            return x.future
        if direction == "past" and x.past:
            return x.past
        if direction == "near" and x.past and x.future and ref:
            after = [d for d in (x.past, x.future) if d >= ref]
            if after:
                return min(after)
        if direction == "near" and x.past and x.future and self.published:
            # a future reported in the past ("announced it will send him on November 17"):
            # relative to a speech time we do not know, so the reading nearer publication
            pub = _days(self.published)
            return min((x.past, x.future), key=lambda d: (abs(_days(d) - pub), d > self.published))
        return x.date

    def _acceptable(self, date: str | None, x: TimeExpression, ev: dict, t: str,
                    inherited: bool) -> bool:
        pub = self.published
        if date is None:
            return x.kind == "vague" and t in ("past", "perfect")
        if pub and date > pub and ev.get("modality") not in _FUTURE_MODALITIES and not (
                ev.get("modality") is None and t == "future"):
            return False    # only intended/hypothetical events lie after publication
        if inherited and t in ("present", "future") and is_historical(
                date, x.precision, pub, self.historical_days, x.end):
            return False    # a past date does not scope a present or future statement
        return True

    def _direction(self, v, ev: dict, t: str) -> tuple[str, str | None]:
        """Which way the event looks: (past | future | near | text, reference date).

        ``near``: a future reported by a past-tense speech verb ("said on Monday the talks
        would resume on Saturday"): the first reading on/after the speech's own date when
        it has one, else the reading nearest publication."""
        if t == "future" or ev.get("modality") in _FUTURE_MODALITIES:
            g = v if v.pos_ in PREDICATE_POS else clause_head(v)
            # the event's own expressions are not the speech's date: "were expected to
            # sign in October" (the governing verb's xcomp chain holds the event's verb)
            mine = set(self._own(self._group(v)))
            for _ in range(4):
                if g.dep_ not in ("ccomp", "xcomp", "conj", "advcl", "parataxis") or g.head.i == g.i:
                    break
                g = g.head
                if tense(g) == "past":
                    said = self._pick([k for k in self._own(self._group(g)) if k not in mine],
                                      {"modality": None}, g, "past", False)
                    return "near", (said[1] if said else None)
            return "future", None
        if t in ("past", "perfect"):
            return "past", None
        return "text", None

    def _pick(self, ks: list[int], ev: dict, v, t: str, inherited: bool):
        direction, ref = self._direction(v, ev, t) if ks else ("text", None)
        anchor = _target_token(self.doc, ev) or v
        best = None
        for k in ks:
            x = self.exprs[k]
            d = self._reading(x, direction, ref)
            if not self._acceptable(d, x, ev, t, inherited):
                continue
            key = _distance(self.hosts[k].root, anchor)
            if best is None or key < best[0]:
                best = (key, x, d)
        return best and (best[1], best[2])

    def choose(self, ev: dict):
        """(expression, date, rule) that dates ``ev`` by rules 1-3, or None; ``rule`` is
        own | offset | when | inherited | continued."""
        v = event_verb(self.doc, ev)
        if v is None:
            return None
        head = v if v.pos_ in PREDICATE_POS else clause_head(v)
        t = tense(head)
        group = self._group(v)
        got = self._pick(self._own(group), ev, v, t, False)
        if got:
            return got + ("own",)
        got = self._offset(v, ev, t)
        if got:
            return got + ("offset",)
        got = self._when_clause(v, group, ev, t)
        if got:
            return got + ("when",)
        # rule 2: up the clause links, from the governing clause down to this one
        top = group[-1] if v.pos_ not in PREDICATE_POS else _top(group)
        if v.pos_ in PREDICATE_POS or len(group) > 1 or self._prep_link(top) is not None:
            for _ in range(6):
                via_prep = self._prep_link(top)
                if via_prep is not None:
                    parent = via_prep
                elif top.dep_ in _INHERIT_DEPS and top.head.i != top.i:
                    parent = top.head
                elif _participle_of_argument(top):
                    parent = top.head.head   # "issued a statement on Monday condemning ..."
                else:
                    break
                pgroup = self._group(parent)
                got = self._pick(self._own(pgroup), ev, v, t, True)
                if got:
                    return got + ("inherited",)
                top = _top(pgroup)
        # rule 3: a continuation of the previous sentence's dated event
        if t == "past" and ev.get("modality") in (None, "asserted", "reported"):
            got = self._continued(v, ev, t)
            return got and got + ("continued",)
        return None

    def _when_clause(self, v, group, ev, t):
        """"... in 2014, when Russia annexed Crimea", "the minister's March 3 visit, when he
        met the envoy": a clause opened by "when" tells what happened at the time (or the
        dated occasion) written just before it, wherever the parser hung the clause."""
        if t not in ("past", "perfect"):
            return None
        heads = [g for g in group if g.pos_ in PREDICATE_POS] or [clause_head(v)]
        when = next((c for h in heads for c in h.children
                     if c.dep_ == "advmod" and c.lower_ == "when" and c.i == h.left_edge.i), None)
        if when is None:
            return None
        prev = when.i - 1
        while prev >= 0 and self.doc[prev].is_punct:
            prev -= 1
        if prev < 0 or prev < when.sent.start:
            return None
        tok = self.doc[prev]
        ks = [k for k, x in enumerate(self.exprs) if x.span[0] <= tok.idx < x.span[1]]
        if not ks and tok.pos_ in ("NOUN", "PROPN"):
            ks = list(self.direct.get(tok.i, ()))     # the dated noun: "the March 3 visit"
        return self._pick(ks, ev, v, t, True) if ks else None

    def _prep_link(self, tok):
        """The word a clause or event noun hangs on through an adverbial preposition
        ("without meeting", "after a four-day visit"), or None."""
        if tok.dep_ in ("pcomp", "pobj") and tok.head.i != tok.i \
                and tok.head.lower_ in self.cues.inherit_preps and tok.head.head.i != tok.head.i \
                and (tok.pos_ in PREDICATE_POS or tok.lemma_.lower() in self.cues.event_nouns
                     or tok.lower_ in self.cues.event_nouns):
            return tok.head.head
        return None

    def _offset(self, v, ev, t):
        """"The approval comes one day after the minister met the rabbis": the meeting is
        the approval's date minus one day (the approval's own date, else the story's)."""
        for x, inner, host in self.offsets:
            if inner.i != v.i and not any(a.i == inner.i for a in v.ancestors):
                continue
            if v.i == host.i or any(a.i == v.i for a in host.ancestors) and v.i != inner.i:
                continue
            base = self.choose({"_verb_i": host.i, "modality": None, "_no_offset": True}) \
                if not ev.get("_no_offset") else None
            if base is not None:
                bx, bdate, _ = base
                bprec = bx.precision
            elif self.story:
                bdate, bprec = self.story, "day"
            else:
                return None
            if bdate is None:
                return None
            n, unit = x.offset
            d = truncate(shift(_dt.date.fromisoformat(bdate), n, unit), coarser(bprec, x.precision))
            res = TimeExpression(x.text, x.span, d.isoformat(), coarser(bprec, x.precision),
                                 "relative")
            return (res, res.date) if self._acceptable(res.date, res, ev, t, True) else None
        return None

    def _continued(self, v, ev, t):
        text = self._full_text()
        s_start, _ = self._sent_bounds(v)
        opening = text[s_start:s_start + 40].lower().lstrip("\"'“‘ ")
        head = v if v.pos_ in PREDICATE_POS else clause_head(v)
        cues = self.cues
        if not (any(opening.startswith(c) and not opening[len(c):len(c) + 1].isalnum()
                    for c in cues.continuation_cues)
                or any(c.dep_ == "advmod" and c.lower_ in cues.continuation_cues
                       for c in head.children)
                or self._pronoun_narrative(head)):
            return None
        prev_start = self._previous_sentence_start(s_start)
        if prev_start is None:
            return None
        lo = bisect.bisect_left(self.starts, prev_start)
        hi = bisect.bisect_left(self.starts, s_start)
        cands = [k for k in range(lo, hi)]
        if len(cands) != 1:
            return None     # none, or several: which one the sentence continues is a guess
        x = self.exprs[cands[0]]
        if x.end is not None and x.precision == "year":
            return None     # "served from 2009 to 2013. Later, ...": a span, not a point
        d = self._reading(x, "past")
        return (x, d) if self._acceptable(d, x, ev, t, True) else None

    def _pronoun_narrative(self, head) -> bool:
        """"She was taken to the capital, where she met ...": the sentence's main clause
        has a pronoun subject and a simple-past verb that does not only report speech."""
        root = head
        while root.head.i != root.i:
            root = root.head
        if root.pos_ not in PREDICATE_POS or tense(root) != "past" \
                or root.lemma_.lower() in self.cues.reporting_verbs:
            return False
        return any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in self.cues.continuation_subjects
                   for c in root.children)

    def _same_event_before(self, v, ev):
        """The sentence before reported the same event (same source, target and CAMEO
        root) with a date: "Beijing will send its envoy to Pyongyang on Friday. A spokesman
        said the envoy is travelling to brief officials." — the travel is that Friday."""
        key = _event_key(ev)
        if key is None:
            return None
        s_start, _ = self._sent_bounds(v)
        prev = self._previous_sentence_start(s_start)
        if prev is None:
            return None
        for k, x, d in self._dated.get(prev, ()):
            if k == key and d is not None and (not self.published or d <= self.published
                                               or ev.get("modality") in _FUTURE_MODALITIES):
                return (x, d, "continued")
        return None

    def _speaker(self, ev: dict) -> dict | None:
        """Who speaks in ``ev``: its attribution, else the source of an act done by
        speaking (CAMEO's verbal quad classes, 1 and 3: comment, appeal, demand, accuse,
        reject, threaten ...): {id, heads, code}, or None."""
        att = ev.get("attribution")
        if isinstance(att, dict) and (att.get("speaker") or att.get("actor_id")):
            return _speaker_keys(att.get("actor_id"), [att.get("speaker")], att.get("code"))
        src = ev.get("source")
        if isinstance(src, dict) and ev.get("quad_class") in VERBAL_QUAD_CLASSES:
            texts = [src.get("text")]
            how = src.get("resolved_by")
            if isinstance(how, dict):   # "he", "the spokesman": the mentions they stand for
                texts += [step.get("text") for step in how.get("chain") or []]
            return _speaker_keys(src.get("actor_id"), texts, src.get("code"))
        return None

    def _speaker_before(self, speaker: dict):
        """The date of the same speaker's latest statement the text dated (a spokesman
        dated once and quoted again: the quotes are of that day)."""
        for other, x, d in reversed(self._spoken):
            if _same_speaker(speaker, other):
                return (x, d, "speaker")
        return None

    def _full_text(self) -> str:
        if self._text is None:
            self._text = getattr(self.doc._, "full_text", None) or doc_text(self.doc)
        return self._text

    def _previous_sentence_start(self, s_start: int) -> int | None:
        """Start of the sentence before the one at ``s_start``, in the same paragraph."""
        text = self._full_text()
        par = text.rfind("\n\n", 0, s_start)
        par = 0 if par < 0 else par + 2
        before = text[par:s_start].rstrip()
        if not before:
            return None
        spans = split_sentences(before)
        return par + spans[-1][0] if spans else None

    def _sent_bounds(self, tok) -> tuple[int, int]:
        """The token's sentence, without the mask whitespace a prefiltered Doc may lead with."""
        start, end = self._sentences.bounds(tok)
        text = self._full_text()
        while start < end and text[start].isspace():
            start += 1
        return start, end

    def resolve(self, ev: dict) -> dict:
        """``{date, date_precision, date_basis, historical}`` of one event (call it for
        the events of a document in text order: rule 4 looks back at earlier ones)."""
        got = self.choose(ev)
        v = event_verb(self.doc, ev)
        if got is None and v is not None:
            got = self._same_event_before(v, ev)
        speaker = self._speaker(ev)
        if got is None and speaker is not None:
            got = self._speaker_before(speaker)
        elif got is not None and speaker is not None and got[2] in ("own", "inherited") \
                and got[1] is not None and got[0].precision == "day" and self.story \
                and 0 <= _days(self.story) - _days(got[1]) <= SPEAKER_DAYS:
            self._spoken.append((speaker, got[0], got[1]))
        if got is not None and got[2] in ("own", "inherited", "offset", "when") and v is not None:
            key = _event_key(ev)
            if key is not None:
                self._dated.setdefault(self._sent_bounds(v)[0], []).append((key, got[0], got[1]))
        pub = self.published
        self.last_rule = got[2] if got else "story"
        if got is not None:
            x, d, _ = got
            if d is None:   # "in the past": background, no date
                return {"date": None, "date_precision": "unknown", "date_basis": "text",
                        "historical": True}
            end = x.end if d == x.date else None
            return {"date": d, "date_precision": x.precision, "date_basis": "text",
                    "historical": is_historical(d, x.precision, pub, self.historical_days, end)}
        if self.story:
            return {"date": self.story, "date_precision": "day", "date_basis": "publication",
                    "historical": is_historical(self.story, "day", pub, self.historical_days)}
        return {"date": None, "date_precision": "unknown", "date_basis": None, "historical": False}


# CAMEO QuadClass: 1 verbal cooperation, 3 verbal conflict (acts done by speaking).
VERBAL_QUAD_CLASSES = (1, 3)
# A speaker's dated statement is carried to the same speaker's undated quotes only when it
# is of the story's week (the news of the day, not a statement recalled from long ago).
SPEAKER_DAYS = 7
_PRONOUNS = {"he", "she", "it", "they", "we", "i", "his", "her", "its", "their", "who"}


def _speaker_keys(actor_id, texts, code) -> dict | None:
    """A speaker who is a person (a known one, or one named by a title: "the spokesman").
    A state or an organisation speaks on many days through many people: its statements
    are not carried."""
    state = str(actor_id or "").startswith("country:")
    if actor_id and not str(actor_id).startswith("person:"):
        actor_id = None     # (the spokesman's organisation or country: see the heads)
    # the head word: a title ("an EU spokesman", "the minister") or a name ("UN spokesperson
    # Ana Reyes", "the Foreign Ministry"); a capitalised head of a country's mention names
    # the state itself ("Beijing", "China")
    heads = {w.lower() for t in texts if t and t.split() for w in [t.split()[-1].strip(".,'\"")]
             if w and not (state and not w.islower())} - _PRONOUNS
    if not actor_id and not heads:
        return None
    return {"id": actor_id, "heads": heads, "code": code or ""}


def _same_speaker(a: dict, b: dict) -> bool:
    """The same person or body: one actor id, or one head noun ("an EU spokesman" ...
    "the spokesman") with no conflicting code (two known codes must agree)."""
    if a["id"] and b["id"]:
        return a["id"] == b["id"]
    if not a["heads"] & b["heads"]:
        return False
    ca, cb = a["code"], b["code"]
    return ca == cb or len(ca) <= 3 or len(cb) <= 3 or not ca[:3].isupper() or \
        ca[:3] == cb[:3]


_OFFSET_MARKS = {"after", "before", "since", "until", "till", "once", "when", "because", "if",
                 "unless", "although", "though"}


def _bare_participle(tok) -> bool:
    """A participle clause with no subject or subordinator of its own ("speaking on
    Tuesday, the minister said"): it happens when its governing clause does."""
    return tok.tag_ in ("VBG", "VBN") and not any(
        c.dep_ in ("nsubj", "nsubjpass", "expl", "aux", "auxpass")
        or (c.dep_ == "mark" and c.lower_ in _OFFSET_MARKS) for c in tok.children)


def _days(iso: str) -> int:
    return _dt.date.fromisoformat(iso).toordinal()


def _event_key(ev: dict) -> tuple | None:
    """(source country, target country, CAMEO root): two mentions of one event in
    neighbouring sentences ("Beijing will send its envoy ..." / "the envoy is travelling")."""
    def country(a):
        a = a or {}
        return a.get("country") or (a.get("code") or "")[:3] or None
    src, tgt = country(ev.get("source")), country(ev.get("target"))
    root = ev.get("cameo_root") or (ev.get("cameo") or "")[:2] or None
    return (src, tgt, root) if src and tgt and root else None


def _top(group):
    """The highest verb of a predication (its xcomp chain climbed)."""
    top = group[0]
    while top.dep_ == "xcomp" and top.head.i != top.i:
        top = top.head
    return top


def _target_token(doc, event):
    sp = (event.get("target") or {}).get("span")
    if sp:
        sub = doc.char_span(sp[0], sp[1], alignment_mode="expand")
        if sub is not None and len(sub):
            return sub[-1]
    return None


def _distance(tok, anchor) -> int:
    # Dates after the anchor ("met Moon in 2017") win ties over ones before it.
    d = tok.i - anchor.i
    return d if d > 0 else -d + 1


def resolve_event_date(doc, event: dict, published: str | None, historical_days: int = 60,
                       expressions: list[TimeExpression] | None = None) -> dict:
    """``{date, date_precision, date_basis, historical}`` of one event of a parsed ``doc``.

    For many events of one document, build one :class:`DocDates` and call its
    ``resolve`` instead (what :func:`~eventwire.dates.date_events` does).
    """
    text = getattr(doc._, "full_text", None) if doc.has_extension("full_text") else None
    text = text or doc_text(doc)
    if expressions is None:
        expressions = find_dates(text, published)
    return DocDates(doc, expressions, published, historical_days,
                    story_date(text, published)).resolve(event)

