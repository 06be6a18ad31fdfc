"""Definite descriptions through the document: a noun phrase that names no actor by
itself but refers to one named before, or belongs to the country the document is about.

    "the ministry", "the lawmakers", "police" -> the earlier mention with that head word and
                                               sector and a country; else the home country
    "the envoy to Ukraine"                    -> the sending state's post, not Ukraine's
    "thousands of Iraqis"                     -> Iraqi civilians, not the Iraqi state
    "the group", "the rights group"           -> the organisation (of that kind) named before
    "the kingdom", "the country"              -> the state named before that fits
    "the two sides", "both leaders"           -> the last two actors of that kind

Called in that order by ``coref.resolve_references``, over its ``Discourse``.
"""
from __future__ import annotations

from ..textutil import doc_text
from .discourse import LOCATIVE_PREPS, Discourse, Sentences, head_word, singular, words
from .introduced import chain_to, refer

# Sentences back (from the description's own) where its antecedent may sit.
SECTOR_WINDOW = 3
# Unnamed armed men belong to an armed group named at most this many sentences before.
ARMED_WINDOW = 2


def _definite_np(doc, m) -> bool:
    """"the ministry", "these officials", or a bare plural ("Police said")."""
    ts = m.get("token_span")
    if not ts or doc is None:
        return False
    head = doc[ts[1] - 1]
    dets = [c for c in head.children if c.dep_ in ("det", "predet")]
    if ts[0] > 0 and doc[ts[0] - 1].lower_ in words().definite:
        return True
    if any(d.lower_ in words().definite for d in dets):
        return True
    return not dets and head.tag_ in ("NNS", "NNPS") and not any(
        c.dep_ in ("poss", "nummod") for c in head.children)


def definites(doc, mentions, disc: Discourse, sents: Sentences, sent_countries, home, w) -> None:
    """A sector-only mention ("the ministry", "the lawmakers", "police") takes the country
    of the earlier mention with the same head word and sector. "the government", "the
    police" (``home_heads``) mean the home country's, unless the previous sentence named
    another's; with no antecedent and no country in its sentence, a sector-only mention
    belongs to the country the document is about (``home_country``)."""
    for m in mentions:
        if m.get("country") or m.get("actor_id") or not m.get("agent") or m.get("kind") != "agent" \
                or m.get("candidates") or not _definite_np(doc, m):
            continue
        if _foreign(doc, m):
            m["foreign"] = True   # (the event coder does not give it the sentence's country)
            continue
        own = _modifier_country(doc, m, mentions)
        if own is not None:
            # "South Korean and international officials": the country said in its own
            # coordinated modifier, not an earlier "North Korean official"
            m.update(country=own["country"], code=own["country"] + m["agent"],
                     resolved_by="modifier", chain=chain_to(own), confidence=0.6)
            continue
        pos, s = m["span"][0], sents.of(m["span"][0])
        head = singular(head_word(m))
        kind = GROUP_KINDS.get(m["agent"])
        if head in w.group_heads and kind is not None:
            # "the rights group", "the aid group", "the rebel group": the organisation of
            # that kind named before (Amnesty, the Red Cross, Boko Haram), not a body of the
            # sentence's country
            org = next((c.m for c in disc.before(pos, s, SECTOR_WINDOW)
                        if c.members is None and c.m is not m and not c.place
                        and (c.m.get("actor_id") or "").startswith("org:")
                        and _group_kind(c.m) == kind), None)
            if org is not None:
                m.update({k: org.get(k) for k in ("code", "country", "agent", "actor_id", "name")})
                m.update(resolved_by="definite", chain=chain_to(org), confidence=0.55)
                continue
        holder = next((c.m for c in disc.before(pos, s, SECTOR_WINDOW)
                       if c.m is not m and c.members is None and c.m.get("code")
                       and singular(c.m.get("holder") or "") == head), None)
        if holder is not None:
            # "a spokesman for the EU ... the spokesman said": the one introduced, whose
            # code is the organisation's (compose._representatives)
            m.update({k: holder.get(k) for k in ("code", "country", "agent", "actor_id", "name")})
            m.update(resolved_by="definite", chain=chain_to(holder), confidence=0.6)
            continue
        same = [c for c in disc.before(pos, s, None)
                if c.m.get("country") and c.m is not m and c.members is None
                and singular(head_word(c.m)) == head and c.m.get("agent") == m["agent"]]
        if head in w.foreign_heads and not same:   # ("the Assad regime ... the regime")
            state = _state_nearby(doc, disc, m, pos, s, home)
            if state is not None:
                m.update(country=state["country"], code=state["country"] + m["agent"],
                         resolved_by="definite", chain=chain_to(state), confidence=0.5)
                continue
        ante, how = None, "definite"
        if m["agent"] in w.unnamed_armed:
            group = _armed_group_before(disc, pos, s, w)
            if group is not None:
                m.update(country=group["country"], agent=group["agent"],
                         code=group["country"] + group["agent"], resolved_by="armed-group",
                         chain=chain_to(group), confidence=0.5)
                continue
        if same and (head not in w.home_heads or home is None or s - same[0].sent <= 1):
            ante = same[0].m
        elif head in w.home_heads and home is not None:
            how = "home-country"
        elif home is not None and _introduced_before(disc, m, pos, s, head):
            # "A government spokesman said ... 'brokered by the Swiss government,' the
            # spokesman said": the one introduced before, not the other country's
            how = "home-country"
        elif sent_countries.get(s):
            continue   # the event coder gives it the sentence's own country
        else:
            ante = next((c.m for c in disc.before(pos, s, SECTOR_WINDOW)
                         if c.m.get("country") and c.members is None
                         and c.m.get("agent") == m["agent"]), None)
            if ante is None:
                if home is None:
                    continue
                how = "home-country"
        if ante is not None:
            country, chain = ante["country"], chain_to(ante)
        else:
            country, chain = home, []
        m.update(country=country, code=country + m["agent"], resolved_by=how, chain=chain,
                 confidence=0.6 if how == "definite" else 0.5)


STATE_WINDOW = 2


def _state_nearby(doc, disc: Discourse, m: dict, pos: int, s: int, home: str | None) -> dict | None:
    """The state "the regime" stands for: an actor of a country named in this or the two
    sentences before (not used as a place), the subject of its clause before one named in
    passing ("North Korea fired three missiles ... after visits from U.S. officials. The
    regime ..."), the nearest among equals. Not the subject of the regime's own verb
    ("Trump threatened the regime": one does not threaten oneself)."""
    ts = m.get("token_span")
    if doc is not None and ts and ts[1] <= len(doc):
        # "the regime in Pyongyang", "the regime of Kim Jong Un": it says whose
        by_token = {i: c.m for c in disc.cands if c.m.get("token_span")
                    for i in range(*c.m["token_span"])}
        own = next((by_token[o.i] for p in doc[ts[1] - 1].children
                    if p.dep_ == "prep" and p.lower_ in ("in", "of")
                    for o in p.children if o.dep_ == "pobj" and o.i in by_token
                    and by_token[o.i].get("country")), None)
        if own is not None:
            return own
    near = [c for c in disc.before(pos, s, STATE_WINDOW)
            if c.m is not m and c.m.get("country") and c.members is None and not c.place
            and not (c.sent == s and _co_argument(doc, c.m, m))]
    if not near:
        return None
    # a main-clause subject first; then a state other than the home one (a story told
    # from Washington does not call its own government "the regime"), then the nearest
    return min(enumerate(near), key=lambda kc: (kc[1].subject, kc[1].m["country"] == home,
                                                kc[0]))[1].m


def _co_argument(doc, a: dict, b: dict) -> bool:
    """Two mentions that are arguments of the same verb."""
    ta, tb = a.get("token_span"), b.get("token_span")
    if doc is None or not ta or not tb or max(ta[1], tb[1]) > len(doc):
        return False
    ha, hb = doc[ta[1] - 1], doc[tb[1] - 1]
    verb = lambda t: next((x for x in [t] + list(t.ancestors) if x.pos_ in ("VERB", "AUX")), None)  # noqa: E731
    va, vb = verb(ha), verb(hb)
    return va is not None and va == vb


FOREIGN_WORDS = frozenset({"foreign", "overseas", "international", "western", "world", "global"})
WORLDWIDE_PREPS = frozenset({"around", "across", "from", "throughout", "over"})
WORLD_NOUNS = frozenset({"world", "globe", "global"})


def _modifier_country(doc, m: dict, mentions) -> dict | None:
    """The one country named by a modifier of the mention's head that the mention's span
    left out, a coordinated one ("South Korean and international officials"); None when
    none or several ("Kenyan and Ugandan officials": each side, the coder's to split)."""
    ts = m.get("token_span")
    if not ts or doc is None or ts[1] > len(doc):
        return None
    head = doc[ts[1] - 1]
    mods = [c for c in head.children if c.dep_ in ("amod", "compound") and c.i < ts[0]]
    mods += [x for c in mods for x in c.conjuncts]
    at = {i: x for x in mentions if x.get("country") and x.get("token_span") and x is not m
          and x.get("kind") in ("country", "demonym", None)
          for i in range(*x["token_span"])}
    found = {at[c.i]["country"]: at[c.i] for c in mods if c.i in at}
    return next(iter(found.values())) if len(found) == 1 else None


def _foreign(doc, m: dict) -> bool:
    """"foreign banks", "Western diplomats", "world leaders": not the home country's, nor the sentence's
    ("other officials" are: other than the one named)."""
    ts = m.get("token_span")
    if not ts or doc is None or ts[1] > len(doc):
        return False
    head = doc[ts[1] - 1]
    if any(c.lower_ in FOREIGN_WORDS and (c.dep_ == "amod" or c.dep_ == "compound" and c.lower_ in WORLD_NOUNS)
           for c in head.children):   # (not the compound in "Service Employees International Union")
        return True
    # "leaders around the world", "governments from across the globe": of many countries
    return any(c.dep_ == "prep" and c.lower_ in WORLDWIDE_PREPS and any(
        t.lower_ in WORLD_NOUNS and t.dep_ == "pobj" for t in c.subtree) for c in head.children)


def posted_abroad(doc, mentions, home, w) -> None:
    """"the special envoy to Ukraine", "the ambassador in Kabul": a post abroad with no
    country of its own serves the state that sent it. The host named after to/in is
    recorded (``posted_to``: the event coder never gives the post that country); with a
    home country other than the host, the post is the home country's."""
    if doc is None:
        return
    by_token = {i: x for x in mentions if x.get("token_span")
                for i in range(x["token_span"][0], x["token_span"][1])}
    for m in mentions:
        ts = m.get("token_span")
        if not ts or m.get("country") or m.get("actor_id") or not m.get("agent") \
                or m.get("members") or ts[1] > len(doc):
            continue
        head = doc[ts[1] - 1]
        if singular(head.lower_) not in w.posted_heads:
            continue
        hosts = {x["country"] for p in head.children
                 if p.dep_ == "prep" and p.lower_ in w.posted_preps
                 for o in p.children if o.dep_ == "pobj"
                 for c in [o] + list(o.conjuncts)
                 for x in [by_token.get(c.i)] if x is not None and x.get("country")}
        if len(hosts) != 1:
            continue
        host = next(iter(hosts))
        m["posted_to"] = host
        if home is not None and home != host:
            m.update(country=home, code=home + m["agent"], resolved_by="home-country",
                     chain=[], confidence=0.5)


def counted_people(doc, mentions, w) -> None:
    """"many Nigerians", "thousands of Iraqis", "two Britons": a plural demonym that is
    counted names people of that country (CVL), not its state ("the Americans vetoed" is
    left alone)."""
    if doc is None:
        return
    for m in mentions:
        ts = m.get("token_span")
        if not ts or m.get("resolved_by") != "demonym" or m.get("agent") or not m.get("country"):
            continue
        head = doc[ts[1] - 1]
        if head.tag_ not in ("NNPS", "NNS"):
            continue
        counted = any(c.dep_ in ("amod", "nummod", "det", "quantmod") and
                      (c.lower_ in w.people_quantifiers or c.like_num) for c in head.children) or (
            head.dep_ == "pobj" and head.head.lower_ == "of" and
            head.head.head.lower_ in w.people_quantifiers)
        if counted:
            m.update(agent="CVL", code=m["country"] + "CVL")


def _introduced_before(disc: Discourse, m: dict, pos: int, sent: int, head: str) -> bool:
    """Was a mention with the same head word and sector, and no country of its own, made
    before (in an earlier sentence)?"""
    return any(c.m is not m and c.members is None and c.sent < sent and not c.m.get("country")
               and singular(head_word(c.m)) == head and c.m.get("agent") == m["agent"]
               for c in disc.before(pos, sent, SECTOR_WINDOW))


def _armed_group_before(disc: Discourse, pos: int, sent: int, w):
    """The armed group named last, in this sentence or the two before, that unnamed armed
    men ("gunmen", "the attackers") are part of: "A rebel commander ... Gunmen then ..."."""
    return next((c.m for c in disc.before(pos, sent, ARMED_WINDOW)
                 if c.members is None and c.m.get("country") and c.m.get("agent") in w.armed_groups),
                None)


# -- "the group" ---------------------------------------------------------------------------------

# Sectors of the state: its bodies are "the ministry", "the army", never "the group".
STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY"})


def definite_groups(doc, disc: Discourse, sents: Sentences, covered: set, w,
                     mentions: list[dict] | None = None) -> list[dict]:
    """"the group", "the organisation" (no agent noun of their own): the organisation or
    non-state group named last as a subject, in the sentence or the three before ("Amnesty
    International said ... The group also urged ..."; not "girls captured by Boko Haram ...
    The group, all of them ..."). Not "the group of ..." (a partitive names its own)."""
    if doc is None:
        return []
    mentions = mentions if mentions is not None else []
    by_token = {i: x for x in mentions if x.get("token_span")
                for i in range(x["token_span"][0], x["token_span"][1])}
    out = []
    for tok in doc:
        if tok.lower_ not in w.group_heads or tok.pos_ != "NOUN" or tok.tag_ != "NN" \
                or not any(c.dep_ == "det" and c.lower_ in w.definite for c in tok.children) \
                or any(c.dep_ in ("prep", "poss") for c in tok.children):
            continue
        mods = [c for c in tok.children if c.dep_ in ("amod", "compound", "nmod")]
        # "the militant group", "the Islamist militant group": describing words say which
        # kind of group (group_modifiers); any other modifier makes it a group of its own
        kinds = {w.group_modifiers.get(c.lower_) for c in mods}
        if None in kinds or len(kinds) > 1 or any(i in covered for i in range(tok.i, tok.i + 1)):
            continue
        want = next(iter(kinds)) if kinds else None
        pos, s = tok.idx, sents.of(tok.idx)
        ante = next((c.m for c in disc.before(pos, s, SECTOR_WINDOW)
                     if c.members is None and c.m.get("code") and not c.place and c.subject <= 1
                     and not c.m.get("unknown_person") and c.kind != "person"
                     and ((c.m.get("actor_id") or "").startswith("org:")
                          or (c.m.get("agent") and c.m["agent"] not in STATE_SECTORS))
                     and c.m.get("agent") not in STATE_SECTORS
                     and (want is None or (_group_kind(c.m) == want
                                           and (c.m.get("country") or (c.m.get("actor_id") or "").startswith("org:"))))),
                    None)
        if ante is None:
            continue
        det = min(c.i for c in tok.children if c.dep_ == "det")
        if any(i in covered and not _agent_only(by_token.get(i)) for i in range(det, tok.i + 1)):
            continue
        span = (doc[det].idx, tok.idx + len(tok.text))
        m = refer(ante, doc_text(doc)[span[0]:span[1]], span, "definite", 0.55)
        m["token_span"] = [det, tok.i + 1]
        out.append(m)
        # the sector word inside ("militant") is no actor of its own
        inside = {id(x) for i in range(det, tok.i) for x in [by_token.get(i)] if _agent_only(x)}
        mentions[:] = [x for x in mentions if id(x) not in inside]
    return out


GROUP_KINDS = {"REB": "armed", "RAD": "armed", "UAF": "armed", "HRI": "rights", "NGO": "aid"}
# the agents of each kind, for codes that carry them (NGAREB, USAHRI)
ARMED, RIGHTS, AID = (frozenset(a for a, k in GROUP_KINDS.items() if k == kind)
                      for kind in ("armed", "rights", "aid"))


def _agent_only(m) -> bool:
    return m is not None and m.get("kind") == "agent" and not m.get("country") and not m.get("actor_id")


def _group_kind(m: dict) -> str:
    """armed | rights | aid | other: which kind of group an organisation is, by its agent
    (GROUP_KINDS) or its code."""
    code, agent = m.get("code") or "", m.get("agent") or ""
    if agent in ARMED or code.startswith("IMG") or code[3:6] in ARMED:
        return "armed"
    if agent in RIGHTS or code.endswith("HRI") or code in ("NGOAMN",):
        return "rights"
    if agent in AID or code.startswith("NGO"):
        return "aid"
    return "other"


# -- "the kingdom" -------------------------------------------------------------------------------

STATE_WINDOW = 2


def _state_key(tok, w):
    """The ``state_descriptions`` entry a definite noun phrase headed by ``tok`` matches
    ("the Gulf state" -> "gulf state", "the kingdom" -> "kingdom"), or None. Not a name
    ("the Kingdom of Spain"), a compound ("the country music"), a predicate ("X is the
    country that ...") or a description with its own of-phrase or clause."""
    if tok.tag_ != "NN" or not tok.text.islower() or tok.dep_ in ("compound", "attr") \
            or not any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children) \
            or any(c.dep_ in ("poss", "relcl", "acl") or (c.dep_ == "prep" and c.lower_ == "of")
                   for c in tok.children):
        return None
    mods = [c for c in tok.children if c.dep_ in ("amod", "compound", "nmod") and c.i < tok.i]
    if len(mods) == 1 and f"{mods[0].lower_} {tok.lower_}" in w.states:
        return f"{mods[0].lower_} {tok.lower_}"
    if not mods and tok.lower_ in w.states:
        return tok.lower_
    if len(mods) == 1 and mods[0].lower_ in w.state_adjectives:
        # "the isolated state", "the oil-rich kingdom"
        return tok.lower_ if tok.lower_ in w.states else "country" if tok.lower_ == "state" else None
    return None


def definite_states(doc, disc: Discourse, sents: Sentences, covered: set, w, home=None) -> list[dict]:
    """"the kingdom", "the emirate", "the Gulf state": the state named last (in its
    sentence or the two before; subjects first) that the description fits
    (``state_descriptions``); "the country", "the nation" (fit any state): the one country
    named there, or the document's own when it is among them. The mention names the
    country itself, as its name would. Not where something happens ("rallies throughout
    the country", "the best law in the nation"): a place, not an actor."""
    if doc is None:
        return []
    out = []
    for tok in doc:
        if tok.i in covered or tok.pos_ != "NOUN":
            continue
        key = _state_key(tok, w)
        if key is None or (tok.dep_ == "pobj" and tok.head.lower_ in LOCATIVE_PREPS | {"around", "within", "over"}):
            continue
        fits = w.states[key]
        pos, s = tok.idx, sents.of(tok.idx)
        cands = [c for c in disc.before(pos, s, STATE_WINDOW)
                 if (cty := c.m.get("country")) and c.members is None and not c.m.get("unknown_person")
                 and not c.m.get("posted_to") and len(cty) == 3 and cty not in ("IGO", "NGO")
                 and (fits is None or cty in fits)]
        if not cands:
            continue
        if fits is None:
            named = {c.m["country"] for c in cands}
            if len(named) == 1:
                cty = named.pop()
            elif home in named:
                cty = home
            else:
                continue   # "the country" among several: unclear which
            best = next(c for c in cands if c.m["country"] == cty)
        else:
            best = min(cands, key=lambda c: (s - c.sent, c.subject))
            cty = best.m["country"]
            rivals = {c.m["country"] for c in cands if c.sent == best.sent and c.subject == best.subject}
            if len(rivals) > 1:
                continue
        first = min([tok] + [c for c in tok.children if c.dep_ in ("det", "amod", "compound", "nmod")],
                    key=lambda x: x.i)
        if any(i in covered for i in range(first.i, tok.i + 1)):
            continue
        span = (first.idx, tok.idx + len(tok.text))
        m = refer(best.m, doc_text(doc)[span[0]:span[1]], span, "definite-state", 0.55)
        m.update(code=cty, country=cty, agent=None, actor_id="country:" + cty, name=None,
                 kind="country", token_span=[first.i, tok.i + 1])
        m.pop("role", None)
        out.append(m)
    return out


# -- "the two sides" ---------------------------------------------------------------------------------

def pairs(doc, disc: Discourse, sents: Sentences, covered: set, w) -> list[dict]:
    if doc is None:
        return []
    out = []
    for tok in doc:
        want = w.pair_heads.get(tok.lower_)
        if want is None or not any(c.lower_ in w.pair_words and c.dep_ in ("nummod", "det", "predet")
                                   for c in tok.children):
            continue
        pos, s = tok.idx, sents.of(tok.idx)
        cands = [c for c in disc.before(pos, s, SECTOR_WINDOW)
                 if c.members is None and c.m.get("country") and not c.place
                 and not (want == "country" and c.kind == "person")]
        found: list[dict] = []
        # "the two leaders": two people first (of two countries), else two countries
        for pool in ([c for c in cands if c.kind == "person"], cands) if want == "person" else (cands,):
            found = []
            for c in pool:
                if any(f.get("country") == c.m["country"] for f in found):
                    continue
                found.append(c.m)
                if len(found) == 2:
                    break
            if len(found) == 2:
                break
        if len(found) < 2:
            continue
        span = (tok.idx, tok.idx + len(tok.text))
        first = min(c.i for c in tok.children if c.lower_ in w.pair_words)
        span = (doc[first].idx, span[1])
        members = [refer(a, doc_text(doc)[span[0]:span[1]], span, "pair", 0.6) for a in reversed(found)]
        if want == "person":   # "the two leaders" of two countries: their governments
            for x in members:
                if not x.get("agent") and x.get("country"):
                    x.update(agent="GOV", code=x["country"] + "GOV")
        m = dict(members[0])
        m.update(members=members, code=None, country=None, agent=None, actor_id=None, name=None,
                 token_span=[first, tok.i + 1])
        for x in members:
            x["token_span"] = [first, tok.i + 1]
        if not (covered & set(range(first, tok.i + 1))) or tok.i in covered:
            out.append(m)
    return out
