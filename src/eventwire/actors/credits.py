"""Datelines, wire credits and media as sources: found and set aside, never actors.

News text names places, agencies and newspapers that are not actors of the news:

    "MOSCOW, May 3 (Interfax) — ..."    the dateline: where the story was filed, by whom
    "LONDON (AP) —", "(CNN) ..."        a wire credit
    "... told Reuters", "in an interview with the BBC", "according to the Beijing News"
                                        media as the audience or the source of information
    "Jane Roe in Seoul contributed to this report."   a byline

Their words stay in the text; the actor mentions inside them are moved from the actors to
a ``set_aside`` list (shown by ``eventwire actors``/``explain`` with the reason). The
dateline itself is kept as ``Dateline`` (its place's country is a hint to later stages,
not an actor). Media that act (state media denouncing, a newspaper being shut) stay
actors: only the audience/source positions above are set aside.

The word lists are data: ``data/document/credits.yaml``.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ..dateline import find_dateline as _find_dateline
from .docdata import cached_sections

LISTS = frozenset({"agencies", "credit_starts", "credit_ends", "audience_cues"})
NAME_MAPS = frozenset({"name_heads", "acronym_heads"})   # data/document/names.yaml


# Title-case words that never sit inside a newspaper's name.
FUNCTION_WORDS = {"over", "to", "in", "of", "for", "on", "at", "with", "as", "after", "says",
                  "said", "and", "or", "but", "by", "from", "the", "a", "an", "is", "are",
                  "was", "will", "amid", "against", "into", "about"}


@dataclass(frozen=True)
class CreditWords:
    agencies: frozenset[str]          # lower case
    agency_only_re: re.Pattern
    credit_start_re: re.Pattern
    credit_end_re: re.Pattern
    audience_re: re.Pattern
    caption_credit_re: re.Pattern
    name_heads: dict                  # last word of a body's name (with case) -> sector


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@functools.lru_cache(maxsize=1)
def words() -> CreditWords:
    d = cached_sections("credits.yaml", LISTS)
    return CreditWords(
        agencies=frozenset(a.lower() for a in d["agencies"]),
        agency_only_re=re.compile(r"\((?P<agency>[^()\n]{2,40})\)[ ]*(?:(?:--|—|–|-)[ ]*)?"),
        credit_start_re=re.compile(rf"^\s*(?:\(|--|—)?\s*(?:{_alt(d['credit_starts'])})\b", re.I),
        credit_end_re=re.compile(rf"\b(?:{_alt(d['credit_ends'])})\W*$", re.I),
        audience_re=re.compile(rf"\b(?:{_alt(d['audience_cues'])})\s+(?:(?:the|a|an)\s+)?"
                               r"(?:[\w’'\-]+\s+){0,3}$", re.I),
        caption_credit_re=re.compile(rf"(?:^|\n)[ \t]*(?P<agency>{_alt(d['agencies'])})"
                                     r"[ \t]*(?:(?P<next>[A-Z][a-z]*)\b|\n|$)"),
        name_heads={h: sector for sector, hs in cached_sections(
            "names.yaml", frozenset(), NAME_MAPS)["name_heads"].items()
            for h in ([hs] if isinstance(hs, str) else hs)})


@dataclass
class Dateline:
    text: str                  # "SEOUL, March 17 -"
    span: tuple[int, int]
    place: str                 # "SEOUL"
    place_span: tuple[int, int]
    region: str | None         # "South Korea" in "SEOUL, South Korea —"
    agency: str | None         # "Reuters"
    date_text: str | None      # "March 17"
    country: str | None = None

    def as_dict(self) -> dict:
        return {"text": self.text, "span": list(self.span), "place": self.place,
                "region": self.region, "agency": self.agency, "date_text": self.date_text,
                "country": self.country}


def find_dateline(text: str) -> Dateline | None:
    """The dateline opening the story (``eventwire.dateline.find_dateline``, shared with the
    date stage: "CITY[, REGION][, Mon DD] [(AGENCY)] —", "City, Region (AGENCY) ..."), or
    a known agency's credit opening it alone: "(CNN) North Korea fired ..."."""
    d = _find_dateline(text)
    if d is not None:
        (place, pspan) = d.places[0] if d.places else ("", (d.span[0], d.span[0]))
        return Dateline(d.text, d.span, " / ".join(p for p, _ in d.places) or place, pspan,
                        d.region[0] if d.region else None,
                        d.agency.strip() if d.agency else None, d.date_text)
    w = words()
    start = len(text) - len(text.lstrip())
    m = w.agency_only_re.match(text, start)
    if m and m.group("agency").strip().lower() in w.agencies:
        return Dateline(text[m.start():m.end()].rstrip(), (m.start(), m.end()), "",
                        (m.start(), m.start()), None, m.group("agency").strip(), None)
    return None


def credit_paragraphs(text: str) -> list[tuple[int, int]]:
    """Spans of byline/credit paragraphs ("X in Seoul contributed to this report.")."""
    w = words()
    out = []
    pos = 0
    for para in text.split("\n\n"):
        start = text.find(para, pos)
        pos = start + len(para)
        p = para.strip()
        if not p or len(p) > 300:
            continue
        if w.credit_start_re.search(p) or w.credit_end_re.search(p):
            out.append((start, start + len(para)))
    return out


def named_bodies(text: str, mentions: list[dict]) -> list[dict]:
    """"the Tehran Times", "the Beijing News", "the China Three Gorges Project Corp": a run
    of capitalised words that holds a place or country mention and ends with a body's
    head word (``name_heads`` in data/document/names.yaml) names a body of that country
    with that sector (MED, BUS), not the place. Returns the mentions to use instead."""
    heads = words().name_heads
    out = []
    for m in mentions:
        if not m.get("country") or m.get("kind") not in ("country", "place", "metonym", None,
                                                          "agent"):
            continue
        a, b = m["span"]
        # the capitalised words right after the place, up to the last head word
        seg = re.match(r"(?:[ ]+[A-Z][A-Za-z\-]*\.?){1,4}", text[b:b + 80])
        if not seg:
            continue
        after = list(re.finditer(r"[A-Z][A-Za-z\-]*", seg.group()))
        heads_at = [k for k, x in enumerate(after) if x.group() in heads]
        if not heads_at:
            continue
        if any(x.group().lower() in FUNCTION_WORDS for x in after[:heads_at[-1] + 1]):
            continue   # a title-case headline ("Japan Over Post"), not a name
        last = after[heads_at[-1]]
        end = b + last.end()
        start = a
        if text[max(0, a - 4):a].lower() == "the ":
            start = a - 4
        sector = heads[last.group()]
        out.append({"text": text[start:end], "name": text[a:end], "code": m["country"] + sector,
                    "country": m["country"], "agent": sector, "actor_id": None,
                    "span": [start, end], "kind": "org", "resolved_by": "name-head",
                    "confidence": 0.6, "_replaces": m})
    return out


def set_aside(r, text: str, mentions: list[dict], day=None):
    """Split ``mentions`` into (actors, set_aside, dateline). ``set_aside`` entries are
    the mentions with a ``reason`` ("dateline", "wire credit", "byline", "audience")."""
    dl = find_dateline(text)
    if dl is not None:
        dl.country = _place_country(r, dl, day)
    # newspapers and companies named after places replace the place mention (and any
    # mention inside their name)
    bodies = named_bodies(text, mentions)
    if bodies:
        replaced = {id(x.pop("_replaces")) for x in bodies}
        inside = [(x["span"][0], x["span"][1]) for x in bodies]
        mentions = sorted([m for m in mentions if id(m) not in replaced and not any(
            a <= m["span"][0] and m["span"][1] <= b for a, b in inside)] + bodies,
                          key=lambda m: (m["span"][0], m["span"][1]))
    spans: list[tuple[int, int, str]] = []
    if dl is not None:
        spans.append((dl.span[0], dl.span[1], "dateline"))
    spans += [(a, b, "byline") for a, b in credit_paragraphs(text)]
    w = words()
    captions = caption_credits(text)
    kept, aside = [], []
    for m in mentions:
        a, b = m["span"]
        reason = next((why for x, y, why in spans if x <= a and b <= y), None)
        if reason is None and _is_media(m) and w.audience_re.search(text, max(0, a - 80), a):
            reason = "audience"
        if reason is None and _in_parens_credit(text, a, b, w):
            reason = "wire credit"
        if reason is None and any(x <= a and b <= y for x, y in captions):
            reason = "photo credit"
        if reason is None:
            kept.append(m)
        else:
            aside.append(dict(m, reason=reason))
    return kept, aside, dl


def _is_media(m: dict) -> bool:
    return m.get("agent") == "MED" or (m.get("code") or "").endswith("MED")


def _in_parens_credit(text: str, a: int, b: int, w: CreditWords) -> bool:
    """"(Reuters)", "(AP)" inside the text: a wire credit."""
    return text[a - 1:a] == "(" and text[b:b + 1] == ")" and text[a:b].lower() in w.agencies


def caption_credits(text: str) -> list[tuple[int, int]]:
    """Spans of photo credits glued to the front of a caption paragraph by the page's
    extraction ("Reuters In 2014 the group ..."): an agency opening a paragraph, followed at
    once by the paragraph's end or a capitalised word that cannot go on a sentence whose
    subject it is (a title-case function word: "In", "The", "After")."""
    w = words()
    out = []
    if not text.strip() or text.strip().lower() in w.agencies:
        return out   # (the agency's own name looked up alone: no caption)
    for m in w.caption_credit_re.finditer(text):
        nxt = m.group("next")
        if nxt is None or nxt.lower() in FUNCTION_WORDS:
            out.append((m.start("agency"), m.end("agency")))
    return out


def _place_country(r, dl: Dateline, day) -> str | None:
    """The country of the dateline's place: its region when that names one ("KUNDUZ,
    Afghanistan"), else the place (exact dictionary forms only: "COLUMBIA, S.C." must
    not become Colombia)."""
    for part in ([dl.region] if dl.region else []) + [dl.place.split(" / ")[0]]:
        for m in r._resolve(part, day, doc=None):
            if m.get("country") and m.get("resolved_by") != "fuzzy":
                return m["country"]
    return None
