"""One record per real event per article: an article's mentions of one event, folded.

An article states an event in its lead ("X shelled Y on Monday"), again further down
("the shelling on Monday ...") and in a quote. Coding finds each statement (a *mention*);
the record a user reads is the article's account of the event: ONE record that lists
every sentence stating it (the gold convention, GDELT's Events row with its Mentions).

Folding works on mentions that already carry their ``canonical_event_id``: dedup
(``cluster``) has judged them one real event (same actors, compatible CAMEO codes, dates
within a day or two, one status, one place, statements saying the same thing). Inside
one article, folding then asks more, because a second mention in the same article is
usually a second event when anything differs:

- the same CAMEO root (for consults the same 3-digit base: a visit and the talks held
  during it are two records), and each side the same actor by
  ``features.actors_verdict`` alone (same person/organisation, same code, or a bare
  country against one of its agents) — not two different agents linked only because a
  name recurs; "A met B" = "B met A" only when both sides are known;
- for things said (statements, appeals, intents, demands, criticism, rejections,
  threats: ``SAYING_ROOTS``), and for meetings with one side unknown, clauses that say
  the same thing by dedup's key-word test — an article quotes many appeals of one pair
  on one day, and names many meetings with one leader;
- the same date at the same precision when both are dated by the text ("met on Monday
  ... met again on Tuesday" are two meetings: dedup keeps two days of one article apart
  too, except for visits and talks, whose days it lets join);
  a mention dated only by the publication day says nothing about its day: it folds
  into the one account of its event the text dates to the day, and stays apart when
  there are several, or when the text gives only a week, month or year;
- the same status (asserted/reported/hedged vs intended/hypothetical vs negated): a
  negated or hypothetical mention never folds into an asserted one (dedup's block).

Nothing is lost: a folded record is its *representative* mention (most complete actors,
then most precise text date, then most specific code; ties -> the earliest) with every
contract field of it, plus ``mentions`` (each mention's sentence, offsets, verb, rule and
``event_id``, the representative first) and ``num_mentions``. The store keeps every
mention in its ``mentions`` table; ``eventwire code --per-mention`` prints them.

Sides are never filled from another mention: within one canonical event both mentions
have the same sides known (dedup does not merge a known side with an unknown one).
"""
from __future__ import annotations

from typing import Iterable, Iterator

from .cluster import canonical_id, cluster_block
from .features import (PRECISION_RANK, actors_verdict, block_key, content_match, is_generic,
                       oriented, root, status)
from .features import text_date as _text_date

# Roots whose events are things said: statements, appeals, intents, diplomatic
# cooperation, demands, disapproval, rejections, threats. An article quotes many of them
# between one pair of actors on one day ("X urged Y to ...", "X also urged Y to ..."),
# so two of them are one record only when their clauses say the same thing (dedup's key
# word test, which inside one article it asks only of statements).
SAYING_ROOTS = {"01", "02", "03", "05", "10", "11", "12", "13"}
# CONSULT codes name different contacts: a visit (042), the talks held during it (040,
# 046), a call, a planned meeting. Inside one article they are different records, even
# when dedup lets a root-level 040 join a specific code across articles.
SAME_BASE_ROOTS = {"04"}

# What a folded record says about each of its mentions (besides the representative's
# full contract fields at the top level).
MENTION_FIELDS = ("event_id", "sentence_index", "sentence", "span", "verb", "pattern",
                  "cameo", "modality", "date", "date_precision", "date_basis", "confidence")


def same_account(a: dict, b: dict) -> tuple[bool, str]:
    """May two mentions of one article and one canonical event be one record? The
    article-level test on top of dedup's (dates are compared by ``fold_article``, which
    sees all the mentions). Returns (ok, reason)."""
    if a.get("doc_id") != b.get("doc_id"):
        return False, "different articles"
    if status(a) != status(b):
        return False, f"status {status(a)} vs {status(b)}"
    if root(a) != root(b):
        return False, f"CAMEO root {root(a)} vs {root(b)}"
    if a.get("sentence_index") == b.get("sentence_index"):
        return False, "one sentence: two events the coder found in one sentence"
    ba, sa, ta = oriented(a)
    bb, sb, tb = oriented(b)
    if root(a) in SAME_BASE_ROOTS and ba != bb:
        return False, f"CAMEO {a.get('cameo')} vs {b.get('cameo')}: different contacts"
    if not all((sa, ta, sb, tb)):
        # "A met B" = "B met A" needs both sides: with one unknown, the known side
        # must be on the same end
        sa, ta, sb, tb = a.get("source"), a.get("target"), b.get("source"), b.get("target")
    for side, x, y in (("source", sa, sb), ("target", ta, tb)):
        ok, why = actors_verdict(x, y)
        if ok is not True:
            return False, f"{side}: {why}"
    one_sided = root(a) in SAME_BASE_ROOTS and not all((sa, ta, sb, tb))
    if root(a) in SAYING_ROOTS or one_sided:
        # things said; and meetings with one side unknown: "a meeting with Xi" is any of
        # the meetings with Xi an article about diplomacy names
        said, overlap, shared = content_match(a, b)
        if not said:
            return False, f"different words (shared {shared}, overlap {overlap})"
    da, db = _text_date(a), _text_date(b)
    if da and db and da != db:
        return False, f"dates {da[0]}/{da[1]} vs {db[0]}/{db[1]}"
    return True, "same account"


def _completeness(rec: dict, order: int):
    """The representative: most complete actors, then the most precise text date, then
    the most specific code; ties -> the earliest mention (smaller is better)."""
    sides = [rec.get("source"), rec.get("target")]
    known = sum(1 for s in sides if s)
    agents = sum(1 for s in sides if s and s.get("agent"))
    ids = sum(1 for s in sides if s and s.get("actor_id"))
    td = _text_date(rec)
    cameo = rec.get("cameo") or ""
    return (-known, -agents, -ids, td is None, PRECISION_RANK.get(td[1] if td else None, 3),
            is_generic(cameo[:3]), -len(cameo), order)


def _position(rec: dict, order: int):
    return (rec.get("sentence_index") if rec.get("sentence_index") is not None else 1 << 30,
            (rec.get("span") or [0])[0] or 0, order)


def _events_of(mentions: list[dict]) -> dict[int, str]:
    """Canonical event per mention (by index): the records' own ids, else dedup's
    clustering of these mentions alone."""
    if all(m.get("canonical_event_id") for m in mentions):
        return {i: m["canonical_event_id"] for i, m in enumerate(mentions)}
    index = {id(m): i for i, m in enumerate(mentions)}
    blocks: dict[str, list[dict]] = {}
    for m in mentions:
        blocks.setdefault(block_key(m), []).append(m)
    out = {}
    for key in sorted(blocks):
        for cluster in cluster_block(blocks[key]):
            cid = canonical_id(cluster)
            for m in cluster:
                out[index[id(m)]] = cid
    return out


def _groups_in_event(idx: list[int], mentions: list[dict]) -> list[list[int]]:
    """Split one canonical event's mentions of one article into accounts."""
    groups: list[list[int]] = []
    dated = [i for i in idx if _text_date(mentions[i])]
    undated = [i for i in idx if not _text_date(mentions[i])]
    for i in dated + undated:  # text-dated first: they decide which accounts exist
        fits = [g for g in groups if all(same_account(mentions[i], mentions[j])[0] for j in g)]
        if not _text_date(mentions[i]):
            # No day of its own: only where it can belong to one account alone, and only
            # to an account dated to the day. "Last week" or "in March" beside an undated
            # mention is as often an earlier event (the raid last week, the attack today).
            dated_fits = [g for g in fits if any(_text_date(mentions[j]) for j in g)]
            n_dated_accounts = sum(1 for g in groups if any(_text_date(mentions[j]) for j in g))
            if n_dated_accounts > 1 or _days_it_fits(i, mentions) > 1:
                fits = []
            elif dated_fits:
                fits = [g for g in dated_fits if all(_text_date(mentions[j])[1] == "day"
                                                     for j in g if _text_date(mentions[j]))]
        if fits:
            fits[0].append(i)
        else:
            groups.append([i])
    return groups


def _days_it_fits(i: int, mentions: list[dict]) -> int:
    """How many days the article gives to accounts a mention with no day of its own could
    be: dedup keeps "attacked on Monday" and "attacked again on Tuesday" two events, and
    may have put "the attack" with either."""
    days = set()
    for j, m in enumerate(mentions):
        d = _text_date(m)
        if j != i and d is not None and d[1] == "day" and same_account(mentions[i], m)[0]:
            days.add(d[0])
    return len(days)


def fold_article(mentions: list[dict]) -> list[dict]:
    """The records of one article: one per account of a real event (see the module)."""
    if not mentions:
        return []
    event_of = _events_of(mentions)
    by_event: dict[str, list[int]] = {}
    for i in sorted(range(len(mentions)), key=lambda k: _position(mentions[k], k)):
        by_event.setdefault(event_of[i], []).append(i)
    accounts: list[list[int]] = []
    for idx in by_event.values():
        accounts.extend(_groups_in_event(idx, mentions))
    accounts.sort(key=lambda g: min(_position(mentions[i], i) for i in g))
    return [_folded([mentions[i] for i in g], g) for g in accounts]


def _folded(members: list[dict], order: list[int]) -> dict:
    ranked = sorted(zip(members, order), key=lambda mo: _completeness(*mo))
    rep = ranked[0][0]
    rest = sorted(ranked[1:], key=lambda mo: _position(*mo))
    out = {k: v for k, v in rep.items() if not str(k).startswith("_")}
    out["mentions"] = [{k: m.get(k) for k in MENTION_FIELDS} for m, _ in [ranked[0]] + rest]
    out["num_mentions"] = len(members)
    return out


def fold_records(records: Iterable[dict]) -> Iterator[dict]:
    """Mention records (with canonical ids, one article's records together, as coding
    and the store give them) -> one record per real event per article, streamed."""
    doc, batch = object(), []
    for rec in records:
        if batch and rec.get("doc_id") != doc:
            yield from fold_article(batch)
            batch = []
        doc = rec.get("doc_id")
        batch.append(rec)
    yield from fold_article(batch)

