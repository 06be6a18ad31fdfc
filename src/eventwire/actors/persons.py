"""Who a name refers to: person matching by evidence (docs/actors.md, "People by evidence").

With some 19,000 people in the dictionary, bare surnames and first names collide all the
time, and a town, a river or a famous namesake is always close by. A name therefore
matches a person only when the text supports it:

- a **full name** (two words or more: "Hamid Karzai") matches alone;
- a **surname** (or any one-word form, "Karzai", a mononym "Suharto") needs either
  - a **fitting title** right before it: the title's office (or, for people whose
    dictionary roles only name a sector, its agent) and its country, if the text gives
    one, agree with a role the person holds or held ("President Karzai"), or
  - an **earlier full mention** of that person in the same document (the chain);
- an **honorific** ("Mr.", "Dr.", "Mrs.") says a person follows: the next name is never
  a place or an organisation; without an earlier full mention it stays unresolved;
- the text's own evidence **vetoes** a dictionary person: "Peruvian Foreign Minister
  Ana Castro" is not a Colombian namesake in the dictionary; the mention is coded from
  the title and its country instead (PERGOV, no actor id).

:func:`match_person` is the entry point for other stages (document-level resolution
calls it with the persons already resolved earlier in the document).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .dictionary import INTERNATIONAL, Actor
from .normalize import key_of


@dataclass
class PersonMatch:
    actor_id: str | None
    evidence: str | None        # full-name | surname+title | surname+chain | None
    candidates: list[str] = field(default_factory=list)


def national_countries(actor: Actor) -> set[str]:
    """The countries a person is known to have served (international posts left out)."""
    out = {ro.country for ro in actor.roles if ro.country and ro.country not in INTERNATIONAL}
    if actor.country and actor.country not in INTERNATIONAL:
        out.add(actor.country)
    return out


def contradicts(actor: Actor, country: str | None) -> bool:
    """Does a country the text gives for a person rule out this dictionary person?
    Only when the dictionary knows the person's countries and the text's is not one."""
    if not country:
        return False
    known = national_countries(actor)
    return bool(known) and country not in known


def title_fits(r, actor: Actor, *, office: str | None, agent: str | None,
               country: str | None, day: dt.date | None) -> bool:
    """Does a title (office or agent, maybe a country) fit a role of the person on the
    day (or a role the person held before it: "President Reagan" in a later story)?"""
    if contradicts(actor, country):
        return False
    for ro in actor.roles:
        if country and ro.country != country:
            continue
        if day is not None and ro.start and ro.start > day:
            continue            # not yet: a title never fits a future role
        if office and ro.office == office:
            return True
        if ro.office in ("phoenix", "petrarch") and agent and ro.agent == agent:
            return True         # a sector-only role: the title's agent must agree
    return False


def match_person(r, surface: str, day: dt.date | None, *, office: str | None = None,
                 agent: str | None = None, country: str | None = None,
                 chain: tuple[str, ...] | list[str] = ()) -> PersonMatch:
    """The person a name refers to, given the evidence around it.

    ``surface``: the name as written ("Karzai", "Hamid Karzai"); ``office``/``agent``/
    ``country``: a title right before it and the country the text gives it; ``chain``:
    person actor ids resolved earlier in the document, nearest last."""
    key = key_of(surface)
    if not key:
        return PersonMatch(None, None)
    if len(key) > 1:
        forms = [f for f in r.index.get(key, []) if f.actor_id.startswith("person:")]
        ids = list(dict.fromkeys(f.actor_id for f in forms))
        ids = [a for a in ids if not contradicts(r.actors[a], country)]
        if len(ids) == 1:
            return PersonMatch(ids[0], "full-name")
        if len(ids) > 1:   # namesakes: the chain, then the title decide
            picked = [a for a in reversed(chain) if a in ids][:1] or [
                a for a in ids if (office or agent) and title_fits(
                    r, r.actors[a], office=office, agent=agent, country=country, day=day)]
            if len(picked) == 1:
                return PersonMatch(picked[0], "full-name", ids)
            return PersonMatch(None, None, ids)
        if len(key) > 2:
            return PersonMatch(None, None)
    cands = r.short_index.get(key[-1], set()) | (r.short_index.get(key[0], set()) if len(key) == 1 else set())
    cands = {a for a in cands if not contradicts(r.actors[a], country)}
    for aid in reversed(chain):
        if aid in cands:
            return PersonMatch(aid, "surname+chain", sorted(cands))
    if office or agent:
        fit = sorted(a for a in cands if title_fits(r, r.actors[a], office=office, agent=agent,
                                                    country=country, day=day))
        if len(fit) == 1:
            return PersonMatch(fit[0], "surname+title", sorted(cands))
    return PersonMatch(None, None, sorted(cands))
