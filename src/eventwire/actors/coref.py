"""Document-level coreference: the actor a later, shorter mention refers back to.

Run once per Doc (``resolve_references``), after the text-level resolution and after
datelines and credits are set aside. News names an actor once and then refers back:

    "He urged ...", "his government"         -> the person last named as a subject
    "It said ...", "its forces"              -> the country or body last named
    "They denied ...", "their troops"        -> the group, or all members of a list
    "the ministry", "the lawmakers"          -> the earlier mention with that head word (or
                                                sector) and a country; with none and no
                                                country in the sentence, the country the
                                                document is about
    "Botha" after "Foreign Minister Pik Botha" -> that person (names the dictionary does not
                                                know; dictionary people are matched by name)
    "the two sides", "both leaders"          -> the last two actors of that kind

Each mention made or completed here gets ``resolved_by`` ("pronoun", "definite",
"home-country", "surname", "pair") and ``chain``: the steps back to the named mention
(``[{"text", "span", "resolved_by"}, ...]``, nearest first). Antecedents may sit in
sentences the pipeline's prefilter did not parse (``context`` mentions, found on the full
text); anaphors are only looked for in the parsed sentences.

The word lists are data: ``data/document/coreference.yaml``.

The work is split by what is resolved: the discourse model and word lists
(actors/discourse.py), definite descriptions (actors/descriptions.py) and pronouns
(actors/pronouns.py); this module runs them in order and names the home country.
"""
from __future__ import annotations

from collections import Counter

from ..textutil import doc_text
from .acronyms import acronym_home
from .credits import words as credit_words
from .descriptions import (counted_people, definite_groups, definite_states, definites, pairs,
                           posted_abroad)
from .discourse import SUBJ, CorefWords, Discourse, Sentences, coordinated_lists, subject_rank, words
from .introduced import CALENDAR_WORDS, apposed_names, apposed_names_text, surnames, titled_people
from .pronouns import may_refer, quoted_first_person, resolve_pronouns

# (re-exported: component.py, the tests and users import them from here)
__all__ = ["CorefWords", "HOME_KEY", "Sentences", "home_country", "may_refer",
           "resolve_references", "words"]

HOME_KEY = "eventwire.home_country"


# -- the pass -------------------------------------------------------------------------------

def resolve_references(r, doc, mentions: list[dict], context: list[dict], text: str,
                       day=None, dateline: dict | None = None, patterns=None) -> list[dict]:
    """Complete ``mentions`` in place (definite descriptions) and return the new mentions
    (pronouns, surnames, pairs) of the parsed Doc. ``context``: mentions of sentences the
    parser did not see (antecedents only). ``text``: the full text (offsets = Doc's).
    ``patterns``: the run's event PatternSet (None: the packaged patterns)."""
    w = words()
    sents = Sentences(text)
    disc = Discourse(doc, sents, w, text)
    for m in context:
        disc.add(m)
    for m in mentions:
        if not _predicative(m, doc):
            disc.add(m)
    disc.mark_first_subjects()
    for g, members, subj in coordinated_lists(list(disc.cands), text):
        disc.add(g, subject=subj, members=members)
    home = home_country(mentions + context, dateline)
    acronym_home(mentions + context, home)
    ambiguous_by_home(r, mentions + context, home, day)
    if doc is not None:
        doc.user_data[HOME_KEY] = home   # for the event coder (events/coder.ActorIndex.home)
    posted_abroad(doc, mentions, home, w)
    sent_countries = _sentence_countries(mentions, sents)
    new: list[dict] = []
    covered = _covered(mentions)
    counted_people(doc, mentions, w)
    definites(doc, mentions, disc, sents, sent_countries, home, w)
    titled_people(mentions + context, home)
    for m in apposed_names(doc, mentions, covered, w.person_heads):
        new.append(m)
        disc.add(m)
    context = context + apposed_names_text(text, context, w.person_heads)
    for m in surnames(r, doc, mentions + new, context, covered, w):
        new.append(m)
        disc.add(m)
        covered.update(range(m["token_span"][0], m["token_span"][1]))
    for m in pairs(doc, disc, sents, covered, w):
        new.append(m)
    for m in definite_groups(doc, disc, sents, covered, w, mentions):
        new.append(m)
        disc.add(m, subject=subject_rank(m, doc))
        covered.add(m["token_span"][0])
    for m in definite_states(doc, disc, sents, covered, w, home):
        new.append(m)
        disc.add(m, subject=subject_rank(m, doc))
        covered.update(range(*m["token_span"]))
    by_token = {}
    for m in mentions + new:
        ts = m.get("token_span")
        if ts:
            for i in range(ts[0], max(ts[1], ts[0] + 1)):
                by_token.setdefault(i, m)
    for m in _unknown_people(doc, mentions + new):
        disc.add(m, subject=subject_rank(m, doc))
    for m in resolve_pronouns(r, doc, disc, sents, covered, day, w, by_token, patterns):
        new.append(m)
        ts = m["token_span"]
        for i in range(ts[0], ts[1]):
            by_token.setdefault(i, m)
    new += quoted_first_person(doc, by_token, covered, w, patterns)
    return new


def _unknown_people(doc, mentions) -> list[dict]:
    """Subjects named by a proper noun that no mention covers ("Tim Vale testified ...",
    "Vale said ..."): most are people the dictionary does not know. They are candidates
    for a later "he"/"she" only to stop it reaching back past them to someone else (the
    pronoun then refers to no actor); they are never actors themselves."""
    if doc is None:
        return []
    covered = _covered(mentions)
    out = []
    for t in doc:
        if t.dep_ not in SUBJ or t.pos_ != "PROPN" or t.i in covered or not t.text[:1].isupper() \
                or t.text.isupper() or t.lower_ in CALENDAR_WORDS or t.head.pos_ not in ("VERB", "AUX"):
            continue
        first = min([t] + [c for c in t.children if c.dep_ == "compound" and c.pos_ == "PROPN"],
                    key=lambda x: x.i)
        if any(i in covered for i in range(min(first.i, t.left_edge.i), t.i + 1)):
            continue   # "President-elect Ada Obi": the titled mention is this person
        a, b = first.idx, t.idx + len(t.text)
        out.append({"text": doc_text(doc)[a:b], "span": [a, b], "token_span": [first.i, t.i + 1],
                    "code": None, "country": None, "agent": None, "actor_id": None,
                    "unknown_person": True, "_person": True})
    return out


def _predicative(m: dict, doc) -> bool:
    """A description said of someone named before ("portrayed X as a man who ...", "he is
    a lawyer") is no new referent for a later pronoun."""
    ts = m.get("token_span")
    if doc is None or not ts or m.get("actor_id") or ts[1] > len(doc):
        return False
    tok = doc[ts[1] - 1]
    return tok.dep_ in ("attr", "oprd") or (tok.dep_ == "pobj" and tok.head.lower_ == "as")


def _covered(mentions) -> set[int]:
    out = set()
    for m in mentions:
        ts = m.get("token_span")
        if ts:
            out.update(range(ts[0], max(ts[1], ts[0] + 1)))
    return out


def _sentence_countries(mentions, sents: Sentences) -> dict[int, set]:
    out: dict[int, set] = {}
    for m in mentions:
        if m.get("country"):
            out.setdefault(sents.of(m["span"][0]), set()).add(m["country"])
    return out


def ambiguous_by_home(r, mentions, home: str | None, day) -> None:
    """A name several countries' actors bear ("Labour": Britain's, New Zealand's, Ireland's
    parties) is the one of the story's home country; with no home, the one of the only
    country among them the story names. Else it stays no actor."""
    named = {m["country"] for m in mentions if m.get("country")}
    for m in mentions:
        ids = m.get("candidates") or []
        if m.get("kind") != "ambiguous" or m.get("actor_id") or len(ids) < 2:
            continue
        actors = [r.actors[x] for x in ids if x in r.actors]
        country = {a.actor_id: r.code_of(a, day)[1] for a in actors}
        pick = [a for a in actors if home and country[a.actor_id] == home]
        if not pick and home is None:
            pick = [a for a in actors if country[a.actor_id] in named]
        if len(pick) != 1:
            continue
        got = r.mention(m["text"], tuple(m["span"]), pick[0], day, "home-country")
        m.update({k: got[k] for k in ("name", "code", "country", "agent", "actor_id", "kind")})
        m["resolved_by"] = "home-country"
        m["confidence"] = 0.6
        if got.get("role"):
            m["role"] = got["role"]


def home_country(mentions, dateline: dict | None = None) -> str | None:
    """The country the document is about: the one its actors name clearly most often
    (the dateline's country counts as one more mention). None when no country leads."""
    counts: Counter = Counter()
    agencies = credit_words().agencies
    for m in mentions:
        if m.get("country") and (m.get("text") or "").lower() not in agencies:
            # (not a wire agency or broadcaster: "Reuters reported", "told the BBC" say who
            # carried the story, not where it happens)
            # a bare country or place name ("in the West Bank") may be where, not who:
            # half the weight of an actor that acts (a person, a sector, an organisation)
            bare = not m.get("agent") and m.get("kind") in ("country", "place")
            counts[m["country"]] += 0.5 if bare else 1
    if dateline and dateline.get("country"):
        counts[dateline["country"]] += 1
    if not counts:
        return None
    (top, n), *rest = counts.most_common(2) + [(None, 0)]
    second = rest[0][1] if rest else 0
    total = sum(counts.values())
    if n >= 3 and n >= 2 * second and n >= 0.5 * total:
        return top
    if second == 0 and n >= 1:
        # the only country the story names, by an actor that acts ("Whitehall", "the
        # Tories' leader"): a domestic story tells where it happens once, if at all
        return top
    if dateline and top == dateline.get("country") and (second == 0 or (
            n >= 1.5 and n >= 2 * second and n >= 0.5 * total)):
        # a short wire story filed from a city of the country it is about ("LA PAZ, March
        # 19 - The labour minister ..."): no other country named, or the dateline and an
        # actor of its country lead
        return top
    lead = dateline.get("country") if dateline else None
    if lead and counts[lead] >= 0.5 * total and all(c < counts[lead] for k, c in counts.items() if k != lead):
        # filed from the country the story names most, with half of all the naming, though
        # not twice as often as the next ("CAIRO - ... the minister, who leaves for Moscow
        # ..."): a correspondent there writes about it (a tie stays undecided)
        return lead
    return None
