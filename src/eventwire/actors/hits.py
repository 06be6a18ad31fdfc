"""Dictionary hits before they are composed into mentions: which actors a name hit
names, and the hits that are not actors where they stand — a name inside a longer
proper name ("the Erskine Sandiford Centre"), a place after an honorific ("Mr. Ortega"),
an agent noun inside a hyphenated adjective ("multi-party elections"), a city inside a
person's name ("Omar Hassan al-Bashir")."""
from __future__ import annotations

from .resolver import FORM_RANK, ActorResolver, Hit

# Capitalised words that never start an unknown name after a title.
NOT_NAMES = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
             "january", "february", "march", "april", "may", "june", "july", "august",
             "september", "october", "november", "december", "the", "a", "an", "and", "but",
             "on", "in", "of", "for", "to", "said", "says", "he", "she", "it", "they", "this",
             "that", "however", "on", "at", "by", "with", "from", "as"}


def name_actors(r: ActorResolver, hit: Hit) -> list[str]:
    """Distinct actors of a name hit, keeping the best-ranked kind of form."""
    best = min(FORM_RANK.get(f.how, 2) for f in hit.forms)
    out = []
    for f in hit.forms:
        if FORM_RANK.get(f.how, 2) == best and f.actor_id not in out:
            out.append(f.actor_id)
    return out


def how_of(hit: Hit) -> str:
    return hit.forms[0].how if hit.forms else ""


def kind_of(r: ActorResolver, hit: Hit) -> str | None:
    if hit.kind != "name":
        return hit.kind
    ids = name_actors(r, hit)
    kinds = {r.actors[a].kind for a in ids}
    return kinds.pop() if len(kinds) == 1 else "mixed"


NAME_PARTICLES = {"de", "da", "del", "della", "di", "dos", "das", "du", "van", "von", "der",
                  "bin", "ibn", "al", "el", "le", "la", "ben", "y"}


def glued_name_word(r, text, toks, k: int, before: bool) -> bool:
    """Is token k a word of the same proper name as its neighbour (only blanks between,
    capitalised, not a sentence opener)? After a name a lower-case particle followed by
    a capitalised word counts too ("Bill de Blasio", "Abdel-Fattah el-Sissi")."""
    if k < 0 or k >= len(toks):
        return False
    t = toks[k]
    a, b = (t.end, toks[k + 1].start) if before else (toks[k - 1].end, t.start)
    if text[a:b].strip(" -") or "\n" in text[a:b]:
        return False
    if before:
        opener = text[max(0, t.start - 8):t.start].rstrip()[-1:] in ("", ".", "!", "?", '"', "“", ":")
        # an honorific ("Sir", "Dr") comes before a name, it is not a word of it
        return r._capitalised(t) and t.key not in NOT_NAMES and not opener \
            and t.key not in r.data.honorifics
    if t.key in NAME_PARTICLES and k + 1 < len(toks):
        return glued_name_word(r, text, toks, k + 1, False) and r._capitalised(toks[k + 1])
    return r._capitalised(t) and t.key not in NOT_NAMES


def drop_people_inside_longer_names(r: ActorResolver, text, toks, hits) -> list[Hit]:
    """A Phoenix name inside a longer proper name is someone or something else: "John
    Addo Kufuor" is not "Addo Kufuor", the "Erskine Sandiford Centre" is a building, a
    hospital named after a brigade's martyrs is no armed group. This holds for Phoenix
    people, organisations and places alike (acronyms excepted: "NSC staff"); a title or
    agent noun after the name starts a hit of its own and keeps it ("Petrobras
    President"). The package's own names are matched as before."""
    starts = {h.i for h in hits if h.kind != "short"}
    out = []
    for h in hits:
        if h.kind == "name" and h.forms and all(f.layer == 0 and not f.acronym for f in h.forms) \
                and kind_of(r, h) in ("person", "org", "place") and (
                    (h.i - 1 not in starts and not any(x.j == h.i and x.kind != "short" for x in hits)
                     and glued_name_word(r, text, toks, h.i - 1, True))
                    or (h.j not in starts and glued_name_word(r, text, toks, h.j, False))):
            continue
        if h.kind == "name" and h.forms and kind_of(r, h) == "org" \
                and not any(f.acronym for f in h.forms) and h.i - 1 not in starts \
                and not any(x.j == h.i and x.kind != "short" for x in hits) \
                and glued_name_word(r, text, toks, h.i - 1, True) \
                and toks[h.j - 1].key in PARTY_WORDS:
            # "the Reunification Democratic Party", "the Progressive Conservative Party":
            # another party whose name ends like a known one (our own names too)
            continue
        out.append(h)
    return out


# Last words of party names that other parties' names end with as well
PARTY_WORDS = frozenset({"party", "front", "movement", "alliance", "union", "congress", "league"})


def drop_agents_in_compounds(r: ActorResolver, text, toks, hits) -> list[Hit]:
    """An agent noun hyphenated to a prefix of the lexicon's ``compound_prefixes``
    ("multi-party elections", "anti-government protests") is part of an adjective, not
    an actor."""
    pre = r.data.compound_prefixes
    if not pre:
        return hits
    out = []
    for h in hits:
        k = h.i - 1
        if (h.kind == "agent" and h.j - h.i == 1 and k >= 0 and toks[k].key in pre
                and text[toks[k].end:toks[h.i].start] == "-"):
            continue
        out.append(h)
    return out


# Agent nouns that are also everyday adjectives: "an official visit", "the official
# channel" name no official (the parse says which: an adjective modifying a noun).
ADJECTIVE_SENSES = frozenset({"official"})
# People named by what was done to them are no one when they modify another noun: "a
# hostage swap", "the hostage crisis", "victim support" (the parser's compound).
MODIFIER_SENSES = frozenset({"hostage", "hostages", "victim", "victims", "captive", "captives"})


def drop_adjective_senses(toks, hits, doc) -> list[Hit]:
    """An agent noun the parser reads as an adjective on another noun ("the official
    channel"), or a victim noun as a modifier ("a hostage swap"), is no actor."""
    if doc is None:
        return hits
    out = []
    for h in hits:
        if h.kind == "agent" and h.j - h.i == 1 and toks[h.i].key in ADJECTIVE_SENSES:
            span = doc.char_span(toks[h.i].start, toks[h.i].end)
            if span is not None and len(span) == 1 and span[0].pos_ == "ADJ" \
                    and span[0].dep_ == "amod" and span[0].head.pos_ == "NOUN":
                continue
        if h.kind == "agent" and h.j - h.i == 1 and toks[h.i].key in MODIFIER_SENSES:
            span = doc.char_span(toks[h.i].start, toks[h.i].end)
            if span is not None and len(span) == 1 and span[0].dep_ == "compound" \
                    and span[0].head.pos_ in ("NOUN", "PROPN") and span[0].head.i > span[0].i:
                continue
        out.append(h)
    return out


def after_honorifics(r: ActorResolver, text, toks, hits) -> list[Hit]:
    """After "Mr."/"Mrs."/"Dr." comes a person's name: a place, country or organisation
    of the same spelling is not meant ("Mr. Ortega" is no town). The word stays a
    surname to resolve through the document (short form), or nothing."""
    if not r.data.honorifics:
        return hits
    out = []
    for h in hits:
        k = h.i - 1
        if (h.kind == "name" and k >= 0 and toks[k].key in r.data.honorifics
                and r._capitalised(toks[k]) and not text[toks[k].end:toks[h.i].start].strip(" .")
                and kind_of(r, h) != "person"):
            if toks[h.i].key in r.short_index:
                out.append(Hit(h.i, h.i + 1, "short"))
            continue
        out.append(h)
    return out


ADMIN_WORDS = {"state", "province", "region", "city", "district", "county", "governorate",
               "oblast", "prefecture", "municipality", "mayor", "authorities", "police"}


def _person_hit(r: ActorResolver, h: Hit) -> bool:
    """A hit that is a person's surname, known or not: after a city-named given name
    ("George Foulkes") it makes one name with it."""
    return h.kind == "short" or h.kind == "name" and bool(h.forms) and all(
        getattr(r.data.actors.get(f.actor_id), "kind", None) == "person" for f in h.forms)


def drop_cities_inside_names(r: ActorResolver, text, toks, hits) -> list[Hit]:
    """A city name inside a longer proper name is part of that name ("Omar Hassan
    al-Bashir", "King Hassan"), unless an administrative word follows ("Kano State")."""
    starts = {h.i: h for h in hits}
    ends = {h.j: h for h in hits}
    in_hit = None   # tokens inside any hit; built once, only when a city hit needs it
    out = []
    for h in hits:
        if h.kind == "name" and h.forms and all(f.how == "city" for f in h.forms):
            if in_hit is None:   # (a surname hit is still a word of the longer name)
                in_hit = {k for x in hits if x.kind != "short" for k in range(x.i, x.j)}
            prev_title = ends.get(h.i)
            glued_before = (h.i > 0 and r._capitalised(toks[h.i - 1]) and toks[h.i - 1].key not in NOT_NAMES
                            and not text[toks[h.i - 1].end:toks[h.i].start].strip(" -")
                            and (h.i - 1 not in in_hit
                                 or (prev_title is not None and prev_title.kind == "agent")))
            nxt = h.j < len(toks) and toks[h.j]
            glued_after = (nxt and r._capitalised(nxt) and nxt.key not in ADMIN_WORDS
                           and nxt.key not in NOT_NAMES
                           and (h.j not in starts or _person_hit(r, starts[h.j]))
                           and not text[toks[h.j - 1].end:nxt.start].strip(" -"))
            initial = (nxt and len(nxt.text.rstrip(".")) == 1 and nxt.text[0].isupper()
                       and h.j + 1 < len(toks) and r._capitalised(toks[h.j + 1])
                       and not text[toks[h.j - 1].end:nxt.start].strip())
            if glued_before or glued_after or initial:   # ("George A. Lopez": a middle initial)
                continue
        out.append(h)
    return out




SIDE_DETERMINERS = {"the", "this", "that", "these", "those", "a", "an", "any", "all", "its",
                    "their"}


def drop_sides_of_disputes(r: ActorResolver, text, toks, hits) -> list[Hit]:
    """A bare "party" noun naming a side of a dispute or an agreement is no political
    party: "the warring parties", "all parties concerned", "the parties to the accord"
    (agents.yaml: side_party_before / side_party_after). A country or organisation
    before it ("Kenya's ruling party") makes a phrase of its own and is not touched."""
    before, after = r.data.side_party_before, r.data.side_party_after
    if not (before or after):
        return hits
    out = []
    for h in hits:
        if h.kind == "agent" and h.j - h.i == 1 and h.agent.agent == "PTY" \
                and toks[h.i].key in ("party", "parties"):
            k = h.i - 1
            prev = toks[k].key if k >= 0 and not text[toks[k].end:toks[h.i].start].strip() else None
            nxt = toks[h.j].key if h.j < len(toks) and not text[toks[h.j - 1].end:toks[h.j].start].strip() \
                else None
            det = toks[h.j + 1].key if h.j + 1 < len(toks) else None
            if prev in before or (nxt in after and (nxt != "to" or det in SIDE_DETERMINERS)):
                continue
        out.append(h)
    return out
