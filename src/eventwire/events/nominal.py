"""Event nouns: when a noun names no act that took place, and who strikes.

The nominal patterns themselves (``nouns:`` in ``data/patterns/*.yaml``) are tried by the
coder like verb patterns; this module holds what only nouns need:

    unrealised      "the threat of a strike by X", "a request for talks", "the proposed
                    summit", "averted a strike": the noun's act did not take place;
                    "lifted its blockade of X": the measure is ended, not imposed
    implied_workers "a strike by 3,000 pilots", "the dockers' strike": the strikers are
                    labour (LAB) of the sentence's (or story's) country even when no
                    dictionary knows the noun
"""
from __future__ import annotations

from .arguments import ActorIndex
from .roles import _sentence_country, implicit_government, resolve, slot_tokens
from .targets import is_worker, striker, strikers_and_employer


def unrealised(n, lex) -> str | None:
    """Why the event noun ``n`` names no act that took place, else None: it is what a
    threat, a fear, a plan or a request is *of* or *for* ("the threat of a strike by X",
    "the prospect of talks between X and Y", "a request for talks with X"), a "possible" or
    "proposed" one, or one averted or called off. The threat or request itself is coded by
    its own noun's pattern, if any."""
    words = lex.get("unrealised_nouns", ())
    h = n.head
    if n.dep_ == "pobj" and h.lower_ in ("of", "for") and h.head.i != h.i and \
            h.head.pos_ in ("NOUN", "PROPN") and h.head.lemma_.lower() in words:
        return f"only the '{h.head.text}' {h.lower_} it: not an act that took place"
    if n.dep_ in ("dobj", "nsubjpass") and h.pos_ in ("VERB", "AUX") and (
            h.lemma_.lower() in lex.get("averting_verbs", ()) or h.lemma_.lower() == "call" and
            any(c.dep_ == "prt" and c.lower_ == "off" for c in h.children)):
        return f"'{h.text}': averted or called off, not an act that took place"
    if n.lemma_.lower() in lex.get("measure_nouns", ()):
        # "eased its blockade of Gaza", "the lifting of sanctions on Iran": the ending is the
        # news (the verb's own event), the measure itself is background
        if n.dep_ in ("dobj", "nsubjpass") and h.pos_ in ("VERB", "AUX") and \
                h.lemma_.lower() in lex.get("ending_verbs", ()):
            return f"'{h.text}': the measure is being ended, not imposed"
        if n.dep_ == "pobj" and h.lower_ == "of" and h.head.i != h.i and \
                h.head.lemma_.lower() in lex.get("ending_nouns", ()):
            return f"the '{h.head.text}' of it: the measure is being ended, not imposed"
    mods = lex.get("unrealised_modifiers", ())
    cue = next((c.text for c in n.children if c.dep_ == "amod" and c.lower_ in mods), None)
    if cue:
        return f"a '{cue}' one: not an act that took place"
    dets = lex.get("unrealised_determiners", ())
    cue = next((c.text for c in n.children if c.dep_ == "det" and c.lower_ in dets), None)
    if cue:
        return f"'{cue}' one: no particular act that took place"
    return None


def implied_workers(p, v, lex, actors: ActorIndex) -> list:
    """(source, target) pairs for a labour-strike noun whose striker no dictionary knows:
    the possessor or by-agent is a worker noun (``striker_nouns``: "seamen", "pilots",
    "employees") -> LAB of the one country of the sentence or the story's home country;
    the target from the pattern's slots, else that country's government (a strike is
    against the authorities, as a protest is). No country: no event."""
    toks = [t for slot in p.source for t in slot_tokens(v, slot, lex, nominal=True)
            if slot in ("poss",) or slot.startswith("prep:")]
    # (no mention of its own: "pilots in Germany" finds Germany, whose pilots they are)
    toks = [t for t in toks if is_worker(t, lex) and actors.by_token.get(t.i) is None]
    if not toks:
        return []
    place = actors.at(toks[0])
    country = (place or {}).get("country") or _sentence_country(v, actors) or actors.home
    if not country:
        return []
    worker = striker(toks[0], country)
    targets, _ = resolve(p, v, lex, actors, p.target)
    employer = strikers_and_employer(v, lex, actors, nominal=True)
    if employer is not None and not targets:
        targets = [employer[1]]   # "a strike by employees of X": against X
    return [(worker, t) for t in targets] or [(worker, implicit_government(country))]
