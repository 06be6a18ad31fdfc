"""Targets the parse gives without naming them as the verb's object (used by events/roles).

    count_only / counted_people   "a crackdown on dissidents, jailing thousands (of them)":
                                  a bare count is of the people the elaborated clause acts on
    implied_people                "banned all demonstrations": the unnamed would-be protesters
                                  (a pattern's ``implied_target`` sector) of the actor's country
    protest_against               "blocked the road in protest against X": X
    elaborated_country            "bombed a village in northern Iraq, killing two people": the
                                  victims are of the place the elaborated act hit
    people_demonym                "urged Kenyans to register": a bare plural nationality spoken
                                  to or acted on is the country's people (CVL)
    addressees                    "wrote the court asking for a delay", "sent a letter to X
                                  urging ...": the appeal is to whom the message went
    strikers_and_employer         "workers at the mining company X went on strike": labour
                                  strikes against its employer when the phrase names it
    own_institution               "the minister told parliament", "asked Congress to approve":
                                  an institution of no country named is the actor's own
    overflown                     "launched a missile that flew over Japan": the country
                                  overflown (the project's missile-test convention)
    place_stands_for_target       "lifted the curfew in X" (X) but not "said in X", "told
                                  reporters in X": where words were spoken is no addressee
"""
from __future__ import annotations

from .arguments import ActorIndex
from .grammar import conjuncts, object_phrase, objects, prep_objects, subjects


PRONOUN_PEOPLE = ("them", "those", "these")


def count_only(t, lex) -> bool:
    """A bare count of people as an object: "thousands", "dozens", "20", "hundreds of
    them" -- no noun says who."""
    if not (t.pos_ == "NUM" and t.lower_ not in ("one", "1") or t.lemma_.lower() in lex.get("count_nouns", ())):
        return False
    of = [g for c in t.children if c.dep_ == "prep" and c.lower_ == "of"
          for g in c.children if g.dep_ == "pobj"]
    return all(g.lower_ in PRONOUN_PEOPLE for g in of) and not any(
        c.dep_ in ("compound", "amod", "nmod", "poss") and c.pos_ in ("PROPN", "NOUN", "ADJ")
        for c in t.children)


def counted_people(v, lex, actors: ActorIndex) -> list:
    """Whom a count elaborates: ``v`` is a participle or a verb coordinated with a clause
    ("launched a crackdown on dissidents, arresting hundreds", "confronted the protesters
    and detained dozens of them"), and the people are that clause's object or the
    on/against/at-object of its object. Only groups of people (a plural noun, an actor
    with a sector): "shelled the town, killing 20" names no one."""
    if v.head is v or not (v.dep_ == "conj" or v.dep_ in ("advcl", "xcomp") and v.tag_ in ("VBG", "VBN")) \
            or any(c.dep_ in ("nsubj", "nsubjpass") for c in v.children):
        return []   # ("X got three votes and Y got one": another doer, another count)
    h = v.head
    for toks in (prep_objects([h] + object_phrase(h), {"on", "against", "at"}), objects(h)):
        # (a group: "dissidents", "the protesters"; not one person)
        found = [a for t in toks if t.tag_ in ("NNS", "NNPS") and t.i < v.i
                 for a in actors.at_all(t) if a.get("agent")]
        if found:
            return found
    return []


PROTEST_NOUNS = ("protest", "demonstration", "opposition", "defiance")


def protest_against(v, lex, actors: ActorIndex) -> list:
    """Whom a protest act is against when an adjunct says so: "(blocked the road) in
    protest against/at/over X", "as a protest against X"."""
    nouns = [g for c in v.children if c.dep_ == "prep" and c.lower_ in ("in", "as")
             for g in c.children if g.dep_ == "pobj" and g.lemma_.lower() in PROTEST_NOUNS]
    return [a for n in nouns for t in prep_objects([n], {"against", "at", "over"})
            for a in actors.at_all(t)]


def elaborated_country(v, lex, actors: ActorIndex, exclude: set) -> dict | None:
    """The country (an actor with one) where the act that the participle ``v`` elaborates
    was done: "bombed a village in northern Iraq, killing two people" -> Iraq; not the
    doer's own country (``exclude``)."""
    if v.head is v or v.dep_ not in ("advcl", "conj") or v.tag_ not in ("VBG", "VBN"):
        return None
    h = v.head
    toks = objects(h) + prep_objects([h] + object_phrase(h), {"in", "on", "against", "at", "near", "inside"})
    for t in toks:
        for a in actors.at_all(t):
            # a place, not a body or a nationality on a thing: "the German consulate" says
            # whose it is, not where
            if a.get("country") and a["country"] not in exclude and not a.get("agent") \
                    and (a.get("actor_id") or "").startswith(("country:", "place:")) \
                    and a.get("resolved_by") != "demonym":
                return a
    return None


def people_demonym(a: dict | None, doc) -> dict | None:
    """A bare plural nationality as whom an act is done to ("urged Kenyans to register",
    "praised Nigerians for their patience") names the country's people (CVL, as the gold
    codes them), not its state; "the Americans" (a state in older wire style) stays."""
    ts = (a or {}).get("token_span")
    if not ts or a.get("resolved_by") != "demonym" or a.get("agent") or not a.get("country"):
        return a
    head = doc[ts[1] - 1]
    if head.tag_ not in ("NNPS", "NNS") or any(c.dep_ == "det" and c.lower_ == "the" for c in head.children):
        return a
    return {**a, "agent": "CVL", "code": a["country"] + "CVL"}


def implied_people(country: str, sector: str) -> dict:
    """The unnamed people an act is done to, of the actor's own country: "banned all
    demonstrations" restricts would-be protesters (CVL, as the gold guidelines code
    protesters). ``text`` and ``span`` are null: implied, not mentioned."""
    return {"text": None, "name": None, "code": country + sector, "country": country,
            "agent": sector, "actor_id": None, "span": None, "resolved_by": "implied"}


# Verbs that send a message to someone besides the verbs of saying: the participle that
# follows says what the message asks ("wrote the court asking ...", "sent Y a letter urging").
MESSAGE_VERBS = ("write", "send", "address", "petition", "cable", "telephone", "phone", "call",
                 "email", "tweet", "message")


def addressees(v, lex, actors: ActorIndex) -> list:
    """Whom the message that ``v`` (a participle of asking or urging) elaborates went to:
    the object, dative or to-object of the verb of sending or saying it hangs on, or of
    that verb's object ("sent a letter to the minister urging ..."). Not the media ("told
    reporters ...": an audience, not an addressee)."""
    if v.head is v or v.dep_ not in ("advcl", "xcomp", "conj", "acl") or v.tag_ != "VBG":
        return []
    h = v.head
    if v.dep_ == "acl":   # "sent Y a letter demanding ...": the letter's sender and addressee
        if h.lemma_.lower() not in lex.get("message_nouns", ()) or h.head is h:
            return []
        h = h.head
    if h.lemma_.lower() not in MESSAGE_VERBS and h.lemma_.lower() not in lex.get("speech_verbs", ()):
        return []
    toks = [t for c in h.children if c.dep_ in ("dative", "iobj") for t in objects(c) + [c]
            if t.pos_ in ("NOUN", "PROPN")]
    toks += objects(h) + prep_objects([h] + object_phrase(h), {"to"})
    found = [a for t in toks if t.i < v.i for a in actors.at_all(t)]
    return [a for a in found if a.get("agent") != "MED" and not (a.get("code") or "").endswith("MED")]


# What joins a worker word to its employer: "employees of X", "workers at X".
EMPLOYER_PREPS = ("of", "at", "in", "for", "from")


def is_worker(t, lex) -> bool:
    """``t`` names people who work for someone and strike (``striker_nouns``: "workers",
    "employees", "pilots", "seamen"), by its lemma or its own form made singular (the
    lemmatizer slips on "seamen", "firemen" and on nouns it does not know). The one test of
    who the strikers are, for a strike noun's striker (nominal.implied_workers) and a
    company's workers (strikers_and_employer)."""
    words = lex.get("striker_nouns", ())
    return any(w in words or w.endswith("men") and w[:-3] + "man" in words
               or w.endswith("s") and w[:-1] in words
               for w in (t.lemma_.lower(), t.lower_))


def striker(t, country: str | None) -> dict:
    """The strikers ``t`` names as an actor: labour (LAB) of ``country``."""
    return {"text": t.text, "name": None, "code": (country or "") + "LAB", "country": country,
            "agent": "LAB", "actor_id": None, "span": [t.idx, t.idx + len(t.text)],
            "token_span": [t.i, t.i + 1], "resolved_by": "event:striker"}


def strikers_and_employer(v, lex, actors: ActorIndex, nominal: bool):
    """(strikers, employer) for a strike whose strikers are named as a company's workers:
    "workers at the mining company X went on strike", "a strike by employees of X",
    "X's staff walked out". The strikers are labour (LAB) of the company's country, the
    target the company (BUS), as CAMEO codes a strike against the actor it targets. None
    when no worker word names an employer."""
    if nominal:
        toks = [t for c in v.children if c.dep_ == "poss" for t in conjuncts(c)] + \
            prep_objects([v], {"by", "of"})
    else:
        toks = subjects(v, lex)
    for t in toks:
        if not is_worker(t, lex):
            continue
        phrase = [c for c in t.children if c.dep_ in ("compound", "poss", "nmod")] + \
            prep_objects([t], set(EMPLOYER_PREPS))
        firms = [a for x in phrase for a in actors.at_all(x)
                 if (a.get("agent") or "") == "BUS" or (a.get("code") or "").endswith("BUS")]
        if not firms:
            continue
        firm = firms[0]
        own = actors.by_token.get(t.i)
        country = firm.get("country") or (own or {}).get("country")
        return striker(t, country), firm
    return None


# Sectors of a state's own institutions and politics: named without a country ("parliament",
# "Congress", "lawmakers", "officials", "the opposition") they are those of whoever acts on them.
INSTITUTION_SECTORS = ("LEG", "GOV", "JUD", "ELI", "OPP", "PTY")


def own_institution(s: dict | None, t: dict | None) -> dict | None:
    """``t`` in the country of ``s`` when ``t`` is a bare institution or political sector (no
    country, no known actor): "the foreign secretary told parliament" (in a sentence that
    also names the United States), "the administration would ask Congress". Otherwise
    ``t`` unchanged."""
    if s is None or t is None or not s.get("country") or t.get("country") or t.get("actor_id") \
            or t.get("agent") not in INSTITUTION_SECTORS or t.get("posted_to"):
        return t
    return {**t, "country": s["country"], "code": s["country"] + t["agent"]}


# Roots of verbal acts (CAMEO's verbal cooperation 01-05 and verbal conflict 10-13): a
# statement, appeal, promise, meeting, demand, accusation, refusal or threat is addressed
# to someone; the city or country it was made in is where it was said, not to whom ("the
# minister said in Nairobi", "told reporters in Lima", "criticised the plan at a rally in
# Ohio"). Material acts done in a place are done to it ("imposed a curfew in X").
VERBAL_ROOTS = ("01", "02", "03", "04", "05", "10", "11", "12", "13")


def place_stands_for_target(cameo: str, lex, v=None) -> bool:
    """May the place where the act happened stand for its unnamed target? For material
    acts, as the CAMEO manual codes them ("rioted at a jail in Israel", "lifted the curfew in
    Montenegro"); for a visit, its destination ("arrived in Japan"); for a request of
    asylum, the country asked ("sought refuge in Pakistan"); not for other verbal acts,
    whose place is only where they were said."""
    if cameo[:2] not in VERBAL_ROOTS or cameo in lex.get("travel_codes", ()):
        return True
    return v is not None and cameo[:2] == "02" and any(
        o.lemma_.lower() in lex.get("shelter_nouns", ()) for o in objects(v))


def overflown(v, actors: ActorIndex) -> list:
    """The country a test missile flew over when a clause on the missile says so ("fired
    a missile that flew over northern Japan", "a rocket, which passed over Okinawa"): the
    target of a show of force (150) by the project's convention (docs/events.md)."""
    out = []
    for o in objects(v):
        for c in o.children:
            if c.dep_ in ("relcl", "acl") and c.pos_ == "VERB":
                out += [a for t in prep_objects([c], {"over", "across"}) for a in actors.at_all(t)
                        if a.get("country")]
    return out
