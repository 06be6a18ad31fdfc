"""Which time expression dates which event: clause scoping over the parse."""
from __future__ import annotations

import bisect
import re

from ..syntax import PREDICATE_POS as _PREDICATE_POS, clause_head, event_verb, span_root as _span_root
from ..textutil import doc_text
from .expressions import TimeExpression, find_dates
from .periods import is_historical, normalize_published


def _tense(verb) -> str:
    """past | perfect | present | future, from the verb and its auxiliaries."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxes}
    if words & {"will", "shall", "'ll", "wo"}:
        return "future"
    if words & {"has", "have", "'ve"}:
        return "perfect"     # "have been viewed since 2011": a past that reaches now
    if words & {"is", "are", "am", "'re"} or (not auxes and verb.tag_ in ("VBZ", "VBP")):
        return "present"
    return "past"


def _paragraph_start(text: str, pos: int) -> int:
    m = None
    for m in re.finditer(r"\n\s*\n", text[:pos]):
        pass
    return m.end() if m else 0


def resolve_event_date(doc, event: dict, published: str | None, historical_days: int = 60,
                       expressions: list[TimeExpression] | None = None,
                       _ctx: "_DocDates | None" = None) -> dict:
    """``{date, date_precision, date_basis, historical}`` of one event.

    Scope order: a date in the event's own clause (nearest its target); else one in
    another clause of its sentence (nearest its verb); else the last one in earlier
    sentences of the same paragraph; else the publication date. Dates that lie in the
    past are not carried into present/future-tense events ("China now backs ...").
    """
    published = normalize_published(published)
    if expressions is None:
        expressions = find_dates(doc_text(doc), published)
    if _ctx is not None and _ctx.ok:
        chosen = _ctx.choose(event)
    else:
        chosen = _choose_expression(doc, event, published, historical_days,
                                    [x for x in expressions if not x.citation])
    if chosen is not None:
        return {"date": chosen.date, "date_precision": chosen.precision, "date_basis": "text",
                "historical": is_historical(chosen.date, chosen.precision, published,
                                            historical_days, chosen.end)}
    if published:
        return {"date": published, "date_precision": "day", "date_basis": "publication",
                "historical": False}
    return {"date": None, "date_precision": "unknown", "date_basis": None, "historical": False}


def _choose_expression(doc, event, published, historical_days, exprs):
    verb = event_verb(doc, event)
    if verb is None or not exprs:
        return None
    sent = verb.sent
    tense = _tense(verb)

    def fits_tense(x: TimeExpression) -> bool:
        # A past date does not scope a present or future statement.
        return tense in ("past", "perfect") or not is_historical(
            x.date, x.precision, published, historical_days, x.end)

    in_sent, before = [], []
    for x in exprs:
        if sent.start_char <= x.span[0] < sent.end_char:
            in_sent.append(x)
        elif x.span[1] <= sent.start_char:
            before.append(x)

    own, other = [], []
    clause = event.get("_clause") or event.get("_clause_token_span")
    for x in in_sent:
        root = _span_root(doc, x.span)
        if root is None:
            continue
        gov = clause_head(root)
        mine = gov.i == verb.i or root.i == verb.i or _under_nominal_verb(root, verb)
        if not mine and clause and verb.pos_ not in _PREDICATE_POS:
            mine = clause[0] <= root.i < clause[1] and gov.i == clause_head(verb).i
        (own if mine else other).append((x, root))

    if own:
        anchor = _target_token(doc, event) or verb
        return min(own, key=lambda xr: _distance(xr[1], anchor))[0]
    other = [(x, r) for x, r in other if fits_tense(x)]
    if other:
        return min(other, key=lambda xr: abs(xr[1].i - verb.i))[0]
    par_start = _paragraph_start(doc_text(doc), sent.start_char)
    earlier = [x for x in before if x.span[0] >= par_start and fits_tense(x)]
    return earlier[-1] if earlier else None


class _DocDates:
    """:func:`_choose_expression` for many events of one doc, without per-event rescans.

    Built once per doc from ``find_dates`` output (sorted, non-overlapping): each
    expression's root and clause head are found once; per sentence the expressions are
    indexed by clause head / root / root's head (the "own clause" tests) and sorted by
    root position (nearest "other clause" by bisection); earlier expressions of the
    paragraph are a bisected range. Picks exactly what ``_choose_expression`` picks
    (same order, same ties); ``ok`` is False when the input does not allow it.
    """

    def __init__(self, doc, expressions, published, historical_days):
        self.doc, self.published, self.historical_days = doc, published, historical_days
        self.exprs = [x for x in expressions if not x.citation]
        xs = self.exprs
        self.ok = all(xs[k].span[0] <= xs[k + 1].span[0] and xs[k].span[1] <= xs[k + 1].span[1]
                      for k in range(len(xs) - 1))
        self.starts = [x.span[0] for x in xs]
        self.ends = [x.span[1] for x in xs]
        self.hist = [is_historical(x.date, x.precision, published, historical_days, x.end)
                     for x in xs]
        # prev_ok[k]: the last index <= k whose expression fits a present/future event
        self.prev_ok, last = [], -1
        for k, h in enumerate(self.hist):
            if not h:
                last = k
            self.prev_ok.append(last)
        self._roots: dict[int, tuple] = {}
        self._sents: dict[int, dict] = {}
        self._sent_list: list[tuple[int, int, int, int]] | None = None
        self._text: str | None = None
        self._breaks: list[tuple[int, int]] = []
        self._break_ends: list[int] = []

    def _root(self, k):
        if k not in self._roots:
            root = _span_root(self.doc, self.exprs[k].span)
            self._roots[k] = (root, clause_head(root) if root is not None else None)
        return self._roots[k]

    def _sent_bounds(self, verb) -> tuple[int, int]:
        """(start_char, end_char) of the verb's sentence (``Token.sent`` walks the
        sentence each time: one pass over ``doc.sents`` instead)."""
        if self._sent_list is None:
            try:
                self._sent_list = [(s.start, s.end, s.start_char, s.end_char)
                                   for s in self.doc.sents]
            except ValueError:
                self._sent_list = []
        k = bisect.bisect_right(self._sent_list, (verb.i, float("inf"))) - 1
        if k >= 0 and self._sent_list[k][0] <= verb.i < self._sent_list[k][1]:
            return self._sent_list[k][2], self._sent_list[k][3]
        sent = verb.sent
        return sent.start_char, sent.end_char

    def _sentence(self, bounds: tuple[int, int]) -> dict:
        key = bounds[0]
        info = self._sents.get(key)
        if info is None:
            lo = bisect.bisect_left(self.starts, bounds[0])
            hi = bisect.bisect_left(self.starts, bounds[1], lo)
            by_gov, by_root, by_head, near, near_ok = {}, {}, {}, [], []
            for k in range(lo, hi):
                root, gov = self._root(k)
                if root is None:
                    continue
                by_gov.setdefault(gov.i, []).append(k)
                by_root.setdefault(root.i, []).append(k)
                by_head.setdefault(root.head.i, []).append(k)
                near.append((root.i, k))
                if not self.hist[k]:
                    near_ok.append((root.i, k))
            near.sort()
            near_ok.sort()
            info = self._sents[key] = {"by_gov": by_gov, "by_root": by_root, "by_head": by_head,
                                       "near": near, "near_ok": near_ok,
                                       "par_start": self._paragraph_start(bounds[0])}
        return info

    def _paragraph_start(self, pos: int) -> int:
        if self._text is None:
            self._text = doc_text(self.doc)
            self._breaks = [m.span() for m in re.finditer(r"\n\s*\n", self._text)]
            self._break_ends = [e for _, e in self._breaks]
        k = bisect.bisect_right(self._break_ends, pos) - 1
        nxt = k + 1
        if nxt < len(self._breaks) and self._breaks[nxt][0] < pos:
            return _paragraph_start(self._text, pos)   # a break straddles pos: the exact way
        return self._breaks[k][1] if k >= 0 else 0

    def choose(self, event):
        doc = self.doc
        verb = event_verb(doc, event)
        if verb is None or not self.exprs:
            return None
        bounds = self._sent_bounds(verb)
        tense = _tense(verb)
        info = self._sentence(bounds)
        clause = event.get("_clause") or event.get("_clause_token_span")
        nominal = verb.pos_ not in _PREDICATE_POS
        cand = set(info["by_gov"].get(verb.i, ())) | set(info["by_root"].get(verb.i, ()))
        if nominal:
            cand.update(info["by_head"].get(verb.i, ()))
            if clause:
                vh = clause_head(verb).i
                cand.update(k for k in info["by_gov"].get(vh, ())
                            if clause[0] <= self._roots[k][0].i < clause[1])
        if cand:
            anchor = _target_token(doc, event) or verb
            return self.exprs[min(sorted(cand), key=lambda k: _distance(self._roots[k][0], anchor))]
        all_fit = tense in ("past", "perfect")
        near = info["near"] if all_fit else info["near_ok"]
        if near:
            v = verb.i
            p = bisect.bisect_left(near, (v, -1))
            best = None   # (distance, index)
            if p < len(near):
                best = (near[p][0] - v, near[p][1])
            if p > 0:
                ri = near[p - 1][0]
                q = bisect.bisect_left(near, (ri, -1))
                left = (v - ri, near[q][1])
                if best is None or left < best:
                    best = left
            return self.exprs[best[1]]
        hi = bisect.bisect_right(self.ends, bounds[0])
        lo = bisect.bisect_left(self.starts, info["par_start"])
        if hi <= lo:
            return None
        k = hi - 1 if all_fit else self.prev_ok[hi - 1]
        return self.exprs[k] if k >= lo else None


def _under_nominal_verb(root, verb) -> bool:
    """A nominal event ("a rocket launch that same month"): dates it modifies directly."""
    return verb.pos_ not in _PREDICATE_POS and root.head.i == verb.i


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
