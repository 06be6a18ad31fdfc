"""Who did it to whom: the source and target actors of a pattern on a verb.

Slots (subject, object, prepositional objects, that-clause topics, ...) are read off the
parse and resolved to actors (``arguments.ActorIndex``); the rules that complete them:
a recipient on a complement verb or in a purpose clause, the subject of a threat's
condition, a place standing for the target, the owner of the object, the single country
of the sentence or the document's home country for sector-only actors, the government or
armed forces of a country named as actor, reciprocal acts, no actor as its own target.
"""
from __future__ import annotations

from .arguments import ActorIndex, compose, compose_org, _is_org  # noqa: F401
from .grammar import (complement_verbs, conjuncts, is_passive, object_phrase, objects, passive_participle, prep_objects, subjects,
                      complement_topics, clause_span, SUBJ_DEPS, captors, to_infinitive)
from .patterns import Pattern
from .targets import (addressees, counted_people, count_only, elaborated_country,
                      implied_people, overflown, own_institution, people_demonym,
                      place_stands_for_target, protest_against, strikers_and_employer)


def slot_tokens(v, slot: str, lex, nominal=False) -> list:
    if slot == "subj":
        return subjects(v, lex) if not nominal else []
    if slot == "dobj":
        return objects(v)
    if slot == "iobj":
        return [t for c in v.children if c.dep_ in ("dative", "iobj") for t in conjuncts(c)]
    if slot == "poss":
        if not nominal:  # a verb's "poss": whose object it is ("rejected the French proposal")
            return objects(v)
        return [t for c in v.children if c.dep_ == "poss" for t in conjuncts(c)]
    if slot == "amod":
        return [c for c in v.children if c.dep_ in ("amod", "compound")]
    if slot == "after":
        start, end = clause_span(v)
        return [t for t in v.doc[v.i + 1:end] if t.pos_ in ("PROPN", "NOUN", "ADJ")][:8]
    if slot == "ccomp.subj":   # (an event noun's that-clause: "the demand that X resign")
        return [s for c in v.children if c.dep_ == "ccomp" or (nominal and _that_clause(c))
                for s in subjects(c, lex)]
    if slot == "complement":
        return complement_topics(v)
    if slot == "captor":
        return captors(v, lex)
    if slot.startswith("host:"):
        return host_subjects(v, set(slot[5:].split("|")), lex) if nominal else []
    if slot.startswith("prep:"):
        preps = set(slot[5:].split("|"))
        heads = [v] + object_phrase(v)
        # "in support of X", "on behalf of X": X is whom it is for, not whom it is done to
        return [t for t in prep_objects(heads, preps)
                if t.lemma_.lower() not in lex.get("beneficiary_nouns", ())]
    return []


def _that_clause(c) -> bool:
    return c.dep_ == "acl" and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)


def host_subjects(n, preps: set, lex) -> list:
    """The subject of the verb on which the event noun ``n`` is the object of one of
    ``preps``: "after talks with X, S did Y" (S held the talks), "S acted at the request
    of X" (S was asked)."""
    p = n.head
    if n.dep_ != "pobj" or p.lower_ not in preps or p.head.i == p.i or \
            p.head.pos_ not in ("VERB", "AUX"):
        return []
    return subjects(p.head, lex)


def _slot_actors(p, v, slot, lex, actors) -> list:
    found, at = [], {}   # (at: id(actor) -> the slot token it was found on)
    for t in slot_tokens(v, slot, lex, nominal=p.nominal):
        if slot == "dobj" and count_only(t, lex):
            # "a crackdown on Islamists, jailing thousands (of them)": the count is of the
            # people the clause it elaborates acts on
            found += [a for a in counted_people(v, lex, actors) if all(a is not f for f in found)]
            continue
        for a in actors.at_all(t):
            if all(a is not f and not _one_referent(a, t, f, at.get(id(f))) for f in found):
                found.append(a)
                at[id(a)] = t
        if found and slot == "after":
            break  # TABARI: the first actor after the verb
    # "Danish media and government": a sector-only member takes the country of the list
    # member before it (the shared modifier); "Asian leaders and Japan" are two parties
    if len(found) > 1:
        found = [_distribute(a, found) for a in found]
    return found


def _one_referent(a: dict, t, f: dict, ft) -> bool:
    """Are ``a`` (found on slot token ``t``) and ``f`` (on ``ft``) one referent? "Kim
    Jong-un, North Korea's leader" is one target (same code); so is "Iceland's prime
    minister, a former journalist" (an apposition: one person, two descriptions). Two
    groups no dictionary names, joined as conjuncts ("Cambodian ministers and Thai
    officials", "the UN and the Norwegian government"), are two."""
    if a.get("code") == f.get("code"):
        return True
    if a.get("actor_id") or f.get("actor_id"):
        return a.get("actor_id") == f.get("actor_id")
    return not (ft is not None and t.i != ft.i and t.dep_ == "conj")


def _distribute(a: dict, found: list) -> dict:
    if a.get("country") or not a.get("agent") or not a.get("span"):
        return a
    before = [f for f in found if f.get("country") and f.get("span") and f["span"][0] < a["span"][0]]
    return compose(a, max(before, key=lambda f: f["span"][0])) if before else a


def resolve(p: Pattern, v, lex, actors: ActorIndex, slots) -> tuple[list, str]:
    """Actors found in the first slot that yields any, plus the slot name.

    A sector-only actor ("civilians") takes the country of a later slot when there is
    one ("massacred civilians in Burundi" -> BDICVL)."""
    for k, slot in enumerate(slots):
        found = _slot_actors(p, v, slot, lex, actors)
        if not found:
            continue
        if all(not a.get("country") for a in found):
            for later in slots[k + 1:]:
                place = [a for a in _slot_actors(p, v, later, lex, actors) if a.get("country")]
                if place:
                    found = [compose(a, place[0]) if a.get("agent") else a for a in found]
                    break
        return found, slot
    return [], ""


# Mediation and the offer of it (CAMEO 045, 039): done between others, never to each other.
MEDIATION_CODES = ("039", "045")


# Where a complement verb names the target: "refused to meet Kim", "to help defend X".
COMPLEMENT_TARGET_SLOTS = ("dobj", "prep:with|to|on|against|in|into|at")


def _purpose(c) -> bool:
    """A purpose clause the parser hung as advcl: "sent troops to help defend X"."""
    return c.dep_ == "advcl" and c.pos_ == "VERB" and to_infinitive(c)


# Agents of armed people, and the sectors of armed non-state groups they belong to.


def _one_code(a, b) -> bool:
    """Same code and not two different known actors: "insisted on its demand" is one actor,
    "Democrats accused Republicans" (both USAPTY) are two."""
    ids = a.get("actor_id"), b.get("actor_id")
    return bool(a.get("code")) and a.get("code") == b.get("code") and \
        not (all(ids) and ids[0] != ids[1] and not any(i.startswith("country:") for i in ids))


def _same(a, b) -> bool:
    return a is b or (a.get("actor_id") and a.get("actor_id") == b.get("actor_id")
                      and a.get("span") == b.get("span"))


def pairs_for(p: Pattern, v, lex, actors: ActorIndex):
    """Actor pairs the pattern yields on ``v``, or (None, reason)."""
    sources, s_slot = resolve(p, v, lex, actors, p.source)
    targets, t_slot = resolve(p, v, lex, actors, p.target)
    if p.cameo in lex.get("strike_codes", ()):
        # "workers at the mining company X went on strike": labour against its employer
        parties = strikers_and_employer(v, lex, actors, p.nominal)
        if parties is not None:
            sources, s_slot = [parties[0]], "strikers"
            if not targets:
                targets, t_slot = [parties[1]], "employer"
    if p.cameo[:2] == "14" and not p.nominal:
        # "blocked the border crossing with Spain in protest against the French government":
        # what the protest is against, not what the act is done to
        against = protest_against(v, lex, actors)
        if against:
            targets, t_slot = against, "protest"
    if targets and sources is not None and any(t.get("agent") and not t.get("country") for t in targets):
        # "bombed a village in northern Iraq, killing two people": the victims are of the
        # country the act elaborated happened in
        where = elaborated_country(v, lex, actors, {s.get("country") for s in sources})
        if where is not None:
            targets = [compose(t, where) if t.get("agent") and not t.get("country") and not _is_org(t)
                       else t for t in targets]
    if not targets and not p.nominal and (p.xcomp or p.object or v.lemma_ in
                                          lex["non_factive_governors"] | lex["refusal_governors"]):
        # "refused to meet Kim", "pledged to provide aid to X": the target sits on the
        # complement verb
        for c in complement_verbs(v, lex):
            if c.dep_ in ("xcomp", "acl") or (p.xcomp and c.dep_ == "ccomp"):
                targets, t_slot = resolve(p, c, lex, actors, COMPLEMENT_TARGET_SLOTS)
                if targets:
                    break
    if not targets and not p.nominal:
        # the recipient named in a purpose clause: "sent equipment to help defend Estonia",
        # "sent teams to assist Haiti"
        for c in v.children:
            if not _purpose(c):
                continue
            for h in [c] + [x for x in c.children if x.dep_ == "xcomp"]:
                targets, t_slot = resolve(p, h, lex, actors, COMPLEMENT_TARGET_SLOTS)
                if targets:
                    break
            if targets:
                break
    if not targets and not p.nominal and p.cameo == "150":
        # "launched a missile that flew over Japan": the overflown country
        targets = overflown(v, actors)
        t_slot = "overflown" if targets else t_slot
    if not targets and not p.nominal and p.cameo[:2] in ("02", "10"):
        # "wrote the court asking for a delay": the appeal went to whom the message did
        targets = addressees(v, lex, actors)
        t_slot = "addressee" if targets else t_slot
    if not targets and not p.nominal and p.cameo[:2] == "13":
        # a threat is aimed at whoever must meet its condition: "threatened to strike
        # unless the ban is lifted ...", "... if Washington proceeds with the sale"
        for h in [v] + [c for c in v.children if c.dep_ in ("xcomp", "ccomp")]:
            for c in h.children:
                if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in lex["conditional_marks"]
                                             for m in c.children):
                    found = [a for t in subjects(c, lex) for a in actors.at_all(t)]
                    if found:
                        targets, t_slot = found, "condition"
                        break
            if targets:
                break
    if not targets and not p.nominal and p.cameo[:2] in lex.get("every_target_roots", ()):
        # "30 people were killed when aircraft carried out strikes": the strikes hit them
        targets, t_slot = _victims(v, lex, actors) or (targets, t_slot)
    if targets and t_slot not in ("place", "complement", "object-owner", "condition") and \
            all(_located(t, v.doc, lex) for t in targets):
        t_slot = "place"   # "demonstrated in Serbia": where, standing for whom
    if t_slot == "complement" and sources:
        # "said China hoped ...": the speaker's own country in its clause is the speaker
        own = {x.get("country") for x in sources if x.get("country")}
        targets = [t for t in targets if not t.get("country") or t.get("country") not in own]
    ours = lex.get("domestic_sectors", True)

    def sectors(pairs):
        if not ours:
            return pairs
        # (the place where it happened stands for the target: the place, not its state)
        # (a demonym found on a noun of a prepositional slot is on the noun of the act:
        # "under Israeli control", "fire from Syrian positions": as on an event noun)
        return [(state_sector(a, "source", p.cameo, lex, nominal=p.nominal or s_slot.startswith("prep:")),
                 _host(b, a, p.cameo) if t_slot == "place" else
                 people_demonym(b, v.doc) if p.country_target else
                 state_sector(people_demonym(b, v.doc), "target", p.cameo, lex))
                for a, b in pairs]

    def distinct(pairs):
        return [(a, b) for a, b in pairs if not _same(a, b) and not _one_code(a, b)]

    # a passive's by-agents do a mutual act to each other ("the accord was signed by A and
    # B"), but mediators are third parties ("the deal was brokered by Qatar and Egypt")
    mediators = (is_passive(v) or passive_participle(v)) and not any(c.dep_ in SUBJ_DEPS for c in v.children) \
        and p.cameo in MEDIATION_CODES
    where = targets and all(_located(t, v.doc, lex) for t in targets)   # "met in Geneva"
    for side in (sources if p.reciprocal and len(sources) >= 2 and (not targets or where)
                 and not mediators else None,
                 targets if p.reciprocal and len(targets) >= 2 and not sources else None):
        if side:
            pairs = sectors(distinct([(a, b) for a in side for b in side]))
            return (pairs, "") if pairs else (None, "no two different actors to act on each other")
    if not targets and not p.nominal and not p.require_target and sources and not p.implied_target:
        # no recipient named: the place where it happened stands for it ("rioted at a jail
        # in Israel", "lifted the curfew in Montenegro"), as the CAMEO manual codes it
        targets, t_slot = resolve(p, v, lex, actors, ("prep:in|at|inside|throughout|across|near",))
        xs = [c for c in v.children if c.dep_ == "xcomp"]
        if not targets and xs:
            targets, t_slot = resolve(p, xs[0], lex, actors, ("prep:in|at|inside|throughout|across|near",))
        targets = [t for t in targets if t.get("country")]
        if not place_stands_for_target(p.cameo, lex, v):
            # a verbal act: "said in Lima" names where, not to whom; the party inside the
            # phrase stays ("took part in talks with Bolivian officials")
            targets = [t for t in targets if _party_in_phrase(t, v.doc)]
        if targets:
            t_slot = "place"
        if not targets:
            targets, t_slot = object_owner(v, lex, actors, sources)
    if p.require_target and not targets:
        return None, f"no target actor in {'/'.join(p.target)}"
    if not sources and not targets:
        return None, "no source or target actor"
    if len(targets) > 1 and sources and p.cameo[:2] not in lex.get("every_target_roots", ()):
        # "flights between Beijing and Pyongyang" by a Chinese carrier: the other side is the target
        # (a group of the source's country stays one: "accused Iran and the Hezbollah militia")
        foreign = [t for t in targets if t.get("country") not in {s.get("country") for s in sources}
                   or t.get("agent") not in (None, "GOV")]
        if foreign and len(foreign) < len(targets):
            targets = foreign
    out = []
    home = _sentence_country(v, actors) if lex.get("domestic_sectors", True) else None
    implicit = not targets and lex.get("domestic_sectors", True) and \
        (p.cameo[:2] in lex.get("implicit_target_roots", ()) or p.cameo in lex.get("implicit_target_roots", ()))
    for s in sources or [None]:
        for t in targets or [None]:
            if s is not None and t is not None and _same(s, t):
                continue
            if home:
                travel = p.cameo in lex.get("travel_codes", ())
                s0, t0 = s, t
                if not (travel and t is not None and t.get("country") == home):
                    # (a visitor "arrived in Seoul" is not Korean)
                    s = _domestic(s, home) if s is not None else None
                t = _domestic(t, home) if t is not None else None
                if t is not t0 and s0 is not None and s0.get("country") == home \
                        and p.cameo[:2] in FORCE_ROOTS and t0.get("agent") in STRUCK_AGENTS \
                        and actors.home and actors.home != home \
                        and not _place_of(v, actors, home, s0):
                    # "Israel's bombardment, targeting hospitals" in a story about Gaza: the
                    # only country named is the attacker's; those it strikes are more likely
                    # the document's own country's ("Syrian forces shelled hospitals" in a
                    # story about Syria stays Syrian)
                    t = _domestic(t0, actors.home)
                if s is not s0 and t0 is not None and t_slot != "place" \
                        and s0.get("agent") in STATE_AGENTS \
                        and s.get("country") == t0.get("country"):
                    # "the foreign minister warned Angola", "troops attacked Angola": the
                    # only country named is the one a state's organ acts on, not its own
                    # (a party boycotting, leaders forgiving their president: their own);
                    # the actor is more likely the document's own country's
                    other_home = actors.home and actors.home != t0.get("country")
                    if _state(t0) and t0.get("resolved_by") != "demonym":
                        s = _domestic(s0, actors.home) if other_home else s0
                    elif s.get("agent") == t0.get("agent"):
                        # "the minister met the Norwegian envoy": not the envoy's colleague
                        s = _domestic(s0, actors.home) if other_home else s0
                if s is not s0 and t0 is not None and t_slot != "place" \
                        and p.cameo[:2] in THING_ACT_ROOTS and _thing_demonym(t0, v.doc, lex) \
                        and s.get("country") == t0.get("country") \
                        and actors.home != t0.get("country"):
                    # "the navy seized a Vietnamese fishing boat", "protesters burned an
                    # American flag": the only country named is the nationality of the
                    # thing acted on, not the actor's (the document's own country is)
                    s = _domestic(s0, actors.home) if actors.home else s0
            if lex.get("domestic_sectors", True) and t_slot != "place":
                t = own_institution(s, t)   # "told parliament", "asked Congress": the speaker's
            if implicit and t is None and s is not None and s.get("country"):
                t = implicit_government(s["country"])
            if p.implied_target and t is None and s is not None and s.get("country"):
                t = implied_target(s["country"], p.implied_target)
            if p.implied_source and s is None and t is not None and t.get("country"):
                # "he is serving a life sentence": a court, of the country the story is
                # about (a foreigner is tried where he is held), else of the one sentenced
                s = implied_people(actors.home or t["country"], p.implied_source)
            if not _identified(s) and not _identified(t):
                continue  # "28 people were killed": no one the data could be about
            out.append((s, t))
    # an actor is not its own target ("insisted on its demand": whose, not on whom)
    # except where it acts at home ("Thailand declared martial law in Bangkok")
    out = [(s, None if (t_slot != "place" and s is not None and t is not None and s.get("agent")
                        and _one_code(s, t)) else t)
           for s, t in sectors(out)]
    out = [pair for k, pair in enumerate(out) if pair not in out[:k]]
    if not out:
        return None, "no identified actor (same actor on both sides, or only generic sectors)"
    return out, ""


LOCATIVE_PREPS = ("in", "at", "inside", "throughout", "across", "near", "around", "within")


def _party_in_phrase(a: dict, doc) -> bool:
    """Is actor ``a`` the other party of an act named inside a place phrase ("took part in
    talks with X", "said in a joint appearance with X"): the object of with/between, not
    the place ("in Lima") or a modifier of it ("in the White House briefing room")?"""
    ts = a.get("token_span")
    if not ts:
        return False
    tok = doc[ts[1] - 1]
    while tok.dep_ == "conj" and tok.head is not tok:
        tok = tok.head
    return tok.dep_ == "pobj" and tok.head.lower_ in ("with", "between")


def _located(a: dict, doc, lex) -> bool:
    """Was this actor found as a place ("in Serbia", "at a jail in Israel")?"""
    ts = a.get("token_span")
    if not ts:
        return False
    tok = doc[ts[1] - 1]
    for _ in range(4):
        while tok.dep_ == "conj" and tok.head is not tok:
            tok = tok.head
        if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.pos_ in ("NOUN", "PROPN") \
                and tok.head.head.lemma_.lower() in lex.get("place_nouns", ()):
            tok = tok.head.head   # "in the city of Kirkuk": the city is where ("in support of": no place)
            continue
        break
    return tok.dep_ == "pobj" and tok.head.lower_ in LOCATIVE_PREPS


def state_sector(a: dict | None, side: str, cameo: str, lex, nominal: bool = False) -> dict | None:
    """A country named as an actor ("Zambia denied ...", "China said it opposes ...",
    "the DPRK fired a missile") acts through its government, or through its armed forces
    when the act is military force (``state_force_roots`` in lexicon.yaml). As the target
    of force or assault (``state_target_bare_roots``) it stays the country: the territory
    or things hit, not a sector. A demonym source is the people ("Chilean miners went on
    strike"), except on the event noun of force itself ("an Iranian missile attack",
    "Russian air strikes"): that is the state's armed forces."""
    root = cameo[:2]
    if a is not None and a.get("combat_agent") and root in lex.get("state_force_roots", ()):
        # "security forces" fight a war as MIL (police work stays COP): agents.yaml combat_agents
        return {**a, "agent": a["combat_agent"], "code": (a.get("country") or "") + a["combat_agent"]}
    if a is None or a.get("agent") or not (a.get("actor_id") or "").startswith("country:") \
            or not a.get("country") or (side == "source" and a.get("resolved_by") == "demonym"
                                         and not (nominal and root in lex.get("state_force_roots", ()))):
        return a
    if side == "target" and (root in lex.get("state_target_bare_roots", ())
                             or (root == "17" and a.get("resolved_by") == "demonym")):
        return a   # "seized a Vietnamese boat": the thing's country, not its government
    agent = "MIL" if side == "source" and root in lex.get("state_force_roots", ()) else "GOV"
    return {**a, "agent": agent, "code": a["country"] + agent}


def object_owner(v, lex, actors: ActorIndex, sources) -> tuple[list, str]:
    """Whose thing the act is done to, when no recipient is named: "denounced Serbia's
    crackdown", "rejected a Senegalese plan", "mounted an invasion of Lebanon". The
    actors that modify the object (or a complement verb's object) and belong to another
    country than the source."""
    heads = objects(v) + [o for c in v.children if c.dep_ == "xcomp" for o in objects(c)]
    own = {s.get("country") for s in sources}
    for h in heads:
        # another country only: "sent its envoy", "recalled their ambassador" are the
        # source's own people, not a recipient
        found = [a for a in actors.at_all(h) if a.get("country") and a["country"] not in own
                 and not _for_whom(a, h, lex)]
        if not found and own:
            hit = actors._search(h, exclude=own)   # "its invasion of Afghanistan"
            if hit is not None and hit[0].get("country") and hit[0]["country"] not in own \
                    and not _for_whom(hit[0], h, lex):
                found = [hit[0]]
        if found:
            return found, "object-owner"
    return [], ""


def _victims(v, lex, actors: ActorIndex):
    """The people a passive verb of harm says were hurt, when ``v`` is the act that hurt
    them, in a when/after-clause: "ten soldiers were killed when rebels shelled the base"."""
    if v.dep_ != "advcl" or not any(c.dep_ in ("mark", "advmod") and c.lower_ in lex.get("harm_marks", ())
                                    for c in v.children):
        return None
    main = v.head
    if not is_passive(main) or main.lemma_.lower() not in lex.get("harm_verbs", ()) \
            or any(c.dep_ == "agent" for c in main.children):
        return None
    found = [a for c in main.children if c.dep_ == "nsubjpass" for t in conjuncts(c)
             for a in actors.at_all(t)]
    return (found, "victims") if found else None


def _for_whom(a: dict, head, lex) -> bool:
    """Is actor ``a`` inside ``head``'s phrase only as whom it is for ("strikes in support of
    Somali troops", "a raid on behalf of the rebels")?"""
    ts = a.get("token_span")
    if not ts:
        return False
    tok, nouns = head.doc[ts[1] - 1], lex.get("beneficiary_nouns", ())
    for _ in range(6):
        if tok.i == head.i or tok.head is tok:
            return False
        tok = tok.head
        if tok.i != head.i and tok.lemma_.lower() in nouns:
            return True
    return False


def _place_of(v, actors: ActorIndex, country: str, source: dict) -> bool:
    """Does the sentence name a place of ``country`` besides the source ("shelled
    hospitals in Idlib")?"""
    sent = v.sent
    return any(a is not source and a.get("country") == country and a.get("kind") in ("place", "country")
               and a.get("span") != source.get("span")
               for i in range(sent.start, sent.end) for a in [actors.by_token.get(i)] if a is not None)


def _sentence_country(v, actors: ActorIndex) -> str | None:
    """The one country the sentence's actors belong to, or None when it names several
    (or none)."""
    sent = v.sent
    countries = {a.get("country") for i in range(sent.start, sent.end)
                 for a in [actors.by_token.get(i)] if a is not None and a.get("country")}
    return next(iter(countries)) if len(countries) == 1 else None


# Roots of force (assault, fight, mass violence): a sector-only target of one country's
# force in a story about another country is that other country's.
FORCE_ROOTS = ("18", "19", "20")
# ... for the institutions force strikes where it lands (hospitals, schools, places of
# worship, the press); not people, who may be the attacker's own ("North Korean soldiers
# fired at a defector" in a story from Seoul: a North Korean)
STRUCK_AGENTS = ("HLH", "EDU", "REL", "MED")

# Sectors through which a state acts on others: with the only country named being the
# one acted on, they are not that country's own.
STATE_AGENTS = ("GOV", "MIL")


def _state(a: dict | None) -> bool:
    """A country itself (not a sector of it): "Angola", "the Angolan"."""
    return a is not None and (a.get("actor_id") or "").startswith("country:") and a.get("agent") in (None, "GOV")


def _domestic(a: dict, country: str) -> dict:
    """A sector-only actor ("rebels", "the government") in a sentence that names a single
    country belongs to it: "the Mozambique government accepted demands from rebels"
    -> MOZREB."""
    if a.get("country") or not a.get("agent") or _is_org(a):
        return a   # an organisation without a country ("Red Cross officials") stays one
    if a.get("posted_to") == country or a.get("foreign"):
        return a   # "the envoy to Ukraine" is not Ukraine's (actors/descriptions.posted_abroad),
                   # "foreign banks" no one's (descriptions._foreign)
    return {**a, "country": country, "code": country + (a.get("agent") or "")}


def implicit_government(country: str) -> dict:
    """The target a protest has when the text names none (CAMEO 14 codes protests
    "against the target actor"; a domestic protest is against the authorities of the
    protesters' own country). ``text`` and ``span`` are null: the actor is implied, not
    mentioned."""
    name = None
    try:
        from ..actors.resolver import get_resolver
        a = get_resolver().actors.get(f"country:{country}")
        name = a.name if a is not None else None
    except Exception:  # the coder also runs with PETRARCH dictionaries only
        pass
    return {"text": None, "name": name, "code": country + "GOV", "country": country,
            "agent": "GOV", "actor_id": f"country:{country}", "span": None}


def implied_target(country: str, sector: str) -> dict:
    """A pattern's ``implied_target`` of the source's country: its government (as the
    authorities a protest is against: an actor with an id and a name) or the unnamed
    people of that sector (targets.implied_people: "banned all demonstrations")."""
    return implicit_government(country) if sector == "GOV" else implied_people(country, sector)


# Acts done to things (sanction, seize, destroy, attack): a nationality on the thing
# ("banned Chinese imports", "shelled Syrian positions") is whose it is, not the actor's.
# (Talking to "the Iraqi news agency" is another matter: an audience is often the
# speaker's own.)
THING_ACT_ROOTS = ("16", "17", "18", "19", "20")


def _thing_demonym(a: dict, doc, lex) -> bool:
    """A bare nationality word on a thing ("a Vietnamese boat", "Iranian oil platforms"):
    a modifier the demonym found no agent noun to make a people of ("Americans" alone
    are people, not a thing)."""
    ts = a.get("token_span")
    if not ts or a.get("resolved_by") != "demonym" or a.get("agent") \
            or not (a.get("actor_id") or "").startswith("country:"):
        return False
    tok = doc[ts[1] - 1]
    # (on a place it says where: "rebels took a Syrian town" are Syria's rebels)
    return tok.dep_ in ("amod", "compound", "nmod") and tok.head.pos_ == "NOUN" \
        and tok.head.lemma_.lower() not in lex.get("place_nouns", ())


def _host(place: dict | None, visitor: dict | None, cameo: str) -> dict | None:
    """A visit's destination abroad is its host, the country's government ("the Kenyan
    president arrived in Japan" -> JPNGOV, as CAMEO codes a state visit); a trip at home
    ("visited Nevada") stays the place."""
    if place is None or cameo != "042" or place.get("agent") or not place.get("country") \
            or visitor is None or not visitor.get("country") \
            or visitor["country"] == place["country"] \
            or not (place.get("actor_id") or "").startswith(("country:", "place:")):
        return place
    return {**place, "agent": "GOV", "code": place["country"] + "GOV"}


def _identified(a: dict | None) -> bool:
    return a is not None and bool(a.get("country") or a.get("actor_id"))
